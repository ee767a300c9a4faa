"""The claim index file: an embedded SQLite database, like the cache.

Tables (every row derived from one document, except those `finalize` derives from the
others: blocks, heads, links, pairs, aliases, so a merged index equals one built in one piece):

    meta       key → value: schema, version, rules (the rules' fingerprint), documents
    documents  id, path (as reports show it), location (the absolute path, or the URL),
               name (the file name, for id clashes), digest (SHA-256 of the bytes),
               date, signature (the bottom-k sketch, JSON), citations (the document's
               claims counted by citation status, JSON), family (filled by finalize),
               record (the document's report record, compressed JSON)
    claims     doc, place (the claim's index among the document's claims), block
               ("subject|kind|unit class", as matching blocks claims), metric (the
               matcher's metric group key: registry id, or "~" and the name), start and
               end (the period's range), record (the claim, compressed JSON); only
               claims that take part in matching (in a block, not read from damaged text)
    buckets    hash, doc: each document under its smallest hashes (copy detection)
    blocks     block → claims: how many claims each block holds
    heads      block, metric → doc, place: the first claim of each metric in a block,
               in corpus order (by document id, then place), which the metric grouping
               of a large block starts from
    links      hash, doc, first: near-duplicate links, as `bucket_links` makes them
    facts      figure (subject, kind, unit, period, value and operator, JSON), name,
               doc, text, digits: each exact figure that can show a metric alias
               (`matching.aliases.figure_facts`)
    pairs      a, b, figure: the figures two metric names both state (a < b)
    aliases    a, b → text, digits, doc_a, doc_b, subject (the evidence), scope (the
               subjects a narrower name holds for, JSON, or null): the metric aliases the
               corpus shows (`matching.aliases.Aliases`)

Values are JSON (never pickle: reading an index runs no code). Rows are inserted in any
order; every query that needs the corpus order sorts by document id and place.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker import __version__
from checker.errors import InputError
from checker.matching.aliases import Aliases, Evidence, Fact, Figure, figure_facts
from checker.matching.copies import BUCKETS, bucket_links
from checker.matching.disjoint import DisjointSets
from checker.matching.match import Matcher
from checker.models import Claim, Extraction
from checker.ruleset import Ruleset, UnitsFile

APPLICATION_ID = 0x63786978  # "cxix": marks the file as a crosscheck index
SCHEMA = 1

TABLES = {
    "meta": "key TEXT PRIMARY KEY, value TEXT NOT NULL",
    "documents": "id TEXT PRIMARY KEY, path TEXT NOT NULL, location TEXT NOT NULL, "
    "name TEXT NOT NULL, digest TEXT NOT NULL, date TEXT, signature TEXT NOT NULL, "
    "citations TEXT NOT NULL, family TEXT, record BLOB NOT NULL",
    "claims": "doc TEXT NOT NULL, place INTEGER NOT NULL, block TEXT NOT NULL, "
    "metric TEXT NOT NULL, start TEXT, end TEXT, record BLOB NOT NULL, PRIMARY KEY (doc, place)",
    "buckets": "hash INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (hash, doc)",
    "blocks": "block TEXT PRIMARY KEY, claims INTEGER NOT NULL",
    "heads": "block TEXT NOT NULL, metric TEXT NOT NULL, doc TEXT NOT NULL, "
    "place INTEGER NOT NULL, PRIMARY KEY (block, metric)",
    "links": "hash INTEGER NOT NULL, doc TEXT NOT NULL, first TEXT NOT NULL, "
    "PRIMARY KEY (hash, doc)",
    "facts": "figure TEXT NOT NULL, name TEXT NOT NULL, doc TEXT NOT NULL, text TEXT NOT NULL, "
    "digits INTEGER NOT NULL",
    "pairs": "a TEXT NOT NULL, b TEXT NOT NULL, figure TEXT NOT NULL, PRIMARY KEY (a, b, figure)",
    "aliases": "a TEXT NOT NULL, b TEXT NOT NULL, text TEXT NOT NULL, digits INTEGER NOT NULL, "
    "doc_a TEXT NOT NULL, doc_b TEXT NOT NULL, subject TEXT NOT NULL, scope TEXT, "
    "PRIMARY KEY (a, b)",
}
INDEXES = (
    "CREATE INDEX claims_by_block ON claims (block, metric, doc, place)",
    "CREATE INDEX documents_by_name ON documents (name)",
    "CREATE INDEX documents_by_location ON documents (location)",
    "CREATE INDEX links_by_first ON links (first)",
    "CREATE INDEX facts_by_figure ON facts (figure, name)",
    "CREATE INDEX facts_by_doc ON facts (doc)",
)
DERIVED = (
    "blocks",
    "heads",
    "links",
    "pairs",
    "aliases",
)  # made by `finalize` from the other tables


def metric_key(c: Claim) -> str:
    """The key the matcher groups a claim's metric by (registry id, else its name)."""
    return c.metric.id or f"~{c.metric.name}"


