"""Parts of a span of time against the span: in one document, a figure for a stretch of
time larger than the same subject's figure for a longer stretch holding it (2月 above
1-2月), of the same metric or a narrower one (主要粮食作物进口量 within 粮食进口量); and
figures for stretches that make up a longer one (前三季度 and 四季度) that do not add up to
the longer one's. Flows only (counts, amounts, physical measures), stated outcomes only
(no target, no as-of level)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations

from checker.checks.internal import SUMMABLE
from checker.checks.prepared import CheckInput
from checker.checks.statements import is_target
from checker.matching.values import exact_figure
from checker.models import Claim

NOT_SPANS = {"as_of", "target", "unstated"}
SAME = {"metric id", "metric alias", "same structure"}


def parts_exceeding_spans(inp: CheckInput) -> list[tuple[Claim, Claim]]:
    """(part, span) pairs of one document where the part's figure is above the span's."""
    out: list[tuple[Claim, Claim]] = []
    for e in inp.extractions:
        groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for c in e.claims:
            if _stated_flow(inp, c) and c.subject is not None and c.subject.id:
                groups[(c.subject.id, c.unit)].append(c)
        for claims in groups.values():
            for x, y in combinations(claims, 2):
                found = _exceeding(inp, x, y) or _exceeding(inp, y, x)
                if found is not None:
                    out.append(found)
    return out


def _exceeding(inp: CheckInput, part: Claim, span: Claim) -> tuple[Claim, Claim] | None:
    pp, ps = part.period, span.period
    assert pp.start and pp.end and ps.start and ps.end
    inside = ps.start <= pp.start and pp.end <= ps.end and (pp.start, pp.end) != (ps.start, ps.end)
    if not inside or part.value.lo is None or span.value.hi is None:
        return None
    if part.value.lo <= span.value.hi:
        return None
    if not _part_of(inp, part, span):
        return None
    return part, span


def _part_of(inp: CheckInput, part: Claim, span: Claim) -> bool:
    """The part measures the span's metric or a narrower one (more words, one head)."""
    identity = inp.matcher.identity
    r = identity.relate(part.metric.name, span.metric.name, part.metric.id, span.metric.id)
    if r.level in SAME:
        return True
    if r.level != "fuzzy metric" or part.metric.id or span.metric.id:
        return False
    a, b = identity.parts(part.metric.name), identity.parts(span.metric.name)
    if a is None or b is None or a.head != b.head or len(a.text) <= len(b.text):
        return False
    return all(w in a.words or w in a.text for w in b.words)  # 粮食 within 粮食作物


def spans_not_adding_up(inp: CheckInput) -> list[tuple[Claim, list[Claim]]]:
    """(span, parts) of one document where figures for stretches of time that together
    make up a longer stretch (前三季度 and 四季度; 上半年 and 下半年) do not add up to the
    figure the document gives for that stretch, beyond the rounding of the figures
    written. Flows only, exact figures, one metric."""
    out: list[tuple[Claim, list[Claim]]] = []
    for claims in _flows(inp).values():
        exact = [c for c in claims if exact_figure(c)]
        for span in exact:
            parts = _covering(inp, span, exact)
            if parts is None:
                continue
            added = sum(p.value.lo or 0.0 for p in parts)
            slack = sum(_half_unit(c) for c in [span, *parts])
            if abs(added - (span.value.lo or 0.0)) > slack:
                out.append((span, parts))
    return out


def _flows(inp: CheckInput) -> dict[tuple[str, str, str], list[Claim]]:
    """Each document's stated flows of one subject and unit, by document."""
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for e in inp.extractions:
        for c in e.claims:
            if _stated_flow(inp, c) and c.subject is not None:
                groups[(c.doc, c.subject.id or c.subject.name, c.unit)].append(c)
    return groups


def _stated_flow(inp: CheckInput, c: Claim) -> bool:
    """A figure that adds up over time (a count, an amount, a physical measure) for a
    stated stretch of time, no target and no as-of level."""
    summed = c.kind in SUMMABLE or (c.kind == "other" and c.unit in inp.rules.units.physical)
    p = c.period
    if not summed or not p.start or not p.end or p.kind in NOT_SPANS:
        return False
    return not is_target(c, inp.rules.checks.statements)


def _half_unit(c: Claim) -> float:
    """Half a unit of the figure's last written digit (0 when unknown)."""
    return c.value.precision or 0.0


def _covering(inp: CheckInput, span: Claim, claims: list[Claim]) -> list[Claim] | None:
    """Parts of `span` of its own metric whose stretches of time follow one another from
    its first day to its last, each part a stretch of its own, or None."""
    ps = span.period
    assert ps.start and ps.end
    parts: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        pc = c.period
        assert pc.start and pc.end
        if (pc.start, pc.end) == (ps.start, ps.end) or not (
            ps.start <= pc.start <= pc.end <= ps.end
        ):
            continue
        if c.quote == span.quote and c.span == span.span:
            continue
        r = inp.matcher.identity.relate(
            c.metric.name, span.metric.name, c.metric.id, span.metric.id
        )
        if r.level in SAME:
            parts[pc.start].append(c)
    chain: list[Claim] = []
    day = ps.start
    while day <= ps.end:
        starting = parts.get(day)
        if not starting or len(starting) != 1:
            return None  # a gap, or two figures for one stretch: nothing to add up
        part = starting[0]
        chain.append(part)
        assert part.period.end
        if part.period.end == ps.end:
            return chain if len(chain) > 1 else None
        day = _next_day(part.period.end)
    return None


def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
