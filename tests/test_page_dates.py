"""Publication dates of HTML pages: htmldate's day, with the time of day the page's markup gives
for it (``ingest.pagedate``), through every reader of pages, and what provenance makes of it."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from fuzz.samples import Seed, html_page, seeds, warc_bytes
from newstrace.ingest import read_articles
from newstrace.ingest.html import extract_html
from newstrace.model import Article
from newstrace.reuse import find_reuse
from newstrace.store.sqlite import Store

MOSCOW = timezone(timedelta(hours=3))


def _json_ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def republished(outlet: str, host: str) -> Seed:
    """RT's report as another outlet ran it, word for word (as sites running agency copy do)."""
    return dataclasses.replace(seeds()[0], outlet=outlet, url=f"https://www.{host}/world/un-envoy-appalled-aleppo")


def page(seed: Seed, head: str = "", *, with_date: bool = False) -> str:
    """``seed``'s page with ``head`` added to its ``<head>``, and its canonical link."""
    return html_page(seed, with_date=with_date).replace(
        "</head>", f'<link rel="canonical" href="{seed.url}">{head}</head>'
    )


def levant_page(published: str) -> str:
    """A WordPress site: Yoast's published and modified times, the day after in the second."""
    levant = republished("The Daily Levant", "dailylevant.example")
    return page(
        levant,
        f'<meta property="article:published_time" content="{published}">'
        '<meta property="article:modified_time" content="2016-10-31T08:12:44+03:00">',
    )


def gulf_page(published: str) -> str:
    """A site whose only date is its JSON-LD, with its organisation block first."""
    gulf = republished("Gulf Wire", "gulfwire.example")
    return page(
        gulf,
        _json_ld({"@context": "https://schema.org", "@type": "Organization", "name": "Gulf Wire", "url": "https://www.gulfwire.example/"})
        + _json_ld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": gulf.title,
                "datePublished": published,
                "dateModified": published,
                "publisher": {"@type": "Organization", "name": "Gulf Wire"},
            }
        ),
    )


def _edge(articles: list[Article]) -> tuple[str, str]:
    (edge,) = find_reuse(articles).provenance
    by_id = {a.id: a.outlet for a in articles}
    return by_id[edge.source] or "", by_id[edge.derived] or ""


def test_two_copies_of_one_day_are_ordered_by_the_times_their_pages_give(tmp_path: Path) -> None:
    """Two sites ran RT's report word for word on 30 October: nothing in the texts says which took
    it from which, only the times in their markup. With htmldate's day alone both were "2016-10-30"
    and the edge went whichever way the ids fell; now it follows the times, either way round."""
    levant, gulf = tmp_path / "levant.html", tmp_path / "gulf.html"
    levant.write_text(levant_page("2016-10-30T16:40:00+03:00"), encoding="utf-8")  # 13:40 UTC
    gulf.write_text(gulf_page("2016-10-30T15:05:00Z"), encoding="utf-8")
    arts = read_articles([gulf, levant])
    by_outlet = {a.outlet: a for a in arts}
    assert by_outlet["dailylevant.example"].published == datetime(2016, 10, 30, 16, 40, tzinfo=MOSCOW)
    assert by_outlet["gulfwire.example"].published == datetime(2016, 10, 30, 15, 5, tzinfo=UTC)
    assert _edge(arts) == ("dailylevant.example", "gulfwire.example")
    (edge,) = find_reuse(arts).provenance
    order = next(e for e in edge.evidence if e["type"] == "publication_order")
    assert (order["source_published"], order["derived_published"]) == ("2016-10-30T16:40:00+03:00", "2016-10-30T15:05:00+00:00")

    # the same pages with Gulf Wire's time first: the edge turns round
    levant.write_text(levant_page("2016-10-30T19:10:00+03:00"), encoding="utf-8")  # 16:10 UTC
    assert _edge(read_articles([gulf, levant])) == ("gulfwire.example", "dailylevant.example")
    assert _edge(read_articles([levant, gulf])) == ("gulfwire.example", "dailylevant.example")

    # and the database keeps the time and its offset
    with Store(tmp_path / "news.db") as store:
        store.add_articles(read_articles([gulf, levant]))
        stored = {a.outlet: a.published for a in store.iter_articles()}
    assert stored == {
        "dailylevant.example": datetime(2016, 10, 30, 19, 10, tzinfo=MOSCOW),
        "gulfwire.example": datetime(2016, 10, 30, 15, 5, tzinfo=UTC),
    }


