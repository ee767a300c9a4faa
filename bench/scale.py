"""Scale: synthetic corpora of 100, 1,000 and 10,000 documents built from the seeds.

    python bench/scale.py [--sizes 100 1000 10000] [--jobs N]

Each synthetic document recombines sentences of the seeds, swaps place names and varies
numbers, and a third are rendered in Traditional script. For every size it times, as
separate processes, `check`, `claims` and `gate` (one new document, cold and warm cache)
with their output discarded, records their peak memory (workers included), and times one
plain jieba pass over the same text, also as a process of its own (the yardstick).
Prints a Markdown table for README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import opencc

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PLACES = [
    "广东",
    "江苏",
    "浙江",
    "山东",
    "四川",
    "湖北",
    "福建",
    "安徽",
    "河南",
    "湖南",
    "北京",
    "上海",
]


def sentences() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = opencc.OpenCC("tw2s").convert(
            re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,6}\)", "", path.read_text(encoding="utf-8"))
        )
        out += [s for s in re.split(r"(?<=[。!?;])", text) if 8 <= len(s.strip()) <= 160]
    return out


def vary(sentence: str, rng: random.Random) -> str:
    sentence = re.sub("|".join(PLACES), lambda m: rng.choice(PLACES), sentence)
    return re.sub(
        r"\d+(?:\.\d+)?",
        lambda m: str(round(float(m.group(0)) * rng.uniform(0.8, 1.2), 1)),
        sentence,
    )


def build(folder: Path, count: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    pool = sentences()
    to_trad = opencc.OpenCC("s2tw")
    folder.mkdir(parents=True)
    size = 0
    for i in range(count):
        body = "\n".join(vary(s, rng) for s in rng.sample(pool, 40))
        text = f"---\ndate: 2025-{rng.randint(1, 12):02d}-01\n---\n{to_trad.convert(body) if i % 3 == 0 else body}\n"
        path = folder / f"{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        size += path.stat().st_size
    return size


def run(args: list[str], ok: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one process (its workers included), its
    output discarded."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in ok:
            err.seek(0)
            raise SystemExit(err.read().decode()[-2000:])
    return seconds, usage.ru_maxrss / 1024


def crosscheck(args: list[str]) -> tuple[float, float]:
    return run([sys.executable, "-m", "checker", *args])


JIEBA_PASS = """
import logging, sys
from pathlib import Path
import jieba
jieba.setLogLevel(logging.WARNING)
tok = jieba.Tokenizer()
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    for _ in tok.cut(path.read_text(encoding="utf-8"), HMM=False):
        pass
"""


def yardstick(folder: Path) -> tuple[float, float]:
    """One plain jieba pass (HMM off) over the corpus files, timed like the commands: a
    process of its own, dictionary loading included."""
    return run([sys.executable, "-c", JIEBA_PASS, str(folder)], ok=(0,))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, --jobs {args.jobs}, Python {sys.version.split()[0]}\n")
    print("| documents | MB | command | seconds | documents/s | MB/s | peak MB | × jieba pass |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    for count in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            mb = build(corpus, count) / 1e6
            jieba_s, jieba_peak = yardstick(corpus)
            new = Path(tmp) / "new.txt"
            new.write_text(
                "---\ndate: 2025-08-01\n---\n截至2025年2月底,广东发明专利有效量为60万件。\n",
                encoding="utf-8",
            )
            jobs = ["--jobs", str(args.jobs), "--quiet"]
            rows = [
                ("check", ["check", str(corpus), "--format", "json", *jobs]),
                ("claims", ["claims", str(corpus), "--format", "jsonl", *jobs]),
                (
                    "gate (cold cache)",
                    ["gate", str(corpus), "--new", str(new), "--format", "json", *jobs],
                ),
                (
                    "gate (warm cache)",
                    ["gate", str(corpus), "--new", str(new), "--format", "json", *jobs],
                ),
            ]
            for name, command in rows:
                seconds, peak = crosscheck(command)
                print(
                    f"| {count:,} | {mb:.1f} | {name} | {seconds:.1f} | {count / seconds:,.0f} | {mb / seconds:.2f} "
                    f"| {peak:,.0f} | {seconds / jieba_s:.2f} |",
                    flush=True,
                )
            print(
                f"| {count:,} | {mb:.1f} | jieba pass (yardstick, one core) | {jieba_s:.1f} | "
                f"{count / jieba_s:,.0f} | {mb / jieba_s:.2f} | {jieba_peak:,.0f} | 1.00 |",
                flush=True,
            )


if __name__ == "__main__":
    main()
