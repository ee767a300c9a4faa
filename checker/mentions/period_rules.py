"""The period words of a ruleset and what every period builder shares: the year a
construct names or implies, the months of a year, and the date view's spellings. The
builders by family (`period_spans`, `period_relative`, `period_festivals`) extend
`PeriodRules`; `checker.mentions.period_grammar` pairs them with their patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple

from checker.mentions.grammar import alt as _alt
from checker.mentions.grammar import chars
from checker.mentions.numerals import CHINESE_NUMERAL
from checker.mentions.period_forms import (
    Anchor,
    DateSpelling,
    make,
    month_end,
    month_span,
    spelling,
    unresolved,
    ymd,
)
from checker.models import Period
from checker.ruleset import Ruleset

NUM = rf"(?:\d+|[{CHINESE_NUMERAL}]+)"
MONTH = r"(?:1[0-2]|0?[1-9])"


Builder = Callable[[re.Match[str], "Anchor | None"], "Period | None"]


class Construct(NamedTuple):
    """One way of writing a period: its pattern, its builder and its trigger words (the
    pattern only runs on a sentence holding one of them; none: always)."""

    pattern: re.Pattern[str]
    build: Builder
    triggers: tuple[str, ...]


class PeriodRules:
    """The period words of a ruleset (rules/dates.toml) and the year arithmetic the
    builders share."""

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules
        self.words = rules.dates.periods
        self.parts = {w: part for part in self.words.part for w in part.words}

    def span_year(self, first: int, last: int, a: Anchor, *, event: bool = False) -> int:
        """The year of months `first`..`last` written with no year: the document's; for a
        statistical span that cannot have ended yet, the year before when the document is
        dated in the first months of its year (1-9月 in March is last year's). An event
        month (年初) is the document's year unless it is still to come."""
        if event:
            return a.year if (first, 1) <= (a.month, a.day) else a.year - 1
        ended = ymd(a.year, last, month_end(a.year, last)) <= ymd(*a)
        return a.year if ended or a.month > self.words.early_months else a.year - 1

    def _year_of(self, m: re.Match[str], a: Anchor | None) -> int | None:
        """The year a construct names: written, relative to the document's, or None."""
        g = m.groupdict()
        if g.get("y"):
            return int(g["y"])
        if g.get("rel") and a is not None:
            return a.year + self.words.relative_years[g["rel"]]
        return None

    def _months_of_year(
        self,
        m: re.Match[str],
        a: Anchor | None,
        first: int,
        last: int,
        *,
        event: bool = False,
        whole: bool = False,
    ) -> Period | None:
        """Months `first`..`last` of the written or relative year; with no year, of the
        document's year, or of the year before when they cannot have ended yet."""
        year = self._year_of(m, a)
        floating = year is None and not m.groupdict().get("rel")
        if year is None:
            if a is None:
                return unresolved(m)
            year = self.span_year(first, last, a, event=event)
        if whole:
            return make(
                m, "year", f"{year:04d}", ymd(year, 1, 1), ymd(year, 12, 31), floating=floating
            )
        label, lo, hi = month_span(year, first, year, last)
        return make(m, "span", label, lo, hi, event=event, floating=floating)

    @cached_property
    def spelling(self) -> DateSpelling:
        """The date view's patterns (`checker.mentions.period_forms.date_view`)."""
        w = self.words
        return spelling(tuple(w.span_joints), "".join(w.not_month_after), self.short_year_tail)

    @cached_property
    def time_of_day(self) -> re.Pattern[str]:
        """A time of day after a date (下午3点, 11:00时, 零时), which no period reads."""
        parts = _alt(self.words.day_parts) or "$^"
        s = self.words.syntax
        clock = rf"\d{{1,2}}[:：]\d{{2}}(?:[:：]\d{{2}})?(?:{_alt([s.clock_suffix])})?"
        hour = (
            rf"(?:\d{{1,2}}|[零〇一二三四五六七八九十]{{1,3}})[{chars(s.hours)}]"
            rf"(?:\d{{1,2}}{_alt([s.minute])}|{_alt([s.half])})?"
        )
        return re.compile(rf"\s|(?:{parts})|{clock}|{hour}")

    @cached_property
    def short_year_tail(self) -> str:
        """What makes a two-digit year a year after its 年: a month, a part of the year, a
        festival, a deadline (19年底, 07年第三季度, 零六年端午)."""
        w = self.words
        words = [
            *self.parts,
            *(x for f in w.festival for x in f.words),
            *w.period_ends,
            *w.solar_terms,
        ]
        first = _alt(w.first_months)
        numeral = rf"(?:{first})[\d一二三四五六七八九十两]"  # 58年前七个月: its first months
        tail = _alt([w.syntax.ordinal, w.syntax.first])
        return rf"\d{{1,2}}月|[一二三四五六七八九十]{{1,3}}月|{tail}|{numeral}|{_alt(words)}"
