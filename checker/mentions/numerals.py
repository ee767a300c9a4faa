"""Numbers as written: Arabic digits and Chinese numerals, with their precision.

`read_number("4600")` gives the value and two steps used for intervals:
- `last`: one unit of the last written digit (4600 → 1; 706.9 → 0.1), for exact values;
- `significant`: one unit of the last significant digit (4600 → 100; 190 → 10),
  for 约/左右 and 多/余; `digits` counts the significant digits.
Chinese numerals write no trailing zeros, so both steps are the place of their last
non-zero digit (二十 → 10, 八十万 → 100000), or of their last decimal (三点五 → 0.1).

A Chinese numeral is converted by cn2an (MIT licence), which reads capital numerals
(壹万贰仟), decimals with 点, negatives with 负, mixed forms (1万600, 1千2百) and amounts in
元角分, and refuses malformed numerals (十七十八) where a reading of our own gave a wrong
value; bare scale words (万, 百亿: the base of a rate or a magnitude class) and 廿/卅 are
read by `chinese_to_int`, which cn2an leaves out. The words beyond the digits and places
(点, 负, 几, 数, 廿, 俩, 萬 …) are the [numerals] table of rules/units.toml. What stands around a numeral (qualifiers,
ranges, scale words, units) is read by the constructs, never by the converter.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

import cn2an

from checker.ruleset.loading import shipped_numerals

WORDS = shipped_numerals()  # the point, minus, range and other numeral words of the rules
DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 10_000, "亿": 100_000_000}
CAPITALS = "壹贰叁肆伍陆柒捌玖拾佰仟"
CHINESE_NUMERAL = (
    "零〇一二两三四五六七八九十百千万亿"
    + "".join(WORDS.tens)
    + "".join(WORDS.colloquial)
    + CAPITALS
)
DIGIT_CHARS = "零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖"
POINT = WORDS.point
FEW = "".join(WORDS.few)  # 几十, 数百: numerals that name a range
SOME = WORDS.some  # 十几, 二十几
MINUS = WORDS.minus
SPELLING = str.maketrans({**WORDS.variants, **WORDS.colloquial})
TENS = dict(WORDS.tens)
DECIMAL_POINT = re.compile(rf"[{re.escape(POINT)}.]")
TOKEN = re.compile(r"\d+|.")


class Number(NamedTuple):
    value: float
    last: float  # one unit of the last written digit
    significant: float  # one unit of the last significant digit
    digits: int  # significant digits


def read_number(text: str) -> Number | None:
    text = text.replace(",", "").replace(" ", "").translate(SPELLING)
    if not text:
        return None
    sign = -1.0 if text[0] in "-−" and len(text) > 1 else 1.0
    bare = text[1:] if sign < 0 else text
    if bare[0].isdigit() and all(c.isdigit() or c == "." for c in bare):
        n = _arabic(bare)
        return None if n is None else n._replace(value=sign * n.value)
    return _chinese(text)


@lru_cache(maxsize=4096)
def _chinese(text: str) -> Number | None:
    """A numeral with Chinese characters: cn2an's reading, or ours for the forms it leaves
    out (万, 百亿, 廿, 卅); None for a malformed numeral (十七十八, 零点)."""
    if text.endswith(POINT):
        return None
    try:
        value = float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        own = chinese_to_int(text) if _own_form(text) else None
        if own is None:
            return None
        value = float(own)
    if POINT not in text and "." not in text and value.is_integer():
        step = float(_trailing_step(abs(int(value))))
        return Number(value, step, step, _digits(abs(int(value))))
    if POINT not in text and "." not in text:  # 元角分
        last = 0.1 if round(value * 10, 6).is_integer() else 0.01
        return Number(value, last, last, len(f"{abs(value) / last:.0f}".strip("0")) or 1)
    fraction = DECIMAL_POINT.split(text)[-1]
    places = len(fraction.rstrip("".join(SMALL) + "".join(BIG)))
    factor = 1.0
    for ch in fraction[places:]:
        factor *= SMALL.get(ch, BIG.get(ch, 1))
    last = 10.0**-places * factor
    digits = len(f"{abs(value) / last:.0f}".strip("0")) or 1
    return Number(value, last, last, digits)


def _own_form(text: str) -> bool:
    """Forms cn2an does not read: bare scale words (万, 百亿) and 廿/卅."""
    return all(c in SMALL or c in BIG for c in text) or any(c in TENS for c in text)


def _arabic(text: str) -> Number | None:
    try:
        dec = Decimal(text)
    except InvalidOperation:
        return None
    if "." in text:
        decimals = len(text.split(".")[1])
        last = 10.0**-decimals
        digits = len(text.replace(".", "").lstrip("0")) or 1
        return Number(float(dec), last, last, digits)
    value = int(dec)
    return Number(float(value), 1.0, float(_trailing_step(value)), _digits(value))


def _trailing_step(value: int) -> int:
    if value == 0:
        return 1
    step = 1
    while value % (step * 10) == 0:
        step *= 10
    return step


def _digits(value: int) -> int:
    return len(str(value).strip("0")) or 1


def chinese_to_int(text: str) -> int | None:
    """十八 → 18, 一千二百 → 1200, 两万五 → 25000, 八十万 → 800000, 百亿 → 1e10, 1千2百 → 1200."""
    for tens, spelled in TENS.items():
        text = text.replace(tens, spelled)
    if not text or any(c not in CHINESE_NUMERAL and not c.isdigit() for c in text):
        return None
    if len(text) > 1 and all(c in DIGITS for c in text):  # 二〇二四: digit by digit
        return int("".join(str(DIGITS[c]) for c in text))
    total = below_yi = section = number = 0
    last_unit = 0
    for ch in TOKEN.findall(text):
        if ch.isdigit():
            number = int(ch)
        elif ch in DIGITS:
            number = DIGITS[ch]
        elif ch in SMALL:
            section += (number or 1) * SMALL[ch]
            number, last_unit = 0, SMALL[ch]
        elif ch == "万":
            below_yi += ((section + number) or 1) * BIG[ch]
            section = number = 0
            last_unit = BIG[ch]
        else:  # 亿
            total += ((below_yi + section + number) or 1) * BIG[ch]
            below_yi = section = number = 0
            last_unit = BIG[ch]
    tail = TOKEN.findall(text)[-2:]
    if number and last_unit >= 10 and len(tail) == 2 and tail[0] in SMALL | BIG:
        number *= last_unit // 10  # colloquial 两万五 = 25000, 一千二 = 1200, 5万3 = 53000
    return total + below_yi + section + number


VAGUE = re.compile(
    rf"^(?:(?P<few>[{re.escape(FEW)}])(?P<tens>[十百千]+)"
    rf"|(?P<base>[一二三四五六七八九]?[十百]|十){re.escape(SOME)})$"
)
NEIGHBOURS = re.compile(
    r"^(?P<a>[一二三四五六七八九])(?P<b>[一二三四五六七八九])(?P<tail>[十百千万亿]*)$"
)


def vague_range(text: str) -> tuple[float, float] | None:
    """Numerals that name a range: 几十 and 数十 (10 to 100), 十几 (10 to 20), 二十几 (20 to
    30), and two numerals side by side, the smaller first (三五百 is 300 to 500, 八九 is 8
    to 9)."""
    m = VAGUE.match(text)
    if m and m.group("few"):
        unit = 1.0
        for ch in m.group("tens"):
            unit *= SMALL[ch]
        return unit, unit * 10
    if m:
        n = chinese_to_int(m.group("base"))
        if n is None:
            return None
        return float(n), float(n + _trailing_step(n))
    m = NEIGHBOURS.match(text)
    if m and DIGITS[m.group("a")] < DIGITS[m.group("b")]:
        unit = 1.0
        for ch in m.group("tail"):
            unit *= SMALL.get(ch, BIG.get(ch, 1))
        return DIGITS[m.group("a")] * unit, DIGITS[m.group("b")] * unit
    return None
