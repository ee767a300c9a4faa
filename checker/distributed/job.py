"""The record of one Beam run, apart from the package so that `checker.distributed.beam`
can read it without importing the package that imports it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BeamRun:
    """What `crosscheck check --engine beam` asks of the pipeline."""

    paths: tuple[str, ...]  # files, folders, or URLs Beam reads (gs://bucket/corpus)
    output: str  # a folder or a URL: the report's shards and its summary go there
    runner: str = "DirectRunner"
    beam_args: tuple[str, ...] = ()  # further Beam pipeline options, passed as they are
    rules_dir: Path | None = None  # None: the rules shipped in the package
    select: tuple[str, ...] = ()  # the checks to run; empty: all
    max_bytes: int | None = None
    split_above: int = 20_000  # blocks with more claims are split by metric group


@dataclass(frozen=True)
class IndexRun:
    """What `crosscheck index build --engine beam` asks of the pipeline: the documents'
    index rows written as `shards` SQLite files into a folder (or a URL), which
    `index merge` joins into one index."""

    paths: tuple[str, ...]  # absolute local paths, or URLs
    output: str  # the folder the shards go to
    runner: str = "DirectRunner"
    beam_args: tuple[str, ...] = ()
    rules_dir: Path | None = None
    max_bytes: int | None = None
    shards: int = 4


# Runners Beam does not know by their short name
RUNNER_PATHS = {"DaskRunner": "apache_beam.runners.dask.dask_runner.DaskRunner"}
