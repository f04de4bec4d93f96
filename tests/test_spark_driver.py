"""The Spark driver's clustering pass writes the story and thread rows the local engine writes.

The driver keeps only open clusters and spills the rows of retired ones (``ClusterRows``), so a
row that changes after it was first written, a thread merged after its stories retired, or a
cluster evicted between two drains are the cases that can go wrong. FA-KES dev spans months, so
its stream has all three. No Spark session: the pass is plain Python and writes with pyarrow.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, require_data
from newstrace.engine.local import analyze
from newstrace.engine.steps import article_steps, order_key
from newstrace.errors import InputError
from newstrace.ingest import read_unique
from newstrace.store.sqlite import Store

pytestmark = pytest.mark.data

_COLUMNS = "id, label, first_article, first_outlet, start, end, size, outlets, state, merged_into"


def _rows(db: Path) -> dict[str, dict[str, Any]]:
    c = sqlite3.connect(db)
    c.row_factory = sqlite3.Row
    out = {r["id"]: dict(r) for r in c.execute(f"SELECT thread, {_COLUMNS} FROM stories")}
    out |= {r["id"]: dict(r) for r in c.execute(f"SELECT NULL AS thread, {_COLUMNS} FROM threads")}
    out |= {"m:" + r[0]: {"story": r[1], "score": r[2]} for r in c.execute("SELECT * FROM memberships")}
    c.close()
    return out


def test_spark_driver_writes_the_local_engines_story_rows(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="the Spark engine's tables need pyarrow (the 'spark' extra)")
    from newstrace.engine.load import _rows as parquet_rows
    from newstrace.engine.spark import ClusterRows, stream_clusters
    from newstrace.store import results as R

    fakes = require_data("fakes", "fakes_dev.csv")
    arts = sorted(read_unique([EXAMPLES, fakes]), key=order_key)
    local = tmp_path / "local.db"
    with Store(local) as st:
        st.add_articles(arts)
        analyze(st, batch_size=40, steps=["stories"], workers=1)

    out = tmp_path / "out"
    rows = ClusterRows(out / "stories")
    spilled: list[str] = []
    put = rows.put

    def counting_put(row: dict[str, Any], open_: bool) -> None:
        if not open_:
            spilled.append(row["id"])
        put(row, open_)

    rows.put = counting_put  # type: ignore[method-assign]
    features = (rec.features for rec in article_steps(arts, ["stories"]))
    memberships, _ = stream_clusters(features, {}, rows, merge_every=40)
    merged_threads = dict(rows.merged_threads)
    rows.write()

    remote = tmp_path / "remote.db"
    with Store(remote) as st, st.transaction():
        for r in parquet_rows(out, "stories"):
            R.put_cluster_row(st.conn, r)
        R.put_memberships(st.conn, memberships)

    # the stream retired clusters between drains and merged threads whose stories had retired
    assert len(spilled) > 100
    assert merged_threads
    want, got = _rows(local), _rows(remote)
    assert len(want) > len(arts)  # stories, threads and a membership per article
    assert got == want


def test_a_retired_story_follows_its_thread_into_later_merges(tmp_path: Path) -> None:
    """A story that left its window before its thread merged names the thread it ended in,
    as the local engine's ``UPDATE stories SET thread`` does for rows it wrote earlier."""
    pytest.importorskip("pyarrow", reason="the Spark engine's tables need pyarrow (the 'spark' extra)")
    from newstrace.engine.load import _rows as parquet_rows
    from newstrace.engine.spark import ClusterRows

    def row(level: str, cid: str, thread: str | None, merged_into: str | None = None) -> dict[str, Any]:
        return {
            "level": level, "id": cid, "thread": thread, "label": cid, "first_article": cid, "first_outlet": None,
            "start": None, "end": None, "size": 0 if merged_into else 1, "outlets": "{}", "state": None,
            "merged_into": merged_into,
        }

    rows = ClusterRows(tmp_path / "stories")
    rows.put(row("story", "s-old", "t-c"), open_=False)  # retired while its thread was t-c
    rows.put(row("story", "s-new", "t-b"), open_=True)
    rows.put(row("story", "s-new", "t-a"), open_=True)  # changed again: the later row counts
    rows.merged_threads.update({"t-c": "t-b", "t-b": "t-a"})
    for t in ("t-c", "t-b"):
        rows.put(row("thread", t, None, merged_into="t-a"), open_=False)
    rows.put(row("thread", "t-a", None), open_=True)
    counts = rows.write()

    got = {r["id"]: r for r in parquet_rows(tmp_path, "stories")}
    assert {i: r["thread"] for i, r in got.items() if r["level"] == "story"} == {"s-old": "t-a", "s-new": "t-a"}
    assert sorted(got) == ["s-new", "s-old", "t-a", "t-b", "t-c"]
    assert counts == {"stories": 2, "threads": 1}


