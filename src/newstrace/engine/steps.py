"""The pure step functions both engines run: one article -> records, one pair -> records.

The local engine calls them in a loop over SQLite batches, the Spark engine inside
``mapPartitions``; nothing here touches a database, a file or global state beyond the cached
models, so the same input gives the same records whichever engine runs them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from newstrace.corpus.features import ArticleFeatures, article_features, days
from newstrace.corpus.stories import reuse_strength
from newstrace.errors import Warn, survive_bug
from newstrace.model import (
    STEPS,
    Article,
    ArticleClaims,
    ArticlePair,
    ProvenanceEdge,
    published_iso,
    published_order,
    stream_order_key,
)

if TYPE_CHECKING:
    from newstrace.reuse.align import PrepareCache
    from newstrace.reuse.text import QuoteSpan

#: warnings a corpus run names of each kind; the rest are counted (a run over millions of
#: articles would otherwise print millions of lines)
WARN_EXAMPLES = 5


@dataclass
class ArticleRecord:
    """What the per-article step yields: clustering features, reuse keys, claims (each ``None``
    or empty when its step is not run: a claims refresh computes no features)."""

    id: str
    features: ArticleFeatures | None
    keys: list[str]
    claims: ArticleClaims | None
    #: what the steps could not do for this article (claims rules that failed, a parse budget hit)
    warnings: list[str] = field(default_factory=list)

    @property
    def story_features(self) -> ArticleFeatures:
        """The features the clusterer places the article by (only when the stories step ran)."""
        if self.features is None:
            raise ValueError(f"article {self.id}: the stories step did not run, no clustering features")
        return self.features


def order_key(article: Article) -> tuple[bool, str, str]:
    """An article's place in the stream (publication instant, undated last, then id): by
    ``published_order``, so that dates with other UTC offsets sort by when they happened."""
    return stream_order_key(published_order(article.published), article.id)


def article_steps(
    articles: Iterable[Article],
    steps: Sequence[str] = STEPS,
    semantic: bool = False,
    claims_kept: Collection[str] = frozenset(),
) -> Iterator[ArticleRecord]:
    """Records of each article, in input order; claims are parsed in batches (``nlp.pipe``).

    ``semantic`` adds each article's sentence embedding to its clustering features (extra
    ``semantic``; only when the ``stories`` step runs, the one that reads them). The embedding
    module is imported only then, so default runs never load it. Articles in ``claims_kept`` have
    current claims stored (``results.claims_current``): theirs are not extracted (``claims`` None).
    """
    arts = list(articles)
    embs: list[list[float]] | None = None
    said: list[str] = []  # warnings of the claims step, handed to the record being yielded
    if semantic and "stories" in steps:
        from newstrace.corpus.semantic import embed_articles

        embs = embed_articles(arts)
    claims: Iterator[ArticleClaims] | None = None
    if "claims" in steps:
        from newstrace.claims import extract_many

        claims = extract_many([a for a in arts if a.id not in claims_kept], warn=said.append)
    keys_fn = None
    if "reuse" in steps:
        from newstrace.reuse import candidate_keys

        keys_fn = candidate_keys
    for i, a in enumerate(arts):
        feats = None
        if "stories" in steps:
            feats = survive_bug(
                said.append, a.id, "clustering features could not be computed", "it starts a story of its own",
                partial(article_features, a), partial(_no_features, a),
            )
        if feats is not None and embs is not None:
            feats.emb = embs[i]
        keys: list[str] = []
        if keys_fn is not None:
            keys = survive_bug(
                said.append, a.id, "reuse keys could not be computed", "it is compared with no other article",
                partial(keys_fn, a), list,
            )
        yield ArticleRecord(
            id=a.id,
            features=feats,
            keys=keys,
            claims=next(claims) if claims is not None and a.id not in claims_kept else None,
            warnings=said[:],
        )
        said.clear()


def _no_features(a: Article) -> ArticleFeatures:
    """Features that match no other article (only its time and outlet are known)."""
    return ArticleFeatures(id=a.id, outlet=a.outlet, published=published_iso(a.published), t=days(a.published))


def pair_step(x: Article, y: Article, cache: PrepareCache | None = None) -> ArticlePair | None:
    """Shared passages of two candidate articles, earlier one (stream order) as ``a``; None if none.

    ``cache`` keeps prepared articles and alignments between calls (an article meets many
    candidates; copies of one text, many pairs of the same two texts: ``PrepareCache.align``); the
    result is the same with or without it.
    """
    from newstrace.reuse.align import PrepareCache

    a, b = (x, y) if order_key(x) <= order_key(y) else (y, x)
    if a.id == b.id:
        return None
    c = cache if cache is not None else PrepareCache(2)
    shared = c.align(c.get(a), c.get(b))
    return ArticlePair(a.id, b.id, shared) if shared else None


@dataclass
class PairRecord:
    """A reuse pair with the evidence the clusterer weighs."""

    pair: ArticlePair
    chars: int
    quoted: int
    #: characters of the shorter of the two texts (a pair whose shared passages cover most of it
    #: is one text copied: ``stories.reuse_strength``)
    shorter: int = 0

    @property
    def strength(self) -> float:
        return reuse_strength(self.quoted, self.chars, self.shorter)


def _quoted(spans: Sequence[QuoteSpan], ranges: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(e, q.end) - max(s, q.start)) for s, e in ranges for q in spans)


def pair_record(x: Article, y: Article, cache: PrepareCache | None = None, warn: Warn | None = None) -> PairRecord | None:
    """``pair_step`` plus shared and quoted character counts (quoted in both articles).

    Copied quotations are what ties a rewrite to its source story; shared background paragraphs
    and agency templates recur across different events (on FA-KES, 98 % of reuse pairs without a
    shared quotation join different events), so only quoted reuse feeds the story score, or a
    pair whose shared passages are most of the shorter text (a whole copy). With
    ``warn`` (a corpus run), a pair the alignment fails on is said and shares nothing.
    """
    return survive_bug(
        warn, f"{x.id} and {y.id}", "the pair could not be aligned", "they share no passage",
        lambda: _pair_record(x, y, cache), lambda: None,
    )


def _pair_record(x: Article, y: Article, cache: PrepareCache | None) -> PairRecord | None:
    from newstrace.reuse.align import PrepareCache

    c = cache if cache is not None else PrepareCache(2)
    pair = pair_step(x, y, c)
    if pair is None:
        return None
    a, b = (x, y) if x.id == pair.a else (y, x)
    chars = sum(min(s.a_end - s.a_start, s.b_end - s.b_start) for s in pair.shared)
    qa = _quoted(c.get(a).quotes, [(s.a_start, s.a_end) for s in pair.shared])
    qb = _quoted(c.get(b).quotes, [(s.b_start, s.b_end) for s in pair.shared])
    return PairRecord(pair, chars, min(qa, qb), _copy_length(a, b, c))


def _copy_length(a: Article, b: Article, c: PrepareCache) -> int:
    """The shorter text's characters, which a whole copy's shared passages nearly cover
    (``stories.reuse_strength``); 0 for two texts of one named outlet, whose copy of its own text
    under another date is no other outlet's repost (FA-KES's rows that file one page's text under
    two dates and two events, ``benchmarks/README.md``, "A whole copy days later")."""
    if a.outlet and b.outlet and a.outlet.casefold() == b.outlet.casefold():
        return 0
    return min(len(c.get(a).text), len(c.get(b).text))


def ranked_pairs(holders: Sequence[tuple[tuple[bool, str, str], str]], max_df: int) -> Iterator[tuple[str, str]]:
    """Candidate pairs of one key group: the article at rank ``r`` pairs with the ``r`` before it
    only while ``r < max_df`` (a key that many earlier articles hold is a stock phrase).

    This is the local engine's incremental rule (``store.results.key_partners``) stated for a whole
    group at once, so the Spark engine forms exactly the same pairs.
    """
    ranked = sorted(holders)
    for r, (_, art) in enumerate(ranked):
        if r >= max_df:
            break
        for _, earlier in ranked[:r]:
            if earlier != art:
                yield (earlier, art)


def story_provenance(
    articles: Sequence[Article],
    pairs: Sequence[ArticlePair],
    cache: PrepareCache | None = None,
    warn: Warn | None = None,
    story: str = "",
) -> list[ProvenanceEdge]:
    """Provenance edges inside one story: quote variants first, then direction per pair. With
    ``warn`` (a corpus run), a story whose provenance fails is said and has no edges."""
    return survive_bug(
        warn, f"story {story}", "provenance could not be inferred", "it has no provenance edges",
        lambda: _story_provenance(articles, pairs, cache), list,
    )


def _story_provenance(
    articles: Sequence[Article], pairs: Sequence[ArticlePair], cache: PrepareCache | None
) -> list[ProvenanceEdge]:
    from newstrace.reuse import group_variants, infer_provenance
    from newstrace.reuse.align import prepare

    if not pairs:
        return []
    arts = sorted(articles, key=order_key)
    prepared = [cache.get(a) if cache is not None else prepare(a) for a in arts]
    index = {a.id: i for i, a in enumerate(arts)}
    variants = group_variants(prepared, index, list(pairs))
    return infer_provenance(arts, list(pairs), variants)
