from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.ingest.documents import assign_ids, discover, parse_document, parse_front_matter

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))

DECODE_CASES = [
    # (name, bytes, text expected, error substring, note substring)
    ("utf8", "广东发明专利".encode(), "广东发明专利", None, None),
    ("utf8_bom", b"\xef\xbb\xbf" + "廣東".encode(), "廣東", None, "byte-order mark"),
    (
        "gb18030",
        "广东发明专利有效量突破80万件".encode("gb18030"),
        "广东发明专利有效量突破80万件",
        None,
        "read as gb18030",
    ),
    ("empty", b"", "", None, "empty file"),
    ("blank", b"\n\n  \n", "\n\n  \n", None, "empty file"),
    ("png", PNG, "", "PNG image", None),
    ("nul", b"abc\x00def", "", "NUL", None),
    ("undecodable", b"\x80\x81\xff\xfe\xfd" * 3, "", "no text encoding fits", None),
]


@pytest.mark.parametrize(
    "name,data,text,error,note", DECODE_CASES, ids=[c[0] for c in DECODE_CASES]
)
def test_documents_decode(
    name: str, data: bytes, text: str, error: str | None, note: str | None
) -> None:
    doc = parse_document(data, "x.txt", "x.txt")
    assert doc.text == text
    if error:
        assert any(error in e for e in doc.errors)
    else:
        assert doc.errors == ()
    if note:
        assert any(note in n for n in doc.notes)


FRONT_MATTER_CASES = [
    ("---\ntitle: 标题\ndate: 2025-07-14\noutlet: 南方\n---\n正文", "2025-07-14", "标题", 0, None),
    ("---\ndate: 2024-12\n---\n正文", "2024-12", None, 0, None),
    ("---\ntitle: [unclosed\n---\n正文", None, None, 0, "not valid YAML"),
    ("---\n- a\n- b\n---\n正文", None, None, 0, "not a key: value mapping"),
    ("---\ntitle: t\nfoo: 1\n---\n正文", None, "t", 0, "foo"),
    ("正文\n---\ntitle: t\n---\n", None, None, None, None),
]


@pytest.mark.parametrize("text,date,title,_,problem", FRONT_MATTER_CASES)
def test_documents_front_matter(
    text: str, date: str | None, title: str | None, _: object, problem: str | None
) -> None:
    meta, body_start, found = parse_front_matter(text)
    assert meta.date == date and meta.title == title
    if text.startswith("---"):
        assert text[body_start:] == "正文"
    else:
        assert body_start == 0
    assert (problem is None and found is None) or (problem and found and problem in found)


def test_documents_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "nope"])


def test_documents_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(PNG)
    with pytest.raises(InputError, match="no documents under"):
        discover([tmp_path])


def test_documents_walk_is_recursive_sorted_and_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.md").write_text("乙", encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "c.csv").write_text("ignored", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    sources = discover([tmp_path])
    assert [s.relative for s in sources] == ["a.txt", "b/x.md"]


def test_documents_ids_are_file_names_disambiguated_on_clash(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text("文", encoding="utf-8")
    (tmp_path / "other.txt").write_text("文", encoding="utf-8")
    ids = assign_ids(discover([tmp_path]))
    assert sorted(ids) == ["one/same.txt", "other.txt", "two/same.txt"]
