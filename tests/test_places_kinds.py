"""Provinces, kinds of violence and statements: what tells two reports of one day apart (issue 6)."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date

import numpy as np
import pytest

from conftest import require_data
from newstrace.corpus import params
from newstrace.corpus.features import ArticleFeatures, article_features
from newstrace.corpus.gazetteer import LEAD_WEIGHTS, region_of, regions
from newstrace.corpus.kinds import kinds, report_kind
from newstrace.corpus.similarity import (
    FEATURES,
    Centroid,
    DocFreq,
    SparseVec,
    conflict,
    event_key,
    features,
    same_province,
    statement_conflict,
)
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
    return set(regions(text, title))


def test_towns_resolve_to_their_province() -> None:
    # Khan Sheikhoun and Idlib city lie in one province; al-Bab and Aleppo in another
    assert _region_keys(*KHAN_SHEIKHOUN) == _region_keys(*IDLIB_RAID) == {region_of("Idlib")}
    assert _region_keys(*ALEPPO_BOMB) == {region_of("Aleppo")}
    assert region_of("Idlib") != region_of("Aleppo") and region_of("Idlib") is not None
    assert region_of("Syria") is None and region_of("Qwzxville") is None


def test_words_that_are_towns_elsewhere_are_not_places() -> None:
    # "SANA" is an agency (not Sana'a), "Human" opens Human Rights Watch, "Jordan" is a country,
    # "Police" is a word here because the text also writes "police"
    text = (
        "SANA said the attack in Aleppo killed three. Human Rights Watch and Jordan condemned it. "
        "Police said the police station in Aleppo was hit."
    )
    assert regions(text) == Counter({region_of("Aleppo"): 2})
    assert regions("The minister spoke about the economy.") == Counter()


def test_title_case_words_and_longer_names_are_not_places() -> None:
    # FA-KES headlines: title case capitalises "Blast", "Police" and "Airport", all towns somewhere;
    # "Castello" opens the Castello Road, not the Spanish town; the text's country decides
    title = "At Least Five Police Officers Killed in Damascus Blast"
    text = (
        "Five police officers were killed in a blast in Damascus on Monday, Syrian state media said. "
        "Militants attacked a checkpoint on the Castello Road north of Aleppo. Damascus has been hit "
        "before."
    )
    assert regions(text, title) == Counter({region_of("Damascus"): 3, region_of("Aleppo"): 1})
    # a name that opens a sentence counts once the text also capitalises it inside one
    assert regions("Aleppo was shelled again.") == Counter()
    assert regions("Rockets hit Aleppo. Aleppo was shelled again.") == Counter({region_of("Aleppo"): 2})


def test_seed_articles_are_shelling_in_aleppo(rt: Article, rewrite: Article) -> None:
    aleppo = region_of("Aleppo")
    for a in (rt, rewrite):
        r = regions(a.text, a.title or "")
        assert r.most_common(1)[0][0] == aleppo
        assert "shelling" in kinds(a.title, a.text)  # "rockets ... launched", "shelling"


def test_kinds_of_the_three_reports() -> None:
    assert kinds(*KHAN_SHEIKHOUN) == ["chemical"]
    assert kinds(*IDLIB_RAID) == ["shelling"]
    assert kinds(*ALEPPO_BOMB) == ["explosion"]
    assert kinds("Central bank keeps rates", "The bank kept its rate at 2 percent.") == []


# AFP, 30 June 2016 (FA-KES files it under "shooting"), and the Jordan Times on the air strikes of
# that week in Aleppo (under "shelling"); openings as FA-KES holds them, abridged
ALEPPO_BATTLE = (
    "At least 70 killed in north of Syrias Aleppo Monitor",
    "At least 70 regime and rebel fighters have been killed in 24 hours in a government assault and a "
    "jihadist-led counterattack in northern Syria a monitor said Thursday. The Syrian Observatory for Human "
    "Rights said 30 regime soldiers and 39 rebel fighters had been killed in battles around Al-Maleh north "
    "of Aleppo since Wednesday afternoon. For nearly a week regime troops backed by Syrian and Russian "
    "warplanes have been battling for control of Al-Maleh. It said rebels attacked government forces with "
    "two suicide car bombs.",
)
ALEPPO_AIR_STRIKES = (
    "Syrian and Russian aircraft step up bombing of Aleppo city monitor",
    "Nearly 50 air strikes hit rebel-held areas in and around the Syrian city of Aleppo on Sunday in some "
    "of the heaviest recent raids by Russian and Syrian government aircraft residents and a monitoring "
    "group said. A civil defence worker said at least 32 people were killed in the rebel-held parts of the "
    "city during the air strikes.",
)


def test_ground_combat_is_a_shooting_not_the_air_strikes_it_mentions() -> None:
    """FA-KES's "shooting" is ground combat: a report of battles that mentions the warplanes backing
    them is not the air strikes' event (it read as shelling and joined them)."""
    battle = kinds(*ALEPPO_BATTLE)
    assert "shooting" in battle and "shelling" not in battle
    assert kinds(*ALEPPO_AIR_STRIKES) == ["shelling"]

    def story(title: str, text: str, day: str) -> Centroid:
        return Centroid.of(article_features(Article.create(text, title=title, published=date.fromisoformat(day))))

    a, b = story(*ALEPPO_BATTLE, "2016-06-30"), story(*ALEPPO_AIR_STRIKES, "2016-07-01")
    assert same_province(a, b) == 1.0 and event_key(a, b) == 0.0


