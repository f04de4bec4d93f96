"""Fast tokens, stems, sentences and cue lexicons for the stance features.

The stance model must run at hundreds of pairs per second on one core, so it does not parse with
spaCy: a regex tokenizer, a small suffix stemmer and a regex sentence splitter are enough for
bag-of-words similarity and cue counting, and they keep character offsets so that evidence
sentences are spans of ``Article.text``.

The lexicons are the design of the FNC-1 winners (refuting and hedging words) extended with
negation, debunking and confirmation words; ``disagree`` bodies are mostly recognisable by a
debunking vocabulary ("hoax", "fake", "not true") near the claim's own key terms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newstrace.abbreviations import is_abbreviation

TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:[.,][0-9]+)*(?:['’][A-Za-z]+)?")
_NUMBER_RE = re.compile(r"^[0-9]+(?:[.,][0-9]+)*$")
# a sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace,
# or at a line break
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# One branch that starts with a character class: the regex engine then jumps from candidate to
# candidate instead of trying every position (a leading lookbehind, or a leading ``\n+``, made the
# split cost 60 ns per character). Group 1 is the break after an end mark; without it the match
# is a run of line breaks.
_SENT_END = re.compile(r"[\n.!?](?:(?<=\n)\n*|(?<=[.!?])([\"'”’)\]]*\s+)(?=[^a-z]))")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i in into is it its itself just
    me more most my myself of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves also said says say told tell one two
    new like get got us mr ms mrs its it's he's she's they're we're i'm you're that's there's
    who's what's let's via per""".split()  # noqa: SIM905
)

NEGATIONS = frozenset("not no never none nothing nobody neither nor without cannot nowhere".split())  # noqa: SIM905

# Words are written as typed; ``stem`` is applied when the lexicons are built.
_REFUTE = """fake fraud hoax false deny denies denied denial not despite nope doubt doubts bogus
debunk debunked debunks prank pranks retract retracted retraction untrue fabricate fabricated
fabrication satire satirical misleading incorrect wrong refute refuted refutes dismiss dismissed
reject rejected contrary baseless unfounded myth lie lies lied spoof parody photoshopped
doctored fiction fictional joke erroneous inaccurate nonsense disprove disproved insist insisted
never"""
_HEDGE = """allegedly reportedly apparently purportedly supposedly claim claims claimed rumor
rumors rumour rumours rumored unconfirmed unverified may might could possibly perhaps likely
suggest suggests suggested report reports reported according sources source appears appear
seems seem alleged believed believe speculation speculate speculated if whether unclear
purported possible potential probably suspect suspected"""
_DEBUNK = """hoax fake false satire satirical debunk debunked untrue fabricated bogus prank spoof
parody photoshopped doctored myth baseless unfounded fictional fiction misleading nonsense
erroneous inaccurate"""
_CONFIRM = """confirm confirmed confirms official officially announced announce announces revealed
verified verify true indeed proved proven proof footage shows showed evidence admitted admits
acknowledged"""

WORD_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12",
    "fifteen": "15", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
    "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
}  # fmt: skip


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A small suffix stripper: plural, -ed and -ing forms meet their base often enough.

    No stemming library ships with the project's dependencies; this keeps "denies/denied/deny"
    and "rebels/rebel" together, which is what the overlap and cue features need.
    """
    w = word.lower().replace("’", "'")
    if word in ("US", "USA"):  # the country, not the pronoun (a stopword)
        return "usa"
    if w.endswith("n't") or w == "cannot":
        return "not"
    if w.endswith("'s"):
        w = w[:-2]
    elif "'" in w:
        w = w.split("'", 1)[0]
    n = len(w)
    if n <= 3 or w[0].isdigit():
        return w
    if w.endswith("ies") and n > 4:
        return w[:-3] + "y"
    if w.endswith("ied") and n > 4:
        return w[:-3] + "y"
    if w.endswith("sses"):
        return w[:-2]
    if w.endswith("ing") and n > 5:
        w = w[:-3]
    elif (w.endswith("ed") and n > 4) or (w.endswith("es") and n > 4 and w[-3] in "sxz"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def _lexicon(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


REFUTE = _lexicon(_REFUTE)
HEDGE = _lexicon(_HEDGE)
DEBUNK = _lexicon(_DEBUNK)
CONFIRM = _lexicon(_CONFIRM)
NEG_STEMS = _lexicon(" ".join(NEGATIONS))
STOP_STEMS = frozenset(stem(w) for w in STOPWORDS) | STOPWORDS
#: cue columns, in the order of the per-sentence cue matrix
CUES: tuple[tuple[str, frozenset[str]], ...] = (
    ("refute", REFUTE),
    ("hedge", HEDGE),
    ("neg", NEG_STEMS),
    ("debunk", DEBUNK),
    ("confirm", CONFIRM),
)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(raw token, start, end) for every word or number of ``text``."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def number_value(token: str) -> str | None:
    """Canonical text of a number token ("1,200" -> "1200", "two" -> "2"), else None."""
    low = token.lower()
    if low in WORD_NUMBERS:
        return WORD_NUMBERS[low]
    if not _NUMBER_RE.match(low):
        return None
    plain = low.replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return None
    return str(int(value)) if value == int(value) else str(value)


def is_content(s: str) -> bool:
    """A stem that carries topic: not a stopword, not a bare one-letter token."""
    return len(s) > 1 and s not in STOP_STEMS and s not in NEG_STEMS


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` of ``text``, whitespace trimmed; never empty spans."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        brk = m.group(1)
        if brk is None:
            brk = m.group()
            start = m.start()
        else:
            start = m.start(1)
        if not brk.startswith("\n") and text[start - 1] == ".":
            word = _word_before_dot(text, start - 1)
            if word and is_abbreviation(word, text[start:start + 40]):
                continue  # "Dr. Said Sadek", "J. Smith": not a sentence end
        _add_span(text, pos, start if brk.startswith("\n") else start + len(brk.rstrip()), spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _word_before_dot(text: str, dot: int) -> str:
    """The ASCII word before the full stop at ``text[dot]``, inner full stops kept ("U.S", as claims'
    and compare's splitters read it: the "S" alone now reads as an initial, which "The" after it
    ends), if it is whole and at most 15 characters long, else "" (a scan back instead of a regex
    search with a lookbehind)."""
    lo = max(0, dot - 15)
    j = dot
    while j > lo and (text[j - 1] in _ASCII_LETTERS or (text[j - 1] == "." and j - 1 > lo and text[j - 2] in _ASCII_LETTERS)):
        j -= 1
    if j == dot or (j > 0 and text[j - 1] in _ASCII_LETTERS):
        return ""
    return text[j:dot]


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    body = piece.lstrip()  # str.strip() trims what str.isspace() calls whitespace
    if body:
        start += len(piece) - len(body)
        spans.append((start, start + len(body.rstrip())))
