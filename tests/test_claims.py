"""Claims: quality floors on the seeds and case files in the seeds' style."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cases import CaseError, case_claims, check_claims, load_cases
from conftest import ROOT, SEEDS, SHARED, gold_rows, needs_shared

from checker.claims.evaluate import evaluate, same_period
from checker.ingest.documents import parse_document
from checker.models import Analysis
from checker.pipeline import Toolkit, analyse

# Floors just below what the seeds reach (see README); a regression fails CI.
FLOORS = {
    "recall": 0.96,
    "precision": 0.89,
    "value_unit": 0.98,
    "subject": 0.89,
    "period": 0.85,
    "citation": 0.95,
}


@pytest.fixture(scope="module")
def seed_analyses(toolkit: Toolkit) -> list:
    return [
        analyse(parse_document(p.read_bytes(), p.name, str(p)), toolkit)
        for p in sorted(SEEDS.glob("*.txt"))
    ]


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_claims_quality_floors_on_the_seeds(measure: str, seed_analyses: list) -> None:
    scores = evaluate(gold_rows("seed-claims.jsonl"), seed_analyses)
    assert getattr(scores, measure) >= FLOORS[measure], scores.model_dump(exclude={"misses"})


def test_claims_spans_point_at_their_numbers(seed_analyses: list) -> None:
    for a in seed_analyses:
        for c in a.claims:
            start, end = c.span
            assert a.document.text[start:end] == c.value.text
            assert c.quote in a.document.text and c.value.text in c.quote or c.kind == "date"
            assert a.document.text.count("\n", 0, start) + 1 == c.line


def test_claims_ids_are_unique_and_ordered(seed_analyses: list) -> None:
    for a in seed_analyses:
        ids = [c.id for c in a.claims]
        assert len(ids) == len(set(ids))
        assert [c.span for c in a.claims] == sorted(c.span for c in a.claims)


CASE_FILES = ["claims.toml", "open-world.toml", "claim-assembly.toml"]
CASES = [(name, case) for name in CASE_FILES for case in load_cases(name)]


@pytest.mark.parametrize(
    "case", [c for _, c in CASES], ids=[f"{f.removesuffix('.toml')}::{c['name']}" for f, c in CASES]
)
def test_claims_cases(case: dict, toolkit: Toolkit) -> None:
    check_claims(case, case_claims(case, toolkit))


@pytest.mark.parametrize(
    "case,error",
    [
        ('name = "a"\ntext = "没有数字。"\nabsent = ["一"]', "no positive expectation"),
        ('name = "a"\ntext = "增长5%。"\nexpect = []', "no positive expectation"),
        ('text = "增长5%。"\nexpect = [{ value = "5%" }]', "a name of its own"),
        (
            'name = "a"\ntext = "增长5%。"\nexpect = [{ value = "5%", colour = "red" }]',
            "known fields",
        ),
        ('name = "a"\nexpect = [{ value = "5%" }]', "either `text` or `docs`"),
    ],
)
def test_claims_case_files_reject_cases_that_expect_nothing(
    case: str, error: str, tmp_path: Path
) -> None:
    """A case of `absent` alone passes on a pipeline that returns nothing: the loader
    refuses it, naming the file and the case."""
    (tmp_path / "cases.toml").write_text(f"[[case]]\n{case}\n", encoding="utf-8")
    with pytest.raises(CaseError, match=error) as raised:
        load_cases(str(tmp_path / "cases.toml"))
    assert str(raised.value).startswith("cases.toml: case 1")


def test_claims_command_formats_agree_with_check(run_cli) -> None:
    report = json.loads(run_cli("check", "--format", "json").out)
    table = run_cli("claims")
    as_json = json.loads(run_cli("claims", "--format", "json").out)
    lines = run_cli("claims", "--format", "jsonl").out.splitlines()
    assert table.code == 0 and table.out.strip().endswith(
        f"{len(report['claims'])} claims in 5 documents"
    )
    assert as_json["claims"] == report["claims"]
    assert [json.loads(line) for line in lines] == report["claims"]


@pytest.mark.parametrize("corpus", ["seeds", "no claims"])
def test_claims_json_is_written_as_json_dumps_would(corpus: str, tmp_path: Path, run_cli) -> None:
    """`claims --format json` is streamed claim by claim, with the bytes of one json.dumps;
    one or two worker processes give the same bytes."""
    (tmp_path / "a.txt").write_text("今天天气很好。", encoding="utf-8")
    folder = ROOT / "seeds" if corpus == "seeds" else tmp_path
    one = run_cli("claims", str(folder), "--format", "json", "--jobs", "1").out
    two = run_cli("claims", str(folder), "--format", "json", "--jobs", "2").out
    assert one == two == json.dumps(json.loads(one), ensure_ascii=False, indent=2) + "\n"


def test_claims_eval_command_reports_the_scores(run_cli) -> None:
    result = run_cli("eval", "--gold", str(Path(__file__).parent / "gold"), "--format", "json")
    scores = json.loads(result.out)
    assert result.code == 0 and scores["gold"] == 252 and scores["recall"] >= FLOORS["recall"]
    missing = run_cli("eval", "--gold", "no/such/folder")
    assert missing.code == 2 and missing.err.startswith("error: no gold claims")


# ---- the development corpus: articles the seeds never covered -----------------------

# Floors just below what all six clusters reach together (README, bench/quality.py): the
# three clusters added last (agri, property, devices) brought precision, period and
# citation down from what the first three reached; a regression fails CI.
DEV_FLOORS = {
    "recall": 0.96,
    "precision": 0.81,
    "value_unit": 0.97,
    "subject": 0.89,
    "period": 0.91,
    "citation": 0.76,
}


@pytest.fixture(scope="module")
def dev_scores(
    dev_corpus: dict[str, tuple[list[dict[str, object]], list[Analysis]]], toolkit: Toolkit
) -> object:
    gold: list[dict[str, object]] = []
    analyses: list[Analysis] = []
    for cluster_gold, cluster_analyses in dev_corpus.values():
        gold += cluster_gold
        analyses += cluster_analyses
    return evaluate(gold, analyses, toolkit.rules.units)  # units compared in their base


@pytest.mark.parametrize("measure", sorted(DEV_FLOORS))
def test_claims_quality_floors_on_the_development_corpus(measure: str, dev_scores: object) -> None:
    """All clusters together, as bench/quality.py's last row counts them."""
    assert getattr(dev_scores, measure) >= DEV_FLOORS[measure], getattr(dev_scores, measure)


