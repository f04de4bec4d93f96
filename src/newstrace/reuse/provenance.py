"""Derivation direction: for each pair with substantial reuse, who took it from whom, and why.

The evidence, strongest first:

* **publication order**: a text cannot copy one published after it;
* **explicit attribution**: the other article names the source's outlet ("according to RT",
  "told RT", "RT reported", a byline's "... Monitor AFP Monday 2 Feb 2015"); one against the
  publication order (the earlier article names the later one's outlet) lowers the edge's
  confidence: the earlier had that outlet's text before. It names an outlet, not an article: of
  that outlet's articles it counts for the one the naming article shares the most text with
  (``_cited``), not for all of them;
* **shared fingerprints**: a rare variant of a quotation both carry ("[attacks,]") says the relation
  is a copy, not two transcriptions of the speaker (not which way it ran).

Containment (how much of each is inside the other) is reported, never used to orient: a copy cut
to fit is contained in its source just as an original is in the rewrite that expands it, and on
FA-KES dev pairs of different days the more contained article was the earlier one in 27 of 68
(benchmarks/README.md, *Provenance direction*). Without a publication order or an attribution the
edge says ``direction_unknown`` and is drawn without an arrowhead.

An edge whose text reached the derived article through a third one is marked ``indirect``
(``_mark_indirect``): a repost of the rewrite shares RT's sentences too, but only those the rewrite
kept, with the rewrite's own words around them.

Identical copies of a text (one wire story run by several outlets) are one text: an article that
reuses it has its edge from the first copy (or the earliest one whose outlet it credits), not one
from each outlet that ran it (``_credited_copies``).

When all two articles share is quotations, with no fingerprint, the likelier story is that both
quoted one statement: the edges then come from ``external:<label>`` (the speaker, or the quote's
first words) instead of inventing a copy between the two.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from newstrace.agencies import WEEKDAY_DATE_PATTERN, WIRES
from newstrace.claims.segment import DASH, DATELINE_CAPS, DATELINE_DAY, DATELINE_REGION
from newstrace.clean.text import DATE_RE
from newstrace.model import (
    Article,
    ArticlePair,
    ProvenanceEdge,
    QuoteVariants,
    Span,
    dates_order,
    published_iso,
)
from newstrace.reuse.text import quote_spans
from newstrace.spans import union_length

#: a pair needs this many shared characters (in the smaller article's share) to get an edge
SUBSTANTIAL_CHARS = 120
#: an edge source -> derived is indirect, by way of a third article, when this share of what the
#: derived article shares with the source it shares with the third one as well
INDIRECT_COVER = 0.9
#: the third articles tried for an edge: those its derived article shares most with. In a story
#: every outlet copied from every other (200 wire copies: 19,900 edges), trying every one was
#: cubic, 8 CPU s on each refresh of the story's graph
INDIRECT_TRIED = 16
#: a header's day ("Sunday 23 Oct 2016"), as ``claims.segment`` reads it, its braces kept from the cues' ``format``
_DAY = WEEKDAY_DATE_PATTERN.replace("{", "{{").replace("}", "}}")
#: a header's date with or without its weekday, opening the text: "Tuesday 4 Apr 2017", SANA's "28 November 2016",
#: Manar's "03-08-2016" and "May 24 2017" (``clean.text.DATE_RE``'s forms, its groups unnamed)
_HEADER_DATE = "(?:" + _DAY + "|" + re.sub(r"\(\?P<\w+>", "(?:", DATE_RE.pattern).replace("{", "{{").replace("}", "}}") \
    + r"|\d{{1,2}}-\d{{1,2}}-\d{{4}}\b)"
#: a dateline's place before its agency, in capitals whatever the name's case ("MOSCOW", "SANAA, Dec 6", "DEIR EZ-ZOR
#: (Syria)"), as ``claims.segment.DATELINE`` reads it
_PLACE = ("(?-i:" + DATELINE_CAPS + "(?:" + DATELINE_REGION + ")?(?:" + DATELINE_DAY + r")?(?: \([A-Z][a-z]+\))?)").replace(
    "{", "{{").replace("}", "}}")
_CUES = [
    r"according to (?:the )?{o}",
    r"told (?:the )?{o}",
    r"{o}(?: news)?(?: agency)? (?:reported|reports|said|says|wrote|writes|quoted|cited)",
    r"(?:reported|cited|quoted) by (?:the )?{o}",
    r"via (?:the )?{o}",
    # the agency of a dateline ("MOSCOW (Sputnik)", "SANAA, Dec 6 (Reuters) - ") or of a sign-off ("... same.”(Reuters)"),
    # not a photo's under its caption ("... Idlib on September 10 2016. (AFP) Contrasting casualty figures ...")
    _PLACE + r"[^\S\n]+\({o}\)|\({o}\)(?=,?[^\S\n]*" + DASH + r"|[^\S\n]*\Z)",
    # the wires a text closes with: al-Arabiya's "(With AFP and Reuters) Last Update: ..."
    r"\([Ww]ith [^()\n]{{0,60}}?(?<!\w){o}(?!\w)[^()\n]{{0,60}}?\)",
    r"(?:source|originally published)(?: by| on| at)?:? (?:the )?{o}",
    # a byline's credit of the whole text: the header's agency and day ("... Monitor AFP Monday 2 Feb 2015", "AFP
    # , Sunday 23 Oct 2016"), or, after the day and the title that open the text, the agency before the body
    # ("Tuesday 4 Apr 2017 Suspected gas attack ... Observatory Reuters A suspected ..."), or the sign-off ("-AFP")
    r"{o}[^\S\n]*,?[^\S\n]+" + _DAY
    + r"|\A[^\S\n]*" + _HEADER_DATE + r"(?:[^\S\n]+(?:[^\n.!?]|\.(?=\S)){{1,200}}?)?[^\S\n]+{o}"
    + r"(?=\.?[^\S\n]+(?-i:[A-Z0-9\"“]))"
    + r"|[—–-]+[^\S\n]*{o}(?=[^\S\n]*\Z)",
]


def _order(a: Article, b: Article) -> int:
    """+1 when ``a`` was published first, -1 when ``b`` was, 0 when unknown or simultaneous
    (``model.dates_order``: a day alone, or a time without its offset, orders by its day only)."""
    return dates_order(a.published, b.published)


def outlet_names(outlet: str | None) -> list[str]:
    """Ways a text names an outlet: "rt.com" -> "rt.com", "RT"; "reuters.com" -> "Reuters"."""
    if not outlet:
        return []
    o = outlet.strip()
    names = {o}
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", o).split("/")[0]
    stem = host.split(".")[0] if "." in host else host
    if stem:
        names.add(stem.upper() if len(stem) <= 4 else stem.capitalize())
        names.add(stem)
    return sorted(n for n in names if len(n) >= 2)


@lru_cache(maxsize=4096)
def _attribution_re(name: str) -> re.Pattern[str]:
    """The cues naming an outlet by ``name``, compiled only for a text that holds the name: a
    pattern took some 5 ms to compile, and a story of 1,000 outlets' copies compiled one for each
    outlet (6 of its 11 CPU s of provenance) where no text named any of them."""
    o = re.escape(name)
    # a short all-caps name ("RT", "SANA") is matched in its own case, a longer one in any; the cue's words in any
    # case whatever the name's ("According to SANA", Manar's "Source SANA", "SANA news agency reported")
    if name.isupper() and len(name) <= 4:
        o = "(?-i:" + o + ")"
    alt = "|".join(cue.format(o=o) for cue in _CUES)
    return re.compile(r"(?<!\w)(?:" + alt + r")(?!\w)", re.IGNORECASE)


def attribution(
    derived: Article, source: Article, *, lowered: str | None = None
) -> dict[str, Any] | None:
    """Where ``derived`` names ``source``'s outlet as its source (first mention), if it does."""
    if not source.outlet or (derived.outlet and derived.outlet == source.outlet):
        return None
    low = lowered if lowered is not None else derived.text.lower()
    for name in outlet_names(source.outlet):
        if name.lower() not in low:
            continue
        m = _attribution_re(name).search(derived.text)
        if m:
            return {"type": "attribution", "text": m.group(), "start": m.start(), "end": m.end()}
    return None


