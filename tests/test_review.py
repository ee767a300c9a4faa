"""`crosscheck review`: the triage loop (click's runner), the saved decisions, resuming,
--baseline with a review file, and one run through a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from checker.checks.baseline import Accepted
from checker.cli import cli
from checker.models import Explanation, Finding
from checker.report.review import Review, read_decisions, render_review_file

CONFLICTING = {
    "a.txt": "---\ndate: 2025-03-10\n---\n2024年,广东研发经费投入为5000亿元,居全国首位。\n",
    "b.txt": "---\ndate: 2025-03-20\n---\n据省统计局,2024年广东研发经费投入为4500亿元。\n",
    "c.txt": "---\ndate: 2024-03-20\n---\n2023年,广东研发经费投入为4000亿元。\n",
}


def _finding(n: int) -> Finding:
    return Finding(
        id=f"F-{n:08x}",
        kind="uncited",
        severity="warning",
        claims=[],
        docs=["x.txt"],
        message=f"x.txt: {n}",
        explanation=Explanation(),
    )


def _decided(n: int, decision: str = "accepted") -> Accepted:
    return Accepted(id=f"F-{n:08x}", kind="uncited", decision=decision)  # type: ignore[arg-type]


# (decisions already made, where a new review starts)
RESUME_CASES = [
    ([], 0),
    ([0], 1),
    ([0, 1], 2),
    ([1], 0),  # a skipped first finding is offered again
    ([0, 1, 2], 3),  # all decided: nothing left
]


@pytest.mark.parametrize("done,start", RESUME_CASES, ids=[str(c[0]) for c in RESUME_CASES])
def test_review_resumes_at_the_first_finding_without_a_decision(
    done: list[int], start: int
) -> None:
    review = Review([_finding(i) for i in range(3)], {f"F-{i:08x}": _decided(i) for i in done})
    assert review.at == start


def test_review_decisions_keep_report_order_and_survive_a_round_trip(tmp_path: Path) -> None:
    review = Review([_finding(i) for i in range(3)], {"F-gone": _decided(9)})
    review.at = 2
    review.decide("flagged", "", "王编辑", "2025-03-01")
    review.at = 0
    review.decide("dismissed", "同一数据的不同口径", "王编辑", "2025-03-01")
    path = tmp_path / "review.toml"
    path.write_text(render_review_file(review.entries()), encoding="utf-8")
    back = read_decisions(path)
    assert list(back) == ["F-00000000", "F-00000002", "F-00000009"]
    assert back["F-00000000"].reason == "同一数据的不同口径"
    assert back["F-00000002"].decision == "flagged" and back["F-00000002"].who == "王编辑"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in CONFLICTING.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _review(runner: CliRunner, *args: str, keys: str) -> str:
    result = runner.invoke(cli, ["review", "-q", "--lang", "en", *args], input=keys)
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


@pytest.mark.parametrize("on", ["seeds", "corpus"])
def test_review_accept_dismiss_quit_resume_and_baseline(
    on: str, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    monkeypatch.setattr("checker.cli.review.is_terminal", lambda: True)
    monkeypatch.setattr("checker.cli.review._reviewer", lambda: "Editor Wang")
    file = tmp_path / "review.toml"
    runner = CliRunner()
    path = ROOT / "seeds" if on == "seeds" else corpus
    args = (str(path), "--file", str(file))
    out = _review(runner, *args, keys="achecked with the bureau\ndreprint of a\nq")
    assert "finding 1 of" in out and "finding 3 of" in out
    saved = tomllib.loads(file.read_text(encoding="utf-8"))["accepted"]
    assert [(e["decision"], e["reason"], e["who"]) for e in saved] == [
        ("accepted", "checked with the bureau", "Editor Wang"),
        ("dismissed", "reprint of a", "Editor Wang"),
    ]
    assert all(e["date"] for e in saved)
    again = _review(runner, *args, keys="q")
    assert "finding 3 of" in again and "finding 1 of" not in again
    before = run_cli("check", str(path), "--format", "json").out
    after = run_cli("check", str(path), "--format", "json", "--baseline", str(file)).out
    for entry in saved:
        assert entry["id"] in before and entry["id"] not in after


def test_review_flagged_findings_stay_in_the_report(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    monkeypatch.setattr("checker.cli.review.is_terminal", lambda: True)
    file = tmp_path / "review.toml"
    out = _review(CliRunner(), str(corpus), "--file", str(file), keys="fbq")
    assert "flagged for correction" in out
    (entry,) = tomllib.loads(file.read_text(encoding="utf-8"))["accepted"]
    assert entry["decision"] == "flagged"
    report = run_cli("check", str(corpus), "--baseline", str(file), "--lang", "en").out
    assert entry["id"] in report and "flagged for correction: " in report


def test_review_of_a_gate_run_offers_only_findings_about_changed_documents(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checker.cli.review.is_terminal", lambda: True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "corpus"]):
        subprocess.run(["git", *args], cwd=corpus, env=env, check=True, capture_output=True)
    (corpus / "d.txt").write_text(
        "---\ndate: 2025-04-01\n---\n2024年,广东研发经费投入为5600亿元。\n", encoding="utf-8"
    )
    monkeypatch.chdir(corpus)
    file = tmp_path / "review.toml"
    out = _review(CliRunner(), ".", "--base", "HEAD", "--file", str(file), keys="s" * 20)
    shown = [line for line in out.splitlines() if line.startswith(("error ", "warning ", "info "))]
    assert shown and all("d.txt" in line for line in shown), shown


def test_review_asks_again_for_an_empty_reason(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checker.cli.review.is_terminal", lambda: True)
    file = tmp_path / "review.toml"
    out = _review(CliRunner(), str(corpus), "--file", str(file), keys="d\n  \n同一口径\nq")
    assert out.count("reason") >= 3
    (entry,) = tomllib.loads(file.read_text(encoding="utf-8"))["accepted"]
    assert (entry["decision"], entry["reason"]) == ("dismissed", "同一口径")


def test_review_outside_a_terminal_is_an_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("review", "--file", str(tmp_path / "r.toml"))
    assert result.code == 2 and "needs a terminal" in result.err
    assert not (tmp_path / "r.toml").exists()


def _read_until(fd: int, needle: str, seen: list[str], timeout: float = 90.0) -> None:
    end = time.monotonic() + timeout
    while needle not in "".join(seen):
        if time.monotonic() > end:
            raise AssertionError(f"no {needle!r} in {''.join(seen)[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen.append(os.read(fd, 65536).decode("utf-8", "replace"))
            except OSError:
                break


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="no pseudo-terminals here")
def test_review_in_a_real_pseudo_terminal(corpus: Path, tmp_path: Path) -> None:
    file = tmp_path / "review.toml"
    main_fd, child_fd = pty.openpty()
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "", "USER": "tester"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "review", "-q", str(corpus), "--file", str(file)],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        cwd=ROOT,
        env=env,
    )
    os.close(child_fd)
    seen: list[str] = []
    try:
        _read_until(main_fd, "[a]ccept", seen)
        time.sleep(1.0)  # the key is read in raw mode, which drops what was typed before
        os.write(main_fd, b"a")
        _read_until(main_fd, "reason", seen)
        os.write(main_fd, "口径一致\r".encode())
        _read_until(main_fd, "saved to", seen)
        _read_until(main_fd, "[a]ccept", seen[-1:])
        time.sleep(1.0)
        os.write(main_fd, b"q")
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main_fd)
    (entry,) = tomllib.loads(file.read_text(encoding="utf-8"))["accepted"]
    assert entry["decision"] == "accepted" and entry["reason"] == "口径一致"
    assert entry["kind"] == "conflict" and entry["who"]  # the first finding is the conflict
