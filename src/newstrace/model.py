"""The one data model of newstrace.

Every finding is anchored by character offsets into an article's clean ``text`` (half-open
``[start, end)``), the way spaCy anchors a Span in a Doc. Offsets are the shared currency between
pipeline stages, the store, the JSON output and the HTML report, so nothing downstream ever has to
re-find a passage by searching for its words.

All records are plain dataclasses with a ``to_dict`` that gives the documented JSON shape; the
dictionaries use only JSON types so that the local engine, the Spark engine and the store can pass
them around unchanged.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import PurePath
from typing import Any, Literal, NamedTuple, TypeVar
from urllib.parse import urlparse

Published = date | datetime | None

#: the analysis steps, in the order the engines run them; ``analyze`` runs them all unless told
#: otherwise, and the store records which of them an article had (``analysis.steps``)
STEPS = ("reuse", "claims", "stories")


def stable_id(text: str, url: str | None, outlet: str | None = None) -> str:
    """Content-derived id: the same clean text from the same URL always gets the same id.

    Without a URL the outlet takes its place: newstrace exists to trace one outlet's text in
    another's, and two outlets' identical copies without URLs had one id, so the second replaced
    the first. An article with neither keeps the hash of its text alone, and a database ingested
    before outlets counted keeps its ids (``legacy_id``; ``Store.add_articles`` matches them).

    16 hex digits (64 bits) keep ids short enough to type while collisions stay negligible for
    corpora of millions of articles.
    """
    h = hashlib.sha256()
    if url or not outlet:
        h.update((url or "").encode("utf-8"))
    else:  # a prefix no URL has, so an outlet never gives the id of a URL of the same text
        h.update(b"\x01outlet:" + outlet.encode("utf-8", "surrogatepass"))
    h.update(b"\x00")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def page_id(url: str) -> str:
    """The id of a page a web archive captured: a hash of its address alone, so that every capture
    of one address is one article (a later capture an update of it). Keyed by text and address as
    other articles are, a page recaptured after an edit was two articles, and provenance had the
    outlet copying its own page. A prefix no ``stable_id`` hashes keeps the two apart."""
    return hashlib.sha256(b"\x02page:" + url.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def crawled(article: Article) -> str | None:
    """When an archived page (``page_id``) was captured, its ``WARC-Date``; ``None`` for any other
    article. Of a page's captures the latest is the article, whatever order they are read in."""
    if not article.url or article.id != page_id(article.url):
        return None
    when = article.meta.get("crawl_date")
    return when if isinstance(when, str) and when else None


def legacy_id(article: Article) -> str | None:
    """The id an older newstrace derived for this article, when it differs from today's: an
    article with an outlet and no URL whose id was derived (not given by its input), or an
    archived page (``page_id``), which was keyed by its text and address."""
    if article.url:
        return stable_id(article.text, article.url) if article.id == page_id(article.url) else None
    if not article.outlet or article.id != stable_id(article.text, None, article.outlet):
        return None
    return stable_id(article.text, None)


def qualified_id(outlet: str, article_id: str) -> str:
    """``OUTLET:ID``, the id an article is kept under when the id its input gives it is another
    outlet's (``article_key``): ``SANA:1``. The outlet is written as stored, but for its ``%`` and
    ``:``, written ``%25`` and ``%3A``: the first colon ends it, so two outlets never make one
    qualified id (``a:b`` with id ``c`` and ``a`` with id ``b:c`` would both give ``a:b:c``)."""
    return outlet.replace("%", "%25").replace(":", "%3A") + ":" + article_id


def given_id(article: Article) -> bool:
    """Whether the article's id is one its input gave, not the one newstrace derives
    (``stable_id``). An input that gives newstrace's own id (``show --json``) counts as not
    giving one: that id names the text, whatever outlet is beside it. Nor does an archived page's
    (``page_id``), which names its address. Nor does the id newstrace derived for the page read
    without its address (from its text and outlet, or the site name its outlet went by), which
    the stored article keeps when a later copy brings the address (``fuller_copy``)."""
    if article.url and article.id == page_id(article.url):
        return False
    if article.id == stable_id(article.text, article.url, article.outlet):
        return False
    if not article.url:
        return True
    return all(
        article.id != stable_id(article.text, None, name)
        for name in dict.fromkeys((article.outlet, site_name(article)))
        if name
    )


class Holder(NamedTuple):
    """The article an id is taken by, as ``article_key`` asks of it: its outlet, whether it was
    read earlier in this run (else it is stored from another), and the name its page gives its
    site (``site_name``) when that is not its outlet (``same_outlet``)."""

    outlet: str | None
    this_run: bool
    site_name: str | None = None


def site_name(article: Article) -> str | None:
    """The name an article's page gives its site ("RT International") where its outlet is the
    page's host (``ingest.html``), or None."""
    name = article.meta.get("site_name")
    return name if isinstance(name, str) and name.strip() else None


def same_outlet(outlet: str | None, site: str | None, other: str | None, other_site: str | None) -> bool:
    """Whether two articles' outlets are one: the same name, or one's name the other's site name
    (``site_name``: an older newstrace named a page's outlet by it, and a page without an address
    still is). An article without an outlet is no outlet's."""
    if outlet is None or other is None:
        return False
    if outlet == other:
        return True
    return any(
        name is not None and alias is not None and name.casefold() == alias.casefold()
        for name, alias in ((outlet, other_site), (other, site))
    )


