"""View models: turn a compare report (``compare --json`` shape) into what the templates draw.

The report's spans are used as they are (offsets into each article's text); nothing here searches
for words. Anchors are built from column and record numbers, never from article ids, so hostile ids
cannot break out of an ``id``/``href`` (``claim_anchor`` hashes one).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from newstrace import drawing
from newstrace.ingest.records import source_name
from newstrace.model import (
    BACKGROUND_TAG,
    FINDING_TITLES,
    UNLISTED_WHERE,
    Article,
    about_findings,
    count_range,
    isolated_name,
    isolated_parts,
    isolated_text,
    label_basis,
    listed,
    passage_tip,
    published_iso,
    said_as_background,
    shortened,
    summary_names,
    unlisted_notes,
)
from newstrace.store.results import outlet_name
from newstrace.web.api import COMPARE_IDS
from newstrace.web.render import (
    NO_DATE,
    Ann,
    compare_href,
    highlight,
    page_order,
    provenance_svg,
    ranges_svg,
    report_edges,
)


@dataclass
class Column:
    article: Article
    index: int
    html: Markup
    passages: int = 0
    label: str = ""  # the article's name in the report's summaries ("reuters #2")
    title: Markup | None = None  # its title with the findings' words in it marked, None untitled


@dataclass
class FindingView:
    index: int
    type: str
    label: str
    summary: str
    importance: float | None
    jumps: list[tuple[str | None, str, str]] = field(default_factory=list)  # (href or None, name, text)
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (outlet label, text), all articles
    href: str | None = None  # the compare page of the finding's articles
    opens: list[str] = field(default_factory=list)  # their names, in the order ``href`` gives them
    #: ``summary`` cut for the page, each article's name and each quotation isolated (``isolated_parts``)
    parts: list[tuple[str, bool]] = field(default_factory=list)
    tag: str = ""  # ``model.BACKGROUND_TAG`` for a claim only one article carries that is background


@dataclass
class CompareView:
    columns: list[Column]
    findings: list[FindingView]
    graph: Markup
    quote_groups: list[dict[str, Any]]
    count_slots: list[dict[str, Any]]
    pairs: list[dict[str, Any]]
    notes: list[list[tuple[str, bool]]] = field(default_factory=list)  # each cut by ``isolated_parts``
    names: dict[str, str] = field(default_factory=dict)  # article id -> its name in the report
    hidden: int = 0  # articles compared without a column of their own (over ``columns``)
    edges: int = 0  # provenance arrows the graph draws (none: the page says so, not how to read arrows)
    #: article id -> what its name in the report was taken from, for those without an outlet: a table's
    #: "outlet" column says so beside a file name or a quoted title, which read as an outlet's name
    named_by: dict[str, str] = field(default_factory=dict)
    #: the notes that qualify the findings ("rt.com: 10 more claim(s) only it carries are not
    #: listed."), shown with them: atop the page they came with nothing to say what they were about
    finding_notes: list[list[tuple[str, bool]]] = field(default_factory=list)
    #: the provenance drawing's arrows in words (``model.edge_words``, as the HTML report lists
    #: them), each cut by ``isolated_parts``: keyboard and screen-reader users had its hover text alone
    edge_list: list[list[tuple[str, bool]]] = field(default_factory=list)
    #: why the story has no provenance graph when ``analyze`` built none for it (too many stored
    #: pairs, ``store.results.PROVENANCE_MAX_PAIRS``): "no article was found to take text from
    #: another" said the opposite of a story whose articles share text with thousands of others
    unbuilt: str | None = None
    #: the findings ``model.listed`` leaves out (claims only one article carries, past its
    #: ``MAX_UNIQUE_PER_ARTICLE`` most important), listed folded after the others, as the HTML report does
    more_findings: list[FindingView] = field(default_factory=list)


def report_names(articles: Sequence[Article], report: dict[str, Any] | None) -> dict[str, str]:
    """How the page names each article: as the report's summaries and notes do (its ``label``,
    e.g. "reuters #2" beside "reuters #1"), else by outlet, title or id (``_outlet``)."""
    given = {str(a.get("id")): str(a["label"]) for a in (report or {}).get("articles") or []
             if isinstance(a, dict) and a.get("label")}
    return {a.id: given.get(a.id) or _outlet(a) for a in articles}


def compare_view(
    articles: Sequence[Article], report: dict[str, Any] | None, *, columns: int, stored: Collection[str] | None = None,
    story: str | None = None,
) -> CompareView:
    """Side-by-side columns (at most ``columns``) with every highlight of the report; links go to
    the pages of the ``stored`` articles only (default: all; an upload's may not be), those to a
    compare page of ``story``'s (its page's) naming them as it does. The columns
    stand in the drawing's order (``drawing.reading_order``), the order given breaking a tie: ids
    on the compare and story pages (their articles come in the stream's order), an upload's own."""
    edges = report_edges(report)
    articles = page_order(articles, report)
    shown = list(articles)[:columns]
    col_of = {a.id: i for i, a in enumerate(shown)}
    by_id = {a.id: a for a in articles}
    names = report_names(articles, report)
    anns: dict[str, list[Ann]] = defaultdict(list)
    title_anns: dict[str, list[Ann]] = defaultdict(list)  # the findings' words in the titles
    report = report or {}
    pairs = report.get("pairs") or []
    passage_count: dict[str, int] = defaultdict(int)

    # shared passages, linked both ways; edit operations marked inside them
    for pi, pair in enumerate(pairs):
        a, b = pair.get("a"), pair.get("b")
        if a not in col_of or b not in col_of:
            continue
        ca, cb = col_of[a], col_of[b]
        for k, s in enumerate(pair.get("shared") or []):
            kind = str(s.get("kind") or "shared")
            score = s.get("score")
            tip = passage_tip(kind, names[b]) + (f" (score {score:.2f})" if isinstance(score, int | float) else "")
            tip_b = passage_tip(kind, names[a])
            an, bn = f"c{ca}-p{pi}-{k}", f"c{cb}-p{pi}-{k}"
            anns[a].append(Ann(s["a_start"], s["a_end"], f"psg {kind}", {"pair": f"p{pi}-{k}", "target": bn}, an, "#" + bn, tip))
            anns[b].append(Ann(s["b_start"], s["b_end"], f"psg {kind}", {"pair": f"p{pi}-{k}", "target": an}, bn, "#" + an, tip_b))
            passage_count[a] += 1
            passage_count[b] += 1
            for op in s.get("ops") or []:
                if not isinstance(op, list | tuple) or len(op) < 5:
                    continue
                name, a0, a1, b0, b1 = op[:5]
                if name in ("replace", "delete") and isinstance(a0, int) and isinstance(a1, int) and a1 > a0:
                    anns[a].append(Ann(a0, a1, "diff", title=f"{name}d in {isolated_name(names[b])}"))
                if name in ("replace", "insert") and isinstance(b0, int) and isinstance(b1, int) and b1 > b0:
                    anns[b].append(Ann(b0, b1, "diff", title=f"differs from {isolated_name(names[a])}"))

    # quotations (one group per quotation across articles), variants marked
    quote_groups: list[dict[str, Any]] = []
    for qi, group in enumerate(report.get("quotes") or []):
        variants = group.get("variants") or []
        is_variant = len(variants) > 1
        rows = []
        for vi, v in enumerate(variants):
            for sp in v.get("spans") or []:
                art = sp.get("article")
                if art in col_of:
                    anns[art].append(
                        Ann(sp["start"], sp["end"], "quote variant" if is_variant else "quote",
                            {"quote": f"q{qi}"}, f"c{col_of[art]}-q{qi}-{vi}",
                            title=f"quote of {isolated_name(group.get('speaker') or 'unknown speaker')}")
                    )
            for key in ("diff", "differing", "differs"):
                for sp in v.get(key) or []:
                    if isinstance(sp, dict) and sp.get("article") in col_of and "start" in sp:
                        anns[sp["article"]].append(Ann(sp["start"], sp["end"], "diff", title="differing words"))
            rows.append({"text": v.get("text") or "", "articles": [names.get(i, i) for i in v.get("articles") or []]})
        quote_groups.append({"speaker": group.get("speaker"), "variants": rows, "variant": is_variant})

    # findings, each evidence span an anchor the finding list jumps to
    # every name a summary may use: the report's own, those of articles the page was not given too
    labels = [*names.values(), *(str(a["label"]) for a in report.get("articles") or [] if isinstance(a, dict) and a.get("label"))]
    # and the people it quotes or counts after ("quote Staffan de Mistura", "attributed to SANA")
    counted_by = report.get("quantities")
    labels = summary_names(labels, (g for g in report.get("quotes") or [] if isinstance(g, dict)),
                           (n for ns in (counted_by.values() if isinstance(counted_by, dict) else [])
                            if isinstance(ns, list) for n in ns if isinstance(n, dict)))
    findings: list[FindingView] = []
    more_findings: list[FindingView] = []
    # as the HTML report lists them: each article's most important claims only it carries (the
    # report's JSON has them all), the rest counted in a note with the findings and listed, folded,
    # after them (the note said how many were left out and not where they were)
    def first(f: dict[str, Any]) -> str:
        return str((f.get("articles") or [""])[0])

    claim_ids: set[str] = set()
    shown_findings, left = listed([f for f in report.get("findings") or [] if isinstance(f, dict)],
                                  lambda f: str(f.get("type")), first)
    for fi, f in enumerate([*shown_findings, *left]):
        ftype = str(f.get("type") or "finding")
        view = FindingView(fi, ftype, FINDING_TITLES.get(ftype, ftype), str(f.get("summary") or ""), f.get("importance"))
        view.parts = isolated_parts(view.summary, labels)
        view.tag = BACKGROUND_TAG if said_as_background(ftype, view.summary) else ""
        # with the articles its evidence quotes: a headline finding names the one whose headline
        # it is, and the story page gave no way to read it beside the quotation it cites
        quoted = [ev.get("article") for ev in f.get("evidence") or [] if isinstance(ev, dict)]
        f_arts = [x for x in dict.fromkeys([*(f.get("articles") or []), *quoted]) if x in by_id]
        if len(f_arts) == 1:
            # a claim only one article carries: beside the articles of its group it is not in (its
            # summary's "not in ..."), where the compare page marks its words and jumps to them; the
            # story page gave it no link, its words nowhere to be read in the text
            group = next((g for g in report.get("stories") or [] if isinstance(g, list) and f_arts[0] in g), [])
            others = [x for x in group if x in by_id and x != f_arts[0]]
            # past ``/compare``'s 8, those sharing the most text with it (the first 7 in the story's
            # order were 7 reposts, and not the rewrite that took most of its text)
            shared = shared_chars(pairs, f_arts[0])
            f_arts += sorted(others, key=lambda x: -shared.get(x, 0))[: COMPARE_IDS - 1]
        # a finding over more articles than ``/compare`` takes gets no link (it answered 422)
        if 2 <= len(f_arts) <= COMPARE_IDS and (stored is None or all(x in stored for x in f_arts)):
            view.href = compare_href(f_arts, story)
            view.opens = [names.get(x, x) for x in f_arts]
            claim = [ev for ev in f.get("evidence") or [] if isinstance(ev, dict)] if ftype == "unique_claim" else []
            if claim and isinstance(claim[0].get("start"), int):
                # at its words, which the compare page marks with this id: it opened at the top
                view.href += "#" + claim_anchor(claim[0])
        evs = [ev for ev in (f.get("evidence") or []) if isinstance(ev, dict)]
        for ei, ev in enumerate(evs):
            art = ev.get("article")
            view.evidence.append((names.get(str(art), str(art)), str(ev.get("text") or "")))
            headline = ev.get("field") == "title"
            if art not in col_of or (headline and not _within(ev, by_id[art].title or "")):
                # a headline's words it cannot find jump to its column's title; an article without
                # a column is named with its words, unlinked (dropping it hid one side of the finding)
                href = f"#c{col_of[art]}-title" if art in col_of else None
                view.jumps.append((href, names.get(str(art), str(art)), str(ev.get("text") or "")))
                continue
            anchor = f"c{col_of[art]}-f{fi}-{ei}"
            if ftype == "unique_claim" and (stable := claim_anchor(ev)) not in claim_ids:
                anchor = stable  # where the story page's link to the claim opens this page
                claim_ids.add(stable)
            cls = f"ev t-{ftype}"
            if _nested(ev, evs):
                # a span inside another span of the same finding: the words that differ
                # (e.g. the editorial "[attacks,]" inside the quotation that carries it)
                cls += " diff"
            # a headline's words in its column's title, as the HTML report marks them: the jumps
            # to "US-Backed" and "Murdering" led to the whole headline, nothing in it marked
            (title_anns if headline else anns)[art].append(
                # ``ev`` on every piece of it: a jump outlines them all, not the first ("scores" of
                # "scores of civilians", where a shared passage's edge cut it)
                Ann(ev["start"], ev["end"], cls, {"finding": f"f{fi}", "ev": anchor}, anchor,
                    title=view.label + ": " + isolated_text(view.summary, labels)))
            view.jumps.append(("#" + anchor, names[art], str(ev.get("text") or "")))
        (findings if fi < len(shown_findings) else more_findings).append(view)
    findings.sort(key=lambda v: -(v.importance or 0.0))
    more_findings.sort(key=lambda v: -(v.importance or 0.0))

    cols = [Column(a, i, highlight(a.text, anns[a.id]), passage_count[a.id], names[a.id],
                   highlight(a.title, title_anns[a.id]) if a.title else None) for i, a in enumerate(shown)]
    graph = provenance_svg([{**a.brief(), "label": names[a.id]} for a in articles], edges, stored, story)
    edge_list = drawing.edge_list(edges, lambda i: names.get(i, i))
    # a note names articles as a summary does ("القدس العربي: 10 more claim(s) ..."): cut the same way
    notes = [isolated_parts(str(n), labels) for n in (report.get("notes") or []) if not about_findings(str(n))]
    finding_notes = [isolated_parts(str(n), labels) for n in [*(report.get("notes") or []),
                                                              *unlisted_notes(left, first, lambda i: names.get(i, i), UNLISTED_WHERE)]
                     if about_findings(str(n))]
    labelled = {str(a.get("id")) for a in report.get("articles") or [] if isinstance(a, dict) and a.get("label")}
    named_by = {a.id: basis for a in articles if a.id in labelled and (basis := label_basis(a))}
    return CompareView(cols, findings, graph, quote_groups, count_slots(report, articles, names), pairs, notes, names,
                       len(articles) - len(shown), len(edges), named_by, finding_notes,
                       edge_list, more_findings=more_findings)


def claim_anchor(ev: dict[str, Any]) -> str:
    """The id the compare page gives a claim's words (a piece of a finding's evidence), the same on
    any compare page showing its article: the story page links to it. Hashed, so an article id
    goes into no ``id``/``href`` (see the module's note)."""
    key = "\0".join(str(ev.get(k)) for k in ("article", "field", "start", "end"))
    return "claim-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def shared_chars(pairs: Sequence[Any], article: str) -> dict[str, int]:
    """Each article's characters of the report's shared passages with ``article`` (its side of them)."""
    out: dict[str, int] = defaultdict(int)
    for pair in pairs:
        if not isinstance(pair, dict) or article not in (pair.get("a"), pair.get("b")):
            continue
        side, other = ("a", pair.get("b")) if pair.get("a") == article else ("b", pair.get("a"))
        for sp in pair.get("shared") or []:
            if isinstance(sp, dict) and isinstance(sp.get(f"{side}_start"), int) and isinstance(sp.get(f"{side}_end"), int):
                out[str(other)] += sp[f"{side}_end"] - sp[f"{side}_start"]
    return out


def _within(ev: dict[str, Any], text: str) -> bool:
    """Whether a piece of evidence's offsets hold its words in ``text`` (a headline's)."""
    s0, s1 = ev.get("start"), ev.get("end")
    return isinstance(s0, int) and isinstance(s1, int) and 0 <= s0 < s1 <= len(text) and text[s0:s1] == ev.get("text", text[s0:s1])


def _nested(ev: dict[str, Any], evs: list[dict[str, Any]]) -> bool:
    s0, s1 = ev.get("start"), ev.get("end")
    if not isinstance(s0, int) or not isinstance(s1, int):
        return False
    for other in evs:
        # a headline's words are nested only in the headline's, a text's only in the text's
        if other is ev or other.get("article") != ev.get("article") or (other.get("field") == "title") != (ev.get("field") == "title"):
            continue
        o0, o1 = other.get("start"), other.get("end")
        if isinstance(o0, int) and isinstance(o1, int) and o0 <= s0 and s1 <= o1 and (o1 - o0) > (s1 - s0):
            return True
    return False


def count_slots(report: dict[str, Any], articles: Sequence[Article], names: dict[str, str]) -> list[dict[str, Any]]:
    """Counts grouped by slot (subject + event), each article's interval (named as ``names`` says)
    as a range chart."""
    raw = report.get("quantities")
    per_article: list[tuple[str, dict[str, Any]]] = []
    if isinstance(raw, dict):
        for art, qs in raw.items():
            per_article += [(str(art), q) for q in (qs or []) if isinstance(q, dict)]
    elif isinstance(raw, list):
        for item in raw:
            if isinstance(item, dict) and isinstance(item.get("quantities"), list):
                per_article += [(str(item.get("article")), q) for q in item["quantities"] if isinstance(q, dict)]
            elif isinstance(item, dict) and "article" in item:
                per_article.append((str(item["article"]), item))
    slots: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    seen: set[tuple[Any, ...]] = set()
    for art, q in per_article:
        key = (str(q.get("subject") or "people"), str(q.get("event") or "counted"))
        # an article says its count in the headline, the lead and the body: one reading of an
        # interval (and window) is one bar, the chart compares articles, not mentions
        reading = (key, art, *(repr(q.get(k)) for k in ("low", "high", "window")))
        if reading in seen:
            continue
        seen.add(reading)
        slots[key].append({"label": names.get(art, art), "low": q.get("low"), "high": q.get("high"),
                           "text": q.get("text"), "window": q.get("window"), "article": art})
    out = []
    for (subject, event), rows in sorted(slots.items()):
        rows.sort(key=lambda r: (r["label"], r["low"] if isinstance(r["low"], int | float) else 0))
        out.append({"subject": subject, "event": event, "rows": rows, "svg": ranges_svg(rows)})
    return out


def _outlet(a: Article) -> str:
    """How an article is named beside its text: outlet, else its (shortened) title, else its id."""
    if a.outlet:
        return a.outlet
    if a.title:  # cut as every chart's label is (``model.shortened``: no "… …" after a cut at a space)
        return shortened(a.title, 40)
    return a.id


def claims_highlight(article: Article, claims: dict[str, Any] | None) -> Markup:
    """The article page: its quotes (with speakers) and counts highlighted."""
    anns: list[Ann] = []
    for i, q in enumerate((claims or {}).get("quotes") or []):
        anns.append(Ann(q["start"], q["end"], "quote", {"quote": f"q{i}"}, f"q{i}",
                        title=f"quote of {isolated_name(q.get('speaker') or 'unknown speaker')}"))
        s0, s1 = q.get("speaker_start"), q.get("speaker_end")
        if isinstance(s0, int) and isinstance(s1, int):
            anns.append(Ann(s0, s1, "speaker", {"quote": f"q{i}"}, title=f"speaker: {isolated_name(q.get('speaker') or '?')}"))
    for i, q in enumerate((claims or {}).get("quantities") or []):
        tip = f"count {count_range(q.get('low'), q.get('high'))}"  # "count 200.0–∞" before
        if q.get("subject") or q.get("event"):
            tip += f" {q.get('subject') or ''} {q.get('event') or ''}".rstrip()
        anns.append(Ann(q["start"], q["end"], "count", {"count": f"n{i}"}, f"n{i}", title=tip))
    return highlight(article.text, anns)


def article_meta(a: Article) -> list[tuple[str, str]]:
    """The facts an article page lists. An outlet or a date it does not give is said so: the
    rewrite's page, which names no outlet, had no outlet line at all, then "none given", where every
    other page names it "(no outlet)" (``outlet_name``) and its story "(no outlet: named by its
    title)"; a date it does not give is ``NO_DATE``, as the lists say it (it was "none given" here,
    "?" there). Its source is named as ``show`` names it."""
    facts = [
        ("outlet", outlet_name(a.outlet)),
        ("published", published_iso(a.published) or NO_DATE),
        ("author", a.author),
        ("language", a.lang),
        ("id", a.id),
        # where it was ingested from, as `newstrace show` names it ('sana.jsonl:2', standard input in words)
        ("source", source_name(a.source, a.record)),
        ("length", f"{a.words} words, {len(a.text)} characters"),
    ]
    return [(k, str(v)) for k, v in facts if v]
