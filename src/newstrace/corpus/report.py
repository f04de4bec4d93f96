"""The compare report of one story, built from what ``analyze`` stored (claims, passages, edges).

Nothing is re-extracted or re-aligned: the story's stored claims and reuse pairs are handed to
``compare_articles``, so ``newstrace story ID`` is as fast as reading the database, and shows the
same offsets ``analyze`` found.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newstrace.limits import LIMITS
from newstrace.model import Article, ArticleClaims, parse_published
from newstrace.store import results as R

if TYPE_CHECKING:
    import sqlite3

    from newstrace.compare import Comparison
    from newstrace.store.sqlite import Store


def story_order(conn: sqlite3.Connection, story: str, ids: list[str]) -> list[str]:
    """A story's members (``ids``, in the stream's order as ``CorpusResults.story`` gives them)
    in the one order its lists and drawings show them (``drawing.reading_order``: by publication,
    a directed edge's source first among one day's), settled over the whole story, before its
    report takes the first of them or the web app cuts a page from it. Read off the stored dates
    and the story's stored provenance edges, less those of texts changed since analysis (as
    ``story_report`` leaves them out); no text loaded. ``newstrace story`` and the web app's story
    page and API both order by this, so they cover and list the same members in the same order.

    The web app ordered each page alone, and ``story`` the first members of the stream's order: a
    day cut at a page's end or the report's limit kept the stream's order at the cut, so an
    arrow's source could fall outside the report that drew its copy."""
    if len(ids) < 2:
        return list(ids)
    from newstrace.drawing import reading_order
    from newstrace.store.sqlite import in_list

    cond, arg = in_list(ids)
    dates: dict[str, str | None] = {
        r[0]: r[1] for r in conn.execute(f"SELECT id, published FROM articles WHERE id {cond}", (arg,))
    }
    changed = R.changed_since_analysis(conn, ids)
    edges = [{"source": e.source, "derived": e.derived, "evidence": e.evidence}
             for e in R.provenance_of(conn, story) if e.source not in changed and e.derived not in changed]
    return reading_order(ids, edges, lambda i: (i, parse_published(dates.get(i))))


def story_report(
    store: Store,
    summary: dict[str, Any],
    member_ids: list[str],
    max_articles: int | None = None,
    claims_for: Callable[[Article], ArticleClaims | None] | None = None,
    list_articles: bool = True,
) -> tuple[dict[str, Any], Comparison | None]:
    """``{story, articles, report, report_note, provenance_skipped}`` and the comparison (``None``
    if not possible); ``provenance_skipped`` is ``R.provenance_skipped`` of a story left without
    provenance edges for its pairs (``{reason, pairs, max_pairs}``), else ``None``.

    The one story report: ``newstrace story`` and the web app's story page both call this.
    ``member_ids`` are in the story's one order (``story_order``), so the report's first
    ``max_articles`` are the first ids, and ``articles`` lists them in that order: only
    ``articles`` (``list_articles``: the CLI's listing of every member with its words) reads the
    other members' texts, one at a time. The
    web app lists its rows a page at a time itself and passes ``list_articles=False``: a story of
    20,000 loaded and word-counted every text for a report of 12.
    ``claims_for`` gives an article's claims (default: those stored); the web app passes its own,
    which extracts and caches the claims of articles analysed without them. Passages and claims
    stored for an article whose text has changed since its analysis are left out (their offsets
    point into the old text) until ``analyze`` runs again.
    """
    limit = max_articles or LIMITS.max_compare_articles
    listed: list[dict[str, Any]] = []
    arts: list[Article] = []
    for a in store.iter_articles_by_ids(member_ids if list_articles else member_ids[:limit]):
        if list_articles:
            listed.append(a.listing())
        if len(arts) < limit:
            arts.append(a)
    # compared in the order given (``story_order``'s): sorted by the stream's, ``story --json``'s
    # report listed al-Arabiya's 334 before the Reuters report it cites, as the web's did not
    # ``undated``: its articles that give no date, which its span (``start`` to ``end``) leaves out
    story = {**summary, "undated": R.undated(store.conn, summary["id"])}
    doc: dict[str, Any] = {"story": story, "articles": listed, "report": None, "report_note": None, "provenance_skipped": None}
    if len(member_ids) > limit:
        doc["report_note"] = f"the report covers the first {limit} of {len(member_ids)} articles"
    try:
        from newstrace.compare import compare_articles
    except ImportError:  # pragma: no cover - the compare stage is part of the package
        doc["report_note"] = "the compare stage is not installed"
        return doc, None
    changed = R.changed_since_analysis(store.conn, [a.id for a in arts])
    ids = [a.id for a in arts]
    current = [i for i in ids if i not in changed]
    claims: dict[str, ArticleClaims] = {}
    if claims_for is None:
        claims_for = _stored_or_extracted(store, arts)
    for a in arts:
        c = claims_for(a)
        if c is not None:
            claims[a.id] = c
    from newstrace.reuse import ReuseResult, group_variants
    from newstrace.reuse.align import prepare

    # the reuse stage's result, read from the store instead of found again
    reuse = ReuseResult(pairs=R.pairs_among(store.conn, current))
    stored = R.provenance_of(store.conn, summary["id"])
    reuse.provenance = [e for e in stored if e.derived in current and e.source not in changed]
    if not stored and len(member_ids) > 1:  # why it has none, when the bound on its pairs is why
        doc["provenance_skipped"] = R.provenance_skipped(store.conn, member_ids)
    if reuse.pairs:
        prepared = [prepare(a) for a in arts]
        reuse.variants = group_variants(prepared, {a.id: i for i, a in enumerate(arts)}, reuse.pairs)
    comparison = compare_articles(arts, claims=claims if len(claims) == len(ids) else None, reuse=reuse)
    doc["report"] = comparison.to_dict()
    return doc, comparison


def _stored_or_extracted(store: Store, arts: list[Article]) -> Callable[[Article], ArticleClaims | None]:
    """The claims ``analyze`` stored of each article's current text by this version's rules, and
    the others' extracted now, in one batch: those analysed without claims (``--no-claims``),
    by older rules, or changed since. Stored as they were, ``story`` reported a ``--no-claims``
    database's stories as having no quotation, count or finding (the web app extracts them)."""
    fresh = R.claims_current(store.conn, [a.id for a in arts])
    found: dict[str, ArticleClaims | None] = {a.id: R.claims_of(store.conn, a.id) for a in arts if a.id in fresh}
    missing = [a for a in arts if a.id not in fresh]
    if missing:
        from newstrace.claims import extract_many

        found.update((c.article, c) for c in extract_many(missing))
    return lambda a: found.get(a.id)
