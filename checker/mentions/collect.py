"""Mentions: the quantities, periods and entities of every sentence.

Quantities come from `checker.mentions.quantities`, periods from `checker.mentions.periods` (a period that
dates an event is also a `date` quantity), entities from `checker.mentions.entities`. Two
decisions need all three: a number inside a period is part of the period (10年前), and a
superlative shared by a list of subjects ranks each of them 1..N (广东、北京、浙江…最强).
"""

from __future__ import annotations

import re
from functools import cached_property
from itertools import pairwise

from checker.mentions import periods as period_parser
from checker.mentions import quantities as quantity_parser
from checker.mentions.entities import EntityMatcher
from checker.mentions.grammar import NOTHING, alt
from checker.models import (
    EntityMention,
    Mentions,
    Period,
    Quantity,
    Sentence,
    Value,
    derive,
)
from checker.ruleset import BODY_TYPES, PLACE_TYPES, Ruleset

PLACE_OR_ORG = PLACE_TYPES | BODY_TYPES


class MentionTools:
    """Parsers built once per ruleset and shared by every document."""

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules

    @cached_property
    def quantities(self) -> quantity_parser.Grammar:
        return quantity_parser.Grammar(self.rules)

    @cached_property
    def periods(self) -> period_parser.Grammar:
        return period_parser.Grammar(self.rules)

    @cached_property
    def entities(self) -> EntityMatcher:
        return EntityMatcher(self.rules)

    @cached_property
    def list_joint(self) -> re.Pattern[str]:
        """What stands between two items of a list (、, 和 …: rules/qualifiers.toml)."""
        return re.compile(rf"^(?:{alt(self.rules.qualifiers.number.list_joints) or NOTHING})$")

    @cached_property
    def compound_part(self) -> re.Pattern[str]:
        """A year of its own inside a compound period: 2018年, or a year counted from the
        document's (去年, 今年: rules/dates.toml), but not a festival's year (2025年国庆假期)."""
        relative = alt(self.rules.dates.periods.relative_years)
        festivals = self.festival.pattern
        not_festival = rf"(?!{festivals})" if festivals else ""
        return re.compile(rf"(?:\d{{4}}年|{relative}){not_festival}")

    @cached_property
    def festival(self) -> re.Pattern[str]:
        """The words of festivals and public holidays (rules/dates.toml)."""
        words = self.rules.dates.periods
        return re.compile(alt(x for f in words.festival for x in (*f.words, *f.holiday_words)))

    @cached_property
    def heading_unit(self) -> re.Pattern[str] | None:
        """A list's heading naming its unit (rules/units.toml heading_unit)."""
        pattern = self.rules.units.heading_unit
        return re.compile(pattern) if pattern else None

    @cached_property
    def label_unit(self) -> re.Pattern[str] | None:
        """A unit in brackets before a list line's label mark (rules/units.toml label_unit)."""
        pattern = self.rules.units.label_unit
        return re.compile(pattern) if pattern else None

    def reads_as_unit(self, unit: str) -> bool:
        """Whether a number followed by `unit` is read whole as a figure in that unit."""
        known = self._units_read.get(unit)
        if known is None:
            found = quantity_parser.extract_quantities(
                "1" + unit, 0, len(unit) + 1, self.quantities
            )
            known = self._units_read[unit] = any(
                q.start == 0 and q.end == len(unit) + 1 and q.unit for q in found
            )
        return known

    @cached_property
    def _units_read(self) -> dict[str, bool]:
        return {}

    @cached_property
    def order(self) -> tuple[re.Pattern[str] | None, frozenset[str]]:
        """The words putting a subject above or below rivals, and those that put it below."""
        words = self.rules.qualifiers.constructs.order
        cues = [*words.above, *words.below]
        return (re.compile(alt(cues)) if cues else None), frozenset(words.below)


