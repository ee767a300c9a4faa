"""Period forms: the calendar helpers and the builders of the period constructs that
need no vocabulary (a written year, a day, a span of years, 每年…). Each builder turns one
regex match and the document's date into a `Period`; the grammar in
`checker.mentions.period_grammar` pairs them with their patterns and trigger words.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from checker.mentions.numerals import BIG, POINT, SMALL, TENS, read_number
from checker.models import Period, constructed


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
    return constructed(
        Period,
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
    if n is not None and n.value >= 1000:
        return None  # 2025年前: a deadline
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


# ---- the date view: one spelling of dates for every period construct -------------------
#
# Dates are written in many ways (二〇一九年五月八日, 19年5月8日, 2019-05-08, 2019.5.8,
# 20190508). Before the period constructs run, a sentence is rewritten into one spelling
# (2019年5月8日) with a map back to the original characters, so that every construct reads
# every spelling and the periods keep the spans of what was written. The publication-date
# inference reads dates through the same view.

YEAR, MONTH, DAY = "年", "月", "日号"
CN_DIGITS = "〇零一二三四五六七八九"
PLACES = "".join(SMALL) + "".join(BIG)  # 十百千万亿
NUMERIC_DAY = re.compile(
    r"(?<![\d.])((?:1[6-9]|20)\d\d)([-/.])(1[0-2]|0?[1-9])[-/.](3[01]|[12]\d|0?[1-9])(?!\d|\.\d)"
)
NUMERIC_DAY_TIME = re.compile(
    r"(?<![\d.])((?:1[6-9]|20)\d\d)([-/.])(1[0-2]|0[1-9])\2(3[01]|[12]\d|0[1-9])(?=\d{1,2}[:：])"
)
COMPACT_DAY = re.compile(
    r"(?<![\d.])((?:19|20)\d\d)(1[0-2]|0[1-9])(3[01]|[12]\d|0[1-9])(?![\d.%A-Za-z\u4e00-\u9fff])"
)

DIGIT = ""  # `needs` of a pattern that needs a digit (as `\d` reads one)
ANY_DIGIT = re.compile(r"\d")


def _holds(text: str, needs: str) -> bool:
    """Whether `text` holds one of the characters `needs`, or a digit when it is DIGIT."""
    if needs == DIGIT:
        return ANY_DIGIT.search(text) is not None
    return any(ch in text for ch in needs)


class DateSpelling(NamedTuple):
    """The patterns of the date view, built from the period words of rules/dates.toml."""

    cn_year: re.Pattern[str]  # 二〇一九年
    cn_short: re.Pattern[str]  # 零七年八月
    short_year: re.Pattern[str]  # 19年5月
    cn_month: re.Pattern[str]  # 十二月 (not 三个月, 前三月)
    cn_day: re.Pattern[str]  # 月二十九号, 廿二日
    dotted_month: re.Pattern[str]  # 1999.08-2002.02


@lru_cache(maxsize=8)
def spelling(joints: tuple[str, ...], not_month_after: str, tail: str) -> DateSpelling:
    """The date view's patterns: `joints` join the two ends of a span (至, -), a numeral
    right after one of `not_month_after` is a count of months (三个月, 前三月), and `tail`
    after 年 makes two digits a year (19年5月; alone, 15年 is fifteen years)."""
    joint = "|".join(re.escape(j) for j in sorted(joints, key=len, reverse=True))
    one = "".join(re.escape(j) for j in joints if len(j) == 1)
    tens = "".join(TENS)
    digit = CN_DIGITS[2:]  # 一 to 九
    number = rf"[{CN_DIGITS}{PLACES}{POINT}]"
    ten = next(iter(SMALL))  # 十
    return DateSpelling(
        cn_year=re.compile(rf"(?<!{number})([{CN_DIGITS}]{{4}})(?={YEAR})"),
        cn_short=re.compile(rf"(?<!{number})([{CN_DIGITS}]{{2}})(?={YEAR}(?:{tail}))"),
        short_year=re.compile(rf"(?<![\d.])(\d\d)(?={YEAR}(?:{tail}))"),
        cn_month=re.compile(
            rf"(?<![{CN_DIGITS}{PLACES}\d{re.escape(not_month_after)}])({ten}[{digit[:2]}]?|[{digit}])(?={MONTH})"
        ),
        cn_day=re.compile(
            rf"(?<=[{MONTH}{one}、])({digit[2]}{ten}{digit[0]}?|{digit[1]}{ten}[{digit}]?|{ten}[{digit}]?|[{digit}])(?=[{DAY}])"
            rf"|(?<![{CN_DIGITS}{PLACES}])([{tens}][{digit}]?)(?=[{DAY}])"
        ),
        dotted_month=re.compile(
            rf"(?<![\d.])((?:19|20)\d\d)\.(0[1-9]|1[0-2])(?=\s*(?:{joint})\s*(?:19|20)\d\d)"
            rf"|(?<=[{one}])((?:19|20)\d\d)\.(0[1-9]|1[0-2])(?![\d.])"
        ),
    )


Rewrite = tuple[str, list[int], list[int]]


def _rewrite(
    text: str, pattern: re.Pattern[str], new: Callable[[re.Match[str]], str | None]
) -> Rewrite:
    """`text` with each match of `pattern` replaced by `new(match)` (None keeps it), and
    for every position of the result the original positions it starts and ends at."""
    out: list[str] = []
    lo: list[int] = []
    hi: list[int] = []
    at = 0
    for m in pattern.finditer(text):
        repl = new(m)
        if repl is None:
            continue
        out.append(text[at : m.start()])
        lo += range(at, m.start())
        hi += range(at, m.start())
        out.append(repl)
        lo += [m.start()] * len(repl)
        hi += [m.start()] + [m.end()] * (len(repl) - 1)
        at = m.end()
    out.append(text[at:])
    lo += range(at, len(text) + 1)
    hi += range(at, len(text) + 1)
    return "".join(out), lo, hi


def _digits(cn: str) -> str:
    n = read_number(cn)
    return str(int(n.value)) if n is not None else cn


def century(yy: int, year: int | None) -> int:
    """A two-digit year: 20yy unless that is more than ten years after the document's
    year, then 19yy."""
    now = year if year is not None else 2000
    return 2000 + yy if 2000 + yy <= now + 10 else 1900 + yy


def date_view(text: str, year: int | None, sp: DateSpelling) -> Rewrite:
    """`text` with its dates in one spelling (see above) and the maps back: for each
    position of the view, where the original starts and where it ends."""
    with_short = year is not None  # with no date to count from, 19年 stays unread

    def year_of(m: re.Match[str]) -> str | None:
        return "".join(str(max(0, CN_DIGITS.index(c) - 1)) for c in m.group(1))

    def day(m: re.Match[str]) -> str | None:
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        return f"{y}{YEAR}{mo}{MONTH}{d}{DAY[0]}" if d <= month_end(y, mo) else None

    def day_time(m: re.Match[str]) -> str | None:
        said = day(m)
        return None if said is None else said + " "

    def compact(m: re.Match[str]) -> str | None:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return f"{y}{YEAR}{mo}{MONTH}{d}{DAY[0]}" if d <= month_end(y, mo) else None

    def dotted(m: re.Match[str]) -> str:
        y, mo = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return f"{y}{YEAR}{int(mo)}{MONTH}"

    def short(m: re.Match[str]) -> str:
        return str(century(int(m.group(1)), year))

    # each pattern after a cheap first test: a character all its matches need (年, 月 or
    # 日/号 in its lookahead, or a digit)
    steps: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None], str]] = [
        (sp.cn_year, year_of, YEAR),
        (sp.cn_short, year_of, YEAR),
        (sp.short_year, short, YEAR),
        (sp.cn_month, lambda m: _digits(m.group(1)), MONTH),
        (sp.cn_day, lambda m: _digits(m.group(1) or m.group(2)), DAY),
        (NUMERIC_DAY_TIME, day_time, DIGIT),
        (NUMERIC_DAY, day, DIGIT),
        (sp.dotted_month, dotted, DIGIT),
        (COMPACT_DAY, compact, DIGIT),
    ]
    view, lo, hi = text, list(range(len(text) + 1)), list(range(len(text) + 1))
    for pattern, new, needs in steps:
        if pattern in (sp.cn_short, sp.short_year) and not with_short:
            continue
        if not _holds(view, needs) or not pattern.search(view):
            continue
        view, lo2, hi2 = _rewrite(view, pattern, new)
        lo, hi = [lo[i] for i in lo2], [hi[i] for i in hi2]
    return view, lo, hi


# ---- calendars --------------------------------------------------------------------------


def to_date(x: dt.date) -> int:
    return ymd(x.year, x.month, x.day)


def week_of(x: dt.date) -> tuple[int, int]:
    """Monday and Sunday of the week of `x`."""
    monday = x - dt.timedelta(days=x.weekday())
    return to_date(monday), to_date(monday + dt.timedelta(days=6))


def lunar_day(year: int, month: int, day: int, *, leap: bool = False) -> dt.date | None:
    """A day of the lunar calendar (day 0: the eve of the month's first day), by
    lunar-python (MIT)."""
    from lunar_python import Lunar

    try:
        if day == 0:
            s = Lunar.fromYmd(year + (month == 1), month, 1).getSolar()
            return dt.date(s.getYear(), s.getMonth(), s.getDay()) - dt.timedelta(days=1)
        s = Lunar.fromYmd(year, -month if leap else month, day).getSolar()
    except Exception:  # noqa: BLE001 (a month or day the lunar year does not have)
        return None
    return dt.date(s.getYear(), s.getMonth(), s.getDay())


def lunar_month(year: int, month: int, *, leap: bool = False) -> tuple[dt.date, dt.date] | None:
    from lunar_python import LunarMonth

    lm = LunarMonth.fromYm(year, -month if leap else month)
    if lm is None:
        return None
    first = lunar_day(year, month, 1, leap=leap)
    if first is None:
        return None
    return first, first + dt.timedelta(days=lm.getDayCount() - 1)


def solar_term(year: int, name: str) -> dt.date | None:
    """The day a solar term falls on in `year` (小寒 and 大寒 in the January after), by
    lunar-python."""
    from lunar_python import Lunar

    first, last = dt.date(year, 2, 1), dt.date(year + 1, 1, 31)
    for y in (year, year + 1):
        s = Lunar.fromYmd(y, 6, 1).getJieQiTable().get(name)
        if s is not None:
            day = dt.date(s.getYear(), s.getMonth(), s.getDay())
            if first <= day <= last:
                return day
    return None


def holiday_days(year: int, names: list[str]) -> tuple[dt.date, dt.date] | None:
    """The first and last official days off of a public holiday of `year` (the working
    days made up for it aside), by the names lunar-python's schedule of the State
    Council's notices gives them (国庆节, 国庆中秋): None for a year it does not cover."""
    runs = [r for name in names if (r := _holidays_of(year).get(name)) is not None]
    if not runs:
        return None
    return min(r[0] for r in runs), max(r[1] for r in runs)


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> dict[str, tuple[dt.date, dt.date]]:
    """The days off of each holiday of `year` by its name (元旦's may begin in the last
    days of the year before)."""
    from lunar_python.util import HolidayUtil

    found: dict[str, list[dt.date]] = {}
    for y in (year - 1, year):
        for h in HolidayUtil.getHolidays(y):
            if not h.isWork() and h.getTarget().startswith(f"{year:04d}-"):
                found.setdefault(h.getName(), []).append(dt.date.fromisoformat(h.getDay()))
    return {name: (min(days), max(days)) for name, days in found.items()}


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - 1 - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (nth - 1))


