"""The web app in a real browser: Playwright driving Debian's Chromium, headless.

One server (uvicorn on 127.0.0.1, a free port, in a thread) and one browser for the whole module.
The database holds the seeds, a hostile article and, when ../shared/data is present, a sample of
FA-KES. Screenshots go to test-artifacts/web/ (gitignored; CI keeps them as artifacts).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from conftest import (
    BACKGROUND_PAIR,
    BROKEN_WORDS,
    HIDE_CONTENTS,
    ROOT,
    TAGGED_FINDINGS,
    background_tags_read,
    check_pulse,
    check_stacked,
    colour,
    contrast,
    edge_shades,
    jump_outline,
    pointer_off,
    rings_by_tab,
    text_box,
    through_a_pulse,
)
from newstrace.web.app import static_files
from test_web_fixtures import build_db, live_server

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    db = tmp_path_factory.mktemp("browser") / "browser.db"
    ids = build_db(db, hostile=True, data=True)
    with live_server(db) as base:
        yield base, ids


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    ctx.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _stage(page: Any, base: str, name: str) -> bool:
    return bool(page.request.get(f"{base}/api/health").json()["stages"][name])


# -- every page ------------------------------------------------------------------------------------


def test_every_page_opens(server: tuple[str, dict[str, str]], page: Any) -> None:
    """... and asks for nothing the server does not have (the browser's own /favicon.ico was a 404
    and a console error on the first page opened)."""
    base, ids = server
    failed: list[str] = []  # Chromium reports the favicon's 404 in the console alone
    page.on("console", lambda m: failed.append(f"{m.text} {m.location.get('url')}") if m.type == "error" else None)
    for name, url in [
        ("stories", "/stories"),
        ("articles", "/articles"),
        ("outlets", "/outlets"),
        ("upload", "/upload"),
        ("article-rt", f"/articles/{ids['rt']}"),
        ("compare-seeds", f"/compare?ids={ids['rt']}&ids={ids['rewrite']}"),
    ]:
        resp = page.goto(base + url)
        assert resp is not None and resp.status == 200, url
        assert page.locator("header.top nav a").count() == 4
        shot(page, name)
    assert not page.errors, page.errors
    assert not failed, failed


def test_every_page_has_one_h1_headings_in_order_and_named_landmarks(server: tuple[str, dict[str, str]], page: Any) -> None:
    """What a screen reader's lists of headings and landmarks show: one h1, no level skipped, one
    banner and one main, and every navigation named and holding a link. A list of one page drew
    an empty navigation landmark ("pages", no link in it) beside the site's unnamed one."""
    base, ids = server
    story = page.request.get(f"{base}/api/stories").json()
    urls = ["/stories", "/articles", "/articles?limit=10", "/outlets", "/upload", f"/articles/{ids['rt']}",
            f"/compare?ids={ids['rt']}&ids={ids['rewrite']}", "/articles/no-such-article"]
    if story["available"] and story["stories"]:
        urls.append(f"/stories/{quote(story['stories'][0]['id'], safe='')}")
    for url in urls:
        page.goto(base + url)
        got = page.evaluate("""() => ({
            lang: document.documentElement.lang, title: document.title,
            levels: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(h => +h.tagName[1]),
            banners: document.querySelectorAll("body > header").length, mains: document.querySelectorAll("main").length,
            navs: [...document.querySelectorAll("nav")].map(n => [n.getAttribute("aria-label") || "", n.querySelectorAll("a[href]").length]),
        })""")
        assert got["lang"] == "en" and got["title"].endswith(" · newstrace"), (url, got)
        assert got["levels"].count(1) == 1 and got["levels"][0] == 1, (url, got["levels"])
        assert all(b <= a + 1 for a, b in zip(got["levels"], got["levels"][1:], strict=False)), (url, got["levels"])
        assert got["banners"] == 1 and got["mains"] == 1, (url, got)
        names = [n for n, _ in got["navs"]]
        assert all(names) and len(set(names)) == len(names), (url, got["navs"])
        assert all(links for _, links in got["navs"]), (url, got["navs"])
    page.goto(base + "/articles?limit=10")
    assert page.locator("nav[aria-label=pages] a[rel=next]").count() == 1


def test_every_link_says_where_it_goes(server: tuple[str, dict[str, str]], page: Any) -> None:
    """A screen reader's list of links on /outlets read "?" (the articles that name no outlet) and
    "2", "1" (a pair of outlets' stories in one, each a link to those stories): no word in them.
    Each now says what it leads to, its visible text first. (Links inside an article's text are
    named by the words they mark, and may be a mark alone where a passage is cut.)"""
    base, ids = server
    for url in ["/stories", "/articles", "/outlets", "/upload", f"/articles/{ids['rt']}"]:
        page.goto(base + url)
        heard = page.locator("body").aria_snapshot()
        links = re.findall(r'link "([^"]*)"', heard)
        assert links and not [n for n in links if not re.search(r"[^\W\d_]", n)], (url, links)
        assert "- link:" not in heard, url  # a link with no name at all
    page.goto(base + "/outlets")
    if page.locator("table.edges a").count():
        assert re.fullmatch(r"\d+: the stories with articles from .+ and .+", page.locator("table.edges a").first.get_attribute("aria-label") or "")


def test_a_drawing_with_links_is_a_named_group_not_an_image(server: tuple[str, dict[str, str]], page: Any) -> None:
    """The provenance graph, the timeline and the outlet network were role="img", whose children
    ARIA makes presentational: a screen reader may read each as one picture and never reach the
    links in it (an article, an arrow's evidence, an outlet's stories). A drawing with links is a
    named group; one without (a coverage bar, the counts by outlet) stays a named image."""
    base, ids = server
    stories = page.request.get(f"{base}/api/stories").json()
    urls = ["/outlets", "/stories", f"/compare?ids={ids['rt']}&ids={ids['rewrite']}"]
    if stories["available"]:
        (story,) = [
            s["id"] for s in stories["stories"]
            if ids["rt"] in {a["id"] for a in page.request.get(f"{base}/api/stories/{quote(s['id'], safe='')}").json()["articles"]}
        ]
        urls.append(f"/stories/{quote(story, safe='')}")
    linked = 0
    for url in urls:
        page.goto(base + url)
        drawings = page.evaluate("""() => [...document.querySelectorAll("main svg")].filter(s => !s.parentElement.closest("svg"))
            .map(s => [s.getAttribute("class"), s.getAttribute("role"), s.getAttribute("aria-label") || "", s.querySelectorAll("a[href]").length])""")
        for cls, role, label, links in drawings:
            assert label, (url, cls)
            assert role == ("group" if links else "img"), (url, cls, role, links)
            linked += bool(links)
    assert linked >= 2


def test_articles_search_and_pick_two_to_compare(server: tuple[str, dict[str, str]], page: Any) -> None:
    base, ids = server
    page.goto(base + "/articles")
    page.fill("form.search input[name=q]", "de Mistura")
    page.click("form.search button")
    page.wait_for_url(re.compile(r"q=de\+Mistura"))
    rows = page.locator("table.articles tbody tr")
    titles = rows.locator("a.article-link").all_inner_texts()
    assert any("UN Syria envoy" in t for t in titles)
    assert any("US-Backed Rebels" in t for t in titles)
    for aid in (ids["rt"], ids["rewrite"]):
        page.check(f"input[name=ids][value='{aid}']")
    page.click("form.pick button[type=submit]")
    page.wait_for_url(re.compile(r"/compare\?"))
    assert page.locator("section.column").count() == 2
    shot(page, "articles-picked-compare")


# -- compare: highlights, links, findings, graph ------------------------------------------------------


def test_compare_highlights_link_both_ways(server: tuple[str, dict[str, str]], page: Any) -> None:
    base, ids = server
    if not _stage(page, base, "compare"):
        pytest.skip("compare stage not installed")
    page.goto(f"{base}/compare?ids={ids['rt']}&ids={ids['rewrite']}")
    left, right = page.locator("section.column").nth(0), page.locator("section.column").nth(1)
    # the shared de Mistura quotation is highlighted in both articles, "[attacks,]" marked inside it
    for col in (left, right):
        mark = col.locator(".psg .diff", has_text="[attacks,]")
        assert mark.count() >= 1
        assert mark.first.is_visible()
        # a highlight is cut into pieces at every inner boundary; its pieces share data-pair
        key = col.locator(".psg", has=page.locator(".diff", has_text="[attacks,]")).first.get_attribute("data-pair")
        passage = "".join(col.locator(f"[data-pair='{key}']").all_inner_texts())
        assert "nothing justifies the use of disproportionate, indiscriminate [attacks,] including" in passage
    # a click on a passage in one column brings its counterpart in the other into view
    for src, dst in ((left, right), (right, left)):
        link = src.locator("a.psg", has=page.locator(".diff", has_text="[attacks,]")).first
        target_id = link.get_attribute("href").lstrip("#")
        link.click()
        target = page.locator(f"[id='{target_id}']")
        assert dst.locator(f"[id='{target_id}']").count() == 1
        assert "current" in (target.get_attribute("class") or "")
        assert target.is_visible() and _in_viewport(page, target)
    shot(page, "compare-passage-clicked")
    # findings list: a jump link lands on its evidence
    jump = page.locator("aside.side li.t-quote_variant a.jump").first
    target_id = jump.get_attribute("href").lstrip("#")
    jump.click()
    assert "current" in (page.locator(f"[id='{target_id}']").get_attribute("class") or "")
    assert not page.errors, page.errors


