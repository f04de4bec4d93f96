"""The embedded store: one SQLite file, WAL journal, every write in a transaction.

Nothing to start and nothing to configure; a killed process leaves the database as of its last
commit (WAL + transactions), so a re-run picks up where the last run's commits ended.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shlex
import signal
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any, NamedTuple

from newstrace.errors import (
    SHOWN_MATCHES,
    DatabaseBusy,
    DatabasePathError,
    StoreError,
    a_path,
    ambiguous_id,
    articles_of,
    busy_hint,
    no_folder,
    see_hint,
)
from newstrace.limits import LIMITS, env_name
from newstrace.model import (
    Article,
    Holder,
    article_key,
    crawled,
    fuller_copy,
    given_id,
    legacy_id,
    parse_published,
    published_order,
    qualified_anew,
    same_article,
    same_outlet,
    site_name,
)
from newstrace.store.lock import analysis_lock, holder
from newstrace.store.migrations import COPIES_MADE, MIGRATIONS, REFOLDS, WHOLE_WORDS

SQLITE_MAGIC = b"SQLite format 3\x00"
#: seconds a statement waits for another connection's lock before giving up (``Store(busy_timeout=)``);
#: a write transaction waits for the write lock as long as ``LIMITS.lock_wait_seconds`` says (``Store.transaction``)
BUSY_TIMEOUT = 30.0
#: seconds a write waits for the write lock before it says so (``Store(on_wait=)``) and goes on waiting,
#: in steps of ``_WAIT_STEP`` (short, so that a Ctrl-C is heard: SQLite's own wait does not let Python run)
WAIT_SAID = 2.0
_WAIT_STEP = 0.5
#: seconds between tries of a statement that SQLite answers "locked" at once, not after its busy wait
_RETRY_PAUSE = 0.02


def is_locked(e: BaseException) -> bool:
    """Whether ``e`` is SQLite's "database is locked": another connection kept its lock past the wait."""
    if not isinstance(e, sqlite3.OperationalError):
        return False
    code = getattr(e, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(e) or "busy" in str(e)  # pragma: no cover - an sqlite3 module without error codes


def busy_error(db: Path | str, e: BaseException) -> DatabaseBusy | None:
    """``e`` as the ``DatabaseBusy`` of ``db`` (as the command line or ``serve --db`` names it)
    when it is SQLite's "database is locked" (``is_locked``), else None: every other error stays
    what it was."""
    return DatabaseBusy(f"{db}: {busy_hint(holder(db))}") if is_locked(e) else None


def damage_error(db: Path | str, e: BaseException) -> StoreError | None:
    """``e`` as a ``StoreError`` (exit 3) of ``db`` when it is SQLite's "database disk image is
    malformed" or "file is not a database" met after opening: a file whose schema page is whole
    opens, and a damaged page of its articles failed the first query that read it, which the CLI
    reported as an internal error (a bug to report). Else None."""
    if not isinstance(e, sqlite3.DatabaseError):
        return None
    code = getattr(e, "sqlite_errorcode", None)
    if code is not None:
        damaged = code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    else:  # an error pickled back from a worker process keeps its message alone
        damaged = "malformed" in str(e) or "not a database" in str(e)
    if not damaged:
        return None
    return StoreError(
        f"{db}: the database file is damaged ({e}): restore it from a copy, or ingest the inputs again into a new one"
    )


def content_hash(article: Article) -> str:
    payload = json.dumps(
        {k: v for k, v in article.to_dict().items() if k not in ("source", "record")},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def placement_hash(article: Article) -> str:
    """What placing ``article`` in a story reads of it besides its outlet (``corpus.features.
    article_features``: its text, title and publication), hashed (``analysis.placement_hash``):
    an article changed since its analysis whose hash is the same had only its outlet, address or
    other metadata changed, and its story stays right (``engine.local``)."""
    published = article.published.isoformat() if article.published is not None else None
    payload = json.dumps([article.text, article.title, published], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def text_hash(text: str | None) -> str | None:
    """What the stored articles are looked up by their text with (``articles.text_hash``, the SQL
    function ``text_hash``): 16 hex digits of its SHA-256, as ids are (``model.stable_id``)."""
    if not isinstance(text, str):
        return None
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


#: the share of the shorter text's word trigrams the other must hold for a text read again from
#: the same input to be the article stored from it (``Store.earlier_reading``)
READ_AGAIN_SHARE = 0.6


def _read_again(stored: str, now: str) -> bool:
    """Whether ``now`` is ``stored`` read again (cleaned, decoded or cut otherwise): most word
    trigrams of the shorter are in the longer. Two articles share a few (a dateline, a phrase)."""
    def trigrams(text: str) -> set[tuple[str, ...]]:
        words = text.split()
        return {tuple(words[i:i + 3]) for i in range(max(1, len(words) - 2))}

    a, b = trigrams(stored), trigrams(now)
    return bool(a and b) and len(a & b) >= READ_AGAIN_SHARE * min(len(a), len(b))


@dataclass
class IngestCounts:
    """What ``Store.add_articles`` did with the articles it was given (``newstrace ingest``'s counts).
    A ``file`` below is the article's ``source`` as given (``examples/a.txt``), as a message names
    it, not the absolute path stored (``Article.source_file``)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    #: (id, outlet stored, outlet now) of updates that replaced one outlet's article with another's,
    #: which the caller should say: an id derived from the same URL and text (``model.stable_id``)
    #: beside another outlet's name, or ``keep_ids``'s id taken by another outlet's article
    outlet_replaced: list[tuple[str, str, str]] = field(default_factory=list)
    #: (file, id the input gave, id stored) of articles this call kept under ``OUTLET:ID`` because
    #: another outlet's stored article held their id (``model.article_key``), not those found
    #: stored there already (``model.qualified_anew``: a re-add is no news): a caller that keys
    #: its articles first (``ingest.read_unique(stored=)``) meets these only when another process
    #: stored that article meanwhile
    qualified: list[tuple[str | None, str, str]] = field(default_factory=list)
    #: (file, id, id stored) of articles not stored because the database holds them under another
    #: id (``Store.same_article``): a page saved again, named by its site name, or given an id by
    #: a record; each was stored a second time, and provenance had an outlet copying itself
    duplicates: list[tuple[str | None, str, str]] = field(default_factory=list)
    #: (file, id, id stored) of articles stored under another id because the same input gave the
    #: article stored there, read before with another text (``Store.same_input``,
    #: ``Store.earlier_reading``): each is counted updated or unchanged, under the id stored
    read_again: list[tuple[str | None, str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + len(self.duplicates)


def _as_stored(a: Article) -> Article:
    """``a`` with the ``source`` the store keeps: the file ``read_inputs`` read it from by its
    absolute path (``Article.source_file``), as ``ingest`` stores it, while ``source`` is still the
    one read; else ``source`` as it is (a name the caller gave it: the web upload's "upload: NAME",
    standard input's "<stdin>", a URL), which no rule here takes for a path or not."""
    read = a.source_file
    if read is None or read[0] != a.source:
        return a
    return replace(a, source=read[1], source_file=None)


def _as_holder(row: sqlite3.Row | None) -> Holder | None:
    """A stored article's row (``Store._row``) as ``model.article_key`` asks of it."""
    if row is None:
        return None
    site = row["site_name"]  # a record's field kept in its metadata may be any JSON value
    return Holder(row["outlet"], False, site if isinstance(site, str) else None)


class Store:
    """A newstrace database. ``readonly`` opens it for reading only (the web app's default).

    ``busy_timeout``: seconds to wait for another process's lock (``BUSY_TIMEOUT`` by default, and
    for the write lock a transaction takes ``LIMITS.lock_wait_seconds``); the web app waits a few, so a
    request on a locked database answers 503 at once instead of holding its thread for 30 s.
    A lock still held then is a ``DatabaseBusy`` (exit 3), opening or in a ``with Store(...)`` block.
    ``on_wait(message)`` is told once when a transaction (or the first switch to WAL mode) has waited
    ``WAIT_SAID`` seconds for another process's lock and goes on waiting (the CLI says it on stderr).
    ``create=False`` opens a database that must be there, with a newstrace schema: no file is
    "no such database", and a file without the schema (a zero-byte file) "an empty database", as
    ``readonly`` says of it; a writer of articles (the default) makes either a newstrace database.
    """

    def __init__(self, path: Path | str, *, readonly: bool = False, create: bool = True,
                 busy_timeout: float | None = None, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(a_path(path, "Store: path"))
        #: seconds ``transaction`` waits for the write lock, and whether that is the user's limit
        self.lock_wait = LIMITS.lock_wait_seconds if busy_timeout is None else busy_timeout
        self._limit_named = busy_timeout is None
        self.on_wait = on_wait
        busy_timeout = min(BUSY_TIMEOUT, self.lock_wait) if busy_timeout is None else busy_timeout
        self._busy_timeout = busy_timeout
        self.readonly = readonly
        remove_killed_build(self.path)
        if create and not readonly:
            self._wait_for_maker()
        self._check_file(create)
        try:
            if readonly:
                self.conn = sqlite3.connect(
                    readonly_uri(self.path), uri=True, check_same_thread=False, timeout=busy_timeout,
                    isolation_level=None, factory=_Connection,
                )
            else:
                self.conn = sqlite3.connect(self.path, check_same_thread=False, timeout=busy_timeout,
                                            isolation_level=None, factory=_Connection)
            self.conn.row_factory = sqlite3.Row
            self.conn.create_function("search_fold", 1, _stop_held(_search_fold), deterministic=True)  # migration 14
            self.conn.create_function("published_order", 1, _stop_held(_published_order), deterministic=True)
            self.conn.create_function("text_hash", 1, _stop_held(text_hash), deterministic=True)  # migration 10
            self.conn.execute("PRAGMA foreign_keys=ON")
            if not readonly:
                version = self._known_version()  # before the journal mode: another program's file stays as it was
                if version == 0 and not create:
                    # a zero-byte file (what SQLite takes for an empty database) or one no newstrace
                    # made yet: a writer of articles (ingest, load-results) makes it a newstrace
                    # database; one that only works on what is there ('analyze') says there is
                    # nothing in it, as the readers do, and leaves it as it was (analyze turned it
                    # into a newstrace database and said "nothing to analyse", exit 0, where 'list'
                    # on the same file said "an empty database", exit 3)
                    raise self._empty()
                self._wal()
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self._migrate(version)
            else:
                self._check_version()
        except sqlite3.DatabaseError as e:
            # a file cut short is damaged whether opening or a later query meets it: "cannot open
            # database (database disk image is malformed)" said neither that nor what to do
            raise (busy_error(self.path, e) or self._unreadable(e) or damage_error(self.path, e)
                   or StoreError(f"{self.path}: cannot open database ({e})")) from e

    def opened_readonly(self, call: str) -> StoreError:
        """The error for a ``call`` that writes, made on this store opened ``readonly``: what to
        open for writing. "x.db: opened read-only" did not say that a Store is opened so by its
        caller's ``readonly=True``, nor that ``Store(path)`` writes."""
        return StoreError(f"{call}: {self.path}: opened read-only (Store(path, readonly=True)); "
                          f"open it with newstrace.Store(path) to write")

    # -- opening -------------------------------------------------------------------------------

    def _unreadable(self, e: sqlite3.DatabaseError) -> StoreError | None:
        """What stops a read of a database in WAL mode in a folder this user cannot write in, or
        None when that is not what ``e`` is: SQLite reads such a database through a ``-shm`` file
        beside it, which it creates if none is there, and which it cannot create in that folder.
        The readers said "cannot open database (attempt to write a readonly database)", which
        reads as a bug for a command that writes nothing. (A folder on a read-only file system is
        read as ``immutable``: ``readonly_uri``.)"""
        if not self.readonly or getattr(e, "sqlite_errorcode", 0) & 0xFF not in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN):
            return None
        folder = self.path.resolve().parent
        if os.access(folder, os.W_OK) or Path(f"{self.path.resolve()}-shm").exists():
            return None
        return StoreError(
            f"{self.path}: cannot be read: SQLite reads this database (WAL mode) through a file {self.path.name}-shm "
            f"beside it, and cannot create one in folder {self.path.parent}, which you cannot write in; copy the "
            "database to a folder you can write in"
        )

    def _wait_for_maker(self) -> None:
        """Wait while another process makes the database at this path: ``load-results`` builds a
        new database beside it and moves it here once committed (``engine.load.new_database``),
        holding the path's analysis lock all along. An ``ingest`` into it meanwhile waited for the
        load's write lock, and would now make a database of its own there, which the load could
        not then put in place; it waits as for the write lock (``_wait_for``: up to
        ``lock_wait``, said through ``on_wait``), and opens what the load made."""
        started = time.monotonic()
        said = self.on_wait is None
        while not self.path.exists() and (who := holder(self.path)) is not None:
            waited = time.monotonic() - started
            if waited >= self.lock_wait:
                raise DatabaseBusy(f"{self.path}: {busy_hint(who)} (waited {waited:.0f} s for it to make the database)")
            if not said and waited >= WAIT_SAID and self.on_wait is not None:
                said = True
                self.on_wait(f"{self.path}: waiting for {who}, which is making this database... {self._how_long()}")
            time.sleep(_WAIT_STEP)

    def _how_long(self) -> str:
        """How long a wait for another process goes on, as the line saying it closes. A
        ``load-results`` holds the write lock for its whole load (517 s at 100,000 articles, close
        to the 600 s); the line said "(up to 600 s in all: NEWSTRACE_LOCK_WAIT_SECONDS)", not how
        to wait for it however long it runs, and "up to inf s in all" of that."""
        name = env_name("lock_wait_seconds")
        if math.isinf(self.lock_wait):
            return f"(for as long as it takes: {name}=inf)"
        return f"(up to {self.lock_wait:g} s: {name} sets how long, inf for as long as it takes)"

    def _check_file(self, create: bool) -> None:
        check_db_path(self.path, readonly=self.readonly, create=create)

    def _wal(self) -> None:
        """Put the database in WAL mode (it stays so), waiting for other processes as a write does
        (``_wait_for``: up to ``lock_wait``, saying so through ``on_wait``).

        Switching needs every other connection gone for a moment, and SQLite answers "locked" at
        once rather than through the busy wait: two ``ingest`` runs that create one new database
        together had one of them fail here (exit 3) while the other was still creating it. Another
        program's lock on a database not yet in WAL mode kept it a silent 30 s.
        """
        if str(self.conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
            return
        self._wait_for("PRAGMA journal_mode=WAL")

    def _migrate(self, version: int) -> None:
        """Bring the schema from ``version`` to the newest, one step (``_steps``) per transaction.

        Each migration checks the version again once it holds the write lock: another process
        that opened the same database at the same moment (two ``ingest`` runs creating it) may have
        run it meanwhile, and running it twice failed ("table articles already exists").

        The searches' copies are made once (``_steps``): each migration of ``REFOLDS`` makes all of
        them again by this newstrace's rules, so of several in a row only the last runs, in one
        transaction with the others, and none after ``COPIES_MADE``, which makes them so. A
        database at 14 made them once for each (FA-KES dev and FNC-1's train bodies, 2,200
        articles: 1.6 s of CPU for 15 to 17, 0.45-0.51 s in one step)."""
        made = False  # the copies made by this newstrace's rules in this upgrade
        for step in _steps(version + 1, len(MIGRATIONS)):
            with self.transaction():
                done = self.schema_version
                if done >= step[-1]:  # another process ran it while this one waited
                    continue
                for number in step:
                    if number <= done or (number in REFOLDS and (made or number != step[-1])):
                        continue
                    for statement in _statements(MIGRATIONS[number - 1]):
                        self.conn.execute(statement)
                    made = made or number == COPIES_MADE
                self.conn.execute(f"PRAGMA user_version={step[-1]}")

    def _known_version(self) -> int:
        """The schema version, once sure the file is a newstrace database this version can read.

        The version and the tables are read in one read transaction, so another process creating
        the database at the same moment is seen before or after its first migration, never
        between the two reads (its tables without its version read as another program's file).
        """
        self.conn.execute("BEGIN")
        try:
            version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
            tables = [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        finally:
            if self.conn.in_transaction:  # not when the file is no database: SQLite ended it
                self.conn.execute("ROLLBACK")
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: database schema version {version} is newer than this newstrace "
                f"({len(MIGRATIONS)}); upgrade newstrace"
            )
        if version == 0 and tables:  # every migration commits with its version number: tables at 0 are another program's
            shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
            raise StoreError(
                f"{self.path}: not a newstrace database (it holds other tables: {shown}); give another --db"
            )
        return version

    def _empty(self) -> StoreError:
        """A file with no newstrace schema yet (a zero-byte file, SQLite's empty database) opened
        by a command that does not put articles in it (exit 3)."""
        return StoreError(f"{self.path}: an empty database; 'newstrace ingest' puts articles in it")

    def _check_version(self) -> None:
        version = self._known_version()
        if version == 0:
            raise self._empty()
        if version == len(MIGRATIONS):
            return
        if all(n in REFOLDS for n in range(version + 1, len(MIGRATIONS) + 1)):
            # only the searches' copies are behind (their rules changed, not the schema): read as
            # they are (``search_copies_behind``)
            return
        raise StoreError(
            f"{self.path}: database schema version {version}, this newstrace expects {len(MIGRATIONS)}; "
            f"open it once for writing to migrate it: run 'newstrace analyze --db {shlex.quote(str(self.path))}' "
            "(which also analyses the articles not analysed yet)"
        )

    @property
    def search_copies_behind(self) -> bool:
        """Whether the searches' copies were made by an older newstrace's rules (a database read
        before a migration of ``REFOLDS``, which only a command that writes runs): its searches
        miss what the newer rules find (``copies_behind``)."""
        return copies_behind(self.conn)

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``with store.transaction():`` commits on success, rolls back on any exception.

        The connection runs in autocommit mode so that schema changes too are inside the explicit
        transaction; ``BEGIN IMMEDIATE`` takes the write lock up front instead of failing midway.
        Inside another one (``load-results`` stores the articles and their results as one), it is
        a savepoint: its work is committed with the outer transaction, or with it not at all.
        """
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT nested")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK TO nested")
                    self.conn.execute("RELEASE nested")
                raise
            self.conn.execute("RELEASE nested")
            return
        try:
            self._begin()
            yield self.conn
        except BaseException:  # Ctrl-C too, even the moment BEGIN returns: nothing is left half-done
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _begin(self) -> None:
        """``BEGIN IMMEDIATE``, waiting up to ``lock_wait`` seconds for another process's write lock.

        A writer may keep the lock longer than SQLite's usual wait: an ``analyze`` batch commits its
        alignment, stories and state in one transaction, and ``load-results`` a Spark run's results
        in one, so that a killed run leaves the database as its last commit left it. Splitting those
        would give up that promise; the one who waits waits instead (``_wait_for``), where ``ingest``
        started beside an ``analyze`` failed after a silent 30 s, "the database is busy", exit 3."""
        self._wait_for("BEGIN IMMEDIATE")

    def _wait_for(self, statement: str) -> None:
        """Run ``statement`` (one that takes a lock), waiting up to ``lock_wait`` seconds for
        another process's lock and saying so once (``on_wait``) after ``WAIT_SAID`` seconds. Past
        ``lock_wait`` it is "the database is busy" (``DatabaseBusy``, exit 3), with the time waited
        and the variable that sets it. Waited in short steps, so Ctrl-C stops it; a statement that
        SQLite answers "locked" at once (the switch to WAL) is tried again after a short pause."""
        started = time.monotonic()
        deadline = started + self.lock_wait
        said = self.on_wait is None
        try:
            while True:
                step = max(0.0, min(deadline - time.monotonic(), _WAIT_STEP))
                self.conn.execute(f"PRAGMA busy_timeout = {round(step * 1000)}")
                tried = time.monotonic()
                try:
                    self.conn.execute(statement)
                    return
                except sqlite3.OperationalError as e:
                    waited = time.monotonic() - started
                    if not is_locked(e):
                        raise
                    if time.monotonic() >= deadline:
                        note = (f" (waited {waited:.0f} s for its write lock: {env_name('lock_wait_seconds')} sets how "
                                f"long, inf for as long as it takes)" if self._limit_named else "")
                        raise DatabaseBusy(f"{busy_error(self.path, e)}{note}") from e
                    if not said and waited >= WAIT_SAID and self.on_wait is not None:
                        said = True
                        who = holder(self.path) or "another process (another newstrace run, or another program)"
                        self.on_wait(f"{self.path}: waiting for the database lock held by {who}... {self._how_long()}")
                    if time.monotonic() - tried < _RETRY_PAUSE:  # answered at once, not after the busy wait
                        time.sleep(min(_RETRY_PAUSE, max(0.0, deadline - time.monotonic())))
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {round(self._busy_timeout * 1000)}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        """Close; a lock another process kept past the wait leaves the block as ``DatabaseBusy``
        (one line naming the database, exit 3), not as SQLite's bare error, which reads as a bug."""
        self.close()
        said = (busy_error(self.path, exc) or damage_error(self.path, exc)) if exc is not None else None
        if said is not None:
            raise said from exc

    # -- articles ------------------------------------------------------------------------------

    def add_articles(
        self, articles: Iterable[Article], *, keep_ids: bool = False, committed: Callable[[IngestCounts], None] | None = None
    ) -> IngestCounts:
        """Insert new articles and update changed ones in one transaction; same input adds nothing.

        An id another outlet's stored article holds is that outlet's: the article is stored under
        ``OUTLET:ID`` (``model.article_key``, the rule ``ingest`` keys its articles by) and listed in
        ``qualified``. An article stored under its ``legacy_id`` is found there and keeps that id.
        ``keep_ids`` keeps every id as given, and the stored row takes the article's id instead of
        its legacy one, for callers whose other rows name the articles by the ids they give
        (``load-results``: a Spark run's pairs, stories and analysis marks, keyed by that run).
        ``committed`` is given the counts once they are committed, before a Ctrl-C or SIGTERM that
        came during the COMMIT is raised (``stops_held``): raised as the COMMIT returned, it left
        ``ingest`` saying "10 added" of a database its stopped run had stored 20 in."""
        counts = IngestCounts()
        if self.readonly:
            raise self.opened_readonly("Store.add_articles")
        articles = articles_of(articles, "Store.add_articles: articles")  # an item that is none: nothing is stored
        now = datetime.now(UTC).isoformat(timespec="seconds")
        added: set[str] = set()  # the ids this call adds: one filled in is still "added"
        held = ExitStack()
        try:
            with held:
                with self.transaction():
                    for a in articles:
                        named, a = a.source, _as_stored(a)  # the counts name its input as the caller does
                        row = self._row(a.id)
                        if not keep_ids and row is not None:
                            a, row = self._keyed(a, row, counts, named)
                        if row is None and (old := legacy_id(a)) is not None:
                            # stored by a newstrace whose ids left the outlet out: the same outlet's
                            # article keeps its id (and its results); another outlet's is another article
                            before = self._row(old)
                            # with an address, the id is an archived page's (``page_id``), and the
                            # older one a capture's, which its crawl date tells: a page saved from
                            # a browser has that id today, and the capture read after it took its
                            # place, then the page its own again, each run "1 updated"
                            if (before is not None and before["outlet"] == a.outlet
                                    and (not a.url or before["crawl_date"] is not None)):
                                if keep_ids:
                                    self.conn.execute("UPDATE articles SET id=? WHERE id=?", (a.id, old))
                                else:
                                    a = replace(a, id=old)
                                row = before
                        if row is None and not keep_ids and (earlier := self.same_input(a) or self.earlier_reading(a)):
                            counts.read_again.append((named, a.id, earlier))
                            a, row = replace(a, id=earlier), self._row(earlier)  # updated, or unchanged
                            if row is not None and row["url"] and not a.url and (stored := self.get_article(earlier)):
                                # its stored copy took its address from a later copy (``_fill_in``), which
                                # it keeps, with the host as its outlet: its text alone is read anew
                                a = fuller_copy(a, stored)
                        if row is None and not keep_ids and (same := self.same_article(a)) is not None:
                            # not stored again; the one stored takes what this copy knows that it
                            # lacks (its address, above all), in this batch or committed, under its id
                            counts.duplicates.append((named, a.id, same))
                            if self._fill_in(same, a, now) and same not in added:
                                counts.updated += 1  # committed before: it is analysed again
                            continue
                        if (row is None and keep_ids and (same := self.same_article(a)) is not None
                                and not self._analysed(same)):
                            # a Spark run's copy (``load-results``) of an article stored under another
                            # id and not analysed, so that nothing is under its id: the results name it
                            # by theirs, which the stored one takes, with what this copy knows that it lacks
                            counts.duplicates.append((named, same, a.id))
                            self._fill_in(same, a, now, as_id=a.id)
                            counts.updated += 1
                            continue
                        if row is not None and row["text_hash"] == text_hash(a.text) and not given_id(a) and (
                            (row["url"] and not a.url) or (not keep_ids and self._copy_from_another_input(a, row))
                        ):
                            # read again without the address its stored copy took from a later copy
                            # (``_fill_in``), or loaded again from the results whose copy it took the
                            # id of, or another file's copy under the same id: the stored one keeps
                            # it, and takes what this one adds
                            if self._fill_in(a.id, a, now):
                                counts.updated += 1
                            else:
                                counts.unchanged += 1
                            self._note_input(a, row)
                            continue
                        h = content_hash(a)
                        if row is None:
                            self.conn.execute(
                                "INSERT INTO articles (id, url, outlet, published, title, author, text, lang, "
                                "source, record, meta, content_hash, ingested_at, published_utc, text_hash, input_hash) "
                                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                (*_article_row(a), h, now, published_order(a.published), text_hash(a.text), a.input_hash),
                            )
                            counts.added += 1
                            added.add(a.id)
                        elif row["content_hash"] != h and not self._captured_later(a) and not self._filled_in_from(a, row):
                            self.conn.execute(
                                "UPDATE articles SET url=?, outlet=?, published=?, title=?, author=?, text=?, "
                                "lang=?, source=?, record=?, meta=?, content_hash=?, revision=revision+1, "
                                "ingested_at=?, published_utc=?, text_hash=?, input_hash=COALESCE(?, input_hash) WHERE id=?",
                                (*_article_row(a)[1:], h, now, published_order(a.published), text_hash(a.text), a.input_hash, a.id),
                            )
                            counts.updated += 1
                            if row["outlet"] and a.outlet and row["outlet"] != a.outlet:
                                counts.outlet_replaced.append((a.id, row["outlet"], a.outlet))
                        else:
                            counts.unchanged += 1
                            self._note_input(a, row)
                    if committed is not None:
                        # a stop from here on waits until the counts are the caller's: the COMMIT
                        # that ends this block stores the batch, and a stop raised as it returned
                        # lost what it stored
                        held.enter_context(stops_held())
                if committed is not None:
                    committed(counts)
        except sqlite3.DatabaseError as e:  # locked (said as every command says it), disk full, malformed image
            raise busy_error(self.path, e) or damage_error(self.path, e) or StoreError(f"{self.path}: write failed ({e})") from e
        return counts

    def _note_input(self, a: Article, row: sqlite3.Row) -> None:
        """Keep ``a``'s ``input_hash`` for the stored article ``row``, which ``a`` is as read now
        (the same text, or the same text but for what the stored one took from a later copy),
        where it has none (stored before migration 13, or from a Spark run's results) or was
        stored from the same place (``source``, ``record``: that file written again). An article
        stored from another file keeps the hash of the file it was stored from: both give it now,
        and a newer newstrace reading them in the same order finds it by that file first."""
        if a.input_hash is None or row["input_hash"] == a.input_hash:
            return
        if row["input_hash"] is None or (row["source"] == a.source and row["record"] == a.record):
            self.conn.execute("UPDATE articles SET input_hash=? WHERE id=?", (a.input_hash, a.id))

    @staticmethod
    def _copy_from_another_input(a: Article, row: sqlite3.Row) -> bool:
        """Whether ``a``, of the stored article's text and id, is its copy from another input: another
        file (``source``) with other bytes (``input_hash``), such as an export's record of a page
        saved from the browser, whose id is derived from the same text and address. It took the
        page's place (its file, and all it gave), and the page read again took it back, each run
        "1 updated". Not an archived page's capture (``model.crawled``), whose latest is the page."""
        return (row["source"] != a.source and a.input_hash is not None and row["input_hash"] is not None
                and row["input_hash"] != a.input_hash and crawled(a) is None)

    def _filled_in_from(self, a: Article, row: sqlite3.Row) -> bool:
        """Whether the stored article ``row`` is ``a``, read again from the same unchanged input
        (its ``input_hash``), but for what it took from a later copy (``_fill_in``: a crawl date,
        an author, metadata): a page saved from the browser, then its capture in a web archive or
        an export's record of it, ingested by turns, was "1 updated" at each run, the page losing
        what the copy gave and taking it again, and analysed again each time. What the input gives
        otherwise (another title, a date read otherwise) is still an update."""
        if a.input_hash is None or row["input_hash"] != a.input_hash or row["text_hash"] != text_hash(a.text):
            return False
        stored = self.get_article(a.id)
        return stored is not None and content_hash(fuller_copy(a, stored)) == row["content_hash"]

    def _captured_later(self, a: Article) -> bool:
        """Whether the stored article is a capture of the page ``a`` is one of, crawled after it
        (``model.crawled``): an archive of an earlier crawl, ingested after a later one's, would
        put the page back as it was. It is unchanged, as the page is."""
        when = crawled(a)
        if when is None:
            return False
        row = self.conn.execute("SELECT json_extract(meta, '$.crawl_date') FROM articles WHERE id=?", (a.id,)).fetchone()
        stored = row[0] if row is not None else None
        return isinstance(stored, str) and stored > when

    def _fill_in(self, stored_id: str, a: Article, now: str, *, as_id: str | None = None) -> bool:
        """Give the stored article ``stored_id`` what ``a``, the same article read again
        (``model.same_article``), knows that it lacks (``model.fuller_copy``: the address above
        all); whether it took anything. Its id stays: committed, its analysis is under it, and a
        changed article is analysed again (``analyze``: its content hash), as an update is. The
        copy without the address was kept where it came first, in this batch or before it, so
        the database had no address for a page a run had read with it. ``as_id``: the id it takes
        instead, that of the copy a Spark run's results name it by (``add_articles(keep_ids=True)``)."""
        stored = self.get_article(stored_id)
        if stored is None or stored.text != a.text:
            return False
        fuller = fuller_copy(stored, a)
        if fuller is stored and as_id is None:
            return False
        self.conn.execute(
            "UPDATE articles SET id=?, url=?, outlet=?, published=?, title=?, author=?, text=?, "
            "lang=?, source=?, record=?, meta=?, content_hash=?, revision=revision+1, "
            "ingested_at=?, published_utc=?, text_hash=? WHERE id=?",
            (as_id or stored_id, *_article_row(fuller)[1:], content_hash(replace(fuller, id=as_id or stored_id)), now,
             published_order(fuller.published), text_hash(fuller.text), stored_id),
        )
        return True

    def _analysed(self, article_id: str) -> bool:
        """Whether results of an analysis are kept under ``article_id`` (``analysis``)."""
        return self.conn.execute("SELECT 1 FROM analysis WHERE article=?", (article_id,)).fetchone() is not None

    def _keyed(
        self, a: Article, row: sqlite3.Row, counts: IngestCounts, named: str | None
    ) -> tuple[Article, sqlite3.Row | None]:
        """``a`` under the id ``model.article_key`` gives it against the stored articles (``row``
        is the one under its own id), and the row under that id; each row asked for read once.
        ``named``: its input as the caller names it, which ``counts.qualified`` says."""
        rows: dict[str, sqlite3.Row | None] = {a.id: row}

        def holder(key: str) -> Holder | None:
            if key not in rows:
                rows[key] = self._row(key)
            return _as_holder(rows[key])

        key, held = article_key(a, holder)
        if key == a.id:
            return a, row
        if qualified_anew(a, key, held):
            counts.qualified.append((named, a.id, key))
        return replace(a, id=key), rows[key]

    def _row(self, article_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(
            "SELECT content_hash, outlet, url, text_hash, source, record, input_hash, "
            "json_extract(meta, '$.site_name') AS site_name, json_extract(meta, '$.crawl_date') AS crawl_date "
            "FROM articles WHERE id=?",
            (article_id,),
        ).fetchone()
        return row

    def same_input(self, a: Article) -> str | None:
        """The id of the stored article read before from the input ``a`` is read from, or None:
        the same ``input_hash`` (the file's bytes, the record's fields), the same outlet
        (``model.same_outlet``), and the same URL, or none where the stored one, read from the
        same place (``source``, ``record``), took its URL from a later copy (``_fill_in``). Not
        for an id the input gives, which is its key already. Nor for a URL the stored article
        lacks: a sidecar gives the same file an address (the file saved twice, with and without
        it), and ``same_article`` takes the two for one page where their text is the same.

        ``a``'s id, derived from its text, is another when a newer newstrace reads the text
        otherwise (a cleaning rule, a charset, markup), so ingesting a folder of texts without
        URLs again after an upgrade stored every such article a second time, its outlet then
        copying itself. For an article without a URL its text was all there was to know it by,
        and a text read otherwise cannot tell the article read again from another (an export
        written again, a paste, a story's follow-up that repeats most of its words); the input
        can. The same input anywhere (moved, named by another path, another row of an export)
        is the same article: read by one newstrace it gives one text. Articles stored before
        migration 13 have no hash until an ingest of their input reads the text they have."""
        if a.input_hash is None or given_id(a):
            return None
        a = _as_stored(a)  # its place as stored
        rows = self.conn.execute(
            "SELECT id, url, outlet, source, record, json_extract(meta, '$.site_name') AS site_name FROM articles "
            "WHERE input_hash = ? ORDER BY seq",
            (a.input_hash,),
        )
        for row in rows:
            held = _as_holder(row)
            assert held is not None
            if row["url"] != a.url and (a.url or (row["source"], row["record"]) != (a.source, a.record)):
                continue
            if row["outlet"] == a.outlet or same_outlet(a.outlet, site_name(a), held.outlet, held.site_name):
                return str(row["id"])
        return None

    def earlier_reading(self, a: Article) -> str | None:
        """The id of the stored article that the same input gave ``a`` from, read before with
        another text, or None: the same file and record (``source``, ``record``), the same URL,
        the same outlet (``model.same_outlet``), and a text most of whose word trigrams are in
        the other's (``_read_again``). Not for an id the input gives, which is its key already,
        nor for an article without a URL: one place may give two articles of one outlet over
        time (an export written again, every paste of an upload is "pasted text"), and a story's
        follow-up repeats most of its words; a URL names one page. (The input's hash tells
        them apart, for articles stored with it: ``same_input``, asked first; this finds the
        articles stored before it, and those of an input whose bytes changed too, a page saved
        again.)

        ``a``'s id, derived from its text, is another when a newer newstrace reads the text
        otherwise (a cleaning rule, a charset, a record's markup), so ingesting the same inputs
        again after an upgrade stored every such article a second time, an outlet then copying
        itself. Another article at that place since (an export written again) has other words
        and stays an article of its own."""
        if not a.source or not a.url or given_id(a):
            return None
        a = _as_stored(a)  # its place as stored
        rows = self.conn.execute(
            "SELECT id, url, outlet, text, json_extract(meta, '$.site_name') AS site_name FROM articles "
            "WHERE source = ? AND record IS ? ORDER BY seq",
            (a.source, a.record),
        )
        for row in rows:
            held = _as_holder(row)
            assert held is not None
            if row["url"] != a.url or not (
                row["outlet"] == a.outlet or same_outlet(a.outlet, site_name(a), held.outlet, held.site_name)
            ):
                continue
            if _read_again(row["text"], a.text):
                return str(row["id"])
        return None

    def same_article(self, a: Article) -> str | None:
        """The id of the stored article ``a`` is, under another id, or None: one with the same
        text from the same outlet (``model.same_outlet``: its site name counts as its name) or at
        the same address. Not when both ids were given (``model.given_id``): a dataset's two
        records of one text, FA-KES's rows 193 and 201, are the two articles it says they are.
        Two outlets' copies of one wire text stay two articles, as do two texts of one address.

        A page saved again and ingested from another file, or named by its site name where it has
        no address ("RT International", then "rt.com" once it has one), or a record's copy of a
        page under the id the record gives, was a second article of the same outlet and text,
        which provenance then had copying itself. The rule is ``model.same_article``, which the
        Spark engine keeps a run's copies by (``model.one_copy_each``)."""
        rows = self.conn.execute(
            "SELECT id, url, outlet, text, json_extract(meta, '$.site_name') AS site_name "
            "FROM articles WHERE text_hash = ? ORDER BY seq",
            (text_hash(a.text),),
        )
        for row in rows:
            site = row["site_name"]  # a record's field kept in its metadata may be any JSON value
            held = Article(row["id"], row["text"], url=row["url"], outlet=row["outlet"],
                           meta={"site_name": site} if isinstance(site, str) else {})
            if same_article(a, held):
                return str(row["id"])
        return None

    def _holder(self, article_id: str) -> Holder | None:
        """The stored article under ``article_id``, as ``model.article_key`` asks of it (its outlet),
        or ``None``: what ``ingest`` keys a run's articles against (``read_unique(stored=)``).

        Private: ``Holder`` is ingest's form of an id's holder (``this_run`` is always False from
        here), not a type ``newstrace`` exports; a library user asks ``get_article(id)``."""
        return _as_holder(self._row(article_id))

    def outlet_names(self) -> list[str]:
        """The outlets the stored articles name, that of the earliest stored article first: how
        ``ingest`` spells a new article's outlet that one of them names case aside
        (``ingest.base.OutletNames``).

        Read once per ``ingest`` run and per stored upload, so it steps from one outlet to the next
        on the ``articles_outlet`` index (whose entries end in ``seq``: an outlet's first is its
        earliest) rather than group every row: ``GROUP BY outlet`` read the whole index, 90 ms for
        a million articles against 1 ms for their 300 outlets."""
        rows = self.conn.execute(
            "WITH RECURSIVE o(name) AS (SELECT MIN(outlet) FROM articles UNION ALL "
            "SELECT (SELECT MIN(outlet) FROM articles WHERE outlet > o.name) FROM o WHERE o.name IS NOT NULL) "
            "SELECT name FROM o WHERE name IS NOT NULL ORDER BY (SELECT MIN(seq) FROM articles WHERE outlet = o.name)"
        )
        return [r[0] for r in rows]

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def iter_articles(self, *, after_seq: int = 0, order: str = "seq") -> Iterator[Article]:
        """Articles in ingestion order (``seq``) or by ``published``; streams, never loads all."""
        order_sql = {"seq": "seq", "published": "published_utc IS NULL, published_utc, seq"}[order]
        cur = self.conn.execute(f"SELECT * FROM articles WHERE seq > ? ORDER BY {order_sql}", (after_seq,))
        for row in cur:
            yield row_to_article(row)

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        return row_to_article(row) if row else None

    def iter_articles_by_ids(self, ids: Sequence[str]) -> Iterator[Article]:
        """The articles of ``ids`` that exist, in the order given, one at a time: a story's
        thousands of members are read in one query and never all held at once."""
        rows = self.conn.execute(
            "SELECT a.* FROM json_each(?) j JOIN articles a ON a.id = j.value ORDER BY j.key", (json_values(ids),)
        )
        for row in rows:
            yield row_to_article(row)

    def find_article(self, id_or_prefix: str) -> Article:
        """Exact id, else a unique id prefix (as git does for commits); the empty string is no
        prefix (it would name the only article of a one-article database, or "more than one")."""
        found = self.get_article(id_or_prefix)
        if found:
            return found
        if not id_or_prefix:
            raise StoreError(f"{self.path}: no article with id {id_or_prefix!r} ({see_hint('list', shlex.quote(str(self.path)))})")
        escaped = like_escape(id_or_prefix)
        rows = self.conn.execute(
            f"SELECT * FROM articles WHERE id LIKE ? ESCAPE '\\' ORDER BY seq LIMIT {SHOWN_MATCHES}", (escaped + "%",)
        ).fetchall()
        if len(rows) == 1:
            return row_to_article(rows[0])
        if not rows:
            raise StoreError(f"{self.path}: no article with id {id_or_prefix!r} ({see_hint('list', shlex.quote(str(self.path)))})")
        # the ids it matches, with their titles, as 'story' and 'stories --thread' name theirs
        total = self.conn.execute("SELECT COUNT(*) FROM articles WHERE id LIKE ? ESCAPE '\\'", (escaped + "%",)).fetchone()[0]
        raise ambiguous_id(f"{self.path}: id prefix", id_or_prefix, "articles", [(r["id"], r["title"]) for r in rows],
                           total, see_hint('list', shlex.quote(str(self.path))))


@contextmanager
def stops_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back over the block and acted on as it ends, as their handlers
    before would have: a commit and the caller's counting of it (``load_results``' results and
    ``on_loaded``, ``Store.add_articles``' batch and ``committed``), so that a stop in between cannot
    leave a caller that thinks what was committed was rolled back. The handlers are swapped rather
    than the signals blocked: a process-directed signal blocked in the main thread still reaches
    another thread (rich's progress bar), and Python raises it there. In the main thread only
    (where Python runs signal handlers); a signal's default (SIGTERM outside the CLI's
    ``sigterm_stops``) is raised again once the handlers before are back. A second stop in the
    block is one with the first, acted on as it is: the COMMIT runs in SQLite's C code, where
    Python acts on no signal, so a second one could not cut it short anyway, and the commit
    either lands whole or not at all (a SIGKILL in it leaves one or the other)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[signal.Signals] = []
    held = (signal.SIGINT, signal.SIGTERM)

    def hold(signum: int, frame: FrameType | None) -> None:
        came.append(signal.Signals(signum))

    before = {s: signal.signal(s, hold) for s in held}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
        if came:
            handler = before[came[0]]
            if callable(handler):
                handler(came[0], None)  # the CLI's: Terminated, or Ctrl-C's KeyboardInterrupt
            elif handler == signal.SIG_DFL:
                signal.raise_signal(came[0])


def readonly_uri(p: Path) -> str:
    """The URI that opens the database ``p`` for reading only (``Store(readonly=True)``).

    The path is percent-encoded (``Path.as_uri``): written into the URI as it is, a ``?`` or ``#``
    in it began the query or the fragment, so ``list --db 'a?b.db'`` opened (and created) a file
    ``a`` read-write and said "an empty database", and ``100%25.db`` named another file.
    """
    uri = f"{p.resolve().as_uri()}?mode=ro"
    return uri + "&immutable=1" if _unchanging(p) else uri


def _unchanging(p: Path) -> bool:
    """Whether nothing can change the database ``p``: its folder lies on a read-only file system
    (a read-only mount or volume, an archive's disc) and no write-ahead log beside it holds
    commits the file lacks. SQLite opens such a database only as ``immutable``: to read a WAL
    database it creates ``-shm`` (and ``-wal``) beside it, which a read-only file system refuses,
    so every reader (``list``, ``stories``, ``serve``) failed with "unable to open database file".
    A folder merely not writable for this user is not taken so, since its owner may write the
    database meanwhile: ``Store`` says what is missing there instead (``_unreadable``)."""
    try:
        on_read_only_media = bool(os.statvfs(p.resolve().parent).f_flag & os.ST_RDONLY)
        wal = Path(f"{p.resolve()}-wal")
        return on_read_only_media and not (wal.exists() and wal.stat().st_size > 0)
    except (OSError, AttributeError):  # no such folder (said elsewhere); no statvfs (Windows)
        return False


#: the files of one SQLite database at path P: P itself, its WAL, the WAL's index, a rollback journal
DB_FILES = ("", "-wal", "-shm", "-journal")


def building_path(db: Path) -> Path:
    """Where ``load-results`` builds a new database ``db`` before it is moved to ``db``: a hidden
    file beside it (``.news.db.load-results``), so on the same file system, where the move is one
    rename. ``db`` a link to no file yet: beside the file it names."""
    place = Path(os.path.realpath(db))
    return place.with_name(f".{place.name}.load-results")


def remove_database(path: Path) -> None:
    """Remove the database at ``path`` with its WAL and journal files, those that are there."""
    for suffix in DB_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def remove_killed_build(db: Path) -> None:
    """Remove what a ``load-results`` into a new database ``db`` that was killed (SIGKILL, the OOM
    killer) left beside it (``building_path``: the database it was building, as big as the load had
    gone, and its WAL, which holds the whole load), when no load is building it now: under ``db``'s
    analysis lock, which a load holds all along, taken without waiting. It stayed, hidden, until the
    next ``load-results`` into that path, which might never come (an ``ingest`` made the database
    there instead, or the user gave up on the path); every command given ``db`` removes it now."""
    built = building_path(db)
    if not any(os.path.lexists(f"{built}{suffix}") for suffix in DB_FILES):
        return
    try:
        with analysis_lock(db, "load-results-cleanup"):
            remove_database(built)
    except (StoreError, OSError):
        pass  # a load is building it now (or its folder is read-only: it stays, as it was)


def _how_to_write(p: Path, what: str) -> str:
    """How a user gets to write ``p`` (a database file or its folder) that is read-only, ``what``
    naming what to copy elsewhere: "database is read-only" alone left them to find out whether a
    permission, a mount or the command was the cause."""
    try:
        on_read_only_media = bool(os.statvfs(p.resolve()).f_flag & os.ST_RDONLY)
        mine = p.stat().st_uid == os.getuid()
    except (OSError, AttributeError):  # no statvfs or getuid (Windows)
        on_read_only_media, mine = False, True
    if on_read_only_media:
        return f"on a read-only file system: copy {what} to a folder you can write in to write to it"
    if mine:
        return f"no write permission: 'chmod u+w {shlex.quote(str(p))}' gives it"
    return f"you have no write permission: its owner can give it, or copy {what} to a folder of yours"


def check_db_path(p: Path, *, readonly: bool = False, create: bool = True) -> None:
    """Refuse a database path that cannot work, before anything is read or written.

    Commands call this up front so that a bad ``--db`` fails in one line before minutes of reading
    input, and so that a file which is not SQLite is never touched. A file with no write permission
    bits counts as read-only even for root (who could write it anyway): the user marked it so.
    """
    if p.exists():
        if p.is_dir():
            raise StoreError(f"{p}: is a folder, not a database file")
        if not p.is_file():  # a reader of a named pipe waited forever; a write to /dev/null was "disk I/O error"
            raise StoreError(f"{p}: is a device or a pipe, not a database file")
        if p.stat().st_size > 0:
            try:
                with p.open("rb") as fh:
                    magic = fh.read(16)
            except OSError as e:
                raise StoreError(f"{p}: cannot read database ({e.strerror})") from e
            if magic != SQLITE_MAGIC:
                raise StoreError(f"{p}: not a SQLite database")
        if not readonly and (not os.access(p, os.W_OK) or not p.stat().st_mode & 0o222):
            raise StoreError(f"{p}: database is read-only ({_how_to_write(p, 'it')})")
        if not readonly and not os.access(p.parent.resolve(), os.W_OK):
            raise StoreError(f"{p}: folder {p.parent} is read-only (SQLite needs it for its journal; "
                             f"{_how_to_write(p.parent, 'the database')})")
    else:
        if readonly or not create:
            if (who := holder(p)) is not None:  # a load-results making it (``engine.load.new_database``)
                raise StoreError(f"{p}: no such database yet: {who} is making it; try again when it finishes")
            # the ingest that makes this one: 'newstrace ingest' alone, as it said, filled the default
            # newstrace.db; in a folder that is not there (a typo in the path) no ingest would do
            if not p.parent.is_dir():
                raise DatabasePathError(f"{p}: no such database (no folder {p.parent})")
            raise StoreError(f"{p}: no such database (run 'newstrace ingest INPUT... --db {shlex.quote(str(p))}' first)")
        if p.is_symlink():
            # a link to no file yet: SQLite creates the file it names, in the folder it names (a
            # folder missing there was "cannot open database (unable to open database file)")
            try:
                target = p.resolve()
            except (RuntimeError, OSError) as e:  # a loop of links (3.11 raises RuntimeError)
                raise StoreError(f"{p}: a link that leads to no file (a loop of links)") from e
            parent, folder = target.parent, f"{target.parent}, where the link {p} leads"
        else:
            parent, folder = p.parent.resolve(), str(p.parent)
        if not parent.is_dir():
            raise no_folder(p, folder, DatabasePathError)
        if not os.access(parent, os.W_OK):
            raise StoreError(f"{p}: folder {folder} is read-only")


def in_list(values: Sequence[str | int]) -> tuple[str, str]:
    """``("IN (...)", parameter)``: a condition that ``values`` holds the column's value, with one
    SQL parameter however many values there are (a JSON array that ``json_each`` reads). One
    ``?`` per value failed past SQLite's variable limit (``SQLITE_LIMIT_VARIABLE_NUMBER``) and
    chunking cannot order, count or page across the chunks: every id-list query goes through this."""
    return "IN (SELECT value FROM json_each(?))", json_values(values)


def json_values(values: Sequence[str | int]) -> str:
    """``values`` as the one parameter ``json_each(?)`` reads (``in_list``)."""
    return json.dumps(list(values))


def like_escape(text: str) -> str:
    """``text`` as a literal inside a ``LIKE ... ESCAPE '\\'`` pattern (``%`` and ``_`` are not wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: words of a search that count; each adds a scan of the text, so a pasted paragraph cannot add hundreds
MAX_SEARCH_WORDS = 8


class SearchTerm(NamedTuple):
    """A search's word or phrase as ``word_in`` looks for it in the searches' stored copies
    (``search_copy``): ``patterns``, ``LIKE`` patterns any of which finds it, and, when there are
    several, ``sieve``, one every row they find matches (the longest of its parts), looked for
    first: the patterns then read only the rows it finds, and a word of several patterns costs
    about one scan."""

    patterns: tuple[str, ...]
    sieve: str | None = None


def search_words(q: str | None, conn: sqlite3.Connection | None = None) -> list[SearchTerm]:
    """A search's words and phrases, folded (``search_text``), each of which must appear
    (``word_in``) in any order: the one rule of the articles' and the stories' searches. A word is
    what stands between spaces; what stands between double quotes (``"`` or ``“ ”`` and ``„``; an
    unclosed one runs to the end) is a phrase, its words side by side in that order: 'al Nusra'
    finds "al" and "Nusra" anywhere, '"al Nusra"' only "al Nusra" (or "al-Nusra": ``search_fold``),
    and "al, Nusra" (a phrase passes over the commas, full stops and brackets at its words' edges:
    ``search_text``). A word a dash or hyphen joins is one such phrase: 'al-Nusra' finds "al-Nusra",
    "al Nusra" and "al–Nusra", not "al" and "Nusra" apart; and a word a hyphen joins (``_JOINERS``)
    is its words joined too: 'cease-fire' finds "ceasefire", and 'ceasefire' finds "cease-fire"
    through the joined words the stored copies keep. A word or phrase whose folding is only
    spaces or nothing, an accent, an apostrophe or a dash typed alone ('¨', "'", '-'), is none:
    folded, every text holds it.

    A word with one apostrophe between two letters ('Dar'a', 'Sana'a', 'Qa'ida', 'he'd') is a
    whole word, the apostrophe standing for nothing or, before a vowel, for that vowel again (the
    ʿayn a transliteration writes as a doubled vowel), with a possessive 's' after it or none:
    'Dar'a' finds "Daraa", "Dar'a" and "Daraa's", not "Daraya" nor "Handarat", which 'dara'
    holds; 'he'd' no longer finds "published", nor 'Rice's' "prices". Typed without one, a word is
    found inside others as ever ('Sanaa' finds "Sana'a"). In a database whose copies an older
    newstrace made (read before migration 16, ``WHOLE_WORDS``, given its connection ``conn``),
    which are not bounded by spaces, such a word is found inside others as there.

    A double quote is so no character to find: before phrases, '"al Nusra"' looked for the words
    '"al' and 'nusra"', quote marks and all, each anywhere, where it now looks for "al nusra". A
    query without one finds what it found before (``search_fold``), and more, but for the words
    with an apostrophe between letters, which are whole words."""
    terms: list[SearchTerm] = []
    whole = conn is None or _user_version(conn) >= WHOLE_WORDS
    for i, part in enumerate(_PHRASE_QUOTES.split(q or "")):
        # control characters are dropped (a query of nothing else is no query): a NUL ended a LIKE
        # pattern, so "%\x00%" matched every row
        words = ["".join(c for c in w if c.isprintable()) for w in part.split()]
        for typed in [" ".join(words)] if i % 2 else words:
            if term := _term(typed, whole=whole):
                terms.append(term)
    return terms[:MAX_SEARCH_WORDS]


def copies_behind(conn: sqlite3.Connection) -> bool:
    """Whether the searches' copies of ``conn``'s database were made by the rules of an older
    newstrace, a migration of ``REFOLDS`` not run yet on it (``Store.search_copies_behind``); asked
    at each search, as a command that writes may migrate it while the web app reads it."""
    return _user_version(conn) < len(MIGRATIONS)


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _term(typed: str, *, whole: bool = True) -> SearchTerm | None:
    """The ``LIKE`` patterns of one word or phrase of a search (``search_words``); None when its
    folding is nothing. ``whole``: a word with an apostrophe is a whole word."""
    folded = search_text(typed)
    if not folded:
        return None
    pieces = [search_text(piece) for piece in _INNER_APOSTROPHE.split(typed)]
    if whole and len(pieces) == 2 and " " not in folded and all(pieces):
        # a whole word (the copies have a space at either end): the apostrophe nothing, or before a
        # vowel that vowel again ("Daraa"); not any letter: 'he'd' found "head", 'Chang's' "changes"
        head, tail = (like_escape(piece) for piece in pieces)
        marks = ("", tail[0]) if tail[0] in "aeiou" else ("",)
        # every pattern holds the word without its apostrophe ("daraa" holds "dara"): the sieve
        return SearchTerm(tuple(f"% {head}{mark}{tail}{s} %" for mark in marks for s in ("", "s")), f"%{head}{tail}%")
    if not _JOINED.search(typed) or (joined := search_text(_JOINED.sub("", typed))) == folded:
        return SearchTerm((f"%{like_escape(folded)}%",))
    # the hyphen's words side by side, or joined: both hold each of them
    parts = [part for piece in _JOINED.split(typed) if (part := search_text(piece)) and part in folded and part in joined]
    return SearchTerm((f"%{like_escape(folded)}%", f"%{like_escape(joined)}%"),
                      f"%{like_escape(max(parts, key=len))}%" if parts else None)


#: what opens and closes a phrase of a search (``search_words``): the straight double quote and
#: the typographic ones (English “ ”, German „ “), whichever a search pasted from a text holds
_PHRASE_QUOTES = re.compile('["“”„]')


def word_in(column: str, term: SearchTerm) -> tuple[str, list[str]]:
    """SQL that holds where ``column``, a stored copy of a searched column (``articles_folded``'s
    ``title`` and ``text``, ``stories_folded``'s ``label``: migrations 14 to 17, ``search_copy``),
    holds a ``search_words`` term, and its parameters.

    Both sides are folded alike (``search_fold``), so a word matches its text in any case and
    with or without accents or apostrophes, either way: 'Erdogan' finds "Erdoğan" and 'Erdoğan'
    "Erdogan", 'strasse' "Straße", 'Sanaa' "Sana'a" and "Sana’a", and "Sana'a" "Sanaa"; and with
    a hyphen, a dash or a space between its words, any of them: 'al-Nusra' finds "al Nusra" and
    "al–Nusra", '"al Nusra"' "al-Nusra". The texts
    are folded once, when written, so that a search runs in SQLite's C alone. Before, SQLite's ``LIKE`` (which folds ASCII alone) looked for an ASCII word in the
    columns as written, missing "Erdoğan" and "Straße", and a word with a letter outside ASCII was
    looked for in the rows case-folded by a call of Python each (52 ms over the 2,200 FA-KES and
    FNC-1 articles of the Articles search, where an ASCII word took 7).

    ``LIKE``, not ``instr``: it scans faster (8.6 against 11.1 ms of CPU for 'aleppo' in those
    2,200 texts), and over folded texts, which hold no ASCII capital, its folding of ASCII case
    changes nothing. A term of several patterns (a hyphenated word and its words joined, a word
    with an apostrophe) is a scan for each."""
    like = f"{column} LIKE ? ESCAPE '\\'"
    if len(term.patterns) == 1:
        return like, list(term.patterns)
    held = f"({' OR '.join(like for _ in term.patterns)})"
    if term.sieve is None:
        return held, list(term.patterns)
    return f"({like} AND {held})", [term.sieve, *term.patterns]


#: apostrophes and what is written for them, which ``search_fold`` drops wherever they stand, so
#: that a name finds its text with or without them: 'Sanaa' "Sana'a" and "Sana’a", 'Qaida'
#: "Qa'ida", 'quran' "Qur’an", 'ʿAla' "Ala". By Unicode category: the apostrophes (Po "'", its
#: full-width form, the Armenian "՚"; Lm "ʼ"), the single quotation marks word processors put for
#: one (Pi/Pf/Ps "‘ ’ ‛ ‚"), the prime (Po "′", and so "″", which NFKD makes two), the modifier
#: letters transliteration writes for the Arabic ʿayn and hamza, the glottal stop, the ʻokina and
#: the soft sign (Lm "ʻ ʽ ʾ ʿ ˀ ˁ ʹ"), and the spacing accents typed for an apostrophe (Sk "` ´"
#: and the full-width "｀"). Not the letters ("ʔ", the saltillo "ꞌ"), nor the Hebrew geresh ("ג׳"
#: is another sound than "ג"), nor the modifier accents "ˊ ˋ" (Bopomofo's tone marks). The cost:
#: words that differ by an apostrophe alone are one ('its' finds "it's", 'were' "we're", 'well'
#: "we'll"); and a transliteration's ʿ often stands where ASCII writes a vowel ("Darʿa" is 'dara',
#: which "Daraa" holds, and "Daraya" too).
_APOSTROPHES = "'`´′ʹʻʼʽʾʿˀˁ՚‘’‚‛＇｀"
#: hyphens and dashes, which ``search_fold`` takes to a space wherever they stand, so that a name
#: or compound finds its text whichever joins its words, or a space: 'al-Nusra' finds "al Nusra",
#: "al‑Nusra" (a non-breaking hyphen) and "al–Nusra", 'pro-government' "pro government". Unicode's
#: dash punctuation (Pd: the hyphen-minus, the hyphens "‐ ‑", the figure, en and em dashes and the
#: horizontal bar "‒ – — ―", the Armenian hyphen, the Hebrew maqaf, the double, oblique and
#: Canadian syllabics hyphens, the two- and three-em dashes, the wave dashes, the full-width, small
#: and vertical forms) and the minus sign ("−", Sm), which typesetting puts for a hyphen-minus (so
#: '-5' is '5', and finds "−5" and "5"); NFKD takes the superscript and subscript minus there. The soft hyphen
#: (U+00AD, invisible where the line does not break there) is dropped: "infor\u00admation" is
#: "information".
_DASHES = "-֊־᐀᠆‐‑‒–—―⸗⸚⸺⸻⹀⹝〜〰゠︱︲﹘﹣－𐺭−"
_SOFT_HYPHEN = "\u00ad"
#: letters no decomposition takes to the ASCII letter one types for them ('ı' of "Diyarbakır",
#: 'ł' of "Łódź", 'ø', 'đ', 'æ' ...): ``search_fold`` takes them there, drops the apostrophes and
#: the soft hyphen, and takes the dashes to a space
_TYPED_AS = str.maketrans({
    "ı": "i", "ȷ": "j", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "þ": "th",
    "æ": "ae", "œ": "oe", _SOFT_HYPHEN: None,
} | dict.fromkeys(c for c in _APOSTROPHES if not c.isascii()) | dict.fromkeys((c for c in _DASHES if not c.isascii()), " "))
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def search_fold(text: str) -> str:
    """``text`` as the searches compare it (``search_words``, ``word_in``, and the folded tables of
    migrations 14 to 17, through ``search_text`` and ``search_copy``, which build on it one word at
    a time): compatibility-decomposed (NFKD: 'ﬁ' is "fi", 'é' is 'e' and an accent),
    case-folded ('ß' is "ss"), decomposed again (what folding composed), its combining marks
    (accents, cedillas, Arabic vowel signs: NFKD moved them off their letters) dropped, the
    letters of ``_TYPED_AS`` taken to ASCII, the ``_APOSTROPHES`` and the soft hyphen dropped ('´'
    before NFKD, which makes it a space and an accent), the ``_DASHES`` taken to a space, and every
    run of white space (spaces, line breaks, tabs, what NFKD makes a space of: the no-break and
    thin spaces) taken to one space, none at either end. So "Jabhat al-Nusra", "Jabhat al Nusra"
    and "Jabhat  al‑Nusra" are all "jabhat al nusra".

    Each step but the last takes one character at a time (NFKD's reordering moves only the marks
    dropped), and the last takes each run of spaces to one, so a text's folding holds the folding
    of every word it holds: a search finds what it found before, when it compared the words
    case-folded, and more; what it found when hyphens and dashes counted (migration 14), and more.
    Python reads only the runs outside ASCII a character at a time (0.4 s for FNC-1's bodies and
    SemEval's texts, 5 M characters)."""
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text.replace("´", "")).casefold())
        if not text.isascii():
            text = _NOT_ASCII.sub(_unmarked, text)
    return " ".join(text.replace("'", "").replace("`", "").replace("-", " ").split())


def _unmarked(run: re.Match[str]) -> str:
    """A run of characters outside ASCII, decomposed and folded, as ``search_fold`` leaves it."""
    return "".join(c for c in run[0] if not unicodedata.combining(c)).translate(_TYPED_AS)


#: punctuation a search passes over at a word's edges (``search_text``): the comma, the full stop
#: (and the ellipsis, which NFKD makes three), the colon and semicolon, the marks of question and
#: exclamation, brackets, and the double quotation marks and guillemets; the Arabic comma,
#: semicolon and question mark, the ideographic comma and full stop (NFKD takes the full-width
#: forms to ASCII). So '"Aleppo Syria"' finds "Aleppo, Syria" and '"Syria"' "Syria." Inside a word
#: they stay ("u.s", "3.5", "1,000"); the other signs ("#", "@", "%", "&", "/", "$") are looked for.
_EDGE_MARKS = ',.;:!?()[]{}"“”„‟«»‹›¡¿،؛؟、。'
#: the hyphens that join words into one (a compound: "cease-fire", "e-mail", "al-Nusra"), which a
#: search also takes away (``search_copy``, ``search_words``): the hyphen-minus, the hyphen, the
#: non-breaking hyphen, and their small and full-width forms. Not the dashes: "Obama–Putin" (en)
#: and "attack—the" (em) are two words, and "2010–2015" no number.
_JOINERS = "-‐‑﹣－"
_JOINED = re.compile(f"(?<=\\w)[{re.escape(_JOINERS)}](?=\\w)")
_JOINER = re.compile(f"[{re.escape(_JOINERS)}]")
_SPACE = re.compile(r"\s")
_INNER_APOSTROPHE = re.compile(f"(?<=\\w)[{re.escape(_APOSTROPHES)}](?=\\w)")


def search_text(text: str) -> str:
    """``text`` folded (``search_fold``) and the ``_EDGE_MARKS`` at its words' edges dropped: a
    search's word or phrase as ``search_words`` looks for it, and the first part of a stored copy
    (``search_copy``). A text's words so hold what a query's do, whatever punctuation stands
    between them: 'aleppo, syria' and "Aleppo, Syria" are both "aleppo syria". Dropping marks at
    an edge keeps every word's folding inside its text's (a word typed with them finds what it
    found, and more)."""
    return " ".join(w for w in (w.strip(_EDGE_MARKS) for w in search_fold(text).split(" ")) if w)


def search_copy(text: str) -> str:
    """What a search looks in for ``text`` (the searches' stored copies, migration 17): its words
    (``search_text``) with a space at either end, so that a whole word is found as " word "; then,
    each on a line of its own, the words about every compound a hyphen joins ("cease-fire",
    ``_JOINERS``), the compound's hyphens taken away ("the ceasefire agreement was": ``_joined_runs``),
    so that 'ceasefire' finds "cease-fire", 'email' "e-mail", and a phrase '"ceasefire agreement"'
    "cease-fire agreement". A line break is in no search's words, so no word or phrase runs from one
    part into another."""
    return " " + " \n ".join([search_text(text), *_joined_runs(text)]) + " "


#: the words a line of joined compounds keeps on either side of each (``_joined_runs``): a phrase of
#: up to this many words and one more, the compound anywhere in it, finds it written with its hyphen
JOINED_CONTEXT = 3
#: up to ``JOINED_CONTEXT`` words after a point (read backwards, the words before it)
_WORDS_AROUND = re.compile(f"(?:\\s+\\S+){{0,{JOINED_CONTEXT}}}")


def _joined_runs(text: str) -> list[str]:
    """The runs of ``text`` about its words that a hyphen joins (``_JOINED``; a word is what stands
    between spaces), ``JOINED_CONTEXT`` words either side, runs that meet taken as one, with every
    such word's hyphens taken away, folded (``search_text``): "the cease-fire agreement was signed"
    gives "the ceasefire agreement was signed". A phrase with the compound written whole finds it
    there, as a word does. Read from each hyphen out to the spaces about its word, and from there to
    the words about it (at most 200 characters back: a word cut there is a word's end, which the
    searches find inside others anyway): 0.13 s over the 2,200 texts of FA-KES dev and FNC-1's
    train bodies, where each compound alone took 0.06 s and a split of every text into its words 0.4.
    The runs add 9 % to the copies (4.57 M characters of words, 0.41 M of runs; ±5 words, 13 %)."""
    runs: list[tuple[int, int]] = []
    end = 0
    for hyphen in _JOINER.finditer(text):
        if hyphen.start() < end:  # in the word just read
            continue
        start = hyphen.start()
        while start and not text[start - 1].isspace():
            start -= 1
        end = space.start() if (space := _SPACE.search(text, hyphen.start())) else len(text)
        if not _JOINED.search(text, start, end):
            continue
        before = _WORDS_AROUND.match(text[max(0, start - 200):start][::-1])
        after = _WORDS_AROUND.match(text, end)
        low, high = start - (before.end() if before else 0), after.end() if after else end
        if runs and low <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], high))
        else:
            runs.append((low, high))
    return [joined for low, high in runs if (joined := search_text(_JOINED.sub("", text[low:high])))]


#: a Ctrl-C or SIGTERM met inside an SQL function of ours, held until the statement returns
_held_stops: list[BaseException] = []


def _stop_held(f: Callable[..., Any]) -> Callable[..., Any]:
    """``f`` as an SQL function that a stop does not turn into an SQL error.

    Ctrl-C's and SIGTERM's handlers raise ``KeyboardInterrupt`` (``errors.Terminated``) wherever
    the run is, and with migration 14's triggers folding every title, text and label written, that
    is often inside ``search_fold``: SQLite then failed the statement with "user-defined function
    raised exception", an internal error (exit 70) where the run stops as at Ctrl-C (exit 130, 143;
    ``tests/test_concurrency.py`` met it once in three SIGTERMs). The stop is held and the value
    computed; ``_Connection`` raises the stop as the statement returns, where the handler would
    have, and the transaction it breaks is rolled back as at any stop."""

    def call(*args: Any) -> Any:
        while True:
            try:
                return f(*args)
            except KeyboardInterrupt as stop:
                _held_stops.append(stop)

    return call


def _raise_held_stop() -> None:
    if _held_stops:
        stop = _held_stops[0]
        _held_stops.clear()
        raise stop


class _Connection(sqlite3.Connection):
    """The store's connection: a stop held by an SQL function (``_stop_held``) is raised as the
    statement that called it returns."""

    def execute(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        try:
            return super().execute(*args, **kwargs)
        finally:
            _raise_held_stop()

    def executemany(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        try:
            return super().executemany(*args, **kwargs)
        finally:
            _raise_held_stop()

    def executescript(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        try:
            return super().executescript(*args, **kwargs)
        finally:
            _raise_held_stop()


def _search_fold(value: str | None) -> str | None:
    """SQL ``search_fold(x)``, which fills and keeps the folded tables (migration 14, its triggers):
    a text as the searches look in it, ``search_copy`` (since migration 16; ``search_fold`` before);
    NULL (an article without a title) stays NULL, which no ``LIKE`` finds. The name is migration
    14's: its triggers, in every database, call ``search_fold``, and migrations 14 to 17 fill the
    copies with it, so it keeps that name whatever it computes; a new one would be a second name to
    register for good (a database at 13 still runs 14), a migration to make the triggers again that
    the web app could not read past, and "no such function" for another program writing the texts."""
    return search_copy(value) if isinstance(value, str) else None


def _published_order(value: str | None) -> str | None:
    """SQL ``published_order(x)``: a stored ISO date as ``model.published_order`` sorts it, for the
    listings that sort by a date stored as written (a story's ``start`` and ``end``)."""
    return published_order(parse_published(value)) if isinstance(value, str) else None


def _steps(first: int, last: int) -> list[list[int]]:
    """The migrations ``first`` to ``last`` in the steps ``Store._migrate`` runs them, each step one
    transaction: a migration alone, or a run of ``REFOLDS`` in a row, of which the last makes the
    searches' copies for all."""
    steps: list[list[int]] = []
    for number in range(first, last + 1):
        if steps and number in REFOLDS and steps[-1][-1] in REFOLDS:
            steps[-1].append(number)
        else:
            steps.append([number])
    return steps


def _statements(script: str) -> list[str]:
    """A migration's statements, to run one at a time inside its transaction (``executescript``
    would commit first). A trigger's body holds semicolons of its own: a piece is joined to the
    next until SQLite takes the whole as one statement (migration 14)."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\n;"):
                statements.append(pending.strip().removesuffix(";"))
            pending = ""
    if pending.strip(" \t\n;"):
        statements.append(pending.strip().removesuffix(";"))
    return statements


def _article_row(a: Article) -> tuple[Any, ...]:
    d = a.to_dict()
    return (
        a.id,
        a.url,
        a.outlet,
        d["published"],
        a.title,
        a.author,
        a.text,
        a.lang,
        a.source,
        a.record,
        json.dumps(a.meta, ensure_ascii=False, sort_keys=True, default=str),
    )


def row_to_article(row: sqlite3.Row) -> Article:
    d = dict(row)
    d["meta"] = json.loads(d.get("meta") or "{}")
    return Article.from_dict(d)
