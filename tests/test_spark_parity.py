"""Both engines on one small corpus: the same passage pairs and the same stories and threads.

One SparkSession (``local[2]``) for the test session; skipped with the reason when PySpark or Java
is missing (``make test`` installs both).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, require_data
from newstrace.corpus import analyze
from newstrace.ingest import read_articles
from newstrace.store import results as R
from newstrace.store.sqlite import Store

pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip("pyspark is not installed (install the 'spark' extra)")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime (scripts/install-system-deps.sh installs it)")
    from newstrace.engine.spark import get_session

    session = get_session("local[2]", "newstrace-tests")
    yield session
    session.stop()


def _corpus(tmp_path: Path) -> Path:
    fakes = require_data("fakes", "fakes_dev.csv")
    seen: set[str] = set()
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for a in read_articles([EXAMPLES, fakes]):
            if a.id in seen or not a.published or not ("2016-10-20" <= str(a.published) <= "2016-11-10"):
                continue
            seen.add(a.id)
            d = {k: v for k, v in a.to_dict().items() if k in ("id", "url", "outlet", "published", "title", "text")}
            fh.write(json.dumps(d) + "\n")
    return path


def _state(db: Path) -> dict[str, Any]:
    c = sqlite3.connect(db)
    c.row_factory = sqlite3.Row
    by_story: dict[str, set[str]] = {}
    for r in c.execute("SELECT article, story FROM memberships"):
        by_story.setdefault(r[1], set()).add(r[0])
    out = {
        "pairs": R.all_pairs(c),
        "stories": {sid: frozenset(m) for sid, m in by_story.items()},
        "threads": {r[0]: r[1] for r in c.execute("SELECT id, thread FROM stories WHERE merged_into IS NULL")},
        "quotes": c.execute("SELECT COUNT(*) FROM quotes").fetchone()[0],
    }
    c.close()
    return out


@pytest.mark.data
def test_local_and_spark_agree(spark: Any, tmp_path: Path) -> None:
    from newstrace.engine.load import load_results
    from newstrace.engine.spark import run_spark

    corpus = _corpus(tmp_path)
    local_db = tmp_path / "local.db"
    with Store(local_db) as st:
        st.add_articles(read_articles([corpus]))
        analyze(st, batch_size=7)  # several batches: the result must not depend on batching

    out = tmp_path / "spark-out"
    report = run_spark(corpus, out, spark=spark, merge_every=7)
    assert report["articles"] == 18
    spark_db = tmp_path / "spark.db"
    with Store(spark_db) as st:
        load_results(st, out)

    local, remote = _state(local_db), _state(spark_db)
    assert local["pairs"] and local["pairs"] == remote["pairs"]
    assert local["stories"] == remote["stories"]
    assert local["threads"] == remote["threads"]
    assert local["quotes"] == remote["quotes"] > 0
    # the seeds share passages and a story in both
    rt, rewrite = "c76a1369a679181f", "f2b329a05aa358ae"
    assert any({a, b} == {rt, rewrite} for a, b, _ in remote["pairs"])
    assert any({rt, rewrite} <= m for m in remote["stories"].values())

    # the loaded database continues incrementally with the local engine
    with Store(spark_db) as st:
        assert analyze(st).analysed == 0