def same_article(article: Article, held: Article) -> bool:
    """Whether ``article`` is ``held`` read under another id: the same clean text, and the same
    address or the same outlet (``same_outlet``: a page's site name counts as its outlet's name).
    Not when both ids were given (``given_id``): a dataset's two records of one text, FA-KES's rows
    193 and 201, are the two articles it says they are. Two outlets' copies of one wire text stay
    two articles, as do two texts of one address. The one rule of ``ingest`` (``Store.same_article``,
    against the stored articles) and the Spark engine (``one_copy_each``, within its run)."""
    if article.text != held.text:
        return False
    if not (article.url and held.url == article.url) and not same_outlet(
        article.outlet, site_name(article), held.outlet, site_name(held)
    ):
        return False
    return not (given_id(article) and given_id(held))


#: the fields a later copy of an article fills in where the one kept has none (``fuller_copy``)
FILLED = ("published", "title", "author", "lang")


def fuller_copy(kept: Article, later: Article) -> Article:
    """``kept`` with what ``later``, the same article read again under another id
    (``same_article``), knows that it lacks, or ``kept`` itself when it lacks nothing of it.

    A page saved without its address, then with it, was kept as first read: no address for the web
    app, provenance or ``show``, and named by its site name ("RT International") where the copy
    with the address names its host ("rt.com"). So the address is the later copy's, and with it
    its outlet where ``kept`` went by the site name the later copy's page gives (a page with an
    address is its host's); the fields ``FILLED`` that ``kept`` has none of are the later copy's,
    as are metadata keys it lacks. What ``kept`` has stays (its id, where it
    was read, its title): a copy read again, another time, brings nothing new then (the same
    ``fuller_copy``), so ingesting both again changes nothing."""
    changes: dict[str, Any] = {}
    gained = {k: v for k, v in later.meta.items() if k not in kept.meta and v not in (None, "")}
    if later.url and not kept.url:
        changes["url"] = later.url
        named = site_name(later)
        if later.outlet and kept.outlet and named and named.casefold() == kept.outlet.casefold():
            # named by the site name the later copy's page gives: the page's host is its outlet,
            # and the name it went by (its id's, ``given_id``) its site name
            changes["outlet"] = later.outlet
            if "site_name" not in kept.meta:
                gained["site_name"] = kept.outlet
    for name in FILLED:
        if getattr(kept, name) in (None, "") and getattr(later, name) not in (None, ""):
            changes[name] = getattr(later, name)
    if gained:
        changes["meta"] = {**kept.meta, **gained}
    return dataclasses.replace(kept, **changes) if changes else kept


def one_copy_each(articles: Iterable[Article]) -> tuple[list[Article], list[tuple[str | None, str, str]]]:
    """Articles of one text in the order they were read, each the first of them it is
    (``same_article``) or kept: the kept ones, each its ``fuller_copy`` with what its later copies
    knew, and ``(file, id, id kept)`` for each later copy, as ``Store.add_articles`` keeps a run's
    articles one after another (the Spark engine, which has no database, keeps its run's so)."""
    kept: list[Article] = []
    copies: list[tuple[str | None, str, str]] = []
    for a in articles:
        for i, k in enumerate(kept):
            if same_article(a, k):
                kept[i] = fuller_copy(k, a)
                copies.append((a.source, a.id, k.id))
                break
        else:
            kept.append(a)
    return kept, copies


def article_key(
    article: Article, holder: Callable[[str], Holder | None], *, given: bool | None = None
) -> tuple[str, Holder | None]:
    """The id ``article`` is kept under, and the article that already holds that id (``None``:
    none does, it is new). The one rule of ``ingest``, the store, the web upload and the Spark
    engine, each asking ``holder`` of the ids read in its run and those stored before.

    An id an input gives is a key within its outlet: exports of two outlets that each number their
    articles from 1 both give id 1, and the second one read replaced (or, in one run, was dropped
    for) the first. So when the holder is another outlet's article, the article is kept under
    ``qualified_id`` (``SANA:1``), and under that again (``SANA:SANA:1``) in the rare case that
    an input gave another outlet's article that very id. Otherwise the holder is this article:
    an earlier record of it (the caller keeps the first in one run, ``ArticleKeys``) or its stored
    copy (which it updates). An article with no outlet, or held by one with no outlet, is keyed by
    its id alone, as before: nothing tells it from the holder's outlet. A derived id (``given_id``:
    none given) is never qualified: it names the text and URL, which the holder has too.
    ``given`` says whether the id was given, for a caller that no longer has the text."""
    key = article.id
    while True:
        held = holder(key)
        if held is None or held.outlet is None or article.outlet is None or held.outlet == article.outlet:
            return key, held
        if same_outlet(article.outlet, site_name(article), held.outlet, held.site_name):
            return key, held  # its outlet by another name: a page the database keeps under its site name
        if given is None:
            given = given_id(article)  # hashed only for an id another outlet holds
        if not given:
            return key, held
        key = qualified_id(article.outlet, key)


def qualified_anew(article: Article, key: str, held: Holder | None) -> bool:
    """Whether keying ``article`` under ``key`` (``article_key``'s answer, ``held`` the article
    holding it) is news to warn of: its id was qualified (``OUTLET:ID``) and no article of its own
    outlet holds that key yet. A re-run finds the article it stored as ``SANA:1`` under ``SANA:1``,
    as it finds RT's under ``1``: an update of that article, nothing new, so an ``ingest --strict``
    of the same inputs again does not exit 2 for what its first run already said."""
    return key != article.id and (held is None or held.outlet != article.outlet)


