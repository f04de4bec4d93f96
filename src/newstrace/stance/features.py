"""Claim–body features: similarity, coverage, cues aligned to the claim, number and name mismatch.

The design follows the FNC-1 winners (TF-IDF cosines, SVD topics, refuting and hedging lexicons
feeding gradient-boosted trees) and adds what ``disagree`` needs: the cue counts are taken in the
body sentences that match the claim (weighted by how well they match), negations are counted in a
window before the claim's own key terms, and the numbers and capitalised names of the claim are
looked up in the body.

Everything here is numpy/scipy over a vocabulary stored as JSON and arrays stored as ``.npz``,
so the shipped model does not depend on any library's pickle format. A body is analysed once
(``BodyInfo``) and reused for every claim it is paired with.
"""

from __future__ import annotations

import itertools
import json
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import numpy as np
import scipy.sparse as sp

from newstrace.stance import text as tx

#: how many body sentences count as "aligned" with the claim
TOP_SENTENCES = 3
#: SVD dimensions given to the trees as topic features of the claim and of the body
TOPIC_DIMS = 48
#: refuting, debunking and negation words counted one by one (claim, aligned sentences)
LEX_WORDS: tuple[str, ...] = tuple(sorted(tx.REFUTE | tx.DEBUNK | tx.NEG_STEMS))
_LEX_INDEX = {w: i for i, w in enumerate(LEX_WORDS)}
#: tokens before a claim term in which a negation flips it ("did not die", "no evidence that")
NEG_WINDOW = 4


@dataclass
class Analysed:
    """Tokens of one text with their stems, sentence index and vocabulary ids."""

    text: str
    spans: list[tuple[int, int]]
    tok_start: list[int]
    raw: list[str]
    stems: list[str]
    sent_of: list[int]
    content: list[bool]


@dataclass
class ClaimInfo:
    text: str
    vec: dict[int, float]
    vec_ids: np.ndarray
    vec_weights: np.ndarray
    svd: np.ndarray
    stems: list[str]
    idf: np.ndarray
    bigrams: set[tuple[str, str]]
    numbers: set[str]
    names: set[str]
    cues: np.ndarray
    lex: np.ndarray
    has_neg: bool
    #: indices of the (up to) three rarest stems, by idf
    rare: list[int]
    question: bool
    n_tokens: int


@dataclass
class BodyInfo:
    text: str
    spans: list[tuple[int, int]]
    #: TF-IDF weight of each (term, sentence), sorted by term then sentence
    post_terms: np.ndarray
    post_sents: np.ndarray
    post_weights: np.ndarray
    vec: dict[int, float]
    lead_vec: dict[int, float]
    svd: np.ndarray
    sent_cues: np.ndarray
    sent_lex: np.ndarray
    sent_len: np.ndarray
    #: content stems in text order; where each stem occurs in that list; the token index of each
    content: list[str]
    stem_at: dict[str, list[int]]
    content_pos: list[int]
    lead_stems: set[str]
    numbers: set[str]
    neg_pos: np.ndarray
    n_tokens: int
    cue_rate: np.ndarray = field(default_factory=lambda: np.zeros(len(tx.CUES)))
    #: form id of every token, the stems of the form ids, each sentence's range of tokens
    tokens: list[int] = field(default_factory=list)
    form_stems: list[str] = field(default_factory=list)
    sent_tokens: list[tuple[int, int]] = field(default_factory=list)
    #: ``neg_pos`` as a list, for bisection one position at a time
    neg_list: list[int] = field(default_factory=list)


#: token forms remembered by a featurizer before its table starts over
_TOKEN_TABLE_MAX = 500_000
#: claims remembered by a featurizer before its memo starts over
_CLAIM_MEMO_MAX = 20_000


