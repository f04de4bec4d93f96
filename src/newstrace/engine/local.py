"""The local engine: incremental analysis of one SQLite database, batch by batch.

Articles not yet analysed (new, changed, or analysed by an older version) are taken in stream
order (publication date, then id) in batches. Each batch runs the per-article steps, pairs its
articles with earlier ones through the stored candidate-key index, aligns the pairs, places the
articles in stories and threads, recomputes provenance of the stories it touched, and commits all
of it with the clustering state in ONE transaction. A killed run therefore loses at most the batch
it was in, and the next run resumes from the state the last commit left: adding 100 articles to a
million analyses 100 articles.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from newstrace.corpus import params
from newstrace.corpus.similarity import DocFreq, SimilarityModel
from newstrace.corpus.stories import Changes, Cluster, StoryClusterer
from newstrace.engine.steps import STEPS, article_steps, order_key, pair_record, story_provenance
from newstrace.errors import StoreError
from newstrace.model import Article
from newstrace.reuse.align import PrepareCache
from newstrace.store import results as R
from newstrace.store.sqlite import Store, row_to_article

BATCH = 500
#: prepared articles kept between pairs and batches (bounded memory: a few tens of KB each)
PREPARE_CACHE = 4096
#: stories bigger than this get no provenance graph (it is quadratic in pairs and unreadable)
PROVENANCE_MAX = 200


@dataclass
class AnalyzeReport:
    """What one ``analyze`` run did (``newstrace analyze --json``)."""

    engine: str = "local"
    analysed: int = 0
    batches: int = 0
    pairs: int = 0
    passages: int = 0
    quotes: int = 0
    quantities: int = 0
    stories: int = 0
    threads: int = 0
    pending: int = 0
    seconds: float = 0.0
    steps: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["seconds"] = round(self.seconds, 3)
        return d


def save_clusterer_state(conn: Any, cl: StoryClusterer) -> None:
    R.put_state(conn, "df", cl.df.to_bytes())
    R.put_state(conn, "clusterer", json.dumps(cl.progress_state()))


def load_clusterer(
    conn: Any,
    since: str | None,
    story: SimilarityModel = params.STORY,
    thread: SimilarityModel = params.THREAD,
    merge_every: int = BATCH,
) -> StoryClusterer:
    """The clusterer as the last committed batch left it, with the clusters still open at ``since``."""
    blob = R.get_state(conn, "df")
    meta_raw = R.get_state(conn, "clusterer")
    meta = json.loads(meta_raw) if meta_raw else {}
    df = DocFreq.from_bytes(blob, int(meta.get("n", 0))) if blob else DocFreq()
    cl = StoryClusterer(story, thread, df=df, merge_every=merge_every, seen=int(meta.get("seen", 0)), now=meta.get("now"))
    horizon = None
    if since is not None:
        from datetime import date, timedelta

        try:
            horizon = (date.fromisoformat(since[:10]) - timedelta(days=int(max(story.window, thread.window)) + 1)).isoformat()
        except ValueError:
            horizon = None
    for table, level in (("threads", "thread"), ("stories", "story")):
        for row in R.open_clusters(conn, table, horizon):
            cl.restore(Cluster.from_state(dict(row), level, bytes(row["state"])))  # type: ignore[arg-type]
    cl.restore_pending(meta)
    for s in cl.stories.values():
        for m in s.members:
            ps = R.partners_of(conn, m)
            if ps:
                cl.partners[m] = ps
    return cl


def persist_changes(conn: Any, ch: Changes, df: DocFreq) -> set[str]:
    """Write what the clusterer changed; returns the live stories touched (for provenance)."""
    for c in ch.threads:
        R.put_cluster(conn, c, c.label(df))
    for c in ch.stories:
        R.put_cluster(conn, c, c.label(df))
    R.put_memberships(conn, ch.memberships)
    for old, new in sorted(ch.merged_threads.items()):
        conn.execute("UPDATE stories SET thread=? WHERE thread=?", (new, old))
    touched = {s for s, _ in ch.memberships.values()} | set(ch.merged.values())
    for old in ch.merged:
        conn.execute("DELETE FROM provenance WHERE story=?", (old,))
    return {s for s in touched if s not in ch.merged}


def refresh_provenance(store: Store, stories: set[str], cache: PrepareCache | None = None) -> None:
    conn = store.conn
    for sid in sorted(stories):
        ids = R.members(conn, sid)
        if len(ids) < 2 or len(ids) > PROVENANCE_MAX:
            R.put_provenance(conn, sid, [])
            continue
        pairs = R.pairs_among(conn, ids)
        if not pairs:
            R.put_provenance(conn, sid, [])
            continue
        arts = [a for a in (store.get_article(i) for i in ids) if a is not None]
        R.put_provenance(conn, sid, story_provenance(arts, pairs, cache))


def analyze(
    store: Store,
    *,
    batch_size: int = BATCH,
    steps: Sequence[str] = STEPS,
    max_df: int | None = None,
    story: SimilarityModel = params.STORY,
    thread: SimilarityModel = params.THREAD,
    on_batch: Callable[[int, int], None] | None = None,
) -> AnalyzeReport:
    """Analyse every article not analysed yet; commit per batch (see the module docstring).

    ``on_batch(done, total)`` reports progress after each committed batch.
    """
    if store.readonly:
        raise StoreError(f"{store.path}: opened read-only")
    t0 = time.perf_counter()
    steps = [s for s in STEPS if s in steps]
    report = AnalyzeReport(steps=list(steps))
    if max_df is None:
        from newstrace.reuse.candidates import MAX_DF

        max_df = MAX_DF
    conn = store.conn
    todo = R.pending(conn)
    report.pending = len(todo)
    if not todo:
        report.seconds = time.perf_counter() - t0
        _count(store, report)
        return report
    first = _articles(store, [todo[0][0]])
    since = first[0].published.isoformat()[:10] if first and first[0].published else None
    cl = load_clusterer(conn, since, story, thread, merge_every=batch_size) if "stories" in steps else None
    prepared = PrepareCache(PREPARE_CACHE)
    done = 0
    for start in range(0, len(todo), batch_size):
        chunk = todo[start : start + batch_size]
        arts = sorted(_articles(store, [s for s, _ in chunk]), key=order_key)
        again = {a.id for a in arts} & _reanalysed(store, chunk)
        records = list(article_steps(arts, steps))
        last = start + batch_size >= len(todo)
        with store.transaction():
            if again:
                R.clear_article_results(conn, sorted(again))
            partners: dict[str, dict[str, float]] = {}
            if "reuse" in steps:
                cache: dict[str, Article] = {a.id: a for a in arts}
                for a, rec in zip(arts, records, strict=True):
                    for p in R.key_partners(conn, a.id, rec.keys, max_df):
                        report.pairs += 1
                        other = cache.get(p) or store.get_article(p)
                        if other is None:
                            continue
                        rec_pair = pair_record(other, a, prepared)
                        if rec_pair is not None:
                            R.put_pair(conn, rec_pair.pair, rec_pair.chars, rec_pair.quoted)
                            report.passages += len(rec_pair.pair.shared)
                            partners.setdefault(a.id, {})[p] = rec_pair.strength
            if "claims" in steps:
                for rec in records:
                    if rec.claims is not None:
                        R.put_claims(conn, rec.claims)
            if cl is not None:
                known = _has_membership(conn, again)
                for rec in records:
                    if rec.id not in known:
                        cl.add(rec.features, partners.get(rec.id))
                if last:
                    cl.finish()
                touched = persist_changes(conn, cl.drain(), cl.df)
                save_clusterer_state(conn, cl)
                if "reuse" in steps:
                    refresh_provenance(store, touched, prepared)
            R.mark_analysed(conn, [(a.id, _hash(store, a.id)) for a in arts])
        done += len(chunk)
        report.analysed += len(chunk)
        report.batches += 1
        if on_batch is not None:
            on_batch(done, len(todo))
    report.seconds = time.perf_counter() - t0
    _count(store, report)
    return report


def _articles(store: Store, seqs: Sequence[int]) -> list[Article]:
    out: list[Article] = []
    for i in range(0, len(seqs), 500):
        part = list(seqs[i : i + 500])
        marks = ",".join("?" * len(part))
        out.extend(row_to_article(r) for r in store.conn.execute(f"SELECT * FROM articles WHERE seq IN ({marks})", part))
    return out


def _reanalysed(store: Store, chunk: Sequence[tuple[int, bool]]) -> set[str]:
    seqs = [s for s, before in chunk if before]
    if not seqs:
        return set()
    return {a.id for a in _articles(store, seqs)}


def _has_membership(conn: Any, ids: set[str]) -> set[str]:
    return {i for i in ids if conn.execute("SELECT 1 FROM memberships WHERE article=?", (i,)).fetchone()}


def _hash(store: Store, article_id: str) -> str:
    row = store.conn.execute("SELECT content_hash FROM articles WHERE id=?", (article_id,)).fetchone()
    return str(row[0])


def _count(store: Store, report: AnalyzeReport) -> None:
    c = store.conn
    report.stories = int(c.execute("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL").fetchone()[0])
    report.threads = int(
        c.execute(
            "SELECT COUNT(DISTINCT thread) FROM stories WHERE merged_into IS NULL AND thread IS NOT NULL"
        ).fetchone()[0]
    )
    report.quotes = int(c.execute("SELECT COUNT(*) FROM quotes").fetchone()[0])
    report.quantities = int(c.execute("SELECT COUNT(*) FROM quantities").fetchone()[0])
