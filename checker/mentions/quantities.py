"""Quantities: every number expression of a sentence as an interval in a base unit.

Constructs are regular expressions built from rules/units.toml and rules/qualifiers.toml.
Each construct proposes candidates; longer candidates claim characters first. A pass
over the sentence then carries shared qualifiers and units across lists (分别超过90%和80%;
12.2万、10.6万件) and drops numbers that stay without a unit.
Numbers are never taken from jieba tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from checker.mentions.numerals import CHINESE_NUMERAL, Number, read_number
from checker.models import Quantity, Value, derive
from checker.ruleset import Ruleset

AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
CN = f"[{CHINESE_NUMERAL}]+"
NUM = f"(?:{AR}|{CN})"
ENDS = "，,。;；:：!！?？"


Builder = Callable[[re.Match[str], str, "Grammar"], Quantity | None]
Construct = tuple[re.Pattern[str], Builder, frozenset[str]]  # pattern, builder, needed characters


class Candidate(NamedTuple):
    start: int
    end: int
    order: int
    quantity: Quantity


def _firsts(words: list[str]) -> str:
    return "".join(sorted({w[0] for w in words}))


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass
class Grammar:
    """Regular expressions and tables compiled once from the rules."""

    rules: Ruleset
    units: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias → (kind, unit)
    labels: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        u = self.rules.units
        for group, kind in ((u.currency, "amount"), (u.classifier, "count"), (u.measure, "other")):
            for entry in group:
                for alias in entry.aliases:
                    self.units[alias] = (kind, entry.unit)
                    if entry.scale_label:
                        self.labels.add(alias)
        self.units["%"] = ("percent", "%")
        self.units["个百分点"] = ("percent", "pp")
        self.units["倍"] = ("ratio", "倍")

    @cached_property
    def scales(self) -> dict[str, float]:
        return dict(self.rules.units.scales)

    @cached_property
    def bounds(self) -> dict[tuple[str, str], str]:
        return {(w, q.position): q.bound for q in self.rules.qualifiers.qualifier for w in q.words}

    def _words(self, position: str, skip: tuple[str, ...] = ()) -> str:
        return _alt([w for (w, p) in self.bounds if p == position and w not in skip])

    def _starts(self, *more: str) -> str:
        """A lookahead for the characters a match can begin with: a `before` qualifier's
        first character, a numeral or one of `more`. It changes no match, but lets the
        regex engine skip most positions at C speed instead of trying every qualifier."""
        firsts = (
            {w[0] for (w, p) in self.bounds if p == "before"} | set(CHINESE_NUMERAL) | set(more)
        )
        return rf"(?=[\d{re.escape(''.join(sorted(firsts)))}])"

    @cached_property
    def generic(self) -> re.Pattern[str]:
        scale = _alt(list(self.scales))
        return re.compile(
            rf"{self._starts()}(?P<pre>{self._words('before')})?(?P<num>{NUM})\s*(?P<scale>{scale})?"
            rf"(?:\s*(?P<sep>[-—–~～至到])\s*(?P<num2>{NUM})\s*(?P<scale2>{scale})?)?"
            rf"(?P<more>多|余)?\s*(?P<unit>{_alt(list(self.units))})?"
            rf"(?P<post>{self._words('after', ('多', '余'))})?"
        )

    @cached_property
    def constructs(self) -> list[Construct]:
        c = self.rules.qualifiers.cues
        pre, post = self._words("before"), self._words("after", ("多", "余"))
        verbs = _alt([v for m in self.rules.qualifiers.multiplier for v in m.verbs])
        not_rank = _alt(c.ordinal_not_rank)
        scale = _alt(list(self.scales))
        table: list[tuple[str, Builder]] = [
            (
                rf"{self._starts()}(?P<pre>{pre})?百分之(?P<num>{NUM})(?P<post>{post})?",
                _percent_words,
            ),
            (rf"{self._starts()}(?P<pre>{pre})?(?P<den>{NUM})分之(?P<num>{NUM})", _fraction),
            (rf"{self._starts('的')}(?P<pre>{pre})?(?P<of>的)?一半(?P<post>{post})?", _half),
            (
                (
                    rf"(?P<pre>{pre})?(?P<num>\d+|[二三四五六七八九])成(?P<post>以上|左右|多)?"
                    r"(?![为立果功长本熟交员效绩品份分都不])"
                ),
                _cheng,
            ),
            (rf"(?:(?P<dur>{NUM})年)?翻(?P<num>[一两二三四\d])番", _doubling),
            (rf"(?:(?P<dur>{NUM})年)?(?P<verb>{verbs})(?P<num>{NUM})倍", _times),
            (
                rf"第(?P<num>{NUM})(?P<suffix>位|名|大)?(?![{CHINESE_NUMERAL}\d]|{not_rank})",
                _ordinal,
            ),
            (
                (
                    rf"(?<![目此之以提当眼从日])前(?P<num>{NUM})(?P<suffix>名|位|强)?"
                    rf"(?![{CHINESE_NUMERAL}\d年天月日个届次])"
                ),
                _top,
            ),
            (rf"最高的(?P<num>{NUM})(?P<cls>家|个|位|名)", _top),
            (rf"(?P<num>{AR}|{CN})强(?P<list>[^{ENDS}]{{0,4}}(?:{_alt(c.list_names)}))?", _strong),
            (_alt(c.first), _first),
            (_alt(c.superlative), _superlative),
            (_alt(c.unique), _unique),
            (
                (
                    rf"(?P<cue>{_alt(c.streak)})(?:[^\d{CHINESE_NUMERAL}{ENDS}]{{0,2}})?"
                    rf"(?P<num>{NUM})(?P<ge>个)?(?P<unit>年|季度|个月|月|届|次|天)"
                ),
                _streak,
            ),
            (
                r"(?<!\d)(?P<num>\d{1,2}|[二三四五六七八九十]{1,3})大(?=[\u4e00-\u9fff])",
                _list_count,
            ),
            (
                (
                    rf"(?P<num>{AR}|[一二三四五六七八九十两]{{0,3}})(?P<scale>{scale})(?P<yuan>元)?"
                    r"(?P<cls>级别|量级|级)"
                ),
                _magnitude,
            ),
            (rf"(?P<scale>{scale})(?=基金)", _fund_label),
            (
                r"(?P<verb>超过|超出|高于|多于|大于|相当于)(?P<ref>[^，,。;；:：]{1,30}?)(?:总和|之和)",
                _sum_comparison,
            ),
            (
                r"(?P<verb>高于|低于|超过)(?P<ref>全国|全省|全市|全球|世界)的?平均(?:水平|值|数)?",
                _average_comparison,
            ),
        ]
        needs = [
            "分",
            "分",
            "半",
            "成",
            "番",
            "倍",
            "第",
            "前",
            "最",
            "强",
            _firsts(c.first),
            _firsts(c.superlative),
            _firsts(c.unique),
            _firsts(c.streak),
            "大",
            "级",
            "基",
            "和",
            "均",
        ]
        return [(re.compile(p), f, frozenset(n)) for (p, f), n in zip(table, needs, strict=True)]

    def noun_unit(self, text: str, at: int, window: int | None = None) -> str | None:
        window = window or self.rules.units.noun_window()
        ahead = text[at : at + window + 4]
        cut = min((ahead.find(c) for c in ENDS if c in ahead), default=len(ahead))
        ahead = ahead[:cut]
        best = None
        for noun, unit in self.rules.units.noun_unit_map().items():
            pos = ahead.find(noun)
            if 0 <= pos <= window and (best is None or pos < best[0]):
                best = (pos, unit)
        return best[1] if best else None


# ---- builders ----------------------------------------------------------------------


def _unique(m: re.Match[str], text: str, g: Grammar) -> Quantity:
    word = m.group(0)
    unit = {"家": "家", "次": "次"}.get(word[-1], "个")
    if word[-1] not in "个家次":
        unit = g.noun_unit(text, m.end(), window=20) or "个"
    return _make(m, "other", unit, _exact(1.0), flags=("uniqueness",))


def _magnitude(m: re.Match[str], text: str, g: Grammar) -> Quantity:
    base = _value(m.group("num") or "一", m.group("scale"), g.scales)
    if base is None:
        base = Number(g.scales[m.group("scale")], 1, 1, 1)
    lo = base.value
    hi = lo * 10 if m.group("cls") == "量级" else None
    noun = g.noun_unit(text, m.end())
    kind, unit = (
        ("amount", "元") if m.group("yuan") else (("count", noun) if noun else ("magnitude", ""))
    )
    return _make(
        m, kind, unit, Value(lo=lo, hi=hi, hi_open=hi is not None), flags=("magnitude-class",)
    )


def _fund_label(m: re.Match[str], text: str, g: Grammar) -> Quantity:
    value = g.scales[m.group("scale")]
    return _make(m, "amount", "元", _exact(value), flags=("label",))


def _make(
    m: re.Match[str],
    kind: str,
    unit: str,
    value: Value,
    *,
    start: int | None = None,
    qualifier: str | None = None,
    flags: tuple[str, ...] = (),
) -> Quantity:
    s = m.start() if start is None else start
    # built from the parser's own values: no validation needed on this hot path
    return Quantity.model_construct(
        start=s,
        end=m.end(),
        kind=kind,
        value=derive(value, text=m.string[s : m.end()]),
        unit=unit,
        qualifier=qualifier,
        flags=flags,
        label=None,
    )


def _exact(x: float, precision: float | None = None) -> Value:
    return Value(lo=_round(x), hi=_round(x), precision=precision)


def _round(x: float) -> float:
    return round(x, 4) if abs(x) < 1000 else round(x, 2)


def _value(num: str, scale: str | None, scales: dict[str, float]) -> Number | None:
    n = read_number(num)
    if n is None:
        return None
    factor = scales.get(scale or "", 1.0)
    return Number(n.value * factor, n.last * factor, n.significant * factor, n.digits)


def bounded(n: Number, bound: str | None) -> Value:
    """The interval a qualifier makes of a number."""
    x = n.value
    if bound == "above":
        return Value(lo=_round(x), hi=None, lo_open=True)
    if bound == "at_least":
        return Value(lo=_round(x), hi=None)
    if bound == "below":
        return Value(lo=None, hi=_round(x), hi_open=True)
    if bound == "at_most":
        return Value(lo=None, hi=_round(x))
    if bound == "near":
        return Value(lo=_round(0.9 * x), hi=_round(x), hi_open=True)
    if bound == "approx":
        step = n.significant / 2 if n.digits == 1 else n.significant
        return Value(lo=_round(x - step), hi=_round(x + step))
    if bound == "more":
        return Value(lo=_round(x), hi=_round(x + n.significant), hi_open=True)
    return _exact(x, precision=n.last / 2)


def _bound_of(g: Grammar, m: re.Match[str]) -> tuple[str | None, str | None]:
    """The bound of the qualifiers around a match (after-words win) and their text."""
    pre = m.groupdict().get("pre")
    post = m.groupdict().get("post")
    if post:
        return g.bounds[(post, "after")], post
    if pre:
        return g.bounds[(pre, "before")], pre
    return None, None


def _percent_words(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None:
        return None
    bound, word = _bound_of(g, m)
    return _make(m, "percent", "%", bounded(n, bound), qualifier=word)


def _fraction(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
    num, den = read_number(m.group("num")), read_number(m.group("den"))
    if num is None or den is None or den.value == 0:
        return None
    x = num.value / den.value
    bound, word = _bound_of(g, m)
    frac = Number(x, 0.0001, 0.0001, 4)
    value = (
        bounded(frac, bound)
        if bound in ("above", "at_least", "below", "at_most", "near")
        else _exact(x)
    )
    return _make(m, "fraction", "share", value, qualifier=word)


def _half(m: re.Match[str], text: str, g: Grammar) -> Quantity:
    bound, word = _bound_of(g, m)
    value = bounded(Number(0.5, 0.1, 0.1, 1), bound)
    kind, unit = ("ratio", "倍") if m.group("of") else ("fraction", "share")
    start = m.start("pre") if m.group("pre") else m.start() + (1 if m.group("of") else 0)
    return _make(m, kind, unit, value, start=start, qualifier=word)


def _cheng(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None:
        return None
    bound, word = _bound_of(g, m)
    return _make(m, "percent", "%", bounded(Number(n.value * 10, 10, 10, 1), bound), qualifier=word)


def _doubling(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
    n = read_number(m.group("num"))
    return _make(m, "ratio", "倍", _exact(2**n.value)) if n else None


def _times(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None:
        return None
    modes = {v: mm.mode for mm in g.rules.qualifiers.multiplier for v in mm.verbs}
    if modes.get(m.group("verb")) == "ambiguous":
        return _make(m, "ratio", "倍", Value(lo=n.value, hi=n.value + 1), flags=("ambiguous",))
    return _make(m, "ratio", "倍", _exact(n.value))


def _ordinal(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None or n.value < 1:
        return None
    end = m.end() - (1 if m.group("suffix") == "大" else 0)
    q = _make(m, "rank", "位", _exact(n.value))
    return q.model_copy(update={"end": end, "value": derive(q.value, text=text[m.start() : end])})


def _top(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None or n.value < 1:
        return None
    return _make(m, "rank", "位", Value(lo=1, hi=n.value))


def _strong(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None or n.value < 2:
        return None
    quoted = text[: m.start()].count("“") > text[: m.start()].count("”")
    if m.group("list") or quoted:  # 500强 in a list's name: the list's size
        end = m.start() + len(m.group("num")) + 1
        q = _make(m, "count", "家", _exact(n.value), flags=("list-size",))
        return q.model_copy(
            update={"end": end, "value": derive(q.value, text=text[m.start() : end])}
        )
    return _make(m, "rank", "位", Value(lo=1, hi=n.value))


def _first(m: re.Match[str], text: str, g: Grammar) -> Quantity:
    unit = "梯队" if m.group(0).endswith("梯队") else "位"
    return _make(m, "rank", unit, _exact(1))


def _superlative(m: re.Match[str], text: str, g: Grammar) -> Quantity:
    return _make(m, "rank", "位", _exact(1), flags=("superlative",))


def _streak(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None:
        return None
    unit = {"个月": "月"}.get(m.group("unit"), m.group("unit"))
    return _make(m, "streak", unit, _exact(n.value))


def _list_count(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
    n = read_number(m.group("num"))
    if n is None or n.value < 2:
        return None
    return _make(m, "count", "个", _exact(n.value), flags=("list-count",))


def _sum_comparison(m: re.Match[str], text: str, g: Grammar) -> Quantity:
    if m.group("verb") == "相当于":
        return _make(m, "ratio", "倍", Value(lo=0.9, hi=1.1), flags=("comparison",))
    return _make(m, "ratio", "倍", Value(lo=1, hi=None, lo_open=True), flags=("comparison",))


def _average_comparison(m: re.Match[str], text: str, g: Grammar) -> Quantity:
    """Resolved against the same sentence's figure for the reference (全国…53.3%)."""
    below = m.group("verb") == "低于"
    value = Value(lo=None, hi=None, lo_open=not below, hi_open=below)
    return _make(m, "percent", "%", value, flags=("comparison", "needs-reference", m.group("ref")))


