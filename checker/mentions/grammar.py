"""Grammar helpers: the regex-building tools every mentions stage shares.

One alternation helper (`alt`) for every list of words turned into a pattern, a character
class of words (`chars`) and the one-pass search for trigger words (`TriggerWords`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    (Aho-Corasick) instead of one search per construct."""

    def __init__(self, triggers: Iterable[Iterable[str]]) -> None:
        self.automaton = ahocorasick.Automaton()
        for words in triggers:
            for w in words:
                if w and w not in self.automaton:
                    self.automaton.add_word(w, w)
        if len(self.automaton):
            self.automaton.make_automaton()

    def found(self, sentence: str) -> set[str]:
        """The trigger words `sentence` holds, and "" (which every text holds): a
        construct is tried when its triggers are not disjoint from these."""
        if not len(self.automaton):
            return {""}
        return {"", *(w for _, w in self.automaton.iter(sentence))}
