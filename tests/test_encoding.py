"""Reading files in their encoding: detection, damage contained, garbled text flagged.

The documents are written for these tests; every encoded copy is made here from them.
"""

from __future__ import annotations

import json
import shutil
import struct
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import RuleFileError
from checker.ingest.documents import parse_document
from checker.models import Analysis, Claim, Extraction, jsonable
from checker.pipeline import Toolkit, analyse, extract, find
from checker.report.views import render_card
from checker.ruleset import load_ruleset

TRADITIONAL = """區域產業觀察

2024年,浙江省新能源汽車產量達到120萬輛,同比增長35%。
據浙江省統計局數據,江蘇省研發經費投入超過4000億元。
廣東省發明專利有效量突破50萬件,連續10年位居全國第一。
上海市集成電路產業規模約為2500億元。
福建省全年接待遊客3.2億人次,旅遊收入達到5000億元。
"""

SIMPLIFIED = """城市发展简报

2023年,安徽省粮食总产量达到830亿斤,连续7年稳定在800亿斤以上。
湖北省规上工业增加值增速为7.2%。
四川省常住人口约为8370万人。
山东省港口货物吞吐量突破20亿吨。
"""

CANTONESE = """香港觀察

佢哋話2024年香港旅客人次達到4500萬,啲酒店入住率超過八成。
深圳市全年地區生產總值約為3.6萬億元。
"""


def _middle(data: bytes) -> int:
    """The offset of a byte that starts a character, near the middle of `data`."""
    i = len(data) // 2
    while data[i] & 0xC0 == 0x80:
        i += 1
    return i


def one_bad_byte(text: str) -> bytes:
    data = text.encode()
    i = _middle(data)
    return data[:i] + b"\xff" + data[i:]


def one_cut_character(text: str) -> bytes:
    data = text.encode()
    i = _middle(data)
    assert data[i] >= 0xE0  # a three-byte character: its last byte is cut off
    return data[: i + 2] + data[i + 3 :]


# (name, bytes, encoding read, undecodable bytes replaced, garbled, error substring)
DECODE_CASES: list[tuple[str, bytes, str | None, int, bool, str | None]] = [
    ("utf8", TRADITIONAL.encode(), "utf-8", 0, False, None),
    ("utf8_bom", b"\xef\xbb\xbf" + TRADITIONAL.encode(), "utf-8", 0, False, None),
    ("utf16_bom", TRADITIONAL.encode("utf-16"), "utf-16-le", 0, False, None),
    ("utf16_be_bom", b"\xfe\xff" + TRADITIONAL.encode("utf-16-be"), "utf-16-be", 0, False, None),
    ("utf32_bom", TRADITIONAL.encode("utf-32"), "utf-32-le", 0, False, None),
    ("gb18030", SIMPLIFIED.encode("gb18030"), "gb18030", 0, False, None),
    ("gbk_traditional", TRADITIONAL.encode("gbk"), "gb18030", 0, False, None),
    ("gb2312", SIMPLIFIED.encode("gb2312"), "gb18030", 0, False, None),
    ("big5", TRADITIONAL.encode("big5"), "big5", 0, False, None),
    ("big5hkscs", CANTONESE.encode("big5hkscs"), "big5hkscs", 0, False, None),
    ("utf8_one_bad_byte", one_bad_byte(TRADITIONAL), "utf-8", 1, False, None),
    ("utf8_cut_character", one_cut_character(TRADITIONAL), "utf-8", 2, False, None),
    ("utf8_stray_nul", TRADITIONAL.encode() + b"\x00", "utf-8", 1, False, None),
    ("gb18030_one_bad_byte", SIMPLIFIED.encode("gb18030") + b"\xff", "gb18030", 1, False, None),
    (
        "utf8_holding_mojibake",
        TRADITIONAL.encode("big5").decode("gb18030").encode(),
        "utf-8",
        0,
        True,
        None,
    ),
    ("utf16_no_bom", TRADITIONAL.encode("utf-16-le"), "utf-16-le", 0, False, None),
    ("utf16_be_no_bom", TRADITIONAL.encode("utf-16-be"), "utf-16-be", 0, False, None),
    ("nul_heavy", struct.pack("<200I", *range(200)), None, 0, False, "NUL bytes"),
    ("nothing_fits", b"\x80\x81\xff\xfe\xfd" * 20, None, 0, False, "no text encoding fits"),
]


