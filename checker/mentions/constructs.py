"""Constructs: the number expressions other than a plain number with its unit.

Each construct is a regular expression built from its own words in rules/qualifiers.toml
(`[constructs.NAME]`, plus the cue tables it shares with other stages; see
`checker.mentions.patterns`) and a builder here that turns a match into a `Quantity`. A
construct carries its trigger words: it is tried only on a sentence that holds one of them.
"""

from __future__ import annotations

import math
import re

from checker.mentions import grammar
from checker.mentions.atoms import QuantityGrammar
from checker.mentions.grammar import chars
from checker.mentions.numerals import Number, read_number
from checker.models import Quantity, Value, constructed, derive
from checker.ruleset import ConstructUnits

alt = grammar.alt  # the one alternation helper; claim assembly still imports it from here

# ---- helpers shared with the generic construct --------------------------------------


def make(
    m: re.Match[str],
    kind: str,
    unit: str,
    value: Value,
    *,
    start: int | None = None,
    end: int | None = None,
    qualifier: str | None = None,
    flags: tuple[str, ...] = (),
) -> Quantity:
    s = m.start() if start is None else start
    e = m.end() if end is None else end
    # built from the parser's own values: no validation needed on this hot path
    return constructed(
        Quantity,
        start=s,
        end=e,
        kind=kind,
        value=derive(value, text=m.string[s:e]),
        unit=unit,
        qualifier=qualifier,
        flags=flags,
        label=None,
    )


def exact(x: float, precision: float | None = None) -> Value:
    return Value(lo=rounded(x), hi=rounded(x), precision=precision)


def rounded(x: float) -> float:
    return round(x, 4) if abs(x) < 1000 else round(x, 2)


def as_written(x: float, last: float) -> float:
    """`x` to the last digit written (零点零零零零零零零一 keeps its eighth decimal),
    without the noise of binary arithmetic."""
    places = max(0, -math.floor(math.log10(last) + 1e-9)) if last > 0 else 0
    coarse, fine = rounded(x), round(x, places)
    return fine if abs(fine - x) < abs(coarse - x) else coarse


def scaled(num: str, scale: str | None, scales: dict[str, float]) -> Number | None:
    n = read_number(num)
    if n is None:
        return None
    factor = scales.get(scale or "", 1.0)
    return Number(n.value * factor, n.last * factor, n.significant * factor, n.digits)


def bounded(n: Number, bound: str | None) -> Value:
    """The interval a qualifier makes of a number."""
    x = n.value
    if bound == "above":
        return Value(lo=rounded(x), hi=None, lo_open=True)
    if bound == "at_least":
        return Value(lo=rounded(x), hi=None)
    if bound == "below":
        return Value(lo=None, hi=rounded(x), hi_open=True)
    if bound == "at_most":
        return Value(lo=None, hi=rounded(x))
    if bound == "near":
        return Value(lo=rounded(0.9 * x), hi=rounded(x), hi_open=True)
    if bound == "approx":
        step = n.significant / 2 if n.digits == 1 else n.significant
        return Value(lo=rounded(x - step), hi=rounded(x + step))
    if bound == "more":
        return Value(lo=rounded(x), hi=rounded(x + n.significant), hi_open=True)
    written = as_written(x, n.last)
    return Value(lo=written, hi=written, precision=n.last / 2)


def _units(g: QuantityGrammar) -> ConstructUnits:
    return g.rules.qualifiers.construct_units


def bound_of(g: QuantityGrammar, m: re.Match[str]) -> tuple[str | None, str | None]:
    """The bound of the qualifiers around a match (after-words win) and their text."""
    pre = m.groupdict().get("pre")
    post = m.groupdict().get("post")
    if post:
        return g.bounds[(post, "after")], post
    if pre:
        return g.bounds[(pre, "before")], pre
    return None, None


def numbers(m: re.Match[str], *names: str) -> list[Number] | None:
    found = [read_number(m.group(n)) for n in names]
    return None if any(n is None for n in found) else found  # type: ignore[return-value]


# ---- builders -----------------------------------------------------------------------


