"""Passes over a sentence's quantities that read them together: the sign of a change
(下降4.5% is −4.5%), qualifiers, signs and units shared along a list (分别超过90%和80%;
12.2万、10.6万件), hedges before a reference (约占全国的26%), figures measured against
another (高于全国平均水平), points in a list and the size of a fall.
"""

from __future__ import annotations

import re

from checker.mentions.atoms import ENDS
from checker.mentions.quantity_generic import read_generic
from checker.mentions.quantity_rules import QuantityRules
from checker.mentions.quantity_units import clause_start
from checker.models import Quantity, derive

SIGNED = {"percent", "amount", "count", "other"}
UNSIGNED_FLAGS = {"uniqueness", "label", "magnitude-class", "comparison", "rate", "ordinal"}


def sign_changes(sentence: str, found: list[Quantity], g: QuantityRules) -> list[Quantity]:
    """同比下降4.5%, 回落3.1个百分点, 减少了3万户, 增长-2.1%: a fall is a negative change.
    The span stays on the number (flagged `decrease`): the word of change before it is
    what the metric is read from."""
    out: list[Quantity] = []
    for q in found:
        if q.kind in SIGNED and not UNSIGNED_FLAGS & set(q.flags):
            minus = q.start > 0 and sentence[q.start - 1] in MINUS
            before = sentence[max(0, q.start - 6) : q.start - minus]
            before = next(
                (before[: -len(p)] for p in g.number.particles if before.endswith(p)), before
            )
            # 12%-16%, 1万(含)-5万元: a dash between two amounts
            minus = minus and not (before[-1:].isdigit() or before.endswith(("%", ")", "）")))
            if minus:
                value = derive(q.value, text=sentence[q.start - 1 : q.end])
                q = q.model_copy(update={"start": q.start - 1, "value": value})
            word = _change_word(before, g)
            if minus != (word is not None and g.signs[word] < 0):
                q = negated(q)
        out.append(q)
    return out


MINUS = ("-", "−")


def _change_word(before: str, g: QuantityRules) -> str | None:
    """The word of change `before` ends with (下降, 回落 …), if any."""
    return max((w for w in g.signs if before.endswith(w)), key=len, default=None)


def negated(q: Quantity) -> Quantity:
    v = q.value
    value = derive(
        v,
        lo=None if v.hi is None else -v.hi,
        hi=None if v.lo is None else -v.lo,
        lo_open=v.hi_open,
        hi_open=v.lo_open,
    )
    return q.model_copy(update={"value": value, "flags": q.flags + ("decrease",)})


def carry_qualifiers(sentence: str, found: list[Quantity], g: QuantityRules) -> list[Quantity]:
    """分别超过90%和80%, 分别下降3%和5%, 分别增长了3倍和12倍: what stands before a
    分别 list (a qualifier, the sign of a change, an ambiguous multiplier) holds for
    every item."""
    out = list(found)
    in_list = False
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        ahead = sentence[max(0, prev.start - 8) : prev.start]
        in_list = g.qualifier_gap.match(sentence[prev.end : cur.start]) is not None and (
            in_list or any(c in ahead for c in g.list_cues)
        )
        if in_list:
            out[i] = _carried(prev, cur, g)
    return out


def approx_of(sentence: str, found: list[Quantity], g: QuantityRules) -> list[Quantity]:
    """约占全国的26%: 约 before a reference and 的 hedges the figure after them."""
    w = g.rules.qualifiers.constructs.approx_of
    out: list[Quantity] = []
    for q in found:
        before = sentence[max(0, q.start - 16) : q.start]
        cue = max((before.rfind(c) for c in w.words), default=-1)
        plain = cue >= 0 and not re.search(rf"[\d{ENDS}]", before[cue:])
        if plain and not q.qualifier and before.endswith(tuple(w.after)):
            q = _requalified(q, g.approx_word, g)
        out.append(q)
    return out


def _requalified(q: Quantity, word: str, g: QuantityRules) -> Quantity:
    """The quantity as it reads with `word` before it (约 + 26% → [25, 27])."""
    m = g.generic.fullmatch(word + q.value.text)
    again = read_generic(m, m.string, g) if m else None
    if again is None or (again.kind, again.unit) != (q.kind, q.unit):
        return q
    value = derive(again.value, text=q.value.text)
    return q.model_copy(update={"value": value, "qualifier": word, "flags": q.flags + ("hedged",)})


def _carried(prev: Quantity, cur: Quantity, g: QuantityRules) -> Quantity:
    if prev.qualifier and not cur.qualifier:
        m = g.generic.fullmatch(prev.qualifier + cur.value.text)
        again = read_generic(m, m.string, g) if m else None
        if again is not None and (again.kind, again.unit) == (cur.kind, cur.unit):
            value = derive(again.value, text=cur.value.text)
            flags = cur.flags + ("carried-qualifier",)
            cur = cur.model_copy(
                update={"value": value, "qualifier": prev.qualifier, "flags": flags}
            )
    if "decrease" in prev.flags and "decrease" not in cur.flags and cur.kind in SIGNED:
        cur = negated(cur)
    if "ambiguous" in prev.flags and "ambiguous" not in cur.flags and cur.unit == g.ratio_unit:
        v = cur.value
        value = derive(v, hi=(v.hi or 0) + 1, precision=None)
        cur = cur.model_copy(update={"value": value, "flags": cur.flags + ("ambiguous",)})
    return cur


