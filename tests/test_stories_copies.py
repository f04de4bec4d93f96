"""A whole copy of a report is its original's story, whatever day it ran; a shared paragraph is not.

The story's one-day span (``within_day``) kept every copy published more than a day after its
original out of the original's story (200 of 200 FA-KES dev articles against copies of
themselves 26 or 48 hours later), because shared text counted only inside quotation marks
(``stories.reuse_strength``): a repost or a wire report run two days later is the same report of
the same event. Shared background paragraphs still do not count, or reports of different events
would join.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from conftest import require_data
from newstrace.corpus.features import article_features
from newstrace.corpus.stories import cluster_features
from newstrace.engine.steps import pair_record
from newstrace.ingest import read_articles
from newstrace.model import Article


def _dev() -> dict[str, Article]:
    return {a.id: a for a in read_articles([require_data("fakes", "fakes_dev.csv")])}


def _stories(arts: list[Article]) -> dict[str, str]:
    """Each article's story, clustered with the reuse pairs the engines find among ``pairs``."""
    out, _, _ = cluster_features([article_features(a) for a in arts], _partners(arts))
    return {a: x.story for a, x in out.items()}


def _partners(arts: list[Article]) -> dict[str, dict[str, float]]:
    from newstrace.reuse import candidate_pairs

    by_id = {a.id: a for a in arts}
    partners: dict[str, dict[str, float]] = {}
    for x, y in candidate_pairs(arts):
        rec = pair_record(by_id[x], by_id[y])
        if rec is not None:
            partners.setdefault(rec.pair.b, {})[rec.pair.a] = rec.strength
    return partners


def test_a_verbatim_repost_days_later_joins_its_original_story() -> None:
    dev = _dev()
    original = dev["1926479264"]  # Reuters, 17 Aug 2014: "Islamic State executed 700 people ..."
    assert original.published is not None
    repost = replace(
        original, id="repost-700", outlet="alalam", url=None, published=original.published + timedelta(days=2)
    )
    rec = pair_record(original, repost)
    assert rec is not None and rec.quoted < 200  # its quotations alone are not full evidence
    assert rec.strength == 1.0
    story = _stories([*dev.values(), repost])
    assert story["repost-700"] == story[original.id]


def test_two_events_sharing_a_background_paragraph_stay_apart() -> None:
    dev = _dev()
    # Daily Sabah, 2 Jul 2016: a shelling in Damascus' countryside and an air strike in Aleppo,
    # sharing the paragraphs on the war's background (about half the shorter text)
    medics, aleppo = dev["1918398795"], dev["1918398796"]
    rec = pair_record(medics, aleppo)
    assert rec is not None and rec.chars > 400
    assert rec.strength < 0.1
    story = _stories(list(dev.values()))
    assert story[medics.id] != story[aleppo.id]
