"""Sentences and paragraphs of the repaired text, each with its original span and line.

A paragraph is a non-empty line that is not boilerplate. Sentences end at 。！？；!?; and
an ellipsis, taking closing quotes and brackets along; a quotation is never split.
"""

from __future__ import annotations

import bisect
import re

from checker.models import NormalizedText, Sentence, constructed

TERMINATORS = "。！？；!?;"
CLOSERS = "”’」』)）》\"'"
OPENING = "“‘「『"
CLOSING = "”’」』"
ELLIPSIS = re.compile(r"…+|\.{3,}")


def line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` begins (for 1-based line numbers)."""
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def split_sentences(norm: NormalizedText, original: str) -> tuple[Sentence, ...]:
    starts = line_starts(original)
    masked = sorted(norm.masked)
    sentences: list[Sentence] = []
    paragraph = -1
    pos = 0
    for line in norm.text.splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        if norm.text[pos:end].strip() and not _is_masked(masked, pos):
            paragraph += 1
            for a, b in _pieces(norm.text, pos, end):
                span = norm.offsets.span(a, b)
                sentences.append(
                    constructed(
                        Sentence,
                        index=len(sentences),
                        start=a,
                        end=b,
                        span=span,
                        line=line_of(starts, span[0]),
                        paragraph=paragraph,
                        text=norm.text[a:b],
                    )
                )
        pos += len(line)
    return tuple(sentences)


def _is_masked(masked: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(masked, (pos, float("inf"))) - 1
    return i >= 0 and masked[i][0] <= pos < masked[i][1] + 1


SPECIAL = re.compile(f"[{re.escape(TERMINATORS + OPENING + CLOSING)}…]|\\.{{3,}}")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one line into sentences, trimmed of surrounding spaces."""
    pieces: list[tuple[int, int]] = []
    depth = 0
    begin = start
    for m in SPECIAL.finditer(text, start, end):
        i = m.start()
        if i < begin:
            continue
        ch = text[i]
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        stop = _terminator_end(text, i, end) if depth == 0 else None
        if stop is not None:
            pieces.append((begin, stop))
            begin = stop
    pieces.append((begin, end))
    return [t for a, b in pieces if (t := _trim(text, a, b))]


def _terminator_end(text: str, i: int, end: int) -> int | None:
    match = ELLIPSIS.match(text, i, end)
    if match:
        j = match.end()
    elif text[i] in TERMINATORS:
        j = i + 1
        while j < end and text[j] in TERMINATORS:
            j += 1
    else:
        return None
    while j < end and text[j] in CLOSERS:
        j += 1
    return j


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None
