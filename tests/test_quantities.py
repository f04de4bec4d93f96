"""Quantities: intervals from numerals, vague quantifiers and bounds; what is not a count."""

from __future__ import annotations

import csv

import pytest

from conftest import fnc1_bodies, require_data
from newstrace.claims import extract_claims
from newstrace.claims.numbers import find_numbers, parse_number
from newstrace.claims.windows import find_windows
from newstrace.evaluate.casualties_fakes import casualty_intervals
from newstrace.model import Article, Quantity


def _counts(text: str) -> list[Quantity]:
    return extract_claims(Article.create(text)).quantities


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("12,800", 12800, 12800),
        ("Twelve", 12, 12),
        ("forty-two", 42, 42),
        ("two thousand five hundred", 2500, 2500),
        ("three hundred and twenty-five", 325, 325),
        ("1.5 million", 1_500_000, 1_500_000),
        ("at least three", 3, None),
        ("more than 300", 300, None),
        ("almost 100", 90, 100),
        ("up to 250", 0, 250),
        ("between 20 and 30", 20, 30),
        ("20 to 30", 20, 30),
        ("several hundred", 300, 900),
        ("a handful of", 2, 6),
        # "dozen" scales like "hundred": these read as "two" and "several" (3 to 9)
        ("more than two dozen", 24, None),
        ("several dozen", 36, 108),
        ("three dozen", 36, 36),
    ],
)
def test_number_intervals(phrase: str, low: float | None, high: float | None) -> None:
    found = find_numbers(phrase)
    assert len(found) == 1 and found[0].text == phrase
    assert (found[0].low, found[0].high) == (low, high)


def test_vague_quantifiers_have_sensible_bounds() -> None:
    for phrase, at_least in (("scores of", 20), ("dozens of", 24), ("hundreds of", 200), ("thousands of", 2000)):
        n = find_numbers(phrase)[0]
        assert n.low is not None and n.high is not None and at_least <= n.low < n.high
    assert parse_number("seven billion") == 7e9
    assert parse_number("the") is None


def test_windows_in_hours() -> None:
    cases = {
        "over the last 48 hours": [48.0, 48.0],
        "in the period of 24 hours": [24.0, 24.0],
        "in 3 days": [72.0, 72.0],
        "in the first two weeks": [336.0, 336.0],
    }
    for phrase, hours in cases.items():
        w = find_windows(f"They were killed {phrase}.")
        assert [x.text for x in w] == [phrase] and w[0].hours == hours
    recent = find_windows("hundreds died during recent weeks")[0]
    assert recent.hours is not None and recent.hours[0] >= 168


def test_range_count() -> None:
    (q,) = _counts("Between 20 and 30 people were killed in the shelling of Homs on Tuesday.")
    assert (q.low, q.high, q.event, q.subject) == (20, 30, "killed", "people")
    (r,) = _counts("Rescuers said 20 to 30 civilians were wounded.")
    assert (r.low, r.high, r.event) == (20, 30, "wounded")


def test_spelled_out_large_numbers() -> None:
    qs = _counts("The UN says three million refugees and two thousand five hundred children have fled the fighting.")
    assert [(q.low, q.subject) for q in qs] == [(3_000_000, "refugees"), (2500, "children")]
    assert qs[0].event == "displaced"


def test_non_counts_are_not_reported() -> None:
    text = (
        "The ceasefire agreed on September 9, 2016 collapsed in 2016 after 40 percent of the aid was blocked. "
        "Call +1 202-555-0143 or 555-0199 for details; the convoy left at 10:30 and cost $300 million. "
        "Resolution 2254 was adopted by 15 votes. The 37-year-old fighter was 6 feet tall."
    )
    assert _counts(text) == []


def test_numbers_in_tables_do_not_crash() -> None:
    text = "Province | Killed | Year\nAleppo | 12 | 2016\nHoms | 5 | 2015\nIdlib | 30 civilians | 2016\n"
    qs = _counts(text)
    for q in qs:
        assert text[q.start:q.end] == q.text
    assert not any(q.text in ("2016", "2015") for q in qs)


def test_places_read_the_parse_not_the_spelling_of_an_article() -> None:
    # A sentence cut off after "in The" (as scraped or generated text ends) left no place words
    # once "The" was dropped, and the place lookup indexed an empty list: one such sentence
    # stopped a 100,000-article analyze in its last batch.
    cut = _counts("Two people were killed and 40 wounded, it said in The.")
    assert [(q.text, q.place) for q in cut] == [("Two people", None), ("40 wounded", None)]
    # "A" is a name here, not the article "a": the place keeps it
    assert [q.place for q in _counts("Seven patients waited for hours at A and E on Friday.")] == ["A and E"]
    assert [q.place for q in _counts("Twelve civilians were killed in a blast at A, the report said.")] == ["A"]
    assert [q.place for q in _counts("Five civilians were killed in the Bustan al-Qasr district of Aleppo.")] == [
        "Bustan al-Qasr district of Aleppo"
    ]


def test_fakes_article_counts() -> None:
    path = require_data("fakes", "fakes_dev.csv")
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        rows = {r["unit_id"]: r for r in csv.DictReader(fh)}
    row = next(r for r in rows.values() if r["article_title"].startswith("Suicide bomber kills 4"))
    qs = _counts(row["article_title"] + "\n" + row["article_content"])
    killed = [q for q in qs if q.event == "killed"]
    assert killed[0].low == 4 and killed[0].subject == "people"
    executed = [q for q in qs if q.low == 48]
    assert executed and executed[0].event == "killed"


def test_a_bare_whole_does_not_take_the_noun_of_its_part() -> None:
    # Ahram's headline "Strike kills 15 including 4 children" counted 15 children, and compare
    # reported a false drift against al-Araby's "five children" for the same strike.
    path = require_data("fakes", "fakes_dev.csv")
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["article_title"].startswith("Strike kills 15 including 4 children"))
    qs = _counts(row["article_title"] + "\n" + row["article_content"])
    assert [(q.text, q.subject, q.event) for q in qs[:2]] == [("15", "people", "killed"), ("4 children", "children", "killed")]
    # with commas round the part, as wire copy writes it
    (bare, part) = _counts("Strikes killed 11, including 3 children, in Aleppo.")
    assert (bare.subject, part.subject) == ("people", "children")


def test_a_bare_whole_apart_from_its_part_does_not_take_its_noun() -> None:
    # TRT (FA-KES dev row 1924058107) counted four children in this sentence, so the toll of
    # children read 4: "including" sits after the verb here, not beside the whole as in Ahram's
    # headline above, and the bare whole took the noun of its part.
    sentence = "The Ghouta Media Center said four were killed including two children."
    whole, part = _counts(sentence)
    assert (whole.text, whole.subject, whole.event) == ("four", "people", "killed")
    assert (part.text, part.subject, part.event) == ("two children", "children", "killed")
    assert casualty_intervals([whole, part], sentence)["nb_children"].point == 2
    # the same with a comma, wounded or killed: 30 are people of unknown kind, 12 the civilians
    wounded, civilians = _counts("30 were wounded, including 12 civilians.")
    assert (wounded.subject, wounded.event, civilians.subject) == ("people", "wounded", "civilians")
    text = "30 were killed, including 12 civilians."
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 12
    # a whole that names its people keeps them, and its part shares its event
    five, three = _counts("Five civilians including three children were killed.")
    assert [(q.subject, q.event) for q in (five, three)] == [("civilians", "killed"), ("children", "killed")]


def test_a_part_counted_before_of_them_is_read_with_its_whole_s_event() -> None:
    # "7 of them civilians" was not read at all: the parse makes the number the subject of its noun,
    # and no event verb governs it. SANA (FA-KES dev row 1926479156) lost its child so.
    path = require_data("fakes", "fakes_dev.csv")
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["unit_id"] == "1926479156")
    text = row["article_title"] + "\n" + row["article_content"]
    qs = _counts(text)
    assert [(q.text, q.subject, q.event) for q in qs if q.text.startswith(("Two people", "one of them"))][:2] == [
        ("Two people", "people", "killed"), ("one of them a child", "child", "killed"),
    ]
    assert casualty_intervals(qs, text)["nb_children"].point == int(row["nb_children"]) == 1
    # the Observatory in Ahram (row 1923848175): six of the 34 dead, not six more people
    sentence = "The Britain-based Syrian Observatory for Human Rights says 34 people were killed 6 of them women or children."
    whole, part = _counts(sentence)
    assert [(q.text, q.subject, q.event) for q in (whole, part)] == [
        ("34 people", "people", "killed"), ("6 of them women or children", "women or children", "killed"),
    ]
    # a bare whole counts people, the part its own noun, and the part is not added to the whole
    for sentence, part_text, low, subject in (
        ("Twelve were killed, 7 of them civilians.", "7 of them civilians", 7, "civilians"),
        ("Twelve people were killed, seven of whom were children.", "seven of whom were children", 7, "children"),
        ("Twelve people were killed, of whom seven were children.", "seven were children", 7, "children"),
        ("Twelve people were killed, among them three women.", "three women", 3, "women"),
    ):
        whole, part = _counts(sentence)
        assert (whole.low, whole.subject, whole.event) == (12, "people", "killed"), sentence
        assert (part.text, part.low, part.subject, part.event) == (part_text, low, subject, "killed"), sentence
    text = "Twelve were killed, 7 of them civilians."
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 7
    text = "An air strike killed 20 people, 11 of them children."
    assert {f: e.point for f, e in casualty_intervals(_counts(text), text).items() if e.point} == {
        "nb_civilians": 20, "nb_children": 11,
    }
    # the whole in the sentence before; a verb after "of them" is no part's noun
    whole, part = _counts("At least 12 people were killed in the strike. Seven of them were children.")
    assert (part.text, part.low, part.subject, part.event) == ("Seven of them were children", 7, "children", "killed")
    assert [(q.text, q.subject, q.event) for q in _counts("Five of them died in air strikes.")] == [("Five", "people", "killed")]


def test_a_count_of_two_sides_shares_the_plural_noun() -> None:
    # the parse heads "70" on the singular "regime", with "fighters" its conjunct
    text = "At least 70 Syrian regime and rebel fighters have been killed in 24 hours of battle in Aleppo province."
    (q,) = [q for q in _counts(text) if q.event == "killed"]
    assert (q.low, q.subject) == (70, "rebel fighters")
    # a conjunct with its own number is a second count, not the first's noun
    assert [(q.low, q.subject) for q in _counts("One man and two women were killed in the air strike on Monday.")] == [
        (1, "man"), (2, "women")]


def test_the_killing_of_n_is_a_killed_count() -> None:
    text = ("ISIS Video Shows Killing of 2 Syrian Activists\n"
            "The group has released a video purporting to show the killing of two Syrian activists in Raqqa.")
    qs = [q for q in _counts(text) if q.event == "killed"]
    assert [(q.low, q.subject) for q in qs] == [(2, "activists"), (2, "activists")]
    assert casualty_intervals(qs, text)["nb_civilians"].point == 2


def test_a_headline_toll_restated_as_combatants_is_not_civilians() -> None:
    text = ("Syrian air strikes on ISIL-controlled Raqqa kills 19\n"
            "Syrian bombers pounded a stronghold of the ISIL group in Raqqa, reportedly killing at least 19 "
            "terrorists on the ground, a monitor said.\n"
            "Elsewhere, five civilians were killed in shelling on Aleppo earlier that week.")
    est = casualty_intervals(_counts(text), text)
    assert est["nb_civilians"].point == 0
    assert (est["nb_noncivilians"].low, est["nb_noncivilians"].high) == (19, None)


def test_a_toll_since_the_war_began_is_not_the_event_s() -> None:
    text = ("Jihadists execute three rebel officers\n"
            "Jihadists have executed three officers of the rebel Free Syrian Army, a monitor said Saturday.\n"
            "Rebels have been battling ISIL since the start of the year in fighting that has reportedly killed "
            "more than 6000 people.")
    est = casualty_intervals(_counts(text), text)
    assert est["nb_civilians"].point == 0
    assert est["nb_noncivilians"].point == 3


