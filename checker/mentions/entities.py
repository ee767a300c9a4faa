"""Entities: canonical places, companies, institutions and lists, found with Aho-Corasick.

The automaton holds every name and alias from rules/entities.toml and their Traditional
forms (from OpenCC). Matches are leftmost-longest and never overlap. One-character short
forms (粤, 浙) count only where they stand alone, next to another short form, or before
企/商/产/籍, because the same characters occur inside ordinary words. Organisations the list
does not hold are found after it by how their names end ([open_names]: 华岳钢铁集团).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

import ahocorasick
import opencc

from checker.memo import remembered
from checker.mentions.grammar import NOTHING, alt
from checker.models import EntityMention, constructed, moved
from checker.ruleset import Entity, Ruleset

HAN_LO, HAN_HI = 0x3400, 0x9FFF  # the code points of Han characters, extension A to the basic block


def _is_han(ch: str) -> bool:
    return HAN_LO <= ord(ch) <= HAN_HI


class EntityMatcher:
    def __init__(self, rules: Ruleset) -> None:
        to_trad = opencc.OpenCC("s2tw")
        self.by_id: dict[str, Entity] = {e.id: e for e in rules.entities.entity}
        self.short: set[str] = set()
        self.short_before = frozenset(rules.entities.short_forms.before)
        self.short_joints = frozenset(rules.entities.short_forms.joints)
        self.peers = rules.entities.common_words.peers
        self.common: set[str] = set()  # the forms that are also common words
        auto = ahocorasick.Automaton()
        for e in rules.entities.entity:
            for alias in [e.name, *e.aliases, *e.short, *e.common_words]:
                for form in {alias, to_trad.convert(alias)}:
                    if form not in auto:
                        auto.add_word(form, (form, e.id))
                    if alias in e.common_words:
                        self.common.add(form)
            self.short.update(e.short)
        auto.make_automaton()
        self.automaton = auto
        self.open = rules.entities.open_names
        suffix, industry = alt(self.open.suffixes), alt(self.open.industries)
        self.open_suffix = (
            re.compile(f"(?:{industry})*(?:{suffix})+" if industry else f"(?:{suffix})+")
            if suffix
            else None
        )
        # every name found by its ending holds a suffix: a sentence without one is not
        # searched (the pattern, led by the optional industries, tries every position)
        self.open_gate = re.compile(suffix) if suffix else None
        self.open_before = tuple(self.open.before)
        self.trades = tuple(self.open.trades)
        self.trade_next = tuple(self.open.trade_not_before)
        # how far past a sentence its reading looks: the character after a short form, the
        # words after a trade's name
        self.reach_after = max([1, *map(len, self.trade_next)])
        self.open_generic = re.compile(f"(?:{alt(self.open.generic) or NOTHING})+$")
        self.open_not = tuple(self.open.not_names)
        asides = rules.entities.scope_asides
        self.excluding = frozenset(asides.excluding)
        words = sorted([*asides.including, *asides.excluding], key=len, reverse=True)
        self.scope_aside = (
            re.compile(f"[（(](?P<word>{alt(words)})(?P<rest>[^（()）。，,]{{1,24}})[）)]")
            if words
            else None
        )

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[EntityMention]:
        """The entities of `text[start:end]`: the list's, then organisations it does not hold.
        Those depend on nothing but the sentence, the character before it and the few after
        it (a short form must stand alone; a trade's name ending it may go on as a trade,
        食品出口), so they are remembered for sentences read before."""
        end = len(text) if end is None else end
        before = text[start - 1] if start > 0 else ""
        after = text[end : end + self.reach_after]
        found = self.read(text[start:end], before, after)
        shift = start - len(before)
        found = [moved(e, shift) for e in found] if shift else list(found)
        return self._scoped(text, found) if self.scope_aside else found

    @cached_property
    def read(self) -> Callable[[str, str, str], list[EntityMention]]:
        """The entities of a sentence between the character `before` it and the characters
        `after` it, with offsets into `before + sentence + after`: remembered for sentences
        read before."""
        return remembered(self._read)

    def _read(self, sentence: str, before: str, after: str) -> list[EntityMention]:
        text, start = before + sentence + after, len(before)
        end = start + len(sentence)
        known = self.find_known(text, start, end)
        return sorted(known + self._open_names(text, start, end, known), key=lambda e: e.start)

    def _scoped(self, text: str, found: list[EntityMention]) -> list[EntityMention]:
        """广东（含深圳）: 广东, and 深圳 no subject; 广东（不含深圳）: a part of 广东 that is a
        subject of its own, 深圳 none (rules/entities.toml [scope_asides])."""
        assert self.scope_aside is not None
        out: list[EntityMention] = []
        inside_until = -1
        for e in found:
            if e.start < inside_until:
                continue  # named inside the aside of the entity before it
            m = self.scope_aside.match(text, e.end)
            inner = [x for x in found if m and m.start("rest") <= x.start < m.end("rest")]
            if m is None or not inner:
                out.append(e)
                continue
            inside_until = m.end()
            if m.group("word") not in self.excluding:  # the aside is part of the name
                out.append(e.model_copy(update={"end": m.end(), "text": text[e.start : m.end()]}))
                continue
            names = "、".join(x.name for x in inner)
            out.append(
                EntityMention.model_construct(
                    start=e.start,
                    end=m.end(),
                    id="",
                    name=f"{e.name}({m.group('word')}{names})",
                    type=e.type,
                    text=text[e.start : m.end()],
                )
            )
        return out

    def find_known(self, text: str, start: int = 0, end: int | None = None) -> list[EntityMention]:
        """The entities of the list in `text[start:end]`, leftmost-longest."""
        end = len(text) if end is None else end
        hits = []
        for last, (form, eid) in self.automaton.iter(text[start:end]):
            last += start
            first = last - len(form) + 1
            if form in self.short and not self._short_ok(text, first, last + 1):
                continue
            hits.append((first, last + 1, eid))
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        out: list[EntityMention] = []
        cursor = start
        for first, stop, eid in self._longest(hits):
            if first < cursor:
                continue
            e = self.by_id[eid]
            out.append(
                constructed(
                    EntityMention,
                    start=first,
                    end=stop,
                    id=eid,
                    name=e.name,
                    type=e.type,
                    text=text[first:stop],
                )
            )
            cursor = stop
        return out

    def _open_names(
        self, text: str, start: int, end: int, known: list[EntityMention]
    ) -> list[EntityMention]:
        """Organisations the list does not hold, by how their names end (see
        rules/entities.toml [open_names]): 据鼎冶咨询测算, ——华岳钢铁集团粗钢产量."""
        if self.open_suffix is None or self.open_gate is None:
            return []
        if not self.open_gate.search(text, start, end):
            return []
        rules, out = self.open, []
        for m in self.open_suffix.finditer(text, start, end):
            at = m.start()
            if any(e.start <= at < e.end for e in known):
                continue
            first = at
            while (
                first > start
                and at - first < rules.longest
                and _is_han(text[first - 1])
                and not text.endswith(self.open_before, start, first)
            ):
                first -= 1
            core = text[first:at]
            edge = first == start or not _is_han(text[first - 1])
            if not (edge or text.endswith(self.open_before, start, first)):
                continue  # longer than a name: a phrase, not a name
            if len(core) < rules.shortest or core.startswith(self.open_not):
                continue  # 上市公司, 各家保险公司, 全国钢铁集团
            if any(w in core for w in rules.not_inside):
                continue  # 居全球造船集团
            if any(e.start == first for e in self.find_known(text, first, at)):
                continue  # 河北钢铁集团: a place of the list first
            if m.group(0).endswith(self.trades) and text.startswith(self.trade_next, m.end()):
                continue  # 宠物食品出口额: the trade, not a company
            written = text[first : m.end()]
            name = self.open_generic.sub("", written) or written
            for long, short in rules.abbreviations.items():  # 恒信财产保险 is 恒信财险
                name = name[: -len(long)] + short if name.endswith(long) else name
            kind = rules.source_type if written.endswith(tuple(rules.sources)) else rules.type
            out.append(
                EntityMention.model_construct(
                    start=first, end=m.end(), id="", name=name, type=kind, text=written
                )
            )
        return out

    def in_document(self, found: list[list[EntityMention]]) -> list[list[EntityMention]]:
        """The entities of a document's sentences, without the names that are also common
        words where the document does not show them as names: it must name the same entity
        by another of its names, or `peers` other entities of the same type, one of them
        by a name that is no common word (苹果 beside 华为 and 小米, not beside 小米 alone)."""
        if not self.common or not any(e.text in self.common for es in found for e in es):
            return found
        plain = {e.id for es in found for e in es if e.text not in self.common}
        types: dict[str, set[str]] = {}
        for es in found:
            for e in es:
                types.setdefault(e.type, set()).add(e.id)

        def shown(e: EntityMention) -> bool:
            if e.text not in self.common or e.id in plain:
                return True
            peers = types[e.type] - {e.id}
            return len(peers) >= self.peers and bool(peers & plain)

        return [[e for e in es if shown(e)] for es in found]

    @staticmethod
    def _longest(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Leftmost-longest: at each start keep the longest; a longer overlapping match wins."""
        chosen: list[tuple[int, int, str]] = []
        for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
            if all(hit[1] <= c[0] or hit[0] >= c[1] for c in chosen):
                chosen.append(hit)
        return sorted(chosen)

    def _short_ok(self, text: str, first: int, stop: int) -> bool:
        before = text[first - 1] if first > 0 else ""
        after = text[stop] if stop < len(text) else ""

        def free(ch: str) -> bool:
            return not ch or not _is_han(ch) or ch in self.short or ch in self.short_joints

        return free(before) and (free(after) or after in self.short_before)
