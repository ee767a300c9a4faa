"""Numbers, money, durations, periods and units as expression tables.

Most rows are sentences of our own. Rows marked `peer` are test cases of two libraries
that specialise in this, taken verbatim with the expectation translated into crosscheck's
terms, where we agree with them for a news checker: cn2an (github.com/Ailln/cn2an, MIT
licence: cn2an/cn2an_test.py, cn2an/transform_test.py) and JioNLP
(github.com/dongrixinyu/JioNLP, Apache-2.0 licence: test/test_money_parser.py,
test/test_time_parser.py). All of their in-scope cases are measured by bench/peers.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker.ingest.documents import parse_document
from checker.mentions.numerals import read_number, vague_range
from checker.mentions.periods import extract_periods
from checker.mentions.quantities import extract_quantities
from checker.models import Period, Quantity
from checker.pipeline import Toolkit
from checker.repair.normalize import normalize
from checker.ruleset import load_ruleset

RULES = load_ruleset()
ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT.parent / "shared" / "peer-cases" / "cases.jsonl"


def _text(text: str, toolkit: Toolkit) -> str:
    return normalize(parse_document(text.encode(), "t.txt", "t.txt"), toolkit.repairer).text


def quantities(text: str, toolkit: Toolkit) -> list[Quantity]:
    norm = _text(text, toolkit)
    return extract_quantities(norm, 0, len(norm), toolkit.mentions.quantities)


def widest_period(text: str, pub: str | None, toolkit: Toolkit) -> Period | None:
    norm = _text(text, toolkit)
    found = extract_periods(norm, 0, len(norm), toolkit.mentions.periods, pub)
    found = [p for p in found if p.kind != "unresolved"]
    return max(found, key=lambda p: p.end - p.start, default=None)


# ---- numerals ---------------------------------------------------------------------------

NUMERALS = [
    # (numeral, value or None when it must be refused)
    ("三点五", 3.5),
    ("一点二", 1.2),
    ("负三点八", -3.8),
    ("零点零五", 0.05),
    ("壹万贰仟叁佰", 12300),
    ("肆拾伍", 45),
    ("两万五", 25000),
    ("1万600", 10600),  # not 610000
    ("八十万", 800000),
    ("万", 10000),  # the base of 每万人: cn2an leaves it out, we keep it
    ("廿三", 23),
    ("十七十八", None),
    ("百十一", None),  # peer (cn2an): malformed
    ("壹佰壹拾壹圆整", 111),  # peer (cn2an)
    ("负一七二零点一", -1720.1),  # peer (cn2an)
    ("一七二零", 1720),  # peer (cn2an): digit by digit
]


@pytest.mark.parametrize("text,value", NUMERALS, ids=[t for t, _ in NUMERALS])
def test_numbers_read_or_refused(text: str, value: float | None) -> None:
    n = read_number(text)
    assert (n and n.value) == value if value is not None else n is None


@pytest.mark.parametrize(
    "text,span",
    [("几十", (10, 100)), ("数百", (100, 1000)), ("十几", (10, 20)), ("三十几", (30, 40)),
     ("三五百", (300, 500)), ("七八", (7, 8)), ("八七", None), ("三十", None)],
)  # fmt: skip
def test_numbers_vague_numerals_name_ranges(text: str, span: tuple[int, int] | None) -> None:
    assert vague_range(text) == span


# ---- quantities: money, ranges, durations --------------------------------------------

QUANTITIES = [
    # (sentence, unit, lo, hi)
    ("全年投资增长百分之三点五。", "%", 3.5, 3.5),
    ("营收一点二万亿元。", "元", 1.2e12, 1.2e12),
    ("气温降到负五点五度以下时", None, None, None),  # 度 alone is no unit: nothing read
    ("项目总投资七千到九千亿元。", "元", 7e11, 9e11),
    ("每人补贴一百二十到一百五十万元。", "元", 1.2e6, 1.5e6),
    ("奖金1万元--5万元不等。", "元", 1e4, 5e4),
    ("租金从6500到2万港元不等", "港元", 6500, 2e4),  # a scale reaches back only if it fits
    ("补助1-3万元", "元", 1e4, 3e4),
    ("年薪在2——3万港币之间。", "港元", 2e4, 3e4),
    ("门票售价为350新台币。", "新台币", 350, 350),
    ("港币两千九百六十元", "港元", 2960, 2960),  # peer (JioNLP)
    ("三万元欧元", "欧元", 30000, 30000),  # peer (JioNLP)
    ("9000元日币", "日元", 9000, 9000),  # peer (JioNLP)
    ("两个亿卢布", "卢布", 2e8, 2e8),  # peer (JioNLP)
    ("他花了十块三毛钱买菜。", "元", 10.3, 10.3),
    ("一百三十五块六角七分钱", "元", 135.67, 135.67),  # peer (JioNLP)
    ("操场边放着三块石头。", "块", 3, 3),  # 块 counts stones where no money is spoken of
    ("账户里有123元4角5分。", "元", 123.45, 123.45),
    ("工期延长了17个多月。", "个月", 17, 18),
    ("检修用了100到200个小时。", "小时", 100, 200),
    ("课程为期四个星期。", "周", 4, 4),
    ("装机达到74.6GW。", "kW", 7.46e7, 7.46e7),
    ("装机达到7460万千瓦。", "kW", 7.46e7, 7.46e7),
    ("发电量1.2TWh。", "kWh", 1.2e9, 1.2e9),
    ("发电量12亿千瓦时。", "kWh", 1.2e9, 1.2e9),
    ("单机容量3.5MW。", "kW", 3500, 3500),
    ("播种面积30公顷。", "平方米", 3e5, 3e5),
    ("全县水稻单产每亩520公斤，比上年增加6.5公斤。", "公斤/亩", 6.5, 6.5),
    ("小麦每公顷产量6300公斤。", "公斤/亩", 420, 420),
    ("玉米亩产分别减少3.2公斤和1.8公斤", "公斤/亩", -1.8, -1.8),
    ("全年粮食总产量82亿斤。", "吨", 4.1e6, 4.1e6),  # a total, no yield
    ("出口降幅收窄到4.5%。", "%", -4.5, -4.5),
    ("较上月6%的降幅有所收窄", "%", -6, -6),
    ("跌幅扩大0.3个百分点", "pp", 0.3, 0.3),  # a gap in points is no fall
    ("销量分别扩大0.3个和0.2个百分点", "pp", 0.3, 0.3),
    ("营收年减7.5%", "%", -7.5, -7.5),
]


@pytest.mark.parametrize(
    "text,unit,lo,hi", QUANTITIES, ids=[f"{i}:{r[0]}" for i, r in enumerate(QUANTITIES)]
)
def test_numbers_quantities_as_written(
    text: str, unit: str | None, lo: float | None, hi: float | None, toolkit: Toolkit
) -> None:
    found = quantities(text, toolkit)
    if unit is None:
        assert not found, found
        return
    assert any(
        q.unit == unit
        and q.value.lo is not None
        and q.value.hi is not None
        and abs(q.value.lo - lo) <= 1e-6 * max(1.0, abs(lo))
        and abs(q.value.hi - hi) <= 1e-6 * max(1.0, abs(hi))
        for q in found
    ), [(q.value, q.unit) for q in found]


def test_numbers_durations_are_never_counts(toolkit: Toolkit) -> None:
    for text in ("三个多月以来的涨幅", "用了两个半小时", "历时五个季度", "等了十个工作日"):
        assert all(q.unit != "个" for q in quantities(text, toolkit)), text


# ---- units: every unit word to its base --------------------------------------------------

BASES = [
    # (unit word, base unit, dimension, factor)
    ("GW", "kW", "power", 1e6),
    ("吉瓦", "kW", "power", 1e6),
    ("兆瓦", "kW", "power", 1e3),
    ("千瓦", "kW", "power", 1),
    ("TWh", "kWh", "energy", 1e9),
    ("兆瓦时", "kWh", "energy", 1e3),
    ("度", "kWh", "energy", 1),
    ("公斤", "吨", "mass", 1e-3),
    ("斤", "吨", "mass", 5e-4),
    ("亩", "平方米", "area", 10000 / 15),
    ("公顷", "平方米", "area", 1e4),
    ("平方公里", "平方米", "area", 1e6),
    ("升", "立方米", "volume", 1e-3),
    ("PB", "TB", "data", 1e3),
    ("EFLOPS", "PFLOPS", "compute", 1e3),
    ("美金", "美元", "money_美元", 1),
    ("台币", "新台币", "money_新台币", 1),
    ("日币", "日元", "money_日元", 1),
    ("人次", "人次", "count", 1),
    ("名", "人", "count", 1),
]


@pytest.mark.parametrize("word,base,dimension,factor", BASES, ids=[b[0] for b in BASES])
def test_numbers_units_to_base(word: str, base: str, dimension: str, factor: float) -> None:
    got = RULES.units.base(word)
    assert got[:2] == (base, dimension) and abs(got[2] - factor) <= 1e-9 * factor


def test_numbers_every_unit_has_a_base_of_its_dimension() -> None:
    units = RULES.units
    for word in units.aliases:
        base, dimension, factor = units.base(word)
        assert factor > 0 and units.dimensions[base] == dimension, word


def test_numbers_currencies_never_share_a_dimension() -> None:
    currencies = [c.unit for c in RULES.units.currency]
    dims = {RULES.units.dimensions[c] for c in currencies}
    assert len(dims) == len(currencies)


PAIRS = [
    # (figure in one article, figure in another, finding kind)
    ("82.5GW", "8250万千瓦", "corroboration"),
    ("82.5GW", "8600万千瓦", "conflict"),
    ("3.6TWh", "36亿千瓦时", "corroboration"),
    ("4.2MW", "4200千瓦", "corroboration"),
    ("150万公顷", "2250万亩", "corroboration"),
    ("12亿港元", "12亿元", None),  # two currencies never compare
]


@pytest.mark.parametrize("first,second,kind", PAIRS, ids=[f"{a}~{b}" for a, b, _ in PAIRS])
def test_numbers_one_quantity_in_two_spellings_is_compared(
    first: str, second: str, kind: str | None, run_cli, tmp_path: Path
) -> None:
    for name, figure, day in (("a.txt", first, "01"), ("b.txt", second, "02")):
        (tmp_path / name).write_text(
            f"---\ndate: 2025-04-{day}\n---\n据湖南省统计局数据，到2024年末湖南某项指标达到{figure}。\n",
            encoding="utf-8",
        )
    result = run_cli("check", str(tmp_path), "--format", "json", "-q")
    kinds = {f["kind"] for f in json.loads(result.out)["findings"]}
    assert (kind in kinds) if kind else not kinds & {"corroboration", "conflict"}, kinds


# ---- periods ---------------------------------------------------------------------------

PERIODS = [
    # (text, publication date, first day, last day)
    ("2023年6月5日至6月18日", "2024-03-01", 20230605, 20230618),
    ("2022年3月至9月", "2024-03-01", 20220301, 20220930),
    ("2030年前", "2024-03-01", 20240301, 20301231),  # a deadline, not 2030 years ago
    ("二〇一八年十月三日", "2024-03-01", 20181003, 20181003),
    ("16年4月", "2024-03-01", 20160401, 20160430),
    ("零九年五月", "2024-03-01", 20090501, 20090531),
    ("2020-07-15", "2024-03-01", 20200715, 20200715),
    ("2020.7.15", "2024-03-01", 20200715, 20200715),
    ("20200715", "2024-03-01", 20200715, 20200715),
    ("昨天", "2024-03-01", 20240229, 20240229),
    ("上个月", "2024-03-01", 20240201, 20240229),
    ("本季度", "2024-05-20", 20240401, 20240630),
    ("上周", "2024-05-22", 20240513, 20240519),
    ("10天后", "2024-05-22", 20240601, 20240601),
    ("近30天", "2024-05-22", 20240422, 20240522),
    ("去年中秋", "2024-05-22", 20230929, 20230929),
    ("2023年春节", "2024-05-22", 20230122, 20230122),
    ("农历八月十五", "2024-05-22", 20240917, 20240917),
    ("2022年11月到去年3月", "2024-05-22", 20221101, 20230331),
    ("2019年起", "2024-05-22", 20190101, 20240522),
    ("7月下旬", "2024-09-10", 20240721, 20240731),
    ("10月1日至7日", "2024-05-22", 20231001, 20231007),  # the second half in the first's month
    ("上上个月", "2024-05-22", 20240301, 20240331),
    ("2018-11-29", "2021-06-14", 20181129, 20181129),  # peer (JioNLP)
    ("2017年8月11日至8月22日", "2021-06-14", 20170811, 20170822),  # peer (JioNLP)
    ("零七年八月二十九号", "2017-10-30", 20070829, 20070829),  # peer (JioNLP)
    ("二〇三五年前", "2021-06-14", 20210614, 20351231),  # peer (JioNLP)
    ("去年春节", "2020", 20190205, 20190205),  # peer (JioNLP)
    # public holidays: the official days off of the year (lunar-python's schedule)
    ("2025年国庆中秋假期", "2025-11-02", 20251001, 20251008),
    ("中秋国庆双节假期", "2023-10-09", 20230929, 20231006),
    ("去年国庆假期", "2025-03-01", 20241001, 20241007),
    ("今年国庆", "2024-10-09", 20241001, 20241007),
    ("国庆期间", "2024-10-09", 20241001, 20241007),
    ("国庆期间", "2025-01-15", 20241001, 20241007),  # far ahead: last year's
    ("国庆当天", "2024-10-09", 20241001, 20241001),
    ("国庆节", "2024-10-09", 20241001, 20241001),
    ("中秋节", "2024-10-09", 20240917, 20240917),
    ("五一小长假", "2024-05-10", 20240501, 20240505),
    ("清明假期", "2025-04-10", 20250404, 20250406),
    ("清明节", "2025-04-10", 20250404, 20250404),
    ("端午假期", "2024-06-12", 20240608, 20240610),
    ("2024年元旦假期", "2024-01-05", 20231230, 20240101),
    ("春节黄金周", "2025-02-10", 20250128, 20250204),
    ("春节期间", "2025-02-10", 20250101, 20250228),  # the season around it, whole months
    ("2030年春节假期", "2030-02-20", 20300101, 20300228),  # no schedule: the days around it
    ("2030年国庆假期", "2030-10-10", 20301001, 20301001),  # no schedule: the festival's day
    ("三个多月以来", "2019-08-22", 20190501, 20190822),  # peer (JioNLP)
]


@pytest.mark.parametrize("text,pub,lo,hi", PERIODS, ids=[f"{r[0]}@{r[1]}" for r in PERIODS])
def test_numbers_periods(text: str, pub: str, lo: int, hi: int, toolkit: Toolkit) -> None:
    p = widest_period(text, pub, toolkit)
    assert p is not None and (p.lo, p.hi) == (lo, hi), p


def test_numbers_a_figure_and_a_date_never_share_characters(toolkit: Toolkit) -> None:
    for text in ("共2000余元。", "有2025名考生。", "增长20240307元"):
        norm = _text(text, toolkit)
        periods = extract_periods(norm, 0, len(norm), toolkit.mentions.periods, "2025-06-01")
        assert not any(p.lo is not None for p in periods), (text, periods)


# ---- the peers' own cases ------------------------------------------------------------------


def test_numbers_peer_cases_floor() -> None:
    """bench/peers.py over every in-scope peer case: the rates measured when set."""
    if not PEERS.is_file():
        if os.environ.get("CI"):
            pytest.fail("the peer cases (../shared/peer-cases) are not beside the checkout")
        pytest.skip("the peer cases (../shared/peer-cases) are not beside the checkout")
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import peers  # type: ignore[import-not-found]

    cases = [json.loads(line) for line in PEERS.read_text(encoding="utf-8").splitlines() if line]
    results = peers.run([c for c in cases if c["in_scope"]], Toolkit(RULES))
    correct = sum(outcome == "correct" for _, outcome, _ in results)
    assert not [c["id"] for c, outcome, _ in results if outcome == "crash"]
    assert correct / len(results) >= 0.85, correct  # 589 of 689 when set
    for family in {c["family"] for c, _, _ in results}:
        outcomes = [o for c, o, _ in results if c["family"] == family]
        assert outcomes.count("correct") / len(outcomes) >= 0.70, family
