"""Statements: conflicts between statements, contradictions inside one document, altered
copies, and the relation scores."""

from __future__ import annotations

import re

import pytest

from checker.checks.relations import score_relations
from checker.ingest.documents import parse_document
from checker.matching.align import numeral_runs, template
from checker.models import Finding, Report
from checker.pipeline import Toolkit, analyse, build_report, find
from checker.ruleset import Ruleset

# sentences that are the same sentence once numbers are masked (surface variants), and
# sentences that are not
SAME_TEMPLATE = [
    ("宁波港口吞吐量突破80万标箱。", "宁波港口吞吐量突破八十万标箱。"),
    ("全市数字经济规模达1.7万亿元。", "全市数字经济规模达17000亿元。"),
    ("新能源车渗透率达到60%。", "新能源车渗透率达到百分之六十。"),
    ("宁波港口吞吐量突破80万标箱。", "寧波港口吞吐量突破80萬標箱。"),
    ("宁波发(fā)展迅速,产值达5亿元。", "宁波发展迅速,产值达5亿元。"),
    ("宁波港口吞吐量突破80万标箱。", "宁波港口吞吐量突破83万标箱。"),
]
OTHER_TEMPLATE = [
    ("宁波港口吞吐量突破80万标箱。", "宁波机场旅客吞吐量突破80万人次。"),
    ("新能源车渗透率达到60%。", "新能源车渗透率下降到60%。"),
]


def numerals(rules: Ruleset) -> re.Pattern[str]:
    return numeral_runs(
        rules.qualifiers.constructs.percent_of.words, rules.checks.matching.copy_numerals
    )


@pytest.mark.parametrize("a,b", SAME_TEMPLATE, ids=[b for _, b in SAME_TEMPLATE])
def test_statements_template_masks_number_forms(a: str, b: str, rules: Ruleset) -> None:
    assert template(a, numerals(rules)) == template(b, numerals(rules))


@pytest.mark.parametrize("a,b", OTHER_TEMPLATE, ids=[b for _, b in OTHER_TEMPLATE])
def test_statements_template_keeps_the_words(a: str, b: str, rules: Ruleset) -> None:
    assert template(a, numerals(rules)) != template(b, numerals(rules))


def test_statements_template_numerals_come_from_the_rules(rules: Ruleset) -> None:
    # 兆 is a numeral only because rules/checks.toml says so; without it, it is a word
    sentence, other = "全年产值达1.2兆元。", "全年产值达1.2万亿元。"
    assert template(sentence, numerals(rules)) == template(other, numerals(rules))
    bare = numeral_runs(rules.qualifiers.constructs.percent_of.words, [])
    assert template(sentence, bare) == "全年产值达#兆元。" != template(other, bare)
    # a written-out percent is one run only with the rules' percent words (百分之)
    assert template("占比达到百分之七。", numerals(rules)) == "占比达到#。"
    assert template("占比达到百分之七。", numeral_runs([], [])) == "占比达到#分之#。"


def run(docs: list[tuple[str, str]], toolkit: Toolkit) -> tuple[Report, list[Finding]]:
    analyses = [analyse(parse_document(t.encode(), n, n), toolkit) for n, t in docs]
    findings, checks = find(analyses, toolkit.rules)
    return build_report(analyses, findings, checks), findings


def kinds(findings: list[Finding], kind: str) -> list[Finding]:
    return [f for f in findings if f.kind == kind]


# the three small cases of the conflicts issue, as written there
FUND_AND_TENCENT = (
    "杭州市近日设立科创基金,首期规模20亿元。此前,杭州已设立三支产业基金,总规模已超过2600亿元。\n"
    "腾讯第四季度营收1724亿元,同比增长11%;经营盈利594亿元,同比增长21%。\n"
)
TENCENT_OTHER = "腾讯第四季度营收1724亿元,同比增长6%。\n"
FUTURE_CLUSTERS = (
    "今年初,广东发布五大未来产业集群行动计划。广东以3个未来产业集群加快建设现代化产业体系。\n"
)


def test_statements_issue_case_one_growth_rates_conflict(toolkit: Toolkit) -> None:
    _, findings = run([("a.txt", FUND_AND_TENCENT), ("b.txt", TENCENT_OTHER)], toolkit)
    found = kinds(findings, "conflict")
    assert len(found) == 1
    assert "11%" in found[0].message and "6%" in found[0].message
    assert "21%" not in found[0].message


def test_statements_issue_case_two_internal_conflict(toolkit: Toolkit) -> None:
    _, findings = run([("c.txt", FUTURE_CLUSTERS)], toolkit)
    (found,) = kinds(findings, "internal_conflict")
    assert found.docs == ["c.txt"] and len(found.claims) == 2
    assert "五大" in found.message and "3个" in found.message


