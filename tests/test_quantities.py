"""Expression table: every gold value_text of the seeds, then constructs in both scripts."""

from __future__ import annotations

import math

import pytest
from conftest import gold_rows
from hypothesis import given
from hypothesis import strategies as st

from checker.claims.evaluate import evaluate
from checker.ingest.documents import parse_document
from checker.mentions.collect import sentence_mentions
from checker.mentions.grammar import TriggerWords
from checker.mentions.numerals import read_number
from checker.models import Analysis, Quantity, Sentence
from checker.pipeline import Toolkit
from checker.repair.normalize import normalize

PUB = {str(d["doc"]): str(d["pub_date_estimate"]) for d in gold_rows("seed-docs.jsonl")}
GOLD = [r for r in gold_rows("seed-claims.jsonl") if not r.get("implicit")]


def quantities_in(
    text: str, toolkit: Toolkit, pub: str | None = "2025-07"
) -> tuple[list[Quantity], str, object]:
    norm = normalize(parse_document(text.encode(), "q.txt", "q.txt"), toolkit.repairer)
    sentence = Sentence(
        index=0,
        start=0,
        end=len(norm.text),
        span=(0, len(text)),
        line=1,
        paragraph=0,
        text=norm.text,
    )
    found = sentence_mentions(norm.text, sentence, pub, toolkit.mentions).quantities
    return list(found), norm.text, norm.offsets


def quantity_at(text: str, piece: str, toolkit: Toolkit, pub: str | None) -> Quantity | None:
    """The quantity found over `piece`, a substring of the original `text`."""
    found, _, offsets = quantities_in(text, toolkit, pub)
    a = text.index(piece)
    b = a + len(piece)

    def overlap(q: Quantity) -> int:
        s, e = offsets.span(q.start, q.end)  # type: ignore[attr-defined]
        return min(e, b) - max(s, a)

    best = max(found, key=overlap, default=None)
    return best if best is not None and overlap(best) > 0 else None


