"""Findings against the development corpus's gold relations: each cluster alone, then all
clusters together, and the worst cluster.

    python bench/relations.py [--corpus ../shared/dev-corpus] [--misses] [--cluster NAME]

Extracts every cluster's docs/ once, then makes findings for each cluster on its own (as
`crosscheck check CLUSTER/docs` does) and for all clusters together (as `crosscheck check
A/docs B/docs …`), and scores them with `checker.checks.relations.score_relations`: gold
conflicts found as conflicts, agree and compatible_ranges pairs found as corroboration,
in-document contradictions found, conflicts reported on pairs labelled agree,
compatible_ranges, different_period or not_comparable, conflict findings in all and how
many of them are real (put the two sides of a gold conflict apart). In the run of all
clusters together, a conflict finding whose documents come from two clusters is counted
as "across clusters" (the clusters are about different topics: there should be none).
Prints Markdown tables for README.md; `--misses` lists every pair that went wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NamedTuple

from checker.checks.relations import RelationScores, score_relations
from checker.ingest.documents import discover, read_documents
from checker.models import Claim, Extraction, Finding
from checker.pipeline import Toolkit, collect, find
from checker.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "dev-corpus"
MEASURES = (
    "gold conflicts found",
    "agreeing pairs corroborated",
    "in-document contradictions found",
    "conflicts on non-conflicting pairs",
    "conflict findings (real)",
)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


class Corpus:
    """The clusters' extractions, gold and texts, extracted once."""

    def __init__(self, corpus: Path, jobs: int = 2, only: list[str] | None = None) -> None:
        self.clusters = sorted(
            p.parent for p in corpus.glob("*/relations.jsonl") if not only or p.parent.name in only
        )
        self.rules = load_ruleset()
        self.tools = Toolkit(self.rules)
        folders = [c / "docs" for c in self.clusters]
        self.extractions: list[Extraction] = collect(
            folders, self.rules, jobs=jobs, tools=self.tools
        )
        self.claims: list[Claim] = [c for e in self.extractions for c in e.claims]
        docs = list(read_documents(discover(folders)))
        self.texts = {d.id: (d.text, d.body_start) for d in docs}
        self.gold = {c.name: _jsonl(c / "claims.jsonl") for c in self.clusters}
        self.relations = {c.name: _jsonl(c / "relations.jsonl") for c in self.clusters}
        self.docs = {c.name: {g["doc"] for g in self.gold[c.name]} for c in self.clusters}

    def findings(self, names: list[str]) -> list[Finding]:
        docs = set().union(*(self.docs[n] for n in names))
        chosen = [e for e in self.extractions if e.document.id in docs]
        return find(chosen, self.rules, tools=self.tools)[0]

    def score(self, names: list[str], findings: list[Finding]) -> RelationScores:
        gold = [g for n in names for g in self.gold[n]]
        relations = [r for n in names for r in self.relations[n]]
        return score_relations(self.claims, findings, self.texts, gold, relations)

    def cluster_of(self, doc: str) -> str:
        return next((n for n, docs in self.docs.items() if doc in docs), "?")


class Scores(NamedTuple):
    alone: dict[str, RelationScores]  # each cluster checked on its own
    together: dict[str, RelationScores]  # each cluster, and "all", in one run of them all
    across: int  # conflict findings whose documents come from two clusters


def score(corpus: Path, only: list[str] | None = None) -> Scores:
    """Each cluster checked alone, then all of them together."""
    c = Corpus(corpus, only=only)
    names = [k.name for k in c.clusters]
    alone = {n: c.score([n], c.findings([n])) for n in names}
    everything = c.findings(names)
    together: dict[str, RelationScores] = {}
    for n in names:
        # the findings touching the cluster: a corroboration that also names a document of
        # another cluster (a national bulletin beside the grain reports) still holds the pair
        own = [f for f in everything if set(f.docs) & c.docs[n]]
        together[n] = c.score([n], own)
    together["all"] = c.score(names, everything)
    across = [
        f for f in everything if f.kind == "conflict" and len({c.cluster_of(d) for d in f.docs}) > 1
    ]
    return Scores(alone, together, len(across))


def _share(n: int, d: int) -> str:
    return f"{n}/{d} ({n / d:.0%})" if d else "-"


def _rate(n: int, d: int) -> float:
    return n / d if d else 1.0


def row(name: str, s: RelationScores) -> str:
    return (
        f"| {name} | {_share(s.conflicts_found, s.conflicts)} "
        f"| {_share(s.agreeing_found, s.agreeing)} "
        f"| {_share(s.internal_found, s.internal)} | {s.false_conflicts} "
        f"| {s.conflict_findings} ({s.real_findings}) |"
    )


def worst(scores: dict[str, RelationScores]) -> str:
    clusters = {k: v for k, v in scores.items() if k != "all"}
    conflicts = min(_rate(s.conflicts_found, s.conflicts) for s in clusters.values())
    agreeing = min(_rate(s.agreeing_found, s.agreeing) for s in clusters.values())
    internal = min(_rate(s.internal_found, s.internal) for s in clusters.values())
    false = max(s.false_conflicts for s in clusters.values())
    real = min(_rate(s.real_findings, s.conflict_findings) for s in clusters.values())
    return (
        f"| **worst cluster** | {conflicts:.0%} | {agreeing:.0%} | {internal:.0%} | {false} "
        f"| {real:.0%} real |"
    )


def table(scores: dict[str, RelationScores], title: str) -> str:
    header = f"| {title} | " + " | ".join(MEASURES) + " |"
    rows = [header, "|---|---:|---:|---:|---:|---:|"]
    rows += [row(name, s) for name, s in scores.items()]
    rows.append(worst(scores))
    return "\n".join(rows)


def report(scores: Scores) -> str:
    return (
        table(scores.alone, "cluster, checked alone")
        + "\n\n"
        + table(scores.together, "cluster, all checked together")
        + f"\n\nconflict findings across clusters: {scores.across}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--misses", action="store_true", help="list the pairs that went wrong")
    parser.add_argument("--cluster", action="append", help="only this cluster (repeatable)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"error: no development corpus at {args.corpus}")
    scores = score(args.corpus, args.cluster)
    print(report(scores))
    if args.misses:
        for m in scores.together["all"].misses:
            print(f"- {m.outcome} {m.relation}: {m.a} | {m.b} ({m.why[:100]})")


if __name__ == "__main__":
    main()
