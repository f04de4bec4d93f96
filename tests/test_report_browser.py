"""The HTML report in Chromium: every highlight and jump link lands, hostile input runs nothing.

Uses Debian's /usr/bin/chromium through Playwright (headless); screenshots go to test-artifacts/.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    BACKGROUND_PAIR,
    BROKEN_WORDS,
    HIDE_CONTENTS,
    RING_CUT,
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
    require_data,
    rings_by_tab,
    text_box,
    through_a_pulse,
)
from newstrace.compare import compare_articles, render_html
from newstrace.compare.html import UNLISTED_WHERE
from newstrace.model import Article

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright)")
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    exe = str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium"))
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _open(browser: Any, html: str, tmp_path: Path, name: str, width: int = 1400) -> tuple[Any, list[str], list[str]]:
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(path, ARTIFACTS / path.name)
    page = browser.new_page(viewport={"width": width, "height": 900})
    console: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    return page, console, requests


@pytest.fixture(scope="module")
def seed_html(rt: Article, rewrite: Article) -> str:
    return render_html(compare_articles([rewrite, rt]))


def test_every_highlight_and_jump_link_lands(browser: Any, seed_html: str, tmp_path: Path) -> None:
    page, console, requests = _open(browser, seed_html, tmp_path, "report")
    try:
        page.screenshot(path=str(ARTIFACTS / "report-top.png"))
        links = page.locator("a[href^='#']")
        n = links.count()
        hrefs = [links.nth(i).get_attribute("href") for i in range(n)]
        kinds = {
            "highlight": page.locator("a.hl").count(),
            "shared": page.locator("a.hl.shared").count(),
            "evidence": page.locator("a.hl.evidence").count(),
            "jump": page.locator("a.jump").count(),
        }
        assert kinds["shared"] > 0 and kinds["evidence"] > 0 and kinds["jump"] > 0, kinds
        # every link has a target in the page
        missing = [h for h in hrefs if h and page.evaluate("id => document.getElementById(id) === null", h[1:])]
        assert not missing, missing
        # click each one: the page scrolls the target into view and flashes it
        for i in range(n):
            link = links.nth(i)
            href = hrefs[i] or ""
            if not link.is_visible():
                # a finding of the folded list (the claims past each article's 6): its reader opens it
                assert link.evaluate("el => el.closest('details').id") == "more-findings", href
                page.locator("#more-findings > summary").click()
            link.scroll_into_view_if_needed()
            link.click()
            target_id = href[1:]
            visible = page.evaluate(
                """id => {
                    let el = document.getElementById(id);
                    if (el.classList.contains('anchor')) {
                        let m = el.nextElementSibling;
                        while (m && m.classList.contains('anchor')) m = m.nextElementSibling;
                        el = m || el;
                    }
                    const r = el.getBoundingClientRect();
                    return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
                }""",
                target_id,
            )
            assert visible, f"link {i} to {href} did not bring its target into view"
            assert page.evaluate("() => location.hash") == href
        # a shared passage jumps to its counterpart in the other article
        first = page.locator("a.hl.shared").first
        first.click()
        flashed = page.locator(".current")
        assert flashed.count() == 1
        assert flashed.first.evaluate("el => el.closest('article').id") != first.evaluate("el => el.closest('article').id")
        page.screenshot(path=str(ARTIFACTS / "report-after-jump.png"))
        # the headline evidence of the rewrite is highlighted in its title
        assert page.locator("h3 a.hl.evidence", has_text="US-Backed").count() == 1
        assert page.locator("svg[aria-label='provenance graph'] g.edge").count() >= 1
        page.screenshot(path=str(ARTIFACTS / "report-full.png"), full_page=True)
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
        assert all(r.startswith("file:") for r in requests), requests
    finally:
        page.close()


HOSTILE = "<script>window.__pwned = 1; alert(1)</script><img src=x onerror=\"window.__pwned = 2\">"


def test_hostile_input_runs_nothing(browser: Any, rt: Article, rewrite: Article, tmp_path: Path) -> None:
    evil = dataclasses.replace(
        rewrite,
        id="evil\"><script>window.__pwned=3</script>",
        title="United Nations Finally Acknowledges US-Backed Rebels " + HOSTILE,
        outlet="<img src=x onerror=\"window.__pwned = 4\">evil.example",
        url="javascript:window.__pwned=5",
        author="<b onmouseover=\"window.__pwned=6\">x</b>",
        text=HOSTILE + "\n" + rewrite.text + "\n<a href=\"javascript:window.__pwned=7\">click</a><iframe src=\"javascript:window.__pwned=8\"></iframe>",
    )
    rt2 = dataclasses.replace(rt, url="https://example.org/<script>x</script>\"onmouseover=\"window.__pwned=9")
    html = render_html(compare_articles([evil, rt2]))
    assert "<script>window" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    page, console, requests = _open(browser, html, tmp_path, "hostile")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for sel in ("a.hl", "a.jump", "article.doc .meta", "h3"):
            loc = page.locator(sel)
            for i in range(min(loc.count(), 15)):
                loc.nth(i).hover()
                if sel.startswith("a."):
                    loc.nth(i).click()
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.__pwned") is None
        assert not dialogs
        assert page.locator("script").count() == 1  # only the report's own, allowed by its hash
        assert page.locator("img, iframe").count() == 0
        # the hostile strings are shown as text
        assert "<script>" in page.locator("article.doc").first.inner_text() or "<script>" in page.content()
        assert all(r.startswith("file:") for r in requests), requests
        # escaped, not merely blocked: nothing even tried to run (no CSP refusals)
        assert not [c for c in console if "Refused" in c or c.startswith("pageerror")], console
        page.screenshot(path=str(ARTIFACTS / "report-hostile.png"))
    finally:
        page.close()


def test_a_right_to_left_article_reads_right_to_left(browser: Any, rt: Article, tmp_path: Path) -> None:
    """An Arabic article beside an English one: its headline and text take the direction of their
    own script. The report set none, so an Arabic headline sat at the left of its column and each
    paragraph ran left to right, its closing full stop at the wrong end."""
    import csv

    path = require_data("semeval8", "pairs_train.csv")
    with path.open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["lang1"] == "ar")
    words = row["text1"].split()  # its headline, 'مصرع تلميذة فى العاشرة من عمرها بسوهاج', then the story
    arabic = Article.create(" ".join(words[7:]), title=" ".join(words[:7]), outlet="ar.example")
    html = render_html(compare_articles([rt, arabic]))
    page, console, _ = _open(browser, html, tmp_path, "report-rtl")
    try:
        direction = """el => {
            const r = document.createRange();
            r.selectNodeContents(el);
            const rects = [...r.getClientRects()];
            const box = el.getBoundingClientRect();
            const last = rects[rects.length - 1];
            return {dir: getComputedStyle(el).direction, gapLeft: last.left - box.left, gapRight: box.right - last.right};
        }"""
        for n, expected in ((0, "ltr"), (1, "rtl")):
            doc = page.locator(f"article#a{n}")
            for part in ("h3", ".body"):
                got = doc.locator(part).evaluate(direction)
                assert got["dir"] == expected, (n, part, got)
            # the headline's last line, shorter than the column, starts at the edge its script starts at
            h3 = doc.locator("h3").evaluate(direction)
            near, far = (h3["gapLeft"], h3["gapRight"]) if expected == "ltr" else (h3["gapRight"], h3["gapLeft"])
            assert near < 1 < far, (n, h3)
        page.screenshot(path=str(ARTIFACTS / "report-rtl.png"), full_page=True)
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()


def test_right_to_left_titles_and_outlets_in_tables_and_lines_take_their_direction(
    browser: Any, rt: Article, tmp_path: Path
) -> None:
    """The articles table and each text's line of metadata ran an Arabic headline and outlet in the
    report's direction: the headline "... وهذا هو السبب!" showed its "!" at the right, where it
    begins, and the line "القدس العربي · 2021-01-02 · 99 words" printed its date as "02-01-2021"
    left of the outlet. Each such string is isolated now and takes its own script's direction."""
    import csv
    from datetime import date

    with require_data("semeval8", "pairs_train.csv").open(encoding="utf-8", newline="") as f:
        row = [r for r in csv.DictReader(f) if r["lang1"] == "ar"][1]
    words = row["text1"].split()  # its headline, 'ابنة رجل أعمال سعودي كبير تثير الجدل وهذا هو السبب!', then the story
    title = " ".join(words[:10])
    assert title.endswith("السبب!")
    arabic = Article.create(" ".join(words[10:]), title=title, outlet="القدس العربي", published=date(2021, 1, 2))
    page, console, _ = _open(browser, render_html(compare_articles([rt, arabic])), tmp_path, "report-rtl-tables")

    try:
        cell = page.locator("#summary td", has_text="السبب")
        assert text_box(cell, "!")[0] < text_box(cell, words[0])[0], cell.inner_text()
        meta = page.locator("article#a1 .meta")
        assert text_box(meta, "القدس")[0] < text_box(meta, "2021")[0] < text_box(meta, "01-02")[0], meta.inner_text()
        page.screenshot(path=str(ARTIFACTS / "report-rtl-tables.png"), full_page=True)
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()


