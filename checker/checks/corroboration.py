"""The corroboration check: independent sources agreeing on a figure."""

from __future__ import annotations

from checker.checks.clusters import value_groups
from checker.checks.compose import cluster_finding
from checker.checks.prepared import Check, CheckInput
from checker.matching.match import SAME_TIME
from checker.models import Finding


def check_corroboration(inp: CheckInput) -> list[Finding]:
    """**What it flags**: two or more independent sources agree on a figure.

    **Why it matters**: an editor can cite the figure with more confidence, and knows
    where else it appears.

    **Example**: 7万多家 (one article) and 超7.6万家 (another) for 广东高新技术企业.

    **Not flagged**: agreement between copies of one article (reprints and syndication
    count once), figures with no subject.

    **Tuning**: `near_duplicate` and `min_metric_similarity` in rules/checks.toml.
    """
    rule = inp.rules.check("corroboration")
    findings = []
    for claims, links in inp.clusters(lambda m: m.period in SAME_TIME and m.agree):
        best = max(links, key=lambda m: m.similarity)
        # a chain of agreeing values may span two groups
        for group in value_groups(inp.matcher, claims):
            if len({inp.families[c.doc] for c in group}) < 2:
                continue
            findings.append(
                cluster_finding(
                    inp,
                    "corroboration",
                    rule.severity,
                    sorted(group, key=lambda c: c.id),
                    [group],
                    best,
                )
            )
    return findings


CHECK = Check("corroboration", "block", check_corroboration)
