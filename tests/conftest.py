"""Shared fixtures: the example articles and the datasets in ../shared/data (skipped when absent)."""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import re
import shutil
import signal
import struct
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newstrace.ingest import read_articles
from newstrace.model import Article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SEEDS = SHARED / "seeds"

#: ids of the seed articles the tests follow: RT's report in examples/ and the rewrite there that
#: quotes it, and SANA's reports of 28 and 31 October 2016 in FA-KES dev (its Aleppo reports)
RT = "c76a1369a679181f"
REWRITE = "f2b329a05aa358ae"
SANA_28_OCT = "1926479072"
SANA_31_OCT = "1926478959"


def require_data(*parts: str) -> Path:
    """Path under ../shared/data, or skip the test with the reason when it is not there."""
    path = DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/data/{'/'.join(parts)} (not present beside this checkout)")
    return path


class CallCount:
    """How many times ``count_calls`` saw its function called (``calls`` may be reset to 0)."""

    calls = 0


@functools.cache
def fnc1_bodies() -> dict[str, str]:
    """FNC-1's training bodies by Body ID, read once for the whole run (skips when absent)."""
    csv.field_size_limit(10_000_000)
    with open(require_data("fnc1", "train_bodies.csv"), encoding="utf-8", newline="") as fh:
        return {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh)}


def training_text(source: str, name: str) -> str:
    """A text the rule tests quote: a PolNeAR train article (``"polnear"``, its file's stem) or an
    FNC-1 training body (``"fnc1"``, its Body ID)."""
    if source == "polnear":
        with open(require_data("polnear", "train", "text", f"{name}.txt"), encoding="utf-8", newline="") as fh:
            return fh.read()
    return fnc1_bodies()[name]


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> CallCount:
    """Count the calls of ``owner.name`` for the test's duration, the function still doing its work:
    the tests of work that must not grow with the square of the input count them."""
    count = CallCount()
    real = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        count.calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return count


def undo_migrations_from_13(c: Any) -> None:
    """Drop from the ``sqlite3`` connection ``c``'s database what migrations 13 and later added (the
    articles' input hashes; the searches' folded copies and the triggers that keep them, which 14
    made, 15 folded again, dashes as spaces, 16 made again with the words' edges and the
    compounds joined, and 17 with the words about each compound), for the tests that make a database as an earlier
    release left it: one place to extend with the next."""
    from newstrace.store.migrations import MIGRATIONS

    assert [m.split()[0] for m in MIGRATIONS[12:]] == ["ALTER", "CREATE", "DELETE", "DELETE", "DELETE"] and "articles_folded" in MIGRATIONS[14], (
        "a later migration's changes must be undone here too")
    c.execute("DROP INDEX articles_input_hash")
    c.execute("ALTER TABLE articles DROP COLUMN input_hash")
    for (trigger,) in c.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE '%fold%'").fetchall():
        c.execute(f"DROP TRIGGER {trigger}")
    c.execute("DROP TABLE articles_folded")
    c.execute("DROP TABLE stories_folded")


def folded_otherwise(db: Path) -> list[str]:
    """The articles and stories of ``db`` whose folded copies (``articles_folded``,
    ``stories_folded``: what the searches look in) are not their title, text or label as
    ``search_copy`` makes them now, or that have none: a write path the triggers of migration 14
    missed. Read with a connection of its own, without the SQL function."""
    import sqlite3

    from newstrace.store.sqlite import search_copy

    def fold(value: str | None) -> str | None:
        return None if value is None else search_copy(value)

    wrong: list[str] = []
    with contextlib.closing(sqlite3.connect(db)) as c:
        for aid, title, text, f_title, f_text in c.execute(
            "SELECT a.id, a.title, a.text, f.title, f.text FROM articles a LEFT JOIN articles_folded f ON f.seq = a.seq"
        ):
            if f_text is None or (f_title, f_text) != (fold(title), fold(text)):
                wrong.append(f"article {aid}")
        for sid, label, f_label, held in c.execute(
            "SELECT s.id, s.label, f.label, f.id IS NOT NULL FROM stories s LEFT JOIN stories_folded f ON f.id = s.id"
        ):
            if not held or f_label != fold(label):
                wrong.append(f"story {sid}")
        orphans = c.execute("SELECT COUNT(*) FROM articles_folded WHERE seq NOT IN (SELECT seq FROM articles)").fetchone()[0]
        orphans += c.execute("SELECT COUNT(*) FROM stories_folded WHERE id NOT IN (SELECT id FROM stories)").fetchone()[0]
        if orphans:
            wrong.append(f"{orphans} folded copies of rows gone")
    return wrong