class _TokenTable:
    """Facts about every token form seen, as numpy columns indexed by a form id.

    Why: a body is analysed in numpy (one array op per fact instead of Python work per token),
    so the only per-token Python step left is the lookup of the form's id. Stemming, the
    stopword and lexicon tests, the vocabulary lookup and number parsing run once per form.
    """

    def __init__(self, vocab: Vocabulary, bigram_key: dict[str, int]) -> None:
        self.vocab = vocab
        self.bigram_key = bigram_key
        self.ids: dict[str, int] = {}
        self.stems: list[str] = []
        self.numbers: list[str | None] = []
        cap = 1024
        self.content = np.zeros(cap, dtype=bool)
        self.uid = np.full(cap, -1, dtype=np.intp)  # vocabulary id of a content stem
        self.bkey = np.full(cap, -1, dtype=np.intp)  # key of a content stem in bigram terms
        self.cue = np.zeros(cap, dtype=np.uint8)  # bit j: in lexicon j of ``tx.CUES``
        self.lex = np.full(cap, -1, dtype=np.intp)  # index in ``LEX_WORDS``
        self.neg = np.zeros(cap, dtype=bool)
        self.has_number = np.zeros(cap, dtype=bool)

    def __len__(self) -> int:
        return len(self.stems)

    def add_many(self, raws: Iterable[str]) -> None:
        """Give an id to each form of ``raws`` not seen before (the columns grow once per call)."""
        new = [r for r in dict.fromkeys(raws) if r not in self.ids]
        if not new:
            return
        start = len(self.stems)
        end = start + len(new)
        if end > len(self.content):
            cap = max(end, 2 * len(self.content))
            for name in ("content", "uid", "bkey", "cue", "lex", "neg", "has_number"):
                col = getattr(self, name)
                grown = np.full(cap, -1 if col.dtype == np.intp else 0, dtype=col.dtype)
                grown[: len(col)] = col
                setattr(self, name, grown)
        stems = [tx.stem(r) for r in new]
        numbers = [tx.number_value(r) for r in new]
        content = [tx.is_content(st) for st in stems]
        index = self.vocab.index
        self.content[start:end] = content
        self.uid[start:end] = [
            index.get(st, -1) if c else -1 for st, c in zip(stems, content, strict=True)
        ]
        self.bkey[start:end] = [
            self.bigram_key.get(st, -1) if c else -1 for st, c in zip(stems, content, strict=True)
        ]
        self.cue[start:end] = [
            sum(1 << j for j, (_, lex) in enumerate(tx.CUES) if st in lex) for st in stems
        ]
        self.lex[start:end] = [_LEX_INDEX.get(st, -1) for st in stems]
        self.neg[start:end] = [st in tx.NEG_STEMS for st in stems]
        self.has_number[start:end] = [v is not None for v in numbers]
        self.stems.extend(stems)
        self.numbers.extend(numbers)
        self.ids.update(zip(new, range(start, end), strict=True))