def wire_credit(art: Article, shared: Sequence[tuple[int, int]], outlets: Sequence[str | None]) -> dict[str, Any] | None:
    """The first of ``WIRES`` that ``art`` credits (``_CUES``) inside the ranges ``shared`` of its text or in its
    byline (before its first sentence ends, or a sign-off after its last: "-AFP", al-Arabiya's "(With AFP and
    Reuters) Last Update: ..."), with where: ``{"wire", "text", "start", "end", "byline"}``. A wire among ``outlets`` (the pair's) is left out: a credit of it is an ``attribution``."""
    taken = {n.casefold() for o in outlets for n in outlet_names(o)}
    low = art.text.lower()
    found: list[dict[str, Any]] = []
    for wire in WIRES:
        if wire.casefold() in taken or wire.lower() not in low:
            continue
        for m in _attribution_re(wire).finditer(art.text):
            inside = any(s <= m.start() and m.end() <= e for s, e in shared)
            byline = not re.search(r"[.!?]\s", art.text[: m.start()]) or not re.search(r"[.!?](?:\s|\Z)", art.text[m.end() :])
            if inside or byline:
                found.append({"wire": wire, "text": m.group(), "start": m.start(), "end": m.end(), "byline": byline})
                break
    return min(found, key=lambda c: c["start"]) if found else None


