"""What ingesting the same inputs again after an upgrade that cleans texts otherwise stores
(benchmarks/README.md, "Ingest again after an upgrade").

The inputs are ingested with an older cleaning, simulated: the body as this version cleans it with
a page's comment widget left at its end ("Leave a comment"), so every text, and every derived id,
is another; then with this version's cleaning, then once more. Prints each run's counts and the
articles stored.

    PYTHONPATH=src .venv/bin/python benchmarks/reingest_after_upgrade.py ../shared/data/polnear/train/text
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from newstrace.clean.text import CleanText, clean_plain_text
from newstrace.cli.main import main
from newstrace.ingest import text as text_reader
from newstrace.store.sqlite import Store


def older_cleaning(raw: str) -> CleanText:
    c = clean_plain_text(raw)
    return dataclasses.replace(c, text=c.text + "\n\nLeave a comment")


def ingest(inputs: list[str], db: Path) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["ingest", *inputs, "--db", str(db), "--json"]) == 0
    doc = json.loads(out.getvalue())
    return {k: doc[k] for k in ("added", "updated", "unchanged", "duplicates")}


def run(inputs: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "news.db"
        text_reader.clean_plain_text = older_cleaning  # the name the reader calls
        try:
            print("older cleaning:", ingest(inputs, db))
        finally:
            text_reader.clean_plain_text = clean_plain_text
        print("upgraded:      ", ingest(inputs, db))
        print("again:         ", ingest(inputs, db))
        with Store(db, readonly=True) as store:
            print("stored:        ", store.count_articles())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="files and folders of plain texts (.txt)")
    run(parser.parse_args().inputs)
