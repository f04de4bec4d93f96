"""``newstrace load-results`` given folders that are not a whole Spark output, stopped at the end,
and run again: what it writes and what it says.

The results folder here is the seeds' as ``analyze --engine spark --out`` lays it out, each table
a folder of Parquet files with the engine's column types (``engine.spark._write``), written with
pyarrow (no Spark session): the keys and claims of the executors' own per-article step
(``spark._article_records``), the seeds' reuse pair as their pair step finds it (``pair_record``),
and the stories, memberships, provenance and clustering state of the local engine's analysis of
the same articles (one ``cluster_row`` for both engines).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, AnalysedSeeds, as_a_foreground_job, folded_otherwise
from newstrace.cli.main import main
from newstrace.store.lock import lock_path
from test_crash import differing_tables, dump_results

pa = pytest.importorskip("pyarrow", reason="Spark results are Parquet (the 'spark' extra)")
pq = pytest.importorskip("pyarrow.parquet")

def _quiet(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


def _write(folder: Path, rows: list[dict[str, Any]], schema: Any, name: str = "part-00000.parquet") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), folder / name)


@pytest.fixture(scope="module")
def seeds_results(tmp_path_factory: pytest.TempPathFactory, analysed_seeds: AnalysedSeeds) -> Path:
    """The seeds' results folder, as the Spark engine lays it out (see the module's docstring)."""
    from newstrace.engine.spark import _article_records
    from newstrace.engine.steps import pair_record
    from newstrace.engine.tables import arrow_schema
    from newstrace.ingest import read_articles
    from newstrace.store import results as R

    base = tmp_path_factory.mktemp("load-results")
    local = analysed_seeds(base / "local.db")
    out = base / "spark-out"
    arts = sorted(read_articles([EXAMPLES]), key=lambda a: a.id)
    _write(out / "articles", [{"id": a.id, "json": json.dumps(a.to_dict(), ensure_ascii=False, default=str)} for a in arts],
           arrow_schema("articles"))
    recs = list(_article_records([a.to_dict() for a in arts], R.STEPS))
    _write(out / "keys", [{"key": k, "article": r["id"]} for r in recs for k in r["keys"]], arrow_schema("keys"))
    _write(out / "claims", [{"article": r["id"], "json": json.dumps(r["claims"], ensure_ascii=False)} for r in recs],
           arrow_schema("claims"))
    rec = pair_record(*arts)
    assert rec is not None  # the seeds share passages
    _write(out / "pairs", [{"a": rec.pair.a, "b": rec.pair.b, "chars": rec.chars, "quoted": rec.quoted, "shorter": rec.shorter,
                            "shared": json.dumps([s.to_dict() for s in rec.pair.shared], ensure_ascii=False)}],
           arrow_schema("pairs"))
    with contextlib.closing(sqlite3.connect(local)) as c:
        c.row_factory = sqlite3.Row
        cols = ", ".join(R.CLUSTER_COLUMNS)
        stories = [{"level": "story", **dict(r)} for r in c.execute(f"SELECT {cols} FROM stories")]
        stories += [{"level": "thread", **dict(r)} for r in c.execute(f"SELECT {cols.replace('thread', 'NULL AS thread', 1)} FROM threads")]
        _write(out / "stories", stories, arrow_schema("stories"))
        _write(out / "memberships", [dict(r) for r in c.execute("SELECT article, story, score FROM memberships")],
               arrow_schema("memberships"))
        _write(out / "provenance", [dict(r) for r in c.execute("SELECT story, source, derived, confidence, evidence FROM provenance")],
               arrow_schema("provenance"))
        state = [{"key": r["key"], "value": bytes(r["value"])} for r in c.execute("SELECT key, value FROM corpus_state")]
    state += [{"key": R.STEPS_KEY, "value": R.steps_text(R.STEPS).encode()},
              {"key": R.CLAIMS_VERSION_KEY, "value": str(R.CLAIMS_VERSION).encode()},
              {"key": R.PROVENANCE_VERSION_KEY, "value": str(R.PROVENANCE_VERSION).encode()}]
    _write(out / "state", state, arrow_schema("state"))
    return out


def _dump(db: Path) -> str:
    """Everything ``db`` holds, as SQL."""
    with contextlib.closing(sqlite3.connect(db)) as c:
        return "\n".join(c.iterdump())


def _counted(results: Path) -> str:
    """What a load of the seeds' results says it loaded (the reuse keys as many as the step made)."""
    keys = pq.read_table(results / "keys").num_rows
    return (f"2 articles, {keys} reuse keys, 1 reuse pair, 2 articles' claims, 1 story, 2 memberships, "
            "1 provenance edge")


