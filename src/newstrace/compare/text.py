"""Light text helpers for comparing articles: sentences with offsets, content words, similarity.

Comparison works sentence by sentence (which sentence of B restates which sentence of A), so it
needs sentence boundaries *with offsets* and a cheap similarity that tolerates the small edits
rewrites make (inflection, reordering, dropped words). A regex splitter and bag-of-stems cosine are
enough for that and cost nothing next to the spaCy parse the claims stage already paid for; keeping
them here avoids a second parse per article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from newstrace.abbreviations import is_abbreviation

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace, or at a
# line break; not at the full stop of an abbreviation (newstrace.abbreviations, the list claims and
# stance split sentences with).
_SENT_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
#: the word before a piece's closing full stop, letters and inner full stops ("Sen", "U.S", "J")
_LAST_WORD = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z.]*)\.$")
#: how many of a piece's last characters ``_abbreviated`` is given: more than any abbreviation
_LAST_WORD_CHARS = 20

#: quote marks folded to ASCII so that “ ” ‘ ’ ' " compare equal
QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article's text: ``text[start:end]``, index in reading order."""

    index: int
    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    """Split clean text into sentences with character offsets (whitespace trimmed off each end)."""
    out: list[Sentence] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        piece_end = m.start()
        # only the piece's last characters: slicing the whole piece, which grows while abbreviations
        # go on ("the U.S. Army ... the U.S. Capitol ..."), made a long paragraph quadratic
        if "\n" not in m.group(0) and _abbreviated(text[max(pos, piece_end - _LAST_WORD_CHARS):piece_end],
                                                    text[m.end():m.end() + 40]):
            continue  # "Dr. Said", "John F. Kennedy", "RENO, Nev. (AP)": no sentence break
        _append(out, text, pos, piece_end)
        pos = m.end()
    _append(out, text, pos, len(text))
    return out


def _abbreviated(piece: str, after: str) -> bool:
    """Whether ``piece``, a sentence piece's last ``_LAST_WORD_CHARS`` characters, ends in an
    abbreviation's full stop ("Sen.", "U.S.", "F."), by the one test claims and stance use, so that
    compare's sentences end where theirs do."""
    m = _LAST_WORD.search(piece)
    return m is not None and is_abbreviation(m.group(1), after)


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end))


def sentence_at(sents: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing ``offset`` (binary search; sentences are sorted and disjoint)."""
    lo, hi = 0, len(sents)
    while lo < hi:
        mid = (lo + hi) // 2
        if sents[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sents) and sents[lo].start <= offset < sents[lo].end:
        return sents[lo]
    if lo < len(sents) and offset < sents[lo].start:
        return sents[lo]  # offset in the whitespace before a sentence
    return sents[-1] if sents else None


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately crude suffix stripper: "killed"/"kills"/"killing" -> "kill".

    Over-stemming is harmless here because stems are only compared with each other.
    """
    w = word.lower().translate(QUOTE_FOLD).strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or w[0].isdigit():
        return w
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("ly", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: -len(suffix)] + repl
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "killed" -> "kill" but "shelling" -> "shel" -> keep consonant pairs consistent
    return w


def words(text: str) -> list[str]:
    """Lowercased word tokens (quote marks folded), punctuation dropped."""
    return [w.lower().translate(QUOTE_FOLD) for w in _WORD.findall(text)]


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry content: stop words and one-letter tokens dropped."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1 and w.strip("'") not in STOP_WORDS]


def bag(text: str) -> Counter[str]:
    return Counter(content_stems(text))


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine of two bags; 0.0 when either is empty."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    if not dot:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


_CAPS = re.compile(r"\b(?:[A-Z][a-zA-Z'’\-]+|[A-Z]{2,})(?:\s+(?:of\s+|de\s+|al-)?(?:[A-Z][a-zA-Z'’\-]+|[A-Z]{2,}))*")


def names(text: str) -> set[str]:
    """Capitalised word runs not at a sentence start, plus their acronyms ("United Nations" -> "un").

    A cheap stand-in for named entities that is good enough to tell one story from another.
    """
    found: set[str] = set()
    for m in _CAPS.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        phrase = m.group(0)
        tokens = phrase.split()
        if (not before.strip() or before.rstrip()[-1:] in ".!?\"“”") and len(tokens) == 1:
            continue  # a lone capitalised word opening a sentence is usually not a name
        stems_ = [stem(t) for t in tokens if t.lower() not in STOP_WORDS]
        if not stems_:
            continue
        found.update(stems_)
        caps = [t for t in tokens if t[0].isupper() and t.lower() not in ("of", "de")]
        for n in range(2, len(caps) + 1):  # "United Nations Special Envoy" -> un, uns, unse
            found.add("".join(t[0] for t in caps[:n]).lower())
    return found


def acronym(phrase: str) -> str:
    """Initials of the capitalised words: "United Nations" -> "un"."""
    return "".join(t[0] for t in phrase.split() if t[:1].isupper()).lower()
