"""Checks: one function per finding kind, registered in one explicit dict, `CHECKS`.

Every check reads the same prepared input (claims, their pairwise matches inside blocks,
copies of documents) and returns findings. Severities and messages come from
rules/checks.toml; messages state facts, never verdicts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from checker.checks.fingerprint import finding_id
from checker.matching.disjoint import DisjointSets
from checker.matching.match import SAME_TIME, Match, Matcher
from checker.models import (
    Claim,
    Explanation,
    Extraction,
    Finding,
    InternalCheck,
    trusted,
)
from checker.ruleset import Ruleset

FIGURE_KINDS = {"amount", "count", "percent", "fraction", "ratio", "rank", "streak"}


@dataclass
class CheckInput:
    """Everything the checks read, computed once."""

    rules: Ruleset
    extractions: list[Extraction]
    matcher: Matcher
    families: dict[str, int]  # document id → copy family (near-duplicates share one)
    matches: list[tuple[Claim, Claim, Match]] = field(
        default_factory=list
    )  # between representatives
    classes: list[list[Claim]] = field(
        default_factory=list
    )  # claims saying the same, representative first

    @cached_property
    def members(self) -> dict[str, list[Claim]]:
        return {c[0].id: c for c in self.classes}

    @cached_property
    def claims(self) -> list[Claim]:
        return [c for e in self.extractions for c in e.claims]

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    @cached_property
    def dates(self) -> dict[str, str | None]:
        return {e.document.id: e.document.date for e in self.extractions}

    @cached_property
    def spanning(self) -> list[list[Claim]]:
        """The classes of identical claims made in more than one document."""
        return [cls for cls in self.classes if len({c.doc for c in cls}) > 1]

    @cached_property
    def when(self) -> dict[str, str]:
        """Each claim's time as findings show it (see `_when`); filled as asked."""
        return {}

    @cached_property
    def internal(self) -> list[InternalCheck]:
        return [r for e in self.extractions for r in e.checks]


# ---- clusters ------------------------------------------------------------------------


def _clusters(
    inp: CheckInput, keep: Callable[[Match], bool], copies: bool = True
) -> list[tuple[list[Claim], list[Match]]]:
    """Connected components of the pairs `keep` accepts, with the matches inside them.
    Each representative stands for its class of identical claims; with `copies`, a class
    spanning several documents is a cluster even without other matches."""
    sets: DisjointSets[str] = DisjointSets()
    kept = [(a, b, m) for a, b, m in inp.matches if keep(m)]
    for a, b, _ in kept:
        sets.union(a.id, b.id)
    reps: dict[str, set[str]] = defaultdict(set)
    links: dict[str, list[Match]] = defaultdict(list)
    for a, b, m in kept:
        root = sets.find(a.id)
        reps[root] |= {a.id, b.id}
        links[root].append(m)
    if copies:
        for cls in inp.spanning:
            if cls[0].id not in sets:
                reps[cls[0].id].add(cls[0].id)
                level = "metric id" if cls[0].metric.id else "metric alias"
                links[cls[0].id].append(Match(level, 1.0, "same", True, 0.0))
    out = []
    for root in sorted(reps):
        claims = [c for rep in reps[root] for c in inp.members[rep]]
        out.append((sorted(claims, key=lambda c: c.id), links[root]))
    return out


def _groups(inp: CheckInput, claims: list[Claim]) -> list[list[Claim]]:
    """Split a cluster into groups whose values all agree (sorted by value): each claim
    joins the first group whose common interval it overlaps. Claims come in order of
    their lower bounds, so a group whose interval ends below one claim's lower bound can
    take no later claim either and is no longer searched."""
    groups: list[list[Claim]] = []
    bounds: list[tuple[float, float]] = []  # each group's common interval
    alive: list[int] = []  # the groups that may still take a claim, oldest first
    for (lo, hi), _, c in sorted((inp.matcher.comparable(c), c.id, c) for c in claims):
        alive = [i for i in alive if bounds[i][1] >= lo]
        for i in alive:
            glo, ghi = bounds[i]
            if glo <= hi:  # and ghi >= lo, as for every live group
                bounds[i] = (max(lo, glo), min(hi, ghi))
                groups[i].append(c)
                break
        else:
            alive.append(len(groups))
            bounds.append((lo, hi))
            groups.append([c])
    return groups