@pytest.mark.parametrize(
    "name,data,encoding,replaced,garbled,error", DECODE_CASES, ids=[c[0] for c in DECODE_CASES]
)
def test_encoding_detected(
    name: str,
    data: bytes,
    encoding: str | None,
    replaced: int,
    garbled: bool,
    error: str | None,
    toolkit: Toolkit,
) -> None:
    doc = parse_document(data, "x.txt", "x.txt", toolkit.reader)
    assert (doc.encoding, doc.replaced, doc.garbled) == (encoding, replaced, garbled)
    if error:
        assert doc.text == "" and any(error in e for e in doc.errors)
        return
    assert doc.errors == () and doc.encoding_confidence is not None
    assert doc.text.count("\ufffd") == (1 if replaced else 0)
    assert (doc.replaced_lines != ()) == (replaced > 0)
    if not replaced and not garbled:
        assert doc.text in (TRADITIONAL, SIMPLIFIED, CANTONESE)
        assert doc.encoding_confidence >= 0.9


def _extraction(data: bytes, toolkit: Toolkit, doc_id: str = "a.txt") -> Extraction:
    return extract(_analysis(data, toolkit, doc_id), toolkit.rules)


def _analysis(data: bytes, toolkit: Toolkit, doc_id: str = "a.txt") -> Analysis:
    return analyse(parse_document(data, doc_id, doc_id, toolkit.reader), toolkit)


def _claims(e: Extraction) -> list[object]:
    return [jsonable(c) for c in e.claims]


@pytest.mark.parametrize("encoding", ["big5", "utf-16", "utf-32", "gbk"])
def test_encoding_copies_give_the_same_claims(encoding: str, toolkit: Toolkit) -> None:
    plain = _extraction(TRADITIONAL.encode(), toolkit)
    copy = _extraction(TRADITIONAL.encode(encoding), toolkit)
    assert len(plain.claims) >= 8 and _claims(copy) == _claims(plain)


def _key(c: Claim) -> tuple[str, str, str]:
    return (c.value.text, c.kind, c.unit)


@pytest.mark.parametrize("damage", [one_bad_byte, one_cut_character], ids=["0xFF", "cut"])
def test_encoding_damage_costs_only_its_sentence(
    damage: Callable[[str], bytes], toolkit: Toolkit
) -> None:
    plain = _analysis(TRADITIONAL.encode(), toolkit)
    hurt = _analysis(damage(TRADITIONAL), toolkit)
    (line,) = hurt.document.replaced_lines
    assert any(f"line {line}" in n for n in hurt.document.notes)
    kept = Counter(_key(c) for c in plain.claims if c.line != line)
    assert kept and not kept - Counter(_key(c) for c in hurt.claims)
    assert len(hurt.document.text) == len(TRADITIONAL) + (damage is one_bad_byte)
    flagged = [c for c in extract(hurt, toolkit.rules).claims if "undecodable-bytes" in c.flags]
    assert {c.line for c in flagged} <= {line}
    findings, _ = find([extract(hurt, toolkit.rules)], toolkit.rules, select=["source_quality"])
    (finding,) = findings
    assert "undecodable byte" in finding.message and not finding.message.endswith(" ")


def test_encoding_inspect_card_shows_encoding_confidence_and_replaced(toolkit: Toolkit) -> None:
    card = render_card(_analysis(one_bad_byte(TRADITIONAL), toolkit))
    (line,) = _analysis(one_bad_byte(TRADITIONAL), toolkit).document.replaced_lines
    assert "utf-8 (confidence 0.99)" in card
    assert f"1 undecodable byte → U+FFFD (line {line})" in card
    assert "big5 (confidence 1.00)" in render_card(_analysis(TRADITIONAL.encode("big5"), toolkit))


