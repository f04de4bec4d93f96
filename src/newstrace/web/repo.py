"""What the pages and the API read: articles from the store, results of the other stages.

One read-only SQLite connection per worker thread (a ``Store(readonly=True)``), so concurrent
requests never share a cursor and no request can write. Results of the analysis stages (claims,
compare, stories, outlet network) are reached through small adapters that probe for the stage's
public functions: the app keeps working, and says so, when a stage is not installed or has not
been run on this database yet. Computed results (claims of one article, the compare report of a
set of articles) are kept in a bounded LRU keyed by article id *and* content hash, so an article
re-ingested with new text is never served a stale report.
"""

from __future__ import annotations

import importlib
import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from newstrace.errors import DatabaseBusy, NewstraceError
from newstrace.ingest.base import keyed_articles
from newstrace.limits import Limits
from newstrace.model import Article, Holder, article_labels
from newstrace.store.results import CorpusResults, filtered_outlet, outlet_is
from newstrace.store.sqlite import (
    BUSY_TIMEOUT,
    IngestCounts,
    Store,
    content_hash,
    copies_behind,
    in_list,
    is_locked,
    row_to_article,
    search_words,
    word_in,
)

log = logging.getLogger("newstrace.web")

T = TypeVar("T")

#: Seconds a request waits for another process's lock on the database before it answers 503
#: (``DatabaseBusy``): SQLite's 30 s would hold a worker thread, or the event loop, that long.
WEB_BUSY_TIMEOUT = 3.0

#: Most articles one story page compares at once; bigger stories show their earliest ones.
STORY_COMPARE_MAX = 12


class Busy(NewstraceError):
    """Too many heavy computations at once; the client should retry shortly (HTTP 429)."""


class WouldWait(Exception):
    """A read under ``Repo.no_waiting`` met a lock: the caller does it again where it may wait."""


class LRU:
    """A small thread-safe LRU with single-flight: concurrent misses on one key compute once.

    Bounded by entry count and, when ``weigh`` is given, by the total weight of the values (the
    page cache weighs bytes, so a few huge pages cannot push out hundreds of small ones).
    """

    def __init__(self, size: int, *, max_weight: int = 0, weigh: Callable[[Any], int] | None = None) -> None:
        self.size = size
        self.max_weight = max_weight
        self._weigh = weigh
        self._weight = 0
        self._data: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._inflight: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable) -> Any | None:
        """The cached value or ``None``, without computing (the event loop's fast path)."""
        with self._lock:
            item = self._data.get(key)
            if item is None:
                return None
            self._data.move_to_end(key)
            return item[0]

    def get_or_compute(self, key: Hashable, compute: Callable[[], T], *, wait: bool = True) -> T:
        """The value of ``key``, computed once; ``wait=False``: ``WouldWait`` rather than wait
        for another thread computing it."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key][0]
            key_lock = self._inflight.setdefault(key, threading.Lock())
        if not key_lock.acquire(blocking=wait):
            raise WouldWait
        try:
            with self._lock:
                if key in self._data:
                    return self._data[key][0]
            try:
                value = compute()
            except BaseException:
                with self._lock:
                    self._inflight.pop(key, None)
                raise
            weight = self._weigh(value) if self._weigh else 0
            with self._lock:
                self._inflight.pop(key, None)
                if key in self._data:
                    self._weight -= self._data[key][1]
                self._data[key] = (value, weight)
                self._weight += weight
                self._data.move_to_end(key)
                while len(self._data) > self.size or (self.max_weight and self._weight > self.max_weight and len(self._data) > 1):
                    self._weight -= self._data.popitem(last=False)[1][1]
            return value
        finally:
            key_lock.release()


@contextmanager
def _no_busy_wait(conn: sqlite3.Connection) -> Iterator[None]:
    """``conn`` fails on a lock at once in the block, and waits ``WEB_BUSY_TIMEOUT`` again after it."""
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA busy_timeout = {round(WEB_BUSY_TIMEOUT * 1000)}")


def _probe(module: str, name: str) -> Callable[..., Any] | None:
    """A stage's public function if the stage is installed, else ``None`` (the page says so)."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    fn = getattr(mod, name, None)
    return fn if callable(fn) else None


