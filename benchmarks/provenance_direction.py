"""Does a provenance edge point the right way when publication dates cannot orient it?

Two tests of the text evidence alone (attribution, containment, shared variants), dev data only:

* **FA-KES dev**: every pair of articles sharing ``SUBSTANTIAL_CHARS`` or more whose days differ.
  The days are the answer; the edges are inferred again with every date taken away, so only
  what the texts say can orient them. (The day order is a proxy: an outlet may copy a text another
  published days earlier under a later article, but it is the order the edges follow.) They are
  inferred over all dev articles at once (with ``--db``, over each story's articles, as a story
  page is), since an attribution counts for the article of the outlet it names that its text
  shares the most with, which only the other articles of that outlet tell.
* **Clough & Stevenson, tasks a-c** (the split ``eval reuse-clough`` fits on): each answer that
  reuses its Wikipedia source (``cut``, ``light``, ``heavy``) against that source, undated: the
  source is the source.

Each edge is ``right``, ``wrong`` or ``undirected`` (``direction_unknown``, drawn without an
arrowhead); a pair without an edge is ``no edge``.

    python benchmarks/provenance_direction.py [--fakes ../shared/data/fakes/fakes_dev.csv]
        [--clough ../shared/data/clough_stevenson] [--db STORE] [--json]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from newstrace.evaluate.reuse_clough import DEV_TASKS
from newstrace.evaluate.reuse_clough import load as load_clough
from newstrace.ingest import read_articles
from newstrace.model import Article, published_order
from newstrace.reuse import find_reuse, infer_provenance
from newstrace.reuse.provenance import SUBSTANTIAL_CHARS
from newstrace.spans import union_length

ROOT = Path(__file__).resolve().parents[1]


def _verdict(edges: list[Any], source: str, derived: str) -> str:
    edge = next((e for e in edges if {e.source, e.derived} == {source, derived}), None)
    if edge is None:
        return "no edge"
    if not edge.directed:
        return "undirected"
    return "right" if edge.source == source else "wrong"


def fakes(path: Path, story_of: dict[str, str] | None = None) -> dict[str, Any]:
    """``story_of`` (an analysed store's memberships) keeps the pairs of one story only: those a
    story page draws an edge between."""
    articles = read_articles([path])
    by_id = {a.id: a for a in articles}
    result = find_reuse(articles)
    undated = [replace(a, published=None) for a in result.articles]
    groups: dict[str | None, list[Article]] = {}
    for a in undated:  # all of them, or each story's
        if story_of is None or story_of.get(a.id) is not None:
            groups.setdefault(None if story_of is None else story_of[a.id], []).append(a)
    edges: list[Any] = []
    for members in groups.values():
        ids = {a.id for a in members}
        inside = [p for p in result.pairs if p.a in ids and p.b in ids]
        edges += [e for e in infer_provenance(members, inside, []) if not e.source.startswith("external:")]
    by_pair: dict[frozenset[str], list[Any]] = {}
    for e in edges:
        by_pair.setdefault(frozenset((e.source, e.derived)), []).append(e)
    tally: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for pair in result.pairs:
        a, b = by_id[pair.a], by_id[pair.b]
        if a.published is None or b.published is None or a.published == b.published:
            continue
        if story_of is not None and (story_of.get(a.id) is None or story_of.get(a.id) != story_of.get(b.id)):
            continue
        shared = min(union_length([(p.a_start, p.a_end) for p in pair.shared]),
                     union_length([(p.b_start, p.b_end) for p in pair.shared]))
        if shared < SUBSTANTIAL_CHARS:
            continue
        first, second = (a, b) if (published_order(a.published) or "") < (published_order(b.published) or "") else (b, a)
        found = by_pair.get(frozenset((first.id, second.id)), [])
        verdict = _verdict(found, first.id, second.id)
        tally[verdict] += 1
        for e in found:
            if e.directed:  # which text evidence oriented it: an attribution outweighs containment
                told = any(ev.get("type") == "attribution" for ev in e.evidence)
                kinds[("attribution" if told else "containment") + ": " + verdict] += 1
    return {"pairs": sum(tally.values()), **dict(sorted(tally.items())), "directed_by": dict(sorted(kinds.items()))}


def clough(root: Path) -> dict[str, Any]:
    answers, sources = load_clough(root)
    tally: Counter[str] = Counter()
    for ans in answers:
        if ans.task not in DEV_TASKS or ans.label == "non":
            continue
        src = Article(f"orig_task{ans.task}", sources[ans.task])
        derived = Article(ans.file, ans.text)
        edges = [e for e in find_reuse([derived, src]).provenance if not e.source.startswith("external:")]
        tally[_verdict(edges, src.id, derived.id)] += 1
    return {"pairs": sum(tally.values()), **dict(sorted(tally.items()))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="provenance direction without publication dates (dev data)")
    ap.add_argument("--fakes", type=Path, default=ROOT.parent / "shared/data/fakes/fakes_dev.csv")
    ap.add_argument("--clough", type=Path, default=ROOT.parent / "shared/data/clough_stevenson")
    ap.add_argument("--db", type=Path, help="an analysed store of --fakes: also count the pairs of one story")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    out = {"fakes_dev": fakes(args.fakes)}
    if args.db:
        with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as conn:
            story_of = dict(conn.execute("SELECT article, story FROM memberships").fetchall())
        out["fakes_dev_one_story"] = fakes(args.fakes, story_of)
    out["clough_dev"] = clough(args.clough)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for name, row in out.items():
            print(name, json.dumps(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
