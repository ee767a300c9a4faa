"""Invariants of repair, checked on documents built from seed fragments."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.documents import parse_document
from checker.despin import Verdict
from checker.normalize import CJK, Repairer, fold_width, normalize, remove_spam, strip_pinyin
from conftest import SEEDS

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
def damaged_documents(draw: st.DrawFn) -> str:
    import opencc

    to_trad = opencc.OpenCC("s2tw")
    parts = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6))
    out = []
    for part in parts:
        if draw(st.booleans()):
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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=damaged_documents())
def test_properties_every_repaired_character_maps_back(repairer: Repairer, raw: str) -> None:
    norm = normalize(parse_document(raw.encode(), "p.txt", "p.txt"), repairer)
    verdict = repairer.spun.score(remove_spam(fold_width(repairer.to_simplified.convert(
        strip_pinyin(raw)[0])), repairer)[0])
    starts, ends = norm.offsets.starts, norm.offsets.ends
    assert len(starts) == len(norm.text)
    assert all(0 <= s < e <= len(raw) for s, e in zip(starts, ends))
    assert list(starts) == sorted(starts) and list(ends) == sorted(ends)
    stripped, pinyin_map, _ = strip_pinyin(raw)
    converted = fold_width(repairer.to_simplified.convert(stripped))
    in_place = {s: converted[j] for j, s in enumerate(pinyin_map.starts)}
    for i, ch in enumerate(norm.text):
        s, e = starts[i], ends[i]
        if e - s == 1:  # converted in place: the same character, repaired in context
            assert in_place[s] == ch
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
    norm = normalize(parse_document(raw.encode("utf-8", "surrogatepass"), "u.txt", "u.txt"), repairer)
    assert all(0 <= s <= e <= len(raw) for s, e in zip(norm.offsets.starts, norm.offsets.ends))


@settings(max_examples=60, deadline=None)
@given(raw=damaged_documents())
def test_properties_repair_is_idempotent(repairer: Repairer, raw: str) -> None:
    once = normalize(parse_document(raw.encode(), "a.txt", "a.txt"), repairer).text
    twice = normalize(parse_document(once.encode(), "b.txt", "b.txt"), repairer).text
    assert twice == once
