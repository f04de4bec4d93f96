"""Sentences and the parts of an article worth parsing.

Parsing is the expensive step, and most sentences of a news article carry neither a quote, an
attribution cue nor a number. Splitting with a cheap rule-based splitter first and parsing only the
candidate sentences (grouped per paragraph so the parser keeps context) is what lets extraction
run at tens of articles per second per core with the small spaCy model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.abbreviations import is_abbreviation
from newstrace.claims.lexicon import (
    EVENT_NOUNS,
    PARSE_CUES,
    PEOPLE_NOUNS,
    SINGLE_PEOPLE,
    TENS,
    TOLL_OF,
    TOLL_REVISED_LEAD,
    UNITS,
)

_BOUNDARY = re.compile(r"[.!?…]+[”\"’')\]]*\s+(?=[“\"‘(\[]?[A-Z0-9])|[”\"]\s+(?=[“\"][A-Z])")
_NUMBERISH = r"(?:\d[\d,.]*|" + "|".join(list(UNITS) + list(TENS)) + r"|scores|tens|dozens?|hundreds?|thousands?|several|handful|few|dozen)"
#: what a number is near in a sentence worth parsing; "died" and "die(s)" after the count's noun too, which no
#: other word may mark: PolNeAR train (West Journal) "Four Americans died as a result of the attacks" was never
#: parsed, "Americans" being no people noun of the lexicon
_COUNTED = "|".join(sorted(PEOPLE_NOUNS | EVENT_NOUNS | {"dead", "killed", "died", "die", "dies", "injured", "wounded",
                                                          "of"}, key=len, reverse=True))
#: a sentence is parsed when it has a quote mark, a speech cue, or a number near a counted noun, an event
#: or a toll
_CANDIDATE = re.compile(
    r"[“”\"«»„″‘]|''|\b(?:" + "|".join(sorted(PARSE_CUES | {"according"}, key=len, reverse=True)) + r")\b"
    + r"|\b" + _NUMBERISH + r"\b(?:[\s-]+[\w'’-]+){0,3}?[\s-]+(?:" + _COUNTED + r")\b"
    + r"|\b(?:kill|die|injur|wound|execut|claim)\w*\s+(?:of\s+)?(?:at least |more than |over |some |about )?"
    + _NUMBERISH + r"\b"
    # a toll without a counted noun: "the death toll rose to 48", "the number of dead reached 48"; a headline's may be
    # far from its number ("Death Toll From Daesh Militants Attack on Village in Syrian Hama Reaches 51")
    + r"|\b(?:tolls?|number of (?:the )?(?:" + "|".join(TOLL_OF) + r"))\b[^.!?\n]{0,100}?\b" + _NUMBERISH + r"\b"
    # a toll's new number, a pronoun standing for the toll: "This was later updated to 82"
    + r"|\b" + TOLL_REVISED_LEAD + _NUMBERISH + r"\b",
    re.I,
)
_SINGLE = r"(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(sorted(SINGLE_PEOPLE, key=len, reverse=True)) + r")"
#: two of them joined: "A child and a woman were killed", "killing a man and a boy"
_SINGLES = _SINGLE + r"(?:\s*,?\s+and\s+" + _SINGLE + r")?"
#: a single victim without a numeral ("A child was killed", "killing a woman"), or two joined ("A child
#: and a woman were killed", where neither was found, each being next to the other, not to the verb): a
#: count of one the sentence holds though it has no number
SINGLE_VICTIM = re.compile(
    r"\b" + _SINGLES + r"\s+(?:(?:was|were|has been|have been|had been|is|are)\s+)?(?:\w+ly\s+)?(?:killed|died|slain|"
    r"shot dead|wounded|injured|executed|murdered)\b"
    r"|\b(?:kill(?:s|ed|ing)?|wound(?:s|ed|ing)|injur(?:es|ed|ing)|execut(?:es|ed|ing)|murder(?:s|ed|ing))\s+"
    # or after the counts it is joined to: "killed 17 militants and a child"
    r"(?:(?:at least |more than |some |about )?" + _NUMBERISH + r"\s+(?:[\w-]+\s+){0,3}?[\w-]+\s*,?\s+and\s+)?"
    + _SINGLES + r"\b",
    re.I,
)
#: longest stretch of text handed to the parser in one piece
MAX_SEGMENT_CHARS = 3000


@dataclass(frozen=True)
class Segment:
    start: int
    end: int


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]`` (one paragraph); cheap, rule-based, abbreviation-aware."""
    out: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        dot = m.start()
        word = re.search(r"([\w.]+)$", text[max(start, dot - 12):dot])
        if word and text[dot] == "." and (is_abbreviation(word.group(1), text[dot + 1:dot + 40])
                                          or _list_number(text[s:dot], word.group(1))):
            continue
        cut = m.end()
        while cut > s and text[cut - 1].isspace():
            cut -= 1
        if text[s:cut].strip():
            out.append((s, cut))
        s = m.end()
    if text[s:end].strip():
        e = end
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return out


