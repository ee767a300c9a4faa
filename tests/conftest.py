"""Session fixtures: the ruleset, the repair machinery and a CLI runner."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import settings

from checker.cli import main
from checker.pipeline import Toolkit
from checker.repair.normalize import Repairer
from checker.ruleset import Ruleset, load_ruleset

# CI explores the same examples on every run (a red build must be reproducible);
# locally hypothesis keeps drawing new ones and remembers failures in .hypothesis/.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden report files")


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