def check_conflict(inp: CheckInput) -> list[Finding]:
    """**What it flags**: two or more documents give incompatible values for the same
    subject, metric and period.

    **Why it matters**: at most one of them can be right; the editor should know before
    publishing either figure.

    **Example**: 广东发明专利有效量 截至2025年2月底 突破80万件 in one article and 60万件 in another.

    **Not flagged**: values whose intervals overlap (7万多 vs 超7.6万; 706.9亿 vs 707亿),
    values for different periods (see period_drift), metrics matched only fuzzily.

    **Tuning**: `[matching]` in rules/checks.toml: `conflict_min_similarity`,
    `implied_close_months`; a metric's `tolerance` in rules/metrics.toml.
    """
    rule = inp.rules.check("conflict")
    strong = inp.rules.checks.matching.conflict_min_similarity / 100
    findings = []
    for claims, links in _clusters(inp, lambda m: m.period in SAME_TIME and m.level != "event"):
        groups = _groups(inp, claims)
        docs = sorted({c.doc for c in claims})
        if len(groups) < 2 or len(docs) < 2 or not _cross_docs(groups):
            continue
        disagreeing = [m for m in links if not m.agree]
        if not disagreeing or max(m.similarity for m in disagreeing) < strong:
            continue
        stated = any(m.period in ("same", "overlapping") for m in disagreeing)
        severity = rule.severity if stated else (rule.implied_severity or rule.severity)
        best = max(disagreeing, key=lambda m: (m.similarity, -m.gap))
        findings.append(_cluster_finding(inp, "conflict", severity, claims, groups, best))
    return findings


def _cross_docs(groups: list[list[Claim]]) -> bool:
    """A conflict needs two documents, each consistent with itself, that disagree. A
    document whose own figures fall in several groups says nothing about the others."""
    seen: dict[str, set[int]] = {}
    for i, g in enumerate(groups):
        for c in g:
            seen.setdefault(c.doc, set()).add(i)
    consistent = {next(iter(ix)) for ix in seen.values() if len(ix) == 1}
    return len(consistent) >= 2


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
    for claims, links in _clusters(inp, lambda m: m.period in SAME_TIME and m.agree):
        groups = _groups(inp, claims)
        families = {inp.families[c.doc] for c in claims}
        if len(groups) != 1 or len(families) < 2:
            continue
        best = max(links, key=lambda m: m.similarity)
        findings.append(_cluster_finding(inp, "corroboration", rule.severity, claims, groups, best))
    return findings


def check_period_drift(inp: CheckInput) -> list[Finding]:
    """**What it flags**: the same subject and metric with different values at different
    times in different documents.

    **Why it matters**: usually a change over time, not an error, but an editor should
    quote the latest figure and its date.

    **Example**: 广东万亿级产业集群 9个 (目前, 2025-07) vs 8个 (2024).

    **Not flagged**: the same value at different times; values for the same time.

    **Tuning**: `implied_close_months` in rules/checks.toml decides when undated
    figures count as the same time.
    """
    rule = inp.rules.check("period_drift")
    findings = []
    for claims, links in _clusters(
        inp,
        lambda m: m.period not in SAME_TIME and not m.agree and m.level != "event",
        copies=False,
    ):
        docs = {c.doc for c in claims}
        if len(docs) < 2:
            continue
        groups = _groups(inp, claims)
        best = max(links, key=lambda m: m.similarity)
        findings.append(_cluster_finding(inp, "period_drift", rule.severity, claims, groups, best))
    return findings


def check_internal_conflict(inp: CheckInput) -> list[Finding]:
    """**What it flags**: a document's own numbers do not add up: a share that does not
    match its counts, a total that is not the sum its parts imply.

    **Why it matters**: arithmetic inside one article is checkable without any other
    source, and a mismatch usually means a typo or a misread table.

    **Example**: 北京166家 of a 500-company list said to be 近三分之一 (consistent: 33.2%).

    **Not flagged**: checks whose parts are not all stated in the document; consistent
    results (they are listed under `checks` in the JSON report).

    **Tuning**: `open_bound_factor` in rules/checks.toml.
    """
    rule = inp.rules.check("internal_conflict")
    findings = []
    for r in inp.internal:
        if r.consistent:
            continue
        message = rule.message.format(**_fields(doc=r.doc, detail=r.detail))
        signature = ["internal", r.kind, r.doc, *sorted(_claim_key(inp, i) for i in r.claims)]
        findings.append(
            Finding(
                id=finding_id(signature),
                kind="internal_conflict",
                severity=rule.severity,
                claims=r.claims,
                docs=[r.doc],
                message=message,
                explanation=Explanation(detail=r.detail),
            )
        )
    return findings


def check_uncited(inp: CheckInput) -> list[Finding]:
    """**What it flags**: figures with no attribution at all, one finding per sentence.

    **Why it matters**: a number without a source cannot be verified by a reader.

    **Example**: 2022年,成都人工智能产业规模达到700亿元。

    **Not flagged**: dates of events and firsts (唯一, 首个); figures whose source is named
    in the sentence or carried from the previous one.

    **Tuning**: named and vague cues in rules/citations.toml.
    """
    return _by_sentence(inp, "uncited", lambda c: c.citation.status == "none")


def check_vague_citation(inp: CheckInput) -> list[Finding]:
    """**What it flags**: figures attributed only by 数据显示-style cues, one finding per
    sentence.

    **Why it matters**: 数据显示 tells the reader there is a source without naming it.

    **Example**: 数据显示,截至2024年6月,武汉高新技术企业超1.5万家。

    **Not flagged**: figures with a named source.

    **Tuning**: `vague` in rules/citations.toml.
    """
    return _by_sentence(inp, "vague_citation", lambda c: c.citation.status == "vague")


