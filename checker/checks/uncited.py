"""The uncited check: figures with no attribution at all."""

from __future__ import annotations

from checker.checks.compose import by_sentence
from checker.checks.prepared import Check, CheckInput
from checker.models import Finding


def check_uncited(inp: CheckInput) -> list[Finding]:
    """**What it flags**: figures with no attribution at all, one finding per sentence.

    **Why it matters**: a number without a source cannot be verified by a reader.

    **Example**: 2022年,成都人工智能产业规模达到700亿元。

    **Not flagged**: dates of events and firsts (唯一, 首个); figures whose source is named
    in the sentence or carried from the previous one.

    **Tuning**: named and vague cues in rules/citations.toml.
    """
    return by_sentence(inp, "uncited", lambda c: c.citation.status == "none")


CHECK = Check("uncited", "document", check_uncited)
