"""The JSON API under ``/api/``: the data of every page, with typed responses.

The page routes (``pages.py``) call the same ``load_*`` functions, so a page and its API endpoint
can never disagree about what they show.
"""

from __future__ import annotations

import hashlib
import shlex
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, BeforeValidator, StringConstraints
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from newstrace.corpus.report import story_order
from newstrace.errors import AmbiguousId
from newstrace.ingest import SUPPORTED
from newstrace.model import Article, agreeing, published_order, stream_order_key
from newstrace.store.results import (
    filtered_outlet,
    not_analysed_hint,
    outlets_adding_up,
    stories_over_bound,
)
from newstrace.web import schemas as s
from newstrace.web.cache import Page, read, served
from newstrace.web.render import (
    MAX_OUTLET_CHARS,
    listed_as,
    page_order,
    story_href,
)
from newstrace.web.repo import Repo

#: every endpoint reads the database, which another process may keep locked: the 503 of
#: docs/web.md, with ``Retry-After``, which the schema did not list
LOCKED: dict[int | str, dict[str, Any]] = {
    503: {"model": s.Problem, "description": "the database is busy (another process holds a lock on it); "
                                             "retry after Retry-After seconds"},
}
router = APIRouter(prefix="/api", tags=["api"], responses=LOCKED)

IdPath = Annotated[str, "article or story id"]


def _no_control(value: Any) -> Any:
    """Refuse a control character in a search value (a 422 as for one too long): ``?q=%00`` was
    stripped by the search's word split and matched every story, and the page echoed the NUL into its
    search box. Tab and line breaks are spaces to the search and pass."""
    if isinstance(value, str):
        bad = next((c for c in value if unicodedata.category(c) == "Cc" and c not in "\t\n\r"), None)
        if bad is not None:
            raise ValueError(f"holds the control character U+{ord(bad):04X}")
    return value


Text = AfterValidator(_no_control)
Q = Annotated[str | None, Text, Query(max_length=200, description="words that must all appear (articles: in title or text; "
                                                              "stories: in the label or an article's title)")]
OutletQ = Annotated[str | None, Text, Query(max_length=MAX_OUTLET_CHARS, description="exact outlet name; ? for articles without one, "
                                                                    "\\? for an outlet named ?")]
#: a story list's outlets: each must have an article in the story (the network's A -> B links)
OutletsQ = Annotated[list[Annotated[str, Text, StringConstraints(max_length=MAX_OUTLET_CHARS)]] | None, Query(max_length=8, description="exact outlet name; ? for articles without one, \\? for an outlet named ?; "
                                                                       "given several times, stories with articles from each")]
ThreadQ = Annotated[str | None, Text, Query(max_length=200, description="thread id: its stories only")]


def day(text: str) -> date:
    """A ``from``/``to`` date as the API and the search forms both take it: ``YYYY-MM-DD``.

    One rule for both: pydantic's lax ``date`` read ``/api/articles?to=0`` as Unix time, 1970-01-01
    (no article, no error), and took ``2017-01-01T00:00:00Z``, while the page refused both and took
    ``20170101`` and ``2017-W01-1`` (``date.fromisoformat``), which the API refused.
    """
    value = text.strip()
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value.replace("-", "").isascii():
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("not a date (YYYY-MM-DD)")


def _day_or_as_is(value: Any) -> Any:
    return day(value) if isinstance(value, str) else value


FromQ = Annotated[date | None, BeforeValidator(_day_or_as_is),
                  Query(alias="from", description="published on or after (YYYY-MM-DD)")]
ToQ = Annotated[date | None, BeforeValidator(_day_or_as_is),
                Query(alias="to", description="published on or before (YYYY-MM-DD)")]
