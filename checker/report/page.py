"""The HTML report: one self-contained page (no network, no library), in the order of
`desk.py`, with a chart per cluster finding and every string from a document escaped."""

from __future__ import annotations

import html
from collections import Counter

from checker.models import Finding, Report
from checker.report.charts import cluster_chart, overview_chart, pick_pair
from checker.report.desk import (
    CHARTED,
    FOLD_AFTER,
    SEVERITIES,
    Desk,
    Sourcing,
    doc_rows,
    docs_of,
    groups_of,
    headline,
    marked,
    message,
    quality,
    sentences_of,
    shown_value,
    sourcing_line,
    sums_line,
    unsourced_line,
    when,
    why,
)

CSS = """
body{font:15px/1.55 system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2rem auto;
max-width:1100px;color:#222;padding:0 1rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
.filters{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0;padding:.6rem;background:#f4f4f6;
border-radius:6px;position:sticky;top:0}
.finding{border:1px solid #ddd;border-left:5px solid #999;border-radius:6px;margin:.8rem 0;
padding:.6rem .9rem}
.finding.error{border-left-color:#c62828}.finding.warning{border-left-color:#ef8f00}
.finding.info{border-left-color:#1e88e5}
.head{font-weight:600}.sev{text-transform:uppercase;font-size:.75rem;margin-right:.5rem}
.groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:.6rem;
margin-top:.5rem}
.group{background:#fafafa;border-radius:4px;padding:.4rem .6rem}
.pair1{border-top:3px solid #c62828}.pair2{border-top:3px solid #1565c0}
.where{font-family:monospace;font-size:.8rem;color:#555;overflow-wrap:anywhere}
mark{background:#ffe082;padding:0 2px}.flag{color:#b71c1c;font-weight:600}.why{color:#555;font-size:.85rem;margin-top:.3rem}
details{font-size:.9rem;color:#444}summary{cursor:pointer;color:#555}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;
text-align:left}svg{max-width:100%;height:auto;display:block;margin:.4rem 0}
"""

JS = """
const names=['kind','severity','doc'];
function apply(){const v={};names.forEach(n=>v[n]=document.getElementById(n).value);let shown=0;
document.querySelectorAll('.finding').forEach(el=>{
const ok=(!v.kind||el.dataset.kind.split(' ').includes(v.kind))
&&(!v.severity||el.dataset.severity.split(' ').includes(v.severity))
&&(!v.doc||el.dataset.docs.split(' ').includes(v.doc));el.hidden=!ok;if(ok)shown++;});
document.getElementById('shown').textContent=shown;
const h=names.filter(n=>v[n]).map(n=>n+'='+encodeURIComponent(v[n])).join('&');
if(location.hash.slice(1)!==h)history.replaceState(null,'',h?'#'+h:location.pathname);}
new URLSearchParams(location.hash.slice(1)).forEach((value,n)=>{const el=document.getElementById(n);
if(names.includes(n)&&[...el.options].some(o=>o.value===value))el.value=value;});
document.querySelectorAll('.filters select').forEach(el=>el.addEventListener('change',apply));apply();
"""

# Nothing may be fetched: no images, fonts, styles or scripts from anywhere else.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def _options(desk: Desk, name: str, values: list[tuple[str, str]]) -> str:
    t = desk.catalog
    opts = "".join(
        f'<option value="{html.escape(v)}">{html.escape(label)}</option>' for v, label in values
    )
    return (
        f'<label>{html.escape(t.t("filter_" + name))} <select id="{name}">'
        f'<option value="">{html.escape(t.t("all"))}</option>{opts}</select></label>'
    )


def _quote(desk: Desk, cid: str, limit: int | None = 140) -> str:
    """The repaired sentence with its number marked, the original one click away."""
    q = desk.quotes[cid]
    original = _marked(q.original, [q.original_at], limit)
    if desk.original or q.text == q.original:
        return original
    fold = (
        f"<details><summary>{html.escape(desk.catalog.t('original'))}</summary>{original}</details>"
    )
    return _marked(q.text, [q.at], limit) + fold