def _first_occurrence_counts(keys: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys in order of first occurrence, with their counts (what ``Counter`` gives:
    counting in C beats numpy's sort-based ``unique`` at a few hundred keys)."""
    counts = Counter(keys)
    return np.array(list(counts), dtype=np.int64), np.array(list(counts.values()), dtype=np.int64)


def analyse(text: str) -> Analysed:
    spans = tx.sentences(text)
    starts = [s for s, _ in spans]
    toks = tx.tokens(text)
    raw = [t for t, _, _ in toks]
    stems = [tx.stem(t) for t in raw]
    tok_start = [s for _, s, _ in toks]
    sent_of = [max(0, bisect_right(starts, s) - 1) for s in tok_start]
    content = [tx.is_content(s) for s in stems]
    return Analysed(text, spans, tok_start, raw, stems, sent_of, content)


def _terms(stems: Sequence[str]) -> list[str]:
    """Unigram and bigram terms of a run of content stems."""
    out = list(stems)
    out.extend(f"{a} {b}" for a, b in itertools.pairwise(stems))
    return out


def _sentence_terms(a: Analysed) -> list[list[str]]:
    per: list[list[str]] = [[] for _ in range(max(1, len(a.spans)))]
    for s, sent, c in zip(a.stems, a.sent_of, a.content, strict=True):
        if c:
            per[sent].append(s)
    return [_terms(p) for p in per]


class Vocabulary:
    """TF-IDF vocabulary (unigram and bigram stems) plus an SVD projection of its unigrams."""

    def __init__(self, terms: list[str], idf: np.ndarray, svd: np.ndarray) -> None:
        self.terms = terms
        self.index = {t: i for i, t in enumerate(terms)}
        self.idf = idf.astype(np.float32)
        self.svd = svd
        self.default_idf = float(idf.max()) if len(idf) else 1.0

    @property
    def svd(self) -> np.ndarray:
        """SVD components (topics x unigram terms), float32."""
        return self._svd

    @svd.setter
    def svd(self, value: np.ndarray) -> None:
        self._svd = value.astype(np.float32)
        self._svd_t = np.ascontiguousarray(self._svd.T)

    @property
    def size(self) -> int:
        return len(self.terms)

    @classmethod
    def fit(
        cls,
        docs: Iterable[str],
        *,
        max_terms: int = 40_000,
        svd_terms: int = 8_000,
        svd_dim: int = 64,
        seed: int = 0,
    ) -> Vocabulary:
        """Terms seen in at least two documents, most frequent first; unigrams lead so that the
        SVD can use a prefix of the index."""
        from sklearn.decomposition import TruncatedSVD

        term_lists: list[list[str]] = []
        df: Counter[str] = Counter()
        for d in docs:
            a = analyse(d)
            ts = _terms([s for s, c in zip(a.stems, a.content, strict=True) if c])
            term_lists.append(ts)
            df.update(set(ts))
        n = len(term_lists)
        kept = sorted((t for t, c in df.items() if c >= 2), key=lambda t: (-df[t], t))[:max_terms]
        uni = [t for t in kept if " " not in t]
        bi = [t for t in kept if " " in t]
        terms = uni + bi
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms], dtype=np.float32)
        vocab = cls(terms, idf, np.zeros((0, 0), dtype=np.float32))
        u = min(svd_terms, len(uni))
        mat = vocab._matrix(term_lists)[:, :u]
        svd = TruncatedSVD(
            n_components=min(svd_dim, max(1, u - 1)),
            random_state=seed,
            algorithm="randomized",
            n_iter=7,
        )
        svd.fit(mat)
        # rounded to float16 here, as saved, so the trees learn from the features they will see
        vocab.svd = svd.components_.astype(np.float16).astype(np.float32)
        return vocab

    def _matrix(self, term_lists: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """L2-normalised TF-IDF rows, one per term list."""
        rows: list[int] = []
        cols: list[int] = []
        for r, ts in enumerate(term_lists):
            for t in ts:
                i = self.index.get(t)
                if i is not None:
                    rows.append(r)
                    cols.append(i)
        data = np.ones(len(rows), dtype=np.float32)
        m = sp.csr_matrix(
            (data, (rows, cols)), shape=(len(term_lists), self.size), dtype=np.float32
        )
        m.sum_duplicates()
        m = sp.csr_matrix(m.multiply(self.idf[None, :]))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ m, dtype=np.float32)

    def weights(self, terms: Sequence[str]) -> dict[int, float]:
        """L2-normalised TF-IDF weights of one text's terms, by term id.

        Plain dicts instead of sparse matrices: a claim has a dozen terms, and scipy's per-call
        overhead would cost more than the arithmetic.
        """
        tf: Counter[int] = Counter()
        for t in terms:
            i = self.index.get(t)
            if i is not None:
                tf[i] += 1
        idf = self.idf
        w = {i: c * float(idf[i]) for i, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
        return {i: v / norm for i, v in w.items()}

    def project(self, w: dict[int, float]) -> np.ndarray:
        """SVD topic vector of a TF-IDF weight dict, L2-normalised."""
        return self.project_arrays(
            np.array(list(w), dtype=np.intp), np.array(list(w.values()), dtype=np.float64)
        )

    def project_arrays(self, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """``project`` of a weight dict given as its ids and weights (in the dict's order)."""
        keep = ids < self.svd.shape[1]
        if not keep.any():
            return np.zeros(self.svd.shape[0], dtype=np.float32)
        # rows of the transposed matrix, transposed back: the same (F-ordered) matrix as
        # ``svd[:, ids]``, so the same product, gathered several times faster
        z = self._svd_t[ids[keep]].T @ weights[keep].astype(np.float32)
        n = float(np.sqrt(z.dot(z)))  # what ``np.linalg.norm`` computes, without its overhead
        return z / n if n > 0 else z

    def idf_of(self, stem: str) -> float:
        i = self.index.get(stem)
        return float(self.idf[i]) if i is not None else self.default_idf

    # -- persistence: JSON terms + npz arrays, no pickles --
    def save(self, folder: Path) -> None:
        (folder / "vocab.json").write_text(
            json.dumps(self.terms, ensure_ascii=False), encoding="utf-8"
        )
        np.savez_compressed(folder / "vocab.npz", idf=self.idf, svd=self.svd.astype(np.float16))

    @classmethod
    def load(cls, folder: Path) -> Vocabulary:
        terms = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        with np.load(folder / "vocab.npz") as z:
            return cls(terms, z["idf"], z["svd"].astype(np.float32))


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    return sum(v * b.get(i, 0.0) for i, v in a.items())


def _cue_counts(stems: Sequence[str]) -> np.ndarray:
    return np.array([sum(1 for s in stems if s in lex) for _, lex in tx.CUES], dtype=np.float32)


def _lex_counts(stems: Sequence[str]) -> np.ndarray:
    out = np.zeros(len(LEX_WORDS), dtype=np.float32)
    for s in stems:
        i = _LEX_INDEX.get(s)
        if i is not None:
            out[i] += 1
    return out


class Featurizer:
    """Turns (claim, body) into one feature row; bodies and claims are analysed once each."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self._idf = vocab.idf.astype(np.float64)
        # bigram terms "a b" as integer keys key(a) * n + key(b), sorted, for a vectorised lookup
        stem_key: dict[str, int] = {}
        pairs: list[tuple[int, int, int]] = []
        for ti, term in enumerate(vocab.terms):
            if " " in term:
                a, b = term.split(" ", 1)
                ka = stem_key.setdefault(a, len(stem_key))
                kb = stem_key.setdefault(b, len(stem_key))
                pairs.append((ka, kb, ti))
        self._bigram_key = stem_key
        self._bigram_base = max(1, len(stem_key))
        keys = np.array([ka * self._bigram_base + kb for ka, kb, _ in pairs], dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self._bigram_keys = keys[order]
        self._bigram_ids = np.array([t for _, _, t in pairs], dtype=np.intp)[order]
        self._table = _TokenTable(vocab, stem_key)
        self._claims: dict[str, ClaimInfo] = {}

    def claim(self, text: str) -> ClaimInfo:
        """Analyse one claim, or return the analysis of the same text made before.

        Why the memo: claims recur (one claim against many articles, a headline checked
        against several bodies), and a ``ClaimInfo`` is never changed after it is made.
        """
        info = self._claims.get(text)
        if info is None:
            if len(self._claims) >= _CLAIM_MEMO_MAX:
                self._claims.clear()
            info = self._claims[text] = self._claim(text)
        return info

    def _claim(self, text: str) -> ClaimInfo:
        # the tokens and stems of ``analyse``; a claim needs no sentences
        raw = tx.TOKEN_RE.findall(text)
        a_stems = [tx.stem(r) for r in raw]
        content = [s for s in a_stems if tx.is_content(s)]
        uniq = list(dict.fromkeys(content))
        vec = self.vocab.weights(_terms(content))
        idf = np.array([self.vocab.idf_of(s) for s in uniq], dtype=np.float32)
        names: set[str] = set()
        for i, (r, s) in enumerate(zip(raw, a_stems, strict=True)):
            # a capitalised word that is not the first of the claim, or an all-caps acronym
            if tx.is_content(s) and r[:1].isupper() and (i > 0 or r.isupper()) and not r.isdigit():
                names.add(s)
        if text.isupper() or text.istitle():  # Title Case headlines: capitals say nothing
            names = {s for r, s in zip(raw, a_stems, strict=True) if r.isupper() and len(r) > 1}
        return ClaimInfo(
            text=text,
            vec=vec,
            vec_ids=np.array(list(vec), dtype=np.intp),
            vec_weights=np.array(list(vec.values()), dtype=np.float64),
            svd=self.vocab.project(vec),
            stems=uniq,
            idf=idf,
            rare=np.argsort(-idf, kind="stable")[:3].tolist(),
            bigrams=set(itertools.pairwise(content)),
            numbers={v for v in map(tx.number_value, raw) if v is not None},
            names=names,
            cues=_cue_counts(a_stems),
            lex=_lex_counts(a_stems),
            has_neg=any(s in tx.NEG_STEMS for s in a_stems),
            question=text.rstrip().endswith("?"),
            n_tokens=len(a_stems),
        )

    def body(self, text: str) -> BodyInfo:
        """Analyse one body: sentence postings, TF-IDF and topic vectors, cue counts, positions.

        Tokens are looked up one sentence at a time (a token never crosses a sentence boundary)
        and everything after that is numpy over form ids. The floats are those of the plain
        definitions (``analyse``, ``_sentence_terms``, ``Vocabulary.weights``): the same
        products, and sums taken in the same order (``cumsum`` is sequential), so the features
        are bit-identical to theirs.
        """
        if len(self._table) >= _TOKEN_TABLE_MAX:
            self._table = _TokenTable(self.vocab, self._bigram_key)
        table = self._table
        spans = tx.sentences(text) or [(0, len(text))]
        n = len(spans)
        findall = tx.TOKEN_RE.findall
        known = table.ids.get
        ids_list: list[int] = []
        lens: list[int] = []
        for s, e in spans:
            toks = findall(text, s, e)
            got = [known(r) for r in toks]
            if None in got:
                table.add_many(toks)
                got = [known(r) for r in toks]
            ids_list.extend(cast(list[int], got))
            lens.append(len(got))
        tid = np.array(ids_list, dtype=np.intp)
        sent = np.repeat(np.arange(n, dtype=np.intp), lens)
        stems_of = table.stems

        # content tokens: unigram terms, and bigram terms of neighbours in one sentence
        cpos = np.flatnonzero(table.content[tid])
        ctid = tid[cpos]
        csent = sent[cpos]
        uid = table.uid[ctid]
        has_uid = uid >= 0
        ka = table.bkey[ctid[:-1]]
        kb = table.bkey[ctid[1:]]
        pair_ok = (csent[:-1] == csent[1:]) & (ka >= 0) & (kb >= 0)
        keys = ka[pair_ok] * self._bigram_base + kb[pair_ok]
        at = np.searchsorted(self._bigram_keys, keys)
        at[at >= len(self._bigram_keys)] = 0
        found = self._bigram_keys[at] == keys if len(self._bigram_keys) else keys < 0
        # each sentence's terms: its unigrams, then its bigrams (the order of ``_terms``)
        term = np.concatenate([uid[has_uid], self._bigram_ids[at[found]]])
        tsent = np.concatenate([csent[has_uid], csent[:-1][pair_ok][found]])
        kind = np.concatenate(
            [np.zeros(int(has_uid.sum()), dtype=np.intp), np.ones(int(found.sum()), dtype=np.intp)]
        )
        order = np.argsort(tsent * 2 + kind, kind="stable")
        term = term[order]
        tsent = tsent[order]

        # per-sentence TF-IDF weights, L2-normalised per sentence
        v = self.vocab.size
        pk, counts = _first_occurrence_counts((tsent * v + term).tolist())
        ps = pk // v
        pt = pk % v
        w = counts * self._idf[pt]
        nterms = np.bincount(ps, minlength=n)
        seg = np.cumsum(nterms) - nterms
        square = np.zeros((int(nterms.max(initial=0)) or 1, n))
        square[np.arange(len(pk)) - seg[ps], ps] = w * w
        norm = np.sqrt(np.cumsum(square, axis=0)[-1])
        norm[norm == 0] = 1.0
        pw = w / norm[ps]
        by_term = np.lexsort((ps, pt))

        term_list = term.tolist()
        vec_ids, vec_w = self._vector(term_list)
        lead_ids, lead_w = self._vector(term_list[: int(np.searchsorted(tsent, 2))])

        # cue and lexicon counts per sentence, negation positions
        n_cues = len(tx.CUES)
        n_lex = len(LEX_WORDS)
        cue = table.cue[tid]
        with_cue = np.flatnonzero(cue)
        bits = (cue[with_cue, None] >> np.arange(n_cues, dtype=np.uint8)) & 1
        row, col = np.nonzero(bits)
        sent_cues = (
            np.bincount(sent[with_cue][row] * n_cues + col, minlength=n * n_cues)
            .reshape(n, n_cues)
            .astype(np.float32)
        )
        lex = table.lex[tid]
        has_lex = lex >= 0
        sent_lex = (
            np.bincount(sent[has_lex] * n_lex + lex[has_lex], minlength=n * n_lex)
            .reshape(n, n_lex)
            .astype(np.float32)
        )

        stem_at: dict[str, list[int]] = {}
        content = [stems_of[t] for t in ctid.tolist()]
        for r, st in enumerate(content):
            at_r = stem_at.get(st)
            if at_r is None:
                stem_at[st] = [r]
            else:
                at_r.append(r)
        numbers_of = table.numbers
        numbers = {cast(str, numbers_of[t]) for t in tid[table.has_number[tid]].tolist()}
        ntok = max(1, len(ids_list))
        neg_pos = np.flatnonzero(table.neg[tid]).astype(np.int64)
        bounds = np.cumsum([0, *lens]).tolist()
        vec = dict(zip(vec_ids.tolist(), vec_w.tolist(), strict=True))
        return BodyInfo(
            text=text,
            spans=spans,
            post_terms=pt[by_term],
            post_sents=ps[by_term],
            post_weights=pw[by_term],
            vec=vec,
            lead_vec=dict(zip(lead_ids.tolist(), lead_w.tolist(), strict=True)),
            svd=self.vocab.project_arrays(vec_ids, vec_w),
            sent_cues=sent_cues,
            sent_lex=sent_lex,
            sent_len=np.array(lens, dtype=np.float32),
            content=content,
            stem_at=stem_at,
            content_pos=cpos.tolist(),
            lead_stems=set(content[: int(np.searchsorted(csent, 2))]),
            numbers=numbers,
            neg_pos=neg_pos,
            neg_list=neg_pos.tolist(),
            n_tokens=ntok,
            cue_rate=sent_cues.sum(axis=0) * (100.0 / ntok),
            tokens=ids_list,
            form_stems=stems_of,
            sent_tokens=list(itertools.pairwise(bounds)),
        )

    def _vector(self, term: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """``Vocabulary.weights`` of a run of term ids, as (ids, weights) in dict order."""
        ids, counts = _first_occurrence_counts(term)
        w = counts * self._idf[ids]
        norm = float(np.sqrt(np.cumsum(w * w)[-1])) if len(w) else 0.0
        return ids, w / (norm or 1.0)

    def sentence_scores(self, c: ClaimInfo, b: BodyInfo) -> np.ndarray:
        """Cosine of the claim with each body sentence (TF-IDF).

        The claim's terms are summed in their order, per sentence (``cumsum`` down the rows),
        which is the order of the plain double loop over claim terms and their postings.
        """
        n = len(b.spans)
        lo = np.searchsorted(b.post_terms, c.vec_ids, side="left")
        hi = np.searchsorted(b.post_terms, c.vec_ids, side="right")
        cnt = hi - lo
        total = int(cnt.sum())
        if total == 0:
            return np.zeros(n, dtype=np.float64)
        rows = np.repeat(np.arange(len(cnt)), cnt)
        at = np.arange(total) + np.repeat(lo - (np.cumsum(cnt) - cnt), cnt)
        m = np.zeros((len(cnt), n), dtype=np.float64)
        m[rows, b.post_sents[at]] = c.vec_weights[rows] * b.post_weights[at]
        return cast(np.ndarray, np.cumsum(m, axis=0)[-1])

    def pair(self, c: ClaimInfo, b: BodyInfo) -> tuple[np.ndarray, np.ndarray]:
        """Feature row (see ``FEATURE_NAMES``) and the claim–sentence cosines behind it."""
        sims = self.sentence_scores(c, b)
        n = len(sims)
        order = np.argsort(-sims, kind="stable")
        top = order[:TOP_SENTENCES]
        top_sims = sims[top]
        w = np.maximum(sims, 0.0)
        wsum = float(w.sum()) or 1.0
        cos_body = _dot(c.vec, b.vec)
        cos_lead = _dot(c.vec, b.lead_vec)
        cos_svd = float(np.dot(c.svd, b.svd))
        best = int(order[0]) if n else 0

        # coverage of the claim's stems, plain and idf-weighted; its rarest terms
        # (means of 0/1 values are taken as count / size, in float32 where numpy's mean of a
        # float32 array is float32, so the values are numpy's)
        stems = c.stems
        stem_at = b.stem_at
        found = [s in stem_at for s in stems]
        present = np.array(found, dtype=np.float32)
        k = len(stems)
        idf = c.idf
        cover = float(np.float32(sum(found)) / np.float32(k)) if k else 0.0
        cover_idf = float((present * idf).sum() / idf.sum()) if k else 0.0
        lead_stems = b.lead_stems
        cover_lead = sum([s in lead_stems for s in stems]) / k if k else 0.0
        rare = c.rare
        cover_rare = (
            float(np.float32(sum([found[i] for i in rare])) / np.float32(len(rare))) if k else 0.0
        )
        hits = sum([len(stem_at.get(s, ())) for s in stems])
        bigram_cover = 0.0
        if c.bigrams:  # claim bigrams that are neighbours among the body's content stems
            content = b.content
            last = len(content) - 1
            seen = 0
            for first, second in c.bigrams:
                for r in stem_at.get(first, ()):
                    if r < last and content[r + 1] == second:
                        seen += 1
                        break
            bigram_cover = seen / len(c.bigrams)
        # stems of the best sentence
        best_stems = 0.0
        if k and n:
            ts, te = b.sent_tokens[best]
            form_stems = b.form_stems
            best_words = {form_stems[t] for t in b.tokens[ts:te]}
            best_stems = sum([s in best_words for s in stems]) / k

        # negation right before a claim term in the body: "did not die", "no evidence of"
        neg_near = 0
        term_occ = 0
        if len(b.neg_pos):
            neg_pos = b.neg_list
            for s in stems:
                for p in [b.content_pos[r] for r in stem_at.get(s, ())]:
                    term_occ += 1
                    j = bisect_left(neg_pos, p)
                    if j > 0 and p - neg_pos[j - 1] <= NEG_WINDOW:
                        neg_near += 1
        else:
            term_occ = hits
        neg_near_rate = neg_near / term_occ if term_occ else 0.0

        # cues in the aligned sentences, and weighted by alignment over the whole body
        top_cues = b.sent_cues[top].sum(axis=0) if n else np.zeros(len(tx.CUES))
        top_len = float(b.sent_len[top].sum()) or 1.0
        w_cues = (w[:, None] * b.sent_cues).sum(axis=0) / wsum
        best_neg = float(b.sent_cues[best, 2] > 0) if n else 0.0

        # numbers and names of the claim found in the body
        num_cover = len(c.numbers & b.numbers) / len(c.numbers) if c.numbers else -1.0
        name_cover = sum([s in stem_at for s in c.names]) / len(c.names) if c.names else -1.0

        n_related = int(np.count_nonzero(sims >= 0.15))
        related_frac = n_related / n if n else 0.0
        row = [
            cos_body,
            cos_lead,
            cos_svd,
            float(top_sims[0]) if n else 0.0,
            float(top_sims.mean()) if n else 0.0,
            best / max(1, n - 1),
            related_frac,
            float(n_related),
            cover,
            cover_idf,
            cover_lead,
            cover_rare,
            math.log1p(hits),
            bigram_cover,
            best_stems,
            float(neg_near),
            neg_near_rate,
            best_neg,
            float(c.has_neg),
            float(c.has_neg != bool(best_neg)),
            num_cover,
            name_cover,
            float(len(c.numbers)),
            float(len(c.names)),
            float(c.question),
            math.log1p(c.n_tokens),
            math.log1p(b.n_tokens),
            float(n),
            *c.cues.tolist(),
            *b.cue_rate.tolist(),
            *(top_cues * (100.0 / top_len)).tolist(),
            *top_cues.tolist(),
            *w_cues.tolist(),
            *c.lex.tolist(),
            *(b.sent_lex[top].sum(axis=0) if n else np.zeros(len(LEX_WORDS))).tolist(),
            *c.svd[:TOPIC_DIMS].tolist(),
            *b.svd[:TOPIC_DIMS].tolist(),
            *(c.svd[:TOPIC_DIMS] * b.svd[:TOPIC_DIMS]).tolist(),
        ]
        return np.asarray(row, dtype=np.float32), sims


_CUE_NAMES = [name for name, _ in tx.CUES]
FEATURE_NAMES: list[str] = [
    "cos_body", "cos_lead", "cos_svd", "sent_max", "sent_top_mean", "best_pos", "related_frac",
    "related_n", "cover", "cover_idf", "cover_lead", "cover_rare", "log_hits", "bigram_cover",
    "best_sentence_cover", "neg_near", "neg_near_rate", "best_neg", "claim_neg", "neg_mismatch",
    "number_cover", "name_cover", "claim_numbers", "claim_names", "claim_question",
    "claim_len", "body_len", "body_sentences",
    *(f"claim_{n}" for n in _CUE_NAMES),
    *(f"body_{n}_rate" for n in _CUE_NAMES),
    *(f"top_{n}_rate" for n in _CUE_NAMES),
    *(f"top_{n}" for n in _CUE_NAMES),
    *(f"aligned_{n}" for n in _CUE_NAMES),
    *(f"claim_word_{w}" for w in LEX_WORDS),
    *(f"top_word_{w}" for w in LEX_WORDS),
    *(f"claim_topic_{i}" for i in range(TOPIC_DIMS)),
    *(f"body_topic_{i}" for i in range(TOPIC_DIMS)),
    *(f"topic_product_{i}" for i in range(TOPIC_DIMS)),
]  # fmt: skip
