"""The web app's page cache and its process model (issue 7's load target).

Pages are kept as finished bytes; these tests check that a cached page is never served after the
database changed under it (another connection re-ingests an article), that a cached compare is not
recomputed, and that ``serve --workers N`` hands every worker the same read-only, loopback-only app.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import newstrace.compare
from newstrace.model import Article
from newstrace.store.sqlite import Store
from newstrace.web import create_app
from newstrace.web.app import SERVE_ENV, app_from_env
from newstrace.web.repo import LRU

BASE = "http://127.0.0.1"


def test_cached_pages_follow_database_changes(
    tmp_path: Path, rt: Article, rewrite: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "cache.db"
    with Store(db) as st:
        st.add_articles([rt, rewrite])
    real = newstrace.compare.compare_articles
    calls: list[int] = []

    def counting(*args: Any, **kw: Any) -> Any:
        calls.append(1)
        return real(*args, **kw)

    monkeypatch.setattr(newstrace.compare, "compare_articles", counting)
    params = [("ids", rt.id), ("ids", rewrite.id)]
    with TestClient(create_app(db), base_url=BASE) as c:
        page = c.get("/compare", params=params)
        assert page.status_code == 200 and "appalled" in page.text and "dismayed" not in page.text
        # the same pair asked the other way round and through the API: one computation
        assert c.get("/compare", params=params[::-1]).text == page.text
        report = c.get("/api/compare", params=params).json()
        assert {a["id"] for a in report["articles"]} == {rt.id, rewrite.id}
        assert len(calls) == 1
        assert "(updated)" not in c.get(f"/articles/{rt.id}").text
        assert "(updated)" not in c.get("/articles").text

        # another connection (an ingest while the server runs) changes the RT article
        changed = dataclasses.replace(rt, title=rt.title + " (updated)", text=rt.text.replace("appalled", "dismayed"))
        with Store(db) as st:
            assert st.add_articles([changed]).updated == 1

        page2 = c.get("/compare", params=params).text
        assert "dismayed" in page2 and "(updated)" in page2
        assert len(calls) == 2
        api2 = c.get("/api/compare", params=params).json()
        assert any("(updated)" in (a.get("title") or "") for a in api2["articles"])
        assert "(updated)" in c.get(f"/articles/{rt.id}").text
        assert "(updated)" in c.get(f"/api/articles/{rt.id}").json()["title"]
        assert "(updated)" in c.get("/articles").text


def _seeds_story(db: Path, rt: Article, rewrite: Article) -> tuple[Path, str]:
    """The two seeds stored at ``db`` and analysed, with the id of the story they share."""
    from newstrace.cli.main import main
    from newstrace.store.results import CorpusResults

    with Store(db) as st:
        st.add_articles([rt, rewrite])
    assert main(["analyze", "--db", str(db)]) == 0
    with Store(db, readonly=True) as st:
        _, stories = CorpusResults(st.conn).stories()
    return db, next(s["id"] for s in stories if s["size"] == 2)


def test_cached_pages_follow_claims_extracted_again(tmp_path: Path, rt: Article, rewrite: Article) -> None:
    """A running server keeps compare and story pages by the articles' content, which a claims
    refresh does not change; an ``analyze`` that extracts the claims again by newer rules (a newer
    newstrace's, beside an older server) still rebuilds them."""
    db, story = _seeds_story(tmp_path / "claims.db", rt, rewrite)
    params = [("ids", rt.id), ("ids", rewrite.id)]
    with TestClient(create_app(db), base_url=BASE) as c:
        before = c.get("/api/compare", params=params).json()
        story_before = c.get(f"/api/stories/{story}").json()
        assert rt.id in str(before["quantities"])
        # newer rules find no counts in RT's text: what their claims refresh leaves in the store
        with Store(db) as st, st.transaction():
            st.conn.execute("DELETE FROM quantities WHERE article = ?", (rt.id,))
            st.conn.execute("UPDATE analysis SET claims_version = claims_version + 1 WHERE article = ?", (rt.id,))
        after = c.get("/api/compare", params=params).json()
        story_after = c.get(f"/api/stories/{story}").json()
    assert after != before and story_after != story_before
    with TestClient(create_app(db), base_url=BASE) as fresh:
        assert fresh.get("/api/compare", params=params).json() == after
        assert fresh.get(f"/api/stories/{story}").json() == story_after


def test_lru_computes_once_and_bounds_bytes() -> None:
    lru = LRU(100, max_weight=1000, weigh=len)
    calls: list[int] = []

    def slow() -> bytes:
        calls.append(1)
        time.sleep(0.05)
        return b"x" * 400

    threads = [threading.Thread(target=lru.get_or_compute, args=("k", slow)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1  # concurrent misses on one key: one computation
    lru.get_or_compute("a", lambda: b"y" * 400)
    lru.get_or_compute("b", lambda: b"z" * 400)  # 1,200 bytes > 1,000: the oldest goes
    assert lru.get("k") is None and lru.get("a") is not None and lru.get("b") is not None
    with pytest.raises(ValueError):
        lru.get_or_compute("bad", lambda: (_ for _ in ()).throw(ValueError("boom")))
    assert lru.get_or_compute("bad", lambda: b"ok") == b"ok"  # a failed computation is not cached


def test_serve_workers_share_one_read_only_loopback_app(
    tmp_path: Path, rt: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from newstrace.cli.main import main

    db = tmp_path / "w.db"
    with Store(db) as st:
        st.add_articles([rt])
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setenv(SERVE_ENV, "")  # restored after the test; serve overwrites it
    assert main(["serve", "--db", str(db), "--workers", "2"]) == 0
    call = calls[0]
    assert call["app"] == "newstrace.web.app:app_from_env" and call["factory"] is True and call["workers"] == 2
    assert call["host"] == "127.0.0.1"
    app = app_from_env()  # what each worker process builds
    assert app.state.repo.readonly is True
    with TestClient(app, base_url="http://evil.example") as c:
        assert c.get("/api/health").status_code == 400
    with TestClient(app, base_url=BASE) as c:
        assert c.get(f"/api/articles/{rt.id}").json()["id"] == rt.id


def test_lru_tells_the_event_loop_not_to_wait_for_another_computation() -> None:
    """The event loop asks with ``wait=False``: a key another thread is computing (it may be waiting
    for a lock on the database) is ``WouldWait`` at once, then the value once it is there."""
    from newstrace.web.repo import WouldWait

    lru = LRU(10)
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(30)
        return "value"

    other = threading.Thread(target=lru.get_or_compute, args=("k", slow))
    other.start()
    assert started.wait(30)
    with pytest.raises(WouldWait):
        lru.get_or_compute("k", lambda: "again", wait=False)
    release.set()
    other.join(30)
    assert lru.get_or_compute("k", lambda: "again", wait=False) == "value"


def test_a_compare_page_opened_from_a_story_reads_its_names_once_per_database_state(
    tmp_path: Path, rt: Article, rewrite: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A compare page opened from a story (``?story=ID``) names its articles as the story does; the
    story's lookup was kept until the next commit, but the names were made again on every request,
    reading the story's first 12 articles, texts and all, for a page served from the cache. They
    are kept as the lookup is, and a commit that renames an article (another outlet) is seen."""
    db, story = _seeds_story(tmp_path / "names.db", rt, rewrite)
    reads: list[list[str]] = []
    real = Store.iter_articles_by_ids

    def counting(self: Store, ids: Any) -> Any:
        reads.append(list(ids))
        return real(self, ids)

    monkeypatch.setattr(Store, "iter_articles_by_ids", counting)
    params = [("ids", rt.id), ("ids", rewrite.id), ("story", story)]
    with TestClient(create_app(db), base_url=BASE) as c:
        first = c.get("/compare", params=params)
        assert first.status_code == 200 and f'<a class="story-link" href="/stories/{story}">' in first.text
        assert c.get("/api/compare", params=params).status_code == 200 and reads
        reads.clear()
        # both served from the cache: no article is read again
        for url in ("/compare", "/api/compare", "/compare"):
            assert c.get(url, params=params).status_code == 200
        assert reads == [], reads
        api = c.get("/api/compare", params=params).json()
        assert {a["label"] for a in api["articles"]} == {"rt.com", "“United Nations Finally … Civilians”"}

        # another connection gives the second article RT's outlet: the story names them apart
        with Store(db) as st:
            assert st.add_articles([dataclasses.replace(rewrite, outlet="rt.com")]).updated == 1
        again = c.get("/api/compare", params=params).json()
        assert sorted(a["label"] for a in again["articles"]) == ["rt.com #1", "rt.com #2"], again["articles"]
        assert "rt.com #2" in c.get("/compare", params=params).text
