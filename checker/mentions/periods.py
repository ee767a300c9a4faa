"""Periods: when a value holds, resolved against the document's publication date.

Covers years, months, days, quarters and halves, spans (2018-2022年, inclusive), as-of
dates (截至2025年2月底), since (自2018年…以来), relative words (今年, 去年, 前年, 年初, N年前,
近五年, 过去五届), bare month-days (the latest such day not after the document date),
seasons (春节, 两会), decades, editions (第二十五届), targets (到2035年, 花3年时间) and
recurring periods (每年). Each construct is a small function; longer matches win.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple

from checker.mentions.numerals import CHINESE_NUMERAL, read_number
from checker.models import Period
from checker.ruleset import Ruleset

NUM = rf"(?:\d+|[{CHINESE_NUMERAL}]+)"
PARTS = {
    "初": (1, 3),
    "头": (1, 3),
    "年初": (1, 3),
    "年头": (1, 3),
    "一季度": (1, 3),
    "第一季度": (1, 3),
    "二季度": (4, 6),
    "第二季度": (4, 6),
    "三季度": (7, 9),
    "第三季度": (7, 9),
    "四季度": (10, 12),
    "第四季度": (10, 12),
    "上半年": (1, 6),
    "下半年": (7, 12),
    "前三季度": (1, 9),
    "底": (10, 12),
    "末": (10, 12),
    "年底": (10, 12),
}
PART = "|".join(sorted(PARTS, key=len, reverse=True))


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


def _ymd(y: int, m: int, d: int) -> int:
    return y * 10000 + m * 100 + d


def _month_end(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _months(y1: int, m1: int, y2: int, m2: int) -> tuple[str, int, int]:
    label = f"{y1:04d}-{m1:02d}" if (y1, m1) == (y2, m2) else f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}"
    return label, _ymd(y1, m1, 1), _ymd(y2, m2, _month_end(y2, m2))


class Grammar:
    """Period constructs compiled once per ruleset."""

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules

    @cached_property
    def constructs(self) -> list[tuple[re.Pattern[str], Callable[..., Period | None]]]:
        d = self.rules.dates
        animals = "".join(d.zodiac.animals)
        streak = "|".join(self.rules.qualifiers.cues.streak)
        table: list[tuple[str, Callable[..., Period | None]]] = [
            (
                r"(?:截至|截止到?)(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<end>底|末)?(?:(?P<d>\d{1,2})[日号])?",
                _as_of_date,
            ),
            (r"(?:截至|截止到?)(?P<y>\d{4})年(?P<end>底|末)?", _as_of_date),
            (
                r"(?:截至|截止到?)(?P<rel>今年|本年|去年)(?P<m>\d{1,2})月(?P<end>底|末)?",
                _as_of_date,
            ),
            (r"截至目前|目前|当前|现阶段|截至当前", _now),
            (r"日前|近日", _recent_days),
            (r"最近一个月|近一个月", _last_month),
            (r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]", _day),
            (r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:份)?(?![\d底末])", _month),
            (rf"(?P<y>\d{{4}})年(?P<part>{PART})", _year_part),
            (r"(?P<y1>\d{4})\s*[-—–~至到]\s*(?P<y2>\d{4})年", _year_span),
            (r"(?P<y>\d{4})年(?P<rel>之后|以后)", _after_year),
            (r"自?(?P<y>\d{4})年[^，,。;；]{0,12}以来", _since_year),
            (r"(?<![\d.])(?P<y>(?:1[6-9]|20)\d\d)年(?!\d|代)", _year),
            (r"(?P<cue>力争到|预计到|计划到|争取到|到|至)(?P<y>\d{4})年", _target_year),
            (rf"花(?P<n>{NUM})年(?:时间|的时间)", _target_years_ahead),
            (
                r"(?<![\dA-Za-z.])(?P<y>(?:19|20)\d\d)(?![\d年A-Za-z.%万亿千百元个件项家户人次倍])",
                _bare_year,
            ),
            (r"去年(?:和|与|及)今年", _last_and_this_year),
            (
                rf"(?P<rel>今年|本年|去年|前年|明年)(?P<part>以来|{PART})?(?:(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号])?)?",
                _relative_year,
            ),
            (rf"(?P<n>{NUM})(?P<more>多)?年前", _years_ago),
            (r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]", _bare_day),
            (r"(?<![\d年月.])(?P<m>1[0-2]|[1-9])月(?![\d份]*[日号底末]|\d)", _bare_month),
            (r"(?P<c>[一二三四五六七八九十]+)世纪(?P<dec>[一二三四五六七八九]十)年代", _decade),
            (rf"过去(?P<n>{NUM})届", _past_editions),
            (rf"第(?P<n>{NUM})届", _edition),
            (rf"(?:过去|近|最近)(?P<n>{NUM})年(?:来|间|内)?", _past_years),
            (r"每年|每一年", _annual),
            (rf"(?:{streak})多年|近年来|近些年|近几年", _recent_years),
            (
                rf"(?:(?P<y>\d{{4}})年|今年|本年|这个)?(?:(?P<animal>[{animals}])年)?春节(?:期间|前后|假期)?",
                self._spring_festival,
            ),
            (r"(?:(?P<y>\d{4})年|今年)?(?:全国)?两会(?:期间)?", _two_sessions),
        ]
        return [(re.compile(p), f) for p, f in table]

    @cached_property
    def needs(self) -> list[frozenset[str]]:
        """Per construct, characters one of which a match must contain (empty: any)."""
        keys = [
            set("截"),
            set("截"),
            set("截"),
            set("目当现"),
            set("日近"),
            set("月"),
            set("日号"),
            set("月"),
            set("年"),
            set("年"),
            set("年"),
            set("以"),
            set("年"),
            set("年"),
            set("花"),
            set(),
            set("去"),
            set("今本去前明"),
            set("前"),
            set("日号"),
            set("月"),
            set("世"),
            set("届"),
            set("届"),
            set("年"),
            set("每"),
            set("年"),
            set("春"),
            set("会"),
        ]
        return [frozenset(k) for k in keys]

    @cached_property
    def gate(self) -> re.Pattern[str]:
        """Every period construct contains one of these characters."""
        return re.compile(r"[年月日号届截目当今去前明近每春会纪\d]")

    def _spring_festival(self, m: re.Match[str], a: Anchor | None) -> Period | None:
        year = _year_for(m, a, self.rules)
        if year is None:
            return _unresolved(m)
        sf = self.rules.dates.spring_festival
        day = next((dt.date.fromisoformat(x) for x in sf.dates if x.startswith(f"{year}-")), None)
        if day is None:
            return _make(m, "month", *_months(year, 1, year, 2), event=True)
        first = day + dt.timedelta(days=sf.window_days[0])
        last = day + dt.timedelta(days=sf.window_days[1])
        return _make(
            m, "month", *_months(first.year, first.month, last.year, last.month), event=True
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
    chars = set(sentence)
    for order, ((pattern, build), needs) in enumerate(
        zip(grammar.constructs, grammar.needs, strict=True)
    ):
        if needs and not needs & chars:
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


# ---- builders ----------------------------------------------------------------------


def _make(
    m: re.Match[str],
    kind: str,
    label: str | None,
    lo: int | None = None,
    hi: int | None = None,
    *,
    event: bool = False,
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
    )


def _unresolved(m: re.Match[str]) -> Period:
    return _make(m, "unresolved", None)


def _int(m: re.Match[str], name: str) -> int | None:
    n = read_number(m.group(name))
    return int(n.value) if n else None


def _as_of_date(m: re.Match[str], a: Anchor | None) -> Period | None:
    g = m.groupdict()
    if g.get("rel"):
        if a is None:
            return _unresolved(m)
        year = a.year - (1 if g["rel"] == "去年" else 0)
    else:
        year = int(g["y"])
    if not g.get("m"):
        return _make(m, "as_of", f"as_of:{year:04d}-12-31", hi=_ymd(year, 12, 31))
    month = int(g["m"])
    if not 1 <= month <= 12:
        return None
    if g.get("d"):
        day = int(g["d"])
    elif g.get("end"):
        day = _month_end(year, month)
    else:
        return _make(
            m,
            "as_of",
            f"as_of:{year:04d}-{month:02d}",
            hi=_ymd(year, month, _month_end(year, month)),
        )
    return _make(m, "as_of", f"as_of:{year:04d}-{month:02d}-{day:02d}", hi=_ymd(year, month, day))


def _now(m: re.Match[str], a: Anchor | None) -> Period:
    """目前 / 当前: as of the document's own date (kind `current`)."""
    if a is None:
        return _unresolved(m)
    return _make(m, "current", f"as_of:{a.year:04d}-{a.month:02d}", hi=_ymd(a.year, a.month, a.day))


