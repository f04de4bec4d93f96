"""Time windows of counts: "over the last 48 hours", "during recent weeks", "from February to September".

A count without its window cannot be compared across outlets ("12 killed" in a day vs in a week),
so each window is kept both as the text the article used and, where the words imply one, as a
duration range in hours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from newstrace.claims.lexicon import MONTHS, WEEKDAYS
from newstrace.claims.numbers import parse_number_words

HOURS = {"hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.5, "year": 8766.0, "fortnight": 336.0}
_UNIT = r"(?P<unit>hours?|days?|weeks?|months?|years?|fortnights?)"
_NUM = (
    r"(?P<num>\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|forty-eight|"
    r"twenty-four|seventy-two|several|few|a few|couple of|a couple of|the)"
)
_MONTH = r"(?:" + "|".join(m for m in MONTHS if len(m) > 3) + r")"
_DAY = r"(?:" + "|".join(WEEKDAYS) + r")"

#: (regex, kind); kind decides how hours are computed
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bfrom\s+(?P<m1>" + _MONTH + r")(?:\s+\d{4})?\s+(?:to|through|until|till)\s+(?P<m2>" + _MONTH
                + r")(?:\s+\d{4})?", re.I), "months"),
    (re.compile(r"\bbetween\s+(?P<m1>" + _MONTH + r")(?:\s+\d{4})?\s+and\s+(?P<m2>" + _MONTH + r")(?:\s+\d{4})?",
                re.I), "months"),
    (re.compile(r"\b(?:over|in|during|within|for)\s+(?:the\s+)?(?:last|past|previous|preceding|first|next)\s+"
                + _NUM + r"\s+" + _UNIT + r"\b", re.I), "n_units"),
    (re.compile(r"\b(?:in|over|during|within)\s+(?:the\s+)?(?:a\s+)?period\s+of\s+" + _NUM + r"\s+" + _UNIT + r"\b",
                re.I), "n_units"),
    (re.compile(r"\b(?:in|within|over|during)\s+(?:just\s+|only\s+)?" + _NUM + r"\s+" + _UNIT + r"\b", re.I),
     "n_units"),
    (re.compile(r"\b(?:over|in|during|within)\s+(?:the\s+)?(?:last|past|previous)\s+" + _UNIT + r"\b", re.I),
     "one_unit"),
    (re.compile(r"\b(?:during|in|over)\s+(?:the\s+)?(?:recent|past\s+few|last\s+few|coming)\s+" + _UNIT + r"\b",
                re.I), "recent"),
    (re.compile(r"\b(?:this|last)\s+" + _UNIT + r"\b", re.I), "one_unit"),
    (re.compile(r"\b(?:since|from)\s+(?P<since>" + _DAY + r"|" + _MONTH + r"(?:\s+\d{4})?)\b", re.I), "since"),
    (re.compile(r"\bovernight\b", re.I), "overnight"),
    (re.compile(r"\b(?:on\s+)?(?:yesterday|today)\b", re.I), "day"),
    (re.compile(r"\b(?:over|during)\s+the\s+weekend\b", re.I), "weekend"),
]


@dataclass(frozen=True)
class Window:
    start: int
    end: int
    text: str
    hours: list[float] | None


def _unit_hours(unit: str) -> float:
    return HOURS[unit.lower().rstrip("s")]


def _num_value(raw: str | None) -> tuple[float, float] | None:
    if raw is None:
        return (1, 1)
    r = raw.lower()
    if r in ("a", "an", "the"):
        return (1, 1)
    if r in ("several",):
        return (3, 9)
    if r in ("few", "a few"):
        return (2, 5)
    if r in ("couple of", "a couple of"):
        return (2, 3)
    try:
        v = float(r)
        return (v, v)
    except ValueError:
        pass
    v2 = parse_number_words(r)
    return (v2, v2) if v2 is not None else None


def _month_index(name: str) -> int:
    key = name.lower()[:3]
    return [m[:3] for m in MONTHS[:12]].index(key)


def _hours(m: re.Match[str], kind: str, published: date | datetime | None) -> list[float] | None:
    g = m.groupdict()
    if kind == "n_units":
        v = _num_value(g.get("num"))
        if v is None:
            return None
        h = _unit_hours(g["unit"])
        return [v[0] * h, v[1] * h]
    if kind == "one_unit":
        h = _unit_hours(g["unit"])
        return [h, h]
    if kind == "recent":
        h = _unit_hours(g["unit"])
        return [2 * h, 8 * h] if h < 700 else [2 * h, 6 * h]
    if kind == "months":
        a, b = _month_index(g["m1"]), _month_index(g["m2"])
        span = (b - a) % 12
        return [max(span - 1, 0) * HOURS["month"], (span + 1) * HOURS["month"]]
    if kind == "since":
        since = g["since"].lower()
        if since in WEEKDAYS and published is not None:
            back = (published.weekday() - WEEKDAYS.index(since)) % 7 or 7
            return [back * 24.0, (back + 1) * 24.0]
        if since in WEEKDAYS:
            return [0.0, 8 * 24.0]
        if published is not None:
            months = (published.month - 1 - _month_index(since.split()[0])) % 12
            return [months * HOURS["month"], (months + 1) * HOURS["month"]]
        return None
    if kind == "overnight":
        return [6.0, 18.0]
    if kind == "day":
        return [24.0, 24.0]
    if kind == "weekend":
        return [48.0, 72.0]
    return None


def find_windows(text: str, start: int = 0, end: int | None = None,
                 published: date | datetime | None = None) -> list[Window]:
    """Every time window in ``text[start:end]``, earliest first, longest match at a position."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    found: list[Window] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(chunk):
            s, e = m.start() + start, m.end() + start
            if any(not (e <= a or s >= b) for a, b in taken):
                continue
            taken.append((s, e))
            found.append(Window(s, e, text[s:e], _hours(m, kind, published)))
    found.sort(key=lambda w: (w.start, w.end))
    return found
