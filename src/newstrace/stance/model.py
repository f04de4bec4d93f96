"""The stance model: features + boosted trees, loaded once from package data.

``predict_stance(claim, article)`` answers one pair; ``predict_many(pairs)`` answers many and
analyses each distinct article body once, which is what makes corpus-scale use fast. The result is
a ``newstrace.model.StanceResult``: label, the four class probabilities, and as evidence the body
sentences that decided the label (spans of ``article.text``), most decisive first.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import numpy as np

from newstrace.errors import InputError, NewstraceError, a_text, an_article
from newstrace.model import Article, Span, StanceLabel, StanceResult
from newstrace.stance import text as tx
from newstrace.stance.features import FEATURE_NAMES, BodyInfo, ClaimInfo, Featurizer, Vocabulary
from newstrace.stance.trees import TreeEnsemble

LABELS: tuple[StanceLabel, ...] = ("agree", "disagree", "discuss", "unrelated")
MODEL_DIR = Path(__file__).resolve().parent / "model"
#: at most this many evidence sentences per result
MAX_EVIDENCE = 3
#: a sentence this similar to the claim (TF-IDF cosine) can be evidence
MIN_EVIDENCE_SIM = 0.05


class StanceModel:
    """Vocabulary, feature extractor and trees, plus per-class score offsets tuned on a dev split."""

    def __init__(self, vocab: Vocabulary, trees: TreeEnsemble, meta: dict[str, Any]) -> None:
        self.vocab = vocab
        self.featurizer = Featurizer(vocab)
        self.trees = trees
        self.meta = meta
        labels = tuple(meta.get("labels", LABELS))
        if labels != LABELS or trees.n_classes != len(LABELS):
            raise NewstraceError(f"stance model: expected classes {LABELS}, model has {labels} and {trees.n_classes} tree classes")
        if list(meta.get("features", FEATURE_NAMES)) != FEATURE_NAMES:
            raise NewstraceError(
                "stance model: its feature list does not match this code; retrain it"
            )
        self.bias = np.asarray(meta.get("class_bias", [0.0] * len(LABELS)), dtype=np.float64)

    # -- persistence --
    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.vocab.save(folder)
        self.trees.save(folder / "trees.npz")
        meta = dict(
            self.meta, labels=list(LABELS), features=FEATURE_NAMES, class_bias=self.bias.tolist()
        )
        (folder / "meta.json").write_text(
            json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, folder: Path) -> StanceModel:
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            return cls(Vocabulary.load(folder), TreeEnsemble.load(folder / "trees.npz"), meta)
        except (OSError, ValueError, KeyError) as e:
            raise NewstraceError(
                f"{folder}: cannot load the stance model ({type(e).__name__}: {e})"
            ) from e

    # -- prediction --
    def proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities with the tuned offsets applied (rows sum to 1)."""
        r = self.trees.raw(x) + self.bias[None, :]
        r -= r.max(axis=1, keepdims=True)
        e = np.exp(r)
        return cast(np.ndarray, e / e.sum(axis=1, keepdims=True))

    def features(
        self, claims: Sequence[str], bodies: Sequence[str]
    ) -> tuple[np.ndarray, list[np.ndarray], list[BodyInfo], list[ClaimInfo]]:
        """Feature rows for pairs; each distinct claim and body text is analysed once."""
        body_cache: dict[str, BodyInfo] = {}
        claim_cache: dict[str, ClaimInfo] = {}
        rows: list[np.ndarray] = []
        sims: list[np.ndarray] = []
        binfo: list[BodyInfo] = []
        cinfo: list[ClaimInfo] = []
        for c, b in zip(claims, bodies, strict=True):
            bi = body_cache.get(b)
            if bi is None:
                bi = body_cache[b] = self.featurizer.body(b)
            ci = claim_cache.get(c)
            if ci is None:
                ci = claim_cache[c] = self.featurizer.claim(c)
            row, s = self.featurizer.pair(ci, bi)
            rows.append(row)
            sims.append(s)
            binfo.append(bi)
            cinfo.append(ci)
        x = np.vstack(rows) if rows else np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
        return x, sims, binfo, cinfo

    def predict_texts(
        self, claims: Sequence[str], bodies: Sequence[str]
    ) -> tuple[list[StanceLabel], np.ndarray]:
        """Labels and probabilities for (claim, body text) pairs."""
        x, _, _, _ = self.features(claims, bodies)
        p = self.proba(x) if len(x) else np.zeros((0, len(LABELS)))
        return [LABELS[i] for i in p.argmax(axis=1)], p

    def predict_articles(self, pairs: Sequence[tuple[str, Article]]) -> list[StanceResult]:
        claims = [c for c, _ in pairs]
        arts = [a for _, a in pairs]
        x, sims, binfo, _ = self.features(claims, [a.text for a in arts])
        p = self.proba(x) if len(x) else np.zeros((0, len(LABELS)))
        results: list[StanceResult] = []
        for i, art in enumerate(arts):
            label = LABELS[int(p[i].argmax())]
            probs: dict[str, float] = {lab: round(float(p[i, j]), 4) for j, lab in enumerate(LABELS)}
            spans = _evidence(label, sims[i], binfo[i])
            results.append(
                StanceResult(art.id, label, probs, [Span.of(art, s, e) for s, e in spans])
            )
        return results


