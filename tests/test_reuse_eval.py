"""Reuse benchmarks on the shared datasets (skipped without ../shared/data) and the plagdet metric."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT, require_data
from newstrace.evaluate.plagdet import Case, plagdet
from newstrace.model import Article
from newstrace.reuse import find_reuse

pytestmark = pytest.mark.data


def test_plagdet_metric_perfect_and_split_detection() -> None:
    case = Case(100, 300, 1000, 1200, "none")
    perfect = plagdet([("p", case)], [("p", (100, 300), (1000, 1200))])
    assert perfect["plagdet"] == 1.0 and perfect["granularity"] == 1.0
    halves = plagdet([("p", case)], [("p", (100, 200), (1000, 1100)), ("p", (200, 300), (1100, 1200))])
    assert halves["recall"] == 1.0 and halves["granularity"] == 2.0
    assert halves["plagdet"] == pytest.approx(1 / 1.58496, abs=1e-3)
    wrong_pair = plagdet([("p", case)], [("q", (100, 300), (1000, 1200))])
    assert wrong_pair["plagdet"] == 0.0 and wrong_pair["precision"] == 0.0


def test_clough_held_out_tasks() -> None:
    from newstrace.evaluate.reuse_clough import evaluate

    result = evaluate(require_data("clough_stevenson"))
    test = result["test"]
    assert test["n"] == sum(sum(row.values()) for row in test["confusion"].values())
    assert test["binary_accuracy"] >= 0.9
    assert test["accuracy_4class"] >= 0.6
    # nothing the writers produced without the source is called reuse
    assert result["all"]["confusion"]["non"]["non"] >= 0.95 * sum(result["all"]["confusion"]["non"].values())


def test_plagdet_on_real_news_small() -> None:
    from newstrace.evaluate.plagdet import evaluate

    result = evaluate(require_data(), per_type=6)
    assert result["overall"]["plagdet"] >= 0.85
    assert result["false_detections_on_negatives"] == 0
    assert all(m["recall"] >= 0.8 for m in result["by_obfuscation"].values())


def test_generated_corpus_planted_copies_found_and_directed() -> None:
    data = require_data()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from corpus_gen import generate_corpus
    finally:
        sys.path.pop(0)
    recs = generate_corpus(300, data=Path(data), seed=1)
    arts = [Article.from_dict({k: v for k, v in r.items() if k not in ("kind", "derived_from")}) for r in recs]
    result = find_reuse(arts)
    planted = {(r["derived_from"], r["id"]) for r in recs if r["derived_from"]}
    assert len(planted) > 30
    found = {frozenset((p.a, p.b)) for p in result.pairs}
    edges = {(e.source, e.derived) for e in result.provenance}
    assert sum(frozenset(p) in found for p in planted) >= 0.95 * len(planted)
    assert sum(p in edges for p in planted) >= 0.85 * len(planted)
    # an edge never points from a later to an earlier publication
    pub = {a.id: a.published for a in arts}
    for e in result.provenance:
        if not e.source.startswith("external:"):
            assert pub[e.source] <= pub[e.derived]
