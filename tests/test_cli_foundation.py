"""The foundation CLI end to end: the seeds' demo facts and every bad input of issue 2.

Bad inputs run the real console script in a subprocess, so "no traceback" and the exit code are
what a user sees. Each case asserts a one-line message naming the input and the reason, the exit
code, and that the database was neither created nor changed when nothing could be done.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text

from conftest import AnalysedSeeds, require_data, stderr_on_a_terminal, timed_seeds_export
from fuzz.samples import REWRITE_TITLE, REWRITE_TXT, RT_TITLE, RT_TXT, html_page, seeds, warc_bytes
from newstrace.cli.main import main
from newstrace.model import Article
from newstrace.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NEWSTRACE = [sys.executable, "-m", "newstrace.cli.main"]


def run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, proc: bool = False
) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it: in a subprocess when ``proc`` (or an environment) is given, else
    in-process through ``newstrace.cli.main.main`` (the same code, without a second's start-up)."""
    if proc or env:
        full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
        full_env.pop("NEWSTRACE_DB", None)
        return subprocess.run(
            [*NEWSTRACE, *map(str, args)], cwd=cwd, capture_output=True, text=True, env=full_env, timeout=300
        )
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return subprocess.CompletedProcess([str(a) for a in args], code, out.getvalue(), err.getvalue())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_clean_failure(p: subprocess.CompletedProcess[str], code: int, *needles: str) -> str:
    """Exit ``code``, nothing on stdout, exactly one stderr line containing every needle."""
    assert "Traceback" not in p.stderr, p.stderr
    assert p.returncode == code, (p.returncode, p.stderr)
    assert p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


# -- the done-when facts on the seeds --------------------------------------------------------------


def test_demo_ingests_both_seeds_with_their_facts(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    p = run("ingest", EXAMPLES, "--db", db, cwd=tmp_path, proc=True)
    assert p.returncode == 0, p.stderr
    assert "2 added" in p.stderr
    listed = run("list", "--db", db, "--json", cwd=tmp_path, proc=True)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)  # stdout is one JSON document and nothing else
    by_title = {r["title"]: r for r in rows}
    assert set(by_title) == {RT_TITLE, REWRITE_TITLE}
    rt, rw = by_title[RT_TITLE], by_title[REWRITE_TITLE]
    assert (rt["outlet"], rt["published"], rt["url"]) == (
        "rt.com",
        "2016-10-30",
        "https://www.rt.com/news/364760-un-envoy-shelling-aleppo/",
    )
    assert (rw["author"], rw["published"]) == ("Baran Hines", "2016-11-02")
    shown = run("show", rw["id"], "--db", db, "--json", cwd=tmp_path)
    text = json.loads(shown.stdout)["text"]
    assert "Home / Be The Change" not in text
    assert "Leave a comment" not in text
    assert not text.rstrip().endswith("Share")
    assert text.endswith("heightened war rhetoric .")
    assert text.startswith("United Nations Special Envoy for Syria Staffan de Mistura stated Sunday")
    # the human list names both titles too
    human = run("list", "--db", db, cwd=tmp_path)  # a table; the id column never wraps
    assert human.returncode == 0 and rw["id"] in human.stdout and rt["id"] in human.stdout


def test_list_gives_the_title_the_room_at_80_columns(tmp_path: Path) -> None:
    """Six columns side by side left the title 10 to 13 characters at 80 columns, so a headline
    took 8 lines and FA-KES dev's 519 articles 4,000; id and date, outlet and author now share a
    cell each, as the stories table stacks id and thread."""
    db = tmp_path / "n.db"
    assert run("ingest", EXAMPLES, "--db", db, cwd=tmp_path).returncode == 0
    p = run("list", "--db", db, cwd=tmp_path)  # in-process: not a terminal, so rich draws 80 columns
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    rt = next(i for i, line in enumerate(lines) if "c76a1369a679181f" in line)
    assert "2016-10-30" in lines[rt + 1] and "rt.com" in lines[rt]
    assert "UN Syria envoy ‘appalled’ by" in lines[rt]  # not "UN Syria" / "envoy" / ...
    assert len(lines) <= 14, p.stdout  # was 22: the two rows took 8 and 9 lines
    assert "Baran Hines" in p.stdout and RT_TITLE.split()[-1] in p.stdout


def test_an_input_named_by_a_relative_path_is_stored_by_the_path_it_has_from_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``newstrace ingest rt.txt`` stored "rt.txt" as the article's source: ``show`` and ``list``,
    run from another folder, and the web app named a file that is not there (or another file of
    that name), and ``show`` reads the file at that path to name a record by its line. The path
    stored is the file's absolute path; the run's messages name it as it was given, and the same
    file ingested again by its absolute path, or from another folder, is the article stored."""
    inputs, other = tmp_path / "inputs", tmp_path / "elsewhere"
    inputs.mkdir(), other.mkdir()
    for f in EXAMPLES.glob("001_*"):  # RT's report and its sidecar
        shutil.copy(f, inputs / f.name.replace("001_b27ff7eeccda9d61", "rt"))
    # RT's report saved again, under another name and with no address: the same text of the same outlet
    shutil.copy(inputs / "rt.txt", inputs / "copy.txt")
    (inputs / "copy.meta.json").write_text('{"outlet": "rt.com", "published": "2016-10-30"}', encoding="utf-8")
    db = tmp_path / "n.db"
    monkeypatch.chdir(inputs)
    first = run("ingest", "./rt.txt", "--db", db, cwd=inputs)
    assert first.returncode == 0 and "1 added" in first.stderr, first.stderr
    monkeypatch.chdir(other)
    (row,) = json.loads(run("list", "--db", db, "--json", cwd=other).stdout)
    assert row["source"] == str(inputs / "rt.txt")
    shown = run("show", row["id"], "--db", db, cwd=other).stdout
    assert re.search(rf"source\s+{re.escape(str(inputs / 'rt.txt'))}\n", shown), shown
    for again in ("../inputs/rt.txt", inputs / "rt.txt"):
        doc = json.loads(run("ingest", again, "--db", db, "--json", cwd=other).stdout)
        assert (doc["added"], doc["updated"], doc["unchanged"]) == (0, 0, 1), (again, doc)
    assert json.loads(run("list", "--db", db, "--json", cwd=other).stdout) == [row]
    # a run's lines name its inputs as given, the store's among them
    said = run("ingest", "../inputs/copy.txt", "--db", db, cwd=other).stderr
    assert said.startswith("../inputs/copy.txt: 1 article already stored"), said


def test_a_library_caller_s_articles_read_by_a_relative_path_are_stored_as_ingest_stores_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Store(db).add_articles(read_articles("examples"))``, README's library call, stored each
    seed's file as given, "examples/001_....txt", relative to the folder the caller stood in, where
    ``ingest examples`` there stores its absolute path: the two databases differed in every
    article's ``source``, and the library's named a file that is not there from any other folder.
    The articles read keep the name as given (the run's messages say it); what is stored is the
    same row either way. A name the caller gives an article instead is theirs, stored as given (as
    the web upload's "upload: NAME")."""
    import newstrace

    monkeypatch.chdir(ROOT)
    assert run("ingest", "examples", "--db", tmp_path / "cli.db", cwd=ROOT).returncode == 0
    articles = newstrace.read_articles("examples")
    assert sorted(a.source or "" for a in articles) == sorted(f"examples/{f.name}" for f in EXAMPLES.glob("*.txt"))
    with newstrace.Store(tmp_path / "library.db") as store:
        assert store.add_articles(articles).added == 2
    monkeypatch.chdir(tmp_path)

    def rows(db: Path) -> list[dict[str, Any]]:
        with contextlib.closing(sqlite3.connect(db)) as c:
            c.row_factory = sqlite3.Row
            return [{k: v for k, v in dict(r).items() if k != "ingested_at"} for r in c.execute("SELECT * FROM articles ORDER BY id")]

    stored = rows(tmp_path / "library.db")
    assert sorted(r["source"] for r in stored) == sorted(str(f) for f in EXAMPLES.glob("*.txt"))
    assert stored == rows(tmp_path / "cli.db")
    with newstrace.Store(tmp_path / "cli.db") as store:  # the same articles read again: stored already
        again = store.add_articles(articles)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
        named = dataclasses.replace(articles[0], id="named", source="feed: the seeds")
        store.add_articles([named])
        assert (found := store.find_article("named")) is not None and found.source == "feed: the seeds"

def test_reingest_adds_nothing_and_json_summary(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    first = run("ingest", EXAMPLES, "--db", db, "--json", cwd=tmp_path)
    second = run("ingest", EXAMPLES, "--db", db, "--json", cwd=tmp_path)
    assert json.loads(first.stdout)["added"] == 2
    doc = json.loads(second.stdout)
    assert (doc["added"], doc["updated"], doc["unchanged"]) == (0, 0, 2)
    assert first.stderr == second.stderr == ""  # --json: nothing but the document
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


def test_an_input_repeating_an_id_keeps_its_first_record_and_reingests_unchanged(
    tmp_path: Path, rt: Article, rewrite: Article
) -> None:
    """FA-KES dev repeats ids with other contents; each copy used to update the article in turn,
    so every re-ingest "updated" it and every analyze redid it. (Another outlet's record with the
    id would be an article of its own: ``tests/test_ingest.py``.)"""
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "story-1", "title": rt.title, "text": rt.text, "outlet": "rt.com"},
        {"id": "story-2", "title": rewrite.title, "text": rewrite.text},
        {"id": "story-1", "title": rewrite.title, "text": rewrite.text, "outlet": "rt.com"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "n.db"
    p = run("ingest", feed, "--db", db, "--json", cwd=tmp_path)
    first = json.loads(p.stdout)
    assert (first["added"], first["updated"]) == (2, 0)
    assert len(first["warnings"]) == 1 and "story-1" in first["warnings"][0] and "feed.jsonl:3: " in first["warnings"][0]
    # said on stderr too, as every other command's warnings are with --json
    assert first["warnings"][0] in " ".join(p.stderr.split())
    again = json.loads(run("ingest", feed, "--db", db, "--json", cwd=tmp_path).stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)
    with sqlite3.connect(db) as conn:
        text, outlet, revision = conn.execute("SELECT text, outlet, revision FROM articles WHERE id='story-1'").fetchone()
    assert (text, outlet, revision) == (rt.text, "rt.com", 1)
    # --strict says a record was skipped
    assert run("ingest", feed, "--db", db, "--strict", cwd=tmp_path).returncode == 2


def test_show_by_prefix_and_unknown_id(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    run("ingest", EXAMPLES, "--db", db, cwd=tmp_path)
    rows = json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout)
    rt = next(r for r in rows if r["outlet"] == "rt.com")
    p = run("show", rt["id"][:6], "--db", db, cwd=tmp_path)
    assert p.returncode == 0 and RT_TITLE in p.stdout and "Staffan de Mistura" in p.stdout
    assert_clean_failure(run("show", "zzzz", "--db", db, cwd=tmp_path), 3, "n.db", "no article with id 'zzzz'")
    # an empty id is no prefix of every article: the same error, not "matches more than one"
    assert_clean_failure(run("show", "", "--db", db, cwd=tmp_path), 3, "n.db", "no article with id ''")
    solo = tmp_path / "solo.db"
    run("ingest", EXAMPLES / "000_6fb2124cbc58fd30.txt", "--db", solo, cwd=tmp_path)
    assert_clean_failure(run("show", "", "--db", solo, cwd=tmp_path), 3, "solo.db", "no article with id ''")


def test_show_says_a_time_without_an_offset_is_ordered_as_utc(tmp_path: Path) -> None:
    """RT's report timed 16:40 without an offset (Moscow's wall clock) sorts after the rewrite's
    14:00+00:00, as UTC: ``show`` printed the bare time and left the reading to the README."""
    records = [
        {"id": "rt", "outlet": "rt.com", "published": "2016-10-30T16:40:00", "title": RT_TITLE, "text": RT_TXT.read_text(encoding="utf-8")},
        {"id": "rw", "outlet": "rewrite", "published": "2016-10-30T14:00:00+00:00", "title": REWRITE_TITLE,
         "text": REWRITE_TXT.read_text(encoding="utf-8")},
    ]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "n.db"
    assert run("ingest", tmp_path / "a.jsonl", "--db", db, cwd=tmp_path).returncode == 0
    assert [r["id"] for r in json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout)] == ["rw", "rt"]
    said = [line.strip() for line in run("show", "rt", "--db", db, cwd=tmp_path).stdout.splitlines()]
    assert "published  2016-10-30T16:40:00 (no UTC offset written: ordered as UTC)" in said
    said = [line.strip() for line in run("show", "rw", "--db", db, cwd=tmp_path).stdout.splitlines()]
    assert "published  2016-10-30T14:00:00+00:00" in said
    assert json.loads(run("show", "rt", "--db", db, "--json", cwd=tmp_path).stdout)["published"] == "2016-10-30T16:40:00"


@pytest.mark.parametrize("name", ["a?b.db", "a#b.db", "100%25.db"])
def test_a_database_named_with_uri_characters_is_read_as_written(tmp_path: Path, name: str) -> None:
    """The readers open the database by a SQLite URI (read-only), which took a '?' or '#' in its
    name for the start of the query: 'list --db a?b.db' after an ingest into it opened, and so
    created, a database 'a', and said "an empty database" (exit 3); '100%25.db' named '100%.db'."""
    db = tmp_path / name
    assert run("ingest", EXAMPLES, "--db", db, cwd=tmp_path).returncode == 0
    p = run("list", "--db", db, "--json", cwd=tmp_path)
    assert (p.returncode, p.stderr) == (0, "")
    assert {r["title"] for r in json.loads(p.stdout)} == {RT_TITLE, REWRITE_TITLE}
    shown = run("show", json.loads(p.stdout)[0]["id"], "--db", db, cwd=tmp_path)
    assert shown.returncode == 0 and RT_TITLE in shown.stdout
    assert sorted(f.name for f in tmp_path.iterdir() if not f.name.startswith(name)) == []  # no stray 'a' or '100%.db'


def test_a_db_that_is_a_link_to_no_file_yet_is_created_where_it_leads_or_says_why_not(tmp_path: Path) -> None:
    """``--db`` may be a link to a database not created yet: SQLite creates the file it names.
    One leading into a folder that does not exist, or a loop of links, was checked as the link
    itself (its folder exists) and failed at SQLite, "cannot open database (unable to open
    database file)"; each says what is wrong before any input is read (the missing folder exit 2,
    a bad path as it is for a --db not linked, the loop exit 3)."""
    made = tmp_path / "made.db"
    made.symlink_to(tmp_path / "store" / "n.db")
    (tmp_path / "store").mkdir()
    assert run("ingest", EXAMPLES, "--db", made, cwd=tmp_path).returncode == 0
    assert len(json.loads(run("list", "--db", tmp_path / "store" / "n.db", "--json", cwd=tmp_path).stdout)) == 2
    astray = tmp_path / "astray.db"
    astray.symlink_to(tmp_path / "gone" / "n.db")
    assert_clean_failure(run("ingest", EXAMPLES, "--db", astray, cwd=tmp_path), 2,
                         f"{astray}: cannot write (no folder {tmp_path / 'gone'}, where the link {astray} leads: "
                         "create it, or give another file)")
    loop = tmp_path / "loop.db"
    loop.symlink_to(loop)
    assert_clean_failure(run("ingest", EXAMPLES, "--db", loop, cwd=tmp_path), 3, f"{loop}: a link that leads to no file")


def test_a_zero_byte_db_is_an_empty_database_to_every_command_but_the_writers_of_articles(tmp_path: Path) -> None:
    """A zero-byte file (what SQLite takes for an empty database): ``list`` said "an empty
    database" (exit 3) while ``analyze`` made it a newstrace database and said "nothing to
    analyse" (exit 0). Every command that does not put articles in it now says the first, and
    leaves it as it is; ``ingest`` still makes it a newstrace database."""
    db = tmp_path / "n.db"
    db.write_bytes(b"")
    for args in (["analyze", "--workers", "1"], ["list"], ["stories"], ["outlets"], ["show", "c76"], ["story", "s1"]):
        assert_clean_failure(run(*args, "--db", db, cwd=tmp_path), 3,
                             f"{db}: an empty database; 'newstrace ingest' puts articles in it")
        assert db.read_bytes() == b"", args
        assert sorted(p.name for p in tmp_path.iterdir()) == ["n.db"], args
    assert run("ingest", EXAMPLES, "--db", db, cwd=tmp_path).returncode == 0
    assert run("analyze", "--db", db, "--no-claims", "--workers", "1", cwd=tmp_path).returncode == 0
    assert len(json.loads(run("stories", "--db", db, "--json", cwd=tmp_path).stdout)) == 1


def test_a_db_that_is_a_pipe_or_a_device_is_refused_at_once(tmp_path: Path) -> None:
    """``list --db`` naming a named pipe waited forever (SQLite read it), and ``ingest`` into it or
    into ``/dev/null`` said "cannot open database (disk I/O error)", ``list`` of ``/dev/null``
    "an empty database": either is refused as no database file, exit 3."""
    pipe = tmp_path / "n.db"
    os.mkfifo(pipe)
    for db in (pipe, Path(os.devnull)):
        for args in (["ingest", str(EXAMPLES)], ["list"]):
            try:
                p = subprocess.run([*NEWSTRACE, *args, "--db", str(db)], capture_output=True, text=True, cwd=tmp_path, timeout=60)
            except subprocess.TimeoutExpired:
                pytest.fail(f"{args[0]} --db {db} still waits after 60 s")
            assert_clean_failure(p, 3, f"{db}: is a device or a pipe, not a database file")


