"""Per-article features for story clustering: hashed term counts, proper-noun entities, time.

This is the pure per-article step both engines run (local loop, Spark ``mapPartitions``): it needs
no corpus statistics, so it can run anywhere in parallel; IDF weighting happens later, in the
sequential clusterer, from document frequencies accumulated in stream order.

Terms are hashed into a fixed space (CRC-32, deterministic across processes, unlike ``hash()``),
so a document-frequency table for millions of articles is one fixed-size array and no vocabulary
has to be shared between workers. Entities are capitalised tokens that do not open a sentence: a
model-free stand-in for NER that costs microseconds per article and works on any text written in a
script with letter case (Latin, Greek, Cyrillic). In a text written without case (Arabic, Chinese)
every word but a stop word stands in for a name and a place (``_entity_counts``, ``caseless_names``).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from newstrace.claims.lexicon import NAME_PARTICLES
from newstrace.corpus.gazetteer import LEAD_WEIGHTS, regions
from newstrace.corpus.kinds import kinds, report_kind
from newstrace.corpus.words import ARABIC_STOP_WORDS, ENGLISH_STOP_WORDS, sentence_words
from newstrace.model import Article, published_instant

#: size of the hashed term space; 2**20 keeps collisions rare for news vocabularies
DIM_BITS = 20
DIM_MASK = (1 << DIM_BITS) - 1

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_STOP = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    {"said", "says", "told", "according", "reported", "report", "also", "new", "like", "just", "year",
     "mr", "mrs", "ms", "dr", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
     "dec", "read", "more", "comment", "share", "home"}
)
#: entity-like tokens that are really sentence furniture ("The", "But") or datelines
_ENT_STOP = _STOP | {"i", "it", "its", "we", "you", "they", "he", "she", "this", "that", "there"}
#: function words of a script without letter case, which nothing else tells from a name there
_CASELESS_STOP = _ENT_STOP | ARABIC_STOP_WORDS
#: how many body terms per article are kept for labels (the clusterer's vocabulary)
LABEL_TERMS = 12
#: content terms of the headline and opening words that make up the lead (what happened, where)
LEAD_TERMS = 60
#: a capitalised name after a locative preposition ("in Aleppo", "near eastern Ghouta") is a place
_PLACE = re.compile(
    r"\b(?:in|at|near|outside|around|across|into|from|of|on)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|rural\s+|countryside\s+of\s+)?"
    r"([^\W\d_][\w'’-]*)",
    re.UNICODE,
)
#: lower-case words inside a name ("Ministry of Defence", "Bashar al Assad", "Staffan de Mistura");
#: the particles (``claims.lexicon.NAME_PARTICLES``, which speakers read too) also open one ("de
#: Mistura", "von der Leyen")
NAME_JOINERS = frozenset({"of", "for"}) | NAME_PARTICLES
#: a name written with its particle as one word ("Jaish al-Islam", "Deir ez-Zor", "Ahrar al-Sham"):
#: lower case, so no entity, but a word of the name it stands in
_PARTICLE_WORD = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|ez|es|bin|ibn|abu)[-‐'’][^\W\d_]", re.UNICODE)
#: capitalised words in the longest name a label shows ("Syrian Observatory for Human Rights");
#: longer runs of capitals are lists or title-case phrases
NAME_WORDS = 4
#: how often an article must write a name before labels show it rather than its single words
NAME_SEEN = 2


def norm_term(token: str) -> str | None:
    """Lower-case, drop possessives and plural ``s`` so "rockets" and "rocket's" meet "rocket"."""
    t = token.lower().replace("’", "'").strip("'-")
    if t.endswith("'s"):
        t = t[:-2]
    if len(t) < 2 or t in _STOP:
        return None
    if len(t) > 4 and t.endswith("ies"):
        t = t[:-3] + "y"
    elif len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us", "is")):
        t = t[:-1]
    if t in _STOP:
        return None
    return t


def caseless(word: str) -> bool:
    """Whether a word is written in a script without letter case (Arabic, Hebrew, Chinese, Hindi...)."""
    c = word[:1]
    return not c.isupper() and not c.islower()


def written_without_case(toks: list[tuple[str, bool, str]]) -> bool:
    """Whether most of a text is written in a script without letter case, where no capital marks a
    name: an Arabic report, not an English one that quotes an Arabic or Chinese tweet (whose
    capitals still mark its names, and whose quoted words are read as they always were).

    Most of its characters, not of its words: a Chinese text writes a whole clause as one word,
    and the Latin names it carries are words of a few letters each."""
    return 2 * sum(len(w) for w, _, _ in toks if caseless(w)) > sum(len(w) for w, _, _ in toks)


def term_dim(term: str, namespace: str = "w") -> int:
    """The hashed dimension of a term; ``namespace`` keeps entity and word spaces apart."""
    return zlib.crc32(f"{namespace}:{term}".encode()) & DIM_MASK


def sublinear(counts: Counter[int]) -> dict[int, float]:
    """1 + log(tf): a term repeated ten times is stronger evidence, not ten times stronger."""
    return {d: 1.0 + math.log(c) for d, c in counts.items()}


@dataclass
class ArticleFeatures:
    """What the clusterer needs of one article; plain JSON-able values so engines can ship it.

    ``body``/``title``/``ents`` map hashed dimensions to sublinear term frequencies; ``lead`` is the
    same for the headline and first ``LEAD_TERMS`` content words (news puts what happened first);
    ``places`` counts names that follow a locative preposition (no IDF: a common place is still
    the place); ``regions`` counts the provinces (first-level regions) of the places the text
    names (``corpus/gazetteer.py``) and ``kinds`` the kinds of violence it reports
    (``corpus/kinds.py``, one count each): what tells two reports of one day and one war apart
    when they are about different places or different attacks; ``report`` is whether the
    headline reports a statement or an event (``kinds.report_kind``); ``terms`` maps the strongest body
    and entity dimensions back to readable words for story labels; ``t`` is the publication time
    in days since 1970 (``None`` when unknown). ``emb`` is the article's unit sentence embedding
    (``corpus/semantic.py``) when the run uses ``--semantic``, else ``None`` (and absent from
    ``to_dict``, so default runs ship what they did).
    """

    id: str
    outlet: str | None
    published: str | None
    t: float | None
    body: dict[int, float] = field(default_factory=dict)
    title: dict[int, float] = field(default_factory=dict)
    ents: dict[int, float] = field(default_factory=dict)
    terms: dict[int, str] = field(default_factory=dict)
    title_text: str | None = None
    lead: dict[int, float] = field(default_factory=dict)
    places: dict[int, float] = field(default_factory=dict)
    regions: dict[int, float] = field(default_factory=dict)
    kinds: dict[int, float] = field(default_factory=dict)
    report: dict[int, float] = field(default_factory=dict)
    emb: list[float] | None = None

    @property
    def outlets(self) -> dict[int, float]:
        """The outlet as a one-dimension vector (none when unknown), which a centroid sums like the
        others (``similarity.Centroid.outlets``): which outlets a story's reports come from."""
        return {term_dim(self.outlet, "o"): 1.0} if self.outlet else {}

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "outlet": self.outlet,
            "published": self.published,
            "t": self.t,
            "body": [[d, v] for d, v in sorted(self.body.items())],
            "title": [[d, v] for d, v in sorted(self.title.items())],
            "ents": [[d, v] for d, v in sorted(self.ents.items())],
            "terms": [[d, s] for d, s in sorted(self.terms.items())],
            "title_text": self.title_text,
            "lead": [[d, v] for d, v in sorted(self.lead.items())],
            "places": [[d, v] for d, v in sorted(self.places.items())],
            "regions": [[d, v] for d, v in sorted(self.regions.items())],
            "kinds": [[d, v] for d, v in sorted(self.kinds.items())],
            "report": [[d, v] for d, v in sorted(self.report.items())],
        }
        if self.emb is not None:
            d["emb"] = list(self.emb)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleFeatures:
        return cls(
            id=d["id"],
            outlet=d.get("outlet"),
            published=d.get("published"),
            t=d.get("t"),
            body={int(k): float(v) for k, v in d.get("body") or []},
            title={int(k): float(v) for k, v in d.get("title") or []},
            ents={int(k): float(v) for k, v in d.get("ents") or []},
            terms={int(k): str(v) for k, v in d.get("terms") or []},
            title_text=d.get("title_text"),
            lead={int(k): float(v) for k, v in d.get("lead") or []},
            places={int(k): float(v) for k, v in d.get("places") or []},
            regions={int(k): float(v) for k, v in d.get("regions") or []},
            kinds={int(k): float(v) for k, v in d.get("kinds") or []},
            report={int(k): float(v) for k, v in d.get("report") or []},
            emb=[float(x) for x in d["emb"]] if d.get("emb") is not None else None,
        )

    def dims(self) -> set[int]:
        """Every dimension this article contributes to document frequencies (once per article)."""
        return set(self.body) | set(self.title) | set(self.ents)


