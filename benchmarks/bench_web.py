"""Load benchmark of the web app: 50 concurrent clients on story and compare pages for 60 s.

Loopback only and bounded: the server is ``newstrace serve`` on 127.0.0.1 in a child process, the
clients are asyncio tasks with a per-request timeout, the run stops after ``--seconds``.

The database is a ``--n``-article corpus from ``benchmarks/corpus_gen.py`` (real FNC-1/FA-KES
bodies plus generated reuse), built once into benchmarks/out/ and reused; ``--analyze`` runs
``newstrace.corpus.analyze`` on it when the corpus stage is installed, so story pages exist.

Pages are requested from a bounded working set (``--pairs`` reuse pairs, their articles and the
stories they are in). The compare report of a pair is computed on first request and cached (the
claims extraction behind it is the expensive part: ~0.2 s per article); the *warm-up* pass measures
those cold requests, the *load* phase then measures the steady state. Both are reported.

    .venv/bin/python benchmarks/bench_web.py --n 10000 --seconds 60 --clients 50 --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "benchmarks"))


def build_db(n: int, db: Path, analyze: bool) -> dict[str, Any]:
    """The corpus database (built once; an existing one is reused)."""
    info: dict[str, Any] = {"db": str(db.relative_to(ROOT)), "articles": n}
    if not db.exists():
        from corpus_gen import generate_corpus

        from newstrace.ingest import read_inputs
        from newstrace.store.sqlite import Store

        t = time.perf_counter()
        records = generate_corpus(n)
        jsonl = db.with_suffix(".jsonl")
        with jsonl.open("w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        with Store(db) as st:
            batch = []
            for a in read_inputs([jsonl]):
                batch.append(a)
                if len(batch) >= 1000:
                    st.add_articles(batch)
                    batch = []
            st.add_articles(batch)
        info["build_seconds"] = round(time.perf_counter() - t, 1)
    from newstrace.store.sqlite import Store as _Store

    _Store(db).close()  # bring an older database to this newstrace's schema before serving it
    if analyze:
        try:
            from newstrace.corpus import analyze as run_analyze
        except ImportError:
            info["analyze"] = "corpus stage not installed"
        else:
            from newstrace.store.sqlite import Store

            t = time.perf_counter()
            with Store(db) as st:
                run_analyze(st)
            info["analyze_seconds"] = round(time.perf_counter() - t, 1)
    return info


def working_set(db: Path, pairs: int, seed: int) -> dict[str, list[str]]:
    """URLs of the pages the clients ask for: compare pairs, their articles, their stories."""
    from newstrace.store.sqlite import Store

    rng = random.Random(seed)
    with Store(db, readonly=True) as st:
        rows = st.conn.execute(
            "SELECT id, json_extract(meta, '$.derived_from') AS src FROM articles "
            "WHERE json_extract(meta, '$.derived_from') IS NOT NULL ORDER BY seq"
        ).fetchall()
        chosen = rng.sample([(r["src"], r["id"]) for r in rows], min(pairs, len(rows)))
        stories: list[str] = []
        try:
            for src, _ in chosen:
                row = st.conn.execute("SELECT story FROM memberships WHERE article=?", (src,)).fetchone()
                if row:
                    stories.append(row[0])
        except Exception:  # no results tables: no story pages
            stories = []
        words = [w for r in st.conn.execute("SELECT title FROM articles ORDER BY random() LIMIT 50") for w in (r[0] or "").split()[:2] if w.isalpha() and len(w) > 4]
    q = lambda s: quote(s, safe="")  # noqa: E731
    return {
        "compare": [f"/compare?ids={q(a)}&ids={q(b)}" for a, b in chosen],
        "api_compare": [f"/api/compare?ids={q(a)}&ids={q(b)}" for a, b in chosen],
        "article": [f"/articles/{q(i)}" for pair in chosen for i in pair],
        "story": [f"/stories/{q(s)}" for s in sorted(set(stories))],
        "stories": ["/stories", "/stories?offset=50", "/outlets"],
        "search": [f"/articles?q={q(w)}" for w in words[:20]] or ["/articles"],
    }


#: What the clients ask for: story and compare pages (the issue's load target), some API and article
#: pages. Without analysed stories the story share goes to the other kinds. ``--mix-all`` adds the
#: stories list and full-text article search (a LIKE scan over every text: ~0.2-0.4 s at 10k).
MIX = [("compare", 0.5), ("story", 0.3), ("api_compare", 0.1), ("article", 0.1)]
MIX_ALL = [*MIX, ("stories", 0.05), ("search", 0.05)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


async def _warm(base: str, urls: list[str], timeout: float) -> dict[str, Any]:
    import httpx

    lat: list[float] = []
    errors = 0
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as c:
        for u in urls:
            t = time.perf_counter()
            try:
                r = await c.get(u)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            lat.append(time.perf_counter() - t)
            errors += not ok
    return {"requests": len(urls), "errors": errors, "p50_ms": round(_pct(lat, 50) * 1000, 1),
            "p99_ms": round(_pct(lat, 99) * 1000, 1), "seconds": round(sum(lat), 1)}


async def _load(base: str, urls: dict[str, list[str]], clients: int, seconds: float, timeout: float, seed: int,
                mix_all: bool = False) -> dict[str, Any]:
    import httpx

    mix = [(k, w) for k, w in (MIX_ALL if mix_all else MIX) if urls.get(k)]
    kinds, weights = zip(*mix, strict=True)
    lat: dict[str, list[float]] = {k: [] for k in kinds}
    errors: dict[str, int] = dict.fromkeys(kinds, 0)
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(i: int, c: httpx.AsyncClient) -> None:
        rng = random.Random(seed * 1000 + i)
        while time.perf_counter() < stop:
            kind = rng.choices(kinds, weights)[0]
            url = rng.choice(urls[kind])
            t = time.perf_counter()
            try:
                r = await c.get(url)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            lat[kind].append(time.perf_counter() - t)
            errors[kind] += not ok

    t0 = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as c:
        await asyncio.gather(*(client(i, c) for i in range(clients)))
    wall = time.perf_counter() - t0
    everything = [x for xs in lat.values() for x in xs]
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": len(everything),
        "req_per_s": round(len(everything) / wall, 1),
        "p50_ms": round(_pct(everything, 50) * 1000, 1),
        "p99_ms": round(_pct(everything, 99) * 1000, 1),
        "errors": sum(errors.values()),
        "by_page": {
            k: {"requests": len(v), "p50_ms": round(_pct(v, 50) * 1000, 1), "p99_ms": round(_pct(v, 99) * 1000, 1),
                "errors": errors[k]}
            for k, v in lat.items()
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles in the corpus")
    ap.add_argument("--db", type=Path, help="use this database instead of building one")
    ap.add_argument("--analyze", action="store_true", help="run the corpus analysis first (story pages)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--pairs", type=int, default=60, help="compare pairs in the working set")
    ap.add_argument("--timeout", type=float, default=30.0, help="per-request timeout (s)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mix-all", action="store_true", help="also the stories list and full-text search")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    args.clients = min(args.clients, 200)
    args.seconds = min(args.seconds, 600.0)

    OUT.mkdir(parents=True, exist_ok=True)
    db = args.db or OUT / f"web-{args.n}.db"
    info = build_db(args.n, db, args.analyze) if args.db is None else {"db": str(db)}
    urls = working_set(db, args.pairs, args.seed)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "newstrace.cli.main", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        _wait(base, server)
        warm_urls = urls["compare"] + urls["story"]
        warm = asyncio.run(_warm(base, warm_urls, args.timeout))
        load = asyncio.run(_load(base, urls, args.clients, args.seconds, args.timeout, args.seed, args.mix_all))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    result = {"corpus": info, "working_set": {k: len(v) for k, v in urls.items()}, "warmup_cold": warm, "load": load,
              "target": {"errors": 0, "p99_ms": 500}}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"corpus {info}")
        print(f"warm-up (cold compare/story pages, sequential): {warm}")
        print(f"load: {load['clients']} clients, {load['seconds']} s: {load['req_per_s']} req/s, "
              f"p50 {load['p50_ms']} ms, p99 {load['p99_ms']} ms, {load['errors']} errors")
        for k, v in load["by_page"].items():
            print(f"  {k:12} {v}")
    return 0


def _wait(base: str, server: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {(server.stderr.read() if server.stderr else b'').decode()[-2000:]}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not start within 60 s")


if __name__ == "__main__":
    raise SystemExit(main())
