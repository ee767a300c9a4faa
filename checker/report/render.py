"""Finding reports for people: terminal text, Markdown (pull requests) and HTML.

All three are pure functions of the one `Report`. Numbers are highlighted inside their
sentence; every location is `path:line` in the original file.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from checker.models import Claim, Finding, Report, dump_json, dump_json_nested, jsonable
from checker.report.desk import (
    FOLD_AFTER,
    SEVERITIES,
    SOURCING,
    Desk,
    Sourcing,
    arrange,
    doc_rows,
    groups_of,
    headline,
    marked,
    message,
    quality,
    sentences_of,
    sourcing_line,
    sums_line,
    unsourced_line,
    why,
)
from checker.report.i18n import Catalog


def default_desk(report: Report) -> Desk:
    """The report arranged with the built-in English words and unrepaired quotes."""
    from checker.ruleset import load_ruleset

    return arrange(report, Catalog.of(load_ruleset(), "en"))


def _severity_counts(desk: Desk, findings: list[Finding]) -> str:
    t = desk.catalog
    return ", ".join(
        f"{n} {t.label('severity', s)}"
        for s in SEVERITIES
        if (n := sum(f.severity == s for f in findings))
    )


def _claim_lines(desk: Desk, f: Finding, mark: tuple[str, str]) -> Iterator[str]:
    """`[group] path:line  sentence` for each claim of a cluster finding."""
    t = desk.catalog
    groups = groups_of(f)
    for group_no, group in enumerate(groups, 1):
        for cid in group[:FOLD_AFTER]:
            c = desk.claims[cid]
            q = desk.quotes[cid]
            text, at = (q.original, q.original_at) if desk.original else (q.text, q.at)
            label = f"[{group_no}] " if len(groups) > 1 else ""
            yield f"{label}{desk.path(c.doc)}:{c.line}  {marked(text, [at], *mark)}"
        if len(group) > FOLD_AFTER:
            yield t.t("more", n=len(group) - FOLD_AFTER)


# ---- text ----------------------------------------------------------------------------


def render_findings_text(report: Report, color: bool = False, desk: Desk | None = None) -> str:
    desk = desk or default_desk(report)
    t = desk.catalog

    def paint(text: str, **style: object) -> str:
        if not color:
            return text
        import click

        return click.style(text, **style)  # type: ignore[arg-type]

    mark = (paint("【", bold=True), paint("】", bold=True))
    tone = {"error": "red", "warning": "yellow", "info": "cyan"}
    lines = [paint(t.t("title"), bold=True), headline(desk)]
    for row in doc_rows(desk):
        claims = t.n("claims", row.claims)
        lines.append(f"  {row.id}  {row.date} · {row.script} · {row.repairs} · {claims}")
    lines += [unsourced_line(desk), *([sums_line(desk)] if report.checks else []), ""]
    for kind, findings in desk.sections:
        head = f"== {t.label('kind', kind)} ({_severity_counts(desk, findings)})"
        lines.append(paint(head, bold=True))
        for f in findings:
            sev = paint(t.label("severity", f.severity), fg=tone.get(f.severity), bold=True)
            lines += finding_lines(desk, f, sev, mark)
        lines.append("")
    if desk.sourcing:
        lines += [paint(f"== {t.t('sourcing')}", bold=True)]
        for entry in desk.sourcing:
            sev = paint(t.label("severity", entry.severity), fg=tone.get(entry.severity), bold=True)
            lines.append(f"{sev} {entry.doc}")
            lines += [f"  {line}" for line in _sourcing_lines(desk, entry, mark)]
        lines.append("")
    return "\n".join(lines) + "\n"


def finding_lines(
    desk: Desk, f: Finding, severity: str | None = None, mark: tuple[str, str] = ("【", "】")
) -> list[str]:
    """One finding as the text report shows it: its line, its sentences, why."""
    t = desk.catalog
    lines = [f"{severity or t.label('severity', f.severity)} {f.kind} {f.id}  {message(desk, f)}"]
    if f.kind in SOURCING:
        lines += [
            f"  {desk.path(c.doc)}:{c.line}  {marked(text, marks, *mark)}"
            for c, text, marks in sentences_of(desk, f)
        ]
    else:
        lines += [f"  {line}" for line in _claim_lines(desk, f, mark)]
    if reason := why(desk, f):
        lines.append(f"  {t.t('why')}: {reason}")
    if f.id in desk.flagged:
        lines.append(f"  {t.label('decision', 'flagged')}: {desk.flagged[f.id]}")
    return lines


def _sourcing_lines(desk: Desk, entry: Sourcing, mark: tuple[str, str]) -> Iterator[str]:
    t = desk.catalog
    for f in entry.of("source_quality"):
        yield f"{t.label('kind', 'source_quality')}: {quality(desk, f)}  {f.id}"
    for kind in ("uncited", "vague_citation"):
        if not entry.of(kind):
            continue
        yield f"{t.label('kind', kind)}: {sourcing_line(desk, entry, kind)}"
        for f in entry.of(kind):
            for c, text, marks in sentences_of(desk, f):
                yield f"  {desk.path(c.doc)}:{c.line}  {f.id}  {marked(text, marks, *mark)}"


# ---- Markdown --------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


def _md_marked(line: str) -> str:
    return _md_escape(line).replace("\0", "**").replace("\1", "**")


def _html_quote(text: str, marks: list[tuple[int, int]], limit: int | None = 90) -> str:
    return (
        html.escape(marked(text, marks, "\0", "\1", limit))
        .replace("\0", "<b>")
        .replace("\1", "</b>")
    )


def render_markdown(report: Report, desk: Desk | None = None) -> str:
    """Short enough for a pull request comment: the summary, the cross-source findings in
    full, corroborations and sourcing one line each with their sentences folded."""
    desk = desk or default_desk(report)
    t = desk.catalog
    cols = ("col_document", "col_date", "col_script", "col_repairs", "col_claims")
    lines = [f"## {t.t('title')}", "", f"{headline(desk)} {unsourced_line(desk)}", ""]
    lines += ["| " + " | ".join(t.t(c) for c in cols) + " |", "|---|---|---|---|---:|"]
    lines += [
        f"| `{r.id}` | {r.date} | {r.script} | {_md_escape(r.repairs)} | {r.claims} |"
        for r in doc_rows(desk)
    ]
    for kind, findings in desk.sections:
        lines += ["", f"### {t.label('kind', kind)} ({_severity_counts(desk, findings)})", ""]
        for f in findings:
            sev = t.label("severity", f.severity)
            head = f"- **{sev}** `{f.kind}` `{f.id}` {_md_escape(message(desk, f))}"
            if kind == "corroboration":
                lines.append(head + " " + _md_fold(desk, f, t.t("values")))
                continue
            lines.append(head)
            lines += [f"  - {_md_marked(line)}" for line in _claim_lines(desk, f, ("\0", "\1"))]
            if reason := why(desk, f):
                lines.append(f"  - _{_md_escape(reason)}_")
    if desk.sourcing:
        lines += ["", f"### {t.t('sourcing')}", ""]
        for entry in desk.sourcing:
            parts = [quality(desk, f) for f in entry.of("source_quality")]
            parts += [
                sourcing_line(desk, entry, k) for k in ("uncited", "vague_citation") if entry.of(k)
            ]
            head = f"- **{t.label('severity', entry.severity)}** `{entry.doc}`: " + _md_escape(
                "; ".join(parts)
            )
            sentences = [f for k in ("uncited", "vague_citation") for f in entry.of(k)]
            lines.append(head + (" " + _md_fold_many(desk, sentences) if sentences else ""))
    if report.checks:
        lines += ["", f"### {t.t('internal_sums')}", "", sums_line(desk), ""]
        lines += [
            f"- {t.t('consistent') if c.consistent else '**' + t.t('inconsistent') + '**'}: "
            + _md_escape(c.detail)
            for c in report.checks
        ]
    return "\n".join(lines) + "\n"


def _md_fold(desk: Desk, f: Finding, summary: str) -> str:
    """The finding's sentences in a one-line `<details>` fold."""
    return _md_fold_many(desk, [f], summary)


