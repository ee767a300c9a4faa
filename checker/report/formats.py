"""The output formats of `check` and `gate`: one registry, each format with the file
extension it is written under, whether it quotes sentences for people (and so needs the
editor's desk), and how it renders a report, in pieces (text, or UTF-8 already encoded)
so that a large report is written without being joined first."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from checker.models import Report
from checker.report.ci import render_github, render_sarif
from checker.report.desk import Desk
from checker.report.page import render_html
from checker.report.render import (
    iter_report_json,
    iter_report_jsonl,
    render_findings_text,
    render_markdown,
)

Chunks = Iterable[str | bytes]


@dataclass(frozen=True)
class Rendering:
    """What a format may need besides the report."""

    desk: Desk | None = None  # the report arranged for people (formats with `desk`)
    color: bool = False  # text: colored for a terminal
    new: set[str] | None = None  # the gate's new documents: annotations are placed there
    checks: Mapping[str, object] = field(default_factory=dict)  # sarif: the documented checks


@dataclass(frozen=True)
class OutputFormat:
    extension: str  # of the file written into a folder given as -o
    render: Callable[[Report, Rendering], Chunks]
    desk: bool = False  # quotes sentences for people: needs the editor's desk


FORMATS: dict[str, OutputFormat] = {
    "text": OutputFormat(
        "txt", lambda r, how: (render_findings_text(r, color=how.color, desk=how.desk),), True
    ),
    "json": OutputFormat("json", lambda r, _: iter_report_json(r)),
    "jsonl": OutputFormat("jsonl", lambda r, _: iter_report_jsonl(r)),
    "md": OutputFormat("md", lambda r, how: (render_markdown(r, how.desk),), True),
    "html": OutputFormat("html", lambda r, how: (render_html(r, how.desk),), True),
    "github": OutputFormat("txt", lambda r, how: (render_github(r, how.new),)),
    "sarif": OutputFormat("sarif", lambda r, how: (render_sarif(r, how.checks, how.new),)),
}

# The formats each command offers: a whole report, or the gate's verdict on new documents
# (with annotations for CI systems, where a streamed JSON lines report has no reader).
CHECK_FORMATS = ("text", "json", "jsonl", "md", "html")
GATE_FORMATS = ("text", "json", "md", "github", "sarif")
