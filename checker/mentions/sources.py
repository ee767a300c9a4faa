"""Sources: who a sentence credits, read with a small grammar instead of a list of names.

An attribution is a source phrase and a reporting verb in one clause, with optional words
between them: 据X统计, 记者从X获悉, X发布的数据显示, X副部长Y在会上介绍, 来自X的数据.
The source phrase is any organisation (a name ending in an organisation suffix, or an
entity of the rules), a person after a title or opening the clause, a 《title》 or a Latin
acronym. All words are data (rules/citations.toml [grammar]); this module is the grammar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from checker.mentions.grammar import NOTHING, alt
from checker.ruleset import Ruleset

CJK = r"\u4e00-\u9fff"
CLAUSE = re.compile(r"[，,。；;！？!?：:]")
SOURCE_TYPES = {"organisation", "report", "list", "company"}


@dataclass(frozen=True)
class Source:
    """A named source: its name, and the attribution's span in the sentence."""

    name: str
    start: int
    end: int


class NameEnds:
    """Names sought at the end of a text: one set lookup for each length the names come
    in, instead of an `endswith` for each of hundreds of names."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(names)
        self.lengths = sorted({len(n) for n in self.names})

    def end(self, text: str, within: int) -> bool:
        """Whether `text` ends with one of the names, preceded by at most `within`
        characters."""
        size = len(text)
        return any(text[size - n :] in self.names for n in self.lengths if n <= size <= n + within)


class SourceGrammar:
    """Finds the named source of one sentence, if it has one."""

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules
        self.g = rules.citations.grammar

    @cached_property
    def kinds(self) -> dict[str, set[str]]:
        g = self.g
        out: dict[str, set[str]] = {}
        for kind, words in (
            ("speech", g.speech_verbs),
            ("propose", g.propose_verbs),
            ("show", g.show_verbs),
            ("publish", g.publish_verbs),
            ("lead", g.lead_in_verbs + g.data_nouns),  # 据X报道, 根据X名单,
            ("learned", g.learned_verbs),
        ):
            for w in words:
                out.setdefault(w, set()).add(kind)
        return out

    @cached_property
    def verbs(self) -> re.Pattern[str]:
        return re.compile(alt(self.kinds) or NOTHING)

    @cached_property
    def known(self) -> NameEnds:
        return NameEnds(
            n
            for e in self.rules.entities.entity
            if e.type in SOURCE_TYPES
            for n in [e.name, *e.aliases]
        )

    @cached_property
    def bodies(self) -> NameEnds:
        """Known organisations and companies (not reports or lists)."""
        return NameEnds(
            n
            for e in self.rules.entities.entity
            if e.type in ("organisation", "company")
            for n in [e.name, *e.aliases]
        )

    @cached_property
    def tail(self) -> re.Pattern[str]:
        """Words that may stand between a source and its verb, taken off the end."""
        g = self.g
        words = alt(g.modifiers + g.data_nouns + g.publish_verbs) or NOTHING
        venue = rf"(?:{alt(g.venue_open) or NOTHING})[^，,。]{{1,24}}?(?:{alt(g.venue_close) or NOTHING})"
        time = rf"(?:{alt(g.time_preps) or NOTHING})[^，,。]{{1,8}}"
        return re.compile(
            rf"(?:{venue}|{time}|\d{{1,2}}月\d{{1,2}}日|\d{{1,2}}日|\d{{1,2}}月(?:{alt(g.month_parts)})?|"
            rf"\([^()]{{1,30}}\)|（[^（）]{{1,30}}）|{words})$"
        )

    @cached_property
    def head(self) -> re.Pattern[str]:
        g = self.g
        words = alt(g.leading + g.lead_ins + g.from_data) or NOTHING
        return re.compile(
            rf"^(?:{words}|\d{{1,2}}月\d{{1,2}}日|\d{{1,2}}日|\s|【[^】]*】|（[^）]*）|\([^)]*\))+"
        )

    @cached_property
    def publish_object(self) -> re.Pattern[str]:
        particles = "".join(f"(?:{re.escape(w)})?" for w in self.g.publish_particles)
        return re.compile(
            rf"{particles}[^，,。；;]{{0,14}}?(?:{(alt(self.g.data_nouns) or NOTHING)})"
        )

    @cached_property
    def organisation(self) -> re.Pattern[str]:
        return re.compile(rf"[{CJK}A-Za-z0-9&·]{{0,24}}(?:{(alt(self.g.org_suffixes) or NOTHING)})")

    @cached_property
    def titled_person(self) -> re.Pattern[str]:
        return re.compile(
            rf"(?:{(alt(self.g.title_suffixes) or NOTHING)})(?!{alt(self.g.not_name_start) or NOTHING})(?P<name>[{CJK}·]{{2,5}})$"
        )

    @cached_property
    def title_last(self) -> re.Pattern[str]:
        """A role standing for a person: 信息通信发展司副司长披露."""
        return re.compile(rf"[{CJK}]{{2,}}(?:{(alt(self.g.title_suffixes) or NOTHING)})$")

    @cached_property
    def places(self) -> set[str]:
        return {n for e in self.rules.entities.entity for n in [e.name, *e.aliases]}

    @cached_property
    def person(self) -> re.Pattern[str]:
        surnames = self.rules.citations.surnames
        first = f"[{re.escape(surnames)}]" if surnames else f"[{CJK}]"
        return re.compile(rf"{first}[{CJK}]{{1,2}}")

    @cached_property
    def unnamed(self) -> re.Pattern[str]:
        """A source phrase that names no one (有机构, 业内人士)."""
        return re.compile(rf"^(?:{alt(self.g.unnamed_openers) or NOTHING})")

    def find(self, text: str) -> Source | None:
        for m in self.verbs.finditer(text):
            kinds = self.kinds[m.group()]
            marks = [c.end() for c in CLAUSE.finditer(text, 0, m.start())]
            start = marks[-1] if marks else 0
            for kind in sorted(kinds):
                found = self._attempt(text, start, m.start(), m.end(), kind)
                if found:
                    return found
        return None

    def _attempt(self, text: str, start: int, verb: int, end: int, kind: str) -> Source | None:
        window = text[start:verb]
        if (
            kind == "publish"
            and not self.publish_object.match(text, end)
            and not CLAUSE.match(text, end)  # X公布:…, X13日公布,…
        ):
            return None
        if kind in ("learned", "lead"):
            cues = self.g.learned_from if kind == "learned" else self.g.lead_ins + self.g.from_data
            at = max((window.rfind(c) + len(c) if c in window else -1) for c in cues or [""])
            if at < 0:
                return None
            start, window = start + at, window[at:]
        name, refers = self._name(window, kind, verb=text[verb:end])
        bare_ref = self._bare(window) in self.g.document_refs  # 报告提出: the report named before
        if name is None and refers and (kind in ("show", "speech", "lead") or bare_ref):
            name = refers
        if name is None:
            return None
        at = text.rfind(name, start, verb)
        return Source(name=name, start=at if at >= 0 else start, end=end)

    def _name(self, window: str, kind: str, verb: str = "") -> tuple[str | None, str | None]:
        """The source named by what stands before a verb, and failing that the document
        noun it refers back to (报告显示, 报告列出的一组数据显示). Words between source and
        verb come off the end in every way they can (…新闻发布会上 may lose 上 or 会上), and
        each rest is tried, fewest words off first."""
        refers = verb if verb in self.g.document_refs else None
        frontier, seen = [window], {window}
        while frontier:
            nxt: list[str] = []
            for w in frontier:
                name = self._recognised(w, kind)
                if name is not None:
                    return name, refers
                for n in range(1, min(len(w), 32) + 1):
                    if self.tail.fullmatch(w[-n:]):
                        if w[-n:] in self.g.document_refs and refers is None:
                            refers = w[-n:]
                        rest = w[:-n]
                        if rest not in seen and len(seen) < 64:
                            seen.add(rest)
                            nxt.append(rest)
            frontier = nxt
        shortest = min(seen, key=len)
        rest = self._bare(shortest)
        for noun in self.g.document_refs:
            if rest.startswith(noun) and refers is None:
                refers = noun  # 报告列出的一组数据显示
        return None, refers

    def _bare(self, window: str) -> str:
        parts = window.split()
        return self.head.sub("", parts[-1] if parts else "").strip()

    def _recognised(self, window: str, kind: str) -> str | None:
        """The source `window` names, if it names one. A proposal (提出) is sourced only to
        an organisation: a document that proposes something is what the claim is about."""
        window = self._bare(window)
        book = re.search(r"《[^《》]{1,40}》$", window)
        if book and kind != "propose":  # 业内杂志《数智元》
            return book.group()
        if not window or self.unnamed.match(window):
            return None
        speech = kind == "speech"
        if (self.known if kind != "propose" else self.bodies).end(window, within=6):
            return window
        titled = self.titled_person.search(window)
        if titled:  # 江西省科技厅厅长黄卫东: the person speaks
            return titled.group("name")
        if self.title_last.search(window):
            return window
        if speech and self.person.fullmatch(window) and window not in self.places:
            return window
        if self.organisation.fullmatch(window) and len(window) >= 2:
            return window
        if re.fullmatch(r"[A-Z][A-Za-z&]{1,7}", window):
            return window
        return None