def test_the_rest_of_a_toll_named_by_who_they_were_is_counted() -> None:
    """AFP on the Raqa raids (FA-KES dev 1914947537, and Press TV's copy 1965511164, as published):
    "Six civilians including a child were among at least 22 people killed ... The rest of the dead
    ... were IS fighters" reports 16 fighters, a number no one writes; the fighters were 0. The whole
    less its part is the rest's, when "the rest" names one group of the field."""
    text = ("22 dead in heavy U.S. raids on IS Syria stronghold\n"
            "Sun 05 Jul 2015 22 dead in heavy U.S. raids on IS Syria stronghold. Six civilians including a child "
            "were among at least 22 people killed in U.S. air strikes on the Islamic State groups de facto Syrian "
            "capital on Saturday and Sunday a monitor said. The rest of the dead in the raids on the city of Raqa "
            "were IS fighters the Syrian Observatory for Human Rights said. Dozens of people were also wounded.")
    est = casualty_intervals(_counts(text), text)
    assert (est["nb_civilians"].point, est["nb_children"].point) == (6, 1)
    assert (est["nb_noncivilians"].low, est["nb_noncivilians"].high, est["nb_noncivilians"].point) == (16, None, 16)
    for text in ("Six civilians were among 22 killed; the rest were IS fighters, the Syrian Observatory said.",
                 "At least 22 people were killed, including six civilians. The rest were fighters of the Islamic State group."):
        est = casualty_intervals(_counts(text), text)
        assert (est["nb_civilians"].point, est["nb_noncivilians"].point) == (6, 16), text
    # a rest of two sides, or one not said to be anyone, or said two sentences later, counts no one
    for text in ("Six civilians were among 22 killed; the rest were aid workers and rebels guarding the convoy.",
                 "Six civilians were among 22 killed; the rest were killed in the course of the battles.",
                 "Six civilians were among 22 killed. Troops shelled the town. The rest were IS fighters."):
        assert casualty_intervals(_counts(text), text)["nb_noncivilians"].point == 0, text


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high"),
    [
        # a toll's number counts the dead though no noun follows it; the count's words run from the toll
        ("The death toll from the attack has risen to 48 on Tuesday.", "death toll from the attack has risen to 48",
         48, 48),
        ("Rescuers pulled more bodies from the rubble, bringing the death toll to 48.", "death toll to 48", 48, 48),
        ("The toll stands at 48, medics said.", "toll stands at 48", 48, 48),
        ("The attack left a death toll of 48.", "death toll of 48", 48, 48),
        ("The number of dead reached 48 by nightfall.", "number of dead reached 48", 48, 48),
        # a toll the passive's subject: "was put at" (SANA, FA-KES dev 1926479027, a row the casualty split holds out)
        ("The death toll was put at 48 by medics.", "death toll was put at 48", 48, 48),
        # a toll gone past its number is more than it
        ("Syria's death toll has passed 400,000.", "death toll has passed 400,000", 400_000, None),
        # a toll that rose from one number to another is the second: 'from 20 to 30' is no range here
        ("The death toll rose from 20 to 30 on Tuesday.", "death toll rose from 20 to 30", 30, 30),
        ("The death toll rose from 20 to more than 30.", "death toll rose from 20 to more than 30", 30, None),
    ],
)
def test_a_death_toll_is_a_count_of_the_dead(sentence: str, text: str, low: float, high: float | None) -> None:
    found = _counts("Rockets hit Aleppo\n" + sentence)
    assert [(q.text, q.low, q.high, q.subject, q.event) for q in found] == [(text, low, high, "people", "killed")]


def test_a_toll_that_rose_from_one_number_to_another_is_the_second() -> None:
    found = _counts("Rockets hit Aleppo\nThe death toll rose from 20 to 30 people on Tuesday.")
    assert [(q.low, q.high, q.event) for q in found] == [(30, 30, "killed")]
    # a place is no change verb, though it starts like one ("Fallujah", "mountain")
    found = _counts("Rockets hit Iraq\nThe death toll in Fallujah from 20 to 30 people was given by medics.")
    assert [(q.low, q.high) for q in found if q.event == "killed"] == [(20, 30)]
    # a range is no change: "killed from 500 to well over 1000 people" is 500 or more
    found = _counts("Rockets hit Aleppo\nThe raids killed from 500 to well over 1000 people.")
    assert [(q.low, q.high, q.event) for q in found] == [(500, None, "killed")]


def test_a_toll_of_something_else_is_no_count_of_the_dead() -> None:
    found = _counts("Floods hit the region\nThe injury toll rose to 48, officials said.")
    assert not [q for q in found if q.event == "killed"]


def test_a_part_of_a_toll_shares_its_event() -> None:
    found = _counts("Rockets hit Aleppo\nThe toll stands at 48, including 10 children, medics said.")
    assert [(q.text, q.event) for q in found] == [("toll stands at 48", "killed"), ("10 children", "killed")]


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # a number its state word follows keeps that state though a toll's verb governs it: SANA (FA-KES dev
        # 1926479136, a row the casualty split holds out) gave the wounded the toll's dead
        ("The death toll of the attack rose to 8 civilians in addition to 12 injured.",
         [("8 civilians", "civilians", "killed"), ("12 injured", "people", "wounded")]),
        ("The death toll was put at 8 civilians in addition to 12 injured.",
         [("8 civilians", "civilians", "killed"), ("12 injured", "people", "wounded")]),
        ("The toll rose to 10 killed and 5 missing.", [("toll rose to 10", "people", "killed"),
                                                       ("5 missing", "people", "missing")]),
    ],
)
def test_a_count_its_state_word_follows_keeps_it_beside_a_toll(sentence: str, counts: list[tuple[str, str, str]]) -> None:
    found = _counts("Rockets hit Aleppo\n" + sentence)
    assert [(q.text, q.subject, q.event) for q in found] == counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # one picture or document is no claim about people or events; 'several times' is how often
        ("One photograph shows a man carrying the lifeless body of a child.", []),
        ("One report said 20 people died.", [("20 people", "killed")]),
        ("The SDF has attempted several times to advance into the city.", []),
        # the family the members come from did not die
        ("Four members of one family died when a shell hit their house.", [("Four members", "killed")]),
    ],
)
def test_what_a_count_describes_is_no_count(sentence: str, counts: list[tuple[str, str]]) -> None:
    assert [(q.text, q.event) for q in _counts("Shelling in Aleppo\n" + sentence)] == counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("The attack left 7 dead and dozens wounded.", [("7 dead", "killed"), ("dozens wounded", "wounded")]),
        ("Several injured as rockets hit Damascus.", [("Several injured", "wounded")]),
    ],
)
def test_a_vague_headline_count_is_a_count(sentence: str, counts: list[tuple[str, str]]) -> None:
    assert [(q.text, q.event) for q in _counts("Rockets hit Damascus\n" + sentence)] == counts


def test_dozens_counted_in_a_sentence() -> None:
    # FNC-1 (Reuters on Boko Haram; AP on Iguala): "several dozen" was 3 to 9 and "two dozen" 2
    found = _counts("Attacks go on\nSuspected Boko Haram militants continued to attack communities, leaving "
                    "several dozen dead over the weekend. Six people were killed, more than two dozen injured.")
    assert [(q.text, q.low, q.high, q.event) for q in found] == [
        ("several dozen dead", 36, 108, "killed"), ("Six people", 6, 6, "killed"),
        ("more than two dozen injured", 24, None, "wounded"),
    ]


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # FNC-1 (Iraqi News; Ottawa shooting; Iguala): the killing is told by a clause with a subject of its own
        ("On Monday, several Iraqi officials confirmed that ISIS murdered over 300 soldiers using chlorine gas.",
         [("several Iraqi officials", None), ("over 300 soldiers", "killed")]),
        ("Two MPs tweeted that the gunman has been killed by police.", [("Two MPs", None)]),
        ("The fighters withdrew after a truce, but took 30 hostages, three of whom have been executed.",
         [("30 hostages", None), ("three", "killed")]),
    ],
)
def test_the_killing_of_another_clause_is_not_the_count_s(sentence: str, counts: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.event) for q in _counts("Attack\n" + sentence)] == counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # FNC-1 (Boston; Ferguson; Boko Haram): the subject of "killed" with an object did the killing
        ("Shortly after, the two brothers reportedly killed an MIT police officer.",
         [("two brothers", None), ("an MIT police officer", "killed")]),
        ("Examiners identified the two head shots that actually killed Brown.", [("two head shots", None)]),
        ("There have been at least six attacks over the weekend – blamed by security sources on the insurgents – "
         "that have killed several dozen people.", [("at least six attacks", None), ("several dozen people", "killed")]),
        ("Two men admitted killing and eating their victim.", [("Two men", None)]),
        # FA-KES's comma-less headlines: a count as the object is the next toll, not the victims of the first
        ("Nine persons killed 12 injured in terrorist attack in Aleppo city.",
         [("Nine persons", "killed"), ("12 injured", "wounded")]),
    ],
)
def test_who_killed_is_no_count_of_the_dead(sentence: str, counts: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.event) for q in _counts("Attack\n" + sentence)] == counts


def test_no_one_is_no_count_of_one() -> None:
    # FNC-1 (the Managua meteorite; the Castro hoax): "no one" was one injured, one dead
    text = ("Meteorite hits Managua\nResidents had a lucky escape as no one was injured. No one has died more "
            "times than Fidel Castro. One man was hurt.")
    assert [(q.text, q.event) for q in _counts(text)] == [("One man", "wounded")]


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # PolNeAR (HuffPost, NYT): "dead" before the object, and hung on the noun by the parse
        ("A married couple also claiming allegiance to Islamic State shot dead 14 people in San Bernardino.",
         [("14 people", "killed")]),
        ("In August, security forces shot dead roughly 100 demonstrators and injured hundreds more.",
         [("roughly 100 demonstrators", "killed")]),
        # FNC-1: "lives" under the number that "claimed" takes as its object; "threatened" lives are not lost
        ("The Ebola virus epidemic has claimed thousands of lives in the West African countries.",
         [("thousands of lives", "killed")]),
        ("Any breach of the dam would have threatened thousands of lives.", [("thousands of lives", None)]),
        # what befell the people, said before them, when no verb says it (a verb does: "killed ... displaced people")
        ("The three most seriously injured patients stayed in the clinic overnight.",
         [("three most seriously injured patients", "wounded")]),
        ("A car bombing blamed on Daesh killed at least 26 displaced people in eastern Syria on Friday.",
         [("at least 26 displaced people", "killed")]),
    ],
)
def test_what_befell_the_counted_where_the_parse_puts_it(sentence: str, counts: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.event) for q in _counts("Attack\n" + sentence)] == counts


def test_a_bare_count_borrows_no_far_or_thing_subject() -> None:
    # FNC-1 (CNN on Boko Haram): the 8 killed were no villages
    text = ("Boko Haram attacks\nGunmen believed to be Boko Haram fighters attacked two villages and a town near the "
            "border with Niger, killing at least 8 and kidnapping others, residents told CNN Saturday.")
    assert [(q.text, q.subject) for q in _counts(text) if q.event == "killed"] == [("at least 8", "people")]
    # AP in FA-KES's shape: the 25 wounded on the bus were not the children of two sentences before
    text = ("Strikes in Idlib\nAir strikes killed 12 children in Idlib on Monday. The opposition blamed Russian jets. "
            "Also on Saturday a bomb exploded aboard a bus carrying workers near Homs killing a woman and wounding 25.")
    assert [(q.text, q.subject) for q in _counts(text) if q.event == "wounded"] == [("25", "people")]


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # FNC-1 (Boko Haram; Iraq): the displaced were read as killed, the families of victims as victims
        ("An estimated 5,000 Nigerians have been killed and a further 300,000 displaced by the violence.",
         [("An estimated 5,000 Nigerians", "killed"), ("300,000 displaced", "displaced")]),
        ("His death will be welcome news for the thousands of families of terrorism victims.",
         [("thousands of families", None)]),
        ("36 cases of suffocation were recorded.", [("36 cases of suffocation", "suffocation")]),
    ],
)
def test_what_befell_others_is_not_the_count_s(sentence: str, counts: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.event) for q in _counts("Attack\n" + sentence)] == counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # FNC-1 (Iguala; the Iraq chemical shells): the event is the second of two joined verbs
        ("A man they arrested told how 17 of the missing youths were rounded up and killed, then thrown in pits.",
         [("17 of the missing youths", "killed")]),
        ("At least 17 U.S. troops and 7 Iraqi police officers were burned or wounded when chemical devices exploded.",
         [("At least 17 U.S. troops", "wounded"), ("7 Iraqi police officers", "wounded")]),
        # the part's verbs are not its whole's
        ("At least 15 of the 350 hostages taken by ISIS in Assyrian villages have been shot, beheaded or both.",
         [("At least 15 of the 350 hostages", "killed"), ("350 hostages", None)]),
        # a joined verb with an object is the subject's deed
        ("Five gunmen stormed the village and killed 12 people.", [("Five gunmen", None), ("12 people", "killed")]),
    ],
)
def test_a_verb_joined_to_the_count_s_verb_is_its_event(sentence: str, counts: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.event) for q in _counts("Attack\n" + sentence)] == counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # FNC-1 (Ottawa; Foley; Turkey): one victim without a numeral is a count of one
        ("Canadian media is reporting that a soldier has been wounded in the attack.", [("a soldier", 1, "wounded")]),
        ("An American journalist has been killed in a car crash in Turkey.", [("An American journalist", 1, "killed")]),
        ("Obama denounced Islamic State militants for murdering an American journalist.",
         [("an American journalist", 1, "killed")]),
        # the one lends no subject to a bare count; a man who killed is no victim
        ("Syrian state TV reported a bomb exploded aboard a bus near Homs killing a woman and wounding 25.",
         [("a woman", 1, "killed"), ("25", 25, "wounded")]),
        ("Police said a man killed his wife.", []),
    ],
)
def test_one_victim_without_a_numeral_is_a_count_of_one(sentence: str, counts: list[tuple[str, int, str]]) -> None:
    found = _counts("Attack\n" + sentence)
    assert [(q.text, q.low, q.event) for q in found] == counts
    assert all(q.subject == "people" for q in found if q.text == "25")


