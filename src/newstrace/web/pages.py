"""Server-rendered pages; their data comes from the same loaders as the JSON API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse
from jinja2 import Environment
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from newstrace.errors import LimitError, NewstraceError
from newstrace.model import compare_title_parts, isolated_join, isolated_name, safe_url
from newstrace.store.results import behind_hint, outlets_adding_up
from newstrace.web import api
from newstrace.web import schemas as s
from newstrace.web.cache import Page, read, served
from newstrace.web.render import article_href, compare_href, coverage_svg, story_href, timeline_svg
from newstrace.web.repo import Repo
from newstrace.web.views import article_meta, claims_highlight, compare_view

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: The search forms send empty date fields; the pages take them as "no limit".
FromText = Annotated[str | date | None, Query(alias="from", max_length=100)]
ToText = Annotated[str | date | None, Query(alias="to", max_length=100)]


def _date(value: str | date | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if not value.strip():
        return None
    try:
        return api.day(value)
    except ValueError as e:
        raise HTTPException(422, f"{name}: {e}") from None


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    env: Environment = request.app.state.env
    repo = api.repo_of(request)
    html = env.get_template(template).render(request=request, readonly=repo.readonly, **ctx)
    return HTMLResponse(html, status_code=status)


def page(request: Request, template: str, **ctx: Any) -> Page:
    """A rendered page, ready for the cache."""
    return Page.of(render(request, template, **ctx))


def _query_key(request: Request) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A list page depends on its path and every query parameter (the page links repeat them)."""
    return request.url.path, tuple(sorted(request.query_params.multi_items()))


