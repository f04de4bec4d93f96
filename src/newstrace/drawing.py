"""The provenance graph as SVG: the one drawing the HTML report (``compare/html.py``) and the web
app's story and compare pages (``web/render.py``) show, and its edges in words for the list under it.

Each page says where a node and an edge lead (``GraphNode.href``, ``edge_href``): the report to an
article's text in the same file, the web app to an article's page and a pair's compare page. The
look (colours, dashes, arrowheads) is in the drawing's presentation attributes, so it needs no style
sheet and keeps under a strict Content-Security-Policy (no ``style`` attribute); a page's CSS may
add its own (the web app lights up an arrow on hover and focus). Every string from an article goes
through ``markupsafe.escape`` here; ids and links are the callers', built from indexes or escaped.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from markupsafe import Markup, escape

from newstrace.model import (
    NO_DATE,
    Published,
    dates_order,
    edge_words,
    has_direction,
    indirect_via,
    is_instant,
    isolated_join,
    isolated_name,
    isolated_parts,
    parse_published,
    published_order,
    shortened,
    stream_order_key,
)

T = TypeVar("T")


@dataclass(frozen=True)
class GraphNode:
    """An article of the drawing, in the order the page lists them (publication order,
    ``model.published_order``; ``reading_order`` settles the ties)."""

    id: str
    #: how the page names the article ("reuters #2"): cut to fit under the node, whole in its tooltip
    name: str
    #: ISO text, or ``None``: its day under the node, all of it in the tooltip
    published: str | None = None
    title: str | None = None
    #: where a click on the node leads (``None``: no link)
    href: str | None = None


#: the length (and width) of an arrowhead, in px
ARROW = 11
#: the horizontal distance between two articles' nodes, in px
GAP = 170
#: the drawing's colours (``app.css`` lights up a hovered or focused arrow over them)
EDGE, NODE, EXTERNAL, DIM = "#e15759", "#4e79a7", "#bbb", "#667085"
#: an edge from a source outside the articles (``external:``), and one whose text came by way of
#: another article, drawn apart: the list under the drawing names both in words
EXTERNAL_DASH, INDIRECT_DASH = "5 4", "2 4"


def external_name(node: str) -> str:
    """A source outside the articles as the drawing names it: ``external:Jatras`` is Jatras."""
    return (node.split(":", 1)[1] or "external source") if node.startswith("external:") else node


def edge_list(edges: Sequence[dict[str, Any]], label: Callable[[str], str]) -> list[list[tuple[str, bool]]]:
    """The drawing's edges in words (``model.edge_words``), each cut by ``isolated_parts``, for the
    list under it: an edge's tooltip reaches no keyboard or screen-reader user. ``label`` names an
    article by its id, as the page does."""
    return [_words(e, label) for e in edges if e.get("source") and e.get("derived")]


#: keyboard focus, the one look of the web app's pages and the HTML report (``app.css`` and the
#: report's ``report.css`` each begin with it; the report had the browser's thin ring): a ring of
#: 3 px everywhere, one colour on the dark header and on highlighted passages alike. The amber alone
#: is 1.7:1 against the page (WCAG asks 3:1 of a focus ring): a dark ring of 2 px fills the gap
#: inside it, 15:1 on the page and 6.9:1 or more on every highlight it borders (the darkest, the
#: report's words a finding turns on, #ff8c78), and the amber (8.8:1) carries it on the dark header;
#: in a drawing the focused shape's stroke turns dark (the amber was 1.7:1 there too; the provenance
#: graph's look is its presentation attributes, which any rule outranks). A mark with a box-shadow of
#: its own adds ``var(--focus-inner)`` to it when focused: its shadow outranked the dark ring.
#: The ring reaches 5 px out of its element, and a box that scrolls clips it at its edge: what
#: takes focus is scrolled into view with 0.4rem around it (the browser brought a mark half in
#: sight of the report's scrolling text just to its edge, its ring's outer side cut off), and a
#: scrolling box holding marks or links keeps room for the ring in its padding (``report.css``,
#: ``app.css``). Chromium leaves alone what shows in part sideways: the web app's ``app.js`` scrolls
#: what Tab reaches to its nearest edge, this margin around it (a phone's table of articles).
FOCUS_RING = """\
:root { --focus-inner: 0 0 0 2px #1d2330; }
:focus-visible { outline: 3px solid #ffb300; outline-offset: 2px; box-shadow: var(--focus-inner); }
a[href], button, input, select, textarea, summary, [tabindex] { scroll-margin: 0.4rem; }
svg a:focus-visible { outline: none; }
svg a:focus-visible circle, svg a:focus-visible path, svg a:focus-visible rect { stroke: #1d2330; stroke-width: 4; }
"""


#: where a jump lands, one behaviour on the HTML report and the web app's compare page: the words
#: carry the class ``current``, outlined (``JUMP_STYLE``) until the reader moves on, focus entering
#: anything else or a press landing anywhere (the outline stayed: Tab on from it showed two outlines,
#: it and the focus ring on the next mark). A mouse user's target shows no focus ring (Chromium gives
#: a click's focus none), so the outline is the only sign of where the jump landed; a keyboard's target
#: shows the focus ring alone, as every focused element does (the compare page's 2 px outline
#: outranked the ring there). ``JUMP_SCRIPT`` goes first in the page's script, which marks a jump's
#: words with its ``markJump(elements)`` and makes them pulse with ``pulseJump(elements)`` (the compare
#: page both ends of a shared passage, the report the words it lands on); ``JUMP_STYLE`` after
#: ``FOCUS_RING`` in its style sheet.
JUMP_SCRIPT = """\
function unmarkJump() {
  document.querySelectorAll(".current").forEach(function (e) { e.classList.remove("current"); });
}
function markJump(elements) {
  unmarkJump();
  elements.forEach(function (e) { e.classList.add("current"); });
}
function pulseJump(elements) {
  elements.forEach(function (e) {
    e.classList.remove("pulse");
    void e.offsetWidth; // restart the animation
    e.classList.add("pulse");
  });
}
document.addEventListener("focusin", function (ev) {
  if (!(ev.target instanceof Element && ev.target.classList.contains("current"))) unmarkJump();
});
document.addEventListener("pointerdown", unmarkJump);
"""
#: a jump's outline (``current``) and its pulse (``pulse``): for 1.2 s the words' background turns
#: amber and fades back to their own colour. The pulse is the background alone, so it and the focus
#: ring (an outline and a box-shadow around the words, as the jump's outline) never hide each other.
#: It was the compare page's own box-shadow of 4 px, which the animation put in place of the
#: element's: while it ran, a keyboard jump's target lost the ring's dark inner part (the amber
#: alone is 1.7:1 against the page); the report had no pulse. The outline's dark orange stands
#: 3:1 or more (WCAG's non-text contrast) out of every background of both pages' style sheets:
#: 6.9:1 or more on the page and its white, 5.3:1 on a hovered passage's yellow, 4.1:1 on the
#: pulse's amber, 3.2:1 on the darkest highlight, the report's words a finding turns on (#ff8c78);
#: the orange it replaces, #e8590c, was 3.4:1 to 3.6:1 on the page, 2.6:1, 2.0:1 and 1.6:1
#: (``tests/test_compare.py`` reads them from the style sheets). A reader whose system asks for
#: reduced motion (``prefers-reduced-motion: reduce``, set by many who want no animation at all)
#: sees the amber steady for the same 1.2 s, and then the words' own colour at once, with no fade.
JUMP_STYLE = """\
.current:not(:focus-visible) { outline: 3px solid #9a3412; outline-offset: 1px; }
.pulse { animation: jump-pulse 1.2s ease-out; }
@media (prefers-reduced-motion: reduce) { .pulse { animation-timing-function: step-end; } }
@keyframes jump-pulse { from { background-color: #ffb300; } }
"""


#: the muted tag after the title of a claim only one article carries that is background to the story
#: (``model.BACKGROUND_TAG``), in the HTML report and the web pages, whose style sheets both begin with
#: it: grey on its own pale grey, 6.9:1 (WCAG asks 4.5:1 of text; ``tests/test_compare.py`` reads it
#: from the sheets as shipped), so it reads as a qualifier of the coloured title, not a finding's type
TAG_STYLE = """\
.tag-background { display: inline-block; font-size: 0.75rem; font-style: italic; color: #4a5263; background: #eef0f4; border: 1px solid #c3c8d2; border-radius: 3px; padding: 0 0.35rem; margin-right: 0.4rem; }
"""

#: on a phone a table of articles or stories (``table.stacks``) stacks, in the web pages and the HTML
#: report's table of its articles, whose style sheets both hold it: a row is a block, its title
#: (``td.lead``) first on a line of its own, each other cell a line under it, its column's heading
#: (``data-label``) written before it with empty alt text; the headings' row is hidden but read (the
#: templates' roles keep the table a table to a screen reader). Scrolling sideways, the articles'
#: titles began off the screen; an outlet of 50 characters unbroken breaks in its own line, no other
#: cell narrowed for it. The sheets put it after their own rules (the web's 20em cap of a story's
#: outlet is lifted here)
STACK_STYLE = """\
@media (max-width: 700px) {
  table.stacks { display: block; overflow: visible; background: none; }
  table.stacks thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  table.stacks tbody { display: block; }
  table.stacks tr { display: grid; grid-template-columns: minmax(0, 1fr); padding: .35rem 0; border-bottom: 1px solid var(--line); }
  table.stacks td { display: block; position: relative; min-width: 0; border: 0; padding: .05rem .5rem .05rem 6.5rem; text-align: left; }
  table.stacks td::before { content: attr(data-label) / ""; position: absolute; left: .5rem; color: var(--dim); font-size: .85rem; }
  table.stacks td.lead { padding-left: .5rem; font-weight: 600; }
  table.stacks td.lead::before { content: none; }
  table.stacks td.outlet { overflow-wrap: anywhere; max-width: none; }
}
"""

def style_sheet(own: str) -> str:
    """A page's whole style sheet, the web app's ``app.css`` or the report's inline one, around its own
    rules: the focus ring, a jump's outline and the background tag before them (the page's rules may
    refine them), the stacked tables after (a phone's layout overrides the page's table rules). One
    order for both, so the report and the web pages cannot drift apart."""
    return FOCUS_RING + JUMP_STYLE + TAG_STYLE + own + STACK_STYLE


#: what a pointer does on the HTML report and the web pages, read on phones too, where nothing is
#: clicked: the one wording of their legends and notes (the report said "Click a highlight")
CLICK = "click (or tap)"


def provenance_note(articles: int, edges: int, click: str, *, touch: bool = False) -> str:
    """What the drawing shows, said above it (the report's and the web pages'): the number on each
    arrow sat beside "similarity 0.46" in the list of pairs, saying nothing of what it was; it
    points to the list of arrows in words, which keyboard and screen-reader users cannot hover.
    ``click``: what a click on the drawing does on the page. Without arrows it says why (a
    story of one article said the reuse stage "found no substantial shared text": there was
    nothing to compare). ``touch``: the page may be read on a touch screen, where nothing hovers
    (the web app's 390 px layout said "Hover an arrow" with no pointer to hover it)."""
    if not edges:
        return "No arrows: " + ("there is one article" if articles < 2 else "no article here was found to take text from another") + "."
    return ("Arrows point from the source to the article that took from it; the number on an arrow, as its width, "
            "is how sure that direction is, from 0.5 (no evidence which way: no arrowhead) to 0.99. "
            + ("Hover an arrow for its evidence (on a touch screen, read it in the list of arrows below); " if touch
               else "Hover an arrow for its evidence or read the list of arrows below; ")
            + f"{click}.")


def reading_order(
    items: Iterable[T], edges: Iterable[Mapping[str, Any]], dated: Callable[[T], tuple[str, Published]]
) -> list[T]:
    """The one order of a page's articles: its drawing's, left to right, and its lists' (the
    report's article list and the terminal's table, ``Comparison.by_time``; the web app's story
    table and compare columns), so a reader sees one sequence everywhere.

    By publication (``model.stream_order_key`` without the id: undated last, then
    ``model.published_order``), the order ``items`` come in breaking a tie (ids on the web, the
    inputs on the command line); then, among the articles of one day, a directed edge's source
    stands before the article it gave to wherever the dates cannot say which came first
    (``model.dates_order``, the order provenance follows): a day given alone, a time without its
    offset, or none. FA-KES dates by the day alone, and an arrow an attribution orients
    (al-Arabiya's "Reuters reported", 21 August 2013) ran from the right of the drawing to the
    left, against its time axis; so did one between a report timed 09:15Z and one dated that day
    alone, which ``published_order`` puts at the day's end. Where no directed edge says otherwise
    the order holds (a stable topological order): of a cycle, or of articles joined only by an
    edge of unknown direction, the earlier stays first, and times with offsets keep their order
    among themselves whatever an edge says: the drawing's axis is time, and an arrow against it is
    the evidence's word against the dates'.

    ``edges``: ``ProvenanceEdge.to_dict()`` dicts; ``dated(item)``: its id and publication date.
    Applied to its own answer it gives it again, so a page may order its list and hand the same
    sequence to ``provenance_svg``, which orders it too. An edge between two days (a time at
    02:00+03:00 is its UTC day's, the day before its own) is left as the days put it."""
    given = list(items)
    info = [dated(x) for x in given]
    keys = [published_order(p) for _, p in info]
    order = sorted(range(len(given)), key=lambda i: stream_order_key(keys[i], ""))
    sources: dict[str, set[str]] = {}  # derived -> the sources a directed edge names
    for e in edges:
        s, d = e.get("source"), e.get("derived")
        if s and d and s != d and has_direction(e.get("evidence") or []):
            sources.setdefault(str(d), set()).add(str(s))
    out: list[T] = []
    start = 0
    for end in range(1, len(order) + 1):  # runs of one day (or of the undated)
        if end == len(order) or _day(keys[order[end]]) != _day(keys[order[start]]):
            run = order[start:end]
            out.extend(given[i] for i in (_sources_first(run, info, sources) if sources else run))
            start = end
    return out


def drawing_order(nodes: Sequence[GraphNode], edges: Sequence[dict[str, Any]]) -> list[GraphNode]:
    """``reading_order`` of the drawing's nodes."""
    return reading_order(nodes, edges, lambda n: (n.id, parse_published(n.published)))


def _day(key: str | None) -> str | None:
    return key[:10] if key else None


def _sources_first(run: list[int], info: list[tuple[str, Published]], sources: dict[str, set[str]]) -> list[int]:
    """A stable topological order of ``run`` (indexes into ``info``, one day's, in publication
    order): each time the first article whose predecessors are all placed, the first left where a
    cycle leaves none. An article's predecessors: the sources of the directed edges to it whose
    dates ``dates_order`` cannot tell apart, and the articles of the instant before its own when it
    has one (times with offsets order among themselves; a day alone or a wall clock orders against
    none of that day)."""
    pos = {info[i][0]: k for k, i in enumerate(run)}
    preds: list[set[int]] = [set() for _ in run]
    backwards = False
    for k, i in enumerate(run):
        for src in sources.get(info[i][0], ()):
            j = pos.get(src)
            if j is not None and j != k and dates_order(info[run[j]][1], info[i][1]) == 0:
                preds[k].add(j)
                backwards = backwards or j > k
    if not backwards:  # every edge already runs left to right
        return run
    layers: dict[str, list[int]] = {}
    for k, i in enumerate(run):
        if is_instant(info[i][1]):
            layers.setdefault(published_order(info[i][1]) or "", []).append(k)
    times = sorted(layers)
    for before, now in itertools.pairwise(times):
        for k in layers[now]:
            preds[k].update(layers[before])
    after: list[list[int]] = [[] for _ in run]
    waiting = [len(p) for p in preds]
    for k, p in enumerate(preds):
        for j in p:
            after[j].append(k)
    ready = [k for k in range(len(run)) if not waiting[k]]
    heapq.heapify(ready)
    placed = [False] * len(run)
    first_left = 0
    out: list[int] = []
    while len(out) < len(run):
        while ready and placed[ready[0]]:
            heapq.heappop(ready)
        if ready:
            k = heapq.heappop(ready)
        else:  # a cycle: the first left
            while placed[first_left]:
                first_left += 1
            k = first_left
        placed[k] = True
        out.append(run[k])
        for m in after[k]:
            waiting[m] -= 1
            if not waiting[m] and not placed[m]:
                heapq.heappush(ready, m)
    return out


def _words(e: dict[str, Any], label: Callable[[str], str]) -> list[tuple[str, bool]]:
    said, named = edge_words(str(e["source"]), str(e["derived"]), e.get("confidence"), e.get("evidence") or [], label)
    return isolated_parts(said, named)


def _href(href: str | None) -> str:
    """`` href="..."`` or nothing (an SVG ``<a>`` without one is no link)."""
    return f' href="{escape(href)}"' if href else ""


def _link(href: str | None) -> str:
    """The element of a piece that may be a link: ``<a>`` with one, a ``<g>`` without."""
    return "a" if href else "g"


# a drawing that holds links is a named group, not an image: ARIA makes an image's children
# presentational, so a screen reader may read role="img" as one picture and skip the links in it
def provenance_svg(
    nodes: Sequence[GraphNode],
    edges: Sequence[dict[str, Any]],
    edge_href: Callable[[str, str], str | None] | None = None,
) -> Markup:
    """Articles left to right in ``reading_order`` (the order given breaking its ties), the sources outside them (``external:``, and any
    end of an edge that is no article given) above, edges as arcs.

    ``edges``: ``ProvenanceEdge.to_dict()`` dicts (``compare --json``'s). An edge's width says its
    confidence; an edge no evidence orients has no arrowhead; one from outside the articles is
    dashed, one that came by way of another article dotted and faint. Each edge carries its words
    and evidence in an SVG ``<title>`` (the browser's tooltip) and in ``data-evidence`` (the web
    app's own tooltip, shown on focus too), and links where ``edge_href(source, derived)`` says.
    """
    nodes = drawing_order(nodes, edges)
    known = {n.id for n in nodes}
    names = {n.id: n.name for n in nodes}

    def label(node: str) -> str:
        return names.get(node) or external_name(node)

    externals = sorted({str(e["source"]) for e in edges if e.get("source") and e["source"] not in known} | {
        str(e["derived"]) for e in edges if e.get("derived") and e["derived"] not in known
    })
    width = max(1, len(nodes), len(externals)) * GAP + 40
    top = 70 if externals else 20
    height = top + 120
    pos: dict[str, tuple[float, float]] = {}
    for i, n in enumerate(nodes):
        pos[n.id] = (40 + GAP / 2 + i * GAP, top + 70)
    # the sources above the articles, side by side about the drawing's middle (spread from its left
    # edge, three of them over two articles ran past its right one), each as near above the
    # articles it is linked to as the others let it be: in alphabetical order their lines crossed
    order = {n.id: i for i, n in enumerate(nodes)}

    def over(ext: str) -> float:
        linked = [order[o] for e in edges for a, o in ((e.get("source"), e.get("derived")), (e.get("derived"), e.get("source")))
                  if a == ext and o in order]
        return sum(linked) / len(linked) if linked else len(nodes) / 2

    externals.sort(key=lambda ext: (over(ext), ext))
    for i, ext in enumerate(externals):
        pos[ext] = (width / 2 + (i - (len(externals) - 1) / 2) * GAP, 30)
    # an arc rises with the distance it spans: over four articles or more its top and its
    # confidence ran above the drawing and were cut off; the drawing moves down to hold the highest
    tops = [_arc_top(pos[e["source"]], pos[e["derived"]]) for e in edges
            if e.get("source") in pos and e.get("derived") in pos and pos[e["source"]][1] == pos[e["derived"]][1]]
    drop = max(0.0, 4 - min(tops, default=4.0))
    pos = {k: (x, y + drop) for k, (x, y) in pos.items()}
    height = round(height + drop)
    # the confidences written (their boxes, roughly): the arcs' stand where their arcs put them, a
    # line's is put clear of those and of the lines' before it
    taken = [_conf_box(_arc(pos[e["source"]], pos[e["derived"]], has_direction(e.get("evidence") or []), _stroke(e))[1:], _conf_text(e), "middle")
             for e in edges if e.get("source") in pos and e.get("derived") in pos and pos[e["source"]][1] == pos[e["derived"]][1]]
    parts = [
        f'<svg class="graph" role="group" aria-label="provenance graph" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        # one size whatever the line's width (the width says the confidence): scaled with it, an
        # edge of confidence 0.9 (4.2 px) had a head of 34 px. The head's base sits on the line's end,
        # which stops ARROW short of the node, so a thick line does not show past the head's point
        f'<defs><marker id="arrow" viewBox="0 0 10 10" refX="0" refY="5" markerUnits="userSpaceOnUse" '
        f'markerWidth="{ARROW}" markerHeight="{ARROW}" orient="auto-start-reverse">'
        f'<path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" fill="{EDGE}"/></marker></defs>',
    ]
    for e in edges:
        s, d = e.get("source"), e.get("derived")
        if s not in pos or d not in pos:
            continue
        (x1, y1), (x2, y2) = pos[s], pos[d]
        conf_txt = _conf_text(e)
        evidence = e.get("evidence") or []
        directed = has_direction(evidence)
        head = ' marker-end="url(#arrow)"' if directed else ""  # no arrowhead where no evidence orients it
        # the list's words (which name each kind of evidence), then the words the evidence quotes:
        # each name and passage isolated, an Arabic one turned the arrow and the words beside it around
        tip = "\n".join([isolated_join(_words(e, label)), *filter(None, (_evidence_line(ev) for ev in evidence[:6]))])
        stroke = _stroke(e)
        if y1 == y2:  # two articles: an arc above the row, clear of the nodes between them
            path, label_x, label_y = _arc(pos[s], pos[d], directed, stroke)
            anchor = "middle"
        else:  # a source above the articles: a straight line down, nothing lies between the rows
            dx, dy = x2 - x1, y2 - y1
            norm = math.hypot(dx, dy) or 1.0
            r1, r2 = (12, 14 + (ARROW if directed else 0)) if y1 < y2 else (14, 12 + (ARROW if directed else 0))
            sx, sy, ex, ey = x1 + dx / norm * r1, y1 + dy / norm * r1, x2 - dx / norm * r2, y2 - dy / norm * r2
            path = f"M {sx:.0f} {sy:.0f} L {ex:.1f} {ey:.1f}"
            # the confidence beside the line, on the side it leans away from: at its middle, else
            # the first place along it clear of those written (where none is, the least covered). Four sources or more over a few
            # articles wrote theirs all at the middle of the band between the rows, on each other
            anchor = "start" if (x2 - x1) * (y2 - y1) >= 0 else "end"
            spots = [(sx + (ex - sx) * t + (6 if anchor == "start" else -6), sy + (ey - sy) * t + 4) for t in LINE_SPOTS]
            label_x, label_y = min(spots, key=lambda p: sum(_overlap(_conf_box(p, conf_txt, anchor), b) for b in taken))
            taken.append(_conf_box((label_x, label_y), conf_txt, anchor))
        external, via = str(s).startswith("external:"), indirect_via(evidence)
        dash = EXTERNAL_DASH if external else INDIRECT_DASH if via else ""
        # drawn apart, faint: the direct edges between the articles carry the graph
        look = f' stroke-dasharray="{dash}" opacity=".45"' if dash else ' opacity=".75"'
        href = edge_href(str(s), str(d)) if edge_href else None
        tag = _link(href)
        parts.append(
            f'<{tag} class="edge{" indirect" if via else ""}{" external" if external else ""}"{_href(href)} '
            f'data-source="{escape(s)}" data-derived="{escape(d)}" data-evidence="{escape(tip)}">'
            f"<title>{escape(tip)}</title>"
            f'<path d="{path}" fill="none" stroke="{EDGE}" stroke-width="{stroke:.1f}"{look}{head}/>'
            # on a halo of white: legible where another arc crosses it
            f'<text x="{label_x:.0f}" y="{label_y:.0f}" class="conf{"" if anchor == "middle" else " " + anchor}" '
            f'text-anchor="{anchor}" fill="{DIM}" '
            f'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{escape(conf_txt)}</text></{tag}>'
        )
    for n in nodes:
        x, y = pos[n.id]
        day = (n.published or NO_DATE)[:10]
        tip = f"{isolated_name(n.name)} ({n.published or NO_DATE})"
        if n.title and n.title != n.name:
            tip += "\n" + isolated_name(n.title)
        tag = _link(n.href)
        # the whole node takes a click (pointer-events): between the circle and its name one fell
        # on the drawing behind them
        parts.append(
            f'<{tag} class="node"{_href(n.href)} data-article="{escape(n.id)}" pointer-events="bounding-box">'
            f"<title>{escape(tip)}</title>"
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="13" fill="{NODE}" stroke="#fff" stroke-width="2"/>'
            f'<text x="{x:.0f}" y="{y + 32:.0f}" class="outlet" text-anchor="middle">{escape(shortened(n.name, 22))}</text>'
            f'<text x="{x:.0f}" y="{y + 47:.0f}" class="date" text-anchor="middle" fill="{DIM}">{escape(day)}</text></{tag}>'
        )
    for x_id in externals:
        x, y = pos[x_id]
        parts.append(
            f'<g class="node external"><title>{escape(isolated_name(external_name(x_id)))} (external source)</title>'
            f'<rect x="{x - 11:.0f}" y="{y - 11:.0f}" width="22" height="22" rx="3" fill="{EXTERNAL}"/>'
            f'<text x="{x:.0f}" y="{y - 16:.0f}" class="outlet" text-anchor="middle">'
            f"{escape(shortened(external_name(x_id), 22))}</text></g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _conf_text(e: dict[str, Any]) -> str:
    conf = e.get("confidence")
    return f"{float(conf):.2f}" if isinstance(conf, int | float) else "?"


def _stroke(e: dict[str, Any]) -> float:
    """An edge's width: its confidence."""
    conf = e.get("confidence")
    return 1.5 + 3 * float(conf) if isinstance(conf, int | float) else 2


def _arc(a: tuple[float, float], b: tuple[float, float], directed: bool, stroke: float) -> tuple[str, float, float]:
    """The path of the arc from article ``a`` to article ``b`` and where its confidence stands."""
    (x1, y1), (x2, y2) = a, b
    cx, cy = _control(a, b)
    ex, ey = x2, y2 - 14
    if directed:  # the head's point on the node's edge, its base where the line stops
        tx, ty = ex - cx, ey - cy
        norm = math.hypot(tx, ty) or 1.0
        ex, ey = ex - tx / norm * ARROW, ey - ty / norm * ARROW
    path = f"M {x1:.0f} {y1 - 14:.0f} Q {cx:.0f} {cy:.0f} {ex:.1f} {ey:.1f}"
    # the confidence just above the arc's top (its point at t = 0.5): it sat 3 px above the
    # middle of the control polygon, on the line itself, its digits struck through by the arc
    return path, (x1 + 2 * cx + ex) / 4, (y1 - 14 + 2 * cy + ey) / 4 - stroke / 2 - 5


#: where along a line from a source outside the articles its confidence may stand, in the order tried
LINE_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)


def _conf_box(at: tuple[float, float], text: str, anchor: str) -> tuple[float, float, float, float]:
    """The box (left, top, right, bottom) a confidence written at ``at`` takes, roughly: 11 px
    digits, a halo round them."""
    w = 7.0 * len(text) + 4
    left = at[0] - (0 if anchor == "start" else w if anchor == "end" else w / 2)
    return left, at[1] - 12, left + w, at[1] + 4


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """The area two boxes share."""
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _control(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The control point of the arc from ``a`` to ``b``: above both, higher the farther apart."""
    return (a[0] + b[0]) / 2, min(a[1], b[1]) - (45 + abs(b[0] - a[0]) * 0.12)


def _arc_top(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Where the arc's top (its point at t = 0.5) lies, less the room its confidence needs above it
    (the widest line's half, 5 px, and the 11 px text's box, 14 px)."""
    _, cy = _control(a, b)
    return (a[1] - 14 + 2 * cy + b[1] - 14) / 4 - 2.25 - 5 - 14


def _evidence_line(ev: Any) -> str:
    """The words a piece of an edge's evidence quotes, for its tooltip, isolated (the shared variant
    "[attacks,]", an attribution); nothing for a piece its kind names whole (publication order)."""
    if isinstance(ev, dict):
        text = str(ev.get("text") or ev.get("a_text") or ev.get("reason") or "")
        kind = str(ev.get("kind") or ev.get("type") or "")
        if not text or text == kind:
            return ""
        return f"{kind}: {isolated_name(shortened(text, 108 - len(kind)))}" if kind else isolated_name(shortened(text, 110))
    return shortened(str(ev), 110)
