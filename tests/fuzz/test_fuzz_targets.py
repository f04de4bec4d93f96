"""CI side of the fuzzing: every committed crash input replays cleanly, every target survives a
bounded atheris run (``NEWSTRACE_FUZZ_RUNS`` inputs, default 250 here; set it high locally)."""

from __future__ import annotations

import os

import pytest

from fuzz.run import REGRESSIONS, regression_inputs, run_target
from fuzz.targets import TARGETS

CI_RUNS = int(os.environ.get("NEWSTRACE_FUZZ_RUNS", "250"))
CI_SECONDS = int(os.environ.get("NEWSTRACE_FUZZ_SECONDS", "25"))

REPLAYS = [(t, p) for t in TARGETS for p in regression_inputs(t)]


def test_regression_folders_name_real_targets() -> None:
    assert REPLAYS, "no regression inputs committed"
    assert {p.name for p in REGRESSIONS.iterdir()} <= set(TARGETS)


@pytest.mark.parametrize("target, path", REPLAYS, ids=[f"{t}/{p.name}" for t, p in REPLAYS])
def test_fixed_crashes_stay_fixed(target: str, path: os.PathLike[str]) -> None:
    with open(path, "rb") as fh:
        TARGETS[target](fh.read())


@pytest.mark.slow
@pytest.mark.parametrize("target", list(TARGETS))
def test_fuzz_target_bounded_run(target: str) -> None:
    runs = CI_RUNS if target not in ("claims",) else max(CI_RUNS // 3, 1)
    o = run_target(target, runs=runs, seconds=CI_SECONDS)
    assert not o.crashed, f"{target} crashed; inputs kept at {o.artifacts}\n{o.log_tail}"
    assert o.runs > 0, o.log_tail