# AP via Ahram Online, 26 October 2016 (FA-KES: explosion, Aleppo), opening as FA-KES holds it
MANBIJ_MINES = (
    "Group IS group land mines killed wounded dozens in Syrian town",
    "A leading international rights group says that homemade land mines planted by the Islamic State "
    "group have killed and wounded hundreds of civilians including dozens of children in a town "
    "recently freed of the militants in northern Syria. Human Rights Watch says in a report issued "
    "Wednesday that it collected the names of 69 civilians killed including 19 children by improvised "
    "mines in schools homes and on roads in Manbij during a five-day investigation this month. The "
    "victims were killed during and after the fighting for control of the town.",
)


def test_mines_are_explosions_not_the_fighting_they_were_laid_in() -> None:
    """"land mines" in two words and bare "mines" are the explosive; without them the report of
    the mines' victims read as the fighting it mentions once, a shooting."""
    assert kinds(*MANBIJ_MINES) == ["explosion"]
    assert kinds("Daesh mines killed wounded dozens in YPG-held Manbij", MANBIJ_MINES[1]) == ["explosion"]


def test_key_x_decay_tells_the_key_of_one_day_from_the_next() -> None:
    """``key_x_decay`` is the event key times the story decay: 1 on the key's own day, less the next
    day, 0 without the key (the logistic fit cannot multiply two features itself)."""

    def story(title: str, text: str, day: str) -> Centroid:
        return Centroid.of(article_features(Article.create(text, title=title, published=date.fromisoformat(day))))

    at = FEATURES.index("key_x_decay")
    raid = story(*IDLIB_RAID, "2017-04-04")
    again = ("Warplanes strike Idlib again", "Air strikes hit Idlib city, killing 7 civilians.")
    df = DocFreq()
    same_day = features(story(*again, "2017-04-04"), raid, df, params.STORY)
    next_day = features(story(*again, "2017-04-05"), raid, df, params.STORY)
    gas = features(story(*KHAN_SHEIKHOUN, "2017-04-04"), raid, df, params.STORY)
    assert same_day[at] == 1.0
    assert next_day[at] == pytest.approx(np.exp(-1.0 / params.STORY.tau))
    assert gas[at] == 0.0
    # the story level weighs it; its sign is the fit's (0.59 at a decay of one day on the old dev
    # half, -0.11 at two days on session 26's dev split, where the plain decay carries the time)
    assert params.STORY.weights[at] != 0.0


def test_statements_and_event_reports(rt: Article, rewrite: Article) -> None:
    # the seeds report what the UN envoy said; SANA's reports of those days report the rockets
    assert report_kind(rt.title) == report_kind(rewrite.title) == "statement"
    assert report_kind("Three people killed five injured in terrorist rocket attack in Aleppo") == "event"
    # a source named beside a toll is still an event report; no headline, no kind
    assert report_kind("Syrian state TV says 22 killed in car bomb in northern Syria") == "event"
    assert report_kind("Blaming Assad Trump says Syria attack cannot be tolerated") == "statement"
    assert report_kind(None) is None


