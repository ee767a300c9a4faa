"""Publication date: from front matter, else inferred from the text with its evidence.

Inference takes the latest dated event the text reports as past. Targets (到2035年,
力争到2026年, 面向2025年) and years inside titles are not evidence. Relative words
(今年4月, 本年头, bare 12月30日) need an anchor year, chosen in this order:
1. a recent-time word (近日, 日前) in the same sentence as a dated event: that year;
2. a zodiac year (蛇年春节) resolved to the first such year not before the latest
   explicit year;
3. the latest explicit year.
Explicit years after the anchor year are forward-looking and ignored. Dates are read
through the period grammar's date view (`checker.mentions.period_forms.date_view`), so
二〇二四年五月八日, 2024-05-08 and 20240508 are the explicit date 2024年5月8日.
"""

from __future__ import annotations

import calendar
import re
from typing import NamedTuple

from checker.mentions.grammar import alt
from checker.mentions.period_forms import DateSpelling, date_view, spelling
from checker.models import Document, NormalizedText, PubDate, Sentence
from checker.ruleset import DatesFile

FRONT_DATE = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2}))?(?:[-/.月](\d{1,2}))?日?$")
FULL = re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})[日号]")
TITLE = re.compile(r"《[^》]*》|\([^)]*\)")


class Patterns(NamedTuple):
    """The date patterns of the inference, built from rules/dates.toml."""

    year_month: re.Pattern[str]  # 2024年6月(底)
    year: re.Pattern[str]  # 2024年(初|底)
    relative_day: re.Pattern[str]  # (今年)6月8日
    relative_month: re.Pattern[str]  # 今年6月
    relative_start: re.Pattern[str]  # 今年年初
    bare_month: re.Pattern[str]  # 6月
    time_chars: re.Pattern[str]  # a sentence without one holds no date
    zodiac: re.Pattern[str]  # 蛇年(春节)
    this: tuple[str, ...]  # 今年, 本年
    ends: frozenset[str]  # 底, 末: the year's last month
    spring: tuple[str, ...]  # 春节


_PATTERNS: dict[int, tuple[DatesFile, Patterns]] = {}


def _patterns(rules: DatesFile) -> Patterns:
    known = _PATTERNS.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    w = rules.periods
    this = tuple(sorted((k for k, v in w.relative_years.items() if v == 0), key=len, reverse=True))
    starts = [x for p in w.part if not p.reporting and p.months[0] == 1 for x in p.words]
    first = alt([x for x in starts if len(x) == 1])
    ends, now, tail = alt(w.period_ends), alt(list(this)), "".join(rules.month_tail)
    chars = {c for season in rules.season for c in season.name} | set("年月日号")
    built = Patterns(
        year_month=re.compile(
            rf"(?<!\d)(\d{{4}})年(\d{{1,2}})月(?![\d{tail}]*[日号])({ends}|{first})?"
        ),
        year=re.compile(
            rf"(?<!\d)(\d{{4}})年(?!\d{{1,2}}月|{rules.decade_suffix})({alt(starts)}|{ends})?"
        ),
        relative_day=re.compile(rf"(?<![\d年])({now})?(\d{{1,2}})月(\d{{1,2}})[日号]"),
        relative_month=re.compile(rf"(?<![\d年])({now})(\d{{1,2}})月(?!\d{{1,2}}[日号])"),
        relative_start=re.compile(rf"({now})({alt(starts)})"),
        bare_month=re.compile(
            rf"(?<![\d年月.\-—~])([1-9]|1[0-2])月(?![\d{tail}]*[日号]|[{tail}]?\d)"
        ),
        time_chars=re.compile(f"[{re.escape(''.join(sorted(chars)))}]"),
        zodiac=re.compile(
            rf"([{''.join(rules.zodiac.animals)}])年({alt(rules.zodiac.festivals)})?"
        ),
        this=this,
        ends=frozenset(w.period_ends),
        spring=tuple(rules.spring_festival.words),
    )
    _PATTERNS[id(rules)] = (rules, built)
    return built


