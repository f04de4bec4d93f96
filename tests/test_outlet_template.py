"""Two reports of one outlet about different provinces (``similarity.outlet_other_province``).

An outlet writes its reports to one template, so their words and headlines match as two outlets'
reports of one event do; FA-KES dev rows of Ahram, Jordan Times and Al-Alam (benchmarks/README.md,
session 29).
"""

from __future__ import annotations

from dataclasses import replace

from conftest import require_data
from newstrace.corpus.features import ArticleFeatures, article_features
from newstrace.corpus.similarity import Centroid, outlet_other_province
from newstrace.corpus.stories import cluster_features
from newstrace.ingest import read_articles

#: Ahram, 13 and 14 July 2016: "Air strikes kill 11 including children in Syria's Idlib: monitor",
#: "Air strikes kill 12 in rebel-held areas of Syria's Aleppo: Monitor"
AHRAM_IDLIB, AHRAM_ALEPPO = "1923848173", "1923848172"
#: Jordan Times, 19 February 2015: "Syria air strikes kill at least 44 - monitor" (Daraa),
#: "Syria regime air strikes kill 15 near Damascus - monitor"
JT_DARAA, JT_DAMASCUS = "1924058053", "1924058055"
#: Ahram, 8 April 2017, both of Idlib: "Strike kills 15 including 4 children in Syria's Idlib",
#: "One dead in raid on Syria chemical attack town"
AHRAM_IDLIB_STRIKE, AHRAM_IDLIB_RAID = "1923848140", "1923848141"


def _features(*ids: str) -> list[ArticleFeatures]:
    arts = {a.id: a for a in read_articles([require_data("fakes", "fakes_dev.csv")])}
    return [article_features(arts[i]) for i in ids]


def test_one_outlets_reports_of_two_provinces() -> None:
    idlib, aleppo = _features(AHRAM_IDLIB, AHRAM_ALEPPO)
    assert idlib.outlet == aleppo.outlet == "ahram"
    assert outlet_other_province(Centroid.of(aleppo), Centroid.of(idlib)) == 1.0
    # the same texts from two outlets: no template shared, so no such pair
    assert outlet_other_province(Centroid.of(replace(aleppo, outlet="reuters")), Centroid.of(idlib)) == 0.0
    # a story counts every outlet of its reports
    story = Centroid.of(replace(idlib, outlet="reuters"))
    story.add(idlib)
    assert outlet_other_province(Centroid.of(aleppo), story) == 1.0


def test_one_outlets_reports_of_one_province() -> None:
    strike, raid = _features(AHRAM_IDLIB_STRIKE, AHRAM_IDLIB_RAID)
    assert strike.outlet == raid.outlet
    assert outlet_other_province(Centroid.of(raid), Centroid.of(strike)) == 0.0


def test_template_reports_of_two_places_stay_two_stories() -> None:
    for first, second in ((AHRAM_IDLIB, AHRAM_ALEPPO), (JT_DARAA, JT_DAMASCUS)):
        assigned, _, _ = cluster_features(_features(first, second))
        assert assigned[first].story != assigned[second].story