#: day 0 of ``days`` (the clock clusters keep time by)
EPOCH = date(1970, 1, 1)


def days(published: date | datetime | None) -> float | None:
    """Publication time as days since 1970 (UTC), the unit all time decays are expressed in."""
    t = published_instant(published)
    return None if t is None else t / 86400.0


def tokens(text: str) -> list[tuple[str, bool, str]]:
    """Words with a flag telling whether each one opens a sentence (capitals there prove nothing),
    and the text before each: names are runs of capitalised words with only spaces between."""
    return sentence_words(text, _WORD)


def surface(token: str) -> str:
    """How a term is shown in labels: the word as written, without quotes or possessive."""
    w = token.replace("’", "'").strip("'-")
    return w[:-2] if w.endswith("'s") else w


#: a run of capitalised words: each word as written and its term (None for a joining "of")
Run = list[tuple[str, str | None]]


def _entity_counts(
    toks: list[tuple[str, bool, str]], runs: list[Run] | None = None, uncased: bool = False
) -> Counter[str]:
    """Capitalised tokens not at a sentence start, plus those at a start seen capitalised elsewhere.

    ``runs`` collects the runs of such words with only spaces (or a joining "of", "al", "de")
    between them, from which ``entity_names`` reads the names labels show. Title-case headlines
    capitalise every word, so they are read without ``runs``.

    In a text written without letter case (``uncased``: Arabic, Chinese...) nothing model-free
    tells a name from another word, so each of its caseless words that is not a stop word counts
    as a name; labels do not show them as names (``article_features``), so they show the words
    they showed. Without this an Arabic report had no names, no places and
    no lead name, the features the story model joins reports by: three outlets' verbatim copies
    of one Arabic text scored 0.02 to 0.03 with one another and made three stories.
    """
    mid = {w for w, start, _ in toks if not start and w[:1].isupper()}
    counts: Counter[str] = Counter()
    run: Run = []

    def close() -> None:
        nonlocal run
        while run and run[-1][1] is None:
            run.pop()
        if run and runs is not None:
            runs.append(run)
        run = []

    for w, start, gap in toks:
        adjacent = runs is not None and not start and bool(run) and not gap.strip()
        if not adjacent:
            close()
        if uncased and caseless(w):
            close()
            t = norm_term(w)
            if t and t not in _CASELESS_STOP:
                counts[t] += 1
            continue
        if not w[:1].isupper() or (start and w not in mid) or (w.isupper() and len(w) > 5):
            # shouted headlines are not acronyms; a joiner continues a name it stands inside, and
            # a particle opens one ("envoy de Mistura"); a word that starts with its particle
            # ("Jaish al-Islam") is a word of the name, not counted as an entity (the clustering
            # features stay as they were: labels alone show it)
            if runs is None or start:
                close()
            elif _particle_word(w):
                run.append((w, norm_term(w)))
                if w.replace("’", "'").endswith("'s"):
                    close()
            elif w in NAME_JOINERS and (adjacent or w in NAME_PARTICLES):
                run.append((w, None))
            else:
                close()
            continue
        t = norm_term(w)
        if t and t not in _ENT_STOP:
            counts[t] += 1
            run.append((w, t))
            if w.replace("’", "'").endswith("'s"):  # "Syria's Foreign Ministry" is two names
                close()
        elif runs is not None and adjacent and w.lower() in NAME_PARTICLES:
            run.append((w, None))  # "Robert De Niro": "de" is a stop word, and a particle
        else:
            close()
    close()
    return counts


