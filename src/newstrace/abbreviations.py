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

#: words a full stop follows without ending a sentence (lower case, inner full stops kept: "u.s")
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "cpl", "adm", "sen", "rep", "gov", "st",
     "jr", "sr", "inc", "ltd", "corp", "co", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "al", "fig", "rev", "est", "approx", "dept", "univ",
     # US states as datelines abbreviate them ("RENO, Nev. (AP) —")
     "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "md", "mass",
     "mich", "minn", "miss", "mont", "neb", "nev", "n.h", "n.j", "n.m", "n.y", "n.c", "n.d", "okla", "ore", "pa",
     "r.i", "s.c", "s.d", "tenn", "tex", "vt", "va", "wash", "wis", "wisc", "wyo"]
)

#: states' abbreviations that are English words too, an abbreviation only when capitalized, as a dateline
#: writes them ("CHICAGO, Ill. (AP)", "JACKSON, Miss."): "admitted he is ill. South Korean intelligence ..."
#: (FNC-1 train body 63) and "the Democratic convention that Gore will miss. He ..." end sentences. Not "no",
#: whose lower case is the abbreviation too ("a no. 1 rated app"), a full stop's next word telling them apart
CAPITALIZED_ONLY = frozenset(["ill", "miss", "mass", "wash", "ore"])


def is_abbreviation(word: str) -> bool:
    """Whether ``word``, the word before a full stop with any quote mark or bracket taken off ("Sen",
    "U.S", "J"), is an abbreviation the full stop belongs to, not a sentence's end: one of
    ``ABBREVIATIONS`` or a single letter (an initial: not a digit, which claims' splitter, reading
    any word character before the stop, passed, so "since Sept. 3. The leader ..." was one sentence); one of
    ``CAPITALIZED_ONLY`` only when capitalized. One test for every sentence splitter (claims'
    sentences, colon lead and speaker's sentence start; stance's and compare's sentences), so a full
    stop ends a sentence for all of them alike."""
    key = word.lower().rstrip(".")
    if key in CAPITALIZED_ONLY:
        return word[:1].isupper()
    return key in ABBREVIATIONS or (len(word) == 1 and word.isalpha())