#: an article that gives no publication date, as every table and page says it: the web app's pages,
#: their timelines and drawings, and the CLI's tables (which said "?", the value the outlet filters
#: also name the articles without an outlet by); ``--json`` and the API keep ``null``
NO_DATE = "no date"


def published_iso(value: Published) -> str | None:
    """ISO text for a publication date, keeping the date-only vs datetime distinction."""
    if value is None:
        return None
    return value.isoformat()


def published_order(value: Published) -> str | None:
    """The text publication dates sort by, the one order of every listing, of the stream both
    engines cluster and of a story's "first seen": ``published_iso`` with a time that names its
    offset taken to UTC (the offset dropped), so that 23:00-04:00 (03:00 UTC the next day) sorts
    after 01:00+00:00 that day. As ISO text, an outlet writing local time with its offset was sorted
    by its wall clock: a New York report came before the London one it followed. A time without an
    offset is taken as UTC (as ``corpus.features.days`` takes it).

    A day alone sorts at its end (``T24:00:00``, ISO 8601's end of a day), after every time of that
    day: it proves the article was out by the day's end, no sooner. As its midnight (its ISO text),
    a copy dated only "2016-10-30" was the story's first seen before the report timed 09:15 that
    day, which it may well have followed; the timed article is known to have been out first."""
    if isinstance(value, datetime):
        if value.utcoffset() is not None:
            try:
                return value.astimezone(UTC).replace(tzinfo=None).isoformat()
            except OverflowError:  # an instant before year 1 or after 9999 (.NET's DateTime.MinValue
                return value.replace(tzinfo=None).isoformat()  # written +01:00): the wall clock, a day off at most
        return value.isoformat()
    if value is None:
        return None
    return value.isoformat() + DAY_END


#: what ``published_order`` writes after a day given without a time of day: its end, so that it
#: sorts after every time of that day (and before the next day's midnight)
DAY_END = "T24:00:00"


def dates_order(a: Published, b: Published) -> int:
    """+1 when ``a`` is known to come first, -1 when ``b`` is, 0 when the dates cannot tell: the
    order a provenance edge may follow (``reuse.provenance``), and the one the drawing and the lists
    keep where an edge's direction says nothing (``drawing.reading_order``).

    By ``published_order`` (a time with an offset as its UTC instant), the order every listing and
    the clusterer follow: by wall clock, a New York report at 23:00-04:00 was taken as the source of
    a London one at 01:00Z the next day, two hours before it. Days are compared first; times only
    when both sides have one with its offset, since a date alone says nothing of the hour, nor of
    the zone: against a date alone, a time orders only when its own day and its UTC day say the
    same (02:00+03:00 on 31 October is no earlier than "31 October", though its UTC day is the 30th).
    So no edge runs from a timed report to a copy dated only that day, though the listings sort the
    timed one first (``published_order`` puts a day alone at its end): that order says which was
    known to be out first, an edge would say which copied which.

    A time that names no offset orders by its day alone, as a date does: the listings take it as
    UTC, but it is some zone's wall clock, anywhere from 14 hours before UTC to 12 after. A page
    stamped 10:00 with no offset (Damascus, 07:00Z) was made the copy of a report at 08:00Z.
    """
    oa, ob = published_order(a), published_order(b)
    if oa is None or ob is None:
        return 0
    if is_instant(a) and is_instant(b):
        return 0 if oa == ob else (1 if oa < ob else -1)
    days_a, days_b = _days(a, oa), _days(b, ob)
    if max(days_a) < min(days_b):
        return 1
    if max(days_b) < min(days_a):
        return -1
    return 0


def is_instant(value: Published) -> bool:
    """Whether a publication date is an instant: a time of day with its UTC offset."""
    return isinstance(value, datetime) and value.utcoffset() is not None


def _days(value: Published, order: str) -> tuple[str, str]:
    """The day of a publication date by its UTC instant (``order``) and by its own wall clock."""
    return order[:10], (published_iso(value) or order)[:10]


def timed(value: Published) -> bool:
    """Whether a publication date has a time of day (a day alone does not say which hour)."""
    return isinstance(value, datetime)


def published_instant(value: Published, *, day_end: bool = False) -> float | None:
    """Seconds since the epoch at which an article appeared, on ``published_order``'s terms (a time
    with an offset is that instant, one without is taken as UTC, a day is its UTC midnight), for
    what places articles on a time axis. ``datetime.timestamp`` alone takes a time without an
    offset as the local time of the machine drawing the chart.

    With ``day_end`` a day alone is its last second (23:59:59 UTC), where ``published_order`` puts
    it among timed articles: a timeline that mixes the two drew a copy dated only "2016-10-30" at
    that day's midnight, before the report timed 09:15 that the listings put first. (Its last
    second, not 24:00, keeps the articles of one day on an axis of that day.)"""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day) + (timedelta(seconds=DAY - 1) if day_end else timedelta())
    return (value if value.utcoffset() is not None else value.replace(tzinfo=UTC)).timestamp()


DAY = 86400.0


def axis_instants(values: Sequence[Published]) -> tuple[list[float | None], bool]:
    """Where a time axis places each publication date (``published_instant``), and whether any has
    a time of day: among timed articles a day alone stands at its end, where the listings put it
    (``published_order``), while a timeline of days alone keeps them at their midnight, under the
    one date. The report's and the web's timelines both place their dots here."""
    has_time = any(timed(v) for v in values)
    return [published_instant(v, day_end=has_time) for v in values], has_time


