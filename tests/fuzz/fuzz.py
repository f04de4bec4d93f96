"""atheris entry point: ``python tests/fuzz/fuzz.py TARGET [libFuzzer options] [CORPUS_DIR ...]``.

TARGET is one of ``fuzz.targets.TARGETS`` (html, jsonl, json, csv, warc, txt, claims, align).
Only newstrace's own modules are coverage-instrumented, so the fuzzer steers by our branches and
the libraries (lxml, spaCy) run at full speed. ``run.py`` calls this with bounded settings.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # "fuzz" package beside the tests

import atheris

with atheris.instrument_imports(include=["newstrace"]):
    from fuzz.targets import TARGETS


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: fuzz.py {{{','.join(TARGETS)}}} [libFuzzer options] [corpus dirs]")
    target = TARGETS[sys.argv[1]]
    if sys.argv[1] in ("claims", "align"):
        target(b"warm up the spaCy model before timing starts")
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