def _page_links(request: Request, total: int, offset: int, limit: int) -> dict[str, Any]:
    """Links to the pages of ``limit`` rows before and after (the query's ``limit`` rides along),
    and which rows this one shows (``shown``: first and last, 1-based; ``None`` past the end,
    whose "newer" link goes to the last page, not to the empty page before)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]  # outlet=A&outlet=B

    def link(off: int) -> str:
        return "?" + urlencode([*params, ("offset", off)])

    last_page = (max(total, 1) - 1) // limit * limit
    return {
        "prev": link(min(max(0, offset - limit), last_page)) if offset > 0 else None,
        "next": link(offset + limit) if offset + limit < total else None,
        "shown": (offset + 1, min(offset + limit, total)) if offset < total else None,
    }


@router.get("/")
@router.get("/stories")
async def stories_page(
    request: Request,
    q: api.Q = None,
    outlet: api.OutletsQ = None,
    date_from: FromText = None,
    date_to: ToText = None,
    thread: api.ThreadQ = None,
    limit: api.LimitQ = api.PAGE,
    offset: api.OffsetQ = 0,
) -> Response:
    repo = api.repo_of(request)
    date_from, date_to = _date(date_from, "from"), _date(date_to, "to")
    # the menu's "all outlets" is an empty value sent beside the hidden ones of an A -> B list, and
    # a value given twice is one filter: the form and the heading show the outlets filtered by
    outlet = list(dict.fromkeys(o for o in outlet or [] if o)) or None
    return await served(repo, lambda: ("stories-page", _query_key(request), repo.generation()),
                        lambda: _stories_page(request, q, outlet, date_from, date_to, limit, offset, thread))


def outlet_counts(st: s.StorySummary) -> list[tuple[str | None, int]]:
    """A story's articles per outlet, then ``None`` for those without one, as ``newstrace stories
    --json`` lists them (``outlets_adding_up``): an outlet named "?" is its own, and the pages name
    ``None`` "(no outlet)" (``outlet_name``)."""
    return [(o["outlet"], int(o["articles"])) for o in outlets_adding_up([o.model_dump() for o in st.outlets], st.size)]


def _stories_page(request: Request, q: str | None, outlet: list[str] | None, date_from: date | None,
                  date_to: date | None, limit: int, offset: int, thread: str | None = None) -> Page:
    repo = api.repo_of(request)
    data = api.load_stories(repo, q, outlet, date_from, date_to, limit, offset, thread)
    by_thread: dict[str | None, list[s.StorySummary]] = {}
    for st in data.stories:
        by_thread.setdefault(st.thread, []).append(st)
    threads = {t.id: t for t in data.threads}
    counts = {st.id: outlet_counts(st) for st in data.stories}
    bars = {st.id: coverage_svg(counts[st.id], st.size) for st in data.stories}
    # each outlet a name of its own: the template isolates each, so two right-to-left names side by
    # side are not read as one run and swapped
    named = {st.id: [o for o, _ in counts[st.id]] for st in data.stories}
    return page(
        request, "stories.html", title="Stories", nav="stories", data=data, groups=list(by_thread.items()),
        threads=threads, bars=bars, named=named, outlets=repo.outlets(), behind=_behind(repo, data.behind, data.behind_changed),
        search_behind=data.search_behind,
        not_analysed=None if data.available else api.not_analysed(repo),
        # the menu picks one outlet; the others a link from the network adds ride along hidden
        form={"q": q or "", "outlet": (outlet or [""])[0], "more_outlets": (outlet or [])[1:], "from": _d(date_from),
              "to": _d(date_to), "thread": thread or "", "limit": _limit(limit)},
        pages=_page_links(request, data.total, offset, limit),
    )


@router.get("/stories/")
@router.get("/articles/")
def list_with_slash(request: Request) -> Response:
    return api.without_slash(request)


@router.get("/stories/{story_id:path}")
async def story_page(request: Request, story_id: str, limit: api.LimitQ = api.PAGE, offset: api.OffsetQ = 0) -> Response:
    """A story, its articles ``limit`` at a time from ``offset``; a unique prefix of its id (as
    ``newstrace story`` takes), or the id of a story merged into another, redirects to the URL of
    the story it names."""
    repo = api.repo_of(request)
    story = await read(repo, lambda: api.found_story(repo, story_id))
    survivor = story.found[1]["id"]
    if survivor != story_id:
        return RedirectResponse(request.url.replace(path=story_href(survivor)), status_code=307)
    return await served(repo, lambda: ("story-page", offset, limit, *story.key),
                        lambda: _story_page(request, story.found, offset, limit))


def _story_page(request: Request, found: tuple[str, dict[str, Any], list[str]], offset: int, limit: int) -> Page:
    repo = api.repo_of(request)
    detail, articles, report = api.load_story(repo, found, offset, limit)
    sid = found[1]["id"]
    view = compare_view(articles, report, columns=0, story=sid)
    if not view.edges and detail.provenance_skipped is not None:  # ``story --json``'s reason
        view.unbuilt = detail.provenance_skipped.reason
    rows = [r.model_dump() for r in detail.articles]
    ids = [a.id for a in articles]
    pair_links = []
    for p in (report or {}).get("pairs") or []:
        if p.get("a") in ids and p.get("b") in ids:
            pair_links.append({"href": compare_href([p["a"], p["b"]], sid), "a": view.names[p["a"]],
                               "b": view.names[p["b"]], "shared": len(p.get("shared") or []),
                               "similarity": p.get("story_similarity")})
    pair_links.sort(key=lambda p: -p["shared"])  # stable: the report's order among equals
    return page(
        request, "story.html", title=isolated_name(detail.story.label or "") or "Story", nav="stories", story=detail.story,
        outlet_counts=outlet_counts(detail.story), articles=rows, timeline=timeline_svg(rows, view.names), view=view, note=detail.report_note,
        has_report=report is not None, pair_links=pair_links,
        total=detail.total, pages=_page_links(request, detail.total, offset, limit),
    )


@router.get("/articles")
async def articles_page(
    request: Request,
    q: api.Q = None,
    outlet: api.OutletQ = None,
    date_from: FromText = None,
    date_to: ToText = None,
    limit: api.LimitQ = api.PAGE,
    offset: api.OffsetQ = 0,
) -> Response:
    repo = api.repo_of(request)
    date_from, date_to = _date(date_from, "from"), _date(date_to, "to")

    def build() -> Page:
        data = api.load_articles(repo, q, outlet, date_from, date_to, limit, offset)
        return page(
            request, "articles.html", title="Articles", nav="articles", data=data, outlets=repo.outlets(),
            # an empty database said "No article matches.", as if a search had found nothing
            empty=None if data.total or repo.count_articles() else api.not_analysed(repo),
            search_behind=data.search_behind,
            form={"q": q or "", "outlet": outlet or "", "from": _d(date_from), "to": _d(date_to), "limit": _limit(limit)},
            pages=_page_links(request, data.total, offset, limit),
        )

    return await served(repo, lambda: ("articles-page", _query_key(request), repo.generation()), build)


@router.get("/articles/{article_id:path}")
async def article_page(request: Request, article_id: str) -> Response:
    return await _article_page(request, article_id)


@router.get("/article")
async def article_by_query(request: Request, id: api.ArticleIdQ) -> Response:
    """The page of an article whose id no path can carry (``.``, ``..``: see ``article_href``);
    any other id redirects to its ``/articles/ID`` page, so each article has one address."""
    href = article_href(id)
    if not href.startswith("/article?"):
        return RedirectResponse(href, status_code=307)
    return await _article_page(request, id)


async def _article_page(request: Request, article_id: str) -> Response:
    repo = api.repo_of(request)

    def build() -> Page:
        article, detail, claims = api.load_article(repo, article_id)
        return page(
            request, "article.html", title=isolated_name(article.title or "") or "Article", nav="articles", article=article,
            detail=detail, body=claims_highlight(article, claims), meta=article_meta(article),
            link=safe_url(article.url), db=api.db_arg(repo),
            grouped=bool(detail.stories) or not repo.corpus().available,
        )

    return await served(repo, lambda: ("article-page", article_id, repo.generation()), build)


@router.get("/compare")
async def compare_page(request: Request, ids: api.IdsQ = None, story: api.StoryQ = None) -> Response:
    """The compare page of ``ids``; opened from a ``story``'s page (its links, its "Compare
    selected"), naming them as the story does and linking back to it."""
    repo = api.repo_of(request)
    unique = api.compare_ids(ids)
    sid, names = await read(repo, lambda: api.story_names(repo, story, unique))

    def build() -> Page:
        arts, report = api.load_compare(repo, unique, names)
        view = compare_view(arts, report, columns=api.COMPARE_IDS, story=sid)  # every article asked for
        return page(request, "compare.html", title=isolated_join([("Compare: ", False), *compare_title_parts(list(view.names.values()))]), nav="compare", view=view,
                    has_report=report is not None, links={a.id: safe_url(a.url) for a in arts},
                    uploaded=False, warnings=[], story=sid, story_names=names is not None)

    key = await read(repo, lambda: api.compare_key(repo, unique))
    if key is None:
        return (await run_in_threadpool(build)).response()  # raises the 404 the API gives
    return await served(repo, lambda: ("compare-page", key, sid, tuple(sorted((names or {}).items()))), build)


