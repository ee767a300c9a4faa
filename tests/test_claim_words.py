"""The function words claims are read by are rules/claims.toml [words], not code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.errors import RuleFileError
from checker.ingest.documents import parse_document
from checker.pipeline import Toolkit, analyse
from checker.ruleset import Ruleset, default_rules_dir, load_ruleset

SENTENCES = {
    "count_name": "2023年，甲省有12个城市把数字乡村写入年度工作计划。",
    "share_name": "2021年丁省财政支出中75%的科研经费投向企业。",
}


def metrics(toolkit: Toolkit, sentence: str) -> list[str]:
    analysis = analyse(parse_document(sentence.encode(), "t", "t.txt"), toolkit)
    return [c.metric.name for c in analysis.claims]


@pytest.fixture(scope="module")
def reworded(rules: Ruleset) -> Toolkit:
    """The rules with other words for a count of doers and for a share."""
    said = rules.claims.words.model_copy(update={"count_name": "总数", "share_name": "份额"})
    claims = rules.claims.model_copy(update={"words": said})
    return Toolkit(rules.model_copy(update={"claims": claims}))


@pytest.mark.parametrize(
    "field,before,after",
    [
        ("count_name", "数字乡村写入年度工作计划的城市数", "数字乡村写入年度工作计划的城市总数"),
        ("share_name", "科研经费占比", "科研经费份额"),
    ],
)
def test_a_word_changed_in_the_rules_changes_the_claims(
    toolkit: Toolkit, reworded: Toolkit, field: str, before: str, after: str
) -> None:
    assert metrics(toolkit, SENTENCES[field]) == [before]
    assert metrics(reworded, SENTENCES[field]) == [after]


def test_an_unknown_word_is_refused_with_its_file(tmp_path: Path) -> None:
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    claims = target / "claims.toml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("\n[words]\n", '\n[words]\nby = "被"\n', 1),
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as info:
        load_ruleset(target)
    assert any("claims.toml" in p and "by" in p for p in info.value.problems)
