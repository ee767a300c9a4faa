"""citations.toml: the patterns and the grammar of sources."""

from __future__ import annotations

from pydantic import Field

from checker.ruleset.base import NonEmpty, Pattern, Rule, Slug


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
    # a line that opens with one of these and a colon (数据来源：国家统计局) names the source
    # of the figures before it, back to `note_reach` sentences of the lines above it
    notes: list[NonEmpty] = []
    note_reach: int = Field(default=20, ge=0)
    person_titles: list[NonEmpty] = []
    surnames: str = ""
    grammar: SourceGrammar = SourceGrammar()
    jurisdiction: Jurisdiction = Jurisdiction()
