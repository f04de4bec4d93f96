"""Scale of ``analyze``: wall time, articles/s and peak memory with the local and Spark engines.

The corpus comes from ``benchmarks/corpus_gen.py`` (real FNC-1/FA-KES bodies, then bigram-model
originals, 25 % reuse). Each engine runs in its own process so that peak memory (``ru_maxrss``)
is that engine's alone; the Spark figure is the driver's (executors are separate JVM/Python
processes whose peak is read from their children's rusage).

    python benchmarks/bench_analyze.py --n 10000 --engine local --engine spark [--no-claims] [--workers N]

CPU seconds are reported next to wall time (this process plus its children: pool workers, Spark's
JVM and Python workers) because the benchmark machine is shared and wall time alone says little.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def _peak_mb() -> dict[str, float]:
    """Peak RSS of this process and of its largest child (``ru_maxrss`` is a maximum, not a sum)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "peak_rss_children_mb": round(kids, 1)}


def _cpu() -> float:
    """CPU seconds (user + system) of this process and its finished children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _commit() -> str:
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True, check=False)
    return proc.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def run_local(corpus: Path, db: Path, steps: list[str], workers: int | None = None) -> dict[str, Any]:
    from corpus_gen import ingest_corpus

    from newstrace.corpus import analyze
    from newstrace.store.sqlite import Store

    t0 = time.perf_counter()
    ingest_corpus(corpus, db)
    with Store(db) as st:
        t1 = time.perf_counter()
        c1 = _cpu()
        rep = analyze(st, steps=steps, workers=workers)
    t2 = time.perf_counter()
    return {
        "engine": "local",
        "ingest_seconds": round(t1 - t0, 2),
        "analyze_seconds": round(t2 - t1, 2),
        "analyze_cpu_seconds": round(_cpu() - c1, 1),
        "articles_per_second": round(rep.analysed / (t2 - t1), 2),
        **rep.to_dict(),
        **_peak_mb(),
    }


def run_spark(corpus: Path, out: Path, steps: list[str], master: str) -> dict[str, Any]:
    from newstrace.engine.spark import run_spark as go

    t0 = time.perf_counter()
    c0 = _cpu()
    spark = None
    try:
        from newstrace.engine.spark import get_session

        spark = get_session(master)
        rep = go(corpus, out, master=master, steps=steps, spark=spark)
    finally:
        if spark is not None:
            spark.stop()  # the JVM and its Python workers end, so their CPU time is counted
    dt = time.perf_counter() - t0
    return {
        **rep,
        "analyze_seconds": round(dt, 2),
        "analyze_cpu_seconds": round(_cpu() - c0, 1),
        "articles_per_second": round(rep["articles"] / dt, 2),
        **_peak_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--engine", action="append", choices=["local", "spark"])
    ap.add_argument("--no-claims", action="store_true", help="skip quote/quantity extraction")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--workers", type=int, default=None, help="local engine: worker processes (default: the cores)")
    ap.add_argument("--work", type=Path, default=None, help="folder for the corpus, db and results")
    ap.add_argument("--child", choices=["local", "spark"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    steps = ["reuse", "stories"] if args.no_claims else ["reuse", "claims", "stories"]
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-analyze-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{args.n}.jsonl"
    if args.child == "local":
        print(json.dumps(run_local(corpus, work / f"local-{args.n}.db", steps, args.workers)))
        return 0
    if args.child == "spark":
        print(json.dumps(run_spark(corpus, work / f"spark-{args.n}", steps, args.master)))
        return 0
    if not corpus.exists():
        from corpus_gen import write_corpus

        write_corpus(args.n, corpus)
    results = []
    for engine in args.engine or ["local"]:
        if engine == "local":  # a fresh database (the Spark engine writes Parquet under --work)
            db = work / f"local-{args.n}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
        cmd = [sys.executable, __file__, "--n", str(args.n), "--child", engine, "--work", str(work), "--master", args.master]
        if args.no_claims:
            cmd.append("--no-claims")
        if args.workers is not None:
            cmd += ["--workers", str(args.workers)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return proc.returncode
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(json.dumps({"n": args.n, "steps": steps, "commit": _commit(), "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
