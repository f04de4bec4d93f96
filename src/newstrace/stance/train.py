"""Training the stance model on FNC-1: vocabulary, features, boosted trees, export to arrays.

Reproducible: the vocabulary is deterministic, the SVD and the trees take a fixed seed, and the
trees are trained without early stopping (whose validation split would depend on row order).
The settings below were chosen on a dev split (bodies in hash bucket ``DEV_BUCKET``) with the
model trained on buckets 2-4; the held-out bucket was not looked at while choosing them.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from newstrace.errors import InputError, check_output_folder
from newstrace.evaluate.stance_fnc import FncData, fnc_files, load_fnc
from newstrace.stance.features import FEATURE_NAMES, Vocabulary
from newstrace.stance.model import LABELS, StanceModel
from newstrace.stance.trees import TreeEnsemble

#: tree settings chosen on the dev split
PARAMS: dict[str, Any] = {
    "learning_rate": 0.08,
    "max_iter": 400,
    "max_leaf_nodes": 31,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
}
#: training weight per class: disagree is 1.7 % of the pairs and the class that matters most
CLASS_WEIGHT: dict[str, float] = {"agree": 2.0, "disagree": 6.0, "discuss": 1.0, "unrelated": 1.0}
#: offsets added to the raw class scores at prediction time (tuned on the dev split)
CLASS_BIAS: tuple[float, ...] = (0.5, 3.0, 0.0, 0.0)


def feature_matrix(model: StanceModel, data: FncData) -> np.ndarray:
    x, _, _, _ = model.features(data.headlines, [data.bodies[b] for b in data.body_ids])
    return x


def train_model(
    data: FncData,
    *,
    seed: int = 0,
    params: dict[str, Any] | None = None,
    class_weight: dict[str, float] | None = None,
    class_bias: tuple[float, ...] = CLASS_BIAS,
    log: Callable[[str], None] | None = None,
) -> StanceModel:
    """Fit vocabulary and trees on ``data``; returns a model ready to predict and save."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    say = log or (lambda _m: None)
    missing = sorted(set(LABELS) - set(data.stances))
    if missing:
        raise InputError(f"training data has no pairs labelled {', '.join(missing)}")
    t0 = time.perf_counter()
    docs = sorted(set(data.headlines)) + [data.bodies[b] for b in sorted(data.bodies)]
    vocab = Vocabulary.fit(docs, seed=seed)
    say(f"vocabulary: {vocab.size} terms ({time.perf_counter() - t0:.0f}s)")
    z = np.zeros(1)
    empty = TreeEnsemble(z, z, z, z, z, z, z, z, z, np.zeros(len(LABELS)), 0)
    model = StanceModel(vocab, empty, {})
    x = feature_matrix(model, data)
    say(f"features: {x.shape[0]} pairs x {x.shape[1]} ({time.perf_counter() - t0:.0f}s)")
    index: dict[str, int] = {lab: i for i, lab in enumerate(LABELS)}
    y = np.array([index[s] for s in data.stances])
    cw = class_weight or CLASS_WEIGHT
    w = np.array([cw[s] for s in data.stances], dtype=np.float64)
    clf = HistGradientBoostingClassifier(
        **(params or PARAMS), early_stopping=False, random_state=seed, categorical_features=None
    )
    # one thread: on a shared 2-core machine OpenMP's spinning threads slow the fit down tenfold
    with threadpool_limits(limits=1):
        clf.fit(x, y, sample_weight=w)
    trees = TreeEnsemble.from_sklearn(clf)
    check = x[: min(len(x), 2000)]
    if not np.allclose(trees.predict_proba(check), clf.predict_proba(check), atol=1e-6):
        raise RuntimeError("exported trees disagree with scikit-learn; its internals changed")
    say(f"trees: {len(trees.roots)} ({time.perf_counter() - t0:.0f}s)")
    meta = {
        "trained_on": {"pairs": len(data), "bodies": len(data.bodies)},
        "params": dict(params or PARAMS),
        "class_weight": cw,
        "seed": seed,
    }
    model = StanceModel(vocab, trees, dict(meta, class_bias=list(class_bias)))
    return model


#: the files ``StanceModel.save`` writes
MODEL_FILES = ("meta.json", "trees.npz", "vocab.json", "vocab.npz")


def check_out_folder(out: Path) -> None:
    """Refuse (``InputError``) an output folder that training would spoil: a file, or a folder
    holding anything but a stance model (what ingest's walk leaves out aside: ``ingest.left_out``).
    A new or empty folder, or a model to replace, is fine."""
    check_output_folder(
        Path(out),
        MODEL_FILES,
        a_file=f"not a folder (the stance model is a folder of {len(MODEL_FILES)} files)",
        holds=lambda shown: (
            f"holds other files than a stance model ({shown}), so the model is not written there "
            "(give a new or empty folder)"
        ),
    )


def train_from_folder(
    folder: Path, out: Path, *, seed: int = 0, log: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """``newstrace train stance``: train on all FNC-1 training pairs and save to ``out``."""
    check_out_folder(out)  # before minutes of training, not after
    bodies, stances = fnc_files(Path(folder))
    data = load_fnc(bodies, stances)
    model = train_model(data, seed=seed, log=log)
    model.meta["train_stances_sha256"] = hashlib.sha256(stances.read_bytes()).hexdigest()
    model.save(out)
    size = sum((out / name).stat().st_size for name in MODEL_FILES)
    return {
        "out": str(out),
        "pairs": len(data),
        "bodies": len(data.bodies),
        "features": len(FEATURE_NAMES),
        "bytes": size,
    }
