"""Reuse engine: candidate search, local alignment, quote variants and derivation direction.

Public steps (pure functions the local and Spark engines share):

* ``candidate_keys(article) -> list[str]``: per-article keys; articles sharing a key are candidates;
* ``candidate_pairs(articles)``: the local candidate search over those keys;
* ``align_pair(a, b, min_chars=...) -> list[SharedPassage]``: passages with offsets in both texts;
* ``infer_provenance(articles, pairs, variants) -> list[ProvenanceEdge]``;
* ``find_reuse(articles, ...) -> ReuseResult``: all of it for a set of articles.
"""

from newstrace.reuse.align import MIN_CHARS, align_pair, merge_passages
from newstrace.reuse.candidates import candidate_keys, candidate_pairs
from newstrace.reuse.engine import ReuseResult, find_reuse
from newstrace.reuse.provenance import infer_provenance
from newstrace.reuse.variants import group_variants

__all__ = [
    "MIN_CHARS",
    "ReuseResult",
    "align_pair",
    "candidate_keys",
    "candidate_pairs",
    "find_reuse",
    "group_variants",
    "infer_provenance",
    "merge_passages",
]