def test_spark_out_must_hold_nothing_but_earlier_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each table replaces the folder of its name: an --out holding other things is refused
    before Spark starts, and nothing in it is touched."""
    from newstrace.cli.main import main
    from newstrace.engine.spark import check_out_dir

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "Rocket fire on west Aleppo killed civilians."}\n', encoding="utf-8")
    docs = tmp_path / "Documents"
    (docs / "articles").mkdir(parents=True)
    (docs / "articles" / "draft.txt").write_text("mine", encoding="utf-8")
    (docs / "notes.txt").write_text("mine too", encoding="utf-8")
    assert main(["analyze", "--engine", "spark", "--input", str(corpus), "--out", str(docs)]) == 2
    err = capsys.readouterr().err
    assert "--out holds notes.txt, not only the tables of an earlier run" in err
    assert (docs / "articles" / "draft.txt").read_text(encoding="utf-8") == "mine"

    earlier = tmp_path / "run"
    for name in ("articles", "stories", ".stories.tmp"):
        (earlier / name).mkdir(parents=True)
    check_out_dir(earlier)  # an earlier run's tables (and a crashed run's temporary) are replaced
    check_out_dir(tmp_path / "new")
    with pytest.raises(InputError, match="must be a folder"):
        check_out_dir(corpus)


def test_a_master_spark_cannot_use_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A --master Spark does not take ('garbage://x', 'local[two]') started the JVM, printed its
    stack trace and ended as an internal error (exit 70, "please report"); it is a usage error
    naming the option and what it takes, before Spark starts, and the masters Spark takes pass."""
    import shlex

    from newstrace.cli.main import main
    from newstrace.engine.spark import spark_master_ok

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "Rocket fire on west Aleppo killed civilians."}\n', encoding="utf-8")
    for master in ("garbage://x", "local[two]", "local[0]", "Local[2]", ""):
        assert main(["analyze", "--engine", "spark", "--input", str(corpus), "--out", str(tmp_path / "o"), "--master", master]) == 2
        said = " ".join(capsys.readouterr().err.split())
        assert f"--master {shlex.quote(master)}: expected local, local[N]" in said and "Usage:" in said, said
        assert not (tmp_path / "o").exists()
    for master in ("local", "local[2]", "local[*]", "local[4, 2]", "local-cluster[2, 1, 1024]", "spark://host:7077",
                   "spark://h1:7077,h2:7077", "k8s://https://host:443", "yarn"):
        assert spark_master_ok(master), master


