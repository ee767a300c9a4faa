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
from checker.mentions.grammar import TriggerWords
from checker.mentions.grammar import alt as _alt
from checker.mentions.numerals import CHINESE_NUMERAL
from checker.mentions.period_forms import (
    Anchor,
    anchor_of,
    make,
    month_end,
    month_span,
    read_int,
    shift_month,
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
        table: list[tuple[str, Builder, Iterable[str]]] = [
            (
                (
                    rf"(?P<cue>{as_of})?(?P<y>\d{{4}})年(?P<m>{MONTH})月(?:份)?(?P<end>{end})?"
                    rf"(?:(?P<d>\d{{1,2}})[日号])?"
                ),
                self._as_of,
                cut,
            ),
            (rf"(?P<cue>{as_of})?(?P<y>\d{{4}})年(?P<end>{end})?", self._as_of, cut),
            (
                rf"(?P<cue>{as_of})?(?P<rel>{rel})年?(?:(?P<m>{MONTH})月(?:份)?)?(?P<end>{end})?",
                self._as_of,
                cut,
            ),
            (rf"(?P<cue>{as_of})?(?P<relm>{relm})(?P<end>{end})?", self._as_of, cut)
            if relm
            else ("", self._as_of, ()),
            (
                rf"(?P<cue>{as_of})?(?<![\d年.])(?P<m>{MONTH})月(?:份)?(?P<end>{end})",
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
            (rf"(?P<y>\d{{4}})年(?P<m>\d{{1,2}})月(?:份)?(?![\d{end}])", forms.build_month, "月"),
            (
                rf"{year_or_rel}?(?<![\d.])(?P<m1>{MONTH})\s*(?:{joint})\s*(?P<m2>{MONTH})月(?:份)?",
                self._month_span,
                "月",
            ),
            (
                rf"{year_or_rel}?(?:{_alt(w.first_months)})(?P<n>{NUM})(?:{_alt(w.month_suffixes)})",
                self._first_months,
                w.month_suffixes,
            ),
            (rf"{year_or_rel}(?P<part>{part})", self._year_part, "年"),
            (rf"(?<![\d年今本去前明上])(?P<part>{bare_part})", self._year_part, self.parts),
            (rf"{year_or_rel}?(?:{_alt(w.whole_year)})", self._whole_year, w.whole_year),
            (_alt(w.context_year), self._whole_year, w.context_year),
            (_alt(w.references), forms.build_reference, w.references),
            (r"(?P<y1>\d{4})\s*[-—–~至到]\s*(?P<y2>\d{4})年", forms.build_year_span, "年"),
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
            (r"(?<![\d.])(?P<y>(?:1[6-9]|20)\d\d)年(?!\d|代)", forms.build_year, "年"),
            (
                rf"(?P<cue>{target})(?P<y>\d{{4}})年(?:(?P<m>{MONTH})月)?(?P<end>{end})?",
                forms.build_target_year,
                "年",
            ),
            (rf"花(?P<n>{NUM})年(?:时间|的时间)", forms.build_target_years_ahead, "花"),
            (
                r"(?<![\dA-Za-z.])(?P<y>(?:19|20)\d\d)(?![\d年A-Za-z.%万亿千百元个件项家户人次倍])",
                forms.build_bare_year,
                (),
            ),
            (r"去年(?:和|与|及)今年", forms.build_last_and_this_year, "去"),
            (
                (
                    rf"(?P<rel>{rel})(?P<part>{_alt(w.since_ends)}|{part})?"
                    rf"(?:(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号])?)?"
                ),
                self._relative_year,
                w.relative_years,
            ),
            (rf"(?P<n>{NUM})(?P<more>多)?年前", forms.build_years_ago, "前"),
            (r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]", forms.build_bare_day, "日号"),
            (
                rf"(?<![\d年月.])(?P<m>1[0-2]|[1-9])月(?![\d份]*[日号{end}]|\d)",
                forms.build_bare_month,
                "月",
            ),
            (
                r"(?<![\d月年.:：])(?P<d>[12]\d|3[01]|[1-9])[日号](?![\d内间来以])",
                self._day_of_month,
                "日号",
            ),
            (
                r"(?P<c>[一二三四五六七八九十]+)世纪(?P<dec>[一二三四五六七八九]十)年代",
                forms.build_decade,
                "世",
            ),
            (rf"过去(?P<n>{NUM})届", forms.build_past_editions, "届"),
            (rf"第(?P<n>{NUM})届", forms.build_edition, "届"),
            (
                rf"(?:{_alt(w.past_cues)})(?P<n>{NUM})年(?:{_alt(w.past_ends)})?",
                forms.build_past_years,
                w.past_cues,
            ),
            (_alt(w.annual), forms.build_annual, w.annual),
            (
                rf"[“\"]?(?P<plan>{_alt(w.plans)})[”\"]?(?:规划)?(?:期间|时期|(?P<since>{_alt(w.since_ends)}))?",
                self._plan,
                w.plans,
            )
            if w.plans
            else ("", forms.build_annual, ()),
            (rf"(?:{streak})多年|{_alt(w.recent_years)}", forms.build_recent_years, "年"),
            (
                rf"(?:(?P<y>\d{{4}})年|今年|本年|这个)?(?:(?P<animal>[{animals}])年)?春节(?:期间|前后|假期)?",
                self._spring_festival,
                "春",
            ),
            (r"(?:(?P<y>\d{4})年|今年)?(?:全国)?两会(?:期间)?", forms.build_two_sessions, "会"),
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
    sentence = text[start:end]
    if not grammar.gate.search(sentence):
        return []
    anchor = anchor_of(pub)
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
        kept.append(p.model_copy(update={"start": p.start + start, "end": p.end + start}))
    return sorted(kept, key=lambda p: p.start)


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
