"""The terminal's listing tables (``newstrace.tables``) on real labels and outlets."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from conftest import EXAMPLES, require_data
from newstrace.cli.main import main
from newstrace.store import Store
from newstrace.store.results import CorpusResults
from newstrace.tables import ListingTable, Phrases, Words, listing_table

#: two stories of FA-KES dev as `newstrace analyze` names them: id, thread, first day and outlet,
#: size, label and outlets. The first's "Al-Qaeda-affiliated," and the second's
#: "asharqalawsat (1)," were each the widest word of their column
FAKES_STORIES = [
    ("sc096ada63b7", "t2e3ffdbc16d", "2013-09-16", "manar", 1,
     "Alawites, Al-Qaeda-affiliated, Homs: extremists entered villages", ["manar (1)"]),
    ("s08a42a79987", "t5f7b831b706", "2016-07-20", "asharqalawsat", 2,
     "Manbij, Tokhar, US-led: international coalition children", ["asharqalawsat (1)", "trt (1)"]),
]


def stories_table_at(width: int) -> str:
    """The two stories laid out as 'newstrace stories' lays them out, in a terminal this wide."""
    table = listing_table("2 of 361 stories in fakes.db", None)
    table.add_column("id / thread", no_wrap=True)
    table.add_column("first seen")
    table.add_column("size", no_wrap=True, justify="right")
    table.add_column("label", overflow="fold")
    table.add_column("outlets", overflow="fold")
    for sid, thread, day, first, size, label, outlets in FAKES_STORIES:
        table.add_row(f"{sid}\n{thread}", Phrases([day, first], lines=True), str(size), Words(label), Phrases(outlets))
    console = Console(file=io.StringIO(), width=width, highlight=False)
    console.print(table)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_a_word_wider_than_its_column_breaks_after_a_hyphen_and_the_listing_stays_a_table() -> None:
    """At 80 columns 'stories --limit 0' on FA-KES dev wrote its 361 stories as records: the label
    "Al-Qaeda-affiliated," and the outlets' "asharqalawsat (1)," needed 82 columns kept whole. A
    word wider than its column breaks after a hyphen ("Alawites, Al-" / "Qaeda-affiliated,"), as a
    typesetter breaks it: nothing is cut, and the table fits."""
    shown = stories_table_at(80)
    assert "┏" in shown, shown
    assert max(map(cell_len, shown.splitlines())) <= 80
    lines = [[cell.strip() for cell in line.split("│")] for line in shown.splitlines() if line.startswith("│")]
    labels = [line[4] for line in lines]
    # the label read again, a line ending at a hyphen joined to the next: every word, none cut
    text = ""
    for cell in labels:
        text += cell if text.endswith("-") or not text else f" {cell}"
    assert text.split() == " ".join(s[5] for s in FAKES_STORIES).split(), labels
    assert any(cell.endswith(("Al-", "Qaeda-")) for cell in labels), labels  # broken at a hyphen, once
    for phrase in ("asharqalawsat (1),", "manar (1)", "2013-09-16", "2016-07-20", "asharqalawsat"):
        assert any(phrase in line for line in shown.splitlines()), phrase


@pytest.mark.parametrize("width", [100, 120])
def test_a_hyphenated_word_that_fits_its_column_is_not_broken(width: int) -> None:
    """A hyphen is a place to break only a word its column cannot hold: at 100 columns and more
    "Al-Qaeda-affiliated," fits the label's column and stays one word."""
    shown = stories_table_at(width)
    assert "Al-Qaeda-affiliated," in shown and "US-led:" in shown, shown


