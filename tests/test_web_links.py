"""Every link of every page reaches its page, over a real connection, for ids and outlets that are
URL syntax: ``.``, ``..``, ``a/b``, ``%2F``, ``?x``, ``#y``, and outlets named ``?``, ``.``, ``..``."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import httpx
import pytest

from newstrace.model import Article
from newstrace.store.sqlite import Store
from newstrace.web.render import NO_OUTLET_NAME
from test_web_fixtures import analyze_if_available, live_server, seed_articles

#: (id, outlet): ids a path segment cannot hold as they are, outlets that are URL syntax too
ODD = [(".", "?"), ("..", "."), ("a/b", ".."), ("%2F", "a/b"), ("?x", "Ελληνική Εφημερίδα"), ("#y", "%2F"),
       ("../x", "#hash"), ("./", "?"), ("a%2Fb", None), ("/lead", "."), ("sp ace", "日本経済")]


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Article]]]:
    seeds = seed_articles()
    rt = next(a for a in seeds if a.outlet == "rt.com")
    arts = [Article(id=i, title=f"Odd {k} {i}", outlet=o, published=None if k % 2 else date(2016, 10, 10 + k),
                    text=rt.text + f"\n\nOfficials said {11 + k} more people were wounded.")
            for k, (i, o) in enumerate(ODD)]
    db = tmp_path_factory.mktemp("links") / "odd.db"
    with Store(db) as st:
        st.add_articles([*seeds, *arts])
    analyze_if_available(db)
    with live_server(db) as base:
        yield base, {a.id: a for a in [*seeds, *arts]}


def _hrefs(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page)]


def test_every_link_reaches_its_page(odd: tuple[str, dict[str, Article]]) -> None:
    """``/articles/.`` and ``/articles/..`` are dot segments: a browser sends ``/articles/`` (the
    list) and ``/`` for them, so the articles ``.`` and ``..`` had no page any link reached; and a
    story's finding over more articles than ``/compare`` takes linked to its 422."""
    base, arts = odd
    seen: set[str] = set()
    todo = ["/", "/articles", "/outlets"]
    reached: set[str] = set()
    opened: set[str] = set()
    with httpx.Client(base_url=base, timeout=120) as c:
        while todo:
            url = todo.pop()
            if url in seen:
                continue
            seen.add(url)
            r = c.get(url)
            assert r.status_code == 200, url
            for href in _hrefs(r.text):
                full = urljoin(base + url, href)  # as a browser resolves it: dot segments dropped
                parts = urlsplit(full)
                if not full.startswith(base) or parts.path.startswith(("/static/", "/api/")):
                    continue
                target = parts.path + ("?" + parts.query if parts.query else "")
                if parts.path == "/compare":  # each one builds a report: checked, not opened
                    ids = parse_qs(parts.query)["ids"]
                    assert 2 <= len(ids) <= 8 and set(ids) <= set(arts), (url, href)
                    continue
                article = parts.path.startswith("/articles/") or parts.path == "/article"
                if article and target not in opened:
                    opened.add(target)
                    page = c.get(target, follow_redirects=True)
                    assert page.status_code == 200, (url, href)
                    title = re.search(r'<h1 class="atitle"[^>]*>(.*?)</h1>', page.text)
                    assert title, (url, href)
                    reached.add(html.unescape(title.group(1)))
                    continue
                if not article and len(seen) < 120:
                    todo.append(target)
    assert {a.title for a in arts.values()} <= reached