def test_every_jump_of_a_finding_lands_on_the_words_it_quotes(server: tuple[str, dict[str, str]], page: Any) -> None:
    """The seeds' findings, each evidence link on the compare page: the headline one's "US-Backed"
    and "Murdering" led to the whole headline of the rewrite, where nothing marked them (the HTML
    report marks them); every link lands on the words it quotes (on their first piece where a
    highlight is cut at an inner boundary)."""
    base, ids = server
    if not _stage(page, base, "compare"):
        pytest.skip("compare stage not installed")
    page.goto(f"{base}/compare?ids={ids['rt']}&ids={ids['rewrite']}")
    jumps = page.evaluate("""() => [...document.querySelectorAll('a.jump')].map(a => {
        const el = document.getElementById(a.getAttribute('href').slice(1));
        return [a.querySelectorAll('bdi')[1].textContent, el ? el.textContent : null, el ? el.closest('h2.atitle') !== null : false]; })""")
    quoted = {text for text, _, _ in jumps}
    assert {"US-Backed", "Murdering", "[attacks,]", "scores of civilians", "hundreds of civilians"} <= quoted, quoted
    for text, target, _ in jumps:
        words = text[:-3] if text.endswith("...") else text  # a long quotation is cut in the link
        # the anchor is the first piece of a highlight cut at an inner boundary ("scores" of "scores of civilians")
        assert target and (target.startswith(words) or words.startswith(target)), (text, target)
    assert {text for text, _, in_title in jumps if in_title} == {"US-Backed", "Murdering"}
    jump = page.locator("a.jump", has_text="Murdering").first
    jump.click()
    target = page.locator(f"[id='{jump.get_attribute('href').lstrip('#')}']")
    assert "current" in (target.get_attribute("class") or "") and _in_viewport(page, target)
    # words a passage's edge cuts into pieces are outlined whole: "scores" alone was, of "scores of civilians"
    cut = 0
    for i, (text, target_text, _) in enumerate(jumps):
        words = text[:-3] if text.endswith("...") else text
        link = page.locator("a.jump").nth(i)
        if target_text and words != target_text and words.startswith(target_text) and link.is_visible():
            cut += 1
            link.click()
            outlined = "".join(page.locator(".current").all_text_contents())
            assert outlined == words or (words != text and outlined.startswith(words)), (text, outlined)
    assert cut, "no jump's words are cut into pieces on the seeds' page: the check above checked nothing"
    assert not page.errors, page.errors


def test_provenance_graph_hover_and_click(server: tuple[str, dict[str, str]], page: Any) -> None:
    base, ids = server
    if not _stage(page, base, "compare"):
        pytest.skip("compare stage not installed")
    page.goto(f"{base}/compare?ids={ids['rt']}&ids={ids['rewrite']}")
    edge = page.locator(f"svg.graph a.edge[data-source='{ids['rt']}'][data-derived='{ids['rewrite']}']")
    assert edge.count() == 1, "no provenance edge from the RT article to the rewrite"
    # the arc's own stroke is thin; its confidence label belongs to the same link
    edge.locator("text.conf").hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "\u2068rt.com\u2069 →" in tip.inner_text() and "[attacks,]" in tip.inner_text()  # (the name isolated)
    shot(page, "provenance-hover")
    edge.locator("text.conf").click()
    page.wait_for_url(re.compile(r"/compare\?ids="))
    node = page.locator(f"svg.graph a.node[data-article='{ids['rt']}']")
    node.locator("circle").click()
    page.wait_for_url(re.compile(re.escape(f"/articles/{ids['rt']}")))
    assert "rt.com" in page.locator("dl.meta").inner_text()


def test_article_page_highlights_quotes_and_counts(server: tuple[str, dict[str, str]], page: Any) -> None:
    base, ids = server
    if not _stage(page, base, "claims"):
        pytest.skip("claims stage not installed")
    page.goto(f"{base}/articles/{ids['rt']}")
    quotes = page.locator(".text .quote")
    assert quotes.count() >= 3
    assert any("[attacks,]" in t for t in quotes.all_inner_texts())
    assert page.locator(".text .count").count() >= 1
    shot(page, "article-claims")


def test_story_page_when_stories_exist(server: tuple[str, dict[str, str]], page: Any) -> None:
    base, ids = server
    stories = page.request.get(f"{base}/api/stories").json()
    if not stories["available"]:
        pytest.skip("stories not available (corpus stage not installed)")
    page.goto(base + "/stories")
    shot(page, "stories-analyzed")
    found = None
    for s in stories["stories"]:
        detail = page.request.get(f"{base}/api/stories/{quote(s['id'], safe='')}").json()
        members = {a["id"] for a in detail["articles"]}
        if ids["rt"] in members:
            found = s
            assert ids["rewrite"] in members, "the seeds are in different stories"
    assert found is not None
    page.click(f"a.story-link[href='/stories/{quote(found['id'])}']")
    page.wait_for_url(re.compile("/stories/"))
    assert page.locator("svg.timeline a.dot").count() >= 2
    edge = page.locator(f"svg.graph a.edge[data-source='{ids['rt']}'][data-derived='{ids['rewrite']}']")
    assert edge.count() == 1
    shot(page, "story")
    page.locator("a.pair-link").first.click()
    page.wait_for_url(re.compile(r"/compare\?"))



def test_a_story_pages_open_side_by_side_links_each_say_which_finding_they_open(server: tuple[str, dict[str, str]], page: Any) -> None:
    """The seeds' story page lists 12 findings, each with a link "open side by side": a screen
    reader's list of links read "open side by side" 12 times, nothing to tell one from another.
    Each is named, its visible text first, with its finding's number and kind and the articles it
    opens, as the list shows them."""
    base, ids = server
    stories = page.request.get(f"{base}/api/stories").json()
    if not stories["available"] or not _stage(page, base, "compare"):
        pytest.skip("stories or the compare stage not available")
    story = next(s for s in stories["stories"]
                 if ids["rt"] in {a["id"] for a in page.request.get(f"{base}/api/stories/{quote(s['id'], safe='')}").json()["articles"]})
    page.goto(f"{base}/stories/{quote(story['id'], safe='')}")
    page.locator("details.more-findings summary").click()  # the folded findings' links too
    heard = re.findall(r'link "open side by side', page.locator("main").aria_snapshot())
    named = page.locator("a.open-pair").evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
    assert len(heard) == len(named) >= 12 and len(set(named)) == len(named), named
    kind = page.locator("ol.findings > li.finding .ftype").first.text_content()
    assert re.fullmatch(rf"open side by side: finding 1, {re.escape(kind or '')}, .+ and .+", named[0]), named[0]

# -- upload ----------------------------------------------------------------------------------------


def test_upload_in_the_browser(server: tuple[str, dict[str, str]], page: Any, rt: Any, rewrite: Any, tmp_path: Path) -> None:
    base, _ = server
    page.goto(base + "/upload")
    f = tmp_path / "rewrite.txt"
    f.write_text(rewrite.text, encoding="utf-8")
    page.fill("textarea[name=text]", (rt.title or "RT") + "\n\n" + rt.text)
    page.set_input_files("input[type=file]", str(f))
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("h1:has-text('Upload report')")
    assert page.locator("section.column").count() == 2
    shot(page, "upload-report")
    page.goto(base + "/upload")
    page.set_input_files("input[type=file]", {"name": "x.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x00\x00"})
    page.click("form.upload button[type=submit]")
    assert "unsupported file type" in page.locator(".error").inner_text()


def test_pasted_text_s_outlet_and_date_in_the_browser(server: tuple[str, dict[str, str]], page: Any, rt: Any, tmp_path: Path) -> None:
    """The form had no outlet or date for pasted text, and its file chooser took fewer types than
    ``ingest`` reads. A bad date is said on the form, which comes back filled as it was."""
    base, _ = server
    page.goto(base + "/upload")
    accept = page.get_attribute("input[type=file]", "accept") or ""
    assert {".tsv", ".mhtml", ".warc", ".gz"} <= set(accept.split(",")), accept
    page.fill("textarea[name=text]", rt.text)
    page.fill("input[name=text_outlet]", "rt.com")
    page.fill("input[name=text_date]", "the 30th-ish")
    shot(page, "upload-pasted-fields")
    page.click("form.upload button[type=submit]")
    assert "the pasted text's date 'the 30th-ish' could not be read" in page.locator(".error").inner_text()
    assert page.input_value("input[name=text_outlet]") == "rt.com"
    page.fill("input[name=text_date]", "2016-10-30")
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("h1:has-text('Upload report')")
    column = page.locator("section.column").first.inner_text()
    assert "rt.com" in column and "2016-10-30" in column, column


def test_a_phone_is_told_to_tap_and_the_no_outlet_node_is_named(server: tuple[str, dict[str, str]], browser: Any) -> None:
    """On the 390 px layout, where nothing hovers, the drawing's note said "Hover an arrow" alone;
    the outlets drawing named the articles without an outlet "?" while its tooltip said "(no outlet)"."""
    base, ids = server
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = ctx.new_page()
    try:
        page.goto(f"{base}/compare?ids={ids['rt']}&ids={ids['rewrite']}")
        note = page.locator("svg.graph").locator("xpath=preceding::p[1]").inner_text()
        if "No arrows" not in note:
            assert "on a touch screen, read it in the list of arrows below" in note and "tap" in note, note
        shot(page, "compare-390-note")
        page.goto(base + "/outlets")
        node = page.locator('svg.network a.node[href="/stories?outlet=%3F"]')
        if node.count():
            assert node.locator("text").text_content() == "(no outlet)"
            assert node.locator("title").text_content() == "(no outlet)"
        shot(page, "outlets-390")
    finally:
        ctx.close()


# -- script injection ------------------------------------------------------------------------------


