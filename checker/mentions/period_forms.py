"""Period forms: the calendar helpers and the builders of the period constructs that
need no vocabulary (a written year, a day, a span of years, 每年…). Each builder turns one
regex match and the document's date into a `Period`; the grammar in
`checker.mentions.periods` pairs them with their patterns and trigger words.
"""

from __future__ import annotations

import calendar
import re
from typing import NamedTuple

from checker.mentions.numerals import read_number
from checker.models import Period


class Anchor(NamedTuple):
    year: int
    month: int
    day: int


def anchor_of(pub: str | None) -> Anchor | None:
    """The document date as (year, month, last day known): "2025-07" → 2025-07-31."""
    if not pub:
        return None
    parts = [int(p) for p in pub.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return Anchor(year, month, day)


def ymd(y: int, m: int, d: int) -> int:
    return y * 10000 + m * 100 + d


def month_end(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def month_span(y1: int, m1: int, y2: int, m2: int) -> tuple[str, int, int]:
    label = f"{y1:04d}-{m1:02d}" if (y1, m1) == (y2, m2) else f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}"
    return label, ymd(y1, m1, 1), ymd(y2, m2, month_end(y2, m2))


def make(
    m: re.Match[str],
    kind: str,
    label: str | None,
    lo: int | None = None,
    hi: int | None = None,
    *,
    event: bool = False,
    floating: bool = False,
) -> Period:
    # built from the parser's own values: no validation needed on this hot path
    return Period.model_construct(
        start=m.start(),
        end=m.end(),
        text=m.group(0),
        kind=kind,
        label=label,
        lo=lo,
        hi=hi,
        event=event,
        floating=floating,
    )


def unresolved(m: re.Match[str]) -> Period:
    return make(m, "unresolved", None)


def read_int(m: re.Match[str], name: str) -> int | None:
    n = read_number(m.group(name))
    return int(n.value) if n else None


def build_now(m: re.Match[str], a: Anchor | None) -> Period:
    """目前 / 当前: as of the document's own date (kind `current`)."""
    if a is None:
        return unresolved(m)
    return make(m, "current", f"as_of:{a.year:04d}-{a.month:02d}", hi=ymd(a.year, a.month, a.day))


def build_recent_days(m: re.Match[str], a: Anchor | None) -> Period:
    if a is None:
        return unresolved(m)
    return make(m, "month", *month_span(a.year, a.month, a.year, a.month))


def build_last_month(m: re.Match[str], a: Anchor | None) -> Period:
    if a is None:
        return unresolved(m)
    y, mo = (a.year, a.month - 1) if a.month > 1 else (a.year - 1, 12)
    return make(m, "span", *month_span(y, mo, a.year, a.month))


def build_day(m: re.Match[str], a: Anchor | None) -> Period | None:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= month_end(y, mo)):
        return None
    return make(m, "day", f"{y:04d}-{mo:02d}-{d:02d}", ymd(y, mo, d), ymd(y, mo, d), event=True)


def build_month(m: re.Match[str], a: Anchor | None) -> Period | None:
    y, mo = int(m.group("y")), int(m.group("m"))
    if not 1 <= mo <= 12:
        return None
    return make(m, "month", *month_span(y, mo, y, mo), event=True)


def build_year_span(m: re.Match[str], a: Anchor | None) -> Period | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 < y1:
        return None
    return make(m, "span", f"{y1}/{y2}", ymd(y1, 1, 1), ymd(y2, 12, 31), event=True)


def build_after_year(m: re.Match[str], a: Anchor | None) -> Period:
    y = int(m.group("y"))
    return make(m, "span", f"{y}/", ymd(y, 1, 1), None, event=True)


def build_since_year(m: re.Match[str], a: Anchor | None) -> Period:
    y = int(m.group("y"))
    end = f"{a.year:04d}-{a.month:02d}" if a else ""
    hi = ymd(a.year, a.month, a.day) if a else None
    return make(m, "since", f"cumulative:{y}/{end}", ymd(y, 1, 1), hi)


def build_year(m: re.Match[str], a: Anchor | None) -> Period:
    """2024年; a year after the document's year is a target (2028年达到800亿元)."""
    y = int(m.group("y"))
    if a is not None and y > a.year:
        return make(m, "target", f"target:{y}", ymd(y, 1, 1), ymd(y, 12, 31))
    return make(m, "year", str(y), ymd(y, 1, 1), ymd(y, 12, 31), event=True)


