"""Load benchmark of the web app: 50 concurrent clients on story and compare pages for 60 s.

Loopback only and bounded: the server is ``newstrace serve`` on 127.0.0.1 in a child process, the
clients are asyncio tasks with a per-request timeout, the run stops after ``--seconds``.

The database is a ``--n``-article corpus from ``benchmarks/corpus_gen.py`` (real FNC-1/FA-KES
bodies plus generated reuse), built once into benchmarks/out/ (git-ignored) and reused. Story pages
need an analysed database: ``--analysis no-claims`` (default) or ``full`` copies it to
``web-N-<analysis>.db`` and runs ``newstrace analyze`` on the copy (incremental: an interrupted run
resumes); a copy whose every article is analysed is served as it is, whatever analysis version made
it, unless ``--reanalyze`` (a new analysis version re-analyses every article: 24 min at 10k with
``--no-claims`` on a loaded machine). ``none`` serves the un-analysed corpus (no story pages). Without stored claims the app extracts an article's claims the first time a page needs them.

Pages are requested from a bounded working set (``--pairs`` reuse pairs, their articles and the
stories they are in). Computed pages are cached by the app; the *warm-up* pass requests every
compare and story page once, sequentially, and reports those cold requests; the *load* phase then
measures the steady state per request kind and overall. Next to latencies it reports the CPU time
the server (all its processes) and the load generator spent per request, and the machine's load
average, because the machine is shared and wall-clock figures move with other jobs.

    .venv/bin/python benchmarks/bench_web.py --n 10000 --seconds 60 --clients 50 --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
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


def _analysed(db: Path) -> tuple[bool, list[int]]:
    """Whether every article of ``db`` has been analysed (by any version), and which versions."""
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        try:
            missing = conn.execute(
                "SELECT COUNT(*) FROM articles a LEFT JOIN analysis an ON an.article = a.id WHERE an.article IS NULL"
            ).fetchone()[0]
            versions = [int(r[0]) for r in conn.execute("SELECT DISTINCT version FROM analysis ORDER BY version")]
        except sqlite3.OperationalError:
            return False, []
    return missing == 0 and bool(versions), versions


def build_db(n: int, db: Path, analysis: str, reanalyze: bool = False) -> tuple[Path, dict[str, Any]]:
    """The corpus database (built once; an existing one is reused), analysed as asked."""
    info: dict[str, Any] = {"db": str(db.relative_to(ROOT)), "articles": n, "analysis": analysis}
    if not db.exists():
        from corpus_gen import ingest_corpus, write_corpus

        t = time.perf_counter()
        jsonl = db.with_suffix(".jsonl")
        write_corpus(n, jsonl)
        ingest_corpus(jsonl, db)
        info["build_seconds"] = round(time.perf_counter() - t, 1)
    from newstrace.store.sqlite import Store as _Store

    _Store(db).close()  # bring an older database to this newstrace's schema before serving it
    if analysis == "none":
        return db, info
    analysed = db.with_name(f"{db.stem}-{analysis}.db")
    info["db"] = str(analysed.relative_to(ROOT))
    if not analysed.exists():
        tmp = analysed.with_suffix(".db.part")
        shutil.copyfile(db, tmp)
        tmp.rename(analysed)
    done, version = _analysed(analysed)
    info["analysis_version"] = version
    if done and not reanalyze:
        info["analyze"] = "reused (every article analysed; --reanalyze brings it to this newstrace's version)"
        return analysed, info
    cmd = [sys.executable, "-m", "newstrace.cli.main", "analyze", "--db", str(analysed), "--json"]
    if analysis == "no-claims":
        cmd.append("--no-claims")
    t = time.perf_counter()
    cpu0 = os.times()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    cpu1 = os.times()
    report = json.loads(out)
    info["analysis_version"] = _analysed(analysed)[1]
    info["analyze"] = {
        "analysed_now": report.get("analysed"), "stories": report.get("stories"), "pairs": report.get("pairs"),
        "quotes": report.get("quotes"), "seconds": round(time.perf_counter() - t, 1),
        "cpu_seconds": round((cpu1.children_user + cpu1.children_system) - (cpu0.children_user + cpu0.children_system), 1),
    }
    return analysed, info


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
        "api_story": [f"/api/stories/{q(s)}" for s in sorted(set(stories))],
        "stories": ["/stories", "/stories?offset=50", "/outlets"],
        "search": [f"/articles?q={q(w)}" for w in words[:20]] or ["/articles"],
    }


#: What the clients ask for: story and compare pages (the issue's load target: 70 %), their JSON API,
#: article pages and the story list. Without analysed stories the story share goes to the other
#: kinds. ``--mix-all`` adds full-text article search (a LIKE scan over every text).
MIX = [("compare", 0.35), ("story", 0.35), ("api_compare", 0.075), ("api_story", 0.075), ("article", 0.1),
       ("stories", 0.05)]
MIX_ALL = [*MIX, ("search", 0.05)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its live descendants (the serve workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue
    return total


def _loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


class Conn:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads whole responses.

    The load generator shares the two cores with the server; httpx spends ~5 ms of CPU per request
    at 50 clients, more than the server does, so the clients use this lean reader instead (status
    line, headers, Content-Length or chunked body; a broken connection is reopened).
    """

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int]:
        """``(status, body bytes)``; raises on a timeout, a broken connection or a bad response."""
        try:
            return await asyncio.wait_for(self._get(path), self.timeout)
        except BaseException:
            self.close()
            raise

    async def _get(self, path: str) -> tuple[int, int]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("latin-1"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
        if "content-length" in headers:
            body = len(await self.reader.readexactly(int(headers["content-length"])))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = 0
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                body += size
                if size == 0:
                    break
        else:
            raise ValueError("response without a length")
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _warm(base: str, urls: list[str], timeout: float) -> dict[str, Any]:
    host, port = base.rsplit("//", 1)[1].rsplit(":", 1)
    c = Conn(host, int(port), timeout)
    lat: list[float] = []
    errors = 0
    for u in urls:
        t = time.perf_counter()
        try:
            ok = (await c.get(u))[0] == 200
        except (TimeoutError, OSError, EOFError, ValueError, asyncio.LimitOverrunError):
            ok = False
        lat.append(time.perf_counter() - t)
        errors += not ok
    c.close()
    return {"requests": len(urls), "errors": errors, "p50_ms": round(_pct(lat, 50) * 1000, 1),
            "p99_ms": round(_pct(lat, 99) * 1000, 1), "max_ms": round(max(lat, default=0) * 1000, 1),
            "seconds": round(sum(lat), 1)}


async def _load(base: str, urls: dict[str, list[str]], clients: int, seconds: float, timeout: float, seed: int,
                mix_all: bool = False, server_pid: int | None = None) -> dict[str, Any]:
    mix = [(k, w) for k, w in (MIX_ALL if mix_all else MIX) if urls.get(k)]
    kinds, weights = zip(*mix, strict=True)
    lat: dict[str, list[float]] = {k: [] for k in kinds}
    errors: dict[str, int] = dict.fromkeys(kinds, 0)
    host, port = base.rsplit("//", 1)[1].rsplit(":", 1)

    async def client(i: int, stop: float) -> None:
        rng = random.Random(seed * 1000 + i)
        c = Conn(host, int(port), timeout)
        while time.perf_counter() < stop:
            kind = rng.choices(kinds, weights)[0]
            url = rng.choice(urls[kind])
            t = time.perf_counter()
            try:
                ok = (await c.get(url))[0] == 200
            except (TimeoutError, OSError, EOFError, ValueError, asyncio.LimitOverrunError):
                ok = False
            lat[kind].append(time.perf_counter() - t)
            errors[kind] += not ok
        c.close()

    load0 = _loadavg()
    server0 = _tree_cpu(server_pid) if server_pid else 0.0
    client0 = time.process_time()
    t0 = time.perf_counter()
    await asyncio.gather(*(client(i, t0 + seconds) for i in range(clients)))
    wall = time.perf_counter() - t0
    client_cpu = time.process_time() - client0
    server_cpu = (_tree_cpu(server_pid) - server0) if server_pid else float("nan")
    everything = [x for xs in lat.values() for x in xs]
    n = max(1, len(everything))
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": len(everything),
        "req_per_s": round(len(everything) / wall, 1),
        "p50_ms": round(_pct(everything, 50) * 1000, 1),
        "p99_ms": round(_pct(everything, 99) * 1000, 1),
        "max_ms": round(max(everything, default=0) * 1000, 1),
        "errors": sum(errors.values()),
        "server_cpu_ms_per_request": round(server_cpu / n * 1000, 2),
        "client_cpu_ms_per_request": round(client_cpu / n * 1000, 2),
        "loadavg_before": load0,
        "loadavg_after": _loadavg(),
        "by_page": {
            k: {"requests": len(v), "req_per_s": round(len(v) / wall, 1), "p50_ms": round(_pct(v, 50) * 1000, 1),
                "p99_ms": round(_pct(v, 99) * 1000, 1), "errors": errors[k]}
            for k, v in lat.items()
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles in the corpus")
    ap.add_argument("--db", type=Path, help="serve this database as it is instead of building one")
    ap.add_argument("--analysis", choices=["none", "no-claims", "full"], default="no-claims",
                    help="analyse a copy of the corpus first so story pages exist (full = with claims)")
    ap.add_argument("--reanalyze", action="store_true",
                    help="bring an already analysed copy to this newstrace's analysis version first")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--pairs", type=int, default=60, help="compare pairs in the working set")
    ap.add_argument("--timeout", type=float, default=30.0, help="per-request timeout (s)")
    ap.add_argument("--workers", type=int, default=None, help="serve --workers (default: serve's own default)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mix-all", action="store_true", help="also full-text article search")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    args.clients = min(args.clients, 200)
    args.seconds = min(args.seconds, 600.0)

    OUT.mkdir(parents=True, exist_ok=True)
    if args.db is None:
        db, info = build_db(args.n, OUT / f"web-{args.n}.db", args.analysis, args.reanalyze)
    else:
        db, info = args.db, {"db": str(args.db)}
    urls = working_set(db, args.pairs, args.seed)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "newstrace.cli.main", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    if args.workers is not None:
        cmd += ["--workers", str(args.workers)]
    # the server's messages go to a file: a pipe nobody reads would stall it once full
    log = (OUT / "serve.log").open("wb")
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        _wait(base, server)
        # every page of the working set once, sequentially: the cold requests are measured here,
        # the load phase then measures the steady state
        warm_urls = [u for k, _ in (MIX_ALL if args.mix_all else MIX) for u in urls.get(k, [])]
        warm = asyncio.run(_warm(base, warm_urls, args.timeout))
        load = asyncio.run(_load(base, urls, args.clients, args.seconds, args.timeout, args.seed, args.mix_all,
                                 server.pid))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    result = {"corpus": info, "workers": args.workers, "working_set": {k: len(v) for k, v in urls.items()},
              "warmup_cold": warm, "load": load, "target": {"errors": 0, "p99_ms": 500}}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"corpus {info}")
        print(f"working set {result['working_set']}")
        print(f"warm-up (every page of the working set once, sequential): {warm}")
        print(f"load: {load['clients']} clients, {load['seconds']} s: {load['req_per_s']} req/s, "
              f"p50 {load['p50_ms']} ms, p99 {load['p99_ms']} ms, max {load['max_ms']} ms, {load['errors']} errors; "
              f"CPU/request server {load['server_cpu_ms_per_request']} ms, client {load['client_cpu_ms_per_request']} ms; "
              f"load average {load['loadavg_before']} -> {load['loadavg_after']}")
        for k, v in load["by_page"].items():
            print(f"  {k:12} {v}")
    return 0


def _wait(base: str, server: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {(OUT / 'serve.log').read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not start within 60 s")


if __name__ == "__main__":
    raise SystemExit(main())
