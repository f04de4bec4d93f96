"""Finished responses kept as bytes, so a cached page costs a dictionary look-up, not a render.

What a page is keyed by decides when it is rebuilt: compare and story pages by their articles'
stored content hashes (``Repo.content_key``), pages over the whole database (story list, outlet
network, article pages with their stories) by ``Repo.generation()``, which moves on every commit.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from pydantic import BaseModel
from starlette.responses import Response

from newstrace.web.repo import Repo

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


def cached(repo: Repo, key: Hashable, build: Callable[[], Page]) -> Response:
    """The page under ``key``, built once (concurrent misses wait for the one build)."""
    return repo.cached_page(key, build).response()
