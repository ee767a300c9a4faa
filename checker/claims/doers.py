"""Counts of doers (30个省份把…写进…): named by what they do and what they are."""

from __future__ import annotations

import re

from checker.claims.context import Context, clause_of
from checker.claims.phrases import PARENTHESIS
from checker.models import Quantity, Ref, Sentence


def doers_of(ctx: Context, s: Sentence, q: Quantity) -> Ref | None:
    """全国已有30个省(区、市)把低空经济写进政府工作报告: a count of the things that do
    something is named by what they do and what they are (低空经济写入政府工作报告的省份数),
    in the words of rules/claims.toml [doers]. Its `text` is the rest of the clause, the
    deed: a period inside it (写进2025年省政府工作报告) dates what is done, not the count."""
    if q.kind != "count":
        return None
    key = (q.start, q.end)
    if key not in ctx.deeds:
        ctx.deeds[key] = _find_doers(ctx, s, q, clause_of(ctx, s, q))
    return ctx.deeds[key]


def _find_doers(ctx: Context, s: Sentence, q: Quantity, clause: tuple[int, int]) -> Ref | None:
    rules = ctx.tools.rules.claims.doers
    text = ctx.norm.text
    if not rules.nouns:
        return None
    rest = list(text[q.end : clause[1]])
    for p in ctx.mentions[s.index].periods:  # 写进2025年省政府工作报告: the year is the period
        if q.end <= p.start and p.end <= clause[1]:
            rest[p.start - q.end : p.end - q.end] = " " * (p.end - p.start)
    span = PARENTHESIS.sub("", "".join(rest)).replace(" ", "")
    noun = next((n for n in ctx.tools.doer_nouns if span.startswith(n)), None)
    if noun is None:
        return None
    words = [t for t in ctx.tools.cut(span[len(noun) :]) if t not in rules.drop]
    deed = "".join(words)
    for said, word in rules.verbs.items():
        deed = deed.replace(said, word)
    if (
        len(deed) < 4
        or not re.fullmatch(r"[\u4e00-\u9fff]+", deed)
        or deed.startswith(tuple(rules.not_deeds))
    ):
        return None
    grammar = ctx.tools.words
    name = f"{deed}{grammar.of}{ctx.tools.doer_nouns[noun]}{grammar.count_name}"
    return Ref(id=None, name=name, text=text[q.end : clause[1]])
