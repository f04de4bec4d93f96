"""Readers on real text: the seeds as .txt, and every other format generated from them in tmp dirs."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import count_calls, undo_migrations_from_13
from fuzz.samples import (
    REWRITE_TITLE,
    REWRITE_TXT,
    RT_TITLE,
    RT_TXT,
    RT_URL,
    Seed,
    csv_text,
    good_files,
    html_page,
    record,
    seeds,
    warc_bytes,
    write_all,
)
from newstrace.clean.text import normalize_body
from newstrace.errors import InputError, LimitError, NewstraceError
from newstrace.ingest import SUPPORTED, read_articles, read_inputs
from newstrace.ingest.base import check_size
from newstrace.limits import Limits, env_problems, human_bytes
from newstrace.model import Article, stable_id
from newstrace.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def read_one(path: Path, **kw: object) -> Article:
    arts = read_articles([path], **kw)  # type: ignore[arg-type]
    assert len(arts) == 1
    return arts[0]


# -- the seeds -------------------------------------------------------------------------------------


def test_rewrite_seed_header_facts_and_clean_body(rewrite: Article) -> None:
    assert rewrite.title == REWRITE_TITLE
    assert rewrite.author == "Baran Hines"
    assert rewrite.published == date(2016, 11, 2)
    assert "Home / Be The Change" not in rewrite.text
    assert "Leave a comment" not in rewrite.text
    assert not rewrite.text.endswith("Share")
    assert rewrite.text.endswith("heightened war rhetoric .")
    # the story's own words stay as written: the bracketed insertion and the odd spacing before quotes
    assert "indiscriminate [attacks,] including heavy weapons" in rewrite.text
    assert "as “ relentless and indiscriminate”" in rewrite.text
    assert rewrite.text.count("\n\n") == 10  # the file's eleven body lines, one paragraph each


def test_rt_seed_title_sidecar_and_read_more_removed(rt: Article) -> None:
    assert rt.title == RT_TITLE
    assert (rt.outlet, rt.url, rt.published) == ("rt.com", RT_URL, date(2016, 10, 30))
    assert "READ MORE" not in rt.text
    assert "Over 16,000 Syrians killed by US-backed rebels since February" not in rt.text  # the cross-link
    assert "over 16,000 people have fallen victim to opposition groups" in rt.text
    assert rt.text.startswith("United Nations Special Envoy for Syria Staffan de Mistura said he is “appalled")
    assert rt.source and rt.source.endswith("001_b27ff7eeccda9d61.txt") and rt.record is None


def test_ids_are_stable_and_derived_from_clean_text_and_url(rt: Article, rewrite: Article) -> None:
    again = {a.title: a.id for a in read_articles([EXAMPLES])}
    assert again == {rt.title: rt.id, rewrite.title: rewrite.id}
    assert rt.id == stable_id(rt.text, RT_URL)
    assert rewrite.id == stable_id(rewrite.text, None)


def test_no_clean_keeps_the_files_characters(tmp_path: Path) -> None:
    for src in (RT_TXT, REWRITE_TXT):
        raw = src.read_text(encoding="utf-8")
        a = read_one(src, clean=False)
        assert a.text == raw
        phrase = "indiscriminate [attacks,]"
        assert a.text.index(phrase) == raw.index(phrase)
    # CRLF and a BOM: --no-clean keeps the CRs (offsets are into the decoded file, BOM excluded)
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbf" + RT_TXT.read_bytes().replace(b"\n", b"\r\n"))
    a = read_one(crlf, clean=False)
    assert a.text == RT_TXT.read_text(encoding="utf-8").replace("\n", "\r\n")
    assert read_one(crlf).text == read_one(RT_TXT).text  # cleaning makes them equal again


def test_no_clean_html_keeps_the_markup(tmp_path: Path) -> None:
    page = tmp_path / "rt-page.html"
    page.write_text(html_page(seeds()[0]), encoding="utf-8")
    a = read_one(page, clean=False)
    assert a.text == page.read_text(encoding="utf-8")
    assert a.title == RT_TITLE  # metadata still comes from the page


# -- sidecars --------------------------------------------------------------------------------------


def test_sidecar_supplies_and_overrides_metadata(tmp_path: Path) -> None:
    txt = tmp_path / "copy.txt"
    txt.write_bytes(REWRITE_TXT.read_bytes())
    (tmp_path / "copy.meta.json").write_text(
        json.dumps({"outlet": "thefreethoughtproject.com", "published": "2016-11-03", "id": "ftp-1", "desk": "antiwar"}),
        encoding="utf-8",
    )
    a = read_one(txt)
    assert (a.id, a.outlet, a.published) == ("ftp-1", "thefreethoughtproject.com", date(2016, 11, 3))
    assert a.author == "Baran Hines" and a.title == REWRITE_TITLE  # not overridden, still from the header
    assert a.meta == {"desk": "antiwar"}
    # the folder reader does not treat the sidecar as an input of its own
    assert [x.id for x in read_articles([tmp_path])] == ["ftp-1"]


def test_two_outlets_identical_copies_without_urls_are_two_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two outlets print one text and neither copy has a URL. The derived id was a hash of text
    and URL, so both copies had one id and the second replaced the first outlet's article: the
    very copying newstrace exists to trace was lost. The outlet now takes the URL's place in the
    hash; a copy that only corrects its own outlet's metadata still updates it without a word."""
    from newstrace.cli.main import main

    db = tmp_path / "news.db"
    for outlet in ("thefreethoughtproject.com", "anonhq.com"):
        folder = tmp_path / outlet
        folder.mkdir()
        (folder / "copy.txt").write_bytes(REWRITE_TXT.read_bytes())
        (folder / "copy.meta.json").write_text(json.dumps({"outlet": outlet}), encoding="utf-8")
    assert main(["ingest", str(tmp_path / "thefreethoughtproject.com"), "--db", str(db), "--json"]) == 0
    capsys.readouterr()
    assert main(["ingest", str(tmp_path / "anonhq.com"), "--db", str(db), "--json", "--strict"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["added"], out["updated"], out["warnings"]) == (1, 0, [])
    with Store(db) as store:
        assert sorted(a.outlet or "" for a in store.iter_articles()) == ["anonhq.com", "thefreethoughtproject.com"]
    # both copies in one folder: two articles, not an id read twice
    both = tmp_path / "both"
    both.mkdir()
    for outlet in ("a.example", "b.example"):
        (both / f"{outlet}.txt").write_bytes(REWRITE_TXT.read_bytes())
        (both / f"{outlet}.meta.json").write_text(json.dumps({"outlet": outlet}), encoding="utf-8")
    assert len({a.id for a in read_articles([both])}) == 2
    # the same outlet's copy with a corrected date replaces it without a word
    (tmp_path / "anonhq.com" / "copy.meta.json").write_text(
        json.dumps({"outlet": "anonhq.com", "published": "2016-11-03"}), encoding="utf-8"
    )
    assert main(["ingest", str(tmp_path / "anonhq.com"), "--db", str(db), "--json", "--strict"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["updated"] == 1 and out["warnings"] == []


#: two outlets' exports that each number their articles from 1
RT_1 = {"id": "1", "outlet": "RT", "title": "Rockets hit Aleppo", "published": "2016-10-30",
        "text": "Rockets hit west Aleppo on Sunday, killing scores of civilians, the UN envoy said in a statement issued in Geneva."}
SANA_1 = {"id": "1", "outlet": "SANA", "title": "Army advances", "published": "2016-10-31",
          "text": "Army units advanced in the countryside of Hama on Monday, a military source told SANA reporters in the field."}
SANA_WARNING = "sana.jsonl: 1 id also used by another outlet kept as SANA:1; give each article its own id to avoid this"


def _exports(tmp_path: Path, **files: list[dict[str, str]]) -> dict[str, str]:
    """JSON lines files named by the keywords, in ``tmp_path``, which the commands run in."""
    for name, rows in files.items():
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return {name: f"{name}.jsonl" for name in files}


def _ingest(*args: str) -> dict[str, Any]:
    """``ingest ARGS --json``'s document; the command must succeed."""
    from newstrace.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["ingest", *args, "--json"]) == 0, err.getvalue()
    doc: dict[str, Any] = json.loads(out.getvalue())
    return doc


def _stored(db: Path) -> dict[str, str | None]:
    with Store(db, readonly=True) as store:
        return {a.id: a.outlet for a in store.iter_articles()}


def test_two_outlets_that_number_their_articles_from_1_keep_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An id an input gives is a key within its outlet. Read in one run, SANA's 1 was dropped as a
    repeat of RT's; ingested later, it replaced RT's. Now it is stored as SANA:1 with one warning
    for its file, a re-run in either order adds nothing, and ``show SANA:1`` finds it."""
    from newstrace.cli.main import main

    monkeypatch.chdir(tmp_path)
    f = _exports(tmp_path, rt=[RT_1], sana=[SANA_1])
    out = _ingest(f["rt"], f["sana"], "--db", "d.db")
    assert (out["added"], out["updated"]) == (2, 0) and out["warnings"] == [SANA_WARNING]
    assert _stored(tmp_path / "d.db") == {"1": "RT", "SANA:1": "SANA"}
    for order in ((f["rt"], f["sana"]), (f["sana"], f["rt"]), (f["sana"],)):
        out = _ingest(*order, "--db", "d.db", "--strict")  # found stored as SANA:1: nothing new to say
        assert (out["added"], out["updated"], out["unchanged"]) == (0, 0, len(order)), order
        assert (out["warnings"], out["warnings_total"]) == ([], 0)
    assert _stored(tmp_path / "d.db") == {"1": "RT", "SANA:1": "SANA"}
    capsys.readouterr()
    assert main(["show", "SANA:1", "--db", "d.db", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["id"], shown["outlet"], shown["title"], shown["record"]) == ("SANA:1", "SANA", "Army advances", 1)
    assert main(["show", "1", "--db", "d.db", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outlet"] == "RT"

    # SANA's file first, in one run or two: SANA's is 1 and RT's RT:1, again whatever the order after
    out = _ingest(f["sana"], "--db", "e.db")
    out = _ingest(f["rt"], "--db", "e.db")
    assert out["added"] == 1 and out["warnings"] == [SANA_WARNING.replace("sana", "rt").replace("SANA", "RT")]
    for order in ((f["rt"], f["sana"]), (f["sana"], f["rt"])):
        out = _ingest(*order, "--db", "e.db")
        assert (out["added"], out["updated"], out["unchanged"]) == (0, 0, 2)
    assert _stored(tmp_path / "e.db") == {"1": "SANA", "RT:1": "RT"}
    out = _ingest(f["sana"], f["rt"], "--db", "f.db")
    assert out["added"] == 2 and _stored(tmp_path / "f.db") == _stored(tmp_path / "e.db")


def test_an_outlet_spelled_in_another_case_is_the_outlet_the_database_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """"RT" in one export and "rt" in another were two outlets: the second's id 1, which SANA's
    holds, became rt:1 beside RT:1, and the network, the filters and each story counted two. A new
    article's outlet is spelled as the database spells it, case aside (as the run first wrote it
    when the database names no such outlet); an id newstrace derives from it is derived from that
    spelling. Re-runs add nothing, and rows an older newstrace stored under each spelling stay."""
    monkeypatch.chdir(tmp_path)
    lower = {"outlet": "rt", "published": "2016-10-31"}
    f = _exports(
        tmp_path,
        sana=[SANA_1],
        rt=[RT_1, {"id": "2", "outlet": "RT", "title": "Convoy", "text": "An aid convoy reached the besieged town of Madaya on Tuesday."}],
        rt_lower=[{**lower, "id": "1", "title": "Strike", "text": RT_1["text"] + " Rescuers said."},
                  {**lower, "id": "3", "title": "Talks", "text": "Talks on a ceasefire resumed in Geneva on Wednesday, diplomats said."},
                  {**lower, "title": "No id", "text": "Shelling was reported overnight in the eastern districts of the city."}],
    )
    derived = stable_id("Shelling was reported overnight in the eastern districts of the city.", None, "RT")
    _ingest(f["sana"], f["rt"], "--db", "d.db")
    out = _ingest(f["rt_lower"], "--db", "d.db")
    assert (out["added"], out["updated"]) == (2, 1)  # RT's 1, updated: one outlet's id 1 is one article
    assert _stored(tmp_path / "d.db") == {"1": "SANA", "RT:1": "RT", "2": "RT", "3": "RT", derived: "RT"}
    for order in ((f["rt_lower"],), (f["sana"], f["rt_lower"])):
        out = _ingest(*order, "--db", "d.db", "--strict")
        assert (out["added"], out["updated"], out["warnings"]) == (0, 0, []), order
    # in one run, the first spelling read
    _ingest(f["rt_lower"], f["rt"], "--db", "e.db")
    assert set(_stored(tmp_path / "e.db").values()) == {"rt"}

    # two spellings stored already: each keeps its rows and ids, a third goes to the earliest
    with Store(tmp_path / "old.db") as store:
        store.add_articles([Article(id="7", text="Seven.", outlet="rt"), Article(id="8", text="Eight.", outlet="RT")])
    f = _exports(tmp_path, again=[{"id": "7", "outlet": "rt", "text": "Seven."}, {"id": "8", "outlet": "RT", "text": "Eight."},
                                  {"id": "9", "outlet": "Rt", "text": "Nine."}])
    out = _ingest(f["again"], "--db", "old.db")
    assert (out["added"], out["updated"], out["unchanged"]) == (1, 0, 2)
    assert _stored(tmp_path / "old.db") == {"7": "rt", "8": "RT", "9": "rt"}


def test_the_same_outlets_id_is_still_its_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same outlet, same id: in one run the first record is kept (a warning for the later one);
    across runs it updates the article. An article with no outlet is keyed by its id alone, as
    before: nothing tells it from another outlet's article, so it is that article."""
    monkeypatch.chdir(tmp_path)
    corrected = {**SANA_1, "title": "Army advances in Hama"}
    f = _exports(tmp_path, rt=[RT_1], sana=[SANA_1, corrected], fixed=[corrected], anon=[{**SANA_1, "outlet": None}])
    out = _ingest(f["rt"], f["sana"], "--db", "d.db")
    assert out["added"] == 2
    assert out["warnings"] == [  # in the order stderr says them, each file's repeats as it ends
        SANA_WARNING, "sana.jsonl:2: id 1 was already read in this run; its first record is kept"
    ]
    out = _ingest(f["fixed"], "--db", "d.db", "--strict")  # SANA's correction: its article, updated
    assert (out["added"], out["updated"], out["warnings"]) == (0, 1, [])
    with Store(tmp_path / "d.db", readonly=True) as store:
        assert store.find_article("SANA:1").title == "Army advances in Hama"
        assert store.find_article("1").title == "Rockets hit Aleppo"
    out = _ingest(f["rt"], f["anon"], "--db", "e.db")  # no outlet: RT's 1, as it always was
    assert out["added"] == 1 and out["warnings"] == ["anon.jsonl:1: id 1 was already read in this run; its first record is kept"]
    out = _ingest(f["anon"], "--db", "e.db")
    assert (out["added"], out["updated"], out["warnings"]) == (0, 1, [])
    assert _stored(tmp_path / "e.db") == {"1": None}


def test_a_strict_re_run_of_the_same_inputs_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first ``ingest --strict`` of RT's and SANA's exports exits 2: SANA's 1 was kept as
    SANA:1, which the user must hear of. Every re-run said it again and exited 2 too, though it
    found SANA's article stored under SANA:1 and nothing happened. Now only an id qualified anew
    is warned of: the re-run exits 0, and one that brings SANA's 2, taken by RT's 2, warns of it
    alone and exits 2."""
    from newstrace.cli.main import main

    monkeypatch.chdir(tmp_path)
    rt = [{**RT_1, "id": str(i), "text": f"{RT_1['text']} Report {i}."} for i in (1, 2)]
    f = _exports(tmp_path, rt=rt, sana=[SANA_1], more=[SANA_1, {**SANA_1, "id": "2", "text": "SANA's second."}])
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        assert main(["ingest", f["rt"], f["sana"], "--db", "d.db", "--strict"]) == 2
        assert SANA_WARNING in err.getvalue()
        for _ in range(2):
            err.truncate(0)
            assert main(["ingest", f["rt"], f["sana"], "--db", "d.db", "--strict"]) == 0, err.getvalue()
            assert "warning" not in err.getvalue() and "kept as" not in err.getvalue(), err.getvalue()
        err.truncate(0)
        assert main(["ingest", f["sana"], f["more"], f["rt"], "--db", "d.db", "--strict"]) == 2
    said = err.getvalue()
    assert "more.jsonl: 1 id also used by another outlet kept as SANA:2" in said and said.count("kept as") == 1, said
    assert _stored(tmp_path / "d.db") == {"1": "RT", "2": "RT", "SANA:1": "SANA", "SANA:2": "SANA"}


def test_a_files_qualified_ids_are_one_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many ids of one file taken by another outlet's articles: one line, the count and the first."""
    monkeypatch.chdir(tmp_path)
    rt = [{**RT_1, "id": str(i), "text": f"{RT_1['text']} Report {i}."} for i in range(1, 4)]
    sana = [{**SANA_1, "id": str(i), "text": f"{SANA_1['text']} Report {i}."} for i in range(1, 5)]
    f = _exports(tmp_path, rt=rt, sana=sana)
    out = _ingest(f["rt"], f["sana"], "--db", "d.db")
    assert out["added"] == 7
    assert out["warnings"] == [
        "sana.jsonl: 3 ids also used by another outlet kept as OUTLET:ID, such as SANA:1; give each article its own id to avoid this"
    ]
    assert sorted(_stored(tmp_path / "d.db")) == ["1", "2", "3", "4", "SANA:1", "SANA:2", "SANA:3"]


def test_commands_that_store_nothing_say_the_qualified_id_truly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``compare``, ``reuse`` and ``extract`` read their inputs as ``ingest`` does and key SANA's 1
    as SANA:1, but store nothing: their warning said it was "stored as SANA:1". Every command
    now says the article is kept as SANA:1, which is true of all of them."""
    from newstrace.cli.main import main

    monkeypatch.chdir(tmp_path)
    f = _exports(tmp_path, rt=[RT_1], sana=[SANA_1])
    for command in (["compare", "--json", "-"], ["reuse", "--json"], ["extract", "--json"]):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            assert main([*command, f["rt"], f["sana"]]) == 0, err.getvalue()
        said = err.getvalue()
        assert SANA_WARNING in said and "stored" not in said, (command, said)


def test_a_files_qualified_ids_are_said_before_the_next_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SANA's "kept as SANA:1" was said only when the next file's first article came: after that
    file's own warnings when it had none (its one record has no text), or after the next file was
    named unreadable. It is said once SANA's file is read, before anything of the next file."""
    monkeypatch.chdir(tmp_path)
    f = _exports(tmp_path, rt=[RT_1], sana=[SANA_1], untexted=[{"id": "9", "outlet": "RT", "title": "No body"}])
    out = _ingest(f["rt"], f["sana"], f["untexted"], "--db", "d.db")
    assert out["added"] == 2
    assert [w.split(":")[0] for w in out["warnings"]] == ["sana.jsonl", "untexted.jsonl"], out["warnings"]
    assert out["warnings"][0] == SANA_WARNING and "record has no text" in out["warnings"][1]
    # the last file's, as the run ends, before the report of the run
    from newstrace.cli.main import main

    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        assert main(["ingest", f["rt"], f["sana"], "--db", "e.db"]) == 0
    assert err.getvalue().index("kept as SANA:1") < err.getvalue().index("e.db: 2 added")


def test_qualified_ids_never_collide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outlets with a colon in their name cannot make another outlet's qualified id (``a:b`` with
    id ``c``, ``a`` with ``b:c``); an input that gives another outlet's article an id of the
    ``OUTLET:ID`` form is qualified again rather than replaced, and nothing moves on a re-run."""
    from newstrace.model import qualified_id

    assert qualified_id("a:b", "c") == "a%3Ab:c" != qualified_id("a", "b:c") == "a:b:c"
    assert qualified_id("50%", "1") == "50%25:1" != qualified_id("50%25", "1")
    monkeypatch.chdir(tmp_path)
    odd = {**RT_1, "id": "SANA:1", "outlet": "Odd", "text": "An odd outlet's article whose id looks qualified."}
    f = _exports(tmp_path, rt=[RT_1], odd=[odd], sana=[SANA_1], colon=[{**SANA_1, "outlet": "S:A", "text": "S:A's own."}])
    out = _ingest(f["rt"], f["odd"], f["sana"], f["colon"], "--db", "d.db")
    assert out["added"] == 4
    assert _stored(tmp_path / "d.db") == {"1": "RT", "SANA:1": "Odd", "SANA:SANA:1": "SANA", "S%3AA:1": "S:A"}
    out = _ingest(f["colon"], f["sana"], f["odd"], f["rt"], "--db", "d.db")
    assert (out["added"], out["updated"], out["unchanged"]) == (0, 0, 4)


def test_the_store_keys_what_it_is_given_by_the_same_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``Store.add_articles`` applies the rule itself (a library caller, or an article another
    process stored under the id since it was read): another outlet's id becomes ``OUTLET:ID`` and
    is listed, and ``ingest`` says so as it says its own; ``keep_ids`` (``load-results``) keeps
    the ids the results name."""
    rt, sana = (Article.create(d["text"], id=d["id"], outlet=d["outlet"], source=f"{d['outlet']}.jsonl") for d in (RT_1, SANA_1))
    with Store(tmp_path / "news.db") as store:
        assert store.add_articles([rt]).added == 1
        c = store.add_articles([sana])
        assert (c.added, c.updated, c.qualified, c.outlet_replaced) == (1, 0, [("SANA.jsonl", "1", "SANA:1")], [])
        again = store.add_articles([sana, rt])  # found under SANA:1: no news
        assert (again.unchanged, again.qualified) == (2, [])
        assert store._holder("SANA:1") == ("SANA", False, None) and store._holder("2") is None
    with Store(tmp_path / "kept.db") as store:
        store.add_articles([rt])
        c = store.add_articles([sana], keep_ids=True)
        assert (c.updated, c.outlet_replaced) == (1, [("1", "RT", "SANA")])
    # RT's 1 stored by another process after ingest read SANA's file: the write keys it
    monkeypatch.chdir(tmp_path)
    f = _exports(tmp_path, rt=[RT_1], sana=[SANA_1])
    _ingest(f["rt"], "--db", "late.db")
    monkeypatch.setattr(Store, "_holder", lambda self, article_id: None)  # what the read saw
    out = _ingest(f["sana"], "--db", "late.db")
    assert out["added"] == 1 and out["warnings"] == [SANA_WARNING]
    assert _stored(tmp_path / "late.db") == {"1": "RT", "SANA:1": "SANA"}