def time_axis(instants: Sequence[float], timed: bool) -> tuple[float, float, list[tuple[float, str]]]:
    """The span a time axis draws over articles at ``instants`` (``published_instant``) and its
    labels, ``(start, end, [(instant, label)])`` from left to right.

    Several days run from the first article to the last, a day at least, and are labelled with
    the dates at either end. Articles of one day (UTC, as the instants are) are drawn over that
    day: the axis of one day ended on the next day's date, which no article had. With a time
    of day known (``timed``) the day runs from its 00:00 to 24:00, labelled every six hours;
    with dates alone the articles stand at the middle, under the one date, as they do when every
    time is 00:00 UTC (a feed that writes a day as its midnight)."""
    lo, hi = min(instants), max(instants)
    day = math.floor(lo / DAY) * DAY
    if hi < day + DAY:
        iso = _utc_date(day)
        if not timed or all(t == day for t in instants):
            return day - DAY / 2, day + DAY / 2, [(day, iso)]
        hours = [(day + h * 3600, f"{h:02d}:00") for h in (0, 6, 12, 18, 24)]
        return day, day + DAY, [(day, f"{iso} 00:00"), *hours[1:-1], (day + DAY, "24:00 UTC")]
    end = lo + max(hi - lo, DAY)
    return lo, end, [(lo, _utc_date(lo)), (end, _utc_date(end))]


_FIRST_INSTANT = datetime(1, 1, 1, tzinfo=UTC).timestamp()
_LAST_INSTANT = datetime(9999, 12, 31, tzinfo=UTC).timestamp()


def _utc_date(t: float) -> str:
    # an instant before year 1 or after 9999 (.NET's DateTime.MinValue written +01:00) is drawn at
    # the calendar's end it passes, as ``published_order`` sorts it
    return datetime.fromtimestamp(min(max(t, _FIRST_INSTANT), _LAST_INSTANT), UTC).date().isoformat()


def stream_order_key(published: str | None, article_id: str) -> tuple[bool, str, str]:
    """The one stream order both engines and every listing follow: by publication date, undated
    last, then id. ``published`` is a ``published_order`` text."""
    return (published is None, published or "", article_id)


def parse_published(value: Any) -> Published:
    """Read a publication date from ISO text (or pass a date through); unknown stays ``None``.

    Free-form dates ("November 2, 2016") are the readers' business: they use htmldate/dateparser.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 10 or (len(text) == 8 and text.isdigit()):
            # a day, "2023-03-14" or ISO's basic "20230314" (which Python reads as midnight)
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


@dataclass
class Article:
    """One news article with its clean body text; all spans point into ``text``.

    ``source`` and ``record`` say where it came from (file path or URL; 1-based row, line or
    record number inside that file) so a user can always go back to the input.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: Published = None
    author: str | None = None
    lang: str | None = None
    source: str | None = None
    record: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    #: a hash of the input it was read from (a file's bytes, a record's fields: ``ingest.base.
    #: input_hash``), not of the article: the store keeps it (``articles.input_hash``) to know that
    #: input read again by a newer newstrace, which reads its text otherwise (``Store.same_input``).
    #: Left out of ``to_dict`` (so of every JSON document and the content hash) and of equality.
    input_hash: str | None = field(default=None, compare=False, repr=False)
    #: the file ``source`` named when ``read_inputs`` read it, as (that ``source``, the file's
    #: absolute path: ``ingest.stored_source``), set where the two differ (a file named by a relative
    #: path). The store keeps the absolute path as the article's ``source`` while ``source`` is still
    #: the one read, as ``ingest`` stores it (``Store(db).add_articles(read_articles("examples"))``
    #: stored "examples/...", relative to the folder the caller stood in); a ``source`` the caller
    #: sets (the web upload's "upload: NAME") is stored as set. The name as given stays ``source``,
    #: which messages say. Left out of ``to_dict``, equality and ``repr``, as ``input_hash`` is.
    source_file: tuple[str, str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def create(cls, text: str, *, id: str | None = None, **kwargs: Any) -> Article:
        """Build an article, deriving the id from text and URL (or outlet) when the input gave none."""
        if not isinstance(text, str):  # an int failed as "'int' object has no attribute 'encode'"
            from newstrace.errors import a_text

            a_text(text, "Article.create: text")
        art_id = str(id) if id not in (None, "") else stable_id(text, kwargs.get("url"), kwargs.get("outlet"))
        return cls(id=art_id, text=text, **kwargs)

    def brief(self) -> dict[str, Any]:
        """The identifying fields every JSON output lists under ``articles``."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": published_iso(self.published),
            "url": self.url,
        }

    def listing(self) -> dict[str, Any]:
        """An article as the listings of stored articles give it (``list --json``, ``story --json``'s
        ``articles``): ``brief`` with its author, length and the input it was read from."""
        return {**self.brief(), "author": self.author, "chars": len(self.text), "words": self.words, "source": self.source}

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["published"] = published_iso(self.published)
        del d["input_hash"], d["source_file"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in d.items() if k in names}
        kwargs["published"] = parse_published(kwargs.get("published"))
        kwargs.setdefault("meta", {})
        kwargs["meta"] = dict(kwargs["meta"] or {})
        return cls(**kwargs)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Span:
    """A character range of one article's clean text (or of its title, ``field='title'``)."""

    article: str
    start: int
    end: int
    text: str
    field: Literal["text", "title"] = "text"

    @classmethod
    def of(cls, article: Article, start: int, end: int, field: Literal["text", "title"] = "text") -> Span:
        source = article.text if field == "text" else (article.title or "")
        if not 0 <= start <= end <= len(source):
            raise ValueError(f"span [{start}, {end}) outside {field} of length {len(source)}")
        return cls(article.id, start, end, source[start:end], field)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"article": self.article, "start": self.start, "end": self.end, "text": self.text}
        if self.field != "text":
            d["field"] = self.field
        return d


