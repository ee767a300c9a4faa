"""Periods: the gold periods of the seeds, and a table of constructs."""

from __future__ import annotations

import pytest
from conftest import gold_rows

from checker.ingest.documents import parse_document
from checker.mentions.periods import extract_periods
from checker.pipeline import Toolkit
from checker.repair.normalize import normalize

PUB = {str(d["doc"]): str(d["pub_date_estimate"]) for d in gold_rows("seed-docs.jsonl")}
WITH_TEXT = [r for r in gold_rows("seed-claims.jsonl") if r["period"] and r["period_text"]]
FLOOR = 0.95


def labels(text: str, pub: str | None, toolkit: Toolkit) -> list[str | None]:
    norm = normalize(parse_document(text.encode(), "p.txt", "p.txt"), toolkit.repairer).text
    return [p.label for p in extract_periods(norm, 0, len(norm), toolkit.mentions.periods, pub)]


def test_periods_reproduce_the_gold_periods(toolkit: Toolkit) -> None:
    misses = [
        (r["id"], r["period_text"], r["period"], got)
        for r in WITH_TEXT
        if r["period"] not in (got := labels(str(r["period_text"]), PUB[str(r["doc"])], toolkit))
    ]
    share = 1 - len(misses) / len(WITH_TEXT)
    assert share >= FLOOR, f"{share:.3f} of {len(WITH_TEXT)} gold periods; misses: {misses}"


CASES = [
    # (text, document date, expected label)
    ("截至2025年2月底", "2025-07", "as_of:2025-02-28"),
    ("截至2025年4月", "2025-07", "as_of:2025-04"),
    ("截至目前", "2024-03", "as_of:2024-03"),
    ("目前", "2025-07", "as_of:2025-07"),
    ("2024年", None, "2024"),
    ("2024年6月", None, "2024-06"),
    ("2024年3月4日", None, "2024-03-04"),
    ("2024年上半年", None, "2024-01/2024-06"),
    ("2025年一季度", None, "2025-Q1"),
    ("2018-2022年", None, "2018/2022"),
    ("2018—2025年", None, "2018/2025"),
    ("2023年之后", None, "2023/"),
    ("今年", "2025-07", "2025"),
    ("本年", "2025-07", "2025"),
    ("去年", "2025-07", "2024"),
    ("前年", "2025-07", "2023"),
    ("明年", "2025-07", "2026"),
    ("今年初", "2025-07", "2025-01/2025-03"),
    ("今年上半年", "2025-07", "2025-01/2025-06"),
    ("今年4月", "2025-07", "2025-04"),
    ("两年前", "2025-07", "2023"),
    ("兩年前", "2025-07", "2023"),
    ("20多年前", "2025-05", "1996/2005"),
    ("12月30日", "2024-12", "2024-12-30"),
    ("12月30日", "2025-02", "2024-12-30"),
    ("3月4日", "2024-03", "2024-03-04"),
    ("近五年", "2025-07", "cumulative:2020/2024"),
    ("过去7年", "2025-07", "cumulative:2018/2024"),
    ("過去五屆", "2025-07", "cumulative:past5_editions"),
    ("第二十五届", None, "edition:25"),
    ("到2035年", None, "target:2035"),
    ("力争到2026年", None, "target:2026"),
    ("每年", None, "annual"),
    ("今年以来", "2024-12", "2024"),
    ("自2018年投入运行以来", "2024-03", "cumulative:2018/2024-03"),
    ("春节期间", "2024-03", "2024-02"),
    ("这个蛇年春节", "2025-02", "2025-01/2025-02"),
    ("十八世纪六十年代", None, "1760/1769"),
    ("去年和今年", "2025-07", "2024/2025"),
]


@pytest.mark.parametrize("text,pub,label", CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_periods_construct_table(text: str, pub: str | None, label: str, toolkit: Toolkit) -> None:
    assert label in labels(text, pub, toolkit)


@pytest.mark.parametrize("text", ["今年", "去年", "12月30日", "目前"])
def test_periods_relative_words_need_a_document_date(text: str, toolkit: Toolkit) -> None:
    assert labels(text, None, toolkit) == [None]
