"""What every human-facing format shares: one order (what an editor must act on first),
one summary, and the localized words of each finding.

Cross-source findings come first, in `KIND_ORDER`; the sourcing findings of a document
(source quality, no source, vague source) make one entry per document after them; kinds
this module does not know come last, in name order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from checker.models import Claim, DocumentOut, Finding, Report
from checker.report.i18n import Catalog
from checker.report.quotes import Quote, plain_quotes

KIND_ORDER = ("conflict", "internal_conflict", "revision", "period_drift", "corroboration")
SOURCING = ("source_quality", "uncited", "vague_citation")
CHARTED = ("conflict", "revision", "period_drift")  # findings that get a picture
SEVERITIES = ("error", "warning", "info")
FOLD_AFTER = 6  # claims shown per group before "… and N more"
REPAIR_COUNT = re.compile(r"([a-z][a-z-]*) \((\d+)\)")  # "pinyin-annotation (389)"


def docs_of(f: Finding) -> list[str]:
    return f.docs


def groups_of(f: Finding) -> list[list[str]]:
    """The finding's value groups, or all its claims as one group."""
    return f.groups or [f.claims]


@dataclass(frozen=True)
class Sourcing:
    """One document's sourcing findings, as one entry."""

    doc: str
    findings: list[Finding]

    @property
    def severity(self) -> str:
        return min((f.severity for f in self.findings), key=SEVERITIES.index)

    def of(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]


@dataclass(frozen=True)
class Desk:
    """A report arranged for an editor, with everything the renderers need to show it."""

    report: Report
    catalog: Catalog
    quotes: Mapping[str, Quote]
    original: bool = False  # show the original sentences instead of the repaired ones
    sections: list[tuple[str, list[Finding]]] = field(default_factory=list)
    sourcing: list[Sourcing] = field(default_factory=list)
    claims: dict[str, Claim] = field(default_factory=dict)
    documents: dict[str, DocumentOut] = field(default_factory=dict)
    flagged: Mapping[str, str] = field(default_factory=dict)  # finding id → the review's note

    def ordered(self) -> list[Finding]:
        """Every finding once, in the order the reports show them."""
        cross = [f for kind, fs in self.sections if kind in KIND_ORDER for f in fs]
        rest = [f for kind, fs in self.sections if kind not in KIND_ORDER for f in fs]
        return cross + [f for s in self.sourcing for f in s.findings] + rest

    def path(self, doc: str) -> str:
        d = self.documents.get(doc)
        return d.path if d else doc


def arrange(
    report: Report,
    catalog: Catalog,
    quotes: Mapping[str, Quote] | None = None,
    original: bool = False,
    flagged: Mapping[str, str] | None = None,
) -> Desk:
    claims = {c.id: c for c in report.claims}
    by_kind: dict[str, list[Finding]] = defaultdict(list)
    by_doc: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        if f.kind in SOURCING:
            by_doc[docs_of(f)[0] if f.docs else ""].append(f)
        else:
            by_kind[f.kind].append(f)
    known = [k for k in KIND_ORDER if by_kind.get(k)]
    unknown = sorted(k for k in by_kind if k not in KIND_ORDER)

    def where(f: Finding) -> tuple[int, int, str, int, str]:
        first = claims.get(f.claims[0]) if f.claims else None
        rank = SEVERITIES.index(f.severity) if f.severity in SEVERITIES else len(SEVERITIES)
        kind = SOURCING.index(f.kind) if f.kind in SOURCING else 0
        doc = first.doc if first else (docs_of(f)[0] if f.docs else "")
        return (rank, kind, doc, first.line if first else 0, f.id)

    sourcing = [
        Sourcing(doc, sorted(fs, key=lambda f: (SOURCING.index(f.kind), where(f)[2:])))
        for doc, fs in sorted(by_doc.items())
    ]
    return Desk(
        report=report,
        catalog=catalog,
        quotes=quotes if quotes is not None else plain_quotes(report),
        original=original,
        sections=[(k, sorted(by_kind[k], key=where)) for k in known + unknown],
        sourcing=sourcing,
        claims=claims,
        documents={d.id: d for d in report.documents},
        flagged=flagged or {},
    )


