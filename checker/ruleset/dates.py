"""dates.toml: seasons, events, the zodiac and the words of the period constructs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

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
    season: list[NonEmpty] = []  # the windows that never name the holiday's days off
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
    is the eve of the next month's first day: 除夕), the nth weekday of a month (母亲节:
    the second Sunday of May is month 5, weekday 7, nth 2) or a solar term's day (清明节).
    A public holiday also names its official days off in the calendar's schedule
    (`holiday`: 国庆节, 国庆中秋 when the two fall in one run) and may have short words
    that name it only before a holiday word (`holiday_words`: 清明 of 清明假期)."""

    words: list[NonEmpty] = Field(min_length=1)
    calendar: Literal["solar", "lunar", "weekday", "term"]
    month: int = Field(1, ge=1, le=12)
    day: int = Field(0, ge=0, le=31)
    weekday: int = Field(0, ge=0, le=7)
    nth: int = Field(0, ge=0, le=5)
    term: str = ""  # the solar term of a `term` festival
    holiday: list[NonEmpty] = []
    holiday_words: list[NonEmpty] = []

    @model_validator(mode="after")
    def _term_named(self) -> Festival:
        if (self.calendar == "term") != bool(self.term):
            raise ValueError("a solar term's festival (calendar = 'term') names its term")
        return self


class HolidayWords(Rule):
    """国庆假期, 2025年国庆中秋假期, 五一小长假: the words that make festivals a public
    holiday's official days off ([periods.holiday])."""

    windows: list[NonEmpty] = []  # 假期, 黄金周, 期间
    joints: list[NonEmpty] = []  # 国庆、中秋假期
    fillers: list[NonEmpty] = []  # 中秋国庆双节假期
    alone: list[NonEmpty] = []  # 今年国庆: the days off with no holiday word
    alone_not_before: list[NonEmpty] = []  # 国庆当天 is the day
    # with no year written, the days off of the year before when this year's are more
    # than this many days after the document's date
    ahead_days: Annotated[int, Field(ge=0, le=366)] = 60


Char = Annotated[str, StringConstraints(min_length=1, max_length=1)]


class PeriodSyntax(Rule):
    """The small words the period constructs are built around ([periods.syntax])."""

    beginning: Char  # 年初, 8月初前, 四季度初
    more: NonEmpty  # 十多年前, 两个多月后
    half: Char  # 半年后, 两个半月
    classifier: Char  # 三个月后, 第二个星期
    particle: NonEmpty  # 未来的三年, 3月的第二个星期
    ordinal: NonEmpty  # 第十届, 第三个星期
    first: NonEmpty  # 07年首季: with `ordinal`, what may follow a two-digit year's 年
    ago: NonEmpty  # 五年前
    edition: NonEmpty  # 第十届
    past_editions: list[NonEmpty] = Field(min_length=1)  # 过去三届
    century: NonEmpty  # 二十世纪八十年代, 21世纪
    last_century: NonEmpty  # 上世纪
    within: NonEmpty  # 未来三个月以内
    leap: NonEmpty  # 闰四月
    from_word: Char  # 2024年3月起至6月
    until_word: NonEmpty  # 至6月止
    lunar_first: Char  # 初一 … 初十
    lunar_twenties: Char  # 廿一 … 廿九
    year_span_cues: list[NonEmpty] = Field(min_length=1)  # 自2019年至2023年
    year_span_joints: list[NonEmpty] = Field(min_length=1)
    both_years: list[NonEmpty] = Field(min_length=1)  # 去年和今年
    spend_cues: list[NonEmpty] = Field(min_length=1)  # 花5年时间
    spend_ends: list[NonEmpty] = Field(min_length=1)
    clock_suffix: NonEmpty  # 9:30时
    hours: list[Char] = Field(min_length=1)  # 9点, 十时
    minute: NonEmpty  # 9点15分
    part_not_after: list[Char] = Field(min_length=1)
    bare_year_not_before: list[Char] = Field(min_length=1)
    day_not_before: list[Char] = Field(min_length=1)
    relative_not_before: list[Char] = []  # 上一年度报告: an edition, not a year
    quarter: NonEmpty  # 一至四季度: a span of quarters


class PeriodWords(Rule):
    """The words of the period constructs (checker/mentions/period_grammar.py)."""

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
    previous_year: list[NonEmpty] = []  # 由上年的X: the year before the context's
    respectively: list[NonEmpty] = []  # 一至四季度分别增长…: one figure per unit of the span
    whole_year: list[NonEmpty] = []
    first_months: list[NonEmpty] = []
    month_suffixes: list[NonEmpty] = []
    span_joints: list[NonEmpty] = Field(min_length=1)
    early_months: int = Field(3, ge=0, le=12)
    forecast_cues: list[NonEmpty] = []
    target_nouns: list[NonEmpty] = []
    # 连续3年, 连续第六个季度: the months of a streak's unit, and the words that say the
    # streak ended before the period the figure is told for (结束了连续7个季度的下滑)
    streak_months: dict[NonEmpty, Annotated[int, Field(ge=1, le=12)]] = {}
    streak_ended_before: list[NonEmpty] = []
    streak_ended_after: list[NonEmpty] = []
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
    holiday: HolidayWords = HolidayWords()
    part: list[YearPart] = []
    plans: dict[NonEmpty, Annotated[list[int], Field(min_length=2, max_length=2)]] = {}
    syntax: PeriodSyntax


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