def test_ingest_json_lists_the_first_warnings_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each of a run's warnings was held to the end for the ``--json`` document, a million of them
    for a million records with a date that cannot be read. The document keeps the first
    ``JSON_WARNINGS`` and counts the rest; stderr still says every one as it comes."""
    from newstrace.cli import ingest as cli_ingest
    from newstrace.cli.main import main

    monkeypatch.setattr(cli_ingest, "JSON_WARNINGS", 10)
    n = 300
    letters = "abcdefghijklmnopqrstuvwxyz"
    path = tmp_path / "undated.jsonl"
    # a distinct date each (no two warnings alike, so none are grouped) and a distinct text
    path.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "published": f"unknown {letters[i % 26]}{letters[i // 26]}",
                        "text": f"Article number {i} says something of its own."}) + "\n"
            for i in range(n)
        ),
        encoding="utf-8",
    )
    assert main(["ingest", str(path), "--db", str(tmp_path / "news.db"), "--json", "--strict"]) == 2
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["added"] == n and out["warnings_total"] == n
    assert len(out["warnings"]) == 11 and "date 'unknown aa' cannot be read" in out["warnings"][0]
    assert out["warnings"][-1] == f"and {n - 10} more warnings, said on stderr"
    assert captured.err.count("cannot be read") == n


def test_ingest_json_that_stores_nothing_names_no_database_it_did_not_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that read no article (a folder of PDFs, a JSON array of no records) exits 2 and made
    no database, but its ``--json`` named one, ``"db": "new.db"``, beside counts of 0, as a run
    that stored nothing new in it would: a script took the file for made. The document names the
    database only where there is one and says what ended the run, as stderr's last line does."""
    from newstrace.cli.main import main

    monkeypatch.chdir(tmp_path)
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (tmp_path / "none.json").write_text("[]", encoding="utf-8")

    def ingest(*args: str) -> tuple[int, dict[str, Any], str]:
        code = main(["ingest", *args, "--json"])
        said = capsys.readouterr()
        return code, json.loads(said.out), (said.err.splitlines() or [""])[-1]

    for given, error in (("reports", "reports: no articles could be read"), ("none.json", "no articles found in none.json")):
        code, doc, last = ingest(given, "--db", "new.db")
        assert (code, doc["db"], doc["error"], last) == (2, None, error, f"newstrace: error: {error}"), doc
        assert doc["added"] == 0 and not (tmp_path / "new.db").exists()
    # a database that is there is named, and what the run said of the inputs
    code, doc, _ = ingest(str(EXAMPLES), "--db", "old.db")
    assert (code, doc["db"], doc["error"], doc["added"]) == (0, "old.db", None, 2)
    code, doc, _ = ingest("reports", "--db", "old.db")
    assert (code, doc["db"], doc["error"], doc["added"]) == (2, "old.db", "reports: no articles could be read", 0)
    assert doc["skipped"] == [f"reports: folder holds no supported files ({SUPPORTED})"]


def test_repeated_ids_are_one_line_on_stderr_and_in_the_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An export giving its two articles 100 times each printed a warning line per repeated record,
    198 lines burying anything else said; the file's repeats are one line, naming the first ids with
    their records and counting the rest, and ``--json`` lists and counts that line as stderr says
    it, as it does every grouped warning (it listed each repeat and counted 198)."""
    from newstrace.cli.main import main

    rt, rw = seeds()
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps({**record(a), "id": f"n{a is rw:d}"}) + "\n" for _ in range(100) for a in (rt, rw)),
                    encoding="utf-8")
    assert main(["ingest", str(path), "--db", str(tmp_path / "n.db"), "--json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    line = (f"{path}: 198 records repeat an id already read in this run, each skipped (its first record is kept): "
            "id n0 (lines 3, 5, 7), id n1 (lines 4, 6, 8) and 192 more records")
    assert (doc["added"], doc["warnings"], doc["warnings_total"]) == (2, [line], 1)
    assert captured.err.splitlines() == [f"warning: {line}"]


def test_ingesting_the_folder_that_holds_the_database_passes_over_no_file_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``newstrace ingest .`` in a folder of saved texts puts the default database there, and every
    later run said 'passed over: 3 files of types ingest does not read in the folders given (1 .db,
    1 .db-shm, 1 .db-wal)': the database it writes to and SQLite's files beside it, counted as a
    user's file of another type (and in ``--json``'s ``passed_over``). They are the run's own; a
    PDF beside them is still said."""
    from newstrace.cli.main import main

    folder = tmp_path / "saved"
    folder.mkdir()
    for seed in EXAMPLES.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    monkeypatch.chdir(folder)
    assert main(["ingest", "."]) == 0
    assert main(["ingest", ".", "--json"]) == 0
    said = capsys.readouterr()
    assert "passed over" not in said.err and json.loads(said.out)["passed_over"] == {}, said.err
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "newstrace.db.lock").write_bytes(b"")  # as 'analyze' leaves it
    assert main(["ingest", ".", "--json"]) == 0
    said = capsys.readouterr()
    assert json.loads(said.out)["passed_over"] == {".pdf": 1}, said.err


def test_a_text_read_twice_without_an_id_is_said_as_the_same_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The seed saved twice in a folder, and an export whose records give no id and repeat: each
    later copy was said as 'b.txt: id f2b3... was already read in this run; its first record is
    kept', of an id the user never gave (newstrace derives it from the text) and a record a text
    file does not have, which left them to work out that b.txt was the same text as a.txt and
    skipped. A copy whose id is derived is said as the same text, and that it is skipped."""
    from newstrace.cli.main import main

    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes(REWRITE_TXT.read_bytes())
    rt, rw = seeds()
    export = tmp_path / "feed.jsonl"
    rows = [{k: v for k, v in record(a).items() if k != "id"} for a in (rt, rw)]
    export.write_text("".join(json.dumps(r) + "\n" for r in rows + rows + rows[:1]), encoding="utf-8")
    copy = folder / "b.txt"
    assert main(["ingest", str(folder), str(export), "--db", str(tmp_path / "n.db"), "--json"]) == 0
    said = capsys.readouterr()
    doc = json.loads(said.out)
    copied = read_one(folder / "a.txt").id
    rt_id, rw_id = (a.id for a in read_articles([export])[:2])
    lines = [
        f"{copy}: the same text as an article already read in this run (id {copied}), skipped; the first one read is kept",
        f"{export}: 3 records repeat the text of an article already read in this run, each skipped (the first "
        f"one read is kept): id {rt_id} (lines 3, 5), id {rw_id} (line 4)",
    ]
    assert doc["added"] == 3 and doc["warnings"] == lines  # as stderr says them: one line for the export's
    assert said.err.splitlines()[:2] == [f"warning: {line}" for line in lines]


def test_a_repeated_record_is_named_as_its_reader_names_the_files_records(tmp_path: Path) -> None:
    """A JSON Lines record was 'F record N' in the repeated-id warning and 'F:N' in every other
    warning of its file. It is named as its reader names the file's records: by its line in JSON
    Lines, by its number where that is no line (a pretty-printed document saved as ``.jsonl``, a
    CSV, whose rows may span lines)."""
    from newstrace.ingest import read_unique

    rt = seeds()[0]
    rec = record(rt)
    lines, pretty, table = tmp_path / "feed.jsonl", tmp_path / "pretty.jsonl", tmp_path / "feed.csv"
    lines.write_text(json.dumps(rec) + "\n\n{broken\n" + json.dumps(rec) + "\n", encoding="utf-8")
    pretty.write_text(json.dumps([rec, rec], indent=2), encoding="utf-8")
    table.write_text(csv_text([{**rec, "text": "Line one\n\nof a text over lines. " + rec["text"]}, rec], ["id", "title", "text"]),
                     encoding="utf-8")
    said: list[str] = []
    assert len(list(read_unique([lines], warn=said.append))) == 1
    assert said[0].startswith(f"{lines}:3: invalid JSON")
    assert said[1:] == [f"{lines}:4: id {rt.id} was already read in this run; its first record is kept"]
    said.clear()
    assert len(list(read_unique([pretty, table], warn=said.append))) == 1
    assert said == [f"{pretty}: record 2: id {rt.id} was already read in this run; its first record is kept",
                    f"{table}: 2 records repeat an id already read in this run, each skipped (its first record is "
                    f"kept): id {rt.id} (records 1, 2)"]


def test_a_database_from_before_outlets_counted_in_ids_keeps_its_ids(tmp_path: Path) -> None:
    """A database ingested when a derived id left the outlet out: ingesting the same file again
    finds each article under its old id (unchanged, its analysis kept), while another outlet's
    identical copy is an article of its own."""
    txt = tmp_path / "copy.txt"
    txt.write_bytes(REWRITE_TXT.read_bytes())
    (tmp_path / "copy.meta.json").write_text(json.dumps({"outlet": "anonhq.com"}), encoding="utf-8")
    (art,) = read_articles([txt])
    old = dataclasses.replace(art, id=stable_id(art.text, None))
    assert old.id != art.id
    with Store(tmp_path / "news.db") as store:
        assert store.add_articles([old]).added == 1
        again = store.add_articles([art])
        assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
        other = dataclasses.replace(art, outlet="thefreethoughtproject.com")
        other = dataclasses.replace(other, id=stable_id(other.text, None, other.outlet))
        assert store.add_articles([other]).added == 1
        assert sorted(a.id for a in store.iter_articles()) == sorted([old.id, other.id])


def test_a_sidecar_date_that_cannot_be_read_is_said(tmp_path: Path) -> None:
    """The article is kept, undated, and the warning names the file and the value it could not read."""
    txt = tmp_path / "copy.txt"
    txt.write_bytes(REWRITE_TXT.read_bytes())
    (tmp_path / "copy.meta.json").write_text(json.dumps({"published": "the day after"}), encoding="utf-8")
    warnings: list[str] = []
    (a,) = read_inputs([txt], warn=warnings.append)
    assert a.published is None and a.title == REWRITE_TITLE
    assert warnings == [f"{txt}: date 'the day after' cannot be read; the article has no date"]


def test_dates_that_cannot_be_read_do_not_each_cost_a_dateparser_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """dateparser spent 10-20 ms on each value that is no date (40,000 took 8.5 minutes): text
    with fewer than two runs of digits, which no day and year can be written in, never reaches it,
    and a value repeated reaches it once."""
    import dateparser

    from newstrace.ingest.base import _other_language

    calls: list[str] = []
    parse = dateparser.parse

    def counted(text: str, *args: object, **kwargs: object) -> object:
        calls.append(text)
        return parse(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dateparser, "parse", counted)
    _other_language.cache_clear()
    junk = ["n/a", "unknown", "yesterday-ish", "Posted by admin", "Updated {} hours ago", "page {}", "#{}"]
    values = [j.format(i) if "{}" in j else f"{j} {i}" for i in range(150) for j in junk]
    values += ["Posted by admin on page 3 of 12"] * 1000  # two runs of digits, said a thousand times
    path = tmp_path / "junk.jsonl"
    path.write_text(
        "".join(json.dumps({"id": f"j{i}", "published": v, "text": f"Article {i} of the night."}) + "\n"
                for i, v in enumerate(values)),
        encoding="utf-8",
    )
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert len(arts) == len(values) and all(a.published is None for a in arts)
    assert warnings and all("cannot be read; the article has no date" in w for w in warnings)
    assert calls == ["Posted by admin on page 3 of 12"]


def test_a_text_file_of_one_line_is_its_body_with_or_without_a_final_newline(tmp_path: Path) -> None:
    """A one-line file was read as all body without a final newline and as all title with one,
    then skipped as 'no article text' (Clough & Stevenson's g0pD_taskd.txt, one answer of 100)."""
    line = "Bayes' theorem in connection with conditional probabilities is of fundamental importance."
    for name, raw in (("bare.txt", line), ("ended.txt", line + " \n"), ("blank-lines.txt", "\n" + line + "\n\n")):
        (tmp_path / name).write_text(raw, encoding="utf-8")
        a = read_one(tmp_path / name)
        assert (a.title, a.text) == (None, line), name


def test_a_date_without_a_year_is_not_read_as_1900(tmp_path: Path) -> None:
    """dateutil fills what a date leaves out from its default, 1 January 1900: a scraped "14 March",
    "10:30 PM EST" or "12" was stored as published in 1900, before every other article of its
    stream. Such a value is a date that cannot be read (warned of); a year 1900 written is kept."""
    from newstrace.ingest.base import parse_date_value

    for value in ("14 March", "Monday 14 March", "10:30 PM EST", "12", "11:36", "4/7", "15 August"):
        assert parse_date_value(value) is None, value
        assert parse_date_value(value, day_first=True) is None, value
    assert parse_date_value("1 January 1900") == date(1900, 1, 1)
    assert parse_date_value("Nov 2, 2016") == date(2016, 11, 2)
    path = tmp_path / "scraped.jsonl"
    path.write_text(json.dumps({"id": "a", "published": "14 March", "text": "Rockets hit west Aleppo."}) + "\n", encoding="utf-8")
    warnings: list[str] = []
    (a,) = read_inputs([path], warn=warnings.append)
    assert a.published is None
    assert warnings == [f"{path}:1: date '14 March' cannot be read; the article has no date"]



def test_a_field_of_another_json_type_is_named_as_json_writes_it(tmp_path: Path) -> None:
    """A JSON ``true`` as a date was named 'True' in the warning (Python's spelling); and an id
    given as a list ``[1, 2]`` silently became the id "1" (its first item), ``true`` the id "True":
    the record is refused, named, as a record without a body is, and the others are read."""
    body = "A U.S. missile strike on an airbase near the Syrian city of Homs on Friday caused deaths, Homs Governor Talal Barazi said."
    rows = [
        {"id": "a", "published": True, "text": body},
        {"id": [1, 2], "published": "2017-04-07", "text": body + " Again."},
        {"id": True, "text": body + " Once more."},
        {"id": {"value": 3}, "text": body + " And again."},
        {"id": 7, "published": 1.5, "text": body + " Last."},
    ]
    path = tmp_path / "typed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    warnings: list[str] = []
    arts = read_inputs([path], warn=warnings.append)
    assert [a.id for a in arts] == ["a", "7"] and all(a.published is None for a in arts)
    assert warnings == [
        f"{path}:1: date true cannot be read; the article has no date",
        f"{path}:2: id [1, 2] is not a text or a number, skipped",
        f"{path}:3: id true is not a text or a number, skipped",
        f'{path}:4: id {{"value": 3}} is not a text or a number, skipped',
        f"{path}:5: date 1.5 cannot be read; the article has no date",
    ]

def test_a_time_written_without_its_colon_is_no_year(tmp_path: Path) -> None:
    """Wire copy writes 19:00 as "1900 GMT", and dateutil read the four digits as a year: "14 March
    at 1900 GMT" was stored as published on 14 March 1900 ("at 2000 GMT" in 2000). Such a time
    has its colon: without a year elsewhere the value is a date without a year (no date, warned
    of), with one it is that day at that time; a year where a date's year stands is still a year."""
    from newstrace.ingest.base import parse_date_value

    for value in ("14 March at 1900 GMT", "14 March at 2000 GMT", "March 14 at 1930 GMT", "14 March at 1900 hrs", "1900 GMT"):
        assert parse_date_value(value) is None, value
    assert parse_date_value("14 March 2017 at 1900 GMT") == datetime(2017, 3, 14, 19, 0, tzinfo=UTC)
    assert parse_date_value("14 March 2017 at 0930") == datetime(2017, 3, 14, 9, 30)
    # AFP in FA-KES: "the freeze on fighting that began at 7pm (1600 GMT) on September 12 2016"
    assert parse_date_value("1600 GMT on September 12 2016") == datetime(2016, 9, 12, 16, 0, tzinfo=UTC)
    assert parse_date_value("14 March 2017 GMT") == date(2017, 3, 14)
    assert parse_date_value("March 14, 2017 GMT") == date(2017, 3, 14)
    assert parse_date_value("14 March 1900") == date(1900, 3, 14)
    path = tmp_path / "wire.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": i, "published": when, "text": "Rockets hit west Aleppo."}) + "\n"
            for i, when in (("a", "14 March at 1900 GMT"), ("b", "14 March 2017 at 1900 GMT"))
        ),
        encoding="utf-8",
    )
    warnings: list[str] = []
    a, b = read_inputs([path], warn=warnings.append)
    assert a.published is None
    assert warnings == [f"{path}:1: date '14 March at 1900 GMT' cannot be read; the article has no date"]
    assert b.published == datetime(2017, 3, 14, 19, 0, tzinfo=UTC)
    assert b.to_dict()["published"] == "2017-03-14T19:00:00+00:00"


def test_four_digits_where_a_year_stands_before_a_zone_are_a_time_unless_they_may_be_the_year() -> None:
    """"14 March 1900 GMT" (no "at") was still published in 1900: four digits where a date's year
    stands stayed a year. No news was published before 2000 with a zone written, so they are 19:00
    on a day without a year (no date, warned of); a year news may have stays one ("14 March 2017
    GMT"), unless the value writes its year elsewhere, and a time after a year is a time."""
    from newstrace.ingest.base import parse_date_value

    for value in ("14 March 1900 GMT", "March 14 1900 GMT", "Tuesday 14 March 1930 UTC", "14 March 0930 EST", "14 March 1900 hrs"):
        assert parse_date_value(value) is None, value
    assert parse_date_value("14 March 2017 1900 GMT") == datetime(2017, 3, 14, 19, 0, tzinfo=UTC)
    assert parse_date_value("14 March 2000 GMT, 2017") == datetime(2017, 3, 14, 20, 0, tzinfo=UTC)
    assert parse_date_value("14 March 2000 GMT") == date(2000, 3, 14)
    assert parse_date_value("14 March 2017 GMT") == date(2017, 3, 14)
    # with no zone after them the four digits are the year, as dateutil reads them
    assert parse_date_value("14 March 1900") == date(1900, 3, 14)
    # FA-KES's wire copy writes 20:00 as "(2000 GMT)": four digits before a zone and not where a
    # year stands are a time, so "2017 GMT 14 March" is 20:17 on a day without a year
    assert parse_date_value("2017 GMT 14 March") is None


def test_a_record_text_given_as_paragraphs_is_joined_not_spelled_as_a_list(tmp_path: Path) -> None:
    """Scrapers export ``"text": ["para", "para"]``: the article stored was "['para', 'para']",
    brackets and quotes included; an object in the text field is no text and says so."""
    rt = seeds()[0]
    path = tmp_path / "scraped.jsonl"
    lines = [record(rt, text=rt.paragraphs), record(rt, id="obj", text={"body": rt.text})]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    warnings: list[str] = []
    (a,) = read_inputs([path], warn=warnings.append)
    assert a.text == normalize_body("\n\n".join(rt.paragraphs)) and not a.text.startswith("[")
    assert warnings == [f"{path}:2: text is an object, not text, skipped"]


def test_a_record_text_that_is_a_number_is_skipped_not_stored_as_digits(tmp_path: Path) -> None:
    """``"text": 5`` was stored as an article reading "5" (and ``true`` as "True"); such a record
    is skipped with a warning naming the file, its line and the field as the record names it."""
    rt = seeds()[0]
    path = tmp_path / "numbers.jsonl"
    good = record(rt)
    lines = [record(rt, id="n", text=5), good, {"id": "b", "title": rt.title, "body": True},
             record(rt, id="l", text=[1, 2])]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    warnings: list[str] = []
    (a,) = read_inputs([path], warn=warnings.append)
    assert a.text == normalize_body(str(good["text"]))
    assert warnings == [
        f"{path}:1: text is the number 5, not text, skipped",
        f"{path}:3: body is true, not text, skipped",
        f"{path}:4: text is a list holding numbers, not paragraphs of text, skipped",
    ]


def test_a_pretty_printed_array_saved_as_jsonl_is_read_as_json(tmp_path: Path) -> None:
    """``json.dump(records, f, indent=2)`` into ``export.jsonl``: each of its lines was an invalid
    JSON line, a warning apiece, then 'no articles found'."""
    rt, rw = seeds()
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps([record(rt), record(rw)], indent=2), encoding="utf-8")
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert [a.id for a in arts] == [rt.id, rw.id] and warnings == []
    assert arts[0].text == normalize_body(rt.text)


def test_json_lines_saved_as_json_is_read_as_json_lines(tmp_path: Path) -> None:
    """Datasets ship JSON Lines as ``.json`` (HuffPost's News Category Dataset is one record a
    line in ``News_Category_Dataset_v3.json``): read as one document it was "invalid JSON (Extra
    data at line 2 column 1)", skipped, no article. Its records are read line by line and named
    by their line, as a ``.jsonl`` file's are; a single object, compact or pretty-printed, is
    still one record, and an array still its records."""
    import gzip

    from newstrace.ingest.records import source_name

    rt, rw = seeds()
    lines = json.dumps(record(rt)) + "\n\n" + json.dumps(record(rw)) + "\n" + '{"text": "cut sh'
    for name in ("News_Category_Dataset_v3.json", "export.json.gz"):
        path = tmp_path / name
        path.write_bytes(gzip.compress(lines.encode()) if name.endswith(".gz") else lines.encode())
        warnings: list[str] = []
        arts = list(read_inputs([path], warn=warnings.append))
        assert [(a.id, a.record) for a in arts] == [(rt.id, 1), (rw.id, 3)], name
        assert arts[1].text == normalize_body(rw.text)
        assert warnings == [f"{path}:4: invalid JSON (Unterminated string starting at column 10); the file ends inside "
                            "this record: it looks cut short, skipped"], name
        assert source_name(str(path), 3) == f"{path}:3"
    for text in (json.dumps(record(rt)) + "\n", json.dumps(record(rt), indent=2), json.dumps([record(rt), record(rw)]) + "\n"):
        path = tmp_path / "one.json"
        path.write_text(text, encoding="utf-8")
        assert [a.id for a in read_inputs([path])] == [rt.id, rw.id][: 2 if text.startswith("[") else 1]
        assert source_name(str(path), 1) == f"{path}: record 1"


def test_a_record_text_that_is_markup_is_read_as_its_text(tmp_path: Path) -> None:
    """A CMS export gives a body as its rendered markup (WordPress's ``content``): it was stored as
    it came, "<p>United Nations ...", its tags and link addresses words of the article. Two
    block-level tags make it markup: paragraphs one a line, tags dropped, entities read, so it
    is the text a plain record of the same body gives. A link in plain text is left as it is, as
    FNC-1's two bodies with an ``<a href>`` keep theirs, and ``--no-clean`` keeps the markup."""
    import html as html_lib

    rt = seeds()[0]
    markup = "\n".join(f"<p class='body'>{html_lib.escape(p)}</p>" for p in rt.paragraphs)
    markup = markup.replace("de Mistura", '<a href="https://www.rt.com/tags/de-mistura/">de\nMistura</a>', 1)
    markup += '<script>var ad = "<p>buy</p>";</script><!-- comments: 12 --><div class="share">&nbsp;</div>'
    plain = {"outlet": "rt.com", "title": RT_TITLE, "text": rt.text}
    rendered = {"outlet": "rt.com", "title": RT_TITLE, "content": markup}
    linked = {"outlet": "rt.com", "title": RT_TITLE, "text": rt.text.replace("Aleppo", '<a href="/tags/aleppo">Aleppo</a>', 1)}
    path = tmp_path / "wp.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (plain, rendered, linked)), encoding="utf-8")
    want, got, link = read_inputs([path])
    assert got.text == want.text and "<" not in got.text
    assert '<a href="/tags/aleppo">Aleppo</a>' in link.text
    raw = list(read_inputs([path], clean=False))[1]
    assert raw.text == markup


def test_newsapi_and_schema_org_date_fields_are_the_date(tmp_path: Path) -> None:
    """NewsAPI exports ``publishedAt``, schema.org ``datePublished``, spreadsheets
    ``publication_date``: none was a known name, so the date went to metadata and the article was
    undated (stories are built in publication order) without a word."""
    rt = seeds()[0]
    path = tmp_path / "newsapi.jsonl"
    lines = []
    for i, name in enumerate(("publishedAt", "datePublished", "publication_date")):
        r = {k: v for k, v in record(rt, id=f"rt-{i}").items() if k != "published"}
        lines.append({**r, name: "2016-10-30T16:20:00Z"})
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    arts = read_articles([path])
    assert [str(a.published) for a in arts] == ["2016-10-30 16:20:00+00:00"] * 3
    assert all(a.meta == {} for a in arts)


