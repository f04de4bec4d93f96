"""``compare_articles``: what each outlet says that the others don't, where they disagree, who took
what from whom.

The comparison is a pure function of the articles (plus, optionally, claims and reuse results a
caller already has, e.g. from the store): extraction and alignment run here only when not given.
Articles that do not report one story are split apart first, so unrelated inputs are said to be
unrelated instead of being forced into findings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from typing import Any, Protocol

from newstrace.compare.findings import (
    FindingContext,
    attribution_findings,
    quantity_findings,
    quote_findings,
    unique_findings,
)
from newstrace.compare.headline import headline_findings
from newstrace.compare.pairing import (
    PairLinks,
    QuoteGroup,
    SentenceSpace,
    View,
    group_quotes,
    link_pair,
    speaker_index,
    story_features,
    story_similarity,
)
from newstrace.compare.text import sentences
from newstrace.disjoint import DisjointSets
from newstrace.errors import MAKE_ARTICLES, InputError, LimitError, UnknownArticle, articles_list
from newstrace.ingest.base import keyed_articles
from newstrace.limits import LIMITS, Limits, env_name, raise_hint
from newstrace.model import (
    DIRECTION_OPEN,
    Article,
    ArticleClaims,
    ArticlePair,
    Finding,
    ProvenanceEdge,
    QuoteVariants,
    agreeing,
    arrow,
    article_labels,
    clip,
    counted,
    published_iso,
)
from newstrace.model import listed as listed_for_reading
from newstrace.model import unlisted_notes as notes_on_unlisted

#: story similarity from which two articles are taken to report one story
SAME_STORY = 0.3
#: shared characters that prove two articles report one event (one copied sentence or quotation)
CLOSE_SHARED_CHARS = 120
#: topical similarity standing in for the corpus stage's same-event model when it is absent
FALLBACK_EVENT_SIMILARITY = 0.6


class ReuseLike(Protocol):
    """What compare reads from the reuse stage (``newstrace.reuse.ReuseResult``)."""

    pairs: list[ArticlePair]
    variants: list[QuoteVariants]
    provenance: list[ProvenanceEdge]


@dataclass
class EmptyReuse:
    pairs: list[ArticlePair] = field(default_factory=list)
    variants: list[QuoteVariants] = field(default_factory=list)
    provenance: list[ProvenanceEdge] = field(default_factory=list)


@dataclass
class PairInfo:
    """Two of a comparison's articles (``Comparison.pairs``, ``Comparison.pair``): how alike their
    stories are (``story_similarity``, ``same_story`` at or above the threshold) and the passages
    they share (``reuse``: ``None`` when none), ``a`` and ``b`` by the ids the comparison names."""

    a: str
    b: str
    story_similarity: float
    same_story: bool
    reuse: ArticlePair | None

    def to_dict(self) -> dict[str, Any]:
        shared = self.reuse.shared if self.reuse is not None else []
        flip = self.reuse is not None and self.reuse.a != self.a
        out = []
        for s in shared:
            d = s.to_dict()
            if flip:
                d = _flip_passage(d)
            out.append(d)
        return {
            "a": self.a,
            "b": self.b,
            "story_similarity": round(self.story_similarity, 4),
            "same_story": self.same_story,
            "shared": out,
        }


def _flip_passage(d: dict[str, Any]) -> dict[str, Any]:
    inv = {"delete": "insert", "insert": "delete", "replace": "replace"}
    return {
        **d,
        "a_start": d["b_start"],
        "a_end": d["b_end"],
        "b_start": d["a_start"],
        "b_end": d["a_end"],
        "a_text": d["b_text"],
        "b_text": d["a_text"],
        "ops": [[inv.get(op[0], op[0]), op[3], op[4], op[1], op[2]] for op in d.get("ops", [])],
    }


@dataclass
class Comparison:
    """Everything ``compare`` found; ``to_dict`` is the documented JSON, ``render_html`` the report."""

    articles: list[Article]
    claims: dict[str, ArticleClaims]
    pairs: list[PairInfo]
    quote_groups: list[QuoteGroup]
    findings: list[Finding]
    provenance: list[ProvenanceEdge]
    stories: list[list[str]]
    notes: list[str]
    labels: dict[str, str]

    def article(self, aid: str) -> Article:
        """The article the findings, pairs and spans name by ``aid``, the id it is compared under
        (``SANA:1`` for an id another outlet's article gave too): a span's text is its slice."""
        found = next((a for a in self.articles if a.id == aid), None)
        if found is None:
            raise UnknownArticle(f"no article {aid!r} in this comparison; its articles are "
                                 + ", ".join(sorted(a.id for a in self.articles)))
        return found

    def label(self, aid: str) -> str:
        """The short name the summaries give the article (its outlet, numbered when repeated)."""
        return self.labels.get(aid, aid)

    def pair(self, a: str, b: str) -> PairInfo | None:
        """What two articles share and whether they tell one story, named in either order (every
        two articles are compared); ``None`` for an id the comparison does not hold."""
        for p in self.pairs:
            if {p.a, p.b} == {a, b}:
                return p
        return None

    def by_time(self) -> list[Article]:
        """Articles in the order the drawing shows them (``drawing.reading_order``: by
        ``published_order``, undated last, a directed edge's source first among articles of one
        day the dates cannot order), the order of the report's list and the terminal's table, save
        that the order the articles were given in breaks a tie where the web app's id does.

        On purpose: ``compare``'s articles are the inputs a user names, in the order named, and
        ``article_labels`` numbers one outlet's articles in that order, so "reuters #1" stands
        before "reuters #2" of the same day; by id (a file's name, a row's key) it could stand
        after. ``newstrace story`` and the web give a story's articles in the stream's order
        already (``engine.steps.order_key``), so there ties fall to the id, as on the web."""
        from newstrace.drawing import reading_order

        edges = [{"source": e.source, "derived": e.derived, "evidence": e.evidence} for e in self.provenance]
        return reading_order(self.articles, edges, lambda a: (a.id, a.published))

    def listed(self) -> tuple[list[Finding], list[Finding]]:
        """The findings a report for reading lists and those it leaves out (``model.listed``:
        each article's most important claims only it carries); ``to_dict`` has them all."""
        return listed_for_reading(self.findings, lambda f: f.type, lambda f: f.articles[0])

    def unlisted_notes(self, left: Sequence[Finding], where: str) -> list[str]:
        """The notes on the findings ``listed`` left out, saying ``where`` they all are."""
        return notes_on_unlisted(left, lambda f: f.articles[0], self.label, where)

    def to_dict(self) -> dict[str, Any]:
        # the articles (and the keys of ``quantities``) in reading order (``by_time``), as the
        # terminal's table, the HTML report and ``/api/compare`` list them: ``compare --json`` gave
        # the order of the inputs, the seeds' rewrite of 2 November before the RT report it copies
        ordered = self.by_time()
        return {
            # ``label``: how the summaries and notes name the article ("reuters #2")
            "articles": [{**a.brief(), "label": self.label(a.id)} for a in ordered],
            "pairs": [p.to_dict() for p in self.pairs],
            "quotes": [g.to_dict() for g in self.quote_groups],
            "quantities": {a.id: [q.public() for q in self.claims[a.id].quantities] for a in ordered},
            "findings": [f.to_dict() for f in self.findings],
            "provenance": [e.to_dict() for e in self.provenance],
            "stories": self.stories,
            "notes": self.notes,
        }


#: ``compare_articles``'s ``on_progress(stage, done, total)``
Progress = Callable[[str, int, int], None]


def _silent(stage: str, done: int, total: int) -> None:
    """No one listening to ``compare_articles``'s progress."""


class TooManyArticles(LimitError):
    """``compare_articles`` given more articles than its limit, said to its caller in the library's
    words (the function, its ``limits`` and the Store), and by ``newstrace compare`` in the
    command's (``command_line``): "compare: ... store them with 'newstrace ingest'" was said to a
    caller who never ran the command."""

    def __init__(self, given: int, limit: int) -> None:
        self.given, self.limit = given, limit
        super().__init__(
            f"compare_articles: articles: {given} given, more than the limit of {limit} "
            f"(limits=newstrace.limits.Limits(max_compare_articles=N) raises it, as {env_name('max_compare_articles')} "
            "does when set before newstrace is imported); for more, newstrace.Store(path).add_articles(articles) "
            "and newstrace.analyze(store) group them into stories (newstrace.store.results.CorpusResults(store.conn) "
            "reads them), to compare one story's articles at a time"
        )

    def __reduce__(self) -> tuple[type[TooManyArticles], tuple[int, int]]:
        return type(self), (self.given, self.limit)  # pickled (a worker's error) as it was made

    def command_line(self) -> LimitError:
        """The error as ``newstrace compare`` says it: the variable that raises its limit and the
        commands that compare more."""
        return LimitError(
            f"compare: {self.given} articles exceed the limit of {self.limit} "
            f"{raise_hint('max_compare_articles')}; for more, store them with 'newstrace ingest' and "
            "'newstrace analyze', which group them into stories: 'newstrace story ID' compares one story's articles"
        )

    def page_line(self) -> LimitError:
        """The error as the web app says it, on a page and in ``/api/``: the limit of the server,
        set where it runs (its user can neither pass ``limits=`` nor run a command there). It had
        words and a check of its own ("3 articles is more than the 2 compare accepts")."""
        return LimitError(
            f"compare: {self.given} articles, more than the {self.limit} this server compares at once "
            f"({env_name('max_compare_articles')}, set where it runs, raises it); compare fewer"
        )


def check_count(given: int, limits: Limits) -> None:
    """``TooManyArticles`` when ``given`` articles are more than ``limits`` lets one comparison
    take: ``compare_articles``' check, which the web app asks before it extracts claims for them."""
    if given > limits.max_compare_articles:
        raise TooManyArticles(given, limits.max_compare_articles)


def compare_articles(
    articles: Sequence[Article],
    *,
    claims: Mapping[str, ArticleClaims] | None = None,
    reuse: ReuseLike | None = None,
    limits: Limits = LIMITS,
    same_story: float = SAME_STORY,
    on_progress: Progress | None = None,
    labels: Mapping[str, str] | None = None,
) -> Comparison:
    """Compare articles about one story (or find out that they are about several).

    ``claims`` (by article id) and ``reuse`` are computed here when not given.

    The articles are keyed as ``ingest`` keys them (``ingest.base.keyed_articles``): a list read
    with ``read_articles`` from RT's and SANA's exports, each numbering from 1, has two articles
    with id 1, and keyed by id alone SANA's was dropped as a repeat of RT's. SANA's is compared as
    SANA:1, with a note saying so; a later record of the same outlet's id is compared once, as
    before. ``claims`` and ``reuse``, when given, name the articles by those ids.

    ``on_progress(stage, done, total)`` hears how far its two long phases are (a CLI's bars):
    ``"extracting claims"`` (articles, when ``claims`` is not given) and ``"comparing pairs"``
    (pairs of articles), each 5 to 10 s for 200 articles.

    ``labels`` (by article id, different ones) name the articles in the summaries and notes when
    they name every one, where ``article_labels`` numbers them among these articles alone: the web
    app's compare page, opened from a story, names two of its articles as the story's page does
    ("reuters #3" and "reuters #4", not "reuters #1" and "reuters #2").
    """
    articles = articles_list(articles, "compare_articles: articles")
    if not articles:
        raise InputError(f"compare_articles: articles: given none, where it compares one or more ({MAKE_ARTICLES})")
    check_count(len(articles), limits)
    notes: list[str] = []
    arts = list(
        keyed_articles(
            articles,
            lambda a: notes.append(f"article {a.id} was given more than once; it is compared once."),
            warn=notes.append,
        )
    )
    given = {a.id: labels[a.id] for a in arts if labels and a.id in labels}
    labels = given if len(given) == len(arts) == len(set(given.values())) else article_labels(arts)
    by_text: dict[str, str] = {}
    for a in arts:
        if a.text in by_text:
            notes.append(f"{labels[a.id]} has the same text as {labels[by_text[a.text]]}: a verbatim duplicate.")
        else:
            by_text[a.text] = a.id
    report = on_progress or _silent
    claims_map = dict(claims) if claims is not None else _extract(arts, notes, report)
    for a in arts:
        claims_map.setdefault(a.id, ArticleClaims(a.id))
    reuse_res: ReuseLike = reuse if reuse is not None else _reuse(arts, notes, claims_map)

    views = {a.id: View(a, claims_map[a.id], sentences(a.text)) for a in arts}
    space = SentenceSpace(list(views.values()))
    reuse_pairs = {frozenset((p.a, p.b)): p for p in reuse_res.pairs}
    pairs: list[PairInfo] = []
    pair_links: dict[tuple[str, str], PairLinks] = {}
    feats = {a.id: story_features(a) for a in arts}
    event_score = _event_scorer(arts)
    close: set[tuple[str, str]] = set()
    n_pairs = len(arts) * (len(arts) - 1) // 2
    for done, (x, y) in enumerate(combinations(arts, 2)):
        if done % 100 == 0:
            report("comparing pairs", done, n_pairs)
        rp = reuse_pairs.get(frozenset((x.id, y.id)))
        shared_chars = sum(min(s.a_end - s.a_start, s.b_end - s.b_start) for s in rp.shared) if rp else 0
        sim = story_similarity(feats[x.id], feats[y.id], shared_chars)
        same = sim >= same_story
        pairs.append(PairInfo(x.id, y.id, sim, same, rp))
        if same:
            pair_links[(x.id, y.id)] = link_pair(space, views[x.id], views[y.id], rp)
            # Counts and attributions are compared only between reports of one *event*: text they
            # share is proof of that; otherwise the calibrated same-event score decides.
            if shared_chars >= CLOSE_SHARED_CHARS or event_score(x, y, sim):
                close.add((x.id, y.id))
    if n_pairs:
        report("comparing pairs", n_pairs, n_pairs)
    stories = _components([a.id for a in arts], [(p.a, p.b) for p in pairs if p.same_story])

    if len(arts) == 1:
        notes.append("One article: its quotations and counts are listed; there is nothing to compare it with.")
    elif all(len(s) == 1 for s in stories):
        notes.append(
            "These articles do not seem to report the same story (highest story similarity "
            f"{max(p.story_similarity for p in pairs):.2f}); no cross-outlet findings are made."
        )
    elif any(len(s) == 1 for s in stories) or len([s for s in stories if len(s) > 1]) > 1:
        apart = [labels[s[0]] for s in stories if len(s) == 1]
        multi = [s for s in stories if len(s) > 1]
        notes.append(
            # "1 group reporting one story", "2 groups, each reporting one story": it said "1 group(s)"
            f"The articles form {counted(len(multi), 'group')}"
            + (", each reporting one story" if len(multi) > 1 else " reporting one story")
            + (f"; unrelated to the others: {', '.join(apart)}" if apart else "")
            + ". Findings compare articles within a group only."
        )

    notes.extend(unordered_notes(reuse_res.provenance, arts, labels))
    notes.extend(wire_notes(reuse_res.provenance, arts, reuse_res.pairs, labels))
    indirect = []
    for e in reuse_res.provenance:
        if e.via:
            src, via = _node_label(labels, e.source), _node_label(labels, e.via)
            indirect.append(
                f"{_node_label(labels, e.derived)} has the text of {src} by way of {via}: what it shares with "
                f"{src} is also in {via}, and it carries wording of {via} that {src} does not have."
            )
    if len(indirect) > 3:
        indirect = [
            f"{len(indirect)} provenance edges are indirect: the derived article has the source's text by way of a "
            "third article, whose own wording it carries too (marked 'indirect' in the evidence)."
        ]
    notes.extend(indirect)

    groups = group_quotes(list(views.values()), reuse_res.variants)
    # only an edge that says who took from whom orders a finding's pair ("B follows A"): an edge of
    # direction_unknown has its source merely first in the input, and is drawn without an arrowhead
    derived_from = {(e.source, e.derived): e.confidence for e in reuse_res.provenance if e.directed}
    ctx = FindingContext(
        views, pair_links, stories, groups, lambda aid: labels.get(aid, aid), derived_from, notes, speaker_index(list(views.values())), close
    )
    findings: list[Finding] = []
    if len(arts) > 1:
        for rule in (headline_findings, quote_findings, quantity_findings, attribution_findings, unique_findings):
            findings.extend(rule(ctx))
    findings = _rank(findings)
    return Comparison(
        articles=arts,
        claims={a.id: claims_map[a.id] for a in arts},
        pairs=pairs,
        quote_groups=groups,
        findings=findings,
        provenance=list(reuse_res.provenance),
        stories=[s for s in stories],
        notes=notes,
        labels=labels,
    )


def unordered_notes(edges: Sequence[ProvenanceEdge], arts: Sequence[Article], labels: Mapping[str, str]) -> list[str]:
    """What a reader of an edge the publication dates do not orient is told: an article has no date,
    or the two are of one day (or times the dates cannot order). An arrow between two articles of
    2013-08-21 was drawn from the one placed right to the one placed left, which is the order of
    their ids: its direction was an attribution's ("Reuters reported"), and nothing said so. Such an
    edge is directed by an attribution only (``reuse.provenance``), which the note quotes. An edge
    between two dated articles that nothing orients (two times of one day without a UTC offset,
    compared by their day) said nothing of why it had no arrowhead: it is said to be linked without
    a direction, as one of an undated article is."""
    dates = {a.id: a.published for a in arts}
    undated_edges: list[str] = []
    tied_edges: list[str] = []
    unoriented_edges: list[str] = []  # of dated articles the dates do not order, nor anything else
    for e in edges:
        if e.source.startswith("external:") or any(
            isinstance(ev, dict) and ev.get("type") == "publication_order" for ev in e.evidence
        ):
            continue
        pair = f"{_node_label(labels, e.source)} {arrow(e.directed)} {_node_label(labels, e.derived)}"
        basis = _direction_basis(e, labels)
        undated = [x for x in (e.source, e.derived) if x in dates and dates[x] is None]
        if undated:
            whose = f"{' and '.join(labels[x] for x in undated)} {agreeing(len(undated), 'has', 'have')} no publication date"
            undated_edges.append(
                f"{whose}: the direction {pair} rests on {basis}, not on publication order."
                if e.directed
                else f"{whose}, and nothing else says, of {pair}, {DIRECTION_OPEN}: they are linked without a "
                "direction (a publication date would give one)."
            )
        elif e.source in dates and e.derived in dates:
            when = [published_iso(dates[x]) or "" for x in (e.source, e.derived)]
            said = (
                f"are dated the same day ({when[0]})" if when[0] == when[1]
                else f"have dates that do not say which came first ({when[0]}, {when[1]})"
            )
            both = f"{_node_label(labels, e.source)} and {_node_label(labels, e.derived)} {said}"
            if e.directed:
                tied_edges.append(f"{both}: the direction {pair} rests on {basis}, not on publication order.")
            else:  # two times of one day without a UTC offset are compared by their day alone
                naive = any(isinstance(d, datetime) and d.tzinfo is None for d in (dates[e.source], dates[e.derived]))
                unoriented_edges.append(
                    f"{both}, and nothing else says {DIRECTION_OPEN}: they are linked without a "
                    + ("direction (times with a UTC offset would give one)." if naive else "direction.")
                )
    if len(undated_edges) > 3:
        undated_edges = [
            f"{len(undated_edges)} provenance edges involve articles with no publication date: those with a "
            "direction owe it to an attribution (one names the other's outlet), not to publication order; the "
            "others are linked without one."
        ]
    if len(tied_edges) > 3:
        tied_edges = [
            f"{len(tied_edges)} provenance edges join articles whose dates do not say which came first (one "
            "day): their direction rests on an attribution (one names the other's outlet), not on publication order."
        ]
    if len(unoriented_edges) > 3:
        unoriented_edges = [
            f"{len(unoriented_edges)} provenance edges join articles whose dates do not say which came first (one "
            f"day), and nothing else says, of each two, {DIRECTION_OPEN}: they are linked without a direction."
        ]
    return undated_edges + tied_edges + unoriented_edges


def wire_notes(
    edges: Sequence[ProvenanceEdge], arts: Sequence[Article], pairs: Sequence[ArticlePair], labels: Mapping[str, str]
) -> list[str]:
    """What a reader of an edge the publication dates alone orient is told when either article credits a wire
    (``reuse.provenance.WIRES``, read by its credits' cues) inside the text they share or in its byline: that one
    or both may have that text from the wire. On FA-KES dev the arrow of Ahram's report "... Observatory
    Reuters A suspected gas attack ..." to Asharq al-Awsat's of the next day said the one had copied the other,
    where the words they share are Reuters'."""
    try:
        from newstrace.reuse.provenance import wire_credit
    except ImportError:
        return []
    by_id = {a.id: a for a in arts}
    shared = {frozenset((p.a, p.b)): p for p in pairs}
    out: list[str] = []
    for e in edges:
        types = {ev.get("type") for ev in e.evidence if isinstance(ev, dict)}
        pair = shared.get(frozenset((e.source, e.derived)))
        if pair is None or "publication_order" not in types or "attribution" in types:
            continue
        outlets = [by_id[x].outlet for x in (e.source, e.derived) if x in by_id]
        for x in (e.source, e.derived):
            if x not in by_id:
                continue
            ranges = [(p.a_start, p.a_end) if x == pair.a else (p.b_start, p.b_end) for p in pair.shared]
            c = wire_credit(by_id[x], ranges, outlets)
            if c is None:
                continue
            who, wire = _node_label(labels, x), c["wire"]
            where = f"{who}'s byline credits {wire}" if c["byline"] else f"{who} credits {wire} in the text they share"
            out.append(
                f"{_node_label(labels, e.source)} {arrow(True)} {_node_label(labels, e.derived)}: {where} "
                f"(“{clip(c['text'], 60)}”): one or both may have that text from {wire} rather than one from the "
                "other; the arrow is the dates' alone."
            )
            break
    if len(out) > 3:
        out = [
            f"{len(out)} provenance edges the dates alone orient join articles one of which credits a wire (AFP, "
            "Reuters, ...) in its byline or in the text they share: one or both may have that text from the wire "
            "rather than one from the other."
        ]
    return out


def _direction_basis(e: ProvenanceEdge, labels: Mapping[str, str]) -> str:
    """What orients an edge the dates do not: the attribution, quoted, when there is one."""
    for ev in e.evidence:
        if isinstance(ev, dict) and ev.get("type") == "attribution" and isinstance(ev.get("text"), str):
            where = ev.get("article")
            return (f"{_node_label(labels, where)}'s “{ev['text']}”" if isinstance(where, str) else f"“{ev['text']}”")
    return "the texts alone"


def _node_label(labels: Mapping[str, str], node: str) -> str:
    return labels.get(node, node.split(":", 1)[-1])


def _rank(findings: list[Finding]) -> list[Finding]:
    """Most important first; ties broken by stable keys so that output is deterministic."""
    uniq: dict[tuple[Any, ...], Finding] = {}
    for f in findings:
        key = (f.type, tuple(f.articles), tuple((e.article, e.start, e.end, e.field) for e in f.evidence))
        if key not in uniq or uniq[key].importance < f.importance:
            uniq[key] = f
    return sorted(
        uniq.values(),
        key=lambda f: (-round(f.importance, 6), f.type, f.articles, [(e.article, e.field, e.start) for e in f.evidence]),
    )


def _components(ids: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    sets = DisjointSets(ids)
    for a, b in edges:
        sets.union(a, b)
    return sets.groups(ids)


def _event_scorer(articles: Sequence[Article]) -> Callable[[Article, Article, float], bool]:
    """Same-event decision for two articles without shared text.

    Uses the corpus stage's calibrated story model (IDF from these articles, time decay) when it
    is installed; otherwise a high topical similarity has to do.
    """
    try:
        from newstrace.corpus.features import article_features
        from newstrace.corpus.params import STORY
        from newstrace.corpus.similarity import DocFreq, article_similarity
    except ImportError:
        return lambda a, b, sim: sim >= FALLBACK_EVENT_SIMILARITY
    feats = {a.id: article_features(a) for a in articles}
    df = DocFreq()
    for f in feats.values():
        df.add(f)

    def score(a: Article, b: Article, sim: float) -> bool:
        return article_similarity(feats[a.id], feats[b.id], df, STORY) >= STORY.join

    return score


def _extract(articles: Sequence[Article], notes: list[str], report: Progress) -> dict[str, ArticleClaims]:
    try:
        from newstrace.claims import extract_many
    except ImportError:
        notes.append("The claims stage is not available: quotations and counts were not extracted.")
        return {a.id: ArticleClaims(a.id) for a in articles}
    found: dict[str, ArticleClaims] = {}
    report("extracting claims", 0, len(articles))
    for done, c in enumerate(extract_many(list(articles)), 1):
        found[c.article] = c
        report("extracting claims", done, len(articles))
    return found


def _reuse(articles: Sequence[Article], notes: list[str], claims: Mapping[str, ArticleClaims]) -> ReuseLike:
    try:
        from newstrace.reuse import find_reuse
    except ImportError:
        notes.append("The reuse stage is not available: no shared passages or provenance.")
        return EmptyReuse()
    res: ReuseLike = find_reuse(list(articles), claims=claims)
    return res