def test_warc_mhtml_and_html_records_read_the_time_as_a_page_does(tmp_path: Path) -> None:
    """Every reader of pages goes through ``extract_html``: a crawl, a page saved by a browser and
    an export with the page in an ``html`` field keep the time the page gives."""
    gulf = republished("Gulf Wire", "gulfwire.example")
    html = gulf_page("2016-10-30T15:05:00Z")
    want = datetime(2016, 10, 30, 15, 5, tzinfo=UTC)
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(warc_bytes([(gulf.url, "text/html; charset=utf-8", html.encode())]))
    (a,) = read_articles([warc])
    assert a.published == want and a.meta["crawl_date"].startswith("2016-11-01")
    mhtml = tmp_path / "gulf.mhtml"
    mhtml.write_bytes(
        (
            "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/related; type="text/html"; boundary="b1"\r\n\r\n'
            f"--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Location: {gulf.url}\r\n\r\n"
            f"{html}\r\n--b1--\r\n"
        ).encode()
    )
    (b,) = read_articles([mhtml])
    assert b.published == want
    records = tmp_path / "export.jsonl"
    records.write_text(json.dumps({"url": gulf.url, "html": html}) + "\n", encoding="utf-8")
    (c,) = read_articles([records])
    assert c.published == want
    # a record's own date stays the record's; a day alone, the page's day, keeps the page's time of it
    records.write_text(json.dumps({"url": gulf.url, "html": html, "published": "2016-10-29"}) + "\n", encoding="utf-8")
    assert read_articles([records])[0].published == date(2016, 10, 29)
    records.write_text(json.dumps({"url": gulf.url, "html": html, "published": "2016-10-30"}) + "\n", encoding="utf-8")
    assert read_articles([records])[0].published == want


RT = seeds()[0]