def block_of(c: Claim, units: UnitsFile) -> str | None:
    """The block a claim is matched in (as `Matcher.blocks` files it), or None."""
    key = Matcher.block_key(c, units)
    return "|".join(key) if key is not None and c.kind != "magnitude" else None


# Claims are compressed one by one against this preset dictionary: the field names and
# the common values of a claim's JSON, so that each record need not spell them out
# (measured on a synthetic archive: 478 bytes a claim without it, 302 with it). Part of
# the layout: changing it needs a new SCHEMA.
CLAIM_WORDS = (
    b'"flags":[],"flags":[""],"confidence":0.9,"citation":{"status":"named","source":"",'
    b'"text":"","scope":"sentence"},"citation":{"status":"vague","source":null,"text":"",'
    b'"scope":"carried"},"citation":{"status":"none","source":null,"text":null,"scope":null},'
    b'"confidence":0.8,"flags":["event-date"]}"period":{"start":null,"end":null,"text":null,'
    b'"kind":"unstated","label":null},"period":{"start":"2025-01-01","end":"2025-12-31",'
    b'"text":"","kind":"year","label":"2025"},"value":{"lo":1.0,"hi":1.0,"lo_open":false,'
    b'"hi_open":false,"precision":null,"text":""},"unit":"%","kind":"percent","kind":"count",'
    b'"kind":"currency","subject":{"id":null,"name":"","text":""},"metric":{"id":null,'
    b'"name":"","text":""},{"id":".txt#1","doc":".txt","span":[1,2],"line":1,"column":1,'
    b'"end_column":1,"quote":"'
)


def pack(text: str, words: bytes = b"") -> bytes:
    packer = zlib.compressobj(6, zdict=words) if words else zlib.compressobj(6)
    return packer.compress(text.encode()) + packer.flush()


def unpack(blob: bytes, words: bytes = b"") -> str:
    unpacker = zlib.decompressobj(zdict=words) if words else zlib.decompressobj()
    return (unpacker.decompress(blob) + unpacker.flush()).decode()


DocumentRow = tuple[str, str, str, str, str, "str | None", str, str, "str | None", bytes]
ClaimRow = tuple[str, int, str, str, "str | None", "str | None", bytes]
FactRow = tuple[str, str, str, str, int]  # figure (JSON), name, doc, text, digits


def figure_json(figure: Figure) -> str:
    return json.dumps(list(figure), ensure_ascii=False)


def fact_row(fact: Fact) -> FactRow:
    figure, name, doc, text, digits = fact
    return figure_json(figure), name, doc, text, digits


def fact_of(row: tuple[str, str, str, str, int]) -> Fact:
    figure, name, doc, text, digits = row
    s, k, u, p, v, o = json.loads(figure)
    return (s, k, u, p, float(v), o), name, doc, text, int(digits)


