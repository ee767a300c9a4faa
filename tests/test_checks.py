"""Findings: case files, the seeds' expected findings, and invariants over copies."""

from __future__ import annotations

import inspect
import re

import opencc
import pytest
from cases import case_ids, load_cases
from conftest import SEEDS, gold_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.checks.registry import CHECKS, REGISTRY
from checker.ingest.documents import parse_document
from checker.pipeline import Toolkit, analyse, check_kinds, find

CASES = load_cases("checks.toml")
HEADINGS = ["What it flags", "Why it matters", "Example", "Not flagged", "Tuning"]


def run(texts: list[tuple[str, str]], toolkit: Toolkit):
    analyses = [analyse(parse_document(t.encode(), name, name), toolkit) for name, t in texts]
    findings, checks = find(analyses, toolkit.rules)
    return analyses, findings, checks


def test_checks_registry_matches_rules_and_docs(toolkit: Toolkit) -> None:
    assert set(CHECKS) == {c.id for c in toolkit.rules.checks.check}
    for name, func in CHECKS.items():
        doc = inspect.getdoc(func) or ""
        assert all(f"**{h}**" in doc for h in HEADINGS), name


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_checks_cases(case: dict, toolkit: Toolkit) -> None:
    docs = [(f"d{i}.txt", t) for i, t in enumerate(case["docs"])]
    analyses, findings, checks = run(docs, toolkit)
    values = {c.value.text for a in analyses for c in a.claims}
    for value in case.get("claims", []):
        assert value in values, (value, sorted(values))
    kinds = {f.kind for f in findings}
    for kind in case.get("expect", []):
        assert kind in kinds, (kind, [f.message for f in findings], [c.detail for c in checks])
    for kind in case.get("absent", []):
        assert kind not in kinds, [f.message for f in findings if f.kind == kind]
    for piece in case.get("messages", []):  # text some finding's message must hold
        assert any(piece in f.message for f in findings), [f.message for f in findings]


# ---- the seeds -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_run(toolkit: Toolkit):
    analyses = [
        analyse(parse_document(p.read_bytes(), p.name, str(p)), toolkit)
        for p in sorted(SEEDS.glob("*.txt"))
    ]
    findings, checks = find(analyses, toolkit.rules)
    return analyses, findings, checks


def _spans(analyses, rows):
    """Gold relation endpoints → the claims overlapping them."""
    by_doc = {a.document.id: a for a in analyses}
    out = {}
    for end in rows:
        a = by_doc[end["doc"]]
        q = a.document.text.index(end["quote"])
        v = a.document.text.index(end["value_text"], q)
        out[end["id"]] = {
            c.id for c in a.claims if c.span[0] < v + len(end["value_text"]) and v < c.span[1]
        }
    return out


def test_checks_guangdong_clusters_nine_vs_eight_is_reported(seed_run) -> None:
    _, findings, _ = seed_run
    hits = [
        f
        for f in findings
        if f.kind in ("conflict", "period_drift") and "万亿级产业集群" in f.message
    ]
    assert len(hits) == 1
    assert "9個" in hits[0].message and "8個" in hits[0].message
    assert "2025-07" in hits[0].message and "2024" in hits[0].message


def test_checks_no_gold_non_conflict_pair_is_a_conflict(seed_run) -> None:
    analyses, findings, _ = seed_run
    relations = [
        r
        for r in gold_rows("seed-relations.jsonl")
        if r["scope"] == "cross_document"
        and r["relation"] in ("agree", "compatible_ranges", "different_period", "not_comparable")
    ]
    spans = _spans(analyses, [r["a"] for r in relations] + [r["b"] for r in relations])
    for f in (f for f in findings if f.kind == "conflict"):
        for i, g in enumerate(f.groups):
            for h in f.groups[i + 1 :]:
                for r in relations:
                    a, b = spans[r["a"]["id"]], spans[r["b"]["id"]]
                    assert not ((a & set(g) and b & set(h)) or (b & set(g) and a & set(h))), (
                        r,
                        f.message,
                    )


def test_checks_most_gold_agree_pairs_are_corroborated(seed_run) -> None:
    analyses, findings, _ = seed_run
    agree = [
        r
        for r in gold_rows("seed-relations.jsonl")
        if r["relation"] == "agree" and r["scope"] == "cross_document"
    ]
    spans = _spans(analyses, [r["a"] for r in agree] + [r["b"] for r in agree])
    clusters = [set(f.claims) for f in findings if f.kind == "corroboration"]
    found = [
        r
        for r in agree
        if any(spans[r["a"]["id"]] & c and spans[r["b"]["id"]] & c for c in clusters)
    ]
    assert len(found) > len(agree) / 2, f"{len(found)} of {len(agree)}"