def _md_fold_many(desk: Desk, findings: list[Finding], summary: str | None = None) -> str:
    items = []
    for f in findings:
        for c, text, marks in sentences_of(desk, f):
            where = html.escape(f"{desk.path(c.doc)}:{c.line}")
            items.append(f"<li><code>{where}</code> {_html_quote(text, marks)}</li>")
    label = summary or desk.catalog.n("sentences", len(items))
    return f"<details><summary>{html.escape(label)}</summary><ul>{''.join(items)}</ul></details>"


def render_report_json(report: Report) -> str:
    """The contract as one string; `iter_report_json` writes the same text in pieces."""
    return b"".join(iter_report_json(report)).decode()


def iter_report_json(report: Report) -> Iterator[bytes]:
    """The contract in UTF-8, exactly as `report.model_dump_json(by_alias=True, indent=2)`
    writes it plus a final newline, a batch of records at a time: a large corpus's report
    is never held in memory whole, and is serialized in a few hundred calls, not one per
    record."""
    fields = list(report.model_dump(by_alias=True, include={"schema_", "tool", "summary"}).items())
    values: dict[str, list[Any]] = {
        "documents": report.documents,
        "claims": report.claims,
        "findings": report.findings,
        "checks": report.checks,
    }
    names = [f.alias or name for name, f in type(report).model_fields.items()]
    yield b"{"
    for n, name in enumerate(names):
        yield (("\n" if n == 0 else ",\n") + f"  {json.dumps(name)}: ").encode()
        if name in values:
            items = values[name]
            if not items:
                yield b"[]"
                continue
            yield b"["
            for i, batch in enumerate(_batches(items)):
                yield b"\n" if i == 0 else b",\n"
                yield _as_report_items(batch)
            yield b"\n  ]"
        else:
            value = dict(fields)[name]
            yield _indented(json.dumps(value, ensure_ascii=False, indent=2), "  ")[2:].encode()
    yield b"\n}\n"


