"""The gate: new documents checked against a whole corpus, failing only on their problems.

Findings are sought only where they can involve a new document (`find` with a focus);
those among old documents alone are never reported. A baseline (or review) file leaves
out the findings editors accepted or dismissed, and names its entries about new or
vanished documents that no longer occur. Whether a run fails is decided here for every
command (`exit_code`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from checker.checks.baseline import Accepted, Baseline
from checker.errors import CheckerError
from checker.index.lookup import Found, Index, indexed_findings
from checker.index.store import open_index
from checker.ingest.cache import Cache
from checker.ingest.documents import assign_ids, discover
from checker.ingest.gitdiff import changed_files
from checker.models import Extraction, Finding, Report
from checker.pipeline import (
    Progress,
    Toolkit,
    build_report,
    collect,
    extract_job,
    find,
    read_job,
)
from checker.ruleset import Ruleset

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3

# --fail-on: the severities that fail a run
FAIL_ON = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}


def exit_code(severities: Iterable[str], fail_on: str) -> int:
    """EXIT_FINDINGS when a finding of one of these severities reaches --fail-on."""
    failing = FAIL_ON[fail_on]
    return EXIT_FINDINGS if any(s in failing for s in severities) else EXIT_OK


def new_documents(
    corpus: Path, files: tuple[Path, ...], base: str | None, as_new: bool
) -> list[Path] | None:
    """The new documents' paths: changed under CORPUS since git revision `base`, or the
    FILES given with --new; None when every document is new."""
    paths = changed_files(corpus, base) if base else [f.resolve() for f in files]
    for f in files:
        if not f.exists():
            raise CheckerError(f"no such file: {f}", hint="--new takes the new documents' paths")
    return paths if base or as_new else None


def check_usage(corpus: Path, files: tuple[Path, ...], as_new: bool) -> None:
    if not corpus.exists():
        raise CheckerError(f"no such corpus: {corpus}", hint="name the folder of source articles")
    if files and not as_new:
        raise CheckerError(
            "files after CORPUS need --new", hint="crosscheck gate CORPUS --new FILE..."
        )


def indexed_usage(paths: tuple[Path, ...], as_new: bool, base: str | None) -> list[Path]:
    """The new documents of a gate on an index: every path given, with --new."""
    if base or not as_new:
        raise CheckerError(
            "the gate on an index takes the new documents with --new",
            hint="crosscheck gate --index INDEX --new FILE...",
        )
    for f in paths:
        if not f.exists():
            raise CheckerError(f"no such file: {f}", hint="--new takes the new documents' paths")
    return list(paths)


def gather(
    corpus: Path,
    new_paths: list[Path] | None,
    rules: Ruleset,
    cache: Cache | None,
    progress: Progress | None,
    jobs: int,
    max_bytes: int,
    tools: Toolkit,
) -> list[Extraction]:
    """The corpus and the new documents outside it, extracted (cached claims reused;
    those sharing no block with the new documents' claims not loaded)."""
    paths = new_paths or []
    root = corpus.resolve()
    outside = [p for p in paths if root not in p.parents and p != root]
    return collect(
        [corpus, *outside],
        rules,
        cache,
        progress,
        jobs,
        max_bytes,
        focus=set(paths) if new_paths is not None else None,
        tools=tools,
    )


@dataclass(frozen=True)
class Verdict:
    """What the gate found about the new documents."""

    report: Report  # their findings, and the claims that concern them
    new: set[str]  # the new documents' ids
    documents: int  # documents read, new and old
    findings: list[Finding]  # findings involving a new document, the baseline's left out
    stale: list[Accepted]  # baseline entries about new or vanished documents, gone
    silenced: int | None  # findings the baseline left out (None: an empty baseline)

    def summary(self) -> str:
        line = (
            f"gate: {len(self.new)} new of {self.documents} documents, "
            f"{len(self.findings)} findings involve them"
        )
        return line + (
            f", {self.silenced} accepted in the baseline" if self.silenced is not None else ""
        )


def judge(
    extractions: list[Extraction],
    new_paths: list[Path] | None,
    rules: Ruleset,
    tools: Toolkit,
    decided: Baseline | None,
) -> Verdict:
    """The findings that involve the new documents (all documents when `new_paths` is
    None), less those the baseline accepted or dismissed."""
    new = (
        ids_of(extractions, new_paths)
        if new_paths is not None
        else {e.document.id for e in extractions}
    )
    findings, checks = find(extractions, rules, focus=new, tools=tools)
    present = {e.document.id for e in extractions}
    return _verdict(Found(findings, checks, extractions, len(extractions)), new, decided, present)


def judge_indexed(
    index_file: Path,
    files: list[Path],
    rules: Ruleset,
    tools: Toolkit,
    decided: Baseline | None,
    max_bytes: int,
) -> Verdict:
    """The gate on a claim index: only the new documents are extracted, and only the
    blocks their claims fall in are read (see `checker.index.lookup`). The report lists
    the new documents and those its findings quote; its summary counts all."""
    sources = discover(files)
    db = open_index(index_file, rules)
    try:
        index = Index(db, rules)
        ids = index.ids_for(sources, assign_ids(sources))
        new = [
            extract_job(read_job(src, doc_id, max_bytes), tools)
            for src, doc_id in zip(sources, ids, strict=True)
        ]
        found = indexed_findings(index, new, rules, tools)
        named = {d for a in (decided.accepted if decided else []) for d in a.docs}
        present = index.known(named) | {e.document.id for e in new}
    finally:
        db.close()
    verdict = _verdict(found, {e.document.id for e in new}, decided, present)
    report = verdict.report
    quoted = {c.doc for c in report.claims} | verdict.new
    documents = [d for d in report.documents if d.id in quoted]
    return replace(verdict, report=report.model_copy(update={"documents": documents}))


def _verdict(found: Found, new: set[str], decided: Baseline | None, present: set[str]) -> Verdict:
    accepted = decided.accepted if decided else []
    current = {f.id for f in found.findings}
    stale = [  # about a new or a vanished document; findings among old ones were not sought
        a for a in accepted if a.id not in current and (set(a.docs) & new or set(a.docs) - present)
    ]
    quiet = decided.quiet() if decided else set()  # flagged ones stay shown
    relevant = [f for f in found.findings if set(f.docs) & new and f.id not in quiet]
    report = build_report(found.extractions, relevant, [c for c in found.checks if c.doc in new])
    cited = {cid for f in relevant for cid in f.claims}
    shown = [c for c in report.claims if c.doc in new or c.id in cited]
    summary = report.summary.model_copy(update={"claims": len(shown), "documents": found.documents})
    return Verdict(
        report=report.model_copy(update={"claims": shown, "summary": summary}),
        new=new,
        documents=found.documents,
        findings=relevant,
        stale=stale,
        silenced=len(quiet & current) if accepted else None,
    )


def ids_of(extractions: list[Extraction], paths: list[Path]) -> set[str]:
    """The ids of the documents read from these paths."""
    wanted = {p.resolve() for p in paths}
    return {e.document.id for e in extractions if Path(e.document.path).resolve() in wanted}