#: an article id in a query (``/article?id=``, ``/api/article?id=``): the one form ``.`` and ``..`` fit
ArticleIdQ = Annotated[str, Query(max_length=2000, description="article id (any, including . and ..)")]
LimitQ = Annotated[int, Query(ge=1, le=200)]
#: rows a list endpoint, and its page, gives unless asked for ``limit``
PAGE = 50
OffsetQ = Annotated[int, Query(ge=0, le=1_000_000)]
#: most articles ``/compare?ids=`` takes; the page shows each one's text in a column
COMPARE_IDS = 8
#: the ids of ``/compare`` and ``/api/compare``: their count is documented here and checked by
#: ``compare_ids``, in the app's words; as Query's ``min_length``/``max_length`` it was refused as
#: pydantic refuses it ("List should have at least 2 items after validation, not 1", in a list)
IdsQ = Annotated[
    list[str] | None,
    Query(description=f"article ids to compare (2 to {COMPARE_IDS} different ones)",
          json_schema_extra={"minItems": 2, "maxItems": COMPARE_IDS}),
]
#: the story a compare's ids were picked from (its page's links and "Compare selected" give it):
#: the compare names its articles as the story's page does; any other value names no story and is
#: let be, as a link kept after a new ``analyze`` is (no 422 of its own: ``/api/compare``'s are the ids')
StoryQ = Annotated[str | None, Query(description="the story the ids were picked from: "
                                     "its articles are named as the story names them (reuters #3), "
                                     "not numbered among the ids alone (reuters #1)")]

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": s.Problem, "description": "no such record"}}
#: ``/api/compare``'s ids are not 2 to 8 different ones: said as every other error of the app is
BAD_IDS: dict[int | str, dict[str, Any]] = {
    422: {"model": s.Problem, "description": f"ids: fewer than 2 different, or more than {COMPARE_IDS}"}
}
BAD: dict[int | str, dict[str, Any]] = {400: {"model": s.Problem, "description": "the request cannot be served as asked"}}
BUSY: dict[int | str, dict[str, Any]] = {
    413: {"model": s.Problem, "description": "over a size or count limit"},
    429: {"model": s.Problem, "description": "too many analyses running; retry shortly"},
}


def repo_of(request: Request) -> Repo:
    return request.app.state.repo


def without_slash(request: Request) -> RedirectResponse:
    """A list's URL with a trailing slash (``/stories/``) to the list's own, query string kept.

    Starlette's router does this for any path no route takes (``/outlets/``), but ``/stories/`` and
    ``/articles/`` match the id routes under them with an empty id; they get explicit routes, and no
    path under an id route is redirected (an id may end in a slash).
    """
    return RedirectResponse(request.url.replace(path=request.url.path[:-1]), status_code=307)


def db_arg(repo: Repo) -> str:
    """The database as a command to run on it names it (the path ``serve --db`` was given)."""
    return shlex.quote(str(repo.db))


def not_analysed(repo: Repo) -> str:
    """The CLI's word before any ``analyze`` (``stories`` says it on stderr), with the command."""
    return not_analysed_hint(db_arg(repo), repo.count_articles() > 0)


def search_behind(repo: Repo, q: str | None) -> str | None:
    """What a search of copies an older newstrace made says (``Repo.searches_behind``: a database
    left at migration 14 to 16, read as it is), with the command that upgrades them, on the Stories
    and Articles pages and in their API's ``search_behind``; None for any other list."""
    if not repo.searches_behind(q):
        return None
    return (f"Search is weaker on this database until 'newstrace analyze --db {db_arg(repo)}' upgrades it: an older "
            "newstrace made its search copies, which miss some of what the upgraded ones find "
            "(\u201ccease-fire agreement\u201d for \"ceasefire agreement\")")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _dates(date_from: date | None, date_to: date | None) -> tuple[str | None, str | None]:
    """The range as the store takes it; reversed, a 422 saying so (it listed nothing, as if
    nothing had been published)."""
    if date_from and date_to and date_from > date_to:  # as a validation error: the API's 422 shape
        msg = f"{date_from.isoformat()} is after to ({date_to.isoformat()})"
        raise RequestValidationError([{"loc": ("query", "from"), "msg": msg, "type": "value_error"}])
    return _iso(date_from), _iso(date_to)


# -- loaders shared with the pages -------------------------------------------------------------


def _known_outlet(repo: Repo, outlet: str | list[str] | None, total: int) -> None:
    """An empty list for a mistyped outlet would read as "none": a 404 naming it, as ``newstrace
    stories --outlet`` says (``?``, no outlet, is one when some article names none)."""
    for one in [outlet] if isinstance(outlet, str) else outlet or []:
        if not total and one and not repo.has_outlet(one):
            raise Unknown(f"no articles from outlet {one!r}", "outlets")


def _behind(repo: Repo, res: Any) -> dict[str, int]:
    """``behind`` and ``behind_changed`` (``CorpusResults.behind_counts``) once per database state
    (a join over every article: each list query and page would pay it again)."""
    new, changed = repo.cached_page(("behind", repo.generation()), res.behind_counts) if res.available else (0, 0)
    return {"behind": new + changed, "behind_changed": changed}


