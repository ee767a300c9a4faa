"""The revision check: a preliminary figure and a final one for one subject, metric and time."""

from __future__ import annotations

from checker.checks.clusters import value_groups
from checker.checks.compose import cluster_finding, surest
from checker.checks.prepared import Check, CheckInput
from checker.checks.statements import newer
from checker.models import Finding


def check_revision(inp: CheckInput) -> list[Finding]:
    """**What it flags**: a preliminary figure (初步核算, 快报) and a final or revised one
    (最终核实, 修订为, 年报) for the same subject, metric and period, in different documents.

    **Why it matters**: the figures differ for a reason; an editor should quote the newer
    one and may say that it was revised.

    **Example**: 福建2023年生产总值初步核算为54720亿元 in one bulletin and 福建2023年生产总值修订为
    55310亿元 in the next.

    **Not flagged**: figures that agree; disagreements with no preliminary or final cue
    (conflict).

    **Tuning**: `preliminary_cues` and `final_cues` in `[statements]` of rules/checks.toml.
    """
    rule = inp.rules.check("revision")
    findings = []
    for claims, pairs in inp.statements:
        found = [d for d in pairs if d.relation == "revision"]
        if not found:
            continue
        best = surest(found)
        final = newer(best.a, best.b, inp.rules.checks.statements)
        detail = f"the final figure is {final.value.text} ({final.doc})"
        groups = value_groups(inp.matcher, claims)
        note = (detail, "preliminary vs final", "")
        findings.append(
            cluster_finding(inp, "revision", rule.severity, claims, groups, best.match, note)
        )
    return findings


CHECK = Check("revision", "block", check_revision)