def _recent_days(m: re.Match[str], a: Anchor | None) -> Period:
    if a is None:
        return _unresolved(m)
    return _make(m, "month", *_months(a.year, a.month, a.year, a.month))


def _last_month(m: re.Match[str], a: Anchor | None) -> Period:
    if a is None:
        return _unresolved(m)
    y, mo = (a.year, a.month - 1) if a.month > 1 else (a.year - 1, 12)
    return _make(m, "span", *_months(y, mo, a.year, a.month))


def _day(m: re.Match[str], a: Anchor | None) -> Period | None:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= _month_end(y, mo)):
        return None
    return _make(m, "day", f"{y:04d}-{mo:02d}-{d:02d}", _ymd(y, mo, d), _ymd(y, mo, d), event=True)


def _month(m: re.Match[str], a: Anchor | None) -> Period | None:
    y, mo = int(m.group("y")), int(m.group("m"))
    if not 1 <= mo <= 12:
        return None
    return _make(m, "month", *_months(y, mo, y, mo), event=True)


def _year_part(m: re.Match[str], a: Anchor | None) -> Period:
    y = int(m.group("y"))
    first, last = PARTS[m.group("part")]
    return _make(m, "span", *_months(y, first, y, last), event=True)


def _year_span(m: re.Match[str], a: Anchor | None) -> Period | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 < y1:
        return None
    return _make(m, "span", f"{y1}/{y2}", _ymd(y1, 1, 1), _ymd(y2, 12, 31), event=True)


