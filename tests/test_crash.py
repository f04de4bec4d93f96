"""Crash safety: SIGKILL ``newstrace ingest`` (and ``analyze``) at random moments, then check the store.

For every trial: the database passes ``PRAGMA integrity_check``; no article is stored twice or
half-written (each stored row equals the clean article); everything the killed run reported as
committed (``ingest -v`` prints ``committed N`` only after the commit) is there; and a re-run
completes and ends with exactly the corpus. Some trials kill the re-run too before a final run.

The corpus is a few thousand real article bodies (FNC-1's 1,683 bodies, each as two outlets'
copies) when ../shared/data is present, else the same number of articles assembled from the seeds.
``NEWSTRACE_KILL_TRIALS`` sets the number of trials (30 by default, more for a long local run).

``analyze`` is killed in chains on one database each (kill, check, resume and kill again, then
finish and compare with an uninterrupted run); ``NEWSTRACE_KILL_ANALYZE_*`` set its size (below).
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
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


#: CI: a slice of the corpus, short batches, two chains of kills. The long local setting is
#: NEWSTRACE_KILL_ANALYZE_TRIALS=34 NEWSTRACE_KILL_ANALYZE_ARTICLES=3366 NEWSTRACE_KILL_ANALYZE_BATCH=50
#: NEWSTRACE_KILL_ANALYZE_CHAINS=1
ANALYZE_ARTICLES = int(os.environ.get("NEWSTRACE_KILL_ANALYZE_ARTICLES", "240"))
ANALYZE_TRIALS = int(os.environ.get("NEWSTRACE_KILL_ANALYZE_TRIALS", "30"))
ANALYZE_CHAINS = int(os.environ.get("NEWSTRACE_KILL_ANALYZE_CHAINS", "2"))
ANALYZE_BATCH = int(os.environ.get("NEWSTRACE_KILL_ANALYZE_BATCH", "8"))
#: how the kills of a chain are placed, in turn: from start-up on (often before any commit),
#: while SQLite writes the WAL or the database (a commit or a spill), and anywhere mid-batch
KILL_MODES = ("start-up", "on write", "mid-batch", "mid-batch")
#: per-article result tables, and the columns naming the article(s) a row belongs to
PER_ARTICLE = {
    "quotes": ("article",),
    "quantities": ("article",),
    "reuse_keys": ("article",),
    "memberships": ("article",),
    "reuse_pairs": ("a", "b"),
    "passages": ("a", "b"),
}


class Observer:
    """A concurrent reader (as ``newstrace stories`` would be) polling what analyze has committed.

    ``analyze`` reports progress only on a terminal, so "reported as committed" is taken to be what
    another connection could already read: every article it saw marked analysed must survive the kill.
    """

    def __init__(self, db: Path, query: str = "SELECT article FROM analysis", *, restart: bool = False) -> None:
        self.db, self.query, self.seen, self._stop = db, query, frozenset[str](), threading.Event()
        self.changed: list[float] = []  # when a new commit was seen (monotonic seconds)
        self._before: int | None = None
        self.poll()  # what was committed before the process starts
        self.changed.clear()  # that is no commit of this run
        if restart:  # a run that starts over (``--recluster``) first clears what ``query`` reads:
            # until a poll shows fewer rows than now, it reads the old state, not this run's commits
            self._before, self.seen = len(self.seen), frozenset()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(0.02)

    def poll(self) -> None:
        try:
            with contextlib.closing(sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=1)) as conn:
                seen = frozenset(r[0] for r in conn.execute(self.query))
        except sqlite3.Error:
            return
        if self._before is not None:
            if len(seen) >= self._before:
                return
            self._before = None
        if len(seen) > len(self.seen):
            self.changed.append(time.monotonic())
        if len(seen) >= len(self.seen):
            self.seen = seen

    def batch_seconds(self, default: float) -> float:
        """How long the last batch took, from the commits seen (``default`` before two)."""
        return self.changed[-1] - self.changed[-2] if len(self.changed) >= 2 else default

    def stop(self) -> frozenset[str]:
        self._stop.set()
        self._thread.join(timeout=10)
        return self.seen


def _file_state(db: Path) -> tuple[tuple[int, int], ...]:
    out = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(f"{db}{suffix}")
            out.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            out.append((-1, -1))
    return tuple(out)


@dataclass
class Timing:
    first_commit: float  # seconds from start to the first committed batch (start-up included)
    batch: float  # seconds per batch after that


def kill_analyze(
    args: list[str],
    db: Path,
    mode: str,
    batches: int,
    batch: int,
    rng: random.Random,
    timing: Timing,
    obs: Observer | None = None,
) -> tuple[int, frozenset[str]]:
    """Run the real ``newstrace analyze`` and SIGKILL it as ``mode`` says; returns the exit code and
    what a concurrent reader saw committed before the kill.

    "start-up": a random moment up to the first commit of an uninterrupted run. The others wait
    until ``batches`` batches of this run are seen committed (progress, not wall time, so machine
    load does not change where the kills land), then "on write" kills at the next write to the WAL
    or the database file, "mid-batch" at a random moment within the next batch's expected time.
    ``obs`` watches the commits (default: the analysed articles).
    """
    env = {k: v for k, v in os.environ.items() if k != "NEWSTRACE_DB"}
    obs = obs or Observer(db)
    target = len(obs.seen) + batches * batch
    proc = subprocess.Popen(
        [*NEWSTRACE, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    t0 = time.monotonic()

    def running() -> bool:
        return proc.poll() is None and time.monotonic() - t0 < 1800

    if mode == "start-up":
        time.sleep(rng.uniform(0, timing.first_commit))
    else:
        while running() and len(obs.seen) < target:
            time.sleep(0.005)
        if mode == "on write":
            state = _file_state(db)
            while running() and _file_state(db) == state:
                time.sleep(0.0005)
        else:
            time.sleep(rng.uniform(0, obs.batch_seconds(timing.batch)))
    seen = obs.seen
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(signal.SIGKILL)
    rc = proc.wait()
    with contextlib.suppress(ProcessLookupError, PermissionError):  # stray worker processes, if any
        os.killpg(proc.pid, signal.SIGKILL)
    obs.stop()
    return rc, seen


def _rows_by_article(db: Path, table: str) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        cols = tuple(r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in VOLATILE)
        return cols, sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)


def check_after_analyze_kill(
    db: Path, order: list[str], batch: int, seen: frozenset[str], reference: Path
) -> int:
    """The invariants a killed ``analyze`` must leave; returns how many articles are analysed."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        analysed = [r[0] for r in conn.execute("SELECT article FROM analysis")]
    done = len(analysed)
    assert done == len(set(analysed))
    # whole batches, in stream order: a batch is committed entirely or not at all
    assert done % batch == 0 or done == len(order), f"{done} analysed: not a whole number of batches of {batch}"
    assert set(analysed) == set(order[:done]), "the analysed articles are not the first batches of the stream"
    lost = seen - set(analysed)
    assert not lost, f"{len(lost)} article(s) a reader saw analysed before the kill are not analysed after it"
    # every per-article result of the analysed articles is there, exactly as an uninterrupted run
    # computes it, and nothing of the others: no duplicate, no orphan, no half-written batch
    done_set = set(analysed)
    for table, keys in PER_ARTICLE.items():
        cols, got = _rows_by_article(db, table)
        cols_ref, want = _rows_by_article(reference, table)
        assert cols == cols_ref
        idx = [cols.index(k) for k in keys]
        if table == "memberships":  # the story an article is in may still change by a later merge
            got_ids = sorted(str(r[idx[0]]) for r in got)
            assert got_ids == sorted(done_set), "memberships are not exactly those of the analysed articles"
            continue
        want_here = [r for r in want if all(r[i] in done_set for i in idx)]
        assert got == want_here, f"{table}: rows of the analysed articles differ from an uninterrupted run's"
    return done


