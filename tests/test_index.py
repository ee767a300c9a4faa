"""The claim index: built, updated and merged; the gate on it gives the gate's findings."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS

from checker.index.store import contents

CONTRADICTING = (
    "---\ndate: 2025-08-01\n---\n数据显示,截至2025年2月底,广东发明专利有效量为60万件。\n"
)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeds in a scratch folder, the working directory beside them (paths in
    reports are relative to it)."""
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root)
    monkeypatch.chdir(tmp_path)
    return root


def _build(run_cli, corpus: Path, index: Path, *args: str) -> None:
    result = run_cli("index", "build", str(corpus), "-o", str(index), "--quiet", *args)
    assert result.code == 0, result.err
    assert index.is_file()


def _gate(run_cli, *args: str) -> tuple[int, dict[str, Any]]:
    result = run_cli("gate", *args, "--format", "json", "--quiet")
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)


def _same_verdict(local: tuple[int, dict[str, Any]], indexed: tuple[int, dict[str, Any]]) -> None:
    (code, mine), (code_i, theirs) = local, indexed
    assert code_i == code
    for part in ("findings", "claims", "checks", "summary"):
        assert theirs[part] == mine[part], part
    listed = {d["id"] for d in theirs["documents"]}  # the new ones and those quoted
    assert listed <= {d["id"] for d in mine["documents"]}
    quoted = {c["doc"] for c in theirs["claims"]}
    assert quoted <= listed
    assert [d for d in mine["documents"] if d["id"] in listed] == theirs["documents"]


def test_index_gate_finds_what_the_gate_finds_for_a_new_article(
    corpus: Path, tmp_path: Path, run_cli
) -> None:
    index = tmp_path / "seeds.sqlite"
    _build(run_cli, corpus, index)
    new = tmp_path / "new.txt"
    new.write_text(CONTRADICTING, encoding="utf-8")
    local = _gate(run_cli, str(corpus), "--new", str(new), "--no-cache")
    indexed = _gate(run_cli, "--index", str(index), "--new", str(new))
    assert local[0] == 1 and any(f["kind"] == "conflict" for f in local[1]["findings"])
    _same_verdict(local, indexed)


@pytest.mark.parametrize("seed", range(5))
def test_index_gate_on_a_changed_document_replaces_its_indexed_version(
    seed: int, corpus: Path, tmp_path: Path, run_cli
) -> None:
    index = tmp_path / "seeds.sqlite"
    _build(run_cli, corpus, index)
    changed = sorted(corpus.glob("*.txt"))[seed]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("2", "3", 3), encoding="utf-8")  # figures changed
    local = _gate(run_cli, str(corpus), "--new", str(changed), "--no-cache")
    indexed = _gate(run_cli, "--index", str(index), "--new", str(changed))
    assert local[1]["findings"], "nothing found: the comparison would prove nothing"
    _same_verdict(local, indexed)


@pytest.mark.parametrize("name", ["0000.txt", "zz-copy.txt"], ids=["first", "last"])
def test_index_gate_joins_copy_families_as_the_gate_does(
    name: str, corpus: Path, tmp_path: Path, run_cli
) -> None:
    """A reprint of a seed with one figure changed: its copy family decides what is
    found; named to come first in its buckets, the buckets' links are all made again."""
    index = tmp_path / "seeds.sqlite"
    _build(run_cli, corpus, index)
    seed = sorted(corpus.glob("*.txt"))[1].read_text(encoding="utf-8")
    figure = next(ch for ch in seed if ch.isdigit())
    new = tmp_path / name
    new.write_text(seed.replace(figure, str((int(figure) + 1) % 10), 1), encoding="utf-8")
    local = _gate(run_cli, str(corpus), "--new", str(new), "--no-cache")
    indexed = _gate(run_cli, "--index", str(index), "--new", str(new))
    _same_verdict(local, indexed)


