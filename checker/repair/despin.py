"""Restore machine-spun text (洗稿) with the pairs in rules/despin.toml.

The detector counts Tier-A markers, forms ordinary Chinese never uses (东说念主,
数据露馅). Pairs then apply by their rule: `always` everywhere; `spun-doc-only` and
`context` only in documents the detector flags, `context` only inside a match of its
pattern. Every rule is evaluated on the text before any replacement; longer spun forms
claim characters first (ties by file order) and all edits are applied in one pass, so
replacements never chain and never hide each other's context. A replacement made in
context maps back to a stretch of the text from which its pattern alone makes it (技术所在
for 所在 → 方向), so the offset map points at text whose own repair holds it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from checker.mentions.grammar import required_words
from checker.repair.offsets import Edit, OffsetMap, apply_edits
from checker.ruleset import DespinFile, DespinPair

NOT_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


class Verdict(NamedTuple):
    spun: bool  # Tier-A detector fired
    other: bool  # an older spinner family (Tier B) fired
    hits: int
    distinct: int
    per_1k: float


class Candidate(NamedTuple):
    rank: tuple[int, int]  # (-len(spun), order in the rules file): who claims first
    start: int
    end: int
    original: str
    reads: tuple[int, int] | None = None  # the context it was decided on, when wider


class Marker(NamedTuple):
    """A detector pattern, with the words one of which each of its matches holds (None:
    no such words), looked for first: most texts hold none of a marker's words."""

    pattern: re.Pattern[str]
    words: frozenset[str] | None

    @classmethod
    def of(cls, pattern: str) -> Marker:
        return cls(re.compile(pattern), required_words(pattern))

    def count(self, text: str) -> int:
        return len(self.pattern.findall(text)) if self._may_match(text) else 0

    def found(self, text: str) -> bool:
        return self._may_match(text) and self.pattern.search(text) is not None

    def _may_match(self, text: str) -> bool:
        return self.words is None or any(w in text for w in self.words)


@dataclass(frozen=True)
class Despinner:
    markers: tuple[Marker, ...]
    other_markers: tuple[Marker, ...]
    settings: DespinFile
    always: ahocorasick.Automaton | None
    spun_only: ahocorasick.Automaton | None
    context: tuple[tuple[int, DespinPair, re.Pattern[str]], ...]
    context_forms: ahocorasick.Automaton | None  # the context pairs' spun forms, found in one pass

    @classmethod
    def build(cls, rules: DespinFile) -> Despinner:
        keep = set(rules.detector.apply_confidence)
        ranked = [(i, p) for i, p in enumerate(rules.pair) if p.confidence in keep]
        return cls(
            markers=tuple(Marker.of(m) for m in rules.detector.markers),
            other_markers=tuple(Marker.of(m) for m in rules.detector.other_markers),
            settings=rules,
            always=_automaton([(i, p) for i, p in ranked if p.rule == "always"]),
            spun_only=_automaton([(i, p) for i, p in ranked if p.rule == "spun-doc-only"]),
            context=tuple(
                (i, p, re.compile(p.context or re.escape(p.spun)))
                for i, p in ranked
                if p.rule == "context"
            ),
            context_forms=_automaton([(i, p) for i, p in ranked if p.rule == "context"]),
        )

    def score(self, text: str) -> Verdict:
        det = self.settings.detector
        counts = [m.count(text) for m in self.markers]
        hits, distinct = sum(counts), sum(1 for c in counts if c)
        cjk = len(NOT_CJK.sub("", text))  # CJK characters, counted without a list of them
        per_1k = hits * 1000 / cjk if cjk else 0.0
        need = det.short_min_distinct if cjk < det.short_doc_chars else det.min_distinct
        spun = distinct >= need and per_1k >= det.min_per_1k
        other = sum(1 for m in self.other_markers if m.found(text)) >= det.other_min_distinct
        return Verdict(spun, other, hits, distinct, per_1k)

    def restore(
        self, text: str, verdict: Verdict, into: OffsetMap | None = None
    ) -> tuple[str, OffsetMap, int]:
        """The text restored, its map (through `into`, a map of `text`, when given: see
        `apply_edits`) and how many edits were made."""
        found = _literal(self.always, text)
        if verdict.spun:
            found += _literal(self.spun_only, text)
            found += self._in_context(text)
        edits = _claim(found, len(text))
        if not edits:
            return text, into or OffsetMap.identity(len(text)), 0
        new, offsets = apply_edits(text, edits, into)
        return new, offsets, len(edits)

    def _in_context(self, text: str) -> list[Candidate]:
        """Occurrences of context pairs' spun forms inside a match of their pattern. The
        pattern is run only on windows around the occurrences, not on the whole text."""
        found: list[Candidate] = []
        starts: dict[str, list[int]] = defaultdict(list)
        for end, (_, spun, _) in self.context_forms.iter(text) if self.context_forms else ():
            starts[spun].append(end + 1 - len(spun))
        for order, pair, pattern in self.context:
            if pair.spun not in starts:
                continue
            reach, width = self.settings.context_reach, len(pair.spun)
            for lo, hi in _windows(starts[pair.spun], width, len(text), reach):
                for match in pattern.finditer(text, lo, hi):
                    at = text.find(pair.spun, match.start(), match.end())
                    while at != -1 and at + width <= match.end():
                        reads = _context(pattern, text, at, width, reach) or match.span()
                        found.append(
                            Candidate(
                                (-width, order),
                                at,
                                at + width,
                                pair.original,
                                None if reads == (at, at + width) else reads,
                            )
                        )
                        at = text.find(pair.spun, at + width, match.end())
        return found