def _said(err: str) -> str:
    return " ".join(err.split())


@pytest.fixture
def other_db(tmp_path: Path) -> Path:
    """A database that holds articles before the load: another outlet's report, ingested."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "d1", "outlet": "Daily", "title": "Bridge to reopen", "text":
                                "The ministry said on Monday that the bridge would reopen next week after repairs."}) + "\n")
    db = tmp_path / "other.db"
    assert _quiet(["ingest", str(feed), "--db", str(db)])[0] == 0
    return db


def test_the_seeds_results_load_and_load_again_saying_so(seeds_results: Path, tmp_path: Path, other_db: Path) -> None:
    """A load said the same line the second time as the first, as if it had added the articles
    again; it says the results' articles were analysed here already. ``--json`` counts
    ``duplicates`` (0 too, as ``ingest --json`` does: it was there only when not 0),
    ``already_analysed`` and ``pending``. A database with other articles ingested and not analysed
    was told nothing of them: the load says what ``stories`` says of them, and the command to run."""
    db = tmp_path / "news.db"
    code, err = _quiet(["load-results", str(seeds_results), "--db", str(db)])
    counts = _counted(seeds_results)
    assert code == 0 and err.splitlines() == [f"{db}: {counts}"], err
    assert folded_otherwise(db) == []  # the searches find the loaded titles, texts and labels
    loaded = dump_results(db)  # but when the articles were analysed
    code, err = _quiet(["load-results", str(seeds_results), "--db", str(db)])
    assert code == 0 and err.splitlines() == [
        f"{db}: loaded again (the results' 2 articles were analysed here already, as they have them): {counts}"], err
    assert differing_tables(db, loaded) == []
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert _quiet(["load-results", str(seeds_results), "--db", str(db), "--json"])[0] == 0
    assert json.loads(out.getvalue()) == {
        "db": str(db), "articles": 2, "duplicates": 0, "updated": 0, "already_analysed": 2, "keys": pq.read_table(seeds_results / "keys").num_rows, "pairs": 1, "claims": 2,
        "stories": 1, "memberships": 2, "provenance": 1, "pending": 0, "labels_behind": False,
    }
    code, err = _quiet(["load-results", str(seeds_results), "--db", str(other_db)])
    assert code == 0 and err.splitlines() == [
        f"{other_db}: {counts}",
        f"{other_db}: 1 article ingested since the last analyze is in no story yet; run 'newstrace analyze --db {other_db}'",
    ], err
    assert folded_otherwise(other_db) == []
    assert _quiet(["analyze", "--db", str(other_db)])[0] == 0  # which goes on from the results
    with contextlib.closing(sqlite3.connect(other_db)) as c:
        assert c.execute("SELECT COUNT(*) FROM analysis").fetchone()[0] == 3


def test_a_story_merged_into_another_is_not_counted_as_a_story(seeds_results: Path, tmp_path: Path) -> None:
    """A story merged into another stays in the results (size 0, no state) so that its id leads to
    the story it joined, and the load counted it: on a 10,000-article corpus the Spark run said
    5,310 stories and load-results 5,318 (8 merged). The load counts the live stories, as the run
    and 'stories' do; the merged one is stored all the same, and 'story' of its id finds the other."""
    from newstrace.engine.tables import arrow_schema
    from newstrace.store.sqlite import Store

    folder = tmp_path / "out"
    shutil.copytree(seeds_results, folder)
    (part,) = (folder / "stories").glob("*.parquet")
    rows = pq.read_table(part).to_pylist()
    (live,) = [r for r in rows if r["level"] == "story"]
    merged = {**live, "id": "s" + live["id"][::-1], "size": 0, "state": None, "merged_into": live["id"]}
    _write(folder / "stories", [*rows, merged], arrow_schema("stories"), part.name)
    db = tmp_path / "news.db"
    code, err = _quiet(["load-results", str(folder), "--db", str(db)])
    assert code == 0 and err.splitlines() == [f"{db}: {_counted(seeds_results)}"], err  # "1 story"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert _quiet(["load-results", str(folder), "--db", str(db), "--json"])[0] == 0
    assert json.loads(out.getvalue())["stories"] == 1
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert _quiet(["stories", "--db", str(db), "--json"])[0] == 0
    assert [s["id"] for s in json.loads(out.getvalue())] == [live["id"]]
    with Store(db, readonly=True) as st:
        assert st.conn.execute("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL").fetchone()[0] == 1
        assert st.conn.execute("SELECT merged_into FROM stories WHERE id = ?", (merged["id"],)).fetchone()[0] == live["id"]


def test_results_loaded_again_over_a_newer_text_say_they_put_theirs_back(seeds_results: Path, tmp_path: Path) -> None:
    """Results loaded, then a newer text of one of their articles ingested, then the results loaded
    again: the load put the results' text back, as an ingest of their input would, and said the
    first load's line, as if nothing had changed (the next ingest said "1 updated"). It counts the
    article it replaced, and does not say the results were all analysed here as they have them."""
    from newstrace.ingest import read_articles
    from newstrace.store.sqlite import Store

    db = tmp_path / "news.db"
    assert _quiet(["load-results", str(seeds_results), "--db", str(db)])[0] == 0
    first = sorted(read_articles([EXAMPLES]), key=lambda a: a.id)[0]
    newer = tmp_path / "newer.jsonl"
    newer.write_text(json.dumps({**first.to_dict(), "text": first.text + "\n\nUpdate: the ministry denied the report."},
                                default=str) + "\n", encoding="utf-8")
    code, err = _quiet(["ingest", str(newer), "--db", str(db)])
    assert code == 0 and "1 updated" in err, err
    code, err = _quiet(["load-results", str(seeds_results), "--db", str(db)])
    counts = _counted(seeds_results).replace(
        "2 articles,", "2 articles (1 of them stored here in another version, which the results' replaced),")
    assert code == 0 and err.splitlines() == [
        f"{db}: {counts} (1 of the articles analysed here already, as the results have them)"], err
    with Store(db, readonly=True) as st:
        stored = st.get_article(first.id)
        assert stored is not None and stored.text == first.text


@pytest.mark.parametrize("table", ["state", "articles", "keys", "pairs", "claims", "stories", "memberships", "provenance"])
def test_a_folder_without_a_table_leaves_the_database_as_it_was(
    seeds_results: Path, tmp_path: Path, other_db: Path, table: str
) -> None:
    """A results folder with ``state`` but no ``pairs`` (a run stopped while it wrote them, a
    table not copied) stored its articles, then failed: "no 'pairs' table; 2 articles of the
    results stored, not analysed". The folder is checked whole before anything is written."""
    folder = tmp_path / "out"
    shutil.copytree(seeds_results, folder)
    shutil.rmtree(folder / table)
    before = _dump(other_db)
    for db in (other_db, tmp_path / "new.db"):
        code, err = _quiet(["load-results", str(folder), "--db", str(db)])
        assert code == 2 and _said(err) == (
            f"newstrace: error: {folder}: no '{table}' table (not the output of a 'newstrace analyze --engine spark' "
            "run, or of one that did not finish)"), err
    assert _dump(other_db) == before
    assert not (tmp_path / "new.db").exists() and not lock_path(tmp_path / "new.db").exists()