def test_script_injection_runs_nothing(server: tuple[str, dict[str, str]], browser: Any) -> None:
    """Hostile title, text, outlet, author and URL: nothing runs, even with the CSP switched off.

    ``bypass_csp`` makes this a test of the escaping itself; the CSP is a second line of defence.
    """
    base, ids = server
    hid = quote(ids["hostile"], safe="")
    ctx = browser.new_context(bypass_csp=True, viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    urls = [
        f"/articles/{hid}",
        "/articles",
        "/articles?q=Breaking",
        f"/compare?ids={hid}&ids={ids['rt']}",
        "/outlets",
        "/stories",
    ]
    try:
        for url in urls:
            resp = page.goto(base + url)
            assert resp is not None and resp.status == 200, url
            # move over everything and click the hostile link text: handlers would fire now
            for el in page.locator(".text, h1, h2, dl.meta, table").all()[:20]:
                el.hover(force=True)
            for a in page.locator("a", has_text="click here").all():
                a.click(force=True)
            page.wait_for_timeout(150)
            assert page.evaluate("() => window.__pwned") is None, url
            assert page.evaluate("() => window.parent.__pwned") is None, url
            assert page.locator("main script, main iframe, main img, .text svg").count() == 0, url
            assert page.locator("a[href^='javascript' i]").count() == 0, url
            shot(page, "injection-" + re.sub(r"\W+", "-", url).strip("-")[:40])
        page.goto(f"{base}/articles/{hid}")
        # the payloads are shown as the text they are
        assert "<script>window.__pwned='title'</script>" in page.locator("h1.atitle").inner_text()
        assert "<img src=x onerror=" in page.locator(".text").inner_text()
        # uploaded hostile HTML: reported, escaped, inert
        page.goto(base + "/upload")
        page.fill(
            "textarea[name=html]",
            "<html><head><title>Hostile <script>window.__pwned='upload-title'</script></title></head><body>"
            "<article><h1>Hostile page</h1><p>" + "A long enough paragraph about Aleppo and the envoy. " * 6
            + "&lt;img src=x onerror=\"window.__pwned='upload-text'\"&gt;</p>"
            "<script>window.__pwned='upload-script'</script></article></body></html>",
        )
        page.click("form.upload button[type=submit]")
        page.wait_for_selector("h1:has-text('Upload report')")
        page.wait_for_timeout(150)
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator("main script, main img").count() == 0
        shot(page, "injection-upload")
        assert not dialogs
    finally:
        ctx.close()


def _jump_by_keyboard(page: Any) -> None:
    """Enter on the compare page's first shared passage, reached with Shift+Tab and Tab as a
    keyboard reader reaches it, lands on its counterpart in the other column."""
    page.locator("section.column").nth(0).locator("a.psg").first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.closest('section.column').dataset.col") == "1"


def _in_viewport(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    vp = page.viewport_size
    return box is not None and box["y"] + box["height"] > 0 and box["y"] < vp["height"]


# -- keyboard --------------------------------------------------------------------------------------

#: what takes keyboard focus on these pages (each of them a real link or form control, and the
#: summary that opens a folded list: the compare page's findings past each article's 6 most
#: important), less what a folded list holds, which Tab passes by until it is opened
FOCUSABLE = ", ".join(f"{c}:not(details:not([open]) > :not(summary) {c}, details:not([open]) > {c}:not(summary))"
                      for c in ("a[href]", "button", "input:not([type=hidden])", "select", "textarea", "summary"))


def _tab_through(page: Any) -> list[str]:
    """Every control of the page in the order Tab reaches it, from the top until focus leaves the
    page or comes back to one it passed (a trap): each named by its place among ``FOCUSABLE``."""
    n = page.evaluate(f"""() => {{
        const all = [...document.querySelectorAll({FOCUSABLE!r})];
        all.forEach((e, i) => e.setAttribute("data-kbd", String(i)));
        return all.length; }}""")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    seen: list[str] = []
    for _ in range(3 * n + 5):
        page.keyboard.press("Tab")
        at = page.evaluate("() => document.activeElement && document.activeElement.getAttribute('data-kbd')")
        if seen and at == seen[-1]:  # a date field's day, month and year: one Tab each
            continue
        if at is None or at in seen:
            break
        seen.append(at)
    return seen


def _focus_ring(page: Any) -> float:
    """The width of the focused element's outline in px (0 when none), or of its SVG stroke."""
    return float(page.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e);
        if (e instanceof SVGElement) {
            const shape = e.querySelector("circle, path, rect");
            return shape ? parseFloat(getComputedStyle(shape).strokeWidth) : 0;
        }
        return s.outlineStyle === "none" ? 0 : parseFloat(s.outlineWidth); }"""))


def test_a_screen_reader_hears_each_storys_coverage(server: tuple[str, dict[str, str]], page: Any) -> None:
    """The coverage bar in the stories' table said its outlets in its rects' <title>s alone (hover
    text): Chromium's accessibility tree held an unnamed image in that cell. It is named in words."""
    base, ids = server
    if not page.request.get(f"{base}/api/stories").json()["available"]:
        pytest.skip("stories not available (corpus stage not installed)")
    page.goto(base + "/stories")
    rows = page.locator("tr.story")
    assert rows.count() > 1
    for i in range(rows.count()):
        row = rows.nth(i)
        size = int(row.locator("td.num").first.inner_text())
        heard = row.locator("td").nth(4).aria_snapshot()
        assert re.search(rf'img ".+: \d+.* of {size} articles?"', heard), heard
    (story,) = [
        s["id"] for s in page.request.get(f"{base}/api/stories").json()["stories"]
        if ids["rt"] in {a["id"] for a in page.request.get(f"{base}/api/stories/{quote(s['id'], safe='')}").json()["articles"]}
    ]
    seeds = page.locator(f"tr.story[data-story='{story}'] td").nth(4).aria_snapshot()
    assert "rt.com: 1" in seeds and "of 3 articles" in seeds, seeds


def _ring_contrast(page: Any) -> float:
    """The best contrast (WCAG) of the focused element's ring against what lies around it: its
    outline and box-shadow against the first opaque background above it, or a drawing's focused
    shape's stroke against the page."""
    colours = page.evaluate("""() => {
        const e = document.activeElement;
        const rgb = c => (c.match(/rgba?\\([^)]*\\)/g) || []).filter(x => !/^rgba\\(.*,\\s*0\\)$/.test(x));
        let p = e.parentElement, bg = "rgb(255, 255, 255)";
        for (; p; p = p.parentElement) {
            const b = getComputedStyle(p).backgroundColor;
            if (b && b !== "rgba(0, 0, 0, 0)" && b !== "transparent") { bg = b; break; }
        }
        if (e instanceof SVGElement) {
            const shape = e.querySelector("circle, path, rect");
            return {bg, ring: shape ? rgb(getComputedStyle(shape).stroke) : []};
        }
        const s = getComputedStyle(e);
        return {bg, ring: [...(s.outlineStyle === "none" ? [] : rgb(s.outlineColor)), ...rgb(s.boxShadow)]};
    }""")
    return max((contrast(c, colours["bg"]) for c in colours["ring"]), default=0.0)


def test_the_focus_ring_stands_out_of_the_page(server: tuple[str, dict[str, str]], page: Any) -> None:
    """The ring was amber alone (#ffb300): 8.8:1 on the dark header but 1.7:1 against the page and
    the white columns, under the 3:1 WCAG asks of it, and so the stroke of a focused arrow; a focused
    node of the graph kept its white stroke (a rule of the graph outranked the focus rule). A dark inner ring (and a dark stroke in a drawing) makes it 3:1 or more wherever it is."""
    base, ids = server
    for url, sels in [
        (f"/compare?ids={ids['rt']}&ids={ids['rewrite']}",
         ["header.top nav a", "main a.jump", "section.column a.psg", "svg.graph a.edge", "svg.graph a.node"]),
        ("/articles", ["main input[type=checkbox]", "main a.article-link", "main button"]),
        ("/outlets", ["svg.network a.node", "svg.network a.edge"]),
    ]:
        page.goto(base + url)
        for sel in sels:
            el = page.locator(sel).first
            if not el.count():
                continue
            el.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")  # focused by the keyboard, as :focus-visible tells
            assert _ring_contrast(page) >= 3, (url, sel)


def test_keyboard_reaches_every_control_and_the_compare_jumps(server: tuple[str, dict[str, str]], page: Any) -> None:
    """Tab from the top of each page reaches every link and control, none traps it, and each
    shows a ring of 2 px or more; the first Tab is a visible "Skip to content" that moves focus to
    the page's content; on the compare page Enter on a finding's jump or a shared passage moves
    focus to the words it names (it scrolled there and left focus behind in the list)."""
    base, ids = server
    pages = ["/articles", "/stories", "/outlets", "/upload", f"/articles/{ids['rt']}",
             f"/compare?ids={ids['rt']}&ids={ids['rewrite']}"]
    for url in pages:
        page.goto(base + url)
        total = page.locator(FOCUSABLE).count()
        order = _tab_through(page)
        assert len(order) == total, (url, len(order), total)  # every control, each once: no trap
        assert order == sorted(order, key=int), url  # in document order
        page.goto(base + url)
        page.keyboard.press("Tab")
        skip = page.locator("a.skip")
        assert skip.evaluate("e => e === document.activeElement") and skip.inner_text() == "Skip to content", url
        assert _in_viewport(page, skip) and _focus_ring(page) >= 2, url
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "main", url
        page.keyboard.press("Tab")  # the next Tab goes on inside the content, past the header
        assert page.evaluate("() => !!document.activeElement.closest('main')"), url
        for sel in ["header.top nav a", "main a[href]", "main button", "main input, main select, main textarea"]:
            el = page.locator(sel).first
            if el.count():
                el.focus()
                page.keyboard.press("Shift+Tab")
                page.keyboard.press("Tab")  # focused by the keyboard, as :focus-visible tells
                assert _focus_ring(page) >= 2, (url, sel)

    if not _stage(page, base, "compare"):
        pytest.skip("compare stage not installed")
    # a finding's jump: Enter takes focus to its evidence in the text, and Tab goes on from there
    jump = page.locator("aside.side li.t-quote_variant a.jump").first
    target_id = jump.get_attribute("href").lstrip("#")
    jump.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == target_id
    assert page.evaluate("() => !!document.activeElement.closest('section.column')")
    assert _focus_ring(page) >= 2
    # a shared passage: Enter takes focus to its counterpart in the other column, and back
    passage = page.locator("section.column").nth(0).locator("a.psg").first
    there = passage.get_attribute("href").lstrip("#")
    passage.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == there
    assert page.evaluate("() => document.activeElement.closest('section.column').dataset.col") == "1"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.closest('section.column').dataset.col") == "0"
    # a provenance arrow shows its evidence on focus, as on hover
    edge = page.locator(f"svg.graph a.edge[data-source='{ids['rt']}'][data-derived='{ids['rewrite']}']")
    edge.focus()
    assert page.locator("#tip").is_visible() and "[attacks,]" in page.locator("#tip").inner_text()
    shot(page, "keyboard-compare")
    assert not page.errors, page.errors


#: elements drawn with an outline of 2 px or more, as "tag.class text" (a diff's own 1 px outline is
#: part of its look, always there)
_OUTLINED = """() => [...document.querySelectorAll('body *')].filter(e => { const s = getComputedStyle(e);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; })
    .map(e => `${e.tagName}.${e.className} ${e.textContent.slice(0, 30)}`)"""


def test_a_jumps_outline_on_the_compare_page_goes_when_focus_or_a_press_goes_elsewhere(server: tuple[str, dict[str, str]], page: Any) -> None:
    """The HTML report's behaviour: a jump outlined its target (2 px, the accent) and left it there,
    and the outline outranked the focus ring on it, so a keyboard jump's target showed a thin blue
    line, not the amber ring, and Tab on from it showed two outlines. Now a keyboard jump's target
    shows the focus ring alone, a click's target the jump's outline until focus or a press goes
    elsewhere, and after either only the focused element is outlined.

    The jump's 1.2 s pulse was a box-shadow of 4 px, put by its animation in place of the focus
    ring's dark inner ring: while it ran a keyboard jump's target showed the amber alone (1.7:1
    against the page). It now lights the words' background, which neither ring hides: held at its
    start, the target's outline and box-shadow are the ones it has after the pulse, by the
    keyboard (the focus ring), on a finding's words cut into pieces, and by the mouse (the jump's
    outline)."""
    base, ids = server
    if not _stage(page, base, "compare"):
        pytest.skip("compare stage not installed")
    page.goto(f"{base}/compare?ids={ids['rt']}&ids={ids['rewrite']}")
    ring = "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    # the keyboard: Enter on a shared passage, then Tab on from its counterpart
    _jump_by_keyboard(page)
    assert page.evaluate(ring) == ["solid", "3px", "rgb(255, 179, 0)"]  # the focus ring, not the jump's outline
    assert len(page.evaluate(_OUTLINED)) == 1, page.evaluate(_OUTLINED)
    held, during, after = through_a_pulse(page)
    assert held == 1 and during["fill"] != after["fill"], (held, during, after)  # it pulses
    assert during["ring"] == after["ring"] and "rgb(29, 35, 48)" in after["ring"][4], (during, after)  # the dark ring
    page.keyboard.press("Tab")
    outlined = page.evaluate(_OUTLINED)
    assert len(outlined) == 1 and page.evaluate(ring)[0] == "solid", outlined
    # a finding's words cut into pieces: outlined whole, the focused piece with the ring; Tab on leaves one
    cut = page.evaluate("""() => [...document.querySelectorAll('a.jump')].findIndex(a => {
        const el = document.getElementById(a.getAttribute('href').slice(1));
        return el && el.dataset.ev && document.querySelectorAll(`[data-ev="${CSS.escape(el.dataset.ev)}"]`).length > 1; })""")
    assert cut >= 0, "no finding's words are cut into pieces on the seeds' page"
    page.locator("a.jump").nth(cut).focus()
    page.keyboard.press("Enter")
    pieces = page.evaluate("() => document.querySelectorAll(`[data-ev=\"${CSS.escape(document.activeElement.dataset.ev)}\"]`).length")
    assert len(page.evaluate(_OUTLINED)) == pieces and page.evaluate(ring)[1] == "3px", page.evaluate(_OUTLINED)
    held, during, after = through_a_pulse(page)
    assert held == 1 and during["fill"] != after["fill"] and during["ring"] == after["ring"], (held, during, after)
    page.keyboard.press("Tab")
    assert len(page.evaluate(_OUTLINED)) == 1, page.evaluate(_OUTLINED)
    # the mouse: a click's target is outlined (its focus shows no ring), and Tab on leaves one outline
    page.locator("section.column").nth(0).locator("a.psg").nth(1).click()
    outlined = page.evaluate(_OUTLINED)
    assert len(outlined) == 1 and page.evaluate("() => document.activeElement.classList.contains('current')"), outlined
    held, during, after = through_a_pulse(page)
    assert held == 1 and during["fill"] != after["fill"] and during["ring"] == after["ring"], (held, during, after)
    page.keyboard.press("Tab")
    outlined = page.evaluate(_OUTLINED)
    assert len(outlined) == 1 and not page.locator(".current").count(), outlined
    # a click on the page past it takes the jump's outline off
    page.locator("section.column").nth(0).locator("a.psg").nth(1).click()
    assert page.locator(".current").count() == 1
    page.locator("h1").click()
    assert page.evaluate(_OUTLINED) == [] and not page.locator(".current").count()
    # a click's jump to a quotation's alteration ("[attacks,]"): the jump's outline, not the alteration's
    # thin red line nor, its finding hovered, the blue one of the finding's evidence (both came later)
    to_diff = page.evaluate("""() => [...document.querySelectorAll('a.jump')].findIndex(a => {
        const el = document.getElementById(a.getAttribute('href').slice(1)); return el && el.matches('.diff'); })""")
    assert to_diff >= 0, "no finding's jump lands on an alteration on the seeds' page"
    page.locator("a.jump").nth(to_diff).click()
    jumped = "() => { const s = getComputedStyle(document.querySelector('.current')); return [s.outlineWidth, s.outlineColor]; }"
    assert page.evaluate("() => document.querySelector('.current').classList.contains('hot')")  # its finding hovered
    width, colour_now = page.evaluate(jumped)
    assert width == "3px" and colour(colour_now) == colour(jump_outline()), (width, colour_now)
    pointer_off(page)  # its finding no longer hovered
    width, colour_now = page.evaluate(jumped)
    assert width == "3px" and colour(colour_now) == colour(jump_outline()), (width, colour_now)
    assert not page.errors, page.errors


def test_a_jumps_pulse_on_the_compare_page_holds_still_where_the_reader_asks_for_reduced_motion(
        server: tuple[str, dict[str, str]], browser: Any) -> None:
    """The compare page's jump lights both ends of a shared passage amber and fades them back over
    1.2 s (``drawing.JUMP_STYLE``, the HTML report's too), whatever the reader's system said. Asked
    for reduced motion (``prefers-reduced-motion: reduce``) the amber now holds still for the
    1.2 s and goes at once; elsewhere it still fades."""
    base, ids = server
    for motion in ("reduce", "no-preference"):
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, reduced_motion=motion)
        page = ctx.new_page()
        try:
            page.goto(f"{base}/compare?ids={ids['rt']}&ids={ids['rewrite']}")
            if not _stage(page, base, "compare"):
                pytest.skip("compare stage not installed")
            _jump_by_keyboard(page)
            check_pulse(page, motion)
        finally:
            ctx.close()


