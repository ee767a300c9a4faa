"""Atoms: the smallest shared pieces of the number grammar, with no logic of their own.

The regular-expression atoms of a number, the record of a construct and the shape of the
grammar a construct's builder reads (`QuantityGrammar`, which
`checker.mentions.quantities.Grammar` fulfils). The mentions modules import in one
direction: atoms, then grammar, then constructs and patterns, then quantities.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

from checker.mentions.numerals import CHINESE_NUMERAL, DIGIT_CHARS, FEW, MINUS, POINT, SOME
from checker.models import Quantity
from checker.ruleset import Ruleset

# 1千2百万, 3万5千, 100万三千: digits in Chinese places (a Chinese tail has a place: never 5亿一)
MIXED = r"\d+[十百千万亿](?:零?(?:\d+|[一二三四五六七八九][十百千][零一二三四五六七八九十百千]*)[十百千万亿]?)+"
AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
# 负三点五; 几十, 数十, 十几, 二十几: numerals naming a range
CN = (
    f"(?:[{FEW}][十百千]+|(?:[一二三四五六七八九]?[十百]|十){SOME}"
    f"|{MINUS}?[{CHINESE_NUMERAL}]+(?:{POINT}(?:[{DIGIT_CHARS}]+|\\d+))?)"
)
NUM = f"(?:{MIXED}|{AR}|{CN})"
ENDS = "，,。;；:：!！?？"


class QuantityGrammar(Protocol):
    """What a construct's builder and the construct table read of the compiled grammar."""

    @property
    def rules(self) -> Ruleset: ...

    @property
    def units(self) -> dict[str, tuple[str, str]]: ...

    @property
    def scales(self) -> dict[str, float]: ...

    @property
    def bounds(self) -> dict[tuple[str, str], str]: ...

    @property
    def multiplier_modes(self) -> dict[str, str]: ...

    @property
    def more_words(self) -> list[str]: ...

    @property
    def after_words(self) -> str: ...

    def words(self, position: str, skip: tuple[str, ...] = ()) -> str: ...

    def starts(self, *more: str) -> str: ...

    def noun_unit(self, text: str, at: int, window: int | None = None) -> str | None: ...


# A builder reads the match, its sentence and the grammar: a `QuantityGrammar` for the
# table's builders; the generic construct's builder (`checker.mentions.quantity_generic`)
# takes the concrete `QuantityRules`, which a callable over the protocol would refuse
# (parameters are contravariant).
Builder = Callable[[re.Match[str], str, Any], Quantity | None]


class Construct(NamedTuple):
    name: str
    pattern: re.Pattern[str]
    build: Builder
    triggers: tuple[str, ...]  # the sentence must hold one of these; () means always tried
