"""Typed response models of the JSON API under ``/api/``.

They exist so that the OpenAPI schema FastAPI generates says what every endpoint returns (and so
that schemathesis can check the app against it). Shapes follow the documented JSON of the CLI
(``list``/``show``, ``compare --json``, ``stories``/``outlets``); fields the stages may add later
are allowed through (``extra="allow"``) instead of failing a request. An article's quotes and counts
are the claims stage's own dataclasses (``model.Quote``/``model.Quantity``), every field named.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from newstrace.model import Quantity, Quote


class _Open(BaseModel):
    """A record that tolerates extra keys from the stage that produced it."""

    model_config = ConfigDict(extra="allow")


class ArticleBrief(_Open):
    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


class ArticleRow(ArticleBrief):
    author: str | None = None
    words: int = 0
    chars: int = 0


class ArticleList(BaseModel):
    total: int = Field(description="articles matching the filters")
    offset: int
    limit: int
    articles: list[ArticleRow]
    search_behind: str | None = Field(
        None, description="for a search of a database an older newstrace left at migration 14 to 16, read as it "
        "is: that it finds less than the database upgraded would, and the command that upgrades it (the Stories "
        "and Articles pages say the same); null otherwise")


class SpanOut(_Open):
    article: str | None = None
    start: int
    end: int
    text: str = ""


class StoryRef(_Open):
    id: str
    label: str | None = None
    thread: str | None = None


class ArticleDetail(ArticleBrief):
    author: str | None = None
    lang: str | None = None
    text: str
    words: int
    # the claims stage's own records (pydantic reads the stdlib dataclasses' fields), so the schema
    # cannot drift from what the stage puts out
    quotes: list[Quote] = Field(default_factory=list, description="quotations found in the text")
    quantities: list[Quantity] = Field(default_factory=list, description="counts found in the text")
    claims_available: bool = Field(description="false when the claims stage is not installed or failed")
    stories: list[StoryRef] = Field(default_factory=list)


class OutletCount(BaseModel):
    outlet: str | None = Field(description="null: the articles naming no outlet, last, as the CLI's --json lists them")
    articles: int


class StorySummary(_Open):
    id: str
    label: str | None = None
    thread: str | None = None
    size: int = 0
    outlets: list[OutletCount] = Field(default_factory=list, description="articles per outlet, biggest first; "
                                       "then {outlet: null, articles: k} for those naming none, so they add up to size")
    first_seen_outlet: str | None = None
    first_seen_article: str | None = None
    start: str | None = None
    end: str | None = None
    undated: int = Field(0, description="its articles that give no date: start and end are the span of the others, "
                                        "as newstrace stories --json and story --json say")


class ThreadSummary(_Open):
    id: str
    label: str | None = None
    size: int = 0
    stories: list[str] = Field(default_factory=list)
    outlets: list[OutletCount] = Field(default_factory=list, description="as a story's")
    start: str | None = None
    end: str | None = None
    undated: int = Field(0, description="its stories' articles that give no date, as a story's (newstrace threads --json)")


class StoryList(BaseModel):
    available: bool = Field(description="false until 'newstrace analyze' has grouped the articles")
    total: int = Field(description="stories matching the filters")
    offset: int
    limit: int
    stories: list[StorySummary]
    threads: list[ThreadSummary]
    behind: int = Field(0, description="articles ingested or changed since the last 'newstrace analyze': "
                        "those ingested are in no story yet")
    behind_changed: int = Field(0, description="of behind, articles changed since they were analysed: in the story "
                                "their earlier text was placed in, their reuse left out until 'newstrace analyze'")
    search_behind: str | None = Field(
        None, description="for a search of a database an older newstrace left at migration 14 to 16, read as it "
        "is: that it finds less than the database upgraded would, and the command that upgrades it (the Stories "
        "and Articles pages say the same); null otherwise")


class SharedOut(_Open):
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: str | None = None
    score: float | None = None
    a_text: str = ""
    b_text: str = ""
    ops: list[list[Any]] = Field(default_factory=list)


class PairOut(_Open):
    a: str
    b: str
    story_similarity: float | None = None
    same_story: bool | None = None
    shared: list[SharedOut] = Field(default_factory=list)


class VariantOut(_Open):
    text: str
    articles: list[str] = Field(default_factory=list)
    spans: list[SpanOut] = Field(default_factory=list)


class QuoteGroupOut(_Open):
    speaker: str | None = None
    variants: list[VariantOut] = Field(default_factory=list)


class FindingOut(_Open):
    type: str
    articles: list[str] = Field(default_factory=list)
    summary: str = ""
    evidence: list[SpanOut] = Field(default_factory=list)
    importance: float | None = None


class CompareReport(_Open):
    """``compare --json``'s report for a set of articles (without the command's ``skipped``: stored
    articles were all read)."""

    articles: list[ArticleBrief] = Field(default_factory=list)
    pairs: list[PairOut] = Field(default_factory=list)
    quotes: list[QuoteGroupOut] = Field(default_factory=list)
    quantities: Any = None
    findings: list[FindingOut] = Field(default_factory=list)
    provenance: Any = None


class ProvenanceSkipped(_Open):
    reason: str
    pairs: int = Field(description="the story's stored reuse pairs")
    max_pairs: int = Field(description="the most pairs provenance is built for")


class StoryOverBound(ProvenanceSkipped):
    story: str = Field(description="the story left without provenance edges")


class StoryDetail(BaseModel):
    story: StorySummary
    articles: list[ArticleRow] = Field(description="``limit`` of the story's articles from ``offset`` on, in the "
                                                   "order its page lists and draws them: by publication, an "
                                                   "arrow's source first among one day's")
    total: int = Field(description="articles in the story")
    offset: int = Field(description="place of the first of ``articles`` among them")
    limit: int = Field(description="most articles one answer lists")
    report: CompareReport | None = Field(description="compare report over the story's articles (null if unavailable)")
    report_note: str | None = None
    provenance_skipped: ProvenanceSkipped | None = Field(
        description="why the story has no provenance edges, when its pairs are over the bound provenance is built "
        "for (null otherwise), as newstrace story --json says")


class OutletEdge(_Open):
    source: str | None = Field(description="outlet whose text reappears (null: articles without an outlet)")
    derived: str | None = Field(description="outlet that reuses it (null: articles without an outlet)")
    count: int = Field(description="pairs of articles sharing passages")
    in_story: int = Field(0, description="of those, pairs whose two articles are in one story")
    directed: int = Field(
        0,
        description="of those, pairs whose direction rests on evidence (a provenance edge that is not "
        "direction_unknown); the rest run from the earlier article to the later",
    )
    chars: int = Field(0, description="characters those pairs share (the shorter side of each passage)")


class OutletStat(_Open):
    outlet: str | None = Field(description="null: the articles without an outlet, filtered as outlet=? "
                                           "(an outlet named ? is its own, filtered as outlet=\\?)")
    articles: int = 0
    stories: int = 0
    first_seen: int = Field(0, description="stories this outlet was first in (the column 'first in' of newstrace "
                                           "outlets and the Outlets page)")
    first_seen_share: float = Field(0.0, description="share first: of its stories, the share it was first in, "
                                                     "first_seen / stories (the column 'share first')")


class OutletNetwork(BaseModel):
    available: bool
    outlets: list[OutletStat]
    edges: list[OutletEdge]
    behind: int = Field(0, description="articles ingested or changed since the last 'newstrace analyze': "
                        "those ingested are in no story yet")
    behind_changed: int = Field(0, description="of behind, articles changed since they were analysed: in the story "
                                "their earlier text was placed in, their reuse left out until 'newstrace analyze'")
    provenance_skipped: list[StoryOverBound] = Field(
        default_factory=list, description="the stories with no provenance edges for holding more reuse pairs than "
        "provenance is built for, whose pairs count undirected in edges, as newstrace outlets --json lists them")


class UploadResult(BaseModel):
    articles: list[ArticleBrief]
    report: CompareReport | None
    warnings: list[str] = Field(
        default_factory=list, description="the first warnings, and a line counting the others when there are more"
    )
    warnings_total: int = Field(0, description="how many warnings the upload gave, listed or not")
    saved: bool = Field(False, description="true when the articles were also stored in the database")


class Problem(BaseModel):
    detail: str


class Health(BaseModel):
    status: str
    articles: int
    readonly: bool
    stages: dict[str, bool]
