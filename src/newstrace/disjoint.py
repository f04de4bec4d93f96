"""The one union-find of the package: items joined into groups pair by pair.

``reuse`` groups the quotations that shared passages link, ``compare`` the quotations that one
wording or one reuse group links, and the articles that report one event; ``stories-fakes`` joins
the FNC-1 bodies that bear on one headline. A group's representative is its smallest member, so the
groups do not depend on the order of the joins.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

#: what a group holds: anything ordered that can key a dict (mention indices, (article, quote)
#: index pairs, article ids)
K = TypeVar("K", int, str, tuple[int, int])


class DisjointSets(Generic[K]):
    """Groups of items, each item in one; an item not yet seen is a group of its own."""

    def __init__(self, items: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {x: x for x in items}

    def find(self, x: K) -> K:
        """The representative of ``x``'s group (its smallest member)."""
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: K, y: K) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)

    def groups(self, items: Iterable[K] | None = None) -> list[list[K]]:
        """The groups of ``items`` (default: every item seen, in the order first seen), each in the
        order of ``items``, in the order of their first member there."""
        out: dict[K, list[K]] = {}
        for x in list(self.parent) if items is None else items:
            out.setdefault(self.find(x), []).append(x)
        return list(out.values())
