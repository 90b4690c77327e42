#!/usr/bin/env python3
"""Rebuilds this Fashion-MNIST subset from the full dataset (standard library only).

Usage: make_subset.py SOURCE_DIR   (e.g. /usr/share/datasets/fashion-mnist)

Keeps, in file order, the first 200 images of each class from the training files and the first 50 of each
class from the test files, and writes them as gzip-compressed IDX files with a fixed gzip header (no name,
mtime 0) so the output is byte-for-byte reproducible.
"""
import gzip
import struct
import sys
from pathlib import Path

SPLITS = {"train": 200, "t10k": 50}  # images kept per class
CLASSES = 10


def read(path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        return f.read()


def find(source, name):
    for candidate in (source / name, source / (name + ".gz")):
        if candidate.exists():
            return candidate
    sys.exit(f"{source / name}[.gz] not found")


def write(path, data):
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
        f.write(data)


def main():
    source, target = Path(sys.argv[1]), Path(__file__).resolve().parent
    for split, per_class in SPLITS.items():
        images = read(find(source, f"{split}-images-idx3-ubyte"))
        labels = read(find(source, f"{split}-labels-idx1-ubyte"))
        count, rows, columns = struct.unpack(">III", images[4:16])
        assert images[:4] == b"\x00\x00\x08\x03" and labels[:4] == b"\x00\x00\x08\x01"
        size = rows * columns
        taken, kept = [0] * CLASSES, []
        for i in range(count):
            label = labels[8 + i]
            if taken[label] < per_class:
                taken[label] += 1
                kept.append(i)
        write(target / f"{split}-images-idx3-ubyte.gz",
              struct.pack(">IIII", 0x803, len(kept), rows, columns)
              + b"".join(images[16 + i * size:16 + (i + 1) * size] for i in kept))
        write(target / f"{split}-labels-idx1-ubyte.gz",
              struct.pack(">II", 0x801, len(kept)) + bytes(labels[8 + i] for i in kept))
        print(f"{split}: kept {len(kept)} of {count}, last source index {kept[-1]}")


if __name__ == "__main__":
    main()
