"""Periods: the gold periods of the seeds, and a table of constructs."""

from __future__ import annotations

import pytest
from conftest import gold_rows

from checker.ingest.documents import parse_document
from checker.mentions.periods import extract_periods
from checker.models import Claim
from checker.pipeline import Toolkit, analyse
from checker.repair.normalize import normalize

PUB = {str(d["doc"]): str(d["pub_date_estimate"]) for d in gold_rows("seed-docs.jsonl")}
WITH_TEXT = [r for r in gold_rows("seed-claims.jsonl") if r["period"] and r["period_text"]]
FLOOR = 0.95


def labels(text: str, pub: str | None, toolkit: Toolkit) -> list[str | None]:
    norm = normalize(parse_document(text.encode(), "p.txt", "p.txt"), toolkit.repairer).text
    return [p.label for p in extract_periods(norm, 0, len(norm), toolkit.mentions.periods, pub)]


def test_periods_reproduce_the_gold_periods(toolkit: Toolkit) -> None:
    misses = [
        (r["id"], r["period_text"], r["period"], got)
        for r in WITH_TEXT
        if r["period"] not in (got := labels(str(r["period_text"]), PUB[str(r["doc"])], toolkit))
    ]
    share = 1 - len(misses) / len(WITH_TEXT)
    assert share >= FLOOR, f"{share:.3f} of {len(WITH_TEXT)} gold periods; misses: {misses}"


CASES = [
    # (text, document date, expected label)
    ("截至2025年2月底", "2025-07", "as_of:2025-02-28"),
    ("截至2025年4月", "2025-07", "as_of:2025-04"),
    ("截至目前", "2024-03", "as_of:2024-03"),
    ("目前", "2025-07", "as_of:2025-07"),
    ("2024年", None, "2024"),
    ("2024年6月", None, "2024-06"),
    ("2024年3月4日", None, "2024-03-04"),
    ("2024年上半年", None, "2024-01/2024-06"),
    ("2025年一季度", None, "2025-Q1"),
    ("2018-2022年", None, "2018/2022"),
    ("2018—2025年", None, "2018/2025"),
    ("2023年之后", None, "2023/"),
    ("今年", "2025-07", "2025"),
    ("本年", "2025-07", "2025"),
    ("去年", "2025-07", "2024"),
    ("前年", "2025-07", "2023"),
    ("明年", "2025-07", "2026"),
    ("今年初", "2025-07", "2025-01/2025-03"),
    ("今年上半年", "2025-07", "2025-01/2025-06"),
    ("今年4月", "2025-07", "2025-04"),
    ("两年前", "2025-07", "2023"),
    ("兩年前", "2025-07", "2023"),
    ("20多年前", "2025-05", "1996/2005"),
    ("12月30日", "2024-12", "2024-12-30"),
    ("12月30日", "2025-02", "2024-12-30"),
    ("3月4日", "2024-03", "2024-03-04"),
    ("近五年", "2025-07", "cumulative:2020/2024"),
    ("过去7年", "2025-07", "cumulative:2018/2024"),
    ("過去五屆", "2025-07", "cumulative:past5_editions"),
    ("第二十五届", None, "edition:25"),
    ("到2035年", None, "target:2035"),
    ("力争到2026年", None, "target:2026"),
    ("每年", None, "annual"),
    ("今年以来", "2024-12", "2024"),
    ("自2018年投入运行以来", "2024-03", "cumulative:2018/2024-03"),
    ("春节期间", "2024-03", "2024-02"),
    ("这个蛇年春节", "2025-02", "2025-01/2025-02"),
    ("十八世纪六十年代", None, "1760/1769"),
    ("去年和今年", "2025-07", "2024/2025"),
]


