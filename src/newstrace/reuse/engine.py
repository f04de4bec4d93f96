"""``find_reuse``: candidate search, alignment, quote variants and provenance over a set of articles.

The local engine: it prepares every article once (tokens, quotations), forms candidate pairs from
shared keys, aligns each pair and derives variants and edges. The distributed engine runs the same
pure steps (``candidate_keys``, ``align_pair``, ``infer_provenance``) on partitions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newstrace.errors import articles_list
from newstrace.ingest.base import keyed_articles
from newstrace.model import (
    Article,
    ArticleClaims,
    ArticlePair,
    ProvenanceEdge,
    QuoteVariants,
    article_labels,
)
from newstrace.reuse.align import (
    MAX_GAP,
    MIN_CHARS,
    MIN_SCORE,
    AlignedTexts,
    Prepared,
    prepare,
)
from newstrace.reuse.candidates import (
    MAX_DF,
    MIN_KEYS,
    copies_of_one_text,
    key_hashes,
    pairs_from_keys,
)
from newstrace.reuse.provenance import SUBSTANTIAL_CHARS, infer_provenance
from newstrace.reuse.variants import group_variants, variant_differences

#: up to this many articles every pair of articles is aligned (cheap, and catches short shared
#: quotations that are below the candidate keys' 8-word guarantee), copies of one text too: a handful
#: of articles is what ``compare`` is given, and each of them is reported on; above it only candidate
#: pairs are, a text's copies grouped as the corpus engines group them
ALL_PAIRS_MAX = 40


@dataclass
class ReuseResult:
    """Everything ``find_reuse`` found; ``to_dict`` gives the ``newstrace reuse --json`` document."""

    pairs: list[ArticlePair] = field(default_factory=list)
    variants: list[QuoteVariants] = field(default_factory=list)
    provenance: list[ProvenanceEdge] = field(default_factory=list)
    candidates: int = 0
    #: seconds per phase (prepare, candidates, align, variants, provenance); not part of ``to_dict``
    timings: dict[str, float] = field(default_factory=dict)
    #: the articles compared, each once under the id the pairs name it by (``find_reuse`` keys them)
    articles: list[Article] = field(default_factory=list)

    def to_dict(self, articles: Sequence[Article] | None = None) -> dict[str, Any]:
        """The JSON document; its ``articles`` are ``articles`` when given, else those compared,
        under the ids the pairs and edges name, each with its ``label``, the name the tables give
        it and ``compare --json`` gives it too ("reuters #2")."""
        arts = list(self.articles if articles is None else articles)
        labels = article_labels(arts)
        return {
            "articles": [{**a.brief(), "label": labels[a.id]} for a in arts],
            "pairs": [p.to_dict() for p in self.pairs],
            "variants": [
                {**v.to_dict(), "differences": variant_differences(v)} for v in self.variants
            ],
            "provenance": [e.to_dict() for e in self.provenance],
        }


def find_reuse(
    articles: Sequence[Article],
    *,
    min_chars: int = MIN_CHARS,
    gap: int = MAX_GAP,
    min_score: float = MIN_SCORE,
    max_df: int = MAX_DF,
    min_keys: int = MIN_KEYS,
    min_shared_chars: int = SUBSTANTIAL_CHARS,
    all_pairs_max: int = ALL_PAIRS_MAX,
    quotes: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
    claims: Mapping[str, ArticleClaims] | None = None,
) -> ReuseResult:
    """Shared passages of every related pair, the quote variants and the provenance edges.

    ``claims`` (by article id), when the caller has them, name the variants' speakers (and so the
    ``external:<speaker>`` sources) as the claims stage does.

    The articles are keyed as ``ingest`` keys them (``ingest.base.keyed_articles``): two outlets'
    id 1 are two articles, SANA's named SANA:1 (keyed by id alone, one was dropped); a repeat of
    one outlet's id is that article, used once. ``ReuseResult.articles`` lists them so.

    Above ``all_pairs_max`` articles, those with one text are paired as the corpus engines pair
    them: each later copy (by publication) with the text's first copy alone, and other texts with
    that first copy alone (``reuse.candidates.copies_of_one_text``, which says why). Up to it every
    pair is aligned, copies too (each pair of texts once, ``AlignedTexts``): ``compare`` reports on
    each article it is given, and a rewrite and its mirror given together each keep their findings
    against the original, which pairing the original with the mirror alone, the first copy by id
    on the same day, gave to the mirror only."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    arts = list(keyed_articles(articles_list(articles, "find_reuse: articles")))
    prepared: list[Prepared] = [prepare(a) for a in arts]
    n = len(arts)
    t1 = time.perf_counter()
    timings["prepare"] = t1 - t0
    if n <= all_pairs_max:
        cand = [(i, j) for i in range(n) for j in range(i + 1, n)]
    else:
        first, copies = copies_of_one_text(arts)
        # the key document frequencies count texts: each text's first copy alone holds its keys
        keys = [key_hashes(prepared[i].tokens) for i in first]
        cand = [(first[i], first[j]) for i, j, _ in pairs_from_keys(keys, max_df=max_df, min_shared=min_keys)]
        # a copy of a text that holds no key meets no other article, as in the corpus engines
        keyed = {i for i, k in zip(first, keys, strict=True) if k.shape[0]}
        cand = sorted(cand + [(min(i, j), max(i, j)) for i, j in copies if i in keyed])
        del keys
    t2 = time.perf_counter()
    timings["candidates"] = t2 - t1
    pairs: list[ArticlePair] = []
    # copies of one text (wire copy): a pair of texts is aligned once (``AlignedTexts``)
    aligned = AlignedTexts(min_chars=min_chars, gap=gap, min_score=min_score, quotes=quotes)
    for x, (i, j) in enumerate(cand):
        shared = aligned.align(prepared[i], prepared[j])
        if shared:
            pairs.append(ArticlePair(arts[i].id, arts[j].id, shared))
        if on_progress is not None and (x % 200 == 0 or x == len(cand) - 1):
            on_progress(x + 1, len(cand))
    t3 = time.perf_counter()
    timings["align"] = t3 - t2
    index = {a.id: i for i, a in enumerate(arts)}
    variants = group_variants(prepared, index, pairs, claims)
    t4 = time.perf_counter()
    timings["variants"] = t4 - t3
    provenance = infer_provenance(arts, pairs, variants, min_shared_chars=min_shared_chars)
    timings["provenance"] = time.perf_counter() - t4
    return ReuseResult(pairs, variants, provenance, candidates=len(cand), timings=timings, articles=arts)
