"""The web app through FastAPI's TestClient: pages, API, escaping, security, upload."""

from __future__ import annotations

import contextlib
import dataclasses
import html
import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES, WireDb
from newstrace.errors import LimitError
from newstrace.limits import Limits
from newstrace.model import Article, Quantity, Quote, safe_url
from newstrace.store.sqlite import Store
from newstrace.web import create_app
from newstrace.web.app import CSP
from newstrace.web.render import Ann, highlight, provenance_svg, timeline_svg
from test_web_fixtures import (
    HOSTILE_RECORD,
    analysed_or_skip,
    analyze_if_available,
    build_db,
    fakes_sample,
    locked,
    seed_articles,
)

BASE = "http://127.0.0.1"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("webdb")
    db = folder / "web.db"
    ids = build_db(db, hostile=True, data=False)
    return db, ids


@pytest.fixture(scope="session")
def client(web_db: tuple[Path, dict[str, str]]) -> Iterator[TestClient]:
    with TestClient(create_app(web_db[0]), base_url=BASE) as c:
        yield c


@pytest.fixture(scope="session")
def ids(web_db: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return web_db[1]


def _stage(client: TestClient, name: str) -> bool:
    return bool(client.get("/api/health").json()["stages"][name])


def _seeds_story_page(client: TestClient) -> tuple[dict[str, Any], str]:
    """The seeds' story and its page, for the tests of the page's findings (which need compare)."""
    if not _stage(client, "compare"):
        pytest.skip("compare stage not installed")
    story = next((s for s in client.get("/api/stories").json()["stories"] if s["size"] >= 2), None)
    if story is None:
        pytest.skip("the seeds are not one story")
    return story, client.get(f"/stories/{story['id']}").text


# -- pages ---------------------------------------------------------------------------------------


def test_every_page_renders(client: TestClient, ids: dict[str, str]) -> None:
    for url in ["/", "/stories", "/articles", "/outlets", "/upload", f"/articles/{ids['rt']}"]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert "<title>" in r.text
    r = client.get("/articles")
    assert "UN Syria envoy ‘appalled’ by opposition groups firing rockets on civilians in Aleppo" in r.text
    assert "United Nations Finally Acknowledges US-Backed Rebels in Syria are Murdering Civilians" in r.text


def test_article_page_shows_text_and_metadata(client: TestClient, ids: dict[str, str]) -> None:
    r = client.get(f"/articles/{ids['rt']}")
    assert "rt.com" in r.text and "2016-10-30" in r.text
    assert "nothing justifies the use of disproportionate, indiscriminate [attacks,]" in r.text
    assert 'href="https://www.rt.com/news/364760-un-envoy-shelling-aleppo/"' in r.text


def test_an_article_page_says_when_it_names_no_outlet(client: TestClient, ids: dict[str, str]) -> None:
    """The rewrite names no outlet: its page had no outlet line, then "outlet: none given", where
    every other page (the lists, the Outlets page, the timelines) names it "(no outlet)" and its
    story "(no outlet: named by its title)"; rt.com's page names its own."""
    from newstrace.store.results import NO_OUTLET_NAME

    rewrite = client.get(f"/articles/{ids['rewrite']}").text
    assert f'<dt>outlet</dt><dd dir="auto">{NO_OUTLET_NAME}</dd>' in rewrite and "none given</dd>" not in rewrite.split("<dt>published")[0]
    assert '<dt>outlet</dt><dd dir="auto">rt.com</dd>' in client.get(f"/articles/{ids['rt']}").text


def test_an_undated_article_is_said_so_in_the_same_words_on_its_page_and_in_the_lists(tmp_path: Path) -> None:
    """The seeds' rewrite, its date left out: its page said "published: none given" where the
    articles list and its story's list printed "?" in the date column (which is also how the outlet
    filters name the articles without an outlet); all say "no date", as the compare page and the
    timelines do. RT's row keeps its day."""
    from markupsafe import escape

    from test_web_fixtures import seed_articles

    rt, rewrite = sorted(seed_articles(), key=lambda a: a.outlet != "rt.com")
    rewrite = dataclasses.replace(rewrite, published=None)
    db = tmp_path / "undated.db"
    with Store(db) as st:
        st.add_articles([rt, rewrite])
    assert analyze_if_available(db)
    with TestClient(create_app(db), base_url=BASE) as client:
        page = client.get(f"/articles/{rewrite.id}").text
        assert '<dt>published</dt><dd dir="auto">no date</dd>' in page and "none given" not in page
        (story,) = client.get("/api/stories").json()["stories"]
        for listing in (client.get("/articles").text, client.get(f"/stories/{story['id']}").text):
            rows = re.findall(r'<tr(?: role="row")?>.*?</tr>', listing, re.S)  # (the Articles page's rows stack on a phone)
            undated = next(r for r in rows if str(escape(rewrite.title or "")) in r)
            assert re.search(r'<td class="dim date"( role="cell" data-label="published")?>no date</td>', undated), undated
            dated = next(r for r in rows if str(escape(rt.title or "")) in r)
            assert re.search(r'<td class="dim date"( role="cell" data-label="published")?>2016-10-30</td>', dated), dated


def test_an_article_page_names_its_source_as_show_does(
    client: TestClient, web_db: tuple[Path, dict[str, str]], ids: dict[str, str]
) -> None:
    """``newstrace show`` names where an article was ingested from (its file, and the record in a
    record file: 'hostile.jsonl:1'); its web page did not. It names it in the same words
    (``source_name``), among the other facts."""
    from markupsafe import escape

    from newstrace.ingest.records import source_name

    with Store(web_db[0], readonly=True) as store:
        stored = {key: store.find_article(ids[key]) for key in ("rt", "hostile")}
    for key, a in stored.items():
        said = source_name(a.source, a.record)
        assert said, key
        assert f'<dt>source</dt><dd dir="auto">{escape(said)}</dd>' in client.get(f"/articles/{a.id}").text, key
    assert source_name(stored["hostile"].source, stored["hostile"].record) == f"{web_db[0].parent / 'hostile.jsonl'}:1"
    assert str(stored["rt"].source).startswith(str(EXAMPLES))


def test_an_article_page_reads_no_pipe_named_as_its_source(tmp_path: Path) -> None:
    """The page names a record of a JSON Lines file by its line, or by its number when the file is
    one pretty-printed document, which it reads off the file's first 8 KB (as ``show`` does). A
    named pipe at that path now held the request waiting for a writer for ever. A file that is
    not a regular one is not read: its record is named by its line, as a file gone since is."""
    import os

    from markupsafe import escape

    from fuzz.samples import record, seeds
    from newstrace.ingest import read_inputs

    source = tmp_path / "pretty.jsonl"  # one pretty-printed document: its record is 'record 1'
    source.write_text(json.dumps(record(seeds()[0]), indent=2) + "\n", encoding="utf-8")
    db = tmp_path / "news.db"
    with Store(db) as store:
        store.add_articles(read_inputs([source]))
        (stored,) = store.iter_articles()

    def page() -> str:
        got: list[str] = []
        with TestClient(create_app(db), base_url=BASE) as c:
            asker = threading.Thread(target=lambda: got.append(c.get(f"/articles/{stored.id}").text))
            asker.start()
            asker.join(60)
            if asker.is_alive():  # waiting on the pipe: a writer comes and goes, so the test ends
                os.close(os.open(source, os.O_RDWR | os.O_NONBLOCK))
                asker.join()
                pytest.fail("the article page waited on the pipe at its source's path")
        return got[0]

    assert f'<dt>source</dt><dd dir="auto">{escape(f"{source}: record 1")}</dd>' in page()
    source.unlink()
    os.mkfifo(source)
    assert f'<dt>source</dt><dd dir="auto">{escape(f"{source}:1")}</dd>' in page()


def test_article_page_highlights_claims_when_stage_present(client: TestClient, ids: dict[str, str]) -> None:
    if not _stage(client, "claims"):
        pytest.skip("claims stage (newstrace.claims.extract_claims) not installed")
    d = client.get(f"/api/articles/{ids['rt']}").json()
    text = d["text"]
    assert d["claims_available"] and d["quotes"]
    for q in d["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
    assert any("[attacks,]" in q["text"] for q in d["quotes"])
    page = client.get(f"/articles/{ids['rt']}").text
    assert page.count('class="quote"') >= len(d["quotes"])
    # a count's tooltip gives its interval as the reports write it ("count 16000.0–∞" before)
    assert 'title="count 40–199 civilians killed"' in page and 'title="count ≥ 16,000 people killed"' in page
    assert 'title="count 12 people wounded"' in page and ".0" not in "".join(re.findall(r'title="count [^"]*"', page))


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/articles/does-not-exist").status_code == 404
    detail = client.get("/api/articles/does-not-exist").json()["detail"]
    assert detail == "no article with id 'does-not-exist' (GET /api/articles lists them)"  # the id, as the CLI names it
    assert "no article with id &#39;does-not-exist&#39;" in client.get("/articles/does-not-exist").text
    assert client.get("/stories/nope").status_code == 404
    assert client.get("/compare?ids=a&ids=b").status_code == 404
    assert client.get("/compare?ids=a").status_code == 422
    # said as to a person who ticked one article, or none, or nine
    assert "ids: at least 2 needed, 1 given" in client.get("/compare?ids=a").text
    assert "ids: required" in client.get("/compare").text
    assert "ids: at most 8 allowed, 9 given" in client.get("/compare", params={"ids": list("abcdefghi")}).text


def test_api_compare_says_what_is_wrong_with_its_ids_as_its_other_errors_do(client: TestClient, ids: dict[str, str]) -> None:
    """/api/compare?ids=a answered pydantic's list, [{"loc": ["query", "ids"], "msg": "List should
    have at least 2 items after validation, not 1", ...}], where every other error of the API is
    {"detail": "..."} in the CLI's words, and the same id twice a 400 of other words: each is one
    422 saying what the ids lack, as the Compare page says it."""
    from markupsafe import escape  # as the page's templates escape

    for params, said in (
        ({"ids": "a"}, "ids: at least 2 needed, 1 given"),
        ({}, "ids: required, 2 to 8 article ids"),
        ({"ids": ["a", "a"]}, "ids: at least 2 different needed, 'a' given 2 times"),
        ({"ids": list("abcdefghi")}, "ids: at most 8 allowed, 9 given"),
    ):
        r = client.get("/api/compare", params=params)
        assert (r.status_code, r.json()) == (422, {"detail": said}), params
        page = client.get("/compare", params=params)
        assert page.status_code == 422 and f'<p class="error" role="alert">{escape(said)}</p>' in page.text, params
    # the API's description says so: its 422 is the app's problem document, not pydantic's list
    responses = client.get("/api/openapi.json").json()["paths"]["/api/compare"]["get"]["responses"]
    assert responses["422"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Problem"}
    r = client.get("/api/compare", params=[("ids", ids["rt"]), ("ids", ids["rt"]), ("ids", ids["rewrite"])])
    assert r.status_code == 200 and len(r.json()["articles"]) == 2  # a repeat of an id among others is harmless



def test_a_reversed_date_range_is_an_error_not_an_empty_list(client: TestClient) -> None:
    """from after to listed nothing ("No article matches.") as if nothing had been published."""
    for url in ("/articles", "/stories", "/api/articles", "/api/stories"):
        r = client.get(url, params={"from": "2017-01-01", "to": "2016-01-01"})
        assert r.status_code == 422, url
        if url.startswith("/api/"):
            assert r.json()["detail"][0]["msg"] == "2017-01-01 is after to (2016-01-01)", url
        else:
            assert "bad request: from: 2017-01-01 is after to (2016-01-01)" in r.text, url
    detail = client.get("/api/stories", params={"from": "2017-01-01", "to": "2016-01-01"}).json()["detail"]
    assert detail == [{"loc": ["query", "from"], "msg": "2017-01-01 is after to (2016-01-01)", "type": "value_error"}]
    assert client.get("/api/articles", params={"from": "2016-10-30", "to": "2016-10-30"}).json()["total"] >= 1


def test_the_pages_and_the_api_take_the_same_dates(client: TestClient) -> None:
    """``/api/articles?to=0`` was Unix time to pydantic, 1970-01-01: no article (the seeds are of
    2016) and no error, where ``/articles?to=0`` said "not a date"; and ``20170101`` was a date to the
    page and none to the API. Both take ``YYYY-MM-DD`` alone now."""
    for value in ("0", "86400", "2016-10-30T00:00:00Z", "20161030", "2016-W43-7", "2016-02-30"):
        for url in ("/articles", "/stories", "/api/articles", "/api/stories"):
            r = client.get(url, params={"to": value})
            assert r.status_code == 422, (url, value)
            if url.startswith("/api/"):
                # the app's reason alone, as the page and the from-after-to 422 say theirs: pydantic put
                # "Value error, " before it, a word for the programmer who wrote the validator
                assert r.json()["detail"][0] == {"loc": ["query", "to"], "msg": "not a date (YYYY-MM-DD)", "type": "value_error"}, (url, value)
            else:
                assert "to: not a date (YYYY-MM-DD)" in r.text, (url, value)
    for url in ("/articles", "/api/articles"):
        assert client.get(url, params={"from": "2016-10-30", "to": "2016-10-30"}).status_code == 200
    assert client.get("/api/articles", params={"to": "2016-10-30"}).json()["total"] == 1  # RT's, of that day


def test_compare_names_the_ids_it_does_not_have(client: TestClient, ids: dict[str, str]) -> None:
    """Out of 8 ids, which one is wrong? The 404 said "no article with one of these ids"."""
    r = client.get("/api/compare", params=[("ids", ids["rt"]), ("ids", "typo-123")])
    assert r.status_code == 404 and r.json()["detail"] == "no article with id 'typo-123' (GET /api/articles lists them)"
    r = client.get("/compare", params=[("ids", "x" * 100), ("ids", ids["rt"]), ("ids", "<b>y</b>")])
    assert r.status_code == 404
    assert f"no articles with ids &#39;{'x' * 59}…&#39;, &#39;&lt;b&gt;y&lt;/b&gt;&#39;" in r.text


def test_a_trailing_slash_on_a_list_redirects_to_the_list(client: TestClient) -> None:
    """``/stories/`` and ``/articles/`` were taken for an empty id (404) where ``/outlets/`` was
    redirected; every list, page or API, now goes to its URL without the slash, query kept."""
    from urllib.parse import urlsplit

    for path in ["/stories/", "/articles/", "/outlets/", "/api/stories/", "/api/articles/", "/api/outlets/"]:
        r = client.get(path, params={"q": "Aleppo envoy"}, follow_redirects=False)
        assert r.status_code == 307, path
        to = urlsplit(r.headers["location"])
        assert (to.path, to.query) == (path[:-1], "q=Aleppo+envoy"), path
        assert client.get(path).status_code == 200, path
    assert client.head("/stories/", follow_redirects=False).status_code == 307


# -- API ------------------------------------------------------------------------------------------


def test_api_articles_filters(client: TestClient, ids: dict[str, str]) -> None:
    all_ = client.get("/api/articles").json()
    assert all_["total"] == 3
    assert [a["id"] for a in all_["articles"]][-1] == ids["rt"]  # newest first: RT (30 Oct) last
    rt = client.get("/api/articles", params={"outlet": "rt.com"}).json()
    assert [a["id"] for a in rt["articles"]] == [ids["rt"]]
    q = client.get("/api/articles", params={"q": "Jatras Sadek"}).json()
    assert [a["id"] for a in q["articles"]] == [ids["rt"]]
    q = client.get("/api/articles", params={"q": "100%_"}).json()  # LIKE wildcards are literal
    assert q["total"] == 0
    window = client.get("/api/articles", params={"from": "2016-11-01", "to": "2016-11-30"}).json()
    assert [a["id"] for a in window["articles"]] == [ids["rewrite"]]
    assert client.get("/api/articles", params={"from": "not a date"}).status_code == 422
    assert client.get("/api/articles", params={"limit": 0}).status_code == 422


def test_an_outlet_no_article_has_is_a_404_as_in_the_cli(client: TestClient, web_db: tuple[Path, dict[str, str]],
                                                          tmp_path: Path, rt: Any) -> None:
    """``newstrace stories --outlet nope`` says there is no such outlet (exit 3); the web answered
    an empty list, which reads as "no stories". ``?`` (no outlet) is one when some article names none."""
    from newstrace.cli.main import main

    said = "no articles from outlet 'nope' (GET /api/outlets lists them)"
    for path in ["/api/stories", "/api/articles"]:
        r = client.get(path, params={"outlet": "nope"})
        assert (r.status_code, r.json()) == (404, {"detail": said}), path
    for path in ["/stories", "/articles"]:  # the page names the page that lists them (the API names its endpoint)
        r = client.get(path, params={"outlet": "nope"})
        assert r.status_code == 404 and '<p class="error">no articles from outlet &#39;nope&#39; (the Outlets page lists them)</p>' in r.text, path
    if client.get("/api/stories").json()["available"]:
        assert main(["stories", "--outlet", "nope", "--db", str(web_db[0])]) == 3
    # known outlets, "?" among them (the rewrite names none), and no outlet at all still list
    for outlet in ["rt.com", "?", ""]:
        for path in ["/api/stories", "/api/articles", "/stories", "/articles"]:
            assert client.get(path, params={"outlet": outlet}).status_code == 200, (path, outlet)
    # where every article names an outlet, "?" is none of them; before analyze too
    db = tmp_path / "outlets.db"
    with Store(db) as st:
        st.add_articles([rt])
    with TestClient(create_app(db), base_url=BASE) as c:
        for path in ["/api/stories", "/api/articles"]:
            assert c.get(path, params={"outlet": "rt.com"}).status_code == 200, path
            assert c.get(path, params={"outlet": "?"}).json()["detail"] == "no articles from outlet '?' (GET /api/outlets lists them)", path
        assert c.get("/stories", params={"outlet": "?"}).status_code == 404


def test_openapi_describes_typed_responses(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for p in ["/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/stories/{story_id}",
              "/api/compare", "/api/outlets", "/api/upload", "/api/health"]:
        assert p in paths, p
    ok = paths["/api/articles/{article_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/ArticleDetail"}
    # a story's articles page as a list's do: the same limit (50 unless asked, at most 200) and offset
    paging = {p: {q["name"]: q["schema"] for q in paths[p]["get"]["parameters"] if q["name"] in ("limit", "offset")}
              for p in ["/api/articles", "/api/stories", "/api/stories/{story_id}"]}
    assert paging["/api/stories/{story_id}"] == paging["/api/articles"] == paging["/api/stories"]
    assert paging["/api/articles"]["limit"]["default"] == 50 and paging["/api/articles"]["limit"]["maximum"] == 200
    for listed in ("ArticleList", "StoryList", "StoryDetail"):
        assert {"total", "offset", "limit"} <= set(spec["components"]["schemas"][listed]["required"]), listed
    assert not any(p.startswith("/articles") for p in paths)  # pages stay out of the API schema
    # each reads the database, which another process may keep locked: the 503 that answers then
    for p, ops in paths.items():
        for method, op in ops.items():
            busy = op["responses"].get("503", {}).get("content", {}).get("application/json", {}).get("schema")
            assert busy == {"$ref": "#/components/schemas/Problem"}, (method, p)


def test_openapi_names_every_field_of_a_quote_and_a_count(client: TestClient) -> None:
    # an article's quotes and counts carry every field of model.Quote / model.Quantity (window_hours
    # and source included), so the schema that describes them names each one
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    detail = schemas["ArticleDetail"]["properties"]
    for key, cls in (("quotes", Quote), ("quantities", Quantity)):
        item = schemas[detail[key]["items"]["$ref"].rsplit("/", 1)[1]]
        assert set(item["properties"]) == {f.name for f in dataclasses.fields(cls)}, key


# -- escaping and security --------------------------------------------------------------------------


def test_hostile_article_is_escaped_everywhere(client: TestClient, ids: dict[str, str]) -> None:
    from urllib.parse import quote

    pages = [f"/articles/{quote(ids['hostile'], safe='')}", "/articles", f"/compare?ids={quote(ids['hostile'], safe='')}&ids={ids['rt']}"]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        body = r.text
        assert "<script>window" not in body and "<img src=x" not in body and "<iframe" not in body, url
        assert "<svg/onload" not in body and "<b onmouseover" not in body, url
        assert not re.search(r"""href=["']?\s*javascript:""", body, re.I), url
        assert "&lt;script&gt;window.__pwned" in body, url
    article = client.get(f"/api/articles/{quote(ids['hostile'], safe='')}").json()
    assert article["title"] == HOSTILE_RECORD["title"]  # the API returns data, unchanged


def test_security_headers(client: TestClient) -> None:
    r = client.get("/articles")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert client.get("/api/health").headers["content-security-policy"] == csp


def test_head_is_get_without_the_body(client: TestClient, ids: dict[str, str]) -> None:
    for url in ["/", "/stories", "/articles", f"/articles/{ids['rt']}", "/outlets", "/upload", "/api/health",
                "/api/articles?q=Aleppo", f"/api/articles/{ids['rt']}", "/api/stories", "/api/openapi.json",
                "/static/app.css", "/static/app.js"]:
        get, head = client.get(url), client.head(url)
        assert (head.status_code, get.status_code) == (200, 200), url
        assert head.content == b"" and get.content, url
        for name in ("content-type", "content-length", "content-security-policy", "x-content-type-options"):
            assert head.headers[name] == get.headers[name], (url, name)
    assert client.head(f"/articles/{ids['rt']}x").status_code == 404
    r = client.post("/api/articles")  # a method no route takes is a 405 that says which ones do
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"


def test_a_405_names_every_method_its_url_takes(client: TestClient, ids: dict[str, str]) -> None:
    """``/upload`` is a GET route (the form) and a POST route (its submission): Starlette's 405 named
    the first route's methods alone, ``Allow: GET, HEAD``, as if the form could not be sent."""
    for url, allow in [("/upload", "GET, HEAD, POST"), ("/api/upload", "POST"), ("/api/articles", "GET, HEAD"),
                       (f"/articles/{ids['rt']}", "GET, HEAD"), ("/static/app.css", "GET, HEAD")]:
        r = client.put(url)
        assert r.status_code == 405 and r.headers["allow"] == allow, (url, r.headers.get("allow"))
    assert client.delete("/upload").headers["allow"] == "GET, HEAD, POST"


def test_foreign_host_header_refused(client: TestClient) -> None:
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not read the data. The
    refusal carries the security headers every other answer does (it had none of them), a POST's too."""
    from newstrace.web.app import SECURITY_HEADERS

    for r in (client.get("/api/articles", headers={"host": "evil.example"}), client.get("/", headers={"host": "evil.example"}),
              client.post("/upload", data={"text": "Title\n\nbody"}, headers={"host": "evil.example"})):
        assert r.status_code == 400
        assert {k: r.headers.get(k) for k in SECURITY_HEADERS} == SECURITY_HEADERS
    assert client.get("/api/articles", headers={"host": "localhost:8000"}).status_code == 200


def test_static_files_served_from_memory_only(client: TestClient) -> None:
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    for bad in ["/static/../app.py", "/static/%2e%2e%2fapp.py", "/static/..%2f..%2fpyproject.toml",
                "/static/app.py", "/static/__init__.py", "/static//etc/passwd"]:
        assert client.get(bad).status_code == 404, bad
    # an unknown file is the app's 404 (HTML for a browser, with the security headers), as elsewhere
    missing = client.get("/static/nope.css", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "content-security-policy" in missing.headers


def test_a_page_names_its_script_and_style_by_their_content(client: TestClient, ids: dict[str, str]) -> None:
    """app.js and app.css are cached an hour: under a bare ``/static/app.js`` a browser ran the old
    script on the new pages for that hour after an upgrade. Each page's link now carries a hash of
    the file it names, so changed bytes are a new URL."""
    import hashlib

    page = client.get(f"/articles/{ids['rt']}").text
    for name in ("app.css", "app.js"):
        (href,) = re.findall(rf'(?:href|src)="(/static/{re.escape(name)}[^"]*)"', page)
        served = client.get(html.unescape(href))
        assert served.status_code == 200 and served.headers["cache-control"] == "public, max-age=3600"
        assert href.endswith("?v=" + hashlib.sha256(served.content).hexdigest()[:12]), href


def test_database_is_read_only(client: TestClient) -> None:
    repo = client.app.state.repo  # type: ignore[attr-defined]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        repo.conn.execute("DELETE FROM articles")
    assert client.get("/api/articles").json()["total"] == 3


def test_safe_url_and_highlight() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JaVaScRiPt:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url('https://x.example/"onmouseover=') is None
    assert safe_url("https://www.rt.com/news/1") == "https://www.rt.com/news/1"
    assert safe_url("https://") is None and safe_url("https:///x") is None  # no host: no link
    text = "a <b>quoted [x] words</b> end"
    html = str(highlight(text, [Ann(2, 25, "psg", href="#t"), Ann(11, 16, "quote"), Ann(12, 15, "diff")]))
    assert "<b>" not in html and "&lt;b&gt;" in html
    # the differing word sits inside both the passage and the quote highlight
    assert '<a class="psg" href="#t"><span class="quote"><span class="diff">[x]</span></span></a>' in html.replace("\n", "")


# -- upload ---------------------------------------------------------------------------------------


def _post(client: TestClient, url: str, data: dict[str, Any] | None = None, files: Any = None, **kw: Any) -> Any:
    return client.post(url, data=data or {}, files=files, **kw)


def test_upload_pasted_text_gives_report(client: TestClient, rt: Any, rewrite: Any) -> None:
    r = _post(client, "/api/upload", files=[
        ("files", ("rt.txt", rt.text.encode(), "text/plain")),
        ("files", ("rewrite.txt", rewrite.text.encode(), "text/plain")),
    ])
    assert r.status_code == 200, r.text
    d = r.json()
    assert len(d["articles"]) == 2 and d["saved"] is False
    assert all(not (a.get("source") or "").startswith("/") for a in d["articles"])
    if _stage(client, "compare"):
        assert d["report"] and {a["id"] for a in d["report"]["articles"]} == {a["id"] for a in d["articles"]}
    page = _post(client, "/upload", data={"text": "A title\n\n" + rt.text})
    assert page.status_code == 200 and "Upload report" in page.text


def test_an_upload_s_columns_stand_as_its_drawing_does(client: TestClient, rt: Any, rewrite: Any) -> None:
    """The seeds uploaded as two plain texts, which carry no date: the columns stood in the order
    of the upload, the drawing in the order of the ids, so one of the two orders showed the
    rewrite's column first and RT's node first. Both follow ``drawing.reading_order`` now, the
    upload's order breaking the tie."""
    if not _stage(client, "compare"):
        pytest.skip("compare stage (newstrace.compare.compare_articles) not installed")
    seen = []
    for order in ((rt, rewrite), (rewrite, rt)):
        page = _post(client, "/upload", files=[("files", (f"{i}.txt", a.text.encode(), "text/plain")) for i, a in enumerate(order)]).text
        graph = page[page.index('<svg class="graph"'):]
        drawn = re.findall(r'data-article="([^"]+)"', graph[:graph.index("</svg>")])
        assert re.findall(r'<section class="column" data-col="\d+" data-article="([^"]+)"', page) == drawn
        assert len(drawn) == 2
        seen.append(drawn)
    assert seen[0] == seen[1][::-1]  # undated: as uploaded


def test_upload_of_a_stored_id_with_other_text_gets_claims_of_its_own_text(client: TestClient, rt: Any, rewrite: Any) -> None:
    # The rt article's id with the rewrite's text: analyze stored claims for the id, but of rt's
    # text; reused here they were a 500 (a span past the end) or quotes at the wrong characters.
    if not _stage(client, "compare"):
        pytest.skip("compare stage (newstrace.compare.compare_articles) not installed")
    line = json.dumps({"id": rt.id, "title": rewrite.title, "text": rewrite.text}, ensure_ascii=False)
    r = _post(client, "/api/upload", files=[("files", ("same-id.jsonl", line.encode(), "text/plain"))])
    assert r.status_code == 200, r.text
    report = r.json()["report"]
    spans = [sp for g in report["quotes"] for v in g["variants"] for sp in v["spans"]]
    counts = report["quantities"][rt.id]
    assert spans and counts
    assert all(rewrite.text[x["start"] : x["end"]] == x["text"] for x in spans + counts)
    # quotes and counts the rewrite's own (stored) claims have, at the same offsets
    stored = client.get(f"/api/articles/{rewrite.id}").json()
    assert {(x["start"], x["end"]) for x in spans} <= {(q["start"], q["end"]) for q in stored["quotes"]}
    assert [(q["start"], q["end"]) for q in counts] == [(q["start"], q["end"]) for q in stored["quantities"]]
    page = _post(client, "/upload", files=[("files", ("same-id.jsonl", line.encode(), "text/plain"))])
    assert page.status_code == 200 and "Upload report" in page.text


def test_upload_of_stored_texts_under_other_metadata_is_reported_as_uploaded(client: TestClient, rt: Any, rewrite: Any) -> None:
    # The compare cache was keyed on ids and texts only: the same texts uploaded again with another
    # outlet and date got the report of the first upload (its outlets, its order of publication).
    if not _stage(client, "compare"):
        pytest.skip("compare stage (newstrace.compare.compare_articles) not installed")

    def upload(outlet: str, published: str) -> dict[str, Any]:
        lines = [
            json.dumps({"id": rt.id, "title": rt.title, "text": rt.text, "outlet": outlet, "published": published}),
            json.dumps({"id": rewrite.id, "title": rewrite.title, "text": rewrite.text, "published": "2016-11-01"}),
        ]
        r = _post(client, "/api/upload", files=[("files", ("two.jsonl", "\n".join(lines).encode(), "text/plain"))])
        assert r.status_code == 200, r.text
        return {a["id"]: a for a in r.json()["report"]["articles"]}

    first = upload("rt.com", "2016-10-31")
    again = upload("other.example", "2016-11-05")
    assert first[rt.id]["outlet"] == "rt.com" and again[rt.id]["outlet"] == "other.example"
    assert str(again[rt.id]["published"]).startswith("2016-11-05")


def test_upload_of_a_text_uploaded_before_under_another_name_is_named_as_uploaded(client: TestClient, rt: Any) -> None:
    # An article with no outlet or title is named by its file; the compare cache, keyed on the
    # articles without their source, named a pasted text by the file another upload gave it
    # ("upload: rt-lead.txt"), a name from someone else's request.
    if not _stage(client, "compare"):
        pytest.skip("compare stage (newstrace.compare.compare_articles) not installed")
    lead = rt.text.split("\n")[0]  # one line: no title line, all body

    def label(**kw: Any) -> str:
        r = _post(client, "/api/upload", **kw)
        assert r.status_code == 200, r.text
        (a,) = r.json()["report"]["articles"]
        return str(a["label"])

    assert label(files=[("files", ("rt-lead.txt", lead.encode(), "text/plain"))]) == "upload: rt-lead.txt"
    assert label(data={"text": lead}) == "upload: pasted text"


def test_an_unexpected_error_is_the_app_s_error_answer(web_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(web_db[0])

    def broken() -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(app.state.repo, "count_articles", broken)
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        r = c.get("/api/health")
    assert r.status_code == 500 and r.headers["content-type"] == "application/json"
    assert "internal error" in r.json()["detail"] and "a bug" not in r.text
    assert r.headers["content-security-policy"] == CSP and r.headers["x-frame-options"] == "DENY"


def test_upload_report_links_only_to_stored_articles(client: TestClient, ids: dict[str, str]) -> None:
    # the seeds' text files without rt's .meta.json: the rewrite is stored as uploaded, rt (no
    # outlet, no URL now) is another article, which the database does not hold
    from conftest import EXAMPLES

    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(EXAMPLES.glob("*.txt"))]
    uploaded = [a["id"] for a in _post(client, "/api/upload", files=files).json()["articles"]]
    assert ids["rewrite"] in uploaded and ids["rt"] not in uploaded and len(uploaded) == 2
    page = _post(client, "/upload", files=files)
    assert page.status_code == 200
    hrefs = {h.replace("&amp;", "&") for h in re.findall(r'href="(/[^"#]*)"', page.text)}
    assert f"/articles/{ids['rewrite']}" in hrefs
    for h in hrefs:
        assert client.get(h).status_code == 200, h
    for i in uploaded:  # both are in the graph, linked or not
        assert f'data-article="{i}"' in page.text


def test_an_uploaded_sidecar_gives_its_file_the_metadata_ingest_gives_it(client: TestClient, ids: dict[str, str]) -> None:
    """The seeds dropped with rt's .meta.json, as ``ingest examples/*`` takes them: the sidecar was
    read as a JSON record file of its own ("record has no text or html field ... found outlet, url,
    published"), so RT's report had no outlet, URL or date and another id than ``ingest`` gives it
    (stored, a second copy of the article). Sent with its file it is that file's metadata; alone,
    it is named as metadata whose file the upload lacks, in ``ingest``'s words."""
    from conftest import EXAMPLES

    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(EXAMPLES.iterdir())]
    assert any(name.endswith(".meta.json") for _, (name, _, _) in files)
    d = _post(client, "/api/upload", files=files).json()
    assert d["warnings"] == []
    got = {a["id"]: a for a in d["articles"]}
    assert set(got) == {ids["rt"], ids["rewrite"]}
    assert got[ids["rt"]]["outlet"] == "rt.com" and got[ids["rt"]]["published"] == "2016-10-30"
    assert got[ids["rt"]]["url"] == "https://www.rt.com/news/364760-un-envoy-shelling-aleppo/"
    lone = [f for f in files if not f[1][0].startswith("001_")] + [f for f in files if f[1][0].endswith(".meta.json")]
    d = _post(client, "/api/upload", files=lone).json()
    assert [a["id"] for a in d["articles"]] == [ids["rewrite"]]
    assert d["warnings"] == [
        "001_b27ff7eeccda9d61.meta.json: metadata for the article file of the same name (NAME.txt, NAME.html or "
        "NAME.mhtml), "
        "not an article, and the upload holds no such file"
    ]


def test_the_upload_form_and_its_refusal_name_every_type_it_takes(client: TestClient) -> None:
    """``.ndjson`` and ``.text`` were read but neither the form's list nor a refusal named them."""
    from newstrace.web.upload import ALLOWED

    form = client.get("/upload").text
    said = _post(client, "/api/upload", files=[("files", ("x.exe", b"MZ", "application/octet-stream"))]).json()["detail"]
    refused = _post(client, "/upload", files=[("files", ("x.exe", b"MZ", "application/octet-stream"))]).text
    for ext in ALLOWED:
        assert re.search(rf"choose files \([^)]*{re.escape(ext)}\b", form), ext
        assert re.search(rf'accept="[^"]*{re.escape(ext)}\b', form), ext
        assert re.search(rf"{re.escape(ext)}\b", said) and re.search(rf'class="error"[^<]*{re.escape(ext)}\b', refused), ext


def test_upload_type_and_size_checks(web_db: tuple[Path, dict[str, str]]) -> None:
    small = Limits(max_upload_bytes=4000)
    with TestClient(create_app(web_db[0], limits=small), base_url=BASE) as c:
        r = _post(c, "/api/upload", files=[("files", ("x.exe", b"MZ\x90\x00", "application/octet-stream"))])
        assert r.status_code == 400 and "unsupported file type" in r.json()["detail"]
        r = _post(c, "/api/upload", files=[("files", ("x.txt", b"\x00\x01\x02" * 100, "text/plain"))])
        assert r.status_code == 400 and "binary" in r.json()["detail"]
        r = _post(c, "/api/upload", data={"text": "x" * 5000})
        assert r.status_code == 413
        r = _post(c, "/api/upload", data={})
        assert r.status_code == 400 and "nothing to compare" in r.json()["detail"]
        r = _post(c, "/upload", data={"text": "x" * 5000})
        assert r.status_code == 413 and "limit" in r.text
        r = _post(c, "/api/upload", files=[("files", ("../../etc/passwd.txt", b"Title\n\nSome article text " * 10, "text/plain"))])
        assert r.status_code == 200
        assert "etc" not in str(r.json()["warnings"])


def test_more_articles_than_compare_takes_is_refused_in_the_servers_words_from_the_library_s_check(
    client: TestClient, web_db: tuple[Path, dict[str, str]], rt: Any, rewrite: Any
) -> None:
    """The web app checked ``max_compare_articles`` itself and said "2 articles is more than the 1
    compare accepts", words of its own beside ``compare_articles``' ``TooManyArticles``. The check
    is the library's (``check_count``), before any claims are extracted, and the words are its
    error's ``page_line``: the server's limit and the variable that raises it where it runs, no
    function or command its user cannot call. The upload and the compare of stored ids say it alike."""
    if not _stage(client, "compare"):
        pytest.skip("compare stage (newstrace.compare.compare_articles) not installed")
    from newstrace.compare import compare_articles
    from newstrace.compare.core import TooManyArticles

    db, ids = web_db
    one = Limits(max_compare_articles=1)
    said = "compare: 2 articles, more than the 1 this server compares at once (NEWSTRACE_MAX_COMPARE_ARTICLES, set where it runs, raises it); compare fewer"
    assert str(TooManyArticles(2, 1).page_line()) == said
    files = [("files", ("rt.txt", rt.text.encode(), "text/plain")), ("files", ("rewrite.txt", rewrite.text.encode(), "text/plain"))]
    with TestClient(create_app(db, limits=one), base_url=BASE) as c:
        r = _post(c, "/api/upload", files=files)
        assert (r.status_code, r.json()["detail"]) == (413, said)
        page = _post(c, "/upload", files=files)
        assert page.status_code == 413 and said in page.text
        r = c.get("/api/compare", params={"ids": [ids["rt"], ids["rewrite"]]})
        assert (r.status_code, r.json()["detail"]) == (413, said)
    # the library's own words stay the library's
    with pytest.raises(TooManyArticles, match=r"^compare_articles: articles: 2 given, more than the limit of 1 "):
        compare_articles([rt, rewrite], limits=one)


def test_an_uploaded_file_named_with_a_slash_is_named_in_full_and_escaped(client: TestClient, rt: Any) -> None:
    """A file named 'Bad </b> one.json' was named 'b> one.json' in the upload's warnings, cut at its
    slash as if it were a folder's; it is named in full, escaped on the page. A name that is a path
    (a '..' part, a backslash) still names its last part alone."""
    files = [("files", ("RT </b> report.txt", rt.text.encode(), "text/plain")),
             ("files", ("Bad </b> one.json", b"{not json", "text/plain")),
             ("files", ("C:\\Users\\me\\empty.txt", b"", "text/plain"))]
    d = _post(client, "/api/upload", files=files[:2]).json()
    assert [w.split(":")[0] for w in d["warnings"]] == ["Bad </b> one.json"]
    page = _post(client, "/upload", files=files[:2]).text
    assert '<p class="warning">Bad &lt;/b&gt; one.json: invalid JSON' in page and "</b> one.json" not in page
    r = _post(client, "/api/upload", files=files[2:])
    assert r.status_code == 400 and r.json()["detail"] == "empty.txt: empty file"


def test_pasted_text_takes_its_outlet_date_title_and_url_from_the_form(client: TestClient, rt: Any, rewrite: Any) -> None:
    """Pasted text had no field for its outlet or date: RT's article pasted was "no date", and the
    report linked it to the rewrite without a direction. The form's fields describe it now."""
    files = [("files", ("rewrite.txt", rewrite.text.encode(), "text/plain")),
             ("files", ("rewrite.meta.json", b'{"published": "2016-11-02", "outlet": "theantimedia.com"}', "application/json"))]
    about = {"text": rt.text, "text_outlet": "rt.com", "text_date": "30 October 2016", "text_title": "UN envoy appalled",
             "text_url": "https://www.rt.com/news/364760-un-envoy-shelling-aleppo/"}
    d = _post(client, "/api/upload", data=about, files=files).json()
    pasted, = (a for a in d["articles"] if a["outlet"] != "theantimedia.com")
    assert (pasted["outlet"], pasted["published"], pasted["title"], pasted["url"]) == (
        "rt.com", "2016-10-30", "UN envoy appalled", "https://www.rt.com/news/364760-un-envoy-shelling-aleppo/")
    if _stage(client, "compare"):
        from newstrace.model import has_direction

        edges = d["report"]["provenance"]
        assert edges and all(has_direction(e["evidence"]) for e in edges), edges
        assert {(e["source"], e["derived"]) for e in edges} == {(pasted["id"], next(a["id"] for a in d["articles"] if a is not pasted))}
        undirected = _post(client, "/api/upload", data={"text": rt.text}, files=files).json()["report"]["provenance"]
        assert not all(has_direction(e["evidence"]) for e in undirected), undirected
    without = _post(client, "/api/upload", data={"text": rt.text}, files=files).json()
    assert [a["published"] for a in without["articles"] if a["outlet"] != "theantimedia.com"] == [None]


def test_a_pasted_text_s_unreadable_date_is_refused_and_said(client: TestClient, rt: Any) -> None:
    from markupsafe import escape

    for data, said in [
        ({"text": rt.text, "text_date": "last Tuesday"}, "the pasted text's date 'last Tuesday' could not be read"),
        ({"text": rt.text, "text_url": "www.rt.com/news"}, "the pasted text's URL must start with http:// or https://"),
        ({"text_outlet": "rt.com"}, "describe the pasted text: paste its text too"),
    ]:
        r = _post(client, "/api/upload", data=data)
        assert r.status_code == 400 and said in r.json()["detail"], (data, r.text)
        page = _post(client, "/upload", data=data)
        assert page.status_code == 400 and said.replace("'", "&#39;") in page.text, data
        for name, value in data.items():  # the form comes back as it was filled
            filled = f'>{escape(value)}</textarea>' if name == "text" else f'name="{name}" value="{escape(value)}"'
            assert filled in page.text, name


def test_upload_takes_every_file_type_ingest_reads(client: TestClient, rt: Any, rewrite: Any) -> None:
    """The form took .txt .text .html .htm .json .jsonl .ndjson .csv; a .tsv, .mhtml, .warc or a
    gzipped file that ``ingest`` reads was refused as "unsupported file type"."""
    import gzip

    tsv = f"id\toutlet\tpublished\ttext\nr1\trt.com\t2016-10-30\t{rt.text.replace(chr(10), ' ').replace(chr(9), ' ')}\n"
    files = [("files", ("rt.tsv.gz", gzip.compress(tsv.encode()), "application/gzip")),
             ("files", ("rewrite.txt.gz", gzip.compress(rewrite.text.encode()), "application/gzip"))]
    r = _post(client, "/api/upload", files=files)
    assert r.status_code == 200, r.text
    assert sorted(a["outlet"] or "" for a in r.json()["articles"]) == ["", "rt.com"]
    r = _post(client, "/api/upload", files=[("files", ("rt.tsv", tsv.encode(), "text/tab-separated-values"))])
    assert r.status_code == 200 and [a["outlet"] for a in r.json()["articles"]] == ["rt.com"], r.text
    r = _post(client, "/api/upload", files=[("files", ("x.zip", b"PK\x03\x04", "application/zip"))])
    assert r.status_code == 400 and ".warc.gz" in r.json()["detail"] and ".tsv" in r.json()["detail"]


def test_upload_of_too_many_articles_is_refused_at_the_first_past_the_limit(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upload of more than ``MAX_ARTICLES`` articles was refused only after every article of
    its up to 5 MB had been read and cleaned (tens of thousands in a CSV of short rows); the
    reading stops at the first article past the limit, and the refusal is the same 413."""
    import newstrace.web.upload as upload
    from newstrace.web.upload import MAX_ARTICLES

    pulled: list[int] = []
    read_unique = upload.read_unique

    def counting(*args: Any, **kw: Any) -> Iterator[Article]:
        for a in read_unique(*args, **kw):
            pulled.append(1)
            yield a

    monkeypatch.setattr(upload, "read_unique", counting)
    lines = [json.dumps({"id": f"n{i}", "text": f"Article number {i} reports its own news from the north."}) for i in range(400)]
    files = [("files", ("many.jsonl", "\n".join(lines).encode(), "text/plain"))]
    r = _post(client, "/api/upload", files=files)
    assert r.status_code == 413, r.text
    assert len(pulled) == MAX_ARTICLES + 1  # not the 400 of the file
    assert r.json()["detail"] == f"more than {MAX_ARTICLES} articles in one upload; at most {MAX_ARTICLES}"
    page = _post(client, "/upload", files=files)
    assert page.status_code == 413 and f"at most {MAX_ARTICLES}" in page.text
    # as many as the limit are read, every one (the report of 50 is left to the other tests' speed)
    payload = [("limit.jsonl", ".jsonl", "\n".join(lines[:MAX_ARTICLES]).encode())]
    assert len(upload._read(payload, None)[0]) == MAX_ARTICLES
    with pytest.raises(LimitError):
        upload._read([("more.jsonl", ".jsonl", "\n".join(lines[: MAX_ARTICLES + 1]).encode())], None)


def test_upload_lists_the_first_warnings_and_counts_the_rest(client: TestClient) -> None:
    """An upload answered with every warning its records gave (each date that cannot be read
    named): the answer lists the first ``MAX_WARNINGS``, a line counting the rest and the total."""
    from newstrace.web.upload import MAX_WARNINGS

    n = MAX_WARNINGS + 10
    lines = [
        json.dumps({"id": f"w{i}", "published": f"unknown {chr(97 + i % 26)}{chr(97 + i // 26)}",
                    "text": f"Article number {i} reports its own news from the north."})
        for i in range(n)
    ]
    files = [("files", ("undated.jsonl", "\n".join(lines).encode(), "text/plain"))]
    d = _post(client, "/api/upload", files=files).json()
    assert len(d["articles"]) == n and d["warnings_total"] == n
    assert len(d["warnings"]) == MAX_WARNINGS + 1 and "date 'unknown aa' cannot be read" in d["warnings"][0]
    assert d["warnings"][-1] == "and 10 more warnings"
    page = _post(client, "/upload", files=files).text
    assert "and 10 more warnings" in page and "unknown za" not in page  # the 26th, not listed


def test_upload_refuses_cross_site_posts(client: TestClient) -> None:
    r = _post(client, "/api/upload", data={"text": "Title\n\nbody text " * 20}, headers={"origin": "https://evil.example"})
    assert r.status_code == 403


def test_a_form_posted_from_a_sandboxed_frame_of_another_site_is_refused(tmp_path: Path, rt: Any) -> None:
    """Chromium sent this app's own upload form (under ``Referrer-Policy: no-referrer``) with ``Origin:
    null, Sec-Fetch-Site: same-origin``, and a form another site's sandboxed iframe submits to it
    with ``Origin: null, Sec-Fetch-Site: cross-site`` (both seen in Chromium 2026-12); the null
    origin let the second store RT's text in a ``--writable`` server, and still did from a browser
    that sends no ``Sec-Fetch-Site``. Under ``Referrer-Policy: same-origin`` the app's form sends its
    origin, and ``Origin: null`` is refused whatever else the request says."""
    db = tmp_path / "w.db"
    with Store(db):
        pass
    data = {"text": f"{rt.title}\n\n{rt.text}", "save": "true"}
    with TestClient(create_app(db, readonly=False), base_url=BASE) as c:
        for site in ("cross-site", "same-site"):
            for url in ("/upload", "/api/upload"):
                r = _post(c, url, data=data, headers={"origin": "null", "sec-fetch-site": site})
                assert r.status_code == 403 and "cross-site request refused" in r.text, (site, url)
        with Store(db, readonly=True) as st:
            assert st.count_articles() == 0
        for headers in ({"origin": "null"}, {"origin": "null", "sec-fetch-site": "same-origin"}):
            r = _post(c, "/upload", data=data, headers=headers)
            assert r.status_code == 403 and "cross-site request refused" in r.text, headers
        with Store(db, readonly=True) as st:
            assert st.count_articles() == 0
        assert c.get("/upload").headers["referrer-policy"] == "same-origin"
        r = _post(c, "/upload", data=data, headers={"origin": BASE, "sec-fetch-site": "same-origin"})
        assert r.status_code == 200
    with Store(db, readonly=True) as st:
        assert st.count_articles() == 1


def test_upload_stores_only_when_writable(tmp_path: Path, rt: Any) -> None:
    db = tmp_path / "w.db"
    with Store(db) as st:
        st.add_articles([rt])
    files = [("files", ("a.txt", b"A new headline\n\n" + b"Some body text about Aleppo. " * 20, "text/plain"))]
    with TestClient(create_app(db), base_url=BASE) as c:
        r = _post(c, "/api/upload", data={"save": "true"}, files=files)
        assert r.status_code == 200 and r.json()["saved"] is False
        assert "read-only" in " ".join(r.json()["warnings"])
    with Store(db, readonly=True) as st:
        assert st.count_articles() == 1
    with TestClient(create_app(db, readonly=False), base_url=BASE) as c:
        r = _post(c, "/api/upload", data={"save": "true"}, files=files)
        assert r.status_code == 200 and r.json()["saved"] is True
    with Store(db, readonly=True) as st:
        assert st.count_articles() == 2


def test_a_paste_saved_again_after_an_upgrade_is_the_article_it_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every paste is "pasted text", and a text without a URL was known by its words alone: the
    same paste saved again after an upgrade that cleans it otherwise was stored a second time.
    The paste itself is the input: the article it saved is updated under its id; another paste
    (the rewrite) is another article."""
    from fuzz.samples import REWRITE_TXT, RT_TXT
    from test_ingest import _older_cleaning

    db = tmp_path / "w.db"
    with Store(db):
        pass
    rt_paste = {"text": RT_TXT.read_text(encoding="utf-8"), "save": "true"}

    def save(data: dict[str, str]) -> tuple[str, list[str]]:
        r = _post(c, "/api/upload", data=data)
        assert r.status_code == 200 and r.json()["saved"] is True, r.text
        (article,) = r.json()["articles"]
        return str(article["id"]), r.json()["warnings"]

    def stored() -> list[tuple[str, str]]:
        with Store(db, readonly=True) as st:
            return [(a.id, a.text) for a in st.iter_articles()]

    with TestClient(create_app(db, readonly=False), base_url=BASE) as c:
        _older_cleaning(monkeypatch)
        first, said = save(rt_paste)
        assert said == []
        monkeypatch.undo()
        (before,) = stored()
        read_as, said = save(rt_paste)
        ((kept, text),) = stored()
        assert kept == first != read_as and text != before[1] and "Leave a comment" not in text
        assert said == [f"pasted text was stored before, as article {first}, and is kept under that id with its text "
                        f"as read now; {read_as} in this report is that article"]
        assert save(rt_paste)[1] == said  # and again: unchanged, under that id
        assert save({"text": REWRITE_TXT.read_text(encoding="utf-8"), "save": "true"})[1] == []
    assert len(stored()) == 2


def test_an_upload_of_a_page_stored_under_another_id_says_which(tmp_path: Path) -> None:
    """RT's page uploaded without its address is "RT International"'s; uploaded again with it,
    it is "rt.com"'s, under another id: the article stored, which the upload says, naming the id
    stored (the one its page has), rather than storing it a second time."""
    from test_ingest import RT_LATER_URL, rt_international_page

    page = rt_international_page()
    no_address = page.replace(f'<meta property="og:url" content="{RT_LATER_URL}">', "")
    db = tmp_path / "w.db"
    with Store(db):
        pass
    with TestClient(create_app(db, readonly=False), base_url=BASE) as c:
        first = _post(c, "/api/upload", data={"save": "true"}, files=[("files", ("rt.html", no_address.encode(), "text/html"))]).json()
        (stored,) = first["articles"]
        r = _post(c, "/api/upload", data={"save": "true"}, files=[("files", ("rt-page.html", page.encode(), "text/html"))]).json()
        (again,) = r["articles"]
        assert (stored["outlet"], again["outlet"], r["saved"]) == ("RT International", "rt.com", True)
        said = [w for w in r["warnings"] if "already stored" in w]
        # one sentence naming the file (it read "upload: rt-page.html: 1 article already stored ...")
        assert said == [f"rt-page.html is already stored, as article {stored['id']} (the same text from the same outlet, "
                        f"or at the same address), so it was not stored again; {again['id']} in this report is that article"]
    with Store(db, readonly=True) as st:
        assert [a.id for a in st.iter_articles()] == [stored["id"]]


# -- the seeds, once the stages have landed --------------------------------------------------------


def test_compare_page_marks_shared_quote_and_variant(client: TestClient, ids: dict[str, str]) -> None:
    if not _stage(client, "compare"):
        pytest.skip("compare stage (newstrace.compare.compare_articles) not installed")
    r = client.get("/compare", params=[("ids", ids["rt"]), ("ids", ids["rewrite"])])
    assert r.status_code == 200
    html = r.text
    cols = html.split('<section class="column"')[1:]
    assert len(cols) == 2
    for col in cols:
        # the de Mistura quotation is a shared passage linked to its counterpart ...
        assert re.search(r'<a class="psg[^"]*" href="#c[01]-p\d+-\d+"', col)
        # ... and "[attacks,]" is marked as differing inside it
        assert re.search(r'class="[^"]*diff[^"]*"[^>]*>(?:<[^>]+>)*\[attacks,\]', col), "no diff mark on [attacks,]"
    api = client.get("/api/compare", params=[("ids", ids["rt"]), ("ids", ids["rewrite"])]).json()
    edges = [(e["source"], e["derived"]) for e in api["provenance"]]
    assert (ids["rt"], ids["rewrite"]) in edges


def test_a_story_article_without_an_outlet_is_not_named_as_one(client: TestClient, ids: dict[str, str]) -> None:
    """The story's list of articles heads its names "outlet": the rewrite, which names none, was
    listed there as "“United Nations Finally … Civilians”", read as an outlet's name. The row says
    so beside it now; rt.com's stands alone."""
    story = next((st for st in client.get("/api/stories").json()["stories"] if st["first_seen_outlet"] == "rt.com"), None)
    if story is None:
        pytest.skip("stories not available (corpus stage not installed or not run)")
    page = client.get(f"/stories/{story['id']}").text
    rows = {box: row for box, row in re.findall(r'name="ids" value="([^"]+)".*?</td>(.*?)</tr>', page, re.S)}
    cell = '<td class="outlet" role="cell" data-label="outlet">'
    assert cell + "<bdi>“United Nations Finally … Civilians”</bdi> <span class=\"dim\">(no outlet: named by its title)</span></td>" in rows[ids["rewrite"]]
    assert cell + "<bdi>rt.com</bdi></td>" in rows[ids["rt"]] and "no outlet" not in rows[ids["rt"]]


def test_seeds_are_one_story(client: TestClient, ids: dict[str, str]) -> None:
    d = client.get("/api/stories").json()
    if not d["available"]:
        pytest.skip("stories not available (corpus stage not installed or not run)")
    # the list says which page it is, as /api/articles does
    assert (d["offset"], d["limit"]) == (0, 50) and d["total"] >= len(d["stories"])
    assert client.get("/api/stories", params={"offset": 1, "limit": 3}).json()["stories"] == d["stories"][1:4]
    story_of = {}
    for st in d["stories"]:
        for a in client.get(f"/api/stories/{st['id']}").json()["articles"]:
            story_of[a["id"]] = st
    assert story_of[ids["rt"]]["id"] == story_of[ids["rewrite"]]["id"], "analyze put the two seed articles in different stories"
    story = story_of[ids["rt"]]
    assert story["first_seen_outlet"] == "rt.com"
    page = client.get(f"/stories/{story['id']}")
    # its id and dates, as `newstrace story` heads it; the rewrite, which names no outlet, is counted
    # as such: "2 article(s) from 1 outlet(s)" read as both rt.com's; counts in words ("1 outlet")
    named = [o["outlet"] for o in story["outlets"] if o["outlet"] is not None]  # null: the articles naming none, last
    head = re.sub(r"<[^>]+>", "", page.text.split('<p class="dim">story ', 1)[1].split("</p>", 1)[0])
    assert f'story {head}'.startswith(f'story {story["id"]} · {story["size"]} articles from {len(named)} outlet{"s" * (len(named) > 1)} and 1 with no outlet · {story["start"]} – {story["end"]} · first seen:'), head
    # which article was first: a link to it, named as the findings name it
    assert f'first seen: <a class="first-seen" href="/articles/{ids["rt"]}" dir="auto">rt.com</a>' in page.text
    assert page.status_code == 200 and 'class="graph"' in page.text
    assert f'data-source="{ids["rt"]}" data-derived="{ids["rewrite"]}"' in page.text
    assert "the number on an arrow, as its width, is how sure that direction is" in page.text
    # ... and what the Pairs list's "similarity" is
    assert "their similarity, how alike the story clustering finds their content, from 0 to 1." in page.text
    # the timeline's row of the rewrite, which names no outlet, is named as the drawing names it: it
    # said "? (no outlet)" beside a drawing naming it by its title
    timeline = page.text.split('<svg class="timeline"')[1].split("</svg>")[0]
    graph = page.text.split('<svg class="graph"')[1].split("</svg>")[0]
    rows = re.findall(r'class="outlet end">([^<]*)</text>', timeline)
    assert "rt.com" in rows and "? (no outlet)" not in rows and "(no outlet)" not in rows, rows
    (title_row,) = [r for r in rows if r.startswith("“United Nations")]
    assert title_row.rstrip("…") in graph, (title_row, graph)
    # the drawing's note says how to read an arrow's evidence where nothing hovers (a phone)
    assert "(on a touch screen, read it in the list of arrows below)" in page.text and "click (or tap) an arrow" in page.text
    listing = client.get("/stories").text
    assert f'href="/stories/{story["id"]}"' in listing
    # the rewrite names no outlet: the network names it "(no outlet)", as its tooltip, its arrows'
    # and the tables do (the node was "?"), and its links list its stories
    assert client.get(f"/api/articles/{ids['rewrite']}").json()["outlet"] is None
    outlets = client.get("/outlets").text
    assert 'href="/stories?outlet=%3F"' in outlets
    network = outlets.split('<svg class="network"')[1].split("</svg>")[0]
    node = network.split('href="/stories?outlet=%3F"')[1].split("</a>")[0]
    assert "<title>(no outlet)</title>" in node and re.search(r'class="outlet \w+">\(no outlet\)</text>', node), node
    assert "\u2068?\u2069" not in network and ">?<" not in outlets.split('<table class="outlets"')[1]
    assert '<td class="wraps" dir="auto">(no outlet)</td>' in outlets  # the table of arrows
    # ... which the JSON names null, as the article itself and `newstrace outlets --json` do
    net = client.get("/api/outlets").json()
    assert None in {o["outlet"] for o in net["outlets"]} and ("rt.com", None) in {(e["source"], e["derived"]) for e in net["edges"]}
    assert f'href="/stories/{story["id"]}"' in client.get("/stories?outlet=%3F").text
    # ... and its link to the articles without an outlet lists them, as the API does
    assert 'href="/articles?outlet=%3F"' in client.get("/outlets").text
    assert f'href="/articles/{ids["rewrite"]}"' in client.get("/articles?outlet=%3F").text
    none = client.get("/api/articles", params={"outlet": "?"}).json()
    assert none["total"] == len(none["articles"]) >= 1 and all(a["outlet"] is None for a in none["articles"])
    assert ids["rewrite"] in [a["id"] for a in none["articles"]] and ids["rt"] not in [a["id"] for a in none["articles"]]


def test_outlets_table_heads_its_columns_as_the_cli_does(client: TestClient, web_db: tuple[Path, dict[str, str]]) -> None:
    """The web page headed "first-seen share" and wrote "78 %" where ``newstrace outlets`` heads
    "share first" and writes "78%"; the page now says it as the terminal does."""
    import os
    import subprocess
    import sys

    page = client.get("/outlets").text
    if "first in</th>" not in page:
        pytest.skip("outlet statistics not available (corpus stage not run)")
    said = subprocess.run([sys.executable, "-m", "newstrace", "outlets", "--db", str(web_db[0])], capture_output=True,
                          text=True, env={**os.environ, "COLUMNS": "200"}, check=True).stdout
    shares = re.findall(r"(\d+%)\s*│?\s*$", said, re.M)
    assert "share first" in said and shares, said
    assert ">share first</th>" in page and "first-seen share" not in page
    assert re.findall(r'<td class="num">(\d+%)</td></tr>', page) == shares, (said, page)


def test_story_rows_count_the_articles_without_an_outlet_and_threads_filter(client: TestClient, ids: dict[str, str]) -> None:
    """As ``newstrace stories`` does: the seeds' story is rt.com's and an article without an outlet
    (the rewrite); the outlet menu offers those, and a thread lists its own stories only."""
    d = client.get("/api/stories").json()
    if not d["available"]:
        pytest.skip("stories not available (corpus stage not installed or not run)")
    story = next(st for st in d["stories"] if ids["rt"] in [a["id"] for a in client.get(f"/api/stories/{st['id']}").json()["articles"]])
    row = re.search(rf'<tr class="story" data-story="{story["id"]}" role="row">(.*?)</tr>', client.get("/stories").text, re.S)
    # outlets, then "(no outlet)" for the rest, as the Outlets page names them ("?" before)
    assert row is not None and re.search(r'<td class="outlet" role="cell" data-label="outlets">(<bdi>[^<]*</bdi>, )*<bdi>rt\.com</bdi>, <bdi>\(no outlet\)</bdi></td>', row.group(1))
    # the headings say what they count: "coverage" was a bar of colours no legend named
    head = client.get("/stories").text.split('<table class="stories stacks" role="table">')[1].split("</thead>")[0]
    assert '<th title="each outlet&#39;s share of its articles, in the order of the outlets column (hover a part for its count)" role="columnheader">coverage</th>' in head
    assert '<th class="num" title="articles in the story" role="columnheader">size</th>' in head
    menu = client.get("/stories", params={"outlet": "?"}).text
    assert re.search(r'<option value="\?" selected>\(no outlet\) \(1\)</option>', menu)
    assert '<option value="?"' in client.get("/articles").text
    # threads: the heading links to the thread's stories, which the filter lists, and nothing else
    thread = story["thread"]
    assert f'href="/stories?thread={thread}"' in client.get("/stories").text
    own = client.get("/api/stories", params={"thread": thread}).json()
    assert own["total"] >= 1 and {st["thread"] for st in own["stories"]} == {thread}
    assert story["id"] in [st["id"] for st in own["stories"]]
    # a thread id no thread has is a 404 naming it, as `stories --thread` exits 3; not "no stories"
    none = client.get("/api/stories", params={"thread": "t-none"})
    assert none.status_code == 404 and "no thread with id 't-none'" in none.json()["detail"]
    page = client.get("/stories", params={"thread": "t-none"})
    assert page.status_code == 404 and "no thread with id" in page.text
    # a unique prefix of the id lists the same stories, as `stories --thread` takes one; "t" is every thread's
    assert client.get("/api/stories", params={"thread": thread[:-2]}).json()["stories"] == own["stories"]
    if len({st["thread"] for st in d["stories"]}) > 1:
        several = client.get("/api/stories", params={"thread": "t"})
        assert several.status_code == 404 and re.search(r"matches \d+ threads: t", several.json()["detail"])
        # the page links each to its stories
        page = client.get("/stories", params={"thread": "t"})
        assert page.status_code == 404 and f'<li><a href="/stories?thread={thread}">{thread}</a>' in page.text
    page = client.get("/stories", params={"thread": thread}).text
    assert f'href="/stories/{story["id"]}"' in page and f'name="thread" value="{thread}"' in page
    # the filtered list says it is one thread's and leads back to all; a story page leads to its thread
    assert re.search(rf'<p class="count">\d+ stor(y|ies) in thread {thread} · <a href="/stories">all threads</a>', page)
    assert f'<a class="thread-link" href="/stories?thread={thread}">' in client.get(f"/stories/{story['id']}").text


def test_a_story_id_prefix_is_taken_as_the_cli_takes_it(tmp_path: Path, rt: Any, rewrite: Any,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """``newstrace story`` takes a unique prefix of a story id (``CorpusResults.find_story``): the
    story page redirects it to the full id's URL, the API answers for the full id, and a prefix of
    several stories is a 404 saying so (the page and the API used to take exact ids only)."""
    from datetime import date
    from urllib.parse import urlsplit

    from newstrace.cli.main import main
    from newstrace.model import Article

    db = tmp_path / "prefix.db"
    other = Article.create(
        "Flamengo beat Palmeiras 2-1 at the Maracana on Sunday to win the Brazilian championship, "
        "their coach said after the match in Rio de Janeiro.", title="Flamengo win the title",
        outlet="sport.example", published=date(2019, 11, 24))
    analysed_or_skip(db, [rt, rewrite, other])
    with TestClient(create_app(db), base_url=BASE) as c:
        stories = [st["id"] for st in c.get("/api/stories").json()["stories"]]
        assert len(stories) >= 2
        sid = stories[0]
        prefix = next(sid[:n] for n in range(1, len(sid)) if [x for x in stories if x.startswith(sid[:n])] == [sid])
        assert main(["story", prefix, "--db", str(db), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["story"]["id"] == sid
        # the page: to the full id's URL, query string kept
        r = c.get(f"/stories/{prefix}", params={"x": "1"}, follow_redirects=False)
        assert r.status_code == 307
        to = urlsplit(r.headers["location"])
        assert (to.path, to.query) == (f"/stories/{sid}", "x=1")
        assert c.get(f"/stories/{prefix}").text == c.get(f"/stories/{sid}").text
        assert c.get(f"/stories/{sid}", follow_redirects=False).status_code == 200
        # the API: the full id's answer
        assert c.get(f"/api/stories/{prefix}").json() == c.get(f"/api/stories/{sid}").json()
        # a prefix of several: an error naming it, as the CLI's
        several = sid[0]  # "s": every story's
        assert sum(x.startswith(several) for x in stories) >= 2
        # in the same words, the database named as '--db' and 'serve --db' were given, naming the
        # stories it matches with their labels (it said "matches more than one story" and no more)
        labels = {st["id"]: st["label"] for st in c.get("/api/stories").json()["stories"]}
        matching = sorted(x for x in stories if x.startswith(several))
        named = ", ".join(f'{x} "{labels[x]}"' for x in matching)
        said = f"story id prefix {several!r} matches {len(matching)} stories: {named} "
        assert main(["story", several, "--db", str(db)]) == 3
        assert capsys.readouterr().err.strip() == f"newstrace: error: {said}(see 'newstrace stories --db {db}')"
        # the API ends with the endpoint that lists them, not a command to run on the server
        r = c.get(f"/api/stories/{several}")
        assert r.status_code == 404 and r.json() == {"detail": f"{said}(GET /api/stories lists them)"}
        # the page lists them, each a link to its page
        r = c.get(f"/stories/{several}", follow_redirects=False)
        assert r.status_code == 404 and f"matches {len(matching)} stories" in r.text
        for x in matching:
            assert f'<li><a href="/stories/{x}">{x}</a> {html.escape(labels[x])}</li>' in r.text
        # where to look them up: the Stories page, not a command to run on the server
        assert "(the Stories page lists them)" in r.text and "newstrace stories" not in r.text
        # unknown: 404 as before
        assert c.get("/stories/nope", follow_redirects=False).status_code == 404
        assert c.get("/api/stories/nope").json()["detail"] == "no story with id 'nope' (GET /api/stories lists them)"
    # the id of a story merged into another (an old link): the page redirects to the survivor's
    gone = next(x for x in stories if x != sid)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE stories SET merged_into=? WHERE id=?", (sid, gone))
    with TestClient(create_app(db), base_url=BASE) as c:
        r = c.get(f"/stories/{gone}", follow_redirects=False)
        assert r.status_code == 307 and urlsplit(r.headers["location"]).path == f"/stories/{sid}"
        assert c.get(f"/api/stories/{gone}").json()["story"]["id"] == sid


def test_stories_search_takes_every_word_in_any_order(client: TestClient, rt: Any) -> None:
    if not client.get("/api/stories").json()["available"]:
        pytest.skip("stories not available (corpus stage not installed or not run)")
    words = rt.title.split()  # "UN Syria envoy ‘appalled’ by ... in Aleppo"
    query = f"{words[-1]} {words[2]}"  # "Aleppo envoy": both in the title, not as a phrase
    assert query not in rt.title
    found = client.get("/api/stories", params={"q": query}).json()
    story_ids = [st["id"] for st in found["stories"]]
    assert found["total"] == 1 and rt.id in [a["id"] for a in client.get(f"/api/stories/{story_ids[0]}").json()["articles"]]
    assert story_ids == [st["id"] for st in client.get("/api/stories", params={"q": f"{words[2]} {words[-1]}"}).json()["stories"]]
    assert f'href="/stories/{story_ids[0]}"' in client.get("/stories", params={"q": query}).text
    # as the articles search: every word must appear
    assert client.get("/api/stories", params={"q": query + " Zanzibar"}).json()["total"] == 0
    # a NUL ended SQLite's LIKE pattern there, so "\x00Zanzibar" matched everything; "?q=%00" alone
    # still matched every story (the word split dropped it) and the page echoed it into its search
    # box: a control character in a search value is refused, as a value too long is
    for url, name in (("articles", "q"), ("stories", "q"), ("stories", "outlet"), ("stories", "thread")):
        for value in ("\x00", "\x00Zanzibar", query + " \x1b"):
            r = client.get(f"/api/{url}", params={name: value})
            assert r.status_code == 422 and r.json()["detail"][0]["msg"].startswith("holds the control character U+00"), (url, name, value)
            page = client.get(f"/{url}", params={name: value})
            assert page.status_code == 422 and f"bad request: {name}" in page.text and "\x00" not in page.text
            assert "holds the control character U+00" in page.text and "Value error" not in page.text
    assert client.get("/api/articles", params={"outlet": "\x00"}).status_code == 422
    # a tab is a space to the search
    assert client.get("/api/stories", params={"q": query.replace(" ", "\t")}).json()["total"] == 1
    assert rt.id in [a["id"] for a in client.get("/api/articles", params={"q": query}).json()["articles"]]
    # a word of the text alone finds the article, not its story: the pages say where each looks
    assert "suffocation" in rt.text and "suffocation" not in rt.title.lower()
    assert client.get("/api/articles", params={"q": "suffocation"}).json()["total"] >= 1
    assert client.get("/api/stories", params={"q": "suffocation"}).json()["total"] == 0
    assert 'placeholder="words in story labels or article titles"' in client.get("/stories").text
    assert 'placeholder="words in titles or texts"' in client.get("/articles").text


@pytest.mark.data
def test_search_folds_case_beyond_ascii(tmp_path: Path) -> None:
    """SQLite's LIKE folds ASCII alone: 'aleppo' found "ALEPPO", but 'şubat' did not find a Turkish
    report's "Şubat" nor 'österreich' an Austrian one's "Österreich". Both searches fold every
    script now, a word in capitals too, and an ASCII word is found as before."""
    import csv

    from conftest import require_data

    csv.field_size_limit(10**9)
    with require_data("semeval8", "pairs_train.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    turkish = next(r["text1"] for r in rows if r["lang1"] == "tr" and "Şubat" in r["text1"] and "şubat" not in r["text1"])
    german = next(r["text1"] for r in rows if r["lang1"] == "de" and "Österreich" in r["text1"]
                  and "österreich" not in r["text1"])
    db = tmp_path / "n.db"
    with Store(db) as st:
        st.add_articles([Article.create(turkish, title="Haber", outlet="tr"),
                         Article.create(german, title="Meldung", outlet="de")])
    with TestClient(create_app(db), base_url=BASE) as c:
        def found(q: str) -> list[str | None]:
            return [a["outlet"] for a in c.get("/api/articles", params={"q": q}).json()["articles"]]

        assert found("şubat") == found("ŞUBAT") == ["tr"]
        assert found("österreich") == found("ÖSTERREICH") == ["de"]
        assert found("Österreich şubat") == []  # every word, in one article
        assert found("haber") == ["tr"]  # ASCII, as before


@pytest.mark.data
def test_search_finds_a_word_that_folds_to_ascii(tmp_path: Path) -> None:
    """A word was case-folded before its rule was chosen: 'Straße' folds to the ASCII 'strasse',
    which LIKE then looked for, so a German report's "Breslauer Straße" (SemEval-2022 train) was not
    found by the very word it holds. A word with a letter outside ASCII is looked for folded."""
    import csv

    from conftest import require_data

    csv.field_size_limit(10**9)
    with require_data("semeval8", "pairs_train.csv").open(encoding="utf-8", newline="") as f:
        german = next(r["text1"] for r in csv.DictReader(f) if r["lang1"] == "de" and "Breslauer Straße" in r["text1"])
    db = tmp_path / "n.db"
    with Store(db) as st:
        st.add_articles([Article.create(german, title="Meldung", outlet="de")])
    with TestClient(create_app(db), base_url=BASE) as c:
        def found(q: str) -> list[str | None]:
            return [a["outlet"] for a in c.get("/api/articles", params={"q": q}).json()["articles"]]

        assert found("Straße") == found("STRAẞE") == found("breslauer straße") == ["de"]


def _semeval_text(lang: str, holds: str, lacks: str = "") -> str:
    """The first SemEval-2022 train text of ``lang`` that holds ``holds`` (and not ``lacks``)."""
    import csv

    from conftest import require_data

    csv.field_size_limit(10**9)
    with require_data("semeval8", "pairs_train.csv").open(encoding="utf-8", newline="") as f:
        return next(r["text1"] for r in csv.DictReader(f)
                    if r["lang1"] == lang and holds in r["text1"] and not (lacks and lacks in r["text1"]))


def _fakes_rows(holding: str) -> list[dict[str, str]]:
    """The FA-KES dev rows whose text holds ``holding``."""
    import csv

    from conftest import require_data

    with require_data("fakes", "fakes_dev.csv").open(encoding="utf-8", errors="replace", newline="") as f:
        return [r for r in csv.DictReader(f) if holding in r["article_content"]]


def _accents_db(db: Path) -> dict[str, list[str]]:
    """Real reports that write a name with its accents and others that leave them out: FNC-1's
    bodies with "Guantánamo" and with "Guantanamo", and with "Lake Mälaren" and "Malaren" (under a
    headline of theirs), FA-KES dev's with "Erdogan", a Turkish report (SemEval-2022) with
    "Erdoğan" in its headline, a German one with "Breslauer Straße". Their ids by what they write."""
    from conftest import fnc1_bodies

    bodies = fnc1_bodies()
    turkish = _semeval_text("tr", "Erdoğan'dan, depremde şehit olan güvenlik korucusunun ailesine", "Erdogan")
    german = _semeval_text("de", "Breslauer Straße")
    arts: dict[str, list[Article]] = {
        "Guantánamo": [Article.create(t, title=f"FNC-1 body {b}", outlet="fnc1") for b, t in sorted(bodies.items())
                       if "Guantánamo" in t],
        "Guantanamo": [Article.create(t, title=f"FNC-1 body {b}", outlet="fnc1") for b, t in sorted(bodies.items())
                       if "Guantanamo" in t and "Guantánamo" not in t],
        "Mälaren": [Article.create(bodies["383"], title="No, it's not Tiger Woods selling an island in Lake Mälaren",
                                   outlet="fnc1")],
        "Malaren": [Article.create(bodies[b], title=f"FNC-1 body {b}", outlet="fnc1") for b in ("604", "2444")],
        "Erdogan": [Article.create(r["article_content"], title=r["article_title"], outlet=r["source"])
                    for r in _fakes_rows("Erdogan")],
        "Erdoğan": [Article.create(turkish, title=turkish.split("\n")[0], outlet="tr")],
        "Straße": [Article.create(german, title="Meldung", outlet="de")],
    }
    assert "Malaren" in bodies["604"] and "Mälaren" not in bodies["604"] and "Mälaren" in bodies["383"]
    assert all(arts.values()) and len(arts["Erdogan"]) >= 5 and len(arts["Guantanamo"]) >= 5
    with Store(db) as st:
        st.add_articles([a for group in arts.values() for a in group])
    return {spelling: sorted(a.id for a in group) for spelling, group in arts.items()}


@pytest.mark.data
def test_search_finds_a_word_with_or_without_its_accents(tmp_path: Path) -> None:
    """A word typed in ASCII found ASCII text only: 'guantanamo' missed FNC-1's bodies that write
    "Guantánamo", 'erdogan' a Turkish report's "Erdoğan", 'strasse' "Breslauer Straße"; and a word
    typed with its accents missed the reports that leave them out ('Erdoğan' FA-KES's "Erdogan",
    'Mälaren' the bodies with "Malaren"). Words and texts are both folded now (accents dropped,
    case folded), in the Articles and the Stories searches."""
    db = tmp_path / "n.db"
    ids = _accents_db(db)
    with TestClient(create_app(db), base_url=BASE) as c:
        def found(q: str) -> list[str]:
            r = c.get("/api/articles", params={"q": q, "limit": 200}).json()
            assert r["total"] == len(r["articles"])
            return sorted(a["id"] for a in r["articles"])

        guantanamo = sorted(ids["Guantánamo"] + ids["Guantanamo"])
        assert found("guantanamo") == found("Guantánamo") == found("GUANTÁNAMO") == guantanamo
        erdogan = sorted(ids["Erdogan"] + ids["Erdoğan"])
        assert found("Erdoğan") == found("erdogan") == found("ERDOĞAN") == erdogan
        malaren = sorted(ids["Mälaren"] + ids["Malaren"])
        assert found("Mälaren") == found("malaren") == malaren
        assert found("strasse") == found("Straße") == found("breslauer STRASSE") == ids["Straße"]
        # still every word, in one article, in any order
        assert found("erdogan guantanamo") == []
        assert found("Mälaren Tiger") == found("tiger malaren") == malaren
        # what a word as typed found before, it finds still
        assert set(ids["Guantánamo"]) <= set(found("Guantánamo")) and set(ids["Guantanamo"]) <= set(found("guantanamo"))
        # the page's own search box, as the API
        assert f'href="/articles/{ids["Erdoğan"][0]}"' in c.get("/articles", params={"q": "erdogan"}).text

    # the Stories search: labels and member titles, as ``analyze`` and ``load-results`` write them
    from newstrace.store import results as R

    turkish_title = "Erdoğan'dan, depremde şehit olan güvenlik korucusunun ailesine başsağlığı mesajı"

    def story(sid: str, label: str, members: list[str]) -> dict[str, Any]:
        return {"level": "story", "id": sid, "thread": "t" + sid, "label": label, "first_article": members[0],
                "first_outlet": None, "start": None, "end": None, "size": len(members), "outlets": "{}",
                "state": None, "merged_into": None}

    with Store(db) as st, st.transaction() as conn:
        # a label its member's title ("Meldung") does not hold, so that the label alone is looked in
        R.put_cluster_row(conn, story("s-tr", turkish_title, ids["Straße"]))
        R.put_cluster_row(conn, story("s-se", "Tiger Woods island", ids["Mälaren"]))
        R.put_memberships(conn, {ids["Straße"][0]: ("s-tr", 1.0), ids["Mälaren"][0]: ("s-se", 1.0)})
    with TestClient(create_app(db), base_url=BASE) as c:
        def stories(q: str) -> list[str]:
            return sorted(s["id"] for s in c.get("/api/stories", params={"q": q}).json()["stories"])

        assert stories("erdogan") == stories("ERDOĞAN'DAN") == stories("sehit korucusunun") == ["s-tr"]
        assert stories("malaren") == stories("Mälaren") == ["s-se"]  # a member's title
        assert stories("guantanamo") == []
    with Store(db) as st, st.transaction() as conn:  # a story labelled anew, as a later analysis does
        R.put_cluster_row(conn, story("s-tr", "Breslauer Straße", ids["Straße"]))
    with TestClient(create_app(db), base_url=BASE) as c:
        assert [s["id"] for s in c.get("/api/stories", params={"q": "strasse"}).json()["stories"]] == ["s-tr"]
        assert c.get("/api/stories", params={"q": "erdogan"}).json()["total"] == 0


@pytest.mark.data
def test_search_finds_a_name_with_or_without_its_apostrophes(tmp_path: Path) -> None:
    """Arabic names are written with and without an apostrophe, straight or curly, or with the
    transliteration's 'ʿ' and 'ʾ': FNC-1's bodies write "Sana'a", "Sana’a" and "Sanaa", "Qa'ida"
    and "Qaida", "Qur’an", "Qu'ran" and "Quran"; FA-KES dev writes "Daraa", "Daraya" and "Maarat" alone. A
    fact-checker types them either way: 'Sanaa' missed "Sana'a", 'Dar'a' every "Daraa". The
    apostrophes are dropped from the words and the texts alike now, inside and around a word, in the
    Articles and the Stories searches; every word must still appear, in any order. The cost: words
    an apostrophe alone tells apart are one, 'its' finds "it's"."""
    from conftest import fnc1_bodies
    from newstrace.store import results as R

    bodies = fnc1_bodies()

    def holding(*spellings: str) -> list[str]:
        return sorted((b for b, t in bodies.items() if any(w in t for w in spellings)), key=int)

    sanaa, qaida, quran = holding("Sana'a", "Sana’a", "Sanaa"), holding("Qa'ida", "Qaida"), holding("Qur’an", "Qu'ran", "Quran")
    its = next(b for b, t in sorted(bodies.items(), key=lambda bt: int(bt[0]))
               if "it's" in t and "its" not in t.lower() and b not in sanaa + qaida + quran)
    daraa, daraya, maarat = _fakes_rows("Daraa"), _fakes_rows("Daraya"), _fakes_rows("Maarat")
    assert {"1119", "1069", "445"} <= set(sanaa) and "825" in qaida and {"1195", "1956", "226"} <= set(quran)
    assert len(daraa) >= 20 and maarat and not _fakes_rows("Dar'a") and not _fakes_rows("Ma'arat")
    arts = {b: Article.create(bodies[b], title=f"FNC-1 body {b}", outlet="fnc1") for b in sorted({*sanaa, *qaida, *quran, its})}
    fakes = [Article.create(r["article_content"], title=r["article_title"], outlet=r["source"]) for r in daraa + daraya + maarat]
    db = tmp_path / "n.db"
    with Store(db) as st:
        st.add_articles([*arts.values(), *fakes])

    def spelled(*spellings: str) -> list[str]:
        """The articles stored that write one of ``spellings`` (in any case): what the search must find."""
        return sorted({a.id for a in [*arts.values(), *fakes]
                       if any(w.casefold() in f"{a.title}\n{a.text}".casefold() for w in spellings)})

    with TestClient(create_app(db), base_url=BASE) as c:
        def found(q: str) -> list[str]:
            r = c.get("/api/articles", params={"q": q, "limit": 200}).json()
            assert r["total"] == len(r["articles"])
            return sorted(a["id"] for a in r["articles"])

        # before: 'Sanaa' found the seven bodies that write it, "Sana'a" three, 'Sana’a' one
        sanaa_ids = spelled("Sana'a", "Sana’a", "Sanaa")
        assert found("Sanaa") == found("Sana'a") == found("Sana’a") == found("SANA´A") == sanaa_ids
        assert len(sanaa_ids) == 11
        # a scholar's transliteration is other letters: "Ṣanʿāʾ" is 'sana', which other words hold too
        assert set(sanaa_ids) < set(found("Ṣanʿāʾ"))
        qaida_ids = spelled("Qa'ida", "Qaida")
        assert found("qaida") == found("Qa'ida") == found("Qaʿida") == qaida_ids
        assert found("Quran") == found("Qur'an") == found("Qurʾān") == spelled("Qur’an", "Qu'ran", "Quran")
        assert found("‘Daraa’") == found("daraa") == spelled("Daraa")
        # "Dar'a" writes one 'a' where "Daraa" writes two: a word with an apostrophe is a whole word, the
        # apostrophe nothing or one letter; it found 'dara' anywhere, "Daraya" and "Handarat" too
        assert found("Dar'a") == found("Darʿa") == spelled("Daraa") and set(spelled("Daraa")) < set(spelled("Dara"))
        assert not set(found("Dar'a")) & (set(spelled("Daraya", "Handarat")) - set(spelled("Daraa")))
        # a whole word: not "Maarata", another village (FA-KES dev: "Rahbet Maarata Dahret al-Shurfeh")
        assert found("Ma'arat") == found("Maʿarat") == _written(fakes, r"\bmaarat\b") and _written(fakes, "maarata")
        # every word, in one article, in any order: the bodies naming both, however each writes them
        both = sorted(set(sanaa_ids) & set(qaida_ids))
        assert len(both) >= 3 and found("Qa'ida Sanaa") == found("sana’a QAIDA") == both
        assert found("Dar'a Sana'a") == []
        # a word of apostrophes alone is none: the query is no query, as an accent typed alone
        assert c.get("/api/articles", params={"q": "' ’"}).json()["total"] == len({a.id for a in [*arts.values(), *fakes]})
        # the cost: 'its' finds "it's"
        assert arts[its].id in found("its")
        # the page's own search box, as the API
        assert f'href="/articles/{arts["1069"].id}"' in c.get("/articles", params={"q": "Sanaa"}).text

    def story(sid: str, label: str, member: str) -> dict[str, Any]:
        return {"level": "story", "id": sid, "thread": "t" + sid, "label": label, "first_article": member,
                "first_outlet": None, "start": None, "end": None, "size": 1, "outlets": "{}",
                "state": None, "merged_into": None}

    titled = next(a for a in fakes if "Daraa" in a.title)
    with Store(db) as st, st.transaction() as conn:
        # a label of FNC-1's own ("Sana’a" is what body 1069 writes) over a member titled without it,
        # and a FA-KES headline with "Daraa" as a member's title
        R.put_cluster_row(conn, story("s-ye", "Houthis take Sana’a", arts["445"].id))
        R.put_cluster_row(conn, story("s-sy", "Syria", titled.id))
        R.put_memberships(conn, {arts["445"].id: ("s-ye", 1.0), titled.id: ("s-sy", 1.0)})
    with TestClient(create_app(db), base_url=BASE) as c:
        def stories(q: str) -> list[str]:
            return sorted(s["id"] for s in c.get("/api/stories", params={"q": q}).json()["stories"])

        assert stories("sanaa houthis") == stories("Sana'a") == ["s-ye"]
        assert stories("Dar'a") == stories("Darʿa") == ["s-sy"]


def _dashes_db(db: Path) -> list[Article]:
    """Real reports that join words with a hyphen, a dash or a soft hyphen, or write them apart:
    FA-KES dev's that name the Nusra Front ("al-Nusra", "Al-Nusra", "Al Nusra", "Jabhat
    al-Nusra", "Nusra Front" alone) or write "pro-government", and FNC-1's bodies with
    "Global\\u00adPost" (1116, 2524), "Qaeda–linked" (1192, an en dash), "2–3" (1214), "al-Qaeda"
    and "al Qaeda". Stored in ``db``; returned."""
    from conftest import fnc1_bodies

    bodies = fnc1_bodies()
    assert "Global\u00adPost" in bodies["1116"] and "Qaeda–linked" in bodies["1192"] and "2–3" in bodies["1214"]
    picked = sorted({"1116", "2524", "1192", "1214"} | {b for b, t in bodies.items() if "al-Qaeda" in t or "al Qaeda" in t}, key=int)
    rows = {r["article_title"]: r for r in _fakes_rows("Nusra") + _fakes_rows("pro-government")}
    arts = ([Article.create(bodies[b], title=f"FNC-1 body {b}", outlet="fnc1") for b in picked]
            + [Article.create(r["article_content"], title=r["article_title"], outlet=r["source"]) for r in rows.values()])
    with Store(db) as st:
        st.add_articles(arts)
    return arts


def _written(arts: list[Article], pattern: str) -> list[str]:
    """The ids of ``arts`` whose title or text matches ``pattern`` (in any case): what a search
    must find, read from the texts as written, not through ``search_fold``."""
    rx = re.compile(pattern, re.IGNORECASE)
    return sorted({a.id for a in arts if rx.search(a.title or "") or rx.search(a.text)})


#: what the texts above write between two words: a hyphen, a dash, a space, a line break
_JOINED = r"[\s\-‐‑‒–—―]+"


@pytest.mark.data
def test_search_finds_words_joined_by_a_hyphen_a_dash_or_a_space_alike(tmp_path: Path) -> None:
    """FA-KES dev writes "al-Nusra" (47 reports), "Al-Nusra" (37) and "Al Nusra" (10): 'al-Nusra'
    found the hyphen's alone, and two words typed 'al Nusra' are each looked for anywhere, so
    nothing found the name as the space writes it. A hyphen or a dash is a space to the searches
    now, in the words and the texts alike ('al-Nusra' is one word: its halves side by side), the
    soft hyphen nothing (FNC-1's "Global\\u00adPost" is "GlobalPost"), and words in double quotes
    are a phrase: '"al Nusra"' finds the name however it is joined."""
    from newstrace.store import results as R

    db = tmp_path / "n.db"
    arts = _dashes_db(db)
    by_body = {a.title: a.id for a in arts}
    with TestClient(create_app(db), base_url=BASE) as c:
        def found(q: str) -> list[str]:
            r = c.get("/api/articles", params={"q": q, "limit": 200}).json()
            assert r["total"] == len(r["articles"])
            return sorted(a["id"] for a in r["articles"])

        al_nusra = _written(arts, f"al{_JOINED}nusra")
        # before, 'al-Nusra' missed the reports that write "Al Nusra" alone (12 here)
        assert len(set(al_nusra) - set(_written(arts, "al-nusra"))) >= 10
        assert found("al-Nusra") == found("AL‑NUSRA") == found("Al–Nusra") == al_nusra
        # words in double quotes are a phrase: side by side, however the text joins them
        assert found('"al Nusra"') == found("“Al – Nusra”") == found("„al\u00a0nusra“") == al_nusra
        assert found('"al  nusra') == al_nusra  # a quote left open runs to the end
        # words apart are each looked for anywhere, as before: "Nusra Front" with "al" elsewhere too
        assert set(al_nusra) < set(found("al Nusra")) and found("al Nusra") == found("Nusra al")
        jabhat = _written(arts, f"jabhat{_JOINED}al{_JOINED}nusra")
        assert jabhat and found('"Jabhat al Nusra"') == found("jabhat-al-nusra") == found("Jabhat—al—Nusra") == jabhat
        assert set(jabhat) < set(found("Jabhat al-Nusra"))  # two words: "Jabhat" and "al-Nusra" anywhere
        assert found('"al-Nusra" "Jabhat al"') == jabhat  # phrases, like words, must all appear
        pro = _written(arts, f"pro{_JOINED}government")
        assert len(pro) >= 10 and found('"pro government"') == found("PRO-GOVERNMENT") == found("pro–government") == pro
        qaeda_linked = _written(arts, f"qaeda{_JOINED}linked")
        assert by_body["FNC-1 body 1192"] in qaeda_linked and found("Qaeda-linked") == qaeda_linked
        # the soft hyphen vanishes: the two bodies that write "Global\u00adPost" are found by 'GlobalPost'
        assert {by_body["FNC-1 body 1116"], by_body["FNC-1 body 2524"]} <= set(found("GlobalPost"))
        # what a word found when hyphens and dashes counted, it finds still: its text as written holds it
        for q in ("al-", "-Nusra", "al-Nusra", "pro-", "Qaeda–linked", "2–3", "al-Qaeda-linked", "Al-Qaeda"):
            assert set(_written(arts, re.escape(q))) <= set(found(q)), q
        # dashes typed alone are no words: the query is no query, as an apostrophe typed alone
        assert c.get("/api/articles", params={"q": "- – —"}).json()["total"] == c.get("/api/articles").json()["total"]
        page = c.get("/articles", params={"q": '"al Nusra"', "limit": 200}).text
        assert f'href="/articles/{al_nusra[0]}"' in page and 'value="&#34;al Nusra&#34;"' in page
        assert 'title="every word must appear in titles or texts; &quot;words in quotes&quot; side by side"' in page

    titled = next(a for a in arts if a.title and re.search(f"al{_JOINED}nusra", a.title, re.IGNORECASE))
    with Store(db) as st, st.transaction() as conn:
        R.put_cluster_row(conn, {"level": "story", "id": "s-1", "thread": "t-1", "label": "Syria", "first_article": titled.id,
                                 "first_outlet": None, "start": None, "end": None, "size": 1, "outlets": "{}",
                                 "state": None, "merged_into": None})
        R.put_memberships(conn, {titled.id: ("s-1", 1.0)})
    with TestClient(create_app(db), base_url=BASE) as c:
        for q in ("al‑Nusra", "AL-NUSRA", '"AL NUSRA"', "syria al-nusra"):
            assert [s["id"] for s in c.get("/api/stories", params={"q": q}).json()["stories"]] == ["s-1"], q


def _found_by(c: TestClient) -> Any:
    """The Articles search of ``c``'s app: the ids it finds for a query, all of them."""
    def found(q: str) -> list[str]:
        r = c.get("/api/articles", params={"q": q, "limit": 200}).json()
        assert r["total"] == len(r["articles"])
        return sorted(a["id"] for a in r["articles"])
    return found


def _search_db(tmp_path: Path, pattern: str, fakes: tuple[str, ...]) -> tuple[Path, list[Article], dict[str, str]]:
    """A database of the FNC-1 train bodies matching ``pattern`` and the FA-KES dev reports
    writing one of ``fakes``, for the search tests that count what each spelling finds."""
    from conftest import fnc1_bodies

    bodies = fnc1_bodies()
    picked = sorted((b for b, t in bodies.items() if re.search(pattern, t, re.IGNORECASE)), key=int)
    rows = {r["article_title"]: r for word in fakes for r in _fakes_rows(word)}
    arts = ([Article.create(bodies[b], title=f"FNC-1 body {b}", outlet="fnc1") for b in picked]
            + [Article.create(r["article_content"], title=r["article_title"], outlet=r["source"]) for r in rows.values()])
    db = tmp_path / "n.db"
    with Store(db) as st:
        st.add_articles(arts)
    return db, arts, bodies


_CEASEFIRE = ("easefire", "ease-fire", "ease-Fire")


@pytest.mark.data
def test_a_word_a_hyphen_joins_and_the_word_written_whole_find_each_other(tmp_path: Path) -> None:
    """FNC-1's train bodies write "cease-fire" (15 bodies) and "ceasefire" (28), "e-mail" (17) and
    "email" (64); FA-KES dev "cease-fire" (9 reports) and "ceasefire" (36). 'ceasefire' found the
    whole word alone and 'cease-fire' (its words side by side) the hyphen's alone: a user looking
    for one missed the other. The searches' copies now keep each compound a hyphen joins joined as
    well ("ceasefire" beside "cease fire"), and a word typed with a hyphen is looked for joined
    too; a dash (en, em) still parts two words, which stay apart."""
    db, arts, bodies = _search_db(tmp_path, r"cease\W?fire|\be\W?mail", _CEASEFIRE)
    hyphen = "[-\u2010\u2011\u00ad]"  # what joins a compound: a hyphen, or a soft hyphen
    joined, apart = _written(arts, f"cease{hyphen}?fire"), _written(arts, f"cease(?:{_JOINED}|{hyphen})?fire")
    # before: 'ceasefire' missed the texts that write "cease-fire" alone, and 'cease-fire' the whole word
    assert len(set(joined) - set(_written(arts, "ceasefire"))) >= 10 and len(set(joined) - set(_written(arts, f"cease{_JOINED}fire"))) >= 40
    with TestClient(create_app(db), base_url=BASE) as c:
        found = _found_by(c)
        assert found("ceasefire") == found("CEASEFIRE") == joined
        assert found("cease-fire") == found("Cease‑Fire") == found('"cease-fire"') == apart  # "cease fire" too, as before
        email = _written(arts, f"\\be{hyphen}?mail")
        assert len(set(email) - set(_written(arts, "email"))) >= 10
        assert set(email) <= set(found("email")) and set(found("email")) <= set(_written(arts, f"e{hyphen}?mail"))
        assert set(found("email")) <= set(found("e-mail"))
        # two words typed apart find the compound, as ever: each is inside it
        assert set(joined) <= set(found("cease fire"))
    # a dash parts words, joined by no search: FNC-1 body 1214's "2–3" (an en dash) is not "23"
    score = Article.create(bodies["1214"], title="FNC-1 body 1214", outlet="fnc1")
    assert "2–3" in score.text and "23" not in score.text
    with Store(db) as st:
        st.add_articles([score])
    with TestClient(create_app(db), base_url=BASE) as c:
        assert score.id in _found_by(c)("2–3") and score.id not in _found_by(c)("23")


@pytest.mark.data
def test_a_phrase_finds_a_word_a_hyphen_joins_written_whole_and_back(tmp_path: Path) -> None:
    """FNC-1's train bodies and FA-KES dev write "ceasefire agreement" (13 texts) and "cease-fire
    agreement" (4), "ceasefire deal" (9) and "cease-fire deal" (3). A word alone found the other
    spelling ('ceasefire' "cease-fire"), a phrase did not: '"ceasefire agreement"' missed "cease-fire
    agreement", the copies keeping each compound's joined form alone after the text, not among the
    words about it. They now keep it with the words about it (``search_copy``), so a phrase finds
    the compound either way, as a word does; a space typed is still a space ('"cease fire ..."')."""
    db, arts, _ = _search_db(tmp_path, r"cease\W?fire", _CEASEFIRE)
    hyphen = "[-\u2010\u2011\u00ad]"
    with TestClient(create_app(db), base_url=BASE) as c:
        found = _found_by(c)
        for then in ("agreement", "deal"):
            whole, either = _written(arts, f"cease{hyphen}?fire{_JOINED}{then}"), _written(arts, f"cease(?:{_JOINED}|{hyphen})?fire{_JOINED}{then}")
            # before: the phrase typed whole missed the texts that write the compound with its hyphen alone
            assert len(set(whole) - set(_written(arts, f"ceasefire{_JOINED}{then}"))) >= 1, then
            assert found(f'"ceasefire {then}"') == found(f'"CEASEFIRE  {then.upper()}"') == whole, then
            assert found(f'"cease-fire {then}"') == found(f"“cease‑fire {then}”") == either, then
            assert set(whole) <= set(either) and found(f'"the ceasefire {then}"') == _written(arts, f"the{_JOINED}cease{hyphen}?fire{_JOINED}{then}")
        # a space typed is a space, as a word's: '"cease fire agreement"' is not "ceasefire agreement"
        assert found('"cease fire agreement"') == _written(arts, f"cease{_JOINED}fire{_JOINED}agreement") != found('"ceasefire agreement"')


@pytest.mark.data
def test_a_phrase_passes_over_the_punctuation_between_its_words(tmp_path: Path) -> None:
    """FNC-1's train bodies write "Aleppo, Syria" (4 bodies), FA-KES dev "Aleppo Syria" (21
    reports): '"Aleppo Syria"' found FA-KES's alone, the comma standing between the words of the
    phrase. The searches pass over the commas, full stops, colons, brackets and quotation marks at
    a word's edges, in the texts and the words alike; inside a word they stay ("U.S", "3.5")."""
    db, arts, _ = _search_db(tmp_path, r"aleppo", ("Aleppo Syria", "Aleppo, Syria"))
    marks = "[,.;:()\"“”]*"
    phrase = _written(arts, f"aleppo{marks}(?:{_JOINED}){marks}syria")
    assert len(set(phrase) - set(_written(arts, f"aleppo{_JOINED}syria"))) >= 3
    with TestClient(create_app(db), base_url=BASE) as c:
        found = _found_by(c)
        assert found('"Aleppo Syria"') == found('"Aleppo, Syria"') == found("“aleppo (syria)”") == phrase
        assert set(found("Aleppo, Syria.")) == set(found("aleppo syria")) > set(phrase)  # two words, each anywhere
        # inside a word the marks stay: "U.S." is "u.s", not "us" ("US-led" is "us led")
        us = _written(arts, r"\bu\.s\b")
        assert us and found("U.S.") == found("u.s") == us


def test_the_api_lists_say_a_search_of_older_search_copies_finds_less_under_a_key_always_there(tmp_path: Path) -> None:
    """The Articles and Stories pages say a search of a database an older newstrace left behind
    finds less until ``analyze`` upgrades it (a584814); ``/api/articles`` and ``/api/stories``, which
    give the same lists, said nothing, so a client showed a short list as all there is. Each gives
    ``search_behind``: the pages' words, the command in them, for such a search; null for a list
    without a search and once the database is upgraded; the key in every answer."""
    from newstrace.store.migrations import MIGRATIONS
    from test_web_fixtures import seed_articles

    db = tmp_path / "older one.db"
    with Store(db) as st:
        st.add_articles(seed_articles())
    analysed = analyze_if_available(db)
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(f"PRAGMA user_version={len(MIGRATIONS) - 1}")
    lists = ["/api/articles", "/api/stories"] if analysed else ["/api/articles"]
    with TestClient(create_app(db), base_url=BASE) as c:
        for path in lists:
            for q in ("Aleppo", "cease-fire"):  # found, and found nothing: both say it
                said = c.get(path, params={"q": q}).json()["search_behind"]
                assert said.startswith("Search is weaker on this database until 'newstrace analyze --db ") and f"{db}'" in said, (path, q)
                assert said in html.unescape(c.get(path.removeprefix("/api"), params={"q": q}).text), (path, q)  # the pages' words
            assert c.get(path).json()["search_behind"] is None, path  # no search, nothing to say
    with Store(db) as st:  # what any command that writes does first
        assert st.schema_version == len(MIGRATIONS)
    with TestClient(create_app(db), base_url=BASE) as c:
        for path in lists:
            assert c.get(path, params={"q": "Aleppo"}).json()["search_behind"] is None, path


@pytest.mark.data
def test_a_database_from_before_dashes_were_spaces_finds_them_once_migrated(tmp_path: Path) -> None:
    """A database whose searches' copies were folded with their hyphens and dashes (migration 14):
    the web app reads it as it is (its search finds less), the first command that writes it folds
    them again (migrations 15 and 16), and its search finds what a new database's does."""
    from conftest import folded_otherwise
    from newstrace.store.migrations import MIGRATIONS

    db = tmp_path / "n.db"
    arts = _dashes_db(db)
    refold = next(i for i, m in enumerate(MIGRATIONS) if "DELETE FROM articles_folded;" in m)  # its number, less one
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        # the copies as migration 14 wrote them: hyphens and dashes kept (SQL's lower(), for these texts' case)
        conn.execute("UPDATE articles_folded SET title = (SELECT lower(a.title) FROM articles a WHERE a.seq = articles_folded.seq),"
                     " text = (SELECT lower(a.text) FROM articles a WHERE a.seq = articles_folded.seq)")
        conn.execute(f"PRAGMA user_version={refold}")
    assert len(folded_otherwise(db)) >= 80
    # read as it is (its schema is this version's; only its copies are behind: migrations.REFOLDS):
    # the web app serves it, its search finding what the older copies hold of the words
    with TestClient(create_app(db), base_url=BASE) as c:
        behind = _found_by(c)("al-Nusra")
        assert behind and set(behind) < set(_written(arts, f"al{_JOINED}nusra"))
        # a word with an apostrophe is looked for as its older newstrace did, inside others: the
        # copies it made have no space at either end, nor the punctuation at the words' edges dropped
        assert _found_by(c)("Nusra's") == _found_by(c)("nusras") != []
    with Store(db) as st:  # what any command that writes does first
        assert st.schema_version == len(MIGRATIONS)
    assert folded_otherwise(db) == []
    with TestClient(create_app(db), base_url=BASE) as c:
        found = sorted(a["id"] for a in c.get("/api/articles", params={"q": "al-Nusra", "limit": 200}).json()["articles"])
        assert found == _written(arts, f"al{_JOINED}nusra")


def test_a_search_of_a_database_with_older_search_copies_says_it_finds_less_until_analyze(tmp_path: Path) -> None:
    """A database an older newstrace left at migration 14 or 15 is served as it is, its searches
    looking in the copies it made (da0ab2a), which miss "cease-fire" for ceasefire and a quoted
    phrase across a comma: the results said nothing of it. Each search's results now say so with
    the command that upgrades it; a list without a search, and the database upgraded, say nothing."""
    from newstrace.store.migrations import MIGRATIONS
    from test_web_fixtures import seed_articles

    db = tmp_path / "older.db"
    with Store(db) as st:
        st.add_articles(seed_articles())
    analysed = analyze_if_available(db)
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(f"PRAGMA user_version={len(MIGRATIONS) - 1}")  # its copies as migration 15 left them
    said = f"Search is weaker on this database until &#39;newstrace analyze --db {db}&#39; upgrades it"
    pages = ["/articles", "/stories"] if analysed else ["/articles"]
    with TestClient(create_app(db), base_url=BASE) as c:
        for path in pages:
            for q in ("Aleppo", "cease-fire"):  # found, and found nothing: both say it
                page = c.get(path, params={"q": q})
                assert page.status_code == 200 and said in page.text, (path, q)
            assert "Search is weaker" not in c.get(path).text, path  # no search, nothing to say
    with Store(db) as st:  # what any command that writes does first
        assert st.schema_version == len(MIGRATIONS)
    with TestClient(create_app(db), base_url=BASE) as c:
        for path in pages:
            assert "Search is weaker" not in c.get(path, params={"q": "Aleppo"}).text, path


@pytest.mark.data
def test_search_folds_nothing_as_it_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word with a letter outside ASCII was looked for in each row case-folded, a call of Python
    per row (52 ms over 2,200 FA-KES and FNC-1 articles, where an ASCII word took 7). The texts
    are folded once, as they are written (a title and a text per article); a search calls Python
    for no row, whatever its words."""
    import newstrace.store.sqlite as store_sqlite
    from conftest import count_calls

    folded = count_calls(monkeypatch, store_sqlite, "_search_fold")  # before the connections register it
    db = tmp_path / "n.db"
    ids = _accents_db(db)
    assert folded.calls == 2 * sum(map(len, ids.values()))
    folded.calls = 0
    with TestClient(create_app(db), base_url=BASE) as c:
        for q in ("Erdoğan", "guantanamo", "Straße", "Report"):
            assert c.get("/api/articles", params={"q": q}).status_code == 200
        assert c.get("/api/articles", params={"q": "Erdoğan"}).json()["total"] == len(ids["Erdogan"]) + 1
    assert folded.calls == 0


@pytest.mark.data
def test_a_database_from_before_the_folded_copies_finds_words_without_accents(tmp_path: Path) -> None:
    """A database written before the searches folded accents: the migration folds the titles, texts
    and labels it holds, so its search finds them as a new database's does, and the copies follow
    every write after it: an article changed, one added, a story labelled anew."""
    from conftest import folded_otherwise
    from newstrace.store.migrations import MIGRATIONS
    from newstrace.store.sqlite import text_hash

    fresh = tmp_path / "fresh.db"
    ids = _accents_db(fresh)
    with Store(fresh, readonly=True) as st:
        rows = [dict(r) for r in st.conn.execute("SELECT * FROM articles ORDER BY seq")]
    before = next(i for i, m in enumerate(MIGRATIONS) if "articles_folded" in m)  # its number, less one
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.create_function("text_hash", 1, text_hash)  # migration 10's
    for statement in MIGRATIONS[:before]:
        conn.executescript(statement)
    cols = [c for c in rows[0] if c != "seq"]
    conn.executemany(f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                     [[r[c] for c in cols] for r in rows])
    # labelled with words its member's title ("Meldung") does not hold: the label alone is looked in
    conn.execute("INSERT INTO stories (id, label, first_article, size) VALUES ('s-tr', ?, ?, 1)",
                 ("Erdoğan'dan başsağlığı mesajı", ids["Straße"][0]))
    conn.execute("INSERT INTO memberships (article, story, score) VALUES (?, 's-tr', 1.0)", (ids["Straße"][0],))
    conn.execute(f"PRAGMA user_version={before}")
    conn.commit()
    conn.close()
    with Store(db) as st:  # what any command that writes does first
        assert st.schema_version == len(MIGRATIONS)
    assert folded_otherwise(db) == []

    def found(c: TestClient, q: str) -> list[str]:
        return sorted(a["id"] for a in c.get("/api/articles", params={"q": q, "limit": 200}).json()["articles"])

    with TestClient(create_app(db), base_url=BASE) as c:
        assert found(c, "Erdoğan") == found(c, "erdogan") == sorted(ids["Erdogan"] + ids["Erdoğan"])
        assert found(c, "guantanamo") == sorted(ids["Guantánamo"] + ids["Guantanamo"])
        assert found(c, "strasse") == ids["Straße"]
        assert [s["id"] for s in c.get("/api/stories", params={"q": "bassagligi erdogan"}).json()["stories"]] == ["s-tr"]
    # after the migration: the German report read again with its street's name changed, the Turkish
    # one's headline without its accents, a report added, the story labelled anew
    (german_id,) = ids["Straße"]
    with Store(db) as st:
        german = st.get_article(german_id)
        turkish = st.get_article(ids["Erdoğan"][0])
        assert german is not None and turkish is not None
        st.add_articles([dataclasses.replace(german, text=german.text.replace("Breslauer Straße", "Breslauer Platz")),
                         dataclasses.replace(turkish, title="Erdogan'dan bassagligi mesaji"),
                         Article.create(_semeval_text("tr", "Erdoğan", "Erdogan'dan, depremde"), title="Haber", outlet="tr2")])
        with st.transaction() as conn:
            conn.execute("UPDATE stories SET label = 'Deprem' WHERE id = 's-tr'")
    assert folded_otherwise(db) == []
    with TestClient(create_app(db), base_url=BASE) as c:
        assert found(c, "strasse") == [] and found(c, "breslauer platz") == [german_id]
        assert ids["Erdoğan"][0] in found(c, "ERDOĞAN'DAN") and len(found(c, "Erdoğan")) == len(ids["Erdogan"]) + 2
        assert c.get("/api/stories", params={"q": "bassagligi"}).json()["total"] == 0
        assert c.get("/api/stories", params={"q": "deprem"}).json()["total"] == 1


# -- newstrace serve ---------------------------------------------------------------------------------


def test_serve_binds_loopback_by_default(web_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from newstrace.cli import serve
    from newstrace.cli.main import main

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setattr(serve, "check_listen", lambda host, port: None)  # port 8000 may be taken here
    assert main(["serve", "--db", str(web_db[0])]) == 0
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    app = calls[0]["app"]
    assert app.state.repo.readonly is True
    with TestClient(app, base_url="http://evil.example") as c:
        assert c.get("/api/health").status_code == 400  # only loopback Host names are served
    assert main(["serve", "--db", str(web_db[0].parent / "missing.db")]) == 3  # StoreError, no traceback


def test_serve_on_a_port_in_use_fails_in_one_line_before_saying_serving(
    web_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """uvicorn binds after 'newstrace: serving DB on http://...' was printed: a port in use gave
    that line, uvicorn's 'ERROR: [Errno 98] error while attempting to bind ...' and exit 3, the
    code for an unusable database. It is now one newstrace error, exit 1, and no 'serving' line."""
    import socket

    import uvicorn

    from newstrace.cli.main import main

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--db", str(web_db[0]), "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err == f"newstrace: error: 127.0.0.1:{port}: cannot listen there (Address already in use); another server holds the port: give another --port\n"
    assert not calls
    # a host name the resolver cannot even encode (IDNA) raised TypeError: 'internal error', exit 70
    host = "é" + "a" * 70
    assert main(["serve", "--db", str(web_db[0]), "--host", host, "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"newstrace: error: {host}:{port}: cannot listen there (" in err and "internal error" not in err
    assert not calls


@pytest.mark.data
def test_outlets_page_lists_the_strongest_edges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page lists ``OUTLET_EDGE_ROWS`` edges, strongest first, and says how many the API has."""
    from conftest import require_data
    from newstrace.web import pages

    require_data("fakes", "fakes_dev.csv")
    db = tmp_path / "net.db"
    build_db(db, hostile=False, data=True)
    monkeypatch.setattr(pages, "OUTLET_EDGE_ROWS", 2)
    with TestClient(create_app(db), base_url=BASE) as c:
        edges = c.get("/api/outlets").json()["edges"]
        page = c.get("/outlets").text
    assert len(edges) > 2
    table = page.split('<table class="edges">')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 2  # the header and two edges
    first = edges[0]
    cell = rf"<td class=\"wraps\" dir=\"auto\">{re.escape(first['source'] or '?')}</td><td class=\"wraps\" dir=\"auto\">{re.escape(first['derived'] or '?')}</td><td class=\"num\">(<a [^>]*>)?{first['in_story']}(</a>)?</td>"
    cell += rf"<td class=\"num\">{first['count']}</td><td class=\"num\">{first['directed']}</td><td class=\"num\">{first['chars']}</td>"
    assert re.search(cell, table) and "directed" in table.split("</thead>")[0]
    # in the graph, reuse never in one story (stock phrases: al-Manar -> SANA) is drawn dashed
    graph = page.split('<svg class="network"')[1].split("</svg>")[0]
    drawn = re.findall(r'<a class="(edge(?: loose)?)" href="[^"]*" data-evidence="\u2068([^"]+?)\u2069 → \u2068([^"]+?)\u2069: ', graph)
    assert {cls for cls, _, _ in drawn} == {"edge", "edge loose"}
    by_pair = {(e["source"] or "?", e["derived"] or "?"): e for e in edges}  # JSON null, drawn "?"
    assert all((cls == "edge loose") == (by_pair[(a, b)]["in_story"] == 0) for cls, a, b in drawn)
    # and the page says in words what the dashes mean, in its legend and in the table's rows
    assert "A dashed arrow: none of those pairs of articles is in one story" in page
    loose = next(e for e in edges if not e["in_story"])
    monkeypatch.setattr(pages, "OUTLET_EDGE_ROWS", len(edges))
    with TestClient(create_app(db), base_url=BASE) as c:
        rows = c.get("/outlets").text.split('<table class="edges">')[1].split("</table>")[0]
    assert re.search(rf'<td class="wraps" dir="auto">{re.escape(loose["source"] or "?")}</td><td class="wraps" dir="auto">{re.escape(loose["derived"] or "?")}</td>'
                     r'<td class="num">0 <span class="dim">\(dashed\)</span></td>', rows)
    assert f"The 2 strongest of {len(edges)} pairs of outlets" in page


@pytest.mark.data
@pytest.mark.parametrize(("url", "said", "listing", "back"), [
    ("/stories/nope", "no story with id 'nope'", "the Stories page lists them", ("/", "stories")),
    ("/articles/nope", "no article with id 'nope'", "the Articles page lists them", ("/articles", "articles")),
    ("/stories?thread=nope", "no thread with id 'nope'", "the Stories page lists them by thread", ("/", "stories")),
    ("/articles?outlet=nope", "no articles from outlet 'nope'", "the Outlets page lists them", ("/outlets", "outlets")),
])
def test_a_404_page_points_to_the_page_that_lists_them(
    client: TestClient, url: str, said: str, listing: str, back: tuple[str, str]
) -> None:
    """The 404 page of an unknown story, article, thread or outlet told a reader at a browser to
    "see 'newstrace stories --db …'", a command to run on the server, with the server's path to its
    database: it names the page that lists them and leads back to it. The API's ``detail`` names
    the endpoint that lists them."""
    if url.startswith("/stories") and not client.get("/api/stories").json()["available"]:
        pytest.skip("stories not available (corpus stage not installed or not run)")
    page = client.get(url)
    assert page.status_code == 404
    (error,) = re.findall(r'<p class="error">(.*?)</p>', page.text)
    assert html.unescape(error) == f"{said} ({listing})"
    assert "newstrace " not in page.text.split("<main", 1)[1]
    assert f'<a href="{back[0]}">Back to the {back[1]}</a>' in page.text
    api = client.get("/api" + url.replace("/articles/", "/articles/", 1))
    assert api.status_code == 404 and re.fullmatch(re.escape(said) + r" \(GET /api/\w+ lists them( in its threads)?\)", api.json()["detail"]), api.json()


def test_the_compare_page_of_unknown_ids_points_to_the_articles_page(client: TestClient) -> None:
    """Compare of ids no article has: the page said "(see 'newstrace list --db …')"."""
    page = client.get("/compare", params=[("ids", "nope"), ("ids", "zz")])
    assert page.status_code == 404
    assert "no articles with ids &#39;nope&#39;, &#39;zz&#39; (the Articles page lists them)" in page.text
    assert "newstrace list" not in page.text


def _story_head(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The story page's head line (after "story ID · ") of the database's one story."""
    from newstrace.cli.main import main

    capsys.readouterr()
    assert main(["stories", "--db", str(db), "--json"]) == 0
    (story,) = json.loads(capsys.readouterr().out)
    with TestClient(create_app(db), base_url=BASE) as c:
        page = c.get(f"/stories/{story['id']}")
    assert page.status_code == 200
    head = re.sub(r"<[^>]+>", "", page.text.split('<p class="dim">story ', 1)[1].split("</p>", 1)[0])
    return html.unescape(head.split(" · ", 1)[1].split(" · ")[0])


def test_story_page_head_counts_articles_and_outlets_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The story page's head said "1 article(s) from 0 outlet(s) and 1 with no outlet" of a story
    of the rewrite seed alone, which names no outlet: "1 article, with no outlet". RT's seed, a
    copy of it by Sputnik and the rewrite: "3 articles from 2 outlets and 1 with no outlet"."""
    from newstrace.cli.main import main

    alone = tmp_path / "alone.db"
    assert main(["ingest", str(EXAMPLES / "000_6fb2124cbc58fd30.txt"), "--db", str(alone)]) == 0
    assert main(["analyze", "--db", str(alone), "--workers", "1", "--no-claims"]) == 0
    assert _story_head(alone, capsys) == "1 article, with no outlet"
    rt = (EXAMPLES / "001_b27ff7eeccda9d61.txt").read_text(encoding="utf-8")
    title, _, text = rt.partition("\n")
    copy = tmp_path / "copy.jsonl"
    copy.write_text(json.dumps({"id": "sput-1", "outlet": "sputniknews.com", "title": title.strip(), "text": text.strip(),
                                "published": "2016-10-31"}) + "\n", encoding="utf-8")
    three = tmp_path / "three.db"
    assert main(["ingest", str(EXAMPLES), str(copy), "--db", str(three)]) == 0
    assert main(["analyze", "--db", str(three), "--workers", "1", "--no-claims"]) == 0
    assert _story_head(three, capsys) == "3 articles from 2 outlets and 1 with no outlet"


def test_story_page_is_the_cli_story_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``/api/stories/{id}`` and the story page give ``newstrace story ID --json``'s report: the
    passages and provenance ``analyze`` stored. The web used to align every pair of a story again,
    finding passages ``analyze`` never looked for (pairs sharing one candidate key) and provenance
    edges built on them."""
    from conftest import require_data
    from newstrace.cli.main import main

    require_data("fakes", "fakes_dev.csv")
    db = tmp_path / "stories.db"
    with Store(db) as st:  # 120 rows: three of their stories have pairs analyze did not align
        st.add_articles(fakes_sample(120))
    analyze_if_available(db)
    with TestClient(create_app(db), base_url=BASE) as c:
        stories = [st for st in c.get("/api/stories", params={"limit": 200}).json()["stories"] if st["size"] > 1]
        assert stories
        for st in stories:
            web = c.get(f"/api/stories/{st['id']}").json()
            assert main(["story", st["id"], "--db", str(db), "--json"]) == 0
            cli = json.loads(capsys.readouterr().out)
            assert [a["id"] for a in web["articles"]] == [a["id"] for a in cli["articles"]]
            for key in ("pairs", "provenance", "findings", "quotes"):
                assert web["report"][key] == cli["report"][key], (st["id"], key)
            page = c.get(f"/stories/{st['id']}").text
            for e in cli["report"]["provenance"]:
                assert f'data-source="{e["source"]}" data-derived="{e["derived"]}"' in page


def test_story_of_an_article_changed_since_analyze(tmp_path: Path, rt: Any, rewrite: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """An ingest between ``analyze`` runs changes an article's text: its stored passages and claims
    point into the old text, so the story report leaves them out (and extracts its claims) until the
    next ``analyze``."""
    from dataclasses import replace

    from newstrace.cli.main import main

    db = tmp_path / "changed.db"
    analysed_or_skip(db, [rt, rewrite])
    cut = replace(rt, text=rt.text[: len(rt.text) // 3])
    with Store(db) as st:
        assert st.add_articles([cut]).updated == 1
    with TestClient(create_app(db), base_url=BASE) as c:
        (story,) = c.get("/api/stories").json()["stories"]
        web = c.get(f"/api/stories/{story['id']}").json()
        # the lists say, as `newstrace stories` does on stderr, that an article awaits analyze
        lists = [c.get("/stories").text, c.get("/outlets").text]
        for doc in (c.get("/api/stories").json(), c.get("/api/outlets").json()):
            assert (doc["behind"], doc["behind_changed"]) == (1, 1)
    # the changed article is in its story (it was said to be "in no story yet"), its reuse left out
    assert rt.id in {a["id"] for a in web["articles"]}
    assert main(["stories", "--db", str(db)]) == 0
    said = " ".join(capsys.readouterr().err.split())
    hint = ("1 article changed since the last analyze stays in the story its earlier text was placed in, "
            "without its reuse; run &#39;newstrace analyze --db {db}&#39;")
    assert hint.replace("&#39;", "'").format(db=db) in said and "no story" not in said
    for page in lists:
        assert hint.format(db=db) in page
    assert main(["story", story["id"], "--db", str(db), "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    for doc in (web, cli):
        report = doc["report"]
        assert all(not p["shared"] for p in report["pairs"]) and not report["provenance"]
        spans = [sp for g in report["quotes"] for v in g["variants"] for sp in v["spans"] if sp["article"] == rt.id]
        assert spans and all(cut.text[sp["start"] : sp["end"]] == sp["text"] for sp in spans)
    assert web["report"]["quotes"] == cli["report"]["quotes"]


def test_word_counts_are_the_cli_s(client: TestClient, web_db: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    """Every list counts words as ``newstrace list`` and the article page do (``Article.words``),
    not as spaces + 1 (648/691 for the seeds against 658/703)."""
    from newstrace.cli.main import main

    assert main(["list", "--db", str(web_db[0]), "--json"]) == 0
    cli = {a["id"]: a["words"] for a in json.loads(capsys.readouterr().out)}
    listed = {a["id"]: a["words"] for a in client.get("/api/articles").json()["articles"]}
    assert listed == cli
    assert all(client.get(f"/api/articles/{i}").json()["words"] == n for i, n in cli.items())
    page = client.get("/articles").text
    assert all(f'<td class="num" role="cell" data-label="words">{n}</td>' in page for n in cli.values())
    for st in client.get("/api/stories").json()["stories"]:
        for a in client.get(f"/api/stories/{st['id']}").json()["articles"]:
            assert a["words"] == cli[a["id"]]


def test_an_edge_without_direction_has_no_arrowhead() -> None:
    """The web's provenance graph draws an edge whose evidence says "direction_unknown" as a plain
    arc and its tooltip with "—", as the reports do; an oriented edge keeps its arrow."""
    from newstrace.web.render import provenance_svg

    arts = [{"id": "a", "title": "A", "outlet": "x.example", "published": None},
            {"id": "b", "title": "B", "outlet": "y.example", "published": None}]
    unknown = [{"source": "a", "derived": "b", "confidence": 0.5, "evidence": [{"type": "containment"}, {"type": "direction_unknown"}]}]
    svg = str(provenance_svg(arts, unknown))
    assert 'class="edge"' in svg and 'marker-end="url(#arrow)"' not in svg and " — " in svg
    oriented = [{**unknown[0], "evidence": [{"type": "publication_order"}]}]
    svg = str(provenance_svg(arts, oriented))
    assert 'marker-end="url(#arrow)"' in svg and " → " in svg


@pytest.mark.data
def test_a_story_page_draws_an_arrow_s_source_first_among_reports_of_one_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """FA-KES dev, four reports of the gas attack near Damascus all dated 21 August 2013 alone: the
    story page drew them by id, al-Arabiya's 1926479334 ("Reuters reported") before Reuters'
    1926479352, so the arrow reuters -> arabiya ran from the right of the drawing to the left. The
    source now stands first; the pairs no evidence orients keep their order by id. The story's
    table of articles (and the API's list) showed them by id, against the drawing: they follow it."""
    from conftest import require_data
    from newstrace.ingest import read_inputs

    path = require_data("fakes", "fakes_dev.csv")
    ids = ["1926479310", "1926479334", "1926479352", "1926479389"]
    db = tmp_path / "damascus.db"
    analysed_or_skip(db, [a for a in read_inputs([path], on_error=lambda e: None) if a.id in ids])
    with TestClient(create_app(db), base_url=BASE) as c:
        (story,) = c.get("/api/stories").json()["stories"]
        doc = c.get(f"/api/stories/{story['id']}").json()
        assert ("1926479352", "1926479334") in {(e["source"], e["derived"]) for e in doc["report"]["provenance"]}
        page = c.get(f"/stories/{story['id']}").text
        compared = c.get("/compare", params=[("ids", i) for i in ids]).text
    graph = page[page.index('<svg class="graph"'):]
    drawn = re.findall(r'data-article="([^"]+)"', graph[:graph.index("</svg>")])
    assert drawn == ["1926479310", "1926479352", "1926479334", "1926479389"]
    table = page[page.index('<table class="articles stacks"'):]
    assert re.findall(r'name="ids" value="([^"]+)"', table[:table.index("</table>")]) == drawn
    assert [a["id"] for a in doc["articles"]] == drawn
    # the compare page of the four: its columns stand as its drawing does
    graph = compared[compared.index('<svg class="graph"'):]
    assert re.findall(r'data-article="([^"]+)"', graph[:graph.index("</svg>")]) == drawn
    assert re.findall(r'<section class="column" data-col="\d+" data-article="([^"]+)"', compared) == drawn
    # and `newstrace story`'s list of articles, in the terminal and in --json
    from newstrace.cli.main import main

    assert main(["story", story["id"], "--db", str(db), "--json"]) == 0
    assert [a["id"] for a in json.loads(capsys.readouterr().out)["articles"]] == drawn
    assert main(["story", story["id"], "--db", str(db), "--top", "0"]) == 0
    listing = capsys.readouterr().out.split("note:")[0].split("findings (")[0]
    assert re.findall(r"\b(19264793\d\d)\b", listing) == drawn


#: the four FA-KES dev reports of 21 August 2013 (day alone) above, as the drawing puts them:
#: Reuters' 352 before al-Arabiya's 334, which says "Reuters reported"
DAMASCUS = ["1926479310", "1926479334", "1926479352", "1926479389"]
DAMASCUS_DRAWN = ["1926479310", "1926479352", "1926479334", "1926479389"]


@pytest.fixture(scope="module")
def damascus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import require_data
    from newstrace.ingest import read_inputs

    path = require_data("fakes", "fakes_dev.csv")
    db = tmp_path_factory.mktemp("damascus") / "damascus.db"
    analysed_or_skip(db, [a for a in read_inputs([path], on_error=lambda e: None) if a.id in DAMASCUS])
    return db


@pytest.mark.data
def test_the_compare_api_lists_the_articles_as_its_page_shows_them(damascus_db: Path) -> None:
    """``/api/compare`` of the four Damascus reports listed them in the stream's order (by id
    within the day), 334 before 352, while the compare page's columns and drawing put Reuters'
    352 first: one order for the page and its API answer, whatever order the ids are asked in."""
    with TestClient(create_app(damascus_db), base_url=BASE) as c:
        for asked in (DAMASCUS, DAMASCUS[::-1]):
            params = [("ids", i) for i in asked]
            doc = c.get("/api/compare", params=params).json()
            page = c.get("/compare", params=params).text
            columns = re.findall(r'<section class="column" data-col="\d+" data-article="([^"]+)"', page)
            assert columns == DAMASCUS_DRAWN
            assert [a["id"] for a in doc["articles"]] == columns
            assert list(doc["quantities"]) == columns
            assert ("1926479352", "1926479334") in {(e["source"], e["derived"]) for e in doc["provenance"]}


@pytest.mark.data
def test_an_upload_s_api_answer_lists_its_articles_as_its_page_shows_them(damascus_db: Path) -> None:
    """The four uploaded as one JSON Lines file in the order of their ids: ``/api/upload`` listed
    them as uploaded (334 before 352, in ``articles`` and in the report), its page as drawn."""
    with Store(damascus_db, readonly=True) as st:
        records = [{"id": a.id, "outlet": a.outlet, "title": a.title, "published": str(a.published), "text": a.text}
                   for a in st.iter_articles_by_ids(DAMASCUS)]
    body = "".join(json.dumps(r) + "\n" for r in records).encode()
    with TestClient(create_app(damascus_db), base_url=BASE) as c:
        files = [("files", ("four.jsonl", body, "application/json"))]
        doc = _post(c, "/api/upload", files=files).json()
        page = _post(c, "/upload", files=files).text
    columns = re.findall(r'<section class="column" data-col="\d+" data-article="([^"]+)"', page)
    assert columns == DAMASCUS_DRAWN
    assert [a["id"] for a in doc["articles"]] == columns
    assert [a["id"] for a in doc["report"]["articles"]] == columns


@pytest.mark.data
def test_a_story_s_pages_are_slices_of_its_one_order(damascus_db: Path) -> None:
    """The story table is paged, and its order was settled within each page: two to a page, the
    first page listed 310 334 and the second 352 389 (the stream's order cut between al-Arabiya
    and the Reuters report it cites), so the pages put together were not the drawing's order. The
    whole story is ordered first, then cut: 310 352 | 334 389, in the API and on the page."""
    with TestClient(create_app(damascus_db), base_url=BASE) as c:
        (story,) = c.get("/api/stories").json()["stories"]
        api_pages, table_pages = [], []
        for offset in (0, 2):
            doc = c.get(f"/api/stories/{story['id']}", params={"limit": 2, "offset": offset}).json()
            assert doc["total"] == 4
            api_pages.append([a["id"] for a in doc["articles"]])
            page = c.get(f"/stories/{story['id']}", params={"limit": 2, "offset": offset}).text
            table = page[page.index('<table class="articles stacks"'):]
            table_pages.append(re.findall(r'name="ids" value="([^"]+)"', table[:table.index("</table>")]))
        whole = c.get(f"/api/stories/{story['id']}").json()
    assert api_pages == table_pages == [DAMASCUS_DRAWN[:2], DAMASCUS_DRAWN[2:]]
    assert [a["id"] for a in whole["articles"]] == [a["id"] for a in whole["report"]["articles"]] == DAMASCUS_DRAWN


@pytest.mark.data
def test_story_on_the_command_line_covers_the_web_s_first_members(damascus_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """``newstrace story`` took the first members of the stream's order for its report, the web
    app's story page those of its one order (``corpus.report.story_order``): with room for two,
    the command line compared 310 334 (al-Arabiya without the Reuters report it cites) and the
    web 310 352. Both now order the whole story first, then cut, terminal, --json and --html."""
    from newstrace.cli.main import main
    from newstrace.corpus import report as report_mod
    from newstrace.web import repo as repo_mod

    monkeypatch.setattr(repo_mod, "STORY_COMPARE_MAX", 2)
    monkeypatch.setattr(report_mod, "LIMITS", Limits(max_compare_articles=2))
    with TestClient(create_app(damascus_db), base_url=BASE) as c:
        (story,) = c.get("/api/stories").json()["stories"]
        web = c.get(f"/api/stories/{story['id']}").json()
    assert [a["id"] for a in web["report"]["articles"]] == DAMASCUS_DRAWN[:2]
    assert main(["story", story["id"], "--db", str(damascus_db), "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert cli["report_note"] == web["report_note"] == "the report covers the first 2 of 4 articles"
    assert [a["id"] for a in cli["report"]["articles"]] == DAMASCUS_DRAWN[:2]
    assert [a["id"] for a in cli["articles"]] == [a["id"] for a in web["articles"]] == DAMASCUS_DRAWN
    assert main(["story", story["id"], "--db", str(damascus_db), "--top", "0"]) == 0
    said = capsys.readouterr().out
    listing, report = said.split("note:", 1)
    assert re.findall(r"\b(19264793\d\d)\b", listing) == DAMASCUS_DRAWN
    # compared: al-Arabiya's 310 and Reuters' 352 (of 310 and 334 it named them "arabiya #1", "#2")
    assert "reuters 1338-1494" in report and "arabiya #" not in said
    html_out = damascus_db.parent / "story.html"
    assert main(["story", story["id"], "--db", str(damascus_db), "--html", str(html_out)]) == 0
    capsys.readouterr()
    graph = html_out.read_text(encoding="utf-8")
    graph = graph[graph.index('<svg class="graph"'):]
    assert re.findall(r'data-article="([^"]+)"', graph[:graph.index("</svg>")]) == DAMASCUS_DRAWN[:2]
    # the whole story: --json's report lists its articles (and their quantities) as the API's does,
    # not by the stream's order (310 334 352 389)
    monkeypatch.undo()
    assert main(["story", story["id"], "--db", str(damascus_db), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)["report"]
    assert [a["id"] for a in report["articles"]] == list(report["quantities"]) == DAMASCUS_DRAWN


def test_articles_are_named_as_the_findings_name_them(client: TestClient, rt: Any, rewrite: Any) -> None:
    """Two articles of one outlet: the summaries say "rt.com #1" and "rt.com #2"; the page named
    both "rt.com" (columns, evidence, graph), so a reader could not tell which one a finding meant."""
    if not _stage(client, "compare"):
        pytest.skip("compare stage (newstrace.compare.compare_articles) not installed")
    lines = "\n".join(
        json.dumps({"id": f"same-outlet-{k}", "title": a.title, "text": a.text, "outlet": "rt.com", "published": day})
        for k, (a, day) in enumerate([(rt, "2016-10-30"), (rewrite, "2016-11-02T08:30:00Z")])
    )
    files = [("files", ("two.jsonl", lines.encode(), "text/plain"))]
    report = _post(client, "/api/upload", files=files).json()["report"]
    assert {a["id"]: a["label"] for a in report["articles"]} == {"same-outlet-0": "rt.com #1", "same-outlet-1": "rt.com #2"}
    assert any("rt.com #2" in f["summary"] for f in report["findings"])
    page = _post(client, "/upload", files=files).text
    heads = re.findall(r'<span class="name"[^>]*>([^<]*)</span>', page)
    assert heads == ["rt.com #1", "rt.com #2"]
    # dated as the article page and the API date them (it printed Python's "2016-10-30 00:00:00")
    assert re.search(r"rt\.com #2</span> · 2016-11-02T08:30:00\+00:00\s", page)
    jumps = re.findall(r'<a class="jump" href="#c(\d)-[^"]*"><bdi>([^<]*)</bdi>:', page)
    assert jumps and all(name == heads[int(col)] for col, name in jumps)
    graph = page.split('<svg class="graph"')[1].split("</svg>")[0]
    assert '>rt.com #1</text>' in graph and '>rt.com #2</text>' in graph and "\u2068rt.com #1\u2069 → \u2068rt.com #2\u2069" in graph


def test_links_to_an_article_whose_id_holds_url_syntax_reach_it(tmp_path: Path, rt: Any) -> None:
    """An id is one path segment: the graph and timeline put it in ``href`` unquoted and the
    templates kept its ``/``, so ``a/../b?c#d`` led a browser to ``/articles/b`` (404 or another
    article) and ``%41`` to the article ``A``. (TestClient decodes a path twice, so ``%`` is checked
    on the href alone.)"""
    from urllib.parse import urljoin

    from newstrace.model import Article
    from newstrace.web.render import article_href, timeline_svg

    assert article_href("%41") == "/articles/%2541"
    odd = "feed/../2016?page=1#top"
    db = tmp_path / "odd.db"
    with Store(db) as st:
        st.add_articles([rt, Article(id=odd, title="The odd one", text=rt.text, outlet="odd.example")])
    with TestClient(create_app(db), base_url=BASE) as c:
        pages = [c.get("/articles").text, c.get("/compare", params=[("ids", rt.id), ("ids", odd)]).text,
                 str(timeline_svg([{"id": odd, "title": "The odd one", "outlet": "odd.example", "published": None}]))]
        hrefs = {h.replace("&amp;", "&") for p in pages for h in re.findall(r'href="(/articles/[^"]*)"', p)}
        assert len(hrefs) == 2
        for href in hrefs:
            r = c.get(urljoin(BASE + "/articles", href))  # as a browser resolves it: dot segments dropped
            assert r.status_code == 200, href
        odd_pages = [h for h in hrefs if "odd one" in c.get(urljoin(BASE, h)).text]
        assert len(odd_pages) == 1


def test_an_article_with_the_empty_id_has_a_page_its_links_reach(tmp_path: Path, rt: Any, rewrite: Any) -> None:
    """The library stores an article whose id is ``""``; its link was ``/articles/``, the list (307),
    so its page could not be reached, and ``/article?id=`` redirected there too where
    ``/api/article?id=`` gave the article."""
    from newstrace.model import Article

    db = tmp_path / "empty-id.db"
    with Store(db) as st:
        st.add_articles([rewrite, Article(id="", title=rt.title, text=rt.text, outlet=rt.outlet)])
    with TestClient(create_app(db), base_url=BASE) as c:
        hrefs = [html.unescape(h) for h in re.findall(r'class="article-link" href="([^"]*)"', c.get("/articles").text)]
        assert len(hrefs) == 2 and "/article?id=" in hrefs
        r = c.get("/article?id=", follow_redirects=False)
        assert r.status_code == 200 and html.escape(rt.title, quote=False) in r.text
        assert c.get("/api/article", params={"id": ""}).json()["title"] == rt.title


def test_compare_shows_every_article_asked_for(tmp_path: Path, rt: Any) -> None:
    """``/compare`` takes 8 ids but drew the texts of the first 4 only, without a word: findings
    about the 5th lost their evidence there. Every article asked for has its column now; an upload
    of more than 8 says how many are shown, and names the others' evidence unlinked."""
    from datetime import date

    from newstrace.model import Article

    arts = [Article(id=f"w{k}", title=f"Aleppo update {k}", outlet=f"outlet{k}", published=date(2016, 10, 10 + k),
                    text=rt.text + f"\n\nOfficials said {11 + k} more people were wounded on Monday.") for k in range(10)]
    db = tmp_path / "six.db"
    with Store(db) as st:
        st.add_articles(arts[:6])
    with TestClient(create_app(db), base_url=BASE) as c:
        if not _stage(c, "compare"):
            pytest.skip("compare stage (newstrace.compare.compare_articles) not installed")
        page = c.get("/compare", params=[("ids", a.id) for a in arts[:6]]).text
        assert page.count('<section class="column"') == 6 and "articles are shown" not in page
        assert 'data-article="w5"' in page and "<bdi>outlet5</bdi>: “" in page
        lines = "\n".join(json.dumps({"id": a.id, "title": a.title, "text": a.text, "outlet": a.outlet,
                                      "published": str(a.published)}) for a in arts)
        up = c.post("/upload", files=[("files", ("ten.jsonl", lines.encode(), "text/plain"))]).text
    assert up.count('<section class="column"') == 8
    assert "The texts of the first 8 of 10 articles are shown" in up
    # outlet9 has no column: its evidence is listed by name, not as a link to nowhere
    assert re.search(r"<li><bdi>outlet9</bdi>: “<bdi>[^<]*20 more people", up)
    assert not re.search(r'<a class="jump" href="[^"]*">outlet9:', up)


def test_a_story_over_the_report_s_limit_lets_the_rest_be_compared(web_db: tuple[Path, dict[str, str]],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The story page's report covers the first ``STORY_COMPARE_MAX`` articles; the others were
    listed with no way to compare them. The list now says which are in the report and is a form
    to compare any of them, as the articles page is."""
    from newstrace.web import repo as repo_mod

    monkeypatch.setattr(repo_mod, "STORY_COMPARE_MAX", 1)
    db, ids = web_db
    with TestClient(create_app(db), base_url=BASE) as c:
        if not c.get("/api/stories").json()["available"] or not _stage(c, "compare"):
            pytest.skip("stories or the compare stage not available")
        story = next(s for s in c.get("/api/stories").json()["stories"] if s["size"] >= 2)
        page = c.get(f"/stories/{story['id']}").text
        assert f"the report covers the first 1 of {story['size']} articles (the first published)" in page
        listing = page.split('<h2 id="articles">')[1]
        assert '<form method="get" action="/compare"' in listing
        boxes = re.findall(r'<input type="checkbox" name="ids" value="([^"]+)"', listing)
        assert ids["rewrite"] in boxes and len(boxes) == story["size"]
        covered = re.findall(r'<td role="cell" data-label="in the report">(yes|no)</td></tr>', listing)
        assert covered.count("yes") == 1 and covered.count("no") == story["size"] - 1
        # what the form asks for
        assert c.get("/compare", params=[("ids", ids["rt"]), ("ids", ids["rewrite"])]).status_code == 200
        # ticked there, of which the report names only the first: named among themselves, saying so
        picked = c.get("/compare", params=[("ids", ids["rt"]), ("ids", ids["rewrite"]), ("story", story["id"])])
        assert picked.status_code == 200 and "whose report names its first articles only: named among themselves here" in picked.text
        assert f'<a class="story-link" href="/stories/{story["id"]}">' in picked.text


def test_a_list_page_says_which_rows_it_shows_and_past_the_end_leads_back(tmp_path: Path, rt: Any) -> None:
    """``?offset=`` past the end said "No article matches." under "N articles", and its "newer"
    link went to another empty page (offset - 50); pages never said which rows they showed."""
    from newstrace.model import Article

    db = tmp_path / "many.db"
    with Store(db) as st:
        st.add_articles([Article(id=f"m{k:03d}", title=f"Item {k}", text=f"{rt.text[:200]} number {k}") for k in range(60)])
    with TestClient(create_app(db), base_url=BASE) as c:
        first = c.get("/articles").text
        assert '<p class="count">60 articles · 1–50 shown</p>' in first and 'href="?offset=50"' in first
        assert '<p class="count">60 articles · 51–60 shown</p>' in c.get("/articles?offset=50").text
        past = c.get("/articles", params={"offset": 5000, "q": "number"}).text
        assert "No article matches" not in past and "Nothing here: the list ends at article 60." in past
        assert '<a rel="prev" href="?q=number&amp;offset=50">' in past
        assert "No article matches." in c.get("/articles", params={"q": "nowhere-to-be-found"}).text
        # ?limit= as the API takes it: the rows, the links to the other pages and the search form keep it
        ten = c.get("/articles?limit=10&q=number").text
        assert '<p class="count">60 articles · 1–10 shown</p>' in ten and 'href="?limit=10&amp;q=number&amp;offset=10"' in ten
        assert '<input type="hidden" name="limit" value="10">' in ten
        assert '51–60 shown' in c.get("/articles?limit=10&offset=50").text
        assert 'name="limit"' not in first  # the default needs no hidden field
        for bad in ("0", "201", "many"):
            r = c.get(f"/articles?limit={bad}")
            assert r.status_code == 422 and "bad request: limit:" in r.text, bad
            assert r.status_code == c.get(f"/api/articles?limit={bad}").status_code


def test_stories_and_story_pages_take_limit_as_their_api_does(client: TestClient) -> None:
    """``/stories?limit=`` and ``/stories/ID?limit=`` were ignored (always 50), the API took 1..200."""
    assert client.get("/api/stories").json()["total"] == 1
    page = client.get("/stories?limit=1&offset=1").text  # past the end: "newer" goes to the last page of 1
    assert '<a rel="prev" href="?limit=1&amp;offset=0">' in page and '<input type="hidden" name="limit" value="1">' in page
    assert client.get("/stories?limit=201").status_code == 422
    story = client.get("/api/stories").json()["stories"][0]["id"]
    total = client.get(f"/api/stories/{story}").json()["total"]
    assert total >= 2
    assert f"{total} articles · 1–1 shown" in client.get(f"/stories/{story}?limit=1").text
    assert client.get(f"/stories/{story}?limit=0").status_code == 422


def test_headings_give_each_part_its_level_and_errors_a_name(client: TestClient, ids: dict[str, str]) -> None:
    """The quotations and counts were <h3> after the <h2> "Findings" (story) or "Provenance" (compare),
    read by a screen reader as parts of those; an error page's only heading was "404"."""
    pages = [client.get("/compare", params=[("ids", ids["rt"]), ("ids", ids["rewrite"])]).text]
    story = client.get("/api/stories").json()["stories"]
    if story:
        pages.append(client.get(f"/stories/{story[0]['id']}").text)
    for page in pages:
        heads = {name: level for level, name in re.findall(r"<h(\d)>(Findings|Provenance|Direct quotations by speaker|Counts by slot)</h\1>", page)}
        assert len(heads) == 4 and set(heads.values()) == {"2"}, heads
        # the table groups quotations in quotation marks only: it says so (an article of reported
        # speech alone seemed to quote nobody)
        assert "reported speech (\"said that …\") is marked on each article's page only" in page
    missing = client.get("/articles/does-not-exist")
    assert "<h1>404 Not Found</h1>" in missing.text and "<title>404 Not Found · newstrace</title>" in missing.text
    # (/compare without ids is the Compare page saying so: test_compare_with_fewer_than_two_ids_...)
    assert "<h1>422 Unprocessable Entity</h1>" in client.get("/articles?limit=0").text


def test_an_address_of_no_page_says_so_in_words(client: TestClient) -> None:
    """An address no page answers was "404 Not Found" over "Not Found", and the API's was
    ``{"detail": "Not Found"}``: nothing said what was asked for, or what there is instead."""
    page = client.get("/storys")
    assert page.status_code == 404 and "<h1>404 Not Found</h1>" in page.text
    assert '<p class="error">no page at /storys: the pages are Stories (by thread: /stories?thread=ID lists one thread&#39;s), Articles, Outlets and Upload</p>' in page.text
    # `newstrace threads` has no page of its own: /threads says where threads are
    assert "Stories (by thread: /stories?thread=ID lists one thread" in client.get("/threads").text
    assert '<a href="/">Back to the stories</a>' in page.text
    hostile = client.get("/x<script>alert(1)</script>")
    assert hostile.status_code == 404 and "<script>alert" not in hostile.text and "no page at /x&lt;script&gt;" in hostile.text
    api = client.get("/api/story")
    assert api.status_code == 404 and api.json() == {"detail": "no API endpoint at /api/story (/api/openapi.json lists them)"}
    # a 404 of a page that exists keeps its own words
    assert client.get("/api/stories/nonexistent").json()["detail"].startswith("no story with id 'nonexistent'")


def test_an_upload_repeating_an_id_says_which_record_it_kept(client: TestClient) -> None:
    """Two records with one id and different counts: the upload kept the first and dropped the
    second without a word (its own dedupe); it now warns as ``ingest`` does."""
    lines = "\n".join(json.dumps({"id": "dup", "title": t, "text": f"Officials said {n} people were killed in Aleppo on Monday."})
                      for t, n in (("A", 20), ("B", 30)))
    files = [("files", ("dup.jsonl", lines.encode(), "text/plain"))]
    d = _post(client, "/api/upload", files=files).json()
    assert [a["title"] for a in d["articles"]] == ["A"]
    assert "dup.jsonl:2: id dup was already read in this run; its first record is kept" in d["warnings"]
    page = _post(client, "/upload", files=files).text
    assert '<p class="warning">dup.jsonl:2: id dup was already read in this run; its first record is kept</p>' in page


def test_an_upload_to_store_spells_its_outlet_as_the_database_does(tmp_path: Path) -> None:
    """An upload stored is keyed as ``ingest`` keys it: "rt" is the outlet "RT" the database holds
    (its id 1, which SANA's holds, RT:1, not rt:1), and the report names it so; one not stored
    keeps its spelling."""
    from test_ingest import RT_1, SANA_1

    db = tmp_path / "up.db"
    with Store(db) as st:
        st.add_articles([Article(id="1", text=SANA_1["text"], outlet="SANA"), Article(id="2", text=RT_1["text"], outlet="RT")])
    rt = ("rt.jsonl", (json.dumps({**RT_1, "outlet": "rt"}) + "\n").encode(), "text/plain")
    with TestClient(create_app(db, readonly=False), base_url=BASE) as c:
        d = _post(c, "/api/upload", files=[("files", rt)]).json()
        assert [(a["id"], a["outlet"]) for a in d["articles"]] == [("1", "rt")]
        d = _post(c, "/api/upload", data={"save": "true"}, files=[("files", rt)]).json()
        assert d["saved"] and [(a["id"], a["outlet"]) for a in d["articles"]] == [("RT:1", "RT")]
    with Store(db, readonly=True) as st:
        assert {a.id: a.outlet for a in st.iter_articles()} == {"1": "SANA", "2": "RT", "RT:1": "RT"}


def test_two_outlets_ids_from_1_uploaded_and_stored_are_both_kept_and_reachable(tmp_path: Path) -> None:
    """RT's and SANA's exports, each numbering from 1, uploaded and stored: SANA's is SANA:1 as
    ``ingest`` stores it (the report names it so, with ``ingest``'s warning), an upload of SANA's
    alone finds it there and, as a re-ingest, warns of nothing, and the id with its colon is one in every address: ``/api/article?id=``,
    ``/articles/SANA%3A1``, ``/article?id=SANA:1``, ``/compare?ids=`` and a story's page."""
    from newstrace.web.render import article_href
    from test_ingest import RT_1, SANA_1, SANA_WARNING

    db = tmp_path / "up.db"
    with Store(db):
        pass
    rt, sana = ((n, (json.dumps(d) + "\n").encode(), "text/plain") for n, d in (("rt.jsonl", RT_1), ("sana.jsonl", SANA_1)))
    with TestClient(create_app(db, readonly=False), base_url=BASE) as c:
        d = _post(c, "/api/upload", data={"save": "true"}, files=[("files", rt), ("files", sana)]).json()
        assert d["saved"] and [(a["id"], a["outlet"]) for a in d["articles"]] == [("1", "RT"), ("SANA:1", "SANA")]
        assert d["warnings"] == [SANA_WARNING]
        d = _post(c, "/api/upload", data={"save": "true"}, files=[("files", sana)]).json()
        assert [a["id"] for a in d["articles"]] == ["SANA:1"] and d["warnings"] == []  # found there, as a re-ingest
    with Store(db, readonly=True) as st:
        assert {a.id: a.outlet for a in st.iter_articles()} == {"1": "RT", "SANA:1": "SANA"}
    analyze_if_available(db)
    assert article_href("SANA:1") == "/articles/SANA%3A1"
    with TestClient(create_app(db), base_url=BASE) as c:
        assert c.get("/api/article", params={"id": "SANA:1"}).json()["title"] == "Army advances"
        assert c.get("/api/articles/SANA%3A1").json()["outlet"] == "SANA"
        assert c.get("/api/articles/SANA:1").json()["outlet"] == "SANA"
        assert "Army units advanced in the countryside of Hama" in c.get("/articles/SANA%3A1").text
        moved = c.get("/article", params={"id": "SANA:1"}, follow_redirects=False)
        assert moved.status_code == 307 and moved.headers["location"] == "/articles/SANA%3A1"
        both = c.get("/compare", params=[("ids", "1"), ("ids", "SANA:1")])
        assert both.status_code == 200 and 'href="/articles/SANA%3A1"' in both.text
        assert 'href="/articles/SANA%3A1"' in c.get("/articles").text
        stories = c.get("/api/stories").json()["stories"]
        if stories:  # the corpus stage is there: SANA's report is a story of its own, first seen as SANA:1
            (story,) = [s["id"] for s in stories if s["first_seen_article"] == "SANA:1"]
            assert [a["id"] for a in c.get(f"/api/stories/{story}").json()["articles"]] == ["SANA:1"]
            assert 'href="/articles/SANA%3A1"' in c.get(f"/stories/{story}").text


def test_before_analyze_the_pages_say_what_to_run_as_the_cli_does(tmp_path: Path, rt: Any,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The pages said "Run newstrace analyze --db …" (which database?) and an unknown story was a
    bare "no story with this id"; `newstrace story` adds what to run. Both now give the CLI's
    sentence with the database served, and an empty database is told to ingest first."""
    from newstrace.cli.main import main

    db = tmp_path / "raw.db"
    with Store(db) as st:
        pass
    hint = f"no articles yet; run &#39;newstrace ingest INPUT... --db {db}&#39;, then &#39;newstrace analyze --db {db}&#39;"
    with TestClient(create_app(db), base_url=BASE) as c:
        stories = c.get("/stories").text
        assert f"No stories yet: {hint}; then reload." in stories
        assert "browse the <a" not in stories  # it sent the reader to the articles, of which there are none
        outlets = c.get("/outlets").text  # "Articles per outlet:" over a table with no row
        assert f"grouped into stories: {hint}.</p>" in outlets and '<table class="outlets">' not in outlets
        page = c.get("/articles").text
        # it said "No article matches.", then "No articles yet: no articles yet; run ..." over that row
        assert f"No articles yet; run &#39;newstrace ingest INPUT... --db {db}&#39;" in page
        assert page.lower().count("no articles yet") == 1 and "No article matches" not in page
        r = c.get("/api/stories/s123")
        assert r.status_code == 404 and r.json()["detail"] == (
            f"no story with id 's123': there are no stories yet, for the server's operator to make ({html.unescape(hint)})")
    with Store(db) as st:
        st.add_articles([rt])
    said = f"no article analysed yet; run 'newstrace analyze --db {db}'"
    assert main(["story", "s123", "--db", str(db)]) == 3 and said in capsys.readouterr().err
    with TestClient(create_app(db), base_url=BASE) as c:
        shown = said.replace("'", "&#39;")
        assert f"No stories yet: {shown}; then reload.\nMeanwhile, browse the <a" in c.get("/stories").text
        assert f"grouped into stories: {shown}. Articles per outlet:" in c.get("/outlets").text
        assert "No articles yet" not in c.get("/articles").text
        # the API said "run 'newstrace analyze ...'" to a client that cannot: only the server's
        # operator can, which it says, with what the operator runs
        r = c.get("/api/stories/s123")
        assert r.status_code == 404, r.text
        assert r.json()["detail"] == f"no story with id 's123': there are no stories yet, for the server's operator to make ({said})"
        # the page, read where the server runs, says it as the Stories page does, and leads back there
        page = c.get("/stories/s123")
        assert page.status_code == 404 and f"no story with id &#39;s123&#39; ({shown})" in page.text


def test_the_count_of_articles_awaiting_analyze_is_taken_once_per_database_state(
        web_db: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """``behind`` joins every article with its analysis: each list query must not pay it again."""
    from newstrace.store.results import CorpusResults

    calls: list[int] = []
    real = CorpusResults.behind_counts
    monkeypatch.setattr(CorpusResults, "behind_counts", lambda self: calls.append(1) or real(self))
    with TestClient(create_app(web_db[0]), base_url=BASE) as c:
        if not c.get("/api/stories").json()["available"]:
            pytest.skip("stories not available")
        for params in ({"q": "Aleppo"}, {"offset": 1}, {"q": "envoy"}):
            c.get("/stories", params=params)
            c.get("/api/stories", params=params)
        c.get("/outlets")
    assert len(calls) == 1


def test_an_arrow_of_the_outlet_network_lists_the_stories_of_both_outlets(client: TestClient, ids: dict[str, str]) -> None:
    """Clicking "A → B" listed every story of B (``?outlet=B``), most of them without A; it now
    lists the stories with articles from both, and says so."""
    net = client.get("/api/outlets").json()
    if not net["available"]:
        pytest.skip("stories not available")
    graph = client.get("/outlets").text.split('<svg class="network"')[1].split("</svg>")[0]
    hrefs = re.findall(r'<a class="edge[^"]*" href="([^"]+)"', graph)
    assert '/stories?outlet=rt.com&amp;outlet=%3F' in hrefs
    table = client.get("/outlets").text.split('<table class="edges">')[1]
    assert '<a href="/stories?outlet=rt.com&amp;outlet=%3F" title="the stories with articles from both" aria-label="1: the stories with articles from rt.com and (no outlet)">' in table
    page = client.get("/stories?outlet=rt.com&outlet=%3F").text
    assert "with articles from <bdi>rt.com</bdi> and <bdi>(no outlet)</bdi> · " in page and '<input type="hidden" name="outlet" value="?">' in page
    both = client.get("/api/stories", params=[("outlet", "rt.com"), ("outlet", "?")]).json()
    assert both["total"] >= 1
    for st in both["stories"]:
        members = client.get(f"/api/stories/{st['id']}").json()["articles"]
        assert {"rt.com", None} <= {a["outlet"] for a in members}
    # each outlet must be one the database has, as for one outlet
    r = client.get("/api/stories", params=[("outlet", "rt.com"), ("outlet", "nowhere.example")])
    assert r.status_code == 404 and r.json()["detail"] == "no articles from outlet 'nowhere.example' (GET /api/outlets lists them)"
    assert client.get("/api/stories", params={"outlet": "x" * 201}).status_code == 422


def test_a_stories_page_names_only_the_outlets_it_filters_by(client: TestClient) -> None:
    """On an A -> B list, the menu's "all outlets" sends an empty outlet beside the hidden one: the
    page said "with articles from  and ?" and showed "all outlets" picked while it listed the
    stories of "?"; an outlet given twice read "rt.com and rt.com"."""
    if not client.get("/api/outlets").json()["available"]:
        pytest.skip("stories not available")
    page = client.get("/stories", params=[("outlet", ""), ("outlet", "?")]).text
    assert "with articles from" not in page and '<input type="hidden" name="outlet"' not in page
    assert re.search(r'<option value="\?" selected>', page)
    assert "from rt.com and rt.com" not in client.get("/stories", params=[("outlet", "rt.com"), ("outlet", "rt.com")]).text


def test_an_article_ingested_after_analyze_says_it_is_in_no_story_yet(tmp_path: Path, rt: Any, rewrite: Any) -> None:
    """Its page listed no story and said nothing, as if the article stood alone."""
    db = tmp_path / "later.db"
    analysed_or_skip(db, [rt])
    with Store(db) as st:
        st.add_articles([rewrite])
    with TestClient(create_app(db), base_url=BASE) as c:
        later = c.get(f"/articles/{rewrite.id}").text
        assert f"In no story yet: ingested since the last analyze; run 'newstrace analyze --db {db}'." in later
        first = c.get(f"/articles/{rt.id}").text
        assert '<p class="stories-of">In <a href="/stories/' in first and "In no story yet" not in first


def test_page_links_keep_every_value_of_a_repeated_parameter() -> None:
    """``/stories?outlet=A&outlet=B``'s "older" link kept only ``outlet=B``: page 2 listed B's stories."""
    from starlette.requests import Request

    from newstrace.web.api import PAGE
    from newstrace.web.pages import _page_links

    scope = {"type": "http", "method": "GET", "path": "/stories", "headers": [],
             "query_string": b"outlet=reuters&outlet=%3F&q=gas&offset=50"}
    links = _page_links(Request(scope), total=3 * PAGE, offset=PAGE, limit=PAGE)
    assert links["next"] == f"?outlet=reuters&outlet=%3F&q=gas&offset={2 * PAGE}"
    assert links["prev"] == "?outlet=reuters&outlet=%3F&q=gas&offset=0"


def test_a_finding_over_more_articles_than_compare_takes_has_no_side_by_side_link(rt: Any) -> None:
    """A story's finding over 9+ articles offered "open side by side" to ``/compare``, which takes
    8 at most and answered 422."""
    from newstrace.model import Article
    from newstrace.web.api import COMPARE_IDS
    from newstrace.web.views import compare_view

    arts = [Article(id=f"a{k}", title=f"T{k}", text=rt.text, outlet=f"o{k}") for k in range(COMPARE_IDS + 1)]
    finding = {"type": "unique_claim", "summary": "s", "evidence": []}
    report = {"findings": [{**finding, "articles": [a.id for a in arts]},
                           {**finding, "articles": [a.id for a in arts[:COMPARE_IDS]]}]}
    over, within = compare_view(arts, report, columns=0).findings
    assert over.href is None and within.href is not None and within.href.count("ids=") == COMPARE_IDS


def test_a_404_says_where_to_look_as_the_cli_does(tmp_path: Path, rt: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown article, story, thread or outlet was a bare "no ... with this id" on the web;
    the CLI points at the command that lists them. A page names the page that lists them
    (``listing_page``), the API the endpoint that does (``listing_endpoint``; it said the CLI's
    command, with the server's path to its database, to a client that has only the API)."""
    from newstrace.cli.main import main
    from newstrace.errors import see_hint

    db = tmp_path / "one.db"
    with Store(db) as st:
        st.add_articles([rt])
    analyze_if_available(db)
    from newstrace.web.api import listing_endpoint, listing_page

    with TestClient(create_app(db), base_url=BASE) as c:
        asked = {
            "list": ("/articles/nope", {}),
            "stories": ("/stories/nope", {}),
            "outlets": ("/articles", {"outlet": "nope"}),
            "list ": ("/compare", [("ids", rt.id), ("ids", "nope")]),
        }
        if c.get("/api/stories").json()["available"]:
            asked["threads"] = ("/stories", {"thread": "nope"})
        for listing, (path, params) in asked.items():
            page, api = c.get(path, params=params).text, c.get("/api" + path, params=params).json()["detail"]
            assert listing_page(listing.strip()) in page and "newstrace " not in page.split("<main", 1)[1], listing
            assert api.endswith(f"({listing_endpoint(listing.strip())})") and "newstrace " not in api, (listing, api)
            assert c.get(listing_endpoint(listing.strip()).split()[1]).status_code == 200  # the endpoint it names
    for command, listing in ((["show", "nope"], "list"), (["story", "nope"], "stories"),
                             (["stories", "--outlet", "nope"], "outlets")):
        assert main([*command, "--db", str(db)]) == 3
        assert see_hint(listing, str(db)) in capsys.readouterr().err, command


def test_a_storys_articles_are_listed_in_publication_order_by_instant(tmp_path: Path) -> None:
    """A story's page listed its articles by their dates as ISO text, so a report at 23:00-04:00
    (03:00 UTC the next day) came before the 01:00+00:00 one it followed, where ``newstrace story``
    and every other listing order them by the instant."""
    import dataclasses
    from datetime import datetime

    from newstrace.store import results as R
    from test_web_fixtures import seed_articles

    ny, london = seed_articles()
    ny = dataclasses.replace(ny, published=datetime.fromisoformat("2016-10-30T23:00:00-04:00"))
    london = dataclasses.replace(london, published=datetime.fromisoformat("2016-10-31T01:00:00+00:00"))
    db = tmp_path / "news.db"
    analysed_or_skip(db, [ny, london])
    with Store(db, readonly=True) as st:
        (story,) = {r[0] for r in st.conn.execute("SELECT story FROM memberships")}
        members = R.members(st.conn, story)
    assert members == [london.id, ny.id]
    with TestClient(create_app(db), base_url=BASE) as c:
        assert [a["id"] for a in c.get(f"/api/stories/{story}").json()["articles"]] == members
        # and the compare page's columns, asked for in the other order
        compared = c.get("/api/compare", params=[("ids", ny.id), ("ids", london.id)]).json()
        assert [a["id"] for a in compared["articles"]] == members



@pytest.fixture
def rollback_db(web_db: tuple[Path, dict[str, str]], tmp_path: Path) -> Path:
    """A copy of the web database in rollback-journal mode (WAL readers are never kept out by a
    writer while the server holds the database open)."""
    db = tmp_path / "rollback.db"
    with sqlite3.connect(web_db[0]) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
    con.close()
    return db


def test_a_locked_database_answers_503_at_once_saying_so(rollback_db: Path, ids: dict[str, str]) -> None:
    """A database another process keeps locked is a prompt 503 naming it and what to do (HTML
    and JSON alike), not SQLite's 30 s wait and a bare 500; once it is free, pages are served."""
    db = rollback_db
    with TestClient(create_app(db), base_url=BASE) as c:
        assert c.get("/api/articles").status_code == 200  # the app was started before the lock
        with locked(db):
            started = time.monotonic()
            api = c.get(f"/api/articles/{ids['rt']}")
            page = c.get("/article", params={"id": ids["rt"]})
            listing = c.get("/api/stories")
            assert time.monotonic() - started < 20  # three requests, each waiting a few seconds
        assert api.status_code == page.status_code == listing.status_code == 503, (api.text, page.text, listing.text)
        detail = api.json()["detail"]
        assert detail == f"{db}: the database is busy: another process holds a lock on it; try again in a moment"
        assert api.headers["Retry-After"] == "3"
        assert "the database is busy" in page.text and "503 Service Unavailable" in page.text
        assert c.get(f"/api/articles/{ids['rt']}").status_code == 200


def test_charts_place_articles_by_instant_not_wall_clock() -> None:
    """Stored dates keep the offset they were written with: 02:00+02:00 is midnight UTC, an hour
    before 01:00 without an offset (taken as UTC, as the stories list takes it). Read by wall
    clock, the charts drew the later article first."""
    paris = {"id": "paris", "outlet": "lemonde.fr", "published": "2016-10-31T02:00:00+02:00", "title": "Paris"}
    london = {"id": "london", "outlet": "bbc.co.uk", "published": "2016-10-31T01:00:00", "title": "London"}
    dots = re.findall(r'href="/articles/(\w+)".*?<circle cx="(\d+)"', str(timeline_svg([london, paris])), re.S)
    x = {name: int(cx) for name, cx in dots}
    assert x["paris"] < x["london"]
    graph = str(provenance_svg([london, paris], []))
    assert graph.index("/articles/paris") < graph.index("/articles/london")


def _axis(svg: str) -> list[tuple[int, str]]:
    return [(int(x), label) for x, label in re.findall(r'<text x="(\d+)" y="\d+" class="axis \w+">([^<]*)<', svg)]


def test_a_timeline_of_one_day_shows_that_day() -> None:
    """A story whose articles all appeared on one day had an axis from that day to the next
    ("2016-10-31" ... "2016-11-01"), the articles bunched at its left. The axis is that day now:
    its hours when the articles give times, else the one date with the articles under it."""
    morning = {"id": "m", "outlet": "rt.com", "published": "2016-10-31T08:00:00+00:00", "title": "Morning"}
    evening = {"id": "e", "outlet": "bbc.co.uk", "published": "2016-10-31T20:00:00+02:00", "title": "Evening"}
    svg = str(timeline_svg([morning, evening]))
    axis = _axis(svg)
    assert [label for _, label in axis] == ["2016-10-31 00:00", "06:00", "12:00", "18:00", "24:00 UTC"], axis
    assert "2016-11-01" not in svg
    x = {name: int(cx) for name, cx in re.findall(r'href="/articles/(\w+)".*?<circle cx="(\d+)"', svg, re.S)}
    start, end = axis[0][0], axis[-1][0]
    # 08:00 and 18:00 UTC, a third and three quarters of the way along the day
    assert abs(x["m"] - (start + (end - start) / 3)) <= 1 and abs(x["e"] - (start + (end - start) * 3 / 4)) <= 1, (x, axis)

    days = [{**morning, "published": "2016-10-31"}, {**evening, "published": "2016-10-31"}]
    svg = str(timeline_svg(days))
    axis = _axis(svg)
    assert [label for _, label in axis] == ["2016-10-31"], axis
    dots = [int(cx) for cx in re.findall(r'<circle cx="(\d+)"', svg)]
    assert dots == [axis[0][0]] * 2, (dots, axis)  # under their date

    # a feed that writes each day as its midnight gives no time: the one date, as above
    midnights = [{**a, "published": "2016-10-31T00:00:00Z"} for a in days]
    assert [label for _, label in _axis(str(timeline_svg(midnights)))] == ["2016-10-31"]

    # several days as before: the first date and the last
    later = {**evening, "published": "2016-11-02T20:00:00+02:00"}
    assert [label for _, label in _axis(str(timeline_svg([morning, later])))] == ["2016-10-31", "2016-11-02"]


def test_a_day_without_a_time_stands_at_the_end_of_its_day_among_timed_articles() -> None:
    """Listings put a day without a time after that day's timed articles (``published_order``);
    the timeline drew it at the day's midnight, before RT's report timed 09:15 that day, as if it
    had come first. Among timed articles it stands at the day's end; of days alone, as before."""
    rt = {"id": "rt", "outlet": "rt.com", "published": "2016-10-30T09:15:00+00:00", "title": "Rebels have 'no intention' to let civilians leave"}
    copy = {"id": "cp", "outlet": "mintpress", "published": "2016-10-30", "title": "United Nations Finally Acknowledges"}
    svg = str(timeline_svg([copy, rt]))
    axis = _axis(svg)
    assert [label for _, label in axis] == ["2016-10-30 00:00", "06:00", "12:00", "18:00", "24:00 UTC"], axis
    x = {name: int(cx) for name, cx in re.findall(r'href="/articles/(\w+)".*?<circle cx="(\d+)"', svg, re.S)}
    assert x["rt"] < x["cp"] and abs(x["cp"] - axis[-1][0]) <= 1, (x, axis)
    days = str(timeline_svg([copy, {**rt, "published": "2016-10-30"}]))
    assert [label for _, label in _axis(days)] == ["2016-10-30"]


def test_a_story_dated_at_the_ends_of_the_calendar_has_its_page(tmp_path: Path) -> None:
    """.NET's DateTime.MinValue written with the server's offset (0001-01-01T00:00:00+01:00) is an
    instant in year 0, and a report of 9999-12-31T23:00:00-05:00 one in year 10000: the timeline
    wrote its axis' dates with ``datetime.fromtimestamp``, which refuses both, and the story's
    page was a 500 (ValueError: year 0 is out of range). The axis says the calendar's ends."""
    from conftest import EXAMPLES
    from newstrace.corpus import analyze
    from newstrace.model import parse_published

    texts = [(EXAMPLES / n).read_text(encoding="utf-8") for n in ("001_b27ff7eeccda9d61.txt", "000_6fb2124cbc58fd30.txt")]
    arts = [
        Article.create(texts[0], outlet="rt.com", published=parse_published("0001-01-01T00:00:00+01:00")),
        Article.create(texts[1], outlet="a.example", published=parse_published("9999-12-31T23:00:00-05:00")),
    ]
    db = tmp_path / "ends.db"
    with Store(db) as st:
        st.add_articles(arts)
        analyze(st, steps=("stories",), workers=1)
    with TestClient(create_app(db), base_url=BASE) as c:
        stories = c.get("/api/stories").json()["stories"]
        assert len(stories) == 2
        for s in stories:
            page = c.get(f"/stories/{s['id']}")
            assert page.status_code == 200, s
            # (one article, one day: the day's date, then its hours)
            assert re.search(r'class="axis start">0001-01-01[ <]|class="axis (start|end)">9999-12-31[ <]', page.text)


def test_graph_draws_an_indirect_edge_apart_and_names_the_way(rt: Any, rewrite: Any, repost: Any) -> None:
    from newstrace.reuse import find_reuse

    edges = [e.to_dict() for e in find_reuse([rt, rewrite, repost]).provenance]
    arts = [{**a.brief(), "label": a.outlet or "the rewrite"} for a in (rt, rewrite, repost)]
    graph = str(provenance_svg(arts, edges))
    indirect = re.findall(r'<a class="edge indirect"[^>]*data-source="(\w+)" data-derived="(\w+)"', graph)
    assert indirect == [(rt.id, repost.id)]
    assert graph.count('class="edge"') == 2 and "by way of " in graph


def test_an_edge_from_an_outside_source_is_dashed_as_the_list_under_it_says(rt: Any, rewrite: Any) -> None:
    """An edge from ``external:`` (both articles quote one statement; compare names its speaker)
    was drawn by the web app as any other and its source named "external:Staffan de Mistura",
    while the list of arrows under the drawing said "(dashed: an outside source ...)". The web
    draws the report's drawing now (``drawing.provenance_svg``), which dashed it."""
    from newstrace.model import EXTERNAL_SAID
    from newstrace.web.views import compare_view

    edges = [{"source": "external:Staffan de Mistura", "derived": a.id, "confidence": 0.6,
              "evidence": [{"type": "common_quotation"}]} for a in (rt, rewrite)]
    view = compare_view([rt, rewrite], {"provenance": edges}, columns=2)
    graph = str(view.graph)
    drawn = re.findall(r'<a class="edge external".*?</a>', graph)
    assert len(drawn) == 2 and all('stroke-dasharray="5 4"' in e for e in drawn), graph
    assert not re.findall(r'class="edge"', graph)  # the edges between articles alone are drawn whole
    # named by the source alone, in the drawing and in its tooltips (the ids aside)
    assert "external:" not in re.sub(r'data-source="[^"]*"', "", graph) and "\u2068Staffan de Mistura\u2069 →" in graph
    assert len(view.edge_list) == 2
    assert all(f"(dashed: {EXTERNAL_SAID})" in "".join(text for text, _ in parts) for parts in view.edge_list)


@pytest.mark.parametrize("waiting", ["/api/articles/{rt}", "/articles/{rt}", "/api/stories/{story}", "/stories/{story}",
                                     "/compare?ids={rt}&ids={rewrite}", "/api/stories"])
def test_a_request_waiting_on_a_lock_leaves_the_server_to_the_others(
    rollback_db: Path, ids: dict[str, str], waiting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The async handlers read SQLite on the event loop (the cache key: ``generation``, content
    hashes, the story asked for): one request waiting for another process's lock stopped every
    other request, a static file or the upload form too, for up to ``WEB_BUSY_TIMEOUT`` each.
    The lock is held here until the other requests are answered: before, the waiting request
    timed out into a 503 first; now it is answered once the lock goes."""
    import httpx

    from newstrace.web import repo as repo_module
    from test_web_fixtures import live_server

    monkeypatch.setattr(repo_module, "WEB_BUSY_TIMEOUT", 15.0)
    app = create_app(rollback_db)
    entered = threading.Event()
    watch: list[str] = []  # the path of the request that is to wait

    async def watched(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] in watch:
            entered.set()
        await app(scope, receive, send)

    with live_server(rollback_db, watched) as base, httpx.Client(base_url=base, timeout=60) as c:
        story = next(iter(c.get("/api/stories").json()["stories"]), {}).get("id", "")
        if "{story}" in waiting and not story:
            pytest.skip("corpus stage not installed")
        url = waiting.format(story=story, **ids)
        assert c.get(url).status_code == 200  # cached: what waits below is the key's reads, not a build
        watch.append(urlsplit(url).path)
        answer: list[httpx.Response] = []
        with locked(rollback_db):
            slow = threading.Thread(target=lambda: answer.append(httpx.get(base + url, timeout=60)))
            slow.start()
            assert entered.wait(30)
            assert c.get("/static/app.css").status_code == 200
            assert c.get("/upload").status_code == 200
            assert not answer  # still waiting for the lock
        slow.join(60)
    assert answer and answer[0].status_code == 200, answer[0].text[:300]


def test_the_event_loops_first_read_does_not_wait_on_a_lock_to_open_its_connection(rollback_db: Path) -> None:
    """The loop's reads fail on a lock at once and are done again in the thread pool; its first
    read opens the loop thread's connection, and opening reads the schema version, which waited
    ``WEB_BUSY_TIMEOUT`` on the loop (every request stalled) and then answered 503."""
    from newstrace.web.repo import Repo, WouldWait

    repo = Repo(rollback_db, readonly=True, limits=Limits())
    said: list[object] = []

    def first_read_on_the_loop() -> None:
        started = time.monotonic()
        try:
            with repo.no_waiting():
                repo.count_articles()
        except Exception as e:  # what it raised is the point
            said.append(e)
        said.append(time.monotonic() - started)

    with locked(rollback_db):
        loop = threading.Thread(target=first_read_on_the_loop)
        loop.start()
        loop.join(30)
    assert isinstance(said[0], WouldWait) and said[1] < 1.0, said  # type: ignore[operator]
    with repo.no_waiting():  # the lock gone, the loop reads, waiting again afterwards as it did
        assert repo.count_articles() > 0
    assert repo.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 3000


def test_a_big_story_page_lists_its_articles_a_page_at_a_time(tmp_path: Path) -> None:
    """A story of thousands of articles was one page with every one in its table and timeline
    (5,000: 2.3 MB, 20,000: 9 MB and 5 s besides the report). The page lists ``PAGE`` of them,
    says which, and links the pages before and after. Its API answer gave every one unless asked
    for ``limit``: it gives the page's ``PAGE`` from ``offset`` on, as ``/api/articles`` pages
    (``total``, ``offset``, ``limit``, at most 200 a request)."""
    from newstrace.web.api import PAGE
    from test_web_fixtures import big_story_db

    n = 3 * PAGE + 7
    story = big_story_db(tmp_path / "big.db", n)
    with TestClient(create_app(tmp_path / "big.db"), base_url=BASE) as c:
        first_api = c.get(f"/api/stories/{story}").json()
        assert (len(first_api["articles"]), first_api["total"], first_api["offset"], first_api["limit"]) == (PAGE, n, 0, PAGE)
        everything = c.get(f"/api/stories/{story}", params={"limit": 200}).json()
        order = [a["id"] for a in everything["articles"]]
        assert len(order) == everything["total"] == n and everything["articles"][:PAGE] == first_api["articles"]
        part = c.get(f"/api/stories/{story}", params={"limit": 10, "offset": 25}).json()
        assert [a["id"] for a in part["articles"]] == order[25:35] and (part["total"], part["limit"]) == (n, 10)
        paged = [a["id"] for off in range(0, n, PAGE) for a in c.get(f"/api/stories/{story}?offset={off}").json()["articles"]]
        assert paged == order
        assert c.get(f"/api/stories/{story}?offset={n}").json()["articles"] == []
        assert c.get(f"/api/stories/{story}", params={"limit": 201}).status_code == 422  # as /api/articles says

        listed = re.compile(r'<input type="checkbox" name="ids" value="([^"]*)"')
        first = c.get(f"/stories/{story}").text
        assert listed.findall(first) == order[:PAGE]
        assert f"{n} articles · 1–{PAGE} shown" in first
        assert len(re.findall(r'<a class="dot"', first)) == PAGE  # the timeline of the rows listed
        later = re.search(r'<a rel="next" href="([^"]*)">later →</a>', first)
        assert later and 'rel="prev"' not in first
        last = c.get(f"/stories/{story}?offset={3 * PAGE}").text
        assert listed.findall(last) == order[3 * PAGE:]
        assert f"{3 * PAGE + 1}–{n} shown" in last and "← earlier" in last and 'rel="next"' not in last
        assert c.get(f"/stories/{story}" + html.unescape(later.group(1))).text.count('name="ids"') == PAGE
        past = c.get(f"/stories/{story}?offset={n}").text
        assert f"Nothing here: the list ends at article {n}." in past and "← earlier" in past
        # past the end the timeline had its heading over nothing; it says why
        assert '<a class="dot"' not in past and "Nothing to draw: the timeline draws the articles listed below" in past


@pytest.mark.data
def test_a_story_of_300_copies_draws_its_edges_and_one_over_the_pairs_bound_says_why_it_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """300 outlets running al-Manar's report and al-Alam's rewrite of it: one story of 301 members,
    each later copy's and the rewrite's edge from the first copy (a cap of 200 members gave it none,
    and the page said "no article here was found to take text from another"). The page draws its
    first articles' arrows; the outlets network has the first copy's outlet giving to the others.
    A story over the bound on stored pairs says why it has no arrows, not that nothing was shared."""
    from newstrace.corpus import analyze
    from newstrace.store import results as R
    from test_reuse_copies import _wire

    db = tmp_path / "wire.db"
    with Store(db) as st:
        st.add_articles(_wire(300), keep_ids=True)
        analyze(st, steps=["reuse", "stories"], workers=1)
        (story,) = R.stories_with(st.conn, ["wire00"])
        assert len(R.provenance_of(st.conn, story)) == 300
    with TestClient(create_app(db), base_url=BASE) as c:
        page = c.get(f"/stories/{story}")
        assert page.status_code == 200
        assert "301 articles from 301 outlets" in page.text
        assert "Arrows point from the source" in page.text and "No arrows" not in page.text
        assert len(re.findall(r'<(?:a|g) class="edge', page.text)) == 11  # the report's 12: wire00 to 11
        net = c.get("/api/outlets").json()
        given = {(e["source"], e["derived"]) for e in net["edges"] if e["source"] == "wire00.example"}
        assert len(given) == 300 and ("wire00.example", "rewrite.example") in given
        assert c.get("/outlets").status_code == 200
    monkeypatch.setattr(R, "PROVENANCE_MAX_PAIRS", 299)
    with Store(db) as st:
        st.conn.execute("UPDATE stories SET provenance_version=0 WHERE id=?", (story,))
        report = analyze(st, steps=["reuse", "stories"], workers=1)
        assert report.provenance_refreshed == 1 and R.provenance_of(st.conn, story) == []
    with TestClient(create_app(db), base_url=BASE) as c:
        page = c.get(f"/stories/{story}")
        assert "No arrows: its articles hold 300 reuse pairs, more than the 299 provenance is built for." in page.text
        assert "no article here was found" not in page.text


def test_a_cached_story_reads_its_members_once_per_database_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each request of a story looked it up and read every member's content hash for the cache
    key (20,000 members: 190 ms on the event loop, for a cached page too). Now once per database
    state; a commit that leaves the story as it was looks it up again and keeps its pages."""
    from newstrace.web import api
    from test_web_fixtures import big_story_db

    db = tmp_path / "s.db"
    story = big_story_db(db, 60)
    lookups: list[str] = []
    find = api.find_story
    monkeypatch.setattr(api, "find_story", lambda repo, sid: (lookups.append(sid), find(repo, sid))[1])
    with TestClient(create_app(db), base_url=BASE) as c:
        repo = c.app.state.repo  # type: ignore[attr-defined]
        built: list[int] = []
        cached = repo.cached_page
        monkeypatch.setattr(repo, "cached_page", lambda key, render: cached(key, lambda: (built.append(1), render())[1]))
        first = [c.get(f"/stories/{story}").text, c.get(f"/api/stories/{story}").text]
        assert len(lookups) == 1 and len(built) == 3  # one look-up; two pages (and the look-up) built
        for _ in range(3):
            assert [c.get(f"/stories/{story}").text, c.get(f"/api/stories/{story}").text] == first
        assert len(lookups) == 1 and len(built) == 3
        with Store(db) as st:  # another article, in no story
            st.add_articles([Article(id="elsewhere", title="Elsewhere", text="Nothing to do with Aleppo. " * 5)])
        assert [c.get(f"/stories/{story}").text, c.get(f"/api/stories/{story}").text] == first
        assert len(lookups) == 2 and len(built) == 4  # looked up again; the pages kept


def test_cut_names_do_not_double_their_ellipsis() -> None:
    """An untitled article is named by its title's ends ("“United Nations Finally … Civilians”"); a
    label cut to fit right after that ellipsis read "“United Nations Finally ……"."""
    from newstrace.model import shortened

    name = "“United Nations Finally … Civilians”"
    assert shortened(name, 26) == "“United Nations Finally…"
    assert shortened("reuters wire report", 9) == "reuters…"
    assert shortened("reuters #2", 22) == "reuters #2"
    assert shortened("Reuters\n  wire", 22) == "Reuters wire"  # one line, as a chart's label is


def test_provenance_says_when_it_has_no_arrows(client: TestClient, ids: dict[str, str]) -> None:
    """A story of one article, and two articles neither took from, drew an empty graph under
    "Arrows point from the source ...; hover an arrow ...", as if arrows were there to hover."""
    how = "Arrows point from the source"
    pair = client.get(f"/compare?ids={ids['rt']}&ids={ids['rewrite']}").text
    assert how in pair and 'class="edge' in pair
    # ... and what the number on an arrow is: it sat beside "similarity 0.46" saying nothing of itself
    assert "the number on an arrow, as its width, is how sure that direction is, from 0.5 (no evidence which way" in pair
    # ... and that the arrows are listed in words under the drawing, for those who cannot hover
    # (read there on a touch screen, where nothing hovers)
    assert "Hover an arrow for its evidence (on a touch screen, read it in the list of arrows below);" in pair
    assert 'class="edge-list"' in pair
    one = client.post("/upload", data={"text": "A lone report\nThe council met on Monday and agreed on nothing at all."}).text
    assert 'class="edge' not in one and how not in one and "No arrows: there is one article." in one
    two = client.post("/upload", data={"text": "A lone report\nThe council met on Monday and agreed on nothing at all.",
                                       "html": "<html><title>Rain</title><body><p>Rain fell on the hills all week, farmers said.</p></body></html>"}).text
    assert 'class="edge' not in two and how not in two
    assert "No arrows: no article here was found to take text from another." in two
    if _stage(client, "stories"):
        for st in client.get("/api/stories").json()["stories"]:
            if st["size"] == 1:
                alone = client.get(f"/stories/{st['id']}").text
                assert how not in alone and "No arrows: there is one article." in alone


def test_an_upload_too_big_comes_back_on_the_form_that_states_the_limits(web_db: tuple[Path, dict[str, str]]) -> None:
    """The form did not say how much it takes, and an upload over the size limit (refused before
    it is read) got the bare error page whose one link led back to the stories; every other
    refused upload comes back on the form with its reason."""
    from newstrace.limits import human_bytes
    from newstrace.web.upload import MAX_ARTICLES, MAX_FILES

    small = Limits(max_upload_bytes=4000)
    with TestClient(create_app(web_db[0], limits=small), base_url=BASE) as c:
        said = f"at most {human_bytes(4000)} in all, {MAX_FILES} files and {MAX_ARTICLES} articles"
        assert said in c.get("/upload").text
        r = _post(c, "/upload", data={"text": "x" * 5000})
        assert r.status_code == 413
        assert '<form class="upload"' in r.text and said in r.text
        assert re.search(r'<p class="error" role="alert">upload of [^<]* is larger than the [^<]* limit</p>', r.text)
        assert "<title>Upload · newstrace</title>" in r.text
        r = _post(c, "/api/upload", data={"text": "x" * 5000})
        assert r.status_code == 413 and "limit" in r.json()["detail"]


def test_compare_with_fewer_than_two_ids_is_the_compare_page_saying_so(client: TestClient, ids: dict[str, str]) -> None:
    """"Compare selected" with one article ticked led to a bare 422 page, "Back to the stories";
    and the button was offered on pages listing fewer than two articles, where it cannot work."""
    for url, said in (("/compare?ids=a", "ids: at least 2 needed, 1 given"), ("/compare", "ids: required"),
                      ("/compare?ids=a&ids=b", "no article")):
        r = client.get(url)
        assert r.status_code in (404, 422) and "<title>Compare · newstrace</title>" in r.text, url
        assert re.search(rf'<p class="error" role="alert">[^<]*{said}', r.text), url
        assert '<a href="/articles">Articles</a>' in r.text, url
        # ticking is what one or none ticked lacks; an id the database does not hold is said to be
        # unknown (the page told whoever followed a stale link to tick 2 to 8 articles)
        assert ("Tick 2 to 8 articles" in r.text) == (r.status_code == 422), url
        assert ("Unknown article id" in r.text) == (r.status_code == 404), url
    r = client.get("/compare", params=[("ids", ids["rt"]), ("ids", "typo-123")])
    assert r.status_code == 404 and "no article with id &#39;typo-123&#39;" in r.text and "Tick" not in r.text
    assert "Compare selected" in client.get("/articles").text
    assert "Compare selected" not in client.get("/articles?limit=1").text  # one row on the page
    assert "Compare selected" not in client.get("/articles?offset=100000").text
    story = client.get("/api/stories").json()["stories"][0]["id"]
    assert "Compare selected" in client.get(f"/stories/{story}").text
    assert "Compare selected" not in client.get(f"/stories/{story}?limit=1").text


def test_error_pages_lead_back_to_the_list_the_page_belongs_to(client: TestClient) -> None:
    """Every error page offered "Back to the stories", after a bad article URL too."""
    for url in ("/articles/no-such-id", "/article?id=..", "/articles?from=never", "/articles?limit=0"):
        r = client.get(url)
        assert r.status_code >= 400 and '<a href="/articles">Back to the articles</a>' in r.text, url
    for url in ("/stories/nope", "/nowhere", "/stories?from=never", "/outlets/x"):
        r = client.get(url)
        assert r.status_code >= 400 and '<a href="/">Back to the stories</a>' in r.text, url


def test_error_pages_keep_the_read_only_mark(client: TestClient) -> None:
    """The header says "read-only" on every page of a read-only server; its error pages left it out."""
    mark = '<span class="mode" title="the database is opened read-only">read-only</span>'
    assert mark in client.get("/stories").text
    for url in ("/articles/no-such-id", "/nowhere", "/articles?from=never", "/compare?ids=x"):
        r = client.get(url)
        assert r.status_code >= 400 and mark in r.text, url


def test_the_web_lists_stories_newest_first_and_the_cli_biggest_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The two orders are chosen, not drifted apart (docs/web.md, and docs/cli.md's ``stories``): the web
    is read as news, the most recently active story first, so a story of one article published
    after the seeds leads the Stories page and ``/api/stories``; ``newstrace stories`` is an
    overview of a corpus, the biggest story (the seeds', 2 articles) first."""
    from conftest import EXAMPLES
    from newstrace.cli.main import main

    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps({
        "id": "tass-1", "outlet": "tass.com", "published": "2017-04-14",
        "title": "Lavrov and Cavusoglu discuss Syria settlement in Moscow",
        "text": "Russian Foreign Minister Sergey Lavrov met his Turkish counterpart Mevlut Cavusoglu in Moscow on "
                "Friday to discuss the settlement in Syria and the ceasefire agreed in Astana. The ministers said "
                "the talks would continue in Kazakhstan next month.",
    }) + "\n", encoding="utf-8")
    db = tmp_path / "o.db"
    assert main(["ingest", str(EXAMPLES), str(later), "--db", str(db)]) == 0
    assert main(["analyze", "--db", str(db), "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", str(db), "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert [(s["size"], s["end"][:10]) for s in cli] == [(2, "2016-11-02"), (1, "2017-04-14")]
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as c:
        web = c.get("/api/stories").json()["stories"]
        assert [s["id"] for s in web] == [cli[1]["id"], cli[0]["id"]]
        page = c.get("/stories").text
        assert page.index(html.escape(cli[1]["id"])) < page.index(html.escape(cli[0]["id"]))


@pytest.mark.data
def test_counts_by_slot_draw_each_articles_reading_once(tmp_path: Path) -> None:
    """SANA's two reports of the Aleppo rocket attacks (FA-KES dev 1926478910 and 1926478942) each
    say "8 persons" were killed three times, in the headline, the lead and the body: the slot
    "persons · killed" (now "people · killed") drew six bars of one interval and listed "sana #1:
    “8 persons”" three times. An article's readings of one interval (and window) are one row now."""
    from conftest import require_data
    from newstrace.ingest import read_inputs

    wanted = {"1926478910", "1926478942"}
    arts = [a for a in read_inputs([require_data("fakes", "fakes_dev.csv")], on_error=lambda e: None) if a.id in wanted]
    assert len(arts) == 2 and all(a.text.count("8 persons") == 3 for a in arts)
    db = tmp_path / "slots.db"
    with Store(db) as st:
        st.add_articles(arts)
    with TestClient(create_app(db), base_url=BASE) as c:
        page = c.get("/compare", params=[("ids", a.id) for a in arts]).text
    figures = dict(re.findall(r"<figcaption>([^<]*)</figcaption>(.*?)</figure>", page, re.S))
    killed = figures["people · killed"]
    rows = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", killed)]
    assert rows == ["sana #1: “8 persons”", "sana #2: “8 persons”"], rows
    assert killed.count('<g class="range') == 2


def test_the_outlet_network_says_how_many_outlets_it_leaves_out(web_db: tuple[Path, dict[str, str]],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The network draws the outlets with the most articles (24), and a corpus of more (60 at
    100,000 articles) lost the others from the drawing without a word. The page says how many it
    draws of how many, and that the table lists every one."""
    from newstrace.web import render

    db, _ = web_db
    with TestClient(create_app(db), base_url=BASE) as c:
        net = c.get("/api/outlets").json()
        if not net["available"]:
            pytest.skip("the corpus stage is not installed")
        n = len(net["outlets"])
        assert n >= 3
        assert "outlets with the most articles are drawn" not in c.get("/outlets").text
    monkeypatch.setattr(render, "NETWORK_OUTLETS", 2)
    with TestClient(create_app(db), base_url=BASE) as c:
        page = c.get("/outlets").text
    assert f"The 2 outlets with the most articles are drawn, of {n}; the table below lists every one." in page
    graph = page.split('<svg class="network"')[1].split("</svg>")[0]
    assert graph.count('<a class="node"') == 2


# -- right-to-left names in the drawings' tooltips ---------------------------------------------------

ARABIC = re.compile(r"[\u0600-\u06ff]")


def unisolated(tip: str) -> str:
    """A tooltip less its isolated pieces (FSI ... PDI): what of it takes the sentence's direction."""
    return re.sub("\u2068[^\u2068\u2069]*\u2069", "", tip)


def test_the_drawings_tooltips_isolate_the_names_and_words_of_articles() -> None:
    """The pages' HTML tooltips isolated an article's name (FSI ... PDI), the drawings' SVG <title>s
    and the arrows' hover text did not: "القدس العربي → اليوم السابع: 2 time(s) ..." showed its two
    Arabic names swapped, the arrow pointing the other way, as a <bdi>-less summary did."""
    from newstrace.web.render import coverage_svg, network_svg, ranges_svg

    name, other = "القدس العربي", "اليوم السابع"
    title = "مبعوث الأمم المتحدة إلى سوريا يدين قصف المدنيين في حلب"
    arts = [{"id": "a", "outlet": name, "label": name, "published": "2016-10-30", "title": title},
            {"id": "b", "outlet": other, "label": other, "published": "2016-10-31", "title": title + " 2"}]
    edges = [{"source": "a", "derived": "b", "confidence": 0.8,
              "evidence": [{"type": "shared_passage", "kind": "verbatim", "text": "قال المبعوث إن 12 مدنيا قتلوا"},
                           {"type": "publication_order"}]}]
    drawings = {
        "provenance": provenance_svg(arts, edges),
        "timeline": timeline_svg(arts),
        "network": network_svg([{"outlet": name, "articles": 3}, {"outlet": other, "articles": 2}],
                               [{"source": name, "derived": other, "count": 2, "in_story": 1}]),
        "coverage": coverage_svg([(name, 2), (other, 1)], 3),
        "ranges": ranges_svg([{"label": name, "low": 10, "high": 20, "text": "عشرة قتلى"}]),
    }
    for kind, svg in drawings.items():
        tips = [html.unescape(t) for t in re.findall(r"<title>([^<]*)</title>", svg) + re.findall(r'data-evidence="([^"]*)"', svg)]
        assert any(ARABIC.search(t) for t in tips), (kind, tips)
        assert not [t for t in tips if ARABIC.search(unisolated(t))], (kind, tips)
    assert f"\u2068{name}\u2069 → \u2068{other}\u2069: 2 times \u2068{other}\u2069 carried text first seen at \u2068{name}\u2069" in drawings["network"]
    assert "verbatim: \u2068قال المبعوث إن 12 مدنيا قتلوا\u2069" in drawings["provenance"]


def test_the_compare_pages_title_names_its_articles(client: TestClient, ids: dict[str, str], rt: Any, rewrite: Any) -> None:
    """Every compare page's tab and history entry said "Compare · newstrace", whatever it held,
    and an upload's report "Upload report": two tabs of two pairs could not be told apart. The
    title names the articles as the findings and the HTML report's title do ("A vs B"; past three,
    how many)."""
    from newstrace.compare import compare_articles, render_html

    page = client.get("/compare", params=[("ids", ids["rt"]), ("ids", ids["rewrite"])]).text
    assert "<title>Compare: \u2068rt.com\u2069 vs \u2068“United Nations Finally … Civilians”\u2069 · newstrace</title>" in page
    if _stage(client, "compare"):
        report = render_html(compare_articles([rt, rewrite]))
        assert "<title>newstrace compare: \u2068rt.com\u2069 vs \u2068“United Nations Finally … Civilians”\u2069</title>" in report
    # an outlet named at length is cut, and escaped as the rest of the page
    three = client.get("/compare", params=[("ids", i) for i in ids.values()]).text
    title = re.search(r"<title>(.*)</title>", three)
    assert title and html.unescape(title.group(1)).count(" vs ") == 2 and "<b" not in title.group(1)
    assert len(html.unescape(title.group(1))) < 3 * 40 + 30, title.group(1)
    # past three articles, how many
    files = [("files", (f"{k}.txt", "\n\n".join(rt.text.split("\n\n")[k:]).encode(), "text/plain")) for k in range(4)]
    upload = _post(client, "/upload", files=files).text
    assert "<title>Upload report: 4 articles · newstrace</title>" in upload, re.search(r"<title>.*</title>", upload)


def test_a_full_stop_alone_is_no_link_of_its_own() -> None:
    """A count ending just before the full stop of the evidence around it cut the stop off as a
    piece of its own, and the piece was a link: "." to a screen reader's list of links, a dot to
    click. Where words link to the same place the stop is highlighted, unlinked; where nothing
    else links there, it stays the link, named by its tooltip and with a wider hit area."""
    text = "RT Arabic's crew in Aleppo reported 36 cases of suffocation. Al-Mayadeen reported more."
    stop = text.index(".")
    count = text.index("36")
    page = str(highlight(text, [Ann(0, stop + 1, "ev", href="#f8", title="Unique claim"),
                                Ann(count, stop, "count", href="#n1", title="a count")]))
    links = [re.sub(r"<[^>]*>", "", t) for t in re.findall(r"<a [^>]*>(.*?)</a>", page)]
    assert len(links) == 2 and all(re.search(r"\w", t) for t in links), links
    assert '<span class="ev" title="Unique claim">.</span>' in page  # still highlighted as the evidence
    # a passage whose only piece of its own is the stop (the one before it covers the words)
    over = str(highlight(text, [Ann(0, stop, "psg", href="#p0", title="shared with rt.com"),
                                Ann(count, stop + 1, "psg", href="#p1", title="shared with sana")]))
    assert '<a class="psg punct" href="#p1" aria-label="shared with sana" title="shared with sana">.</a>' in over, over


@pytest.mark.data
def test_a_storys_pairs_sharing_passages_come_first_the_rest_folded(tmp_path: Path) -> None:
    """The Pairs list gave every pair of a story in the report's order: FA-KES dev's story of 7
    Reuters, al-Arabiya and Sputnik articles listed 21, 16 of them "0 shared passage(s)", the 5 that share
    text among them. Those now come first, most passages first, and the rest are folded under a
    line counting them."""
    from conftest import require_data

    require_data("fakes", "fakes_dev.csv")
    db = tmp_path / "pairs.db"
    build_db(db, hostile=False, data=True)
    seen = set()
    with TestClient(create_app(db), base_url=BASE) as c:
        for st in c.get("/api/stories", params={"limit": 200}).json()["stories"]:
            if st["size"] < 2:
                continue
            pairs = c.get(f"/api/stories/{st['id']}").json()["report"]["pairs"]
            counts = [len(p.get("shared") or []) for p in pairs]
            section = c.get(f"/stories/{st['id']}").text.split('<section class="pairs">')[1].split("</section>")[0]
            shown, _, folded = section.partition('<details class="apart">')
            listed = [int(n) for n in re.findall(r"· (\d+) shared passages?(?=<| ·)", shown)]
            assert listed == sorted((n for n in counts if n), reverse=True), st["id"]
            apart = counts.count(0)
            assert re.findall(r"· (\d+) shared passages?(?=<| ·)", folded) == ["0"] * apart
            if apart:
                more = " more" if listed else ""  # "1 pair", "3 more pairs": it said "1 pair(s)"
                assert f"{apart}{more} {'pair' if apart == 1 else 'pairs'} sharing no passage</summary>" in folded
                seen.add("apart")
            if listed:
                seen.add("sharing")
    assert seen == {"apart", "sharing"}


def test_a_story_row_keeps_each_of_its_dates_whole(client: TestClient) -> None:
    """The Stories table's dates cell broke inside a day ("2016-11-" over "02") in a narrow window:
    each day is kept whole, as the articles' date cells are; the range may wrap between its days."""
    stories = client.get("/api/stories").json()
    if not stories["available"]:
        pytest.skip("stories not available (corpus stage not installed or not run)")
    page = client.get("/stories").text
    cells = re.findall(r'<tr class="story".*?<td class="dim" role="cell" data-label="dates">(.*?)</td>\s*</tr>', page, re.S)
    assert cells and len(cells) == len(stories["stories"])
    for st, cell in zip(stories["stories"], cells, strict=True):
        days = [d for d in dict.fromkeys([(st["start"] or "")[:10], (st["end"] or "")[:10]]) if d]
        assert cell == " – ".join(f'<span class="date">{d}</span>' for d in days), cell
    css = client.get("/static/app.css").text
    assert re.search(r"(^|[,\s])span\.date\b[^{]*\{[^}]*white-space:\s*nowrap", css, re.M)


def test_a_story_page_header_keeps_each_of_its_dates_whole(client: TestClient) -> None:
    """The story page's header line ("story X · … · 2016-11-01 – 2016-11-02 · first seen: …") broke
    inside a day at phone width, as the Stories table's dates cell did: each day is kept whole there
    too (``span.date``, which app.css keeps from wrapping); its text is unchanged."""
    stories = client.get("/api/stories").json()
    if not stories["available"]:
        pytest.skip("stories not available (corpus stage not installed or not run)")
    dated = [st for st in stories["stories"] if st["start"]]
    assert dated
    for st in dated[:5]:
        page = client.get(f"/stories/{st['id']}").text
        head = page.split('<p class="dim">story ', 1)[1].split(" · first seen:", 1)[0]
        days = [d for d in dict.fromkeys([st["start"][:10], (st["end"] or "")[:10]]) if d]
        assert head.endswith(" · " + " – ".join(f'<span class="date">{d}</span>' for d in days)), head


def test_a_search_that_finds_no_article_says_so_without_an_empty_table(client: TestClient) -> None:
    """An articles search with no result drew the table's header ("compare published outlet title
    words") over one row saying "No article matches.": the message alone now."""
    page = client.get("/articles", params={"q": "nowhere-to-be-found"}).text
    main = page.split('<main id="main"', 1)[1]
    assert '<p class="empty">No article matches.</p>' in main
    assert "<table" not in main and "<th>" not in main and "Compare selected" not in main
    assert '<p class="count">0 articles' not in main
    # a search that finds some still lists them in the table
    found = client.get("/articles", params={"q": "the"}).text
    assert '<table class="articles stacks" role="table">' in found and "No article matches" not in found


def test_a_page_s_title_and_the_report_s_heading_isolate_the_names_in_them(tmp_path: Path, rt: Any) -> None:
    """The tab's title and the report's <h1> held an article's name or headline as it came: an
    Arabic one took " · newstrace", " vs " and the colon into its own direction ("newstrace compare:
    القدس العربي vs rt.com" read with the names swapped). In the <title>, plain text, each name is
    between FSI and PDI (``model.isolated_join``); in the report's heading, in a <bdi>."""
    from newstrace.compare import compare_articles, render_html

    name, headline = "القدس العربي", "مبعوث الأمم المتحدة إلى سوريا يدين قصف المدنيين في حلب"
    arab = Article(id="ar1", outlet=name, title=headline, text=rt.text)
    db = tmp_path / "ar.db"
    with Store(db) as st:
        st.add_articles([arab, rt])
    with TestClient(create_app(db), base_url=BASE) as c:
        page = c.get("/articles/ar1").text
        assert f"<title>\u2068{headline}\u2069 · newstrace</title>" in page
        both = c.get("/compare", params=[("ids", "ar1"), ("ids", rt.id)]).text
        tab = re.search(r"<title>(.*)</title>", both)
        assert tab and ARABIC.search(tab.group(1)) and not ARABIC.search(unisolated(html.unescape(tab.group(1)))), tab
        assert " vs " in tab.group(1) and tab.group(1).endswith("\u2069 · newstrace")
    report = render_html(compare_articles([arab, rt]))
    h1 = re.search(r"<h1>(.*)</h1>", report)
    assert h1 and ARABIC.search(h1.group(1)) and not ARABIC.search(re.sub(r"<bdi>.*?</bdi>", "", h1.group(1))), h1
    assert f"<bdi>{name}</bdi>" in h1.group(1) and " vs <bdi>" in h1.group(1)
    title = re.search(r"<title>(.*)</title>", report)
    assert title and f"\u2068{name}\u2069" in title.group(1) and not ARABIC.search(unisolated(title.group(1)))


def test_a_note_on_the_findings_stands_with_them_not_atop_the_page(client: TestClient, ids: dict[str, str]) -> None:
    """"rt.com: 10 more claim(s) only it carries are not listed." opened the compare and story
    pages, above the articles, with nothing to say what it was about. Such a note stands in the
    Findings section it qualifies now. The report (``--json``, ``/api/compare``) has every claim
    and no such note: the pages list each article's 6 most important, as the HTML report does,
    and say why."""
    from markupsafe import escape

    if not _stage(client, "compare"):
        pytest.skip("compare stage not installed")
    pair = [("ids", ids["rt"]), ("ids", ids["rewrite"])]
    report = client.get("/api/compare", params=pair).json()
    only_rt = [f for f in report["findings"] if f["type"] == "unique_claim" and f["articles"] == [ids["rt"]]]
    assert len(only_rt) > 6 and not [n for n in report["notes"] if "not listed" in n], report["notes"]
    unlisted = [f"rt.com: {len(only_rt) - 6} more claims only it carries are not listed, "
                "as only each article's 6 most important are: they are listed, folded, after the findings."]
    story = next(st["id"] for st in client.get("/api/stories").json()["stories"]
                 if ids["rt"] in {a["id"] for a in client.get(f"/api/stories/{st['id']}").json()["articles"]})
    for url, section in ((f"/compare?ids={ids['rt']}&ids={ids['rewrite']}", r'<aside class="side">(.*?)</aside>'),
                         (f"/stories/{story}", r'<section class="findings-box">(.*?)</section>')):
        page = client.get(url).text
        box = re.search(section, page, re.S)
        assert box, url
        before = page[:box.start()]
        for n in unlisted:
            name, rest = n.split(": ", 1)
            shown = f'<p class="dim note"><bdi>{escape(name)}</bdi>: {escape(rest)}</p>'  # as Jinja escapes
            assert shown in box.group(1) and rest not in before, (url, n)
        # rt.com's 6 most important, as the report lists them, and the rest folded after them
        listed, folded = box.group(1).split('<details class="more-findings"')
        assert listed.count("Only <bdi>rt.com</bdi> carries") == 6, url
        assert folded.count("Only <bdi>rt.com</bdi> carries") == len(only_rt) - 6, url


def test_the_web_pages_list_the_provenance_arrows_in_words_as_the_report_does(client: TestClient, ids: dict[str, str],
                                                                              rt: Any, rewrite: Any) -> None:
    """The HTML report lists its drawing's arrows in words under it ("rt.com → ...: confidence
    0.88; evidence: ..."); the web app's compare and story pages had the arrows' hover text alone,
    which no keyboard or screen-reader user reaches. They list them now, in the report's words."""
    if not _stage(client, "compare"):
        pytest.skip("compare stage not installed")
    from newstrace.compare import compare_articles, render_html

    def listed(page: str) -> list[str]:
        box = re.search(r'<ul class="edge-list">(.*?)</ul>', page, re.S)
        assert box, "no list of the arrows"
        return re.findall(r"<li>(.*?)</li>", box.group(1), re.S)

    report = listed(render_html(compare_articles([rt, rewrite])))
    assert report == ["<bdi>rt.com</bdi> → <bdi>“United Nations Finally … Civilians”</bdi>: confidence 0.88; "
                      "evidence: publication_order, containment, shared_variant"], report
    compare = client.get("/compare", params=[("ids", ids["rt"]), ("ids", ids["rewrite"])]).text
    assert listed(compare) == report
    story = next((st["id"] for st in client.get("/api/stories").json()["stories"]
                  if ids["rt"] in {a["id"] for a in client.get(f"/api/stories/{st['id']}").json()["articles"]}), None)
    if story is not None:
        page = client.get(f"/stories/{story}").text
        arrows = client.get(f"/api/stories/{story}").json()["report"]["provenance"]
        assert report[0] in listed(page) and len(listed(page)) == len(arrows)
        assert page.index('class="graph"') < page.index('<ul class="edge-list">') < page.index("<h2>Findings</h2>")


# -- the articles naming no outlet, an outlet named "?", the API's story as the CLI's ------------


def test_every_table_names_the_articles_without_an_outlet_as_the_outlets_page_does(client: TestClient, ids: dict[str, str]) -> None:
    """The rewrite names no outlet: the Articles and Stories tables said "?" for it (the outlets
    column, "first seen", the coverage bar's words), the outlet menu "no outlet", where the Outlets
    page, its drawing and the story's timeline say "(no outlet)"."""
    from newstrace.web.render import NO_OUTLET_NAME

    articles = client.get("/articles").text
    row = next(r for r in articles.split('<tr role="row">') if f'value="{ids["rewrite"]}"' in r)
    assert f'<td class="wraps outlet" dir="auto" role="cell" data-label="outlet">{NO_OUTLET_NAME}</td>' in row and '>?</td>' not in row, row
    assert f'<option value="?" >{NO_OUTLET_NAME} (1)</option>' in articles
    if not client.get("/api/stories").json()["available"]:
        pytest.skip("stories not available (corpus stage not installed or not run)")
    stories = client.get("/stories").text
    row = next(r for r in stories.split('<tr class="story"')[1:] if "rt.com" in r)
    assert f"<bdi>{NO_OUTLET_NAME}</bdi>" in row and "<bdi>?</bdi>" not in row, row
    assert f"{NO_OUTLET_NAME}: 1 of 3 articles" in row and "?: 1" not in row, row


def test_the_api_s_story_is_the_cli_s_story_json(web_db: tuple[Path, dict[str, str]], client: TestClient) -> None:
    """``newstrace story --json`` has ``provenance_skipped`` and ends a story's ``outlets`` with
    ``{"outlet": null, "articles": k}`` for the articles naming none, as ``stories --json`` and
    ``threads --json`` do; ``/api/stories/ID`` had neither, and ``/api/stories`` lacked the entry."""
    from typer.testing import CliRunner

    from newstrace.cli.main import app

    listed = client.get("/api/stories").json()
    if not listed["available"]:
        pytest.skip("stories not available (corpus stage not installed or not run)")

    def cli(*args: str) -> Any:
        res = CliRunner().invoke(app, [*args, "--db", str(web_db[0]), "--json"])
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)

    by_id = {st["id"]: st for st in cli("stories")}
    for st in listed["stories"]:
        assert st["outlets"] == by_id[st["id"]]["outlets"], st["id"]
        doc = cli("story", st["id"])
        api = client.get(f"/api/stories/{st['id']}").json()
        assert api["story"]["outlets"] == doc["story"]["outlets"] and "provenance_skipped" in api
        assert api["provenance_skipped"] == doc["provenance_skipped"]
    assert any(o == {"outlet": None, "articles": 1} for st in listed["stories"] for o in st["outlets"])
    threads = {t["id"]: t for t in cli("threads")}
    for t in listed["threads"]:
        assert t["outlets"] == threads[t["id"]]["outlets"], t["id"]


def test_a_pasted_text_s_outlet_is_checked_as_its_date_is(tmp_path: Path, rt: Any) -> None:
    """The outlet field was taken as typed: a line break or another control character in it was
    made a space (``ingest`` cleans fields so) and one of only spaces no outlet, so the article was
    stored under a name or none the user did not give, and one of 300 characters was stored with
    no outlet filter that takes it (200 at most). Each is refused on the form, nothing stored."""
    from markupsafe import escape

    db = tmp_path / "w.db"
    with Store(db):
        pass
    long_name = "rt.com " * 43  # 301 characters
    with TestClient(create_app(db, readonly=False), base_url=BASE) as c:
        for outlet, said in [
            ("   ", "the pasted text's outlet is only spaces: write its name (rt.com), or leave it empty"),
            ("rt.com\nRussia Today", "the pasted text's outlet holds the control character U+000A: write its name on one line"),
            ("rt\x07.com", "the pasted text's outlet holds the control character U+0007"),
            (long_name, "the pasted text's outlet is 300 characters long: an outlet's name is at most 200"),
        ]:
            data = {"text": rt.text, "text_outlet": outlet, "save": "true"}
            r = _post(c, "/api/upload", data=data)
            assert r.status_code == 400 and said in r.json()["detail"], (outlet, r.text)
            page = _post(c, "/upload", data=data)
            assert page.status_code == 400 and str(escape(said)) in page.text, outlet
        with Store(db, readonly=True) as st:
            assert st.count_articles() == 0
        # around the name, spaces are no part of it, as before
        r = _post(c, "/api/upload", data={"text": rt.text, "text_outlet": "  rt.com ", "save": "true"})
        assert r.status_code == 200 and [a["outlet"] for a in r.json()["articles"]] == ["rt.com"]


def test_the_findings_a_page_leaves_out_are_counted_and_listed_folded(tmp_path: Path) -> None:
    """FA-KES dev 1914947537 and 1914947538 carry 25 findings, 13 of them claims past one article's
    6 most important: the compare and story pages listed 12 and a note counted the rest, saying
    nowhere where they were. They are listed, folded, after the others, as the HTML report has them."""
    from conftest import require_data
    from newstrace.compare.html import UNLISTED_WHERE
    from newstrace.ingest import read_inputs
    from newstrace.model import listed

    path = require_data("fakes", "fakes_dev.csv")
    ids = ["1914947537", "1914947538"]
    db = tmp_path / "two.db"
    with Store(db) as st:
        st.add_articles([a for a in read_inputs([path], on_error=lambda e: None) if a.id in ids])
    analysed = analyze_if_available(db)
    with TestClient(create_app(db), base_url=BASE) as c:
        report = c.get("/api/compare", params=[("ids", i) for i in ids]).json()
        shown, left = listed(report["findings"], lambda f: f["type"], lambda f: f["articles"][0])
        assert len(left) >= 7, len(left)
        pages = [c.get("/compare", params=[("ids", i) for i in ids]).text]
        stories = c.get("/api/stories").json()["stories"] if analysed else []
        if len(stories) == 1:  # the two are one story: its page lists its findings the same way
            pages.append(c.get(f"/stories/{stories[0]['id']}").text)
    for page in pages:
        folded = page[page.index('<details class="more-findings"'):]
        folded = folded[:folded.index("</details>")]
        assert f"<summary>{len(left)} more claims only one article carries</summary>" in folded  # "claim(s)" before
        assert len(re.findall(r'<li class="finding ', folded)) == len(left)
        before = page[:page.index('<details class="more-findings"')]
        assert len(re.findall(r'<li class="finding ', before[before.index('<ol class="findings"'):])) == len(shown)
        assert f"most important are: {UNLISTED_WHERE}." in html.unescape(page)


def test_the_api_names_the_stories_without_provenance_as_the_cli_s_json_does(wire_db: WireDb, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wire story of 31 copies over a bound of 29 stored pairs has no provenance edges:
    ``newstrace story ID --json`` says why (``provenance_skipped``) and ``outlets --json`` lists it
    among the stories whose pairs count undirected; ``/api/stories/ID`` and ``/api/outlets`` had
    neither key."""
    wire_db.over_the_bound(monkeypatch, 29)
    doc, net = wire_db.cli("story", wire_db.story), wire_db.cli("outlets")
    assert doc["provenance_skipped"] and net["provenance_skipped"], (doc["provenance_skipped"], net["provenance_skipped"])
    with TestClient(create_app(wire_db.path), base_url=BASE) as c:
        assert c.get(f"/api/stories/{wire_db.story}").json()["provenance_skipped"] == doc["provenance_skipped"]
        assert c.get("/api/outlets").json()["provenance_skipped"] == net["provenance_skipped"]


def test_a_story_none_of_whose_articles_gives_a_date_says_no_date_on_every_page(tmp_path: Path) -> None:
    """The seeds with no date: the stories list left their "dates" cell empty and the thread's
    heading "Aleppo, …  · 1 story", and the story page said nothing of a date, where an article's
    page and the lists say "no date" (and ``newstrace stories`` said "?"). Each says "no date";
    a timed thread's heading gives its day, as its stories' rows do, not the whole instant."""
    for when, day in ((None, "no date"), (datetime(2016, 10, 30, 9, 15, tzinfo=UTC), "2016-10-30")):
        db = tmp_path / f"{day}.db"
        with Store(db) as st:
            st.add_articles([dataclasses.replace(a, published=when) for a in seed_articles()])
        assert analyze_if_available(db)
        with TestClient(create_app(db), base_url=BASE) as c:
            (story,) = c.get("/api/stories").json()["stories"]
            assert story["start"] == (when and when.isoformat())
            listing = c.get("/stories").text
            row = re.search(rf'<tr class="story" data-story="{story["id"]}" role="row">.*?</tr>', listing, re.S)
            assert row and f'<td class="dim" role="cell" data-label="dates"><span class="date">{day}</span></td>' in row[0], row
            heading = re.search(r'<h2 class="thread-label">.*?</h2>', c.get("/stories", params={"thread": story["thread"]}).text, re.S)
            assert heading and f'<span class="dim"><span class="date">{day}</span> · 1 story' in heading[0], heading
            page = c.get(f"/stories/{story['id']}").text
            assert re.search(rf'outlets?[^·]*· <span class="date">{day}</span> · first seen', page), page[:2000]


def test_the_story_page_opens_the_headline_finding_beside_the_quotation_it_cites(client: TestClient, ids: dict[str, str]) -> None:
    """The seeds' story page: "Headline unsupported" names the rewrite alone, its evidence RT's
    "armed opposition groups" too, and it was the one finding over two articles with no "open side
    by side" link; it opens both, where the headline's words are marked."""
    _, page = _seeds_story_page(client)
    finding = re.search(r'<li class="finding t-headline_unsupported".*?</li>\s*(?=<li class="finding|</ol>)', page, re.S)
    assert finding, page
    link = re.search(r'<a class="open-pair" href="([^"]+)"[^>]*>open side by side</a>', finding[0])
    assert link, finding[0]
    opened = client.get(html.unescape(link[1]))
    assert opened.status_code == 200
    assert {ids["rt"], ids["rewrite"]} <= set(re.findall(r'data-article="([^"]+)"', opened.text))
    title = re.search(r'<h2 class="atitle"[^>]*>(.*?)</h2>', opened.text.split(f'data-article="{ids["rewrite"]}"', 1)[1], re.S)
    assert title and re.search(r'<span class="ev t-headline_unsupported" id="c\d-f\d+-\d+"[^>]*>US-Backed</span>', title[1]), title


def test_the_story_pages_unique_claims_open_where_their_words_are_marked(client: TestClient, ids: dict[str, str]) -> None:
    """On the seeds' story page each "Unique claim" (a claim one article alone carries) had no link:
    the finding quoted the sentence and nothing led to it in the text, where the compare page jumps
    to it. Each opens its article beside the one it is not in, its words marked there."""
    story, page = _seeds_story_page(client)
    found = re.findall(r'<li class="finding t-unique_claim".*?</li>\s*(?=<li class="finding|</ol>)', page, re.S)
    members = {a["id"] for a in client.get(f"/api/stories/{story['id']}").json()["articles"]}
    assert len(found) >= 11, len(found)  # the seeds' 11, the folded ones too
    for finding in found:
        link = re.search(r'<a class="open-pair" href="([^"]+)"[^>]*>open side by side</a>', finding)
        assert link, finding
        opens = parse_qs(urlsplit(html.unescape(link[1])).query)["ids"]
        assert len(opens) >= 2 and set(opens) <= members, opens
    # the last one's: the compare page lists the same finding, its jump leading to its marked words
    opened = client.get(html.unescape(link[1])).text
    summary = re.search(r'<span class="fsummary">(.*?)</span>\s*<', finding, re.S)
    assert summary
    there = [f for f in re.findall(r'<li class="finding t-unique_claim".*?</ul>', opened, re.S) if summary[1] in f]
    assert there, summary[1]
    jump = re.search(r'<a class="jump" href="#(claim-[0-9a-f]+)">', there[0])
    assert jump and f'id="{jump[1]}"' in opened, there[0]
    assert html.unescape(link[1]).endswith("#" + jump[1])  # the story page's link opens at them


def test_a_story_page_says_its_articles_with_no_date_beside_its_span(tmp_path: Path, rt: Any, rewrite: Any,
                                                                     client: TestClient) -> None:
    """The seeds and a republished copy of RT's report that gives no date are one story of 3: its
    page's head gave "2016-10-30 – 2016-11-02", the span of the two dated ones, as the story's. It
    says "(1 article with no date)" after it, and the API counts them in ``story.undated``."""
    import dataclasses

    copy = dataclasses.replace(rt, id="undated-copy", outlet="example.org", published=None,
                               text=rt.text + "\n\nThis article was republished from RT.")
    db = tmp_path / "undated.db"
    analysed_or_skip(db, [rt, rewrite, copy])
    with TestClient(create_app(db), base_url=BASE) as c:
        (story,) = c.get("/api/stories").json()["stories"]
        api = c.get(f"/api/stories/{story['id']}").json()["story"]
        assert (api["size"], api["undated"], api["start"][:10], api["end"][:10]) == (3, 1, "2016-10-30", "2016-11-02")
        head = re.search(r'<p class="dim">story .*?</p>', c.get(f"/stories/{story['id']}").text, re.S)
        assert head and re.search(r'2016-11-02</span> \(1 article with no date\) ·', head[0]), head
        # the listing too: the story's dates and its thread's span (they gave the dated ones' alone)
        assert story["undated"] == 1 and c.get("/api/stories").json()["threads"][0]["undated"] == 1
        page = c.get("/stories").text
        thread = re.search(r'<h2 class="thread-label">.*?</h2>', page, re.S)
        assert thread and re.search(r'2016-11-02</span> \(1 article with no date\) ·', thread[0]), thread
        assert re.search(r'<td class="dim" role="cell" data-label="dates">[^<]*<span class="date">2016-10-30</span> – <span class="date">2016-11-02</span> '
                         r'\(1 article with no date\)</td>', page), page
    # a story whose articles all give a date says nothing of it (the seeds' in the shared database)
    for listed in client.get("/api/stories").json()["stories"]:
        if client.get(f"/api/stories/{listed['id']}").json()["story"]["undated"] == 0:
            assert "with no date" not in client.get(f"/stories/{listed['id']}").text
    assert "with no date" not in client.get("/stories").text


def test_the_pages_say_their_counts_in_words(client: TestClient, ids: dict[str, str]) -> None:
    """The article page's legend said "26 quote(s), 12 count(s)", the compare page's columns and
    the story page's pairs "1 shared passage(s)": counts in words (``model.counted``), as the story
    page's head says "2 articles"."""
    page = client.get(f"/articles/{ids['rt']}").text
    claims = client.get(f"/api/articles/{ids['rt']}").json()
    if claims["claims_available"]:
        assert f"· {len(claims['quotes'])} quotes, {len(claims['quantities'])} counts</p>" in page
    compare = client.get("/compare", params=[("ids", ids["rt"]), ("ids", ids["rewrite"])]).text
    shown = re.findall(r"· (\d+) shared (passages?)</p>", compare)
    assert len(shown) == 2 and all((n == "1") == (word == "passage") for n, word in shown), shown
    (story,) = client.get(f"/api/articles/{ids['rt']}").json()["stories"] or [None]
    if story is not None:
        pairs = client.get(f"/stories/{story['id']}").text.split('<section class="pairs">')[1].split("</section>")[0]
        assert re.search(r"· \d+ shared passages? ·", pairs) and "(s)" not in pairs


def test_an_upload_of_one_article_says_it_is_not_compared_with_the_database(client: TestClient, rt: Any, rewrite: Any,
                                                                             ids: dict[str, str]) -> None:
    """A fact-checker pastes the rewrite alone, with RT's report, which it copies, in the database:
    the report said "there is nothing to compare it with", as if the database held nothing like
    it. The page says what an upload is compared with, and how to compare it with what is stored."""
    one = client.post("/upload", data={"text": (rewrite.title or "") + "\n" + rewrite.text})
    assert one.status_code == 200 and "there is nothing to compare it with" in one.text  # the report's own note
    said = ("An upload is compared with the articles uploaded with it, not with the database's: upload it with "
            "those to compare it with, as files or beside the pasted text")
    assert said in one.text
    assert client.get(f"/api/articles/{ids['rt']}").status_code == 200  # the database holds what it copies
    two = client.post("/upload", data={"text": (rewrite.title or "") + "\n" + rewrite.text,
                                       "html": f"<html><title>{rt.title}</title><body><p>{rt.text}</p></body></html>"}).text
    assert "An upload is compared with" not in two


def _one_outlet_story(tmp_path: Path, rt: Any) -> tuple[Path, str]:
    """A story of four Reuters reports of RT's text (each a line of its own), which its page names
    "reuters #1" to "reuters #4", and its id."""
    from datetime import date

    arts = [Article(id=f"r{k}", title=f"Aleppo update {k}", outlet="reuters", published=date(2016, 10, 10 + k),
                    text=rt.text + f"\n\nOfficials said {11 + k} more people were wounded on Monday.") for k in range(4)]
    db = tmp_path / "reuters.db"
    analysed_or_skip(db, arts)
    with TestClient(create_app(db), base_url=BASE) as c:
        story = next((s for s in c.get("/api/stories").json()["stories"] if s["size"] == 4), None)
    if story is None:
        pytest.skip("the four reports are not one story")
    return db, story["id"]


def test_a_pair_opened_from_a_story_keeps_the_story_s_names(tmp_path: Path, rt: Any) -> None:
    """A story page's "reuters #3 ↔ reuters #4" opened a compare page naming them "reuters #1" and
    "reuters #2" (numbered among the two compared): whoever followed the link met other names for
    the same articles, in the columns and in every finding. Opened from the story, the compare page
    names them as the story does, and says so, with a link back to it; opened by itself, as before."""
    db, sid = _one_outlet_story(tmp_path, rt)
    with TestClient(create_app(db), base_url=BASE) as c:
        if not _stage(c, "compare"):
            pytest.skip("compare stage not installed")
        page = c.get(f"/stories/{sid}").text
        pairs = re.findall(r'<a class="pair-link" href="([^"]+)"><bdi>([^<]+)</bdi> ↔ <bdi>([^<]+)</bdi>', page)
        late = [(href, a, b) for href, a, b in pairs if "#1" not in a + b]
        assert late, pairs
        for href, a, b in late:
            href = html.unescape(href)
            compared = c.get(href)
            assert compared.status_code == 200, href
            names = re.findall(r'<span class="name" dir="auto" title="as the findings name it">([^<]+)</span>', compared.text)
            assert sorted(names) == sorted([a, b]), (href, names)
            assert f'href="/stories/{sid}"' in compared.text
            api_href = href.replace("/compare?", "/api/compare?")
            assert sorted(x["label"] for x in c.get(api_href).json()["articles"]) == sorted([a, b])
            alone = c.get("/compare", params=[("ids", i) for i in parse_qs(urlsplit(href).query)["ids"]]).text
            assert sorted(re.findall(r'title="as the findings name it">([^<]+)</span>', alone)) == ["reuters #1", "reuters #2"]
        # every link to a compare page on the story's page carries it: the findings' and the arrows' too
        for link in re.findall(r'href="(/compare\?[^"]+)"', page):
            assert "story=" in html.unescape(link), link


def test_comparing_too_many_of_a_story_s_articles_leads_back_to_the_story(client: TestClient) -> None:
    """Ticking 9 of a story's articles and "Compare selected" gave a 422 page sending the reader to
    tick them in Articles; it leads back to the story's list of articles, where they were ticked."""
    story = client.get("/api/stories").json()["stories"][0]["id"]
    page = client.get(f"/stories/{story}").text
    assert f'<input type="hidden" name="story" value="{story}">' in page
    r = client.get("/compare", params=[*(("ids", f"x{k}") for k in range(9)), ("story", story)])
    assert r.status_code == 422 and "ids: at most 8 allowed, 9 given" in r.text
    assert f'<a href="/stories/{story}#articles">' in r.text and '<a href="/articles">' not in r.text.split("<main", 1)[1]


def test_the_report_and_the_pages_tell_a_phone_to_tap(client: TestClient, ids: dict[str, str], rt: Any, rewrite: Any) -> None:
    """The HTML report (``compare --html``, ``story --html``) said "Click a highlight" and "Hover an
    arrow for its evidence or read the list of arrows below" on a phone too, where the web app says
    "click (or tap)" and where to read an arrow's evidence on a touch screen; the compare page's own
    legend said "click to jump". One wording, in the report and on every page."""
    from newstrace.compare import compare_articles, render_html

    page = client.get("/compare", params=[("ids", ids["rt"]), ("ids", ids["rewrite"])]).text
    assert "(click (or tap) to jump to its counterpart)" in page
    if not _stage(client, "compare"):
        pytest.skip("compare stage not installed")
    report = render_html(compare_articles([rt, rewrite]))
    assert "Click (or tap) a highlight to jump to its counterpart" in report
    # a shared passage's tooltip names its kind as both legends do: "near-verbatim", not the JSON's
    # "near_verbatim" (``model.passage_tip``; the report's adds what a click does, its legend's words)
    tips = re.findall(r'<a class="psg ([^"]*)"[^>]* title="([^"]*)"', page)
    assert {"near_verbatim", "verbatim"} <= {c.split()[0] for c, _ in tips}, tips
    assert not [t for _, t in tips if "_" in t] and any(t.startswith("near-verbatim passage shared with") for _, t in tips), tips
    assert "near-verbatim passage shared with \u2068rt.com\u2069: click (or tap) to jump there" in report
    if "No arrows" not in report:
        assert "(on a touch screen, read it in the list of arrows below); click (or tap) an article to read its text" in report
        assert "(on a touch screen, read it in the list of arrows below); click (or tap) an arrow to open the pair" in page