def test_evidence_inside_a_shared_passage_is_shown_as_evidence(browser: Any, seed_html: str, tmp_path: Path) -> None:
    """The seeds' drifted count, "scores of civilians" in RT and "hundreds of civilians" in the
    rewrite, and the "armed opposition groups" the headline finding cites lie inside near-verbatim
    passages, whose colour outranked the evidence's (a more specific CSS rule): the three findings
    the seeds are about showed no evidence in the texts. Every piece of evidence now has the
    colour the legend gives "finding evidence"."""
    page, console, _ = _open(browser, seed_html, tmp_path, "report-evidence")
    try:
        legend, key = page.evaluate(
            """() => ['.l-ev', '.l-key'].map(s => getComputedStyle(document.querySelector('.legend ' + s)).backgroundColor)"""
        )
        pieces = page.evaluate(
            """() => [...document.querySelectorAll('article.doc a.hl.evidence')]
                .map(e => [e.textContent, e.className, getComputedStyle(e).backgroundColor])"""
        )
        texts = {t for t, _, _ in pieces}
        assert {"scores of civilians", "hundreds of civilians", "armed opposition groups"} <= texts, texts
        assert any("shared" in cls.split() for _, cls, _ in pieces)
        # (the words a finding turns on, inside its evidence, have the legend's colour for them)
        wrong = [(t, cls, bg) for t, cls, bg in pieces if bg != (key if "key" in cls.split() else legend)]
        assert not wrong, (legend, wrong)
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()


#: the SVG text elements of a page drawn outside their drawing's box (cut off where it ends)
CUT_LABELS = """() => [...document.querySelectorAll('svg text')].flatMap(t => {
    const svg = t.ownerSVGElement, vb = svg.viewBox.baseVal, b = t.getBBox();
    const m = t.getCTM(), s = svg.getCTM();  // a label inside a transformed group: into the svg's units
    const x = b.x + (m.e - s.e) / s.a, y = b.y + (m.f - s.f) / s.d;
    return x < vb.x - 0.5 || y < vb.y - 0.5 || x + b.width > vb.x + vb.width + 0.5 || y + b.height > vb.y + vb.height + 0.5
        ? [[svg.getAttribute('aria-label'), t.textContent, Math.round(x), Math.round(y), Math.round(b.width), Math.round(b.height), vb.width, vb.height]] : [];
})"""


#: pairs of the timeline's article labels drawn over each other
OVERLAPPING_LABELS = """() => {
    const boxes = [...document.querySelectorAll("svg[aria-label='timeline'] a text")].map(t => [t.textContent, t.getBBox()]);
    return boxes.flatMap(([a, p], i) => boxes.slice(i + 1).filter(([, q]) =>
        p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height).map(([b]) => [a, b]));
}"""


