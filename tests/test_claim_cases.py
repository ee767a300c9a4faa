"""Claim assembly, one row per strategy: a sentence of our own, the value text of one
claim, and what that claim must be. Each row pins a branch of claims/assemble.py that
otherwise only the seed gold would notice (the comment names it).

`want` None: the value text is not a claim. Otherwise every claim on that value text has
the listed fields: `subjects` is the set of subject names across its claims (a value
given to several subjects makes one claim each), `subject` the one subject, `metric` a
registry id or a metric name (`metric_has`: a word in the metric's name), `period` the
label, `citation` the status.
"""

from __future__ import annotations

from typing import Any

import pytest

from checker.ingest.documents import parse_document
from checker.models import Claim
from checker.pipeline import Toolkit, analyse

DATE = "2025-06-30"  # every row is a document of this date

Want = dict[str, Any] | None
ROWS: list[tuple[str, str, Want]] = [
    # ---- which numbers are claims (is_claim)
    # a magnitude class names a size, it is not a value
    ("江苏已形成多个万亿级产业集群。", "万亿级", None),
    # 几十年, 数万: a vague numeral
    ("过去几十年,全省新建桥梁超过三千座。", "十年", None),
    # a rank inside a short quotation is a name (“全国第一县”)
    ("被誉为“全国第一县”的昆山,去年GDP超过5000亿元。", "第一", None),
    # a year inside a title dates the title, not a claim
    ("《2024年浙江省政府工作报告》提出,全年GDP增长5.5%左右。", "2024年", None),
    # a year that dates a figure of its clause (here a rank) is that figure's period
    ("2024年广东GDP位居全国第一。", "2024年", None),
    ("2024年广东GDP位居全国第一。", "第一", {"subject": "广东", "period": "2024"}),
    # a count that labels the list before it (A、B和C这三座城市) is no claim
    ("南京、杭州和合肥这三座城市的高校较多。", "三座城市", None),
    # a superlative with nothing named before it in its clause ranks nothing
    ("这座新机场的航站楼面积最大。", "最大", None),
    ("在所有参展企业中,华为的展台面积最大。", "最大", {"subject": "华为", "kind": "rank"}),
    # a count labelling the list before it is no claim, unless it counts a tracked metric
    (
        "工程机械、轨道交通、航空动力三大万亿级产业集群发展迅速。",
        "三大",
        {"metric": "trillion_clusters"},
    ),
    # ---- subjects (_candidates, _subjects, _with_list, _respectively)
    # a subject named in a sentence without figures carries to the next sentence
    ("浙江是制造业大省。今年前5个月,规上工业增加值同比增长6.1%。", "6.1%", {"subject": "浙江"}),
    # the entity in the figure's own clause beats one in an earlier clause
    ("与广东相比,江苏研发投入增长8%。", "8%", {"subject": "江苏"}),
    # 世界 inside 世界500强 is part of the rank, not a candidate subject
    ("腾讯连续多年入选世界500强。", "500强", {"subject": "腾讯", "kind": "rank"}),
    # a list named inside a figure (世界500强) is no subject of the figures after it
    ("比亚迪入选世界500强,海外工厂达到5个。", "达到5个", {"subject": "比亚迪"}),
    # a scope word's entity is the subject when the figure follows it at once
    ("远高于上海1200亿元的投入,广东研发投入达到4800亿元。", "1200亿元", {"subject": "上海"}),
    # the size of a quoted list is about the list
    (
        "“2024中国民营企业500强”榜单中,浙江有108家企业上榜。",
        "500强",
        {"subject": "2024中国民营企业500强榜单"},
    ),
    ("“2024中国民营企业500强”榜单中,浙江有108家企业上榜。", "108家", {"subject": "浙江"}),
    # 上海等长三角城市: the named example, not the class
    ("上海等长三角城市研发投入强度超过3%。", "超过3%", {"subjects": {"上海"}}),
    # a count of provinces is about the country
    ("已有28个省份出台了低空经济支持政策。", "28个", {"subject": "中国"}),
    # a Latin name just after a date is what the date is about
    ("2016年AlphaGo击败了韩国棋手李世石。", "2016年", {"subject": "AlphaGo"}),
    # the companies listed after 分别是 share the rank
    (
        "营收最高的3家企业分别是华为、腾讯、阿里巴巴。",
        "最高的3家",
        {"subjects": {"华为", "腾讯", "阿里巴巴"}},
    ),
    # 分别为: the i-th value to the i-th subject, and to no other
    (
        "湖北、湖南、江西的GDP分别为5.6万亿元、5.0万亿元、3.2万亿元。",
        "5.0万亿元",
        {"subjects": {"湖南"}, "metric": "gdp"},
    ),
    # a rank followed at once by the entity it ranks (排名第三的浙江)
    ("在全国排名第三的浙江,数字经济规模超过4万亿元。", "第三", {"subject": "浙江"}),
    # 作为…, X: the apposition is about the subject named after it
    ("作为全国首个低空经济示范区,深圳去年起降架次超过60万。", "全国首个", {"subject": "深圳"}),
    ("作为唯一获此殊荣的省份,江苏连续三年获得表彰。", "唯一", {"subject": "江苏"}),
    ("作为全国唯一的自贸港,海南去年货物贸易增长20%。", "唯一", {"subject": "海南"}),
    ("全国首个低空经济示范区落户深圳。", "全国首个", {"subject": "深圳"}),
    # a date in a clause of its own is about what its sentence names next
    ("2020年,合肥正式成立。", "2020年", {"subject": "合肥"}),
    ("2017年,在杭州成立的之江实验室正式挂牌。", "2017年", {"subject": "之江实验室"}),
    # a date's subject: the place or organisation right after it, else the entity inside a
    # quoted name, else the nearest quoted or titled name
    ("2024年苏州发布了《人工智能产业创新发展行动计划》。", "2024年", {"subject": "苏州"}),
    ("2024年底深圳汽车产业的“比亚迪时刻”到来。", "2024年底", {"subject": "比亚迪"}),
    ("2021年推出的“启明星计划”吸引了大量人才。", "2021年", {"subject": "启明星计划"}),
    # ---- metrics (_metrics, _counted_noun)
    # a share 的 metric: the metric that follows
    ("全国有超过60%的研发经费投向企业。", "超过60%", {"metric": "rd_spending"}),
    # a share 的 a word that is no metric: the share of that word
    ("全省研发投入中,有70%的经费来自企业。", "70%", {"metric": "经费占比"}),
    # a count followed at once by a tracked metric counts it
    ("湖南拥有4个万亿级产业集群。", "4个", {"subject": "湖南", "metric": "trillion_clusters"}),
    # the noun after a count's classifier is what is counted
    ("全国有近1200项专利获得表彰。", "近1200项", {"metric": "专利"}),
    # a metric just after the figure (3.7万亿元的地区生产总值)
    ("深圳实现了3.7万亿元的地区生产总值。", "3.7万亿元", {"subject": "深圳", "metric": "gdp"}),
    # a date is about the event told after it, in the next clause when its own is empty
    ("2018年11月5日,首届进博会在上海开幕。", "2018年11月5日", {"metric_has": "进博会"}),
    # the metric's own name holds the rank
    ("经济第一大省广东今年继续领跑。", "第一", {"subject": "广东", "metric": "economy_rank"}),
    # a rank after a metric in an earlier clause of the sentence
    (
        "深圳的研发投入在全国排名第二,仅次于北京。",
        "第二",
        {"subject": "深圳", "metric": "rd_spending"},
    ),
    # ---- periods (_period, _paragraph_period)
    (
        "截至2024年底,江苏高新技术企业数量超过5万家。",
        "超过5万家",
        {"subject": "江苏", "metric": "high_tech_enterprises", "period": "as_of:2024-12-31"},
    ),
    # a period of the sentence's first clause reaches the later clause
    ("2023年,上海GDP达到4.7万亿元。", "达到4.7万亿元", {"period": "2023"}),
    # the nearest period before the figure, of the earlier clauses
    ("继2023年增长6%之后,2024年,江苏GDP增长5.8%。", "5.8%", {"period": "2024"}),
    # with none before it, a period later in the sentence
    ("上海GDP增长5%,2024年保持领先。", "5%", {"period": "2024"}),
    # a period in the figure's own clause beats one in an earlier clause
    ("2023年,上海GDP达到4.7万亿元,2024年增长5%。", "5%", {"period": "2024"}),
    # 比去年, 比2023年: the reference of a comparison is not the figure's period
    ("广东GDP比去年增长5%。", "5%", {"subject": "广东", "period": None}),
    ("2024年,江苏研发投入比2023年增长9%。", "9%", {"period": "2024"}),
    # a year inside a title is not the period of a figure outside it
    ("《2030年远景目标纲要》发布后,上海GDP增长了5%。", "5%", {"period": None}),
    (
        "比亚迪去年新能源汽车销量突破300万辆,位居全球首位。",
        "首位",
        {"subject": "比亚迪", "period": "2024"},
    ),
    # 其中: a linked sentence takes the paragraph's period
    (
        "2024年,全省新能源汽车产量达到120万辆。其中,纯电动汽车产量为80万辆。",
        "80万辆",
        {"period": "2024"},
    ),
    # a stock metric with no period takes the document date
    ("四川的研发投入占GDP的比重为2.3%。", "2.3%", {"subject": "四川", "period": f"as_of:{DATE}"}),
    # ---- citations
    (
        "数据显示,今年一季度全省进出口总额同比增长12%。",
        "12%",
        {"period": "2025-Q1", "citation": "vague"},
    ),
    (
        "据国家统计局发布的数据,2024年全国GDP增长5%。",
        "5%",
        {"subject": "中国", "period": "2024", "citation": "named"},
    ),
    # spun wording is restored before cues are looked up (据不统共统计 → 据不完全统计)
    ("据不统共统计,全省已有超过300家数据中心。", "超过300家", {"citation": "vague"}),
    # … and before quantities are read: 鸠合 → 连续 in a document detected as spun
    (
        "该市东说念主工智能产业规模鸠合3年位居全省第一,畴昔还将扩大。",
        "鸠合3年",
        {"kind": "streak", "metric": "industry_scale"},
    ),
]


