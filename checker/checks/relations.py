"""Scoring a report's findings against gold relations between claims (relations.jsonl).

A gold relation names two claims (`a`, `b`: doc, quote, value_text, id) and labels them
`agree`, `compatible_ranges`, `conflict`, `different_period` or `not_comparable` across
documents, or `internal_conflict`, `internal_consistent`, … inside one. A gold claim is
located as the evaluation of claims locates it (its value text inside its quote, in the
document's body; a value text repeated in one quote taken in order) and stands for the
predicted claims whose spans overlap it. Then, for each relation:

- *found as conflict*: some `conflict` or `revision` finding puts a claim of `a` and a claim
  of `b` in different groups (a revision is the conflict of a preliminary and a final
  figure, which the gold labels a conflict);
- *found as corroboration*: some `corroboration` finding names a claim of each, or one
  group of a conflict or revision finding holds both (the agreeing side of a cluster);
- *found as internal conflict*: some `internal_conflict` finding names a claim of each;
- *false conflict*: a pair labelled agree, compatible_ranges, different_period or
  not_comparable that is found as a conflict (across documents) or as an internal
  conflict (inside one).

`score_relations` is a pure function of the report, the documents' texts and the gold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from checker.models import Claim, Finding

Gold = dict[str, Any]
AGREEING = ("agree", "compatible_ranges")
NOT_CONFLICTING = ("agree", "compatible_ranges", "different_period", "not_comparable")
CONFLICT_KINDS = ("conflict", "revision")


class RelationMiss(BaseModel):
    relation: str
    outcome: str  # "missed" | "false conflict"
    a: str  # doc: value_text
    b: str
    why: str


class RelationScores(BaseModel):
    conflicts: int  # gold cross-document conflicts
    conflicts_found: int
    agreeing: int  # gold agree + compatible_ranges pairs
    agreeing_found: int
    internal: int  # gold in-document contradictions
    internal_found: int
    false_conflicts: int  # conflicts reported on pairs labelled as not conflicting
    conflict_findings: int  # conflict findings in the report, in all
    real_findings: int = 0  # conflict findings that put the two sides of a gold conflict apart
    misses: list[RelationMiss] = []


def score_relations(
    claims: Iterable[Claim],
    findings: Iterable[Finding],
    texts: dict[str, tuple[str, int]],
    gold_claims: list[Gold],
    relations: list[Gold],
) -> RelationScores:
    """Score `findings` (over `claims`) against `relations`. `texts` maps a document id to
    its original text and where its body starts (after the front matter)."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_doc[c.doc].append(c)
    spans = gold_spans(gold_claims, texts)
    found = findings if isinstance(findings, list) else list(findings)
    index = _Index(found)
    counts: dict[str, int] = defaultdict(int)
    misses: list[RelationMiss] = []
    real: set[int] = set()
    for r in relations:
        a = _predicted(r["a"], spans, by_doc)
        b = _predicted(r["b"], spans, by_doc)
        label, inside = r["relation"], r["scope"] == "within_document"
        if label == "conflict" and not inside:
            real |= index.conflict_findings(a, b)
        outcome = _outcome(index, a, b, label, inside)
        for key, hit in outcome.items():
            counts[key] += hit
        if outcome.get("missed"):
            misses.append(_miss(r, "missed"))
        if outcome.get("false_conflicts"):
            misses.append(_miss(r, "false conflict"))
    return RelationScores(
        conflicts=counts["conflicts"],
        conflicts_found=counts["conflicts_found"],
        agreeing=counts["agreeing"],
        agreeing_found=counts["agreeing_found"],
        internal=counts["internal"],
        internal_found=counts["internal_found"],
        false_conflicts=counts["false_conflicts"],
        conflict_findings=sum(1 for f in found if f.kind == "conflict"),
        real_findings=sum(1 for n in real if found[n].kind == "conflict"),
        misses=misses,
    )


