"""A document's own arithmetic: shares of totals, and totals compared with groups.

- share_of_total: a share (近三分之二, 占比近三分之一) stated for one subject or a listed
  group, checked against the counts the same document gives for the members and for the
  total (the country, or the list the share is of);
- ratio_to_group: a comparison with a group's sum (相当于江浙沪三地总和), checked against the
  figures the document gives for the subject and each member of the group.
A check runs only when every part is stated; open bounds (超过31万) count as at most
`open_bound_factor` beyond their figure.
"""

from __future__ import annotations

from functools import cache

import opencc

from checker.models import Analysis, Claim, InternalCheck
from checker.ruleset import Entity, Ruleset

CONTAINERS = {"country", "region"}
SUMMABLE = {"count", "amount"}


def internal_checks(a: Analysis, rules: Ruleset) -> list[InternalCheck]:
    entities = {e.id: e for e in rules.entities.entity}
    factor = rules.checks.matching.open_bound_factor
    out: list[InternalCheck] = []
    if not any(c.kind in ("fraction", "ratio") for c in a.claims):
        return out
    index: dict[str, list[Claim]] = {}  # claims by subject, so lookups are not a scan
    for c in a.claims:
        if c.subject and c.subject.id:
            index.setdefault(c.subject.id, []).append(c)
    for c in a.claims:
        if c.kind == "fraction" and c.subject is not None:
            result = _share_of_total(a, index, c, entities, factor)
            if result:
                out.append(result)
        if c.kind == "ratio" and "comparison" in c.flags and c.subject and c.subject.id:
            result = _ratio_to_group(a, index, c, entities, factor)
            if result:
                out.append(result)
    return out


@cache
def to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("tw2s")  # built once per process: building one costs ~2 ms


def _soft(c: Claim, factor: float) -> tuple[float, float]:
    lo = c.value.lo if c.value.lo is not None else 0.0
    hi = c.value.hi if c.value.hi is not None else lo * factor
    return float(lo), float(hi)


def _sum(claims: list[Claim], factor: float) -> tuple[float, float]:
    lo = sum(_soft(c, factor)[0] for c in claims)
    hi = sum(_soft(c, factor)[1] for c in claims)
    return lo, hi


def _ratio(part: tuple[float, float], whole: tuple[float, float]) -> tuple[float, float] | None:
    """The interval part / whole can take."""
    if whole[0] <= 0:
        return None
    return round(part[0] / whole[1], 4), round(part[1] / whole[0], 4)


def _overlaps(computed: tuple[float, float], stated: tuple[float | None, float | None]) -> bool:
    lo = stated[0] if stated[0] is not None else float("-inf")
    hi = stated[1] if stated[1] is not None else float("inf")
    return computed[0] <= hi and lo <= computed[1]


def _members(a: Analysis, share: Claim) -> list[str]:
    """The subjects a share covers: the entities listed in its sentence before a group
    (以广东、北京…为代表的东部省份), or its own subject."""
    sentence = next((s for s in a.sentences if s.span[0] <= share.span[0] < s.span[1]), None)
    mentions = a.mentions[sentence.index] if sentence else None
    subject_id = share.subject.id if share.subject else None
    listed = [
        e.id
        for e in (mentions.entities if mentions else ())
        if e.id and e.id != subject_id and e.type not in CONTAINERS
    ]
    return listed or ([subject_id] if subject_id else [])


