"""Readings remembered: a sentence read again gives what reading it afresh gives."""

from __future__ import annotations

from checker.memo import remembered
from checker.mentions import periods, quantities
from checker.mentions.citations import CitationFinder
from checker.mentions.entities import EntityMatcher
from checker.models import Quantity, Value, moved
from checker.pipeline import Toolkit
from checker.ruleset import Ruleset


def test_remembered_reads_each_argument_once_and_remembers_none() -> None:
    calls: list[str] = []

    def read(key: str) -> int | None:
        calls.append(key)
        return None if key == "none" else len(key)

    recall = remembered(read, size=2)
    assert [recall(k) for k in ["ab", "ab", "none", "none"]] == [2, 2, None, None]
    assert calls == ["ab", "none"]
    recall("xyz")  # the least recently used ("ab") is forgotten
    recall("ab")
    assert calls == ["ab", "none", "xyz", "ab"]


SENTENCE = "今年前三季度，该市粮食产量达到312万吨，同比增长4.6%，约为全省的一成。"


def test_quantities_of_a_sentence_read_again_are_shifted_to_its_place(rules: Ruleset) -> None:
    grammar = quantities.Grammar(rules)
    first = f"甲。{SENTENCE}"
    second = f"第二篇文章的开头。{SENTENCE}乙。"
    at1, at2 = first.index(SENTENCE), second.index(SENTENCE)
    a = quantities.extract_quantities(first, at1, at1 + len(SENTENCE), grammar)
    b = quantities.extract_quantities(second, at2, at2 + len(SENTENCE), grammar)
    fresh = quantities.Grammar(rules)
    c = quantities.extract_quantities(second, at2, at2 + len(SENTENCE), fresh)
    assert len(a) >= 3
    assert [(q.start - at1, q.end - at1, q.value) for q in a] == [
        (q.start - at2, q.end - at2, q.value) for q in b
    ]
    assert b == c
    assert [second[q.start : q.end] for q in b] == [first[q.start : q.end] for q in a]


def test_periods_of_a_sentence_depend_on_what_follows_it(rules: Ruleset) -> None:
    grammar = periods.Grammar(rules)
    said = "新规自2021年3月9日"  # a sentence ending in a date, as a list line may
    since = f"说明。{said}起施行"
    plain = f"说明。{said}\n另有一条"
    at = since.index(said)
    end = at + len(said)
    with_since = periods.extract_periods(since, at, end, grammar, "2025-06-01")
    without = periods.extract_periods(plain, at, end, grammar, "2025-06-01")
    assert [p.kind for p in with_since] == ["since"]
    assert [p.kind for p in without] != ["since"]
    fresh = periods.Grammar(rules)
    assert without == periods.extract_periods(plain, at, end, fresh, "2025-06-01")
    assert with_since == periods.extract_periods(since, at, end, fresh, "2025-06-01")


def test_periods_of_a_sentence_depend_on_the_document_date(rules: Ruleset) -> None:
    grammar = periods.Grammar(rules)
    text = "去年全市新增企业1.2万家。"
    last_year = [
        p.label
        for pub in ("2024-05-01", "2025-05-01", "2024-05-01")
        for p in periods.extract_periods(text, 0, len(text), grammar, pub)
    ]
    assert last_year == ["2023", "2024", "2023"]


def test_citations_of_a_sentence_read_again_are_the_same(rules: Ruleset) -> None:
    finder = CitationFinder(rules)
    text = "据国家统计局数据，全年产量增长3.1%。"
    first = finder.locate(text)
    assert first is not None and first[0].status == "named"
    assert finder.locate(text) == first == CitationFinder(rules).locate(text)


def test_entities_of_a_sentence_depend_on_the_characters_beside_it(rules: Ruleset) -> None:
    matcher = EntityMatcher(rules)
    said = "沪、京两地新增门店12家"
    alone, inside = f"前文。{said}。", f"前文上{said}。"  # 沪 alone, or after a Han character
    at = alone.index(said)  # the same place in both
    end = at + len(said)
    first = [e.text for e in matcher.find(alone, at, end)]
    second = [e.text for e in matcher.find(inside, at, end)]
    assert "沪" in first
    assert "沪" not in second
    fresh = EntityMatcher(rules)
    assert matcher.find(inside, at, end) == fresh.find(inside, at, end)
    assert matcher.find(alone, at, end) == fresh.find(alone, at, end)
    shifted = f"另一篇文章。{said}。"
    moved = shifted.index(said) - at
    assert [
        (e.start - moved, e.end - moved) for e in matcher.find(shifted, at + moved, end + moved)
    ] == [(e.start, e.end) for e in matcher.find(alone, at, end)]


def test_entities_of_a_sentence_depend_on_the_words_after_it(rules: Ruleset) -> None:
    matcher = EntityMatcher(rules)
    said = "据华岳宠物食品"  # a name ending in a trade's name, at the end of the span read
    trade, company = f"前文。{said}出口额增长", f"前文。{said}。该公司称"
    at = trade.index(said)
    end = at + len(said)
    assert [e.text for e in matcher.find(company, at, end)] == ["华岳宠物食品"]
    assert matcher.find(trade, at, end) == []  # 宠物食品出口额: the trade
    assert [e.text for e in matcher.find(company, at, end)] == ["华岳宠物食品"]


def test_moved_is_the_model_copy_of_a_span_further_on() -> None:
    q = Quantity(start=3, end=9, kind="count", value=Value(lo=12.0, hi=12.0), unit="家")
    copied = q.model_copy(update={"start": q.start + 40, "end": q.end + 40})
    made = moved(q, 40)
    assert made == copied
    assert made.model_dump_json() == copied.model_dump_json()
    assert made.model_fields_set == copied.model_fields_set
    assert (q.start, q.end) == (3, 9)  # the record moved from is left as it was


def test_claim_words_cut_again_are_those_cut_afresh(toolkit: Toolkit) -> None:
    tools = toolkit.claims
    span = "全省规模以上工业增加值"
    first = tools.cut(span)
    assert first == tuple(tools.tokenizer.cut(span, HMM=False))
    assert "".join(first) == span and len(first) >= 2
    assert tools.cut(span) == first
    assert tools.cut("新能源汽车产量") == tuple(tools.tokenizer.cut("新能源汽车产量", HMM=False))
