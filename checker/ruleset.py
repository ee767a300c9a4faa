"""Rules files: schemas, loading and validation.

Every file under `rules/` is TOML validated by a pydantic model with unknown keys
forbidden. All problems of all files are collected and raised together as one
`RuleFileError`, each naming the file, the line and the entry.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from checker.errors import RuleFileError

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return pattern


Pattern = Annotated[str, AfterValidator(_compiles)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


class Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# ---- despin.toml -------------------------------------------------------------------


class Detector(Rule):
    markers: list[Pattern]
    other_markers: list[Pattern] = []
    min_distinct: int = Field(default=3, ge=1)
    min_per_1k: float = Field(default=2.0, ge=0)
    short_doc_chars: int = Field(default=300, ge=0)
    short_min_distinct: int = Field(default=2, ge=1)
    other_min_distinct: int = Field(default=2, ge=1)
    apply_confidence: list[Literal["high", "medium", "low"]] = ["high", "medium"]


class DespinPair(Rule):
    spun: NonEmpty
    original: str
    rule: Literal["always", "spun-doc-only", "context"]
    context: Pattern | None = None
    confidence: Literal["high", "medium", "low"]
    example: str = ""


class DespinFile(Rule):
    context_reach: int = Field(
        64, ge=1
    )  # characters a context pattern sees either side of its spun form
    detector: Detector
    pair: list[DespinPair] = []


# ---- boilerplate.toml --------------------------------------------------------------


class SpamPhrase(Rule):
    phrase: NonEmpty
    kind: Slug = "injected_spam"


class BoilerplateLine(Rule):
    id: Slug
    kind: Slug
    pattern: Pattern


class BoilerplateFile(Rule):
    spam: list[SpamPhrase] = []
    boilerplate: list[BoilerplateLine] = []


# ---- dates.toml --------------------------------------------------------------------


class Season(Rule):
    name: NonEmpty
    months: list[Annotated[int, Field(ge=1, le=12)]]


class Zodiac(Rule):
    base_year: int
    animals: list[NonEmpty] = Field(min_length=12, max_length=12)


class KnownEvent(Rule):
    keys: list[NonEmpty] = Field(min_length=1)
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")]


class SpringFestival(Rule):
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
    part: list[YearPart] = []
    plans: dict[NonEmpty, Annotated[list[int], Field(min_length=2, max_length=2)]] = {}


class DatesFile(Rule):
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


# ---- units.toml --------------------------------------------------------------------


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


class UnitsFile(Rule):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    scales: dict[str, float]
    currency: list[UnitAliases]
    classifier: list[UnitAliases]
    comparable: list[Comparable] = []
    measure: list[Measure] = []
    noun_units: dict[str, int | str] = {}

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


# ---- qualifiers.toml ---------------------------------------------------------------

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


class NumberWords(Rule):
    """Words around a plain number (see qualifiers.toml [number])."""

    not_after: list[NonEmpty] = []
    articles: list[NonEmpty] = []
    not_near: list[NonEmpty] = []
    list_joints: list[NonEmpty] = Field(min_length=1)
    particles: list[NonEmpty] = []
    ordinal_nouns: list[NonEmpty] = []
    terms: list[NonEmpty] = []


class QualifiersFile(Rule):
    qualifier: list[Qualifier]
    number: NumberWords
    cues: Cues
    multiplier: list[Multiplier] = []
    change: list[Change] = []
    constructs: Constructs
    construct_units: ConstructUnits


# ---- entities.toml -----------------------------------------------------------------

# Entity types: places, then bodies (companies, organisations), then documents.
PLACE_TYPES = frozenset(
    {
        "country",
        "region",
        "province",
        "municipality",
        "autonomous_region",
        "sar",
        "city",
        "district",
    }
)
BODY_TYPES = frozenset({"company", "organisation"})
DOCUMENT_TYPES = frozenset({"report", "list"})

EntityType = Literal[
    "country",
    "region",
    "province",
    "municipality",
    "autonomous_region",
    "sar",
    "city",
    "district",
    "company",
    "organisation",
    "report",
    "list",
]


class Entity(Rule):
    id: Slug
    name: NonEmpty
    type: EntityType
    aliases: list[NonEmpty] = []
    short: list[Annotated[str, StringConstraints(min_length=1, max_length=1)]] = []
    members: list[Slug] = []
    parent: Slug | None = None


class ShortForms(Rule):
    """Where a one-character short form counts (rules/entities.toml [short_forms])."""

    before: list[NonEmpty] = []  # it may stand right before these (粤企, 粤港澳)
    joints: list[NonEmpty] = []  # these join it to another name of a list (粤、浙)


class EntitiesFile(Rule):
    entity: list[Entity]
    short_forms: ShortForms = ShortForms()


# ---- metrics.toml / citations.toml / claims.toml -----------------------------------

Dimension = Literal[
    "amount", "count", "percent", "fraction", "ratio", "rank", "streak", "date", "other"
]


class Metric(Rule):
    id: Slug
    name: NonEmpty
    aliases: list[NonEmpty] = []
    dimension: Dimension
    flow: bool = True
    tolerance: float = Field(default=0.0, ge=0, le=0.5)
    replaces: list[Slug] = []
    # an operator over another metric (a growth rate, a share): a claim names it with the
    # base metric it applies to (营收·增长率); with no base it is bare and matches nothing
    operator: bool = False
    # a rank of another metric (经济总量排名 ranks 地区生产总值): a rank claim naming that
    # metric (总量居全国首位) is a claim of this one
    ranks: Slug | None = None


class MetricsFile(Rule):
    metric: list[Metric]


class SourceGrammar(Rule):
    """The words of the source grammar (rules/citations.toml [grammar])."""

    speech_verbs: list[NonEmpty] = []
    propose_verbs: list[NonEmpty] = []
    show_verbs: list[NonEmpty] = []
    publish_verbs: list[NonEmpty] = []
    lead_ins: list[NonEmpty] = []
    lead_in_verbs: list[NonEmpty] = []
    learned_verbs: list[NonEmpty] = []
    learned_from: list[NonEmpty] = []
    from_data: list[NonEmpty] = []
    data_nouns: list[NonEmpty] = []
    document_refs: list[NonEmpty] = []
    modifiers: list[NonEmpty] = []
    leading: list[NonEmpty] = []
    org_suffixes: list[NonEmpty] = []
    title_suffixes: list[NonEmpty] = []
    venue_open: list[NonEmpty] = []
    venue_close: list[NonEmpty] = []
    time_preps: list[NonEmpty] = []
    month_parts: list[NonEmpty] = []
    not_name_start: list[NonEmpty] = []
    unnamed_openers: list[NonEmpty] = []
    publish_particles: list[NonEmpty] = []


class Jurisdiction(Rule):
    """Which place a source's figures are about (rules/citations.toml [jurisdiction])."""

    national_prefixes: list[NonEmpty] = []
    national_suffixes: list[NonEmpty] = []
    country: Slug | None = None


