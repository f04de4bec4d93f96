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
from newstrace.agencies import DATELINE_AGENCIES, WEEKDAY_DATE_PATTERN
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
#: an agency a dateline or a title's header names (``agencies.DATELINE_AGENCIES``), as written or in capitals
#: ("(REUTERS)")
_AGENCIES = "(?:" + "|".join(dict.fromkeys(re.escape(n) for a in DATELINE_AGENCIES for n in (a, a.upper()))) + ")"
_AGENCY = r"\(" + _AGENCIES + r"\)"
#: a dateline's place in capitals, one to four words ("DAMASCUS", "LA CROSSE"); these pieces are public
#: because ``reuse.provenance`` reads an agency credited after such a place ("MOSCOW (Sputnik)") with them
DATELINE_CAPS = r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}"
#: a place's second part after a comma: a state or province ("Wisc.", "Ontario", "St. Louis")
DATELINE_REGION = r", [A-Z][a-z]+\.?(?: [A-Z][a-z]+)?"
#: a day after the place: ", Oct 30", ", Oct. 31", ", Sept 5"
DATELINE_DAY = r",? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
#: a dash of any length after a dateline
DASH = r"[—–―-]"
#: a dateline opening a paragraph or a sentence: the place, its day and the agency the report is from, never
#: part of the report's first sentence (its subject to the parser, the start of a claim that runs on into it)
DATELINE = re.compile(
    r"(?:(?:(?:" + DATELINE_CAPS + r"(?:" + DATELINE_REGION + r")?|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:" + DATELINE_REGION + r")?)(?:" + DATELINE_DAY + r")? "
    + _AGENCY + r"|" + _AGENCY + r")(?:,?[^\S\n]*" + DASH + r"+)?[^\S\n]+"  # WASHINGTON, Oct. 9 (UPI) --, (SANA) –
    + r"|(?:" + DATELINE_CAPS + r"(?:" + DATELINE_REGION + r"(?:" + DATELINE_DAY + r")?|" + DATELINE_DAY + r")"  # LA CROSSE, Wisc. —; DAMASCUS, Oct 30 -
    + r"|[A-Z]{4,}[A-Z.'-]*(?: [A-Z][A-Z.'-]+){0,3}"  # BEIRUT — (not "NATO - the ...")
    + r"|[A-Z]{2,3}\.?(?: [A-Z][A-Z.'-]+){1,3})"  # NEW YORK CITY —, ST. LOUIS —, DES MOINES -
    + r",?[^\S\n]*" + DASH + r"+[^\S\n]+"
    + r")(?=[“\"‘'(]?[A-Z0-9])"  # a sentence follows, not "NATO - the alliance"
)
#: what separates a title from the body it is glued to in a text that repeats it ("... in Syria Monitor AFP
#: Friday 29 Jul 2016 At least 10 civilians ..."): the agency with its city and the day, each optional
_AFTER_TITLE = re.compile(
    r"[^\S\n]*(?:" + DASH + r"[^\S\n]*)?(?:(?:[A-Z][a-z]+ )?" + _AGENCIES + r"\b[^\S\n]*)?(?:" + WEEKDAY_DATE_PATTERN + r")?"
)
#: an agency's header inside the top of a text, after words that are no title (a caption, a deck): "... east of
#: Damascus Monitoring group Syrias state news agency did not give a death toll for the ambsuh Reuters Wednesday 7
#: Aug 2013 sixty-two rebel fighters were killed ..." (FA-KES dev 1923848207)
_HEADER = re.compile(r"[^\S\n]+" + _AGENCIES + r"[^\S\n]*,?[^\S\n]*" + WEEKDAY_DATE_PATTERN + r"[^\S\n]+")
#: how far into a text an agency's header is looked for
_HEADER_WITHIN = 400
#: what may come before a title its text repeats: a date, a time, a byline ("Friday 29 Jul 2016 ", "Posted on
#: August 3 2016 by Jordan Dakamseh "), no sentence
_BEFORE_TITLE = re.compile(r"[^.!?…\n]{0,100}")

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