def test_one_victim_of_another_item_does_not_add_up_to_the_lead_toll() -> None:
    # SANA's roundups in FA-KES: the civilian of the Sweida item is not the seventh of the lead's toll
    text = ("Seven killed in terrorist attacks\nSix civilians were killed on Monday when terrorists fired rocket "
            "shells on the neighborhoods of Aleppo city. A civilian was killed and his son was injured on Friday in "
            "a terrorist explosive device blast in al-Lojat area in Sweida.")
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 6


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # FNC-1 (Lebanon; the eggnog hoax): a death threatened or nearly suffered is none
        ("On Monday night, the Nusra Front threatened to kill one of the soldiers it holds captive.",
         [("one of the soldiers", None)]),
        ("After an eggnog-chugging contest at an office party, two men nearly died from an infection.",
         [("two men", None)]),
        ("Militants ambushed an army patrol, killing six soldiers.", [("six soldiers", "killed")]),
    ],
)
def test_a_death_that_did_not_happen_is_none(sentence: str, counts: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.event) for q in _counts("Attack\n" + sentence)] == counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # FNC-1 (Libya; Boko Haram): people lost are people killed
        ("Hifter's side lost 20 fighters while the militiamen had 11 killed, the official said.",
         [("20 fighters", "killed"), ("11 killed", "killed")]),
        ('"We lost four of our members and we killed three terrorists."',
         [("four of our members", "killed"), ("three terrorists", "killed")]),
        # seats, and elites one may lose, are not
        ("The party lost 20 seats.", []),
        # people who leave a body are not dead
        ("The Labour party lost 20,000 members last year after the vote.", [("20,000 members", None)]),
        ("The company lost 500 workers to its rival in 2015.", [("500 workers", None)]),
        ("The school lost 40 students when the district was redrawn.", [("40 students", None)]),
        ("You may lose a handful of elites on one end of the party.", [("a handful of elites", None), ("one end", None)]),
    ],
)
def test_people_lost_are_killed(sentence: str, counts: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.event) for q in _counts("Clashes\n" + sentence)] == counts


def test_one_of_a_count_is_no_toll_of_one() -> None:
    # PolNeAR (HuffPost on Newtown): the toll is 26, not one; "one of them" stays a part
    text = ("Newtown\nHochsprung was one of 26 people killed in the December 2012 shooting at the Newtown, Connecticut, "
            "school. The blast had the energy of 1 tonne of TNT.")
    assert [(q.text, q.event) for q in _counts(text)] == [("26 people", "killed"), ("1 tonne", None)]
    text = "Attack\nTwelve people were killed, one of them a child."
    assert [(q.text, q.event) for q in _counts(text)] == [("Twelve people", "killed"), ("one of them a child", "killed")]


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # FNC-1 (Boko Haram's year; the Ferguson autopsies): schools and times are not killed
        ("Boko Haram's Bloodiest Year Yet: Over 9,000 Killed, 1.5 Million Displaced, 800 Schools Destroyed in 2014",
         [("Over 9,000 Killed", "killed"), ("1.5 Million Displaced", "displaced"), ("800 Schools", None)]),
        ("Two autopsies have concluded he died after being shot six times by Wilson.",
         [("Two autopsies", None), ("six times", None)]),
    ],
)
def test_things_are_neither_killed_nor_wounded(sentence: str, counts: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.event) for q in _counts("Report\n" + sentence)] == counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # FNC-1 (Boko Haram) and AFP in FA-KES's shape: "dozens" with no noun, killed or wounded, is a rough toll
        ("But Boko Haram has not confirmed the truce and there have been at least five attacks since that have "
         "killed dozens.", [("at least five attacks", None), ("dozens", "killed")]),
        ("Airstrikes kill seven and wound dozens more in the last rebel-held area in Syria's third city of Homs.",
         [("seven", "killed"), ("dozens", "wounded")]),
        # how often is no toll
        ("The SDF has attempted several times to advance into the city.", []),
    ],
)
def test_a_vague_word_a_casualty_verb_takes_is_a_toll(sentence: str, counts: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.event) for q in _counts("Attacks\n" + sentence)] == counts


def test_a_number_beats_a_vague_word_for_one_toll() -> None:
    # the headline's "Dozens killed" is the lead's 31 civilians said roughly
    text = "Dozens killed in Idlib\nAir strikes on a market in Idlib killed 31 people on Tuesday, medics said."
    claims = extract_claims(Article.create(text))
    assert casualty_intervals(claims.quantities, text)["nb_civilians"].point == 31


def test_a_vague_toll_in_the_lead_gives_way_to_the_body_s_number() -> None:
    # the lead says it roughly; the body's paragraph gives the number
    text = ("Scores killed in strikes on aid convoy\nAir strikes hit an aid convoy near Aleppo on Monday night.\n"
            "Medics said 22 volunteers were killed in the strikes.")
    claims = extract_claims(Article.create(text))
    assert casualty_intervals(claims.quantities, text)["nb_civilians"].point == 22


@pytest.mark.parametrize(
    ("text", "field"),
    [
        # Ahram and al-Araby on the Aleppo offensive (FA-KES dev 1923848261, 1923102946): the children were
        # killed by regime bombs elsewhere in the province
        ("At least 70 killed in north of Syria's Aleppo: Monitor\n"
         "At least 70 Syrian regime and rebel fighters have been killed in 24 hours of battle in Aleppo province, "
         "a monitor said on Thursday. The Observatory said 30 regime soldiers and 39 rebel fighters died. "
         "The Observatory said two children were killed by regime bombs in a rebel-held area of Aleppo.",
         "nb_children"),
        # Daily Sabah (FA-KES dev 1924058141): the civilians died in another town the jets struck
        ("Opposition forces claim fighter killed, others injured by Russian airstrikes in Syria's Idlib\n"
         "Opposition sources claimed on Sunday that Russian jets hit an outpost in Idlib province near the border "
         "with Turkey, killing at least one opposition fighter and wounding several others. They said several raids "
         "overnight hit Babeska, a village that has become a haven for Free Syrian Army groups. War jets also struck "
         "Urum al Kubra town in western Aleppo countryside, where five civilians were killed.",
         "nb_civilians"),
    ],
)
def test_a_lead_whose_toll_is_all_combatants_leaves_later_victims_to_other_incidents(text: str, field: str) -> None:
    assert casualty_intervals(_counts(text), text)[field].point == 0


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        # TRT (FA-KES dev 1924058083): the children and women of the 39 civilians read as no one's dead
        ("Syrian Observatory for Human Rights says those killed in two attacks include 14 children and four women.",
         [("two attacks", None), ("14 children", "killed"), ("four women", "killed")]),
        # al-Araby on the Aleppo raids (FA-KES dev 1923102938), as published without commas
        ("Among the dead were 20 children and nine women said Observatory director Rami Abdel Rahman.",
         [("20 children", "killed"), ("nine women", "killed")]),
        ("The victims included four women and three children, the civil defence said.",
         [("four women", "killed"), ("three children", "killed")]),
        ("Doctors said those wounded include 5 children.", [("5 children", "wounded")]),
        # a group not named by what befell it gives no event
        ("The attackers were 5 men, the police said.", [("5 men", None)]),
    ],
)
def test_a_count_listed_as_the_dead_takes_their_event(sentence: str, counted: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.event) for q in _counts(sentence)] == counted


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        # al-Araby (FA-KES dev 1923102898): the five children of the 45 dead were not read at all
        ("The Syrian Observatory for Human Rights reported that five of the dead were children.",
         ("five of the dead were children", 5, "children", "killed")),
        ("Two of those wounded were children, the hospital director said.",
         ("Two of those wounded were children", 2, "children", "wounded")),
    ],
)
def test_a_part_of_the_dead_is_counted_with_their_event(sentence: str, part: tuple[str, int, str, str]) -> None:
    assert [(q.text, q.low, q.subject, q.event) for q in _counts(sentence)] == [part]
    # a verb after the group names no one
    assert _counts("Five of the dead were identified by their relatives.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        # Al Arabiya (FA-KES dev 1926479363): the parse hangs "including 11 children" on the town
        "EU diplomatic chief Federica Mogherini said Tuesday the regime bears primary responsibility for a suspected "
        "chemical attack that killed at least 58 people in a rebel-held town in Idlib Syria including 11 children "
        "under the age of eight on Tuesday.",
        # AFP in FA-KES dev 1914947538, "among them" on the village
        "The Syrian Observatory for Human Rights reported that troops had executed 48 people earlier this week in "
        "a northern village among them 10 children.",
    ],
)
def test_a_part_after_including_has_its_whole_s_event_wherever_it_hangs(sentence: str) -> None:
    whole, part = _counts(sentence)
    assert (whole.event, part.event) == ("killed", "killed")
    # a part cannot outnumber its whole: a larger count after "including" is no part of it
    assert [q.event for q in _counts("The strike killed five people in a town including 300 houses.")] == ["killed", None]


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        # AFP in Ahram (FA-KES dev 1923848197), commas dropped as FA-KES's copy has them: "Daraa 15 civilians"
        # parses as the object of "of"
        ("In Jassem in the southern province of Daraa 15 civilians were killed in four air strikes while 25 others "
         "were wounded said the Syrian Observatory for Human Rights.", "15 civilians"),
        # SANA (FA-KES dev 1962495711): a headline run into the first sentence
        ("Child killed two others injured in terrorist attack on al-Hamadaniye neighborhood in Aleppo One child was "
         "killed and two others were injured on Monday due to attacks by terrorist groups.", "One child"),
    ],
)
def test_a_count_right_before_a_subjectless_passive_is_its_subject(sentence: str, counted: str) -> None:
    assert [q.event for q in _counts(sentence) if q.text == counted] == ["killed"]


@pytest.mark.parametrize(
    ("text", "counted", "subject", "bound"),
    [
        # AP in Ahram (FA-KES dev 1923848175): six of the 34 dead were women or children, no one says how many of each
        ("Rocket attacks kill at least 30 in Syria's Aleppo\n"
         "Syrian state media says 30 people have been killed in rocket fire overnight in Aleppo. SANA says rebel "
         "groups targeted residential neighborhoods. The Britain-based Syrian Observatory for Human Rights says 34 "
         "people were killed 6 of them women or children.",
         "6 of them women or children", "women or children", 6),
        # Daily Sabah (FA-KES dev 1924058138)
        ("Syria uses chemical weapons, Turkey offers remedy\n"
         "The jet fighters from the Syrian regime have attacked settlements in Idlib with chemical weapons, killing at "
         "least 70 people including dozens of women and children.",
         "dozens of women and children", "women and children", 144),
    ],
)
def test_a_count_of_two_groups_together_bounds_each(text: str, counted: str, subject: str, bound: float) -> None:
    qs = _counts(text)
    assert [q.subject for q in qs if q.text == counted] == [subject]
    est = casualty_intervals(qs, text)
    for f in ("nb_women", "nb_children"):
        assert (est[f].low, est[f].high) == (0, bound), f
    # groups with numbers of their own are two counts, summed for civilians
    text = "Five women and six children were killed in the air strike on Monday."
    assert [q.subject for q in _counts(text)] == ["women", "children"]
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 11


@pytest.mark.parametrize(
    ("text", "field"),
    [
        # al-Araby (FA-KES dev 1923102915): "192 children" of last month's toll stood for the camp's child
        ("Syrian refugee camp hit with missiles and bombs\n"
         "Russian or Syrian regime war planes bombed a refugee camp inside rebel-held Idlib province killing five "
         "women and a child. Bombs and missiles struck the camp. Last month nearly 1200 Syrian civilians were killed "
         "the Syrian Network for Human Rights claimed including 192 children and 163 women.",
         "nb_children"),
        # al-Araby (FA-KES dev 1923102893)
        ("Two dead twenty injured in Syrian regime chlorine attack\n"
         "A woman and a child were killed and twenty civilians including children were treated for asphyxiation on "
         "Tuesday evening following what is believed to be a chlorine gas attack.",
         "nb_children"),
        # SANA (FA-KES dev 1926478960, 1926479084)
        ("Nine persons killed 12 injured in terrorist attack in Aleppo city\n"
         "Six civilians were killed among them 4 children and a woman while eight persons were injured in terrorist "
         "attacks with rocket shells on al-Hizam al-Akhdar area in New Aleppo.",
         "nb_women"),
        ("Seven people killed scores injured in terrorist attacks in Aleppo and Damascus\n"
         "Seven people were killed and 72 others were injured on Monday due to terrorist rocket attacks. A source "
         "said that terrorists fired rocket shells at residential neighborhoods claiming the life of a woman and "
         "injuring 19.",
         "nb_women"),
    ],
)
def test_one_victim_the_lead_names_without_a_numeral_is_counted(text: str, field: str) -> None:
    est = casualty_intervals(_counts(text), text)[field]
    assert (est.low, est.high, est.point) == (1, 1, 1)
    # one wounded is no one killed
    text = "Shelling hits Aleppo\nTwo people were killed and a woman and a child were wounded in shelling on Aleppo."
    assert casualty_intervals(_counts(text), text)[field].point == 0


@pytest.mark.parametrize(
    ("sentence", "counted", "low", "high"),
    [
        # Reuters in Al Arabiya (FA-KES dev 1926479384): the toll was 'well over 1000', no event, 'from 500' dropped
        ("Syria's government has offered no public response to U.N. calls to inspect the site of the attack which "
         "opponents of Syrian President Bashar al-Assad said killed from 500 to well over 1000 people.",
         "500 to well over 1000 people", 500, None),
        ("Activists said the shelling killed 40 to more than 60 people in the besieged district.",
         "40 to more than 60 people", 40, None),
    ],
)
def test_a_range_open_above_is_one_count(sentence: str, counted: str, low: float, high: float | None) -> None:
    assert [(q.text, q.low, q.high, q.event) for q in _counts(sentence)] == [(counted, low, high, "killed")]


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        # FNA (FA-KES dev 1962495662), whose "tens of casualties" read as people of no side
        ("The Syrian Democratic Forces have foiled an ISIS attack near the town of Manbij killing 80 terrorists and "
         "inflicting 30 casualties on the militants.", "militants"),
        ("The strikes caused dozens of casualties among civilians, the civil defence said.", "civilians"),
        ("The air raid caused 12 deaths among the residents of the camp.", "residents"),
    ],
)
def test_a_toll_among_a_group_counts_that_group(sentence: str, subject: str) -> None:
    assert [q.subject for q in _counts(sentence) if "casualties" in q.text or "deaths" in q.text] == [subject]


