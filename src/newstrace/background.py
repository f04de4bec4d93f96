"""What marks a sentence of a report as background rather than its story's own news: a war's toll
since its start, a count of the war's size, an event of an earlier year; and where the links to other
reports that a scraped page prints after the story start.

The casualty evaluation skips such counts when it reads an event's toll, and ``compare`` says a claim
only one article carries is background when its sentence is one (``compare.findings.unique_findings``)
and reads no claim past the links.
"""

from __future__ import annotations

import re

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
