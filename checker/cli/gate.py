"""`crosscheck gate`: new documents against the whole corpus (the logic is checker.gate)."""

from __future__ import annotations

from pathlib import Path

import click

from checker.checks.baseline import read_baseline
from checker.checks.registry import CHECKS
from checker.cli.common import _color, _open_cache, _render, _warn_bad_extractions, editors_desk
from checker.cli.options import (
    _progress,
    _rules,
    cache_options,
    desk_options,
    quiet_option,
    rules_option,
    scale_options,
)
from checker.gate import (
    FAIL_ON,
    check_usage,
    exit_code,
    gather,
    indexed_usage,
    judge,
    judge_indexed,
    new_documents,
)
from checker.pipeline import Toolkit
from checker.report.formats import FORMATS, GATE_FORMATS, Rendering


@click.command()
@click.argument("corpus", type=click.Path(path_type=Path))
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--base",
    metavar="REF",
    help="Documents added or changed under CORPUS since this git revision are new.",
)
@click.option("--new", "as_new", is_flag=True, help="FILES after CORPUS are the new documents.")
@click.option(
    "--index",
    "index_file",
    type=click.Path(path_type=Path),
    help="A claim index of the corpus (`crosscheck index build`): read only the blocks the "
    "new documents' claims fall in; every path given is then a new document.",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path),
    help="Accepted findings to ignore.",
)
@click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default="error",
    show_default=True,
    help="Exit 1 when a finding involving a new document reaches this severity.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(GATE_FORMATS),
    default="text",
    show_default=True,
    help="github: workflow annotations; sarif: SARIF 2.1.0 for code scanning.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report here.")
@desk_options
@cache_options
@scale_options
@rules_option
@quiet_option
def gate(
    corpus: Path,
    files: tuple[Path, ...],
    base: str | None,
    as_new: bool,
    index_file: Path | None,
    baseline_file: Path | None,
    fail_on: str,
    fmt: str,
    output: Path | None,
    lang: str | None,
    original: bool,
    cache_file: Path | None,
    no_cache: bool,
    jobs: int,
    max_size: float,
    rules_dir: Path | None,
    quiet: bool,
) -> int:
    """Check new documents against the whole CORPUS; fail only on their problems.

    New documents come from `--base REF` (git) or `--new FILE...`; with neither, every
    document is new. Findings among old documents only never fail the gate.

    With `--index INDEX --new FILE...` the corpus is the index's: only the new documents
    are read, and only the blocks of claims they touch are loaded, so the gate's time
    depends on the new documents, not on the size of the archive.
    """
    if index_file is not None:
        rules = _rules(rules_dir)
        new = indexed_usage((corpus, *files), as_new, base)
        decided = read_baseline(baseline_file) if baseline_file else None
        tools = Toolkit(rules)
        verdict = judge_indexed(index_file, new, rules, tools, decided, int(max_size * 1e6))
        for doc in (d for d in verdict.report.documents if d.id in verdict.new):
            for err in doc.errors:
                click.echo(f"warning: {doc.path}: {err}", err=True)
    else:
        check_usage(corpus, files, as_new)
        rules = _rules(rules_dir)
        new_paths = new_documents(corpus, files, base, as_new)
        cache = _open_cache(corpus, cache_file, no_cache, rules)
        tools = Toolkit(rules)
        try:
            extractions = gather(
                corpus, new_paths, rules, cache, _progress(quiet), jobs, int(max_size * 1e6), tools
            )
        finally:
            if cache is not None:
                cache.close()
        _warn_bad_extractions(extractions)
        decided = read_baseline(baseline_file) if baseline_file else None
        verdict = judge(extractions, new_paths, rules, tools, decided)
    for entry in verdict.stale:
        click.echo(
            f"warning: baseline entry {entry.id} ({entry.kind}) no longer occurs; remove it",
            err=True,
        )
    report = verdict.report
    desk = editors_desk(report, rules, lang, original, decided) if FORMATS[fmt].desk else None
    how = Rendering(desk=desk, color=_color(output), new=verdict.new, checks=dict(CHECKS))
    _render(fmt, report, how, output, "crosscheck-gate")
    if not quiet:
        click.echo(verdict.summary(), err=True)
    return exit_code((f.severity for f in verdict.findings), fail_on)