class Repo:
    """Read access for the web app; the only writer is :meth:`save_articles` (upload)."""

    def __init__(self, db: Path, *, readonly: bool, limits: Limits, heavy_slots: int = 2) -> None:
        self.db = Path(db)
        self.readonly = readonly
        self.limits = limits
        # Opening once here fails fast (missing file, not SQLite, wrong schema) before serving.
        self._reader().close()
        self._local = threading.local()
        # one connection only asks "has anyone committed since?" (PRAGMA data_version), under a lock
        self._watch = self._reader()
        self._watch_lock = threading.Lock()
        self._claims_cache = LRU(2048)
        self._compare_cache = LRU(512)
        # finished pages as bytes (``cache.Page``), bounded by their total size
        self._page_cache = LRU(8192, max_weight=256 * 2**20, weigh=lambda p: int(getattr(p, "weight", 1)))
        self._heavy = threading.BoundedSemaphore(heavy_slots)
        self._write_lock = threading.Lock()

    # -- connections ---------------------------------------------------------------------------

    def _reader(self) -> Store:
        """A read-only connection that waits ``WEB_BUSY_TIMEOUT`` for a lock, no longer."""
        return Store(self.db, readonly=True, busy_timeout=WEB_BUSY_TIMEOUT)

    def store(self) -> Store:
        st: Store | None = getattr(self._local, "store", None)
        if st is None:
            if getattr(self._local, "no_waiting", False):
                # the event loop's first read opens its connection: opening reads the schema
                # version, which waited for a lock as long as any read (``no_waiting``)
                try:
                    st = Store(self.db, readonly=True, busy_timeout=0)
                except DatabaseBusy as e:
                    raise WouldWait from e
                st.conn.execute(f"PRAGMA busy_timeout = {round(WEB_BUSY_TIMEOUT * 1000)}")
            else:
                st = self._reader()
            self._local.store = st
        return st

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store().conn

    @contextmanager
    def no_waiting(self) -> Iterator[None]:
        """Reads in this block that meet another process's lock raise ``WouldWait`` at once,
        where they would wait up to ``WEB_BUSY_TIMEOUT``: the event loop's reads (``cache.read``),
        as every other request waits while the loop does."""
        self._local.no_waiting = True
        try:
            with _no_busy_wait(self.conn):
                yield
        except sqlite3.OperationalError as e:
            if is_locked(e):
                raise WouldWait from e
            raise
        finally:
            self._local.no_waiting = False

    @contextmanager
    def heavy(self, wait: float = 60.0) -> Iterator[None]:
        """Bound the CPU-heavy work (NLP, compare) running at once; the rest waits, then 429s."""
        if not self._heavy.acquire(timeout=wait):
            raise Busy("the server is busy with other analyses; try again in a moment")
        try:
            yield
        finally:
            self._heavy.release()

    def generation(self) -> int:
        """A number that changes whenever another connection commits to the database.

        Ingest, ``analyze`` (in any process) and upload all commit through their own connections,
        so pages built from the whole database (story list, outlet network, a story's members and
        its stored claims) are keyed by it and rebuilt after any write, never served stale.
        """
        if not getattr(self._local, "no_waiting", False):
            with self._watch_lock:
                return int(self._watch.conn.execute("PRAGMA data_version").fetchone()[0])
        # the event loop neither waits for the thread that may be waiting on a lock here, nor on one
        if not self._watch_lock.acquire(blocking=False):
            raise WouldWait
        try:
            with _no_busy_wait(self._watch.conn):
                return int(self._watch.conn.execute("PRAGMA data_version").fetchone()[0])
        finally:
            self._watch_lock.release()

    def cached_page(self, key: Hashable, render: Callable[[], T]) -> T:
        """A finished page, kept while what ``key`` names is unchanged (see ``web/cache.py``)."""
        return self._page_cache.get_or_compute(key, render, wait=not getattr(self._local, "no_waiting", False))

    def peek_page(self, key: Hashable) -> Any | None:
        return self._page_cache.get(key)

    # -- articles ------------------------------------------------------------------------------

    def count_articles(self) -> int:
        return self.store().count_articles()

    def get_article(self, article_id: str) -> Article | None:
        return self.store().get_article(article_id)

    def content_key(self, ids: list[str]) -> tuple[tuple[str, str, str], ...] | None:
        """``(id, content_hash, claims)`` of these articles in the order given; ``None`` if one is
        missing.

        The stored hash covers every field a page shows (title, text, outlet, date, ...), so it keys
        computed pages without loading or hashing the texts. ``claims`` names the stored claims a
        page shows (``content_state``), so a later ``analyze`` that stores them or extracts them
        again by newer rules, perhaps a newer newstrace's than this server's, rebuilds the page.
        """
        state = self.content_state(ids)
        if len(state) != len(set(ids)):
            return None
        return tuple((i, *state[i]) for i in ids)

    def content_state(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        """id -> (content hash, the steps and claims rules version of the analysis of that content,
        empty when none)."""
        if not ids:
            return {}
        cond, arg = in_list(ids)
        # no fallback for a database without the results tables: a ``Store(readonly=True)`` opens
        # only this version's schema, which has them, and the fallback caught every error, so a
        # lock was waited for twice before the 503
        rows = self.conn.execute(
            "SELECT a.id, a.content_hash, an.steps || ':' || an.claims_version AS claims FROM articles a "
            f"LEFT JOIN analysis an ON an.article = a.id AND an.content_hash = a.content_hash WHERE a.id {cond}",
            (arg,),
        ).fetchall()
        return {r["id"]: (r["content_hash"], r["claims"] or "") for r in rows}

    def list_articles(
        self,
        *,
        q: str | None = None,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        ids: list[str] | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[int, list[dict[str, Any]]]:
        """Newest first; ``q`` matches every word in title or text (in any case, with or without
        accents: ``word_in``), ``outlet`` a filter value (``outlet_filter``: ``"?"`` the
        articles without one, ``"\\?"`` those of the outlet named "?")."""
        where: list[str] = []
        args: list[Any] = []
        found: list[str] = []
        for word in search_words(q, self.conn):
            (in_title, title_args), (in_text, text_args) = word_in("f.title", word), word_in("f.text", word)
            found.append(f"({in_title} OR {in_text})")
            args += title_args + text_args
        if found:  # one scan of the folded texts for every word
            where.append(f"seq IN (SELECT f.seq FROM articles_folded f WHERE {' AND '.join(found)})")
        if outlet:  # "?" too: the articles without one, as the stories filter takes it
            cond, cond_args = outlet_is(filtered_outlet(outlet))
            where.append(cond)
            args += cond_args
        if date_from:
            where.append("published >= ?")
            args.append(date_from)
        if date_to:
            where.append("substr(published, 1, 10) <= ?")
            args.append(date_to)
        if ids is not None:
            if not ids:
                return 0, []
            cond, arg = in_list(ids)
            where.append(f"id {cond}")
            args.append(arg)
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        total = int(self.conn.execute(f"SELECT COUNT(*) FROM articles{cond}", args).fetchone()[0])
        rows = self.conn.execute(
            f"SELECT * FROM articles{cond} ORDER BY published_utc IS NULL, published_utc DESC, seq DESC LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        # words as ``Article.words`` counts them (``list``, ``story``, the article page), not spaces + 1
        return total, [
            {**a.brief(), "author": a.author, "chars": len(a.text), "words": a.words} for a in map(row_to_article, rows)
        ]

    def stored_as_given(self, articles: list[Article]) -> set[str]:
        """Ids of these articles that the database holds with this very content (an upload's
        articles may be new, or carry a stored id with other text): the ones with a page."""
        state = self.content_state([a.id for a in articles])
        return {a.id for a in articles if a.id in state and state[a.id][0] == content_hash(a)}

    def outlets(self) -> list[tuple[str | None, int]]:
        """Articles per outlet, biggest first, then ``None`` for those without one; an outlet named
        "?" is one of its own (it was one entry with the articles naming none)."""
        none, args = outlet_is(None)  # an empty name too
        rows = self.conn.execute(
            f"SELECT outlet, COUNT(*) AS n FROM articles WHERE NOT {none} GROUP BY outlet ORDER BY n DESC, outlet", args
        )
        out: list[tuple[str | None, int]] = [(r["outlet"], int(r["n"])) for r in rows]
        rest = int(self.conn.execute(f"SELECT COUNT(*) FROM articles WHERE {none}", args).fetchone()[0])
        return [*out, (None, rest)] if rest else out

    def searches_behind(self, q: str | None) -> bool:
        """Whether ``q`` is a search (``search_words``) that looks in copies an older newstrace made
        (``copies_behind``: a database at migration 14 to 16, read as it is), and so finds less than
        the database upgraded would: no "cease-fire agreement" for '"ceasefire agreement"' (at 14 and
        15 no "cease-fire" for ceasefire either, nor a phrase across a comma)."""
        return bool(search_words(q, self.conn)) and copies_behind(self.conn)

    def has_outlet(self, outlet: str) -> bool:
        """Whether some article is from the outlet a filter value names (``filtered_outlet``:
        ``?`` names none), as the CLI checks."""
        return bool(CorpusResults(self.conn).known("articles", "outlet", filtered_outlet(outlet)))

    def holder(self, article_id: str) -> Holder | None:
        """The stored article under an id, as ``ingest`` keys an upload's articles against it."""
        return self.store()._holder(article_id)

    def outlet_names(self) -> list[str]:
        """The outlets the stored articles name, as ``ingest`` spells an upload's against them."""
        return self.store().outlet_names()

    def articles_by_ids(self, ids: list[str]) -> list[Article]:
        return list(self.store().iter_articles_by_ids(ids))

    # -- claims --------------------------------------------------------------------------------

    def stored_claims(self, article: Article) -> Any | None:
        """``ArticleClaims`` that ``analyze`` stored for this very article (its content hash is the
        stored one's) with this version's claims rules, if any (else the caller extracts them now).

        The id alone is not enough: an upload may carry a stored article's id with other text, and
        the stored offsets would then point at the wrong characters of it, or past its end.
        """
        try:
            from newstrace.store.results import CLAIMS_VERSION, claims_of
        except ImportError:
            return None
        # a lock is the request's 503 (``is_locked``), not "nothing stored", which extracted the
        # claims again (NLP) after the wait; the tables are there (see ``content_state``)
        fresh = self.conn.execute(
            "SELECT an.content_hash = a.content_hash AND a.content_hash = ? "
            "AND instr(',' || an.steps || ',', ',claims,') > 0 "
            "AND an.claims_version >= ? FROM analysis an JOIN articles a ON a.id = an.article WHERE a.id = ?",
            (content_hash(article), CLAIMS_VERSION, article.id),
        ).fetchone()
        if not fresh or not fresh[0]:
            return None
        return claims_of(self.conn, article.id)

    def article_claims(self, article: Article) -> Any | None:
        """``ArticleClaims``: stored by ``analyze`` when current, else extracted now (cached)."""
        stored = self.stored_claims(article)
        if stored is not None:
            return stored
        extract = _probe("newstrace.claims", "extract_claims")
        if extract is None:
            return None
        key = ("claims", article.id, _text_key(article))

        def compute() -> Any | None:
            with self.heavy():
                try:
                    return extract(article)
                except NewstraceError:
                    raise
                except Exception:  # a stage bug must not take the page down: log, show text only
                    log.exception("claims extraction failed for %s", article.id)
                    return None

        return self._claims_cache.get_or_compute(key, compute)

    def claims(self, article: Article) -> dict[str, Any] | None:
        """Quotes and quantities of one article (dicts), or ``None`` when the stage is missing."""
        c = self.article_claims(article)
        if c is None:
            return None
        return {
            "quotes": [_as_dict(q) for q in getattr(c, "quotes", [])],
            "quantities": [_as_dict(q) for q in getattr(c, "quantities", [])],
        }

    # -- compare -------------------------------------------------------------------------------

    def compare(self, articles: list[Article], names: dict[str, str] | None = None) -> dict[str, Any] | None:
        """``compare_articles(...).to_dict()`` for these articles (cached), ``None`` if no stage;
        ``names``: what to call them (``compare_articles``' ``labels``; a story's, ``story_names``)."""
        fn = _probe("newstrace.compare", "compare_articles")
        if fn is None:
            return None
        from newstrace.compare.core import TooManyArticles, check_count

        try:  # before any claims are extracted for them
            check_count(len(articles), self.limits)
        except TooManyArticles as e:
            raise e.page_line() from None  # the server's words: no function, no command
        state = self.content_state([a.id for a in articles])
        # the whole article, not its text: outlet and date are in the report (and the date orders
        # provenance), and an upload may give stored texts other metadata; its source too, which
        # names an article without outlet or title (an upload's "upload: a.txt")
        key = ("compare", *((a.id, content_hash(a), a.source or "", state.get(a.id, ("", ""))[1]) for a in articles),
               *sorted((names or {}).items()))

        def compute() -> dict[str, Any]:
            # claims are the expensive part (NLP): take what analyze stored, extract the rest
            claims = {a.id: c for a in articles if (c := self.article_claims(a)) is not None}
            with self.heavy():
                result = fn(articles, claims=claims or None, limits=self.limits, labels=names)
            d = result.to_dict() if hasattr(result, "to_dict") else dict(result)
            return d

        return self._compare_cache.get_or_compute(key, compute)

    def story_report(self, summary: dict[str, Any], ids: list[str]) -> tuple[dict[str, Any], list[Article]]:
        """``newstrace story --json``'s document of a story (``corpus.report.story_report``: the
        passages and provenance ``analyze`` stored), over its first ``STORY_COMPARE_MAX`` articles,
        and the articles its report covers; its ``articles`` are left empty (only those compared are read)."""
        from newstrace.corpus.report import story_report

        doc, comparison = story_report(
            self.store(), summary, ids, max_articles=STORY_COMPARE_MAX, claims_for=self.article_claims,
            list_articles=False,  # the page reads the rows it lists itself (``list_articles``)
        )
        return doc, list(comparison.articles) if comparison is not None else []

    def story_names(self, ids: list[str]) -> dict[str, str]:
        """The names a story's report (``story_report``) gives its articles, by id: ``article_labels``
        of its first ``STORY_COMPARE_MAX`` members (``ids`` in the story's order), as
        ``compare_articles`` numbers them. Kept until the next commit (``generation``), as the
        story's lookup is (``api.found_story``): a compare page opened from a story read those
        articles, texts and all, on every request, its page served from the cache or not."""
        first = tuple(ids[:STORY_COMPARE_MAX])
        names = self.cached_page(("story-names", first, self.generation()),
                                 lambda: _Names(article_labels(self.articles_by_ids(list(first)))))
        return dict(names.names)

    # -- stories, threads, outlet network (corpus stage) ----------------------------------------

    def corpus(self) -> Any:
        """The corpus stage's read API bound to this connection, or ``None`` before it exists."""
        from newstrace.web.corpus_adapter import open_results

        return open_results(self)

    # -- upload (the only write path) -----------------------------------------------------------

    def save_articles(self, articles: list[Article]) -> IngestCounts | None:
        """Store uploaded articles, saying what was stored; only when the app was started
        writable (else None)."""
        if self.readonly:
            return None
        # SQLite's 30 s for another process's write lock, as before: not the CLI's longer wait
        # (NEWSTRACE_LOCK_WAIT_SECONDS), which would hold a request's thread for minutes
        with self._write_lock, Store(self.db, readonly=False, busy_timeout=BUSY_TIMEOUT) as st:
            # keyed as they were read (``upload._read``); the store keys them again against what
            # another writer stored since
            return st.add_articles(keyed_articles(articles))




@dataclass(frozen=True)
class _Names:
    """``Repo.story_names``' answer as the page cache keeps it."""

    names: dict[str, str]

    @property
    def weight(self) -> int:
        """Its bytes, roughly, as the page cache counts them (``cache.Page.weight``)."""
        return 200 + sum(len(i) + len(n) + 60 for i, n in self.names.items())


def _text_key(a: Article) -> int:
    """Cheap content key: Python's string hash of title+text (stable within one process)."""
    return hash((a.title, a.text))


def _as_dict(obj: Any) -> dict[str, Any]:
    if isinstance(obj, dict):
        return obj
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return dict(vars(obj))
