"""The local engine: incremental analysis of one SQLite database, batch by batch.

Articles not yet analysed (new, changed, analysed by an older version or without a step this run
takes) are taken in stream order (publication date, then id) in batches. Each batch runs the
per-article steps, pairs its articles with earlier ones through the stored candidate-key index,
aligns the pairs, places the articles in stories and threads, recomputes provenance of the
stories it touched, and commits all of it with the clustering state in ONE transaction. A killed
run therefore loses at most the batch it was in, and the next run resumes from the state the last
commit left: adding 100 articles to a million analyses 100 articles.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shlex
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import partial
from sqlite3 import Connection, Row
from types import TracebackType
from typing import Any

from newstrace.corpus import params
from newstrace.corpus.features import EPOCH, days, label_terms
from newstrace.corpus.similarity import DocFreq, SimilarityModel
from newstrace.corpus.stories import STATE_MAGIC, Changes, Cluster, StoryClusterer, instant
from newstrace.engine.steps import (
    STEPS,
    WARN_EXAMPLES,
    ArticleRecord,
    PairRecord,
    article_steps,
    order_key,
    pair_record,
    story_provenance,
)
from newstrace.errors import (
    Interrupted,
    KeptWarnings,
    StoreError,
    Warn,
    an_instance,
    survive_bug,
)
from newstrace.model import (
    Article,
    agreeing,
    counted,
    parse_published,
    published_order,
    stream_order_key,
)
from newstrace.reuse.align import PrepareCache
from newstrace.reuse.candidates import MIN_KEYS
from newstrace.store import results as R
from newstrace.store.lock import analysis_lock, close_inherited
from newstrace.store.sqlite import Store, in_list, placement_hash, row_to_article, text_hash

BATCH = 500
#: how often a run waiting for its batch's per-article steps on the pool reads how many are done
PROGRESS_POLL = 0.25
#: prepared articles kept between pairs and batches (bounded memory: a few tens of KB each)
PREPARE_CACHE = 4096


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
    semantic: bool = False
    #: articles placed again by a rebuild of the stories (``recluster``)
    reclustered: int = 0
    #: analysed articles whose claims alone were extracted: by newer claims rules (``CLAIMS_VERSION``),
    #: or for the first time after a run without claims
    claims_refreshed: int = 0
    #: stories whose provenance alone was built again, older rules having built it (``PROVENANCE_VERSION``)
    provenance_refreshed: int = 0
    #: stories and threads named again, an older version's label rules having named them (``LABELS_VERSION``)
    labels_refreshed: int = 0
    #: stories this run left without provenance edges, their articles holding more reuse pairs
    #: than ``R.PROVENANCE_MAX_PAIRS`` (each named in ``warnings``, as the Spark engine names them)
    provenance_unbuilt: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Every field, in every run: 0, [] or false when there is nothing to say, as ``ingest --json``
        and ``load-results --json`` write theirs and the Spark engine's report its own. Those of
        nothing done (``semantic``, ``reclustered``, the refreshes, ``provenance_unbuilt``,
        ``warnings``) were left out, so that a consumer read ``rep["warnings"]`` of one run and got
        a KeyError from the next; none is taken away, the keys of a run that had some are as before."""
        d = asdict(self)
        d["seconds"] = round(self.seconds, 3)
        return d


#: the model ``--semantic`` runs record in the database (``R.SEMANTIC_KEY``)
SEMANTIC_MODEL = "all-MiniLM-L6-v2"


def check_semantic(
    store: Store,
    semantic: bool,
    *,
    what: str = "this run",
    fix: str | None = None,
) -> None:
    """Refuse to mix clustering models: a database keeps the choice its first analysis made.

    Stories built with sentence embeddings carry embedding sums in their saved centroids and were
    joined by the semantic model; adding articles without embeddings to them (or the reverse)
    would silently build stories with two different models, so a resumed or incremental run, and
    Spark results loaded into the database (``engine.load``), must use the choice it was analysed
    with. ``what`` names the incoming side and ``fix`` what to do instead, in the error; by default
    the two commands that do, written out (it said "run 'newstrace analyze' with the database's
    choice, or ... 'newstrace analyze --recluster'", which rebuilds the stories without embeddings
    whichever choice was refused).
    """
    if not R.analysed_any(store.conn):
        return
    ours = R.semantic_model(store.conn) is not None
    if ours != semantic:
        how = {True: "with sentence embeddings (--semantic)", False: "without sentence embeddings (without --semantic)"}
        if fix is None:
            analyze = f"newstrace analyze --db {shlex.quote(str(store.path))}"
            fix = (f"run '{analyze}{' --semantic' if ours else ''}' (the database's choice), or rebuild its stories "
                   f"with this run's ('{analyze} --recluster{' --semantic' if semantic else ''}')")
        raise StoreError(f"{store.path}: its stories were built {how[ours]}, {what} {how[semantic]}; {fix}")


def save_clusterer_state(conn: Any, cl: StoryClusterer) -> None:
    R.put_state(conn, "df", cl.df.to_bytes())
    R.put_state(conn, "clusterer", json.dumps(cl.progress_state()))
    R.put_state(conn, R.MODELS_KEY, params.fingerprint(cl.story_model, cl.thread_model))
    # the labels it names are this version's: a run names an older version's again before it
    # places anything (``_relabel``), a rebuild names them all anew
    R.mark_labels(conn)


def models_warning(store: Store, story: SimilarityModel, thread: SimilarityModel) -> str | None:
    """Why the stories of ``store`` may not be what this version would build, if they may not.

    New articles join stories whose centroids an older version wrote, with another version's
    weights or features (a database of an earlier release, or analysed with other models); the
    stories stay usable, and ``analyze --recluster`` rebuilds them with this version's.
    """
    if not R.analysed_any(store.conn):
        return None
    raw = R.get_state(store.conn, R.MODELS_KEY)
    if raw is not None and raw.decode() == params.fingerprint(story, thread):
        return None
    return (
        f"{store.path}: its stories were built by other clustering models (an earlier newstrace); new "
        "articles join them with this version's, and 'newstrace analyze --recluster' rebuilds them all"
    )


