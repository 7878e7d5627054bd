#!/usr/bin/env python3
"""The PyTorch peer of `hebb bench train`: the same model, optimizer, batch size and data.

Trains the guide's seed CNN (or the 784-128-64-10 MLP, or ResNet-20) on the first N Fashion-MNIST training
images with Adam (lr 1e-3) and prints one line: `pytorch img/s=<float>` (median of --reps
timed passes over the N images, after warming up on the first 20 batches, again and again until
--warmup seconds have passed, as hebb does).

Needs Debian's python3-torch and, for a fair figure, libopenblas0-pthread (without it PyTorch
runs on the reference BLAS, ~90x slower). Run with /usr/bin/python3.
"""
import argparse
import gzip
import os
import statistics
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, rank = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 8:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def find(data_dir, base):
    for name in (base, base + ".gz"):
        p = os.path.join(data_dir, name)
        if os.path.exists(p):
            return p
    raise FileNotFoundError(f"{base} not found in {data_dir}")


class BasicBlock(nn.Module):
    """relu(bn(conv3x3(relu(bn(conv3x3(x))))) + shortcut(x)), shortcut = bn(conv1x1) when the shape changes."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
            nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.shortcut = (nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
                         if stride != 1 or cin != cout else nn.Identity())

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


def resnet20():
    """hebb's zoo resnet20: He et al.'s CIFAR ResNet-20 (3 stages of 3 blocks, 16-32-64) on 1 channel."""
    layers = [nn.Conv2d(1, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU()]
    cin = 16
    for stage, cout in enumerate((16, 32, 64)):
        for block in range(3):
            stride = 2 if stage > 0 and block == 0 else 1
            layers.append(BasicBlock(cin, cout, stride))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)]
    return nn.Sequential(*layers)


def model_for(name):
    if name == "resnet20":
        return resnet20()
    if name == "seed-cnn":
        return nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 64, 3), nn.ReLU(),
            nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(64, 10))  # softmax is fused into CrossEntropyLoss, as hebb fuses it
    if name == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(),
                             nn.Linear(64, 10))
    raise ValueError(f"unknown model {name}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="seed-cnn")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--samples", type=int, default=10240)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--warmup", type=float, default=5.0)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    x = read_idx(find(a.data, "train-images-idx3-ubyte"))[:a.samples].astype(np.float32) / 255.0
    y = read_idx(find(a.data, "train-labels-idx1-ubyte"))[:a.samples].astype(np.int64)
    x = torch.from_numpy(x).reshape(-1, 1, 28, 28)  # PyTorch is NCHW
    y = torch.from_numpy(y)
    model = model_for(a.model)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    model.train()

    def one_pass(limit=None):
        perm = torch.randperm(x.shape[0])
        for i in range(0, x.shape[0] if limit is None else min(limit, x.shape[0]), a.batch):
            idx = perm[i:i + a.batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()

    w0 = time.perf_counter()
    while True:  # warm-up, as hebb does
        one_pass(limit=20 * a.batch)
        if time.perf_counter() - w0 >= a.warmup:
            break
    times = []
    for _ in range(a.reps):
        t0 = time.perf_counter()
        one_pass()
        times.append(time.perf_counter() - t0)
    print(f"pytorch img/s={x.shape[0] / statistics.median(times):.1f} threads={torch.get_num_threads()}")


if __name__ == "__main__":
    sys.exit(main())