def _context(
    pattern: re.Pattern[str], text: str, at: int, width: int, reach: int
) -> tuple[int, int] | None:
    """A stretch of `text` around `text[at:at + width]` in which `pattern`, run on that
    stretch alone, matches over the occurrence: the context a replacement was made on.
    It takes as little as it needs before the occurrence, then as little after (a
    lookahead); None when no stretch within `reach` either side does."""

    def finds(lo: int, hi: int) -> bool:
        return any(
            m.start() <= at - lo and at + width - lo <= m.end()
            for m in pattern.finditer(text[lo:hi])
        )

    far = min(len(text), at + width + reach)
    lo = next((lo for lo in range(at, max(0, at - reach) - 1, -1) if finds(lo, far)), None)
    if lo is None:
        return None
    return lo, next(hi for hi in range(at + width, far + 1) if finds(lo, hi))


def _windows(starts: list[int], width: int, length: int, reach: int) -> list[tuple[int, int]]:
    """Disjoint ranges of a text of `length` covering every occurrence (at `starts`, of
    `width` characters) with `reach` characters on both sides (lookbehinds still see
    before a range, as `re` allows)."""
    out: list[tuple[int, int]] = []
    for at in starts:
        lo, hi = max(0, at - reach), min(length, at + width + reach)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _automaton(pairs: list[tuple[int, DespinPair]]) -> ahocorasick.Automaton | None:
    if not pairs:
        return None
    auto = ahocorasick.Automaton()
    for order, pair in pairs:
        if pair.spun not in auto:
            auto.add_word(pair.spun, (order, pair.spun, pair.original))
    auto.make_automaton()
    return auto


def _literal(auto: ahocorasick.Automaton | None, text: str) -> list[Candidate]:
    if auto is None:
        return []
    return [
        Candidate((-len(spun), order), end + 1 - len(spun), end + 1, original)
        for end, (order, spun, original) in auto.iter(text)
    ]


def _claim(found: list[Candidate], length: int) -> list[Edit]:
    """Longer spun forms first, then file order; skip anything overlapping a claim."""
    taken = bytearray(length)
    edits: list[Edit] = []
    for cand in sorted(found, key=lambda c: (c.rank, c.start, c.end, c.original)):
        if any(taken[cand.start : cand.end]):
            continue
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        edits.append(Edit(cand.start, cand.end, cand.original, cand.reads))
    return sorted(edits, key=lambda e: (e.start, e.end))
