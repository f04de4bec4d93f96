"""FNC-1 stance benchmark: the official weighted score, per-class F1, macro-F1, confusion matrix.

The official FNC-1 score gives +0.25 for a correct related/unrelated call and +0.75 more for
the exact agree/disagree/discuss label on a related pair, reported as a percentage of the best
possible score. Macro-F1 is reported beside it because the score can be high while ``disagree``
is never predicted, which is the failure of every FNC-1 winner.
"""

from __future__ import annotations

import csv
import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newstrace.errors import InputError
from newstrace.evaluate import as_given, need_csv, need_folder

if TYPE_CHECKING:
    from newstrace.stance.model import StanceModel

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset(LABELS[:3])
#: bodies whose hash falls in this bucket (of 5) are held out; bucket 1 is the tuning dev split
HELDOUT_BUCKET = 0
DEV_BUCKET = 1


@dataclass
class FncData:
    """FNC-1 pairs: headline, body id, gold stance; bodies by id."""

    headlines: list[str]
    body_ids: list[int]
    stances: list[str]
    bodies: dict[int, str]

    def __len__(self) -> int:
        return len(self.headlines)

    def subset(self, keep: Sequence[int]) -> FncData:
        ids = {self.body_ids[i] for i in keep}
        return FncData(
            [self.headlines[i] for i in keep],
            [self.body_ids[i] for i in keep],
            [self.stances[i] for i in keep],
            {b: t for b, t in self.bodies.items() if b in ids},
        )


def body_bucket(body_id: int, buckets: int = 5) -> int:
    """Stable split of bodies into buckets, so a body and all its headlines land together."""
    h = hashlib.sha256(f"fnc1-body-{body_id}".encode()).hexdigest()
    return int(h[:8], 16) % buckets


def split_by_body(data: FncData, buckets: Sequence[int]) -> list[int]:
    """Indices of the pairs whose body falls in ``buckets``."""
    want = set(buckets)
    return [i for i, b in enumerate(data.body_ids) if body_bucket(b) in want]


def fnc_files(folder: Path) -> tuple[Path, Path]:
    """``train_bodies.csv`` and ``train_stances.csv`` of an FNC-1 folder (``train stance FNC_DIR``,
    ``eval stories-fakes --fnc DIR``), or an ``InputError`` naming the one it lacks (or saying the
    folder is none: a path that is not there was said to lack ``train_bodies.csv``)."""
    need_folder(folder)
    bodies, stances = folder / "train_bodies.csv", folder / "train_stances.csv"
    for p in (bodies, stances):
        if not p.is_file():
            raise InputError(f"{folder}: no {p.name} (expected the FNC-1 training files)")
    return bodies, stances


def _read_csv(path: Path, need: Sequence[str]) -> list[dict[str, str]]:
    need_csv(path)
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise InputError(f"{path}: cannot read as CSV ({e})") from e
    if not rows or any(k not in rows[0] for k in need):
        raise InputError(f"{path}: expected CSV columns {', '.join(need)}")
    return rows


