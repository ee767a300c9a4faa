"""End-to-end claims throughput on the seeds repeated to about 5 MB.

    python bench/claims.py [--mb 5]

Reads bytes already in memory (no disk), then runs every stage up to claim records on
one core: repair, sentences, date, mentions, claims. One plain jieba pass (HMM off) over
the same repaired text is the yardstick. Prints a Markdown table for README.md.
"""

from __future__ import annotations

import argparse
import logging
import platform
import time
from pathlib import Path

import jieba

from checker.documents import parse_document
from checker.pipeline import Toolkit, analyse
from checker.ruleset import load_ruleset

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    args = parser.parse_args()
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    copies = max(1, int(args.mb * 1e6 / sum(len(s) for s in seeds)))
    raw = [(f"{i}-{j}", data) for i in range(copies) for j, data in enumerate(seeds)]
    size = sum(len(d) for _, d in raw)
    tools = Toolkit(load_ruleset())
    analyse(parse_document(seeds[0], "warm", "warm"), tools)  # build matchers and jieba once

    t0 = time.perf_counter()
    analyses = [analyse(parse_document(data, name, name), tools) for name, data in raw]
    t1 = time.perf_counter()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    t2 = time.perf_counter()
    for a in analyses:
        for _ in tokenizer.cut(a.normalized.text, HMM=False):
            pass
    t3 = time.perf_counter()

    mb = size / 1e6
    claims = sum(len(a.claims) for a in analyses)
    print(f"corpus: {len(raw)} documents, {mb:.2f} MB; {platform.machine()}, Python "
          f"{platform.python_version()}, one core")
    print()
    print("| stage | seconds | MB/s |")
    print("|---|---:|---:|")
    print(f"| read + repair + sentences + date + mentions + claims | {t1 - t0:.2f} | {mb / (t1 - t0):.2f} |")
    print(f"| jieba pass, HMM off (yardstick) | {t3 - t2:.2f} | {mb / (t3 - t2):.2f} |")
    print(f"\n{claims:,} claims; end-to-end costs {(t1 - t0) / (t3 - t2):.2f}× one jieba pass.")


if __name__ == "__main__":
    main()