# ---- the summary ---------------------------------------------------------------------


@dataclass(frozen=True)
class DocRow:
    id: str
    date: str
    script: str
    repairs: str
    claims: int


def headline(desk: Desk) -> str:
    s, t = desk.report.summary, desk.catalog
    findings = len(desk.report.findings)
    return t.t(
        "summary",
        documents=t.n("documents", s.documents),
        claims=t.n("claims", s.claims),
        findings=t.n("findings", findings),
    )


def unsourced_line(desk: Desk) -> str:
    uncited = sum(len(f.claims) for f in desk.report.findings if f.kind == "uncited")
    total = desk.report.summary.claims
    share = f"{uncited / total:.0%}" if total else "0%"
    return desk.catalog.t("unsourced", share=share, uncited=uncited, total=total)


def sums_line(desk: Desk) -> str:
    checks = desk.report.checks
    return desk.catalog.t("sums", consistent=sum(c.consistent for c in checks), total=len(checks))


def doc_rows(desk: Desk) -> list[DocRow]:
    t = desk.catalog
    per_doc: dict[str, int] = defaultdict(int)
    for c in desk.report.claims:
        per_doc[c.doc] += 1
    rows = []
    for d in desk.report.documents:
        if d.date is None:
            date = t.t("doc_date_unknown")
        else:
            key = "doc_date_inferred" if d.date_source == "inferred" else "doc_date"
            date = t.t(key, date=d.date)
        repairs = t.t("list_sep").join(t.label("damage", k) for k in d.damage) or t.t("no_repairs")
        rows.append(DocRow(d.id, date, t.label("script", d.script), repairs, per_doc[d.id]))
    return rows


# ---- the words of one finding ----------------------------------------------------------


def shown_value(desk: Desk, c: Claim) -> str:
    """The claim's number as the report shows it (repaired unless --original)."""
    q = desk.quotes.get(c.id)
    if q is None:
        return c.value.text
    text, at = (q.original, q.original_at) if desk.original else (q.text, q.at)
    return text[at[0] : at[1]] or c.value.text


def when(desk: Desk, c: Claim) -> str:
    if c.period.label:
        return c.period.label
    d = desk.documents.get(c.doc)
    return d.date if d and d.date else desk.catalog.t("no_period")


def message(desk: Desk, f: Finding) -> str:
    """The finding's message in the catalog's language. Cluster findings are rebuilt from
    their claims; the others keep their facts (the detail) in the catalog's frame."""
    t = desk.catalog
    groups = [[desk.claims[c] for c in g if c in desk.claims] for g in groups_of(f)]
    groups = [g for g in groups if g]
    if f.kind in ("conflict", "revision", "period_drift", "corroboration") and groups:
        first = groups[0][0]
        claims = [c for g in groups for c in g]
        docs = sorted({c.doc for c in claims})
        values = t.t("values_sep").join(
            "; ".join(
                t.t("value_at", value=shown_value(desk, c), doc=c.doc, period=when(desk, c))
                for c in g[:3]
            )
            + ("; …" if len(g) > 3 else "")
            for g in groups
        )
        target = f.kind == "period_drift" and f.explanation.period_relation == "target vs outcome"
        return t.t(
            "period_drift_target" if target else f.kind,
            subject=first.subject.name if first.subject else "?",
            metric=first.metric.name,
            values=values,
            periods=", ".join(sorted({when(desk, c) for c in claims})),
            count=t.n("sources", len(docs)),
            docs=", ".join(docs),
        )
    if f.kind == "source_quality" and f.docs:
        return t.t("source_quality", doc=docs_of(f)[0], detail=quality(desk, f))
    if f.kind in ("uncited", "vague_citation") and f.docs:
        key = "uncited_entry" if f.kind == "uncited" else "vague_entry"
        figures, sentences = t.n("figures", len(f.claims)), t.n("sentences", 1)
        return f"{docs_of(f)[0]}: " + t.t(key, figures=figures, sentences=sentences)
    return f.message


