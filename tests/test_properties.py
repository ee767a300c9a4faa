"""Invariants of repair, checked on documents built from seed fragments."""

from __future__ import annotations

import pytest
from conftest import SEEDS
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

# at import, not inside a test: its module applies @given, which inside a running
# @given test is a nested one
from test_quantities import quantities_in

from checker.ingest.documents import parse_document
from checker.repair.despin import Verdict
from checker.repair.normalize import (
    CJK,
    Repairer,
    convert_script,
    fold_width,
    normalize,
    remove_spam,
    strip_pinyin,
)
from checker.repair.offsets import Edit, apply_edits

FRAGMENTS = [
    line.strip()
    for path in sorted(SEEDS.glob("00[34]_*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if 8 <= len(line.strip()) <= 120
]
SYLLABLES = ["fā", "yè", "chuàng", "yīng", "shù", "chǎn", "zhòng", "nèi", "guó", "lǜ"]
SPUN = ["东说念主", "数据露馅", "差未几", "连络院", "之是以", "鼎新", "模子", "诓骗场景", "畴昔"]
SPAM = ["阿姨出租", "菲律宾修车群"]


@st.composite
def damaged_documents(draw: st.DrawFn, traditional: bool = True) -> str:
    import opencc

    to_trad = opencc.OpenCC("s2tw")
    parts = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6))
    out = []
    for part in parts:
        if traditional and draw(st.booleans()):
            converted = to_trad.convert(part)
            part = converted if len(converted) == len(part) else part
        chars = []
        for ch in part:
            chars.append(ch)
            if CJK.match(ch) and draw(st.integers(0, 9)) == 0:
                chars.append(f"({draw(st.sampled_from(SYLLABLES))})")
            roll = draw(st.integers(0, 39))
            if roll == 0:
                chars.append(draw(st.sampled_from(SPUN)))
            elif roll == 1:
                chars.append(draw(st.sampled_from(SPAM)))
        out.append("".join(chars))
    return "\n".join(out)


# 鼎新所在 → 革命方向: 所在 → 方向 is made only after 鼎新, so 方向 maps back to all four
CONTEXT_REPLACEMENT = (
    "火(fā)爆全球的Deep东说念主Seek人工智东说念主能大模(fā)东说念主型、深受全球玩家青睐的游东说念主"
    "戏(fā)《黑神话:悟空》、东说念主春晚上(fā)扭秧歌(fā)跳舞的机器人(fā)……这些创新成果及其所在企"
    "(fā)业都来(fā)自同一个地方——浙江杭州(fā)。\n火爆全球的DeepSeek人工(fā)智能(fā)大东说念主"
    "模型(fā)、深东说念主受全球玩家东说念主青睐的游戏东说念主《黑神话:东说念主悟(fā)东说念主空》、春晚上扭"
    "(fā)秧歌跳东说念主舞东说念主的机器东说念主人……这些创东说念主新成果(fā)及其鼎新所在(fā)企业都(fā)来自"
    "同一个地方(fā)—东说念主—浙江杭州。东说念主"
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=damaged_documents())
@example(raw=CONTEXT_REPLACEMENT)
def test_properties_every_repaired_character_maps_back(repairer: Repairer, raw: str) -> None:
    norm = normalize(parse_document(raw.encode(), "p.txt", "p.txt"), repairer)
    verdict = repairer.spun.score(
        remove_spam(fold_width(repairer.to_simplified.convert(strip_pinyin(raw)[0])), repairer)[0]
    )
    starts, ends = norm.offsets.starts, norm.offsets.ends
    assert len(starts) == len(norm.text)
    assert all(0 <= s < e <= len(raw) for s, e in zip(starts, ends, strict=False))
    assert list(starts) == sorted(starts) and list(ends) == sorted(ends)
    stripped, pinyin_map, _ = strip_pinyin(raw)
    converted = fold_width(repairer.to_simplified.convert(stripped))
    in_place = {s: converted[j] for j, s in enumerate(pinyin_map.starts)}
    for i, ch in enumerate(norm.text):
        s, e = starts[i], ends[i]
        if e - s == 1 and in_place[s] == ch:  # converted in place, in context
            continue
        else:  # a replacement: the slice it points at repairs to text holding it
            assert ch in _repair_piece(raw[s:e], verdict, repairer), (raw[s:e], ch)


def _repair_piece(piece: str, verdict: Verdict, repairer: Repairer) -> str:
    """Repair a slice alone, as part of a document with the whole one's spin verdict."""
    text, _, _ = strip_pinyin(piece)
    text = fold_width(repairer.to_simplified.convert(text))
    text, _, _ = remove_spam(text, repairer)
    return repairer.spun.restore(text, verdict)[0]


