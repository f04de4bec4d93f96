"""``headline_unsupported``: a headline that asserts more than its sources say.

Two general patterns, both checked against what *quoted sources* say (an outlet's own narrative
does not support its own headline):

* **Labels and loaded words**: actor labels ("X-backed", "X-funded" ...) and loaded verbs or
  nouns ("murder", "massacre", "regime" ...) in the headline that no quotation of the source the
  headline names uses (or, when it names none, no quotation in any article of the story and no
  other article's text: "US-led" in theirs supports "US-led" in it). A word the headline quotes
  is its source's; "terrorists" of a group the UN lists ("ISIS terrorists") is no charge; a
  "murder" the texts tell as a beheading or an execution is theirs too.
* **Attribution dropped**: a headline that states as fact what the body it heads attributes to
  someone ("according to X", "X said"); one that hedges ("allegedly", "Claim: ...", a question)
  states nothing as fact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from newstrace.compare.findings import WEIGHTS, FindingContext, _dedupe, _join, _q
from newstrace.compare.pairing import View, speaker_keys
from newstrace.compare.text import (
    QUOTE_FOLD,
    acronym,
    bag,
    content_stems,
    cosine,
    names,
    stem,
    words,
)
from newstrace.model import Finding, Quote, Span

_REPORTING = (
    r"acknowledg\w*|admit\w*|says?|said|confirm\w*|claim\w*|warn\w*|accus\w*|reports?|reported|reveal\w*|"
    r"conced\w*|announc\w*|states?|stated|finds?|found|declar\w*|condemn\w*|blam\w*|slams?|insists?|denies|deny|"
    r"recogni[sz]\w*|concludes?|agrees?|calls?|decr(?:y|ies|ied)|denounc\w*|dismiss\w*"
)
#: a headline's subject is a few words from the start of one of its sentences ("UN envoy de Mistura
#: says", "... $349. French website iGen.fr now claims ..."); "State" after "Islamic" or
#: "United" is a name, not "states" ("... militants with the Islamic State ...")
_ATTRIBUTION = re.compile(
    rf"(?:^|(?<=[.!?]\s))(?P<subject>(?:\S+\s+){{0,7}}?\S+?)\s+(?:(?:finally|now|also|officially|quietly|openly)\s+)?"
    rf"(?<!\bIslamic\s)(?<!\bUnited\s)(?P<verb>{_REPORTING})\b\s*(?:that\s+)?(?P<rest>.+)$",
    re.I,
)
#: the last word of a headline's trailing " - WHO" when WHO is one who speaks ("... - Homs
#: Governor"), not the page's site or section (" - Daily Sabah", " - Region - World - Ahram Online")
_SPEAKER_HEADS = frozenset(
    ["governor", "minister", "ministry", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
     "president", "envoy", "ambassador", "commander", "mayor", "monitor", "observatory", "army", "military",
     "police", "source", "sources", "activists", "witnesses", "residents", "medics", "doctors", "rescuers",
     "un", "who", "unicef", "unhcr", "msf", "pentagon", "kremlin", "report", "reports", "statement"]
)
_TRAILING_WHO = re.compile(r"\s[-–—|]\s*(?P<who>[^-–—|]+?)\W*$")
#: a headline ending in its source without a dash ("... in Syrias Idlib monitor", "..., UN says",
#: "... a British dad who went to fight IS has revealed")
_TRAILING_SAYS = re.compile(r"\b(?:monitor|observatory|says|said|ha(?:s|ve)\s+revealed)\W*$|\bsays\s+(?:\S+\s+){0,3}\S+\W*$", re.I)
_AFFILIATION = r"backed|supported|funded|sponsored|armed|led|allied|linked|affiliated|controlled|aligned|trained|run|owned|paid"
_LABEL = re.compile(rf"\b(?P<who>[A-Za-z][\w.]*(?:-[A-Za-z][\w.]*)*?)-(?P<how>{_AFFILIATION})\b", re.I)
#: loaded words a neutral source rarely uses; the headline must not add them on its own
LOADED = frozenset(
    stem(w)
    for w in ["murder", "murdering", "murderers", "massacre", "massacring", "slaughter", "slaughtering", "butcher", "butchering", "genocide", "annihilate", "exterminate", "terrorist", "terrorists", "terror", "regime", "puppet", "puppets", "thugs", "savage", "barbaric", "atrocity", "atrocities", "invaders", "invasion", "occupiers", "jihadists", "extremists", "propaganda", "lies", "liars", "hoax", "bombshell", "destroy", "destroys", "crushing", "crush"]
)
#: a quotation in a headline: "..." or '...' (not an apostrophe, "Syria's")
_QUOTED = re.compile(r"\"[^\"]+\"|(?<!\w)'[^']+'(?!\w)")
#: a headline that hedges what it says ("allegedly", "may" but not "May", "Claim: ...", ending in a question)
#: states nothing as fact; "Only in Detroit? Holy stolen Batmobile" does
_HEDGED = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|apparently|possibly|likely|seems?|appears?|might|could)\b|\b(?-i:may)\b|\?\W*$|^\W*(?:claim|report|rumou?r)s?:",
    re.I,
)
#: "terrorist", "extremist", "jihadist" of a group the UN lists as terrorist, named in the same
#: headline ("ISIS terrorists", "al-Shabaab terror group"): a name every source would accept, no charge
_CALLED_TERRORIST = frozenset(stem(w) for w in ["terror", "terrorist", "terrorists", "jihadist", "jihadists", "extremists", "extremist"])
_LISTED_GROUP = re.compile(r"\b(?:ISIS|ISIL|Isis|Isil|IS|Daesh)\b|(?i:\bIslamic\s+State\b|\bQa[e']?da\b|\bShabaa?b\b|\bBoko\s+Haram\b|\bNusra\b)")
#: what a killing the texts tell as a beheading or an execution is: a murder
_MURDER = frozenset(stem(w) for w in ["murder", "murdering", "murderers"])
_MURDER_TOLD = frozenset({"behead", "execut", "execution"})
_ACTOR_HEAD = (
    r"groups?|rebels?|opposition|militants?|fighters?|forces|insurgents?|terrorists?|militias?|jihadists?|"
    r"troops|army|armies|regime|government|soldiers|gunmen|extremists?"
)
_ACTOR = re.compile(rf"\b(?:{_ACTOR_HEAD})(?:\s+(?:{_ACTOR_HEAD}))*\b", re.I)
_MODIFIER = re.compile(r"([A-Za-z][\w’'\-]*)\s+$")


def actor_phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first actor noun phrase in ``text[start:end]``: its head nouns ("opposition groups") plus
    up to two content-word modifiers before them ("armed")."""
    m = _ACTOR.search(text, start, end)
    if m is None:
        return None
    s = m.start()
    for _ in range(2):
        mm = _MODIFIER.search(text, start, s)
        if mm is None or mm.group(1).lower() in STOP_WORDS:
            break
        s = mm.start(1)
    return s, m.end()