def test_the_focus_ring_shows_whole_at_the_edges_of_the_compare_pages_findings(
        server: tuple[str, dict[str, str]], browser: Any) -> None:
    """The compare page's findings scroll in their own box, which clipped the focus ring (5 px out
    of a link) at its edges: a jump whose last space hangs past a line's end, on the right, and the
    "10 more claims ..." that opens the rest, on the left (by 5 px). Each ring Tab brings up in a
    box that scrolls now lies inside its visible part, on a wide screen and a phone's."""
    base, ids = server
    for width in (1400, 390):
        ctx = browser.new_context(viewport={"width": width, "height": 1000})
        page = ctx.new_page()
        try:
            page.goto(f"{base}/compare?ids={ids['rt']}&ids={ids['rewrite']}")
            rings = rings_by_tab(page)
            assert sum(r["by"].startswith("ASIDE.side") for r in rings) > 10, (width, rings)
            cut = [r for r in rings if r["cut"] > 0.5]
            assert not cut, (width, cut)
        finally:
            ctx.close()


def test_the_focus_ring_shows_whole_on_the_listing_pages(server: tuple[str, dict[str, str]], browser: Any,
                                                         tmp_path: Path) -> None:
    """On a phone the lists' tables scroll sideways in their own boxes, which clip the focus ring:
    the browser left a control that shows in part where it was, so on the seeds' Articles (a
    table of 464 px in a box of 364) Tab to each title's link, 6 and 10 px past the box's right
    edge, showed its ring cut off there by 11 and 16 px; on Outlets, beside the seeds and FA-KES's
    dev rows, a hostile outlet's name of 50 characters unbroken made its link wider than the box
    (ring cut by 114 px). Every ring Tab brings up on the listing pages (stories, a thread's,
    articles, a search of each, outlets) now lies inside every box that scrolls around it, on a
    wide screen and a phone's, over the module's database and over the seeds alone. (On a phone
    the articles and stories stack, each a block, and only the outlets' tables scroll.)"""
    seeds = tmp_path / "seeds.db"
    build_db(seeds, hostile=False, data=False)
    base, _ = server
    with live_server(seeds) as seeds_base:
        for at in (base, seeds_base):
            for width in (1400, 390):
                ctx = browser.new_context(viewport={"width": width, "height": 844})
                page = ctx.new_page()
                try:
                    stories = page.request.get(f"{at}/api/stories").json()
                    thread = next((st["thread"] for st in stories.get("stories", []) if st.get("thread")), None)
                    urls = ["/stories", "/stories?q=syria", "/articles", "/articles?q=syria&limit=10", "/outlets"]
                    if thread:
                        urls.append(f"/stories?thread={quote(thread, safe='')}")
                    cut, in_tables = [], 0
                    for url in urls:
                        page.goto(at + url)
                        rings = rings_by_tab(page)
                        in_tables += sum(r["by"].startswith("TABLE.") for r in rings)
                        cut += [(url, r) for r in rings if r["cut"] > 0.5]
                    assert not cut, (at, width, cut)
                    assert (in_tables > 0) == (width == 390), (at, width, in_tables)
                finally:
                    ctx.close()


def test_a_focus_ring_past_the_window_s_edge_counts_as_cut(browser: Any) -> None:
    """``RING_CUT`` measured a ring against the boxes that scroll around it, not the window: a link
    at the page's very edge showed half its ring and counted as whole (``by`` None, not even
    listed by ``rings_by_tab``). The window's left and right edges cut it now."""
    page = browser.new_page(viewport={"width": 390, "height": 600})
    try:
        page.set_content("<style>body { margin: 0 } a:focus { outline: 3px solid blue; outline-offset: 2px }</style>"
                         "<p><a href='#a'>at the edge</a></p><p style='margin: 1rem'><a href='#b'>inside</a></p>")
        rings = rings_by_tab(page)
        assert [(r["text"], r["by"], r["cut"]) for r in rings] == [("at the edge", "viewport", 5)], rings
    finally:
        page.close()


