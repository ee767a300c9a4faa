from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.errors import RuleFileError
from checker.ruleset import default_rules_dir, load_ruleset


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    needle = needle.strip()
    return next(
        i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in l
    )


BREAKAGES = [
    # (file, old, new, expected fragment of the message)
    ("despin.toml", '\nrule = "always"', '\nrules = "always"', 'unknown field "rules"'),
    ("despin.toml", 'confidence = "high"', 'confidence = "certain"', "confidence"),
    ("dates.toml", "base_year = 2020", 'base_year = "2020"', "base_year"),
    (
        "boilerplate.toml",
        "pattern = '(热门跟贴",
        "pattern = '((热门跟贴",
        "not a valid regular expression",
    ),
    ("boilerplate.toml", 'id = "byline"', 'id = "By Line"', "should match pattern"),
    ("dates.toml", "months = [1, 6]", "months = [6, 1]", "run backwards"),
    ("dates.toml", "\nperiod_ends = [", "\nperiod_end = [", 'unknown field "period_end"'),
    ("dates.toml", 'beginning = "初"', 'beginning = "初期"', "at most 1 character"),
    ("units.toml", 'aliases = ["斤"]', 'aliases = ["斤", "吨"]', "is already a word of unit"),
    (
        "units.toml",
        'units = ["台", "套", "部"]',
        'units = ["台", "套", "部子"]',
        "is not a classifier unit",
    ),
    ("qualifiers.toml", "sign = -1", "sign = -2", "sign"),
    ("metrics.toml", 'ranks = "gdp"', 'ranks = "gross_product"', 'ranks unknown metric "gross_'),
    ("qualifiers.toml", 'split = [["个", "月"]]', 'split = [["个", "半", "月"]]', "at most 2"),
    ("qualifiers.toml", 'tier = "梯队"', 'tiers = "梯队"', 'unknown field "tiers"'),
    (
        "qualifiers.toml",
        'scales = ["亿"], not_before',
        'scales = ["亿"], not_after',
        'unknown field "not_after"',
    ),
    ("citations.toml", "\nunnamed_openers = [", "\nunnamed_opener = [", 'unknown field "unnamed_o'),
    ("entities.toml", '\njoints = ["、"', '\njoint = ["、"', 'unknown field "joint"'),
    ("reading.toml", '\ntext = "', '\ntexts = "', 'unknown field "texts"'),
    ("checks.toml", 'copy_numerals = ["兆"]', 'copy_numerals = ["兆亿"]', "at most 1 character"),
]
# a schema error in units.toml hides its cross-entry checks, so these stand apart from the
# breakages reported together
ALONE = [
    ("units.toml", 'point = "点"', 'point = "点儿"', "at most 1 character"),
    ("units.toml", 'few = ["几", "数"]', 'fewer = ["几", "数"]', 'unknown field "fewer"'),
]


@pytest.mark.parametrize(
    "name,old,new,message", BREAKAGES + ALONE, ids=[b[3][:20] for b in BREAKAGES + ALONE]
)
def test_ruleset_each_error_names_file_line_and_entry(
    rules_copy: Path, name: str, old: str, new: str, message: str
) -> None:
    edit(rules_copy / name, old, new)
    with pytest.raises(RuleFileError) as info:
        load_ruleset(rules_copy)
    (problem,) = [p for p in info.value.problems if message in p]
    assert f"{name}:{line_of(rules_copy / name, new)}:" in problem
    assert all(f"{name}:" in p for p in info.value.problems)


def test_ruleset_numeral_words_are_the_shipped_ones(rules_copy: Path) -> None:
    # the number grammar is built once from the package's own [numerals]: other rules
    # that change them are refused rather than silently not read
    edit(rules_copy / "units.toml", 'some = "几"', 'some = "数"')
    with pytest.raises(RuleFileError) as info:
        load_ruleset(rules_copy)
    (problem,) = info.value.problems
    assert f"units.toml:{line_of(rules_copy / 'units.toml', '[numerals]')}: [numerals]" in problem
    assert "differs from the package's own" in problem


def test_ruleset_all_errors_are_reported_together(rules_copy: Path) -> None:
    for name, old, new, _ in BREAKAGES:
        edit(rules_copy / name, old, new)
    (rules_copy / "extra.toml").write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_ruleset(rules_copy)
    for name, _, _, message in BREAKAGES:
        assert any(name in p and message in p for p in info.value.problems), message
    assert any("extra.toml: unknown rules file" in p for p in info.value.problems)


def test_ruleset_invalid_toml_and_missing_file(rules_copy: Path) -> None:
    (rules_copy / "dates.toml").write_text("target_cues = [\n", encoding="utf-8")
    (rules_copy / "boilerplate.toml").unlink()
    with pytest.raises(RuleFileError) as info:
        load_ruleset(rules_copy)
    text = "\n".join(info.value.problems)
    assert "dates.toml: not valid TOML" in text and "boilerplate.toml: missing rules file" in text


def test_ruleset_broken_rules_exit_2_without_traceback(rules_copy: Path, run_cli) -> None:
    edit(rules_copy / "despin.toml", '\nrule = "always"', "\nrule = 3")
    result = run_cli("check", "--rules", str(rules_copy))
    assert result.code == 2
    assert result.err.startswith("error: ") and "despin.toml:" in result.err
    assert "Traceback" not in result.err and result.out == ""
