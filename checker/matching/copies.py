"""Near-duplicate documents (reprints, syndication): they count once as a source.

Each document's repaired text is reduced to a bottom-k sketch: the k smallest CRC-32
hashes of its character 8-grams. Two documents whose sketches estimate a Jaccard
similarity of at least `near_duplicate` belong to one copy family. Candidates are found
through their smallest hashes, so a corpus is never compared all pairs against all pairs.
"""

from __future__ import annotations

import heapq
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping

from checker.matching.disjoint import DisjointSets
from checker.models import Extraction
from checker.ruleset import Ruleset

SHINGLE = 8
K = 64
BUCKETS = 8  # a document is filed under its 8 smallest hashes


def signature(text: str) -> list[int]:
    """The K smallest distinct hashes of the text's 8-grams (white space ignored)."""
    compact = "".join(text.split())
    hashes = {
        zlib.crc32(compact[i : i + SHINGLE].encode())
        for i in range(max(1, len(compact) - SHINGLE + 1))
    }
    return heapq.nsmallest(K, hashes) if compact else []


def similarity(a: list[int], b: list[int], floor: float = 0.0) -> float:
    """Estimated Jaccard similarity of two bottom-k sketches; 0.0 early when the
    estimate cannot reach `floor` (it is at most the shared hashes over the union's size)."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    both = sa & sb
    size = min(K, len(sa) + len(sb) - len(both))
    if len(both) < floor * size:
        return 0.0
    union = sorted(sa | sb)[:K]
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def copy_families(extractions: list[Extraction], rules: Ruleset) -> dict[str, int]:
    """Document id → family number (the index of the family's first document)."""
    threshold = rules.checks.matching.near_duplicate
    ids = [e.document.id for e in extractions]
    sigs = {e.document.id: e.signature for e in extractions}
    families: DisjointSets[str] = DisjointSets()
    buckets: dict[int, list[str]] = defaultdict(list)
    for doc in ids:
        for h in sigs[doc][:BUCKETS]:
            buckets[h].append(doc)
    for members in buckets.values():
        for other, first in bucket_links(members, sigs, threshold, families.find):
            families.union(other, first)
    order = {doc: n for n, doc in enumerate(ids)}
    return {doc: order[families.find(doc)] for doc in ids}


def bucket_links(
    members: list[str],
    sketches: Mapping[str, list[int]],
    threshold: float,
    family: Callable[[str], str] = str,
) -> Iterator[tuple[str, str]]:
    """The near-duplicate links of one bucket (the documents filed under one hash, in
    document order): (member, first member) for each later member similar enough to the
    first. `family` (a document's family so far) skips members already linked to it;
    links are made one at a time, so it sees the ones made before. Families are the
    connected components of all buckets' links."""
    first = members[0]
    for other in members[1:]:
        if (
            family(other) != family(first)
            and similarity(sketches[first], sketches[other], threshold) >= threshold
        ):
            yield other, first
