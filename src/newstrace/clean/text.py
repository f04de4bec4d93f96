"""Cleaning of article text: boilerplate out, byline and date picked up, offsets made stable.

Pages copied from the web as plain text carry navigation (``Home / Be The Change / Antiwar / ...``),
comment prompts, share widgets and cross-links (``READ MORE: ...``) that are not part of the story and
would otherwise be reported as "reuse" between any two articles of the same site. Cleaning removes
them and nothing else: the words of the story stay exactly as written, so that a quote's spelling or
a bracketed insertion survives for comparison.

``normalize_body`` is idempotent (cleaning clean text changes nothing), which the store relies on:
an id derived from clean text is stable however often the text went through here.
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parse
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import ftfy
import ftfy.badness

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH_NUM = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
#: "November 2, 2016" / "Nov. 2 2016" / "2 November 2016"
DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTHS})\.?,?\s+(?P<y2>\d{{4}}))\b"
)
#: two or three capitalised words directly before a date: a byline ("Baran Hines November 2, 2016").
_BYLINE_RE = re.compile(
    r"(?:\bBy\s+)?(?P<author>[A-Z][a-z'’.-]+(?:\s+[A-Z][a-z'’.-]+){1,2})\s*[|,•·-]?\s*$"
)

#: Whole lines that are page furniture, not story.
_BOILERPLATE_LINE = re.compile(
    r"^\s*(?:"
    r"leave a (?:comment|reply)|comments?|share(?: this(?: article| story)?)?(?: on \w+)?|"
    r"tweet|print|email|advertisement|sponsored|related(?: articles| posts)?|"
    r"(?:read|see) (?:more|also)\s*[:\-–—].*|"
    r"all rights reserved\.?|©.*|copyright .*|"
    r"(?:facebook|twitter|whatsapp|telegram|reddit|linkedin)(?:\s+(?:facebook|twitter|whatsapp|telegram|reddit|linkedin))*"
    r")\s*$",
    re.IGNORECASE,
)
#: One widget word glued to the end of the last paragraph ("... war rhetoric . Share"); matched in
#: a short window at the end, repeatedly, so that a paragraph of a million "Share"s costs linear time.
_TRAILING_WIDGET_ONE = re.compile(r"\s(?:Share|Tweet|Print|Email|Leave a comment|Leave a reply|Comments?)$")
_WIDGET_WINDOW = 24
#: Header lines longer than this are body text, never a breadcrumb or title: bounds the header work.
MAX_HEADER_CHARS = 2000
#: "Home / Section / Subsection / Title" breadcrumbs.
_BREADCRUMB = re.compile(r"^\s*(?:Home|Start|Main)\s*(?:/|›|»|>|\|)\s*\S", re.IGNORECASE)
#: What the cleaning takes out of a body and a title (``_characters``): the C0 control characters
#: but the line ends and the tab, DEL, and the invisible characters that only say where a line may
#: or may not break: the zero-width space (U+200B), the byte order mark (U+FEFF, a zero-width
#: no-break space in a text, where files joined by ``cat`` put it) and its successor, the word joiner
#: (U+2060). Scraped titles carry them ("Syria\u200b: ..."), and a word holding one was no word to
#: compare. The soft hyphen goes too, but last (``_SOFT_HYPHEN``). Characters that change what is
#: shown stay, though a page loses them to trafilatura: the zero-width non-joiner and joiner (they
#: shape Persian, Arabic and Indic letters, and join emoji), the direction marks and embeddings.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\u2060]")
#: The soft hyphen (U+00AD), a hyphen shown only where a line breaks there ("Global\u00adPost" is
#: "GlobalPost" on the page): dropped from a body and a title, as a page's are (trafilatura drops
#: every character ``str.isprintable`` refuses), else a page and its JSONL, CSV or text copy were
#: two texts (FNC-1 1116: "GlobalPost" and "Global\u00adPost" a quotation "attributed differently",
#: the copies near-verbatim, not verbatim). Dropped once the text is mended (``_mended``), not with
#: ``_CONTROL``: its byte, 0xAD, is the second of UTF-8's "í", so "Ã\u00ad" is "í" misread (PolNeAR's
#: Washington Post "GarcÃ\u00ada", which only the second round of mending reads as "García").
_SOFT_HYPHEN = "\u00ad"
#: C0 and C1 control characters, which in a line of words (a title, a name, an outlet) stand between
#: words, and printed raw would drive the user's terminal: each is a space there (``one_line``)
_LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
#: Unicode's line and paragraph separators (U+2028, U+2029), which word processors, page-layout
#: programs and JavaScript-built exports write between lines and paragraphs, taken for the newline
#: they are: kept, a body's paragraphs were one line (the RT seed's so written gave a quotation of de
#: Mistura's to SANA and lost one of SANA's), and a text file's lines one, its title unread. NEL
#: (U+0085) is not taken for one: in a text it is, far more often than a mainframe's line end,
#: windows-1252's ellipsis read as Latin-1, which a break would cut a sentence at (``_MISREAD``).
_SEPARATORS = ("\u2028", "\u2029")
#: What ``mend_misread`` lets ftfy do: repair text whose bytes were read in the wrong encoding, and
#: nothing else. Two misreadings are common in news data:
#:
#: * windows-1252 read as Latin-1: its curly quotes, dashes, ellipsis, euro sign, ``Š``, ``œ``... are
#:   C1 control characters (U+0080..U+009F), which no news text means. Clough & Stevenson's
#:   g2pA_taske.txt had ``\x91Greedy\x92`` and "doesn\x92t", no word to claims or reuse, invisible on a
#:   page. Each is read as windows-1252's character, as the readers read bytes that are not UTF-8
#:   (``ingest.base.decode``); the five bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
#:   0x9D) stay as read, as a browser's windows-1252 decoder keeps them.
#: * UTF-8 read as windows-1252 or Latin-1 and encoded again, once or more ("mojibake"): PolNeAR's
#:   Washington Post names were "FranÃ\x83Â§ois" (François encoded three times), SemEval's German and
#:   Turkish pairs "fÃ¼r", "â€ž", "Ä±". ftfy decodes them back when the text is unlikely as written
#:   (its ``is_bad`` heuristic: "Ã©", "â€™" are no one's words) and keeps text that is not.
#:
#: Everything else ftfy can do is off: quotes stay curly (quotations and their variants are told
#: apart by them), line breaks, ligatures, full-width letters, control characters, HTML entities and
#: terminal escapes stay as written (``normalize_body`` does its own line ends, controls and NFC),
#: so a text that is not misread is kept character for character.
_MISREAD = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


#: Characters news is written with, which the pre-test of ``mend_misread`` avoids looking for when
#: ftfy's pattern leaves it the choice: ASCII, and the typographer's quotes, dashes and spaces.
_WRITTEN = frozenset(map(chr, range(128))) | frozenset("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u00b7\u00b0\u00a9\u00ae\u2122\u00a0\u00b4\u00ab\u00bb")


def _needed(items: Iterable[tuple[object, object]]) -> frozenset[str] | None:
    """Characters of which every match of the parsed pattern ``items`` holds at least one (of the
    positions that give such a set, the one least made of ``_WRITTEN``), or None when no position
    does (``.``, ``\\s``, ``[^...]`` and an optional part match what they like)."""
    best: frozenset[str] | None = None
    for op, av in items:
        chars: frozenset[str] | None = None
        if op is _sre.LITERAL:
            chars = frozenset(chr(av))  # type: ignore[arg-type]
        elif op is _sre.IN:
            members: set[str] = set()
            for kind, value in av:  # type: ignore[attr-defined]
                if kind is _sre.LITERAL:
                    members.add(chr(value))
                elif kind is _sre.RANGE:
                    members.update(map(chr, range(value[0], value[1] + 1)))
                else:  # NEGATE, CATEGORY: any character could be it
                    break
            else:
                chars = frozenset(members)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:  # type: ignore[index]
            chars = _needed(av[2])  # type: ignore[index]
        elif op is _sre.SUBPATTERN and not av[1] & re.IGNORECASE:  # type: ignore[index]
            chars = _needed(av[3])  # type: ignore[index]
        elif op is _sre.BRANCH:
            sets = [_needed(alternative) for alternative in av[1]]  # type: ignore[index]
            chars = None if any(s is None for s in sets) else frozenset().union(*sets)  # type: ignore[arg-type]
        if chars is not None and (best is None or _weight(chars) < _weight(best)):
            best = chars
    return best


def _weight(chars: frozenset[str]) -> tuple[int, int]:
    return len(chars & _WRITTEN), len(chars)


def _misread_signs() -> re.Pattern[str] | None:
    """A character class of which ftfy's test for a misreading (``ftfy.badness.is_bad``, the one
    that lets ``ftfy.fix_encoding`` return a text as it is) can match nothing without one, read out
    of that test's own pattern; None (ftfy always asked) if the pattern is of a kind not read.
    ftfy 6 returns a text unchanged when ``is_bad`` finds nothing in it (or it is ASCII), before any
    other step; ``tests/test_properties.py`` checks the class against texts drawn from the pattern."""
    pattern = ftfy.badness.BADNESS_RE
    if pattern.flags & re.IGNORECASE:
        return None
    chars = _needed(_sre_parse.parse(pattern.pattern, pattern.flags).data)
    if chars is None:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


#: ``_misread_signs``: a text without any is one ftfy's ``fix_encoding`` returns as it is, found
#: by one pass of a character class instead of ftfy's pattern of thirty-odd alternatives (≈0.5 ms a
#: 4.6 KB article)
_MISREAD_SIGNS = _misread_signs()

#: what a match of ftfy's pattern may hold: characters, classes, alternatives, bounded repeats, the
#: text's start; no lookaround, no end or word-boundary anchor, which a search cut short reads otherwise
_LOCAL_OPS = frozenset({
    _sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY, _sre.BRANCH, _sre.SUBPATTERN, _sre.MAX_REPEAT,
    _sre.MIN_REPEAT,
})
_TEXT_START = frozenset({_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING, _sre.AT_BEGINNING_LINE})


def _local(items: Iterable[tuple[object, object]]) -> bool:
    """Whether every match of the parsed pattern ``items`` is found by a search of any stretch of
    the text that holds it (``_LOCAL_OPS``, anchored at most at the text's start)."""
    for op, av in items:
        inner: list[Iterable[tuple[object, object]]] = []
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            inner = [av[2]]  # type: ignore[index]
        elif op is _sre.SUBPATTERN:
            inner = [av[3]]  # type: ignore[index]
        elif op is _sre.BRANCH:
            inner = list(av[1])  # type: ignore[index]
        allowed = av in _TEXT_START if op is _sre.AT else op in _LOCAL_OPS
        if not allowed or not all(_local(part) for part in inner):
            return False
    return True


def _misread_reach() -> int | None:
    """The longest match of ftfy's test for a misreading (``ftfy.badness.BADNESS_RE``: 7 characters
    in ftfy 6.3), when its matches are local (``_local``) and of bounded length; None otherwise."""
    pattern = ftfy.badness.BADNESS_RE
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    longest = parsed.getwidth()[1]
    return longest if longest < _sre.MAXREPEAT and _local(parsed.data) else None


#: ``_misread_reach``: a match of ftfy's pattern holds a sign (``_MISREAD_SIGNS``) and lies within
#: this many characters of it
_MISREAD_REACH = _misread_reach()


def _looks_misread(text: str) -> bool:
    """ftfy's test for a misreading (``ftfy.badness.is_bad``: its pattern found in ``text``), its
    pattern looked for only around each sign of one (``_MISREAD_SIGNS``), within the longest match
    of it (``_MISREAD_REACH``) either side: every match holds a sign, so one is found there if
    anywhere. An article's accented names gave ftfy's search of the whole text, twice per text
    (``normalize_body``'s second round), where a few dozen characters tell."""
    assert _MISREAD_SIGNS is not None and _MISREAD_REACH is not None
    reach, search = _MISREAD_REACH, ftfy.badness.BADNESS_RE.search
    start, end = 0, -1  # the stretch to search: signs less than a match apart are searched at once
    for sign in _MISREAD_SIGNS.finditer(text):
        at = sign.start()
        if at - reach + 1 > end:
            if end >= 0 and search(text, start, end):
                return True
            start = max(0, at - reach + 1)
        end = at + reach
    return end >= 0 and search(text, start, end) is not None


def mend_misread(text: str) -> str:
    """``text`` as it was written before its bytes were misread (``_MISREAD``): windows-1252's C1
    characters read as its quotes and dashes, UTF-8 read as windows-1252 or Latin-1 decoded back
    ("FranÃ§ois" is "François"). A text that was read right is returned as it is, without asking
    ftfy when its own first test (``is_bad``) would find nothing (``_looks_misread``): ftfy is
    asked only about a text that looks misread, once, and a text it mended is one its test passes,
    so cleaning it again (``normalize_body``'s second round) does not ask it again."""
    if _MISREAD_SIGNS is not None:
        if _MISREAD_SIGNS.search(text) is None:
            return text  # what ftfy returns for a text its ``is_bad`` finds nothing in
        if _MISREAD_REACH is not None and not _looks_misread(text):
            return text
    return ftfy.fix_encoding(text, _MISREAD)


@dataclass
class CleanText:
    """The clean body plus whatever header facts were found while removing the header."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None


def parse_date_text(text: str) -> date | None:
    """Parse the first "November 2, 2016"-style date in ``text``."""
    m = DATE_RE.search(text)
    if not m:
        return None
    month = (m.group("m1") or m.group("m2")).lower().rstrip(".")
    day = int(m.group("d1") or m.group("d2"))
    year = int(m.group("y1") or m.group("y2"))
    try:
        return date(year, _MONTH_NUM[month], day)
    except ValueError:
        return None


def strip_trailing_widgets(line: str) -> str:
    """``"... rhetoric . Share Tweet"`` -> ``"... rhetoric ."``; linear in the number of widgets."""
    end = len(line.rstrip())
    while True:  # an end index, not slices: copying the line per widget would be quadratic again
        m = _TRAILING_WIDGET_ONE.search(line, max(0, end - _WIDGET_WINDOW), end)
        if m is None:
            return line[:end]
        end = m.start()
        while end and line[end - 1].isspace():
            end -= 1


def _lines(text: str) -> str:
    """``text`` with every line end it writes a newline: CR LF, CR and the separators."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for separator in _SEPARATORS:
        text = text.replace(separator, "\n")
    return text


def normalize_body(text: str) -> str:
    """Normalise characters and whitespace and drop boilerplate lines; idempotent.

    Paragraphs end up separated by one blank line, lines are stripped, runs of spaces folded, and
    Unicode put in NFC so that the same words typed on two systems compare equal. Text whose bytes
    were misread is read as written (``mend_misread``: ``doesn\x92t`` and "doesnâ€™t" are "doesn’t").
    Control characters go before NFC (removing one could join a letter to its accent, which a second
    NFC would compose), and the end of the body is trimmed until it is neither a widget word nor a
    boilerplate line, so a second pass finds nothing left to do; a misreading that only the cleaning
    brings together (an "Ã" and a "©" a control character apart) is mended then, and cleaned again;
    the soft hyphens go last (``_SOFT_HYPHEN``), as a page's do.
    """
    return _mended(_normalized(mend_misread(text)))


#: ``_mended``'s rounds: one mending and one dropping of soft hyphens are as many as any text
#: needed (the bound keeps a text that would mend without end from looping)
_MEND_ROUNDS = 4


def _mended(text: str, normalized: Callable[[str], str] | None = None) -> str:
    """Normalised ``text`` (``normalized``, the body's ``_normalized`` unless given) with a
    misreading the cleaning brought together mended, and cleaned again, then its soft hyphens
    dropped (``_SOFT_HYPHEN``: after the mending, which may read one as a letter's byte) and
    cleaned again: what ``normalize_body`` (or ``clean_line``) gives for a text already mended."""
    for _ in range(_MEND_ROUNDS):
        mended = mend_misread(text)
        if mended == text:
            if _SOFT_HYPHEN not in text:
                break
            mended = text.replace(_SOFT_HYPHEN, "")  # cleaned again: a letter and its accent meet
        text = (normalized or _normalized)(mended)
    return text


def _characters(text: str) -> str:
    """The cleaning's rule for characters, a body's and a title's: ``_CONTROL`` out (before NFC:
    removing one could join a letter to its accent, which a second NFC would compose), then NFC."""
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def _normalized(text: str) -> str:
    """``normalize_body`` but the mending: line ends, controls, NFC, spaces, boilerplate."""
    text = _characters(_lines(text))
    paragraphs: list[str] = []
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line or _BOILERPLATE_LINE.match(line):
            continue
        paragraphs.append(line)
    while paragraphs:
        last = strip_trailing_widgets(paragraphs[-1])
        if last and not _BOILERPLATE_LINE.match(last):
            paragraphs[-1] = last
            break
        paragraphs.pop()
    return "\n\n".join(paragraphs)


def one_line(text: str) -> str:
    """``text`` as one line: each run of white space and control characters (``_LINE_CONTROLS``)
    one space, none at either end. An id, outlet or URL of a record is kept so; a title or an
    author is cleaned first (``clean_line``)."""
    return " ".join(_LINE_CONTROLS.sub(" ", text).split())


def clean_line(text: str) -> str:
    """A title's or an author's text cleaned as a body is (``normalize_body``), on one line: misread
    bytes read as written ("Syria\x92s" is "Syria’s", "FranÃ§ois" "François"), the characters
    ``_CONTROL`` names out (a scraped title's zero-width space or byte order mark), NFC, and each
    run of white space or control characters one space (``one_line``). Every reader's title and
    author goes through here (``ingest.base.make_article``), a page's as a text's, a record's or a
    pasted one's; idempotent, as ``normalize_body`` is."""
    return _mended(_line(mend_misread(text)), _line)


def _line(text: str) -> str:
    """``clean_line`` but the mending."""
    return one_line(_characters(_LINE_CONTROLS.sub(" ", text)))


def _split_doubled(text: str) -> tuple[str, str] | None:
    """Find a title written twice in a row ("T T rest") and return (T, rest)."""
    words = text.split()
    n = len(words)
    # only sizes where the first word recurs can double; checking those alone keeps this linear-ish
    for size in sorted((i for i in range(3, n // 2 + 1) if words[i] == words[0]), reverse=True):
        if words[:size] == words[size : 2 * size]:
            return " ".join(words[:size]), " ".join(words[2 * size :])
    return None


def _parse_header(line: str) -> CleanText | None:
    """Read title, author and date out of a navigation header line, if it is one."""
    if not _BREADCRUMB.match(line):
        return None
    tail = re.split(r"\s+(?:/|›|»|>|\|)\s+", line.strip())[-1]
    tail = strip_trailing_widgets(tail).strip()
    head = CleanText(text="")
    m = DATE_RE.search(tail)
    if m:
        head.published = parse_date_text(m.group(0))
        before = tail[: m.start()].rstrip()
        doubled = _split_doubled(before)
        if doubled:
            head.title, rest = doubled
            if rest:
                head.author = rest
        else:
            b = _BYLINE_RE.search(before)
            if b:
                head.author = b.group("author")
                before = before[: b.start()].rstrip()
            head.title = before or None
    else:
        doubled = _split_doubled(tail)
        head.title = doubled[0] if doubled else (tail or None)
    return head


def _byline(line: str) -> tuple[str | None, date | None] | None:
    """A short line that is just "Author Name Month D, YYYY" or "By Author"."""
    if len(line) > 80:
        return None
    m = DATE_RE.search(line)
    if m and m.end() >= len(line.rstrip()) - 1:
        before = line[: m.start()].strip(" |,-–—")
        b = _BYLINE_RE.fullmatch(before) if before else None
        if before and not b:
            return None
        return (b.group("author") if b else None), parse_date_text(m.group(0))
    m2 = re.fullmatch(r"By\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})", line.strip())
    if m2:
        return m2.group(1), None
    return None


def clean_plain_text(raw: str) -> CleanText:
    """Clean a web page saved as plain text: header facts out, boilerplate out, body normalised.

    The title is the first non-empty line unless that line is navigation; a navigation header may
    still carry the title, byline and date (``Home / ... / Title Title Author Month D, YYYY``).
    Title and author are cleaned as the body is (``clean_line``), their lines read after the
    body's characters are (``_characters``: a line of a zero-width space alone is empty).
    """
    lines = _characters(_lines(mend_misread(raw))).split("\n")  # the body's characters, its header's too
    result = CleanText(text="")
    body_start = 0
    # header: the first non-empty line, then at most two byline/date lines after it
    idx = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if idx is not None:
        first = _SPACES.sub(" ", lines[idx]).strip()
        header = _parse_header(first) if len(first) <= MAX_HEADER_CHARS else None
        if header is not None:
            result.title, result.author, result.published = header.title, header.author, header.published
            body_start = idx + 1
        elif not _BOILERPLATE_LINE.match(first) and len(first) <= 300 and any(ln.strip() for ln in lines[idx + 1 :]):
            # a line is a title only above a body: a file of one line, newline-terminated or not, is
            # all body (Clough & Stevenson's g0pD_taskd.txt was skipped as 'no article text')
            result.title = strip_trailing_widgets(first).strip() or None
            body_start = idx + 1
        for j in range(body_start, min(body_start + 4, len(lines))):
            line = _SPACES.sub(" ", lines[j]).strip()
            if not line:
                continue
            by = _byline(line)
            if by is None:
                break
            result.author = result.author or by[0]
            result.published = result.published or by[1]
            body_start = j + 1
    result.text = _mended(_normalized("\n".join(lines[body_start:])))  # ``normalize_body``, its lines mended
    # cleaned as the body is: an "Ã" written as "A" and a combining tilde is composed above, and
    # mended with the "±" after it as the body's second round mends it (PolNeAR's "Peña Nieto")
    result.title = clean_line(result.title) or None if result.title else None
    result.author = clean_line(result.author) or None if result.author else None
    return result
