"""Metric identity across articles: open-world metric names that must and must not be
taken for the same metric, and how strongly (a conflict needs `conflict_min_similarity`)."""

from __future__ import annotations

import dataclasses

import pytest

from checker.matching.match import Matcher
from checker.models import Citation, Claim, ClaimPeriod, Ref, Value
from checker.pipeline import Toolkit

# the same metric worded differently: similar enough to conflict
SAME = [
    ("港口集装箱吞吐量", "集装箱港口吞吐量"),  # words in another order
    ("钢材出口额", "钢材出口金额"),  # head synonyms
    ("充电桩保有量", "充电桩存量"),
    ("光伏装机规模", "光伏装机"),  # a head that only says "how much"
    ("全年粮食产量", "粮食产量"),  # a modifier that changes nothing
    ("全年快递业务量·增长率", "快递业务量·增长率"),  # the same operator, the bases compared
    ("数据中心机架总数", "数据中心机架数量"),
    ("宽带用户", "宽带用户数"),
    ("粮食产量历史上", "粮食产量"),  # a modifier jieba cuts in two (历史 上)
    ("钢材产量只有", "钢材产量"),  # an adverb left at the end of a name
    ("钢材出口", "钢材出口量"),  # an empty head (量) inside one unit dimension
    ("全市工业总产量", "工业产量"),  # a neutral word glued to the next (总产量)
    ("水泥产量万吨", "水泥产量"),  # a unit word glued to a name
    ("办公软体营收", "办公软件营收"),  # a regional wording
    ("规模以上企业利润", "规上企业利润"),  # a variant wording
    ("手机市场出货量·增长率", "手机出货量·增长率"),  # 市场 names no other metric
    ("风电装机容量", "风电装机规模"),  # two empty heads
    ("太阳光电装置容量", "光伏装机容量"),  # Taiwan wordings of an installed capacity
    ("千兆宽频用户", "千兆宽带用户"),  # a Hong Kong wording
    ("城乡居民医保参保人数", "城乡居民医疗保险参保人数"),  # a common short form
    ("建成充电站", "充电站总数"),  # built: the stock, however written
    ("平板出货·增长率", "平板出货量·增长率"),  # an empty head beside a word of things counted
    ("假期接待游客", "接待游客"),  # the period's word: the period says it
    ("太阳能发电装机", "光伏装机"),  # a common wording of solar power
    ("移动游戏实际销售收入", "移动游戏销售收入"),  # "actual" names no other measure
    ("平均每人一年回收旧衣物", "人均旧衣物回收量"),  # per head, in two wordings
]
# one name a narrower wording of the other: they corroborate, never conflict
NARROWER = [
    ("零售", "家电零售"),
    ("风电装机容量", "海上风电装机容量"),
    ("汽车出口", "新能源汽车出口"),
    ("进出口总值", "货物贸易进出口总值"),
    ("充电桩", "充电桩保有量"),  # a head on one side only
    ("销量", "新能源汽车销量"),  # a head alone, and one split off a word (汽车销量)
    ("钢材出口·增长率", "钢材出口数量·增长率"),  # a "how many" head under a rate
    ("家电零售·增长率", "家电零售量·增长率"),  # …beside a word that states a value
    ("冷库中心货架总规模", "在用货架总规模"),  # one last word, other words unknown
    ("仓储中心标准货架数", "冷链中心货架总数"),
]
# different metrics
DIFFERENT = [
    ("营收·增长率", "营收·占比"),  # different operators
    ("营收·增长率", "营收"),  # a rate and its base
    ("·增长率", "营收·增长率"),  # a rate of nothing named
    ("出口额", "进口额"),
    ("充电桩保有量", "充电桩销售额"),  # different heads
    ("粮食产量", "粮食进口量"),
    ("手机出货量", "平板出货量"),
    ("风电装机", "新增风电装机"),  # a contrastive word on one side only: a flow, a stock
    ("居民消费支出", "人均居民消费支出"),  # per head against a total
    ("二手住宅价格·增长率", "住宅价格·增长率"),
    ("农村居民收入", "城镇居民收入"),
]
# names that end in a verb or name only places: unknown, so never a conflict, not even
# against the same words
UNKNOWN = [
    ("按年大升", "按年大升"),
    ("苏州无锡常州·增长率", "苏州无锡常州·增长率"),
    ("统计局公布", "统计局公布"),
    ("日均", "日均"),  # an average of nothing named
]


