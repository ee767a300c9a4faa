"""Where a problem is: the file, the line and the entry of a rules-file error."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any


def line_of(raw: str, needle: str) -> int:
    at = raw.find(needle)
    return raw.count("\n", 0, at) + 1 if at >= 0 else 0


def describe(path: Path, raw: str, data: dict[str, Any], err: Any) -> str:
    loc = list(err["loc"])
    line = _find_line(raw, data, loc)
    entry = _entry_label(data, loc)
    field = ".".join(str(p) for p in loc[2:] if not isinstance(p, int)) or str(loc[-1])
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = f'unknown field "{loc[-1]}"'
        field = ""
    where = f"{show(path)}:{line}" if line else show(path)
    return f"{where}: {entry}{' → ' + field if field else ''}: {msg}"


def _entry_label(data: dict[str, Any], loc: list[Any]) -> str:
    if len(loc) >= 2 and isinstance(loc[1], int):
        table = data.get(loc[0], [])
        item = table[loc[1]] if loc[1] < len(table) else {}
        name = next((item[k] for k in ("id", "spun", "phrase", "name") if k in item), None)
        label = f"{loc[0]} #{loc[1] + 1}"
        return f'{label} "{name}"' if name else label
    return f"[{loc[0]}]" if loc else "file"


def _find_line(raw: str, data: dict[str, Any], loc: list[Any]) -> int | None:
    """tomllib gives no line numbers: find the entry's header (`[[metric]]` number n, or a
    nested `[[periods.part]]`, or `[zodiac]`), then the field under it."""
    lines = raw.splitlines()
    if not loc:
        return None
    names = list(itertools.takewhile(lambda p: isinstance(p, str), loc))
    rest = loc[len(names) :]
    table = ".".join(str(n) for n in names)
    headers = [i for i, l in enumerate(lines) if _header(l) == f"[[{table}]]"]
    if rest and isinstance(rest[0], int) and headers:  # else an item of an inline array
        if rest[0] >= len(headers):
            return None
        start = headers[rest[0]]
        end = headers[rest[0] + 1] if rest[0] + 1 < len(headers) else len(lines)
        key = next((str(p) for p in rest[1:] if isinstance(p, str)), None)
    else:
        start, end, key = 0, len(lines), str(loc[0])
        for n in range(len(names), 0, -1):
            heads = [i for i, l in enumerate(lines) if _header(l) == f"[{'.'.join(names[:n])}]"]
            if heads:
                start, end = heads[0], len(lines)
                key = next((str(p) for p in loc[n:] if isinstance(p, str)), None)
                break
    if key:
        for i in range(start, end):
            if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
                return i + 1
    return start + 1


def _header(line: str) -> str:
    """A line as a table header would read, without its comment ([constructs.rank]  # …)."""
    return line.partition("#")[0].strip()


def show(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
