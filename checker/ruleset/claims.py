"""claims.toml: the words claims are read by."""

from __future__ import annotations

from pydantic import Field

from checker.ruleset.base import NonEmpty, Pattern, Rule, Slug


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
    # (比上年增加31.6万吨, 减少了3.1亿元), makes the amount the change of the metric before
    # it (its operator is `change_operator`)
    change_words: list[NonEmpty] = []
    # a clause opening with one of these restates the figure before it in other units
    # (折合每亩390公斤, 约合1.4亿吨): the same metric as the sentence's last one
    restated_by: list[NonEmpty] = []
    # a figure that opens the clause after one of these, with the words before it since
    # its line or clause began as a short label (床位总数：1052万张), is named by that label
    label_marks: list[NonEmpty] = []
    # words of an average (日均, 人均): a name of nothing but one is still a name of its own
    averages: list[NonEmpty] = []
    rank_peers: list[NonEmpty] = []
    split_words: dict[NonEmpty, list[NonEmpty]] = {}
    reckoned: list[NonEmpty] = []
    reckoned_name: str = ""
    share_of_whole: list[NonEmpty] = []
    share_names: list[NonEmpty] = []
    inside_words: list[
        NonEmpty
    ] = []  # 营业收入当中: a figure's noun, and what holds parts  # a whole right before one of these is a share's (全球占比)
    label_length: int = Field(default=16, ge=2)
    # a name of at most this many characters with no head word, after a figure of its kind
    # whose name has one, takes that head (稻谷产量812万吨，小麦355万吨: 小麦产量)
    listed_name_length: int = Field(default=4, ge=0)
    change_joints: list[NonEmpty] = []
    change_operator: Slug | None = None
    # a whole year with no year of its own (全年) in a document written in the first
    # early_months months of a year is the year before (an annual bulletin of January)
    early_months: int = Field(default=0, ge=0, le=12)

    scope_before: list[NonEmpty] = []
    scope_after: list[NonEmpty] = []
    hypothetical: list[NonEmpty] = []
    gap_words: list[NonEmpty] = []  # 时隔十年: the gap before an event, no figure
    negation: list[NonEmpty] = []
    vague_before: list[NonEmpty] = []
    question_cues: list[NonEmpty] = []
    question_marks: list[NonEmpty] = []
    list_item_marks: list[NonEmpty] = []
    respectively: list[NonEmpty] = []
    both: list[NonEmpty] = []
    weak_subjects: list[NonEmpty] = []
    not_subject_types: list[NonEmpty] = []
    apposition: list[NonEmpty] = []
    container_nouns: dict[str, Slug] = {}
    period_links: list[NonEmpty] = []
    subjects: SubjectSettings = SubjectSettings()
    anaphora: dict[NonEmpty, list[NonEmpty]] = {}
    metric_anaphora: dict[NonEmpty, int] = {}
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
