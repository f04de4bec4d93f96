"""Saved cluster states: what a later run re-opens is the cluster that was saved.

``Cluster.to_state`` writes a JSON header and two flat arrays (dimensions, values); the
zlib-compressed JSON that versions before 2026-12 wrote is still read, and a run that re-opens such
a cluster writes it again in the current layout. Either way the re-opened cluster must score new
articles exactly as the saved one did, or a continued corpus would drift from a fresh analysis.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from conftest import EXAMPLES, require_data
from newstrace.corpus import analyze, params
from newstrace.corpus.features import article_features
from newstrace.corpus.similarity import VECTORS, Centroid, features_many
from newstrace.corpus.stories import STATE_MAGIC, Cluster, StoryClusterer, stream_order_key
from newstrace.ingest import read_articles
from newstrace.model import Article
from newstrace.store.sqlite import Store


def _json_state(c: Cluster) -> bytes:
    """The state as versions before 2026-12 wrote it (``Cluster.to_state`` at 3047e99)."""
    cen = c.centroid
    d = {name: sorted(getattr(cen, name).v.items()) for name in VECTORS}
    d.update({"n": cen.n, "t_sum": cen.t_sum, "t_n": cen.t_n, "t_min": cen.t_min, "t_max": cen.t_max})
    if cen.emb is not None:
        d.update({"emb": [float(x) for x in cen.emb], "emb_n": cen.emb_n})
    doc = {
        "centroid": d,
        "members": c.members,
        "outlets": sorted(c.outlets.items()),
        "terms": sorted(c.terms.items()),
        "index_dims": sorted(c.index_dims),
    }
    return zlib.compress(json.dumps(doc, separators=(",", ":")).encode(), 3)


def _row(c: Cluster) -> dict[str, str | None]:
    return {
        "id": c.id,
        "first_article": c.first_article,
        "first_outlet": c.first_outlet,
        "start": c.first_published,
        "end": c.last_published,
        "thread": c.thread,
    }


def _described(c: Cluster, ordered: bool = False) -> tuple[object, ...]:
    """Everything a cluster carries; ``ordered``: vectors in their dicts' order (sums are taken
    in that order, and both layouts load them in ascending dimensions)."""
    cen = c.centroid
    vectors = tuple(tuple(getattr(cen, name).v.items() if ordered else sorted(getattr(cen, name).v.items())) for name in VECTORS)
    emb = None if cen.emb is None else tuple(cen.emb.tolist())
    scalars = (cen.n, cen.t_sum, cen.t_n, cen.t_min, cen.t_max, emb, cen.emb_n)
    return (c.id, c.level, c.thread, c.members, sorted(c.outlets.items()), sorted(c.terms.items()), sorted(c.index_dims), vectors, scalars)


@pytest.fixture(scope="module")
def stream() -> tuple[StoryClusterer, list[Article]]:
    """A clusterer fed the first 300 FA-KES dev articles in stream order, and 40 that come next."""
    arts = sorted(read_articles([require_data("fakes", "fakes_dev.csv")]), key=lambda a: stream_order_key(a.published, a.id))
    cl = StoryClusterer()
    for a in arts[:300]:
        cl.add(article_features(a))
    return cl, arts[300:340]


@pytest.mark.data
def test_a_saved_cluster_is_reopened_as_it_was(stream: tuple[StoryClusterer, list[Article]]) -> None:
    cl, later = stream
    clusters = [*cl.stories.values(), *cl.threads.values()]
    assert sum(c.size > 1 for c in clusters) >= 10  # stories of several articles, not only singletons
    assert any(c.centroid.places.v for c in clusters) and any(c.centroid.kinds.v for c in clusters)
    for c in clusters:
        state = c.to_state()
        assert state.startswith(STATE_MAGIC)
        back = Cluster.from_state(_row(c), c.level, state)
        older = Cluster.from_state(_row(c), c.level, _json_state(c))
        assert _described(back) == _described(c) == _described(older)
        assert _described(back, ordered=True) == _described(older, ordered=True)
    # and a re-opened story scores later articles as the JSON layout's did, to the last bit (both
    # sum in ascending dimensions), and as the story in memory did up to rounding
    stories = list(cl.stories.values())
    reopened = [Cluster.from_state(_row(c), c.level, c.to_state()).centroid for c in stories]
    from_json = [Cluster.from_state(_row(c), c.level, _json_state(c)).centroid for c in stories]
    none = [0.0] * len(stories)
    for a in later:
        art = Centroid.of(article_features(a))
        scores = features_many(art, reopened, cl.df, cl.story_model, none)
        assert scores == features_many(art, from_json, cl.df, cl.story_model, none)
        in_memory = features_many(art, [c.centroid for c in stories], cl.df, cl.story_model, none)
        assert np.allclose(scores, in_memory, rtol=1e-12, atol=1e-15)


@pytest.mark.data
def test_a_semantic_runs_embedding_sum_survives_the_state(stream: tuple[StoryClusterer, list[Article]]) -> None:
    cl, _ = stream
    c = next(s for s in cl.stories.values() if s.size > 1)
    c = Cluster.from_state(_row(c), c.level, c.to_state())  # a copy: the module's clusterer stays as fed
    c.centroid.emb, c.centroid.emb_n = np.random.default_rng(0).normal(size=384), 2
    for back in (Cluster.from_state(_row(c), c.level, c.to_state()), Cluster.from_state(_row(c), c.level, _json_state(c))):
        assert _described(back) == _described(c)
        assert back.centroid.emb is not None and back.centroid.emb.tolist() == c.centroid.emb.tolist()
        assert back.centroid.emb_n == 2


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    """examples/ and the FA-KES dev articles of August - November 2016 as two JSONL files, split on
    24 November: the second is the increment, the last five days."""
    arts = read_articles([EXAMPLES, require_data("fakes", "fakes_dev.csv")])
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    seen: set[str] = set()
    with first.open("w", encoding="utf-8") as f1, second.open("w", encoding="utf-8") as f2:
        for a in arts:
            day = str(a.published or "")[:10]
            if a.id in seen or not ("2016-08-01" <= day <= "2016-11-30"):
                continue
            seen.add(a.id)
            d = {k: v for k, v in a.to_dict().items() if k in ("id", "url", "outlet", "published", "title", "text")}
            (f1 if day < "2016-11-24" else f2).write(json.dumps(d) + "\n")
    return first, second


def _clusters(db: Path) -> dict[str, tuple[bytes, tuple[object, ...]]]:
    """Each story's and thread's state as stored and as read back."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    out = {}
    for table, level in (("stories", "story"), ("threads", "thread")):
        for row in conn.execute(f"SELECT * FROM {table} WHERE state IS NOT NULL"):
            state = bytes(row["state"])
            out[row["id"]] = (state, _described(Cluster.from_state(dict(row), level, state), ordered=True))  # type: ignore[arg-type]
    conn.close()
    return out


