"""messages.<lang>.toml: every human-facing string of the reports, in each language."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from checker.ruleset.base import Rule, Slug
from checker.ruleset.locate import line_of, show

# Every human-facing string of the reports, by key, with the placeholders its template may
# use. Each messages file must define every key (and no other): a missing translation is
# an error at load time, not an English word in a Chinese report.
MESSAGE_KEYS: dict[str, tuple[str, ...]] = {
    "title": (),
    "summary": ("documents", "claims", "findings"),
    "unsourced": ("share", "uncited", "total"),
    "sums": ("consistent", "total"),
    "doc_date": ("date",),
    "doc_date_inferred": ("date",),
    "doc_date_unknown": (),
    "no_repairs": (),
    "col_document": (),
    "col_date": (),
    "col_script": (),
    "col_repairs": (),
    "col_claims": (),
    "sourcing": (),
    "other_kinds": (),
    "uncited_entry": ("figures", "sentences"),
    "vague_entry": ("figures", "sentences"),
    "values_sep": (),
    "list_sep": (),
    "value_at": ("value", "doc", "period"),
    "conflict": ("subject", "metric", "values", "periods"),
    "revision": ("subject", "metric", "values", "periods"),
    "period_drift": ("subject", "metric", "values", "periods"),
    "period_drift_target": ("subject", "metric", "values", "periods"),
    "corroboration": ("subject", "metric", "values", "count", "docs"),
    "source_quality": ("doc", "detail"),
    "why_level": ("level",),
    "why_similarity": ("level", "similarity"),
    "why_periods": ("relation",),
    "why_alias": ("detail",),
    "why_gap": ("gap",),
    "why": (),
    "values": (),
    "more": ("n",),
    "more_findings": ("n",),
    "original": (),
    "repaired": (),
    "all": (),
    "filter_kind": (),
    "filter_severity": (),
    "filter_doc": (),
    "shown": (),
    "internal_sums": (),
    "consistent": (),
    "inconsistent": (),
    "chart_title": ("subject", "metric"),
    "chart_alt": ("subject", "metric", "values"),
    "chart_open": (),
    "overview_title": (),
    "overview_alt": ("rows",),
    "no_period": (),
    "no_findings": (),
    "review_progress": ("n", "total", "decided"),
    "review_keys": (),
    "review_reason": (),
    "review_saved": ("decision", "file"),
    "review_done": ("decided", "total", "file"),
    "review_not_a_terminal": (),
}
# Counted nouns: {n} and the noun, with English "1 figure" and "2 figures".
PLURAL_KEYS = ("documents", "claims", "findings", "figures", "sentences", "sources")


def message_problems(path: Path, raw: str, messages: MessagesFile) -> list[str]:
    problems: list[str] = []
    where = show(path)

    def check(table: str, key: str, template: str, allowed: tuple[str, ...]) -> None:
        try:
            template.format(**{name: "x" for name in allowed})
        except (KeyError, IndexError, ValueError) as exc:
            line = line_of(raw, f"{key} =")
            problems.append(
                f'{where}:{line}: [{table}] "{key}": unknown placeholder or bad format: {exc} '
                f"(placeholders: {', '.join(allowed) or 'none'})"
            )

    for key in sorted(set(MESSAGE_KEYS) - set(messages.text)):
        problems.append(f'{where}: [text]: missing message "{key}"')
    for key in sorted(set(messages.text) - set(MESSAGE_KEYS)):
        problems.append(f'{where}:{line_of(raw, key + " =")}: [text] "{key}": unknown message')
    for key, template in messages.text.items():
        check("text", key, template, MESSAGE_KEYS.get(key, ()))
    for key in sorted(set(PLURAL_KEYS) - set(messages.plural)):
        problems.append(f'{where}: [plural]: missing counted noun "{key}"')
    for key, forms in messages.plural.items():
        if key not in PLURAL_KEYS:
            problems.append(f'{where}:{line_of(raw, key + " =")}: [plural] "{key}": unknown noun')
        for form in (forms.one, forms.other):
            if form is not None:
                check("plural", key, form, ("n",))
    return problems


class PluralForms(Rule):
    one: str | None = None  # languages without a singular form leave it out
    other: str


class MessagesFile(Rule):
    """The words of the human-facing reports in one language (`rules/messages.<lang>.toml`)."""

    lang: Literal["en", "zh"]
    text: dict[str, str]
    plural: dict[str, PluralForms]
    # names of finding kinds, severities, scripts, repairs, decisions, matching levels and
    # period relations; a value without a name here is shown as it is
    label: dict[Slug, dict[str, str]] = {}
    explain: dict[Slug, str] = {}  # `crosscheck explain CHECK` texts; English is the docstring


LANGUAGES = ("en", "zh")
