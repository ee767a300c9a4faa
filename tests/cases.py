"""The case files under tests/cases/: one format for claims, periods and checks.

A case file is TOML with one `[[case]]` table per case: a `name`, what is read (`text`, one
document, with optional front matter `date` and `title`; or `docs`, several documents
written out whole), then what is expected of it.

- `expect`: the records that must come out. In a claim case each entry names a claim by
  its value text (`value`) and lists fields it must have (see `claim_matches`; with
  `each = true` every claim on that value text has them, otherwise one does). In a
  quantity case each entry names a quantity by its text after repair and gives its kind,
  unit and bounds (see `check_quantities`). In a check case, the finding kinds that must
  be found.
- `claims` (check cases): value texts that must be claims of the documents, so that a case
  about what is *not* flagged still shows the figures were read.
- `absent`: value texts that must not be claims, or finding kinds that must not be found.
- `messages` (check cases): text that some finding's message holds.

Every case expects at least one record (`expect`, `claims` or `messages`): a case of
`absent` alone would pass on a pipeline that returns nothing, and the loader rejects it.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

from checker.ingest.documents import parse_document
from checker.models import Claim, Quantity, jsonable
from checker.pipeline import Toolkit, analyse

FOLDER = Path(__file__).resolve().parent / "cases"
POSITIVE = ("expect", "claims", "messages")
KEYS = {"name", "text", "date", "title", "docs", "absent", *POSITIVE}


class CaseError(ValueError):
    """A case file that is no valid case list (the message names the file and the case)."""


def load_cases(name: str) -> list[dict[str, Any]]:
    """The cases of tests/cases/`name`, checked: a name each, something to read, known keys
    and at least one positive expectation."""
    path = FOLDER / name
    cases = tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])
    names: set[str] = set()
    for i, case in enumerate(cases):
        where = f"{path.name}: case {i + 1} ({case.get('name', 'no name')})"
        if not case.get("name") or case["name"] in names:
            raise CaseError(f"{where}: every case needs a name of its own")
        names.add(case["name"])
        if ("text" in case) == ("docs" in case):
            raise CaseError(f"{where}: give either `text` or `docs`")
        if unknown := set(case) - KEYS:
            raise CaseError(f"{where}: unknown keys {sorted(unknown)}")
        if not any(case.get(key) for key in POSITIVE):
            raise CaseError(
                f"{where}: no positive expectation: say what is found ({', '.join(POSITIVE)}), "
                "not only what is absent"
            )
        for want in case.get("expect", []):
            if isinstance(want, dict) and ("value" not in want or set(want) - FIELDS):
                raise CaseError(f"{where}: an expected claim needs `value` and known fields")
    return cases


def case_ids(cases: list[dict[str, Any]], prefix: str = "") -> list[str]:
    return [f"{prefix}{c['name']}" for c in cases]


def case_document(case: dict[str, Any]) -> bytes:
    """A `text` case as one document, with its front matter."""
    text = case["text"]
    meta = [f"{k}: {case[k]}" for k in ("title", "date") if k in case]
    if meta:
        text = "---\n" + "\n".join(meta) + f"\n---\n{text}"
    return str(text).encode()


def case_claims(case: dict[str, Any], toolkit: Toolkit) -> list[Claim]:
    analysis = analyse(parse_document(case_document(case), "case.txt", "case.txt"), toolkit)
    return list(analysis.claims)


def _subject(c: Claim) -> str | None:
    return c.subject.name if c.subject else None


CHECKS = {
    "subject": lambda c, v: c.subject is not None and v in (c.subject.name, c.subject.text),
    "no_subject": lambda c, v: (c.subject is None) == v,
    "metric": lambda c, v: c.metric.id == v,
    "metric_name": lambda c, v: c.metric.name == v,
    "metric_has": lambda c, v: v in c.metric.name,
    "kind": lambda c, v: c.kind == v,
    "unit": lambda c, v: c.unit == v,
    "lo": lambda c, v: c.value.lo is not None and math.isclose(c.value.lo, v),
    "hi": lambda c, v: c.value.hi is not None and math.isclose(c.value.hi, v),
    "lo_open": lambda c, v: c.value.lo_open == v,
    "hi_open": lambda c, v: c.value.hi_open == v,
    "period": lambda c, v: c.period.label == v,
    "no_period": lambda c, v: (c.period.label is None) == v,
    "citation": lambda c, v: c.citation.status == v,
    "source": lambda c, v: c.citation.source == v,
    "source_in": lambda c, v: c.citation.source is not None and v in c.citation.source,
    "flag": lambda c, v: v in c.flags,
}
FIELDS = {"value", "each", "subjects", "no_lo", "no_hi", *CHECKS}


def claim_matches(c: Claim, want: dict[str, Any]) -> bool:
    """`c` has every field `want` lists (`value`, `each` and `subjects` are about the set of
    claims on a value text, see `check_claims`)."""
    return all(CHECKS[k](c, v) for k, v in want.items() if k in CHECKS)


def check_claims(case: dict[str, Any], claims: list[Claim]) -> None:
    """Assert a claim case's expectations on the claims of its document."""
    for want in case.get("expect", []):
        on = [c for c in claims if c.value.text == want["value"]]
        assert on, f"no claim on {want['value']}: {[c.value.text for c in claims]}"
        shown = [
            {k: v for k, v in jsonable(c).items() if k in SHOWN}
            for c in on  # what the claims on the value text are, when one does not match
        ]
        if "subjects" in want:
            assert {_subject(c) for c in on} == set(want["subjects"]), shown
        if want.get("each"):
            assert all(claim_matches(c, want) for c in on), shown
        else:
            assert any(claim_matches(c, want) for c in on), shown
    for value in case.get("absent", []):
        assert not [c for c in claims if value in c.value.text], value


SHOWN = {"subject", "metric", "kind", "value", "unit", "period", "citation"}


def _same(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is y
    return math.isclose(x, y, rel_tol=1e-4, abs_tol=1e-4)


def check_quantities(case: dict[str, Any], quantities: list[Quantity], text: str) -> None:
    """Assert a quantity case on the quantities found in `text` (the repaired text): a
    quantity over each expected text, with exactly the kind, unit and bounds listed
    (`no_lo`/`no_hi`: no such bound; openness false unless set)."""
    for want in case["expect"]:
        on = [q for q in quantities if text[q.start : q.end] == want["value"]]
        assert on, f"no quantity on {want['value']}: {[text[q.start : q.end] for q in quantities]}"
        expected = (
            want["kind"],
            want["unit"],
            None if want.get("no_lo") else want["lo"],
            None if want.get("no_hi") else want["hi"],
            want.get("lo_open", False),
            want.get("hi_open", False),
        )
        got = [
            (q.kind, q.unit, q.value.lo, q.value.hi, q.value.lo_open, q.value.hi_open) for q in on
        ]
        assert any(
            g[:2] == expected[:2]
            and _same(g[2], expected[2])
            and _same(g[3], expected[3])
            and g[4:] == expected[4:]
            for g in got
        ), (expected, got)
