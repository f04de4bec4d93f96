"""Finished responses kept as bytes, so a cached page costs a dictionary look-up, not a render.

What a page is keyed by decides when it is rebuilt: compare and story pages by their articles'
stored content hashes and the analysis their stored claims come from (``Repo.content_key``),
pages over the whole database (story list, outlet network, article pages with their stories) by
``Repo.generation()``, which moves on every commit.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from newstrace.web.repo import Repo, WouldWait

T = TypeVar("T")

JSON = "application/json"


@dataclass(frozen=True)
class Page:
    body: bytes
    status: int
    media_type: str

    @classmethod
    def of(cls, response: Response) -> Page:
        return cls(bytes(response.body), response.status_code, response.media_type or "text/html")

    @classmethod
    def of_model(cls, model: BaseModel) -> Page:
        """The JSON FastAPI would send for a ``response_model`` (aliases, every field)."""
        return cls(model.model_dump_json(by_alias=True).encode("utf-8"), 200, JSON)

    def response(self) -> Response:
        return Response(self.body, status_code=self.status, media_type=self.media_type)

    @property
    def weight(self) -> int:
        return len(self.body) + 200


async def read(repo: Repo, reads: Callable[[], T]) -> T:
    """A few indexed reads done on the event loop; when another process holds a lock on the
    database, done in the thread pool instead, which waits for it (``WEB_BUSY_TIMEOUT``) while
    the loop serves the other requests (waiting on the loop stopped them all)."""
    try:
        with repo.no_waiting():
            return reads()
    except WouldWait:
        return await run_in_threadpool(reads)


async def served(repo: Repo, key_of: Callable[[], Hashable], build: Callable[[], Page]) -> Response:
    """A cached page answered on the event loop; a miss is built in the thread pool.

    Finding the key costs one to three indexed SQLite reads (``read``), so a hit never waits for
    a worker thread or fights the other threads for the GIL; only a miss (render, compare, NLP),
    or a key that waits for a lock, leaves the event loop, and concurrent misses on one key
    still build once.
    """
    key = await read(repo, key_of)
    page: Page | None = repo.peek_page(key)
    if page is None:
        page = await run_in_threadpool(repo.cached_page, key, build)
    return page.response()