def _marked(text: str, marks: list[tuple[int, int]], limit: int | None) -> str:
    return (
        html.escape(marked(text, marks, "\0", "\1", limit))
        .replace("\0", "<mark>")
        .replace("\1", "</mark>")
    )


def _chart(desk: Desk, f: Finding) -> str:
    if f.kind not in CHARTED:
        return ""
    t = desk.catalog
    groups = [[desk.claims[c] for c in g if c in desk.claims] for g in groups_of(f)]
    first = groups[0][0] if groups and groups[0] else None
    if first is None:
        return ""
    subject, metric = (first.subject.name if first.subject else "?"), first.metric.name
    values = "; ".join(
        f"{shown_value(desk, c)} ({c.doc}, {when(desk, c)})" for g in groups for c in g
    )
    dates = {d.id: d.date for d in desk.report.documents}
    return cluster_chart(
        f.id,
        t.t("chart_title", subject=subject, metric=metric),
        t.t("chart_alt", subject=subject, metric=metric, values=values),
        groups,
        dates,
        _pair(desk, f),
    )


def _pair(desk: Desk, f: Finding) -> tuple[int, int]:
    groups = [[desk.claims[c] for c in g if c in desk.claims] for g in groups_of(f)]
    return pick_pair(groups, f.explanation.value_gap)


def _card(desk: Desk, f: Finding) -> str:
    t = desk.catalog
    groups = []
    all_groups = groups_of(f) if f.claims else []
    pair = _pair(desk, f) if f.kind in CHARTED and len(all_groups) > 1 else (-1, -1)
    for n, group in enumerate(all_groups):
        items = "".join(
            f'<div class="claim"><div class="where">{html.escape(desk.path(desk.claims[c].doc))}:'
            f"{desk.claims[c].line}</div>{_quote(desk, c)}</div>"
            for c in group[:FOLD_AFTER]
            if c in desk.claims
        )
        if len(group) > FOLD_AFTER:
            items += f"<div>{html.escape(t.t('more', n=len(group) - FOLD_AFTER))}</div>"
        paired = f" pair{pair.index(n) + 1}" if n in pair else ""  # as the chart colours it
        groups.append(f'<div class="group{paired}">{items}</div>')
    reason = html.escape(why(desk, f) or (f.explanation.detail or ""))
    if f.id in desk.flagged:
        note = f"{t.label('decision', 'flagged')}: {desk.flagged[f.id]}"
        reason = f'<span class="flag">{html.escape(note)}</span> ' + reason
    docs = html.escape(" ".join(docs_of(f)))
    return (
        f'<section class="finding {f.severity}" data-kind="{html.escape(f.kind)}" '
        f'data-severity="{f.severity}" data-docs="{docs}" id="{f.id}">'
        f'<div class="head"><span class="sev">{html.escape(t.label("severity", f.severity))}</span>'
        f"{html.escape(t.label('kind', f.kind))} · <code>{f.id}</code></div>"
        f"<div>{html.escape(message(desk, f))}</div>{_chart(desk, f)}"
        f'<div class="groups">{"".join(groups)}</div><div class="why">{reason}</div></section>'
    )


def _sourcing_card(desk: Desk, entry: Sourcing) -> str:
    t = desk.catalog
    lines = [
        f"<p>{html.escape(t.label('kind', 'source_quality'))}: {html.escape(quality(desk, f))} "
        f"<code>{f.id}</code></p>"
        for f in entry.of("source_quality")
    ]
    for kind in ("uncited", "vague_citation"):
        findings = entry.of(kind)
        if not findings:
            continue
        items = "".join(
            f'<li><span class="where">{html.escape(desk.path(c.doc))}:{c.line}</span> '
            f"<code>{f.id}</code> {_marked(text, marks, None)}</li>"
            for f in findings
            for c, text, marks in sentences_of(desk, f)
        )
        label = f"{t.label('kind', kind)}: {sourcing_line(desk, entry, kind)}"
        lines.append(f"<details><summary>{html.escape(label)}</summary><ul>{items}</ul></details>")
    kinds = " ".join(sorted({f.kind for f in entry.findings}))
    sevs = " ".join(s for s in SEVERITIES if any(f.severity == s for f in entry.findings))
    return (
        f'<section class="finding sourcing {entry.severity}" data-kind="{kinds}" '
        f'data-severity="{sevs}" data-docs="{html.escape(entry.doc)}" '
        f'id="sourcing-{html.escape(entry.doc)}"><div class="head"><span class="sev">'
        f"{html.escape(t.label('severity', entry.severity))}</span>"
        f"{html.escape(t.t('sourcing'))} · {html.escape(entry.doc)}</div>{''.join(lines)}</section>"
    )


