"""Ingest on inputs as real exports and crawls write them: API envelopes, dates in local orders,
offsets, big files with a late odd byte, archives with revisits, floods of one warning."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import DATA
from fuzz.samples import record, seeds
from newstrace.ingest import read_inputs


def read(path: Path) -> tuple[list[str], list[str]]:
    """The ids read from ``path`` and the warnings said on the way."""
    warnings: list[str] = []
    ids = [a.id for a in read_inputs([path], warn=warnings.append)]
    return ids, warnings


# -- records nested in API envelopes -----------------------------------------------------------------


def test_newsapi_content_cut_by_the_api_is_said_and_its_mark_left_out(tmp_path: Path) -> None:
    """NewsAPI's ``content`` is a text's first 200 characters and a mark of the rest, "... [+2345
    chars]": the mark was stored as words of the article (in its reuse keys, on its page), and
    nothing said the article was a stub. The mark is left out, and each record so cut is said,
    the file's in one line, so ``--strict`` fails on a stub corpus."""
    rt, rw = seeds()
    response = {"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": "rt", "name": "RT"}, "author": None, "title": rt.title, "url": rt.url,
         "publishedAt": "2016-10-30T16:40:00Z", "content": rt.text[:200] + f"\u2026 [+{len(rt.text) - 200} chars]"},
        {"source": {"id": None, "name": "example.org"}, "author": rw.author, "title": rw.title, "url": rw.url,
         "publishedAt": "2016-11-02T10:00:00Z", "content": rw.text[:200] + " [+4,321 chars]"},
    ]}
    path = tmp_path / "everything.json"
    path.write_text(json.dumps(response), encoding="utf-8")
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert [a.text for a in arts] == [rt.text[:200].rstrip(), rw.text[:200].rstrip()]
    from newstrace.ingest.records import API_CUT_WARNING

    assert warnings == [f"{path}: {API_CUT_WARNING} (2 times: record 1, record 2)"]


def test_solr_response_two_levels_down_is_read(tmp_path: Path) -> None:
    """Solr (and the Guardian's and NYT's APIs) answer ``{"response": {"docs": [...]}}``: the file
    was read as one record without text and gave 'no articles found'."""
    rt, rw = seeds()
    path = tmp_path / "solr.json"
    doc = {
        "responseHeader": {"status": 0, "QTime": 3, "params": {"q": "syria"}},
        "response": {"numFound": 2, "start": 0, "docs": [record(rt), record(rw)]},
        "facet_counts": {"facet_fields": {"outlet": ["rt.com", 1]}},
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert read(path) == ([rt.id, rw.id], [])


def test_the_article_list_wins_over_a_list_of_tags_higher_up(tmp_path: Path) -> None:
    """``{"tags": [{...}], "data": {"articles": [...]}}``: the top-level list of tags was taken as
    the records (each 'has no text'); the list whose records have text is the articles."""
    rt, rw = seeds()
    path = tmp_path / "api.json"
    doc = {"tags": [{"name": "Syria"}, {"name": "Aleppo"}], "data": {"page": 1, "articles": [record(rt), record(rw)]}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert read(path) == ([rt.id, rw.id], [])


def test_two_lists_of_articles_at_one_depth_read_the_first_and_say_so(tmp_path: Path) -> None:
    rt, rw = seeds()
    path = tmp_path / "two.json"
    doc = {"data": {"articles": [record(rt)], "related": [record(rw)]}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert read(path) == ([rt.id], [f"{path}: several lists of articles (data.articles, data.related); only data.articles is read"])


# -- a table's missing cells written as NaN ---------------------------------------------------------


def test_nan_in_json_records_is_a_missing_value(tmp_path: Path) -> None:
    """Python's ``json.dumps`` of a table (``df.to_dict("records")``) writes a missing cell as
    ``NaN``, which Python's JSON reader takes: such a record was stored with the outlet, URL, title
    and author "nan", a row without an id under the id "nan" (and every later one skipped as its
    repeat, 'id nan was already read in this run'), a date said unreadable, and its NaN metadata
    written back out as ``NaN``, which is no JSON (``show --json`` | jq fails). NaN and Infinity
    are missing values, as null is."""
    from newstrace.cli.main import main
    from newstrace.store.sqlite import Store

    rt, rw = seeds()
    nan = float("nan")
    rows = [{**record(rt), "id": nan, "author": nan, "nb_children": nan},
            {**record(rw), "id": nan, "url": nan, "outlet": nan, "title": nan, "published": nan}]
    path = tmp_path / "table.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert "NaN" in path.read_text(encoding="utf-8")
    warnings: list[str] = []
    first, second = read_inputs([path], warn=warnings.append)
    assert warnings == []
    assert (first.url, first.outlet, first.author, first.meta) == (rt.url, rt.outlet, None, {"nb_children": None})
    assert (second.url, second.outlet, second.title, second.published) == (None, None, None, None)
    assert "nan" not in {first.id, second.id}
    db = tmp_path / "n.db"
    assert main(["ingest", str(path), "--db", str(db), "--strict"]) == 0
    with Store(db, readonly=True) as store:
        assert store.count_articles() == 2


# -- WARC revisit records ----------------------------------------------------------------------------


def test_warc_revisits_are_counted_and_those_pointing_elsewhere_said(tmp_path: Path) -> None:
    """A deduplicating crawl (Heritrix, wget --warc-dedup, Browsertrix) writes a ``revisit`` record,
    without the page, when a page is unchanged since a capture that may be in another archive: they
    were passed over without a word, so those pages were missing with nothing to say so."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from fuzz.samples import html_page

    rt, rw = seeds()
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    page = writer.create_warc_record(rt.url, "response", payload=io.BytesIO(html_page(rt).encode()), http_headers=http)
    writer.write_record(page)
    digest = page.rec_headers.get_header("WARC-Payload-Digest")
    # the same page crawled again an hour later: identical payload
    writer.write_record(writer.create_revisit_record(rt.url, digest, rt.url, "2016-11-01T11:00:00Z"))
    # a page whose first capture is in yesterday's archive
    writer.write_record(writer.create_revisit_record(rw.url, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", rw.url, "2016-10-31T10:00:00Z"))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buf.getvalue())
    ids, warnings = read(path)
    assert len(ids) == 1  # the page itself
    assert warnings == [
        f"{path}: 2 revisit records passed over (a crawler's note that a page was unchanged since an earlier capture, "
        "without the page); 1 of them refer to a capture not in this archive: ingest the archive holding it to read those pages"
    ]


def test_warc_revisits_of_pages_it_holds_or_of_images_are_passed_over_without_a_word(tmp_path: Path) -> None:
    """A deduplicating crawl revisits the pages it captured in the same archive, and the logos and
    scripts of every page, first captured in another archive. Each archive said '4 revisit
    record(s) passed over ...; 2 of them refer to a capture not in this archive: ingest the
    archive holding it to read those pages' of an image and a script, no page missing, and where
    every revisit was of a page it holds, '...; each repeats a page of this archive', a warning of
    nothing lost, so every ``ingest --strict`` of such a crawl exited 2. A revisit of a page the
    archive holds is passed over as another capture of that page is, without a word, and one
    whose HTTP header names another type than HTML as an image's response is."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from fuzz.samples import html_page
    from newstrace.cli.main import main

    rt, rw = seeds()
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for seed in (rt, rw):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        page = writer.create_warc_record(seed.url, "response", payload=io.BytesIO(html_page(seed).encode()), http_headers=http)
        writer.write_record(page)
        digest = page.rec_headers.get_header("WARC-Payload-Digest")
        writer.write_record(writer.create_revisit_record(seed.url, digest, seed.url, "2016-11-01T11:00:00Z"))
    for url, ctype in (("https://www.rt.com/logo.png", "image/png"), ("https://www.rt.com/app.js", "application/javascript")):
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_revisit_record(url, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", url, "2016-10-31T10:00:00Z",
                                                         http_headers=http))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buf.getvalue())
    ids, warnings = read(path)
    assert (len(ids), warnings) == (2, [])
    assert main(["ingest", str(path), "--db", str(tmp_path / "n.db"), "--strict"]) == 0


# -- slash dates: day or month first -----------------------------------------------------------------


def _dated_csv(path: Path, dates: list[str]) -> None:
    """A FA-KES-like CSV (its ``date`` column is written 4/7/17) holding the seeds' texts."""
    from fuzz.samples import csv_text

    rt = seeds()[0]
    rows = [{"unit_id": f"u{i}", "article_title": rt.title, "article_content": f"{rt.text} ({i})", "date": d} for i, d in enumerate(dates)]
    path.write_text(csv_text(rows, ["unit_id", "article_title", "article_content", "date"]), encoding="utf-8")


def _published(path: Path, **kw: object) -> tuple[list[str], list[str]]:
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append, **kw))  # type: ignore[arg-type]
    return [str(a.published) for a in arts], warnings


