"""The source_quality check: documents that arrived spun, spammed, annotated or garbled."""

from __future__ import annotations

from checker.checks.compose import fields
from checker.checks.fingerprint import finding_id
from checker.checks.prepared import Check, CheckInput
from checker.models import Explanation, Extraction, Finding


def check_source_quality(inp: CheckInput) -> list[Finding]:
    """**What it flags**: documents that arrived machine-spun, with injected spam, damaged
    by pinyin annotations, with bytes that could not be decoded, or garbled (text that
    reads as mojibake in the best encoding found).

    **Why it matters**: such copies come from content farms; their figures are worth a
    second source even when they corroborate.

    **Example**: a document where 人 was spun into 东说念主 and 阿姨出租 was injected.

    **Not flagged**: Traditional script and full-width characters (ordinary encodings).

    **Tuning**: the detector thresholds in rules/despin.toml; what counts as garbled in
    rules/reading.toml.
    """
    rule = inp.rules.check("source_quality")
    findings = []
    for e in inp.extractions:
        damage = [d for d in e.document.damage if d in _SOURCE_DAMAGE]
        if not damage:
            continue
        repaired = [d for d in damage if d not in _READ_DAMAGE]
        detail = ", ".join(f"{d} ({e.repairs.get(_COUNT.get(d, d), 0)})" for d in repaired)
        detail = f"repaired {detail}; spin score {e.document.spin_score}" if repaired else ""
        read = [_read_detail(e, d) for d in damage if d in _READ_DAMAGE]
        detail = "; ".join([*read, detail] if detail else read)
        message = rule.message.format(**fields(doc=e.document.id, detail=detail))
        findings.append(
            Finding(
                id=finding_id(["source_quality", e.document.id, *damage]),
                kind="source_quality",
                severity=rule.severity,
                claims=[],
                docs=[e.document.id],
                message=message,
                explanation=Explanation(detail=detail),
            )
        )
    return findings


_COUNT = {"spun": "spun-edits"}
_READ_DAMAGE = ("undecodable-bytes", "garbled")  # found when the file was read
_SOURCE_DAMAGE = ("spun", "spam", "pinyin-annotation", *_READ_DAMAGE)


def _read_detail(e: Extraction, damage: str) -> str:
    if damage == "garbled":
        encoding = e.document.encoding
        return f"garbled text as read in {encoding}: its claims are kept out of matching"
    n = e.repairs.get(damage, 0)
    many = "s" if n != 1 else ""
    return f"{n} undecodable byte{many} replaced (their sentences' claims kept out of matching)"


CHECK = Check("source_quality", "document", check_source_quality)