@dataclass
class Term:
    """A headline term that needs support: its span in the title and the stems that would support it."""

    start: int
    end: int
    text: str
    kind: str  # "label" or "loaded"
    support: tuple[frozenset[str], ...]  # a quotation supports it when it meets every one of these sets


def headline_terms(title: str) -> list[Term]:
    """Actor labels and loaded words in a headline, each with what would count as support."""
    terms: list[Term] = []
    for m in _LABEL.finditer(title):
        who = m.group("who")
        how = stem(m.group("how"))
        whos = frozenset({who.lower().strip("."), stem(who), who.replace(".", "").lower()})
        # "US-backed" is supported by "US-backed", "backed by the US", "supported by the United States" ...
        hows = frozenset({"back", "support", "fund", "sponsor"}) if how in {"back", "support", "fund", "sponsor"} else frozenset({how})
        terms.append(Term(m.start(), m.end(), m.group(0), "label", (whos, hows)))
    quoted = [m.span() for m in _QUOTED.finditer(title.translate(QUOTE_FOLD))]
    listed = _LISTED_GROUP.search(title)
    for m in re.finditer(r"[A-Za-z][A-Za-z’'\-]*", title):
        st = stem(m.group(0))
        if any(s <= m.start() < e for s, e in quoted):
            continue  # a word the headline quotes is its source's ("... was a 'lie.'")
        if st in _CALLED_TERRORIST and listed:
            continue
        if st in LOADED and not any(t.start <= m.start() < t.end for t in terms):
            terms.append(Term(m.start(), m.end(), m.group(0), "loaded", (frozenset({st} | (_MURDER_TOLD if st in _MURDER else set())),)))
    terms.sort(key=lambda t: t.start)
    return terms


