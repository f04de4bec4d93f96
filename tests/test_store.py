"""The SQLite store: idempotent ingest, updates, migrations, transactions and refusals."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import folded_otherwise
from newstrace.errors import StoreError
from newstrace.model import Article
from newstrace.store.migrations import MIGRATIONS
from newstrace.store.sqlite import Store, check_db_path, content_hash


def test_articles_round_trip_exactly(tmp_path: Path, rt: Article, rewrite: Article) -> None:
    with Store(tmp_path / "a.db") as store:
        c = store.add_articles([rt, rewrite])
        assert (c.added, c.updated, c.unchanged) == (2, 0, 0)
        assert store.get_article(rt.id) == rt
        assert store.get_article(rewrite.id) == rewrite
        assert [a.id for a in store.iter_articles()] == [rt.id, rewrite.id]  # ingestion order
        assert [a.id for a in store.iter_articles(order="published")] == [rt.id, rewrite.id]


def test_same_input_again_adds_nothing(tmp_path: Path, rt: Article, rewrite: Article) -> None:
    db = tmp_path / "a.db"
    with Store(db) as store:
        store.add_articles([rt, rewrite])
    with Store(db) as store:
        c = store.add_articles([rewrite, rt])
        assert (c.added, c.updated, c.unchanged) == (0, 0, 2)
        assert store.count_articles() == 2


def test_changed_article_is_updated_with_a_revision(tmp_path: Path, rt: Article) -> None:
    db = tmp_path / "a.db"
    with Store(db) as store:
        store.add_articles([rt])
        fixed = dataclasses.replace(rt, title=rt.title.replace("‘appalled’", "'appalled'") if rt.title else None)
        assert content_hash(fixed) != content_hash(rt)
        c = store.add_articles([fixed])
        assert (c.added, c.updated) == (0, 1)
        assert store.get_article(rt.id) == fixed
        row = store.conn.execute("SELECT revision FROM articles WHERE id=?", (rt.id,)).fetchone()
        assert row[0] == 2
        # where it was read from is not content: moving the file changes nothing
        moved = dataclasses.replace(fixed, source="/elsewhere/rt.txt")
        assert store.add_articles([moved]).unchanged == 1


def test_a_failing_batch_leaves_nothing(tmp_path: Path, rt: Article, rewrite: Article) -> None:
    def batch() -> object:
        yield rt
        raise RuntimeError("reader died mid-batch")

    with Store(tmp_path / "a.db") as store:
        with pytest.raises(RuntimeError):
            store.add_articles(batch())  # type: ignore[arg-type]
        assert store.count_articles() == 0
        store.add_articles([rewrite])
        assert store.count_articles() == 1


def test_a_reader_reads_a_database_whose_search_copies_alone_are_behind_and_names_the_command_that_migrates_an_older_one(
    tmp_path: Path, rt: Article, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commands that only read (the web app, 'list', 'stories') refused a database of an older
    migration with "open it once for writing (e.g. 'newstrace analyze')", naming no --db, and so did
    one whose only change since is its searches' copies (migrations 15 and 16 make them again by
    newer rules, the schema as it was): the web app served nothing until a command wrote it. Now
    such a database is read as it is, its searches looking in the older copies; an older schema is
    refused with the command to run, which migrates it."""
    import shlex

    from conftest import undo_migrations_from_13
    from newstrace.cli.main import main
    from newstrace.store.migrations import REFOLDS
    from newstrace.store.sqlite import search_fold

    db = tmp_path / "my news.db"
    with Store(db) as st:
        st.add_articles([rt])
    behind = min(REFOLDS) - 1
    with contextlib.closing(sqlite3.connect(db)) as c, c:
        # the copies as the newstrace of migration 15 folded them: no space at either end, no joined words
        c.create_function("fold", 1, search_fold)
        c.execute("UPDATE articles_folded SET text = (SELECT fold(a.text) FROM articles a WHERE a.seq = articles_folded.seq)")
        c.execute(f"PRAGMA user_version={behind}")
    with Store(db, readonly=True) as st:
        assert st.search_copies_behind and st.schema_version == behind and st.count_articles() == 1
    assert main(["list", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == rt.id
    with Store(db) as st:  # a command that writes brings it forward
        assert st.schema_version == len(MIGRATIONS) and not st.search_copies_behind
    assert folded_otherwise(db) == []
    with contextlib.closing(sqlite3.connect(db)) as c, c:
        undo_migrations_from_13(c)
        c.execute("PRAGMA user_version=12")
    with pytest.raises(StoreError, match="schema version 12") as refused:
        Store(db, readonly=True)
    assert main(["list", "--db", str(db)]) == 3
    said = capsys.readouterr().err
    command = re.search(r"run '(.+)' \(", str(refused.value))
    assert command and command[1] in said.replace("\n", "")
    args = shlex.split(command[1])
    assert args[:2] == ["newstrace", "analyze"] and args[-1] == str(db)
    assert main([*args[1:], "--json"]) == 0
    capsys.readouterr()
    with Store(db, readonly=True) as st:
        assert st.schema_version == len(MIGRATIONS) and not st.search_copies_behind
    assert folded_otherwise(db) == []


@pytest.mark.data
@pytest.mark.parametrize("left_at", [12, 14, 15])
def test_an_upgrade_makes_the_searches_copies_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, left_at: int) -> None:
    """A database an older newstrace left at migration 14 had its searches' copies made twice on
    upgrade (15, then 16, each by the newest rules, so the second made what the first had), one
    at 13 or older three times (14 makes them too). The migrations that only make the copies again
    (``REFOLDS``) now run as one step with the one before them, and none after 14, which makes
    them by this newstrace's rules: the copies are made once, and are what a new database holds."""
    from conftest import count_calls, fnc1_bodies, undo_migrations_from_13
    from newstrace.store import sqlite as sqlite_store
    from newstrace.store.migrations import REFOLDS

    bodies = list(fnc1_bodies().items())[:60]
    db = tmp_path / "older.db"
    with Store(db) as st:
        st.add_articles([Article.create(text, title=f"FNC-1 body {b}", outlet="fnc1") for b, text in bodies])
    with contextlib.closing(sqlite3.connect(db)) as c, c:
        if left_at < min(REFOLDS) - 1:
            undo_migrations_from_13(c)
        else:  # copies an older newstrace made, which the upgrade makes again
            c.execute("UPDATE articles_folded SET text = 'older'")
        c.execute(f"PRAGMA user_version={left_at}")
    folds = count_calls(monkeypatch, sqlite_store, "_search_fold")
    with Store(db) as st:
        assert st.schema_version == len(MIGRATIONS)
    assert folds.calls == 2 * len(bodies)  # each title and text once
    assert folded_otherwise(db) == []


def test_schema_version_wal_and_newer_schema_refused(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with Store(db) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer than this newstrace"):
        Store(db)
    with pytest.raises(StoreError, match=r"newer than this newstrace.*upgrade newstrace"):
        Store(db, readonly=True)  # a read is no migration either: the same advice


def test_another_programs_database_is_left_alone(tmp_path: Path, rt: Article) -> None:
    """A SQLite file with tables of its own is no newstrace database: neither read nor taken over."""
    db = tmp_path / "crm.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
        conn.execute("INSERT INTO customers VALUES ('Ada')")
    conn.close()
    before = db.read_bytes()
    for readonly in (False, True):
        with pytest.raises(StoreError, match=r"not a newstrace database .*customers"):
            Store(db, readonly=readonly)
    assert db.read_bytes() == before  # not even switched to WAL
    assert not Path(f"{db}-wal").exists()
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match=r"an empty database.*ingest"):
        Store(empty, readonly=True)
    with Store(empty) as store:  # opened for writing, an empty file becomes a newstrace database
        store.add_articles([rt])


def _open_at_once(path: str, start: Any, answers: Any) -> None:
    start.wait()
    try:
        with Store(path) as store:
            answers.put(f"ok {store.schema_version}")
    except Exception as e:  # the answer is what the test reads
        answers.put(repr(e))


def test_processes_that_create_one_database_at_once_all_open_it(tmp_path: Path) -> None:
    """Two ``ingest`` runs given one new ``--db`` both create it. Each read the schema version 0
    and ran the migrations; the one that waited for the other's lock ran them again ("table
    articles already exists"), or met the new tables before their version ("not a newstrace
    database"), or could not switch to WAL while the other was creating it ("busy")."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    for round_ in range(6):
        path = str(tmp_path / f"new-{round_}.db")
        start, answers = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_open_at_once, args=(path, start, answers)) for _ in range(4)]
        for p in procs:
            p.start()
        got = [answers.get(timeout=60) for _ in procs]
        for p in procs:
            p.join()
        assert got == [f"ok {len(MIGRATIONS)}"] * 4
        with Store(path) as store:  # one schema, once
            tables = [r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            assert len(tables) == len(set(tables)) and "articles" in tables


def test_the_switch_to_wal_waits_for_another_process_lock_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database not yet in WAL mode (another program's, or one set back to DELETE) is switched
    when first opened for writing, which needs every other connection's lock gone. While another
    process held one, the switch waited up to 30 s without a word, where a write transaction says
    after ``WAIT_SAID`` seconds whom it waits for (``on_wait``): the switch says it alike, once,
    and opens the database when the lock is freed."""
    import threading

    import newstrace.store.sqlite as store_sqlite

    db = tmp_path / "n.db"
    Store(db).close()
    con = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=DELETE")
    monkeypatch.setattr(store_sqlite, "WAIT_SAID", 0.2)  # 2 s, shortened for the test
    said: list[str] = []
    con.execute("BEGIN IMMEDIATE")  # another process's write, committed a moment later
    done = threading.Timer(1.0, lambda: con.execute("COMMIT"))
    done.start()
    try:
        with Store(db, on_wait=said.append) as store:
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        done.join()
        con.close()
    assert said == [f"{db}: waiting for the database lock held by another process (another newstrace run, "
                    "or another program)... (up to 600 s: NEWSTRACE_LOCK_WAIT_SECONDS sets how long, inf for as "
                    "long as it takes)"]


def test_a_wait_for_the_write_lock_says_how_long_and_how_to_wait_longer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``load-results`` holds the write lock for its whole load (517 s at 100,000 articles), close
    to the 600 s a writer beside it waits: the wait said "(up to 600 s in all:
    NEWSTRACE_LOCK_WAIT_SECONDS)" and gave up saying "NEWSTRACE_LOCK_WAIT_SECONDS sets how long",
    neither saying how to wait for the load however long it runs. ``inf`` did (undocumented) and
    was said "up to inf s in all"; ``nan`` was taken too, and waited for ever. Both messages now
    name ``inf``; a wait of ``inf`` says it waits as long as it takes; ``nan`` is no number."""
    import threading

    import newstrace.store.sqlite as store_sqlite
    from newstrace.errors import DatabaseBusy
    from newstrace.limits import Limits, env_problems

    db = tmp_path / "n.db"
    Store(db).close()
    monkeypatch.setattr(store_sqlite, "WAIT_SAID", 0.2)  # 2 s, shortened for the test
    con = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    con.execute("BEGIN IMMEDIATE")  # another program's write
    said: list[str] = []
    try:
        with pytest.raises(DatabaseBusy) as busy, Store(db, on_wait=said.append) as store:
            monkeypatch.setattr(store, "lock_wait", 0.5)
            with store.transaction():
                pass
        assert re.search(r"\(waited \d s for its write lock: NEWSTRACE_LOCK_WAIT_SECONDS sets how long, inf for as "
                         r"long as it takes\)$", str(busy.value)), busy.value
        monkeypatch.setattr(store_sqlite, "LIMITS", Limits(lock_wait_seconds=float("inf")))
        done = threading.Timer(1.0, lambda: con.execute("COMMIT"))
        done.start()
        with Store(db, on_wait=said.append) as store, store.transaction():
            pass
        done.join()
    finally:
        con.close()
    assert said[-1] == (f"{db}: waiting for the database lock held by another process (another newstrace run, "
                        "or another program)... (for as long as it takes: NEWSTRACE_LOCK_WAIT_SECONDS=inf)")
    monkeypatch.setenv("NEWSTRACE_LOCK_WAIT_SECONDS", "nan")
    assert env_problems() == ["NEWSTRACE_LOCK_WAIT_SECONDS='nan': not a number"]


def test_migrations_bring_an_empty_file_forward(tmp_path: Path) -> None:
    """A 0-byte file (what a kill right after sqlite3.connect leaves) is a database at version 0."""
    db = tmp_path / "a.db"
    db.write_bytes(b"")
    with Store(db) as store:
        assert store.schema_version == len(MIGRATIONS)


def test_readonly_store_refuses_writes(tmp_path: Path, rt: Article) -> None:
    db = tmp_path / "a.db"
    with Store(db) as store:
        store.add_articles([rt])
    with Store(db, readonly=True) as store:
        assert store.get_article(rt.id) == rt
        with pytest.raises(StoreError, match="read-only"):
            store.add_articles([rt])


def test_find_article_by_prefix(tmp_path: Path, rt: Article) -> None:
    a = dataclasses.replace(rt, id="abc_1")
    b = dataclasses.replace(rt, id="abc%2")
    with Store(tmp_path / "a.db") as store:
        store.add_articles([a, b])
        assert store.find_article("abc_").id == "abc_1"  # LIKE wildcards are escaped
        assert store.find_article("abc%").id == "abc%2"
        with pytest.raises(StoreError, match=r"id prefix .abc. matches 2 articles: abc_1 "):
            store.find_article("abc")
        with pytest.raises(StoreError, match="no article with id 'zz'"):
            store.find_article("zz")


def test_check_db_path_refusals(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError, match="not a SQLite database"):
        check_db_path(text)
    with pytest.raises(StoreError, match="no such database"):
        check_db_path(tmp_path / "absent.db", readonly=True)
    with pytest.raises(StoreError, match="cannot write \\(no folder "):
        check_db_path(tmp_path / "no" / "x.db")
    with pytest.raises(StoreError, match="is a folder"):
        check_db_path(tmp_path)
    ro = tmp_path / "ro.db"
    Store(ro).close()
    ro.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="read-only"):
            check_db_path(ro)
        check_db_path(ro, readonly=True)  # reading is fine
    finally:
        ro.chmod(0o644)
    assert text.read_text(encoding="utf-8") == "not a database"


def test_a_lock_held_past_the_wait_is_database_busy_naming_the_analysis(tmp_path: Path) -> None:
    """A query inside ``with Store(...)`` on a database another process keeps locked leaves the
    block as ``DatabaseBusy`` (exit 3, one line), not SQLite's bare error; when an analysis holds
    the database's analysis lock, the message names it and its pid."""
    from newstrace.errors import DatabaseBusy
    from newstrace.store.lock import analysis_lock

    db = tmp_path / "n.db"
    Store(db).close()
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=DELETE")
    store = Store(db, readonly=True, busy_timeout=0.1)
    con.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseBusy) as e, store:
            store.count_articles()
        assert str(e.value) == f"{db}: the database is busy: another process holds a lock on it; try again in a moment"
        assert e.value.exit_code == 3
        with analysis_lock(db), pytest.raises(DatabaseBusy) as e:
            Store(db, readonly=True, busy_timeout=0.1)
        assert re.fullmatch(rf"{re.escape(str(db))}: the database is busy: analyze \(pid {os.getpid()}, since [^,]+, \d+ s ago\) "
                            "is running on it; try again when it finishes", str(e.value)), e.value
    finally:
        con.execute("ROLLBACK")
        con.close()