class CitationsFile(Rule):
    named: list[Pattern]
    vague: list[NonEmpty]
    continuation: list[NonEmpty] = []
    person_titles: list[NonEmpty] = []
    surnames: str = ""
    grammar: SourceGrammar = SourceGrammar()
    jurisdiction: Jurisdiction = Jurisdiction()


class SubjectSettings(Rule):
    named_things_for: list[NonEmpty] = []
    max_quoted: int = Field(default=16, ge=2)
    # a figure whose sentence names no subject, attributed to a body whose name starts with
    # one of national_prefixes or ends with one of national_suffixes (国家能源局, 商务部,
    # 中国汽车工业协会), is the country's (`national`, an entity id)
    national_prefixes: list[NonEmpty] = []
    national_suffixes: list[NonEmpty] = []
    national: Slug | None = None


class ReferenceFigures(Rule):
    """A wider scope's figure given to compare with (rules/claims.toml [reference_figures])."""

    cues: list[NonEmpty] = []
    scopes: list[NonEmpty] = []
    between: list[NonEmpty] = []


class FromTo(Rule):
    """A change told from one figure to another (rules/claims.toml [from_to])."""

    start: list[NonEmpty] = []
    to: list[NonEmpty] = []


class Doers(Rule):
    """A count of the things that do something (rules/claims.toml [doers])."""

    nouns: dict[NonEmpty, list[NonEmpty]] = {}
    verbs: dict[NonEmpty, NonEmpty] = {}
    drop: list[NonEmpty] = []
    not_deeds: list[NonEmpty] = []


