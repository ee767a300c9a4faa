"""Passes over a sentence's quantities that join or restate units: lengths in falling
units (四年六个月), a lower and an upper bound side by side (3年以上7年以下), yields per
area (每亩390公斤) and the base unit of a dimension (74.6GW in kW).
"""

from __future__ import annotations

import re

from checker.mentions.atoms import ENDS
from checker.mentions.constructs import rounded
from checker.mentions.quantity_rules import QuantityRules
from checker.models import Quantity, Value, derive


def compound_durations(sentence: str, found: list[Quantity], g: QuantityRules) -> list[Quantity]:
    """四年六个月, 27分钟7秒: lengths in falling units written one after the other are one
    length, in the smaller unit."""
    steps = g.rules.units.duration_steps
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == q.start
            and (prev.unit, q.unit) in steps
            and prev.value.lo == prev.value.hi
            and q.value.lo == q.value.hi
            and prev.value.lo is not None
            and q.value.lo is not None
        ):
            total = rounded(prev.value.lo * steps[(prev.unit, q.unit)] + q.value.lo)
            value = Value(lo=total, hi=total, text=sentence[prev.start : q.end])
            out[-1] = q.model_copy(update={"start": prev.start, "value": value})
            continue
        out.append(q)
    return out


def bounds_pair(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """3年以上7年以下, 十五年以上、30年以下: a lower bound and an upper bound of one unit
    side by side are one interval."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and (prev.kind, prev.unit) == (q.kind, q.unit)
            and prev.value.hi is None
            and prev.value.lo is not None
            and q.value.lo is None
            and q.value.hi is not None
            and prev.value.lo <= q.value.hi
            and sentence[prev.end : q.start].strip(" ,，、") == ""
        ):
            value = Value(
                lo=prev.value.lo,
                hi=q.value.hi,
                lo_open=prev.value.lo_open,
                hi_open=q.value.hi_open,
                text=sentence[prev.start : q.end],
            )
            out[-1] = prev.model_copy(update={"end": q.end, "value": value})
            continue
        out.append(q)
    return out


CLAUSE_BREAKS = re.compile(rf"[{ENDS}]")


def clause_start(sentence: str, at: int) -> int:
    return max((m.end() for m in CLAUSE_BREAKS.finditer(sentence, 0, at)), default=0)


def per_area(sentence: str, found: list[Quantity], g: QuantityRules) -> list[Quantity]:
    """每亩412公斤, 单产每公顷6180公斤, 亩产分别减少7.3公斤: a mass that is a yield, per
    the area its cue names (a clause opening with 比 or 较 goes on with the one before)."""
    per = g.rules.units.per_area
    if per is None or not any(c in sentence for c in per.cues):
        return found
    out: list[Quantity] = []
    for q in found:
        rates = per.units.get(q.unit)
        if rates:
            start = clause_start(sentence, q.start)
            area = _area_cue(sentence[start : q.start], per.cues)
            opening = sentence[start : q.start].lstrip()
            if area is None and start > 0 and opening.startswith(tuple(per.carry_after)):
                area = _area_cue(sentence[clause_start(sentence, start - 1) : start], per.cues)
            if area is not None and area in rates:
                q = q.model_copy(update={"unit": rates[area]})
        out.append(q)
    return out


def _area_cue(text: str, cues: dict[str, str]) -> str | None:
    """The area of the cue nearest the end of `text`."""
    at, area = -1, None
    for cue, unit in cues.items():
        pos = text.rfind(cue)
        if pos > at:
            at, area = pos, unit
    return area


def in_base(q: Quantity, g: QuantityRules) -> Quantity:
    """A quantity in the base unit of its dimension: 74.6GW → 7.46e7 kW."""
    base = g.rules.units.bases.get(q.unit)
    if base is None:
        return q
    unit, factor = base
    v = q.value
    value = derive(
        v,
        lo=None if v.lo is None else rounded(v.lo * factor),
        hi=None if v.hi is None else rounded(v.hi * factor),
        precision=None if v.precision is None else v.precision * factor,
    )
    return q.model_copy(update={"unit": unit, "value": value})