#: each row of a table of a selector as a phone shows it stacked: its cells' boxes, the heading each
#: writes before its value (``data-label``) and its column's heading, the window's width and the
#: widths the page and each table scroll to
def test_on_a_phone_each_article_is_a_block_its_title_first(server: tuple[str, dict[str, str]], browser: Any) -> None:
    """At 390 px the articles table scrolled sideways in its box (548 px in 364, the hostile outlet's
    name of 50 characters broken at 10em), its titles beginning at 336 px with their first 10em on
    the screen. Each article is a block now, its box to tick and its title on the first line, its
    outlet, day and words each a line under it after its heading: the table's roles keep it a table
    to a screen reader, and the headings before the values are not read twice. A story's own list
    of its articles (881 px in its box of 364) stacks the same way. The outlet network's table
    still scrolls, no column of it wider than half its box."""
    base, _ = server
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    columns = """t => [...t.querySelectorAll('thead th')].map(th => [th.textContent.trim(),
        th.getBoundingClientRect().left - t.getBoundingClientRect().left, th.getBoundingClientRect().width])"""
    try:
        page.goto(base + "/articles")
        rows = check_stacked(page, "table.articles")
        assert all(len(cells) == 5 for cells in rows) and len(rows) >= 10, rows[:2]
        heard = page.locator("table.articles").aria_snapshot()
        assert heard.startswith("- table:") and heard.count("- columnheader ") == 5, heard[:400]
        assert len(re.findall(r"- '?row ", heard)) == len(rows) + 1 and '- cell "rt.com"' in heard and "outlet rt.com" not in heard, heard[:400]
        shot(page, "phone-articles-stacked")
        # a story's own list of its articles, in the same table.stacks (it scrolled sideways in its box)
        stories = page.request.get(f"{base}/api/stories").json()
        if stories["available"]:
            biggest = max(stories["stories"], key=lambda s: s["size"])
            page.goto(f"{base}/stories/{quote(biggest['id'], safe='')}")
            rows = check_stacked(page, "table.articles")
            assert len(rows) >= 3 and all(len(cells) in (5, 6) for cells in rows), rows[:2]
            heard = page.locator("table.articles").aria_snapshot()
            assert heard.startswith("- table:") and len(re.findall(r"- '?row ", heard)) == len(rows) + 1, heard[:400]
            shot(page, "phone-story-articles-stacked")
        page.goto(base + "/outlets")
        box = page.locator("table.edges").evaluate("t => t.clientWidth")
        cols = page.locator("table.edges").evaluate(columns)
        assert all(width <= box / 2 for _, _, width in cols), (box, cols)
    finally:
        ctx.close()


def test_a_story_s_long_outlet_name_breaks_in_its_own_line(browser: Any, tmp_path: Path) -> None:
    """The stories' table of a story with an outlet named in 50 characters unbroken (the seeds, rt.com
    so renamed, beside FA-KES's dev rows) was 1,423 px in its box of 349 at 390 px, the name
    unbroken in its outlets and first seen columns. Each story is a block on a phone now, as each article
    is, the long name broken in its own line, every other line as wide as the story's. At 1400 px
    the same table was 1,461 px, the whole page scrolling sideways: the name breaks in its cells
    there too (20em), no ordinary word broken; its story's page has room for it."""
    import dataclasses

    from test_web_fixtures import analysed_or_skip, fakes_sample, seed_articles

    long = "a" * 42 + ".example"
    db = tmp_path / "long-outlet.db"
    analysed_or_skip(db, [dataclasses.replace(a, outlet=long) if a.outlet == "rt.com" else a for a in seed_articles()] + fakes_sample())
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    try:
        with live_server(db) as base:
            page.goto(f"{base}/stories")
            rows = check_stacked(page, "table.stories")
            (named,) = [cells for cells in rows if cells[2]["text"].startswith(long[:20])]
            assert all(c["width"] == named[0]["width"] for cells in rows for c in cells), [[c["width"] for c in cells] for cells in rows]
            line = min(c["height"] for c in named)
            assert named[2]["height"] > 1.5 * line and named[3]["height"] > 1.5 * line, named  # outlets, first seen
            assert not page.evaluate(BROKEN_WORDS, "table.stories td"), "an ordinary word broken"
            page.locator("table.stories tr", has_text=long).scroll_into_view_if_needed()
            shot(page, "phone-stories-long-outlet")
            wide = browser.new_page(viewport={"width": 1400, "height": 900})
            try:
                wide.goto(f"{base}/stories")
                cells = wide.locator("td.outlet", has_text=long[:20]).evaluate_all("""tds => tds.map(td => {
                    const r = document.createRange(); r.selectNodeContents(td);
                    return [td.getBoundingClientRect().width, new Set([...r.getClientRects()].map(x => Math.round(x.top))).size]; })""")
                assert len(cells) == 2 and all(w < 400 and lines >= 2 for w, lines in cells), cells  # unbroken: 470 px
                assert not wide.evaluate(BROKEN_WORDS, "td"), "an ordinary word broken"
                shot(wide, "wide-stories-long-outlet")
                # its story's page had room for it, and still has
                wide.click(f"table.stories tr:has-text('{long}') a.story-link")
                wide.wait_for_url(re.compile("/stories/"))
                for url in ("/stories", wide.url):
                    wide.goto(url if url.startswith("http") else base + url)
                    got = wide.evaluate("""() => [document.documentElement.scrollWidth,
                        ...[...document.querySelectorAll('table')].map(t => t.scrollWidth)]""")
                    assert max(got) <= 1400, (url, got)
            finally:
                wide.close()
    finally:
        ctx.close()


# -- right-to-left text ----------------------------------------------------------------------------


def test_a_right_to_left_article_reads_right_to_left(browser: Any, tmp_path: Path) -> None:
    """An Arabic article's headline and text, on its page and in a compare column beside RT's, take
    the direction of their script. The pages set none, so its headline sat at the left and each
    paragraph ran left to right, its closing full stop at the wrong end."""
    import csv

    from conftest import require_data
    from newstrace.model import Article
    from newstrace.store import Store
    from test_web_fixtures import seed_articles

    with require_data("semeval8", "pairs_train.csv").open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["lang1"] == "ar")
    words = row["text1"].split()  # its headline, 'مصرع تلميذة فى العاشرة من عمرها بسوهاج', then the story
    arabic = Article.create(" ".join(words[7:]), title=" ".join(words[:7]), outlet="ar.example")
    rt = next(a for a in seed_articles() if a.outlet == "rt.com")
    db = tmp_path / "rtl.db"
    with Store(db) as st:
        st.add_articles([rt, arabic])
    direction = """el => {
        const r = document.createRange();
        r.selectNodeContents(el);
        const rects = [...r.getClientRects()];
        const last = rects[rects.length - 1], box = el.getBoundingClientRect();
        return {dir: getComputedStyle(el).direction, gapLeft: last.left - box.left, gapRight: box.right - last.right};
    }"""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    try:
        with live_server(db) as base:
            page.goto(f"{base}/articles/{arabic.id}")
            views = {"page": (page.locator("h1.atitle"), page.locator(".text"))}
            shot(page, "article-rtl")
            rt_page = ctx.new_page()
            rt_page.goto(f"{base}/compare?ids={rt.id}&ids={arabic.id}")
            cols = {c: rt_page.locator(f"section.column[data-article='{c}']") for c in (rt.id, arabic.id)}
            views["rt column"] = (cols[rt.id].locator("h2.atitle"), cols[rt.id].locator(".text"))
            views["column"] = (cols[arabic.id].locator("h2.atitle"), cols[arabic.id].locator(".text"))
            for name, (title, text) in views.items():
                expected = "ltr" if name == "rt column" else "rtl"
                got = title.evaluate(direction)
                assert got["dir"] == expected and text.evaluate(direction)["dir"] == expected, (name, got)
                # the headline's last line, shorter than its box, starts at the edge its script starts at
                near, far = (got["gapLeft"], got["gapRight"]) if expected == "ltr" else (got["gapRight"], got["gapLeft"])
                assert near < 1 < far, (name, got)
            shot(rt_page, "compare-rtl")
    finally:
        ctx.close()


def test_right_to_left_titles_outlets_and_labels_in_lists_take_their_direction(browser: Any, tmp_path: Path) -> None:
    """Titles, outlets and labels in the lists ran in the page's direction: an Arabic headline
    ending "السبب!" showed its "!" at the right, where the headline begins; a story row's outlets
    "rt.com, القدس العربي, اليوم السابع" showed the two Arabic names swapped; and a thread heading
    with an Arabic label printed its dates "2021-01-02" as "02-01-2021" and its story count before
    them. Each of those strings is isolated now and takes its own script's direction."""
    import csv
    from datetime import date

    from conftest import require_data
    from newstrace.model import Article
    from test_web_fixtures import analysed_or_skip, seed_articles

    with require_data("semeval8", "pairs_train.csv").open(encoding="utf-8", newline="") as f:
        row = [r for r in csv.DictReader(f) if r["lang1"] == "ar"][1]
    words = row["text1"].split()  # its headline, 'ابنة رجل أعمال سعودي كبير تثير الجدل وهذا هو السبب!', then the story
    title, body = " ".join(words[:10]), " ".join(words[10:])
    assert title.endswith("السبب!")
    arabic = Article.create(body, title=title, outlet="الأهرام", published=date(2021, 1, 2))
    rt = next(a for a in seed_articles() if a.outlet == "rt.com")
    # RT's report reposted by two outlets of Arabic names: one story of three outlets
    reposts = [Article.create(rt.text, title=rt.title, outlet=o, published=date(2016, 10, 31)) for o in ("القدس العربي", "اليوم السابع")]
    db = tmp_path / "rtl-lists.db"
    analysed_or_skip(db, [rt, arabic, *reposts])

    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    try:
        with live_server(db) as base:
            page.goto(f"{base}/articles")
            cell = page.locator("a.article-link", has_text="السبب").first
            # the headline ends at its left: "!" is left of its first word
            assert text_box(cell, "!")[0] < text_box(cell, words[0])[0], cell.inner_text()
            shot(page, "articles-rtl")

            page.goto(f"{base}/stories")
            outlets = page.locator("tr.story", has_text="rt.com").locator("td").nth(2)
            text = outlets.inner_text()
            assert "القدس العربي" in text and "اليوم السابع" in text, text
            # listed in the order the list gives them, left to right
            order = sorted(["rt.com", "القدس العربي", "اليوم السابع"], key=text.index)
            lefts = [text_box(outlets, o)[0] for o in order]
            assert lefts == sorted(lefts), (order, lefts)
            heading = page.locator("section.thread", has=page.locator("tr.story", has_text="الأهرام")).locator("h2.thread-label")
            # the dates read as written, and the story count after them
            assert text_box(heading, "2021")[0] < text_box(heading, "01-02")[0], heading.inner_text()
            assert text_box(heading, "2021")[0] < text_box(heading, "·")[0], heading.inner_text()
            shot(page, "stories-rtl")
    finally:
        ctx.close()


# -- drawings --------------------------------------------------------------------------------------


#: the SVG text elements of a page drawn outside their drawing's box (cut off where it ends)
CUT_LABELS = """() => [...document.querySelectorAll('svg text')].flatMap(t => {
    const svg = t.ownerSVGElement, vb = svg.viewBox.baseVal, b = t.getBBox();
    return b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5
        ? [[svg.getAttribute('aria-label'), t.textContent, Math.round(b.x), Math.round(b.width), vb.width]] : [];
})"""