@pytest.mark.parametrize(
    "span,left",
    [("出口平均单价同比上涨", "出口平均单价 上涨"), ("营收较上一年下降", "营收 下降")],
)
def test_claims_scope_words_go_leftmost_first(span: str, left: str, toolkit: Toolkit) -> None:
    """同比上涨 loses 同比, not 比上: the same whatever order a set of words iterates in."""
    assert toolkit.claims.scope_words.sub(" ", span) == left


@pytest.mark.parametrize("ci", ["", "true"])
def test_claims_a_missing_shared_corpus_skips_locally_and_fails_under_ci(
    ci: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The development-corpus floors must not turn green in CI because the corpus is gone."""
    monkeypatch.setenv("CI", ci)
    outcome = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(outcome, match="no-such-corpus is not beside the checkout"):
        needs_shared(SHARED / "no-such-corpus")
    assert needs_shared(SEEDS) == SEEDS  # a folder that is there passes through


# The scorer compares periods as stretches of the calendar of one kind.
SAME_PERIOD = [
    ("2021-H1", "2021-01/2021-06", True),
    ("2021-01/2021-03", "2021-Q1", True),
    ("2021-Q2", "2021-01/2021-06", False),
    ("cumulative:2016/2022-12", "2016/2022", True),
    ("cumulative:2016/2022-09", "2016/", True),
    ("cumulative:2017/2022-09", "2016/", False),
    ("as_of:2021-12-31", "2021", False),
    ("target:2027", "2027", False),
    ("2020-11-30", "2020-11-30", True),
    ("edition:12", "edition:12", True),
    ("edition:12", "edition:13", False),
    (None, "2021", False),
    (None, None, True),
]


@pytest.mark.parametrize(
    "got,wanted,same", SAME_PERIOD, ids=[f"{r[0]}~{r[1]}" for r in SAME_PERIOD]
)
def test_claims_scorer_compares_periods_as_intervals(
    got: str | None, wanted: str | None, same: bool
) -> None:
    assert same_period(got, wanted) is same
