"""`crosscheck review`: triage findings one at a time in the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import click

from checker.cli.common import _extract, editors_desk
from checker.cli.options import _rules, desk_options, quiet_option, rules_option, scale_options
from checker.errors import CheckerError
from checker.gate import EXIT_OK, ids_of
from checker.ingest.gitdiff import changed_files
from checker.pipeline import Toolkit, build_report, find
from checker.report.i18n import Catalog, pick_lang
from checker.report.review import Terminal, run_review


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--file",
    "review_file",
    type=click.Path(path_type=Path),
    default=Path("crosscheck-review.toml"),
    show_default=True,
    help="The review file: decisions are saved here as they are made (baseline format).",
)
@click.option(
    "--base",
    metavar="REF",
    help="Review only findings about documents added or changed since this git revision "
    "(PATHS is then one corpus folder, as for gate).",
)
@desk_options
@scale_options
@rules_option
@quiet_option
def review(
    paths: tuple[Path, ...],
    review_file: Path,
    base: str | None,
    lang: str | None,
    original: bool,
    jobs: int,
    max_size: float,
    rules_dir: Path | None,
    quiet: bool,
) -> int:
    """Triage the findings of PATHS (default: seeds/) one at a time in the terminal.

    Keys: a accept (with a reason), d dismiss as a false alarm (with a reason), f flag for
    correction, s skip, b back, q quit. Every decision is saved at once to the review
    file; a second review resumes at the first finding without a decision. Use the file
    with `check --baseline` or `gate --baseline`.
    """
    if not is_terminal():
        raise CheckerError(
            Catalog.of(_rules(rules_dir), pick_lang(lang, os.environ)).t("review_not_a_terminal"),
            hint="run it in a terminal; in CI use `crosscheck gate --baseline FILE`",
        )
    rules = _rules(rules_dir)
    if base and len(paths) != 1:
        raise CheckerError(
            "--base needs exactly one corpus folder", hint="crosscheck review CORPUS --base REF"
        )
    tools = Toolkit(rules)
    extractions = _extract(paths, tools, quiet, jobs, max_size)
    findings, checks = find(extractions, rules, tools=tools)
    if base:
        new_ids = ids_of(extractions, changed_files(paths[0], base))
        findings = [f for f in findings if set(f.docs) & new_ids]
    report = build_report(extractions, findings, checks)
    desk = editors_desk(report, rules, lang, original)
    terminal = Terminal(
        getkey=click.getchar,
        getline=lambda label: str(click.prompt(label, default="", show_default=False)),
        echo=click.echo,
    )
    run_review(desk, review_file, _reviewer(), date.today().isoformat(), terminal)
    return EXIT_OK


def is_terminal() -> bool:
    """Whether review can talk to a person: stdin and stdout are both terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _reviewer() -> str:
    """Who decides: `git config user.name`, else $USER, else "unknown"."""
    try:
        name = subprocess.run(
            ["git", "config", "user.name"], check=False, capture_output=True, text=True, timeout=5
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    return name or os.environ.get("USER", "") or "unknown"
