"""Renderers: pure functions from records to text."""

from __future__ import annotations

from checker.claims.evaluate import Scores
from checker.models import Analysis, Claim, Document, Quantity, Report, Value


def render_card(a: Analysis) -> str:
    """One `inspect` card: what reading and repairing one document found."""
    doc, rep = a.document, a.normalized.repair
    counts = rep.counts
    damage = ", ".join(
        f"{k} ×{counts[_COUNT_KEY.get(k, k)]}" if _COUNT_KEY.get(k, k) in counts else k
        for k in rep.damage
    )
    rows = [
        ("path", doc.path),
        ("encoding", _encoding(doc)),
        ("replaced", _replaced(doc)),
        ("script", _script(rep.script, counts.get("traditional-chars", 0))),
        ("damage", damage or "none"),
        (
            "spin score",
            f"{rep.spin_score} Tier-A hits per 1k CJK ({rep.spin_markers} distinct markers)",
        ),
        ("boilerplate", _boilerplate(rep.boilerplate, counts.get("boilerplate-lines", 0))),
        ("date", _date(a)),
        (
            "sentences",
            f"{len(a.sentences)} in {len({s.paragraph for s in a.sentences})} paragraphs",
        ),
        ("notes", "; ".join(doc.notes) or "none"),
        ("errors", "; ".join(doc.errors) or "none"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join([doc.id] + [f"  {k.ljust(width)}  {v}" for k, v in rows]) + "\n"


_COUNT_KEY = {"spun": "spun-edits"}


def _encoding(doc: Document) -> str:
    if doc.encoding is None:
        return "-"
    c = doc.encoding_confidence
    sure = f" (confidence {c:.2f})" if c is not None else ""
    return doc.encoding + sure + ("; garbled: claims kept out of matching" if doc.garbled else "")


def _replaced(doc: Document) -> str:
    if not doc.replaced:
        return "none"
    lines = doc.replaced_lines
    shown = ", ".join(map(str, lines[:10])) + (
        f" and {len(lines) - 10} more" if len(lines) > 10 else ""
    )
    return (
        f"{doc.replaced} undecodable byte{'s' if doc.replaced > 1 else ''} → U+FFFD "
        f"(line{'s' if len(lines) > 1 else ''} {shown})"
    )


def _script(script: str, converted: int) -> str:
    return f"{script} ({converted} characters converted to Simplified)" if converted else script


def _boilerplate(kinds: tuple[str, ...], lines: int) -> str:
    return f"{lines} lines kept out of analysis ({', '.join(kinds)})" if lines else "none"


def _date(a: Analysis) -> str:
    d = a.date
    if not d.value:
        return "unknown (no dated event found)"
    where = ""
    if d.evidence_span is not None:
        line = a.document.text.count("\n", 0, d.evidence_span[0]) + 1
        where = f", line {line}"
    return f"{d.value} ({d.source}{where}) from “{_clip(d.evidence or '', 40)}”"


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _interval(q: Quantity) -> str:
    return _interval_of(q.value)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def render_mentions_text(a: Analysis) -> str:
    """Each sentence with what was found in it: for people who tune rules."""
    lines = [f"== {a.document.path}"]
    for s, m in zip(a.sentences, a.mentions, strict=False):
        if not (m.quantities or m.periods or m.entities):
            continue
        lines.append(f"{a.document.path}:{s.line}: {_clip(s.text, 80)}")
        for q in m.quantities:
            unit = f" {q.unit}" if q.unit else ""
            flags = f"  [{', '.join(q.flags)}]" if q.flags else ""
            lines.append(
                f"    quantity  {q.value.text:<16} {q.kind:<9} {_interval(q)}{unit}{flags}"
            )
        for p in m.periods:
            lines.append(
                f"    period    {p.text:<16} {p.kind:<9} {p.label or '(needs a document date)'}"
            )
        for e in m.entities:
            lines.append(f"    entity    {e.text:<16} {e.type:<9} {e.id}")
    return "\n".join(lines) + "\n"


def mentions_records(a: Analysis) -> list[dict[str, object]]:
    """The JSON form of `mentions`: spans point into the original file."""
    offsets = a.normalized.offsets
    records: list[dict[str, object]] = []
    for s, m in zip(a.sentences, a.mentions, strict=False):

        def span(start: int, end: int) -> list[int]:
            return list(offsets.span(start, end))

        records.append(
            {
                "doc": a.document.id,
                "sentence": s.index,
                "line": s.line,
                "span": list(s.span),
                "text": s.text,
                "quantities": [
                    {"span": span(q.start, q.end), **q.model_dump(exclude={"start", "end"})}
                    for q in m.quantities
                ],
                "periods": [
                    {"span": span(p.start, p.end), **p.model_dump(exclude={"start", "end"})}
                    for p in m.periods
                ],
                "entities": [
                    {"span": span(e.start, e.end), **e.model_dump(exclude={"start", "end"})}
                    for e in m.entities
                ],
            }
        )
    return records


def render_scores(scores: Scores, misses: bool = True) -> str:
    rows = [
        ("claims found (recall)", scores.recall, f"{scores.found}/{scores.gold}"),
        ("precision", scores.precision, f"{scores.correct_predictions}/{scores.predicted}"),
        ("value+unit", scores.value_unit, "of found"),
        ("subject", scores.subject, "of found"),
        ("period", scores.period, "of found"),
        ("citation status", scores.citation, "of found"),
    ]
    lines = [f"{name:<22} {value:.3f}  ({note})" for name, value, note in rows]
    if misses and scores.misses:
        lines.append("")
        lines.append("misses:")
        lines += [
            f"  {m.id:<8} {m.field:<10} gold: {m.gold}  got: {m.got}  | {_clip(m.quote, 40)}"
            for m in scores.misses
        ]
    return "\n".join(lines) + "\n"


def render_claims_table(report: Report) -> str:
    """One line per claim: where, subject, metric, value, period, citation."""
    paths = {d.id: d.path for d in report.documents}
    lines = []
    for c in report.claims:
        subject = c.subject.name if c.subject else "?"
        unit = f" {c.unit}" if c.unit and c.unit != "date" else ""
        period = c.period.label or "-"
        if c.period.kind == "implied":
            period = f"({period})"
        cite = c.citation.status + (f": {c.citation.source}" if c.citation.source else "")
        lines.append(
            f"{paths.get(c.doc, c.doc)}:{c.line}: {c.id.split('#')[-1]:>3} {subject} · {c.metric.name} · "
            f"{_claim_value(c)}{unit} · {period} · {cite}  «{c.value.text}»"
        )
    lines.append(f"{len(report.claims)} claims in {len(report.documents)} documents")
    return "\n".join(lines) + "\n"


def _claim_value(c: Claim) -> str:
    v = c.value
    if c.kind == "date":
        return c.period.label or _interval_of(v)
    return _interval_of(v)


def _interval_of(v: Value) -> str:
    lo = "−∞" if v.lo is None else _num(v.lo)
    hi = "∞" if v.hi is None else _num(v.hi)
    if v.lo is not None and v.lo == v.hi:
        return lo
    return f"{'(' if v.lo_open or v.lo is None else '['}{lo}, {hi}{')' if v.hi_open or v.hi is None else ']'}"
