"""The Beam engine: the same report as the local engine, and Beam imported by one module only."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEEDS

from checker.ingest.documents import parse_document
from checker.matching.copies import bucket_links
from checker.matching.match import Matcher
from checker.models import Extraction, dump_json
from checker.pipeline import (
    Toolkit,
    analyse,
    block_findings,
    check_kinds,
    extract,
    metric_parts,
)
from checker.ruleset import Ruleset

try:
    import apache_beam  # noqa: F401

    BEAM = True
except ImportError:
    BEAM = False
needs_beam = pytest.mark.skipif(
    not BEAM, reason="apache_beam cannot be imported: install the extra, pip install -e '.[beam]'"
)

# Two reports of one province's year: one metric in conflict (产量), one agreeing (销量),
# and a metric of the same block (counted in 辆 too) that can never match them (二手车交易量),
# so the block splits.
DOCS = {
    "a.txt": "---\ndate: 2025-03-01\n---\n据江苏省统计局数据,2024年江苏新能源汽车产量为120万辆,"
    "江苏新能源汽车销量为118万辆,江苏二手车交易量为35万辆。",
    "b.txt": "---\ndate: 2025-03-05\n---\n据江苏省工信厅统计,2024年江苏新能源汽车产量为150万辆,"
    "2024年江苏新能源汽车的销量达到118万辆,江苏二手车交易量为42万辆。",
}


def _extractions(rules: Ruleset, toolkit: Toolkit) -> list[Extraction]:
    docs = [parse_document(text.encode(), name, name) for name, text in DOCS.items()]
    return [extract(analyse(d, toolkit), rules) for d in docs]


def test_beam_metric_parts_give_the_block_findings(rules: Ruleset, toolkit: Toolkit) -> None:
    extractions = _extractions(rules, toolkit)
    matcher = Matcher(rules, {e.document.id: e.document.date for e in extractions})
    families = {e.document.id: n for n, e in enumerate(extractions)}
    across, _ = check_kinds()
    claims = [c for e in extractions for c in e.claims]
    split = False
    for block in matcher.blocks(claims).values():
        parts = metric_parts(block, matcher)
        split |= len(parts) > 1
        assert sorted(c.id for p in parts for c in p) == sorted(c.id for c in block)
        whole = block_findings(block, matcher, families, rules, across)
        pieces = [f for p in parts for f in block_findings(p, matcher, families, rules, across)]
        assert sorted(map(dump_json, whole)) == sorted(map(dump_json, pieces))
    assert split, "no block of the example splits: the test would prove nothing"


CHECK_KINDS = [
    (None, ["conflict", "period_drift", "revision", "corroboration"]),
    (["uncited", "conflict"], ["conflict"]),
    (["source_quality"], []),
]


@pytest.mark.parametrize("select,across", CHECK_KINDS, ids=[str(c[0]) for c in CHECK_KINDS])
def test_beam_check_kinds_per_block_and_per_document(
    select: list[str] | None, across: list[str]
) -> None:
    blocks, documents = check_kinds(select)
    assert blocks == across
    assert "conflict" not in documents and set(documents).isdisjoint(blocks)


def test_beam_bucket_links_only_near_duplicates() -> None:
    base = list(range(0, 640, 10))
    sketches = {"a": base, "b": base[:-1] + [999], "c": list(range(5000, 5064))}
    assert list(bucket_links(["a", "b", "c"], sketches, 0.8)) == [("b", "a")]


USAGE = [
    (["--engine", "beam", "--format", "jsonl"], "-o FOLDER"),
    (["--engine", "beam", "--format", "json", "-o", "out"], "--format jsonl"),
    (["--", "--num_workers=2"], "--engine beam"),
]


@pytest.mark.parametrize("args,says", USAGE, ids=[" ".join(a) for a, _ in USAGE])
def test_beam_usage_errors_are_one_line(args: list[str], says: str, run_cli) -> None:
    result = run_cli("check", *args)
    assert result.code == 2 and says in result.err
    assert len(result.err.strip().splitlines()) == 1


BLOCKED = textwrap.dedent(
    """
    import importlib, pkgutil, sys

    class NoBeam:
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] == "apache_beam":
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, NoBeam())
    import checker
    for module in pkgutil.walk_packages(checker.__path__, "checker."):
        if module.name not in ("checker.__main__", "checker.distributed.beam"):
            importlib.import_module(module.name)
    assert not [m for m in sys.modules if m.partition(".")[0] == "apache_beam"]
    from checker.cli import main
    main(["check", "--engine", "beam", "--format", "jsonl", "-o", sys.argv[1]])
    """
)


def test_beam_missing_extra_is_one_line_and_nothing_else_imports_it(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", BLOCKED, str(tmp_path / "out")],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    line = "error: --engine beam needs Apache Beam, which is not installed: "
    assert done.stderr.splitlines() == [line + "pip install 'crosscheck[beam]'"]


# ---- with Beam ------------------------------------------------------------------------------


def _lines(*files: Path) -> Counter[str]:
    return Counter(line for f in files for line in f.read_text(encoding="utf-8").splitlines())


@needs_beam
def test_beam_seeds_give_the_local_report(tmp_path: Path, run_cli) -> None:
    local = run_cli("check", "--format", "jsonl", "--quiet")
    out = tmp_path / "out"
    beam = run_cli(
        "check", "--engine", "beam", "--format", "jsonl", "-o", str(out), "--fail-on", "warning"
    )
    assert local.code == 0 and beam.code == 1  # the seeds have uncited figures (warnings)
    shards = sorted(out.glob("crosscheck-report-*.jsonl"))
    assert [s.name for s in shards] == ["crosscheck-report-00000-of-00001.jsonl"]
    assert _lines(*shards, out / "crosscheck-summary.jsonl") == Counter(local.out.splitlines())
    # one shard holds the whole report, in the local report's order
    assert shards[0].read_text(encoding="utf-8").splitlines() == local.out.splitlines()[1:-1]


@needs_beam
def test_beam_split_blocks_give_the_same_findings(tmp_path: Path, run_cli) -> None:
    from checker.distributed import BeamRun, run_beam

    local = run_cli("check", "--format", "jsonl", "--quiet")
    counted = run_beam(BeamRun(paths=(str(SEEDS),), output=str(tmp_path), split_above=0))
    beam = _lines(*tmp_path.glob("*.jsonl"))
    assert beam == Counter(local.out.splitlines())
    assert counted == {"warning": 64, "info": 19}


@needs_beam
def test_beam_families_are_components_named_by_their_first_document() -> None:
    from checker.distributed.beam import families

    links = [("b", "a"), ("c", "b"), ("e", "d")]
    assert dict(families(links)) == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "d"}


def _records(lines: Iterable[str], kind: str) -> list[dict[str, Any]]:
    rows = (json.loads(line) for line in lines)
    return sorted((r for r in rows if r["type"] == kind), key=json.dumps)


@needs_beam
def test_beam_urls_are_matched_in_the_pipeline_with_the_local_ids(tmp_path: Path, run_cli) -> None:
    from apache_beam.io.filesystem import FileMetadata, MatchResult
    from apache_beam.io.localfilesystem import LocalFileSystem

    from checker.distributed import BeamRun, run_beam

    class Prefixed(LocalFileSystem):  # type: ignore[misc]
        """Local files behind a URL scheme: storage Beam reaches by URL, without a cloud."""

        @classmethod
        def scheme(cls) -> str:
            return "localtest"

        def match(self, patterns: list[str], limits: Any = None) -> list[Any]:
            found = super().match([p.removeprefix(PREFIX) for p in patterns], limits)
            return [
                MatchResult(
                    PREFIX + r.pattern,
                    [FileMetadata(PREFIX + m.path, m.size_in_bytes) for m in r.metadata_list],
                )
                for r in found
            ]

        def open(self, path: str, *args: Any, **kwargs: Any) -> Any:
            return super().open(path.removeprefix(PREFIX), *args, **kwargs)

    corpus = tmp_path / "corpus"
    first, second = sorted(SEEDS.glob("*.txt"))[:2]
    for folder, seed in (("a", first), ("b", second), ("b", first)):
        (corpus / folder).mkdir(parents=True, exist_ok=True)
        name = "same.txt" if seed == first else seed.name
        (corpus / folder / name).write_bytes(seed.read_bytes())
    local = run_cli("check", str(corpus), "--format", "jsonl", "--quiet").out.splitlines()
    out = tmp_path / "out"
    run_beam(BeamRun(paths=(PREFIX + str(corpus),), output=str(out)))
    beam = [line for f in sorted(out.glob("*.jsonl")) for line in f.read_text().splitlines()]
    ids = [r["id"] for r in _records(beam, "document")]
    assert sorted(ids) == sorted(["a/same.txt", "b/same.txt", second.name])
    assert [r["id"] for r in _records(local, "document")] == sorted(ids)
    for kind in ("claim", "finding", "check", "summary"):
        assert _records(beam, kind) == _records(local, kind), kind


PREFIX = "localtest://"


@needs_beam
def test_beam_induces_the_aliases_the_local_engine_does(tmp_path: Path, run_cli) -> None:
    """Two names joined through a shared figure in one pair of documents (see test_aliases):
    the engine sees every document's figures before it matches any block."""
    from test_aliases import TEA_BUREAU, TEA_FARMS

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bureau.txt").write_text(TEA_BUREAU, encoding="utf-8")
    (corpus / "farms.txt").write_text(TEA_FARMS, encoding="utf-8")
    local = run_cli("check", str(corpus), "--format", "jsonl", "--quiet")
    out = tmp_path / "out"
    beam = run_cli("check", str(corpus), "--engine", "beam", "--format", "jsonl", "-o", str(out))
    assert local.code == 0 and beam.code == 0
    assert '"level":"corpus alias"' in local.out
    assert _lines(*out.glob("*.jsonl")) == Counter(local.out.splitlines())