def stderr_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the CLI's stderr console (``cli.app.err``) take the captured stderr for a terminal, so
    progress bars draw there (rich asks ``is_terminal`` to enable one, ``is_interactive`` to draw it)."""
    from newstrace.cli import app

    monkeypatch.setattr(app.err, "_force_terminal", True)
    monkeypatch.setattr(app.err, "is_interactive", True)


@pytest.fixture(scope="session")
def examples() -> dict[str, Article]:
    """The two seed articles as ingested from examples/: keys 'rt' and 'rewrite'."""
    arts = read_articles([EXAMPLES])
    by_outlet = {("rt" if a.outlet == "rt.com" else "rewrite"): a for a in arts}
    assert set(by_outlet) == {"rt", "rewrite"}
    return by_outlet


@pytest.fixture(scope="session")
def rt(examples: dict[str, Article]) -> Article:
    return examples["rt"]


@pytest.fixture(scope="session")
def rewrite(examples: dict[str, Article]) -> Article:
    return examples["rewrite"]


@pytest.fixture(scope="session")
def repost(rewrite: Article) -> Article:
    """A blog's repost of the rewrite's first two paragraphs, with a line of its own around them:
    RT's text by way of the rewrite."""
    paras = [p for p in rewrite.text.split("\n") if p.strip()]
    body = "Reposted from a reader's tip. The media stays silent.\n\n" + "\n\n".join(paras[:2]) + "\n\nShare this."
    return Article.create(body, outlet="repost.example", published=date(2016, 11, 4))


#: the box (left, right) of the first ``s`` in an element's text, over its text nodes (browser tests)
TEXT_BOX = """([el, s]) => {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n; (n = walk.nextNode()); ) {
        const i = n.data.indexOf(s);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + s.length);
        const b = r.getBoundingClientRect();
        return [b.left, b.right];
    }
    return null;
}"""


def text_box(locator: Any, s: str) -> list[float]:
    """Where the first ``s`` inside a Playwright locator's element is drawn: the browser tests of
    right-to-left text compare these boxes, since the markup alone cannot say how a line runs."""
    got = locator.page.evaluate(TEXT_BOX, [locator.element_handle(), s])
    assert got is not None, (s, locator.inner_text())
    return list(got)


