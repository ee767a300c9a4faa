"""Why two claims were, or were not, matched: the tests of matching in order, each with
its outcome, then the findings that hold both claims.

`crosscheck explain CLAIM CLAIM` prints this. An editor asks "why did you not flag this?";
the first test that fails answers it: subject, unit dimension, metric identity (and
through what: a registry metric, the names' structure, an alias the corpus shows through a
shared figure), period, value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from checker.matching.identity import Relation
from checker.matching.match import SAME_TIME, Matcher
from checker.models import Claim, Finding


@dataclass(frozen=True)
class Test:
    name: str  # subject | dimension | metric | period | value
    passed: bool
    detail: str


@dataclass(frozen=True)
class PairExplanation:
    a: Claim
    b: Claim
    tests: tuple[Test, ...]
    findings: tuple[Finding, ...]  # the findings that name both claims
    can_conflict: bool  # every test that a conflict needs holds, values aside

    @property
    def matched(self) -> bool:
        return all(t.passed for t in self.tests if t.name != "value")


def explain_pair(
    a: Claim, b: Claim, matcher: Matcher, findings: Iterable[Finding]
) -> PairExplanation:
    """The tests of matching applied to `a` and `b`, in order, stopping at the first one
    that fails (value is always given when the rest hold)."""
    tests: list[Test] = []
    units = matcher.rules.units
    ka, kb = matcher.block_key(a, units), matcher.block_key(b, units)
    subject = ka is not None and kb is not None and ka[0] == kb[0]
    tests.append(Test("subject", subject, _subjects(a, b)))
    strong = matcher.settings.conflict_min_similarity / 100
    can_conflict = False
    if subject and ka is not None and kb is not None:
        same_dim = ka[1:] == kb[1:]
        tests.append(Test("dimension", same_dim, f"{_dim(ka)} / {_dim(kb)}"))
        if same_dim:
            r = matcher.relation(a, b)
            digits = matcher.settings.same_figure_digits
            figure = matcher.figure(a, digits) if digits else None
            same = figure is not None and figure == matcher.figure(b, digits)
            if r.level == "none" and not r.apart and same:
                r = Relation("same figure", 0.0, f"the same precise figure, {a.value.text}")
            r = matcher.near_figure(a, b, r)
            ok = r.level != "none"
            strength = "can conflict" if r.similarity >= strong else "corroborates only"
            detail = f"{r.level} ({r.similarity:.2f}, {strength})" if ok else r.level
            detail += f": {r.reason}" if r.reason else ""
            tests.append(Test("metric", ok, detail))
            if ok:
                period = matcher.period_relation(a, b)
                same_time = period in SAME_TIME
                labels = f"{a.period.label or a.period.kind} / {b.period.label or b.period.kind}"
                tests.append(Test("period", same_time, f"{period} ({labels})"))
                agree, gap = matcher.values(a, b)
                value = "the intervals overlap" if agree else f"disagree (gap {gap:.1%})"
                tests.append(Test("value", agree, f"{a.value.text} / {b.value.text}: {value}"))
                can_conflict = same_time and r.similarity >= strong
    both = tuple(f for f in findings if a.id in f.claims and b.id in f.claims)
    return PairExplanation(a, b, tuple(tests), both, can_conflict)


def render(e: PairExplanation) -> str:
    lines = [f"A  {_claim(e.a)}", f"B  {_claim(e.b)}", ""]
    for t in e.tests:
        mark = "yes" if t.passed else "no "
        lines.append(f"  {t.name:<10} {mark}  {t.detail}")
    lines.append("")
    if e.findings:
        lines += [f"  finding    {f.id} {f.kind}: {f.message}" for f in e.findings]
    elif not e.matched:
        failed = next(t for t in e.tests if not t.passed)
        lines.append(f"  not matched: the {failed.name} test keeps them apart")
    elif e.can_conflict and not e.tests[-1].passed:
        lines.append(
            "  matched, but no finding holds both: a value of one document agrees with the "
            "other's, or a document states both values"
        )
    else:
        lines.append("  matched; no finding holds both claims")
    return "\n".join(lines) + "\n"


def _claim(c: Claim) -> str:
    subject = c.subject.name if c.subject else "(no subject)"
    metric = c.metric.name + (f" [{c.metric.id}]" if c.metric.id else "")
    period = c.period.label or c.period.kind
    return f"{c.id} line {c.line}: {subject} · {metric} · {c.value.text} · {period}"


def _subjects(a: Claim, b: Claim) -> str:
    def name(c: Claim) -> str:
        return c.subject.name if c.subject else "(none)"

    return f"{name(a)} / {name(b)}"


def _dim(key: tuple[str, str, str]) -> str:
    return f"{key[1]} {key[2]}"
