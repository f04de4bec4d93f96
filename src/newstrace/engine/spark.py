"""The Spark engine: the local engine's steps as Spark jobs over Parquet or JSONL, results to Parquet.

Same functions, different executor. Records are turned into articles with the ingest reader's own
``record_to_article`` (so texts and offsets match what ``newstrace ingest`` stores); then

1. ``article_steps`` in ``mapPartitions``: clustering features, candidate keys, claims;
2. candidate pairs: ``(key, article)`` rows grouped by key, paired with ``ranked_pairs`` (the local
   engine's incremental max-df rule stated per key group), de-duplicated;
3. ``pair_record`` (alignment) on the pairs, block by block: a block is the pairs whose later
   article falls in one stretch of the stream, with one copy of each article they name;
4. stories and threads: the features streamed to the driver in publication order
   (``toLocalIterator``, bounded memory) through the same ``StoryClusterer``;
5. provenance per story with ``story_provenance`` on the executors.

Everything is written to ``--out`` as Parquet tables that ``newstrace load-results`` puts into a
database (``engine/load.py``), clustering state included, so a local run can continue from there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newstrace.errors import InputError, NewstraceError

#: most prepared articles one block keeps (memory bound per task, as the local engine's cache)
_BLOCK_CACHE = 8192

#: tables written under ``--out`` (one Parquet folder each)
TABLES = ("articles", "keys", "pairs", "claims", "stories", "memberships", "provenance", "state")


def get_session(master: str = "local[2]", app_name: str = "newstrace") -> Any:
    """A SparkSession whose Python workers run this interpreter (and so this newstrace)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise NewstraceError("the Spark engine needs the 'spark' extra: pip install 'newstrace[spark]'") from e
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise NewstraceError("the Spark engine needs Java 17+ (scripts/install-system-deps.sh installs it)")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    m = re.fullmatch(r"local\[(\d+)\]", master)
    parallel = m.group(1) if m else "8"
    session = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", parallel)
        .config("spark.default.parallelism", parallel)
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


# --- functions shipped to the executors (module level so they pickle by reference) -------------


def _records_to_articles(rows: Iterable[tuple[dict[str, Any], int]], source: str) -> Iterator[dict[str, Any]]:
    from newstrace.ingest.records import record_to_article

    for record, index in rows:
        number = index + 1
        try:
            art = record_to_article(record, clean=True, source=source, number=number, where=f"{source}:{number}")
        except NewstraceError:
            continue
        yield art.to_dict()


def _json_lines(rows: Iterable[tuple[str, int]]) -> Iterator[tuple[dict[str, Any], int]]:
    for line, index in rows:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            yield obj, index


def _article_records(
    dicts: Iterable[dict[str, Any]], steps: Sequence[str], semantic: bool = False
) -> Iterator[dict[str, Any]]:
    from newstrace.engine.steps import article_steps, order_key
    from newstrace.model import Article

    arts = [Article.from_dict(d) for d in dicts]
    for a, rec in zip(arts, article_steps(arts, steps, semantic), strict=True):
        yield {
            "id": a.id,
            "order": list(order_key(a)),
            "features": rec.features.to_dict(),
            "keys": rec.keys,
            "claims": None
            if rec.claims is None
            else {
                "quotes": [q.to_dict() for q in rec.claims.quotes],
                "quantities": [q.to_dict() for q in rec.claims.quantities],
            },
        }


def _key_group(kv: tuple[str, Iterable[tuple[list[Any], str]]], max_df: int) -> Iterator[tuple[str, str]]:
    from newstrace.engine.steps import ranked_pairs

    holders = [((bool(o[0]), str(o[1]), str(o[2])), i) for o, i in kv[1]]
    yield from ranked_pairs(holders, max_df)


def _align_blocks(rows: Iterable[tuple[int, tuple[Iterable[tuple[str, str]], Iterable[dict[str, Any]]]]]) -> Iterator[dict[str, Any]]:
    """Align the candidate pairs of each block against the block's own copy of the articles they name.

    A block holds the pairs whose later article falls in one range of the stream, so its earlier
    partners are mostly the same recent articles, as in the local engine: each is prepared once
    per block instead of once per pair.
    """
    from newstrace.engine.steps import pair_record
    from newstrace.model import Article
    from newstrace.reuse.align import PrepareCache

    for _, (pairs_it, arts_it) in rows:
        arts = {d["id"]: Article.from_dict(d) for d in arts_it}
        cache = PrepareCache(min(len(arts), _BLOCK_CACHE))
        for a_id, b_id in sorted(pairs_it, key=lambda ab: (ab[1], ab[0])):
            rec = pair_record(arts[a_id], arts[b_id], cache)
            if rec is not None:
                yield {
                    "a": rec.pair.a,
                    "b": rec.pair.b,
                    "chars": rec.chars,
                    "quoted": rec.quoted,
                    "shared": json.dumps([s.to_dict() for s in rec.pair.shared], ensure_ascii=False),
                }