def build_target_year(m: re.Match[str], a: Anchor | None) -> Period | None:
    """到2035年, 预计2026年底: a target, unless the document reports that date as past
    (增长到2024年的…): then the year or as-of constructs read it."""
    y = int(m.group("y"))
    mo = int(m.group("m")) if m.group("m") else 12
    if a is not None and ymd(y, mo, month_end(y, mo)) <= ymd(*a):
        return None
    return make(m, "target", f"target:{y}", ymd(y, 1, 1), ymd(y, 12, 31))


def build_target_years_ahead(m: re.Match[str], a: Anchor | None) -> Period | None:
    n = read_int(m, "n")
    if a is None or n is None:
        return unresolved(m)
    y = a.year + n
    return make(m, "target", f"target:{y}", ymd(y, 1, 1), ymd(y, 12, 31))


def build_bare_year(m: re.Match[str], a: Anchor | None) -> Period:
    y = int(m.group("y"))
    return make(m, "year", str(y), ymd(y, 1, 1), ymd(y, 12, 31))


def build_last_and_this_year(m: re.Match[str], a: Anchor | None) -> Period:
    if a is None:
        return unresolved(m)
    return make(m, "span", f"{a.year - 1}/{a.year}", ymd(a.year - 1, 1, 1), ymd(a.year, 12, 31))


def build_years_ago(m: re.Match[str], a: Anchor | None) -> Period | None:
    n = read_number(m.group("n"))
    if a is None or n is None:
        return unresolved(m)
    if m.group("more"):
        newest, oldest = a.year - int(n.value), a.year - int(n.value + n.significant) + 1
        return make(
            m, "span", f"{oldest}/{newest}", ymd(oldest, 1, 1), ymd(newest, 12, 31), event=True
        )
    y = a.year - int(n.value)
    return make(m, "year", str(y), ymd(y, 1, 1), ymd(y, 12, 31), event=True)


def build_bare_day(m: re.Match[str], a: Anchor | None) -> Period | None:
    mo, d = int(m.group("m")), int(m.group("d"))
    if a is None:
        return unresolved(m)
    y = a.year if (mo, d) <= (a.month, a.day) else a.year - 1
    if not (1 <= mo <= 12 and 1 <= d <= month_end(y, mo)):
        return None
    return make(m, "day", f"{y:04d}-{mo:02d}-{d:02d}", ymd(y, mo, d), ymd(y, mo, d), event=True)


def build_bare_month(m: re.Match[str], a: Anchor | None) -> Period | None:
    mo = int(m.group("m"))
    if a is None:
        return unresolved(m)
    y = a.year if mo <= a.month else a.year - 1
    return make(m, "month", *month_span(y, mo, y, mo), event=True)


def build_reference(m: re.Match[str], a: Anchor | None) -> Period:
    """去年同期: what a change is measured against; it dates no claim."""
    return make(m, "unresolved", None)


def shift_month(y: int, mo: int, by: int) -> tuple[int, int]:
    n = y * 12 + mo - 1 + by
    return n // 12, n % 12 + 1


def build_decade(m: re.Match[str], a: Anchor | None) -> Period | None:
    c, dec = read_number(m.group("c")), read_number(m.group("dec"))
    if c is None or dec is None:
        return None
    first = int(c.value - 1) * 100 + int(dec.value)
    return make(
        m, "span", f"{first}/{first + 9}", ymd(first, 1, 1), ymd(first + 9, 12, 31), event=True
    )


def build_past_editions(m: re.Match[str], a: Anchor | None) -> Period | None:
    n = read_int(m, "n")
    return make(m, "cumulative", f"cumulative:past{n}_editions") if n else None


def build_edition(m: re.Match[str], a: Anchor | None) -> Period | None:
    n = read_int(m, "n")
    return make(m, "edition", f"edition:{n}") if n else None


def build_past_years(m: re.Match[str], a: Anchor | None) -> Period | None:
    n = read_int(m, "n")
    if a is None or not n:
        return unresolved(m)
    first, last = a.year - n, a.year - 1
    return make(m, "cumulative", f"cumulative:{first}/{last}", ymd(first, 1, 1), ymd(last, 12, 31))


def build_annual(m: re.Match[str], a: Anchor | None) -> Period:
    return make(m, "recurring", "annual")


def build_recent_years(m: re.Match[str], a: Anchor | None) -> Period:
    if a is None:
        return unresolved(m)
    return make(m, "recent", f"recent_years:to{a.year - 1}", None, ymd(a.year - 1, 12, 31))


def build_two_sessions(m: re.Match[str], a: Anchor | None) -> Period | None:
    y = int(m.group("y")) if m.group("y") else (a.year if a else None)
    if y is None:
        return unresolved(m)
    return make(m, "month", *month_span(y, 3, y, 3), event=True)