def test_a_long_listing_folds_the_word_of_its_few_rows_that_cannot_fit_rather_than_become_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 60 columns 'list --limit 0' on FA-KES dev wrote its 517 articles as records (3,627 lines):
    the outlet "asharqalawsat" of 6 of them needed a column the table had no room for. A listing
    of 20 rows or more folds the words of the one row in 20 that are widest, "asharqalawsa" / "t",
    and stays a table; every other row's words are whole, no line is wider than the terminal."""
    monkeypatch.chdir(tmp_path)
    with require_data("fakes", "fakes_dev.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # FA-KES's first 19 rows of other outlets and its first of asharqalawsat
    kept = [r for r in rows if r["source"] != "asharqalawsat"][:19] + [r for r in rows if r["source"] == "asharqalawsat"][:1]
    with open("twenty.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    assert main(["ingest", "twenty.csv", "--db", "t.db"]) == 0
    capsys.readouterr()
    shown = {}
    for width in (60, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        assert main(["list", "--db", "t.db", "--limit", "0"]) == 0
        shown[width] = capsys.readouterr().out
        assert "┏" in shown[width] and max(map(cell_len, shown[width].splitlines())) <= width, shown[width]
    assert "asharqalawsat" in shown[120]  # it fits there, whole
    cells = [[c.strip() for c in line.split("│")] for line in shown[60].splitlines() if line.startswith("│")]
    outlets = [c[3] for c in cells if c[3]]
    assert "asharqalawsat" not in outlets and "asharqalawsa" in outlets, outlets
    assert sorted(o for o in outlets if not o.startswith("asharq") and o != "t") == sorted(r["source"] for r in kept[:19])


def _dev_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of FA-KES dev whose event is in the dev split (as the benchmarks
    split it: the test split's rows are held out, never read here)."""
    from newstrace.evaluate.stories_fakes import load_fakes, split_of

    articles, story, _ = load_fakes(path)
    dev = {a.id for a in articles if split_of(story[a.id]) == "dev"}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), [r for r in reader if r["unit_id"] in dev]


@pytest.fixture(scope="module")
def fakes_dev_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """examples/ and the dev split's rows of FA-KES dev (398 articles), ingested and analysed once."""
    header, rows = _dev_rows(require_data("fakes", "fakes_dev.csv"))
    folder = tmp_path_factory.mktemp("fakes-dev")
    dev = folder / "dev.csv"
    with dev.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    db = folder / "fakes.db"
    assert main(["ingest", str(EXAMPLES), str(dev), "--db", str(db)]) == 0
    assert main(["analyze", "--db", str(db), "--json"]) == 0
    yield db


def _shown(argv: list[str], width: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    capsys.readouterr()
    assert main(argv) == 0
    shown = capsys.readouterr().out
    assert max(map(cell_len, shown.splitlines())) <= width, shown
    return shown


@pytest.mark.parametrize("width", [77, 80, 120])
def test_the_stories_of_fakes_dev_are_a_table_in_a_terminal_of_70_columns_and_more(
    width: int, fakes_dev_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 70 columns 'stories' on FA-KES dev (its dev split) and examples/ wrote its 50 stories as
    records: the label and outlets columns kept 16 and 12 columns at least, and an outlet with its
    count, "asharqalawsat (1),", stayed whole. They are narrowed as far as their words allow, and a
    phrase breaks before its count, "asharqalawsat" / "(1),", where the table has no room for it
    whole; every id, day and outlet is there, whole. (Below 77 columns the stories are brief, their
    labels and outlets cut: ``test_a_narrow_terminal_shows_a_story_in_three_lines``.)"""
    assert main(["stories", "--db", str(fakes_dev_db), "--json", "--limit", "50"]) == 0
    rows = json.loads(capsys.readouterr().out)
    shown = _shown(["stories", "--db", str(fakes_dev_db)], width, capsys, monkeypatch)
    assert "┏" in shown, shown
    words = set(shown.replace("│", " ").split())
    for r in rows:
        assert {r["id"], r["thread"], r["start"][:10], r["first_seen_outlet"]} <= words, r
        assert {o["outlet"] for o in r["outlets"][:3]} <= words | {f"{o['outlet']} ({o['articles']})," for o in r["outlets"]}, r


@pytest.mark.parametrize("width", [66, 70, 80, 120])
def test_the_threads_of_fakes_dev_are_a_table_in_a_terminal_of_60_columns_and_more(
    width: int, fakes_dev_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 60 columns 'threads' on FA-KES dev (its dev split) and examples/ wrote its 50 threads as
    records: an id, a day and two counts headed "stories" and "articles" took 53 columns, and the
    label kept 16 at least. A thread's stories and articles are counted in one column, one above
    the other, as 'stories' gives a story's id and thread, and the label is narrowed as far as its
    words allow; every id, day and count is there, and every word of the label. (Below 66 columns
    they are three lines each: ``test_a_narrow_terminal_shows_a_thread_in_three_lines``.)"""
    assert main(["threads", "--db", str(fakes_dev_db), "--json", "--limit", "50"]) == 0
    rows = json.loads(capsys.readouterr().out)
    shown = _shown(["threads", "--db", str(fakes_dev_db)], width, capsys, monkeypatch)
    assert "┏" in shown, shown
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in shown.splitlines() if line.startswith("│")]
    starts = [i for i, c in enumerate(cells) if c[0]]  # a thread's first line names its id
    assert [cells[i][0] for i in starts] == [r["id"] for r in rows], shown
    for i, r, end in zip(starts, rows, [*starts[1:], len(cells)], strict=True):
        mine = cells[i:end]
        assert [c[1] for c in mine[:2]] == [r["start"][:10], r["end"][:10]], mine
        assert [c[2] for c in mine[:2]] == [str(len(r["stories"])), str(r["size"])], mine
        label = ""  # read again, a line ending at a hyphen joined to the next
        for c in (c[3] for c in mine if c[3]):
            label += c if label.endswith("-") or not label else f" {c}"
        assert label.split() == r["label"].split(), mine


@pytest.mark.parametrize("width", [60, 70, 80, 120])
def test_the_outlet_edges_of_fakes_dev_are_a_table_in_a_terminal_of_60_columns_and_more(
    width: int, fakes_dev_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'outlets' wrote the edges of FA-KES dev (its dev split) as records at 60 and 70 columns: a
    source and a derived column as wide as "asharqalawsat" and four numbers headed "in one story",
    "pairs", "directed" and "characters" needed 72. Source and derived share one column,
    "alaraby -> ahram", which breaks after the arrow where it is narrow; every name is whole."""
    assert main(["outlets", "--db", str(fakes_dev_db), "--json", "--limit", "50"]) == 0
    edges = json.loads(capsys.readouterr().out)["edges"]
    shown = _shown(["outlets", "--db", str(fakes_dev_db)], width, capsys, monkeypatch)
    assert shown.count("┏") == 2, shown
    edges_table = shown[shown.index("reuse between outlets"):]
    words = set(edges_table.replace("│", " ").split())
    assert {e["source"] or "(no" for e in edges} | {e["derived"] or "(no" for e in edges} <= words, edges_table
    if width >= 80:  # one line each
        assert all(f"{e['source']} -> {e['derived']}" in edges_table for e in edges if e["source"] and e["derived"])


@pytest.mark.parametrize("width", [40, 45, 50])
def test_a_narrow_terminal_shows_an_outlet_and_an_edge_in_two_lines(
    width: int, fakes_dev_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below 58 columns 'outlets' on FA-KES dev (its dev split) and examples/ wrote its edges as
    records, a line a number, and below 54 its outlets too: 405 lines at 45 and 50 columns, 408 at
    40 (326 at 54 to 57, now 132). Each is two
    lines of a table, its numbers two to a column: an outlet over nothing, its articles over its
    stories, its first-in count over its share; an edge's source over its derived, its pairs in one
    story over all its pairs, directed over characters. Every name and number is there: 152 lines
    at 40 columns, 150 at 45, 149 at 50."""
    assert main(["outlets", "--db", str(fakes_dev_db), "--json", "--limit", "50"]) == 0
    listed = json.loads(capsys.readouterr().out)
    shown = _shown(["outlets", "--db", str(fakes_dev_db)], width, capsys, monkeypatch)
    assert shown.count("┏") == 2, shown
    outlets_table, edges_table = shown.split("reuse between outlets")
    cells = _stories_cells(outlets_table)
    assert len(cells) == 2 * len(listed["outlets"]), outlets_table
    for i, o in zip(range(0, len(cells), 2), listed["outlets"], strict=True):
        share = f"{o['first_seen_share']:.0%}"
        assert cells[i:i + 2] == [[o["outlet"] or "(no outlet)", str(o["articles"]), str(o["first_seen"])], ["", str(o["stories"]), share]]
    # an edge's lines: two, or three in the one row in 20 whose names are widest (at 40 columns
    # "asharqalawsat" / "->" / "trt": ``ListingTable``), its numbers on the first two
    edges: list[list[list[str]]] = []
    for line in _stories_cells(edges_table):
        if not edges or (line[1] and sum(1 for c in edges[-1] if c[1]) == 2):
            edges.append([])
        edges[-1].append(line)
    assert sum(len(lines) == 2 for lines in edges) >= len(edges) - len(edges) // 20, edges_table
    assert len(edges) == len(listed["edges"]), edges_table
    for lines, e in zip(edges, listed["edges"], strict=True):
        source, derived = (e[k] or "(no outlet)" for k in ("source", "derived"))
        assert " ".join(c[0] for c in lines) == f"{source} -> {derived}", lines
        assert [[c[1], c[2]] for c in lines if c[1]] == [[str(e["in_story"]), str(e["directed"])], [str(e["count"]), str(e["chars"])]], lines
    assert len(shown.splitlines()) < 160, len(shown.splitlines())


def test_a_storys_titles_break_after_a_hyphen_rather_than_become_records(
    fakes_dev_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The articles 'story' lists kept a title's word whole or folded it, never breaking it at its
    hyphen as the listings' labels do: at 50 columns the story of al-Alam's "Syrian air strikes on
    ISIL-controlled Raqqa kills 19" (FA-KES dev) was written as records. A title's words are those
    of a label (``tables.Words``): "ISIL-" / "controlled"."""
    alalam = "1962495640"
    with Store(fakes_dev_db, readonly=True) as st:
        sid = CorpusResults(st.conn).stories_of(alalam)[0]["id"]
    shown = _shown(["story", sid, "--db", str(fakes_dev_db)], 50, capsys, monkeypatch)
    lines = shown.splitlines()
    at = next(i for i, line in enumerate(lines) if alalam in line)
    assert any(line.split()[:2] == ["article", "published"] for line in lines), shown  # a table's heading, not records
    title = [line.rstrip().split("  ")[-1].strip() for line in lines[at:at + 4]]
    assert title[1:3] == ["strikes on", "ISIL-"] and title[3].startswith("controlled"), title


def test_the_compare_articles_table_breaks_a_title_after_a_hyphen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """compare's articles table kept "ISIL-controlled" whole: three FA-KES dev reports of one strike
    on Raqqa were records at 66 columns. The title breaks after its hyphen and the table stays."""
    header, rows = _dev_rows(require_data("fakes", "fakes_dev.csv"))
    three = tmp_path / "raqqa.csv"
    with three.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(r for r in rows if r["unit_id"] in {"1923848242", "1962495640", "1965511145"})
    shown = _shown(["compare", str(three)], 66, capsys, monkeypatch)
    assert "┏" in shown, shown
    cells = [[c.strip() for c in line.split("│")] for line in shown.splitlines() if line.startswith("│")]
    titles = [c[4] for c in cells]
    assert "ISIL-" in titles and "controlled" in titles, titles


def _stories_cells(shown: str) -> list[list[str]]:
    return [[c.strip() for c in line.split("│")[1:-1]] for line in shown.splitlines() if line.startswith("│")]


@pytest.mark.parametrize("width", [80, 86])
def test_a_storys_size_goes_under_its_id_where_that_makes_the_stories_table_shorter(
    width: int, fakes_dev_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'stories' on FA-KES dev (its dev split) and examples/ wrote its 50 stories as records below 65
    columns, 435 lines at 60, and at 65 a table whose labels took a line a word; a story's size,
    a column of 6, goes under its id and thread, "size 7", where its labels wrap to three lines
    anyway: shorter than the one with a size column (80 columns: 162 lines, was 180), every id,
    thread, size, day and outlet whole. (Below 77 columns the stories are brief, their labels and
    outlets cut: ``test_a_narrow_terminal_shows_a_story_in_three_lines``.)"""
    assert main(["stories", "--db", str(fakes_dev_db), "--json", "--limit", "50"]) == 0
    rows = json.loads(capsys.readouterr().out)
    shown = _shown(["stories", "--db", str(fakes_dev_db)], width, capsys, monkeypatch)
    assert "┏" in shown and " size " not in next(line for line in shown.splitlines() if line.startswith("┃")), shown
    cells = _stories_cells(shown)
    starts = [i for i, c in enumerate(cells) if re.fullmatch(r"s[0-9a-f]{11}", c[0])]
    assert [cells[i][0] for i in starts] == [r["id"] for r in rows], shown
    for i, end, r in zip(starts, [*starts[1:], len(cells)], rows, strict=True):
        assert [c[0] for c in cells[i:i + 3]] == [r["id"], r["thread"], f"size {r['size']}"], cells[i:i + 3]
        # the outlet folded in the one row in 20 whose outlet is widest ("asharqalaws" / "at")
        assert [cells[i][1], "".join(c[1] for c in cells[i + 1:end])] == [r["start"][:10], r["first_seen_outlet"]], cells[i:end]
    # shorter than the columns as they were: measured by laying the table out without the tuck (nor
    # the brief table that would be written in place of that one)
    monkeypatch.setattr(ListingTable, "tuck", lambda self, column, under: None)
    monkeypatch.setattr("newstrace.tables.BRIEF", float("inf"))
    untucked = _shown(["stories", "--db", str(fakes_dev_db)], width, capsys, monkeypatch)
    assert len(shown.splitlines()) < len(untucked.splitlines()), (len(shown.splitlines()), len(untucked.splitlines()))


@pytest.mark.parametrize("width", [90, 120])
def test_a_wide_stories_table_keeps_its_size_column(
    width: int, fakes_dev_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a story's label takes two lines, its size under its id would be a third: at 90 columns
    and more the size stays a column, each row as long as it was."""
    shown = _shown(["stories", "--db", str(fakes_dev_db)], width, capsys, monkeypatch)
    header = next(line for line in shown.splitlines() if line.startswith("┃"))
    assert [h.strip() for h in header.split("┃")[1:-1]] == ["id / thread", "first seen", "size", "label", "outlets"], header
    assert not any(c[0].startswith("size ") for c in _stories_cells(shown)), shown


def test_stories_as_records_give_the_id_and_the_thread_a_line_each(
    fakes_dev_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 40 columns 'stories' on FA-KES dev is records (it was at 50, before its brief table):
    their "id / thread" header stood beside the id alone, the thread below it unnamed. Each has its
    line, "id" and "thread", and every field of the table is there: first seen day and outlet, size,
    label and outlets."""
    assert main(["stories", "--db", str(fakes_dev_db), "--json", "--limit", "50"]) == 0
    rows = json.loads(capsys.readouterr().out)
    shown = _shown(["stories", "--db", str(fakes_dev_db)], 40, capsys, monkeypatch)
    assert "┏" not in shown, shown
    records = shown.split("─" * 40)
    assert len(records) == len(rows), shown
    for record, r in zip(records, rows, strict=True):
        fields = [line.split() for line in record.splitlines()]
        said = {f[0]: f[1] for f in fields if len(f) == 2 and f[0] in {"id", "thread", "size"}}
        assert said == {"id": r["id"], "thread": r["thread"], "size": str(r["size"])}, record
        words = " ".join(record.split())
        assert f"first seen {r['start'][:10]} {r['first_seen_outlet']} size" in words, record
        assert words.count(" label ") == 1 and words.count(" outlets ") == 1, record


def _read_cut(lines: list[str], words: list[str]) -> list[str]:
    """The words of a cell's lines cut to fit (``tables.cut``), read again (a line ending at a
    hyphen joined to the next), checked to be the first of ``words``, each whole, the last line
    ending " …" where some are left out; the words read."""
    text = ""
    for line in lines:
        text += line if text.endswith("-") or not text else f" {line}"
    read = text.split()
    if read[-1:] == ["…"]:
        read = read[:-1]
        assert len(read) < len(words), (lines, words)
    else:
        assert len(read) == len(words), (lines, words)
    assert read == words[:len(read)] and read, (lines, words)
    return read


@pytest.mark.parametrize("width", [50, 58, 64, 76])
def test_a_narrow_terminal_shows_a_story_in_three_lines(
    width: int, fakes_dev_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 58 to 64 columns the 50 stories of FA-KES dev (its dev split) and examples/ took 302 and
    247 lines, their labels and outlets a word a line, 5 to 8 lines a story, and at 50 columns 459
    as records. A story takes three lines: its id, thread and size, its first seen day and outlet,
    and its label's first words over its biggest outlets, each cut where it goes on, the label with
    " …" and the outlets saying how many they leave out, "ahram (4), +3 more" (it ended " …", the
    count hidden); no word is broken. 157 lines at each width."""
    assert main(["stories", "--db", str(fakes_dev_db), "--json", "--limit", "50"]) == 0
    rows = json.loads(capsys.readouterr().out)
    shown = _shown(["stories", "--db", str(fakes_dev_db)], width, capsys, monkeypatch)
    header = next(line for line in shown.splitlines() if line.startswith("┃"))
    assert [h.strip() for h in header.split("┃")[1:-1]] == ["id / thread", "first seen", "label / outlets"], header
    cells = _stories_cells(shown)
    assert len(cells) == 3 * len(rows), shown  # the table's body: three lines a row
    for i, r in zip(range(0, len(cells), 3), rows, strict=True):
        mine = cells[i:i + 3]
        assert [c[0] for c in mine] == [r["id"], r["thread"], f"size {r['size']}"], mine
        # the outlet folded in the one row in 20 whose outlet is widest ("asharqalaws" / "at")
        assert [mine[0][1], "".join(c[1] for c in mine[1:])] == [r["start"][:10], r["first_seen_outlet"]], mine
        said = [c[2] for c in mine if c[2]]
        assert len(said) >= 2, mine
        _read_cut(said[:-1], r["label"].split())
        # the biggest outlets with their counts, then how many are left out, "+3 more" ("+3" where
        # that does not fit); one too wide for the column with its count and the mark,
        # "asharqalawsat (1), +1" at 50 columns, without its count: "asharqalawsat +1"
        biggest = [f"{o['outlet'] or '(no outlet)'} ({o['articles']})" for o in r["outlets"]]
        counted = re.fullmatch(r"(.*?),? \+(\d+)(?: more)?", said[-1])
        outlets = (counted[1] if counted else said[-1]).split(", ")
        assert outlets[:-1] == biggest[:len(outlets) - 1], mine
        assert outlets[-1] == biggest[len(outlets) - 1] or (counted and f"{outlets[-1]} (" in biggest[0]), mine
        assert len(outlets) + (int(counted[2]) if counted else 0) == len(biggest), (mine, biggest)


@pytest.mark.parametrize("width", [50, 58, 62, 63, 64])
def test_a_narrow_terminal_shows_a_thread_in_three_lines(
    width: int, fakes_dev_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 58 columns the 50 threads of FA-KES dev (its dev split) and examples/ took 227 lines, their
    labels beside the two counts' column a word or two a line, and at 50 columns 399 as records. A
    thread takes three lines: its id over its stories and articles counted, "4 stories" / "12
    articles", its span, and its label, cut to three lines with " …" where it goes on, no word
    broken: 157 lines. At 63 and 64 columns they took 172 and 167 lines, the label beside the
    counts' column a word or two a line ("Idlib, Khan" / "Sheikhoun, Assad:" / "chemical weapons"
    / "attack"), where the three lines a thread cut no label: the brief that cuts nothing is
    written wherever it is shorter, 157 lines."""
    assert main(["threads", "--db", str(fakes_dev_db), "--json", "--limit", "50"]) == 0
    rows = json.loads(capsys.readouterr().out)
    shown = _shown(["threads", "--db", str(fakes_dev_db)], width, capsys, monkeypatch)
    header = next(line for line in shown.splitlines() if line.startswith("┃"))
    assert [h.strip() for h in header.split("┃")[1:-1]] == ["id", "span", "label"], header
    cells = _stories_cells(shown)
    assert len(cells) == 3 * len(rows), shown  # the table's body: three lines a row
    for i, r in zip(range(0, len(cells), 3), rows, strict=True):
        mine = cells[i:i + 3]
        stories = f"{len(r['stories'])} {'story' if len(r['stories']) == 1 else 'stories'}"
        assert [c[0] for c in mine] == [r["id"], stories, f"{r['size']} articles"], mine
        assert [c[1] for c in mine[:2]] == [r["start"][:10], r["end"][:10]], mine
        _read_cut([c[2] for c in mine if c[2]], r["label"].split())


def _report_lines_out_of_line(shown: str, head: bool = False) -> list[str]:
    """The lines of a compare report's notes, provenance and findings that start at column 0 or end
    in a space: a note's wrapped lines go under its first word (6 columns in), each edge's under
    its first word, a finding's under its summary's, its evidence under the evidence's, and those of
    the line counting the findings left out ("  … 13 more") under its "…". ``head``: 'story''s head
    line, its label, above "story ID" too, which starts at column 0 as its words do."""
    section, more, wrong = "head" if head else "", False, []
    for line in shown.splitlines():
        if line == "provenance" or line.startswith("findings ("):
            section = line.split()[0]
            continue
        if section == "head" and line.startswith("story "):
            section = ""  # the story's fields and its articles' table: not the report's
        if line.startswith("note: "):
            section = "notes"
        if not line or not section:
            continue
        more = more or (section == "findings" and line.startswith("  … "))
        if section == "notes":
            hangs = line.startswith(("note: ", " " * 6))
        elif section == "findings":
            hangs = bool(re.match(r" {1,2}\d+\. | {5}", line)) or (more and line.startswith("  "))
        else:
            hangs = section == "head" or line.startswith("  ")
        if line.endswith(" ") or not hangs:
            wrong.append(line)
    return wrong


@pytest.mark.parametrize(("width", "top"), [(40, 25), (58, 25), (80, 25), (40, 3)])
def test_a_compare_report_s_wrapped_lines_stay_under_their_first_word(
    width: int, top: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'compare examples' (and 'story', which prints the same report) wrapped a finding past the
    terminal's width to column 0: at 40 columns "  1. [Headline unsupported] The headline" /
    "of “United Nations Finally … Civilians”,", each line of an evidence span and of a provenance
    edge's "(publication_order, containment," too, and the lines it broke ended in a space. Each
    now hangs under its item's first word; the report's words and their order are as they were.
    So do its notes, "note: rt.com: 10 more claims only it" / "carries are not listed, ...", and
    the line counting the findings --top leaves out, "  … 13 more (--top 0 shows all; all" / "of
    them in --json and --html)"."""
    argv = ["compare", str(EXAMPLES), "--top", str(top)]
    shown = _shown(argv, width, capsys, monkeypatch)
    assert "findings (" in shown and "provenance" in shown and "\nnote: " in shown
    assert ("more (--top 0 shows all" in shown) is (top < 16), shown
    assert _report_lines_out_of_line(shown) == [], shown
    monkeypatch.setenv("COLUMNS", "1000")
    assert main(argv) == 0
    wide = capsys.readouterr().out
    assert shown.split("\nnote: ", 1)[1].split() == wide.split("\nnote: ", 1)[1].split()


def test_a_story_s_report_at_40_columns_keeps_its_wrapped_lines_under_their_first_word(
    fakes_dev_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'story ID' on the biggest story of FA-KES dev (its dev split) at 40 columns: its articles are
    records that read whole, and its 25 findings wrapped to column 0 as 'compare' did; so did its
    notes ("note: ahram #3 and alalam are dated the" / "same day ...") and its label, the head line
    ("Madaya, Kefraya, Rashidin: buses " / "evacuees evacuations"), which ended in a space."""
    assert main(["stories", "--db", str(fakes_dev_db), "--json", "--limit", "1"]) == 0
    story = json.loads(capsys.readouterr().out)[0]["id"]
    shown = _shown(["story", story, "--db", str(fakes_dev_db)], 40, capsys, monkeypatch)
    assert "findings (" in shown and "\nnote: " in shown
    assert _report_lines_out_of_line(shown, head=True) == [], shown


def _claims_lines_out_of_line(shown: str) -> list[str]:
    """The lines of an article's quotes and counts ('extract', and 'compare' or 'story' of one
    article after its report) that start at column 0 or end in a space: its head line, title,
    outlet and date, wraps at column 0, where its words start; each quote's and count's wrapped
    lines go under the first word after its kind, "  quote ", "  said  " or "  count ", 8 columns in."""
    claims, wrong = False, []
    for line in shown.splitlines():
        item = line.startswith(("  quote ", "  said  ", "  count ", "  none"))
        claims = bool(line) and (claims or item)
        if line.endswith(" ") or (claims and not (item or line.startswith(" " * 8))):
            wrong.append(line)
    return wrong


@pytest.mark.parametrize("command", ["extract", "compare"])
def test_an_article_s_claims_wrap_under_their_first_word(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'extract' and 'compare' of one article (whose note says its claims are listed) wrapped each
    quote and count to column 0 at 40 columns: "  count 200–999 civilians «hundreds of " /
    "civilians» event killed, window during ", each broken line ending in a space, and the head
    line "United Nations Finally Acknowledges " too. They hang under the words after "count",
    "quote" or "said", as a note of the report does under "note:"."""
    inputs = sorted(map(str, EXAMPLES.iterdir()))
    argv = ["extract", *inputs] if command == "extract" else ["compare", inputs[0]]
    shown = _shown(argv, 40, capsys, monkeypatch)
    claims = shown if command == "extract" else shown[shown.index("\nfindings (") :]
    assert "  count " in claims and "  quote " in claims, shown
    assert _claims_lines_out_of_line(claims) == [], shown
    monkeypatch.setenv("COLUMNS", "1000")
    assert main(argv) == 0
    wide = capsys.readouterr().out
    assert wide[wide.index(claims.split()[0]) :].split() == claims.split()


@pytest.mark.parametrize("width", [40, 100])
def test_extract_shows_each_quote_whole_and_a_very_long_one_cut_at_a_word_saying_how_much(
    width: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'extract' on examples/ cut each quote longer than 90 characters mid-word with "...", 23 of its
    37: de Mistura's "... should be reminded that nothing justifies the use of disproportionat...", the
    words the report's findings turn on gone. Each quote is whole, wrapped under its first word; one
    longer than ``QUOTE_CHARS`` (Jim Jatras's 727 characters in RT's report) is cut after a whole word
    and says how much is left out and where it is: "… (N more characters: --json has the whole quote)"."""
    from newstrace.cli.extract import QUOTE_CHARS

    inputs = sorted(map(str, EXAMPLES.iterdir()))
    assert main(["extract", *inputs, "--json"]) == 0
    quotes = [" ".join(q["text"].split()) for d in json.loads(capsys.readouterr().out) for q in d["quotes"]]
    shown = " ".join(_shown(["extract", *inputs], width, capsys, monkeypatch).split())
    assert "..." not in shown
    whole = [q for q in quotes if len(q) <= QUOTE_CHARS]
    assert len(whole) == 36 and sum(len(q) > 90 for q in whole) == 22
    assert [q for q in whole if f"): {q}" not in shown] == []
    (long,) = [q for q in quotes if len(q) > QUOTE_CHARS]
    m = re.search(re.escape(long[:40]) + r".*? … \((\d+) more characters: --json has the whole quote\)", shown)
    assert m is not None, shown
    head = m.group()[: m.group().index(" … (")]
    assert long.startswith(head + " ") and len(head) <= QUOTE_CHARS and int(m.group(1)) == len(long) - len(head) - 1
    assert f"one longer than {QUOTE_CHARS} characters" in (EXAMPLES.parent / "docs" / "cli.md").read_text(encoding="utf-8")
