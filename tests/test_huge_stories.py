"""Stories and threads bigger than SQLite's variable limit, and reading only what a page needs.

The limit (``SQLITE_LIMIT_VARIABLE_NUMBER``, 250,000 in this Python's SQLite, 999 in older
builds) is lowered on each connection here, so a story of a few hundred members stands for one
of millions without building it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newstrace.cli.main import main
from newstrace.corpus.report import story_report
from newstrace.limits import LIMITS
from newstrace.store import results as R
from newstrace.store import sqlite as store_sqlite
from newstrace.store.sqlite import Store, is_locked
from newstrace.web import create_app
from newstrace.web import repo as repo_module
from newstrace.web.repo import Repo
from test_web_fixtures import big_story_db, locked

BASE = "http://127.0.0.1"
#: the variable limit the tests set; their story has more members than this
LOW_LIMIT = 50
MEMBERS = 3 * LOW_LIMIT


def _lowered(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, LOW_LIMIT)
    return conn


@pytest.fixture
def big(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "big.db"
    return db, big_story_db(db, MEMBERS)


def test_a_story_of_more_members_than_sqlite_variables_is_read_everywhere(
    big: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The web app's cache key, article rows and compare input, and the store's look-ups by id,
    passed one ``?`` per member: past the variable limit "too many SQL variables" (a 500, a
    failed ``newstrace story``). Each is one parameter now, however many members."""
    db, story = big
    with Store(db, readonly=True) as st:
        _lowered(st.conn)
        summary, ids = R.CorpusResults(st.conn).story(story) or ({}, [])
        assert len(ids) == MEMBERS > LOW_LIMIT
        assert R.changed_since_analysis(st.conn, ids) == set() and R.pairs_among(st.conn, ids) == []
        assert [a.id for a in st.iter_articles_by_ids(ids)] == ids
        doc, _ = story_report(st, summary, ids, max_articles=2)
        assert [a["id"] for a in doc["articles"]] == ids

    repo = Repo(db, readonly=True, limits=LIMITS)
    _lowered(repo.conn)
    key = repo.content_key(ids)
    assert key is not None and [k[0] for k in key] == ids
    total, rows = repo.list_articles(ids=ids, limit=MEMBERS)
    assert total == len(rows) == MEMBERS
    assert [a.id for a in repo.articles_by_ids(ids[::-1])] == ids[::-1]  # in the order asked for

    # the app, every connection of it lowered: the whole story's API answer and its page
    reader = Repo._reader
    monkeypatch.setattr(Repo, "_reader", lambda self: (st := reader(self), _lowered(st.conn))[0])
    monkeypatch.setattr(repo_module, "STORY_COMPARE_MAX", 2)
    with TestClient(create_app(db), base_url=BASE) as c:
        answer = c.get(f"/api/stories/{story}", params={"limit": MEMBERS})
        assert answer.status_code == 200, answer.text[:300]
        assert [a["id"] for a in answer.json()["articles"]] == ids
        assert c.get(f"/stories/{story}").status_code == 200


@contextlib.contextmanager
def _counting_articles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The ids of the articles read from the store (text and all) in the block."""
    read: list[str] = []
    real = store_sqlite.row_to_article

    def counting(row: sqlite3.Row) -> Any:
        read.append(row["id"])
        return real(row)

    monkeypatch.setattr(store_sqlite, "row_to_article", counting)
    yield read


def test_the_web_report_of_a_story_reads_only_the_articles_it_compares(
    big: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The story report loaded and word-counted every member (20,000: 1.3 s on a first visit)
    for a page that compares 12 and lists its rows itself; now it reads those 12. The CLI's
    report still lists every member with its words, each read once."""
    db, story = big
    monkeypatch.setattr(repo_module, "STORY_COMPARE_MAX", 3)
    repo = Repo(db, readonly=True, limits=LIMITS)
    summary, ids = R.CorpusResults(repo.conn).story(story) or ({}, [])
    with _counting_articles(monkeypatch) as read:
        doc, compared = repo.story_report(summary, ids)
    assert sorted(read) == sorted(ids[:3]) and [a.id for a in compared] == ids[:3]
    assert doc["report_note"] == f"the report covers the first 3 of {MEMBERS} articles"

    with Store(db, readonly=True) as st:
        texts = {a.id: a.text for a in st.iter_articles_by_ids(ids)}
        with _counting_articles(monkeypatch) as read:
            doc, comparison = story_report(st, summary, ids, max_articles=3)
    assert read == ids  # each once, the compared ones too
    assert [a["id"] for a in doc["articles"]] == ids
    assert [a["words"] for a in doc["articles"]] == [len(texts[i].split()) for i in ids]
    assert comparison is not None and [a.id for a in comparison.articles] == ids[:3]
    assert doc["report_note"] == f"the report covers the first 3 of {MEMBERS} articles"


