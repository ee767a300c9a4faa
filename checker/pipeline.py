"""Wiring the stages together; nothing here analyses text itself."""

from __future__ import annotations

import gc
import multiprocessing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import jieba

from checker.checks.internal import internal_checks
from checker.checks.prepared import CheckInput
from checker.checks.registry import CHECKS, selected
from checker.claims.assemble import ClaimTools, Context, extract_claims
from checker.ingest.cache import Cache
from checker.ingest.documents import (
    Source,
    assign_ids,
    discover,
    parse_document,
    read_documents,
    read_source,
)
from checker.ingest.encoding import REPLACEMENT, Reader
from checker.matching.copies import copy_families, signature
from checker.matching.match import Matcher
from checker.mentions.collect import MentionTools, extract_mentions
from checker.mentions.pubdate import publication_date
from checker.mentions.segment import split_sentences
from checker.mentions.words import load_dictionary
from checker.models import (
    Analysis,
    Claim,
    Document,
    DocumentOut,
    Extraction,
    Finding,
    InternalCheck,
    NormalizedText,
    PubDate,
    Ref,
    Repair,
    Report,
    Summary,
    derive,
)
from checker.repair.normalize import Repairer, normalize
from checker.repair.offsets import OffsetMap
from checker.ruleset import Ruleset, UnitsFile, package_folder

Progress = Callable[
    [Iterable[Any], int, str], Iterable[Any]
]  # (items, how many, label) → the same items


def default_corpus() -> Path:
    """The embedded corpus shipped in the package (`seeds/` at the top of the repository)."""
    return package_folder("seeds")


class Toolkit:
    """Everything built once per run from the rules and shared by all documents."""

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules
        self.reader = Reader(rules.reading)
        self.repairer = Repairer(rules)
        self.mentions = MentionTools(rules)
        self.claims = ClaimTools(rules, lambda: self.dictionary)

    @cached_property
    def dictionary(self) -> jieba.Tokenizer:
        """jieba's plain dictionary, loaded once: matching uses it, claims extend it."""
        return load_dictionary()

    def warm(self) -> Toolkit:
        """Build every lazily built part now (worker processes forked afterwards share
        them instead of each building its own)."""
        text = self.rules.reading.warm_up.text
        analyse(parse_document(text.encode(), "warm-up", "warm-up", self.reader), self)
        self.repairer.simplified_only  # noqa: B018 - built here: only Traditional text needs it
        return self


def analyse(doc: Document, tools: Toolkit) -> Analysis:
    rules = tools.rules
    if doc.errors:
        empty = NormalizedText(
            doc_id=doc.id, text="", offsets=OffsetMap.identity(0), repair=Repair()
        )
        return Analysis(document=doc, normalized=empty, sentences=(), date=PubDate())
    norm = normalize(doc, tools.repairer)
    sentences = split_sentences(norm, doc.text)
    date, note = publication_date(doc, norm, sentences, rules.dates)
    if note:
        doc = doc.model_copy(update={"notes": doc.notes + (note,)})
    mentions = extract_mentions(norm.text, sentences, date.value, tools.mentions)
    ctx = Context(
        doc.id, doc.text, norm, sentences, mentions, date.value, tools.claims, doc.meta.title or ""
    )
    claims = extract_claims(ctx)
    return Analysis(
        document=doc,
        normalized=norm,
        sentences=sentences,
        date=date,
        mentions=mentions,
        claims=claims,
    )


def extract(analysis: Analysis, rules: Ruleset) -> Extraction:
    """What the checks need of one analysed document (and what the cache keeps)."""
    doc = analysis.document
    repairs = dict(analysis.normalized.repair.counts)
    if doc.replaced:
        repairs[UNDECODABLE] = doc.replaced
    return Extraction(
        document=document_out(analysis),
        claims=_mark_unreadable(analysis),
        checks=internal_checks(analysis, rules),
        repairs=repairs,
        signature=signature(analysis.normalized.text),
    )


UNDECODABLE, GARBLED = "undecodable-bytes", "garbled"
UNMATCHED = {UNDECODABLE, GARBLED}  # claim flags that keep a claim out of matching