def load_clusterer(
    store: Store,
    since: str | None,
    story: SimilarityModel = params.STORY,
    thread: SimilarityModel = params.THREAD,
) -> StoryClusterer:
    """The clusterer as the last committed batch left it, with the clusters still open at ``since``.

    Open clusters saved in the JSON layout of earlier versions are written again in the current
    one (``Cluster.to_state``), so that only the first run after an upgrade pays for decoding them.
    """
    conn = store.conn
    blob = R.get_state(conn, "df")
    meta_raw = R.get_state(conn, "clusterer")
    meta = json.loads(meta_raw) if meta_raw else {}
    df = DocFreq.from_bytes(blob, int(meta.get("n", 0))) if blob else DocFreq()
    cl = StoryClusterer(story, thread, df=df, seen=int(meta.get("seen", 0)), now=meta.get("now"))
    horizon = None
    if since is not None:
        try:
            start = date.fromisoformat(since[:10])
        except ValueError:
            start = None
        if start is not None:
            # articles older than the stream (an archive added later) find none of the clusters
            # the stream has passed: the first one they meet retires them, so they stay closed
            # and, when the news resumes days after the last article placed, the clusters open then
            # are re-opened all the same: the next article retires them, and an uninterrupted run
            # writes them again, labelled with that batch's document frequencies
            if cl.now is not None:
                start = EPOCH + timedelta(days=int(cl.now))
            margin = timedelta(days=int(max(story.window, thread.window)) + 1)
            # a stream that starts in year 1 (an export's unset date, .NET's DateTime.MinValue) has
            # nothing before it to leave closed
            horizon = (start - margin).isoformat() if start - date.min > margin else None
    older: list[Cluster] = []
    for table, level in (("threads", "thread"), ("stories", "story")):
        for row in R.open_clusters(conn, table, horizon):
            state = bytes(row["state"])
            c = Cluster.from_state(dict(row), level, state)  # type: ignore[arg-type]
            if cl.restore(c) and not state.startswith(STATE_MAGIC):
                older.append(c)
    if older:
        with store.transaction():
            R.put_states(conn, older)
    cl.restore_pending(meta)
    for s in cl.stories.values():
        for m in s.members:
            ps = R.partners_of(conn, m)
            if ps:
                cl.partners[m] = ps
    return cl


def persist_changes(conn: Any, ch: Changes) -> set[str]:
    """Write what the clusterer changed; returns the live stories touched (for provenance)."""
    for c in ch.threads:
        R.put_cluster(conn, c, ch.label_of(c))
    for c in ch.stories:
        R.put_cluster(conn, c, ch.label_of(c))
    R.put_memberships(conn, ch.memberships)
    for old, new in sorted(ch.merged_threads.items()):
        conn.execute("UPDATE stories SET thread=? WHERE thread=?", (new, old))
    touched = {s for s, _ in ch.memberships.values()} | set(ch.merged.values())
    for old in ch.merged:
        conn.execute("DELETE FROM provenance WHERE story=?", (old,))
    return {s for s in touched if s not in ch.merged}


def refresh_provenance(
    store: Store,
    stories: set[str],
    cache: PrepareCache | None = None,
    warn: Warn | None = None,
    unbuilt: Callable[[str, int], None] | None = None,
) -> None:
    """Build the edges of ``stories`` from their members' stored pairs, by this version's rules
    (``R.put_provenance`` records ``R.PROVENANCE_VERSION`` with them). A story over
    ``R.PROVENANCE_MAX_PAIRS`` gets none, and is told to ``unbuilt`` (story, pairs) when given (a
    run says it once: ``_Said.unbuilt``), else said to ``warn``."""
    conn = store.conn
    for sid in sorted(stories):
        ids = R.members(conn, sid)
        if len(ids) < 2:
            R.put_provenance(conn, sid, [])
            continue
        # counted before any passage is read: a story over the bound costs one query
        if (n := R.count_pairs_among(conn, ids)) > R.PROVENANCE_MAX_PAIRS:
            R.put_provenance(conn, sid, [])
            if unbuilt is not None:
                unbuilt(sid, n)
            elif warn is not None:
                warn(R.skipped_provenance(sid, n))
            continue
        pairs = R.pairs_among(conn, ids)
        if not pairs:
            R.put_provenance(conn, sid, [])
            continue
        # the articles of its pairs only: a member that shares no text with another has no edge
        # and orders none (``infer_provenance`` orders the others as before)
        paired = {i for p in pairs for i in (p.a, p.b)}
        arts = [a for a in (store.get_article(i) for i in ids if i in paired) if a is not None]
        R.put_provenance(conn, sid, story_provenance(arts, pairs, cache, warn, sid))


def refresh_reach(store: Store, cl: StoryClusterer | None, stories: set[str]) -> None:
    """Give ``stories``, and their threads, the reach their members' articles give now: articles
    by outlet, the first article in the stream and its outlet, the first and last day, the
    centroid's time statistics (``Cluster.set_reach``), and the label where the outlets it leaves
    out changed it.

    An article changed since it was placed keeps its story (``analyze`` says so where what placed
    it may place it elsewhere: only ``--recluster`` places it again); its story's row and state
    still counted it under the outlet and date it had then, so a page that took its address and
    its host as outlet from a later copy (``Store._fill_in``: "RT International", then "rt.com")
    left its story, its thread and the outlet network's first-seen counts naming the old outlet,
    and an article dated anew left its story's first article, days and time decay as they were,
    until ``--recluster``. Each is read again from its members (a thread's: those of its stories),
    as ``_join`` counted them, and written only where it changed: nothing is placed again, and a
    run after changes nothing. An open cluster is changed in ``cl`` too, whose next write would
    put the old counts back. ``analyze`` does it before it places the run's new articles, which
    meet the stories as they are now."""
    conn = store.conn
    df = cl.df if cl is not None else _stored_df(conn)
    threads = {t for t in (_refresh_one(conn, cl, df, "story", s) for s in sorted(stories)) if t}
    for t in sorted(threads):
        _refresh_one(conn, cl, df, "thread", t)


def _stored_df(conn: Any) -> DocFreq:
    """The document frequencies the last committed batch left (``save_clusterer_state``)."""
    blob = R.get_state(conn, "df")
    meta_raw = R.get_state(conn, "clusterer")
    meta = json.loads(meta_raw) if meta_raw else {}
    return DocFreq.from_bytes(blob, int(meta.get("n", 0))) if blob else DocFreq()


#: a story's articles, and a thread's (those of its stories), by the cluster's id
_MEMBERS = {
    "story": "memberships m JOIN articles a ON a.id=m.article WHERE m.story=?",
    "thread": "memberships m JOIN stories s ON s.id=m.story JOIN articles a ON a.id=m.article "
              "WHERE s.thread=? AND s.merged_into IS NULL",
}