def _outcome(index: _Index, a: set[str], b: set[str], label: str, inside: bool) -> dict[str, int]:
    if inside:
        internal = index.internal(a, b)
        if label == "internal_conflict":
            return {"internal": 1, "internal_found": internal, "missed": int(not internal)}
        return {"false_conflicts": internal} if label in NOT_CONFLICTING else {}
    conflict = index.conflicting(a, b)
    if label == "conflict":
        return {"conflicts": 1, "conflicts_found": conflict, "missed": int(not conflict)}
    out: dict[str, int] = {"false_conflicts": conflict} if label in NOT_CONFLICTING else {}
    if label in AGREEING:
        agreeing = index.agreeing(a, b)
        out.update(agreeing=1, agreeing_found=agreeing, missed=int(not agreeing))
    return out


class _Index:
    """Which findings name a claim, and in which group."""

    def __init__(self, findings: list[Finding]) -> None:
        self.groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.named: dict[str, list[int]] = defaultdict(list)
        self.kinds = [f.kind for f in findings]
        for n, f in enumerate(findings):
            for claim in f.claims:
                self.named[claim].append(n)
            group: list[str]
            for g, group in enumerate(f.groups):
                for claim in group:
                    self.groups[claim].append((n, g))

    def conflicting(self, a: set[str], b: set[str]) -> bool:
        return bool(self.conflict_findings(a, b))

    def conflict_findings(self, a: set[str], b: set[str]) -> set[int]:
        """The conflict and revision findings that put a claim of `a` and one of `b` in
        different groups."""
        return {
            na
            for x in a
            for y in b
            for na, ga in self.groups[x]
            for nb, gb in self.groups[y]
            if na == nb and ga != gb and self.kinds[na] in CONFLICT_KINDS
        }

    def agreeing(self, a: set[str], b: set[str]) -> bool:
        for x in a:
            for y in b:
                shared = set(self.named[x]) & set(self.named[y])
                if any(self.kinds[n] == "corroboration" for n in shared):
                    return True
                if set(self.groups[x]) & set(self.groups[y]):
                    return True
        return False

    def internal(self, a: set[str], b: set[str]) -> bool:
        return any(
            self.kinds[n] == "internal_conflict"
            for x in a
            for y in b
            if x != y
            for n in set(self.named[x]) & set(self.named[y])
        )


def _predicted(
    end: Gold, spans: dict[str, tuple[int, int]], by_doc: dict[str, list[Claim]]
) -> set[str]:
    span = spans.get(end["id"])
    if span is None:
        return set()
    return {c.id for c in by_doc.get(end["doc"], []) if _overlap(c.span, span)}


def gold_spans(
    gold_claims: list[Gold], texts: dict[str, tuple[str, int]]
) -> dict[str, tuple[int, int]]:
    """Each gold claim's value text as a span of its document's original text: inside the
    first occurrence of its quote in the body, the n-th occurrence for the n-th claim on
    one (quote, value text)."""
    spans: dict[str, tuple[int, int]] = {}
    taken: dict[tuple[str, str, str], int] = defaultdict(int)
    for g in gold_claims:
        if g["doc"] not in texts:
            continue
        text, body = texts[g["doc"]]
        q = text.find(g["quote"], body)
        if q < 0:
            q = text.find(g["quote"])
        if q < 0:
            continue
        key = (g["doc"], g["quote"], g["value_text"])
        at = _nth(text, g["value_text"], q, q + len(g["quote"]), taken[key])
        taken[key] += 1
        if at >= 0:
            spans[g["id"]] = (at, at + len(g["value_text"]))
    return spans


def _nth(text: str, needle: str, start: int, end: int, n: int) -> int:
    """The n-th occurrence of `needle` in text[start:end] (the last one when fewer)."""
    at = text.find(needle, start, end)
    for _ in range(n):
        nxt = text.find(needle, at + 1, end)
        if nxt < 0:
            break
        at = nxt
    return at


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _miss(r: Gold, outcome: str) -> RelationMiss:
    return RelationMiss(
        relation=r["relation"],
        outcome=outcome,
        a=f"{r['a']['doc']}: {r['a']['value_text']}",
        b=f"{r['b']['doc']}: {r['b']['value_text']}",
        why=r.get("why", ""),
    )
