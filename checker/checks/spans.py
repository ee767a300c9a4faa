"""A part of a span that exceeds the span: in one document, a figure for a stretch of time
larger than the same subject's figure for a longer stretch holding it (2月 above 1-2月),
of the same metric or a narrower one (主要粮食作物进口量 within 粮食进口量). Flows only
(counts, amounts, physical measures), stated outcomes only (no target, no as-of level)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from checker.checks.internal import SUMMABLE
from checker.checks.prepared import CheckInput
from checker.checks.statements import is_target
from checker.models import Claim

NOT_SPANS = {"as_of", "target", "unstated"}
SAME = {"metric id", "metric alias", "same structure"}


def parts_exceeding_spans(inp: CheckInput) -> list[tuple[Claim, Claim]]:
    """(part, span) pairs of one document where the part's figure is above the span's."""
    physical = inp.rules.units.physical
    cues = inp.rules.checks.statements
    out: list[tuple[Claim, Claim]] = []
    for e in inp.extractions:
        groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for c in e.claims:
            summed = c.kind in SUMMABLE or (c.kind == "other" and c.unit in physical)
            p = c.period
            if not summed or not p.start or not p.end or p.kind in NOT_SPANS:
                continue
            if c.subject is None or not c.subject.id or is_target(c, cues):
                continue
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