def test_no_label_of_the_graphs_is_cut_off_or_drawn_over_another(
    browser: Any, seed_html: str, rt: Article, rewrite: Article, tmp_path: Path
) -> None:
    """The provenance graph draws every other article a row lower, and its date fell below the
    drawing (the rewrite's "2016-11-02" was not shown); the timeline centres each label on its
    article, so the last one ran past the drawing's right edge ("“United Nations Finall"), and it
    stacked labels in three rows, so the fourth article of a day was written over the first
    (FA-KES's reports are dated by day). Every label is inside its drawing now, and each article
    of a day has a row of its own."""
    page, console, _ = _open(browser, seed_html, tmp_path, "report-labels")
    try:
        assert page.locator("svg[aria-label='timeline'] text").count() >= 4
        cut = page.evaluate(CUT_LABELS)
        assert not cut, cut
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()
    # RT's report reposted the same day by four outlets
    reposts = [dataclasses.replace(rt, id=f"repost-{o}", outlet=o) for o in ("sana", "alaraby", "ahram", "jordantimes")]
    page, console, _ = _open(browser, render_html(compare_articles([rt, rewrite, *reposts])), tmp_path, "report-labels-day")
    try:
        assert page.locator("svg[aria-label='timeline'] a text").count() == 6
        overlapping = page.evaluate(OVERLAPPING_LABELS)
        assert not overlapping, overlapping
        cut = page.evaluate(CUT_LABELS)
        assert not cut, cut
    finally:
        page.close()
    # two reports of one day, with times: the axis is that day's hours, "2016-10-31 00:00" first
    # (centred on the axis' start, its date was cut off at the drawing's left edge)
    one_day = [dataclasses.replace(a, published=datetime(2016, 10, 31, h, tzinfo=UTC)) for a, h in ((rt, 8), (rewrite, 20))]
    page, console, _ = _open(browser, render_html(compare_articles(one_day)), tmp_path, "report-labels-hours")
    try:
        assert "2016-10-31 00:00" in page.locator("svg[aria-label='timeline']").inner_html()
        cut = page.evaluate(CUT_LABELS)
        assert not cut, cut
    finally:
        page.close()


def test_enter_on_a_jump_moves_focus_to_what_it_names(browser: Any, seed_html: str, tmp_path: Path) -> None:
    """A keyboard user's Enter on a finding's evidence scrolled the words into view and left focus
    in the list of findings (the script cancels the browser's jump, which would have moved it), so
    the next Tab went to the next finding and a screen reader announced nothing; the same for a
    shared passage, an article's number in the table and a count. Focus now goes to the words (or
    the article, or the count's row), and Tab goes on from there."""
    page, console, _ = _open(browser, seed_html, tmp_path, "report-keyboard")
    try:
        jump = page.locator("#findings a.jump", has_text="[attacks,]").first
        target = (jump.get_attribute("href") or "").lstrip("#")
        jump.focus()
        page.keyboard.press("Enter")
        focused = page.evaluate("() => [document.activeElement.className, document.activeElement.textContent, !!document.activeElement.closest('article.doc')]")
        assert focused[2] and "evidence" in focused[0] and focused[1].startswith("[attacks,"), focused
        assert page.evaluate("id => document.getElementById(id).nextElementSibling === document.activeElement", target)
        page.keyboard.press("Tab")  # on from the evidence, inside the text
        assert page.evaluate("() => !!document.activeElement.closest('article.doc')")
        # a shared passage to its counterpart in the other article, an article's number to the article
        passage = page.locator("article#a0 a.hl.shared").first
        passage.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.closest('article.doc').id") == "a1"
        page.locator("#summary a[href='#a1']").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "a1"
        count = page.locator("article#a0 details.counts a.jump").first
        count.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.classList.contains('count')")
        page.keyboard.press("Enter")  # the count's words lead to its row in the table
        assert page.evaluate("() => document.activeElement.tagName") == "TR"
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()


def test_tab_reaches_every_mark_of_the_texts_and_shows_where_focus_is(browser: Any, seed_html: str, tmp_path: Path) -> None:
    """The marks' tooltips say what a click (or tap) does; a keyboard user sees no tooltip, so the
    marks must be what a link is to the keyboard: each reached by Tab, in the order of the text,
    scrolled into view in its article's own scrolling box, with a visible focus ring, and Enter on
    one reached so goes where a click goes (here a count's words to its row in the table)."""
    page, console, _ = _open(browser, seed_html, tmp_path, "report-tab")
    try:
        marks = page.locator("article.doc a.hl").count()
        assert marks > 20
        reached: list[list[Any]] = []
        for _ in range(marks + 200):
            page.keyboard.press("Tab")
            now = page.evaluate("""() => { const e = document.activeElement;
                if (!e.matches('article.doc a.hl')) return e === document.body ? 'end' : null;
                const s = getComputedStyle(e), r = e.getBoundingClientRect(), box = e.closest('.body, h3').getBoundingClientRect();
                return [[...document.querySelectorAll('article.doc a.hl')].indexOf(e), e.matches(':focus-visible'),
                        s.outlineStyle, parseFloat(s.outlineWidth), r.top >= box.top - 1 && r.top < box.bottom && r.top >= 0 && r.top < innerHeight]; }""")
            if now == "end":
                break
            if now is not None:
                reached.append(now)
        assert [r[0] for r in reached] == list(range(marks)), reached
        assert not [r for r in reached if not (r[1] and r[2] != "none" and r[3] > 0 and r[4])], reached
        # Enter on a count's words, reached by Tab from the article's heading
        page.locator("article#a0 .meta a").focus()
        for _ in range(marks):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.classList.contains('count')"):
                break
        target = page.evaluate("() => document.activeElement.getAttribute('href').slice(1)")
        page.keyboard.press("Enter")
        assert page.evaluate("() => [document.activeElement.tagName, document.activeElement.id]") == ["TR", target]
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()


_RING = """() => { const e = document.activeElement, s = getComputedStyle(e);
    return {outline: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset], shadow: s.boxShadow}; }"""

#: every element drawn with an outline, as "tag.class text"
_OUTLINED = """() => [...document.querySelectorAll('body *')].filter(e => getComputedStyle(e).outlineStyle !== 'none')
    .map(e => `${e.tagName}.${e.className} ${e.textContent.slice(0, 30)}`)"""