def test_outlet_names_are_each_stored_spelling_once_the_earliest_articles_first(tmp_path: Path) -> None:
    """What ``ingest`` spells a new article's outlet by (``OutletNames``): every spelling stored,
    "RT" and "rt" apart, in the order of each one's first article; no outlet is none."""
    spellings = ["sana", "RT", None, "rt", "SANA", "", "RT", "sana", "Ä", "rt"]
    with Store(tmp_path / "o.db") as store:
        store.add_articles([Article(id=str(i), text=f"Text {i}.", outlet=o) for i, o in enumerate(spellings)])
        assert store.outlet_names() == ["sana", "RT", "rt", "SANA", "", "Ä"]
    with Store(tmp_path / "empty.db") as store:
        assert store.outlet_names() == []


# -- the searches' folding ------------------------------------------------------------------------


def _semeval_texts() -> list[tuple[str, str]]:
    """``(lang, text)`` of SemEval-2022's train texts, 20 of each of its ten languages."""
    import csv

    from conftest import require_data

    csv.field_size_limit(10**9)
    taken: dict[str, list[str]] = {}
    with require_data("semeval8", "pairs_train.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if len(taken.setdefault(r["lang1"], [])) < 20:
                taken[r["lang1"]].append(r["text1"])
    return [(lang, t) for lang, texts in sorted(taken.items()) for t in texts]


@pytest.mark.data
def test_search_fold_takes_words_to_what_one_types_in_ascii() -> None:
    """A fact-checker types a name in ASCII: the searches fold what they look in and the words
    looked for alike (``search_fold``), accents and cedillas dropped ("Başkanı", "Cumhurbaşkanı"),
    case folded ('ß' is "ss"), and the letters no decomposition takes to ASCII taken to the one
    typed for them: Turkish 'ı', Polish 'ł' ("Według"), French 'œ' ("cœur"); apostrophes, straight
    or typographic, are dropped ("Beyoncé’s" is "beyonces"). Arabic loses its vowel signs and hamzas as Arabic search does
    ("الآن" is "الان"). Chinese keeps its characters; its full-width punctuation is ASCII's."""
    from conftest import fnc1_bodies
    from newstrace.store.sqlite import search_fold

    texts = _semeval_texts()

    def folded(lang: str, word: str) -> str:
        text = next(t for lng, t in texts if lng == lang and word in t)
        return search_fold(text)

    assert "cumhurbaskani" in folded("tr", "Cumhurbaşkanı")
    assert "wedlug" in folded("pl", "Według") and "powiedzial" in folded("pl", "powiedział")
    assert "coeur" in folded("fr", "cœur")
    assert "strasse" in folded("de", "Straße")
    beyonce = next(t for t in fnc1_bodies().values() if "Beyoncé’s" in t)
    assert "beyonces" in search_fold(beyonce) and "’" not in search_fold(beyonce)
    arabic = next(t for t in fnc1_bodies().values() if "الآن" in t)
    assert "الان" in search_fold(arabic) and "الآن" not in search_fold(arabic)
    chinese = next(t for lang, t in texts if lang == "zh")
    han = re.compile(r"[^\u4e00-\u9fff]")
    assert han.sub("", search_fold(chinese)) == han.sub("", chinese)  # every character kept
    assert "，" in chinese and "，" not in search_fold(chinese)  # a full-width comma is ","
    russian = next(t for lang, t in texts if lang == "ru" and "й" in t)
    assert "й" not in search_fold(russian) and "и" in search_fold(russian)  # 'й' is 'и' and a breve, as 'é' is 'e'


@pytest.mark.data
def test_search_fold_takes_one_character_at_a_time() -> None:
    """A text's folding is the folding of each of its characters in turn, each run of spaces then
    taken to one (none at either end), so it holds the folding of every word the text holds: the
    searches, which compare foldings, find every article they found when they compared the words
    case-folded, whatever the script (SemEval-2022's ten languages, FNC-1's bodies with their
    Arabic, Cyrillic, accents, dashes and soft hyphens)."""
    from conftest import fnc1_bodies
    from newstrace.store.sqlite import search_fold

    def one(c: str) -> str:  # a character's folding, a space kept: alone, its spaces are at an end
        return search_fold(f"a{c}a")[1:-1]

    assert [one(c) for c in " \n\u00a0-–\u00ad'’É"] == [" ", " ", " ", " ", " ", "", "", "", "e"]
    bodies = [t for t in fnc1_bodies().values() if not t.isascii()][:200]
    for text in [t for _, t in _semeval_texts()] + bodies:
        assert search_fold(text) == " ".join("".join(one(c) for c in text).split())


def test_search_fold_takes_every_hyphen_and_dash_to_a_space() -> None:
    """Unicode's dash punctuation (Pd) and the minus sign join words as a hyphen does, and a text
    writes any of them where a fact-checker types '-' or a space: each is a space to the searches,
    a run of them and of spaces one space, and the soft hyphen (invisible) nothing."""
    import sys
    import unicodedata

    from newstrace.store.sqlite import _DASHES, search_fold

    pd = {chr(i) for i in range(sys.maxunicode + 1) if unicodedata.category(chr(i)) == "Pd"}
    assert set(_DASHES) - {"−"} <= pd
    if unicodedata.unidata_version == "14.0.0":  # Python 3.11's: a later one may add dashes
        assert set(_DASHES) == pd | {"−"}
    for dash in [*_DASHES, "⁻", "₋", "﹣", "--", " – ", "\u00a0—\n"]:
        assert search_fold(f"Jabhat al{dash}Nusra") == "jabhat al nusra", dash
    assert search_fold("Global\u00adPost ") == "globalpost"
    assert search_fold(" \t-\n") == ""


def test_a_stop_met_inside_the_search_fold_leaves_the_write_as_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rt: Article) -> None:
    """Ctrl-C's and SIGTERM's handlers raise where the run is, and migration 14's triggers fold
    every title and text written (``search_fold``): a stop met there was SQLite's "user-defined
    function raised exception", an internal error (exit 70) where the run stops (exit 130, 143).
    It leaves the write as the stop itself, the batch rolled back, and the next write stores it."""
    from newstrace.errors import Terminated
    from newstrace.store import sqlite as S

    real = S.search_fold
    met: list[str] = []

    def stopped_once(text: str) -> str:
        if not met:
            met.append(text)
            raise Terminated
        return real(text)

    monkeypatch.setattr(S, "search_fold", stopped_once)
    with S.Store(tmp_path / "stopped.db") as st:
        with pytest.raises(Terminated):
            st.add_articles([rt])
        assert met and st.count_articles() == 0
        assert st.add_articles([rt]).added == 1
    assert folded_otherwise(tmp_path / "stopped.db") == []