def _provenance(rows: Iterable[tuple[str, tuple[Iterable[dict[str, Any]], Iterable[dict[str, Any]]]]]) -> Iterator[dict[str, Any]]:
    from newstrace.engine.local import PROVENANCE_MAX
    from newstrace.engine.steps import story_provenance
    from newstrace.model import Article, ArticlePair, SharedPassage

    for story, (arts_it, pairs_it) in rows:
        arts = [Article.from_dict(d) for d in arts_it]
        pairs = [
            ArticlePair(p["a"], p["b"], [SharedPassage(**s) for s in json.loads(p["shared"])])
            for p in sorted(pairs_it, key=lambda p: (p["a"], p["b"]))
        ]
        if len(arts) < 2 or len(arts) > PROVENANCE_MAX or not pairs:
            continue
        for e in story_provenance(arts, pairs):
            yield {
                "story": story,
                "source": e.source,
                "derived": e.derived,
                "confidence": float(e.confidence),
                "evidence": json.dumps(e.evidence, ensure_ascii=False, default=str),
            }


# --- the driver -------------------------------------------------------------------------------


def _is_parquet(path: Path) -> bool:
    if path.suffix == ".parquet":
        return True
    return path.is_dir() and any(p.suffix == ".parquet" for p in path.iterdir())


