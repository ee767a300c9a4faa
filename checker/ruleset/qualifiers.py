"""qualifiers.toml: bounds, cues, changes and the words of the quantity constructs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from checker.ruleset.base import NonEmpty, Rule

Bound = Literal["above", "at_least", "below", "at_most", "near", "approx", "more", "exact"]


class Qualifier(Rule):
    words: list[NonEmpty] = Field(min_length=1)
    bound: Bound
    position: Literal["before", "after"]


class Cues(Rule):
    streak: list[NonEmpty]
    streak_units: list[NonEmpty] = []
    streak_classifiers: list[NonEmpty] = []  # may stand between the number and the unit
    streak_unit_names: dict[NonEmpty, NonEmpty] = {}  # the unit a streak is kept in
    unique_units: dict[str, str] = {}
    unique: list[NonEmpty]
    superlative: list[NonEmpty]
    first: list[NonEmpty]
    ordinal_not_rank: list[NonEmpty]
    list_names: list[NonEmpty]


class Multiplier(Rule):
    verbs: list[NonEmpty]
    mode: Literal["ambiguous", "exact"]


class Change(Rule):
    """Verbs of change and the sign they give the number after them."""

    words: list[NonEmpty] = Field(min_length=1)
    sign: Literal[-1, 1]


class ConstructWords(Rule):
    """The words one construct is built on; it is tried only where one of `words` is.
    `cues` are words that change what a match says, each construct its own (see the
    comments in rules/qualifiers.toml); `joiners` may stand, optionally, between the
    parts; `split` are units written around the word (个…月 of 三个半月); `outside` are
    after-words that close the match but not the figure's text (大 of 第三大)."""

    words: list[NonEmpty] = Field(min_length=1)
    before: list[NonEmpty] = []
    after: list[NonEmpty] = []
    not_before: list[NonEmpty] = []
    not_after: list[NonEmpty] = []
    scopes: list[NonEmpty] = []
    cues: list[NonEmpty] = []
    joiners: list[NonEmpty] = []
    split: list[Annotated[list[NonEmpty], Field(min_length=2, max_length=2)]] = []
    outside: list[NonEmpty] = []


class ConstructUnits(Rule):
    """The units the constructs give their figures (rules/qualifiers.toml [construct_units])."""

    ratio: NonEmpty  # 增长四倍, 翻两番, 一半 as a multiple
    rank: NonEmpty  # 第二位, 前五, 500强
    tier: NonEmpty  # 第一梯队: a rank of 1 kept in its own unit
    list_size: NonEmpty  # 500强榜单: the count of a list
    item: NonEmpty  # 五大产业, 唯一 without a noun after it
    money: NonEmpty  # 万亿元级: an amount


class Order(Rule):
    """Words that put a subject's figure above or below named rivals (超越山东)."""

    above: list[NonEmpty] = []
    below: list[NonEmpty] = []
    not_before: list[NonEmpty] = []  # a negation or an intent right before the cue


class Constructs(Rule):
    range: ConstructWords
    fall_size: ConstructWords | None = None
    list_carry: ConstructWords
    approx_of: ConstructWords
    percent_of: ConstructWords
    fraction_of: ConstructWords
    fraction_slash: ConstructWords
    half: ConstructWords
    cheng: ConstructWords
    doubling: ConstructWords
    and_a_half: ConstructWords
    more_than_half: ConstructWords
    times: ConstructWords
    rank: ConstructWords
    ordinal_count: ConstructWords
    top: ConstructWords
    top_of: ConstructWords
    strong: ConstructWords
    list_count: ConstructWords
    magnitude: ConstructWords
    fund_label: ConstructWords
    sum_comparison: ConstructWords
    average_comparison: ConstructWords
    one_in_n: ConstructWords
    n_of_m: ConstructWords
    one_to_n: ConstructWords
    proportion: ConstructWords
    per_head: ConstructWords
    order: Order = Order()


class ScaleClassifier(Rule):
    """A classifier between a number and its scale (两个亿), unless a class follows."""

    words: list[NonEmpty] = Field(min_length=1)
    scales: list[NonEmpty] = Field(min_length=1)
    not_before: list[NonEmpty] = []


class NumberWords(Rule):
    """Words around a plain number (see qualifiers.toml [number])."""

    not_after: list[NonEmpty] = []
    articles: list[NonEmpty] = []
    not_near: list[NonEmpty] = []
    list_joints: list[NonEmpty] = Field(min_length=1)
    particles: list[NonEmpty] = []
    ordinal_nouns: list[NonEmpty] = []
    ordinal_units: list[NonEmpty] = []
    scale_classifier: ScaleClassifier | None = None
    terms: list[NonEmpty] = []


class QualifiersFile(Rule):
    qualifier: list[Qualifier]
    number: NumberWords
    cues: Cues
    multiplier: list[Multiplier] = []
    change: list[Change] = []
    constructs: Constructs
    construct_units: ConstructUnits
