"""Run the atheris targets for a bounded number of inputs: short in CI, long locally.

    .venv/bin/python tests/fuzz/run.py                 # every target, CI setting
    NEWSTRACE_FUZZ_RUNS=200000 NEWSTRACE_FUZZ_SECONDS=1800 .venv/bin/python tests/fuzz/run.py html warc

Each target starts from a seed corpus generated from the seed articles (good and malformed files)
plus the committed regression inputs in ``regressions/<target>/``. A crash (an exception that is
not a ``NewstraceError``, a broken invariant, a hang over ``NEWSTRACE_FUZZ_TIMEOUT`` seconds or a
memory blow-up over 2 GB) leaves its input under the artifact folder and fails the run; once fixed,
the input goes into ``regressions/<target>/`` so that every later run replays it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from fuzz.targets import TARGETS, env_int, seed_corpus  # noqa: E402

REGRESSIONS = HERE / "regressions"
#: CI defaults: a few hundred inputs per target keeps the whole run to about a minute
RUNS = env_int("NEWSTRACE_FUZZ_RUNS", 400)
SECONDS = env_int("NEWSTRACE_FUZZ_SECONDS", 60)
TIMEOUT = env_int("NEWSTRACE_FUZZ_TIMEOUT", 60)


@dataclass
class Outcome:
    target: str
    runs: int
    returncode: int
    artifacts: list[Path]
    log_tail: str

    @property
    def crashed(self) -> bool:
        return self.returncode != 0 or bool(self.artifacts)


def regression_inputs(target: str) -> list[Path]:
    folder = REGRESSIONS / target
    return sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []


def run_target(target: str, *, runs: int = RUNS, seconds: int = SECONDS, artifacts: Path | None = None) -> Outcome:
    work = Path(tempfile.mkdtemp(prefix=f"nt-fuzz-{target}-"))
    corpus = work / "corpus"
    corpus.mkdir()
    for name, data in seed_corpus(target).items():
        (corpus / name).write_bytes(data)
    for p in regression_inputs(target):
        shutil.copy(p, corpus / f"regression-{p.name}")
    art = artifacts or work / "artifacts"
    art.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        str(HERE / "fuzz.py"),
        target,
        f"-runs={runs}",
        f"-max_total_time={seconds}",
        f"-timeout={TIMEOUT}",
        "-rss_limit_mb=2048",
        "-max_len=65536",
        f"-artifact_prefix={art}/{target}-",
        "-print_final_stats=1",
        str(corpus),
    ]
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    log = p.stdout + p.stderr
    done = re.findall(r"#(\d+)\s+DONE", log) or re.findall(r"stat::number_of_executed_units:\s*(\d+)", log)
    executed = int(done[-1]) if done else 0
    found = sorted(art.glob(f"{target}-*"))
    outcome = Outcome(target, executed, p.returncode, found, "\n".join(log.strip().splitlines()[-40:]))
    if not outcome.crashed:
        shutil.rmtree(work, ignore_errors=True)
    return outcome


def main(argv: list[str]) -> int:
    targets = argv or list(TARGETS)
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        print(f"unknown target(s) {', '.join(unknown)}; choose from {', '.join(TARGETS)}", file=sys.stderr)
        return 2
    failed = 0
    for t in targets:
        o = run_target(t)
        status = "CRASH" if o.crashed else "ok"
        print(f"{t:8} {status:5} {o.runs:>8} inputs" + (f"  artifacts: {', '.join(map(str, o.artifacts))}" if o.artifacts else ""))
        if o.crashed:
            failed += 1
            print(o.log_tail, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