BATCH = 500  # records serialized in one call
OPEN, CLOSE = b"[\n  [\n", b"\n  ]\n]"  # around `[[record, …]]` written with indent 2


def _batches(items: list[Any]) -> Iterator[list[Any]]:
    """`items` in consecutive runs of one type, of at most `BATCH` records each."""
    for _, run in groupby(items, type):
        records = list(run)
        for at in range(0, len(records), BATCH):
            yield records[at : at + BATCH]


def _as_report_items(batch: list[Any]) -> bytes:
    """Records as they stand in an array of the report: written as the only item of an
    outer array, pydantic indents them as the report does (4 spaces, 6 for their fields),
    so the text between the two arrays' brackets is theirs."""
    text = dump_json_nested(batch, indent=2)
    return text[len(OPEN) : -len(CLOSE)]


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


def render_explanation(report: Report, f: Finding, desk: Desk | None = None) -> str:
    """One finding in full: message, explanation, and each claim with its context."""
    desk = desk or default_desk(report)
    e = f.explanation
    lines = [
        f"{f.id}  {desk.catalog.label('kind', f.kind)} ({desk.catalog.label('severity', f.severity)})"
    ]
    lines += [f"  {message(desk, f)}", ""]
    if reason := why(desk, f):
        lines.append(f"  {desk.catalog.t('why')}: {reason}")
    if e.detail:
        lines.append(f"  {e.detail}")
    groups = groups_of(f)
    for group_no, group in enumerate(groups, 1):
        lines.append("")
        lines.append(f"  [{group_no}]" if len(groups) > 1 else "")
        for cid in group:
            c = desk.claims[cid]
            q = desk.quotes[cid]
            text, at = (q.original, q.original_at) if desk.original else (q.text, q.at)
            period = c.period.label or desk.catalog.t("no_period")
            cite = c.citation.status + (f" ({c.citation.source})" if c.citation.source else "")
            lines.append(f"    {desk.path(c.doc)}:{c.line}  {cid}")
            lines.append(f"      {marked(text, [at], '【', '】', limit=200)}")
            lines.append(f"      {c.value.text} · {period} · {cite}")
    return "\n".join(line.rstrip() for line in lines) + "\n"


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
