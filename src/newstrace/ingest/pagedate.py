"""A page's publication time of day, read off its machine-readable markup.

htmldate (through trafilatura) gives the day, and stays its authority: it is well tested, and its
bounds and order of sources are ``html.DATE_PARAMS``'s choice. It gives no time, though, so two
pages of one day were ordered by their ids, and provenance took either for the other's source.
Pages carry the time where a machine reads it: ``<meta property="article:published_time">``, a
JSON-LD ``datePublished``, ``itemprop="datePublished"``, ``<time pubdate>``, or failing those the
page's one bare ``<time datetime>`` of the day. A time is taken from there only when it is written
on htmldate's day (by its own wall clock, as htmldate reads the day), so it never moves the day
htmldate chose; its offset is kept, and a time without one stays without.

Three exceptions to htmldate's authority (``published_of``). htmldate takes a date in the page's
URL before anything else: when the page's ``<meta>`` or its JSON-LD article states a publication
day, and the URL's is another (nor the stated instant's UTC day), the stated day is the page's.
htmldate keeps a ``<meta>`` modification date, or January 1 of a ``copyrightYear``, in reserve, and
returns it as soon as ``<meta>`` names no publication date, before it reads JSON-LD, ``<time>`` or
anything else: then the day is the one htmldate finds without them, when it is no later than the
modification (a copyright year alone is no day). And htmldate takes the first JSON-LD ``datePublished`` whatever it
dates (a ``WebSite``'s): when the day it gave is a day the page dates something other than its
article by, and the page's publication markup names one other day, that day is the page's.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: ``<meta>`` names, properties and itemprops that mean the page's first publication (lower case);
#: a strict subset of htmldate's, without its loose ones ("timestamp", "gentime": when the page was
#: generated)
PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "article:published",
        "article.published",
        "og:article:published_time",
        "og:published_time",
        "datepublished",
        "date_published",
        "pubdate",
        "publishdate",
        "publish_date",
        "publish-date",
        "published_time",
        "published-date",
        "published_date",
        "publication_date",
        "dc.date.issued",
        "dc.date",
        "dc:date",
        "dcterms.issued",
        "dcterms.date",
        "dcterms.created",
        "date",
        "sailthru.date",
        "parsely-pub-date",
        "rnews:datepublished",
        "shareaholic:article_published_time",
    }
)
#: those that mean a later change, which htmldate falls back on when it finds no publication date
#: in ``<meta>``
MODIFIED_META = frozenset(
    {
        "article:modified_time",
        "article:modified",
        "og:updated_time",
        "og:modified_time",
        "og:article:modified_time",
        "modified_time",
        "updated_time",
        "datemodified",
        "dateupdate",
        "dc.modified",
        "dcterms.modified",
        "last-modified",
        "lastmodified",
        "lastmod",
        "modified",
        # the rest of htmldate's (core.NAME_MODIFIED, PROPERTY_MODIFIED)
        "utime",
        "lastdate",
        "article:modified_date",
        "article:post_modified",
        "bt:moddate",
        "modificationdate",
        "revision_date",
    }
)
#: the days htmldate takes for plausible: its default ``min_date``, and ``DATE_PARAMS``'s ``max_date``
HTMLDATE_BOUNDS = (date(1995, 1, 1), date(2099, 12, 31))
#: htmldate's parameters (trafilatura passes them on). Dates from the page's markup only: htmldate's
#: "extensive search" guesses from body text (a page mentioning "February 2016" became 2016-01-01),
#: and trafilatura's default cut-off is today's date, which would make the same page's date depend on
#: when it was read.
DATE_PARAMS: dict[str, Any] = {
    "original_date": True,
    "extensive_search": False,
    "max_date": HTMLDATE_BOUNDS[1].isoformat(),
}
#: schema.org types of an article (JSON-LD ``@type``); a ``WebPage`` or ``WebSite`` dates the page
#: or the site, ``ItemList`` entries other articles
_ARTICLE_TYPES = re.compile(r"(?:\w*Article|\w*BlogPosting|ReportageNews|Report)", re.I)
#: ISO 8601 as pages write it, and as htmldate reads it: also with slashes (2016/10/30 14:05:00), a
#: zone named (14:05:00 GMT) or a Z after an offset (+0000Z)
_ISO = re.compile(
    r"(\d{4})([-/])(\d{2})\2(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|GMT|UTC|[+-]\d{2}(?::?\d{2})?)?Z?)?",
    re.I,
)
#: the widest offset of any zone (Kiribati's +14:00), as ``ingest.base`` refuses wider ones
_WIDEST = timedelta(hours=14)
#: JSON-LD objects read per page: a page embedding a whole catalogue is not read to its end
_MAX_OBJECTS = 500


def stamp(value: str | None) -> date | datetime | None:
    """A machine-readable date (ISO 8601, or RFC 2822 as some ``pubdate`` metas write it): a day
    when it names no time, a datetime with its offset when it names one, naive when it names none.
    Fractions of a second are dropped: no two outlets' clocks agree to them."""
    if not value:
        return None
    text = value.strip()
    m = _ISO.fullmatch(text)
    try:
        if m is None:
            if not re.search(r"[A-Za-z]", text) or ":" not in text:
                return None
            dt = parsedate_to_datetime(text)
            offset = dt.utcoffset()
            return None if offset is not None and abs(offset) > _WIDEST else dt
        y, _, mo, d, h, mi, s, z = m.groups()
        if h is None:
            return date(int(y), int(mo), int(d))
        tz = None
        if z is not None:
            if z.upper() in ("Z", "GMT", "UTC"):
                tz = UTC
            else:
                digits = z[1:].replace(":", "")
                delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
                if delta > _WIDEST:
                    return None
                tz = timezone(-delta if z[0] == "-" else delta)
        return datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), tzinfo=tz)
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _days_of(value: date | datetime) -> set[date]:
    """The days a stamp may be filed under: its own (wall clock) day, and its UTC day."""
    days = {_day(value)}
    if isinstance(value, datetime) and value.utcoffset() is not None:
        with contextlib.suppress(OverflowError):  # an instant outside the calendar: its own day
            days.add(value.astimezone(UTC).date())
    return days