def test_outlet_and_authors_given_as_named_objects(tmp_path: Path) -> None:
    """NewsAPI gives ``"source": {"id": null, "name": "RT"}``, schema.org exports
    ``"author": [{"@type": "Person", "name": ...}]``: the outlet fell back to the URL's host and
    the author was stored as the objects' Python spelling ("{'@type': 'Person', ...}")."""
    rt = seeds()[0]
    path = tmp_path / "newsapi.jsonl"
    rec = {k: v for k, v in record(rt).items() if k not in ("outlet", "author")}
    rec["source"] = {"id": None, "name": "RT International"}
    rec["author"] = [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}]
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    a = read_one(path)
    assert (a.outlet, a.author) == ("RT International", "Jane Doe, John Roe")


def test_dates_written_in_other_languages(tmp_path: Path) -> None:
    """Le Monde's "30 octobre 2016", Spiegel's "30. Oktober 2016, 16:20 Uhr", "2016年10月30日": each
    record was stored undated (dateutil reads English only). A relative date stays unread: it
    would depend on the day of the ingest."""
    rt = seeds()[0]
    path = tmp_path / "europe.jsonl"
    values = ["30 octobre 2016", "30. Oktober 2016, 16:20 Uhr", "2016年10月30日", "vor 2 Tagen"]
    path.write_text(
        "".join(json.dumps(record(rt, id=f"rt-{i}", published=v)) + "\n" for i, v in enumerate(values)), encoding="utf-8"
    )
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert [str(a.published) for a in arts] == ["2016-10-30", "2016-10-30 16:20:00", "2016-10-30", "None"]
    assert warnings == [f"{path}:4: date 'vor 2 Tagen' cannot be read; the article has no date"]


def test_api_response_wrapping_its_records_under_another_name(tmp_path: Path) -> None:
    """An API dump ``{"status": "ok", "data": [...]}`` was read as one record without text:
    'no articles found'. A record that has a text field of its own stays one record."""
    rt, rw = seeds()
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": "ok", "count": 2, "data": [record(rt), record(rw)]}), encoding="utf-8")
    assert [a.id for a in read_articles([path])] == [rt.id, rw.id]
    one = tmp_path / "one.json"
    one.write_text(json.dumps({**record(rt), "tags": [{"name": "Syria"}]}), encoding="utf-8")
    assert [a.id for a in read_articles([one])] == [rt.id]


def test_a_basic_iso_day_is_a_day_not_midnight(tmp_path: Path) -> None:
    """GDELT and many feeds write days as 20161030: it was stored as 2016-10-30T00:00:00, a time
    the input never gave, while 2016-10-30 is stored as the day."""
    rt = seeds()[0]
    path = tmp_path / "gdelt.jsonl"
    path.write_text(json.dumps(record(rt, published="20161030")) + "\n", encoding="utf-8")
    assert read_one(path).published == date(2016, 10, 30)


def test_a_record_date_that_cannot_be_read_is_said_by_both_engines(tmp_path: Path) -> None:
    """A scraper's relative date ("vor 2 Tagen") or a flag in the date column: the record's article
    was stored undated without a word, though ``ingest --json`` promises a warning for each date
    not read (only one-article files gave one). The Spark engine's reading of a record says the same."""
    from newstrace.engine.spark import _records_to_articles

    rt = seeds()[0]
    path = tmp_path / "scraped.jsonl"
    path.write_text(json.dumps(record(rt, published="vor 2 Tagen")) + "\n", encoding="utf-8")
    warnings: list[str] = []
    (a,) = read_inputs([path], warn=warnings.append)
    assert a.published is None and a.title == RT_TITLE
    assert warnings == [f"{path}:1: date 'vor 2 Tagen' cannot be read; the article has no date"]
    rows = [(str(path), record(rt, published="vor 2 Tagen"), 0, None)]
    assert [k for k, _ in _records_to_articles(rows, {})] == ["article", "undated"]
    assert [w for k, w in _records_to_articles(rows, {}) if k == "undated"] == warnings


def test_the_spark_engine_reads_a_files_slash_dates_in_the_order_the_local_reader_does(tmp_path: Path) -> None:
    """A European export's 25/12/2017 makes a local reader take its 4/7/2017 as 4 July; the Spark
    engine read each record on its own, so the same file gave April 7 there: other dates, other
    stories. It reads them in the order the whole file's dates decide, whatever the partitions."""
    from newstrace.engine.spark import _records_to_articles, _slash_orders

    rt = seeds()[0]
    records = [
        record(rt, id="a", published="4/7/2017"),
        record(rt, id="b", published="25/12/2017"),
    ]
    path = tmp_path / "eu.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    local = {a.id: a.published for a in read_articles([path])}
    assert local == {"a": date(2017, 7, 4), "b": date(2017, 12, 25)}
    rows = [(str(path), r, i, None) for i, r in enumerate(records)]
    orders = {str(path): frozenset(order for _, order in _slash_orders(rows))}
    partitions = [rows[:1], rows[1:]]  # the ambiguous date's partition holds nothing that decides
    spark = {d["id"]: d["published"] for part in partitions for k, d in _records_to_articles(part, orders) if k == "article"}
    assert spark == {i: p.isoformat() for i, p in local.items() if p is not None}


def test_the_spark_engine_warns_of_a_files_undecided_dates_as_the_local_reader_does(tmp_path: Path) -> None:
    """A file no date decides: each of its partitions counts its own ambiguous dates, and the
    driver says the local reader's one warning for the file, with the total and the file's first
    example, whatever order the partitions come back in."""
    from newstrace.engine.spark import _ambiguous_warnings, _records_to_articles

    rt = seeds()[0]
    days = ["4/7/2017", "2017-07-05", "5/7/2017", "6.7.2017"]
    records = [record(rt, id=f"rt-{i}", published=d) for i, d in enumerate(days)]
    path = tmp_path / "either.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    said: list[str] = []
    list(read_inputs([path], warn=said.append))
    rows = [(str(path), r, i, None) for i, r in enumerate(records)]
    counts = [c for part in (rows[2:], rows[:2]) for k, c in _records_to_articles(part, {}) if k == "ambiguous"]
    assert len(counts) == 2
    assert _ambiguous_warnings(counts, {}) == [
        w.replace("'newstrace ingest', 'compare', 'reuse', 'extract' and 'stance' take",
                  "'newstrace analyze --engine spark' takes") for w in said
    ]
    assert "3 dates such as '4/7/2017' read month-first" in said[0]
    assert [k for k, _ in _records_to_articles(rows, {}, day_first=True)].count("ambiguous") == 0


def test_broken_sidecar_names_itself(tmp_path: Path) -> None:
    txt = tmp_path / "a.txt"
    txt.write_bytes(RT_TXT.read_bytes())
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.meta\.json: unreadable metadata sidecar"):
        read_articles([txt])
    (tmp_path / "a.meta.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="must be a JSON object"):
        read_articles([txt])


def test_a_sidecar_that_links_to_no_file_is_said_not_passed_over(tmp_path: Path) -> None:
    """A sidecar kept as a link (to a metadata folder, say) whose target has moved was read as no
    sidecar: the article lost the outlet, date and id its user linked in, and nothing said so. It
    is named with what it links to, as a sidecar of broken JSON is; one linking to itself no
    longer stops a run with an internal error (RuntimeError: Symlink loop) when another sidecar is
    given beside its article. A link to a real sidecar is read as ever."""
    txt = tmp_path / "a.txt"
    txt.write_bytes(RT_TXT.read_bytes())
    side = tmp_path / "a.meta.json"
    side.symlink_to(tmp_path / "moved" / "a.meta.json")
    with pytest.raises(InputError, match=r"a\.meta\.json: metadata sidecar is a link to no file \(.*moved"):
        read_articles([txt])
    errors: list[str] = []
    assert list(read_inputs([txt, side], on_error=lambda e: errors.append(str(e)))) == []
    assert len(errors) == 1 and "is a link to no file" in errors[0]  # said once, by its article's read
    side.unlink()
    side.symlink_to(side.name)  # a loop
    (tmp_path / "b.txt").write_bytes(REWRITE_TXT.read_bytes())
    (tmp_path / "b.meta.json").write_text(json.dumps({"outlet": "b.example"}), encoding="utf-8")
    errors.clear()
    read = list(read_inputs([txt, tmp_path / "b.txt", tmp_path / "b.meta.json"], on_error=lambda e: errors.append(str(e))))
    assert [a.outlet for a in read] == ["b.example"]
    assert len(errors) == 1 and "a loop of links" in errors[0]
    side.unlink()
    (tmp_path / "meta").mkdir()
    (tmp_path / "meta" / "rt.json").write_text(json.dumps({"outlet": "rt.com", "id": "rt-1"}), encoding="utf-8")
    side.symlink_to(tmp_path / "meta" / "rt.json")
    assert [(a.id, a.outlet) for a in read_articles([txt, side])] == [("rt-1", "rt.com")]


def test_a_records_lone_surrogate_escape_is_replaced_and_said(tmp_path: Path) -> None:
    """JSON may escape half of a UTF-16 pair alone ("\\ud83d", an emoji cut in two by whatever
    truncated the text): json.loads gives a lone surrogate, which spaCy's tokenizer and SQLite
    refuse, so ``extract`` and ``compare`` of such a record, and ``ingest`` of it, stopped with an
    internal error (UnicodeEncodeError, exit 70) for the whole run. Each is now U+FFFD, one for
    one so offsets hold, and the record is named in a warning, as an invalid byte of a file is."""
    from newstrace.claims import extract_claims
    from newstrace.cli.main import main

    body = "The mayor said \\\"we are fine\\\" on Monday \\ud83d in the city, the council said."
    line = '{"id": "s1", "title": "Shelling \\udcff in Aleppo", "text": "' + body + '", "desk": "\\ud800"}'
    for name, data in (("a.jsonl", line + "\n"), ("a.json", "[" + line + "]")):
        f = tmp_path / name
        f.write_text(data, encoding="utf-8")
        said: list[str] = []
        (a,) = read_inputs([f], warn=said.append)
        assert a.title == "Shelling \ufffd in Aleppo" and "Monday \ufffd in the city" in a.text
        assert a.meta == {"desk": "\ufffd"}
        assert said == [f"{f}{':1' if name.endswith('l') else ': record 1'}: lone surrogate escape (half a character, such as an emoji cut in two) replaced by U+FFFD"]
        assert [q.text for q in extract_claims(a).quotes if q.direct] == ["we are fine"]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["ingest", str(tmp_path / "a.jsonl"), "--db", str(tmp_path / "s.db"), "--json"]) == 0, err.getvalue()
    assert json.loads(out.getvalue())["added"] == 1
    assert [a.title for a in Store(tmp_path / "s.db").iter_articles()] == ["Shelling \ufffd in Aleppo"]


def test_a_sidecars_lone_surrogate_escape_is_replaced_and_said(tmp_path: Path) -> None:
    """A sidecar is JSON too: its lone surrogate escape ('"outlet": "rt\\ud83d.com"') reached
    SQLite, and ``ingest`` of the article beside it stopped with an internal error
    (UnicodeEncodeError, exit 70). It is U+FFFD, said as a record's is."""
    from newstrace.cli.main import main

    txt = tmp_path / "a.txt"
    txt.write_bytes(RT_TXT.read_bytes())
    side = tmp_path / "a.meta.json"
    side.write_text('{"outlet": "rt\\ud83d.com", "desk": "\\ud800"}', encoding="utf-8")
    said: list[str] = []
    (a,) = read_inputs([txt], warn=said.append)
    assert a.outlet == "rt\ufffd.com" and a.meta == {"desk": "\ufffd"}
    assert said == [f"{side}: lone surrogate escape (half a character, such as an emoji cut in two) replaced by U+FFFD"]
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        assert main(["ingest", str(txt), "--db", str(tmp_path / "s.db")]) == 0, err.getvalue()
    assert [a.outlet for a in Store(tmp_path / "s.db").iter_articles()] == ["rt\ufffd.com"]


def test_a_sidecar_larger_than_a_file_may_be_is_refused_unread(tmp_path: Path) -> None:
    """A sidecar is a few fields; one linked to a log or a dump (say, a link gone astray) was
    read whole by json.loads, however large. It is held to the one-article file limit, as the
    article beside it is, and named with its size (a LimitError: exit 4 when it is all there is)."""
    txt = tmp_path / "a.txt"
    txt.write_bytes(RT_TXT.read_bytes())
    big = tmp_path / "dump.json"
    big.write_text(json.dumps({"outlet": "rt.com", "pad": "x" * 20_000}), encoding="utf-8")
    (tmp_path / "a.meta.json").symlink_to(big)
    with pytest.raises(LimitError, match=r"a\.meta\.json: metadata sidecar of 20 kB is larger than the 10 kB limit"):
        list(read_inputs([txt], limits=Limits(max_file_bytes=10_000)))
    assert [a.outlet for a in read_inputs([txt], limits=Limits(max_file_bytes=30_000))] == ["rt.com"]


# -- record formats --------------------------------------------------------------------------------


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    write_all(tmp_path, good_files())
    return tmp_path


@pytest.mark.parametrize("name", ["both.jsonl", "both.json", "wrapped.json"])
def test_json_records_keep_ids_fields_and_extras(good: Path, name: str) -> None:
    arts = read_articles([good / name])
    assert [a.id for a in arts] == ["rt-364760", "tm-rewrite"]
    rt, rw = arts
    assert (rt.title, rt.outlet, rt.url, rt.published) == (RT_TITLE, "rt.com", RT_URL, date(2016, 10, 30))
    assert (rw.title, rw.author, rw.published) == (REWRITE_TITLE, "Baran Hines", date(2016, 11, 2))
    assert rt.meta == {"section": "news"} and rw.meta == {"section": "be-the-change"}
    assert [a.record for a in arts] == [1, 2]
    assert rt.text == normalize_body(seeds()[0].text)  # records are cleaned like any body
    assert "READ MORE" in seeds()[0].text and "READ MORE" not in rt.text


def test_csv_with_dataset_aliases(good: Path) -> None:
    rt, rw = read_articles([good / "fakes.csv"])
    assert (rt.title, rt.outlet, rt.published) == (RT_TITLE, "rt.com", date(2016, 10, 30))
    assert rw.title == REWRITE_TITLE and rw.meta == {"label": "1"}
    assert rt.id == stable_id(rt.text, None, "rt.com")  # no id or URL column: text and outlet
    assert "scores of civilians in Aleppo over the last 48 hours" in rt.text


def test_jsonl_html_field_goes_through_the_html_extractor(tmp_path: Path) -> None:
    rt = seeds()[0]
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"url": rt.url, "html": html_page(rt)}) + "\n", encoding="utf-8")
    a = read_one(path)
    assert a.title == RT_TITLE and a.outlet == "rt.com" and a.published == date(2016, 10, 30)
    assert "relentless and indiscriminate" in a.text and "<p>" not in a.text


def test_json_bad_records_are_skipped_with_their_number(tmp_path: Path) -> None:
    rt, rw = seeds()
    path = tmp_path / "mixed.json"
    path.write_text(
        json.dumps([record(rt), "not an object", {"title": "no body"}, {"text": "   "}, record(rw)]), encoding="utf-8"
    )
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert [a.id for a in arts] == ["rt-364760", "tm-rewrite"]
    assert [w.split(": ")[1] for w in warnings] == ["record 2", "record 3", "record 4"]  # a JSON array has no lines
    assert "not a JSON object" in warnings[0] and "no text or html field" in warnings[1] and "no article text" in warnings[2]


def test_json_cut_in_a_string_is_said_without_a_doubled_at(tmp_path: Path) -> None:
    """Python's message for a string cut short ends in "at": the place added after it read
    'Unterminated string starting at at line 1 column 23', in a JSON file and a JSON Lines line."""
    cut = '[{"id": "a", "text": "Rockets hit west Alep'
    whole, one, lines = tmp_path / "cut.json", tmp_path / "one.json", tmp_path / "cut.jsonl"
    whole.write_text(cut, encoding="utf-8")  # an array, streamed
    one.write_text(cut[1:], encoding="utf-8")  # one record, parsed whole
    lines.write_text(json.dumps({"id": "b", "text": "Rockets hit west Aleppo."}) + "\n" + cut[1:] + "\n", encoding="utf-8")
    errors: list[NewstraceError] = []
    warnings: list[str] = []
    assert [a.id for a in read_inputs([whole, one, lines], warn=warnings.append, on_error=errors.append)] == ["b"]
    assert [str(e) for e in errors] == [
        f"{whole}: invalid JSON (Unterminated string starting at line 1 column 22)",
        f"{one}: invalid JSON (Unterminated string starting at line 1 column 21)",
    ]
    assert warnings == [f"{lines}:2: invalid JSON (Unterminated string starting at column 21), skipped"]


def test_csv_malformed_row_stops_with_a_warning(tmp_path: Path) -> None:
    rt = seeds()[0]
    path = tmp_path / "cut.csv"
    path.write_text(f'title,text\n"{RT_TITLE}","{rt.paragraphs[0]}"\nsecond,"unterminated\x00', encoding="utf-8")
    warnings: list[str] = []
    errors: list[NewstraceError] = []
    arts = list(read_inputs([path], warn=warnings.append, on_error=errors.append))
    assert len(arts) <= 1 and all(a.title == RT_TITLE for a in arts)
    assert warnings or errors


def test_a_tsv_without_a_text_column_lists_its_columns(tmp_path: Path) -> None:
    """PolNeAR's metadata.tsv was refused as a CSV of one column, 'compartment\\x09filename...':
    split on commas, since no delimiter made its header name a text column."""
    path = tmp_path / "metadata.tsv"
    path.write_text("compartment\tfilename\tpublisher\ttitle\ndev\tbreitbart_2016\tbreitbart\tA title\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_articles([path])
    assert str(e.value).endswith("; found compartment, filename, publisher, title)")


def test_csv_invalid_utf8_warns_once(tmp_path: Path) -> None:
    rt = seeds()[0]
    path = tmp_path / "latin.csv"
    body = rt.paragraphs[0].replace("’", "'")
    path.write_bytes(("title,text\n" + f'"{RT_TITLE}","{body}"\n').encode("utf-8").replace(b"de Mistura", b"de Mist\xfcra"))
    warnings: list[str] = []
    a = next(read_inputs([path], warn=warnings.append))
    assert "de Mist\ufffdra" in a.text
    assert len(warnings) == 1 and "latin.csv" in warnings[0] and "invalid UTF-8" in warnings[0]


@pytest.mark.parametrize(
    ("name", "delimiter", "encoding"),
    [("export.csv", ";", "utf-8"), ("export.tsv", "\t", "utf-8"), ("unicode.txt.csv", "\t", "utf-16"),
     ("wide.csv", ",", "utf-32"), ("wide-be.csv", ",", "utf-32-be-bom")],
)
def test_csv_with_semicolons_tabs_or_utf16_is_read(tmp_path: Path, name: str, delimiter: str, encoding: str) -> None:
    """A European spreadsheet saves with ';', a TSV export with tabs, Excel's "Unicode text" in
    UTF-16: each was refused as having no text column (the header read as one column)."""
    import csv
    import io

    rt, rw = seeds()
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter)
    w.writerow(["id", "title", "source", "date", "text"])
    for s in (rt, rw):
        w.writerow([s.id, s.title, s.outlet, s.published, s.text])
    path = tmp_path / name
    if encoding.endswith("-bom"):  # Python writes no mark for utf-32-be itself
        path.write_bytes(b"\x00\x00\xfe\xff" + buf.getvalue().encode(encoding.removesuffix("-bom")))
    else:
        path.write_bytes(buf.getvalue().encode(encoding))
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert warnings == []
    assert [(a.id, a.title, a.outlet, a.published) for a in arts] == [(s.id, s.title, s.outlet, date.fromisoformat(s.published)) for s in (rt, rw)]
    assert arts[0].text == normalize_body(rt.text)


@pytest.mark.parametrize(("delimiter", "bom", "line_end"), [(";", "\ufeff", "\r\n"), ("\t", "", "\n"), (",", "", "\r\n")])
def test_an_excel_csv_whose_first_line_names_its_delimiter_is_read(
    tmp_path: Path, delimiter: str, bom: str, line_end: str
) -> None:
    """Excel reads, and European exports write, a first line ``sep=;`` naming a CSV's delimiter.
    The file was refused whole, "CSV has no text column (... found sep=, )": the line is the
    delimiter, and the header the line after it, its records numbered by their lines as ever."""
    import csv
    import io

    rt, rw = seeds()
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=line_end)
    w.writerow(["id", "title", "source", "date", "text"])
    for s in (rt, rw):
        w.writerow([s.id, s.title, s.outlet, s.published, s.text])
    w.writerow(["3", "no text", "rt.com", "2016-10-31", ""])
    path = tmp_path / "export.csv"
    written = f"{bom}sep={delimiter}{line_end}{buf.getvalue()}"
    path.write_text(written, encoding="utf-8", newline="")
    line = written.split(f"{line_end}3{delimiter}")[0].count("\n") + 2  # the empty record's first line
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert [(a.id, a.title, a.outlet, a.published) for a in arts] == [(s.id, s.title, s.outlet, date.fromisoformat(s.published)) for s in (rt, rw)]
    assert arts[0].text == normalize_body(rt.text)
    assert line > 5 and warnings == [f"{path}:{line}: record's text is empty, skipped"]  # numbered as ever


def test_csv_exports_joined_by_cat_do_not_store_the_second_header_as_an_article(tmp_path: Path) -> None:
    """Two exports of one table joined by ``cat a.csv b.csv > all.csv`` (each with Excel's byte
    order mark): the second header was read as a record and stored as an article, id "id", title
    "title", text "text" (1 word), warned of only as 'date 'date' cannot be read'. A row that is
    the header again is no record; the rows around it are numbered as before."""
    import csv
    import io

    rt, rw = seeds()

    def export(*rows: Any) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(["id", "title", "source", "date", "text"])
        for s in rows:
            w.writerow([s.id, s.title, s.outlet, s.published, s.text])
        return "\ufeff" + buf.getvalue()

    path = tmp_path / "all.csv"
    path.write_text(export(rt) + export(rw), encoding="utf-8", newline="")
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert [(a.id, a.title, a.record) for a in arts] == [(rt.id, rt.title, 1), (rw.id, rw.title, 3)]
    assert warnings == []


def test_a_csv_header_naming_a_field_twice_is_warned_of(tmp_path: Path) -> None:
    """A spreadsheet export with two columns of one name (a summary and the body both headed
    "text", as a merged export writes them) was read from its last column without a word: the
    article was the one-line summary, the body gone. One warning per file names the field and
    its columns; the columns are read as before, the last one's value kept."""
    rt, rw = seeds()
    rows = [["id", "Text", "title", "text"], *([s.id, s.text, s.title, s.title] for s in (rt, rw))]
    path = tmp_path / "merged.csv"
    path.write_text(csv_text([dict(enumerate(r)) for r in rows[1:]], list(range(4))).replace("0,1,2,3", ",".join(rows[0]), 1),
                    encoding="utf-8")
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert [a.text for a in arts] == [rt.title, rw.title]  # read as before: the last column named so
    assert warnings == [f"{path}: the header names text in 2 columns (2 and 4): only the last is read as the text"]
    once = tmp_path / "once.csv"
    once.write_text(csv_text([{"id": s.id, "text": s.text, "Date": "2016-10-30", "date ": "2016-10-31"} for s in (rt, rw)],
                             ["id", "text", "Date", "date "]), encoding="utf-8")
    warnings.clear()
    assert len(list(read_inputs([once], warn=warnings.append))) == 2
    assert warnings == [f"{once}: the header names date in 2 columns (3 and 4): only the last is read as the published"]