def _title_parts(text: str, paras: list[tuple[int, int]], title: str | None) -> list[tuple[int, int]]:
    """The paragraphs, the one that opens with the article's title glued to its body without a full
    stop ("Friday 29 Jul 2016 10 civilians dead in air strike on Syria rebel town Monitor AFP At least 10
    civilians were killed ...") cut in three: what precedes the title, the title, and the body after the
    dateline that follows it. The title is the one given, or the text's first line when the next
    paragraph repeats it (a title put first, as ``eval casualties-fakes`` reads FA-KES)."""
    # a title of four words or more: a name ('Donald Trump') may open a text that is no title's repeat
    titles = [t for t in (title, text[paras[0][0]:paras[0][1]] if paras else None) if t and len(t.split()) >= 4]
    for k, (ps, pe) in enumerate(paras[:2]):
        for t in dict.fromkeys(t.strip() for t in titles):
            at = text.find(t, ps, min(pe, ps + 100 + len(t)))
            end = at + len(t)
            if at < 0 or end >= pe or not text[end].isspace() or _BEFORE_TITLE.fullmatch(text, ps, at) is None:
                continue
            after = _AFTER_TITLE.match(text, end, pe)
            body = after.end() if after else end
            dateline = DATELINE.match(text, body, pe)
            body = dateline.end() if dateline else body
            while body < pe and text[body].isspace():
                body += 1
            # the body opens a sentence (a title ending in a full stop is the splitter's), unless a dateline
            # tells where it starts ("AFP Monday 6 Jun 2016 seventeen civilians ...")
            if body >= pe or text[body] in ".!?…:" or not (
                    text[body].isupper() or text[body].isdigit() or text[body] in "“\"" or text[end:body].strip()):
                continue
            parts = [(ps, at)] if text[ps:at].strip() else []
            return paras[:k] + parts + [(at, end), (body, pe)] + paras[k + 1:]
    return paras


def _header_parts(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs, one that holds an agency's header (``_HEADER``) in the text's first ``_HEADER_WITHIN``
    characters cut in two around it: what comes before it (a caption, a deck the page put above the report)
    and the report after it, which the header opens whatever its first word. A header right after a title the
    text repeats is cut by ``_title_parts`` already."""
    out: list[tuple[int, int]] = []
    for ps, pe in paras:
        m = _HEADER.search(text, ps, min(pe, _HEADER_WITHIN)) if ps < _HEADER_WITHIN else None
        if m is None or m.end() >= pe or not text[ps:m.start()].strip():
            out.append((ps, pe))
            continue
        out += [(ps, m.start()), (m.end(), pe)]
    return out


def _opening(text: str, s: int, e: int) -> int:
    """Where a sentence starts once the dateline opening it is left out ("DAMASCUS, Oct 30 (Reuters) - ")."""
    m = DATELINE.match(text, s, e)
    return m.end() if m and m.end() < e else s


def _add(segs: list[Segment], cur: tuple[int, int] | None, text: str, ps: int, s: int, e: int,
         every_sentence: bool) -> tuple[int, int] | None:
    """The stretch being built once sentence ``text[s:e]`` of the paragraph at ``ps`` is added to it, or a
    stretch of its own; a stretch it ends goes to ``segs``."""
    if not every_sentence and not _CANDIDATE.search(text, s, e) and not _leads_quote(text, e) \
            and not _tags_quote(text, ps, s, e) and not SINGLE_VICTIM.search(text, s, e):
        if cur:
            segs.append(Segment(*cur))
        return None
    if cur and e - cur[0] <= MAX_SEGMENT_CHARS:
        return (cur[0], e)
    if cur:
        segs.append(Segment(*cur))
    return (s, e)


def plan_segments(text: str, *, every_sentence: bool = False, title: str | None = None) -> list[Segment]:
    """Stretches of candidate sentences to parse, consecutive ones within a paragraph joined.

    ``every_sentence`` parses all of them (broad attributions need any verb, not only cues). A title
    the text opens with is a paragraph of its own (``_title_parts``), and a dateline is part of no
    stretch: a sentence after it starts a new one, so no span runs from the title or the dateline into
    the body.
    """
    segs: list[Segment] = []
    for ps, pe in _header_parts(text, _title_parts(text, paragraphs(text), title)):
        cur: tuple[int, int] | None = None
        for s, e in split_sentences(text, ps, pe):
            opened = _opening(text, s, e)
            if opened > s and cur:  # nothing runs into the words after a dateline
                segs.append(Segment(*cur))
                cur = None
            cur = _add(segs, cur, text, ps, opened, e, every_sentence)
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
