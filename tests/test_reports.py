"""Reports: golden files for the seed run, the JSON Schema, the contract, HTML in a browser."""

from __future__ import annotations

import json
import re
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


GOLDEN_RUNS = [
    (("--format", "md", "--lang", "en"), "expected.md"),
    (("--format", "text", "--lang", "en"), "expected.txt"),
    (("--format", "text", "--lang", "zh"), "expected.zh.txt"),
    (("--format", "md", "--lang", "zh"), "expected.zh.md"),
]


def _golden(name: str, got: str, update_golden: bool) -> None:
    path = GOLDEN / name
    if update_golden:
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), (
        f"rerun with --update-golden and review the diff of {name}"
    )


@pytest.mark.parametrize("args,name", GOLDEN_RUNS, ids=[n for _, n in GOLDEN_RUNS])
def test_reports_golden_seed_run(
    args: tuple[str, ...], name: str, run_cli, at_root, update_golden: bool
) -> None:
    result = run_cli("check", *args)
    assert result.code == 0
    _golden(name, result.out, update_golden)


def _value(value: dict) -> str:
    lo, hi = value["lo"], value["hi"]
    bounds = f"{'(' if value['lo_open'] else ''}{lo}" + (
        "" if hi == lo and not value["hi_open"] else f"..{hi}{')' if value['hi_open'] else ''}"
    )
    return f"{value['text']} = {bounds}"


def report_summary(report: dict) -> str:
    """What a change to the seed run should be reviewed for, one line per record: the
    counts, each finding's id (its fingerprint), kind, severity and claims, and each
    claim's subject, metric, value, unit, period and citation. The full JSON is checked by
    the schema and contract tests."""
    claims = {
        c["id"]: " | ".join(
            [
                (c["subject"] or {}).get("name") or "-",
                c["metric"]["id"] or c["metric"]["name"] or "-",
                _value(c["value"]),
                c["unit"] or "-",
                c["period"]["label"] or "-",
                c["citation"]["status"]
                + (f" ({c['citation']['source']})" if c["citation"]["source"] else ""),
            ]
        )
        for c in report["claims"]
    }
    findings = {
        f["id"]: " | ".join([f["kind"], f["severity"], " ".join(f["claims"]) or "-"])
        for f in report["findings"]
    }
    kinds: dict[str, int] = {}
    for c in report["claims"]:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    counts = {
        "documents": {
            d["id"]: sum(c["doc"] == d["id"] for c in report["claims"]) for d in report["documents"]
        },
        "claims by kind": dict(sorted(kinds.items())),
        "findings by kind": report["summary"]["findings"],
        "internal checks": len(report["checks"]),
    }
    parts = {"counts": counts, "findings": findings, "claims": claims}
    return json.dumps(parts, ensure_ascii=False, indent=1) + "\n"


def test_reports_golden_seed_run_summary(run_cli, at_root, update_golden: bool) -> None:
    """The JSON report of the seeds, summarised (tests/golden/seeds/summary.json): small
    enough that a change to it reads as a diff."""
    result = run_cli("check", "--format", "json")
    assert result.code == 0
    _golden("summary.json", report_summary(json.loads(result.out)), update_golden)


