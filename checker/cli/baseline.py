"""`crosscheck baseline`: every current finding written to a file the gate will ignore."""

from __future__ import annotations

from pathlib import Path

import click

from checker.checks.baseline import render_baseline
from checker.cli.common import _emit, _open_cache
from checker.cli.options import (
    _progress,
    _rules,
    cache_options,
    quiet_option,
    rules_option,
    scale_options,
)
from checker.errors import CheckerError
from checker.gate import EXIT_OK
from checker.pipeline import Toolkit, collect, find


@click.command("baseline")
@click.argument("corpus", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The baseline file to write.",
)
@cache_options
@scale_options
@rules_option
@quiet_option
def baseline_command(
    corpus: Path,
    output: Path,
    cache_file: Path | None,
    no_cache: bool,
    jobs: int,
    max_size: float,
    rules_dir: Path | None,
    quiet: bool,
) -> int:
    """Write every current finding of CORPUS to a baseline file the gate will ignore."""
    if not corpus.exists():
        raise CheckerError(f"no such corpus: {corpus}", hint="name the folder of source articles")
    rules = _rules(rules_dir)
    cache = _open_cache(corpus, cache_file, no_cache, rules)
    tools = Toolkit(rules)
    try:
        extractions = collect(
            [corpus], rules, cache, _progress(quiet), jobs, int(max_size * 1e6), tools=tools
        )
    finally:
        if cache is not None:
            cache.close()
    findings, _ = find(extractions, rules, tools=tools)
    _emit(render_baseline(findings), output, "crosscheck-baseline.toml")
    return EXIT_OK