def _particle_word(w: str) -> bool:
    """Whether a lower-case word is a name written with its particle ("al-Islam", "ez-Zor")."""
    m = _PARTICLE_WORD.match(w)
    return m is not None and w[m.end() - 1].isupper()


def entity_names(runs: list[Run], wanted: Iterable[str], common: Collection[str]) -> dict[str, str]:
    """How labels show each wanted entity: the name it most often stands in ("Khan Sheikhoun" for
    "sheikhoun"), so that a label does not cut one place into two, else the word as written.

    Every stretch of up to ``NAME_WORDS`` names of a run is a candidate name of each entity in it,
    so "United Nations Special Envoy for Syria Staffan de Mistura" still counts one "United
    Nations". A name written once is as likely a headline or a tag list pasted into the body
    ("Terrorist Rocket Attacks Kill", "Homs Idlib Khan Sheikhun"), so a name must recur and stand
    for at least half the entity's uses ("United States" for "United" written 11 times, 7 of them
    so); most of its words must not be words the article writes in lower case (``common``:
    "Civilians Killed Scores Injured"). The most frequent name wins, the longer when as frequent.
    """
    wanted = set(wanted)
    where: dict[str, list[tuple[Run, int]]] = {}
    for run in runs:
        for i, (_, t) in enumerate(run):
            if t in wanted:
                where.setdefault(t, []).append((run, i))
    out: dict[str, str] = {}
    for t, places in where.items():
        forms: Counter[str] = Counter()
        alone: Counter[str] = Counter()
        for run, i in places:
            # with the particles it follows: "de Mistura", "von der Leyen" (not "Mistura", "Leyen")
            k = i
            while k > 0 and run[k - 1][1] is None and run[k - 1][0].lower() in NAME_PARTICLES:
                k -= 1
            alone[" ".join([w for w, _ in run[k:i]] + [surface(run[i][0])])] += 1
            for a in range(i, -1, -1):
                if run[a][1] is None:
                    continue
                for b in range(i, len(run)):
                    terms = [x for _, x in run[a : b + 1] if x is not None]
                    if len(terms) > NAME_WORDS:
                        break
                    if run[b][1] is None or len(terms) == 1:
                        continue
                    # "Follow Follow Copyright" is page furniture, not a name
                    if 2 * sum(x in common for x in terms) <= len(terms) and len(set(terms)) == len(terms):
                        forms[" ".join(surface(w) for w, _ in run[a : b + 1])] += 1
                if sum(1 for _, x in run[a : i + 1] if x is not None) >= NAME_WORDS:
                    break
        uses = alone.total()
        named = [(k, n.count(" "), n) for n, k in forms.items() if k >= max(NAME_SEEN, uses / 2)]
        out[t] = max(named)[2] if named else alone.most_common(1)[0][0]
    return out