def test_a_late_day_over_12_makes_the_whole_file_day_first(tmp_path: Path) -> None:
    """A European export: 4/7/2017 is 4 July, which the file's 25/12/2017 (four rows later) shows;
    it was read as April 7 without a word."""
    path = tmp_path / "eu.csv"
    _dated_csv(path, ["4/7/2017", "5/7/2017", "1/8/2017", "2/8/2017", "25/12/2017"])
    assert _published(path) == (["2017-07-04", "2017-07-05", "2017-08-01", "2017-08-02", "2017-12-25"], [])


def test_a_month_over_12_keeps_the_file_month_first_without_a_warning(tmp_path: Path) -> None:
    """FA-KES writes 4/7/17 for 7 April 2017 (its text says 'Fri 07 Apr 2017'); its 2/22/15 decides."""
    path = tmp_path / "fakes.csv"
    _dated_csv(path, ["4/7/17", "7/5/16", "2/22/15"])
    assert _published(path) == (["2017-04-07", "2016-07-05", "2015-02-22"], [])


def test_undecided_file_is_read_month_first_with_one_warning_or_as_chosen(tmp_path: Path) -> None:
    path = tmp_path / "either.jsonl"
    rt = seeds()[0]
    days = ["4/7/2017", "2017-07-05", "5/7/2017", "6/7/2017 10:30"]
    path.write_text("".join(json.dumps(record(rt, id=f"rt-{i}", published=d)) + "\n" for i, d in enumerate(days)), encoding="utf-8")
    assert _published(path) == (
        ["2017-04-07", "2017-07-05", "2017-05-07", "2017-06-07 10:30:00"],
        [
            f"{path}: 3 dates such as '4/7/2017' read month-first: their day and month could be either way and "
            "no date in it has a part over 12 to decide; 'newstrace ingest', 'compare', 'reuse', 'extract' and 'stance' "
            "take --day-first or --month-first to choose"
        ],
    )
    assert _published(path, day_first=True) == (["2017-07-04", "2017-07-05", "2017-07-05", "2017-07-06 10:30:00"], [])
    assert _published(path, day_first=False) == (["2017-04-07", "2017-07-05", "2017-05-07", "2017-06-07 10:30:00"], [])


def test_a_file_whose_dates_go_both_ways_is_undecided_whatever_comes_first(tmp_path: Path) -> None:
    """13/02/2017 and 02/13/2017 in one file decide nothing, as the README says, whichever of them
    comes before its 04/07/2017: with the day-first one first, that date was read as 4 July
    without a word (and the Spark engine, which sees the whole file, read it as April 7)."""
    for days in (["13/02/2017", "04/07/2017", "02/13/2017"], ["04/07/2017", "13/02/2017", "02/13/2017"]):
        path = tmp_path / "both.csv"
        _dated_csv(path, days)
        dates, warnings = _published(path)
        assert dates[days.index("04/07/2017")] == "2017-04-07", days
        assert len(warnings) == 1 and "its dates go both ways" in warnings[0], days


def test_dotted_and_dashed_dates_take_the_files_order_as_slash_dates_do(tmp_path: Path) -> None:
    """A German or Dutch export writes 04.07.2017 for 4 July, day-first; dateutil read it (and
    04-07-2017) month-first as April 7 without a word, even beside a 25.12.2017 that shows the
    file's order. Such dates are slash dates in all but the separator."""
    path = tmp_path / "de.csv"
    _dated_csv(path, ["04.07.2017", "05.07.2017 10:30", "25.12.2017"])
    assert _published(path) == (["2017-07-04", "2017-07-05 10:30:00", "2017-12-25"], [])
    path = tmp_path / "dashed.csv"
    _dated_csv(path, ["04-07-2017", "05-07-2017", "25-12-2017"])
    assert _published(path) == (["2017-07-04", "2017-07-05", "2017-12-25"], [])
    undecided = tmp_path / "undecided.csv"
    _dated_csv(undecided, ["04.07.2017", "2017-07-05"])
    dates, warnings = _published(undecided)
    assert dates == ["2017-04-07", "2017-07-05"]
    assert len(warnings) == 1 and "1 date such as '04.07.2017' read month-first" in warnings[0]
    assert _published(undecided, day_first=True) == (["2017-07-04", "2017-07-05"], [])


def test_ingest_day_first_option(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newstrace.cli.main import app

    path = tmp_path / "either.json"
    rt = seeds()[0]
    path.write_text(json.dumps([record(rt, published="3/4/2016")]), encoding="utf-8")
    db = tmp_path / "t.db"
    res = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db), "--day-first", "--json", "--strict"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["warnings"] == []
    res = CliRunner().invoke(app, ["show", rt.id, "--db", str(db), "--json"])
    assert json.loads(res.stdout)["published"] == "2016-04-03"


# -- dates in other languages, and text that is none ------------------------------------------------

