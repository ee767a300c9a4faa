"""units.toml: currencies, classifiers and measures with their words, and their checks."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from checker.ruleset.base import NonEmpty, Pattern, Rule, Slug
from checker.ruleset.locate import line_of, show


class UnitAliases(Rule):
    unit: NonEmpty
    aliases: list[NonEmpty] = Field(min_length=1)
    # a bare scale before this unit names a class, not a value: 万卡 = at least 10,000
    scale_label: bool = False


class Comparable(Rule):
    """Classifiers that count the same things (台 and 套 for robots)."""

    units: list[NonEmpty] = Field(min_length=2)
    note: str = ""


class Measure(Rule):
    """A unit of another kind than money or a count, with what it measures."""

    unit: NonEmpty
    aliases: list[NonEmpty] = Field(min_length=1)
    scaled_aliases: list[NonEmpty] = []  # read only after a scale word: 亿度, never 30度
    kind: Literal["other", "percent", "ratio"] = "other"
    dimension: Slug
    base: NonEmpty | None = None  # the unit its dimension is kept in, when not itself
    factor: float = Field(1.0, gt=0)  # how many base units one of it is


class DurationStep(Rule):
    """Two units of time written one after the other (四年六个月) and how many of the
    second one of the first is."""

    units: Annotated[list[NonEmpty], Field(min_length=2, max_length=2)]
    factor: float = Field(gt=0)


class PerArea(Rule):
    """Yields: a mass after one of `cues` in its clause (每亩390公斤, 亩产, 单产) is per the
    cue's area unit, kept as `units` says (公斤 per 亩 is 公斤/亩)."""

    cues: dict[NonEmpty, NonEmpty] = {}  # cue → the area it counts per
    units: dict[NonEmpty, dict[NonEmpty, NonEmpty]] = {}  # mass unit → area → rate unit
    carry_after: list[NonEmpty] = []  # a clause opening with one of these continues a yield


class SpokenMoney(Rule):
    """块, 毛, 角, 分: money in a sentence that speaks of money."""

    unit: NonEmpty
    words: list[NonEmpty] = []
    cues: list[NonEmpty] = []
    coins: dict[NonEmpty, float] = {}


Char = Annotated[str, StringConstraints(min_length=1, max_length=1)]


class Numerals(Rule):
    """Numeral words beyond the digits and places 零一二…十百千万亿 (units.toml [numerals]).
    They are read once, from the package's own rules, when the number grammar is built."""

    point: Char  # 三点五
    minus: Char  # 负三
    few: list[Char] = Field(min_length=1)  # 几十, 数百: a range of tens, of hundreds
    some: Char  # 十几, 二十几: a range within the tens
    tens: dict[Char, NonEmpty] = {}  # 廿 → 二十: a word for a round ten
    colloquial: dict[Char, Char] = {}  # 俩 → 两: matched as a numeral, read as the other
    variants: dict[Char, Char] = {}  # 萬 → 万: another spelling, read as the usual one