def _ends(db: Path) -> dict[str, tuple[str, date]]:
    """Each live story's and thread's level and the day of its newest article."""
    conn = sqlite3.connect(db)
    out = {}
    for table, level in (("stories", "story"), ("threads", "thread")):
        for cid, end in conn.execute(f"SELECT id, end FROM {table} WHERE state IS NOT NULL AND end IS NOT NULL"):
            out[cid] = (level, date.fromisoformat(end[:10]))
    conn.close()
    return out


@pytest.mark.data
def test_analyze_rewrites_the_older_states_it_opens_and_places_as_before(tmp_path: Path) -> None:
    first, second = _corpus(tmp_path)
    steps = ("reuse", "stories")
    dbs = {name: tmp_path / f"{name}.db" for name in ("current", "older")}
    for db in dbs.values():
        with Store(db) as st:
            st.add_articles(read_articles([first]))
            analyze(st, batch_size=5, steps=steps, workers=1)
            st.add_articles(read_articles([second]))
    before = _clusters(dbs["current"])
    # the older database: every state in the JSON layout, then the increment analysed
    with Store(dbs["older"]) as st:
        for table, level in (("stories", "story"), ("threads", "thread")):
            for row in st.conn.execute(f"SELECT * FROM {table} WHERE state IS NOT NULL").fetchall():
                c = Cluster.from_state(dict(row), level, bytes(row["state"]))  # type: ignore[arg-type]
                st.conn.execute(f"UPDATE {table} SET state=? WHERE id=?", (_json_state(c), c.id))
    assert len(before) > 20 and not any(s.startswith(STATE_MAGIC) for s, _ in _clusters(dbs["older"]).values())
    for db in dbs.values():
        with Store(db) as st:
            assert analyze(st, batch_size=5, steps=steps, workers=1).analysed >= 5
    current, older = _clusters(dbs["current"]), _clusters(dbs["older"])
    assert current.keys() == older.keys()
    assert all(current[k][1] == older[k][1] for k in current)  # the same stories, threads and centroids
    rewritten = {k for k in older if older[k][0].startswith(STATE_MAGIC)}
    # what the increment opened or made is in the current layout, byte for byte as a fresh run wrote it
    assert all(older[k][0] == current[k][0] for k in rewritten)
    # clusters the increment opened and left as they were: the ones it neither changed nor retired
    # (still inside their window when it ended) were rewritten all the same, while those closed
    # before its window were not opened and stay as they were
    untouched = {k for k in before if current[k][0] == before[k][0]}
    ends = _ends(dbs["current"])
    last = max(end for _, end in ends.values())
    window = {"story": params.STORY.window, "thread": params.THREAD.window}
    still_open = {k for k, (level, end) in ends.items() if (last - end).days < window[level]}
    assert untouched & still_open and untouched & still_open <= rewritten
    assert untouched - still_open - rewritten
    assert not (set(current) - set(before)) - rewritten  # the new ones