def title_case(words: list[str]) -> bool:
    """Whether a headline capitalises most of its longer words (title case), names or not."""
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.75 * len(long)


#: opening words of a title-case headline that, found as one run in the body, make a pasted copy
PASTED_WORDS = 4


def _bare(word: str) -> str:
    return word.strip("-–—:|.,")


def written_as_names(toks: list[tuple[str, bool, str]], title: list[str]) -> Counter[str]:
    """Terms the body capitalises inside its sentences, outside copies of the headline, and how often.

    Many pages open with their title-case headline pasted into the body ("135 Civilians Killed in
    Escalating Bombardment on Idlib"), so its words count as entities there; a word capitalised
    only in the headline and its copies, and written in lower case elsewhere, names nothing a
    label should show ("Escalating", "Bombardment"), while "Idlib" is capitalised everywhere.
    """
    return Counter(
        t
        for (w, start, _), copy in zip(toks, pasted_title(toks, title), strict=True)
        if not start and not copy and w[:1].isupper() and (t := norm_term(w))
    )


def pasted_title(toks: list[tuple[str, bool, str]], title: list[str]) -> list[bool]:
    """Which of the body's words are in a copy of the headline pasted into it (``written_as_names``)."""
    words = [_bare(w) for w, _, _ in toks]
    title = [_bare(w) for w in title]
    pasted = [False] * len(words)
    m = len(title)
    if m >= 3:  # a short title's words recur in any text as a sequence
        for i in range(len(words)):
            # the headline's opening words as far as the copy goes: pages cut a site name off the
            # title ("Several Syrians Killed ... Blasts- Al Manar TV Website Archive")
            k = 0
            while k < m and i + k < len(words) and words[i + k] == title[k]:
                k += 1
            if k >= min(m, PASTED_WORDS):
                pasted[i : i + k] = [True] * k
    return pasted


