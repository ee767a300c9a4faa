"""Mention extraction throughput on the seeds repeated to about 5 MB.

    python bench/mentions.py [--mb 5]

Measures, on one core: repair + sentences + date (the document stages), mention
extraction alone (quantities, periods, entities), and one plain jieba pass (HMM off) over
the same repaired text as the yardstick. Prints a Markdown table for README.md.
"""

from __future__ import annotations

import argparse
import logging
import platform
import time
from pathlib import Path

import jieba

from checker.dates import publication_date
from checker.documents import parse_document
from checker.mentions import extract_mentions
from checker.normalize import normalize
from checker.pipeline import Toolkit
from checker.ruleset import load_ruleset
from checker.segment import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    args = parser.parse_args()
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    copies = max(1, int(args.mb * 1e6 / sum(len(s) for s in seeds)))
    docs = [parse_document(raw, f"{i}-{j}", f"{i}-{j}") for i in range(copies) for j, raw in enumerate(seeds)]
    size = sum(len(d.text.encode()) for d in docs)
    tools = Toolkit(load_ruleset())

    t0 = time.perf_counter()
    prepared = []
    for d in docs:
        norm = normalize(d, tools.repairer)
        sentences = split_sentences(norm, d.text)
        date, _ = publication_date(d, norm, sentences, tools.rules.dates)
        prepared.append((norm, sentences, date.value))
    t1 = time.perf_counter()
    mentions = sum(
        len(m.quantities) for norm, sentences, pub in prepared
        for m in extract_mentions(norm.text, sentences, pub, tools.mentions)
    )
    t2 = time.perf_counter()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    t3 = time.perf_counter()
    for norm, _, _ in prepared:
        for _ in tokenizer.cut(norm.text, HMM=False):
            pass
    t4 = time.perf_counter()

    mb = size / 1e6
    chars = sum(len(n.text) for n, _, _ in prepared)
    print(f"corpus: {len(docs)} documents, {mb:.2f} MB, {chars:,} characters; "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, one core")
    print()
    print("| stage | seconds | MB/s | characters/s |")
    print("|---|---:|---:|---:|")
    for name, secs in (("repair + sentences + date", t1 - t0), ("mentions (quantities, periods, entities)", t2 - t1),
                       ("jieba pass, HMM off (yardstick)", t4 - t3)):
        print(f"| {name} | {secs:.2f} | {mb / secs:.2f} | {chars / secs:,.0f} |")
    print(f"\n{mentions:,} quantities found.")


if __name__ == "__main__":
    main()
