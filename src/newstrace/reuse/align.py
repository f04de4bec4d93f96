"""Local alignment of two articles into shared passages with offsets in both texts.

Seed-and-chain, not dynamic programming over the whole texts: word 3-grams common to both articles
are the seeds; seeds on one diagonal that touch form exact blocks; blocks are chained while the gaps
between them stay small in *both* texts (inserted, dropped or replaced words, a bracketed
"[attacks,]", a split sentence). Every chain is one passage, wherever it sits in either article,
so reordered paragraphs come out as separate passages instead of being lost (passim issue #9). The
gaps between the blocks of a chain are the edit operations. Time is about linear in the lengths
(sorting the seeds), so a 1 MB article costs a second, not an hour.

Quotations are handled a second time on their own: a quoted phrase carried by both articles is
reuse evidence even when it is short ("relentless and indiscriminate"), and a quote reworded or
truncated between the two is exactly what the variants step wants to see.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import numpy as np

from newstrace.errors import an_article
from newstrace.model import Article, ReuseKind, SharedPassage
from newstrace.reuse.text import (
    I64,
    U64,
    QuoteSpan,
    Tokens,
    is_boilerplate,
    quote_spans,
    shingles,
    tokenize,
)

#: shortest passage reported (characters, in each text), quotations aside
MIN_CHARS = 50
#: a quotation shared by both articles is reported from this many characters / words
QUOTE_MIN_CHARS = 15
QUOTE_MIN_TOKENS = 3
#: seed length in words
SEED_K = 3
#: seeds occurring more often than this in either text are too common to anchor anything
SEED_CAP = 8
#: largest gap (words, in each text) bridged inside one passage
MAX_GAP = 8
#: words a block may overlap the chain it extends (repeated words at the seam)
MAX_OVERLAP = 2
#: weakest passage kept: 2 * matched words / (words in a + words in b)
MIN_SCORE = 0.5
#: score from which a passage with edits counts as ``near_verbatim`` rather than ``paraphrase``
NEAR_SCORE = 0.75


@dataclass(frozen=True)
class SeedIndex:
    """An article's word 3-grams sorted once: unique hashes, where each run starts, how long it is."""

    uniq: U64
    first: I64
    count: I64
    order: I64


@dataclass(frozen=True)
class Prepared:
    """An article's text with its tokens, seed index and quotations, computed once per article."""

    id: str
    text: str
    tokens: Tokens
    quotes: list[QuoteSpan]
    seeds: SeedIndex
    #: per quotation: first token, end token, token ids (for the quote matcher)
    quote_tokens: list[tuple[int, int, tuple[int, ...]]]


def _seed_index(tokens: Tokens) -> SeedIndex:
    h = shingles(tokens.ids, SEED_K)
    order = np.argsort(h, kind="stable").astype(np.int64)
    sh = h[order]
    if sh.shape[0] == 0:
        z = np.zeros(0, dtype=np.int64)
        return SeedIndex(sh, z, z, order)
    brk = np.flatnonzero(np.concatenate(([True], sh[1:] != sh[:-1])))
    count = np.diff(np.append(brk, sh.shape[0])).astype(np.int64)
    return SeedIndex(sh[brk], brk.astype(np.int64), count, order)


def prepare(article: Article) -> Prepared:
    tokens = tokenize(article.text)
    quotes = quote_spans(article.text)
    # the token range of every quotation, looked up for all of them at once
    qt: list[tuple[int, int, tuple[int, ...]]] = []
    if quotes:
        los = np.searchsorted(tokens.starts, [q.start for q in quotes], "left").tolist()
        his = np.searchsorted(tokens.ends, [q.end for q in quotes], "right").tolist()
        qt = [(lo, hi, tuple(tokens.ids[lo:hi].tolist())) for lo, hi in zip(los, his, strict=True)]
    return Prepared(article.id, article.text, tokens, quotes, _seed_index(tokens), qt)


#: text pairs whose alignment a ``PrepareCache`` keeps (``PrepareCache.align``), and the most
#: characters of passage text they hold (a whole copy's passage holds its text twice: 512 copies of
#: a 1 MB page would otherwise keep a gigabyte)
ALIGNED_MAX = 512
ALIGNED_CHARS = 8_000_000