def test_an_out_inside_the_input_folder_is_refused_before_spark_starts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'--input feed --out feed/results' ran, and the same command run again was refused: the
    results were a folder in the input folder, which Spark does not read. It is refused on the
    first run, before Spark starts, so a run that works can be run again."""
    from newstrace.cli.main import main

    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "a.jsonl").write_text('{"id": "a", "text": "Rocket fire on west Aleppo killed civilians."}\n', encoding="utf-8")
    for out in (feed / "results", feed / "results" / "deeper"):
        assert main(["analyze", "--engine", "spark", "--input", str(feed), "--out", str(out)]) == 2
        said = " ".join(capsys.readouterr().err.split())
        assert f"{out}: --out is inside --input {feed}" in said, said
        assert not (feed / "results").exists()


@pytest.mark.parametrize("flag", ["--day-first", "--month-first"])
def test_the_local_engine_refuses_a_date_order_it_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    """``--day-first``/``--month-first`` choose how the Spark engine reads its --input's dates; the
    local engine reads no files (``ingest`` read their dates), so there the option is a usage
    error naming the flag given and the command that takes it, not a choice silently ignored."""
    from newstrace.cli.main import main

    db = tmp_path / "t.db"
    Store(db).close()
    assert main(["analyze", "--db", str(db), flag]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert f"{flag}: only with --engine spark" in said and "'newstrace ingest', which takes it" in said


def test_load_results_reads_articles_in_id_order_sorted_or_not(tmp_path: Path) -> None:
    """Spark writes the articles sorted by id and they stream; an output written before it did is
    sorted on load. Either way a database gets them in id order."""
    pytest.importorskip("pyarrow", reason="the Spark engine's tables need pyarrow (the 'spark' extra)")
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from newstrace.engine.load import _articles_by_id

    fakes = require_data("fakes", "fakes_dev.csv")
    arts = list(read_unique([EXAMPLES, fakes]))[:60]
    rows = [{"id": a.id, "json": json.dumps(a.to_dict(), default=str)} for a in arts]
    want = sorted(a.id for a in arts)
    for name, parts in (
        ("sorted", [sorted(rows, key=lambda r: r["id"])[:30], sorted(rows, key=lambda r: r["id"])[30:]]),
        ("unsorted", [rows[30:], rows[:30]]),
    ):
        folder = tmp_path / name / "articles"
        folder.mkdir(parents=True)
        for i, part in enumerate(parts):
            pq.write_table(pa.Table.from_pylist(part), folder / f"part-{i:05d}.parquet")
        got = [a for batch in _articles_by_id(tmp_path / name) for a in batch]
        assert [a.id for a in got] == want
        assert {a.id: a.text for a in got} == {a.id: a.text for a in arts}


def test_a_damaged_parquet_input_is_refused_naming_its_file_before_spark_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ``.parquet`` file that is not one (a failed download, a file cut short) started the JVM,
    printed Spark's stack trace (FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER) and ended as an internal
    error, exit 70, with a Java trace of a hundred lines as its message. Each Parquet file of
    ``--input`` is opened (its footer alone) before Spark starts: one that cannot be read is exit 2
    naming it, as ``load-results`` names a damaged file of the results, and no ``--out`` is made."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newstrace.cli.main import main

    good = pa.table({"id": ["a"], "text": ["Rocket fire on west Aleppo killed civilians."]})
    feed = tmp_path / "feed"
    feed.mkdir()
    pq.write_table(good, feed / "part-0.parquet")
    whole = (feed / "part-0.parquet").read_bytes()
    (feed / "part-1.parquet").write_bytes(whole[: len(whole) // 2])  # cut short
    single = tmp_path / "download.parquet"
    single.write_bytes(b"<html>502 Bad Gateway</html>\n")
    hive = tmp_path / "lake"
    (hive / "outlet=rt").mkdir(parents=True)
    (hive / "outlet=rt" / "part-0.parquet").write_bytes(b"PAR1")
    for given, damaged in ((feed, feed / "part-1.parquet"), (single, single), (hive, hive / "outlet=rt" / "part-0.parquet")):
        out = tmp_path / "out"
        assert main(["analyze", "--engine", "spark", "--input", str(given), "--out", str(out)]) == 2
        said = capsys.readouterr().err
        assert f"{damaged}: not a Parquet file, or a damaged one (" in " ".join(said.split()), said
        assert len(said.strip().splitlines()) <= 3 and "internal error" not in said and "at org.apache" not in said
        assert not out.exists()


def test_an_input_folder_with_nothing_to_read_is_said_in_the_spark_engines_words(tmp_path: Path) -> None:
    """An empty ``--input`` folder (or one of PDFs alone) was refused in ``ingest``'s words, "folder
    holds no supported files (.txt, .html, .htm, ...)", naming the types the Spark engine refuses;
    it names what the engine reads, before Spark starts."""
    from newstrace.engine.spark import INPUT_KINDS, check_input

    feed = tmp_path / "feed"
    feed.mkdir()
    for files in ([], ["report.pdf", ".hidden.jsonl"]):
        for name in files:
            (feed / name).write_bytes(b"%PDF-1.4")
        with pytest.raises(InputError) as e:
            check_input(feed)
        assert str(e.value) == f"{feed}: folder holds no file the Spark engine reads ({INPUT_KINDS})"


def test_a_parquet_input_without_a_text_column_is_refused_before_spark_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Parquet ``--input`` whose columns name no text (a metadata export: id, outlet, url, title,
    published) started the JVM, read every record and only then said 'no articles found (...:1:
    record has no text or html field ...)', about 30 s later. Its columns are in the footers read
    before Spark starts: the same message, exit 2, at once; a table with a text column in any of
    its files, or in a folder's name (Hive partitions), is left to Spark (``get_session`` here fails the run as an internal error)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    import newstrace.engine.spark as engine
    from newstrace.cli.main import main

    def no_spark(*args: object, **kwargs: object) -> None:
        raise AssertionError("Spark started")

    monkeypatch.setattr(engine, "get_session", no_spark)
    meta = pa.table({
        "id": ["a1"], "outlet": ["rt"], "url": ["https://rt.com/news/1"],
        "title": ["Rocket fire on west Aleppo"], "published": ["2016-08-01"],
    })
    single = tmp_path / "meta.parquet"
    pq.write_table(meta, single)
    feed = tmp_path / "feed"
    feed.mkdir()
    pq.write_table(meta, feed / "part-0.parquet")
    pq.write_table(meta, feed / "part-1.parquet")
    hive = tmp_path / "lake"
    (hive / "outlet=rt").mkdir(parents=True)
    pq.write_table(meta.drop(["outlet"]), hive / "outlet=rt" / "part-0.parquet")
    found = {single: "id, outlet, url, title, published", feed: "id, outlet, url, title, published",
             hive: "id, url, title, published, outlet"}
    for given, columns in found.items():
        out = tmp_path / "out"
        assert main(["analyze", "--engine", "spark", "--input", str(given), "--out", str(out)]) == 2
        said = " ".join(capsys.readouterr().err.split())
        assert (
            f"{given}: no articles found ({given}:1: record has no text or html field (expected one of text, body, "
            f"content, article_content, articlebody, maintext, html, raw_html; found {columns}), skipped)"
        ) in said, said
        assert not out.exists()
    # a text column in one file of the folder alone: refused too, naming the first file without one
    # (``test_a_parquet_input_whose_files_do_not_all_hold_articles_is_refused_naming_one``)
    pq.write_table(pa.table({"id": ["b1"], "Text": ["Rocket fire on west Aleppo killed civilians."]}),
                   feed / "part-2.parquet")
    assert main(["analyze", "--engine", "spark", "--input", str(feed), "--out", str(tmp_path / "out")]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert f"{feed / 'part-0.parquet'}: no text or html field (" in said and f"{feed / 'part-2.parquet'} has one" in said
    assert "(2 files of it lack one)" in said, said


def test_a_parquet_input_whose_files_do_not_all_hold_articles_is_refused_naming_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Parquet ``--input`` without rows started Spark and was refused by it, 'no articles found',
    70 s later on a loaded box. A folder where one file has a text column and another none was
    read as one table with one file's columns: the seeds beside a metadata export came out as the
    export's rows skipped one by one, "mixed:3: record's text is empty" (a line of the folder, not
    its file), and with the export first as 'no articles found' of a folder that holds two
    articles (78 s). Both are exit 2 before Spark starts, the file named; a file of the folder
    without rows has no articles to lose, whatever its columns (left to Spark)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    import newstrace.engine.spark as engine
    from newstrace.cli.main import main

    def no_spark(*args: object, **kwargs: object) -> None:
        raise AssertionError("Spark started")

    monkeypatch.setattr(engine, "get_session", no_spark)
    seeds = list(read_unique([EXAMPLES]))
    articles = pa.table({"id": [a.id for a in seeds], "text": [a.text for a in seeds]})
    meta = pa.table({"id": [f"m-{a.id}" for a in seeds], "title": [a.title for a in seeds],
                     "outlet": [a.outlet for a in seeds]})
    empty = tmp_path / "empty.parquet"
    pq.write_table(articles.slice(0, 0), empty)
    emptied = tmp_path / "emptied"
    emptied.mkdir()
    for i in range(5):
        pq.write_table(articles.slice(0, 0), emptied / f"part-{i}.parquet")
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    pq.write_table(articles, mixed / "a.parquet")
    pq.write_table(meta, mixed / "b.parquet")
    first = tmp_path / "export-first"
    first.mkdir()
    pq.write_table(meta, first / "a.parquet")
    pq.write_table(articles, first / "b.parquet")
    lost = ("; Spark reads {given} as one table with one file's columns, and the articles of the files with the "
            "others would be lost; give --input the files with a text column")
    columns = ("no text or html field (expected one of text, body, content, article_content, articlebody, maintext, "
               "html, raw_html; found id, title, outlet)")
    refused = {
        empty: f"{empty}: no articles found (the Parquet file holds no rows)",
        emptied: (f"{emptied}: no articles found (its Parquet files hold no rows: {emptied / 'part-0.parquet'}, "
                  f"{emptied / 'part-1.parquet'}, {emptied / 'part-2.parquet'} and 2 more)"),
        mixed: f"{mixed / 'b.parquet'}: {columns}, where {mixed / 'a.parquet'} has one" + lost.format(given=mixed),
        first: f"{first / 'a.parquet'}: {columns}, where {first / 'b.parquet'} has one" + lost.format(given=first),
    }
    for given, message in refused.items():
        out = tmp_path / "out"
        assert main(["analyze", "--engine", "spark", "--input", str(given), "--out", str(out)]) == 2
        said = capsys.readouterr().err
        assert " ".join(said.split()) == f"newstrace: error: {message}", said
        assert not out.exists()
    # the export without rows: the seeds alone are read (Spark started)
    pq.write_table(meta.slice(0, 0), first / "a.parquet")
    assert main(["analyze", "--engine", "spark", "--input", str(first), "--out", str(tmp_path / "out")]) == 70
    assert "Spark started" in capsys.readouterr().err


def test_a_stopped_spark_run_keeps_py4j_s_own_log_records_off_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Ctrl-C in the whole suite's Spark stop test printed py4j's "Exception occurred while
    shutting down connection" and its traceback (22 lines) before the run's one line: the handler
    a run puts on the root logger for py4j's ``logging.exception`` of a stop also printed the
    records of py4j's own loggers, which its NullHandler keeps off stderr otherwise. Another
    library's warning is still said."""
    import logging

    pytest.importorskip("py4j")
    import py4j.java_gateway  # noqa: F401  (puts its NullHandler on "py4j")

    from newstrace.engine.spark import _stops_cleanly

    with _stops_cleanly(tmp_path / "out", owned=False):
        try:
            raise EOFError
        except EOFError:
            logging.getLogger("py4j.clientserver").exception("Exception occurred while shutting down connection")
        logging.getLogger("some.library").warning("a library's warning")
    assert capsys.readouterr().err == "a library's warning\n"


