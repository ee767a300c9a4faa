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
  same stretch of the calendar of the same kind, as_of: or target:, whichever way it is
  labelled: 2024-H1 is 2024-01/2024-06, 2024-Q1 is 2024-01/2024-03, a figure since 2012
  told in 2023 (cumulative:2012/2023-12) is the span 2012/2023, and a gold span with an
  open end, 2023/, is any span from its first day; an implied document date counts as
  none) and *citation* (the same status) are the shares right.
"""

from __future__ import annotations

import calendar
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
    return same_period(got, g["period"])


def same_period(got: str | None, wanted: str | None) -> bool:
    """Whether a predicted period label is the gold one: the same stretch of the calendar
    of the same kind, or, for a gold span with an open end, any span from its first day."""
    if got is None or wanted is None or got == wanted:
        return got == wanted
    mine, theirs = _interval(got), _interval(wanted)
    if mine is None or theirs is None:
        return False
    since = theirs[2] is None and mine[:2] == theirs[:2]  # 2023/: since 2023, to any day
    return mine == theirs or since


# Periods are compared as stretches of the calendar, as one stretch is labelled two ways:
# 2024-H1 and 2024-01/2024-06, 2024-Q1 and 2024-01/2024-03, 2012/2023 and
# cumulative:2012/2023-12 (a figure since 2012, to the document's date).
SPAN_KINDS = ("", "cumulative")
_PART = re.compile(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])))?")


def _interval(label: str) -> tuple[str, int, int | None] | None:
    """A label as its kind and its first and last days (YYYYMMDD; no last day for an open
    end, 2023/), or None for a label that is no stretch of the calendar (edition:25)."""
    kind, _, body = label.rpartition(":")
    first, sep, last = body.partition("/")
    lo = _bounds(first)
    hi = _bounds(last) if last else None
    if lo is None or (last and hi is None):
        return None
    end = hi[1] if hi is not None else (None if sep else lo[1])
    return ("" if kind in SPAN_KINDS else kind, lo[0], end)


def _bounds(part: str) -> tuple[int, int] | None:
    m = _PART.fullmatch(part)
    if m is None:
        return None
    y, mo, d, q, h = m.groups()
    year = int(y)
    if d:
        v = year * 10000 + int(mo) * 100 + int(d)
        return v, v
    if mo:
        first_month = last_month = int(mo)
    elif q:
        first_month, last_month = 3 * int(q) - 2, 3 * int(q)
    elif h:
        first_month, last_month = 6 * int(h) - 5, 6 * int(h)
    else:
        first_month, last_month = 1, 12
    last_day = calendar.monthrange(year, last_month)[1]
    return year * 10000 + first_month * 100 + 1, year * 10000 + last_month * 100 + last_day


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
