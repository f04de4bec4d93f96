"""Streaming two-level clustering: articles into stories, stories into threads.

Articles arrive in publication order. Each joins the open story it best matches (calibrated score
over text, title and entity similarity, time decay and shared reuse; ``corpus/similarity.py``) or
starts a new one; a new story joins the best thread at a coarser threshold, or starts one. When the
stream reaches a new day, every ``merge_every`` articles and at the end of a run, a merge step
joins stories of one thread that grew together (Miranda et al. 2018 found that step worth about 7
F1 points) and threads that turned out to follow one situation.

Memory stays bounded: only stories and threads updated within their time window are kept open;
older ones are retired (handed to the caller to persist) and candidate stories are found through
an inverted index of each member's strongest terms, never by comparing against every story.

The clusterer is deterministic and engine-agnostic: the local engine feeds it from SQLite batch by
batch, the Spark engine from a sorted stream of features computed on the executors.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import json
import math
import re
import struct
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from newstrace.corpus import params
from newstrace.corpus.features import NAME_JOINERS, ArticleFeatures, term_dim
from newstrace.corpus.similarity import (
    STATE_DIM,
    STATE_VALUE,
    Centroid,
    DocFreq,
    SimilarityModel,
    SparseVec,
    features_many,
    top_regions,
)
from newstrace.corpus.words import ARABIC_STOP_WORDS
from newstrace.model import parse_published, published_order, stream_order_key

Level = Literal["story", "thread"]

#: strongest terms of each member that point to its cluster in the inverted index
INDEX_TERMS = 10
INDEX_ENTS = 5
LEAD_ENTS = 2
#: candidate clusters scored per article (the ones sharing most indexed terms)
MAX_CANDIDATES = 40
#: dimensions a centroid keeps (heaviest first) so that big clusters stay small
CENTROID_DIMS = 4000
LABEL_VOCAB = 200
#: articles of the stream between two merge steps besides a new day's: a count of the stream
#: (``StoryClusterer.seen``), never an engine's batch, so that ``analyze --batch-size`` decides only
#: how often a run commits
MERGE_EVERY = 500
#: the first bytes of a cluster state in the layout of ``Cluster.to_state``; a state without them
#: is the zlib-compressed JSON of earlier versions, still read (``analyze`` rewrites the ones it opens)
STATE_MAGIC = b"NTS2"
#: days two sums of one cluster's member times may differ by and be one sum in another order
#: (``Cluster.set_reach``): a second is 1.2e-5 days, the rounding of a thousand members' sums 1e-7
T_SUM_SLACK = 1e-6


def cluster_id(level: Level, first_article: str) -> str:
    """Stable id from the first article, identical whichever engine built the cluster."""
    prefix = "s" if level == "story" else "t"
    return prefix + hashlib.sha1(f"{level}:{first_article}".encode()).hexdigest()[:11]


#: capitalised words of page furniture pasted with the text ("Follow TRT World on Youtube",
#: "Ahram Online", "MoreImage"): no story is about them, so labels leave them out
PAGE_WORDS = frozenset(
    {"follow", "subscribe", "youtube", "facebook", "twitter", "instagram", "telegram", "online", "moreimage",
     "copyright", "click", "share", "video", "photo", "print", "advertisement"}
)


#: words an outlet's name adds to the name its articles call it by ("Al Manar TV Website", "Ahram Online")
OUTLET_SUFFIXES = PAGE_WORDS | {"tv", "website", "archive"}
#: the first labels of a host that name a site's edition, not the site ("www.almanar.com.lb",
#: "english.alarabiya.net")
HOST_EDITIONS = frozenset({"www", "m", "en", "english", "arabic", "amp", "mobile"})


def _squash(words: Iterable[str]) -> str:
    return re.sub(r"[^a-z0-9]", "", "".join(words).lower())


def outlet_keys(outlet: str) -> set[str]:
    """The forms an outlet's name takes in its articles' text, squashed to letters and digits as
    ``names_outlet`` compares them: the name itself, of a host its site's label ("almanar.com.lb",
    "www.almanar.com.lb": "almanar"), without an Arabic article written apart ("Al Manar": also
    "manar") and without the words a site adds to its name ("Ahram Online": also "ahram")."""
    o = outlet.strip().lower()
    if o and not re.search(r"\s", o) and "." in o:  # a host
        labels = [x for x in o.split(".") if x]
        while len(labels) > 2 and labels[0] in HOST_EDITIONS:
            labels.pop(0)
        o = labels[0] if labels else o
    words = [w for w in re.split(r"[\s\-_]+", o) if w]
    core = [w for w in words if w not in OUTLET_SUFFIXES] or words
    keys = set()
    for ws in (words, core):
        keys.add(_squash(ws))
        if len(ws) > 1 and ws[0] in ("al", "el"):
            keys.add(_squash(ws[1:]))
    return {k for k in keys if len(k) > 1}


def names_outlet(name: str, own: set[str]) -> bool:
    """Whether an entity's ``name`` is one of the outlets' ``own`` names (``outlet_keys``) as a
    reader takes it: in any case and spacing, or with words around it ("Al-Manar" and "Al Manar
    TV" for "manar" or "almanar.com.lb", "TRT World" for "trt", "Daily Sabah" for "dailysabah").
    A name that only shares a word with an outlet's ("Jordan" beside "Jordan Times", "World
    Health Organization" beside "TRT World") is a name of the story's."""
    words = [w for w in re.split(r"[\s\-]+", name.lower()) if w]
    return any(_squash(words[i:j]) in own for i in range(len(words)) for j in range(i + 1, len(words) + 1))


def _shown_name(term: str) -> str:
    """How a label shows an entity's term: as written ("US-led", "al-Bab"); states saved before
    2026-12 hold lower-case terms, shown in title case."""
    return term if any(c.isupper() for c in term) else term.title()


@dataclass
class Cluster:
    """A story or a thread: its centroid, provenance of its first article and bookkeeping."""

    id: str
    level: Level
    centroid: Centroid
    first_article: str
    first_outlet: str | None
    first_published: str | None
    last_published: str | None
    thread: str | None = None
    members: list[str] = field(default_factory=list)
    outlets: Counter[str] = field(default_factory=Counter)
    terms: dict[int, str] = field(default_factory=dict)
    index_dims: set[int] = field(default_factory=set)
    merged_into: str | None = None
    #: ``label`` as the clusterer last named it (``StoryClusterer._name_changed``): at points of the
    #: stream, never at the engine's batch boundaries; ``""`` until the first one
    name: str = ""

    @property
    def size(self) -> int:
        return self.centroid.n

    def label(self, df: DocFreq, n_ents: int = 3, n_words: int = 3, first: Sequence[int] = ()) -> str:
        """A short generated name: strongest entities, then strongest other words.

        Entities are shown as the names they stand in, so two strong words of one name ("Khan",
        "Sheikhoun") give it once and leave room for the next entity. The dimensions ``first``
        (``shown``) come first, in their order, before those ``df`` ranks.
        """
        lead = [d for d in first if d in self.terms]

        def ranked(vec: dict[int, float], folded: bool = False) -> list[str]:
            dims = [d for d in vec if d in self.terms]
            if not dims:
                return []
            idf = df.idf(np.asarray(dims, dtype=np.int64))
            # words of equal weight in the order of their lower case ("girl" before "Jadid", as
            # before "jadid" when words were shown in lower case): how one is written does not rank it
            order = sorted(zip(dims, idf, strict=True),
                           key=lambda x: (-vec[x[0]] * x[1], self.terms[x[0]].lower() if folded else "", self.terms[x[0]]))
            front = [d for d in lead if d in vec]
            return [self.terms[d] for d in front] + [self.terms[d] for d, _ in order if d not in front]

        # the outlets' own names ("TRT World", "Ahram Online", "Reuters") sign their articles and
        # name no part of the story
        own = {k for o in self.outlets for k in outlet_keys(o)}
        names: list[str] = []
        dropped: set[str] = set()
        for e in ranked(self.centroid.ents.v):
            name = _shown_name(e)
            parts = set(name.lower().split())
            if names_outlet(name, own) or parts <= PAGE_WORDS | NAME_JOINERS:
                dropped |= parts  # nor their words ("trt world" once "TRT World" is left out)
                continue
            # a subset, or another form of one name ("Foreign Minister Mohammad Javad" beside
            # "Minister Mohammad Javad Zarif"): most of its words already shown in one name
            if any(2 * len(parts & set(n.lower().split())) > len(parts) for n in names):
                continue
            wider = [i for i, n in enumerate(names) if set(n.lower().split()) < parts]
            if wider:
                names[wider[0]] = name
                names = [n for i, n in enumerate(names) if i not in wider[1:]]
            else:
                names.append(name)
            if len(names) == n_ents:
                break
        skip = {w for n in names for w in n.lower().split()} | dropped | PAGE_WORDS
        words: list[str] = []
        for w in ranked(self.centroid.body.v, folded=True):
            if w.lower() not in skip and w not in words and w not in ARABIC_STOP_WORDS:
                words.append(w)
            if len(words) == n_words:
                break
        return ", ".join(names) + (": " if names and words else "") + " ".join(words)

    def shown(self, label: str) -> list[int]:
        """The dimensions ``label``, a label ``label`` gave this cluster, shows, in its order: the
        names before its ": ", then the words after it (of a label of names alone, or of words
        alone, those its parts are). Each part is the terms that show as it; a part no term shows
        as (the terms changed since) is passed over.

        A label is named with the document frequencies of its moment (``StoryClusterer._name``),
        which a later run no longer has: another moment's would rank the words otherwise (on FA-KES
        dev, 277 of 362 story labels), so a label named again by newer rules keeps the order it
        shows (``label(first=shown(label))``) and changes only where the rules do."""
        names_part, sep, words_part = label.partition(": ")
        ents = {d: _shown_name(self.terms[d]) for d in self.centroid.ents.v if d in self.terms}
        body = {d: self.terms[d] for d in self.centroid.body.v if d in self.terms}
        if not sep:
            # names alone, or words alone: whichever its parts are
            parts = names_part.split(", ")
            if not all(p in ents.values() for p in parts):
                names_part, words_part = "", names_part
        out: list[int] = []
        for name in names_part.split(", ") if names_part else []:
            out += sorted(d for d, n in ents.items() if n == name)
        for word in words_part.split(" ") if words_part else []:
            out += sorted(d for d, w in body.items() if w == word)
        return out

    def set_reach(
        self,
        outlets: Mapping[str, int],
        first_article: str,
        first_outlet: str | None,
        first: str | None,
        last: str | None,
        times: Sequence[float],
    ) -> bool:
        """Give the cluster the reach its members' stored articles give now (``engine.local.
        refresh_reach``): articles by outlet (its centroid's outlet vector with them, which
        ``_join`` sums from the same outlets), its first article in the stream and that one's
        outlet, its first and last publication, and its centroid's time statistics (``times``: each
        dated member's ``ArticleFeatures.t``, which time decay and the window read); whether anything
        changed. What it was placed by stays (the rest of its centroid, its members, its id): an
        article whose outlet was named otherwise since (the site name "RT International", then the
        host "rt.com") is the same report of the same story, and one whose date changed is where
        it was placed until ``analyze --recluster`` (``analyze`` says so).

        The time sum is recounted (``math.fsum``) only where it moved by more than ``T_SUM_SLACK``:
        the clusterer summed the same days in another order, a rounding apart."""
        counts = Counter({o: n for o, n in outlets.items() if n})
        ce = self.centroid
        t_n, t_min, t_max = len(times), min(times, default=None), max(times, default=None)
        t_sum = math.fsum(times)
        same_time = (ce.t_n, ce.t_min, ce.t_max) == (t_n, t_min, t_max) and abs(ce.t_sum - t_sum) <= T_SUM_SLACK
        now = (self.outlets, self.first_article, self.first_outlet, self.first_published, self.last_published)
        if now == (counts, first_article, first_outlet, first, last) and same_time:
            return False
        self.outlets = counts
        dims: Counter[int] = Counter()
        for o, n in counts.items():
            dims[term_dim(o, "o")] += n  # += as ``SparseVec.add`` sums two outlets of one dimension
        ce.outlets = SparseVec({d: float(n) for d, n in sorted(dims.items())})
        self.first_article, self.first_outlet, self.first_published, self.last_published = (
            first_article, first_outlet, first, last)
        if not same_time:
            ce.t_n, ce.t_min, ce.t_max, ce.t_sum = t_n, t_min, t_max, t_sum
        return True

    def to_state(self) -> bytes:
        """What a later run needs to re-open this cluster: ``STATE_MAGIC``, then zlib of the length
        of a JSON header (members, outlets, terms, the centroid's scalars and vector sizes), the
        header, every dimension (the centroid's, the terms', the indexed ones) and every value."""
        head, dims, vals = self.centroid.to_parts()
        terms = sorted(self.terms.items())
        doc = {
            "centroid": head,
            "members": self.members,
            "outlets": sorted(self.outlets.items()),
            "terms": [t for _, t in terms],
            "index_dims": len(self.index_dims),
        }
        more = [d for d, _ in terms] + sorted(self.index_dims)
        dims = np.concatenate([dims, np.asarray(more, dtype=STATE_DIM)])
        doc["sizes"] = [len(dims), len(vals)]
        header = json.dumps(doc, separators=(",", ":")).encode()
        body = b"".join([struct.pack("<I", len(header)), header, dims.tobytes(), vals.tobytes()])
        return STATE_MAGIC + zlib.compress(body, 3)

    @classmethod
    def from_state(cls, row: dict[str, Any], level: Level, blob: bytes) -> Cluster:
        """The cluster ``to_state`` saved, or a state of the JSON layout written before 2026-12."""
        if not blob.startswith(STATE_MAGIC):
            return cls._from_json_state(row, level, blob)
        raw = zlib.decompress(blob[len(STATE_MAGIC) :])
        (size,) = struct.unpack_from("<I", raw)
        doc = json.loads(raw[4 : 4 + size])
        n_dims, n_vals = doc["sizes"]
        at = 4 + size
        dims = np.frombuffer(raw, dtype=STATE_DIM, count=n_dims, offset=at).astype(np.int64)
        vals = np.frombuffer(raw, dtype=STATE_VALUE, count=n_vals, offset=at + n_dims * STATE_DIM.itemsize)
        centroid, at = Centroid.from_parts(doc["centroid"], dims, vals.astype(np.float64))
        rest = dims[at:].tolist()
        n_terms = len(doc["terms"])
        return cls._with(
            row,
            level,
            centroid,
            members=doc["members"],
            outlets=doc["outlets"],
            terms=dict(zip(rest[:n_terms], doc["terms"], strict=True)),
            index_dims=set(rest[n_terms : n_terms + int(doc["index_dims"])]),
        )

    @classmethod
    def _from_json_state(cls, row: dict[str, Any], level: Level, blob: bytes) -> Cluster:
        d = json.loads(zlib.decompress(blob))
        return cls._with(
            row,
            level,
            Centroid.from_dict(d["centroid"]),
            members=d["members"],
            outlets=d["outlets"],
            terms={int(k): v for k, v in d["terms"]},
            index_dims={int(x) for x in d["index_dims"]},
        )

    @classmethod
    def _with(
        cls,
        row: dict[str, Any],
        level: Level,
        centroid: Centroid,
        members: list[str],
        outlets: list[tuple[str, int]],
        terms: dict[int, str],
        index_dims: set[int],
    ) -> Cluster:
        return cls(
            id=row["id"],
            level=level,
            centroid=centroid,
            first_article=row["first_article"],
            first_outlet=row["first_outlet"],
            first_published=row["start"],
            last_published=row["end"],
            thread=row.get("thread"),
            members=list(members),
            outlets=Counter(dict(outlets)),
            terms=terms,
            index_dims=index_dims,
            name=row.get("label") or "",
        )


@dataclass
class Changes:
    """What a batch changed, for the caller to persist in one transaction."""

    stories: list[Cluster]
    threads: list[Cluster]
    memberships: dict[str, tuple[str, float]]
    merged: dict[str, str]
    merged_threads: dict[str, str] = field(default_factory=dict)
    #: the document frequencies of the drain, for ``label_of`` a cluster not named yet
    df: DocFreq | None = None

    def label_of(self, c: Cluster) -> str:
        """The label to write for ``c``: its name, or for one changed since the last naming point
        and never named, a provisional label (the next naming point, which every run reaches at
        its end, replaces it)."""
        if c.name or self.df is None:
            return c.name
        return c.label(self.df)


class StoryClusterer:
    """Feed ``add`` in publication order; ``drain`` the changes after each batch; ``finish`` at the end."""

    def __init__(
        self,
        story: SimilarityModel = params.STORY,
        thread: SimilarityModel = params.THREAD,
        df: DocFreq | None = None,
        merge_every: int = MERGE_EVERY,
        seen: int = 0,
        now: float | None = None,
    ) -> None:
        self.story_model = story
        self.thread_model = thread
        self.df = df or DocFreq()
        self.merge_every = merge_every
        self.seen = seen
        self.now = now
        #: articles added after the stream had passed their window (an archive ingested after newer
        #: news): the stories of their time were retired, so they meet none of them (this run only;
        #: ``analyze`` says so and points at ``--recluster``)
        self.late = 0
        self.stories: dict[str, Cluster] = {}
        self.threads: dict[str, Cluster] = {}
        self.index: dict[Level, dict[int, set[str]]] = {"story": {}, "thread": {}}
        self.article_story: dict[str, str] = {}
        self.partners: dict[str, dict[str, float]] = {}
        self._dirty_stories: set[str] = set()
        self._dirty_threads: set[str] = set()
        self._merge_pending: set[str] = set()
        self._retired: dict[str, Cluster] = {}
        self._memberships: dict[str, tuple[str, float]] = {}
        self._merged: dict[str, str] = {}
        self._merged_threads: dict[str, str] = {}
        self._thread_pending: set[str] = set()
        #: clusters whose centroid, terms or outlets changed since the last naming point
        self._unnamed: set[str] = set()
        # open stories by thread during a thread merge pass (so reuse links between two threads
        # cost their own stories, not every open story)
        self._by_thread: dict[str, list[Cluster]] = {}
        self._reach: dict[str, dict[str, float]] = {}
        # (t_max when pushed, id) of each level's open clusters, oldest first: eviction pops the
        # clusters past their horizon instead of scanning every open cluster at every article (a
        # lazy heap: an entry whose cluster grew newer or left is dropped when it surfaces)
        self._expiry: dict[Level, list[tuple[float, str]]] = {"story": [], "thread": []}

    # -- loading state ---------------------------------------------------------------------------

    def progress_state(self) -> dict[str, Any]:
        """What a resumed run needs besides the open clusters and document frequencies.

        Both engines persist it (SQLite state table, Parquet ``state``), so it is defined here once.
        """
        return {
            "n": self.df.n,
            "seen": self.seen,
            "now": self.now,
            "merge_pending": sorted(self._merge_pending),
            "thread_pending": sorted(self._thread_pending),
            "unnamed": sorted(self._unnamed),
        }

    def restore_pending(self, state: dict[str, Any]) -> None:
        """Pending merges of ``progress_state``, for the clusters that were re-opened."""
        self._merge_pending = {s for s in state.get("merge_pending", []) if s in self.stories}
        self._thread_pending = {t for t in state.get("thread_pending", []) if t in self.threads}
        self._unnamed = {c for c in state.get("unnamed", []) if c in self.stories or c in self.threads}

    def restore(self, cluster: Cluster) -> bool:
        """Re-open a persisted cluster (the local engine resuming a previous run); ``False``, and
        nothing done, for one the stream had already passed at ``now``.

        The run that saved the state had retired that cluster (``_evict``): re-opened, it would be
        retired again at the next article and written again, labelled with that moment's document
        frequencies, so a resumed run would end with other labels than an uninterrupted one (and
        its members' reuse partners would take part in merges they had left).
        """
        model = self.story_model if cluster.level == "story" else self.thread_model
        t_max = cluster.centroid.t_max
        if self.now is not None and t_max is not None and t_max < self.now - model.window:
            return False
        target = self.stories if cluster.level == "story" else self.threads
        target[cluster.id] = cluster
        self._index_add(cluster.level, cluster.id, cluster.index_dims)
        self._expire_at(cluster)
        if cluster.level == "story":
            for m in cluster.members:
                self.article_story[m] = cluster.id
        return True

    def reached(self, cluster: Cluster) -> None:
        """Note that an open ``cluster`` was given another reach (``Cluster.set_reach``): its
        newest member's time decides when it leaves its window. An entry of its older time stays
        in the heap and is passed over when it surfaces."""
        self._expire_at(cluster)

    # -- streaming -------------------------------------------------------------------------------

    def add(self, feat: ArticleFeatures, reuse: Mapping[str, float] | None = None) -> str:
        """Place one article; returns its story id (which a later merge may redirect).

        ``reuse`` maps earlier articles this one shares text with to the strength of that reuse
        (0..1, see ``reuse_strength``); their stories are always candidates, and of those it
        quotes at length (full strength) the best goes first when it clears the join: shared
        quotations are direct evidence of one statement, the rest of the score only likeness.
        """
        if feat.t is not None and self.now is not None and int(feat.t) > int(self.now):
            # a new day in the stream: merge what grew together before anything is retired, and
            # name what the day changed with the document frequencies of its end
            self.merge_step()
            self._name_changed()
        self.df.add(feat)
        self.seen += 1
        if feat.t is not None and self.now is not None and feat.t < self.now - self.story_model.window:
            self.late += 1
        if feat.t is not None:
            self.now = feat.t if self.now is None else max(self.now, feat.t)
            self._evict()
        partners = {p: w for p, w in (reuse or {}).items() if p != feat.id}
        if partners:
            self.partners.setdefault(feat.id, {}).update(partners)
            for p, w in partners.items():
                if p in self.article_story:
                    self.partners.setdefault(p, {})[feat.id] = w
        art = Centroid.of(feat)
        dims = self._top_dims(feat)
        partner_stories: dict[str, float] = {}
        for p, w in partners.items():
            sid = self.article_story.get(p)
            if sid is not None:
                partner_stories[sid] = max(w, partner_stories.get(sid, 0.0))

        best, best_score = self._best("story", art, dims, partner_stories, exclude=None)
        quoted = sorted(s for s, w in partner_stories.items() if w >= 1.0 and s in self.stories)
        if quoted and best not in quoted:
            # a story whose member the article quotes at length is where it belongs when it
            # clears the join, though another scores a hair above it on the rest of the evidence
            pbest, pscore = self._strongest(
                art, [self.stories[s] for s in quoted], self.story_model, [1.0] * len(quoted), tie_by_id=True
            )
            if pbest is not None and pscore >= self.story_model.join:
                best, best_score = pbest, pscore
        if best is not None and best_score >= self.story_model.join:
            story = self.stories[best]
            score = best_score
        else:
            story = self._new_cluster("story", feat)
            score = 1.0
            tbest, tscore = self._best("thread", art, dims, {}, exclude=None)
            if tbest is not None and tscore >= self.thread_model.join:
                story.thread = tbest
            else:
                story.thread = self._new_cluster("thread", feat).id
        self._join(story, feat, dims)
        thread = self.threads.get(story.thread) if story.thread else None
        if thread is not None:
            self._join(thread, feat, dims)
        self.article_story[feat.id] = story.id
        self._memberships[feat.id] = (story.id, round(score, 6))
        self._merge_pending.add(story.id)
        if story.thread:
            self._thread_pending.add(story.thread)
        if self.merge_every and self.seen % self.merge_every == 0:
            self.merge_step()
        return story.id

    def finish(self) -> None:
        """End of a run: the last merge step, and the names of what changed since the last day."""
        self.merge_step()
        self._name_changed()

    def _name_changed(self) -> None:
        """Label the clusters changed since the last naming point, with this moment's document
        frequencies.

        The points are the stream's (a new day, the end of a run, a cluster retired), not an
        engine's batches: labelled whenever a batch was drained, a story got the words of another
        moment's frequencies, so ``analyze --batch-size 100`` and a run resumed with another batch size
        ended with other labels than the default one (FA-KES dev with 12 FNC-1 bodies: 210 of 376
        story labels and 153 of 262 thread labels differed). Each changed cluster is labelled once
        per day, not once per article.
        """
        for cid in sorted(self._unnamed):
            c = self.stories.get(cid) or self.threads.get(cid) or self._retired.get(cid)
            if c is not None:
                self._name(c)
        self._unnamed = set()

    def _name(self, c: Cluster) -> None:
        c.name = c.label(self.df)
        self._unnamed.discard(c.id)
        (self._dirty_stories if c.level == "story" else self._dirty_threads).add(c.id)

    def drain(self) -> Changes:
        """Hand over and forget what changed since the last drain (retired clusters included)."""
        stories = [self.stories.get(i) or self._retired[i] for i in sorted(self._dirty_stories)]
        threads = [self.threads.get(i) or self._retired[i] for i in sorted(self._dirty_threads)]
        ch = Changes(stories, threads, self._memberships, self._merged, self._merged_threads, self.df)
        self._dirty_stories, self._dirty_threads = set(), set()
        self._memberships, self._merged, self._retired, self._merged_threads = {}, {}, {}, {}
        return ch

    # -- internals -------------------------------------------------------------------------------

    def _top_dims(self, feat: ArticleFeatures) -> set[int]:
        out: set[int] = set()
        for vec, k in ((feat.body, INDEX_TERMS), (feat.ents, INDEX_ENTS)):
            if not vec:
                continue
            dims = np.fromiter(vec.keys(), dtype=np.int64, count=len(vec))
            vals = np.fromiter(vec.values(), dtype=np.float64, count=len(vec)) * self.df.idf(dims)
            order = np.lexsort((dims, -vals))[:k]
            out.update(int(d) for d in dims[order])
        # the most repeated names (however common) find the stories about the same place or person
        out.update(d for d, _ in sorted(feat.ents.items(), key=lambda kv: (-kv[1], kv[0]))[:LEAD_ENTS])
        out.update(event_dims(feat))
        return out

    def _best(
        self, level: Level, art: Centroid, dims: set[int], forced: dict[str, float], exclude: str | None
    ) -> tuple[str | None, float]:
        model = self.story_model if level == "story" else self.thread_model
        pool = self.stories if level == "story" else self.threads
        cands = self._candidates(level, dims, skip=None)
        cands += sorted(set(forced) - set(cands))
        others = [pool[cid] for cid in cands if cid != exclude and cid in pool]
        return self._strongest(art, others, model, [forced.get(o.id, 0.0) for o in others], tie_by_id=True)

    def _candidates(self, level: Level, dims: Iterable[int], skip: str | None) -> list[str]:
        """The open clusters of ``level`` (not ``skip``) that share most indexed dimensions with ``dims``."""
        hits: Counter[str] = Counter()
        index = self.index[level]
        for d in dims:
            hits.update(index.get(d, ()))  # counted in C
        if skip is not None:
            hits.pop(skip, None)
        return _top_hits(hits)

    def _strongest(
        self, c: Centroid, others: list[Cluster], model: SimilarityModel, reuse: list[float], tie_by_id: bool = False
    ) -> tuple[str | None, float]:
        """The cluster of ``others`` that ``c`` matches best, and its score (``reuse[i]``: the shared
        reuse with ``others[i]``). A tie goes to the first, or with ``tie_by_id`` to the smaller id."""
        rows = features_many(c, [o.centroid for o in others], self.df, model, reuse)
        best: str | None = None
        best_score = -1.0
        for o, row in zip(others, rows, strict=True):
            sc = model.score(row)
            if sc > best_score or (tie_by_id and sc == best_score and best is not None and o.id < best):
                best, best_score = o.id, sc
        return best, best_score

    def _new_cluster(self, level: Level, feat: ArticleFeatures) -> Cluster:
        c = Cluster(
            id=cluster_id(level, feat.id),
            level=level,
            centroid=Centroid(),
            first_article=feat.id,
            first_outlet=feat.outlet,
            first_published=feat.published,
            last_published=feat.published,
        )
        (self.stories if level == "story" else self.threads)[c.id] = c
        return c

    def _join(self, c: Cluster, feat: ArticleFeatures, dims: set[int]) -> None:
        c.centroid.add(feat)
        c.centroid.prune(CENTROID_DIMS)
        if c.level == "story":
            c.members.append(feat.id)
        if feat.outlet:
            c.outlets[feat.outlet] += 1
        if feat.published and (c.last_published is None or instant(feat.published) > instant(c.last_published)):
            c.last_published = feat.published
        if feat.published and (c.first_published is None or instant(feat.published) < instant(c.first_published)):
            c.first_published = feat.published
        for d, t in feat.terms.items():
            c.terms.setdefault(d, t)
        if len(c.terms) > LABEL_VOCAB * 3 // 2:
            weight = {**c.centroid.body.v, **c.centroid.ents.v}
            keep = sorted(c.terms, key=lambda d: (-weight.get(d, 0.0), d))[:LABEL_VOCAB]
            c.terms = {d: c.terms[d] for d in keep}
        new = dims - c.index_dims
        c.index_dims |= new
        self._index_add(c.level, c.id, new)
        self._expire_at(c)
        (self._dirty_stories if c.level == "story" else self._dirty_threads).add(c.id)
        self._unnamed.add(c.id)

    def _index_add(self, level: Level, cid: str, dims: Iterable[int]) -> None:
        index = self.index[level]
        for d in dims:
            index.setdefault(d, set()).add(cid)

    def _index_remove(self, level: Level, c: Cluster) -> None:
        index = self.index[level]
        for d in c.index_dims:
            s = index.get(d)
            if s is not None:
                s.discard(c.id)
                if not s:
                    del index[d]

    def _expire_at(self, c: Cluster) -> None:
        """Note when ``c`` may leave its window (its newest member's time; undated clusters never do)."""
        if c.centroid.t_max is not None:
            heapq.heappush(self._expiry[c.level], (c.centroid.t_max, c.id))

    def _evict(self) -> None:
        """Retire clusters whose newest member is older than their window (bounded memory).

        Only the front of each level's expiry heap is looked at, so the cost per article does not
        grow with the number of open clusters (the corpus density).
        """
        assert self.now is not None
        for level, pool, model in (
            ("story", self.stories, self.story_model),
            ("thread", self.threads, self.thread_model),
        ):
            horizon = self.now - model.window
            heap = self._expiry[level]  # type: ignore[index]
            old: set[str] = set()
            while heap and heap[0][0] < horizon:
                _, cid = heapq.heappop(heap)
                c = pool.get(cid)
                # a cluster that grew newer has a later entry; one that left needs nothing
                if c is not None and c.centroid.t_max is not None and c.centroid.t_max < horizon:
                    old.add(cid)
            for cid in sorted(old):
                c = pool.pop(cid)
                self._index_remove(level, c)  # type: ignore[arg-type]
                if level == "story":
                    for m in c.members:
                        self.article_story.pop(m, None)
                        self.partners.pop(m, None)
                    self._merge_pending.discard(cid)
                if cid in self._unnamed:  # leaves with the name of the moment it leaves
                    self._name(c)
                self._retired[cid] = c
                (self._dirty_stories if level == "story" else self._dirty_threads).add(cid)

    def _linked(self, a: Cluster, b: Cluster) -> float:
        """Strongest reuse between a member of ``a`` and a member of ``b`` (0 when none)."""
        members = set(b.members)
        return max(
            (w for m in a.members for p, w in self.partners.get(m, {}).items() if p in members), default=0.0
        )

    def merge_step(self) -> None:
        """Merge stories of one thread that grew together; the older story absorbs the younger."""
        model = self.story_model
        for sid in sorted(self._merge_pending):
            s = self.stories.get(sid)
            if s is None:
                continue
            cands = self._candidates("story", s.index_dims, skip=sid)
            others = [o for cid in cands if (o := self.stories.get(cid)) is not None and o.thread == s.thread]
            best, best_score = self._strongest(s.centroid, others, model, [self._linked(s, o) for o in others])
            if best is not None and best_score >= model.merge:
                self._merge(s, self.stories[best])
        self._merge_pending = set()
        self._merge_threads()

    def _merge_threads(self) -> None:
        """Join threads that turned out to follow one situation (a story may have started a thread
        of its own before the reports that tie it to an older thread arrived)."""
        model = self.thread_model
        self._by_thread = {}
        for st in self.stories.values():  # once per pass, not once per candidate pair
            if st.thread is not None:
                self._by_thread.setdefault(st.thread, []).append(st)
        for tid in sorted(self._thread_pending):
            t = self.threads.get(tid)
            if t is None:
                continue
            others = [o for cid in self._candidates("thread", t.index_dims, skip=tid) if (o := self.threads.get(cid)) is not None]
            best, best_score = self._strongest(t.centroid, others, model, [self._thread_link(t, o) for o in others])
            if best is not None and best_score >= model.merge:
                self._merge_thread(t, self.threads[best])
        self._thread_pending = set()
        self._by_thread, self._reach = {}, {}

    def _thread_link(self, a: Cluster, b: Cluster) -> float:
        """Strongest reuse from a member of a story of ``a`` to one of ``b`` (0 when none).

        The same maximum as ``_linked`` over every pair of their stories, but through ``a``'s
        reach (partner -> strongest weight), built once per pass: the cost is the members of the
        two threads, not the product of their story counts.
        """
        reach = self._reach.get(a.id)
        if reach is None:
            reach = {}
            for x in self._by_thread.get(a.id, []):
                for m in x.members:
                    for p, w in self.partners.get(m, {}).items():
                        if w > reach.get(p, -1.0):
                            reach[p] = w
            self._reach[a.id] = reach
        if not reach:
            return 0.0
        return max((reach[m] for y in self._by_thread.get(b.id, []) for m in y.members if m in reach), default=0.0)

    def _merge_thread(self, a: Cluster, b: Cluster) -> None:
        older, younger = self._absorb("thread", a, b)
        for st in self.stories.values():
            if st.thread == younger.id:
                st.thread = older.id
                self._dirty_stories.add(st.id)
        self._by_thread.setdefault(older.id, []).extend(self._by_thread.pop(younger.id, []))
        self._reach.pop(older.id, None)
        self._reach.pop(younger.id, None)
        self._retire(older, younger, self._merged_threads, self.threads, self._dirty_threads)

    def _absorb(self, level: Level, a: Cluster, b: Cluster) -> tuple[Cluster, Cluster]:
        """The younger of two clusters of ``level`` folded into the older (what each level's merge
        shares): centroid, members, outlets, terms, dates, index. Returns (older, younger)."""
        older, younger = sorted((a, b), key=lambda c: (instant(c.first_published) or "~", c.first_article))
        older.centroid.merge(younger.centroid)
        older.centroid.prune(CENTROID_DIMS)
        older.members.extend(younger.members)
        older.outlets.update(younger.outlets)
        for d, t in younger.terms.items():
            older.terms.setdefault(d, t)
        if younger.last_published and instant(older.last_published) < instant(younger.last_published):
            older.last_published = younger.last_published
        if younger.first_published and (instant(older.first_published) or "~") > instant(younger.first_published):
            older.first_published = younger.first_published
        self._expire_at(older)
        self._unnamed.add(older.id)
        self._index_remove(level, younger)
        older.index_dims |= younger.index_dims
        self._index_add(level, older.id, younger.index_dims)
        return older, younger

    def _retire(self, older: Cluster, younger: Cluster, merged: dict[str, str], live: dict[str, Cluster],
                dirty: set[str]) -> None:
        """``younger``, folded into ``older``, leaves its level (``live``): its id and the ids that
        led to it lead to ``older`` in ``merged``; both are marked ``dirty``."""
        for k, v in list(merged.items()):
            if v == younger.id:
                merged[k] = older.id
        merged[younger.id] = older.id
        younger.merged_into = older.id
        if younger.id in self._unnamed:
            self._name(younger)
        del live[younger.id]
        self._retired[younger.id] = younger
        dirty.update({older.id, younger.id})

    def _merge(self, a: Cluster, b: Cluster) -> None:
        older, younger = self._absorb("story", a, b)
        for m in younger.members:
            self.article_story[m] = older.id
            prev = self._memberships.get(m)
            self._memberships[m] = (older.id, prev[1] if prev else 1.0)
        self._retire(older, younger, self._merged, self.stories, self._dirty_stories)


def event_dims(feat: ArticleFeatures) -> set[int]:
    """Index keys of the events an article may report: each (province it names most, kind of
    violence it reports) pair, the parts of ``similarity.event_key`` an index can hold.

    The words an index keeps of each article (its strongest terms and names) are what two reports
    of one event most often share, but not always: TRT's "US-led air strikes in Syria kill dozens
    of civilians" (14 June 2016) shares none of them with Daily Sabah's three reports of the
    Aleppo raids of the 13th, and so never met their story, which it matches with probability
    0.51 (join 0.2). The logistic fit scores every open story sharing a word
    (``stories_fakes.training_pairs``), so the clusterer's narrower search lost pairs the model
    would have made. An article naming no kind of violence (politics, business) adds no key, so
    the candidates of news outside wars are what they were, and a key holds only the open stories
    of one province and kind.
    """
    if not feat.regions or not feat.kinds:
        return set()
    return {term_dim(f"{r}:{k}", "x") for r in top_regions(SparseVec(dict(feat.regions))) for k in feat.kinds}


def _top_hits(hits: Counter[str]) -> list[str]:
    """The ``MAX_CANDIDATES`` clusters with most hits (ties by id), without sorting every hit."""
    return [c for c, _ in heapq.nsmallest(MAX_CANDIDATES, hits.items(), key=lambda kv: (-kv[1], kv[0]))]


#: shared quoted characters at which reuse counts as full evidence of one story
REUSE_FULL_CHARS = 200
#: share of the shorter text's characters two articles' shared passages must cover for the pair to
#: be one text (a repost, a wire report run days later): full evidence of one story, quoted or not.
#: On the FA-KES dev reuse pairs, different events' reports that share background paragraphs or an
#: outlet's template cover at most 0.78 of the shorter text, most 0.45 to 0.55; whole copies 0.96
#: and more; an agency rewrite with a new lead of the next statement (Russia's 120, then 180
#: fighters) 0.865, which 0.8 took for a copy (``benchmarks/README.md``, "A whole copy days later").
#: ``engine.steps`` passes no length for two texts of one outlet (``_copy_length``)
COPY_COVER = 0.9


def reuse_strength(quoted_chars: int, chars: int = 0, shorter: int = 0) -> float:
    """0..1 from the characters of quotations two articles share: a copied quote is strong evidence.

    Shared background paragraphs recur across reports of different events, so unquoted passages
    count only when they are most of a text (``chars``, the shared characters, at least
    ``COPY_COVER`` of ``shorter``, the shorter text's length): a whole copy is the same report of
    the same event however many days later it ran, while the one-day span (``within_day``) alone
    keeps a copy of two days later out of its original's story.
    """
    if shorter > 0 and chars >= COPY_COVER * shorter:
        return 1.0
    return min(1.0, quoted_chars / REUSE_FULL_CHARS)


def feature_order_key(feat: ArticleFeatures) -> tuple[bool, str, str]:
    """An article's place in the stream from its features (``stream_order_key`` by the instant)."""
    return stream_order_key(instant(feat.published) or None, feat.id)


@functools.lru_cache(maxsize=65536)
def instant(published: str | None) -> str:
    """An ISO publication date as the text that sorts by when it happened (``model.published_order``:
    a time with an offset taken to UTC), ``""`` when unknown. Features and clusters keep the date
    as written; compared as text, 23:00-04:00 came before the 01:00Z report it followed."""
    return published_order(parse_published(published)) or ""


@dataclass
class Assignment:
    """Where one article ended up after clustering."""

    story: str
    thread: str | None
    score: float


def cluster_features(
    feats: Iterable[ArticleFeatures],
    partners: Mapping[str, Mapping[str, float]] | None = None,
    story: SimilarityModel = params.STORY,
    thread: SimilarityModel = params.THREAD,
    merge_every: int = 500,
) -> tuple[dict[str, Assignment], dict[str, Cluster], StoryClusterer]:
    """Cluster a whole in-memory collection (evaluations, ``compare``-sized inputs, tests).

    Sorts by the stream order, runs the clusterer to the end and resolves merges; returns each
    article's assignment, every surviving story and the clusterer (for its IDF state).
    """
    partners = partners or {}
    ordered = sorted(feats, key=feature_order_key)
    cl = StoryClusterer(story, thread, merge_every=merge_every)
    stories: dict[str, Cluster] = {}
    for f in ordered:
        cl.add(f, dict(partners.get(f.id, {})))
    cl.finish()
    ch = cl.drain()
    for c in [*cl.stories.values(), *ch.stories]:
        stories[c.id] = c
    scores = {a: s for a, (_, s) in ch.memberships.items()}
    live = {sid: c for sid, c in stories.items() if c.merged_into is None}
    out: dict[str, Assignment] = {}
    for c in live.values():
        for m in c.members:
            out[m] = Assignment(c.id, c.thread, scores.get(m, 0.0))
    return out, live, cl