class Clue(NamedTuple):
    year: int
    month: int | None
    day: int | None
    start: int  # in the normalized text
    end: int
    kind: str  # explicit | relative | zodiac | season | event
    sentence: int


def publication_date(
    doc: Document, norm: NormalizedText, sentences: tuple[Sentence, ...], rules: DatesFile
) -> tuple[PubDate, str | None]:
    """The date and, when the front matter date was unusable, a note saying so."""
    note = None
    if doc.meta.date:
        parsed = parse_front_date(doc.meta.date)
        if parsed:
            return PubDate(
                value=parsed, source="front-matter", evidence=f"date: {doc.meta.date}"
            ), None
        note = (
            f'front matter date "{doc.meta.date}" not understood (use YYYY-MM-DD); inferred instead'
        )
    return infer_date(doc.text, norm, sentences, rules), note


def parse_front_date(value: str) -> str | None:
    m = FRONT_DATE.match(value.strip())
    if not m:
        return None
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if month and not 1 <= month <= 12:
        return None
    if day and month and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return "-".join([f"{year:04d}"] + [f"{v:02d}" for v in (month, day) if v])


def infer_date(
    original: str, norm: NormalizedText, sentences: tuple[Sentence, ...], rules: DatesFile
) -> PubDate:
    time_chars = _patterns(rules).time_chars
    sentences = tuple(
        s
        for s in sentences
        if time_chars.search(s.text) or any(all(k in s.text for k in e.keys) for e in rules.event)
    )
    explicit = [c for s in sentences for c in _explicit(s, rules)]
    anchor = _anchor_year(sentences, explicit, rules)
    if anchor is None:
        return PubDate()
    clues = [c for c in explicit if c.year <= anchor]
    for s in sentences:
        clues += _relative(s, anchor, rules)
    clues += [c for s in sentences for c in _events(s, rules) if c.year <= anchor + 1]
    if not clues:
        return PubDate()
    best = max(clues, key=lambda c: (c.year, c.month or 0, c.day or 0, -c.start))
    span = norm.offsets.span(best.start, best.end)
    value = f"{best.year:04d}" + (f"-{best.month:02d}" if best.month else "")
    return PubDate(
        value=value, source="inferred", evidence=original[span[0] : span[1]], evidence_span=span
    )


class View(NamedTuple):
    """A sentence in the date view's spelling, with the map back to the sentence."""

    text: str
    lo: list[int]
    hi: list[int]
    sentence: Sentence

    def clue(self, m: re.Match[str], y: int, mo: int | None, d: int | None, kind: str) -> Clue:
        valid_month = mo if mo and 1 <= mo <= 12 else None
        valid_day = (
            d if valid_month and d and 1 <= d <= calendar.monthrange(y, valid_month)[1] else None
        )
        s = self.sentence
        start, end = s.start + self.lo[m.start()], s.start + self.hi[m.end()]
        return Clue(y, valid_month, valid_day, start, end, kind, s.index)


def _spelling(rules: DatesFile) -> DateSpelling:
    """The date view's patterns; with no document date, two-digit years are not read."""
    w = rules.periods
    return spelling(tuple(w.span_joints), "".join(w.not_month_after), "$^")


def _view(s: Sentence, rules: DatesFile) -> View:
    text, lo, hi = date_view(s.text, None, _spelling(rules))
    return View(text, lo, hi, s)


def _explicit(s: Sentence, rules: DatesFile) -> list[Clue]:
    v = _view(s, rules)
    text, shield = s.text, _shielded(s.text)
    clues: list[Clue] = []
    pat = _patterns(rules)
    for m in FULL.finditer(v.text):
        clues.append(v.clue(m, int(m[1]), int(m[2]), int(m[3]), "explicit"))
    for m in pat.year_month.finditer(v.text):
        clues.append(v.clue(m, int(m[1]), int(m[2]), None, "explicit"))
    for m in pat.year.finditer(v.text):
        month = 12 if m[2] in pat.ends else (1 if m[2] else None)
        clues.append(v.clue(m, int(m[1]), month, None, "explicit"))
    return [
        c
        for c in clues
        if 1900 < c.year < 2200
        and not _is_target(text, c.start - s.start, c.end - s.start, rules)
        and not any(a <= c.start - s.start < b for a, b in shield)
    ]