def test_statements_issue_case_three_revenue_and_profit_rates_differ(toolkit: Toolkit) -> None:
    docs = [
        ("a.txt", "2024年第四季度,腾讯营收1724亿元,同比增长11%。\n"),
        ("b.txt", "2024年第四季度,腾讯经营盈利594亿元,同比增长21%。\n"),
    ]
    _, findings = run(docs, toolkit)
    assert kinds(findings, "conflict") == []
    assert [f for f in findings if f.kind == "corroboration" and "%" in f.message] == []


def test_statements_a_loosely_matched_neighbour_silences_no_conflict(toolkit: Toolkit) -> None:
    """b.txt's share of the domestic market (突破45%) agrees with a.txt's 47%, but is not
    surely the same metric as b.txt's share of world sales: the 47% vs 49% conflict stands."""
    docs = [
        ("a.txt", "2024年,全国工业机器人的市场销量占全球总量的47%。\n"),
        (
            "b.txt",
            (
                "2024年,全国工业机器人的市场销量占全球总销量的49%。"
                "2024年,全国自主品牌工业机器人的国内市场占有率首次突破45%。\n"
            ),
        ),
    ]
    _, findings = run(docs, toolkit)
    (found,) = kinds(findings, "conflict")
    assert "47%" in found.message and "49%" in found.message


def test_statements_rivals_above_and_below_contradict(toolkit: Toolkit) -> None:
    """超越四川 and 仅次于…四川 in one sentence contradict each other; against a document
    that puts the subject below the rival, the 超越 is a conflict although the same
    document agrees elsewhere (a document at odds with itself silences nothing)."""
    one = "2024年湖北地区生产总值为6.0万亿元,连续两年超越四川,仅次于河南、四川和湖南。\n"
    other = "2024年湖北地区生产总值为6.0万亿元,总量仍落后于四川。\n"
    _, findings = run([("a.txt", one), ("b.txt", other)], toolkit)
    (inside,) = kinds(findings, "internal_conflict")
    assert inside.docs == ["a.txt"] and "超越四川" in inside.message
    (found,) = kinds(findings, "conflict")
    assert "落后于四川" in found.message and "超越四川" in found.message


def test_statements_a_copy_of_a_self_contradicting_article_is_no_conflict(
    toolkit: Toolkit,
) -> None:
    one = "2024年湖北地区生产总值为6.0万亿元,连续两年超越四川,仅次于河南、四川和湖南。\n"
    _, findings = run([("a.txt", one), ("b.txt", one.replace("6.0万亿元", "六万亿元"))], toolkit)
    assert kinds(findings, "conflict") == []
    assert len(kinds(findings, "internal_conflict")) == 2


def test_statements_two_spans_sharing_a_month_are_two_times(toolkit: Toolkit) -> None:
    docs = [
        ("a.txt", "2024年1-11月,全国集成电路产量同比增长23.1%。\n"),
        ("b.txt", "2024年3月,全国集成电路产量同比增长28.4%。\n"),
    ]
    _, findings = run(docs, toolkit)
    assert kinds(findings, "conflict") == []


def test_statements_metrics_that_only_resemble_are_two_findings(toolkit: Toolkit) -> None:
    docs = [
        ("a.txt", "2024年,全国集成电路产量增长22.2%,新能源汽车产量增长41.6%。\n"),
        ("b.txt", "2024年,全国集成电路产量增长21.1%,新能源汽车产量增长45.2%。\n"),
    ]
    _, findings = run(docs, toolkit)
    found = kinds(findings, "conflict")
    assert len(found) == 2
    assert all(len(f.groups) == 2 for f in found)


# a copy that changed a figure is found through its aligned sentence
COPY = (
    "---\ndate: 2025-04-01\n---\n"
    "比亚迪昨日在深圳举行年度业绩说明会,管理层回答了投资者关心的问题。\n"
    "比亚迪去年实现营业收入1724亿元,其中海外收入占比达到31%。\n"
    "管理层表示,将继续加大研发投入,推动产品线向高端市场延伸,并在欧洲新建两座工厂。\n"
    "分析师认为,海外市场的快速扩张是其业绩增长的主要动力,但汇率波动仍是风险。\n"
)


@pytest.mark.parametrize(
    "old,new,conflict",
    [("1724亿元", "1721亿元", True), ("31%", "38%", True), ("31%", "百分之三十一", False)],
)
def test_statements_altered_copy_is_a_conflict(
    toolkit: Toolkit, old: str, new: str, conflict: bool
) -> None:
    _, findings = run([("a.txt", COPY), ("b.txt", COPY.replace(old, new))], toolkit)
    found = kinds(findings, "conflict")
    assert bool(found) == conflict
    if conflict:
        (f,) = found
        assert f.explanation.level == "aligned sentence"
        assert old in (f.explanation.detail or "") and new in (f.explanation.detail or "")