def _has_time(value: date | datetime) -> bool:
    """A time of day a page gives: 00:00:00 is what a CMS writes for a date without one."""
    return isinstance(value, datetime) and (value.hour, value.minute, value.second) != (0, 0, 0)


@dataclass
class Stamps:
    """The dates a page's markup gives, in the order they are trusted."""

    #: publication stamps: ``<meta>``, then JSON-LD articles, then ``itemprop``/``<time pubdate>``
    published: list[date | datetime] = field(default_factory=list)
    #: those of ``itemprop``/``<time pubdate>``, each with the length of the text of the item (or
    #: ``<article>``) it is in, the page's when none: a sidebar of related stories marks each up as
    #: an article of its own, with its time
    marked: list[tuple[date | datetime, int]] = field(default_factory=list)
    #: the page's dates that may not be its article's: ``datePublished`` of a JSON-LD block that is
    #: not an article (a ``WebPage``, an untyped one; not one nested in a block, as a list of related
    #: stories is), a microdata ``WebPage``'s
    other_published: list[date | datetime] = field(default_factory=list)
    #: days htmldate may take that are not the publication's: modification dates, copyright years
    not_published: list[date] = field(default_factory=list)
    #: the days of ``<meta>`` modification dates (and ``http-equiv="last-modified"``), and January
    #: 1 of each ``<meta itemprop="copyrightYear">``: htmldate's fallbacks ("reserves")
    modified_days: list[date] = field(default_factory=list)
    copyright_days: list[date] = field(default_factory=list)
    #: ``<time datetime>`` elements with no word of what they date (read when no stamp says)
    bare_times: list[date | datetime] = field(default_factory=list)