def _quote_stems(text: str) -> set[str]:
    """Stems of a quotation plus acronyms of its names, so "United States" supports "US"."""
    toks = set(content_stems(text)) | names(text)
    for m in re.finditer(r"(?:[A-Z][a-z]+\s+){1,3}[A-Z][a-z]+", text):
        toks.add(acronym(m.group(0)))
    # the parts of a joined word, so a text's "US-led coalition" supports a headline's "US-led"
    # (``words`` keeps "us-led" whole, whose stem "us-l" met no label)
    toks.update(m.group(0).replace(".", "").lower() for m in re.finditer(r"\b(?:[A-Z]\.){2,}", text))  # "U.S." -> "us"
    for w in words(text):
        if "-" in w:
            toks.update(stem(part) for part in w.split("-") if len(part) > 1)
    return toks


def _supported(term: Term, quote_stems: set[str]) -> bool:
    return all(s & quote_stems for s in term.support)


def headline_findings(ctx: FindingContext) -> list[Finding]:
    out: list[Finding] = []
    for story in ctx.stories:
        story_views = [ctx.views[a] for a in story]
        memo = _Memo()
        for v in story_views:
            if not (v.article.title or "").strip():
                continue
            finding = _check_headline(ctx, v, story_views, memo)
            if finding is not None:
                out.append(finding)
    return out


class _Memo:
    """What every headline of a story reads again of the others: each quotation's speaker keys
    and each text's stems, computed once per story instead of once per headline."""

    def __init__(self) -> None:
        self.keys: dict[tuple[int, int], set[str]] = {}
        self.stems: dict[str, set[str]] = {}

    def speaker_keys(self, sv: View, q: Quote) -> set[str]:
        k = (id(sv), id(q))
        if k not in self.keys:
            self.keys[k] = speaker_keys(sv, q)
        return self.keys[k]

    def quote_stems(self, text: str) -> set[str]:
        if text not in self.stems:
            self.stems[text] = _quote_stems(text)
        return self.stems[text]


def _check_headline(ctx: FindingContext, v: View, story: Sequence[View], memo: _Memo) -> Finding | None:
    title = v.article.title or ""
    m = _ATTRIBUTION.search(title.translate(QUOTE_FOLD))
    subject = m.group("subject") if m else None
    claim_start = m.start("rest") if m else 0
    terms = [t for t in headline_terms(title) if t.start >= claim_start]
    if terms:
        found = _unsupported_terms(ctx, v, story, subject, terms, memo)
        if found is not None:
            return found
    return _attribution_dropped(ctx, v, title, m is not None or _attributed_at_end(title))


def _attributed_at_end(title: str) -> bool:
    """A headline that names its source at its end: " - WHO" where WHO's last word is one who
    speaks, or a closing "monitor" or "says X".

    FA-KES dev: Sputnik's "US Missile Strike on Syria Kills Five Injures Seven - Homs Governor"
    and Daily Sabah's "Russian strike kills 18 civilians in Syrias Idlib monitor" were said to
    state as fact what their bodies attribute to the governor and the monitor they name.
    """
    folded = title.translate(QUOTE_FOLD).strip()
    if _TRAILING_SAYS.search(folded):
        return True
    m = _TRAILING_WHO.search(folded)
    return m is not None and m.group("who").split()[-1].lower().strip(".,'") in _SPEAKER_HEADS


def _sources(story: Sequence[View], subject: str | None, memo: _Memo) -> list[tuple[View, Quote]]:
    """Quotations by the source the headline names (all quotations when it names none)."""
    quotes = [(sv, q) for sv in story for q in sv.claims.quotes if q.end > q.start]
    if subject is None:
        return quotes
    subj = (names(subject) | set(content_stems(subject))) - {"finally"}
    subj |= {acronym(subject)} if len(subject.split()) > 1 else set()
    if not subj:
        return []
    return [(sv, q) for sv, q in quotes if q.speaker and subj & memo.speaker_keys(sv, q)]


