"""Quantities: every number expression of a sentence as an interval in a base unit.

Constructs are regular expressions built from rules/units.toml and rules/qualifiers.toml
(see `checker.mentions.constructs`); the generic one reads a number with its scale, unit,
qualifiers and range. Each construct proposes candidates; longer candidates claim
characters first. Passes over the sentence then give changes their sign (下降4.5% is
−4.5%), carry shared qualifiers and units across lists (分别超过90%和80%; 12.2万、10.6万件)
and drop numbers that stay without a unit. Numbers are never taken from jieba tokens.
The compiled tables are `checker.mentions.quantity_rules`'s, the generic construct
`quantity_generic`'s, the passes `quantity_lists`' and `quantity_units`'.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial

from checker.memo import remembered
from checker.mentions.atoms import Construct
from checker.mentions.grammar import TriggerWords
from checker.mentions.patterns import construct_table
from checker.mentions.quantity_generic import read_generic
from checker.mentions.quantity_lists import (
    approx_of,
    carry_qualifiers,
    carry_units,
    fall_sizes,
    points_lists,
    resolve_references,
    sign_changes,
)
from checker.mentions.quantity_rules import QuantityRules
from checker.mentions.quantity_units import bounds_pair, compound_durations, in_base, per_area
from checker.models import Quantity, moved


@dataclass
class Grammar(QuantityRules):
    """The compiled tables and the constructs built on them (the generic one last)."""

    @cached_property
    def constructs(self) -> list[Construct]:
        return [*construct_table(self), Construct("generic", self.generic, read_generic, ())]

    @cached_property
    def triggers(self) -> TriggerWords:
        return TriggerWords(c.triggers for c in self.constructs)

    @cached_property
    def read(self) -> Callable[[str, str | None], list[Quantity]]:
        """The quantities of a sentence (its text, its heading's unit), with offsets into
        the sentence: remembered for sentences read before."""
        return remembered(partial(_read, grammar=self))


# ---- extraction --------------------------------------------------------------------


def extract_quantities(
    text: str, start: int, end: int, grammar: Grammar, heading: str | None = None
) -> list[Quantity]:
    """Quantities of the sentence `text[start:end]`, with offsets into `text`; `heading`,
    the unit its list's heading names for bare numbers. The reading depends on nothing
    but the sentence's text and `heading`, so a sentence read before is not read again."""
    sentence = text[start:end]
    found = grammar.read(sentence, heading)
    return [moved(q, start) for q in found]


def _read(sentence: str, heading: str | None, grammar: Grammar) -> list[Quantity]:
    found = _candidates(sentence, grammar)
    found = sign_changes(sentence, found, grammar)
    found = approx_of(sentence, found, grammar)
    found = carry_qualifiers(sentence, found, grammar)
    found = carry_units(sentence, found, grammar, heading)
    found = resolve_references(sentence, found)
    found = compound_durations(sentence, found, grammar)
    found = bounds_pair(sentence, found)
    found = points_lists(sentence, found, grammar)
    found = fall_sizes(sentence, found, grammar)
    found = per_area(sentence, found, grammar)
    return [in_base(q, grammar) for q in found]


def _candidates(sentence: str, g: Grammar) -> list[Quantity]:
    cands: list[tuple[int, int, int, Quantity]] = []
    for order in g.triggers.tried(sentence):  # those built on a word that is here
        construct = g.constructs[order]
        pos = 0
        while m := construct.pattern.search(sentence, pos):
            q = construct.build(m, sentence, g) if m.end() > m.start() else None
            if q is not None:
                cands.append((q.start, q.end, order, q))
            # a figure that ends early (从14%到18%: 14%) leaves the rest to be read again
            pos = q.end if q is not None and q.start < q.end < m.end() else m.end()
            pos += pos == m.start()
    taken = bytearray(len(sentence))
    for term in g.number.terms:  # 三次产业, 零部件: no figure inside
        at = sentence.find(term)
        while at >= 0:
            taken[at : at + len(term)] = b"\x01" * len(term)
            at = sentence.find(term, at + 1)
    kept: list[Quantity] = []
    for s, e, _, q in sorted(cands, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        kept.append(q)
    return sorted(kept, key=lambda q: q.start)
