"""Repair damaged text, keeping a map from every repaired character to the original.

Steps, in order (each a small pure function):
1. strip pinyin annotations (`發(fā)展` → `發展`), keeping real parentheticals;
2. Traditional → Simplified with OpenCC `tw2s` and full-width ASCII → half width
   (both one character for one, so they need no map of their own);
3. remove injected spam phrases;
4. restore machine-spun wording in one pass (see `checker.repair.despin`);
5. mark boilerplate lines (disclaimers, credits, bylines) so analysis skips them.
"""

from __future__ import annotations

import operator
import re
from functools import cached_property

import opencc

from checker.models import Document, NormalizedText, Repair, Script
from checker.repair import despin
from checker.repair.offsets import Edit, OffsetMap, apply_edits
from checker.ruleset import Ruleset

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
PINYIN_ANNOTATION = re.compile(  # 送(sòng), and a word's syllables at once: 发送(fā sòng)
    rf"(?<=[{HAN}])[(（](?=[a-zü{TONED} ]*[{TONED}])[a-zü{TONED}]{{1,6}}(?: [a-zü{TONED}]{{1,6}}){{0,3}}[)）]"
)
CJK = re.compile(f"[{HAN}]")
FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
ANY_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


class Repairer:
    """Compiled repair machinery: built once per ruleset, shared by every document."""

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules

    def __repr__(self) -> str:
        return f"Repairer(rules={self.rules.source!r})"

    @cached_property
    def to_simplified(self) -> opencc.OpenCC:
        return opencc.OpenCC("tw2s")

    @cached_property
    def to_traditional(self) -> opencc.OpenCC:
        return opencc.OpenCC("s2tw")

    @cached_property
    def simplified_only(self) -> re.Pattern[str]:
        """Characters OpenCC `s2tw` changes: written only in Simplified script. Found once
        by converting the whole CJK Unified Ideographs block."""
        block = "".join(map(chr, range(0x4E00, 0xA000)))
        converted = self.to_traditional.convert(block)
        if len(converted) != len(block):  # a phrase rule fired: fall back to one by one
            converted = "".join(
                c2 if len(c2 := self.to_traditional.convert(c)) == 1 else c for c in block
            )
        return re.compile(
            "[" + "".join(a for a, b in zip(block, converted, strict=False) if a != b) + "]"
        )

    @cached_property
    def spun(self) -> despin.Despinner:
        return despin.Despinner.build(self.rules.despin)

    @cached_property
    def spam(self) -> re.Pattern[str] | None:
        phrases = sorted((s.phrase for s in self.rules.boilerplate.spam), key=len, reverse=True)
        return re.compile("|".join(map(re.escape, phrases))) if phrases else None

    @cached_property
    def boilerplate(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(b.kind, re.compile(b.pattern)) for b in self.rules.boilerplate.boilerplate]


def normalize(doc: Document, repairer: Repairer) -> NormalizedText:
    body = doc.text[doc.body_start :]
    text, offsets, pinyin = strip_pinyin(body)
    converted = convert_script(text, repairer)
    traditional = _differences(text, converted)
    script = detect_script(text, converted, repairer, traditional)
    folded = fold_width(converted)
    counts = {
        "pinyin-annotation": pinyin,
        "traditional-chars": traditional,
        "full-width": _differences(converted, folded),
    }
    text, spam_map, counts["spam"] = remove_spam(folded, repairer)
    if counts["spam"]:
        offsets = offsets.then(spam_map)
    # the map so far, to the file (shifting ranges costs nothing), before despinning: its
    # edits are composed with it as they are applied, in the same pass
    if doc.body_start or len(doc.text) != offsets.source_len:
        offsets = offsets.shifted(doc.body_start, len(doc.text))
    verdict = repairer.spun.score(text)
    text, offsets, counts["spun-edits"] = repairer.spun.restore(text, verdict, offsets)
    masked, kinds = mark_boilerplate(text, repairer)
    counts["boilerplate-lines"] = len(masked)
    damage = [k for k in ("pinyin-annotation", "full-width", "spam") if counts[k]]
    if verdict.spun:
        damage.append("spun")
    repair = Repair(
        script=script,
        damage=tuple(damage),
        counts={k: v for k, v in counts.items() if v},
        spin_score=round(verdict.per_1k, 1),
        spin_markers=verdict.distinct,
        boilerplate=tuple(sorted(set(kinds))),
    )
    return NormalizedText(
        doc_id=doc.id, text=text, offsets=offsets, repair=repair, masked=tuple(masked)
    )


def _differences(a: str, b: str) -> int:
    return 0 if a == b else sum(map(operator.ne, a, b))


def strip_pinyin(text: str) -> tuple[str, OffsetMap, int]:
    """Delete tone-marked pinyin in parentheses right after a Han character (a syllable, or
    a word's syllables separated by spaces)."""
    edits = [Edit(m.start(), m.end(), "") for m in PINYIN_ANNOTATION.finditer(text)]
    if not edits:
        return text, OffsetMap.identity(len(text)), 0
    new, offsets = apply_edits(text, edits)
    return new, offsets, len(edits)


def convert_script(text: str, repairer: Repairer) -> str:
    """Traditional → Simplified; OpenCC `tw2s` is one-for-one, which is checked."""
    out: str = repairer.to_simplified.convert(text)
    if len(out) == len(text):
        return out
    # A dictionary entry that changes length would break the offset map: convert
    # character by character instead, which is always one-for-one.
    return "".join(c2 if len(c2 := repairer.to_simplified.convert(c)) == 1 else c for c in text)


SCRIPT_SAMPLE = 20_000


def detect_script(
    text: str, simplified: str, repairer: Repairer, differences: int | None = None
) -> Script:
    """Traditional, Simplified or mixed, judged on the first 20,000 characters;
    `differences`, the characters the whole texts differ by, when counted already."""
    short = len(text) <= SCRIPT_SAMPLE
    text, simplified = text[:SCRIPT_SAMPLE], simplified[:SCRIPT_SAMPLE]
    trad = differences if short and differences is not None else _differences(text, simplified)
    if trad == 0:
        return "simplified" if CJK.search(text) else "none"
    simp = len(repairer.simplified_only.findall(text))
    low, high = sorted((trad, simp))
    if low >= 5 and low >= 0.25 * high:
        return "mixed"
    return "traditional" if trad > simp else "simplified"


def fold_width(text: str) -> str:
    """Full-width ASCII (！ to ～) and the ideographic space to half width; not NFKC."""
    return text.translate(FULL_WIDTH) if ANY_FULL_WIDTH.search(text) else text


def remove_spam(text: str, repairer: Repairer) -> tuple[str, OffsetMap, int]:
    pattern = repairer.spam
    if pattern is None:
        return text, OffsetMap.identity(len(text)), 0
    edits = [Edit(m.start(), m.end(), "") for m in pattern.finditer(text)]
    if not edits:
        return text, OffsetMap.identity(len(text)), 0
    new, offsets = apply_edits(text, edits)
    return new, offsets, len(edits)


def mark_boilerplate(text: str, repairer: Repairer) -> tuple[list[tuple[int, int]], list[str]]:
    """Whole lines that belong to the page, not the story; the text keeps them."""
    masked: list[tuple[int, int]] = []
    kinds: list[str] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        content = line.strip()
        if content:
            for kind, pattern in repairer.boilerplate:
                if pattern.fullmatch(content):
                    masked.append((pos, pos + len(line.rstrip("\r\n"))))
                    kinds.append(kind)
                    break
        pos += len(line)
    return masked, kinds