def _share_of_total(
    a: Analysis,
    index: dict[str, list[Claim]],
    share: Claim,
    entities: dict[str, Entity],
    factor: float,
) -> InternalCheck | None:
    members = _members(a, share)
    if not members:
        return None
    totals = [
        c
        for c in a.claims
        if c.kind == "count"
        and c is not share
        and (
            "list-size" in c.flags
            or (
                c.subject and c.subject.id in entities and entities[c.subject.id].type in CONTAINERS
            )
        )
    ]
    for total in totals:
        parts = _parts(index, members, total.unit, near=total)
        if parts is None:
            continue
        if "list-size" not in total.flags and any(p.quote != total.quote for p in parts):
            continue  # a country's total goes with the parts stated beside it
        if "list-size" not in total.flags and not all(_same_thing(p, total) for p in parts):
            continue  # a share needs the part and the whole of one metric
        computed = _ratio(_sum(parts, factor), _soft(total, factor))
        if computed is None or computed[0] > 1:
            continue  # parts larger than their whole are not its parts: nothing to say
        stated = (share.value.lo, share.value.hi)
        consistent = _overlaps(computed, stated)
        names = "+".join(entities[m].name if m in entities else m for m in members)
        detail = (
            f"{names} {'+'.join(p.value.text for p in parts)} of {total.value.text} is "
            f"{computed[0]:.1%}–{computed[1]:.1%}; the text says {share.value.text}"
        )
        return InternalCheck(
            kind="share_of_total",
            doc=a.document.id,
            claims=[share.id, total.id, *[p.id for p in parts]],
            computed=computed,
            stated=stated,
            consistent=consistent,
            detail=detail,
        )
    return None


def _same_thing(part: Claim, total: Claim) -> bool:
    """The part and the whole may measure one metric: not two different registry metrics
    (a count of patents is no part of a count of firms)."""
    return not (part.metric.id and total.metric.id and part.metric.id != total.metric.id)


def _parts(
    index: dict[str, list[Claim]], members: list[str], unit: str, near: Claim
) -> list[Claim] | None:
    """One figure per member in `unit`, preferring the sentence of `near`."""
    parts = []
    for m in members:
        options = [
            c for c in index.get(m, []) if c.unit == unit and c.kind in SUMMABLE and c is not near
        ]
        if not options:
            return None
        parts.append(
            min(options, key=lambda c: (c.quote != near.quote, abs(c.span[0] - near.span[0])))
        )
    return parts


def _ratio_to_group(
    a: Analysis,
    index: dict[str, list[Claim]],
    ratio: Claim,
    entities: dict[str, Entity],
    factor: float,
) -> InternalCheck | None:
    text = to_simplified().convert(ratio.value.text)
    groups = [
        e for e in entities.values() if e.members and any(n in text for n in [e.name, *e.aliases])
    ]
    if not groups or ratio.subject is None or ratio.subject.id is None:
        return None
    group = groups[0]
    near = _nearby_paragraphs(a, ratio)
    for anchor in [
        c
        for c in index.get(ratio.subject.id, [])
        if c.kind in SUMMABLE and _paragraph(a, c) in near
    ]:
        parts = _parts(index, list(group.members), anchor.unit, near=anchor)
        if parts is None or any(p.quote != anchor.quote for p in parts):
            continue
        computed = _ratio(_soft(anchor, factor), _sum(parts, factor))
        if computed is None:
            continue
        stated = (ratio.value.lo, ratio.value.hi)
        consistent = _overlaps(computed, stated)
        detail = (
            f"{ratio.subject.name} {anchor.value.text} against {group.name} "
            f"{'+'.join(p.value.text for p in parts)} is ×{computed[0]:.2f}–{computed[1]:.2f}; "
            f"the text says {ratio.value.text}"
        )
        return InternalCheck(
            kind="ratio_to_group",
            doc=a.document.id,
            claims=[ratio.id, anchor.id, *[p.id for p in parts]],
            computed=computed,
            stated=stated,
            consistent=consistent,
            detail=detail,
        )
    return None


def _paragraph(a: Analysis, c: Claim) -> int:
    return next((s.paragraph for s in a.sentences if s.span[0] <= c.span[0] < s.span[1]), -1)


def _nearby_paragraphs(a: Analysis, c: Claim) -> set[int]:
    """The claim's paragraph and the next: a comparison and the figures that back it."""
    p = _paragraph(a, c)
    return {p, p + 1}
