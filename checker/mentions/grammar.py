"""Grammar helpers: the regex-building tools every mentions stage shares.

One alternation helper (`alt`) for every list of words turned into a pattern, a character
class of words (`chars`), the one-pass search for trigger words (`TriggerWords`) and the
characters every match of a pattern must hold (`required_chars`, a cheap first test read
from the pattern itself).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from re import _parser  # type: ignore[attr-defined]  # the parser re.compile uses (no stub)
from typing import Any

import ahocorasick

NOTHING = "(?!)"  # a pattern that matches nothing, for an alternation of no words


def alt(words: Iterable[str]) -> str:
    """An alternation of literal words, escaped, without repeats: longest first, so a
    word is never shadowed by its own prefix (同比 before 同), then in lexical order, so
    the pattern is the same in every process. Two distinct words of one length never
    match at the same place, so the lexical tie-break changes no match. No words give ""
    (which matches the empty text): use `alt(words) or NOTHING` where none should match."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def chars(words: Iterable[str]) -> str:
    """The characters of `words` as the inside of a character class, escaped."""
    return re.escape("".join(sorted(set(words))))


class TriggerWords:
    """The trigger words of a table of constructs, all sought in one pass over a sentence
    (Aho-Corasick) instead of one search per construct. Each word knows the constructs
    built on it, so a sentence yields the constructs worth trying without a test of every
    construct."""

    def __init__(self, triggers: Iterable[Iterable[str]]) -> None:
        self.automaton = ahocorasick.Automaton()
        self.always: list[int] = []  # constructs without words, or with "": tried everywhere
        users: dict[str, list[int]] = {}
        for n, words in enumerate(map(tuple, triggers)):
            if not words or "" in words:
                self.always.append(n)
            for w in words:
                if w:
                    users.setdefault(w, []).append(n)
        for w, constructs in users.items():
            self.automaton.add_word(w, (w, tuple(constructs)))
        if len(self.automaton):
            self.automaton.make_automaton()

    def found(self, sentence: str) -> set[str]:
        """The trigger words `sentence` holds, and "" (which every text holds): a
        construct is tried when its triggers are not disjoint from these."""
        if not len(self.automaton):
            return {""}
        return {"", *(w for _, (w, _) in self.automaton.iter(sentence))}

    def tried(self, sentence: str) -> list[int]:
        """The constructs (their indexes, in table order) to try on `sentence`: those
        whose triggers are not disjoint from `found(sentence)`."""
        if not len(self.automaton):
            return self.always
        hit = {n for _, (_, constructs) in self.automaton.iter(sentence) for n in constructs}
        return sorted(hit.union(self.always))


def required_chars(pattern: str) -> frozenset[str] | None:
    """Characters of which every match of `pattern` holds at least one, or None when
    there are none to be sure of (a pattern of wildcards only). A cheap first test: a
    text without any of them cannot match. Read from the parsed pattern, so the test
    follows the pattern as it changes."""
    return _required(_parser.parse(pattern).data)


def _required(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """For a sequence: the smallest set of any one of its required items."""
    found = [s for s in map(_required_item, items) if s is not None]
    return min(found, key=len) if found else None


def _required_item(item: tuple[Any, Any]) -> frozenset[str] | None:
    op, arg = str(item[0]), item[1]
    if op == "LITERAL":
        return frozenset(chr(arg))
    if op == "IN":  # a class of plain characters only; a range or negation is too wide
        if all(str(o) == "LITERAL" for o, _ in arg):
            return frozenset(chr(c) for _, c in arg)
        return None
    return _nested(op, arg, _required)


Reader = Callable[[list[tuple[Any, Any]]], frozenset[str] | None]


def _nested(op: str, arg: Any, read: Reader) -> frozenset[str] | None:
    """What an item holding a sequence requires, as `read` reads a sequence: each branch
    its own, a group and a repeat (at least once) their inside. A group that ignores case
    has nothing sure; optional items, wildcards, anchors and lookarounds neither."""
    if op == "BRANCH":  # every branch must have its own
        sets = [read(branch.data) for branch in arg[1]]
        if any(s is None for s in sets):
            return None
        return frozenset(c for s in sets if s for c in s)
    if op == "SUBPATTERN":
        return None if arg[1] & re.IGNORECASE else read(arg[3].data)
    if op == "ATOMIC_GROUP":
        return read(arg.data)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
        return read(arg[2].data)
    return None


def required_words(pattern: str) -> frozenset[str] | None:
    """Words of which every match of `pattern` holds at least one, or None when there are
    none to be sure of: as `required_chars`, but a run of literal characters (说念 in
    (?<!东)说念) is one word, which a text holds far more rarely than any of its characters.
    A pattern that ignores case has none."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _words(parsed.data)


def _words(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """For a sequence: of the words its runs of literals and its items require, the set
    whose shortest word is longest (the rarest in a text)."""
    found: list[frozenset[str]] = []
    run = ""
    for item in items:
        if str(item[0]) == "LITERAL":
            run += chr(item[1])
            continue
        if run:
            found.append(frozenset([run]))
            run = ""
        words = _words_item(item)
        if words is not None:
            found.append(words)
    if run:
        found.append(frozenset([run]))
    return min(found, key=lambda s: (-min(map(len, s)), len(s))) if found else None


def _words_item(item: tuple[Any, Any]) -> frozenset[str] | None:
    if str(item[0]) == "IN":
        return _required_item(item)
    return _nested(str(item[0]), item[1], _words)