@pytest.mark.parametrize(
    ("head", "url", "published"),
    [
        # the offset as written, and no offset where none is written
        ('<meta property="article:published_time" content="2016-10-30T23:30:00-04:00">', None, "2016-10-30T23:30:00-04:00"),
        ('<meta property="article:published_time" content="2016-10-30T14:05:00">', None, "2016-10-30T14:05:00"),
        # fractions of a second dropped; RFC 2822, as some pubdate metas write it
        ('<meta property="og:published_time" content="2016-10-30T14:05:07.310Z">', None, "2016-10-30T14:05:07+00:00"),
        ('<meta name="pubdate" content="Sun, 30 Oct 2016 14:05:00 GMT">', None, "2016-10-30T14:05:00+00:00"),
        # written as htmldate reads them: a zone named, a Z after an offset, slashes
        ('<meta property="article:published_time" content="2016-10-30T14:05:00 GMT">', None, "2016-10-30T14:05:00+00:00"),
        ('<meta property="article:published_time" content="2016-10-30T17:05:00+0300Z">', None, "2016-10-30T17:05:00+03:00"),
        ('<meta name="publish-date" content="2016/10/30 14:05:00">', None, "2016-10-30T14:05:00"),
        # midnight is what a CMS writes for a date without a time: the day
        ('<meta property="article:published_time" content="2016-10-30T00:00:00+00:00">', None, "2016-10-30"),
        # a day without a time in <meta>, the time in the JSON-LD of the same day
        ('<meta property="article:published_time" content="2016-10-30">'
         + _json_ld({"@type": "NewsArticle", "datePublished": "2016-10-30T14:05:00+03:00"}), None, "2016-10-30T14:05:00+03:00"),
        # a time without an offset beside the same time with one (a CMS writes the <meta> naive and
        # the JSON-LD zoned, or the other way): the one naming its offset, which a naive one read as
        # UTC put three hours late; whether the naive one is the wall clock or UTC
        ('<meta property="article:published_time" content="2016-10-30T16:40:00">'
         + _json_ld({"@type": "NewsArticle", "datePublished": "2016-10-30T16:40:00+03:00"}), None, "2016-10-30T16:40:00+03:00"),
        ('<meta property="article:published_time" content="2016-10-30T13:40:00">'
         + _json_ld({"@type": "NewsArticle", "datePublished": "2016-10-30T16:40:00+03:00"}), None, "2016-10-30T16:40:00+03:00"),
        ('<meta property="article:published_time" content="2016-10-30T16:40:00">'
         '<meta itemprop="datePublished" content="2016-10-30T16:40:00+03:00">', None, "2016-10-30T16:40:00+03:00"),
        (_json_ld({"@type": "NewsArticle", "datePublished": "2016-10-30T16:40:00"})
         + _json_ld({"@type": "WebPage", "datePublished": "2016-10-30T16:40:00+03:00"}), None, "2016-10-30T16:40:00+03:00"),
        # a WebPage's time of another hour gives the article's no offset
        (_json_ld({"@type": "NewsArticle", "datePublished": "2016-10-30T16:40:00"})
         + _json_ld({"@type": "WebPage", "datePublished": "2016-10-30T09:00:00+03:00"}), None, "2016-10-30T16:40:00"),
        # an @graph, the WebPage first: the article's time
        (_json_ld({"@context": "https://schema.org", "@graph": [
            {"@type": "WebPage", "datePublished": "2016-10-30T09:00:00Z"},
            {"@type": ["NewsArticle"], "datePublished": "2016-10-30T14:05:00Z"}]}), None, "2016-10-30T14:05:00+00:00"),
        # a list of related articles first: its articles are not the page's
        (_json_ld([{"@type": "ItemList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "item": {"@type": "NewsArticle", "datePublished": "2016-10-30T09:00:00Z"}}]},
            {"@type": "NewsArticle", "datePublished": "2016-10-30T14:05:00Z"}]), None, "2016-10-30T14:05:00+00:00"),
        # a template's trailing comma does not lose the block
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2016-10-30T14:05:00Z",}</script>',
         None, "2016-10-30T14:05:00+00:00"),
        # htmldate took the day from the address; the markup's time is of another day: no time
        ('<meta property="article:published_time" content="2016-10-31T01:30:00+03:00">',
         "https://www.rt.com/news/2016/10/30/un-envoy/", "2016-10-30"),
        ('<meta property="article:published_time" content="2016-10-30T14:05:00Z">',
         "https://www.rt.com/news/2016/10/30/un-envoy/", "2016-10-30T14:05:00+00:00"),
        # <time> elements: the one marked as the publication's, or every bare one agreeing
        ('', None, "2016-10-30T14:05:00+00:00"),
    ],
)
def test_the_time_is_the_markups_on_htmldates_day(head: str, url: str | None, published: str) -> None:
    html = page(dataclasses.replace(RT, url=url or RT.url), head)
    if not head:
        html = html.replace("<article>", '<article><time pubdate datetime="2016-10-30T14:05:00Z">30 Oct 2016</time>'
                            '<time datetime="2016-10-30T17:40:00Z">Updated</time>')
    _, fields = extract_html(html, url, "page")
    assert fields["published"] == published


def test_bare_times_give_a_time_only_when_they_agree() -> None:
    """A page of one ``<time>`` gives its time; one listing other stories' times gives none."""
    one = page(RT).replace("<article>", '<article><time datetime="2016-10-30T14:05:00Z">30 October 2016</time>')
    assert extract_html(one, None, "page")[1]["published"] == "2016-10-30T14:05:00+00:00"
    two = one.replace("</article>", '</article><aside><time datetime="2016-10-30T11:00:00Z">Earlier</time></aside>')
    assert extract_html(two, None, "page")[1]["published"] == "2016-10-30"


def test_a_page_without_a_day_gets_no_time() -> None:
    """htmldate refuses a stamp before 1995 (its bound); a time alone does not bring it back."""
    old = page(RT, '<meta property="article:published_time" content="1987-10-30T14:05:00Z">')
    assert extract_html(old, None, "page")[1]["published"] is None


def test_json_ld_nested_deeper_than_the_stack_is_passed_over() -> None:
    """``json.loads`` recurses: a block of 100,000 nested arrays raised RecursionError, which
    would have stopped the ingest with an internal error; the page keeps its day and time."""
    deep = "<script type=\"application/ld+json\">" + "[" * 100_000 + "]" * 100_000 + "</script>"
    html = page(RT, deep + '<meta property="article:published_time" content="2016-10-30T14:05:00Z">')
    assert extract_html(html, None, "page")[1]["published"] == "2016-10-30T14:05:00+00:00"


