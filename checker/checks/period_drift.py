"""The period_drift check: one subject and metric with different values at different
times, or a target against an outcome."""

from __future__ import annotations

from checker.checks.clusters import value_groups
from checker.checks.compose import cluster_finding, surest
from checker.checks.prepared import Check, CheckInput
from checker.matching.match import SAME_TIME
from checker.models import Finding


def check_period_drift(inp: CheckInput) -> list[Finding]:
    """**What it flags**: the same subject and metric with different values at different
    times in different documents.

    **Why it matters**: usually a change over time, not an error, but an editor should
    quote the latest figure and its date.

    Also flags a target or forecast (到2030年, 预计, 有望, 目标) against an outcome for the
    same time, explained as `target vs outcome`.

    **Example**: 广东万亿级产业集群 9个 (目前, 2025-07) vs 8个 (2024).

    **Not flagged**: the same value at different times; values for the same time.

    **Tuning**: `implied_close_months` in rules/checks.toml decides when undated
    figures count as the same time.
    """
    rule = inp.rules.check("period_drift")
    findings = []
    for claims, links in inp.clusters(
        lambda m: m.period not in SAME_TIME and not m.agree and m.level != "event",
        copies=False,
    ):
        docs = {c.doc for c in claims}
        if len(docs) < 2:
            continue
        groups = value_groups(inp.matcher, claims)
        best = max(links, key=lambda m: m.similarity)
        findings.append(cluster_finding(inp, "period_drift", rule.severity, claims, groups, best))
    for claims, pairs in inp.statements:
        found = [d for d in pairs if d.relation == "target"]
        if not found:
            continue
        surest_match = surest(found).match
        groups = value_groups(inp.matcher, claims)
        note = (
            "a target or forecast against an outcome for the same time",
            "target vs outcome",
            "",
        )
        findings.append(
            cluster_finding(inp, "period_drift", rule.severity, claims, groups, surest_match, note)
        )
    return findings


CHECK = Check("period_drift", "block", check_period_drift)