def _claims_on(text: str, value: str, toolkit: Toolkit) -> list[Claim]:
    raw = f"---\ndate: {DATE}\n---\n{text}".encode()
    analysis = analyse(parse_document(raw, "case.txt", "case.txt"), toolkit)
    return [c for c in analysis.claims if c.value.text == value]


def _field(c: Claim, name: str) -> object:
    if name == "subject":
        return c.subject.name if c.subject else None
    if name == "metric":
        return c.metric.id or c.metric.name
    if name == "period":
        return c.period.label
    if name == "citation":
        return c.citation.status
    if name == "metric_has":
        return c.metric.name
    return getattr(c, name)


@pytest.mark.parametrize("text,value,want", ROWS, ids=[f"{r[1]}:{r[0][:12]}" for r in ROWS])
def test_claim_cases(text: str, value: str, want: Want, toolkit: Toolkit) -> None:
    claims = _claims_on(text, value, toolkit)
    if want is None:
        assert not claims, [c.metric.name for c in claims]
        return
    assert claims, f"no claim on {value}"
    for name, expected in want.items():
        if name == "subjects":
            assert {_field(c, "subject") for c in claims} == expected
        elif name == "metric_has":
            assert all(expected in str(_field(c, name)) for c in claims), _field(claims[0], name)
        else:
            got = [_field(c, name) for c in claims]
            assert all(g == expected for g in got), f"{name}: {got}"