def colour(c: str) -> tuple[float, float, float] | None:
    """A CSS colour written "#rgb", "#rrggbb" (with or without alpha), "rgb(...)" or "rgba(...)" as
    its red, green and blue (0 to 255); None for one not wholly opaque (a shade over another
    colour, "transparent"). Any other form fails: a test of contrast must not pass over a colour."""
    c = c.strip().lower()
    if c == "transparent":
        return None
    if c.startswith("#"):
        h = c[1:] if len(c) in (7, 9) else "".join(x * 2 for x in c[1:])
        assert len(h) in (6, 8) and re.fullmatch(r"[0-9a-f]+", h), c
        return None if h[6:] not in ("", "ff") else (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
    m = re.fullmatch(r"rgba?\(([^)]*)\)", c)
    assert m, f"a colour this test cannot read: {c!r}"
    parts = re.findall(r"[\d.]+%?", m.group(1))
    if len(parts) > 3 and float(parts[3].rstrip("%")) / (100 if parts[3].endswith("%") else 1) < 1:
        return None
    return float(parts[0]), float(parts[1]), float(parts[2])


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two opaque CSS colours (``colour``): 1 to 21."""

    def lum(c: str) -> float:
        rgb = colour(c)
        assert rgb is not None, f"not an opaque colour: {c!r}"
        return sum(w * (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
                   for w, v in zip((0.2126, 0.7152, 0.0722), (x / 255 for x in rgb), strict=True))

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def jump_outline() -> str:
    """The colour of a jump's outline as ``drawing.JUMP_STYLE`` ships it (its ``.current`` rule)."""
    from newstrace.drawing import JUMP_STYLE

    m = re.search(r"\.current\b[^{]*\{[^}]*\boutline\s*:[^;}]*?(#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\))", JUMP_STYLE)
    assert m, JUMP_STYLE
    return m.group(1)

def pointer_off(page: Any) -> None:
    """Move the mouse to the window's corner, over nothing that hovers, before a test counts outlines
    or reads styles that a hover changes. A click that jumps scrolls what it clicked from under the
    pointer, but Chromium moves ``:hover`` (and the ``mouseover`` that lights a pair or a finding)
    only some time after a scroll: what showed under the pointer was a race (session 45, the
    report's jump-outline test, two failures in four whole-suite runs)."""
    page.mouse.move(1, 1)


#: the focused element's ring (its outline and box-shadow, as drawn) and the background inside it
_RING_AND_FILL = """() => { const s = getComputedStyle(document.activeElement);
    return {ring: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset, s.boxShadow], fill: s.backgroundColor}; }"""


def through_a_pulse(page: Any) -> tuple[int, dict[str, Any], dict[str, Any]]:
    """A jump's pulse on the focused element (the report's and the compare page's, browser tests):
    how many animations it runs, and its ring and fill with them held at their start and once they
    have run (``drawing.JUMP_STYLE``)."""
    held = page.evaluate("() => { const a = document.activeElement.getAnimations();"
                         " a.forEach(x => { x.pause(); x.currentTime = 0; }); return a.length; }")
    during = page.evaluate(_RING_AND_FILL)
    page.evaluate("() => document.activeElement.getAnimations().forEach(x => x.finish())")
    return held, during, page.evaluate(_RING_AND_FILL)


def pulse_fills(page: Any, at: tuple[float, ...] = (0, 0.5, 0.99)) -> list[str]:
    """A jump's pulse on the focused element (``drawing.JUMP_STYLE``), its one animation held at
    each fraction of its length: the element's background then, and once the pulse has run."""
    hold = """f => { const e = document.activeElement, a = e.getAnimations();
        if (a.length !== 1) return `${a.length} animations`;
        a[0].pause(); a[0].currentTime = f * a[0].effect.getComputedTiming().duration;
        return getComputedStyle(e).backgroundColor; }"""
    fills = [page.evaluate(hold, f) for f in at]
    page.evaluate("() => document.activeElement.getAnimations().forEach(x => x.finish())")
    return [*fills, page.evaluate("() => getComputedStyle(document.activeElement).backgroundColor")]


def check_pulse(page: Any, motion: str) -> None:
    """The focused element's jump pulse as a reader who set ``prefers-reduced-motion: motion`` sees
    it: amber at its start and the element's own colour once it has run; held still throughout
    under ``reduce``, fading (three shades) otherwise. The report and the compare page share it."""
    start, middle, end, after = pulse_fills(page)
    assert colour(start) == colour("#ffb300") and colour(after) not in (None, colour("#ffb300")), (motion, start, after)
    if motion == "reduce":
        assert middle == end == start, (start, middle, end)
    else:
        assert len({start, middle, end}) == 3, (start, middle, end)

#: how far (px) the outline drawn around an element (the focused one, or the first a selector
#: matches) reaches past the visible part of a box that clips it, an ancestor that scrolls: its
#: width and offset out of each of the element's boxes (one a line), against the box's client
#: rect; 0 or less where it shows whole, ``null`` for no outline. ``by``: the box, ``edge``: whether
#: a box of the element's lies on the box's padding edge (a line's start or end). The window's left
#: and right edges clip too (the page does not scroll sideways): a ring reaching past one is cut
#: there, ``by`` "viewport" (its top and bottom are where Tab scrolled the page to, not the layout)
RING_CUT = """(sel) => { const e = sel ? document.querySelector(sel) : document.activeElement;
    const s = getComputedStyle(e), rs = [...e.getClientRects()].filter(r => r.width || r.height);
    if (s.outlineStyle === 'none' || !rs.length) return null;
    const reach = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
    const o = {l: Math.min(...rs.map(r => r.left)) - reach, t: Math.min(...rs.map(r => r.top)) - reach,
               r: Math.max(...rs.map(r => r.right)) + reach, b: Math.max(...rs.map(r => r.bottom)) + reach};
    let cut = -Infinity, by = null, edge = false;
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        const ps = getComputedStyle(p);
        if (ps.overflowX === 'visible' && ps.overflowY === 'visible') continue;
        const b = p.getBoundingClientRect(), l = b.left + p.clientLeft, t = b.top + p.clientTop;
        const c = Math.max(l - o.l, t - o.t, o.r - (l + p.clientWidth), o.b - (t + p.clientHeight));
        if (c > cut) { cut = c; by = `${p.tagName}.${p.className}`; }
        const pl = l + parseFloat(ps.paddingLeft), pr = l + p.clientWidth - parseFloat(ps.paddingRight);
        edge = edge || rs.some(r => Math.abs(r.left - pl) < 1 || Math.abs(r.right - pr) < 1);
    }
    const out = Math.max(-o.l, o.r - document.documentElement.clientWidth);
    if (out > 0 && out > cut) { cut = out; by = 'viewport'; }
    return {cut, by, edge, text: (e.textContent || '').slice(0, 30)}; }"""


def rings_by_tab(page: Any) -> list[dict[str, Any]]:
    """Tab from the top of the page to its end: ``RING_CUT`` of each focused element inside a box
    that clips (the report's scrolling texts, the compare page's findings), or cut by the window's
    edge."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    seen: list[dict[str, Any]] = []
    for _ in range(1000):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            return seen
        ring = page.evaluate(RING_CUT, None)
        if ring is not None and ring["by"] is not None:
            seen.append(ring)
    raise AssertionError("Tab never left the page")

#: the ordinary words (runs of up to 20 characters between spaces) of the cells of a selector that
#: a line break cuts in two: ``overflow-wrap: anywhere`` must break only the long runs (a word's
#: hyphen ends a part of it, where a line may end: "US-" / "Backed" in a phone's stacked title)
BROKEN_WORDS = """(sel) => [...document.querySelectorAll(sel)].flatMap(cell => {
    const out = [], walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        for (const m of n.data.matchAll(/\\S+/g)) {
            if (m[0].length > 20) continue;
            for (const part of m[0].matchAll(/[^-]+-?/g)) {
                const r = document.createRange();
                r.setStart(n, m.index + part.index);
                r.setEnd(n, m.index + part.index + part[0].length);
                const tops = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
                if (tops.size > 1) out.push(m[0]);
            }
        }
    }
    return out;
})"""


#: FA-KES dev, 22 Feb 2015 (dev split): NNA's and Al-Manar's reports of the US raids on Raqqa. NNA's
#: "More than 230000 people have been killed in Syria since the conflict began in March 2011" is a
#: claim only it carries that is background (``compare.findings.is_background``)
BACKGROUND_PAIR = ("1914947537", "1965511164")

#: each finding of a page's selector as a reader sees it: its text, its tag after the title (the
#: muted "background", ``drawing.TAG_STYLE``) and where it stands, and the tag's colours
TAGGED_FINDINGS = """(sel) => [...document.querySelectorAll(sel)].map(li => {
    const tag = li.querySelector('.tag-background'), title = li.querySelector('.badge, .ftype');
    const t = tag && tag.getBoundingClientRect(), h = title.getBoundingClientRect(), s = tag && getComputedStyle(tag);
    return {text: li.textContent.replace(/\\s+/g, ' '), tag: tag ? tag.textContent : null,
            shown: !!tag && t.width > 0 && t.height > 0,
            beside: !!tag && t.left >= h.right - 0.5 && Math.abs((t.top + t.bottom) / 2 - (h.top + h.bottom) / 2) < 4,
            color: s ? s.color : null, bg: s ? s.backgroundColor : null};
})"""


def background_tags_read(rows: list[dict[str, Any]], outlet: str) -> list[str]:
    """What is wrong with the findings ``TAGGED_FINDINGS`` read: a claim said as background with no
    tag "background" shown beside its title, in 4.5:1 or more, or a tag on any other finding; or one
    of ``outlet``'s listed before a claim of the story's own."""
    wrong = []
    for r in rows:
        said = "gives as background" in r["text"]
        if said != (r["tag"] == "background"):
            wrong.append(f"tag {r['tag']!r}: {r['text'][:90]}")
        elif said and not (r["shown"] and r["beside"] and contrast(r["color"], r["bg"]) >= 4.5):
            wrong.append(f"tag unseen, apart or faint ({r['color']} on {r['bg']}): {r['text'][:90]}")
    mine = ["gives as background" in r["text"] for r in rows if f"Only {outlet} " in r["text"]]
    if not any(mine) or mine != sorted(mine):
        wrong.append(f"{outlet}'s background not after its own claims: {mine}")
    return wrong

#: the shade a scroll box shows at its left and right edges, its contents hidden (a test of the
#: shadow that says there is more beyond an edge): ``edge_shades(page, selector)``
def edge_shades(page: Any, selector: str, strip: int = 6) -> tuple[float, float]:
    box = page.locator(selector).first.bounding_box()
    height = min(box["height"], 300)
    left, right = (png_brightness(page.screenshot(clip={"x": x, "y": box["y"], "width": strip, "height": height}))
                   for x in (box["x"] + 1, box["x"] + box["width"] - strip - 1))
    return left, right


#: hides what a scroll box holds, but not its own background (``edge_shades``)
HIDE_CONTENTS = "{sel} * {{ color: transparent !important; border-color: transparent !important; background: transparent !important; visibility: hidden; }}"


def png_brightness(png: bytes) -> float:
    """The mean brightness (0 to 255) of a PNG screenshot's pixels, as Playwright writes them (8 bits
    a channel, not interlaced): what a browser test of a shade (a scroll shadow) measures, with no
    image library among the test extras."""
    width, height, depth, kind = struct.unpack(">IIBB", png[16:26])
    assert depth == 8 and kind in (2, 6), (depth, kind)
    step = 3 if kind == 2 else 4
    data = zlib.decompress(b"".join(png[i + 8 : i + 8 + struct.unpack(">I", png[i : i + 4])[0]]
                                    for i in _chunks(png, b"IDAT")))
    stride, prev, total = width * step, bytearray(width * step), 0
    for y in range(height):
        f, row = data[y * (stride + 1)], bytearray(data[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = row[x - step] if x >= step else 0
            b, c = prev[x], prev[x - step] if x >= step else 0
            p = a + b - c
            pred = (0, a, b, (a + b) // 2, a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c)[f]
            row[x] = (row[x] + pred) & 0xFF
        total += sum(v for i, v in enumerate(row) if i % step < 3)
        prev = row
    return total / (width * height * 3)


def _chunks(png: bytes, name: bytes) -> list[int]:
    """Where each chunk called ``name`` of a PNG begins (its length's offset)."""
    out, i = [], 8
    while i < len(png):
        size = struct.unpack(">I", png[i : i + 4])[0]
        if png[i + 4 : i + 8] == name:
            out.append(i)
        i += 12 + size
    return out


def timed_seeds_export(tmp_path: Path, rt_published: str, rewrite_published: str) -> tuple[Path, list[dict[str, str]]]:
    """The two seeds as a JSON Lines export with the given publication dates (a feed's or an export's
    time of day with its offset), each keyed by its outlet: the tables' handling of timed dates is
    checked on the user's own reference case. Gives the file and its records."""
    rows: list[dict[str, str]] = []
    for name, outlet, published in (("001_*.txt", "rt.com", rt_published), ("000_*.txt", "theantimedia.org", rewrite_published)):
        title, _, body = next(EXAMPLES.glob(name)).read_text(encoding="utf-8").partition("\n")
        rows.append({"id": outlet, "outlet": outlet, "title": title.strip(), "text": body, "published": published})
    export = tmp_path / "timed.jsonl"
    export.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return export, rows


@contextlib.contextmanager
def as_a_foreground_job() -> Iterator[None]:
    """Processes started inside get SIGINT as a terminal gives its foreground job: at its default
    disposition and not blocked, whatever this test process was started with.

    A shell without job control starts a background command (``sh -c 'pytest &'``, as CI runners
    and scripts start the suite) with SIGINT ignored, so that the Ctrl-C meant for the script's
    foreground command spares it; an ignored signal stays ignored through fork and exec, and Python
    then leaves SIGINT ignored rather than raising KeyboardInterrupt. Every ``analyze`` such a run
    started ignored the test's SIGINT, finished and exited 0 (trial 0 failed; ``timeout`` in front
    of pytest hid it, since exec resets the handler it installs). A blocked SIGINT is inherited the
    same way and would stay pending. A Python handler, unlike SIG_IGN, is reset to the default by
    exec, so Python's own handler is installed here for the time of the block, and SIGINT unblocked.
    """
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    mask = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if before is not None:  # None: a handler set outside Python, which cannot be put back
            signal.signal(signal.SIGINT, before)


class WireDb:
    """A database of al-Manar's report run by 30 outlets and al-Alam's rewrite of it
    (``test_reuse_copies._wire(30)``), analysed (reuse and stories): one story of 31 articles and
    30 reuse pairs, ``story``. The one database of the tests of a story over the provenance bound
    (the CLI's and the web API's ``provenance_skipped``)."""

    def __init__(self, path: Path) -> None:
        from newstrace.corpus import analyze
        from newstrace.store import results as R
        from newstrace.store.sqlite import Store
        from test_reuse_copies import _wire

        self.path = path
        with Store(path) as st:
            st.add_articles(_wire(30), keep_ids=True)
            analyze(st, steps=["reuse", "stories"], workers=1)
            (self.story,) = R.stories_with(st.conn, ["wire00"])

    def cli(self, *args: str) -> Any:
        """``newstrace ARGS --db DB --json``'s document, exit 0 (in process)."""
        from typer.testing import CliRunner

        from newstrace.cli.main import app

        res = CliRunner().invoke(app, [*args, "--db", str(self.path), "--json"])
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)

    def over_the_bound(self, monkeypatch: pytest.MonkeyPatch, pairs: int = 29) -> None:
        """The story's provenance built again (as of older rules) over a bound of ``pairs`` stored
        pairs (``PROVENANCE_MAX_PAIRS``): under its 30, it gets no edge."""
        from newstrace.corpus import analyze
        from newstrace.store import results as R
        from newstrace.store.sqlite import Store

        monkeypatch.setattr(R, "PROVENANCE_MAX_PAIRS", pairs)
        with Store(self.path) as st:
            st.conn.execute("UPDATE stories SET provenance_version=0 WHERE id=?", (self.story,))
            analyze(st, steps=["reuse", "stories"], workers=1)