class AlignedTexts:
    """The last alignments, by their two texts, so a pair of texts is aligned once whatever number
    of article pairs carry it.

    Wire copy (one agency text run word for word by tens of outlets) makes every copy a candidate
    of every earlier one, and ``align_prepared`` reads only the texts (the ids only to refuse a pair
    of one article): each ordered pair of texts is aligned once and every pair of articles with
    those texts gets the same passages. Memory is bounded by ``size`` alignments of ``ALIGNED_CHARS``
    characters of passage text in all. ``params`` are ``align_prepared``'s.

    A text's copies among themselves are aligned too, once, and not assumed to share their whole
    text as one passage: a text aligned with itself is that on 2,073 of 2,081 real texts (FA-KES dev
    split, FNC-1 bodies, the seeds), not on one repeating a quoted title (FNC-1 body 381: 18
    passages), one repeating a line (two passages around it), two whose passage leaves out a few
    words at an end, a 27,000-character one ("near_verbatim": its chain has a seam) nor three of
    under 50 characters or without words (no passage).
    """

    def __init__(self, size: int = ALIGNED_MAX, **params: Any) -> None:
        self.size = size
        self.params = params
        self._kept: OrderedDict[tuple[str, str], list[SharedPassage]] = OrderedDict()
        self._chars = 0

    def align(self, pa: Prepared, pb: Prepared) -> list[SharedPassage]:
        """``align_prepared(pa, pb, **params)``, from the alignment of the same two texts when one
        is kept. The order counts (``a``'s text first: the chaining follows it). Each call returns
        passages of its own, which a caller may change."""
        if pa.id == pb.id:
            return []
        key = (pa.text, pb.text)
        done = self._kept.get(key)
        if done is None:
            done = align_prepared(pa, pb, **self.params)
            chars = _chars(done)
            if chars <= ALIGNED_CHARS:
                self._kept[key] = done
                self._chars += chars
            while len(self._kept) > self.size or self._chars > ALIGNED_CHARS:
                self._chars -= _chars(self._kept.popitem(last=False)[1])
        else:
            self._kept.move_to_end(key)
        return copy_passages(done)


class PrepareCache:
    """The last ``size`` prepared articles, by id, so an article paired many times is prepared once,
    and the last alignments by the two texts (``AlignedTexts``), so a pair of texts is aligned once.

    ``prepare`` is most of the cost of aligning a candidate pair (tokens, quotations, seed index of
    both texts), and an article meets tens of candidates, so the engines keep one of these per run
    (local) or per partition (Spark). An entry counts only while its text is the article's text, so
    a changed article is prepared again; memory is bounded by ``size`` articles and
    ``ALIGNED_MAX`` alignments of ``ALIGNED_CHARS`` characters in all.
    """

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._items: OrderedDict[str, Prepared] = OrderedDict()
        self.aligned = AlignedTexts(min(size, ALIGNED_MAX))

    def __len__(self) -> int:
        return len(self._items)

    def get(self, article: Article) -> Prepared:
        p = self._items.get(article.id)
        if p is not None and p.text == article.text:
            self._items.move_to_end(article.id)
            return p
        p = prepare(article)
        self._items[article.id] = p
        self._items.move_to_end(article.id)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return p

    def align(self, pa: Prepared, pb: Prepared) -> list[SharedPassage]:
        """``align_prepared(pa, pb)`` (default parameters), once per pair of texts (``AlignedTexts``)."""
        return self.aligned.align(pa, pb)


def _chars(passages: list[SharedPassage]) -> int:
    return sum(len(p.a_text) + len(p.b_text) for p in passages)


def copy_passages(passages: list[SharedPassage]) -> list[SharedPassage]:
    """New passages equal to ``passages`` (their edit operations new lists too): the passages of
    one alignment given to several article pairs, none sharing an object another may change."""
    return [
        SharedPassage(
            p.a_start, p.a_end, p.b_start, p.b_end, p.kind, p.score, p.a_text, p.b_text, [list(o) for o in p.ops]
        )
        for p in passages
    ]


@dataclass
class _Chain:
    a0: int
    a1: int
    b0: int
    b1: int
    blocks: list[tuple[int, int, int]]


