"""SemEval-2022 Task 8 (news article similarity): Pearson correlation on the ``Overall`` score.

Gold ``Overall`` runs from 1 (same story) to 4 (unrelated), so a similarity ``s`` is reported as the
prediction ``4 - 3 * s`` to keep the task's sign. Pairs are split by a hash of ``pair_id`` into
``dev`` (fitted on) and ``test`` (also called ``heldout``); the ``_test`` figures are on the
scored pairs, by default ``unseen`` (``evaluate.seen``): the pairs nothing was fitted on, which on
our file is ``test`` and on a file of other pairs (SemEval's own test set) ``all``. ``split`` and
``split_rule`` say which. The figures that fit on the dev pairs (``dev_fit``, ``_dev`` figures,
``pearson_dev_fit_test``, ``..._with_embedding_test``) are reported only when no scored pair is a
dev pair, i.e. on the ``test`` split:

* ``pearson_story_similarity_test``: newstrace's story similarity, the shipped content model
  ``corpus/params.TEXT`` (``similarity.text_similarity``), which the story and thread models of
  the clusterer take as their main feature; it was fitted on the dev pairs (``fit_text``, whose
  result this report also prints as ``dev_fit``);
* ``pearson_story_probability_test``: the clusterer's join probability (``params.STORY``) for two
  undated articles, a transfer figure (its other weights were calibrated on FA-KES);
* ``pearson_body_cosine_test``: the plain IDF body cosine, for reference;
* with ``--semantic`` (extra ``semantic``): ``pearson_embedding_cosine_test``, the cosine of the
  all-MiniLM-L6-v2 embeddings of headline + body (``corpus/semantic.py``), and
  ``pearson_story_similarity_with_embedding_test``, least squares of ``FIT_FEATURES`` plus that
  cosine fitted on the dev pairs (``dev_fit_with_embedding``).

The pairs carry no dates, so the time features sit at their "unknown" value. IDF comes from all
texts of the chosen language (unsupervised; no scores are read for it).
"""

from __future__ import annotations

import csv
import hashlib
import math
from pathlib import Path
from typing import Any

import numpy as np

from newstrace.clean.text import normalize_body
from newstrace.corpus import params
from newstrace.corpus.features import article_features
from newstrace.corpus.similarity import (
    TEXT_FEATURES,
    Centroid,
    DocFreq,
    TextModel,
    cosine,
    features,
    text_features,
)
from newstrace.errors import InputError
from newstrace.evaluate import as_given, need_csv
from newstrace.evaluate.seen import asked_rule, choose_unseen, fingerprint, held_out_as, seen_rows
from newstrace.model import Article

DEV_SHARE = 0.4
#: the content features the fit uses, chosen by leave-one-out Pearson on the dev pairs (0.788 with
#: these four; 0.766 adding place coverage, 0.761 for the lead cosine alone); place coverage keeps
#: weight 0 here and counts in the FA-KES-calibrated story model instead
FIT_FEATURES = ("body", "lead", "ents", "ents_cover")


#: the splits ``evaluate`` takes (``heldout`` is ``test``; the dev figure is in every ``test`` report)
SPLITS = ("unseen", "test", "heldout", "all")