def test_a_statement_keeps_later_events_out_but_joins_the_event_it_follows(rt: Article) -> None:
    def story(title: str, text: str, day: str) -> Centroid:
        return Centroid.of(article_features(Article.create(text, title=title, published=date.fromisoformat(day))))

    envoy = Centroid.of(article_features(rt))
    # SANA's kind of report, the day after the envoy's statement: a new event, not his story
    rockets = story(
        "Three people killed five injured in terrorist rocket attack in Aleppo",
        "Three people were killed and five injured when terrorists fired rockets on al-Hamdaniyeh "
        "neighbourhood in Aleppo city, a source at Aleppo Police Command told SANA.",
        "2016-10-31",
    )
    assert statement_conflict(rockets, envoy) == statement_conflict(envoy, rockets) == 1.0
    # the reaction a day after the gas attack belongs with the attack, whichever side asks
    gas = story(*KHAN_SHEIKHOUN, "2017-04-04")
    reaction = (
        "Blaming Assad Trump says Syria attack cannot be tolerated",
        "President Donald Trump said the chemical attack in Idlib province crossed many lines and "
        "could not be tolerated, blaming the government of Bashar al-Assad.",
    )
    trump = story(*reaction, "2017-04-05")
    assert statement_conflict(trump, gas) == statement_conflict(gas, trump) == 0.0
    # on one day the story (second side) began first: an event report does not join a statement
    # story of that day, a statement joins the event story
    same_day = story(*reaction, "2017-04-04")
    assert statement_conflict(gas, same_day) == 1.0 and statement_conflict(same_day, gas) == 0.0
    # two event reports, or a side without a headline, never conflict
    assert statement_conflict(gas, rockets) == 0.0
    assert statement_conflict(story("", KHAN_SHEIKHOUN[1], "2017-04-05"), envoy) == 0.0


def test_event_key_needs_province_kind_and_day() -> None:
    def story(title: str, text: str, day: str) -> Centroid:
        return Centroid.of(article_features(Article.create(text, title=title, published=date.fromisoformat(day))))

    raid = story(*IDLIB_RAID, "2017-04-04")
    # another air strike on Idlib the next day: same province, kind and day
    other = story("Warplanes strike Idlib again", "Air strikes hit Idlib city, killing 7 civilians.", "2017-04-05")
    assert event_key(raid, other) == 1.0 and same_province(raid, other) == 1.0
    # the same raid reported three days later, the gas attack of that day, a raid on Aleppo
    late = story("Warplanes strike Idlib again", "Air strikes hit Idlib city, killing 7 civilians.", "2017-04-08")
    gas = story(*KHAN_SHEIKHOUN, "2017-04-04")
    aleppo = story("Air strikes kill 9 in Aleppo", "Air strikes hit Aleppo city, killing 9 civilians.", "2017-04-04")
    assert event_key(raid, late) == event_key(raid, gas) == event_key(raid, aleppo) == 0.0
    assert same_province(raid, gas) == 1.0 and same_province(raid, aleppo) == -1.0
    # news that names no war has no key and no province to agree on
    bank = story("Central bank keeps rates", "The bank kept its rate at 2 percent.", "2017-04-04")
    assert event_key(bank, bank) == 0.0 and same_province(bank, raid) == 0.0


