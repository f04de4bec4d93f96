"""``newstrace compare``: terminal report, --json FILE / -, --html FILE, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES
from newstrace.cli.main import main


def _has_real_stages() -> bool:
    try:
        from newstrace.claims import extract_many  # noqa: F401
        from newstrace.reuse import find_reuse  # noqa: F401
    except ImportError:
        return False
    return True


needs_stages = pytest.mark.skipif(not _has_real_stages(), reason="claims or reuse stage not installed in this tree")


@needs_stages
def test_demo_run_prints_findings_and_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html, js = tmp_path / "report.html", tmp_path / "c.json"
    assert main(["compare", str(EXAMPLES), "--html", str(html), "--json", str(js)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    for label in ("[Headline unsupported]", "[Event drift]", "[Number drift]", "[Time-window drift]", "[Quote variant]", "[Unique claim]"):
        assert label in out, label
    assert "[attacks,]" in out and "rt.com →" in out
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert {f["type"] for f in doc["findings"]} >= {"quote_variant", "window_drift", "headline_unsupported", "unique_claim"}
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in text


@needs_stages
def test_json_to_stdout_is_one_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(EXAMPLES), "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["articles"]) == 2 and doc["provenance"]


def test_bad_inputs_exit_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(tmp_path / "missing.txt")]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["compare", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "newstrace: error" in err


@needs_stages
def test_unwritable_html_is_an_error_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compare", str(EXAMPLES), "--html", str(tmp_path / "no" / "such" / "dir" / "r.html")])
    assert code == 1
    assert "cannot write" in capsys.readouterr().err
