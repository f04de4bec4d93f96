"""The FastAPI application: pages, JSON API, security headers, errors.

Security model (a local tool that shows hostile text):
- binds to 127.0.0.1 unless told otherwise (``cli/serve.py``) and only answers requests whose
  ``Host`` is one it serves, so a web page elsewhere cannot reach it by DNS rebinding;
- article text and metadata are escaped everywhere (Jinja autoescape, ``markupsafe`` in
  ``render.py``) and a strict Content-Security-Policy allows only this app's own script and style
  file, so even a missed escape could not run an inline script or handler;
- no path from a request reaches the file system: templates and static files are loaded into
  memory when the app is built and served by name from a fixed table;
- the database is opened read-only; upload is the one write path and writes only when the app
  was started writable; uploads are size-limited and type-checked (``upload.py``);
- a POST another site's page sends is refused before its body is read (``_check_write_request``):
  by ``Sec-Fetch-Site`` when it says another site, by its ``Origin`` when that names another host
  or is ``null`` (a sandboxed frame's, a ``data:`` page's: the app's own form sends its origin,
  under ``Referrer-Policy: same-origin``). A request with neither header (curl, a script) is let
  through.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from jinja2 import DictLoader, Environment, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newstrace import __version__
from newstrace.drawing import (
    CLICK,
    JUMP_SCRIPT,
    provenance_note,
    style_sheet,
)
from newstrace.errors import (
    AmbiguousId,
    DatabaseBusy,
    InputError,
    LimitError,
    NewstraceError,
    StoreError,
)
from newstrace.limits import LIMITS, Limits, human_bytes
from newstrace.model import counted, published_iso
from newstrace.store.results import NO_OUTLET_NAME, filtered_outlet, outlet_filter, outlet_name
from newstrace.store.sqlite import busy_error
from newstrace.web.render import (
    NO_DATE,
    article_href,
    articles_href,
    stories_href,
    story_href,
)
from newstrace.web.repo import WEB_BUSY_TIMEOUT, Busy, Repo

DEFAULT_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin, not no-referrer: under no-referrer a browser sends the app's own form with
    # ``Origin: null``, as a sandboxed frame of any site sends its own, so a null origin had to pass
    # (a browser without Sec-Fetch-Site, Safari before 16.4, let such a frame store articles in a
    # --writable server); links to other sites still send no referrer (and say rel=noreferrer)
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}


def _load_package_files(folder: str, suffixes: tuple[str, ...]) -> dict[str, str]:
    """Every file of a package-data folder, read once at start-up."""
    root = resources.files("newstrace.web").joinpath(folder)
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in root.iterdir()
        if entry.is_file() and entry.name.endswith(suffixes)
    }


def static_files() -> dict[str, bytes]:
    """The static files as the app serves them: ``app.css`` inside ``drawing.style_sheet``, as the HTML
    report's style sheet (one focus ring, jump outline, tag and phone layout in both), ``app.js`` after
    ``drawing.JUMP_SCRIPT`` (where a jump lands and its pulse, as the report's)."""
    static = _load_package_files("static", tuple(STATIC_TYPES))
    static["app.css"] = style_sheet(static["app.css"])
    static["app.js"] = JUMP_SCRIPT + static["app.js"]  # a jump's mark, as the report's script begins with it
    return {name: body.encode("utf-8") for name, body in static.items()}


def templates_env() -> Environment:
    from newstrace.web.api import COMPARE_IDS

    env = Environment(
        loader=DictLoader(_load_package_files("templates", (".html",))),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["article_href"] = article_href  # Jinja's urlencode keeps "/": an id's "../" moved the link
    env.filters["story_href"] = story_href
    env.filters["iso"] = published_iso  # a datetime as the article page and the API write it
    env.globals["no_date"] = NO_DATE  # an article without a date, on its page and in the lists alike
    env.globals["stories_href"] = stories_href  # the outlet network's links, graph and table alike
    env.globals["click"] = CLICK  # "click (or tap)": the HTML report's words too
    env.globals["graph_note"] = provenance_note  # the provenance graph's legend, the report's words
    env.globals["no_outlet_name"] = NO_OUTLET_NAME  # the articles naming no outlet, in tables and drawings alike
    env.filters["outlet_name"] = outlet_name  # None (no outlet) as NO_OUTLET_NAME: "?" in some tables before
    env.filters["outlet_filter"] = outlet_filter  # an outlet as the ``outlet`` filter takes it ("?" none, "\?" the outlet "?")
    env.filters["filtered_outlet"] = filtered_outlet
    env.globals["articles_href"] = articles_href
    env.globals["compare_most"] = COMPARE_IDS  # the most articles "Compare selected" sends, and ``/compare`` takes
    env.globals["counted"] = counted  # "1 article", "3 outlets": the story page said "1 article(s) from 0 outlet(s)"
    return env


def create_app(
    db: Path | str,
    *,
    readonly: bool = True,
    limits: Limits = LIMITS,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """Build the app over one database; it is opened read-only unless ``readonly=False``.

    ``readonly=False`` lets Upload store the uploaded articles; nothing else ever writes.
    ``allowed_hosts`` are the ``Host`` names served (default: loopback names only).
    """
    repo = Repo(Path(db), readonly=readonly, limits=limits)
    app = FastAPI(
        title="newstrace",
        version=__version__,
        description="Stories, outlet comparisons and provenance over a newstrace database.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.repo = repo
    app.state.limits = limits
    app.state.static = static_files()
    app.state.env = templates_env()
    app.state.env.globals["static_href"] = static_hrefs(app.state.static).__getitem__

    # the last one added runs first: Guard wraps the Host check, so its 400 for a foreign Host
    # carries the security headers every other answer does (it went out bare, before Guard ran)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts or DEFAULT_HOSTS))
    app.add_middleware(Guard, limits=limits)

    from newstrace.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> Response:
        body = app.state.static.get(name)
        if body is None:  # the app's own 404 page or JSON, as for any other unknown path
            raise StarletteHTTPException(404, "no such file")
        suffix = "." + name.rsplit(".", 1)[-1]
        return Response(body, media_type=STATIC_TYPES[suffix], headers={"Cache-Control": "public, max-age=3600"})

    # every route with its methods, for a 405's Allow (FastAPI keeps an included router's routes
    # behind a wrapper of its own; older versions copy them into the app's list: either is fine)
    app.state.routes = [*api.router.routes, *pages.router.routes, *(r for r in app.router.routes if isinstance(r, Route))]
    _install_error_handlers(app)
    return app


def static_hrefs(files: dict[str, bytes]) -> dict[str, str]:
    """Each static file's URL, with a hash of its bytes as ``?v=``.

    The files are cached an hour (``Cache-Control``); under a bare ``/static/app.js`` a browser
    kept the old script and style for that hour after an upgrade, beside the new pages it drives.
    The route ignores the query: the hash only makes a changed file a new URL.
    """
    return {name: f"/static/{name}?v={hashlib.sha256(body).hexdigest()[:12]}" for name, body in files.items()}


#: ``serve --workers N`` hands each worker process its settings in this environment variable.
SERVE_ENV = "NEWSTRACE_SERVE_CONFIG"


def app_from_env() -> FastAPI:
    """The app of one ``serve --workers N`` process (uvicorn imports this factory in each worker)."""
    cfg = json.loads(os.environ[SERVE_ENV])
    return create_app(cfg["db"], readonly=bool(cfg["readonly"]), allowed_hosts=list(cfg["hosts"]))


class Guard:
    """Pure ASGI middleware: security headers on every response, write requests checked first.

    (Starlette's ``@app.middleware("http")`` wraps every response in a stream; this costs less.)
    """

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # HEAD is GET without the body (FastAPI's GET routes do not answer it): the same status
        # and headers, Content-Length included, and the body left out here
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            problem = _check_write_request(Request(scope), self.limits)
            if problem is not None:
                await _with_headers(problem)(scope, receive, send)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _check_write_request(request: Request, limits: Limits) -> Response | None:
    """Refuse cross-site posts and bodies over the upload limit before reading any of them.

    ``Sec-Fetch-Site``, which browsers set and pages cannot, says ``cross-site`` (or ``same-site``,
    another port) for another site's form; an ``Origin`` must name this host. ``Origin: null`` is
    refused: an opaque origin, a form in a sandboxed iframe of any site or a ``data:`` page, which
    could store articles in a ``--writable`` server. It used to pass, since under the app's former
    ``Referrer-Policy: no-referrer`` a browser sent the app's own form with it; under
    ``same-origin`` it sends the app's origin.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return _problem(request, 403, "cross-site request refused")
    origin = request.headers.get("origin")
    if origin and (origin == "null" or urlsplit(origin).netloc != request.headers.get("host")):
        return _problem(request, 403, "cross-site request refused")
    length = request.headers.get("content-length")
    if length is None:
        if request.headers.get("transfer-encoding"):
            return _problem(request, 411, "uploads need a Content-Length")
        return None
    try:
        size = int(length)
    except ValueError:
        return _problem(request, 400, "bad Content-Length")
    if size > limits.max_upload_bytes:
        return _problem(
            request,
            413,
            f"upload of {human_bytes(size)} is larger than the {human_bytes(limits.max_upload_bytes)} limit",
        )
    return None


def _with_headers(response: Response) -> Response:
    for k, v in SECURITY_HEADERS.items():
        response.headers.setdefault(k, v)
    return response


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _problem(request: Request, status: int, detail: str, ambiguous: AmbiguousId | None = None,
             links: list[tuple[str, str, str | None]] | None = None, exc: Exception | None = None) -> Response:
    """The error as JSON for the API, else as a page; ``links`` (href, id, label) are the stories
    or threads an id prefix of several names (``ambiguous``, ``api.Ambiguous``), which the page
    lists under its summary, where the API's ``detail`` names them in the CLI's line. The page of
    an unknown id (``api.Unknown``) names the page that lists them, not the CLI command that does,
    and leads back to it."""
    if wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    detail = getattr(exc, "page_detail", detail)
    back = getattr(exc, "back", None) or _back_to(request.url.path)
    from newstrace.web import pages

    if request.url.path == "/upload" and request.method == "POST":
        # refused before the form was read (too big, cross-site): the form again, with the reason,
        # as every other refused upload is answered, not a dead end that leads back to the stories
        return pages.upload_page(request, error=detail, status=status)
    if request.url.path == "/compare" and status < 500:
        # "Compare selected" with one article ticked, or none: the Compare page saying what it needs
        # and where to pick them, not a dead end that leads back to the stories; an id it does not
        # hold (404, a link kept after a re-ingest, a typo) is said to be unknown, not to need ticking
        # ticked on a story's page (its form gives ``story``): back to its list, not to Articles
        return pages.render(request, "compare.html", status=status, title="Compare", nav="compare", error=detail,
                            unknown=status == 404, story=request.query_params.get("story"))
    # the header's read-only mark, as on every other page (``pages.render`` gives it), and a way
    # back to the list the page belongs to
    if ambiguous is not None and links:
        return pages.render(request, "error.html", status=status, detail=f"{ambiguous.summary}:",
                            title=_status_title(status), back=back, links=links,
                            after=(f"and {ambiguous.more} more " if ambiguous.more else "")
                            + f"({getattr(exc, 'page_hint', ambiguous.hint)})")
    return pages.render(request, "error.html", status=status, detail=detail, title=_status_title(status), back=back)


def _back_to(path: str) -> tuple[str, str]:
    """The list an error page leads back to: an article's page (or the list itself) the articles,
    any other page the stories (it said "Back to the stories" after a bad article URL too)."""
    if path in ("/articles", "/article") or path.startswith("/articles/"):
        return "/articles", "articles"
    return "/", "stories"


def _status_title(status: int) -> str:
    """``404 Not Found``: the number alone told a reader (and a screen reader) nothing."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


STATUS_OF: list[tuple[type[NewstraceError], int]] = [
    (Busy, 429),
    (LimitError, 413),
    (InputError, 400),
    (StoreError, 503),
]


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NewstraceError)
    async def newstrace_error(request: Request, exc: NewstraceError) -> Response:
        status = next((code for cls, code in STATUS_OF if isinstance(exc, cls)), 400)
        response = _with_headers(_problem(request, status, str(exc)))
        if isinstance(exc, DatabaseBusy):  # a client that retries by itself waits as long as a request does
            response.headers["Retry-After"] = str(round(WEB_BUSY_TIMEOUT))
        return response

    @app.exception_handler(sqlite3.OperationalError)
    async def sqlite_error(request: Request, exc: sqlite3.OperationalError) -> Response:
        """A lock another process kept past ``WEB_BUSY_TIMEOUT``: the 503 that says so (a query
        meets it outside any ``with Store``); any other SQLite error is a bug (500)."""
        busy = busy_error(request.app.state.repo.db, exc)
        if busy is None:
            raise exc
        return await newstrace_error(request, busy)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = str(exc.detail)
        if exc.status_code == 404 and detail == HTTPStatus(404).phrase:
            # no route: Starlette's bare "Not Found" under the heading "404 Not Found" said nothing
            # of what was asked for
            detail = (f"no API endpoint at {request.url.path} (/api/openapi.json lists them)" if wants_json(request)
                      else f"no page at {request.url.path}: the pages are Stories (by thread: /stories?thread=ID lists one thread's), Articles, Outlets and Upload")
        response = _with_headers(_problem(request, exc.status_code, detail, ambiguous=getattr(exc, "error", None),
                                          links=getattr(exc, "links", None), exc=exc))
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        if exc.status_code == 405:
            response.headers["Allow"] = _allowed_methods(request)
        return response

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        # Starlette logs the traceback and re-raises after this; the client gets the app's
        # error page or JSON with the security headers (Guard sits inside this handler)
        return _with_headers(_problem(request, 500, "internal error: the server could not answer this request"))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if wants_json(request):
            return _with_headers(JSONResponse({"detail": _plain_errors(exc.errors())}, status_code=422))
        msgs = "; ".join(_said(e) for e in exc.errors())
        return _with_headers(_problem(request, 422, f"bad request: {msgs}"))


def _allowed_methods(request: Request) -> str:
    """A 405's ``Allow``: every method some route of this path takes (HEAD wherever GET is).

    Starlette's 405 names the methods of the first route matching the path alone, so ``PUT
    /upload`` said ``Allow: GET, HEAD`` though the same URL takes the form's POST.
    """
    methods: set[str] = set()
    for route in request.app.state.routes:
        match, _ = route.matches({**request.scope, "method": ""})
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    if "GET" in methods:
        methods.add("HEAD")
    order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    return ", ".join(sorted(methods, key=lambda m: (order.index(m) if m in order else len(order), m)))


def _said(error: Any) -> str:
    """One validation error for a person at a page (pydantic's wording is for programmers: "List
    should have at least 2 items after validation, not 1" after ticking one article to compare)."""
    name = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
    ctx = error.get("ctx") or {}
    kind = error.get("type")
    if kind == "missing":
        return f"{name}: required"
    if kind == "too_short" and "min_length" in ctx:
        return f"{name}: at least {ctx['min_length']} needed, {ctx.get('actual_length', 'fewer')} given"
    if kind == "too_long" and "max_length" in ctx:
        return f"{name}: at most {ctx['max_length']} allowed, {ctx.get('actual_length', 'more')} given"
    if kind == "value_error":  # the app's own validators say their reason; pydantic prefixes "Value error, "
        return f"{name}: {_reason(error)}"
    return f"{name}: {error.get('msg')}"


def _plain_errors(errors: Any) -> list[dict[str, Any]]:
    """Validation errors without the offending input echoed back (it may be huge or binary); the
    app's own validators' reasons as they give them (``_said``'s), without pydantic's "Value error, "."""
    return [{"loc": list(e.get("loc", ())), "msg": _reason(e), "type": str(e.get("type"))} for e in errors]


def _reason(error: Any) -> str:
    """A validation error's ``msg``; an app validator's (``value_error``) without pydantic's prefix."""
    msg = str(error.get("msg"))
    return msg.removeprefix("Value error, ") if error.get("type") == "value_error" else msg