def test_checks_internal_sums_of_the_seeds_are_consistent(seed_run) -> None:
    _, findings, checks = seed_run
    details = {(c.doc[:3], c.kind): c for c in checks}
    assert details[("000", "share_of_total")].consistent  # five provinces ≈ two thirds of 150万
    assert details[("000", "ratio_to_group")].consistent  # 广东 ≈ 江浙沪 combined
    assert details[("001", "share_of_total")].consistent  # 166 of 500 ≈ one third
    assert not [f for f in findings if f.kind == "internal_conflict"]


# ---- invariants over copies of the seeds ----------------------------------------------

TO_TRAD = opencc.OpenCC("s2tw")
REWRITES = [
    ("80万", "八十万"),
    ("1.7万亿", "17000亿"),
    ("60%", "百分之六十"),
    ("80萬", "八十萬"),
    ("60%", "百分之六十"),
]
SEED_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def conflicts(pairs: list[tuple[str, str]], toolkit: Toolkit) -> list:
    _, findings, _ = run(pairs, toolkit)
    return [f for f in findings if f.kind == "conflict"]


@pytest.mark.parametrize("name", sorted(SEED_TEXTS))
def test_checks_a_copy_and_a_traditional_copy_never_conflict(toolkit: Toolkit, name: str) -> None:
    text = SEED_TEXTS[name]
    assert conflicts([("a.txt", text), ("b.txt", text)], toolkit) == []
    assert conflicts([("a.txt", text), ("b.txt", TO_TRAD.convert(text))], toolkit) == []


@pytest.mark.parametrize("name", sorted(SEED_TEXTS))
def test_checks_numbers_rewritten_in_equivalent_forms_never_conflict(
    toolkit: Toolkit, name: str
) -> None:
    text = SEED_TEXTS[name]
    rewritten = text
    for old, new in REWRITES:
        rewritten = rewritten.replace(old, new)
    assert conflicts([("a.txt", text), ("b.txt", rewritten)], toolkit) == []


@pytest.mark.parametrize("name", sorted(SEED_TEXTS))
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(pick=st.integers(0, 10_000))
def test_checks_one_changed_value_is_exactly_one_conflict(
    toolkit: Toolkit, name: str, pick: int
) -> None:
    text = SEED_TEXTS[name]
    (a,) = [analyse(parse_document(text.encode(), "a.txt", "a.txt"), toolkit)]
    spans = [c.span for c in a.claims]
    keys = [
        (c.subject.id if c.subject else None, c.metric.id, c.kind, c.period.label) for c in a.claims
    ]
    # one value per subject, metric and period in the original, on a span of its own
    candidates = [
        c
        for c, k in zip(a.claims, keys, strict=False)
        if c.subject
        and c.subject.id
        and c.metric.id
        and c.kind in ("count", "amount", "percent")
        and c.value.lo == c.value.hi
        and re.search(r"\d", c.value.text)
        and spans.count(c.span) == 1
        and keys.count(k) == 1
    ]
    assert candidates, f"{name}: no claim whose value alone decides its subject, metric and period"
    c = candidates[pick % len(candidates)]
    digits = re.search(r"\d+(?:\.\d+)?", c.value.text)
    assert digits
    changed_value = c.value.text.replace(
        digits.group(0), str(round(float(digits.group(0)) * 3 + 7, 2)), 1
    )
    changed = text[: c.span[0]] + changed_value + text[c.span[1] :]
    found = conflicts([("a.txt", text), ("b.txt", changed)], toolkit)
    assert len(found) == 1, [f.message for f in found]
    assert any(cid.startswith("b.txt#") for cid in found[0].claims)
    assert c.value.text in found[0].message and changed_value in found[0].message


def test_checks_registry_declares_each_scope_in_a_fixed_order() -> None:
    assert [c.kind for c in REGISTRY] == list(CHECKS)
    blocks, documents = check_kinds()
    assert blocks == ["conflict", "period_drift", "revision", "corroboration"]
    assert documents == ["internal_conflict", "uncited", "vague_citation", "source_quality"]
    assert check_kinds(["uncited", "conflict"]) == (["conflict"], ["uncited"])


def test_checks_figures_of_one_sentence_are_joined_as_the_rules_say(toolkit: Toolkit) -> None:
    text = "2019年,某县新修乡村道路48条,新建桥梁7座。\n"
    analyses, findings, _ = run([("roads.txt", text)], toolkit)
    (before,) = [f for f in findings if f.kind == "uncited"]
    assert "48条、7座" in before.message
    rules = toolkit.rules
    changed = [
        r.model_copy(update={"value_separator": " / "}) if r.id == "uncited" else r
        for r in rules.checks.check
    ]
    rules = rules.model_copy(update={"checks": rules.checks.model_copy(update={"check": changed})})
    (after,) = [f for f in find(analyses, rules)[0] if f.kind == "uncited"]
    assert "48条 / 7座" in after.message
