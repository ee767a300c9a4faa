"""Offset maps: every repaired character knows where it came from in the original.

A repair step returns its new text together with an `OffsetMap` that gives, for each
character of the new text, the half-open range of the step's input it was made from.
Maps compose, so after all steps each normalized character points into the file as read.
A character that is only converted (Traditional → Simplified, full width → half width)
keeps its own position; every character of a replacement (东说念主 → 人, 鸠合 → 连续)
maps to the whole range the replacement was decided on, so the slice it points at
repairs to text holding it: the replaced range, or for a replacement made only in
context (研究所在 → 研究方向) the replaced range with that context. The ranges of the
characters around it widen just enough to keep the map's starts and ends in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace `text[start:end]` with `replacement` ("" deletes). `reads` is the range the
    replacement depends on when it is wider than the replaced one (its context)."""

    start: int
    end: int
    replacement: str
    reads: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """For normalized index i, the original range is ``[starts[i], ends[i])``. A text
    that no step changed keeps `range`s, which cost nothing however long the text."""

    starts: Sequence[int]
    ends: Sequence[int]
    source_len: int

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(range(length), range(1, length + 1), length)

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized ``[start, end)`` to the original; empty spans map to a point."""
        if end > start:
            return self.starts[start], self.ends[end - 1]
        point = self.point(start)
        return point, point

    def point(self, index: int) -> int:
        """The original offset of a normalized position (a boundary, not a character)."""
        if index < len(self.starts):
            return self.starts[index]
        return self.ends[-1] if self.ends else self.source_len

    def shifted(self, offset: int, source_len: int) -> OffsetMap:
        """The same map for a text that starts `offset` characters into a larger one."""
        if isinstance(self.starts, range) and isinstance(self.ends, range):
            return OffsetMap(
                range(self.starts.start + offset, self.starts.stop + offset),
                range(self.ends.start + offset, self.ends.stop + offset),
                source_len,
            )
        return OffsetMap(
            tuple([s + offset for s in self.starts]),
            tuple([e + offset for e in self.ends]),
            source_len,
        )

    def then(self, later: OffsetMap) -> OffsetMap:
        """Compose: `self` maps B→A, `later` maps C→B; the result maps C→A."""
        if self.unchanged():
            return OffsetMap(later.starts, later.ends, self.source_len)
        starts, ends = self.starts, self.ends
        return OffsetMap(
            tuple([starts[s] for s in later.starts]),
            tuple([ends[e - 1] if e > 0 else 0 for e in later.ends]),
            self.source_len,
        )

    def unchanged(self) -> bool:
        """Whether the map is the identity of ranges, made where a step changed nothing."""
        starts, ends = self.starts, self.ends
        return starts == range(len(starts)) and ends == range(1, len(starts) + 1)


def apply_edits(
    text: str, edits: Iterable[Edit], into: OffsetMap | None = None
) -> tuple[str, OffsetMap]:
    """Apply sorted, non-overlapping edits in one pass and return the map to `text`; given
    `into`, a map of `text` itself, the map to where `into` points (`into.then` of the map
    to `text`, made in the same pass)."""
    through = _Through(into, len(text))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    wider: list[tuple[int, int, int, int]] = []  # replacements read on wider text: where, what
    cursor = 0
    for edit in edits:
        if edit.start < cursor or edit.end < edit.start:
            raise ValueError(f"edits overlap or are unsorted at {edit.start}")
        through.keep(text, cursor, edit.start, pieces, starts, ends)
        lo, hi = through.replace(edit, pieces, starts, ends)
        if edit.reads is not None and edit.replacement:
            wider.append((len(starts) - len(edit.replacement), len(starts), lo, hi))
        cursor = edit.end
    through.keep(text, cursor, len(text), pieces, starts, ends)
    _widen_neighbours(starts, ends, wider)
    return "".join(pieces), OffsetMap(tuple(starts), tuple(ends), through.source_len)


def _widen_neighbours(
    starts: list[int], ends: list[int], wider: list[tuple[int, int, int, int]]
) -> None:
    """Keep starts and ends in order around replacements whose context reaches over their
    neighbours: each start becomes the least start from it on, each end the greatest end
    up to it. Elsewhere they are in order already (kept text and plain replacements), so
    only the characters a context reaches over change, walked from the replacement out."""
    for first, _, lo, _ in reversed(wider):
        at = first - 1
        while at >= 0 and starts[at] > lo:
            starts[at] = lo
            at -= 1
    for _, last, _, hi in wider:
        at = last
        while at < len(ends) and ends[at] < hi:
            ends[at] = hi
            at += 1


class _Through:
    """Where kept text and replacements point: into the edited text itself, or through a
    map of it (`into`), as `OffsetMap.then` would take them."""

    def __init__(self, into: OffsetMap | None, length: int) -> None:
        self.into = None if into is None or into.unchanged() else into
        self.source_len = length if into is None else into.source_len

    def keep(
        self, text: str, a: int, b: int, pieces: list[str], starts: list[int], ends: list[int]
    ) -> None:
        if b > a:
            pieces.append(text[a:b])
            if self.into is None:
                starts.extend(range(a, b))
                ends.extend(range(a + 1, b + 1))
            else:
                starts.extend(self.into.starts[a:b])
                ends.extend(self.into.ends[a:b])

    def replace(
        self, edit: Edit, pieces: list[str], starts: list[int], ends: list[int]
    ) -> tuple[int, int]:
        """Add the replacement; return the range it points at."""
        new = edit.replacement
        lo, hi = edit.reads or (edit.start, edit.end)
        if not lo <= edit.start <= edit.end <= hi:
            raise ValueError(f"an edit at {edit.start} reads {lo}–{hi}, not all it replaces")
        if self.into is not None and new:
            lo, hi = self.into.starts[lo], self.into.ends[hi - 1] if hi > 0 else 0
        pieces.append(new)
        starts.extend([lo] * len(new))
        ends.extend([hi] * len(new))
        return lo, hi
