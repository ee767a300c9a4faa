"""The `crosscheck` command: parse options, call the pipeline, render, pick the exit code.

Exit codes: 0 no finding reaches --fail-on; 1 one does; 2 usage or input error;
3 internal error (a bug: please report it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from inspect import getdoc
from pathlib import Path
from typing import Any, TypeVar

import click

from checker import __version__
from checker.checks.baseline import Baseline, read_baseline, render_baseline
from checker.checks.registry import CHECKS
from checker.claims.evaluate import evaluate
from checker.distributed import RUNNERS, BeamRun, location, run_beam
from checker.errors import CheckerError, InputError, RuleFileError
from checker.gate import (
    EXIT_ERROR,
    EXIT_INTERNAL,
    EXIT_OK,
    FAIL_ON,
    check_usage,
    exit_code,
    gather,
    ids_of,
    judge,
    new_documents,
)
from checker.ingest.cache import Cache
from checker.ingest.documents import parse_document
from checker.ingest.gitdiff import changed_files
from checker.matching.explain import explain_pair
from checker.matching.explain import render as render_pair
from checker.matching.match import Matcher
from checker.models import Claim, Document, Extraction, Report, dump_json
from checker.pipeline import (
    Toolkit,
    analyse_paths,
    build_report,
    collect,
    default_corpus,
    find,
    matchable,
)
from checker.repair.normalize import Repairer
from checker.report.desk import Desk, arrange
from checker.report.formats import CHECK_FORMATS, FORMATS, GATE_FORMATS, Rendering
from checker.report.i18n import Catalog, pick_lang
from checker.report.quotes import readable_quotes
from checker.report.render import iter_claims_json, render_explanation, report_schema
from checker.report.review import Terminal, run_review
from checker.report.views import (
    mentions_records,
    render_card,
    render_claims_table,
    render_mentions_text,
    render_scores,
)
from checker.ruleset import LANGUAGES, Ruleset, load_ruleset, text_encoding, with_encoding

F = TypeVar("F", bound=Callable[..., Any])


def _encoding(ctx: click.Context, _: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        try:
            ctx.meta[ENCODING_KEY] = text_encoding(value)
        except ValueError as exc:
            raise click.BadParameter(f"{exc} (e.g. utf-8, gb18030, big5, utf-16)") from None
    return value


ENCODING_KEY = "crosscheck.encoding"


def rules_option(func: F) -> F:
    func = click.option(
        "--encoding",
        callback=_encoding,
        expose_value=False,
        metavar="NAME",
        help="Read every file in this encoding instead of detecting it (e.g. big5).",
    )(func)
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Folder of rules files to use instead of the built-in rules/.",
    )(func)


def cache_options(func: F) -> F:
    func = click.option(
        "--no-cache", is_flag=True, help="Extract every document again; write no cache."
    )(func)
    return click.option(
        "--cache",
        "cache_file",
        type=click.Path(path_type=Path),
        help="Cache file (default: .crosscheck/cache.sqlite beside the corpus).",
    )(func)


def scale_options(func: F) -> F:
    func = click.option(
        "--max-size",
        type=click.FloatRange(min=0.001),
        default=16.0,
        show_default=True,
        metavar="MB",
        help="Skip (and report) files larger than this.",
    )(func)
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=os.cpu_count() or 1,
        show_default="the number of cores",
        help="Extract documents in this many processes; the output is the same.",
    )(func)


def desk_options(func: F) -> F:
    """--lang and --original: how the human-facing reports read (JSON is unaffected)."""
    func = click.option(
        "--original",
        is_flag=True,
        help="Quote sentences as in the file instead of repaired (pinyin, spam, spin removed).",
    )(func)
    return click.option(
        "--lang",
        type=click.Choice(list(LANGUAGES)),
        default=None,
        help="Language of labels and messages (default: from LC_ALL/LANG, else en).",
    )(func)


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


def quiet_option(func: F) -> F:
    return click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crosscheck")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def cli(debug: bool) -> None:
    """Find where Chinese news articles disagree about facts.

    Reads articles (Simplified or Traditional, damaged by scrapers or spinners),
    repairs them without losing the original, and reports every finding against the
    exact characters of the original files.
    """


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


@cli.command(cls=PassThrough)
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
    return exit_code((f.severity for f in findings), fail_on)


def _color(output: Path | None) -> bool:
    """Whether text goes to a terminal, and so may be colored."""
    return output is None and sys.stdout.isatty()


def _render(fmt: str, report: Report, how: Rendering, output: Path | None, name: str) -> None:
    """Render `report` in format `fmt`; write it to `output` (into a folder as
    `name`.<extension>) or stdout. JSON is streamed: never the whole report in one string."""
    form = FORMATS[fmt]
    _stream(form.render(report, how), output, f"{name}.{form.extension}")


@cli.command()
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


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@rules_option
@quiet_option
def inspect(paths: tuple[Path, ...], rules_dir: Path | None, quiet: bool) -> int:
    """Print one card per document: script, damage, spin score, date, sentences, errors."""
    rules = _rules(rules_dir)
    analyses = analyse_paths(paths, rules, _progress(quiet))
    click.echo("\n".join(render_card(a) for a in analyses), nl=False)
    return EXIT_OK


@cli.command()
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


@cli.command()
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


@cli.command("eval")
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


@cli.command()
@click.argument("finding")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@desk_options
@rules_option
@quiet_option
def explain(
    finding: str,
    paths: tuple[Path, ...],
    lang: str | None,
    original: bool,
    rules_dir: Path | None,
    quiet: bool,
) -> int:
    """Explain FINDING: a finding id (F-…) found in PATHS (default: seeds/), with its
    explanation and every quote in context; or a check name (conflict, uncited, …), with
    its documentation; or two claims (CLAIM CLAIM [PATHS]: ids as in the JSON report,
    such as 001_x#12, or FILE:LINE), with each test of matching and its outcome: why they
    were, or were not, matched and flagged."""
    rules = _rules(rules_dir)
    if finding in CHECKS:
        catalog = Catalog.of(rules, pick_lang(lang, os.environ))
        text = catalog.explain(finding) or inspect_doc(CHECKS[finding])
        click.echo(f"{finding}\n\n{text}")
        return EXIT_OK
    if paths and _claim_ref(finding) and _claim_ref(str(paths[0])):
        return _explain_pair(finding, str(paths[0]), paths[1:], rules, quiet)
    analyses = analyse_paths(paths or [default_corpus()], rules, _progress(quiet))
    findings, checks = find(analyses, rules)
    report = build_report(analyses, findings, checks)
    match = next((f for f in findings if f.id == finding), None)
    if match is None:
        raise CheckerError(
            f"no finding {finding} in {', '.join(map(str, paths)) or 'seeds/'}",
            hint="run `crosscheck check` on the same documents to list finding ids, or name a check: "
            + ", ".join(CHECKS)
            + ", or two claims (ids or FILE:LINE)",
        )
    desk = editors_desk(report, rules, lang, original)
    click.echo(render_explanation(report, match, desk), nl=False)
    return EXIT_OK


def _claim_ref(text: str) -> bool:
    """A claim id (doc#n) or FILE:LINE."""
    if "#" in text:
        return True
    file, sep, line = text.rpartition(":")
    return bool(sep and file and line.isdigit())


def _explain_pair(
    first: str, second: str, paths: tuple[Path, ...], rules: Ruleset, quiet: bool
) -> int:
    files = [Path(r.rpartition(":")[0]) for r in (first, second) if "#" not in r]
    corpus = list(paths) or [default_corpus()]
    corpus += [f for f in files if not any(_inside(f, p) for p in corpus)]
    tools = Toolkit(rules)
    extractions = collect(corpus, rules, tools=tools, progress=_progress(quiet))
    findings, _ = find(extractions, rules, tools=tools)
    matcher = Matcher(
        rules, {e.document.id: e.document.date for e in extractions}, tools.dictionary
    )
    matcher.learn(matchable(c for e in extractions for c in e.claims))
    a_claims = _claims_at(first, extractions)
    b_claims = _claims_at(second, extractions)
    pairs = [explain_pair(a, b, matcher, findings) for a in a_claims for b in b_claims if a != b]
    if not pairs:
        raise CheckerError(
            "no two different claims to compare",
            hint="name two claims: ids as in `crosscheck check --format json`, or FILE:LINE",
        )
    best = max(pairs, key=lambda e: (len(e.findings) > 0, sum(t.passed for t in e.tests)))
    click.echo(render_pair(best), nl=False)
    return EXIT_OK


def _inside(file: Path, folder: Path) -> bool:
    try:
        return file.resolve() == folder.resolve() or file.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _claims_at(ref: str, extractions: list[Extraction]) -> list[Claim]:
    if "#" in ref:
        found = [c for e in extractions for c in e.claims if c.id == ref]
    else:
        file, _, line = ref.rpartition(":")
        target = Path(file).resolve()
        found = [
            c
            for e in extractions
            if Path(e.document.path).resolve() == target
            for c in e.claims
            if c.line == int(line)
        ]
        figures = [c for c in found if c.kind != "date"]  # a line's figures before its dates
        found = figures or found
    if not found:
        raise CheckerError(
            f"no claim {ref}",
            hint="claim ids are listed by `crosscheck claims --format jsonl`; FILE:LINE "
            "needs a line that holds a figure",
        )
    return found


@cli.command()
def schema() -> int:
    """Print the JSON Schema of the report (`check --format json`)."""
    click.echo(report_schema())
    return EXIT_OK


@cli.command()
@click.argument("corpus", type=click.Path(path_type=Path))
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--base",
    metavar="REF",
    help="Documents added or changed under CORPUS since this git revision are new.",
)
@click.option("--new", "as_new", is_flag=True, help="FILES after CORPUS are the new documents.")
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
    """
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


@cli.command("baseline")
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


@cli.command()
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


def _open_cache(
    corpus: Path, cache_file: Path | None, no_cache: bool, rules: Ruleset
) -> Cache | None:
    if no_cache:
        return None
    beside = corpus.resolve().parent  # beside the corpus, never inside it
    path = cache_file or beside / ".crosscheck" / "cache.sqlite"
    return Cache(path, rules.fingerprint(), lambda m: click.echo(f"warning: {m}", err=True))


@cli.command("validate-rules")
@rules_option
def validate_rules(rules_dir: Path | None) -> int:
    """Load and validate every rules file; report every problem at once."""
    rules = _rules(rules_dir)
    click.echo(f"rules OK: {rules.source} ({len(rules.despin.pair)} despin pairs)")
    return EXIT_OK


def _beam_output(fmt: str, output: Path | None) -> str:
    """The Beam engine writes the JSON lines report, sharded, into a folder (or a URL)."""
    if fmt != "jsonl" or output is None:
        raise CheckerError("--engine beam writes --format jsonl into a folder: add -o FOLDER")
    if output.exists() and not output.is_dir():
        raise CheckerError(f"--engine beam writes into a folder, and {output} is a file")
    return location(output)


def inspect_doc(func: Callable[..., Any]) -> str:
    return (getdoc(func) or "").replace("**", "")


def _rules(rules_dir: Path | None) -> Ruleset:
    ctx = click.get_current_context(silent=True)
    encoding = ctx.meta.get(ENCODING_KEY) if ctx is not None else None
    return with_encoding(load_ruleset(rules_dir), encoding)


T = TypeVar("T")


def _progress(quiet: bool) -> Callable[[Iterable[T], int, str], Iterable[T]] | None:
    """A progress bar on stderr for each phase still running after two seconds, when
    stderr is a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    return progress_bar


PROGRESS_AFTER = 2.0  # seconds a phase runs before its bar appears


def progress_bar(
    items: Iterable[T], length: int, label: str, after: float = PROGRESS_AFTER
) -> Iterator[T]:
    """Yield `items`; once `after` seconds have passed, show a bar with counts (no ETA:
    work arrives in chunks, so estimates swing) for the rest of them."""
    start = time.monotonic()
    rest = iter(items)
    done = 0
    for item in rest:
        yield item
        done += 1
        if time.monotonic() - start >= after and done < length:
            break
    else:
        return
    bar = click.progressbar(
        length=length, label=label, file=sys.stderr, show_eta=False, show_pos=True
    )
    bar.pos = done  # first drawn where the phase already is
    with bar:
        for item in rest:
            yield item
            bar.update(1)


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


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="crosscheck", standalone_mode=False)
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
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _report_error(exc: CheckerError, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    lines = exc.problems if isinstance(exc, RuleFileError) else [exc.message]
    for line in lines:
        click.echo(line if line.startswith("error:") else f"error: {line}", err=True)
    if exc.hint:
        click.echo(f"hint: {exc.hint}", err=True)
