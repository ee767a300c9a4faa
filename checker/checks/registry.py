"""The checks, one module each, in the fixed order they run and report in. Each declares
its finding kind and whether it reads one block of matched claims or one document
(`Check.scope`); the pipelines split the work by that scope."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from checker.checks import (
    conflict,
    corroboration,
    internal_conflict,
    period_drift,
    revision,
    source_quality,
    uncited,
    vague_citation,
)
from checker.checks.prepared import Check, CheckInput
from checker.models import Finding

REGISTRY: tuple[Check, ...] = (
    conflict.CHECK,
    period_drift.CHECK,
    revision.CHECK,
    corroboration.CHECK,
    internal_conflict.CHECK,
    uncited.CHECK,
    vague_citation.CHECK,
    source_quality.CHECK,
)

# finding kind → the function that makes its findings (its docstring documents the check)
CHECKS: dict[str, Callable[[CheckInput], list[Finding]]] = {c.kind: c.run for c in REGISTRY}


def selected(select: Iterable[str] | None = None) -> list[Check]:
    """The checks named in `select` (all by default), in registry order."""
    chosen = None if select is None else set(select)
    return [c for c in REGISTRY if chosen is None or c.kind in chosen]