class UnitsFile(Rule):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    scales: dict[str, float]
    numerals: Numerals
    currency: list[UnitAliases]
    classifier: list[UnitAliases]
    comparable: list[Comparable] = []
    measure: list[Measure] = []
    spoken_money: SpokenMoney | None = None
    per_area: PerArea | None = None
    duration_step: list[DurationStep] = []
    noun_units: dict[str, int | str] = {}
    # words that may stand between a name ending in a counted noun and a number with a scale
    # and no classifier (观影人次达9.36亿): the number takes the noun's unit
    noun_links: list[NonEmpty] = []
    # a list's heading naming the unit of its bare numbers (（单位：千吨）)
    heading_unit: Pattern | None = None
    label_unit: Pattern | None = None
    # what ends a unit per head (件/人): such a figure compares with figures in the unit
    # alone (139.8件), its being per head said by its metric's name (人均快递量, 保险密度)
    per_head: list[NonEmpty] = []
    # dimensions of measures that are not amounts of a thing (time, ratios, places, rates):
    # a span of time does not add them up, and a figure in one ends no name
    unsummed_dimensions: list[Slug] = []

    @cached_property
    def duration_steps(self) -> dict[tuple[str, str], float]:
        return {(d.units[0], d.units[1]): d.factor for d in self.duration_step}

    @cached_property
    def physical(self) -> frozenset[str]:
        """The units of measures of things (吨, 亩, 千瓦时), not of time, ratios, places or
        rates: what a span of time adds up."""
        kept = set(self.unsummed_dimensions)
        return frozenset(m.unit for m in self.measure if m.dimension not in kept)

    @cached_property
    def bases(self) -> dict[str, tuple[str, float]]:
        """Every unit kept in another → (its base unit, how many base units one is)."""
        return {m.unit: (m.base, m.factor) for m in self.measure if m.base and m.base != m.unit}

    def base(self, word: str) -> tuple[str, str, float]:
        """A unit word → (base unit, dimension, factor): 吉瓦 → (kW, power, 1e6)."""
        unit = self.aliases[word][1] if word in self.aliases else word
        base, factor = self.bases.get(unit, (unit, 1.0))
        return base, self.dimensions.get(base, self.dimensions.get(unit, "")), factor

    def noun_unit_map(self) -> dict[str, str]:
        return {k: v for k, v in self.noun_units.items() if isinstance(v, str)}

    def noun_window(self) -> int:
        within = self.noun_units.get("within", 4)
        return within if isinstance(within, int) else 4

    @cached_property
    def aliases(self) -> dict[str, tuple[str, str]]:
        """Every unit word → (quantity kind, unit it is kept in)."""
        table: dict[str, tuple[str, str]] = {}
        for kind, entries in (("amount", self.currency), ("count", self.classifier)):
            for entry in entries:
                table.update((a, (kind, entry.unit)) for a in entry.aliases)
        for m in self.measure:
            table.update((a, (m.kind, m.unit)) for a in [*m.aliases, *m.scaled_aliases])
        return table

    @cached_property
    def dimensions(self) -> dict[str, str]:
        """Every unit → what it measures: money in one currency, a count, energy …"""
        dims = {c.unit: f"money_{c.unit}" for c in self.currency}
        dims.update((c.unit, "count") for c in self.classifier)
        dims.update((m.unit, m.dimension) for m in self.measure)
        return dims

    @cached_property
    def classes(self) -> dict[str, str]:
        """Every classifier in a [[comparable]] group → the group's first unit."""
        return {u: g.units[0] for g in self.comparable for u in g.units}

    def per_head_unit(self, unit: str) -> tuple[str, str] | None:
        """A unit per head (件/人, 元/人) → (the kind, the unit) of the unit alone."""
        for end in self.per_head:
            if unit.endswith(end) and len(unit) > len(end):
                return self.aliases.get(unit[: -len(end)])
        return None

    def unit_class(self, unit: str) -> str:
        """What a unit is compared as: itself, or its [[comparable]] group (套 → 台)."""
        return self.classes.get(unit, unit)

    def canonical(self, unit: str) -> str:
        """The unit a currency or measure word is kept in (百分点 → pp, 吉瓦时 → GWh, 美金 →
        美元); anything else as given (位 is a rank's unit as well as a word for 人)."""
        entries: list[UnitAliases | Measure] = [*self.currency, *self.measure]
        for entry in entries:
            if unit in entry.aliases:
                return entry.unit
        return unit


def unit_problems(path: Path, units: UnitsFile) -> list[str]:
    """Each unit word belongs to one unit; comparable groups and nouns name known units."""
    raw = path.read_text(encoding="utf-8")
    problems: list[str] = []
    owner: dict[str, str] = {}
    entries: list[UnitAliases | Measure] = [*units.currency, *units.classifier, *units.measure]
    for e in entries:
        words = [*e.aliases, *(e.scaled_aliases if isinstance(e, Measure) else [])]
        for word in words:
            if owner.setdefault(word, e.unit) != e.unit:
                entry = raw.find(f'unit = "{e.unit}"')
                where = f"{show(path)}:{line_of(raw[entry:], chr(34) + word + chr(34)) + raw.count(chr(10), 0, entry)}"
                problems.append(
                    f'{where}: unit "{e.unit}": "{word}" is already a word of unit "{owner[word]}"'
                )
    counted = {c.unit for c in units.classifier}
    grouped: dict[str, int] = {}
    for i, group in enumerate(units.comparable):
        where = f"{show(path)}:{line_of(raw, 'units = [' + chr(34) + group.units[0])}"
        for unit in group.units:
            if unit not in counted:
                problems.append(f'{where}: comparable #{i + 1}: "{unit}" is not a classifier unit')
            elif grouped.setdefault(unit, i) != i:
                problems.append(
                    f'{where}: comparable #{i + 1}: "{unit}" is already in comparable '
                    f"#{grouped[unit] + 1}"
                )
    measures = {m.unit: m for m in units.measure}
    for m in units.measure:
        base = measures.get(m.base or m.unit)
        if base is None or base.dimension != m.dimension or base.base not in (None, base.unit):
            where = f"{show(path)}:{line_of(raw, 'unit = ' + chr(34) + m.unit + chr(34))}"
            problems.append(
                f'{where}: unit "{m.unit}": base "{m.base}" is no unit of dimension '
                f'"{m.dimension}" kept in itself'
            )
    for noun, unit in units.noun_unit_map().items():
        if unit not in units.dimensions:
            where = f"{show(path)}:{line_of(raw, chr(34) + noun + chr(34))}"
            problems.append(f'{where}: noun_units "{noun}": unknown unit "{unit}"')
    return problems