class ClaimWords(Rule):
    """The function words claims are read by (rules/claims.toml [words])."""

    of: NonEmpty
    joints: list[NonEmpty]
    item_joints: list[NonEmpty]
    list_labels: list[NonEmpty]
    rhetoric: list[Pattern]
    examples: NonEmpty
    pointing: list[NonEmpty]
    share: NonEmpty
    share_name: NonEmpty
    versus: NonEmpty
    count_name: NonEmpty


class ClaimsFile(Rule):
    clause_marks: list[NonEmpty]
    # a change word right before an amount, or with one of change_joints between
    # (比上年增加221.8万吨, 减少了3.1亿元), makes the amount the change of the metric before
    # it (its operator is `change_operator`)
    change_words: list[NonEmpty] = []
    change_joints: list[NonEmpty] = []
    change_operator: Slug | None = None
    # a whole year with no year of its own (全年) in a document written in the first
    # early_months months of a year is the year before (an annual bulletin of January)
    early_months: int = Field(default=0, ge=0, le=12)
    # words of a part of a year: a title naming one reports on that part, not the year
    part_of_year: list[NonEmpty] = []
    scope_before: list[NonEmpty] = []
    scope_after: list[NonEmpty] = []
    hypothetical: list[NonEmpty] = []
    negation: list[NonEmpty] = []
    vague_before: list[NonEmpty] = []
    question_cues: list[NonEmpty] = []
    respectively: list[NonEmpty] = []
    both: list[NonEmpty] = []
    weak_subjects: list[NonEmpty] = []
    not_subject_types: list[NonEmpty] = []
    apposition: list[NonEmpty] = []
    container_nouns: dict[str, Slug] = {}
    period_links: list[NonEmpty] = []
    subjects: SubjectSettings = SubjectSettings()
    anaphora: dict[NonEmpty, list[NonEmpty]] = {}
    comparison_words: list[NonEmpty] = []
    adverbs: list[NonEmpty] = []
    verbs: list[NonEmpty] = []
    stop_chars: str = ""
    metric_heads: str = ""
    references: list[NonEmpty] = []
    not_shares: list[NonEmpty] = []
    paired: dict[NonEmpty, list[NonEmpty]] = {}
    dateline: Pattern | None = None
    anaphora_types: dict[NonEmpty, list[NonEmpty]] = {}
    kept_words: list[NonEmpty] = []
    named_after: list[NonEmpty] = []
    reference_figures: ReferenceFigures = ReferenceFigures()
    from_to: FromTo = FromTo()
    doers: Doers = Doers()
    words: ClaimWords


# ---- checks.toml -------------------------------------------------------------------

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
    implied_close_months: int = Field(default=12, ge=0)
    event_min_similarity: int = Field(default=70, ge=0, le=100)
    open_bound_factor: float = Field(default=1.1, ge=1.0)
    near_duplicate: float = Field(default=0.8, ge=0, le=1)
    copy_sentence_similarity: int = Field(default=90, ge=0, le=100)
    same_figure_digits: int = Field(default=0, ge=0)
    alias_min_digits: int = Field(default=3, ge=1)
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
    # similarity (0-100) of two equal names that end in no head noun
    unknown_similarity: int = Field(default=80, ge=0, le=100)
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


class ChecksFile(Rule):
    matching: Matching = Matching()
    metric_names: MetricNames = MetricNames()
    statements: Statements = Statements()
    check: list[CheckRule]


# ---- reading.toml ------------------------------------------------------------------


def text_encoding(name: str) -> str:
    """`name` if Python can decode text with it (its canonical name), else ValueError."""
    import codecs

    try:
        b"".decode(name)
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown text encoding {name!r}") from None


Encoding = Annotated[str, AfterValidator(text_encoding)]


class DecodeRules(Rule):
    candidates: list[Encoding]
    encoding: Encoding | None = None  # read every file in this encoding (--encoding)
    max_damaged_share: float = Field(0.15, ge=0, le=1)
    max_nul_share: float = Field(0.01, ge=0, le=1)
    max_undecodable_share: float = Field(0.3, ge=0, le=1)
    min_common_share_wide: float = Field(0.25, ge=0, le=1)


class GarbledRules(Rule):
    frequency_list: NonEmpty
    max_rare_share: float = Field(0.25, ge=0, le=1)
    min_chars: int = Field(20, ge=1)
    sample_chars: int = Field(20000, ge=1)


class WarmUp(Rule):
    """A document analysed before the corpus (rules/reading.toml [warm_up])."""

    text: NonEmpty


