"""Reports: golden files for the seed run, the JSON Schema, the contract, HTML in a browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

GOLDEN = Path(__file__).parent / "golden" / "seeds"
SCHEMA = Path(__file__).parent / "schema" / "report.schema.json"


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # report paths are relative to the working folder


@pytest.mark.parametrize("fmt,name", [("json", "expected.json"), ("md", "expected.md")])
def test_reports_golden_seed_run(
    fmt: str, name: str, run_cli, at_root, update_golden: bool
) -> None:
    result = run_cli("check", "--format", fmt)
    assert result.code == 0
    path = GOLDEN / name
    if update_golden:
        path.write_text(result.out, encoding="utf-8")
    assert result.out == path.read_text(encoding="utf-8"), (
        f"rerun with --update-golden and review the diff of {name}"
    )


@pytest.mark.parametrize("corpus", ["seeds", "empty"])
def test_reports_json_written_in_pieces_is_pydantics_json(corpus: str, tmp_path: Path) -> None:
    from checker.models import Report, Summary
    from checker.pipeline import build_report, collect, find
    from checker.report.findings import iter_report_json
    from checker.ruleset import load_ruleset

    rules = load_ruleset()
    if corpus == "seeds":
        extractions = collect([ROOT / "seeds"], rules)
        report = build_report(extractions, *find(extractions, rules))
    else:
        report = Report(summary=Summary(documents=0, claims=0, findings={}))
    pieces = list(iter_report_json(report))
    assert len(pieces) > 10
    assert "".join(pieces) == report.model_dump_json(by_alias=True, indent=2) + "\n"


def test_reports_schema_copy_is_current(run_cli, update_golden: bool) -> None:
    out = run_cli("schema").out
    if update_golden:
        SCHEMA.write_text(out, encoding="utf-8")
    assert out == SCHEMA.read_text(encoding="utf-8"), (
        "the report's shape changed: rerun with --update-golden"
    )


def test_reports_json_validates_and_keeps_the_contract(run_cli, at_root) -> None:
    report = json.loads(run_cli("check", "--format", "json").out)
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))
    texts = {d["id"]: (ROOT / d["path"]).read_text(encoding="utf-8") for d in report["documents"]}
    claims = {c["id"]: c for c in report["claims"]}
    for c in report["claims"]:
        start, end = c["span"]
        assert (
            0 <= start < end <= len(texts[c["doc"]])
            and texts[c["doc"]][start:end] == c["value"]["text"]
        )
    for f in report["findings"]:
        assert all(cid in claims for cid in f["claims"])
        docs = {claims[cid]["doc"] for cid in f["claims"]}
        if f["kind"] in ("conflict", "corroboration"):
            grouped = [cid for group in f["groups"] for cid in group]
            assert len(docs) >= 2 and sorted(grouped) == sorted(f["claims"])
        if f["kind"] == "internal_conflict":
            assert len(docs) == 1


def test_reports_fail_on_sets_the_exit_code(tmp_path: Path, run_cli) -> None:
    (tmp_path / "a.txt").write_text(
        "---\ndate: 2025-03-10\n---\n截至2025年2月底,广东发明专利有效量突破80万件。",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "---\ndate: 2025-03-20\n---\n截至2025年2月底,广东发明专利有效量为60万件。", encoding="utf-8"
    )
    assert run_cli("check", str(tmp_path)).code == 0
    assert run_cli("check", str(tmp_path), "--fail-on", "error").code == 1
    assert run_cli("check", str(tmp_path), "--fail-on", "warning").code == 1
    assert run_cli("check", str(tmp_path), "--select", "uncited", "--fail-on", "error").code == 0


def test_reports_output_to_a_folder(tmp_path: Path, run_cli) -> None:
    result = run_cli("check", "--format", "html", "-o", str(tmp_path))
    assert result.code == 0 and (tmp_path / "crosscheck-report.html").read_text(
        encoding="utf-8"
    ).startswith("<!DOCTYPE html>")


def _chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


@pytest.mark.skipif(
    _chromium() is None, reason="no Chromium installed (.ci/run installs Debian's chromium)"
)
def test_reports_html_renders_in_chromium_and_escapes_documents(tmp_path: Path, run_cli) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    (corpus / "zz_evil.txt").write_text(
        "<script>alert(1)</script>2024年,广东研发投入超过5100亿元。\n", encoding="utf-8"
    )
    page = tmp_path / "report.html"
    assert run_cli("check", str(corpus), "--format", "html", "-o", str(page)).code == 0
    dom = subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert 'class="finding info"' in dom and "万亿级产业集群" in dom  # the findings render
    assert (
        'id="shown"' in dom and ">0<" not in dom.split('id="shown"')[1][:5]
    )  # the filter script ran
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # the document's markup is text
    assert "<script>alert(1)</script>" not in dom


def test_reports_jsonl_carries_the_same_records_as_json(run_cli, at_root) -> None:
    report = json.loads(run_cli("check", "--format", "json").out)
    rows = [json.loads(line) for line in run_cli("check", "--format", "jsonl").out.splitlines()]
    assert rows[0]["type"] == "report" and rows[-1]["type"] == "summary"
    for kind, key in (
        ("document", "documents"),
        ("claim", "claims"),
        ("finding", "findings"),
        ("check", "checks"),
    ):
        got = [{k: v for k, v in r.items() if k != "type"} for r in rows if r["type"] == kind]
        assert got == report[key]
    assert {k: v for k, v in rows[-1].items() if k != "type"} == report["summary"]
