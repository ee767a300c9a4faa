"""Accepted findings: a TOML file of fingerprints the gate stays quiet about."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from checker.errors import InputError
from checker.models import Finding


class Accepted(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: str
    docs: list[str] = []
    values: str = ""
    reason: str = ""
    # what an editor decided (`crosscheck review` writes these; a plain baseline entry is
    # an accepted finding): accepted and dismissed findings are left out of reports,
    # flagged ones stay visible
    decision: Literal["accepted", "dismissed", "flagged"] = "accepted"
    who: str = ""
    date: str = ""


class Baseline(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    accepted: list[Accepted] = []

    def quiet(self) -> set[str]:
        """Ids of the findings reports leave out: accepted or dismissed, not flagged."""
        return {a.id for a in self.accepted if a.decision != "flagged"}


def render_baseline(findings: list[Finding]) -> str:
    lines = [
        "# crosscheck baseline: findings accepted by the editors. The gate ignores them.",
        "# Fill in `reason` for each entry; remove an entry to be reminded again.",
        "",
    ]
    for f in findings:
        lines += [
            "[[accepted]]",
            f"id = {json.dumps(f.id)}",
            f"kind = {json.dumps(f.kind)}",
            f"docs = {json.dumps(f.docs, ensure_ascii=False)}",
            f"values = {json.dumps(f.message, ensure_ascii=False)}",
            'reason = ""',
            "",
        ]
    return "\n".join(lines)


def read_baseline(path: Path) -> Baseline:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"no baseline file at {path}",
            hint="create one with `crosscheck baseline CORPUS -o FILE`",
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from None
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(
            f"{path}: {where}: {first['msg']}",
            hint="entries take id, kind, docs, values, reason, decision, who, date",
        ) from None
