"""The self-contained HTML report: articles side by side, findings, provenance graph, timeline.

One file that works offline: inline CSS, a few lines of inline JavaScript (allowed by hash in a
strict Content-Security-Policy, so nothing else can run even if escaping were ever missed), inline
SVG. Every string that comes from an article goes through Jinja's autoescaping; links to the
articles' own URLs are emitted only for http(s) URLs. Element ids are built from indexes, never
from article data.

``report_context(comparison)`` gives the template's data so that the web app can embed the same
pieces (``templates/report.html.j2`` blocks) in its own pages.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from newstrace.compare.core import Comparison
from newstrace.drawing import (
    CLICK,
    JUMP_SCRIPT,
    GraphNode,
    edge_list,
    provenance_note,
    provenance_svg,
    style_sheet,
)
from newstrace.errors import an_instance
from newstrace.model import (
    BACKGROUND_TAG,
    FINDING_TITLES,
    UNLISTED_WHERE,
    axis_instants,
    compare_title_parts,
    count_range,
    counted,
    inner_quotes,
    isolated_join,
    isolated_name,
    isolated_parts,
    label_basis,
    link_roles,
    passage_tip,
    published_iso,
    safe_url,
    said_as_background,
    shortened,
    summary_names,
    time_axis,
)
from newstrace.spans import pieces

# a jump's mark and pulse are the web app's compare page's too (drawing.JUMP_SCRIPT)
SCRIPT = JUMP_SCRIPT + """
(function () {
  function reveal(id, focus) {
    var el = document.getElementById(id);
    if (!el) return;
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    var mark = el;
    if (el.classList.contains("anchor")) {
      mark = el.nextElementSibling;
      while (mark && mark.classList.contains("anchor")) mark = mark.nextElementSibling;
      if (!mark) mark = el;
    }
    markJump([mark]);
    pulseJump([mark]);
    mark.scrollIntoView({block: "center"});
    if (focus) {
      // focus follows the jump, so the next Tab goes on from there (cancelling the browser's own
      // jump kept it on the link); an article or a count's row takes focus for this
      if (!mark.matches("a[href], [tabindex]")) mark.setAttribute("tabindex", "-1");
      mark.focus({preventScroll: true});
    }
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[href^='#']");
    if (!a) return;
    ev.preventDefault();
    var id = a.getAttribute("href").slice(1);
    history.replaceState(null, "", "#" + id);
    reveal(id, true);
  });
  if (location.hash.length > 1) reveal(location.hash.slice(1));
})();
""".strip()


@dataclass
class Mark:
    """A highlighted range of one article's text (or title) with its anchor id and link target."""

    start: int
    end: int
    id: str
    target: str
    cls: str
    title: str


