"""Load the Parquet results of a Spark run into a newstrace database (``newstrace load-results``).

Reads with pyarrow only (no Spark needed), writes through the same ``store.results`` functions the
local engine uses, in one transaction, and marks the articles analysed; the clustering state comes
along, so a later local ``analyze`` continues incrementally from the Spark run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from newstrace.engine.local import check_semantic
from newstrace.engine.tables import COLUMNS, MAY_BE_NULL, OPTIONAL
from newstrace.errors import InputError, NewstraceError, StoreError
from newstrace.model import (
    Article,
    ArticleClaims,
    ArticlePair,
    Holder,
    ProvenanceEdge,
    Quantity,
    Quote,
    SharedPassage,
    agreeing,
    article_key,
    counted,
)
from newstrace.store import results as R
from newstrace.store.lock import analysis_lock
from newstrace.store.sqlite import (
    DB_FILES,
    Store,
    building_path,
    busy_error,
    content_hash,
    damage_error,
    in_list,
    placement_hash,
    remove_database,
    stops_held,
)

BATCH = 5000


def _no(t: Any) -> bool:
    return False


def _kind_of(t: Any) -> set[str]:
    """The kinds of ``COLUMNS`` an Arrow type ``t`` gives values of."""
    import pyarrow as pa

    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_null(t):  # a column every row leaves empty (a writer that inferred its types)
        return {"null"}
    if pa.types.is_string(t) or pa.types.is_large_string(t) or getattr(pa.types, "is_string_view", _no)(t):
        return {"text"}
    if pa.types.is_integer(t):
        return {"integer", "number"}
    if pa.types.is_floating(t):
        return {"number"}
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or getattr(pa.types, "is_binary_view", _no)(t):
        return {"bytes"}
    return set()


_KINDS = {"text": "text (a string)", "integer": "whole numbers", "number": "numbers", "bytes": "bytes (binary)"}


def _table_folder(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.exists():
        raise InputError(
            f"{folder}: no '{name}' table (not the output of a 'newstrace analyze --engine spark' run, or of one "
            "that did not finish)"
        )
    if not path.is_dir():
        raise InputError(f"{path}: a file, where a Spark run's '{name}' table is a folder of Parquet files")
    return path


def _files(folder: Path, name: str) -> list[str]:
    """The Parquet files of one result table, in name order (Spark's partition order)."""
    return [str(p) for p in sorted(_table_folder(folder, name).rglob("*.parquet"))]


def _check_file(f: str, table: str) -> None:
    """Refuse a Parquet file of ``table`` that cannot be read, lacks a column the load reads, holds
    a column of another kind, or leaves a column empty in a row where every row has a value, from
    its footer alone (no rows are read): "KeyError: 'article'" or "TypeError: string argument
    without an encoding" came out as internal errors halfway through a load that had stored articles."""
    meta = parquet_footer(f)
    with _reading(f):
        schema = meta.schema.to_arrow_schema()
    for column, kind in COLUMNS[table].items():
        i = schema.get_field_index(column)
        if i < 0:
            if column in OPTIONAL.get(table, set()):
                continue
            raise InputError(
                f"{f}: no column '{column}' (a Spark run's '{table}' table has the columns "
                f"{', '.join(COLUMNS[table])})"
            )
        kinds = _kind_of(schema.field(i).type)
        nullable = column in MAY_BE_NULL.get(table, set())
        if kinds == {"null"}:  # no value in any row: a type inferred from none (pyarrow, pandas)
            if nullable or not meta.num_rows:
                continue
            raise InputError(f"{f}: column '{column}' is empty in each of its {counted(meta.num_rows, 'row', grouped=True)}, where "
                             f"a Spark run's '{table}' table gives every row one")
        if kind not in kinds:
            raise InputError(
                f"{f}: column '{column}' holds values of type {schema.field(i).type}, where a Spark run's "
                f"'{table}' table holds {_KINDS[kind]}"
            )
        if nullable:
            continue
        leaf = next((j for j in range(meta.num_columns) if meta.schema.column(j).path == column), -1)
        nulls = 0
        for g in range(meta.num_row_groups if leaf >= 0 else 0):
            stats = meta.row_group(g).column(leaf).statistics
            if stats is not None and stats.has_null_count:
                nulls += stats.null_count
        if nulls:
            raise InputError(
                f"{f}: column '{column}' is empty (null) in {counted(nulls, 'row', grouped=True)}, where a Spark run's '{table}' table "
                "gives every row one"
            )


def parquet_footer(f: str) -> Any:
    """The footer (``FileMetaData``) of one Parquet file, read alone (no rows); a file that is
    none, or one cut short, is exit 2 naming it (``_reading``). ``load-results`` checks each file
    of the results with it, and the Spark engine each file of a Parquet ``--input``."""
    pq = _parquet()
    with _reading(f):
        return pq.ParquetFile(f).metadata


def _parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as e:
        raise NewstraceError("loading Spark results needs pyarrow: pip install 'newstrace[spark]'") from e
    return pq


def _batches(folder: Path, name: str, columns: list[str] | None = None) -> Iterator[Any]:
    """A table's Arrow record batches, one file after another, on this thread.

    pyarrow's dataset scanner reads ahead several batches and files on its threads: reading the
    20 million reuse keys of the 100k Spark output peaked at 1,222 MB that way, 271 MB this way.
    """
    for _, batch in _file_batches(folder, name, columns):
        yield batch


def _file_batches(folder: Path, name: str, columns: list[str] | None = None) -> Iterator[tuple[str, Any]]:
    """``_batches``, each with the file it is of (``_decoded`` names it)."""
    pq = _parquet()
    for f in _files(folder, name):
        with _reading(f):
            for batch in pq.ParquetFile(f).iter_batches(batch_size=BATCH, columns=columns, use_threads=False):
                yield f, batch


T = TypeVar("T")


def _decoded(f: str, column: str, value: Any, make: Callable[[Any], T]) -> T:
    """``make(value)``, of a value of ``column`` in the Parquet file ``f`` (the JSON of an article,
    a pair's passages, a claim, an edge's evidence): one no Spark run writes (JSON cut short, an
    object of other fields) is said as the file's, exit 2. "internal error: JSONDecodeError"
    named neither, and the articles before it were stored."""
    try:
        return make(value)
    except json.JSONDecodeError as e:
        raise InputError(f"{f}: column '{column}' holds invalid JSON ({e})") from None
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        raise InputError(
            f"{f}: column '{column}' holds a value a Spark run does not write ({type(e).__name__}: {e})"
        ) from None


def _article(f: str, text: str) -> Article:
    return _decoded(f, "json", text, lambda s: Article.from_dict(json.loads(s)))


@contextlib.contextmanager
def _reading(f: str) -> Iterator[None]:
    """Reading one Parquet file of the results: pyarrow's error on a damaged one ("Parquet magic
    bytes not found in footer") came out as an internal error, naming no file."""
    import pyarrow as pa

    try:
        yield
    except pa.ArrowException as e:
        raise InputError(f"{f}: not a Parquet file, or a damaged one ({e})") from None


def _rows(folder: Path, name: str) -> Iterator[dict[str, Any]]:
    """A table's rows, a batch at a time (``_batches``)."""
    for _, row in _file_rows(folder, name):
        yield row


def _file_rows(folder: Path, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``_rows``, each with the file it is of (``_decoded`` names it)."""
    for f, batch in _file_batches(folder, name):
        for row in batch.to_pylist():
            yield f, row


def _articles_by_id(folder: Path) -> Iterator[list[Article]]:
    """The articles, a batch at a time in id order (the order a database gets them in, whatever
    the Spark partitions were).

    The Spark engine writes them sorted by id, so they stream from the files a batch at a time.
    Results written before it did are sorted here: Arrow holds the JSON and only the sort order is
    computed whole (as Python objects, every article at once took 2.1 GB at 100,000 articles).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    pq = _parquet()
    files = _files(folder, "articles")
    ids = []
    for f in files:
        with _reading(f):
            ids += pq.read_table(f, columns=["id"]).column("id").to_pylist()
    if all(a < b for a, b in pairwise(ids)):
        for f, batch in _file_batches(folder, "articles", ["json"]):
            yield [_article(f, s) for s in batch.column("json").to_pylist()]
        return
    parts = []
    for f in files:
        with _reading(f):
            parts.append(pq.read_table(f, columns=["id", "json"]))
    # one file's text as large_string, another's as string (two writers): one type
    table = pa.concat_tables(parts, promote_options="permissive")
    order = pc.sort_indices(table, sort_keys=[("id", "ascending")])
    where = str(folder / "articles")  # the rows of every file, sorted together
    for i in range(0, len(order), BATCH):
        rows = table.take(order[i : i + BATCH]).column("json").to_pylist()
        yield [_article(where, s) for s in rows]


def check_results(folder: Path) -> None:
    """Refuse what is no Spark output, whole, before anything is opened or written: a folder
    without one of the tables (a run that did not finish), a table's Parquet file that is damaged
    or lacks a column the load reads or holds it of another type (``_check_file``). The load read
    the tables one after another and met a missing one (``pairs``) or a bad one after it had
    stored the articles. Only the files' footers are read."""
    if folder.is_file():
        raise InputError(f"{folder}: a file; give the folder 'newstrace analyze --engine spark --out' wrote")
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    if folder.name in COLUMNS and (folder.parent / "state").is_dir():
        # was "no 'state' table (not the output of a ... run, or of one that did not finish)" of
        # a run's table folder, which reads as though the run had not finished
        raise InputError(f"{folder}: the '{folder.name}' table of a Spark run's results; give their folder, {folder.parent}")
    files = {name: _files(folder, name) for name in COLUMNS}  # every table there, before a file is read
    for name, table in files.items():
        for f in table:
            _check_file(f, name)


def load_results(
    store: Store,
    folder: Path,
    on_duplicates: Callable[[list[tuple[str | None, str, str]]], None] | None = None,
    on_loaded: Callable[[dict[str, int]], None] | None = None,
    *,
    locked: bool = False,
) -> dict[str, int]:
    """Insert articles and every result table; returns counts per table, ``duplicates``: the
    results' articles ``store`` held under another id (``model.same_article``), as ``ingest``
    counts them, each told ``on_duplicates`` as ``(file, id stored, id of the results)``,
    ``updated``: those stored here in another version (another text, title, date...), which the
    results' replaces, as an ``ingest`` of the results' input would (the results loaded again after
    an ``ingest`` of a newer text puts theirs back), and ``already_analysed``: those stored and
    analysed here before the load as the results have them (the results loaded before, or the local
    engine's analysis of them: ``check_same_analysis``).

    ``on_loaded`` hears the counts as soon as the results are committed, before a Ctrl-C or
    SIGTERM that came during the commit stops the call (``stops_held``): a caller that says what
    a stop kept knows whether the results are in (a stop just after the commit was said "not
    loaded"). The whole folder is checked first (``check_results``): one missing a table or with
    a table's file that is damaged, lacks a column or holds it of another type leaves ``store``
    as it was. The articles and every table are then written in one transaction, which holds the
    write lock from the checks against ``store`` to the commit: a value found damaged as it is
    loaded, an error of the disk, a stop or a crash leave ``store`` as it was too (the articles
    were committed batch by batch first, and stayed, not analysed, when the results failed).

    Such an article is one: the one stored takes the id the results name it by, and what their copy
    knows that it lacks (``model.fuller_copy``), as ``ingest`` keeps a later copy. A database
    analysed by another run is refused (``check_same_analysis``), so the one stored is analysed by
    none: nothing else is under its id.

    Refused (``StoreError``) while another process analyses ``store`` or loads results into it
    (``store.lock.analysis_lock``); ``locked``: the caller holds that lock already (of the
    database ``store`` is built for: ``new_database``)."""
    check_results(folder)
    with contextlib.nullcontext() if locked else analysis_lock(store.path, "load-results"):
        return _load_results(store, folder, on_duplicates, on_loaded)


@contextlib.contextmanager
def new_database(db: Path, committed: Callable[[], bool] = lambda: False) -> Iterator[Path]:
    """Build the new database ``db`` beside it: yields the path to build it at
    (``building_path``); the caller holds ``db``'s analysis lock (``store.lock``) and passes
    ``load_results(locked=True)``. Once the block ends, the database there (closed by then) is
    moved to ``db`` (``put_in_place``); on an exception or a stop it is removed, unless
    ``committed()`` says the results were committed before it (a stop after the commit: the caller
    says they are loaded), and then moved in place all the same.

    A load into a new database killed (SIGKILL, the OOM killer, a power cut) left its tables at
    ``db`` with no article, a file that passed for a database: it leaves nothing at ``db`` now;
    what it built beside it is for the next command given ``db`` to remove (``remove_database``, under
    the lock, so no other load is building it: ``store.sqlite.remove_killed_build``). A ``Store`` opened for writing at ``db`` meanwhile
    (an ``ingest``) waits for the move, as it waited for the load's write lock
    (``store.sqlite.Store``)."""
    built = building_path(db)
    try:
        yield built
    except BaseException:
        if not committed():
            remove_database(built)
            raise
        put_in_place(built, db)
        raise
    put_in_place(built, db)


def put_in_place(built: Path, db: Path) -> None:
    """Move the database at ``built`` (closed) to ``db``, which must not exist: its WAL folded into
    it first, then linked to ``db`` (which fails, rather than replaces, where a file appeared
    there meanwhile: another program made it), and the built name removed, under SIGINT and
    SIGTERM held (``stops_held``): a stop never leaves ``db`` half-moved. A ``db-wal`` or
    ``db-shm`` of a database removed before is removed first: SQLite would read the one over the
    database moved in."""
    place = Path(os.path.realpath(db))
    with stops_held():
        try:
            wal = Path(f"{built}-wal")
            if wal.exists() and wal.stat().st_size:  # the last connection's close folds it in; not closed here
                with contextlib.closing(sqlite3.connect(built, isolation_level=None)) as c:
                    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            if wal.exists() and wal.stat().st_size:
                raise StoreError(f"{db}: the database built at {built} could not be completed (its WAL is still in use)")
            for suffix in DB_FILES[1:]:
                Path(f"{place}{suffix}").unlink(missing_ok=True)
            taken = StoreError(f"{db}: made by another program while this load ran, and left as it is; the results "
                               "are not loaded: load them again into it, or into another --db")
            try:
                os.link(built, place)
            except FileExistsError:
                raise taken from None
            except OSError:  # a file system without hard links: renamed, once nothing is seen there
                if place.exists():
                    raise taken from None
                os.replace(built, place)
            remove_database(built)
            with contextlib.suppress(OSError):  # the new name, on disk
                fd = os.open(place.parent, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        except BaseException:
            remove_database(built)
            raise


def check_same_analysis(store: Store, state: dict[str, bytes], folder: Path) -> None:
    """Refuse results that would be laid over another analysis of ``store``.

    A Spark run clusters only its own input: loaded into a database whose other articles an earlier
    ``analyze`` (or another run's results) placed, its stories would sit beside theirs without ever
    having met them (no passages aligned across the two sets, one event in two stories), and its
    clustering state would replace theirs, so nothing a later ``analyze`` does brings them together.
    The same results loaded again, or the local engine's analysis of the same input, carry the
    very clustering state the database holds, and pass, whichever version of the label rules named
    their clusters (``R.clustering_state``: the next ``analyze`` names them again, ``R.loaded_labels``).
    """
    if not R.analysed_any(store.conn):
        return
    ours = {k: bytes(v) for k, v in store.conn.execute("SELECT key, value FROM corpus_state")}
    if R.clustering_state(ours) == R.clustering_state(state):  # the label rules' version aside
        return
    n = store.conn.execute("SELECT COUNT(*) FROM analysis").fetchone()[0]
    own = total = 0  # the results' articles, and those of them analysed here (these results loaded before)
    for batch in _batches(folder, "articles", ["id"]):
        cond, param = in_list(batch.column("id").to_pylist())
        total += batch.num_rows
        own += store.conn.execute(f"SELECT COUNT(*) FROM analysis WHERE article {cond}", (param,)).fetchone()[0]
    if not own:
        raise StoreError(
            f"{store.path}: {counted(n, 'article', grouped=True)} already analysed by another run, which the results in {folder} were "
            "clustered without (loading would leave two analyses that never met); load them into a new "
            "database, or analyse every article in one run"
        )
    # these results loaded here before (or their articles analysed), and an analysis since moved the
    # clustering on: loading them again would roll it back, so it is refused, but not as another run's
    others = (
        f", beside {counted(n - own, 'article', grouped=True)} the results do not hold and were clustered without" if own < n else ""
    )
    raise StoreError(
        f"{store.path}: {own:,} of the {counted(total, 'article', grouped=True)} of the results in {folder} "
        f"{agreeing(own, 'is', 'are')} analysed here already "
        f"(the results loaded before, or their articles analysed){others}, and the clustering here has moved on "
        "from the results' (an analyze since); loading them again would roll it back; load them into a new database"
    )


def check_same_keys(store: Store, folder: Path) -> None:
    """Refuse results whose articles' ids are another outlet's articles in ``store``.

    Two outlets' exports that both number from 1 are keyed in the order they are read: the one
    read first keeps ``1``, the other is ``SANA:1`` (``model.article_key``). A database ingested
    in another order than the Spark run read its folder holds SANA's article under ``1`` where
    the results put RT's; loaded by the ids the results name (``add_articles(keep_ids=True)``), RT's
    replaced SANA's without a word, and RT's was then stored twice (``1`` and ``RT:1``). The
    results cannot be loaded under the database's ids instead: their pairs, stories and
    clustering state name the articles by the run's. So an id is refused where ``ingest`` would
    not store the article under it (``article_key`` against the stored articles), and passes where
    it would: the same outlet's article (an update), one without an outlet or beside one stored
    without, an id derived from the text. Only the articles of ids the database holds are decoded."""
    clashes = 0
    example = ""
    for f, batch in _file_batches(folder, "articles", ["id", "json"]):
        ids = batch.column("id").to_pylist()
        cond, param = in_list(ids)
        rows = store.conn.execute(f"SELECT id, outlet FROM articles WHERE id {cond}", (param,))
        stored = {i: Holder(outlet, False) for i, outlet in rows}
        if not stored:
            continue
        for i, text in zip(ids, batch.column("json").to_pylist(), strict=True):
            if i not in stored:
                continue
            article = _article(f, text)
            if article_key(article, stored.get)[0] != article.id:
                clashes += 1
                example = example or f"{i} is {stored[i].outlet}'s article here, {article.outlet}'s in the results"
    if clashes:
        raise StoreError(
            f"{store.path}: {counted(clashes, 'id', grouped=True)} of the results in {folder} {agreeing(clashes, 'names', 'name')} another outlet's article in this "
            f"database ({example}): the Spark run and the database's ingest kept two outlets' articles of one id "
            "in other orders, and loading would put one outlet's article over the other's; load the results into a "
            "new database (they bring their articles)"
        )


def check_same_outlets(store: Store, folder: Path) -> None:
    """Refuse results that spell an outlet of ``store`` in another case (``rt`` where it holds ``RT``).

    ``ingest`` keeps one spelling per outlet, the database's (``ingest.base.OutletNames``: the
    stored spelling exactly, else that of the outlet's earliest stored article, case aside), and
    derives an article's id again from the spelling kept; the Spark run does the same within its
    own input only. Loaded as they are, the results' ``rt`` is a second outlet beside the stored
    ``RT``: its own row in the network and filters, and ``rt:1``/``RT:1`` two articles where ingest
    makes one. They are not respelled on load: the run's ids (derived ones hash the outlet,
    qualified ones start with it) are named by its keys, pairs (whose ``a < b`` order they set),
    claims, memberships, provenance, the stories' first articles and outlet counts, and the
    members and outlets inside each cluster's zlib-packed state, which a later ``analyze``
    resumes from; rewriting all of those in step is a second implementation of the run's keying,
    where a miss leaves results naming no stored article. So the load is refused, as
    ``check_same_keys`` refuses clashing ids, naming the spellings; an outlet the database holds
    in exactly the results' spelling passes (an older newstrace may have stored two). Articles
    are decoded only when the database holds outlets: a new database is never refused."""
    from newstrace.ingest.base import OutletNames

    stored = store.outlet_names()
    if not stored:
        return
    # ingest's own choice of spelling, so that what is refused is what ingest would respell
    names, held_here = OutletNames(lambda: stored), set(stored)
    respelled: dict[str, str] = {}  # the results' spelling -> the database's
    articles = 0
    for f, batch in _file_batches(folder, "articles", ["json"]):
        for text in batch.column("json").to_pylist():
            outlet = _decoded(f, "json", text, lambda s: json.loads(s).get("outlet"))
            if not outlet:
                continue
            held = names.spell(outlet)
            if held != outlet and held in held_here:  # not an outlet new here, which the run spelled
                respelled[outlet] = held
                articles += 1
    if respelled:
        named = ", ".join(f"{o!r} is {h!r} here" for o, h in sorted(respelled.items())[:3])
        more = f" and {len(respelled) - 3:,} more" if len(respelled) > 3 else ""
        raise StoreError(
            f"{store.path}: the results in {folder} spell {counted(len(respelled), 'outlet', grouped=True)} of this database in another "
            f"case, for {counted(articles, 'article', grouped=True)} ({named}{more}): ingest keeps the database's spelling, and the "
            "results name those articles by ids of their own spelling, so loading would make two outlets of one; "
            "load the results into a new database (they bring their articles), or spell the outlet as the database "
            "does in the Spark run's input and run it again"
        )


def _claims(r: dict[str, Any]) -> ArticleClaims:
    """A row of the claims table as the article's claims."""
    d = json.loads(r["json"])
    return ArticleClaims(r["article"], [Quote(**q) for q in d["quotes"]], [Quantity(**q) for q in d["quantities"]])


def _load_results(
    store: Store,
    folder: Path,
    on_duplicates: Callable[[list[tuple[str | None, str, str]]], None] | None,
    on_loaded: Callable[[dict[str, int]], None] | None,
) -> dict[str, int]:
    state = {r["key"]: bytes(r["value"]) for r in _rows(folder, "state")}
    # outputs written before the Spark engine named them came from runs of every step, with the
    # first claims rules (a later local ``analyze`` extracts those claims again)
    steps = state.pop(R.STEPS_KEY, R.steps_text(R.STEPS).encode()).decode().split(",")
    claims_version = int(state.pop(R.CLAIMS_VERSION_KEY, b"1").decode())
    # and provenance of rules unknown, which a later local ``analyze`` builds again
    provenance_version = int(state.pop(R.PROVENANCE_VERSION_KEY, b"0").decode())
    counts: dict[str, int] = {}
    duplicates: list[tuple[str | None, str, str]] = []
    held = contextlib.ExitStack()
    with held:  # from just before the commit to on_loaded
        # one transaction, from the checks (which see what the load then writes over) to the
        # analysis marks: the articles and their results are stored together or not at all, so
        # that an error met in a value (JSON cut short), a stop or a crash leaves the database as
        # it was; the articles were committed batch by batch before the results, and stayed
        # stored, not analysed, when the results failed
        try:
            with store.transaction():
                check_semantic(store, R.SEMANTIC_KEY in state, what=f"the results in {folder}",
                               fix="load them into a new database")
                check_same_analysis(store, state, folder)
                # before the ids: an outlet in another case keys its articles apart too, and is the cause to name
                check_same_outlets(store, folder)
                check_same_keys(store, folder)
                duplicates = _write_results(store, folder, state, steps, claims_version, provenance_version, counts)
                held.enter_context(stops_held())  # the commit, as the transaction ends, then on_loaded
        except sqlite3.DatabaseError as e:  # the disk full (the WAL holds the whole load), the lock kept past the wait
            raise (busy_error(store.path, e) or damage_error(store.path, e)
                   or StoreError(f"{store.path}: write failed ({e})")) from e
        # said once they are in: said before, they were said of a load that might then fail
        if duplicates and on_duplicates is not None:
            on_duplicates(duplicates)
        if on_loaded is not None:
            on_loaded(counts)
    return counts


def _write_results(
    store: Store,
    folder: Path,
    state: dict[str, bytes],
    steps: list[str],
    claims_version: int,
    provenance_version: int,
    counts: dict[str, int],
) -> list[tuple[str | None, str, str]]:
    """Write the articles and every result table, in the transaction ``_load_results`` holds,
    counting them in ``counts``; the copies of stored articles found (``Store.add_articles``).

    Nothing is held whole but the ids, hashes, memberships and provenance edges: the articles
    and the other tables stream from the files a batch at a time, and the pages SQLite writes
    past its cache go to the WAL as the transaction runs."""
    # the hash of each text as loaded, the one the results are of (the load holds the write lock
    # from the first article to the commit: no ``ingest`` writes in between)
    loaded: dict[str, str] = {}
    placed: dict[str, str] = {}
    duplicates: list[tuple[str | None, str, str]] = []
    conn = store.conn
    replaced = already = 0
    for arts in _articles_by_id(folder):
        hashes = {a.id: content_hash(a) for a in arts}
        already += _analysed_as_loaded(conn, hashes)  # before the add, which may put the results' version in
        # the tables below name the articles by these ids; a copy of an article stored under
        # another id is that article, which takes the results' id (``Store.add_articles``)
        added = store.add_articles(arts, keep_ids=True)
        duplicates += added.duplicates
        replaced += added.updated - len(added.duplicates)  # each of those is counted updated too
        loaded.update(hashes)
        placed.update((a.id, placement_hash(a)) for a in arts)
    ids = list(loaded)
    counts["articles"] = len(ids)
    # as ``ingest --json`` counts them, 0 too; said by the command (``on_duplicates``)
    counts["duplicates"] = len(duplicates)
    counts["updated"] = replaced
    counts["already_analysed"] = already
    R.clear_article_results(conn, ids)
    n = 0
    for r in _rows(folder, "keys"):
        conn.execute("INSERT OR IGNORE INTO reuse_keys (key, article) VALUES (?, ?)", (r["key"], r["article"]))
        n += 1
    counts["keys"] = n
    n = 0
    for f, r in _file_rows(folder, "pairs"):
        shared = _decoded(f, "shared", r["shared"], lambda v: [SharedPassage(**s) for s in json.loads(v)])
        R.put_pair(conn, ArticlePair(r["a"], r["b"], shared), int(r["chars"]), int(r["quoted"]), int(r.get("shorter") or 0))
        n += 1
    counts["pairs"] = n
    n = 0
    for f, r in _file_rows(folder, "claims"):
        R.put_claims(conn, _decoded(f, "json", r, _claims))
        n += 1
    counts["claims"] = n
    loaded_stories: list[str] = []
    live = 0
    for r in _rows(folder, "stories"):
        R.put_cluster_row(conn, r)
        if r["level"] == "story":
            loaded_stories.append(r["id"])
            live += not r["merged_into"]
    # the live stories, as the Spark run and ``stories`` count them: a story merged into another
    # is kept (size 0) so that its id leads to the one it joined, and was counted too (5,318
    # stories said of a run that found 5,310)
    counts["stories"] = live
    # the stories without an edge too: their provenance is what the run's rules built
    R.mark_provenance(conn, loaded_stories, provenance_version)
    memberships = {r["article"]: (r["story"], float(r["score"])) for r in _rows(folder, "memberships")}
    R.put_memberships(conn, memberships)
    counts["memberships"] = len(memberships)
    by_story: dict[str, list[ProvenanceEdge]] = {}
    for f, r in _file_rows(folder, "provenance"):
        by_story.setdefault(r["story"], []).append(
            ProvenanceEdge(r["source"], r["derived"], float(r["confidence"]),
                           _decoded(f, "evidence", r["evidence"], json.loads))
        )
    for story, edges in sorted(by_story.items()):
        R.put_provenance(conn, story, sorted(edges, key=lambda e: (e.source, e.derived)), provenance_version)
    counts["provenance"] = sum(len(v) for v in by_story.values())
    for key, value in state.items():
        R.put_state(conn, key, value)
    R.loaded_labels(conn, state.get(R.LABELS_VERSION_KEY))
    R.mark_analysed(conn, list(loaded.items()), steps, claims_version=claims_version, placed=placed)
    return duplicates


def _analysed_as_loaded(conn: Any, loaded: dict[str, str]) -> int:
    """How many of the ``loaded`` articles (id: the hash of the version loaded) ``conn`` holds in
    that version, analysed in it: the results loaded before (or the local engine's analysis of
    the same articles). One an ``ingest`` changed since is not: the load puts the results'
    version back (``updated``)."""
    cond, param = in_list(list(loaded))
    rows = conn.execute(
        f"SELECT a.id, a.content_hash, an.content_hash FROM articles a JOIN analysis an ON an.article = a.id "
        f"WHERE a.id {cond}",
        (param,),
    )
    return sum(loaded[i] == stored == analysed for i, stored, analysed in rows)
