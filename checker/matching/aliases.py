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
pair, never a chain (A ~ B and B ~ C do not make A ~ C). Two different wordings hold for
every subject: that is how a restatement about one province teaches the wording of
another. A name and a narrower one (销量 and 新能源汽车销量) hold only for the subjects they
were seen together with: for one carmaker all its sales are electric, not for every one.

Induction is a pure function of the claims: the same claims give the same aliases in any
order and with any number of processes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from checker.matching.identity import Identity
from checker.matching.periods import IMPLIED
from checker.matching.values import significant_digits
from checker.models import Claim
from checker.ruleset import Matching, Ruleset, UnitsFile


class Matcher(Protocol):
    """What induction reads of a matcher (`checker.matching.match.Matcher`)."""

    rules: Ruleset
    settings: Matching
    identity: Identity

    def block_key(
        self, c: Claim, units: UnitsFile | None = None
    ) -> tuple[str, str, str] | None: ...


SKIP_KINDS = ("date", "streak", "rank", "magnitude")

Figure = tuple[str, str, str, str, float, str]  # subject, kind, unit, period, value, operator
Fact = tuple[Figure, str, str, str, int]  # a figure, the name, the document, text, digits


@dataclass(frozen=True)
class Evidence:
    """One figure two names share: its text, digits and the two documents."""

    text: str
    digits: int
    doc_a: str
    doc_b: str
    subject: str = ""

    def describe(self) -> str:
        return f"matched through the shared figure {self.text} in {self.doc_a} and {self.doc_b}"


@dataclass(frozen=True)
class Aliases:
    """Name pairs (sorted) the corpus shows to be one metric, with the evidence."""

    pairs: dict[tuple[str, str], Evidence]
    # the pairs of a name and a narrower one, with the subjects they hold for
    scoped: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    def via(self, a: Claim, b: Claim) -> str:
        """The evidence that `a`'s and `b`'s metric names are aliases, or "": names shown
        to be one, or the same rate or share of two such names (海外营收·增长率 and
        海外销售收入·增长率, when 海外营收 and 海外销售收入 share a figure)."""
        na, nb = a.metric.name, b.metric.name
        key = (na, nb) if na < nb else (nb, na)
        found = self.pairs.get(key)
        if found is None:
            base_a, dot_a, op_a = na.rpartition("·")
            base_b, dot_b, op_b = nb.rpartition("·")
            if dot_a and dot_b and op_a == op_b and "·" not in base_a + base_b:
                key = (base_a, base_b) if base_a < base_b else (base_b, base_a)
                found = self.pairs.get(key)
        if found is None:
            return ""
        subjects = self.scoped.get(key)
        if subjects is not None:
            subject = a.subject.id or a.subject.name if a.subject else ""
            if subject not in subjects:
                return ""
        return found.describe()

    def names(self) -> set[str]:
        return {n for pair in self.pairs for n in pair}

    @classmethod
    def induce(cls, claims: Iterable[Claim], matcher: Matcher) -> Aliases:
        return cls.from_facts(figure_facts(claims, matcher), matcher)

    @classmethod
    def from_facts(cls, facts: Iterable[Fact], matcher: Matcher) -> Aliases:
        """The aliases that `facts` (from `figure_facts`, of any documents, in any order)
        show."""
        settings = matcher.settings
        evidence: dict[tuple[str, str], list[tuple[Figure, Evidence]]] = defaultdict(list)
        for figure, by_name in sorted(_by_figure(facts).items()):
            names = sorted(by_name)
            for i, na in enumerate(names):
                for nb in names[i + 1 :]:
                    docs_a, docs_b = by_name[na], by_name[nb]
                    pair = _documents(docs_a, docs_b)
                    if pair is None:
                        continue
                    text, digits = docs_a[pair[0]]
                    found = Evidence(text, digits, *pair, subject=figure[0])
                    evidence[(na, nb)].append((figure, found))
        pairs: dict[tuple[str, str], Evidence] = {}
        scoped: dict[tuple[str, str], frozenset[str]] = {}
        for (na, nb), seen in sorted(evidence.items()):
            strong = [e for _, e in seen if e.digits >= settings.alias_min_digits]
            figures = {f for f, _ in seen}
            if not strong and len(figures) < settings.alias_min_figures:
                continue
            relation = _may_alias(na, nb, matcher)
            if relation is None:
                continue
            pairs[(na, nb)] = min(strong or [e for _, e in seen], key=_strength)
            if relation == "narrower":
                scoped[(na, nb)] = frozenset(e.subject for _, e in seen)
        return cls(pairs, scoped)


def _strength(e: Evidence) -> tuple[int, str, str, str]:
    return -e.digits, e.doc_a, e.doc_b, e.text


def figure_facts(claims: Iterable[Claim], matcher: Matcher) -> list[Fact]:
    """The exact figures of `claims` that can show an alias: by subject, dimension, stated
    period, value and operator, with the name, document and the figure as written. One
    document's facts are independent of every other's (an engine makes them per document
    and brings them together)."""
    units = matcher.rules.units
    out: list[Fact] = []
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
        out.append((figure, c.metric.name, c.doc, v.text, significant_digits(v.text)))
    return out


def _by_figure(facts: Iterable[Fact]) -> dict[Figure, dict[str, dict[str, tuple[str, int]]]]:
    """For each figure, the names that state it and, per name, the documents (with the
    figure as written: the first in text order when a document writes it twice)."""
    out: dict[Figure, dict[str, dict[str, tuple[str, int]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for figure, name, doc, text, digits in sorted(facts):
        out[figure][name].setdefault(doc, (text, digits))
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


def _may_alias(na: str, nb: str, matcher: Matcher) -> str | None:
    """Names the vocabulary does not keep apart (the same operator, no contrastive word on
    one side only) and not already one metric by structure: "narrower" when one name's
    words are inside the other's, "other" otherwise; None for names that cannot be
    aliases."""
    identity = matcher.identity
    pa, pb = identity.parts(na), identity.parts(nb)
    if pa is None or pb is None or pa.operator != pb.operator:
        return None
    r = identity.structure(na, nb)
    if r.level not in ("fuzzy metric", "none") or r.apart:
        return None
    small, large = sorted((pa, pb), key=lambda p: (len(p.words), p.text))
    inside = all(w in large.words or w in large.text for w in small.words)
    return "narrower" if inside else "other"
