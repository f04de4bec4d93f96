"""HTML fragments built in Python: highlighted text and the small SVG charts.

Everything that comes from an article (text, titles, outlets, speakers, evidence) goes through
``markupsafe.escape`` here, and these functions return ``Markup`` only for markup they built
themselves; the templates autoescape everything else. Charts are SVG with presentation attributes
(no inline ``style``), so the page keeps a strict Content-Security-Policy.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from newstrace import drawing, spans
from newstrace.drawing import GraphNode
from newstrace.model import (  # NO_DATE: as the pages say an article without a date
    NO_DATE,
    Article,
    axis_instants,
    counted,
    isolated_name,
    link_roles,
    parse_published,
    shortened,
    time_axis,
)
from newstrace.store.results import (  # as the CLI names them too
    NO_OUTLET_NAME,
    outlet_filter,
    outlet_name,
)


@dataclass
class Ann:
    """One highlight over ``[start, end)`` of a text."""

    start: int
    end: int
    cls: str
    attrs: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None  # id given to the first piece, the target of links to this span
    href: str | None = None  # internal link (always built by us, never from article data)
    title: str | None = None  # tooltip


def highlight(text: str, anns: Iterable[Ann]) -> Markup:
    """The text with every annotation wrapped around the characters it covers.

    Overlapping and nested annotations are cut at every boundary into flat pieces; each piece is
    wrapped in the elements of all annotations covering it, so a differing word inside a shared
    passage is both "shared" and "differs". Only one ``<a>`` per piece (nested links are invalid),
    and none for a full stop alone where words link to the same place (``model.link_roles``).
    """
    n = len(text)
    valid = sorted(
        (a for a in anns if 0 <= a.start < a.end <= n), key=lambda a: (a.start, -a.end, a.cls)
    )
    if not valid:
        return escape(text)
    pieces = [(lo, hi, [valid[i] for i in over]) for lo, hi, over in spans.pieces(n, [(a.start, a.end) for a in valid])]
    # each piece's link, the first annotation with one; a full stop alone is no link of its own
    links = [next((a for a in active if a.href), None) for _, _, active in pieces]
    roles = link_roles([(text[lo:hi], link.href if link else None) for (lo, hi, _), link in zip(pieces, links, strict=True)])
    out: list[str] = []
    seen_anchor: set[str] = set()
    for (lo, hi, active), link, role in zip(pieces, links, roles, strict=True):
        piece = str(escape(text[lo:hi]))
        if not active:
            out.append(piece)
            continue
        opened: list[str] = []
        for a in active:
            tag = "span"
            extra = ""
            cls = a.cls
            if a is link and role != "plain":
                tag = "a"
                extra += f' href="{escape(a.href)}"'
                if role == "named":
                    cls += " punct"
                    extra += f' aria-label="{escape(a.title)}"' if a.title else ""
            if a.anchor and a.anchor not in seen_anchor and lo == a.start:
                seen_anchor.add(a.anchor)
                extra += f' id="{escape(a.anchor)}"'
            if a.title:
                extra += f' title="{escape(a.title)}"'
            for k, v in a.attrs.items():
                extra += f" data-{escape(k)}=\"{escape(v)}\""
            out.append(f'<{tag} class="{escape(cls)}"{extra}>')
            opened.append(tag)
        out.append(piece)
        out.extend(f"</{t}>" for t in reversed(opened))
    return Markup("".join(out))


#: ids no path segment can carry: a browser (and ``urljoin``, curl, httpx) drops a segment that is
#: ``.`` or ``..``, spelt ``%2E`` too, before sending, so ``/articles/..`` reached ``/``
DOT_SEGMENTS = (".", "..")


def article_href(article_id: str) -> str:
    """The page of an article: its id as one path segment, every reserved character escaped
    (an id may hold ``/``, ``..``, ``?``, ``#`` or ``%``, which would otherwise change the path);
    an id that is a whole dot segment goes in the query of ``/article`` instead, as does the empty
    id (``Store.add_articles`` keeps one), whose ``/articles/`` is the list."""
    if article_id in DOT_SEGMENTS or not article_id:
        return "/article?" + urlencode({"id": article_id})
    return "/articles/" + quote(article_id, safe="")


def story_href(story_id: str) -> str:
    """The page of a story, its id one path segment as ``article_href`` makes it (the ids
    ``analyze`` gives are letters and digits; a prefix typed in the address bar redirects here)."""
    return "/stories/" + quote(story_id, safe="")


def compare_href(ids: Sequence[str], story: str | None = None) -> str:
    """The compare page of ``ids``; from a ``story``'s page, naming them as it does (``api.StoryQ``)."""
    return "/compare?" + urlencode([*(("ids", i) for i in ids), *((("story", story),) if story else ())])


#: the longest outlet name the ``outlet`` filters take, and so the longest an upload may give
MAX_OUTLET_CHARS = 200


def stories_href(*outlets: str | None) -> str:
    """The stories with articles from each of ``outlets`` (``None``: the articles without one);
    the outlet network's arrows, nodes and table link here."""
    return "/stories?" + urlencode([("outlet", outlet_filter(o)) for o in outlets])


def articles_href(outlet: str | None) -> str:
    """The articles of ``outlet`` (``None``: those naming none); the outlets table links here."""
    return "/articles?" + urlencode({"outlet": outlet_filter(outlet)})


# -- provenance graph ------------------------------------------------------------------------------


def report_edges(report: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """A compare report's provenance edges (``compare --json``'s list; a dict holding ``edges`` too)."""
    prov = (report or {}).get("provenance")
    edges = prov.get("edges", []) if isinstance(prov, dict) else (prov or [])
    return [e for e in edges if isinstance(e, dict) and e.get("source") and e.get("derived")]


def page_order(articles: Iterable[Article], report: Mapping[str, Any] | None) -> list[Article]:
    """The one order of a page's articles: its columns', its table's, its drawing's and its API
    answer's (``drawing.reading_order`` by the report's edges, the order given breaking a tie:
    the stream's, ties by id, on the compare and story pages; an upload's own)."""
    return drawing.reading_order(articles, report_edges(report), lambda a: (a.id, a.published))


def listed_as(report: dict[str, Any] | None, articles: Sequence[Article]) -> dict[str, Any] | None:
    """``report`` with its ``articles`` (and the keys of its ``quantities``) in the order of
    ``articles`` (``page_order``'s), those it does not name after them as they were; a new dict,
    the cached report is left as it is. ``/api/compare`` listed the stream's order while the
    page's columns and drawing followed ``page_order``."""
    if report is None:
        return None
    place = {a.id: i for i, a in enumerate(articles)}

    def key(item: Any) -> int:
        return place.get(str(item), len(place))

    out = {**report, "articles": sorted(report.get("articles") or [], key=lambda a: key(a.get("id") if isinstance(a, dict) else None))}
    if isinstance(report.get("quantities"), dict):
        out["quantities"] = dict(sorted(report["quantities"].items(), key=lambda kv: key(kv[0])))
    return out


def provenance_svg(
    articles: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]], stored: Collection[str] | None = None,
    story: str | None = None,
) -> Markup:
    """The provenance graph (``drawing.provenance_svg``) of a page of the app: articles in
    ``drawing.reading_order`` (publication order, a directed edge's source first among articles
    of one day the dates cannot order), the order given breaking a tie, as the page's lists are
    (``views.compare_view``): ids on the story and compare pages, an upload's own order.

    ``articles``: ``Article.brief()`` dicts, with the ``label`` the report names each by when it has
    one. Nodes link to the pages of the ``stored`` articles (default: all), and an edge to the
    compare page of its two articles (to the one page of an article when the other has none; of
    a ``story``'s page, naming them as it does); an uploaded article the database does not hold has no page to link to.
    """
    linked = {a["id"] for a in articles if stored is None or a["id"] in stored}
    nodes = [GraphNode(a["id"], _name(a), a.get("published"), a.get("title"), article_href(a["id"]) if a["id"] in linked else None)
             for a in articles]

    def edge_href(source: str, derived: str) -> str | None:
        pair = [i for i in (source, derived) if i in linked]
        return compare_href(pair, story) if len(pair) == 2 else (article_href(pair[0]) if pair else None)

    return drawing.provenance_svg(nodes, edges, edge_href)


