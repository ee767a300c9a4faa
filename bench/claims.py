"""End-to-end claims throughput on the seeds repeated to about 5 MB.

    python bench/claims.py [--mb 5]

Reads bytes already in memory (no disk), then runs every stage up to claim records on
one core: repair, sentences, date, mentions, claims. Like `check`, it keeps each
document's claims and drops the rest of its analysis. One plain jieba pass (HMM off) over
the same repaired text is the yardstick. Prints a Markdown table for README.md.
"""

from __future__ import annotations

import time

from common import corpus, jieba_seconds, machine

from checker.ingest.documents import parse_document
from checker.models import Analysis, Claim
from checker.pipeline import Toolkit, analyse
from checker.ruleset import load_ruleset


def _claims_and_text(a: Analysis) -> tuple[tuple[Claim, ...], str]:
    return a.claims, a.normalized.text


def main() -> None:
    raw = corpus(__doc__.splitlines()[0])
    size = sum(len(d) for _, d in raw)
    tools = Toolkit(load_ruleset())
    analyse(parse_document(raw[0][1], "warm", "warm"), tools)  # build matchers and jieba once
    start = time.perf_counter()
    kept = [
        _claims_and_text(analyse(parse_document(data, name, name), tools)) for name, data in raw
    ]
    seconds = time.perf_counter() - start
    yardstick = jieba_seconds(text for _, text in kept)
    mb = size / 1e6
    print(f"corpus: {len(raw)} documents, {mb:.2f} MB; {machine()}\n")
    print("| stage | seconds | MB/s |")
    print("|---|---:|---:|")
    print(
        f"| read + repair + sentences + date + mentions + claims | {seconds:.2f} | {mb / seconds:.2f} |"
    )
    print(f"| jieba pass, HMM off (yardstick) | {yardstick:.2f} | {mb / yardstick:.2f} |")
    print(
        f"\n{sum(len(claims) for claims, _ in kept):,} claims; end to end costs {seconds / yardstick:.2f}× one jieba pass."
    )


if __name__ == "__main__":
    main()
