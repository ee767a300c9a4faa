"""Commands for looking inside one stage: normalize, inspect, mentions, claims, eval."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from checker.claims.evaluate import evaluate
from checker.cli.common import _emit, _extract, _stream, _warn_bad_documents
from checker.cli.options import _progress, _rules, quiet_option, rules_option, scale_options
from checker.errors import CheckerError
from checker.gate import EXIT_ERROR, EXIT_OK
from checker.models import dump_json
from checker.pipeline import Toolkit, analyse_paths, build_report, default_corpus
from checker.report.render import iter_claims_json
from checker.report.views import (
    mentions_records,
    render_card,
    render_claims_table,
    render_mentions_text,
    render_scores,
)


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--strip-boilerplate", is_flag=True, help="Leave out disclaimer, credit and byline lines."
)
@rules_option
def normalize(file: Path, strip_boilerplate: bool, rules_dir: Path | None) -> int:
    """Print the repaired text of FILE (pinyin removed, Simplified, half width, despun)."""
    rules = _rules(rules_dir)
    if file.is_dir():
        raise CheckerError(f"{file} is a folder", hint="normalize takes one file")
    (analysis,) = analyse_paths([file], rules)
    _warn_bad_documents([analysis.document])
    if analysis.document.errors:
        return EXIT_ERROR
    text = analysis.normalized.text
    if strip_boilerplate:
        for a, b in sorted(analysis.normalized.masked, reverse=True):
            text = text[:a] + text[b:].lstrip("\r\n") if b < len(text) else text[:a]
    click.echo(text, nl=not text.endswith("\n"))
    return EXIT_OK


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@rules_option
@quiet_option
def inspect(paths: tuple[Path, ...], rules_dir: Path | None, quiet: bool) -> int:
    """Print one card per document: script, damage, spin score, date, sentences, errors."""
    rules = _rules(rules_dir)
    analyses = analyse_paths(paths, rules, _progress(quiet))
    click.echo("\n".join(render_card(a) for a in analyses), nl=False)
    return EXIT_OK


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A readable table per sentence, or JSON records with original spans.",
)
@rules_option
@quiet_option
def mentions(paths: tuple[Path, ...], fmt: str, rules_dir: Path | None, quiet: bool) -> int:
    """Print each sentence with its quantities, periods and entities (for tuning rules)."""
    analyses = analyse_paths(paths, _rules(rules_dir), _progress(quiet))
    _warn_bad_documents(a.document for a in analyses)
    if fmt == "json":
        records = [r for a in analyses for r in mentions_records(a)]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        click.echo("".join(render_mentions_text(a) for a in analyses), nl=False)
    return EXIT_OK


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl"]),
    default="table",
    show_default=True,
    help="A readable table, the claims part of the JSON report, or one claim per line.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write here instead of stdout."
)
@scale_options
@rules_option
@quiet_option
def claims(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    jobs: int,
    max_size: float,
    rules_dir: Path | None,
    quiet: bool,
) -> int:
    """List the claims of PATHS (default: seeds/) with the ids and spans `check` uses."""
    rules = _rules(rules_dir)
    extractions = _extract(paths, Toolkit(rules), quiet, jobs, max_size)
    report = build_report(extractions)
    name = f"crosscheck-claims.{ {'table': 'txt'}.get(fmt, fmt) }"
    if fmt == "json":  # streamed, like the jsonl lines
        _stream(iter_claims_json(report.claims), output, name)
    elif fmt == "jsonl":
        _stream((dump_json(c) + "\n" for c in report.claims), output, name)
    else:
        _emit(render_claims_table(report), output, name)
    return EXIT_OK


@click.command("eval")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Gold folder: seed-claims.jsonl (tests/gold/), or claims.jsonl beside docs/ "
    "(a development-corpus cluster, whose docs/ is then read when no PATHS are given).",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--misses/--no-misses", default=True, show_default=True, help="List what was missed.")
@rules_option
@quiet_option
def eval_command(
    gold_dir: Path,
    paths: tuple[Path, ...],
    fmt: str,
    misses: bool,
    rules_dir: Path | None,
    quiet: bool,
) -> int:
    """Score extracted claims of PATHS against a gold folder.

    PATHS default to the gold folder's own docs/ when it has one, else the embedded seeds/.
    """
    gold = _read_gold(gold_dir)
    default = gold_dir / "docs" if (gold_dir / "docs").is_dir() else default_corpus()
    rules = _rules(rules_dir)
    analyses = analyse_paths(paths or [default], rules, _progress(quiet))
    try:
        scores = evaluate(gold, analyses, rules.units)
    except ValueError as exc:
        raise CheckerError(
            str(exc), hint="run eval on the documents the gold folder describes"
        ) from None
    if fmt == "json":
        click.echo(scores.model_dump_json(indent=2))
        return EXIT_OK
    click.echo(render_scores(scores, misses), nl=False)
    return EXIT_OK


def _read_gold(folder: Path) -> list[dict[str, Any]]:
    names = ("seed-claims.jsonl", "claims.jsonl")
    path = next((folder / n for n in names if (folder / n).is_file()), folder / names[0])
    if not path.is_file():
        raise CheckerError(
            f"no gold claims in {folder}",
            hint="--gold takes a folder holding seed-claims.jsonl or claims.jsonl",
        )
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise CheckerError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
    return rows
