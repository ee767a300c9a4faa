"""Build rules/despin.toml from the evidence table tools/despin-pairs.tsv.

Usage: python tools/build_despin_rules.py [PAIRS.tsv] > rules/despin.toml

PAIRS.tsv defaults to despin-pairs.tsv beside this script. The table is the evidence
(every pair with its rule, context pattern, confidence and an attested example);
rules/despin.toml is the data the checker loads. The detector markers are kept at the
top of the generated file and copied through from MARKERS and OTHER_MARKERS below.
tests/test_build_despin_rules.py regenerates the file and compares it with the committed one.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

PAIRS = Path(__file__).with_name("despin-pairs.tsv")

HEADER = """\
# Restoring machine-"spun" text (洗稿). Generated from the evidence table
# despin-pairs.tsv by tools/build_despin_rules.py; edit the table, not this file,
# when a pair changes, and keep the detector below in step with it.
#
# rule = "always"        replace everywhere: the spun form never occurs in ordinary text
# rule = "spun-doc-only" replace only in documents the detector flags as spun
# rule = "context"       only in flagged documents and only inside a match of `context`
#                        (a context pattern sees at most `context_reach` characters either
#                        side of the spun form)
# All rules are evaluated on the text before any replacement; longer spun forms claim
# characters first and all edits are applied in one pass.

context_reach = 64

[detector]
# Tier A: forms ordinary modern Chinese essentially never uses.
markers = [
{markers}
]
# Tier B: markers of older spinner families; only `always` pairs apply to them.
other_markers = [
{other}
]
min_distinct = 3
min_per_1k = 2.0
short_doc_chars = 300
short_min_distinct = 2
other_min_distinct = 2
apply_confidence = ["high", "medium"]
"""

MARKERS = [
    r"东(说念|谈)主",
    r"(?<!东)(?<!小)说念(?![书经头叨])",
    r"(?<![工创写制动合操协运著耕])作念(?![头想书经叨])",
    r"(?<![帝国霸君亲女天魔阎龙蜂猴狮草花鬼拳球歌影])王人(?![物民设选格生杰])",
    r"(?<!不)好意思(?!说|问|开口|拿|要|让|再|当|去|来)",
    r"(?<![切千万])莫得(?![罪意逞已])",
    r"畴昔",
    r"坐蓐",
    r"(大|推理|通用|语言)模子|模子(底座|测验|训练|参数)",
    r"诓骗(场景|落地|示范|开发)|(场景|产业化|东盟|广泛|深度)诓骗",
    r"(?<!故)鼎新",
    r"(数据|申诉|论说|统计)露馅",
    r"连络(院|申诉|所)",
    r"之是以",
    r"差未几|为数未几",
    r"鸠合|蚁合",
    r"上昼",
    r"字节擢升|蚂靠拢团|中国出动|出动互联网|中国科学时间大学|践诺室|交织点",
    r"抓续(?![建航])|(?<!一)支抓(?![捕拍获])|(?<!确)保抓(?![好紧实牢])|执续",
    r"出(刻下|咫尺)",
    r"(^|[。！？\n])关系词[，,]",
    r"[\d万亿千百元]傍边",
    r"[这那]少许",
    (
        r"日月牙异|顶天就地|漫天掩地|东西南朔|自后居上|整宿之间|无特等偶|强人恒强"
        r"|雀跃级|诱骗力|自立自立|少顷万变|一日沉|昆仲之间"
    ),
]

OTHER_MARKERS = [
    r"(?<!大)年夜(?!饭|里|晚)",
    r"不雅",
    r"德律风",
    r"黉舍",
    r"弗成",
    r"(涌|呈|出)如今",
    r"乐成",
    r"(其他|各大|一线|头部|哪些|这座)都会",
]


def _string_list(items: list[str]) -> str:
    return "\n".join(f"  {json.dumps(i, ensure_ascii=False)}," for i in items)


def main(path: str) -> None:
    out = [HEADER.format(markers=_string_list(MARKERS), other=_string_list(OTHER_MARKERS))]
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out.append("[[pair]]")
            for key in ("spun", "original", "rule"):
                out.append(f"{key} = {json.dumps(row[key], ensure_ascii=False)}")
            if row["context_pattern"]:
                out.append(f"context = {json.dumps(row['context_pattern'], ensure_ascii=False)}")
            out.append(f"confidence = {json.dumps(row['confidence'])}")
            out.append(f"example = {json.dumps(row['example'], ensure_ascii=False)}")
            out.append("")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(PAIRS))
