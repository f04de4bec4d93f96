"""Pairing claims across articles: which sentence, quotation and count of B restates which of A.

Every cross-outlet finding starts from a *link*: two claims in two articles that report the same
thing. Links come from two kinds of evidence, both general:

* the reuse stage's aligned passages (a passage pair puts its sentences side by side), and
* lexical similarity of the claims' sentences (bag-of-stems cosine, widened to the neighbouring
  sentences so that "Scores were killed while hundreds were wounded" in the next sentence still
  counts as context of the statement it follows).

Quantities are then compared slot by slot (subject, event, place) and quotations are grouped by
wording and speaker; the finding rules in :mod:`newstrace.compare.findings` only read these links.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
from scipy import sparse

from newstrace.compare.text import (
    QUOTE_FOLD,
    Sentence,
    bag,
    content_stems,
    cosine,
    names,
    sentence_at,
    stem,
    words,
)
from newstrace.disjoint import DisjointSets
from newstrace.model import (
    Article,
    ArticleClaims,
    ArticlePair,
    Quantity,
    Quote,
    QuoteVariants,
    Span,
)
from newstrace.spans import overlap_length

#: event words folded into one class, so that "killed", "died" and "claimed the lives" compare equal
EVENT_CLASSES: dict[str, frozenset[str]] = {
    "killed": frozenset({"kill", "die", "dy", "dead", "death", "live", "fatality", "fatal", "murder", "slain", "slay", "victim", "perish", "massacre"}),
    "wounded": frozenset({"wound", "injur", "injury", "injure", "hurt", "maim"}),
    "displaced": frozenset({"displac", "flee", "fled", "refugee", "evacuat", "evacuate"}),
    "arrested": frozenset({"arrest", "detain", "detention", "custody", "jail", "imprison"}),
    "missing": frozenset({"missing", "abduct", "kidnap", "disappear"}),
}
#: subjects that say nothing about who was counted; compatible with any subject in the same context
GENERIC_SUBJECTS = frozenset({"people", "person", "other", "victim", "individual", "one", "resident", "case"})
_DIRECTIONS = {"east", "eastern", "west", "western", "north", "northern", "south", "southern"}
#: "the country" of a place, possessive or not ("the countrys north", "the country's east"); a
#: capitalised Country is a name ("the Basque Country")
_THE_COUNTRY = re.compile(r"\bcountry(?:['’]?s)?\b")
_EDIT_MARK = re.compile(r"\[[^\[\]\n]{1,40}\]|\.\.\.|…")


@dataclass
class View:
    """One article with what comparison needs precomputed: sentences and their bags of stems."""

    article: Article
    claims: ArticleClaims
    sents: list[Sentence]
    row0: int = 0  # first row of this article's sentences in the shared matrices

    def sentence_of(self, offset: int) -> Sentence | None:
        return sentence_at(self.sents, offset)

    def sentence_text(self, s: Sentence) -> str:
        return self.article.text[s.start : s.end]

    @cached_property
    def country(self) -> str | None:
        """The name of the country the article is about (``gazetteer.country``), or ``None``."""
        # deferred: only an article whose counts say "the country" pays for its places
        from newstrace.corpus.gazetteer import country, country_name

        code = country(self.article.text, self.article.title or "")
        return country_name(code) if code else None

    @cached_property
    def title_restated(self) -> frozenset[int]:
        """``restated_title_counts`` of this article, read once: ``quantity_links`` asks it of each pair
        the article is in, nine times for one of a story of ten."""
        return frozenset(restated_title_counts(self))

    def place(self, q: Quantity) -> str | None:
        """Where ``q`` happened as ``place_relation`` reads it: "the country" is the one the article is
        about ("the countrys north" in a report on Syria is Syria's north)."""
        if not q.place or not _THE_COUNTRY.search(q.place) or not self.country:
            return q.place
        return _THE_COUNTRY.sub(self.country, q.place)


class SentenceSpace:
    """All sentences of all articles as L2-normalised bag-of-stems rows, for fast pair cosines.

    ``window`` rows add each sentence's neighbours (previous and next) at half weight, so that
    context one sentence away still links; a sparse product per article pair keeps 50-article
    comparisons cheap.
    """

    def __init__(self, views: Sequence[View]) -> None:
        vocab: dict[str, int] = {}
        rows: list[Counter[str]] = []
        for v in views:
            v.row0 = len(rows)
            for s in v.sents:
                rows.append(bag(v.sentence_text(s)))
        self.sent = _matrix(rows, vocab)
        win_rows: list[Counter[str]] = []
        for v in views:
            local = rows[v.row0 : v.row0 + len(v.sents)]
            for i, c in enumerate(local):
                w: Counter[str] = Counter({k: 2 * n for k, n in c.items()})
                if i > 0:
                    w.update(local[i - 1])
                if i + 1 < len(local):
                    w.update(local[i + 1])
                win_rows.append(w)
        self.window = _matrix(win_rows, vocab)
        self._rows: dict[tuple[int, int], tuple[sparse.csr_matrix, sparse.csr_matrix]] = {}

    def rows(self, v: View) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """One article's (sentence, window) rows, sliced once, not once per pair it is in."""
        key = (v.row0, len(v.sents))
        if key not in self._rows:
            r = slice(v.row0, v.row0 + len(v.sents))
            self._rows[key] = (self.sent[r], self.window[r])
        return self._rows[key]

    def block(self, a: View, b: View) -> tuple[np.ndarray, np.ndarray]:
        """(sentence cosine, window cosine) matrices of shape (len(a.sents), len(b.sents))."""
        sa, wa = self.rows(a)
        sb, wb = self.rows(b)
        s = (sa @ sb.T).toarray()
        w = (wa @ wb.T).toarray()
        return s, w


def _matrix(rows: list[Counter[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    data: list[float] = []
    ind: list[int] = []
    ptr = [0]
    for c in rows:
        norm = float(np.sqrt(sum(v * v for v in c.values()))) or 1.0
        for k in sorted(c):
            ind.append(vocab.setdefault(k, len(vocab)))
            data.append(c[k] / norm)
        ptr.append(len(ind))
    return sparse.csr_matrix((data, ind, ptr), shape=(len(rows), max(len(vocab), 1)))


@dataclass
class PairLinks:
    """Sentence-level correspondence between two articles of one story."""

    a: View
    b: View
    sim: np.ndarray  # sentence cosine, shape (len(a.sents), len(b.sents))
    win: np.ndarray  # window cosine
    aligned: set[tuple[int, int]] = field(default_factory=set)  # sentence pairs inside one shared passage

    def context(self, ia: int, ib: int) -> float:
        """How surely sentence ``ia`` of A and ``ib`` of B report the same thing (0..1)."""
        if (ia, ib) in self.aligned:
            return 1.0
        return float(max(self.sim[ia, ib], 0.8 * self.win[ia, ib]))

    def strong(self, ia: int, ib: int) -> float:
        """Sentence-level evidence only (no neighbours): for claims whose *values* differ, the
        sentences themselves must restate each other."""
        if (ia, ib) in self.aligned:
            return 1.0
        return float(self.sim[ia, ib])

    def best_for_a(self, ia: int) -> float:
        if self.sim.shape[1] == 0:
            return 0.0
        aligned = any(p[0] == ia for p in self.aligned)
        return 1.0 if aligned else float(max(self.sim[ia].max(), 0.8 * self.win[ia].max()))

    def best_for_b(self, ib: int) -> float:
        if self.sim.shape[0] == 0:
            return 0.0
        aligned = any(p[1] == ib for p in self.aligned)
        return 1.0 if aligned else float(max(self.sim[:, ib].max(), 0.8 * self.win[:, ib].max()))


def link_pair(space: SentenceSpace, a: View, b: View, pair: ArticlePair | None) -> PairLinks:
    """Sentence links of two articles, with the reuse stage's aligned passages marked as certain."""
    sim, win = space.block(a, b)
    links = PairLinks(a, b, sim, win)
    if pair is None:
        return links
    flip = pair.a != a.article.id
    for p in pair.shared:
        a_start, a_end, b_start, b_end = (p.b_start, p.b_end, p.a_start, p.a_end) if flip else (p.a_start, p.a_end, p.b_start, p.b_end)
        sa = [s for s in a.sents if overlap_length(s.start, s.end, a_start, a_end) >= min(40, (s.end - s.start) // 2)]
        sb = [s for s in b.sents if overlap_length(s.start, s.end, b_start, b_end) >= min(40, (s.end - s.start) // 2)]
        # Within one passage, pair sentences in order of their relative position.
        for x in sa:
            for y in sb:
                if abs(_relpos(x, a_start, a_end) - _relpos(y, b_start, b_end)) < 0.5 or (len(sa) == 1 or len(sb) == 1):
                    links.aligned.add((x.index, y.index))
    return links




def _relpos(s: Sentence, start: int, end: int) -> float:
    mid = (max(s.start, start) + min(s.end, end)) / 2
    return (mid - start) / max(1, end - start)


# --- article-level similarity -----------------------------------------------------------------


@dataclass(frozen=True)
class StoryFeatures:
    """Per-article features for story similarity, computed once per article (not per pair)."""

    weights: Counter[str]  # sublinear term weights of content stems
    names: frozenset[str]
    chars: int


def story_features(a: Article) -> StoryFeatures:
    counts = Counter(content_stems(a.text))
    weights = Counter({k: 1 + float(np.log(v)) for k, v in counts.items()})
    return StoryFeatures(weights, frozenset(names(a.text[:20000])), len(a.text))


def story_similarity(a: Article | StoryFeatures, b: Article | StoryFeatures, shared_chars: int = 0) -> float:
    """How likely two articles report one story, 0..1: words, names and shared passages.

    Content-stem cosine with sublinear counts catches the topic; overlap of capitalised names
    (people, places, organisations, with acronyms) separates two stories on one topic; text the
    reuse stage aligned between them is direct evidence and can only raise the score.
    """
    fa = a if isinstance(a, StoryFeatures) else story_features(a)
    fb = b if isinstance(b, StoryFeatures) else story_features(b)
    cos = cosine(fa.weights, fb.weights)
    na, nb = fa.names, fb.names
    jac = len(na & nb) / max(1, min(len(na), len(nb))) if na and nb else 0.0
    coverage = shared_chars / max(1, min(fa.chars, fb.chars))
    score = 0.6 * cos + 0.4 * jac
    return float(min(1.0, max(score, min(1.0, 2 * coverage))))


# --- quantities -------------------------------------------------------------------------------


@lru_cache(maxsize=65536)  # asked again for every pair of articles; a pure function of short strings
def event_class(event: str | None) -> str | None:
    """"killed", "wounded", ... or the event's own stems; ``None`` when unknown."""
    if not event:
        return None
    stems_ = content_stems(event) or [stem(w) for w in words(event)]
    for name, members in EVENT_CLASSES.items():
        if any(s in members or any(s.startswith(m) for m in members if len(m) >= 5) for s in stems_):
            return name
    return " ".join(stems_) or None


@lru_cache(maxsize=65536)  # asked again for every pair of articles; a pure function of short strings
def subject_relation(a: str | None, b: str | None) -> str:
    """"same", "loose" (one is unknown or generic) or "different"."""
    sa = {s for s in content_stems(a or "")} - {"more", "least"}
    sb = {s for s in content_stems(b or "")} - {"more", "least"}
    if not sa or not sb:
        return "loose"
    if sa & sb:
        return "same"
    if sa <= GENERIC_SUBJECTS or sb <= GENERIC_SUBJECTS:
        return "loose"
    return "different"


@lru_cache(maxsize=65536)  # asked again for every pair of articles; a pure function of short strings
def place_relation(a: str | None, b: str | None) -> str:
    """"same", "unknown" or "different"; opposite compass directions ("east" vs "west") differ."""
    if not a or not b:
        return "unknown"
    wa, wb = set(words(a)), set(words(b))
    da, db = wa & _DIRECTIONS, wb & _DIRECTIONS
    if da and db and not ({w[:4] for w in da} & {w[:4] for w in db}):
        return "different"
    sa, sb = set(content_stems(a)) - _DIRECTIONS, set(content_stems(b)) - _DIRECTIONS
    if sa & sb:
        return "same"
    return "different" if sa and sb else "unknown"


def interval(q: Quantity) -> tuple[float, float]:
    low = q.low if q.low is not None else (q.high if q.high is not None else 0.0)
    high = q.high if q.high is not None else float("inf")
    return float(min(low, high)), float(high)


def values_overlap(a: Quantity, b: Quantity) -> bool:
    al, ah = interval(a)
    bl, bh = interval(b)
    return al <= bh and bl <= ah


def same_number(a: Quantity, b: Quantity) -> bool:
    """The same number in other words: intervals overlapping by half or more on a log scale."""
    al, ah = interval(a)
    bl, bh = interval(b)
    if ah == float("inf") or bh == float("inf"):
        return ah == bh and abs(np.log1p(al) - np.log1p(bl)) < 0.2
    la, ha, lb, hb = (float(np.log1p(x)) for x in (al, ah, bl, bh))
    inter = min(ha, hb) - max(la, lb)
    union = max(ha, hb) - min(la, lb)
    if union <= 1e-9:
        return True
    return inter / union >= 0.5


def one_number(a: Quantity, b: Quantity) -> bool:
    """One number in other words (``same_number``), or a bound and a number from it: "at least four"
    is "four" too."""
    return same_number(a, b) or (values_overlap(a, b) and abs(np.log1p(interval(a)[0]) - np.log1p(interval(b)[0])) < 0.2)


def values_drift(a: Quantity, b: Quantity) -> bool:
    """Intervals that cannot both be right, or one so much wider that it says something else."""
    if (a.low is None and a.high is None) or (b.low is None and b.high is None):
        return False
    if not values_overlap(a, b):
        return True
    widths = []
    for q in (a, b):
        lo, hi = interval(q)
        if hi == float("inf"):
            return False
        widths.append((lo, hi))
    (al, ah), (bl, bh) = widths
    ratio_a = ah / max(al, 1.0)
    ratio_b = bh / max(bl, 1.0)
    return max(ratio_a, ratio_b) >= 20 and min(ratio_a, ratio_b) <= 2


def windows_differ(a: Quantity, b: Quantity) -> bool:
    """Both counts give a time window and the windows cannot be the same period (ratio >= 2)."""
    if not a.window_hours or not b.window_hours:
        return False
    al, ah = float(a.window_hours[0]), float(a.window_hours[-1])
    bl, bh = float(b.window_hours[0]), float(b.window_hours[-1])
    return max(al, bl) >= 2 * max(1e-9, min(ah, bh))


@dataclass
class QuantityLink:
    """Two counts in two articles that report the same slot (or the same number for another event)."""

    a: View
    qa: Quantity
    b: View
    qb: Quantity
    context: float
    strength: float  # sentence-level evidence only, see PairLinks.strong
    subject: str
    place: str

    @property
    def same_event(self) -> bool:
        ea, eb = event_class(self.qa.event), event_class(self.qb.event)
        return ea is not None and ea == eb

    @property
    def events_known(self) -> bool:
        return event_class(self.qa.event) is not None and event_class(self.qb.event) is not None


#: context a count pair needs to be compared at all: a sentence cosine of 0.3 (or aligned text)
LINK_CONTEXT = 0.3


def title_copy(v: View) -> tuple[int, int] | None:
    """Where the article's title is pasted into its text, in the text's first sentence."""
    title, text = (v.article.title or "").strip(), v.article.text
    at = text.find(title, 0, v.sents[0].end) if title and v.sents else -1
    return (at, at + len(title)) if at >= 0 else None


def restated_title_counts(v: View) -> set[int]:
    """The counts (their ``id``) of the title's copy at the top of the text that the body states
    again in other bounds: one kind of event, one number (``one_number``), subjects that may be one.
    The body's statement is the count, its qualifier read: Ahram's "Syria air strikes kill 32
    Monitor" is its body's "killed at least 32 people" (FA-KES dev 1923848197), no count of exactly
    32. A copy the body gives in the same bounds ("22 killed", "22 people died") stays the count."""
    copy = title_copy(v)
    if copy is None:
        return set()
    qs = v.claims.quantities
    body = [o for o in qs if o.start >= copy[1] and o.event is not None]
    return {
        id(q)
        for q in qs
        if copy[0] <= q.start < copy[1] and q.event is not None and any(
            event_class(o.event) == event_class(q.event) and one_number(q, o) and interval(o) != interval(q)
            and subject_relation(q.subject, o.subject) != "different"
            for o in body
        )
    }


def quantity_links(links: PairLinks, min_context: float = LINK_CONTEXT) -> list[QuantityLink]:
    """Every pair of counts (one in A, one in B) whose sentences report the same thing; a count of a
    title's copy the body states again is the body's (``restated_title_counts``)."""
    out: list[QuantityLink] = []
    copied_a, copied_b = links.a.title_restated, links.b.title_restated
    for qa in links.a.claims.quantities:
        sa = links.a.sentence_of(qa.start)
        if sa is None or id(qa) in copied_a:
            continue
        for qb in links.b.claims.quantities:
            sb = links.b.sentence_of(qb.start)
            if sb is None or id(qb) in copied_b:
                continue
            ctx = links.context(sa.index, sb.index)
            if ctx < min_context:
                continue
            subj = subject_relation(qa.subject, qb.subject)
            place = place_relation(links.a.place(qa), links.b.place(qb))
            if subj == "different" or place == "different":
                continue
            out.append(QuantityLink(links.a, qa, links.b, qb, ctx, links.strong(sa.index, sb.index), subj, place))
    out.sort(key=lambda link: (-link.context, link.qa.start, link.qb.start))
    return out


# --- quotations -------------------------------------------------------------------------------


@dataclass
class QuoteMention:
    """One article's mention of a quotation of a ``QuoteGroup``: ``article`` the id the comparison
    names it by, ``quote`` the quotation as its claims give it (offsets into ``quoted_in.text``,
    its speaker's name and mention), ``quoted_in`` that article."""

    article: str
    quote: Quote
    quoted_in: Article = field(repr=False)

    @property
    def span(self) -> Span:
        """The quotation's words in its article, as a finding's evidence and ``compare --json``'s
        ``quotes`` give them."""
        return Span.of(self.quoted_in, self.quote.start, self.quote.end)


@dataclass
class QuoteGroup:
    """One quotation as the compared articles carry it, in one or more wordings:
    ``Comparison.quote_groups`` lists them, and ``to_dict`` is an entry of ``compare --json``'s
    ``quotes``. Where ``find_reuse``'s ``QuoteVariants`` is a quotation some texts share as
    aligned passages, a group holds every article's mention of it (``mentions``), each with the
    speaker that article names, those the claims found alone too: the findings
    ``quote_variant`` (another wording, a shared editorial insertion) and ``attribution_changed``
    (another speaker) are read off it. ``fingerprints``: its rare wordings that mark copying."""

    mentions: list[QuoteMention]
    fingerprints: list[str] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        """The ids of the articles that carry it, in the order of its mentions."""
        seen: list[str] = []
        for m in self.mentions:
            if m.article not in seen:
                seen.append(m.article)
        return seen

    @property
    def speakers(self) -> dict[str, str]:
        """article id -> speaker, for mentions whose speaker is known."""
        out: dict[str, str] = {}
        for m in self.mentions:
            if m.quote.speaker and m.article not in out:
                out[m.article] = m.quote.speaker
        return out

    @property
    def speaker(self) -> str | None:
        """The speaker most of its articles name (the first by name among as many), or ``None``."""
        counts = Counter(s for s in self.speakers.values())
        if not counts:
            return None
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def variants(self) -> list[tuple[str, list[QuoteMention]]]:
        """Distinct wordings (spacing and quote-mark style ignored), in first-seen order."""
        by: dict[str, list[QuoteMention]] = {}
        for m in self.mentions:
            by.setdefault(variant_key(m.quote.text), []).append(m)
        return [(ms[0].quote.text.strip(), ms) for ms in by.values()]

    def to_dict(self) -> dict[str, Any]:
        """``{speaker, variants: [{text, articles, spans}], fingerprints}``, as ``compare --json``
        lists it under ``quotes``."""
        variants = [
            {"text": text, "articles": list(dict.fromkeys(m.article for m in ms)), "spans": [m.span.to_dict() for m in ms]}
            for text, ms in self.variants()
        ]
        return {"speaker": self.speaker, "variants": variants, "fingerprints": self.fingerprints}


def variant_key(text: str) -> str:
    """A quotation's wording with typography folded: spacing, quote styles, trailing punctuation."""
    t = text.translate(QUOTE_FOLD)
    t = re.sub(r"\s+", " ", t).strip(" \"'")
    t = re.sub(r"\s+([,.;:!?…])", r"\1", t)
    return t.rstrip(",.;:").lower()


def _tokens(text: str) -> list[str]:
    return words(text)


def same_quotation(a: str, b: str) -> bool:
    """Two quotations are one when most of the shorter one's words appear in order in the other."""
    return _same_tokens(_tokens(a), _tokens(b))


def _same_tokens(ta: Sequence[str], tb: Sequence[str]) -> bool:
    """:func:`same_quotation` of two quotations' word tokens."""
    if not ta or not tb:
        return False
    short = min(len(ta), len(tb))
    if short < 3:
        return list(ta) == list(tb)
    # difflib, not an LCS alignment (rapidfuzz's opcodes): its blocks are longest runs, the runs
    # counted below; an LCS may cut a run to pair a stray word elsewhere (benchmarks/README.md)
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    # Only runs of three or more words count: scattered common words ("use of ... on civilian
    # areas") do not make two quotations one.
    matched = sum(bl.size for bl in sm.get_matching_blocks() if bl.size >= 3)
    return matched >= 3 and matched / short >= 0.7


def edit_marks(text: str) -> list[tuple[int, int]]:
    """Editorial marks inside a quotation: bracketed insertions ("[attacks,]") and ellipses.

    They are not the speaker's words; two outlets carrying the same one share a wording that
    someone other than the speaker wrote, which marks copying.
    """
    return [(m.start(), m.end()) for m in _EDIT_MARK.finditer(text)]


def _wording_links(mentions: Sequence[QuoteMention], union: Callable[[int, int], None], find: Callable[[int], int]) -> None:
    """Join every two mentions (of different quotations: not one article's quote at one offset)
    that share a word of four or more letters and are :func:`same_quotation`.

    The mentions of a big story repeat a few wordings many times, so the test runs on distinct
    wordings (token sequences), each ordered pair at most once, and only for wordings that share a
    run of three words (a trigram): :func:`_same_tokens` counts only matching runs of three or
    more words, so two wordings without a common trigram are never one (and two of fewer than
    three words are one only when equal), nor two in which fewer than 70 % of the shorter one's
    words lie in shared trigrams. Pairs whose mentions are joined already are not tested.
    The groups are the connected components of the same graph as testing every pair of mentions.
    """
    keys: dict[tuple[str, ...], int] = {}
    members: list[list[int]] = []  # wording -> its mentions, in order
    for i, m in enumerate(mentions):
        k = keys.setdefault(tuple(_tokens(m.quote.text)), len(keys))
        if k == len(members):
            members.append([])
        members[k].append(i)
    wordings = list(keys)
    loc = [(m.article, m.quote.start) for m in mentions]
    long_words = [frozenset(t for t in w if len(t) > 3) for w in wordings]
    # One wording: all its mentions are one quotation unless they are all the same mention.
    for k, ms in enumerate(members):
        if long_words[k] and len({loc[i] for i in ms}) > 1:
            for i in ms[1:]:
                union(ms[0], i)
    joined = [all(find(i) == find(ms[0]) for i in ms) for ms in members]  # all of one wording are one quotation
    trigrams = [[w[p : p + 3] for p in range(len(w) - 2)] for w in wordings]
    trigram_set = [set(t) for t in trigrams]
    index: dict[tuple[str, ...], list[int]] = {}
    for k, ts in enumerate(trigram_set):
        if long_words[k]:
            for g in ts:
                index.setdefault(g, []).append(k)
    same: dict[tuple[int, int], bool] = {}

    def covered(k: int, shared: set[tuple[str, ...]]) -> int:
        """Words of wording ``k`` inside a trigram the other wording has too: a bound on the words
        :func:`_same_tokens` can match (each matching run of three or more is made of such)."""
        marks: set[int] = set()
        for p, g in enumerate(trigrams[k]):
            if g in shared:
                marks.update((p, p + 1, p + 2))
        return len(marks)

    def test(x: int, y: int) -> bool:  # wording x's mention comes first, as every pair's test reads
        if (x, y) not in same:
            shared = trigram_set[x] & trigram_set[y]
            short = min(len(wordings[x]), len(wordings[y]))
            possible = all(c >= 3 and c / short >= 0.7 for c in (covered(x, shared), covered(y, shared)))
            same[(x, y)] = possible and _same_tokens(wordings[x], wordings[y])
        return same[(x, y)]

    for k, w in enumerate(wordings):
        if not long_words[k] or len(w) < 3:
            continue
        cands: set[int] = set()
        for g in trigram_set[k]:
            cands.update(index.get(g, ()))
        for j in sorted(c for c in cands if c > k):
            if not long_words[k] & long_words[j]:
                continue
            if joined[k] and joined[j] and find(members[k][0]) == find(members[j][0]):
                continue
            for i in members[k]:
                for i2 in members[j]:
                    if loc[i] != loc[i2] and find(i) != find(i2) and (test(k, j) if i < i2 else test(j, k)):
                        union(i, i2)


def group_quotes(views: Sequence[View], variants: Iterable[QuoteVariants] = ()) -> list[QuoteGroup]:
    """Group quotations across articles by wording (and by the reuse stage's variant groups)."""
    mentions: list[QuoteMention] = []
    for v in views:
        for q in v.claims.quotes:
            if q.direct and q.end > q.start:
                mentions.append(QuoteMention(v.article.id, q, v.article))
    sets: DisjointSets[int] = DisjointSets()
    _wording_links(mentions, sets.union, sets.find)
    fp_for: dict[int, list[str]] = {}
    variants = list(variants)
    by_id = {v.article.id: v for v in views}
    of_article: dict[str, list[int]] = {}  # article id -> its mentions
    for i, m in enumerate(mentions):
        of_article.setdefault(m.article, []).append(i)
    for var in variants:
        # A quotation the reuse stage aligned but the claims stage missed still takes part.
        for sp in var.spans:
            owner = by_id.get(sp.article)
            if owner is None or sp.field != "text":
                continue
            mine = of_article.setdefault(sp.article, [])
            if not any(overlap_length(sp.start, sp.end, mentions[i].quote.start, mentions[i].quote.end) > 0 for i in mine):
                q = Quote(sp.start, sp.end, owner.article.text[sp.start : sp.end], var.speaker)
                mine.append(len(mentions))
                mentions.append(QuoteMention(sp.article, q, owner.article))
    for var in variants:
        spans_of: dict[str, list[tuple[int, int]]] = {}
        for sp in var.spans:
            spans_of.setdefault(sp.article, []).append((sp.start, sp.end))
        members = sorted(
            i
            for aid, spans in spans_of.items()
            for i in of_article.get(aid, ())
            if any(overlap_length(start, end, mentions[i].quote.start, mentions[i].quote.end) > 0 for start, end in spans)
        )
        if _apart(mentions, members):
            continue
        for i in members[1:]:
            sets.union(members[0], i)
        if members:
            fp_for.setdefault(members[0], []).extend(var.fingerprints)
    out: list[QuoteGroup] = []
    for idx in sets.groups(range(len(mentions))):
        fps: list[str] = []
        for i in idx:
            for f in fp_for.get(i, []):
                if f not in fps:
                    fps.append(f)
        out.append(QuoteGroup([mentions[i] for i in idx], fps))
    return out


def _apart(mentions: Sequence[QuoteMention], members: Sequence[int]) -> bool:
    """Does every article quote the passage of a variant in two quotations or more (mentions that do
    not overlap)? Then the passage holds several quotations, each joined to its like by wording, not
    all to each other: al-Araby and Ahram both quote Rami Abdel Rahman's "effectively cut" and then
    "All movement is targeted be that buses or bystanders" (FA-KES dev 1923102959, 1923848270). An
    article giving in one quotation what another gives in pieces ('real killer', 'U.S. government'
    of a letter's sentence, FNC-1 847, 903) keeps it one."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for i in members:
        q = mentions[i].quote
        mine = spans.setdefault(mentions[i].article, [])
        if not any(overlap_length(s, e, q.start, q.end) for s, e in mine):
            mine.append((q.start, q.end))
    return len(spans) >= 2 and all(len(v) >= 2 for v in spans.values())


def speaker_keys(view: View, q: Quote) -> set[str]:
    """Name stems describing a quote's speaker: the name, and the title written right before it
    ("United Nations Special Envoy for Syria Staffan de Mistura" -> un, envoy, mistura ...). A
    speaker that names no one is named by the words after it, up to its verb or a mark: "the
    organisation known as the White Helmets said" -> white, helmet (FA-KES dev 1923848270)."""
    from newstrace.claims.lexicon import CUE_FORMS

    keys = names(q.speaker or "") | {stem(w) for w in words(q.speaker or "") if w[:1].isalpha()}
    if q.speaker_start is not None and q.speaker_end is not None:
        text = view.article.text
        window = text[max(0, q.speaker_start - 80) : q.speaker_end]
        window = re.split(r"[.;:!?”\"]\s", window)[-1]  # only the noun phrase before the name
        keys |= names(window)
        if not any(w[:1].isupper() and w.lower() not in GENERIC_SPEAKER_WORDS for w in re.findall(r"[\w’'-]+", q.speaker or "")):
            after = re.split(r"[.,;:!?“”\"]", text[q.speaker_end : q.speaker_end + 80])[0]
            cue = next((m.start() for m in re.finditer(r"[\w’'-]+", after) if m.group().lower() in CUE_FORMS), len(after))
            keys |= names(after[:cue])
    return keys - GENERIC_SPEAKER_WORDS


#: words in speaker descriptions that do not identify anyone
GENERIC_SPEAKER_WORDS = frozenset({"the", "statement", "office", "official", "spokesman", "spokeswoman", "said", "says", "de", "al"})


def speaker_index(views: Sequence[View]) -> dict[str, set[str]]:
    """speaker name -> every key any article uses to describe that speaker."""
    out: dict[str, set[str]] = {}
    for v in views:
        for q in v.claims.quotes:
            if q.speaker:
                out.setdefault(q.speaker, set()).update(speaker_keys(v, q), _generations(v.article.text, q.speaker))
    return out


#: the key of a speaker whose article writes the first name and surname both with a generation's suffix and without
#: it: two people, a father and a son ('Donald Trump Jr.' beside 'his father, Donald J. Trump')
_GENERATIONS = "\0generations "


def _suffix(name: str) -> str | None:
    """The generation's suffix a name ends with ('Jr', 'III'), none when it has none."""
    last = name.split()[-1].rstrip(".,") if name.split() else ""
    return last.lower() if last.lower() in _NAME_SUFFIXES else None


def _generations(text: str, speaker: str) -> set[str]:
    """The key that tells a speaker's article writes their first name and surname with a suffix and without it, or
    with two suffixes ('Brent Bozell III' and 'his father, Brent Bozell, Jr.')."""
    person = _given_and_surname(speaker)
    if person is None:
        return set()
    given, surname = (re.escape(w) for w in person)
    hits = re.finditer(rf"(?<![\w’'.-]){given}(?:[^\S\n]+[A-Z]\.)?[^\S\n]+{surname}(?![\w’'-])(?:,?[^\S\n]+(Jr|Sr|II|III|IV)"
                       r"(?![\w’'-]))?", text, re.IGNORECASE)
    if len({hit.group(1) for hit in hits}) < 2:
        return set()
    return {f"{_GENERATIONS}{person[0]} {person[1]}"}


def same_source(a: str, b: str, index: dict[str, set[str]]) -> bool:
    """Do two speaker names denote one source (shared name, title or acronym anywhere in the story)? Not a
    father's and a son's name, one with a generation's suffix and one without or with another, where an article of
    the story writes the name both with the suffix and without it (``_generations``): the claims name one person
    alike in an article ('Mr. Biden' of 'Joseph R. Biden Jr.' is 'Joseph R. Biden Jr.'), and across articles
    'James B. Comey Jr.' and 'James B. Comey' are one."""
    if a == b:
        return True
    if _kin(a, b):
        return False
    ka = index.get(a) or (names(a) | {stem(w) for w in words(a)})
    kb = index.get(b) or (names(b) | {stem(w) for w in words(b)})
    person = _given_and_surname(a)
    if person is not None and person == _given_and_surname(b) and _suffix(a) != _suffix(b) \
            and f"{_GENERATIONS}{person[0]} {person[1]}" in ka | kb:
        return False  # 'Donald Trump Jr.' and 'Donald Trump' where an article of the story names the two
    return bool((ka - GENERIC_SPEAKER_WORDS) & (kb - GENERIC_SPEAKER_WORDS))


#: words after a surname that are no surname ('Joseph R. Biden Jr.')
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
#: honorifics British copy writes before a surname that ``TITLE_WORDS`` leaves out ('Miss Somers', 'Insp Taylor')
_HONORIFICS = frozenset({"miss", "insp", "insp.", "supt", "supt.", "det", "dame", "madam"})


def _given_and_surname(name: str) -> tuple[str, str] | None:
    """A person's first name and surname when the name writes both ('Barack Obama' -> barack, obama;
    'Joseph R. Biden Jr.' -> joseph, biden); none for a surname alone, an initial ('J. Smith') or a
    title before the surname only ('President Obama')."""
    from newstrace.claims.lexicon import NAME_PARTICLES, ORG_WORDS, PERSON_LABELS, TITLE_WORDS

    toks = [t.strip(",") for t in name.split()]
    toks = [t for t in toks if t and t.lower() not in TITLE_WORDS | PERSON_LABELS | _HONORIFICS]
    while toks and toks[-1].lower() in _NAME_SUFFIXES:
        toks.pop()
    if len(toks) < 2 or re.fullmatch(r"[A-Z][a-z]+", toks[0]) is None:
        return None
    if any(t.lower() in ORG_WORDS or not (t[:1].isupper() or t.lower() in NAME_PARTICLES) for t in toks):
        return None  # 'New York Post', 'Syrian government', 'Local residents': no person
    return toks[0].lower(), toks[-1].lower()


def _kin(a: str, b: str) -> bool:
    """Two people of one surname whose first names plainly differ ('Barack Obama', 'Michelle Obama'):
    the first letters differ and one of them is a listed first name, or one is a man's first name and the
    other a woman's. A same first letter may be a short form ('Joe'/'Joseph', 'Mike'/'Michael'), so it
    keeps one person; a surname alone, an initial or a title before it keeps the overlap of name keys."""
    from newstrace.claims.lexicon import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

    na, nb = _given_and_surname(a), _given_and_surname(b)
    if na is None or nb is None or na[1] != nb[1] or na[0] == nb[0]:
        return False
    (fa, _), (fb, _) = na, nb
    if fa in b.lower().split() or fb in a.lower().split():
        return False  # a word before the name: 'Homeowner Andrei Kazarian' is 'Andrei Kazarian'
    listed = MALE_FIRST_NAMES | FEMALE_FIRST_NAMES
    if fa[0] != fb[0]:
        return fa in listed or fb in listed  # one of them a known first name, no place ('New York', 'Washington')
    return (fa in MALE_FIRST_NAMES and fb in FEMALE_FIRST_NAMES) or (fa in FEMALE_FIRST_NAMES and fb in MALE_FIRST_NAMES)