def test_excel_unicode_text_saved_as_txt_is_said_to_be_a_table(tmp_path: Path) -> None:
    """Excel saves "Unicode Text" as a .txt: a tab-separated table in UTF-16, which a .tsv or .csv
    name reads a row an article. As a .txt it was one article, the header "id title source date
    text" its title and every row run together, without a word. It is still read so (its text
    as before), with a warning that says what the file is and which name reads its rows."""
    import csv
    import io

    rt, rw = seeds()
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\r\n")
    w.writerow(["id", "title", "source", "date", "text"])
    for s in (rt, rw):
        w.writerow([s.id, s.title, s.outlet, s.published, s.text])
    path = tmp_path / "export.txt"
    path.write_bytes(buf.getvalue().encode("utf-16"))
    warnings: list[str] = []
    (one,) = read_inputs([path], warn=warnings.append)
    assert one.title == "id title source date text"
    assert warnings == [f"{path}: its first line is a table's header, tab-separated with a text column (Excel's "
                        "\"Unicode Text\"), so the whole table is read as one article: name it .tsv to read an "
                        "article a row"]
    tsv = path.rename(tmp_path / "export.tsv")
    assert [a.id for a in read_inputs([tsv], warn=warnings.append)] == [rt.id, rw.id]


def test_a_csv_read_as_text_is_said_to_be_a_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``cat export.csv | newstrace ingest -`` (standard input is read as text, a CSV by its name
    only) or an export saved as .txt: the whole table was one article, its header "id,title,
    source,date,text" the title and every row run together, 4,000 words, without a word. It is
    said as Excel's tab-separated table is; a text whose first line merely holds commas is not."""
    import csv
    import io

    from newstrace.cli.main import main

    rt, rw = seeds()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["id", "title", "source", "date", "text"])
    for s in (rt, rw):
        w.writerow([s.id, s.title, s.outlet, s.published, s.text])
    path = tmp_path / "export.txt"
    path.write_text(buf.getvalue(), encoding="utf-8")
    warnings: list[str] = []
    (one,) = read_inputs([path], warn=warnings.append)
    assert one.title == "id,title,source,date,text"
    assert warnings == [f"{path}: its first line is a table's header, comma-separated with a text column, so the whole "
                        "table is read as one article: name it .csv to read an article a row"]
    prose = tmp_path / "prose.txt"  # a title of commas above a body that has them too
    prose.write_text("Text, images and video: a guide\n\n" + rw.text, encoding="utf-8")
    warnings.clear()
    assert len(list(read_inputs([prose], warn=warnings.append))) == 1 and warnings == []
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(buf.getvalue().encode())))
    assert main(["ingest", "-", "--db", str(tmp_path / "n.db"), "--json", "--strict"]) == 2