@dataclass(frozen=True)
class DocRows:
    """What one document adds to the index (plain values: they travel between workers)."""

    document: DocumentRow
    claims: tuple[ClaimRow, ...]
    buckets: tuple[tuple[int, str], ...]
    facts: tuple[FactRow, ...] = ()


def rows_of(e: Extraction, location: str, digest: str, matcher: Matcher) -> DocRows:
    """The index rows of one extracted document. Claims read from damaged text take no
    part in matching and are left out (see `pipeline.matchable`)."""
    from checker.pipeline import matchable

    doc = e.document
    citations = Counter(c.citation.status for c in e.claims)
    document: DocumentRow = (
        doc.id,
        doc.path,
        location,
        Path(location).name if "://" not in location else location.rsplit("/", 1)[-1],
        digest,
        doc.date,
        json.dumps(e.signature),
        json.dumps(dict(sorted(citations.items()))),
        None,
        pack(doc.model_dump_json()),
    )
    units = matcher.rules.units
    kept = matchable(e.claims)
    keep = {id(c) for c in kept}
    claims = []
    for place, c in enumerate(e.claims):
        block = block_of(c, units) if id(c) in keep else None
        if block is not None:
            row = (doc.id, place, block, metric_key(c), c.period.start, c.period.end)
            claims.append((*row, pack(_claim_json(c), CLAIM_WORDS)))
    buckets = tuple((h, doc.id) for h in sorted(set(e.signature[:BUCKETS])))
    facts = tuple(sorted(fact_row(f) for f in figure_facts(kept, matcher)))
    return DocRows(document, tuple(claims), buckets, facts)


def _claim_json(c: Claim) -> str:
    from checker.models import dump_json

    return dump_json(c)


# ---- the file --------------------------------------------------------------------------


def create(path: Path, rules: Ruleset) -> sqlite3.Connection:
    """A new, empty index at `path` (replacing any file there) for these rules."""
    if path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for name, columns in TABLES.items():
        db.execute(f"CREATE TABLE {name} ({columns})")
    for statement in INDEXES:
        db.execute(statement)
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta_of(rules).items()))
    return db


def meta_of(rules: Ruleset) -> dict[str, str]:
    return {"schema": str(SCHEMA), "version": __version__, "rules": rules.fingerprint()}


def open_index(path: Path, rules: Ruleset | None = None) -> sqlite3.Connection:
    """An existing index; with `rules`, one built with these rules (else a user error:
    its claims were extracted by other rules)."""
    if not path.is_file():
        raise InputError(
            f"no index at {path}", hint="build one with `crosscheck index build CORPUS -o FILE`"
        )
    try:
        db = sqlite3.connect(path)
        app = db.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        meta = dict(db.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
    except sqlite3.DatabaseError:
        app, tables, meta = 0, set(), {}
    if app != APPLICATION_ID or tables != set(TABLES) or meta.get("schema") != str(SCHEMA):
        raise InputError(
            f"{path} is not a crosscheck index of this version",
            hint="build it again with `crosscheck index build CORPUS -o FILE`",
        )
    if rules is not None and meta.get("rules") != rules.fingerprint():
        raise InputError(
            f"{path} was built with other rules",
            hint="build it again with these rules (`crosscheck index build`)",
        )
    return db


def insert(db: sqlite3.Connection, rows: Iterable[DocRows]) -> None:
    for r in rows:
        db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", r.document)
        db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?)", r.claims)
        db.executemany("INSERT INTO buckets VALUES (?, ?)", r.buckets)
        db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?)", r.facts)


def remove(db: sqlite3.Connection, docs: Iterable[str]) -> None:
    for doc in docs:
        for table in (
            "documents WHERE id",
            "claims WHERE doc",
            "buckets WHERE doc",
            "facts WHERE doc",
        ):
            db.execute(f"DELETE FROM {table} = ?", (doc,))


