"""Direct quotations found from quote marks alone, before any parsing.

Works on the whole text so that quotes running over paragraphs, split by "he said", nested in
single quotes or left unbalanced are all handled the same way: textacy raises on odd numbers of
quote marks, newstrace degrades instead (an unclosed quote ends at its paragraph's end, a stray
closing mark is ignored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "“„«‟"
CLOSE_DOUBLE = "”»"
AMBIG_DOUBLE = "\"″＂"
OPEN_SINGLE = "‘‹"
CLOSE_SINGLE = "’›"

#: longest quote kept as one span (characters); longer runs are almost always a missing mark
MAX_QUOTE_CHARS = 6000


@dataclass(frozen=True)
class MarkedQuote:
    """Content between quote marks: ``start/end`` exclude the marks and surrounding blanks.

    ``open_at`` / ``close_at`` are the marks' positions (``close_at`` is None when unclosed);
    ``continued`` says the quote goes on from the previous paragraph (a new paragraph opening
    with a quote mark while the previous one ended inside a quote).
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    single: bool = False
    continued: bool = False
    #: characters of the closing mark: 2 for a doubled apostrophe ('' ... '')
    width: int = 1

    @property
    def outer_start(self) -> int:
        return self.open_at

    @property
    def outer_end(self) -> int:
        return (self.close_at + self.width) if self.close_at is not None else self.end


def _style(c: str) -> str:
    """Straight, doubled-apostrophe and typographic double quotes pair only with their own kind."""
    return "straight" if c in AMBIG_DOUBLE else "apostrophes" if c == "'" else "curly"


def _is_doubled_apostrophe(text: str, i: int) -> bool:
    """Two apostrophes standing for a double quote mark ('\'\'That wasn\'t good,\'\' he said'), as
    typewriter-era and ASCII-only newsrooms (the New York Times archive) print them; of a run of
    three, the pair on the side of the blank is the mark and the third a nested single quote."""
    if not text.startswith("''", i):
        return False
    before = i > 0 and text[i - 1] == "'"
    after = i + 2 < len(text) and text[i + 2] == "'"
    if not before and not after:
        return True
    if before and not after and not (i > 1 and text[i - 2] == "'"):
        # the last two of three: a nested single quote closes with the double ("daylight,''' he")
        return i + 2 >= len(text) or not text[i + 2].isalnum()
    if after and not before and not (i + 3 < len(text) and text[i + 3] == "'"):
        # the first two of three: the double opens on a nested single
        return i == 0 or text[i - 1].isspace()
    return False


