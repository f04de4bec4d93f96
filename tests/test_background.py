"""What marks a sentence as background (``newstrace.background.is_background``), read from its plain
text and plain values, on real sentences of FA-KES dev rows and FNC-1 training bodies."""

from __future__ import annotations

import functools

import pytest

from conftest import fnc1_bodies, require_data
from newstrace.background import is_background
from newstrace.compare.text import sentences
from newstrace.ingest import read_articles
from newstrace.model import Article

pytestmark = pytest.mark.data


@functools.cache
def _fakes_dev() -> dict[str, Article]:
    return {a.id: a for a in read_articles([require_data("fakes", "fakes_dev.csv")])}


def _sentence(text: str, words: str) -> str:
    """The sentence of ``text`` (split as ``compare`` splits it) that says ``words``."""
    found = [text[s.start:s.end] for s in sentences(text) if words in text[s.start:s.end]]
    assert len(found) == 1, (words, found)
    return found[0]


def _fakes(row: str, words: str) -> tuple[str, int, int]:
    """A FA-KES dev row's sentence that says ``words``, with the article's year and month."""
    a = _fakes_dev()[row]
    assert a.published is not None
    return _sentence(a.text, words), a.published.year, a.published.month


def test_a_toll_of_the_wars_size_is_background_and_a_smaller_one_is_not() -> None:
    """Ahram of 5 Feb 2015 (1923848195): "More than 200000 people have died in the conflict which began
    ..." is the war's toll, at ``BACKGROUND_TOLL`` or more; read as of no date (so that its "in March 2011"
    tells no earlier year), the same sentence with a toll of 200 is no war's size."""
    sentence, year, month = _fakes("1923848195", "More than 200000")
    assert is_background(sentence, [200000], True, year, month)
    assert is_background(sentence, [200000], True)
    assert not is_background(sentence, [200], True)


def test_a_state_since_a_year_before_the_articles_is_background() -> None:
    """Daily Sabah of 2 Jul 2016 (1918398796): "Syria has been locked in a vicious civil war since early
    2011 ..."; in an article of 2011 the year is no earlier one."""
    sentence, year, month = _fakes("1918398796", "vicious civil war")
    assert is_background(sentence, [], False, year, month)
    assert not is_background(sentence, [], False, 2011, 6)


def test_a_sentence_that_tolls_its_own_dead_or_sets_a_record_is_news() -> None:
    """Ahram of 1 Jul 2016 (1923848179): "... killed two civilians in the city that has been divided since
    July 2012" tolls the story's dead; Daily Sabah of 6 Aug 2016 (1924058117): "July was the worst month for
    attacks on healthcare centres since the beginning of Syrias five-year-old conflict" sets a record
    against the war so far (counted nothing, it would read as a span since the war's start)."""
    sentence, year, month = _fakes("1923848179", "killed two civilians")
    assert not is_background(sentence, [2], True, year, month)
    sentence, year, month = _fakes("1924058117", "worst month for attacks")
    assert "since the beginning" in sentence
    assert not is_background(sentence, [], False, year, month)
    assert is_background(sentence.replace("the worst", "a"), [], False, year, month)


def test_an_event_of_an_earlier_year_or_a_later_month_of_none_is_background() -> None:
    """Jordan Times of 8 Oct 2017 (1924058070): "The Pentagon announced in March 2016 that American forces
    had killed Shishani ..."; al-Araby of 15 Jul 2015 (1915433685): "In September Ahrar al-Shams leader
    Hassan Abboud was killed ...", the September before, which only the article's month tells."""
    sentence, year, month = _fakes("1924058070", "The Pentagon announced")
    assert is_background(sentence, [], True, year, month)
    assert not is_background(sentence, [], True, 2016, 10)
    sentence, year, month = _fakes("1915433685", "In September Ahrar")
    assert is_background(sentence, [], True, year, month)
    assert not is_background(sentence, [], True, year)


def test_a_span_since_a_year_is_background_of_a_war_a_captivity_or_a_sum_not_of_an_aside_or_a_career() -> None:
    """FNC-1 train bodies, of no date: 1948's "Foley has been missing in Syria since November 2012" (a
    captivity) and 546's "... have received at least $125 million in ransom money since 2008" (a sum) are
    background; 1807's "... Mosul, a city ... that's been under ISIS control since June 2014" and 977's "...
    a would-be suicide bomber who had been on death row in Jordan since 2008" tell the span of what they name
    in passing, and 1637's "O'Brien and Wright haven't been able to perform under the name since 2010, he
    said" a career: the story's claims."""
    bodies = fnc1_bodies()
    assert is_background(_sentence(bodies["1948"], "Foley has been missing"), [], False)
    assert is_background(_sentence(bodies["546"], "$125 million in ransom"), [], False)
    assert not is_background(_sentence(bodies["1807"], "Three outlets reported"), [], True)
    assert not is_background(_sentence(bodies["977"], "on death row in Jordan"), [], False)
    career = _sentence(bodies["1637"], "perform under the name since 2010")
    assert not is_background(career, [], False)
    assert is_background(career, [], True)  # with a count since, a tally


def _fakes_before(row: str, words: str) -> tuple[str, str, int, int]:
    """A FA-KES dev row's sentence that says ``words``, the sentence before it, and the article's year and month."""
    a = _fakes_dev()[row]
    assert a.published is not None
    ss = [a.text[s.start:s.end] for s in sentences(a.text)]
    i = ss.index(_sentence(a.text, words))
    return ss[i], ss[i - 1], a.published.year, a.published.month


def test_a_sentence_that_takes_its_time_from_the_one_before_of_an_earlier_year_is_background() -> None:
    """TRT of 11 Aug 2016 (1919191753): "UN investigators established that sarin gas was used in Eastern
    Ghouta in 2013. The United States accused Damascus of that attack which it estimates killed 1429 people
    ..."; TRT of 14 Jun 2016 (1924058079): "The Syrian civil war began in mid 2011 ... Since then the
    UN has estimated ... the death toll may be as high as 400000." Their year is the sentence before's.
    NNA's "It morphed into a conflict ... - Meanwhile the Observatory said 10 children ... executed ...
    earlier this week" (1914947538), after "Syrias war began in March 2011 ...", tells a time of its own;
    and a sentence that does not refer back takes no time from the one before (Mardini's "Hundreds of
    civilians killed is certainly a very conservative figure", Reuters, 1926479281, after "... since the battle
    for Aleppo in 2016")."""
    sentence, before, year, month = _fakes_before("1919191753", "accused Damascus of that attack")
    assert "in 2013" in before
    assert is_background(sentence, [1429], True, year, month, before)
    assert not is_background(sentence, [1429], True, year, month)
    assert not is_background(sentence, [1429], True, 2013, 9, before)
    sentence, before, year, month = _fakes_before("1924058079", "Since then the UN has estimated")
    assert is_background(sentence, [400000], True, year, month, before)
    assert not is_background(sentence, [400000], True, year, month)
    sentence, before, year, month = _fakes_before("1914947538", "It morphed into a conflict")
    assert "in March 2011" in before
    assert not is_background(sentence, [48], True, year, month, before)
    sentence, before, year, month = _fakes_before("1926479281", "very conservative figure")
    assert "in 2016" in before
    assert not is_background(sentence, [], True, year, month, before)