def place_counts(text: str) -> Counter[str]:
    """Capitalised names right after a locative preposition: a model-free stand-in for GPE tags."""
    counts: Counter[str] = Counter()
    for m in _PLACE.finditer(text):
        w = m.group(1)
        if not w[:1].isupper() or (w.isupper() and len(w) > 5):
            continue
        t = norm_term(w)
        if t and t not in _ENT_STOP:
            counts[t] += 1
    return counts


def caseless_names(ents: Counter[str]) -> Counter[str]:
    """The names of a text written without letter case (``_entity_counts``), as places: no capital
    marks a name there, nor a preposition of English a place, so every word read as a name stands
    in for a place too. The story model weighs place coverage most of the names' features (2.06):
    without it, verbatim Arabic copies of one day scored 0.10 with names alone, under the join
    (0.2); with it 0.45, and 5 of 2,000 pairs of different SemEval-2022 Arabic texts of one day
    joined (two of them the same text, two pages of one site)."""
    return Counter({t: c for t, c in ents.items() if caseless(t)})


@dataclass
class _Reading:
    """The words of one article as ``article_features`` and ``label_terms`` read them."""

    body_terms: Counter[str]
    title_terms: Counter[str]
    lead_terms: Counter[str]
    ents: Counter[str]
    uncased: bool
    #: how labels show the strongest body and entity dimensions (``ArticleFeatures.terms``)
    terms: dict[int, str]


def _read(article: Article) -> _Reading:
    body_toks = tokens(article.text)
    title_toks = tokens(article.title or "")
    body_terms: Counter[str] = Counter()
    lead_terms: Counter[str] = Counter()
    title_terms: Counter[str] = Counter()
    #: first written form of each term, for labels ("buses", not the term "buse")
    shown: dict[str, str] = {}
    for w, _, _ in title_toks:
        t = norm_term(w)
        if t:
            title_terms[t] += 1
            lead_terms[t] += 1
            shown.setdefault(t, w)
    n_lead = sum(lead_terms.values())
    # words the article also writes in lower case: capitalised by a headline pasted into the body
    common: Counter[str] = Counter()
    #: each term's forms as the sentences write them, not in a copy of a title-case headline
    #: pasted into the body, which capitalises every word ("Civilians Killed in ...")
    cases: dict[str, Counter[str]] = {}
    title_words = [w for w, _, _ in title_toks]
    # a title-case headline capitalises verbs too ("Turkey Urges ..."): its capitals name nothing
    shouted = title_case(title_words)
    copies = pasted_title(body_toks, title_words) if shouted else [False] * len(body_toks)
    for (w, start, _), copy in zip(body_toks, copies, strict=True):
        t = norm_term(w)
        if t:
            body_terms[t] += 1
            shown.setdefault(t, w)
            if w[:1].islower():
                common[t] += 1
            # at a sentence's start only a capital after the first letter is the word's ("ISIS")
            if not copy and (not start or any(c.isupper() for c in w[1:])):
                cases.setdefault(t, Counter())[surface(w)] += 1
            if n_lead < LEAD_TERMS:
                lead_terms[t] += 1
                n_lead += 1
    runs: list[Run] = []
    uncased = written_without_case(body_toks + title_toks)
    ents = _entity_counts(body_toks, runs, uncased) + _entity_counts(title_toks, uncased=uncased)

    terms: dict[int, str] = {}
    for t, _ in sorted((body_terms + title_terms).items(), key=lambda kv: (-kv[1], kv[0]))[:LABEL_TERMS]:
        terms[term_dim(t)] = written_case(surface(shown[t]), cases.get(t))
    named = written_as_names(body_toks, title_words)
    label_ents = [
        t
        for t, _ in sorted(ents.items(), key=lambda kv: (-kv[1], kv[0]))
        # capitalised more often inside sentences than written in lower case: a subheading
        # ("At least 57 Civilians killed More than 150 Injured") capitalises common words too
        # (and not a word of a text without case: nothing says it is a name)
        if (named[t] > common[t] or not (shouted or t in common)) and not (uncased and caseless(t))
    ][:LABEL_TERMS]
    names = entity_names(runs, label_ents, common)
    title_ents = {norm_term(w): surface(w) for w, _, _ in reversed(title_toks)}
    for t in label_ents:
        terms[term_dim(t, "e")] = names.get(t) or title_ents[t]
    return _Reading(body_terms, title_terms, lead_terms, ents, uncased, terms)