def test_no_label_of_a_drawing_is_cut_off(server: tuple[str, dict[str, str]], page: Any) -> None:
    """The outlet network puts each outlet's name beside its node, on the side away from the
    centre, and the drawing ended 70 px from the leftmost and rightmost nodes: a name of more than
    some ten characters there lost its start or its end ("asharqalaw", "<b onmouseover=..."
    cut to "ver=..."). The drawing has room for a whole name on either side now."""
    base, _ = server
    if not _stage(page, base, "stories"):
        pytest.skip("stories not available")
    page.goto(f"{base}/outlets")
    names = page.locator("svg.network .node text")
    assert names.count() >= 8
    cut = page.evaluate(CUT_LABELS)
    assert not cut, cut
    shot(page, "outlets-network")


def test_outlets_named_in_a_finding_keep_the_order_the_sentence_gives_them(browser: Any, tmp_path: Path) -> None:
    """A finding's summary is an English sentence naming outlets: "القدس العربي, اليوم السابع and
    الأهرام quote Russia's Permanent Mission ...". Drawn as one string, the comma between the first
    two Arabic names took their direction and the two showed swapped. Each name is isolated now."""
    from newstrace.model import Article
    from newstrace.store import Store
    from test_web_fixtures import seed_articles

    seeds = seed_articles()
    rt = next(a for a in seeds if a.outlet == "rt.com")
    rewrite = next(a for a in seeds if a.outlet != "rt.com")
    paras = rt.text.split("\n")
    names = ("القدس العربي", "اليوم السابع", "الأهرام")
    copies = [Article.create("\n".join(paras[: len(paras) - k]), title=rt.title, outlet=o, published=rt.published)
              for k, o in enumerate(names)]
    db = tmp_path / "rtl-findings.db"
    with Store(db) as st:
        st.add_articles([rewrite, *copies])
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    try:
        with live_server(db) as base:
            page.goto(base + "/compare?" + "&".join(f"ids={quote(a.id)}" for a in [rewrite, *copies]))
            item = page.locator("li.finding .fsummary", has_text="quote Russia's").first
            text = item.inner_text()
            order = sorted(names, key=text.index)
            assert text.startswith(f"{order[0]}, {order[1]} and {order[2]} quote"), text
            # the first two names read in the sentence's order, left to right (the findings' column
            # is narrow: the third may start the next line)
            lefts = [text_box(item, n)[0] for n in order[:2]]
            assert lefts[0] < lefts[1], (text, lefts)
            shot(page, "compare-rtl-findings")
    finally:
        ctx.close()


#: the box (width, height) of the pixels of one colour in a PNG, decoded by the browser's own canvas
_COLOUR_BOX = """async ([src, rgb, tol]) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let x0 = 1e9, y0 = 1e9, x1 = -1, y1 = -1;
    for (let i = 0; i < d.length; i += 4) {
        if (Math.abs(d[i] - rgb[0]) > tol || Math.abs(d[i + 1] - rgb[1]) > tol || Math.abs(d[i + 2] - rgb[2]) > tol) continue;
        const x = (i / 4) % c.width, y = Math.floor(i / 4 / c.width);
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
    return x1 < 0 ? null : [x1 - x0 + 1, y1 - y0 + 1];
}"""


def colour_box(browser: Any, png: bytes, rgb: tuple[int, int, int], tol: int = 6) -> list[int] | None:
    import base64

    blank = browser.new_page()
    try:
        got = blank.evaluate(_COLOUR_BOX, ["data:image/png;base64," + base64.b64encode(png).decode("ascii"), list(rgb), tol])
        return None if got is None else list(got)
    finally:
        blank.close()


def test_an_arrowhead_keeps_its_size_on_a_thick_edge(server: tuple[str, dict[str, str]], page: Any, browser: Any) -> None:
    """The provenance graph draws an edge's confidence as its width (up to 4.5 px), and its
    arrowhead grew with it: RT -> rewrite, confidence 0.9, had a head of 34 px, over the node it
    points at. A head is one readable size now, whatever the width."""
    base, ids = server
    if not _stage(page, base, "compare"):
        pytest.skip("compare stage not installed")
    page.goto(f"{base}/compare?ids={ids['rt']}&ids={ids['rewrite']}")
    path = page.locator(f"svg.graph a.edge[data-source='{ids['rt']}'][data-derived='{ids['rewrite']}'] path")
    assert float(path.get_attribute("stroke-width") or 0) >= 3, path.get_attribute("stroke-width")
    # the end of the line, where its head is drawn, in the page's pixels
    x, y = path.evaluate("""p => {
        const e = p.getPointAtLength(p.getTotalLength()), m = p.getScreenCTM();
        return [e.x * m.a + e.y * m.c + m.e + scrollX, e.x * m.b + e.y * m.d + m.f + scrollY];
    }""")
    # the line hidden, its head alone is drawn (#e15759 at the edge's 0.75 opacity, over the page)
    path.evaluate("p => { p.style.stroke = 'transparent'; }")
    png = page.screenshot(clip={"x": x - 40, "y": y - 40, "width": 80, "height": 80}, full_page=True)
    box = colour_box(browser, png, (231, 128, 130), tol=12)
    assert box is not None, "no arrowhead drawn at the end of the edge"
    assert 8 <= max(box) <= 16, box
    path.evaluate("p => { p.style.stroke = ''; }")
    shot(page, "provenance-arrowhead")


#: pairs of things the outlet network draws over each other: two names, or a name and another node
CROWDED = """() => {
    const nodes = [...document.querySelectorAll("svg.network a.node")];
    const box = el => el.getBoundingClientRect();
    const over = (p, q) => p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
    const svg = box(document.querySelector("svg.network"));
    const out = [];
    nodes.forEach((a, i) => {
        const t = box(a.querySelector("text")), name = a.querySelector("text").textContent;
        if (t.left < svg.left || t.right > svg.right || t.top < svg.top || t.bottom > svg.bottom) out.push([name, "cut off"]);
        nodes.forEach((b, j) => {
            if (i === j) return;
            const other = b.querySelector("text").textContent;
            if (j > i && over(t, box(b.querySelector("text")))) out.push([name, other]);
            if (over(t, box(b.querySelector("circle")))) out.push([name, "node of " + other]);
        });
    });
    return out;
}"""


def test_a_crowded_outlet_network_writes_every_name_clear_of_the_others(browser: Any) -> None:
    """FA-KES's dev split has 15 outlets, and a corpus of many outlets draws its busiest 24 on one
    circle: near the top and the bottom neighbours are almost level, and the names written beside
    them ran over each other and over the next node ("ahram" into "manar"). The node at the top
    (bottom) has its name above (below) it now, and the circle grows until names running to one
    side are a line apart."""
    from newstrace.web import render

    # FA-KES's outlets, the seeds', and outlets of the other corpora
    names = ["ahram", "alalam", "alaraby", "arabiya", "asharqalawsat", "dailysabah", "etilaf", "jordantimes",
             "manar", "nna", "reuters", "sana", "sputnik", "tass", "trt", "rt.com", None, "nytimes.com",
             "washingtonpost.com", "english.alarabiya.net", "aljazeera.com", "bbc.co.uk", "theguardian.com", "aa.com.tr"]
    css = static_files()["app.css"].decode()  # as the app serves it, its focus ring first
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = ctx.new_page()
    try:
        for n in (6, 9, 12, 15, 16, 17, 20, 23, 24):
            # the busiest first, as the page orders them: here in the order of the list
            outlets = [{"outlet": o, "articles": 100 - i} for i, o in enumerate(names[:n])]
            edges = [{"source": names[i], "derived": names[(i + 5) % n], "count": 1 + i % 4, "in_story": i % 2} for i in range(n)]
            page.set_content(f"<html><head><style>{css}</style></head><body>{render.network_svg(outlets, edges)}</body></html>")
            crowded = page.evaluate(CROWDED)
            if crowded:
                shot(page, f"outlets-network-{n}")
            assert not crowded, (n, crowded)
        shot(page, "outlets-network-24")
    finally:
        ctx.close()


def test_on_a_phone_no_page_scrolls_sideways(server: tuple[str, dict[str, str]], browser: Any) -> None:
    """At 390 px (a phone) every page was wider than the screen: the header's "Upload" was cut
    off, and the stories' and articles' tables, the outlet network (720 px), the story's graph
    and timeline and the count charts pushed the whole page sideways, the text scrolling with
    them. The header wraps now, and a wide table or drawing scrolls in its own box at its own
    size (its names stay 11 px)."""
    base, ids = server
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    try:
        stories = page.request.get(f"{base}/api/stories").json()
        urls = ["/stories", "/articles", "/outlets", "/upload", f"/articles/{quote(ids['rt'], safe='')}",
                f"/compare?ids={ids['rt']}&ids={ids['rewrite']}", "/no-such-page"]
        if stories["available"]:
            biggest = max(stories["stories"], key=lambda s: s["size"])
            urls.append(f"/stories/{quote(biggest['id'], safe='')}")
        wide = []
        for url in urls:
            page.goto(base + url)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            nav = page.locator("header.top nav a").evaluate_all("els => els.map(a => a.getBoundingClientRect().right)")
            if width > 390 or max(nav) > 390:
                wide.append((url, width, max(nav)))
                shot(page, "phone" + re.sub(r"\W+", "-", url.split("?")[0]))
        assert not wide, wide
        # a drawing keeps its size: the network's names are as big as on a wide screen
        page.goto(base + "/outlets")
        size = page.locator("svg.network .node text").first.evaluate("t => t.getBoundingClientRect().height")
        assert size >= 10, size
        shot(page, "phone-outlets")
    finally:
        ctx.close()


def test_on_a_phone_a_count_chart_fits_its_box(server: tuple[str, dict[str, str]], browser: Any) -> None:
    """At 390 px each count slot's chart (470 px) scrolled in its own box of 346: on the page of
    the biggest story of examples/ + FA-KES dev, 17 boxes each scrolling sideways, the end of each
    scale out of sight. The chart is 340 px wide now, its names and scale whole."""
    base, ids = server
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    try:
        urls = [f"/compare?ids={ids['rt']}&ids={ids['rewrite']}"]
        stories = page.request.get(f"{base}/api/stories").json()
        if stories["available"]:
            urls.append(f"/stories/{quote(max(stories['stories'], key=lambda s: s['size'])['id'], safe='')}")
        charts = 0
        for url in urls:
            page.goto(base + url)
            boxes = page.locator(".slot .drawing")
            charts += boxes.count()
            wide = boxes.evaluate_all("bs => bs.filter(b => b.scrollWidth > b.clientWidth).map(b => [b.clientWidth, b.scrollWidth])")
            assert not wide, (url, wide)
            cut = [c for c in page.evaluate(CUT_LABELS) if c[0] == "counts by outlet"]
            assert not cut, (url, cut)
        assert charts, "no count chart to look at"
        shot(page, "phone-count-charts")
    finally:
        ctx.close()


