"""A stated total against the parts listed before it: in one document, a figure told as the
total of N things (三省合计, 前五名合计, 两家合计) and the N figures of the same kind, unit
and time the document gives just before it, whose sum the total must hold. Shares add up
only when every part and the total are shares (占比); growth rates never do."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import opencc

from checker.checks.internal import SUMMABLE, to_simplified
from checker.checks.prepared import CheckInput
from checker.mentions.grammar import NOTHING, alt
from checker.mentions.numerals import CHINESE_NUMERAL, chinese_to_int
from checker.models import Claim

REACH = 12  # the most lines back a listed part may stand from its total


def totals_not_adding_up(inp: CheckInput) -> Iterator[tuple[Claim, list[Claim], float, float]]:
    """(total, parts, sum's low end, sum's high end) for each total of a document that its
    listed parts do not add up to."""
    words = inp.rules.checks.totals
    if not words.words:
        return
    told = _told(tuple(words.before), tuple(words.counted), tuple(words.words))
    physical = inp.rules.units.physical
    cues = _cues(tuple(words.words))
    for e in inp.extractions:
        claims = sorted(e.claims, key=lambda c: c.span)
        for i, total in enumerate(claims):
            n = _told_count(told, total, cues)
            if n is None or n < 2 or not _summable(total, physical, words.shares):
                continue  # 零售额合计 (零 is no count), 1-5月合计: no total of listed things
            parts = _parts(claims[:i], total, n)
            if len(parts) != n:
                continue
            lo = sum(inp.matcher.comparable(p)[0] for p in parts)
            hi = sum(inp.matcher.comparable(p)[1] for p in parts)
            t_lo, t_hi = inp.matcher.comparable(total)
            if hi < t_lo or lo > t_hi:
                yield total, parts, lo, hi


@cache
def _told(
    before: tuple[str, ...], counted: tuple[str, ...], words: tuple[str, ...]
) -> re.Pattern[str]:
    """三省合计, 前五名合计: a count with a word before or after it, then a total word
    (built once, not for every document)."""
    count = rf"(?<![\d{CHINESE_NUMERAL}])(?P<n>[{CHINESE_NUMERAL}]{{1,3}}|\d{{1,2}})(?![\d.])"
    pre, post = alt(before) or NOTHING, alt(counted) or NOTHING
    return re.compile(
        rf"(?P<pre>{pre})?{count}(?P<post>{post})?[^，,。；;：:]{{0,4}}?(?:{alt(words)})"
    )


@cache
def _cues(words: tuple[str, ...]) -> tuple[str, ...]:
    """The total words in both scripts (合计, 合計)."""
    to_trad = opencc.OpenCC("s2tw")
    return tuple(sorted({f for w in words for f in (w, to_trad.convert(w))}))


def _told_count(told: re.Pattern[str], total: Claim, cues: tuple[str, ...]) -> int | None:
    """How many parts the words right before the total's figure say it adds (三省合计: 3);
    `cues`, the total words in either script, tried first on the quote as written."""
    if not any(w in total.quote for w in cues):
        return None
    quote = to_simplified().convert(total.quote)
    value = to_simplified().convert(total.value.text)
    at = quote.find(value)
    if at < 0:
        return None
    before = quote[max(0, at - 16) : at]
    found = None
    for m in told.finditer(before):
        found = m
    rest = before[found.end() :] if found else ""
    if found is None or len(rest.strip("：:")) > 6 or any(ch in rest for ch in "，,。；;"):
        return None  # …三省合计占全国的48.7%: a few words may stand between
    if not (found.group("pre") or found.group("post")):
        return None  # 2024年合计: a number, not a count of things
    n = found.group("n")
    return int(n) if n.isdigit() else chinese_to_int(n)


def _summable(c: Claim, physical: frozenset[str], shares: list[str]) -> bool:
    if c.kind in SUMMABLE or (c.kind == "other" and c.unit in physical):
        return True
    return c.kind == "percent" and _is_share(c, shares)


def _is_share(c: Claim, shares: list[str]) -> bool:
    return (
        c.metric.id in shares
        or any(c.metric.name.endswith(f"·{s}") for s in shares)
        or (c.metric.name in shares)
    )


def _parts(before: list[Claim], total: Claim, n: int) -> list[Claim]:
    """The `n` figures just before the total of its kind, unit and time, each of its own
    subject or metric, none a total or a restatement, within `REACH` lines of it."""
    out: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    for c in reversed(before):
        if total.line - c.line > REACH or len(out) == n:
            break
        if c.span[1] > total.span[0]:
            continue  # the total's own figure, given to each listed subject (三市合计2650万)
        if (c.kind, c.unit, c.period.label) != (total.kind, total.unit, total.period.label):
            continue
        if c.kind == "percent" and c.metric.name.split("·")[-1] != total.metric.name.split("·")[-1]:
            continue
        key = (c.subject.name if c.subject else "", c.metric.name)
        if key in seen or "restated" in c.flags:
            continue
        seen.add(key)
        out.append(c)
    return out[::-1]