def _spark_fails_if_started(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that gets as far as starting Spark fails there, an internal error saying so (exit 70)."""
    import newstrace.engine.spark as engine

    def no_spark(*args: object, **kwargs: object) -> None:
        raise AssertionError("Spark started")

    monkeypatch.setattr(engine, "get_session", no_spark)


def _spark_run(given: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``analyze --engine spark`` of ``given``: its exit code and its stderr in one line."""
    from newstrace.cli.main import main

    code = main(["analyze", "--engine", "spark", "--input", str(given), "--out", str(out)])
    return code, " ".join(capsys.readouterr().err.split())


def test_a_parquet_folder_whose_files_name_the_text_column_differently_is_refused_naming_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Parquet folder of an export whose text column is 'text' in one file and 'body' in another
    went to Spark, which read it as one table with one file's columns: the other file's articles
    were skipped one by one, "feed:1: record's text is empty, skipped" (a line of the folder, not
    its file), and the run ended with exit 0 and half the articles (49 s for the two seeds). It is
    exit 2 before Spark starts, each name said with a file that has it; names that differ only in
    case (Spark matches columns case aside) and a folder of one name are left to Spark."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    _spark_fails_if_started(monkeypatch)
    seeds = list(read_unique([EXAMPLES]))
    assert len(seeds) == 2

    def export(folder: Path, *columns: str) -> None:
        folder.mkdir()
        for i, (a, column) in enumerate(zip(seeds * len(columns), columns, strict=False)):
            pq.write_table(pa.table({"id": [f"{a.id}-{i}"], "title": [a.title], column: [a.text]}), folder / f"part-{i}.parquet")

    feed = tmp_path / "feed"
    export(feed, "text", "body", "body")
    out = tmp_path / "out"
    code, said = _spark_run(feed, out, capsys)
    assert code == 2 and said == (
        f"newstrace: error: {feed}: its files name the article text's column differently ('text' in "
        f"{feed / 'part-0.parquet'}, 'body' in {feed / 'part-1.parquet'} and 1 more file); Spark reads {feed} as one "
        "table with one file's columns, and the articles of the files with another would be lost; give the column "
        "one name in every file, or give --input the files of one name"
    ), said
    assert not out.exists()
    # an html column beside text columns is another way to hold the text: refused the same way
    html = tmp_path / "html"
    export(html, "text", "raw_html")
    code, said = _spark_run(html, out, capsys)
    assert code == 2 and f"('text' in {html / 'part-0.parquet'}, 'raw_html' in {html / 'part-1.parquet'})" in said, said
    # one name, case aside: Spark reads it (started here)
    for given, columns in {tmp_path / "cased": ("text", "Text"), tmp_path / "bodies": ("body", "body")}.items():
        export(given, *columns)
        assert _spark_run(given, out, capsys) == (70, "newstrace: internal error: AssertionError: Spark started "
                                                   "(set NEWSTRACE_DEBUG=1 for the traceback)")


def test_a_parquet_folder_whose_files_type_a_column_differently_is_refused_naming_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spark reads a Parquet folder with one file's column types and stopped at another file's rows
    of another type: exit 70, an internal error whose message was a Java stack trace of over a
    hundred lines ("Data type mismatches when reading Parquet column [outlet]. Expected Spark type int,
    actual Parquet type BINARY"), for the seeds split in two files one of whose outlets are all
    None (pandas then writes the column as null), 31 s in. Every mix of types tried failed so,
    either way round (null and string, int and string, int and float, timestamp and string), but
    a string and a large string. It is exit 2 before Spark starts, the column and each type named
    with a file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    _spark_fails_if_started(monkeypatch)
    first, second = read_unique([EXAMPLES])
    feed = tmp_path / "feed"
    feed.mkdir()
    pq.write_table(pa.table({"id": [first.id], "Outlet": pa.array([None], pa.null()), "text": [first.text]}),
                   feed / "part-0.parquet")
    pq.write_table(pa.table({"id": [second.id], "outlet": [second.outlet or "rt.com"], "text": [second.text]}),
                   feed / "part-1.parquet")
    out = tmp_path / "out"
    code, said = _spark_run(feed, out, capsys)
    assert code == 2 and said == (
        f"newstrace: error: {feed}: its files hold the column 'Outlet' as different types (null in "
        f"{feed / 'part-0.parquet'}, string in {feed / 'part-1.parquet'}); Spark reads {feed} as one table with one "
        "file's types, and stops with a Java error at the rows of another; give the column one type in every file"
    ), said
    assert not out.exists()
    # a string and a large string are one type to Spark, and bytes are read as text: read (started here)
    for kind in (pa.large_string(), pa.binary()):
        outlet = first.outlet or "sana.sy"
        pq.write_table(pa.table({"id": [first.id], "Outlet": pa.array([outlet.encode() if kind == pa.binary() else outlet], kind),
                                 "text": [first.text]}), feed / "part-0.parquet")
        assert _spark_run(feed, out, capsys) == (70, "newstrace: internal error: AssertionError: Spark started "
                                                  "(set NEWSTRACE_DEBUG=1 for the traceback)")


def test_a_spark_run_that_reads_no_article_prints_its_json_document_with_the_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``analyze --engine spark --json`` of an input that gives no article (missing, a Parquet table
    without a text column) printed the error on stderr alone and nothing on stdout, where ``ingest
    --json`` of such an input prints its document, every key, ``error`` the closing line: a script
    reading the report got no JSON at all. The document is printed as ``ingest``'s is, naming no
    --out (the run wrote none), and the exit stays 2; a bad --out, as ``ingest``'s bad --db, is
    said before any input is read, and on stderr alone."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from newstrace.cli.main import main

    _spark_fails_if_started(monkeypatch)
    meta = tmp_path / "meta.parquet"
    pq.write_table(pa.table({"id": ["a1"], "title": ["Rocket fire on west Aleppo"]}), meta)
    out = tmp_path / "out"
    for given in (tmp_path / "missing.jsonl", meta):
        code = main(["analyze", "--engine", "spark", "--input", str(given), "--out", str(out), "--no-claims", "--json"])
        said = capsys.readouterr()
        error = said.err.splitlines()[-1].removeprefix("newstrace: error: ")
        assert code == 2 and error.startswith(f"{given}: "), said
        doc = json.loads(said.out)
        assert doc == {
            "engine": "spark", "master": "local[2]", "input": str(given), "out": None, "error": error,
            "articles": 0, "pairs": 0, "stories": 0, "threads": 0, "skipped_records": 0, "steps": ["reuse", "stories"],
            "seconds": doc["seconds"], "duplicates": 0, "warnings": [], "semantic": False, "provenance_unbuilt": 0,
        }, doc
        assert not out.exists()
    # an --out that cannot be one: said before the input is read, no document (as ingest's bad --db)
    out.write_text("mine", encoding="utf-8")
    code = main(["analyze", "--engine", "spark", "--input", str(tmp_path / "missing.jsonl"), "--out", str(out), "--json"])
    said = capsys.readouterr()
    assert (code, said.out) == (2, ""), said
    assert said.err == f"newstrace: error: {out}: --out must be a folder (it is a file)\n", said