@pytest.mark.parametrize(
    ("text", "counted", "subject"),
    [
        # Al-Alam (FA-KES dev 1962495666): the lead's toll was no count, so five civilians killed elsewhere stood
        # for the article's civilians
        ("Daesh Terrorist Group Execute 70 Members in Raqqa\n"
         "The Islamic state terrorist group has executed tens of its own fighters in recent days on charges of "
         "fleeing Raqqa the capital of its Caliphate, informed sources said.",
         "tens of its own fighters", "fighters"),
        ("Tens of civilians were killed in the air raids on the town on Sunday, activists said.",
         "Tens of civilians", "civilians"),
    ],
)
def test_tens_of_is_a_vague_count(text: str, counted: str, subject: str) -> None:
    (q,) = [q for q in _counts(text) if q.text == counted]
    assert (q.low, q.high, q.subject, q.event) == (20, 99, subject, "killed")
    # a scale after it is the multiplier's, billions too
    assert [(n.low, n.high) for n in find_numbers("tens of billions of dollars")] == [(20e9, 99e9)]


@pytest.mark.parametrize(
    ("text", "field", "point"),
    [
        # Crux via Al-Alam (FA-KES dev 1962495647): the Assyrians ISIS killed were no one's civilians
        ("ISIS Behead or Shot 15 Captured Assyrian\n"
         "According to sources in the Assyrian Christian Church hostages taken by ISIS have been shot or beheaded. "
         "The news of the killings was reported by Archimandrite Emanuel Youkhana. Around 15 young Assyrians are "
         "martyred Youkhana reported.", "nb_civilians", 15),
        ("Car bomb kills aid worker\nA car bomb killed one aid worker in Idlib on Sunday.", "nb_civilians", 1),
        ("Rebels kill 19 regime forces in Aleppo tunnel blast\n"
         "The Observatory said 19 regime forces were killed on Monday when rebels blew up a tunnel.",
         "nb_noncivilians", 19),
        ("Army kills 12 foreign mercenaries\nThe army said it killed 12 foreign mercenaries near Palmyra.",
         "nb_noncivilians", 12),
    ],
)
def test_nouns_that_name_a_side(text: str, field: str, point: float) -> None:
    assert casualty_intervals(_counts(text), text)[field].point == point


@pytest.mark.parametrize(
    ("sentence", "second"),
    [
        # Al-Manar (FA-KES dev 1965511157), commas dropped as FA-KES's copy has them
        ("Clashes broke out after the assault that killed five of Al-Nusra and allied militants as well as six "
         "militants who were defending Division 30 said Observatory director Rami Abdel Rahman.", "six militants"),
    ],
)
def test_a_second_object_after_as_well_as_shares_the_verb(sentence: str, second: str) -> None:
    assert [q.event for q in _counts(sentence) if q.text == second] == ["killed"]
    # a verb of its own in between is the second's
    assert [q.event for q in _counts("The strikes killed 12 civilians and wounded dozens as well as 30 fighters.")
            if q.low == 30] == ["wounded"]


@pytest.mark.parametrize(
    ("text", "civilians", "noncivilians"),
    [
        # Al-Manar (FA-KES dev 1965511157): the 11 dead were the two sides' fighters
        ("11 Killed as Nusra Attacks US-Trained Militants in Syria\n"
         "Al-Nusra Front launched an offensive Friday on the headquarters of a new US-formed militant group in the "
         "country's north leaving at least 11 dead a monitor said. The attack came one day after the group kidnapped "
         "eight militants from Division 30. Clashes broke out after the assault that killed five of Al-Nusra and "
         "allied militants as well as six militants who were defending Division 30 said Observatory director Rami "
         "Abdel Rahman.", 0, 11),
        # a breakdown that does not add up restates nothing
        ("12 killed in clashes near Aleppo\n"
         "Clashes near Aleppo left at least 12 dead a monitor said on Friday. Warplanes flew over the area. "
         "The fighting killed five regime soldiers and four rebels the Observatory said.", 12, 5),
    ],
)
def test_a_toll_the_fighters_counts_add_up_to_is_the_fighters(text: str, civilians: float, noncivilians: float) -> None:
    est = casualty_intervals(_counts(text), text)
    assert (est["nb_civilians"].point, est["nb_noncivilians"].point) == (civilians, noncivilians)


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("The raids killed eight of the group's fighters as well as four civilians who lived nearby.",
         ("eight of the group's fighters", "fighters", "killed")),
        # Crux via Al-Alam (FA-KES dev 1962495647): the 15 were no count at all; shot, beheaded or both, they
        # were killed (the 350 were not)
        ("According to sources in the Assyrian Christian Church at least 15 of the 350 hostages taken by ISIS in "
         "Assyrian villages have been shot, beheaded or both.", ("at least 15 of the 350 hostages", "hostages", "killed")),
    ],
)
def test_n_of_a_group_of_people_counts_that_group(sentence: str, part: tuple[str, str, str | None]) -> None:
    assert part in [(q.text, q.subject, q.event) for q in _counts(sentence)]


@pytest.mark.parametrize(
    ("text", "civilians"),
    [
        # SANA (FA-KES dev 1926478960): nine dead in two attacks
        ("Nine persons killed 12 injured in terrorist attack in Aleppo city\n"
         "15 August 2016 Nine persons killed 12 injured in terrorist attack in Aleppo city. Six civilians were killed "
         "among them 4 children and a woman while eight persons were injured in terrorist attacks with rocket shells "
         "on al-Hizam al-Akhdar area in New Aleppo SANA reporter said on Monday. earlier three persons were killed a "
         "woman among them and four others got injured due to a terrorist attack with rocket shells on residential "
         "neighborhoods of Aleppo city.", 9),
        # a part of the explicit count ("two civilians one of them a child") is no other incident
        ("Seven killed 37 others injured due to terrorist attacks in Aleppo\n"
         "Six civilians were killed and others were injured due to rocket shells fired by terrorists on Aleppo on "
         "Friday. A source said that the attack on al-Midan claimed the lives of two civilians one of them a child. "
         "Later in the evening the source said that four people were killed.", 6),
    ],
)
def test_a_lead_toll_that_two_incidents_add_up_to_is_the_civilians(text: str, civilians: float) -> None:
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == civilians


@pytest.mark.parametrize(
    ("text", "women"),
    [
        # AFP in Ahram (FA-KES dev 1923848285): six women in two raids
        ("16 dead in heavy bombardment on Syria's Idlib: Monitor\n"
         "Sixteen civilians including three children were killed on Monday in heavy bombardment across rebel-held "
         "Idlib province a monitoring group said. The Britain-based Observatory said the raids were carried out by "
         "either Syrian or Russian aircraft. In Khan Sheikhun air strikes killed seven people including two women "
         "and a child the Syrian Observatory for Human Rights said. Another seven people including four women and "
         "two children were killed in raids on Kafr Takharim further north in the province.", 6),
        # a part of the whole toll does not add the part of an incident after it
        ("Syria air strikes kill 42\n"
         "Syrian government air strikes killed at least 42 people including 16 women in Idlib province the "
         "Observatory said on Monday. The air raids killed 19 people including six women outside Saraqeb and "
         "another 23 people among them 10 women in the town of Ehsim.", 16),
    ],
)
def test_the_parts_of_another_toll_add_up(text: str, women: float) -> None:
    assert casualty_intervals(_counts(text), text)["nb_women"].point == women


def test_one_person_after_a_count_is_added_as_the_lead_reads_it() -> None:
    # _coordinated and _one_among read "and a (young, pregnant, ...) woman" alike
    text = "Four women and a pregnant woman were killed in the air strike on Monday."
    assert casualty_intervals(_counts(text), text)["nb_women"].point == 5


@pytest.mark.parametrize(
    "sentence",
    [
        # FNC-1 body 500: the 300 were read as no count, the 400 as killed
        "Expanding on the circumstances surrounding the attack, al-Bredi said, “After the insurgents surrounded the "
        "Iraqi soldiers, they used chlorine gas to suffocate them before detonating a car bomb, resulting in the "
        "death of 300 out of 400 soldiers.",
        # FNC-1 body 2002: both were read as killed
        'Speaking at a press conference in the Iraqi Parliament on Monday, Ali al-Budairi said: "ISIS killed 300 out '
        'of 400 soldiers they besieged in Saqlawiya district of northern Fallujah, using chlorine gas.',
    ],
)
def test_n_out_of_a_whole_is_the_part_that_was_killed(sentence: str) -> None:
    killed = [(q.text, q.low, q.subject) for q in _counts(sentence) if q.event == "killed"]
    assert killed == [("300 out of 400 soldiers", 300, "soldiers")]


def test_victims_who_survived_were_wounded_not_killed() -> None:
    # FNC-1 body 2214
    counts = _counts("There are at least three other shooting victims who survived.")
    assert [(q.text, q.event) for q in counts] == [("at least three other shooting victims", "wounded")]


@pytest.mark.parametrize(
    ("sentence", "count", "event"),
    [
        # FA-KES dev 1962495670: "flee" in the relative clause read the 18 as displaced
        ("It has also been reported that the ISIS executed 18 civilians who had tried to flee Daesh captivity in "
         "the area.", "18 civilians", "killed"),
        # FA-KES dev 1924058195 (commas dropped): "injured" hung on the object read the 30 as wounded
        ("A suicide bomber killed 30 people injured 90 on Monday in an attack targeting a wedding party in the "
         "northeastern Syrian province of Hasakeh.", "30 people", "killed"),
        # comma-less headlines whose verb's subject is the first toll: the object is the second one
        ("8 persons killed 58 others injured in terrorist rocket attacks on Aleppo city", "58 others", "wounded"),
        ("Child killed two others injured in terrorist attack on al-Hamadaniye neighborhood in Aleppo",
         "two others", "wounded"),
    ],
)
def test_the_deed_done_to_a_count_beats_a_clause_hung_on_it(sentence: str, count: str, event: str) -> None:
    assert [q.event for q in _counts(sentence) if q.text == count] == [event]


def test_a_bare_subject_takes_the_event_its_verb_says_befell_it() -> None:
    # Reuters in FA-KES dev 1926479274: the number was no count ("estimated" is no event of its own)
    sentence = ("Washington and Paris say forces loyal to President Bashar al-Assad were behind the attack in which "
                "more than 1400 are estimated to have been killed and they are considering air strikes.")
    assert [(q.text, q.low, q.high, q.event) for q in _counts(sentence)] == [("more than 1400", 1400, None, "killed")]


def test_two_single_victims_joined_are_each_a_count_of_one() -> None:
    # SANA in FA-KES dev 1926479098: neither was a count ("a woman were killed" was not looked for, and
    # "A child" is next to "and", not to the verb), so the lead's toll read one civilian (from a later
    # "killing one woman"), gold 2
    text = ("Terrorist attacks leave child and woman dead and 7 others injured in Aleppo\n"
            "A child and a woman were killed and seven others were injured by terrorist rocket and sniper "
            "attacks that targeted Aleppo city and al-Hader town in Aleppos southern countryside on Friday.")
    counts = _counts(text)
    assert [(q.text, q.event) for q in counts if q.low == 1] == [("A child", "killed"), ("a woman", "killed")]
    assert casualty_intervals(counts, text)["nb_civilians"].point == 2


def test_a_toll_said_to_be_the_previous_one_is_not_the_events() -> None:
    # Sputnik in FA-KES dev 1965495376: the body's first killed count is the superseded 20 (gold 70); the headline's
    # 70 is read too since CLAIMS_VERSION 209, and the title the text repeats since 270 (its own sentence, no longer
    # run into the body's 'A source told Sputnik ...')
    text = ("Death Toll in Blast Targeting Evacuees From Besieged Towns in Aleppo Rises to 70\n"
            "Death Toll in Blast Targeting Evacuees From Besieged Towns in Aleppo Rises to 70 REUTERS Social Media "
            "Website Middle East 1735 15.04.2017(updated 2033 15.04.2017) Get short URL 9832 A source told Sputnik "
            "that a suicide blast targeting a bus convoy with evacuees from the besieged Syrian towns of Fua and "
            "Kefraya has risen to 70. Earlier in the day a blast occurred near a bus convoy evacuating residents of "
            "the besieged Shiite towns of Fua and Kefraya to Aleppo. The previous death toll was 20 with 50 others "
            "injured. \"The number of victims [in the explosion] is at least 70; over 130 are injured. It is "
            "difficult to say as there are many burnt bodies and body parts around the damaged buses\" the source "
            "told Sputnik.")
    counts = _counts(text)
    assert [q.low for q in counts if q.event == "killed"][:4] == [70, 70, 20, 70]
    assert casualty_intervals(counts, text)["nb_civilians"].low == 70


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # al-Araby in FA-KES dev 1923102968: "one of rebel" was a count, and the 11 borrowed its "rebel"
        ("At least 11 were killed when bombs hit one of rebel-held Idlib provinces busiest markets inn the city of "
         "Maaret al-Numan the Syrian Observatory for Human Rights said.", [("At least 11", "people", "killed")]),
        # FNC-1 body 345: a count of "co"
        ("There was a Ruth's Chris Steak House gift card on the line, so Roche faced off against two other "
         "co-workers.", [("two other co-workers", "workers", None)]),
    ],
)
def test_the_first_piece_of_a_hyphenated_word_is_no_counted_noun(
    sentence: str, counts: list[tuple[str, str, str | None]]
) -> None:
    assert [(q.text, q.subject, q.event) for q in _counts(sentence)] == counts