def shift(x: dt.date, unit: str, n: float) -> dt.date:
    """`x` moved by `n` years, months, weeks or days (a half year is six months, a half
    month fifteen days)."""
    if unit in ("year", "quarter", "month"):
        months = n * {"year": 12, "quarter": 3, "month": 1}[unit]
        whole = int(months)
        y, mo = shift_month(x.year, x.month, whole)
        moved = dt.date(y, mo, min(x.day, month_end(y, mo)))
        return moved + dt.timedelta(days=round((months - whole) * 30))
    return x + dt.timedelta(days=n * (7 if unit == "week" else 1))


def grain(x: dt.date, unit: str) -> tuple[int, int]:
    """The year, month, week or day holding `x`."""
    if unit == "year":
        return ymd(x.year, 1, 1), ymd(x.year, 12, 31)
    if unit == "month":
        return ymd(x.year, x.month, 1), ymd(x.year, x.month, month_end(x.year, x.month))
    if unit == "week":
        return week_of(x)
    if unit == "quarter":
        return grain(x, "month")
    return to_date(x), to_date(x)


def iso(v: int) -> str:
    return f"{v // 10000:04d}-{v // 100 % 100:02d}-{v % 100:02d}"


def build_century(m: re.Match[str], a: Anchor | None) -> Period | None:
    """18世纪, 20世纪60年代, 上世纪80年代."""
    if m.group("last"):
        if a is None:
            return unresolved(m)
        first = (a.year // 100 - 1) * 100
    else:
        first = (int(m.group("c")) - 1) * 100
    if m.group("dec"):
        first += int(m.group("dec"))
        last = first + 9
    else:
        last = first + 99
    return make(m, "span", f"{first}/{last}", ymd(first, 1, 1), ymd(last, 12, 31), event=True)