class ReadingFile(Rule):
    decode: DecodeRules
    garbled: GarbledRules
    warm_up: WarmUp
    characters: str = ""  # the frequency list's characters, filled in when it is loaded


# ---- messages.<lang>.toml ----------------------------------------------------------

# Every human-facing string of the reports, by key, with the placeholders its template may
# use. Each messages file must define every key (and no other): a missing translation is
# an error at load time, not an English word in a Chinese report.
MESSAGE_KEYS: dict[str, tuple[str, ...]] = {
    "title": (),
    "summary": ("documents", "claims", "findings"),
    "unsourced": ("share", "uncited", "total"),
    "sums": ("consistent", "total"),
    "doc_date": ("date",),
    "doc_date_inferred": ("date",),
    "doc_date_unknown": (),
    "no_repairs": (),
    "col_document": (),
    "col_date": (),
    "col_script": (),
    "col_repairs": (),
    "col_claims": (),
    "sourcing": (),
    "other_kinds": (),
    "uncited_entry": ("figures", "sentences"),
    "vague_entry": ("figures", "sentences"),
    "values_sep": (),
    "list_sep": (),
    "value_at": ("value", "doc", "period"),
    "conflict": ("subject", "metric", "values", "periods"),
    "revision": ("subject", "metric", "values", "periods"),
    "period_drift": ("subject", "metric", "values", "periods"),
    "period_drift_target": ("subject", "metric", "values", "periods"),
    "corroboration": ("subject", "metric", "values", "count", "docs"),
    "source_quality": ("doc", "detail"),
    "why_level": ("level",),
    "why_similarity": ("level", "similarity"),
    "why_periods": ("relation",),
    "why_alias": ("detail",),
    "why_gap": ("gap",),
    "why": (),
    "values": (),
    "more": ("n",),
    "more_findings": ("n",),
    "original": (),
    "repaired": (),
    "all": (),
    "filter_kind": (),
    "filter_severity": (),
    "filter_doc": (),
    "shown": (),
    "internal_sums": (),
    "consistent": (),
    "inconsistent": (),
    "chart_title": ("subject", "metric"),
    "chart_alt": ("subject", "metric", "values"),
    "chart_open": (),
    "overview_title": (),
    "overview_alt": ("rows",),
    "no_period": (),
    "no_findings": (),
    "review_progress": ("n", "total", "decided"),
    "review_keys": (),
    "review_reason": (),
    "review_saved": ("decision", "file"),
    "review_done": ("decided", "total", "file"),
    "review_not_a_terminal": (),
}
# Counted nouns: {n} and the noun, with English "1 figure" and "2 figures".
PLURAL_KEYS = ("documents", "claims", "findings", "figures", "sentences", "sources")


def _message_problems(path: Path, raw: str, messages: MessagesFile) -> list[str]:
    problems: list[str] = []
    where = _show(path)

    def check(table: str, key: str, template: str, allowed: tuple[str, ...]) -> None:
        try:
            template.format(**{name: "x" for name in allowed})
        except (KeyError, IndexError, ValueError) as exc:
            line = _line_of(raw, f"{key} =")
            problems.append(
                f'{where}:{line}: [{table}] "{key}": unknown placeholder or bad format: {exc} '
                f"(placeholders: {', '.join(allowed) or 'none'})"
            )

    for key in sorted(set(MESSAGE_KEYS) - set(messages.text)):
        problems.append(f'{where}: [text]: missing message "{key}"')
    for key in sorted(set(messages.text) - set(MESSAGE_KEYS)):
        problems.append(f'{where}:{_line_of(raw, key + " =")}: [text] "{key}": unknown message')
    for key, template in messages.text.items():
        check("text", key, template, MESSAGE_KEYS.get(key, ()))
    for key in sorted(set(PLURAL_KEYS) - set(messages.plural)):
        problems.append(f'{where}: [plural]: missing counted noun "{key}"')
    for key, forms in messages.plural.items():
        if key not in PLURAL_KEYS:
            problems.append(f'{where}:{_line_of(raw, key + " =")}: [plural] "{key}": unknown noun')
        for form in (forms.one, forms.other):
            if form is not None:
                check("plural", key, form, ("n",))
    return problems


class PluralForms(Rule):
    one: str | None = None  # languages without a singular form leave it out
    other: str


