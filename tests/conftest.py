"""Session fixtures: the ruleset, the repair machinery, a CLI runner and the development corpus
analysed once per test process."""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import settings

import checker.matching.match  # noqa: F401  (imported before the dictionary is shared)
from checker.cli import main
from checker.ingest.documents import parse_document
from checker.mentions import words
from checker.models import Analysis
from checker.pipeline import Toolkit, analyse
from checker.repair.normalize import Repairer
from checker.ruleset import Ruleset, load_ruleset

# CI explores the same examples on every run (a red build must be reproducible);
# locally hypothesis keeps drawing new ones and remembers failures in .hypothesis/.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def _share_the_dictionary() -> None:
    """Each CLI run and each `find` in a test builds its own tokenizers, and each would read
    jieba's dictionary again (about 1 s, several on a busy machine): the tests share one load
    per process. The loaded tokenizer is never changed (claims extend a copy of it)."""
    original = words.load_dictionary
    shared = functools.cache(original)
    for name, module in list(sys.modules.items()):  # the modules that imported it by name
        if name.startswith("checker") and getattr(module, "load_dictionary", None) is original:
            module.load_dictionary = shared  # type: ignore[attr-defined]


_share_the_dictionary()

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"
SHARED = ROOT.parent / "shared"
DEV = SHARED / "dev-corpus"


def needs_shared(path: Path) -> Path:
    """`path` under ../shared/ beside the checkout: skipped with a reason when it is missing,
    a failure under CI (where a missing corpus must not turn the floors green)."""
    if not path.exists():
        reason = f"{path.relative_to(ROOT.parent)} is not beside the checkout"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set: tests that need ../shared/ do not skip)")
        pytest.skip(reason)
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden report files")
    parser.addoption("--slow", action="store_true", help="also run the tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked slow run under CI and with --slow; a plain local run skips them."""
    if os.environ.get("CI") or config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow (CI always runs it)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


class Result(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def rules() -> Ruleset:
    return load_ruleset()


@pytest.fixture(scope="session")
def repairer(rules: Ruleset) -> Repairer:
    return Repairer(rules)


@pytest.fixture(scope="session")
def toolkit(rules: Ruleset) -> Toolkit:
    return Toolkit(rules)


@pytest.fixture(scope="session")
def dev_corpus(toolkit: Toolkit) -> dict[str, tuple[list[dict[str, object]], list[Analysis]]]:
    """Each development-corpus cluster's gold claims and analysed documents, analysed once."""
    clusters = {}
    for cluster in sorted(p for p in needs_shared(DEV).iterdir() if (p / "claims.jsonl").is_file()):
        lines = (cluster / "claims.jsonl").read_text(encoding="utf-8").splitlines()
        gold = [json.loads(line) for line in lines if line.strip()]
        analyses = [
            analyse(parse_document(path.read_bytes(), path.name, str(path)), toolkit)
            for path in sorted((cluster / "docs").glob("*.txt"))
        ]
        clusters[cluster.name] = (gold, analyses)
    return clusters


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    def run(*args: str) -> Result:
        with pytest.raises(SystemExit) as exit_info:
            main(list(args))
        captured = capsys.readouterr()
        return Result(int(exit_info.value.code or 0), captured.out, captured.err)

    return run


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def gold_rows(name: str) -> list[dict[str, object]]:
    return [
        json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line
    ]