def _name(a: dict[str, Any]) -> str:
    """An article as the report names it (``label``: "reuters #2"), else its outlet or title."""
    return str(a.get("label") or a.get("outlet") or a.get("title") or a["id"])


# -- timeline ------------------------------------------------------------------------------------

def timeline_svg(articles: Sequence[dict[str, Any]], names: Mapping[str, str] | None = None) -> Markup:
    """One row per outlet, one dot per article at its publication time (undated ones at the end).

    An article that names no outlet has a row of its own named as ``names`` (the page's drawing)
    names it, by its title: its row said "? (no outlet)" beside a drawing that named it "United
    Nations Finally … Civilians". One not in ``names`` is on the row "(no outlet)"."""
    if not articles:
        return Markup("")
    names = names or {}

    def row_of(a: dict[str, Any]) -> tuple[str, int, str]:
        """(where the row sorts, what kind it is, its outlet or article): an outlet named "?" had
        the row of the articles naming none"""
        if a.get("outlet"):
            return a["outlet"], 0, a["outlet"]
        return ("?\x00" + a["id"], 1, a["id"]) if a["id"] in names else ("?", 2, "")

    outlets = sorted({row_of(a) for a in articles})
    # a stored ISO date read as ``model.published_instant`` reads it: a New York report at 23:00-04:00
    # is drawn after a London one at 01:00Z the next day, as the stories list orders them
    instants, timed = axis_instants([parse_published(a.get("published")) for a in articles])
    times = [t for t in instants if t is not None]
    lo, hi, ticks = time_axis(times, timed) if times else (0.0, 1.0, [])
    span = hi - lo
    left, width, row = 160, 520, 26
    height = row * len(outlets) + 30
    parts = [
        f'<svg class="timeline" role="group" aria-label="timeline" viewBox="0 0 {left + width + 90} {height}" '
        f'width="{left + width + 90}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, o in enumerate(outlets):
        y = 18 + i * row
        # the row of the articles naming no outlet: "?" alone read as a mark, not as a name
        name = NO_OUTLET_NAME if o[1] == 2 else shortened(names[o[2]] if o[1] == 1 else o[2], 22)
        parts.append(f'<text x="{left - 8}" y="{y + 4}" class="outlet end">{escape(name)}</text>')
        parts.append(f'<line x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" class="row"/>')
    placed: list[tuple[float, int, dict[str, Any]]] = []
    for a, t in zip(articles, instants, strict=True):
        placed.append((left + width + 40 if t is None else left + (t - lo) / span * width, outlets.index(row_of(a)), a))
    for x, r, a in _spread(placed, left, left + width + 82):
        y = 18 + r * row
        parts.append(
            f'<a class="dot" href="{escape(article_href(a["id"]))}"><title>'
            f"{escape((a.get('published') or NO_DATE) + ' · ' + isolated_name(a.get('title') or a['id']))}</title>"
            f'<circle cx="{x:.0f}" cy="{y}" r="6"/></a>'
        )
    for i, (t, label) in enumerate(ticks):
        # the first label runs right from its instant, the last left, any between is centred on it
        anchor = "end" if i == len(ticks) - 1 and i else "start" if i == 0 and len(ticks) > 1 else "middle"
        x = left + (t - lo) / span * width
        parts.append(f'<text x="{x:.0f}" y="{height - 4}" class="axis {anchor}">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


#: the least distance between the centres of two dots of one row of the timeline (their radius is 6)
DOT_GAP = 13.0


def _spread(
    placed: Sequence[tuple[float, int, dict[str, Any]]], x0: float, x1: float
) -> list[tuple[float, int, dict[str, Any]]]:
    """Dots of one row closer than ``DOT_GAP`` spread side by side around where they stand.

    An outlet's four reports of one day (FA-KES dates them by day) were four dots on one spot: the
    row showed one, the page said seven articles and the timeline three, and only the top dot
    could be clicked. Each run of dots less than a dot apart is laid out ``DOT_GAP`` apart,
    centred on the run's mean (kept between ``x0`` and ``x1``), in the order they came (the
    listing's); the tooltip gives each one's date."""
    out: list[tuple[float, int, dict[str, Any]]] = []
    for r in sorted({p[1] for p in placed}):
        dots = sorted((p for p in placed if p[1] == r), key=lambda p: p[0])
        runs: list[list[tuple[float, int, dict[str, Any]]]] = []
        for p in dots:
            if runs and p[0] - runs[-1][-1][0] < DOT_GAP:
                runs[-1].append(p)
            else:
                runs.append([p])
        for run in runs:
            first = sum(p[0] for p in run) / len(run) - (len(run) - 1) / 2 * DOT_GAP
            first = max(x0, min(first, x1 - (len(run) - 1) * DOT_GAP)) if len(run) > 1 else first
            out += [(first + k * DOT_GAP, r, p[2]) for k, p in enumerate(run)]
    return out


# -- coverage and ranges ---------------------------------------------------------------------


def coverage_svg(counts: Sequence[tuple[str | None, int]], total: int) -> Markup:
    """A small stacked bar: each outlet's share of a story's articles.

    Named in words (``aria-label``): the rects' <title>s are hover text alone, and a screen reader
    met an unnamed image in the table's coverage column."""
    if not counts or total <= 0:
        return Markup("")
    width, x = 160.0, 0.0
    said = ", ".join(f"{outlet_name(outlet)}: {n}" for outlet, n in counts)  # None: "(no outlet)", as the tables
    parts = [
        f'<svg class="coverage" role="img" aria-label="{escape(said)} of {counted(total, "article")}" '
        f'viewBox="0 0 {width:.0f} 10" width="{width:.0f}" height="10" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (outlet, n) in enumerate(counts):
        w = width * n / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{max(w - 1, 1):.1f}" height="10" class="c{i % 8}">'
            f"<title>{escape(isolated_name(outlet_name(outlet)))}: {n}</title></rect>"
        )
        x += w
    parts.append("</svg>")
    return Markup("".join(parts))


#: the length of a count slot's scale, in px: with the outlets' names (150) the drawing is 340 px
#: wide, a phone's (390 px) slot box; at 300 each of a story's count charts scrolled in its own
#: box there, 17 on the page of the biggest story of examples/ + FA-KES dev
RANGE_SCALE = 174


def ranges_svg(rows: Sequence[dict[str, Any]]) -> Markup:
    """Each outlet's interval for one count slot on a shared (log when wide) scale.

    ``rows``: ``{label, low, high, text}``; ``high`` ``None`` is an open upper bound ("more than").
    Intervals that do not overlap are visibly apart, which is the point.
    """
    vals = [float(v) for r in rows for v in (r.get("low"), r.get("high")) if isinstance(v, int | float)]
    if not vals:
        return Markup("")
    vmin, vmax = min(vals), max(vals)
    use_log = vmin > 0 and vmax / max(vmin, 1e-9) > 30
    top = vmax * (1.5 if use_log else 1.15) or 1.0
    bottom = vmin / 1.5 if use_log else 0.0

    def sx(v: float) -> float:
        if use_log:
            return (math.log10(max(v, bottom)) - math.log10(bottom)) / (math.log10(top) - math.log10(bottom)) * RANGE_SCALE
        return (v - bottom) / (top - bottom) * RANGE_SCALE

    left, row = 150, 22
    height = row * len(rows) + 22
    parts = [
        f'<svg class="ranges" role="img" aria-label="counts by outlet" viewBox="0 0 {left + RANGE_SCALE + 16} {height}" '
        f'width="{left + RANGE_SCALE + 16}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, r in enumerate(rows):
        y = 14 + i * row
        lo = r.get("low")
        hi = r.get("high")
        lo_v = float(lo) if isinstance(lo, int | float) else (float(hi) if isinstance(hi, int | float) else bottom)
        hi_open = not isinstance(hi, int | float)
        hi_v = float(hi) if isinstance(hi, int | float) else top
        x1, x2 = left + sx(lo_v), left + sx(hi_v)
        tip = f"{isolated_name(str(r.get('label')))}: {isolated_name(str(r.get('text') or ''))} [{_num(lo)}, {'∞' if hi_open else _num(hi)}]"
        parts.append(f'<text x="{left - 8}" y="{y + 4}" class="outlet end">{escape(shortened(str(r.get("label")), 20))}</text>')
        parts.append(
            f'<g class="range{" open" if hi_open else ""}"><title>{escape(tip)}</title>'
            f'<line x1="{x1:.1f}" y1="{y}" x2="{max(x2, x1 + 3):.1f}" y2="{y}"/>'
            f'<circle cx="{x1:.1f}" cy="{y}" r="3.5"/>'
            + ("" if hi_open else f'<circle cx="{x2:.1f}" cy="{y}" r="3.5"/>')
            + "</g>"
        )
    scale = "log scale" if use_log else "linear scale"
    parts.append(
        f'<text x="{left}" y="{height - 3}" class="axis start">{_num(bottom)}</text>'
        f'<text x="{left + RANGE_SCALE}" y="{height - 3}" class="axis end">{_num(top)} ({scale})</text></svg>'
    )
    return Markup("".join(parts))


def _num(v: Any) -> str:
    if not isinstance(v, int | float):
        return "?"
    return f"{v:,.0f}" if float(v) >= 10 or float(v).is_integer() else f"{v:.1f}"


# -- outlet network ----------------------------------------------------------------------------


#: the least height between two names written beside nodes on one side of the outlet circle (the
#: names are 11 px high)
NAME_GAP = 16.0


def _circle(n: int) -> tuple[list[tuple[float, float]], list[int]]:
    """``n`` points on the unit circle from the top, clockwise, and the side each node's name is
    written on: 1 right, -1 left, 0 above or below (the node nearest the top, or the bottom, by
    less than half a step: its neighbours' names run sideways, clear of a name centred on it)."""
    step = 2 * math.pi / max(n, 1)
    unit = [(math.cos(step * i - math.pi / 2), math.sin(step * i - math.pi / 2)) for i in range(n)]
    half = math.sin(step / 2) - 1e-9
    return unit, [0 if abs(ux) < half else 1 if ux > 0 else -1 for ux, _ in unit]


def _side_gap(unit: Sequence[tuple[float, float]], sides: Sequence[int]) -> float:
    """The least height (on the unit circle) between two nodes whose names run to one side: near
    the top and bottom of a crowded circle neighbours are almost level, and their names ran over
    each other ("ahram" into "manar"); the radius grows until they are ``NAME_GAP`` apart."""
    gaps = [
        abs(unit[i][1] - unit[j][1])
        for i in range(len(unit)) for j in range(i + 1, len(unit))
        if sides[i] and sides[i] == sides[j]
    ]
    return min(gaps, default=1.0) or 1.0


#: the outlets the network draws, those with the most articles (the page says so when there are more)
NETWORK_OUTLETS = 24


def network_svg(outlets: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]], limit: int | None = None) -> Markup:
    """Outlets on a circle (the busiest ``limit``), arrows from the reused outlet to the reuser.

    Arrow width grows with how often; an arrow none of whose pairs is in one story is dashed.
    Hovering an arrow names both outlets and the counts, and a click lists the stories with
    articles from both (``/stories?outlet=A&outlet=B``; it listed every story of the reuser).
    """
    if not outlets:
        return Markup("")
    top = sorted(outlets, key=lambda o: (-int(o.get("articles") or 0), o["outlet"] or "?"))[:limit or NETWORK_OUTLETS]
    # None: the articles naming no outlet, apart from an outlet named "?" (``outlet_filter``)
    names: list[str | None] = [o["outlet"] or None for o in top]
    # a name (up to 20 characters, some 140 px) is written beside its node on the side away from the
    # centre: the drawing is wider than the circle by that much on either side, not cut at its edge
    unit, sides = _circle(len(names))
    r, beside = max(190.0, NAME_GAP / _side_gap(unit, sides)), 170
    size = 2 * r + 140
    width = 2 * (r + beside)
    cx, cy = width / 2, size / 2
    pos = {n: (cx + r * ux, cy + r * uy) for n, (ux, uy) in zip(names, unit, strict=True)}
    most = max([int(e.get("count") or 0) for e in edges] + [1])
    parts = [
        f'<svg class="network" role="group" aria-label="outlet network" viewBox="0 0 {width} {size}" width="{width}" '
        f'height="{size}" xmlns="http://www.w3.org/2000/svg"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" '
        # one size whatever the line's width: scaled with it (up to 5 px) a head was 35 px, over the names
        'refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker></defs>'
    ]
    for e in edges:
        a, b = e.get("source") or None, e.get("derived") or None
        if a not in pos or b not in pos or a == b:
            continue
        (x1, y1), (x2, y2) = pos[a], pos[b]
        dx, dy = x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1
        sx, sy, ex, ey = x1 + dx / d * 12, y1 + dy / d * 12, x2 - dx / d * 14, y2 - dy / d * 14
        count, in_story = int(e.get("count") or 0), int(e.get("in_story") or 0)
        ia, ib = (NO_OUTLET_NAME if n is None else isolated_name(n) for n in (a, b))
        tip = f"{ia} → {ib}: {counted(count, 'time')} {ib} carried text first seen at {ia}, {in_story} of them in one story"
        href = stories_href(a, b)
        # pairs none of which are in one story: shared stock phrases, drawn dashed
        cls = "edge" if in_story else "edge loose"
        parts.append(
            f'<a class="{cls}" href="{escape(href)}" data-evidence="{escape(tip)}"><title>{escape(tip)}</title>'
            f'<path d="M {sx:.0f} {sy:.0f} L {ex:.0f} {ey:.0f}" stroke-width="{1 + 4 * count / most:.1f}" '
            'marker-end="url(#arrow)"/></a>'
        )
    for n, side in zip(names, sides, strict=True):
        x, y = pos[n]
        if side:  # beside the node, away from the centre
            anchor, tx, ty = ("start", x + 16, y + 4) if side > 0 else ("end", x - 16, y + 4)
        else:  # the node at the top (or bottom): its name above (below) it, where no other name runs
            anchor, tx, ty = "middle", x, (y - 15 if y < cy else y + 24)
        parts.append(
            # "?" alone was a screen reader's whole name for the articles that name no outlet, and
            # the node's name ("?") was not its tooltip's ("? (no outlet)")
            f'<a class="node" href="{escape(stories_href(n))}"><title>{escape(NO_OUTLET_NAME if n is None else isolated_name(n))}</title>'
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="9"/>'
            f'<text x="{tx:.0f}" y="{ty:.0f}" class="outlet {anchor}">{escape(NO_OUTLET_NAME if n is None else shortened(n, 20))}</text></a>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