def test_a_focused_mark_shows_the_web_pages_focus_ring_visible_on_every_highlight(
        browser: Any, seed_html: str, tmp_path: Path) -> None:
    """The report's focused marks had the browser's thin ring, the web pages a ring of 3 px, amber
    outside a dark one (``drawing.FOCUS_RING``): the report now has the pages' ring, as the web app
    serves it, and on each kind of highlight the seeds have (a passage shared verbatim or
    near-verbatim, a finding's evidence, the words it turns on, a count) one of its colours stands
    3:1 or more out of both the highlight inside it and the article around it (the underline of
    the words a finding turns on took the dark ring's place: the amber alone, 1.8:1 on white)."""
    from newstrace.web.app import static_files

    web = browser.new_page()
    page, console, _ = _open(browser, seed_html, tmp_path, "report-ring")
    try:
        web.set_content(f"<html><head><style>{static_files()['app.css'].decode()}</style></head>"
                        "<body><main><p><a href='#x'>a link</a></p></main></body></html>")
        web.keyboard.press("Tab")
        pages_ring = web.evaluate(_RING)
        assert pages_ring["outline"][:2] == ["solid", "3px"], pages_ring
        kinds: dict[str, float] = {}
        marks = page.locator("article.doc a.hl")
        for i in range(marks.count()):
            mark = marks.nth(i)
            kind = " ".join(sorted(set((mark.get_attribute("class") or "").split()) - {"hl", "punct"}))
            if kind in kinds:
                continue
            mark.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")  # focused by the keyboard, as :focus-visible tells
            assert page.evaluate("() => document.activeElement.matches('article.doc a.hl:focus-visible')"), kind
            ring = page.evaluate(_RING)
            # the same ring (a mark's own shadow, the underline of the words a finding turns on, beside it)
            assert ring["outline"] == pages_ring["outline"] and pages_ring["shadow"] in ring["shadow"], (kind, ring, pages_ring)
            inside = mark.evaluate("e => getComputedStyle(e).backgroundColor")
            inside = "rgb(255, 255, 255)" if inside == "rgba(0, 0, 0, 0)" else inside  # the article's white
            colours = [ring["outline"][2], *re.findall(r"rgba?\([^)]*\)", ring["shadow"])]
            kinds[kind] = max(min(contrast(c, inside), contrast(c, "rgb(255, 255, 255)")) for c in colours)
        for want in (["count"], ["shared", "verbatim"], ["shared", "near_verbatim"], ["evidence"], ["evidence", "key"],
                     ["evidence", "key", "shared"]):
            assert any(set(want) <= set(k.split()) for k in kinds), (want, kinds)
        assert all(v >= 3 for v in kinds.values()), kinds
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()
        web.close()


def test_a_jumps_outline_goes_when_focus_or_a_press_goes_elsewhere(browser: Any, seed_html: str, tmp_path: Path) -> None:
    """A jump outlined its target (orange) and left it there: Tab on from it showed two outlines,
    the jump's and the focus ring on the next mark. Now a keyboard jump shows the focus ring alone
    on its target (the ring every focused mark has), a click's target the jump's outline until
    focus or a press goes elsewhere, and after either only the focused mark is outlined.

    The compare page's jump pulsed (1.2 s) and the report's did not; the page's pulse was a
    box-shadow, put by its animation in place of the focus ring's dark inner ring (and it would
    have hidden the underline of the words a finding turns on, a box-shadow too). The report now
    pulses as the page does (``drawing.JUMP_STYLE``), lighting the words' background, which no
    ring hides: held at its start, the target's outline and box-shadow are the ones it has after
    the pulse, by the keyboard (the focus ring), to the words a finding turns on, and by the mouse
    (the jump's outline)."""
    page, console, _ = _open(browser, seed_html, tmp_path, "report-jump-outline")
    try:
        # the keyboard: Enter on a shared passage, then Tab on from its counterpart
        passage = page.locator("article#a0 a.hl.shared").first
        passage.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.closest('article.doc').id") == "a1"
        ring = page.evaluate(_RING)
        assert ring["outline"][:3] == ["solid", "3px", "rgb(255, 179, 0)"], ring  # the ring, not the jump's orange
        assert len(page.evaluate(_OUTLINED)) == 1, page.evaluate(_OUTLINED)
        held, during, after = through_a_pulse(page)
        assert held == 1 and during["fill"] != after["fill"], (held, during, after)  # it pulses
        assert during["ring"] == after["ring"] and "rgb(29, 35, 48)" in after["ring"][4], (during, after)  # the dark ring
        page.keyboard.press("Tab")
        outlined = page.evaluate(_OUTLINED)
        assert len(outlined) == 1 and page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") == "solid", outlined
        # the mouse: a click's target is outlined (its focus shows no ring), and Tab on leaves one outline
        page.locator("article#a0 a.hl.shared").nth(1).click()
        pointer_off(page)  # the jump scrolls the clicked mark away; its thin grey hover line went late
        outlined = page.evaluate(_OUTLINED)
        assert len(outlined) == 1 and page.evaluate("() => document.activeElement.classList.contains('current')"), outlined
        assert colour(page.evaluate("() => getComputedStyle(document.activeElement).outlineColor")) == colour(jump_outline())
        held, during, after = through_a_pulse(page)
        assert held == 1 and during["fill"] != after["fill"] and during["ring"] == after["ring"], (held, during, after)
        page.keyboard.press("Tab")
        outlined = page.evaluate(_OUTLINED)
        assert len(outlined) == 1 and not page.locator(".current").count(), outlined
        # a click on the plain text past it takes the jump's outline off
        page.locator("article#a0 a.hl.shared").nth(1).click()
        assert page.locator(".current").count() == 1
        page.locator("footer").click()
        assert page.evaluate(_OUTLINED) == [] and not page.locator(".current").count()
        # hovered, a click's target keeps the jump's outline and a focused mark the focus ring (a hovered
        # mark's thin grey line outranked both)
        page.locator("article#a0 a.hl.shared").first.click()
        assert page.evaluate("() => document.querySelector('.current').matches('a.hl')")
        page.locator(".current").hover()
        ring = page.evaluate(_RING)
        assert ring["outline"][:2] == ["solid", "3px"] and colour(ring["outline"][2]) == colour(jump_outline()), ring
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.matches('a.hl')")
        page.locator(":focus").hover()
        ring = page.evaluate(_RING)
        assert ring["outline"][:3] == ["solid", "3px", "rgb(255, 179, 0)"], ring
        # a finding's link to the words it turns on (their anchor, the mark after it): their underline
        # stays through the pulse
        key = page.locator("a[href^='#']").nth(page.evaluate("""() => [...document.querySelectorAll("a[href^='#']")].findIndex(a => {
            const el = document.getElementById(a.getAttribute('href').slice(1));
            return el && el.matches('.anchor') && !!el.nextElementSibling && el.nextElementSibling.matches('.hl.key'); })"""))
        key.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.matches('.hl.key:focus-visible')")
        held, during, after = through_a_pulse(page)
        assert held == 1 and during["fill"] != after["fill"] and during["ring"] == after["ring"], (held, during, after)
        assert "inset" in after["ring"][4] and "rgb(29, 35, 48)" in after["ring"][4], after  # its underline, the dark ring
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()



