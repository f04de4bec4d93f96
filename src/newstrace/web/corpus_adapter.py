"""The web app's view of the corpus stage: stories, threads and the outlet network.

The corpus stage owns the result tables and their read functions; this module only adapts them to
the shapes the pages and the API use (``schemas.StorySummary`` and friends). Until the stage has
run on a database, :class:`NoResults` answers "not available" and the pages say how to get there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from newstrace.web.repo import Repo


class Results(Protocol):
    @property
    def available(self) -> bool: ...

    def stories(
        self, *, q: str | None, outlet: str | list[str | None] | None, date_from: str | None, date_to: str | None,
        limit: int, offset: int, order: Literal["size", "newest"] = ...,
    ) -> tuple[int, list[dict[str, Any]]]: ...

    def threads(self) -> list[dict[str, Any]]: ...

    def story(self, story_id: str) -> tuple[dict[str, Any], list[str]] | None: ...

    def find_story(self, id_or_prefix: str, db: str) -> str | None: ...

    def find_thread(self, id_or_prefix: str, db: str) -> str | None: ...

    def stories_of(self, article_id: str) -> list[dict[str, Any]]: ...

    def network(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]: ...

    def behind(self) -> int: ...


class NoResults:
    """Before ``newstrace analyze``: nothing grouped yet."""

    available = False

    def stories(self, **_: Any) -> tuple[int, list[dict[str, Any]]]:
        return 0, []

    def threads(self) -> list[dict[str, Any]]:
        return []

    def story(self, story_id: str) -> tuple[dict[str, Any], list[str]] | None:
        return None

    def find_story(self, id_or_prefix: str, db: str) -> str | None:
        return None

    def find_thread(self, id_or_prefix: str, db: str) -> str | None:
        return None

    def stories_of(self, article_id: str) -> list[dict[str, Any]]:
        return []

    def network(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return [], []

    def behind(self) -> int:  # before any analyze the pages say so in their own words
        return 0


def open_results(repo: Repo) -> Results:
    """The corpus stage's ``CorpusResults`` over this thread's read-only connection."""
    try:
        from newstrace.store.results import CorpusResults
    except ImportError:
        return NoResults()
    results: Results = CorpusResults(repo.conn)
    return results