def extract_mentions(
    text: str, sentences: tuple[Sentence, ...], pub: str | None, tools: MentionTools
) -> tuple[Mentions, ...]:
    found = tools.entities.in_document(
        [tools.entities.find(text, s.start, s.end) for s in sentences]
    )
    lists = _headed_lists(text, tools.heading_unit)
    return tuple(
        sentence_mentions(
            text, s, pub, tools, entities, _line_unit(text, s, tools, _heading(lists, s))
        )
        for s, entities in zip(sentences, found, strict=True)
    )


HeadedList = tuple[int, int, str, tuple[int, int]]  # start, end, unit, where the unit is


def _headed_lists(text: str, heading: re.Pattern[str] | None) -> list[HeadedList]:
    """Where a list whose heading names its unit (（单位：千吨）) runs, and the unit: from the
    heading to the last of the lines after it that hold a number, up to a blank line."""
    out: list[HeadedList] = []
    for m in heading.finditer(text) if heading else ():
        end = text.find("\n", m.end())
        while end >= 0:
            nxt = text.find("\n", end + 1)
            line = text[end + 1 : nxt if nxt >= 0 else len(text)]
            if not line.strip() or not any(c.isdigit() for c in line):
                break
            end = nxt if nxt >= 0 else len(text)
            if nxt < 0:
                break
        out.append((m.start(), len(text) if end < 0 else end, m.group("unit"), m.span("unit")))
    return out


def _heading(lists: list[HeadedList], s: Sentence) -> tuple[str, tuple[int, int]] | None:
    return next(((unit, at) for a, b, unit, at in lists if s.start < b and a < s.end), None)


def _line_unit(
    text: str, s: Sentence, tools: MentionTools, heading: tuple[str, tuple[int, int]] | None
) -> tuple[str, tuple[int, int]] | None:
    """The unit a list line names in brackets before its label mark (——海外收入（亿美元）：
    201.7), where it reads as a unit; else the unit of its list's heading."""
    pattern = tools.label_unit
    line_end = text.find("\n", s.start, s.end)
    m = pattern.search(text, s.start, s.end if line_end < 0 else line_end) if pattern else None
    if m is None or not tools.reads_as_unit(m.group("unit")):
        return heading
    return m.group("unit"), m.span()


def sentence_mentions(
    text: str,
    s: Sentence,
    pub: str | None,
    tools: MentionTools,
    entities: list[EntityMention] | None = None,
    heading: tuple[str, tuple[int, int]] | None = None,
) -> Mentions:
    """One sentence's mentions; its entities as the document's reading decided them, or
    read from the sentence alone; `heading`, the unit its list's heading names and where."""
    periods = period_parser.extract_periods(text, s.start, s.end, tools.periods, pub)
    if entities is None:
        entities = tools.entities.in_document([tools.entities.find(text, s.start, s.end)])[0]
    unit, at = heading or (None, (0, 0))
    quantities = quantity_parser.extract_quantities(text, s.start, s.end, tools.quantities, unit)
    quantities = [q for q in quantities if not (at[0] <= q.start and q.end <= at[1])]  # 单位：千吨
    quantities = [q for q in quantities if not _inside_period(q, periods)]
    quantities += _event_dates(text, periods, pub, tools)
    quantities = [_share_superlative(text, q, entities, tools) for q in quantities]
    quantities += _rivals(text, s, entities, quantities, tools)
    quantities.sort(key=lambda q: (q.start, q.end))
    return Mentions(
        sentence=s.index,
        quantities=tuple(quantities),
        periods=tuple(periods),
        entities=tuple(entities),
    )


CLAUSE_END = frozenset("，,。;；:：!！?？")


