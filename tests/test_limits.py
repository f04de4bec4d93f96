"""Every limit is configurable from the environment and says, in one line, which input hit which
limit and how to raise it (the CLI exits 4, or warns and carries on where a batch can continue)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fuzz.samples import RT_TXT, seeds

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NEWSTRACE = [sys.executable, "-m", "newstrace.cli.main"]


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "COLUMNS": "200", **env}
    full.pop("NEWSTRACE_DB", None)
    return subprocess.run([*NEWSTRACE, *args], capture_output=True, text=True, env=full, cwd=cwd, timeout=600)


def _registered(name: str) -> bool:
    from newstrace.cli.app import app
    from newstrace.cli.main import main  # noqa: F401  registers every command module

    return name in {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}


def test_article_size_limit_from_environment(tmp_path: Path) -> None:
    p = run(["ingest", str(RT_TXT), "--db", str(tmp_path / "o.db")], {"NEWSTRACE_MAX_ARTICLE_CHARS": "1000"}, tmp_path)
    assert p.returncode == 4 and "Traceback" not in p.stderr
    # the skip, then the closing line compare and extract give when no input could be read (5dbd47c)
    line, closing = p.stderr.strip().splitlines()
    assert "001_b27ff7eeccda9d61.txt" in line and "longer than the 1,000 limit" in line
    assert "NEWSTRACE_MAX_ARTICLE_CHARS" in line
    assert closing.startswith("newstrace: error: ") and closing.endswith("no articles could be read"), closing
    assert not (tmp_path / "o.db").exists()


@pytest.mark.slow
def test_compare_article_limit_from_environment(tmp_path: Path) -> None:
    if not _registered("compare"):
        pytest.skip("no 'newstrace compare' command yet")
    p = run(["compare", str(EXAMPLES)], {"NEWSTRACE_MAX_COMPARE_ARTICLES": "1"}, tmp_path)
    assert p.returncode == 4 and "Traceback" not in p.stderr
    (line,) = p.stderr.strip().splitlines()
    assert "2 articles" in line and "limit of 1" in line and "NEWSTRACE_MAX_COMPARE_ARTICLES" in line


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_extraction_time_limit_keeps_a_batch_moving(tmp_path: Path) -> None:
    """A pathological article (hundreds of nested, unbalanced quotes) between two real ones: with a
    zero time budget the batch still finishes, warns about the article, and its spans stay valid."""
    if not _registered("extract"):
        pytest.skip("no 'newstrace extract' command yet")
    rt, rw = seeds()
    monster = " ".join(f"“{w} ‘said" for w in rt.text.split()[:3000])
    path = tmp_path / "batch.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate([rt.text, monster, rw.text]):
            fh.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
    p = run(["extract", str(path), "--json"], {"NEWSTRACE_EXTRACT_SECONDS_PER_ARTICLE": "0"}, tmp_path)
    assert p.returncode == 0, p.stderr[-2000:]
    assert "a1: claims extraction hit its 0s parse budget" in p.stderr  # the warning names the article
    doc = json.loads(p.stdout)
    arts = doc["articles"] if isinstance(doc, dict) else doc
    assert [a["id"] for a in arts] == ["a0", "a1", "a2"]
    for a in arts:
        for item in a["quotes"] + a["quantities"]:
            assert a["text"][item["start"] : item["end"]] == item["text"]
