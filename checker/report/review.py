"""`crosscheck review`: one finding at a time in the terminal; each decision (accepted
with a reason, dismissed as a false alarm with a reason, flagged for correction) is saved
at once to a review file in the baseline's TOML format, so a second review resumes at
the first finding without a decision and `check`/`gate --baseline FILE` stay quiet about
accepted and dismissed findings.

The loop is written against three small functions (read a key, read a line, write
lines), so tests drive it without a terminal.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from checker.checks.baseline import Accepted, read_baseline
from checker.models import Finding
from checker.report.desk import CHARTED, Desk, docs_of, groups_of, shown_value, when
from checker.report.render import finding_lines

KEYS = {"a": "accepted", "d": "dismissed", "f": "flagged"}
NEEDS_REASON = {"accepted", "dismissed"}


def read_decisions(path: Path) -> dict[str, Accepted]:
    """The decisions already in a review file (none when it does not exist yet)."""
    if not path.exists():
        return {}
    return {a.id: a for a in read_baseline(path).accepted}


def render_review_file(entries: list[Accepted]) -> str:
    lines = [
        "# crosscheck review: editors' decisions on findings (the baseline format).",
        "# `check` and `gate` with --baseline FILE leave out accepted and dismissed",
        "# findings; flagged ones stay in the report until the text is corrected.",
        "",
    ]
    for a in entries:
        lines += [
            "[[accepted]]",
            f"id = {json.dumps(a.id)}",
            f"kind = {json.dumps(a.kind)}",
            f"docs = {json.dumps(a.docs, ensure_ascii=False)}",
            f"values = {json.dumps(a.values, ensure_ascii=False)}",
            f"decision = {json.dumps(a.decision)}",
            f"reason = {json.dumps(a.reason, ensure_ascii=False)}",
            f"who = {json.dumps(a.who, ensure_ascii=False)}",
            f"date = {json.dumps(a.date)}",
            "",
        ]
    return "\n".join(lines)


def write_review_file(path: Path, entries: list[Accepted]) -> None:
    """Replace the file in one step, so an interrupted write never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".tmp")
    scratch.write_text(render_review_file(entries), encoding="utf-8")
    os.replace(scratch, path)


def values_line(desk: Desk, f: Finding) -> str | None:
    """The chart of a cluster finding in one line: each value group with its times."""
    if f.kind not in CHARTED:
        return None
    groups = []
    for n, group in enumerate(groups_of(f), 1):
        claims = [desk.claims[c] for c in group if c in desk.claims]
        shown = ", ".join(f"{shown_value(desk, c)} @ {when(desk, c)} ({c.doc})" for c in claims)
        groups.append(f"[{n}] {shown}")
    return f"{desk.catalog.t('values')}: " + " | ".join(groups)


@dataclass
class Review:
    """Where the triage stands: the findings in report order and the decisions so far."""

    findings: list[Finding]
    decisions: dict[str, Accepted]
    at: int = 0
    order: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.order = [f.id for f in self.findings]
        self.at = self.next_open(0)

    def next_open(self, start: int) -> int:
        """The first finding from `start` on without a decision (the end when none)."""
        return next(
            (
                i
                for i in range(start, len(self.findings))
                if self.findings[i].id not in self.decisions
            ),
            len(self.findings),
        )

    def decide(self, decision: str, reason: str, who: str, day: str) -> Accepted:
        f = self.findings[self.at]
        entry = Accepted(
            id=f.id,
            kind=f.kind,
            docs=docs_of(f),
            values=f.message,
            reason=reason,
            decision=decision,  # type: ignore[arg-type]
            who=who,
            date=day,
        )
        self.decisions[f.id] = entry
        self.at = self.next_open(self.at + 1)
        return entry

    def entries(self) -> list[Accepted]:
        """Decisions in report order; those about findings no longer found keep their place
        at the end."""
        known = [self.decisions[i] for i in self.order if i in self.decisions]
        gone = [a for i, a in self.decisions.items() if i not in set(self.order)]
        return known + gone


@dataclass(frozen=True)
class Terminal:
    getkey: Callable[[], str]
    getline: Callable[[str], str]
    echo: Callable[[str], None]


def run_review(desk: Desk, path: Path, who: str, day: str, term: Terminal) -> Review:
    """The triage loop; returns when every finding has a decision or on `q`."""
    t = desk.catalog
    review = Review(desk.ordered(), read_decisions(path))
    total = len(review.findings)
    while review.at < total:
        f = review.findings[review.at]
        term.echo("")
        term.echo(
            t.t("review_progress", n=review.at + 1, total=total, decided=len(review.decisions))
        )
        for line in finding_lines(desk, f):
            term.echo(line)
        if chart := values_line(desk, f):
            term.echo(f"  {chart}")
        if f.id in review.decisions:
            term.echo(f"  ({t.label('decision', review.decisions[f.id].decision)})")
        term.echo(t.t("review_keys"))
        key = term.getkey().lower()
        if key in ("q", "\x03", "\x04", ""):
            break
        if key == "s":
            review.at = min(review.at + 1, total)
        elif key == "b":
            review.at = max(review.at - 1, 0)
        elif key in KEYS:
            decision = KEYS[key]
            reason = ""
            while decision in NEEDS_REASON and not reason:  # a decision says why
                reason = term.getline(t.t("review_reason")).strip()
            review.decide(decision, reason, who, day)
            write_review_file(path, review.entries())
            term.echo(t.t("review_saved", decision=t.label("decision", decision), file=path))
    term.echo(t.t("review_done", decided=len(review.decisions), total=total, file=path))
    return review