def test_index_gate_splits_large_blocks_by_metric_group_with_the_same_findings(
    corpus: Path, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "seeds.sqlite"
    _build(run_cli, corpus, index)
    new = corpus / "new.txt"
    new.write_text(CONTRADICTING, encoding="utf-8")
    local = _gate(run_cli, str(corpus), "--new", str(new), "--no-cache")
    calls: list[int] = []
    from checker.index import lookup

    heads = lookup.Index.heads
    monkeypatch.setattr(lookup, "LARGE_BLOCK", 0)  # every block is large
    monkeypatch.setattr(lookup.Index, "heads", lambda self, b: calls.append(1) or heads(self, b))
    indexed = _gate(run_cli, "--index", str(index), "--new", str(new))
    assert calls, "no block was split"
    _same_verdict(local, indexed)


def test_index_update_equals_a_fresh_build(corpus: Path, tmp_path: Path, run_cli) -> None:
    built, fresh = tmp_path / "built.sqlite", tmp_path / "fresh.sqlite"
    _build(run_cli, corpus, built)
    seeds = sorted(corpus.glob("*.txt"))
    seeds[0].unlink()  # removed
    seeds[1].write_text(seeds[1].read_text(encoding="utf-8") + "\n全年收入为8.5亿元。\n")
    (corpus / "added.txt").write_text(CONTRADICTING, encoding="utf-8")
    result = run_cli("index", "update", str(corpus), "-i", str(built))
    assert result.code == 0, result.err
    assert "1 added, 1 replaced, 1 removed, 3 unchanged" in result.err
    _build(run_cli, corpus, fresh)
    assert contents(built) == contents(fresh)
    again = run_cli("index", "update", str(corpus), "-i", str(built))
    assert "0 added, 0 replaced, 0 removed, 5 unchanged" in again.err


def test_index_info_reports_size_documents_claims_and_rules(
    corpus: Path, tmp_path: Path, run_cli
) -> None:
    index = tmp_path / "seeds.sqlite"
    _build(run_cli, corpus, index)
    facts = json.loads(run_cli("index", "info", str(index), "--format", "json").out)
    assert facts["documents"] == 5 and facts["claims"] > 100 and facts["rules_current"]
    assert facts["bytes"] == index.stat().st_size and facts["aliases"] == 0  # none in the seeds
    text = run_cli("index", "info", str(index)).out
    assert "documents  5" in text and "(current)" in text


def test_index_usage_errors_are_one_line(corpus: Path, tmp_path: Path, run_cli) -> None:
    index = tmp_path / "seeds.sqlite"
    _build(run_cli, corpus, index)
    new = tmp_path / "new.txt"
    new.write_text(CONTRADICTING, encoding="utf-8")
    clash = tmp_path / min(p.name for p in corpus.glob("*.txt"))
    clash.write_text(CONTRADICTING, encoding="utf-8")
    (tmp_path / "junk.sqlite").write_bytes(b"not an index")
    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rules", rules)
    with (rules / "checks.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    tweaked = (rules / "checks.toml").read_text(encoding="utf-8")
    (rules / "checks.toml").write_text(
        tweaked.replace("near_duplicate = 0.8", "near_duplicate = 0.85"), encoding="utf-8"
    )
    cases = [
        (["gate", "--index", str(index), str(new)], "--new"),
        (["gate", "--index", str(tmp_path / "none.sqlite"), "--new", str(new)], "no index"),
        (["gate", "--index", str(tmp_path / "junk.sqlite"), "--new", str(new)], "not a"),
        (["gate", "--index", str(index), "--new", str(clash)], "has the name"),
        (["gate", "--index", str(index), "--new", str(new), "--rules", str(rules)], "other rules"),
        (["index", "info", str(tmp_path / "none.sqlite")], "no index"),
        (["index", "merge", str(tmp_path / "empty")], "no shards"),
        (["index", "build", str(corpus), "--", "--num_workers=2"], "--engine beam"),
    ]
    (tmp_path / "empty").mkdir()
    for args, says in cases:
        result = run_cli(*args)
        assert result.code == 2, (args, result.err)
        assert says in result.err, (args, result.err)
        assert len([line for line in result.err.splitlines() if line.startswith("error")]) == 1


@pytest.mark.parametrize("command", ["build", "update", "info", "merge"])
def test_index_every_command_has_help(command: str, run_cli) -> None:
    result = run_cli("index", command, "--help")
    assert result.code == 0 and len(result.out.splitlines()) > 5


# ---- on Beam ---------------------------------------------------------------------------------

try:
    import apache_beam  # noqa: F401

    HAS_BEAM = True
except ImportError:
    HAS_BEAM = False
needs_beam = pytest.mark.skipif(not HAS_BEAM, reason="the beam extra is not installed")


@needs_beam
def test_index_beam_build_equals_the_local_build(corpus: Path, tmp_path: Path, run_cli) -> None:
    local, beam = tmp_path / "local.sqlite", tmp_path / "beam.sqlite"
    _build(run_cli, corpus, local)
    _build(run_cli, corpus, beam, "--engine", "beam")
    assert not (tmp_path / "beam.sqlite.shards").exists()  # merged, then removed
    assert contents(beam) == contents(local)


@needs_beam
@pytest.mark.slow
def test_index_beam_on_a_two_worker_dask_cluster_equals_the_local_build(
    corpus: Path, tmp_path: Path, run_cli
) -> None:
    """A runner with worker processes of their own: the rules are loaded, documents
    extracted and shards written in them, then merged here."""
    distributed = pytest.importorskip("distributed")
    local, shards = tmp_path / "local.sqlite", tmp_path / "shards"
    _build(run_cli, corpus, local)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        result = run_cli(
            "index",
            "build",
            str(corpus),
            "-o",
            str(tmp_path / "dask.sqlite"),
            "--engine",
            "beam",
            "--runner",
            "DaskRunner",
            "--shards",
            str(shards),
            "--quiet",
            "--",
            f"--dask_client_address={address}",
        )
        with distributed.Client(address) as client:
            done = client.run(lambda dask_worker: (os.getpid(), dask_worker.state.executed_count))
    assert result.code == 0, result.err
    pids = {pid for pid, _ in done.values()}
    assert len(pids) == 2 and os.getpid() not in pids
    assert sum(count for _, count in done.values()) > 0  # the pipeline ran in the workers
    written = sorted(p.name for p in shards.iterdir())
    assert written and all(n.startswith("crosscheck-index-") for n in written)
    assert contents(tmp_path / "dask.sqlite") == contents(local)
    merged = run_cli("index", "merge", str(shards), "-o", str(tmp_path / "m.sqlite"), "--quiet")
    assert merged.code == 0 and contents(tmp_path / "m.sqlite") == contents(local)


SILK_BUREAU = (
    "---\ndate: 2024-03-05\n---\n"
    "据江苏省统计局数据,2023年江苏蚕茧产量为31245.6吨。2022年江苏蚕茧产量为30112.8吨。\n"
)
SILK_FARMS = (
    "---\ndate: 2024-03-08\n---\n"
    "据江苏省农业农村厅介绍,2023年江苏蚕茧收购量31245.6吨。2022年江苏蚕茧收购量28765.1吨。\n"
)


@pytest.mark.parametrize("indexed", [SILK_BUREAU, SILK_FARMS], ids=["bureau", "farms"])
def test_index_gate_learns_metric_aliases_as_the_gate_does(
    indexed: str, corpus: Path, tmp_path: Path, run_cli
) -> None:
    """Two names stating one precise figure are one metric: their other figures then
    conflict. With the alias shown by a new article and an indexed one, the index's
    stored aliases are induced again for the pair."""
    (corpus / "silk-a.txt").write_text(indexed, encoding="utf-8")
    index = tmp_path / "seeds.sqlite"
    _build(run_cli, corpus, index)
    new = tmp_path / "silk-b.txt"
    new.write_text(SILK_FARMS if indexed == SILK_BUREAU else SILK_BUREAU, encoding="utf-8")
    local = _gate(run_cli, str(corpus), "--new", str(new), "--no-cache")
    indexed_verdict = _gate(run_cli, "--index", str(index), "--new", str(new))
    levels = [f["explanation"]["level"] for f in local[1]["findings"] if f["kind"] == "conflict"]
    assert levels == ["corpus alias"], "no conflict through an alias: nothing is compared"
    _same_verdict(local, indexed_verdict)


def test_index_stores_the_aliases_the_corpus_shows(corpus: Path, tmp_path: Path, run_cli) -> None:
    """Both articles indexed: the alias is in the index, and a third article stating a
    figure under one name conflicts through it as without the index."""
    (corpus / "silk-a.txt").write_text(SILK_BUREAU, encoding="utf-8")
    (corpus / "silk-b.txt").write_text(SILK_FARMS, encoding="utf-8")
    index = tmp_path / "seeds.sqlite"
    _build(run_cli, corpus, index)
    facts = json.loads(run_cli("index", "info", str(index), "--format", "json").out)
    assert facts["aliases"] == 1
    new = tmp_path / "silk-c.txt"
    new.write_text(
        "---\ndate: 2024-04-01\n---\n据江苏省统计局数据,2022年江苏蚕茧收购量为26543.2吨。\n",
        encoding="utf-8",
    )
    local = _gate(run_cli, str(corpus), "--new", str(new), "--no-cache")
    indexed = _gate(run_cli, "--index", str(index), "--new", str(new))
    assert any(f["kind"] == "conflict" for f in local[1]["findings"])
    _same_verdict(local, indexed)