def test_every_dot_of_a_timeline_can_be_seen_and_clicked(browser: Any) -> None:
    """FA-KES dates its reports by day: a story of four Reuters reports of 2013-08-21, two of Al
    Arabiya's and one of Sputnik's drew three dots, each of an outlet's reports on one spot, so the
    page said seven articles, the timeline showed three, and only the top dot of each could be
    clicked. Dots less than a dot apart now stand side by side."""
    from newstrace.web import render

    rows = [(f"r{k}", "reuters") for k in range(4)] + [("a0", "arabiya"), ("a1", "arabiya"), ("s0", "sputnik")]
    arts = [{"id": i, "outlet": o, "published": "2013-08-21", "title": f"{o} report {i}"} for i, o in rows]
    # and a story of several days whose first day has three reports of one outlet
    days = [*arts[:3], {**arts[3], "published": "2013-08-25"}]
    css = static_files()["app.css"].decode()  # as the app serves it, its focus ring first
    ctx = browser.new_context(viewport={"width": 1280, "height": 600})
    page = ctx.new_page()
    try:
        for group in (arts, days):
            page.set_content(f"<html><head><style>{css}</style></head><body>{render.timeline_svg(group)}</body></html>")
            hidden = page.evaluate("""() => [...document.querySelectorAll("svg.timeline a.dot circle")].flatMap(c => {
                const b = c.getBoundingClientRect(), hit = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
                return hit === c ? [] : [c.parentElement.getAttribute("href")];
            })""")
            assert page.locator("svg.timeline a.dot").count() == len(group)
            assert not hidden, hidden
            # no dot runs over the outlets' names at the left
            names_end = page.locator("svg.timeline text.outlet").evaluate_all("ts => Math.max(...ts.map(t => t.getBoundingClientRect().right))")
            first = page.locator("svg.timeline a.dot circle").evaluate_all("cs => Math.min(...cs.map(c => c.getBoundingClientRect().left))")
            assert first > names_end, (first, names_end)
        shot(page, "timeline-one-day-spread")
    finally:
        ctx.close()


def test_a_note_naming_an_arabic_outlet_keeps_its_number_after_the_name(browser: Any, tmp_path: Path) -> None:
    """The compare page's note "القدس العربي: 10 more claim(s) only it carries are not listed."
    drew its "10" left of the Arabic name. The names in a note are isolated now."""
    from newstrace.model import Article
    from newstrace.store import Store
    from test_web_fixtures import seed_articles

    name = "القدس العربي"
    seeds = seed_articles()
    rt = next(a for a in seeds if a.outlet == "rt.com")
    rewrite = next(a for a in seeds if a.outlet != "rt.com")
    arabic = Article.create(rt.text, title=rt.title, outlet=name, published=rt.published)
    db = tmp_path / "rtl-note.db"
    with Store(db) as st:
        st.add_articles([arabic, rewrite])
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    try:
        with live_server(db) as base:
            page.goto(f"{base}/compare?ids={quote(arabic.id)}&ids={quote(rewrite.id)}")
            note = page.locator("p.note", has_text="more claims")
            text = note.inner_text()
            assert text.startswith(name + ": "), text
            assert text_box(note, name)[1] < text_box(note, text.split()[2])[0], text
    finally:
        ctx.close()


def test_an_edges_confidence_stands_clear_of_its_arc(server: tuple[str, dict[str, str]], page: Any) -> None:
    """The provenance graph wrote each edge's confidence 3 px above the middle of the arc's
    control polygon, which is where the arc itself runs: the digits were struck through by their
    own line (and, in a story of four outlets, by the arcs crossing there). The number stands
    above the arc's top now, on a halo of the page's colour."""
    base, ids = server
    if not _stage(page, base, "compare"):
        pytest.skip("compare stage not installed")
    page.goto(f"{base}/compare?ids={ids['rt']}&ids={ids['rewrite']}")
    edges = page.locator("svg.graph a.edge")
    assert edges.count() >= 1
    struck = edges.evaluate_all("""es => es.flatMap(e => {
        const p = e.querySelector("path"), t = e.querySelector("text.conf");
        const top = p.getPointAtLength(p.getTotalLength() / 2), half = parseFloat(p.getAttribute("stroke-width")) / 2;
        const b = t.getBBox();
        return b.y + b.height > top.y - half ? [[t.textContent, b.y + b.height, top.y - half]] : [];
    })""")
    assert not struck, struck
    # a story of eight articles whose first and last share text: the arc over all of them rose
    # above the drawing, its confidence cut off at the top
    from newstrace.web import render

    arts = [{"id": f"a{k}", "outlet": o, "published": f"2016-10-{21 + k}", "title": f"report {k}", "label": o}
            for k, o in enumerate(("rt.com", "sana", "alaraby", "ahram", "jordantimes", "trt", "tass", "reuters"))]
    edges = [{"source": "a0", "derived": "a7", "confidence": 0.9, "evidence": [{"type": "shared_passage"}]},
             {"source": "a0", "derived": "a1", "confidence": 0.5, "evidence": [{"type": "shared_passage"}]}]
    css = static_files()["app.css"].decode()  # as the app serves it, its focus ring first
    blank = page.context.new_page()  # not under the app's Content-Security-Policy, which refuses an inline style
    blank.set_content(f"<html><head><style>{css}</style></head><body>{render.provenance_svg(arts, edges)}</body></html>")
    above = blank.locator("svg.graph a.edge").evaluate_all("""es => es.flatMap(e => {
        const b = e.getBBox(), t = e.querySelector("text.conf").getBBox();
        return b.y < 0 || t.y < 0 ? [[e.querySelector("text.conf").textContent, b.y, t.y]] : [];
    })""")
    assert not above, above
    shot(blank, "provenance-long-arc")


#: pairs of a drawing's texts whose boxes meet (by more than a pixel each way), in the drawing's units
MEETING_LABELS = """() => [...document.querySelectorAll('svg.graph')].flatMap(svg => {
    const ts = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()]), out = [];
    ts.forEach(([s, a], i) => ts.slice(i + 1).forEach(([u, b]) => {
        if (a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1)
            out.push([s, u, Math.round(a.x), Math.round(a.y), Math.round(b.x), Math.round(b.y)]);
    }));
    return out;
})"""


@pytest.mark.data
def test_a_provenance_drawing_with_many_outside_sources_writes_every_label_clear(browser: Any) -> None:
    """The four FA-KES dev reports of 21 August 2013 with five sources outside them (speakers each
    quoted by some of them, as ``compare`` names a common quotation's source): each source's name
    stood right of its square, and the last ran past the drawing's right edge ("Syrian
    Observatory fo" cut off); and every line's confidence stood at the middle of the band between
    the rows, on the others' and on the arc's. The names stand over their squares now, and a
    line's confidence is put along it where no other stands."""
    from conftest import require_data
    from newstrace.ingest import read_inputs
    from newstrace.web import render

    path = require_data("fakes", "fakes_dev.csv")
    ids = ["1926479310", "1926479334", "1926479352", "1926479389"]
    arts = [a.brief() for a in read_inputs([path], on_error=lambda e: None) if a.id in ids]
    assert len(arts) == 4
    speakers = ["Syrian Observatory for Human Rights", "Local Coordination Committees", "Free Syrian Army",
                "Staffan de Mistura", "Sergei Lavrov"]
    quotation = [{"type": "common_quotation", "quoted_share": 0.9}]
    edges = [{"source": "1926479352", "derived": "1926479334", "confidence": 0.8, "evidence": [{"type": "attribution"}]}]
    edges += [{"source": f"external:{who}", "derived": a["id"], "confidence": 0.6, "evidence": quotation}
              for k, who in enumerate(speakers) for a in arts if (k + ids.index(a["id"])) % 3 != 2]
    css = static_files()["app.css"].decode()  # as the app serves it, its focus ring first
    for width in (1400, 390):
        ctx = browser.new_context(viewport={"width": width, "height": 900})
        page = ctx.new_page()
        try:
            page.set_content(f'<html><head><style>{css}</style></head><body><main><div class="drawing">'
                             f"{render.provenance_svg(arts, edges)}</div></main></body></html>")
            assert page.locator("svg.graph .node.external").count() == len(speakers)
            cut = page.evaluate(CUT_LABELS)
            assert not cut, cut
            meeting = page.evaluate(MEETING_LABELS)
            assert not meeting, meeting
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            shot(page, f"provenance-outside-sources-{width}")
        finally:
            ctx.close()


@pytest.mark.data
def test_a_claim_said_as_background_is_tagged_so_on_the_compare_and_story_pages(browser: Any, tmp_path: Path) -> None:
    """FA-KES dev, NNA and Al-Manar on the US raids on Raqqa: NNA's "More than 230000 people have been
    killed in Syria since the conflict began" is said as background ("Only nna gives as background a
    count"), under the same "Unique claim" as the story's own claims, its one sign mid-sentence. On the
    compare page and the story page a muted tag "background" stands beside its title now, in 4.5:1, on
    it alone (listed or folded), after nna's claims of the story, as the HTML report has it."""
    from conftest import require_data
    from newstrace.ingest import read_articles
    from newstrace.store import Store
    from test_web_fixtures import analyze_if_available

    arts = [a for a in read_articles([require_data("fakes", "fakes_dev.csv")]) if a.id in BACKGROUND_PAIR]
    db = tmp_path / "background.db"
    with Store(db) as st:
        st.add_articles(arts)
    analyze_if_available(db)
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    try:
        with live_server(db) as base:
            stories = page.request.get(f"{base}/api/stories").json()["stories"]
            urls = ["/compare?" + "&".join(f"ids={i}" for i in BACKGROUND_PAIR)]
            urls += [f"/stories/{quote(x['id'], safe='')}" for x in stories if x["size"] == 2]
            assert len(urls) == 2, stories
            for url in urls:
                page.goto(base + url)
                page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
                rows = page.evaluate(TAGGED_FINDINGS, "li.finding")
                assert [r for r in rows if r["tag"]], (url, rows)
                assert not background_tags_read(rows, "nna"), (url, background_tags_read(rows, "nna"))
                shot(page, "background-tag-" + url.split("?")[0].strip("/").split("/")[0])
    finally:
        ctx.close()