def test_a_bare_count_borrows_no_part_from_the_sentence_before() -> None:
    # al-Araby in FA-KES dev 1923102968: the 11 borrowed "children", the part the sentence before ends on
    text = ("Almost a dozen civilians including two children were killed on Sunday following regime air raids on a "
            "marketplace in north-western Syria a monitor has said. At least 11 were killed when bombs hit one of "
            "rebel-held Idlib provinces busiest markets inn the city of Maaret al-Numan the Syrian Observatory for "
            "Human Rights said.")
    assert [q.subject for q in _counts(text) if q.text == "At least 11"] == ["civilians"]


def test_a_count_of_people_borrows_no_noun_of_a_body_of_states() -> None:
    # Reuters in FA-KES dev 1926479274: the 1400 borrowed "nations" from the sentence before
    text = ("Speaking to reporters after meeting Arab foreign ministers U.S. Secretary of State John Kerry said many "
            "were leaning toward supporting a G20 statement - already signed by 12 nations including Saudi Arabia - "
            "that called for a strong international response following an August 21 chemical attack in Syria. "
            "Washington and Paris say forces loyal to President Bashar al-Assad were behind the attack in which more "
            "than 1400 are estimated to have been killed and they are considering air strikes to try to deter him "
            "from using such weapons again.")
    assert [q.subject for q in _counts(text) if q.event == "killed"] == ["people"]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # Daily Sabah's title (FA-KES dev 1924058210): the 84 had no event, the title's 17 children stood for
        # the civilians (gold 84)
        ("84 people including 17 children killed by Assad regime near Damascus UN says",
         [("84 people", "killed"), ("17 children", "killed")]),
        # (constructed, no such sentence in FNC-1 or PolNeAR) a whole that is a verb's object is that verb's:
        # the participle is the part's alone
        ("The camp holds 3000 refugees including 200 children wounded in airstrikes.",
         [("3000 refugees", None), ("200 children", "wounded")]),
    ],
)
def test_a_whole_with_no_verb_takes_the_participle_of_its_part(text: str, events: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.event) for q in _counts(text)] == events


def test_children_and_women_side_by_side_without_a_comma_add_up() -> None:
    # AFP in FA-KES dev 1923848215: the title's comma-less "10 children 5 women" read 10 civilians (gold 15)
    text = ("Syria air strikes kill 10 children 5 women in Aleppo monitor\n"
            "Syria air strikes kill 10 children 5 women in Aleppo monitor AFP Friday 24 Oct 2014 Ten children and "
            "five women have been killed in Syrian government air strikes in the northern province of Aleppo a "
            "monitoring group said Friday.")
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 15


def test_a_part_joined_to_a_part_shares_its_event() -> None:
    # TRT in FA-KES dev 1924058106: the policemen had no event (gold 3 non-civilians killed)
    text = ('"A number of people died of their wounds bringing the toll to 61 people including five children and '
            'three policemen" SOHR said.')
    assert [(q.text, q.event) for q in _counts(text)] == [
        ("61 people", "killed"), ("five children", "killed"), ("three policemen", "killed")]


def test_the_combatants_a_toll_is_said_to_hold_are_no_civilians() -> None:
    # TRT in FA-KES dev 1924058106: 61 civilians read (gold 58)
    text = ("Air strikes kill dozens inside Syria de-escalation zone\n"
            "14 Nov 2017 Air strikes that ripped through a market in a rebel-held Syrian town have killed at least 61 "
            "people mostly civilians a war monitor said on Tuesday. Three strikes hit the northwestern town of "
            "Atareb on Monday the Syrian Observatory for Human Rights (SOHR) said despite a \"de-escalation zone\" in "
            "place there. \"A number of people died of their wounds bringing the toll to 61 people including five "
            "children and three policemen\" SOHR said.")
    est = casualty_intervals(_counts(text), text)
    assert (est["nb_civilians"].point, est["nb_noncivilians"].point) == (58, 3)


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        # AFP in FA-KES dev 1923848144: the 20 women had no event (the toll's women read 0, gold 20)
        ('"There were also 20 women among the dead and the death toll could rise further because there are '
         'people missing" the Syrian Observatory for Human Rights said.', ("20 women", "women", "killed")),
        # Sputnik in FA-KES dev 1965495344: people among the terrorists killed were terrorists
        ("The ministry added that there were nine people from the North Caucasus among the terrorists killed.",
         ("nine people", "terrorists", "killed")),
    ],
)
def test_a_count_among_the_dead_has_their_event(sentence: str, count: tuple[str, str, str]) -> None:
    assert [(q.text, q.subject, q.event) for q in _counts(sentence)] == [count]


def test_a_parts_plural_of_people_is_its_noun_whatever_its_tag() -> None:
    # AFP in FA-KES dev 1923848144 (commas dropped): "children" tagged a verb, the 30 were people (gold 30
    # children)
    text = ("86 dead in suspected Syria chemical attack New toll\n"
            "86 dead in suspected Syria chemical attack New toll The death toll from a suspected chemical weapons "
            "attack on a rebel-held Syrian town has risen to 86 30 of them children a monitoring group said on "
            "Wednesday.")
    counts = _counts(text)
    assert [(q.text, q.subject, q.event) for q in counts if q.low == 30] == [("30 of them children", "children", "killed")]
    assert casualty_intervals(counts, text)["nb_children"].point == 30


def test_children_among_those_killed_bound_the_civilians_from_below() -> None:
    # AFP in Ahram, FA-KES dev 1923848126: the lead's 70 children stood for exactly 70 civilians (gold 126)
    text = ("Dozens of children dead in Syria evacuees bombing\n"
            "Dozens of children dead in Syria evacuees bombing Nearly 70 children were among those killed when a "
            "suicide car bombing tore through buses carrying evacuees from besieged government-held towns in Syria "
            "a monitor said on Sunday. Saturdays blast hit a convoy carrying residents from the northern towns of "
            "Fuaa and Kafraya as they waited at a transit point in rebel-held Rashidin west of Aleppo. At least 68 "
            "children were among the 126 people killed in the attack the Syrian Observatory for Human Rights said "
            "updating a previous toll of 112 dead.")
    est = casualty_intervals(_counts(text), text)["nb_civilians"]
    assert (est.low, est.high, est.point) == (63, None, 70)


def test_an_open_toll_told_apart_into_combatants_is_theirs() -> None:
    # Reuters in FA-KES dev 1926479318: the 500 lives read as 500 civilians (gold 0)
    text = ("Hundreds dead as Islamic State seizes Syrian air base: monitor Sylvia Westall\n"
            "August 24 2014 Hundreds dead as Islamic State seizes Syrian air base: monitor Sylvia Westall. Islamic "
            "State militants stormed an air base in northeast Syria on Sunday capturing it from government forces "
            "after days of fighting that cost more than 500 lives a monitoring group said. The Syrian Observatory "
            "for Human Rights said at least 346 Islamic State fighters were killed and more than 170 members of "
            "government forces had died since Tuesday in the fight over Tabqa base making it one of the deadliest "
            "confrontations between the two groups since the start of Syrias war.")
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 0


def test_a_toll_of_a_stretch_of_days_is_not_the_events() -> None:
    # al-Araby in FA-KES dev 1923102890: the week's 75 civilians stood for the school attack's 35 dead
    text = ("Idlib bombing deadliest school attack in Syrias war\n"
            "Date of publication 27 October 2016 Airstrikes targeting a school complex in the town of Hass in Idlib "
            "province around noon on Wednesday may be the deadliest attack on a school since Syrias conflict began. "
            "The UN Childrens agency (UNICEF) said on Thursday that airstrikes targeting a school in Syrias "
            "rebel-held northern Idlib province early on Wednesday may be the deadliest attack on a school since "
            "Syrias conflict began nearly six years ago. Both first responders the Syrian Civil Defence and the "
            "Syrian Observatory for Human Rights have reported that 35 people were killed by the attack which struck "
            "a school complex in the village of Hass around midday on Wednesday as children gathered outside "
            "preparing to return home. Among the dead were 22 children. Seven days of airstrikes across the "
            "northwestern province had left more than 75 civilians dead and another 150 wounded according to the "
            "Syrian Observatory for Human Rights.")
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 35


@pytest.mark.parametrize(
    ("sentence", "count", "low"),
    [
        # Reuters in Ahram, FA-KES dev 1923848287: read as 30 and one
        ("Thirty one Islamic State (IS) group militants have been killed in clashes and U.S.-led coalition air "
         "strikes in northern Syria over the last 24 hours the Turkish military said on Sunday.", "Thirty one", 31),
        # FA-KES dev 1923102875: 50 missiles and nine
        ("Fifty nine US cruise missiles struck a Syrian regime airbase in Homs province early Friday morning",
         "Fifty nine", 59),
    ],
)
def test_a_tens_word_and_a_unit_are_one_number(sentence: str, count: str, low: float) -> None:
    assert [(n.text, n.low) for n in find_numbers(sentence)][:1] == [(count, low)]


def test_an_abbreviation_in_brackets_does_not_part_a_number_from_its_noun() -> None:
    # Reuters in Ahram, FA-KES dev 1923848287: no count (the noun was too far), so the row's non-civilians
    # read the 17 of a later sentence (gold 31)
    sentence = ("Thirty one Islamic State (IS) group militants have been killed in clashes and U.S.-led coalition air "
                "strikes in northern Syria over the last 24 hours the Turkish military said on Sunday.")
    assert [(q.text, q.low, q.subject, q.event) for q in _counts(sentence)][:1] == [
        ("Thirty one Islamic State (IS) group militants", 31, "militants", "killed")]


@pytest.mark.parametrize(
    ("title", "counts"),
    [
        # Daily Sabah (FA-KES dev 1924058195): 30 "injures" killed, and no 90
        ("Suicide attack on wedding party in Syria kills 30 injures 90",
         [("30", "people", "killed"), ("90", "people", "wounded")]),
    ],
)
def test_a_headlines_second_verb_is_no_noun_of_the_first_toll(title: str, counts: list[tuple[str, str, str]]) -> None:
    assert [(q.text, q.subject, q.event) for q in _counts(title)] == counts


def test_members_of_an_armed_body_are_combatants_the_title_restates() -> None:
    # Jordan Times, FA-KES dev 1924058031: the title's "kills three" read as three civilians (gold 0)
    text = ("Israeli attack on Syria military camp kills three | Jordan Times\n"
            "Last updated at Apr 232017 An Israeli attack on a Syrian training camp near the Golan Heights killed "
            "three members of a pro-government militia on Sunday an official from the forces said.")
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 0


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        # Reuters' title in Ahram, FA-KES dev 1923848287: "IS" tagged a verb, no count
        ("Turkish military says 31 IS group militants killed in northern Syria",
         ("31 IS group militants", "militants", "killed")),
        # AFP in Ahram, FA-KES dev 1923848241: read as 12 people killed
        ("Those advances came after clashes that killed at least 40 fighters from rebel groups as well as 12 IS "
         "fighters according to the Observatory.", ("12 IS fighters", "fighters", "killed")),
        # Sputnik, FA-KES dev 1965495375: read as 10 people killed
        ("According to the Kurdish Firat News Agency 10 IS militants were killed during fights in the Syrian "
         "norther town of Al Tabqah on Saturday night.", ("10 IS militants", "militants", "killed")),
    ],
)
def test_a_group_s_initials_before_the_noun_are_no_verb(sentence: str, count: tuple[str, str, str]) -> None:
    counts = [(q.text, q.subject, q.event) for q in _counts(sentence)]
    assert count in counts
    assert not any(c[0].strip().isdigit() for c in counts if c[0] in count[0])


def test_the_part_of_a_group_that_died_is_not_the_toll() -> None:
    # al-Araby, FA-KES dev 1923102880: the three who died in hospital came before the 87 and read as the toll
    text = ("Sarin nerve gas used in Syria British scientists\n"
            "On Tuesday similar results were confirmed by Turkish health officials who said post-mortem tests on "
            "victims of the suspected attack concluded that the deadly sarin nerve agent had been used. The results "
            "came from analysis of blood and urine samples of the casualties from the attack in Idlib province who "
            "were brought to Turkey for treatment - three of which died in hospital. At least 87 people including 31 "
            "children died in the suspected attack that the West blames on Syria President Bashar al-Assads forces.")
    est = casualty_intervals(_counts(text), text)["nb_civilians"]
    assert (est.low, est.high, est.point) == (87, None, 87)
    # with no other toll the part is the toll
    text = "Thirty people were hurt in the blast, two of whom later died in hospital."
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 2


def test_an_open_count_of_combatants_among_an_open_toll_leaves_the_rest() -> None:
    # al-Araby, FA-KES dev 1923102901: the 14 rebels were read among 20 civilians (gold 6 civilians, 14 rebels)
    text = ("Dozens killed in car bomb attack on Syrian rebels\n"
            "Date of publication 14 October 2016 At least 20 people were killed in a car bomb blast on Thursday at an "
            "opposition checkpoint in Azaz Aleppo province close to the border with Turkey local sources said. The "
            "blast hit near the town of Azaz close to the border with Turkey local activist Mohammad al-Halabi told The "
            "New Arab adding that rebels manning the checkpoint and civilians waiting to get through were killed. The "
            "Syrian Observatory for Human Rights said at least 14 of the dead were rebels.")
    est = casualty_intervals(_counts(text), text)
    assert (est["nb_civilians"].low, est["nb_civilians"].high, est["nb_civilians"].point) == (6, None, 6)
    assert est["nb_noncivilians"].point == 14


