"""Finding reports for people: terminal text, Markdown (pull requests) and HTML.

All three are pure functions of the one `Report`. Numbers are highlighted inside their
sentence; every location is `path:line` in the original file.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from checker.models import Claim, Finding, Report, dump_json, jsonable

KIND_ORDER = [
    "conflict",
    "internal_conflict",
    "period_drift",
    "uncited",
    "source_quality",
    "vague_citation",
    "corroboration",
]
SEVERITIES = ["error", "warning", "info"]


def _claims(report: Report) -> dict[str, Claim]:
    return {c.id: c for c in report.claims}


def _paths(report: Report) -> dict[str, str]:
    return {d.id: d.path for d in report.documents}


def _marked(c: Claim, left: str, right: str, limit: int = 90) -> str:
    """The claim's sentence with its number wrapped in `left`/`right`, clipped around it."""
    quote = " ".join(c.quote.split())
    at = quote.find(c.value.text)
    if at < 0:
        return quote[:limit]
    start = max(0, at - limit // 2)
    end = min(len(quote), at + len(c.value.text) + limit // 2)
    head = ("…" if start else "") + quote[start:at]
    tail = quote[at + len(c.value.text) : end] + ("…" if end < len(quote) else "")
    return f"{head}{left}{c.value.text}{right}{tail}"


def _grouped(report: Report) -> list[tuple[str, list[Finding]]]:
    """Findings by kind, most serious first; inside a kind by document and line."""
    claims = _claims(report)
    by_kind: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_kind[f.kind].append(f)

    def where(f: Finding) -> tuple[int, str, int, str]:
        first = claims.get(f.claims[0]) if f.claims else None
        rank = SEVERITIES.index(f.severity)
        return (
            (rank, first.doc, first.line, f.id)
            if first
            else (rank, f.docs[0] if f.docs else "", 0, f.id)
        )

    return [(k, sorted(by_kind[k], key=where)) for k in KIND_ORDER if by_kind.get(k)]


def _why(f: Finding) -> str:
    e = f.explanation
    parts = []
    if e.level:
        parts.append(
            f"matched by {e.level}"
            + (f" ({e.metric_similarity:.2f})" if e.metric_similarity is not None else "")
        )
    if e.period_relation:
        parts.append(f"periods {e.period_relation}")
    if e.value_gap:
        parts.append(f"gap {e.value_gap:.1%}")
    return "; ".join(parts)


# ---- text ----------------------------------------------------------------------------


def render_findings_text(report: Report, color: bool = False) -> str:
    claims, paths = _claims(report), _paths(report)

    def paint(text: str, **style: object) -> str:
        if not color:
            return text
        import click

        return click.style(text, **style)  # type: ignore[arg-type]

    lines: list[str] = []
    for kind, findings in _grouped(report):
        counts = ", ".join(
            f"{n} {s}" for s in SEVERITIES if (n := sum(f.severity == s for f in findings))
        )
        lines.append(paint(f"== {kind} ({counts})", bold=True))
        for f in findings:
            tone = {"error": "red", "warning": "yellow", "info": "cyan"}[f.severity]
            lines.append(f"{paint(f.severity, fg=tone, bold=True)} {f.id}  {f.message}")
            for group_no, group in enumerate(f.groups or [f.claims], 1):
                for cid in group[:6]:
                    c = claims[cid]
                    mark = f"[{group_no}] " if len(f.groups) > 1 else ""
                    where = f"{paths.get(c.doc, c.doc)}:{c.line}"
                    lines.append(
                        f"  {mark}{where}  {_marked(c, paint('【', bold=True), paint('】', bold=True))}"
                    )
                if len(group) > 6:
                    lines.append(f"  … and {len(group) - 6} more")
            why = _why(f)
            if why:
                lines.append(f"  why: {why}")
        lines.append("")
    s = report.summary
    found = ", ".join(f"{k} {v}" for k, v in s.findings.items()) or "no findings"
    checked = [c for c in report.checks]
    lines.append(
        f"{s.documents} documents, {s.claims} claims, {found}; "
        f"{sum(c.consistent for c in checked)} of {len(checked)} internal sums consistent"
    )
    return "\n".join(lines) + "\n"


# ---- Markdown --------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


def render_markdown(report: Report) -> str:
    claims, paths = _claims(report), _paths(report)
    s = report.summary
    lines = [
        "## crosscheck report",
        "",
        f"{s.documents} documents, {s.claims} claims.",
        "",
        "| finding | count |",
        "|---|---:|",
    ]
    lines += [f"| {k} | {v} |" for k, v in s.findings.items()]
    for kind, findings in _grouped(report):
        lines += ["", f"### {kind}", ""]
        for f in findings:
            lines.append(f"- **{f.severity}** `{f.id}` {_md_escape(f.message)}")
            for group_no, group in enumerate(f.groups or [f.claims], 1):
                for cid in group[:6]:
                    c = claims[cid]
                    mark = f"[{group_no}] " if len(f.groups) > 1 else ""
                    quote = (
                        _md_escape(_marked(c, "\0", "\1")).replace("\0", "**").replace("\1", "**")
                    )
                    lines.append(f"  - {mark}`{paths.get(c.doc, c.doc)}:{c.line}` {quote}")
            why = _why(f)
            if why:
                lines.append(f"  - _{why}_")
    if report.checks:
        lines += ["", "### internal sums", ""]
        lines += [
            f"- {'consistent' if c.consistent else '**inconsistent**'}: {_md_escape(c.detail)}"
            for c in report.checks
        ]
    return "\n".join(lines) + "\n"


# ---- HTML ----------------------------------------------------------------------------

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{font-size:1.4rem}.filters{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0;padding:.6rem;background:#f4f4f6;border-radius:6px}
.finding{border:1px solid #ddd;border-left:5px solid #999;border-radius:6px;margin:.8rem 0;padding:.6rem .9rem}
.finding.error{border-left-color:#c62828}.finding.warning{border-left-color:#ef8f00}.finding.info{border-left-color:#1e88e5}
.head{font-weight:600}.sev{text-transform:uppercase;font-size:.75rem;margin-right:.5rem}
.groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:.6rem;margin-top:.5rem}
.group{background:#fafafa;border-radius:4px;padding:.4rem .6rem}.where{font-family:monospace;font-size:.8rem;color:#555}
mark{background:#ffe082;padding:0 2px}.why{color:#555;font-size:.85rem;margin-top:.3rem}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left}
"""

JS = """
function apply(){const k=document.getElementById('kind').value,s=document.getElementById('severity').value,
d=document.getElementById('doc').value;let shown=0;
document.querySelectorAll('.finding').forEach(el=>{const ok=(!k||el.dataset.kind===k)&&(!s||el.dataset.severity===s)
&&(!d||el.dataset.docs.split(' ').includes(d));el.hidden=!ok;if(ok)shown++;});
document.getElementById('shown').textContent=shown;}
document.querySelectorAll('select').forEach(el=>el.addEventListener('change',apply));apply();
"""


def _options(name: str, values: list[str]) -> str:
    opts = "".join(f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in values)
    return f'<label>{name} <select id="{name}"><option value="">all</option>{opts}</select></label>'


def _html_quote(c: Claim) -> str:
    text = _marked(c, "\0", "\1", limit=140)
    return html.escape(text).replace("\0", "<mark>").replace("\1", "</mark>")


def render_html(report: Report) -> str:
    """One self-contained page; every string from a document is escaped."""
    claims, paths = _claims(report), _paths(report)
    docs = sorted(paths)
    parts = []
    for f in report.findings:
        groups = []
        for group in f.groups or ([f.claims] if f.claims else []):
            items = "".join(
                f'<div class="claim"><div class="where">{html.escape(paths.get(claims[c].doc, claims[c].doc))}:'
                f"{claims[c].line}</div>{_html_quote(claims[c])}</div>"
                for c in group[:8]
            )
            groups.append(f'<div class="group">{items}</div>')
        why = html.escape(_why(f) or (f.explanation.detail or ""))
        data_docs = html.escape(" ".join(f.docs))
        parts.append(
            f'<section class="finding {f.severity}" data-kind="{f.kind}" data-severity="{f.severity}" '
            f'data-docs="{data_docs}" id="{f.id}"><div class="head"><span class="sev">{f.severity}</span>'
            f"{html.escape(f.kind)} · <code>{f.id}</code></div><div>{html.escape(f.message)}</div>"
            f'<div class="groups">{"".join(groups)}</div><div class="why">{why}</div></section>'
        )
    s = report.summary
    summary_rows = "".join(
        f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in s.findings.items()
    )
    checks = "".join(
        f"<li>{'consistent' if c.consistent else '<b>inconsistent</b>'}: {html.escape(c.detail)}</li>"
        for c in report.checks
    )
    filters = (
        _options("kind", [k for k in KIND_ORDER if k in s.findings])
        + _options("severity", SEVERITIES)
        + _options("doc", docs)
        + ' <span><span id="shown">0</span> shown</span>'
    )
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>crosscheck report</title>'
        f"<style>{CSS}</style></head><body><h1>crosscheck report</h1>"
        f"<p>{s.documents} documents, {s.claims} claims.</p><table>{summary_rows}</table>"
        f'<div class="filters">{filters}</div>{"".join(parts)}'
        f"<h2>Internal sums</h2><ul>{checks}</ul>"
        f"<script>{JS}</script></body></html>\n"
    )


def render_report_json(report: Report) -> str:
    """The contract as one string; `iter_report_json` writes the same text in pieces."""
    return "".join(iter_report_json(report))


def iter_report_json(report: Report) -> Iterator[str]:
    """The contract, exactly as `report.model_dump_json(by_alias=True, indent=2)` writes
    it plus a final newline, one record at a time: a large corpus's report is never
    held in memory as one string."""
    fields = list(report.model_dump(by_alias=True, include={"schema_", "tool", "summary"}).items())
    values: dict[str, Sequence[object]] = {
        "documents": report.documents,
        "claims": report.claims,
        "findings": report.findings,
        "checks": report.checks,
    }
    names = [f.alias or name for name, f in type(report).model_fields.items()]
    yield "{"
    for n, name in enumerate(names):
        yield ("\n" if n == 0 else ",\n") + f"  {json.dumps(name)}: "
        if name in values:
            items = values[name]
            if not items:
                yield "[]"
                continue
            yield "["
            for i, item in enumerate(items):
                yield ("\n" if i == 0 else ",\n") + _indented(dump_json(item, indent=2), "    ")
            yield "\n  ]"
        else:
            value = dict(fields)[name]
            yield _indented(json.dumps(value, ensure_ascii=False, indent=2), "  ")[2:]
    yield "\n}\n"


def iter_claims_json(claims: list[Claim]) -> Iterator[str]:
    """`{"claims": [...]}` as `json.dumps(..., ensure_ascii=False, indent=2)` writes it
    plus a final newline, one claim at a time (what `crosscheck claims` prints)."""
    if not claims:
        yield '{\n  "claims": []\n}\n'
        return
    yield '{\n  "claims": ['
    for i, c in enumerate(claims):
        yield ("\n" if i == 0 else ",\n") + _indented(
            json.dumps(jsonable(c), ensure_ascii=False, indent=2), "    "
        )
    yield "\n  ]\n}\n"


def _indented(text: str, pad: str) -> str:
    return pad + text.replace("\n", "\n" + pad)


def render_explanation(report: Report, f: Finding) -> str:
    """One finding in full: message, explanation, and each claim with its context."""
    claims, paths = _claims(report), _paths(report)
    e = f.explanation
    lines = [f"{f.id}  {f.kind} ({f.severity})", f"  {f.message}", ""]
    for name in ("level", "metric_similarity", "value_gap", "period_relation", "subject", "detail"):
        value = getattr(e, name)
        if value is not None:
            lines.append(f"  {name.replace('_', ' ')}: {value}")
    for group_no, group in enumerate(f.groups or [f.claims], 1):
        lines.append("")
        lines.append(f"  group {group_no}:" if len(f.groups) > 1 else "  claims:")
        for cid in group:
            c = claims[cid]
            period = c.period.label or "no period stated"
            cite = c.citation.status + (f" ({c.citation.source})" if c.citation.source else "")
            lines.append(f"    {paths.get(c.doc, c.doc)}:{c.line}  {cid}")
            lines.append(f"      {_marked(c, '【', '】', limit=200)}")
            lines.append(f"      value {c.value.text} · period {period} · source {cite}")
    return "\n".join(lines) + "\n"


def report_schema() -> str:
    return json.dumps(Report.model_json_schema(by_alias=True), ensure_ascii=False, indent=2)


def iter_report_jsonl(report: Report) -> Iterator[str]:
    """The report as JSON lines (each ending in a newline), written as they are made:
    {"type": "document", …}, {"type": "claim", …}, {"type": "finding", …},
    {"type": "check", …} and a closing {"type": "summary", …}."""
    head = {"type": "report", "schema": report.schema_, "tool": report.tool.model_dump()}
    yield json.dumps(head, ensure_ascii=False) + "\n"
    for kind, items in (
        ("document", report.documents),
        ("claim", report.claims),
        ("finding", report.findings),
        ("check", report.checks),
    ):
        for item in items:
            yield jsonl_record(kind, item)
    yield json.dumps({"type": "summary", **report.summary.model_dump()}, ensure_ascii=False) + "\n"


def jsonl_record(kind: str, item: Any) -> str:
    """One record of the JSON lines report: `{"type": kind, …the record's fields}` and a
    newline."""
    return f'{{"type": "{kind}", ' + dump_json(item)[1:] + "\n"