@pytest.mark.parametrize("pretty", [False, True])
def test_json_saved_as_csv_is_said_in_a_short_line(tmp_path: Path, pretty: bool) -> None:
    """A JSON export saved as .csv was refused with its "columns", the JSON cut at its commas: the
    seeds' whole texts in one line of 5,000 characters. It now says it is JSON, shortly."""
    path = tmp_path / "export.csv"
    path.write_text(json.dumps([record(s) for s in seeds()], indent=2 if pretty else None), encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_articles([path])
    said = str(e.value)
    assert said.startswith(f"{path}: JSON, not CSV (it opens with '[")
    assert "give it a .json name" in said
    assert len(said) < len(str(path)) + 150, said


def test_a_csv_header_of_sentences_lists_its_columns_cut(tmp_path: Path) -> None:
    """A text saved as .csv: its first line, read as a header, named columns of whole sentences."""
    path = tmp_path / "rt.csv"
    path.write_text(RT_TXT.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_articles([path])
    found = str(e.value).split("; found ", 1)[1]
    assert "CSV has no text column" in str(e.value)
    assert all(len(name) <= 43 for name in found.rstrip(")").split(", ")), found


def test_record_dates_with_zone_names_and_unix_time(tmp_path: Path) -> None:
    """Scraped records give "Oct 30, 2016 4:20 PM EDT" or a Unix time: the zone name was dropped
    (the time kept as if it were local, with dateutil's UnknownTimezoneWarning on stderr) and a Unix
    time gave no date at all, without a word."""
    import warnings
    from datetime import UTC, datetime, timedelta, timezone

    rt = seeds()[0]
    path = tmp_path / "scraped.jsonl"
    values = ["Oct 30, 2016 4:20 PM EDT", "30 Oct 2016 21:20 CET", 1477858800, "1477858800000"]
    path.write_text(
        "".join(json.dumps(record(rt, id=f"rt-{i}", published=v)) + "\n" for i, v in enumerate(values)), encoding="utf-8"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        arts = read_articles([path])
    assert [a.published for a in arts] == [
        datetime(2016, 10, 30, 16, 20, tzinfo=timezone(timedelta(hours=-4))),
        datetime(2016, 10, 30, 21, 20, tzinfo=timezone(timedelta(hours=1))),
        datetime(2016, 10, 30, 20, 20, tzinfo=UTC),
        datetime(2016, 10, 30, 20, 20, tzinfo=UTC),
    ]


def test_a_unix_time_in_milliseconds_written_as_a_float_is_read(tmp_path: Path) -> None:
    """pandas writes an integer column with a missing value as floats: a CSV export of a Unix time
    in milliseconds says "1477858800000.0", and a JSON number 1477858800000.0 is one too. Seconds
    written so were read, milliseconds were not: "date '1477858800000.0' cannot be read"."""
    from datetime import UTC, datetime

    rt = seeds()[0]
    path = tmp_path / "export.csv"
    path.write_text(csv_text([record(rt, id="rt-1", published="1477858800000.0")], ["id", "title", "published", "text"]), encoding="utf-8")
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_text(json.dumps(record(rt, id="rt-2", published=1477858800000.0)) + "\n", encoding="utf-8")
    warnings: list[str] = []
    arts = list(read_inputs([path, jsonl], warn=warnings.append))
    assert warnings == []
    assert [a.published for a in arts] == [datetime(2016, 10, 30, 20, 20, tzinfo=UTC)] * 2


def test_gzipped_record_files_are_read_and_a_cut_one_is_named(tmp_path: Path) -> None:
    """Datasets ship as ``.jsonl.gz`` / ``.csv.gz``: in a folder they were passed over without a
    word, named on the command line refused as an unsupported file type."""
    import gzip

    rt, rw = seeds()
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress((json.dumps(record(rt)) + "\n").encode(), mtime=0))
    (tmp_path / "export.csv.gz").write_bytes(
        gzip.compress(csv_text([record(rw)], ["id", "title", "published", "text"]).encode(), mtime=0)
    )
    warnings: list[str] = []
    errors: list[NewstraceError] = []
    arts = list(read_inputs([tmp_path], warn=warnings.append, on_error=errors.append))
    assert sorted(a.id for a in arts) == sorted([rt.id, rw.id]) and warnings == errors == []
    assert {a.id: a.text for a in arts}[rt.id] == normalize_body(rt.text)
    data = (tmp_path / "feed.jsonl.gz").read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    list(read_inputs([cut], warn=warnings.append, on_error=errors.append))
    assert [str(e) for e in errors] == [
        f"{cut}: damaged gzip file (EOFError: Compressed file ended before the end-of-stream marker was reached)"
    ]


def test_gzipped_text_is_read_as_the_text_and_a_cut_one_keeps_its_whole_lines(tmp_path: Path) -> None:
    """A ``.txt.gz`` was refused as an unsupported file type (and skipped in a folder) while
    ``.csv.gz`` and ``.jsonl.gz`` were read: it is read as the ``.txt`` it holds, cleaned the same
    way. One cut short keeps its whole lines before the cut and is named as damaged, as a cut
    ``.jsonl.gz`` keeps its records; the one-article limit holds for the text decompressed."""
    import gzip
    import zlib

    data = gzip.compress(REWRITE_TXT.read_bytes(), mtime=0)
    packed = tmp_path / "feed" / "rewrite.txt.gz"
    packed.parent.mkdir()
    packed.write_bytes(data)
    (plain,) = read_inputs([REWRITE_TXT])
    errors: list[NewstraceError] = []
    (unpacked,) = read_inputs([tmp_path / "feed"], on_error=errors.append)  # found in a folder too
    assert errors == []
    assert (unpacked.text, unpacked.title, unpacked.author, unpacked.published, unpacked.id) == (
        plain.text, plain.title, plain.author, plain.published, plain.id)
    assert unpacked.title == REWRITE_TITLE and unpacked.source == str(packed)

    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(data[: len(data) // 2])
    (kept,) = read_inputs([cut], on_error=errors.append)
    assert [str(e) for e in errors] == [
        f"{cut}: damaged gzip file (EOFError: Compressed file ended before the end-of-stream marker was reached)"
    ]
    whole = zlib.decompressobj(wbits=31).decompress(data[: len(data) // 2])
    lines = whole[: whole.rfind(b"\n") + 1].decode("utf-8")
    assert kept.title == REWRITE_TITLE and 200 < len(kept.text) < len(plain.text)
    assert plain.text.startswith(kept.text) and kept.text.split()[-1] == lines.split()[-1]
    with pytest.raises(LimitError, match=r"rewrite\.txt\.gz: decompresses to more than the 3 kB limit for one article"):
        list(read_inputs([packed], limits=Limits(max_file_bytes=3000)))  # 1.8 kB packed, 4.4 kB of text


def test_text_and_csv_written_on_windows_are_read_as_windows_1252(tmp_path: Path) -> None:
    """Notepad and Excel save in windows-1252: its curly quotes and dashes were replaced with U+FFFD
    (the Clough & Stevenson corpus has 17 such answers). A file with no UTF-8 sequence in it is read
    as windows-1252, said in one warning; UTF-8 with a damaged byte is still read as UTF-8."""
    rw = seeds()[1]
    txt = tmp_path / "rewrite.txt"
    txt.write_bytes(REWRITE_TXT.read_text(encoding="utf-8").encode("cp1252"))
    warnings: list[str] = []
    (a,) = read_inputs([txt], warn=warnings.append)
    assert "\ufffd" not in a.text and "as “ relentless and indiscriminate”" in a.text and a.title == REWRITE_TITLE
    assert len(warnings) == 1 and warnings[0].startswith(f"{txt}: not UTF-8") and "windows-1252" in warnings[0]
    path = tmp_path / "excel.csv"
    path.write_bytes(csv_text([record(rw)], ["id", "title", "text"]).encode("cp1252"))
    warnings.clear()
    (b,) = read_inputs([path], warn=warnings.append)
    assert b.text == normalize_body(rw.text) and len(warnings) == 1 and "windows-1252" in warnings[0]


# -- HTML and WARC ---------------------------------------------------------------------------------


def test_html_main_text_and_metadata(good: Path) -> None:
    a = read_one(good / "rt.html")
    rt = seeds()[0]
    assert a.title == RT_TITLE and a.published == date(2016, 10, 30) and a.outlet == "rt.com"
    assert a.text == normalize_body(rt.text)  # the <h1> title is not repeated as a body line
    assert "All rights reserved" not in a.text and "Home" not in a.text.split("\n")[0]


def test_html_date_comes_from_markup_not_from_body_text(tmp_path: Path) -> None:
    """The rewrite's body says "since February 2016": that must not become its date."""
    rw = seeds()[1]
    page = tmp_path / "rw.html"
    page.write_text(html_page(rw, with_date=False), encoding="utf-8")
    a = read_one(page)
    assert a.published is None and a.author == "Baran Hines" and a.title == REWRITE_TITLE


def test_warc_html_responses_become_articles(good: Path) -> None:
    arts = read_articles([good / "pages.warc.gz"])
    assert [a.url for a in arts] == [seeds()[0].url, seeds()[1].url]  # png and 404 skipped
    rt, rw = arts
    assert rt.published == date(2016, 10, 30)  # the page's own date
    assert rw.published == date(2016, 11, 4)  # no date in the page: the crawl date
    assert rt.meta == {"crawl_date": "2016-11-01T10:00:00Z"}
    assert [a.record for a in arts] == [1, 4]  # the n-th response record of the archive
    assert rt.source == str(good / "pages.warc.gz")


def test_html_saved_in_its_declared_legacy_charset_keeps_its_quotes(tmp_path: Path) -> None:
    """A page saved from a browser in windows-1252 says so in its <meta>; its curly quotes and
    accents came out as U+FFFD with an 'invalid UTF-8' warning."""
    rt = seeds()[0]
    page = html_page(rt).replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    path = tmp_path / "rt.html"
    path.write_bytes(page.replace("\n", "\r\n").encode("cp1252"))  # a Windows save: CRLF too
    warnings: list[str] = []
    a = next(read_inputs([path], warn=warnings.append))
    assert warnings == [] and a.title == RT_TITLE
    assert a.text == normalize_body(rt.text) and "\ufffd" not in a.text


def test_warc_page_in_the_charset_its_http_header_names(tmp_path: Path) -> None:
    rt = seeds()[0]
    page = html_page(rt).replace('<meta charset="utf-8">', "").encode("cp1252")
    path = tmp_path / "legacy.warc.gz"
    path.write_bytes(warc_bytes([(rt.url, "text/html; charset=windows-1252", page)]))
    warnings: list[str] = []
    a = next(read_inputs([path], warn=warnings.append))
    assert warnings == [] and a.text == normalize_body(rt.text)


#: a later RT page that repeats the first paragraphs of the seed's (RT's text about Aleppo reused)
RT_LATER_URL = "https://www.rt.com/news/364801-aleppo-rebels-shelling-un/"


def rt_international_page() -> str:
    """A later page of RT's as its site serves it: the seed's first paragraphs at another address,
    the site name "RT International" in ``og:site_name`` and the JSON-LD publisher, the address in
    ``og:url``."""
    rt = seeds()[0]
    later = dataclasses.replace(rt, url=RT_LATER_URL, paragraphs=rt.paragraphs[:4])
    head = (
        '<meta property="og:site_name" content="RT International">'
        f'<meta property="og:url" content="{RT_LATER_URL}">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"publisher": {"@type": "Organization", "name": "RT International"}}</script>'
    )
    return html_page(later).replace('<meta property="og:site_name" content="rt.com">', head)


def test_a_page_is_its_address_outlet_whatever_its_site_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """RT's page named its outlet "RT International" (its site name), RT's text with a sidecar
    "rt.com": one outlet was two in ``outlets``, the network and provenance ("RT International
    copied rt.com"). A page with an address is named by its host, as a text's sidecar URL, a
    record's or a web archive's names it, and keeps the site name as ``site_name``."""
    from newstrace.cli.main import main

    page = tmp_path / "rt-page.html"
    page.write_text(rt_international_page(), encoding="utf-8")
    (tmp_path / "rt.txt").write_bytes(RT_TXT.read_bytes())
    (tmp_path / "rt.meta.json").write_bytes((EXAMPLES / "001_b27ff7eeccda9d61.meta.json").read_bytes())
    db = tmp_path / "news.db"
    assert main(["ingest", str(tmp_path), "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 2
    assert main(["outlets", "--db", str(db), "--json"]) == 0
    assert [(o["outlet"], o["articles"]) for o in json.loads(capsys.readouterr().out)["outlets"]] == [("rt.com", 2)]
    html_article = read_one(page)
    assert (html_article.outlet, html_article.meta) == ("rt.com", {"site_name": "RT International"})

    # the same page in a web archive and in a record's html field
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(warc_bytes([(RT_LATER_URL, "text/html", rt_international_page().encode())], gzip_records=False))
    records = tmp_path / "pages.jsonl"
    records.write_text(json.dumps({"html": rt_international_page()}) + "\n", encoding="utf-8")
    for path in (archive, records):
        a = read_one(path)
        assert (a.outlet, a.meta.get("site_name")) == ("rt.com", "RT International"), path.name
    # a page saved from the Wayback Machine is named by the archived page's host, not web.archive.org
    wayback = f"https://web.archive.org/web/20161102093000/{RT_LATER_URL}"
    saved = tmp_path / "saved" / "rt-page.html"
    saved.parent.mkdir()
    saved.write_text(f"<!-- saved from url=({len(wayback):04d}){wayback} -->\n" + rt_international_page(), encoding="utf-8")
    assert (read_one(saved).url, read_one(saved).outlet) == (wayback, "rt.com")
    # a page without an address is still named by its site name; a given outlet still wins
    page.write_text(rt_international_page().replace(f'<meta property="og:url" content="{RT_LATER_URL}">', ""), encoding="utf-8")
    assert (read_one(page).outlet, read_one(page).meta) == ("RT International", {})
    (tmp_path / "rt-page.meta.json").write_text(json.dumps({"outlet": "RT"}), encoding="utf-8")
    assert read_one(page).outlet == "RT"


def _ingest_said(*args: str) -> tuple[dict[str, Any], str]:
    """``ingest ARGS --json``'s document and what it said on stderr; the command must succeed."""
    from newstrace.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["ingest", *args, "--json"]) == 0, err.getvalue()
    return json.loads(out.getvalue()), err.getvalue()


def test_a_page_ingested_again_under_another_name_is_the_article_stored(tmp_path: Path) -> None:
    """RT's page saved without its address is named by its site name, "RT International"; saved
    again with it (another file), it is "rt.com"'s, under another id, and was a second article of
    the same text, which provenance had RT copying itself. So was a record's copy of the page
    under the id the record gives. The same text from the same outlet (its site name counts as its
    name), or at the same address, is the article stored: not stored again, and counted."""
    no_address = tmp_path / "saved" / "rt.html"
    no_address.parent.mkdir()
    no_address.write_text(rt_international_page().replace(f'<meta property="og:url" content="{RT_LATER_URL}">', ""), encoding="utf-8")
    with_address = tmp_path / "rt-page.html"
    with_address.write_text(rt_international_page(), encoding="utf-8")
    first, second = read_one(no_address), read_one(with_address)
    assert (first.outlet, second.outlet, second.text == first.text) == ("RT International", "rt.com", True)
    assert first.id != second.id
    for order in ((no_address, with_address), (with_address, no_address)):
        db = tmp_path / f"{order[0].parent.name}.db"
        assert _ingest_said(str(order[0]), "--db", str(db))[0]["added"] == 1
        doc, said = _ingest_said(str(order[1]), "--db", str(db), "--strict")  # no warning: --strict exits 0
        # the copy without the address stored first takes it (updated; the test below)
        assert (doc["added"], doc["updated"], doc["unchanged"], doc["duplicates"]) == (0, int(order[1] is with_address), 0, 1)
        kept = read_one(order[0]).id
        assert f"{order[1]}: 1 article already stored under another id, not stored again: {read_one(order[1]).id} is {kept}" in said
        assert list(_stored(db)) == [kept]
        again, _ = _ingest_said(str(order[1]), "--db", str(db))
        assert (again["added"], again["duplicates"]) == (0, 1)

    # a record of the page under the id it gives, then the page saved from its address
    records = tmp_path / "rt.jsonl"
    records.write_text(json.dumps({"id": "364801", "url": RT_LATER_URL, "outlet": "rt.com", "title": second.title,
                                   "text": second.text}) + "\n", encoding="utf-8")
    db = tmp_path / "records.db"
    assert _ingest_said(str(records), "--db", str(db))[0]["added"] == 1
    doc, said = _ingest_said(str(with_address), "--db", str(db))
    assert (doc["added"], doc["duplicates"]) == (0, 1) and "is 364801 (" in said
    assert list(_stored(db)) == ["364801"]


def _rows(db: Path) -> list[tuple[Any, ...]]:
    """Every stored article's row, as ``ingest`` left it (its revision and time of ingest too)."""
    import sqlite3

    with sqlite3.connect(db) as c:
        return c.execute("SELECT * FROM articles ORDER BY seq").fetchall()


def test_a_page_read_with_and_without_its_address_is_stored_with_it(tmp_path: Path) -> None:
    """RT's page saved twice, once without its address: whichever copy was read first was the
    article kept, and when that was the copy without the address the database had no URL for the
    page, nor "rt.com" as its outlet, though a run had read both (73c8200 kept the address within
    one batch only: a later batch, or a later run, kept the poorer copy). The article stored is
    the first read, under its id (committed, its analysis is under it), with the address and the
    outlet the later copy gives, the site name it went by kept as its site name: in one run, with
    a batch a copy, or in two runs, in either order. Runs of both files or of either again
    change nothing."""
    folder = tmp_path / "saved"
    folder.mkdir()
    no_address = folder / "a-saved.html"  # read first in the folder
    no_address.write_text(rt_international_page().replace(f'<meta property="og:url" content="{RT_LATER_URL}">', ""), encoding="utf-8")
    with_address = folder / "b-page.html"
    with_address.write_text(rt_international_page(), encoding="utf-8")
    first, second = read_one(no_address), read_one(with_address)
    assert (first.url, first.outlet, second.url, second.outlet) == (None, "RT International", RT_LATER_URL, "rt.com")
    assert first.text == second.text and first.id != second.id
    runs = {  # the runs, and the id kept: the first read's
        "one run": ([[str(folder)]], first),
        "a batch each": ([[str(folder), "--batch-size", "1"]], first),
        "one run, the other order": ([[str(with_address), str(no_address)]], second),
        "two runs": ([[str(no_address)], [str(with_address)]], first),
        "two runs, the other order": ([[str(with_address)], [str(no_address)]], second),
    }
    for name, (inputs, kept) in runs.items():
        db = tmp_path / f"{name}.db"
        docs = [_ingest_said(*args, "--db", str(db), "--strict") for args in inputs]
        other = second if kept is first else first
        said = "".join(s for _, s in docs)
        assert f": 1 article already stored under another id, not stored again: {other.id} is {kept.id}" in said, name
        # the one stored counts as updated where a batch before had stored it (analysed again)
        updated = int(kept is first and name in ("a batch each", "two runs"))
        assert [sum(d[k] for d, _ in docs) for k in ("added", "updated", "duplicates")] == [1, updated, 1], name
        with Store(db, readonly=True) as st:
            (stored,) = st.iter_articles()
        assert (stored.id, stored.url, stored.outlet, stored.meta.get("site_name")) == (
            kept.id, RT_LATER_URL, "rt.com", "RT International"), name
        assert (stored.title, stored.published, stored.text) == (second.title, second.published, second.text), name
        rows = _rows(db)
        for again in ([folder], [no_address], [with_address], [with_address, no_address]):
            doc, _ = _ingest_said(*map(str, again), "--db", str(db), "--strict")
            read = 2 if again == [folder] else len(again)
            assert (doc["added"], doc["updated"], doc["duplicates"] + doc["unchanged"]) == (0, 0, read), name
        assert _rows(db) == rows, name


def test_an_article_stored_first_takes_what_a_later_copy_knows(tmp_path: Path) -> None:
    """RT's seed text saved with a sidecar naming only its outlet, stored; then the seed itself,
    whose sidecar gives its address and date too: the same text from the same outlet, under
    another id. The one stored takes the address and the date it lacked (and keeps its id, title
    and where it was read); a third run, of either or both, changes nothing. The seed's copy
    stored first gains nothing from the poorer one."""
    poor = tmp_path / "poor"
    poor.mkdir()
    (poor / "rt.txt").write_bytes(RT_TXT.read_bytes())
    (poor / "rt.meta.json").write_text(json.dumps({"outlet": "rt.com"}), encoding="utf-8")
    rich = tmp_path / "rich"
    rich.mkdir()
    (rich / "rt.txt").write_bytes(RT_TXT.read_bytes())
    sidecar = json.loads((EXAMPLES / "001_b27ff7eeccda9d61.meta.json").read_text(encoding="utf-8"))
    (rich / "rt.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    first, second = read_one(poor / "rt.txt"), read_one(rich / "rt.txt")
    assert (first.url, first.published, second.url) == (None, None, sidecar["url"]) and first.id != second.id
    db = tmp_path / "news.db"
    _ingest_said(str(poor), "--db", str(db))
    doc, said = _ingest_said(str(rich), "--db", str(db), "--strict")
    assert (doc["added"], doc["updated"], doc["duplicates"]) == (0, 1, 1)
    assert f"{second.id} is {first.id}" in said
    with Store(db, readonly=True) as st:
        (stored,) = st.iter_articles()
    assert (stored.id, stored.url, stored.outlet, str(stored.published)) == (first.id, sidecar["url"], "rt.com", sidecar["published"])
    assert (stored.title, stored.source) == (first.title, first.source)
    rows = _rows(db)
    for again in ([rich], [poor], [poor, rich]):
        doc, _ = _ingest_said(*map(str, again), "--db", str(db), "--strict")
        assert (doc["added"], doc["updated"], doc["unchanged"] + doc["duplicates"]) == (0, 0, len(again))
    assert _rows(db) == rows
    other = tmp_path / "other.db"  # the other order: the seed's copy is stored, and gains nothing
    _ingest_said(str(rich), "--db", str(other))
    doc, _ = _ingest_said(str(poor), "--db", str(other))
    assert (doc["added"], doc["updated"], doc["duplicates"]) == (0, 0, 1)
    with Store(other, readonly=True) as st:
        assert [(a.id, a.url) for a in st.iter_articles()] == [(second.id, sidecar["url"])]


def test_copies_that_differ_settle_on_one_article_whatever_runs_follow(tmp_path: Path) -> None:
    """Two records of RT's seed text, each with something the other lacks or gives otherwise (a
    title each, an author and a field of its own without the address; the address and a date
    with it): the article stored is the first's with what the second adds (its title stays), and
    then no run of either, both, or both the other way, changes it again: a copy read again
    neither takes away what the other gave nor flips a field back and forth."""
    text = read_one(RT_TXT).text
    poor, rich = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    poor.write_text(json.dumps({"outlet": "rt.com", "title": "Aleppo shelling", "author": "RT", "section": "news",
                                "text": text}) + "\n", encoding="utf-8")
    rich.write_text(json.dumps({"outlet": "rt.com", "url": RT_URL, "title": RT_TITLE, "published": "2016-10-30",
                                "text": text}) + "\n", encoding="utf-8")
    db = tmp_path / "news.db"
    for f in (poor, rich):
        _ingest_said(str(f), "--db", str(db))
    with Store(db, readonly=True) as st:
        (stored,) = st.iter_articles()
    assert (stored.id, stored.url, stored.title, stored.author, str(stored.published), stored.meta["section"]) == (
        read_one(poor).id, RT_URL, "Aleppo shelling", "RT", "2016-10-30", "news")
    assert stored.source == str(poor)
    rows = _rows(db)
    for again in ([rich], [poor], [poor, rich], [rich, poor], [rich], [poor]):
        doc, _ = _ingest_said(*map(str, again), "--db", str(db), "--strict")
        assert (doc["added"], doc["updated"], doc["unchanged"] + doc["duplicates"]) == (0, 0, len(again)), again
    assert _rows(db) == rows


def test_the_spark_engines_rule_for_copies_is_the_stores(tmp_path: Path) -> None:
    """``model.one_copy_each``, which the Spark engine keeps a run's copies of one text by, keeps
    what the store keeps of the same articles read in the same order, in one batch or a batch
    each: RT's text without its address and with it, SANA's and TASS's copies of it (two outlets'
    copies, two articles), and two records a dataset gives two ids (two articles)."""
    from newstrace.model import one_copy_each

    text = read_one(RT_TXT).text

    def rec(**fields: Any) -> Article:
        return Article.create(text, source=str(tmp_path / "in.jsonl"), **fields)

    read = [
        rec(outlet="RT International", title=RT_TITLE, record=1),
        rec(outlet="SANA", record=2),
        rec(outlet="rt.com", url=RT_URL, published=date(2016, 10, 30), meta={"site_name": "RT International"}, record=3),
        rec(outlet="TASS", record=4),
        rec(id="1924058042", outlet="jordantimes", record=5),
        rec(id="1924058058", outlet="jordantimes", record=6),
        rec(outlet="SANA", url="https://sana.sy/en/?p=1", record=7),
    ]
    kept, copies = one_copy_each(read)
    assert [(a.outlet, a.url) for a in kept] == [
        ("rt.com", RT_URL), ("SANA", "https://sana.sy/en/?p=1"), ("TASS", None), ("jordantimes", None), ("jordantimes", None)]
    assert [(c[1], c[2]) for c in copies] == [(read[2].id, read[0].id), (read[6].id, read[1].id)]
    for size in (len(read), 1):
        db = tmp_path / f"batch-{size}.db"
        with Store(db) as store:
            for i in range(0, len(read), size):
                store.add_articles(read[i : i + size])
            stored = list(store.iter_articles())
        assert [a.to_dict() for a in stored] == [a.to_dict() for a in kept], size


def _reach(db: Path) -> list[tuple[Any, ...]]:
    """What the live stories and threads say of their articles (first one and its outlet, outlets,
    first and last day, size), and the outlets and times their saved states count (those a later
    run resumes)."""
    import sqlite3

    from newstrace.corpus.stories import Cluster

    with sqlite3.connect(db) as c:
        c.row_factory = sqlite3.Row
        out = []
        for table, level in (("stories", "story"), ("threads", "thread")):
            for r in c.execute(f"SELECT * FROM {table} WHERE merged_into IS NULL ORDER BY first_article"):
                state = Cluster.from_state(dict(r), level, bytes(r["state"]))  # type: ignore[arg-type]
                ce = state.centroid  # and its time statistics, which time decay and the window read
                out.append((level, r["first_article"], r["outlets"], r["first_outlet"], r["start"], r["end"], r["size"],
                            sorted(state.outlets.items()), sorted(state.centroid.outlets.v.items()),
                            (ce.t_n, ce.t_min, ce.t_max, round(ce.t_sum, 6))))
        return out


def test_a_page_stored_without_its_address_takes_it_and_is_analysed_again(tmp_path: Path) -> None:
    """The copy without the address stored and analysed, the page with it ingested later: the
    article takes the address, and its host "rt.com" as its outlet, a change of the article: the
    next ``analyze`` analyses it again (the one after finds nothing to do). Its story, its thread
    and the outlet network's first-seen counts said "RT International" until ``analyze
    --recluster``; they say "rt.com" after that ``analyze``, as a recluster's do, and nothing is
    said of its story: its text, title and date are those it was placed by. Stored without its
    date too, it takes the date, and the run says it keeps its story until ``--recluster`` (a
    date may place it in another), its story and thread counting the date already: their days,
    their first article (RT's page, dated before the rewrite now) and their time statistics are
    those ``--recluster`` then builds."""
    from newstrace.corpus import analyze
    from newstrace.store.results import CorpusResults

    undated = rt_international_page().replace('<meta property="article:published_time" content="2016-10-30">', "")
    for name, page in (("dated", rt_international_page()), ("undated", undated)):
        folder = tmp_path / name
        folder.mkdir()
        no_address = folder / "rt.html"
        no_address.write_text(page.replace(f'<meta property="og:url" content="{RT_LATER_URL}">', ""), encoding="utf-8")
        with_address = folder / "rt-page.html"
        with_address.write_text(rt_international_page(), encoding="utf-8")
        first = read_one(no_address)
        assert (first.published is None) is (name == "undated")
        db = folder / "news.db"
        rewrite = folder / "rewrite.txt"  # the seed that rewrites RT's report: a story of two outlets
        rewrite.write_bytes(REWRITE_TXT.read_bytes())
        _ingest_said(str(no_address), str(rewrite), "--db", str(db))
        with Store(db) as st:
            assert analyze(st).analysed == 2
        before = _reach(db)
        assert any("RT International" in str(r) for r in before) and not any("rt.com" in str(r) for r in before), name
        doc, _ = _ingest_said(str(with_address), "--db", str(db))
        assert (doc["added"], doc["updated"], doc["duplicates"]) == (0, 1, 1), name
        with Store(db) as st:
            report = analyze(st)
            assert report.analysed == 1, name
            said = [w for w in report.warnings if "1 re-analysed article (" in w and "--recluster" in w]
            assert len(said) == (name == "undated") and len(report.warnings) == len(said), (name, report.warnings)
            outlets, _ = CorpusResults(st.conn).network()
        fresh = _reach(db)
        assert not any("RT International" in str(r) for r in fresh) and any("rt.com" in str(r) for r in fresh), name
        assert [r[6] for r in fresh] == [r[6] for r in before] and len(fresh) == 2, name  # one story, one thread
        assert all(r[4] == "2016-10-30" for r in fresh), name  # the day the page gives: the first of both
        assert "RT International" not in {o["outlet"] for o in outlets}, name
        with Store(db) as st:
            assert analyze(st).analysed == 0
        assert _reach(db) == fresh, name  # nothing more to refresh
        with Store(db) as st:
            assert analyze(st, recluster=True).reclustered == 2
        # what placing every article again gives; RT's page first seen, the undated one too: it
        # came last in the stream, and its story and thread have it first by the date it took
        assert _reach(db) == fresh, name
        assert {o["outlet"]: o["first_seen"] for o in outlets}.get("rt.com") == 1, name
        assert [r[1:4] for r in fresh] == [(first.id, '{"rt.com":1}', "rt.com")] * 2, name


def test_copies_of_one_text_that_are_two_articles_stay_two(tmp_path: Path) -> None:
    """What the rule of one article per text and outlet leaves apart: two outlets' identical
    copies of one wire text (the product's point), and two records a dataset gives two ids
    (FA-KES's rows 193 and 201: Jordan Times' one text, dated 6 and 1 July 2016)."""
    page = tmp_path / "page.html"  # a third outlet's copy, at its own address
    page.write_text(html_page(dataclasses.replace(seeds()[0], outlet="example.org")).replace(
        "<title>", '<link rel="canonical" href="https://example.org/aleppo"><title>'), encoding="utf-8")
    text = read_one(page).text
    db = tmp_path / "news.db"
    wire = [{"outlet": outlet, "title": RT_TITLE, "text": text} for outlet in ("SANA", "TASS")]
    given = [{"id": i, "outlet": "jordantimes", "title": RT_TITLE, "text": text} for i in ("1924058042", "1924058058")]
    paths = _exports(tmp_path, wire=wire, given=given)
    doc, said = _ingest_said(*(str(tmp_path / p) for p in paths.values()), "--db", str(db))
    assert (doc["added"], doc["duplicates"]) == (4, 0) and "already stored" not in said
    assert sorted(_stored(db).values()) == ["SANA", "TASS", "jordantimes", "jordantimes"]
    assert _ingest_said(str(page), "--db", str(db))[0]["added"] == 1


def test_a_page_stored_under_its_site_name_with_a_given_id_is_updated_not_doubled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older newstrace named a page's outlet by its site name; the page ingested again with
    the id its sidecar gives was "rt.com"'s, whose id 364801 "RT International" held, so it was
    stored a second time as ``rt.com:364801``. Its site name is its outlet's other name: it is the
    article stored under that id, updated, as one whose id newstrace derives is."""
    page = tmp_path / "rt-page.html"
    page.write_text(rt_international_page(), encoding="utf-8")
    (tmp_path / "rt-page.meta.json").write_text(json.dumps({"id": "364801"}), encoding="utf-8")
    new = read_one(page)
    assert (new.id, new.outlet, new.meta["site_name"]) == ("364801", "rt.com", "RT International")
    db = tmp_path / "old.db"
    with Store(db) as store:  # as the older newstrace stored it
        old = dataclasses.replace(new, outlet="RT International", meta={})
        assert store.add_articles([old]).added == 1
    doc, said = _ingest_said(str(page), "--db", str(db))
    assert (doc["added"], doc["updated"], doc["duplicates"]) == (0, 1, 0)
    assert "364801: the article stored from RT International is now the one from rt.com" in said
    assert _stored(db) == {"364801": "rt.com"}


def test_a_write_that_fails_midway_says_what_the_committed_batches_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk filled up after some batches of FA-KES dev were committed: ingest said only
    "DB: write failed (database or disk is full)", leaving the user to guess whether anything was
    stored, where a Ctrl-C says what the committed batches hold. It says so too, and a re-run
    with room adds the rest."""
    from conftest import require_data
    from newstrace.store import sqlite as store_module

    source = require_data("fakes", "fakes_dev.csv")
    db = tmp_path / "news.db"
    opened = store_module.Store.__init__

    def small_disk(self: Store, *args: Any, **kwargs: Any) -> None:
        opened(self, *args, **kwargs)
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        self.conn.execute(f"PRAGMA max_page_count = {pages + 300}")  # room for a batch or two (a text twice: folded too)

    monkeypatch.setattr(store_module.Store, "__init__", small_disk)
    from newstrace.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["ingest", str(source), "--db", str(db), "--batch-size", "100"]) == 3
    (line,) = [ln for ln in err.getvalue().splitlines() if ln.startswith("newstrace: error:")]
    with Store(db, readonly=True) as store:
        stored = store.count_articles()
    assert 0 < stored < 517
    assert line == (f"newstrace: error: {db}: write failed (database or disk is full); {stored} added, 0 updated, "
                    f"0 already present in the batches committed to {db}; run the same ingest again to add the rest")
    monkeypatch.setattr(store_module.Store, "__init__", opened)
    again = _ingest(str(source), "--db", str(db))
    assert (again["added"], again["unchanged"]) == (517 - stored, stored)


def test_unicode_line_and_paragraph_separators_end_lines(tmp_path: Path, rt: Article) -> None:
    """A body whose paragraphs a word processor or a JavaScript-built export separates with U+2029
    (PARAGRAPH SEPARATOR), or its lines with U+2028, was stored as one line: claims read it as one
    paragraph (de Mistura's quotation went to SANA, and one of SANA's was lost), and a text file
    so written had no title. They end lines as a newline does. An article an older newstrace stored
    with them is its input read otherwise: updated once under its id, then unchanged."""
    from newstrace.claims import extract_claims

    paras = rt.text.split("\n\n")
    fields = {"url": RT_URL, "outlet": "rt.com", "title": RT_TITLE}
    as_newlines, separated = tmp_path / "nl.jsonl", tmp_path / "ps.jsonl"
    as_newlines.write_text(json.dumps({**fields, "text": "\n\n".join(paras)}) + "\n", encoding="utf-8")
    separated.write_text(json.dumps({**fields, "text": "\u2029".join(paras)}) + "\n", encoding="utf-8")
    (plain,), (now,) = read_inputs([as_newlines]), read_inputs([separated])
    assert (now.id, now.text) == (plain.id, plain.text)
    said = {now.text[q.start:q.end]: q.speaker for q in extract_claims(now).quotes}
    assert said["They now need and deserve a stable ceasefire covering this ancient city of Syria."] == "Staffan de Mistura"
    saved = tmp_path / "rt.txt"  # a text file's lines ended by U+2028: the first is its title
    saved.write_text("\u2028".join([RT_TITLE, *paras]), encoding="utf-8")
    assert (read_one(saved).title, read_one(saved).text) == (RT_TITLE, rt.text)
    old_text = "\u2029".join(paras)  # as the older cleaning stored it: one line
    old = dataclasses.replace(now, id=stable_id(old_text, RT_URL), text=old_text)
    db = tmp_path / "news.db"
    with Store(db) as store:
        assert store.add_articles([old]).added == 1
    doc = _ingest(str(separated), "--db", str(db))
    assert (doc["added"], doc["updated"], doc["duplicates"]) == (0, 1, 0)
    assert _texts(db) == {old.id: ("rt.com", rt.text)}
    again = _ingest(str(separated), "--db", str(db))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 1)


def _stored_unmended_is_updated_once(path: Path, db: Path, monkeypatch: pytest.MonkeyPatch, garbled: str, text: str) -> None:
    """``path`` ingested by a newstrace that mended nothing (``garbled`` stays in the stored text),
    then by this one: its article is updated once, under its id, to ``text``, then unchanged."""
    monkeypatch.setattr("newstrace.clean.text.mend_misread", lambda text: text)
    assert _ingest(str(path), "--db", str(db))["added"] == 1
    ((old_id, (_, old_text)),) = _texts(db).items()
    assert garbled in old_text
    monkeypatch.undo()
    doc = _ingest(str(path), "--db", str(db))
    assert (doc["added"], doc["updated"], doc["duplicates"]) == (0, 1, 0)
    assert _texts(db) == {old_id: (None, text)}
    again = _ingest(str(path), "--db", str(db))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 1)

def test_windows_1252_text_misread_as_latin1_reads_as_its_bytes_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clough & Stevenson's g2pA_taske.txt is windows-1252 text read as Latin-1 and saved as UTF-8:
    its quotes and apostrophe are C1 control characters (U+0091, U+0092), which stayed in the clean
    text, invisible, "doesn\x92t" no word, while the same bytes given as they were written read as
    windows-1252 ("doesn’t"), another text and id. The cleaning reads each C1 character windows-1252
    gives a meaning as that character (NEL, U+0085, its ellipsis), in a body, a text's title and a
    record's fields. An article stored by an older newstrace is updated once, then unchanged."""
    from newstrace.ingest.base import windows_1252

    title = "Dynamic Programming\x92s \x91bottom-up\x92 way"
    body = ("\x91Greedy\x92 algorithms focus on making the best local choice at each decision making stage. "
            "Subproblems can share subsubproblems, but the solution to one subproblem doesn\x92t necessarily "
            "affect the solutions to other subproblems stemming from the same problem.\n\n"
            "Dynamic Programming reduces computation time by solving subproblems in a \x91bottom-up\x92 way\x85")
    misread, written = tmp_path / "misread.txt", tmp_path / "written.txt"
    misread.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    written.write_bytes(f"{title}\n\n{body}\n".encode("latin-1"))  # the bytes as windows-1252 wrote them
    as_bytes = windows_1252(written.read_bytes())
    assert as_bytes is not None and "doesn’t" in as_bytes and "‘Greedy’" in as_bytes and "way…" in as_bytes
    now, then = read_one(misread), read_one(written)
    assert (now.id, now.title, now.text) == (then.id, then.title, then.text)
    assert now.title == "Dynamic Programming’s ‘bottom-up’ way" and "doesn’t necessarily" in now.text
    assert not re.search("[\x80-\x9f]", now.text), now.text
    record = tmp_path / "r.jsonl"
    record.write_text(json.dumps({"title": title, "author": "Martin O\x92Malley", "text": body}) + "\n", encoding="utf-8")
    (fields,) = read_inputs([record])
    assert (fields.title, fields.author, fields.text) == (now.title, "Martin O’Malley", now.text)
    _stored_unmended_is_updated_once(misread, tmp_path / "news.db", monkeypatch, "\x92", now.text)


def test_text_encoded_twice_reads_as_written_and_an_article_stored_garbled_is_updated_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PolNeAR's Washington Post texts hold names UTF-8 read as Latin-1 and encoded again, twice:
    "Bas\u00c3\u0083\u00c2\u00a1\u00c3\u0083\u00c2\u00b1ez" for "Basáñez", garbled in the clean text, no match for
    the name spelled right in another outlet's copy. The cleaning decodes them back (ftfy), in a
    body, a text's title and a record's title and author, and keeps the curly quotes beside them.
    An article an older newstrace stored garbled is updated once by the next ingest of its file
    (its id, a hash of its clean text, is found by the file it came from), then unchanged."""
    title = "In shift, Mexico to stand up to Trump; Pe\u00c3\u0083\u00c2\u00b1a Nieto\u2019s \u201cbrand\u201d"
    body = (
        "After just seven months on the job, Miguel Bas\u00c3\u0083\u00c2\u00a1\u00c3\u0083\u00c2\u00b1ez Ebergenyi, "
        "Mexico's ambassador to Washington, will be replaced by Carlos Manuel Sada Solana, the consul "
        "general in Los Angeles. Paulo Carre\u00c3\u0083\u00c2\u00b1o King, a top aide to President Enrique "
        "Pe\u00c3\u0083\u00c2\u00b1a Nieto whose portfolio has included dealing with the foreign media and "
        "improving the country's brand, will take over as the senior Foreign Ministry official "
        "responsible for North America.\n\n"
        "\u201cWe are going to be more active,\u201d said Fran\u00c3\u00a7ois Delattre\u2019s counterpart."
    )
    path = tmp_path / "wash-post.txt"
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    art = read_one(path)
    assert art.title == "In shift, Mexico to stand up to Trump; Peña Nieto’s “brand”"
    assert "Miguel Basáñez Ebergenyi" in art.text and "Paulo Carreño King" in art.text
    assert art.text.endswith("“We are going to be more active,” said François Delattre’s counterpart.")
    record = tmp_path / "r.jsonl"
    record.write_text(json.dumps({"title": title, "author": "Fran\u00c3\u00a7ois Delattre", "text": body}) + "\n",
                      encoding="utf-8")
    (fields,) = read_inputs([record])
    assert (fields.title, fields.author, fields.text) == (art.title, "François Delattre", art.text)
    _stored_unmended_is_updated_once(path, tmp_path / "news.db", monkeypatch, "Bas\u00c3\u0083\u00c2\u00a1", art.text)


#: RT's title as a scraped page's title carries it: a zero-width space after a word (a CMS's
#: line-break hint), a byte order mark before one (texts joined by ``cat``), a word joiner
_SCRAPED_TITLE = "UN Syria envoy\u200b \u2018appalled\u2019 by \ufeffopposition groups firing rockets on\u2060 civilians in Aleppo"


def test_a_scraped_titles_invisible_characters_go_as_the_bodys_do(tmp_path: Path) -> None:
    """The body's cleaning drops the zero-width space, the byte order mark and the word joiner;
    a title kept them, invisible, in every reader but a page's (where trafilatura drops them):
    "envoy\\u200b" was no word "envoy", the same report of a record and of its page two titles.
    Each reader's title and author now go through the body's rule (``clean.text.clean_line``)."""
    rt = seeds()[0]
    body = rt.text.replace("Staffan de Mistura", "Staffan\u200b de Mistura\ufeff")
    rec = record(rt, title=_SCRAPED_TITLE, author="Staff\u200b Writer", text=body)
    (tmp_path / "a.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(csv_text([rec], ["id", "url", "outlet", "title", "author", "text"]), encoding="utf-8")
    (tmp_path / "c.txt").write_text(f"{_SCRAPED_TITLE}\n\n{body}\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(f"Aleppo\n\n{body}\n", encoding="utf-8")
    (tmp_path / "d.meta.json").write_text(json.dumps({"title": _SCRAPED_TITLE}), encoding="utf-8")  # over "Aleppo"
    (tmp_path / "e.html").write_text(html_page(dataclasses.replace(rt, title=_SCRAPED_TITLE)), encoding="utf-8")
    arts = {Path(a.source or "").name: a for a in read_articles(sorted(tmp_path.iterdir()))}
    assert sorted(arts) == ["a.jsonl", "b.csv", "c.txt", "d.txt", "e.html"]
    for name, a in arts.items():
        assert a.title == RT_TITLE, (name, ascii(a.title))
        assert "Staffan de Mistura" in a.text and not re.search("[\u200b\ufeff\u2060]", a.text), name
    assert arts["a.jsonl"].author == arts["b.csv"].author == "Staff Writer"


def test_a_title_composed_as_the_body_is_is_mended_as_the_bodys(tmp_path: Path) -> None:
    """PolNeAR train's USA Today title "... Pe\\u00c3\\u00b1a Nieto" is "Peña" misread, its "Ã" written
    as "A" and a combining tilde: the body's cleaning composes them (NFC) and mends the pair with
    the "±"; the title kept "PeA\\u0303±a", garbled, no match for the body's "Peña"."""
    from conftest import training_text

    raw = training_text("polnear", "usa-today_2016-09-01_trump-didn-t-need-to-meet-with-p")
    assert raw.startswith("Trump didn't need to meet with PeA\u0303\u00b1a Nieto.")
    path = tmp_path / "usa-today.txt"
    path.write_text(raw, encoding="utf-8")
    art = read_one(path)
    assert art.title == "Trump didn't need to meet with Peña Nieto."
    assert "Peña Nieto" in art.text


def test_a_title_stored_with_its_invisible_characters_is_updated_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database an older newstrace filled holds the scraped title as read, zero-width space and
    all: ingesting the same record again updates the article once, under its id (the title is
    none of the id), then finds it unchanged; nothing is stored twice."""
    from newstrace.clean.text import mend_misread, one_line

    rt = seeds()[0]
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(record(rt, id=None, title=_SCRAPED_TITLE)) + "\n", encoding="utf-8")
    db = tmp_path / "news.db"
    monkeypatch.setattr("newstrace.ingest.base.clean_line", lambda text: one_line(mend_misread(text)))  # the rule before
    assert _ingest(str(path), "--db", str(db))["added"] == 1
    with Store(db, readonly=True) as store:
        (old,) = store.iter_articles()
    assert old.title is not None and "\u200b" in old.title
    monkeypatch.undo()
    doc = _ingest(str(path), "--db", str(db))
    assert (doc["added"], doc["updated"], doc["unchanged"], doc["duplicates"]) == (0, 1, 0, 0)
    with Store(db, readonly=True) as store:
        (now,) = store.iter_articles()
    assert (now.id, now.title, now.text) == (old.id, RT_TITLE, old.text)
    again = _ingest(str(path), "--db", str(db))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 1)


@pytest.mark.data
def test_a_page_and_its_record_give_one_text_though_it_writes_soft_hyphens(tmp_path: Path) -> None:
    """FNC-1 train body 1116 writes "Global\\u00adPost" four times. Its page lost the soft hyphens
    to trafilatura, its JSONL record kept them: two texts of one report, the pair near-verbatim,
    and ``compare`` had GlobalPost's quotation "attributed differently" ("to GlobalPost" and "to
    Global\\u00adPost"). The soft hyphen is dropped from every input's text and title now."""
    import newstrace
    from conftest import fnc1_bodies

    body = fnc1_bodies()["1116"]
    assert body.count("Global\u00adPost") == 4
    title = "James Foley: Global\u00adPost's reporter"
    article = Seed("fnc1-1116", "https://example.org/fnc1/1116", "example.org", "2014-08-20", title, None,
                   tuple(p.strip() for p in body.splitlines() if p.strip()))
    (tmp_path / "page.html").write_text(html_page(article), encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps(record(article, id="rec-1116")) + "\n", encoding="utf-8")
    page, rec = read_articles([tmp_path / "page.html", tmp_path / "feed.jsonl"])
    assert (page.text, page.title) == (rec.text, rec.title)
    assert rec.text.count("GlobalPost") == body.count("GlobalPost") + 4 and rec.title == "James Foley: GlobalPost's reporter"
    doc = newstrace.compare_articles([page, rec]).to_dict()
    assert [s["kind"] for s in doc["pairs"][0]["shared"]] == ["verbatim"]  # was near-verbatim, 0.9962
    assert [f["summary"] for f in doc["findings"] if f["type"] == "attribution_changed"] == []


def _whole_texts_given_ftfy(monkeypatch: pytest.MonkeyPatch, words: str) -> list[str]:
    """The texts holding ``words`` that ``ftfy.fix_encoding`` is asked about from now on (ftfy
    asks itself about a misread piece it mends; those pieces are not the text)."""
    import ftfy

    asked: list[str] = []
    real = ftfy.fix_encoding

    def counted(text: str, *args: Any, **kwargs: Any) -> str:
        if words in text:
            asked.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(ftfy, "fix_encoding", counted)
    return asked


def test_a_misread_text_is_given_to_ftfy_once_and_one_read_right_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FNC-1 train body 65 holds "Mark Andrés", a sign of a misreading (``_MISREAD_SIGNS``) but
    none: ingest gave ftfy the whole text twice, as read and again once cleaned (``normalize_body``'s
    second round, which mends what the cleaning brings together), each time ftfy's search of the
    whole text, as 100 of FNC-1's 1,683 bodies. ftfy's own first test (``is_bad``) is now read
    around the signs alone: body 65 is not given to ftfy at all, and body 269, whose "â€” Brown
    Moses" is an em dash misread, once (its mended text passes the test), each cleaned as before."""
    from conftest import fnc1_bodies

    bodies = fnc1_bodies()
    path = tmp_path / "bodies.csv"
    path.write_text(csv_text([{"Body ID": k, "articleBody": bodies[k]} for k in ("269", "65")], ["Body ID", "articleBody"]),
                    encoding="utf-8")
    misread = _whole_texts_given_ftfy(monkeypatch, "Brown Moses")
    read_right = _whole_texts_given_ftfy(monkeypatch, "Mark Andr")
    arts = {a.id: a for a in read_articles([path])}
    assert "\u2014 Brown Moses" in arts["269"].text and "\u00e2\u20ac" not in arts["269"].text
    assert "Mark Andrés, President of McDonald" in arts["65"].text
    assert len(misread) == 1 and read_right == []


def test_an_input_read_again_by_a_newer_newstrace_updates_its_article(tmp_path: Path) -> None:
    """A newer newstrace reads some texts otherwise (here a CMS export's markup, once stored with
    its tags): their derived ids change, and ingesting the same inputs again stored each such
    article a second time, RT then copying itself. The article the same file and record gave,
    at the same URL, with most of its words, is updated under its id; another article at that
    place (an export written again) is an article of its own."""
    import html as html_lib

    from newstrace.clean.text import normalize_body

    rt, rw = seeds()
    markup = "\n".join(f"<p>{html_lib.escape(p)}</p>" for p in rt.paragraphs)
    path = tmp_path / "wp.jsonl"
    path.write_text(json.dumps({"url": RT_URL, "outlet": "rt.com", "title": RT_TITLE, "content": markup}) + "\n", encoding="utf-8")
    (now,) = read_inputs([path])
    old_text = normalize_body(markup)  # as the older reader stored it, tags and all
    old = dataclasses.replace(now, id=stable_id(old_text, RT_URL), text=old_text)
    assert old.id != now.id
    db = tmp_path / "news.db"
    with Store(db) as store:
        assert store.add_articles([old]).added == 1
    doc, _ = _ingest_said(str(path), "--db", str(db))
    assert (doc["added"], doc["updated"], doc["duplicates"]) == (0, 1, 0)
    with Store(db, readonly=True) as store:
        (stored,) = store.iter_articles()
    assert (stored.id, stored.text) == (old.id, now.text)
    again, _ = _ingest_said(str(path), "--db", str(db))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 1)
    # the export written again with another article at its first line: another article
    path.write_text(json.dumps({"url": RT_URL, "outlet": "rt.com", "title": REWRITE_TITLE, "text": rw.text}) + "\n", encoding="utf-8")
    other, _ = _ingest_said(str(path), "--db", str(db))
    assert (other["added"], other["updated"]) == (1, 0)


def _older_cleaning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read plain texts as an older newstrace whose cleaning left a page's comment widget at the
    end of the body ("Leave a comment"): another text, so another derived id, for every text."""
    from newstrace.clean.text import clean_plain_text
    from newstrace.ingest import text as text_reader

    def older(raw: str) -> Any:
        c = clean_plain_text(raw)
        return dataclasses.replace(c, text=c.text + "\n\nLeave a comment")

    monkeypatch.setattr(text_reader, "clean_plain_text", older)


def _texts_without_urls(folder: Path) -> Path:
    """The seeds as a folder of saved texts without URLs: the rewrite of no outlet, RT's text
    with a sidecar that names its outlet and nothing else."""
    folder.mkdir()
    (folder / "rewrite.txt").write_bytes(REWRITE_TXT.read_bytes())
    (folder / "rt.txt").write_bytes(RT_TXT.read_bytes())
    (folder / "rt.meta.json").write_text(json.dumps({"outlet": "rt.com"}), encoding="utf-8")
    return folder


def _texts(db: Path) -> dict[str, tuple[str | None, str]]:
    with Store(db, readonly=True) as store:
        return {a.id: (a.outlet, a.text) for a in store.iter_articles()}


def test_texts_without_urls_read_again_by_a_newer_newstrace_update_their_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of saved texts without URLs, ingested again after an upgrade whose cleaning reads
    them otherwise: each text's derived id changed, and each was stored a second time, RT then
    copying itself (a text was all there was to know an article without a URL by). The same
    file's bytes are the same input: its article is updated under its id. The file written
    again with RT's follow-up, which repeats most of its words, is another article, as before."""
    folder = _texts_without_urls(tmp_path / "saved")
    db = tmp_path / "news.db"
    _older_cleaning(monkeypatch)
    assert _ingest(str(folder), "--db", str(db))["added"] == 2
    before = _texts(db)
    monkeypatch.undo()
    now = {a.source: a for a in read_inputs([folder])}
    assert not set(before) & {a.id for a in now.values()}  # read otherwise: other ids
    doc = _ingest(str(folder), "--db", str(db))
    assert (doc["added"], doc["updated"], doc["unchanged"], doc["duplicates"]) == (0, 2, 0, 0)
    after = _texts(db)
    assert list(after) == list(before)  # under their ids (their analysis is under them)
    assert {text: outlet for outlet, text in after.values()} == {a.text: a.outlet for a in now.values()}
    assert "Leave a comment" not in " ".join(text for _, text in after.values())
    again = _ingest(str(folder), "--db", str(db))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)
    # moved and named by another path, the same files are the same inputs
    moved = folder.rename(tmp_path / "moved")
    assert _ingest(str(moved), "--db", str(db))["unchanged"] == 2
    # RT's text written again with the story's follow-up: most of its words, another input
    rt = moved / "rt.txt"
    rt.write_text(RT_TXT.read_text(encoding="utf-8") + "\nThe UN Security Council is to meet on Aleppo on Monday.\n",
                  encoding="utf-8")
    follow_up = _ingest(str(moved), "--db", str(db))
    assert (follow_up["added"], follow_up["updated"], follow_up["unchanged"]) == (1, 0, 1)
    assert [outlet for outlet, _ in _texts(db).values()] == [None, "rt.com", "rt.com"]


def test_records_without_urls_read_again_by_a_newer_newstrace_update_their_articles(tmp_path: Path) -> None:
    """A CMS export without URLs or ids, once stored with its markup, read as text now: its
    records' derived ids changed, and each was stored a second time. The same record (its
    fields), in the export written again at another line, is the same input: its article is
    updated under its id; a record the export holds anew is an article of its own."""
    import html as html_lib

    from newstrace.ingest.base import record_hash

    rt, rw = seeds()
    markup = "\n".join(f"<p>{html_lib.escape(p)}</p>" for p in rt.paragraphs)
    record = {"outlet": "rt.com", "title": RT_TITLE, "content": markup}
    path = tmp_path / "wp.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (now,) = read_inputs([path])
    assert now.input_hash == record_hash(record) and now.url is None
    old_text = normalize_body(markup)  # as the older reader stored it, tags and all
    old = dataclasses.replace(now, id=stable_id(old_text, None, "rt.com"), text=old_text)
    assert old.id != now.id and old.input_hash == now.input_hash
    db = tmp_path / "news.db"
    with Store(db) as store:
        assert store.add_articles([old]).added == 1
    newer = {"outlet": "rt.com", "title": REWRITE_TITLE, "text": rw.text}
    path.write_text(json.dumps(newer) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    doc = _ingest(str(path), "--db", str(db))
    assert (doc["added"], doc["updated"], doc["duplicates"]) == (1, 1, 0)
    with Store(db, readonly=True) as store:
        stored = store.get_article(old.id)
        assert store.count_articles() == 2
    assert stored is not None and (stored.text, stored.record, stored.input_hash) == (now.text, 2, now.input_hash)
    again = _ingest(str(path), "--db", str(db))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_a_text_that_took_its_address_from_a_later_copy_keeps_it_when_read_again_by_a_newer_newstrace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RT's text saved with a sidecar naming its outlet alone, stored; the seed's copy, which gives
    its address and date, gave them to it. After an upgrade that reads the text otherwise, the
    first file is the input the article was read from: updated under its id, it keeps the
    address and date it took (an update from the file as read now erased them); the seed's copy
    is the same input at that address, and the article stays one."""
    poor, rich = tmp_path / "poor", tmp_path / "rich"
    for folder in (poor, rich):
        folder.mkdir()
        (folder / "rt.txt").write_bytes(RT_TXT.read_bytes())
    (poor / "rt.meta.json").write_text(json.dumps({"outlet": "rt.com"}), encoding="utf-8")
    sidecar = json.loads((EXAMPLES / "001_b27ff7eeccda9d61.meta.json").read_text(encoding="utf-8"))
    (rich / "rt.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    db = tmp_path / "news.db"
    _older_cleaning(monkeypatch)
    assert _ingest(str(poor), "--db", str(db))["added"] == 1
    doc = _ingest(str(rich), "--db", str(db))
    assert (doc["added"], doc["updated"], doc["duplicates"]) == (0, 1, 1)
    (kept,) = _texts(db)
    monkeypatch.undo()
    doc = _ingest(str(poor), "--db", str(db))
    assert (doc["added"], doc["updated"], doc["duplicates"]) == (0, 1, 0)
    with Store(db, readonly=True) as st:
        (stored,) = st.iter_articles()
    assert (stored.id, stored.url, str(stored.published), stored.text) == (
        kept, sidecar["url"], sidecar["published"], read_one(poor / "rt.txt").text)
    for again in (rich, poor):
        doc = _ingest(str(again), "--db", str(db))
        assert (doc["added"], doc["updated"], doc["unchanged"]) == (0, 0, 1)


def _as_before_input_hashes(db: Path) -> None:
    """``db`` as a newstrace before migration 13 left it: no input hashes (nor the searches' folded copies)."""
    import sqlite3

    from newstrace.store.migrations import MIGRATIONS

    assert "input_hash" in MIGRATIONS[12] and "articles_folded" in MIGRATIONS[13] and len(MIGRATIONS) == 17
    c = sqlite3.connect(db)
    undo_migrations_from_13(c)
    c.execute("PRAGMA user_version=12")
    c.commit()
    c.close()


def test_a_database_from_before_input_hashes_knows_an_input_once_it_gives_the_text_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles stored before migration 13 have no input hash, and what input gave them is not
    guessed from a text read otherwise: an upgrade that reads them otherwise stores them again,
    as before. An ingest of their inputs that reads the texts stored (unchanged) keeps the
    inputs' hashes; a later upgrade then updates them."""
    folder = _texts_without_urls(tmp_path / "saved")
    _older_cleaning(monkeypatch)
    kept, unkept = tmp_path / "kept.db", tmp_path / "unkept.db"
    for db in (kept, unkept):
        assert _ingest(str(folder), "--db", str(db))["added"] == 2
        _as_before_input_hashes(db)
    doc = _ingest(str(folder), "--db", str(kept))  # migrated, and read as stored
    assert (doc["added"], doc["updated"], doc["unchanged"]) == (0, 0, 2)
    with Store(kept, readonly=True) as store:
        hashes = [r[0] for r in store.conn.execute("SELECT input_hash FROM articles ORDER BY seq")]
    assert hashes == [a.input_hash for a in read_inputs([folder])] and None not in hashes
    monkeypatch.undo()  # the upgrade
    doc = _ingest(str(folder), "--db", str(kept))
    assert (doc["added"], doc["updated"]) == (0, 2)
    doc = _ingest(str(folder), "--db", str(unkept))
    assert (doc["added"], doc["updated"]) == (2, 0)


def test_a_database_from_before_text_hashes_finds_its_articles_by_their_text(tmp_path: Path) -> None:
    """Migration 10 hashes the stored texts, so a database ingested before it finds the page it
    holds under its site name when the page comes again with its address."""
    import sqlite3

    from newstrace.store.migrations import MIGRATIONS

    no_address = tmp_path / "rt.html"
    no_address.write_text(rt_international_page().replace(f'<meta property="og:url" content="{RT_LATER_URL}">', ""), encoding="utf-8")
    old = read_one(no_address)
    db = tmp_path / "v8.db"
    conn = sqlite3.connect(db)
    for statement in MIGRATIONS[:8]:
        conn.executescript(statement)
    conn.execute("INSERT INTO articles (id, outlet, text, content_hash, ingested_at) VALUES (?,?,?,?,?)",
                 (old.id, old.outlet, old.text, "h", "now"))
    conn.execute("PRAGMA user_version=8")
    conn.commit()
    conn.close()
    no_address.write_text(rt_international_page(), encoding="utf-8")
    doc, _ = _ingest_said(str(no_address), "--db", str(db))
    assert (doc["added"], doc["duplicates"]) == (0, 1)
    assert list(_stored(db)) == [old.id]


def test_a_page_saved_as_text_is_read_as_the_page_it_is(tmp_path: Path) -> None:
    """``curl URL > rt.txt``, or a page renamed: its markup was stored as the article's text, with
    "<!DOCTYPE html>" its title and no outlet. A .txt (or .txt.gz) that opens as a page does, its
    browser's "saved from" note first too, is read as that page, as standard input is; a text
    that merely holds a tag is text."""
    import gzip

    rt = seeds()[0]
    page = f"<!-- saved from url=({len(RT_URL):04d}){RT_URL} -->\n" + html_page(rt)
    as_html = tmp_path / "rt.html"
    as_html.write_text(page, encoding="utf-8")
    want = read_one(as_html)
    for name in ("rt.txt", "rt.txt.gz"):
        path = tmp_path / "saved" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(gzip.compress(page.encode()) if name.endswith(".gz") else page.encode())
        got = read_one(path)
        assert (got.title, got.outlet, got.url, got.text) == (RT_TITLE, "rt.com", RT_URL, want.text), name
        assert got.id == want.id
    text = tmp_path / "note.txt"
    text.write_text(f"{RT_TITLE}\n\n<b>UPDATE</b> {rt.paragraphs[0]}\n", encoding="utf-8")
    assert read_one(text).title == RT_TITLE


def test_a_file_given_twice_is_read_once(tmp_path: Path) -> None:
    """``ingest data/sana.jsonl data`` (a shell's list and its folder), a name given twice, or a
    link in the folder to a file in it: the file was read again, and each of its records was "id
    1 was already read in this run", a warning apiece, ``--strict`` exiting 2 for one input."""
    folder = tmp_path / "data"
    folder.mkdir()
    rows = [{**RT_1}, {"id": "2", "outlet": "RT", "title": REWRITE_TITLE, "text": REWRITE_TXT.read_text(encoding="utf-8")}]
    exports = _exports(folder, sana=rows)
    source = folder / exports["sana"]
    (folder / "again.jsonl").symlink_to(source)
    db = tmp_path / "news.db"
    doc, said = _ingest_said(str(source), str(folder), str(source), "--db", str(db), "--strict")
    assert (doc["added"], doc["warnings"], said) == (2, [], "")
    assert [a.source for a in read_inputs([source, folder, tmp_path / "data" / "again.jsonl"])] == [str(source)] * 2


def test_the_folder_of_a_page_saved_complete_is_no_articles(tmp_path: Path) -> None:
    """A browser's "Save page as, complete" writes ``NAME.html`` and ``NAME_files/`` beside it,
    the page's scripts, styles and frames. Ingesting the folder read a frame, a recommended-stories
    box holding the rewrite's first paragraphs, as an article "Recommended" of no outlet, which
    reuse then found copying the rewrite. That folder is the page's, not articles; given by name,
    or without its page beside it, it is read as any folder is."""
    import html as html_lib

    rt, rw = seeds()
    folder = tmp_path / "saved"
    resources = folder / "RT page_files"
    resources.mkdir(parents=True)
    (folder / "RT page.html").write_text(html_page(rt), encoding="utf-8")
    frame = ("<!DOCTYPE html><html><head><title>Recommended</title></head><body><div class='related'>"
             + "".join(f"<p>{html_lib.escape(p)}</p>" for p in rw.paragraphs[:2]) + "</div></body></html>")
    (resources / "saved_resource.html").write_text(frame, encoding="utf-8")
    (resources / "main.css").write_text("body { margin: 0 }", encoding="utf-8")
    assert [a.title for a in read_inputs([folder])] == [RT_TITLE]
    assert [a.title for a in read_inputs([resources])] == ["Recommended"]
    (folder / "RT page.html").rename(folder / "RT page.txt")  # no page of that name: a folder like any
    assert sorted(a.title or "" for a in read_inputs([folder])) == ["Recommended", RT_TITLE]


def test_files_of_other_types_in_a_folder_are_counted_once_by_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of downloads holds the seeds beside PDFs, images and Word files: ingest read the
    seeds and said nothing of the rest, so a user whose reports were PDFs never learnt that none
    was read. One line for the run counts them by type (and ``--json`` its ``passed_over``); no
    warning, so ``--strict`` exits 0. Hidden files and a saved page's resources are no such files."""
    import shutil

    from newstrace.cli.main import main

    folder = tmp_path / "downloads"
    (folder / "older").mkdir(parents=True)
    for seed in EXAMPLES.iterdir():
        shutil.copy(seed, folder / seed.name)
    (folder / "RT page.html").write_text(html_page(seeds()[0]), encoding="utf-8")
    (folder / "RT page_files").mkdir()
    (folder / "RT page_files" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "older" / "report-2.PDF").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "older" / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "brief.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    monkeypatch.chdir(tmp_path)
    line = "passed over: 4 files of types ingest does not read in the folders given (2 .pdf, 1 .docx, 1 .jpg)"
    for args in (["--json"], []):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["ingest", "downloads", "brief.pdf", "--db", f"d{len(args)}.db", "--strict", *args])
        said = err.getvalue().splitlines()
        # a PDF given by name is an input skipped, as before (and --strict fails for it)
        assert code == 2 and said.count(line) == 1, err.getvalue()
        assert "newstrace: skipped: brief.pdf: unsupported file type" in err.getvalue()
        if args:
            doc = json.loads(out.getvalue())
            assert doc["added"] + doc["duplicates"] == 3 and doc["passed_over"] == {".docx": 1, ".jpg": 1, ".pdf": 2}
            assert doc["warnings_total"] == 0
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["ingest", "downloads", "--db", "d0.db", "--strict"]) == 0  # said, not warned of
    assert err.getvalue().splitlines().count(line) == 1


def test_html_saved_by_a_browser_keeps_the_address_it_noted(tmp_path: Path) -> None:
    """Chrome's "Save page as" writes the page's address in a comment before the markup; the page
    was stored without URL, so two outlets' saved copies of one wire text had one id."""
    rt = seeds()[0]
    path = tmp_path / "RT page.html"
    path.write_text(f"<!-- saved from url=({len(RT_URL):04d}){RT_URL} -->\n" + html_page(rt), encoding="utf-8")
    a = read_one(path)
    assert a.url == RT_URL and a.title == RT_TITLE


def test_warc_resource_record_of_a_page_is_an_article(tmp_path: Path) -> None:
    """warcit and SingleFile archive a saved page as a ``resource`` record (no HTTP exchange, the
    WARC header names the type): the archive gave 'no articles found' without a reason."""
    import io

    from warcio.warcwriter import WARCWriter

    rt = seeds()[0]
    path = tmp_path / "saved.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        page = io.BytesIO(html_page(rt).encode())
        writer.write_record(writer.create_warc_record(rt.url, "resource", payload=page, warc_content_type="text/html"))
        css = io.BytesIO(b"body { color: black }")
        writer.write_record(writer.create_warc_record(rt.url + "/site.css", "resource", payload=css, warc_content_type="text/css"))
    (a,) = read_articles([path])
    assert (a.url, a.title, a.record) == (rt.url, RT_TITLE, 1) and a.text == normalize_body(rt.text)


def test_warc_gzipped_as_a_whole_is_read_to_its_end(tmp_path: Path) -> None:
    """``gzip crawl.warc`` makes one gzip stream, not one per record: the first page was stored,
    then the archive was reported as 'not a WARC file' and the rest lost."""
    import gzip

    rt, rw = seeds()
    plain = warc_bytes([(rt.url, "text/html", html_page(rt).encode()), (rw.url, "text/html", html_page(rw).encode())], gzip_records=False)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(plain, mtime=0))
    warnings: list[str] = []
    errors: list[NewstraceError] = []
    arts = list(read_inputs([path], warn=warnings.append, on_error=errors.append))
    assert [(a.title, a.record) for a in arts] == [(RT_TITLE, 1), (REWRITE_TITLE, 2)]
    assert warnings == errors == []


#: the paragraphs RT added to its page after the first crawl, as outlets update a developing story
RT_UPDATE = "UPDATE: The UN spokesman later said the figures would be revised once observers reached the area."
RT_UPDATE_2 = "Russia's Foreign Ministry called the report one-sided and said it ignored the shelling of western Aleppo."


def _crawl(path: Path, captures: list[tuple[str, str, str]]) -> Path:
    """A WARC of (url, WARC-Date, page) responses, in the order given."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, (url, when, page) in enumerate(captures):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(page.encode()), http_headers=headers,
                warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{i:012d}>"},
            ))
    return path


def _rt_versions() -> tuple[Any, Any, Any]:
    """RT's page as first published, after its first update and after its second: undated pages,
    whose crawl stands in for the publication date."""
    rt = seeds()[0]
    v2 = dataclasses.replace(rt, paragraphs=(*rt.paragraphs, RT_UPDATE))
    v3 = dataclasses.replace(rt, paragraphs=(*v2.paragraphs, RT_UPDATE_2))
    return rt, v2, v3


def test_warc_captures_of_one_address_are_one_article_its_latest(tmp_path: Path) -> None:
    """A crawl that came back to a page holds it once per visit. Each capture was an article (each
    of its own text), so an updated page was two articles and provenance had rt.com copying rt.com;
    an unchanged recapture was said to repeat an id. The latest capture (by WARC-Date, whatever its
    place in the archive) is the page, under an id of its address, and the earliest capture's date
    stands in for the publication date the page does not give."""
    from newstrace.model import page_id

    v1, v2, v3 = _rt_versions()
    rw = seeds()[1]
    page = lambda s: html_page(s, with_date=False)  # noqa: E731
    crawl = _crawl(tmp_path / "crawl.warc.gz", [
        (v1.url, "2016-10-30T15:00:00Z", page(v1)),
        (rw.url, "2016-11-02T09:00:00Z", html_page(rw)),
        (v1.url, "2016-11-01T08:00:00Z", page(v2)),
        (v1.url, "2016-11-02T08:00:00Z", page(v2)),  # unchanged since the last visit
    ])
    warnings: list[str] = []
    rewrite, rt = read_inputs([crawl], warn=warnings.append)  # RT where its latest capture is
    assert warnings == []
    assert (rt.id, rt.record, rt.meta["crawl_date"]) == (page_id(v1.url), 4, "2016-11-02T08:00:00Z")
    assert rt.text == normalize_body(v2.text) and rt.text.endswith(RT_UPDATE)
    assert rt.published == date(2016, 10, 30)  # the first capture's day, not the last's
    assert rewrite.title == REWRITE_TITLE and rewrite.published == date(2016, 11, 2)
    # a merged archive need not be in crawl order: the latest capture is the page wherever it is
    merged = _crawl(tmp_path / "merged.warc.gz", [
        (v1.url, "2016-11-03T08:00:00Z", page(v3)),
        (v1.url, "2016-10-30T15:00:00Z", page(v1)),
    ])
    (rt,) = read_inputs([merged], warn=warnings.append)
    assert (rt.record, rt.published, rt.text) == (1, date(2016, 10, 30), normalize_body(v3.text)) and warnings == []


def test_a_later_crawl_of_a_page_updates_its_article(tmp_path: Path) -> None:
    """A page crawled again in a later archive is an update of the article its first crawl stored,
    re-analysed as any changed article is; ingesting an archive again adds nothing and warns of
    nothing (``--strict`` exits 0), nor does the earlier archive put the page back as it was, read
    with the later one or after it; a database an older newstrace filled, which keyed each capture
    by its text, finds its page there. Provenance never has the outlet copy its own page."""
    from newstrace.corpus import analyze
    from newstrace.model import page_id

    v1, v2, v3 = _rt_versions()
    rw = seeds()[1]
    first = _crawl(tmp_path / "2016-11.warc.gz", [
        (v1.url, "2016-10-30T15:00:00Z", html_page(v1)),
        (rw.url, "2016-11-02T09:00:00Z", html_page(rw)),
        (v1.url, "2016-11-01T08:00:00Z", html_page(v2)),
    ])
    later = _crawl(tmp_path / "2016-12.warc.gz", [(v1.url, "2016-12-01T08:00:00Z", html_page(v3))])
    db = str(tmp_path / "a.db")
    doc = _ingest(str(first), "--db", db)
    assert (doc["added"], doc["warnings"]) == (2, [])
    with Store(db) as store:
        assert analyze(store, workers=1, steps=("reuse", "stories")).analysed == 2
    doc = _ingest(str(later), "--db", db, "--strict")
    assert (doc["added"], doc["updated"], doc["warnings"]) == (0, 1, [])
    doc = _ingest(str(first), str(later), "--db", db, "--strict")  # the archives again: nothing new
    assert (doc["added"], doc["updated"], doc["unchanged"]) == (0, 0, 2)
    doc = _ingest(str(first), "--db", db, "--strict")  # the earlier crawl alone does not put the page back
    assert (doc["added"], doc["updated"], doc["unchanged"]) == (0, 0, 2)
    with Store(db) as store:
        rt = store.get_article(page_id(v1.url))
        assert rt is not None and rt.text == normalize_body(v3.text) and store.count_articles() == 2
        assert analyze(store, workers=1, steps=("reuse", "stories")).analysed == 1
        edges = store.conn.execute("SELECT source, derived FROM provenance").fetchall()
        assert [tuple(e) for e in edges] == [(rt.id, page_id(rw.url))]  # RT to the rewrite, and nothing else
    # stored by a newstrace that keyed captures by their text: found there, not added again
    old = tmp_path / "old.db"
    page = read_articles([later])[0]
    with Store(old) as store:
        store.add_articles([dataclasses.replace(page, id=stable_id(page.text, page.url))])
    doc = _ingest(str(later), "--db", str(old), "--strict")
    assert (doc["added"], doc["unchanged"]) == (0, 1)


def test_page_saved_as_a_single_file_mhtml(tmp_path: Path) -> None:
    """Chrome's "Webpage, Single File" writes a MIME archive (.mhtml): the page quoted-printable
    in a windows-1252 part, its address in Content-Location, images after it. It was refused as
    an unsupported file type."""
    import quopri

    rt = seeds()[0]
    page = html_page(rt).replace('<meta charset="utf-8">', "")
    qp = quopri.encodestring(page.encode("cp1252")).decode("ascii")
    mhtml = (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {RT_URL}\r\n"
        f"Subject: {RT_TITLE.encode('ascii', 'replace').decode()}\r\n"
        "Date: Tue, 14 Mar 2023 10:00:00 -0000\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----MultipartBoundary--x1"\r\n\r\n'
        "------MultipartBoundary--x1\r\n"
        "Content-Type: text/html; charset=windows-1252\r\n"
        "Content-ID: <frame-1@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: {RT_URL}\r\n\r\n"
        f"{qp}\r\n"
        "------MultipartBoundary--x1\r\n"
        "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        "Content-Location: https://www.rt.com/logo.png\r\n\r\niVBORw0KGgo=\r\n"
        "------MultipartBoundary--x1--\r\n"
    )
    path = tmp_path / "RT page.mhtml"
    path.write_bytes(mhtml.encode("ascii"))
    warnings: list[str] = []
    (a,) = read_inputs([path], warn=warnings.append)
    assert (a.url, a.title, a.published) == (RT_URL, RT_TITLE, date(2016, 10, 30)) and warnings == []
    assert a.text == normalize_body(rt.text)


def test_a_warc_without_html_pages_counts_its_records_in_words(tmp_path: Path) -> None:
    """An archive of requests and one image said "(its records: 2 request record(s), 1 warcinfo
    record(s), 1 image/png)": the kinds of record are nouns, counted as such."""
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "requests.warc.gz"
    archive.write_bytes(warc_bytes([("https://www.rt.com/static/logo.png", "image/png", b"\x89PNG\r\n\x1a\n")]))
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    writer.write_record(writer.create_warcinfo_record("requests.warc.gz", {"software": "test"}))
    for url in ("https://www.rt.com/", "https://www.rt.com/news/"):
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    archive.write_bytes(buf.getvalue() + archive.read_bytes())
    said = "no HTML page in this web archive (its records: 2 request records, 1 image/png, 1 warcinfo record)"
    with pytest.raises(InputError, match=re.escape(f"{archive}: {said}")):
        read_articles([archive])


def test_a_warc_damaged_in_its_first_record_says_so(tmp_path: Path) -> None:
    """A WARC whose first record is cut short was 'damaged WARC after record 0 (AttributeError)':
    no record 0 exists, and the bare exception name said nothing of what was wrong."""
    path = tmp_path / "cut.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    with pytest.raises(InputError) as e:
        read_articles([path])
    assert str(e.value).startswith(f"{path}: damaged WARC in its first record (cut short or malformed; warcio gave ")


def test_a_warc_without_html_pages_says_what_it_holds(tmp_path: Path) -> None:
    """A crawl of a site's stylesheet, logo and a page that was not found holds no page to read:
    given alone it was "no articles found in site.warc.gz" without a reason, and beside other
    inputs it was passed over without a word. It is an input skipped, naming what it holds."""
    rt = seeds()[0]
    archive = tmp_path / "site.warc.gz"
    archive.write_bytes(warc_bytes([
        ("https://www.rt.com/static/main.css", "text/css", b"body { margin: 0 }"),
        ("https://www.rt.com/static/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://www.rt.com/news/missing", "text/html; charset=utf-8", html_page(rt).encode()),
    ]))
    said = "no HTML page in this web archive (its records: 1 image/png, 1 text/css, 1 text/html (HTTP 404))"
    with pytest.raises(InputError, match=re.escape(f"{archive}: {said}")):
        read_articles([archive])
    text = tmp_path / "rt.txt"
    text.write_bytes(RT_TXT.read_bytes())
    p = subprocess.run([sys.executable, "-m", "newstrace", "ingest", str(archive), str(text), "--db", str(tmp_path / "n.db")],
                       capture_output=True, text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert p.returncode == 0, p.stderr
    assert f"newstrace: skipped: {archive}: {said}" in p.stderr and "1 added" in p.stderr and "1 input skipped" in p.stderr
    # a page and an image, the archive gzipped as one stream (read twice, past the records read): its page counts
    import gzip

    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(warc_bytes([(rt.url, "text/html", html_page(rt).encode()),
                                                ("https://www.rt.com/static/logo.png", "image/png", b"\x89PNG")], gzip_records=False)))
    assert [a.title for a in read_articles([whole])] == [RT_TITLE]


def test_uncompressed_warc(tmp_path: Path) -> None:
    rt = seeds()[0]
    path = tmp_path / "one.warc"
    path.write_bytes(warc_bytes([(rt.url, "text/html", html_page(rt).encode())], gzip_records=False))
    assert read_one(path).title == RT_TITLE


def test_damaged_warc_keeps_earlier_records_and_skips_the_cut_one(tmp_path: Path) -> None:
    rt, rw = seeds()
    data = warc_bytes([(rt.url, "text/html", html_page(rt).encode()), (rw.url, "text/html", html_page(rw).encode())])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 500])  # ends inside the second record's gzip member
    warnings: list[str] = []
    errors: list[NewstraceError] = []
    got = list(read_inputs([path], on_error=errors.append, warn=warnings.append))
    assert [a.title for a in got] == [RT_TITLE]  # not a partial rewrite passing for a short article
    assert errors == [] and len(warnings) == 1
    assert "cut.warc.gz: record 2" in warnings[0] and "truncated" in warnings[0]


