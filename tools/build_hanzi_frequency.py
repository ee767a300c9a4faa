"""Build rules/hanzi_frequency.txt: the most frequent Chinese characters, most frequent first.

Usage: python tools/build_hanzi_frequency.py > rules/hanzi_frequency.txt

The source is the dictionary that ships with jieba (MIT licence; already a dependency):
349,046 words with their frequencies in the corpora jieba was trained on (People's Daily
and other modern text). A character's frequency is the sum of the frequencies of the words
it occurs in, counted once per occurrence. The list keeps the first COUNT characters of the
basic CJK blocks; with ties broken by code point, the output is deterministic for a given
jieba version (pinned in pyproject.toml), and a test regenerates it and compares.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from importlib import resources

COUNT = 3500
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

HEADER = f"""\
# The {COUNT} most frequent Chinese characters, most frequent first, one per line.
# Derived from jieba's dictionary (jieba 0.42, MIT licence) by
# tools/build_hanzi_frequency.py: a character's frequency is the summed frequency of
# the dictionary words it occurs in. Regenerate with that script; do not edit by hand.
# Used to tell garbled text (mojibake) from Chinese: see reading.toml.
"""


def frequencies(dictionary: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for line in dictionary.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        word, freq = parts[0], int(parts[1])
        for ch in word:
            if HAN.fullmatch(ch):
                counts[ch] += freq
    return counts


def build() -> str:
    dictionary = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    ranked = sorted(frequencies(dictionary).items(), key=lambda kv: (-kv[1], kv[0]))
    return HEADER + "".join(ch + "\n" for ch, _ in ranked[:COUNT])


if __name__ == "__main__":
    sys.stdout.write(build())
