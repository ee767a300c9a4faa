from __future__ import annotations

import re

import pytest
from conftest import seed_path

from checker.ingest.documents import parse_document
from checker.repair.normalize import PINYIN_ANNOTATION, Repairer, fold_width, normalize
from checker.repair.offsets import Edit, OffsetMap, apply_edits

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
LEFTOVER_PINYIN = re.compile(rf"\([a-zü{TONED}]{{1,6}}\)")


def repaired(text: str, repairer: Repairer) -> str:
    return normalize(parse_document(text.encode(), "t.txt", "t.txt"), repairer).text


def repaired_seed(prefix: str, repairer: Repairer) -> tuple[str, str]:
    raw = seed_path(prefix).read_text(encoding="utf-8")
    return raw, repaired(raw, repairer)


PARENTHETICAL_CASES = [
    ("世界知识產權組織(WIPO)發(fā)布", "世界知识产权组织(WIPO)发布"),
    ("研究與試驗發展(R&D)經費", "研究与试验发展(R&D)经费"),
    ("《互聯網周刊》(CIW)", "《互联网周刊》(CIW)"),
    ("英偉達”(No need for Nvidia)", "英伟达”(No need for Nvidia)"),
    ("發展規劃(2018—2025年)", "发展规划(2018—2025年)"),
    ("應用(app)", "应用(app)"),
    ("包括(a)和(b)", "包括(a)和(b)"),
    ("凱風(fēng)", "凯风"),
    ("恢復（fù）", "恢复"),
    ("在內(nèi))", "在内)"),
    ("重(zhòng)要", "重要"),
    ("AI(ài)", "AI(ài)"),
    ("的(de)", "的(de)"),
    ("旅客发送(fā sòng)量", "旅客发送量"),  # a word's syllables in one bracket
    ("名单(list one)", "名单(list one)"),  # words with no tone mark stay
]


@pytest.mark.parametrize(
    "raw,expected", PARENTHETICAL_CASES, ids=[c[0] for c in PARENTHETICAL_CASES]
)
def test_normalize_pinyin_and_parentheticals(raw: str, expected: str, repairer: Repairer) -> None:
    assert repaired(raw, repairer) == expected


WIDTH_CASES = [
    ("ＡＩ专利占比６０％", "AI专利占比60%"),
    ("突破８０万件，连续２５年", "突破80万件,连续25年"),
    ("全角　空格", "全角 空格"),
    ("㎡½不变", "㎡½不变"),  # NFKC would change these
]


@pytest.mark.parametrize("raw,expected", WIDTH_CASES, ids=[c[0] for c in WIDTH_CASES])
def test_normalize_width_folding(raw: str, expected: str) -> None:
    assert fold_width(raw) == expected


# Ordinary text that holds a spun form across a word boundary: never changed.
NEVER_CHANGED = [
    "他有了工作念头。",
    "帝王人物的故事。",
    "切莫得意忘形。",
    "小说念起来很顺。",
    "日本年轻人喜欢动漫。",
    "他们出国度假去了。",
    "家居品牌很多。",
    "确保抓好落实。",
    "目前年产能已经很高。",
    "春天来临了。",
    "今年头部企业表现好。",
    "真不好意思。",
    "反之亦然。",
    "各方齐头并进。",
    "营业收入增长。",
    "较上年同期增长10%。",
    "稳就业是重点。",
    "消费者申诉增多。",
    "机器人关节很灵活。",
    "这个领域发展很快。",
    "世界经济复苏。",
    "他的成果很多。",
    "鼓励创新。",
]


@pytest.mark.parametrize("text", NEVER_CHANGED)
def test_normalize_ordinary_text_is_never_despun(text: str, repairer: Repairer) -> None:
    assert repaired(text, repairer) == text


SPUN_PAGE = (
    "东说念主工智能鼎新正在加快,大模子的诓骗场景齐在扩大。数据露馅,世界东说念主工智能产业"
    "领域突破7000亿元,各人占比将越过30%。莫得东说念主能置身事外,畴昔已来。"
)


def test_normalize_spun_document_is_restored_in_one_pass(repairer: Repairer) -> None:
    text = repaired(SPUN_PAGE, repairer)
    assert "东说念主" not in text and "人工智能革命" in text
    assert "数据显示" in text and "产业规模突破7000亿元" in text
    assert "全球占比将超过30%" in text and "没有人" in text and "未来已来" in text
    assert "大模型的应用场景" in text


def test_normalize_always_pairs_apply_without_detection(repairer: Repairer) -> None:
    assert repaired("普通文章里偶有东说念主一词。", repairer) == "普通文章里偶有人一词。"


def test_normalize_seed_000_pinyin_gone_parentheticals_kept_simplified(repairer: Repairer) -> None:
    raw, text = repaired_seed("000", repairer)
    assert PINYIN_ANNOTATION.search(raw) and not LEFTOVER_PINYIN.search(text)
    for kept in (
        "(WIPO)",
        "(如有图片或视频亦包括在内)",
        "(including the pictures and videos if any)",
    ):
        assert kept in text
    assert repairer.to_simplified.convert(text) == text
    assert "广东发明专利有效量在全国率先突破80万件" in text