def split_of(pair_id: str) -> str:
    h = int(hashlib.sha1(pair_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "dev" if h < DEV_SHARE else "test"


def row_fingerprint(row: dict[str, Any]) -> str:
    """A pair's fingerprint (``evaluate.seen``): its ``pair_id`` and both texts."""
    return fingerprint(row["pair_id"], row["text1"], row["text2"])


def _article(pid: str, side: str, raw: str) -> Article:
    text = normalize_body(raw or "")
    first, _, rest = text.partition("\n")
    title = first.strip() if rest.strip() and len(first) <= 200 else None
    return Article(id=f"{pid}:{side}", text=rest.strip() if title else text, title=title)


def load_pairs(path: Path, lang: str | None) -> list[dict[str, Any]]:
    """The pairs with an ``Overall`` score whose texts are both in ``lang`` (None: every pair)."""
    need_csv(path)
    csv.field_size_limit(1 << 30)
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if lang is not None and (r.get("lang1") != lang or r.get("lang2") != lang):
                continue
            try:
                overall = float(r["Overall"])
            except (KeyError, ValueError):
                continue
            rows.append({"pair_id": r["pair_id"], "text1": r["text1"], "text2": r["text2"], "overall": overall})
    if not rows:
        raise InputError(f"{path}: no {lang}-{lang} pairs with an Overall score")
    return rows


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3 or float(np.std(x)) == 0.0 or float(np.std(y)) == 0.0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def embedding_cosines(pairs: list[tuple[Article, Article]]) -> np.ndarray:
    """Cosine of the sentence embeddings (headline + body, ``corpus.semantic``) of each pair."""
    from newstrace.corpus.semantic import embed_articles

    va = np.asarray(embed_articles([a for a, _ in pairs]), dtype=np.float64)
    vb = np.asarray(embed_articles([b for _, b in pairs]), dtype=np.float64)
    return np.sum(va * vb, axis=1)


def fit_text(X: np.ndarray, y: np.ndarray) -> TextModel:
    """Least squares of the 0..1 similarity ``(4 - Overall) / 3`` on ``TEXT_FEATURES`` (dev pairs)."""
    cols = [TEXT_FEATURES.index(f) for f in FIT_FEATURES]
    A = np.column_stack([X[:, cols], np.ones(len(X))])
    coef, *_ = np.linalg.lstsq(A, (4.0 - y) / 3.0, rcond=None)
    weights = [0.0] * len(TEXT_FEATURES)
    for c, j in zip(coef[:-1], cols, strict=True):
        weights[j] = round(float(c), 4)
    return TextModel(weights=tuple(weights), bias=round(float(coef[-1]), 4))


def evaluate(path: Path, lang: str = "en", semantic: bool = False, split: str = "unseen") -> dict[str, Any]:
    """Pearson figures on the pairs of ``split`` (one of ``SPLITS``), as the module says."""
    rows = load_pairs(path, lang)
    df = DocFreq()
    pairs = []
    texts: list[tuple[Article, Article]] = []
    for r in rows:
        a, b = _article(r["pair_id"], "1", r["text1"]), _article(r["pair_id"], "2", r["text2"])
        fa, fb = article_features(a), article_features(b)
        df.add(fa)
        df.add(fb)
        pairs.append((r, Centroid.of(fa), Centroid.of(fb)))
        texts.append((a, b))
    Xt = np.array([text_features(ca, cb, df) for _, ca, cb in pairs], dtype=np.float64)
    y = np.array([r["overall"] for r, _, _ in pairs])
    hashed = np.array([split_of(r["pair_id"]) for r, _, _ in pairs])
    wanted = held_out_as(split, "test")
    if wanted == "unseen":
        choice = choose_unseen([row_fingerprint(r) for r, _, _ in pairs], list(hashed == "test"),
                               seen_rows("similarity-semeval", DEV_SHARE), "test", "pairs", "--split all", str(path))
        wanted, rule, test = choice.split, choice.rule, np.array(choice.scored)
    elif wanted in ("test", "all"):
        rule, test = asked_rule(wanted, "pairs"), (hashed == "test") | (wanted == "all")
    else:
        raise ValueError(f"split {split!r}: expected one of {', '.join(SPLITS)}")
    # a fit on dev pairs is judged on pairs it did not see, or not at all
    dev = (hashed == "dev") if not (test & (hashed == "dev")).any() else np.zeros(len(pairs), dtype=bool)
    fitted = bool(dev.any())
    if fitted:
        fit = fit_text(Xt[dev], y[dev])
        refit = np.array([fit.score(list(x)) for x in Xt])
    shipped = np.array([params.TEXT.score(list(x)) for x in Xt])
    story = np.array([params.STORY.score(features(ca, cb, df, params.STORY)) for _, ca, cb in pairs])
    body = np.array([cosine(ca.body, cb.body, df) for _, ca, cb in pairs])
    result: dict[str, Any] = {
        "data": as_given(path),
        "lang": lang,
        "pairs": len(pairs),
        "dev_pairs": int(dev.sum()),
        "test_pairs": int(test.sum()),
        "semantic": semantic,
        "split": wanted,
        "split_rule": rule,
        "pearson_story_similarity_test": _r(pearson(4 - 3 * shipped[test], y[test])),
    }
    # every key in every run (null when it does not apply: no dev fit, or no --semantic), as the
    # other eval commands' documents have them; they were only added when they did
    result["pearson_story_similarity_dev"] = _r(pearson(4 - 3 * shipped[dev], y[dev])) if fitted else None
    result["pearson_story_probability_test"] = _r(pearson(4 - 3 * story[test], y[test]))
    result["pearson_body_cosine_test"] = _r(pearson(4 - 3 * body[test], y[test]))
    result["pearson_dev_fit_test"] = _r(pearson(4 - 3 * refit[test], y[test])) if fitted else None
    result["dev_fit"] = {"weights": dict(zip(TEXT_FEATURES, fit.weights, strict=True)), "bias": fit.bias} if fitted else None
    result["pearson_embedding_cosine_test"] = None
    result["pearson_embedding_cosine_dev"] = None
    result["pearson_story_similarity_with_embedding_test"] = None
    result["dev_fit_with_embedding"] = None
    if semantic:
        cos = embedding_cosines(texts)
        result["pearson_embedding_cosine_test"] = _r(pearson(4 - 3 * cos[test], y[test]))
    if semantic and fitted:
        cols = [TEXT_FEATURES.index(f) for f in FIT_FEATURES]
        A = np.column_stack([Xt[:, cols], cos, np.ones(len(Xt))])
        coef, *_ = np.linalg.lstsq(A[dev], (4.0 - y[dev]) / 3.0, rcond=None)
        result["pearson_embedding_cosine_dev"] = _r(pearson(4 - 3 * cos[dev], y[dev]))
        result["pearson_story_similarity_with_embedding_test"] = _r(pearson(4 - 3 * (A @ coef)[test], y[test]))
        names = [*FIT_FEATURES, "embedding"]
        result["dev_fit_with_embedding"] = {
            "weights": {n: round(float(c), 4) for n, c in zip(names, coef[:-1], strict=True)},
            "bias": round(float(coef[-1]), 4),
        }
    return result


def _r(x: float) -> float | None:
    return None if math.isnan(x) else round(x, 4)