# Periods people write (sentences written for these tests): as-of ends, cumulative spans of
# a year with no year written (the previous year's early in the next), quarters, whole
# years, five-year plans, targets after the document's date and past years after 到.
WRITTEN = [
    ("截至去年底，全省累计建成充电桩8.2万台", "2025-03-10", "as_of:2024-12-31"),
    ("截至去年年底，该市共有科技型企业1.1万家", "2025-02", "as_of:2024-12-31"),
    ("截至今年6月末，存款余额增长7%", "2025-08", "as_of:2025-06-30"),
    ("截至上月末，全市新增就业4万人", "2025-05-20", "as_of:2025-04-30"),
    ("截至6月底，园区入驻企业320家", "2025-08", "as_of:2025-06-30"),
    ("年末全市常住人口1020万人", "2025-02", "as_of:2024-12-31"),
    ("截止到2023年末，全省公路里程达到21万公里", None, "as_of:2023-12-31"),
    ("截至2024年，累计培育专精特新企业500家", None, "as_of:2024"),
    ("今年6月底，新能源公交车占比达到九成", "2025-09", "as_of:2025-06-30"),
    ("1-9月，全市规上工业增加值同比增长7.4%", "2024-10-20", "2024-01/2024-09"),
    ("1—5月，社会消费品零售总额增长4%", "2025-06", "2025-01/2025-05"),
    ("1至8月，港口货物吞吐量3.2亿吨", "2023-09", "2023-01/2023-08"),
    ("1-9月，全市固定资产投资增长3%", "2025-02", "2024-01/2024-09"),
    ("今年1—5月，全省外贸进出口增长9%", "2025-06", "2025-01/2025-05"),
    ("2024年1-11月，快递业务量增长21%", None, "2024-01/2024-11"),
    ("前两个月，全国进出口总值6.6万亿元", "2025-03-07", "2025-01/2025-02"),
    ("前11个月，新签合同额增长12%", "2024-12-20", "2024-01/2024-11"),
    ("今年前三个月，旅客发送量1.2亿人次", "2025-04", "2025-01/2025-03"),
    ("前三季度，全省地区生产总值增长5.1%", "2024-10-25", "2024-01/2024-09"),
    ("前三季度，全省地区生产总值增长5.1%", "2025-01-20", "2024-01/2024-09"),
    ("上半年，全市实际使用外资18亿美元", "2025-07-15", "2025-01/2025-06"),
    ("下半年，出口订单逐步回暖", "2025-01-10", "2024-07/2024-12"),
    ("一季度，居民人均可支配收入增长5%", "2024-04-16", "2024-Q1"),
    ("三季度，全省工业产能利用率为73.8%", "2024-10-18", "2024-Q3"),
    ("2023年四季度，GDP同比增长5.2%", None, "2023-Q4"),
    ("去年第二季度，出口增长8%", "2025-03", "2024-Q2"),
    ("全年粮食产量1.4万亿斤", "2026-01-10", "2025"),
    ("全年粮食产量1.4万亿斤", "2025-12-31", "2025"),
    ("去年全年，该省新增市场主体80万户", "2025-02", "2024"),
    ("2022年全年，铁路客运量16亿人次", None, "2022"),
    ("“十四五”期间，年均增速达到8%", "2024-05", "2021/2024"),
    ("“十三五”时期，累计投资2万亿元", "2024-05", "2016/2020"),
    ("“十四五”以来，累计投资8000亿元", "2025-07", "cumulative:2021/2025-07"),
    ("2026年底，新建5G基站将超过30万个", "2025-03", "target:2026"),
    ("天津提出2028年达到800亿元", "2024-06", "target:2028"),
    ("装机量由2020年的5万台增长到2024年的12万台", "2025-03", "2024"),
    ("展望2030年，产业规模有望翻番", "2025-03", "target:2030"),
    ("预计到2025年6月末，存量将突破500万个", "2025-01", "target:2025"),
    ("到2025年6月末，存量增至455万个", "2025-09", "as_of:2025-06-30"),
    ("公司13日发布季度报告", "2025-01-20", "2025-01-13"),
    ("协会28日公布数据", "2025-03-05", "2025-02-28"),
]


@pytest.mark.parametrize("text,pub,label", WRITTEN, ids=[f"{c[0][:10]}@{c[1]}" for c in WRITTEN])
def test_periods_people_write(text: str, pub: str | None, label: str, toolkit: Toolkit) -> None:
    assert label in labels(text, pub, toolkit)


# Expressions that are no period of their own: a comparison reference, a duration.
NOT_PERIODS = [
    ("比去年同期增长", "2025-03", "2024"),
    ("同比上年同期下降", "2025-03", "2024"),
    ("连续5日上涨", "2025-03", "2025-03-05"),
    ("5日内完成", "2025-03", "2025-03-05"),
]


@pytest.mark.parametrize("text,pub,label", NOT_PERIODS, ids=[c[0] for c in NOT_PERIODS])
def test_periods_references_and_durations_are_not_periods(
    text: str, pub: str | None, label: str, toolkit: Toolkit
) -> None:
    assert label not in labels(text, pub, toolkit)


