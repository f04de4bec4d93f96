"""Clough & Stevenson short-answer corpus: is an answer reused from its source, and how heavily?

Each answer is aligned against its Wikipedia source with ``align_pair``; the features are what the
alignment says (share of the answer inside aligned passages, their mean score, the longest one) plus
word n-gram containment of the answer in the source, which still sees the short runs a heavy
revision leaves. A small multinomial logistic regression maps them to ``cut / light / heavy /
non``; "reused" is any class but ``non``.

The model is fitted on the answers of tasks a-c (the dev split) and scored on tasks d-e, which it
never saw; the figures on all answers are printed beside them for comparison with published ones
(they include the training answers). Two ``cut`` answers (g4pD_taskb, g2pE_taskc) were pasted from
parts of the Wikipedia article that are not in the given source text, so no reuse detector can
find them against it: they cap binary accuracy at 93/95.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newstrace.clean.text import normalize_body
from newstrace.errors import InputError
from newstrace.evaluate import as_given
from newstrace.ingest.base import decode, ignore_warning
from newstrace.model import Article
from newstrace.reuse.align import align_pair
from newstrace.reuse.text import tokenize
from newstrace.spans import union_length

CLASSES = ("cut", "light", "heavy", "non")
DEV_TASKS = frozenset("abc")
FEATURES = ("coverage", "weighted_coverage", "longest", "c1", "c2", "c3", "c5")
#: passages shorter than this are not counted (answers are 200-300 words)
CLOUGH_MIN_CHARS = 30


@dataclass
class Answer:
    file: str
    task: str
    label: str
    text: str


def read_text(path: Path) -> str:
    """An answer or a source as ``ingest`` reads a body: decoded as the readers decode (the corpus
    mixes UTF-8 and windows-1252 files) and cleaned (``normalize_body``), so that what the cleaning
    mends reaches the benchmark too (g2pA_taske.txt's windows-1252 quotes read as Latin-1, which it
    read as C1 characters, no word)."""
    return normalize_body(decode(path.read_bytes(), str(path), ignore_warning))


def load(root: Path) -> tuple[list[Answer], dict[str, str]]:
    info = root / "file_information.csv"
    if not info.is_file():
        raise InputError(f"{root}: no file_information.csv (not the Clough & Stevenson corpus)")
    answers: list[Answer] = []
    with info.open(newline="", encoding="utf-8", errors="replace") as f:
        for row in csv.DictReader(f):
            name = (row.get("File") or "").strip()
            task = (row.get("Task") or "").strip()
            label = (row.get("Category") or "").strip()
            if label not in CLASSES or not name:
                continue
            path = root / name
            if not path.is_file():
                raise InputError(f"{path}: listed in file_information.csv but missing")
            answers.append(Answer(name, task, label, read_text(path)))
    sources = {}
    for t in sorted({a.task for a in answers}):
        p = root / f"orig_task{t}.txt"
        if not p.is_file():
            raise InputError(f"{p}: source text missing")
        sources[t] = read_text(p)
    return answers, sources


def _ngrams(ids: list[int], n: int) -> set[tuple[int, ...]]:
    return {tuple(ids[i : i + n]) for i in range(len(ids) - n + 1)}




def features(answer: str, source: str) -> list[float]:
    """Alignment coverage and n-gram containment of ``answer`` in ``source``."""
    shared = align_pair(
        Article("answer", answer),
        Article("source", source),
        min_chars=CLOUGH_MIN_CHARS,
        quotes=False,
    )
    n = max(1, len(answer.strip()))
    cov = union_length([(p.a_start, p.a_end) for p in shared]) / n
    wcov = min(1.0, sum((p.a_end - p.a_start) * p.score for p in shared) / n)
    longest = max((p.a_end - p.a_start for p in shared), default=0) / n
    ta = tokenize(answer).ids.tolist()
    ts = tokenize(source).ids.tolist()
    cs = []
    for k in (1, 2, 3, 5):
        ga = _ngrams(ta, k)
        cs.append(len(ga & _ngrams(ts, k)) / max(1, len(ga)))
    return [min(1.0, cov), wcov, min(1.0, longest), *cs]


def _metrics(gold: list[str], pred: list[str]) -> dict[str, Any]:
    gb = [g != "non" for g in gold]
    pb = [p != "non" for p in pred]
    tp = sum(g and p for g, p in zip(gb, pb, strict=True))
    fp = sum((not g) and p for g, p in zip(gb, pb, strict=True))
    fn = sum(g and (not p) for g, p in zip(gb, pb, strict=True))
    n = max(1, len(gold))
    conf = {g: {p: 0 for p in CLASSES} for g in CLASSES}
    for g, p in zip(gold, pred, strict=True):
        conf[g][p] += 1
    return {
        "n": len(gold),
        "binary_accuracy": round(sum(g == p for g, p in zip(gb, pb, strict=True)) / n, 4),
        "precision": round(tp / max(1, tp + fp), 4),
        "recall": round(tp / max(1, tp + fn), 4),
        "accuracy_4class": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / n, 4),
        "confusion": conf,
    }


def evaluate(root: Path) -> dict[str, Any]:
    """Fit on tasks a-c, report on d-e and on all answers; per-answer predictions included."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    t0 = time.perf_counter()
    answers, sources = load(root)
    x = np.array([features(a.text, sources[a.task]) for a in answers])
    y = [a.label for a in answers]
    dev = [i for i, a in enumerate(answers) if a.task in DEV_TASKS]
    test = [i for i, a in enumerate(answers) if a.task not in DEV_TASKS]
    if not dev or not test:
        raise InputError(f"{root}: need answers of tasks a-c (fit) and d-e (test)")
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    model.fit(x[dev], [y[i] for i in dev])
    pred = [str(p) for p in model.predict(x)]
    return {
        "benchmark": "reuse-clough",
        "data": as_given(root),
        "fit_on": "tasks a-c",
        "test": _metrics([y[i] for i in test], [pred[i] for i in test]),
        "dev": _metrics([y[i] for i in dev], [pred[i] for i in dev]),
        "all": _metrics(y, pred),
        "features": list(FEATURES),
        "seconds": round(time.perf_counter() - t0, 2),
        "predictions": [
            {
                "file": a.file,
                "task": a.task,
                "gold": a.label,
                "pred": p,
                **dict(zip(FEATURES, map(float, f), strict=True)),
            }
            for a, p, f in zip(answers, pred, x.round(4), strict=True)
        ],
    }