ARTICLE_LD = _json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2016-10-30T14:05:00Z",
                       "dateModified": "2016-11-02T09:00:00Z"})


@pytest.mark.parametrize(
    ("head", "published"),
    [
        # htmldate takes a <meta> modification date before it reads JSON-LD: it gave 2016-11-02
        ('<meta property="article:modified_time" content="2016-11-02T09:00:00+00:00">' + ARTICLE_LD, "2016-10-30T14:05:00+00:00"),
        ('<meta property="og:updated_time" content="2016-11-02T09:00:00+00:00">' + ARTICLE_LD, "2016-10-30T14:05:00+00:00"),
        ('<meta name="last-modified" content="2016-11-02T09:00:00+00:00">' + ARTICLE_LD, "2016-10-30T14:05:00+00:00"),
        # ... and January 1 of a copyright year: it gave 2016-01-01
        ('<meta itemprop="copyrightYear" content="2016">' + ARTICLE_LD, "2016-10-30T14:05:00+00:00"),
        # ... and the first JSON-LD datePublished, a WebSite's: it gave 2010-01-01
        (_json_ld({"@type": "WebSite", "name": "RT", "datePublished": "2010-01-01"}) + ARTICLE_LD, "2016-10-30T14:05:00+00:00"),
        # a modification date is the page's only date: it stays (nothing says otherwise)
        ('<meta property="article:modified_time" content="2016-11-02T09:00:00+00:00">', "2016-11-02"),
        # the publication markup names two days: htmldate's choice between them, not the modification
        ('<meta property="article:modified_time" content="2016-11-02T09:00:00+00:00">' + ARTICLE_LD
         + '<span itemprop="datePublished" content="2016-10-29">29 October</span>', "2016-10-30T14:05:00+00:00"),
    ],
)
def test_the_publication_date_wins_over_a_modification_date(head: str, published: str) -> None:
    """A page modified three days after it was published, whose publication date only its JSON-LD
    gives, was dated by its modification: three days late, after the copies made of it."""
    _, fields = extract_html(page(RT, head), None, "page")
    assert fields["published"] == published


def _microdata_page(article_date: str) -> str:
    """A blog's page in microdata: the article an item, its readers' comments items of their own,
    each with its ``datePublished``."""
    comments = "".join(
        f'<div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">{who}</span>'
        f'<time itemprop="datePublished" datetime="2016-10-30T{at}:00+00:00">30 October 2016 at {at}</time>'
        f'<p itemprop="text">{said}</p></div>'
        for who, at, said in (("Sami", "21:14", "Where is the outrage from the West?"), ("K. Lee", "22:40", "Both sides shell civilians."))
    )
    return page(RT).replace(
        "<article>", f'<article itemscope itemtype="https://schema.org/NewsArticle">{article_date}'
    ).replace("</article>", f'</article><section id="comments"><h2>2 comments</h2>{comments}</section>')


def test_a_comments_time_is_not_the_articles() -> None:
    """A blog's comments carry ``itemprop="datePublished"`` too: when the article's gives the day
    alone, the first comment's time was taken as the article's (21:14, seven hours late)."""
    dated = _microdata_page('<meta itemprop="datePublished" content="2016-10-30">')
    assert extract_html(dated, None, "page")[1]["published"] == "2016-10-30"
    timed = _microdata_page('<time itemprop="datePublished" datetime="2016-10-30T14:05:00+00:00">30 October 2016</time>')
    assert extract_html(timed, None, "page")[1]["published"] == "2016-10-30T14:05:00+00:00"


@pytest.mark.parametrize(
    ("body", "published"),
    [
        # no other date: no date (it was 2016-01-01)
        ("", None),
        # the date htmldate reads after <meta>: a <time> in the byline (it was 2016-01-01)
        ('<p class="byline">By RT staff, <time datetime="2016-10-30T14:05:00Z">30 October 2016</time></p>',
         "2016-10-30T14:05:00+00:00"),
        # a publication stamp of January 1 itself is the page's
        ('<meta itemprop="datePublished" content="2016-01-01T09:30:00Z">', "2016-01-01T09:30:00+00:00"),
    ],
)
def test_a_copyright_year_is_no_publication_date(body: str, published: str | None) -> None:
    """htmldate falls back on January 1 of a ``<meta itemprop="copyrightYear">`` before it reads
    anything but ``<meta>``: a report of 30 October became the year's first, the source of every
    report it shared text with."""
    html = page(RT, '<meta itemprop="copyrightYear" content="2016">').replace("<article>", f"<article>{body}")
    assert extract_html(html, None, "page")[1]["published"] == published


