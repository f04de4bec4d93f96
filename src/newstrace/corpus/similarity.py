"""Story similarity: streaming IDF, centroids and the calibrated score that joins an article to a story.

Following Miranda et al. (2018, "Multilingual Clustering of Streaming News"), a story is a centroid
of raw term frequencies and IDF is applied only at comparison time, from document frequencies
accumulated in stream order; so adding an article never rewrites older vectors and the state of the
whole corpus is one fixed-size array. The similarity of an article (or a story) to a story is a
logistic model over a handful of interpretable features (body, title and entity cosines, time
decay, shared reuse, and conflicts of province and of kind of violence) whose weights and
thresholds come from data (``corpus/params.py``).
"""

from __future__ import annotations

import math
import threading
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newstrace.corpus.features import DIM_BITS, ArticleFeatures, term_dim


class DocFreq:
    """Document frequencies over the hashed term space; one article counts once per dimension."""

    def __init__(self, df: np.ndarray | None = None, n: int = 0) -> None:
        self.df = df if df is not None else np.zeros(1 << DIM_BITS, dtype=np.int32)
        self.n = n
        self._log_df = np.log(self.df + 1.0)

    def add(self, feat: ArticleFeatures) -> None:
        dims = np.fromiter(feat.dims(), dtype=np.int64)
        if dims.size:
            self.df[dims] += 1
            self._log_df[dims] = np.log(self.df[dims] + 1.0)
        self.n += 1

    def idf(self, dims: np.ndarray) -> np.ndarray:
        """Smoothed IDF (scikit-learn's formula), so an unseen term is rare, not infinite.

        ``log(n + 1) - log(df + 1)``: the second term is kept per dimension and changes only for
        the dimensions of an added article, so a lookup costs a gather, not a logarithm each.
        """
        return (math.log(self.n + 1.0) + 1.0) - self._log_df[dims]

    def to_bytes(self) -> bytes:
        return zlib.compress(self.df.tobytes(), 1)

    @classmethod
    def from_bytes(cls, blob: bytes, n: int) -> DocFreq:
        return cls(np.frombuffer(zlib.decompress(blob), dtype=np.int32).copy(), n)