def _reused_reference(path: Path, ref: Path) -> tuple[Timing, float]:
    """Copy a kept reference database; its batch timing comes from its ``analysed_at`` stamps."""
    shutil.copyfile(path, ref)
    with contextlib.closing(sqlite3.connect(ref)) as conn:
        stamps = sorted({datetime.fromisoformat(r[0]).timestamp() for r in conn.execute("SELECT analysed_at FROM analysis")})
    gaps = sorted(b - a for a, b in itertools.pairwise(stamps)) or [1.0]
    batch = max(gaps[len(gaps) // 2], 0.1)
    return Timing(batch + 3.0, batch), stamps[-1] - stamps[0] + batch


@dataclass
class Analysed:
    """A slice of the corpus ingested (``template``) and analysed by one uninterrupted run (``ref``)."""

    template: Path
    ref: Path
    order: list[str]  # stream order: the order analyze takes the articles in
    timing: Timing
    full: float  # seconds the uninterrupted run took
    expected: dict[str, list[tuple[object, ...]]]  # ``dump_results(ref)``
    batches: int  # of ANALYZE_BATCH articles


@pytest.fixture(scope="module")
def analysed(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Analysed:
    if not _analyze_registered():
        pytest.skip("no 'newstrace analyze' command yet (corpus stage); this test runs once it is registered")
    tmp = tmp_path_factory.mktemp("analyse")
    small = tmp / "small.jsonl"
    step = max(len(corpus.ids) // ANALYZE_ARTICLES, 1)
    with corpus.path.open(encoding="utf-8") as src, small.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i % step == 0 and i // step < ANALYZE_ARTICLES:
                dst.write(line)
    template = tmp / "ingested.db"
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["ingest", str(small), "--db", str(template)]) == 0
    assert not Path(f"{template}-wal").exists()  # closed and checkpointed: the file is the database
    with contextlib.closing(sqlite3.connect(template)) as conn:
        order = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY published IS NULL, published, id")]
    n_batches = -(-len(order) // ANALYZE_BATCH)
    assert n_batches >= 3, "too few batches to kill a run between them"
    ref = tmp / "reference.db"
    shutil.copyfile(template, ref)
    reuse = os.environ.get("NEWSTRACE_KILL_ANALYZE_REFERENCE")
    if reuse:  # long local runs: an uninterrupted run of this test kept from before (same corpus and batch)
        timing, full = _reused_reference(Path(reuse), ref)
    else:
        obs = Observer(ref)
        t0 = time.monotonic()
        proc = subprocess.Popen(
            [*NEWSTRACE, "analyze", "--batch", str(ANALYZE_BATCH), "--db", str(ref)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        while proc.poll() is None and not obs.seen:
            time.sleep(0.01)
        first_commit = time.monotonic() - t0
        _, stderr = proc.communicate()
        full = time.monotonic() - t0
        obs.stop()
        assert proc.returncode == 0, stderr.decode(errors="replace")
        timing = Timing(first_commit, max(full - first_commit, 0.1) / max(n_batches - 1, 1))
    expected = dump_results(ref)
    assert len(expected["analysis"]) == len(order)
    assert expected["articles"] == dump_results(template)["articles"], "the reference analysed other articles"
    return Analysed(template, ref, order, timing, full, expected, n_batches)


@pytest.mark.slow
@pytest.mark.timeout(7200)
def test_sigkill_analyze_keeps_results_consistent(analysed: Analysed, tmp_path: Path) -> None:
    """Chains of kills: kill ``analyze``, check, resume and kill again on the same database, and so
    on; then let it finish and compare every table with an uninterrupted run's.

    Each chain is one database taken through the whole corpus by killed runs, so ``a killed run
    resumes`` is exercised at every stage of the analysis (early batches, a large clustering state
    late in the run), and the trials cost about one full analysis per chain instead of one per kill.
    The killed runs and the reference are real processes; the final run of each chain goes through
    ``main`` in this process.
    """
    t_start = time.monotonic()
    analyze = ["analyze", "--batch", str(ANALYZE_BATCH)]
    order, ref, timing, full, expected = analysed.order, analysed.ref, analysed.timing, analysed.full, analysed.expected
    n_articles, n_batches = len(order), analysed.batches

    def fresh(name: str) -> Path:
        db = tmp_path / name
        shutil.copyfile(analysed.template, db)
        return db

    rng = random.Random(int(os.environ.get("NEWSTRACE_KILL_SEED", "20161030")))
    outcomes = {"before its first commit": 0, "mid-run": 0, "finished before the kill": 0}
    by_mode = dict.fromkeys(KILL_MODES, 0)
    verified = 0  # articles a reader saw committed before a kill, checked present after it
    kills = chains = 0
    per_chain_kills: list[int] = []
    per_chain = -(-ANALYZE_TRIALS // ANALYZE_CHAINS)
    while kills < ANALYZE_TRIALS:  # a chain that runs out of batches hands its kills to a new one
        db = fresh(f"chain{chains}.db")
        budget = min(per_chain, ANALYZE_TRIALS - kills)
        done = k = 0
        while k < budget:
            # spread the chain's kills over its batches, leaving at least one for the final run
            left = n_batches - done // ANALYZE_BATCH - 1
            if left < 1:
                break
            mode = KILL_MODES[(k + chains) % len(KILL_MODES)]
            batches = _batches_before_kill(left, budget - k, rng)
            rc, seen = kill_analyze([*analyze, "--db", str(db)], db, mode, batches, ANALYZE_BATCH, rng, timing)
            k += 1
            kills += 1
            by_mode[mode] += 1
            before = done
            done = check_after_analyze_kill(db, order, ANALYZE_BATCH, seen, ref)
            verified += len(seen)
            if rc == 0:
                outcomes["finished before the kill"] += 1
                break
            outcomes["before its first commit" if done == before else "mid-run"] += 1
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            assert main([*analyze, "--db", str(db), "--json"]) == 0, err.getvalue()
        assert json.loads(out.getvalue())["analysed"] == n_articles - done
        diff = differing_tables(db, expected)
        assert not diff, f"chain {chains}: after {k} kill(s) the finished analysis differs from an uninterrupted one in {diff}"
        chains += 1
        per_chain_kills.append(k)
    wall = time.monotonic() - t_start
    print(
        f"\n{kills} SIGKILLs of analyze in {chains} chain(s) {per_chain_kills} on {n_articles} articles "
        f"(batches of {ANALYZE_BATCH}; uninterrupted run {full:.0f} s): {outcomes}; by placement {by_mode}; "
        f"{verified} reader-seen analysed articles verified after kills; {wall:.0f} s in all"
    )
    assert outcomes["mid-run"] >= kills // 3, outcomes  # most kills really hit a running analysis


def _batches_before_kill(left: int, kills_left: int, rng: random.Random) -> int:
    """How many committed batches to wait for before the next kill, spreading ``kills_left`` kills
    over the ``left`` batches (the final run keeps at least one)."""
    # a kill after the wait often lands after one more commit: aim that much lower
    mean = max(left / kills_left - 0.7, 1.0)
    return min(left, max(1, round(rng.uniform(0.5, 2 * mean - 0.5))))


#: kills of ``analyze --recluster``, in one chain through the rebuild of the reference's stories
RECLUSTER_TRIALS = int(os.environ.get("NEWSTRACE_KILL_RECLUSTER_TRIALS", "10"))
#: the articles a rebuild has placed (committed with their batch)
PLACED = "SELECT article FROM analysis WHERE clustered=1"


def check_after_recluster_kill(db: Path, analysed: Analysed, seen: frozenset[str]) -> int:
    """The invariants a killed rebuild must leave; returns how many articles are placed.

    Before the rebuild's first commit and after its last, the database is the reference: the
    rebuild with the same models builds what the uninterrupted analysis built. In between, the
    placed articles are whole batches in stream order, each in exactly one story, the others in
    none, and the results that do not depend on stories (reuse pairs, passages, claims) are all
    still there, untouched.
    """
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        analysed_ids = sorted(r[0] for r in conn.execute("SELECT article FROM analysis"))
        placed = [r[0] for r in conn.execute(PLACED)]
        members = sorted(r[0] for r in conn.execute("SELECT article FROM memberships"))
    assert analysed_ids == sorted(analysed.order), "a killed rebuild lost analysed articles"
    lost = seen - set(placed)
    assert not lost, f"{len(lost)} article(s) a reader saw placed before the kill are not placed after it"
    done = len(placed)
    if done == len(analysed.order):
        diff = differing_tables(db, analysed.expected)
        assert not diff, f"all articles are placed but the database differs from the reference in {diff}"
        return done
    assert done % ANALYZE_BATCH == 0, f"{done} placed: not a whole number of batches of {ANALYZE_BATCH}"
    assert set(placed) == set(analysed.order[:done]), "the placed articles are not the first batches of the stream"
    assert members == sorted(placed), "memberships are not exactly those of the placed articles"
    for table in PER_ARTICLE:
        if table != "memberships":
            assert _rows_by_article(db, table) == _rows_by_article(analysed.ref, table), f"the rebuild changed {table}"
    return done


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_sigkill_recluster_resumes_the_rebuild(analysed: Analysed, tmp_path: Path) -> None:
    """Kill ``analyze --recluster`` on an analysed database, then the plain ``analyze`` runs that
    resume the rebuild, and check after each kill; the finished rebuild is the reference again.

    A kill before the rebuild's first commit leaves the old stories, and the next run asks for the
    rebuild again; once it has started (the stories are cleared), a plain ``analyze`` finishes it.
    """
    t_start = time.monotonic()
    db = tmp_path / "rebuilt.db"
    shutil.copyfile(analysed.ref, db)
    n = len(analysed.order)
    rng = random.Random(int(os.environ.get("NEWSTRACE_KILL_SEED", "20161030")) + 1)
    outcomes = {"before its first commit": 0, "mid-run": 0, "finished before the kill": 0}
    by_mode = dict.fromkeys(KILL_MODES, 0)
    started = False  # the rebuild has cleared the stories: from then on a plain analyze resumes it
    done = n
    verified = k = 0
    while k < RECLUSTER_TRIALS:
        left = analysed.batches - (done // ANALYZE_BATCH if started else 0) - 1
        if left < 1:
            break
        mode = KILL_MODES[k % len(KILL_MODES)]
        args = ["analyze", "--batch", str(ANALYZE_BATCH), "--db", str(db), *([] if started else ["--recluster"])]
        obs = Observer(db, PLACED, restart=not started)
        batches = _batches_before_kill(left, RECLUSTER_TRIALS - k, rng)
        rc, seen = kill_analyze(args, db, mode, batches, ANALYZE_BATCH, rng, analysed.timing, obs)
        k += 1
        by_mode[mode] += 1
        before = done if started else 0
        done = check_after_recluster_kill(db, analysed, seen)
        verified += len(seen)
        started = started or done < n or rc == 0
        if rc == 0:
            outcomes["finished before the kill"] += 1
            break
        outcomes["mid-run" if started and done > before else "before its first commit"] += 1
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        args = ["analyze", "--batch", str(ANALYZE_BATCH), "--db", str(db), "--json"]
        assert main([*args, *([] if started else ["--recluster"])]) == 0, err.getvalue()
    report = json.loads(out.getvalue())
    assert report["analysed"] == 0 and report["warnings"] == [], report
    assert report.get("reclustered", 0) == (n - done if started else n), report
    diff = differing_tables(db, analysed.expected)
    assert not diff, f"after {k} kill(s) the finished rebuild differs from the reference in {diff}"
    print(
        f"\n{k} SIGKILLs of analyze --recluster on {n} articles (batches of {ANALYZE_BATCH}): {outcomes}; "
        f"by placement {by_mode}; {verified} reader-seen placed articles verified after kills; "
        f"{time.monotonic() - t_start:.0f} s in all"
    )
    assert outcomes["mid-run"] >= k // 3, outcomes


#: columns that legitimately differ between two runs (wall-clock stamps)
VOLATILE = ("ingested_at", "created_at", "updated_at", "analyzed_at", "analysed_at", "started_at", "finished_at", "seconds")


def differing_tables(db: Path, expected: dict[str, list[tuple[object, ...]]]) -> list[str]:
    """The tables of ``expected`` (a ``dump_results``) whose rows differ in ``db``."""
    got = dump_results(db)
    return sorted(t for t in expected if got.get(t) != expected[t])


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
