"""The conflict check: incompatible values for one subject, metric and time."""

from __future__ import annotations

from checker.checks.clusters import value_groups
from checker.checks.compose import cluster_finding, surest
from checker.checks.prepared import Check, CheckInput
from checker.matching.align import Aligned
from checker.matching.match import Match
from checker.models import Finding


def check_conflict(inp: CheckInput) -> list[Finding]:
    """**What it flags**: two documents give incompatible values for the same subject,
    metric and period, and neither also states the other's value; or two copies of one
    article (a reprint) give the same sentence with a different figure.

    **Why it matters**: at most one of them can be right; the editor should know before
    publishing either figure. A reprint that changed a figure is the strongest case.

    **Example**: 广东发明专利有效量 截至2025年2月底 突破80万件 in one article and 60万件 in another.

    **Not flagged**: values whose intervals overlap (7万多 vs 超7.6万; 706.9亿 vs 707亿),
    values for different periods (see period_drift), a target or forecast against an
    outcome (period_drift), a preliminary figure against a final one (revision), metrics
    matched only fuzzily, a figure the other document also states among others, surface
    variants in copies (80万 = 八十万, 1.7万亿 = 17000亿, 60% = 百分之六十, either script).

    **Tuning**: `[matching]` in rules/checks.toml: `conflict_min_similarity`,
    `implied_close_months`, `copy_sentence_similarity`; a metric's `tolerance` in
    rules/metrics.toml; `[statements]` cue words.
    """
    rule = inp.rules.check("conflict")
    findings = [_copy_finding(inp, rule.severity, d) for d in inp.copy_changes]
    for claims, pairs in inp.statements:
        found = [d for d in pairs if d.relation == "conflict"]
        if not found:
            continue
        stated = any(d.match.period in ("same", "overlapping") for d in found)
        severity = rule.severity if stated else (rule.implied_severity or rule.severity)
        best = surest(found).match
        groups = value_groups(inp.matcher, claims)
        findings.append(cluster_finding(inp, "conflict", severity, claims, groups, best))
    return findings


def _copy_finding(inp: CheckInput, severity: str, d: Aligned) -> Finding:
    a, b = d.a, d.b
    gap = inp.matcher.values(a, b)[1]
    match = Match("aligned sentence", d.similarity, "same", False, gap)
    detail = (
        f"the same sentence in both documents (copies; {d.similarity:.2f} alike with numbers "
        f"masked) gives {a.value.text} in {a.doc} and {b.value.text} in {b.doc}"
    )
    note = (detail, None, "copy")
    return cluster_finding(inp, "conflict", severity, [a, b], [[a], [b]], match, note)


CHECK = Check("conflict", "block", check_conflict)