def _after_year(m: re.Match[str], a: Anchor | None) -> Period:
    y = int(m.group("y"))
    return _make(m, "span", f"{y}/", _ymd(y, 1, 1), None, event=True)


def _since_year(m: re.Match[str], a: Anchor | None) -> Period:
    y = int(m.group("y"))
    end = f"{a.year:04d}-{a.month:02d}" if a else ""
    hi = _ymd(a.year, a.month, a.day) if a else None
    return _make(m, "since", f"cumulative:{y}/{end}", _ymd(y, 1, 1), hi)


def _year(m: re.Match[str], a: Anchor | None) -> Period:
    y = int(m.group("y"))
    return _make(m, "year", str(y), _ymd(y, 1, 1), _ymd(y, 12, 31), event=True)


def _target_year(m: re.Match[str], a: Anchor | None) -> Period:
    y = int(m.group("y"))
    return _make(m, "target", f"target:{y}", _ymd(y, 1, 1), _ymd(y, 12, 31))


def _target_years_ahead(m: re.Match[str], a: Anchor | None) -> Period | None:
    n = _int(m, "n")
    if a is None or n is None:
        return _unresolved(m)
    y = a.year + n
    return _make(m, "target", f"target:{y}", _ymd(y, 1, 1), _ymd(y, 12, 31))


def _bare_year(m: re.Match[str], a: Anchor | None) -> Period:
    y = int(m.group("y"))
    return _make(m, "year", str(y), _ymd(y, 1, 1), _ymd(y, 12, 31))


def _last_and_this_year(m: re.Match[str], a: Anchor | None) -> Period:
    if a is None:
        return _unresolved(m)
    return _make(m, "span", f"{a.year - 1}/{a.year}", _ymd(a.year - 1, 1, 1), _ymd(a.year, 12, 31))


RELATIVE = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1}