def test_an_outlet_named_like_url_syntax_has_its_articles_listed(odd: tuple[str, dict[str, Article]]) -> None:
    """An outlet named "?" (a CSV may say so) was one with the articles naming none: one row of the
    outlets table, one node, one entry of the menu, whose link listed both, and no page could show
    either alone. It is its own outlet now, ``outlet=\\?`` in a filter, beside "(no outlet)",
    ``outlet=?`` as before; and ``.``, ``..``, ``a/b`` list their own articles."""
    base, arts = odd
    boxes = re.compile(r'<input type="checkbox" name="ids" value="([^"]*)"')
    with httpx.Client(base_url=base, timeout=120) as c:
        page = c.get("/outlets").text
        rows = re.findall(r'<tr><td class="wraps" dir="auto"><a href="([^"]+)"(?: aria-label="[^"]*")?>([^<]*)</a></td><td class="num">(\d+)</td>', page)
        links = {html.unescape(name): (html.unescape(href), int(n)) for href, name, n in rows}
        assert len(links) == len(rows)  # one row for each name
        for outlet in {a.outlet for a in arts.values()}:
            mine = {a.id for a in arts.values() if a.outlet == outlet}
            href, n = links[outlet or NO_OUTLET_NAME]
            assert n == len(mine), outlet
            assert {html.unescape(i) for i in boxes.findall(c.get(href).text)} == mine, outlet
            api = c.get("/api/articles", params={"outlet": parse_qs(urlsplit(href).query)["outlet"][0]}).json()
            assert {a["id"] for a in api["articles"]} == mine, outlet
        assert links["?"][0] == "/articles?outlet=%5C%3F" and links[NO_OUTLET_NAME][0] == "/articles?outlet=%3F"
        # a link of before, ``outlet=?``, lists the articles naming none, as it did
        assert {a["id"] for a in c.get("/api/articles", params={"outlet": "?"}).json()["articles"]} == \
            {a.id for a in arts.values() if a.outlet is None}
        menu = re.findall(r'<option value="([^"]*)" (?:selected)?>([^<]*) \(\d+\)</option>', c.get("/articles").text)
        assert [html.unescape(v) for v, name in menu if html.unescape(name) in ("?", NO_OUTLET_NAME)] == ["\\?", "?"]
        if c.get("/api/stories").json()["available"]:
            nodes = {href: html.unescape(name).strip("\u2068\u2069")  # isolated as a name is (``isolated_name``)
                     for href, name in re.findall(r'<a class="node" href="([^"]+)"><title>([^<]*)</title>', page)}
            assert nodes["/stories?outlet=%5C%3F"] == "?" and nodes["/stories?outlet=%3F"] == NO_OUTLET_NAME
            named = re.findall(r'<td class="num" role="cell" data-label="size">\d+</td>\s*<td class="outlet" role="cell" data-label="outlets">(.*?)</td>', c.get("/stories").text)
            names = [[html.unescape(n) for n in re.findall(r"<bdi>([^<]*)</bdi>", row)] for row in named]
            assert names and all(row.count("?") <= 1 and row.count(NO_OUTLET_NAME) <= 1 for row in names), named
            assert any("?" in row and NO_OUTLET_NAME in row for row in names), names
            for value, outlet in (("\\?", "?"), ("?", None)):
                listed = c.get("/api/stories", params={"outlet": value}).json()["stories"]
                have = {a.id for a in arts.values() if a.outlet == outlet}
                assert listed and all(
                    have & {m["id"] for m in c.get(f"/api/stories/{quote(st['id'], safe='')}", params={"limit": 200}).json()["articles"]}
                    for st in listed), value


def test_every_article_is_reached_through_the_api(odd: tuple[str, dict[str, Article]]) -> None:
    """The API had only ``/api/articles/{id}``, where ``.`` and ``..`` are dot segments a client
    drops (``/api/articles/..`` is ``/api/``): those two articles had no JSON. ``/api/article?id=``
    answers for every id, with what the path form answers for the ids a path can carry."""
    base, arts = odd
    with httpx.Client(base_url=base, timeout=120) as c:
        schema = c.get("/api/openapi.json").json()
        assert [p["name"] for p in schema["paths"]["/api/article"]["get"]["parameters"]] == ["id"]
        for aid in arts:
            by_query = c.get("/api/article", params={"id": aid})
            assert by_query.status_code == 200, aid
            assert by_query.json()["id"] == aid
            if aid not in (".", ".."):
                assert c.get("/api/articles/" + quote(aid, safe="")).json() == by_query.json(), aid
        assert c.get("/api/article", params={"id": "no such id"}).status_code == 404
        # what the query form is for: the path form cannot name these two
        dropped = c.get("/api/articles/..")
        assert not dropped.is_success and dropped.url.path.rstrip("/") == "/api"
