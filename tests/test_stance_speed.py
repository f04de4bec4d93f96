"""Stance speed work must not change a single feature: the fast paths against the plain definitions.

The body analysis, the sentence scores and the tree walk were rewritten for speed (numpy over
token-form ids, a renumbered tree layout). These tests rebuild the same quantities from the plain
definitions that are still in the package (``analyse``, ``_sentence_terms``, ``Vocabulary.weights``,
the level-by-level tree walk) on real text and require bit-identical results.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left

import numpy as np
import pytest

from conftest import require_data
from newstrace.evaluate.stance_fnc import load_fnc, new_body_batches
from newstrace.model import Article
from newstrace.stance import load_model
from newstrace.stance import text as tx
from newstrace.stance.features import (
    FEATURE_NAMES,
    LEX_WORDS,
    NEG_WINDOW,
    Featurizer,
    _sentence_terms,
    analyse,
)

UN_CLAIM = "UN acknowledges US-backed rebels are murdering civilians in Aleppo"
TRICKY = (
    'Dr. J. Smith said: "Yes." Not true!\n\nUS officials didn\'t deny it; 1,200 died?! '
    "It's a hoax... Reportedly, Mr. Putin (and Gen. X) were not there. "
    "a lower-case start. Final words"
)


def _fnc_texts(n_bodies: int) -> tuple[list[str], list[str]]:
    folder = require_data("fnc1")
    data = load_fnc(folder / "train_bodies.csv", folder / "train_stances.csv")
    ids = sorted(data.bodies)[:: max(1, len(data.bodies) // n_bodies)][:n_bodies]
    keep = set(ids)
    claims = sorted({h for h, b in zip(data.headlines, data.body_ids, strict=True) if b in keep})
    return [data.bodies[i] for i in ids], claims


def _plain_body_checks(f: Featurizer, text: str) -> None:
    """Every field of ``Featurizer.body`` against the plain per-token definitions."""
    b = f.body(text)
    a = analyse(text)
    spans = a.spans or [(0, len(text))]
    assert b.spans == spans
    per = _sentence_terms(a)
    # postings: each sentence's TF-IDF weights, by term then sentence
    plain = sorted(
        (ti, si, w) for si, terms in enumerate(per) for ti, w in f.vocab.weights(terms).items()
    )
    assert b.post_terms.tolist() == [t for t, _, _ in plain]
    assert b.post_sents.tolist() == [s for _, s, _ in plain]
    assert b.post_weights.tolist() == [w for _, _, w in plain]  # exact floats
    vec = f.vocab.weights([t for p in per for t in p])
    assert list(b.vec.items()) == list(vec.items())  # same order, same floats
    assert list(b.lead_vec.items()) == list(
        f.vocab.weights([t for p in per[:2] for t in p]).items()
    )
    assert np.array_equal(b.svd, f.vocab.project(vec))
    # cue and lexicon counts per sentence, token positions
    n = len(spans)
    cues = np.zeros((n, len(tx.CUES)), dtype=np.float32)
    lex = np.zeros((n, len(LEX_WORDS)), dtype=np.float32)
    lex_index = {w: i for i, w in enumerate(LEX_WORDS)}
    for s, sent in zip(a.stems, a.sent_of, strict=True):
        for j, (_, words) in enumerate(tx.CUES):
            cues[sent, j] += s in words
        if s in lex_index:
            lex[sent, lex_index[s]] += 1
    assert np.array_equal(b.sent_cues, cues) and np.array_equal(b.sent_lex, lex)
    assert b.sent_len.tolist() == [a.sent_of.count(i) for i in range(n)] or not a.stems
    assert b.neg_pos.tolist() == [i for i, s in enumerate(a.stems) if s in tx.NEG_STEMS]
    content = [s for s, c in zip(a.stems, a.content, strict=True) if c]
    assert b.content == content
    assert b.content_pos == [i for i, c in enumerate(a.content) if c]
    for st, ranks in b.stem_at.items():
        assert [content[r] for r in ranks] == [st] * len(ranks)
    assert sum(len(r) for r in b.stem_at.values()) == len(content)
    assert b.lead_stems == {
        s for s, sent, c in zip(a.stems, a.sent_of, a.content, strict=True) if c and sent < 2
    }
    assert b.numbers == {v for v in map(tx.number_value, a.raw) if v is not None}
    assert [b.form_stems[t] for t in b.tokens] == a.stems
    assert b.n_tokens == max(1, len(a.stems))


def _plain_pair_checks(f: Featurizer, claim: str, text: str) -> None:
    """Sentence scores and the features that changed implementation, the plain way."""
    c = f.claim(claim)
    b = f.body(text)
    row, sims = f.pair(c, b)
    a = analyse(text)
    per = _sentence_terms(a)
    plain = np.zeros(len(b.spans), dtype=np.float64)
    postings = [f.vocab.weights(terms) for terms in per]
    for ti, wq in c.vec.items():  # the claim's terms in order, per sentence
        for si, w in enumerate(postings):
            if ti in w:
                plain[si] += wq * w[ti]
    assert sims.tolist() == plain.tolist()
    col = {name: i for i, name in enumerate(FEATURE_NAMES)}
    content = [s for s, ok in zip(a.stems, a.content, strict=True) if ok]
    bigrams = set(itertools.pairwise(content))
    want = len(c.bigrams & bigrams) / len(c.bigrams) if c.bigrams else 0.0
    assert row[col["bigram_cover"]] == np.float32(want)
    neg = [i for i, s in enumerate(a.stems) if s in tx.NEG_STEMS]
    near = 0
    for s in c.stems:
        for p in (
            i for i, (t, ok) in enumerate(zip(a.stems, a.content, strict=True)) if ok and t == s
        ):
            j = bisect_left(neg, p)
            near += j > 0 and p - neg[j - 1] <= NEG_WINDOW
    assert row[col["neg_near"]] == near
    present = np.array([s in set(content) for s in c.stems], dtype=np.float32)
    if c.stems:
        assert row[col["cover"]] == np.float32(float(present.mean()))
        assert row[col["cover_rare"]] == np.float32(float(present[c.rare].mean()))


def test_body_fields_equal_the_plain_definitions_on_seeds(rt: Article, rewrite: Article) -> None:
    f = load_model().featurizer
    for text in (rt.text, rewrite.text, TRICKY, "", "  \n ", "Hello.", "One sentence without end"):
        _plain_body_checks(f, text)


def test_pair_features_equal_the_plain_definitions_on_seeds(rt: Article, rewrite: Article) -> None:
    f = load_model().featurizer
    for claim in (UN_CLAIM, rt.title or "", "Katy Perry is not dead, it is a hoax", "?"):
        for text in (rt.text, rewrite.text, TRICKY):
            _plain_pair_checks(f, claim, text)


@pytest.mark.data
def test_body_and_pair_features_equal_the_plain_definitions_on_fnc() -> None:
    bodies, claims = _fnc_texts(25)
    f = load_model().featurizer
    for text in bodies:
        _plain_body_checks(f, text)
    for claim, text in zip(claims, itertools.cycle(bodies)):
        _plain_pair_checks(f, claim, text)


def test_sentence_splitter_keeps_abbreviations_and_breaks_lines() -> None:
    spans = tx.sentences(TRICKY)
    got = [TRICKY[s:e] for s, e in spans]
    assert got[0] == 'Dr. J. Smith said: "Yes."'  # "Dr." and "J." do not end it
    assert got[1] == "Not true!"
    assert got[2].startswith("US officials") and got[2].endswith("1,200 died?!")
    assert any(g.startswith("Reportedly, Mr. Putin (and Gen. X) were not there.") for g in got)
    # a lower-case word after a full stop continues the sentence
    assert got[-2].endswith("were not there. a lower-case start.")
    assert got[-1] == "Final words"
    assert all(g == g.strip() and g for g in got)


def test_fast_tree_walk_reaches_the_same_leaves(rt: Article, rewrite: Article) -> None:
    m = load_model()
    pairs = [(c, a) for c in (UN_CLAIM, rt.title or "", rewrite.title or "") for a in (rt, rewrite)]
    x, _, _, _ = m.features([c for c, _ in pairs], [a.text for _, a in pairs])
    x = x.astype(np.float64)
    trees = m.trees
    assert np.array_equal(
        trees.raw(x), trees.value[trees._walk(x)] @ trees._onehot + trees.baseline
    )
    many = np.tile(x, (60, 1))  # several row blocks
    assert np.array_equal(
        trees.raw(many), trees.value[trees._walk(many)] @ trees._onehot + trees.baseline
    )
    # a row with a missing value takes the plain walk and its missing-value directions
    with_nan = x.copy()
    with_nan[0, :5] = np.nan
    assert np.array_equal(
        trees.raw(with_nan)[1:], trees.value[trees._walk(x[1:])] @ trees._onehot + trees.baseline
    )
    assert np.isfinite(trees.raw(with_nan)).all()


def test_claim_memo_returns_the_same_analysis() -> None:
    f = load_model().featurizer
    first = f.claim(UN_CLAIM)
    assert f.claim(UN_CLAIM) is first
    fresh = Featurizer(f.vocab).claim(UN_CLAIM)
    assert fresh.vec == first.vec and np.array_equal(fresh.svd, first.svd)


def test_new_body_batches_never_repeat_a_body() -> None:
    body_ids = [5, 5, 7, 5, 9, 7, 1]
    batches = new_body_batches(body_ids)
    assert sorted(i for b in batches for i in b) == list(range(len(body_ids)))
    for b in batches:
        assert len({body_ids[i] for i in b}) == len(b)
    assert len(batches) == 3  # body 5 has three pairs
