"""Periods: when a value holds, resolved against the document's publication date.

Covers years, months, days, quarters and halves, spans (2018-2022年, inclusive), as-of
dates (截至2025年2月底, 截至去年底, 年末), month spans of a year (1-9月, 前11个月, 前三季度),
whole years (全年), since (自2018年…以来), relative words (今年, 去年, 前年, 年初, N年前,
近五年, 过去五届), bare days and month-days (the latest such day not after the document
date), seasons (春节, 两会), five-year plans (十四五), decades, editions (第二十五届),
targets (到2035年, 花3年时间) and recurring periods (每年). The words of each construct are
data (rules/dates.toml, [periods]); each construct carries its trigger words; longer
matches win. Builders that need no vocabulary live in `checker.mentions.period_forms`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import NamedTuple

from checker.mentions import period_forms as forms
from checker.mentions.grammar import TriggerWords, chars
from checker.mentions.grammar import alt as _alt
from checker.mentions.numerals import CHINESE_NUMERAL, SMALL, SOME, TENS, read_number
from checker.mentions.period_forms import (
    Anchor,
    DateSpelling,
    anchor_of,
    date_view,
    grain,
    iso,
    lunar_day,
    lunar_month,
    make,
    month_end,
    month_span,
    nth_weekday,
    read_int,
    shift,
    shift_month,
    solar_term,
    spelling,
    to_date,
    unresolved,
    week_of,
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


class Grammar:
    """Period constructs compiled once per ruleset; their words come from rules/dates.toml."""

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules
        self.words = rules.dates.periods
        self.parts = {w: part for part in self.words.part for w in part.words}

    @cached_property
    def constructs(self) -> list[Construct]:
        w = self.words
        rel, relm = _alt(w.relative_years), _alt(w.relative_months)
        as_of, end = _alt(w.as_of_cues), _alt(w.period_ends)
        part = _alt(self.parts)
        bare_part = _alt(x for x in self.parts if len(x) > 1)
        joint = _alt(w.span_joints)
        year_or_rel = rf"(?:(?P<y>\d{{4}})年|(?P<rel>{rel}))"
        animals = "".join(self.rules.dates.zodiac.animals)
        streak = _alt(self.rules.qualifiers.cues.streak)
        target = _alt(self.rules.dates.target_cues)
        cut = list(w.as_of_cues) + list(w.period_ends)
        sf = self.rules.dates.spring_festival
        # seasons of a month or two (两会), the spring festival aside (its own construct)
        seasons = [
            x.name for x in self.rules.dates.season if x.name not in sf.words and x.dates_figures
        ]
        some_year = rf"(?:(?P<y>\d{{4}})年|(?P<rel>{rel})年?)"
        day_of = r"(?:(?P<d>\d{1,2})[日号])"
        units = _alt(w.offset_units)
        fest = _alt(x for f in w.festival for x in f.words)
        s = w.syntax
        mt = rf"(?:{_alt(self.rules.dates.month_tail)})?"  # 3月份
        start, more, half = _alt([s.beginning]), _alt([s.more]), _alt([s.half])
        ge, de, nth = _alt([s.classifier]), _alt([s.particle]), _alt([s.ordinal])
        edition, century = _alt([s.edition]), _alt([s.century])
        decade = _alt([self.rules.dates.decade_suffix])
        lunar_day_words = (
            rf"{_alt([s.lunar_first])}[一二三四五六七八九十\d]|{_alt([s.lunar_twenties])}"
            r"[一二三四五六七八九]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|\d{1,2}"
        )
        table: list[tuple[str, Builder, Iterable[str]]] = [
            (
                (
                    rf"(?P<cue>{as_of})?(?P<y>\d{{4}})年(?P<m>{MONTH})月{mt}(?P<end>{end})?"
                    rf"(?:(?P<d>\d{{1,2}})[日号])?"
                ),
                self._as_of,
                cut,
            ),
            (rf"(?P<cue>{as_of})?(?P<y>\d{{4}})年(?P<end>{end})?", self._as_of, cut),
            (
                rf"(?P<cue>{as_of})?(?P<rel>{rel})年?(?:(?P<m>{MONTH})月{mt})?(?P<end>{end})?",
                self._as_of,
                cut,
            ),
            (rf"(?P<cue>{as_of})?(?P<relm>{relm})(?P<end>{end})?", self._as_of, cut)
            if relm
            else ("", self._as_of, ()),
            (
                rf"(?P<cue>{as_of})?(?<![\d年.])(?P<m>{MONTH})月{mt}(?P<end>{end})",
                self._as_of,
                w.period_ends,
            ),
            (
                rf"(?P<cue>{as_of})?(?<![\d年])(?P<year>年)(?P<end>{end})",
                self._as_of,
                w.period_ends,
            ),
            (_alt(w.now), forms.build_now, w.now),
            (_alt(w.recent_days), forms.build_recent_days, w.recent_days),
            (_alt(w.last_month), forms.build_last_month, w.last_month),
            (r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]", forms.build_day, "日号"),
            (rf"(?P<y>\d{{4}})年(?P<m>\d{{1,2}})月{mt}(?![\d{end}])", forms.build_month, "月"),
            (
                rf"{year_or_rel}?(?<![\d.])(?P<m1>{MONTH})\s*(?:{joint})\s*(?P<m2>{MONTH})月{mt}",
                self._month_span,
                "月",
            ),
            (
                rf"{year_or_rel}?(?:{_alt(w.first_months)})(?P<n>{NUM})(?:{_alt(w.month_suffixes)})",
                self._first_months,
                w.month_suffixes,
            ),
            (rf"{year_or_rel}(?P<part>{part})(?P<qend>{end}|{start})?", self._year_part, "年"),
            (
                rf"(?<![\d年{chars(s.part_not_after)}])(?P<part>{bare_part})(?P<qend>{end}|{start})?",
                self._year_part,
                self.parts,
            ),
            (rf"{year_or_rel}?(?:{_alt(w.whole_year)})", self._whole_year, w.whole_year),
            (_alt(w.context_year), self._whole_year, w.context_year),
            (_alt(w.references), forms.build_reference, w.references),
            (
                (
                    rf"(?:{_alt(s.year_span_cues)})?(?P<y1>\d{{4}})年?\s*"
                    rf"(?:{_alt(s.year_span_joints)})\s*(?P<y2>\d{{4}})年"
                ),
                forms.build_year_span,
                "年",
            ),
            (
                rf"(?P<y>\d{{4}})年(?P<rel>{_alt(w.after_words)})",
                forms.build_after_year,
                w.after_words,
            ),
            (
                rf"(?:{_alt(w.since_cues)})?(?P<y>\d{{4}})年[^，,。;；]{{0,12}}(?:{_alt(w.since_ends)})",
                forms.build_since_year,
                w.since_ends,
            ),
            (rf"(?<![\d.])(?P<y>(?:1[6-9]|20)\d\d)年(?!\d|{decade})", forms.build_year, "年"),
            (
                rf"(?P<cue>{target})(?P<y>\d{{4}})年(?:(?P<m>{MONTH})月)?(?P<end>{end})?",
                forms.build_target_year,
                "年",
            ),
            (
                rf"(?:{_alt(s.spend_cues)})(?P<n>{NUM})年(?:{_alt(s.spend_ends)})",
                forms.build_target_years_ahead,
                s.spend_cues,
            ),
            (
                (
                    rf"(?<![\dA-Za-z.])(?P<y>(?:19|20)\d\d)"
                    rf"(?![\d年A-Za-z.%万亿千百{chars(s.bare_year_not_before)}])"
                ),
                forms.build_bare_year,
                (),
            ),
            (_alt(s.both_years), forms.build_last_and_this_year, s.both_years),
            (
                (
                    rf"(?P<rel>{rel})(?P<part>{_alt(w.since_ends)}|{part})?"
                    rf"(?:(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号])?)?"
                ),
                self._relative_year,
                w.relative_years,
            ),
            (rf"(?P<n>{NUM})(?P<more>{more})?年{_alt([s.ago])}", forms.build_years_ago, [s.ago]),
            (r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]", forms.build_bare_day, "日号"),
            (
                rf"(?<![\d年月.])(?P<m>1[0-2]|[1-9])月(?![\d{chars(self.rules.dates.month_tail)}]*[日号{end}]|\d)",
                forms.build_bare_month,
                "月",
            ),
            (
                rf"(?<![\d月年.:：])(?P<d>[12]\d|3[01]|[1-9])[日号](?![\d{chars(s.day_not_before)}])",
                self._day_of_month,
                "日号",
            ),
            (
                rf"(?P<c>[一二三四五六七八九十]+){century}(?P<dec>[一二三四五六七八九]十)年{decade}",
                forms.build_decade,
                [s.century],
            ),
            (
                rf"(?:{_alt(s.past_editions)})(?P<n>{NUM}){edition}",
                forms.build_past_editions,
                [s.edition],
            ),
            (rf"{nth}(?P<n>{NUM}){edition}", forms.build_edition, [s.edition]),
            (
                rf"(?:{_alt(w.past_cues)})(?P<n>{NUM})年(?:{_alt(w.past_ends)})?",
                forms.build_past_years,
                w.past_cues,
            ),
            (_alt(w.annual), forms.build_annual, w.annual),
            (
                (
                    rf"[“\"]?(?P<plan>{_alt(w.plans)})[”\"]?(?:{_alt(w.plan_suffixes)})?"
                    rf"(?:{_alt(w.span_words)}|(?P<since>{_alt(w.since_ends)}))?"
                ),
                self._plan,
                w.plans,
            )
            if w.plans
            else ("", forms.build_annual, ()),
            (rf"(?:{streak}){more}年|{_alt(w.recent_years)}", forms.build_recent_years, "年"),
            (
                (
                    rf"(?:(?P<y>\d{{4}})年|(?P<rel>{rel})|{_alt(self.rules.dates.this_cues)})?"
                    rf"(?:(?P<animal>[{animals}])年)?(?:{_alt(sf.words)})"
                    rf"(?P<window>{_alt(sf.windows)})?"
                ),
                self._spring_festival,
                sf.words,
            ),
            (
                rf"{year_or_rel}?(?P<season>{_alt(seasons)})(?:{_alt(w.span_words)})?",
                self._season,
                seasons,
            )
            if seasons
            else ("", self._season, ()),
            # dates in full, deadlines, relative days, weeks and quarters, offsets, festivals
            (
                (
                    rf"(?:{_alt(w.since_cues)})?(?P<y>\d{{4}})年(?P<m>{MONTH})月{mt}(?:(?P<d>\d{{1,2}})[日号]?)?\s*(?:{_alt([s.from_word])})?\s*(?:{joint})\s*"
                    rf"(?:(?P<y2>\d{{4}})年)?(?:(?P<m2>{MONTH})月{mt})?(?:(?P<d2>\d{{1,2}})[日号])?(?:{_alt([s.until_word])})?"
                ),
                self._date_span,
                w.span_joints,
            ),
            (
                (
                    rf"(?:{some_year}|(?P<bare>年)(?=[{end}{start}]))?(?:(?P<m>{MONTH})月{mt}{day_of}?)?"
                    rf"(?P<end>{end}|{start})?(?P<dl>{_alt(w.deadline_ends)})(?![\d{CHINESE_NUMERAL}{ge}{re.escape(SOME)}{half}])"
                ),
                self._deadline,
                w.deadline_ends,
            ),
            (rf"(?P<rd>{_alt(w.relative_days)})", self._relative_day, w.relative_days),
            (rf"(?P<relm>{relm}){day_of}?", self._relative_month, w.relative_months),
            (
                rf"(?P<rq>{_alt(w.relative_quarters)})(?P<end>{end}|{start})?",
                self._relative_quarter,
                w.relative_quarters,
            ),
            (
                rf"(?P<rw>{_alt(w.relative_weeks)})(?:{_alt(w.week_words)})?(?P<wd>{_alt(w.weekdays)})?",
                self._relative_week,
                w.relative_weeks,
            ),
            (
                (
                    rf"(?P<n>{NUM}|{half})(?P<more>{more})?(?P<ge>{ge})?(?P<more2>{more})?(?P<half>{half})?"
                    rf"(?P<unit>{units})(?P<half2>{half})?(?P<more3>{more})?(?P<off>{_alt(w.offsets)})"
                ),
                self._offset,
                w.offsets,
            ),
            (
                (
                    rf"(?P<cue>{_alt(w.past_cues)}|{_alt(w.ahead_cues)})(?:{de})?(?P<n>{NUM})(?P<ge>{ge})?(?P<unit>{units})"
                    rf"(?:{_alt(w.past_ends)}|{_alt([s.within])})?"
                ),
                self._look,
                [*w.past_cues, *w.ahead_cues],
            ),
            (
                rf"{some_year}?(?P<fest>{fest})",
                self._festival,
                [x for f in w.festival for x in f.words],
            )
            if fest
            else ("", self._festival, ()),
            (
                (
                    rf"(?P<cue0>{_alt(w.lunar_cues)})?{some_year}?(?P<cue>{_alt(w.lunar_cues)})?(?P<leap>{_alt([s.leap])})?"
                    rf"(?P<lm>{_alt(w.lunar_months)}|\d{{1,2}}月)(?:(?P<ld>{lunar_day_words})(?P<sfx>[日号])?)?"
                    rf"(?![\d一二三四五六七八九十])"
                ),
                self._lunar,
                [*w.lunar_cues, *w.lunar_months, "月"],
            ),
            (
                (
                    rf"(?:(?P<c>\d{{1,2}}){century}|(?P<last>{_alt([s.last_century])}))"
                    rf"(?:(?P<dec>[1-9]0)年{decade})?"
                ),
                forms.build_century,
                [s.century],
            ),
            (
                rf"{some_year}?(?P<m>{MONTH})月{mt}(?P<xun>{_alt(w.month_parts)})",
                self._month_part,
                w.month_parts,
            )
            if w.month_parts
            else ("", self._month_part, ()),
            (
                (
                    rf"{some_year}?(?:(?P<m>{MONTH})月{mt}|(?P<relm>{relm}))?(?:{de})?"
                    rf"{nth}(?P<nw>{NUM})(?:{ge})?(?:{_alt(w.week_words)})(?P<wd>{_alt(w.weekdays)})?"
                ),
                self._nth_week,
                w.week_words,
            )
            if w.week_words
            else ("", self._nth_week, ()),
            (rf"{some_year}?(?P<term>{_alt(w.solar_terms)})", self._solar_term, w.solar_terms)
            if w.solar_terms
            else ("", self._solar_term, ()),
        ]
        return [
            Construct(re.compile(pattern), build, tuple(triggers))
            for pattern, build, triggers in table
            if pattern
        ]

    @cached_property
    def triggers(self) -> TriggerWords:
        return TriggerWords(c.triggers for c in self.constructs)

    @cached_property
    def gate(self) -> re.Pattern[str]:
        """A sentence with none of these characters (a trigger's first, or a digit for the
        constructs that have no trigger) holds no period."""
        firsts = {t[0] for c in self.constructs for t in c.triggers}
        return re.compile("[" + "".join(re.escape(ch) for ch in sorted(firsts)) + r"\d]")

    def span_year(self, first: int, last: int, a: Anchor, *, event: bool = False) -> int:
        """The year of months `first`..`last` written with no year: the document's; for a
        statistical span that cannot have ended yet, the year before when the document is
        dated in the first months of its year (1-9月 in March is last year's). An event
        month (年初) is the document's year unless it is still to come."""
        if event:
            return a.year if (first, 1) <= (a.month, a.day) else a.year - 1
        ended = ymd(a.year, last, month_end(a.year, last)) <= ymd(*a)
        return a.year if ended or a.month > self.words.early_months else a.year - 1

    # ---- dates, deadlines, relative days and weeks, offsets, festivals ----------------

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
        else:
            day = nth_weekday(year, f.month, f.weekday, f.nth)
        if day is None:
            return None
        v = to_date(day)
        return make(m, "day", iso(v), v, v)

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

    # ---- builders that read the vocabulary ------------------------------------------

    def _year_of(self, m: re.Match[str], a: Anchor | None) -> int | None:
        """The year a construct names: written, relative to the document's, or None."""
        g = m.groupdict()
        if g.get("y"):
            return int(g["y"])
        if g.get("rel") and a is not None:
            return a.year + self.words.relative_years[g["rel"]]
        return None

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

    def _whole_year(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        """全年, 去年全年, 2024年全年, 当年: a whole year (the context's when none is written)."""
        return self._months_of_year(m, a, 1, 12, whole=True)

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


def extract_periods(
    text: str, start: int, end: int, grammar: Grammar, pub: str | None
) -> list[Period]:
    """Periods of the sentence `text[start:end]`, with offsets into `text`."""
    original = text[start:end]
    if not grammar.gate.search(original):
        return []
    anchor = anchor_of(pub)
    sentence, lo_of, hi_of = date_view(original, anchor.year if anchor else None, grammar.spelling)
    cands = []
    found = grammar.triggers.found(sentence)
    for order, (pattern, build, triggers) in enumerate(grammar.constructs):
        if triggers and found.isdisjoint(triggers):
            continue
        for m in pattern.finditer(sentence):
            if m.end() > m.start():
                p = build(m, anchor)
                if p is not None:
                    cands.append((p.start - p.end, order, p.start, p))
    taken = bytearray(len(sentence))
    kept = []
    for _, _, _, p in sorted(cands, key=lambda c: c[:3]):
        if any(taken[p.start : p.end]):
            continue
        taken[p.start : p.end] = b"\x01" * (p.end - p.start)
        s, e = lo_of[p.start], hi_of[p.end]
        update = {"start": s + start, "end": e + start, "text": original[s:e]}
        kept.append(p.model_copy(update=update))
    return _joined(text, sorted(kept, key=lambda p: p.start), grammar, anchor)


def _in_month_of(day: Period, first: Period) -> Period:
    """A bare day (7日) after a date is a day of that date's month."""
    bare = re.sub(rf"[\d{forms.CN_DIGITS}{''.join(TENS)}{''.join(SMALL)}{forms.DAY}]", "", day.text)
    if bare or first.hi is None or day.hi is None:
        return day  # 今天, 2020.01.12 or 4月2日: no bare day
    y, mo, d = first.hi // 10000, first.hi // 100 % 100, day.hi % 100
    if d > month_end(y, mo):
        return day
    v = ymd(y, mo, d)
    return day.model_copy(update={"lo": v, "hi": v, "label": forms.iso(v)})


def _joined(text: str, found: list[Period], grammar: Grammar, a: Anchor | None) -> list[Period]:
    """Two periods joined by 至/到/- (2014年11月到去年3月, 上周三到这周二) are one span from
    the first's first day to the second's last; a period followed by 起 or 至今 runs from
    its first day to the document's date (二〇一九年5月8日起)."""
    w = grammar.words
    out: list[Period] = []
    for p in found:
        prev = out[-1] if out else None
        between = grammar.time_of_day.sub("", text[prev.end : p.start]).strip() if prev else ""
        if prev is not None and prev.hi is not None and p.kind == "day" and p.hi is not None:
            p = _in_month_of(p, prev)  # 10月1日至7日: the 7th of October
        if (
            prev is not None
            and between.lstrip(w.syntax.from_word) in w.span_joints
            and prev.lo is not None
            and p.hi is not None
            and prev.lo < p.hi
            and prev.kind not in ("target", "as_of", "current")
        ):
            lo, hi = prev.lo, p.hi
            label = f"{forms.iso(lo)}/{forms.iso(hi)}"
            out[-1] = prev.model_copy(
                update={
                    "end": p.end,
                    "text": text[prev.start : p.end],
                    "kind": "span",
                    "label": label,
                    "hi": hi,
                    "event": prev.event and p.event,
                    "floating": False,
                }
            )
            continue
        out.append(p)
    if a is None or not w.from_ends:
        return out
    ends = tuple(sorted(w.from_ends, key=len, reverse=True))
    for i, p in enumerate(out):
        tail = next((e for e in ends if text.startswith(e, p.end)), None)
        if tail and p.lo is not None and p.kind not in ("target", "current") and p.lo <= ymd(*a):
            now = ymd(*a)
            out[i] = p.model_copy(
                update={
                    "end": p.end + len(tail),
                    "text": text[p.start : p.end + len(tail)],
                    "kind": "since",
                    "label": f"cumulative:{forms.iso(p.lo)}/{forms.iso(now)}",
                    "hi": now,
                    "event": False,
                }
            )
    return out


# ---- context -------------------------------------------------------------------------


def rebase(p: Period, year: int) -> Period:
    """A floating period (全年, 1-9月, 年末) moved into the year its context states."""
    if p.lo is None and p.hi is None:
        return p
    delta = year - (p.hi if p.hi is not None else p.lo or 0) // 10000
    if not delta:
        return p
    label = re.sub(r"\d{4}", lambda y: f"{int(y.group(0)) + delta:04d}", p.label or "")
    return p.model_copy(
        update={"label": label, "lo": _shift_ymd(p.lo, delta), "hi": _shift_ymd(p.hi, delta)}
    )


def _shift_ymd(value: int | None, years: int) -> int | None:
    if value is None:
        return None
    y, mo, d = value // 10000 + years, value // 100 % 100, value % 100
    return ymd(y, mo, min(d, month_end(y, mo)))