def touched(db: sqlite3.Connection, docs: Iterable[str]) -> tuple[set[str], set[int]]:
    """The blocks and buckets these documents have rows in."""
    blocks: set[str] = set()
    hashes: set[int] = set()
    for doc in docs:
        blocks.update(r[0] for r in db.execute("SELECT block FROM claims WHERE doc = ?", (doc,)))
        hashes.update(r[0] for r in db.execute("SELECT hash FROM buckets WHERE doc = ?", (doc,)))
    return blocks, hashes


# ---- derived tables -----------------------------------------------------------------------


def finalize(
    db: sqlite3.Connection,
    rules: Ruleset,
    blocks: set[str] | None = None,
    hashes: set[int] | None = None,
) -> None:
    """Derive the block counts, the heads and the near-duplicate links (of these blocks
    and buckets only, or of all), then every document's copy family."""
    where, args = _restricted("block", blocks)
    db.execute(f"DELETE FROM blocks {where}", args)
    db.execute(f"DELETE FROM heads {where}", args)
    db.execute(
        f"INSERT INTO blocks SELECT block, COUNT(*) FROM claims {where} GROUP BY block", args
    )
    db.execute(
        "INSERT INTO heads SELECT block, metric, doc, place FROM (SELECT block, metric, doc, "
        "place, ROW_NUMBER() OVER (PARTITION BY block, metric ORDER BY doc, place) AS n "
        f"FROM claims {where}) WHERE n = 1",
        args,
    )
    where, args = _restricted("hash", hashes)
    db.execute(f"DELETE FROM links {where}", args)
    threshold = rules.checks.matching.near_duplicate
    db.executemany("INSERT INTO links VALUES (?, ?, ?)", _links(db, where, args, threshold))
    _families(db)
    _aliases(db, rules)
    count = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    db.execute("INSERT OR REPLACE INTO meta VALUES ('documents', ?)", (str(count),))
    db.commit()


def _restricted(column: str, values: set[Any] | None) -> tuple[str, list[Any]]:
    """A WHERE clause naming these values of `column` (none: every row)."""
    if values is None:
        return "", []
    db_values = sorted(values)
    return f"WHERE {column} IN (SELECT value FROM json_each(?))", [json.dumps(db_values)]


def _links(
    db: sqlite3.Connection, where: str, args: list[Any], threshold: float
) -> list[tuple[int, str, str]]:
    """Each shared bucket's links: later members similar enough to its first member."""
    shared = db.execute(
        f"SELECT hash, doc FROM buckets WHERE hash IN (SELECT hash FROM buckets {where} "
        "GROUP BY hash HAVING COUNT(*) > 1) ORDER BY hash, doc",
        args,
    ).fetchall()
    known: dict[str, list[int]] = {}
    out = []
    for h, members in itertools.groupby(shared, key=lambda row: row[0]):
        docs = [doc for _, doc in members]
        if len(known) > 50_000:
            known.clear()
        out += [
            (h, doc, first) for doc, first in bucket_links(docs, _Signatures(db, known), threshold)
        ]
    return out


class _Signatures(dict[str, list[int]]):
    """Documents' sketches read from the index as `bucket_links` asks for them."""

    def __init__(self, db: sqlite3.Connection, known: dict[str, list[int]]) -> None:
        super().__init__()
        self.db, self.known = db, known

    def __missing__(self, doc: str) -> list[int]:
        if doc not in self.known:
            row = self.db.execute("SELECT signature FROM documents WHERE id = ?", (doc,)).fetchone()
            self.known[doc] = json.loads(row[0]) if row else []
        return self.known[doc]


def _families(db: sqlite3.Connection) -> None:
    """Each document's copy family: the first document (by id) of its component of links."""
    sets: DisjointSets[str] = DisjointSets()
    for doc, first in db.execute("SELECT doc, first FROM links ORDER BY hash, doc"):
        sets.union(doc, first)
    label: dict[str, str] = {}
    for doc in sorted(sets.parent):
        label.setdefault(sets.find(doc), doc)
    db.execute("UPDATE documents SET family = id")
    db.executemany(
        "UPDATE documents SET family = ? WHERE id = ?",
        ((label[sets.find(doc)], doc) for doc in sorted(sets.parent)),
    )


