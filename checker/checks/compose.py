"""How checks write findings: a finding over a cluster of claims, one per sentence of
claims, and the message fields, signatures and times they share. Severities and messages
come from rules/checks.toml; messages state facts, never verdicts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from checker.checks.fingerprint import finding_id
from checker.checks.prepared import FIGURE_KINDS, CheckInput
from checker.checks.statements import Disagreement
from checker.matching.match import Match
from checker.models import Claim, Explanation, Finding, trusted


def fields(**given: object) -> dict[str, object]:
    """Every message placeholder, empty unless given."""
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


def claim_key(inp: CheckInput, claim_id: str) -> str:
    return signature(inp.by_id[claim_id])


def signature(c: Claim) -> str:
    """What identifies a claim across runs and line moves: not its offsets or number."""
    subject = c.subject.id or c.subject.name if c.subject else ""
    return "|".join(
        [c.doc, subject, c.metric.id or c.metric.name, c.kind, c.value.text, c.period.label or ""]
    )


def shown(c: Claim) -> str:
    """A claim's value as written, with the sign its word of change gave it (下降4.5% → −4.5%)."""
    signed = "decrease" in c.flags and not c.value.text.startswith(("-", "−"))
    return f"−{c.value.text}" if signed else c.value.text


def when(inp: CheckInput, c: Claim) -> str:
    """A claim's time as findings show it: its stated period, else its document's date."""
    known = inp.when.get(c.id)
    if known is None:
        if c.period.kind not in ("unstated", "implied") and c.period.label:
            known = c.period.label
        else:
            known = inp.dates.get(c.doc) or "undated"
        inp.when[c.id] = known
    return known


def surest(found: list[Disagreement]) -> Disagreement:
    """The surest of disagreeing pairs: the most similar metrics, then the smallest gap."""
    return max(found, key=lambda d: (d.match.similarity, -d.match.gap, d.a.id, d.b.id))


def cluster_finding(
    inp: CheckInput,
    kind: str,
    severity: str,
    claims: list[Claim],
    groups: list[list[Claim]],
    best: Match,
    note: tuple[str, str | None, str] | None = None,
) -> Finding:
    """One finding over a cluster. `note` (detail, period relation, fingerprint tag) adds
    an explanation of its own: a revision, a target against an outcome, a changed copy."""
    rule = inp.rules.check(kind)
    detail, relation, tag = note or (best.via or None, None, "")
    first = claims[0]
    subject = first.subject.name if first.subject else "?"
    metric = first.metric.name
    values = " vs ".join(
        "; ".join(f"{shown(c)} ({c.doc}, {when(inp, c)})" for c in g) for g in groups
    )
    docs = sorted({c.doc for c in claims})
    periods = ", ".join(sorted({when(inp, c) for c in claims}))
    families = len({inp.families[d] for d in docs})
    template = rule.target_message if relation == "target vs outcome" else None
    if best.via and note is None:
        template = rule.alias_message  # metrics matched through a figure the corpus shares
    message = (template or rule.message).format(
        **fields(
            subject=subject,
            metric=metric,
            values=values,
            docs=", ".join(docs),
            periods=periods,
            count=families,
            detail=detail or "",
        )
    )
    sign = [kind, *sorted(signature(c) for c in claims)] + ([tag] if tag else [])
    return trusted(  # made here, typed here: no validation on this path
        Finding,
        id=finding_id(sign),
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
            period_relation=relation or best.period,
            subject=subject,
            detail=detail,
        ),
    )


def by_sentence(inp: CheckInput, kind: str, keep: Callable[[Claim], bool]) -> list[Finding]:
    """One finding per sentence with figures that `keep` accepts."""
    rule = inp.rules.check(kind)
    sentences: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in inp.claims:
        if c.kind in FIGURE_KINDS and keep(c):
            sentences[(c.doc, c.quote)].append(c)
    findings = []
    for (doc, quote), claims in sorted(sentences.items()):
        values = rule.value_separator.join(c.value.text for c in claims)
        detail = claims[0].citation.text or ""
        message = rule.message.format(
            **fields(doc=doc, count=len(claims), values=values, detail=detail)
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
