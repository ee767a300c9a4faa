"""Disjoint sets (union-find): the one grouping mechanism behind copy families, metric
and time groups, and finding clusters."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class DisjointSets(Generic[K]):
    """Items join sets as they are first named; `union(a, b)` puts a's set under b's root,
    so which item is a set's root is decided by the order of unions."""

    def __init__(self) -> None:
        self.parent: dict[K, K] = {}

    def __contains__(self, item: object) -> bool:
        return item in self.parent

    def find(self, item: K) -> K:
        parent = self.parent
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]  # path halving
            item = parent[item]
        return item

    def union(self, a: K, b: K) -> None:
        self.parent[self.find(a)] = self.find(b)
