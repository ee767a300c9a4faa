"""The period grammar: every way of writing a period, its pattern built from the words of
rules/dates.toml ([periods]), its builder and its trigger words, compiled once per ruleset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from checker.mentions import period_forms as forms
from checker.mentions.grammar import TriggerWords, chars
from checker.mentions.grammar import alt as _alt
from checker.mentions.numerals import CHINESE_NUMERAL, SOME
from checker.mentions.period_festivals import FestivalBuilders
from checker.mentions.period_relative import RelativeBuilders
from checker.mentions.period_rules import MONTH, NUM, Builder, Construct
from checker.mentions.period_spans import SpanBuilders


class Grammar(SpanBuilders, RelativeBuilders, FestivalBuilders):
    """Period constructs compiled once per ruleset; their words come from rules/dates.toml."""

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
                (
                    rf"{year_or_rel}?(?<![\d{CHINESE_NUMERAL}])(?P<q1>[1-4一二三四])\s*(?:{joint})\s*"
                    rf"(?P<q2>[1-4一二三四]){_alt([s.quarter])}"
                ),
                self._quarter_span,
                [s.quarter],
            ),
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
                    rf"(?P<rel>{rel})(?![{chars(s.relative_not_before)}])"
                    rf"(?P<part>{_alt(w.since_ends)}|{part})?"
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
            *self._holiday_constructs(some_year),
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

    def _holiday_constructs(self, some_year: str) -> list[tuple[str, Builder, Iterable[str]]]:
        """国庆假期, 2025年国庆中秋假期, 国庆七天长假, 今年国庆: a public holiday's days off
        (before the spring festival's and the festivals' constructs, which read the same
        words as a day or the days around it when the schedule does not know the year)."""
        h = self.words.holiday
        names = [x for f in self.holidays for x in (*f.words, *f.holiday_words)]
        if not names or not h.windows:
            return []
        one = _alt(names)
        days = _alt(u for u, unit in self.words.offset_units.items() if unit == "day")
        fill = rf"(?:{_alt(h.fillers)})?" if h.fillers else ""
        windows = _alt(h.windows)
        # 国庆7天假期: the length is a figure of its own, the period ends before it
        length = rf"|(?={NUM}(?:{days})(?:{windows}))" if days else ""
        joint = rf"(?:{_alt(h.joints)})?" if h.joints else ""
        numeral = rf"(?<![\d{CHINESE_NUMERAL}{chars([self.words.syntax.ordinal])}])"  # 第十一期
        found: list[tuple[str, Builder, Iterable[str]]] = [
            (
                (
                    rf"{some_year}?{numeral}(?P<hol>(?:{one})(?:{joint}(?:{one}))*){fill}"
                    rf"(?P<win>{windows}{length})"
                ),
                self._holiday,
                names,
            )
        ]
        if h.alone:
            not_before = rf"(?!{_alt(h.alone_not_before)})" if h.alone_not_before else ""
            found.append(
                (rf"{some_year}?(?P<hol>{_alt(h.alone)}){not_before}", self._holiday, h.alone)
            )
        return found

    @cached_property
    def triggers(self) -> TriggerWords:
        return TriggerWords(c.triggers for c in self.constructs)

    @cached_property
    def gate(self) -> re.Pattern[str]:
        """A sentence with none of these characters (a trigger's first, or a digit for the
        constructs that have no trigger) holds no period."""
        firsts = {t[0] for c in self.constructs for t in c.triggers}
        return re.compile("[" + "".join(re.escape(ch) for ch in sorted(firsts)) + r"\d]")