def _refresh_one(conn: Any, cl: StoryClusterer | None, df: DocFreq, level: str, cid: str) -> str | None:
    """``refresh_reach`` of one live story or thread; the thread of a story it changed.

    Its first article is the first of its members in the stream (``stream_order_key``), which is
    the one that opened it in a run that placed them in order (on FA-KES dev and the seeds, every
    story and thread of 612); its id, which that article's gave it, stays. Its label is named
    again, with the document frequencies of now, only where the outlets' own names, which labels
    leave out, make another label of it: a label names the story, and another moment's frequencies
    would rank its words otherwise for no change of the story's."""
    table = "stories" if level == "story" else "threads"
    row = conn.execute(f"SELECT * FROM {table} WHERE id=?", (cid,)).fetchone()
    if row is None or row["merged_into"] or row["state"] is None:
        return None
    held = None if cl is None else (cl.stories if level == "story" else cl.threads).get(cid)
    c = held or Cluster.from_state(dict(row), level, bytes(row["state"]))  # type: ignore[arg-type]
    arts = conn.execute(f"SELECT a.id, a.outlet, a.published FROM {_MEMBERS[level]}", (cid,)).fetchall()
    if not arts:
        return None
    dated = [(r, d) for r in arts if (d := parse_published(r["published"])) is not None]
    first = min(arts, key=lambda r: stream_order_key(published_order(parse_published(r["published"])), r["id"]))
    outlets = Counter(str(r["outlet"]) for r in arts if r["outlet"])
    days_ = [d.isoformat() for _, d in dated]
    start, end = (min(days_, key=instant), max(days_, key=instant)) if days_ else (None, None)
    times = sorted(t for _, d in dated if (t := days(d)) is not None)
    before = c.label(df) if set(outlets) != set(c.outlets) else None
    if not c.set_reach(outlets, first["id"], first["outlet"], start, end, times):
        return None
    label = row["label"]
    if before is not None and (after := c.label(df)) != before:
        label = c.name = after
    if held is not None and cl is not None:
        # ``cl.now`` (the latest time the stream has seen) stays where it is, even for a member
        # dated anew past it. Time decay reads no ``now`` (article and cluster times only); ``now``
        # decides which clusters leave their window, which articles are said to be late and when
        # a new day names and merges. Raised here, before the run places its new articles (or
        # between its batches), it would close, for the new articles dated before that member,
        # stories a run in publication order (``--recluster``) keeps open for them, and count
        # them late; the cluster itself is re-armed by its own newest time (``reached``), and the
        # first new article dated past ``now`` moves it on, as in a run in order
        cl.reached(held)
    R.put_cluster(conn, c, label)
    # ``put_cluster`` keeps a row's first article and its outlet (a merge's survivor keeps its own)
    conn.execute(f"UPDATE {table} SET first_article=?, first_outlet=? WHERE id=?", (c.first_article, c.first_outlet, cid))
    return row["thread"] if level == "story" else None


# --- the process pool for the pure steps (``workers > 1``) ---------------------------------------

#: prepared articles each worker keeps (the worker's own cache, like the engine's)
_WORKER_CACHE: PrepareCache | None = None


#: the pool's count of records done, per part of the batches in flight (``_Steps.counts``)
_WORKER_COUNTS: Any = None


def _worker_init(parent: int, counts: Any = None) -> None:
    """Make a pool worker end with the run that started it, and count the records it makes in
    ``counts`` (``_worker_article_steps``).

    A killed ``analyze`` (SIGKILL, OOM) cannot shut its pool down, and a worker waiting for work
    would wait forever: on Linux the kernel kills it with its parent (``PR_SET_PDEATHSIG``); a
    watchdog thread covers other systems and the moment before that call.
    """
    import sys
    import threading

    global _WORKER_COUNTS
    _WORKER_COUNTS = counts
    close_inherited()  # the parent's analysis lock is the parent's: a worker must not outlive it holding it
    # Ctrl-C signals the whole process group: only the run handles it (it stops the pool), a worker
    # interrupted in the middle of a queue operation would leave the pool's locks taken and hang it.
    # The pool forks its workers with SIGINT blocked (``_Steps``), so none is lost before this line.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="newstrace-parent-watch", daemon=True).start()


def _worker_article_steps(
    arts: list[Article],
    steps: list[str],
    semantic: bool = False,
    claims_kept: frozenset[str] = frozenset(),
    slot: int | None = None,
) -> list[ArticleRecord]:
    """The records of a part of a batch; each one done is counted in its ``slot`` of the shared
    counts, which the run reads for its progress (one part a slot: no two workers write one)."""
    out: list[ArticleRecord] = []
    for rec in article_steps(arts, steps, semantic=semantic, claims_kept=claims_kept):
        out.append(rec)
        if slot is not None and _WORKER_COUNTS is not None:
            _WORKER_COUNTS[slot] = len(out)
    return out


#: the worker's own read-only connection to the database being analysed
_WORKER_STORE: Store | None = None