def test_counts_joined_by_and_that_the_article_tells_as_whole_and_part_are_not_summed() -> None:
    # AFP in al-Araby, FA-KES dev 1923102894: 16 civilians and three children read 19 civilians (gold 16)
    text = ("Heavy Syrian regime bombing in Idlib kills civilians\n"
            "Date of publication 24 October 2016 At least 16 civilians and three children have been killed in waves "
            "of air raids by Syrian regime war planes on opposition-held Idlib province. Tags Syria Idlib regime "
            "airstrikes Kafr Takharim Khan Sheikhun Sixteen civilians - including three children - were killed on "
            "Monday following heavy bombardments of a rebel-held town in northern Syria a monitoring group said.")
    est = casualty_intervals(_counts(text), text)
    assert (est["nb_civilians"].point, est["nb_children"].point) == (16, 3)
    # told only with "and", they are two groups
    text = "At least 16 civilians and three children have been killed in air raids on Idlib province."
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 19


def test_a_toll_given_a_new_number_through_a_pronoun_is_the_new_toll() -> None:
    # al-Araby, FA-KES dev 1923102948: neither the 82 nor its 58 civilians were counted ("This" is no toll)
    text = ("The Syrian Observatory for Human Rights reported the airstrikes on Saturday with an initial death toll "
            "of 47. This was later updated to 82 on Sunday including 58 civilians.")
    assert [(q.text, q.low, q.event) for q in _counts(text)] == [
        ("initial death toll of 47", 47, "killed"), ("82", 82, "killed"), ("58 civilians", 58, "killed")]
    # the old number gives way to the new one, said with "which" or "it" as well as "This"
    for text in ("Air strikes hit the town on Saturday. The monitor gave a death toll of 47, which was later raised "
                 "to 82.",
                 "Air strikes hit the town on Saturday. The death toll was 47. It has since risen to 82."):
        assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 82, text
    # a number of something else given a new one is no toll
    assert _counts("Sales were 47 million. This was later revised to 82 million.") == []


def test_a_scale_in_the_plural_after_a_number_is_that_number() -> None:
    # FNC-1 train body 466: "three hundreds of them" read as three "hundreds" killed
    sentence = ("Terrorist, Daash used Chlorine gas in the area of Saqlawiyah, after surrounding more than 400 "
                "soldiers, which led to the death of three hundreds of them because of suffocation.")
    assert [(q.text, q.low, q.subject, q.event) for q in _counts(sentence)] == [
        ("more than 400 soldiers", 400, "soldiers", None), ("three hundreds", 300, "soldiers", "killed")]
    assert [(n.text, n.low) for n in find_numbers("two thousands people fled and two dozens were hurt")] == [
        ("two thousands", 2000), ("two dozens", 24)]
    assert [(q.text, q.low, q.subject) for q in _counts("The bombing killed three hundreds of civilians.")] == [
        ("three hundreds of civilians", 300, "civilians")]


@pytest.mark.parametrize(
    ("sentence", "count", "event"),
    [
        # PolNeAR train (Huffington Post): a million displaced read as killed, with the deaths they are joined to
        ("The Azerbaijani authorities declared war on Nagorno-Karabakh, leading to a four-year bloody conflict with "
         "more than 30,000 combat and civilian deaths and more than 1 million internally displaced persons until a "
         "ceasefire agreement was signed in 1994.", "more than 1 million internally displaced persons", "displaced"),
        # AP in Ahram, FA-KES dev 1923848299: the 100000 civilians read as killed with the fighters
        ("The Observatory says a month of infighting in Dier el-Zour alone has killed nearly 300 fighters and "
         "displaced 100000 civilians.", "100000 civilians", "displaced"),
        # the verb's own object keeps the verb's event
        ("Militants killed at least 26 displaced people in the camp.", "at least 26 displaced people", "killed"),
    ],
)
def test_a_conjunct_that_says_what_befell_it_keeps_that(sentence: str, count: str, event: str) -> None:
    assert [q.event for q in _counts(sentence) if q.text == count] == [event]


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        # PolNeAR train (Breitbart): the 14 read as radicals, those who shot them
        ("A week after Trump spoke to the gathering of Jewish leaders, and in the wake of a shooting by two Muslim "
         "radicals in California that killed 14, Trump proposed barring all foreign Muslims from entering the United "
         "States.", ("14", "people", "killed")),
        # AFP in Ahram, FA-KES dev 1923848307: the title's 45 took the refugees of a related link's headline
        ("Car bomb rocket fire kill 45 in Syrias Homs Governor AFP Tuesday 29 Apr 2014 Print Tweet Views 371 Related "
         "Syrian refugees arrive in new Jordan camp", ("45", "people", "killed")),
        # those who were somewhere are no doers: the dead are of them
        ("Forty passengers were on the bus and 12 were killed.", ("12", "passengers", "killed")),
    ],
)
def test_a_bare_toll_takes_no_noun_of_those_who_did_the_deed(sentence: str, count: tuple[str, str, str]) -> None:
    assert count in [(q.text, q.subject, q.event) for q in _counts(sentence)]


def test_a_noun_the_parse_hangs_on_a_verb_right_before_it_is_its_object() -> None:
    # FNC-1 train body 288: the pieces of equipment read as killed, with the fighters
    sentence = ("American planes have now carried out more than 135 airstrikes against IS in Kobane, according to the "
                "Centcom statement, which it says are indicated to have \"slowed ISIL [S] advances into the city, killed "
                "hundreds of their fighters and destroyed or damaged scores of pieces of ISIL combat equipment and "
                "fighting positions.\"")
    assert [(q.text, q.event) for q in _counts(sentence) if q.text.endswith(("fighters", "pieces"))] == [
        ("hundreds of their fighters", "killed"), ("scores of pieces", None)]
    # Reuters, FA-KES dev 1926479281: a noun after the verb's own words is a conjunct of its clause, and killed
    sentence = ("Air strikes killed dozens this week in Raqqa where 8000 people remain trapped and at least 149 people "
                "mostly women and children in residential areas of rebel-dominated Idlib province in Syrias northwest "
                "in the last 12 days of September he said.")
    assert [q.event for q in _counts(sentence) if q.text == "at least 149 people"] == ["killed"]


def test_a_distance_is_no_count() -> None:
    # PolNeAR train (Washington Post): "a few blocks" read as a count of blocks killed
    sentence = ("The loophole is how Dylann Roof was able to obtain the gun he allegedly used to kill nine people in "
                "last year's shooting at the historic Emanuel African Methodist Episcopal Church, a few blocks from "
                "the debate venue in Charleston's historic downtown.")
    assert [(q.text, q.event) for q in _counts(sentence)] == [("nine people", "killed")]
    # blocks that are buildings are counted
    assert [q.text for q in _counts("The shell hit two blocks of flats, killing 12 people.")] == ["two blocks", "12 people"]


def test_people_before_a_distance_are_counted() -> None:
    # Constructed: no sentence of FNC-1 train, PolNeAR train, FA-KES dev (60 % split) or SemEval-8 has a
    # count of people followed by a distance ("N people yards from"); their only distances with a word
    # between are "a few hundred yards away" (FNC-1 2214, 2246) and "the two dozen steps from" (PolNeAR
    # USA Today), kept as no count below. The one word that may come between a number and a distance
    # ("two city blocks from") swallowed the counted noun, so these gave no count.
    assert [(q.text, q.event) for q in _counts("A gunman killed 3 people steps from the White House.")] == [
        ("3 people", "killed")]
    assert [(q.text, q.event) for q in _counts("Israeli troops killed 2 Palestinians yards from the border fence.")] == [
        ("2 Palestinians", "killed")]
    # FNC-1 train 2214 and PolNeAR train (USA Today): the word between is part of the distance
    sentence = "They said the gunman then ran off and entered Parliament, a few hundred yards away, where dozens of shots soon rang out."
    assert not [q for q in _counts(sentence) if "yards" in q.text or "hundred" in q.text]
    sentence = "Janet Yellen is 5-foot-3, but when she walks the two dozen steps from her chairman's office to the board room"
    assert not [q for q in _counts(sentence) if "dozen" in q.text]


@pytest.mark.parametrize(
    ("sentence", "single"),
    [
        # AFP in Ahram, FA-KES dev 1923848245: the child killed with the 17 militants was no count
        ("A Syrian air strike on an Islamic State (IS) training camp in the jihadist-held east killed 17 militants "
         "and a child a monitoring group said in a new toll Sunday.", "a child"),
        # Reuters, FA-KES dev 1926479378
        ("The Syrian Observatory said the air strikes on eastern Aleppo on Wednesday alone killed at least 21 people "
         "including five children and an emergency worker.", "an emergency worker"),
    ],
)
def test_one_victim_joined_to_the_counts_a_killing_verb_takes_is_a_count_of_one(sentence: str, single: str) -> None:
    assert [(q.low, q.event) for q in _counts(sentence) if q.text == single] == [(1, "killed")]


@pytest.mark.parametrize(
    ("text", "civilians"),
    [
        # AFP in Ahram, FA-KES dev 1923848245: the 18 read as civilians (gold 1, non-civilians 17)
        ("Syria air strike on jihadist camp kills 18 New toll\n"
         "Syria air strike on jihadist camp kills 18 New toll AFP Sunday 14 Sep 2014 A Syrian air strike on an Islamic "
         "State (IS) training camp in the jihadist-held east killed 17 militants and a child a monitoring group said in "
         "a new toll Sunday.", 1),
        # FA-KES dev 1965511217: the 23 read as civilians; the Observatory's breakdown gives four (the row's gold
        # says 0, which no sentence of the article does)
        ("Car Bomb in Syrias Aleppo Kills 23 including Militants\n"
         "25-01-2016 Car Bomb in Syrias Aleppo Kills 23 including Militants. At least 23 people most of them from the "
         "Ahrar al-Sham militant group were killed by a truck suicide bomber in Syrias Aleppo city on Monday a monitor "
         "said. The opposing Britain-based Syrian Observatory for Human Rights said 19 fighters from the group and four "
         "civilians were killed in the blast in the Sukari district of the city.", 4),
    ],
)
def test_a_toll_told_apart_into_combatants_and_civilians_gives_the_civilians(text: str, civilians: float) -> None:
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == civilians


def test_an_open_toll_told_apart_with_dead_of_no_side_gives_the_civilians_and_those_unplaced() -> None:
    # al-Arabiya, FA-KES dev 1926479016: the lead's "more than 50" read as the civilians (gold 15); the ten
    # bodies not yet identified as fighters or residents may be civilians
    text = ("ISIS kills more than 50 in central Syria attack.\n"
            "Thursday 18 May 2017 ISIS kills more than 50 in central Syria attack. The ISIS group killed more than 50 "
            "people in an attack on two government-held villages in central Syrias Hama province on Thursday a monitor "
            "said. The Britain-based Syrian Observatory for Human Rights said the attack on two villages killed 15 "
            "civilians and 27 pro-government fighters with another 10 bodies yet to be identified as government "
            "fighters or local residents. ISIS also lost 15 fighters in the attack the monitor said.")
    est = casualty_intervals(_counts(text), text)["nb_civilians"]
    assert (est.low, est.high, est.point) == (15, 25, 15)


def test_a_toll_of_an_event_in_an_earlier_year_is_not_the_articles() -> None:
    # Daily Sabah, FA-KES dev 1924058151: the Houla massacre of 2012 gave the children of a 2017 raid (49;
    # the raid's own toll names none)
    text = ("Assad regime targets civilians in Homs airstrikes\n"
            "Published April 24 2017 Assad regime forces have carried out a total of 18 airstrikes in the Houla region "
            "of central Syrias besieged Homs province leading to the death of five civilians including two women and "
            "injuring 15 other civilians. According to Anadolu Agency the airstrikes have been conducted in the towns "
            "of Teldo Tel Dahab and Kafr Laha since Sunday night. Civil defense units continue search and rescue "
            "efforts in the Houla region. The Assad regime first carried out a massacre in Houla on May 25 2012 during "
            "which 108 people were killed including 34 women and 49 children. Since then the region has been under "
            "regime siege.")
    est = casualty_intervals(_counts(text), text)
    assert (est["nb_civilians"].point, est["nb_children"].point, est["nb_women"].point) == (5, 0, 2)


def test_a_rough_toll_of_the_lead_is_the_fighters_when_its_number_is() -> None:
    # al-Alam, FA-KES dev 1962495644: the title's 35 dead are the 29 fighters and six terrorists, and the lead's
    # "dozens dead" of the same fighting read as the civilians (gold 0)
    text = ("35 Dead Dozens Wounded in Terrorist Battle in Aleppo\n"
            "Sat Feb 28 2015 190703 35 Dead Dozens Wounded in Terrorist Battle in Aleppo. Nusra Front Al-Qaidas Syria "
            "affiliate on Saturday drove US-backed rebels out of a strategic northern military base in fierce fighting "
            "that left dozens dead a monitor said. At least 29 fighters from the Western-armed Hazm movement were killed "
            "along with six Al-Nusra Front terrorists according to the Syrian Observatory for Human Rights. It said "
            "fierce fighting had broken out on Friday night for Base 46 west of the city of Aleppo.")
    est = casualty_intervals(_counts(text), text)["nb_civilians"]
    assert (est.low, est.high) == (0, 0)


