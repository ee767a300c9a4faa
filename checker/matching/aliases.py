"""Metric aliases the corpus itself shows.

Two differently named metrics that carry the same subject, the same stated period and
exactly the same figure in two documents (a restatement: 夏粮产量 2996.5万吨 in one, 夏粮总产
2996.5万吨 in another) are evidence that the names denote one metric. No rule file could
list every wording; the documents being checked can show it. A name pair becomes an alias
when the evidence is strong enough (`[matching]` in rules/checks.toml):

- one shared exact figure of at least `alias_min_digits` significant digits (512.3: 4), or
- shared exact figures under at least `alias_min_figures` different subjects or periods.

Names the vocabulary already keeps apart (different operators, a contrastive word such as
新增 or 人均 on one side only) never become aliases, whatever their figures. An alias is a
pair, never a chain (A ~ B and B ~ C do not make A ~ C), and it holds for every subject:
that is how a restatement about one province teaches the wording of another.

Induction is a pure function of the claims: the same claims give the same aliases in any
order and with any number of processes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.models import Claim

if TYPE_CHECKING:
    from checker.matching.match import Matcher

IMPLIED = ("unstated", "implied", "current")
SKIP_KINDS = ("date", "streak", "rank", "magnitude")

Figure = tuple[str, str, str, str, float, str]  # subject, kind, unit, period, value, operator


@dataclass(frozen=True)
class Evidence:
    """One figure two names share: its text, digits and the two documents."""

    text: str
    digits: int
    doc_a: str
    doc_b: str

    def describe(self) -> str:
        return f"matched through the shared figure {self.text} in {self.doc_a} and {self.doc_b}"


@dataclass(frozen=True)
class Aliases:
    """Name pairs (sorted) the corpus shows to be one metric, with the evidence."""

    pairs: dict[tuple[str, str], Evidence]

    def via(self, a: Claim, b: Claim) -> str:
        """The evidence that `a`'s and `b`'s metric names are aliases, or ""."""
        na, nb = a.metric.name, b.metric.name
        found = self.pairs.get((na, nb) if na < nb else (nb, na))
        return found.describe() if found else ""

    def names(self) -> set[str]:
        return {n for pair in self.pairs for n in pair}

    @classmethod
    def induce(cls, claims: Iterable[Claim], matcher: Matcher) -> Aliases:
        settings = matcher.settings
        shared = _shared_figures(claims, matcher)
        evidence: dict[tuple[str, str], list[tuple[Figure, Evidence]]] = defaultdict(list)
        for figure, by_name in sorted(shared.items()):
            names = sorted(by_name)
            for i, na in enumerate(names):
                for nb in names[i + 1 :]:
                    docs_a, docs_b = by_name[na], by_name[nb]
                    pair = _documents(docs_a, docs_b)
                    if pair is None:
                        continue
                    text, digits = docs_a[pair[0]]
                    evidence[(na, nb)].append((figure, Evidence(text, digits, *pair)))
        pairs: dict[tuple[str, str], Evidence] = {}
        for (na, nb), found in sorted(evidence.items()):
            strong = [e for _, e in found if e.digits >= settings.alias_min_digits]
            figures = {f for f, _ in found}
            if not strong and len(figures) < settings.alias_min_figures:
                continue
            if not _may_alias(na, nb, matcher):
                continue
            pairs[(na, nb)] = min(strong or [e for _, e in found], key=_strength)
        return cls(pairs)


def _strength(e: Evidence) -> tuple[int, str, str, str]:
    return -e.digits, e.doc_a, e.doc_b, e.text


def _shared_figures(
    claims: Iterable[Claim], matcher: Matcher
) -> dict[Figure, dict[str, dict[str, tuple[str, int]]]]:
    """Exact figures by subject, dimension, stated period and value: for each, the names
    that state it and, per name, the documents (with the figure as written)."""
    units = matcher.rules.units
    out: dict[Figure, dict[str, dict[str, tuple[str, int]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for c in claims:
        v = c.value
        if (
            c.subject is None
            or not c.metric.name
            or c.kind in SKIP_KINDS
            or "bare-metric" in c.flags
            or c.period.kind in IMPLIED
            or not c.period.label
            or v.lo is None
            or v.lo != v.hi
            or v.lo_open
            or v.hi_open
        ):
            continue
        key = matcher.block_key(c, units)
        if key is None:
            continue
        operator = c.metric.name.rpartition("·")[2] if "·" in c.metric.name else ""
        figure: Figure = (key[0], key[1], key[2], c.period.label, float(v.lo), operator)
        out[figure][c.metric.name].setdefault(c.doc, (v.text, significant(v.text)))
    return out


def _documents(
    docs_a: dict[str, tuple[str, int]], docs_b: dict[str, tuple[str, int]]
) -> tuple[str, str] | None:
    """The first two different documents (in id order) that give the two names."""
    for da in sorted(docs_a):
        for db in sorted(docs_b):
            if da != db:
                return da, db
    return None


def _may_alias(na: str, nb: str, matcher: Matcher) -> bool:
    """Names the vocabulary does not keep apart: the same operator, no contrastive word on
    one side only, and not already one metric by structure."""
    identity = matcher.identity
    pa, pb = identity.parts(na), identity.parts(nb)
    if pa is None or pb is None or pa.operator != pb.operator:
        return False
    r = identity.structure(na, nb)
    return r.level in ("fuzzy metric", "none") and not r.apart


def significant(text: str) -> int:
    """Significant digits written: 1280.9万 → 5, 427 → 3, 5.0% → 1."""
    return len("".join(re.findall(r"\d", text)).strip("0"))
