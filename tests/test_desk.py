"""The editor's desk: the words (catalogs, plurals, languages), readable quotes, the
order of findings, and the charts of the HTML report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.checks.registry import CHECKS
from checker.errors import RuleFileError
from checker.models import (
    Citation,
    Claim,
    ClaimPeriod,
    DocumentOut,
    Explanation,
    Finding,
    Ref,
    Report,
    Summary,
    Value,
    trusted,
)
from checker.repair.normalize import Repairer
from checker.report.charts import cluster_chart, nice_ticks, overview_chart
from checker.report.desk import arrange, marked
from checker.report.i18n import Catalog, pick_lang
from checker.report.quotes import locate, mapped_span, repair_sentence
from checker.ruleset import Ruleset, default_rules_dir, load_ruleset

GOLDEN = Path(__file__).parent / "golden" / "seeds"

# (--lang, environment, language picked)
LANG_CASES = [
    ("zh", {"LANG": "en_US.UTF-8"}, "zh"),
    ("en", {"LC_ALL": "zh_CN.UTF-8"}, "en"),
    (None, {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
    (None, {"LC_ALL": "", "LANG": "zh_CN.GB18030"}, "zh"),
    (None, {"LANG": "fr_FR.UTF-8"}, "en"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {}, "en"),
]


@pytest.mark.parametrize("given,env,lang", LANG_CASES, ids=[str(c[1]) for c in LANG_CASES])
def test_desk_language_from_option_then_locale(
    given: str | None, env: dict[str, str], lang: str
) -> None:
    assert pick_lang(given, env) == lang


# (language, noun, count, text)
PLURAL_CASES = [
    ("en", "figures", 1, "1 figure"),
    ("en", "figures", 2, "2 figures"),
    ("en", "figures", 0, "0 figures"),
    ("en", "sentences", 1, "1 sentence"),
    ("en", "documents", 5, "5 documents"),
    ("zh", "figures", 1, "1 个数字"),
    ("zh", "documents", 5, "5 篇文章"),
]


@pytest.mark.parametrize("lang,noun,count,text", PLURAL_CASES, ids=[c[3] for c in PLURAL_CASES])
def test_desk_counted_nouns(rules: Ruleset, lang: str, noun: str, count: int, text: str) -> None:
    assert Catalog.of(rules, lang).n(noun, count) == text


def test_desk_every_check_is_explained_in_chinese(rules: Ruleset) -> None:
    zh = Catalog.of(rules, "zh")
    for check in CHECKS:
        text = zh.explain(check)
        assert text and "标记内容" in text and "调整" in text, check


def test_desk_unknown_values_are_shown_as_they_are(rules: Ruleset) -> None:
    zh = Catalog.of(rules, "zh")
    assert zh.label("kind", "conflict") == "冲突"
    assert zh.label("kind", "brand_new_kind") == "brand_new_kind"


# (file, text replaced, replacement, what the error names)
MESSAGE_ERRORS = [
    ("messages.zh.toml", 'title = "crosscheck 核查报告"\n', "", 'missing message "title"'),
    ("messages.en.toml", 'why = "why"', 'why = "why {gap}"', '[text] "why": unknown placeholder'),
    ("messages.en.toml", 'why = "why"', 'why = "why"\nwhy_not = "x"', '"why_not": unknown message'),
    ("messages.zh.toml", 'lang = "zh"', 'lang = "en"', 'lang "en" in the file for "zh"'),
    (
        "messages.en.toml",
        'figures = { one = "{n} figure", other = "{n} figures" }',
        'figures = { one = "{count} figure", other = "{n} figures" }',
        '[plural] "figures": unknown placeholder',
    ),
    ("messages.zh.toml", "[label.kind]", "[label.kind]\nmood = 1", "mood: Input should be a valid"),
]


@pytest.mark.parametrize("name,old,new,needle", MESSAGE_ERRORS, ids=[c[3] for c in MESSAGE_ERRORS])
def test_desk_message_files_are_validated_with_file_and_entry(
    tmp_path: Path, name: str, old: str, new: str, needle: str
) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_ruleset(folder)
    problems = [p for p in info.value.problems if name in p]
    assert problems and any(needle in p for p in problems), info.value.problems


# (sentence as in the file, document spun?, its number, repaired sentence with 【】)
QUOTE_CASES = [
    (
        "全省發(fā)展迅速,產值達到3200億元。",
        False,
        "3200億元",
        "全省發展迅速,產值達到【3200億元】。",
    ),
    ("該市連續(xù)5年增長。", False, "連續(xù)5年", "該市【連續5年】增長。"),
    ("东说念主工智能企业达到1200家。", True, "1200家", "人工智能企业达到【1200家】。"),
    ("去年新增阿姨出租企业85家。", False, "85家", "去年新增企业【85家】。"),
    ("今年产量为80万台。", False, "80万台", "今年产量为【80万台】。"),
]


@pytest.mark.parametrize("sentence,spun,number,shown", QUOTE_CASES, ids=[c[3] for c in QUOTE_CASES])
def test_desk_quotes_are_repaired_in_their_own_script_with_the_number_marked(
    repairer: Repairer, sentence: str, spun: bool, number: str, shown: str
) -> None:
    text, offsets = repair_sentence(sentence, spun, repairer)
    at = sentence.index(number)
    a, b = mapped_span(offsets, (at, at + len(number)))
    assert text[:a] + "【" + text[a:b] + "】" + text[b:] == shown


def test_desk_a_quote_is_found_where_its_claim_is() -> None:
    doc = "甲。产量为5万台。\n乙。产量为5万台。\n"
    second = doc.rindex("5万台")
    start = locate(doc, "产量为5万台。", (second, second + 3))
    assert start == doc.rindex("产量为")
    assert locate(doc, "不在文中。", (0, 1)) is None


def test_desk_marks_every_number_and_clips_around_them() -> None:
    text = "前" * 100 + "甲12乙34丙" + "后" * 100
    at1, at2 = text.index("12"), text.index("34")
    out = marked(text, [(at1, at1 + 2), (at2, at2 + 2)], "[", "]", limit=20)
    assert "[12]乙[34]" in out and out.startswith("…") and out.endswith("…")
    assert len(out) < 40


def _claim(n: int, doc: str, value: Value, start: str | None, end: str | None) -> Claim:
    return Claim(
        id=f"{doc}#{n}",
        doc=doc,
        span=(0, 1),
        line=1,
        quote="x",
        subject=Ref(id="x", name="某省", text="某省"),
        metric=Ref(id="m", name="产值", text="产值"),
        kind="amount",
        value=value,
        unit="元",
        period=ClaimPeriod(start=start, end=end, kind="year", label=(end or "")[:4]),
        citation=Citation(),
        confidence=1.0,
    )


# (value, what draws it)
MARK_CASES = [
    (Value(lo=9.0, hi=9.0, text="9个"), ["<circle"], ["<rect", "<path"]),
    (Value(lo=4.5e11, hi=4.7e11, text="约4600亿"), ["<rect"], ["<circle", "<path"]),
    (Value(lo=8e5, hi=None, lo_open=True, text="突破80万"), ["<rect", "<path"], ["<circle"]),
    (Value(lo=None, hi=3e4, hi_open=True, text="不到3万"), ["<rect", "<path"], ["<circle"]),
]


@pytest.mark.parametrize("value,drawn,absent", MARK_CASES, ids=[c[0].text for c in MARK_CASES])
def test_desk_chart_draws_points_ranges_and_open_bounds(
    value: Value, drawn: list[str], absent: list[str]
) -> None:
    other = _claim(2, "b.txt", Value(lo=1e5, hi=1e5, text="10万"), "2023-01-01", "2023-12-31")
    claim = _claim(1, "a.txt", value, "2024-01-01", "2024-12-31")
    svg = cluster_chart("F-1", "标题", "说明", [[claim], [other]], {})
    first = svg.split('<g class="mark pair1">')[1].split("</g>")[0]
    assert all(tag in first for tag in drawn) and not any(tag in first for tag in absent)
    assert svg.count('<g class="mark ') == 2
    assert '<title id="t-F-1">标题</title>' in svg and '<desc id="d-F-1">说明</desc>' in svg
    assert 'role="img"' in svg and "<script" not in svg


def test_desk_chart_without_times_is_left_out() -> None:
    claim = _claim(1, "a.txt", Value(lo=1.0, hi=1.0), None, None)
    assert cluster_chart("F-1", "t", "d", [[claim]], {"a.txt": None}) == ""


def test_desk_overview_chart_counts_findings_by_kind() -> None:
    svg = overview_chart("各文章", "a: 3", [("a.txt", {"uncited": 2, "conflict": 1})], {})
    assert svg.count('class="bar"') == 2 and "<title" in svg and "<desc" in svg


@pytest.mark.parametrize(
    "lo,hi,ticks", [(7.85, 9.15, [8.0, 8.5, 9.0]), (0.0, 100.0, [0.0, 50.0, 100.0])]
)
def test_desk_chart_ticks_are_round(lo: float, hi: float, ticks: list[float]) -> None:
    got = nice_ticks(lo, hi)
    assert [round(t, 6) for t in got if t in ticks or round(t, 6) in ticks] == ticks


def _finding(kind: str, doc: str, severity: str = "warning") -> Finding:
    return trusted(
        Finding,
        id=f"F-{kind}-{doc}",
        kind=kind,
        severity=severity,
        claims=[],
        docs=[doc],
        message=kind,
        explanation=Explanation(),
    )


def test_desk_order_is_what_an_editor_acts_on_unknown_kinds_last(rules: Ruleset) -> None:
    kinds = [
        ("uncited", "b.txt", "warning"),
        ("corroboration", "a.txt", "info"),
        ("mystery", "a.txt", "error"),
        ("vague_citation", "a.txt", "info"),
        ("period_drift", "a.txt", "info"),
        ("conflict", "a.txt", "warning"),
        ("revision", "a.txt", "warning"),
        ("source_quality", "b.txt", "warning"),
        ("internal_conflict", "a.txt", "warning"),
        ("conflict", "b.txt", "error"),
    ]
    report = Report(
        documents=[DocumentOut(id="a.txt", path="a.txt"), DocumentOut(id="b.txt", path="b.txt")],
        findings=[_finding(*k) for k in kinds],
        summary=Summary(documents=2, claims=0, findings={}),
    )
    desk = arrange(report, Catalog.of(rules))
    assert [f.id for f in desk.ordered()] == [
        "F-conflict-b.txt",  # the error first inside its kind
        "F-conflict-a.txt",
        "F-internal_conflict-a.txt",
        "F-revision-a.txt",
        "F-period_drift-a.txt",
        "F-corroboration-a.txt",
        "F-vague_citation-a.txt",  # sourcing, one entry per document
        "F-source_quality-b.txt",
        "F-uncited-b.txt",
        "F-mystery-a.txt",
    ]
    assert [s.doc for s in desk.sourcing] == ["a.txt", "b.txt"]


def test_desk_markdown_for_a_pull_request_stays_short() -> None:
    for name in ("expected.md", "expected.zh.md"):
        lines = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
        assert len(lines) <= 60, name
        assert "<details>" in "\n".join(lines)  # the rest is folded