def same(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is y
    return math.isclose(x, y, rel_tol=1e-4, abs_tol=1e-4)


def check(
    q: Quantity | None,
    kind: str,
    unit: str,
    lo: float | None,
    hi: float | None,
    lo_open: bool = False,
    hi_open: bool = False,
) -> None:
    assert q is not None, "nothing found"
    got = (q.kind, q.unit, q.value.lo, q.value.hi, q.value.lo_open, q.value.hi_open)
    assert (q.kind, q.unit) == (kind, unit), got
    assert same(q.value.lo, lo) and same(q.value.hi, hi), got
    assert (q.value.lo_open, q.value.hi_open) == (lo_open, hi_open), got


# Where the seed gold and the development-corpus gold write one thing two ways, the checker
# follows the development corpus; these rows are expected to differ.
GOLD_DIFFERS = {
    "002-016": "首次 is 1 个 (the first one, as 率先 and 首个 are; the dev corpus), not 1 次",
    "002-017": "首次 is 1 个 (the first one, as 率先 and 首个 are; the dev corpus), not 1 次",
}
GOLD_ROWS = [
    pytest.param(r, marks=pytest.mark.xfail(strict=True, reason=GOLD_DIFFERS[r["id"]]))
    if r["id"] in GOLD_DIFFERS
    else r
    for r in GOLD
]


@pytest.mark.parametrize("row", GOLD_ROWS, ids=[f"{r['id']}:{r['value_text']}" for r in GOLD])
def test_quantities_gold_value_texts(row: dict, toolkit: Toolkit) -> None:
    v = row["value"]
    q = quantity_at(row["quote"], row["value_text"], toolkit, PUB[row["doc"]])
    check(q, row["kind"], row["unit"], v["lo"], v["hi"], v["lo_open"], v["hi_open"])


# (text, kind, unit, lo, hi, lo_open, hi_open): each construct, both scripts, awkward forms.
CASES = [
    ("1.7万亿元", "amount", "元", 1.7e12, 1.7e12, False, False),
    ("1.7萬億元", "amount", "元", 1.7e12, 1.7e12, False, False),
    ("17000亿", "magnitude", "", 0, 0, False, False),
    ("17000亿元", "amount", "元", 1.7e12, 1.7e12, False, False),
    ("八十万件", "count", "件", 8e5, 8e5, False, False),
    ("八十萬件", "count", "件", 8e5, 8e5, False, False),
    ("800000件", "count", "件", 8e5, 8e5, False, False),
    ("800,000件", "count", "件", 8e5, 8e5, False, False),
    ("８０万件", "count", "件", 8e5, 8e5, False, False),
    ("百分之六十", "percent", "%", 60, 60, False, False),
    ("百分之六十以上", "percent", "%", 60, None, False, False),
    ("60%", "percent", "%", 60, 60, False, False),
    ("６０％", "percent", "%", 60, 60, False, False),
    ("7成以上", "percent", "%", 70, None, False, False),
    ("七成", "percent", "%", 70, 70, False, False),
    ("近三分之一", "fraction", "share", 0.3, 0.3333, False, True),
    ("三分之二", "fraction", "share", 0.6667, 0.6667, False, False),
    ("190多项", "count", "项", 190, 200, False, True),
    ("190多項", "count", "项", 190, 200, False, True),
    ("1—2个", "count", "个", 1, 2, False, False),
    ("1-2个", "count", "个", 1, 2, False, False),
    ("3至5年", "other", "年", 3, 5, False, False),
    ("5-20%", "percent", "%", 5, 20, False, False),
    ("超7.6萬家", "count", "家", 76000, None, True, False),
    ("超7.6万家", "count", "家", 76000, None, True, False),
    ("5099.61億元", "amount", "元", 509961000000, 509961000000, False, False),
    ("5350亿 元", "amount", "元", 5.35e11, 5.35e11, False, False),
    ("9000 億元", "amount", "元", 9e11, 9e11, False, False),
    ("突破80万件", "count", "件", 8e5, None, True, False),
    ("突破80萬件", "count", "件", 8e5, None, True, False),
    ("超过5100亿元", "amount", "元", 5.1e11, None, True, False),
    ("逾百亿元", "amount", "元", 1e10, None, True, False),
    ("80%以上", "percent", "%", 80, None, False, False),
    ("7万多家", "count", "家", 7e4, 8e4, False, True),
    ("1000余项", "count", "项", 1000, 2000, False, True),
    ("近1200项", "count", "项", 1080, 1200, False, True),
    ("将近400家", "count", "家", 360, 400, False, True),
    ("接近400家", "count", "家", 360, 400, False, True),
    ("约4600亿元", "amount", "元", 4.5e11, 4.7e11, False, False),
    ("約4600億元", "amount", "元", 4.5e11, 4.7e11, False, False),
    ("约1350亿元", "amount", "元", 1.34e11, 1.36e11, False, False),
    ("40%左右", "percent", "%", 35, 45, False, False),
    ("不到10个", "count", "个", None, 10, False, True),
    ("不足10個", "count", "个", None, 10, False, True),
    ("高达707亿元", "amount", "元", 7.07e10, 7.07e10, False, False),
    ("达53.3%", "percent", "%", 53.3, 53.3, False, False),
    ("至少有29个", "count", "个", 29, None, False, False),
    ("5亿美元", "amount", "美元", 5e8, 5e8, False, False),
    ("30亿港元", "amount", "港元", 3e9, 3e9, False, False),
    ("翻一番", "ratio", "倍", 2, 2, False, False),
    ("翻兩番", "ratio", "倍", 4, 4, False, False),
    ("增长四倍", "ratio", "倍", 4, 5, False, False),
    ("是全国平均水平的6倍", "ratio", "倍", 6, 6, False, False),
    ("提高30倍", "ratio", "倍", 30, 30, False, False),
    ("居全国第一", "rank", "位", 1, 1, False, False),
    ("位居全國首位", "rank", "位", 1, 1, False, False),
    ("稳居榜首", "rank", "位", 1, 1, False, False),
    ("位居全国前五", "rank", "位", 1, 5, False, False),
    ("进入全球前十", "rank", "位", 1, 10, False, False),
    ("排名第二位", "rank", "位", 2, 2, False, False),
    ("居全国第6", "rank", "位", 6, 6, False, False),
    ("位列第一梯队", "rank", "梯队", 1, 1, False, False),
    ("跻身世界500强", "rank", "位", 1, 500, False, False),
    ("连续25年", "streak", "年", 25, 25, False, False),
    ("連續八年", "streak", "年", 8, 8, False, False),
    ("连续两个季度", "streak", "季度", 2, 2, False, False),
    ("連續5年", "streak", "年", 5, 5, False, False),
    ("五大未来产业集群", "count", "个", 5, 5, False, False),
    ("十大战略性新兴产业集群", "count", "个", 10, 10, False, False),
    ("十大戰略性新興產業集群", "count", "个", 10, 10, False, False),
    ("万亿元级别", "amount", "元", 1e12, None, False, False),
    ("千亿级产业", "magnitude", "", 1e11, None, False, False),
    ("万亿级赛道", "magnitude", "", 1e12, None, False, False),
    ("2024年6月", "date", "date", 20240601, 20240630, False, False),
    ("2024年6月", "date", "date", 20240601, 20240630, False, False),
    ("12月30日", "date", "date", 20241230, 20241230, False, False),
    ("3月4日", "date", "date", 20250304, 20250304, False, False),
    ("160kW", "other", "kW", 160, 160, False, False),
    ("1420万全球用户", "count", "人", 1.42e7, 1.42e7, False, False),
    ("全球首个", "other", "个", 1, 1, False, False),
    ("全國首家", "other", "家", 1, 1, False, False),
    ("提高了5个百分点", "percent", "pp", 5, 5, False, False),
    ("一半左右", "fraction", "share", 0.45, 0.55, False, False),
    ("3千件", "count", "件", 3000, 3000, False, False),
    ("两万五千件", "count", "件", 25000, 25000, False, False),
]


# (text, kind, unit, lo, hi, lo_open, hi_open): the quantities issue, sentences written for it.
MORE_CASES = [
    # signed changes: a fall is negative, a rise positive, percentage points keep pp
    ("社会消费品零售总额下降3.2%", "percent", "%", -3.2, -3.2, False, False),
    ("出口额同比减少2.7%", "percent", "%", -2.7, -2.7, False, False),
    ("利润增速回落3.1个百分点", "percent", "pp", -3.1, -3.1, False, False),
    ("工业产值萎缩0.8%", "percent", "%", -0.8, -0.8, False, False),
    ("房价环比下滑1.5%", "percent", "%", -1.5, -1.5, False, False),
    ("能耗强度降低2.4%", "percent", "%", -2.4, -2.4, False, False),
    ("股价下跌6.5%", "percent", "%", -6.5, -6.5, False, False),
    ("失业率下调0.2个百分点", "percent", "pp", -0.2, -0.2, False, False),
    ("增速放缓0.5个百分点", "percent", "pp", -0.5, -0.5, False, False),
    ("投资同比降5%", "percent", "%", -5, -5, False, False),
    ("营收下降了20%", "percent", "%", -20, -20, False, False),
    ("成本比上年下降约12%", "percent", "%", -13, -11, False, False),
    ("库存减少3万户", "count", "户", -30000, -30000, False, False),
    ("亏损减少5亿元", "amount", "元", -5e8, -5e8, False, False),
    ("出口下降超过10%", "percent", "%", None, -10, False, True),
    ("同比增长-2.1%", "percent", "%", -2.1, -2.1, False, False),
    ("营收增长4.5%", "percent", "%", 4.5, 4.5, False, False),
    ("占比提高1.2个百分点", "percent", "pp", 1.2, 1.2, False, False),
    ("增速加快0.9个百分点", "percent", "pp", 0.9, 0.9, False, False),
    ("收入上升7%", "percent", "%", 7, 7, False, False),
    ("增长率由3.2%降至2.1%", "percent", "%", 3.2, 3.2, False, False),  # 降至: a level
    # energy apart from power; other dimensions
    ("全年用电量7521亿千瓦时", "other", "kWh", 7.521e11, 7.521e11, False, False),
    ("用电量为320亿度", "other", "kWh", 3.2e10, 3.2e10, False, False),
    ("储能出货86.3吉瓦时", "other", "GWh", 86.3, 86.3, False, False),
    ("装机量215.6GWh", "other", "GWh", 215.6, 215.6, False, False),
    ("单车带电量62.5kWh", "other", "kWh", 62.5, 62.5, False, False),
    ("发电量1.2万亿千瓦时", "other", "kWh", 1.2e12, 1.2e12, False, False),
    ("新增装机3.5万千瓦", "other", "kW", 35000, 35000, False, False),
    ("装机500千瓦", "other", "kW", 500, 500, False, False),  # regression: read as 500千 + 瓦
    ("电量500千瓦时", "other", "kWh", 500, 500, False, False),
    ("全长3千米", "other", "公里", 3, 3, False, False),
    ("光伏装机达到120吉瓦", "other", "GW", 120, 120, False, False),
    ("风电装机45GW", "other", "GW", 45, 45, False, False),
    ("储能规模800兆瓦时", "other", "MWh", 800, 800, False, False),
    ("粮食产量652亿斤", "other", "斤", 6.52e10, 6.52e10, False, False),
    ("数据存储规模超过800PB", "other", "PB", 800, None, True, False),
    ("算力规模达到180EFLOPS", "other", "EFLOPS", 180, 180, False, False),
    ("峰值算力20PFlops以上", "other", "PFLOPS", 20, None, False, False),
    ("输送算力约1500万卡时", "other", "卡时", 1.4e7, 1.6e7, False, False),
    ("排名前移2个位次", "other", "位", 2, 2, False, False),
    # rates per head
    ("宽带普及率达98.5部/百人", "other", "部/百人", 98.5, 98.5, False, False),
    ("每万名员工拥有机器人392台", "other", "台/万人", 392, 392, False, False),
    ("每百户居民拥有汽车45辆", "other", "辆/百户", 45, 45, False, False),
    ("每千人拥有医生3.2人", "other", "人/千人", 3.2, 3.2, False, False),
    ("人均消费为2.8万元/人", "other", "元/人", 2.8e4, 2.8e4, False, False),
    # classifiers kept
    ("全年销售汽车338.6万辆", "count", "辆", 3.386e6, 3.386e6, False, False),
    ("卖出16.8万套机器人", "count", "套", 1.68e5, 1.68e5, False, False),
    ("装配工业机器人2.4万台", "count", "台", 2.4e4, 2.4e4, False, False),
    ("建成换电站920座", "count", "座", 920, 920, False, False),
    ("芯片产量达到4200亿块", "count", "块", 4.2e11, 4.2e11, False, False),
    ("在用标准机架超过600万架", "count", "架", 6e6, None, True, False),
    ("发射卫星36颗", "count", "颗", 36, 36, False, False),
    ("主要产品185种", "count", "种", 185, 185, False, False),
    ("新建线路12条", "count", "条", 12, 12, False, False),
    ("游客达到3200万人次", "count", "人次", 3.2e7, 3.2e7, False, False),
    ("签约高校14所", "count", "所", 14, 14, False, False),
    ("8座城市", "count", "个", 8, 8, False, False),
    # Chinese numerals with 余/多 inside a scale, mixed forms, 两, 廿
    ("保有量一千一百六十余万辆", "count", "辆", 1.16e7, 1.17e7, False, True),
    ("惠及农户三百多万户", "count", "户", 3e6, 4e6, False, True),
    ("企业四十余家", "count", "家", 40, 50, False, True),
    ("产量3500多亿块", "count", "块", 3.5e11, 3.6e11, False, True),
    ("装机1千2百万千瓦", "other", "kW", 1.2e7, 1.2e7, False, False),
    ("投资3千5百万元", "amount", "元", 3.5e7, 3.5e7, False, False),
    ("两千三百万元", "amount", "元", 2.3e7, 2.3e7, False, False),
    ("两万辆", "count", "辆", 2e4, 2e4, False, False),
    ("廿五年", "other", "年", 25, 25, False, False),
    ("廿三万人", "count", "人", 2.3e5, 2.3e5, False, False),
    # ranges: one interval claim
    ("增速在12%至16%之间", "percent", "%", 12, 16, False, False),
    ("增速为12%-16%", "percent", "%", 12, 16, False, False),
    ("增长4.5%到5%", "percent", "%", 4.5, 5, False, False),
    ("规模1.3万亿至1.6万亿元", "amount", "元", 1.3e12, 1.6e12, False, False),
    ("招聘200～300人", "count", "人", 200, 300, False, False),
    ("培育3到5家龙头企业", "count", "家", 3, 5, False, False),
    ("从14%到18%", "percent", "%", 14, 14, False, False),  # from-to: two figures
    # thresholds: an open lower bound
    ("GDP首次跃上3万亿元台阶", "amount", "元", 3e12, None, False, False),
    ("销量迈上500万辆新台阶", "count", "辆", 5e6, None, False, False),
    ("产量连续两年站上1000万辆", "count", "辆", 1e7, None, False, False),
    ("营收突破千亿元大关", "amount", "元", 1e11, None, True, False),
    ("总量登上10万亿元台阶", "amount", "元", 1e13, None, False, False),
    ("价格跌破3000元", "amount", "元", None, 3000, False, True),
    # shares: one in N, N of M, N:M
    ("每销售4台空调,就有3台是变频空调", "fraction", "share", 0.75, 0.75, False, False),
    ("每卖出5辆车就有2辆是电动车", "fraction", "share", 0.4, 0.4, False, False),
    ("十家企业中有七家实现盈利", "fraction", "share", 0.7, 0.7, False, False),
    ("5个项目中有3个已开工", "fraction", "share", 0.6, 0.6, False, False),
    ("占比超过1/5", "fraction", "share", 0.2, None, True, False),
    ("约占总量的1/4", "fraction", "share", 0.25, 0.25, False, False),
    ("占全国产量的一半以上", "fraction", "share", 0.5, None, False, False),
    ("车桩比为1:2.5", "ratio", "倍", 2.5, 2.5, False, False),
    ("车桩比例约为1:3", "ratio", "倍", 3, 3, False, False),
    ("产业结构为4.1∶35.6∶60.3", "percent", "%", 35.6, 35.6, False, False),
    # multiples
    ("增长了3倍", "ratio", "倍", 3, 4, False, False),
    ("增长了200多倍", "ratio", "倍", 200, 301, False, True),
    ("产能是原来的两倍多", "ratio", "倍", 2, 3, False, True),
    ("产能实现翻番", "ratio", "倍", 2, 2, False, False),
    ("用了一年半时间", "other", "年", 1.5, 1.5, False, False),
    ("工期三个半月", "other", "个月", 3.5, 3.5, False, False),
    ("销量占比已过半", "percent", "%", 50, None, True, False),
    # ordinal counts: the ninth of its kind, so at least nine
    ("全国第九个国家级新区", "count", "个", 9, None, False, False),
    ("全省第十二家上市银行", "count", "家", 12, None, False, False),
    ("第三座跨海大桥", "count", "座", 3, None, False, False),
    # uniqueness: the first one
    ("首次举办", "other", "个", 1, 1, False, False),
    ("首度亮相", "other", "个", 1, 1, False, False),
    ("约有6000个", "count", "个", 5500, 6500, False, False),
    # 约 over a reference, qualifiers over a 先后 list
    ("该省产量约占全国的26%", "percent", "%", 25, 27, False, False),
    ("人均数量约为全省平均水平的三倍", "ratio", "倍", 2.5, 3.5, False, False),
    ("先后迈上40万台和60万台台阶", "count", "台", 4e5, None, False, False),
]
CASES += MORE_CASES


@pytest.mark.parametrize("case", CASES, ids=[f"{i}:{c[0]}" for i, c in enumerate(CASES)])
def test_quantities_construct_table(case: tuple, toolkit: Toolkit) -> None:
    text, kind, unit, lo, hi, lo_open, hi_open = case
    if kind == "magnitude" and lo == 0:  # a bare 亿 figure without 元 has no unit: not a claim
        found, _, _ = quantities_in(text, toolkit)
        assert all(q.unit for q in found)
        return
    found, _, _ = quantities_in(text, toolkit, "2025-07")
    assert len(found) >= 1, "nothing found"
    check(max(found, key=lambda q: q.end - q.start), kind, unit, lo, hi, lo_open, hi_open)


NOT_QUANTITIES = [
    "H20算力芯片",
    "5G网络",
    "第二十五届中国专利奖",
    "第四次科技革命",
    "一个新的赛道",
    "千行百业",
    "一石激起千层浪",
    "数万亿",
    "十三届六次全会",
    "4.0 Turbo",
    "V2.0版本",
    "01",
    "前三季度",  # regression: read as the rank 前三
    "气温为30度",  # 度 is energy only after a scale (亿度)
    "十四届人大三次会议",  # an ordinal name
    "汽车零部件",  # regression: 零部 read as 0 部
    "三元锂电池",  # a term, not 3 元
    "三次产业结构",  # a term, not 3 次
    "每万人拥有的基站数",  # regression: 万人 read as 10,000 people
    "下午1:30开会",  # a time, not a ratio
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_quantities_identifiers_and_idioms_are_not_quantities(text: str, toolkit: Toolkit) -> None:
    found, _, _ = quantities_in(text, toolkit)
    assert [q for q in found if q.kind not in ("date",)] == []


# The table, one row each, in sentences written for it: every quantity of the
# sentence but dates, as (kind, unit, lo, hi, lo_open, hi_open).
MEANINGS = [
    ("前三季度规模以上工业增加值下降4.5%", [("percent", "%", -4.5, -4.5, False, False)]),
    ("出口额同比减少1.8%", [("percent", "%", -1.8, -1.8, False, False)]),
    ("全省全年用电量7521亿千瓦时", [("other", "kWh", 7.521e11, 7.521e11, False, False)]),
    ("动力电池装车量92.3吉瓦时", [("other", "GWh", 92.3, 92.3, False, False)]),
    ("全年产量一千三百四十余万辆", [("count", "辆", 1.34e7, 1.35e7, False, True)]),
    ("覆盖农村用户700多万户", [("count", "户", 7e6, 8e6, False, True)]),
    ("预计增速在9%至11%之间", [("percent", "%", 9, 11, False, False)]),
    ("固定电话普及率达16.4部/百人", [("other", "部/百人", 16.4, 16.4, False, False)]),
    ("每出口5台工程机械,就有2台销往东南亚", [("fraction", "share", 0.4, 0.4, False, False)]),
    (
        "经济总量首次跃上6万亿元台阶",
        [("other", "个", 1, 1, False, False), ("amount", "元", 6e12, None, False, False)],
    ),
    ("全年销售工业机器人18.5万套", [("count", "套", 1.85e5, 1.85e5, False, False)]),
    ("制造业机器人密度达到每万名员工320台", [("other", "台/万人", 320, 320, False, False)]),
    ("该车企全年销售新能源汽车215.3万辆", [("count", "辆", 2.153e6, 2.153e6, False, False)]),
    ("这是全国第七个国家级新区", [("count", "个", 7, None, False, False)]),
    (
        "出口量先后迈上100万辆和200万辆台阶",
        [("count", "辆", 1e6, None, False, False), ("count", "辆", 2e6, None, False, False)],
    ),
    (
        "两项指标分别下降3.1%和2.4%",
        [("percent", "%", -3.1, -3.1, False, False), ("percent", "%", -2.4, -2.4, False, False)],
    ),
    (
        "营收分别增长了2倍和12倍",
        [("ratio", "倍", 2, 3, False, False), ("ratio", "倍", 12, 13, False, False)],
    ),
]


@pytest.mark.parametrize("text,expected", MEANINGS, ids=[m[0] for m in MEANINGS])
def test_quantities_mean_what_they_say(text: str, expected: list, toolkit: Toolkit) -> None:
    found, _, _ = quantities_in(text, toolkit)
    got = [
        (q.kind, q.unit, q.value.lo, q.value.hi, q.value.lo_open, q.value.hi_open)
        for q in found
        if q.kind != "date"
    ]
    assert len(got) == len(expected), got
    for g, e in zip(got, expected, strict=True):
        assert g[:2] == e[:2] and same(g[2], e[2]) and same(g[3], e[3]) and g[4:] == e[4:], g


def test_quantities_constructs_carry_their_trigger_words(toolkit: Toolkit) -> None:
    """Every construct but the generic number is tried only where one of its words is."""
    constructs = toolkit.mentions.quantities.constructs
    assert [c.name for c in constructs if not c.triggers] == ["generic"]
    found, _, _ = quantities_in("每出口5台工程机械,就有2台销往东南亚", toolkit)
    assert found and found[0].kind == "fraction"


# (each construct's trigger words, sentence, which constructs are tried)
TRIGGER_CASES = [
    ([("翻番", "翻一番"), ("倍",)], "销量两年翻一番", [True, False]),  # 翻番 is not there
    ([("年末",), ("末年", "末")], "到了年末时", [True, True]),  # overlapping words both count
    ([("成",), ()], "增长了三倍", [False, True]),  # no trigger words: always tried
    ([("",), ("季度",)], "收入增长", [True, False]),  # the empty word is in every sentence
    ([(), ()], "收入增长", [True, True]),  # no words at all
]


@pytest.mark.parametrize(
    "triggers,sentence,tried", TRIGGER_CASES, ids=[c[1] for c in TRIGGER_CASES]
)
def test_quantities_trigger_words_found_in_one_pass(
    triggers: list[tuple[str, ...]], sentence: str, tried: list[bool]
) -> None:
    found = TriggerWords(triggers).found(sentence)
    assert [not words or not found.isdisjoint(words) for words in triggers] == tried
    assert tried == [not words or any(w in sentence for w in words) for words in triggers]


def test_quantities_dev_corpus_value_and_unit_floor(
    toolkit: Toolkit, dev_corpus: dict[str, tuple[list[dict[str, object]], list[Analysis]]]
) -> None:
    """Value and unit of the found claims of the three clusters together (0.989 when set)."""
    gold: list[dict[str, object]] = []
    analyses: list[Analysis] = []
    for cluster in ("nev", "economy", "infra"):
        gold += dev_corpus[cluster][0]
        analyses += dev_corpus[cluster][1]
    scores = evaluate(gold, analyses, toolkit.rules.units)
    assert scores.value_unit >= 0.97, [m for m in scores.misses if m.field == "value_unit"]


NUMERALS = [
    # (text, value, step of the last significant digit)
    ("1千2百", 1200, 100),
    ("3千5百", 3500, 100),
    ("2万3千", 23000, 1000),
    ("5万3", 53000, 1000),
    ("1千零4", 1004, 1),
    ("廿五", 25, 1),
    ("卅", 30, 10),
    ("一千二百八十", 1280, 10),
    ("两万五", 25000, 1000),
    ("二〇二四", 2024, 1),
    ("4600", 4600, 100),
    ("706.9", 706.9, 0.1),
]


@pytest.mark.parametrize("text,value,step", NUMERALS, ids=[n[0] for n in NUMERALS])
def test_quantities_numerals_as_written(text: str, value: float, step: float) -> None:
    n = read_number(text)
    assert n is not None and same(n.value, value) and same(n.significant, step), n


@given(st.integers(min_value=1, max_value=99_999))
def test_quantities_mixed_numerals_read_as_their_value(n: int) -> None:
    """1千2百3十4: Arabic digits in the places of a Chinese numeral read as the number."""
    places = ["万", "千", "百", "十", ""]
    digits = str(n).rjust(5, "0").lstrip("0")
    parts = [
        f"{d}{p}" if d != "0" else "零"
        for d, p in zip(digits, places[-len(digits) :], strict=False)
    ]
    mixed = "".join(parts).rstrip("零")
    while "零零" in mixed:
        mixed = mixed.replace("零零", "零")
    got = read_number(mixed)
    assert got is not None and got.value == n, mixed