# Matching: a claim of a garbled document, or of a sentence with replaced bytes, is listed
# but never compared; the same sentence read cleanly is.
CLEAN = "2024年,浙江省新能源汽车产量达到120万辆。\n"
OTHER = "2024年,浙江省新能源汽车产量达到150万辆。\n"
NOISE = "".join(chr(0x4E00 + 7 * i) for i in range(3000, 3400)) + "。\n"  # rare characters
MATCH_CASES = [
    # (name, second document's bytes, conflicts expected, flag on its 150万辆 claim)
    ("clean", OTHER.encode(), 1, None),
    ("damaged_sentence", OTHER.encode().replace(b",", b",\xff"), 0, "undecodable-bytes"),
    ("damage_elsewhere", (OTHER + "第二行。\n").encode() + b"\xff\n", 1, None),
    ("garbled_document", (OTHER + NOISE).encode(), 0, "garbled"),
]


@pytest.mark.parametrize("name,data,conflicts,flag", MATCH_CASES, ids=[c[0] for c in MATCH_CASES])
def test_encoding_unreadable_claims_stay_out_of_matching(
    name: str, data: bytes, conflicts: int, flag: str | None, toolkit: Toolkit
) -> None:
    a = _extraction(CLEAN.encode(), toolkit, "a.txt")
    b = _extraction(data, toolkit, "b.txt")
    (claim,) = [c for c in b.claims if "150" in c.value.text]
    assert (flag in claim.flags) if flag else not claim.flags
    findings, _ = find([a, b], toolkit.rules)
    assert sum(f.kind == "conflict" for f in findings) == conflicts
    quality = [f for f in findings if f.kind == "source_quality"]
    assert bool(quality) == (flag is not None or name == "damage_elsewhere")


# ---- fuzz: byte-level damage never raises, never drops a readable document, and keeps
# every claim of the sentences it did not touch -----------------------------------------

FUZZ_DOCS = [
    TRADITIONAL.encode(),
    SIMPLIFIED.encode(),
    TRADITIONAL.encode("utf-16"),
    SIMPLIFIED.encode("gb18030"),
    TRADITIONAL.encode("big5"),
]
FUZZ_ENCODINGS = ["utf-8", "utf-8", "utf-16", "gb18030", "big5"]
Op = tuple[str, int, int]  # kind, position (a fraction of the length, per mille), byte