# --- claims (issue 4) -------------------------------------------------------------------------


@dataclass
class Quote:
    """A quotation or attribution: ``start/end`` is the content, ``speaker_*`` the source span.

    ``speaker`` is the normalised name ("Staffan de Mistura" for "he" or "the envoy"); the speaker
    span is where the source is mentioned for this quote, which may be a pronoun.
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    direct: bool = True

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Quantity:
    """A count of people or events, its value as an interval ``[low, high]`` and its meaning.

    ``high`` is ``None`` for open upper bounds ("more than 300"); ``window_hours`` is a
    ``[low, high]`` duration range in hours when the window text implies one, and
    ``window_start/window_end`` locate the window phrase in the text (it may stand apart from the
    count, so comparison cites it by these offsets rather than searching for its words).
    """

    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    subject: str | None = None
    event: str | None = None
    window: str | None = None
    window_hours: list[float] | None = None
    place: str | None = None
    source: str | None = None
    window_start: int | None = None
    window_end: int | None = None

    #: the fields of the documented ``extract --json`` quantity object
    PUBLIC_FIELDS = (
        "start", "end", "text", "low", "high", "subject", "event", "window", "window_hours", "place", "source",
    )

    def to_dict(self) -> dict[str, Any]:
        """Every field, for stores and engines that must rebuild the record exactly."""
        return dataclasses.asdict(self)

    def public(self) -> dict[str, Any]:
        """The documented JSON object; window offsets are evidence anchors kept inside the pipeline."""
        d = self.to_dict()
        return {k: d[k] for k in self.PUBLIC_FIELDS}


@dataclass
class ArticleClaims:
    """Everything the claims stage extracted from one article."""

    article: str
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The claims as ``extract --json`` gives them (each count's ``public`` object, without
        the window offsets the pipeline keeps), under the id of their article."""
        return {
            "article": self.article,
            "quotes": [q.to_dict() for q in self.quotes],
            "quantities": [q.public() for q in self.quantities],
        }


# --- reuse (issue 3) --------------------------------------------------------------------------

ReuseKind = Literal["verbatim", "near_verbatim", "paraphrase"]


@dataclass
class SharedPassage:
    """One passage that articles ``a`` and ``b`` share, located in both texts.

    ``ops`` are the edit operations turning ``a_text`` into ``b_text`` as
    ``[op, a_start, a_end, b_start, b_end]`` with op in ``replace|delete|insert`` and offsets
    absolute in each article's text.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: ReuseKind
    score: float
    a_text: str
    b_text: str
    ops: list[list[Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class ArticlePair:
    """Reuse between two articles; ``a`` and ``b`` are article ids."""

    a: str
    b: str
    shared: list[SharedPassage] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "shared": [s.to_dict() for s in self.shared]}


@dataclass
class QuoteVariants:
    """One quotation carried in different wordings; ``fingerprints`` are rare shared variants."""

    texts: list[str]
    articles: list[str]
    spans: list[Span] = field(default_factory=list)
    fingerprints: list[str] = field(default_factory=list)
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "texts": self.texts,
            "articles": self.articles,
            "spans": [s.to_dict() for s in self.spans],
            "fingerprints": self.fingerprints,
            "speaker": self.speaker,
        }


@dataclass
class ProvenanceEdge:
    """``source`` -> ``derived``; ``source`` may be ``external:<label>`` for a common origin."""

    source: str
    derived: str
    confidence: float
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @property
    def directed(self) -> bool:
        """False when no evidence says who took from whom: the two are linked, in input order."""
        return has_direction(self.evidence)

    @property
    def via(self) -> str | None:
        """The article the text came through when it did not come straight from ``source``."""
        return indirect_via(self.evidence)


def has_direction(evidence: Sequence[Any]) -> bool:
    """Whether a provenance edge's evidence (stored or JSON) says who took from whom."""
    return not any(isinstance(ev, dict) and ev.get("type") == "direction_unknown" for ev in evidence)


def indirect_via(evidence: Sequence[Any]) -> str | None:
    """The article a provenance edge's text came through, when its evidence says it came by way of
    a third one (``reuse.provenance._mark_indirect``): reports draw such an edge apart and name it."""
    for ev in evidence:
        if isinstance(ev, dict) and ev.get("type") == "indirect" and isinstance(ev.get("via"), str):
            return str(ev["via"])
    return None


def arrow(directed: bool) -> str:
    """How a report writes an edge between two labels: ``→``, or ``—`` with no known direction."""
    return "→" if directed else "—"


#: what an edge without a direction (``direction_unknown``) leaves open, in the words of every place that
#: tells of one (``compare``'s notes, the drawings' edges in words): on FA-KES dev most such edges (19 of
#: the 20 of its stories) join two outlets' reports of one wire story, neither taken from the other;
#: "who took from whom" told of a copy between the two
DIRECTION_OPEN = (
    "whether one of them took the text from the other or both from a third report, as outlets running one wire "
    "story do"
)

#: what an edge from ``external:<label>`` is, in words: the drawing tells it by a dashed line alone
EXTERNAL_SAID = "an outside source, no article here: the articles quote its words, not each other"


