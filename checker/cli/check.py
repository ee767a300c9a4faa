"""`crosscheck check`, locally or as an Apache Beam pipeline, and `schema` of its JSON report."""

from __future__ import annotations

from pathlib import Path

import click

from checker.checks.baseline import Baseline, read_baseline
from checker.checks.registry import CHECKS
from checker.cli.common import _color, _extract, _render, editors_desk
from checker.cli.options import (
    ENCODING_KEY,
    F,
    _rules,
    desk_options,
    quiet_option,
    rules_option,
    scale_options,
)
from checker.distributed import RUNNERS, BeamRun, location, run_beam
from checker.errors import CheckerError, InputError
from checker.gate import EXIT_OK, FAIL_ON, exit_code
from checker.pipeline import Toolkit, build_report, default_corpus, find
from checker.report.formats import CHECK_FORMATS, FORMATS, Rendering
from checker.report.render import report_schema


class PassThrough(click.Command):
    """A command whose arguments after `--` are kept apart, in `ctx.meta["passed"]`, for
    the engine (Beam pipeline options), instead of being read as paths."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        at = args.index("--") if "--" in args else len(args)
        ctx.meta["passed"] = tuple(args[at + 1 :])
        return super().parse_args(ctx, args[:at])


def engine_options(func: F) -> F:
    func = click.option(
        "--runner",
        type=click.Choice(RUNNERS),
        default=RUNNERS[0],
        show_default=True,
        help="The Beam runner (with --engine beam); Beam pipeline options follow `--`.",
    )(func)
    return click.option(
        "--engine",
        type=click.Choice(["local", "beam"]),
        default="local",
        show_default=True,
        help="local: this machine (--jobs processes); beam: an Apache Beam pipeline "
        "(pip install 'crosscheck[beam]'), written with --format jsonl -o FOLDER.",
    )(func)


@click.command(cls=PassThrough)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
    default="text",
    show_default=True,
    help="text for the terminal, json (the contract), jsonl (one record per line, streamed), "
    "md for a pull request, html (one file).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the report to this file, or into this folder as crosscheck-report.<ext>.",
)
@click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default="never",
    show_default=True,
    help="Exit 1 when a finding of this severity or worse is found.",
)
@click.option(
    "--select",
    multiple=True,
    type=click.Choice(list(CHECKS)),
    help="Run only these checks (repeatable).",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path),
    help="A baseline or review file: leave out its accepted and dismissed findings.",
)
@desk_options
@scale_options
@engine_options
@rules_option
@quiet_option
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    fail_on: str,
    select: tuple[str, ...],
    baseline_file: Path | None,
    lang: str | None,
    original: bool,
    jobs: int,
    max_size: float,
    engine: str,
    runner: str,
    rules_dir: Path | None,
    quiet: bool,
) -> int:
    """Check PATHS (files or folders; default: the embedded seeds/ corpus) for conflicting,
    drifting and uncited figures.

    With --engine beam the same check runs as an Apache Beam pipeline on --runner; Beam
    pipeline options go after `--`."""
    passed: tuple[str, ...] = ctx.meta.get("passed", ())
    if engine == "beam":
        if ctx.meta.get(ENCODING_KEY):
            raise InputError(
                "--encoding is not passed to Beam workers",
                hint="set `encoding` under [decode] in a rules folder's reading.toml "
                "and pass it with --rules",
            )
        run = BeamRun(
            paths=tuple(location(p) for p in paths or (default_corpus(),)),
            output=_beam_output(fmt, output),
            runner=runner,
            beam_args=passed,
            rules_dir=rules_dir,
            select=select,
            max_bytes=int(max_size * 1e6),
        )
        found = run_beam(run)
        if not quiet:
            click.echo(f"wrote {run.output}", err=True)
        return exit_code((s for s, n in found.items() if n), fail_on)
    if passed:
        raise CheckerError("options after -- are Beam pipeline options: use --engine beam")
    rules = _rules(rules_dir)
    tools = Toolkit(rules)
    extractions = _extract(paths, tools, quiet, jobs, max_size)
    findings, checks = find(extractions, rules, select or None, tools=tools, jobs=jobs)
    decided = read_baseline(baseline_file) if baseline_file else Baseline()
    findings = [f for f in findings if f.id not in decided.quiet()]
    report = build_report(extractions, findings, checks)
    desk = editors_desk(report, rules, lang, original, decided) if FORMATS[fmt].desk else None
    _render(fmt, report, Rendering(desk=desk, color=_color(output)), output, "crosscheck-report")
    if isinstance(ctx.obj, list):  # run as a program: its end need not free these
        ctx.obj.append((extractions, report, tools, desk))
    return exit_code((f.severity for f in findings), fail_on)


def _beam_output(fmt: str, output: Path | None) -> str:
    """The Beam engine writes the JSON lines report, sharded, into a folder (or a URL)."""
    if fmt != "jsonl" or output is None:
        raise CheckerError("--engine beam writes --format jsonl into a folder: add -o FOLDER")
    if output.exists() and not output.is_dir():
        raise CheckerError(f"--engine beam writes into a folder, and {output} is a file")
    return location(output)


@click.command()
def schema() -> int:
    """Print the JSON Schema of the report (`check --format json`)."""
    click.echo(report_schema())
    return EXIT_OK
