"""What several commands do: extract with warnings, arrange the editors' desk, write a
report to a file or stdout, open the cache."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from checker.checks.baseline import Baseline
from checker.cli.options import _progress
from checker.errors import CheckerError
from checker.ingest.cache import Cache
from checker.ingest.documents import parse_document
from checker.models import Document, Extraction, Report
from checker.pipeline import Toolkit, collect, default_corpus
from checker.repair.normalize import Repairer
from checker.report.desk import Desk, arrange
from checker.report.formats import FORMATS, Rendering
from checker.report.i18n import Catalog, pick_lang
from checker.report.quotes import readable_quotes
from checker.ruleset import Ruleset


def editors_desk(
    report: Report,
    rules: Ruleset,
    lang: str | None,
    original: bool,
    decided: Baseline | None = None,
) -> Desk:
    """The report arranged for people: its words in `lang`, its sentences repaired, the
    findings a review flagged for correction marked with who flagged them and when."""
    cited = {cid for f in report.findings for cid in f.claims}
    quoted = report.model_copy(update={"claims": [c for c in report.claims if c.id in cited]})
    needed = {c.doc for c in quoted.claims}  # only documents a finding quotes are read again
    texts = {}
    for d in report.documents:
        if d.id not in needed:
            continue
        try:
            texts[d.id] = parse_document(Path(d.path).read_bytes(), d.id, d.path).text
        except OSError:
            continue  # gone since it was read: its quotes stay as they are
    quotes = readable_quotes(quoted, texts, Repairer(rules))
    catalog = Catalog.of(rules, pick_lang(lang, os.environ))
    flagged = {
        a.id: ", ".join(x for x in (a.reason, a.who, a.date) if x)
        for a in (decided.accepted if decided else [])
        if a.decision == "flagged"
    }
    return arrange(report, catalog, quotes, original, flagged)


def _color(output: Path | None) -> bool:
    """Whether text goes to a terminal, and so may be colored."""
    return output is None and sys.stdout.isatty()


def _render(fmt: str, report: Report, how: Rendering, output: Path | None, name: str) -> None:
    """Render `report` in format `fmt`; write it to `output` (into a folder as
    `name`.<extension>) or stdout. JSON is streamed: never the whole report in one string."""
    form = FORMATS[fmt]
    _stream(form.render(report, how), output, f"{name}.{form.extension}")


def _open_cache(
    corpus: Path, cache_file: Path | None, no_cache: bool, rules: Ruleset
) -> Cache | None:
    if no_cache:
        return None
    beside = corpus.resolve().parent  # beside the corpus, never inside it
    path = cache_file or beside / ".crosscheck" / "cache.sqlite"
    return Cache(path, rules.fingerprint(), lambda m: click.echo(f"warning: {m}", err=True))


def _extract(
    paths: Sequence[str | Path], tools: Toolkit, quiet: bool, jobs: int, max_size: float
) -> list[Extraction]:
    """The documents under PATHS (default: seeds/) extracted, with progress on stderr and a
    warning for each one that could not be read."""
    extractions = collect(
        paths or [default_corpus()],
        tools.rules,
        progress=_progress(quiet),
        jobs=jobs,
        max_bytes=int(max_size * 1e6),
        tools=tools,
    )
    _warn_bad_extractions(extractions)
    return extractions


def _warn_bad_extractions(extractions: Iterable[Extraction]) -> None:
    for e in extractions:
        for err in e.document.errors:
            click.echo(f"warning: {e.document.path}: {err}", err=True)


def _warn_bad_documents(docs: Iterable[Document]) -> None:
    for doc in docs:
        for err in doc.errors:
            click.echo(f"warning: {doc.path}: {err}", err=True)


def _stream(chunks: Iterable[str | bytes], output: Path | None, default_name: str) -> None:
    """Write text made in pieces (a large report) without joining it first; a piece may
    be text or already UTF-8 (written as it is)."""
    if output is None:
        for chunk in chunks:
            click.echo(chunk, nl=False)
        return
    target = (
        output / default_name if output.is_dir() or str(output).endswith(("/", "\\")) else output
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("w", encoding="utf-8") as fh:
            for chunk in chunks:
                if isinstance(chunk, bytes):
                    fh.flush()
                    fh.buffer.write(chunk)
                else:
                    fh.write(chunk)
    except OSError as exc:
        raise CheckerError(
            f"cannot write {target}: {exc.strerror}", hint="check the folder exists and is writable"
        ) from None
    click.echo(f"wrote {target}", err=True)


def _emit(text: str, output: Path | None, default_name: str) -> None:
    _stream((text,), output, default_name)
