"""`crosscheck explain`: a finding, a check, or why two claims were (not) matched."""

from __future__ import annotations

import os
from collections.abc import Callable
from inspect import getdoc
from pathlib import Path
from typing import Any

import click

from checker.checks.registry import CHECKS
from checker.cli.common import editors_desk
from checker.cli.options import _progress, _rules, desk_options, quiet_option, rules_option
from checker.errors import CheckerError
from checker.gate import EXIT_OK
from checker.matching.explain import explain_pair
from checker.matching.explain import render as render_pair
from checker.matching.match import Matcher
from checker.models import Claim, Extraction
from checker.pipeline import (
    Toolkit,
    analyse_paths,
    build_report,
    collect,
    default_corpus,
    find,
    matchable,
)
from checker.report.i18n import Catalog, pick_lang
from checker.report.render import render_explanation
from checker.ruleset import Ruleset


@click.command()
@click.argument("finding")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@desk_options
@rules_option
@quiet_option
def explain(
    finding: str,
    paths: tuple[Path, ...],
    lang: str | None,
    original: bool,
    rules_dir: Path | None,
    quiet: bool,
) -> int:
    """Explain FINDING: a finding id (F-…) found in PATHS (default: seeds/), with its
    explanation and every quote in context; or a check name (conflict, uncited, …), with
    its documentation; or two claims (CLAIM CLAIM [PATHS]: ids as in the JSON report,
    such as 001_x#12, or FILE:LINE), with each test of matching and its outcome: why they
    were, or were not, matched and flagged."""
    rules = _rules(rules_dir)
    if finding in CHECKS:
        catalog = Catalog.of(rules, pick_lang(lang, os.environ))
        text = catalog.explain(finding) or inspect_doc(CHECKS[finding])
        click.echo(f"{finding}\n\n{text}")
        return EXIT_OK
    if paths and _claim_ref(finding) and _claim_ref(str(paths[0])):
        return _explain_pair(finding, str(paths[0]), paths[1:], rules, quiet)
    analyses = analyse_paths(paths or [default_corpus()], rules, _progress(quiet))
    findings, checks = find(analyses, rules)
    report = build_report(analyses, findings, checks)
    match = next((f for f in findings if f.id == finding), None)
    if match is None:
        raise CheckerError(
            f"no finding {finding} in {', '.join(map(str, paths)) or 'seeds/'}",
            hint="run `crosscheck check` on the same documents to list finding ids, or name a check: "
            + ", ".join(CHECKS)
            + ", or two claims (ids or FILE:LINE)",
        )
    desk = editors_desk(report, rules, lang, original)
    click.echo(render_explanation(report, match, desk), nl=False)
    return EXIT_OK


def _claim_ref(text: str) -> bool:
    """A claim id (doc#n) or FILE:LINE."""
    if "#" in text:
        return True
    file, sep, line = text.rpartition(":")
    return bool(sep and file and line.isdigit())


def _explain_pair(
    first: str, second: str, paths: tuple[Path, ...], rules: Ruleset, quiet: bool
) -> int:
    files = [Path(r.rpartition(":")[0]) for r in (first, second) if "#" not in r]
    corpus = list(paths) or [default_corpus()]
    corpus += [f for f in files if not any(_inside(f, p) for p in corpus)]
    tools = Toolkit(rules)
    extractions = collect(corpus, rules, tools=tools, progress=_progress(quiet))
    findings, _ = find(extractions, rules, tools=tools)
    matcher = Matcher(
        rules, {e.document.id: e.document.date for e in extractions}, tools.dictionary
    )
    matcher.learn(matchable(c for e in extractions for c in e.claims))
    a_claims = _claims_at(first, extractions)
    b_claims = _claims_at(second, extractions)
    pairs = [explain_pair(a, b, matcher, findings) for a in a_claims for b in b_claims if a != b]
    if not pairs:
        raise CheckerError(
            "no two different claims to compare",
            hint="name two claims: ids as in `crosscheck check --format json`, or FILE:LINE",
        )
    best = max(pairs, key=lambda e: (len(e.findings) > 0, sum(t.passed for t in e.tests)))
    click.echo(render_pair(best), nl=False)
    return EXIT_OK


def _inside(file: Path, folder: Path) -> bool:
    try:
        return file.resolve() == folder.resolve() or file.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _claims_at(ref: str, extractions: list[Extraction]) -> list[Claim]:
    if "#" in ref:
        found = [c for e in extractions for c in e.claims if c.id == ref]
    else:
        file, _, line = ref.rpartition(":")
        target = Path(file).resolve()
        found = [
            c
            for e in extractions
            if Path(e.document.path).resolve() == target
            for c in e.claims
            if c.line == int(line)
        ]
        figures = [c for c in found if c.kind != "date"]  # a line's figures before its dates
        found = figures or found
    if not found:
        raise CheckerError(
            f"no claim {ref}",
            hint="claim ids are listed by `crosscheck claims --format jsonl`; FILE:LINE "
            "needs a line that holds a figure",
        )
    return found


def inspect_doc(func: Callable[..., Any]) -> str:
    return (getdoc(func) or "").replace("**", "")