class MessagesFile(Rule):
    """The words of the human-facing reports in one language (`rules/messages.<lang>.toml`)."""

    lang: Literal["en", "zh"]
    text: dict[str, str]
    plural: dict[str, PluralForms]
    # names of finding kinds, severities, scripts, repairs, decisions, matching levels and
    # period relations; a value without a name here is shown as it is
    label: dict[Slug, dict[str, str]] = {}
    explain: dict[Slug, str] = {}  # `crosscheck explain CHECK` texts; English is the docstring


LANGUAGES = ("en", "zh")

FILES: dict[str, type[Rule]] = {
    "despin.toml": DespinFile,
    "boilerplate.toml": BoilerplateFile,
    "dates.toml": DatesFile,
    "units.toml": UnitsFile,
    "qualifiers.toml": QualifiersFile,
    "entities.toml": EntitiesFile,
    "metrics.toml": MetricsFile,
    "citations.toml": CitationsFile,
    "claims.toml": ClaimsFile,
    "checks.toml": ChecksFile,
    "reading.toml": ReadingFile,
    **{f"messages.{lang}.toml": MessagesFile for lang in LANGUAGES},
}


class Ruleset(Rule):
    """All rules, validated; built once per run and passed to every stage."""

    source: str
    despin: DespinFile
    boilerplate: BoilerplateFile
    dates: DatesFile
    units: UnitsFile
    qualifiers: QualifiersFile
    entities: EntitiesFile
    metrics: MetricsFile
    citations: CitationsFile
    claims: ClaimsFile
    checks: ChecksFile
    reading: ReadingFile
    messages: dict[str, MessagesFile]

    def check(self, kind: str) -> CheckRule:
        return next(c for c in self.checks.check if c.id == kind)

    def fingerprint(self) -> str:
        import hashlib

        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]


def with_encoding(rules: Ruleset, encoding: str | None) -> Ruleset:
    """The rules with every file read in `encoding` (None: as the rules say)."""
    if encoding is None:
        return rules
    decode = rules.reading.decode.model_copy(update={"encoding": text_encoding(encoding)})
    reading = rules.reading.model_copy(update={"decode": decode})
    return rules.model_copy(update={"reading": reading})


def default_rules_dir() -> Path:
    """The rules shipped with the package (`rules/` at the top of the repository)."""
    return package_folder("rules")