def _list_number(before: str, word: str) -> bool:
    """Whether the word before a full stop is the number of a list's item, all its sentence holds so far
    ("1. The Nobel Committee does not ..."): no sentence of its own, as a number ending one is ("since
    Sept. 3. The leader also ...")."""
    return word.isdigit() and before.strip() == word


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


_QUOTE_AHEAD = re.compile(r"\s*(?:[“\"«„″]|'')")


def _leads_quote(text: str, end: int) -> bool:
    """A sentence ending in a colon right before a quotation introduces it ('Cruz called them on
    it:'), speech verb or not: its subject is the quotation's speaker, so it is parsed."""
    return end > 0 and text[end - 1] == ":" and _QUOTE_AHEAD.match(text, end) is not None


def _tags_quote(text: str, para_start: int, start: int, end: int) -> bool:
    """A short sentence right after a quotation that ends in a question or exclamation mark
    ('“... the middle class?” Hannity pressed.') is its attribution, speech verb or not; so is a
    longer one whose first clause is short ('"All the way!" Dawson shouted, shorthand for taking
    the pro-Sanders fight all the way to the Democratic convention.')."""
    k = start - 1
    while k > para_start and text[k].isspace():
        k -= 1
    if k > para_start + 1 and text[k - 1:k + 1] == "''":  # a doubled apostrophe closing ('?'' he asked')
        k -= 1
    elif k > para_start and text[k] not in "”\"":
        return False
    comma = text.find(",", start, end)
    return k > para_start and text[k - 1] in "?!" and (comma if comma >= 0 else end) - start <= 80


def plan_segments(text: str, *, every_sentence: bool = False) -> list[Segment]:
    """Stretches of candidate sentences to parse, consecutive ones within a paragraph joined.

    ``every_sentence`` parses all of them (broad attributions need any verb, not only cues).
    """
    segs: list[Segment] = []
    for ps, pe in paragraphs(text):
        cur: tuple[int, int] | None = None
        for s, e in split_sentences(text, ps, pe):
            if not every_sentence and not _CANDIDATE.search(text, s, e) and not _leads_quote(text, e) \
                    and not _tags_quote(text, ps, s, e) and not SINGLE_VICTIM.search(text, s, e):
                if cur:
                    segs.append(Segment(*cur))
                    cur = None
                continue
            if cur and e - cur[0] <= MAX_SEGMENT_CHARS:
                cur = (cur[0], e)
            else:
                if cur:
                    segs.append(Segment(*cur))
                cur = (s, e)
        if cur:
            segs.append(Segment(*cur))
    # a single sentence longer than the cap is still parsed whole, but in pieces of the cap
    out: list[Segment] = []
    for seg in segs:
        s = seg.start
        while seg.end - s > MAX_SEGMENT_CHARS * 2:
            cut = text.rfind(" ", s, s + MAX_SEGMENT_CHARS) if text.rfind(" ", s, s + MAX_SEGMENT_CHARS) > s else s + MAX_SEGMENT_CHARS
            out.append(Segment(s, cut))
            s = cut + 1
        out.append(Segment(s, seg.end))
    return out