def test_same_province_counts_every_province_tied() -> None:
    """A report naming Idlib once and another province once is about both as much: it agrees with
    reports about Idlib, whichever of the two hashes to the smaller dimension."""

    def story(title: str, text: str) -> Centroid:
        return Centroid.of(article_features(Article.create(text, title=title, published=date(2017, 4, 5))))

    raid = story(*IDLIB_RAID)
    (idlib,) = raid.regions.v
    reaction = story(*KHAN_SHEIKHOUN)
    assert set(reaction.regions.v) == {idlib}
    for other in (idlib - 1, idlib + 1):  # the tie's other province below and above Idlib's dimension
        reaction.regions = SparseVec({idlib: 1.0, other: 1.0})
        assert same_province(reaction, raid) == same_province(raid, reaction) == 1.0
        # named twice, the other province is what the report is about
        reaction.regions = SparseVec({idlib: 1.0, other: 2.0})
        assert same_province(reaction, raid) == same_province(raid, reaction) == -1.0
    # a tie of four, Idlib's dimension the largest: still about Idlib too
    reaction.regions = SparseVec({idlib - k: 1.0 for k in range(4)})
    assert same_province(reaction, raid) == 1.0


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
    head, dims, vals = c.to_parts()
    back, _ = Centroid.from_parts(head, dims.astype(np.int64), vals)
    assert back.regions.v == c.regions.v and back.kinds.v == c.kinds.v and back.report.v == c.report.v
    # a clusterer state saved (as JSON) before these features existed loads with none of them
    old = {name: sorted(getattr(c, name).v.items()) for name in ("body", "title", "ents", "lead", "places")}
    old.update({"n": c.n, "t_sum": c.t_sum, "t_n": c.t_n, "t_min": c.t_min, "t_max": c.t_max})
    assert Centroid.from_dict(old).places.v == c.places.v
    assert not Centroid.from_dict(old).regions.v and not Centroid.from_dict(old).kinds.v
    assert not Centroid.from_dict(old).report.v


# AFP via Ahram Online, 6 August 2016 (FA-KES: shelling, Idlib), as FA-KES holds it
MILIS_HOSPITAL = (
    "Air raids kill 10 near Syria hospital Monitor",
    "Saturday 6 Aug 2016 Air raids kill 10 near Syria hospital Monitor AFP A barrage of air strikes on "
    "Saturday near a hospital in northwestern Syria killed at least 10 civilians said the Syrian "
    "Observatory for Human Rights. The monitor said the raids targeted the town of Milis in Idlib "
    "province which borders Turkey and is controlled by a rebel alliance led by Al-Qaedas former Syrian "
    "branch. The Britain-based monitor said three children and two women were among the dead adding "
    "that the raids were carried out by either Russian or regime warplanes. The Idlib Media Center "
    "which publishes news on developments in the province said a hospital was hit in the raid by "
    "unidentified aircraft and that at least six people had been killed. The World Health "
    "Organisation said Syria was the most dangerous place for health care workers to operate last "
    "year with 135 attacks on health facilities and workers in 2015. In late July four makeshift "
    "hospitals and a local blood bank in Syrias battered Aleppo city were hit by air raids in a single "
    "day. More than 280000 people have been killed since Syrias conflict erupted in 2011 and millions "
    "have been forced to flee including around five million who have sought refuge in neighbouring "
    "countries.",
)


def test_the_province_of_the_lead_outweighs_a_background_one() -> None:
    """The clusterer reads provinces as ``kinds`` reads cues, a headline mention as three and one
    in the lead as two: AFP's Milis report names Idlib in its lead and Aleppo's July raids further
    down, once each, and the tie made it "about" Aleppo too (it joined an Aleppo story of the
    day before and missed the other reports of the Milis raid)."""
    idlib, aleppo = region_of("Idlib"), region_of("Aleppo")
    assert regions(MILIS_HOSPITAL[1], MILIS_HOSPITAL[0]) == Counter({idlib: 1, aleppo: 1})  # mentions
    weighted = regions(MILIS_HOSPITAL[1], MILIS_HOSPITAL[0], LEAD_WEIGHTS)
    assert weighted == Counter({idlib: 2, aleppo: 1})
    milis = Centroid.of(article_features(Article.create(MILIS_HOSPITAL[1], title=MILIS_HOSPITAL[0])))
    raid = Centroid.of(article_features(Article.create(IDLIB_RAID[1], title=IDLIB_RAID[0])))
    bomb = Centroid.of(article_features(Article.create(ALEPPO_BOMB[1], title=ALEPPO_BOMB[0])))
    assert same_province(milis, raid) == 1.0 and same_province(milis, bomb) == -1.0