def _aliases(db: sqlite3.Connection, rules: Ruleset) -> None:
    """The figures each pair of metric names shares, and the aliases all facts show."""
    facts = [fact_of(r) for r in db.execute("SELECT figure, name, doc, text, digits FROM facts")]
    names: dict[str, set[str]] = defaultdict(set)
    for figure, name, *_ in facts:
        names[figure_json(figure)].add(name)
    db.execute("DELETE FROM pairs")
    db.executemany(
        "INSERT INTO pairs VALUES (?, ?, ?)",
        (
            (a, b, figure)
            for figure, named in sorted(names.items())
            for a, b in itertools.combinations(sorted(named), 2)
        ),
    )
    db.execute("DELETE FROM aliases")
    found = Aliases.from_facts(facts, Matcher(rules, {}, None))
    db.executemany("INSERT INTO aliases VALUES (?, ?, ?, ?, ?, ?, ?, ?)", alias_rows(found))


def alias_rows(found: Aliases) -> list[tuple[Any, ...]]:
    rows = []
    for (a, b), e in sorted(found.pairs.items()):
        scope = found.scoped.get((a, b))
        subjects = json.dumps(sorted(scope), ensure_ascii=False) if scope is not None else None
        rows.append((a, b, e.text, e.digits, e.doc_a, e.doc_b, e.subject, subjects))
    return rows


def aliases_of(rows: Iterable[tuple[Any, ...]]) -> Aliases:
    pairs: dict[tuple[str, str], Evidence] = {}
    scoped: dict[tuple[str, str], frozenset[str]] = {}
    for a, b, text, digits, doc_a, doc_b, subject, scope in rows:
        pairs[(a, b)] = Evidence(text, digits, doc_a, doc_b, subject=subject)
        if scope is not None:
            scoped[(a, b)] = frozenset(json.loads(scope))
    return Aliases(pairs, scoped)


# ---- reading the whole file ---------------------------------------------------------------


def info(path: Path, rules: Ruleset | None = None) -> dict[str, Any]:
    """What `index info` prints: size, documents, claims, blocks, aliases, rules version."""
    db = open_index(path)
    try:
        meta = dict(db.execute("SELECT key, value FROM meta"))
        count = {
            t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("documents", "claims", "blocks", "links", "aliases")
        }
    finally:
        db.close()
    out: dict[str, Any] = {"index": str(path), "bytes": path.stat().st_size, **count}
    out.update(version=meta.get("version"), schema=meta.get("schema"), rules=meta.get("rules"))
    if rules is not None:
        out["rules_current"] = meta.get("rules") == rules.fingerprint()
    return out


def contents(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, with the compressed records unpacked: two indexes of
    the same corpus built by different engines or in different pieces compare equal."""
    db = open_index(path)
    try:
        out = {}
        for table in TABLES:
            words = CLAIM_WORDS if table == "claims" else b""
            rows = [
                tuple(unpack(v, words) if isinstance(v, bytes) else v for v in row)
                for row in db.execute(f"SELECT * FROM {table}")
            ]
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        db.close()


def merge(shards: list[Path], output: Path, rules: Ruleset) -> sqlite3.Connection:
    """One index from shards (indexes of parts of a corpus, built with these rules), its
    derived tables made over the whole."""
    db = create(output, rules)
    for n, shard in enumerate(shards):
        open_index(shard, rules).close()
        db.execute("ATTACH DATABASE ? AS shard", (str(shard),))
        try:
            for table in ("documents", "claims", "buckets", "facts"):
                db.execute(f"INSERT INTO {table} SELECT * FROM shard.{table}")
        except sqlite3.IntegrityError:
            raise InputError(
                f"{shard} holds a document another shard holds",
                hint=f"merge shards of one build (shard {n + 1} of {len(shards)})",
            ) from None
        db.commit()
        db.execute("DETACH DATABASE shard")
    finalize(db, rules)
    return db
