"""Scale of ``analyze``: wall time, articles/s and peak memory with the local and Spark engines.

The corpus comes from ``benchmarks/corpus_gen.py`` (real FNC-1/FA-KES bodies, then bigram-model
originals, 25 % reuse). Each engine runs in its own process so that peak memory (``ru_maxrss``)
is that engine's alone; the Spark figure is the driver's (executors are separate JVM/Python
processes whose peak is read from their children's rusage).

    python benchmarks/bench_analyze.py --n 10000 --engine local --engine spark [--no-claims] [--workers N]
    python benchmarks/bench_analyze.py --n 10000 --then 100   # then the next 100 articles: the increment
    python benchmarks/bench_analyze.py --n 1000 --wire 50 --engine local --workers 1   # plus 50 identical copies

CPU seconds are reported next to wall time because the benchmark machine is shared and wall time
alone says little. ``analyze_cpu_seconds`` and ``peak_rss*`` come from ``rusage`` (this process and
its reaped children: the local engine's pool workers); ``tree_*`` from sampling ``/proc`` for the
whole process tree, which also sees Spark's JVM and its Python workers.
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


class TreeSampler:
    """Samples this process and all its descendants from ``/proc`` every ``period`` seconds.

    ``rusage`` misses what Spark runs: the JVM and its Python workers are not reaped by this
    process before it reports, so their CPU and memory would be lost. The sampler keeps, per pid,
    the last CPU time seen (a process's final fraction of a period can be missed) and the peak of
    the *sum* of RSS over the tree, which is what the machine has to hold.
    """

    def __init__(self, period: float = 0.5) -> None:
        import os
        import threading

        self.root = os.getpid()
        self.period = period
        self.tick = os.sysconf("SC_CLK_TCK")
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.cpu: dict[int, float] = {}
        self.peak_rss = 0
        self.peak_procs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _stats(self) -> dict[int, tuple[int, float, int]]:
        """pid -> (ppid, cpu seconds, rss bytes) of every process readable in ``/proc``."""
        out: dict[int, tuple[int, float, int]] = {}
        for d in Path("/proc").iterdir():
            if not d.name.isdigit():
                continue
            try:
                raw = (d / "stat").read_text()
            except OSError:
                continue
            f = raw[raw.rindex(")") + 2 :].split()  # fields after "pid (comm) "
            out[int(d.name)] = (int(f[1]), (int(f[11]) + int(f[12])) / self.tick, int(f[21]) * self.page)
        return out

    def sample(self) -> None:
        stats = self._stats()
        kids: dict[int, list[int]] = {}
        for pid, (ppid, _, _) in stats.items():
            kids.setdefault(ppid, []).append(pid)
        tree, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(kids.get(pid, []))
        for pid in tree:
            if pid in stats:
                self.cpu[pid] = stats[pid][1]
        self.peak_rss = max(self.peak_rss, sum(stats[p][2] for p in tree if p in stats))
        self.peak_procs = max(self.peak_procs, len(tree))

    def _run(self) -> None:
        while not self._stop.wait(self.period):
            self.sample()

    def __enter__(self) -> TreeSampler:
        self.sample()
        self.start = dict(self.cpu)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.sample()
        self._stop.set()
        self._thread.join()

    def figures(self) -> dict[str, float]:
        cpu = sum(v - self.start.get(pid, 0.0) for pid, v in self.cpu.items())
        return {
            "tree_cpu_seconds": round(cpu, 1),
            "tree_peak_rss_mb": round(self.peak_rss / 2**20, 1),
            "tree_processes": self.peak_procs,
        }


def _commit() -> str:
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True, check=False)
    return proc.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def run_local(corpus: Path, db: Path, steps: list[str], workers: int | None = None) -> dict[str, Any]:
    from corpus_gen import ingest_corpus

    from newstrace.corpus import analyze
    from newstrace.store.sqlite import Store

    t0 = time.perf_counter()
    ingest_corpus(corpus, db)  # idempotent: a resumed run finds every article unchanged
    with Store(db) as st:
        before = st.conn.execute("SELECT count(*) FROM analysis").fetchone()[0]
        t1 = time.perf_counter()
        c1 = _cpu()
        with TreeSampler() as tree:
            rep = analyze(st, steps=steps, workers=workers)
        t2 = time.perf_counter()
        stored = {
            "reuse_pairs_stored": st.conn.execute("SELECT count(*) FROM reuse_pairs").fetchone()[0],
            "passage_chars": st.conn.execute("SELECT COALESCE(SUM(length(a_text) + length(b_text)), 0) FROM passages").fetchone()[0],
            "provenance_edges": st.conn.execute("SELECT count(*) FROM provenance").fetchone()[0],
        }
    # the database's size once closed (its write-ahead log checkpointed)
    stored["db_mb"] = round(sum(Path(str(db) + s).stat().st_size for s in ("", "-wal") if Path(str(db) + s).exists()) / 2**20, 1)
    return {
        "engine": "local",
        "ingest_seconds": round(t1 - t0, 2),
        "analyze_seconds": round(t2 - t1, 2),
        "analyze_cpu_seconds": round(_cpu() - c1, 1),
        "analysed_before": before,
        "articles_per_second": round(rep.analysed / (t2 - t1), 2),
        **rep.to_dict(),
        **stored,
        **_peak_mb(),
        **tree.figures(),
    }


def run_spark(corpus: Path, out: Path, steps: list[str], master: str) -> dict[str, Any]:
    from newstrace.engine.spark import run_spark as go

    t0 = time.perf_counter()
    c0 = _cpu()
    spark = None
    stages: dict[str, float] = {}
    with TreeSampler() as tree:
        try:
            from newstrace.engine.spark import get_session

            spark = get_session(master)

            def on_progress(stage: str, done: int, total: int) -> None:
                # when each stage ended (seconds from the start): where the time of a long run goes
                stages[stage] = round(time.perf_counter() - t0, 1)
                print(f"{stages[stage]:>9.1f} s  {stage}: {done}/{total}", file=sys.stderr, flush=True)

            rep = go(corpus, out, master=master, steps=steps, spark=spark, on_progress=on_progress)
        finally:
            if spark is not None:
                spark.stop()
    dt = time.perf_counter() - t0
    return {
        **rep,
        "stage_end_seconds": stages,
        "analyze_seconds": round(dt, 2),
        "analyze_cpu_seconds": round(_cpu() - c0, 1),
        "articles_per_second": round(rep["articles"] / dt, 2),
        **_peak_mb(),
        **tree.figures(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--engine", action="append", choices=["local", "spark"])
    ap.add_argument("--no-claims", action="store_true", help="skip quote/quantity extraction")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--workers", type=int, default=None, help="local engine: worker processes (default: the cores)")
    ap.add_argument("--work", type=Path, default=None, help="folder for the corpus, db and results")
    ap.add_argument(
        "--resume",
        action="store_true",
        help="local engine: keep the database under --work and analyse only what it has not (a stopped run continues)",
    )
    ap.add_argument(
        "--then",
        type=int,
        default=0,
        metavar="K",
        help="local engine: then ingest the K articles that come next in the stream and analyse again "
        "(the daily increment: what adding K articles to n costs)",
    )
    ap.add_argument(
        "--wire",
        type=int,
        action="append",
        metavar="K",
        help="add K identical copies of one FA-KES dev text under K outlets (repeatable: one text each; corpus_gen.wire_copies)",
    )
    ap.add_argument("--child", choices=["local", "spark"], help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    steps = ["reuse", "stories"] if args.no_claims else ["reuse", "claims", "stories"]
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-analyze-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.wire and args.then:
        ap.error("--wire adds its copies to the corpus of --n: give no --then with it")
    name = f"{args.n}+{args.then}" if args.then else str(args.n)
    if args.wire:
        name += "-wire" + "-".join(str(k) for k in args.wire)
    corpus = work / f"corpus-{name}.jsonl"
    db = work / f"local-{name}.db"
    if args.child == "local":
        print(json.dumps(run_local(args.corpus or corpus, db, steps, args.workers)))
        return 0
    if args.child == "spark":
        print(json.dumps(run_spark(corpus, work / f"spark-{name}", steps, args.master)))
        return 0
    engines = args.engine or ["local"]
    if args.then and engines != ["local"]:
        ap.error("--then measures the local engine's increment: give no --engine spark with it")
    if not corpus.exists() and not args.then:
        from corpus_gen import write_corpus

        write_corpus(args.n, corpus, wire=args.wire)
    # with --then: one stream of n + K articles, the first n analysed, then the next K (the latest)
    phases: list[tuple[str, Path | None]] = [("all", None)]
    if args.then:
        base, then = work / f"corpus-{name}-base.jsonl", work / f"corpus-{name}-then.jsonl"
        if not then.exists():
            from corpus_gen import generate_corpus, write_records

            recs = generate_corpus(args.n + args.then)
            write_records(recs[: args.n], base)
            write_records(recs[args.n :], then)
        phases = [("base", base), ("then", then)]
    results = []
    for engine in engines:
        if engine == "local" and not args.resume:  # a fresh database (Spark writes Parquet under --work)
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
        for phase, path in phases:  # --then is local only, so Spark runs one phase
            cmd = [sys.executable, __file__, "--n", str(args.n), "--child", engine, "--work", str(work), "--master", args.master]
            if args.then:
                cmd += ["--then", str(args.then), "--corpus", str(path)]
            if args.no_claims:
                cmd.append("--no-claims")
            if args.workers is not None:
                cmd += ["--workers", str(args.workers)]
            for k in args.wire or []:
                cmd += ["--wire", str(k)]
            # the child's stderr passes through: a long run shows its stages as they end
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
            if proc.returncode != 0:
                print(f"{engine} run failed (exit {proc.returncode}); its stderr is above", file=sys.stderr)
                return proc.returncode
            results.append({"phase": phase, **json.loads(proc.stdout.strip().splitlines()[-1])})
    print(json.dumps({"n": args.n, "then": args.then, "wire": args.wire or [], "steps": steps, "commit": _commit(), "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
