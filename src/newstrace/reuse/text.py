"""Word tokens with offsets, shingle hashes and quotation spans: the raw material of reuse search.

Reuse is decided on *words*, not characters: punctuation, quote marks (“ ” " ' ’), case and
spacing oddities ("“ relentless and indiscriminate”") change no token, so a copy with those edits
still aligns as verbatim. Every token keeps its ``[start, end)`` in the article's text so passages are
reported as offsets into the original string. Token ids are stable 64-bit hashes (blake2b), never
Python's randomised ``hash``, so keys computed on different machines (Spark executors) agree.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: a CJK character is a token of its own (those scripts put no spaces between words); otherwise a run
#: of word characters.
TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")

_MASK = (1 << 64) - 1


@lru_cache(maxsize=1 << 20)
def word_id(word: str) -> int:
    """Stable 64-bit id of a normalised word (the same on every process and machine)."""
    return int.from_bytes(
        hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little"
    )


def norm_word(word: str) -> str:
    """Case-fold a token; accents are kept (they carry meaning in many languages)."""
    return word.lower()


@dataclass(frozen=True)
class Tokens:
    """An article's tokens as compact arrays: id, start and end offset of each word."""

    ids: U64
    starts: I64
    ends: I64

    def __len__(self) -> int:
        return int(self.ids.shape[0])


def tokenize(text: str) -> Tokens:
    """Tokens of ``text`` with their character offsets."""
    starts: list[int] = []
    ends: list[int] = []
    ids: list[int] = []
    for m in TOKEN_RE.finditer(text):
        s, e = m.span()
        starts.append(s)
        ends.append(e)
        ids.append(word_id(norm_word(m.group())))
    return Tokens(
        np.array(ids, dtype=np.uint64),
        np.array(starts, dtype=np.int64),
        np.array(ends, dtype=np.int64),
    )


def _mix(h: U64) -> U64:
    """splitmix64 finaliser: spreads polynomial hashes so winnowing minima are unbiased."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(30))
        h = h * np.uint64(0xBF58476D1CE4E5B9)
        h = h ^ (h >> np.uint64(27))
        h = h * np.uint64(0x94D049BB133111EB)
        h = h ^ (h >> np.uint64(31))
    return h


_P = np.uint64(0x100000001B3)


def shingles(ids: U64, k: int) -> U64:
    """Hash of every run of ``k`` consecutive token ids (``len(ids) - k + 1`` values, or none)."""
    n = ids.shape[0] - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _P + ids[j : j + n]
    return _mix(h)


# --- quotations -------------------------------------------------------------------------------

_QUOTE_RES = [
    re.compile(r"“([^“”]{1,3000}?)”"),
    re.compile(r"„([^“”„]{1,3000}?)[“”]"),
    re.compile(r"«([^«»]{1,3000}?)»"),
    re.compile(r'"([^"\n]{1,3000}?)"'),
    re.compile(r"(?<!\w)‘([^‘’\n]{1,1000}?)’(?!\w)"),
    re.compile(r"(?<!\w)'([^'\n]{1,1000}?)'(?!\w)"),
]


@dataclass(frozen=True)
class QuoteSpan:
    """Content of one quotation (without its marks and surrounding spaces)."""

    start: int
    end: int


def quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted passages of ``text``, outermost first, without overlaps.

    Curly and guillemet quotes are trusted first; straight and single quotes only where they do not
    overlap an earlier one, since apostrophes make them ambiguous.
    """
    found: list[QuoteSpan] = []
    taken: list[tuple[int, int]] = []
    for rx in _QUOTE_RES:
        for m in rx.finditer(text):
            s, e = m.span(1)
            if any(s < te and ts < e for ts, te in taken):
                continue
            inner = text[s:e]
            lead = len(inner) - len(inner.lstrip())
            trail = len(inner) - len(inner.rstrip())
            if e - trail <= s + lead:
                continue
            taken.append((s - 1, e + 1))
            found.append(QuoteSpan(s + lead, e - trail))
    found.sort(key=lambda q: (q.start, q.end))
    return found


# --- boilerplate --------------------------------------------------------------------------------

#: words of share widgets, copyright lines and navigation; a passage made mostly of them is no reuse
BOILERPLATE_WORDS = frozenset(
    [
        "share",
        "shares",
        "shared",
        "facebook",
        "twitter",
        "tweet",
        "email",
        "e",
        "mail",
        "print",
        "whatsapp",
        "linkedin",
        "reddit",
        "pinterest",
        "telegram",
        "vk",
        "copyright",
        "c",
        "all",
        "rights",
        "reserved",
        "subscribe",
        "subscribed",
        "newsletter",
        "comment",
        "comments",
        "leave",
        "read",
        "more",
        "click",
        "here",
        "follow",
        "us",
        "on",
        "sign",
        "up",
        "log",
        "login",
        "register",
        "related",
        "advertisement",
        "ad",
        "ads",
        "cookie",
        "cookies",
        "privacy",
        "policy",
        "terms",
        "of",
        "use",
        "photo",
        "image",
        "images",
        "getty",
        "file",
        "video",
        "watch",
        "this",
        "article",
        "story",
        "the",
        "to",
        "a",
        "and",
        "via",
        "by",
        "our",
        "your",
        "with",
        "for",
        "in",
        "at",
        "next",
        "previous",
        "post",
        "posts",
        "tags",
        "tag",
        "home",
        "menu",
        "search",
        "top",
        "back",
        "page",
        "continue",
        "reading",
        "copy",
        "link",
        "permalink",
        "reply",
        "save",
        "bookmark",
    ]
)
BOILERPLATE_MARKERS = frozenset(
    [
        "share",
        "facebook",
        "twitter",
        "tweet",
        "whatsapp",
        "linkedin",
        "reddit",
        "pinterest",
        "telegram",
        "copyright",
        "reserved",
        "subscribe",
        "newsletter",
        "comment",
        "comments",
        "advertisement",
        "cookie",
        "cookies",
        "privacy",
        "permalink",
        "bookmark",
    ]
)
BOILERPLATE_IDS = frozenset(word_id(w) for w in BOILERPLATE_WORDS)
BOILERPLATE_MARKER_IDS = frozenset(word_id(w) for w in BOILERPLATE_MARKERS)


def is_boilerplate(ids: U64) -> bool:
    """True when a passage is share buttons / copyright lines rather than content."""
    n = ids.shape[0]
    if n == 0:
        return True
    vals = ids.tolist()
    common = sum(1 for v in vals if v in BOILERPLATE_IDS)
    markers = sum(1 for v in vals if v in BOILERPLATE_MARKER_IDS)
    return markers > 0 and common >= 0.6 * n
