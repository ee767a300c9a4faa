"""The gate on the index: the findings that involve new documents, read from the blocks
their claims fall in and nothing else.

For each block a new claim falls in, the index's claims of that block are loaded, as
the local engine would hold them: a block of at most `LARGE_BLOCK` claims whole, a larger
one only in the metric groups the new claims join (the local engine's split of a large
block, `pipeline.metric_parts`), found from the first claim of each metric in the block
(`heads`). Documents given anew whose path is in the index replace their indexed version.
The copy families are the index's, joined by the new documents' near-duplicate links.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from pydantic import TypeAdapter

from checker.errors import InputError
from checker.index.build import location
from checker.index.store import (
    CLAIM_WORDS,
    aliases_of,
    block_of,
    fact_of,
    figure_json,
    metric_key,
    unpack,
)
from checker.ingest.documents import Source
from checker.matching.aliases import Aliases, Fact, figure_facts
from checker.matching.copies import BUCKETS, bucket_links
from checker.matching.disjoint import DisjointSets
from checker.matching.match import Matcher
from checker.models import Claim, DocumentOut, Extraction, Finding, InternalCheck
from checker.pipeline import (
    LARGE_BLOCK,
    SEVERITY_ORDER,
    Toolkit,
    block_findings,
    check_kinds,
    document_findings,
    matchable,
)
from checker.ruleset import Ruleset

Placed = tuple[str, int, Claim]  # document, place among its claims, the claim
CLAIMS = TypeAdapter(list[Claim])


@dataclass(frozen=True)
class Found:
    """What the gate found on the index."""

    findings: list[Finding]
    checks: list[InternalCheck]
    extractions: list[Extraction]  # the new documents, and the old ones with their claims read
    documents: int  # documents of the corpus: the index's, less those replaced, and the new


def _json(values: Iterable[str]) -> str:
    return json.dumps(sorted(values))


class Index:
    """An open index and the documents given anew."""

    def __init__(self, db: sqlite3.Connection, rules: Ruleset) -> None:
        self.db = db
        self.rules = rules
        self.replaced: set[str] = set()
        self._not = "[]"  # the replaced documents, as JSON for `json_each`

    def ids_for(self, sources: list[Source], ids: list[str]) -> list[str]:
        """The ids of new documents: an indexed document's own when its file is given
        anew (it is then replaced), else their own, which must not clash with an indexed
        document's name (the local engine would then name both by their paths)."""
        out = []
        for src, doc_id in zip(sources, ids, strict=True):
            where = location(src)
            row = self.db.execute("SELECT id FROM documents WHERE location = ?", (where,))
            known = row.fetchone()
            if known is not None:
                self.replaced.add(known[0])
                out.append(known[0])
                continue
            clash = self.db.execute(
                "SELECT id FROM documents WHERE name = ? OR id = ? LIMIT 1",
                (src.path.name, doc_id),
            ).fetchone()
            if clash is not None:
                raise InputError(
                    f"{src.display} has the name of the indexed document {clash[0]}",
                    hint="rename the new file, or add it to the corpus and update the index",
                )
            out.append(doc_id)
        self._not = _json(self.replaced)
        return out

    def count(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'documents'").fetchone()
        return int(row[0])

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of these documents the index holds."""
        rows = self.db.execute(
            "SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))", (_json(ids),)
        )
        return {r[0] for r in rows}

    # ---- claims ---------------------------------------------------------------------------

    def _claims(self, sql: str, args: tuple[object, ...]) -> list[Placed]:
        rows = self.db.execute(sql, args).fetchall()
        records = ",".join(unpack(r[2], CLAIM_WORDS) for r in rows)
        claims = CLAIMS.validate_json("[" + records + "]")
        return [(doc, place, c) for (doc, place, _), c in zip(rows, claims, strict=True)]

    def block(self, block: str) -> list[Placed]:
        return self._claims(
            "SELECT doc, place, record FROM claims WHERE block = ? "
            "AND doc NOT IN (SELECT value FROM json_each(?))",
            (block, self._not),
        )

    def size(self, block: str) -> int:
        row = self.db.execute("SELECT claims FROM blocks WHERE block = ?", (block,)).fetchone()
        size = int(row[0]) if row else 0
        if self.replaced and size:
            size -= self.db.execute(
                "SELECT COUNT(*) FROM claims WHERE block = ? AND doc IN "
                "(SELECT value FROM json_each(?))",
                (block, self._not),
            ).fetchone()[0]
        return size

    def heads(self, block: str) -> list[Placed]:
        """The first claim of each metric in the block, in corpus order (a replaced
        document's head gives way to the metric's next claim)."""
        rows = self.db.execute(
            "SELECT h.metric, h.doc, h.place FROM heads h WHERE h.block = ?", (block,)
        ).fetchall()
        out = []
        for metric, doc, place in rows:
            if doc in self.replaced:
                nxt = self.db.execute(
                    "SELECT doc, place FROM claims WHERE block = ? AND metric = ? AND doc NOT IN "
                    "(SELECT value FROM json_each(?)) ORDER BY doc, place LIMIT 1",
                    (block, metric, self._not),
                ).fetchone()
                if nxt is None:
                    continue
                doc, place = nxt
            out.append((doc, place))
        if not out:
            return []
        return self._claims(
            "SELECT c.doc, c.place, c.record FROM claims c JOIN json_each(?) j "
            "ON c.doc = json_extract(j.value, '$[0]') AND c.place = json_extract(j.value, '$[1]')",
            (json.dumps(out),),
        )

    def metrics(self, block: str, metrics: set[str]) -> list[Placed]:
        return self._claims(
            "SELECT doc, place, record FROM claims WHERE block = ? AND metric IN "
            "(SELECT value FROM json_each(?)) AND doc NOT IN (SELECT value FROM json_each(?))",
            (block, _json(metrics), self._not),
        )

    def documents(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str, bytes]]:
        """date, copy family and report record of these documents."""
        rows = self.db.execute(
            "SELECT id, date, family, record FROM documents WHERE id IN "
            "(SELECT value FROM json_each(?))",
            (_json(ids),),
        )
        return {doc: (date, family or doc, record) for doc, date, family, record in rows}

    # ---- metric aliases ------------------------------------------------------------------

    def _facts(self, sql: str, args: tuple[object, ...]) -> list[Fact]:
        return [fact_of(r) for r in self.db.execute(sql, args)]

    def aliases(self, new: list[Fact], matcher: Matcher) -> Aliases:
        """The aliases the index's facts and the new ones show: the index's, except for
        the name pairs that share a figure a new (or replaced) document states, which are
        induced again from every figure the pair shares (a pair's aliasing depends on
        those figures' facts alone)."""
        found = aliases_of(self.db.execute("SELECT * FROM aliases"))
        replaced = self._facts(
            "SELECT figure, name, doc, text, digits FROM facts WHERE doc IN "
            "(SELECT value FROM json_each(?))",
            (self._not,),
        )
        figures = sorted({figure_json(f[0]) for f in [*new, *replaced]})
        if not figures:
            return found
        at = self._facts(
            "SELECT figure, name, doc, text, digits FROM facts WHERE figure IN "
            "(SELECT value FROM json_each(?)) AND doc NOT IN (SELECT value FROM json_each(?))",
            (json.dumps(figures), self._not),
        )
        named: dict[str, set[str]] = defaultdict(set)
        for f in [*at, *new]:
            named[figure_json(f[0])].add(f[1])
        pairs, scoped = dict(found.pairs), dict(found.scoped)
        for a, b in sorted({p for ns in named.values() for p in combinations(sorted(ns), 2)}):
            shared = {
                r[0]
                for r in self.db.execute("SELECT figure FROM pairs WHERE a = ? AND b = ?", (a, b))
            } | {f for f, ns in named.items() if {a, b} <= ns}
            facts = self._facts(
                "SELECT figure, name, doc, text, digits FROM facts WHERE figure IN "
                "(SELECT value FROM json_each(?)) AND name IN (?, ?) AND doc NOT IN "
                "(SELECT value FROM json_each(?))",
                (json.dumps(sorted(shared)), a, b, self._not),
            )
            facts += [f for f in new if f[1] in (a, b) and figure_json(f[0]) in shared]
            again = Aliases.from_facts(facts, matcher)
            pairs.pop((a, b), None)
            scoped.pop((a, b), None)
            if (a, b) in again.pairs:
                pairs[(a, b)] = again.pairs[(a, b)]
            if (a, b) in again.scoped:
                scoped[(a, b)] = again.scoped[(a, b)]
        return Aliases(pairs, scoped)

    # ---- copy families ---------------------------------------------------------------------

    def _signature(self, doc: str) -> list[int]:
        row = self.db.execute("SELECT signature FROM documents WHERE id = ?", (doc,)).fetchone()
        return list(json.loads(row[0])) if row else []

    def families(
        self, loaded: dict[str, str], new: list[Extraction], threshold: float
    ) -> dict[str, int]:
        """Copy family numbers of the loaded documents (id → the index's family label)
        and the new ones: the index's families, joined by the new documents' links.
        Where a new document comes first in a bucket, or a replaced one was in one, the
        bucket's links are made again and the families from all links."""
        sketches = {e.document.id: e.signature for e in new}
        fresh: dict[int, list[str]] = defaultdict(list)
        for e in new:
            for h in set(e.signature[:BUCKETS]):
                fresh[h].append(e.document.id)
        remade = set(self._replaced_buckets())
        links: list[tuple[str, str]] = []
        for h, docs in sorted(fresh.items()):
            first = self.db.execute(
                "SELECT doc FROM buckets WHERE hash = ? AND doc NOT IN "
                "(SELECT value FROM json_each(?)) ORDER BY doc LIMIT 1",
                (h, self._not),
            ).fetchone()
            if h in remade:
                continue
            if first is None:  # only new documents in this bucket: no link is undone
                links += bucket_links(sorted(docs), sketches, threshold)
                continue
            if first[0] > min(docs):  # a new first member: the bucket's links change
                remade.add(h)
                continue
            sketches[first[0]] = self._signature(first[0])
            links += bucket_links([first[0], *sorted(docs)], sketches, threshold)
        if remade:
            return self._all_families(loaded, new, remade, threshold)
        sets: DisjointSets[str] = DisjointSets()
        label = dict(loaded)
        for doc, first in links:
            if first not in label:
                label[first] = self.documents([first])[first][1]
            sets.union(doc, label[first])
        for e in new:
            label[e.document.id] = e.document.id
        return _numbered({doc: sets.find(label[doc]) for doc in label}, sets)

    def _replaced_buckets(self) -> list[int]:
        rows = self.db.execute(
            "SELECT hash FROM buckets WHERE doc IN (SELECT value FROM json_each(?))", (self._not,)
        )
        return [r[0] for r in rows]

    def _all_families(
        self, loaded: dict[str, str], new: list[Extraction], remade: set[int], threshold: float
    ) -> dict[str, int]:
        sketches = {e.document.id: e.signature for e in new}
        members: dict[int, list[str]] = defaultdict(list)
        for e in new:
            for h in set(e.signature[:BUCKETS]) & remade:
                members[h].append(e.document.id)
        sets: DisjointSets[str] = DisjointSets()
        for h, doc, first in self.db.execute("SELECT hash, doc, first FROM links"):
            if h not in remade and not {doc, first} & self.replaced:
                sets.union(doc, first)
        for h in sorted(remade):
            old = self.db.execute(
                "SELECT doc FROM buckets WHERE hash = ? AND doc NOT IN "
                "(SELECT value FROM json_each(?))",
                (h, self._not),
            )
            docs = sorted({*members[h], *(r[0] for r in old)})
            for doc in docs:
                if doc not in sketches:
                    sketches[doc] = self._signature(doc)
            for doc, first in bucket_links(docs, sketches, threshold):
                sets.union(doc, first)
        everyone = {*loaded, *(e.document.id for e in new)}
        return _numbered({doc: sets.find(doc) for doc in everyone}, sets)


def _numbered(root: dict[str, str], sets: DisjointSets[str]) -> dict[str, int]:
    """Family numbers in the order of each family's first document (by id)."""
    first: dict[str, str] = {}
    for node in sorted({*sets.parent, *root.values()}):
        first.setdefault(sets.find(node), node)
    labels = sorted({first.get(r, r) for r in root.values()})
    number = {label: n for n, label in enumerate(labels)}
    return {doc: number[first.get(r, r)] for doc, r in root.items()}


def indexed_findings(index: Index, new: list[Extraction], rules: Ruleset, tools: Toolkit) -> Found:
    """The findings involving the new documents, as `find` with them as its focus would
    make them over the index's corpus and the new documents together."""
    new = sorted(new, key=lambda e: e.document.id)
    across, alone = check_kinds()
    fresh: dict[str, list[Placed]] = defaultdict(list)
    for e in new:
        keep = {id(c) for c in matchable(e.claims)}
        for place, c in enumerate(e.claims):
            block = block_of(c, rules.units) if id(c) in keep else None
            if block is not None:
                fresh[block].append((e.document.id, place, c))
    matcher = Matcher(rules, {}, tools.dictionary)
    facts = figure_facts(matchable(c for e in new for c in e.claims), matcher)
    matcher.aliases = index.aliases(facts, matcher)
    parts = [
        part for block in sorted(fresh) for part in _parts(index, block, fresh[block], matcher)
    ]
    old_docs = {doc for part in parts for doc, _, _ in part} - {e.document.id for e in new}
    rows = index.documents(old_docs)
    matcher.doc_dates.update({doc: row[0] for doc, row in rows.items()})
    matcher.doc_dates.update({e.document.id: e.document.date for e in new})
    threshold = rules.checks.matching.near_duplicate
    families = index.families({doc: row[1] for doc, row in rows.items()}, new, threshold)
    findings = [
        f
        for part in parts
        for f in block_findings([c for *_, c in part], matcher, families, rules, across)
    ]
    findings += [f for e in new for f in document_findings(e, matcher, rules, alone)]
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.kind, f.id))
    claims: dict[str, list[Placed]] = defaultdict(list)
    for part in parts:
        for placed in part:
            claims[placed[0]].append(placed)
    olds = [
        Extraction(
            document=DocumentOut.model_validate_json(unpack(rows[doc][2])),
            claims=[c for *_, c in sorted(claims[doc], key=lambda p: p[1])],
        )
        for doc in sorted(old_docs)
    ]
    return Found(
        findings=findings,
        checks=[r for e in new for r in e.checks],
        extractions=[*new, *olds],
        documents=index.count() - len(index.replaced) + len(new),
    )


def _parts(index: Index, block: str, fresh: list[Placed], matcher: Matcher) -> list[list[Placed]]:
    """The claims of one block that the new ones can meet, in corpus order: the whole
    block, or for a large block each metric group a new claim joins."""
    if index.size(block) + len(fresh) <= LARGE_BLOCK:
        return [sorted([*index.block(block), *fresh], key=lambda p: p[:2])]
    first: dict[str, Placed] = {}
    for placed in sorted([*index.heads(block), *fresh], key=lambda p: p[:2]):
        first.setdefault(metric_key(placed[2]), placed)
    groups = matcher._metric_groups([c for *_, c in first.values()])
    group_of = {metric_key(c): n for n, group in enumerate(groups) for c in group}
    wanted = {group_of[metric_key(c)] for *_, c in fresh}
    metrics = {m for m, n in group_of.items() if n in wanted}
    found: dict[int, list[Placed]] = defaultdict(list)
    for placed in [*index.metrics(block, metrics), *fresh]:
        found[group_of[metric_key(placed[2])]].append(placed)
    return [sorted(found[n], key=lambda p: p[:2]) for n in sorted(found)]