@settings(max_examples=100, deadline=None)
@given(raw=st.text(max_size=200))
def test_properties_arbitrary_unicode_never_raises(repairer: Repairer, raw: str) -> None:
    norm = normalize(
        parse_document(raw.encode("utf-8", "surrogatepass"), "u.txt", "u.txt"), repairer
    )
    assert all(
        0 <= s <= e <= len(raw)
        for s, e in zip(norm.offsets.starts, norm.offsets.ends, strict=False)
    )


@settings(max_examples=60, deadline=None)
@given(raw=damaged_documents(traditional=False))
def test_properties_repair_is_idempotent(repairer: Repairer, raw: str) -> None:
    """Repairing repaired text changes nothing but what OpenCC converts by its
    neighbours, which repair may have changed (颠数据露馅覆 → 颠数据显示覆 → …显示复)."""
    once = normalize(parse_document(raw.encode(), "a.txt", "a.txt"), repairer).text
    twice = normalize(parse_document(once.encode(), "b.txt", "b.txt"), repairer).text
    assert twice == convert_script(once, repairer)


# ---- numbers -------------------------------------------------------------------------

CN_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Write a non-negative integer below 1e12 in Chinese numerals (for the property)."""
    if n == 0:
        return "零"

    def below_10k(x: int) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d, x = divmod(x, size)
            if d:
                out += ("零" if zero and out else "") + CN_DIGITS[d] + unit
                zero = False
            else:
                zero = True
        return out

    parts = []
    for unit, size in (("亿", 10**8), ("万", 10**4), ("", 1)):
        d, n = divmod(n, size)
        if d:
            parts.append((below_10k(d), unit, d))
        elif parts:
            parts.append(("", "", 0))
    text = ""
    for i, (digits, unit, d) in enumerate(parts):
        if not d:
            continue
        if text and (d < 1000 or parts[i - 1][2] == 0):
            text += "零"
        text += digits + unit
    return text


def one_quantity(text: str, toolkit) -> float:
    found, _, _ = quantities_in(text, toolkit)
    counts = [q for q in found if q.kind == "count"]
    assert len(counts) == 1, (text, found)
    return counts[0].value.lo


# From 3: a bare 一/二/两 before a classifier (一个, 两家) is read as an article, not a count.
@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=3, max_value=10**11))
def test_properties_integers_parse_the_same_in_every_writing(toolkit, n: int) -> None:
    writings = [
        f"{to_chinese(n)}件",
        f"{n}件",
        f"{n:,}件",
        "".join(chr(ord(c) + 0xFEE0) for c in str(n)) + "件",
    ]
    if n % 10**4 == 0:
        writings.append(f"{n // 10**4}万件")
    if n % 10**8 == 0:
        writings.append(f"{n // 10**8}亿件")
    if n >= 10**4:
        writings.append(f"{n / 10**4:.4f}".rstrip("0").rstrip(".") + "万件")
    for text in writings:
        assert one_quantity(text, toolkit) == pytest.approx(n), text


@settings(max_examples=150, deadline=None)
@given(
    text=st.sampled_from(
        [
            "突破80万件",
            "超7.6万家",
            "约4600亿元",
            "近三分之一",
            "连续八年",
            "位居全国前五",
            "190多项",
            "百分之六十",
            "5099.61亿元",
            "翻两番",
            "万亿元级别",
            "首个",
            "十大产业",
        ]
    )
)
def test_properties_traditional_rendering_parses_the_same(toolkit, text: str) -> None:
    import opencc

    trad = opencc.OpenCC("s2tw").convert(text)
    simple = [(q.kind, q.unit, q.value.lo, q.value.hi) for q in quantities_in(text, toolkit)[0]]
    traditional = [
        (q.kind, q.unit, q.value.lo, q.value.hi) for q in quantities_in(trad, toolkit)[0]
    ]
    assert simple == traditional and simple


@settings(max_examples=300, deadline=None)
@given(
    raw=st.text(max_size=120)
    | st.text(
        alphabet=st.sampled_from(
            list(
                "0123456789.,%-—约超近多余万亿千百十一二两三年月日第前连续倍番分之成以上左右今去前届春节"
            )
        ),
        max_size=40,
    )
)
def test_properties_parsers_never_raise_and_spans_stay_inside(toolkit, raw: str) -> None:
    from checker.mentions.collect import sentence_mentions
    from checker.models import Sentence

    sentence = Sentence(
        index=0, start=0, end=len(raw), span=(0, len(raw)), line=1, paragraph=0, text=raw
    )
    for pub in ("2025-07", None):
        m = sentence_mentions(raw, sentence, pub, toolkit.mentions)
        for item in (*m.quantities, *m.periods, *m.entities):
            assert 0 <= item.start < item.end <= len(raw)


@settings(max_examples=300, deadline=None)
@given(
    pool=st.sets(st.integers(0, 2**32 - 1), min_size=1, max_size=200),
    seed=st.randoms(),
    floor=st.floats(0, 1),
)
def test_properties_copy_similarity_floor_changes_no_decision(
    pool: set[int], seed, floor: float
) -> None:
    """Stopping early below `floor` never turns a pair above it into one below, or back."""
    from checker.matching.copies import K, similarity

    items = sorted(pool)
    a = sorted(seed.sample(items, min(K, len(items))))
    b = sorted(seed.sample(items, min(K, max(1, len(items) // 2))))
    assert (similarity(a, b, floor) >= floor) == (similarity(a, b) >= floor)


@st.composite
def edit_lists(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    """A text and sorted, non-overlapping edits of it, some read on wider text."""
    length = draw(st.integers(0, 30))
    cuts = sorted(draw(st.lists(st.integers(0, length), max_size=8)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        reads = draw(st.none() | st.tuples(st.integers(0, start), st.integers(end, length)))
        edits.append(Edit(start, end, draw(st.text("XYZ", max_size=3)), reads))
    return "一" * length, edits


@settings(max_examples=500, deadline=None)
@given(case=edit_lists())
def test_properties_offset_maps_widen_like_running_extremes(case: tuple[str, list[Edit]]) -> None:
    """Each start of a map is the least start of its character or any after it, each end
    the greatest end of its character or any before it (the ranges a replacement's
    context reaches over widen, and only those)."""
    text, edits = case
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for e in [*edits, Edit(len(text), len(text), "")]:
        starts += range(cursor, e.start)
        ends += range(cursor + 1, e.start + 1)
        lo, hi = e.reads or (e.start, e.end)
        starts += [lo] * len(e.replacement)
        ends += [hi] * len(e.replacement)
        cursor = e.end
    offsets = apply_edits(text, edits)[1]
    assert list(offsets.starts) == [min(starts[i:]) for i in range(len(starts))]
    assert list(offsets.ends) == [max(ends[: i + 1]) for i in range(len(ends))]


@settings(max_examples=300, deadline=None)
@given(first=edit_lists(), shift=st.integers(0, 5), seed=st.randoms())
def test_properties_edits_applied_through_a_map_compose_with_it(
    first: tuple[str, list[Edit]], shift: int, seed
) -> None:
    """Edits applied through a map of the text (an earlier step's, shifted or not) give
    the composition of that map with the edits' own, as `OffsetMap.then` makes it."""
    from checker.repair.offsets import OffsetMap

    text, edits = first
    edited, earlier = apply_edits(text, edits)
    later = sorted(seed.sample(range(len(edited) + 1), min(4, len(edited) + 1)))
    again = [
        Edit(a, b, "Z" * seed.randint(1, 2), seed.choice([None, (max(0, a - 1), b)]))
        for a, b in zip(later[::2], later[1::2], strict=False)
        if a < b
    ]
    for into in (
        earlier,
        earlier.shifted(shift, earlier.source_len + shift),
        OffsetMap.identity(len(edited)).shifted(shift, len(edited) + shift),
    ):
        assert apply_edits(edited, again, into) == (
            apply_edits(edited, again)[0],
            into.then(apply_edits(edited, again)[1]),
        )


NAME_WORDS = [
    "发明",
    "专利",
    "有效量",
    "研发",
    "经费",
    "投入",
    "高新技术",
    "企业",
    "数量",
    "产业",
    "规模",
    "核心",
    "发布",
    "会议",
    "量",
]
NAMES = st.lists(st.sampled_from(NAME_WORDS), max_size=5).map("".join)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    heads=st.lists(
        st.tuples(
            st.sampled_from([None, None, None, "invention_patents_in_force", "rd_spending"]), NAMES
        ),
        min_size=1,
        max_size=40,
    ),
    kind=st.sampled_from(["count", "date"]),
)
def test_properties_metric_groups_equal_all_pairs_comparison(
    toolkit, heads: list[tuple[str | None, str]], kind: str
) -> None:
    """The candidate index only skips pairs that cannot match: the metric groups are the
    ones comparing every pair of distinct names gives."""
    from collections import defaultdict

    from checker.matching.match import Matcher
    from checker.models import Citation, Claim, ClaimPeriod, Ref, Value

    claims = [
        Claim(
            id=f"d#{n}",
            doc="d",
            span=(n, n + 1),
            line=1,
            quote="",
            subject=None,
            metric=Ref(id=mid, name=name, text=name),
            kind=kind,
            value=Value(lo=1.0, hi=1.0),
            unit="件",
            period=ClaimPeriod(),
            citation=Citation(),
            confidence=1.0,
        )
        for n, (mid, name) in enumerate(heads)
    ]
    matcher = Matcher(toolkit.rules, {}, toolkit.dictionary)

    by_metric: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_metric[c.metric.id or f"~{c.metric.name}"].append(c)
    keys = sorted(by_metric)
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for i, ka in enumerate(keys):
        for kb in keys[i + 1 :]:
            if (
                find(ka) != find(kb)
                and matcher.metric_level(by_metric[ka][0], by_metric[kb][0])[0] != "none"
            ):
                parent[find(kb)] = find(ka)
    expected: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        expected[find(k)] += [c.id for c in by_metric[k]]
    got = [[c.id for c in group] for group in matcher._metric_groups(claims)]
    assert got == list(expected.values())


