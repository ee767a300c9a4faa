"""Hardening: whatever a scraper delivers, one clear message and the run goes on."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.ingest.documents import parse_document, parse_front_matter
from checker.ingest.encoding import BOMS


def report(run_cli, *args: str) -> tuple[int, dict, str]:
    result = run_cli("check", *args, "--format", "json", "--jobs", "2")
    return result.code, json.loads(result.out) if result.out else {}, result.err


def test_hardening_a_50_mb_file_is_skipped_with_a_message(tmp_path: Path, run_cli) -> None:
    shutil.copy(SEEDS / "003_b351eb887028bf6c.txt", tmp_path / "ok.txt")
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.write(("广东研发投入超过5100亿元。" * 1000 + "\n").encode() * 1300)  # about 50 MB
    code, rep, err = report(run_cli, str(tmp_path))
    docs = {d["id"]: d for d in rep["documents"]}
    assert (
        code == 0 and "too large" in docs["huge.txt"]["errors"][0] and not docs["ok.txt"]["errors"]
    )
    assert "huge.txt" in err and "Traceback" not in err


@pytest.mark.slow
def test_hardening_a_200000_line_file(tmp_path: Path, run_cli) -> None:
    lines = ["一行普通的文字"] * 199_990 + ["2024年,广东研发投入超过5100亿元。"] * 10
    (tmp_path / "long.txt").write_text("\n".join(lines), encoding="utf-8")
    code, rep, _ = report(run_cli, str(tmp_path))
    claims = [c for c in rep["claims"] if c["doc"] == "long.txt"]
    assert code == 0 and claims and claims[-1]["line"] == 200_000


@pytest.mark.slow
def test_hardening_a_folder_of_10000_files(tmp_path: Path, run_cli) -> None:
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").write_text(
            f"第{i}篇。广东高新技术企业超7.6万家。", encoding="utf-8"
        )
    code, rep, _ = report(run_cli, str(tmp_path), "--select", "conflict")
    assert code == 0 and rep["summary"]["documents"] == 10_000 and not rep["findings"]


def test_hardening_unreadable_files_and_symlink_loops(tmp_path: Path, run_cli) -> None:
    shutil.copy(SEEDS / "003_b351eb887028bf6c.txt", tmp_path / "ok.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")  # a link to nothing: unreadable
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    (tmp_path / "folder.txt").mkdir()  # a folder with a document's name
    code, rep, err = report(run_cli, str(tmp_path))
    docs = {d["id"]: d for d in rep["documents"]}
    assert code == 0 and "could not read" in docs["dangling.txt"]["errors"][0]
    assert not docs["ok.txt"]["errors"] and "Traceback" not in err


def test_hardening_jobs_do_not_change_the_output(tmp_path: Path, run_cli) -> None:
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, tmp_path / p.name)
        (tmp_path / f"trad_{p.name}").write_text(
            p.read_text(encoding="utf-8").replace("广东", "廣東"), encoding="utf-8"
        )
    one = run_cli("check", str(tmp_path), "--format", "json", "--jobs", "1").out
    two = run_cli("check", str(tmp_path), "--format", "json", "--jobs", "2").out
    assert one == two and json.loads(one)["summary"]["documents"] == 10


def test_hardening_workers_without_fork_give_the_same_extractions(
    tmp_path: Path, monkeypatch
) -> None:
    """Where processes cannot fork (macOS, Windows), each worker builds its own toolkit
    from the rules folder; the extractions are the same."""
    import multiprocessing

    from checker.pipeline import collect
    from checker.ruleset import load_ruleset

    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, tmp_path / p.name)
    rules = load_ruleset()
    alone = collect([tmp_path], rules, jobs=1)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert collect([tmp_path], rules, jobs=2) == alone


def test_hardening_findings_are_the_same_in_two_processes() -> None:
    """Blocks, then documents, are checked as one stream of work in the processes (the
    seeds hold more blocks than the 64 units a pool is started for); the findings and
    checks are those of one process, in the same order."""
    from checker.pipeline import Toolkit, block_keys, collect, find
    from checker.ruleset import load_ruleset

    rules = load_ruleset()
    tools = Toolkit(rules).warm()
    extractions = collect([SEEDS], rules, tools=tools)
    assert len(set().union(*(block_keys(e, rules.units) for e in extractions))) >= 64
    one = find(extractions, rules, tools=tools, jobs=1)
    assert one[0] and one[1]
    assert find(extractions, rules, tools=tools, jobs=2) == one


def test_hardening_collecting_and_finding_leave_no_reference_cycles() -> None:
    """The cyclic collector is paused while extractions are collected and findings made;
    that leaks nothing only as long as those stages make no cycles."""
    import gc

    from checker.pipeline import Toolkit, build_report, collect, find
    from checker.ruleset import load_ruleset

    rules = load_ruleset()
    tools = Toolkit(rules).warm()
    gc.collect()
    gc.disable()
    try:
        extractions = collect([SEEDS], rules, tools=tools)
        build_report(extractions, *find(extractions, rules, tools=tools))
        del extractions
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_hardening_progress_follows_extraction_not_just_reading(tmp_path: Path) -> None:
    from checker.pipeline import collect
    from checker.ruleset import load_ruleset

    for i in range(12):
        (tmp_path / f"{i:02d}.txt").write_text(
            f"截至2025年2月底,广东发明专利有效量为{60 + i}万件。", encoding="utf-8"
        )
    phases: list[tuple[str, int, int]] = []

    def progress(items, length, label):
        seen = 0
        for item in items:
            seen += 1
            yield item
        phases.append((label, length, seen))

    extractions = collect([tmp_path], load_ruleset(), progress=progress, jobs=2)
    assert len(extractions) == 12
    assert ("reading documents", 12, 12) in phases and ("extracting claims", 12, 12) in phases


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=300), head=st.sampled_from(["---\n", "---\ntitle: ", "---\ndate: ", ""])
)
def test_hardening_front_matter_never_raises(text: str, head: str) -> None:
    raw = head + text
    _, start, _ = parse_front_matter(raw)
    assert 0 <= start <= len(raw)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_hardening_arbitrary_bytes_become_a_document(data: bytes) -> None:
    doc = parse_document(data, "b.txt", "b.txt")
    if doc.errors:  # binary or undecodable: a document with an error and no text
        assert doc.text == "" and doc.encoding is None
    else:  # the bytes decoded in the encoding found; bytes that could not be are counted
        assert doc.encoding is not None and 0 <= doc.body_start <= len(doc.text)
        if doc.replaced == 0:
            mark = next((m for m, c in BOMS if data.startswith(m) and c == doc.encoding), b"")
            assert doc.text == data[len(mark) :].decode(doc.encoding)
        else:
            assert "\ufffd" in doc.text and doc.replaced_lines


def test_hardening_rules_with_duplicate_ids_exit_2(tmp_path: Path, run_cli) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    entities = rules / "entities.toml"
    entities.write_text(
        entities.read_text(encoding="utf-8")
        + '\n[[entity]]\nid = "guangdong"\nname = "广东二"\ntype = "province"\n',
        encoding="utf-8",
    )
    result = run_cli("check", "--rules", str(rules))
    assert result.code == 2 and "duplicate id" in result.err and "Traceback" not in result.err


def test_hardening_extractions_cross_processes_whole(toolkit) -> None:
    """Extractions travel between processes as pickles: every small record (claims and
    their parts) comes back equal, field by field, and its pickled state is its field values
    in order; a record of one field too."""
    import dataclasses
    import pickle

    from checker.models import small_record
    from checker.pipeline import extract_job

    text = (
        "---\ndate: 2025-03-01\n---\n据国家统计局数据,广东发明专利有效量突破80万件,同比增长12%。\n"
    )
    extraction = extract_job(("a.txt", "a.txt", text.encode(), None), toolkit)
    claim = extraction.claims[0]
    assert pickle.loads(pickle.dumps(extraction)) == extraction
    assert claim.__getstate__() == tuple(getattr(claim, f.name) for f in dataclasses.fields(claim))

    @small_record
    class One:
        text: str

    one, back = One(text="广东"), object.__new__(One)
    assert one.__getstate__() == ("广东",)
    back.__setstate__(one.__getstate__())
    assert back == one


def test_hardening_constructed_records_equal_model_construct() -> None:
    """The mentions built without validation are the records `model_construct` builds,
    field order and set fields included; a field left out is an error, not a default."""
    import pickle

    from checker.models import EntityMention, Period, constructed

    fields = {"start": 3, "end": 5, "id": "guangdong", "name": "广东", "type": "province"}
    made = constructed(EntityMention, **fields, text="广东")
    model = EntityMention.model_construct(**fields, text="广东")
    assert made == model and list(made.__dict__) == list(model.__dict__)
    assert made.model_fields_set == model.model_fields_set
    assert pickle.loads(pickle.dumps(made)) == model
    with pytest.raises(TypeError, match="Period needs exactly its fields"):
        constructed(Period, start=0, end=5, text="2023年", kind="year", label="2023")
