"""Formats for CI systems: GitHub workflow commands and SARIF 2.1.0.

A finding is placed on its first claim in a new document (the one the pull request
changes); the claims it contradicts in other documents are related locations.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Mapping

from checker import __version__
from checker.models import Claim, Finding, Report

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB = {"error": "error", "warning": "warning", "info": "notice"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _anchor(f: Finding, claims: dict[str, Claim], new: set[str] | None) -> Claim | None:
    mine = [claims[c] for c in f.claims if c in claims]
    preferred = [c for c in mine if new is None or c.doc in new]
    return (preferred or mine)[0] if mine else None


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, new: set[str] | None = None) -> str:
    """`::error file=…,line=…,title=…::message`, one line per finding."""
    claims = {c.id: c for c in report.claims}
    paths = {d.id: d.path for d in report.documents}
    lines = []
    for f in report.findings:
        anchor = _anchor(f, claims, new)
        doc = anchor.doc if anchor else (f.docs[0] if f.docs else "")
        where = f"file={_escape_property(paths.get(doc, doc))}"
        if anchor:
            where += f",line={anchor.line},col={anchor.column},endColumn={anchor.end_column}"
        title = _escape_property(f"crosscheck {f.kind} {f.id}")
        lines.append(f"::{GITHUB[f.severity]} {where},title={title}::{_escape_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _location(c: Claim, paths: dict[str, str], message: str | None = None) -> dict[str, object]:
    loc: dict[str, object] = {
        "physicalLocation": {
            "artifactLocation": {"uri": paths.get(c.doc, c.doc)},
            "region": {
                "startLine": c.line,
                "startColumn": c.column,
                "endLine": c.line,
                "endColumn": c.end_column,
                "snippet": {"text": c.value.text},
            },
        }
    }
    if message:
        loc["message"] = {"text": message}
    return loc


def render_sarif(report: Report, checks: Mapping[str, object], new: set[str] | None = None) -> str:
    claims = {c.id: c for c in report.claims}
    paths = {d.id: d.path for d in report.documents}
    rules = []
    for kind, func in checks.items():
        doc = inspect.getdoc(func) or kind
        summary = doc.split("\n\n")[0].replace("**What it flags**:", "").replace("\n", " ").strip()
        rules.append(
            {
                "id": kind,
                "name": kind,
                "shortDescription": {"text": summary},
                "fullDescription": {"text": doc.replace("**", "")},
            }
        )
    results = []
    for f in report.findings:
        anchor = _anchor(f, claims, new)
        result: dict[str, object] = {
            "ruleId": f.kind,
            "level": LEVEL[f.severity],
            "message": {"text": f.message},
            "partialFingerprints": {"crosscheckFinding/v1": f.id},
        }
        if anchor:
            result["locations"] = [_location(anchor, paths)]
            related = [claims[c] for c in f.claims if c in claims and claims[c].doc != anchor.doc]
            if related:
                result["relatedLocations"] = [
                    {"id": i, **_location(c, paths, f"{c.value.text} ({c.doc})")}
                    for i, c in enumerate(related)
                ]
        else:
            doc = f.docs[0] if f.docs else ""
            result["locations"] = [
                {"physicalLocation": {"artifactLocation": {"uri": paths.get(doc, doc)}}}
            ]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "crosscheck", "version": __version__, "rules": rules}},
                "columnKind": "utf16CodeUnits",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
