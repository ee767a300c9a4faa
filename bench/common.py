"""Shared set-up for the benchmarks: the seeds repeated to a size, and the yardstick."""

from __future__ import annotations

import argparse
import logging
import platform
import time
from collections.abc import Iterable
from pathlib import Path

import jieba

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def corpus(description: str) -> list[tuple[str, bytes]]:
    """(name, bytes) of the seeds repeated to `--mb` megabytes (default 5)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    args = parser.parse_args()
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    copies = max(1, int(args.mb * 1e6 / sum(len(s) for s in seeds)))
    return [(f"{i}-{j}.txt", data) for i in range(copies) for j, data in enumerate(seeds)]


def jieba_seconds(texts: Iterable[str]) -> float:
    """One plain jieba pass (HMM off) over `texts`: the yardstick."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    start = time.perf_counter()
    for text in texts:
        for _ in tokenizer.cut(text, HMM=False):
            pass
    return time.perf_counter() - start


def machine() -> str:
    return f"{platform.machine()}, Python {platform.python_version()}, one core"
