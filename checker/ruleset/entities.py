"""entities.toml: places, bodies and documents with their names and short forms."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from checker.ruleset.base import NonEmpty, Rule, Slug

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
    # names that are also common words (苹果, 荣耀): they name the entity only in a document
    # that names it otherwise too, or names enough others of its type ([common_words])
    common_words: list[NonEmpty] = []
    members: list[Slug] = []
    parent: Slug | None = None


class ShortForms(Rule):
    """Where a one-character short form counts (rules/entities.toml [short_forms])."""

    before: list[NonEmpty] = []  # it may stand right before these (粤企, 粤港澳)
    joints: list[NonEmpty] = []  # these join it to another name of a list (粤、浙)


class CommonWords(Rule):
    """When a name that is also a common word names its entity (rules/entities.toml
    [common_words]): in a document that names `peers` other entities of its type, one of
    them by a name that is no common word (苹果 beside 华为 and 小米), or names the entity
    by another of its names."""

    peers: int = Field(default=2, ge=1)


class OpenNames(Rule):
    """Organisations the list does not hold, found by how their names end (rules/
    entities.toml [open_names]): a few Han characters before a suffix."""

    suffixes: list[NonEmpty] = []  # how such a name ends (集团, 咨询)
    trades: list[NonEmpty] = []  # suffixes that are also trades' names (食品, 家居)
    trade_not_before: list[NonEmpty] = []  # …the trade itself before these (食品出口)
    industries: list[NonEmpty] = []  # an industry that may stand before the suffix (钢铁集团)
    generic: list[NonEmpty] = []  # suffixes left out of the name that identifies it
    before: list[NonEmpty] = []  # words a name may follow (据, 年)
    not_names: list[NonEmpty] = []  # words that make the characters no name (上市, 该)
    not_inside: list[NonEmpty] = []  # …and words that do anywhere in them (全球)
    abbreviations: dict[NonEmpty, NonEmpty] = {}  # a suffix, and its short form (财产保险: 财险)
    shortest: int = Field(default=2, ge=1)
    longest: int = Field(default=4, ge=1)
    type: NonEmpty = "company"
    # suffixes of bodies that publish figures about others (咨询, 研究院): their type
    sources: list[NonEmpty] = []
    source_type: NonEmpty = "organisation"


class ScopeAsides(Rule):
    """A bracket right after a place that names another (广东（含深圳）, 广东（不含深圳）): the
    words that open it, saying the other place is inside the first's figures or left out."""

    including: list[NonEmpty] = []  # (含深圳): the first place's own figures, the other no subject
    excluding: list[NonEmpty] = []  # (不含深圳): a part of the first place, a subject of its own


class EntitiesFile(Rule):
    entity: list[Entity]
    scope_asides: ScopeAsides = ScopeAsides()
    short_forms: ShortForms = ShortForms()
    common_words: CommonWords = CommonWords()
    open_names: OpenNames = OpenNames()
