"""The internal_conflict check: a document's own numbers that do not add up, or that
state one subject, metric and time with incompatible values."""

from __future__ import annotations

import re

from checker.checks.compose import claim_key, fields, signature, when
from checker.checks.fingerprint import finding_id
from checker.checks.prepared import Check, CheckInput
from checker.checks.spans import parts_exceeding_spans, spans_not_adding_up
from checker.checks.statements import Disagreement
from checker.checks.totals import totals_not_adding_up
from checker.models import Claim, Explanation, Finding, trusted


def check_internal_conflict(inp: CheckInput) -> list[Finding]:
    """**What it flags**: a document's own numbers do not add up: a share that does not
    match its counts, a total that is not the sum its parts imply, figures for stretches of
    time that make up a longer one (上半年 and 下半年) that do not add up to its figure; or
    the document states one subject, metric and time with incompatible values in two
    sentences.

    **Why it matters**: arithmetic inside one article is checkable without any other
    source, and a mismatch usually means a typo or a misread table.

    **Example**: 北京166家 of a 500-company list said to be 近三分之一 (consistent: 33.2%);
    2月进口1204万吨 against 1-2月累计进口2678吨 (a part of a span above the span).

    **Not flagged**: checks whose parts are not all stated in the document; consistent
    results (they are listed under `checks` in the JSON report); restatements that agree;
    two values in one sentence; a target or forecast beside an outcome; values explicitly
    about other periods.

    **Tuning**: `open_bound_factor` in rules/checks.toml.
    """
    rule = inp.rules.check("internal_conflict")
    findings = _contradictions(inp, rule.severity) + _spans_exceeded(inp, rule.severity)
    findings += _totals_missed(inp, rule.severity) + _span_sums(inp, rule.severity)
    for r in inp.internal:
        if r.consistent:
            continue
        message = rule.message.format(**fields(doc=r.doc, detail=r.detail))
        sign = ["internal", r.kind, r.doc, *sorted(claim_key(inp, i) for i in r.claims)]
        findings.append(
            Finding(
                id=finding_id(sign),
                kind="internal_conflict",
                severity=rule.severity,
                claims=r.claims,
                docs=[r.doc],
                message=message,
                explanation=Explanation(detail=r.detail),
            )
        )
    return findings


def _own_statements(inp: CheckInput) -> list[tuple[list[Claim], list[Disagreement]]]:
    """The statements of each document checked against the same document's other
    statements: its claims blocked and matched on their own (the check reads one
    document at a time)."""
    out = []
    kinds = set(inp.rules.checks.statements.internal_kinds)
    for e in inp.extractions:
        for block in inp.matcher.blocks(e.claims).values():
            ordered = any("order" in c.flags for c in block)  # 超越山东 … 仅次于…山东
            ordered = ordered or any("restated" in c.flags for c in block)  # …，约合1.4亿吨
            if not ordered and (block[0].kind not in kinds or len({c.quote for c in block}) < 2):
                continue  # a block of one kind; contradictions need two sentences
            _, classes = inp.matcher.block_matches(block)
            own = CheckInput(
                rules=inp.rules, extractions=[], matcher=inp.matcher, families={}, classes=classes
            )
            own.claims = block
            out += own.statements
    return out


def _contradictions(inp: CheckInput, severity: str) -> list[Finding]:
    """One finding per pair of statements of one document that disagree."""
    rule = inp.rules.check("internal_conflict")
    findings = []
    seen: set[tuple[str, str]] = set()
    for _, pairs in _own_statements(inp):
        for d in pairs:
            if d.relation != "internal":
                continue
            a, b = sorted((d.a, d.b), key=lambda c: c.span)
            if (a.id, b.id) in seen:
                continue
            seen.add((a.id, b.id))
            subject = a.subject.name if a.subject else "?"
            detail = (
                f"{subject} {a.metric.name}: {a.value.text} (line {a.line}) vs "
                f"{b.value.text} (line {b.line}) for {when(inp, a)}"
            )
            explanation = trusted(
                Explanation,
                level=d.match.level,
                metric_similarity=float(round(d.match.similarity, 3)),
                value_gap=float(d.match.gap),
                period_relation=d.match.period,
                subject=subject,
                detail=detail,
            )
            sign = ["internal", "statements", signature(a), signature(b)]
            findings.append(_pair_finding(rule.message, severity, sign, a, b, explanation))
    return findings


