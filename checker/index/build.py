"""Building and updating a claim index on this machine (`--engine local`).

Documents are read, extracted (in `jobs` processes) and written a slice at a time, so
the memory a build needs does not grow with the corpus. An update compares every file's
content hash with the index's: new and changed documents are extracted and written,
vanished ones removed, and only the blocks and buckets they touch are derived again.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.index.store import (
    DocRows,
    create,
    finalize,
    insert,
    open_index,
    remove,
    rows_of,
    touched,
)
from checker.ingest.documents import Source, assign_ids, discover
from checker.matching.match import Matcher
from checker.models import Extraction
from checker.pipeline import Job, Progress, Toolkit, _extract_all, read_job

SLICE = 2000  # documents read and extracted at a time


def location(src: Source) -> str:
    """Where a document is, as the index records it: its absolute path."""
    return os.path.normcase(os.path.abspath(src.path))


def digest(data: bytes | None) -> str:
    return hashlib.sha256(data).hexdigest() if data is not None else ""


def _slices(items: list[tuple[Source, str]]) -> Iterator[list[tuple[Source, str]]]:
    for start in range(0, len(items), SLICE):
        yield items[start : start + SLICE]


def _extracted(
    todo: list[tuple[Source, str]], tools: Toolkit, jobs: int, max_bytes: int | None
) -> Iterator[DocRows]:
    """The index rows of these documents, extracted a slice at a time."""
    matcher = Matcher(tools.rules, {}, tools.dictionary)
    for part in _slices(todo):
        read: list[Job] = [read_job(src, doc_id, max_bytes) for src, doc_id in part]
        found: Iterator[Extraction] = _extract_all(read, tools, jobs)
        for (src, _), job, e in zip(part, read, found, strict=True):
            yield rows_of(e, location(src), digest(job[2]), matcher)


@dataclass(frozen=True)
class Changes:
    added: int = 0
    replaced: int = 0
    removed: int = 0
    unchanged: int = 0


def build(
    paths: list[Path],
    output: Path,
    tools: Toolkit,
    jobs: int = 1,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> Changes:
    """A new index of the documents under `paths` at `output` (written beside it, then
    moved into place)."""
    sources = discover(paths)
    todo = list(zip(sources, assign_ids(sources), strict=True))
    partial = output.with_name(output.name + ".partial")
    db = create(partial, tools.rules)
    try:
        rows = _extracted(todo, tools, jobs, max_bytes)
        for n, r in enumerate(progress(rows, len(todo), "indexing") if progress else rows):
            insert(db, [r])
            if n % SLICE == SLICE - 1:
                db.commit()
        finalize(db, tools.rules)
    finally:
        db.close()
    partial.replace(output)
    return Changes(added=len(todo))


def update(
    paths: list[Path],
    index: Path,
    tools: Toolkit,
    jobs: int = 1,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> Changes:
    """Make the index hold the documents under `paths` as they are now: documents are
    compared by id, location and content hash."""
    db = open_index(index, tools.rules)
    try:
        return _update(db, paths, tools, jobs, max_bytes, progress)
    finally:
        db.close()


def _update(
    db: sqlite3.Connection,
    paths: list[Path],
    tools: Toolkit,
    jobs: int,
    max_bytes: int | None,
    progress: Progress | None,
) -> Changes:
    sources = discover(paths)
    known = {
        doc: (where, sha)
        for doc, where, sha in db.execute("SELECT id, location, digest FROM documents")
    }
    todo = []
    pairs = list(zip(sources, assign_ids(sources), strict=True))
    for src, doc_id in progress(pairs, len(pairs), "hashing") if progress else pairs:
        data = read_job(src, doc_id, max_bytes)[2]
        if known.get(doc_id) != (location(src), digest(data)):
            todo.append((src, doc_id))
    current = {doc_id for _, doc_id in pairs}
    gone = sorted(set(known) - current)
    replaced = sorted(doc_id for _, doc_id in todo if doc_id in known)
    blocks, hashes = touched(db, [*gone, *replaced])
    remove(db, [*gone, *replaced])
    for r in _extracted(todo, tools, jobs, max_bytes):
        insert(db, [r])
        blocks.update(row[2] for row in r.claims)
        hashes.update(h for h, _ in r.buckets)
    finalize(db, tools.rules, blocks, hashes)
    return Changes(
        added=len(todo) - len(replaced),
        replaced=len(replaced),
        removed=len(gone),
        unchanged=len(pairs) - len(todo),
    )