def load_articles(repo: Repo, q: str | None, outlet: str | None, date_from: date | None, date_to: date | None,
                  limit: int, offset: int) -> s.ArticleList:
    start, end = _dates(date_from, date_to)
    total, rows = repo.list_articles(q=q, outlet=outlet, date_from=start, date_to=end, limit=limit, offset=offset)
    _known_outlet(repo, outlet, total)
    return s.ArticleList(total=total, offset=offset, limit=limit, articles=[s.ArticleRow(**r) for r in rows],
                         search_behind=search_behind(repo, q))


def load_article(repo: Repo, article_id: str) -> tuple[Article, s.ArticleDetail, dict[str, Any] | None]:
    a = repo.get_article(article_id)
    if a is None:
        raise Unknown(f"no article with id {_quoted_id(article_id)}", "list")
    claims = repo.claims(a)
    detail = s.ArticleDetail(
        **a.brief(),
        author=a.author,
        lang=a.lang,
        text=a.text,
        words=a.words,
        quotes=(claims or {}).get("quotes", []),
        quantities=(claims or {}).get("quantities", []),
        claims_available=claims is not None,
        stories=[s.StoryRef(**r) for r in repo.corpus().stories_of(a.id)],
    )
    return a, detail, claims


class Ambiguous(HTTPException):
    """The 404 of an id prefix of several stories or threads: ``detail`` names them in the CLI's
    words (``errors.ambiguous_id``), ending with the endpoint that lists them (``listing_endpoint``)
    where the CLI names its command, and ``links`` are their pages, which the error page lists
    (it named none: the reader had to find them in the list of every story)."""

    def __init__(self, e: AmbiguousId, href: Callable[[str], str], listing: str) -> None:
        said = str(e).removesuffix(f"({e.hint})")
        super().__init__(404, f"{said}({listing_endpoint(listing)})")
        self.error = e
        self.links = [(href(mid), mid, label) for mid, label in e.matches]
        self.page_hint = listing_page(listing)  # the page's, where the API's detail says the CLI's


#: the page that lists what each CLI listing lists: the web app's 404 pages point to it
LISTING_PAGES = {"list": ("/articles", "Articles"), "stories": ("/", "Stories"), "threads": ("/", "Stories"),
                 "outlets": ("/outlets", "Outlets")}
#: the endpoint that lists them: the API's 404s point to it (a thread's are ``/api/stories``'s ``threads``)
LISTING_ENDPOINTS = {"list": "/api/articles", "stories": "/api/stories", "threads": "/api/stories",
                     "outlets": "/api/outlets"}


def listing_endpoint(listing: str) -> str:
    """Where an API client looks up an id or outlet: the endpoint that lists them. The API's
    ``detail`` said "see 'newstrace stories --db /srv/news.db'": a command to run on the server,
    with the server's path to its database, to a client that has only the API."""
    return f"GET {LISTING_ENDPOINTS[listing]} lists them" + (" in its threads" if listing == "threads" else "")


def listing_page(listing: str) -> str:
    """Where a web page's reader looks up an id or outlet: the page that lists them. The pages
    said "see 'newstrace stories --db …'", a command to run on the server, to a reader at a
    browser; the API's ``detail`` names the endpoint (``listing_endpoint``). The page's link back
    leads there (``Unknown.back``)."""
    return f"the {LISTING_PAGES[listing][1]} page lists them" + (" by thread" if listing == "threads" else "")


class Unknown(HTTPException):
    """The 404 of an id or outlet nothing has: ``detail`` (the API's) ends with the endpoint that
    lists them, where the CLI names its command; ``page_detail`` (the page's) with the page that does."""

    def __init__(self, said: str, listing: str) -> None:
        super().__init__(404, f"{said} ({listing_endpoint(listing)})")
        self.page_detail = f"{said} ({listing_page(listing)})"
        self.back = (LISTING_PAGES[listing][0], LISTING_PAGES[listing][1].lower())