def load_fnc(bodies: Path, stances: Path) -> FncData:
    """Read FNC-1 ``*_bodies.csv`` and ``*_stances.csv`` (the official column names)."""
    body_rows = _read_csv(bodies, ("Body ID", "articleBody"))
    stance_rows = _read_csv(stances, ("Headline", "Body ID", "Stance"))
    try:
        body_map = {int(r["Body ID"]): r["articleBody"] for r in body_rows}
        ids = [int(r["Body ID"]) for r in stance_rows]
    except ValueError as e:
        raise InputError(f"{bodies} / {stances}: Body ID is not an integer ({e})") from e
    missing = sorted({b for b in ids if b not in body_map})
    if missing:
        raise InputError(
            f"{stances}: {len(missing)} Body IDs not in {bodies} (first: {missing[0]})"
        )
    labels = [r["Stance"].strip().lower() for r in stance_rows]
    bad = sorted({x for x in labels if x not in LABELS})
    if bad:
        raise InputError(f"{stances}: unknown Stance values {bad[:3]}")
    return FncData([r["Headline"] for r in stance_rows], ids, labels, body_map)


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """(score, maximum score) by the official FNC-1 weighting."""
    score = 0.0
    best = 0.0
    for g, p in zip(gold, pred, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25
            if g != "unrelated":
                score += 0.5
        if g in RELATED and p in RELATED:
            score += 0.25
    return score, best


def metrics(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """FNC score (% of max), per-class precision/recall/F1, macro-F1, confusion (rows = gold)."""
    score, best = fnc_score(gold, pred)
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, pred, strict=True):
        confusion[g][p] += 1
    per_class: dict[str, dict[str, float]] = {}
    for c in LABELS:
        tp = confusion[c][c]
        fp = sum(confusion[g][c] for g in LABELS) - tp
        fn = sum(confusion[c].values()) - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[c] = {
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    macro = sum(v["f1"] for v in per_class.values()) / len(LABELS)
    accuracy = sum(confusion[c][c] for c in LABELS) / max(1, len(gold))
    return {
        "pairs": len(gold),
        "fnc_score": round(100.0 * score / best, 2) if best else 0.0,
        "fnc_raw": [round(score, 2), round(best, 2)],
        "macro_f1": round(macro, 4),
        "accuracy": round(accuracy, 4),
        "per_class": per_class,
        "confusion": confusion,
    }


def new_body_batches(body_ids: Sequence[int]) -> list[list[int]]:
    """Pair indices grouped so that no body occurs twice in a group: the k-th pair of every body.

    Predicting group by group (each with its own body cache) analyses a body for every pair,
    which is the cost of stance over a corpus where claims and articles rarely repeat.
    """
    seen: dict[int, int] = {}
    batches: list[list[int]] = []
    for i, b in enumerate(body_ids):
        k = seen.get(b, 0)
        seen[b] = k + 1
        if k == len(batches):
            batches.append([])
        batches[k].append(i)
    return batches


def evaluate_model(data: FncData, model: Any) -> dict[str, Any]:
    """Predict every pair of ``data`` with ``model`` (a ``StanceModel``) and score it; also time it.

    Speed is CPU time of this process on one thread (the machine is shared, so wall time says
    more about the neighbours than about the model), measured twice: with a new body for every
    pair (groups from ``new_body_batches``, on a copy of the model with empty caches, first),
    and with each body analysed once for all its pairs (FNC-1's layout). Both must give the
    same labels.
    """
    import copy

    from threadpoolctl import threadpool_limits

    from newstrace.stance.features import Featurizer

    headlines = data.headlines
    bodies = [data.bodies[b] for b in data.body_ids]
    batches = new_body_batches(data.body_ids)
    cold = copy.copy(model)
    cold.featurizer = Featurizer(model.vocab)
    with threadpool_limits(limits=1):
        c0 = time.process_time()
        single: list[str] = [""] * len(data)
        for idx in batches:
            got, _ = cold.predict_texts([headlines[i] for i in idx], [bodies[i] for i in idx])
            for i, label in zip(idx, got, strict=True):
                single[i] = label
        c1 = time.process_time()
        t0 = time.perf_counter()
        labels, _ = model.predict_texts(headlines, bodies)
        wall = time.perf_counter() - t0
        c2 = time.process_time()
    if single != list(labels):
        raise RuntimeError("stance: predictions differ between shared and per-pair bodies")
    out = metrics(data.stances, labels)

    def rate(seconds: float) -> float | None:
        return round(len(data) / seconds, 1) if seconds > 0 else None

    out["pairs_per_second"] = rate(c2 - c1)
    out["speed"] = {
        "clock": "CPU time of this process, one thread",
        "pairs": len(data),
        "bodies": len(data.bodies),
        "shared_bodies": {"cpu_seconds": round(c2 - c1, 3), "pairs_per_cpu_second": rate(c2 - c1)},
        "new_body_per_pair": {
            "batches": len(batches),
            "cpu_seconds": round(c1 - c0, 3),
            "pairs_per_cpu_second": rate(c1 - c0),
        },
        "wall_pairs_per_second_shared_bodies": rate(wall),
    }
    return out


def run(
    bodies: Path,
    stances: Path,
    *,
    heldout: bool = False,
    seed: int = 0,
    model: StanceModel | None = None,
) -> dict[str, Any]:
    """The ``newstrace eval stance-fnc`` benchmark.

    Without ``heldout``: score ``model`` (default the shipped one) on the given files (the right
    call for the FNC-1 test set). With ``heldout``: train a fresh model, with the shipped settings, on the bodies
    outside the held-out bucket and score it on the held-out bodies only, so that training-set
    files can be used without scoring the model on rows it learned from.
    """
    from newstrace.stance.model import load_model
    from newstrace.stance.train import train_model

    data = load_fnc(bodies, stances)
    result: dict[str, Any] = {
        "benchmark": "stance-fnc",
        "bodies": as_given(bodies),
        "stances": as_given(stances),
    }
    if heldout:
        if model is not None:
            raise ValueError("heldout trains its own model: no model to give")
        train_idx = split_by_body(data, [b for b in range(5) if b != HELDOUT_BUCKET])
        test_idx = split_by_body(data, [HELDOUT_BUCKET])
        model = train_model(data.subset(train_idx), seed=seed)
        test = data.subset(test_idx)
        result["split"] = {
            "by": "Body ID hash bucket",
            "train_pairs": len(train_idx),
            "heldout_pairs": len(test_idx),
            "heldout_bodies": len(test.bodies),
        }
        # every key in every run: the model was trained here, on none of the pairs scored
        result["trained_on_these_rows"] = None
    else:
        model = model or load_model()
        test = data
        result["split"] = None
        result["trained_on_these_rows"] = model.meta.get("train_stances_sha256") == _sha256(stances)
    result.update(evaluate_model(test, model))
    return result


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