def package_folder(name: str) -> Path:
    """A data folder shipped with the package: `rules` or `seeds`.

    Inside an installed wheel it is a folder of the package (`checker/rules`); in a
    checkout of the repository it is the top-level folder beside `checker/`, where people
    read and edit it. Both are packages (`checker.rules`, `checker.seeds`) in pyproject.toml.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / name, here.parent / name):
        if (candidate / "__init__.py").is_file():
            return candidate
    raise RuleFileError([f"error: the package's {name} folder is missing (reinstall crosscheck)"])


def load_ruleset(directory: Path | None = None) -> Ruleset:
    directory = directory or default_rules_dir()
    if not directory.is_dir():
        raise RuleFileError([f"error: rules folder not found: {directory}"])
    problems: list[str] = []
    loaded: dict[str, Rule] = {}
    for path in sorted(directory.glob("*.toml")):
        if path.name not in FILES:
            problems.append(f"{_show(path)}: unknown rules file (known: {', '.join(FILES)})")
            continue
        model = _load_file(path, FILES[path.name], problems)
        if model is not None:
            loaded[path.name] = model
    for name in FILES:
        if not (directory / name).exists():
            problems.append(f"{_show(directory / name)}: missing rules file")
    units = loaded.get("units.toml")
    if isinstance(units, UnitsFile):  # checked on its own, so its problems come with the rest
        problems += _unit_problems(directory / "units.toml", units)
    metrics = loaded.get("metrics.toml")
    if isinstance(metrics, MetricsFile):
        problems += _rank_problems(directory / "metrics.toml", metrics)
    if not problems:
        problems += _cross_check(directory, loaded)
    if not problems:
        loaded["reading.toml"] = _with_frequency_list(directory, loaded["reading.toml"], problems)
    if problems:
        raise RuleFileError(problems)
    return Ruleset(
        source=str(directory),
        despin=loaded["despin.toml"],  # type: ignore[arg-type]
        boilerplate=loaded["boilerplate.toml"],  # type: ignore[arg-type]
        dates=loaded["dates.toml"],  # type: ignore[arg-type]
        units=loaded["units.toml"],  # type: ignore[arg-type]
        qualifiers=loaded["qualifiers.toml"],  # type: ignore[arg-type]
        entities=loaded["entities.toml"],  # type: ignore[arg-type]
        metrics=loaded["metrics.toml"],  # type: ignore[arg-type]
        citations=loaded["citations.toml"],  # type: ignore[arg-type]
        claims=loaded["claims.toml"],  # type: ignore[arg-type]
        checks=loaded["checks.toml"],  # type: ignore[arg-type]
        reading=loaded["reading.toml"],  # type: ignore[arg-type]
        messages={lang: loaded[f"messages.{lang}.toml"] for lang in LANGUAGES},  # type: ignore[misc]
    )


HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def _with_frequency_list(directory: Path, reading: Rule, problems: list[str]) -> Rule:
    """reading.toml with the characters of its frequency list (one Han character a line;
    `#` comments and blank lines skipped), each bad line reported with its number."""
    assert isinstance(reading, ReadingFile)
    path = directory / reading.garbled.frequency_list
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{_show(path)}: frequency list not readable ({exc})")
        return reading
    seen: set[str] = set()
    for n, line in enumerate(raw.splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if not HAN_CHAR.fullmatch(entry):
            problems.append(f"{_show(path)}:{n}: {entry!r} is not one Chinese character")
        elif entry in seen:
            problems.append(f"{_show(path)}:{n}: {entry!r} is listed twice")
        seen.add(entry)
    return reading.model_copy(update={"characters": "".join(sorted(seen))})


def _cross_check(directory: Path, loaded: dict[str, Rule]) -> list[str]:
    """Checks that span entries: ids unique, aliases owned once, references resolve."""
    problems: list[str] = []
    path = directory / "entities.toml"
    raw = path.read_text(encoding="utf-8")
    entities: list[Entity] = loaded["entities.toml"].entity  # type: ignore[attr-defined]
    ids = {e.id for e in entities}
    owner: dict[str, str] = {}
    seen: set[str] = set()
    for e in entities:
        line = _line_of(raw, 'id = "' + e.id + '"')
        where = f'{_show(path)}:{line}: entity "{e.id}"'
        if e.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(e.id)
        for alias in [e.name, *e.aliases, *e.short]:
            if owner.setdefault(alias, e.id) != e.id:
                problems.append(
                    f'{where}: "{alias}" is already a name or alias of entity "{owner[alias]}"'
                )
        for ref in [*e.members, *([e.parent] if e.parent else [])]:
            if ref not in ids:
                problems.append(f'{where}: unknown entity id "{ref}" in members or parent')
    problems += _unique_names(directory / "metrics.toml", "metric", loaded["metrics.toml"].metric)  # type: ignore[attr-defined]
    for lang in LANGUAGES:
        path = directory / f"messages.{lang}.toml"
        messages: MessagesFile = loaded[path.name]  # type: ignore[assignment]
        text = path.read_text(encoding="utf-8")
        if messages.lang != lang:
            problems.append(
                f'{_show(path)}:{_line_of(text, "lang =")}: lang "{messages.lang}" '
                f'in the file for "{lang}"'
            )
        problems += _message_problems(path, text, messages)
    return problems


def _rank_problems(path: Path, metrics: MetricsFile) -> list[str]:
    """A metric's `ranks` names another metric, which no other metric ranks."""
    raw = path.read_text(encoding="utf-8")
    ids = {m.id for m in metrics.metric}
    ranked: dict[str, str] = {}
    problems: list[str] = []
    for m in metrics.metric:
        if m.ranks is None:
            continue
        line = _line_of(raw, 'ranks = "' + m.ranks + '"')
        where = f'{_show(path)}:{line}: metric "{m.id}"'
        if m.ranks not in ids or m.ranks == m.id:
            problems.append(f'{where}: ranks unknown metric "{m.ranks}"')
        elif ranked.setdefault(m.ranks, m.id) != m.id:
            problems.append(f'{where}: "{m.ranks}" is already ranked by "{ranked[m.ranks]}"')
    return problems


