"""Disagreements between statements: which pairs of matched claims make a finding.

Inside a cluster of claims about one subject, metric and time, a claim disagrees with a
claim of another document when their values are incompatible and neither document also
states a value the other one's agrees with (a document giving two funds of one city, or a
restatement, silences nothing else). Each disagreeing pair is then labelled:

- `target`: one of the two is a target or a forecast (a `target:` period, or a forecast
  cue such as 预计 before the number in its sentence): information, never a conflict;
- `revision`: one is marked final (最终核实, 修订为, 年报) and the other is not (it is
  unmarked or preliminary: 初步核算, 快报), in a document no newer than the final one's;
- `conflict`: everything else.

A claim with no stated time never disagrees with a claim whose stated period ends after
the first one's document was written: it cannot be about all of that period.

Two claims of one document disagree (`internal`) when they are in different sentences,
match at the same stated or implied time, are of a kind listed in `internal_kinds`
(counts, amounts and rates: shares are said of many bases in one article), name their
metric in more than `internal_short_length` characters as written (规模 or 用户 alone names
too little; a short name the corpus tied to a longer one through a shared exact figure says
as much as the longer), lie within `internal_max_ratio` of each other, and neither is a target or a
forecast. Comparisons with a named rival (`order`: 超越山东 against 仅次于…山东) contradict
each other whenever they disagree, in one sentence or two. A document at odds with itself
silences no conflict with a document that is not (超越山东 … 仅次于山东 against 落后于山东),
but two documents that both state both values (a copy) are no conflict.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import islice, product

import opencc

from checker.matching.identity import Relation
from checker.matching.match import IMPLIED, SAME_TIME, Match, Matcher
from checker.models import Claim
from checker.ruleset import Statements

CORPUS_ALIAS = "corpus alias"  # the level of two names the corpus tied
WINDOW = 10  # each statement is compared with at most this many next higher values
SCAN = 200  # …of its metric, among at most this many next higher values of its cluster
PAIRS = 400  # member pairs looked at for two statements made in many documents


@dataclass(frozen=True)
class Disagreement:
    a: Claim
    b: Claim
    match: Match
    relation: str  # conflict | revision | target | internal


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("tw2s")


def simplified(text: str) -> str:
    return str(_to_simplified().convert(text))


def before_number(c: Claim) -> str:
    """The claim's sentence up to its number, in Simplified script."""
    at = c.quote.find(c.value.text) if c.value.text else -1
    return simplified(c.quote[: at if at >= 0 else len(c.quote)])


def cue_in(c: Claim, cues: list[str], head: str | None = None) -> str | None:
    """The first of `cues` in the claim's sentence before its number (`head`, when the
    caller has it already)."""
    head = before_number(c) if head is None else head
    return next((cue for cue in cues if cue in head), None)


def is_target(c: Claim, cues: Statements, head: str | None = None) -> bool:
    return c.period.kind == "target" or cue_in(c, cues.forecast_cues, head) is not None


def vintage(c: Claim, cues: Statements, head: str | None = None) -> int:
    """-1 preliminary, 1 final, 0 unmarked."""
    if cue_in(c, cues.final_cues, head):
        return 1
    if cue_in(c, cues.preliminary_cues, head):
        return -1
    return 0


def newer(a: Claim, b: Claim, cues: Statements) -> Claim:
    """The final one of a revision pair."""
    return a if vintage(a, cues) > vintage(b, cues) else b


