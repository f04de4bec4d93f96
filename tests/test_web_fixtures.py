"""Databases for the web tests: the seeds, a hostile article, and a sample of FA-KES when present.

Imported by the other ``test_web*`` modules (this module holds no tests itself). The hostile
article carries ``<script>``, ``<img onerror>`` and ``javascript:`` links in its title, text, outlet
and URL; each payload would set ``window.__pwned`` if it ever ran.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, EXAMPLES
from newstrace.ingest import read_inputs
from newstrace.model import Article
from newstrace.store.sqlite import Store

HOSTILE_ID = "hostile-<script>alert(1)</script>"
HOSTILE_RECORD = {
    "id": HOSTILE_ID,
    "title": "Breaking <script>window.__pwned='title'</script> <img src=x onerror=\"window.__pwned='title-img'\">",
    "outlet": "<b onmouseover=\"window.__pwned='outlet'\">evil.example</b>",
    "url": "javascript:window.__pwned='url'",
    "published": "2016-10-31",
    "author": "<svg onload=\"window.__pwned='author'\">",
    "text": (
        "United Nations Special Envoy for Syria Staffan de Mistura said he is “appalled and shocked by the "
        "high number of rockets indiscriminately launched by armed opposition groups”. "
        "<script>window.__pwned='text-script'</script> "
        "<img src=x onerror=\"window.__pwned='text-img'\"> "
        "<a href=\"javascript:window.__pwned='text-link'\">click here</a> "
        "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe> "
        "\"><svg/onload=window.__pwned='attr-breakout'> "
        "Scores of civilians were killed in Aleppo over the last 48 hours, the statement said."
    ),
}

#: FA-KES rows sampled into the browser/web databases (when ../shared/data is present).
FAKES_SAMPLE = 40


def seed_articles() -> list[Article]:
    return list(read_inputs([EXAMPLES]))


def hostile_article(tmp: Path) -> Article:
    path = tmp / "hostile.jsonl"
    path.write_text(json.dumps(HOSTILE_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    (art,) = list(read_inputs([path]))
    return art


def fakes_sample(n: int = FAKES_SAMPLE) -> list[Article]:
    path = DATA / "fakes" / "fakes_dev.csv"
    if not path.exists():
        return []
    out: list[Article] = []
    for a in read_inputs([path], on_error=lambda e: None):
        out.append(a)
        if len(out) >= n:
            break
    return out


def build_db(path: Path, *, hostile: bool = True, data: bool = True) -> dict[str, str]:
    """Write a database and run the corpus analysis when that stage is installed.

    Returns the ids of the interesting articles: ``rt``, ``rewrite`` and ``hostile``.
    """
    seeds = seed_articles()
    arts = list(seeds)
    ids = {("rt" if a.outlet == "rt.com" else "rewrite"): a.id for a in seeds}
    if hostile:
        h = hostile_article(path.parent)
        arts.append(h)
        ids["hostile"] = h.id
    if data:
        arts += fakes_sample()
    with Store(path) as st:
        st.add_articles(arts)
    analyze_if_available(path)
    return ids


def analyze_if_available(path: Path) -> bool:
    """Run ``newstrace.corpus.analyze`` on the database if the corpus stage provides it."""
    try:
        from newstrace.corpus import analyze  # type: ignore[attr-defined]
    except ImportError:
        return False
    with Store(path) as st:
        analyze(st)
    return True


def analysed_or_skip(path: Path, articles: Sequence[Article]) -> None:
    """Store the articles at ``path`` and analyse them, or skip the test: the web pages a test opens on such a
    database (stories, threads, outlets) exist only where the corpus stage is installed."""
    with Store(path) as st:
        st.add_articles(list(articles))
    if not analyze_if_available(path):
        pytest.skip("corpus stage not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(db: Path, app: Any = None) -> Iterator[str]:
    """The app over ``db`` (or ``app``, an ASGI app) served by uvicorn on a free loopback port, in
    a thread: its base URL.

    For what TestClient cannot show: it percent-decodes a path twice, so ``/articles/%252F``
    reached the article ``/`` there and no such article over a real connection.
    """
    import uvicorn

    from newstrace.web import create_app

    port = _free_port()
    config = uvicorn.Config(app or create_app(db), host="127.0.0.1", port=port, log_level="warning", access_log=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def big_story_db(path: Path, n: int) -> str:
    """A database with one story of ``n`` articles (the RT seed's text, 12 outlets, one a day
    over a few months) stored as ``analyze`` stores a story, without running it (an analysis of
    thousands of articles takes minutes): the story's id."""
    from datetime import date, timedelta

    (rt,) = [a for a in seed_articles() if a.outlet == "rt.com"]
    arts = [Article(id=f"big-{k:05d}", title=f"Aleppo report {k}", outlet=f"outlet{k % 12}.example",
                    published=date(2016, 1, 1) + timedelta(days=k % 120),
                    text=rt.text + f"\n\nOfficials said {k} more people were wounded.") for k in range(n)]
    story = "bigstory0000000a"
    outlets = {f"outlet{i}.example": sum(1 for k in range(n) if k % 12 == i) for i in range(12)}
    with Store(path) as st:
        st.add_articles(arts)
        with st.transaction():
            st.conn.execute(
                "INSERT INTO stories (id, label, first_article, first_outlet, start, end, size, outlets) "
                "VALUES (?, 'Aleppo, at length', ?, ?, ?, ?, ?, ?)",
                (story, arts[0].id, arts[0].outlet, "2016-01-01", (date(2016, 1, 1) + timedelta(days=min(n, 120) - 1)).isoformat(),
                 n, json.dumps(outlets)),
            )
            st.conn.executemany("INSERT INTO memberships (article, story, score) VALUES (?, ?, 1.0)",
                                [(a.id, story) for a in arts])
    return story


@contextmanager
def locked(db: Path) -> Iterator[None]:
    """``db`` with another process's write lock, as keeps readers out: a rollback-journal
    database (not WAL: a reader there cannot read around a writer) in ``BEGIN EXCLUSIVE``."""
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()
