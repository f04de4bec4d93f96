"""The claims stage: one article in, its quotes and quantities out (pure and deterministic).

Plan (cheap, rule-based): find quote marks and the candidate sentences worth parsing. Parse the
candidates with the one shared spaCy pipeline (``nlp.pipe``; named-entity recogniser, lemmatizer
and attribute ruler off: the rules need none of them, and together they cost over half the time). Finish (rules over the
parse): attributions, speakers, quantities.

A per-article time limit (``LIMITS.extract_seconds_per_article``) bounds the parse: when an
article runs over, its remaining passages are not parsed and the caller is warned; quote-mark
quotes there are still reported, without speakers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Literal

from newstrace.claims.marks import MarkedQuote, find_marked_quotes
from newstrace.claims.quantities import find_quantities
from newstrace.claims.quotes import Sentence, attribute, resolve_speakers
from newstrace.claims.segment import Segment, plan_segments
from newstrace.errors import Warn, an_article, articles_of, survive_bug
from newstrace.limits import LIMITS
from newstrace.model import Article, ArticleClaims, Quote
from newstrace.nlp import get_nlp

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: pipeline components the claims rules do not use
DISABLE = ("lemmatizer", "ner", "attribute_ruler")

@dataclass
class _Plan:
    article: Article
    quotes: list[MarkedQuote]
    segments: list[Segment]
    broad: bool = False


def _plan(article: Article, broad: bool = False) -> _Plan:
    text = article.text
    return _Plan(article, find_marked_quotes(text), plan_segments(text, every_sentence=broad, title=article.title), broad)


def _finish(plan: _Plan, docs: list[tuple[Segment, Doc]]) -> ArticleClaims:
    text = plan.article.text
    sents: list[Sentence] = []
    for seg, doc in docs:
        for s in doc.sents:
            sents.append(Sentence(s, seg.start))
    records = resolve_speakers(attribute(text, sents, plan.quotes, broad=plan.broad), text, plan.article.title or "")
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


_GLUED = re.compile(r"(?<=\S)[,:;](?=[“\"‘])|[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def parse_view(passage: str) -> str:
    """The passage as the parser should see it, character for character (offsets are unchanged).

    'said,“Look' is one token to spaCy's tokenizer and a no-break space becomes a token of its
    own; both wreck the parse around a quote, so punctuation glued to an opening quote mark and
    exotic spaces are replaced by plain spaces. A dateline, which would parse as the sentence's
    subject, is no part of any passage (``segment.DATELINE``).
    """
    return _GLUED.sub(" ", passage)


#: Characters per second the small English parser handles on one slow core; the per-article time
#: limit is turned into a character budget with it.
PARSE_CHARS_PER_SECOND = 10_000


class _Budget:
    """Per-article parse budget: segments beyond it are not handed to the parser.

    The budget counts characters sent to the parser, not wall-clock time: ``nlp.pipe`` parses
    batches that mix articles, so a clock would charge one article for its neighbours' parses and
    make the output depend on machine load. Characters bound the parse time just as well (the
    parser is linear in its input) and keep extraction deterministic.
    """

    def __init__(self, limit_seconds: float, warn: Warn | None) -> None:
        self.limit_seconds = limit_seconds
        self.max_chars = int(limit_seconds * PARSE_CHARS_PER_SECOND)
        self.warn = warn
        self.used: dict[int, int] = {}
        self.skipped: dict[int, int] = {}

    def allow(self, i: int, plan: _Plan, size: int) -> bool:
        used = self.used.get(i, 0) + size
        if used <= self.max_chars:
            self.used[i] = used
            return True
        if i not in self.skipped and self.warn is not None:
            self.warn(f"{plan.article.id}: claims extraction hit its {self.limit_seconds:g}s parse budget "
                      f"({self.max_chars:,} characters); the rest of the article is not parsed "
                      "(quotes without speakers, no counts there)")
        self.skipped[i] = self.skipped.get(i, 0) + 1
        return False


def extract_many(
    articles: Iterable[Article],
    *,
    batch_size: int = 32,
    warn: Warn | None = None,
    attributions: Literal["speech", "broad"] = "speech",
) -> Iterator[ArticleClaims]:
    """Claims of each article, in input order.

    ``attributions="speech"`` (the default) reports quotes and reported speech; ``"broad"`` adds
    every stance or act a person or body is the subject of ("Trump proposed barring ..."), as
    PolNeAR annotates attributions. Broad parses every sentence and is slower.

    Candidate passages of up to ``batch_size`` articles at a time go through one ``nlp.pipe``
    stream (parser batches of ``4 * batch_size`` passages, at least 64), so short articles share
    batches; the per-article time limit, turned into a character budget, is checked as passages are fed
    to the parser, which bounds a pathological article without making output depend on load.
    """
    it = articles_of(articles, "extract_many: articles")
    nlp = get_nlp(DISABLE)
    while True:
        chunk = list(islice(it, batch_size))
        if not chunk:
            return
        plans = [_plan(a, attributions == "broad") for a in chunk]
        budget = _Budget(LIMITS.extract_seconds_per_article, warn)

        def feed(plans: list[_Plan] = plans, budget: _Budget = budget) -> Iterator[tuple[str, tuple[int, Segment]]]:
            for i, plan in enumerate(plans):
                text = plan.article.text
                for seg in plan.segments:
                    if not budget.allow(i, plan, seg.end - seg.start):
                        break
                    yield parse_view(text[seg.start:seg.end]), (i, seg)

        docs: list[list[tuple[Segment, Doc]]] = [[] for _ in plans]
        for doc, (i, seg) in nlp.pipe(feed(), batch_size=max(64, 4 * batch_size), as_tuples=True):
            docs[i].append((seg, doc))
        for plan, parsed in zip(plans, docs, strict=True):
            yield _finish_or_warn(plan, parsed, warn)


def _finish_or_warn(plan: _Plan, parsed: list[tuple[Segment, Doc]], warn: Warn | None) -> ArticleClaims:
    """``_finish``, or, for a caller that takes warnings, no claims and a warning when the rules fail."""
    return survive_bug(
        warn, plan.article.id, "claims could not be extracted", "it has no quotes or counts",
        lambda: _finish(plan, parsed), lambda: ArticleClaims(plan.article.id),
    )


def extract_claims(article: Article) -> ArticleClaims:
    """Quotes, attributions and quantities of one article (pure and deterministic)."""
    return next(extract_many([an_article(article, "extract_claims: article")]))