class SparseVec:
    """A sparse vector of raw sums with its IDF-weighted norm computed on demand (numpy).

    The norm depends on the document frequencies, which change with every article the clusterer
    adds, so it is cached per state of one ``DocFreq`` (the object and its article count): the
    side ``cosines`` compares with all its candidates computes its norm once per state (the
    candidates' norms come out of the same pass as their dot products).
    """

    __slots__ = ("_arrays", "_norm", "_top", "_total", "_v")

    def __init__(self, v: dict[int, float] | None = None) -> None:
        self._v: dict[int, float] | None = dict(v or {})
        self._arrays: tuple[np.ndarray, np.ndarray] | None = None
        self._top: list[int] | None = None
        self._total: float | None = None
        self._norm: tuple[DocFreq, int, float] | None = None

    @classmethod
    def of_arrays(cls, dims: np.ndarray, vals: np.ndarray) -> SparseVec:
        """A vector read from a saved state (``dims`` int64, no repeats), its dict built on first use.

        Most open stories a run re-opens are only scored (``cosines`` reads the arrays) or not
        touched at all, so building their dicts up front was most of what re-opening cost.
        """
        out = cls()
        out._v, out._arrays = None, (dims, vals)
        return out

    @property
    def v(self) -> dict[int, float]:
        """The raw sums by dimension (built from the arrays of a loaded vector when first asked)."""
        if self._v is None:
            assert self._arrays is not None
            dims, vals = self._arrays
            self._v = dict(zip(dims.tolist(), vals.tolist(), strict=True))
        return self._v

    @v.setter
    def v(self, value: dict[int, float]) -> None:
        self._v = value

    def total(self) -> float:
        """Sum of the raw values (a centroid's entity mass, ``coverage``), cached until changed."""
        if self._total is None:
            self._total = sum(self.v.values())
        return self._total

    def top(self, k: int = 3) -> list[int]:
        """The ``k`` heaviest dimensions (raw sums, ties by dimension), cached until changed."""
        if self._top is None:
            self._top = [d for d, _ in sorted(self.v.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        return self._top[:k]

    def add(self, other: dict[int, float], scale: float = 1.0) -> None:
        v = self.v
        for d, x in other.items():
            v[d] = v.get(d, 0.0) + x * scale
        self._changed()

    def _changed(self) -> None:
        self._arrays = None
        self._top = None
        self._total = None
        self._norm = None

    def prune(self, keep: int) -> None:
        """Keep the ``keep`` heaviest dimensions so big stories stay bounded in memory."""
        if len(self.v) > keep * 3 // 2:
            top = sorted(self.v.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
            self.v = dict(top)
            self._changed()

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if self._arrays is None:
            dims = np.fromiter(self.v.keys(), dtype=np.int64, count=len(self.v))
            vals = np.fromiter(self.v.values(), dtype=np.float64, count=len(self.v))
            self._arrays = (dims, vals)
        return self._arrays

    def norm(self, df: DocFreq) -> float:
        cached = self._norm
        if cached is not None and cached[0] is df and cached[1] == df.n:
            return cached[2]
        dims, vals = self.arrays()
        if dims.size:
            w = vals * df.idf(dims)
            value = float(math.sqrt(float(np.dot(w, w))))
        else:
            value = 0.0
        self._norm = (df, df.n, value)
        return value


#: per thread, a dense array over the hashed term space that holds one vector's weights while
#: ``cosines`` looks candidates up in it (zero otherwise)
_SCRATCH = threading.local()


def _lookup_table() -> np.ndarray:
    table: np.ndarray | None = getattr(_SCRATCH, "table", None)
    if table is None:
        table = _SCRATCH.table = np.zeros(1 << DIM_BITS, dtype=np.float64)
    return table


def cosines(a: SparseVec, others: Sequence[SparseVec], df: DocFreq) -> np.ndarray:
    """IDF-weighted cosine of ``a`` with each of ``others``, in one vectorised pass.

    The clusterer compares an article (or a story) with up to forty candidate clusters at a time;
    numpy's cost per call, not the arithmetic, was most of its time when each pair was a call of
    its own (58 s of clustering for 4,000 articles). Here the candidates' dimensions are
    concatenated and looked up at once in a dense table that holds ``a``'s weights (a gather, not
    a search), and each candidate's dot product and norm are summed per owner (``bincount``).
    """
    k = len(others)
    out = np.zeros(k, dtype=np.float64)
    ad, av = a.arrays()
    if not ad.size or not k:
        return out
    parts = [o.arrays() for o in others]
    sizes = np.fromiter((d.size for d, _ in parts), dtype=np.int64, count=k)
    if not sizes.any():
        return out
    cd = np.concatenate([d for d, _ in parts])
    cw = np.concatenate([v for _, v in parts]) * df.idf(cd)
    owner = np.repeat(np.arange(k), sizes)
    table = _lookup_table()
    table[ad] = av * df.idf(ad)
    try:
        dots = np.bincount(owner, weights=cw * table[cd], minlength=k)
    finally:
        table[ad] = 0.0
    norms = np.sqrt(np.bincount(owner, weights=cw * cw, minlength=k))
    na = a.norm(df)
    ok = (norms > 0) & (dots != 0)
    if na:
        out[ok] = dots[ok] / (na * norms[ok])
    return out


def cosine(a: SparseVec, b: SparseVec, df: DocFreq) -> float:
    """IDF-weighted cosine of two sparse sums (``cosines`` of one pair)."""
    return float(cosines(a, [b], df)[0])


#: the hashed-dimension vectors an article carries (``ArticleFeatures`` fields of these names) and a
#: centroid sums, in the order states are written (a state written before ``outlets`` loads it empty)
VECTORS = ("body", "title", "ents", "lead", "places", "regions", "kinds", "report", "outlets")
#: how a saved centroid's dimensions and values are laid out (``Centroid.to_parts``): hashed
#: dimensions fit 32 bits, values stay float64 so that a loaded story scores as the saved one
STATE_DIM = np.dtype("<u4")
STATE_VALUE = np.dtype("<f8")
#: a big story keeps ``keep // share`` dimensions of each vector (``Centroid.prune``); kinds (five
#: at most) and report kinds (two) are never pruned
PRUNE_SHARE = {"body": 1, "title": 4, "ents": 4, "lead": 4, "places": 8, "regions": 8}


@dataclass
class Centroid:
    """Sum of the members' term vectors plus time statistics: what a story or thread is to compare.

    ``emb`` is the sum of the members' sentence embeddings (runs with ``--semantic`` only; ``None``
    otherwise), ``emb_n`` how many members it sums: the mean embedding is ``emb / emb_n`` and its
    cosine to another centroid's is that of the sums, so the sum is what is kept and persisted.
    """

    body: SparseVec = field(default_factory=SparseVec)
    title: SparseVec = field(default_factory=SparseVec)
    ents: SparseVec = field(default_factory=SparseVec)
    lead: SparseVec = field(default_factory=SparseVec)
    places: SparseVec = field(default_factory=SparseVec)
    regions: SparseVec = field(default_factory=SparseVec)
    kinds: SparseVec = field(default_factory=SparseVec)
    report: SparseVec = field(default_factory=SparseVec)
    #: reports per outlet (``ArticleFeatures.outlets``), never pruned: a story has few outlets
    outlets: SparseVec = field(default_factory=SparseVec)
    n: int = 0
    t_sum: float = 0.0
    t_n: int = 0
    t_min: float | None = None
    t_max: float | None = None
    emb: np.ndarray | None = None
    emb_n: int = 0

    @classmethod
    def of(cls, feat: ArticleFeatures) -> Centroid:
        c = cls()
        c.add(feat)
        return c

    def add(self, feat: ArticleFeatures) -> None:
        for name in VECTORS:
            getattr(self, name).add(getattr(feat, name))
        self.n += 1
        if feat.t is not None:
            self._add_time(feat.t, feat.t, feat.t, 1)
        if feat.emb is not None:
            self._add_emb(np.asarray(feat.emb, dtype=np.float64), 1)

    def _add_emb(self, v: np.ndarray, n: int) -> None:
        self.emb = v.copy() if self.emb is None else self.emb + v
        self.emb_n += n

    @property
    def emb_mean(self) -> np.ndarray | None:
        return self.emb / self.emb_n if self.emb is not None and self.emb_n else None

    def _add_time(self, t_sum: float, t_min: float, t_max: float, t_n: int) -> None:
        self.t_sum += t_sum
        self.t_n += t_n
        self.t_min = t_min if self.t_min is None else min(self.t_min, t_min)
        self.t_max = t_max if self.t_max is None else max(self.t_max, t_max)

    def merge(self, other: Centroid) -> None:
        for name in VECTORS:
            getattr(self, name).add(getattr(other, name).v)
        self.n += other.n
        if other.t_n and other.t_min is not None and other.t_max is not None:
            self._add_time(other.t_sum, other.t_min, other.t_max, other.t_n)
        if other.emb is not None:
            self._add_emb(other.emb, other.emb_n)

    def prune(self, keep: int) -> None:
        for name, share in PRUNE_SHARE.items():
            getattr(self, name).prune(keep // share)

    @property
    def t_mean(self) -> float | None:
        return self.t_sum / self.t_n if self.t_n else None

    def to_parts(self) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
        """The centroid as a small header, its vectors' dimensions and their values, for ``Cluster.to_state``.

        A state is read back whenever ``analyze`` continues a corpus (7,506 open stories at
        100,000 articles), and decoding its vectors as JSON lists of pairs was most of that time:
        two flat arrays decode in two calls. Dimensions are written in ascending order, as the JSON
        states were, so a loaded centroid sums in the same order and scores exactly as the saved one.
        The values end with the embedding sum of semantic runs.
        """
        head: dict[str, Any] = {
            "n": self.n,
            "t_sum": self.t_sum,
            "t_n": self.t_n,
            "t_min": self.t_min,
            "t_max": self.t_max,
            "vectors": {},
        }
        dims: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        for name in VECTORS:
            d, x = getattr(self, name).arrays()
            order = np.argsort(d, kind="stable")
            head["vectors"][name] = len(d)
            dims.append(d[order])
            vals.append(x[order])
        if self.emb is not None:  # only semantic runs carry it
            head["emb"], head["emb_n"] = len(self.emb), self.emb_n
            vals.append(np.asarray(self.emb, dtype=np.float64))
        return head, np.concatenate(dims).astype(STATE_DIM), np.concatenate(vals).astype(STATE_VALUE)

    @classmethod
    def from_parts(cls, head: dict[str, Any], dims: np.ndarray, vals: np.ndarray) -> tuple[Centroid, int]:
        """The centroid ``to_parts`` wrote, from the start of ``dims`` (int64) and ``vals``, and how
        many dimensions it took (what follows belongs to the caller)."""
        vecs: dict[str, SparseVec] = {}
        at = 0
        for name, size in head["vectors"].items():
            if name in VECTORS:
                vecs[name] = SparseVec.of_arrays(dims[at : at + size], vals[at : at + size])
            at += size
        size = head.get("emb")
        centroid = cls(
            **vecs,
            n=int(head["n"]),
            t_sum=float(head["t_sum"]),
            t_n=int(head["t_n"]),
            t_min=head.get("t_min"),
            t_max=head.get("t_max"),
            emb=vals[at : at + int(size)].copy() if size is not None else None,
            emb_n=int(head.get("emb_n", 0)),
        )
        return centroid, at

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Centroid:
        """A centroid of a state written before 2026-12 (zlib-compressed JSON, ``Cluster.from_state``)."""
        emb = d.get("emb")
        # states written before a vector existed (lead, places, regions, kinds, report) load it empty
        vecs = {name: SparseVec({int(k): float(v) for k, v in d.get(name) or []}) for name in VECTORS}
        return cls(
            **vecs,
            n=int(d["n"]),
            t_sum=float(d["t_sum"]),
            t_n=int(d["t_n"]),
            t_min=d.get("t_min"),
            t_max=d.get("t_max"),
            emb=np.asarray(emb, dtype=np.float64) if emb is not None else None,
            emb_n=int(d.get("emb_n", 0)),
        )


#: content features of two texts, in ``TextModel.weights`` order: cosines enter as square roots
#: ("same story" saturates long before a cosine reaches 1), coverages as they are
TEXT_FEATURES = ("body", "lead", "ents", "ents_cover", "place")


@dataclass(frozen=True)
class TextModel:
    """Story similarity of two texts (0 = unrelated, 1 = one story) from their content alone.

    A linear map of ``TEXT_FEATURES`` fitted to graded same-story judgements (SemEval-2022 Task 8
    ``Overall``, dev split: ``newstrace eval similarity-semeval --calibrate``), clipped to 0..1.
    It is the similarity ``eval similarity-semeval`` reports and the main input of the story and
    thread models below, which add what content cannot know: time, reuse, cluster shape.
    """

    weights: tuple[float, ...]
    bias: float

    def score(self, f: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, f, strict=True))
        return max(0.0, min(1.0, z))


#: every feature a clustering level can weigh, in ``SimilarityModel.weights`` order. ``key_x_decay``
#: is ``event_key`` times the time decay: the logistic fit cannot form that product, and within the
#: event key's day a report of the same day is likelier the same event than one of the next (the
#: gold day is anchored at the event's first report); the story level only weighs it (dev
#: cross-validation in ``benchmarks/README.md``, session 25), as it only weighs
#: ``outlet_other_province`` (session 29)
FEATURES = (
    "text", "body", "title", "ents", "ents_cover", "lead_ent", "lead", "place",
    "decay", "text_x_decay", "within_day", "reuse", "region_conflict", "kind_conflict",
    "event_key", "statement_conflict", "same_province", "key_x_decay", "outlet_other_province",
)
#: features a level adds when articles carry sentence embeddings (``--semantic``), in
#: ``SimilarityModel.semantic`` order: the embedding cosine of the two centroids' mean embeddings
#: and that cosine times the time decay (the same pairing as ``text_x_decay``)
SEMANTIC_FEATURES = ("emb", "emb_x_decay")
#: neutral content model (mean of the root cosines) for callers that bring no calibrated one
EQUAL_TEXT = TextModel(weights=(0.25, 0.25, 0.25, 0.25, 0.0), bias=0.0)


#: two clusters whose joint span of publication times stays within this many days are "one news day"
#: (a story's ``SimilarityModel.span``)
ONE_DAY = 1.0


@dataclass(frozen=True)
class SimilarityModel:
    """A logistic score over ``FEATURES`` plus the decision thresholds of one clustering level.

    ``text`` is the content similarity the ``text`` feature comes from; ``tau`` (days) sets how fast
    time distance to the centroid's mean date decays; ``join`` is the probability an article needs
    to join an existing cluster, ``merge`` the one two clusters need to be merged by the merge
    step. ``window`` (days) is how long a cluster stays open for new members. ``span`` (days) is
    how close in time every member of both sides must lie for ``within_day`` (and so
    ``event_key``): a day for a story, one reported event; a week for a thread, one developing
    situation (the two gold definitions of ``evaluate/stories_fakes.py``). ``semantic`` holds
    the weights of ``SEMANTIC_FEATURES`` for runs with sentence embeddings; empty (the default),
    the model neither computes nor weighs them, so default scores are what they always were.
    """

    weights: tuple[float, ...]
    bias: float
    tau: float
    join: float
    merge: float
    window: float
    text: TextModel = EQUAL_TEXT
    span: float = ONE_DAY
    semantic: tuple[float, ...] = ()

    def score(self, f: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights + self.semantic, f, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def coverage(a: SparseVec, b: SparseVec) -> float:
    """Geometric mean of the share of each side's entity mass the other side mentions too.

    Unlike the IDF cosine, a common place ("Aleppo") counts fully here: two reports that are
    mostly about the same place in the same days belong to one developing situation even when
    their rarer names differ.
    """
    if not a.v or not b.v:
        return 0.0
    small, big = (a.v, b.v) if len(a.v) <= len(b.v) else (b.v, a.v)
    # C-level loops (filter, map) over the same order as a comprehension: the same sums, faster
    common = list(filter(big.__contains__, small))
    if not common:
        return 0.0
    ca = sum(map(a.v.__getitem__, common)) / a.total()
    cb = sum(map(b.v.__getitem__, common)) / b.total()
    return math.sqrt(ca * cb)


def lead_entity(a: SparseVec, b: SparseVec) -> float:
    """1 when one side's most mentioned name is among the other's three most mentioned.

    What a report is mainly about (a city under fire, an envoy) is its most repeated name; two
    reports sharing it are about one situation even when little else of their wording matches.
    """
    ta, tb = a.top(3), b.top(3)
    return 1.0 if ta and tb and (ta[0] in tb or tb[0] in ta) else 0.0


def decay(t_a: float | None, t_b: float | None, tau: float) -> float:
    """exp(-|dt|/tau); an unknown date counts as one ``tau`` away: neither close nor far."""
    if t_a is None or t_b is None:
        return math.exp(-1.0)
    return math.exp(-abs(t_a - t_b) / tau)


def within_day(a: Centroid, b: Centroid, span: float = ONE_DAY) -> float:
    """1 when every member of both would lie within ``span`` days of each other, else 0 (or unknown).

    A reported event is covered within a day or so, a developing situation within a week or so
    (``SimilarityModel.span``); the smooth decay cannot express that edge.
    """
    if a.t_min is None or a.t_max is None or b.t_min is None or b.t_max is None:
        return 0.0
    return 1.0 if max(a.t_max, b.t_max) - min(a.t_min, b.t_min) <= span + 1e-9 else 0.0


def conflict(a: SparseVec, b: SparseVec) -> float:
    """1 when both sides have some of a property (provinces, kinds of violence, statement or
    event report) and share none.

    Evidence against only: two reports of one day in different provinces, or of a car bomb and an
    air strike, are two events, while sharing one province or one kind proves little (Aleppo had
    many shellings); ``event_key`` is what sharing all of them is worth.
    """
    if not a.v or not b.v:
        return 0.0
    return 1.0 if a.v.keys().isdisjoint(b.v.keys()) else 0.0


def top_regions(v: SparseVec) -> set[int]:
    """The provinces a centroid names most: all of them on a tie."""
    top = v.top(1)
    if not top:
        return set()
    most = v.v[top[0]] - 1e-9
    return {d for d, x in v.v.items() if x >= most}


def same_province(a: Centroid, b: Centroid) -> float:
    """1 when a province both sides name most is shared (every province of a tie counts), -1 when
    none is, 0 when a side names none.

    A tie counts every province tied: Trump's statement on the Khan Sheikhoun gas attack names
    Idlib once and Washington once, and breaking that tie by dimension number had made it "about"
    Washington against the attack's reports, all about Idlib, at random. Counting ties took story
    F1 on the unseen halves of the dev cross-validation from 0.852 / 0.882 to 0.937 / 0.898
    (``benchmarks/README.md``).
    """
    ra, rb = top_regions(a.regions), top_regions(b.regions)
    if not ra or not rb:
        return 0.0
    return 1.0 if ra & rb else -1.0


#: the report dimension of a headline that reports what someone said (``kinds.report_kind``)
STATEMENT = term_dim("statement", "s")


def statement_conflict(a: Centroid, b: Centroid) -> float:
    """1 when one side reports only statements, the other only events, and the statement came first.

    Issue 6 makes a statement a story of its own: SANA's rocket report of 31 October is a new
    event, not part of the story of the UN envoy's statement of the 30th, though both are shelling
    in Aleppo within a day. A reaction published after the event it reacts to is the other way
    round: FA-KES files Trump's and the EU's words on the Idlib gas attack under the attack, and
    so would a reader. Cross-validated inside the dev split (3 x 2 folds), story pairwise F1 was
    0.815 with the conflict both ways and 0.871 one way. On a tie (one day of a source that gives
    dates only) ``b`` counts as the earlier side: it is the story an article is compared with,
    which began first in stream order.
    """
    if not conflict(a.report, b.report):
        return 0.0
    if a.t_min is None or b.t_min is None:
        return 1.0
    earlier = a if a.t_min < b.t_min else b
    return 1.0 if STATEMENT in earlier.report.v else 0.0


def event_key(a: Centroid, b: Centroid, province: float | None = None, day: float | None = None) -> float:
    """1 when both sides are mostly about one province, share a kind of violence and lie within a
    day: FA-KES's own definition of one event (place, cause, day), read off the text. At the
    thread level "a day" is the thread model's ``span`` (a week), passed in as ``day``.

    Each part alone is weak (Aleppo had many shellings; one day has many events); together they
    are the strongest single feature on the dev split: with it (and the gazetteer's country and
    capital rules) story F1 cross-validated inside dev went from 0.80 to 0.88, before the
    statement prior that FA-KES's gold penalises (``corpus/params.py``). Texts that name no kind
    of violence (politics, economy) never match, so news outside wars is clustered on its words
    as before. ``province`` and ``day`` take ``same_province`` and ``within_day`` of the pair
    when the caller has them already (``features``, with the model's ``span``); without ``day`` it
    is the story's one day.
    """
    if not a.kinds.v or not b.kinds.v:
        return 0.0
    if (within_day(a, b) if day is None else day) != 1.0:
        return 0.0
    if (same_province(a, b) if province is None else province) != 1.0:
        return 0.0
    return 0.0 if conflict(a.kinds, b.kinds) else 1.0


def outlet_other_province(a: Centroid, b: Centroid, province: float | None = None) -> float:
    """1 when the two sides share an outlet and the provinces they name most differ
    (``same_province`` -1), else 0.

    An outlet writes its reports of one day to one template: Ahram's "Air strikes kill 11
    including children in Syria's Idlib: Monitor" and "Air strikes kill 12 in rebel-held areas of
    Syria's Aleppo: Monitor" (13 and 14 July 2016), Jordan Times' "Syria air strikes kill at
    least 44 - monitor" on Daraa and "Syria regime air strikes kill 15 near Damascus - monitor"
    (19 February 2015), Al-Alam's "Syrian Army kills N terrorists" on Daraa and on Hama. Their
    words and headlines match as two outlets' reports of one event do, while the places they are
    about differ; on the unseen halves of the dev cross-validation such joins without the event
    key were 69 of the 390 false pairs (benchmarks/README.md, session 29). ``province`` takes
    ``same_province`` of the pair when the caller has it.
    """
    if not a.outlets.v or not b.outlets.v or a.outlets.v.keys().isdisjoint(b.outlets.v.keys()):
        return 0.0
    return 1.0 if (same_province(a, b) if province is None else province) == -1.0 else 0.0


def emb_cosine(a: Centroid, b: Centroid) -> float:
    """Cosine of two centroids' mean sentence embeddings; 0 when either has none."""
    if a.emb is None or b.emb is None:
        return 0.0
    na, nb = float(np.linalg.norm(a.emb)), float(np.linalg.norm(b.emb))
    return float(np.dot(a.emb, b.emb)) / (na * nb) if na and nb else 0.0


def _root_cosines(a: Centroid, bs: Sequence[Centroid], name: str, df: DocFreq) -> list[float]:
    """Square roots of ``cosines`` of one of ``VECTORS`` (how cosines enter the models)."""
    return [math.sqrt(c) for c in cosines(getattr(a, name), [getattr(b, name) for b in bs], df).tolist()]


def text_features_many(a: Centroid, bs: Sequence[Centroid], df: DocFreq) -> list[list[float]]:
    """``TEXT_FEATURES`` of ``a`` with each of ``bs`` (an article is a centroid of one)."""
    body, lead, ents = (_root_cosines(a, bs, name, df) for name in ("body", "lead", "ents"))
    return [
        [body[i], lead[i], ents[i], coverage(a.ents, b.ents), coverage(a.places, b.places)]
        for i, b in enumerate(bs)
    ]


def text_features(a: Centroid, b: Centroid, df: DocFreq) -> list[float]:
    """``TEXT_FEATURES`` of two centroids."""
    return text_features_many(a, [b], df)[0]


def features_many(
    a: Centroid, bs: Sequence[Centroid], df: DocFreq, model: SimilarityModel, reuse: Sequence[float]
) -> list[list[float]]:
    """The feature vector (in ``FEATURES`` order, then ``SEMANTIC_FEATURES`` when the model weighs
    them) of ``a`` with each of ``bs``, ``reuse[i]`` being the shared reuse of ``a`` and ``bs[i]``.

    One article (or cluster) against all its candidates at once: the cosines are computed for all
    of them in one pass (``cosines``), the cheap features pair by pair.
    """
    tfs = text_features_many(a, bs, df)
    titles = _root_cosines(a, bs, "title", df)
    out: list[list[float]] = []
    for b, tf, title, shared in zip(bs, tfs, titles, reuse, strict=True):
        text = model.text.score(tf)
        body, lead, ents, cover, place = tf
        dec = decay(a.t_mean, b.t_mean, model.tau)
        day, province = within_day(a, b, model.span), same_province(a, b)
        key = event_key(a, b, province, day)
        f = [
            text, body, title, ents, cover, lead_entity(a.ents, b.ents), lead, place,
            dec, text * dec, day, shared, conflict(a.regions, b.regions), conflict(a.kinds, b.kinds),
            key, statement_conflict(a, b), province, key * dec, outlet_other_province(a, b, province),
        ]
        if model.semantic:
            emb = emb_cosine(a, b)
            f += [emb, emb * dec]
        out.append(f)
    return out


def features(a: Centroid, b: Centroid, df: DocFreq, model: SimilarityModel, reuse: float = 0.0) -> list[float]:
    """``features_many`` of one pair."""
    return features_many(a, [b], df, model, [reuse])[0]


def text_similarity(a: ArticleFeatures, b: ArticleFeatures, df: DocFreq, model: TextModel) -> float:
    """Newstrace's story similarity of two articles from content alone (0..1)."""
    return model.score(text_features(Centroid.of(a), Centroid.of(b), df))


def article_similarity(
    a: ArticleFeatures, b: ArticleFeatures, df: DocFreq, model: SimilarityModel, reuse: bool = False
) -> float:
    """How likely two articles report the same story (0..1): the score stories are built with."""
    return model.score(features(Centroid.of(a), Centroid.of(b), df, model, 1.0 if reuse else 0.0))
