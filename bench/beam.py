"""The Beam engine against the local one on a synthetic corpus (`bench/scale.py`'s).

    python bench/beam.py [--documents 1000] [--jobs N] [--runner DirectRunner] [-- beam options]
    python bench/beam.py --index [--documents 1000] [--jobs N] [--runner …] [-- beam options]

Builds the corpus, runs `check --format jsonl` with the local engine (`--jobs N`) and
with `--engine beam` (on the direct runner: N worker processes), each as a process of
its own, and checks that both give the same documents, claims, findings and summary,
record for record, order aside. Prints a Markdown table for README.md (seconds and peak
memory, worker processes included) and the equality, and exits 1 when they differ.
With --index it does the same for `crosscheck index build` (local against `--engine
beam`), comparing every table of the two indexes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import build, crosscheck

TYPES = ("document", "claim", "finding", "check", "summary")


def records(files: list[Path]) -> dict[str, Counter[str]]:
    """Each record type's lines, counted (a multiset: order aside, repeats kept)."""
    out: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            kind = json.loads(line)["type"]
            if kind in out:
                out[kind][line] += 1
    return out


def main() -> None:
    argv = sys.argv[1:]
    at = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runner", default="DirectRunner")
    parser.add_argument("--index", action="store_true", help="compare index builds instead")
    args = parser.parse_args(argv[:at])
    extra = argv[at + 1 :]
    if args.runner == "DirectRunner" and not extra:
        extra = [f"--direct_num_workers={args.jobs}", "--direct_running_mode=multi_processing"]
    if args.index:
        sys.exit(0 if index_builds(args, extra) else 1)
    with tempfile.TemporaryDirectory() as tmp:
        corpus, local, beam = Path(tmp) / "corpus", Path(tmp) / "local.jsonl", Path(tmp) / "beam"
        mb = build(corpus, args.documents) / 1e6
        common = ["check", str(corpus), "--format", "jsonl", "--quiet"]
        runs = [
            ("local engine", [*common, "-o", str(local), "--jobs", str(args.jobs)]),
            (
                f"beam engine, {args.runner} ({' '.join(extra)})",
                [
                    *common,
                    "-o",
                    str(beam),
                    "--engine",
                    "beam",
                    "--runner",
                    args.runner,
                    "--",
                    *extra,
                ],
            ),
        ]
        print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
        print("| documents | MB | engine | seconds | documents/s | peak MB |")
        print("|---:|---:|---|---:|---:|---:|")
        for name, command in runs:
            seconds, peak = crosscheck(command)
            print(
                f"| {args.documents:,} | {mb:.1f} | {name} | {seconds:.1f} "
                f"| {args.documents / seconds:,.0f} | {peak:,.0f} |",
                flush=True,
            )
        mine, theirs = records([local]), records(sorted(beam.glob("*.jsonl")))
        print()
        same = True
        for kind in TYPES:
            equal = mine[kind] == theirs[kind]
            same &= equal
            count = sum(mine[kind].values())
            print(f"{kind}: {count:,} local, {sum(theirs[kind].values()):,} beam, same: {equal}")
    sys.exit(0 if same else 1)


def index_builds(args: argparse.Namespace, extra: list[str]) -> bool:
    """Both engines' index builds of one corpus, timed, and whether every table is equal."""
    from checker.index.store import contents

    with tempfile.TemporaryDirectory() as tmp:
        corpus, local, beam = (
            Path(tmp) / "corpus",
            Path(tmp) / "local.sqlite",
            Path(tmp) / "b.sqlite",
        )
        mb = build(corpus, args.documents) / 1e6
        common = ["index", "build", str(corpus), "--quiet"]
        runs = [
            ("local engine", [*common, "-o", str(local), "--jobs", str(args.jobs)]),
            (
                f"beam engine, {args.runner} ({' '.join(extra)})",
                [
                    *common,
                    "-o",
                    str(beam),
                    "--engine",
                    "beam",
                    "--runner",
                    args.runner,
                    "--",
                    *extra,
                ],
            ),
        ]
        print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
        print("| documents | MB | index build | seconds | documents/s | peak MB |")
        print("|---:|---:|---|---:|---:|---:|")
        for name, command in runs:
            seconds, peak = crosscheck(command)
            print(
                f"| {args.documents:,} | {mb:.1f} | {name} | {seconds:.1f} "
                f"| {args.documents / seconds:,.0f} | {peak:,.0f} |",
                flush=True,
            )
        mine, theirs = contents(local), contents(beam)
        print()
        for table, rows in mine.items():
            print(
                f"{table}: {len(rows):,} local, {len(theirs[table]):,} beam, same: {rows == theirs[table]}"
            )
        return mine == theirs


if __name__ == "__main__":
    main()
