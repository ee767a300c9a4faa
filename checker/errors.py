"""The only exceptions the command line catches.

A `CheckerError` is the user's to fix (a missing path, a broken rules file): it is shown
as one `error: …` line with an optional hint and exits 2. Anything else is a bug.
"""

from __future__ import annotations


class CheckerError(Exception):
    """A problem the user can fix; rendered without a traceback."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(CheckerError):
    """A path or document that cannot be used at all."""


class RuleFileError(CheckerError):
    """One or more rules files are invalid; `problems` lists every one of them."""

    def __init__(self, problems: list[str]) -> None:
        head = problems[0] if len(problems) == 1 else f"{len(problems)} problems in rules"
        super().__init__(head, hint="fix the entries named above; see rules/README.md")
        self.problems = problems