def _seeds(sa: SeedIndex, sb: SeedIndex, cap: int) -> tuple[I64, I64]:
    """All ``(i, j)`` where 3-gram ``i`` of a equals 3-gram ``j`` of b, for 3-grams occurring at
    most ``cap`` times in each text."""
    empty = np.zeros(0, dtype=np.int64)
    if sa.uniq.shape[0] == 0 or sb.uniq.shape[0] == 0:
        return empty, empty
    pos = np.searchsorted(sa.uniq, sb.uniq)
    pos[pos >= sa.uniq.shape[0]] = 0
    hit = sa.uniq[pos] == sb.uniq
    xa = pos[hit]
    xb = np.flatnonzero(hit)
    ca, cb = sa.count[xa], sb.count[xb]
    keep = (ca <= cap) & (cb <= cap)
    xa, xb, ca, cb = xa[keep], xb[keep], ca[keep], cb[keep]
    if xa.shape[0] == 0:
        return empty, empty
    la, lb = sa.first[xa], sb.first[xb]
    if int(ca.max()) == 1 and int(cb.max()) == 1:
        return sa.order[la], sb.order[lb]
    reps = ca * cb
    total = int(reps.sum())
    g = np.repeat(np.arange(reps.shape[0]), reps)
    within = np.arange(total) - np.repeat(np.cumsum(reps) - reps, reps)
    return sa.order[la[g] + within // cb[g]], sb.order[lb[g] + within % cb[g]]


def _blocks(ia: I64, jb: I64, k: int) -> list[tuple[int, int, int]]:
    """Exact matching blocks ``(i, j, length)`` in words: runs of touching seeds on one diagonal."""
    if ia.shape[0] == 0:
        return []
    d = jb - ia
    order = np.lexsort((ia, d))
    ia, d = ia[order], d[order]
    brk = np.ones(ia.shape[0], dtype=bool)
    brk[1:] = (d[1:] != d[:-1]) | (ia[1:] != ia[:-1] + 1)
    starts = np.flatnonzero(brk)
    ends = np.append(starts[1:], ia.shape[0]) - 1
    i0 = ia[starts]
    length = ia[ends] - i0 + k
    j0 = i0 + d[starts]
    order2 = np.lexsort((j0, i0))
    return [(int(i0[x]), int(j0[x]), int(length[x])) for x in order2]


def _chain(blocks: list[tuple[int, int, int]], gap: int) -> list[_Chain]:
    """Greedy chaining in text order of ``a``: attach each block to the open chain it continues best."""
    chains: list[_Chain] = []
    open_: list[_Chain] = []
    for i, j, length in blocks:
        open_ = [c for c in open_ if c.a1 + gap >= i]
        best: _Chain | None = None
        best_cost = 0
        best_delta = 0
        for c in open_:
            ga = i - c.a1
            gb = j - c.b1
            if ga > gap or gb > gap:
                continue
            delta = max(0, -ga, -gb)
            # a block that overlaps the chain by more than a repeated word or two belongs elsewhere
            if delta > MAX_OVERLAP or delta >= length or i + delta < c.a0 or j + delta < c.b0:
                continue
            cost = max(ga, 0) + max(gb, 0) + abs(ga - gb)
            if best is None or cost < best_cost:
                best, best_cost, best_delta = c, cost, delta
        if best is not None:
            ni, nj, nl = i + best_delta, j + best_delta, length - best_delta
            best.blocks.append((ni, nj, nl))
            best.a1 = max(best.a1, ni + nl)
            best.b1 = max(best.b1, nj + nl)
        else:
            c = _Chain(i, i + length, j, j + length, [(i, j, length)])
            chains.append(c)
            open_.append(c)
    return chains


def _ops(
    blocks: list[tuple[int, int, int]], ta: Tokens, tb: Tokens
) -> tuple[list[list[object]], int]:
    """Edit operations between consecutive blocks (absolute character offsets) and matched words."""
    ops: list[list[object]] = []
    matched = 0
    prev: tuple[int, int, int] | None = None
    for blk in blocks:
        i, j, length = blk
        matched += length
        if prev is not None:
            pa = prev[0] + prev[2]
            pb = prev[1] + prev[2]
            if i > pa or j > pb:
                a_s = int(ta.starts[pa]) if i > pa else int(ta.ends[pa - 1])
                a_e = int(ta.ends[i - 1]) if i > pa else a_s
                b_s = int(tb.starts[pb]) if j > pb else int(tb.ends[pb - 1])
                b_e = int(tb.ends[j - 1]) if j > pb else b_s
                op = "replace" if i > pa and j > pb else ("delete" if i > pa else "insert")
                ops.append([op, a_s, a_e, b_s, b_e])
        prev = blk
    return ops, matched


def _kind(matched: int, na: int, nb: int) -> tuple[ReuseKind, float]:
    score = 2.0 * matched / max(1, na + nb)
    if matched == na == nb:
        return "verbatim", 1.0
    return ("near_verbatim" if score >= NEAR_SCORE else "paraphrase"), score


def _passage(
    pa: Prepared,
    pb: Prepared,
    a0: int,
    a1: int,
    b0: int,
    b1: int,
    blocks: list[tuple[int, int, int]],
) -> SharedPassage:
    ta, tb = pa.tokens, pb.tokens
    ops, matched = _ops(blocks, ta, tb)
    kind, score = _kind(matched, a1 - a0, b1 - b0)
    a_s, a_e = int(ta.starts[a0]), int(ta.ends[a1 - 1])
    b_s, b_e = int(tb.starts[b0]), int(tb.ends[b1 - 1])
    return SharedPassage(
        a_s, a_e, b_s, b_e, kind, round(score, 4), pa.text[a_s:a_e], pb.text[b_s:b_e], ops
    )


def _find_sub(hay: list[int], needle: list[int]) -> int:
    """First index of ``needle`` as a contiguous run in ``hay`` (or -1)."""
    n = len(needle)
    first = needle[0]
    for x in range(len(hay) - n + 1):
        if hay[x] == first and hay[x : x + n] == needle:
            return x
    return -1


def _quote_passages(pa: Prepared, pb: Prepared) -> list[SharedPassage]:
    """Quotations both articles carry: identical, truncated in one, or reworded a little."""
    out: list[SharedPassage] = []
    qbs = [q for q in pb.quote_tokens if q[1] - q[0] >= QUOTE_MIN_TOKENS]
    if not qbs:
        return out
    exact: dict[tuple[int, ...], list[tuple[int, int]]] = {}
    for blo, bhi, bid in qbs:
        exact.setdefault(bid, []).append((blo, bhi))
    bsets = [set(q[2]) for q in qbs]
    for alo, ahi, aid in pa.quote_tokens:
        if ahi - alo < QUOTE_MIN_TOKENS:
            continue
        same = exact.get(aid)
        if same:
            for blo, bhi in same:
                out.append(_passage(pa, pb, alo, ahi, blo, bhi, [(alo, blo, ahi - alo)]))
            continue
        aset = set(aid)
        for (blo, bhi, bid), bset in zip(qbs, bsets, strict=True):
            inter = len(aset & bset)
            if inter < QUOTE_MIN_TOKENS:
                continue
            if inter == len(aset) and len(aid) < len(bid):
                x = _find_sub(list(bid), list(aid))
                if x >= 0:
                    n = len(aid)
                    out.append(
                        _passage(pa, pb, alo, ahi, blo + x, blo + x + n, [(alo, blo + x, n)])
                    )
                    continue
            if inter == len(bset) and len(bid) < len(aid):
                x = _find_sub(list(aid), list(bid))
                if x >= 0:
                    n = len(bid)
                    out.append(
                        _passage(pa, pb, alo + x, alo + x + n, blo, bhi, [(alo + x, blo, n)])
                    )
                    continue
            if 2 * inter < 0.7 * (len(aset) + len(bset)):
                continue
            # difflib, not an LCS alignment (rapidfuzz's opcodes): the passage starts and ends on
            # difflib's longest shared runs, where an LCS also pairs a stray "I" or "that" outside
            # them and widens the passage over words only one quote has (benchmarks/README.md)
            sm = SequenceMatcher(None, aid, bid, autojunk=False)
            if sm.ratio() < NEAR_SCORE:
                continue
            blocks = [(alo + m.a, blo + m.b, m.size) for m in sm.get_matching_blocks() if m.size]
            if not blocks:
                continue
            a0, b0 = blocks[0][0], blocks[0][1]
            a1 = blocks[-1][0] + blocks[-1][2]
            b1 = blocks[-1][1] + blocks[-1][2]
            out.append(_passage(pa, pb, a0, a1, b0, b1, blocks))
    return [p for p in out if min(p.a_end - p.a_start, p.b_end - p.b_start) >= QUOTE_MIN_CHARS]


def _dedupe(passages: list[SharedPassage]) -> list[SharedPassage]:
    """Drop passages lying inside another one in both texts; sort by position in ``a`` then ``b``."""
    ps = sorted(passages, key=lambda p: (-(p.a_end - p.a_start), p.a_start, p.b_start))
    kept: list[SharedPassage] = []
    for p in ps:
        if any(
            q.a_start <= p.a_start
            and p.a_end <= q.a_end
            and q.b_start <= p.b_start
            and p.b_end <= q.b_end
            for q in kept
        ):
            continue
        kept.append(p)
    kept.sort(key=lambda p: (p.a_start, p.b_start, p.a_end, p.b_end))
    return kept


def align_prepared(
    pa: Prepared,
    pb: Prepared,
    *,
    min_chars: int = MIN_CHARS,
    gap: int = MAX_GAP,
    min_score: float = MIN_SCORE,
    quotes: bool = True,
) -> list[SharedPassage]:
    """``align_pair`` on prepared articles (the engines prepare each article once)."""
    if pa.id == pb.id:
        return []
    ta, tb = pa.tokens, pb.tokens
    ia, jb = _seeds(pa.seeds, pb.seeds, SEED_CAP)
    passages: list[SharedPassage] = []
    for c in _chain(_blocks(ia, jb, SEED_K), gap):
        a_chars = int(ta.ends[c.a1 - 1] - ta.starts[c.a0])
        b_chars = int(tb.ends[c.b1 - 1] - tb.starts[c.b0])
        if min(a_chars, b_chars) < min_chars:
            continue
        p = _passage(pa, pb, c.a0, c.a1, c.b0, c.b1, c.blocks)
        if p.score < min_score or is_boilerplate(ta.ids[c.a0 : c.a1]):
            continue
        passages.append(p)
    if quotes:
        passages.extend(_quote_passages(pa, pb))
    return _dedupe(passages)


def align_pair(
    a: Article,
    b: Article,
    *,
    min_chars: int = MIN_CHARS,
    gap: int = MAX_GAP,
    min_score: float = MIN_SCORE,
    quotes: bool = True,
) -> list[SharedPassage]:
    """Every passage ``a`` and ``b`` share, with offsets into both texts; pure and deterministic.

    An article paired with itself (same id) shares nothing with itself by definition: ``[]``.
    """
    an_article(a, "align_pair: a"), an_article(b, "align_pair: b")
    return align_prepared(
        prepare(a), prepare(b), min_chars=min_chars, gap=gap, min_score=min_score, quotes=quotes
    )


def merge_passages(
    passages: list[SharedPassage], a_text: str, b_text: str, *, gap: int = 60
) -> list[SharedPassage]:
    """Join passages lying within ``gap`` characters of each other in *both* texts, in any order.

    A rewrite that reorders sentences inside a paragraph comes out of ``align_pair`` as several
    passages; a caller that wants one region per reused block (PAN-style detections, a report that
    shows "this paragraph was taken") merges them here. Gaps between members are counted as edits.
    """
    groups: list[list[SharedPassage]] = [
        [p] for p in sorted(passages, key=lambda p: (p.a_start, p.b_start))
    ]
    boxes: list[list[int]] = [[g[0].a_start, g[0].a_end, g[0].b_start, g[0].b_end] for g in groups]
    changed = True
    while changed:  # merging two boxes can bring a third within reach: repeat until stable
        changed = False
        for x in range(len(boxes)):
            for y in range(x + 1, len(boxes)):
                bx, by = boxes[x], boxes[y]
                if (
                    by[0] <= bx[1] + gap
                    and bx[0] <= by[1] + gap
                    and by[2] <= bx[3] + gap
                    and bx[2] <= by[3] + gap
                ):
                    boxes[x] = [
                        min(bx[0], by[0]),
                        max(bx[1], by[1]),
                        min(bx[2], by[2]),
                        max(bx[3], by[3]),
                    ]
                    groups[x].extend(groups[y])
                    del boxes[y], groups[y]
                    changed = True
                    break
            if changed:
                break
    out: list[SharedPassage] = []
    for box, members in zip(boxes, groups, strict=True):
        if len(members) == 1:
            out.append(members[0])
            continue
        covered = sum((m.a_end - m.a_start) + (m.b_end - m.b_start) for m in members)
        span = (box[1] - box[0]) + (box[3] - box[2])
        score = min(1.0, covered / max(1, span)) * (
            sum(m.score * (m.a_end - m.a_start) for m in members)
            / max(1, sum(m.a_end - m.a_start for m in members))
        )
        kind: ReuseKind = "near_verbatim" if score >= NEAR_SCORE else "paraphrase"
        ops = [op for m in members for op in m.ops]
        out.append(
            SharedPassage(
                box[0],
                box[1],
                box[2],
                box[3],
                kind,
                round(score, 4),
                a_text[box[0] : box[1]],
                b_text[box[2] : box[3]],
                ops,
            )
        )
    return _dedupe(out)