@pytest.mark.data
def test_transliterations_of_one_town_meet_in_its_province() -> None:
    # news writes Arabic names in many spellings, GeoNames holds some: SANA's "Deir Ezzor", Reuters'
    # "Deir ez-Zor", others "Deir al-Zour" or "Deir Ezour" are one town; "Qamishli" is in GeoNames as
    # "Al Qamishli"; a lower-case article ("al-Bab") still opens a name
    deir = region_of("Dayr az Zawr")
    assert deir is not None and deir.startswith("SY.")
    for spelling in ("Deir Ezzor", "Deir ez-Zor", "Deir al-Zour", "Deir Ezour", "Deir el-Zour"):
        text = f"Shells fired by terrorists hit residential areas in {spelling} city in eastern Syria on Sunday."
        assert regions(text) == Counter({deir: 1}), spelling
    # a spelling GeoNames does not hold counts where the text names the country or another place
    # of it as written ("Syria" above), not in a text that names neither
    assert regions("Shells hit Deir Ezzor on Sunday.") == Counter()
    assert regions("Shells hit Deir ez-Zor on Sunday.") == Counter({deir: 1})  # held as written
    assert region_of("Qamishli") == region_of("Hasakah") and region_of("Qamishli") is not None
    assert regions("A car bomb went off in al-Bab on Tuesday.") == Counter({region_of("Aleppo"): 1})
    # English text stays English: a first word must be the town's own (East London is not "West
    # London"), a function word opens no name ("In London" is not New London), and only towns of
    # Arabic-script countries have spellings to vary ("Star Wars" was a Russian town)
    london = region_of("London")
    text = "In London, fans of Star Wars queued in West London, the Mayor of London said."
    assert regions(text) == Counter({london: 3})
    assert regions("Bashar al-Assad met Staffan de Mistura in the palace.") == Counter()
    # the article word of a longer name the gazetteer does not hold ("Ras al-Ain" is not Al Ain)
    assert "AE" not in {r.split(".")[0] for r in regions("Kurdish fighters took Ras al-Ain on Friday.")}


#: AFP's report of the coalition's raids on Raqqa (FA-KES dev, via NNA), which spells the city "Raqa"
RAQA_RAIDS = (
    "22 dead in heavy U.S. raids on IS Syria stronghold",
    "Six civilians including a child were among at least 22 people killed in U.S. air strikes on the "
    "Islamic State groups de facto Syrian capital on Saturday and Sunday a monitor said. The rest of the "
    "dead in the raids on the city of Raqa were IS fighters the Syrian Observatory for Human Rights said. "
    "Dozens of people were also wounded. The U.S.-led coalition which launched an air war against IS in "
    "Syria last September said it had carried out \"significant\" air strikes against Raqa.",
)


@pytest.mark.data
def test_the_wires_spellings_and_the_air_bases_of_the_war_are_syrian_places() -> None:
    """GeoNames' towns of 15,000 lack AFP's "Raqa" and the air bases (``SYRIAN_PLACES``): AFP's
    report of the Raqa raids read no province at all, and Sputnik's of the Shayrat strike read
    only "Homs" for it."""
    raqqa, homs, idlib = region_of("Raqqa"), region_of("Homs"), region_of("Idlib")
    assert raqqa is not None and homs is not None
    assert regions(RAQA_RAIDS[1], RAQA_RAIDS[0]) == Counter({raqqa: 2})
    shairat = (
        "On Thursday night the United States launched 59 Tomahawk cruise missiles at the Syrian military "
        "airfield in Ash Shairat located about 40 kilometers (25 miles) from the city of Homs. US President "
        "Donald Trump said the attack was a response to the alleged chemical weapon use in Syrias Idlib on "
        "Tuesday."
    )
    assert regions(shairat) == Counter({homs: 2, idlib: 1})
    for base, town in (("Hmeimim", "Latakia"), ("Shayrat", "Homs"), ("Kuweires", "Aleppo"), ("Mezzeh", "Damascus"),
                       ("Abu al-Duhur", "Idlib"), ("Abu Dhuhur", "Idlib"), ("Nayrab", "Aleppo")):
        assert region_of(base) == region_of(town) is not None, base


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
    hit = total = top = 0
    for r in rows:
        town = named.get(r["location"].strip().lower())
        if town is None:
            continue
        total += 1
        found = regions(r["article_content"], r["article_title"])
        hit += region_of(town) in found
        top += bool(found) and found.most_common(1)[0][0] == region_of(town)
    assert total > 250 and hit / total >= 0.85 and top / total >= 0.8
    # provinces whose capital FA-KES spells in ways GeoNames does not all hold (SANA's "Deir Ezzor")
    spelled = {"deir ezzor": "Dayr az Zawr", "hasakeh": "Al Hasakah"}
    hit = total = 0
    for r in rows:
        town = spelled.get(r["location"].strip().lower())
        if town is not None:
            total += 1
            hit += region_of(town) in regions(r["article_content"], r["article_title"])
    assert total > 40 and hit / total >= 0.85


