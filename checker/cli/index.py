"""`crosscheck index`: build, update, inspect and merge a claim index (checker.index)."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import click

from checker.cli.check import PassThrough, engine_options
from checker.cli.options import (
    ENCODING_KEY,
    _progress,
    _rules,
    quiet_option,
    rules_option,
    scale_options,
)
from checker.distributed import IndexRun, location, run_index_beam
from checker.errors import CheckerError, InputError
from checker.gate import EXIT_OK
from checker.index.build import build as build_index
from checker.index.build import update as update_index
from checker.index.store import info as index_info
from checker.index.store import merge
from checker.pipeline import Toolkit
from checker.ruleset import Ruleset

INDEX_FILE = Path("crosscheck-index.sqlite")


@click.group("index")
def index_group() -> None:
    """Build, update and inspect a claim index, which `gate --index` reads.

    The index files every claim by the block matching puts it in (subject, kind, unit
    dimension), with its metric and period, and every document's date, copy-detection
    sketch and citation counts: the gate then reads only what a new article can meet.
    """


@index_group.command("build", cls=PassThrough)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=INDEX_FILE,
    show_default=True,
    help="The index file to write (replaced if it exists).",
)
@click.option(
    "--shards",
    "shard_dir",
    type=click.Path(path_type=Path),
    help="With --engine beam: the folder (or URL) the pipeline writes its shards to "
    "(default: a folder beside the index, removed once merged).",
)
@engine_options
@scale_options
@rules_option
@quiet_option
@click.pass_context
def index_build(
    ctx: click.Context,
    paths: tuple[Path, ...],
    output: Path,
    shard_dir: Path | None,
    engine: str,
    runner: str,
    jobs: int,
    max_size: float,
    rules_dir: Path | None,
    quiet: bool,
) -> int:
    """Index the documents under PATHS (files or folders) into one file.

    With --engine beam the documents are extracted by an Apache Beam pipeline on
    --runner (options after `--`), which writes shards; local shards are then merged
    into the index, shards at a URL are left for `crosscheck index merge`."""
    passed: tuple[str, ...] = ctx.meta.get("passed", ())
    rules = _rules(rules_dir)
    start = time.perf_counter()
    if engine == "beam":
        if ctx.meta.get(ENCODING_KEY):
            raise InputError("--encoding is not passed to Beam workers")
        folder = shard_dir or output.with_name(output.name + ".shards")
        run = IndexRun(
            paths=tuple(_absolute(p) for p in paths),
            output=location(folder),
            runner=runner,
            beam_args=passed,
            rules_dir=rules_dir,
            max_bytes=int(max_size * 1e6),
        )
        shards = run_index_beam(run)
        if "://" in run.output:
            click.echo(
                f"wrote {len(shards)} shards to {run.output}; join them with "
                "`crosscheck index merge SHARDS... -o INDEX`",
                err=True,
            )
            return EXIT_OK
        merge(sorted(Path(s) for s in shards), output, rules).close()
        if shard_dir is None:
            shutil.rmtree(folder, ignore_errors=True)
    else:
        if passed:
            raise CheckerError("options after -- are Beam pipeline options: use --engine beam")
        build_index(
            list(paths), output, Toolkit(rules), jobs, int(max_size * 1e6), _progress(quiet)
        )
    if not quiet:
        _echo_info(output, rules, time.perf_counter() - start)
    return EXIT_OK


def _absolute(path: Path) -> str:
    """A local path made absolute (Beam's workers may run elsewhere), a URL as it is."""
    url = location(path)
    return url if "://" in url else str(path.resolve())


def _echo_info(path: Path, rules: Ruleset, seconds: float | None = None) -> None:
    facts = index_info(path, rules)
    took = f" in {seconds:.1f} s" if seconds is not None else ""
    click.echo(
        f"{path}: {facts['documents']:,} documents, {facts['claims']:,} claims in "
        f"{facts['blocks']:,} blocks, {facts['bytes'] / 1e6:.1f} MB{took}",
        err=True,
    )


@index_group.command("update")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-i",
    "--index",
    "index_file",
    type=click.Path(path_type=Path),
    default=INDEX_FILE,
    show_default=True,
    help="The index to update.",
)
@scale_options
@rules_option
@quiet_option
def index_update(
    paths: tuple[Path, ...],
    index_file: Path,
    jobs: int,
    max_size: float,
    rules_dir: Path | None,
    quiet: bool,
) -> int:
    """Make the index hold the documents under PATHS as they are now (name the same PATHS
    as the build): new ones are added, changed ones (by content hash) replaced, vanished
    ones removed; unchanged ones are not read again."""
    rules = _rules(rules_dir)
    done = update_index(
        list(paths), index_file, Toolkit(rules), jobs, int(max_size * 1e6), _progress(quiet)
    )
    if not quiet:
        click.echo(
            f"{done.added} added, {done.replaced} replaced, {done.removed} removed, "
            f"{done.unchanged} unchanged",
            err=True,
        )
    return EXIT_OK


@index_group.command("info")
@click.argument("index_file", metavar="INDEX", type=click.Path(path_type=Path), default=INDEX_FILE)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@rules_option
def index_info_command(index_file: Path, fmt: str, rules_dir: Path | None) -> int:
    """Print the size of INDEX, its documents, claims and blocks, and the rules version it
    was built with (and whether they are the current rules)."""
    facts = index_info(index_file, _rules(rules_dir))
    if fmt == "json":
        click.echo(json.dumps(facts, indent=2))
        return EXIT_OK
    current = "current" if facts["rules_current"] else "NOT the current rules: build again"
    click.echo(
        f"index      {facts['index']}\n"
        f"size       {facts['bytes'] / 1e6:.1f} MB\n"
        f"documents  {facts['documents']:,}\n"
        f"claims     {facts['claims']:,} in {facts['blocks']:,} blocks\n"
        f"copies     {facts['links']:,} near-duplicate links\n"
        f"aliases    {facts['aliases']:,}\n"
        f"rules      {facts['rules']} ({current})\n"
        f"version    crosscheck {facts['version']}, index schema {facts['schema']}"
    )
    return EXIT_OK


@index_group.command("merge")
@click.argument("shards", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=INDEX_FILE,
    show_default=True,
    help="The index file to write (replaced if it exists).",
)
@rules_option
@quiet_option
def index_merge(shards: tuple[Path, ...], output: Path, rules_dir: Path | None, quiet: bool) -> int:
    """Join SHARDS (files or folders of crosscheck-index-*.sqlite, as `index build
    --engine beam` writes them) into one index."""
    files = sorted(
        f for s in shards for f in (s.glob("crosscheck-index-*.sqlite") if s.is_dir() else [s])
    )
    if not files:
        raise CheckerError("no shards to merge", hint="name the shard files or their folder")
    rules = _rules(rules_dir)
    merge(files, output, rules).close()
    if not quiet:
        _echo_info(output, rules)
    return EXIT_OK