def test_a_lead_of_civilians_leaves_later_combatants_to_other_incidents() -> None:
    # Sputnik, FA-KES dev 1965495359: the army's 28 Daesh militants of the day before read as the attack's
    # non-civilians (gold 0)
    text = ("Daesh Attacks Syrian Deir ez-Zor With Rockets Kill 3 Civilians\n"
            "Daesh Attacks Syrian Deir ez-Zor With Rockets Kill 3 Civilians - Reports Sputnik Mikhail Voskresenskiy "
            "Middle East 2159 18.05.2017(updated 2204 18.05.2017) Get short URL 0 55 Daesh terrorists attacked the "
            "Syrian city of Deir ez-Zor on Thursday with rocket shells and killed three civilians local media reported. "
            "AFP 2018 Ayham al-Mohammad Syrian Army Kills Wounds Dozens Daesh Militants in Deir ez-Zor MOSCOW (Sputnik) "
            "According to SANA news agency terrorists fired a number of rocket shells on al-Qussour neighborhood "
            "injured three other people and caused a material damage to houses. On Wednesday media reported citing a "
            "military source that the Syria army had killed 28 and wounded 30 Daesh militants in the city. The "
            "province of Deir ez-Zor has a large Daesh presence.")
    est = casualty_intervals(_counts(text), text)
    assert (est["nb_civilians"].point, est["nb_noncivilians"].point) == (3, 0)
    # but for those said to have died too (Daily Sabah, FA-KES dev 1924058204: gold 9)
    text = ("Airstrikes on clinic kill 5 medics in Syrias Aleppo\n"
            "Published September 21 2016 Five medics were killed and a nurse critically wounded when an air strike "
            "hit a clinic in a village near Syrias second city Aleppo late Tuesday the aid group that supports it said. "
            "The four staff of the Union of Syrian Medical Relief Organisations (UOSSM) were in two ambulances that "
            "had been called to the clinic to take some patients for more specialised treatment the group said. The "
            "Syrian Observatory for Human Rights monitoring group said that nine members of the Army of Conquest "
            "rebel alliance who were working in the clinic were also killed.")
    assert casualty_intervals(_counts(text), text)["nb_noncivilians"].point == 9


def test_a_lead_of_people_leaves_later_combatants_to_other_incidents_but_its_own_parts() -> None:
    # AFP in Ahram, FA-KES dev 1923848241: the clashes of Wednesday gave the 32 dead of Friday 40 non-civilians
    # (gold 0)
    text = ("32 killed in Syrias Daraa Aleppo NGO\n"
            "32 killed in Syrias Daraa Aleppo NGO Friday 15 Aug 2014 Print Tweet Views 458 Related Lebanon charges 43 "
            "Syrians with belonging to terrorist groups 2000 Syria refugees stranded in Lebanon mountains Nun Morocco "
            "busts jihadist Iraq Syria recruitment network At least 22 people were killed Friday when a car bomb "
            "exploded in front of a mosque in Daraa province of southern Syria the Syrian Observatory for Human Rights "
            "said. Among the dead in the blast in the rebel-controlled town of Namar were a woman and a child the "
            "Britain-based monitoring group said. In northern Syria the Observatory reported 10 people killed when "
            "regime helicopters dropped explosive-packed \"barrel bombs\" on Aleppo city. North of Aleppo city the "
            "Observatory said jihadists from the Islamic State (IS) group extended their advances seizing Baghaydin "
            "village near the border with Turkey. On Wednesday IS fighters captured eight villages in the area between "
            "Aleppo and the border from rival rebel groups. Those advances came after clashes that killed at least 40 "
            "fighters from rebel groups as well as 12 IS fighters according to the Observatory.")
    assert casualty_intervals(_counts(text), text)["nb_noncivilians"].point == 0
    # the parts of the lead's toll are its own (TRT, FA-KES dev 1924058099: gold 14)
    text = ("Car bomb in Syria kills at least 17 near Turkish border\n"
            "13 Oct 2016 At least 17 people most members of Syrian opposition groups were killed in a car bomb blast "
            "near a checkpoint close to the Bab al Salama crossing on the Turkish-Syrian border in northern Syria. "
            "Witnesses said the blast took place near a checkpoint manned by a group of Free Syrian Armys (FSA) Jabhat "
            "al Shamiya close to a car depot nearly two km away from the border crossing a major conduit for traffic "
            "between opposition held northern Syria into Turkey. The Britain-based Syrian Observatory for Human Rights "
            "said that 14 of the dead were opposition fighters.")
    assert casualty_intervals(_counts(text), text)["nb_noncivilians"].point == 14


def test_children_of_a_larger_toll_told_later_are_of_another_incident() -> None:
    # TRT, FA-KES dev 1919191770: the convoy attack of the Saturday before gave the Aleppo bomb's children (gold 0)
    text = ("Deadly bomb blast hits Syrias Aleppo\n"
            "19 Apr 2017 The blast happened as the regime and opposition resumed population exchanges four days after "
            "a deadly attack on a convoy of evacuees forced both sides to suspend the deal. A bomb killed six people "
            "and wounded more than 30 in Syrias second city Aleppo on Wednesday the Assad regimes official television "
            "channel reported. The blast hit the southwestern neighbourhood of Salaheddin which was on the front line "
            "between opposition and regime-held sectors before Bashar al Assads forces retook full control of the city "
            "in December. Saturdays convoy attack killed 126 people including more than 60 children the UK-based "
            "Syrian Observatory for Human Rights said.")
    est = casualty_intervals(_counts(text), text)
    assert (est["nb_civilians"].point, est["nb_children"].point) == (6, 0)
    # a toll grown may be the lead's: TRT (FA-KES dev 1924058106) "A number of people died of their wounds bringing
    # the toll to 61 people including five children and three policemen" (the title's "dozens" and the lead's 61
    # written 50 here, as a lead of an earlier toll would give them)
    text = ("Air strikes kill 50 inside Syria de-escalation zone\n"
            "14 Nov 2017 Air strikes that ripped through a market in a rebel-held Syrian town have killed at least 50 "
            "people mostly civilians a war monitor said on Tuesday. Three strikes hit the northwestern town of Atareb "
            "on Monday the Syrian Observatory for Human Rights (SOHR) said despite a \"de-escalation zone\" in place "
            "there. \"A number of people died of their wounds bringing the toll to 61 people including five children "
            "and three policemen\" SOHR said.")
    assert casualty_intervals(_counts(text), text)["nb_children"].point == 5


def test_a_noun_of_people_taken_for_a_verb_renames_the_count() -> None:
    # TRT, FA-KES dev 1924058106 (commas dropped): "civilians" is tagged VBZ with "people" its subject, and the
    # lead's toll was of no event
    sentence = ("14 Nov 2017 Air strikes that ripped through a market in a rebel-held Syrian town have killed at least "
                "61 people mostly civilians a war monitor said on Tuesday.")
    assert [(q.text, q.event) for q in _counts(sentence)] == [("at least 61 people", "killed")]
    # the toll so read is told again with its parts, a whole and not a sum: 61 less the three policemen
    text = ("Air strikes kill dozens inside Syria de-escalation zone\n" + sentence + " Three strikes hit the "
            "northwestern town of Atareb on Monday the Syrian Observatory for Human Rights (SOHR) said despite a "
            "\"de-escalation zone\" in place there. \"A number of people died of their wounds bringing the toll to 61 "
            "people including five children and three policemen\" SOHR said.")
    est = casualty_intervals(_counts(text), text)["nb_civilians"]
    assert (est.low, est.point) == (58, 58)


def test_a_lead_of_children_gives_way_to_the_civilians_a_later_toll_holds() -> None:
    # al-Araby, FA-KES dev 1923102948: the lead's 25 children read as the civilians (gold 58)
    text = ("Unicef confirm 25 children among Deir Ez-Zor dead\n"
            "Date of publication 27 June 2016 Civilian massacre in Syrian province with a heavy Islamic State presence "
            "took place over the weekend. Russian and Syrian regime airstrikes killed 25 children on Saturday in a "
            "densely populated town in eastern Syria the United Nations childrens agency (UNICEF) has said. Citing news "
            "from its local partners in Syria UNICEF have said that the bodies of children were pulled from the rubble "
            "in the Islamic State group-dominated town of al-Quria. The Syrian Observatory for Human Rights reported the "
            "airstrikes on Saturday with an initial death toll of 47. This was later updated to 82 on Sunday including "
            "58 civilians.")
    est = casualty_intervals(_counts(text), text)
    assert (est["nb_civilians"].point, est["nb_children"].point) == (58, 25)
    # a background sum of civilians, no toll told apart, leaves the lead's count (al-Araby, FA-KES dev
    # 1923102915: "Last month nearly 1200 Syrian civilians were killed ... including 192 children"; gold 6)
    text = ("Syrian refugee camp hit with missiles and bombs\nDate of publication 2 October 2016 Russian or Syrian "
            "regime war planes bombed a refugee camp inside rebel-held Idlib province killing five women and a child."
            " Tags Idlib Syria refugee camp Russian war planes air raid Syrian regime Five women and a child have "
            "been killed after Russian or Syrian regime war planes targeted a refugee camp in rebel stronghold Idlib "
            "province. Bombs and missiles struck the camp situated in southern Idlib province close to the village of"
            " al-Khwyn. The victims are thought to be refugees from elsewhere in Syria who fled to the rebel "
            "stronghold of Idlib. Frequent bombing by regime and Russian war planes have seen numerous massacres in "
            "Idlib province and have included refugee camps. In May a suspected Russian air raid on Sarmada refugee "
            "camp in Idlib province left dozens dead. The UN said it was unlikely that the attack was an accident and"
            " that the bombing could amount to a war crime. Last month nearly 1200 Syrian civilians were killed the "
            "Syrian Network for Human Rights claimed including 192 children and 163 women - mostly from air raids. "
            '"Regime and Russian forces have violated human rights law that guarantee the right to life" the Syrian '
            "Network for Human Rights commented. Aleppo has also witnessed massive air raids in recent weeks one of "
            "the most ferocious aerial assaults since the start of the war. with hundreds of civilians killed since "
            "the breakdown of a ceasefire last month. Russian war planes have killed 4000 civilians since it first "
            "intervened in Syria just over a year ago. Read Also")
    assert casualty_intervals(_counts(text), text)["nb_civilians"].point == 6


def test_a_count_word_past_another_word_is_no_counted_noun() -> None:
    # al-Alam, FA-KES dev 1962495644: the headline read as 35 dozens wounded, and no toll
    text = ("35 Dead Dozens Wounded in Terrorist Battle in Aleppo\n"
            "Sat Feb 28 2015 190703 35 Dead Dozens Wounded in Terrorist Battle in Aleppo.")
    assert [(q.text, q.subject, q.event) for q in _counts(text)][:2] == [
        ("35 Dead", "people", "killed"), ("Dozens Wounded", "people", "wounded")]


def test_the_object_of_along_with_on_a_verb_shares_its_event() -> None:
    # al-Alam, FA-KES dev 1962495644: the six read of no event
    sentence = ("At least 29 fighters from the Western-armed Hazm movement were killed along with six Al-Nusra Front "
                "terrorists according to the Syrian Observatory for Human Rights.")
    assert [(q.text, q.event) for q in _counts(sentence)] == [
        ("At least 29 fighters", "killed"), ("six Al-Nusra Front terrorists", "killed")]


def test_injuries_joined_to_deaths_are_no_deaths() -> None:
    # TRT, FA-KES dev 1919191753: the 55 injuries read as killed, as a conjunct of the deaths
    sentence = ("Hamza Khatib the manager of Al-Quds hospital in Aleppo told a Reuters photographer the hospital had "
                "recorded four deaths from gas poisoning and 55 injuries.")
    assert [(q.text, q.event) for q in _counts(sentence)] == [("four deaths", "killed"), ("55 injuries", "wounded")]


@pytest.mark.parametrize(
    ("text", "noncivilians"),
    [
        # al-Alam, FA-KES dev 1962495639: the tribe's 700 read as combatants (gold 0)
        ("ISIL kills 700 people from Syrian tribe\n"
         "The so-called Islamic State of Iraq and the Levant (ISIL) militant group has executed 700 members of a tribe "
         "it has been battling in eastern Syria during the past two weeks the majority of them civilians a human "
         "rights monitoring group says.", 0),
        # members of an armed body are combatants (Jordan Times, FA-KES dev 1924058031)
        ("Israeli attack on Syria military camp kills three | Jordan Times\n"
         "Last updated at Apr 232017 An Israeli attack on a Syrian training camp near the Golan Heights killed "
         "three members of a pro-government militia on Sunday an official from the forces said.", 3),
    ],
)
def test_members_of_a_tribe_family_or_team_are_of_no_side(text: str, noncivilians: float) -> None:
    assert casualty_intervals(_counts(text), text)["nb_noncivilians"].point == noncivilians


def test_members_of_a_militant_group_are_combatants() -> None:
    # FNC-1 train body 1634: "an attack that left three other senior members of the militant group dead" is a
    # toll of combatants, and the Kenyan mall's 68 of a paragraph further down were read as its civilians
    text = fnc1_bodies()["1634"]
    est = casualty_intervals(_counts(text), text)
    assert (est["nb_civilians"].point, est["nb_noncivilians"].point) == (0, 3)


def test_hundreds_of_thousands_with_no_noun_after_is_one_number() -> None:
    # al-Arabiya, FA-KES dev 1926479363: read as 200 to 999 "thousands" killed
    sentence = ("Damascus has repeatedly denied using such weapons during the six-year war which has killed hundreds of "
                "thousands and created the worlds worst refugee crisis.")
    assert [(q.text, q.low, q.high, q.subject, q.event) for q in _counts(sentence)] == [
        ("hundreds of thousands", 200_000, 999_999, "people", "killed")]


