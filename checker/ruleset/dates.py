"""dates.toml: seasons, events, the zodiac and the words of the period constructs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from checker.ruleset.base import NonEmpty, Rule


class Season(Rule):
    name: NonEmpty
    months: list[Annotated[int, Field(ge=1, le=12)]]
    # a time of the year a figure is dated by (两会期间); false for an event whose name is
    # what a date claim is about (中央经济工作会议 only dates the publication)
    dates_figures: bool = True


class Zodiac(Rule):
    base_year: int
    animals: list[NonEmpty] = Field(min_length=12, max_length=12)
    festivals: list[NonEmpty] = []  # 蛇年春节: the festival of that year


class KnownEvent(Rule):
    keys: list[NonEmpty] = Field(min_length=1)
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")]


class SpringFestival(Rule):
    words: list[NonEmpty] = Field(min_length=1)  # 春节
    windows: list[NonEmpty] = Field(min_length=1)  # 春节期间: the days around it
    window_days: list[int] = Field(default=[-7, 14], min_length=2, max_length=2)
    dates: list[Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]]


Month = Annotated[int, Field(ge=1, le=12)]


class YearPart(Rule):
    """A part of a year (上半年, 一季度, 年初) by the months it covers."""

    words: list[NonEmpty] = Field(min_length=1)
    months: list[Month] = Field(min_length=2, max_length=2)
    reporting: bool = False  # a statistical period a paragraph may state once
    quarter: int | None = Field(None, ge=1, le=4)  # labelled 2024-Q1, not 2024-01/2024-03

    @field_validator("months")
    @classmethod
    def _ordered(cls, months: list[int]) -> list[int]:
        if months[0] > months[1]:
            raise ValueError(f"months {months} run backwards")
        return months


class Festival(Rule):
    """A festival: a day of the solar calendar (元旦 1-1), of the lunar one (中秋 8-15; day 0
    is the eve of the next month's first day: 除夕), or the nth weekday of a month (母亲节:
    the second Sunday of May is month 5, weekday 7, nth 2)."""

    words: list[NonEmpty] = Field(min_length=1)
    calendar: Literal["solar", "lunar", "weekday"]
    month: int = Field(ge=1, le=12)
    day: int = Field(0, ge=0, le=31)
    weekday: int = Field(0, ge=0, le=7)
    nth: int = Field(0, ge=0, le=5)


class PeriodWords(Rule):
    """The words of the period constructs (checker/mentions/periods.py)."""

    as_of_cues: list[NonEmpty] = Field(min_length=1)
    period_ends: list[NonEmpty] = Field(min_length=1)
    now: list[NonEmpty] = []
    recent_days: list[NonEmpty] = []
    last_month: list[NonEmpty] = []
    since_cues: list[NonEmpty] = []
    since_ends: list[NonEmpty] = Field(min_length=1)
    after_words: list[NonEmpty] = []
    past_cues: list[NonEmpty] = []
    past_ends: list[NonEmpty] = []
    annual: list[NonEmpty] = []
    recent_years: list[NonEmpty] = []
    references: list[NonEmpty] = []
    context_year: list[NonEmpty] = []
    whole_year: list[NonEmpty] = []
    first_months: list[NonEmpty] = []
    month_suffixes: list[NonEmpty] = []
    span_joints: list[NonEmpty] = Field(min_length=1)
    early_months: int = Field(3, ge=0, le=12)
    forecast_cues: list[NonEmpty] = []
    target_nouns: list[NonEmpty] = []
    relative_years: dict[NonEmpty, int] = Field(min_length=1)
    relative_months: dict[NonEmpty, int] = {}
    relative_days: dict[NonEmpty, int] = {}
    relative_quarters: dict[NonEmpty, int] = {}
    relative_weeks: dict[NonEmpty, int] = {}
    weekdays: dict[NonEmpty, int] = {}
    week_words: list[NonEmpty] = []
    deadline_ends: list[NonEmpty] = []
    offsets: dict[NonEmpty, NonEmpty] = {}
    ahead_cues: list[NonEmpty] = []
    offset_units: dict[NonEmpty, NonEmpty] = {}
    lunar_cues: list[NonEmpty] = []
    from_ends: list[NonEmpty] = []
    day_parts: list[NonEmpty] = []
    plan_suffixes: list[NonEmpty] = []
    span_words: list[NonEmpty] = []
    not_month_after: list[NonEmpty] = []
    solar_terms: list[NonEmpty] = []
    month_parts: dict[NonEmpty, Annotated[list[int], Field(min_length=2, max_length=2)]] = {}
    lunar_months: dict[NonEmpty, int] = {}
    festival: list[Festival] = []
    part: list[YearPart] = []
    plans: dict[NonEmpty, Annotated[list[int], Field(min_length=2, max_length=2)]] = {}


class DatesFile(Rule):
    month_tail: list[NonEmpty] = []  # 5月份
    decade_suffix: NonEmpty  # 80年代: a decade, no year
    this_cues: list[NonEmpty] = []  # 这个春节: this year's season
    target_cues: list[NonEmpty] = []
    target_suffixes: list[NonEmpty] = []
    this_year: list[NonEmpty] = []
    last_year: list[NonEmpty] = []
    recent: list[NonEmpty] = []
    season: list[Season] = []
    zodiac: Zodiac
    event: list[KnownEvent] = []
    spring_festival: SpringFestival
    periods: PeriodWords
