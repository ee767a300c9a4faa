"""Mention extraction throughput on the seeds repeated to about 5 MB.

    python bench/mentions.py [--mb 5]

Measures, on one core: repair + sentences + date (the document stages), mention
extraction alone (quantities, periods, entities), and one plain jieba pass (HMM off) over
the same repaired text as the yardstick. Prints a Markdown table for README.md.
"""

from __future__ import annotations

import time

from common import corpus, jieba_seconds, machine

from checker.ingest.documents import parse_document
from checker.mentions.collect import extract_mentions
from checker.mentions.pubdate import publication_date
from checker.mentions.segment import split_sentences
from checker.pipeline import Toolkit
from checker.repair.normalize import normalize
from checker.ruleset import load_ruleset


def main() -> None:
    raw = corpus(__doc__.splitlines()[0])
    docs = [parse_document(data, name, name) for name, data in raw]
    size = sum(len(data) for _, data in raw)
    tools = Toolkit(load_ruleset())
    t0 = time.perf_counter()
    prepared = []
    for d in docs:
        norm = normalize(d, tools.repairer)
        sentences = split_sentences(norm, d.text)
        date, _ = publication_date(d, norm, sentences, tools.rules.dates)
        prepared.append((norm, sentences, date.value))
    t1 = time.perf_counter()
    found = sum(
        len(m.quantities)
        for norm, sentences, pub in prepared
        for m in extract_mentions(norm.text, sentences, pub, tools.mentions)
    )
    t2 = time.perf_counter()
    yardstick = jieba_seconds(norm.text for norm, _, _ in prepared)
    mb, chars = size / 1e6, sum(len(n.text) for n, _, _ in prepared)
    print(f"corpus: {len(docs)} documents, {mb:.2f} MB, {chars:,} characters; {machine()}\n")
    print("| stage | seconds | MB/s | characters/s |")
    print("|---|---:|---:|---:|")
    for name, secs in (
        ("repair + sentences + date", t1 - t0),
        ("mentions (quantities, periods, entities)", t2 - t1),
        ("jieba pass, HMM off (yardstick)", yardstick),
    ):
        print(f"| {name} | {secs:.2f} | {mb / secs:.2f} | {chars / secs:,.0f} |")
    print(f"\n{found:,} quantities found.")


if __name__ == "__main__":
    main()