def run_spark(
    input_path: Path,
    out_dir: Path,
    *,
    master: str = "local[2]",
    steps: Sequence[str] | None = None,
    merge_every: int = 500,
    max_df: int | None = None,
    block: int = 500,
    spark: Any = None,
    semantic: bool = False,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, Any]:
    """Analyse ``input_path`` with Spark and write the result tables under ``out_dir``.

    ``semantic`` adds sentence embeddings (extra ``semantic``, needed on the executors too) to the
    clustering features and uses ``params.models(True)``, like the local engine; the choice goes
    into the ``state`` table, so a database loaded from the result keeps it. ``on_progress(stage,
    done, total)`` is called as each stage ends and along the driver's clustering pass.
    """
    from newstrace.corpus import params
    from newstrace.corpus.features import ArticleFeatures
    from newstrace.corpus.stories import Changes, StoryClusterer
    from newstrace.engine.steps import STEPS
    from newstrace.reuse.candidates import MIN_KEYS

    if not input_path.exists():
        raise InputError(f"{input_path}: no such file or folder")
    if max_df is None:
        from newstrace.reuse.candidates import MAX_DF

        max_df = MAX_DF
    steps = [s for s in STEPS if s in (steps or STEPS)]
    t0 = time.perf_counter()
    spark = spark or get_session(master)
    sc = spark.sparkContext
    source = str(input_path)

    from pyspark import StorageLevel

    # MEMORY_AND_DISK, not cache()'s MEMORY_ONLY: a partition that does not fit in the heap is
    # spilled instead of dropped, and a dropped partition would be recomputed (every article's
    # features again, every pair aligned again) each time a later stage reads it
    keep = StorageLevel.MEMORY_AND_DISK
    if _is_parquet(input_path):
        records = spark.read.parquet(source).rdd.map(lambda r: r.asDict(recursive=True)).zipWithIndex()
    else:
        records = sc.textFile(source).zipWithIndex().mapPartitions(_json_lines)
    articles = (
        records.mapPartitions(lambda rows: _records_to_articles(rows, source))
        .map(lambda d: (d["id"], d))
        # an id's first record, as every local reader keeps it (``ingest.base.first_of_each_id``)
        .reduceByKey(lambda x, y: x if (x.get("record") or 0) <= (y.get("record") or 0) else y)
        .values()
        .persist(keep)
    )
    n_articles = articles.count()
    if n_articles == 0:
        raise InputError(f"{input_path}: no articles found")
    step_list = list(steps)
    report_progress = on_progress or (lambda stage, done, total: None)
    report_progress("articles", n_articles, n_articles)
    if semantic:
        from newstrace.corpus.semantic import get_embedder

        get_embedder()  # a missing extra fails on the driver, before the executors start
    recs = articles.mapPartitions(lambda it: _article_records(it, step_list, semantic)).persist(keep)
    report_progress("per-article steps", recs.count(), n_articles)

    # the stream order, sorted once: it cuts the alignment blocks and feeds the clusterer
    ordered = recs.map(lambda r: ((bool(r["order"][0]), r["order"][1], r["order"][2]), (r["id"], r["features"]))).sortByKey()
    pairs_rdd = sc.emptyRDD()
    n_pairs = 0
    if "reuse" in steps:
        md, mk = int(max_df), MIN_KEYS
        cand = (
            recs.flatMap(lambda r: [(k, (r["order"], r["id"])) for k in r["keys"]])
            .groupByKey()
            .flatMap(lambda kv: _key_group(kv, md))
            .map(lambda ab: (ab, 1))
            .reduceByKey(lambda x, y: x + y)
            .filter(lambda kv: kv[1] >= mk)  # pairs sharing MIN_KEYS keys, as in the local engine
            .keys()
        )
        # blocks of ``block`` consecutive articles (stream order); a pair goes to its later
        # article's block, and each block gets one copy of every article its pairs name: an
        # article is shipped and prepared about once per block that needs it, instead of twice
        # per candidate pair (a hundred at 100k articles) as a pair-by-pair join would
        blk = int(block)
        block_of = ordered.zipWithIndex().map(lambda x: (x[0][1][0], x[1] // blk))
        pair_blocks = cand.map(lambda ab: (ab[1], ab[0])).join(block_of).map(lambda x: (x[1][1], (x[1][0], x[0])))
        needed = (
            pair_blocks.flatMap(lambda x: [(x[1][0], x[0]), (x[1][1], x[0])])
            .distinct()
            .join(articles.map(lambda d: (d["id"], d)))
            .map(lambda x: (x[1][0], x[1][1]))
        )
        pairs_rdd = pair_blocks.cogroup(needed).mapPartitions(_align_blocks).persist(keep)
        # an action over all partitions at once: the driver's ``toLocalIterator`` below would
        # otherwise align one partition at a time, on one core
        n_pairs = int(pairs_rdd.count())
        report_progress("reuse pairs", n_pairs, n_pairs)

    # stories and threads: one sequential pass on the driver, in the stream order
    partners: dict[str, dict[str, float]] = {}
    if "reuse" in steps:
        from newstrace.corpus.stories import reuse_strength

        # streamed partition by partition (same order as collect): the driver never holds the list
        for p in pairs_rdd.map(lambda p: (p["a"], p["b"], p["quoted"])).toLocalIterator():
            partners.setdefault(p[1], {})[p[0]] = reuse_strength(int(p[2]))
    stories_rows: list[dict[str, Any]] = []
    memberships: list[dict[str, Any]] = []
    state_rows: list[dict[str, Any]] = []
    if "stories" in steps:
        cl = StoryClusterer(*params.models(semantic), merge_every=merge_every)
        # the local engine labels a cluster when a batch of ``merge_every`` articles that changed it
        # commits, with the document frequencies of that moment: label at the same points here, so
        # both engines give the same labels (``tests/test_spark_parity.py``)
        labels: dict[str, str] = {}
        ch = Changes([], [], {}, {}, {})

        def absorb(part: Changes) -> None:
            for c in [*part.threads, *part.stories]:
                labels[c.id] = c.label(cl.df)
            ch.threads.extend(part.threads)
            ch.stories.extend(part.stories)
            ch.memberships.update(part.memberships)
            ch.merged.update(part.merged)
            ch.merged_threads.update(part.merged_threads)

        for n, (_, (_, fd)) in enumerate(ordered.toLocalIterator(), 1):
            f = ArticleFeatures.from_dict(fd)
            cl.add(f, partners.get(f.id))
            if n % merge_every == 0:
                absorb(cl.drain())
                report_progress("stories", n, n_articles)
        cl.finish()
        absorb(cl.drain())
        clusters = {c.id: c for c in [*ch.threads, *ch.stories, *cl.threads.values(), *cl.stories.values()]}
        thread_of_merged = dict(ch.merged_threads)
        for c in sorted(clusters.values(), key=lambda c: (c.level, c.id)):
            thread = c.thread
            while thread in thread_of_merged:
                thread = thread_of_merged[thread]
            stories_rows.append(
                {
                    "level": c.level,
                    "id": c.id,
                    "thread": thread,
                    "label": labels[c.id] if c.id in labels else c.label(cl.df),
                    "first_article": c.first_article,
                    "first_outlet": c.first_outlet,
                    "start": c.first_published,
                    "end": c.last_published,
                    "size": 0 if c.merged_into else c.size,
                    "outlets": json.dumps(dict(sorted(c.outlets.items()))),
                    "state": None if c.merged_into else c.to_state(),
                    "merged_into": c.merged_into,
                }
            )
        memberships = [{"article": a, "story": s, "score": float(sc_)} for a, (s, sc_) in sorted(ch.memberships.items())]
        meta = cl.progress_state()
        from newstrace.store.results import MODELS_KEY, SEMANTIC_KEY

        state_rows = [
            {"key": "df", "value": cl.df.to_bytes()},
            {"key": "clusterer", "value": json.dumps(meta).encode()},
            {"key": MODELS_KEY, "value": params.fingerprint(cl.story_model, cl.thread_model).encode()},
        ]
        if semantic:
            from newstrace.engine.local import SEMANTIC_MODEL

            state_rows.append({"key": SEMANTIC_KEY, "value": SEMANTIC_MODEL.encode()})

    provenance_rdd = sc.emptyRDD()
    if "reuse" in steps and memberships:
        story_of = sc.broadcast({m["article"]: m["story"] for m in memberships})
        same_story = pairs_rdd.filter(lambda p: story_of.value.get(p["a"]) == story_of.value.get(p["b"]))
        with_pairs = set(same_story.map(lambda p: story_of.value.get(p["a"])).distinct().collect())
        wanted = sc.broadcast(with_pairs)
        story_arts = articles.filter(lambda d: story_of.value.get(d["id"]) in wanted.value).map(
            lambda d: (story_of.value[d["id"]], d)
        )
        story_pairs = same_story.map(lambda p: (story_of.value[p["a"]], p))
        provenance_rdd = story_arts.cogroup(story_pairs).mapPartitions(_provenance)

    _write(spark, out_dir, articles, recs, pairs_rdd, stories_rows, memberships, provenance_rdd, state_rows)
    report: dict[str, Any] = {
        "engine": "spark",
        "master": master,
        "input": source,
        "out": str(out_dir),
        "articles": int(n_articles),
        "pairs": n_pairs,
        "stories": sum(1 for r in stories_rows if r["level"] == "story" and not r["merged_into"]),
        "threads": len({r["thread"] for r in stories_rows if r["level"] == "story" and not r["merged_into"]}),
        "steps": list(steps),
        "seconds": round(time.perf_counter() - t0, 3),
    }
    if semantic:  # default runs report what they always did
        report["semantic"] = True
    return report


def _write(
    spark: Any,
    out_dir: Path,
    articles: Any,
    recs: Any,
    pairs_rdd: Any,
    stories_rows: list[dict[str, Any]],
    memberships: list[dict[str, Any]],
    provenance_rdd: Any,
    state_rows: list[dict[str, Any]],
) -> None:
    from pyspark.sql.types import (
        BinaryType,
        DoubleType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    def schema(*cols: tuple[str, Any]) -> Any:
        return StructType([StructField(n, t, True) for n, t in cols])

    out_dir.mkdir(parents=True, exist_ok=True)

    def save(name: str, rdd_or_rows: Any, sch: Any) -> None:
        target = str(out_dir / name)
        if isinstance(rdd_or_rows, list):
            df = spark.createDataFrame(rdd_or_rows, sch) if rdd_or_rows else spark.createDataFrame([], sch)
        else:
            df = spark.createDataFrame(rdd_or_rows, sch)
        df.write.mode("overwrite").parquet(target)

    S, L, D, B = StringType(), LongType(), DoubleType(), BinaryType()
    save("articles", articles.map(lambda d: {"id": d["id"], "json": json.dumps(d, ensure_ascii=False, default=str)}), schema(("id", S), ("json", S)))
    save("keys", recs.flatMap(lambda r: [{"key": k, "article": r["id"]} for k in r["keys"]]), schema(("key", S), ("article", S)))
    save(
        "claims",
        recs.filter(lambda r: r["claims"] is not None).map(
            lambda r: {"article": r["id"], "json": json.dumps(r["claims"], ensure_ascii=False)}
        ),
        schema(("article", S), ("json", S)),
    )
    save("pairs", pairs_rdd, schema(("a", S), ("b", S), ("chars", L), ("quoted", L), ("shared", S)))
    save(
        "stories",
        stories_rows,
        schema(
            ("level", S), ("id", S), ("thread", S), ("label", S), ("first_article", S), ("first_outlet", S),
            ("start", S), ("end", S), ("size", L), ("outlets", S), ("state", B), ("merged_into", S),
        ),
    )
    save("memberships", memberships, schema(("article", S), ("story", S), ("score", D)))
    save(
        "provenance",
        provenance_rdd,
        schema(("story", S), ("source", S), ("derived", S), ("confidence", D), ("evidence", S)),
    )
    save("state", state_rows, schema(("key", S), ("value", B)))