#: reuse edges the outlets page lists, strongest first (60 outlets have 3,540 at 100,000 articles;
#: ``/api/outlets`` gives all)
OUTLET_EDGE_ROWS = 200


@router.get("/outlets")
async def outlets_page(request: Request) -> Response:
    from newstrace.web import render

    repo = api.repo_of(request)

    def build() -> Page:
        data = api.load_network(repo)
        return page(request, "outlets.html", title="Outlets", nav="outlets", data=data, edge_rows=OUTLET_EDGE_ROWS,
                    behind=_behind(repo, data.behind, data.behind_changed), not_analysed=None if data.available else api.not_analysed(repo),
                    graph=render.network_svg([o.model_dump() for o in data.outlets], [e.model_dump() for e in data.edges]),
                    drawn=min(len(data.outlets), render.NETWORK_OUTLETS))

    return await served(repo, lambda: ("outlets-page", repo.generation()), build)


def upload_page(request: Request, *, error: str | None = None, form: dict[str, Any] | None = None,
                status: int = 200) -> HTMLResponse:
    """The upload form, saying what it takes (``upload.form_context``): empty, or again with the
    reason an upload was refused (here, or by the app's error handler before the form was read)."""
    from newstrace.web.upload import form_context

    return render(request, "upload.html", status=status, title="Upload", nav="upload", error=error, form=form or {},
                  **form_context(api.repo_of(request).limits))


@router.get("/upload")
def upload_form(request: Request) -> HTMLResponse:
    return upload_page(request)


@router.post("/upload")
async def upload_submit(
    request: Request,
    text: Annotated[str, Form(max_length=2_000_000)] = "",
    html: Annotated[str, Form(max_length=5_000_000)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    files: Annotated[list[UploadFile] | None, File()] = None,
    save: Annotated[bool, Form()] = False,
    text_outlet: Annotated[str, Form(max_length=2000)] = "",  # past MAX_OUTLET_CHARS: said on the form (``Pasted``)
    text_date: Annotated[str, Form(max_length=200)] = "",
    text_title: Annotated[str, Form(max_length=2000)] = "",
    text_url: Annotated[str, Form(max_length=2000)] = "",
) -> HTMLResponse:
    from newstrace.web.upload import Pasted, handle_upload

    repo = api.repo_of(request)
    pasted = Pasted(outlet=text_outlet, date=text_date, title=text_title, url=text_url)
    try:
        up = await handle_upload(repo, text=text, html=html, url=url, files=files or [], save=save, pasted=pasted)
    except NewstraceError as e:
        status = 413 if isinstance(e, LimitError) else 400
        form = {"text": text, "html": html, "url": url, "text_outlet": text_outlet, "text_date": text_date,
                "text_title": text_title, "text_url": text_url}
        return upload_page(request, error=str(e), form=form, status=status)
    stored = await run_in_threadpool(repo.stored_as_given, up.articles)
    view = compare_view(up.articles, up.report, columns=api.COMPARE_IDS, stored=stored)
    return render(request, "compare.html", title=isolated_join([("Upload report: ", False), *compare_title_parts(list(view.names.values()))]), nav="upload", view=view,
                  has_report=up.report is not None, links={a.id: safe_url(a.url) for a in up.articles},
                  uploaded=True, warnings=up.warnings, saved=up.saved)


def _behind(repo: Repo, n: int, changed: int) -> str | None:
    """The CLI's word on articles ingested or changed since the last analyze (``stories`` says it
    on stderr), with the command."""
    return behind_hint(n, changed, api.db_arg(repo)) if n else None


def _limit(limit: int) -> str:
    """The ``limit`` a search form sends on (none when it is the default, as the form's URL had none)."""
    return "" if limit == api.PAGE else str(limit)


def _d(d: date | None) -> str:
    return d.isoformat() if d else ""

