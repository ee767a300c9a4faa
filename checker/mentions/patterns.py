"""The construct table: for every construct but the generic number, its pattern built
from its own words in rules/qualifiers.toml, its builder and its trigger words."""

from __future__ import annotations

import re

from checker.mentions.atoms import AR, CN, ENDS, NUM, Builder, Construct, QuantityGrammar
from checker.mentions.constructs import (
    read_and_a_half,
    read_average_comparison,
    read_cheng,
    read_doubling,
    read_first,
    read_fraction,
    read_fund_label,
    read_half,
    read_list_count,
    read_magnitude,
    read_more_than_half,
    read_one_to_n,
    read_ordinal,
    read_ordinal_count,
    read_per_head,
    read_percent_words,
    read_proportion,
    read_share_of_counts,
    read_streak,
    read_strong,
    read_sum_comparison,
    read_superlative,
    read_times,
    read_top,
    read_unique,
)
from checker.mentions.grammar import NOTHING, alt, chars
from checker.mentions.numerals import CHINESE_NUMERAL
from checker.ruleset import ConstructWords


def construct_table(g: QuantityGrammar) -> list[Construct]:
    """Every construct but the generic number: its pattern, builder and trigger words."""
    q = g.rules.qualifiers
    c, w = q.cues, q.constructs
    pre, post, scale = g.words("before"), g.after_words, alt(list(g.scales))
    counted = alt([a for a, (kind, _) in g.units.items() if kind == "count"])
    verbs = alt(list(g.multiplier_modes))
    head = rf"(?P<pre>{pre})?"
    split_half = (
        alt(a + h + b for a, b in w.and_a_half.split for h in w.and_a_half.words) or NOTHING
    )
    money = re.escape(q.construct_units.money)
    table: list[tuple[str, str, Builder, list[str]]] = [
        (
            "percent_of",
            rf"{g.starts()}{head}{alt(w.percent_of.words)}(?P<num>{NUM})(?P<post>{post})?",
            read_percent_words,
            w.percent_of.words,
        ),
        (
            "fraction_of",
            rf"{g.starts()}{head}(?P<den>{NUM})(?:{alt(w.fraction_of.words)})(?P<num>{NUM})",
            read_fraction,
            w.fraction_of.words,
        ),
        (
            "fraction_slash",
            (
                rf"{head}(?<![\d/.])(?P<num>\d{{1,2}})(?:{alt(w.fraction_slash.words)})"
                r"(?P<den>\d{1,3})(?![\d/.])"
            ),
            read_fraction,
            w.fraction_slash.words,
        ),
        (
            "half",
            rf"{head}(?P<of>{alt(w.half.before)})?(?P<half>{alt(w.half.words)})(?P<post>{post})?",
            read_half,
            w.half.words,
        ),
        _cheng_row(w.cheng, pre),
        (
            "doubling",
            (
                rf"(?:(?P<dur>{NUM})年)?(?:{alt(w.doubling.words)})(?P<num>[一两二三四\d])?"
                rf"(?:{alt(w.doubling.after)})"
            ),
            read_doubling,
            w.doubling.words,
        ),
        (
            "and_a_half",
            (
                rf"(?P<num>{NUM})(?:(?P<unit>{alt(w.and_a_half.after)})(?:{alt(w.and_a_half.words)})"
                rf"|(?P<split>{split_half}))"
            ),
            read_and_a_half,
            w.and_a_half.words,
        ),
        (
            "more_than_half",
            alt(w.more_than_half.words),
            read_more_than_half,
            w.more_than_half.words,
        ),
        (
            "times",
            (
                rf"(?:(?P<dur>{NUM})年)?(?P<verb>{verbs})(?P<num>{NUM})(?P<more>{alt(g.more_words)})?"
                rf"(?:{alt(w.times.words)})"
            ),
            read_times,
            w.times.words,
        ),
        (
            "rank",
            (
                rf"(?:{alt(w.rank.words)})(?P<num>{NUM})(?P<suffix>{alt(w.rank.after)})?"
                rf"(?![{CHINESE_NUMERAL}\d]|{alt(c.ordinal_not_rank)})"
            ),
            read_ordinal,
            w.rank.words,
        ),
        (
            "ordinal_count",
            (
                rf"(?:{alt(w.ordinal_count.words)})(?P<num>{NUM})(?P<cls>{alt(w.ordinal_count.after)})"
                r"(?=[\u4e00-\u9fff])"
            ),
            read_ordinal_count,
            w.ordinal_count.words,
        ),
        (
            "top",
            (
                rf"(?<![{chars(w.top.not_before)}])(?:{alt(w.top.words)})(?P<num>{NUM})"
                rf"(?P<suffix>{alt(w.top.after)})?(?![{CHINESE_NUMERAL}\d]|{alt(w.top.not_after)})"
            ),
            read_top,
            w.top.words,
        ),
        (
            "top_of",
            rf"(?:{alt(w.top_of.words)})(?P<num>{NUM})(?P<cls>{alt(w.top_of.after)})",
            read_top,
            w.top_of.words,
        ),
        (
            "strong",
            (
                rf"(?P<num>{AR}|{CN})(?:{alt(w.strong.words)})"
                rf"(?P<list>[^{ENDS}]{{0,4}}(?:{alt(c.list_names)}))?"
            ),
            read_strong,
            w.strong.words,
        ),
        ("first", alt(c.first), read_first, c.first),
        ("superlative", alt(c.superlative), read_superlative, c.superlative),
        ("unique", alt(c.unique), read_unique, c.unique),
        (
            "streak",
            (
                rf"(?P<cue>{alt(c.streak)})(?:[^\d{CHINESE_NUMERAL}{ENDS}]{{0,2}})?(?P<num>{NUM})"
                rf"(?P<ge>{alt(c.streak_classifiers)})?(?P<unit>{alt(c.streak_units)})"
            ),
            read_streak,
            c.streak,
        ),
        (
            "list_count",
            (
                rf"(?<!\d)(?P<num>\d{{1,2}}|[二三四五六七八九十]{{1,3}})(?:{alt(w.list_count.words)})"
                r"(?=[\u4e00-\u9fff])"
            ),
            read_list_count,
            w.list_count.words,
        ),
        (
            "magnitude",
            (
                rf"(?P<num>{AR}|[一二三四五六七八九十两]{{0,3}})(?P<scale>{scale})(?P<yuan>{money})?"
                rf"(?P<cls>{alt(w.magnitude.words)})"
            ),
            read_magnitude,
            w.magnitude.words,
        ),
        (
            "fund_label",
            rf"(?P<scale>{scale})(?={alt(w.fund_label.words)})",
            read_fund_label,
            w.fund_label.words,
        ),
        (
            "sum_comparison",
            (
                rf"(?P<verb>{alt(w.sum_comparison.before)})(?P<ref>[^{ENDS}]{{1,30}}?)"
                rf"(?:{alt(w.sum_comparison.words)})"
            ),
            read_sum_comparison,
            w.sum_comparison.words,
        ),
        (
            "average_comparison",
            (
                rf"(?P<verb>{alt(w.average_comparison.before)})(?P<ref>{alt(w.average_comparison.scopes)})"
                rf"(?:{alt(w.average_comparison.joiners)})?(?:{alt(w.average_comparison.words)})(?:{alt(w.average_comparison.after)})?"
            ),
            read_average_comparison,
            w.average_comparison.words,
        ),
        (
            "one_in_n",
            (
                rf"(?:{alt(w.one_in_n.words)})[^\d{ENDS}]{{0,4}}?(?P<den>{NUM})(?P<cls>{counted})"
                rf"[^\d{ENDS}]{{0,8}}?[，,]?\s*(?:{alt(w.one_in_n.after)})(?P<num>{NUM})(?P=cls)"
            ),
            read_share_of_counts,
            w.one_in_n.words,
        ),
        (
            "n_of_m",
            (
                rf"(?P<den>{NUM})(?P<cls>{counted})[^\d{ENDS}]{{0,3}}?(?:{alt(w.n_of_m.words)})"
                rf"(?P<num>{NUM})(?P=cls)"
            ),
            read_share_of_counts,
            w.n_of_m.words,
        ),
        (
            "one_to_n",
            (
                rf"(?<![\d.])1(?:{alt(w.one_to_n.words)})(?P<num>{AR})"
                rf"(?![\d.]|{alt(w.one_to_n.words)})"
            ),
            read_one_to_n,
            w.one_to_n.words,
        ),
        (
            "proportion",
            (
                rf"(?<![\d.])(?:(?<=[{chars(w.proportion.words)}])|(?=[\d.]+[{chars(w.proportion.words)}]\d))"
                r"(?P<num>\d+(?:\.\d+)?)(?![\d.])"
            ),
            read_proportion,
            w.proportion.words,
        ),
        (
            "per_head",
            (
                rf"(?:{alt(w.per_head.words)})(?P<scale>{scale})?(?:{alt(w.per_head.joiners)})?(?P<noun>{alt(w.per_head.after)})"
                rf"[^\d{ENDS}]{{0,10}}?{head}(?P<num>{NUM})\s*(?P<cls>{counted})"
            ),
            read_per_head,
            w.per_head.words,
        ),
    ]
    return [Construct(name, re.compile(p), b, tuple(t)) for name, p, b, t in table]


def _cheng_row(w: ConstructWords, pre: str) -> tuple[str, str, Builder, list[str]]:
    pattern = (
        rf"(?P<pre>{pre})?(?P<num>\d+|[一二两三四五六七八九])(?:{alt(w.words)})"
        rf"(?P<tenth>[一二三四五六七八九](?![{chars(w.cues)}]))?"
        rf"(?P<post>{alt(w.after)})?(?![{chars(w.not_after)}])"
    )
    return "cheng", pattern, read_cheng, w.words