def quality(desk: Desk, f: Finding) -> str:
    """What a source-quality finding is about, in the catalog's words: each repair named
    with its count ("pinyin removed ×389") when the finding's detail lists them as
    `kind (count)`; otherwise the detail as it is, or the document's repairs."""
    t = desk.catalog
    detail = f.explanation.detail or ""
    counted = REPAIR_COUNT.findall(detail)
    if counted:
        return t.t("list_sep").join(f"{t.label('damage', k)} ×{n}" for k, n in counted)
    d = desk.documents.get(docs_of(f)[0]) if f.docs else None
    return detail or t.t("list_sep").join(t.label("damage", k) for k in (d.damage if d else []))


def why(desk: Desk, f: Finding) -> str:
    e, t = f.explanation, desk.catalog
    parts = []
    if e.level:
        parts.append(
            t.t(
                "why_similarity",
                level=t.label("level", e.level),
                similarity=f"{e.metric_similarity:.2f}",
            )
            if e.metric_similarity is not None
            else t.t("why_level", level=t.label("level", e.level))
        )
    if e.level == "corpus alias" and e.detail:
        parts.append(t.t("why_alias", detail=e.detail))
    if e.period_relation:
        parts.append(t.t("why_periods", relation=t.label("relation", e.period_relation)))
    if e.value_gap:
        parts.append(t.t("why_gap", gap=f"{e.value_gap:.1%}"))
    return "; ".join(parts)


def sourcing_line(desk: Desk, entry: Sourcing, kind: str) -> str:
    """ "12 figures with no source in 9 sentences" for one document and kind."""
    findings = entry.of(kind)
    figures = sum(len(f.claims) for f in findings)
    key = "uncited_entry" if kind == "uncited" else "vague_entry"
    t = desk.catalog
    return t.t(key, figures=t.n("figures", figures), sentences=t.n("sentences", len(findings)))


def sentences_of(desk: Desk, f: Finding) -> list[tuple[Claim, str, list[tuple[int, int]]]]:
    """The distinct sentences behind a finding, each with every number of the finding in
    it marked: (first claim, sentence, marks)."""
    seen: dict[tuple[str, int], tuple[Claim, str, list[tuple[int, int]]]] = {}
    for cid in f.claims:
        c = desk.claims.get(cid)
        q = desk.quotes.get(cid)
        if c is None or q is None:
            continue
        text, at = (q.original, q.original_at) if desk.original else (q.text, q.at)
        entry = seen.setdefault(q.key, (c, text, []))
        if at not in entry[2] and at[1] > at[0]:
            entry[2].append(at)
    return [(c, text, sorted(marks)) for c, text, marks in seen.values()]


def marked(
    text: str, marks: list[tuple[int, int]], left: str, right: str, limit: int | None = 90
) -> str:
    """`text` with each mark wrapped in `left`/`right`, whitespace folded, clipped to about
    `limit` characters around the marks."""
    start, end = 0, len(text)
    if limit is not None and marks and len(text) > limit:
        lo, hi = marks[0][0], marks[-1][1]
        start = max(0, min(lo, (lo + hi) // 2 - limit // 2))
        end = min(len(text), max(hi, start + limit))
    out, cursor = [], start
    for a, b in marks:
        if a < cursor or b > end:
            continue
        out += [text[cursor:a], left, text[a:b], right]
        cursor = b
    out.append(text[cursor:end])
    body = " ".join("".join(out).split())
    return ("…" if start else "") + body + ("…" if end < len(text) else "")
