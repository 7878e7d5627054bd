#!/usr/bin/env python3
"""Open a safetensors file with the Python standard library and NumPy only (no safetensors
package) and print what it holds: one line per tensor, then the metadata.

    python3 scripts/check_safetensors.py model.safetensors

Output, tab-separated:
    header<TAB>N
    tensor<TAB>name<TAB>dtype<TAB>shape as 2,3 (empty for a scalar)<TAB>sum<TAB>min<TAB>max
(sum in float64; min and max exact; all as Python reprs, "nan" for an empty tensor's min/max)
    meta<TAB>key<TAB>value as JSON
The format (https://github.com/huggingface/safetensors): 8-byte little-endian header length N,
N bytes of UTF-8 JSON, then the tensors' bytes (little-endian, row-major). The script checks the
layout as it reads: offsets inside the data, tensors contiguous from byte 0 to the end, byte
sizes equal to shape x dtype size. It exits with status 1 and a message on a malformed file.
"""
import json
import struct
import sys

import numpy as np

DTYPES = {
    "F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2",
    "I8": "i1", "U8": "u1", "U16": "<u2", "U32": "<u4", "U64": "<u8", "BOOL": "?",
}


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError(f"{path}: {len(raw)} bytes, too short for the header length")
    (n,) = struct.unpack("<Q", raw[:8])
    if n > len(raw) - 8:
        raise ValueError(f"{path}: header length {n} exceeds the file")
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = memoryview(raw)[8 + n:]
    metadata = header.pop("__metadata__", {})
    tensors = {}
    spans = []
    for name, info in header.items():
        dtype = np.dtype(DTYPES[info["dtype"]])
        shape = tuple(info["shape"])
        begin, end = info["data_offsets"]
        count = int(np.prod(shape, dtype=np.int64)) if shape else 1
        if end - begin != count * dtype.itemsize or end > len(data) or begin < 0:
            raise ValueError(f"{path}: tensor {name!r}: offsets {begin, end} do not fit shape {shape}")
        spans.append((begin, end, name))
        tensors[name] = np.frombuffer(data[begin:end], dtype=dtype).reshape(shape)
    position = 0
    for begin, end, name in sorted(spans):
        if begin != position:
            raise ValueError(f"{path}: tensor {name!r} starts at {begin}, expected {position}")
        position = end
    if position != len(data):
        raise ValueError(f"{path}: tensors cover {position} of {len(data)} data bytes")
    return tensors, metadata, n


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        tensors, metadata, n = read(argv[1])
    except (ValueError, KeyError, UnicodeDecodeError, json.JSONDecodeError) as e:
        print(f"check_safetensors: {e}", file=sys.stderr)
        return 1
    print(f"header\t{n}")
    for name, t in tensors.items():
        shape = ",".join(str(d) for d in t.shape)
        total = float(t.astype(np.float64).sum())
        lo = float(t.min()) if t.size else float("nan")
        hi = float(t.max()) if t.size else float("nan")
        print(f"tensor\t{name}\t{t.dtype.str}\t{shape}\t{total!r}\t{lo!r}\t{hi!r}")
    for key, value in metadata.items():
        print(f"meta\t{key}\t{json.dumps(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
