"""The check as an Apache Beam pipeline (the only module of crosscheck that imports Beam).

    match files → read + extract (per document; rules loaded once per worker in `setup`)
      → per-document findings, report records, claims keyed by block
      → copy families: sketches keyed by band → grouped → links → components → joined back
      → claims grouped by block → matched, cross-document findings per block
        (a block above `split_above` claims is split by metric group first)
      → records sharded by document or finding → each shard sorted and written
      → counts combined into the summary

Every stage calls the functions the local engine calls (`read_job`, `extract_job`,
`document_findings`, `block_findings`, `metric_groups`, `bucket_links`, `jsonl_record`),
so both engines give the same claims and findings. No stage holds every claim: a
document, a block (or one metric group of it), a band or a shard is the unit of work.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import apache_beam as beam
from apache_beam.io import fileio
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.options.pipeline_options import PipelineOptions

from checker.distributed.job import RUNNER_PATHS, BeamRun, IndexRun
from checker.errors import InputError
from checker.index.build import digest
from checker.index.build import location as location_of
from checker.index.store import DocRows, create, insert, rows_of
from checker.ingest.documents import SUFFIXES, Source, assign_ids, discover
from checker.matching.aliases import Aliases, Fact, figure_facts
from checker.matching.copies import BUCKETS, bucket_links
from checker.matching.disjoint import DisjointSets
from checker.matching.match import Matcher
from checker.models import Claim, Extraction, Finding, Report, Summary
from checker.pipeline import (
    SEVERITY_ORDER,
    Job,
    Toolkit,
    block_findings,
    check_kinds,
    document_findings,
    extract_job,
    matchable,
    metric_groups,
    metric_key,
    read_job,
    too_large,
)
from checker.report.render import iter_report_jsonl, jsonl_record
from checker.ruleset import load_ruleset

DOCS_PER_SHARD = 1000  # the report is written in one shard per this many documents
SHARD = "crosscheck-report-{:05d}-of-{:05d}.jsonl"
SUMMARY = "crosscheck-summary.jsonl"
NAMESPACE = "crosscheck"

Found = tuple[Source, str, "int | None"]  # a document, its id, its size when found by URL
Key = tuple[str, ...]  # a block key (subject, kind, unit)
Item = tuple[str, int, Claim, "str | None", str]  # doc, place in the doc, claim, doc date, family
Line = tuple[tuple[Any, ...], str]  # (where the record sorts in the report, its JSON line)


class _WithRules(beam.DoFn):  # type: ignore[misc]
    """A step that needs the rules: they are loaded once per worker, in `setup`."""

    def __init__(self, rules_dir: str | None) -> None:
        super().__init__()
        self.rules_dir = rules_dir

    def setup(self) -> None:
        rules = load_ruleset(Path(self.rules_dir) if self.rules_dir else None)
        self.tools = Toolkit(rules)
        self.matcher = Matcher(rules, {}, None)  # for blocking and metric groups: no dates


class Extract(_WithRules):
    """Read and extract one document: a local file (size None) or one in a storage
    Beam reaches by URL (gs://, s3://, hdfs://), whose size the match gave."""

    def __init__(self, rules_dir: str | None, max_bytes: int | None) -> None:
        super().__init__(rules_dir)
        self.max_bytes = max_bytes

    def process(self, found: Found) -> Iterator[Extraction]:
        src, doc_id, size = found
        job = read_job(src, doc_id, self.max_bytes) if size is None else self.fetch(found)
        yield extract_job(job, self.tools)

    def fetch(self, found: Found) -> Job:
        src, doc_id, size = found
        problem = too_large(size or 0, self.max_bytes)
        if problem:
            return doc_id, src.display, None, problem
        try:
            with FileSystems.open(src.display) as fh:
                return doc_id, src.display, fh.read(), None
        except OSError as exc:
            return doc_id, src.display, None, f"could not read: {exc}"


def match_files(p: beam.Pipeline, paths: tuple[str, ...]) -> Any:
    """The documents to check, with the ids the local engine gives them (file names; paths
    relative to the folder named where names clash). Local files and folders are listed
    here as `discover` lists them; URLs (a file, a folder or a glob in storage Beam
    reaches: gs://, s3://, hdfs://) are matched by the pipeline itself, so a listing of
    millions of names never passes through this machine."""
    urls = [u for u in paths if "://" in u]
    if urls and len(urls) < len(paths):
        raise InputError(
            "--engine beam reads local paths or URLs, not both in one run",
            hint="copy the local documents next to the others",
        )
    if not urls:
        sources = discover(paths)
        found = [
            (src, doc_id, None) for src, doc_id in zip(sources, assign_ids(sources), strict=False)
        ]
        return p | "match files" >> beam.Create(found, reshuffle=True)
    patterns = [_pattern(u) for u in urls]
    for url, pattern in zip(urls, patterns, strict=False):
        if not FileSystems.match([pattern], limits=[1])[0].metadata_list:
            raise InputError(f"no documents under {url} (looked for *.txt, *.md)")
    bases = sorted((u.rstrip("/") for u in urls), key=len, reverse=True)
    return (
        p
        | "patterns" >> beam.Create(patterns)
        | "match files" >> fileio.MatchAll()
        | "documents" >> beam.FlatMap(_named, bases)
        | "group names" >> beam.GroupByKey()
        | "assign ids" >> beam.FlatMap(_with_ids)
        | "spread" >> beam.Reshuffle()
    )


def _pattern(url: str) -> str:
    glob = url.endswith(SUFFIXES) or any(ch in url for ch in "*?[")
    return url if glob else url.rstrip("/") + "/**"


def _named(m: Any, bases: list[str]) -> Iterator[tuple[str, tuple[str, str, int]]]:
    """A matched file keyed by its name, with its path relative to the URL it was found under."""
    path: str = m.path
    if path.lower().endswith(SUFFIXES):
        base = next((b for b in bases if path.startswith(b + "/")), None)
        relative = path[len(base) + 1 :] if base else path.rsplit("/", 1)[-1]
        yield path.rsplit("/", 1)[-1], (path, relative, int(m.size_in_bytes))


def _with_ids(named: tuple[str, Iterable[tuple[str, str, int]]]) -> Iterator[Found]:
    """Ids of the files sharing one name: as `assign_ids` gives them over the whole corpus
    (relative paths of different names never clash, so one name's files decide alone)."""
    files = sorted(set(named[1]))
    sources = [Source(Path(path), path, relative) for path, relative, _ in files]
    for src, doc_id, (*_, size) in zip(sources, assign_ids(sources), files, strict=False):
        yield src, doc_id, size


class PerDocument(_WithRules):
    """The per-document findings (main output), the document's report records (`lines`)
    and its claims grouped by block (`blocks`)."""

    def __init__(self, rules_dir: str | None, kinds: list[str]) -> None:
        super().__init__(rules_dir)
        self.kinds = kinds

    def process(self, e: Extraction) -> Iterator[Any]:
        doc = e.document.id
        yield from document_findings(e, self.matcher, self.tools.rules, self.kinds)
        for line in document_lines(e):
            yield beam.pvalue.TaggedOutput("lines", line)
        place = {c.id: n for n, c in enumerate(e.claims)}
        blocks = [
            (key, [(place[c.id], c) for c in claims])
            for key, claims in self.matcher.blocks(matchable(e.claims)).items()
        ]
        yield beam.pvalue.TaggedOutput("blocks", (doc, (e.document.date, blocks)))


def document_lines(e: Extraction) -> Iterator[Line]:
    """A document's records in the report, each with where it sorts: documents by id,
    claims by document and place, checks by document and place (as the local report)."""
    doc = e.document.id
    yield (0, doc), jsonl_record("document", e.document)
    for n, c in enumerate(e.claims):
        yield (1, doc, n), jsonl_record("claim", c)
    for n, r in enumerate(e.checks):
        yield (3, doc, n), jsonl_record("check", r)


def finding_line(f: Finding) -> Line:
    Metrics.counter(NAMESPACE, f.severity).inc()
    return (2, SEVERITY_ORDER[f.severity], f.kind, f.id), jsonl_record("finding", f)


# ---- copy families ---------------------------------------------------------------------


def bands(e: Extraction) -> Iterator[tuple[int, tuple[str, list[int]]]]:
    """The document filed under each of its smallest hashes (as `copy_families` files it)."""
    for h in e.signature[:BUCKETS]:
        yield h, (e.document.id, e.signature)


def links(band: tuple[int, Iterable[tuple[str, list[int]]]], threshold: float) -> Iterator[Any]:
    members = sorted(band[1])
    yield from bucket_links([doc for doc, _ in members], dict(members), threshold)


def families(edges: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Each linked document's family: the first document (by id) of its component."""
    sets: DisjointSets[str] = DisjointSets()
    for a, b in sorted(edges):
        sets.union(a, b)
    first: dict[str, str] = {}
    for doc in sorted(sets.parent):
        first.setdefault(sets.find(doc), doc)
    for doc in sorted(sets.parent):
        yield doc, first[sets.find(doc)]


def keyed_by_block(joined: tuple[str, dict[str, Iterable[Any]]]) -> Iterator[tuple[Key, Item]]:
    """A document's claims keyed by block, with its date and copy family."""
    doc, parts = joined
    family = next(iter(parts["family"]), doc)  # a document without copies is its own family
    for date, blocks in parts["claims"]:
        for key, claims in blocks:
            for place, c in claims:
                yield key, (doc, place, c, date, family)


# ---- blocks -------------------------------------------------------------------------------


class MatchBlocks(_WithRules):
    """The cross-document findings of one block. A block of more than `split_above`
    claims is not matched here: its claims go out (`parts`) keyed by block and metric
    group, read twice from the grouped values and never held together."""

    def __init__(self, rules_dir: str | None, kinds: list[str], split_above: int) -> None:
        super().__init__(rules_dir)
        self.kinds = kinds
        self.split_above = split_above

    def process(self, grouped: tuple[Any, Iterable[Item]], aliases: Aliases) -> Iterator[Any]:
        self.matcher.aliases = aliases
        key, items = grouped
        first = list(itertools.islice(iter(items), self.split_above + 1))
        if len(first) <= self.split_above:
            yield from self.findings(first)
            return
        heads: dict[Any, Claim] = {}
        for item in items:
            heads.setdefault(metric_key(item[2]), item[2])
        group = metric_groups(heads.values(), self.matcher)
        for item in items:
            yield beam.pvalue.TaggedOutput("parts", ((key, group[metric_key(item[2])]), item))

    def findings(self, items: list[Item]) -> list[Finding]:
        """Findings among these claims, put in corpus order (by document, then place)."""
        items = sorted(items, key=lambda item: (item[0], item[1]))
        dates = {doc: date for doc, _, _, date, _ in items}
        labels = sorted({family for *_, family in items})
        number = {label: n for n, label in enumerate(labels)}
        docs_family = {doc: number[family] for doc, *_, family in items}
        matcher = Matcher(self.tools.rules, dates, self.tools.dictionary)
        matcher.aliases = self.matcher.aliases
        claims = [item[2] for item in items]
        return block_findings(claims, matcher, docs_family, self.tools.rules, self.kinds)


class MatchParts(MatchBlocks):
    def process(self, grouped: tuple[Any, Iterable[Item]], aliases: Aliases) -> Iterator[Any]:
        self.matcher.aliases = aliases
        yield from self.findings(list(grouped[1]))


class AliasFacts(_WithRules):
    """One document's exact figures that can show a metric alias."""

    def process(self, e: Extraction) -> Iterator[Fact]:
        yield from figure_facts(matchable(e.claims), self.matcher)


class InduceAliases(_WithRules):
    """The aliases all documents' figures show (one record, a side input of matching)."""

    def process(self, facts: list[Fact]) -> Iterator[Aliases]:
        yield Aliases.from_facts(facts, self.matcher)


# ---- the report ---------------------------------------------------------------------------


class WriteShard(beam.DoFn):  # type: ignore[misc]
    """One shard of the JSON lines report, its records sorted as the local report sorts
    them, so the same corpus gives the same files."""

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder

    def process(self, shard: tuple[int, Iterable[Line | None]], count: int) -> Iterator[str]:
        n, lines = shard
        path = FileSystems.join(self.folder, SHARD.format(n, count))
        with FileSystems.create(path) as fh:
            for _, line in sorted(line for line in lines if line is not None):
                fh.write(line.encode("utf-8"))
        yield path


def shard_of(line: Line, count: int) -> tuple[int, Line]:
    where = line[0]
    name = where[1] if where[0] != 2 else where[3]  # a document's records stay together
    return zlib.crc32(str(name).encode("utf-8")) % count, line


def counts(e: Extraction) -> Iterator[tuple[str, int]]:
    yield "documents", 1
    yield "claims", len(e.claims)


def write_summary(totals: list[tuple[str, int]], folder: str) -> str:
    """The report's head and summary lines, as the local JSON lines report writes them."""
    got = dict(totals)
    found = {k.partition(":")[2]: v for k, v in sorted(got.items()) if k.startswith("finding:")}
    summary = Summary(
        documents=got.get("documents", 0), claims=got.get("claims", 0), findings=found
    )
    path: str = FileSystems.join(folder, SUMMARY)
    with FileSystems.create(path) as fh:
        fh.write("".join(iter_report_jsonl(Report(summary=summary))).encode("utf-8"))
    return path


# ---- the pipeline ---------------------------------------------------------------------------


def build(p: beam.Pipeline, run: BeamRun) -> None:
    """The stages, from the discovered documents to the written report."""
    rules = load_ruleset(run.rules_dir)  # validated here, before any worker starts
    rules_dir = str(run.rules_dir.resolve()) if run.rules_dir else None  # None: the package's
    across, alone = check_kinds(run.select or None)
    folder = run.output

    found = match_files(p, run.paths)
    extractions = found | "read and extract" >> beam.ParDo(Extract(rules_dir, run.max_bytes))
    shards = (
        found
        | "count documents" >> beam.combiners.Count.Globally()
        | "shard count" >> beam.Map(lambda n: max(1, -(-n // DOCS_PER_SHARD)))
    )
    count = beam.pvalue.AsSingleton(shards)
    per_doc = extractions | "per document" >> beam.ParDo(
        PerDocument(rules_dir, alone)
    ).with_outputs("lines", "blocks", main="findings")

    threshold = rules.checks.matching.near_duplicate
    family = (
        extractions
        | "key by band" >> beam.FlatMap(bands)
        | "group bands" >> beam.GroupByKey()
        | "link copies" >> beam.FlatMap(links, threshold)
        | "all links" >> beam.combiners.ToList()
        | "families" >> beam.FlatMap(families)
    )
    aliases = beam.pvalue.AsSingleton(
        extractions
        | "alias figures" >> beam.ParDo(AliasFacts(rules_dir))
        | "all alias figures" >> beam.combiners.ToList()
        | "induce aliases" >> beam.ParDo(InduceAliases(rules_dir))
    )
    blocks = (
        {"claims": per_doc.blocks, "family": family}
        | "join families" >> beam.CoGroupByKey()
        | "key by block" >> beam.FlatMap(keyed_by_block)
        | "group blocks" >> beam.GroupByKey()
        | "match blocks"
        >> beam.ParDo(MatchBlocks(rules_dir, across, run.split_above), aliases).with_outputs(
            "parts", main="findings"
        )
    )
    part_findings = (
        blocks.parts
        | "group parts" >> beam.GroupByKey()
        | "match parts" >> beam.ParDo(MatchParts(rules_dir, across, run.split_above), aliases)
    )
    findings = (per_doc.findings, blocks.findings, part_findings) | "findings" >> beam.Flatten()

    lines = (
        per_doc.lines,
        findings | "finding records" >> beam.Map(finding_line),
    ) | "records" >> beam.Flatten()
    empty = shards | "every shard" >> beam.FlatMap(lambda n: [(i, None) for i in range(n)])
    (
        (lines | "shard" >> beam.Map(shard_of, count), empty)
        | "all shards" >> beam.Flatten()
        | "group shards" >> beam.GroupByKey()
        | "write shards" >> beam.ParDo(WriteShard(folder), count)
    )
    (
        (
            extractions | "count claims" >> beam.FlatMap(counts),
            findings | "count findings" >> beam.Map(lambda f: (f"finding:{f.kind}", 1)),
        )
        | "all counts" >> beam.Flatten()
        | "sum counts" >> beam.CombinePerKey(sum)
        | "totals" >> beam.combiners.ToList()
        | "write summary" >> beam.Map(write_summary, folder)
    )


def run_pipeline(run: BeamRun) -> dict[str, int]:
    """Run the pipeline and wait for it; the findings counted by severity."""
    if not FileSystems.exists(run.output):
        FileSystems.mkdirs(run.output)
    p = beam.Pipeline(options=_options(run.runner, run.beam_args))
    build(p, run)
    result = p.run()
    result.wait_until_finish()
    found = result.metrics().query(MetricsFilter().with_namespace(NAMESPACE))["counters"]
    return {m.key.metric.name: m.committed or m.attempted or 0 for m in found}


def _options(runner: str, beam_args: tuple[str, ...]) -> PipelineOptions:
    return PipelineOptions([f"--runner={RUNNER_PATHS.get(runner, runner)}", *beam_args])


# ---- the claim index ------------------------------------------------------------------------

INDEX_SHARD = "crosscheck-index-{:05d}-of-{:05d}.sqlite"


class IndexRows(Extract):
    """One document read, extracted and turned into its index rows, keyed by shard."""

    def __init__(self, rules_dir: str | None, max_bytes: int | None, shards: int) -> None:
        super().__init__(rules_dir, max_bytes)
        self.shards = shards

    def process(self, found: Found) -> Iterator[Any]:  # (shard, DocRows)
        src, doc_id, size = found
        job = read_job(src, doc_id, self.max_bytes) if size is None else self.fetch(found)
        e = extract_job(job, self.tools)
        where = location_of(src) if size is None else src.display
        rows = rows_of(e, where, digest(job[2]), self.matcher)
        yield zlib.crc32(doc_id.encode("utf-8")) % self.shards, rows


class WriteIndexShard(_WithRules):
    """One shard: an index file holding its documents' rows (the derived tables are made
    when the shards are merged), written locally and copied to the output folder."""

    def __init__(self, rules_dir: str | None, folder: str, count: int) -> None:
        super().__init__(rules_dir)
        self.folder, self.count = folder, count

    def process(self, shard: tuple[int, Iterable[DocRows]]) -> Iterator[str]:
        n, rows = shard
        path = FileSystems.join(self.folder, INDEX_SHARD.format(n, self.count))
        with tempfile.TemporaryDirectory() as tmp:
            local = Path(tmp) / "shard.sqlite"
            db = create(local, self.tools.rules)
            insert(db, sorted(rows, key=lambda r: r.document[0]))
            db.commit()
            db.close()
            with local.open("rb") as fh, FileSystems.create(path) as out:
                shutil.copyfileobj(fh, out)
        yield path


def run_index_pipeline(run: IndexRun) -> list[str]:
    """Write the index shards of `run.paths` into `run.output` (its earlier shards
    removed first); the shards written, as listed from the folder afterwards."""
    pattern = FileSystems.join(run.output, "crosscheck-index-*-of-*.sqlite")
    if not FileSystems.exists(run.output):
        FileSystems.mkdirs(run.output)
    old = [m.path for m in FileSystems.match([pattern])[0].metadata_list]
    if old:
        FileSystems.delete(old)
    rules_dir = str(run.rules_dir) if run.rules_dir else None
    p = beam.Pipeline(options=_options(run.runner, run.beam_args))
    (
        match_files(p, run.paths)
        | "index rows" >> beam.ParDo(IndexRows(rules_dir, run.max_bytes, run.shards))
        | "group shards" >> beam.GroupByKey()
        | "write shards" >> beam.ParDo(WriteIndexShard(rules_dir, run.output, run.shards))
    )
    result = p.run()
    result.wait_until_finish()
    client = getattr(result, "client", None)  # a Dask client the runner opened
    if client is not None:
        client.close()
    return sorted(m.path for m in FileSystems.match([pattern])[0].metadata_list)
