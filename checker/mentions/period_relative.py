"""Period builders counted from the document's date: relative days, months, quarters and
weeks (今天, 上个月, 本季度, 下周六), offsets (3年后, 60日内), looks back or ahead (近30天,
未来两个月), parts of a month (6月上旬) and numbered weeks (3月第三周).
"""

from __future__ import annotations

import datetime as dt
import re

from checker.mentions.numerals import read_number
from checker.mentions.period_forms import (
    Anchor,
    grain,
    iso,
    make,
    month_end,
    month_span,
    nth_weekday,
    read_int,
    shift,
    shift_month,
    to_date,
    unresolved,
    week_of,
    ymd,
)
from checker.mentions.period_rules import PeriodRules
from checker.models import Period


class RelativeBuilders(PeriodRules):
    """Builders of periods counted from the document's date."""

    def _relative_day(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """今天, 昨天, 大后天: a day counted from the document's date."""
        if a is None:
            return unresolved(m)
        day = dt.date(*a) + dt.timedelta(days=self.words.relative_days[m.group("rd")])
        v = to_date(day)
        return make(m, "day", iso(v), v, v)

    def _relative_month(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """上个月, 下月九号: a month (or a day of it) counted from the document's."""
        if len(m.group("relm")) < 3 and not m.group("d"):
            return None  # 比上月上涨: 上月 alone is what a change is measured against
        if a is None:
            return unresolved(m)
        y, mo = shift_month(a.year, a.month, self.words.relative_months[m.group("relm")])
        if m.group("d"):
            d = int(m.group("d"))
            if not 1 <= d <= month_end(y, mo):
                return None
            return make(m, "day", iso(ymd(y, mo, d)), ymd(y, mo, d), ymd(y, mo, d), event=True)
        return make(m, "month", *month_span(y, mo, y, mo), event=True)

    def _relative_quarter(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """本季度, 上个季度 (末: its last month)."""
        if a is None:
            return unresolved(m)
        q = (a.year * 4 + (a.month - 1) // 3) + self.words.relative_quarters[m.group("rq")]
        y, first = q // 4, q % 4 * 3 + 1
        last = first + 2
        if m.group("end"):
            first = last = first if m.group("end") == self.words.syntax.beginning else last
            return make(m, "month", *month_span(y, first, y, last))
        _, lo, hi = month_span(y, first, y, last)
        return make(m, "span", f"{y:04d}-Q{q % 4 + 1}", lo, hi)

    def _relative_week(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """上周, 下周六: a week (Monday to Sunday) or a day of it, from the document's week."""
        if a is None:
            return unresolved(m)
        day = dt.date(*a) + dt.timedelta(weeks=self.words.relative_weeks[m.group("rw")])
        monday, sunday = week_of(day)
        if m.group("wd"):
            v = to_date(
                dt.date(monday // 10000, monday // 100 % 100, monday % 100)
                + dt.timedelta(days=self.words.weekdays[m.group("wd")] - 1)
            )
            return make(m, "day", iso(v), v, v, event=True)
        return make(m, "span", f"{iso(monday)}/{iso(sunday)}", monday, sunday)

    def _length(self, m: re.Match[str]) -> tuple[str, float] | None:
        """The unit and length of an offset or a look back (两个半月 → month, 2.5)."""
        g = m.groupdict()
        unit = self.words.offset_units[g["unit"]]
        if (
            unit == "month"
            and g["unit"] == "月"
            and not (g.get("ge") or g.get("cue"))
            and g["n"] != self.words.syntax.half
        ):
            return None  # 3月前 is before March (近三月 is three months)
        n = 0.5 if g["n"] == self.words.syntax.half else read_number(g["n"])
        if n is None:
            return None
        x = n if isinstance(n, float) else n.value
        if g.get("half") or g.get("half2"):
            x += 0.5
        return (unit, x) if 0 < x < 1000 else None

    def _offset(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """3年后, 两天之前, 60日内, 三个多月以来: a time counted from the document's date."""
        got = self._length(m)
        if got is None:
            return None
        if a is None:
            return unresolved(m)
        unit, n = got
        how = self.words.offsets[m.group("off")]
        if how == "at-before" and unit == "year" and float(n).is_integer():
            return None  # 三年前, 20多年前: the years-ago construct
        if how == "within" and unit == "year":
            return None  # 3年内翻番 looks back as often as 3年内建成 looks ahead
        now = dt.date(*a)
        back = how in ("at-before", "until", "since")
        moved = shift(now, unit, -n if back else n)
        size = unit
        if not float(n).is_integer():  # 一年半后: its month; 半月以后: its day
            size = {"year": "month", "quarter": "day", "month": "day"}.get(unit, unit)
        lo, hi = grain(moved, size)
        if how in ("at", "at-before"):
            return make(
                m, "year" if size == "year" else "span", f"{iso(lo)}/{iso(hi)}", lo, hi, event=True
            )
        if how == "after":
            return make(m, "span", f"{iso(lo)}/", lo, None)
        if how == "until":
            return make(m, "span", f"/{iso(hi)}", None, hi)
        if how == "since":
            return make(m, "since", f"cumulative:{iso(lo)}/{iso(ymd(*a))}", lo, ymd(*a))
        return make(m, "target", f"target:{iso(to_date(moved))}", ymd(*a), to_date(moved))

    def _look(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """近30天, 近三个月 (back from the document's date), 未来两个月 (forward)."""
        got = self._length(m)
        if got is None or got[0] == "year" and m.group("cue") not in self.words.ahead_cues:
            return None  # 近五年: the past years construct
        if a is None:
            return unresolved(m)
        unit, n = got
        now = dt.date(*a)
        if m.group("cue") in self.words.ahead_cues:
            end = shift(now, unit, n) - dt.timedelta(days=unit != "day")
            return make(m, "target", f"target:{end.year}", ymd(*a), to_date(end))
        start = to_date(shift(now, unit, -n))
        return make(m, "recent", f"recent:{iso(start)}/{iso(ymd(*a))}", start, ymd(*a))

    def _month_part(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """6月上旬, 去年9月下旬: days of a month."""
        mo = int(m.group("m"))
        year = self._year_of(m, a)
        if year is None:
            if a is None:
                return unresolved(m)
            year = a.year if mo <= a.month else a.year - 1
        first, last = self.words.month_parts[m.group("xun")]
        lo, hi = ymd(year, mo, first), ymd(year, mo, min(last, month_end(year, mo)))
        return make(m, "month", f"{year:04d}-{mo:02d}", lo, hi, event=True)  # dated by its month

    def _nth_week(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """3月第三周, 下月第四周, 2020年第52周: the nth week (Monday to Sunday) from the first
        Monday of the month or year; 6月第3个星期日: the nth such weekday of the month."""
        g = m.groupdict()
        n = read_int(m, "nw")
        if (
            n is None
            or not 1 <= n <= 53
            or not (g.get("y") or g.get("rel") or g.get("m") or g.get("relm"))
        ):
            return None  # 第三周 alone: of what, the text says elsewhere
        if g.get("relm"):
            if a is None:
                return unresolved(m)
            year, mo = shift_month(a.year, a.month, self.words.relative_months[g["relm"]])
        else:
            found = self._year_of(m, a)
            if found is None and a is None:
                return unresolved(m)
            year = found if found is not None else a.year  # type: ignore[union-attr]
            mo = int(g["m"]) if g.get("m") else 0
        if g.get("wd") and mo:
            day = nth_weekday(year, mo, self.words.weekdays[g["wd"]], n)
            v = to_date(day)
            return make(m, "day", iso(v), v, v) if day.month == mo else None
        if g.get("wd"):
            return None
        monday = nth_weekday(year, mo or 1, 1, n)
        lo, hi = week_of(monday)
        return make(m, "span", f"{iso(lo)}/{iso(hi)}", lo, hi)