def _mark_unreadable(a: Analysis) -> list[Claim]:
    """The claims, those of a garbled document or of a sentence with replaced bytes
    flagged: they are listed, but kept out of matching."""
    garbled, damaged = a.document.garbled, a.document.replaced > 0
    if not (garbled or damaged):
        return list(a.claims)
    return [
        derive(c, flags=[*c.flags, GARBLED if garbled else UNDECODABLE])
        if garbled or REPLACEMENT in c.quote
        else c
        for c in a.claims
    ]


def matchable(claims: Iterable[Claim]) -> list[Claim]:
    """The claims that take part in matching: not read from garbled or damaged text."""
    return [c for c in claims if not (c.flags and UNMATCHED.intersection(c.flags))]


def _readable(e: Extraction) -> Extraction:
    """The extraction as the checks see it: claims read from garbled or damaged text are
    listed in the report but neither matched nor checked (uncited, vague citations)."""
    keep = matchable(e.claims)
    return e if len(keep) == len(e.claims) else e.model_copy(update={"claims": keep})


def read_damage(doc: Document) -> list[str]:
    """What reading the file found wrong with it, as `damage` kinds."""
    return [kind for kind, found in ((UNDECODABLE, doc.replaced), (GARBLED, doc.garbled)) if found]


Job = tuple[str, str, "bytes | None", "str | None"]  # id, display path, bytes, read problem


def block_keys(e: Extraction, units: UnitsFile | None = None) -> set[str]:
    """The blocks (subject × dimension) an extraction's claims fall in."""
    return {
        "|".join(k) for c in matchable(e.claims) if (k := Matcher.block_key(c, units)) is not None
    }


def collect(
    paths: Iterable[str | Path],
    rules: Ruleset,
    cache: Cache | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
    max_bytes: int | None = None,
    focus: set[Path] | None = None,
    tools: Toolkit | None = None,
) -> list[Extraction]:
    """Extract every document under `paths`, reusing cached extractions of unchanged ones.
    With `jobs` > 1 the uncached documents are extracted in that many processes; the
    result is the same, in the same order, whatever the number. With `focus` (the new
    documents' paths), a cached document whose claims share no block with them is read
    without its claims: they cannot meet the new documents' claims."""
    with _collector_paused():
        return _collect(
            paths, rules, cache, progress, jobs, max_bytes, focus, tools or Toolkit(rules)
        )


def _collect(
    paths: Iterable[str | Path],
    rules: Ruleset,
    cache: Cache | None,
    progress: Progress | None,
    jobs: int,
    max_bytes: int | None,
    focus: set[Path] | None,
    tools: Toolkit,
) -> list[Extraction]:
    sources = discover(paths)
    pairs = list(zip(sources, assign_ids(sources), strict=False))
    found: dict[int, Extraction] = {}
    keys: dict[int, str | None] = {}
    todo: list[tuple[int, Job, str | None]] = []
    for n, (src, doc_id) in enumerate(
        progress(pairs, len(pairs), "reading documents") if progress else pairs
    ):
        data, problem = _read(src, max_bytes)
        keys[n] = key = (
            cache.key(f"{doc_id}|{src.display}", data)
            if cache is not None and data is not None
            else None
        )
        if key is None or cache is None or cache.blocks(key) is None:
            todo.append((n, (doc_id, src.display, data, problem), key))
    extracted: Iterable[Extraction] = _extract_all([job for _, job, _ in todo], tools, jobs)
    if progress:
        extracted = progress(extracted, len(todo), "extracting claims")
    for (n, _, key), extraction in zip(todo, extracted, strict=True):
        found[n] = extraction
        if cache is not None and key is not None:
            cache.put(key, extraction, block_keys(extraction, rules.units))
    wanted: set[str] | None = None
    if focus is not None:
        resolved = {p.resolve() for p in focus}
        wanted = set().union(
            *[
                block_keys(found[n], rules.units)
                for n, (src, _) in enumerate(pairs)
                if n in found and src.path.resolve() in resolved
            ],
            set(),
        )
        for n, (src, _) in enumerate(pairs):  # new documents served from the cache
            if n not in found and src.path.resolve() in resolved and cache is not None:
                hit = cache.get(keys[n] or "")
                if hit is not None:
                    found[n] = hit
                    wanted |= block_keys(hit, rules.units)
    cached = [(n, src, doc_id) for n, (src, doc_id) in enumerate(pairs) if n not in found]
    for n, src, doc_id in (
        progress(cached, len(cached), "loading cached claims") if progress else cached
    ):
        key = keys[n]
        if cache is None or key is None:
            continue
        blocks = cache.blocks(key) or set()
        light = wanted is not None and not (blocks & wanted)
        hit = cache.get_light(key) if light else cache.get(key)
        if hit is None:  # a damaged entry: extract again
            data, problem = _read(src, max_bytes)
            hit = _extract_one((doc_id, src.display, data, problem), tools)
            cache.put(key, hit, block_keys(hit, rules.units))
        found[n] = hit
    return [found[n] for n in range(len(pairs))]