def test_a_table_of_the_results_given_for_their_folder_is_named_as_one(seeds_results: Path, tmp_path: Path) -> None:
    """``load-results out/articles`` (a table's folder, where tab completion stops) was said to be
    "no 'state' table (not the output of a 'newstrace analyze --engine spark' run, or of one that
    did not finish)", as though the run had not finished; it is named as the run's table, with the
    folder to give, and no database is made."""
    for table in ("articles", "state"):
        code, err = _quiet(["load-results", str(seeds_results / table), "--db", str(tmp_path / "new.db")])
        assert code == 2 and _said(err) == (
            f"newstrace: error: {seeds_results / table}: the '{table}' table of a Spark run's results; give their "
            f"folder, {seeds_results}"), err
        assert not (tmp_path / "new.db").exists()
    assert _quiet(["load-results", str(seeds_results), "--db", str(tmp_path / "new.db")])[0] == 0


def test_a_db_that_is_no_database_is_refused_as_every_command_refuses_it_before_the_folder_is_read(
    seeds_results: Path, tmp_path: Path
) -> None:
    """``load-results DIR --db FILE.jsonl`` (a file of records given for the database) is refused as
    ``ingest``, ``list`` and every other command refuses it, exit 3, ``FILE.jsonl: not a SQLite
    database``, the file untouched and nothing made beside it. It was said only once the results
    folder had been checked whole: a bad DIR was named first, and a fixed one then met the bad --db;
    a bad --db is said before the folder is read, as ``ingest`` says it before its inputs."""
    records = tmp_path / "feed.jsonl"
    records.write_text('{"id": "a1", "text": "Rocket fire on west Aleppo killed civilians."}\n', encoding="utf-8")
    before = records.read_bytes()
    for folder in (seeds_results, tmp_path / "missing", tmp_path / "feed.jsonl"):
        code, err = _quiet(["load-results", str(folder), "--db", str(records)])
        assert (code, err) == (3, f"newstrace: error: {records}: not a SQLite database\n"), (folder, err)
    assert _quiet(["ingest", str(tmp_path / "missing"), "--db", str(records)]) == (3, err)  # ingest's words
    assert records.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["feed.jsonl"]


