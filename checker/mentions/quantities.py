"""Quantities: every number expression of a sentence as an interval in a base unit.

Constructs are regular expressions built from rules/units.toml and rules/qualifiers.toml
(see `checker.mentions.constructs`); the generic one reads a number with its scale, unit,
qualifiers and range. Each construct proposes candidates; longer candidates claim
characters first. Passes over the sentence then give changes their sign (下降4.5% is
−4.5%), carry shared qualifiers and units across lists (分别超过90%和80%; 12.2万、10.6万件)
and drop numbers that stay without a unit. Numbers are never taken from jieba tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from checker.mentions.atoms import ENDS, NUM, Construct
from checker.mentions.constructs import bound_of, bounded, make, rounded, scaled
from checker.mentions.grammar import NOTHING, TriggerWords, alt
from checker.mentions.numerals import CHINESE_NUMERAL, FEW, Number, read_number, vague_range
from checker.mentions.patterns import construct_table
from checker.models import Quantity, Value, derive
from checker.ruleset import NumberWords, Ruleset


@dataclass
class Grammar:
    """Regular expressions and tables compiled once from the rules."""

    rules: Ruleset

    @cached_property
    def units(self) -> dict[str, tuple[str, str]]:
        """Every unit word → (quantity kind, unit)."""
        return self.rules.units.aliases

    @cached_property
    def labels(self) -> set[str]:
        u = self.rules.units
        return {a for e in [*u.currency, *u.classifier] if e.scale_label for a in e.aliases}

    @cached_property
    def scaled_only(self) -> set[str]:
        return {a for m in self.rules.units.measure for a in m.scaled_aliases}

    @cached_property
    def scales(self) -> dict[str, float]:
        return dict(self.rules.units.scales)

    @cached_property
    def bounds(self) -> dict[tuple[str, str], str]:
        return {(w, q.position): q.bound for q in self.rules.qualifiers.qualifier for w in q.words}

    @cached_property
    def signs(self) -> dict[str, int]:
        return {w: c.sign for c in self.rules.qualifiers.change for w in c.words}

    @cached_property
    def number(self) -> NumberWords:
        return self.rules.qualifiers.number

    @cached_property
    def list_gap(self) -> re.Pattern[str]:
        """What stands between a bare number and the next of its list (、, 和 …)."""
        return re.compile(rf"^[^\d{ENDS}]{{0,3}}(?:{alt(self.number.list_joints)})$")

    @cached_property
    def qualifier_gap(self) -> re.Pattern[str]:
        return re.compile(rf"^\s*(?:{alt(self.number.list_joints)})\s*$")

    @cached_property
    def approx_word(self) -> str:
        """A word that makes a figure approximate (约), to read a figure as if it stood there."""
        return min(
            (w for (w, p), b in self.bounds.items() if (p, b) == ("before", "approx")), key=len
        )

    @cached_property
    def list_cues(self) -> list[str]:
        """Words before a list whose qualifiers hold for every item (分别, 先后)."""
        return [*self.rules.claims.respectively, *self.rules.qualifiers.constructs.list_carry.words]

    @cached_property
    def multiplier_modes(self) -> dict[str, str]:
        return {v: m.mode for m in self.rules.qualifiers.multiplier for v in m.verbs}

    @cached_property
    def more_words(self) -> list[str]:
        """The `more` qualifiers (多, 余): they stand inside a number as well as after it."""
        return [w for (w, p), b in self.bounds.items() if (p, b) == ("after", "more")]

    @cached_property
    def after_words(self) -> str:
        """The qualifiers after a number other than the `more` ones."""
        return self.words("after", tuple(self.more_words))

    def words(self, position: str, skip: tuple[str, ...] = ()) -> str:
        return alt([w for (w, p) in self.bounds if p == position and w not in skip])

    def starts(self, *more: str) -> str:
        """A lookahead for the characters a match can begin with: a `before` qualifier's
        first character, a numeral or one of `more`. It changes no match, but lets the
        regex engine skip most positions at C speed instead of trying every qualifier."""
        firsts = (
            {w[0] for (w, p) in self.bounds if p == "before"}
            | set(CHINESE_NUMERAL)
            | set(FEW)
            | set(more)
        )
        return rf"(?=[\d{re.escape(''.join(sorted(firsts)))}])"

    @cached_property
    def generic(self) -> re.Pattern[str]:
        unit, more = alt(list(self.units)), alt(self.more_words)
        # a scale that begins a unit word is the unit's (500千瓦 is 500 kW, not 500千 瓦)
        rest = [a[len(s) :] for a in self.units for s in self.scales if a != s and a.startswith(s)]
        scale = f"(?:{alt(list(self.scales))})(?!{alt(rest)})" if rest else alt(list(self.scales))
        r = self.rules.qualifiers.constructs.range
        sep = alt(r.words)
        held = rf"(?:\s*(?:{alt(r.after)}))?" if r.after else ""  # (含)
        c = self.number.scale_classifier
        classifier = (
            rf"(?:{alt(c.words)}(?=(?:{alt(c.scales)})(?!{alt(c.not_before) or NOTHING})))?"
            if c
            else ""
        )
        return re.compile(
            rf"{self.starts()}(?P<pre>{self.words('before')})?(?P<num>{NUM})(?P<inner>{more})?"
            rf"\s*{classifier}(?P<scale>{scale})?"  # 两个亿
            rf"{held}(?:\s*(?P<sep>{sep})\s*(?P<num2>{NUM})\s*(?P<scale2>{scale})?)?"
            rf"(?P<more>{more})?\s*(?P<unit>{unit})?(?P<more2>{more})?"
            rf"(?:\s*(?P<sep3>{sep})\s*(?P<num3>{NUM})\s*(?P<scale3>{scale})?\s*(?P=unit))?"
            rf"{held}(?P<post>{self.after_words})?"
        )

    @cached_property
    def home_money(self) -> str:
        """The currency a bare 元 is kept in."""
        return self.units.get(self.rules.qualifiers.construct_units.money, ("", ""))[1]

    @cached_property
    def ratio_unit(self) -> str:
        """The unit of a multiple (倍)."""
        return self.rules.qualifiers.construct_units.ratio

    @cached_property
    def foreign_money(self) -> dict[str, str]:
        """Words of every currency but renminbi → the currency (港币 → 港元)."""
        home = self.home_money
        return {a: c.unit for c in self.rules.units.currency if c.unit != home for a in c.aliases}

    @cached_property
    def foreign_before(self) -> re.Pattern[str] | None:
        words = alt(list(self.foreign_money))
        return re.compile(rf"(?:{words})\s*$") if words else None

    @cached_property
    def coins(self) -> re.Pattern[str] | None:
        """元 and 块 followed by smaller coins: 1角1分, 三毛, 六角七分."""
        spoken = self.rules.units.spoken_money
        if spoken is None or not spoken.coins:
            return None
        coin = alt(list(spoken.coins))
        return re.compile(rf"(?:(?P<n1>{NUM})(?P<c1>{coin}))?(?:(?P<n2>{NUM})(?P<c2>{coin}))?")

    @cached_property
    def constructs(self) -> list[Construct]:
        return [*construct_table(self), Construct("generic", self.generic, _generic, ())]

    @cached_property
    def triggers(self) -> TriggerWords:
        return TriggerWords(c.triggers for c in self.constructs)

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


# ---- the generic number + scale + unit construct -------------------------------------

YEAR_LIKE = re.compile(r"^(1[5-9]|2[0-2])\d\d$")


def _generic(m: re.Match[str], text: str, g: Grammar) -> Quantity | None:
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


def _money(q: Quantity, m: re.Match[str], text: str, g: Grammar) -> Quantity:
    """The currency of an amount in 元 named before or after it (港币两千九百六十元,
    三万元欧元), 块 as 元 in a sentence about money, and smaller coins after it (123元1角1分,
    十块三毛)."""
    spoken = g.rules.units.spoken_money
    word = m.group("unit")
    end = q.end
    if spoken is not None and word in spoken.words and q.kind == "count":
        coins = g.coins.match(text, end) if g.coins else None
        if not (coins and coins.group(0)) and not any(c in text for c in spoken.cues):
            return q  # 三块土地: pieces
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


def _not_a_figure(m: re.Match[str], text: str, g: Grammar) -> bool:
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


def _range(m: re.Match[str], n: Number, g: Grammar) -> Value | None:
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


def _from_to(text: str, start: int, g: Grammar) -> bool:
    before = text[max(0, start - 3) : start]
    return any(w in before for w in g.rules.qualifiers.constructs.range.not_before)


def _unit_flags(m: re.Match[str], unit: str) -> tuple[str, ...]:
    flags = ("percentage-points",) if unit == "pp" else ()
    return flags + (("no-unit",) if m.group("unit") is None else ())


def _touches_latin(text: str, m: re.Match[str]) -> bool:
    before = text[m.start("num") - 1 : m.start("num")]
    after = text[m.end("num") : m.end("num") + 2].lstrip()
    return bool(re.match(r"[A-Za-z]", before) or re.match(r"[A-Za-z.]", after[:1]))


# ---- extraction --------------------------------------------------------------------


def extract_quantities(text: str, start: int, end: int, grammar: Grammar) -> list[Quantity]:
    """Quantities of the sentence `text[start:end]`, with offsets into `text`."""
    sentence = text[start:end]
    found = _candidates(sentence, grammar)
    found = _sign_changes(sentence, found, grammar)
    found = _approx_of(sentence, found, grammar)
    found = _carry_qualifiers(sentence, found, grammar)
    found = _carry_units(sentence, found, grammar)
    found = _resolve_references(sentence, found)
    found = _compound_durations(sentence, found, grammar)
    found = _bounds_pair(sentence, found)
    found = _points_lists(sentence, found, grammar)
    found = _fall_sizes(sentence, found, grammar)
    found = _per_area(sentence, found, grammar)
    found = [_in_base(q, grammar) for q in found]
    return [q.model_copy(update={"start": q.start + start, "end": q.end + start}) for q in found]


def _compound_durations(sentence: str, found: list[Quantity], g: Grammar) -> list[Quantity]:
    """四年六个月, 27分钟7秒: lengths in falling units written one after the other are one
    length, in the smaller unit."""
    steps = g.rules.units.duration_steps
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == q.start
            and (prev.unit, q.unit) in steps
            and prev.value.lo == prev.value.hi
            and q.value.lo == q.value.hi
            and prev.value.lo is not None
            and q.value.lo is not None
        ):
            total = rounded(prev.value.lo * steps[(prev.unit, q.unit)] + q.value.lo)
            value = Value(lo=total, hi=total, text=sentence[prev.start : q.end])
            out[-1] = q.model_copy(update={"start": prev.start, "value": value})
            continue
        out.append(q)
    return out


def _bounds_pair(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """3年以上7年以下, 十五年以上、30年以下: a lower bound and an upper bound of one unit
    side by side are one interval."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and (prev.kind, prev.unit) == (q.kind, q.unit)
            and prev.value.hi is None
            and prev.value.lo is not None
            and q.value.lo is None
            and q.value.hi is not None
            and prev.value.lo <= q.value.hi
            and sentence[prev.end : q.start].strip(" ,，、") == ""
        ):
            value = Value(
                lo=prev.value.lo,
                hi=q.value.hi,
                lo_open=prev.value.lo_open,
                hi_open=q.value.hi_open,
                text=sentence[prev.start : q.end],
            )
            out[-1] = prev.model_copy(update={"end": q.end, "value": value})
            continue
        out.append(q)
    return out