# -- folders, limits -------------------------------------------------------------------------------


def test_folder_reads_every_supported_file_in_sorted_order(good: Path) -> None:
    (good / ".hidden.txt").write_bytes(RT_TXT.read_bytes())
    (good / "notes.docx").write_bytes(b"x")
    sub = good / "sub"
    sub.mkdir()
    (sub / "again.txt").write_bytes(REWRITE_TXT.read_bytes())
    arts = read_articles([good])
    sources = [Path(a.source or "").name for a in arts]
    assert ".hidden.txt" not in sources and "notes.docx" not in sources
    assert sources == sorted(sources, key=lambda n: str(next(good.rglob(n)).relative_to(good)))
    assert len(arts) == 14
    assert read_articles([good]) == arts  # same folder, same articles, same order


def test_folder_follows_a_linked_folder_once(tmp_path: Path) -> None:
    """A researcher links a dataset folder into the input folder: its files were passed over
    without a word (``rglob`` does not enter linked folders). A link back up must not loop."""
    outside = tmp_path / "datasets" / "seeds"
    outside.mkdir(parents=True)
    (outside / "rt.txt").write_bytes(RT_TXT.read_bytes())
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "rewrite.txt").write_bytes(REWRITE_TXT.read_bytes())
    (inputs / "seeds").symlink_to(outside, target_is_directory=True)
    (inputs / "seeds" / "up").symlink_to(inputs, target_is_directory=True)
    (inputs / ".cache").symlink_to(outside, target_is_directory=True)  # hidden: skipped as ever
    arts = read_articles([inputs])
    assert [a.source for a in arts] == [str(inputs / "rewrite.txt"), str(inputs / "seeds" / "rt.txt")]