#: Dates dateutil cannot read and dateparser can, as the news of SemEval-2022 Task 8 (French,
#: German, Turkish, Arabic, Chinese) and FA-KES write them, with what they read as.
OTHER_LANGUAGE_DATES: dict[str, object] = {
    "(14 avr. 2020)": date(2020, 4, 14),
    "01/01/2020 12:11h": datetime(2020, 1, 1, 12, 11),
    "15 Haziran 2020": date(2020, 6, 15),
    "17.05.2017 The": date(2017, 5, 17),
    "21 janvier 2020 :": date(2020, 1, 21),
    "21 Şubat 2020 Cuma": date(2020, 2, 21),
    "24. Mai 2020,": date(2020, 5, 24),
    "26 Nisan 2020": date(2020, 4, 26),
    "26/03/2020 à": date(2020, 3, 26),
    "6 Apr 2014 A": date(2014, 4, 6),
    "Dec. 23, 2019, in": date(2019, 12, 23),
    "July 12 2016 by": date(2016, 7, 12),
    "le 6 février 2020.": date(2020, 2, 6),
    "14 mars 2023": date(2023, 3, 14),
    "1er mars 2023": date(2023, 3, 1),
    "14mars2023": date(2023, 3, 14),
    "14. März 2023 um 10:30 Uhr": datetime(2023, 3, 14, 10, 30),
    "14 de marzo de 2023": date(2023, 3, 14),
    "14 марта 2023 г.": date(2023, 3, 14),
    "2023年3月14日": date(2023, 3, 14),
    "١٤ مارس ٢٠٢٣": date(2023, 3, 14),
    "14.03.2023г": date(2023, 3, 14),
}
#: Dates dateutil reads, and text from the same news that is no date (one run of digits or several).
OTHER_VALUES = [
    "Nov 2, 2016", "4/7/2017", "Mar 14, 2023 10:30 PM EST", "Fri Jun 24 2016 Daesh", "19 2016 A", "5 2016 8",
    "vor 2 Tagen", "the day after", "Posted by admin 4", "Updated 2 hours ago", "page 3 of 12", "circa 727",
    "5. Januar, um 11 Uhr zum", "14 h Marché", "suona nel 2020", "companies with around 75,000 employees",
    "Bakanlığı bünyesinde 772 sayılı", "والأسماك اليوم الأربعاء 19-2- 2020 شهدت أسعار", "- 3 : 18 بنى سويف-",
    "numarası 5 milyon 5 bin 565.bakan shapps", "today quoting at 1-1.5 times book just", "20230314 Uhr",
    "le premier mars 2023", "first of March 2023", "mars 2023", "14 mars",
]


def test_dates_read_before_the_precheck_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """``_may_be_dated`` keeps text that cannot be a date from dateparser, which spends 10-20 ms
    on each; every value reads as it did when dateparser saw them all: the dates above, the date
    columns of FA-KES and PolNeAR, and text around numbers from the same news."""
    from newstrace.ingest import base

    values = [*OTHER_LANGUAGE_DATES, *OTHER_VALUES]
    fakes, polnear = DATA / "fakes" / "fakes_dev.csv", DATA / "polnear" / "metadata.tsv"
    if fakes.exists():
        values += sorted({r["date"] for r in csv.DictReader(fakes.open(encoding="utf-8", errors="replace"))})
    if polnear.exists():
        values += sorted({r["publication_date"] for r in csv.DictReader(polnear.open(encoding="utf-8"), delimiter="\t")})
    now = {v: base.parse_date_value(v) for v in values}
    assert {v: now[v] for v in OTHER_LANGUAGE_DATES} == OTHER_LANGUAGE_DATES
    monkeypatch.setattr(base, "_may_be_dated", lambda text: True)
    before = {v: base.parse_date_value(v) for v in values}
    assert [(v, before[v], now[v]) for v in values if (type(before[v]), before[v]) != (type(now[v]), now[v])] == []


# -- publication order across UTC offsets ------------------------------------------------------------

#: A New York report at 11 pm EDT (03:00 UTC on the 31st) and the London one it follows, at 1 am UTC:
#: as ISO text the New York one sorted first, by its wall clock.
NEW_YORK, LONDON = "2016-10-30T23:00:00-04:00", "2016-10-31T01:00:00+00:00"