class Labeller:
    """Labels disagreeing pairs; what each claim's sentence says is read once."""

    def __init__(self, cues: Statements, short: int, dates: dict[str, str | None]) -> None:
        self.cues, self.short, self.dates = cues, short, dates
        self._read: dict[str, tuple[bool, int]] = {}

    def _of(self, c: Claim) -> tuple[bool, int]:
        known = self._read.get(c.id)
        if known is None:
            head = before_number(c)  # converted to Simplified once for the three cue lists
            known = self._read[c.id] = (is_target(c, self.cues, head), vintage(c, self.cues, head))
        return known

    def label(self, a: Claim, b: Claim) -> str:
        (ta, va), (tb, vb) = self._of(a), self._of(b)
        if ta or tb:
            return "target"
        if va != vb and max(va, vb) == 1:
            final, other = (a, b) if va > vb else (b, a)
            if (self.dates.get(final.doc) or "") >= (self.dates.get(other.doc) or ""):
                return "revision"
        return "conflict"

    def internal(self, x: Claim, y: Claim, tied: bool = False) -> bool:
        """Two claims of one document contradict each other: see the module's docstring.
        `tied`: the corpus tied their names (a shared exact figure), so the shorter name says
        as much as the longer."""
        if "order" in x.flags and "order" in y.flags:  # 超越山东 … 仅次于广东、山东
            return x.span != y.span and not self._of(x)[0] and not self._of(y)[0]
        if "restated" in x.flags or "restated" in y.flags:  # 7.1亿吨，约合1.4亿吨
            return x.span != y.span and x.kind == y.kind and x.kind in RESTATED_KINDS
        return (
            x.quote != y.quote
            and x.kind in self.cues.internal_kinds
            and (max if tied else min)(_named(x), _named(y)) > self.short
            and _near(x, y, self.cues.internal_max_ratio)
            and not self._of(x)[0]
            and not self._of(y)[0]
        )


RESTATED_KINDS = {"count", "amount", "other"}  # a figure and its conversion in other units


def disagreements(
    claims: list[Claim], matcher: Matcher, strong: float, labeller: Labeller
) -> list[Disagreement]:
    """The disagreeing pairs among `claims` (one metric and time), between distinct
    statements: claims with equal keys say the same thing, are compared once, and give
    at most one pair of each relation. In value order, each statement is compared with
    the next `WINDOW` ones of its metric (among the next `SCAN` of its cluster, which may
    hold other metrics and narrower wordings), so a group of thousands of distinct values
    costs linear time."""
    classes: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for c in claims:
        classes[matcher.key(c)].append(c)
    reps = sorted(classes.values(), key=lambda members: matcher.comparable(members[0]))
    held = _held(claims, matcher)
    out: list[Disagreement] = []
    for i, p in enumerate(reps):
        compared = 0
        for q in reps[i + 1 : i + 1 + SCAN]:
            a, b = p[0].metric, q[0].metric
            same = a.name == b.name and a.id == b.id  # most often: asked of nobody
            r = None if same else matcher.relation(p[0], q[0])
            if r is not None and r.level == "none":
                continue  # another metric of the cluster: not one of the window's
            m = _disagree(p[0], q[0], matcher, strong, r)
            if m is not None:
                out += _between(p, q, m, held, matcher, labeller, strong)
            compared += r is None or r.similarity >= strong  # a narrower wording is not its metric
            if compared == WINDOW:
                break
    return out


def _disagree(
    a: Claim, b: Claim, matcher: Matcher, strong: float, known: Relation | None = None
) -> Match | None:
    """How `a` and `b` disagree, when they do (`known`: their metrics' relation, if asked
    already)."""
    (la, ha), (lb, hb) = matcher.comparable(a), matcher.comparable(b)
    if la <= hb and lb <= ha:
        return None  # the values agree
    r = matcher.near_figure(a, b, known or matcher.relation(a, b))
    level, similarity = r.level, r.similarity
    if level in ("none", "event") or similarity < strong:
        return None
    period = matcher.period_relation(a, b)
    if period not in SAME_TIME or (period == "overlapping" and a.kind != "rank"):
        return None  # 1-11月 against 3月: two spans that share a month are two times
    if a.doc != b.doc and (a.period.kind in IMPLIED) != (b.period.kind in IMPLIED):
        return None  # a figure dated only by its document never contradicts another's dated one
    if a.doc != b.doc and a.kind in matcher.settings.never_conflict_kinds:
        return None  # 连续9年 against 连续10年: most often two ends, not two counts
    via = r.reason if level == "corpus alias" else ""
    return Match(level, similarity, period, False, matcher.gap(a, b), via)


def _undated_before(a: Claim, b: Claim, matcher: Matcher) -> bool:
    """`a` has no stated time (its document's date stands for it) and `b` states a period
    that ends after that date: `a` cannot be about all of `b`'s period (a January article's
    undated growth rate is not the whole year's)."""
    if a.period.kind not in IMPLIED or b.period.kind in IMPLIED or not b.period.end:
        return False
    written = matcher.doc_dates.get(a.doc)
    return bool(written) and b.period.end[:7] > (written or "")[:7]


