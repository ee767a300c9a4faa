"""The options several commands share, the rules they load and the progress they show."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

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


def quiet_option(func: F) -> F:
    return click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")(func)


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