def test_stream_order_and_listing_follow_the_instant_not_the_wall_clock(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newstrace.cli.main import app
    from newstrace.engine.steps import order_key

    rt, rw = seeds()
    path = tmp_path / "wire.jsonl"
    recs = [record(rt, id="ny", published=NEW_YORK), record(rw, id="london", published=LONDON)]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    arts = list(read_inputs([path]))
    assert [a.id for a in sorted(arts, key=order_key)] == ["london", "ny"]
    db = tmp_path / "t.db"
    assert CliRunner().invoke(app, ["ingest", str(path), "--db", str(db)]).exit_code == 0
    listed = json.loads(CliRunner().invoke(app, ["list", "--db", str(db), "--json"]).stdout)
    # in publication order, each date as its outlet wrote it
    assert [(r["id"], r["published"]) for r in listed] == [("london", LONDON), ("ny", NEW_YORK)]


def test_a_story_opens_with_the_report_that_came_first_in_time() -> None:
    """The clusterer (``compare``, evaluations, the engines' story state) took the story's first
    article and its span from dates compared as text: the New York copy "came first"."""
    from dataclasses import replace

    from newstrace.corpus.features import article_features
    from newstrace.corpus.stories import cluster_features

    rt, _ = seeds()
    ny = replace(rt, id="ny", outlet="nytimes.com", published=datetime.fromisoformat(NEW_YORK))
    london = replace(rt, id="london", outlet="bbc.co.uk", published=datetime.fromisoformat(LONDON))
    feats = [article_features(a) for a in (ny, london)]  # input order: New York first
    assigned, stories, _ = cluster_features(feats, {"ny": {"london": 1.0}, "london": {"ny": 1.0}})
    assert assigned["ny"].story == assigned["london"].story
    story = stories[assigned["ny"].story]
    assert (story.first_article, story.first_outlet) == ("london", "bbc.co.uk")
    assert (story.first_published, story.last_published) == (LONDON, NEW_YORK)


#: TASS datelines in FA-KES dev (rows 1924058219, 1924058225): Moscow time, three hours ahead of UTC
TASS_DATELINES = ("August 13 2016 2037 UTC+3", "August 22 2013 1849 UTC+3")


def test_an_offset_after_utc_or_gmt_is_ahead_of_utc_as_news_writes_it(tmp_path: Path) -> None:
    """dateutil reads "UTC+3" the POSIX way, as three hours behind UTC: TASS's 20:37 in Moscow
    (17:37 UTC) was stored as 23:37 UTC, six hours late, and sorted after a report it came before."""
    from datetime import UTC, timedelta, timezone

    from newstrace.engine.steps import order_key
    from newstrace.ingest.base import parse_date_value
    from newstrace.model import published_order

    moscow = timezone(timedelta(hours=3))
    assert [parse_date_value(v) for v in TASS_DATELINES] == [
        datetime(2016, 8, 13, 20, 37, tzinfo=moscow),
        datetime(2013, 8, 22, 18, 49, tzinfo=moscow),
    ]
    assert published_order(parse_date_value(TASS_DATELINES[0])) == "2016-08-13T17:37:00"
    # every way of writing it, GMT alike; west of UTC is behind it
    for value in ("August 13 2016 20:37 GMT+3", "August 13 2016 20:37 UTC +3", "2016-08-13 20:37 UTC+03:00",
                  "August 13 2016 20:37 UTC+0300", "August 13 2016 20:37 GMT+03", "August 13 2016 20:37 (GMT+3)"):
        assert parse_date_value(value) == datetime(2016, 8, 13, 20, 37, tzinfo=moscow), value
    assert parse_date_value("August 13 2016 12:37 GMT-5") == datetime(2016, 8, 13, 17, 37, tzinfo=UTC)
    assert parse_date_value("August 13 2016 12:37 UTC\u22125") == datetime(2016, 8, 13, 17, 37, tzinfo=UTC)
    assert parse_date_value("August 13 2016 21:07 UTC+3:30") == datetime(2016, 8, 13, 17, 37, tzinfo=UTC)
    # an offset without UTC/GMT and a zone name read as they did; a day with an offset stays a day
    for value in ("August 13 2016 20:37 +03:00", "August 13 2016 20:37 +0300", "August 13 2016 20:37 MSK"):
        assert parse_date_value(value) == datetime(2016, 8, 13, 17, 37, tzinfo=UTC), value
    assert parse_date_value("August 13 2016 UTC+3") == date(2016, 8, 13)
    assert parse_date_value("12:00 GMT - 3 March 2016") == datetime(2016, 3, 3, 12, 0, tzinfo=UTC)
    # the TASS report came an hour and a half before a 19:00 GMT one, and streams open with it
    rt, rw = seeds()
    path = tmp_path / "wire.jsonl"
    recs = [record(rt, id="later", published="August 13 2016 1900 GMT"), record(rw, id="tass", published=TASS_DATELINES[0])]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    arts = list(read_inputs([path]))
    assert [a.id for a in sorted(arts, key=order_key)] == ["tass", "later"]
    assert {a.id: a.to_dict()["published"] for a in arts}["tass"] == "2016-08-13T20:37:00+03:00"


def test_a_day_with_an_offset_is_a_day_however_the_offset_is_written(tmp_path: Path) -> None:
    """"August 13 2016 UTC+3" was the date and "August 13 2016 UTC+03:00" midnight +03:00 (its
    colon taken for a time of day, dateutil unable to read it, dateparser reading midnight); "GMT-5"
    and a bare "-05:00" were 05:00, the offset read as the time. A zone beside no time is a date,
    as "August 13 2016 UTC" and "EST" are; an offset beside a time still counts."""
    from datetime import UTC

    from newstrace.ingest.base import parse_date_value

    day = date(2016, 8, 13)
    for value in ("August 13 2016 UTC+3", "August 13 2016 UTC+03:00", "August 13 2016 GMT+0300",
                  "August 13 2016 +03:00", "August 13 2016 GMT-5", "Aug 13, 2016 -05:00", "13 August 2016 UTC\u221203:00",
                  "August 13 2016 UTC", "August 13 2016 EST"):
        assert parse_date_value(value) == day, value
    for value in ("August 13 2016 20:37 UTC+03:00", "August 13 2016 8:37pm UTC+3"):
        assert parse_date_value(value) == datetime(2016, 8, 13, 17, 37, tzinfo=UTC), value
    assert parse_date_value("August 13 2016 8pm GMT-3") == datetime(2016, 8, 13, 23, 0, tzinfo=UTC)
    assert parse_date_value("August 13 2016 00:00 UTC+03:00") == datetime(2016, 8, 12, 21, 0, tzinfo=UTC)
    path = tmp_path / "days.jsonl"
    rt = seeds()[0]
    days = ["August 13 2016 UTC+3", "August 13 2016 UTC+03:00"]
    path.write_text("".join(json.dumps(record(rt, id=str(i), published=v)) + "\n" for i, v in enumerate(days)), encoding="utf-8")
    assert [a.to_dict()["published"] for a in read_inputs([path])] == ["2016-08-13", "2016-08-13"]


def test_a_day_with_an_offset_without_its_colon_is_a_day() -> None:
    """"Sat, 13 Aug 2016 -0500" (an RFC 2822 date with no time) was 05:00, the offset read as the
    time, as "GMT-5" was before it was a day; "+0300" was the day. Beside a time it is the offset."""
    from datetime import UTC

    from newstrace.ingest.base import parse_date_value

    for value in ("Sat, 13 Aug 2016 -0500", "August 13 2016 -0500", "13 Aug 2016 \u22120500", "13 Aug 2016 +0300"):
        assert parse_date_value(value) == date(2016, 8, 13), value
    for value in ("Sat, 13 Aug 2016 12:37:00 -0500", "13 Aug 2016 1237 -0500", "13 Aug 2016 12.37 -0500"):
        assert parse_date_value(value) == datetime(2016, 8, 13, 17, 37, tzinfo=UTC), value


def test_a_time_only_dateparser_reads_keeps_its_offset() -> None:
    """A time of day written without a colon that dateutil cannot read ("noon", "20.37", "20h37")
    goes to dateparser; read first without its offsets (a day beside an offset is a day), it was
    not read again with them there, and came back without its offset, hours off."""
    from datetime import UTC

    from newstrace.ingest.base import parse_date_value

    for value in ("August 13 2016 20.37 GMT+3", "13 ao\u00fbt 2016 20h37 UTC+3", "August 13 2016 20.37 +03:00"):
        assert parse_date_value(value) == datetime(2016, 8, 13, 17, 37, tzinfo=UTC), value
    assert parse_date_value("August 13 2016 noon UTC+3") == datetime(2016, 8, 13, 9, 0, tzinfo=UTC)


def test_an_offset_with_spaces_around_its_sign_is_read_and_one_wider_than_any_zone_refused(tmp_path: Path) -> None:
    """"UTC + 3" was no date at all, where "UTC+3" is three hours ahead of UTC; it reads so now,
    while a day after the digits still makes them a day ("12:00 GMT - 3 March 2016"). An offset
    wider than any zone's, 14 hours, was read dateutil's way ("UTC+15" as 15 hours behind UTC,
    "+99" as 99 hours, which Python cannot give back): it is refused, with the usual warning."""
    from datetime import UTC

    from newstrace.ingest.base import parse_date_value

    tass = datetime(2016, 8, 13, 17, 37, tzinfo=UTC)  # 20:37 in Moscow
    for value in ("August 13 2016 20:37 UTC + 3", "August 13 2016 20:37 GMT + 3", "August 13 2016 20:37 GMT+ 3",
                  "August 13 2016 2037 UTC + 03:00", "August 13 2016 12:37 GMT \u2212 5"):
        assert parse_date_value(value) == tass, value
    assert parse_date_value("August 13 2016 UTC + 3") == date(2016, 8, 13)
    for value in ("12:00 GMT - 3 March 2016", "12:00 GMT + 3 March 2016", "12:00 GMT - 3/3/2016"):
        assert parse_date_value(value) == datetime(2016, 3, 3, 12, 0, tzinfo=UTC), value
    assert parse_date_value("August 13 2016 20:37 UTC+14") == datetime(2016, 8, 13, 6, 37, tzinfo=UTC)
    wide = ("August 13 2016 20:37 UTC+15", "August 13 2016 20:37 GMT - 15", "August 13 2016 UTC+15",
            "August 13 2016 20:37 UTC-14:30", "August 13 2016 20:37 +15:00", "Aug 13 2016 20:37 +99",
            "2016-08-13T20:37:00+15:00")
    for value in wide:
        assert parse_date_value(value) is None, value
    path = tmp_path / "wire.jsonl"
    rt = seeds()[0]
    path.write_text("".join(json.dumps(record(rt, id=str(i), published=v)) + "\n" for i, v in enumerate(wide)), encoding="utf-8")
    warnings: list[str] = []
    assert [a.published for a in read_inputs([path], warn=warnings.append)] == [None] * len(wide)
    assert warnings == [f"{path}:{i}: date {v!r} cannot be read; the article has no date" for i, v in enumerate(wide, 1)]



def test_a_zone_after_a_day_in_another_language_is_the_day() -> None:
    """"13 août 2016" was the day and "13 août 2016 UTC" no date: the year before a zone was taken
    for a time (20:16) unless an English month stood before it, and the value had no year left.
    A month in any language (a word, "de" around it as Spanish writes it) keeps its year."""
    from datetime import UTC

    from newstrace.ingest.base import parse_date_value

    for value in ("13 ao\u00fbt 2016 UTC", "13 ao\u00fbt 2016 GMT", "13 ao\u00fbt 2016 EST", "13. August 2016 UTC",
                  "13. M\u00e4rz 2016 UTC", "13 de agosto de 2016 GMT", "13 August 2016 UTC"):
        parsed = parse_date_value(value)
        assert parsed is not None and parsed == date(2016, 8 if "M\u00e4rz" not in value else 3, 13), value
    assert parse_date_value("13 ao\u00fbt 2016 20h37 UTC") == datetime(2016, 8, 13, 20, 37, tzinfo=UTC)
    # four digits that may not be a year are still a time: a day without a year, no date
    assert parse_date_value("13 ao\u00fbt 1900 GMT") is None


def test_only_a_month_name_makes_the_digits_before_a_zone_a_year() -> None:
    """Any word of three letters counted as the month before four digits and a zone, so in a wire
    timestamp without its month, "Sat 13 2037 GMT" (20:37 GMT on Saturday the 13th), 2037 was a
    year, and dateparser, which reads "Sat" as September in Hausa and "Sun" as June in Tongan, made
    it 13 September 2037. Only a month name of the languages news here is written in counts."""
    from newstrace.ingest.base import parse_date_value

    for value in ("Sat 13 2037 GMT", "Sat 13 2016 UTC", "Sun 14 2016 GMT", "Tuesday 14 2030 GMT"):
        assert parse_date_value(value) is None, value
    for value, month in (("13 ao\u00fbt 2016 UTC", 8), ("13 \u0430\u0432\u0433\u0443\u0441\u0442\u0430 2016 UTC", 8),
                         ("13 \u0623\u063a\u0633\u0637\u0633 2016 GMT", 8), ("13 sierpnia 2016 UTC", 8), ("13 augustus 2016 GMT", 8),
                         ("13 agosto 2016 GMT", 8), ("Sept. 13 2016 GMT", 9), ("13 Sept 2016 GMT", 9), ("March 14th 2017 GMT", 3)):
        assert parse_date_value(value) == date(2016 if month != 3 else 2017, month, 14 if month == 3 else 13), value


def test_a_zone_before_the_date_is_read_as_one_after_it() -> None:
    """"13 août 2016 UTC" was the day and "UTC 13 août 2016" no date: neither dateutil nor
    dateparser reads a zone before the date, in any language ("GMT 13 August 2016 20:37" was no
    date either). A zone that opens the value is read as if written after it."""
    from datetime import UTC, timedelta, timezone

    from newstrace.ingest.base import parse_date_value

    for value in ("UTC 13 ao\u00fbt 2016", "GMT 13 August 2016", "EST 13 August 2016", "UTC, 13 ao\u00fbt 2016",
                  "UTC+3 13 ao\u00fbt 2016"):
        assert parse_date_value(value) == date(2016, 8, 13), value
    for value in ("UTC 13 ao\u00fbt 2016 20:37", "GMT 13 August 2016 20:37", "GMT 20:37 13 August 2016", "UTC 13 ao\u00fbt 2016 2037"):
        assert parse_date_value(value) == datetime(2016, 8, 13, 20, 37, tzinfo=UTC), value
    assert parse_date_value("UTC+3 13 ao\u00fbt 2016 20:37") == datetime(2016, 8, 13, 20, 37, tzinfo=timezone(timedelta(hours=3)))
    assert parse_date_value("EST 13 August 2016 8pm") == datetime(2016, 8, 14, 1, 0, tzinfo=UTC)
    # read as it is read after the date: four digits that may not be a year are a time there
    assert parse_date_value("UTC 13 ao\u00fbt 1900") is None
    # a zone alone, or one run into the digits, is no date, as before
    for value in ("UTC", "UTC+3", "UTC13 ao\u00fbt 2016"):
        assert parse_date_value(value) is None, value


def test_an_offset_wider_than_any_zone_beside_a_day_is_no_date() -> None:
    """"13 Aug 2016 -1500" was 15:00 (dateutil reads an offset only after a time, and took this one
    for the time) and "+15:00" or "-1430" the day, where "UTC+15" beside a day and "+15:00" after a
    time are refused: no zone is that wide, so the value is refused in every spelling. An offset
    of a zone stays the day, its minutes left out too ("-05" was 05:00, "+03" the day)."""
    from datetime import UTC

    from newstrace.ingest.base import parse_date_value

    for value in ("13 Aug 2016 -1500", "Sat, 13 Aug 2016 +1500", "13 Aug 2016 \u22121500", "13 Aug 2016 +15:00",
                  "13 Aug 2016 -1430", "13 Aug 2016 -15", "August 13 2016 UTC+15"):
        assert parse_date_value(value) is None, value
    for value in ("13 Aug 2016 -1400", "13 Aug 2016 -05", "13 Aug 2016 +03", "13 Aug 2016 -0500"):
        assert parse_date_value(value) == date(2016, 8, 13), value
    assert parse_date_value("13 Aug 2016 8pm -05") == datetime(2016, 8, 14, 1, 0, tzinfo=UTC)
    assert parse_date_value("13 Aug 2016 20:37 -05") == datetime(2016, 8, 14, 1, 37, tzinfo=UTC)


def test_a_dash_before_a_time_no_offset_can_be_is_a_dash() -> None:
    """"13 August 2016 - 20:37" is 20:37, and "13 August 2016 -20:37", its dash written without the
    space after, was refused as an offset 20 hours wide. No zone is 15 hours or more off UTC, so a
    hyphen before such hours and a colon, beside no other time, parts the day from its time; a
    minus sign, hours an offset may have or a time without its colon are refused as before."""
    from datetime import UTC

    from newstrace.ingest.base import parse_date_value

    for value in ("13 August 2016 -20:37", "13 ao\u00fbt 2016 -20:37", "2016-08-13 -20:37", "13 August 2016 - 20:37"):
        assert parse_date_value(value) == datetime(2016, 8, 13, 20, 37), value
    assert parse_date_value("5 March 2017 -15:00") == datetime(2017, 3, 5, 15, 0)
    assert parse_date_value("13 August 2016 -20:37 GMT") == datetime(2016, 8, 13, 20, 37, tzinfo=UTC)
    assert parse_date_value("13 August 2016 -20:37 UTC+3") == datetime(2016, 8, 13, 17, 37, tzinfo=UTC)
    for value in ("13 Aug 2016 -14:30", "13 Aug 2016 -2037", "13 Aug 2016 \u221220:37", "13 Aug 2016 +20:37", "13 Aug 2016 20:37 -20:37"):
        assert parse_date_value(value) is None, value


def test_a_12_hour_time_written_with_a_dot_keeps_its_minutes() -> None:
    """dateutil read "12.37pm" (and "10.37pm", "11.37pm") as the hour alone, 12:00, and "12.37am"
    as midnight, so the day; "8.37pm" it could not read and dateparser read 20:37."""
    from datetime import UTC

    from newstrace.ingest.base import parse_date_value

    for value, want in (("13 Aug 2016 12.37pm", (12, 37)), ("13 Aug 2016 12.37am", (0, 37)), ("13 Aug 2016 11.05 PM", (23, 5)),
                        ("13 Aug 2016 10.30 a.m.", (10, 30)), ("13 Aug 2016 8.37pm", (20, 37)), ("12.37pm, 13 Aug 2016", (12, 37)),
                        ("13.08.2016 12.37pm", (12, 37))):
        assert parse_date_value(value) == datetime(2016, 8, 13, *want), value
    assert parse_date_value("13 Aug 2016 12.37pm GMT+3") == datetime(2016, 8, 13, 9, 37, tzinfo=UTC)
    assert parse_date_value("13 Aug 2016 20.37") == datetime(2016, 8, 13, 20, 37)  # dateparser's, as before


def test_migration_fills_the_order_column_as_ingest_computes_it(tmp_path: Path) -> None:
    """A database ingested before the column existed gets the same order keys ``ingest`` writes."""
    import sqlite3
    from datetime import date, datetime, timedelta, timezone

    from newstrace.model import published_order
    from newstrace.store.migrations import MIGRATIONS
    from newstrace.store.sqlite import Store

    tz = timezone(timedelta(hours=5, minutes=30))
    values = [
        None,
        date(2016, 10, 30),
        datetime(2016, 10, 30, 23, 0),
        datetime.fromisoformat(NEW_YORK),
        datetime.fromisoformat(LONDON),
        datetime(2016, 12, 31, 22, 15, 7, 250000, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2017, 1, 1, 2, 0, 0, 1, tzinfo=tz),
    ]
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for statement in MIGRATIONS[:6]:
        conn.executescript(statement)
    for i, v in enumerate(values):
        conn.execute(
            "INSERT INTO articles (id, published, text, content_hash, ingested_at) VALUES (?,?,?,?,?)",
            (f"a{i}", v.isoformat() if v else None, "text", "h", "now"),
        )
    conn.execute("PRAGMA user_version=6")
    conn.commit()
    conn.close()
    with Store(db) as store:
        got = dict(store.conn.execute("SELECT id, published_utc FROM articles").fetchall())
    assert got == {f"a{i}": published_order(v) for i, v in enumerate(values)}
    assert got["a6"] == "2016-12-31T20:30:00.000001" and got["a5"] == "2017-01-01T03:15:07.250000"


# -- one warning for a thousand alike ----------------------------------------------------------------


def test_alike_warnings_of_a_file_are_one_line_with_a_count(tmp_path: Path) -> None:
    """Webis-CPC's JSON (sentence pairs, not articles) gave 1,000 lines of 'record N: record has no
    text or html field, skipped'; the one warning that differs was lost among them."""
    from typer.testing import CliRunner

    from newstrace.cli.main import app

    rt = seeds()[0]
    pairs = [{"HITId": f"H{i}", "is_paraphrased": "Yes", "original": [{"sen_nr": 0, "text": "M. Comte would not."}]} for i in range(1000)]
    path = tmp_path / "Webis-CPC-11.json"
    path.write_text(json.dumps([*pairs[:500], record(rt, published="vor 2 Tagen"), *pairs[500:]]), encoding="utf-8")
    # what the records hold instead is named, and the names that would do
    expected = "expected one of text, body, content, article_content, articlebody, maintext, html, raw_html"
    no_text = f"record has no text or html field ({expected}; found HITId, is_paraphrased, original), skipped"
    alike = f"{path}: {no_text} (1,000 times: record 1, record 2, record 3, ...)"
    undated = f"{path}: record 501: date 'vor 2 Tagen' cannot be read; the article has no date"
    assert read(path) == ([rt.id], [alike, undated])
    res = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "t.db"), "--json"])
    assert res.exit_code == 0
    assert json.loads(res.stdout)["warnings"] == [alike, undated]
    # lines of a JSON Lines file are named by their number
    lines = tmp_path / "pairs.jsonl"
    lines.write_text("".join(json.dumps(p) + "\n" for p in pairs[:4]) + json.dumps(record(rt)) + "\n", encoding="utf-8")
    assert read(lines)[1] == [f"{lines}: {no_text} (4 times: line 1, line 2, line 3, ...)"]