def test_normalize_seed_001_despun_and_spam_removed(repairer: Repairer) -> None:
    raw, text = repaired_seed("001", repairer)
    assert "东说念主" not in text
    assert text.count("人工智能") >= raw.count("东说念主工智能") + raw.count("人工智能")
    assert "阿姨出租" not in text and "菲律宾修车群" not in text
    assert "每一次科技革命,都会重塑区域经济格局。" in text


@pytest.mark.parametrize("prefix", ["003", "004"])
def test_normalize_clean_seeds_change_only_in_width(prefix: str, repairer: Repairer) -> None:
    raw, text = repaired_seed(prefix, repairer)
    assert text == fold_width(raw)


def test_normalize_records_damage_per_document(repairer: Repairer) -> None:
    cases = {
        "000": ("traditional", {"pinyin-annotation"}),
        "001": ("simplified", {"spun", "spam"}),
        "002": ("traditional", set()),
        "003": ("simplified", set()),
        "004": ("simplified", set()),
    }
    for prefix, (script, damage) in cases.items():
        raw = seed_path(prefix).read_bytes()
        rep = normalize(parse_document(raw, prefix, prefix), repairer).repair
        assert rep.script == script and set(rep.damage) == damage, prefix
        assert (rep.spin_score > 2) == ("spun" in damage)


@pytest.mark.parametrize(
    "edits", [[Edit(1, 3, "X")], [Edit(0, 1, ""), Edit(2, 2, "YZ")], []], ids=["one", "two", "none"]
)
def test_normalize_offset_maps_compose_through_an_unchanged_step(edits: list[Edit]) -> None:
    """A step that changed nothing (an identity map of ranges) composes like any other map."""
    _, later = apply_edits("一二三四", edits)
    unchanged = OffsetMap.identity(4)
    as_tuples = OffsetMap(tuple(unchanged.starts), tuple(unchanged.ends), 4)
    assert unchanged.then(later) == as_tuples.then(later) == later


def test_normalize_offset_map_widens_to_a_replacements_context() -> None:
    """A replacement decided on wider text maps back to all of it, and its neighbours'
    ranges widen just enough to keep starts and ends in order."""
    text, offsets = apply_edits("一二三四五六", [Edit(2, 4, "XY", reads=(1, 5))])
    assert text == "一二XY五六"
    assert list(offsets.starts) == [0, 1, 1, 1, 4, 5]
    assert list(offsets.ends) == [1, 2, 5, 5, 5, 6]
    with pytest.raises(ValueError, match="reads"):
        apply_edits("一二三四", [Edit(1, 3, "X", reads=(2, 4))])


# spun forms replaced only in context: after the word they need (研究所在 → 研究方向),
# before it (关节领域 → 关键领域) and after a sentence start (关系词, → 然而,)
CONTEXT_PAGE = "东说念主工智能的研究所在正在变化,大模子成为关节领域。关系词,新模子的诓骗场景还少。"


def test_normalize_context_replacements_map_back_to_their_context(repairer: Repairer) -> None:
    norm = normalize(parse_document(CONTEXT_PAGE.encode(), "t.txt", "t.txt"), repairer)
    assert "研究方向" in norm.text and "关键领域" in norm.text and "。然而," in norm.text
    starts, ends = norm.offsets.starts, norm.offsets.ends
    assert list(starts) == sorted(starts) and list(ends) == sorted(ends)
    verdict = repairer.spun.score(CONTEXT_PAGE)
    for i, ch in enumerate(norm.text):
        piece = CONTEXT_PAGE[starts[i] : ends[i]]
        if piece != ch:  # replaced: the slice it points at repairs alone to text holding it
            assert ch in repairer.spun.restore(piece, verdict)[0], (ch, piece)

    def source(word: str) -> str:
        at = norm.text.index(word)
        return CONTEXT_PAGE[slice(*norm.offsets.span(at, at + len(word)))]

    assert source("方向") == "研究所在" and source("关键") == "关节领域"
    assert source("然而") == "关系词,"  # the sentence start, not the full stop before it
    assert source("人工") == "东说念主工"  # a literal replacement keeps its own range


def test_normalize_spin_markers_count_as_their_patterns_do(repairer: Repairer) -> None:
    """A marker looked for by its words first counts what its pattern alone counts."""
    texts = [SPUN_PAGE, "普通文章里偶有东说念主一词。", "", "这篇稿子没有任何标记。"]
    for marker in (*repairer.spun.markers, *repairer.spun.other_markers):
        for text in texts:
            assert marker.count(text) == len(marker.pattern.findall(text))
            assert marker.found(text) == (marker.pattern.search(text) is not None)
