"""Findings against the development corpus's gold relations, per cluster and in total.

    python bench/relations.py [--corpus ../shared/dev-corpus] [--misses]

Checks every cluster's docs/ together in one run (as `crosscheck check A/docs B/docs …`
does) and scores the findings with `checker.checks.relations.score_relations`: gold
conflicts found as conflicts, agree and compatible_ranges pairs found as corroboration,
in-document contradictions found, and conflicts reported on pairs labelled agree,
compatible_ranges, different_period or not_comparable. Prints a Markdown table for
README.md; `--misses` lists every pair that went wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from checker.checks.relations import RelationScores, score_relations
from checker.ingest.documents import discover, read_documents
from checker.models import Claim, Finding
from checker.pipeline import Toolkit, collect, find
from checker.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "dev-corpus"


def _jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def run(corpus: Path, jobs: int = 2) -> tuple[list[Claim], list[Finding], dict[str, Any]]:
    """Check all clusters together; return claims, findings and the documents' texts."""
    clusters = sorted(p.parent for p in corpus.glob("*/relations.jsonl"))
    rules = load_ruleset()
    tools = Toolkit(rules)
    folders = [c / "docs" for c in clusters]
    extractions = collect(folders, rules, jobs=jobs, tools=tools)
    findings, _ = find(extractions, rules, tools=tools)
    claims = [c for e in extractions for c in e.claims]
    texts = {d.id: (d.text, d.body_start) for d in read_documents(discover(folders))}
    return claims, findings, {"clusters": clusters, "texts": texts}


def score(corpus: Path) -> dict[str, RelationScores]:
    """Scores per cluster (by folder name) and in total ("all")."""
    claims, findings, ctx = run(corpus)
    out: dict[str, RelationScores] = {}
    everything: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
    for cluster in ctx["clusters"]:
        gold, relations = _jsonl(cluster / "claims.jsonl"), _jsonl(cluster / "relations.jsonl")
        docs = {g["doc"] for g in gold}
        own = [f for f in findings if set(f.docs) <= docs]
        out[cluster.name] = score_relations(claims, own, ctx["texts"], gold, relations)
        everything[0].extend(gold)
        everything[1].extend(relations)
    out["all"] = score_relations(claims, findings, ctx["texts"], *everything)
    return out


def _share(n: int, d: int) -> str:
    return f"{n}/{d} ({n / d:.0%})" if d else "-"


def table(scores: dict[str, RelationScores]) -> str:
    header = (
        "| cluster | gold conflicts found | agreeing pairs corroborated "
        "| in-document contradictions found | conflicts on non-conflicting pairs "
        "| conflict findings |"
    )
    rows = [
        header,
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, s in scores.items():
        rows.append(
            f"| {name} | {_share(s.conflicts_found, s.conflicts)} "
            f"| {_share(s.agreeing_found, s.agreeing)} "
            f"| {_share(s.internal_found, s.internal)} | {s.false_conflicts} "
            f"| {s.conflict_findings} |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--misses", action="store_true", help="list the pairs that went wrong")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"error: no development corpus at {args.corpus}")
    scores = score(args.corpus)
    print(table(scores))
    if args.misses:
        for m in scores["all"].misses:
            print(f"- {m.outcome} {m.relation}: {m.a} | {m.b} ({m.why[:100]})")


if __name__ == "__main__":
    main()