def _replace_column(column: str, values: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def change(t: Any) -> Any:
        i = t.schema.get_field_index(column)
        return t.set_column(i, column, values(t.column(column)))
    return change


BAD_FILES = {
    # what is wrong: (table, the change, what is said after the file's name)
    "a column missing": ("keys", lambda t: t.drop_columns(["article"]),
                         "no column 'article' (a Spark run's 'keys' table has the columns key, article)"),
    "whole numbers as text": ("pairs", _replace_column("chars", lambda c: pa.array([str(v) for v in c.to_pylist()])),
                              "column 'chars' holds values of type string, where a Spark run's 'pairs' table holds whole numbers"),
    "bytes as text": ("state", _replace_column("value", lambda c: pa.array([v.decode("latin-1") for v in c.to_pylist()])),
                      "column 'value' holds values of type string, where a Spark run's 'state' table holds bytes (binary)"),
    "a score left empty": ("memberships", _replace_column("score", lambda c: pa.array([None] * len(c), pa.float64())),
                           "column 'score' is empty (null) in 2 rows, where a Spark run's 'memberships' table gives every row one"),
    "a column of no values": ("provenance", _replace_column("source", lambda c: pa.nulls(len(c))),
                              "column 'source' is empty in each of its 1 row, where a Spark run's 'provenance' table gives every row one"),
    "damaged": ("stories", None, "not a Parquet file, or a damaged one (Parquet magic bytes not found in footer."),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_table_file_the_load_cannot_read_is_named_with_its_column_and_nothing_is_written(
    seeds_results: Path, tmp_path: Path, other_db: Path, case: str
) -> None:
    """A table's Parquet file without a column the load reads, or with it of another type, was an
    internal error ("KeyError: 'article'", "TypeError: string argument without an encoding",
    exit 70) met after the articles were stored. Each is said of its file and column, exit 2,
    from the files' footers before anything is written."""
    table, change, said = BAD_FILES[case]
    folder = tmp_path / "out"
    shutil.copytree(seeds_results, folder)
    (part,) = (folder / table).glob("*.parquet")
    if change is None:
        part.write_bytes(b"PAR1" + part.read_bytes()[4:40])
    else:
        pq.write_table(change(pq.read_table(part)), part)
    before = _dump(other_db)
    for db in (other_db, tmp_path / "new.db"):
        code, err = _quiet(["load-results", str(folder), "--db", str(db)])
        assert code == 2 and _said(err).startswith(f"newstrace: error: {part}: {said}"), err
        assert "Traceback" not in err and "internal error" not in err
    assert _dump(other_db) == before
    assert not (tmp_path / "new.db").exists()


def test_results_written_before_pairs_had_a_shorter_column_load(seeds_results: Path, tmp_path: Path) -> None:
    """``pairs.shorter`` came later: a folder without it is no damaged one, and loads as before."""
    folder = tmp_path / "out"
    shutil.copytree(seeds_results, folder)
    (part,) = (folder / "pairs").glob("*.parquet")
    pq.write_table(pq.read_table(part).drop_columns(["shorter"]), part)
    assert _quiet(["load-results", str(folder), "--db", str(tmp_path / "n.db")])[0] == 0


def test_results_of_a_run_before_label_versions_load_over_its_analysis_here_and_are_named_again(
    seeds_results: Path, tmp_path: Path, analysed_seeds: AnalysedSeeds
) -> None:
    """A Spark run of a newstrace before ``LABELS_VERSION`` recorded none in its ``state`` table.
    Loaded into a database where this version's local engine analysed the same seeds (which records
    its labels version), the results were refused as another analysis ("the clustering here has
    moved on"), though only the label rules' version differed: they load, the database records
    their labels as an older version's, the load says the command that names them again, and that
    ``analyze`` names them (the seeds' story and thread, nothing else redone), ending with the
    clustering state and labels of the local analysis. Into a new database too."""
    from newstrace.store import results as R

    folder = tmp_path / "older"
    shutil.copytree(seeds_results, folder)
    (part,) = (folder / "state").glob("*.parquet")
    state = pq.read_table(part).to_pylist()
    pq.write_table(pa.Table.from_pylist([r for r in state if r["key"] != R.LABELS_VERSION_KEY], schema=pq.read_schema(part)), part)
    local = analysed_seeds(tmp_path / "local.db")

    def named(db: Path) -> list[tuple[Any, ...]]:
        with contextlib.closing(sqlite3.connect(db)) as c:
            return [*c.execute("SELECT id, label, state FROM stories ORDER BY id"),
                    *c.execute("SELECT id, label, state FROM threads ORDER BY id"),
                    *c.execute("SELECT key, value FROM corpus_state ORDER BY key")]

    analysed = named(local)
    new = tmp_path / "new.db"
    for db in (local, new):
        code, err = _quiet(["load-results", str(folder), "--db", str(db)])
        assert code == 0, err
        assert err.splitlines()[-1] == (f"{db}: the results' stories and threads were named by an older version's label "
                                        f"rules; run 'newstrace analyze --db {db}' to name them again"), err
        with contextlib.closing(sqlite3.connect(db)) as c:
            assert R.labels_behind(c)
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert main(["analyze", "--db", str(db), "--json"]) == 0
        rep = json.loads(out.getvalue())
        assert (rep["labels_refreshed"], rep["analysed"], rep["claims_refreshed"], rep["provenance_refreshed"]) == (2, 0, 0, 0)
        assert named(db) == analysed
        code, err = _quiet(["load-results", str(folder), "--db", str(db)])  # and again, once named anew
        assert code == 0 and "loaded again" in err, err
    # --json says it too (it printed no hint and had no key for it)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["load-results", str(folder), "--db", str(tmp_path / "json.db"), "--json"]) == 0
    assert json.loads(out.getvalue())["labels_behind"] is True


def test_a_value_no_spark_run_writes_is_named_with_its_file_and_column_and_nothing_is_written(
    seeds_results: Path, tmp_path: Path, other_db: Path
) -> None:
    """A pair's passages cut short were "internal error: JSONDecodeError", naming nothing; then
    the file and column were named, exit 2, but the articles, committed before the results, stayed
    stored, not analysed ("2 articles of the results stored, not analysed"). Values are read as
    they are loaded (only the files' footers are read before), and the articles and results are
    one transaction: the database is as it was, and says so; one the load made is removed."""
    folder = tmp_path / "out"
    shutil.copytree(seeds_results, folder)
    (part,) = (folder / "pairs").glob("*.parquet")
    pq.write_table(_replace_column("shared", lambda c: pa.array([v[:30] for v in c.to_pylist()]))(pq.read_table(part)), part)
    before = _dump(other_db)
    code, err = _quiet(["load-results", str(folder), "--db", str(other_db)])
    assert code == 2 and _said(err).startswith(f"newstrace: error: {part}: column 'shared' holds invalid JSON ("), err
    assert _said(err).endswith(f"; nothing was written to {other_db}"), err
    assert _dump(other_db) == before
    db = tmp_path / "n.db"
    code, err = _quiet(["load-results", str(folder), "--db", str(db)])
    assert code == 2 and _said(err).endswith(f"; no database was made at {db}"), err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.jsonl", "n.db.lock", "other.db", "other.db.lock", "out"]
    (part,) = (folder / "claims").glob("*.parquet")
    shutil.copytree(seeds_results / "pairs", folder / "pairs", dirs_exist_ok=True)
    pq.write_table(_replace_column("json", lambda c: pa.array(['{"quotes": []}'] * len(c)))(pq.read_table(part)), part)
    code, err = _quiet(["load-results", str(folder), "--db", str(other_db)])
    assert code == 2 and _said(err) == (
        f"newstrace: error: {part}: column 'json' holds a value a Spark run does not write (KeyError: 'quantities'); "
        f"nothing was written to {other_db}"), err
    assert _dump(other_db) == before


def test_a_disk_full_among_the_results_is_said_and_leaves_the_database_as_it_was(
    seeds_results: Path, tmp_path: Path, other_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk full while the results were written (the WAL holds the whole load until the
    commit) was an internal error, SQLite's own ("OperationalError: database or disk is full",
    exit 70), after the articles were committed. It is said as ``ingest`` says it, exit 3, and the
    database is as it was. The file is held at its size with ``max_page_count`` once the articles
    are written: SQLite's own error, as a full disk gives it."""
    from newstrace.store import results as R

    real = R.clear_article_results

    def then_full(conn: sqlite3.Connection, ids: list[str]) -> None:
        real(conn, ids)
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")

    monkeypatch.setattr(R, "clear_article_results", then_full)
    before = _dump(other_db)
    code, err = _quiet(["load-results", str(seeds_results), "--db", str(other_db)])
    assert code == 3 and _said(err) == (
        f"newstrace: error: {other_db}: write failed (database or disk is full); nothing was written to {other_db}"), err
    assert _dump(other_db) == before
    # into a new database, built beside --db: the error named the hidden file it was built in
    # ('.new.db.load-results: write failed ...'), a path the user never gave and cannot find after
    new = tmp_path / "new.db"
    code, err = _quiet(["load-results", str(seeds_results), "--db", str(new)])
    assert code == 3 and _said(err) == (
        f"newstrace: error: {new}: write failed (database or disk is full); no database was made at {new}"), err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("new.db", ".new.db"))) == ["new.db.lock"]


