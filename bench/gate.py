"""The gate on a large corpus with one new document: cold cache against warm cache, or
the gate on a claim index.

    python bench/gate.py [--docs 2000] [--jobs 1]
    python bench/gate.py --index [--docs 10000 100000] [--jobs 2] [--runs 3] [--compare]
                         [--keep FOLDER]

Without --index: builds a corpus of N documents in a temporary folder (the seeds, each
copy made unique by a numbered first line), then times `crosscheck gate CORPUS --new
NEW.txt` twice: with an empty cache, and again with the cache the first run wrote.
`--jobs` (default 1, so the cache's effect is measured alone) is passed to the gate.

With --index: for each size, builds a synthetic archive (`bench/scale.py`'s generator),
times `crosscheck index build` (with --jobs) and notes the index's size, then times the
gate on the index with one new article `--runs` times (the first run warms the file
cache; the best of the others is reported, with the gate's peak memory). --compare also
runs the gate without the index (a cold, then a warm cache) and checks that both give
the same findings. --keep keeps the archives and indexes in FOLDER, and reuses them.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NEW = "---\ndate: 2025-08-01\n---\n数据显示,截至2025年2月底,广东发明专利有效量为60万件。\n"


def main() -> None:
    if sys.argv[1:2] == ["--make-copy"]:
        replicate(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--docs", type=int, nargs="+", default=[2000], help="documents in the corpus"
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="extraction processes for the gate (default 1)"
    )
    parser.add_argument("--index", action="store_true", help="time the gate on a claim index")
    parser.add_argument("--runs", type=int, default=3, help="gate runs on the index")
    parser.add_argument("--compare", action="store_true", help="also the gate without index")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) archives and indexes here")
    parser.add_argument(
        "--replicate",
        type=int,
        default=0,
        metavar="F",
        help="also time the gate on the last size's index replicated F times (a proxy)",
    )
    args = parser.parse_args()
    if args.index:
        on_index(args)
        return
    args.docs = args.docs[0]
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


def on_index(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from scale import build, run

    print(f"{os.cpu_count()} cores, --jobs {args.jobs}, Python {sys.version.split()[0]}\n")
    print(
        "| documents | MB | index build s | s per 1,000 docs | index MB | MB per 1,000 docs "
        "| gate on index s (best of runs) | of which in the gate, s | gate peak MB "
        "| same findings as without index |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        top = args.keep or Path(tmp)
        top.mkdir(parents=True, exist_ok=True)
        new = top / "new.txt"
        new.write_text(NEW, encoding="utf-8")
        for count in args.docs:
            corpus, index = top / f"archive-{count}", top / f"index-{count}.sqlite"
            if not corpus.exists():
                build(corpus, count)
            mb = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
            built = float("nan")
            if not index.exists():
                command = ["index", "build", str(corpus), "-o", str(index), "--quiet"]
                built, _ = run([*CHECKER, *command, "--jobs", str(args.jobs)])
            size = index.stat().st_size / 1e6
            gate = [*CHECKER, "gate", "--index", str(index), "--new", str(new), "--quiet"]
            times = [run([*gate, "--format", "json", "-o", str(top / "indexed.json")])]
            times += [run([*gate, "--format", "json"]) for _ in range(args.runs - 1)]
            best, peak = min(times[1:] or times), max(p for _, p in times)
            same = "not compared"
            if args.compare:
                same = str(_same_findings(corpus, new, top, args.jobs, run))
            per = 1000 / count
            print(
                f"| {count:,} | {mb:.1f} | {built:.1f} | {built * per:.2f} | {size:.1f} "
                f"| {size * per:.2f} | {best[0]:.2f} | {warm_gate(index, new, args.runs):.2f} "
                f"| {peak:,.0f} | {same} |",
                flush=True,
            )
        if args.replicate > 1:
            count = args.docs[-1]
            copy = top / f"index-{count}x{args.replicate}.sqlite"
            if not copy.exists():  # in a process of its own: its memory is not the gate's
                script = (
                    "import sys; sys.path.insert(0, sys.argv.pop(1)); from gate import main; main()"
                )
                source = str(top / f"index-{count}.sqlite")
                helper = [sys.executable, "-c", script, str(Path(__file__).parent)]
                subprocess.run(
                    [*helper, "--make-copy", source, str(copy), str(args.replicate)], check=True
                )
            size = copy.stat().st_size / 1e6
            gate = [*CHECKER, "gate", "--index", str(copy), "--new", str(new), "--quiet"]
            times = [run([*gate, "--format", "json"]) for _ in range(args.runs)]
            best, peak = min(times[1:] or times), max(p for _, p in times)
            total = count * args.replicate
            print(
                f"| {total:,} (the {count:,} index ×{args.replicate}) | | | | {size:.1f} "
                f"| {size * 1000 / total:.2f} | {best[0]:.2f} | {warm_gate(copy, new, args.runs):.2f} "
                f"| {peak:,.0f} | not compared |",
                flush=True,
            )


CHECKER = [sys.executable, "-m", "checker"]


def warm_gate(index: Path, new: Path, runs: int) -> float:
    """The best of `runs` gates on the index in this process, the rules and the jieba
    dictionary loaded beforehand: the part of the gate's time that could depend on the
    archive (extracting the new article, reading its blocks, matching, checking)."""
    from checker.gate import judge_indexed
    from checker.pipeline import Toolkit
    from checker.ruleset import load_ruleset

    rules = load_ruleset()
    tools = Toolkit(rules).warm()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        judge_indexed(index, [new], rules, tools, None, 16_000_000)
        best = min(best, time.perf_counter() - start)
    return best


def _same_findings(corpus: Path, new: Path, top: Path, jobs: int, run: Any) -> bool:
    """The gate without index (cold cache, then warm) gives the same findings."""
    local = top / "local.json"
    gate = [*CHECKER, "gate", str(corpus), "--new", str(new), "--quiet", "--format", "json"]
    for _ in ("cold", "warm"):
        run([*gate, "--jobs", str(jobs), "-o", str(local)])
    mine = json.loads(local.read_text(encoding="utf-8"))
    theirs = json.loads((top / "indexed.json").read_text(encoding="utf-8"))
    return all(mine[k] == theirs[k] for k in ("findings", "claims", "checks", "summary"))


def replicate(source: Path, target: Path, times: int) -> None:
    """An index of `times` × the documents of `source`: each copy's documents, claims and
    alias facts under new ids (prefixed `rN-`), its sketches shifted out of the others' range (so the
    copies are not near-duplicates of each other, as the generator's documents are not),
    then the derived tables made again. A proxy for an archive too large to build here:
    its blocks hold `times` × the claims, with the values of the source repeated."""
    from checker.index.store import CLAIM_WORDS, finalize, open_index, pack, unpack
    from checker.ruleset import load_ruleset

    shutil.copyfile(source, target)
    rules = load_ruleset()
    db = open_index(target, rules)
    documents = db.execute("SELECT * FROM documents").fetchall()
    claims = db.execute("SELECT * FROM claims").fetchall()
    buckets = db.execute("SELECT * FROM buckets").fetchall()
    facts = db.execute("SELECT * FROM facts").fetchall()
    for n in range(1, times):
        prefix, shift = f"r{n}-", n << 32
        for doc_id, path, where, name, digest, date, sig, cited, _, record in documents:
            shifted = json.dumps([h + shift for h in json.loads(sig)])
            out = json.loads(unpack(record))
            out["id"] = prefix + doc_id
            db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                (
                    prefix + doc_id,
                    path,
                    where + prefix,
                    prefix + name,
                    digest,
                    date,
                    shifted,
                    cited,
                    pack(json.dumps(out, ensure_ascii=False)),
                ),
            )
        rows = []
        for doc, place, block, metric, start, end, record in claims:
            c = json.loads(unpack(record, CLAIM_WORDS))
            c["id"], c["doc"] = prefix + c["id"], prefix + c["doc"]
            text = json.dumps(c, ensure_ascii=False, separators=(",", ":"))
            rows.append((prefix + doc, place, block, metric, start, end, pack(text, CLAIM_WORDS)))
        db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        db.executemany(
            "INSERT INTO buckets VALUES (?, ?)", [(h + shift, prefix + d) for h, d in buckets]
        )
        db.executemany(
            "INSERT INTO facts VALUES (?, ?, ?, ?, ?)",
            [
                (figure, name, prefix + doc, text, digits)
                for figure, name, doc, text, digits in facts
            ],
        )
        db.commit()
    finalize(db, rules)
    db.close()


if __name__ == "__main__":
    main()
