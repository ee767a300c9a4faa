"""The per-document extraction cache: an embedded SQLite database.

Keyed by the document's path and bytes, the rules' fingerprint and the tool's version,
so a changed document, rule or release is extracted again. Values are the `Extraction`
as compressed JSON (never pickle: reading a cache can run no code) with a SHA-256 digest
beside it, validated again when read; an entry that fails either is ignored and
extracted again. A file that is not a crosscheck cache, or is corrupt, is moved aside and
rebuilt, with a warning.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from checker import __version__
from checker.models import Extraction

APPLICATION_ID = 0x63726F73  # "cros": marks the file as ours
SCHEMA = 4


class Cache:
    def __init__(self, path: Path, salt: str, warn: Callable[[str], None]) -> None:
        self.path = path
        self.salt = f"{salt}|{__version__}|{SCHEMA}"
        self.warn = warn
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(self.path)
            app = db.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if app == 0 and not tables:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(
                    "CREATE TABLE extraction (key TEXT PRIMARY KEY, value BLOB NOT NULL, digest TEXT NOT NULL, "
                    "blocks TEXT NOT NULL)"
                )
                db.commit()
            elif (
                app != APPLICATION_ID
                or tables != {"extraction"}
                or "blocks" not in {r[1] for r in db.execute("PRAGMA table_info(extraction)")}
            ):
                raise sqlite3.DatabaseError("not a crosscheck cache")
            return db
        except sqlite3.DatabaseError as exc:
            self.warn(f"cache {self.path} is unusable ({exc}); rebuilding it")
            self.path.replace(self.path.with_suffix(self.path.suffix + ".broken"))
            return self._open()

    def key(self, relative: str, data: bytes) -> str:
        digest = hashlib.sha256()
        for part in (self.salt.encode(), relative.encode(), b"\0", data):
            digest.update(part)
        return digest.hexdigest()

    def get_light(self, key: str) -> Extraction | None:
        """The extraction without its claims and checks (their JSON is not validated)."""
        try:
            row = self.db.execute(
                "SELECT value, digest FROM extraction WHERE key = ?", (key,)
            ).fetchone()
            if row is None or hashlib.sha256(row[0]).hexdigest() != row[1]:
                return None
            data = json.loads(zlib.decompress(row[0]))
            data["claims"], data["checks"] = [], []
            found = Extraction.model_validate(data)
        except (sqlite3.DatabaseError, zlib.error, ValidationError, ValueError, TypeError):
            return None
        return found

    def get(self, key: str) -> Extraction | None:
        try:
            row = self.db.execute(
                "SELECT value, digest FROM extraction WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            self.warn(f"cache {self.path} could not be read ({exc}); extracting again")
            return None
        if row is None:
            return None
        try:
            if hashlib.sha256(row[0]).hexdigest() != row[1]:
                raise ValueError("digest mismatch")
            found = Extraction.model_validate_json(zlib.decompress(row[0]))
        except (zlib.error, ValidationError, ValueError):
            self.warn(f"cache {self.path}: a damaged entry was ignored")
            return None
        return found

    def blocks(self, key: str) -> set[str] | None:
        """The block keys of a cached extraction's claims, without reading the claims."""
        try:
            row = self.db.execute("SELECT blocks FROM extraction WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            return None
        return set(row[0].split("\n")) - {""} if row is not None else None

    def put(self, key: str, value: Extraction, blocks: set[str]) -> None:
        blob = zlib.compress(value.model_dump_json().encode(), 6)
        self.db.execute(
            "INSERT OR REPLACE INTO extraction (key, value, digest, blocks) VALUES (?, ?, ?, ?)",
            (key, blob, hashlib.sha256(blob).hexdigest(), "\n".join(sorted(blocks))),
        )

    def close(self) -> None:
        self.db.commit()
        self.db.close()