def _as_root_in(tmp_path: Path, wrapper: list[str]) -> None:
    """Skip unless this test runs as root with ``wrapper`` usable (a private mount namespace):
    the only way to meet a read-only file system without mounting one for real."""
    if os.geteuid() != 0:
        pytest.skip("needs root (a read-only mount in a private mount namespace)")
    try:
        probe = subprocess.run([*wrapper, "true"], capture_output=True, timeout=30, cwd=tmp_path)
    except (OSError, subprocess.SubprocessError):
        pytest.skip(f"{wrapper[0]} not available")
    if probe.returncode != 0:
        pytest.skip(f"{wrapper[0]} not permitted here: {probe.stderr.decode(errors='replace').strip()}")


def _bound_by_permissions(tmp_path: Path) -> list[str]:
    """The command prefix under which file permissions hold: none for a user, and for root (whom
    they do not bind) ``setpriv`` without the capabilities that override them (skipped where it
    cannot run), so that the tests of unreadable files run whoever runs the suite."""
    if os.geteuid() != 0:
        return []
    no_override = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    try:
        probe = subprocess.run([*no_override, "true"], capture_output=True, timeout=30, cwd=tmp_path)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("root, and setpriv is not available to drop the override of permissions")
    if probe.returncode != 0:
        pytest.skip(f"root, and setpriv is not permitted here: {probe.stderr.decode(errors='replace').strip()}")
    return no_override


def test_a_database_on_a_read_only_file_system_is_read(tmp_path: Path) -> None:
    """A database on a read-only mount (a shared volume, a disc) could not be listed, browsed or
    served: SQLite creates ``-shm`` beside a WAL database to read it, which such a file system
    refuses, and every reader said "cannot open database (unable to open database file)". It is
    read as immutable there; writing to it is still refused (exit 3)."""
    _as_root_in(tmp_path, ["unshare", "-m"])
    folder, mount = tmp_path / "data", tmp_path / "mnt"
    folder.mkdir()
    mount.mkdir()
    assert run("ingest", EXAMPLES, "--db", folder / "n.db", cwd=tmp_path).returncode == 0
    assert run("analyze", "--db", folder / "n.db", "--workers", "1", cwd=tmp_path).returncode == 0
    before = sorted(f.name for f in folder.iterdir())
    script = (f"mount --bind -o ro {folder} {mount} && "
              f"{sys.executable} -m newstrace.cli.main list --db {mount / 'n.db'} --json && "
              f"{sys.executable} -m newstrace.cli.main stories --db {mount / 'n.db'} --json; "
              f"{sys.executable} -m newstrace.cli.main ingest {REWRITE_TXT} --db {mount / 'n.db'}; echo exit $?")
    p = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=300,
                       env={**os.environ, "COLUMNS": "200"})
    assert "Traceback" not in p.stderr, p.stderr
    listed, rest = p.stdout.split("\n]\n", 1)
    assert {r["title"] for r in json.loads(listed + "]")} == {RT_TITLE, REWRITE_TITLE}, p.stderr
    stories, said = rest.rsplit("\n]\n", 1)
    assert [s["size"] for s in json.loads(stories + "]")] == [2]
    assert said.strip() == "exit 3" and (f"{mount / 'n.db'}: database is read-only (on a read-only file system: "
                                         "copy it to a folder you can write in to write to it)") in p.stderr
    assert sorted(f.name for f in folder.iterdir()) == before  # nothing written beside it


def test_a_database_in_a_folder_the_user_cannot_write_says_why_it_cannot_be_read(tmp_path: Path) -> None:
    """Out of a read-only file system, a folder the user cannot write in may hold a database its
    owner writes meanwhile, so it is not read as immutable; SQLite cannot read it there (no
    ``-shm``), and the readers said "cannot open database (attempt to write a readonly
    database)". They say what is missing, and what to do, exit 3."""
    no_override = _bound_by_permissions(tmp_path)
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "n.db"
    assert run("ingest", EXAMPLES, "--db", db, cwd=tmp_path).returncode == 0
    folder.chmod(0o555)
    try:
        p = subprocess.run([*no_override, *NEWSTRACE, "list", "--db", str(db)], capture_output=True, text=True,
                           cwd=tmp_path, timeout=300)
    finally:
        folder.chmod(0o755)
    assert_clean_failure(p, 3, f"{db}: cannot be read: SQLite reads this database (WAL mode) through a file n.db-shm "
                               f"beside it, and cannot create one in folder {folder}, which you cannot write in")