@pytest.fixture
def wire_db(tmp_path: Path) -> WireDb:
    """``WireDb`` at ``tmp_path / "wire.db"``."""
    return WireDb(tmp_path / "wire.db")


class AnalysedSeeds:
    """The seeds (examples/) as ``newstrace ingest examples --db DB`` then ``newstrace analyze --db DB
    FLAGS`` leave them, built once a run for each set of ``analyze`` flags and copied to the path a
    test gives: ``analysed_seeds(tmp_path / "seeds.db", "--no-claims")``. The setup of the tests of
    what an analysed database gives (listings, ``story``, ``show``, later runs over it); a test of
    what ``ingest`` or ``analyze`` themselves say, or of a run that must start afresh, makes its own.
    The two commands' output is kept from the test's ``capsys``; take the copy before the test
    monkeypatches what an analysis runs, since the first test to ask for a set of flags builds it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[tuple[str, ...], Path] = {}

    def __call__(self, db: Path, *flags: str) -> Path:
        """A copy of its own at ``db`` (relative to the working folder, or absolute); gives ``db``."""
        if flags not in self.built:
            self.built[flags] = self._build(self.folder / f"seeds-{len(self.built)}.db", flags)
        shutil.copy(self.built[flags], db)
        return db

    @staticmethod
    def _build(db: Path, flags: tuple[str, ...]) -> Path:
        from newstrace.cli.main import main
        from newstrace.store.sqlite import DB_FILES

        said = io.StringIO()
        with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
            codes = main(["ingest", str(EXAMPLES), "--db", str(db)]), main(["analyze", "--db", str(db), *flags])
        assert codes == (0, 0), said.getvalue()
        # the store is one file once closed: SQLite folds its WAL back in and removes it
        left = [f"{db.name}{s}" for s in DB_FILES[1:] if Path(f"{db}{s}").exists()]
        assert not left, f"{db}: {left} beside it, which a copy of the file alone would miss"
        return db


@pytest.fixture(scope="session")
def analysed_seeds(tmp_path_factory: pytest.TempPathFactory) -> AnalysedSeeds:
    """``AnalysedSeeds`` for the whole run."""
    return AnalysedSeeds(tmp_path_factory.mktemp("analysed-seeds"))


STACKED = """(sel) => { const heads = t => [...t.querySelectorAll('thead th')].map(th => th.textContent.trim());
    return {window: document.documentElement.clientWidth, page: document.documentElement.scrollWidth,
        tables: [...document.querySelectorAll(sel)].map(t => [t.scrollWidth, t.clientWidth]),
        rows: [...document.querySelectorAll(sel)].flatMap(t => [...t.querySelectorAll('tbody tr')].map(tr => [...tr.cells].map((c, i) => {
            const r = c.getBoundingClientRect();
            return {cls: c.className, label: c.dataset.label || null, head: heads(t)[i], left: r.left, right: r.right,
                    top: r.top, width: r.width, height: r.height, text: c.textContent.trim().slice(0, 20)}; })))}; }"""


def check_stacked(page: Any, sel: str, beside: str = "compare") -> list[list[dict[str, Any]]]:
    """On a phone each row of ``sel`` is a block: nothing scrolls sideways, its title (``td.lead``)
    is its first line and begins on the screen, and every other cell shows, a line under the title,
    after its column's heading, but the one headed ``beside``, before the title (the web's box to
    tick, the report's number of an article). Its rows, for more checks (the web pages and the
    report, ``drawing.STACK_STYLE``)."""
    got = page.evaluate(STACKED, sel)
    width = got["window"]
    assert got["page"] <= width and all(scroll <= box for scroll, box in got["tables"]), (sel, got["page"], got["tables"])
    assert got["rows"], sel
    for cells in got["rows"]:
        (lead,) = [c for c in cells if "lead" in c["cls"].split()]
        assert 0 <= lead["left"] < width / 4, (sel, lead)
        for c in cells:
            assert c["width"] > 0 and c["height"] > 0 and c["left"] >= 0 and c["right"] <= width, (sel, c)
            if c is not lead and c["label"]:
                assert c["top"] >= lead["top"] + lead["height"] - 1 and c["label"] == c["head"], (sel, c, lead)
        assert sorted(c["head"] for c in cells if c["label"] or c is lead) == sorted(c["head"] for c in cells if c["head"] != beside)
    return list(got["rows"])
