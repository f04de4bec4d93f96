"""Candidate search: which article pairs may share a passage, without comparing all pairs.

Each article is reduced to *winnowed word 5-gram hashes* (Schleimer et al. 2003): the minimum hash
in every window of ``W`` consecutive 5-grams. Any passage of ``K + W - 1`` = 8 shared words
guarantees one shared key, while an article keeps only about ``2 / (W + 1)`` of its 5-grams. Two
articles are candidates when they share ``MIN_KEYS`` keys (every engine: ``reuse``, the local and
the Spark corpus engines). This is passim's idea (shared rare n-grams, then alignment) with a
deterministic sample instead of all n-grams.

Keys held by very many texts are boilerplate or stock phrases ("the United States and Russia"):
they are dropped before pairs are formed (``max_df``), which is what keeps the number of pairs, and
so the time, about linear in the corpus. The per-article step ``candidate_keys`` is pure, so a
distributed engine can emit ``(key, article)`` rows, group by key, drop groups larger than
``max_df`` and pair the rest, exactly as ``candidate_pairs`` does locally.

Articles with one text (a wire story run word for word by many outlets) are one group
(``copies_of_one_text``): the engines (``find_reuse``, the local and the Spark corpus engines)
give only the first copy keys and pair each later copy with it, so a key's document frequency
counts texts: 200 outlets running one text keep its keys. ``candidate_pairs`` (keys to pairs, for
the story benchmark) pairs articles as they come.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newstrace.model import Article, published_order, stream_order_key
from newstrace.reuse.text import U64, Tokens, shingles, tokenize

#: words per key shingle
KEY_K = 5
#: winnowing window (in shingles); K + W - 1 shared words always give a shared key
KEY_W = 4
#: keys shared by more articles than this are treated as boilerplate / stock phrases
MAX_DF = 50
#: keys a pair must share to be aligned: 2 aligns a third of the pairs 1 would, at the cost of some
#: passages of 8-12 words (measured on a 3,000-article generated corpus: planted copies found 0.981 vs 0.984).
#: In corpus mode the pairs 1 key adds grow with the corpus: at 44,000 generated articles an article
#: had 81 candidates, and aligning them was nine tenths of the workers' time
MIN_KEYS = 2


def key_hashes(tokens: Tokens, *, k: int = KEY_K, w: int = KEY_W) -> U64:
    """Winnowed shingle hashes of one article, sorted and unique (the numeric form of its keys)."""
    h = shingles(tokens.ids, k)
    n = h.shape[0]
    if n == 0:
        return h
    if n <= w:
        return np.unique(h[[int(np.argmin(h))]])
    win = np.lib.stride_tricks.sliding_window_view(h, w)
    # rightmost minimum of each window (robust winnowing): reverse, argmin, map back
    pos = (w - 1 - np.argmin(win[:, ::-1], axis=1)) + np.arange(win.shape[0])
    return np.unique(h[pos])


def candidate_keys(article: Article) -> list[str]:
    """The article's candidate keys as 16-digit hex strings; articles sharing one are candidates."""
    return [f"{int(v):016x}" for v in key_hashes(tokenize(article.text))]


def pairs_from_keys(
    keys: Sequence[U64], *, max_df: int = MAX_DF, min_shared: int = MIN_KEYS
) -> list[tuple[int, int, int]]:
    """``(i, j, shared)`` for documents ``i < j`` sharing at least ``min_shared`` keys.

    Works on sorted arrays only (no Python loop over keys), so 100,000 articles take seconds.
    """
    if not keys:
        return []
    lengths = np.array([k.shape[0] for k in keys], dtype=np.int64)
    if lengths.sum() == 0:
        return []
    allk = np.concatenate(keys)
    docs = np.repeat(np.arange(len(keys), dtype=np.int64), lengths)
    order = np.argsort(allk, kind="stable")
    allk = allk[order]
    docs = docs[order]
    del order
    bounds = np.flatnonzero(np.concatenate(([True], allk[1:] != allk[:-1], [True])))
    starts = bounds[:-1]
    sizes = np.diff(bounds)
    chunks: list[np.ndarray] = []
    n = np.int64(len(keys))
    for size in np.unique(sizes):
        s = int(size)
        if s < 2 or s > max_df:
            continue
        st = starts[sizes == size]
        mat = docs[st[:, None] + np.arange(s)[None, :]]
        for p in range(s - 1):
            for q in range(p + 1, s):
                lo = np.minimum(mat[:, p], mat[:, q])
                hi = np.maximum(mat[:, p], mat[:, q])
                chunks.append(lo * n + hi)
    if not chunks:
        return []
    codes, counts = np.unique(np.concatenate(chunks), return_counts=True)
    keep = counts >= min_shared
    codes = codes[keep]
    counts = counts[keep]
    lo_arr = codes // n
    hi_arr = codes % n
    return [
        (int(a), int(b), int(c)) for a, b, c in zip(lo_arr, hi_arr, counts, strict=True) if a != b
    ]


def copies_of_one_text(articles: Sequence[Article]) -> tuple[list[int], list[tuple[int, int]]]:
    """The positions of each text's first copy (input order), and ``(first, copy)`` for each later
    copy of a text: articles with one text are one group for the candidate search.

    First is first in the stream (publication, undated last, then id: ``model.stream_order_key``,
    the engines' order). Only first copies are candidates of other texts, and a later copy is paired
    with its text's first copy alone: n copies give n - 1 pairs, not n(n - 1)/2, and a key's
    document frequency counts texts, not the outlets running one (a wire story run by 200 outlets
    keeps its keys, and a rewrite of it is still its candidate). A text another text reuses is
    paired through its first copy only: identical copies cannot say which of them a rewrite was
    made from, and pairing the rewrite with each of them would credit every outlet that ran the
    text with it in the provenance graph and the outlet network (n edges where at most one is
    true, and n x m pairs for two texts run n and m times); the first copy is the one the text is
    known from first. Each later copy has its own edge from it."""
    first: dict[str, int] = {}
    for i in sorted(range(len(articles)), key=lambda i: _stream_key(articles[i])):
        first.setdefault(articles[i].text, i)
    copies = sorted((f, i) for i, a in enumerate(articles) if (f := first[a.text]) != i)
    return sorted(first.values()), copies


def _stream_key(a: Article) -> tuple[bool, str, str]:
    return stream_order_key(published_order(a.published), a.id)


def candidate_pairs(
    articles: Sequence[Article], *, max_df: int = MAX_DF, min_shared: int = MIN_KEYS
) -> list[tuple[str, str]]:
    """Article id pairs that share a candidate key, in input order; never a pair of one id."""
    keys = [key_hashes(tokenize(a.text)) for a in articles]
    out: list[tuple[str, str]] = []
    for i, j, _ in pairs_from_keys(keys, max_df=max_df, min_shared=min_shared):
        if articles[i].id != articles[j].id:
            out.append((articles[i].id, articles[j].id))
    return out
