"""What marks a sentence of a report as background rather than its story's own news: a war's toll
since its start, a count of the war's size, an event of an earlier year; and where the links to other
reports that a scraped page prints after the story start.

The casualty evaluation skips such counts when it reads an event's toll, and ``compare`` says a claim
only one article carries is background when its sentence is one (``is_background``, which
``compare.findings.is_background`` asks with a sentence's counts) and reads no claim past the links.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newstrace.claims.lexicon import MONTHS

#: counts this large are the war's overall toll in a background sentence, not the event's
BACKGROUND_TOLL = 10_000

#: the twelve months' full names (``lexicon.MONTHS`` then gives their short forms), as a regex alternation
MONTH_NAMES = "|".join(MONTHS[:12])

#: what a cumulative toll counts from: "since 2011", "since the start of the year", "since it declared a
#: caliphate", "since the war began"; not the event's own hours ("since Wednesday afternoon")
SINCE = re.compile(
    r"\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:\d{4}\b|(?:" + MONTH_NAMES + r")\s+\d{4}\b|"
    r"the\s+(?:start|beginning|outbreak|onset)\b|"
    r"(?:it|they|the\s+(?:war|conflict|uprising|revolt|crisis|revolution|fighting))\s+(?:\w+\s+)?"
    r"(?:began|begun|started|erupted|broke|declared|seized|took|launched|emerged)\b)",
    re.I,
)

#: a year: "11 Aug 2016"
YEAR = re.compile(r"(?<![\w.,])(?:19[5-9]\d|20\d\d)(?![\w.,]\d)")
#: a time a sentence's event happened in: "in 2013", "in August 2013", "on May 25 2012", "In September 2014" (a
#: span a toll runs from, "since the outbreak of Syrias civil war in 2011", is ``SINCE``'s)
IN_YEAR = re.compile(
    r"\b(?:in|on)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:" + MONTH_NAMES + r")\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)?"
    r"(?P<year>19[5-9]\d|20\d\d)(?![\w.,]\d)", re.I)


#: a month a sentence's event happened in, its year not told: "In September Ahrar al-Shams leader Hassan
#: Abboud was killed"
IN_MONTH = re.compile(
    r"\b(?:in|on)\s+(?:(?:early|late|mid-?)\s*)?(?P<month>" + MONTH_NAMES + r")\b"
    r"(?!\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d)", re.I)
#: words of what is still to come ("talks due in September"), whose month is no earlier year's
_AHEAD = re.compile(r"\b(?:will|would|shall|plans?|planned|expected|scheduled|due|next)\b", re.I)


def of_an_earlier_year(sentence: str, year: int, month: int | None = None) -> bool:
    """Whether the sentence tells of an event in a year before ``year`` (the article's): one it names, or,
    given the article's ``month``, a later month of no year told of what is past, "In September Ahrar
    al-Shams leader Hassan Abboud was killed" in a report of July 2015 (al-Araby, FA-KES dev 1915433685)."""
    if any(int(m.group("year")) < year for m in IN_YEAR.finditer(sentence)):
        return True
    names = [m.lower() for m in MONTHS[:12]]
    return month is not None and not _AHEAD.search(sentence) and any(
        names.index(m.group("month").lower()) + 1 > month for m in IN_MONTH.finditer(sentence))


#: a sentence that refers back to the event the sentence before tells, to take its time: "Since then the UN
#: has estimated ...", "It has cost the lives of ...", "... accused Damascus of that attack"
BACK = re.compile(r"^\W*(?:since\s+then|it|that)\b|\b(?:that|the\s+same)\s+(?:attack|strike|bombing|massacre|incident|year)\b",
                  re.I)
#: a time a sentence tells of its own, of the story's days: "earlier this week", "Meanwhile", "on Monday"
OWN_TIME = re.compile(
    r"\b(?:today|yesterday|tonight|this\s+(?:week|month|year|morning|afternoon|evening)|last\s+(?:week|month|night)|"
    r"earlier\s+this|meanwhile|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|recent\s+(?:days|weeks))\b", re.I)


def of_an_earlier_year_before(sentence: str, before: str, year: int, month: int | None = None) -> bool:
    """Whether the sentence, telling no time of its own, refers back (``BACK``) to the sentence ``before`` it
    and that tells of an event of a year before ``year`` (``of_an_earlier_year``): "UN investigators
    established that sarin gas was used in Eastern Ghouta in 2013. The United States accused Damascus of
    that attack which it estimates killed 1429 people" (TRT, 2016, FA-KES dev 1919191753)."""
    if not before or not BACK.search(sentence) or OWN_TIME.search(sentence):
        return False
    if IN_YEAR.search(sentence) or IN_MONTH.search(sentence):
        return False
    return of_an_earlier_year(before, year, month)


#: a record the sentence's news sets against the war so far, "July was the worst month for attacks on
#: healthcare centres since the beginning of Syrias five-year-old conflict": news, not background
RECORD_SINCE = re.compile(
    r"\b(?:worst|deadliest|bloodiest|heaviest|fiercest|biggest|largest|highest|lowest|first|most\s+\w+)\b[^.;]*?\bsince\b",
    re.I,
)


#: what a war's toll is of: "have died in the conflict", "Syrias war has killed"; a count as large of
#: no war, Russia's "over 16,000 people have fallen victim to opposition groups", is a claim of the story
WAR = re.compile(r"\b(?:war|conflict|crisis|violence)\b", re.I)


#: a span since a year told of someone or somewhere the sentence names in passing, in a relative clause or
#: an aside: FNC-1 1807's "Ebola showed up at a hospital in Mosul, a city under ISIS control since June
#: 2014", 977's "a would-be suicide bomber who had been on death row in Jordan since 2008"
ASIDE_SINCE = re.compile(r"(?:\b(?:who|which|that)\s+(?:has|have|had)\b|,\s+(?:a|an)\s)[^.;,]*?\bsince\b", re.I)


#: what a state since a year is background of: the war, a siege, a control, a captivity ("under siege since
#: 2013", "Foley has been missing in Syria since November 2012"); a career since a year, FNC-1 1637's "O'Brien
#: and Wright have been performing under the name since 2010, he said", is the story's claim
STATE = re.compile(
    r"\b(?:war|conflict|crisis|violence|fighting|battle|uprising|revolt|revolution|siege|besieged|blockade|"
    r"control|controlled|held|rule|ruled|power|occupation|occupied|missing|captive|captivity|hostage|detained|"
    r"kidnapped|abducted|imprisoned|jailed|displaced|exile|sanctions|ceasefire|truce)\b", re.I)
#: a sum a sentence tallies since a year, FNC-1 546's "have received at least $125 million in ransom money since 2008"
SUM = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s*(?:million|billion|%|per\s?cent)\b|\b\d{1,3}(?:,\d{3})+\b", re.I)


def is_background(sentence: str, tolls: Sequence[float], counted: bool = False,
                  year: int | None = None, month: int | None = None, before: str = "") -> bool:
    """Whether a sentence is background to its story rather than its news, from its text, the low values of
    the tolls of dead or wounded it counts (``tolls``), whether it counts anything at all (``counted``) and
    the article's ``year`` and ``month`` (``None`` when it has no date): a toll of the war's size, Ahram's
    "More than 200000 people have died in the conflict which began with ..." (FA-KES dev 1923848195); a
    state since the war's start or a year before the article's, "Syria has been locked in a vicious civil
    war since early 2011" (Daily Sabah 1918398796), unless the sentence tolls its own dead or wounded
    ("killed two civilians in the city that has been divided since July 2012"), sets a record ("the worst
    month ... since the beginning of Syrias five-year-old conflict", ``RECORD_SINCE``), tells the span of
    something it names in passing (``ASIDE_SINCE``) or, since a year, of no war, siege, control or
    captivity (``STATE``) and tallies nothing since (``SUM``); or an event of a year before the article's,
    "The Pentagon announced in March 2016 that American forces had killed Shishani" (Jordan Times, 2017),
    or one the sentence ``before`` it tells, the sentence referring back to it and telling no time of its own
    (``of_an_earlier_year_before``: "... in Eastern Ghouta in 2013. The United States accused Damascus of
    that attack which it estimates killed 1429 people"). An article with no date has no earlier year, and
    any year it says a state runs since is long ago."""
    if WAR.search(sentence) and any(low >= BACKGROUND_TOLL for low in tolls):
        return True
    if year is not None and (of_an_earlier_year(sentence, year, month)
                             or of_an_earlier_year_before(sentence, before, year, month)):
        return True

    asides = {m.end() for m in ASIDE_SINCE.finditer(sentence)}
    tally = counted or bool(SUM.search(sentence))

    def long_ago(m: re.Match[str]) -> bool:  # "since 2013" in 2017; not "since February 2016" in October 2016
        told = YEAR.search(m.group())
        if told is not None and not tally and not STATE.search(sentence):  # a career since 2010, not a war's
            return False
        return m.start() + len("since") not in asides and (told is None or year is None or int(told.group()) < year)

    return any(long_ago(m) for m in SINCE.finditer(sentence)) and not tolls and not RECORD_SINCE.search(sentence)


#: a page's heading of links to other reports: TRT's "Source AFP Related News", Reuters' "Related Coverage",
#: Sputnik's "... 319 Related"
RELATED = re.compile(r"\bRelated(?:\s+(?:News|Coverage|Articles|Stories|Posts))?\s+(?=[A-Z0-9])")


def related_links(text: str, lead_end: int) -> int:
    """Where the links to other reports start, that scraped pages print after the story (FA-KES's TRT,
    Sputnik and Reuters pages): a heading of related reports past the lead (which ends at ``lead_end``),
    whose titles run to the end of the text ("Related News Suicide car bomb kills eight regime and rebel
    fighters in Daraa - SOHR Idlib offensive could spark ..."); the text's end when there is none. Ahram's
    heading of links before the story ("Print Tweet Views 458 Related Lebanon charges 43 Syrians ...") is
    in the lead and left alone."""
    m = RELATED.search(text, lead_end)
    return m.start() if m else len(text)