def _read(src: Source, max_bytes: int | None) -> tuple[bytes | None, str | None]:
    if max_bytes is not None:
        try:
            size = src.path.stat().st_size
        except OSError as exc:
            return None, f"could not read: {exc.strerror or type(exc).__name__}"
        problem = too_large(size, max_bytes)
        if problem:
            return None, problem
    return read_source(src)


def too_large(size: int, max_bytes: int | None) -> str | None:
    """Why a file of `size` bytes is skipped (over --max-size), or None."""
    if max_bytes is None or size <= max_bytes:
        return None
    return f"too large: {size / 1e6:.1f} MB (the limit is {max_bytes / 1e6:.0f} MB, see --max-size)"


def read_job(src: Source, doc_id: str, max_bytes: int | None = None) -> Job:
    """One document's bytes, or why they could not be read: the input of `extract_job`."""
    data, problem = _read(src, max_bytes)
    return doc_id, src.display, data, problem


def extract_job(job: Job, tools: Toolkit) -> Extraction:
    """Extract one read document: the map step every engine runs per document."""
    return _extract_one(job, tools)


def _extract_one(job: Job, tools: Toolkit) -> Extraction:
    doc_id, display, data, problem = job
    doc = (
        parse_document(data, doc_id, display, tools.reader)
        if data is not None
        else Document(id=doc_id, path=display, errors=(problem or "could not read",))
    )
    return extract(analyse(doc, tools), tools.rules)


_WORKER: dict[
    str, Toolkit
] = {}  # the worker process's toolkit: inherited by fork, or built by _init_worker


def _init_worker(rules_dir: str, encoding: str | None) -> None:
    from checker.ruleset import load_ruleset, with_encoding

    _WORKER["tools"] = Toolkit(with_encoding(load_ruleset(Path(rules_dir)), encoding))
    gc.disable()  # as in a forked worker: extraction makes no reference cycles


def _work(job: Job) -> Extraction:
    return _extract_one(job, _WORKER["tools"])


def _extract_all(work: list[Job], tools: Toolkit, jobs: int) -> Iterator[Extraction]:
    """Extract in this process, or in `jobs` worker processes. Where processes can fork,
    the workers start with this process's warmed toolkit (no rules, dictionary or
    matchers built again); elsewhere each worker builds its own from the rules folder.
    Workers keep the cyclic collector paused, as this process does while it collects:
    extraction makes no reference cycles (tested), and a worker's collections rescanned
    its inherited heap over and over (about a tenth of the worker's time)."""
    if jobs <= 1 or len(work) < 2 * jobs:
        yield from (_extract_one(job, tools) for job in work)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(work) // (4 * jobs)))
    initializer: Callable[[], None] | None
    if "fork" in multiprocessing.get_all_start_methods():
        _WORKER["tools"] = tools.warm()
        method, initializer = "fork", None  # forked while collection is paused
    else:
        encoding = tools.rules.reading.decode.encoding  # --encoding, if given
        method, initializer = "spawn", partial(_init_worker, tools.rules.source, encoding)
    try:
        with ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context(method), initializer=initializer
        ) as pool:
            yield from pool.map(_work, work, chunksize=chunk)
    finally:
        _WORKER.pop("tools", None)


def analyse_paths(
    paths: Iterable[str | Path], rules: Ruleset, progress: Progress | None = None
) -> list[Analysis]:
    tools = Toolkit(rules)
    docs = read_documents(discover(paths), tools.reader)
    stream = progress(docs, len(docs), "analysing documents") if progress else docs
    return [analyse(d, tools) for d in stream]