def _damage(data: bytes, ops: list[Op]) -> tuple[bytes, list[int]]:
    """`data` with the operations applied from the end backwards (so every position
    refers to the undamaged bytes), and the positions touched."""
    at_most_one = {min(len(data) - 1, pos * len(data) // 1000): (k, b) for k, pos, b in ops}
    spots = sorted((at, kind, b) for at, (kind, b) in at_most_one.items())  # one op a byte
    out = bytearray(data)
    for at, kind, b in reversed(spots):
        if kind == "flip":
            out[at] ^= b or 1
        elif kind == "delete":
            del out[at]
        else:
            out.insert(at, b)
    return bytes(out), [at for at, _, _ in spots]


def _touched_chars(data: bytes, positions: list[int]) -> set[int]:
    """The characters of the undamaged UTF-8 text that hold (or border) a damaged byte."""
    return {
        len(data[:b].decode("utf-8", "ignore")) for at in positions for b in (max(at - 1, 0), at)
    }


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    which=st.integers(0, len(FUZZ_DOCS) - 1),
    ops=st.lists(
        st.tuples(
            st.sampled_from(["flip", "delete", "insert"]), st.integers(0, 999), st.integers(0, 255)
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_encoding_fuzz_damage_is_contained(which: int, ops: list[Op], toolkit: Toolkit) -> None:
    data, encoding = FUZZ_DOCS[which], FUZZ_ENCODINGS[which]
    plain = _analysis(data, toolkit)
    hurt_bytes, positions = _damage(data, ops)
    hurt = _analysis(hurt_bytes, toolkit)
    extract(hurt, toolkit.rules)
    assert hurt.document.errors == () and hurt.document.text.strip()
    if encoding != "utf-8":
        return  # a deleted or inserted byte misaligns what follows: no claim promise there
    touched = _touched_chars(data, positions)
    untouched = [
        s for s in plain.sentences if not any(s.span[0] - 1 <= t <= s.span[1] for t in touched)
    ]
    lines = {s.line for s in untouched}
    assert hurt.document.encoding == "utf-8" and not hurt.document.garbled
    kept = Counter(_key(c) for c in plain.claims if c.line in lines)
    assert not kept - Counter(_key(c) for c in hurt.claims)


# ---- the frequency list ----------------------------------------------------------------


def test_encoding_frequency_list_is_regenerated_from_its_source() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_hanzi_frequency", ROOT / "tools" / "build_hanzi_frequency.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = (ROOT / "rules" / "hanzi_frequency.txt").read_text(encoding="utf-8")
    assert module.build() == shipped


@pytest.mark.parametrize(
    "line,problem", [("ab", "is not one Chinese character"), ("的", "is listed twice")]
)
def test_encoding_frequency_list_errors_name_file_and_line(
    line: str, problem: str, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "hanzi_frequency.txt"
    text = path.read_text(encoding="utf-8") + line + "\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_ruleset(rules)
    n = len(text.splitlines())
    assert any(f"hanzi_frequency.txt:{n}:" in p and problem in p for p in info.value.problems)


# ---- the command line ------------------------------------------------------------------


def test_encoding_issue_files_from_the_command_line(tmp_path: Path, run_cli) -> None:
    """The issue's table: each file is read, damage costs only its sentence, and the
    damaged files are reported."""
    files = {
        "plain.txt": TRADITIONAL.encode(),
        "bad_byte.txt": one_bad_byte(TRADITIONAL),
        "cut.txt": one_cut_character(TRADITIONAL),
        "notepad.txt": TRADITIONAL.encode("utf-16"),
        "taiwan.txt": TRADITIONAL.encode("big5"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = run_cli("check", str(tmp_path), "--format", "json", "--quiet")
    report = json.loads(result.out)
    docs = {d["id"]: d for d in report["documents"]}
    assert result.code == 0 and all(not d["errors"] for d in docs.values())
    assert (docs["notepad.txt"]["encoding"], docs["taiwan.txt"]["encoding"]) == (
        "utf-16-le",
        "big5",
    )
    counts = Counter(c["doc"] for c in report["claims"])
    assert counts["notepad.txt"] == counts["taiwan.txt"] == counts["plain.txt"]
    assert counts["plain.txt"] - 3 <= counts["bad_byte.txt"] <= counts["plain.txt"]
    quality = {f["docs"][0] for f in report["findings"] if f["kind"] == "source_quality"}
    assert {"bad_byte.txt", "cut.txt"} <= quality and "taiwan.txt" not in quality


def test_encoding_option_forces_one(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    detected = run_cli("claims", str(path), "--format", "json", "--quiet")
    forced = run_cli("claims", str(path), "--format", "json", "--quiet", "--encoding", "gbk")
    assert detected.code == forced.code == 0
    assert len(json.loads(detected.out)["claims"]) >= 8
    assert json.loads(forced.out)["claims"] != json.loads(detected.out)["claims"]
    card = run_cli("inspect", str(path), "--encoding", "gb18030")
    assert "gb18030 (confidence 1.00); garbled" in card.out
    marked = tmp_path / "bom.txt"
    marked.write_bytes(b"\xef\xbb\xbf" + TRADITIONAL.encode())
    assert "replaced     none" in run_cli("inspect", str(marked), "--encoding", "UTF8").out
    beam = run_cli("check", str(path), "--engine", "beam", "--encoding", "big5")
    assert beam.code == 2 and "reading.toml" in beam.err
    bad = run_cli("inspect", str(path), "--encoding", "klingon")
    assert bad.code == 2 and "unknown text encoding" in bad.err
