"""Citations: who each sentence credits for its numbers (rules/citations.toml).

`named` when a specific organisation, report, list, dataset or person is credited;
`vague` when only a 数据显示-style cue is; `none` otherwise. A sentence without its own
citation inherits the previous sentence's in the same paragraph, or the previous
paragraph's when it opens with a continuation cue (其中…, 不只是…).
"""

from __future__ import annotations

import re
from functools import cached_property

from checker.models import Citation, Sentence
from checker.ruleset import Ruleset

SOURCE_TYPES = {"organisation", "report", "list"}


class CitationFinder:
    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules

    @cached_property
    def named(self) -> list[re.Pattern[str]]:
        names = sorted(
            {n for e in self.rules.entities.entity if e.type in SOURCE_TYPES for n in [e.name, *e.aliases]},
            key=len, reverse=True,
        )
        org = "|".join(re.escape(n) for n in names)
        titles = "".join(f"|(?<={re.escape(t)})" for t in self.rules.citations.person_titles)
        person = rf"(?:(?<=^)|(?<=[，,。:：“”\s、]){titles})[\u4e00-\u9fff]{{2,3}}"
        return [re.compile(p.replace("{ORG}", f"(?:{org})").replace("{PERSON}", person))
                for p in self.rules.citations.named]

    def in_sentence(self, text: str) -> Citation | None:
        found = self.locate(text)
        return found[0] if found else None

    def locate(self, text: str) -> tuple[Citation, tuple[int, int]] | None:
        """The sentence's own citation and where its attribution stands in `text`."""
        for pattern in self.named:
            m = pattern.search(text)
            if m:
                source = m.groupdict().get("source") or m.group(0)
                cite = Citation(status="named", source=source.strip("《》"), text=m.group(0), scope="sentence")
                return cite, m.span()
        for cue in self.rules.citations.vague:
            at = text.find(cue)
            if at >= 0:
                return Citation(status="vague", source=None, text=cue, scope="sentence"), (at, at + len(cue))
        return None

    def for_sentences(self, sentences: tuple[Sentence, ...]) -> list[Citation]:
        """The citation of every sentence, carried where the text continues a source."""
        out: list[Citation] = []
        previous: Citation | None = None
        previous_paragraph = -1
        for s in sentences:
            own = self.in_sentence(s.text)
            if own is not None:
                out.append(own)
                previous, previous_paragraph = own, s.paragraph
                continue
            same = s.paragraph == previous_paragraph
            opens = not same and s.paragraph == previous_paragraph + 1 and any(
                s.text.startswith(c) for c in self.rules.citations.continuation)
            if previous is not None and (same or opens):
                carried = previous.model_copy(update={"scope": "carried"})
                out.append(carried)
                previous_paragraph = s.paragraph
            else:
                out.append(Citation())
                previous = None
        return out