def test_a_long_unbroken_headline_does_not_widen_a_table(browser: Any, tmp_path: Path) -> None:
    """A headline of 215 characters without a space (a feed that gave the page's URL as its title)
    made the articles table wider than the page at 1280 px: the page scrolled sideways, the other
    columns out of sight. A cell of free text breaks a long run anywhere now, and keeps 10em, so
    ordinary words are not cut, on a wide screen or a phone."""
    import dataclasses

    from newstrace.store import Store
    from test_report_browser import LONG_TITLE
    from test_web_fixtures import seed_articles

    seeds = seed_articles()
    rt = next(a for a in seeds if a.outlet == "rt.com")
    db = tmp_path / "long-title.db"
    with Store(db) as st:
        st.add_articles([*seeds, dataclasses.replace(rt, id="long", title=LONG_TITLE, text=rt.text + " Updated.")])
    for width in (1280, 390):
        ctx = browser.new_context(viewport={"width": width, "height": 900})
        page = ctx.new_page()
        try:
            with live_server(db) as base:
                page.goto(f"{base}/articles")
                assert page.evaluate("() => document.documentElement.scrollWidth") <= width
                table, main = page.evaluate("() => [document.querySelector('table.articles').scrollWidth, document.querySelector('main').clientWidth]")
                if width > 700:
                    assert table <= main, (table, main)
                assert not page.evaluate(BROKEN_WORDS, "table.articles td"), width
                shot(page, f"long-title-{width}")
        finally:
            ctx.close()


def test_on_a_phone_a_table_that_scrolls_shows_a_shadow_where_more_is(server: tuple[str, dict[str, str]], browser: Any) -> None:
    """On a phone the articles table scrolled in its own box, and nothing said so: its right edge cut
    a column as if the table ended there. A shadow at an edge with more beyond it says it now, at
    the right before scrolling and at the left at the end, on the outlet network's table (the
    articles stack now, each a block)."""
    base, _ = server
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)  # (the style that hides the text)
    page = ctx.new_page()
    try:
        page.goto(f"{base}/outlets")
        table = page.locator("table.edges")
        assert table.evaluate("t => t.scrollWidth > t.clientWidth + 50")
        table.evaluate("t => t.scrollIntoView()")  # below the outlet network: its edges in the window
        page.add_style_tag(content=HIDE_CONTENTS.format(sel="table.edges"))
        left, right = edge_shades(page, "table.edges")
        assert right < left - 5, (left, right)
        table.evaluate("t => { t.scrollLeft = t.scrollWidth; }")
        left, right = edge_shades(page, "table.edges")
        assert left < right - 5, (left, right)
        shot(page, "phone-table-shadow")
    finally:
        ctx.close()


def test_on_a_phone_a_drawing_that_scrolls_shows_a_shadow_where_more_is(server: tuple[str, dict[str, str]], browser: Any) -> None:
    """At 390 px a story's timeline (770 px) and its provenance graph scroll in their own boxes,
    and nothing said so: the screen's edge cut the timeline's axis as if it ended there. A shadow
    at an edge with more beyond it says it now, as a table's does."""
    base, _ = server
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)  # (the style that hides the text)
    page = ctx.new_page()
    try:
        stories = page.request.get(f"{base}/api/stories").json()
        if not stories["available"] or not stories["stories"]:
            pytest.skip("stories not available")
        page.goto(f"{base}/stories/{quote(max(stories['stories'], key=lambda s: s['size'])['id'], safe='')}")
        sel = ".timeline-box .drawing"
        box = page.locator(sel)
        assert box.evaluate("b => b.scrollWidth > b.clientWidth + 50")
        page.add_style_tag(content=HIDE_CONTENTS.format(sel=sel))
        left, right = edge_shades(page, sel)
        assert right < left - 5, (left, right)
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        left, right = edge_shades(page, sel)
        assert left < right - 5, (left, right)
        shot(page, "phone-drawing-shadow")
    finally:
        ctx.close()


def test_a_column_of_numbers_is_headed_over_its_numbers(server: tuple[str, dict[str, str]], page: Any) -> None:
    """The numbers of a table stand at the right of their column and their headings stood at the
    left: on the Outlets page at 1280 px "94", ahram's articles, sat some 170 px right of
    "articles" and nearer "stories" than its own heading. A numeric column's heading now ends
    where its numbers end."""
    base, _ = server
    page.set_viewport_size({"width": 1280, "height": 900})
    checked = 0
    for url, table in [("/outlets", "table.outlets"), ("/outlets", "table.edges"), ("/articles", "table.articles"),
                       ("/stories", "table.stories")]:
        page.goto(base + url)
        if not page.locator(table).count():
            continue
        for gap in page.locator(table).first.evaluate(
            """t => [...t.tBodies[0].rows[0].cells].flatMap((td, i) => {
                 if (!td.classList.contains('num')) return [];
                 const th = t.tHead.rows[0].cells[i], r = document.createRange();
                 const ends = el => { r.selectNodeContents(el); return r.getBoundingClientRect().right; };
                 return [[th.textContent, Math.round(ends(td) - ends(th))]];
               })"""
        ):
            checked += 1
            assert abs(gap[1]) <= 2, (url, table, gap)
    assert checked >= 2


def test_a_unique_claim_in_a_story_of_ten_opens_at_its_words_beside_its_nearest_articles(browser: Any, tmp_path: Path) -> None:
    """RT's report, the rewrite of it and 8 blog reposts of two of RT's paragraphs each, dated as
    RT: one story of 10. A claim only RT carries opened RT beside the first 7 others in the story's
    order, the 7 reposts, and not the rewrite that took most of RT's text, and at the top of the
    compare page, where its words were nowhere in sight. It opens beside the articles sharing the
    most text with RT, the rewrite among them, scrolled to its words, marked as a jump marks them."""
    import dataclasses

    from test_web_fixtures import analysed_or_skip, seed_articles

    seeds = seed_articles()
    rt = next(a for a in seeds if a.outlet == "rt.com")
    rewrite = next(a for a in seeds if a.outlet != "rt.com")
    paras = [p for p in rt.text.split("\n") if p.strip()]
    reposts = [dataclasses.replace(rt, id=f"repost{i}", outlet=f"blog{i}.example", title=f"Aleppo repost {i}", url=None,
                                   text=f"Reposted by reader {i}. " + "\n\n".join(paras[i:i + 2]) + "\n\nShare this.")
               for i in range(8)]
    db = tmp_path / "ten.db"
    analysed_or_skip(db, [rt, rewrite, *reposts])
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    try:
        with live_server(db) as base:
            story = page.request.get(f"{base}/api/stories").json()["stories"]
            assert [s["size"] for s in story] == [10], story
            page.goto(f"{base}/stories/{story[0]['id']}")
            claim = page.locator("li.finding.t-unique_claim", has_text="Only rt.com carries").first
            href = claim.locator("a.open-pair").get_attribute("href") or ""
            opened = re.findall(r"ids=([^&#]+)", href)
            assert opened[0] == rt.id and rewrite.id in opened and len(opened) == 8, href
            assert "#" in href, href  # to the claim's words
            claim.locator("a.open-pair").click()
            page.wait_for_load_state("load")
            anchor = page.url.split("#", 1)[1]
            words = page.locator(f"section.column[data-article='{rt.id}'] [id='{anchor}']")
            assert words.count() == 1 and words.get_attribute("class").startswith("ev t-unique_claim"), anchor
            page.wait_for_function("id => document.getElementById(id).classList.contains('current')", arg=anchor)
            box = words.bounding_box()
            # in sight, mid-window as a jump puts them (the browser's own scroll left them at its top edge)
            assert box is not None and 900 / 4 < box["y"] < 900 * 3 / 4, box
            # the compare page's finding jumps to the very words the story page opened at
            there = page.locator("li.finding.t-unique_claim", has=page.locator(f"a.jump[href='#{anchor}']"))
            assert there.count() == 1
            shot(page, "compare-unique-claim-opened")
    finally:
        ctx.close()


def test_a_ninth_article_cannot_be_ticked_to_compare(browser: Any, tmp_path: Path) -> None:
    """Ticking 9 of a story's articles and pressing "Compare selected" led to a 422 page that sent
    the reader to Articles to tick them again. Both lists count the ticks beside the button and,
    once 8 are ticked, the most ``/compare`` takes, keep the rest from being ticked until one is
    unticked; the 8 open side by side."""
    from datetime import date

    from newstrace.model import Article
    from newstrace.store import Store
    from test_web_fixtures import analyze_if_available, seed_articles

    rt = next(a for a in seed_articles() if a.outlet == "rt.com")
    arts = [Article(id=f"w{k}", title=f"Aleppo update {k}", outlet=f"outlet{k}", published=date(2016, 10, 10 + k),
                    text=rt.text + f"\n\nOfficials said {11 + k} more people were wounded on Monday.") for k in range(10)]
    db = tmp_path / "ten.db"
    with Store(db) as st:
        st.add_articles(arts)
    urls = ["/articles"]
    with live_server(db) as base:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            if analyze_if_available(db):
                story = page.request.get(f"{base}/api/stories").json()["stories"][0]
                assert story["size"] == 10
                urls.append(f"/stories/{story['id']}")
            for url in urls:
                page.goto(base + url)
                boxes = page.locator("form.pick input[name=ids]")
                assert boxes.count() == 10
                count = page.locator("form.pick .pick-count")
                assert count.inner_text() == "(2 to 8 articles)"
                for k in range(7):
                    boxes.nth(k).check()
                assert count.inner_text() == "(7 ticked of 2 to 8 articles)"
                boxes.nth(7).check()
                assert "8 ticked, the most compared at once" in count.inner_text()
                assert boxes.nth(8).is_disabled() and boxes.nth(9).is_disabled()
                boxes.nth(0).uncheck()
                assert not boxes.nth(8).is_disabled()
                boxes.nth(8).check()
                assert boxes.nth(0).is_disabled()
                shot(page, "pick-8-of-10" + ("-story" if "stories" in url else ""))
                page.click("form.pick button[type=submit]")
                page.wait_for_url(re.compile(r"/compare\?"))
                assert page.locator("section.column").count() == 8
                if "stories" in url:  # named as the story names them, and a way back to it
                    assert page.locator("a.story-link").count() == 1
            assert not errors, errors
        finally:
            ctx.close()
