"""``newstrace compare``: terminal report, --json FILE / -, --html FILE, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, stderr_on_a_terminal, timed_seeds_export
from newstrace.cli.main import main
from test_compare import needs_stages


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
    assert code == 2  # a path that cannot be one is a bad command line, as --db in no folder is
    assert "cannot write" in capsys.readouterr().err


def test_an_output_in_no_folder_fails_before_the_inputs_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--html`` or ``--json`` into a folder that does not exist ran the whole comparison (a minute
    for 200 articles) before it said "cannot write (No such file or directory)": it is said first,
    naming the folder, and no input is read; exit 2, the bad path's code, as ``--db`` in a folder
    that does not exist is (it was exit 1 here, 3 for ``--db``: one mistake, two codes)."""
    import newstrace.cli.compare as cli_compare

    def no_reading(*args: object, **kwargs: object) -> object:
        raise AssertionError("the inputs were read")

    monkeypatch.setattr(cli_compare, "read_command_inputs", no_reading)
    for flag in ("--html", "--json"):
        folder = tmp_path / "no" / "such"
        assert main(["compare", str(EXAMPLES), flag, str(folder / "r.out")]) == 2
        assert f"cannot write (no folder {folder}: create it, or give another file)" in capsys.readouterr().err


def test_an_output_that_is_a_folder_is_the_projects_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--json DIR`` or ``--html DIR`` (an existing folder) was Typer's usage error ("Invalid value
    for '--json': file 'DIR' is a directory." under the usage lines); it is one line naming the
    option, exit 2, before any input is read, as ``story --html DIR`` says it too."""
    import newstrace.cli.compare as cli_compare

    def no_reading(*args: object, **kwargs: object) -> object:
        raise AssertionError("the inputs were read")

    monkeypatch.setattr(cli_compare, "read_command_inputs", no_reading)
    for flag in ("--html", "--json"):
        assert main(["compare", str(EXAMPLES), flag, str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert err == f"newstrace: error: {flag} {tmp_path}: a folder, not a file (give a file's name, or '-' for stdout)\n"
    assert main(["story", "x", "--db", str(tmp_path / "none.db"), "--html", str(tmp_path)]) == 2
    assert f"--html {tmp_path}: a folder, not a file" in capsys.readouterr().err


@needs_stages
def test_an_output_file_that_is_no_report_is_not_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--json`` takes a value, so ``compare --json a.txt b.txt`` once replaced the article a.txt
    with the report on b.txt alone (exit 0). An existing file that is not a newstrace report of
    that kind is left alone (exit 2); a report written before is replaced, as re-runs expect."""
    a, b = sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt")
    mine = tmp_path / a.name
    mine.write_bytes(a.read_bytes())
    assert main(["compare", "--json", str(mine), str(b)]) == 2
    err = capsys.readouterr().err
    assert "is not a newstrace json report" in err and "not overwritten" in err
    assert mine.read_bytes() == a.read_bytes()
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><body><p>an article someone saved</p></body></html>", encoding="utf-8")
    assert main(["compare", str(EXAMPLES), "--html", str(page)]) == 2
    assert "an article someone saved" in page.read_text(encoding="utf-8")
    # reports written before are replaced
    js, html = tmp_path / "c.json", tmp_path / "r.html"
    for _ in range(2):
        assert main(["compare", str(EXAMPLES), "--json", str(js), "--html", str(html)]) == 0
    assert json.loads(js.read_text(encoding="utf-8"))["findings"]
    assert '<meta name="generator" content="newstrace">' in html.read_text(encoding="utf-8")
    capsys.readouterr()
    # one article alone is compared with nothing, and says so (in the terminal report's note)
    assert main(["compare", str(b), "--json", str(js)]) == 0
    assert "nothing to compare it with" in " ".join(capsys.readouterr().out.split())


