"""The vague_citation check: figures attributed only by 数据显示-style cues."""

from __future__ import annotations

from checker.checks.compose import by_sentence
from checker.checks.prepared import Check, CheckInput
from checker.models import Finding


def check_vague_citation(inp: CheckInput) -> list[Finding]:
    """**What it flags**: figures attributed only by 数据显示-style cues, one finding per
    sentence.

    **Why it matters**: 数据显示 tells the reader there is a source without naming it.

    **Example**: 据不完全统计:截至2024年9月,武汉的高新技术企业超1.6万家。

    **Not flagged**: figures with a named source.

    **Tuning**: `vague` in rules/citations.toml.
    """
    return by_sentence(inp, "vague_citation", lambda c: c.citation.status == "vague")


CHECK = Check("vague_citation", "document", check_vague_citation)
