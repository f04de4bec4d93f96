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

#: rows walked together by the fast layout
BLOCK_ROWS = 128


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
        self._fast: _FastLayout | None = None

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
        """Raw class scores (n, k): the leaf of every (row, tree), summed per class.

        Rows without NaN (all of the stance features) take the fast layout; rows with NaN take
        the plain walk, which follows scikit-learn's missing-value directions. Both reach the
        same leaves, and the leaf values are summed in the same tree order, so the scores are
        bit-identical.
        """
        x = np.asarray(x, dtype=np.float64)
        if len(self.roots) and len(x) and not np.isnan(x).any():
            if self._fast is None:
                self._fast = _FastLayout(self)
            leaf = self._fast.leaves(x)
        else:
            leaf = self._walk(x)
        return self.value[leaf] @ self._onehot + self.baseline[None, :]

    def _walk(self, x: np.ndarray) -> np.ndarray:
        """Leaf node of every (row, tree); all trees walked together, one depth level per step."""
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
        return node

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


class _FastLayout:
    """The same trees renumbered for a vectorised walk without NaN.

    Why: walking every tree to the ensemble's maximum depth with per-node leaf tests cost about
    1 ms per row, as much as analysing a body. Here (1) the trees are ordered by their own depth,
    deepest first, so that level ``d`` only touches the prefix of trees deeper than ``d``;
    (2) the two children of a node are adjacent, so the step is ``child = left + (v > t)``;
    (3) a leaf points at itself with an infinite threshold, so finished walks need no test.
    """

    def __init__(self, t: TreeEnsemble) -> None:
        n_trees = len(t.roots)
        # breadth-first over all trees at once: each level lists the children of the previous
        # level's inner nodes, left and right side by side, in their parents' order
        nodes = [t.roots.astype(np.int64)]
        trees = [np.arange(n_trees, dtype=np.int64)]
        levels = [np.zeros(n_trees, dtype=np.int64)]
        depth_of = np.zeros(n_trees, dtype=np.int64)
        d = 0
        while True:
            inner = ~t.is_leaf[nodes[-1]]
            parent = nodes[-1][inner]
            if not len(parent):
                break
            d += 1
            child = np.empty(2 * len(parent), dtype=np.int64)
            child[0::2] = t.left[parent]
            child[1::2] = t.right[parent]
            tree = np.repeat(trees[-1][inner], 2)
            depth_of[tree] = d
            nodes.append(child)
            trees.append(tree)
            levels.append(np.full(len(child), d, dtype=np.int64))
        all_nodes = np.concatenate(nodes)
        if len(all_nodes) != len(t.feature):
            raise AssertionError("fast tree layout: the trees do not cover the node arrays")
        # deepest trees first; stable, so equal depths keep their order
        self.tree_order = np.argsort(-depth_of, kind="stable")
        self.depth_sorted = depth_of[self.tree_order]
        rank = np.empty(n_trees, dtype=np.int64)
        rank[self.tree_order] = np.arange(n_trees)
        all_trees = np.concatenate(trees)
        # by tree rank, then level; within a level the breadth-first order (lexsort is stable)
        old = all_nodes[np.lexsort((np.concatenate(levels), rank[all_trees]))]
        new_id = np.empty(len(t.feature), dtype=np.int64)
        new_id[old] = np.arange(len(old))
        sizes = np.bincount(all_trees, minlength=n_trees)[self.tree_order]
        roots = np.concatenate([[0], np.cumsum(sizes)[:-1]]) if n_trees else np.zeros(0)
        leaf = t.is_leaf[old]
        self.old_of = old
        self.roots = np.array(roots, dtype=np.int64)
        self.feature = np.where(leaf, 0, t.feature[old]).astype(np.intp)
        self.threshold = np.where(leaf, np.inf, t.threshold[old])
        left_new = new_id[t.left[old]]
        self.left = np.where(leaf, np.arange(len(old)), left_new).astype(np.intp)
        if not (new_id[t.right[old]][~leaf] == left_new[~leaf] + 1).all():
            raise AssertionError("fast tree layout: children are not adjacent")
        # trees deeper than d, for each level d
        self.active = [
            int((self.depth_sorted > d).sum()) for d in range(int(depth_of.max(initial=0)))
        ]
        self.inverse = np.argsort(self.tree_order, kind="stable")

    def leaves(self, x: np.ndarray) -> np.ndarray:
        """Leaf node ids, in the original numbering and tree order, for NaN-free rows."""
        if len(x) > BLOCK_ROWS:  # blocks keep the (rows x trees) arrays in the CPU cache
            return np.vstack(
                [self._leaves(x[i : i + BLOCK_ROWS]) for i in range(0, len(x), BLOCK_ROWS)]
            )
        return self._leaves(x)

    def _leaves(self, x: np.ndarray) -> np.ndarray:
        n, n_feat = x.shape
        flat = np.ascontiguousarray(x).ravel()
        base = (np.arange(n, dtype=np.intp) * n_feat)[:, None]
        node = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        for k in self.active:
            cur = node[:, :k]
            v = flat[base + self.feature[cur]]
            node[:, :k] = self.left[cur] + (v > self.threshold[cur])
        # C order, like the plain walk's result: the leaf-value product below must see the same
        # memory layout to sum in the same order (``node[:, inverse]`` comes out in F order)
        return np.ascontiguousarray(self.old_of[node[:, self.inverse]])
