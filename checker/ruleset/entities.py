"""entities.toml: places, bodies and documents with their names and short forms."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import StringConstraints

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
    members: list[Slug] = []
    parent: Slug | None = None


class ShortForms(Rule):
    """Where a one-character short form counts (rules/entities.toml [short_forms])."""

    before: list[NonEmpty] = []  # it may stand right before these (粤企, 粤港澳)
    joints: list[NonEmpty] = []  # these join it to another name of a list (粤、浙)


class EntitiesFile(Rule):
    entity: list[Entity]
    short_forms: ShortForms = ShortForms()