def check_source_quality(inp: CheckInput) -> list[Finding]:
    """**What it flags**: documents that arrived machine-spun, with injected spam, or
    damaged by pinyin annotations.

    **Why it matters**: such copies come from content farms; their figures are worth a
    second source even when they corroborate.

    **Example**: a document where 人 was spun into 东说念主 and 阿姨出租 was injected.

    **Not flagged**: Traditional script and full-width characters (ordinary encodings).

    **Tuning**: the detector thresholds in rules/despin.toml.
    """
    rule = inp.rules.check("source_quality")
    findings = []
    for e in inp.extractions:
        damage = [d for d in e.document.damage if d in ("spun", "spam", "pinyin-annotation")]
        if not damage:
            continue
        detail = ", ".join(f"{d} ({e.repairs.get(_COUNT.get(d, d), 0)})" for d in damage)
        detail = f"repaired {detail}; spin score {e.document.spin_score}"
        message = rule.message.format(**_fields(doc=e.document.id, detail=detail))
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


CHECKS: dict[str, Callable[[CheckInput], list[Finding]]] = {
    "conflict": check_conflict,
    "period_drift": check_period_drift,
    "corroboration": check_corroboration,
    "internal_conflict": check_internal_conflict,
    "uncited": check_uncited,
    "vague_citation": check_vague_citation,
    "source_quality": check_source_quality,
}


# ---- helpers ---------------------------------------------------------------------------


def _fields(**given: object) -> dict[str, object]:
    base: dict[str, object] = {
        "subject": "",
        "metric": "",
        "values": "",
        "docs": "",
        "periods": "",
        "count": 0,
        "doc": "",
        "detail": "",
    }
    base.update(given)
    return base


def _claim_key(inp: CheckInput, claim_id: str) -> str:
    return _signature(inp.by_id[claim_id])


def _signature(c: Claim) -> str:
    """What identifies a claim across runs and line moves: not its offsets or number."""
    subject = c.subject.id or c.subject.name if c.subject else ""
    return "|".join(
        [c.doc, subject, c.metric.id or c.metric.name, c.kind, c.value.text, c.period.label or ""]
    )


def _shown(c: Claim) -> str:
    """A claim's value as written, with the sign its word of change gave it (下降4.5% → −4.5%)."""
    signed = "decrease" in c.flags and not c.value.text.startswith(("-", "−"))
    return f"−{c.value.text}" if signed else c.value.text


def _when(inp: CheckInput, c: Claim) -> str:
    known = inp.when.get(c.id)
    if known is None:
        if c.period.kind not in ("unstated", "implied") and c.period.label:
            known = c.period.label
        else:
            known = inp.dates.get(c.doc) or "undated"
        inp.when[c.id] = known
    return known


def _cluster_finding(
    inp: CheckInput,
    kind: str,
    severity: str,
    claims: list[Claim],
    groups: list[list[Claim]],
    best: Match,
) -> Finding:
    rule = inp.rules.check(kind)
    first = claims[0]
    subject = first.subject.name if first.subject else "?"
    metric = first.metric.name
    values = " vs ".join(
        "; ".join(f"{_shown(c)} ({c.doc}, {_when(inp, c)})" for c in g) for g in groups
    )
    docs = sorted({c.doc for c in claims})
    periods = ", ".join(sorted({_when(inp, c) for c in claims}))
    families = len({inp.families[d] for d in docs})
    message = rule.message.format(
        **_fields(
            subject=subject,
            metric=metric,
            values=values,
            docs=", ".join(docs),
            periods=periods,
            count=families,
        )
    )
    signature = [kind, *sorted(_signature(c) for c in claims)]
    return trusted(  # made here, typed here: no validation on this path
        Finding,
        id=finding_id(signature),
        kind=kind,
        severity=severity,
        claims=[c.id for c in claims],
        groups=[[c.id for c in g] for g in groups],
        docs=docs,
        message=message,
        explanation=trusted(
            Explanation,
            level=best.level,
            metric_similarity=float(round(best.similarity, 3)),
            value_gap=float(best.gap),
            period_relation=best.period,
            subject=subject,
        ),
    )


def _by_sentence(inp: CheckInput, kind: str, keep: Callable[[Claim], bool]) -> list[Finding]:
    rule = inp.rules.check(kind)
    by_sentence: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in inp.claims:
        if c.kind in FIGURE_KINDS and keep(c):
            by_sentence[(c.doc, c.quote)].append(c)
    findings = []
    for (doc, quote), claims in sorted(by_sentence.items()):
        values = "、".join(c.value.text for c in claims)
        detail = claims[0].citation.text or ""
        message = rule.message.format(
            **_fields(doc=doc, count=len(claims), values=values, detail=detail)
        )
        findings.append(
            trusted(
                Finding,
                id=finding_id([kind, doc, quote]),
                kind=kind,
                severity=rule.severity,
                claims=[c.id for c in claims],
                docs=[doc],
                message=message,
                explanation=trusted(Explanation, detail=quote),
            )
        )
    return findings