def _shielded(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TITLE.finditer(text)]


def _is_target(text: str, start: int, end: int, rules: DatesFile) -> bool:
    before = text[max(0, start - 4) : start]
    after = text[end : end + 3]
    return any(before.endswith(c) for c in rules.target_cues) or any(
        after.startswith(c) for c in rules.target_suffixes
    )


def _anchor_year(
    sentences: tuple[Sentence, ...], explicit: list[Clue], rules: DatesFile
) -> int | None:
    by_sentence: dict[int, list[Clue]] = {}
    for c in explicit:
        by_sentence.setdefault(c.sentence, []).append(c)
    recent = [
        c.year
        for s in sentences
        if any(w in s.text for w in rules.recent)
        for c in by_sentence.get(s.index, []) + _events(s, rules)
    ]
    if recent:
        return max(recent)
    latest = max((c.year for c in explicit), default=None)
    zodiac = [c.year for s in sentences for c in _zodiac(s, latest, rules)]
    if zodiac:
        return max(zodiac)
    if latest is not None:
        return latest
    events = [c.year for s in sentences for c in _events(s, rules)]
    return max(events) if events else None


def _zodiac(s: Sentence, latest: int | None, rules: DatesFile) -> list[Clue]:
    z = rules.zodiac
    pat = _patterns(rules)
    clues = []
    for m in pat.zodiac.finditer(s.text):
        offset = z.animals.index(m[1])
        floor = latest or z.base_year
        year = floor + (offset - (floor - z.base_year)) % 12
        month = _season_end(pat.spring[0], year, 2, rules) if m[2] else None
        clues.append(
            Clue(year, month, None, s.start + m.start(), s.start + m.end(), "zodiac", s.index)
        )
    return clues


def _season_end(name: str, year: int, default: int, rules: DatesFile) -> int:
    """A season the text reports as past is over: its window's last month. 春节 moves
    with the lunar calendar, so its window comes from the festival table."""
    if name not in rules.spring_festival.words:
        return default
    import datetime as dt

    sf = rules.spring_festival
    day = next((dt.date.fromisoformat(x) for x in sf.dates if x.startswith(f"{year}-")), None)
    return (day + dt.timedelta(days=sf.window_days[1])).month if day else default


def _relative(s: Sentence, year: int, rules: DatesFile) -> list[Clue]:
    text = s.text
    v = _view(s, rules)
    pat = _patterns(rules)
    clues = [
        v.clue(m, year, int(m[2]), int(m[3]), "relative") for m in pat.relative_day.finditer(v.text)
    ]
    clues += [
        v.clue(m, year, int(m[2]), None, "relative") for m in pat.relative_month.finditer(v.text)
    ]
    clues += [v.clue(m, year, 1, None, "relative") for m in pat.relative_start.finditer(v.text)]
    clues += [v.clue(m, year, int(m[1]), None, "relative") for m in pat.bare_month.finditer(v.text)]
    for season in rules.season:
        at = text.find(season.name)
        if at >= 0 and (text[max(0, at - 2) : at] in pat.this or _has_this(text, rules)):
            month = _season_end(season.name, year, season.months[-1], rules)
            clues.append(
                Clue(
                    year,
                    month,
                    None,
                    s.start + at,
                    s.start + at + len(season.name),
                    "season",
                    s.index,
                )
            )
    clues += _zodiac(s, year, rules)
    return [c for c in clues if c.month]


def _has_this(text: str, rules: DatesFile) -> bool:
    return any(w in text for w in [*rules.this_year, *rules.this_cues])


def _events(s: Sentence, rules: DatesFile) -> list[Clue]:
    return [
        Clue(int(e.date[:4]), int(e.date[5:7]), None, s.start, s.end, "event", s.index)
        for e in rules.event
        if all(k in s.text for k in e.keys)
    ]
