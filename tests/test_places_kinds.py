"""Provinces and kinds of violence: what tells two reports of one day apart (issue 6, stories)."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from conftest import require_data
from newstrace.corpus.features import ArticleFeatures, article_features
from newstrace.corpus.gazetteer import regions
from newstrace.corpus.kinds import kinds
from newstrace.corpus.similarity import Centroid, SparseVec, conflict
from newstrace.model import Article

# three openings of real FA-KES-style reports (Idlib gas attack, Idlib air strike, Aleppo car bomb)
KHAN_SHEIKHOUN = (
    "Dozens killed in suspected gas attack on Khan Sheikhoun",
    "At least 58 people were killed, among them 11 children, when a suspected chemical attack hit the "
    "rebel-held town of Khan Sheikhoun in the southern countryside of Idlib on Tuesday morning, the "
    "Syrian Observatory for Human Rights said. Many victims suffocated.",
)
IDLIB_RAID = (
    "Air strikes kill 12 in Idlib",
    "Warplanes carried out several air strikes on the city of Idlib on Tuesday, killing 12 civilians, "
    "activists said. Rescue workers pulled bodies from the rubble after the raids.",
)
ALEPPO_BOMB = (
    "Car bomb kills 20 in al-Bab",
    "A car bomb exploded near a security headquarters in al-Bab, north-east of Aleppo, on Tuesday, "
    "killing 20 people, most of them civilians, a monitor said. The blast destroyed several shops.",
)


def _region_keys(title: str, text: str) -> set[str]:
    return set(regions(f"{title}\n{text}"))


def test_towns_resolve_to_their_province() -> None:
    # Khan Sheikhoun and Idlib city lie in one province; al-Bab and Aleppo in another
    assert _region_keys(*KHAN_SHEIKHOUN) == _region_keys(*IDLIB_RAID) == set(regions("Idlib"))
    assert _region_keys(*ALEPPO_BOMB) == set(regions("Aleppo"))
    assert set(regions("Idlib")) != set(regions("Aleppo"))


def test_words_that_are_towns_elsewhere_are_not_places() -> None:
    # "SANA" is an agency (not Sana'a), "Human" opens Human Rights Watch, "Jordan" is a country,
    # "Police" is a word here because the text also writes "police"
    text = (
        "SANA said the attack in Aleppo killed three. Human Rights Watch and Jordan condemned it. "
        "Police said the police station in Aleppo was hit."
    )
    assert regions(text) == Counter({next(iter(regions("Aleppo"))): 2})
    assert regions("The minister spoke about the economy.") == Counter()


def test_seed_articles_are_shelling_in_aleppo(rt: Article, rewrite: Article) -> None:
    aleppo = next(iter(regions("Aleppo")))
    for a in (rt, rewrite):
        r = regions(f"{a.title}\n{a.text}")
        assert r.most_common(1)[0][0] == aleppo
        assert "shelling" in kinds(a.title, a.text)  # "rockets ... launched", "shelling"


def test_kinds_of_the_three_reports() -> None:
    assert kinds(*KHAN_SHEIKHOUN) == ["chemical"]
    assert kinds(*IDLIB_RAID) == ["shelling"]
    assert kinds(*ALEPPO_BOMB) == ["explosion"]
    assert kinds("Central bank keeps rates", "The bank kept its rate at 2 percent.") == []


def test_conflict_only_speaks_against() -> None:
    feats = {
        name: article_features(Article.create(text, title=title, id=name))
        for name, (title, text) in {"gas": KHAN_SHEIKHOUN, "raid": IDLIB_RAID, "bomb": ALEPPO_BOMB}.items()
    }
    gas, raid, bomb = (Centroid.of(feats[n]) for n in ("gas", "raid", "bomb"))
    # same province, different attack; different province and attack
    assert conflict(gas.regions, raid.regions) == 0.0 and conflict(gas.kinds, raid.kinds) == 1.0
    assert conflict(raid.regions, bomb.regions) == 1.0 and conflict(raid.kinds, bomb.kinds) == 1.0
    # a story that holds both kinds no longer conflicts with either; nothing known is no conflict
    both = Centroid.of(feats["gas"])
    both.add(feats["raid"])
    assert conflict(both.kinds, raid.kinds) == 0.0
    assert conflict(SparseVec(), bomb.regions) == 0.0


def test_regions_and_kinds_survive_shipping_and_old_states() -> None:
    f = article_features(Article.create(ALEPPO_BOMB[1], title=ALEPPO_BOMB[0], id="bomb"))
    assert f.regions and f.kinds
    assert ArticleFeatures.from_dict(f.to_dict()) == f
    c = Centroid.of(f)
    back = Centroid.from_dict(c.to_dict())
    assert back.regions.v == c.regions.v and back.kinds.v == c.kinds.v
    # a clusterer state saved before these features existed loads with none of them
    old = {k: v for k, v in c.to_dict().items() if k not in ("regions", "kinds")}
    assert not Centroid.from_dict(old).regions.v and not Centroid.from_dict(old).kinds.v


@pytest.mark.data
def test_fakes_causes_and_provinces_are_found() -> None:
    """On FA-KES dev rows: the kinds include the annotated cause, the regions the annotated province."""
    path = require_data("fakes", "fakes_dev.csv")
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        rows = list(csv.DictReader(fh))
    cause = {"shelling": "shelling", "explosion": "explosion", "chemical and toxic gases": "chemical"}
    hit = total = 0
    for r in rows:
        want = cause.get(r["cause_of_death"])
        if want is None:
            continue
        total += 1
        hit += want in kinds(r["article_title"], r["article_content"])
    assert total > 300 and hit / total >= 0.9
    # provinces, for the ones whose capital shares their name (all FA-KES locations but Damascus's
    # countryside, which GeoNames splits from the city)
    named = {"aleppo": "Aleppo", "idlib": "Idlib", "homs": "Homs", "hama": "Hama", "raqqa": "Raqqa"}
    hit = total = 0
    for r in rows:
        town = named.get(r["location"].strip().lower())
        if town is None:
            continue
        total += 1
        hit += next(iter(regions(town))) in regions(f"{r['article_title']}\n{r['article_content']}")
    assert total > 250 and hit / total >= 0.85
