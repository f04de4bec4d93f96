"""Gradient-boosted trees as plain arrays: exported from scikit-learn, evaluated with numpy.

scikit-learn's ``HistGradientBoostingClassifier`` trains the model, but its pickles break across
library versions. The fitted trees are therefore flattened into a handful of numpy arrays (saved
as ``.npz``) and evaluated here; training checks that this evaluator reproduces scikit-learn's own
probabilities, so a change in scikit-learn's internals fails loudly at training time instead of
silently at prediction time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


class TreeEnsemble:
    """Multiclass boosted trees: raw score per class = baseline + sum of the class's tree leaves."""

    def __init__(
        self,
        feature: np.ndarray,
        threshold: np.ndarray,
        left: np.ndarray,
        right: np.ndarray,
        is_leaf: np.ndarray,
        missing_left: np.ndarray,
        value: np.ndarray,
        roots: np.ndarray,
        tree_class: np.ndarray,
        baseline: np.ndarray,
        depth: int,
    ) -> None:
        self.feature = feature.astype(np.int32)
        self.threshold = threshold.astype(np.float64)
        self.left = left.astype(np.int32)
        self.right = right.astype(np.int32)
        self.is_leaf = is_leaf.astype(bool)
        self.missing_left = missing_left.astype(bool)
        self.value = value.astype(np.float64)
        self.roots = roots.astype(np.int32)
        self.tree_class = tree_class.astype(np.int32)
        self.baseline = baseline.astype(np.float64).ravel()
        self.depth = int(depth)
        k = len(self.baseline)
        self._onehot = np.zeros((len(self.roots), k))
        self._onehot[np.arange(len(self.roots)), self.tree_class] = 1.0

    @property
    def n_classes(self) -> int:
        return len(self.baseline)

    @classmethod
    def from_sklearn(cls, clf: Any) -> TreeEnsemble:
        """Flatten a fitted ``HistGradientBoostingClassifier`` (numeric features, >2 classes)."""
        arrays: dict[str, list[np.ndarray]] = {
            k: [] for k in ("f", "t", "l", "r", "leaf", "miss", "v")
        }
        roots: list[int] = []
        tree_class: list[int] = []
        offset = 0
        depth = 0
        for per_iter in clf._predictors:
            for k, pred in enumerate(per_iter):
                nodes = pred.nodes
                if nodes["is_categorical"].any():
                    raise ValueError("categorical splits are not supported by the exported trees")
                roots.append(offset)
                tree_class.append(k)
                arrays["f"].append(nodes["feature_idx"])
                arrays["t"].append(nodes["num_threshold"])
                arrays["l"].append(nodes["left"].astype(np.int64) + offset)
                arrays["r"].append(nodes["right"].astype(np.int64) + offset)
                arrays["leaf"].append(nodes["is_leaf"])
                arrays["miss"].append(nodes["missing_go_to_left"])
                arrays["v"].append(nodes["value"])
                depth = max(depth, int(nodes["depth"].max()))
                offset += len(nodes)
        cat = {k: np.concatenate(v) for k, v in arrays.items()}
        return cls(
            cat["f"], cat["t"], cat["l"], cat["r"], cat["leaf"], cat["miss"], cat["v"],
            np.array(roots), np.array(tree_class), np.asarray(clf._baseline_prediction), depth,
        )  # fmt: skip

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Raw class scores (n, k); all trees are walked together, one depth level per step."""
        x = np.asarray(x, dtype=np.float64)
        n = x.shape[0]
        node = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        rows = np.arange(n)[:, None]
        for _ in range(self.depth):
            leaf = self.is_leaf[node]
            if leaf.all():
                break
            v = x[rows, self.feature[node]]
            go_left = (v <= self.threshold[node]) | (np.isnan(v) & self.missing_left[node])
            nxt = np.where(go_left, self.left[node], self.right[node])
            node = np.where(leaf, node, nxt)
        return self.value[node] @ self._onehot + self.baseline[None, :]

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        r = self.raw(x)
        r -= r.max(axis=1, keepdims=True)
        e = np.exp(r)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            feature=self.feature.astype(np.int16),
            threshold=self.threshold,
            left=self.left,
            right=self.right,
            is_leaf=self.is_leaf,
            missing_left=self.missing_left,
            value=self.value,
            roots=self.roots,
            tree_class=self.tree_class.astype(np.int8),
            baseline=self.baseline,
            depth=np.array(self.depth),
        )

    @classmethod
    def load(cls, path: Path) -> TreeEnsemble:
        with np.load(path) as z:
            return cls(
                z["feature"], z["threshold"], z["left"], z["right"], z["is_leaf"], z["missing_left"],
                z["value"], z["roots"], z["tree_class"], z["baseline"], int(z["depth"]),
            )  # fmt: skip