def document_out(a: Analysis) -> DocumentOut:
    doc, repair = a.document, a.normalized.repair
    return DocumentOut(
        id=doc.id,
        path=doc.path,
        title=doc.meta.title,
        outlet=doc.meta.outlet,
        url=doc.meta.url,
        author=doc.meta.author,
        date=a.date.value,
        date_source=a.date.source,
        date_evidence=a.date.evidence,
        script=repair.script,
        damage=read_damage(doc) + list(repair.damage),
        spin_score=repair.spin_score,
        sentences=len(a.sentences),
        encoding=doc.encoding,
        encoding_confidence=doc.encoding_confidence,
        errors=list(doc.errors),
        notes=list(doc.notes),
    )


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def find(
    docs: list[Analysis] | list[Extraction],
    rules: Ruleset,
    select: Iterable[str] | None = None,
    focus: set[str] | None = None,
    tools: Toolkit | None = None,
    jobs: int = 1,
) -> tuple[list[Finding], list[InternalCheck]]:
    """Match claims across documents and run the checks. With `focus` (document ids),
    only findings that can involve those documents are sought: blocks without their
    claims are skipped and per-document checks run on them alone (the gate's case).
    Blocks and documents are independent: with `jobs` > 1 (where processes can fork)
    they are checked in that many processes, and the findings are the same."""
    with _collector_paused():
        return _find(docs, rules, select, focus, tools, jobs)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Collecting extractions and making findings create hundreds of thousands of small
    records and no reference cycles (tested); the cyclic collector would rescan them over
    and over (on 10,000 documents, `uncited` alone took 2.3 s with it and 0.95 s without).
    Paused here, it collects any cycle made meanwhile once it resumes. What was made
    meanwhile joins the oldest generation at once: left young, all of it would be scanned
    by the next young collection (2.4 s after the findings of 10,000 documents)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.freeze()  # every tracked object to the permanent generation …
            gc.unfreeze()  # … and from there into the oldest one
            gc.enable()


def _find(
    docs: list[Analysis] | list[Extraction],
    rules: Ruleset,
    select: Iterable[str] | None,
    focus: set[str] | None,
    tools: Toolkit | None,
    jobs: int = 1,
) -> tuple[list[Finding], list[InternalCheck]]:
    everything = sorted(
        (d if isinstance(d, Extraction) else extract(d, rules) for d in docs),
        key=lambda e: e.document.id,
    )
    matcher = Matcher(
        rules,
        {e.document.id: e.document.date for e in everything},
        tools.dictionary if tools is not None else None,
    )
    matcher.learn(matchable(c for e in everything for c in e.claims))
    families = copy_families(everything, rules)
    extractions = everything if focus is None else [e for e in everything if e.document.id in focus]
    across, alone = check_kinds(select)
    blocks = [
        block
        for block in matcher.blocks(matchable(c for e in everything for c in e.claims)).values()
        if focus is None or any(c.doc in focus for c in block)
    ]
    if jobs > 1:  # spread a very large block (中国) over the processes: its metric groups
        blocks = [
            part
            for block in blocks
            for part in (metric_parts(block, matcher) if len(block) > LARGE_BLOCK else [block])
        ]
    _FIND["work"] = (blocks, extractions, matcher, families, rules, across, alone)
    try:  # blocks, then documents: one stream of work, so no process waits between them
        findings = [
            f for part in _mapped(_find_job, len(blocks) + len(extractions), jobs) for f in part
        ]
    finally:
        _FIND.pop("work", None)
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.kind, f.id))
    return findings, [r for e in extractions for r in e.checks]


LARGE_BLOCK = 1000  # claims; a larger block is checked metric group by metric group

# What the processes that make findings read, inherited by fork: the blocks, the
# extractions, the matcher, the copy families, the rules and the check kinds.
_FIND: dict[str, Any] = {}


def _find_job(index: int) -> list[Finding]:
    """The findings of block `index`, or past the blocks, of one document."""
    blocks = _FIND["work"][0]
    return _block_job(index) if index < len(blocks) else _document_job(index - len(blocks))


def _block_job(index: int) -> list[Finding]:
    blocks, _, matcher, families, rules, across, _ = _FIND["work"]
    return block_findings(blocks[index], matcher, families, rules, across)


