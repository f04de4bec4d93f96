"""Arithmetic on half-open character ranges ``[start, end)``, the currency of every stage.

Kept in one place because alignment, provenance, comparison and the benchmarks all measure
how much of a text a set of passages covers, and must agree on it to the character.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence


def overlap(s1: int, e1: int, s2: int, e2: int) -> tuple[int, int] | None:
    """The common part of two ranges, or ``None`` when they do not overlap."""
    s, e = max(s1, s2), min(e1, e2)
    return (s, e) if e > s else None


def overlap_length(s1: int, e1: int, s2: int, e2: int) -> int:
    """Characters two ranges share (0 when disjoint)."""
    return max(0, min(e1, e2) - max(s1, s2))


def union_length(ranges: Iterable[tuple[int, int]]) -> int:
    """Characters covered by the union of ranges (overlaps counted once)."""
    total, cur_s, cur_e = 0, -1, -1
    for s, e in sorted(ranges):
        if s > cur_e:
            total += max(0, cur_e - cur_s)
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    return total + max(0, cur_e - cur_s)


def pieces(length: int, ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int, list[int]]]:
    """A text of ``length`` characters cut at both ends of every range that lies in it: each piece
    ``[lo, hi)`` with the indexes of the ranges covering it, in their order. The HTML report and
    the web app highlight a text so, a word inside a shared passage both "shared" and "differs"."""
    inside = [i for i, (s, e) in enumerate(ranges) if 0 <= s < e <= length]
    cuts = sorted({0, length, *(ranges[i][0] for i in inside), *(ranges[i][1] for i in inside)})
    return [(lo, hi, [i for i in inside if ranges[i][0] <= lo and hi <= ranges[i][1]]) for lo, hi in itertools.pairwise(cuts)]
