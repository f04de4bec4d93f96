"""Numbers as intervals: "12,800", "Twelve", "scores of", "several hundred", "at least", "20 to 30".

No library turns vague quantifiers and bounds into intervals (quantulum3, number-parser and
word2number return nothing for "scores" and drop "at least"), so this module does it with one
regular expression for the surface forms and the lexicon for their meaning. It knows nothing about
what is counted; ``quantities`` decides that from the parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.claims.lexicon import (
    BOUNDS,
    SCALE_ABBREV,
    SCALES,
    TENS,
    UNITS,
    VAGUE,
    VAGUE_MULTIPLIERS,
)

#: a tens word and a unit, hyphenated or not: "thirty-one", and "Thirty one" (Reuters in Ahram, FA-KES dev
#: 1923848287: "Thirty one Islamic State (IS) group militants have been killed" read as 30 and one)
_ATOM = r"(?:" + "|".join(f"{t}(?:[-\\s](?:{'|'.join(u for u in UNITS if UNITS[u] < 10 and UNITS[u] > 0)})\\b)?"
                            for t in TENS) + "|" + "|".join(u for u in sorted(UNITS, key=len, reverse=True)) + r")"
_SCALE = r"(?:hundred|thousand|million|billion)"
#: a spelled-out number's scale words: "dozen" too ("two dozen", "three dozen"), which read as
#: "two" and "three" and made "more than two dozen injured" a count of two; a plural after a number is the
#: same number ("three hundreds of them", "two thousands people": 300 and 2000, not three and two)
_WORD_SCALE = r"(?:hundred|thousand|million|billion|dozen)s?"
_WORDNUM = (
    r"(?:(?:" + _ATOM + r"|a)\s+" + _WORD_SCALE + r"(?:\s+(?:and\s+)?(?:" + _ATOM + r"(?:\s+" + _SCALE + r")?))*"
    r"|" + _ATOM + r")"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGNUM = _DIGITS + r"(?:\s*(?:" + _SCALE + r"|bn|mn|m|k)\b)?"
_NUMBER = r"(?:" + _DIGNUM + r"|" + _WORDNUM + r")"

#: bounds that leave a count open above, which may open the upper end of a range too
_OPEN_ABOVE = r"(?:(?:well|just)\s+over|over|more\s+than|at\s+least|upwards\s+of|in\s+excess\s+of)"
_BOUND = r"(?:" + "|".join(re.escape(b) for b in sorted(BOUNDS, key=len, reverse=True)) + r")"
_VAGUE = r"(?:" + "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True)) + r")"
_VMULT = r"(?:" + "|".join(re.escape(v) for v in sorted(VAGUE_MULTIPLIERS, key=len, reverse=True)) + r")"

QUANT_RE = re.compile(
    r"(?<![\w$£€#.,-])"
    r"(?:(?P<bound>" + _BOUND + r")\s+)?"
    r"(?:"
    r"(?P<vmult>" + _VMULT + r")\s+(?P<vscale>hundreds?|thousands?|millions?|billions?|dozens?)"
    # a scale of a scale: "many hundreds of thousands of people", "several hundred thousand people";
    # a word of its own, whatever follows it ("killed several hundred thousand.", "hundreds of thousands,
    # the UN says"), but not a word that only starts like one ("thousand millionaires"); "hundred thousand-strong" is one
    r"(?:\s+(?:of\s+)?(?P<vscale2>thousands?|millions?|billions?)(?!\w))?(?:\s+of)?"
    r"|(?P<vague>" + _VAGUE + r")"
    r"|(?:between\s+)?(?P<n1>" + _NUMBER + r")(?:\s*(?:to|-|–|—|and|or)\s*(?P<n2>" + _NUMBER + r")"
    # a range open above: "from 500 to well over 1000"
    r"|\s*(?:to|–|—)\s*(?:" + _OPEN_ABOVE + r")\s+(?P<n3>" + _NUMBER + r"))?"
    r")"
    r"(?![\w%])",
    re.I,
)


@dataclass(frozen=True)
class NumberMatch:
    """A number expression found in text with its interval and point estimate."""

    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    point: float | None
    vague: bool
    core_start: int  # where the number itself starts (after a bound such as "at least")


def parse_number_words(text: str) -> float | None:
    """Value of a spelled-out number ("three hundred and twenty-five", "a thousand"), else None."""
    words = re.split(r"[\s-]+", text.lower().strip())
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in ("and", ""):
            continue
        if w.endswith("s") and w[:-1] in SCALES and seen:
            w = w[:-1]  # "three hundreds": a scale in the plural after a number
        if w == "a" and not seen:
            current = 1
            seen = True
        elif w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in TENS:
            current += TENS[w]
            seen = True
        elif w == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif w in SCALES:
            total += max(current, 1) * SCALES[w]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """Value of "12,800", "1.5 million", "16k", "Twelve", "forty-two"; None when not a number."""
    t = text.strip().lower()
    m = re.fullmatch(r"(" + _DIGITS + r")\s*(hundred|thousand|million|billion|bn|mn|m|k)?", t)
    if m:
        value = float(m.group(1).replace(",", ""))
        scale = m.group(2)
        if scale:
            value *= SCALES.get(scale, SCALE_ABBREV.get(scale, 1))
        return value
    return parse_number_words(t)


def _round(v: float) -> float:
    return float(round(v)) if v >= 10 else round(v, 2)


def _interval(m: re.Match[str]) -> tuple[float | None, float | None, float | None, bool]:
    bound = (m.group("bound") or "").lower()
    bound = re.sub(r"\s+", " ", bound)
    vague = False
    lo: float | None
    hi: float | None
    point: float | None
    if m.group("vague"):
        lo, hi = VAGUE[re.sub(r"\s+", " ", m.group("vague").lower())]
        vague = True
        point = lo if hi is None else (lo + hi) / 2
    elif m.group("vmult"):
        a, b = VAGUE_MULTIPLIERS[re.sub(r"\s+", " ", m.group("vmult").lower())]
        scale = SCALES[m.group("vscale").lower().rstrip("s")]
        if m.group("vscale2"):
            # "many hundreds of thousands" was 200 to 900 'thousands', "several hundred thousand" 300 to 900
            scale *= SCALES[m.group("vscale2").lower().rstrip("s")]
        lo, hi = a * scale, b * scale
        vague = True
        point = (lo + hi) / 2
    else:
        n1 = parse_number(m.group("n1"))
        if n1 is None:
            return None, None, None, False
        n2 = parse_number(m.group("n2")) if m.group("n2") else None
        n3 = parse_number(m.group("n3")) if m.group("n3") else None
        if n3 is not None and n3 > n1:
            # "from 500 to well over 1000": at least the first, no upper end (the bound says so)
            lo, hi = n1, None
            point = (n1 + n3) / 2
        elif n2 is not None and n2 > n1:
            lo, hi = n1, n2
            point = (n1 + n2) / 2
        else:
            lo = hi = point = n1
    if bound:
        flo, fhi = BOUNDS[bound]
        base_lo, base_hi = lo, hi
        new_lo = base_lo * flo if flo is not None and base_lo is not None else None
        new_hi = None if fhi is None or base_hi is None else base_hi * fhi
        if flo == 1.0 and fhi is None:
            point = base_lo
        lo, hi = new_lo, new_hi
        if lo is not None:
            lo = _round(lo)
        if hi is not None:
            hi = _round(hi)
    return lo, hi, point, vague


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMatch]:
    """Every number expression in ``text[start:end]``; the caller decides which are counts."""
    end = len(text) if end is None else end
    out: list[NumberMatch] = []
    for m in QUANT_RE.finditer(text, start, end):
        if not m.group(0).strip():
            continue
        lo, hi, point, vague = _interval(m)
        if lo is None and hi is None:
            continue
        core = m.start("vague") if m.group("vague") else m.start("vmult") if m.group("vmult") else m.start("n1")
        out.append(NumberMatch(m.start(), m.end(), m.group(0), lo, hi, point, vague, core))
    return out
