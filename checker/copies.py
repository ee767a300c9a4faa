"""Near-duplicate documents (reprints, syndication): they count once as a source.

Each document's repaired text is reduced to a MinHash signature of its character
8-grams; documents whose estimated Jaccard similarity reaches `near_duplicate` belong to
one copy family. Signatures are compared within LSH bands, so a corpus is never compared
all pairs against all pairs.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from checker.models import Extraction
from checker.ruleset import Ruleset

SHINGLE = 8
PERMUTATIONS = 64
BANDS = 16
PRIME = (1 << 61) - 1
SEEDS = [(int(hashlib.sha1(f"a{i}".encode()).hexdigest()[:15], 16), int(hashlib.sha1(f"b{i}".encode()).hexdigest()[:15], 16))
         for i in range(PERMUTATIONS)]


def signature(text: str) -> list[int]:
    compact = "".join(text.split())
    shingles = {hash_shingle(compact[i : i + SHINGLE]) for i in range(max(1, len(compact) - SHINGLE + 1))}
    if not compact:
        return [PRIME] * PERMUTATIONS
    return [min((a * h + b) % PRIME for h in shingles) for a, b in SEEDS]


def hash_shingle(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big")


def copy_families(extractions: list[Extraction], rules: Ruleset) -> dict[str, int]:
    """Document id → family number (the index of the family's first document)."""
    threshold = rules.checks.matching.near_duplicate
    ids = [e.document.id for e in extractions]
    sigs = {e.document.id: e.signature or [PRIME] * PERMUTATIONS for e in extractions}
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rows = PERMUTATIONS // BANDS
    buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)  # LSH bands
    for doc in ids:
        for band in range(BANDS):
            buckets[(band, tuple(sigs[doc][band * rows : (band + 1) * rows]))].append(doc)
    for members in buckets.values():
        for other in members[1:]:
            a, b = members[0], other
            same = sum(x == y for x, y in zip(sigs[a], sigs[b])) / PERMUTATIONS
            if same >= threshold:
                parent[find(b)] = find(a)
    order = {doc: n for n, doc in enumerate(ids)}
    return {doc: order[find(doc)] for doc in ids}
