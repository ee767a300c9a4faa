"""Scoring claims against a gold folder (the format of tests/gold/).

How it counts:
- a gold claim is *found* when a predicted claim of its document overlaps the gold
  `value_text` inside the gold `quote`, looked for in the body before the front matter
  (a title may repeat a quote); repeated value texts in one quote are taken in order;
  claims marked `implicit` are left out;
- *precision* is the share of predicted claims that overlap some gold value text;
- on found claims: *value+unit* (interval bounds within 0.01% and the same unit, as the
  checker compares units: a gold unit written as a word of a unit in rules/units.toml is
  that unit, so 百分点 is pp and 吉瓦时 is GWh, and classifiers declared comparable there
  are one unit, so 5座 counts as 5个),
  *subject* (the predicted entity's name or its text as written equals the gold subject,
  or is contained in it once the gold's parenthesised notes are dropped), *period* (the
  same normalized label; an implied document date counts as none) and *citation* (the same
  status) are the shares right.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import opencc
from pydantic import BaseModel

from checker.models import Analysis, Claim
from checker.ruleset import UnitsFile

Gold = dict[str, Any]


class Miss(BaseModel):
    id: str
    field: str
    gold: str
    got: str
    quote: str


class Scores(BaseModel):
    gold: int
    predicted: int
    found: int
    correct_predictions: int
    recall: float
    precision: float
    value_unit: float
    subject: float
    period: float
    citation: float
    misses: list[Miss]


def evaluate(gold: list[Gold], analyses: list[Analysis], units: UnitsFile | None = None) -> Scores:
    by_doc = {a.document.id: a for a in analyses}
    rows = [g for g in gold if not g.get("implicit") and g["doc"] in by_doc]
    same_unit = _same_unit(units)
    spans = _gold_spans(rows, by_doc)
    to_simple = opencc.OpenCC("tw2s")
    predicted = [c for a in analyses for c in a.claims]
    hits = {"value_unit": 0, "subject": 0, "period": 0, "citation": 0}
    misses: list[Miss] = []
    found = 0
    for g in rows:
        start, end = spans[g["id"]]
        overlapping = [c for c in by_doc[g["doc"]].claims if _overlap(c.span, (start, end))]
        if not overlapping:
            misses.append(
                Miss(id=g["id"], field="claim", gold=g["value_text"], got="-", quote=g["quote"])
            )
            continue
        found += 1
        c = max(
            overlapping,
            key=lambda c: (
                _subject_ok(c, g, to_simple),
                _value_ok(c, g, same_unit, units),
                _period_ok(c, g),
            ),
        )
        checks = {
            "value_unit": _value_ok(c, g, same_unit, units),
            "subject": _subject_ok(c, g, to_simple),
            "period": _period_ok(c, g),
            "citation": c.citation.status == g["citation"],
        }
        for name, ok in checks.items():
            hits[name] += ok
            if not ok:
                misses.append(
                    Miss(
                        id=g["id"],
                        field=name,
                        gold=_show_gold(g, name),
                        got=_show_claim(c, name),
                        quote=g["quote"],
                    )
                )
    doc_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for g in rows:
        doc_spans[g["doc"]].append(spans[g["id"]])
    correct = sum(1 for c in predicted if any(_overlap(c.span, s) for s in doc_spans[c.doc]))
    return Scores(
        gold=len(rows),
        predicted=len(predicted),
        found=found,
        correct_predictions=correct,
        recall=_share(found, len(rows)),
        precision=_share(correct, len(predicted)),
        value_unit=_share(hits["value_unit"], found),
        subject=_share(hits["subject"], found),
        period=_share(hits["period"], found),
        citation=_share(hits["citation"], found),
        misses=misses,
    )


def _share(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def _gold_spans(rows: list[Gold], by_doc: dict[str, Analysis]) -> dict[str, tuple[int, int]]:
    spans: dict[str, tuple[int, int]] = {}
    taken: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for g in rows:
        doc = by_doc[g["doc"]].document
        text = doc.text
        q = text.find(g["quote"], doc.body_start)  # the body first: a title may repeat it
        if q < 0:
            q = text.find(g["quote"])
        if q < 0:
            raise ValueError(f"gold claim {g['id']}: quote not found in {g['doc']}")
        key = (g["doc"], g["quote"], g["value_text"])
        at = text.find(g["value_text"], q)
        same_subject_list = [i for i in taken[key]]
        # several gold claims on one value (前五 for five provinces) share its span; a value
        # text repeated in the quote (90%、90%) is taken occurrence by occurrence
        if same_subject_list and g["subject"] not in [
            s for s in _subjects_of(rows, key)[: len(taken[key])]
        ]:
            at = same_subject_list[-1]
        else:
            for _ in taken[key]:
                nxt = text.find(g["value_text"], at + 1, q + len(g["quote"]))
                at = nxt if nxt >= 0 else at
        taken[key].append(at)
        spans[g["id"]] = (at, at + len(g["value_text"]))
    return spans


def _subjects_of(rows: list[Gold], key: tuple[str, str, str]) -> list[str]:
    return [g["subject"] for g in rows if (g["doc"], g["quote"], g["value_text"]) == key]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _close(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is None and y is None
    return math.isclose(x, y, rel_tol=1e-4, abs_tol=1e-4)


def _same_unit(units: UnitsFile | None) -> Callable[[str, str], bool]:
    if units is None:
        return lambda got, gold: got == gold
    return lambda got, gold: units.unit_class(got) == units.unit_class(units.canonical(gold))


def _value_ok(
    c: Claim, g: Gold, same_unit: Callable[[str, str], bool], units: UnitsFile | None = None
) -> bool:
    """Bounds and unit; a gold unit that is kept in a base unit (GWh in kWh) is compared
    in that base."""
    v = g["value"]
    unit, factor = g["unit"], 1.0
    if units is not None:
        base, _, factor = units.base(unit)
        unit = base if factor != 1 else unit
    lo, hi = (None if x is None else x * factor for x in (v["lo"], v["hi"]))
    return (
        _close(c.value.lo, lo)
        and _close(c.value.hi, hi)
        and same_unit(c.unit, unit)
        and (c.value.lo_open, c.value.hi_open) == (v["lo_open"], v["hi_open"])
    )


def _subject_ok(c: Claim, g: Gold, to_simple: opencc.OpenCC) -> bool:
    if c.subject is None:
        return False
    gold_full = g["subject"]
    gold_base = re.sub(r"[(（][^)）]*[)）]", "", gold_full)
    names = {c.subject.name, to_simple.convert(c.subject.text)}
    return any(n == gold_base or n in gold_base for n in names if n)


def _period_ok(c: Claim, g: Gold) -> bool:
    got = None if c.period.kind in ("implied", "unstated") else c.period.label
    wanted: str | None = g["period"]
    return got == wanted


def _show_gold(g: Gold, field: str) -> str:
    return {
        "value_unit": f"{g['value']} {g['unit']}",
        "subject": str(g["subject"]),
        "period": str(g["period"]),
        "citation": str(g["citation"]),
    }[field]


def _show_claim(c: Claim, field: str) -> str:
    if field == "value_unit":
        v = c.value
        return f"lo={v.lo} hi={v.hi} lo_open={v.lo_open} hi_open={v.hi_open} {c.unit}"
    if field == "subject":
        return c.subject.name if c.subject else "-"
    if field == "period":
        return f"{c.period.label} ({c.period.kind})"
    return f"{c.citation.status} {c.citation.source or ''}".strip()
