"""The values of matched claims as intervals: widened by their written precision and their
metric's rounding tolerance, a streak by the year it began; and the relative gap between
two written values."""

from __future__ import annotations

import re

from checker.matching.periods import IMPLIED
from checker.models import Claim


def compared_interval(c: Claim, tolerance: float, date: str | None) -> tuple[float, float]:
    """The interval a claim is compared on: its value's interval (see `interval`), but a
    streak by the year it began, counted back from `date` (when it holds): 连续8年 as of
    2024 and 连续9年 as of 2025 both began in 2017; with no stated period it may have
    ended the year before its document's date."""
    lo, hi = interval(c, tolerance)
    if c.kind == "streak":
        year = _year(date)
        if year is not None and c_finite(lo, hi):
            # a streak dated only by its document may end with the year before (连续36年
            # in a January 2025 article is usually counted to 2024)
            last = 1 if c.period.kind in IMPLIED else 0
            return year - last - hi + 1, year - lo + 1
    return lo, hi


def interval(c: Claim, tol: float) -> tuple[float, float]:
    """The claim's value as a closed interval, widened by its written precision and
    its metric's rounding tolerance `tol`. Strict bounds stay strict: a tiny step inward."""
    v = c.value
    scale = 100.0 if c.kind == "fraction" else 1.0
    lo = float("-inf") if v.lo is None else float(v.lo) * scale
    hi = float("inf") if v.hi is None else float(v.hi) * scale
    if v.precision:  # just under half a unit, so 9 and 8 never touch at 8.5
        lo, hi = lo - 0.999 * v.precision * scale, hi + 0.999 * v.precision * scale
    if tol and v.lo is not None and v.lo == v.hi and _round_figure(v.text):
        lo, hi = (
            lo * (1 - tol),
            hi * (1 + tol),
        )  # a round figure (约5000亿, 1.7万亿) may be rounded
    eps = 1e-9 * max(
        1.0, abs(lo) if lo != float("-inf") else 1.0, abs(hi) if hi != float("inf") else 1.0
    )
    if v.lo_open and lo != float("-inf"):
        lo += eps
    if v.hi_open and hi != float("inf"):
        hi -= eps
    return lo, hi


def exact_figure(c: Claim) -> bool:
    """The claim states one exact figure: no bound, no range."""
    v = c.value
    return v.lo is not None and v.lo == v.hi and not v.lo_open and not v.hi_open


def relative_gap(a: Claim, b: Claim) -> float:
    """Relative distance between the written values (not the widened intervals)."""

    def bounds(c: Claim) -> tuple[float, float]:
        lo = c.value.lo if c.value.lo is not None else c.value.hi
        hi = c.value.hi if c.value.hi is not None else c.value.lo
        return float(lo or 0.0), float(hi or 0.0)

    (la, ha), (lb, hb) = bounds(a), bounds(b)
    low, high = (ha, lb) if ha < lb else (hb, la)
    scale = max(abs(low), abs(high), 1e-9)
    return round(abs(high - low) / scale, 4)


def significant_digits(text: str) -> int:
    """Significant digits written: 1280.9万 → 5, 427 → 3, 5.0% → 1."""
    return len("".join(re.findall(r"\d", text)).strip("0"))


def _round_figure(text: str) -> bool:
    """Written with at most two significant digits: 5000亿, 1.7万亿 (not 5099.61亿)."""
    return 0 < significant_digits(text) <= 2


def _year(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value[:4])
    except ValueError:
        return None


def c_finite(*values: float) -> bool:
    return all(v not in (float("inf"), float("-inf")) for v in values)