@pytest.fixture(scope="module")
def matcher(rules) -> Matcher:  # type: ignore[no-untyped-def]
    return Matcher(rules, {}, Toolkit(rules).dictionary)


def claim(
    name: str,
    n: int = 0,
    flags: tuple[str, ...] = (),
    mid: str | None = None,
    kind: str = "count",
) -> Claim:
    return Claim(
        id=f"d{n}#c1",
        doc=f"d{n}",
        line=1,
        span=(0, 1),
        quote="",
        subject=None,
        metric=Ref(id=mid, name=name, text=name),
        kind=kind,  # type: ignore[arg-type]
        value=Value(lo=1.0, hi=1.0),
        unit="个",
        period=ClaimPeriod(),
        citation=Citation(),
        confidence=1.0,
        flags=flags,
    )


@pytest.mark.parametrize("a,b", SAME, ids=[f"{a}~{b}" for a, b in SAME])
def test_metric_identity_same_metric_can_conflict(matcher: Matcher, a: str, b: str) -> None:
    strong = matcher.settings.conflict_min_similarity / 100
    for x, y in ((a, b), (b, a)):
        level, similarity = matcher.metric_level(claim(x), claim(y, 1))
        assert level == "same structure" and similarity >= strong


@pytest.mark.parametrize("a,b", UNKNOWN, ids=[f"{a}~{b}" for a, b in UNKNOWN])
def test_metric_identity_unknown_names_never_conflict(matcher: Matcher, a: str, b: str) -> None:
    strong = matcher.settings.conflict_min_similarity / 100
    assert matcher.metric_level(claim(a), claim(b, 1))[1] < strong


@pytest.mark.parametrize("a,b", NARROWER, ids=[f"{a}~{b}" for a, b in NARROWER])
def test_metric_identity_narrower_wording_only_corroborates(
    matcher: Matcher, a: str, b: str
) -> None:
    strong = matcher.settings.conflict_min_similarity / 100
    for x, y in ((a, b), (b, a)):
        level, similarity = matcher.metric_level(claim(x), claim(y, 1))
        assert level == "fuzzy metric" and 0 < similarity < strong


@pytest.mark.parametrize("a,b", DIFFERENT, ids=[f"{a}~{b}" for a, b in DIFFERENT])
def test_metric_identity_different_metrics_never_match(matcher: Matcher, a: str, b: str) -> None:
    for x, y in ((a, b), (b, a)):
        assert matcher.metric_level(claim(x), claim(y, 1)) == ("none", 0.0)


def test_metric_identity_bare_metric_matches_nothing(matcher: Matcher) -> None:
    """Two bare rates share the operator's registry id, but say nothing about what grew."""
    a = claim("增长率", 0, ("bare-metric",), "growth_rate", "percent")
    b = claim("增长率", 1, ("bare-metric",), "growth_rate", "percent")
    assert matcher.metric_level(a, b)[0] == "none"
    named = claim("增长率", 0, (), "growth_rate", "percent")
    assert matcher.metric_level(named, b)[0] == "none"
    assert matcher.metric_level(named, claim("增长率", 1, (), "growth_rate", "percent"))[0] == (
        "metric id"
    )


def test_metric_identity_a_rate_name_on_an_amount_matches_nothing(matcher: Matcher) -> None:
    """增长率 taken for the name of 886.5GW (装机达到886.5GW, 增长45%) names no rate."""
    a = claim("增长率", 0, (), "growth_rate", "other")
    assert matcher.metric_level(a, claim("增长率", 1, (), "growth_rate", "other"))[0] == "none"


