"""The `crosscheck` command: parse options, call the pipeline, render, pick the exit code.

Exit codes: 0 no finding reaches --fail-on; 1 one does; 2 usage or input error;
3 internal error (a bug: please report it).
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from checker import __version__
from checker.cli import baseline, check, explain, gate, index, inspect, review, rules
from checker.errors import CheckerError, RuleFileError
from checker.gate import EXIT_ERROR, EXIT_INTERNAL, EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crosscheck")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def cli(debug: bool) -> None:
    """Find where Chinese news articles disagree about facts.

    Reads articles (Simplified or Traditional, damaged by scrapers or spinners),
    repairs them without losing the original, and reports every finding against the
    exact characters of the original files.
    """


# Every command, registered here once (`crosscheck --help` lists them by name).
COMMANDS: tuple[click.Command, ...] = (
    check.check,
    check.schema,
    inspect.normalize,
    inspect.inspect,
    inspect.mentions,
    inspect.claims,
    inspect.eval_command,
    explain.explain,
    gate.gate,
    index.index_group,
    baseline.baseline_command,
    review.review,
    rules.validate_rules,
)
for command in COMMANDS:
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    # Run as a program (not called with arguments), a command may leave its records here
    # for the process to end without freeing them one by one (see `_end`).
    kept: list[object] | None = [] if argv is None else None
    try:
        code = cli.main(args=args, prog_name="crosscheck", standalone_mode=False, obj=kept)
    except CheckerError as exc:
        _report_error(exc, debug)
        code = EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        code = EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        code = EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - a bug: say so, keep the traceback for --debug
        if debug:
            traceback.print_exc()
        click.echo(f"internal error (please report): {type(exc).__name__}: {exc}", err=True)
        if not debug:
            click.echo("hint: run again with --debug for the traceback", err=True)
        code = EXIT_INTERNAL
    code = code if isinstance(code, int) else EXIT_OK
    if kept:
        _end(code)
    sys.exit(code)


def _end(code: int) -> None:
    """End the process once its output is flushed, without tearing down the records a
    command kept (a run over 10,000 documents frees millions of objects one by one: a
    second or more after the report is written). Only the local `check` keeps any, once
    its report is written and its worker processes have ended; a failing flush leaves
    the ordinary exit to report it."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def _report_error(exc: CheckerError, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    lines = exc.problems if isinstance(exc, RuleFileError) else [exc.message]
    for line in lines:
        click.echo(line if line.startswith("error:") else f"error: {line}", err=True)
    if exc.hint:
        click.echo(f"hint: {exc.hint}", err=True)
