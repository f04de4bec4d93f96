"""The claims stage: one article in, its quotes and quantities out (pure and deterministic).

Plan (cheap, rule-based): find quote marks and the candidate sentences worth parsing. Parse the
candidates with the one shared spaCy pipeline (``nlp.pipe``, named-entity recogniser and
lemmatizer off: the rules need neither, and they cost half the time). Finish (rules over the
parse): attributions, speakers, quantities.

A per-article time limit (``LIMITS.extract_seconds_per_article``) bounds the parse: when an
article runs over, its remaining sentences are not parsed and the caller is warned; quote-mark
quotes are still reported, without speakers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newstrace.claims.marks import MarkedQuote, find_marked_quotes
from newstrace.claims.quantities import find_quantities
from newstrace.claims.quotes import Sentence, attribute, resolve_speakers
from newstrace.claims.segment import Segment, plan_segments
from newstrace.limits import LIMITS
from newstrace.model import Article, ArticleClaims, Quote
from newstrace.nlp import get_nlp

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: pipeline components the claims rules do not use
DISABLE = ("lemmatizer", "ner")

Warn = Callable[[str], None]


@dataclass
class _Plan:
    article: Article
    quotes: list[MarkedQuote]
    segments: list[Segment]


def _plan(article: Article) -> _Plan:
    text = article.text
    return _Plan(article, find_marked_quotes(text), plan_segments(text))


def _finish(plan: _Plan, docs: list[tuple[Segment, Doc]]) -> ArticleClaims:
    text = plan.article.text
    sents: list[Sentence] = []
    for seg, doc in docs:
        for s in doc.sents:
            sents.append(Sentence(s, seg.start))
    records = resolve_speakers(attribute(text, sents, plan.quotes))
    quotes: list[Quote] = []
    for rec, name in records:
        m = rec.mention
        quotes.append(Quote(
            start=rec.start, end=rec.end, text=text[rec.start:rec.end], speaker=name,
            speaker_start=m.start if m else None, speaker_end=m.end if m else None,
            cue=rec.cue, direct=rec.direct,
        ))
    # quote-mark quotes in sentences that were not parsed (time limit) are still reported
    seen = {(q.start, q.end) for q in quotes}
    parsed = [(s.start, s.end) for s in sents]
    for mq in plan.quotes:
        unparsed = (mq.start, mq.end) not in seen and not any(a <= mq.start < b for a, b in parsed)
        if unparsed and len(text[mq.start:mq.end].split()) >= 4:
            quotes.append(Quote(mq.start, mq.end, text[mq.start:mq.end], direct=True))
    quotes.sort(key=lambda q: (q.start, q.end, not q.direct))
    spans = [(q.start, q.end, q.speaker) for q in quotes]
    quantities = find_quantities(text, sents, spans, plan.article.published)
    quantities.sort(key=lambda q: (q.start, q.end))
    return ArticleClaims(article=plan.article.id, quotes=quotes, quantities=quantities)


def _parse(nlp: Language, plan: _Plan, batch_size: int, warn: Warn | None) -> list[tuple[Segment, Doc]]:
    text = plan.article.text
    limit = LIMITS.extract_seconds_per_article
    started = time.monotonic()
    out: list[tuple[Segment, Doc]] = []
    segs = plan.segments
    for seg, doc in zip(segs, nlp.pipe((text[s.start:s.end] for s in segs), batch_size=batch_size), strict=False):
        out.append((seg, doc))
        if time.monotonic() - started > limit and len(out) < len(segs):
            if warn is not None:
                warn(f"{plan.article.id}: claims extraction hit the {limit:g}s limit; "
                     f"{len(segs) - len(out)} of {len(segs)} passages left unparsed")
            break
    return out


def extract_many(
    articles: Iterable[Article], *, batch_size: int = 32, warn: Warn | None = None
) -> Iterator[ArticleClaims]:
    """Claims of each article, in input order; parses candidate sentences with ``nlp.pipe``."""
    nlp = get_nlp(DISABLE)
    for article in articles:
        plan = _plan(article)
        docs = _parse(nlp, plan, batch_size, warn) if plan.segments else []
        yield _finish(plan, docs)


def extract_claims(article: Article) -> ArticleClaims:
    """Quotes, attributions and quantities of one article (pure and deterministic)."""
    return next(extract_many([article]))