def _quoted_share(qs: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> float:
    """Fraction of the shared characters that lie inside quotation marks ``qs``."""
    total = sum(e - s for s, e in ranges)
    if total == 0:
        return 0.0
    inside = 0
    for s, e in ranges:
        for qs_, qe in qs:
            inside += max(0, min(e, qe) - max(s, qs_))
    return min(1.0, inside / total)


def _label(variants: Sequence[QuoteVariants], fallback: str) -> str:
    """The speaker of the first of the two articles' common quotations that names one
    (``variants``: the groups holding both), else the quotation's first words."""
    for v in variants:
        if v.speaker:
            return v.speaker
    words = fallback.split()[:6]
    return "quote:" + " ".join(words)


def infer_provenance(
    articles: Sequence[Article],
    pairs: Sequence[ArticlePair],
    variants: Sequence[QuoteVariants],
    *,
    min_shared_chars: int = SUBSTANTIAL_CHARS,
) -> list[ProvenanceEdge]:
    """Directed edges ``source -> derived`` with confidence and evidence, one per related pair."""
    by_id = {a.id: a for a in articles}
    order_idx = {a.id: i for i, a in enumerate(articles)}
    edges: dict[tuple[str, str], ProvenanceEdge] = {}
    # the quotation groups of each article, in ``variants``' order, and the articles of each: a
    # pair's groups are looked up by its articles. They were listed for every pair of articles a
    # group holds, n(n-1)/2 entries for a quotation n copies carry (7.6 million dictionary writes,
    # 3.8 of 11 CPU s, for a story of 1,000 copies whose stored pairs are 1,004)
    groups_of: dict[str, list[int]] = {}
    holders = [frozenset(v.articles) for v in variants]
    for x, held in enumerate(holders):
        for i in sorted(held):
            groups_of.setdefault(i, []).append(x)

    def variants_of(a: str, b: str) -> list[int]:
        """The groups holding both ``a`` and ``b``, in ``variants``' order."""
        return [x for x in groups_of.get(a, ()) if b in holders[x]]

    #: a group's texts joined, each article's wordings in it and its first span in it, read once a
    #: group (each pair's lookups went through all of the group's members)
    by_group: dict[int, tuple[str, dict[str, list[str]], dict[str, Span]]] = {}

    def group(x: int) -> tuple[str, dict[str, list[str]], dict[str, Span]]:
        if x not in by_group:
            v = variants[x]
            wordings: dict[str, list[str]] = {}
            first: dict[str, Span] = {}
            for art, t, sp in zip(v.articles, v.texts, v.spans, strict=True):
                wordings.setdefault(art, []).append(t)
                first.setdefault(sp.article, sp)
            by_group[x] = ("".join(v.texts), wordings, first)
        return by_group[x]

    def holds(x: int, art: str, fp: str) -> bool:
        """Whether ``art`` carries the fingerprint ``fp`` of group ``x``: in its wording, or as
        one of the group's articles where ``fp`` is in none of them (a wording it lacks)."""
        joined, wordings, _ = group(x)
        return any(fp in t for t in wordings.get(art, ())) or (fp not in joined and art in holders[x])
    quotes: dict[str, list[tuple[int, int]]] = {}
    lowered: dict[str, str] = {}

    def quotes_of(art: Article) -> list[tuple[int, int]]:
        if art.id not in quotes:
            quotes[art.id] = [(q.start, q.end) for q in quote_spans(art.text)]
        return quotes[art.id]

    def lower_of(art: Article) -> str:
        if art.id not in lowered:
            lowered[art.id] = art.text.lower()
        return lowered[art.id]

    named_by: dict[tuple[str, str], dict[str, Any] | None] = {}

    def names_outlet(derived: Article, source: Article) -> dict[str, Any] | None:
        """``attribution``, once per naming article and outlet named (``_cited`` asks too)."""
        key = (derived.id, source.outlet or "")
        if key not in named_by:
            named_by[key] = attribution(derived, source, lowered=lower_of(derived)) if source.outlet else None
        return named_by[key]

    pairs, aligned = _credited_copies(by_id, pairs, names_outlet)
    cited = _cited(by_id, pairs, names_outlet)
    #: (x, y) -> the ranges of y's text it shares with x
    shared_in: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for pair in pairs:
        a, b = by_id.get(pair.a), by_id.get(pair.b)
        if a is None or b is None or not pair.shared or a.id == b.id or _one_page(a, b):
            continue
        ra = [(p.a_start, p.a_end) for p in pair.shared]
        rb = [(p.b_start, p.b_end) for p in pair.shared]
        shared_in[(a.id, b.id)], shared_in[(b.id, a.id)] = rb, ra
        sa, sb = union_length(ra), union_length(rb)
        common = variants_of(a.id, b.id)
        fps = [
            (fp, x)
            for x in common
            for fp in variants[x].fingerprints
            if holds(x, a.id, fp) and holds(x, b.id, fp)
        ]
        if min(sa, sb) < min_shared_chars and not fps:
            continue
        ca = sa / max(1, len(a.text))  # share of a found in b
        cb = sb / max(1, len(b.text))
        quoted = min(_quoted_share(quotes_of(a), ra), _quoted_share(quotes_of(b), rb))
        if quoted >= 0.8 and not fps:
            label = "external:" + _label([variants[x] for x in common], pair.shared[0].a_text)
            for art in (a, b):
                ev = {
                    "type": "common_quotation",
                    "articles": [a.id, b.id],
                    "quoted_share": round(quoted, 3),
                    "shared_chars": min(sa, sb),
                }
                _add(edges, ProvenanceEdge(label, art.id, 0.6, [ev]))
            continue
        score = 0.0
        evidence: list[dict[str, Any]] = []
        order = _order(a, b)
        if order:
            score += 1.0 * order
            first, second = (a, b) if order > 0 else (b, a)
            evidence.append(
                {
                    "type": "publication_order",
                    "source_published": published_iso(first.published),
                    "derived_published": published_iso(second.published),
                }
            )
        # an attribution speaks for this edge when it names the article it took the most text
        # from, and against it when the article it names the outlet of is the later one
        att_b = names_outlet(b, a)
        if att_b and order >= 0 and a.id not in cited.get((b.id, a.outlet or ""), ()):
            att_b = None
        att_a = names_outlet(a, b)
        if att_a and order <= 0 and b.id not in cited.get((a.id, b.outlet or ""), ()):
            att_a = None
        if att_b and not att_a:
            score += 0.8
            evidence.append({**att_b, "article": b.id})
        elif att_a and not att_b:
            score -= 0.8
            evidence.append({**att_a, "article": a.id})
        # containment orients nothing (module docstring): a copy cut to fit is contained in its
        # source as an original is in the rewrite that expands it
        src_first = score > 0 or (score == 0 and order_idx[a.id] <= order_idx[b.id])
        source, derived = (a, b) if src_first else (b, a)
        s_share, d_share = (ca, cb) if src_first else (cb, ca)
        evidence.append(
            {
                "type": "containment",
                "source_in_derived": round(s_share, 3),
                "derived_in_source": round(d_share, 3),
                "shared_chars": min(sa, sb),
                "passages": len(pair.shared),
            }
        )
        if (a.id, b.id) in aligned:
            evidence.append({"type": "credited_copy", "aligned_with": aligned[(a.id, b.id)]})
        for fp, x in fps:
            evidence.append(
                {
                    "type": "shared_variant",
                    "text": fp,
                    "spans": _fp_spans(group(x)[2], fp, (source.id, derived.id)),
                }
            )
        conf = 0.5
        if order:
            conf += 0.25
        told = att_b if att_b and not att_a else att_a if att_a and not att_b else None
        if told is not None:
            # an attribution against the dates (the earlier article names the later one's outlet)
            # speaks against the edge: the earlier one had that outlet's text from an older report
            # of it. Counted as one that agrees, it made such edges the most confident of all (0.91:
            # al-Alam's "told SANA" of 7 November 2016 and a SANA report of 12 November)
            conf += 0.15 if told is (att_b if src_first else att_a) else -0.15
        if fps:
            conf += 0.1
        conf += 0.05 * min(1.0, min(sa, sb) / 1000)
        if score == 0:
            evidence.append({"type": "direction_unknown"})
            conf = min(conf, 0.5)
        _add(edges, ProvenanceEdge(source.id, derived.id, round(min(conf, 0.99), 3), evidence))
    _mark_indirect(edges, shared_in, min_shared_chars)
    return sorted(edges.values(), key=lambda e: (e.source, order_idx.get(e.derived, 0), e.derived))


def _credited_copies(
    by_id: dict[str, Article],
    pairs: Sequence[ArticlePair],
    names_outlet: Callable[[Article, Article], dict[str, Any] | None],
) -> tuple[list[ArticlePair], dict[tuple[str, str], str]]:
    """``pairs``, where an article's pairs with identical copies of a text are those of the copies
    it can have taken that text from (``_copies_taken``), and ``(a, b)`` of each pair given to
    another copy than the one it was aligned with -> that copy.

    A copy of a text dated after another copy has that text from it, or from where the other had
    it: what it shares with a third article is what the earlier copy shares with it. Up to 40
    articles every pair is aligned, and a rewrite of a text three outlets ran had an edge from
    each, a copy one from each earlier copy, as though each outlet had been a source of its own;
    the pairs of an article with a copy that a copy paired with it precedes are now dropped here,
    as the reuse search above 40 articles pairs the rewrite and the later copies with the first
    copy alone (``reuse.candidates.copies_of_one_text``). Copies the dates do not order (one day,
    no offsets) each keep their pair: either may be the one taken.

    An article that credits copies' outlets by name ("..., told wire07") has its pairs with the
    text given to the earliest of them (not published after it): paired with the first copy only,
    its edge came from that copy and the attribution went unread, and crediting two copies
    ("told wire07", "according to wire12") it had an edge from each, where it took their one text
    once. The texts are the same, so are the passages."""
    copies: dict[str, list[Article]] = {}
    for art in by_id.values():
        copies.setdefault(art.text, []).append(art)
    if all(len(group) < 2 for group in copies.values()):
        return list(pairs), {}
    partners: dict[str, set[str]] = {}
    for p in pairs:
        if p.shared:
            partners.setdefault(p.a, set()).add(p.b)
            partners.setdefault(p.b, set()).add(p.a)
    taken: dict[tuple[str, str], list[Article]] = {}

    def taken_from(copy: Article, other: Article) -> list[Article]:
        key = (copy.text, other.id)
        if key not in taken:
            taken[key] = _copies_taken(copies[copy.text], other, partners.get(other.id, set()), names_outlet)
        return taken[key]

    out: list[ArticlePair] = []
    seen: set[frozenset[str]] = set()
    aligned: dict[tuple[str, str], str] = {}
    for pair in pairs:
        a, b = by_id.get(pair.a), by_id.get(pair.b)
        if a is None or b is None or not pair.shared or a.id == b.id:
            out.append(pair)
            continue
        given = [pair]
        if a.text == b.text:
            early, late = (a, b) if _order(a, b) >= 0 else (b, a)
            if any(by_id[f].text == a.text and _order(by_id[f], early) > 0 for f in partners.get(late.id, ()) if f in by_id):
                given = []  # the later copy has the text from a copy before them both
        else:
            for side in ("a", "b"):
                moved: list[ArticlePair] = []
                for g in given:
                    copy, other = (by_id[g.a], by_id[g.b]) if side == "a" else (by_id[g.b], by_id[g.a])
                    if len(copies[copy.text]) < 2:
                        moved.append(g)
                        continue
                    kept = taken_from(copy, other)
                    if copy in kept:
                        moved.append(g)
                    elif not any(k.id in partners.get(other.id, ()) for k in kept):
                        # aligned with another copy than the one(s) it credits
                        for k in kept:
                            moved.append(replace(g, a=k.id) if side == "a" else replace(g, b=k.id))
                            aligned[(moved[-1].a, moved[-1].b)] = copy.id
                given = moved
        for g in given:
            if frozenset((g.a, g.b)) not in seen:
                seen.add(frozenset((g.a, g.b)))
                out.append(g)
    return out, aligned


def _copies_taken(
    group: list[Article],
    other: Article,
    partners: set[str],
    names_outlet: Callable[[Article, Article], dict[str, Any] | None],
) -> list[Article]:
    """Of the identical copies ``group`` of a text, those ``other`` (another text) may have taken
    it from: of the copies whose outlet it credits by name, not published after it, else of those
    paired with it (``partners``), the ones no other of them is dated before (several when the
    dates do not order them)."""
    pool = [c for c in group if c.outlet and _order(c, other) >= 0 and names_outlet(other, c)]
    if not pool:
        pool = [c for c in group if c.id in partners]
    return [c for c in pool if not any(_order(f, c) > 0 for f in pool)]


def _cited(
    by_id: dict[str, Article],
    pairs: Sequence[ArticlePair],
    names_outlet: Callable[[Article, Article], dict[str, Any] | None],
) -> dict[tuple[str, str], set[str]]:
    """(naming article, outlet) -> the article(s) of that outlet an attribution names: of those it
    shares text with and that were not published after it, the ones it shares the most with.

    "told SANA" names SANA, not one of SANA's reports. On FA-KES dev al-Alam's round-up of 7
    November 2016 took 2,658 characters from SANA's report of that day and shares SANA's stock
    sentences ("A source at Aleppo Police Command told SANA") with fifteen other SANA reports of
    August to November, each made its source by the attribution when the dates were hidden: ten
    earlier ones, and five later ones, which cannot be. The share is the smaller of the two articles'
    shares, as ``SUBSTANTIAL_CHARS`` counts it (a stock sentence al-Manar repeats, matched to SANA's
    one sentence, counts once); a tie names each of the tied (one report given twice)."""
    share: dict[tuple[str, str], int] = {}
    for pair in pairs:
        a, b = by_id.get(pair.a), by_id.get(pair.b)
        if a is None or b is None or not pair.shared or a.id == b.id or _one_page(a, b):
            continue
        chars = min(
            union_length([(p.a_start, p.a_end) for p in pair.shared]),
            union_length([(p.b_start, p.b_end) for p in pair.shared]),
        )
        for named, naming in ((a, b), (b, a)):
            if not named.outlet or _order(named, naming) < 0:
                continue
            if names_outlet(naming, named) is None:
                continue
            key = (naming.id, named.id)
            share[key] = max(share.get(key, 0), chars)
    best: dict[tuple[str, str], tuple[int, set[str]]] = {}
    for (naming_id, named_id), chars in sorted(share.items()):
        key = (naming_id, by_id[named_id].outlet or "")
        top = best.get(key)
        if top is None or chars > top[0]:
            best[key] = (chars, {named_id})
        elif chars == top[0]:
            top[1].add(named_id)
    return {key: ids for key, (_, ids) in best.items()}


def _one_page(a: Article, b: Article) -> bool:
    """Whether two articles are versions of one page: one outlet's, at one address (saved before
    and after an edit, or each given by an export). Of all they share neither copied the other:
    provenance had rt.com copying rt.com, and the update's own text passed for a rewrite's."""
    return bool(a.url) and a.url == b.url and (a.outlet or "").casefold() == (b.outlet or "").casefold()


def _mark_indirect(
    edges: dict[tuple[str, str], ProvenanceEdge],
    shared_in: dict[tuple[str, str], list[tuple[int, int]]],
    min_chars: int,
) -> None:
    """Mark ``source -> derived`` indirect when the text came by way of a third article ``via``.

    ``via`` must itself have taken from ``source`` and given to ``derived``; nearly all that
    ``derived`` shares with ``source`` (``INDIRECT_COVER``) it shares with ``via`` too, and it
    carries at least ``min_chars`` of ``via``'s text that ``source`` does not have: ``via``'s own
    words, which only a copy of ``via`` can hold. Without them (``via`` a verbatim copy of
    ``source``) either could be the one copied, and the edge stays as it is. The edge is kept,
    since the text does come from ``source``; the evidence says through whom, so a reader of a
    wire story's twenty reprints sees who copied whom rather than everyone copying the wire.
    """
    direct = {k: e for k, e in edges.items() if e.directed and not e.source.startswith("external:")}
    size = {k: union_length(shared_in[k]) for k in direct}
    sources_of: dict[str, list[str]] = {}
    for s, d in sorted(direct):
        sources_of.setdefault(d, []).append(s)
    for d, sources in sources_of.items():  # the ones it shares most with, first
        sources.sort(key=lambda m: (-size[(m, d)], m))
        del sources[INDIRECT_TRIED + 1 :]  # the source itself may be among them
    for (s, d), edge in sorted(direct.items()):
        from_s = shared_in[(s, d)]
        own = size[(s, d)]
        best: tuple[float, int, str] | None = None
        for m in sources_of[d]:
            if m == s or (s, m) not in direct:
                continue
            from_m = shared_in[(m, d)]
            both = union_length(from_s + from_m)
            covered = (own + union_length(from_m) - both) / max(1, own)
            extra = both - own
            if covered >= INDIRECT_COVER and extra >= min_chars and (best is None or (covered, extra) > best[:2]):
                best = (covered, extra, m)
        if best is not None:
            edge.evidence.append(
                {"type": "indirect", "via": best[2], "covered": round(best[0], 3), "via_only_chars": best[1]}
            )


def _fp_spans(first: dict[str, Span], fp: str, ids: tuple[str, str]) -> list[dict[str, Any]]:
    """Where the fingerprint sits in each of the two articles (the quote when it is a wording),
    in each one's first span of the group (``first``, by article)."""
    out: list[dict[str, Any]] = []
    for art in ids:
        s = first.get(art)
        if s is None:
            continue
        x = s.text.find(fp)
        if x >= 0:
            out.append({"article": art, "start": s.start + x, "end": s.start + x + len(fp), "text": fp})
        else:
            out.append(s.to_dict())
    return out


def _add(edges: dict[tuple[str, str], ProvenanceEdge], e: ProvenanceEdge) -> None:
    key = (e.source, e.derived)
    old = edges.get(key)
    if old is None:
        edges[key] = e
        return
    old.confidence = max(old.confidence, e.confidence)
    for ev in e.evidence:
        if ev not in old.evidence:
            old.evidence.append(ev)