# -- a charset decided for the whole file --------------------------------------------------------------


def _big_export(late: bytes) -> bytes:
    """A CSV export of 125 KB of plain ASCII rows whose last row holds ``late``."""
    rt = seeds()[0]
    body = rt.paragraphs[0].encode("ascii", errors="ignore").decode().replace('"', "")
    rows = [f'r{i},"Row {i}","{body} ({i})"\r\n' for i in range(400)]
    return ("id,title,text\r\n" + "".join(rows)).encode("ascii") + b'last,"Caf' + late + b'","' + body.encode() + b'"\r\n'


def test_a_late_windows_1252_byte_in_a_big_csv_is_read_as_windows_1252(tmp_path: Path) -> None:
    """Excel saves CSV in windows-1252; an export whose first accented character comes after the
    first 64 KB was read as UTF-8 with that character U+FFFD, without a word."""
    data = _big_export(b"\xe9 \x96 Bar")  # 'Café – Bar' in windows-1252
    assert len(data) > 100_000 and data.index(b"\xe9") > 65536
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert len(arts) == 401 and arts[-1].title == "Café – Bar"
    at = data.index(b"\xe9")
    assert warnings == [f"{path}: not UTF-8 (byte {at}); read as windows-1252"]


def test_a_late_damaged_byte_in_utf8_is_replaced_and_said(tmp_path: Path) -> None:
    """UTF-8 before it (a 'é' early on): the late bad byte is damage, not another charset."""
    data = _big_export(b"\xe9 Bar").replace(b"Row 0", "Café 0".encode())
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert arts[0].title == "Café 0" and arts[-1].title == "Caf\ufffd Bar"
    at = data.index(b"\xe9 Bar")
    assert warnings == [f"{path}: invalid UTF-8 at byte {at}; undecodable bytes replaced with U+FFFD"]


