from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import seed_path

from checker.cli import cli

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help(command: str, run_cli) -> None:
    result = run_cli(command, "--help")
    assert result.code == 0 and "Usage:" in result.out
    assert (cli.commands[command].help or "").strip()


def test_cli_check_defaults_to_the_seeds(run_cli) -> None:
    result = run_cli("check", "--format", "json")
    report = json.loads(result.out)
    assert result.code == 0
    assert [d["id"][:3] for d in report["documents"]] == ["000", "001", "002", "003", "004"]
    assert report["schema"] == "crosscheck.report/1" and report["summary"]["documents"] == 5
    first = report["documents"][0]
    for key in (
        "id",
        "path",
        "title",
        "outlet",
        "url",
        "date",
        "date_source",
        "date_evidence",
        "script",
        "damage",
        "errors",
    ):
        assert key in first


def test_cli_check_json_is_deterministic(run_cli) -> None:
    assert run_cli("check", "--format", "json").out == run_cli("check", "--format", "json").out


@pytest.fixture(
    params=[400_000, pytest.param(4_000_000, marks=pytest.mark.slow)], ids=["big", "4MB"]
)
def bad_corpus(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "gbk.txt").write_bytes(
        "截至2025年2月底,广东发明专利有效量突破80万件。".encode("gb18030")
    )
    big = seed_path("003").read_text(encoding="utf-8")
    (tmp_path / "big.txt").write_text(
        big * (request.param // len(big.encode()) + 1), encoding="utf-8"
    )
    (tmp_path / "ok.md").write_text("2024年广东研发投入超过5100亿元。", encoding="utf-8")
    return tmp_path


def test_cli_bad_input_is_reported_per_document(bad_corpus: Path, run_cli) -> None:
    result = run_cli("check", str(bad_corpus), "--format", "json")
    assert result.code == 0
    docs = {d["id"]: d for d in json.loads(result.out)["documents"]}
    assert set(docs) == {"empty.txt", "picture.txt", "gbk.txt", "big.txt", "ok.md"}
    assert "PNG" in docs["picture.txt"]["errors"][0]
    assert "empty file" in docs["empty.txt"]["notes"]
    assert (
        any("gb18030" in n for n in docs["gbk.txt"]["notes"])
        and docs["gbk.txt"]["date"] == "2025-02"
    )
    assert docs["big.txt"]["sentences"] > 1000 and not docs["big.txt"]["errors"]
    assert (
        "warning: " in result.err and "picture.txt" in result.err and "Traceback" not in result.err
    )


def test_cli_missing_path_is_one_clear_line(run_cli) -> None:
    result = run_cli("check", "no/such/folder")
    assert result.code == 2
    assert result.err.splitlines()[0] == "error: no such file or folder: no/such/folder"
    assert "Traceback" not in result.err


def test_cli_normalize_prints_repaired_text(run_cli) -> None:
    result = run_cli("normalize", str(seed_path("001")))
    assert result.code == 0 and "东说念主" not in result.out and "人工智能" in result.out


def test_cli_normalize_can_strip_boilerplate(run_cli) -> None:
    kept = run_cli("normalize", str(seed_path("003"))).out
    stripped = run_cli("normalize", "--strip-boilerplate", str(seed_path("003"))).out
    assert (
        "图源:东莞日报" in kept and "图源:东莞日报" not in stripped and "热门跟贴" not in stripped
    )


def test_cli_inspect_prints_one_card_per_document(run_cli) -> None:
    result = run_cli("inspect", str(seed_path("000")), str(seed_path("001")))
    assert result.code == 0
    assert result.out.count("spin score") == 2 and "pinyin-annotation ×389" in result.out
    assert "2025-07 (inferred" in result.out and "spun" in result.out


def test_cli_internal_errors_say_so_and_hide_the_traceback(
    monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    import checker.cli.common as cli_module

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(cli_module, "collect", boom)
    result = run_cli("check")
    assert (
        result.code == 3
        and "internal error (please report)" in result.err
        and "Traceback" not in result.err
    )
    result = run_cli("--debug", "check")
    assert "Traceback" in result.err


def test_cli_progress_bar_appears_only_for_long_phases(capsys) -> None:
    from checker.cli.options import progress_bar

    assert list(progress_bar(range(100), 100, "quick phase", after=60)) == list(range(100))
    assert "quick phase" not in capsys.readouterr().err
    assert list(progress_bar(range(100), 100, "long phase", after=0)) == list(range(100))
    assert "long phase" in capsys.readouterr().err


def test_cli_as_a_program_ends_with_its_report_whole_and_its_exit_code(run_cli) -> None:
    """Run as a program, `check` ends the process without freeing its records one by one:
    the report on standard output is still written whole, and the exit code is --fail-on's."""
    import subprocess
    import sys

    args = ("check", str(seed_path("001")), "--format", "jsonl", "--fail-on", "warning")
    inside = run_cli(*args)
    run = subprocess.run(
        [sys.executable, "-m", "checker", *args], capture_output=True, text=True, check=False
    )
    assert inside.code == 1 and inside.out.count("\n") > 10
    assert (run.returncode, run.stdout) == (inside.code, inside.out)