def test_a_jumps_pulse_holds_still_where_the_reader_asks_for_reduced_motion(
        browser: Any, seed_html: str, tmp_path: Path) -> None:
    """A jump lights its words amber and fades them back to their colour over 1.2 s
    (``drawing.JUMP_STYLE``), whatever the reader's system said: asked for reduced motion
    (``prefers-reduced-motion: reduce``), it faded as ever. There the amber now holds still for
    the 1.2 s and goes at once; elsewhere it still fades."""
    path = tmp_path / "report-reduced-motion.html"
    path.write_text(seed_html, encoding="utf-8")
    for motion in ("reduce", "no-preference"):
        ctx = browser.new_context(viewport={"width": 1400, "height": 900}, reduced_motion=motion)
        page = ctx.new_page()
        try:
            page.goto(path.as_uri())
            passage = page.locator("article#a0 a.hl.shared").first
            passage.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")  # to its counterpart, in the other article
            assert page.evaluate("() => document.activeElement.closest('article.doc').id") == "a1"
            check_pulse(page, motion)
        finally:
            ctx.close()


def test_the_focus_ring_and_a_jumps_outline_show_whole_at_the_edges_of_a_scrolling_text(
        browser: Any, seed_html: str, tmp_path: Path) -> None:
    """An article's text scrolls in its own box, which clips what is drawn past it: the focus ring
    (5 px out of a mark) and a jump's outline (4 px) were cut off at its edges, on a mark at the
    start of a line (44 of the seeds' 70 marks on a wide screen, by 5 px), on the first line, and
    on a mark Tab brought half in sight, scrolled just to the box's bottom; so was the ring of a
    text's "8 counts" (its table scrolls sideways). Each ring, by Tab through the whole report,
    and each click's jump outline now lies inside the visible part of every box that scrolls
    around it, on a wide screen and a phone's."""
    for width in (1400, 390):
        page, console, _ = _open(browser, seed_html, tmp_path, f"report-ring-edges-{width}", width)
        try:
            rings = rings_by_tab(page)
            marks = [r for r in rings if r["by"].startswith("DIV.body")]
            assert len(marks) == page.locator("article.doc .body a.hl").count() > 20, (width, len(marks))
            assert sum(r["edge"] for r in marks) > 5, width  # marks at a line's start or end
            assert any(r["by"].startswith("DETAILS.counts") for r in rings), width
            cut = [r for r in rings if r["cut"] > 0.5]
            assert not cut, (width, len(cut), cut[:5])
            # a click's jump to each mark's counterpart: the outline on the words it lands on
            outlines = []
            for i in range(page.locator("article.doc .body a.hl").count()):
                page.locator("article.doc .body a.hl").nth(i).click()
                if page.evaluate("() => !!document.querySelector('.current:not(:focus-visible)')"):
                    outlines.append(page.evaluate(RING_CUT, ".current"))
            landed = [o for o in outlines if o and o["by"] and o["by"].startswith("DIV.body")]
            assert len(landed) > 5 and sum(o["edge"] for o in landed) > 1, (width, landed)
            cut = [o for o in landed if o["cut"] > 0.5]
            assert not cut, (width, len(cut), cut[:5])
            if width == 1400:  # to look at: the first line's first words, focused by the keyboard
                first = page.locator("article#a0 .body a.hl").first
                first.evaluate("e => e.closest('.body').scrollTop = 0")
                first.focus()
                page.keyboard.press("Shift+Tab")
                page.keyboard.press("Tab")
                assert page.evaluate(RING_CUT, None)["edge"]
                box = page.locator("article#a0").bounding_box()
                page.screenshot(path=str(ARTIFACTS / "report-ring-at-a-line-start.png"),
                                clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": 220})
            assert not [c for c in console if c.startswith(("error", "pageerror"))], console
        finally:
            page.close()


def test_a_date_in_the_articles_table_is_on_one_line(browser: Any, seed_html: str, tmp_path: Path) -> None:
    """The table's date column was as narrow as the browser could make it, so "2016-10-30" broke
    at a hyphen into "2016-10-" over "30" beside the seeds' long titles."""
    page, _, _ = _open(browser, seed_html, tmp_path, "report-dates")
    try:
        lines = page.evaluate(
            """() => [...document.querySelectorAll('#summary tbody tr')].map(tr => {
                const r = document.createRange();
                r.selectNodeContents(tr.cells[2]);
                return [tr.cells[2].textContent, new Set([...r.getClientRects()].map(b => Math.round(b.top))).size];
            })"""
        )
        assert [d for d, _ in lines] == ["2016-10-30", "2016-11-02"] and all(n == 1 for _, n in lines), lines
    finally:
        page.close()


def test_the_words_a_finding_turns_on_stand_out_of_its_evidence(browser: Any, seed_html: str, tmp_path: Path) -> None:
    """The quote-variant finding's evidence is the whole quotation and, inside it, the editorial
    "[attacks,]" both articles carry: the two were one colour, so the text did not show which
    words the finding is about. The inner words have a colour of their own, in the legend too."""
    page, _, _ = _open(browser, seed_html, tmp_path, "report-key")
    try:
        pieces = page.evaluate(
            """() => [...document.querySelectorAll('article.doc a.hl.ev-quote_variant')]
                .map(e => [e.closest('article').id, e.textContent, getComputedStyle(e).backgroundColor])"""
        )
        legend = page.evaluate(
            """() => ['.l-ev', '.l-key'].map(s => getComputedStyle(document.querySelector('.legend ' + s)).backgroundColor)"""
        )
        assert legend[0] != legend[1], legend
        for doc in ("a0", "a1"):
            mine = [(t, bg) for d, t, bg in pieces if d == doc]
            assert [bg for t, bg in mine if t.startswith("[attacks,")] == [legend[1]], mine
            rest = {bg for t, bg in mine if not t.startswith("[attacks,")}
            assert rest == {legend[0]} and len(mine) >= 3, mine
    finally:
        page.close()


def test_outlets_named_in_a_finding_keep_the_order_the_sentence_gives_them(
    browser: Any, rt: Article, rewrite: Article, tmp_path: Path
) -> None:
    """A finding's summary is an English sentence naming outlets: "القدس العربي, اليوم السابع and
    الأهرام quote Russia's Permanent Mission ...". Drawn as one string, the comma between the first
    two Arabic names took their direction and the two showed swapped, the sentence reading
    "اليوم السابع, القدس العربي and ...". Each name is isolated now; the text stays ``--json``'s."""
    paras = rt.text.split("\n")
    names = ("القدس العربي", "اليوم السابع", "الأهرام")
    # RT's report run by three outlets of Arabic names, each a paragraph shorter (three texts)
    copies = [Article.create("\n".join(paras[: len(paras) - k]), title=rt.title, outlet=o, published=rt.published)
              for k, o in enumerate(names)]
    comparison = compare_articles([rewrite, *copies])
    summary = next(f.summary for f in comparison.findings if f.summary.startswith(", ".join(names[:2])))
    page, console, _ = _open(browser, render_html(comparison), tmp_path, "report-rtl-findings")
    try:
        item = page.locator("#findings li", has_text=summary[-60:]).filter(has_text="Russia's").first
        assert item.inner_text().split("\n")[0].endswith(summary), item.inner_text()  # the words of --json's summary
        lefts = [text_box(item, n)[0] for n in names]
        assert lefts == sorted(lefts), lefts
        page.screenshot(path=str(ARTIFACTS / "report-rtl-findings.png"), full_page=True)
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()


def test_no_report_scrolls_sideways_on_a_wide_or_a_narrow_screen(
    browser: Any, rt: Article, rewrite: Article, repost: Article, tmp_path: Path
) -> None:
    """A story of seven articles (``newstrace story ID --html``) drew a provenance graph of
    1,370 px, so at 1280 px the whole report scrolled sideways; at 390 px (a phone) the texts
    stood in three columns of some 100 px and every table and drawing ran past the screen. Now
    a drawing or a wide table scrolls in its own box, and a phone shows one text under another."""
    from datetime import date, timedelta

    # RT's report reposted on five later days by five outlets: eight articles, eight dates (the
    # graph gives an article 170 px since it is the web app's drawing: seven drew 1,230 px)
    reposts = [dataclasses.replace(rt, id=f"repost-{o}", outlet=o, published=date(2016, 11, 3) + timedelta(days=k))
               for k, o in enumerate(("sana", "alaraby", "ahram", "jordantimes", "trt"))]
    html = render_html(compare_articles([rt, rewrite, repost, *reposts]))
    for width in (1280, 390):
        page, console, _ = _open(browser, html, tmp_path, f"report-wide-{width}")
        try:
            page.set_viewport_size({"width": width, "height": 900})
            assert page.locator("svg[aria-label='provenance graph']").evaluate("s => s.getBoundingClientRect().width") > 1280
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            # each text is as wide as the screen allows, not a third of it
            doc = page.locator("article.doc").first.evaluate("d => d.getBoundingClientRect().width")
            assert doc > width / 2 if width < 800 else doc > 300, doc
            page.screenshot(path=str(ARTIFACTS / f"report-wide-{width}.png"))
            assert not [c for c in console if c.startswith(("error", "pageerror"))], console
        finally:
            page.close()


def test_a_note_naming_an_arabic_outlet_keeps_its_number_after_the_name(
    browser: Any, rt: Article, rewrite: Article, tmp_path: Path
) -> None:
    """The note "القدس العربي: 10 more claim(s) only it carries are not listed." drew its "10"
    left of the Arabic name (a number after Arabic letters takes their direction, and the colon
    between them with it): the line read "10 :القدس العربي more claim(s)". The names in a note are
    isolated now, as in a finding's summary."""
    name = "القدس العربي"
    comparison = compare_articles([dataclasses.replace(rt, outlet=name), rewrite])
    # the report's own note (``--json`` has every claim, and no such note)
    note = next(n for n in comparison.unlisted_notes(comparison.listed()[1], UNLISTED_WHERE) if n.startswith(name + ": "))
    page, console, _ = _open(browser, render_html(comparison), tmp_path, "report-rtl-note")
    try:
        item = page.locator("#notes li", has_text="more claims")
        assert item.inner_text() == note
        count = note.split()[2]  # "10"
        assert text_box(item, name)[1] < text_box(item, count)[0], item.inner_text()
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()


def test_the_claims_past_each_articles_six_are_folded_and_a_highlight_opens_them(
    browser: Any, seed_html: str, tmp_path: Path
) -> None:
    """The report listed 6 of rt.com's 16 claims only it carries and said "rt.com: 10 more claim(s)
    only it carries are not listed.", neither why nor where they were. They are folded after the
    findings now, the note says so, and a highlight of one in rt.com's text opens the fold at it."""
    page, console, _ = _open(browser, seed_html, tmp_path, "report-folded-claims")
    try:
        note = page.locator("#notes li", has_text="more claims").inner_text()
        assert note == ("rt.com: 10 more claims only it carries are not listed, as only each article's 6 most "
                        "important are: they are listed, folded, after the findings."), note
        fold = page.locator("#more-findings")
        assert fold.locator("summary").inner_text() == "10 more claims only one article carries"
        folded = fold.locator("ol.findings > li")
        assert folded.count() == 10 and not folded.first.is_visible()
        # the list goes on from the findings' numbers (17 to 26)
        assert fold.locator("ol").get_attribute("start") == str(page.locator("#findings > ol.findings > li").count() + 1)
        first = folded.first.get_attribute("id")
        mark = page.locator(f"#texts a.hl[href='#{first}']").first
        mark.scroll_into_view_if_needed()
        mark.click()
        assert fold.evaluate("el => el.open") and folded.first.is_visible()
        assert page.evaluate("() => location.hash") == f"#{first}"
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()


@pytest.mark.data
def test_a_claim_said_as_background_is_tagged_so_after_the_storys_own(browser: Any, tmp_path: Path) -> None:
    """FA-KES dev, NNA and Al-Manar on the US raids on Raqqa: NNA's "More than 230000 people have been
    killed in Syria since the conflict began" is said as background ("Only nna gives as background a
    count"), but under the same green "Unique claim" as the story's own claims, its one sign mid-sentence.
    A muted tag "background" stands beside its title now, in 4.5:1, on it alone (listed or folded), and
    it comes after nna's claims of the story."""
    from newstrace.ingest import read_articles

    arts = {a.id: a for a in read_articles([require_data("fakes", "fakes_dev.csv")]) if a.id in BACKGROUND_PAIR}
    html = render_html(compare_articles([arts[i] for i in BACKGROUND_PAIR]))
    page, console, _ = _open(browser, html, tmp_path, "report-background-tag")
    try:
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        rows = page.evaluate(TAGGED_FINDINGS, "#findings ol.findings > li")
        assert [r for r in rows if r["tag"]], rows
        assert not background_tags_read(rows, "nna"), background_tags_read(rows, "nna")
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()


def test_a_screen_reader_hears_each_provenance_edge(browser: Any, seed_html: str, tmp_path: Path) -> None:
    """The drawing was an image (role="img") and an edge's words were in its <title> alone, which no
    screen reader reaches inside an image: the provenance section read "provenance graph, 0.88" and
    never said who took from whom. The edges are listed in words under the drawing."""
    page, console, _ = _open(browser, seed_html, tmp_path, "report-provenance-words")
    try:
        heard = page.locator("#provenance").aria_snapshot()
        assert "rt.com → “United Nations Finally … Civilians”: confidence 0.88" in heard, heard
        assert "publication_order, containment" in heard, heard
        # the names in it keep their own direction
        assert page.locator("#provenance .edge-list li bdi").all_inner_texts() == ["rt.com", "“United Nations Finally … Civilians”"]
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()


def test_every_link_of_the_report_says_where_it_goes(browser: Any, seed_html: str, tmp_path: Path) -> None:
    """A screen reader's list of links read "1", "2" (the articles' numbers in the table, each a
    link to its text) and "15" (a pair's shared passages, a link to the first): numbers alone. Each
    link's name now says what it leads to, its visible number first; so does a count's link in an
    article's table of counts ("3", to its words in the text). (The links inside the texts
    are named by the words they mark, which is what reading the text needs.)"""
    page, _, _ = _open(browser, seed_html, tmp_path, "report-link-names")
    try:
        heard = page.locator("#summary").aria_snapshot() + "\n" + page.locator("#pairs").aria_snapshot()
        links = re.findall(r'link "([^"]*)"', heard)
        assert len(links) == 3 and not [n for n in links if not re.search(r"[^\W\d_]", n)], links
        assert "1: the text of rt.com" in links, links
        assert re.fullmatch(r"\d+ shared passages? of “United Nations Finally … Civilians” and rt\.com: the first", links[2]), links
        # a link without an accessible name at all (aria_snapshot leaves its quotes out)
        assert not re.search(r"- link:", heard), heard
        # a count in an article's table of counts ("3"), a link to its words in the text
        counts = re.findall(r'link "([^"]*)"', "\n".join(t.aria_snapshot() for t in page.locator("details.counts table").all()))
        assert counts and not [n for n in counts if not re.search(r"[^\W\d_]", n)], counts
        assert all(n.endswith((": the count in the text of rt.com", ": the count in the text of “United Nations Finally … Civilians”")) for n in counts), counts
    finally:
        page.close()


def test_a_drawing_with_links_is_a_named_group_not_an_image(browser: Any, seed_html: str, tmp_path: Path) -> None:
    """The report's provenance graph and timeline link to the articles' texts, and were role="img",
    whose children ARIA makes presentational: a screen reader may skip the links. Both are groups."""
    page, _, _ = _open(browser, seed_html, tmp_path, "report-drawing-roles")
    try:
        drawings = page.evaluate("""() => [...document.querySelectorAll("svg")].map(s =>
            [s.getAttribute("role"), s.getAttribute("aria-label"), s.querySelectorAll("a[href]").length])""")
        assert [d for d in drawings if d[2]] == [["group", "provenance graph", 2], ["group", "timeline", 2]], drawings
        assert page.locator("#timeline").get_by_role("group", name="timeline").get_by_role("link").count() == 2
    finally:
        page.close()


def test_a_full_stop_alone_is_highlighted_but_no_link(browser: Any, seed_html: str, tmp_path: Path) -> None:
    """RT's "... reported 36 cases of suffocation." had its full stop as a link of its own (the count
    before it ends there): "." in a list of links, a dot to click. The stop is no link now, and
    still has the evidence's colour; a stop that stays a link (nothing else links where it does) is
    named by its tooltip and can be clicked a little beside the dot."""
    page, console, _ = _open(browser, seed_html, tmp_path, "report-full-stop")
    try:
        legend = page.evaluate("() => getComputedStyle(document.querySelector('.legend .l-ev')).backgroundColor")
        stop = page.locator("article.doc span.hl.evidence", has_text=re.compile(r"^\.$")).first
        assert stop.evaluate("e => e.previousElementSibling.textContent") == "36 cases of suffocation"
        assert stop.evaluate("e => getComputedStyle(e).backgroundColor") == legend
        links = page.locator("article.doc a.hl").evaluate_all("as => as.map(a => [a.textContent, a.getAttribute('aria-label')])")
        assert not [x for x in links if not re.search(r"\w", x[0]) and not x[1]], links
        # a stop that stays a link: its hit area reaches past the dot, the text does not move
        stop.scroll_into_view_if_needed()
        before = stop.evaluate("e => { e.scrollIntoView({block: 'center'}); const b = e.getBoundingClientRect(); return {x: b.x, width: b.width}; }")
        link = stop.evaluate("""s => { const a = document.createElement('a'); a.className = 'hl evidence punct';
            a.href = '#f0'; a.textContent = '.'; s.replaceWith(a); a.scrollIntoView({block: 'center'}); const b = a.getBoundingClientRect();
            const hit = document.elementFromPoint(b.right + 4, b.top + b.height / 2);
            return [b.x, b.width, hit === a]; }""")
        assert link[2] and link[0] == pytest.approx(before["x"], abs=0.5) and link[1] == pytest.approx(before["width"], abs=0.5), (link, before)
        assert not [c for c in console if c.startswith(("error", "pageerror"))], console
    finally:
        page.close()


#: a headline that is one unbroken run of 215 characters (a feed that gave the page's URL as its title)
LONG_TITLE = ("https://www.example.com/news/2016/10/30/"
              + "_".join(["un_syria_envoy_appalled_by_opposition_groups_firing_rockets_on_civilians_in_aleppo"] * 2) + "?id=364760")


def test_a_long_unbroken_headline_does_not_widen_the_table(browser: Any, rt: Article, rewrite: Article, tmp_path: Path) -> None:
    """A headline of 215 characters without a space made the articles table 1,996 px wide at 1280
    (it scrolled in its box, the other headline and the numbers out of sight). A cell of free text
    breaks a long run anywhere now, and keeps 10em, so ordinary words are not cut, on a wide
    screen or a phone (where the table may still scroll in its box)."""
    html = render_html(compare_articles([dataclasses.replace(rt, title=LONG_TITLE), rewrite]))
    for width in (1280, 390):
        page, console, _ = _open(browser, html, tmp_path, f"report-long-title-{width}")
        try:
            page.set_viewport_size({"width": width, "height": 900})
            box, table = page.locator("#summary .wide").evaluate("w => [w.clientWidth, w.scrollWidth]")
            if width > 800:
                assert table <= box, (box, table)
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            assert not page.evaluate(BROKEN_WORDS, "#summary td, #quotes td"), width
            assert not [c for c in console if c.startswith(("error", "pageerror"))], console
        finally:
            page.close()


@pytest.mark.parametrize("sel", ["#texts details.counts", "#timeline .drawing"])
def test_a_table_that_scrolls_shows_a_shadow_where_more_is(browser: Any, seed_html: str, tmp_path: Path, sel: str) -> None:
    """On a phone the articles table scrolled in its own box, and nothing said so: its right edge cut
    a column as if the table ended there. A shadow at an edge with more beyond it says it now (at
    the right before scrolling, at the left at the end), and none shows where the table fits. (The
    articles table stacks on a phone now: a text's table of counts scrolls there.) A drawing that
    scrolls on a phone says so too (the seeds' timeline, 760 px in 368; FA-KES's biggest story's
    graph showed two of its seven articles, as if it ended there), as the web pages' drawings do."""
    for width in (390, 1400):
        path = tmp_path / f"report-shadow-{width}.html"
        path.write_text(seed_html, encoding="utf-8")
        ctx = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)  # (the style that hides the text)
        page = ctx.new_page()
        try:
            page.goto(path.as_uri())
            box = page.locator(sel).first
            box.scroll_into_view_if_needed()
            scrolls = box.evaluate("w => w.scrollWidth > w.clientWidth + 50")
            assert scrolls == (width < 800), width
            page.add_style_tag(content=HIDE_CONTENTS.format(sel=sel))
            left, right = edge_shades(page, sel)
            if not scrolls:
                assert abs(left - right) < 1, (left, right)
                continue
            assert right < left - 5, (left, right)
            box.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
            left, right = edge_shades(page, sel)
            assert left < right - 5, (left, right)
            page.screenshot(path=str(ARTIFACTS / f"report-shadow-390-{sel.split()[0][1:]}.png"))
        finally:
            ctx.close()


