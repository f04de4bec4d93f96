"""The words a full stop follows without ending a sentence, for every sentence splitter.

Claims extraction (``claims.segment``: its sentences, the quotes' colon lead, the speaker's
sentence start) and the stance features (``stance.text``) split text into sentences with rules of
their own, and each kept its own list: stance's lacked "mar", "apr", "jun", "jul", "sep" and the US
states, so "RENO, Nev. (AP)" and "on Sep. 12 the" ended sentences there, and had "fr", which made
"... via French website iGen.fr. As MacRumors points out" one sentence; claims' lacked "adm" and
"cpl" ("Adm. Mike Mullen", "Cpl. Nathan Cirillo"). One list now, in a module of its own so the
stance model, which imports nothing of claims extraction, does not load it for this.
"""

from __future__ import annotations

import re

#: words a full stop follows without ending a sentence (lower case, inner full stops kept: "u.s")
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "cpl", "adm", "sen", "rep", "gov", "st",
     "jr", "sr", "inc", "ltd", "corp", "co", "vs", "v", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "al", "fig", "rev", "est", "approx", "dept", "univ",
     # US states as datelines abbreviate them ("RENO, Nev. (AP) —")
     "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "md", "mass",
     "mich", "minn", "miss", "mont", "neb", "nev", "n.h", "n.j", "n.m", "n.y", "n.c", "n.d", "okla", "ore", "pa",
     "r.i", "s.c", "s.d", "tenn", "tex", "vt", "va", "wash", "wis", "wisc", "wyo"]
)

#: states' abbreviations that are English words too, an abbreviation only when capitalized, as a dateline
#: writes them ("CHICAGO, Ill. (AP)", "JACKSON, Miss."): "admitted he is ill. South Korean intelligence ..."
#: (FNC-1 train body 63) and "the Democratic convention that Gore will miss. He ..." end sentences
CAPITALIZED_ONLY = frozenset(["ill", "miss", "mass", "wash", "ore"])

#: abbreviations that are English words too, an abbreviation only before a number ("No. 10 Downing
#: Street", "a no. 1 rated app", "No. 14-915"): "The answer is no. That will have to be addressed"
#: (FNC-1 train body 34) and "Is it the death knell? No. But it is harmful" end sentences
BEFORE_A_NUMBER = frozenset(["no"])

#: words that open a sentence and are no one's name: after one, a capital letter and a full stop ended
#: the sentence before ("World War I. “I looked out", "neither do I. This debate", "the Core M. If this",
#: "a standing O. The problem"), where an initial is followed by a name ("J. Smith", "Sean P. O'Malley")
SENTENCE_OPENERS = frozenset(
    ["i", "it", "its", "he", "his", "she", "her", "we", "they", "their", "you", "your", "this", "that", "these",
     "those", "there", "here", "the", "an", "as", "at", "but", "and", "or", "so", "if", "in", "on", "of", "for",
     "to", "by", "from", "with", "when", "while", "after", "before", "then", "what", "why", "how", "who", "where",
     "which", "not", "no", "yes", "all", "some", "one", "two", "three", "several", "many", "most", "more",
     "every", "each", "also", "even", "still", "yet", "now", "today", "later", "earlier", "meanwhile", "however",
     "instead", "indeed", "perhaps", "maybe", "although", "though", "because", "since", "until", "unless",
     "according", "during"]
)
#: initials: a capital letter ("J", "W"), or letters joined by full stops ("J.J", "H.M", "a.m", "R.I.P")
_INITIALS = re.compile(r"[A-Z]|[A-Za-z](?:\.[A-Za-z])+")

#: the word after a full stop, past closing and opening quote marks and brackets
_NEXT_WORD = re.compile(r"[\"'”’)\]]*\s*[\"“‘'(\[]*([\w-]*)")


def is_abbreviation(word: str, after: str) -> bool:
    """Whether ``word``, the word before a full stop with any quote mark or bracket taken off ("Sen",
    "U.S", "J"), is an abbreviation the full stop belongs to, not a sentence's end; ``after`` is the
    text after the full stop (its next word is all that is read).

    One of ``ABBREVIATIONS``; one of ``CAPITALIZED_ONLY`` only when capitalized; one of
    ``BEFORE_A_NUMBER`` only before a number; or initials, a capital letter or letters joined by full
    stops ("J. Smith", "J.J. Abrams", "11 a.m. ET"), not followed by one of ``SENTENCE_OPENERS``
    ("World War I. The", "Washington D.C. The image"). A small letter alone is none: it was the 't'
    and 's' of "They didn't. Her father" and "Clinton's. But" (the splitters read the letters after
    an apostrophe), and a digit neither ("since Sept. 3. The leader ..."). One test for every sentence
    splitter (claims' sentences, colon lead and speaker's sentence start; stance's and compare's
    sentences), so a full stop ends a sentence for all of them alike."""
    key = word.lower().rstrip(".")
    if key in CAPITALIZED_ONLY:
        return word[:1].isupper()
    if key in BEFORE_A_NUMBER:
        return _next_word(after)[:1].isdigit()
    if key in ABBREVIATIONS:
        return True
    return _INITIALS.fullmatch(word) is not None and _next_word(after).lower() not in SENTENCE_OPENERS


def _next_word(after: str) -> str:
    m = _NEXT_WORD.match(after)
    return m.group(1) if m else ""
