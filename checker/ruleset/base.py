"""The base of every rules model: frozen, strict, unknown keys forbidden; shared field types."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return pattern


Pattern = Annotated[str, AfterValidator(_compiles)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


class Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)
