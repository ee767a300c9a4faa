"""Aligning the sentences of copies (reprints, syndication), so that a reprint that
changed a figure is found whatever the claim records say.

A sentence is reduced to its template: Simplified script, pinyin annotations and white
space dropped, every run of numerals (Arabic or Chinese, with 万/亿, the numerals the
rules add and a written-out percent such as 百分之六十, or %) replaced by one `#`. Two documents of one copy family align the sentences whose
templates are equal, then those whose templates are at least `copy_sentence_similarity`
alike (rapidfuzz ratio); a template that occurs twice in a document is left out. The
claims of aligned sentences pair up in order when both sentences hold the same number of
claims, and each pair is compared as values: surface variants (80万 = 八十万, 1.7万亿 =
17000亿, 60% = 百分之六十, 萬 = 万) read the same and agree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import opencc
from rapidfuzz import fuzz, process

from checker.mentions.grammar import alt, chars
from checker.models import Claim

DIGITS = "0-9０-９零〇一二两三四五六七八九十百千万亿"  # inside a character class
PINYIN = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")
MIN_TEMPLATE = 6  # shorter templates (同比增长#) align too easily


@dataclass(frozen=True)
class Aligned:
    a: Claim
    b: Claim
    similarity: float  # of the two sentences' templates, 0-1


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("tw2s")


def numeral_runs(percent_words: Sequence[str], numerals: Sequence[str]) -> re.Pattern[str]:
    """A run of numerals in a sentence: digits, the Chinese numerals to 亿 and `numerals`
    (rules/checks.toml [matching] copy_numerals), with the separators between them, led
    by one of `percent_words` (百分之, rules/qualifiers.toml [constructs.percent_of]) or
    followed by a percent or per-mille sign."""
    digits = DIGITS + chars(numerals)
    percent = f"(?:{alt(percent_words)})?" if percent_words else ""
    return re.compile(rf"{percent}[{digits}.．,，、]*[{digits}]+[%％‰]?")


@cache
def template(sentence: str, numerals: re.Pattern[str]) -> str:
    """The sentence in Simplified script without pinyin annotations or white space, each
    run of `numerals` (see `numeral_runs`) one `#`."""
    text = PINYIN.sub("", str(_to_simplified().convert(sentence)))
    return numerals.sub("#", "".join(text.split()))


def _sentences(claims: Iterable[Claim], numerals: re.Pattern[str]) -> dict[str, list[Claim]]:
    """Claims by sentence template, templates that occur in two sentences left out."""
    by_quote: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_quote[c.quote].append(c)
    by_template: dict[str, list[list[Claim]]] = defaultdict(list)
    for quote, members in by_quote.items():
        by_template[template(quote, numerals)].append(sorted(members, key=lambda c: c.span))
    return {
        t: lists[0]
        for t, lists in by_template.items()
        if len(lists) == 1 and len(t.replace("#", "")) >= MIN_TEMPLATE
    }


def align_sentences(
    a: Iterable[Claim], b: Iterable[Claim], cutoff: float, numerals: re.Pattern[str]
) -> list[tuple[list[Claim], list[Claim], float]]:
    """Sentences of `a` and `b` that are the same sentence, with their claims."""
    sa, sb = _sentences(a, numerals), _sentences(b, numerals)
    pairs = [(sa[t], sb[t], 1.0) for t in sorted(sa.keys() & sb.keys())]
    rest_b = sorted(sb.keys() - sa.keys())
    for t in sorted(sa.keys() - sb.keys()):
        if not rest_b:
            break
        hit = process.extractOne(t, rest_b, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff)
        if hit is not None:
            pairs.append((sa[t], sb[hit[0]], round(hit[1] / 100, 3)))
            rest_b.remove(hit[0])
    return pairs


def aligned_claims(
    a: Iterable[Claim], b: Iterable[Claim], cutoff: float, numerals: re.Pattern[str]
) -> list[Aligned]:
    """Claims of `a` and `b` that state the figure in one place of the same sentence
    (`numerals`: the runs of numerals masked, see `numeral_runs`)."""
    out = []
    for ca, cb, similarity in align_sentences(a, b, cutoff, numerals):
        if len(ca) != len(cb):
            continue
        out += [
            Aligned(x, y, similarity)
            for x, y in zip(ca, cb, strict=True)
            if (x.kind, x.unit) == (y.kind, y.unit)
        ]
    return out