class NotAnalysed(HTTPException):
    """The 404 of a story asked for before any ``analyze``: the page says the CLI's sentence (``hint``,
    `newstrace story`'s, with the command), read where the server runs; the API's ``detail`` says
    who can run that command, the server's operator: it told a client with only the API to run it."""

    def __init__(self, said: str, hint: str) -> None:
        super().__init__(404, f"{said}: there are no stories yet, for the server's operator to make ({hint})")
        self.page_detail = f"{said} ({hint})"


def as_listed(row: dict[str, Any]) -> dict[str, Any]:
    """A story or a thread as ``newstrace stories``, ``threads`` and ``story --json`` give it: its
    ``outlets`` end with ``{"outlet": null, "articles": k}`` for the articles naming none
    (``outlets_adding_up``), so they add up to its ``size``; the API's left them out."""
    return {**row, "outlets": outlets_adding_up(row.get("outlets") or [], int(row.get("size") or 0))}


def load_stories(repo: Repo, q: str | None, outlet: list[str] | None, date_from: date | None, date_to: date | None,
                 limit: int, offset: int, thread: str | None = None) -> s.StoryList:
    res = repo.corpus()
    if thread and res.available:  # an id or a unique prefix, as ``stories --thread`` takes it (else exit 3)
        try:
            found = res.find_thread(thread, db_arg(repo))
        except AmbiguousId as e:  # a prefix of several, in the CLI's words, each linked on the page
            raise Ambiguous(e, lambda tid: "/stories?" + urlencode({"thread": tid}), "threads") from None
        if found is None:
            raise Unknown(f"no thread with id {_quoted_id(thread)}", "threads")
        thread = found
    start, end = _dates(date_from, date_to)
    # each filter value as the outlet it names (``filtered_outlet``: ``?`` none, ``\?`` the outlet "?")
    named_outlets = [filtered_outlet(o) for o in outlet] if outlet else None
    total, rows = res.stories(q=q, outlet=named_outlets, date_from=start, date_to=end, thread=thread,
                              limit=limit, offset=offset, order="newest")
    _known_outlet(repo, outlet, total)
    listed = {r.get("thread") for r in rows}
    threads = repo.cached_page(("threads", repo.generation()), res.threads) if res.available and rows else []
    return s.StoryList(
        available=res.available,
        **_behind(repo, res),
        total=total,
        offset=offset,
        limit=limit,
        stories=[s.StorySummary(**as_listed(r)) for r in rows],
        threads=[s.ThreadSummary(**as_listed(t)) for t in threads if t["id"] in listed],
        search_behind=search_behind(repo, q),
    )


def find_story(repo: Repo, story_id: str) -> tuple[str, dict[str, Any], list[str]]:
    """The story a full id or a unique prefix of one names, as ``newstrace story`` finds it
    (``CorpusResults.find_story``; a merged id resolves to its survivor): ``(the full id asked
    for or completed, summary, member ids)``; 404 for none and for a prefix of several stories."""
    res = repo.corpus()
    try:
        sid = res.find_story(story_id, db_arg(repo)) if story_id else None
    except AmbiguousId as e:  # the prefix of several, in the CLI's words, each linked on the page
        raise Ambiguous(e, story_href, "stories") from None
    found = res.story(sid) if sid else None
    if sid is None or found is None:
        if not res.available:
            raise NotAnalysed(f"no story with id {_quoted_id(story_id)}", not_analysed(repo))
        raise Unknown(f"no story with id {_quoted_id(story_id)}", "stories")
    return sid, *found


def load_story(repo: Repo, found: tuple[str, dict[str, Any], list[str]], offset: int,
               limit: int) -> tuple[s.StoryDetail, list[Article], dict[str, Any] | None]:
    """The story ``find_story`` found, with ``limit`` of its articles from ``offset`` on and its
    compare report.

    Only the rows asked for are read: a story of thousands of articles read and listed every one
    (20,000: 9 MB and 5 s for the page, as for the API answer, which had no limit unless given)."""
    _, summary, ids = found
    # the members come in the pages' order (``found_story``: ``corpus.report.story_order``, as
    # ``newstrace story`` takes them), so the report covers
    # the first rows of the table, and each page is a slice of that one order
    shown = ids[offset:offset + limit]
    _, rows = repo.list_articles(ids=shown, limit=len(shown) or 1, offset=0)
    place = {i: k for k, i in enumerate(shown)}
    rows.sort(key=lambda r: place[r["id"]])
    doc, subset = repo.story_report(summary, ids)
    subset = page_order(subset, doc["report"])
    report = listed_as(doc["report"], subset)
    detail = s.StoryDetail(
        story=s.StorySummary(**as_listed(doc["story"])),
        articles=[s.ArticleRow(**r) for r in rows],
        total=len(ids),
        offset=offset,
        limit=limit,
        report=s.CompareReport(**report) if report is not None else None,
        report_note=doc["report_note"],
        provenance_skipped=doc["provenance_skipped"],
    )
    return detail, subset, report