# ---- the generic number + scale + unit construct -------------------------------------

YEAR_LIKE = re.compile(r"^(1[5-9]|2[0-2])\d\d$")


def _generic(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
    num, unit_word, scale = m.group("num"), m.group("unit"), m.group("scale")
    chinese = not num[0].isdigit()
    if unit_word is None and (chinese or _touches_latin(text, m)):
        return None
    if text[max(0, m.start("num") - 1) : m.start("num")] in ("第", "届"):
        return None  # 第四次, 十三届六次全会: ordinals and session names, not counts
    if chinese and num in ("一", "两", "二") and not m.group("pre") and unit_word not in g.labels:
        return None  # 一个 / 两个: an article, not a claim
    if unit_word == "年" and not scale and YEAR_LIKE.match(num):
        return None  # 2024年 is a date
    if unit_word == "年" and m.group("num2") and YEAR_LIKE.match(num):
        return None  # 2018-2022年 is a span of dates
    n = _value(num, scale, g.scales)
    if n is None:
        return None
    kind, unit = g.units.get(unit_word or "", ("count", ""))
    bound, word = _bound_of(g, m)
    start = m.start()
    if word == "近" and m.group("pre") and text[max(0, m.start() - 1) : m.start()] == "最":
        bound, word, start = None, None, m.start("num")  # 最近: recent, not "nearly"
    if m.group("more") and not m.group("post"):
        bound, word = "more", m.group("more")
    flags: tuple[str, ...] = ()
    if m.group("num2"):
        n2 = _value(m.group("num2"), m.group("scale2") or scale, g.scales)
        if n2 is None:
            return None
        if not m.group("scale") and m.group("scale2"):
            n = _value(num, m.group("scale2"), g.scales) or n
        value = Value(lo=_round(n.value), hi=_round(n2.value))
    elif unit_word in g.labels and chinese and all(c in g.scales for c in num) and bound is None:
        value, flags = Value(lo=_round(n.value), hi=None), ("label",)
    else:
        value = bounded(n, bound)
    if unit == "pp":
        flags += ("percentage-points",)
    if unit_word is None:
        flags += ("no-unit",)
    return _make(m, kind, unit, value, start=start, qualifier=word, flags=flags)


def _touches_latin(text: str, m: re.Match[str]) -> bool:
    before = text[m.start("num") - 1 : m.start("num")]
    after = text[m.end("num") : m.end("num") + 2].lstrip()
    return bool(re.match(r"[A-Za-z]", before) or re.match(r"[A-Za-z.]", after[:1]))


# ---- extraction --------------------------------------------------------------------

LIST_GAP = re.compile(rf"^[^\d{ENDS}]{{0,3}}[、和及与]$")
QUALIFIER_GAP = re.compile(r"^\s*[、和及与]\s*$")


def extract_quantities(text: str, start: int, end: int, grammar: Grammar) -> list[Quantity]:
    """Quantities of the sentence `text[start:end]`, with offsets into `text`."""
    sentence = text[start:end]
    found = _candidates(sentence, grammar)
    found = _carry_qualifiers(sentence, found, grammar)
    found = _carry_units(sentence, found, grammar)
    found = _resolve_references(sentence, found)
    return [q.model_copy(update={"start": q.start + start, "end": q.end + start}) for q in found]


def _candidates(sentence: str, g: Grammar) -> list[Quantity]:
    cands: list[Candidate] = []
    builders: list[Construct] = [*g.constructs, (g.generic, _generic, frozenset())]
    chars = set(sentence)
    for order, (pattern, build, needs) in enumerate(builders):
        if needs and not needs & chars:
            continue  # none of the characters this construct must contain is here
        for m in pattern.finditer(sentence):
            if m.end() == m.start():
                continue
            q = build(m, sentence, g)
            if q is not None:
                cands.append(Candidate(q.start, q.end, order, q))
    taken = bytearray(len(sentence))
    kept: list[Quantity] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.order, c.start)):
        if any(taken[c.start : c.end]):
            continue
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        kept.append(c.quantity)
    return sorted(kept, key=lambda q: q.start)