def edge_words(source: str, derived: str, confidence: Any, evidence: Sequence[Any],
               label: Callable[[str], str]) -> tuple[str, list[str]]:
    """A provenance edge in words, for the list under a drawing of it (the HTML report's and the
    web app's): "rt.com → reuters: confidence 0.88; evidence: shared_passage, publication_order".
    Inside an image an edge's ``<title>`` reaches no screen reader, and its direction and
    confidence are told by the arrow and its number alone. ``label`` names an article by its id;
    gives the sentence and the names in it, for ``isolated_parts`` to isolate."""
    external = source.startswith("external:")
    src = source[9:] if external else label(source)
    directed = has_direction(evidence)
    via = indirect_via(evidence)
    via_name = label(via) if via else ""
    conf = f"{float(confidence):.2f}" if isinstance(confidence, int | float) else "?"
    types = [str(ev.get("type", "")) for ev in evidence if isinstance(ev, dict)]
    kinds = ", ".join(types)
    # an arrow the dates do not back (one day, or no date) was read as running against them where
    # the drawing put the two of one day in the order of their ids
    unordered = directed and not external and "publication_order" not in types
    basis = "an attribution gives the direction" if "attribution" in types else "the texts alone give the direction"
    text = (
        f"{src} {arrow(directed)} {label(derived)}: confidence {conf}; evidence: {kinds or 'none given'}"
        + ("" if directed else f" (nothing says {DIRECTION_OPEN})")
        + (f" (not by publication date: {basis})" if unordered else "")
        + (f" (by way of {via_name})" if via else "")
        # the drawing dashes it; the list under it, all a screen reader has, said nothing of why
        + (f" (dashed: {EXTERNAL_SAID})" if external else "")
    )
    return text, [n for n in (src, label(derived), via_name) if n]


