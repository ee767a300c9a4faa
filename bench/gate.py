"""The gate on a large corpus with one new document: cold cache against warm cache.

    python bench/gate.py [--docs 2000] [--jobs 1]

Builds a corpus of N documents in a temporary folder (the seeds, each copy made unique
by a numbered first line), then times `crosscheck gate CORPUS --new NEW.txt` twice: with
an empty cache, and again with the cache the first run wrote. `--jobs` (default 1, so
the cache's effect is measured alone) is passed to the gate. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NEW = "---\ndate: 2025-08-01\n---\n数据显示,截至2025年2月底,广东发明专利有效量为60万件。\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--docs", type=int, default=2000, help="documents in the corpus (default 2000)"
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="extraction processes for the gate (default 1)"
    )
    args = parser.parse_args()
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i in range(args.docs):
            (corpus / f"{i:05d}.txt").write_text(
                f"编号{i}\n{seeds[i % len(seeds)]}", encoding="utf-8"
            )
        new = Path(tmp) / "new.txt"
        new.write_text(NEW, encoding="utf-8")
        size = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
        command = [
            sys.executable,
            "-m",
            "checker",
            "gate",
            str(corpus),
            "--new",
            str(new),
            "--quiet",
            "--format",
            "json",
            "--jobs",
            str(args.jobs),
        ]
        times = []
        for _ in ("cold", "warm"):
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, env={**os.environ}, check=False)
            times.append(time.perf_counter() - start)
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr.decode())
    print(f"corpus: {args.docs} documents, {size:.1f} MB, one new document, --jobs {args.jobs}\n")
    print("| run | seconds |")
    print("|---|---:|")
    print(f"| cold cache (every document extracted) | {times[0]:.1f} |")
    print(f"| warm cache (only the new document extracted) | {times[1]:.1f} |")
    print(f"\nwarm is {times[0] / times[1]:.1f}× faster")


if __name__ == "__main__":
    main()