def _role(text: str, i: int) -> str | None:
    """'open', 'close' or None for the double quote mark at ``i``."""
    c = text[i]
    if c in OPEN_DOUBLE:
        # “ used as a closing mark ("...end.“ Next") happens; treat by context
        if i > 0 and not text[i - 1].isspace() and (i + 1 == len(text) or text[i + 1].isspace()):
            return "close"
        return "open"
    if c in CLOSE_DOUBLE:
        if c == "»":
            return "close"
        # ” used as an opening mark (”Text) after a blank and before a word
        if (i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-") and i + 1 < len(text) and text[i + 1].isalnum():
            return "ambig"
        return "close"
    # a straight double quote, or a doubled apostrophe (as ambiguous), judged by its neighbours
    prev = text[i - 1] if i > 0 else " "
    after = i + _width(text, i)
    nxt = text[after] if after < len(text) else " "
    if nxt.isspace() and _after_closing_single(text, i):
        return "close"
    if prev.isspace() or (prev in "([{—–-/:" and not nxt.isspace()):
        return "open"
    if nxt.isspace() or nxt in ".,;:!?)]}—–-" or not prev.isspace():
        return "close"
    return "ambig"


def _after_closing_single(text: str, i: int) -> bool:
    """Whether the double mark at ``i`` follows, across blanks on its line, a single quotation's
    closing mark: US papers set a space between a nested single and the double that closes with it
    ('... saying, 'Oh, yes, just vote for Hillary Clinton,' " Sanders told CNN'; 'a "lyin' " Ted
    Cruz'). Before a blank such a mark closes; read as an opening one (it follows a blank), it made
    the rest of the paragraph's double marks pair the wrong way round."""
    j = i - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    return j < i - 1 and j > 0 and text[j] in "'’" and not text[j - 1].isspace()


def _width(text: str, i: int) -> int:
    return 2 if text[i] == "'" else 1


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _single_quotes(text: str, s: int, e: int, stray: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """‘…’ pairs in ``text[s:e]`` (curly only: straight ' is an apostrophe too often). A ‘ before a
    letter or digit that no elision explains may close with a ” that closes no double quotation
    (``stray``), as papers mistype one ('‘That is Daiane. She has a very childlike voice ...”')."""
    out: list[tuple[int, int]] = []
    i = s
    while i < e:
        c = text[i]
        if c in OPEN_SINGLE and (i == s or not text[i - 1].isalnum()):
            mixed = i + 1 < e and text[i + 1].isalnum() and not _ELISIONS.match(text, i)
            j = i + 1
            while j < e:
                d = text[j]
                if d in CLOSE_SINGLE and (j + 1 >= e or not text[j + 1].isalpha()):
                    break
                if mixed and j in stray:
                    break
                if d in OPEN_SINGLE:
                    j = e
                    break
                j += 1
            if j < e:
                out.append((i, j))
                i = j + 1
                continue
        i += 1
    return out


#: words an apostrophe opens by elision ("rock 'n' roll", "'em", "the '90s"), not a quotation
_ELISIONS = re.compile(r"['‘](?:n['’]|em\b|til\b|cause\b|tis\b|twas\b|bout\b|s\b|\d\ds?\b|\d0s)", re.IGNORECASE)


def _opens_single(text: str, i: int, s: int, e: int) -> bool:
    """Whether the apostrophe at ``i`` may open a quotation: after a blank or an opening bracket,
    before a letter or digit that no elision explains."""
    return (i == s or text[i - 1].isspace() or text[i - 1] in "([{—–-") and i + 1 < e \
        and text[i + 1].isalnum() and not _ELISIONS.match(text, i)


def _straight_single_quotes(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """'…' pairs of straight apostrophes in ``text[s:e]``, as British papers print quotations
    ('They need a ceasefire,' said Jan Egeland). An apostrophe opens one only after a blank or an
    opening bracket and before a letter or digit that no elision explains (not "don't", "Assad's",
    "the '90s", "rock 'n' roll"); it closes one only after a word or punctuation and before
    no letter, and not as a plural's possessive before a lower-case word ("the ministers' plan");
    a quotation not closed within its paragraph is none."""
    out: list[tuple[int, int]] = []
    i = s
    while i < e:
        if text[i] != "'" or not _opens_single(text, i, s, e):
            i += 1
            continue
        j = i + 2
        close = None
        nested = 0  # quotations opened inside this one ('... your 'war story' to ...')
        while j < e:
            if text[j] == "'" and _opens_single(text, j, s, e):
                nested += 1
            elif text[j] == "'" and not text[j - 1].isspace() and (j + 1 >= e or not text[j + 1].isalnum()):
                possessive = text[j - 1] in "sS" and re.match(r"'\s+[a-z]", text[j:j + 3]) is not None
                if nested and not possessive:
                    nested -= 1
                elif not possessive:
                    close = j
                    break
            j += 1
        if close is None:
            i += 1
            continue
        out.append((i, close))
        i = close + 1
    return out


#: a double mark right after a single's closing apostrophe ('..., 'Well done,' " said Rep. Diane
#: Russell'): the single is nested in a double quotation
_NESTED_CLOSE = re.compile(r"[^\S\n]*(?:[\"“”″]|'')")
#: most words of a headline line, and of a subhead line ("Wary of 'chaos.'"), which US papers
#: print in single quotes
_HEADLINE_WORDS = 20
_SUBHEAD_WORDS = 10


def _headlines(text: str, paras: list[tuple[int, int]]) -> int:
    """How many of the first lines are a headline and its decks ("Khans: Trump stirs 'ugliness'; ¶
    Muslim couple cope with ..."): the lines before the first blank one, when they are up to three
    of a few words each."""
    n = 0
    while n < min(3, len(paras)) and len(text[paras[n][0]:paras[n][1]].split()) <= _HEADLINE_WORDS:
        n += 1
        if text.startswith("\n\n", paras[n - 1][1]) or n == len(paras):
            return n
    return 0


def _title_case(line: str) -> bool:
    """Whether a line is set in title case, as headlines are ("Donald Trump Wants To Do Things 'A
    Hell Of A Lot Worse Than Waterboarding'")."""
    words = [w.strip("'\"‘’“”") for w in line.split()]
    long = [w for w in words if len(w) > 3]
    return len(long) >= 4 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


def find_marked_quotes(text: str) -> list[MarkedQuote]:
    """All top-level quotations in ``text``: double-quoted ones, and single-quoted ones outside them."""
    quotes: list[MarkedQuote] = []
    paras = _paragraphs(text)
    open_carry = False  # previous paragraph ended inside a quote
    head = _headlines(text, paras)
    for pi, (ps, pe) in enumerate(paras):
        marks = [i for i in range(ps, pe) if text[i] in OPEN_DOUBLE or text[i] in CLOSE_DOUBLE or text[i] in AMBIG_DOUBLE
                 or (text[i] == "'" and _is_doubled_apostrophe(text, i))]
        roles = [_role(text, i) for i in marks]
        covered: list[tuple[int, int]] = []
        opened: int | None = None
        continued = False
        nested = 0  # quotations of the other style open inside the current one
        stray: set[int] = set()  # closing ” marks that close nothing
        for i, role in zip(marks, roles, strict=True):
            if opened is None:
                if role in ("open", "ambig"):
                    opened = i
                    nested = 0
                    continued = open_carry and not quotes_in_para(quotes, ps) and text[ps:i].strip() == ""
                # a stray closing mark with nothing open: ignore it (a ‘ before it may open its quotation;
                # not an inch mark after a digit, 'a 12” screen')
                if role == "close" and text[i] == "”" and i > 0 and not text[i - 1].isdigit():
                    stray.add(i)
                continue
            if _style(text[i]) != _style(text[opened]):
                # the other style inside a quote is a nested quotation: "... about “Equal Justice” ...";
                # a closing mark of the other style with nothing nested open closes a mixed-style quote
                if role == "open":
                    nested += 1
                    continue
                if nested > 0:
                    nested -= 1
                    continue
                if role == "ambig":
                    continue
            if role in ("close", "ambig") or (role == "open" and i > opened and text[i - 1] not in " \t"):
                w = _width(text, i)
                s, e = _trim(text, opened + _width(text, opened), i)
                if e > s and e - s <= MAX_QUOTE_CHARS:
                    quotes.append(MarkedQuote(s, e, opened, i, False, continued, w))
                    covered.append((opened, i + w))
                opened = None
                continued = False
            else:
                # a second opening mark while open: the first was unbalanced, restart here
                opened = i
        open_carry = False
        if opened is not None:
            # unclosed at paragraph end: the quote may run on into the next paragraph
            s, e = _trim(text, opened + _width(text, opened), pe)
            if e > s and e - s <= MAX_QUOTE_CHARS:
                quotes.append(MarkedQuote(s, e, opened, None, False, continued))
                covered.append((opened, pe))
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            lead = text[nxt[0]:nxt[1]].lstrip() if nxt is not None else ""
            open_carry = nxt is not None and (lead[:1] in OPEN_DOUBLE + AMBIG_DOUBLE or lead.startswith("''"))
        singles = _single_quotes(text, ps, pe, frozenset(stray))
        if pi >= head and len(text[ps:pe].split()) > _SUBHEAD_WORDS and not _title_case(text[ps:pe]):
            straight = [(a, b) for a, b in _straight_single_quotes(text, ps, pe)
                        if not any(x <= a < y or x <= b < y for x, y in covered)
                        and not any(x <= a < y for x, y in singles)
                        and not _NESTED_CLOSE.match(text, b + 1)]
            # a paragraph quoting in double marks uses single ones only nested or for titles ('who
            # was wearing a 'Make America Great Again' hat'): a double mark outside them says so
            if not any(not any(a < i < b for a, b in straight) for i in marks):
                singles += straight
        for a, b in sorted(singles):
            if any(x <= a < y for x, y in covered):
                continue
            s, e = _trim(text, a + 1, b)
            if e > s:
                quotes.append(MarkedQuote(s, e, a, b, True, False))
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def quotes_in_para(quotes: list[MarkedQuote], para_start: int) -> bool:
    return any(q.open_at >= para_start for q in quotes)
