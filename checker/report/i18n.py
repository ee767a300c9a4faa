"""The words of the human-facing reports, from `rules/messages.<lang>.toml`.

The JSON report never goes through here: it stays language-neutral. Text, Markdown, HTML,
`explain` and `review` ask a `Catalog` for every label and message.
"""

from __future__ import annotations

from collections.abc import Mapping

from checker.ruleset import LANGUAGES, MessagesFile, Ruleset


def pick_lang(given: str | None, environ: Mapping[str, str]) -> str:
    """`--lang` when given, else the locale (`LC_ALL` before `LANG`): zh_CN.UTF-8 → zh;
    anything else, or nothing, → en."""
    if given:
        return given
    for name in ("LC_ALL", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


class Catalog:
    """Templates of one language, formatted on demand."""

    def __init__(self, messages: MessagesFile) -> None:
        self.messages = messages
        self.lang = messages.lang

    @classmethod
    def of(cls, rules: Ruleset, lang: str = "en") -> Catalog:
        return cls(rules.messages[lang])

    def t(self, key: str, **values: object) -> str:
        return self.messages.text[key].format(**values)

    def n(self, noun: str, count: int) -> str:
        """A counted noun: "1 figure", "2 figures", "2 个数字"."""
        forms = self.messages.plural[noun]
        form = forms.one if count == 1 and forms.one is not None else forms.other
        return form.format(n=count)

    def label(self, group: str, value: str) -> str:
        """The name of a kind, severity, script, damage or decision; an unknown value
        (a finding kind this catalog does not know yet) is shown as it is."""
        return self.messages.label.get(group, {}).get(value, value)

    def explain(self, check: str) -> str | None:
        text = self.messages.explain.get(check)
        return text.strip() if text else None
