"""reading.toml: decoding, the garbled-text test and its frequency list."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

from checker.ruleset.base import NonEmpty, Rule
from checker.ruleset.locate import show


def text_encoding(name: str) -> str:
    """`name` if Python can decode text with it (its canonical name), else ValueError."""
    import codecs

    try:
        b"".decode(name)
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown text encoding {name!r}") from None


Encoding = Annotated[str, AfterValidator(text_encoding)]


class DecodeRules(Rule):
    candidates: list[Encoding]
    encoding: Encoding | None = None  # read every file in this encoding (--encoding)
    max_damaged_share: float = Field(0.15, ge=0, le=1)
    max_nul_share: float = Field(0.01, ge=0, le=1)
    max_undecodable_share: float = Field(0.3, ge=0, le=1)
    min_common_share_wide: float = Field(0.25, ge=0, le=1)


class GarbledRules(Rule):
    frequency_list: NonEmpty
    max_rare_share: float = Field(0.25, ge=0, le=1)
    min_chars: int = Field(20, ge=1)
    sample_chars: int = Field(20000, ge=1)


class WarmUp(Rule):
    """A document analysed before the corpus (rules/reading.toml [warm_up])."""

    text: NonEmpty


class ReadingFile(Rule):
    decode: DecodeRules
    garbled: GarbledRules
    warm_up: WarmUp
    characters: str = ""  # the frequency list's characters, filled in when it is loaded


HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def with_frequency_list(directory: Path, reading: Rule, problems: list[str]) -> Rule:
    """reading.toml with the characters of its frequency list (one Han character a line;
    `#` comments and blank lines skipped), each bad line reported with its number."""
    assert isinstance(reading, ReadingFile)
    path = directory / reading.garbled.frequency_list
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{show(path)}: frequency list not readable ({exc})")
        return reading
    seen: set[str] = set()
    for n, line in enumerate(raw.splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if not HAN_CHAR.fullmatch(entry):
            problems.append(f"{show(path)}:{n}: {entry!r} is not one Chinese character")
        elif entry in seen:
            problems.append(f"{show(path)}:{n}: {entry!r} is listed twice")
        seen.add(entry)
    return reading.model_copy(update={"characters": "".join(sorted(seen))})