Held = dict[str, list[tuple[float, float, Claim]]]


def _held(claims: list[Claim], matcher: Matcher) -> Held:
    """The intervals each document states in the cluster, with their claims."""
    out: Held = defaultdict(list)
    for c in claims:
        out[c.doc].append((*matcher.comparable(c), c))
    return out


def _agreeing(c: Claim, doc: str, held: Held, m: Matcher, strong: float) -> list[Claim]:
    """The claims of `doc` that `c` agrees with, for what is as surely `c`'s metric as a
    conflict needs (a loosely matched neighbour in the cluster silences nothing)."""
    lo, hi = m.comparable(c)
    return [
        other
        for a, b, other in held[doc]
        if a <= hi and lo <= b and m.metric_level(c, other)[1] >= strong
    ]


def _silenced(
    x: Claim, y: Claim, in_y: list[Claim], in_x: list[Claim], m: Matcher, lab: Labeller
) -> bool:
    """`x` and `y` disagree, but one document also states the other's value (`in_y`: the
    claims of `y`'s document that agree with `x`; `in_x` the other way round): a restatement
    or a second figure, not a conflict. Unless that document is at odds with itself (its
    agreeing value contradicts its own disagreeing one) and the other document is not:
    超越山东 … 仅次于山东 against 落后于山东 is a conflict, the same two against a copy of
    them is not."""

    def at_odds(o: Claim, c: Claim) -> bool:
        (lo, hi), (a, b) = m.comparable(o), m.comparable(c)
        tied = m.metric_level(o, c)[0] == CORPUS_ALIAS
        return not (lo <= b and a <= hi) and lab.internal(o, c, tied)

    if in_y and in_x:
        return True
    if in_y:
        return not all(at_odds(o, y) for o in in_y)
    if in_x:
        return not all(at_odds(o, x) for o in in_x)
    return False


def _between(
    p: list[Claim],
    q: list[Claim],
    m: Match,
    held: Held,
    matcher: Matcher,
    labeller: Labeller,
    strong: float,
) -> list[Disagreement]:
    """One pair of each relation between two statements, from at most `PAIRS` of their
    members' pairs. A statement's members share its metric and value (they are its key), so
    which claims of a document agree with one of them is asked once per document."""
    found: dict[str, Disagreement] = {}
    with_p: dict[str, list[Claim]] = {}  # document → its claims agreeing with p's statement
    with_q: dict[str, list[Claim]] = {}
    for x, y in islice(product(p, q), PAIRS):
        if x.doc == y.doc:
            tied = matcher.metric_level(x, y)[0] == CORPUS_ALIAS
            relation = "internal" if labeller.internal(x, y, tied) else ""
        else:
            if y.doc not in with_p:
                with_p[y.doc] = _agreeing(p[0], y.doc, held, matcher, strong)
            if x.doc not in with_q:
                with_q[x.doc] = _agreeing(q[0], x.doc, held, matcher, strong)
            silenced = _silenced(x, y, with_p[y.doc], with_q[x.doc], matcher, labeller)
            relation = "" if silenced else labeller.label(x, y)
        if relation and relation not in found:
            found[relation] = Disagreement(x, y, m, relation)
    return list(found.values())


def _named(c: Claim) -> int:
    """How many characters name the claim's metric as written (registry name aside); for a
    rate named with its base (房地产开发投资·增长率, written 下降), the base's."""
    written = len("".join(c.metric.text.split()))
    base, dot, _ = c.metric.name.rpartition("·")
    return max(written, len(base)) if dot and not c.metric.id else written


def _near(x: Claim, y: Claim, ratio: float) -> bool:
    """The two values are within `ratio` of each other (both finite, of one sign)."""
    vx, vy = x.value.lo or x.value.hi, y.value.lo or y.value.hi
    if vx and vy and vx < 0 and vy < 0:
        vx, vy = -vx, -vy  # two falls: 下降9.6% against 下降10.6%
    if not vx or not vy or vx <= 0 or vy <= 0:
        return False
    return max(vx, vy) <= ratio * min(vx, vy)