def test_statements_relation_scores(toolkit: Toolkit) -> None:
    texts = [
        ("a.txt", "---\ndate: 2025-03-01\n---\n2024年,广东研发投入超过5100亿元。"),
        ("b.txt", "---\ndate: 2025-03-02\n---\n2024年,广东研发投入为4802亿元。"),
        ("c.txt", "---\ndate: 2025-03-03\n---\n2024年,广东研发投入为5200亿元。"),
    ]
    report, findings = run(texts, toolkit)

    def claim(doc: str, quote: str, value: str) -> dict[str, str]:
        return {"id": f"{doc}-{value}", "doc": doc, "quote": quote, "value_text": value}

    a = claim("a.txt", "广东研发投入超过5100亿元", "超过5100亿元")
    b = claim("b.txt", "广东研发投入为4802亿元", "4802亿元")
    c = claim("c.txt", "广东研发投入为5200亿元", "5200亿元")
    relations = [
        {"a": a, "b": b, "relation": "conflict", "scope": "cross_document"},
        {"a": a, "b": c, "relation": "agree", "scope": "cross_document"},
        {"a": b, "b": c, "relation": "different_period", "scope": "cross_document"},
    ]
    docs = {t[0]: (t[1], t[1].index("2024")) for t in texts}
    s = score_relations(report.claims, findings, docs, [a, b, c], relations)
    assert (s.conflicts, s.conflicts_found) == (1, 1)
    assert (s.agreeing, s.agreeing_found) == (1, 1)
    assert s.false_conflicts == 1  # b and c sit in different groups of the one conflict
    assert s.conflict_findings == 1


# a figure against another for the same time: which finding, with which explanation
LABELLED = [
    (
        "业内预计,2024年广东城镇新增就业人数将达到98万人。",
        "2024年,广东城镇新增就业人数为132万人。",
        "period_drift",
        "target vs outcome",
    ),
    (
        "广东2024年的主要目标是:城镇新增就业人数98万人。",
        "2024年,广东城镇新增就业人数为132万人。",
        "period_drift",
        "target vs outcome",
    ),
    (
        "据初步核算,福建2023年生产总值为54720亿元。",
        "据最终核实,福建2023年生产总值为55310亿元。",
        "revision",
        "preliminary vs final",
    ),
    (
        "2023年福建生产总值为54720亿元。",
        "2023年福建生产总值为55310亿元。",
        "conflict",
        "same",
    ),
]


@pytest.mark.parametrize("a,b,kind,relation", LABELLED, ids=[r[2] + ":" + r[0] for r in LABELLED])
def test_statements_targets_and_revisions_are_labelled(
    toolkit: Toolkit, a: str, b: str, kind: str, relation: str
) -> None:
    docs = [
        ("a.txt", f"---\ndate: 2024-12-20\n---\n{a}\n"),
        ("b.txt", f"---\ndate: 2025-03-05\n---\n{b}\n"),
    ]
    _, findings = run(docs, toolkit)
    found = [f for f in findings if f.kind in ("conflict", "revision", "period_drift")]
    assert [f.kind for f in found] == [kind]
    assert found[0].explanation.period_relation == relation
    if kind == "revision":
        assert "the final figure is 55310亿元 (b.txt)" in found[0].message


SAME_FIGURE = [
    (
        "2025年,广东新能源客车零售12万辆。",
        "2025年,广东全年车市终端销售的新能源车型达12万辆。",
        True,
    ),
    (
        "2023年,广东新能源客车零售12万辆。",
        "2025年,广东全年车市终端销售的新能源车型达12万辆。",
        False,
    ),
]


@pytest.mark.parametrize("a,b,corroborated", SAME_FIGURE, ids=["same time", "other years"])
@pytest.mark.parametrize("digits", [0, 2])
def test_statements_same_precise_figure_corroborates_when_turned_on(
    toolkit: Toolkit, a: str, b: str, corroborated: bool, digits: int
) -> None:
    """Two significant digits are too few for the names to be aliases (see test_aliases),
    enough for the figures to corroborate when `same_figure_digits` allows it."""
    checks = toolkit.rules.checks
    matching = checks.matching.model_copy(update={"same_figure_digits": digits})
    rules = toolkit.rules.model_copy(
        update={"checks": checks.model_copy(update={"matching": matching})}
    )
    docs = [
        ("a.txt", f"---\ndate: 2026-01-12\n---\n{a}\n"),
        ("b.txt", f"---\ndate: 2026-01-20\n---\n{b}\n"),
    ]
    analyses = [analyse(parse_document(t.encode(), n, n), toolkit) for n, t in docs]
    findings, _ = find(analyses, rules)
    found = [f for f in findings if f.kind == "corroboration"]
    assert bool(found) == (corroborated and digits > 0)
    if found:
        assert found[0].explanation.level == "same figure"