def test_a_crawled_page_with_only_a_copyright_year_is_dated_by_its_crawl(tmp_path: Path) -> None:
    html = page(RT, '<meta itemprop="copyrightYear" content="2016">')
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(warc_bytes([(RT.url, "text/html", html.encode())]))
    (a,) = read_articles([warc])
    assert a.published == date(2016, 11, 1)  # the crawl's day, as for any page without a date


@pytest.mark.parametrize(
    ("body", "published"),
    [
        # the byline's <time>, which htmldate reads after <meta> (it was 2016-11-02)
        ('<p class="byline">By RT staff, <time datetime="2016-10-30T14:05:00Z">30 October 2016</time></p>',
         "2016-10-30T14:05:00+00:00"),
        # a date htmldate finds later than the modification is not the publication's: the modification stays
        ('<p class="byline"><time datetime="2016-11-05T10:00:00Z">5 November 2016</time></p>', "2016-11-02"),
        # nothing else: the modification date is the page's only date, and stays
        ("", "2016-11-02"),
    ],
)
def test_a_modification_date_gives_way_to_the_date_htmldate_reads_after_meta(body: str, published: str) -> None:
    """htmldate keeps a ``<meta>`` modification date in reserve and returns it as soon as
    ``<meta>`` has no publication date, before it reads the ``<time>`` in the byline."""
    html = page(RT, '<meta property="article:modified_time" content="2016-11-02T09:00:00+00:00">').replace(
        "<article>", f"<article>{body}"
    )
    assert extract_html(html, None, "page")[1]["published"] == published


def test_a_related_storys_time_is_not_the_articles() -> None:
    """A list of related stories in JSON-LD dates each of them: when the page's own stamp gives the
    day alone, a related story of the same day gave the page its time (09:00, the other story's)."""
    related = _json_ld({"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "item": {"@type": "NewsArticle", "headline": "Aleppo: the day after",
                                                      "datePublished": "2016-10-30T09:00:00Z"}}]})
    html = page(RT, '<meta property="article:published_time" content="2016-10-30">' + related)
    assert extract_html(html, None, "page")[1]["published"] == "2016-10-30"


@pytest.mark.parametrize(
    ("teaser", "own"),
    [
        ('<article itemscope itemtype="https://schema.org/NewsArticle"><h3 itemprop="headline">Aleppo: the day after</h3>'
         '<time itemprop="datePublished" datetime="2016-10-30T09:00:00Z">09:00</time></article>',
         '<time itemprop="datePublished" datetime="2016-10-30T14:05:00Z">30 October 2016, 14:05</time>'),
        ('<article><h3>Aleppo: the day after</h3><time pubdate datetime="2016-10-30T09:00:00Z">09:00</time></article>',
         '<time pubdate datetime="2016-10-30T14:05:00Z">30 October 2016, 14:05</time>'),
    ],
)
def test_a_sidebar_storys_time_is_not_the_articles(teaser: str, own: str) -> None:
    """A sidebar of related stories, before the article in the page, marks each up as an article
    with its time, as the article is: the first one's time (09:00) was taken as the page's."""
    html = page(RT, '<meta property="article:published_time" content="2016-10-30">').replace(
        "<article>", f'<aside class="related">{teaser}</aside><article itemscope itemtype="https://schema.org/NewsArticle">{own}'
    )
    if "pubdate" in own:
        html = html.replace(' itemscope itemtype="https://schema.org/NewsArticle">' + own, ">" + own)
    assert extract_html(html, None, "page")[1]["published"] == "2016-10-30T14:05:00+00:00"


