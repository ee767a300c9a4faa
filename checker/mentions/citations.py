"""Citations: who each sentence credits for its numbers (rules/citations.toml).

`named` when a specific organisation, report, list, dataset or person is credited;
`vague` when only a 数据显示-style cue is; `none` otherwise. A sentence without its own
citation inherits the previous sentence's in the same paragraph, or the previous
paragraph's when it opens with a continuation cue (其中…, 不只是…).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

from checker.memo import remembered
from checker.mentions.grammar import alt, chars, required_chars
from checker.mentions.sources import SourceGrammar
from checker.models import Citation, Sentence, derive
from checker.ruleset import Ruleset

SOURCE_TYPES = {"organisation", "report", "list"}


class CitationFinder:
    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules

    @cached_property
    def named(self) -> list[re.Pattern[str]]:
        names = sorted(
            {
                n
                for e in self.rules.entities.entity
                if e.type in SOURCE_TYPES
                for n in [e.name, *e.aliases]
            },
            key=len,
            reverse=True,
        )
        org = "|".join(re.escape(n) for n in names)
        titles = "".join(f"|(?<={re.escape(t)})" for t in self.rules.citations.person_titles)
        surnames = (
            re.escape(self.rules.citations.surnames)
            if self.rules.citations.surnames
            else r"\u4e00-\u9fff"
        )
        # A person opens with a lookahead for a surname, so the regex engine tries the
        # many title lookbehinds only where a name can start (12× faster on news text).
        person = (
            rf"(?=[{surnames}])(?:(?<=^)|(?<=[，,。:：“”\s、]){titles})"
            rf"[{surnames}][\u4e00-\u9fff]{{1,2}}"
        )
        return [
            re.compile(p.replace("{ORG}", f"(?:{org})").replace("{PERSON}", person))
            for p in self.rules.citations.named
        ]

    @cached_property
    def triggers(self) -> re.Pattern[str]:
        """A cheap first test: characters of which every match of a named pattern holds
        one, read from the patterns themselves, so a new pattern is never skipped. A
        pattern without such characters makes the test pass every sentence."""
        found = [required_chars(p.pattern) for p in self.named]
        if any(f is None for f in found):
            return re.compile("")
        return re.compile(f"[{chars(c for f in found if f for c in f)}]")

    @cached_property
    def any_vague(self) -> re.Pattern[str]:
        """Whether a sentence holds any vague cue at all, in one pass."""
        cues = sorted(self.rules.citations.vague, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, cues)) or "(?!)")

    def in_sentence(self, text: str) -> Citation | None:
        found = self.locate(text)
        return found[0] if found else None

    @cached_property
    def grammar(self) -> SourceGrammar:
        return SourceGrammar(self.rules)

    @cached_property
    def notes(self) -> re.Pattern[str] | None:
        words = alt(self.rules.citations.notes)
        return re.compile(rf"\s*(?:{words})\s*[:：]\s*") if words else None

    @cached_property
    def heading_notes(self) -> re.Pattern[str] | None:
        words = alt(self.rules.citations.notes)
        if not words:
            return None
        return re.compile(rf"[（(]\s*(?:{words})\s*[:：]\s*([^）)]{{2,40}})[）)]")

    def heading_note(self, text: str) -> tuple[Citation, tuple[int, int]] | None:
        """主要指标（来源：教育部）: a source note in brackets, naming the source of the lines
        below it."""
        found = self.heading_notes.search(text) if self.heading_notes is not None else None
        if found is None:
            return None
        source = found.group(1).strip()
        cite = Citation(status="named", source=source, text=found.group(0), scope="sentence")
        return cite, found.span()

    def note(self, text: str) -> tuple[Citation, tuple[int, int]] | None:
        """数据来源：国家统计局: a source note, the line naming the source of those above."""
        opened = self.notes.match(text) if self.notes is not None else None
        if opened is None:
            return self.heading_note(text)
        source = text[opened.end() :].strip().rstrip("。.;；")
        if not source:
            return None
        return Citation(status="named", source=source, text=text.strip(), scope="sentence"), (
            0,
            len(text),
        )

    @cached_property
    def located(self) -> Callable[[str], tuple[Citation, tuple[int, int]] | None]:
        """`_locate`, remembered for sentences read before."""
        return remembered(self._locate)

    def locate(self, text: str) -> tuple[Citation, tuple[int, int]] | None:
        """The sentence's own citation and where its attribution stands in `text`
        (it depends on nothing else)."""
        return self.located(text)

    def _locate(self, text: str) -> tuple[Citation, tuple[int, int]] | None:
        """The source grammar goes first (any organisation, person or document before a
        reporting verb); then the named patterns of the rules, with vague cues blanked so
        that 据不完全统计 never reads as a named source; then the vague cues."""
        note = self.note(text)
        if note is not None:
            return note
        found = self.grammar.find(text)
        if found is not None:
            cite = Citation(
                status="named",
                source=found.name.strip("《》“”"),
                text=text[found.start : found.end],
                scope="sentence",
            )
            return cite, (found.start, found.end)
        vague = self.any_vague.search(text) is not None
        blanked = text
        for cue in self.rules.citations.vague if vague else ():
            if cue in blanked:
                blanked = blanked.replace(cue, "\0" * len(cue))
        named = self.triggers.search(blanked) is not None
        for pattern in self.named if named else ():
            m = pattern.search(blanked)
            if m:
                source = (m.groupdict().get("source") or "").strip("《》“”") or m.group(0)
                cite = Citation(status="named", source=source, text=m.group(0), scope="sentence")
                return cite, m.span()
        for cue in self.rules.citations.vague if vague else ():
            at = text.find(cue)
            if at >= 0:
                return Citation(status="vague", source=None, text=cue, scope="sentence"), (
                    at,
                    at + len(cue),
                )
        return None

    def for_sentences(
        self,
        sentences: tuple[Sentence, ...],
        found: dict[int, tuple[Citation, tuple[int, int]] | None] | None = None,
    ) -> list[tuple[Citation, int | None]]:
        """The citation of every sentence, carried where the text continues a source,
        with the index of the sentence that names it (None when there is none)."""
        out: list[tuple[Citation, int | None]] = []
        previous: Citation | None = None
        origin: int | None = None
        previous_paragraph = -1
        for s in sentences:
            located = found[s.index] if found is not None else self.locate(s.text)
            own = located[0] if located else None
            if (
                own is not None
                and own.status == "vague"
                and previous is not None
                and previous.status == "named"
                and s.paragraph == previous_paragraph
            ):  # X发布…。数据显示,…: the data just named
                out.append((derive(previous, scope="carried"), origin))
                continue
            if own is not None:
                out.append((own, s.index))
                previous, origin, previous_paragraph = own, s.index, s.paragraph
                continue
            same = s.paragraph == previous_paragraph
            opens = (
                not same
                and s.paragraph == previous_paragraph + 1
                and any(s.text.startswith(c) for c in self.rules.citations.continuation)
            )
            if previous is not None and (same or opens):
                out.append((derive(previous, scope="carried"), origin))
                previous_paragraph = s.paragraph
            else:
                out.append((Citation(), None))
                previous = origin = None
        return self._noted(sentences, out)

    def _noted(
        self, sentences: tuple[Sentence, ...], out: list[tuple[Citation, int | None]]
    ) -> list[tuple[Citation, int | None]]:
        """Source notes carried back to the sentences above them that have no source,
        as far as `note_reach` and the first one that has."""
        reach = self.rules.citations.note_reach
        if self.notes is None or not reach:
            return out
        for i, s in enumerate(sentences):
            cited = out[i][0]
            if cited.status != "named" or out[i][1] != s.index:
                continue
            if self.notes.match(s.text):  # closing a list: the lines above
                steps = range(i - 1, max(-1, i - 1 - reach), -1)
            elif self.heading_notes is not None and self.heading_notes.search(s.text):
                steps = range(i + 1, min(len(sentences), i + 1 + reach))  # heading: below
            else:
                continue
            for j in steps:
                if out[j][1] not in (None, s.index) or out[j][0].status == "vague":
                    break  # a sentence with a source of its own
                out[j] = (derive(cited, scope="carried"), s.index)
        return out