@contextlib.contextmanager
def _own_handler() -> Iterator[None]:
    """SIGTERM at a handler of the test's own while the command runs (it sets its own and puts it back)."""
    def mine(signum: int, frame: Any) -> None:
        raise AssertionError("the handler before the load ran")

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        yield
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop(signum: int) -> None:
    os.kill(os.getpid(), signum)
    time.sleep(0.5)  # the handler raises at the next instruction, or the signal waits for the commit


@pytest.mark.parametrize("when", ["in the commit", "twice in the commit", "after the load returned"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_once_the_results_are_committed_says_they_are_loaded(
    seeds_results: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str, signum: int
) -> None:
    """A SIGTERM (or Ctrl-C) that came after the results' transaction committed and before the
    command returned said "the results are not loaded; 2 articles of them stored, not analysed;
    run ... again to load them", of results that were loaded. A stop in the commit waits for it
    and for the load to note it; after it, the command says the results are loaded, with what.
    A second stop in the commit (the other signal) is one with the first: said once, as the first."""
    from newstrace.engine import load
    from newstrace.store.sqlite import Store

    reference = tmp_path / "reference.db"
    assert _quiet(["load-results", str(seeds_results), "--db", str(reference)])[0] == 0
    if when != "after the load returned":
        real_transaction = Store.transaction

        @contextlib.contextmanager
        def transaction(self: Store) -> Iterator[Any]:
            with real_transaction(self) as conn:
                yield conn
                made = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'analysis'").fetchone()
                results = made is not None and conn.execute("SELECT COUNT(*) FROM analysis").fetchone()[0] > 0
            if results:  # committed, the load not yet told
                os.kill(os.getpid(), signum)
                if when == "twice in the commit":  # then the other one
                    os.kill(os.getpid(), signal.SIGINT if signum == signal.SIGTERM else signal.SIGTERM)
                time.sleep(0.5)  # the handler raises at the next instruction, or the signal waits for the commit

        monkeypatch.setattr(Store, "transaction", transaction)
    else:
        real_load = load.load_results

        def stopped(*args: Any, **kwargs: Any) -> Any:
            counts = real_load(*args, **kwargs)
            _stop(signum)
            return counts

        monkeypatch.setattr(load, "load_results", stopped)
    db = tmp_path / "news.db"
    with _own_handler(), as_a_foreground_job():  # SIGINT raises, whatever the suite was started with
        code, err = _quiet(["load-results", str(seeds_results), "--db", str(db)])
    opening = "stopped by SIGTERM" if signum == signal.SIGTERM else "interrupted"
    assert (code, err.splitlines()) == (143 if signum == signal.SIGTERM else 130, [
        f"newstrace: {opening} (the results are loaded: {_counted(seeds_results)})"]), err
    assert differing_tables(db, dump_results(reference)) == []


def test_a_stop_while_loading_leaves_the_database_as_it_was(
    seeds_results: Path, tmp_path: Path, other_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stop inside the load rolls back the articles with the results (it said "2 articles of
    them stored, not analysed": they were committed before the results), and says so."""
    from newstrace.store import results as R

    monkeypatch.setattr(R, "mark_analysed", lambda *a, **k: _stop(signal.SIGTERM))
    before = _dump(other_db)
    with _own_handler():
        code, err = _quiet(["load-results", str(seeds_results), "--db", str(other_db)])
    assert code == 143 and err.splitlines() == [
        f"newstrace: stopped by SIGTERM (the results are not loaded: nothing was written to {other_db}; "
        f"run 'newstrace load-results {seeds_results} --db {other_db}' again to load them)"], err
    assert _dump(other_db) == before


#: ``newstrace load-results`` in a process of its own that SIGKILLs itself at a point of the load
#: (``sys.argv[1]``): between two batches of articles (one article a batch), among the results
#: (the first article's claims), as the commit starts, or (a new database) once it is committed,
#: as it is moved in place; the command's arguments follow
_KILLED = """
import os, signal, sys
from newstrace.engine import load
from newstrace.store import results as R
from newstrace.store.sqlite import Store

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

when = sys.argv[1]
if when == "between two batches of articles":
    load.BATCH = 1
    add, calls = Store.add_articles, []

    def second_kills(self, articles, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            die()
        return add(self, articles, **kwargs)

    Store.add_articles = second_kills
elif when == "among the results":
    R.put_claims = die
elif when == "as the commit starts":
    load.stops_held = die
else:
    load.os.link = die
from newstrace.cli.main import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("when", ["between two batches of articles", "among the results", "as the commit starts",
                                  "once committed, as it is moved in place"])
def test_a_load_killed_midway_leaves_the_database_as_it_was(
    seeds_results: Path, tmp_path: Path, other_db: Path, when: str
) -> None:
    """SIGKILL (the OOM killer, a power cut) in a load: the articles were committed batch by batch
    before the results, so a load killed among the results, or after its first batch of articles,
    left them stored, not analysed. The load is one transaction: a database that was there is as it
    was, row for row. A new one was left with its tables and no article, a half-made file that
    passed for a database ('stories' said none); it is built beside its path and moved there once
    committed, so nothing is at its path, and the next load removes what was built beside it and
    loads the results, as a load never killed does."""
    import subprocess
    import sys

    from newstrace.engine.load import building_path

    reference = tmp_path / "reference.db"
    assert _quiet(["load-results", str(seeds_results), "--db", str(reference)])[0] == 0
    before = _dump(other_db)
    new = tmp_path / "new.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(Path(__file__).resolve().parents[1] / "src"),
                                                                    os.environ.get("PYTHONPATH")) if p)}
    moving = when.startswith("once committed")  # a database that was there is not moved
    for db in [new] if moving else [other_db, new]:
        run = subprocess.run([sys.executable, "-c", _KILLED, when, "load-results", str(seeds_results), "--db", str(db)],
                             capture_output=True, text=True, env=env, timeout=300)
        assert run.returncode == -signal.SIGKILL, (run.returncode, run.stderr)
    with contextlib.closing(sqlite3.connect(other_db)) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _dump(other_db) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("new.db")] == ["new.db.lock"]
    assert building_path(new).exists()  # what the killed load built, beside
    code, err = _quiet(["load-results", str(seeds_results), "--db", str(new)])
    assert code == 0 and err.splitlines() == [f"{new}: {_counted(seeds_results)}"], err
    assert differing_tables(new, dump_results(reference)) == []
    assert sorted(p.name for p in tmp_path.iterdir() if "new.db" in p.name) == ["new.db", "new.db.lock"]


def test_what_a_killed_load_built_beside_its_path_is_removed_by_the_next_command_given_it(
    seeds_results: Path, tmp_path: Path
) -> None:
    """A load into a new database killed midway leaves what it built beside the path, hidden
    (``.new.db.load-results`` and its WAL, the whole load so far): it stayed until the next
    ``load-results`` into that path, which may never come. Any command given the path removes it
    now (a reader, an ``ingest`` that makes the database there), unless a load is building it:
    then it stays, and the reader says the load is making the database."""
    from newstrace.engine.load import building_path
    from newstrace.store.lock import analysis_lock

    made = tmp_path / "made.db"
    assert _quiet(["load-results", str(seeds_results), "--db", str(made)])[0] == 0
    new = tmp_path / "new.db"
    built = building_path(new)

    def killed_load_left() -> None:  # the database a load had built, and a WAL it had not folded in
        shutil.copyfile(made, built)
        Path(f"{built}-wal").write_bytes(b"\0" * 4096)

    def left() -> list[str]:
        return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(built.name))

    killed_load_left()
    with analysis_lock(new, "load-results"):  # a load building it now: nothing is removed
        code, err = _quiet(["stories", "--db", str(new)])
        assert code == 3 and "no such database yet: load-results (pid" in err, err
        assert left() == [built.name, f"{built.name}-wal"]
    code, err = _quiet(["stories", "--db", str(new)])
    assert code == 3 and f"{new}: no such database (run 'newstrace ingest" in err, err
    assert left() == [] and not new.exists()
    killed_load_left()
    code, err = _quiet(["ingest", str(EXAMPLES), "--db", str(new)])
    assert code == 0, err
    assert left() == [] and new.exists()


def test_a_file_another_program_made_at_the_path_meanwhile_is_not_replaced(
    seeds_results: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new database is built beside its path and moved there once committed; a file another
    program made at the path meanwhile (not newstrace: an ``ingest`` waits for the load) is left as
    it is, not replaced: the load says so, exit 3, and leaves nothing of its own."""
    from newstrace.engine import load
    from newstrace.engine.load import building_path

    db = tmp_path / "news.db"
    real = load._articles_by_id

    def racing(folder: Path) -> Iterator[Any]:
        yield from real(folder)
        with contextlib.closing(sqlite3.connect(db)) as c:
            c.execute("CREATE TABLE theirs (x)")
            c.commit()

    monkeypatch.setattr(load, "_articles_by_id", racing)
    code, err = _quiet(["load-results", str(seeds_results), "--db", str(db)])
    assert code == 3 and _said(err) == (
        f"newstrace: error: {db}: made by another program while this load ran, and left as it is; the results are not "
        "loaded: load them again into it, or into another --db"), err
    with contextlib.closing(sqlite3.connect(db)) as c:
        assert [r[0] for r in c.execute("SELECT name FROM sqlite_master")] == ["theirs"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(building_path(db).name)]


def test_the_closing_lines_of_a_spark_run_and_a_load_write_thousands_with_commas() -> None:
    """A 500-article run's load said "500 articles, 76709 reuse keys, 607 reuse pairs" (100,000
    articles: some 20 million keys, written out as one run of digits), where the docs, the limit
    messages and the local engine's warnings write "20,000"; the Spark run's closing line alike."""
    from newstrace.cli.corpus import _loaded_said, _spark_said

    counts = {"articles": 100_000, "duplicates": 1_200, "keys": 20_123_456, "pairs": 607, "claims": 100_000,
              "stories": 5_310, "memberships": 100_000, "provenance": 15}
    assert _loaded_said(counts) == (
        "100,000 articles, 1,200 already stored under another id, 20,123,456 reuse keys, 607 reuse pairs, "
        "100,000 articles' claims, 5,310 stories, 100,000 memberships, 15 provenance edges")
    report = {"articles": 10_000, "duplicates": 0, "pairs": 31_125, "stories": 5_310, "threads": 4_001, "seconds": 901.25}
    assert _spark_said(Path("out"), report) == "out: 10,000 articles, 31,125 reuse pairs, 5,310 stories in 4,001 threads (901.2 s)"