def test_on_a_phone_the_reports_articles_are_blocks_and_a_long_outlet_breaks(
    browser: Any, rt: Article, rewrite: Article, tmp_path: Path
) -> None:
    """At 390 px the report's table of its articles scrolled sideways in its box (the seeds' 560 px in
    368, their titles from 221 px on), and an outlet named in 50 characters unbroken (rt.com so
    renamed) made it 929 px and the whole page 558 px, the report's title unbroken in its heading.
    Each article is a block now, as on the web pages (``drawing.STACK_STYLE``): its number, the link
    to its text, and its title on the first line, every other cell a line under it after its
    heading, the long name broken in its own line and the title's heading too; the table's roles
    keep it a table to a screen reader. At 1400 px the table is a table, one line a row."""
    long = "a" * 42 + ".example"
    reports = {"seeds": render_html(compare_articles([rewrite, rt])),
               "long": render_html(compare_articles([rewrite, dataclasses.replace(rt, outlet=long)]))}
    for name, html in reports.items():
        page, console, _ = _open(browser, html, tmp_path, f"report-phone-{name}", width=390)
        try:
            rows = check_stacked(page, "#summary table", beside="#")
            assert len(rows) == 2 and all(len(cells) == 7 for cells in rows), rows
            for number, lead in ((cells[0], cells[3]) for cells in rows):  # the number before the title, on its line
                assert abs(number["top"] - lead["top"]) < 2 and number["right"] <= lead["left"] + 1, (number, lead)
            if name == "long":
                (named,) = [cells for cells in rows if cells[1]["text"].startswith(long[:20])]
                line = min(c["height"] for c in named if c["label"])
                assert named[1]["height"] > 1.5 * line and named[1]["width"] == named[2]["width"], named
            assert not page.evaluate(BROKEN_WORDS, "#summary td, header h1"), "an ordinary word broken"
            heard = page.locator("#summary table").aria_snapshot()
            assert heard.startswith("- table:") and heard.count("- columnheader ") == 7, heard[:400]
            page.screenshot(path=str(ARTIFACTS / f"report-phone-{name}.png"))
            page.set_viewport_size({"width": 1400, "height": 900})
            tops = page.locator("#summary tr").evaluate_all(
                "trs => trs.map(tr => new Set([...tr.cells].map(c => Math.round(c.getBoundingClientRect().top))).size)")
            assert tops == [1, 1, 1], tops
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 1400
            assert not [c for c in console if c.startswith(("error", "pageerror"))], console
        finally:
            page.close()