CLAUSE_BREAKS = re.compile(rf"[{ENDS}]")


def _clause_start(sentence: str, at: int) -> int:
    return max((m.end() for m in CLAUSE_BREAKS.finditer(sentence, 0, at)), default=0)


def _points_lists(sentence: str, found: list[Quantity], g: Grammar) -> list[Quantity]:
    """分别扩大0.2个和0.1个百分点: a decimal count of 个 before a list's percentage points
    is in points too (no count of 个 has decimals)."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        v = q.value
        if (
            nxt.unit == "pp"
            and q.kind == "count"
            and v.lo is not None
            and not float(v.lo).is_integer()
            and g.list_gap.match(sentence[q.end : nxt.start])
        ):
            out[i] = q.model_copy(update={"kind": nxt.kind, "unit": nxt.unit})
    return out


def _fall_sizes(sentence: str, found: list[Quantity], g: Grammar) -> list[Quantity]:
    """降幅扩大到10.6%, 较一季度9%的降幅: a percent that is the size of a fall in its
    clause is a negative change (a gap in points, 跌幅扩大0.4个百分点, is not)."""
    fall = g.rules.qualifiers.constructs.fall_size
    if fall is None or not any(w in sentence for w in fall.words):
        return found
    after = tuple(b + w for b in fall.before for w in fall.words)
    out: list[Quantity] = []
    for q in found:
        clause = sentence[_clause_start(sentence, q.start) : q.start]
        named = any(w in clause for w in fall.words) or sentence.startswith(after, q.end)
        rising = q.value.lo is not None and q.value.lo > 0
        plain = "decrease" not in q.flags and "comparison" not in q.flags
        if named and q.unit == "%" and rising and plain:
            q = _negated(q)
        out.append(q)
    return out


def _per_area(sentence: str, found: list[Quantity], g: Grammar) -> list[Quantity]:
    """每亩390公斤, 单产每公顷5845公斤, 亩产分别减少9.6公斤: a mass that is a yield, per
    the area its cue names (a clause opening with 比 or 较 goes on with the one before)."""
    per = g.rules.units.per_area
    if per is None or not any(c in sentence for c in per.cues):
        return found
    out: list[Quantity] = []
    for q in found:
        rates = per.units.get(q.unit)
        if rates:
            start = _clause_start(sentence, q.start)
            area = _area_cue(sentence[start : q.start], per.cues)
            opening = sentence[start : q.start].lstrip()
            if area is None and start > 0 and opening.startswith(tuple(per.carry_after)):
                area = _area_cue(sentence[_clause_start(sentence, start - 1) : start], per.cues)
            if area is not None and area in rates:
                q = q.model_copy(update={"unit": rates[area]})
        out.append(q)
    return out


def _area_cue(text: str, cues: dict[str, str]) -> str | None:
    """The area of the cue nearest the end of `text`."""
    at, area = -1, None
    for cue, unit in cues.items():
        pos = text.rfind(cue)
        if pos > at:
            at, area = pos, unit
    return area


def _in_base(q: Quantity, g: Grammar) -> Quantity:
    """A quantity in the base unit of its dimension: 74.6GW → 7.46e7 kW."""
    base = g.rules.units.bases.get(q.unit)
    if base is None:
        return q
    unit, factor = base
    v = q.value
    value = derive(
        v,
        lo=None if v.lo is None else rounded(v.lo * factor),
        hi=None if v.hi is None else rounded(v.hi * factor),
        precision=None if v.precision is None else v.precision * factor,
    )
    return q.model_copy(update={"unit": unit, "value": value})


def _candidates(sentence: str, g: Grammar) -> list[Quantity]:
    cands: list[tuple[int, int, int, Quantity]] = []
    found = g.triggers.found(sentence)
    for order, construct in enumerate(g.constructs):
        if construct.triggers and found.isdisjoint(construct.triggers):
            continue  # none of the words this construct is built on is here
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


SIGNED = {"percent", "amount", "count", "other"}
UNSIGNED_FLAGS = {"uniqueness", "label", "magnitude-class", "comparison", "rate", "ordinal"}


def _sign_changes(sentence: str, found: list[Quantity], g: Grammar) -> list[Quantity]:
    """同比下降4.5%, 回落3.1个百分点, 减少了3万户, 增长-2.1%: a fall is a negative change.
    The span stays on the number (flagged `decrease`): the word of change before it is
    what the metric is read from."""
    out: list[Quantity] = []
    for q in found:
        if q.kind in SIGNED and not UNSIGNED_FLAGS & set(q.flags):
            minus = q.start > 0 and sentence[q.start - 1] in MINUS
            before = sentence[max(0, q.start - 6) : q.start - minus]
            before = next(
                (before[: -len(p)] for p in g.number.particles if before.endswith(p)), before
            )
            # 12%-16%, 1万(含)-5万元: a dash between two amounts
            minus = minus and not (before[-1:].isdigit() or before.endswith(("%", ")", "）")))
            if minus:
                value = derive(q.value, text=sentence[q.start - 1 : q.end])
                q = q.model_copy(update={"start": q.start - 1, "value": value})
            word = _change_word(before, g)
            if minus != (word is not None and g.signs[word] < 0):
                q = _negated(q)
        out.append(q)
    return out


MINUS = ("-", "−")


def _change_word(before: str, g: Grammar) -> str | None:
    """The word of change `before` ends with (下降, 回落 …), if any."""
    return max((w for w in g.signs if before.endswith(w)), key=len, default=None)


def _negated(q: Quantity) -> Quantity:
    v = q.value
    value = derive(
        v,
        lo=None if v.hi is None else -v.hi,
        hi=None if v.lo is None else -v.lo,
        lo_open=v.hi_open,
        hi_open=v.lo_open,
    )
    return q.model_copy(update={"value": value, "flags": q.flags + ("decrease",)})


def _carry_qualifiers(sentence: str, found: list[Quantity], g: Grammar) -> list[Quantity]:
    """分别超过90%和80%, 分别下降3%和5%, 分别增长了3倍和12倍: what stands before a
    分别 list (a qualifier, the sign of a change, an ambiguous multiplier) holds for
    every item."""
    out = list(found)
    in_list = False
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        ahead = sentence[max(0, prev.start - 8) : prev.start]
        in_list = g.qualifier_gap.match(sentence[prev.end : cur.start]) is not None and (
            in_list or any(c in ahead for c in g.list_cues)
        )
        if in_list:
            out[i] = _carried(prev, cur, g)
    return out


def _approx_of(sentence: str, found: list[Quantity], g: Grammar) -> list[Quantity]:
    """约占全国的26%: 约 before a reference and 的 hedges the figure after them."""
    w = g.rules.qualifiers.constructs.approx_of
    out: list[Quantity] = []
    for q in found:
        before = sentence[max(0, q.start - 16) : q.start]
        cue = max((before.rfind(c) for c in w.words), default=-1)
        plain = cue >= 0 and not re.search(rf"[\d{ENDS}]", before[cue:])
        if plain and not q.qualifier and before.endswith(tuple(w.after)):
            q = _requalified(q, g.approx_word, g)
        out.append(q)
    return out


def _requalified(q: Quantity, word: str, g: Grammar) -> Quantity:
    """The quantity as it reads with `word` before it (约 + 26% → [25, 27])."""
    m = g.generic.fullmatch(word + q.value.text)
    again = _generic(m, m.string, g) if m else None
    if again is None or (again.kind, again.unit) != (q.kind, q.unit):
        return q
    value = derive(again.value, text=q.value.text)
    return q.model_copy(update={"value": value, "qualifier": word, "flags": q.flags + ("hedged",)})


def _carried(prev: Quantity, cur: Quantity, g: Grammar) -> Quantity:
    if prev.qualifier and not cur.qualifier:
        m = g.generic.fullmatch(prev.qualifier + cur.value.text)
        again = _generic(m, m.string, g) if m else None
        if again is not None and (again.kind, again.unit) == (cur.kind, cur.unit):
            value = derive(again.value, text=cur.value.text)
            flags = cur.flags + ("carried-qualifier",)
            cur = cur.model_copy(
                update={"value": value, "qualifier": prev.qualifier, "flags": flags}
            )
    if "decrease" in prev.flags and "decrease" not in cur.flags and cur.kind in SIGNED:
        cur = _negated(cur)
    if "ambiguous" in prev.flags and "ambiguous" not in cur.flags and cur.unit == g.ratio_unit:
        v = cur.value
        value = derive(v, hi=(v.hi or 0) + 1, precision=None)
        cur = cur.model_copy(update={"value": value, "flags": cur.flags + ("ambiguous",)})
    return cur


def _carry_units(sentence: str, found: list[Quantity], g: Grammar) -> list[Quantity]:
    """12.2万、10.6万件 / 11金、20银、190多项: a bare number takes the list's unit."""
    out = list(found)
    for i in range(len(out) - 1, -1, -1):
        q = out[i]
        if "no-unit" not in q.flags:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is not None and nxt.unit and g.list_gap.match(sentence[q.end : nxt.start]):
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
