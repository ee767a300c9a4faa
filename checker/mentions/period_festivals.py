"""Period builders for the named days and seasons of a year: festivals of the solar and
lunar calendars (国庆, 春节期间), seasons (两会), solar terms (冬至), lunar dates (农历八月
十五, 闰四月) and five-year plans (十四五期间).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property

from checker.mentions.numerals import read_number
from checker.mentions.period_forms import (
    Anchor,
    holiday_days,
    iso,
    lunar_day,
    lunar_month,
    make,
    month_end,
    month_span,
    nth_weekday,
    solar_term,
    to_date,
    unresolved,
    ymd,
)
from checker.mentions.period_rules import PeriodRules
from checker.models import Period
from checker.ruleset import Ruleset
from checker.ruleset.dates import Festival


class FestivalBuilders(PeriodRules):
    """Builders of festivals, seasons, solar terms, lunar dates and plans."""

    def _festival(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """国庆, 去年春节, 2019年感恩节: the festival's day in the year written, or in the
        document's year."""
        year = self._year_of(m, a)
        if year is None:
            if a is None:
                return unresolved(m)
            year = a.year
        f = next(f for f in self.words.festival if m.group("fest") in f.words)
        if f.calendar == "solar":
            day: dt.date | None = dt.date(year, f.month, min(f.day, month_end(year, f.month)))
        elif f.calendar == "lunar":
            day = lunar_day(year, f.month, f.day)
        elif f.calendar == "term":
            day = solar_term(year, f.term)
        else:
            day = nth_weekday(year, f.month, f.weekday, f.nth)
        if day is None:
            return None
        v = to_date(day)
        return make(m, "day", iso(v), v, v)

    @cached_property
    def holidays(self) -> list[Festival]:
        """The festivals that are public holidays, with official days off."""
        return [f for f in self.words.festival if f.holiday]

    def _holiday(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """国庆假期, 2025年国庆中秋假期, 今年国庆: the official days off of the holiday in
        the year written, or with no year in the document's year (the year before when
        this year's begin more than `ahead_days` after the document's date: a January
        review of 国庆假期), from the first to the last (of both runs when two festivals
        are written); None for a year the schedule does not cover (the festival's day
        then, or for 春节假期 the days around it) and for the words of the season around
        the spring festival (春节期间, rules/dates.toml [spring_festival])."""
        written = m.group("hol")
        sf = self.rules.dates.spring_festival
        if m.groupdict().get("win") in sf.season and written in sf.words:
            return None  # 春节期间: the season around the festival (`_spring_festival`)
        names = [
            name
            for f in self.holidays
            if any(x in written for x in (*f.words, *f.holiday_words))
            for name in f.holiday
        ]
        year = self._year_of(m, a)
        if year is not None:
            days = holiday_days(year, names)
        elif a is None:
            return unresolved(m)
        else:  # no year: the document's, unless those days are still far ahead
            days = holiday_days(a.year, names)
            ahead = dt.timedelta(days=self.words.holiday.ahead_days)
            if days is not None and days[0] > dt.date(*a) + ahead:
                days = holiday_days(a.year - 1, names)
        if days is None:
            return None
        lo, hi = to_date(days[0]), to_date(days[1])
        label = iso(lo) if lo == hi else f"{iso(lo)}/{iso(hi)}"
        return make(m, "span", label, lo, hi)

    def _season(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """两会, 2024年全国两会期间: the months a season is held in, that year's."""
        year = self._year_of(m, a)
        if year is None:
            if a is None:
                return unresolved(m)
            year = a.year
        season = next(x for x in self.rules.dates.season if x.name == m.group("season"))
        first, last = season.months[0], season.months[-1]
        return make(m, "month", *month_span(year, first, year, last), event=True)

    def _solar_term(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """2024年冬至, 芒种: the day of a solar term."""
        year = self._year_of(m, a)
        if year is None:
            if a is None:
                return unresolved(m)
            year = a.year
        day = solar_term(year, m.group("term"))
        if day is None:
            return None
        v = to_date(day)
        return make(m, "day", iso(v), v, v)

    def _lunar_by_form(self, m: re.Match[str], day: str | None) -> bool:
        """八月十五, 四月十三 with no 农历 before them: a day of two numerals closing its
        clause (or before a time of day), never 7月一线 or 3月二十家."""
        s = self.words.syntax
        if (
            not day
            or day[0].isdigit()
            or (len(day) < 2 and day[0] not in s.lunar_first + s.lunar_twenties)
        ):
            return False
        rest = m.string[m.end() :]
        return (
            not rest
            or rest[0] in "，,。;；:：!！?？ "
            or rest.startswith(tuple(self.words.day_parts))
        )

    def _lunar(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """农历八月十五, 正月十五, 腊月, 闰四月: a day or a month of the lunar calendar."""
        g = m.groupdict()
        word, day_word = g["lm"], g.get("ld")
        named = word in self.words.lunar_months
        cue = g.get("cue") or g.get("cue0") or g.get("leap") or named
        if g.get("sfx") and not cue:
            return None  # 8月15日: the solar calendar
        if not (cue or self._lunar_by_form(m, day_word)):
            return None  # 8月15 is a day of the solar calendar; 八月十五 and 农历8月15 lunar
        month = self.words.lunar_months[word] if named else int(word[:-1])
        year = self._year_of(m, a)
        if year is None:
            if a is None:
                return unresolved(m)
            year = a.year
        if not 1 <= month <= 12:
            return None
        leap = bool(g.get("leap"))
        if day_word:
            n = read_number(day_word.lstrip(self.words.syntax.lunar_first))
            day = lunar_day(year, month, int(n.value), leap=leap) if n else None
            if day is None:
                return None
            v = to_date(day)
            return make(m, "day", iso(v), v, v)
        span = lunar_month(year, month, leap=leap)
        if span is None:
            return None
        lo, hi = to_date(span[0]), to_date(span[1])
        return make(m, "span", f"{iso(lo)}/{iso(hi)}", lo, hi, event=True)

    def _plan(self, m: re.Match[str], a: Anchor | None) -> Period:
        """十四五期间: the plan's years; while it runs, up to the document's year."""
        first, last = self.words.plans[m.group("plan")]
        if m.group("since"):  # 十四五以来: since the plan began
            end = f"{a.year:04d}-{a.month:02d}" if a else ""
            hi = ymd(a.year, a.month, a.day) if a else None
            return make(m, "since", f"cumulative:{first}/{end}", ymd(first, 1, 1), hi)
        if a is not None and first <= a.year < last:
            last = a.year
        return make(m, "span", f"{first}/{last}", ymd(first, 1, 1), ymd(last, 12, 31))

    def _spring_festival(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """春节期间, 蛇年春节: the days around the festival, to whole months (the festival
        alone is its day: the festival construct)."""
        if not m.group("window") and not m.group("animal"):
            return None
        year = _year_for(m, a, self.rules)
        if year is None:
            return unresolved(m)
        sf = self.rules.dates.spring_festival
        day = next((dt.date.fromisoformat(x) for x in sf.dates if x.startswith(f"{year}-")), None)
        if day is None:
            return make(m, "month", *month_span(year, 1, year, 2), event=True)
        first = day + dt.timedelta(days=sf.window_days[0])
        last = day + dt.timedelta(days=sf.window_days[1])
        return make(
            m, "month", *month_span(first.year, first.month, last.year, last.month), event=True
        )


def _year_for(m: re.Match[str], a: Anchor | None, rules: Ruleset) -> int | None:
    if m.groupdict().get("y"):
        return int(m.group("y"))
    if m.groupdict().get("rel"):
        return a.year + rules.dates.periods.relative_years[m.group("rel")] if a else None
    if m.groupdict().get("animal"):
        z = rules.dates.zodiac
        if a is None:
            return None
        offset = z.animals.index(m.group("animal"))
        year = a.year - (a.year - z.base_year - offset) % 12
        return year
    return a.year if a else None
