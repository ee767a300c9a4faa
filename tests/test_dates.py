from __future__ import annotations

import pytest
from conftest import SEEDS, gold_rows

from checker.ingest.documents import parse_document
from checker.pipeline import Toolkit, analyse


def month_index(value: str) -> int:
    year, month = value.split("-")[:2]
    return int(year) * 12 + int(month) - 1


def date_of(text: str, toolkit: Toolkit):
    doc = parse_document(text.encode(), "d.txt", "d.txt")
    return analyse(doc, toolkit)


GOLD_DOCS = gold_rows("seed-docs.jsonl")


@pytest.mark.parametrize("row", GOLD_DOCS, ids=[str(r["doc"])[:3] for r in GOLD_DOCS])
def test_dates_seeds_within_a_month_of_gold(row: dict, toolkit: Toolkit) -> None:
    raw = (SEEDS / str(row["doc"])).read_bytes()
    result = analyse(parse_document(raw, str(row["doc"]), "seed"), toolkit).date
    assert result.source == "inferred" and result.value and len(result.value) == 7
    assert abs(month_index(result.value) - month_index(str(row["pub_date_estimate"]))) <= 1
    assert result.evidence and result.evidence_span
    start, end = result.evidence_span
    assert raw.decode("utf-8")[start:end] == result.evidence


INFERENCE_CASES = [
    # (text, expected date, expected evidence)
    (
        "截至2025年2月底,广东发明专利有效量突破80万件。到2035年将达到200万件。",
        "2025-02",
        "截至2025年2月底"[2:],
    ),
    ("力争到2026年实现目标。2023年全省研发投入4802.6亿元。", "2023", "2023年"),
    (
        "面向2025年,广东明确方向。日前,2024年中央经济工作会议召开。12月30日,省委全会召开。",
        "2024-12",
        "12月30日",
    ),
    ("这个蛇年春节,杭州出圈。2022年,余杭区规划千亩园区。", "2025-02", "蛇年春节"),
    ("今年1月印发通知。3月4日,项目通过验收。2024年省政府工作报告首次写入。", "2024-03", "3月4日"),
    ("《东莞市重点新兴产业发展规划(2018—2030年)》提出目标。2019年启动。", "2019", "2019年"),
    ("近日,英伟达宣布恢复对华H20芯片出口。截至2025年4月,专利数量领先。", "2025-07", None),
    ("没有任何日期的文章。", None, None),
]


@pytest.mark.parametrize(
    "text,expected,evidence", INFERENCE_CASES, ids=[c[0][:12] for c in INFERENCE_CASES]
)
def test_dates_inference_table(
    text: str, expected: str | None, evidence: str | None, toolkit: Toolkit
) -> None:
    result = date_of(text, toolkit).date
    assert result.value == expected
    assert result.source == ("inferred" if expected else "unknown")
    if evidence:
        assert result.evidence == evidence


def test_dates_front_matter_wins(toolkit: Toolkit) -> None:
    text = "---\ntitle: 标题\ndate: 2023-05-06\n---\n截至2025年2月底,广东发明专利有效量突破80万件。"
    a = date_of(text, toolkit)
    assert (a.date.value, a.date.source) == ("2023-05-06", "front-matter")


def test_dates_unusable_front_matter_date_falls_back_with_a_note(toolkit: Toolkit) -> None:
    text = "---\ndate: yesterday\n---\n截至2025年2月底,专利有效量突破80万件。"
    a = date_of(text, toolkit)
    assert (a.date.value, a.date.source) == ("2025-02", "inferred")
    assert any("yesterday" in n for n in a.document.notes)


def test_dates_spans_count_from_the_start_of_the_file(toolkit: Toolkit) -> None:
    text = "---\ntitle: 标题\n---\n截至2025年2月底,专利突破80万件。"
    a = date_of(text, toolkit)
    start, end = a.date.evidence_span
    assert text[start:end] == "2025年2月底"
    assert a.sentences[0].line == 4 and text[slice(*a.sentences[0].span)].startswith("截至")
