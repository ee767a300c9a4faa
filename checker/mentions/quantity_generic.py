"""The generic construct: a number with its scale, unit, qualifiers and range (约3.5万吨,
1.2万亿至1.5万亿元), its currency and coins (港币两千九百六十元, 123元1角1分), and the
numbers that are no figure (dates, ordinals, articles, parts of Latin names).
"""

from __future__ import annotations

import re

from checker.mentions.atoms import ENDS
from checker.mentions.constructs import bound_of, bounded, make, rounded, scaled
from checker.mentions.numerals import Number, read_number, vague_range
from checker.mentions.quantity_rules import QuantityRules
from checker.models import Quantity, Value, derive

YEAR_LIKE = re.compile(r"^(1[5-9]|2[0-2])\d\d$")


def read_generic(m: re.Match[str], text: str, g: QuantityRules) -> Quantity | None:
    num, unit_word, scale = m.group("num"), m.group("unit"), m.group("scale")
    chinese = not num[0].isdigit()
    if _not_a_figure(m, text, g):
        return None
    kind, unit = g.units.get(unit_word or "", ("count", ""))
    spread = vague_range(num) if chinese else None
    if spread is not None and g.rules.units.dimensions.get(unit) == "time":
        return None  # 几十年 is no figure to check
    if spread is not None and not m.group("num2") and not m.group("num3"):
        factor = g.scales.get(scale or "", 1.0)
        value = Value(lo=rounded(spread[0] * factor), hi=rounded(spread[1] * factor))
        q = make(m, kind, unit, value, flags=("vague",) + _unit_flags(m, unit))
        return _money(q, m, text, g)
    n = scaled(num, scale, g.scales)
    if n is None:
        return None
    bound, word = bound_of(g, m)
    start, end = m.start(), m.end()
    near = g.bounds.get((word or "", "before")) == "near"
    if near and text[max(0, m.start() - 1) : m.start()] in g.number.not_near:
        bound, word, start = None, None, m.start("num")  # 最近: recent, not "nearly"
    inner = m.group("inner") or m.group("more") or (m.group("more2") if kind == "ratio" else None)
    if inner and not m.group("post"):
        bound, word = "more", inner
    elif unit_word and g.more_words and any(w in unit_word for w in g.more_words):
        bound, word = "more", next(w for w in g.more_words if w in unit_word)  # 17个多月
    if m.group("more2") and kind != "ratio":  # 3个多月: 多 belongs to what follows
        end = m.end("unit")
    flags: tuple[str, ...] = ()
    if m.group("num3") and _from_to(text, start, g):  # 从14%到18%: two figures, not a range
        end = m.end("unit")
    elif m.group("num3") or m.group("num2"):
        span = _range(m, n, g)
        if span is None:
            return None
        q = make(m, kind, unit, span, start=start, qualifier=word, flags=_unit_flags(m, unit))
        return _money(q, m, text, g)
    if unit_word in g.labels and chinese and all(c in g.scales for c in num) and bound is None:
        value, flags = Value(lo=rounded(n.value), hi=None), ("label",)
    else:
        value = bounded(n, bound)
    flags += _unit_flags(m, unit)
    q = make(m, kind, unit, value, start=start, end=end, qualifier=word, flags=flags)
    return _money(q, m, text, g)


def _money(q: Quantity, m: re.Match[str], text: str, g: QuantityRules) -> Quantity:
    """The currency of an amount in 元 named before or after it (港币两千九百六十元,
    三万元欧元), 块 as 元 in a sentence about money, and smaller coins after it (123元1角1分,
    十块三毛)."""
    spoken = g.rules.units.spoken_money
    word = m.group("unit")
    end = q.end
    if spoken is not None and word in spoken.words and q.kind == "count":
        coins = g.coins.match(text, end) if g.coins else None
        said = _clause(text, q.start, end)
        if not (coins and coins.group(0)) and not any(c in said for c in spoken.cues):
            return q  # 三块土地, 银幕突破8万块，票房…元: pieces
        q = q.model_copy(update={"kind": "amount", "unit": spoken.unit})
    if q.kind != "amount" or q.unit != g.home_money:
        return q
    after = next(
        (w for w in sorted(g.foreign_money, key=len, reverse=True) if text.startswith(w, end)), None
    )
    if after:
        end += len(after)
        q = q.model_copy(update={"unit": g.foreign_money[after], "end": end})
    elif g.foreign_before is not None:
        before = g.foreign_before.search(text, max(0, q.start - 8), q.start)
        if before:
            name = before.group(0).strip()
            q = q.model_copy(update={"unit": g.foreign_money[name]})
    coins = g.coins.match(text, end) if g.coins and spoken else None
    v = q.value
    if coins and coins.group(0) and spoken and v.lo is not None and v.lo == v.hi:
        extra = 0.0
        for n, c in (("n1", "c1"), ("n2", "c2")):
            if coins.group(n):
                x = read_number(coins.group(n))
                if x is None:
                    return q
                extra += x.value * spoken.coins[coins.group(c)]
        value = derive(v, lo=rounded(v.lo + extra), hi=rounded(v.lo + extra), precision=0.005)
        q = q.model_copy(update={"value": value, "end": coins.end()})
    return q


