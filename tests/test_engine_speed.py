"""The local engine's speed-ups change no result: prepared-article cache, worker pool, key lookups.

No timings here (speed lives in benchmarks/bench_analyze.py); these tests pin that each shortcut
gives exactly what the plain code path gives, on real text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
import sys
from pathlib import Path

import pytest

from conftest import ROOT, require_data
from newstrace.corpus import analyze
from newstrace.engine.local import _split
from newstrace.engine.steps import pair_record
from newstrace.ingest import read_inputs
from newstrace.model import Article
from newstrace.reuse import align_pair
from newstrace.reuse.align import PrepareCache, align_prepared, prepare
from newstrace.store import results as R
from newstrace.store.sqlite import Store


def test_prepare_cache_gives_the_same_alignment(rt: Article, rewrite: Article) -> None:
    cache = PrepareCache(4)
    direct = align_pair(rt, rewrite)
    assert direct, "the seed rewrite shares passages with the RT report"
    assert align_prepared(cache.get(rt), cache.get(rewrite)) == direct
    # a second lookup is the very same object, not a new preparation
    assert cache.get(rt) is cache.get(rt)
    assert pair_record(rt, rewrite, cache) == pair_record(rt, rewrite)


def test_prepare_cache_is_bounded_and_notices_changed_text(rt: Article, rewrite: Article) -> None:
    cache = PrepareCache(1)
    first = cache.get(rt)
    cache.get(rewrite)
    assert len(cache) == 1
    assert cache.get(rt) is not first  # evicted, prepared again
    edited = dataclasses.replace(rt, text=rt.text.replace("Aleppo", "Idlib"))
    assert edited.text != rt.text
    p = cache.get(edited)
    assert p.text == edited.text and p.tokens.ids.tolist() == prepare(edited).tokens.ids.tolist()


def test_split_keeps_order() -> None:
    xs = list(range(11))
    parts = _split(xs, 4)
    assert [x for p in parts for x in p] == xs and len(parts) == 4
    assert _split(xs[:2], 4) == [[0], [1]]


def test_key_partners_max_df_rule(tmp_path: Path) -> None:
    """A key already held by ``max_df`` articles pairs nobody; rarer keys pair their holders."""
    with Store(tmp_path / "k.db") as st, st.transaction():
        conn = st.conn
        assert R.key_partners(conn, "a1", ["k-common", "k-rare"], 3) == []
        assert R.key_partners(conn, "a2", ["k-common"], 3) == ["a1"]
        assert R.key_partners(conn, "a3", ["k-common", "k-rare"], 3) == ["a1", "a2"]
        # k-common now has 3 holders = max_df: a stock phrase; k-rare still pairs a1 and a3
        assert R.key_partners(conn, "a4", ["k-common", "k-rare"], 3) == ["a1", "a3"]
        assert R.key_partners(conn, "a5", ["k-other"], 3) == []
        held = conn.execute("SELECT COUNT(*) FROM reuse_keys WHERE key='k-common'").fetchone()[0]
        assert held == 4


def test_key_partners_min_keys(tmp_path: Path) -> None:
    """With ``min_keys`` 2 (the engines' ``MIN_KEYS``), a pair must share two keys that still
    pair: one shared key, or a second that became a stock phrase, is not enough."""
    with Store(tmp_path / "k.db") as st, st.transaction():
        conn = st.conn
        assert R.key_partners(conn, "a1", ["k1", "k2", "k3"], 3, 2) == []
        assert R.key_partners(conn, "a2", ["k1"], 3, 2) == []  # one key in common
        assert R.key_partners(conn, "a3", ["k1", "k2"], 3, 2) == ["a1"]  # a2 shares only k1
        # k1 has 3 holders now (max_df): it pairs nobody, so a4 shares one pairing key with a1, a3
        assert R.key_partners(conn, "a4", ["k1", "k2"], 3, 2) == []
        assert R.key_partners(conn, "a5", ["k3", "k2"], 4, 2) == ["a1"]


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_crash import dump_results

    return dump_results(db)


@pytest.mark.data
def test_workers_change_nothing(tmp_path: Path) -> None:
    """One generated corpus (real FNC-1/FA-KES bodies with planted reuse) analysed in this process
    and with a two-process pool, in several batches: every results table is identical."""
    require_data("fnc1", "train_bodies.csv")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import json

    from corpus_gen import generate_corpus

    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for row in generate_corpus(90):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    arts = list(read_inputs([corpus]))
    dbs = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        with Store(db) as st:
            st.add_articles(arts)
            rep = analyze(st, batch_size=25, steps=["reuse", "claims", "stories"], workers=workers)
        assert rep.analysed == len(arts) and rep.batches == 4
        dbs.append(db)
    one, two = _dump(dbs[0]), _dump(dbs[1])
    with contextlib.closing(sqlite3.connect(dbs[0])) as c:
        assert c.execute("SELECT COUNT(*) FROM passages").fetchone()[0] > 0, "the planted copies align"
        assert c.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] > 0
    assert one == two