def written_case(form: str, cases: Counter[str] | None) -> str:
    """How a label shows a word of ``form`` (its first written form, which says which of the
    term's words it is: "buses" for the term "buse"): in the case its sentences most write it
    (``cases``: each form inside a sentence, and how often), "al-Nusra", "Aleppo" and "Russian"
    as the text writes them (not "al-nusra", "aleppo"), "civilians" in lower case; a word no
    sentence writes but at its start (or only a headline), whose capital proves nothing, in lower
    case."""
    key = form.lower()
    written = Counter({f: n for f, n in (cases or {}).items() if f.lower() == key})
    return written.most_common(1)[0][0] if written else key


def label_terms(article: Article) -> dict[int, str]:
    """``article_features(article).terms`` alone: how labels show its strongest words and names,
    read without the rest of its features (the places, kinds of violence, lead), at less than half
    the cost, for ``analyze`` to name again the stories an earlier version labelled
    (``engine.local``'s relabelling)."""
    return _read(article).terms


def article_features(article: Article) -> ArticleFeatures:
    """Hashed body/title/entity/lead/place term frequencies and time of one article."""
    read = _read(article)
    body_terms, title_terms, lead_terms, ents, uncased = (
        read.body_terms, read.title_terms, read.lead_terms, read.ents, read.uncased)

    body: Counter[int] = Counter()
    for t, c in body_terms.items():
        body[term_dim(t)] += c  # += so that two terms colliding in one dimension both count
    title: Counter[int] = Counter()
    for t, c in title_terms.items():
        title[term_dim(t)] += c
    ent: Counter[int] = Counter()
    for t, c in ents.items():
        ent[term_dim(t, "e")] += c

    lead: Counter[int] = Counter()
    for t, c in lead_terms.items():
        lead[term_dim(t)] += c
    place: Counter[int] = Counter()
    read_places = place_counts(article.title or "") + place_counts(article.text)
    if uncased:
        read_places += caseless_names(ents)
    for t, c in read_places.items():
        place[term_dim(t, "p")] += c
    region: Counter[int] = Counter()
    for r, c in regions(article.text, article.title or "", LEAD_WEIGHTS).items():
        region[term_dim(r, "r")] += c
    published = article.published.isoformat() if article.published is not None else None
    return ArticleFeatures(
        id=article.id,
        outlet=article.outlet,
        published=published,
        t=days(article.published),
        body=sublinear(body),
        title=sublinear(title),
        ents=sublinear(ent),
        terms=read.terms,
        title_text=article.title,
        lead=sublinear(lead),
        places=dict(place),
        regions=dict(region),
        kinds={term_dim(k, "k"): 1.0 for k in kinds(article.title, article.text)},
        report={term_dim(r, "s"): 1.0 for r in [report_kind(article.title)] if r},
    )