def carry_units(
    sentence: str, found: list[Quantity], g: QuantityRules, heading: str | None = None
) -> list[Quantity]:
    """12.2万、10.6万件 / 11金、20银、190多项: a bare number takes the list's unit, or the
    unit its list's heading names (`heading`: 千吨 for ——产量：987120)."""
    out = list(found)
    for i in range(len(out) - 1, -1, -1):
        q = out[i]
        if "no-unit" not in q.flags:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is not None and nxt.unit and g.list_gap.match(sentence[q.end : nxt.start]):
            flags = tuple(f for f in q.flags if f != "no-unit") + ("carried-unit",)
            out[i] = q.model_copy(update={"kind": nxt.kind, "unit": nxt.unit, "flags": flags})
            continue
        scaled = re.search(r"[万亿千百]", q.value.text) is not None
        noun = g.noun_unit(sentence, q.end) if scaled else None
        if noun:
            flags = tuple(f for f in q.flags if f != "no-unit") + ("noun-unit",)
            out[i] = q.model_copy(update={"unit": noun, "flags": flags})
            continue
        named = g.noun_unit_before(sentence, q.start) if scaled else None
        if named:  # 观影人次9.36亿: the unit of the noun the name ends in
            flags = tuple(f for f in q.flags if f != "no-unit") + ("noun-unit",)
            out[i] = q.model_copy(update={"kind": named[0], "unit": named[1], "flags": flags})
            continue
        headed = _headed(q, heading, g) if heading and not scaled else None
        if headed is not None:
            out[i] = headed
            continue
        compound = g.compound_unit(sentence, q.end) if scaled else None
        if compound:  # 4210万载重吨: a unit of its own, ending in one the rules know
            flags = tuple(f for f in q.flags if f != "no-unit") + ("compound-unit",)
            end = q.end + len(compound)
            out[i] = q.model_copy(
                update={"kind": "count", "unit": compound, "end": end, "flags": flags}
            )
    return [q for q in out if "no-unit" not in q.flags]


def _headed(q: Quantity, heading: str, g: QuantityRules) -> Quantity | None:
    """A bare number read in the unit its list's heading names (987120 in 千吨; 5236 in
    万载重吨, a scale and a unit of its own)."""
    text = q.value.text + heading
    m = g.generic.fullmatch(text) or g.generic.match(text)
    again = read_generic(m, text, g) if m else None
    if again is None or again.value.lo is None:
        return None
    kind, unit = again.kind, again.unit
    if "no-unit" in again.flags or again.end < len(text):
        compound = g.compound_unit(text, again.end)
        if compound is None or again.end + len(compound) != len(text):
            return None
        kind, unit = "count", compound
    value = derive(again.value, text=q.value.text)
    flags = tuple(f for f in q.flags if f != "no-unit") + ("heading-unit",)
    return q.model_copy(update={"kind": kind, "unit": unit, "value": value, "flags": flags})


def resolve_references(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """高于全国平均水平: the bound is the same sentence's figure for 全国."""
    out: list[Quantity] = []
    for q in found:
        if "needs-reference" not in q.flags:
            out.append(q)
            continue
        ref_word = q.flags[-1]
        refs = [
            r
            for r in found
            if r.kind == "percent"
            and r.end <= q.start
            and "comparison" not in r.flags
            and ref_word in sentence[max(0, r.start - 24) : r.start]
        ]
        if not refs:
            continue
        ref = refs[0]
        below = q.value.hi_open
        value = derive(
            q.value, lo=None if below else ref.value.lo, hi=ref.value.lo if below else None
        )
        out.append(q.model_copy(update={"value": value, "flags": ("comparison",)}))
    return out


def points_lists(sentence: str, found: list[Quantity], g: QuantityRules) -> list[Quantity]:
    """分别扩大0.3个和0.5个百分点: a decimal count of 个 before a list's percentage points
    is in points too (no count of 个 has decimals)."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        v = q.value
        if (
            nxt.unit == "pp"
            and q.kind == "count"
            and v.lo is not None
            and not float(v.lo).is_integer()
            and g.list_gap.match(sentence[q.end : nxt.start])
        ):
            out[i] = q.model_copy(update={"kind": nxt.kind, "unit": nxt.unit})
    return out


def fall_sizes(sentence: str, found: list[Quantity], g: QuantityRules) -> list[Quantity]:
    """降幅扩大到10.6%, 较一季度9%的降幅: a percent that is the size of a fall in its
    clause is a negative change (a gap in points, 跌幅扩大0.4个百分点, is not)."""
    fall = g.rules.qualifiers.constructs.fall_size
    if fall is None or not any(w in sentence for w in fall.words):
        return found
    after = tuple(b + w for b in fall.before for w in fall.words)
    out: list[Quantity] = []
    for q in found:
        clause = sentence[clause_start(sentence, q.start) : q.start]
        named = any(w in clause for w in fall.words) or sentence.startswith(after, q.end)
        rising = q.value.lo is not None and q.value.lo > 0
        plain = "decrease" not in q.flags and "comparison" not in q.flags
        if named and q.unit == "%" and rising and plain:
            q = negated(q)
        out.append(q)
    return out
