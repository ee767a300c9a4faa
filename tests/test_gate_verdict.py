"""The gate's parts: one exit-code rule and one registry of formats for check and gate."""

from __future__ import annotations

import pytest

from checker.gate import EXIT_FINDINGS, EXIT_OK, exit_code
from checker.report.formats import CHECK_FORMATS, FORMATS, GATE_FORMATS

EXITS = [
    (["info", "warning"], "error", EXIT_OK),
    (["info", "error"], "error", EXIT_FINDINGS),
    (["warning"], "warning", EXIT_FINDINGS),
    (["info"], "warning", EXIT_OK),
    (["error"], "never", EXIT_OK),
    ([], "warning", EXIT_OK),
]


@pytest.mark.parametrize("severities,fail_on,code", EXITS)
def test_gate_exit_code_fails_only_at_or_above_fail_on(
    severities: list[str], fail_on: str, code: int
) -> None:
    assert exit_code(iter(severities), fail_on) == code


def test_gate_check_and_gate_formats_come_from_one_registry() -> None:
    assert set(CHECK_FORMATS) | set(GATE_FORMATS) == set(FORMATS)
    assert {f for f in FORMATS if FORMATS[f].desk} == {"text", "md", "html"}
    assert FORMATS["github"].extension == FORMATS["text"].extension == "txt"