def _document_job(index: int) -> list[Finding]:
    _, extractions, matcher, _, rules, _, alone = _FIND["work"]
    return document_findings(extractions[index], matcher, rules, alone)


def _mapped(job: Callable[[int], list[Finding]], count: int, jobs: int) -> Iterator[list[Finding]]:
    """`job` over 0…count-1 in order: here, or in `jobs` forked processes when there is
    enough work (each inherits the work in `_FIND`; only the findings travel back)."""
    if jobs <= 1 or count < 64 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (job(i) for i in range(count))
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(32, count // (8 * jobs)))
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(job, range(count), chunksize=chunk)


def check_kinds(select: Iterable[str] | None = None) -> tuple[list[str], list[str]]:
    """The selected checks (all by default) in registry order: those made per block,
    and those made per document, as each check declares (`Check.scope`). Both engines
    split the work this way."""
    checks = selected(select)
    return [c.kind for c in checks if c.scope == "block"], [
        c.kind for c in checks if c.scope == "document"
    ]


def block_findings(
    block: list[Claim],
    matcher: Matcher,
    families: dict[str, int],
    rules: Ruleset,
    kinds: Iterable[str],
) -> list[Finding]:
    """Findings across documents inside one block (or one metric group of it, see
    `metric_parts`): its claims in corpus order (by document id, then as extracted), a
    matcher knowing their documents' dates, and their documents' copy families."""
    matches, classes = matcher.block_matches(block)
    inp = CheckInput(
        rules=rules,
        extractions=[],
        matcher=matcher,
        families=families,
        matches=matches,
        classes=classes,
    )
    inp.claims = block
    inp.dates = matcher.doc_dates
    return [f for k in kinds for f in CHECKS[k](inp)]


def document_findings(
    e: Extraction, matcher: Matcher, rules: Ruleset, kinds: Iterable[str]
) -> list[Finding]:
    """Findings about one document alone (its citations, its repairs, its own sums)."""
    inp = CheckInput(rules=rules, extractions=[_readable(e)], matcher=matcher, families={})
    return [f for k in kinds for f in CHECKS[k](inp)]


MetricKey = tuple[str, Ref]  # a claim's kind and metric as written: finer than any metric group


def metric_key(c: Claim) -> MetricKey:
    return c.kind, c.metric


def metric_groups(heads: Iterable[Claim], matcher: Matcher) -> dict[MetricKey, int]:
    """The metric group (a number) of each head's metric key, for one claim per distinct
    key of a block: the matcher's own grouping (the same id, the same name, or fuzzy-similar
    names), so it needs the block's distinct metrics, never all its claims."""
    groups = matcher._metric_groups(list(heads))  # the grouping block_matches starts with
    return {metric_key(c): n for n, group in enumerate(groups) for c in group}


def metric_parts(block: list[Claim], matcher: Matcher) -> list[list[Claim]]:
    """A block split by metric group, each part in the block's order. Claims of different
    groups never match, so `block_findings` over the parts equals `block_findings` over
    the block: a very large block (中国, a hundred thousand claims) becomes many small
    units of work."""
    heads: dict[MetricKey, Claim] = {}
    for c in block:
        heads.setdefault(metric_key(c), c)
    group = metric_groups(heads.values(), matcher)
    parts: dict[int, list[Claim]] = defaultdict(list)
    for c in block:
        parts[group[metric_key(c)]].append(c)
    return [parts[n] for n in sorted(parts)]


def build_report(
    docs: Sequence[Analysis | Extraction],
    findings: list[Finding] | None = None,
    checks: list[InternalCheck] | None = None,
) -> Report:
    given: list[Analysis | Extraction] = list(docs)
    outs = [d.document if isinstance(d, Extraction) else document_out(d) for d in given]
    claim_lists = [(out.id, list(d.claims)) for out, d in zip(outs, given, strict=False)]
    documents = sorted(outs, key=lambda d: d.id)
    claims = [c for _, cs in sorted(claim_lists, key=lambda x: x[0]) for c in cs]
    findings = findings or []
    counts: Counter[str] = Counter(f.kind for f in findings)
    return Report(
        documents=documents,
        claims=claims,
        findings=findings,
        checks=checks or [],
        summary=Summary(
            documents=len(documents), claims=len(claims), findings=dict(sorted(counts.items()))
        ),
    )