@needs_stages
def test_html_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """``--html -`` is stdout, as ``--json -`` is (it wrote a file named '-')."""
    assert main(["compare", str(EXAMPLES), "--html", "-"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("<!DOCTYPE html>") and printed.rstrip().endswith("</html>")
    assert not Path("-").exists()
    assert main(["compare", str(EXAMPLES), "--html", "-", "--json", "-"]) == 2
    assert "both want stdout" in capsys.readouterr().err


@needs_stages
def test_an_edge_no_evidence_orients_is_drawn_without_a_direction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The seeds without RT's date (as in ../shared/seeds): nothing says who took from whom, yet
    the report drew the rewrite -> RT arrow (input order) and said the direction "rests on the
    other evidence". The edge is now a line without an arrowhead, and the note says why. The note
    and the drawing's edge said "who took from whom" was unknown, as though one had to have copied
    the other; their shared variant says the text was copied, not that either copied the other, and
    on FA-KES dev most edges without a direction are two outlets' reports of one wire story: they
    say now that both may have it from a third report, as the note of two reports of one day does."""
    undated = tmp_path / "seeds"
    undated.mkdir()
    for p in EXAMPLES.glob("*.txt"):
        (undated / p.name).write_bytes(p.read_bytes())
    html = tmp_path / "r.html"
    assert main(["compare", str(undated), "--html", str(html)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "“United Nations Finally … Civilians” — “UN Syria envoy … in Aleppo” confidence" in out
    assert "→" not in out.split("provenance", 1)[1].split("findings", 1)[0]
    assert ("has no publication date, and nothing else says, of “United Nations Finally … Civilians” — “UN Syria "
            "envoy … in Aleppo”, whether one of them took the text from the other or both from a third report, as "
            "outlets running one wire story do: they are linked without a direction") in out
    assert "rests on the other evidence" not in out
    graph = html.read_text(encoding="utf-8").split('<section id="provenance">')[1].split("</svg>")[0]
    assert "class=\"edge\"" in graph and 'marker-end="url(#arrow)"' not in graph and (
        "(nothing says whether one of them took the text from the other or both from a third report") in graph
    # RT's date orients it: an arrow from RT
    assert main(["compare", str(EXAMPLES), "--html", str(html)]) == 0
    assert "rt.com →" in capsys.readouterr().out
    graph = html.read_text(encoding="utf-8").split('<section id="provenance">')[1].split("</svg>")[0]
    assert 'marker-end="url(#arrow)"' in graph


def test_a_negative_top_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """'--top -5' printed every finding, as '--top 0' does: a negative count is a mistake to name."""
    assert main(["compare", str(EXAMPLES), "--top", "-5"]) == 2
    assert "--top" in capsys.readouterr().err


@needs_stages
def test_an_article_without_an_outlet_is_not_named_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The articles table heads its names "outlet", and an article naming none was named there by
    its file ("statement.txt") or its quoted title, read as the outlet's name. The table says so
    beside it now, in the terminal and in the report; an outlet's name stands alone."""
    monkeypatch.setenv("COLUMNS", "240")  # the table's rows on one line each
    rewrite = next(EXAMPLES.glob("000_*.txt")).read_text(encoding="utf-8")
    # one paragraph of the rewrite, no title line: named by its file
    (tmp_path / "statement.txt").write_text(rewrite.split("\n")[1] + "\n", encoding="utf-8")
    html = tmp_path / "one.html"
    assert main(["compare", str(tmp_path / "statement.txt"), "--html", str(html)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "statement.txt (no outlet: named by its file)" in out
    assert '<bdi>statement.txt</bdi> <span class="named-by">(no outlet: named by its file)</span>' in html.read_text(encoding="utf-8")
    assert main(["compare", str(EXAMPLES), "--html", str(html)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    # the articles' table is the report's first (its rows carry a phone's labels since session 46)
    rows = re.split(r"<tbody[^>]*>", html.read_text(encoding="utf-8"))[1].split("</tbody>")[0]
    assert "(no outlet: named by its title)" in out and out.count("no outlet") == 1
    assert '<bdi>“United Nations Finally … Civilians”</bdi> <span class="named-by">(no outlet: named by its title)</span>' in rows
    assert re.search(r'<td[^>]*\bclass="outlet"[^>]*><bdi>rt\.com</bdi></td>', rows) and rows.count("no outlet") == 1


@needs_stages
def test_one_article_lists_the_quotes_and_counts_its_note_promises(capsys: pytest.CaptureFixture[str]) -> None:
    """'One article: its quotations and counts are listed' was followed by 'findings (0) none' and
    nothing else in the terminal (only --json and --html listed them)."""
    rt = next(EXAMPLES.glob("001_*.txt"))
    assert main(["compare", str(rt)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "its quotations and counts are listed" in out
    assert "quote Staffan de Mistura (said): appalled and shocked" in out
    assert "count 40–199 civilians «scores of civilians» event killed, window over the last 48 hours" in out


@needs_stages
def test_a_refused_output_is_refused_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'--json new.json --html page.html', page.html someone's saved page: new.json was written and
    then the command exited 2 (which says nothing was done); and '--json a.txt b.txt' said 'one
    article read ... its claims are listed' before refusing to overwrite a.txt."""
    a, b = sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt")
    page, js = tmp_path / "page.html", tmp_path / "new.json"
    page.write_text("<!DOCTYPE html><html><body><p>an article someone saved</p></body></html>", encoding="utf-8")
    assert main(["compare", str(EXAMPLES), "--json", str(js), "--html", str(page)]) == 2
    assert not js.exists()
    capsys.readouterr()
    mine = tmp_path / a.name
    mine.write_bytes(a.read_bytes())
    assert main(["compare", "--json", str(mine), str(b)]) == 2
    err = capsys.readouterr().err
    assert "not overwritten" in err and "one article read" not in err


@needs_stages
def test_findings_cut_by_top_say_how_to_see_them_all(capsys: pytest.CaptureFixture[str]) -> None:
    """The line counting the findings ``--top`` left out named --json and --html alone, not the
    option that shows them in the terminal."""
    assert main(["compare", str(EXAMPLES), "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert "more (--top 0 shows all; all of them in --json and --html)" in " ".join(out.split())
    assert main(["compare", str(EXAMPLES), "--top", "0"]) == 0
    assert "--top 0 shows all" not in capsys.readouterr().out


def test_commands_that_read_files_take_the_date_order_ingest_takes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file of 4/7/2017 dates that nothing decides: the warning said "'newstrace ingest' takes
    --day-first or --month-first", and a user of ``reuse`` (or compare, extract, stance) had no
    way to read them as 4 July but to store them first."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    path = tmp_path / "either.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "published": f"{4 + i}/7/2017", "text": t}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")

    def published(*flags: str) -> tuple[list[str], str]:
        assert main(["reuse", str(path), "--json", *flags]) == 0
        got = capsys.readouterr()
        return [a["published"] for a in json.loads(got.out)["articles"]], got.err

    dates, said = published()
    assert dates == ["2017-04-07", "2017-05-07"]
    assert "read month-first" in said and "'reuse'" in said and "--day-first or --month-first" in said
    assert published("--day-first") == (["2017-07-04", "2017-07-05"], "")
    assert published("--month-first") == (["2017-04-07", "2017-05-07"], "")
    assert main(["reuse", str(path), "--day-first", "--month-first"]) == 2
    assert "contradict" in capsys.readouterr().err


def test_the_compare_limit_names_the_corpus_route() -> None:
    """Over the article limit, the command's error names the variable and the way to compare more:
    store them, and compare one story at a time (the library's caller is told its own way:
    test_compare.py::test_no_articles_and_too_many)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NEWSTRACE_MAX_COMPARE_ARTICLES": "1"}
    run = subprocess.run([sys.executable, "-m", "newstrace", "compare", str(EXAMPLES)], capture_output=True, text=True,
                         env=env, timeout=300)
    said = " ".join(run.stderr.split())
    assert run.returncode == 4, run.stderr
    # in the words every other limit's message says it in ("(NEWSTRACE_MAX_COMPARE_ARTICLES)" alone did not say what it does)
    assert "compare: 2 articles exceed the limit of 1 (set NEWSTRACE_MAX_COMPARE_ARTICLES to raise it); for more," in said, said
    assert "'newstrace ingest'" in said and "'newstrace analyze'" in said and "'newstrace story ID'" in said
    assert "compare_articles" not in said


@needs_stages
def test_one_article_is_said_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One article printed a stderr warning and a terminal note saying the same: the note stays
    where the report is printed, the warning where the report goes to stdout (``--json -``)."""
    one = str(sorted(EXAMPLES.glob("*.txt"))[0])
    assert main(["compare", one]) == 0
    got = capsys.readouterr()
    assert "nothing to compare it with" in " ".join(got.out.split()) and got.err == ""
    assert main(["compare", one, "--json", "-"]) == 0
    got = capsys.readouterr()
    assert "nothing to compare it with" in got.err
    assert json.loads(got.out)["notes"]  # the document keeps its note


@needs_stages
def test_a_long_compare_shows_its_phases_on_a_terminal_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """200 articles took 15 s (claims extraction, then 20,000 pairs) with nothing on the terminal;
    each phase now has a bar on stderr there, and a pipe or file gets no more than before."""
    js = tmp_path / "c.json"
    assert main(["compare", str(EXAMPLES), "--json", "-"]) == 0
    piped = capsys.readouterr()
    assert "extracting claims" not in piped.err and "comparing pairs" not in piped.err
    stderr_on_a_terminal(monkeypatch)
    assert main(["compare", str(EXAMPLES), "--json", "-"]) == 0
    shown = capsys.readouterr()
    assert "extracting claims" in shown.err and "comparing pairs" in shown.err
    assert shown.out == piped.out  # the document is the same
    assert main(["compare", str(EXAMPLES), "--json", str(js)]) == 0
    assert "comparing pairs" in capsys.readouterr().err


@needs_stages
@pytest.mark.parametrize(("columns", "most_lines"), [(80, 8), (120, 2)])
def test_the_articles_table_gives_the_title_room_when_dates_carry_a_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int, most_lines: int
) -> None:
    """Dates with a time of day (JSON exports, feeds) were shown whole, "2016-10-30T09:15:00+03:00",
    25 characters never wrapped: at 80 columns RT's headline took 15 lines of a word or a few
    letters ("‘appall", "ed’ by"), at 120 three. The table shows the day and, under it, the time
    with its offset, as much room as a date alone takes; ``--json`` keeps the instant. (At 80 the
    headline takes 8 lines beside "theantimedia.org" kept whole, 7 when rich cut it "theantimedia.o"
    / "rg".)"""
    monkeypatch.setenv("COLUMNS", str(columns))
    export, rows = timed_seeds_export(tmp_path, "2016-10-30T09:15:00+03:00", "2016-11-02T14:40:00-04:00")
    assert main(["compare", str(export)]) == 0
    table = capsys.readouterr().out.split("\n\n")[0].splitlines()
    assert max(map(len, table)) <= columns
    first = next(i for i, line in enumerate(table) if line.startswith("│ 1 "))
    second = next(i for i, line in enumerate(table) if line.startswith("│ 2 "))
    assert second - first <= most_lines, "\n".join(table)
    assert "2016-10-30" in table[first] and "09:15+03:00" in table[first + 1]
    assert "2016-11-02" in table[second] and "14:40-04:00" in table[second + 1]
    title = " ".join(line.split("│")[4].strip() for line in table[first:second])
    assert " ".join(title.split()) == rows[0]["title"]
    assert main(["compare", str(export), "--json", "-"]) == 0
    assert [a["published"] for a in json.loads(capsys.readouterr().out)["articles"]] == [r["published"] for r in rows]


@needs_stages
@pytest.mark.parametrize("columns", [40, 60])
def test_the_articles_table_keeps_every_word_whole_in_a_narrow_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """rich narrowed every column of the articles table alike: at 60 columns RT's title read
    "‘appa" / "lled’" and the last header "coun…", at 40 every header stood a letter a line. The
    table narrows as the listings' do: the widest columns first, none below its widest word, else
    each article a record of "header value" lines; no line is wider than the terminal."""
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["compare", str(EXAMPLES), "--json", "-"]) == 0
    articles = json.loads(capsys.readouterr().out)["articles"]
    assert main(["compare", str(EXAMPLES), "--top", "1"]) == 0
    table = capsys.readouterr().out.split("\nnote:")[0]
    assert max(map(len, table.splitlines())) <= columns, table
    words = set(table.replace("│", " ").replace("┃", " ").split())
    for header in ("outlet", "date", "title", "words", "quotes", "counts"):
        assert header in words, table
    for a in articles:
        assert set(a["title"].split()) <= words, (set(a["title"].split()) - words, table)


@needs_stages
def test_json_and_top_0_carry_every_claim_only_one_article_carries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """"rt.com: 10 more claim(s) only it carries are not listed." said neither why nor how to see
    them, and neither --json nor --top 0 had them: the seeds' JSON held 6 of rt.com's 16. The JSON
    has every one now, and so does --top 0; the terminal and the HTML report list each article's 6
    most important, and their note says so and where the rest are."""
    js, html = tmp_path / "c.json", tmp_path / "c.html"
    assert main(["compare", str(EXAMPLES), "--json", str(js), "--html", str(html)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    doc = json.loads(js.read_text(encoding="utf-8"))
    rt = next(a["id"] for a in doc["articles"] if a["label"] == "rt.com")
    only_rt = [f for f in doc["findings"] if f["type"] == "unique_claim" and f["articles"] == [rt]]
    assert len(only_rt) > 6, len(only_rt)
    assert not [n for n in doc["notes"] if "not listed" in n], doc["notes"]
    left = len(only_rt) - 6
    assert (f"note: rt.com: {left} more claims only it carries are not listed, as only each article's 6 most important "
            "are: --top 0 or --json lists them all.") in out
    # the default listing: rt.com's 6 most important only
    assert out.count("[Unique claim] Only rt.com carries") == 6
    assert main(["compare", str(EXAMPLES), "--top", "0"]) == 0
    every = " ".join(capsys.readouterr().out.split())
    assert every.count("[Unique claim] Only rt.com carries") == len(only_rt) and "not listed" not in every
    assert f"findings ({len(doc['findings'])})" in every
    # the HTML report: the note says where they are, and they are there, folded
    page = html.read_text(encoding="utf-8")
    assert f"{left} more claims only it carries are not listed, as only each article&#39;s 6 most important are: " \
           "they are listed, folded, after the findings." in page
    folded = page.split('<details id="more-findings">', 1)[1].split("</details>", 1)[0]
    assert folded.count("Only <bdi>rt.com</bdi> carries") == left
    assert page.count('<span class="badge t-unique_claim">') == len([f for f in doc["findings"] if f["type"] == "unique_claim"])


@needs_stages
def test_counts_are_said_in_the_singular_and_the_plural(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The articles table was titled "2 article(s)" (and "1 article(s)" of one), the HTML report's
    counts table "12 count(s)" and its folded claims "10 more claim(s)": the counts in words
    (``model.counted``), as the web app's story page says "1 article"."""
    assert main(["compare", str(EXAMPLES)]) == 0
    assert capsys.readouterr().out.splitlines()[0].strip() == "2 articles"
    assert main(["compare", str(next(EXAMPLES.glob("001_*.txt")))]) == 0
    assert capsys.readouterr().out.splitlines()[0].strip() == "1 article"
    html = tmp_path / "report.html"
    assert main(["compare", str(EXAMPLES), "--html", str(html)]) == 0
    text = html.read_text(encoding="utf-8")
    assert "<summary>12 counts</summary>" in text and "<summary>8 counts</summary>" in text
    assert "<summary>10 more claims only one article carries</summary>" in text
    assert "count(s)" not in text and "more claim(s) only one" not in text


@needs_stages
def test_json_lists_the_articles_in_the_order_the_table_does(capsys: pytest.CaptureFixture[str]) -> None:
    """``compare --json`` listed the articles (and ``quantities``) in the order of the inputs, the
    seeds' rewrite of 2 November (000_...) before the RT report of 30 October it copies, while the
    terminal's table, the HTML report and ``/api/compare`` list them in reading order."""
    assert main(["compare", str(EXAMPLES), "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [a["published"] for a in doc["articles"]] == ["2016-10-30", "2016-11-02"]
    assert list(doc["quantities"]) == [a["id"] for a in doc["articles"]]
    assert main(["compare", str(EXAMPLES)]) == 0
    rows = [line.split("│")[2].strip() for line in capsys.readouterr().out.splitlines()
            if line.startswith("│") and line.split("│")[1].strip().isdigit()]
    assert doc["articles"][0]["label"] == rows[0] == "rt.com"
    assert doc["articles"][1]["label"].startswith(rows[1]), rows
