"""The check on Apache Beam: the same stages as the local engine, distributed by a runner.

Only `checker.distributed.beam` imports Beam (installed with `pip install
'crosscheck[beam]'`); this module checks that it can, so that a missing extra is one
clear line and nothing else in the package needs Beam.
"""

from __future__ import annotations

import re
from pathlib import Path

from checker.distributed.job import RUNNER_PATHS, BeamRun, IndexRun
from checker.errors import CheckerError

RUNNERS = (
    "DirectRunner",
    "PrismRunner",
    "FlinkRunner",
    "SparkRunner",
    "DataflowRunner",
    "DaskRunner",
)
__all__ = [
    "MISSING",
    "RUNNERS",
    "RUNNER_PATHS",
    "BeamRun",
    "IndexRun",
    "location",
    "run_beam",
    "run_index_beam",
]
MISSING = "--engine beam needs Apache Beam, which is not installed: pip install 'crosscheck[beam]'"


def location(path: Path | str) -> str:
    """A path as given on the command line: `gs://b/x` stays a URL (a `Path` makes it
    `gs:/b/x`)."""
    return re.sub(r"^([a-z][a-z0-9+.-]+):/(?!/)", r"\1://", str(path))


def run_beam(run: BeamRun) -> dict[str, int]:
    """Run the check on Beam and wait for it; the findings counted by severity."""
    try:
        from checker.distributed.beam import run_pipeline
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] == "apache_beam":
            raise CheckerError(MISSING) from None
        raise
    return run_pipeline(run)


def run_index_beam(run: IndexRun) -> list[str]:
    """Run the index pipeline and wait for it; the shards written."""
    try:
        from checker.distributed.beam import run_index_pipeline
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] == "apache_beam":
            raise CheckerError(
                MISSING.replace("--engine beam", "index build --engine beam")
            ) from None
        raise
    return run_index_pipeline(run)