def story_key(repo: Repo, found: tuple[str, dict[str, Any], list[str]]) -> tuple[str, str]:
    """What the page of a story (``find_story``'s answer) shows depends on: its summary, its
    members and their stored content (a prefix and the full id share it), as a digest (the
    content of 20,000 members made a key the cache hashed on every look-up)."""
    sid, summary, ids = found
    state = repr((sorted(summary.items()), repo.content_key(ids)))
    return sid, hashlib.sha256(state.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoryFound:
    """``find_story``'s answer and its ``story_key``."""

    found: tuple[str, dict[str, Any], list[str]]
    key: tuple[str, str]

    @property
    def weight(self) -> int:
        """Its bytes, roughly, as the page cache that keeps it counts them (``cache.Page.weight``)."""
        return 200 + sum(len(i) + 60 for i in self.found[2])


def found_story(repo: Repo, story_id: str) -> StoryFound:
    """``find_story`` and ``story_key`` once per database state (``Repo.generation``): both read
    every member of the story, 190 ms on the event loop for each request of a story of 20,000,
    cached page or not. The page itself stays keyed by the members' content, so a commit that
    does not change them costs this look-up again, not the page."""
    def look() -> StoryFound:
        sid, summary, ids = find_story(repo, story_id)
        found = (sid, summary, story_order(repo.conn, summary["id"], ids))
        return StoryFound(found, story_key(repo, found))

    return repo.cached_page(("story-found", story_id, repo.generation()), look)


def _quoted_id(article_id: str) -> str:
    """An id as an error names it: quoted, and cut at 60 characters (an id may be any length)."""
    return repr(article_id if len(article_id) <= 60 else article_id[:59] + "…")


def compare_ids(ids: list[str] | None) -> list[str]:
    """The different ids of a compare request, in the order given, or a 422 in the app's words
    (``{"detail": "ids: at least 2 needed, 1 given"}``, the Compare page saying it) when fewer
    than 2 different ones or more than ``COMPARE_IDS`` ids, repeats counted, are given: the same
    id twice is one article, which compares with nothing. Page and API say it alike, before the database is read."""
    ids = ids or []
    unique = list(dict.fromkeys(ids))
    if not ids:  # as a required query parameter, pydantic's "Field required" in a list
        problem = f"ids: required, 2 to {COMPARE_IDS} article ids"
    elif len(ids) > COMPARE_IDS:
        problem = f"ids: at most {COMPARE_IDS} allowed, {len(ids)} given"
    elif len(ids) < 2:
        problem = f"ids: at least 2 needed, {len(ids)} given"
    elif len(unique) < 2:
        problem = f"ids: at least 2 different needed, {_quoted_id(unique[0])} given {len(ids)} times"
    else:
        return unique
    raise HTTPException(422, problem)


def compare_key(repo: Repo, unique: list[str]) -> tuple[tuple[str, str, str], ...] | None:
    """The articles' content key in a canonical order (the report sorts them itself), ``None``
    when an id is unknown (``load_compare`` says which). ``unique``: ``compare_ids``'s."""
    return repo.content_key(sorted(unique))


def story_names(repo: Repo, story: str | None, unique: list[str]) -> tuple[str | None, dict[str, str] | None]:
    """The full id of the ``story`` a compare's ids were picked from (``None`` when no story
    has it, a link kept after a new ``analyze``), and the names its page gives them (``Repo.story_names``),
    ``None`` unless it names every one: its report names its first articles only."""
    if story is None:
        return None, None
    try:
        _, summary, ids = found_story(repo, story).found
    except HTTPException:
        return None, None
    names = repo.story_names(ids)
    return summary["id"], ({i: names[i] for i in unique} if all(i in names for i in unique) else None)


def load_compare(repo: Repo, unique: list[str], names: dict[str, str] | None = None) -> tuple[list[Article], dict[str, Any] | None]:
    """The articles of ``compare_ids``'s ids and their compare report, naming them by ``names``
    when given (``story_names``); a 404 naming the ids the database does not hold."""
    articles = repo.articles_by_ids(unique)
    if len(articles) != len(unique):
        found = {a.id for a in articles}
        missing = [i for i in unique if i not in found]
        listed = ", ".join(_quoted_id(i) for i in missing)
        said = f"no {agreeing(len(missing), 'article with id', 'articles with ids')} {listed}"
        raise Unknown(said, "list")
    articles.sort(key=lambda a: stream_order_key(published_order(a.published), a.id))
    report = repo.compare(articles, names)
    articles = page_order(articles, report)  # as the page's columns and drawing show them
    return articles, listed_as(report, articles)


def load_network(repo: Repo) -> s.OutletNetwork:
    res = repo.corpus()
    outlets, edges = res.network()
    if not res.available:
        outlets = [{"outlet": o, "articles": n} for o, n in repo.outlets()]
    return s.OutletNetwork(
        available=res.available,
        **_behind(repo, res),
        outlets=[s.OutletStat(**o) for o in outlets],
        edges=[s.OutletEdge(**e) for e in edges],
        # as ``newstrace outlets --json`` lists them: the stories whose pairs count undirected
        provenance_skipped=[s.StoryOverBound(**r) for r in stories_over_bound(repo.conn)] if res.available else [],
    )


# -- endpoints ---------------------------------------------------------------------------------


@router.get("/health", response_model=s.Health)
def health(request: Request) -> s.Health:
    """Liveness, article count and which stages this installation has."""
    from newstrace.web.repo import _probe

    repo = repo_of(request)
    return s.Health(
        status="ok",
        articles=repo.count_articles(),
        readonly=repo.readonly,
        stages={
            "claims": _probe("newstrace.claims", "extract_claims") is not None,
            "compare": _probe("newstrace.compare", "compare_articles") is not None,
            "stories": repo.corpus().available,
        },
    )


@router.get("/articles", response_model=s.ArticleList, responses=NOT_FOUND)
async def api_articles(request: Request, q: Q = None, outlet: OutletQ = None, date_from: FromQ = None,
                       date_to: ToQ = None, limit: LimitQ = PAGE, offset: OffsetQ = 0) -> Response:
    """Articles, newest first, filtered by words, outlet and date range; an outlet no article
    has is a 404."""
    repo = repo_of(request)
    return await served(repo, lambda: ("articles-api", q, outlet, date_from, date_to, limit, offset, repo.generation()),
                        lambda: Page.of_model(load_articles(repo, q, outlet, date_from, date_to, limit, offset)))


@router.get("/articles/", include_in_schema=False)
@router.get("/stories/", include_in_schema=False)
def api_list_with_slash(request: Request) -> RedirectResponse:
    return without_slash(request)


@router.get("/articles/{article_id:path}", response_model=s.ArticleDetail, responses={**NOT_FOUND, **BUSY})
async def api_article(request: Request, article_id: str) -> Response:
    """One article: clean text, its quotes and counts (offsets into ``text``) and its stories.

    The ids ``.`` and ``..`` cannot be a path segment (clients drop them): ``/api/article?id=``."""
    return await _api_article(request, article_id)


@router.get("/article", response_model=s.ArticleDetail, responses={**NOT_FOUND, **BUSY})
async def api_article_by_query(request: Request, id: ArticleIdQ) -> Response:
    """One article, as ``/api/articles/{article_id}`` gives it, its id in the query: any id,
    ``.`` and ``..`` too, which no path can carry (the page ``/article?id=`` is their page)."""
    return await _api_article(request, id)


async def _api_article(request: Request, article_id: str) -> Response:
    """One cache entry per article, whichever form asked for it."""
    repo = repo_of(request)
    return await served(repo, lambda: ("article-api", article_id, repo.generation()),
                        lambda: Page.of_model(load_article(repo, article_id)[1]))


@router.get("/stories", response_model=s.StoryList, responses=NOT_FOUND)
async def api_stories(request: Request, q: Q = None, outlet: OutletsQ = None, date_from: FromQ = None,
                      date_to: ToQ = None, thread: ThreadQ = None, limit: LimitQ = PAGE, offset: OffsetQ = 0) -> Response:
    """Stories newest first with size, outlets and first-seen outlet; the threads of those stories.
    Several ``outlet``: the stories with articles from each. An outlet no article has, or a thread
    id no thread has, is a 404."""
    repo = repo_of(request)
    return await served(repo, lambda: ("stories-api", q, tuple(outlet or ()), date_from, date_to, thread, limit, offset,
                                       repo.generation()),
                        lambda: Page.of_model(load_stories(repo, q, outlet, date_from, date_to, limit, offset, thread)))


@router.get("/stories/{story_id:path}", response_model=s.StoryDetail, responses={**NOT_FOUND, **BUSY})
async def api_story(request: Request, story_id: str, limit: LimitQ = PAGE, offset: OffsetQ = 0) -> Response:
    """One story: ``limit`` of its articles from ``offset`` on, in the order its page lists and
    draws them (by publication, an arrow's source first among one day's), and the compare report
    over the story's first articles; ``total`` counts its articles, as the lists page theirs.

    ``story_id`` may be a unique prefix of the id, as ``newstrace story`` takes it: the answer is
    then the full id's (no redirect; ``story.id`` gives the full id). A prefix of several stories
    is a 404 saying so.
    """
    repo = repo_of(request)
    story = await read(repo, lambda: found_story(repo, story_id))
    return await served(repo, lambda: ("story-api", offset, limit, *story.key),
                        lambda: Page.of_model(load_story(repo, story.found, offset, limit)[0]))


@router.get("/compare", response_model=s.CompareReport, responses={**NOT_FOUND, **BAD_IDS, **BUSY})
async def api_compare(request: Request, ids: IdsQ = None, story: StoryQ = None) -> Response:
    """The compare report (``compare --json``'s document, without its ``skipped``) for stored
    articles; with ``story``, the one they were picked from, naming them as it does."""
    repo = repo_of(request)
    unique = compare_ids(ids)
    _, names = await read(repo, lambda: story_names(repo, story, unique))

    def build() -> Page:
        _, report = load_compare(repo, unique, names)
        if report is None:
            raise HTTPException(404, "the compare stage is not available in this installation")
        return Page.of_model(s.CompareReport(**report))

    key = await read(repo, lambda: compare_key(repo, unique))
    if key is None:
        return (await run_in_threadpool(build)).response()  # raises the 404
    return await served(repo, lambda: ("compare-api", key, tuple(sorted((names or {}).items()))), build)


@router.get("/outlets", response_model=s.OutletNetwork)
async def api_outlets(request: Request) -> Response:
    """Who reuses whom (direction from provenance) and each outlet's share first: of its stories,
    the share it was first in (``first_seen_share``), as ``newstrace outlets`` heads it."""
    repo = repo_of(request)
    return await served(repo, lambda: ("outlets-api", repo.generation()), lambda: Page.of_model(load_network(repo)))


@router.post("/upload", response_model=s.UploadResult, responses={**BAD, **BUSY, 403: {"model": s.Problem, "description": "cross-site request"}})
async def api_upload(
    request: Request,
    text: Annotated[str, Form(max_length=2_000_000, description="pasted article text (title on the first line)")] = "",
    html: Annotated[str, Form(max_length=5_000_000, description="a page's saved HTML")] = "",
    url: Annotated[str, Form(max_length=2000, description="the URL the saved HTML came from")] = "",
    files: Annotated[list[UploadFile] | None, File(description="the files newstrace ingest reads: " + SUPPORTED)] = None,
    save: Annotated[bool, Form(description="also store the articles (only if the server is writable)")] = False,
    text_outlet: Annotated[str, Form(max_length=2000, description=f"the pasted text's outlet (rt.com), one line of at most {MAX_OUTLET_CHARS} characters")] = "",
    text_date: Annotated[str, Form(max_length=200, description="the pasted text's date (2016-10-30, or with a time)")] = "",
    text_title: Annotated[str, Form(max_length=2000, description="the pasted text's title (else its first line)")] = "",
    text_url: Annotated[str, Form(max_length=2000, description="the URL the pasted text came from")] = "",
) -> s.UploadResult:
    """Compare report for pasted text, saved HTML and/or uploaded files (nothing is stored unless asked)."""
    from newstrace.web.upload import Pasted, handle_upload

    pasted = Pasted(outlet=text_outlet, date=text_date, title=text_title, url=text_url)
    up = await handle_upload(repo_of(request), text=text, html=html, url=url, files=files or [], save=save, pasted=pasted)
    return up.result()