def test_metric_identity_candidates_hold_every_subset_pair(matcher: Matcher) -> None:
    """The candidate filter never drops a pair the word sets match (one inside the other)."""
    names = [name for pair in SAME + NARROWER + DIFFERENT for name in pair]
    heads = [claim(name, n) for n, name in enumerate(names)]
    candidates = set(matcher._candidate_pairs(heads))
    for i in range(len(heads)):
        for j in range(i + 1, len(heads)):
            if matcher.metric_level(heads[i], heads[j])[0] != "none":
                assert (i, j) in candidates, (names[i], names[j])


def test_metric_identity_a_group_linked_through_a_wider_name_keeps_its_matches(
    matcher: Matcher,
) -> None:
    """零售 joins 家电零售 and 汽车零售 in one group; two agreeing 家电零售 figures with
    汽车零售 figures between them in value order still match each other."""

    def at(name: str, n: int, lo: float, hi: float) -> Claim:
        return dataclasses.replace(claim(name, n), value=Value(lo=lo, hi=hi))

    block = [
        at("汽车零售", 0, 99.0, 102.0),
        at("家电零售", 1, 100.0, 100.0),
        at("汽车零售", 2, 100.0, 100.2),
        at("家电零售", 3, 100.0, 100.5),
        at("零售", 4, 200.0, 200.0),
    ]
    pairs, _ = matcher.block_matches(block)
    linked = {frozenset((a.doc, b.doc)) for a, b, m in pairs if m.level != "none"}
    assert frozenset(("d1", "d3")) in linked


def test_metric_identity_a_figure_per_head_meets_one_in_its_unit_alone(rules) -> None:  # type: ignore[no-untyped-def]
    from checker.ingest.documents import parse_document
    from checker.pipeline import analyse, find

    tools = Toolkit(rules)
    docs = [
        ("a.txt", "---\ndate: 2025-02-01\n---\n2024年全国人均旧衣物回收量3.6件。\n"),
        ("b.txt", "---\ndate: 2025-02-03\n---\n2024年，全国平均每人一年回收旧衣物6.3件。\n"),
    ]
    analyses = [analyse(parse_document(t.encode(), n, n), tools) for n, t in docs]
    units = {c.unit for a in analyses for c in a.claims if c.kind != "date"}
    assert units == {"件", "件/人"}
    findings, _ = find(analyses, rules)
    conflicts = [f for f in findings if f.kind == "conflict"]
    assert len(conflicts) == 1 and set(conflicts[0].docs) == {"a.txt", "b.txt"}


def _findings(rules, texts: list[str]):  # type: ignore[no-untyped-def]
    from checker.ingest.documents import parse_document
    from checker.pipeline import analyse, find

    tools = Toolkit(rules)
    docs = [(f"d{i}.txt", f"---\ndate: 2025-02-0{i + 1}\n---\n{t}\n") for i, t in enumerate(texts)]
    analyses = [analyse(parse_document(t.encode(), n, n), tools) for n, t in docs]
    return find(analyses, rules)[0]


@pytest.mark.parametrize(
    "other,conflicts",
    [
        ("2024年全国数字阅读市场销售收入305.1亿元。", 1),  # 2.4% apart: one measure misstated
        ("2024年全国数字阅读市场销售收入299.4亿元。", 1),  # 4.2% apart: two digits swapped, say
        ("2024年全国数字阅读市场销售收入285.0亿元。", 0),  # 8.8% apart: perhaps two scopes
        ("2024年全国数字阅读市场销售收入248.6亿元。", 0),  # far apart: two scopes, perhaps
        ("2024年全国数字阅读市场销售收入突破300亿元。", 0),  # a bound says too little
    ],
)
def test_metric_identity_a_narrower_wording_with_a_near_figure_conflicts(
    rules,  # type: ignore[no-untyped-def]
    other: str,
    conflicts: int,
) -> None:
    found = _findings(rules, ["2024年全国数字阅读市场收入312.6亿元。", other])
    assert len([f for f in found if f.kind == "conflict"]) == conflicts