def test_article_limit_is_configurable(tmp_path: Path) -> None:
    small = Limits(max_article_chars=1000)
    with pytest.raises(LimitError, match=r"001_b27ff7eeccda9d61\.txt: article of 4,\d+ characters .*NEWSTRACE_MAX_ARTICLE_CHARS"):
        list(read_inputs([RT_TXT], limits=small))
    path = tmp_path / "both.jsonl"
    path.write_bytes(good_files()["both.jsonl"])
    warnings: list[str] = []
    assert list(read_inputs([path], limits=small, warn=warnings.append)) == []
    assert len(warnings) == 2 and all("longer than the 1,000 limit" in w for w in warnings)


def test_file_limit_is_configurable(tmp_path: Path) -> None:
    with pytest.raises(LimitError, match="larger than the 1 kB limit"):
        list(read_inputs([RT_TXT], limits=Limits(max_file_bytes=1000)))


def test_limits_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTRACE_MAX_ARTICLE_CHARS", "1234")
    monkeypatch.setenv("NEWSTRACE_EXTRACT_SECONDS_PER_ARTICLE", "2.5")
    monkeypatch.setenv("NEWSTRACE_MAX_COMPARE_ARTICLES", "lots")  # unparsable: default kept, and named
    monkeypatch.setenv("NEWSTRACE_MAX_FILE_BYTES", "-1")
    lim = Limits.from_env()
    assert (lim.max_article_chars, lim.extract_seconds_per_article) == (1234, 2.5)
    assert lim.max_compare_articles == Limits().max_compare_articles
    assert lim.max_file_bytes == Limits().max_file_bytes
    assert env_problems() == [
        "NEWSTRACE_MAX_FILE_BYTES='-1': must not be negative",
        "NEWSTRACE_MAX_COMPARE_ARTICLES='lots': not an integer number",
    ]