def page_stamps(tree: HtmlElement) -> Stamps:
    """Every machine-readable date of a page (its tree as trafilatura parses it: ``extract_html``
    parses once, for both), sorted by what it says it dates."""
    out = Stamps()
    meta_published: list[date | datetime] = []
    for elem in tree.iter("meta"):
        key = (elem.get("property") or elem.get("name") or elem.get("itemprop") or "").strip().lower()
        value = elem.get("content") or elem.get("datetime")
        if not key and (elem.get("http-equiv") or "").strip().lower() == "last-modified":
            key = "last-modified"
        if key in PUBLISHED_META and (s := stamp(value)) is not None:
            item = _item_of(elem) if elem.get("itemprop") else "article"
            if item == "article":
                meta_published.append(s)
            elif item == "page":
                out.other_published.append(s)
        elif key in MODIFIED_META and (s := stamp(value)) is not None:
            out.not_published.append(_day(s))
            if not elem.get("itemprop"):
                out.modified_days.append(_day(s))
        elif key == "copyrightyear" and value and value.strip().isdigit() and len(value.strip()) == 4:
            out.not_published.append(date(int(value.strip()), 1, 1))
            out.copyright_days.append(date(int(value.strip()), 1, 1))
    articles: list[date | datetime] = []
    for obj, top in _json_ld_objects(tree):
        published, modified = stamp(_str(obj.get("datePublished"))), stamp(_str(obj.get("dateModified")))
        if modified is not None:
            out.not_published.append(_day(modified))
        if published is None:
            continue
        types = obj.get("@type")
        names = [types] if isinstance(types, str) else [t for t in types if isinstance(t, str)] if isinstance(types, list) else []
        if top and any(_ARTICLE_TYPES.fullmatch(t.rsplit("/", 1)[-1]) for t in names):
            articles.append(published)
        else:
            if top:  # a WebPage's or an untyped block's: the page's, perhaps; a nested one dates another thing
                out.other_published.append(published)
            out.not_published.append(_day(published))
    for elem in tree.xpath("//*[@itemprop][not(self::meta)]|//time[@pubdate]"):
        prop = (elem.get("itemprop") or "").strip().lower()
        value = elem.get("datetime") or elem.get("content")
        if prop == "datepublished" or (elem.tag == "time" and elem.get("pubdate") is not None):
            if (s := stamp(value)) is not None and (item := _item_of(elem)) != "other":
                if item == "article":
                    out.marked.append((s, _holder_length(elem)))
                else:
                    out.other_published.append(s)
        elif prop in ("datemodified", "dateupdate") and (s := stamp(value)) is not None:
            out.not_published.append(_day(s))
    out.published = meta_published + articles + [s for s, _ in out.marked]
    if not out.published:  # only then are they read: a page may list hundreds of other stories'
        out.bare_times = [s for t in tree.xpath("//time[@datetime][not(@itemprop)]") if (s := stamp(t.get("datetime")))]
    return out


def _item_of(elem: HtmlElement) -> str:
    """What a microdata property dates: ``"article"`` (an article's item, or no item: the page's
    article), ``"page"`` (a ``WebPage``'s) or ``"other"`` (a comment's, a review's, an item of a
    list of other stories: a blog's comments carry ``itemprop="datePublished"`` of their own)."""
    for anc in elem.iterancestors():
        if anc.get("itemscope") is None:
            continue
        types = [t.rstrip("/").rsplit("/", 1)[-1] for t in (anc.get("itemtype") or "").split()]
        if not types or any(_ARTICLE_TYPES.fullmatch(t) for t in types):
            return "article"
        return "page" if any(t.endswith("WebPage") for t in types) else "other"
    return "article"


def _holder_length(elem: HtmlElement) -> int:
    """The length of the text of the microdata item or ``<article>`` ``elem`` is in (the page's
    when neither): the article's own holds the story, a related story's teaser a line or two."""
    for anc in elem.iterancestors():
        if anc.get("itemscope") is not None or anc.tag == "article":
            return len(anc.text_content())
    return len(elem.getroottree().getroot().text_content())


