from __future__ import annotations

import pytest
from conftest import SEEDS, gold_rows

from checker.ingest.documents import parse_document
from checker.pipeline import Toolkit, analyse
from checker.repair.normalize import normalize

# Gold subjects that name one place, company or institution (not composites such as
# 深圳—香港—广州科技集群, people, programmes or documents).
NAMED = {
    "广东",
    "东莞",
    "中国",
    "合肥",
    "安徽",
    "北京",
    "腾讯",
    "浙江",
    "江苏",
    "上海",
    "华为",
    "粤港澳大湾区",
    "杭州",
    "奇瑞汽车",
    "全球",
    "科大讯飞",
    "亿航智能",
    "松狐科技",
    "长三角",
    "珠三角",
    "阿里巴巴",
    "字节跳动",
    "网易",
    "比亚迪",
    "大疆",
    "宇树科技",
    "DeepSeek",
    "中国散裂中子源",
    "之江实验室",
    "江门中微子实验",
    "中国专利奖",
}
# The quote names no entity for these: the subject is implied by 全省 (the document's
# province) or by the national government's work report.
IMPLIED = {"001-040", "001-041", "002-027", "001-050"}
ROWS = [
    r
    for r in gold_rows("seed-claims.jsonl")
    if r["subject"] in NAMED
    and r["id"] not in IMPLIED
    and not r.get("implicit")
    and "subject from context" not in (r.get("note") or "")
]


@pytest.fixture(scope="module")
def seeds(toolkit: Toolkit) -> dict[str, object]:
    return {
        p.name: analyse(parse_document(p.read_bytes(), p.name, p.name), toolkit)
        for p in SEEDS.glob("*.txt")
    }


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['id']}:{r['subject']}" for r in ROWS])
def test_entities_every_named_gold_subject_is_found_and_canonical(
    row: dict, toolkit: Toolkit, seeds: dict
) -> None:
    """Found in the quote as the pipeline repairs it (spun words restored in context)."""
    a = seeds[row["doc"]]
    start = a.document.text.index(row["quote"])
    end = start + len(row["quote"])
    offsets = a.normalized.offsets
    inside = [
        i
        for i in range(len(a.normalized.text))
        if start <= offsets.starts[i] and offsets.ends[i] <= end
    ]
    found = toolkit.mentions.entities.find(a.normalized.text, inside[0], inside[-1] + 1)
    assert row["subject"] in {e.name for e in found} | {e.text for e in found}


CASES = [
    ("廣東發明專利有效量", "guangdong"),
    ("粤企出海", "guangdong"),
    ("江浙沪三地总和", "jiang_zhe_hu"),
    ("长三角三省一市", "yangtze_delta"),
    ("大湾区科学论坛", "greater_bay_area"),
    ("京津冀协同", "jing_jin_ji"),
    ("世界知识产权组织(WIPO)", "wipo"),
    ("赛迪研究院发布", "ccid"),
    ("全国工商联发布的报告", "acfic"),
    ("深度求索", "deepseek"),
    ("DeepSeek的横空出世", "deepseek"),
    ("科大讯飞", "iflytek"),
    ("中国人工智能500强", "china_ai_top500"),
    ("國家知識產權局", "cnipa"),
    ("内蒙古自治区", "inner_mongolia"),
]


@pytest.mark.parametrize("text,eid", CASES, ids=[c[0] for c in CASES])
def test_entities_table(text: str, eid: str, toolkit: Toolkit) -> None:
    norm = normalize(parse_document(text.encode(), "e.txt", "e.txt"), toolkit.repairer).text
    assert eid in [e.id for e in toolkit.mentions.entities.find(norm)]


@pytest.mark.parametrize("text", ["浙大", "苏醒", "京剧", "南京", "东京"])
def test_entities_short_forms_do_not_fire_inside_words(text: str, toolkit: Toolkit) -> None:
    found = toolkit.mentions.entities.find(text)
    assert all(len(e.text) > 1 for e in found)


def test_entities_groups_have_members(toolkit: Toolkit) -> None:
    by_id = toolkit.mentions.entities.by_id
    assert by_id["jiang_zhe_hu"].members == ["jiangsu", "zhejiang", "shanghai"]
    assert set(by_id["yangtze_delta"].members) == {"shanghai", "jiangsu", "zhejiang", "anhui"}
    assert by_id["eastern_provinces"].members == []
    provinces = [
        e
        for e in by_id.values()
        if e.type in ("province", "municipality", "autonomous_region", "sar")
    ]
    assert len(provinces) == 34


# organisations the list does not hold, by how their names end: (text, name, type)
OPEN = [
    ("2025年华岳钢铁集团粗钢产量", "华岳钢铁", "company"),
    ("——青禾船舶集团：完工量", "青禾船舶", "company"),
    ("据鼎冶咨询测算", "鼎冶咨询", "organisation"),
    ("甲乙银行营收增长", "甲乙银行", "company"),
    ("2024年，本钢集团产量", "本钢", "company"),  # a name of one character before the suffix
    ("——翠筠药业营业收入：96.4", "翠筠药业", "company"),  # a trade's name ending it
    ("2025年，青柘乳业净利润", "青柘乳业", "company"),
]
# phrases that end like a name but are none
NOT_OPEN = [
    *["上市公司数量", "各家保险公司", "全国钢铁集团", "河北钢铁集团产量", "推动钢铁行业"],
    *["，观赏鱼食品出口额", "，智能家居市场规模", "，冷冻食品、饮料"],  # the trade itself
    "，报告期内公司营业收入",  # when, not who
]


@pytest.mark.parametrize("text,name,kind", OPEN, ids=[c[0] for c in OPEN])
def test_entities_open_names_by_their_ending(
    text: str, name: str, kind: str, toolkit: Toolkit
) -> None:
    found = [(e.name, e.type) for e in toolkit.mentions.entities.find(text) if not e.id]
    assert found == [(name, kind)]


@pytest.mark.parametrize("text", NOT_OPEN)
def test_entities_open_names_refuse_phrases(text: str, toolkit: Toolkit) -> None:
    assert [e.text for e in toolkit.mentions.entities.find(text) if not e.id] == []