def _unit_problems(path: Path, units: UnitsFile) -> list[str]:
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
                where = f"{_show(path)}:{_line_of(raw[entry:], chr(34) + word + chr(34)) + raw.count(chr(10), 0, entry)}"
                problems.append(
                    f'{where}: unit "{e.unit}": "{word}" is already a word of unit "{owner[word]}"'
                )
    counted = {c.unit for c in units.classifier}
    grouped: dict[str, int] = {}
    for i, group in enumerate(units.comparable):
        where = f"{_show(path)}:{_line_of(raw, 'units = [' + chr(34) + group.units[0])}"
        for unit in group.units:
            if unit not in counted:
                problems.append(f'{where}: comparable #{i + 1}: "{unit}" is not a classifier unit')
            elif grouped.setdefault(unit, i) != i:
                problems.append(
                    f'{where}: comparable #{i + 1}: "{unit}" is already in comparable '
                    f"#{grouped[unit] + 1}"
                )
    for noun, unit in units.noun_unit_map().items():
        if unit not in units.dimensions:
            where = f"{_show(path)}:{_line_of(raw, chr(34) + noun + chr(34))}"
            problems.append(f'{where}: noun_units "{noun}": unknown unit "{unit}"')
    return problems


def _unique_names(path: Path, table: str, items: list[Metric]) -> list[str]:
    raw = path.read_text(encoding="utf-8")
    problems: list[str] = []
    owner: dict[str, str] = {}
    seen: set[str] = set()
    for item in items:
        where = f'{_show(path)}:{_line_of(raw, chr(34) + item.id + chr(34))}: {table} "{item.id}"'
        if item.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(item.id)
        for alias in [item.name, *item.aliases]:
            if owner.setdefault(alias, item.id) != item.id:
                problems.append(
                    f'{where}: "{alias}" is already a name or alias of {table} "{owner[alias]}"'
                )
    return problems


def _line_of(raw: str, needle: str) -> int:
    at = raw.find(needle)
    return raw.count("\n", 0, at) + 1 if at >= 0 else 0


def _load_file(path: Path, model: type[Rule], problems: list[str]) -> Rule | None:
    raw = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{_show(path)}: not valid TOML: {exc}")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(_describe(path, raw, data, err))
        return None


def _describe(path: Path, raw: str, data: dict[str, Any], err: Any) -> str:
    loc = list(err["loc"])
    line = _find_line(raw, data, loc)
    entry = _entry_label(data, loc)
    field = ".".join(str(p) for p in loc[2:] if not isinstance(p, int)) or str(loc[-1])
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = f'unknown field "{loc[-1]}"'
        field = ""
    where = f"{_show(path)}:{line}" if line else _show(path)
    return f"{where}: {entry}{' → ' + field if field else ''}: {msg}"


def _entry_label(data: dict[str, Any], loc: list[Any]) -> str:
    if len(loc) >= 2 and isinstance(loc[1], int):
        table = data.get(loc[0], [])
        item = table[loc[1]] if loc[1] < len(table) else {}
        name = next((item[k] for k in ("id", "spun", "phrase", "name") if k in item), None)
        label = f"{loc[0]} #{loc[1] + 1}"
        return f'{label} "{name}"' if name else label
    return f"[{loc[0]}]" if loc else "file"


def _find_line(raw: str, data: dict[str, Any], loc: list[Any]) -> int | None:
    """tomllib gives no line numbers: find the entry's header (`[[metric]]` number n, or a
    nested `[[periods.part]]`, or `[zodiac]`), then the field under it."""
    lines = raw.splitlines()
    if not loc:
        return None
    names = list(itertools.takewhile(lambda p: isinstance(p, str), loc))
    rest = loc[len(names) :]
    table = ".".join(str(n) for n in names)
    headers = [i for i, l in enumerate(lines) if _header(l) == f"[[{table}]]"]
    if rest and isinstance(rest[0], int) and headers:  # else an item of an inline array
        if rest[0] >= len(headers):
            return None
        start = headers[rest[0]]
        end = headers[rest[0] + 1] if rest[0] + 1 < len(headers) else len(lines)
        key = next((str(p) for p in rest[1:] if isinstance(p, str)), None)
    else:
        start, end, key = 0, len(lines), str(loc[0])
        for n in range(len(names), 0, -1):
            heads = [i for i, l in enumerate(lines) if _header(l) == f"[{'.'.join(names[:n])}]"]
            if heads:
                start, end = heads[0], len(lines)
                key = next((str(p) for p in loc[n:] if isinstance(p, str)), None)
                break
    if key:
        for i in range(start, end):
            if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
                return i + 1
    return start + 1


def _header(line: str) -> str:
    """A line as a table header would read, without its comment ([constructs.rank]  # …)."""
    return line.partition("#")[0].strip()


def _show(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