def test_a_windows_1252_jsonl_says_so_once_not_per_line(tmp_path: Path) -> None:
    rt = seeds()[0]
    path = tmp_path / "export.jsonl"
    lines = [json.dumps({"id": f"r{i}", "title": f"Caf\u00e9 {i}", "text": rt.text}, ensure_ascii=False) + "\n" for i in range(50)]
    data = "".join(lines).encode("cp1252")
    path.write_bytes(data)
    warnings: list[str] = []
    arts = list(read_inputs([path], warn=warnings.append))
    assert [a.title for a in arts] == [f"Café {i}" for i in range(50)]
    at = data.index(b"\xe9")
    assert warnings == [f"{path}: not UTF-8 (byte {at}); read as windows-1252"]


# -- a JSON array streamed ----------------------------------------------------------------------------


def _dataset(n: int, size: int) -> list[dict[str, object]]:
    rt = seeds()[0]
    body = (rt.text + "\n\n") * (size // len(rt.text) + 1)
    return [{"id": f"a{i}", "title": f"Été {i} \u201cquoted\u201d \\ {i}", "published": "2016-10-30", "text": body[:size]} for i in range(n)]


def _read_with_peak(path: Path) -> tuple[int, int]:
    """(articles read, peak bytes Python allocated while reading them) of one input."""
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        n = sum(1 for _ in read_inputs([path], clean=False))
        return n, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_gzipped_json_array_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """A dataset shipped as one ``.json.gz`` array was decompressed and parsed whole: its bytes, its
    text and all its records in memory at once (here 24 MB for a 2.5 MB download)."""
    import gzip

    recs = _dataset(2000, 12_000)
    path = tmp_path / "dataset.json.gz"
    path.write_bytes(gzip.compress(json.dumps(recs, ensure_ascii=False, indent=1).encode()))
    n, peak = _read_with_peak(path)
    assert n == 2000
    assert peak < 4_000_000, f"peak {peak:,} bytes"


def test_a_streamed_array_gives_what_a_whole_parse_gives(tmp_path: Path, monkeypatch: object) -> None:
    """Records parsed piece by piece, cut anywhere (tiny pieces here), are the records ``json.loads``
    gives; a file cut short keeps the records before the cut and names the line, as a whole parse did."""
    import gzip

    import pytest

    from newstrace.errors import InputError
    from newstrace.ingest import records as R

    mp = pytest.MonkeyPatch()
    mp.setattr(R, "JSON_CHUNK", 97)
    try:
        recs = _dataset(30, 700)
        text = json.dumps(recs, ensure_ascii=False, indent=2)
        path = tmp_path / "d.json"
        path.write_text(text, encoding="utf-8")
        assert list(R._array_records(path, print)) == recs
        cut = tmp_path / "cut.json.gz"
        cut.write_bytes(gzip.compress(text[: len(text) * 2 // 3].encode()))
        got: list[object] = []
        try:
            got.extend(R._array_records(cut, print))
        except InputError as e:
            said = str(e)
        try:
            json.loads(text[: len(text) * 2 // 3])
        except json.JSONDecodeError as e:
            where = f"line {e.lineno} column {e.colno}"
        assert got == recs[: len(got)] and 0 < len(got) < 30
        assert said.startswith(f"{cut}: invalid JSON (") and said.endswith(f" at {where})")
    finally:
        mp.undo()


def test_a_gzipped_api_response_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """An API's response saved whole (Solr's ``{"response": {"docs": [...]}}``, here with a facet
    list before the records) was read whole, where the same records as a top-level array streamed:
    its bytes, text and every record in memory at once."""
    import gzip

    recs = _dataset(2000, 12_000)
    doc = {"responseHeader": {"status": 0}, "response": {"numFound": 2000, "facets": [{"name": "x", "count": 3}], "docs": recs}}
    path = tmp_path / "solr.json.gz"
    path.write_bytes(gzip.compress(json.dumps(doc, ensure_ascii=False, indent=1).encode()))
    n, peak = _read_with_peak(path)
    assert n == 2000
    assert peak < 4_000_000, f"peak {peak:,} bytes"


def test_a_streamed_wrapper_gives_what_a_whole_parse_gives(tmp_path: Path) -> None:
    """Walked in tiny pieces, a wrapping object gives the records of the list ``json.loads`` would
    show: a record's own list (its ``tags``) is no candidate, a list of facets is no list of
    articles, and the shallowest list of articles wins, whatever comes before it."""
    import pytest

    from newstrace.errors import InputError
    from newstrace.ingest import records as R

    recs = _dataset(12, 500)
    doc = {
        "meta": {"about": {"text": "a record", "tags": [{"id": 1}]}, "facets": [{"name": "x"}]},
        "data": {"deep": {"items": _dataset(2, 50)}, "articles": recs},
        "total": 12,
    }
    path = tmp_path / "api.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(R, "JSON_CHUNK", 97)
        warnings: list[str] = []
        arts = list(read_inputs([path], clean=False, warn=warnings.append))
    assert [a.title for a in arts] == [r["title"] for r in recs]
    assert warnings == []
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(doc, indent=2)[:-40], encoding="utf-8")
    with pytest.raises(InputError, match=r"invalid JSON \(.* at line \d+ column \d+\)"):
        list(read_inputs([broken]))


def test_a_giant_record_in_a_json_array_is_skipped_and_named(tmp_path: Path) -> None:
    """An array's records had no size limit: one of 12 MB was read whole and then refused (or, past
    memory, ended the run), where a JSON Lines line that long is skipped unread. Here it is skipped
    as the line is, named by its record number, and the records after it keep theirs."""
    recs = _dataset(3, 2000)
    giant = {"id": "giant", "title": "all of it", "text": "a \\\"quoted\\\" word " * 700_000}
    for wrapped in (False, True):
        items = [recs[0], giant, recs[1], recs[2]]
        path = tmp_path / ("wrapped.json" if wrapped else "array.json")
        path.write_text(json.dumps({"status": "ok", "data": items} if wrapped else items), encoding="utf-8")
        size = len(json.dumps(giant))
        warnings: list[str] = []
        arts = list(read_inputs([path], warn=warnings.append))
        assert [a.id for a in arts] == ["a0", "a1", "a2"]
        assert [a.record for a in arts] == [1, 3, 4]
        assert warnings == [f"{path}: record 2: record of {size:,} characters exceeds the article size limit, skipped"]


def test_a_skipped_record_is_passed_over_by_its_quotes_and_brackets(tmp_path: Path) -> None:
    """Skipping a record reads only its quotes, escapes and brackets; cut anywhere (tiny pieces),
    brackets and escaped quotes inside its strings do not end it early."""
    import pytest

    from newstrace.ingest import records as R

    odd = {"id": "odd", "text": 'x ] } \\" [ {' * 300, "nested": [{"a": ["]", "\\\\"]}] * 50}
    recs = _dataset(4, 300)
    items = [recs[0], odd, recs[1], [odd, odd], recs[2], "]" * 6000, recs[3]]
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(items, indent=1), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(R, "JSON_CHUNK", 97)
        mp.setattr(R, "record_limit", lambda limits: 2000)
        warnings: list[str] = []
        arts = list(read_inputs([path], warn=warnings.append))
    assert [a.id for a in arts] == ["a0", "a1", "a2", "a3"]
    assert [w.split(": ")[1] for w in warnings] == ["record 2", "record 4", "record 6"]
    assert all("exceeds the article size limit, skipped" in w for w in warnings)


def test_a_files_warnings_of_a_kind_each_are_not_all_held_until_its_end() -> None:
    """Grouping held every warning of a file until its end; when each record says something of
    its own (each date that cannot be read is named), a million records held 615 MB even for a
    caller that ignores warnings. Past ``MAX_HELD`` kinds a new one is said at once; the kinds held
    still count their repeats."""
    from newstrace.ingest.base import WarningGroups

    said: list[str] = []
    groups = WarningGroups("feed.jsonl", said.append)
    kinds = 2 * WarningGroups.MAX_HELD
    for i in range(kinds):
        groups.add(f"feed.jsonl:{i + 1}: date 'posted {i} hours ago' cannot be read; the article has no date")
    groups.add(f"feed.jsonl:{kinds + 1}: date 'posted 0 hours ago' cannot be read; the article has no date")
    assert len(groups.groups) == WarningGroups.MAX_HELD
    assert len(said) == kinds - WarningGroups.MAX_HELD  # said as they came
    groups.flush()
    assert len(said) == kinds
    assert "feed.jsonl: date 'posted 0 hours ago' cannot be read; the article has no date (2 times: line 1, line 2001)" in said


# -- a text file in its language's local charset ----------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "charset", "said"),
    [("ru", "cp1251", "windows-1251"), ("ru", "koi8_r", "KOI8-R"), ("ar", "cp1256", "windows-1256"),
     ("zh", "gb18030", "GB18030"), ("fr", "cp1252", "windows-1252"), ("de", "cp1252", "windows-1252")],
)
def test_a_text_in_its_languages_local_charset_is_read_in_it(tmp_path: Path, lang: str, charset: str, said: str) -> None:
    """A Russian text saved in windows-1251 (or KOI8-R), an Arabic one in windows-1256, a Chinese
    one in GBK: not UTF-8, each was read as windows-1252 ("Ïðåçèäåíò", Arabic as "ÞÇá ÇáãÈÚæË")
    or as U+FFFD, and stored so under the warning. Bytes that do not read as a Latin-script text
    in windows-1252 are read in the charset they fit; French and German in windows-1252 still are
    windows-1252. SemEval-2022 Task 8's news in each language."""
    from conftest import require_data

    path = require_data("semeval8", "pairs_train.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        texts = [r["text1"] for r in csv.DictReader(fh) if r["lang1"] == lang]
    def fits(t: str) -> bool:
        try:
            return len(t) > 400 and not t.isascii() and bool(t.encode(charset))
        except UnicodeEncodeError:  # a character the charset lacks (KOI8-R has no «)
            return False

    text = next(t for t in texts if fits(t))
    utf8, local = tmp_path / "utf8.txt", tmp_path / f"{charset}.txt"
    utf8.write_text(text, encoding="utf-8")
    local.write_bytes(text.encode(charset))
    warnings: list[str] = []
    (want,) = read_inputs([utf8])
    (got,) = read_inputs([local], warn=warnings.append)
    assert (got.title, got.text) == (want.title, want.text)
    assert len(warnings) == 1 and warnings[0].startswith(f"{local}: not UTF-8 (byte ") and warnings[0].endswith(f"read as {said}")


def test_a_stray_nul_in_an_export_costs_no_record(tmp_path: Path) -> None:
    """A NUL byte in one field of a CSV export (databases and scrapers leave them) made the whole
    file "binary file, not CSV": FA-KES dev's 525 rows refused for one byte. A stray NUL in text
    otherwise clean is text (the cleaner drops it); compressed data named .csv, and text with NUL
    in every other byte, are still binary."""
    import gzip

    from conftest import require_data

    source = require_data("fakes", "fakes_dev.csv")
    data = source.read_bytes()
    cut = data.index(b"\n", 3000) - 50  # inside the text of an early row
    clean, stray = tmp_path / "fakes_dev.csv", tmp_path / "fakes_nul.csv"
    clean.write_bytes(data)
    stray.write_bytes(data[:cut] + b"\x00" + data[cut:])
    ids, _ = read(clean)
    got, warnings = read(stray)
    assert got == ids and len(ids) == 525
    assert not [w for w in warnings if "binary" in w]
    packed = tmp_path / "packed.csv"
    packed.write_bytes(gzip.compress(data)[:8192])
    wide = tmp_path / "wide.csv"
    wide.write_bytes(data[:4000].decode("utf-8", "ignore").encode("utf-16-le"))
    for path in (packed, wide):
        with pytest.raises(Exception, match="binary file, not CSV"):
            list(read_inputs([path]))


@pytest.mark.parametrize(("lang", "charset", "said", "name"), [("ru", "cp1251", "windows-1251", "ru.jsonl"),
                                                                ("ar", "cp1256", "windows-1256", "ar.csv")])
def test_records_in_their_languages_local_charset_are_read_in_it(
    tmp_path: Path, lang: str, charset: str, said: str, name: str
) -> None:
    """JSON Lines and CSV are decoded line by line in one charset for the file; the first line
    that is not UTF-8 decided windows-1252, so Russian records in windows-1251 were stored as
    "Ïðåçèäåíò", Arabic ones in windows-1256 as "ÞÇá ÇáãÈÚæË". A line that does not read as a
    Latin-script text is read in the charset its bytes fit, and the file from there on."""
    from conftest import require_data

    path = require_data("semeval8", "pairs_train.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["lang1"] == lang]

    def fits(t: str) -> bool:
        try:
            return len(t) > 400 and bool(t.encode(charset))
        except UnicodeEncodeError:
            return False

    texts = [r["text1"] for r in rows if fits(r["text1"])][:3]
    utf8, local = tmp_path / f"utf8-{name}", tmp_path / name
    if name.endswith(".jsonl"):
        content = "".join(json.dumps({"outlet": "tass", "text": t}, ensure_ascii=False) + "\n" for t in texts)
    else:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["outlet", "text"])
        writer.writerows(["sana", t] for t in texts)
        content = out.getvalue()
    utf8.write_text(content, encoding="utf-8")
    local.write_bytes(content.encode(charset))
    warnings: list[str] = []
    want = [a.text for a in read_inputs([utf8])]
    got = [a.text for a in read_inputs([local], warn=warnings.append)]
    assert got == want and len(got) == 3
    assert len(warnings) == 1 and warnings[0].endswith(f"read as {said}"), warnings
