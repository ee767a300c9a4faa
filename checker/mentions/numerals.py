"""Numbers as written: Arabic digits and Chinese numerals, with their precision.

`read_number("4600")` gives the value and two steps used for intervals:
- `last`: one unit of the last written digit (4600 → 1; 706.9 → 0.1), for exact values;
- `significant`: one unit of the last significant digit (4600 → 100; 190 → 10),
  for 约/左右 and 多/余; `digits` counts the significant digits.
Chinese numerals write no trailing zeros, so both steps are the place of their last
non-zero digit (二十 → 10, 八十万 → 100000). Mixed forms (1千2百) read as Chinese ones with
Arabic digits in the digit places; 廿 and 卅 are 二十 and 三十.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

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
CHINESE_NUMERAL = "零〇一二两三四五六七八九十百千万亿廿卅"
TENS = {"廿": "二十", "卅": "三十"}
TOKEN = re.compile(r"\d+|.")


class Number(NamedTuple):
    value: float
    last: float  # one unit of the last written digit
    significant: float  # one unit of the last significant digit
    digits: int  # significant digits


def read_number(text: str) -> Number | None:
    text = text.replace(",", "").replace(" ", "")
    if not text:
        return None
    if text[0].isdigit() and not any(c in SMALL or c in BIG for c in text):
        return _arabic(text)
    value = chinese_to_int(text)
    if value is None:
        return None
    step = _trailing_step(value)
    return Number(float(value), float(step), float(step), _digits(value))


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