def clip(text: str, limit: int = 90) -> str:
    """One line of text for a summary, shortened in the middle of long passages."""
    t = re.sub(r"\s+", " ", text).strip()
    if len(t) <= limit:
        return t
    head = t[: limit * 2 // 3].rsplit(" ", 1)[0]
    tail = t[-(limit // 3) :].split(" ", 1)[-1]
    return f"{head} … {tail}"


def shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis, for a chart's label (the
    compare report's and the web app's): a cut just after a space or the text's own ellipsis
    ("“United Nations Finally … Civilians”", an untitled article's name) leaves no "……" or " …"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" …") + "…"


def link_roles(pieces: Sequence[tuple[str, str | None]]) -> list[str]:
    """How a highlighted text shows each of its ``(text, link target)`` pieces: ``"link"``, ``"plain"``
    or ``"named"``. The report and the web app cut a text at every mark's ends and link each piece;
    where a count ended just before the full stop of the finding's evidence around it, the stop
    alone was a link, "." to a screen reader and a dot to click. A piece with no letter or digit is
    ``"plain"`` (highlighted, no link of its own) when a piece with words links to the same place,
    and else ``"named"``: still the link, named in words by its tooltip (``aria-label``), its hit
    area made wider than the dot."""
    worded = {t for text, t in pieces if t is not None and any(ch.isalnum() for ch in text)}
    return ["link" if t is None or any(ch.isalnum() for ch in text) else "plain" if t in worded else "named"
            for text, t in pieces]


#: the words of every report's note on the claims only one article carries that it leaves out
#: ("rt.com: 10 more claims only it carries are not listed, as only ..."): the web pages show such
#: a note by the findings it qualifies
UNLISTED_CLAIMS = "only it carries"

#: where the HTML report and the web pages have the claims only one article carries that their
#: findings leave out (``listed``): the page said how many it left out, not where they were
UNLISTED_WHERE = "they are listed, folded, after the findings"

#: most claims only one article carries that a report for reading lists per article, its most
#: important (``listed``: the terminal's, the HTML report's and the web pages'); ``--json`` and
#: ``--top 0`` give them all
MAX_UNIQUE_PER_ARTICLE = 6

T = TypeVar("T")


def listed(findings: Sequence[T], kind: Callable[[T], str], article: Callable[[T], str]) -> tuple[list[T], list[T]]:
    """The findings a report for reading lists, in their order, and those it leaves out: of the
    claims only one article carries (``unique_claim``), each article's first
    ``MAX_UNIQUE_PER_ARTICLE`` (the findings come most important first). ``kind`` and ``article``
    read a finding's type and its first article, of a :class:`Finding` or of its JSON."""
    kept: list[T] = []
    left: list[T] = []
    seen: dict[str, int] = {}
    for f in findings:
        if kind(f) == "unique_claim":
            aid = article(f)
            seen[aid] = seen.get(aid, 0) + 1
            if seen[aid] > MAX_UNIQUE_PER_ARTICLE:
                left.append(f)
                continue
        kept.append(f)
    return kept, left


def unlisted_notes(left: Sequence[T], article: Callable[[T], str], label: Callable[[str], str], where: str) -> list[str]:
    """One note per article whose claims ``listed`` left out: how many, why, and ``where`` they
    all are ("--top 0 or --json lists them all")."""
    counts: dict[str, int] = {}
    for f in left:
        counts[article(f)] = counts.get(article(f), 0) + 1
    return [
        f"{label(aid)}: {counted(n, 'more claim')} {UNLISTED_CLAIMS} {agreeing(n, 'is', 'are')} not listed, "
        f"as only each article's {MAX_UNIQUE_PER_ARTICLE} most important are"
        + (f": {where}." if where else ".")
        for aid, n in counts.items()
    ]


def about_findings(note: str) -> bool:
    """Whether a compare report's note qualifies its findings (claims left out of them, findings
    not made or made within groups only) rather than the articles or the stages."""
    return UNLISTED_CLAIMS in note or "findings" in note.lower()


def compare_title(names: Sequence[str]) -> str:
    """What a compare report of articles of these ``names`` (their labels) is called: "A vs B" for up
    to three, else how many. The report's title and the web app's compare page (whose tab said
    "Compare" alone, whatever it held) both say it; the labels, not the headlines, as every
    finding names the articles, each cut to 40 characters (an outlet may be named at length)."""
    return "".join(t for t, _ in compare_title_parts(names))


def compare_title_parts(names: Sequence[str]) -> list[tuple[str, bool]]:
    """``compare_title`` cut as ``isolated_parts`` cuts a sentence: each name to be isolated. Next
    to " vs " and " · newstrace" an Arabic name took them into its own direction, in the tab's
    title (``isolated_join``: FSI and PDI) as in the report's heading (``<bdi>``)."""
    if len(names) > 3:
        return [(f"{len(names)} articles", False)]
    out: list[tuple[str, bool]] = []
    for n in names:
        if out:
            out.append((" vs ", False))
        out.append((shortened(n, 40), True))
    return out


_INNER_QUOTES = str.maketrans({"“": "‘", "”": "’", '"': "'"})


def inner_quotes(text: str) -> str:
    """Text to be put in quotation marks, its own double marks made single (a quotation inside a
    quotation), so a sentence that opens with a quotation does not read "““From February…"."""
    return text.translate(_INNER_QUOTES)


def isolated_parts(text: str, labels: Iterable[str]) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each with whether a page should isolate it (``<bdi>``): the
    articles' ``labels`` it names and the words inside its “quotation marks”.

    A finding's summary is one English sentence with outlets' names and quoted words in it, and
    ``--json`` gives it as that one string. Drawn as it is, an Arabic name took the neutral
    characters around it into its own direction: "القدس العربي, اليوم السابع and rt.com" showed
    the two Arabic names swapped. The pages cut the sentence here, at render time, and isolate
    each name and quotation, so the JSON keeps its one string. A name is matched whole (no word
    character either side), the longest first ("reuters #12" before "reuters #1"); the quotation
    marks stay outside the isolate, where the sentence's direction places them."""
    pattern = _isolate_pattern(tuple(sorted({x for x in labels if x}, key=lambda x: (-len(x), x))))
    out: list[tuple[str, bool]] = []
    at = 0
    for m in pattern.finditer(text):
        inner = m.group("quoted")
        start, end = (m.start("quoted"), m.end("quoted")) if inner is not None else m.span()
        if start > at:
            out.append((text[at:start], False))
        if end > start:
            out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out


#: FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: ``<bdi>`` where no tag can go (a ``title``
#: attribute, an SVG ``<title>``)
FSI, PDI = "\u2068", "\u2069"


def isolated_text(text: str, names: Iterable[str]) -> str:
    """``text`` with each piece ``isolated_parts`` isolates between FSI and PDI: a hover tooltip
    ("quote of القدس العربي", a finding's summary) holds no ``<bdi>``, and an Arabic name there
    turned the words beside it around as it did in the page. For pages only: ``--json`` keeps
    its plain strings."""
    return isolated_join(isolated_parts(text, names))


def isolated_join(parts: Iterable[tuple[str, bool]]) -> str:
    """Pieces cut as ``isolated_parts`` cuts them, joined into plain text with each piece to be
    isolated between FSI and PDI (a page's ``<title>``, which holds no ``<bdi>``)."""
    return "".join(f"{FSI}{t}{PDI}" if iso and t else t for t, iso in parts)


def isolated_name(name: str) -> str:
    """One name inside a tooltip's sentence, isolated (``isolated_text``)."""
    return f"{FSI}{name}{PDI}" if name else name


def passage_tip(kind: str, other: str) -> str:
    """A shared passage's tooltip on the HTML report and the web compare page: its kind as their
    legends name it (both said "near_verbatim passage", the JSON's word) and the article it is
    shared with, isolated."""
    return f"{kind.replace('_', '-')} passage shared with {isolated_name(other)}"


def summary_names(labels: Iterable[str], quotes: Iterable[Any], counts: Iterable[Any]) -> list[str]:
    """The names a finding's summary may use: the articles' labels, and the speakers of the
    ``quotes`` and the sources of the ``counts`` (each a ``Quote``/``Quantity`` or its dict), whom
    "quote Staffan de Mistura" and "attributed to SANA" name in the same sentence."""

    def get(x: Any, key: str) -> Any:
        return x.get(key) if isinstance(x, dict) else getattr(x, key, None)

    people = [get(q, "speaker") for q in quotes] + [get(n, "source") for n in counts]
    return [*labels, *(str(p) for p in people if isinstance(p, str) and p)]


@functools.lru_cache(maxsize=64)
def _isolate_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(rf"(?<!\w){re.escape(x)}(?!\w)" for x in labels)
    return re.compile((f"(?:{names})|" if names else "") + "“(?P<quoted>[^“”]*)”")


def _label_base(a: Article) -> tuple[str, str | None]:
    """An article's short name before numbering, and what it was taken from when not the outlet."""
    name: str | None = a.outlet
    basis: str | None = None
    if not name:
        name, basis = (urlparse(a.url).hostname if a.url and "://" in a.url else None), "no outlet: named by its URL's host"
    if not name and a.title:
        name, basis = f"“{clip(a.title, 36)}”", "no outlet: named by its title"
    if not name and a.source and "://" not in a.source:
        name, basis = PurePath(a.source).name, "no outlet: named by its file"  # the user knows their inputs by file name
    name = (name or "").strip()
    return (name, basis) if name else (f"article {a.id[:10]}", "no outlet: named by its id")


def article_name(article: Article) -> str:
    """An article's short name as ``article_labels`` gives it before numbering: its outlet, else its
    URL's host, quoted title, file or id. For an article named beside labelled ones that is not one
    of them (``newstrace story`` lists the members its report left out)."""
    return _label_base(article)[0]


def label_basis(article: Article) -> str | None:
    """What ``article_labels`` named an article by when it gives no outlet (``None`` when it does).

    The tables of the reports head the name's column "outlet", where a file name ("notes.txt") or a
    quoted title read as the outlet's name; they say this beside it."""
    return _label_base(article)[1]


def article_labels(articles: Sequence[Article]) -> dict[str, str]:
    """Short names for summaries: outlet (or URL host), made unique with a number when repeated."""
    base: dict[str, str] = {a.id: _label_base(a)[0] for a in articles}
    counts: dict[str, int] = {}
    for name in base.values():
        counts[name] = counts.get(name, 0) + 1
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for a in articles:
        name = base[a.id]
        if counts[name] > 1:
            seen[name] = seen.get(name, 0) + 1
            name = f"{name} #{seen[name]}"
        out[a.id] = name
    return out


def counted(n: int, noun: str, plural: str | None = None, *, grouped: bool = False) -> str:
    """``1 article``, ``2 articles``: a count in running text, where "1 articles" reads as a slip.
    ``grouped`` writes thousands with commas (``2,345 bytes``), as the limit messages do."""
    return (f"{n:,}" if grouped else f"{n}") + f" {agreeing(n, noun, plural or noun + 's')}"


def agreeing(n: int, one: str, many: str) -> str:
    """The words that agree with a count of ``n`` (``counted``'s): ``one`` for 1, else ``many``;
    "1 article ... is kept", "2 articles ... are kept", "keeps the story it was" / "keep the
    story they were". The one place a message chooses them."""
    return one if n == 1 else many


def count_range(low: float | None, high: float | None) -> str:
    """A count's interval as reports write it: ``213``, ``2–5``, ``≥ 200`` (no upper bound)."""

    def f(x: float | None) -> str:
        return "?" if x is None else f"{x:,.0f}"

    if high is None:
        return f"≥ {f(low)}"
    if low == high:
        return f(low)
    return f"{f(low)}–{f(high)}"


def safe_url(url: str | None) -> str | None:
    """An article's URL when a report may make it a link: plain http(s) with a host and none of
    the characters that end or break an attribute (``javascript:``, ``data:`` and the rest stay
    text). The one rule of the HTML report and the web pages."""
    if not url:
        return None
    u = url.strip()
    scheme, sep, rest = u.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest or rest[0] in "/?#":
        return None
    if any(c in u for c in "\"'<>\\") or any(c.isspace() for c in u):
        return None
    return u


# --- compare (issue 5) ------------------------------------------------------------------------

FindingType = Literal[
    "quote_variant",
    "number_drift",
    "event_drift",
    "window_drift",
    "attribution_changed",
    "headline_unsupported",
    "unique_claim",
]

#: how every report heads a finding of each type: the terminal's, the HTML report's and the web
#: pages' (each had its own copy of these words)
FINDING_TITLES: dict[str, str] = {
    "headline_unsupported": "Headline unsupported",
    "event_drift": "Event drift",
    "number_drift": "Number drift",
    "attribution_changed": "Attribution changed",
    "window_drift": "Time-window drift",
    "quote_variant": "Quote variant",
    "unique_claim": "Unique claim",
}

#: the words of a claim only one article carries whose sentence is background to the story (a war's
#: toll, an earlier year's event): "Only nna gives as background a count: ..." (``compare.findings``
#: writes them); ``said_as_background`` reads them back, for the tag the HTML report and the web pages
#: put after its title
AS_BACKGROUND = "gives as background"
#: the tag after such a finding's title, muted (``drawing.TAG_STYLE``) in the HTML report and the web
#: pages: its "gives as background" sat mid-sentence under the same green "Unique claim" as the story's own
BACKGROUND_TAG = "background"


def said_as_background(ftype: str, summary: str) -> bool:
    """Whether a finding (its type and summary, of a :class:`Finding` or of its JSON) is a claim only
    one article carries that is background to the story (``AS_BACKGROUND``, before its quotation)."""
    return ftype == "unique_claim" and f" {AS_BACKGROUND} " in summary.partition("\u201c")[0]


@dataclass
class Finding:
    """A cross-outlet observation a reader can check against its evidence spans."""

    type: FindingType
    articles: list[str]
    summary: str
    evidence: list[Span] = field(default_factory=list)
    importance: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "articles": self.articles,
            "summary": self.summary,
            "evidence": [e.to_dict() for e in self.evidence],
            "importance": round(self.importance, 4),
        }


# --- stance (issue 8) -------------------------------------------------------------------------

StanceLabel = Literal["agree", "disagree", "discuss", "unrelated"]


@dataclass
class StanceResult:
    """What ``predict_stance`` decided: the label, the four probabilities and the body sentences
    that decided it (``evidence``, spans into the article's text, most decisive first)."""

    article: str
    label: StanceLabel
    probabilities: dict[str, float]
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "label": self.label,
            "probabilities": self.probabilities,
            "evidence": [e.to_dict() for e in self.evidence],
        }
