"""Crash safety: SIGKILL ``newstrace ingest`` (and ``analyze``) at random moments, then check the store.

For every trial: the database passes ``PRAGMA integrity_check``; no article is stored twice or
half-written (each stored row equals the clean article); everything the killed run reported as
committed (``ingest -v`` prints ``committed N`` only after the commit) is there; and a re-run
completes and ends with exactly the corpus. Some trials kill the re-run too before a final run.

The corpus is a few thousand real article bodies (FNC-1's 1,683 bodies, each as two outlets'
copies) when ../shared/data is present, else the same number of articles assembled from the seeds.
``NEWSTRACE_KILL_TRIALS`` sets the number of trials (30 by default, more for a long local run).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fuzz.samples import seeds
from newstrace.cli.main import main
from newstrace.ingest import read_inputs
from newstrace.store.sqlite import content_hash

ROOT = Path(__file__).resolve().parents[1]
FNC_BODIES = ROOT.parent / "shared" / "data" / "fnc1" / "train_bodies.csv"
TRIALS = int(os.environ.get("NEWSTRACE_KILL_TRIALS", "30"))
BATCH = 100  # ~34 commits per run, so kills land before, between and inside transactions
NEWSTRACE = [sys.executable, "-m", "newstrace.cli.main"]
#: ``newstrace ingest`` with only the ingest command registered: the same Typer app and command
#: code, without the 2 s of importing every other stage (spaCy, ...) per killed process
INGEST_ONLY = [
    sys.executable,
    "-c",
    "import sys, newstrace.cli.ingest; from newstrace.cli.app import app; sys.exit(app(prog_name='newstrace'))",
]


@dataclass
class Corpus:
    path: Path
    ids: list[str]  # in reading order: the first N are what "committed N" promises
    hashes: dict[str, str] = field(default_factory=dict)


def _records() -> list[dict[str, str]]:
    if FNC_BODIES.exists():
        with FNC_BODIES.open(encoding="utf-8", newline="") as fh:
            bodies = [(r["Body ID"], r["articleBody"]) for r in csv.DictReader(fh)]
    else:  # no shared data: as many articles again, assembled from the seed paragraphs
        rng = random.Random(7)
        paras = [p for s in seeds() for p in s.paragraphs]
        bodies = [(str(i), "\n\n".join(rng.sample(paras, 4))) for i in range(1683)]
    return [
        {"id": f"fnc-{bid}-{copy}", "outlet": f"outlet{copy}.example", "published": "2017-01-0" + str(1 + copy), "text": text}
        for copy in range(2)
        for bid, text in bodies
    ]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    path = tmp_path_factory.mktemp("kill") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in _records():
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    arts = list(read_inputs([path]))
    c = Corpus(path, [a.id for a in arts], {a.id: content_hash(a) for a in arts})
    assert len(c.ids) == len(set(c.ids)) >= 3000
    return c


@dataclass
class Killed:
    reported: int  # the largest N of a "committed N" line before the kill
    returncode: int
    elapsed: float


def run_and_kill(
    args: list[str],
    delay: float,
    *,
    after_first_commit: bool,
    env: dict[str, str] | None = None,
    ready: Callable[[], bool] | None = None,
) -> Killed:
    """Start the real CLI, SIGKILL it ``delay`` seconds after start (or after its first commit)."""
    env = {**os.environ, **(env or {})}
    env.pop("NEWSTRACE_DB", None)
    start = time.monotonic()
    cli = INGEST_ONLY if args[0] == "ingest" else NEWSTRACE
    proc = subprocess.Popen([*cli, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    reported = 0
    first_commit = threading.Event()

    def watch() -> None:
        nonlocal reported
        assert proc.stderr is not None
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith("committed "):
                reported = max(reported, int(line.split()[1]))
                first_commit.set()

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    if after_first_commit:
        first_commit.wait(timeout=120)
    if ready is not None:  # e.g. the database shows a first committed batch
        while proc.poll() is None and not ready() and time.monotonic() - start < 300:
            time.sleep(0.05)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(signal.SIGKILL)
    rc = proc.wait()
    t.join(timeout=10)
    return Killed(reported, rc, time.monotonic() - start)


def rows(db: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT id, content_hash FROM articles ORDER BY seq").fetchall()


def check_after_kill(db: Path, corpus: Corpus, reported: int) -> set[str]:
    """Integrity, no duplicates, nothing half-written, everything reported is there."""
    if not db.exists():
        assert reported == 0
        return set()
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE name='articles'").fetchone()
    if not has_table:  # killed while the schema was being created: nothing was committed
        assert reported == 0
        return set()
    stored = rows(db)
    ids = [i for i, _ in stored]
    assert len(ids) == len(set(ids)), "an article was stored twice"
    for i, h in stored:
        assert corpus.hashes.get(i) == h, f"{i} is stored but differs from its input (half-written?)"
    missing = set(corpus.ids[:reported]) - set(ids)
    assert not missing, f"{len(missing)} article(s) reported committed are gone"
    # commits are whole batches in reading order: what is stored is a prefix of the input
    assert ids == corpus.ids[: len(ids)]
    assert len(ids) % BATCH == 0 or len(ids) == len(corpus.ids)
    return set(ids)


def rerun(db: Path, corpus: Corpus) -> dict[str, int]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["ingest", str(corpus.path), "--db", str(db), "--json", "--batch-size", str(BATCH)])
    assert code == 0, err.getvalue()
    doc: dict[str, int] = json.loads(out.getvalue())
    return doc


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_sigkill_ingest_loses_nothing_committed(corpus: Corpus, tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("NEWSTRACE_KILL_SEED", "20161030")))
    db0 = tmp_path / "reference.db"
    t0 = time.monotonic()
    # one uninterrupted run gives the time scale for the random kill moments
    p = subprocess.run(
        [*INGEST_ONLY, "ingest", str(corpus.path), "--db", str(db0), "-v", "--batch-size", str(BATCH)],
        capture_output=True,
        text=True,
    )
    full = time.monotonic() - t0
    assert p.returncode == 0, p.stderr
    assert [i for i, _ in rows(db0)] == corpus.ids

    outcomes = {"before first commit": 0, "mid-run": 0, "finished before the kill": 0}
    reported_total = 0
    for trial in range(TRIALS):
        db = tmp_path / f"trial{trial}.db"
        early = trial % 3 == 0  # a third of the kills may land during start-up or the first batch
        delay = rng.uniform(0, full) if early else rng.uniform(0, max(full * 0.6, 0.5))
        k = run_and_kill(
            ["ingest", str(corpus.path), "--db", str(db), "-v", "--batch-size", str(BATCH)],
            delay,
            after_first_commit=not early,
        )
        present = check_after_kill(db, corpus, k.reported)
        reported_total += k.reported
        if k.returncode == 0:
            outcomes["finished before the kill"] += 1
        elif not present:
            outcomes["before first commit"] += 1
        else:
            outcomes["mid-run"] += 1
        if trial % 4 == 1 and k.returncode != 0:  # kill the re-run as well
            k2 = run_and_kill(
                ["ingest", str(corpus.path), "--db", str(db), "-v", "--batch-size", str(BATCH)],
                rng.uniform(0, full * 0.3),
                after_first_commit=True,
            )
            present = check_after_kill(db, corpus, max(k2.reported, len(present)))
        doc = rerun(db, corpus)
        assert doc["updated"] == 0, "a re-run found a stored article different from its input"
        assert doc["unchanged"] == len(present) and doc["added"] == len(corpus.ids) - len(present)
        assert [i for i, _ in rows(db)] == corpus.ids
        assert check_after_kill(db, corpus, len(corpus.ids)) == set(corpus.ids)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    print(f"\n{TRIALS} SIGKILL trials on {len(corpus.ids)} articles: {outcomes}; {reported_total} reported commits verified")
    assert outcomes["mid-run"] >= TRIALS // 3, outcomes  # most kills really hit a running ingest


def _analyze_registered() -> bool:
    from newstrace.cli.app import app

    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    return "analyze" in names


#: CI: a slice of the corpus and short batches; NEWSTRACE_KILL_ANALYZE_ARTICLES=3366 for the whole
ANALYZE_ARTICLES = int(os.environ.get("NEWSTRACE_KILL_ANALYZE_ARTICLES", "120"))
ANALYZE_TRIALS = int(os.environ.get("NEWSTRACE_KILL_ANALYZE_TRIALS", "8"))
ANALYZE_BATCH = 20


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_sigkill_analyze_keeps_results_consistent(
    corpus: Corpus, tmp_path: Path
) -> None:
    """Kill ``analyze`` at random moments; integrity holds, no result is duplicated or orphaned, and
    the resumed run ends with exactly the results of an uninterrupted run.

    The killed runs and the reference are real processes; the resumed runs go through ``main`` in
    this process, which keeps the spaCy model loaded between trials.
    """
    if not _analyze_registered():
        pytest.skip("no 'newstrace analyze' command yet (corpus stage); this test runs once it is registered")
    small = tmp_path / "small.jsonl"
    step = max(len(corpus.ids) // ANALYZE_ARTICLES, 1)
    with corpus.path.open(encoding="utf-8") as src, small.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i % step == 0:
                dst.write(line)
    analyze = ["analyze", "--batch", str(ANALYZE_BATCH)]

    def fresh(name: str) -> Path:
        db = tmp_path / name
        with contextlib.redirect_stderr(io.StringIO()):
            assert main(["ingest", str(small), "--db", str(db)]) == 0
        return db

    def resume(db: Path) -> None:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            assert main([*analyze, "--db", str(db), "--json"]) == 0, err.getvalue()

    def analysed(db: Path) -> int:
        try:
            with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
                return int(conn.execute("SELECT COUNT(*) FROM analysis").fetchone()[0])
        except sqlite3.Error:
            return 0

    ref = fresh("ref.db")
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [*NEWSTRACE, *analyze, "--db", str(ref)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    while proc.poll() is None and analysed(ref) == 0:
        time.sleep(0.05)
    first_commit = time.monotonic() - t0
    _, stderr = proc.communicate()
    full = time.monotonic() - t0
    assert proc.returncode == 0, stderr.decode(errors="replace")
    expected = dump_results(ref)
    n_articles = len(expected["articles"])
    assert len(expected["analysis"]) == n_articles
    rng = random.Random(int(os.environ.get("NEWSTRACE_KILL_SEED", "20161030")))
    mid_run = 0
    for trial in range(ANALYZE_TRIALS):
        db = fresh(f"a{trial}.db")
        if trial % 4 == 0:  # anywhere from start-up on
            k = run_and_kill([*analyze, "--db", str(db)], rng.uniform(0, full), after_first_commit=False)
        else:  # while batches are being analysed and committed
            k = run_and_kill(
                [*analyze, "--db", str(db)],
                rng.uniform(0, max(full - first_commit, 0.1)),
                after_first_commit=False,
                ready=lambda db=db: analysed(db) > 0,  # type: ignore[misc]
            )
        with contextlib.closing(sqlite3.connect(db)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            done = conn.execute("SELECT COUNT(*) FROM analysis").fetchone()[0]
            # results only for articles marked analysed: a batch is committed whole or not at all
            for table in ("quotes", "quantities", "memberships"):
                orphans = conn.execute(
                    f"SELECT COUNT(*) FROM {table} WHERE article NOT IN (SELECT article FROM analysis)"
                ).fetchone()[0]
                assert orphans == 0, f"{table}: results of an article whose batch did not commit"
        assert done % ANALYZE_BATCH == 0 or done == n_articles, done
        mid_run += 0 < done < n_articles and k.returncode != 0
        resume(db)
        assert dump_results(db) == expected, f"trial {trial}: resumed analysis differs from an uninterrupted one"
    print(f"\n{ANALYZE_TRIALS} SIGKILL trials of analyze on {n_articles} articles, {mid_run} mid-run")


#: columns that legitimately differ between two runs (wall-clock stamps)
VOLATILE = ("ingested_at", "created_at", "updated_at", "analyzed_at", "analysed_at", "started_at", "finished_at", "seconds")


def dump_results(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, without wall-clock columns or autoincrement keys."""
    out: dict[str, list[tuple[object, ...]]] = {}
    with contextlib.closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        for t in sorted(tables):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] not in VOLATILE and r[1] not in ("seq", "rowid")]
            if not cols:
                continue
            out[t] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr)
    return out
