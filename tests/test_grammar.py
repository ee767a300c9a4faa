"""The shared regex tools of the mentions stages (checker.mentions.grammar) and the
named-source trigger characters derived from rules/citations.toml."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from checker.mentions.citations import CitationFinder
from checker.mentions.grammar import NOTHING, alt, required_chars, required_words
from checker.mentions.sources import NameEnds
from checker.ruleset import default_rules_dir, load_ruleset


def test_alt_puts_longer_words_first_then_lexical() -> None:
    assert alt(["乙", "甲乙", "丙", "甲乙", "a.b"]) == r"a\.b|甲乙|丙|乙"
    assert re.fullmatch(alt(["同", "同比"]), "同比")
    assert alt([]) == ""
    assert re.search(alt([]) or NOTHING, "任何文字") is None


def test_required_chars_of_a_pattern() -> None:
    assert required_chars("(?:甲乙|丙)(?P<x>[^丁]{1,3})戊") == {"戊"}
    assert required_chars("(?:甲乙|丙)x?") == {"甲", "丙"}
    assert required_chars("[甲乙]+.*(?:丙丁)?") == {"甲", "乙"}
    assert required_chars(r"\d+(?=甲)") is None  # a lookahead consumes nothing
    assert required_chars("(?:甲|.)") is None


# (pattern, words one of which every match holds)
REQUIRED_WORD_CASES = [
    ("(?<!甲)乙丙(?![丁戊])", {"乙丙"}),  # a run of literals, lookarounds aside
    ("乙丙丁|戊己", {"乙丙丁", "戊己"}),  # each branch its own
    ("甲(乙丙|丁戊)", {"乙丙", "丁戊"}),  # the longer words beat the lone 甲
    ("[甲乙]丙丁+", {"丙"}),
    ("(甲乙){2,}", {"甲乙"}),
    ("甲?乙?", None),  # nothing sure
    ("(?i)ab", None),  # a text may hold AB instead
]


@pytest.mark.parametrize(
    "pattern,words", REQUIRED_WORD_CASES, ids=[c[0] for c in REQUIRED_WORD_CASES]
)
def test_required_words_of_a_pattern(pattern: str, words: set[str] | None) -> None:
    assert required_words(pattern) == (frozenset(words) if words is not None else None)


def test_required_words_every_match_holds_one() -> None:
    texts = ["乙丙丁", "甲乙丙", "戊己甲", "丁戊", "甲乙甲乙丙", "AB", "ab"]
    for pattern, words in REQUIRED_WORD_CASES:
        for text in texts:
            for m in re.finditer(pattern, text):
                assert words is None or any(w in m.group(0) for w in words), (pattern, text)


# (text, ends with a name preceded by at most 6 characters): names 气象局, 中国气象局, 甲
NAME_END_CASES = [
    ("中国气象局", True),
    ("省里的气象局", True),
    ("这份报告说的中国气象局", True),  # six characters before the name: close enough
    ("据这份报告所说的气象局", False),  # eight
    ("气象局专家", False),  # the name must end the text
    ("甲", True),
    ("", False),
]


@pytest.mark.parametrize("text,ends", NAME_END_CASES, ids=[c[0] or "empty" for c in NAME_END_CASES])
def test_name_ends_look_up_a_name_at_the_end(text: str, ends: bool) -> None:
    names = ["气象局", "中国气象局", "甲"]
    assert NameEnds(names).end(text, within=6) is ends
    assert ends == any(text.endswith(n) and len(text) - len(n) <= 6 for n in names)


def finder_with(tmp_path: Path, pattern: str) -> CitationFinder:
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    path = rules / "citations.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("named = [\n", f"named = [\n  '{pattern}',\n", 1), "utf-8")
    return CitationFinder(load_ruleset(rules))


def test_a_new_named_pattern_brings_its_own_trigger(tmp_path: Path) -> None:
    sentence = "国家知识产权局晒出成绩单，新增专利9876件。"
    plain = CitationFinder(load_ruleset(default_rules_dir()))
    assert plain.triggers.search(sentence) is None  # no shipped pattern can match it
    finder = finder_with(tmp_path, "(?P<source>{ORG})晒出")
    assert finder.triggers.search(sentence) is not None
    found = finder.locate(sentence)
    assert found is not None
    assert (found[0].status, found[0].source) == ("named", "国家知识产权局")


def test_a_pattern_without_sure_characters_is_always_tried(tmp_path: Path) -> None:
    finder = finder_with(tmp_path, "(?P<source>[A-Z]{3,5})[^，]")
    assert finder.triggers.search("ABCD今年营收增长7%。") is not None
    assert finder.triggers.search("") is not None