@pytest.mark.parametrize(
    ("given", "published"),
    [
        # the day the page names, written as a day alone: the page's time of that day stays
        ("2016-10-30", datetime(2016, 10, 30, 16, 40, tzinfo=MOSCOW)),
        ("October 30, 2016", datetime(2016, 10, 30, 16, 40, tzinfo=MOSCOW)),
        # another day, or a time: the sidecar says when the article appeared, as it always did
        ("2016-10-31", date(2016, 10, 31)),
        ("2016-10-30T09:00:00Z", datetime(2016, 10, 30, 9, 0, tzinfo=UTC)),
    ],
)
def test_a_day_given_beside_a_page_keeps_the_pages_time_of_that_day(
    tmp_path: Path, given: str, published: date | datetime
) -> None:
    """A sidecar's or a record's ``published`` overrides the page's, but a day alone said less than
    the page's stamp of that day: "2016-10-30" beside 16:40+03:00 erased the time, and RT's report
    and a rewrite of the same day went in id order in streams and provenance."""
    html = page(RT, '<meta property="article:published_time" content="2016-10-30T16:40:00+03:00">')
    saved = tmp_path / "rt.html"
    saved.write_text(html, encoding="utf-8")
    (tmp_path / "rt.meta.json").write_text(json.dumps({"outlet": "RT", "published": given}), encoding="utf-8")
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"id": "364760", "url": RT.url, "published": given, "html": html}) + "\n", encoding="utf-8")
    sidecar, record = read_articles([saved, export])
    assert sidecar.published == record.published == published


def test_a_publication_date_the_markup_states_wins_over_a_date_in_the_url(tmp_path: Path) -> None:
    """htmldate reads a date in the URL before any markup: RT's report rerun at a page filed under
    /2016/11/02/ whose article:published_time (or its NewsArticle's datePublished) says 30 October
    was dated 2 November, three days after the copy ran, and would be taken for a later copy. The
    date the page states of its publication wins; with none, the URL's day stays, as htmldate says,
    and a WebSite's datePublished (the site's) is no statement of the article's."""
    levant = dataclasses.replace(
        republished("The Daily Levant", "dailylevant.example"),
        url="https://www.dailylevant.example/2016/11/02/un-envoy-appalled-aleppo",
    )
    cases = {
        "meta.html": ('<meta property="article:published_time" content="2016-10-30T09:15:00+03:00">',
                      datetime(2016, 10, 30, 9, 15, tzinfo=MOSCOW)),
        "day.html": ('<meta property="article:published_time" content="2016-10-30">', date(2016, 10, 30)),
        "jsonld.html": (_json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": levant.title,
                                  "datePublished": "2016-10-30T09:15:00+03:00"}), datetime(2016, 10, 30, 9, 15, tzinfo=MOSCOW)),
        "site.html": (_json_ld({"@context": "https://schema.org", "@type": "WebSite", "datePublished": "2009-05-01"}),
                      date(2016, 11, 2)),
        "none.html": ("", date(2016, 11, 2)),
        "same.html": ('<meta property="article:published_time" content="2016-11-02T10:00:00Z">',
                      datetime(2016, 11, 2, 10, 0, tzinfo=UTC)),
    }
    for name, (head, _) in cases.items():
        (tmp_path / name).write_text(page(levant, head), encoding="utf-8")
    got = {name: read_articles([tmp_path / name])[0].published for name in cases}
    assert got == {name: want for name, (_, want) in cases.items()}
    # the URL given by a crawl's record (no canonical link in the page) is read the same way
    warc = tmp_path / "crawl.warc.gz"
    html = html_page(levant, with_date=False).replace("</head>", cases["meta.html"][0] + "</head>")
    warc.write_bytes(warc_bytes([(levant.url, "text/html; charset=utf-8", html.encode())]))
    (a,) = read_articles([warc])
    assert a.published == datetime(2016, 10, 30, 9, 15, tzinfo=MOSCOW)


def test_ingest_help_says_a_time_without_an_offset_is_ordered_as_utc() -> None:
    """The order of a naive time was said in the README alone: ``ingest --help`` says it too, as the
    input formats' reference (docs/input-formats.md, moved out of README) words it (the words a user greps for)."""
    import contextlib
    import io

    from newstrace.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["ingest", "--help"]) == 0
    said = " ".join(out.getvalue().replace("│", " ").split())
    assert "A time written without one is ordered as UTC" in said
    assert "the one with the offset is kept" in said
    formats = (Path(__file__).resolve().parents[1] / "docs" / "input-formats.md").read_text(encoding="utf-8")
    assert "A time without an offset is taken as UTC" in " ".join(formats.split("\n## Dates\n", 1)[1].split())