CLAUSE_MARKS = "，,；;。！？!?\n"


def _clause(text: str, start: int, end: int) -> str:
    """The clause around `start`…`end` (what a cue must stand in to speak of it)."""
    left = max(text.rfind(c, 0, start) for c in CLAUSE_MARKS)
    rights = [at for c in CLAUSE_MARKS if (at := text.find(c, end)) >= 0]
    return text[left + 1 : min(rights, default=len(text))]


def _not_a_figure(m: re.Match[str], text: str, g: QuantityRules) -> bool:
    """Numbers that are dates, ordinals, articles or parts of Latin names."""
    num, unit_word, scale = m.group("num"), m.group("unit"), m.group("scale")
    chinese = not num[0].isdigit()
    if unit_word is None and (chinese or _touches_latin(text, m)):
        return True
    if text[max(0, m.start("num") - 1) : m.start("num")] in g.number.not_after:
        return True  # 第四次, 十三届六次全会: ordinals and session names, not counts
    if unit_word in g.number.ordinal_units and text.startswith(
        tuple(g.number.ordinal_nouns), m.end("unit")
    ):
        return True  # 人大三次会议: the third session
    per_head = g.rules.qualifiers.constructs.per_head.words
    if chinese and all(c in g.scales for c in num) and text[: m.start()].endswith(tuple(per_head)):
        return True  # 每万人: the base of a rate, not ten thousand people
    if chinese and set(num) <= set("零〇") and text[m.end() : m.end() + 1] not in ("", *ENDS):
        return True  # 零件, 零售: a zero figure closes its clause (共零吨。)
    ratio = g.units.get(unit_word or "", ("", ""))[0] == "ratio"
    ranged = m.group("num2") or m.group("num3")
    # 两千米, 一吨: a measure is no article; 一年, 两个月 are (in a year, for two months)
    unit_of = g.units.get(unit_word or "", ("", ""))
    measure = unit_of[0] == "other" and g.rules.units.dimensions.get(unit_of[1]) != "time"
    if (
        chinese
        and num in g.number.articles
        and not (m.group("pre") or ratio or ranged or scale or measure)
    ):
        return unit_word not in g.labels  # 一个 / 两个: an article, not a claim
    if unit_word in g.scaled_only and not scale:
        return True  # 30度 is no energy
    # 2024年 is a date; 2018-2022年 a span of dates
    return unit_word == "年" and bool(YEAR_LIKE.match(num)) and (not scale or bool(m.group("num2")))


def _range(m: re.Match[str], n: Number, g: QuantityRules) -> Value | None:
    """1—2个, 1.2万亿至1.5万亿元 and 14%至18%: one interval."""
    second = "num3" if m.group("num3") else "num2"
    scale = m.group("scale")
    n2 = scaled(m.group(second), m.group(second.replace("num", "scale")) or scale, g.scales)
    if n2 is None:
        return None
    if not scale and m.group("scale2") and second == "num2":
        shared = scaled(m.group("num"), m.group("scale2"), g.scales)
        if shared is not None and shared.value <= n2.value:  # 1-2万; 从8500到3万 keeps 8500
            n = shared
    elif not scale and second == "num2" and not m.group("scale2"):
        n = _shared_scale(m.group("num"), m.group("num2"), n, n2)  # 七千到九千亿
    if n2.value < n.value:
        return None
    return Value(lo=rounded(n.value), hi=rounded(n2.value))


SCALE_TAIL = re.compile(r"[百千万亿佰仟]+$")
PLACES = {"百": 1e2, "佰": 1e2, "千": 1e3, "仟": 1e3, "万": 1e4, "亿": 1e8}


def _shared_scale(first: str, second: str, n: Number, n2: Number) -> Number:
    """七千到九千亿, 十八至三十万, 两到三千: the places closing the second bound are the
    first's too, as many of them as keep the first below the second."""
    tail = SCALE_TAIL.search(second)
    if tail is None or tail.start() == 0 or re.search("[万亿]", first):
        return n
    for cut in range(len(tail.group(0))):
        factor = 1.0
        for ch in tail.group(0)[cut:]:
            factor *= PLACES[ch]
        if n.value * factor <= n2.value:
            return Number(n.value * factor, n.last * factor, n.significant * factor, n.digits)
    return n


def _from_to(text: str, start: int, g: QuantityRules) -> bool:
    before = text[max(0, start - 3) : start]
    return any(w in before for w in g.rules.qualifiers.constructs.range.not_before)


def _unit_flags(m: re.Match[str], unit: str) -> tuple[str, ...]:
    flags = ("percentage-points",) if unit == "pp" else ()
    return flags + (("no-unit",) if m.group("unit") is None else ())


def _touches_latin(text: str, m: re.Match[str]) -> bool:
    before = text[m.start("num") - 1 : m.start("num")]
    after = text[m.end("num") : m.end("num") + 2].lstrip()
    return bool(re.match(r"[A-Za-z]", before) or re.match(r"[A-Za-z.]", after[:1]))
