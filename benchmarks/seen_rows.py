"""Write the fingerprints of the rows the shipped models and rules were tuned on.

``newstrace eval stories-fakes``, ``casualties-fakes`` and ``similarity-semeval`` score by default
the split ``unseen`` (``newstrace.evaluate.seen``): the rows of the given file that were not
tuned on, told apart by fingerprints of the rows that were. Those are the dev parts of our files
under the split functions of the day: ``stories_fakes.split_of`` of each FA-KES event,
``casualties_fakes.is_dev`` of each ``unit_id``, ``similarity_semeval.split_of`` of each
``pair_id`` (every language's pairs). They go to ``src/newstrace/evaluate/seen_rows.json``
(hashes only, no text), with the ``DEV_SHARE`` they were computed with; an eval refuses a file
whose share is not the code's, and ``tests/test_seen_rows.py`` fails when the file is not what
this script computes from ../shared/data now. After any change of a split (a ``DEV_SHARE``, a
hash, the FA-KES event keys) run, from the repository:

    python benchmarks/seen_rows.py [--data ../shared/data] [--check]

``--check`` writes nothing and exits 1 when the stored fingerprints differ from the computed ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from newstrace.evaluate import casualties_fakes as C
from newstrace.evaluate import similarity_semeval as M
from newstrace.evaluate import stories_fakes as S
from newstrace.evaluate.seen import REGENERATE, SEEN_FILE

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "newstrace" / "evaluate" / SEEN_FILE
FAKES = ("fakes", "fakes_dev.csv")
SEMEVAL = ("semeval8", "pairs_train.csv")


def compute(data: Path) -> dict[str, Any]:
    """The fingerprints of the tuned rows of each benchmark, as ``seen_rows.json`` holds them."""
    fakes, semeval = data.joinpath(*FAKES), data.joinpath(*SEMEVAL)
    articles, story, _ = S.load_fakes(fakes)
    stories = [S.row_fingerprint(a) for a in articles if S.split_of(story[a.id]) == "dev"]
    casualties = [C.row_fingerprint(r) for r in C.read_rows(fakes) if C.is_dev(r["unit_id"])]
    pairs = [M.row_fingerprint(r) for r in M.load_pairs(semeval, None) if M.split_of(r["pair_id"]) == "dev"]

    def entry(share: float, source: tuple[str, str], rows: list[str]) -> dict[str, Any]:
        return {"dev_share": share, "source": "/".join(source), "rows": sorted(set(rows))}

    return {
        "about": "fingerprints (evaluate/seen.py) of the rows each benchmark was tuned on: the dev part of "
        f"../shared/data's file under the split of the day; written by `{REGENERATE}`",
        "casualties-fakes": entry(C.DEV_SHARE, FAKES, casualties),
        "similarity-semeval": entry(M.DEV_SHARE, SEMEVAL, pairs),
        "stories-fakes": entry(S.DEV_SHARE, FAKES, stories),
    }


def render(seen: dict[str, Any]) -> str:
    """The file's text: one fingerprint a line, so that a change of split reads as a diff."""
    return json.dumps(seen, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA, help="the shared data folder (default ../shared/data)")
    ap.add_argument("--check", action="store_true", help="compare with the stored file, write nothing")
    args = ap.parse_args(argv)
    for parts in (FAKES, SEMEVAL):
        if not args.data.joinpath(*parts).is_file():
            ap.error(f"{args.data.joinpath(*parts)}: no such file (--data is the shared data folder)")
    text = render(compute(args.data))
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name}: {'up to date' if same else 'differs from the data: run ' + REGENERATE}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    seen = json.loads(text)
    print(", ".join(f"{k}: {len(v['rows'])} rows (DEV_SHARE {v['dev_share']})" for k, v in seen.items() if k != "about"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