def _unsupported_terms(
    ctx: FindingContext, v: View, story: Sequence[View], subject: str | None, terms: list[Term], memo: _Memo
) -> Finding | None:
    sources = _sources(story, subject, memo)
    if subject is not None and not sources:
        return None  # the named source is not quoted anywhere: nothing to check the headline against
    if subject is None and not sources:
        return None
    support = [memo.quote_stems(sv.article.text[q.start : q.end]) for sv, q in sources]
    if subject is None:
        # A headline that names no source may use what the other outlets call the actors too.
        support += [memo.quote_stems(sv.article.text) for sv in story if sv is not v]
    unsupported = [t for t in terms if not any(_supported(t, st) for st in support)]
    if not unsupported:
        return None
    title = v.article.title or ""
    evidence = [Span.of(v.article, t.start, t.end, field="title") for t in unsupported]
    # What the named source does call the actors: the first actor phrase in its quotations.
    actor: tuple[View, int, int] | None = None
    for sv, q in sorted(sources, key=lambda p: (p[0] is not v, p[1].start)):
        found = actor_phrase(sv.article.text, q.start, q.end)
        if found:
            actor = (sv, *found)
            break
    speaker = next((q.speaker for _, q in sources if q.speaker), None)
    who = f"the quotations of {speaker}" if subject is not None and speaker else "no quoted source"
    actor_bit = ""
    if actor is not None and subject is not None:
        sv, s, e = actor
        evidence.append(Span.of(sv.article, s, e))
        for other in story:  # the same words in the other articles that quote the source
            if other is sv:
                continue
            idx = other.article.text.find(sv.article.text[s:e])
            if idx >= 0 and any(q.start <= idx < q.end for _, q in sources if _ is other):
                evidence.append(Span.of(other.article, idx, idx + e - s))
        actor_bit = f", while {who} speak of {_q(sv.article.text[s:e], 40)}"
    lead = (
        f"The headline of {ctx.label(v.article.id)}, {_q(title, 100)}, "
        + (f"attributes to {subject.strip()} " if subject else "uses ")
        + _join(_q(t.text, 30) for t in unsupported)
        + actor_bit
        + "; "
        + ("none of that source's quoted words use " if subject else "no quoted source uses ")
        + ("them." if len(unsupported) > 1 else "it.")
    )
    importance = WEIGHTS["headline_unsupported"] * (1.0 if any(t.kind == "label" for t in unsupported) else 0.8)
    return Finding("headline_unsupported", [v.article.id], lead, _dedupe(evidence), importance)


def _attribution_dropped(ctx: FindingContext, v: View, title: str, attributed: bool) -> Finding | None:
    """A bare headline whose closest body sentence is a report by someone, not the outlet's finding:
    of the body's sentences the one giving the headline's numbers, of those the nearest in words."""
    if attributed or not v.sents or any(c in title for c in "“”‘’\"'") or _HEDGED.search(title):
        return None
    hb = bag(title)
    if len(hb) < 3:
        return None
    counts = {w for w in hb if any(c.isdigit() for c in w)}  # the headline's numbers: "kill 26 people"
    best = max(v.sents, key=lambda s: (len(counts & bag(v.sentence_text(s)).keys()), cosine(hb, bag(v.sentence_text(s))), -s.start))
    if cosine(hb, bag(v.sentence_text(best))) < 0.5:
        return None
    if _fold(title) in _fold(v.sentence_text(best)):
        return None  # the body repeating its own headline (a page header), not a report of it
    source = None
    for q in v.claims.quotes:
        if q.speaker and q.speaker_start is not None and best.start <= q.speaker_start < best.end:
            source = source or q.speaker
    for n in v.claims.quantities:
        if n.source and best.start <= n.start < best.end and n.source in v.sentence_text(best):
            source = source or n.source
    if source is None or any(ch.isdigit() for ch in source):
        return None
    if v.article.author and (names(source) & names(v.article.author)):
        return None  # a byline, not a source
    if names(source) & names(title):
        return None  # the headline names its source
    return Finding(
        "headline_unsupported",
        [v.article.id],
        f"The headline of {ctx.label(v.article.id)}, {_q(title, 100)}, states as fact what its body attributes to {source}.",
        [Span.of(v.article, 0, len(title), field="title"), Span.of(v.article, best.start, best.end)],
        WEIGHTS["headline_unsupported"] * 0.65,
    )


def _fold(text: str) -> str:
    return " ".join(text.translate(QUOTE_FOLD).lower().split())