def test_newstrace_story_json_lists_every_member_of_a_big_story(
    big: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``newstrace story --json`` of a story bigger than the report: every member, in stream
    order, with its words, the story row's summary and the note on what the report covers."""
    db, story = big
    from newstrace.corpus import report

    monkeypatch.setattr(report, "LIMITS", dataclasses.replace(LIMITS, max_compare_articles=2))
    assert main(["story", story, "--db", str(db), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    with Store(db, readonly=True) as st:
        ids = R.members(st.conn, story)
        words = {a.id: a.words for a in st.iter_articles_by_ids(ids)}
    assert [(a["id"], a["words"]) for a in doc["articles"]] == [(i, words[i]) for i in ids]
    assert doc["story"]["size"] == MEMBERS and len(doc["story"]["outlets"]) == 12
    assert doc["report_note"] == f"the report covers the first 2 of {MEMBERS} articles"
    assert [a["id"] for a in doc["report"]["articles"]] == ids[:2]


def test_newstrace_story_html_names_its_story_and_what_the_report_covers(
    big: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report ``newstrace story --html`` wrote was headed "newstrace compare: ..." with the
    articles' names, and said nothing of the members it left out: opened later, nothing in it said
    which story it was or that it covered 2 of its articles. It now has the story's id and label for
    its title and the note ``--json`` gives on top of the comparison's; and the line on stderr
    counted the story's members, not the report's."""
    db, story = big
    from newstrace.corpus import report

    monkeypatch.setattr(report, "LIMITS", dataclasses.replace(LIMITS, max_compare_articles=2))
    out = tmp_path / "story.html"
    assert main(["story", story, "--db", str(db), "--html", str(out)]) == 0
    # ... as the line saying it is written does: "report on 150 article(s) written", of a report on 2
    assert f"{out}: report on 2 of {MEMBERS} articles written" in " ".join(capsys.readouterr().err.split())
    page = out.read_text(encoding="utf-8")
    with Store(db, readonly=True) as st:
        label = R.CorpusResults(st.conn).story(story)[0]["label"]
    # the label isolated: in the <title> between FSI and PDI, in the heading in a <bdi>
    head = f"newstrace story {story}"
    tab = head + (f": \u2068{html.escape(label, quote=False)}\u2069" if label else "")
    h1 = head + (f": <bdi>{html.escape(label, quote=False)}</bdi>" if label else "")
    assert f"<title>{tab}</title>" in page and f"<h1>{h1}</h1>" in page
    assert f"<li>The report covers the first 2 of {MEMBERS} articles</li>" in page


def test_newstrace_story_in_the_terminal_says_what_the_report_covers(
    big: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The table ``newstrace story ID`` prints listed every member and then the report on the first
    2 of them without a word that it left the rest out (``--json`` and ``--html`` say it): the
    note is printed above the report, as it is when there is no report."""
    db, story = big
    from newstrace.corpus import report

    monkeypatch.setattr(report, "LIMITS", dataclasses.replace(LIMITS, max_compare_articles=2))
    assert main(["story", story, "--db", str(db), "--top", "1"]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert f"note: the report covers the first 2 of {MEMBERS} articles" in printed
    assert printed.index("the report covers") < printed.index("findings (")


def test_newstrace_story_in_the_terminal_names_the_articles_its_report_left_out_by_outlet(
    big: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Of a story over the compare limit, the listing named the members the report left out by their
    id, so the id stood twice on their line ("big-00005  2016-01-06  big-00005  Aleppo report
    5"): they are named by their outlet, as the others are by their report's label."""
    db, story = big
    from newstrace.corpus import report

    monkeypatch.setattr(report, "LIMITS", dataclasses.replace(LIMITS, max_compare_articles=2))
    assert main(["story", story, "--db", str(db), "--top", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    (left_out,) = [line for line in lines if line.rstrip().endswith("Aleppo report 5")]
    assert left_out.split()[:2] == ["outlet5.example", "2016-01-06"] and left_out.count("big-00005") == 1, left_out
    # the first two in stream order, both of outlet0, numbered by the report as before
    (covered,) = [line for line in lines if line.rstrip().endswith("Aleppo report 120")]
    assert covered.split()[:2] == ["outlet0.example", "#2"] and covered.count("big-00120") == 1, covered


def test_a_lock_is_not_taken_for_a_database_without_results(
    big: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``content_state`` took any SQLite error for "no results tables" and read again, waiting a
    second time for the same lock before the 503; ``stored_claims`` answered "none stored" to a
    lock, so the page extracted the claims again. Both give the lock to the request now."""
    db, _ = big
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
    con.close()
    monkeypatch.setattr(repo_module, "WEB_BUSY_TIMEOUT", 0.05)
    repo = Repo(db, readonly=True, limits=LIMITS)
    (article,) = repo.articles_by_ids(["big-00000"])
    statements: list[str] = []
    repo.conn.set_trace_callback(statements.append)
    with locked(db):
        with pytest.raises(sqlite3.OperationalError) as state_error:
            repo.content_state([article.id])
        assert is_locked(state_error.value)
        assert len([s for s in statements if "content_hash" in s]) == 1  # read once, not twice
        with pytest.raises(sqlite3.OperationalError) as claims_error:
            repo.stored_claims(article)
        assert is_locked(claims_error.value)
    assert repo.content_state([article.id])[article.id][0]
    assert repo.stored_claims(article) is None  # not analysed: none stored
