"""Reading documents: the only module that opens input files.

A path that does not exist is the user's error (exit 2). A file that exists but cannot be
used (binary, undecodable, unreadable) becomes a `Document` with an error, and the run
goes on without it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import yaml

from checker.errors import InputError
from checker.ingest.encoding import Reader
from checker.models import Document, FrontMatter

SUFFIXES = (".txt", ".md")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(\r?\n|\Z)", re.DOTALL | re.MULTILINE)
FRONT_MATTER_KEYS = set(FrontMatter.model_fields)
MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive",
}


class Source(NamedTuple):
    path: Path  # as found on disk
    display: str  # what reports show
    relative: str  # relative to the folder it was found in (for id clashes)


def discover(paths: Iterable[str | Path]) -> list[Source]:
    """Expand files and folders into the documents to read, sorted, without repeats."""
    found: dict[str, Source] = {}
    here = _here()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise InputError(
                f"no such file or folder: {raw}",
                hint="check the path; folders are read recursively",
            )
        sources = (
            _walk(path, here) if path.is_dir() else [Source(path, _display(path, here), path.name)]
        )
        if path.is_dir() and not sources:
            raise InputError(
                f"no documents under {raw} (looked for *.txt, *.md)",
                hint="name a folder with .txt or .md articles, or name the files",
            )
        for src in sources:
            found.setdefault(os.path.normcase(os.path.abspath(src.path)), src)
    return sorted(found.values(), key=lambda s: s.display)


def _walk(root: Path, here: Path | None) -> list[Source]:
    sources: list[Source] = []
    seen_dirs: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen_dirs:  # a symlink loop or a second way into the same folder
            dirs[:] = []
            continue
        seen_dirs.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                path = Path(folder) / name
                rel = path.relative_to(root).as_posix()
                resolved = None if os.path.islink(path) else Path(real, name)
                sources.append(Source(path, _display(path, here, resolved), rel))
    return sources


def _here() -> Path | None:
    """The working folder, resolved once: reports show paths relative to it."""
    try:
        return Path.cwd().resolve()
    except OSError:
        return None


def _display(path: Path, here: Path | None, resolved: Path | None = None) -> str:
    """The path relative to the working folder where it lies under it, else as given.
    `resolved`: the path already resolved (a file that is no link, in a resolved folder)."""
    try:
        if here is None:
            raise ValueError
        return (resolved or path.resolve()).relative_to(here).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def assign_ids(sources: list[Source]) -> list[str]:
    """Document id = file name; names that clash use their relative path instead."""
    names = Counter(s.path.name for s in sources)
    ids = [s.path.name if names[s.path.name] == 1 else s.relative for s in sources]
    clashes = Counter(ids)
    return [i if clashes[i] == 1 else s.display for i, s in zip(ids, sources, strict=False)]


def read_documents(sources: list[Source], reader: Reader | None = None) -> list[Document]:
    return [
        read_document(src, doc_id, reader)
        for src, doc_id in zip(sources, assign_ids(sources), strict=False)
    ]


def read_document(src: Source, doc_id: str, reader: Reader | None = None) -> Document:
    data, problem = read_source(src)
    if data is None:
        return Document(id=doc_id, path=src.display, errors=(problem or "could not read",))
    return parse_document(data, doc_id, src.display, reader)


def read_source(src: Source) -> tuple[bytes | None, str | None]:
    """The file's bytes, or None and why it could not be read."""
    try:
        return src.path.read_bytes(), None
    except OSError as exc:
        return None, f"could not read: {exc.strerror or type(exc).__name__}"


def parse_document(
    data: bytes, doc_id: str, display: str, reader: Reader | None = None
) -> Document:
    """Decode bytes and split off front matter; pure, so tests can feed bytes directly.
    `reader` carries the reading rules (the shipped ones when not given)."""
    binary = _binary_kind(data)
    if binary:
        return Document(id=doc_id, path=display, errors=(f"not a text file: looks like {binary}",))
    decoded = (reader or default_reader()).decode(data)
    if decoded.text is None:
        return Document(id=doc_id, path=display, errors=(decoded.error or "could not decode",))
    text, notes = decoded.text, list(decoded.notes)
    if not text.strip():
        notes.append("empty file")
    meta, body_start, problem = parse_front_matter(text)
    if problem:
        notes.append(problem)
    return Document(
        id=doc_id,
        path=display,
        text=text,
        body_start=body_start,
        meta=meta,
        encoding=decoded.encoding,
        encoding_confidence=decoded.confidence,
        replaced=decoded.replaced,
        replaced_lines=decoded.lines,
        garbled=decoded.garbled,
        notes=tuple(notes),
    )


@cache
def default_reader() -> Reader:
    """A reader with the shipped reading rules, for callers that bring none."""
    from checker.ruleset import load_ruleset

    return Reader(load_ruleset().reading)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return kind
    return None


# libyaml's safe loader where PyYAML was built with it (about 10× faster), else PyYAML's own.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_front_matter(text: str) -> tuple[FrontMatter, int, str | None]:
    """Read an optional `---` YAML block; return it, where the body starts, and a problem."""
    match = FRONT_MATTER.match(text)
    if not match:
        return FrontMatter(), 0, None
    try:
        data = yaml.load(match.group(1), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        return FrontMatter(), match.end(), f"front matter is not valid YAML{where}; ignored"
    if data is None:
        return FrontMatter(), match.end(), None
    if not isinstance(data, dict):
        return FrontMatter(), match.end(), "front matter is not a key: value mapping; ignored"
    fields = {k: _scalar(v) for k, v in data.items() if k in FRONT_MATTER_KEYS and v is not None}
    unknown = sorted(str(k) for k in data if k not in FRONT_MATTER_KEYS)
    problem = f"front matter keys ignored: {', '.join(unknown)}" if unknown else None
    return FrontMatter(**fields), match.end(), problem


def _scalar(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)