def test_a_report_meets_the_open_stories_of_its_province_and_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """TRT's "US-led air strikes in Syria kill dozens of civilians" (14 June 2016) reports the
    Aleppo raids of the 13th, as Daily Sabah's three reports of that day do, but shares none of the
    words the clusterer's index keeps of each article with them: it never met their story and
    started one of its own. Indexed by its (province, kind) pair as well (``stories.event_dims``),
    it meets the story and joins it. FA-KES dev rows of June 2016 (the dev split's events only)."""
    from newstrace.corpus import stories
    from newstrace.evaluate.stories_fakes import load_fakes, split_of

    arts, gold, _ = load_fakes(require_data("fakes", "fakes_dev.csv"))
    june = [a for a in arts if "2016-06-01" <= str(a.published) < "2016-07-01" and split_of(gold[a.id]) == "dev"]
    feats = [article_features(a) for a in june]
    trt, sabah = "1924058079", ("1924058181", "1924058183", "1924058184")
    by_id = {f.id: f for f in feats}
    assert stories.event_dims(by_id[trt]) & stories.event_dims(by_id[sabah[0]])
    # a report of no violence adds no key: its candidates are those its words find, as before
    talks = Article.create("UN-brokered talks on a ceasefire in Aleppo resumed in Geneva on Monday, the envoy said.",
                           title="Syria talks resume")
    assert regions(talks.text, talks.title) and not stories.event_dims(article_features(talks))
    assigned, _, _ = stories.cluster_features(feats)
    assert {assigned[i].story for i in (trt, *sabah)} == {assigned[trt].story}
    monkeypatch.setattr(stories, "event_dims", lambda feat: set())  # the index of words alone
    assigned, _, _ = stories.cluster_features(feats)
    assert assigned[trt].story != assigned[sabah[0]].story


def test_al_sham_is_a_groups_name_not_damascus() -> None:
    """GeoNames lists "Al-Sham" among Damascus' names, and every Sham FA-KES dev and FNC-1 write
    was a group's ("Ahrar Al-Sham", "Fateh Al Sham", "the Islamic State of Iraq and al-Sham"), a
    hospital's or a town's of Daraa: SANA's report of 33 Fateh Al Sham fighters killed in rural
    Daraa was read as Damascus' first (``gazetteer.NOT_PLACES``)."""
    from newstrace.clean import normalize_body
    from newstrace.evaluate.stance_fnc import fnc_files, load_fnc
    from newstrace.evaluate.stories_fakes import load_fakes

    damascus, daraa, idlib = region_of("Damascus"), region_of("Daraa"), region_of("Idlib")
    assert damascus is not None and daraa is not None and idlib is not None
    for name in ("al-Sham", "Al Sham", "Ash-Sham", "Esh Sham", "Sham", "Al-Shaam"):
        assert region_of(name) is None, name
    assert region_of("Dimashk al-Sham") == region_of("Mezzeh") == damascus  # a longer name keeps the word
    arts, _, _ = load_fakes(require_data("fakes", "fakes_dev.csv"))
    by_id = {a.id: a for a in arts}
    sana = by_id["1962495709"]  # "Syrian Army kills 33 Fateh Al Sham Terrorist Captured 10 in Rural Daraa"
    assert "Fateh Al Sham" in (sana.title or "")
    found = regions(sana.text, sana.title or "", LEAD_WEIGHTS)
    assert damascus not in found and found.most_common(1)[0][0] == daraa
    ahrar = by_id["1965511138"]  # "47 Leaders of Ahrar Al-Sham Killed in Idleb Blast"
    assert set(regions(ahrar.text, ahrar.title or "", LEAD_WEIGHTS)) == {idlib}
    bodies = load_fnc(*fnc_files(require_data("fnc1"))).bodies
    isis = normalize_body(bodies[446])
    assert isis.startswith("The Islamic State of Iraq and al-Sham") and damascus not in regions(isis)
