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


def test_clough_reads_its_files_as_ingest_reads_a_body(tmp_path: Path) -> None:
    """``eval reuse-clough`` read its files itself: g2pA_taske.txt's windows-1252 quotes read as
    Latin-1 (C1 characters, "doesn\x92t" no word) and text encoded twice reached its alignment
    as they were, which the cleaning mends for everything ingested. It reads a file as the readers
    decode it (UTF-8, else windows-1252) and cleans it as a body (``normalize_body``)."""
    from newstrace.clean.text import normalize_body
    from newstrace.evaluate.reuse_clough import read_text

    misread = tmp_path / "g2pA_taske.txt"
    misread.write_text("\x91Greedy\x92 algorithms focus on the best local choice, but the solution to one "
                       "subproblem doesn\x92t necessarily affect the others; Dijkstra\u00e2\u20ac\u2122s  "
                       "algorithm is one.\r\n", encoding="utf-8")
    assert read_text(misread) == ("‘Greedy’ algorithms focus on the best local choice, but the solution to one "
                                  "subproblem doesn’t necessarily affect the others; Dijkstra’s algorithm is one.")
    windows = tmp_path / "g1pB_taska.txt"
    windows.write_bytes("Inheritance \u2014 a class\u2019s \u201cparent\u201d \u2014 is reused.\n".encode("cp1252"))
    assert read_text(windows) == "Inheritance — a class’s “parent” — is reused."
    assert read_text(windows) == normalize_body(windows.read_bytes().decode("cp1252"))


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
