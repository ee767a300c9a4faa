"""despin.toml and boilerplate.toml: the words the repair stage undoes or removes."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from checker.ruleset.base import NonEmpty, Pattern, Rule, Slug


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