def _carry_qualifiers(sentence: str, found: list[Quantity], g: Grammar) -> list[Quantity]:
    """分别超过90%和80%: the qualifier before a 分别 list holds for every item."""
    out = list(found)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if (
            not prev.qualifier
            or cur.qualifier
            or "分别" not in sentence[max(0, prev.start - 8) : prev.start]
        ):
            continue
        if not QUALIFIER_GAP.match(sentence[prev.end : cur.start]):
            continue
        m = g.generic.fullmatch(prev.qualifier + cur.value.text)
        again = _generic(m, m.string, g) if m else None
        if again is not None and (again.kind, again.unit) == (cur.kind, cur.unit):
            value = derive(again.value, text=cur.value.text)
            out[i] = cur.model_copy(
                update={
                    "value": value,
                    "qualifier": prev.qualifier,
                    "flags": cur.flags + ("carried-qualifier",),
                }
            )
    return out


def _carry_units(sentence: str, found: list[Quantity], g: Grammar) -> list[Quantity]:
    """12.2万、10.6万件 / 11金、20银、190多项: a bare number takes the list's unit."""
    out = list(found)
    for i in range(len(out) - 1, -1, -1):
        q = out[i]
        if "no-unit" not in q.flags:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is not None and nxt.unit and LIST_GAP.match(sentence[q.end : nxt.start]):
            flags = tuple(f for f in q.flags if f != "no-unit") + ("carried-unit",)
            out[i] = q.model_copy(update={"kind": nxt.kind, "unit": nxt.unit, "flags": flags})
            continue
        noun = g.noun_unit(sentence, q.end) if re.search(r"[万亿千百]", q.value.text) else None
        if noun:
            flags = tuple(f for f in q.flags if f != "no-unit") + ("noun-unit",)
            out[i] = q.model_copy(update={"unit": noun, "flags": flags})
    return [q for q in out if "no-unit" not in q.flags]


def _resolve_references(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """高于全国平均水平: the bound is the same sentence's figure for 全国."""
    out: list[Quantity] = []
    for q in found:
        if "needs-reference" not in q.flags:
            out.append(q)
            continue
        ref_word = q.flags[-1]
        refs = [
            r
            for r in found
            if r.kind == "percent"
            and r.end <= q.start
            and "comparison" not in r.flags
            and ref_word in sentence[max(0, r.start - 24) : r.start]
        ]
        if not refs:
            continue
        ref = refs[0]
        below = q.value.hi_open
        value = derive(
            q.value, lo=None if below else ref.value.lo, hi=ref.value.lo if below else None
        )
        out.append(q.model_copy(update={"value": value, "flags": ("comparison",)}))
    return out