def _worker_pairs(jobs: list[tuple[Article, list[str]]], db: str) -> tuple[list[list[PairRecord | None]], list[str]]:
    """``pair_record(other, a)`` of each job's article ``a`` with each of its candidates, and the
    warnings of the pairs it could not align.

    Candidates arrive as ids and are read here from the database (committed by ``ingest``): on a
    dense corpus an article has tens of candidates, and pickling their texts through the pool's
    pipes kept the workers waiting for input and the engine waiting for the workers.
    """
    global _WORKER_CACHE, _WORKER_STORE
    if _WORKER_CACHE is None:
        _WORKER_CACHE = PrepareCache(PREPARE_CACHE // 2)
    if _WORKER_STORE is None or str(_WORKER_STORE.path) != db:
        _WORKER_STORE = Store(db, readonly=True)
    out: list[list[PairRecord | None]] = []
    said: list[str] = []
    for a, ids in jobs:
        others = [_WORKER_STORE.get_article(i) for i in ids]
        out.append([None if o is None else pair_record(o, a, _WORKER_CACHE, said.append) for o in others])
    return out, said


def default_workers() -> int:
    """Worker processes ``analyze`` uses unless told: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _split(xs: Sequence[Any], parts: int) -> list[list[Any]]:
    """``xs`` in ``parts`` contiguous chunks of near-equal size (order kept when concatenated)."""
    n = len(xs)
    bounds = [n * i // parts for i in range(parts + 1)]
    return [list(xs[bounds[i] : bounds[i + 1]]) for i in range(parts) if bounds[i] < bounds[i + 1]]


class _Steps:
    """Runs the pure steps in this process (``workers=1``) or spread over a process pool.

    Results come back in input order whatever the pool does, so the records, the order they are
    written in and therefore the database are the same with any number of workers.
    """

    def __init__(self, workers: int, steps: list[str], cache: PrepareCache, semantic: bool = False) -> None:
        self.steps = steps
        self.semantic = semantic
        self.cache = cache
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        #: records done, a slot per part of the two batches that may be in flight (the one the run
        #: takes and the next, started meanwhile), shared with the workers
        self.counts: Any = None
        self.batches = 0
        if workers > 1:
            try:
                self._start_pool(workers)
            except BaseException:  # Ctrl-C as the workers start: stop those that did
                self.abort()
                raise

    def _start_pool(self, workers: int) -> None:
        """Start the workers now, with SIGINT blocked so that none of them is interrupted before
        its initializer makes it ignore SIGINT (a Ctrl-C meanwhile reaches this process after)."""
        methods = multiprocessing.get_all_start_methods()
        # fork: workers start in milliseconds and share the loaded models; else the default
        ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        mask = hasattr(signal, "pthread_sigmask")
        before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if mask else set()
        try:
            self.counts = ctx.Array("q", 2 * self._parts, lock=False)
            self.pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=ctx, initializer=_worker_init, initargs=(os.getpid(), self.counts)
            )
            # the first submit forks every worker (fork context) and starts the pool's thread,
            # which keeps the blocked mask: Ctrl-C is then always this thread's to handle
            self.pool.submit(int)
        finally:
            if mask:
                signal.pthread_sigmask(signal.SIG_SETMASK, before)

    @property
    def _parts(self) -> int:
        """Parts of a batch on the pool: two a worker, so that none waits long for the slowest."""
        return self.workers * 2

    def articles(self, arts: list[Article], claims_kept: frozenset[str] = frozenset()) -> _Records:
        """Per-article records, started now (on the pool) so they can run while the caller works;
        the claims of ``claims_kept`` are not extracted (``article_steps``). The caller takes each
        batch's records (``_Records.result``) before it starts the one after the next, so the
        slots of the counts of two batches are enough."""
        if self.pool is None:  # computed when the batch is taken, as without a pool
            return _Records(later=lambda: article_steps(arts, self.steps, semantic=self.semantic, claims_kept=claims_kept))
        parts = _split(arts, self._parts)
        first = (self.batches % 2) * self._parts
        self.batches += 1
        slots = list(range(first, first + len(parts)))
        for i in slots:
            self.counts[i] = 0
        return _Records(
            parts=[
                self.pool.submit(_worker_article_steps, part, self.steps, self.semantic, claims_kept, slot)
                for part, slot in zip(parts, slots, strict=True)
            ],
            counts=self.counts,
            slots=slots,
        )

    def pairs(self, store: Store, jobs: list[tuple[Article, list[str]]], warn: Warn) -> Iterator[list[PairRecord | None]]:
        """``pair_record(other, a)`` for each job ``(a, candidate ids)``, job by job in input order
        (``None`` where a candidate is not in ``store``); pairs it could not align are told ``warn``.

        On the pool the work is submitted before this returns (ahead of anything submitted later);
        in this process it is done lazily, as the caller iterates.
        """
        if self.pool is None:
            return (
                [None if (o := store.get_article(i)) is None else pair_record(o, a, self.cache, warn) for i in ids]
                for a, ids in jobs
            )
        db = str(store.path.resolve())
        futures = [self.pool.submit(_worker_pairs, part, db) for part in _split(jobs, self.workers * 4)]

        def results() -> Iterator[list[PairRecord | None]]:
            for f in futures:
                recs, said = f.result()
                for line in said:
                    warn(line)
                yield from recs

        return results()

    def __enter__(self) -> _Steps:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        """The end of a run's pool: killed at once on an error or a Ctrl-C (``abort``), else when
        the work it was given is done (``close``)."""
        if kind is not None:
            self.abort()
        self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def abort(self) -> None:
        """Stop the pool now, its running work lost (Ctrl-C, or an error: nothing will use it).

        ``shutdown`` alone waits for the work running on the workers, a whole part of a batch. The
        workers are killed instead; one killed while sending its result may leave half a message
        in the result pipe, which the pool's thread would wait on for ever while a write end of the
        pipe is open: this process's copy is closed, so that it reads the end of the pipe and
        marks the pool broken, and ``shutdown`` returns.
        """
        pool, self.pool = self.pool, None
        if pool is None:
            return
        mask = hasattr(signal, "pthread_sigmask")
        before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if mask else set()
        try:  # a second Ctrl-C waits until the pool is down (a fraction of a second)
            for proc in list((getattr(pool, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    proc.kill()
            writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
            if writer is not None:
                with contextlib.suppress(Exception):
                    writer.close()
            pool.shutdown(wait=True, cancel_futures=True)
        finally:
            if mask:
                signal.pthread_sigmask(signal.SIG_SETMASK, before)


class _Records:
    """Per-article records of one batch: to compute in this process, or parts running on the pool."""

    def __init__(
        self,
        later: Callable[[], Iterable[ArticleRecord]] | None = None,
        parts: list[Future[list[ArticleRecord]]] | None = None,
        counts: Any = None,
        slots: Sequence[int] = (),
    ) -> None:
        self.later = later
        self.parts = parts or []
        self.counts = counts
        self.slots = list(slots)
        self.done: list[ArticleRecord] | None = None

    def result(self, tick: Callable[[int], None] | None = None, at: int = 0) -> list[ArticleRecord]:
        """The records; an error of the steps surfaces here, before the batch's transaction.

        ``tick(at + n)`` is told how many of the batch's records are done as they are: each article
        in this process, and on the pool as the workers count them (read every ``PROGRESS_POLL``
        seconds while the parts run)."""
        if self.done is None:
            if self.later is not None:
                out: list[ArticleRecord] = []
                for rec in self.later():
                    out.append(rec)
                    if tick is not None:
                        tick(at + len(out))
                self.done = out
            else:
                if tick is not None and self.counts is not None:
                    told = -1
                    while True:
                        running = wait(self.parts, timeout=PROGRESS_POLL).not_done
                        n = sum(self.counts[i] for i in self.slots)
                        if n != told and running:
                            tick(at + n)
                            told = n
                        if not running:
                            break
                self.done = [r for p in self.parts for r in p.result()]
                if tick is not None:
                    tick(at + len(self.done))
        return self.done


def analyze(
    store: Store,
    *,
    batch_size: int = BATCH,
    steps: Sequence[str] = STEPS,
    max_df: int | None = None,
    story: SimilarityModel | None = None,
    thread: SimilarityModel | None = None,
    on_batch: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    semantic: bool = False,
    recluster: bool = False,
    on_article: Callable[[int, int], None] | None = None,
) -> AnalyzeReport:
    """Analyse every article not analysed yet; commit per batch (see the module docstring).

    One analysis at a time per database: a run refuses to start (``StoreError``) while another
    process analyses ``store`` or loads results into it (``store.lock.analysis_lock``).

    ``on_batch(done, total)`` reports progress after each committed batch, ``on_article(done,
    total)`` within a batch, as its articles' per-article steps are done (nearly all of a batch's
    time: nothing of it is committed yet). ``workers`` processes
    (default: the cores available) run the pure steps: the per-article records of the next batch
    are computed while this one is aligned and clustered, and the candidate pairs of a batch are
    aligned in parallel. Results are collected in input order, so the database is the same with
    any number of workers; ``workers=1`` runs everything in this process.

    ``semantic`` adds sentence embeddings to the story and thread models (extra ``semantic``;
    ``story``/``thread`` default to ``params.models(semantic)``). The choice is recorded in the
    database and a later run with the other choice is refused (``check_semantic``).

    ``recluster`` rebuilds every story and thread from the analysed articles with this version's
    models (``story``/``thread``, and ``semantic`` may change with it) before the new articles are
    analysed: reuse pairs and claims are kept, the clustering features are computed again. The
    rebuild commits per batch too, and a later run finishes a killed one. Without it, a database
    whose stories other models built is analysed as it is and the report says so
    (``models_warning``).
    """
    an_instance(store, Store, "analyze", "newstrace.Store(path) opens a database, which analyze takes")
    if store.readonly:
        raise store.opened_readonly("analyze")
    run = _Run()
    with analysis_lock(store.path, "analyze"):
        try:
            return _analyze(
                store,
                run,
                batch_size=batch_size,
                steps=steps,
                max_df=max_df,
                story=story,
                thread=thread,
                on_batch=on_batch,
                workers=workers,
                semantic=semantic,
                recluster=recluster,
                on_article=on_article,
            )
        except Interrupted:
            raise
        except KeyboardInterrupt:  # the batch in progress was rolled back, the pool stopped
            raise Interrupted(run.kept(store)) from None


@dataclass
class _Run:
    """What a run set out to do, for the message of an interrupted one (``kept``)."""

    steps: list[str] = field(default_factory=list)
    todo: list[int] = field(default_factory=list)
    placing: list[int] = field(default_factory=list)
    refreshing: list[int] = field(default_factory=list)
    rebuilding: list[str] = field(default_factory=list)

    def kept(self, store: Store) -> str:
        """How many articles this run committed (the database says it: a Ctrl-C may have landed
        after a batch's commit and before the run counted it), and how to go on."""
        # the database by name: 'newstrace analyze' alone, as it said, opens the default one
        again = f"run 'newstrace analyze --db {shlex.quote(str(store.path))}' again to resume"
        try:
            conn = store.conn
            placed = len(set(self.placing) - set(R.unclustered(conn))) if self.placing else 0
            claims = len(set(self.refreshing) - set(R.claims_behind(conn, self.steps))) if self.refreshing else 0
            edges = len(set(self.rebuilding) - {s for s, _ in R.provenance_behind(conn)}) if self.rebuilding else 0
            n = len(set(self.todo) - {seq for seq, _ in R.pending(conn, steps=self.steps)}) if self.todo else 0
        except Exception:  # the message must not fail: it is said without the count
            return f"what its committed batches analysed is kept; {again}"
        # counted as the closing line counts them (``cli.corpus._analysed_said``): "1,000 articles",
        # "1 article ... is kept", where the stop said "1000 article(s) ... are kept"
        done = [f"{counted(placed, 'article', grouped=True)} placed in stories again"] if placed else []
        done += [f"the claims alone of {counted(claims, 'article', grouped=True)} extracted"] if claims else []
        done += [f"the provenance alone of {counted(edges, 'story', 'stories', grouped=True)} built again"] if edges else []
        done.append(f"{counted(n, 'article', grouped=True)} analysed")
        are = agreeing(n, "is", "are") if len(done) == 1 else "are"
        return f"{', '.join(done)} by this run {are} kept; {again}"


def _analyze(
    store: Store,
    run_of: _Run,
    *,
    batch_size: int,
    steps: Sequence[str],
    max_df: int | None,
    story: SimilarityModel | None,
    thread: SimilarityModel | None,
    on_batch: Callable[[int, int], None] | None,
    workers: int | None,
    semantic: bool,
    recluster: bool,
    on_article: Callable[[int, int], None] | None,
) -> AnalyzeReport:
    t0 = time.perf_counter()
    steps = [s for s in STEPS if s in steps]
    default_story, default_thread = params.models(semantic)
    story = story or default_story
    thread = thread or default_thread
    if semantic:
        from newstrace.corpus.semantic import get_embedder

        get_embedder()  # a missing extra fails here, before anything; forked workers share it
    if recluster and "stories" in steps:
        state: dict[str, bytes | str] = {R.MODELS_KEY: params.fingerprint(story, thread),
                                         R.LABELS_VERSION_KEY: str(R.LABELS_VERSION)}
        if semantic:
            state[R.SEMANTIC_KEY] = SEMANTIC_MODEL
        with store.transaction():
            R.start_recluster(store.conn, state)
    check_semantic(store, semantic)
    report = AnalyzeReport(steps=list(steps), semantic=semantic)
    if max_df is None:
        from newstrace.reuse.candidates import MAX_DF

        max_df = MAX_DF
    conn = store.conn
    todo = R.pending(conn, steps=steps)
    placing = R.unclustered(conn) if "stories" in steps else []
    refreshing = R.claims_behind(conn, steps)
    run_of.steps, run_of.todo, run_of.placing, run_of.refreshing = list(steps), [q for q, _ in todo], placing, refreshing
    warning = models_warning(store, story, thread) if "stories" in steps else None
    if warning:
        report.warnings.append(warning)
    report.pending = len(todo)
    n_workers = default_workers() if workers is None else max(1, workers)
    # a story's articles count towards the progress for the rebuild of its provenance alone
    behind = R.provenance_behind(conn)
    # and each article of a story towards the labels named again (``_relabel``)
    relabelling = R.labels_behind(conn) and "stories" in steps
    # those a killed run left (``R.labels_left``)
    labelled = sum(int(r["size"]) for r in R.labels_left(conn)) if relabelling else 0
    total = len(placing) + len(refreshing) + len(todo) + sum(size for _, size in behind) + labelled
    said = _Said()

    def progress(done: int) -> None:
        if on_batch is not None:
            on_batch(done, total)

    def advance(done: int) -> None:
        if on_article is not None:
            on_article(done, total)

    if total:  # a bar knows what there is to do before the first batch ends (not "0/?")
        progress(0)
    if placing:
        _place_again(store, placing, story, thread, batch_size, n_workers, semantic, report, said, progress, advance)
    if refreshing:
        _refresh_claims(store, refreshing, batch_size, n_workers, report, said, progress, advance)
    # after those two, which built the provenance of the stories they touched by this version's rules
    still = {s for s, _ in R.provenance_behind(conn)}
    total -= sum(size for s, size in behind if s not in still)
    behind = [(s, size) for s, size in behind if s in still]
    run_of.rebuilding = [s for s, _ in behind]
    if behind:
        _rebuild_provenance(store, behind, batch_size, report, said, progress)
    # before the clusterer is read, whose open stories keep the labels named here; not after a
    # rebuild above, which named every story anew (one an earlier version began, resumed)
    if relabelling and R.labels_behind(conn):
        _relabel(store, batch_size, report, said, progress, sum(size for _, size in behind))
    else:
        total -= labelled
        labelled = 0
    if not todo:
        report.provenance_unbuilt = said.said_unbuilt(conn)
        report.warnings += said.lines()
        report.seconds = time.perf_counter() - t0
        _count(store, report)
        return report
    cl = _clusterer_before(store, todo[0][0], story, thread) if "stories" in steps else None
    # the articles whose outlet changed otherwise than as all of its placed articles renamed: read
    # before this run's batches record the outlets they analyse (``R.outlet_moved``)
    earlier = sorted(_reanalysed(store, todo))  # every article changed since its analysis is pending
    moved = R.outlet_moved(conn, earlier) if cl is not None else set()
    within, arg = in_list(earlier)
    # the outlets ``moved`` read (an ingest beside the run may give an article another before its batch)
    read = dict(conn.execute(f"SELECT id, COALESCE(outlet, '') FROM articles WHERE id {within}", (arg,)).fetchall())
    # before anything is placed, the stories (and threads) of the articles changed since their
    # analysis (an ingest's update) count them as they are now: their outlets, first article,
    # days, time decay, label (``refresh_reach``), which this run's new articles meet
    changed = R.changed_since_analysis(conn, earlier)
    if changed:
        with store.transaction():
            refresh_reach(store, cl, R.stories_with(conn, sorted(changed)))
    prepared = PrepareCache(PREPARE_CACHE)
    run = _Steps(n_workers, list(steps), prepared, semantic)
    batches = [todo[s : s + batch_size] for s in range(0, len(todo), batch_size)]

    def load(
        chunk: Sequence[tuple[int, bool]],
    ) -> tuple[list[Article], dict[str, str], _Records, set[str], frozenset[str]]:
        hashes: dict[str, str] = {}  # of the texts read here, which the batch analyses
        arts = sorted(_articles(store, [s for s, _ in chunk], hashes), key=order_key)
        again = _reanalysed(store, chunk)
        # analysed before, unchanged and with current claims: only a step they lacked is run
        kept = frozenset(R.claims_current(conn, sorted(again))) if "claims" in steps else frozenset()
        return arts, hashes, run.articles(arts, kept), again, kept

    done = report.reclustered + report.claims_refreshed + sum(size for _, size in behind)
    done += labelled
    kept = 0  # changed or older-version articles that keep the story they were placed in
    kept_unaligned = 0  # placed before their reuse was aligned (``--no-reuse``), which now finds partners
    with run:
        upcoming = load(batches[0])
        for number, chunk in enumerate(batches):
            arts, hashes, pending_records, again, claims_kept = upcoming
            # of those, the ones whose text or analysis version changed (not only a step added):
            # only their kept story may differ from what a fresh placement would give
            stale = R.stale(conn, sorted(again))
            records = pending_records.result(advance, done)
            last = number + 1 == len(batches)
            placed = {a.id: placement_hash(a) for a in arts}
            outlets = {a.id: a.outlet for a in arts}
            with store.transaction():
                if semantic:
                    R.put_state(conn, R.SEMANTIC_KEY, SEMANTIC_MODEL)
                if again:
                    R.clear_article_results(conn, sorted(again), keep_claims=claims_kept)
                partners: dict[str, dict[str, float]] = {}
                jobs: list[tuple[Article, list[str]]] = []
                if "reuse" in steps:
                    batch = {a.id for a in arts}
                    for a, rec in zip(arts, records, strict=True):
                        ps = R.reuse_partners(conn, a.id, text_hash(a.text), order_key(a), rec.keys, max_df, MIN_KEYS, batch)
                        report.pairs += len(ps)
                        jobs.append((a, list(ps)))
                aligned = run.pairs(store, jobs, said.note)
                if not last:  # the next batch's records are computed while this one is finished
                    upcoming = load(batches[number + 1])
                for (a, ids), recs in zip(jobs, aligned, strict=True):
                    for p, rec_pair in zip(ids, recs, strict=True):
                        if rec_pair is not None:
                            R.put_pair(conn, rec_pair.pair, rec_pair.chars, rec_pair.quoted, rec_pair.shorter)
                            report.passages += len(rec_pair.pair.shared)
                            partners.setdefault(a.id, {})[p] = rec_pair.strength
                said.add(records)
                if "claims" in steps:
                    for rec in records:
                        if rec.claims is not None:
                            R.put_claims(conn, rec.claims)
                if cl is not None:
                    known = _has_membership(conn, again)
                    # those whose story a fresh placement might change: their text, title or date
                    # changed, an older version placed them, or their outlet changed otherwise than
                    # as all of its placed articles renamed (an address alone, or a rename, is the
                    # same report among the same outlets: its story's reach was refreshed above,
                    # and no more is said)
                    # (one whose outlet an ingest changed since this run began is read against the
                    # outlet it was analysed under: whether the rest of its outlet follows is not known)
                    late = {i: outlets[i] for i in known & stale if read.get(i) != (outlets[i] or "")}
                    kept += len(R.placement_changed(conn, {i: placed[i] for i in known & stale})
                                | (moved & known & stale) | R.outlet_changed(conn, late))
                    kept_unaligned += sum(1 for i in known - stale if i in partners)
                    for rec in records:
                        if rec.id not in known:
                            cl.add(rec.story_features, partners.get(rec.id))
                    if last:
                        cl.finish()
                    touched = persist_changes(conn, cl.drain())
                    save_clusterer_state(conn, cl)
                    # an article that keeps its story had its pairs aligned again (or for the first
                    # time, after --no-reuse): its story's edges are built from them too. A run
                    # without reuse builds them from the pairs stored, as a later run would (the
                    # stories it makes are stamped with this version's provenance rules, not left
                    # for the next run to call them built by older ones)
                    refresh_provenance(store, touched | R.stories_with(conn, sorted(known)), prepared, said.note, said.unbuilt)
                # read again for those an ingest changed since the run began (the others are as the
                # run's start left them: nothing is written)
                refresh_reach(store, cl, R.stories_with(conn, sorted(R.changed_since_analysis(conn, sorted(again)))))
                # the hash of the text analysed: an ingest that changed an article since it was read
                # (beside a running analysis) leaves it pending for the next run
                R.mark_analysed(conn, [(a.id, hashes[a.id]) for a in arts], steps, placed=placed, outlets=outlets)
            done += len(chunk)
            report.analysed += len(chunk)
            report.batches += 1
            progress(done)
    report.provenance_unbuilt = said.said_unbuilt(conn)
    report.warnings += said.lines()
    if kept:
        report.warnings.append(
            f"{store.path}: {counted(kept, 're-analysed article')} (their text, title or date changed, their outlet "
            "otherwise than as all of its articles renamed, or analysed by an older version) "
            f"{agreeing(kept, 'keeps the story it was', 'keep the story they were')} placed in; "
            "'newstrace analyze --recluster' places every article again"
        )
    if cl is not None and cl.late:
        report.warnings.append(
            f"{store.path}: {counted(cl.late, 'article')} {agreeing(cl.late, 'was', 'were')} published more than "
            f"{story.window:g} days before articles "
            "already placed; the stories of their time were closed, so they were placed without them; "
            "'newstrace analyze --recluster' places every article again in publication order"
        )
    if kept_unaligned:
        report.warnings.append(
            f"{store.path}: {counted(kept_unaligned, 'article')} placed in stories before their reuse was aligned "
            f"(analyze --no-reuse) {agreeing(kept_unaligned, 'shares', 'share')} text with earlier articles now and "
            f"{agreeing(kept_unaligned, 'keeps the story it was', 'keep the story they were')} placed in; "
            "'newstrace analyze --recluster' places every article again"
        )
    report.seconds = time.perf_counter() - t0
    _count(store, report)
    return report


class _Said(KeptWarnings):
    """Warnings of the per-article steps over a run: the first ``WARN_EXAMPLES``, and a count."""

    def __init__(self) -> None:
        super().__init__(WARN_EXAMPLES, " from the analysis steps")
        #: story -> its pairs, of the stories this run left without provenance edges for being over
        #: ``R.PROVENANCE_MAX_PAIRS`` (``refresh_provenance``): said at the run's end (``said_unbuilt``)
        self.over: dict[str, int] = {}

    def unbuilt(self, story: str, pairs: int) -> None:
        self.over[story] = pairs

    def said_unbuilt(self, conn: Connection) -> int:
        """Say once each story this run left without provenance edges, with the pairs it holds at
        the run's end, as the Spark engine does (each batch that touched a growing story said it
        again: "story X: its articles hold 20,001 reuse pairs ...", 20,007, ...); not one merged
        into another since (that one is said if it is over). How many were said."""
        within, arg = in_list(sorted(self.over))
        live = [r[0] for r in conn.execute(f"SELECT id FROM stories WHERE id {within} AND merged_into IS NULL ORDER BY id", (arg,))]
        said = 0
        for story in live:
            if (n := R.count_pairs_among(conn, R.members(conn, story))) > R.PROVENANCE_MAX_PAIRS:
                self.note(R.skipped_provenance(story, n))
                said += 1
        return said

    def add(self, records: Sequence[ArticleRecord]) -> None:
        for rec in records:
            for line in rec.warnings:
                self.note(line)


def _refresh_claims(
    store: Store,
    seqs: list[int],
    batch_size: int,
    workers: int,
    report: AnalyzeReport,
    said: _Said,
    progress: Callable[[int], None],
    advance: Callable[[int], None],
) -> None:
    """Extract the claims of analysed articles ``seqs`` that lack them or whose claims older rules
    extracted (``R.claims_behind``), one committed batch at a time, and rebuild the provenance of
    their stories in the same transaction: its quote variants, the speakers
    its ``external:<speaker>`` sources are named by and its evidence are read by the same rules,
    so an upgrade that re-extracted the claims alone left the edges naming the old speakers until
    ``--recluster``. A story is rebuilt once a run (its edges depend on its members' texts and
    stored pairs, not on their stored claims), whatever steps the run takes: a run without reuse
    (``--no-reuse``) aligns nothing, but marks the claims current, so no later run would rebuild
    the edges of the pairs already stored. A killed run resumes after the last batch it committed,
    rebuilding the stories of the articles still behind."""
    conn = store.conn
    run = _Steps(workers, ["claims"], PrepareCache(2))
    rebuilt: set[str] = set()
    prepared = PrepareCache(PREPARE_CACHE)
    batches = [seqs[s : s + batch_size] for s in range(0, len(seqs), batch_size)]
    with run:
        upcoming = run.articles(_articles(store, batches[0]))
        for number in range(len(batches)):
            base = report.reclustered + report.claims_refreshed
            records = upcoming.result(advance, base)
            if number + 1 < len(batches):
                upcoming = run.articles(_articles(store, batches[number + 1]))
            with store.transaction():
                for rec in records:
                    if rec.claims is not None:
                        R.put_claims(conn, rec.claims)
                stories = R.stories_with(conn, [rec.id for rec in records]) - rebuilt
                refresh_provenance(store, stories, prepared, said.note, said.unbuilt)
                rebuilt |= stories
                R.mark_claims(conn, [rec.id for rec in records])
            said.add(records)
            report.claims_refreshed += len(records)
            report.batches += 1
            progress(report.reclustered + report.claims_refreshed)


def _rebuild_provenance(
    store: Store,
    stories: list[tuple[str, int]],
    batch_size: int,
    report: AnalyzeReport,
    said: _Said,
    progress: Callable[[int], None],
) -> None:
    """Build again, by this version's rules, the provenance of ``stories`` (``(id, size)``), which
    older rules built (``R.provenance_behind``): from their members' stored passages, with nothing
    aligned, extracted or placed again. An upgrade that changed which way an edge runs otherwise
    left the old arrows until ``--recluster``, since no article was new. Committed in batches of
    stories holding about ``batch_size`` articles, each marking its stories current, so a killed
    run resumes with the stories still behind."""
    prepared = PrepareCache(PREPARE_CACHE)
    base = report.reclustered + report.claims_refreshed
    done = 0
    start = 0
    while start < len(stories):
        end, articles = start, 0
        while end < len(stories) and (end == start or articles < batch_size):
            articles += stories[end][1]
            end += 1
        chunk = [s for s, _ in stories[start:end]]
        with store.transaction():
            refresh_provenance(store, set(chunk), prepared, said.note, said.unbuilt)
        report.provenance_refreshed += len(chunk)
        report.batches += 1
        done += articles
        progress(base + done)
        start = end


def _relabel(
    store: Store,
    batch_size: int,
    report: AnalyzeReport,
    said: _Said,
    progress: Callable[[int], None],
    behind: int,
) -> None:
    """Name again, by this version's label rules (``R.LABELS_VERSION``), the live stories and
    threads older rules named (``R.labels_behind``): an upgrade that changed how a label writes a
    name ("de Mistura", was "Mistura") or a word ("al-Nusra", was "al-nusra") left the old labels
    until ``--recluster``, since no article was new. Nothing is placed again: each keeps its
    members and centroid, and its label the order it shows its names and words in
    (``Cluster.shown``), which the document frequencies of the moment it was named gave; the terms it
    shows them by are read again from its members' texts (``features.label_terms``, each
    dimension's from the first member that has it, as ``StoryClusterer._join`` keeps them), and
    its label and state are written where they changed.

    A thread at a time with its stories (each article is read once), committed in batches of about
    ``batch_size`` articles, each recording the last thread it named (``R.mark_labels_done``); the
    last marks the labels current (``R.mark_labels``). A killed run's next names only the threads
    left (``R.labels_left``): it named them all again, as many as the run before had named (one
    named already is named as it is). ``behind``: the articles the run's progress counted before."""
    conn = store.conn
    df = _stored_df(conn)
    groups: dict[str | None, list[Row]] = {}
    for row in R.labels_left(conn):
        groups.setdefault(row["thread"], []).append(row)
    base = report.reclustered + report.claims_refreshed + behind
    done = 0
    items = list(groups.items())
    start = 0
    while start < len(items):
        end, articles = start, 0
        while end < len(items) and (end == start or articles < batch_size):
            articles += sum(int(r["size"]) for r in items[end][1])
            end += 1
        with store.transaction():
            for tid, rows in items[start:end]:
                stories = [Cluster.from_state(dict(r), "story", bytes(r["state"])) for r in rows]
                ids = sorted({m for c in stories for m in c.members} | {m for r in rows for m in R.members(conn, r["id"])})
                terms = _label_terms(store, ids, said)
                for c, r in zip(stories, rows, strict=True):
                    report.labels_refreshed += _name_again(conn, c, r["label"] or "", df, terms, c.members or R.members(conn, c.id))
                trow = conn.execute("SELECT * FROM threads WHERE id=? AND merged_into IS NULL", (tid,)).fetchone()
                if trow is not None and trow["state"] is not None:
                    t = Cluster.from_state(dict(trow), "thread", bytes(trow["state"]))
                    report.labels_refreshed += _name_again(conn, t, trow["label"] or "", df, terms, _stream(conn, ids))
            if end == len(items):
                R.mark_labels(conn)
            else:
                R.mark_labels_done(conn, items[end - 1][0])
        report.batches += 1
        done += articles
        progress(base + done)
        start = end
    if not items:
        with store.transaction():
            R.mark_labels(conn)


def _label_terms(store: Store, ids: Sequence[str], said: _Said) -> dict[str, dict[int, str]]:
    """``features.label_terms`` of the articles ``ids``, by id (none for one they fail on, said)."""
    out: dict[str, dict[int, str]] = {}
    within, arg = in_list(ids)
    for r in store.conn.execute(f"SELECT * FROM articles WHERE id {within}", (arg,)):
        a = row_to_article(r)
        out[a.id] = survive_bug(said.note, a.id, "its label terms could not be read", "its story's label shows those it had",
                                partial(label_terms, a), dict)
    return out


def _stream(conn: Any, ids: Sequence[str]) -> list[str]:
    """``ids`` in stream order (the order their thread met them in)."""
    within, arg = in_list(ids)
    rows = conn.execute(f"SELECT id, published FROM articles WHERE id {within}", (arg,)).fetchall()
    return [r["id"] for r in sorted(rows, key=lambda r: stream_order_key(published_order(parse_published(r["published"])), r["id"]))]


def _name_again(conn: Any, c: Cluster, label: str, df: DocFreq, terms: dict[str, dict[int, str]], order: Sequence[str]) -> int:
    """Give ``c``, labelled ``label``, the terms its members ``order`` (in the order it met them)
    show now, and the label they name in the order ``label`` shows (``_relabel``); write them where
    they changed. 1 (a cluster named again), whether or not its label changed."""
    # each term as the first member that has it writes it now; as the first that writes the word it
    # was shown as (in another case, or with more words: "Mistura", then "de Mistura") where
    # another comes first: a term the cluster dropped (``LABEL_VOCAB``) took the form of the member
    # that brought it back, which the order of the members does not tell
    now: dict[int, str] = {}
    first: dict[int, str] = {}
    for a in order:
        for d, t in terms.get(a, {}).items():
            if d in c.terms and d not in now:
                first.setdefault(d, t)
                if set(c.terms[d].lower().split()) <= set(t.lower().split()):
                    now[d] = t
    fresh = {**c.terms, **first, **now}
    if fresh != c.terms:
        shown = c.shown(label)
        c.terms = fresh
        c.name = c.label(df, first=shown)
        R.put_label(conn, c, c.name)
    return 1


def _place_again(
    store: Store,
    seqs: list[int],
    story: SimilarityModel,
    thread: SimilarityModel,
    batch_size: int,
    workers: int,
    semantic: bool,
    report: AnalyzeReport,
    said: _Said,
    progress: Callable[[int], None],
    advance: Callable[[int], None],
) -> None:
    """The rebuild of ``analyze(recluster=True)``: place the analysed articles ``seqs`` (stream
    order) in stories and threads again, with their stored reuse partners, one committed batch at
    a time; each batch also marks its articles placed, so a killed rebuild resumes after it."""
    conn = store.conn
    cl = _clusterer_before(store, seqs[0], story, thread)
    prepared = PrepareCache(PREPARE_CACHE)
    run = _Steps(workers, ["stories"], prepared, semantic)
    batches = [seqs[s : s + batch_size] for s in range(0, len(seqs), batch_size)]

    def load(chunk: Sequence[int]) -> tuple[list[Article], _Records]:
        arts = sorted(_articles(store, chunk), key=order_key)
        return arts, run.articles(arts)

    with run:
        upcoming = load(batches[0])
        for number, _ in enumerate(batches):
            arts, pending_records = upcoming
            records = pending_records.result(advance, report.reclustered)
            said.add(records)
            last = number + 1 == len(batches)
            if not last:
                upcoming = load(batches[number + 1])
            with store.transaction():
                for rec in records:
                    cl.add(rec.story_features, R.partners_of(conn, rec.id))
                if last:
                    cl.finish()
                touched = persist_changes(conn, cl.drain())
                save_clusterer_state(conn, cl)
                # without a stored pair, each story is stamped with no edges: what the rules build
                refresh_provenance(store, touched, prepared, said.note, said.unbuilt)
                R.mark_clustered(conn, [a.id for a in arts])
            report.reclustered += len(arts)
            report.batches += 1
            progress(report.reclustered)


def _clusterer_before(
    store: Store, seq: int, story: SimilarityModel, thread: SimilarityModel
) -> StoryClusterer:
    """The committed clusterer, with the clusters still open when article ``seq`` (the first of
    the stream still to place) was published."""
    first = _articles(store, [seq])
    since = first[0].published.isoformat()[:10] if first and first[0].published else None
    return load_clusterer(store, since, story, thread)


def _articles(store: Store, seqs: Sequence[int], hashes: dict[str, str] | None = None) -> list[Article]:
    """The articles ``seqs``; their stored content hashes, read with them, into ``hashes``."""
    out: list[Article] = []
    cond, arg = in_list(seqs)
    for r in store.conn.execute(f"SELECT * FROM articles WHERE seq {cond}", (arg,)):
        out.append(row_to_article(r))
        if hashes is not None:
            hashes[r["id"]] = str(r["content_hash"])
    return out


def _reanalysed(store: Store, chunk: Sequence[tuple[int, bool]]) -> set[str]:
    """Ids of the chunk's articles analysed before (their ids only: the texts are loaded once)."""
    seqs = [s for s, before in chunk if before]
    cond, arg = in_list(seqs)
    return {r[0] for r in store.conn.execute(f"SELECT id FROM articles WHERE seq {cond}", (arg,))}


def _has_membership(conn: Any, ids: set[str]) -> set[str]:
    return {i for i in ids if conn.execute("SELECT 1 FROM memberships WHERE article=?", (i,)).fetchone()}


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