def _pair_finding(
    message: str, severity: str, sign: list[str], a: Claim, b: Claim, explanation: Explanation
) -> Finding:
    """An internal_conflict over two claims of one document, each a group of its own."""
    detail = explanation.detail or ""
    return trusted(
        Finding,
        id=finding_id(sign),
        kind="internal_conflict",
        severity=severity,
        claims=[a.id, b.id],
        groups=[[a.id], [b.id]],
        docs=[a.doc],
        message=message.format(**fields(doc=a.doc, detail=detail)),
        explanation=explanation,
    )


def _spans_exceeded(inp: CheckInput, severity: str) -> list[Finding]:
    """One finding per figure of a document above the figure for a span holding it."""
    rule = inp.rules.check("internal_conflict")
    findings = []
    for part, span in parts_exceeding_spans(inp):
        subject = part.subject.name if part.subject else "?"
        detail = (
            f"{subject} {part.metric.name}: {part.value.text} for {part.period.label} "
            f"(line {part.line}) is more than {span.value.text} for {span.period.label} "
            f"(line {span.line}), a span that holds it"
        )
        sign = ["internal", "span", signature(part), signature(span)]
        explanation = trusted(Explanation, subject=subject, detail=detail)
        findings.append(_pair_finding(rule.message, severity, sign, part, span, explanation))
    return findings


def _span_sums(inp: CheckInput, severity: str) -> list[Finding]:
    """One finding per figure of a document for a stretch of time that the figures for the
    stretches making it up do not add up to."""
    findings = []
    for span, parts in spans_not_adding_up(inp):
        subject = span.subject.name if span.subject else "?"
        listed = " + ".join(f"{p.value.text} ({p.period.label})" for p in parts)
        detail = (
            f"{subject} {span.metric.name}: {span.value.text} for {span.period.label} "
            f"(line {span.line}), but {listed} add up to {_added(span, parts):.6g}"
        )
        findings.append(_sum_finding(inp, severity, "span-sum", span, parts, detail))
    return findings


def _totals_missed(inp: CheckInput, severity: str) -> list[Finding]:
    """One finding per total of a document that its listed parts do not add up to."""
    findings = []
    for total, parts, _, _ in totals_not_adding_up(inp):  # the sum told is the written one
        listed = " + ".join(
            f"{p.value.text} ({p.subject.name if p.subject else p.metric.name})" for p in parts
        )
        detail = (
            f"{total.value.text} (line {total.line}) is told as the total of {listed}, "
            f"which add up to {_added(total, parts):.6g}"
        )
        findings.append(_sum_finding(inp, severity, "total", total, parts, detail))
    return findings


def _added(whole: Claim, parts: list[Claim]) -> float:
    """The parts' sum in the scale the whole is written in."""
    return sum(p.value.lo or 0.0 for p in parts) * _written_scale(whole)


def _sum_finding(
    inp: CheckInput, severity: str, what: str, whole: Claim, parts: list[Claim], detail: str
) -> Finding:
    """An internal_conflict of a whole and the parts that do not add up to it."""
    rule = inp.rules.check("internal_conflict")
    subject = whole.subject.name if whole.subject else "?"
    sign = ["internal", what, signature(whole), *(signature(p) for p in parts)]
    return trusted(
        Finding,
        id=finding_id(sign),
        kind="internal_conflict",
        severity=severity,
        claims=[whole.id, *(p.id for p in parts)],
        groups=[[whole.id], [p.id for p in parts]],
        docs=[whole.doc],
        message=rule.message.format(**fields(doc=whole.doc, detail=detail)),
        explanation=trusted(Explanation, subject=subject, detail=detail),
    )


def _written_scale(c: Claim) -> float:
    """What turns the claim's value into the figure as written (1 for 2150 in 万吨 kept as
    2150e4 吨: 1e-4), so a sum is told in the document's own scale."""
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", c.value.text)
    if digits is None or not c.value.lo:
        return 1.0
    return float(digits.group(0).replace(",", "")) / c.value.lo


CHECK = Check("internal_conflict", "document", check_internal_conflict)
