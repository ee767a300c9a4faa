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