def _rivals(
    text: str,
    s: Sentence,
    entities: list[EntityMention],
    quantities: list[Quantity],
    tools: MentionTools,
) -> list[Quantity]:
    """超越山东, 仅次于广东、山东和江苏: the subject's figure is larger (smaller) than each
    named rival's, a ratio above (below) 1. The rivals close their clause: a place or body
    and nothing but more of them (超过全球其他地区的总和 is no rival)."""
    pattern, below = tools.order
    if pattern is None:
        return []
    cues = list(pattern.finditer(text, s.start, s.end))
    if not cues:
        return []
    unsaid = tuple(tools.rules.qualifiers.constructs.order.not_before)
    scopes = set(tools.rules.claims.weak_subjects)  # 领先全国, 超过全球: a scope, no rival
    starts = {e.start: e for e in entities if e.type in PLACE_OR_ORG and e.text not in scopes}
    out: list[Quantity] = []
    for cue in cues:
        if unsaid and text[max(s.start, cue.start() - 3) : cue.start()].endswith(unsaid):
            continue  # 仍未能超越江苏, 力争赶超湖北: not said to be so
        at, named = cue.end(), 0
        while at in starts:
            at, named = starts[at].end, named + 1
            if not tools.list_joint.match(text[at : at + 1]) or at + 1 not in starts:
                break
            at += 1
        if not named or (at < s.end and text[at] not in CLAUSE_END):
            continue
        if any(q.start < at and cue.start() < q.end for q in quantities):
            continue
        said = text[cue.start() : at]
        value = (
            Value(lo=0, hi=1, hi_open=True, text=said)
            if cue.group(0) in below
            else Value(lo=1, hi=None, lo_open=True, text=said)
        )
        flags, ratio = ("comparison", "order"), tools.rules.qualifiers.construct_units.ratio
        out.append(
            Quantity(start=cue.start(), end=at, kind="ratio", value=value, unit=ratio, flags=flags)
        )
    return out


def _inside_period(q: Quantity, periods: list[Period]) -> bool:
    """A number that is part of a time expression (10年前) is not a quantity of its own;
    a duration that spans a cumulative period (过去60年来) is both."""
    return any(
        p.start <= q.start and q.end <= p.end and not (p.kind == "cumulative" and q.unit == "年")
        for p in periods
    )


def _event_dates(
    text: str, periods: list[Period], pub: str | None, tools: MentionTools
) -> list[Quantity]:
    """Dates of events: every event period, and the parts of compound periods
    (the 去年 of 去年和今年, the 2018年 of 自2018年…以来)."""
    dates = [_date(p) for p in periods if p.event and p.lo is not None]
    for p in periods:
        if p.event or p.kind not in ("span", "since"):
            continue
        for part in tools.compound_part.finditer(text, p.start, p.end):
            sub = period_parser.extract_periods(text, part.start(), part.end(), tools.periods, pub)
            dates += [_date(x) for x in sub if x.event and x.lo is not None]
    return dates


def _date(p: Period) -> Quantity:
    value = Value(lo=p.lo, hi=p.hi, text=p.text)
    return Quantity(
        start=p.start,
        end=p.end,
        kind="date",
        value=value,
        unit="date",
        flags=("event-date",),
        label=p.label,
    )


def _share_superlative(
    text: str, q: Quantity, entities: list[EntityMention], tools: MentionTools
) -> Quantity:
    """广东、北京、浙江创新能力最强: three subjects share the top, so each ranks 1..3."""
    if "superlative" not in q.flags:
        return q
    clause_start = max(text.rfind(c, 0, q.start) for c in "，,。;；:：") + 1
    before = [
        e
        for e in entities
        if clause_start <= e.start and e.end <= q.start and e.type in PLACE_OR_ORG
    ]
    listed = before[:1]
    for prev, cur in pairwise(before):
        if tools.list_joint.match(text[prev.end : cur.start]):
            listed.append(cur)
        else:
            listed = [cur]
    if len(listed) < 2:
        return q
    value = derive(q.value, lo=1, hi=float(len(listed)))
    return q.model_copy(update={"value": value, "flags": q.flags + ("shared",)})
