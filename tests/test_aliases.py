"""Metric aliases the corpus shows: two names that state the same figure for one subject and
period in two documents are one metric, and their other figures may then conflict."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from checker.ingest.documents import parse_document
from checker.matching.aliases import Aliases
from checker.matching.match import Matcher
from checker.models import Claim, Finding
from checker.pipeline import Toolkit, analyse, find, matchable

TEA_BUREAU = (
    "---\ndate: 2024-03-05\n---\n"
    "据浙江省统计局数据,2023年浙江茶叶产量为20567.4吨。2022年浙江茶叶产量为19876.3吨。\n"
)
TEA_FARMS = (
    "---\ndate: 2024-03-08\n---\n"
    "据浙江省农业农村厅介绍,2023年浙江茶园采收量20567.4吨。2022年浙江茶园采收量18001.5吨。\n"
)
# the shared figure has two significant digits only: no evidence on its own
TEA_ROUND_BUREAU = (
    "---\ndate: 2024-03-05\n---\n"
    "据浙江省统计局数据,2023年浙江茶叶产量为21万吨。2022年浙江茶叶产量为19876.3吨。\n"
)
TEA_ROUND_FARMS = (
    "---\ndate: 2024-03-08\n---\n"
    "据浙江省农业农村厅介绍,2023年浙江茶园采收量21万吨。2022年浙江茶园采收量18001.5吨。\n"
)
# a flow and a stock that happen to agree once: 新增 keeps them apart
ORCHARD_STOCK = "---\ndate: 2024-03-05\n---\n据福建省统计局数据,2023年福建果园面积为3456.7万亩。\n"
ORCHARD_NEW = "---\ndate: 2024-03-08\n---\n据福建省林业局介绍,2023年福建新增果园面积3456.7万亩。\n"


# two names of one measure that share a precise figure, and a growth rate of each that differs
SILK_BUREAU = (
    "---\ndate: 2024-03-05\n---\n据四川省统计局数据,2023年四川蚕茧产量为8714.6吨,同比增长4.2%。\n"
)
SILK_FARMS = (
    "---\ndate: 2024-03-08\n---\n"
    "据四川省农业农村厅介绍,2023年四川鲜茧收购量8714.6吨,同比增长6.8%。\n"
)
# a list whose lines name only their place, and a report naming the measure
PORT_LIST = (
    "---\ndate: 2024-03-05\n---\n"
    "【数据】2023年港口主要指标（单位：万吨）\n——浙江：21357.6\n——福建：7894.2\n"
)
PORT_REPORT = (
    "---\ndate: 2024-03-08\n---\n"
    "据交通运输部数据,2023年浙江港口货物吞吐量21357.6万吨,福建港口货物吞吐量7984.2万吨。\n"
)


def _claims(docs: list[tuple[str, str]], tools: Toolkit) -> tuple[list[Claim], list[Finding]]:
    analyses = [analyse(parse_document(t.encode(), n, n), tools) for n, t in docs]
    findings, _ = find(analyses, tools.rules)
    return [c for a in analyses for c in a.claims], findings


@pytest.fixture(scope="module")
def tools(rules) -> Toolkit:  # type: ignore[no-untyped-def]
    return Toolkit(rules)


def _induce(claims: list[Claim], tools: Toolkit) -> Aliases:
    return Aliases.induce(matchable(claims), Matcher(tools.rules, {}, tools.dictionary))


def test_aliases_a_shared_precise_figure_joins_two_names(tools: Toolkit) -> None:
    claims, findings = _claims([("bureau.txt", TEA_BUREAU), ("farms.txt", TEA_FARMS)], tools)
    aliases = _induce(claims, tools)
    assert [set(pair) for pair in aliases.pairs] == [{"茶园采收量", "茶叶产量"}]
    conflicts = [f for f in findings if f.kind == "conflict"]
    assert len(conflicts) == 1
    f = conflicts[0]
    assert f.explanation.level == "corpus alias"
    assert "20567.4吨" in (f.explanation.detail or "")
    assert "shared figure 20567.4吨 in bureau.txt and farms.txt" in f.message


def test_aliases_a_round_shared_figure_is_no_evidence(tools: Toolkit) -> None:
    docs = [("bureau.txt", TEA_ROUND_BUREAU), ("farms.txt", TEA_ROUND_FARMS)]
    claims, findings = _claims(docs, tools)
    assert _induce(claims, tools).pairs == {}
    assert not [f for f in findings if f.kind == "conflict"]


def test_aliases_never_join_names_a_contrastive_word_keeps_apart(tools: Toolkit) -> None:
    claims, _ = _claims([("a.txt", ORCHARD_STOCK), ("b.txt", ORCHARD_NEW)], tools)
    assert _induce(claims, tools).pairs == {}


def test_aliases_do_not_depend_on_the_order_of_claims(tools: Toolkit) -> None:
    claims, _ = _claims([("bureau.txt", TEA_BUREAU), ("farms.txt", TEA_FARMS)], tools)
    shuffled = list(claims)
    random.Random(7).shuffle(shuffled)
    assert _induce(claims, tools) == _induce(shuffled, tools)


def test_explain_two_claims_names_the_test_that_matched_them(tmp_path: Path, run_cli) -> None:
    (tmp_path / "bureau.txt").write_text(TEA_BUREAU, encoding="utf-8")
    (tmp_path / "farms.txt").write_text(TEA_FARMS, encoding="utf-8")
    result = run_cli("explain", "bureau.txt#2", "farms.txt#2", str(tmp_path), "--quiet")
    assert result.code == 0, result.err
    assert "metric     yes  corpus alias" in result.out
    assert "shared figure 20567.4吨" in result.out


def test_explain_two_claims_says_which_test_kept_them_apart(tmp_path: Path, run_cli) -> None:
    (tmp_path / "a.txt").write_text(ORCHARD_STOCK, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ORCHARD_NEW, encoding="utf-8")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    result = run_cli("explain", f"{a}:4", f"{b}:4", str(tmp_path), "--quiet")
    assert result.code == 0, result.err
    assert "metric     no   none: 新增 on one side only" in result.out
    assert "not matched: the metric test keeps them apart" in result.out


def test_explain_an_unknown_claim_is_a_user_error(tmp_path: Path, run_cli) -> None:
    (tmp_path / "a.txt").write_text(ORCHARD_STOCK, encoding="utf-8")
    result = run_cli("explain", "a.txt#1", "a.txt#9", str(tmp_path), "--quiet")
    assert result.code == 2
    assert result.err.splitlines()[0] == "error: no claim a.txt#9"


def test_aliases_hold_for_the_same_rate_of_the_two_names(tools: Toolkit) -> None:
    docs = [("bureau.txt", SILK_BUREAU), ("farms.txt", SILK_FARMS)]
    claims, findings = _claims(docs, tools)
    assert [set(pair) for pair in _induce(claims, tools).pairs] == [{"蚕茧产量", "鲜茧收购量"}]
    rates = [f for f in findings if f.kind == "conflict" and "增长率" in f.message]
    assert len(rates) == 1
    assert rates[0].explanation.level == "corpus alias"


def test_aliases_show_what_an_unnamed_list_measures(tools: Toolkit) -> None:
    claims, findings = _claims([("list.txt", PORT_LIST), ("report.txt", PORT_REPORT)], tools)
    listed = {c.value.text: c.metric.name for c in claims if c.doc == "list.txt"}
    assert listed["7894.2"] == "港口主要指标"
    conflicts = [f for f in findings if f.kind == "conflict"]
    assert len(conflicts) == 1
    assert "7894.2" in conflicts[0].message and "7984.2万吨" in conflicts[0].message
    assert "shared figure" in conflicts[0].message
