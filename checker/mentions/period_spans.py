"""Period builders for dates of the calendar: as-of dates (截至2024年底, 年末), months and
parts of a year (1-9月, 前三个月, 一季度), whole years, relative years (去年6月), bare days,
spans of dates (2017年8月11日至8月22日) and deadlines (2025年前).
"""

from __future__ import annotations

import re

from checker.mentions.numerals import read_number
from checker.mentions.period_forms import (
    Anchor,
    iso,
    make,
    month_end,
    month_span,
    read_int,
    shift_month,
    unresolved,
    ymd,
)
from checker.mentions.period_rules import PeriodRules
from checker.models import Period


class SpanBuilders(PeriodRules):
    """Builders of as-of dates, months and parts of years, spans and deadlines."""

    def _as_of(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """截至2024年底, 截至去年6月, 今年6月末, 年末, 上月末: the value on that date; a date
        still to come when the document was written is a target."""
        g = m.groupdict()
        if not g.get("cue") and not g.get("end"):
            return None  # a plain year or month: other constructs
        floating = not g.get("y") and not g.get("rel") and not g.get("relm")
        if a is None and (floating or not g.get("y")):
            return unresolved(m)
        if g.get("relm"):
            assert a is not None
            y, mo = shift_month(a.year, a.month, self.words.relative_months[g["relm"]])
        else:
            mo = int(g["m"]) if g.get("m") else 12
            year = self._year_of(m, a)
            if year is None:
                if a is None:
                    return unresolved(m)
                year = self.span_year(mo, mo, a)
            y = year
        if not g.get("m") and not g.get("relm") and not g.get("end"):
            return make(m, "as_of", f"as_of:{y:04d}", hi=ymd(y, 12, 31))
        day = int(g["d"]) if g.get("d") else month_end(y, mo)
        if not 1 <= day <= month_end(y, mo):
            return None
        hi = ymd(y, mo, day)
        if a is not None and hi > ymd(*a):
            return make(m, "target", f"target:{y}", ymd(y, 1, 1), ymd(y, 12, 31))
        label = f"as_of:{y:04d}-{mo:02d}"
        label += f"-{day:02d}" if g.get("d") or g.get("end") else ""
        if g.get("cue"):
            return make(m, "as_of", label, hi=hi, floating=floating)
        # with no 截至, 2024年底 may also date an event (…时刻到来): the end of its year
        # (October to December) or of its month
        lo = ymd(y, 10, 1) if not g.get("m") and not g.get("relm") else ymd(y, mo, 1)
        return make(m, "as_of", label, lo, hi, floating=floating, event=True)

    def _month_span(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """1-9月, 今年1—5月: the months of one year, to the end of the last."""
        first, last = int(m.group("m1")), int(m.group("m2"))
        if first >= last:
            return None
        return self._months_of_year(m, a, first, last)

    def _first_months(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """前三个月, 前11个月: the first months of a year."""
        n = read_int(m, "n")
        if n is None or not 1 <= n <= 12:
            return None
        return self._months_of_year(m, a, 1, n)

    def _year_part(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """2024年上半年, 一季度, 前三季度, 年初."""
        part = self.parts[m.group("part")]
        first, last = part.months
        p = self._months_of_year(m, a, first, last, event=not part.reporting)
        qend = m.groupdict().get("qend")
        if p is not None and p.lo is not None and qend and part.reporting:
            year = p.lo // 10000
            if qend == self.words.syntax.beginning:  # 四季度初: its first month
                return make(m, "month", *month_span(year, first, year, first), event=True)
            hi = ymd(year, last, month_end(year, last))  # 一季度末: the value on its last day
            return make(m, "as_of", f"as_of:{iso(hi)}", hi=hi, floating=p.floating)
        if p is None or part.quarter is None or p.lo is None:
            return p
        year = p.lo // 10000
        return p.model_copy(update={"label": f"{year:04d}-Q{part.quarter}"})

    def _quarter_span(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """一至四季度, 2024年二至三季度: the months of those quarters."""
        first, last = read_number(m.group("q1")), read_number(m.group("q2"))
        if first is None or last is None or not 1 <= first.value < last.value <= 4:
            return None
        return self._months_of_year(m, a, 3 * int(first.value) - 2, 3 * int(last.value))

    def _whole_year(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """全年, 去年全年, 2024年全年, 当年: a whole year (the context's when none is written)."""
        return self._months_of_year(m, a, 1, 12, whole=True)

    def _relative_year(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        if a is None:
            return unresolved(m)
        y = a.year + self.words.relative_years[m.group("rel")]
        part, month, day = m.group("part"), m.group("m"), m.group("d")
        if month:
            mo = int(month)
            if not 1 <= mo <= 12:
                return None
            if day and 1 <= int(day) <= month_end(y, mo):
                d = int(day)
                return make(
                    m,
                    "day",
                    f"{y:04d}-{mo:02d}-{d:02d}",
                    ymd(y, mo, d),
                    ymd(y, mo, d),
                    event=True,
                )
            return make(m, "month", *month_span(y, mo, y, mo), event=True)
        if part and part in self.parts:
            return self._year_part(m, a)
        return make(m, "year", str(y), ymd(y, 1, 1), ymd(y, 12, 31), event=not part)

    def _day_of_month(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """13日 (发布): the latest such day not after the document's date; 连续5日 counts days."""
        cues = tuple(self.rules.qualifiers.cues.streak) + tuple(self.words.past_cues)
        if m.string[max(0, m.start() - 4) : m.start()].endswith(cues):
            return None
        if a is None:
            return unresolved(m)
        d = int(m.group("d"))
        y, mo = (a.year, a.month) if d <= a.day else shift_month(a.year, a.month, -1)
        if d > month_end(y, mo):
            return None
        return make(m, "day", f"{y:04d}-{mo:02d}-{d:02d}", ymd(y, mo, d), ymd(y, mo, d), event=True)

    def _date_span(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """2017年8月11日至8月22日, 2017年8月至11月: the second half takes the year and month
        of the first."""
        g = m.groupdict()
        y, mo = int(g["y"]), int(g["m"])
        y2 = int(g["y2"]) if g.get("y2") else y
        if g.get("d"):
            if not g.get("d2"):
                return None
            mo2 = int(g["m2"]) if g.get("m2") else mo
            d, d2 = int(g["d"]), int(g["d2"])
            if d > month_end(y, mo) or not 1 <= mo2 <= 12 or d2 > month_end(y2, mo2):
                return None
            lo, hi = ymd(y, mo, d), ymd(y2, mo2, d2)
            if hi <= lo:
                return None
            return make(m, "span", f"{iso(lo)}/{iso(hi)}", lo, hi, event=True)
        if not g.get("m2") or g.get("d2"):
            return None
        label, lo, hi = month_span(y, mo, y2, int(g["m2"]))
        return make(m, "span", label, lo, hi) if hi > lo else None

    def _deadline(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """2025年前, 明年底前, 二〇四九年十月一号以前: a deadline, from the document's date
        to that day; a deadline already past when the document was written is an as-of
        bound."""
        g = m.groupdict()
        if not (g.get("y") or g.get("rel") or g.get("m") or g.get("bare")):
            return None
        if a is None:
            return unresolved(m)
        y = self._year_of(m, a) or a.year
        if g.get("m"):
            mo = int(g["m"])
            if not 1 <= mo <= 12:
                return None
            d = int(g["d"]) if g.get("d") else month_end(y, mo)
            if g.get("end") == self.words.syntax.beginning and not g.get("d"):
                d = 5  # 8月初前: by the first days of August
            if d > month_end(y, mo):
                return None
        elif g.get("end") == self.words.syntax.beginning:
            year_start = "年" + self.words.syntax.beginning
            first = next((p for p in self.words.part if year_start in p.words), None)
            mo = first.months[1] if first else 3
            d = month_end(y, mo)
        else:
            mo, d = 12, 31
        hi = ymd(y, mo, d)
        if hi < ymd(*a):
            return make(m, "as_of", f"as_of:{iso(hi)}", hi=hi)
        return make(m, "target", f"target:{y}", ymd(*a), hi)