def test_an_input_the_user_cannot_read_is_skipped_as_a_missing_one_is(tmp_path: Path) -> None:
    """An input without read permission given by name was a usage error that read nothing ("Invalid
    value for 'INPUT...': path 'b.txt' is not readable", Typer's default check), though a
    missing one beside readable inputs is skipped and the others read, and an unreadable file
    inside a folder was; a folder the system would not list was passed over in silence inside a
    folder, and given by name said to "hold no supported files". Each is named as skipped, with
    the reason, and the rest is ingested (exit 0; ``--strict`` 2)."""
    no_override = _bound_by_permissions(tmp_path)
    locked, folder = tmp_path / "locked.txt", tmp_path / "feed"
    locked.write_bytes(RT_TXT.read_bytes())
    (folder / "archive").mkdir(parents=True)
    (folder / "rewrite.txt").write_bytes(REWRITE_TXT.read_bytes())
    (folder / "archive" / "rt.txt").write_bytes(RT_TXT.read_bytes())
    locked.chmod(0)
    (folder / "archive").chmod(0)
    try:
        p = subprocess.run([*no_override, *NEWSTRACE, "ingest", str(locked), str(folder), "--db", str(tmp_path / "n.db"),
                            "--json"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
        alone = subprocess.run([*no_override, *NEWSTRACE, "extract", str(folder / "archive")], capture_output=True,
                               text=True, cwd=tmp_path, timeout=300)
    finally:
        locked.chmod(0o644)
        (folder / "archive").chmod(0o755)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["added"] == 1
    assert doc["skipped"] == [f"{locked}: cannot read (PermissionError: [Errno 13] Permission denied: '{locked}')",
                              f"{folder / 'archive'}: cannot read (PermissionError: [Errno 13] Permission denied: "
                              f"'{folder / 'archive'}')"]
    assert alone.returncode == 2
    assert alone.stderr.splitlines()[0] == (f"newstrace: skipped: {folder / 'archive'}: cannot read (PermissionError: "
                                            f"[Errno 13] Permission denied: '{folder / 'archive'}')")


def test_a_path_option_or_argument_the_user_cannot_read_says_so_in_one_line(tmp_path: Path) -> None:
    """A file or folder given to an option or an eval command that the user cannot read was Typer's
    usage error ("Invalid value for '--fnc': path 'feed' is not readable." under the usage lines),
    where a missing one is one line with the project's exit code. It is one line too now, naming the
    option and the path, in the words an unreadable input of ``ingest`` is skipped with (exit 2);
    an unreadable database is the store's error (exit 3), and ``--model`` naming a file says so in
    one line (it was Typer's "dir 'F' is a file")."""
    no_override = _bound_by_permissions(tmp_path)
    csv_file, folder, db = tmp_path / "fakes.csv", tmp_path / "fnc", tmp_path / "n.db"
    csv_file.write_text("unit_id,article_title,article_content\n1,t,x\n", encoding="utf-8")
    folder.mkdir()
    assert run("ingest", RT_TXT, "--db", db, cwd=tmp_path).returncode == 0
    for locked in (csv_file, folder, db):
        locked.chmod(0)
    commands = {
        "eval casualties-fakes": ["eval", "casualties-fakes", str(csv_file)],
        "eval stories-fakes --fnc": ["eval", "stories-fakes", str(csv_file), "--fnc", str(folder)],
        "stance --model": ["stance", "--claim", "A claim", str(RT_TXT), "--model", str(folder)],
        "eval stance-fnc --bodies": ["eval", "stance-fnc", "--bodies", str(csv_file), "--stances", str(csv_file)],
        "train stance": ["train", "stance", str(folder), "--out", str(tmp_path / "model")],
        "list --db": ["list", "--db", str(db)],
    }
    try:
        runs = {name: subprocess.run([*no_override, *NEWSTRACE, *args], capture_output=True, text=True, cwd=tmp_path,
                                     timeout=300) for name, args in commands.items()}
    finally:
        for locked in (csv_file, folder, db):
            locked.chmod(0o755)

    def denied(label: str, path: Path) -> str:
        return f"newstrace: error: {label}: cannot read (PermissionError: [Errno 13] Permission denied: '{path}')"

    assert assert_clean_failure(runs["eval casualties-fakes"], 2) == denied(str(csv_file), csv_file)
    assert assert_clean_failure(runs["eval stories-fakes --fnc"], 2) == denied(f"--fnc {folder}", folder)
    assert assert_clean_failure(runs["stance --model"], 2) == denied(f"--model {folder}", folder)
    assert assert_clean_failure(runs["eval stance-fnc --bodies"], 2) == denied(f"--bodies {csv_file}", csv_file)
    assert assert_clean_failure(runs["train stance"], 2) == denied(str(folder), folder)
    assert assert_clean_failure(runs["list --db"], 3) == f"newstrace: error: {db}: cannot read database (Permission denied)"
    assert assert_clean_failure(run("stance", "--claim", "A claim", RT_TXT, "--model", RT_TXT, cwd=tmp_path), 2) == (
        f"newstrace: error: --model {RT_TXT}: a file, not a folder (a stance model is the folder "
        "'newstrace train stance --out' writes)")


def test_no_path_parameter_leaves_its_read_check_to_typer() -> None:
    """Typer checks read permission of every path parameter unless told not to, in its own usage
    error; each one reads it through ``path_argument``/``path_option`` (or, for a file it writes and
    the database, leaves it to the writer and the store), so none says it in Typer's words."""
    paths = {f"{name} {param.name}": param.type_descriptor.parameter_info for name, command in cli_commands().items()
             for param in command.params if "Path" in str(param.type_descriptor.annotation)}
    assert "eval casualties-fakes path" in paths and "stance model" in paths and "list db" in paths
    assert [name for name, info in paths.items() if info.readable] == []


def test_a_stdout_in_another_encoding_than_utf8_gets_utf8_documents_and_escaped_tables(tmp_path: Path) -> None:
    """On a stdout that is not UTF-8 (a Latin-1 locale, PYTHONIOENCODING, a redirected stdout on
    Windows), the first curly quote of RT's title stopped 'list', 'show --json' and 'compare
    --html -' as an internal error (UnicodeEncodeError, exit 70). A document (JSON, the HTML
    report) is written in UTF-8 as README promises, its bytes as on any stdout; a table writes
    what the encoding cannot hold as its escape."""
    db = tmp_path / "n.db"
    assert run("ingest", EXAMPLES, "--db", db, cwd=tmp_path).returncode == 0
    latin = {"PYTHONIOENCODING": "latin-1"}
    listed = run("list", "--db", db, cwd=tmp_path, env=latin)
    assert (listed.returncode, listed.stderr) == (0, "")
    assert "UN Syria envoy \\u2018appalled\\u2019" in listed.stdout
    # the escapes are laid out as the characters they are: the table's borders line up (each
    # \u2018 took the one column of its character and pushed its row's borders five columns out)
    rows = [line for line in listed.stdout.splitlines() if line.startswith(("|", "+"))]
    assert len(rows) >= 6 and len({len(line) for line in rows}) == 1, listed.stdout
    # and so they fit the width: compare's articles table at 80 columns, written as records here
    # (the rule between them was 80 escaped box characters, 480 columns)
    compared = run("compare", EXAMPLES, cwd=tmp_path, env={**latin, "COLUMNS": "80"})
    assert compared.returncode == 0 and "\\u201cUnited Nations Finally" in compared.stdout
    assert max(len(line) for line in compared.stdout.splitlines()) <= 80, compared.stdout
    rt_id = next(r["id"] for r in json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout) if r["outlet"] == "rt.com")
    shown = subprocess.run([*NEWSTRACE, "show", rt_id, "--db", str(db), "--json"], capture_output=True, cwd=tmp_path,
                           env={**os.environ, **latin}, timeout=300)
    assert (shown.returncode, shown.stderr) == (0, b"")
    assert json.loads(shown.stdout.decode("utf-8"))["title"] == RT_TITLE
    report = subprocess.run([*NEWSTRACE, "compare", str(EXAMPLES), "--html", "-"], capture_output=True, cwd=tmp_path,
                            env={**os.environ, **latin}, timeout=300)
    assert report.returncode == 0, report.stderr
    assert RT_TITLE in report.stdout.decode("utf-8")


def test_show_of_a_prefix_of_several_ids_points_at_the_list(tmp_path: Path) -> None:
    """A prefix of several ids names them, with their titles, and says where to find them, as
    'story' and 'stories --thread' do: it said "matches more than one article" and no more."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"rt-{n}", "outlet": "rt.com", "title": f"Aleppo report {n}",
                                        "text": f"Report number {n} from Aleppo."}) + "\n"
                            for n in (1, 2)), encoding="utf-8")
    db = tmp_path / "n.db"
    assert run("ingest", feed, "--db", db, cwd=tmp_path).returncode == 0
    assert_clean_failure(run("show", "rt-", "--db", db, cwd=tmp_path), 3,
                         f"{db}: id prefix 'rt-' matches 2 articles: rt-1 \"Aleppo report 1\", "
                         f"rt-2 \"Aleppo report 2\" (see 'newstrace list --db {db}')")


def test_every_listing_refuses_a_negative_limit_in_the_same_words(tmp_path: Path) -> None:
    """'list' said "Invalid value for '--limit': Input should be greater than or equal to 0", the
    other listings "--limit -1: expected 0 (all) or more" without the usage lines and only once
    the database was opened (a missing one was named instead). One usage error for all, first."""
    for command in ("list", "stories", "threads", "outlets"):
        p = run(command, "--db", tmp_path / "absent.db", "--limit", "-1", cwd=tmp_path)
        assert (p.returncode, p.stdout) == (2, ""), (command, p.stderr)
        assert f"Usage: newstrace {command}" in p.stderr and "Error: --limit -1: expected 0 (all) or more" in p.stderr
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["compare", "a.txt", "--top", "-1"], "--top -1: expected 0 (all) or more"),
        (["story", "x", "--db", "absent.db", "--top", "-1"], "--top -1: expected 0 (all) or more"),
        (["ingest", "a.txt", "--db", "absent.db", "--batch-size", "0"], "--batch-size 0: expected 1 or more"),
        (["extract", "a.txt", "--batch-size", "0"], "--batch-size 0: expected 1 or more"),
        (["eval", "quotes-polnear", "polnear", "--limit", "-1"], "--limit -1: expected 0 (all) or more"),
        (["eval", "extract-speed", "a.txt", "--limit", "-1"], "--limit -1: expected 0 (all) or more"),
        (["eval", "stories-fakes", "fakes.csv", "--distractors", "-1"], "--distractors -1: expected 0 or more"),
        (["train", "stance", "fnc", "--out", "model", "--seed", "-1"], "--seed -1: expected 0 to 4294967295"),
        (["analyze", "--db", "absent.db", "--batch", "0", "--workers", "0"],
         "--batch 0: expected 1 or more; --workers 0: expected 1 or more"),
        (["serve", "--db", "absent.db", "--port", "0", "--workers", "17"], "--port 0: expected 1 to 65535; --workers 17: expected 1 to 16"),
        # --batch-size and --batch are one option on every command that works in batches
        (["analyze", "--db", "absent.db", "--batch-size", "0"], "--batch-size 0: expected 1 or more"),
        (["ingest", "a.txt", "--db", "absent.db", "--batch", "0"], "--batch 0: expected 1 or more"),
        (["extract", "a.txt", "--batch", "0"], "--batch 0: expected 1 or more"),
        # a value that is no number names the option and the value too, with the range
        (["list", "--db", "absent.db", "--limit", "x"], "--limit x: expected a whole number, 0 (all) or more"),
        (["analyze", "--db", "absent.db", "--batch", "1.5"], "--batch 1.5: expected a whole number, 1 or more"),
        (["reuse", "a.txt", "a.txt", "--min-score", "high"], "--min-score high: expected a number, 0 to 1"),
        (["compare", "a.txt", "--top", ""], "--top '': expected a whole number, 0 (all) or more"),
    ],
)
def test_every_number_out_of_range_is_said_in_the_same_words(tmp_path: Path, args: list[str], said: str) -> None:
    """``--top``, ``--batch-size``, ``--batch``, ``--workers`` and ``--port`` said "Invalid value for
    '--top': Input should be greater than or equal to 0" (Typer's ``min=``), where ``reuse`` and
    ``--limit`` said "--gap -1: expected 0 or more"; ``eval quotes-polnear``/``extract-speed
    --limit -1`` ran on all articles but the last (one article of two), ``--distractors -1`` was
    "only with --fnc", and ``train stance --seed -1`` an internal error once the data was read.
    Each is one usage error in ``out_of_range``'s words, before any input is read."""
    (tmp_path / "a.txt").write_text("Title\n\nBody text of an article. " * 5, encoding="utf-8")
    # in-process, ``run`` stays in the checkout: the files the command names are tmp_path's
    names = {"a.txt", "absent.db", "polnear", "fakes.csv", "fnc", "model"}
    p = run(*[tmp_path / a if a in names else a for a in args], cwd=tmp_path)
    assert (p.returncode, p.stdout) == (2, ""), p.stderr
    assert [line for line in p.stderr.splitlines() if line.startswith("Error:")] == [f"Error: {said}"], p.stderr
    assert "Usage: newstrace " in p.stderr
    assert not (tmp_path / "absent.db").exists() and not (tmp_path / "model").exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["list", "--limit", "--db", "x.db"], "--limit needs a number, got the option --db"),
        (["ingest", str(EXAMPLES), "--db", "--json"],
         "--db needs a value (DB), got the option --json (to give that word as its value, write --db=--json)"),
        (["list", "--db", "--limit", "3"], "--db needs a value (DB), got the option --limit"),
        (["compare", str(EXAMPLES), "--json", "--html", "r.html"], "--json needs a value (FILE), got the option --html"),
        (["stance", "--claim", "--json", str(EXAMPLES)], "--claim needs a value (TEXT), got the option --json"),
        (["eval", "extract-speed", str(EXAMPLES), "--limit", "--json"], "--limit needs a number, got the option --json"),
        (["ingest", str(EXAMPLES), "--db", "--help"], "--db needs a value (DB), got the option --help"),
        (["ingest", str(EXAMPLES), "--db", "--batch-size=3"], "--db needs a value (DB), got the option --batch-size"),
        # nothing after it: click said "Option '--limit' requires an argument.", without the usage lines
        (["list", "--db", "x.db", "--limit"], "--limit needs a number, got nothing after it"),
        (["ingest", str(EXAMPLES), "--db"], "--db needs a value (DB), got nothing after it"),
    ],
)
def test_an_option_given_another_option_in_place_of_its_value_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], said: str
) -> None:
    """click takes the word after an option that takes a value as its value, whatever it is: ``ingest
    examples --db --json`` stored the seeds in a database file named ``--json`` (and printed its
    table), ``list --db --limit 3`` refused a stray ``3`` after opening a database ``--limit``, and
    ``list --limit --db x.db`` said ``--db`` was no number. Each is one usage error naming both
    options, before anything is read or written."""
    monkeypatch.chdir(tmp_path)
    p = run(*args, cwd=tmp_path)
    assert (p.returncode, p.stdout) == (2, ""), p.stderr
    errors = [line for line in p.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and errors[0].startswith(f"Error: {said}"), p.stderr
    assert "Usage: newstrace " in p.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_value_that_only_looks_like_an_option_is_still_a_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``_option_names_are_no_values`` refuses is an option of the command, not any word with
    a dash: a negative number is refused by its range as before, and a value written into the
    option's own word (``--db=--json``) is the user's."""
    monkeypatch.chdir(tmp_path)
    p = run("compare", EXAMPLES, "--top", "-1", cwd=tmp_path)
    assert p.returncode == 2 and "Error: --top -1: expected 0 (all) or more" in p.stderr
    p = run("ingest", EXAMPLES, "--db=--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert Store(tmp_path / "--json", readonly=True).count_articles() == 2


def test_batch_size_is_one_option_under_either_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``analyze`` said ``--batch`` where ``ingest`` and ``extract`` said ``--batch-size``, and each
    refused the other's spelling (``No such option: --batch``). Each takes both; ``--help`` names
    ``--batch-size`` alone; two values under the two spellings are refused, naming both."""
    db = tmp_path / "news.db"
    for spelling in ("--batch", "--batch-size"):
        p = run("ingest", EXAMPLES, "--db", db, spelling, "1", "-v", cwd=tmp_path)
        assert p.returncode == 0, p.stderr
        # one article a commit: the two seeds are two batches under either spelling
        assert [line for line in p.stderr.splitlines() if line.startswith("committed")] == ["committed 1", "committed 2"]
        db.unlink()
    p = run("ingest", EXAMPLES, "--db", db, "--batch-size", "2", "--batch", "1", cwd=tmp_path)
    assert p.returncode == 2 and not db.exists()
    assert "Error: --batch-size 2 and --batch 1: --batch is another spelling of --batch-size; give one" in p.stderr
    monkeypatch.setenv("COLUMNS", "300")  # one line per option row
    for command in ("ingest", "extract", "analyze"):
        shown = run(command, "--help", cwd=tmp_path).stdout
        assert "--batch-size" in shown and "--batch " not in shown, command


def test_help_states_every_range_in_the_words_a_value_outside_it_is_refused_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--help stopped showing the ranges of numeric options when they stopped declaring Typer's
    ``min=``/``max=`` (``[x>=0]``), so ``--top``, ``--limit``, ``--batch`` or ``--workers`` said nothing
    of what they take: every option that takes a number states its range in its help, in the very
    words ``check_ranges`` refuses a value outside it with."""
    import inspect
    import typing

    from newstrace.cli.app import declared_bounds

    unstated = []
    for name, command in cli_commands().items():
        hints = typing.get_type_hints(inspect.unwrap(command.callback))
        for param in command.params:
            if {int, float} & {hints[str(param.name)], *typing.get_args(hints[str(param.name)])}:
                found = re.search(r"\\\[range: ([^\]]+)\]$", param.help or "")
                if not found:
                    unstated.append(f"{name} {param.opts[0]}")
                    continue
                # check_ranges checks it against the bounds the help was written from
                bounds = declared_bounds(command).get(str(param.name))
                assert bounds is not None and bounds.expected == found.group(1), (name, param.opts[0])
    assert unstated == []
    monkeypatch.setenv("COLUMNS", "300")  # one line per option row
    for args, row in (
        (["compare"], "Findings printed in the terminal. [range: 0 (all) or more] [default: 25]"),
        (["list"], "Show at most this many (default: all with --json, 50 in the table). [range: 0 (all) or more]"),
        (["analyze"], "(default: the cores). [range: 1 or more]"),
        (["serve"], "TCP port. [range: 1 to 65535] [default: 8000]"),
        (["reuse"], "Weakest passage kept (share of matched words). [range: 0 to 1] [default: 0.5]"),
    ):
        p = run(*args, "--help", cwd=tmp_path)
        assert p.returncode == 0 and row in p.stdout, (args, p.stdout)


def test_root_help_lists_the_commands_in_the_order_a_user_meets_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'newstrace --help' listed the commands in the order their modules were imported: stance and
    serve before reuse, compare before analyze, the listings after load-results. They come in the
    order of the job, under a panel each: the database's commands, those that read files
    directly, then the rest."""
    monkeypatch.setenv("COLUMNS", "200")
    p = run("--help", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    panels: list[tuple[str, list[str]]] = []
    for line in p.stdout.splitlines():
        if title := re.match(r"╭─ (.+?) ─", line):
            panels.append((title.group(1), []))
        elif row := re.match(r"│ ([a-z][a-z-]+) ", line):
            panels[-1][1].append(row.group(1))
    assert panels == [
        ("Options", []),
        ("Build and browse a database", ["ingest", "list", "show", "analyze", "stories", "threads", "story", "outlets"]),
        ("Analyse files directly (nothing is stored)", ["compare", "reuse", "extract", "stance"]),
        ("Web app, Spark results, models and benchmarks", ["serve", "load-results", "train", "eval"]),
    ]
    # every command is in one of them: a new one not placed would still be listed, last
    assert sorted(name for _, names in panels for name in names) == sorted(
        {path.split()[0] for path in cli_commands()}
    )


def test_no_option_leaves_its_range_to_typer() -> None:
    """An option declared with ``min=``/``max=`` is checked by Typer, in its words ("Input should be
    greater than or equal to 0"), not ``out_of_range``'s: every command checks its numbers itself."""
    ranged = [
        f"{name} {param.opts[0]}"
        for name, command in cli_commands().items()
        for param in command.params
        if getattr(param, "min", None) is not None or getattr(param, "max", None) is not None
    ]
    assert ranged == []


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """What a pipe gives the command as its standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_is_read_as_one_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'-' was refused ("standard input is not read: save the articles to a file"), so a user
    piping a text (``pbpaste | newstrace extract -``, ``curl URL | newstrace compare - b.txt``) had
    to save it first. It is one article now, read as a .txt file is (or as a .html file, when it
    opens as a page), where it stands among the inputs, and named ``<stdin>``."""
    from_file = run("extract", REWRITE_TXT, "--json", cwd=tmp_path)
    _stdin(monkeypatch, REWRITE_TXT.read_bytes())
    piped = run("extract", "-", "--json", cwd=tmp_path)
    assert (piped.returncode, piped.stderr) == (0, "")
    assert piped.stdout == from_file.stdout  # the same article, id and offsets
    _stdin(monkeypatch, RT_TXT.read_bytes())
    compared = run("compare", REWRITE_TXT, "-", "--json", "-", cwd=tmp_path)
    assert compared.returncode == 0, compared.stderr
    doc = json.loads(compared.stdout)
    assert {a["title"] for a in doc["articles"]} == {RT_TITLE, REWRITE_TITLE} and doc["skipped"] == []
    assert any("[attacks,]" in f["summary"] for f in doc["findings"])
    _stdin(monkeypatch, html_page(seeds()[0]).encode("utf-8"))
    db = tmp_path / "t.db"
    stored = run("ingest", "-", "--db", db, "--json", cwd=tmp_path)
    assert json.loads(stored.stdout)["added"] == 1, stored.stderr
    (article,) = json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout)
    assert (article["title"], article["source"]) == (RT_TITLE, "<stdin>")  # the page's own title, not its markup


def test_extract_json_is_the_list_its_help_and_the_readme_say(tmp_path: Path) -> None:
    """``extract --json`` prints a list where ``compare --json`` prints an object: kept, since
    scripts index it, and said where a user looks (``--help`` said nothing of its shape)."""
    p = run("extract", EXAMPLES, "--json", cwd=tmp_path)
    docs = json.loads(p.stdout)
    assert isinstance(docs, list) and [d["outlet"] for d in docs] == [None, "rt.com"]  # the folder's files in order
    assert all(any("[attacks,]" in q["text"] for q in d["quotes"]) for d in docs)
    # each object identifies its article as every other JSON output does, its url included (it had none)
    assert [d["url"] for d in docs] == [None, "https://www.rt.com/news/364760-un-envoy-shelling-aleppo/"]
    said = " ".join(run("extract", "--help", cwd=tmp_path).stdout.replace("│", " ").split())
    assert "With --json: a list of one object per article, in input order" in said
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")  # README's row links to its section
    extract = reference.split("\n### extract\n", 1)[1].split("\n### ", 1)[0]
    assert "so it stays one" in " ".join(extract.split())


def test_stdin_of_json_records_is_read_as_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``jq -c '.[]' export.json | newstrace ingest -`` gives JSON Lines: read as one article, its
    records would be one article of JSON text. Standard input that opens as records (an object
    with its first key, an array with its first object) is read by the JSON readers, each record
    an article, a broken line named by its place in ``<stdin>``; a text that opens with a bracket
    ('[UPDATE] ...') stays one article."""
    lines = [json.dumps({"id": "r1", "outlet": "rt.com", "title": RT_TITLE, "text": RT_TXT.read_text(encoding="utf-8")}),
             "not json",
             json.dumps({"id": "w1", "outlet": "thefreethoughtproject.com", "text": REWRITE_TXT.read_text(encoding="utf-8")})]
    _stdin(monkeypatch, ("\n".join(lines) + "\n").encode("utf-8"))
    p = run("extract", "-", "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert [(d["id"], d["outlet"]) for d in json.loads(p.stdout)] == [("r1", "rt.com"), ("w1", "thefreethoughtproject.com")]
    assert "warning: <stdin>:2: invalid JSON (Expecting value at column 1), skipped" in p.stderr.splitlines()
    _stdin(monkeypatch, ("[" + lines[0] + ", " + lines[2] + "]").encode("utf-8"))
    assert len(json.loads(run("reuse", "-", "--json", cwd=tmp_path).stdout)["articles"]) == 2
    _stdin(monkeypatch, b"[UPDATE] Rockets hit west Aleppo\n\nThe envoy said the attacks must stop.\n")
    (doc,) = json.loads(run("extract", "-", "--json", cwd=tmp_path).stdout)
    assert doc["title"] == "[UPDATE] Rockets hit west Aleppo"


def test_a_record_is_named_alike_in_every_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON Lines on standard input named its broken line '<stdin>:2' and its repeats '<stdin>:
    record 3' (the file's copy is no file the namer could open), and ``show`` named a record 'F #N'
    where every message says 'F:N'. One helper (``records.record_name``) names them all."""
    rt = {"id": "r1", "outlet": "rt.com", "title": RT_TITLE, "text": RT_TXT.read_text(encoding="utf-8")}
    lines = [json.dumps(rt), "not json", json.dumps({**rt, "title": "again"}), json.dumps(rt)]
    _stdin(monkeypatch, ("\n".join(lines) + "\n").encode("utf-8"))
    db = tmp_path / "s.db"
    p = run("ingest", "-", "--db", db, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stderr.splitlines()[:2] == [
        "warning: <stdin>:2: invalid JSON (Expecting value at column 1), skipped",
        "warning: <stdin>: 2 records repeat an id already read in this run, each skipped (its first record is "
        "kept): id r1 (lines 3, 4)",
    ]
    export = tmp_path / "rt.jsonl"
    export.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    p = run("ingest", export, "--db", tmp_path / "f.db", cwd=tmp_path)
    assert f"warning: {export}:3: id r1 was already read in this run; its first record is kept" in p.stderr.splitlines()
    shown = run("show", "r1", "--db", tmp_path / "f.db", cwd=tmp_path).stdout
    assert f"source  {export}:1" in shown and "#1" not in shown


def test_show_names_standard_input_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``show`` of an article piped to ``ingest -`` said 'source  <stdin>: record N' in a later
    run: a name from the messages of the run that read it, for a stream no later run can open, and
    'record 3' for what was line 3 (JSON Lines on standard input is named by line, which only the
    run that read it knows). It says standard input in words, and what the number may be."""
    import csv as csv_module

    with require_data("fakes", "fakes_dev.csv").open(encoding="utf-8", newline="") as fh:
        rows = [next(r for r in csv_module.DictReader(fh) if r["article_title"].startswith("Suicide bombing kills at least 16"))]
    record = {"id": "fk1", "outlet": rows[0]["source"], "title": rows[0]["article_title"], "text": rows[0]["article_content"]}
    _stdin(monkeypatch, ("\n\n" + json.dumps(record) + "\n").encode("utf-8"))  # a blank line first: line 3, record 1
    db = tmp_path / "s.db"
    assert run("ingest", "-", "--db", db, cwd=tmp_path).returncode == 0
    later = run("show", "fk1", "--db", db, cwd=tmp_path, proc=True)  # another process, as a user runs it
    assert later.returncode == 0, later.stderr
    assert "source  standard input (piped to 'newstrace ingest -', not kept), record 3 (its line, if it was JSON Lines)" in later.stdout
    assert "<stdin>" not in later.stdout
    # the run that read it knows it read lines
    same = run("show", "fk1", "--db", db, cwd=tmp_path)
    assert "source  standard input (piped to 'newstrace ingest -', not kept), line 3\n" in same.stdout
    # one article piped as text: no number
    _stdin(monkeypatch, rows[0]["article_content"].encode("utf-8"))
    assert run("ingest", "-", "--db", tmp_path / "t.db", cwd=tmp_path).returncode == 0
    (article,) = json.loads(run("list", "--db", tmp_path / "t.db", "--json", cwd=tmp_path).stdout)
    assert article["source"] == "<stdin>"  # the stored name, as the JSON lists it
    shown = run("show", article["id"], "--db", tmp_path / "t.db", cwd=tmp_path).stdout
    assert "source  standard input (piped to 'newstrace ingest -', not kept)\n" in shown


@pytest.mark.parametrize("command", ["ingest", "compare", "reuse", "extract", "stance"])
def test_input_help_says_what_standard_input_is_read_as(tmp_path: Path, command: str) -> None:
    """INPUT's help said "'-' reads standard input as one article (text, or a page's HTML)", while
    '-' reads JSON records as records and a web archive as one, gzipped or not (the tests above):
    a user reading it would not pipe ``jq -c`` output into ``ingest -``."""
    p = run(command, "--help", cwd=tmp_path, env={"COLUMNS": "1000"})
    said = " ".join(p.stdout.split())
    assert "'-' reads standard input as the file it would be: JSON records (one article each) or a web archive, " \
           "gzipped or not, as such files are, else one article (text, gzipped or not, or a page's HTML)" in said, said


def test_stdin_empty_binary_or_given_twice_is_said_as_a_file_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input gets a file's checks, in its words, named ``<stdin>``; a second '-' has
    nothing left to read and is skipped (the first is read)."""
    _stdin(monkeypatch, b"")
    p = run("extract", "-", cwd=tmp_path)
    assert (p.returncode, p.stdout) == (2, "")
    # the closing line names it as the line above does, not '-'
    assert p.stderr.splitlines() == ["newstrace: skipped: <stdin>: empty file", "newstrace: error: <stdin>: no articles could be read"]
    _stdin(monkeypatch, b"[]")  # records, none of them: nothing skipped, nothing stored
    p = run("ingest", "-", "--db", str(tmp_path / "n.db"), cwd=tmp_path)
    assert (p.returncode, p.stderr.splitlines()) == (2, ["newstrace: error: no articles found in <stdin>"])
    _stdin(monkeypatch, bytes(range(256)) * 8)
    p = run("extract", "-", "--json", cwd=tmp_path)
    assert p.returncode == 2 and "<stdin>: binary file, not text" in p.stderr
    _stdin(monkeypatch, RT_TXT.read_bytes())
    p = run("reuse", "-", "-", "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert len(doc["articles"]) == 1
    assert doc["skipped"] == ["<stdin>: '-' given again; standard input is read once"]
    over = subprocess.run([*NEWSTRACE, "extract", "-"], input=RT_TXT.read_bytes(), capture_output=True, cwd=tmp_path,
                          env={**os.environ, "NEWSTRACE_MAX_FILE_BYTES": "100"}, timeout=300)
    assert over.returncode == 4 and "<stdin>: file of 4.6 kB is larger than the 100 bytes limit" in over.stderr.decode(), over.stderr


def test_stdin_gzip_is_read_as_the_gz_file_it_would_be(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``gzip -c a.jsonl | newstrace ingest -`` was 'binary file, not text', though a.jsonl.gz
    is read by its name: gzipped records, text and web archives (and a plain archive, read as one
    article of its headers before) are read as those files are; gzipped HTML, which no file of
    the name is read as either, is said to need decompressing."""
    import gzip

    record = {"id": "r1", "outlet": "rt.com", "title": RT_TITLE, "text": RT_TXT.read_text(encoding="utf-8")}
    _stdin(monkeypatch, gzip.compress((json.dumps(record) + "\n").encode("utf-8")))
    db = str(tmp_path / "n.db")
    p = run("ingest", "-", "--db", db, "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["added"] == 1
    _stdin(monkeypatch, gzip.compress(json.dumps([record]).encode("utf-8")))
    assert [d["id"] for d in json.loads(run("extract", "-", "--json", cwd=tmp_path).stdout)] == ["r1"]
    rt = seeds()[0]
    for archive in (gzip.compress(warc_bytes([(rt.url, "text/html", html_page(rt).encode())], gzip_records=False)),
                    warc_bytes([(rt.url, "text/html", html_page(rt).encode())], gzip_records=False)):
        _stdin(monkeypatch, archive)
        p = run("extract", "-", "--json", cwd=tmp_path)
        assert p.returncode == 0, p.stderr
        assert [(d["title"], d["outlet"]) for d in json.loads(p.stdout)] == [(RT_TITLE, rt.outlet)]
    # gzipped text is read as a .txt.gz file is (it was refused as "gzip-compressed text is not read")
    _stdin(monkeypatch, gzip.compress(RT_TXT.read_bytes()))
    p = run("extract", "-", "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert [d["title"] for d in json.loads(p.stdout)] == [RT_TITLE]
    _stdin(monkeypatch, gzip.compress(html_page(rt).encode()))
    p = run("extract", "-", cwd=tmp_path)
    assert p.returncode == 2
    assert p.stderr.splitlines()[0] == (
        "newstrace: skipped: <stdin>: gzip-compressed HTML is not read: decompress it first (gunzip -c FILE | newstrace ...)"
    )


@pytest.mark.parametrize("command", ["ingest", "extract", "compare", "reuse"])
def test_a_sidecar_given_alone_says_to_give_its_article(tmp_path: Path, command: str) -> None:
    """A NAME.meta.json given alone was passed over without a word, and the run said only "no
    articles could be read": it says what it is and what to give (exit 2); a sidecar given with its
    article (a shell's '*') is read with it, as before."""
    side = tmp_path / "a.meta.json"
    side.write_text('{"outlet": "rt.com"}', encoding="utf-8")
    extra = ["--db", tmp_path / "t.db"] if command == "ingest" else []
    p = run(command, side, *extra, cwd=tmp_path)
    assert (p.returncode, p.stdout) == (2, ""), p.stderr
    assert f"{side}: metadata for the article file of the same name (NAME.txt, NAME.html or NAME.mhtml), not an " \
           "article, and no such file is beside it" in p.stderr
    (tmp_path / "a.txt").write_text("A title\n\n" + "Body text of an article about a strike. " * 5, encoding="utf-8")
    p = run(command, side, *extra, cwd=tmp_path)  # the file is there now: it is named, to be given
    assert (p.returncode, p.stdout) == (2, ""), p.stderr
    assert f"{side}: metadata for {tmp_path / 'a.txt'}, not an article: give that file, which reads it" in p.stderr
    p = run("extract", "--json", tmp_path / "a.txt", side, cwd=tmp_path)
    assert p.returncode == 0 and p.stderr == "", p.stderr
    assert [d["outlet"] for d in json.loads(p.stdout)] == ["rt.com"]
    assert not (tmp_path / "t.db").exists()


def test_a_sidecar_given_with_the_folder_of_its_article_is_read_with_it(tmp_path: Path) -> None:
    """'ingest dir/ dir/a.meta.json' named the sidecar as skipped, "give that file, which reads it",
    though dir/ gave that file and its metadata was read with it (and --strict exited 2 for it): it
    is read with its article, once, as when '*' gives both, and nothing is said of it."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for f in EXAMPLES.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    side = folder / "001_b27ff7eeccda9d61.meta.json"
    db = tmp_path / "s.db"
    p = run("ingest", folder, side, "--db", db, "--strict", "--json", cwd=tmp_path)
    assert p.returncode == 0 and p.stderr == "", p.stderr
    doc = json.loads(p.stdout)
    assert (doc["added"], doc["skipped"], doc["warnings"]) == (2, [], [])
    listed = json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout)
    assert sorted((r["outlet"] or "", r["source"]) for r in listed) == [
        ("", str(folder / "000_6fb2124cbc58fd30.txt")), ("rt.com", str(folder / "001_b27ff7eeccda9d61.txt"))]
    # a file the folder's walk passes over (a hidden one) is not read with it: the sidecar is named
    hidden = folder / ".draft.meta.json"
    hidden.write_text("{}", encoding="utf-8")
    (folder / ".draft.txt").write_text("Draft\n\nA draft never read.", encoding="utf-8")
    p = run("reuse", folder, hidden, "--json", cwd=tmp_path)
    assert json.loads(p.stdout)["skipped"] == [
        f"{hidden}: metadata for {folder / '.draft.txt'}, not an article: give that file, which reads it"]


def test_extract_shows_articles_done_on_a_terminal_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``extract`` of FA-KES dev (517 articles) ran 15 s with nothing on the terminal: a bar on
    stderr counts the articles there, as ingest's does; a pipe or file and --json get nothing more."""
    piped = run("extract", EXAMPLES, cwd=tmp_path)
    assert piped.returncode == 0 and "extracting claims" not in piped.stderr
    stderr_on_a_terminal(monkeypatch)
    shown = run("extract", EXAMPLES, cwd=tmp_path)
    assert shown.returncode == 0 and "extracting claims" in shown.stderr and "2/2" in shown.stderr
    assert shown.stdout == piped.stdout
    as_json = run("extract", "--json", EXAMPLES, cwd=tmp_path)  # --json says nothing but its document, as ingest
    assert as_json.returncode == 0 and "extracting claims" not in as_json.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["eval", "casualties-fakes", "data"],
        ["eval", "stories-fakes", "data"],
        ["eval", "similarity-semeval", "data"],
        ["eval", "stance-fnc", "--bodies", "data", "--stances", "data"],
    ],
)
def test_a_benchmark_csv_given_as_a_folder_says_so(tmp_path: Path, args: list[str]) -> None:
    """The dataset's folder where its CSV was wanted said "data: no such file" of a folder that is
    there (``stories-fakes``: "folder holds no supported files" with the list of ingest's formats)."""
    data = tmp_path / "data"
    data.mkdir()
    p = run(*[data if a == "data" else a for a in args], cwd=tmp_path)
    assert_clean_failure(p, 2, f"{data}: a folder, not a CSV file: give the CSV inside it")


def test_extract_speed_names_its_input_by_the_path_given(tmp_path: Path) -> None:
    """``eval extract-speed --json`` gave ``data`` as the file's name alone ("001_b27ff7eeccda9d61.txt"),
    where ``eval similarity-semeval``, ``reuse-clough`` and ``reuse-plagdet`` give the path as given, so
    two runs on files of one name in two folders could not be told apart."""
    seed = EXAMPLES / "001_b27ff7eeccda9d61.txt"
    p = run("eval", "extract-speed", seed, "--limit", "1", "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert r["data"] == str(seed) and r["articles"] == 1


@pytest.mark.data
def test_every_eval_names_its_inputs_by_the_path_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``eval casualties-fakes --json`` gave ``data`` as the file's name alone ("fakes_dev.csv"),
    ``quotes-polnear`` the folder's ("train", which every PolNeAR split is called beside dev),
    ``stance-fnc`` its ``bodies``/``stances`` files' names, and ``stories-fakes`` named no input at
    all, where ``similarity-semeval``, ``reuse-clough`` and ``reuse-plagdet`` give the path as given:
    a document did not say which data it was measured on. Dev and training data only: FA-KES with
    ``--split dev``, PolNeAR's train split, FNC-1's training files (a few rows of each)."""
    from newstrace.evaluate.casualties_fakes import is_dev

    monkeypatch.chdir(ROOT)  # relative paths, kept as given
    fakes, polnear = "../shared/data/fakes/fakes_dev.csv", "../shared/data/polnear/train"
    require_data("fakes", "fakes_dev.csv"), require_data("polnear", "train")
    fnc = require_data("fnc1")

    def doc(*args: str) -> Any:
        assert main(["eval", *args, "--json"]) == 0, args
        return json.loads(capsys.readouterr().out)

    csv.field_size_limit(1 << 30)
    with open(fakes, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    few = tmp_path / "few_dev.csv"  # three dev rows: a run over all of dev's extracts some 500 articles
    with few.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *[r for r in rows if is_dev(r[header.index("unit_id")])][:3]])
    assert doc("casualties-fakes", str(few), "--split", "dev")["data"] == str(few)
    assert doc("quotes-polnear", polnear, "--limit", "1")["data"] == polnear

    bodies, stances = tmp_path / "bodies.csv", tmp_path / "stances.csv"
    with (fnc / "train_bodies.csv").open(encoding="utf-8", newline="") as fh:
        body_rows = list(csv.reader(fh))[:3]  # the header and two bodies
    with (fnc / "train_stances.csv").open(encoding="utf-8", newline="") as fh:
        stance_rows = list(csv.reader(fh))
    ids = {r[0] for r in body_rows[1:]}
    with bodies.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(body_rows)
    with stances.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([stance_rows[0], *[r for r in stance_rows[1:] if r[1] in ids]])
    r = doc("stance-fnc", "--bodies", str(bodies), "--stances", str(stances))
    assert (r["bodies"], r["stances"]) == (str(bodies), str(stances))

    r = doc("stories-fakes", fakes, "--fnc", "../shared/data/fnc1", "--distractors", "5", "--split", "dev", "--no-reuse")
    assert (r["data"], r["fnc"]) == (fakes, "../shared/data/fnc1")


def test_version_and_usage_errors_have_no_traceback(tmp_path: Path) -> None:
    v = run("--version", cwd=tmp_path, proc=True)
    assert v.returncode == 0 and v.stdout.startswith("newstrace ")
    for args in (("ingest",), ("ingest", "--bogus", "x"), ("show",)):
        p = run(*args, cwd=tmp_path)
        assert p.returncode == 2, (args, p.stderr)
        assert "Traceback" not in p.stderr and "internal error" not in p.stderr
        assert "Error:" in p.stderr


@pytest.mark.parametrize("flags", [("--day-first", "--month-first"), ("--month-first", "--day-first")])
@pytest.mark.parametrize("command", ["ingest", "analyze --engine spark"])
def test_day_first_with_month_first_is_a_usage_error_before_any_work(
    tmp_path: Path, command: str, flags: tuple[str, str]
) -> None:
    """As one click flag pair the last of ``--day-first``/``--month-first`` won without a word;
    both is a contradiction, refused as a usage error (exit 2) before an input is read or an
    output made, in the same words by both commands that take them."""
    db, out = tmp_path / "t.db", tmp_path / "out"
    corpus = tmp_path / "dates.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Body text " * 20, "published": "4/7/2017"}) + "\n", encoding="utf-8")
    args = ["ingest", corpus, "--db", db] if command == "ingest" else ["analyze", "--engine", "spark", "--input", corpus, "--out", out]
    p = run(*args, *flags, cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert "Traceback" not in p.stderr and p.stdout == ""
    errors = [line for line in p.stderr.splitlines() if line.startswith("Error:")]
    assert errors == ["Error: --day-first and --month-first contradict each other: give one of them"], p.stderr
    assert f"Usage: newstrace {command.split()[0]} " in p.stderr
    assert not db.exists() and not out.exists()


@pytest.mark.parametrize(
    ("command", "args", "said"),
    [
        ("eval stories-fakes", ["fakes.csv", "--split", "X"], "--split X: expected unseen, test, heldout, dev or all"),
        ("eval stories-fakes", ["fakes.csv", "--calibrate", "--split", "all"], "--split all: expected test, heldout or dev"),
        ("eval casualties-fakes", ["fakes.csv", "--split", "X"], "--split X: expected unseen, heldout, test, dev or all"),
        ("eval similarity-semeval", ["pairs.csv", "--split", "dev"], "--split dev: expected unseen, test, heldout or all"),
        ("analyze", ["--engine", "X"], "--engine X: expected local or spark"),
        # an empty value said "--split : expected ...", and one with a space read as two words
        ("eval stories-fakes", ["fakes.csv", "--split", ""], "--split '': expected unseen, test, heldout, dev or all"),
        ("eval casualties-fakes", ["fakes.csv", "--split", "dev all"], "--split 'dev all': expected unseen, heldout, test, dev or all"),
        ("analyze", ["--engine", ""], "--engine '': expected local or spark"),
    ],
)
def test_an_option_of_a_few_words_names_the_value_and_the_choices_as_a_usage_error(
    tmp_path: Path, command: str, args: list[str], said: str
) -> None:
    """A word none of an option's choices was said three ways: "--split X: expected dev or test"
    and "--engine X: expected local or spark" as input errors, without the usage lines, and
    "--split: expected heldout, dev or all, got 'X'". Each is a usage error (exit 2) in the words of
    an option out of range ("--gap -1: expected 0 or more"), before any input is read."""
    p = run(*command.split(), *args, cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert [line for line in p.stderr.splitlines() if line.startswith("Error:")] == [f"Error: {said}"], p.stderr
    assert usage_of(p.stderr).startswith(f"Usage: newstrace {command} [OPTIONS]")
    assert not (tmp_path / "newstrace.db").exists()


def command_paths() -> list[list[str]]:
    """Every command and group of the CLI as its words (``[]`` the root, ``["eval", "stance-fnc"]``)."""
    import typer

    from newstrace.cli.app import app

    def commands(group: object, path: list[str]) -> list[list[str]]:
        found = [path]
        for name, sub in getattr(group, "commands", {}).items():
            found += commands(sub, [*path, name])
        return found

    paths = commands(typer.main.get_command(app), [])
    assert ["eval", "extract-speed"] in paths and len(paths) > 20
    return paths


def usage_of(text: str) -> str:
    """The usage lines of a help or a usage error: from ``Usage:`` to the blank line after it, or
    to the error's ``Try '... --help'``."""
    lines = [line.strip(" │") for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Usage:"))
    end = next((i for i in range(start, len(lines)) if not lines[i] or lines[i].startswith("Try ")), len(lines))
    return " ".join(lines[start:end])


def test_every_usage_line_names_its_arguments_as_click_does(tmp_path: Path) -> None:
    """Typer 0.29 wrote a required argument in braces (``ingest [OPTIONS] {inputs}...``, ``show
    [OPTIONS] {ID}``, ``{INPUT...}...`` once given a metavar), a placeholder left unfilled to the
    eye, in every --help and above every usage error; as in click, the metavar reads as the command
    line is typed (``INPUT...``, ``ID``, and ``[DIR]`` for an argument that may be left out)."""
    usages = {}
    for path in command_paths():
        p = run(*path, "--help", cwd=tmp_path)
        assert p.returncode == 0, (path, p.stderr)
        usages[" ".join(path)] = usage = usage_of(p.stdout)
        assert "{" not in usage and "}" not in usage, (path, usage)
    assert usages["ingest"] == "Usage: newstrace ingest [OPTIONS] INPUT..."
    assert usages["show"] == "Usage: newstrace show [OPTIONS] ID"
    assert usages["eval reuse-clough"] == "Usage: newstrace eval reuse-clough [OPTIONS] [DIR]"
    assert usages["train stance"] == "Usage: newstrace train stance [OPTIONS] FNC_DIR"
    missing = run("compare", cwd=tmp_path)  # a usage error repeats the usage line
    assert missing.returncode == 2 and usage_of(missing.stderr) == "Usage: newstrace compare [OPTIONS] INPUT..."


def cli_commands() -> dict[str, Any]:
    """Every command of the CLI, groups left out, by its words (``"eval stance-fnc"``): the click
    commands Typer builds from the app."""
    import typer

    from newstrace.cli.app import app

    def commands(group: Any, path: list[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, sub in group.commands.items():
            found.update(commands(sub, [*path, name]) if hasattr(sub, "commands") else {" ".join([*path, name]): sub})
        return found

    found = commands(typer.main.get_command(app), [])
    assert "eval extract-speed" in found and "ingest" in found and len(found) > 20
    return found


def argument_rows(text: str, panel: str = "Arguments") -> list[list[str]]:
    """The rows of a help's Arguments panel (or another ``panel``: ``Options``), each as the words
    of its first line: the name the row gives its argument (or option, then its short forms), then
    what follows it (a type or metavar, the help)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if f"─ {panel} " in line), None)
    if start is None:
        return []
    end = next(i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("╰"))
    body = [line.strip().strip("│") for line in lines[start + 1 : end]]
    column = len(body[0]) - len(body[0].lstrip(" *"))  # where names start: after the required mark
    return [line[column:].split() for line in body if line[column:column + 1].strip() and not line[column - 1].strip()]


def test_every_command_names_each_argument_alike_in_usage_panel_and_errors(tmp_path: Path) -> None:
    """One name per argument, its metavar, wherever the CLI names it: the usage line (``ingest
    [OPTIONS] INPUTS...``), the Arguments panel (``inputs...``) and a usage error (``Missing
    argument 'inputs'``) spelled the inputs three ways, and README a fourth (``INPUT...``); a
    metavar says what to give (``INPUT...``, ``CSV``, ``DIR``, ``ID``), and ``...`` when it takes
    several. README's command lines write the same names (test_readme_command_lines_parse). A
    missing argument that takes several values says what to give: ``Missing argument 'INPUT...'.``
    alone read as a placeholder to type."""
    checked = 0
    for words, command in cli_commands().items():
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        if not arguments:
            continue
        for p in arguments:
            assert p.metavar and p.metavar == p.metavar.upper(), (words, p.name, p.metavar)
            assert p.metavar.endswith("...") == (p.nargs != 1), (words, p.metavar, p.nargs)
        names = [p.metavar for p in arguments]
        usage = " ".join(
            ["Usage: newstrace", words, "[OPTIONS]", *(p.metavar if p.required else f"[{p.metavar}]" for p in arguments)]
        )
        shown = run(*words.split(), "--help", cwd=tmp_path)
        assert shown.returncode == 0, (words, shown.stderr)
        assert usage_of(shown.stdout) == usage
        rows = argument_rows(shown.stdout)
        assert [row[0] for row in rows] == names, (words, shown.stdout)
        # the metavar says what to give: no Python type beside it (``INPUT... <list[Path]>``)
        assert not any(row[1:2] and row[1].startswith("<") for row in rows), (words, shown.stdout)
        for i, p in enumerate(arguments):
            if p.required:  # the arguments before it given, so that this one is the first missing
                missing = run(*words.split(), *["x"] * i, cwd=tmp_path)
                assert missing.returncode == 2, (words, missing.stderr)
                assert usage_of(missing.stderr) == usage
                # one that takes several values says what to give, not its name alone (``'INPUT...'.``)
                give = {"INPUT...": " Give one or more files or folders."}.get(p.metavar, "") if p.nargs != 1 else ""
                assert f"Error: Missing argument '{p.metavar}'.{give}" in missing.stderr.splitlines(), missing.stderr
        checked += 1
    assert checked >= 15


#: an option's metavar: a placeholder in the arguments' vocabulary (``DB``, ``FILE``, ``DIR``, ``CSV``,
#: ``ID``, ``N``), or the values it takes when they are few (``local|spark``)
_OPTION_METAVAR = re.compile(r"[A-Z][A-Z0-9_]*|[a-z0-9]+(\|[a-z0-9]+)+")


def test_every_option_that_takes_a_value_shows_its_metavar(tmp_path: Path) -> None:
    """--help names what to give an option as README writes it, ``--db DB``, ``--json FILE``,
    ``--bodies CSV``, ``--top N``: Typer's own help showed Python's type of it instead (``<file>``,
    ``<path>``, ``<str>``, ``<int range>``), which says nothing of a CSV or a database, and README's
    command lines write the metavar (test_readme_command_lines_parse)."""
    checked = 0
    for words, command in cli_commands().items():
        shown = run(*words.split(), "--help", cwd=tmp_path)
        assert shown.returncode == 0, (words, shown.stderr)
        rows = {row[0]: row for row in argument_rows(shown.stdout, "Options")}
        for p in command.params:
            if p.param_type_name != "option" or p.is_flag or p.hidden:  # a hidden spelling (--batch) is not shown
                continue
            assert p.metavar and _OPTION_METAVAR.fullmatch(p.metavar), (words, p.opts, p.metavar)
            long = next(o for o in p.opts if o.startswith("--"))
            short = [o for o in p.opts if not o.startswith("--")]
            assert rows[long][1 + len(short)] == p.metavar, (words, long, shown.stdout)
            checked += 1
        assert not any(row[1:] and row[1].startswith("<") for row in rows.values()), (words, shown.stdout)
    assert checked >= 50


#: the Markdown files that document the CLI: README first, the other notes beside it, docs/ if any
DOCS = [
    ROOT / "README.md",
    *sorted(p for p in ROOT.glob("*.md") if p.name != "README.md"),
    *sorted((ROOT / "docs").glob("**/*.md")),
]


def code_in(text: str) -> tuple[list[str], list[str]]:
    """The code a Markdown text writes: the lines of its fenced code blocks (a ``# comment`` left
    out) and its inline code spans, each with its words one space apart and a table's ``\\|`` read
    as ``|``."""
    fenced_lines: list[str] = []
    prose: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif fenced:
            fenced_lines.append(re.sub(r"\s#.*", "", line).strip().removeprefix("$ "))
        else:
            prose.append(line)
    spans = re.findall(r"`([^`]+)`", "\n".join(prose))  # a span may go on over a line's end
    return [" ".join(line.replace("\\|", "|").split()) for line in fenced_lines], [
        " ".join(span.replace("\\|", "|").split()) for span in spans
    ]


def documented_command_lines(text: str) -> list[str]:
    """The command lines a Markdown text writes: the lines of its fenced code blocks and its inline
    code spans that start with the word ``newstrace`` (or a path to it, ``.venv/bin/newstrace``)."""
    fenced, spans = code_in(text)
    return [line for line in fenced + spans if re.match(r"(\S*/)?newstrace [^:]", line)]


def documented_option_mentions(text: str, root: Any) -> list[str]:
    """The inline code spans of a Markdown text that name options without being a whole command
    line: ``--db FILE``, ``--model DIR``, ``stance --model DIR``, ``story ID --json`` (a span that
    starts with an option, or with a command's name but not with ``newstrace``)."""
    _, spans = code_in(text)
    return [span for span in spans if span.startswith("--") or span.split()[0] in root.commands]


#: a word of a synopsis that stands for an argument (``INPUT...``, ``CSV``, ``FNC_DIR``), not a value
_PLACEHOLDER = re.compile(r"[A-Z][A-Z0-9_]*(\.\.\.)?")


def synopsis_problems(line: str, root: Any) -> list[str]:
    """What keeps a documented command line from parsing: a command the CLI does not have, an option
    its command does not know, an argument named otherwise than its metavar, in brackets when it
    is required or out of them when it may be left out, one too many, or, when the line goes on past
    its command, a required one left out; an option that takes a value written without one
    (``[--db]``), or with a placeholder other than its metavar (``--db FILE`` for ``--db DB``), or
    with a value outside the few its metavar lists (``--split test`` for ``heldout|dev|all``); a
    switch written with a value (``[--json FILE]``, ``--json=FILE``). The line is read as a synopsis:
    ``[--db DB]`` and ``[--heldout | --model DIR]`` are optional parts, ``--top N`` an option's value
    (a placeholder, or a value such as a default: ``--top 25``), ``FILE|-`` a placeholder or ``-``,
    ``| head -1`` a pipe after it (``|`` outside brackets); ``newstrace eval ... --json`` stands for
    every command of ``eval``."""
    words = line.split()[1:]
    command, path = root, ["newstrace"]
    while words and hasattr(command, "commands") and words[0] in command.commands:
        path.append(words[0])
        command = command.commands[words.pop(0)]
    commands = [command]
    if hasattr(command, "commands") and words and words[0] == "...":
        commands = list(command.commands.values())
        words.pop(0)
    elif hasattr(command, "commands") and words and not words[0].startswith(("-", "|")):
        return [f"{line}: {' '.join(path)} has no command {words[0]}"]
    problems = []
    for command in commands:
        options = {o: p for p in command.params if p.param_type_name == "option" for o in [*p.opts, *p.secondary_opts]}
        options["--help"] = None
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        depth, position, value_of, filled = 0, 0, None, set()
        for i, word in enumerate(words):
            core = word.lstrip("[")
            opens = len(word) - len(core)
            closes = max(0, core.count("]") - core.count("["))  # ``local[2]]`` closes one
            core = core[: len(core) - closes]
            following = words[i + 1] if i + 1 < len(words) else ""
            depth += opens
            if core == "|" and depth == 0:
                break  # a shell pipe: the command line ends here
            if core == "|":
                pass  # alternatives: ``[--heldout | --model DIR]``
            elif value_of is not None and not core.startswith("--"):
                problems += value_problems(line, command.name, value_of, core)
                value_of = None
            elif core.startswith("-"):
                option, has_value, value = core.partition("=")
                param = options.get(option)
                if option not in options:
                    problems.append(f"{line}: {command.name} has no option {option}")
                elif param is None:
                    pass  # --help
                elif has_value:  # ``--db=DB``, or a switch given a value: ``--json=FILE``
                    problems += value_problems(line, command.name, param, value)
                elif not param.is_flag:
                    # ``[--db]`` closes before its value; ``--db --json``, or the line's end, has none
                    if closes or not following or following.lstrip("[").startswith("-"):
                        problems.append(f"{line}: {option} takes a value ({option} {param.metavar}), and written {word}")
                    else:
                        value_of = param
                elif opens and not closes and following and not following.startswith(("-", "[", "|")):
                    value_of = param  # ``[--json FILE]``: what follows in a switch's own brackets is given to it
            elif position >= len(arguments):
                problems.append(f"{line}: {command.name} takes no argument {core}")
            else:
                argument = arguments[position]
                named = [part for part in core.split("|") if _PLACEHOLDER.fullmatch(part)]  # ``CSV|INPUT``
                if any(name != argument.metavar for name in named):
                    problems.append(f"{line}: {command.name} names its argument {argument.metavar}, not {core}")
                elif named and (opens > 0 and closes > 0) == argument.required:
                    which = "required" if argument.required else "optional"
                    problems.append(f"{line}: {core} is {which}, and written {word}")
                filled.add(position)
                position += argument.nargs == 1  # one taking several takes the rest
            depth -= closes
        left_out = [p.metavar for i, p in enumerate(arguments) if p.required and i not in filled]
        if words and len(commands) == 1 and left_out:
            problems.append(f"{line}: {command.name} needs {' '.join(left_out)}")
    return problems


def value_problems(line: str, command: str, option: Any, value: str) -> list[str]:
    """What is wrong with the value a documented command line gives an option (see
    ``synopsis_problems``): a switch given one, a placeholder other than the option's metavar
    (``--db FILE`` where --help says ``--db DB``), or, when the metavar lists the values the option
    takes (``heldout|dev|all``), one it does not list. Any other value is an example or a default
    (``--top 25``, ``--host 127.0.0.1``), which the CLI reads as it reads any."""
    name = option.opts[0]
    if option.is_flag:
        return [f"{line}: {name} is a switch, and written {name} {value}"]
    parts = value.split("|")  # ``FILE|-``: a file, or ``-`` for stdout
    named = [part for part in parts if _PLACEHOLDER.fullmatch(part)]
    if any(part != option.metavar for part in named):
        return [f"{line}: {command} {name} takes {option.metavar}, and written {name} {value}"]
    choices = option.metavar.split("|") if "|" in option.metavar else None
    if choices and any(part not in choices for part in parts):
        return [f"{line}: {command} {name} takes {option.metavar}, and written {name} {value}"]
    return []


def mention_problems(span: str, root: Any) -> list[str]:
    """What is wrong with the options a span of prose names (``documented_option_mentions``): an
    option given a placeholder (``--db FILE``, ``--json FILE|-``) that is not its metavar in the
    command the span names (``stance --model DIR``), or in any command with that option when it
    names none (``--json FILE`` is compare's; ``--json`` is a switch elsewhere). Other values are
    examples (``--batch 7``, ``--out src/newstrace/stance/model``), and a bare ``--limit`` names the
    option alone."""
    words = span.split()
    command = root
    while words and hasattr(command, "commands") and words[0] in command.commands:
        command = command.commands[words.pop(0)]
    commands = [command] if not hasattr(command, "commands") else list(_leaves(root))
    problems = []
    for option, value in zip(words, [*words[1:], ""], strict=False):
        named = [part for part in value.split("|") if _PLACEHOLDER.fullmatch(part)]
        if not option.startswith("--") or not named:
            continue
        metavars = {
            p.metavar for c in commands for p in c.params if option in p.opts and not getattr(p, "is_flag", False)
        }
        if any(part not in metavars for part in named):
            takes = " or ".join(sorted(m for m in metavars if m)) or "no value"
            problems.append(f"`{span}`: {option} takes {takes}, and written {option} {value}")
    return problems


def _leaves(group: Any) -> list[Any]:
    """Every command of a click group and of the groups in it."""
    found = []
    for sub in group.commands.values():
        found += _leaves(sub) if hasattr(sub, "commands") else [sub]
    return found


def test_readme_command_lines_parse() -> None:
    """Every command line README (and the other notes) write parses as the CLI reads it, without
    running it: its command exists, each option is one its command knows, and its arguments are
    named as --help and the usage errors name them (README wrote ``CSV|INPUT`` where the usage line
    said ``PATH``); an option that takes a value is written with one, and a placeholder for it is
    the option's metavar, as --help shows it, in a command line and in prose alike (README wrote
    ``[--db]`` in its table and ``--db FILE`` above it, where --help said ``--db <file>``); a switch
    is written without one."""
    import typer

    from newstrace.cli.app import app

    root = typer.main.get_command(app)
    problems, checked, mentions = [], 0, 0
    for doc in DOCS:
        for line in documented_command_lines(doc.read_text(encoding="utf-8")):
            problems += [f"{doc.name}: {problem}" for problem in synopsis_problems(line, root)]
            checked += 1
        for span in documented_option_mentions(doc.read_text(encoding="utf-8"), root):
            problems += [f"{doc.name}: {problem}" for problem in mention_problems(span, root)]
            mentions += 1
    assert not problems, "\n".join(problems)
    assert checked >= 30  # README's reference table alone has a row for each of 25 commands
    assert mentions >= 50  # `--json`, `--model DIR`, `stories --thread` ... in README's prose


def test_every_help_reads_as_plain_text(tmp_path: Path) -> None:
    """Typer shows a command's docstring as its help: reST markup (``extract``) is shown raw."""
    for path in command_paths():
        p = run(*path, "--help", cwd=tmp_path)
        assert p.returncode == 0, (path, p.stderr)
        assert "``" not in p.stdout and ":func:" not in p.stdout, (path, p.stdout)
        # a switch takes no value: Typer's rich help wrote "--json <bool>" as if it took one
        assert "<bool>" not in p.stdout, (path, p.stdout)


def _wide_help(path: list[str], cwd: Path, groups_only: bool = False) -> tuple[Any, list[str]]:
    """The click command at ``path`` and the lines of its ``--help`` (run with the caller's
    ``COLUMNS``), each stripped of panel borders and with its spaces collapsed; for a command
    that is no group, with ``groups_only``, no lines (there is no list of commands to read)."""
    import typer

    from newstrace.cli.app import app

    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    if groups_only and not getattr(command, "commands", None):
        return command, []
    shown = run(*path, "--help", cwd=cwd)
    assert shown.returncode == 0, (path, shown.stderr)
    return command, [" ".join(line.strip(" │").split()) for line in shown.stdout.splitlines()]


def test_every_help_keeps_a_paragraph_on_one_line_where_it_fits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal wide enough, each paragraph of a help (a command's docstring, an option's or
    argument's help) is one line: a line break inside one is the source's, not the terminal's.
    Typer's rich help kept the docstring's line breaks after its first paragraph, and ``ingest
    --help`` read "... keeps every batch it reported and a" / "re-run adds only the rest."; rich
    markup eating a ``[word]`` of a help would show here too."""
    import inspect

    monkeypatch.setenv("COLUMNS", "3000")
    checked = 0
    for path in command_paths():
        command, lines = _wide_help(path, tmp_path)
        for paragraph in inspect.cleandoc(command.help or "").split("\n\n"):
            assert " ".join(paragraph.split()) in lines, (path, paragraph, "\n".join(lines))
            checked += 1
        for p in command.params:
            if getattr(p, "help", None) and not getattr(p, "hidden", False):  # --batch is not shown
                shown = Text.from_markup(p.help).plain  # rich markup: a range is written "\\[range: 1 or more]"
                assert any(" ".join(shown.split()) in line for line in lines), (path, p.name, p.help, "\n".join(lines))
                checked += 1
    assert checked >= 140  # 33 paragraphs of 29 helps, and the helps of 112 options and arguments


def test_a_groups_command_list_keeps_each_summary_on_one_line_where_it_fits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Commands panel of ``newstrace --help`` (and of ``eval``, ``train``) shows each command's
    first paragraph, which Typer's rich help printed with its source line breaks: ``compare`` read
    "... what each outlet says that the others don't, where they" / "disagree, and who took what
    from whom." on a terminal of any width, the break the paragraph rewrap of a command's own
    ``--help`` mended there but not in its group's list."""
    import inspect

    monkeypatch.setenv("COLUMNS", "3000")
    checked = 0
    for path in command_paths():
        group, lines = _wide_help(path, tmp_path, groups_only=True)
        if not lines:
            continue
        for name, command in group.commands.items():
            summary = " ".join(inspect.cleandoc(command.help or "").split("\n\n")[0].split())
            assert f"{name} {summary}" in lines, (path, name, "\n".join(lines))
            checked += 1
    assert checked >= 25  # the root's 17 commands, eval's 8 and train's


def test_help_lists_a_switch_without_a_type_and_an_option_with_its_own(tmp_path: Path) -> None:
    p = run("reuse", "--help", cwd=tmp_path, env={"COLUMNS": "150"})
    rows = {line.split()[1]: line for line in p.stdout.splitlines() if line.startswith("│ --")}
    assert rows["--json"].split()[2:4] == ["Print", "one"], rows["--json"]
    assert rows["--no-clean"].split()[2] == "Keep" and rows["--help"].split()[2] == "Show"
    assert rows["--min-chars"].split()[2] == "N" and rows["--min-score"].split()[2] == "SCORE"


#: a Ctrl-C while Python imports ``typer`` (the commands' first import), then the entry runs
_CTRL_C_IN_IMPORTS = """
import sys

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, CtrlC())
sys.argv = ["newstrace", "list", "--db", "news.db"]
"""


@pytest.mark.parametrize("entry", ["console script", "python -m newstrace"])
def test_ctrl_c_while_the_commands_are_imported_is_one_line_and_130(tmp_path: Path, entry: str) -> None:
    """The console script imported every command before ``main`` caught Ctrl-C: pressed in the
    first half second it printed a Python traceback. The entry pyproject.toml names (run as pip's
    wrapper runs it) and ``python -m newstrace`` import the commands where Ctrl-C is caught."""
    import tomllib

    if entry == "console script":
        target = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["newstrace"]
        module, func = target.split(":")
        start = f"from {module} import {func}\nsys.exit({func}())\n"
    else:
        start = "import runpy\nrunpy.run_module('newstrace', run_name='__main__', alter_sys=True)\n"
    p = subprocess.run(
        [sys.executable, "-c", _CTRL_C_IN_IMPORTS + start], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert (p.returncode, p.stderr, p.stdout) == (130, "newstrace: interrupted\n", "")
    assert not (tmp_path / "news.db").exists()


# -- bad input, each one ---------------------------------------------------------------------------


@dataclass
class Bad:
    name: str
    make: Callable[[Path], Path]
    code: int
    reason: str


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        p = folder / name
        p.write_bytes(data)
        return p

    return make


def _html_without_text(folder: Path) -> Path:
    p = folder / "nav-only.html"
    p.write_text(
        "<html><head><title>RT</title></head><body><nav><a href='/'>Home</a> / <a href='/news'>News</a>"
        "</nav><footer>All rights reserved</footer></body></html>",
        encoding="utf-8",
    )
    return p


def _csv_without_text(folder: Path) -> Path:
    p = folder / "titles.csv"
    p.write_text(f"title,author\n{RT_TITLE},\n{REWRITE_TITLE},Baran Hines\n", encoding="utf-8")
    return p


def _folder_without_articles(folder: Path) -> Path:
    p = folder / "downloads"
    p.mkdir()
    (p / "notes.docx").write_bytes(RT_TXT.read_bytes())
    (p / ".hidden.txt").write_bytes(RT_TXT.read_bytes())
    return p


def _huge_text(folder: Path) -> Path:
    p = folder / "huge.txt"
    chunk = RT_TXT.read_bytes()
    with p.open("wb") as fh:
        for _ in range(50_000_000 // len(chunk) + 1):
            fh.write(chunk)
    assert p.stat().st_size > 50_000_000
    return p


BAD = [
    Bad("empty", _write("empty.txt", b""), 2, "empty file"),
    Bad("binary", _write("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), 2, "binary file"),
    Bad("binary-html", _write("page.html", b"\x00\x01\x02" * 500), 2, "binary file"),
    Bad("binary-jsonl", _write("dump.jsonl", b"\x1f\x8b\x08\x00" + bytes(2000)), 2, "binary file"),
    Bad("html-no-main-text", _html_without_text, 2, "HTML has no main text"),
    Bad("csv-no-text-column", _csv_without_text, 2, "CSV has no text column"),
    Bad("unknown-extension", _write("article.docx", RT_TXT.read_bytes()), 2, "unsupported file type"),
    Bad("missing-path", lambda folder: folder / "nowhere.txt", 2, "no such file or folder"),
    Bad("folder-without-articles", _folder_without_articles, 2, "folder holds no supported files"),
    Bad("invalid-json", _write("broken.json", b'[{"text": "unterminated'), 2, "invalid JSON"),
    Bad("nested-json", _write("deep.json", b"[" * 100_000 + b"]" * 100_000), 2, "JSON nested too deeply"),
    Bad("not-warc", _write("crawl.warc", RT_TXT.read_bytes()), 2, "not a WARC file"),
    Bad("huge-text", _huge_text, 4, "larger than the 20 MB limit"),
]


def assert_none_read(p: subprocess.CompletedProcess[str], code: int, named: str, *needles: str) -> str:
    """Exit ``code``, nothing on stdout, and two stderr lines: the one naming the input skipped
    (with every needle), then the closing line compare and extract end with. ingest said the first
    alone, so its last line differed from theirs for the same input. Returns the first line."""
    assert "Traceback" not in p.stderr and p.stdout == "", p.stderr
    assert p.returncode == code, (p.returncode, p.stderr)
    skipped, closing = p.stderr.strip().splitlines()
    assert all(needle in skipped for needle in needles), skipped
    assert closing == f"newstrace: error: {named}: no articles could be read", closing
    return skipped


@pytest.mark.parametrize("case", BAD, ids=[b.name for b in BAD])
def test_bad_input_one_line_exit_code_no_database(tmp_path: Path, case: Bad) -> None:
    path = case.make(tmp_path)
    db = tmp_path / "out.db"
    p = run("ingest", path, "--db", db, cwd=tmp_path, proc=case.name == "empty")
    if case.name == "folder-without-articles":  # its .docx is passed over, said above the closing line
        passed = "passed over: 1 file of a type ingest does not read in the folders given (1 .docx)\n"
        assert passed in p.stderr, p.stderr
        p.stderr = p.stderr.replace(passed, "")
    assert_none_read(p, case.code, f"{path}", path.name, case.reason)
    assert not db.exists(), "nothing could be done, yet a database was created"
    assert not list(tmp_path.glob("out.db*"))


@pytest.mark.parametrize("case", BAD[:4], ids=[b.name for b in BAD[:4]])
def test_bad_input_leaves_existing_database_unchanged(tmp_path: Path, case: Bad) -> None:
    db = tmp_path / "kept.db"
    assert run("ingest", EXAMPLES, "--db", db, cwd=tmp_path).returncode == 0
    before = json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout)
    p = run("ingest", case.make(tmp_path), "--db", db, cwd=tmp_path)
    assert p.returncode == case.code and "Traceback" not in p.stderr
    assert json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout) == before


def test_huge_text_with_raised_file_limit_is_refused_by_article_limit(tmp_path: Path) -> None:
    """Raising the file limit still cannot make a 50 MB body an article: refused, not cleaned."""
    path = _huge_text(tmp_path)
    p = run("ingest", path, "--db", tmp_path / "o.db", cwd=tmp_path, env={"NEWSTRACE_MAX_FILE_BYTES": "100000000"})
    assert_none_read(p, 4, f"{path}", "huge.txt", "longer than the 2,000,000 limit", "NEWSTRACE_MAX_ARTICLE_CHARS")


def test_huge_record_in_jsonl_is_skipped_and_others_ingested(tmp_path: Path) -> None:
    rt, rw = seeds()
    path = tmp_path / "mixed.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a", "title": rt.title, "text": rt.text}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": rt.text * 12_000}) + "\n")  # ~52 MB of real text
        fh.write(json.dumps({"id": "b", "title": rw.title, "text": rw.text}) + "\n")
    db = tmp_path / "o.db"
    p = run("ingest", path, "--db", db, "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["added"] == 2
    assert len(doc["warnings"]) == 1 and "mixed.jsonl:2:" in doc["warnings"][0]
    ids = {r["id"] for r in json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout)}
    assert ids == {"a", "b"}


def test_invalid_utf8_is_replaced_with_a_warning_naming_the_file(tmp_path: Path) -> None:
    raw = REWRITE_TXT.read_bytes().replace("’".encode(), b"\x92")  # cp1252 apostrophes in a UTF-8 file
    path = tmp_path / "mojibake.txt"
    path.write_bytes(raw)
    db = tmp_path / "o.db"
    p = run("ingest", path, "--db", db, cwd=tmp_path)
    assert p.returncode == 0 and "Traceback" not in p.stderr
    warning = [ln for ln in p.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warning) == 1
    assert "mojibake.txt" in warning[0] and "invalid UTF-8" in warning[0] and "U+FFFD" in warning[0]
    row = json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout)[0]
    text = json.loads(run("show", row["id"], "--db", db, "--json", cwd=tmp_path).stdout)["text"]
    assert "de Mistura\ufffds office" in text
    assert row["author"] == "Baran Hines" and row["title"] == REWRITE_TITLE


def test_csv_broken_record_reported_with_the_line_it_starts_on(tmp_path: Path) -> None:
    """A quoted field over several lines and a blank line do not shift the line a warning names."""
    rt, rw = seeds()
    path = tmp_path / "feed.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "text", "outlet"])
        w.writerow(["rt", rt.title, rt.text, "rt.com"])  # lines 2 on: the text has paragraphs
        fh.write("\n")
        w.writerow(["empty", "no text here", "", "x.org"])
        w.writerow(["rw", rw.title, rw.text])  # fewer fields than the header: outlet missing
    first_line = 1 + path.read_text(encoding="utf-8").splitlines().index("empty,no text here,,x.org")
    assert first_line > 4  # the text's paragraphs put it far below record 2
    db = tmp_path / "o.db"
    p = run("ingest", path, "--db", db, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert [ln for ln in p.stderr.splitlines() if "warning:" in ln] == [
        f"warning: {path}:{first_line}: record's text is empty, skipped"  # the file has a text column
    ]
    assert "2 added" in p.stderr
    with Store(db, readonly=True) as st:
        stored = {a.id: a for a in st.iter_articles()}
    assert stored["rt"].outlet == "rt.com" and stored["rw"].outlet is None


def test_jsonl_broken_line_reported_with_file_and_line(tmp_path: Path) -> None:
    rt, rw = seeds()
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"title": rt.title, "text": rt.text})
        + "\n"
        + '{"title": "cut off", "text": "Scores of civilians\n'
        + json.dumps({"title": rw.title, "text": rw.text})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "o.db"
    p = run("ingest", path, "--db", db, cwd=tmp_path)
    assert p.returncode == 0 and "Traceback" not in p.stderr
    warning = [ln for ln in p.stderr.splitlines() if "warning:" in ln]
    assert len(warning) == 1 and "feed.jsonl:2:" in warning[0] and "invalid JSON" in warning[0]
    assert "2 added" in p.stderr
    strict = run("ingest", path, "--db", tmp_path / "s.db", "--strict", cwd=tmp_path)
    assert strict.returncode == 2  # --strict: a skipped record fails the run


def test_database_not_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(RT_TXT.read_bytes())
    before = digest(db)
    assert_clean_failure(run("ingest", EXAMPLES, "--db", db, cwd=tmp_path), 3, "notes.db", "not a SQLite database")
    assert_clean_failure(run("list", "--db", db, cwd=tmp_path), 3, "notes.db", "not a SQLite database")
    assert_clean_failure(run("show", "abc", "--db", db, cwd=tmp_path), 3, "notes.db", "not a SQLite database")
    assert digest(db) == before
    assert not list(tmp_path.glob("notes.db-*"))


def test_database_read_only_is_refused_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    assert run("ingest", RT_TXT, "--db", db, cwd=tmp_path).returncode == 0
    db.chmod(0o444)
    before = digest(db)
    try:
        # and how to write it: "archive.db: database is read-only" did not say
        assert_clean_failure(run("ingest", EXAMPLES, "--db", db, cwd=tmp_path), 3, "archive.db", "read-only",
                             f"(no write permission: 'chmod u+w {db}' gives it)")
        assert_clean_failure(run("analyze", "--db", db, cwd=tmp_path), 3, f"'chmod u+w {db}'")
        assert digest(db) == before
        listed = run("list", "--db", db, "--json", cwd=tmp_path)  # reading still works
        assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 1
    finally:
        db.chmod(0o644)


def test_database_path_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "folder.db").mkdir()
    # a folder was Typer's usage error ("Invalid value for '--db' ...: file '...' is a directory." under
    # the usage lines); it is the project's one line, exit 2, however the folder was given
    said = f"--db {tmp_path / 'folder.db'}: a folder, not a database file"
    for command in (("ingest", EXAMPLES), ("list",)):
        assert_clean_failure(run(*command, "--db", tmp_path / "folder.db", cwd=tmp_path), 2, said)
    monkeypatch.setenv("NEWSTRACE_DB", str(tmp_path / "folder.db"))
    assert_clean_failure(run("list", cwd=tmp_path), 2, said)
    monkeypatch.delenv("NEWSTRACE_DB")
    # a --db in a folder that does not exist is a bad path too, exit 2 as --html and --json FILE
    # there are (it was 3, they 1), said in their words ("x.db: folder no/such does not exist" was
    # the database's alone)
    missing = f"cannot write (no folder {tmp_path / 'no' / 'such'}: create it, or give another file)"
    assert_clean_failure(run("ingest", EXAMPLES, "--db", tmp_path / "no" / "such" / "x.db", cwd=tmp_path), 2,
                         f"{tmp_path / 'no' / 'such' / 'x.db'}: {missing}")
    for output in ("--html", "--json"):
        assert_clean_failure(run("compare", EXAMPLES, output, tmp_path / "no" / "such" / "r.out", cwd=tmp_path), 2,
                             f"{tmp_path / 'no' / 'such' / 'r.out'}: {missing}")
    assert_clean_failure(run("list", "--db", tmp_path / "absent.db", cwd=tmp_path), 3, "absent.db", "no such database")
    assert not (tmp_path / "absent.db").exists()


def test_a_database_that_is_not_there_is_named_with_the_ingest_that_makes_it(tmp_path: Path) -> None:
    """A reader given a database that is not there said "no such database (run 'newstrace ingest'
    first)": run as said, without --db, the ingest filled the default newstrace.db, and the reader
    still found nothing. The hint is the ingest that makes this database; a database in a folder
    that does not exist (a typo in its path) says that, which an ingest would not mend."""
    import shlex

    db = tmp_path / "my news.db"
    for command in (("list",), ("stories",), ("story", "s1"), ("outlets",), ("analyze",)):
        line = assert_clean_failure(run(*command, "--db", db, cwd=tmp_path), 3, "no such database")
        assert line.endswith(f"(run 'newstrace ingest INPUT... --db {shlex.quote(str(db))}' first)"), line
    assert not db.exists()
    # a typo in its folder is a bad path (exit 2), as for an output file; a database not there is exit 3
    line = assert_clean_failure(run("list", "--db", tmp_path / "nso" / "x.db", cwd=tmp_path), 2, "no such database")
    assert line.endswith(f"(no folder {tmp_path / 'nso'})"), line


def test_an_empty_path_is_refused_in_words_and_reads_nothing(tmp_path: Path) -> None:
    """``Path("")`` is ``Path(".")``: ``--db ""`` (a script's ``--db "$DB"`` with the variable unset)
    was named "--db .: a folder, not a database file", which the user never typed, and
    ``ingest ""`` read the current folder, storing the seeds found there as if it had been named.
    An empty path is a bad command line (exit 2) that says so, whatever parameter it is given to."""
    for seed in EXAMPLES.iterdir():
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    db = tmp_path / "news.db"
    for command in (("list",), ("stories",), ("ingest", EXAMPLES), ("analyze",)):
        line = assert_clean_failure(run(*command, "--db", "", cwd=tmp_path), 2, "--db '': an empty path")
        assert "--db ." not in line
    assert_clean_failure(run("ingest", "", "--db", db, cwd=tmp_path), 2, "INPUT '': an empty path")
    assert not db.exists()
    assert_clean_failure(run("compare", EXAMPLES, "--html", "", cwd=tmp_path), 2, "--html '': an empty path")
    assert_clean_failure(run("load-results", "", "--db", db, cwd=tmp_path), 2, "DIR '': an empty path")
    assert not db.exists()


def test_truncated_database_fails_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "cut.db"
    assert run("ingest", EXAMPLES, "--db", db, cwd=tmp_path).returncode == 0
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    p = run("list", "--db", db, cwd=tmp_path)
    assert "Traceback" not in p.stderr and p.returncode == 3
    assert len(p.stderr.strip().splitlines()) == 1 and "cut.db" in p.stderr
    # in the words a damaged page met later gets (README, exit 3), not "cannot open database (...)"
    assert "cut.db: the database file is damaged (" in p.stderr and "restore it from a copy" in p.stderr, p.stderr


def test_mixed_inputs_skip_the_bad_and_ingest_the_good(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    page = tmp_path / "rt.html"
    page.write_text(html_page(seeds()[0]), encoding="utf-8")
    db = tmp_path / "o.db"
    p = run("ingest", tmp_path / "empty.txt", page, tmp_path / "gone.csv", REWRITE_TXT, "--db", db, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    skipped = [ln for ln in p.stderr.splitlines() if ln.startswith("newstrace: skipped:")]
    assert len(skipped) == 2
    assert any("empty.txt: empty file" in s for s in skipped) and any("gone.csv: no such file" in s for s in skipped)
    assert "2 added" in p.stderr and "2 inputs skipped" in p.stderr


def test_hostile_file_name_stays_one_printable_line(tmp_path: Path) -> None:
    """A file name with a newline, an ESC sequence and rich markup is shown escaped, on one line."""
    path = tmp_path / "evil\n\x1b[31m[bold]red.txt"
    path.write_bytes(b"")
    p = run("ingest", path, "--db", tmp_path / "o.db", cwd=tmp_path)
    line = assert_none_read(p, 2, f"{tmp_path}/evil\\x0a\\x1b[31m[bold]red.txt", "empty file", "\\x0a", "\\x1b[31m[bold]red.txt")
    assert "\x1b" not in line and "\x1b" not in p.stderr
    # the warning channel (rich markup on) shows a bracketed name literally
    marked = tmp_path / "[bold]latin1[red].txt"
    marked.write_bytes(REWRITE_TXT.read_bytes().replace("’".encode(), b"\x92"))
    w = run("ingest", marked, "--db", tmp_path / "o.db", cwd=tmp_path)
    assert w.returncode == 0 and "[bold]latin1[red].txt: invalid UTF-8" in w.stderr


def test_hostile_metadata_does_not_reach_the_terminal(tmp_path: Path) -> None:
    rt = seeds()[0]
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "x1", "title": "\x1b]0;owned\x07" + rt.title + "[bold]", "author": "A\x1b[2JB", "text": rt.text})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "o.db"
    assert run("ingest", path, "--db", db, cwd=tmp_path).returncode == 0
    for args in (("list",), ("show", "x1")):
        p = run(*args, "--db", db, cwd=tmp_path)
        assert p.returncode == 0
        assert "\x1b" not in p.stdout and "\x07" not in p.stdout
    shown = json.loads(run("show", "x1", "--db", db, "--json", cwd=tmp_path).stdout)
    assert shown["title"] == "]0;owned " + rt.title + "[bold]"
    assert shown["author"] == "A [2JB"


def _bracketed_feed(tmp_path: Path) -> tuple[Path, Path]:
    """The two seeds under ids, titles, authors and outlets full of square brackets, ingested, plus
    an article stored with raw terminal escapes (as a database loaded from elsewhere may hold)."""
    rt, rewrite = seeds()[:2]
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "a[/]1", "title": "Aleppo rockets [update] [photos]", "author": "[staff]", "outlet": "Out[/]let",
         "published": "2016-10-30", "text": rt.text},
        {"id": "b[/bold]2", "title": "Rockets [/bold] fired [/]", "author": "x[/]y", "outlet": "[/bold]wire",
         "published": "2016-11-02", "text": rewrite.text},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "b.db"
    assert run("ingest", feed, "--db", db, cwd=tmp_path).returncode == 0
    with Store(db) as store:
        store.add_articles([Article(
            id="c\x1b[31m3", title="\x1b[31mred alert", outlet="Esc\x1b[2J", author="\x1b]0;owned\x07",
            published=None, text="Floods closed the coastal road for a week, the ministry said. " * 12,
        )])
    return feed, db


def test_bracketed_and_escaped_metadata_is_shown_literally(tmp_path: Path) -> None:
    """'[update]' is no rich tag to drop, '[/]' none to fail on (exit 70), an ESC no escape to run."""
    feed, db = _bracketed_feed(tmp_path)
    wide = {"COLUMNS": "200"}

    def shown(*args: str | Path) -> str:
        p = run(*args, "--db", db, cwd=tmp_path, env=wide)
        assert p.returncode == 0, (args, p.stderr)
        assert "\x1b" not in p.stdout and "\x07" not in p.stdout, args
        return p.stdout

    listed = shown("list")
    for text in ("a[/]1", "Aleppo rockets [update] [photos]", "[staff]", "Out[/]let",
                 "b[/bold]2", "Rockets [/bold] fired [/]", "x[/]y", "[/bold]wire",
                 "c\\x1b[31m3", "\\x1b[31mred alert", "Esc\\x1b[2J", "\\x1b]0;owned\\x07"):
        assert text in listed, text
    assert "Aleppo rockets [update] [photos]" in shown("show", "a[/]")
    assert run("analyze", "--db", db, "--no-claims", cwd=tmp_path).returncode == 0
    sid = json.loads(run("stories", "--db", db, "--json", "--outlet", "Out[/]let", cwd=tmp_path).stdout)[0]["id"]
    story = shown("story", sid)
    assert "a[/]1" in story and "b[/bold]2" in story and "Aleppo rockets [update] [photos]" in story
    assert "Out[/]let" in shown("stories") and "Esc\\x1b[2J" in shown("outlets")
    shown("threads")
    other = json.loads(run("stories", "--db", db, "--json", "--outlet", "Esc\x1b[2J", cwd=tmp_path).stdout)
    assert "c\\x1b[31m3" in shown("story", other[0]["id"])
    # reuse reads the file itself: its names and outlets carry the same brackets
    p = run("reuse", feed, cwd=tmp_path, env=wide)
    assert p.returncode == 0, p.stderr
    assert "a[/]1 (Out[/]let, 2016-10-30)" in p.stdout and "b[/bold]2 ([/bold]wire, 2016-11-02)" in p.stdout
    for command in (["extract"], ["stance", "--claim", "Rebels fired rockets [/] at west Aleppo"]):
        p = run(*command, feed, cwd=tmp_path, env=wide)
        assert p.returncode == 0, (command, p.stderr)
        assert "Rockets [/bold] fired [/]" in p.stdout, command


def test_a_reader_that_goes_away_ends_every_command_quietly(tmp_path: Path) -> None:
    """'newstrace show ID | head -1' exited 1 (rich's and click's own handling of EPIPE) while
    'list | head' exited 0: the reader closing stdout is the same quiet exit 0 everywhere."""
    db = tmp_path / "p.db"
    assert run("ingest", EXAMPLES, "--db", db, cwd=tmp_path).returncode == 0
    rt = next(r for r in json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout) if r["outlet"] == "rt.com")
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("NEWSTRACE_DB", None)
    for args in (["show", rt["id"], "--db", db], ["show", rt["id"], "--db", db, "--json"], ["list", "--db", db],
                 ["list", "--db", db, "--json"], ["reuse", EXAMPLES], ["reuse", EXAMPLES, "--json"], ["--help"]):
        # the read end is closed before the command writes: its first write meets EPIPE
        proc = subprocess.Popen([*NEWSTRACE, *map(str, args)], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        stderr = proc.stderr.read()
        assert proc.wait(timeout=300) == 0, (args, stderr)
        assert stderr == "", (args, stderr)


@pytest.mark.parametrize(
    "command",
    [
        ["reuse", "--json"],
        ["stance", "--claim", "Rebels fired rockets at west Aleppo", "--json"],
        ["compare", "--json", "-"],  # its document carried no 'skipped': the report alone said nothing of gone.txt
    ],
)
def test_json_commands_still_name_skipped_inputs_and_warnings_on_stderr(tmp_path: Path, command: list[str]) -> None:
    """--json keeps stdout to one document, which lists the inputs that could not be read under
    'skipped' alike in every command that reads files for one document; what was skipped, and
    why, still goes to stderr."""
    broken = tmp_path / "more.jsonl"
    broken.write_text('{"id": "x", "text": "Rockets hit west Aleppo, the envoy said."}\nnot json\n', encoding="utf-8")
    p = run(*command, EXAMPLES, tmp_path / "gone.txt", broken, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["skipped"] == [f"{tmp_path / 'gone.txt'}: no such file or folder"]
    assert len(doc["articles"]) == 3  # the seeds and the record before the broken line
    assert f"newstrace: skipped: {tmp_path / 'gone.txt'}: no such file or folder" in p.stderr.splitlines()
    assert "more.jsonl:2: invalid JSON" in p.stderr


@pytest.mark.parametrize(
    "command",
    [["extract"], ["compare"], ["stance", "--claim", "Rebels fired rockets at west Aleppo"], ["reuse"]],
)
def test_a_report_ends_by_counting_the_inputs_it_skipped(tmp_path: Path, command: list[str]) -> None:
    """An input that could not be read is named on stderr when met, above a report of hundreds of
    lines; ingest and reuse closed with how many were skipped, and extract, compare and stance
    said no more, so a reader of the report's end took it for all the inputs. Each closes so now,
    in one wording."""
    gone = tmp_path / "gone.txt"
    p = run(*command, EXAMPLES, gone, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip()
    lines = p.stderr.splitlines()
    assert f"newstrace: skipped: {gone}: no such file or folder" in lines
    assert lines[-1] == "1 input skipped, named above"
    assert "skipped, named above" not in run(*command, EXAMPLES, cwd=tmp_path).stderr


def test_a_file_name_that_is_not_utf8_is_written_out(tmp_path: Path) -> None:
    """A file saved under a Latin-1 name (``caf\\xe9.txt``, byte 0xE9) reaches Python as a lone
    surrogate: as the article's source it stopped ``ingest`` with an internal error
    (UnicodeEncodeError at SQLite, exit 70), and in ``--json``'s 'skipped' it was a raw byte, so
    the document was no UTF-8 (a strict stdout, as under en_US.UTF-8, raised instead). The name
    is written out, ``caf\\xe9.txt``, in the database, the JSON documents and on stderr."""
    folder = tmp_path / "in"
    folder.mkdir()
    named = folder / os.fsdecode(b"caf\xe9.txt")
    named.write_bytes(RT_TXT.read_bytes())
    (folder / os.fsdecode(b"emp\xff.txt")).write_bytes(b"")
    db = tmp_path / "t.db"
    p = run("ingest", folder, "--db", db, "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout.encode("utf-8"))  # UTF-8 through and through
    assert doc["added"] == 1 and doc["skipped"] == [f"{folder}/emp\\xff.txt: empty file"]
    assert f"newstrace: skipped: {folder}/emp\\xff.txt: empty file" in p.stderr.splitlines()
    (article,) = json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout.encode("utf-8"))
    assert article["source"] == f"{folder}/caf\\xe9.txt"
    p = run("reuse", folder, "--json", cwd=tmp_path)
    assert json.loads(p.stdout.encode("utf-8"))["skipped"] == [f"{folder}/emp\\xff.txt: empty file"]


def test_extract_json_stays_a_list_and_names_skipped_inputs_on_stderr(tmp_path: Path) -> None:
    """extract --json is a bare list of articles by its contract, so the inputs it could not read
    are said on stderr alone: exit 0 when others were read, the input error's exit 2 when none was."""
    gone, empty = tmp_path / "gone.txt", tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    p = run("extract", EXAMPLES, gone, "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    docs = json.loads(p.stdout)
    assert isinstance(docs, list) and sorted(d["outlet"] or "" for d in docs) == ["", "rt.com"]
    assert f"newstrace: skipped: {gone}: no such file or folder" in p.stderr.splitlines()
    p = run("extract", gone, empty, "--json", cwd=tmp_path)
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.splitlines() == [
        f"newstrace: skipped: {gone}: no such file or folder",
        f"newstrace: skipped: {empty}: empty file",
        f"newstrace: error: {gone}, {empty}: no articles could be read",
    ]


def test_read_commands_on_a_locked_database_say_it_is_busy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``list``, ``stories`` and ``show`` on a database another process keeps locked: one line
    saying it is busy and to try again, exit 3 (a store error), no traceback, no "internal error"."""
    import newstrace.store.sqlite as store_sqlite

    db = tmp_path / "n.db"
    run("ingest", EXAMPLES, "--db", db, cwd=tmp_path)
    con = sqlite3.connect(db, isolation_level=None)
    assert con.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"  # readers wait for a writer
    con.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(store_sqlite, "BUSY_TIMEOUT", 0.2)  # SQLite's 30 s, shortened for the test
    try:
        for args in (("list",), ("stories",), ("show", "abc")):
            line = assert_clean_failure(run(*args, "--db", db, cwd=tmp_path), 3, "n.db", "the database is busy")
            assert line.endswith("try again in a moment"), line
    finally:
        con.execute("ROLLBACK")
        con.close()
    assert run("list", "--db", db, cwd=tmp_path).returncode == 0


def test_ingest_beside_an_analysis_that_keeps_the_write_lock_says_it_is_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ingest`` into a database whose writer (an ``analyze`` committing a long batch) keeps the
    write lock past the wait: the "database is busy" line naming the analysis, exit 3, as every
    other command says it. It said "write failed (database is locked)", which reads as damage.
    It says that it waits first (``test_ingest_waits_for_the_write_lock_of_an_analysis_and_says_so``)."""
    import newstrace.store.sqlite as store_sqlite
    from newstrace.limits import LIMITS
    from newstrace.store.lock import analysis_lock

    db = tmp_path / "n.db"
    assert run("ingest", EXAMPLES / "000_6fb2124cbc58fd30.txt", "--db", db, cwd=tmp_path).returncode == 0
    con = sqlite3.connect(db, isolation_level=None)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # NEWSTRACE_LOCK_WAIT_SECONDS's 600 s, shortened for the test
    monkeypatch.setattr(store_sqlite, "LIMITS", dataclasses.replace(LIMITS, lock_wait_seconds=0.2))
    with analysis_lock(db):
        con.execute("BEGIN IMMEDIATE")  # the analysis's batch transaction
        try:
            p = run("ingest", EXAMPLES, "--db", db, cwd=tmp_path)
        finally:
            con.execute("ROLLBACK")
            con.close()
    line = assert_clean_failure(p, 3, "n.db", "the database is busy")
    assert re.search(rf"analyze \(pid {os.getpid()}, since [^,]+, \d+ s ago\) is running on it; try again when it "
                     r"finishes \(waited 0 s for its write lock: NEWSTRACE_LOCK_WAIT_SECONDS sets how long, inf for as "
                     r"long as it takes\)$", line), line
    p = run("ingest", EXAMPLES, "--db", db, "--json", cwd=tmp_path)
    assert p.returncode == 0 and json.loads(p.stdout)["added"] == 1, p.stderr


def test_each_command_that_writes_says_in_its_help_how_long_it_waits_for_the_lock(tmp_path: Path) -> None:
    """``ingest --help`` said it gives up after "NEWSTRACE_LOCK_WAIT_SECONDS (600 s)", which read as
    the wait whatever the variable set, and ``analyze --help`` and ``load-results --help``, which
    wait alike, said nothing of it: each says the variable and its default, in the same words."""
    said = "gives up after NEWSTRACE_LOCK_WAIT_SECONDS seconds (default 600; inf waits as long as it takes), exit 3."
    for command in ("ingest", "analyze", "load-results"):
        p = run(command, "--help", cwd=tmp_path)
        assert p.returncode == 0, p.stderr
        text = " ".join(p.stdout.replace("│", " ").split())
        assert "While another process holds the database's write lock" in text and said in text, command
        assert "600 s" not in text, command
    assert said not in " ".join(run("compare", "--help", cwd=tmp_path).stdout.split())  # it writes no database


def test_ingest_waits_for_the_write_lock_of_an_analysis_and_says_so(tmp_path: Path) -> None:
    """An ``analyze`` batch (or ``load-results``) commits in one transaction, which may keep the
    write lock longer than SQLite's 30 s wait: ``ingest`` started beside it gave up after a silent
    30 s, exit 3, and had to be run again. It waits (``NEWSTRACE_LOCK_WAIT_SECONDS``, 600 s), says
    on stderr whom it waits for, and stores its articles once the lock is free."""
    import threading

    from newstrace.store.lock import analysis_lock

    db = tmp_path / "n.db"
    assert run("ingest", EXAMPLES / "000_6fb2124cbc58fd30.txt", "--db", db, cwd=tmp_path).returncode == 0
    con = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    with analysis_lock(db):
        con.execute("BEGIN IMMEDIATE")  # the analysis's batch transaction, committed a moment later
        done = threading.Timer(4.0, lambda: con.execute("COMMIT"))
        done.start()
        try:
            p = run("ingest", EXAMPLES, "--db", db, "--json", cwd=tmp_path)
        finally:
            done.join()
            con.close()
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["added"] == 1
    # who holds it, and since when: a load-results holds it for its whole load (517 s at 100,000 articles)
    (said,) = p.stderr.splitlines()
    assert re.fullmatch(rf"newstrace: {re.escape(str(db))}: waiting for the database lock held by analyze \(pid {os.getpid()}, "
                        r"since \d\d:\d\d:\d\d [^,]*, \d+ s ago\)\.\.\. \(up to 600 s: NEWSTRACE_LOCK_WAIT_SECONDS sets how long, inf for as long as it takes\)", said), said


def test_a_database_damaged_past_its_schema_is_exit_3_not_an_internal_error(tmp_path: Path) -> None:
    """A database whose articles' pages are damaged (a disk error, a copy cut and patched) opens,
    since its schema page is whole, and failed at the first read of an article: ``list``, ``show``,
    ``analyze`` and ``ingest`` said "internal error: DatabaseError: database disk image is
    malformed", exit 70, a bug to report. A damaged file is a database that cannot be used: one
    line saying so and what to do, exit 3."""
    db = tmp_path / "n.db"
    assert run("ingest", EXAMPLES, "--db", db, cwd=tmp_path).returncode == 0
    con = sqlite3.connect(db)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name='articles'").fetchone()
    con.close()  # the last connection: the WAL is checkpointed into the file
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)
    (tmp_path / "a.txt").write_text("Title\n\nBody text of an article about Aleppo.\n", encoding="utf-8")
    for args in (("list",), ("show", "c76"), ("analyze", "--workers", "1"), ("ingest", tmp_path / "a.txt")):
        line = assert_clean_failure(run(*args, "--db", db, cwd=tmp_path), 3, "n.db", "damaged")
        assert line.endswith("n.db: the database file is damaged (database disk image is malformed): restore it "
                             "from a copy, or ingest the inputs again into a new one"), line


@pytest.mark.parametrize("columns", [80, 60])
def test_story_lists_a_long_article_name_apart_from_its_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """The rewrite has no outlet, so it is named by its title ("“United Nations Finally …
    Civilians”"), longer than the name column: it was printed glued to its date, then padded past
    it, which pushed its date and id out of line with rt.com's, and a line past the terminal
    wrapped to column 0. The articles are a table now: each column starts where its header does,
    the name and title wrap within their own columns, and no line is wider than the terminal."""
    monkeypatch.setenv("COLUMNS", str(columns))
    db = tmp_path / "s.db"
    assert run("ingest", EXAMPLES, "--db", db, cwd=tmp_path).returncode == 0
    assert run("analyze", "--db", db, "--workers", "1", cwd=tmp_path).returncode == 0
    (story,) = json.loads(run("stories", "--db", db, "--json", cwd=tmp_path).stdout)
    p = run("story", story["id"], "--db", db, "--top", "1", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if line.split()[:2] == ["article", "published"])
    end = next(i for i, line in enumerate(lines) if line.startswith("note:"))
    listing = lines[head:end]
    assert max(map(len, listing)) <= columns, "\n".join(listing)
    assert all(line.startswith("  ") for line in listing), "\n".join(listing)  # nothing wrapped to column 0
    at = {word: lines[head].index(f" {word} ") + 1 for word in ("published", "id", "title")}
    for day, aid, name in (("2016-10-30", "c76a1369a679181f", "rt.com"), ("2016-11-02", "f2b329a05aa358ae", "“United")):
        (row,) = [line for line in listing if aid in line]
        assert row.index(aid) == at["id"] and row.index(day) == at["published"], "\n".join(listing)
        assert row[2:].startswith(name), row
    names = " ".join(" ".join(line[2:at["published"]].split()) for line in listing[1:])
    assert "“United Nations Finally … Civilians”" in " ".join(names.split()), names
    title = " ".join(line[at["title"]:].strip() for line in listing[1:]).split()
    assert " ".join(title).startswith("UN Syria envoy ‘appalled’ by opposition groups"), title


def test_an_eval_folder_that_is_not_there_is_said_to_be_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``eval quotes-polnear /nonexist`` said "not a PolNeAR split" and ``reuse-clough`` and
    ``reuse-plagdet`` "not a folder" of a path that is not there (a typo): each says "no such
    folder", as the CSV benchmarks say "no such file"; a file given is named a file, and a folder
    without PolNeAR's text/ and attributions/ is still "not a PolNeAR split"."""
    missing, a_file = tmp_path / "nonexist", tmp_path / "a.txt"
    a_file.write_text("Title\n\nBody text of an article.\n", encoding="utf-8")
    for command in ("quotes-polnear", "reuse-clough", "reuse-plagdet"):
        for path, said in ((missing, "no such folder"), (a_file, "a file, not a folder")):
            assert main(["eval", command, str(path)]) == 2, command
            assert f"newstrace: error: {path}: {said}" in capsys.readouterr().err, (command, path)
    assert main(["eval", "quotes-polnear", str(tmp_path)]) == 2
    assert "not a PolNeAR split (needs text/ and attributions/)" in capsys.readouterr().err
    assert main(["eval", "casualties-fakes", str(missing), "--split", "dev"]) == 2
    assert f"{missing}: no such file" in capsys.readouterr().err


def test_list_shows_a_timed_date_as_its_day_and_time_on_lines_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``list`` stacks id and date in one column; a date with a time of day (a JSON export's
    "2016-10-30T09:15:00+03:00") made it 25 wide, and at 80 columns RT's headline took five lines
    of a few words. The day and the time with its offset are lines of their own, as in 'compare'."""
    monkeypatch.setenv("COLUMNS", "80")
    export, _rows = timed_seeds_export(tmp_path, "2016-10-30T09:15:00+03:00", "2016-11-02")
    db = tmp_path / "t.db"
    assert run("ingest", export, "--db", db, cwd=tmp_path).returncode == 0
    table = run("list", "--db", db, cwd=tmp_path).stdout.splitlines()
    assert max(map(len, table)) <= 80
    first = next(i for i, line in enumerate(table) if line.startswith("│ rt.com "))
    second = next(i for i, line in enumerate(table) if line.startswith("│ theantimedia.org "))
    assert [line.split("│")[1].strip() for line in table[first:first + 3]] == ["rt.com", "2016-10-30", "09:15+03:00"]
    assert table[second + 1].split("│")[1].strip() == "2016-11-02"
    assert second - first <= 3, "\n".join(table)
    listed = json.loads(run("list", "--db", db, "--json", cwd=tmp_path).stdout)
    assert [a["published"] for a in listed] == ["2016-10-30T09:15:00+03:00", "2016-11-02"]


def test_an_input_cut_short_after_some_articles_is_read_in_part_not_skipped(tmp_path: Path) -> None:
    """A JSON array of the seeds cut inside its second record, and RT's text gzipped and cut, each
    gave articles before the damage, which ``ingest`` stored; stderr said "skipped: ..." of both
    and the summary "2 input(s) skipped", so a user took them for unread. They are "read in part",
    with the count of articles kept; an input that gave none is still "skipped"."""
    import gzip

    text = json.dumps(seeds_records())
    second = text.index('{"id"', 2)
    array = tmp_path / "two.json"
    array.write_text(text[: second + 300], encoding="utf-8")  # inside the second record's text
    packed = gzip.compress((EXAMPLES / "001_b27ff7eeccda9d61.txt").read_bytes())
    cut = tmp_path / "rt.txt.gz"
    cut.write_bytes(packed[: len(packed) * 2 // 3])
    db = tmp_path / "t.db"
    p = run("ingest", array, cut, tmp_path / "absent.txt", "--db", db, cwd=tmp_path)
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 0, p.stderr
    assert lines[0].startswith(f"newstrace: read in part: {array}: invalid JSON (") and lines[0].endswith(
        "; the 1 article before it is kept"), lines
    assert lines[1].startswith(f"newstrace: read in part: {cut}: damaged gzip file (") and lines[1].endswith(
        "; the 1 article before it is kept"), lines
    assert lines[2] == f"newstrace: skipped: {tmp_path / 'absent.txt'}: no such file or folder"
    assert lines[3] == f"{db}: 2 added, 0 updated, 0 already present, 1 input skipped, 2 read in part"
    doc = json.loads(run("ingest", array, "--db", db, "--json", cwd=tmp_path).stdout)
    (said,) = doc["skipped"]
    assert said.startswith(f"{array}: invalid JSON (") and said.endswith("; the 1 article before it is kept")
    p = run("extract", array, cut, cwd=tmp_path)
    assert p.stderr.strip().splitlines()[-1] == "2 read in part, named above"


def seeds_records() -> list[dict[str, Any]]:
    """The seeds as JSON records (id, outlet, title, text), as an export holds them."""
    from newstrace.ingest import read_articles

    return [{"id": a.id, "outlet": a.outlet, "title": a.title, "text": a.text} for a in read_articles([EXAMPLES])]


#: each command that reads its inputs directly, with what else it needs, and how its --json is asked for
_READING_COMMANDS = {
    "extract": ([], ["--json"]),
    "compare": ([], ["--json", "-"]),
    "reuse": ([], ["--json"]),
    "stance": (["--claim", "The ministry denied the report"], ["--json"]),
}


@pytest.mark.parametrize("command", sorted(_READING_COMMANDS))
def test_files_of_other_types_in_a_folder_are_said_by_every_command_as_ingest_says_them(
    command: str, tmp_path: Path
) -> None:
    """``ingest`` counts the files of types no reader reads in a folder given (8b0c6b7); ``extract``,
    ``compare``, ``reuse`` and ``stance`` given the same folder read the seeds and passed over the
    PDFs and the image without a word, so a user whose reports were PDFs never learnt that none
    was compared. Each says them in ingest's one line, naming itself, after its report (with
    --json too, on stderr), and its --json document lists them as ingest's does (``extract``'s is
    a list of articles: stderr alone). Files given by name are no folder's: nothing is said."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    for seed in EXAMPLES.iterdir():
        shutil.copy(seed, folder / seed.name)
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "annex.PDF").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    line = f"passed over: 3 files of types {command} does not read in the folders given (2 .pdf, 1 .png)"
    extra, as_json = _READING_COMMANDS[command]
    said = run(command, folder, *extra, cwd=tmp_path)
    assert said.returncode == 0 and said.stdout, said.stderr
    assert said.stderr.splitlines()[-1] == line, said.stderr  # at the report's end, where say_skipped's line is
    said = run(command, folder, *extra, *as_json, cwd=tmp_path)
    assert said.returncode == 0 and said.stderr.splitlines().count(line) == 1, said.stderr
    doc = json.loads(said.stdout)
    if command == "extract":
        assert isinstance(doc, list) and len(doc) == 2  # the seeds, as before
    else:
        assert doc["passed_over"] == {".pdf": 2, ".png": 1} and doc["skipped"] == []
    seeds = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    said = run(command, *seeds, *extra, *as_json, cwd=tmp_path)
    assert said.returncode == 0 and "passed over" not in said.stderr, said.stderr
    if command != "extract":
        assert json.loads(said.stdout)["passed_over"] == {}


def test_files_passed_over_are_said_when_no_article_of_the_folder_could_be_read(tmp_path: Path) -> None:
    """A folder whose one text is empty beside a PDF: the command fails for want of an article, and
    the PDF passed over is said above the error, as ingest says it before its own."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    said = run("extract", folder, cwd=tmp_path)
    lines = said.stderr.splitlines()
    assert said.returncode != 0 and lines[-1].startswith("newstrace: error: ") and "no articles could be read" in lines[-1], said.stderr
    assert lines[-2] == "passed over: 1 file of a type extract does not read in the folders given (1 .pdf)", said.stderr


def test_an_fnc_folder_that_is_a_file_or_not_there_is_said_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``eval stories-fakes --fnc FILE`` said "no such folder" of a file that is there (the FA-KES
    CSV given for FNC-1's folder), and ``train stance /nonexist`` "no train_bodies.csv" of a folder
    that is not there: each says what the path is, as the other ``eval`` folders do, and ``train``
    writes no model folder."""
    missing, out = tmp_path / "nonexist", tmp_path / "model"
    for path, said in ((missing, "no such folder"), (RT_TXT, "a file, not a folder")):
        assert main(["train", "stance", str(path), "--out", str(out)]) == 2
        assert f"newstrace: error: {path}: {said}\n" in capsys.readouterr().err, path
        assert not out.exists()
        assert main(["eval", "stories-fakes", str(RT_TXT), "--fnc", str(path)]) == 2
        err = capsys.readouterr().err
        assert f"newstrace: error: --fnc {path}: {said} (the FNC-1 folder with train_bodies.csv)\n" in err, err


def test_eval_stance_fnc_names_the_option_of_a_csv_not_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``eval stance-fnc --bodies x.csv`` said "x.csv: no such file" without naming the option, where
    the other ``eval`` options name theirs (``--fnc F: no such folder ...``)."""
    missing, real = tmp_path / "x.csv", tmp_path / "stances.csv"
    real.write_text("Headline,Body ID,Stance\nA headline,1,agree\n", encoding="utf-8")
    for bodies, stances, said in ((missing, real, f"--bodies {missing}: no such file"),
                                  (real, missing, f"--stances {missing}: no such file"),
                                  (tmp_path, real, f"--bodies {tmp_path}: a folder, not a CSV file: give the CSV inside it")):
        assert main(["eval", "stance-fnc", "--bodies", str(bodies), "--stances", str(stances)]) == 2
        err = capsys.readouterr().err
        assert f"newstrace: error: {said}\n" in err, err


def test_show_given_a_story_or_thread_id_names_the_command_that_shows_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], analysed_seeds: AnalysedSeeds
) -> None:
    """A story's id copied from 'stories' into 'show' said only "no article with id ..." (see
    'newstrace list'), where 'story' given a thread's id, and 'stories --thread' a story's, name
    the command that shows it: 'show' does so too."""
    db = tmp_path / "seeds.db"
    analysed_seeds(db, "--no-claims")
    assert main(["stories", "--db", str(db), "--json"]) == 0
    (seeds,) = json.loads(capsys.readouterr().out)
    sid, tid = seeds["id"], seeds["thread"]
    assert main(["show", sid, "--db", str(db)]) == 3
    err = capsys.readouterr().err
    assert f"newstrace: error: {db}: no article with id '{sid}' ({sid} is a story: 'newstrace story {sid} --db {db}' shows it)\n" == err
    assert main(["show", tid, "--db", str(db), "--json"]) == 3
    err = capsys.readouterr().err
    said = f"({tid} is a thread: 'newstrace stories --thread {tid} --db {db}' lists its stories)"
    assert f"newstrace: error: {db}: no article with id '{tid}' {said}\n" == err
    assert main(["show", "zzzz", "--db", str(db)]) == 3  # a mistyped id still sends to the listing
    assert f"no article with id 'zzzz' (see 'newstrace list --db {db}')" in capsys.readouterr().err


def test_an_error_on_a_terminal_of_40_columns_wraps_under_its_first_word_and_keeps_a_path_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'stories --db' of a database in no folder says "newstrace: error: DB: no such database (no folder
    F)" on one line; at 40 columns the terminal broke it at its edge, mid-word, and went on at column 0.
    On a terminal it wraps at its words, its lines under the word after "newstrace: ", the path (wider
    than the room) whole on a line of its own; piped, as a log reads it, it stays one line."""
    db = tmp_path / "no-such-folder" / "corpus.db"
    monkeypatch.setenv("COLUMNS", "40")
    assert main(["stories", "--db", str(db)]) == 2
    piped = capsys.readouterr().err
    assert piped == f"newstrace: error: {db}: no such database (no folder {db.parent})\n"
    stderr_on_a_terminal(monkeypatch)
    assert main(["stories", "--db", str(db)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) > 2 and lines[0].startswith("newstrace: error:"), lines
    assert all(line.startswith(" " * 11) and not line.startswith(" " * 12) for line in lines[1:]), lines
    assert all(len(line) <= 40 or str(db.parent) in line for line in lines), lines
    assert f"{db}:" in [w for line in lines for w in line.split()], lines
    assert " ".join(" ".join(lines).split()) == piped.strip()


def test_a_usage_error_on_a_terminal_of_40_columns_wraps_under_its_first_word(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """click's own usage errors ('compare' with no file: "Error: Missing argument 'INPUT...'. Give one or
    more files or folders.") were written by click, past the wrapping of stderr's other messages: at 40
    columns the terminal broke the line at its edge, mid-word, and went on at column 0. On a terminal they
    wrap at their words as the others do, under the word after "Error: " (and "Usage: "); piped, each line
    is as click writes it."""
    monkeypatch.setenv("COLUMNS", "40")
    assert main(["compare"]) == 2
    piped = capsys.readouterr().err
    error = "Error: Missing argument 'INPUT...'. Give one or more files or folders."
    assert piped.endswith(f"\n\n{error}\n") and "Try 'newstrace compare --help' for help.\n" in piped, piped
    stderr_on_a_terminal(monkeypatch)
    assert main(["compare"]) == 2
    shown = capsys.readouterr().err
    lines = shown.splitlines()
    assert all(len(line) <= 40 for line in lines), lines
    said = lines[lines.index("") + 1:]
    assert len(said) > 1 and said[0].startswith("Error: Missing"), said
    assert all(line.startswith(" " * 7) and not line.startswith(" " * 8) for line in said[1:]), said
    assert " ".join(" ".join(said).split()) == error
    usage = lines[:lines.index("")]  # "Usage: newstrace compare [OPTIONS] INPUT..." is 44 columns
    assert usage[0].startswith("Usage: newstrace compare") and usage[1] == " " * 7 + "INPUT...", usage
