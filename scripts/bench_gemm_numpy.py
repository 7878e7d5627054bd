#!/usr/bin/env python3
"""NumPy's float32 GEMM (its BLAS, usually OpenBLAS) timed the way `hebb bench gemm` times hebb's.

Usage: bench_gemm_numpy.py --threads 2 --reps 5 --shapes 1024x1024x1024:NN,21632x64x288:NN

A shape is MxNxK with an optional :OP of two letters, N or T for A and B: C[m, n] = op(A) op(B),
where a T operand is stored transposed ([k, m] for A, [n, k] for B) and passed as a transposed
view, so the BLAS sees a transpose flag, not a copy. Prints one line per shape:
    MxNxK:OP GFLOPS
after a first line starting with '#' that names the NumPy version and its BLAS.
The thread count must be fixed before NumPy loads its BLAS, so this script sets
OPENBLAS_NUM_THREADS, OMP_NUM_THREADS and MKL_NUM_THREADS itself before importing numpy.
"""
import argparse
import os
import sys
import time


def parse_shape(text):
    dims, _, op = text.partition(":")
    m, n, k = (int(x) for x in dims.lower().split("x"))
    op = (op or "NN").upper()
    if len(op) != 2 or any(ch not in "NT" for ch in op):
        raise ValueError(f"bad op '{op}' in shape '{text}' (expected NN, NT, TN or TT)")
    return m, n, k, op


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", required=True, help="comma-separated MxNxK[:OP]")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--reps", type=int, default=5, help="timed repetitions; the median is printed")
    parser.add_argument("--min-time", type=float, default=0.05, help="seconds one repetition lasts at least")
    args = parser.parse_args()
    try:
        shapes = [parse_shape(s) for s in args.shapes.split(",") if s]
    except ValueError as e:
        parser.error(str(e))

    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    import numpy as np  # after the thread variables, on purpose

    blas = "unknown BLAS"
    try:
        config = np.show_config(mode="dicts")
        info = config.get("Build Dependencies", {}).get("blas", {})
        blas = f"{info.get('name', '?')} {info.get('version', '')}".strip()
    except Exception:  # older NumPy: no dict mode
        pass
    try:
        import threadpoolctl
        threadpoolctl.threadpool_limits(args.threads)
    except ImportError:
        pass
    print(f"# numpy {np.__version__}, {blas}, threads={args.threads}", flush=True)

    rng = np.random.default_rng(1)
    for m, n, k, op in shapes:
        a = rng.random((k, m) if op[0] == "T" else (m, k), dtype=np.float32) - 0.5
        b = rng.random((n, k) if op[1] == "T" else (k, n), dtype=np.float32) - 0.5
        a_op = a.T if op[0] == "T" else a
        b_op = b.T if op[1] == "T" else b
        c = np.empty((m, n), dtype=np.float32)
        flop = 2.0 * m * n * k
        # Warm-up, and how many calls make one repetition last min_time.
        t0 = time.perf_counter()
        calls = 0
        while calls < 2 or time.perf_counter() - t0 < 0.2:
            np.matmul(a_op, b_op, out=c)
            calls += 1
        per_call = (time.perf_counter() - t0) / calls
        inner = max(1, int(args.min_time / per_call))
        results = []
        for _ in range(max(1, args.reps)):
            t0 = time.perf_counter()
            for _ in range(inner):
                np.matmul(a_op, b_op, out=c)
            results.append(flop * inner / (time.perf_counter() - t0) / 1e9)
        results.sort()
        print(f"{m}x{n}x{k}:{op} {results[len(results) // 2]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