@dataclass
class Segment:
    text: str
    anchors: list[str] = field(default_factory=list)
    link: Mark | None = None
    classes: str = ""
    #: a link of punctuation alone, named by its mark's tooltip (``model.link_roles``)
    named: bool = False


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each piece links to its innermost mark's target, but
    for punctuation alone where words link there too (``model.link_roles``): highlighted, unlinked."""
    starts: dict[int, list[str]] = {}
    for m in sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=lambda m: (m.start, -m.end, m.id)):
        starts.setdefault(m.start, []).append(m.id)
    out: list[Segment] = []
    for lo, hi, over in pieces(len(text), [(m.start, m.end) for m in marks]):
        covering = [marks[i] for i in over]
        seg = Segment(text[lo:hi], starts.get(lo, []))
        if covering:
            inner = min(covering, key=lambda m: (m.end - m.start, m.id))
            seg.link = inner
            seg.classes = " ".join(sorted({c for m in covering for c in m.cls.split()}))
        out.append(seg)
    for seg, role in zip(out, link_roles([(s.text, s.link.target if s.link else None) for s in out]), strict=True):
        if role == "plain":
            seg.link = None
        seg.named = role == "named"
    return out


def _date(p: date | datetime | None) -> str:
    return published_iso(p) or "undated"


def report_context(comparison: Comparison) -> dict[str, Any]:
    """Everything the template shows, with all ids and cross-links resolved."""
    c = comparison
    ordered = c.by_time()
    index = {a.id: n for n, a in enumerate(ordered)}
    text_marks: dict[str, list[Mark]] = {a.id: [] for a in c.articles}
    title_marks: dict[str, list[Mark]] = {a.id: [] for a in c.articles}

    pairs = []
    for pi, p in enumerate(c.pairs):
        d = p.to_dict()
        for k, s in enumerate(d["shared"]):
            ida, idb = f"s{pi}-{k}-a", f"s{pi}-{k}-b"
            text_marks[p.a].append(Mark(s["a_start"], s["a_end"], ida, idb, f"shared {s['kind']}", f"{passage_tip(s['kind'], c.label(p.b))}: {CLICK} to jump there"))
            text_marks[p.b].append(Mark(s["b_start"], s["b_end"], idb, ida, f"shared {s['kind']}", f"{passage_tip(s['kind'], c.label(p.a))}: {CLICK} to jump there"))
        pairs.append(
            {
                "a": c.label(p.a),
                "b": c.label(p.b),
                "similarity": f"{p.story_similarity:.2f}",
                "same_story": p.same_story,
                "shared": len(d["shared"]),
                "first": f"s{pi}-0-a" if d["shared"] else None,
            }
        )

    # the labels, speakers and sources a summary names, each isolated where it stands
    named = summary_names(c.labels.values(), (q for a in c.articles for q in c.claims[a.id].quotes),
                          (n for a in c.articles for n in c.claims[a.id].quantities))
    # each article's most important claims only it carries are listed, the rest folded after them
    listed, left = c.listed()
    findings = []
    for fi, f in enumerate([*listed, *left]):
        ev = []
        for ei, e in enumerate(f.evidence):
            mid = f"f{fi}-e{ei}"
            # words inside a wider piece of the same finding's evidence are what it turns on (the
            # editorial "[attacks,]" inside the quotation that carries it): marked apart from it
            key = any(o is not e and o.article == e.article and o.field == e.field and o.start <= e.start
                      and e.end <= o.end and o.end - o.start > e.end - e.start for o in f.evidence)
            cls = f"evidence ev-{f.type}" + (" key" if key else "")
            mark = Mark(e.start, e.end, mid, f"f{fi}", cls, f"{FINDING_TITLES.get(f.type, f.type)}: {CLICK} for the finding")
            (title_marks if e.field == "title" else text_marks).setdefault(e.article, []).append(mark)
            ev.append({"id": mid, "label": c.label(e.article), "where": "headline" if e.field == "title" else "text", "text": inner_quotes(e.text)})
        findings.append(
            {
                "id": f"f{fi}",
                "type": f.type,
                "title": FINDING_TITLES.get(f.type, f.type),
                # a claim only one article carries that is background: tagged after its title
                "tag": BACKGROUND_TAG if said_as_background(f.type, f.summary) else "",
                "summary": f.summary,
                # the names and quotations in it isolated, so an Arabic name keeps its own direction
                # without turning the English sentence around it (``--json`` keeps the one string)
                "parts": isolated_parts(f.summary, named),
                "articles": [c.label(a) for a in f.articles],
                "importance": f"{f.importance:.2f}",
                "evidence": ev,
            }
        )

    counts: dict[str, list[dict[str, Any]]] = {}
    for a in c.articles:
        rows = []
        for k, q in enumerate(c.claims[a.id].quantities):
            n = index[a.id]
            row_id, mark_id = f"c{n}-{k}", f"cm{n}-{k}"
            if 0 <= q.start < q.end <= len(a.text):
                text_marks[a.id].append(Mark(q.start, q.end, mark_id, row_id, "count", f"a count: {CLICK} for its reading"))
            rows.append(
                {
                    "id": row_id,
                    "mark": mark_id,
                    "text": q.text,
                    "range": count_range(q.low, q.high),
                    "subject": q.subject or "",
                    "event": q.event or "",
                    "window": q.window or "",
                    "place": q.place or "",
                    "source": q.source or "",
                }
            )
        counts[a.id] = rows

    articles = []
    for n, a in enumerate(ordered):
        cl = c.claims[a.id]
        articles.append(
            {
                "n": n,
                "anchor": f"a{n}",
                "label": c.label(a.id),
                # the summary's column is headed "outlet": a file name or a quoted title there says
                # that it is no outlet's name
                "named_by": label_basis(a),
                "title": a.title or "(untitled)",
                "title_segments": segments(a.title or "", title_marks.get(a.id, [])) if a.title else [Segment("(untitled)")],
                "outlet": a.outlet or "",
                "author": a.author or "",
                "published": _date(a.published),
                "url": a.url or "",
                "href": safe_url(a.url),
                "id": a.id,
                "words": a.words,
                "quotes": len(cl.quotes),
                "counts": counts[a.id],
                "segments": segments(a.text, text_marks.get(a.id, [])),
            }
        )

    quotes = []
    for g in c.quote_groups:
        if len(g.articles) < 2 and len(c.articles) > 1:
            continue
        quotes.append(
            {
                "speaker": g.speaker or "unknown speaker",
                "variants": [{"text": t, "articles": _uniq(c.label(m.article) for m in ms)} for t, ms in g.variants()],
                "fingerprints": g.fingerprints,
            }
        )

    return {
        # the names in it isolated: in the <h1> each in a <bdi>, in the <title> between FSI and PDI
        "title_parts": _report_title(c),
        "articles": articles,
        "findings": findings[: len(listed)],
        "more_findings": findings[len(listed):],
        "pairs": pairs,
        "quotes": quotes,
        # a note names articles too ("القدس العربي: 10 more claim(s) ..."): its names isolated
        "notes": [isolated_parts(n, named) for n in [*c.notes, *c.unlisted_notes(left, UNLISTED_WHERE)]],
        "graph": provenance_graph(c),
        "timeline": timeline_svg(c),
        "script": SCRIPT,
        "columns": min(len(articles), 3),
    }


def _report_title(c: Comparison) -> list[tuple[str, bool]]:
    labels = [c.label(a.id) for a in c.articles]
    return [("newstrace: " if len(labels) == 1 else "newstrace compare: ", False), *compare_title_parts(labels)]


def _uniq(xs: Any) -> list[str]:
    return list(dict.fromkeys(xs))


# --- SVG (data for the template; the template escapes every label) -----------------------------


def provenance_graph(c: Comparison) -> dict[str, Any]:
    """The provenance drawing (``drawing.provenance_svg``, the web app's too), its nodes linked to
    the articles' texts below it, what it shows in words above it and its edges in words under it."""
    nodes = [GraphNode(a.id, c.label(a.id), published_iso(a.published), a.title, f"#a{n}") for n, a in enumerate(c.by_time())]
    edges = [e.to_dict() for e in c.provenance]
    return {"svg": provenance_svg(nodes, edges), "edges": edge_list(edges, c.label),
            "note": provenance_note(len(nodes), len(c.provenance), f"{CLICK} an article to read its text", touch=True)}


def timeline_svg(c: Comparison) -> dict[str, Any]:
    """Dated articles on a time axis; undated ones are listed after it."""
    instants, timed = axis_instants([a.published for a in c.articles])
    dated = [(a, t) for a, t in zip(c.articles, instants, strict=True) if t is not None]
    undated = [c.label(a.id) for a in c.articles if a.published is None]
    if not dated:
        return {"points": [], "undated": undated, "width": 0, "ticks": [], "axis": 0, "height": 0}
    t0, end, axis_ticks = time_axis([t for _, t in dated], timed)
    span = end - t0
    width = 760.0
    points = []
    order = {a.id: n for n, a in enumerate(c.by_time())}
    row_ends: list[float] = []  # where the last label of each row of labels ends
    for a, t in sorted(dated, key=lambda p: (p[1], order[p[0].id])):
        x = 40 + (t - t0) / span * (width - 80)
        label = shortened(c.label(a.id), 40)
        # centred on its article where it fits; near an edge it runs inward from there, not past it
        # (12 px text: some 7 px a character)
        half = len(label) * 3.5
        anchor, x0, x1 = ("start", x, x + 2 * half) if x - half < 0 else ("end", x - 2 * half, x) if x + half > width else (
            "middle", x - half, x + half)
        # the first row it does not overlap in: articles of one day share an x, each its own row
        row = next((r for r, end in enumerate(row_ends) if end + 8 <= x0), len(row_ends))
        if row == len(row_ends):
            row_ends.append(x1)
        else:
            row_ends[row] = max(row_ends[row], x1)
        points.append({"x": x, "y": 40 + row * 18, "label": label, "full": c.label(a.id),
                       "tip": f"{isolated_name(c.label(a.id))} ({_date(a.published)})", "anchor": anchor,
                       "date": _date(a.published), "href": f"#a{order[a.id]}", "x0": min(x0, x - 6), "x1": max(x1, x + 6)})
    axis = 40 + (len(row_ends) - 1) * 18 + 14
    first, last = min(dated, key=lambda p: p[1]), max(dated, key=lambda p: p[1])
    if len(axis_ticks) == 2:  # several days: the first and the last article's dates, as they give them
        ticks = [{"x": 40.0, "label": _date(first[0].published), "anchor": "middle"}]
        if last[1] > t0:  # under the last article (a day after the first at least)
            ticks.append({"x": 40 + (last[1] - t0) / span * (width - 80), "label": _date(last[0].published), "anchor": "middle"})
    else:  # one day: the day, and its hours when the articles give times (the ends run inward)
        ticks = [{"x": 40 + (t - t0) / span * (width - 80), "label": label,
                  "anchor": "start" if i == 0 and len(axis_ticks) > 1 else "end" if i and i == len(axis_ticks) - 1 else "middle"}
                 for i, (t, label) in enumerate(axis_ticks)]
    return {"points": points, "undated": undated, "width": width, "ticks": ticks, "axis": axis, "height": axis + 20}


# --- rendering --------------------------------------------------------------------------------

_ENV = Environment(
    loader=PackageLoader("newstrace.compare", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.globals["click"] = CLICK  # "click (or tap)": the legend's words, the web pages' too
_ENV.globals["counted"] = counted  # "1 count", "10 more claims": the report said "1 count(s)"


def csp_hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


def render_html(comparison: Comparison, *, title: Sequence[tuple[str, bool]] | None = None, notes: Sequence[str] = ()) -> str:
    """The whole report as one HTML document (UTF-8 text).

    ``title`` (cut as ``model.isolated_parts`` cuts a sentence: the names in it to be isolated)
    replaces the one naming the articles, and ``notes`` come before the comparison's:
    ``newstrace story --html`` names its story and says when the report covers only its first
    articles (its file said neither: a report titled "newstrace compare: reuters vs ..." on 200 of
    a story's 300 articles)."""
    an_instance(comparison, Comparison, "render_html: comparison", "newstrace.compare_articles(articles) makes one")
    ctx = report_context(comparison)
    if title is not None:
        ctx["title_parts"] = list(title)
    ctx["title"] = isolated_join(ctx["title_parts"])
    ctx["notes"] = [[(n, False)] for n in notes] + ctx["notes"]
    css = style_sheet(_ENV.get_template("report.css").render())  # the web pages' focus ring, stacked tables
    ctx["css"] = css
    ctx["csp"] = (
        "default-src 'none'; img-src data:; "
        f"style-src '{csp_hash(css)}'; script-src '{csp_hash(SCRIPT)}'; base-uri 'none'; form-action 'none'"
    )
    return _ENV.get_template("report.html.j2").render(**ctx)