def _evidence(label: StanceLabel, sims: np.ndarray, body: BodyInfo) -> list[tuple[int, int]]:
    """The body sentences behind the label, most decisive first.

    A sentence counts by its similarity to the claim; for ``disagree`` sentences with refuting,
    debunking or negation cues weigh more, for ``discuss`` hedging cues, for ``agree``
    confirmation cues, because those are the words the features read in the aligned sentences.
    ``unrelated`` has no deciding sentence: its evidence is the absence of any.
    """
    if label == "unrelated" or not len(sims):
        return []
    names = [n for n, _ in tx.CUES]
    cues = body.sent_cues
    if label == "disagree":
        boost = (
            cues[:, names.index("refute")]
            + cues[:, names.index("debunk")]
            + cues[:, names.index("neg")]
        )
    elif label == "discuss":
        boost = cues[:, names.index("hedge")]
    else:
        boost = cues[:, names.index("confirm")]
    score = sims * (1.0 + 0.5 * np.minimum(boost, 3.0))
    order = np.argsort(-score, kind="stable")
    out = [body.spans[int(i)] for i in order[:MAX_EVIDENCE] if sims[int(i)] >= MIN_EVIDENCE_SIM]
    return out


def train_command(folder: Path) -> str:
    """The command that writes a stance model into ``folder``, for a message to give (the path
    shell-quoted, so that it can be pasted as it is)."""
    return f"newstrace train stance FNC_DIR --out {shlex.quote(str(folder))}"


@lru_cache(maxsize=1)
def _shipped() -> StanceModel:
    if not (MODEL_DIR / "meta.json").is_file():
        raise NewstraceError(f"{MODEL_DIR}: the stance model is missing; train it with '{train_command(MODEL_DIR)}'")
    return StanceModel.load(MODEL_DIR)


def load_model(folder: Path | None = None) -> StanceModel:
    """The shipped model (cached for the process), or the one saved in ``folder``."""
    return _shipped() if folder is None else StanceModel.load(Path(folder))


def predict_stance(claim: str, article: Article, model: StanceModel | None = None) -> StanceResult:
    """Does ``article`` agree with, disagree with, discuss, or ignore ``claim``?"""
    pair = (a_text(claim, "predict_stance: claim"), an_article(article, "predict_stance: article"))
    if not claim.strip():  # "unrelated" with probability 1.0 was a certainty about nothing
        raise InputError(f"predict_stance: claim {claim!r}: expected a headline or a sentence, not blank")
    return predict_many([pair], model=model)[0]


def predict_many(
    pairs: Iterable[tuple[str, Article]], model: StanceModel | None = None
) -> list[StanceResult]:
    """``predict_stance`` for many pairs, in input order; each distinct body is analysed once."""
    m = model or load_model()
    return m.predict_articles(list(pairs))
