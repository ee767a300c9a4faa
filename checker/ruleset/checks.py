"""checks.toml: matching thresholds, metric-name comparison and the checks with their messages."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from checker.ruleset.base import NonEmpty, Rule

CheckId = Literal[
    "conflict",
    "period_drift",
    "revision",
    "corroboration",
    "internal_conflict",
    "uncited",
    "vague_citation",
    "source_quality",
]
Severity = Literal["error", "warning", "info"]
PLACEHOLDERS = {
    "subject": "Ningxia",
    "metric": "patents granted",
    "values": "41 vs 39",
    "docs": "a, b",
    "periods": "2024",
    "count": 2,
    "doc": "a.txt",
    "detail": "…",
}


class Matching(Rule):
    min_metric_similarity: int = Field(default=85, ge=0, le=100)
    short_metric_length: int = Field(default=4, ge=0)
    conflict_min_similarity: int = Field(default=95, ge=0, le=100)
    # a narrower wording of a name whose amount or count differs from the name's by at
    # most this relative gap is the same measure misstated (0: never)
    narrower_near_gap: float = Field(default=0.0, ge=0.0, le=1.0)
    implied_close_months: int = Field(default=12, ge=0)
    event_min_similarity: int = Field(default=70, ge=0, le=100)
    open_bound_factor: float = Field(default=1.1, ge=1.0)
    near_duplicate: float = Field(default=0.8, ge=0, le=1)
    copy_sentence_similarity: int = Field(default=90, ge=0, le=100)
    # characters that are numerals in a copy's sentence template, beside digits and 零…亿
    copy_numerals: list[Annotated[str, StringConstraints(min_length=1, max_length=1)]] = []
    same_figure_digits: int = Field(default=0, ge=0)
    alias_min_digits: int = Field(default=3, ge=1)
    # kinds of figures that corroborate across documents but never conflict
    never_conflict_kinds: list[NonEmpty] = []
    alias_min_figures: int = Field(default=2, ge=1)


class MetricNames(Rule):
    """How open-world metric names compare (checks.toml [metric_names]): a name is its
    modifiers (a set of jieba words) and its head noun; see `checker.matching.match`."""

    # words that qualify any metric without changing what it measures (全年, 累计)
    modifier_words: list[NonEmpty] = []
    # head nouns that mean the same, each group one head (the first names it)
    head_synonyms: list[list[NonEmpty]] = []
    # heads that only say "how many" (数量, 规模): they agree with any head, or none
    generic_heads: list[NonEmpty] = []
    # words that, ending a name with no head, state a value (出口, 投资): under a rate an
    # empty head beside them names a volume (出口·增长率 is not 出口量·增长率)
    valued_words: list[NonEmpty] = []
    # heads split off the end of a word (进口额 → 进口 + 额, 装机容量 → 装机 + 容量)
    split_heads: list[NonEmpty] = []
    # similarity (0-100) of two names whose modifiers are a strict subset of the other's
    subset_similarity: int = Field(default=90, ge=0, le=100)
    # ... when the larger set has just one word more
    one_more_similarity: int = Field(default=90, ge=0, le=100)
    # words that always separate two names when only one of them has it (新增, 人均, 出口)
    contrastive_words: list[NonEmpty] = []
    # regional or variant wordings rewritten before names are compared (软体 → 软件)
    regional_synonyms: dict[NonEmpty, NonEmpty] = {}
    # words no metric name ends in: a name whose last word is one (or ends in one of
    # unknown_endings) is unknown and never conflicts (按年大升, 统计局公布)
    unknown_words: list[NonEmpty] = []
    unknown_endings: list[NonEmpty] = []
    # a share of nothing named (份额, 市场·占比) of a subject of these types is its share of
    # its market: two of one company compare as one metric
    market_share_subjects: list[NonEmpty] = []
    market_share_operators: list[NonEmpty] = []
    # a company's share of what its market sells or ships (智能手机出货量·占比: a base
    # ending in one of these) is its market share, as a share of nothing named is
    market_share_bases: list[NonEmpty] = []
    # similarity (0-100) of two equal names that end in no head noun
    unknown_similarity: int = Field(default=80, ge=0, le=100)
    # two names ending in one word whose other words differ, none of them contrastive
    same_last_word_similarity: int = Field(default=0, ge=0, le=100)
    # the highest similarity (0-100) string similarity alone may give two names: below
    # [matching] conflict_min_similarity, so a threshold never makes a conflict
    fuzzy_cap: int = Field(default=94, ge=0, le=100)


class Statements(Rule):
    """Cue words that say what kind of statement a figure is (checks.toml [statements])."""

    forecast_cues: list[NonEmpty] = []
    preliminary_cues: list[NonEmpty] = []
    final_cues: list[NonEmpty] = []
    internal_kinds: list[NonEmpty] = ["count", "amount"]
    internal_max_ratio: float = Field(default=2.0, ge=1.0)
    internal_short_length: int = Field(default=4, ge=0)


def _formats(message: str) -> str:
    try:
        message.format(**PLACEHOLDERS)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(
            f"unknown placeholder or bad format: {exc} (placeholders: {', '.join(PLACEHOLDERS)})"
        ) from None
    return message


class CheckRule(Rule):
    id: CheckId
    severity: Severity
    implied_severity: Severity | None = None
    message: Annotated[str, AfterValidator(_formats)]
    # period_drift only: the message of a target or forecast against an outcome
    target_message: Annotated[str, AfterValidator(_formats)] | None = None
    # conflict and corroboration: the message when the metrics were matched through an
    # alias the corpus shows ({detail} says through which shared figure)
    alias_message: Annotated[str, AfterValidator(_formats)] | None = None
    # how the figures of one sentence are joined in {values} (uncited, vague_citation)
    value_separator: str = ", "


class Totals(Rule):
    """A figure told as the total of N listed things (rules/checks.toml [totals])."""

    words: list[NonEmpty] = []  # words that tell a total (合计, 总计)
    before: list[NonEmpty] = []  # words before the count (前五名合计)
    counted: list[NonEmpty] = []  # what may follow the count before them (三省合计, 前五名合计)
    shares: list[NonEmpty] = []  # metrics (ids or operators) whose figures add up as shares


class ChecksFile(Rule):
    matching: Matching = Matching()
    metric_names: MetricNames = MetricNames()
    statements: Statements = Statements()
    totals: Totals = Totals()
    check: list[CheckRule]