def read_percent_words(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None:
        return None
    bound, word = bound_of(g, m)
    return make(m, "percent", "%", bounded(n, bound), qualifier=word)


def read_fraction(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    got = numbers(m, "num", "den")
    if got is None or got[1].value == 0:
        return None
    num, den = got
    if "/" in m.group(0) and num.value >= den.value:
        return None  # 24/7, 2024/12: not a share
    x = num.value / den.value
    bound, word = bound_of(g, m)
    frac = Number(x, 0.0001, 0.0001, 4)
    value = (
        bounded(frac, bound)
        if bound in ("above", "at_least", "below", "at_most", "near")
        else exact(x)
    )
    return make(m, "fraction", "share", value, qualifier=word)


def read_half(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity:
    bound, word = bound_of(g, m)
    value = bounded(Number(0.5, 0.1, 0.1, 1), bound)
    clause = text[: m.start()].split("，")[-1].split(",")[-1]
    share = any(c in clause for c in g.rules.qualifiers.constructs.half.cues)
    ratio = ("ratio", g.rules.qualifiers.construct_units.ratio)
    kind, unit = ratio if m.group("of") and not share else ("fraction", "share")
    start = m.start("pre") if m.group("pre") else m.start("half")
    return make(m, kind, unit, value, start=start, qualifier=word)


def read_cheng(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None:
        return None
    tenth = read_number(m.group("tenth")) if m.group("tenth") else None  # 九成五: 95%
    if tenth is not None:
        number = Number(n.value * 10 + tenth.value, 1, 1, 2)
    else:
        number = Number(n.value * 10, 10, 10, 1)
    bound, word = bound_of(g, m)
    return make(m, "percent", "%", bounded(number, bound), qualifier=word)


def read_doubling(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    n = read_number(m.group("num") or "一")  # 翻番: once
    return make(m, "ratio", _units(g).ratio, exact(2**n.value)) if n else None


def read_and_a_half(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    """一年半 = 1.5 年; 三个半月 = 3.5 个月."""
    n = read_number(m.group("num"))
    if n is None:
        return None
    word = m.group("unit")
    if word is None:  # 三个半月: the unit stands around the half
        split = m.group("split")
        word = next(
            a + b
            for a, b in g.rules.qualifiers.constructs.and_a_half.split
            if split.startswith(a) and split.endswith(b)
        )
    unit = g.units[word][1]
    return make(m, "other", unit, exact(n.value + 0.5))


def read_more_than_half(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity:
    return make(m, "percent", "%", Value(lo=50.0, hi=None, lo_open=True))


def read_times(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None:
        return None
    value = bounded(n, "more") if m.group("more") else exact(n.value)
    ratio = _units(g).ratio
    if g.multiplier_modes.get(m.group("verb")) == "ambiguous":  # 增长四倍: ×4 or ×5
        value = derive(value, hi=(value.hi or 0) + 1, precision=None)
        return make(m, "ratio", ratio, value, flags=("ambiguous",))
    return make(m, "ratio", ratio, value)


def read_ordinal(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None or n.value < 1:
        return None
    suffix = m.group("suffix") or ""
    end = m.end() - (len(suffix) if suffix in g.rules.qualifiers.constructs.rank.outside else 0)
    return make(m, "rank", _units(g).rank, exact(n.value), end=end)


def read_ordinal_count(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    """第九个国家级新区: the ninth of its kind, so there are at least nine."""
    n = read_number(m.group("num"))
    if n is None or n.value < 2:
        return None
    unit = g.units[m.group("cls")][1]
    return make(m, "count", unit, Value(lo=n.value, hi=None), flags=("ordinal",))


def read_top(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    """前五名: a rank from 1 to 5; after a word of falling out (跌出前五名, the top
    construct's `cues`) a rank below 5."""
    n = read_number(m.group("num"))
    if n is None or n.value < 1:
        return None
    out = tuple(g.rules.qualifiers.constructs.top.cues)
    if out and text.endswith(out, 0, m.start()):
        return make(m, "rank", _units(g).rank, Value(lo=n.value, hi=None, lo_open=True))
    return make(m, "rank", _units(g).rank, Value(lo=1, hi=n.value))


def read_strong(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None or n.value < 2:
        return None
    quoted = text[: m.start()].count("“") > text[: m.start()].count("”")
    if m.group("list") or quoted:  # 500强 in a list's name: the list's size
        end = m.start() + len(m.group("num")) + 1
        return make(m, "count", _units(g).list_size, exact(n.value), end=end, flags=("list-size",))
    return make(m, "rank", _units(g).rank, Value(lo=1, hi=n.value))


def read_first(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity:
    u = _units(g)
    unit = u.tier if m.group(0).endswith(u.tier) else u.rank
    return make(m, "rank", unit, exact(1))


def read_superlative(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity:
    return make(m, "rank", _units(g).rank, exact(1), flags=("superlative",))


def read_unique(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity:
    unit = g.rules.qualifiers.cues.unique_units.get(m.group(0)[-1])
    if unit is None:  # 唯一一家: the unit of the noun after it
        unit = g.noun_unit(text, m.end(), window=20) or _units(g).item
    return make(m, "other", unit, exact(1.0), flags=("uniqueness",))


def read_streak(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None:
        return None
    unit = g.rules.qualifiers.cues.streak_unit_names.get(m.group("unit"), m.group("unit"))
    return make(m, "streak", unit, exact(n.value))


def read_list_count(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None or n.value < 2:
        return None
    return make(m, "count", _units(g).item, exact(n.value), flags=("list-count",))


def read_magnitude(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity:
    base = scaled(m.group("num") or "一", m.group("scale"), g.scales)
    if base is None:
        base = Number(g.scales[m.group("scale")], 1, 1, 1)
    lo = base.value
    hi = lo * 10 if m.group("cls") in g.rules.qualifiers.constructs.magnitude.cues else None
    noun = g.noun_unit(text, m.end())
    kind, unit = (
        ("amount", _units(g).money)
        if m.group("yuan")
        else (("count", noun) if noun else ("magnitude", ""))
    )
    value = Value(lo=lo, hi=hi, hi_open=hi is not None)
    return make(m, kind, unit, value, flags=("magnitude-class",))


def read_fund_label(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity:
    value = g.scales[m.group("scale")]
    return make(m, "amount", _units(g).money, exact(value), flags=("label",))


def read_sum_comparison(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity:
    ratio = _units(g).ratio
    if m.group("verb") in g.rules.qualifiers.constructs.sum_comparison.cues:  # 相当于: about
        return make(m, "ratio", ratio, Value(lo=0.9, hi=1.1), flags=("comparison",))
    return make(m, "ratio", ratio, Value(lo=1, hi=None, lo_open=True), flags=("comparison",))


def read_average_comparison(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity:
    """Resolved against the same sentence's figure for the reference (全国…53.3%)."""
    below = m.group("verb") in g.rules.qualifiers.constructs.average_comparison.cues
    value = Value(lo=None, hi=None, lo_open=not below, hi_open=below)
    return make(m, "percent", "%", value, flags=("comparison", "needs-reference", m.group("ref")))


def read_share_of_counts(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    """每出口3辆汽车,就有1辆 (1/3) and 十家中有七家 (7/10): a share counted in one unit."""
    got = numbers(m, "num", "den")
    if got is None or not 0 < got[0].value < got[1].value:
        return None
    return make(m, "fraction", "share", exact(got[0].value / got[1].value), flags=("counted",))


def read_one_to_n(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    """车桩比约为1:3.4, 比例约为1:3: a ratio of 3.4, of 3 (only after a word of ratio)."""
    w = g.rules.qualifiers.constructs.one_to_n
    before = text[max(0, m.start() - 8) : m.start()]
    before = next(
        (before[: -len(c)] for c in sorted(w.cues, key=len, reverse=True) if before.endswith(c)),
        before,
    )
    if not before.endswith(tuple(w.before)):
        return None
    n = read_number(m.group("num"))
    if n is None:
        return None
    return make(m, "ratio", _units(g).ratio, exact(n.value, precision=n.last / 2))


def read_proportion(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    """三次产业结构为4.6∶38.3∶57.1: each part is a share of 100, when they add up to it."""
    colons = chars(g.rules.qualifiers.constructs.proportion.words)
    chain = rf"\d+(?:\.\d+)?(?:[{colons}]\d+(?:\.\d+)?){{2,}}"
    for whole in re.finditer(chain, text):
        if whole.start() <= m.start() < whole.end():
            parts = [float(p) for p in re.split(f"[{colons}]", whole.group(0))]
            if abs(sum(parts) - 100) > 0.5:
                return None
            n = read_number(m.group("num"))
            if n is None:
                return None
            return make(m, "percent", "%", exact(n.value, n.last / 2), flags=("proportion",))
    return None


def read_per_head(m: re.Match[str], text: str, g: QuantityGrammar) -> Quantity | None:
    """每万名员工470台 → 470 台/万人: a rate per head is its own unit."""
    n = read_number(m.group("num"))
    if n is None:
        return None
    noun = m.group("noun")
    head = g.units.get(noun, ("", g.rules.units.noun_unit_map().get(noun, noun)))[1]
    unit = f"{g.units[m.group('cls')][1]}/{m.group('scale') or ''}{head}"
    bound, word = bound_of(g, m)
    return make(m, "other", unit, bounded(n, bound), qualifier=word, flags=("rate",))
