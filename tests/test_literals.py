"""Words live in rules/, not in code: no string literal under checker/ holds a Han
character outside a short allowlist (numeral digits and their capital forms, the date
suffixes 年月日号). Docstrings and comments may quote Chinese freely."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import checker

PACKAGE = Path(checker.__file__).parent
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
ALLOWED = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟年月日号")

# Files allowed words in their literals while these move to rules/ (none now). Remove a
# file from here once it is clean (test_exemptions_are_still_needed says when).
EXEMPT: frozenset[str] = frozenset()


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring constants of a module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def han_literals(source: str, name: str) -> list[str]:
    """`name:line: literal` for every string literal of `source` with a Han character
    outside the allowlist (docstrings aside; comments are not in the syntax tree)."""
    tree = ast.parse(source)
    skip = docstrings(tree)
    return [
        f"{name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and any(c not in ALLOWED for c in HAN.findall(node.value))
    ]


def package_literals() -> dict[str, list[str]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        out[name] = han_literals(path.read_text(encoding="utf-8"), f"checker/{name}")
    return out


def test_no_han_literal_in_checker() -> None:
    found = [
        line for name, lines in package_literals().items() if name not in EXEMPT for line in lines
    ]
    assert not found, "words belong in rules/:\n" + "\n".join(found)


def test_exemptions_are_still_needed() -> None:
    literals = package_literals()
    assert literals.keys() >= EXEMPT
    clean = sorted(name for name in EXEMPT if not literals[name])
    assert not clean, f"clean now, take them off EXEMPT: {clean}"


def test_what_counts_as_a_word_in_code() -> None:
    source = '''"""模块说明: 增长 is free in a docstring."""
A = "2024年3月5日"  # 注释 is free too
B = rf"(?P<num>[一二三]+)百{1}"
C = "增长"


def f() -> str:
    """函数说明."""
    return f"{A}倍"
'''
    assert han_literals(source, "x.py") == ["x.py:4: '增长'", "x.py:9: '倍'"]