@pytest.mark.parametrize("text,pub,label", CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_periods_construct_table(text: str, pub: str | None, label: str, toolkit: Toolkit) -> None:
    assert label in labels(text, pub, toolkit)


@pytest.mark.parametrize("text", ["今年", "去年", "12月30日", "目前"])
def test_periods_relative_words_need_a_document_date(text: str, toolkit: Toolkit) -> None:
    assert labels(text, None, toolkit) == [None]


def claims_in(text: str, pub: str, toolkit: Toolkit) -> list[Claim]:
    doc = f"---\ndate: {pub}\n---\n{text}"
    return list(analyse(parse_document(doc.encode(), "case.txt", "case.txt"), toolkit).claims)


# A claim's period: its clause, its sentence, a period stated once for the paragraph, the
# lead's reporting year, the context's year for 全年/1-9月, targets (sentences written here).
CLAIM_PERIODS = [
    # (document text, document date, figure, expected period label)
    ("2024年，全省粮食产量达到720亿斤。全年新增高标准农田200万亩。", "2025-02", "200万亩", "2024"),
    ("2023年，该市接待游客1.2亿人次。其中入境游客80万人次。", "2024-03", "80万人次", "2023"),
    (
        "2022年全县工业产值突破500亿元。农业产值为120亿元，同比增长4%。",
        "2024-06",
        "120亿元",
        "2022",
    ),
    ("2023年全市出口增长6%。2024年全市出口增长9%，进口下降2%。", "2025-02", "2%", "2024"),
    ("2024年全市规上工业增加值增长7%。\n\n全年新增上市公司12家。", "2025-02", "12家", "2024"),
    ("2023年全省旅游收入9000亿元。全年接待游客8亿人次。", "2025-06", "8亿人次", "2023"),
    ("去年，全区新增企业3000家。上半年新增1800家。", "2025-01", "1800家", "2024-01/2024-06"),
    (
        "截至去年底，全市累计建成充电桩12万台。其中公共充电桩3万台。",
        "2025-03",
        "3万台",
        "as_of:2024-12-31",
    ),
    ("1-9月，全市规上工业增加值同比增长7.4%。", "2024-10-20", "7.4%", "2024-01/2024-09"),
    ("2024年全省生产汽车300万辆，比2020年的120万辆增长1.5倍。", "2025-03", "120万辆", "2020"),
    ("今年主要预期目标是：全市生产总值增长5.5%左右。", "2025-02", "5.5%左右", "target:2025"),
    ("该省把今年经济增长目标定为6%。", "2025-01", "6%", "target:2025"),
    (
        "2024年全省经济增长7.2%，实现了年初提出的7%的预期目标。",
        "2025-01",
        "7%",
        "target:2024",
    ),
    ("今年全市将新建公园30个。", "2025-04", "30个", "target:2025"),
    ("去年全市新建公园30个。", "2025-04", "30个", "2024"),
    ("2024年，该省外贸总额连续8年居全国首位。", "2025-02", "连续8年", "2017/2024"),
    (
        "分季度看，一季度增长5%，四季度增长5.4%。分行业看，工业增加值增长6%。",
        "2025-01-20",
        "6%",
        "2024",
    ),
    ("2024年全球装机54万台，是10年前的两倍多。其中中国装机29万台。", "2025-09", "29万台", "2024"),
    ("2018-2022年，全省地区生产总值年均增长6%。", "2024-05", "6%", "2018/2022"),
    ("2018-2022年，全省新增企业30万家。当地新增个体户50万户。", "2024-05", "50万户", "2018/2022"),
    ("2025年，广东年初定下增长5%的目标，实际增长3.9%。", "2026-01", "3.9%", "2025"),
    (
        "比亚迪2024年交付218万辆，高于年初制定的190万辆的目标。其中乘用车209万辆。",
        "2025-01",
        "209万辆",
        "2024",
    ),
    ("2024年，该省外贸总额连续8年居全国首位。", "2025-02", "首位", "2024"),
    ("据《全省数字经济发展报告2024》，核心产业增加值占比达到11%。", "2025-05", "达到11%", "2024"),
]


@pytest.mark.parametrize(
    "text,pub,figure,label", CLAIM_PERIODS, ids=[f"{c[0][:12]}…{c[2]}" for c in CLAIM_PERIODS]
)
def test_periods_of_claims(text: str, pub: str, figure: str, label: str, toolkit: Toolkit) -> None:
    got = [c.period.label for c in claims_in(text, pub, toolkit) if c.value.text == figure]
    assert got and label in got, got


# A period that dates the figures after it is no date claim of its own; an event's day is.
DATE_CLAIMS = [
    ("截至去年底，全国累计建成5G基站425万个。", "2025-03", []),
    ("1-9月，全市规上工业增加值同比增长7.4%。", "2024-10-20", []),
    ("9月，全市社会消费品零售总额增长3.2%。", "2024-10-20", []),
    ("上半年，全省地区生产总值增长5.1%。", "2025-07-16", []),
    ("一季度，全市新增就业1.2万人。", "2025-04-16", []),
    ("3月5日，市长在会上作政府工作报告，提出全市生产总值增长6%。", "2025-03-20", ["3月5日"]),
    ("省统计局16日发布月度数据。", "2025-01-20", ["16日"]),
]


@pytest.mark.parametrize("text,pub,dates", DATE_CLAIMS, ids=[c[0][:12] for c in DATE_CLAIMS])
def test_periods_that_date_figures_are_no_date_claims(
    text: str, pub: str, dates: list[str], toolkit: Toolkit
) -> None:
    claims = claims_in(text, pub, toolkit)
    assert [c.value.text for c in claims if c.kind == "date"] == dates