def _summary(desk: Desk) -> str:
    t = desk.catalog
    cols = ("col_document", "col_date", "col_script", "col_repairs", "col_claims")
    head = "".join(f"<th>{html.escape(t.t(c))}</th>" for c in cols)
    rows = "".join(
        f"<tr><td><code>{html.escape(r.id)}</code></td><td>{html.escape(r.date)}</td>"
        f"<td>{html.escape(r.script)}</td><td>{html.escape(r.repairs)}</td><td>{r.claims}</td></tr>"
        for r in doc_rows(desk)
    )
    counts: dict[str, Counter[str]] = {d.id: Counter() for d in desk.report.documents}
    for f in desk.report.findings:
        for doc in docs_of(f):
            counts.setdefault(doc, Counter())[f.kind] += 1
    data = [(doc, dict(c)) for doc, c in counts.items()]
    rows_text = "; ".join(
        f"{doc}: " + (", ".join(f"{t.label('kind', k)} {n}" for k, n in sorted(c.items())) or "0")
        for doc, c in data
    )
    names = {k: t.label("kind", k) for _, c in data for k in c}
    chart = overview_chart(t.t("overview_title"), t.t("overview_alt", rows=rows_text), data, names)
    sums = f" {sums_line(desk)}" if desk.report.checks else ""
    lines = f"{headline(desk)} {unsourced_line(desk)}{sums}"
    return f"<p>{html.escape(lines)}</p><table><tr>{head}</tr>{rows}</table>{chart}"


def render_html(report: Report, desk: Desk | None = None) -> str:
    """One self-contained page; every string from a document is escaped."""
    from checker.report.render import default_desk

    desk = desk or default_desk(report)
    t = desk.catalog
    cards = [_card(desk, f) for kind, fs in desk.sections for f in fs]
    if desk.sourcing:
        cards.append(f"<h2>{html.escape(t.t('sourcing'))}</h2>")
        cards += [_sourcing_card(desk, entry) for entry in desk.sourcing]
    kinds = sorted(
        {f.kind for f in report.findings}, key=lambda k: (k not in _ORDER, _ORDER.get(k, 0), k)
    )
    filters = (
        _options(desk, "kind", [(k, t.label("kind", k)) for k in kinds])
        + _options(desk, "severity", [(s, t.label("severity", s)) for s in SEVERITIES])
        + _options(desk, "doc", [(d.id, d.id) for d in report.documents])
        + f' <span><span id="shown">0</span> {html.escape(t.t("shown"))}</span>'
    )
    checks = "".join(
        f"<li>{html.escape(t.t('consistent' if c.consistent else 'inconsistent'))}: "
        f"{html.escape(c.detail)}</li>"
        for c in report.checks
    )
    title = html.escape(t.t("title"))
    return (
        f'<!DOCTYPE html><html lang="{t.lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{title}</title>'
        f"<style>{CSS}</style></head><body><h1>{title}</h1>{_summary(desk)}"
        f'<div class="filters">{filters}</div>{"".join(cards)}'
        f"<h2>{html.escape(t.t('internal_sums'))}</h2><ul>{checks}</ul>"
        f"<script>{JS}</script></body></html>\n"
    )


_ORDER = {
    k: i
    for i, k in enumerate(
        (
            "conflict",
            "internal_conflict",
            "revision",
            "period_drift",
            "corroboration",
            "source_quality",
            "uncited",
            "vague_citation",
        )
    )
}
