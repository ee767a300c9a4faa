"""Periods: the gold periods of the seeds, and a table of constructs."""

from __future__ import annotations

import pytest
from cases import case_claims, case_ids, check_claims, load_cases
from conftest import gold_rows

from checker.ingest.documents import parse_document
from checker.mentions.periods import Grammar, extract_periods
from checker.pipeline import Toolkit
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
    ("2023年二至三季度", None, "2023-04/2023-09"),
    ("一至四季度", "2025-02", "2024-01/2024-12"),
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
    ("第十一期间", "2025-03", "2024-10-01/2024-10-07"),  # an ordinal, not 十一 (国庆)
    ("上一年度报告显示", "2025-03", "2024"),  # an edition, not a year
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


PERIOD_CASES = load_cases("periods.toml")


@pytest.mark.parametrize("case", PERIOD_CASES, ids=case_ids(PERIOD_CASES))
def test_periods_of_claims(case: dict, toolkit: Toolkit) -> None:
    """A claim's period, and periods that date figures without being date claims
    (tests/cases/periods.toml)."""
    check_claims(case, case_claims(case, toolkit))


def test_periods_syntax_words_come_from_the_rules(toolkit: Toolkit) -> None:
    # the small words of the constructs are dates.toml [periods.syntax]: a spending cue
    # added there is read, and the default grammar does not read it
    rules = toolkit.mentions.periods.rules
    syntax = rules.dates.periods.syntax
    added = syntax.model_copy(update={"spend_cues": [*syntax.spend_cues, "用"]})
    periods = rules.dates.periods.model_copy(update={"syntax": added})
    dates = rules.dates.model_copy(update={"periods": periods})
    grammar = Grammar(rules.model_copy(update={"dates": dates}))
    text = "计划用4年时间建成"

    def kinds(g: Grammar) -> list[str]:
        return [p.kind for p in extract_periods(text, 0, len(text), g, "2025-03-01")]

    assert "target" not in kinds(toolkit.mentions.periods)
    assert "target" in kinds(grammar)