def test_properties_metric_groups_merge_reordered_words(toolkit) -> None:
    """The kind of pair the property above must not lose: the same words reordered."""
    from checker.matching.match import Matcher
    from checker.models import Citation, Claim, ClaimPeriod, Ref, Value

    names = ["发明专利有效量", "有效量发明专利", "高新技术企业数量"]
    claims = [
        Claim(
            id=f"d#{n}",
            doc="d",
            span=(n, n + 1),
            line=1,
            quote="",
            subject=None,
            metric=Ref(id=None, name=name, text=name),
            kind="count",
            value=Value(lo=1.0, hi=1.0),
            unit="件",
            period=ClaimPeriod(),
            citation=Citation(),
            confidence=1.0,
        )
        for n, name in enumerate(names)
    ]
    groups = Matcher(toolkit.rules, {}, toolkit.dictionary)._metric_groups(claims)
    assert sorted(sorted(c.metric.name for c in g) for g in groups) == [
        ["发明专利有效量", "有效量发明专利"],
        ["高新技术企业数量"],
    ]


MONTHS = st.one_of(
    st.sampled_from([None, "2023", "2025-02-28", "2026"]),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2020, 2026), st.integers(1, 12)),
)
PERIODS = st.one_of(
    st.just(("target", None, None, "target:2035")),  # stated, with no date of its own
    st.builds(
        lambda kind, end: ("implied" if kind else "unstated", end, None, None),
        st.booleans(),
        MONTHS,
    ),
    st.builds(
        lambda year: ("year", f"{year}-12-31", f"{year}-01-01", str(year)),
        st.sampled_from([2023, 2024, 2025]),
    ),
    st.builds(
        lambda end: ("as_of", end, None, f"as_of:{end}"),
        st.sampled_from(["2024-12-31", "2025-02-28", "2025-06-30"]),
    ),
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    heads=st.lists(st.tuples(PERIODS, MONTHS), min_size=1, max_size=60),
    kind=st.sampled_from(["count", "count", "rank", "streak"]),
)
def test_properties_time_groups_equal_all_pairs_comparison(toolkit, heads, kind: str) -> None:
    """Times grouped by the month sweep are the groups comparing every pair of distinct
    times with `period_relation` gives."""
    from collections import defaultdict

    from checker.matching.match import SAME_TIME, Matcher
    from checker.models import Citation, Claim, ClaimPeriod, Ref, Value

    dates = {f"d{n}": doc_date for n, (_, doc_date) in enumerate(heads)}
    claims = [
        Claim(
            id=f"d{n}#1",
            doc=f"d{n}",
            span=(0, 1),
            line=1,
            quote="",
            subject=None,
            metric=Ref(id="m", name="m", text="m"),
            kind=kind,
            value=Value(lo=1.0, hi=2.0),
            unit="件",
            period=ClaimPeriod(kind=pk, end=end, start=start, label=label),
            citation=Citation(),
            confidence=1.0,
        )
        for n, ((pk, end, start, label), _) in enumerate(heads)
    ]
    matcher = Matcher(toolkit.rules, dates, toolkit.dictionary)

    by_time: dict[object, list[Claim]] = defaultdict(list)
    for c in claims:
        by_time[matcher.key(c)[1]].append(c)
    keys = list(by_time)
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if matcher.period_relation(by_time[keys[i]][0], by_time[keys[j]][0]) in SAME_TIME:
                parent[find(j)] = find(i)
    expected: dict[int, list[str]] = defaultdict(list)
    for i, k in enumerate(keys):
        expected[find(i)] += [c.id for c in by_time[k]]
    got = [[c.id for c in group] for group in matcher._time_groups(claims)]
    assert got == list(expected.values())