def _str(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    return value if isinstance(value, str) else None


def _json_ld_objects(tree: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    """The objects of a page's JSON-LD blocks, each block's in document order (``@graph`` lists,
    arrays and nested objects included), up to ``_MAX_OBJECTS``, each with whether it is one the
    block describes (its root, an ``@graph`` or top array member) rather than one nested in it (the
    ``WebPage`` an article is the main entity of, the articles of a list of related ones). An HTML comment around a block and
    a trailing comma in it are forgiven; a block that is still not JSON is passed over."""
    seen = 0
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        text = script.text.strip()
        text = re.sub(r"^\s*(?:<!--|/\*\s*<!\[CDATA\[\s*\*/)|(?:-->|/\*\s*\]\]>\s*\*/)\s*$", "", text)
        try:
            data = json.loads(text, strict=False)
        except RecursionError:  # nested deeper than Python's stack: no page's metadata
            continue
        except ValueError:
            try:  # a comma before a closing bracket, as templates that join fields leave one
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
            except (ValueError, RecursionError):
                continue
        stack: list[tuple[Any, bool]] = [(data, True)]
        while stack and seen < _MAX_OBJECTS:
            item, top = stack.pop()
            if isinstance(item, list):
                stack.extend((v, top) for v in reversed(item))
            elif isinstance(item, dict):
                seen += 1
                yield item, top
                stack.extend(
                    (v, top and k == "@graph") for k, v in reversed(item.items()) if isinstance(v, dict | list)
                )


def published_of(tree: HtmlElement, day: str | None, url: str | None = None) -> str | None:
    """The page's publication date as ISO text: htmldate's ``day`` with the time of day the markup
    gives for it, when a publication stamp (or, failing those, every bare ``<time>`` of that day)
    is written on it; ``day`` alone otherwise. ``None`` when htmldate found no day: it reads every
    source read here, so the stamps of such a page are ones it refused (before 1995, unreadable).
    The one day other than htmldate's it gives is the page's publication day, when htmldate's is
    a day the page dates something else by (the module's docstring); and when htmldate's is January
    1 of the page's ``copyrightYear``, the day htmldate finds without it (``url`` as trafilatura
    gave it), or none."""
    if not day:
        return day
    try:
        found = date.fromisoformat(day)
    except ValueError:
        return day
    stamps = page_stamps(tree)
    reserve = found in stamps.modified_days or found in stamps.copyright_days
    if reserve and all(_day(s) != found for s in [*stamps.published, *stamps.other_published]):
        again = _without_reserves(tree, url)
        if again is not None and (found not in stamps.modified_days or date.fromisoformat(again) <= found):
            day, found = again, date.fromisoformat(again)
        elif found not in stamps.modified_days:
            return None  # a copyright year alone: no day
    pub_days = {_day(s) for s in stamps.published}
    if found not in pub_days and len(pub_days) == 1 and found in stamps.not_published:
        # htmldate took a modification date, a copyright year or a WebSite's date: the page's
        # publication markup names one other day, within htmldate's bounds
        (published,) = pub_days
        if HTMLDATE_BOUNDS[0] <= published <= HTMLDATE_BOUNDS[1]:
            found, day = published, published.isoformat()
    stated = stamps.published[: len(stamps.published) - len(stamps.marked)]  # <meta>, JSON-LD articles
    stated_days = [d for s in stated if HTMLDATE_BOUNDS[0] <= (d := _day(s)) <= HTMLDATE_BOUNDS[1]]
    if stated_days and not any(found in _days_of(s) for s in stated) and found in _url_days(tree, url):
        # htmldate reads a date in the URL before any markup: a page filed under /2016/11/02/ whose
        # article:published_time says 30 October was 2 November. The page's own statement of its
        # publication wins, the first as htmldate trusts them (<meta>, then a JSON-LD article's),
        # unless the URL's day is the stated instant's UTC day (01:30+03:00 on the 31st, filed
        # under the 30th): then they agree, and htmldate's day stands
        found = stated_days[0]
        day = found.isoformat()
    zoned = [*stamps.published, *stamps.other_published]
    timed = [s for s in stated if _day(s) == found and _has_time(s)]
    if timed:  # the first that names its offset: a time without one is ordered as UTC, perhaps hours off
        return _zoned(next((s for s in timed if isinstance(s, datetime) and s.utcoffset() is not None), timed[0]), zoned).isoformat()
    marked = [(n, s) for s, n in stamps.marked if _day(s) == found and _has_time(s)]
    if marked:  # the microdata of the item holding most text (the first of those alike)
        return _zoned(max(marked, key=lambda m: m[0])[1], zoned).isoformat()
    for s in stamps.other_published:
        if _day(s) == found and _has_time(s):
            return _zoned(s, zoned).isoformat()
    clocks = {s for s in stamps.bare_times if _day(s) == found and _has_time(s)}
    if not stamps.published and len(clocks) == 1:  # a page's own stamps say which time is its
        return next(iter(clocks)).isoformat()
    return day


def _zoned(chosen: date | datetime, stamps: list[date | datetime]) -> date | datetime:
    """``chosen``, or where it names no UTC offset, the page's other publication stamp that gives
    the same time with its offset: the same time of day (``article:published_time`` 16:40 and a
    JSON-LD ``datePublished`` 16:40+03:00, as CMS templates write one naive and one not), or the
    same instant when the naive one is read as UTC, as every order reads it (13:40 beside
    16:40+03:00). A time without an offset is ordered as UTC (``model.published_order``): taken
    so where the page gives the zone elsewhere, a Moscow report of 16:40 came three hours after
    a London one of 14:00, which it preceded. A stamp of another time leaves it as written."""
    if not isinstance(chosen, datetime) or chosen.utcoffset() is not None:
        return chosen
    for s in stamps:
        if isinstance(s, datetime) and s.utcoffset() is not None:
            with contextlib.suppress(OverflowError):
                if chosen in (s.replace(tzinfo=None), s.astimezone(UTC).replace(tzinfo=None)):
                    return s
    return chosen


def _url_days(tree: HtmlElement, url: str | None) -> set[date]:
    """The days htmldate reads in a page's URL (``url`` as trafilatura hands it over, else the
    canonical link, as htmldate looks for one) and in its ``og:url``, which htmldate keeps as a
    reserve: it takes them before any date the markup states."""
    from htmldate.extractors import COMPLETE_URL

    if url is None:
        link = tree.find('.//link[@rel="canonical"]')
        url = link.get("href") if link is not None else None
    urls = [url] + [m.get("content") for m in tree.iter("meta") if (m.get("property") or "").strip().lower() == "og:url"]
    days: set[date] = set()
    for u in urls:
        if u and (m := COMPLETE_URL.search(u)):
            try:
                days.add(date(int(m[1]), int(m[2]), int(m[3])))
            except ValueError:
                continue
    return days


def _without_reserves(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's day for the page without its ``<meta>`` modification dates and copyright year.
    With ``original_date`` htmldate keeps those as "reserves" while it reads ``<meta>``, and
    returns one as soon as ``<meta>`` gives no publication date, before it reads JSON-LD,
    ``<time>`` or anything else: a report of 30 October 2016 with a byline ``<time>`` was
    "2016-11-02", the day it was last edited, or "2016-01-01", its copyright year's first day."""
    from copy import copy

    from htmldate import find_date

    bare = copy(tree)  # the caller's tree stays as it was
    for meta in bare.iter("meta"):
        for attr in ("name", "property", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key in MODIFIED_META or key == "copyrightyear":
                meta.set(attr, "not-" + key)  # a name htmldate does not read (removing it took its tail)
    found = find_date(bare, url=url, **DATE_PARAMS)
    return found if isinstance(found, str) else None