def test_a_mistyped_limit_stops_the_cli_naming_it(tmp_path: Path) -> None:
    env = {**os.environ, "NEWSTRACE_MAX_FILE_BYTES": "20MB"}
    p = subprocess.run(
        [sys.executable, "-m", "newstrace.cli.main", "ingest", str(RT_TXT), "--db", str(tmp_path / "o.db")],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert p.returncode == 1 and "NEWSTRACE_MAX_FILE_BYTES='20MB': not an integer number" in p.stderr
    assert not (tmp_path / "o.db").exists()


def test_limit_messages_show_sizes_that_say_something() -> None:
    assert [human_bytes(n) for n in (100, 1000, 1500, 20_000_000, 2_345_678)] == [
        "100 bytes", "1 kB", "1.5 kB", "20 MB", "2.3 MB"
    ]


def test_hostile_records_are_stored_as_text(tmp_path: Path) -> None:
    """Ingest keeps injection payloads as the literal text they are (escaping is the output's job),
    and takes only terminal control characters out of metadata."""
    from fuzz.samples import HOSTILE, hostile_records

    path = tmp_path / "hostile.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in hostile_records()), encoding="utf-8")
    arts = read_articles([path])
    assert len(arts) == len(HOSTILE)
    for a, payload in zip(arts, HOSTILE, strict=True):
        if "\x1b" in payload:
            assert a.title is not None and "\x1b" not in a.title and "\x07" not in a.title
            assert "\x1b" not in a.text  # cleaning drops control characters from bodies too
        else:
            assert a.title is not None and a.title.startswith(payload)
            assert a.outlet == payload and payload in a.text


def test_list_and_object_fields_are_not_stored_as_their_python_spelling(tmp_path: Path) -> None:
    """Scrapers give ``"outlet": ["rt.com"]``; it was stored as the text "['rt.com']", an outlet
    no filter or network could match. A list gives its first text, an object its name or no value."""
    path = tmp_path / "a.jsonl"
    body = "Rockets hit western Aleppo on Sunday, the UN envoy said, calling the attacks appalling."
    rows = [
        {"id": "x1", "text": body, "outlet": ["rt.com", "sputnik"], "title": ["UN envoy appalled"], "author": ["A", "B"]},
        {"id": "x2", "text": body + " More.", "outlet": {"id": 7}, "url": ["", "https://www.rt.com/news/1"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    a, b = read_articles([path])
    assert (a.outlet, a.title, a.author) == ("rt.com", "UN envoy appalled", "A, B")
    assert b.url == "https://www.rt.com/news/1" and b.outlet == "rt.com"  # from the URL: the object has no name


def test_an_unterminated_quote_that_swallows_the_rest_of_a_csv_is_said(tmp_path: Path) -> None:
    """Python's lenient CSV reader closes a quote left open at the end of the file without a word:
    the rows after it became the text of one article. A quoted field that is closed, with
    commas and escaped quotes across lines, is no such case."""
    bad = tmp_path / "bad.csv"
    bad.write_text(
        'id,title,text\n1,a,"Rockets hit Aleppo, the envoy said.\n2,b,Shelling in Idlib killed six.\n3,c,Talks resume.\n',
        encoding="utf-8",
    )
    warnings: list[str] = []
    (only,) = read_inputs([bad], warn=warnings.append)
    assert "2,b,Shelling" in only.text  # what the reader makes of it: one article
    assert len(warnings) == 1 and f"{bad}:2: a quote opened in this record is never closed" in warnings[0]
    assert "the 2 lines after it" in warnings[0]
    good = tmp_path / "good.csv"
    good.write_text(
        'id,title,text\n1,a,"Rockets hit Aleppo, the envoy said,\nand, later, Idlib."\n2,b,"A ""quoted"" word,\non, two lines."\n',
        encoding="utf-8",
    )
    warnings.clear()
    assert len(list(read_inputs([good], warn=warnings.append))) == 2 and warnings == []
    # the quotes are counted from the open record's first line: closed fields across lines before
    # it, with an odd count of quotes on one line, do not hide it or raise a false one
    after = tmp_path / "after.csv"
    after.write_text(
        'id,title,text\n1,a,"Rockets hit Aleppo, ""the\nenvoy"" said."\n2,b,"Talks ""resume\n3,c,Shelling.\n',
        encoding="utf-8",
    )
    warnings.clear()
    assert len(list(read_inputs([after], warn=warnings.append))) == 2
    assert len(warnings) == 1 and f"{after}:4: a quote opened in this record is never closed" in warnings[0]


def test_an_article_newstrace_wrote_as_json_reads_back_with_its_outlet(
    examples: dict[str, Article], tmp_path: Path
) -> None:
    """``show --json`` (``Article.to_dict``) names the input file ``source``; read back from JSONL
    (as a Spark ``--input``, say), the rewrite, which has no outlet (``"outlet": null``), got the
    path of its .txt file as outlet, since ``source`` is FA-KES's outlet column: stories and the
    outlet network then listed '/.../000_6fb2124cbc58fd30.txt' as an outlet. A record that names
    ``outlet`` keeps it; one with ``source`` alone still takes it as the outlet."""
    feed = tmp_path / "articles.jsonl"
    feed.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in examples.values()), encoding="utf-8")
    back = {a.id: a for a in read_articles([feed])}
    for a in examples.values():
        assert (back[a.id].outlet, back[a.id].text, back[a.id].title) == (a.outlet, a.text, a.title)
    assert examples["rewrite"].outlet is None and examples["rt"].outlet == "rt.com"
    fakes = tmp_path / "fakes.jsonl"
    fakes.write_text(json.dumps({"unit_id": "1", "article_content": "Shelling hit Aleppo.", "source": "sana"}) + "\n", encoding="utf-8")
    assert read_articles([fakes])[0].outlet == "sana"


def test_a_date_whose_instant_falls_outside_the_calendar_is_stored(tmp_path: Path) -> None:
    """Exports from .NET write an unset date as DateTime.MinValue with the server's offset
    (0001-01-01T00:00:00+01:00), whose UTC instant is in year 0: the publication order taken to
    UTC raised OverflowError and the whole ingest stopped with an internal error."""
    from newstrace.model import published_order

    path = tmp_path / "export.jsonl"
    rows = [
        {"text": REWRITE_TXT.read_text(encoding="utf-8"), "outlet": "a.example", "published": "0001-01-01T00:00:00+01:00"},
        {"text": "Second article text long enough to be one.", "outlet": "b.example", "published": "9999-12-31T23:00:00-05:00"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    arts = read_articles([path])
    with Store(tmp_path / "news.db") as st:
        assert st.add_articles(arts).added == 2
        stored = [r[0] for r in st.conn.execute("SELECT published_utc FROM articles ORDER BY published_utc")]
    assert stored == ["0001-01-01T00:00:00", "9999-12-31T23:00:00"] == [published_order(a.published) for a in arts]


def test_the_spark_engine_respells_outlets_as_ingest_does() -> None:
    """``engine.spark._respelled`` (what ``_spelled`` maps each partition with) gives a record the
    outlet and id ``ingest``'s ``OutletNames`` gives its article: "rt" after "RT" is "RT", an id
    derived from the outlet is derived again, a given id and a record without an outlet stay. The
    parity corpus spells each outlet one way, so no Spark run takes this path."""
    from newstrace.engine.spark import _respelled
    from newstrace.ingest.base import keyed_articles

    no_url = "Shelling was reported overnight in the eastern districts of the city."
    arts = [Article(id="1", text="Convoy.", outlet="RT"), Article(id="2", text="Talks.", outlet="rt"),
            Article(id=stable_id(no_url, None, "rt"), text=no_url, outlet="rt"), Article(id="4", text="None.")]
    local = [(a.id, a.outlet) for a in keyed_articles(arts)]
    assert local == [("1", "RT"), ("2", "RT"), (stable_id(no_url, None, "RT"), "RT"), ("4", None)]
    records = [a.to_dict() for a in arts]
    assert [(d["id"], d.get("outlet")) for d in _respelled(records, ["RT"])] == local


def test_sidecars_given_with_their_files_are_matched_once_not_per_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A shell's '*' gives every file and its sidecar: each sidecar looked for its article by a scan
    of every path given, a quadratic run before the first article (5 billion lookups for 100,000)."""
    import newstrace.ingest as ingest_mod

    paths = []
    for i in range(60):
        (tmp_path / f"a{i}.txt").write_text(f"Title {i}\n\nBody {i}.", encoding="utf-8")
        (tmp_path / f"a{i}.meta.json").write_text("{}", encoding="utf-8")
        paths += [tmp_path / f"a{i}.txt", tmp_path / f"a{i}.meta.json"]
    (tmp_path / "alone.meta.json").write_text("{}", encoding="utf-8")
    paths.append(tmp_path / "alone.meta.json")
    lookups = count_calls(monkeypatch, ingest_mod, "sidecar_path")
    errors: list[Any] = []
    files = list(ingest_mod.iter_files(paths, errors.append))
    assert files == [tmp_path / f"a{i}.txt" for i in range(60)]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'alone.meta.json'}: metadata for the article file of the same name (NAME.txt, NAME.html or "
        "NAME.mhtml), not an article, and no such file is beside it"
    ]
    assert lookups.calls <= len(paths)


def _fakes_rows(n: int) -> list[dict[str, str]]:
    """The first ``n`` rows of FA-KES dev as read by ``csv`` (skipped without ../shared): real
    articles whose dates read either way (4/7/17), for the cut-file tests below."""
    import csv

    from conftest import require_data

    source = require_data("fakes", "fakes_dev.csv")
    csv.field_size_limit(1 << 30)
    with source.open(encoding="utf-8", newline="") as fh:
        return [row for _, row in zip(range(n), csv.DictReader(fh), strict=False)]


def _as_records(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """FA-KES rows as the JSON records ``ingest`` reads (id, outlet, date, title, text)."""
    return [{"id": r["unit_id"], "outlet": r["source"], "date": r["date"], "title": r["article_title"],
             "text": r["article_content"]} for r in rows]


@pytest.mark.parametrize("name", ["fakes.csv.gz", "fakes.jsonl.gz"])
def test_a_cut_gzip_file_of_ambiguous_dates_keeps_the_records_before_the_cut(tmp_path: Path, name: str) -> None:
    """A gzip file cut short keeps the records before the cut (README), but not one whose dates
    could be read either way: FA-KES's first date, 4/7/17, sent the date order to a second pass
    over the whole file, which met the cut first, and the file was "damaged" with none of its
    records read (the first 50 rows of FA-KES dev, gzipped and cut at 20 KB: 0 of the 23 whole
    records); a CSV's was lost before that, by the read of its first 64 KB (where its delimiter
    is chosen) meeting the cut. Both stop at the cut; the file's read keeps what is before it."""
    import csv
    import gzip

    rows = _fakes_rows(50)
    if name.endswith(".csv.gz"):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        data = out.getvalue()
    else:
        data = "".join(json.dumps(record) + "\n" for record in _as_records(rows))
    whole = tmp_path / f"whole-{name}"
    whole.write_bytes(gzip.compress(data.encode("utf-8"), mtime=0))
    full = [a.id for a in read_inputs(whole)]
    cut = tmp_path / name
    cut.write_bytes(whole.read_bytes()[:20_000])
    errors: list[NewstraceError] = []
    kept = list(read_inputs(cut, on_error=errors.append))
    assert [str(e) for e in errors] == [
        f"{cut}: damaged gzip file (EOFError: Compressed file ended before the end-of-stream marker was reached)"
    ]
    assert len(kept) > 10 and [a.id for a in kept] == full[: len(kept)]
    assert [a.published for a in kept] == [a.published for a in read_inputs(whole)][: len(kept)]


def test_a_cut_gzip_json_array_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    """A ``.json.gz`` array is read in pieces of 64 KB, each read ahead of the one parsed: ``read(65536)``
    of a gzip file raised at the cut and gave none of the bytes before it, so the first 50 rows of
    FA-KES dev as one array, gzipped and cut at 20 KB, kept none of their 23 whole records (as
    ``read(8192)`` of its head had failed before that). The pieces end at the cut, which is raised
    when the text before it is used up: the records before it are kept, the file named as damaged."""
    import gzip

    records = _as_records(_fakes_rows(50))
    whole = tmp_path / "whole.json.gz"
    whole.write_bytes(gzip.compress(json.dumps(records).encode("utf-8"), mtime=0))
    cut = tmp_path / "fakes.json.gz"
    cut.write_bytes(whole.read_bytes()[:20_000])
    errors: list[NewstraceError] = []
    kept = list(read_inputs(cut, on_error=errors.append))
    assert [str(e) for e in errors] == [
        f"{cut}: damaged gzip file (EOFError: Compressed file ended before the end-of-stream marker was reached)"
    ]
    assert len(kept) > 10 and [a.id for a in kept] == [a.id for a in read_inputs(whole)][: len(kept)]


def test_a_gzip_json_array_cut_right_after_a_record_keeps_that_record(tmp_path: Path) -> None:
    """A record whose closing brace was the last character before a gzip file's cut was read on for
    more (as a number ending there may go on), met the cut and was lost: the first 20 rows of FA-KES
    dev as one array, the stream flushed and cut right after the 12th record, kept 11 of 12."""
    import gzip
    import io
    import zlib

    records = _as_records(_fakes_rows(20))
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as g:
        g.write(("[" + ", ".join(json.dumps(r) for r in records[:12])).encode("utf-8"))
        g.flush(zlib.Z_FULL_FLUSH)  # everything so far is in the bytes before the cut
        at = buf.tell()
        g.write(("".join(", " + json.dumps(r) for r in records[12:]) + "]").encode("utf-8"))
    cut = tmp_path / "fakes.json.gz"
    cut.write_bytes(buf.getvalue()[:at])
    errors: list[NewstraceError] = []
    kept = list(read_inputs(cut, on_error=errors.append))
    assert [str(e) for e in errors] == [
        f"{cut}: damaged gzip file (EOFError: Compressed file ended before the end-of-stream marker was reached)"
    ]
    assert len(kept) == 12 and [a.title for a in kept] == [r["title"].strip() for r in records[:12]]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-32-be"])
def test_text_and_json_with_a_utf16_or_utf32_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    """UTF-32's little-endian mark (FF FE 00 00) opens with UTF-16's (FF FE): a UTF-32 file was read
    as UTF-16, a NUL after every letter ("U N  S y r i a" in RT's title), its JSON refused as
    invalid and its CSV header read as no column; big-endian UTF-32 (00 00 FE FF) was a "binary
    file". A byte order mark names the file's encoding, UTF-32's tried first."""
    import codecs

    bom = codecs.BOM_UTF32_BE if encoding == "utf-32-be" else b""
    rt = EXAMPLES / "001_b27ff7eeccda9d61.txt"
    want = read_articles([rt])[0]
    txt, doc = tmp_path / "rt.txt", tmp_path / "rt.json"
    txt.write_bytes(bom + rt.read_text(encoding="utf-8").encode(encoding))
    record = {"title": want.title, "text": want.text, "outlet": "rt.com", "published": "2016-10-30"}
    doc.write_bytes(bom + json.dumps(record, ensure_ascii=False).encode(encoding))
    warnings: list[str] = []
    a, b = read_inputs([txt, doc], warn=warnings.append)
    assert warnings == []
    assert (a.title, a.text) == (want.title, want.text)
    assert (b.title, b.text, b.outlet) == (want.title, want.text, "rt.com")


def test_a_csv_cut_short_in_its_last_record_is_warned_of(tmp_path: Path) -> None:
    """FA-KES dev cut at 3,000 bytes (a download or copy that stopped) ends in its second record's
    text, mid-word, its source and date columns never reached: the record was stored, its text cut
    off, without a word. So was a record cut inside a quoted field (RT's text, with its commas).
    Each is kept and warned of; the whole file, and a file whose last line lacks only its line
    break, are not."""
    from conftest import require_data

    data = require_data("fakes", "fakes_dev.csv").read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[:3000])
    warnings: list[str] = []
    arts = list(read_inputs([cut], warn=warnings.append, day_first=False))
    assert [a.id for a in arts] == ["1914947532", "1914947536"]
    assert warnings == [f"{cut}:3: the file ends in this record, with 3 of 13 columns and no line end: it looks cut "
                        "short, and the record's text may be incomplete"]
    whole = data.split(b"\n1914947536,")[0] + b"\n"  # the header and the first record, whole
    for ending in (b"\n", b""):
        cut.write_bytes(whole[:-1] + ending)
        warnings.clear()
        assert len(list(read_inputs([cut], warn=warnings.append, day_first=False))) == 1 and warnings == []
    import csv

    rt = (EXAMPLES / "001_b27ff7eeccda9d61.txt").read_text(encoding="utf-8").replace("\n", " ")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerows([["id", "text", "outlet"], ["1", rt[:800], "rt.com"], ["2", rt, "rt.com"]])
    cut.write_text(buf.getvalue()[:1600], encoding="utf-8")
    warnings.clear()
    assert len(list(read_inputs([cut], warn=warnings.append))) == 2
    assert warnings == [f"{cut}:3: the file ends inside a quoted field of this record: it looks cut short, and the "
                        "record's text may be incomplete"]


def test_json_lines_files_each_with_a_byte_order_mark_joined_by_cat_keep_every_record(tmp_path: Path) -> None:
    """Exports written with a UTF-8 byte order mark (PowerShell's ``Out-File -Encoding utf8``,
    Notepad's "UTF-8 with BOM"), joined by ``cat a.jsonl b.jsonl > all.jsonl``: the first file's
    mark was read as such, and the record after each join lost, 'all.jsonl:3: invalid JSON
    (Unexpected UTF-8 BOM (decode using utf-8-sig) at column 1), skipped'. A mark at a line's
    start is no part of its record."""
    rt, rw = seeds()
    first = "".join(json.dumps(record(s)) + "\r\n" for s in (rt, rw))
    second = json.dumps(record(rt, id="rt-again", url=None, outlet="RT")) + "\r\n"
    path = tmp_path / "all.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + first.encode() + b"\xef\xbb\xbf" + second.encode())
    warnings: list[str] = []
    assert [a.id for a in read_inputs([path], warn=warnings.append)] == [rt.id, rw.id, "rt-again"]
    assert warnings == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_json_lines_with_a_utf16_or_utf32_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    """Windows' "Unicode" save of a JSON Lines export is UTF-16 with a mark: its lines were split at
    the file's bytes and read as windows-1252, "invalid JSON" on every line and "no articles found".
    Read in the charset its mark names, it gives the seeds, line numbers as written; one
    pretty-printed JSON document saved so is read whole, as a UTF-8 one is. The Spark engine, which
    splits files at their bytes, refuses such a file before it starts, naming the way to read it."""
    from newstrace.engine.spark import check_input

    seeds_ = read_articles([EXAMPLES])
    records = [{"id": a.id, "title": a.title, "text": a.text, "outlet": a.outlet} for a in seeds_]
    lines = tmp_path / "export.jsonl"
    lines.write_bytes(("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "{oops\n").encode(encoding))
    warnings: list[str] = []
    got = list(read_inputs([lines], warn=warnings.append))
    assert [(a.id, a.title, a.text) for a in got] == [(a.id, a.title, a.text) for a in seeds_]
    assert len(warnings) == 1 and warnings[0].startswith(f"{lines}:3: invalid JSON"), warnings
    pretty = tmp_path / "pretty.jsonl"
    pretty.write_bytes(json.dumps(records, indent=2, ensure_ascii=False).encode(encoding))
    assert [a.id for a in read_articles([pretty])] == [a.id for a in seeds_]
    with pytest.raises(InputError, match=f"{encoding.upper()} text .* which the Spark engine does not read"):
        check_input(lines)


def test_a_wrapped_list_of_articles_cut_short_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    """A JSON array cut inside a record keeps the records before it; the same records wrapped as an
    API wraps them ({"articles": [...]}, Solr's {"response": {"docs": [...]}}) gave none: the pass
    that chooses the list failed at the cut and the whole file was refused. The list being read at
    the cut is taken, its records before the cut kept, the damage named after them."""
    import gzip

    seeds_ = read_articles([EXAMPLES])
    records = [{"id": a.id, "outlet": a.outlet, "title": a.title, "text": a.text} for a in seeds_]
    for name, doc in (("articles.json", {"articles": records}), ("solr.json", {"status": "ok", "response": {"docs": records}})):
        text = json.dumps(doc)
        cut_at = text.index('{"id"', text.index('{"id"') + 1) + 300  # inside the second record's text
        for path, data in ((tmp_path / name, text[:cut_at].encode()), (tmp_path / (name + ".gz"), gzip.compress(text.encode())[:-40])):
            path.write_bytes(data)
            errors: list[NewstraceError] = []
            got = list(read_inputs([path], on_error=errors.append))
            assert [a.id for a in got] == [seeds_[0].id], path
            (e,) = errors
            assert e.kept == 1 and (": invalid JSON (" in str(e) or ": damaged gzip file (" in str(e)), str(e)
    # a file cut before any list of articles is still refused as a whole
    bare = tmp_path / "bare.json"
    bare.write_text('{"status": "ok", "meta": {"count": 2, "source": "Staffan de Mis', encoding="utf-8")
    errors = []
    assert list(read_inputs([bare], on_error=errors.append)) == [] and errors[0].kept == 0


def test_a_json_lines_file_cut_inside_its_last_record_says_it_looks_cut_short(tmp_path: Path) -> None:
    """The seeds as JSON Lines, cut inside the second line (a download that stopped): the warning
    was "invalid JSON (Unterminated string ...), skipped", as for a bad record among good ones. It
    says the file ends inside the record; a bad line that the file goes on after does not, and a
    last line whole but for its line break is read."""
    seeds_ = read_articles([EXAMPLES])
    lines = [json.dumps({"id": a.id, "outlet": a.outlet, "text": a.text}) for a in seeds_]
    path = tmp_path / "export.jsonl"
    path.write_text(lines[0] + "\n" + lines[1][:400], encoding="utf-8")
    warnings: list[str] = []
    assert [a.id for a in read_inputs([path], warn=warnings.append)] == [seeds_[0].id]
    assert warnings == [f"{path}:2: invalid JSON (Unterminated string starting at column 56); the file ends inside this "
                        "record: it looks cut short, skipped"]
    path.write_text(lines[0][:-1] + "\n" + lines[1], encoding="utf-8")  # the first line broken, the last whole
    warnings.clear()
    assert [a.id for a in read_inputs([path], warn=warnings.append)] == [seeds_[1].id]
    assert len(warnings) == 1 and "cut short" not in warnings[0] and warnings[0].startswith(f"{path}:1: invalid JSON")


def test_limit_messages_say_one_byte_not_one_bytes(tmp_path: Path) -> None:
    """A limit of 1 byte (or a file of one) read "1 bytes", "file of 1 bytes" included."""
    seed = Path(__file__).parent.parent / "examples" / "000_6fb2124cbc58fd30.txt"
    with pytest.raises(LimitError) as e:
        check_size(seed, Limits(max_file_bytes=1))
    assert "is larger than the 1 byte limit" in str(e.value), e.value
    one = tmp_path / "one.txt"
    one.write_text(seed.read_text(encoding="utf-8")[0], encoding="utf-8")
    with pytest.raises(LimitError) as e:
        check_size(one, Limits(max_file_bytes=0))
    assert ": file of 1 byte is larger than the 0 bytes limit" in str(e.value), e.value


def test_a_saved_page_and_its_copies_ingested_by_turns_change_nothing_after_the_first_runs(tmp_path: Path) -> None:
    """RT's page saved from the browser, then a crawl of its address (or an export's record of it
    with an author the page lacks), ingested by turns: each run after the first two said "1
    updated", the stored article flipping between the two readings (its crawl date or author, its
    file), and each such update had ``analyze`` analyse it again. The page keeps its id and takes
    what the later copy adds once; re-runs of either input, in any order, change nothing."""
    rt = seeds()[0]
    page = html_page(rt)
    saved = tmp_path / "rt saved.html"
    saved.write_text(f"<!-- saved from url=({len(rt.url):04d}){rt.url} -->\n{page}", encoding="utf-8")
    crawl = _crawl(tmp_path / "crawl.warc.gz", [(rt.url, "2016-10-31T08:00:00Z", page)])
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"url": rt.url, "html": page, "author": "RT staff"}) + "\n", encoding="utf-8")
    for later in (crawl, export):
        db = tmp_path / f"{later.stem}.db"
        first = _ingest(str(saved), "--db", str(db))
        assert (first["added"], first["updated"]) == (1, 0)
        _ingest(str(later), "--db", str(db))  # takes what the page lacks (a crawl date, an author) once
        rows = _rows(db)
        with Store(db, readonly=True) as store:
            (kept,) = store.iter_articles()
        assert (kept.id, kept.source) == (read_one(saved).id, str(saved))  # the page's id, at its file
        for again in (saved, later, saved, later):
            doc = _ingest(str(again), "--db", str(db), "--strict")
            assert (doc["added"], doc["updated"], doc["warnings"]) == (0, 0, []), (later.name, again.name)
        assert _rows(db) == rows, later.name


@pytest.mark.parametrize("name", ["rt.html.gz", "rt.HTM.gz", "rt.mhtml.gz"])
def test_a_gzipped_page_given_by_name_says_to_decompress_it(tmp_path: Path, name: str) -> None:
    """A saved page compressed to save room (``gzip rt.html``) was refused as any unknown file,
    "unsupported file type (supported: .txt, .html, ...)", naming .html among the types read,
    where standard input says what to do of the same bytes. It says so too, naming the command."""
    import gzip
    import shlex

    path = tmp_path / "saved pages" / name
    path.parent.mkdir()
    path.write_bytes(gzip.compress(html_page(seeds()[0]).encode()))
    errors: list[NewstraceError] = []
    assert list(read_inputs([path], warn=lambda w: None, on_error=errors.append)) == []
    assert [str(e) for e in errors] == [
        f"{path}: gzip-compressed page is not read: decompress it first (gunzip -k {shlex.quote(str(path))}), then give the page"
    ]


def _fnc1_bodies(n: int) -> list[tuple[str, str]]:
    """The first ``n`` FNC-1 train bodies (id, text), skipped without ../shared."""
    import csv

    from conftest import require_data

    with require_data("fnc1", "train_bodies.csv").open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh)
        return [(r["Body ID"], r["articleBody"]) for _, r in zip(range(n), rows, strict=False)]


def test_a_folder_of_files_of_other_types_alone_counts_them_in_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``ingest examples reports`` where ``reports`` holds only a PDF: the folder was skipped as
    holding no supported files, and its PDF, passed over as a PDF beside a text is, was left out of
    the stderr line and of ``--json``'s ``passed_over`` (``{}``), which the docs say counts the
    files of other types in the folders given."""
    from newstrace.cli.main import main

    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert main(["ingest", str(EXAMPLES), str(reports), "--db", str(tmp_path / "n.db"), "--json"]) == 0
    said = capsys.readouterr()
    doc = json.loads(said.out)
    assert doc["added"] == 2 and doc["skipped"] == [f"{reports}: folder holds no supported files ({SUPPORTED})"]
    assert doc["passed_over"] == {".pdf": 1}, said.err
    assert said.err.splitlines()[-1] == (
        "passed over: 1 file of a type ingest does not read in the folders given (1 .pdf)"), said.err


def test_os_clutter_files_in_a_folder_are_left_out_as_hidden_files_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Windows leaves ``Thumbs.db`` and ``desktop.ini`` in a folder a user opened, macOS ``.DS_Store``:
    the first two were counted as files of other types passed over ('1 .db, 1 .ini'), and a folder
    holding nothing else said so too. They are the system's, as a hidden file is, and are left out
    without a word as hidden files are; a PDF beside them is still said."""
    from newstrace.cli.main import main

    folder = tmp_path / "downloads"
    folder.mkdir()
    for seed in EXAMPLES.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    for clutter in ("Thumbs.db", "desktop.ini", ".DS_Store"):
        (folder / clutter).write_bytes(b"\x00\x01clutter")
    assert main(["ingest", str(folder), "--db", str(tmp_path / "n.db"), "--json"]) == 0
    said = capsys.readouterr()
    assert json.loads(said.out)["passed_over"] == {} and "passed over" not in said.err, said.err
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert main(["ingest", str(folder), "--db", str(tmp_path / "n.db"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["passed_over"] == {".pdf": 1}
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "THUMBS.DB").write_bytes(b"\x00")
    assert main(["ingest", str(bare), "--db", str(tmp_path / "n.db"), "--json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert doc["passed_over"] == {} and doc["skipped"] == [f"{bare}: folder holds no supported files ({SUPPORTED})"]


def test_warnings_total_counts_each_line_said_a_grouped_one_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """FNC-1 bodies exported twice with two empty records: the empty ones were said in one line,
    '... (2 times: ...)', counted as 1 in ``warnings_total``, while the repeated ids, also said in
    one line, counted one apiece and were listed each in ``warnings``. Every warning line is now
    counted once, as stderr says it and the document lists it: the total is the lines listed."""
    from newstrace.cli.main import main

    bodies = _fnc1_bodies(3)
    path = tmp_path / "bodies.jsonl"
    rows = [{"id": f"fnc{i}", "text": text} for i, text in bodies] * 2 + [{"id": "e1", "text": ""}, {"id": "e2", "text": ""}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["ingest", str(path), "--db", str(tmp_path / "n.db"), "--json"]) == 0
    said = capsys.readouterr()
    doc = json.loads(said.out)
    lines = [ln.removeprefix("warning: ") for ln in said.err.splitlines() if ln.startswith("warning: ")]
    assert doc["added"] == 3 and len(lines) == 2, said.err
    assert any("(2 times" in ln for ln in lines) and any("3 records repeat an id" in ln for ln in lines), lines
    assert doc["warnings"] == lines and doc["warnings_total"] == 2
    assert main(["ingest", str(path), "--db", str(tmp_path / "m.db")]) == 0  # the closing line counts so too
    assert capsys.readouterr().err.splitlines()[-1].endswith("3 added, 0 updated, 0 already present, 2 warnings above")


@pytest.mark.parametrize(("delimiter", "ext"), [(",", ".csv"), ("\t", ".tsv")])
def test_a_table_on_standard_input_is_said_to_be_saved_as_a_file(
    delimiter: str, ext: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``cat bodies.csv | newstrace ingest -``: standard input is read as text, so the table is one
    article, and the warning said 'name it .csv', of an input that has no name. It says to save it
    as a file of that type, which is read an article a row; a file keeps 'name it .csv'."""
    import csv

    from newstrace.cli.main import main

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(["Body ID", "source", "articleBody"])  # a header of commas names three columns or more
    w.writerows((body_id, "FNC-1", text) for body_id, text in _fnc1_bodies(2))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(buf.getvalue().encode())))
    assert main(["ingest", "-", "--db", str(tmp_path / "n.db"), "--json"]) == 0
    (warning,) = json.loads(capsys.readouterr().out)["warnings"]
    assert warning.startswith("<stdin>: its first line is a table's header, ")
    assert warning.endswith(f"so the whole table is read as one article: save it as a {ext} file to read an article a row")
    saved = tmp_path / "bodies.txt"
    saved.write_text(buf.getvalue(), encoding="utf-8")
    warnings: list[str] = []
    assert len(list(read_inputs([saved], warn=warnings.append))) == 1
    assert warnings[0].endswith(f"name it {ext} to read an article a row")