@pytest.mark.parametrize("batch", [500, 3])  # records serialized per call
@pytest.mark.parametrize("corpus", ["seeds", "empty"])
def test_reports_json_written_in_pieces_is_pydantics_json(
    corpus: str, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.models import Report, Summary
    from checker.pipeline import build_report, collect, find
    from checker.report import render as renderer
    from checker.report.render import iter_report_json
    from checker.ruleset import load_ruleset

    monkeypatch.setattr(renderer, "BATCH", batch)

    rules = load_ruleset()
    if corpus == "seeds":
        extractions = collect([ROOT / "seeds"], rules)
        report = build_report(extractions, *find(extractions, rules))
    else:
        report = Report(summary=Summary(documents=0, claims=0, findings={}))
    pieces = list(iter_report_json(report))
    assert len(pieces) > 10
    assert b"".join(pieces).decode() == report.model_dump_json(by_alias=True, indent=2) + "\n"


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
            assert len(docs) >= 2 and sorted(c for g in f["groups"] for c in g) == sorted(
                f["claims"]
            )
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


CARD = re.compile(
    r'<section class="finding[^"]*" data-kind="([^"]*)" data-severity="([^"]*)" '
    r'data-docs="([^"]*)" id="([^"]*)"( hidden="")?>(.*?)</section>',
    re.DOTALL,
)


def _browse(page: Path, profile: Path, fragment: str = "") -> tuple[str, str]:
    """The DOM after the page's script ran, and the browser's log (console messages)."""
    done = subprocess.run(
        [
            _chromium() or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing could be fetched anyway
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout, done.stderr


def _cards(dom: str) -> list[tuple[str, str, str, str, bool, str]]:
    return [(k, s, d, i, bool(h), body) for k, s, d, i, h, body in CARD.findall(dom)]


@pytest.mark.skipif(
    _chromium() is None, reason="no Chromium installed (.ci/run installs Debian's chromium)"
)
def test_reports_html_in_chromium_orders_charts_filters_and_stays_offline(
    tmp_path: Path, run_cli
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    (corpus / "zz_evil.txt").write_text(
        "<script>alert(1)</script>2024年,广东研发投入超过5100亿元。\n", encoding="utf-8"
    )
    (corpus / "zz_other.txt").write_text(  # contradicts 000: a conflict, the top finding
        "---\ndate: 2025-03-20\n---\n截至2025年2月底,广东发明专利有效量为60万件。\n",
        encoding="utf-8",
    )
    page = tmp_path / "report.html"
    assert run_cli("check", str(corpus), "--format", "html", "-o", str(page)).code == 0
    html_text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=|url\(|@import""", html_text)  # nothing to fetch
    dom, log = _browse(page, tmp_path / "profile")
    assert "CONSOLE" not in log and "Uncaught" not in log, log[-2000:]
    cards = _cards(dom)
    rank = {"error": 0, "warning": 1, "info": 2}
    sourcing = {"uncited", "vague_citation", "source_quality"}
    cross = [c for c in cards if not set(c[0].split()) & sourcing]
    assert cards[0][0] == "conflict" and cards[0][1] == "error"
    assert rank[cards[0][1]] == min(rank[c[1]] for c in cross)
    (drift,) = [c for c in cards if c[0] == "period_drift" and "万亿级产业集群" in c[5]]
    assert len(re.findall(r'<g class="mark ', drift[5])) == 2 and "<title" in drift[5]
    assert "<desc" in drift[5] and "9個" in drift[5]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom and "<script>alert(1)" not in dom
    everything = sum(not hidden for *_, hidden, _ in cards)
    assert f'id="shown">{everything}<' in dom
    for fragment, keep in [
        ("#kind=corroboration", lambda c: c[0] == "corroboration"),
        ("#severity=error", lambda c: "error" in c[1].split()),
        ("#doc=004_e4af995e1145802c.txt", lambda c: "004_e4af995e1145802c.txt" in c[2]),
    ]:
        dom, log = _browse(page, tmp_path / "profile", fragment)
        shown = [c for c in _cards(dom) if not c[4]]
        assert shown and all(keep(c) for c in shown), fragment
        assert len(shown) == sum(keep(c) for c in _cards(dom)) < everything, fragment
        assert f'id="shown">{len(shown)}<' in dom and "Uncaught" not in log


def test_reports_quote_repaired_sentences_with_the_original_a_flag_or_a_click_away(
    run_cli, at_root
) -> None:
    damaged, repaired = (
        "萬億級產(chǎn)業(yè)集群",
        "萬億級產業集群",
    )  # 000's line 79, pinyin removed
    text = run_cli("check", "--lang", "en").out
    assert repaired in text and damaged not in text
    original = run_cli("check", "--lang", "en", "--original").out
    assert damaged in original and repaired not in original
    page = run_cli("check", "--lang", "en", "--format", "html").out
    card = next(c for c in page.split("<section ")[1:] if "F-b62dbb43" in c)
    shown, fold = card.split("<details><summary>original</summary>", 1)
    assert repaired in shown and damaged in fold.split("</details>")[0]


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