def test_a_vague_number_of_a_scale_of_a_scale_is_one_number() -> None:
    # Reuters, FA-KES dev 1926479371: read as 200 to 900 "thousands" and 2000 to 9999 people killed, a
    # background toll under BACKGROUND_TOLL that could pass for the event's
    sentence = ("It would be the biggest victory so far for Assads government in a war that has killed many hundreds "
                "of thousands of people and driven more than half of Syrians from their homes.")
    assert [(q.text, q.low, q.high, q.subject, q.event) for q in _counts(sentence) if q.event == "killed"] == [
        ("many hundreds of thousands of people", 200_000, 900_000, "people", "killed")]
    assert [(n.text, n.low, n.high) for n in find_numbers("several hundred thousand people")] == [
        ("several hundred thousand", 300_000, 900_000)]
    # a word that only starts like a scale is no scale
    assert [(n.text, n.low, n.high) for n in find_numbers("several thousand millionaires")] == [
        ("several thousand", 3_000, 9_000)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the Reuters sentence above (FA-KES dev 1926479371) with its clause ended at the number: the scale of a
        # scale was taken only before a space, so a comma or full stop after it left "many hundreds of" 200 to 900
        ("a war that has killed many hundreds of thousands, and driven more than half of Syrians from their homes.",
         ("many hundreds of thousands", 200_000, 900_000)),
        ("a war that has killed several hundred thousand.", ("several hundred thousand", 300_000, 900_000)),
        ("a rally several hundred thousand-strong", ("several hundred thousand", 300_000, 900_000)),
    ],
)
def test_a_scale_of_a_scale_before_punctuation_is_one_number(text: str, found: tuple[str, int, int]) -> None:
    assert [(n.text, n.low, n.high) for n in find_numbers(text)] == [found]


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        # PolNeAR train (West Journal, Washington Post, Huffington Post): sentences never parsed, as no word near
        # the number was a counted one ("Americans", "punters" are no people nouns of the lexicon)
        ("Four Americans died as a result of the attacks.", "Four Americans"),
        ("Her critics cited it as evidence that she couldn't have cared less how four Americans died.",
         "four Americans"),
        ("Two former college punters died in a car wreck over the weekend.", "Two former college punters"),
    ],
)
def test_a_count_that_died_is_parsed(sentence: str, count: str) -> None:
    assert [(q.text, q.event) for q in _counts(sentence)] == [(count, "killed")]


def test_a_participle_on_the_appositive_tells_what_befell_the_count() -> None:
    # SANA, FA-KES dev 1926479313: the headline's 10 people read of no event ("killed" hangs on "schoolchildren")
    title = "10 people mostly schoolchildren killed in terrorist rocket attacks on Aleppo"
    assert [(q.text, q.event) for q in _counts(title)] == [("10 people", "killed")]


def test_persons_and_individuals_are_one_slot_with_people() -> None:
    # SANA (FA-KES dev 1926478960) "Nine persons killed ... earlier three persons were killed" beside other
    # outlets' "people" made two slots of one group, and compare's counts by slot two bars for it
    path = require_data("fakes", "fakes_dev.csv")
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["unit_id"] == "1926478960")
    qs = _counts(row["article_title"] + "\n" + row["article_content"])
    persons = [q for q in qs if "persons" in q.text]
    assert persons and all(q.subject == "people" for q in persons)
    assert {q.event for q in persons} >= {"killed", "wounded"}
    (four,) = _counts("Police arrested four individuals in the raid.")
    assert four.subject == "people"
    (medics,) = _counts("Four medical personnel were wounded.")
    assert medics.subject == "medical personnel"  # a kind of people keeps its own slot


def _fakes_article(unit_id: str) -> str:
    path = require_data("fakes", "fakes_dev.csv")
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["unit_id"] == unit_id)
    return (row["article_title"] or "").strip() + "\n" + row["article_content"]


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        # AFP in Ahram (FA-KES dev 1923848154), commas dropped: the parse makes "civilians" the subject of "said"
        ("A barrage of air strikes on Saturday near a hospital in northwestern Syria killed at least 10 civilians "
         "said the Syrian Observatory for Human Rights.", "at least 10 civilians"),
        # al-Manar's title-case headlines (FA-KES dev 1965511221, 1965511121): the verb is tagged a name
        ("Turkish Bombardment Kills 20 Civilians in Syria", "20 Civilians"),
        ("Syrian Army Kills over 60 ISIL Terrorists in Deir Ezour", "over 60 ISIL Terrorists"),
        # al-Araby (FA-KES dev 1915433694): "dead" after the people, who the parse makes the subject of "said"
        ("A Syrian military aircraft crashed while on a bombing run over the rebel-held northwestern town of Ariha "
         "on Monday leaving at least 27 people dead a monitoring group said.", "at least 27 people"),
    ],
)
def test_a_count_right_after_a_deed_is_its_object_whatever_the_parse(sentence: str, count: str) -> None:
    assert [(q.text, q.event) for q in _counts(sentence)] == [(count, "killed")]


def test_a_count_after_a_deed_not_done_or_dead_and_hurt_is_no_toll() -> None:
    # FNC-1: a deed threatened is none; FA-KES dev 1924058210's "dead or injured" is a count of both
    assert [q.event for q in _counts("The Nusra Front threatened to kill one of the soldiers it holds captive.")
            if q.event == "killed"] == []
    sentence = ("Over the course of the past week regime forces have carried out repeated attacks on the district "
                "leaving dozens of civilian residents dead or injured.")
    assert [q.event for q in _counts(sentence) if q.event == "killed"] == []


def test_the_headlines_a_page_links_to_are_no_part_of_its_toll() -> None:
    # TRT (FA-KES dev 1924058105): "Source AFP Related News Suicide car bomb kills eight regime and rebel fighters in
    # Daraa - SOHR ..." closes a report of a car bomb on displaced people (gold: no combatant)
    text = _fakes_article("1924058105")
    assert any(q.text == "eight regime and rebel fighters" and q.event == "killed" for q in _counts(text))
    assert casualty_intervals(_counts(text), text)["nb_noncivilians"].high == 0


def test_members_of_no_stated_body_leave_a_lead_of_fighters_as_it_is() -> None:
    # al-Alam (FA-KES dev 1962495666) "Daesh Terrorist Group Execute 70 Members in Raqqa ... has executed tens of its
    # own fighters": five civilians killed later by its security forces are another incident's (gold 0)
    text = _fakes_article("1962495666")
    est = casualty_intervals(_counts(text), text)
    assert (est["nb_civilians"].high, est["nb_noncivilians"].low, est["nb_noncivilians"].high) == (0, 70, 70)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # TRT (FA-KES dev 1919191746) and Reuters in Ahram (dev 1923848287): the month ending the sentence before
        # was read as the date of the number that opens the next one
        ("Syrian soldiers drive past the Arch of Triumph in the ancient city of Palmyra in April. Two Russian airmen "
         "were killed when their helicopter was shot down east of the city.", "Two Russian airmen"),
        ("in an operation launched in late August. Fourteen of the IS group fighters were killed as they attempted "
         "to enter the rebel-controlled villages.", "Fourteen of the IS group fighters"),
    ],
)
def test_a_number_after_a_sentence_ending_in_a_month_is_no_date(text: str, count: str) -> None:
    assert [(q.text, q.event) for q in _counts(text)] == [(count, "killed")]


def test_a_day_after_a_month_is_still_a_date() -> None:
    # FNC-1 (train body 2208): the 24 of "Aug. 24" counts nothing, and the words after it are no day ("two" was
    # read as one, with no count)
    text = ("Until the Libya Dawn takeover of the airport, announced Aug. 24, two other militia groups, known as Al "
            "Qaqa and Al Sawa controlled the airport.")
    assert [q.text for q in _counts(text)] == ["two other militia groups"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # AFP (FA-KES dev 1923848281): "killing" tagged a noun, the civilians the subject of "said"
        ("Fateh al-Sham Front fired waves of rockets into government-held western Aleppo killing at least 15 civilians "
         "a monitor said.", [("at least 15 civilians", "killed")]),
        # al-Araby (dev 1923102956): the dateline's day hung on "Dozens" as its number, so the civilians were read as
        # the group of another count
        ("Date of publication 12 June 2016 Dozens of civilians have been killed after Russian airstrikes targeted a "
         "busy market place in rebel-held Idlib northern Syria.", [("Dozens of civilians", "killed")]),
        # al-Manar (dev 1965511164) and Sputnik (dev 1965495353): title-case headline verbs before a bare toll
        ("US Raids on ISILs Syria Stronghold Kill 22 including Civilians", [("22", "killed")]),
        ("Terrorists Shell Syrias Aleppo Al-Baath Killing 4 Injuring 7", [("4", "killed"), ("7", "wounded")]),
    ],
)
def test_tolls_the_parse_hid_in_comma_less_and_title_case_copy(text: str, found: list[tuple[str, str]]) -> None:
    assert [(q.text, q.event) for q in _counts(text)] == found


def test_a_number_of_no_side_beats_a_rough_count_of_civilians() -> None:
    # al-Araby (FA-KES dev 1923102956) "Dozens dead ... Dozens of civilians have been killed ... killing at least 12
    # people" (gold 12)
    text = _fakes_article("1923102956")
    civilians = casualty_intervals(_counts(text), text)["nb_civilians"]
    assert (civilians.low, civilians.high) == (12, None)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # TRT (FA-KES dev 1924058098), al-Alam (dev 1962495648): the plural subject's "kill", "injure" before a bare
        # toll, maybe after its bound, had no count
        ("Russian and Syrian regime strikes kill over 80 in Aleppo", [("over 80", "killed")]),
        ("Terrorist Attack on Damascus kill 5 injure 50", [("5", "killed"), ("50", "wounded")]),
        # al-Alam (dev 1962495716): "killed" after the soldiers, the parse hanging it elsewhere
        ("US-led coalition aircraft carried out four strikes against the Syrian army near the Deir ez-Zor airport "
         "leaving 62 soldiers killed and some 100 wounded.",
         [("four strikes", None), ("62 soldiers", "killed"), ("some 100 wounded", "wounded")]),
    ],
)
def test_the_plural_subjects_headline_verbs_and_killed_after_the_count(text: str, found: list[tuple[str, str]]) -> None:
    assert [(q.text, q.event) for q in _counts(text)] == found


@pytest.mark.parametrize(
    ("title", "toll"),
    [
        # Sputnik (FA-KES dev 1965495360): "toll" more than 60 characters before its number left the headline
        # unparsed; and "Rises" is tagged a noun in title case (dev 1965495376)
        ("Death Toll From Daesh Militants Attack on Village in Syrian Hama Reaches 51", 51),
        ("Death Toll in Blast Targeting Evacuees From Besieged Towns in Aleppo Rises to 70", 70),
    ],
)
def test_a_headline_toll_far_from_its_number_is_read(title: str, toll: int) -> None:
    assert [(q.low, q.event) for q in _counts(title)] == [(toll, "killed")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # al-Alam (FA-KES dev 1962495658), FA-KES dev 1926479248, FNC-1 (train body 1634): "more" between a
        # bare toll and its state word left no count
        ("Senior Nusra Front Leader in Homs 8 More Killed in Syrian Army Offensive", [("8 More Killed", "killed")]),
        ("Activists said that 67 people were killed and dozens more injured in airstrikes on Aleppo.",
         [("67 people", "killed"), ("dozens more injured", "wounded")]),
        ("the attack in a Kenyan mall last year that killed 68 people and left 200 more injured.",
         [("68 people", "killed"), ("200 more injured", "wounded")]),
    ],
)
def test_more_between_a_bare_toll_and_its_state_word(text: str, found: list[tuple[str, str]]) -> None:
    assert [(q.text, q.event) for q in _counts(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # AFP's headline in Ahram (FA-KES dev 1923848153) and al-Araby (dev 1923102845), commas dropped: the teller
        # after the toll was its counted noun (14 "media", 13 "msf" killed, of no field)
        ("Rebel fire in Syrias Aleppo kills 14 State media", [("14", "people", "killed")]),
        ("A hospital in a rebel-held province of northern Syria was destroyed by airstrikes over the weekend that "
         "killed 13 people MSF said on Monday.", [("13 people", "people", "killed")]),
    ],
)
def test_the_teller_after_a_toll_is_not_its_counted_noun(text: str, found: list[tuple[str, str, str]]) -> None:
    assert [(q.text, q.subject, q.event) for q in _counts(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        # FNC-1 train 495 and 2039: a model's numbers and a version's after its name, read 21 to 23 warplanes and
        # 2 to 3 ports
        "According to the Syrian Observatory for Human Rights (SOHR), the militant group has Russian-made MiG 21 "
        "and 23 warplanes.",
        '"The new USB Type-C connector is smaller, faster, and more capable than the standard USB 2.0 and 3.0 ports '
        'on existing computers," added Gurman.',
        # PolNeAR train (politico 2016-07-24, Al Gore): two years, read 2004 to 2008 conventions
        "Gore, the Democrats' 2000 presidential nominee who lost to George W. Bush in one of the closest elections "
        "in U.S. history, was a featured speaker at the 2004 and 2008 conventions.",
    ],
)
def test_models_versions_and_years_joined_by_and_are_no_range_of_a_count(text: str) -> None:
    assert [q.text for q in _counts(text)] == []


def test_a_toll_of_the_dead_beside_a_count_of_the_wounded_is_read() -> None:
    # FA-KES dev 1924058056 (dev under both the story and the casualty split): the parse hangs the 140 on the toll,
    # which read the 44 dead as the group a count comes from ("Four members of one family"), and dropped them
    sentence = "Syrian state media gave a toll of 44 dead and 140 injured in the bombing which hit a western district " \
        "of the city where several local Kurdish ministries are."
    assert [(q.low, q.event) for q in _counts(sentence) if q.event] == [(44, "killed"), (140, "wounded")]
    assert "a toll of 44 dead and 140 injured" in _fakes_article("1924058056")