def _relative_year(m: re.Match[str], a: Anchor | None) -> Period | None:
    if a is None:
        return _unresolved(m)
    y = a.year + RELATIVE[m.group("rel")]
    part, month, day = m.group("part"), m.group("m"), m.group("d")
    if month:
        mo = int(month)
        if not 1 <= mo <= 12:
            return None
        if day and 1 <= int(day) <= _month_end(y, mo):
            d = int(day)
            return _make(
                m, "day", f"{y:04d}-{mo:02d}-{d:02d}", _ymd(y, mo, d), _ymd(y, mo, d), event=True
            )
        return _make(m, "month", *_months(y, mo, y, mo), event=True)
    if part and part != "以来":
        first, last = PARTS[part]
        return _make(m, "span", *_months(y, first, y, last), event=True)
    return _make(m, "year", str(y), _ymd(y, 1, 1), _ymd(y, 12, 31), event=part != "以来")


def _years_ago(m: re.Match[str], a: Anchor | None) -> Period | None:
    n = read_number(m.group("n"))
    if a is None or n is None:
        return _unresolved(m)
    if m.group("more"):
        newest, oldest = a.year - int(n.value), a.year - int(n.value + n.significant) + 1
        return _make(
            m, "span", f"{oldest}/{newest}", _ymd(oldest, 1, 1), _ymd(newest, 12, 31), event=True
        )
    y = a.year - int(n.value)
    return _make(m, "year", str(y), _ymd(y, 1, 1), _ymd(y, 12, 31), event=True)


def _bare_day(m: re.Match[str], a: Anchor | None) -> Period | None:
    mo, d = int(m.group("m")), int(m.group("d"))
    if a is None:
        return _unresolved(m)
    y = a.year if (mo, d) <= (a.month, a.day) else a.year - 1
    if not (1 <= mo <= 12 and 1 <= d <= _month_end(y, mo)):
        return None
    return _make(m, "day", f"{y:04d}-{mo:02d}-{d:02d}", _ymd(y, mo, d), _ymd(y, mo, d), event=True)


def _bare_month(m: re.Match[str], a: Anchor | None) -> Period | None:
    mo = int(m.group("m"))
    if a is None:
        return _unresolved(m)
    y = a.year if mo <= a.month else a.year - 1
    return _make(m, "month", *_months(y, mo, y, mo), event=True)


def _decade(m: re.Match[str], a: Anchor | None) -> Period | None:
    c, dec = read_number(m.group("c")), read_number(m.group("dec"))
    if c is None or dec is None:
        return None
    first = int(c.value - 1) * 100 + int(dec.value)
    return _make(
        m, "span", f"{first}/{first + 9}", _ymd(first, 1, 1), _ymd(first + 9, 12, 31), event=True
    )


def _past_editions(m: re.Match[str], a: Anchor | None) -> Period | None:
    n = _int(m, "n")
    return _make(m, "cumulative", f"cumulative:past{n}_editions") if n else None


def _edition(m: re.Match[str], a: Anchor | None) -> Period | None:
    n = _int(m, "n")
    return _make(m, "edition", f"edition:{n}") if n else None


def _past_years(m: re.Match[str], a: Anchor | None) -> Period | None:
    n = _int(m, "n")
    if a is None or not n:
        return _unresolved(m)
    first, last = a.year - n, a.year - 1
    return _make(
        m, "cumulative", f"cumulative:{first}/{last}", _ymd(first, 1, 1), _ymd(last, 12, 31)
    )


def _annual(m: re.Match[str], a: Anchor | None) -> Period:
    return _make(m, "recurring", "annual")


def _recent_years(m: re.Match[str], a: Anchor | None) -> Period:
    if a is None:
        return _unresolved(m)
    return _make(m, "recent", f"recent_years:to{a.year - 1}", None, _ymd(a.year - 1, 12, 31))


def _two_sessions(m: re.Match[str], a: Anchor | None) -> Period | None:
    y = int(m.group("y")) if m.group("y") else (a.year if a else None)
    if y is None:
        return _unresolved(m)
    return _make(m, "month", *_months(y, 3, y, 3), event=True)
