"""Determinism: the same input gives byte-identical ``--json`` output, run after run.

Each command runs twice in fresh processes with different ``PYTHONHASHSEED`` values, so set and
dict-of-set iteration orders differ between the runs; the input holds exact duplicates under
different ids (the same RT report as .txt, .html and a JSONL record), where ties in sorting show.
Commands that have not landed yet are skipped by name. Equality across the local and the Spark
engine (``stories``, ``threads``, ``outlets``, ``story ID``) is in ``tests/test_spark_parity.py``.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fuzz.samples import good_files, write_all

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FNC_BODIES = ROOT.parent / "shared" / "data" / "fnc1" / "train_bodies.csv"
NEWSTRACE = [sys.executable, "-m", "newstrace.cli.main"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("determinism")
    files = good_files()
    write_all(folder, {k: files[k] for k in ("rt.html", "both.jsonl")})
    for p in EXAMPLES.iterdir():
        (folder / p.name).write_bytes(p.read_bytes())
    if FNC_BODIES.exists():  # a few unrelated real articles, so grouping has something to separate
        with FNC_BODIES.open(encoding="utf-8", newline="") as fh:
            rows = [r for _, r in zip(range(12), csv.DictReader(fh), strict=False)]
        with (folder / "fnc.jsonl").open("w", encoding="utf-8") as out:
            for r in rows:
                out.write(json.dumps({"id": f"fnc-{r['Body ID']}", "text": r["articleBody"]}) + "\n")
    return folder


def _registered(name: str) -> bool:
    from newstrace.cli.app import app
    from newstrace.cli.main import main  # noqa: F401  registers every command module

    return name in {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}


def _run(args: list[str], seed: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("NEWSTRACE_DB", None)
    return subprocess.run([*NEWSTRACE, *args], capture_output=True, env=env, cwd=cwd, timeout=900)


COMMANDS = {
    "extract": ["extract", "{in}", "--json"],
    "reuse": ["reuse", "{in}", "--json"],
    "compare": ["compare", "{in}", "--json", "-"],
    "stories": ["stories", "--db", "{db}", "--json"],
}


@pytest.mark.slow
@pytest.mark.parametrize("command", list(COMMANDS))
def test_json_output_is_byte_identical_across_runs(command: str, inputs: Path, tmp_path: Path) -> None:
    if not _registered(command):
        pytest.skip(f"no 'newstrace {command}' command yet; this test runs once it is registered")
    outputs = []
    for seed in ("1", "4242"):
        db = tmp_path / f"{seed}.db"
        if "{db}" in " ".join(COMMANDS[command]):
            assert _run(["ingest", str(inputs), "--db", str(db)], seed, tmp_path).returncode == 0
            if _registered("analyze"):
                assert _run(["analyze", "--db", str(db)], seed, tmp_path).returncode == 0
        args = [a.replace("{in}", str(inputs)).replace("{db}", str(db)) for a in COMMANDS[command]]
        p = _run(args, seed, tmp_path)
        assert p.returncode == 0, p.stderr.decode(errors="replace")[-2000:]
        json.loads(p.stdout)  # one JSON document
        outputs.append(p.stdout)
    assert outputs[0] == outputs[1], f"'newstrace {command} --json' differs between runs"


@pytest.mark.slow
def test_compare_html_report_is_byte_identical(inputs: Path, tmp_path: Path) -> None:
    if not _registered("compare"):
        pytest.skip("no 'newstrace compare' command yet")
    reports = []
    for seed in ("1", "4242"):
        out = tmp_path / f"report-{seed}.html"
        p = _run(["compare", str(inputs), "--html", str(out)], seed, tmp_path)
        assert p.returncode == 0, p.stderr.decode(errors="replace")[-2000:]
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]
