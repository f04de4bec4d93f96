"""One article per record: ``.jsonl``, ``.json`` and ``.csv`` exports and datasets.

Records carry ``id, url, outlet, published, title, author, text`` (or ``html`` instead of ``text``);
common aliases such as FA-KES's ``article_content`` are understood, and unknown fields are kept as
metadata. A broken record is reported with its file and line and skipped; the others are read.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import math
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from newstrace.clean.text import normalize_body
from newstrace.errors import InputError, LimitError, NewstraceError
from newstrace.ingest.base import (
    ALIASES,
    LONE_SURROGATE_WARNING,
    DateOrder,
    LineDecoder,
    Warn,
    bom_charset,
    check_article_size,
    decode,
    ignore_warning,
    input_head,
    looks_binary,
    make_article,
    map_fields,
    open_input,
    read_upto,
    record_hash,
    replace_lone_surrogates,
)
from newstrace.ingest.html import extract_html, site_name
from newstrace.limits import LIMITS, Limits, raise_hint
from newstrace.model import Article, counted

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))



def json_problem(msg: str, where: str) -> str:
    """A JSON syntax error and its place as one phrase. Python's messages for a string cut short
    and a control character end in "at" ("Unterminated string starting at"), which a place added
    with its own "at" made "starting at at line 1 column 257"."""
    return f"{msg} {where}" if msg.endswith(" at") else f"{msg} at {where}"

def record_to_article(
    record: dict[str, Any],
    *,
    clean: bool,
    source: str,
    number: int,
    where: str,
    limits: Limits = LIMITS,
    warn: Warn | None = None,
    dates: DateOrder | None = None,
) -> Article:
    """The article of one record; ``warn`` hears of a date that cannot be read, ``dates`` reads it
    in its file's day/month order (``make_article``)."""
    read_from = record_hash(record)  # as written (a database keeps the hash of the record it read)
    record = _missing_numbers(record)
    record, lone = replace_lone_surrogates(record)
    if lone and warn is not None:
        warn(f"{where}: {LONE_SURROGATE_WARNING}")
    known, extra = map_fields(record)
    text = known.pop("text", None)
    html = known.pop("html", None)
    if text is None and html is None:
        raise InputError(f"{where}: {_no_text(record)}")
    own = None  # the page's date, which the record's day leaves its time (``same_day_time``)
    if text is None:
        html = _as_text(html, _own_key(record, html, "html"), where)
        if len(html) > limits.max_file_bytes:
            raise LimitError(
                f"{where}: html of {counted(len(html), 'character', grouped=True)} is longer than the {limits.max_file_bytes:,} limit "
                f"for one page {raise_hint('max_file_bytes')}"
            )
        body, page = extract_html(html, known.get("url"), where)
        own = page.get("published")
        extra = site_name(page, extra)
        for k, v in page.items():
            known.setdefault(k, v)
        text = str(html) if not clean else body
    else:
        text = _as_text(text, _own_key(record, text, "text"), where)
        check_article_size(text, where, limits)  # before cleaning: a giant record costs nothing
        if clean:
            text = normalize_body(markup_text(text))
            cut = _API_CUT.search(text)
            if cut is not None:
                text = text[: cut.start()].rstrip()
                if warn is not None:
                    warn(f"{where}: {API_CUT_WARNING}")
    return make_article(
        text, fields=known, extra=extra, source=source, record=number, where=where, limits=limits, warn=warn,
        dates=dates, own_published=own, read_from=read_from,
    )


def _missing_numbers(value: Any) -> Any:
    """``value`` (a record: dicts, lists, numbers, strings) with NaN and Infinity as ``None``.
    Python's ``json.dumps`` of a table (``df.to_dict("records")``) writes a missing cell as
    ``NaN``, which Python's JSON reader takes: it gave the outlet, URL, title or author "nan", a
    record without an id the id "nan" (every later such record skipped as its repeat), and
    metadata written back out as ``NaN``, which is no JSON. They are missing values, as null is."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        out = {k: _missing_numbers(v) for k, v in value.items()}
        return value if all(out[k] is v for k, v in value.items()) else out  # unchanged: the record itself
    if isinstance(value, list):
        items = [_missing_numbers(v) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


#: block-level tags: two of them make a record's text the markup of its body (a CMS export's
#: rendered content, WordPress's ``content``), not text; a link or two (``<a href>``) in plain
#: text, as FNC-1 keeps in two bodies, does not
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|tr|section|article|pre|hr)\b[^<>]*>", re.I)
_DROPPED = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>")


def markup_text(text: str) -> str:
    """A record's text as text when it is the markup of a body (``_BLOCK_TAG``): its paragraphs
    one a line, other tags dropped, entities read (``&amp;`` is ``&``). Stored as it came, its
    ``<p>`` and ``<a href="...">`` were words of the article, in reuse's keys and in its quotes.
    Not a whole page (no ``html`` field), which trafilatura would cut to its main part: every
    word of the fragment is the body. Text with fewer than two such tags is returned as it is."""
    blocks = _BLOCK_TAG.finditer(text)
    if next(blocks, None) is None or next(blocks, None) is None:
        return text
    import html as html_lib

    flat = " ".join(_DROPPED.sub(" ", text).split())  # as a browser reads white space in markup
    return html_lib.unescape(_ANY_TAG.sub("", _BLOCK_TAG.sub("\n", flat)))


#: how NewsAPI (and the services built like it) ends a text it cut, its first 200 characters:
#: "... at the border\u2026 [+2345 chars]"
_API_CUT = re.compile(r"\s*\u2026?\s*\[\+\d[\d,]* chars\]\Z")
#: what is said of such a record, the same words for each (a file's are one line with a count)
API_CUT_WARNING = ("text ends with '[+N chars]', the mark of a text an API cut (NewsAPI's content is its first 200 "
                   "characters): only the part before it is stored; the page at its url holds the whole article")


def _as_text(value: Any, field: str, where: str) -> str:
    """A record's text or html as one string. A list of paragraphs (scrapers write
    ``"text": ["...", "..."]``) is joined by blank lines: its Python spelling, brackets and quotes,
    was stored as the article. An object is no text, nor is a number or true/false: ``"text": 5``
    was stored as an article reading "5"."""
    if isinstance(value, list | tuple):
        if any(isinstance(v, dict | list | tuple) for v in value):
            raise InputError(f"{where}: {field} is a list holding objects, not paragraphs of text")
        if any(isinstance(v, bool | int | float) for v in value):
            raise InputError(f"{where}: {field} is a list holding numbers, not paragraphs of text")
        return "\n\n".join(str(v) for v in value if v is not None)
    if isinstance(value, dict):
        raise InputError(f"{where}: {field} is an object, not text")
    if isinstance(value, bool):
        raise InputError(f"{where}: {field} is {json.dumps(value)}, not text")
    if isinstance(value, int | float):
        raise InputError(f"{where}: {field} is the number {json.dumps(value)}, not text")
    return str(value)


def _own_key(record: dict[str, Any], value: Any, field: str) -> str:
    """The name the record gives the field ``value`` came from ("body", "content"), as a warning
    should say it; ``field``, the name newstrace gives it, when none holds that very value."""
    return next((str(k) for k, v in record.items() if v is value), field)


def _records_from_objects(
    objs: Iterator[tuple[int, Any, str]],
    path: Path,
    clean: bool,
    warn: Warn,
    limits: Limits,
    dates: DateOrder,
) -> Iterator[Article]:
    """Articles of ``(record number, object, where it is: how a warning names it)``; at the end,
    ``dates`` says how the file's ambiguous dates were read if nothing decided it."""
    for number, obj, where in objs:
        if not isinstance(obj, dict):
            warn(f"{where}: not a JSON object, skipped")
            continue
        try:
            yield record_to_article(
                obj, clean=clean, source=str(path), number=number, where=where, limits=limits, warn=warn, dates=dates
            )
        except NewstraceError as e:
            warn(f"{e}, skipped")
    dates.report(warn)


def _published_values(objs: Iterator[tuple[int, Any, str]]) -> Iterator[Any]:
    """The date field of each record, as ``DateOrder`` scans a file for the order of its dates."""
    for _, obj, _ in objs:
        if isinstance(obj, dict):
            yield map_fields(obj)[0].get("published")


def opens_json_document(head: bytes) -> bool:
    """Whether a file's first bytes open one pretty-printed JSON document (an array saved as
    ``.jsonl``) rather than JSON Lines: a line of JSON Lines is a whole object, and a first line
    that is a lone bracket is not one. Read line by line, such a file gave a warning per line and
    'no articles found'."""
    if wide := bom_charset(head):  # UTF-16 or UTF-32: its brackets are not bytes alone
        text = head.decode(wide, errors="ignore")
        return next((ln.strip() for ln in text.split("\n") if ln.strip()), "") in ("[", "{")
    first = next((ln.strip() for ln in head.split(b"\n") if ln.strip()), b"")
    return first.lstrip(b"\xef\xbb\xbf") in (b"[", b"{")


def opens_json_lines(head: bytes) -> bool:
    """Whether a file's first bytes are JSON Lines: a first line that is a whole JSON object on its
    own, and another line after it that opens one. What a ``.json`` file holds as often as one
    document (datasets ship JSON Lines under that name: HuffPost's News Category Dataset): read
    as one document it was "invalid JSON (Extra data at line 2 column 1)" and no article."""
    if bom_charset(head):
        return False  # UTF-16 or UTF-32: a document, as its reader reads it
    lines = iter(ln for ln in head.split(b"\n") if ln.strip())
    first, second = next(lines, b""), next(lines, b"")
    if not second.lstrip().startswith(b"{") or not first.lstrip(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first.lstrip(b"\xef\xbb\xbf")), dict)
    except (ValueError, RecursionError):  # a pretty-printed object's first line, "{" and its first key
        return False


def _json_lines_file(path: Path, limit: int) -> bool:
    """``opens_json_lines`` of ``path``'s first line, however long (up to ``limit``), and the
    opening of its next one."""
    with open_input(path) as fh:
        try:
            first = fh.readline(limit + 1)
            while first and not first.strip():
                first = fh.readline(limit + 1)
            if not first.endswith(b"\n"):
                return False
            second = fh.readline(64)
            while second and not second.strip():
                second = fh.readline(64)
        except (EOFError, zlib.error):
            return False  # the read of the file names the damage
    return opens_json_lines(first + second)


def record_name(source: str | None, number: int | None, by_line: bool) -> str:
    """How every message names a record of ``source``: ``F:N`` by its line (``by_line``: a JSON
    Lines line, a CSV row's first line), else ``F: record N`` by its number (a JSON array's item,
    a web archive's record), ``F`` when it has no number. One helper for the readers' warnings,
    the repeated-id warning and ``show``, which had forms of their own ('F record N', 'F #N')."""
    where = source or "input"
    if number is None:
        return where
    return f"{where}:{number}" if by_line else f"{where}: record {number}"


def source_name(source: str | None, number: int | None) -> str | None:
    """Where a stored article came from, as ``show`` says it: its record as every message names
    it (``record_name``: 'sana.jsonl:2', 'fakes_dev.csv: record 300'), and standard input in
    words. Standard input was named '<stdin>: record N' by a later run: a name from the messages of
    the run that read it, for a stream no later run can open, and 'record' for what may have been
    a line (JSON Lines on standard input is named by line, which only the run that read it knows:
    nothing stored says how it was read)."""
    from newstrace.ingest import STDIN_NAME

    if not source:
        return None
    if source != STDIN_NAME:
        return record_name(source, number, names_lines(source))
    where = "standard input (piped to 'newstrace ingest -', not kept)"
    if number is None:
        return where
    if source in _UNOPENED:  # read in this process: named as its warnings named it
        return f"{where}, {'line' if _UNOPENED[source] else 'record'} {number}"
    return f"{where}, record {number} (its line, if it was JSON Lines)"


#: the inputs read this process that have no file ``names_lines`` can open, and whether their
#: records are named by line: standard input, copied to a temporary file its reader reads and
#: names ``<stdin>`` (``ingest._read_stdin``)
_UNOPENED: dict[str, bool] = {}


def note_lines_named(name: str, file: Path) -> None:
    """Say that the input named ``name`` in messages is read from ``file`` (standard input's
    temporary copy), so ``names_lines(name)`` answers as for ``file``: '<stdin>' read as JSON
    Lines was '<stdin>:3: invalid JSON' and '<stdin>: record 2: id 1 was already read'."""
    _UNOPENED[name] = names_lines(str(file))


def names_lines(source: str | None) -> bool:
    """Whether the records of the file ``source`` are named by their line, ``F:N`` (a JSON Lines
    file read line by line: its records' number is their line), rather than by their number,
    ``F: record N`` (a JSON array, a JSON Lines file that is one pretty-printed document, a web
    archive, a CSV, whose record number counts rows, not lines). What ``base.repeated_id`` asks,
    so a record is named as its reader names it in every other message."""
    from newstrace.ingest import reader_for

    if not source:
        return False
    if source in _UNOPENED:
        return _UNOPENED[source]
    path = Path(source)
    reader = reader_for(path)
    if reader is read_json:  # JSON Lines in a .json file is read as such (``opens_json_lines``)
        try:
            head = regular_head(path, 65536)
        except (OSError, EOFError, zlib.error):
            return False
        return head is not None and opens_json_lines(head)
    if reader is not read_jsonl:
        return False
    try:
        head = regular_head(path, 8192)
    except (OSError, EOFError, zlib.error):
        return True  # it was read as JSON Lines: a file gone since (a web upload's) cannot have been a document
    # a pipe or a device of that name now (or then) is not read: named by line, as read line by line
    return head is None or not opens_json_document(head)


def regular_head(path: Path, size: int) -> bytes | None:
    """The first ``size`` bytes of ``path`` (decompressed, as ``input_head`` reads them) when it is
    a regular file, else None, without waiting on it. A stored source is named long after its
    run (``show``, the web app's article page), and what its name holds then is anyone's: a named
    pipe of that name kept the page's request waiting for a writer for ever, and a device was read
    from. It is opened without waiting (``O_NONBLOCK``, which a regular file ignores) and checked
    once open, so a pipe put in its place between a check and the open is not read either."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        raw = os.fdopen(fd, "rb") if stat.S_ISREG(os.fstat(fd).st_mode) else None
    except BaseException:
        os.close(fd)
        raise
    if raw is None:
        os.close(fd)
        return None
    with raw, (gzip.GzipFile(fileobj=raw) if path.name.lower().endswith(".gz") else raw) as fh:
        try:
            return read_upto(cast(IO[bytes], fh), size)
        except (EOFError, zlib.error):
            return b""  # cut before its first byte


def record_file_head(path: Path, kind: str) -> bytes:
    """The first 8 KB of a record file, an empty or binary one refused (``kind``: what it should
    be). The Spark engine asks the same of each file it reads, so a file either engine passes over
    is named in the same words."""
    if path.stat().st_size == 0:
        raise InputError(f"{path}: empty file")
    head = input_head(path, 8192)
    if looks_binary(head):
        raise InputError(f"{path}: binary file, not {kind}")
    return head


def jsonl_values(
    lines: Iterable[bytes], decode_line: LineDecoder, limit: int, start: int = 1
) -> Iterator[tuple[int, Any, str | None]]:
    """``(line number, value, None)`` per JSON line and ``(line number, None, why it is skipped)``
    per line that is not one (blank lines pass), the first line numbered ``start``. The one loop
    of both engines (the Spark engine's tasks each read a stretch of a file with it), so their
    records, numbers, charset and warnings cannot drift apart."""
    for lineno, raw in enumerate(lines, start):
        if len(raw) > limit:
            decode_line.offset += len(raw)
            yield lineno, None, f"line of {counted(len(raw), 'byte', grouped=True)} exceeds the article size limit"
            continue
        line = decode_line(raw).strip()
        if line.startswith("\ufeff"):  # files each written with a byte order mark, joined by cat
            line = line[1:].strip()
        if not line:
            continue
        try:
            yield lineno, json.loads(line), None
        except json.JSONDecodeError as e:
            cut = not raw.endswith((b"\n", b"\r")) and (e.msg.startswith("Unterminated") or e.pos >= len(line) - 1)
            # the last line of a file cut short (a download or copy that stopped): said as such,
            # where "invalid JSON" alone read as a bad record among good ones
            yield lineno, None, f"invalid JSON ({json_problem(e.msg, f'column {e.colno}')})" + (
                "; the file ends inside this record: it looks cut short" if cut else "")
        except RecursionError:
            yield lineno, None, "JSON nested too deeply"


def read_jsonl(
    path: Path, *, clean: bool = True, warn: Warn, limits: Limits = LIMITS, day_first: bool | None = None
) -> Iterator[Article]:
    """Stream a JSON Lines file; memory stays at one line whatever the file size."""
    head = record_file_head(path, "JSON Lines")
    if opens_json_document(head):
        yield from read_json(path, clean=clean, warn=warn, limits=limits, day_first=day_first)
        return

    wide = bom_charset(head)

    def objects(warn: Warn) -> Iterator[tuple[int, Any, str]]:
        decode_line = LineDecoder(str(path), warn)  # one charset for the file, one warning if not UTF-8
        with open_input(path) as fh:
            # a file with a UTF-16 or UTF-32 byte order mark (Windows' "Unicode" save) was split at
            # its bytes and read as windows-1252: "invalid JSON" on every line and no article
            lines: Iterable[bytes] = fh if wide is None else _wide_lines(fh, wide)
            for lineno, value, problem in jsonl_values(lines, decode_line, record_limit(limits)):
                if problem is None:
                    yield lineno, value, record_name(str(path), lineno, True)
                else:
                    warn(f"{record_name(str(path), lineno, True)}: {problem}, skipped")

    dates = DateOrder(str(path), day_first, lambda: _published_values(objects(ignore_warning)))
    yield from _records_from_objects(objects(warn), path, clean, warn, limits, dates)


def _wide_lines(fh: IO[bytes], charset: str) -> Iterator[bytes]:
    """The lines of a UTF-16 or UTF-32 file (its mark dropped), split where its bytes would be
    split (at \\n alone) and each given on as UTF-8, as ``jsonl_values`` reads lines."""
    for line in io.TextIOWrapper(fh, encoding=charset, errors="replace", newline="\n"):
        yield line.encode("utf-8", "surrogatepass")


def read_json(
    path: Path, *, clean: bool = True, warn: Warn, limits: Limits = LIMITS, day_first: bool | None = None
) -> Iterator[Article]:
    """A JSON array of records, ``{"articles": [...]}`` (or another list of records in an object
    without text, as APIs wrap them, up to ``WRAP_DEPTH`` levels down), or one record.

    An array (the form datasets ship in, gzipped or not) is streamed record by record
    (``_array_records``); so is the list of records of an object, once a first streamed pass over
    the object has chosen it (``_wrapped_list``). A record longer than ``record_limit`` is skipped
    unread with a warning. Only a file of one record is read whole.
    """
    head = record_file_head(path, "JSON")
    charset = bom_charset(head)
    opening = (head.decode(charset, errors="ignore") if charset else head.decode("latin-1")).lstrip("\ufeff\xef\xbb\xbf").lstrip()[:1]
    limit = record_limit(limits)
    if opening == "{" and _json_lines_file(path, limit):
        yield from read_jsonl(path, clean=clean, warn=warn, limits=limits, day_first=day_first)
        return
    items: Callable[[Warn], Iterator[Any]] | None = None
    if opening == "[":
        items = lambda warn: _array_records(path, warn, limit)  # noqa: E731
    elif opening == "{":
        chosen = _wrapped_list(path, warn, limit)
        if chosen is not None:
            index = chosen.index
            items = lambda warn: _listed_records(path, warn, index, limit)  # noqa: E731
    if items is not None:
        streamed = items

        def numbered(warn: Warn) -> Iterator[tuple[int, Any, str]]:
            return _numbered(streamed(warn), path, warn)

        dates = DateOrder(str(path), day_first, lambda: _published_values(_until_broken(numbered(ignore_warning))))
        yield from _records_from_objects(numbered(warn), path, clean, warn, limits, dates)
        return
    with open_input(path) as fh:
        data = fh.read()
    if looks_binary(data):
        raise InputError(f"{path}: binary file, not JSON")
    try:
        doc = json.loads(decode(data, str(path), warn))
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: invalid JSON ({json_problem(e.msg, f'line {e.lineno} column {e.colno}')})") from e
    except RecursionError as e:
        raise InputError(f"{path}: JSON nested too deeply") from e
    if isinstance(doc, dict):
        records: list[Any] = [doc]  # one record: the streamed pass found no list of records in it
    elif isinstance(doc, list):  # an array the first 8 KB did not show (they were white space)
        records = doc
    else:
        raise InputError(f"{path}: JSON must be an object or an array of objects")

    def whole(warn: Warn) -> Iterator[tuple[int, Any, str]]:
        return ((n, item, record_name(str(path), n, False)) for n, item in enumerate(records, start=1))

    dates = DateOrder(str(path), day_first, lambda: _published_values(whole(ignore_warning)))
    yield from _records_from_objects(whole(warn), path, clean, warn, limits, dates)


#: Bytes a streamed JSON array is read in; a record longer than this is read in doubling steps.
JSON_CHUNK = 1 << 16


def record_limit(limits: Limits) -> int:
    """The most bytes (in a streamed ``.json``, characters) one record's JSON may take before it is
    skipped unread: four per character of the longest article (escapes and UTF-8 take up to that)
    and a megabyte for the other fields. Past it a record could only be refused after holding all
    of it in memory, and one giant record would cost a batch its memory."""
    return limits.max_article_chars * 4 + 1_000_000


@dataclass(frozen=True)
class _TooLong:
    """An element of a streamed JSON list skipped unparsed, being longer than ``record_limit``."""

    chars: int


def _text_pieces(fh: IO[bytes], decode_piece: LineDecoder) -> Iterator[str]:
    """The text of a binary stream in pieces of about ``JSON_CHUNK`` bytes, each cut after an ASCII
    byte (a character boundary in UTF-8 and windows-1252 alike) and decoded by ``decode_piece``, so
    the file's charset is decided as a JSON Lines file's is, in bounded memory even when the whole
    document is one line. A file opening with a UTF-16 or UTF-32 byte order mark is that throughout."""
    chunk = read_upto(fh, JSON_CHUNK)
    if charset := bom_charset(chunk):
        wide = codecs.getincrementaldecoder(charset)(errors="replace")
        while chunk:
            yield wide.decode(chunk)
            chunk = read_upto(fh, JSON_CHUNK)
        yield wide.decode(b"", final=True)
        return
    rest = b""
    while chunk:
        data = rest + chunk
        cut = max(data.rfind(bytes([b])) for b in b"\n ,}]\"") + 1
        if cut <= 0:  # no ASCII punctuation in the chunk: carry it over
            rest = data
        else:
            rest = data[cut:]
            yield decode_piece(data[:cut])
        chunk = read_upto(fh, JSON_CHUNK)  # after the piece: a cut gzip file raises here, its records before kept
    if rest:
        yield decode_piece(rest)


_IN_STRING = re.compile(r'["\\]')
_STRUCTURE = re.compile(r'["{}\[\]]')


class _JsonStream:
    """A JSON document read in pieces and parsed one value at a time (``value``, ``items``,
    ``members``): a ``.json.gz`` dataset was decompressed whole and parsed whole, holding the bytes,
    the text and every record in memory at once. Memory stays at about the largest value parsed.
    A syntax error raises ``InputError`` naming its line and column in the file."""

    def __init__(self, path: Path, fh: IO[bytes], warn: Warn) -> None:
        self.path = path
        self.pieces = _text_pieces(fh, LineDecoder(str(path), warn))
        self.decoder = json.JSONDecoder()
        self.buf, self.pos, self.eof = "", 0, False
        self.lines_before, self.column_before = 0, 0  # of the text already dropped from ``buf``
        #: a gzip file's cut met while reading ahead, raised when the text before it is used up
        self.cut: EOFError | zlib.error | None = None
        self.more(JSON_CHUNK)
        self.buf = self.buf.lstrip("\ufeff")

    def more(self, wanted: int) -> None:
        """Read at least ``wanted`` more characters into ``buf``, or up to the end. A gzip file cut
        short gives the text before its cut first, and raises when more is wanted than that (it
        raised while reading ahead, and a ``.json.gz`` under 64 KB lost every record)."""
        got = 0
        while got < wanted and not self.eof:
            if self.cut is not None:
                raise self.cut
            try:
                piece = next(self.pieces, None)
            except (EOFError, zlib.error) as e:
                if not got:
                    raise
                self.cut = e
                return
            if piece is None:
                self.eof = True
            else:
                self.buf += piece
                got += len(piece)

    def fail(self, msg: str, at: int) -> InputError:
        line = self.lines_before + self.buf.count("\n", 0, at) + 1
        start = self.buf.rfind("\n", 0, at) + 1
        column = at - start + 1 + (self.column_before if start == 0 else 0)
        return InputError(f"{self.path}: invalid JSON ({json_problem(msg, f'line {line} column {column}')})")

    def forget(self, upto: int) -> None:
        """Drop ``buf[:upto]``, keeping the count of its lines for ``fail``."""
        dropped = self.buf[:upto]
        newlines = dropped.count("\n")
        last = dropped.rfind("\n")
        self.column_before = len(dropped) - last - 1 if newlines else self.column_before + len(dropped)
        self.lines_before += newlines
        self.buf, self.pos = self.buf[upto:], self.pos - upto

    def peek(self) -> str:
        """The next character that is not white space ('' at the end), left unread."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos : self.pos + 1]
            self.more(JSON_CHUNK)

    def expect(self, char: str, msg: str) -> None:
        if self.peek() != char:
            raise self.fail(msg, self.pos)
        self.pos += 1

    def value(self, limit: int | None = None) -> Any:
        """The value at ``pos``, read on in doubling steps until it is whole; one longer than
        ``limit`` characters is passed over unparsed (``_skip``) and is ``_TooLong``."""
        self.peek()
        while True:  # a value cut by the end of ``buf`` is read again with more
            try:
                item, end = self.decoder.raw_decode(self.buf, self.pos)
                # only a number (or a literal) ending where the text read ends may go on ("12" of
                # "123"); an object, array or string is whole at its closing character, and reading
                # on for it met a gzip file's cut right after a record and lost that record
                if end < len(self.buf) or self.eof or self.buf[end - 1] in '}]"':
                    break
            except json.JSONDecodeError as e:
                # an error well before the end of what is read is no cut record: reading on would
                # take the rest of a broken file into memory
                if self.eof or (e.pos < len(self.buf) - 16 and not e.msg.startswith("Unterminated string")):
                    raise self.fail(e.msg, e.pos) from e
            except RecursionError as e:
                raise InputError(f"{self.path}: JSON nested too deeply") from e
            held = len(self.buf) - self.pos
            if limit is not None and held > limit:
                return _TooLong(self._skip())
            # doubling, but no further than just past ``limit``: a giant record is never all read
            self.more(max(JSON_CHUNK, held) if limit is None else max(1, min(held, limit + 1 - held)))
        size, self.pos = end - self.pos, end
        if self.pos > JSON_CHUNK:
            self.forget(self.pos)
        if limit is not None and size > limit:  # read whole with what came before it: still refused
            return _TooLong(size)
        return item

    def _skip(self) -> int:
        """Move past the object, array or string at ``pos`` by its quotes and brackets alone,
        dropping its text as it is read; its length in characters."""
        depth, in_string, i, length = 0, False, self.pos, 0
        while True:
            if i >= len(self.buf):
                if self.eof:
                    raise self.fail("Unterminated value", len(self.buf))
                length += len(self.buf) - self.pos
                i -= len(self.buf)  # past the end only after an escape cut from its character
                self.pos = len(self.buf)
                self.forget(self.pos)
                self.more(JSON_CHUNK)
                continue
            m = (_IN_STRING if in_string else _STRUCTURE).search(self.buf, i)
            if m is None:
                i = len(self.buf)
                continue
            i, c = m.end(), m.group()
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = not in_string
            elif c in "{[":
                depth += 1
            else:
                depth -= 1
            if depth == 0 and not in_string and c != "\\":
                length += i - self.pos
                self.pos = i
                self.forget(self.pos)
                return length

    def items(self, limit: int | None = None) -> Iterator[Any]:
        """The elements of the array whose ``[`` was just read, each as ``value`` gives it."""
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value(limit)
            if self.ends("]"):
                return

    def members(self) -> Iterator[str]:
        """The keys of the object whose ``{`` was just read, each yielded with ``pos`` at its value,
        which the caller reads before asking for the next."""
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self.fail("Expecting property name enclosed in double quotes", self.pos)
            key = self.value()
            self.expect(":", "Expecting ':' delimiter")
            yield key
            if self.ends("}"):
                return

    def ends(self, close: str) -> bool:
        """After an element of an array or object: True when ``close`` ends it, False when a comma
        says another element follows (either read); anything else is the error ``json`` gives."""
        c = self.peek()
        self.pos += 1
        if c == close:
            return True
        if c != ",":
            self.pos -= 1
            raise self.fail("Expecting ',' delimiter" if c else f"Unterminated {'array' if close == ']' else 'object'}", self.pos)
        return False

    def end(self) -> None:
        if self.peek():
            raise self.fail("Extra data", self.pos)


def _array_records(path: Path, warn: Warn, limit: int | None = None) -> Iterator[Any]:
    """The elements of a file holding one JSON array, parsed one at a time (those over ``limit``
    characters as ``_TooLong``). A syntax error ends the file with ``InputError`` at its line and
    column, after the records before it (as a gzip file cut short keeps the records before the cut)."""
    with open_input(path) as fh:
        stream = _JsonStream(path, fh, warn)
        stream.expect("[", "Expecting '['")
        yield from stream.items(limit)
        stream.end()


def _numbered(items: Iterator[Any], path: Path, warn: Warn) -> Iterator[tuple[int, Any, str]]:
    """Streamed records with their numbers and places; one skipped for its size is named in a
    warning, as a JSON Lines line is, and keeps its number, so the records after it are still
    named by their place in the file."""
    for n, item in enumerate(items, start=1):
        where = record_name(str(path), n, False)
        if isinstance(item, _TooLong):
            warn(f"{where}: record of {counted(item.chars, 'character', grouped=True)} exceeds the article size limit, skipped")
        else:
            yield n, item, where


def _until_broken(objs: Iterator[tuple[int, Any, str]]) -> Iterator[tuple[int, Any, str]]:
    """``objs`` up to the error that ends them (the second pass ``DateOrder`` makes must not fail a
    record of the first: the first pass reports the error itself)."""
    try:
        yield from objs
    except NewstraceError:
        return


#: How deep under the top object a list of records is looked for: Solr's ``{"response": {"docs":
#: [...]}}`` and ``{"data": {"articles": [...]}}`` are two levels down; three leaves room for one
#: more envelope without walking a whole document of nested metadata.
WRAP_DEPTH = 3


@dataclass
class _List:
    """A list met walking a wrapping object: the ``index``-th in document order, ``depth`` levels
    under the top, at dotted ``name``; whether all its elements are objects (one skipped for its
    size counts as one), and whether one of its first 20 is an article (``_is_record``)."""

    index: int
    depth: int
    name: str
    count: int = 0
    objects: bool = True
    articles: bool = False


class _Walk:
    """One pass over a JSON object, streamed (``_JsonStream``), through the objects under it up to
    ``WRAP_DEPTH`` levels down. Each list met is summarised in ``lists`` (its elements parsed one at
    a time and dropped), except list number ``take``, whose elements are yielded; the walk ends
    when that list does. Lists inside an object that turns out to be a record are that record's
    fields, not candidates, and are forgotten."""

    def __init__(self, stream: _JsonStream, take: int | None = None, limit: int | None = None) -> None:
        self.stream, self.take, self.limit = stream, take, limit
        self.lists: list[_List] = []
        self.met = 0
        self.done = False
        self.reading: _List | None = None  # the list whose elements are being read (where a cut file ends)

    def object(self, depth: int = 1, prefix: str = "") -> Generator[Any, None, bool]:
        """The walk of the object whose ``{`` was just read; whether it is a record."""
        record = False
        for key in self.stream.members():
            record = record or str(key).strip().lower() in _BODY_COLUMNS
            name = f"{prefix}{key}"
            c = self.stream.peek()
            if c == "[":
                self.stream.pos += 1
                yield from self.list(depth, name)
            elif c == "{" and depth < WRAP_DEPTH:
                self.stream.pos += 1
                before = len(self.lists)
                if (yield from self.object(depth + 1, name + ".")):
                    del self.lists[before:]
            else:
                self.stream.value(self.limit)
            if self.done:
                break
        return record

    def list(self, depth: int, name: str) -> Iterator[Any]:
        found = _List(self.met, depth, name)
        self.met += 1
        self.reading = found
        for item in self.stream.items(self.limit):
            if found.index == self.take:
                yield item
                continue
            if isinstance(item, dict):
                found.articles = found.articles or (found.count < 20 and _is_record(item))
            elif not isinstance(item, _TooLong):
                found.objects = False
            found.count += 1
        if found.index == self.take:
            self.done = True
        self.reading = None
        self.lists.append(found)


def _wrapped_list(path: Path, warn: Warn, limit: int) -> _List | None:
    """The list of records of a file holding a JSON object, found by streaming over it once: the
    records of an API response that wraps them (``{"data": [...]}``, ``{"status": "ok",
    "results": [...]}``, Solr's ``{"response": {"docs": [...]}}``); ``None`` when the object is one
    record. Read as one record, such a file gave 'no articles found'; read whole, a big one held
    every record in memory at once.

    A top-level ``articles`` list is taken. Otherwise an object with a text field of its own is a
    record; else the lists of objects under it, up to ``WRAP_DEPTH`` levels down through objects
    without text of their own, are candidates: the shallowest list whose objects have a text (or
    html) field is taken, the first in document order when there are several (the others are
    named in a warning, so the choice is never silent); without any, a lone list of objects right
    under the top is taken, as before (its records then say what they lack)."""
    with open_input(path) as fh:
        stream = _JsonStream(path, fh, ignore_warning)  # the pass that reads the records warns
        stream.expect("{", "Expecting '{'")
        walk = _Walk(stream, limit=limit)
        try:
            top_record = _walk_result(walk.object())
            stream.end()
        except (InputError, EOFError, zlib.error):
            # cut short (or damaged) inside a list of articles: that list is read, its records up
            # to the damage kept, as a cut array's are, and the damage named then; the whole file
            # was refused, "{"articles": [...]" cut after a thousand records giving none
            cut = walk.reading
            if cut is not None and (cut.articles or (cut.depth == 1 and cut.name == "articles")):
                return cut
            raise
    named = [f for f in walk.lists if f.depth == 1 and f.name == "articles"]
    if named:
        return named[0]
    if top_record:
        return None
    found = [f for f in walk.lists if f.count and f.objects]
    articles = [f for f in found if f.articles]
    if articles:
        depth = min(f.depth for f in articles)
        best = [f for f in articles if f.depth == depth]
        if len(best) > 1:
            others = ", ".join(f.name for f in best[1:])
            warn(f"{path}: several lists of articles ({best[0].name}, {others}); only {best[0].name} is read")
        return best[0]
    top = [f for f in found if f.depth == 1]
    return top[0] if len(top) == 1 else None


def _walk_result(walk: Generator[Any, None, bool]) -> bool:
    """The value a walk that takes no list returns."""
    try:
        while True:
            next(walk)
    except StopIteration as stop:
        return bool(stop.value)


def _listed_records(path: Path, warn: Warn, index: int, limit: int) -> Iterator[Any]:
    """The elements of list number ``index`` of the object the file holds (``_wrapped_list``)."""
    with open_input(path) as fh:
        stream = _JsonStream(path, fh, warn)
        stream.expect("{", "Expecting '{'")
        yield from _Walk(stream, take=index, limit=limit).object()


def _is_record(obj: dict[str, Any]) -> bool:
    """An object that names a text or html field (by any alias) is an article record."""
    return bool({str(k).strip().lower() for k in obj} & _BODY_COLUMNS)


def _lines(raw: IO[bytes], decode_line: LineDecoder) -> Iterator[str]:
    """The lines of a CSV as ``open(newline="")`` splits them (at \\n, \\r\\n or a lone \\r, which
    stays in the line), each decoded by ``decode_line``: Latin-1 maps every byte to one character,
    so splitting in it and encoding back gives each line's own bytes."""
    for line in io.TextIOWrapper(raw, encoding="latin-1", newline=""):
        yield decode_line(line.encode("latin-1"))


#: what a CSV whose last record is cut off is warned of: a download or copy that stopped
#: mid-record (FA-KES cut at 3,000 bytes) stored its last row, its text cut mid-word and its
#: source and date missing, without a word
_CUT_SHORT = "it looks cut short, and the record's text may be incomplete"


class _QuoteCount:
    """The lines a CSV reader reads, counting their double quotes as they pass.

    A quoted field left open runs to the end of the file, where Python's lenient reader closes it
    without a word; escaped quotes come in pairs, so an odd count from a record's first line on is
    that case. Counted on the way, the file is read once (FA-KES's last record spans lines, and
    counting afterwards meant reading all of it again).
    """

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.quotes = 0
        self.ended = True  # whether the last line read ends with a line break

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            self.quotes += line.count('"')
            self.ended = line.endswith(("\n", "\r"))
            yield line


_BODY_NAMES = ALIASES["text"] + ALIASES["html"]
_BODY_COLUMNS = frozenset(_BODY_NAMES)


def _names(found: Iterable[Any]) -> str:
    """The first dozen field or column names of a record or CSV, for a message that says what a
    file without a text field holds instead."""
    names = [_cut_name(str(k)) for k in found]
    return ", ".join(names[:12]) + (", ..." if len(names) > 12 else "") or "none"


#: the characters of one field or column name a message shows: a header that is no header (a
#: JSON export saved as .csv, a text's first line) made "columns" of whole sentences
NAME_CHARS = 40


def _cut_name(name: str) -> str:
    """One name as a message lists it, cut to ``NAME_CHARS`` with "..." when longer."""
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS].rstrip() + "..."


#: how a JSON export opens: an object with its first key, or an array with its first object
_JSON_HEAD = re.compile(r"\A\s*(?:\{\s*\"|\[\s*[{\]])")


def no_text_field(names: Iterable[str]) -> str | None:
    """Why records of these field names give no article text (``_no_text``: none names a text or
    html field), or None when one does: the Spark engine says it of a Parquet ``--input``'s
    columns before Spark starts, in the words it says it of the first record."""
    record = dict.fromkeys(names)
    return None if _is_record(record) else _no_text(record)


def _no_text(record: dict[str, Any]) -> str:
    """Why a record gives no article text: a text field left empty (a CSV row whose text cell is
    blank was said to have 'no text or html field' beside the file's text column), or none at all,
    with the names the record has and those that would do."""
    empty = next((str(k) for k in record if str(k).strip().lower() in _BODY_COLUMNS), None)
    if empty is not None:
        return f"record's {empty} is empty"
    return f"record has no text or html field (expected one of {', '.join(_BODY_NAMES)}; found {_names(record)})"


def _delimiter(head: str) -> str:
    """The delimiter of a CSV: a comma, unless only a semicolon, tab or bar splits the header into
    columns that name a text column (European spreadsheets save with ';', tab-separated exports
    with tab: split on commas, their header was one column and the file was refused). When none
    does, the one that splits it most, so that the refusal lists the file's columns (PolNeAR's
    metadata.tsv was said to have one column, 'compartment\x09filename\x09level...')."""
    most, widest = ",", 0
    for delimiter in (",", ";", "\t", "|"):
        try:
            first = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), [])
        except csv.Error:  # a malformed header: the reader proper says so
            continue
        if {c.strip().lower() for c in first} & _BODY_COLUMNS:
            return delimiter
        if len(first) > widest:
            most, widest = delimiter, len(first)
    return most


def _say_repeated_columns(path: Path, columns: list[str], warn: Warn) -> None:
    """Warn of each field newstrace reads (``ALIASES``) that the header names in more than one
    column, case and spaces aside: a merged export's summary and body both headed "text" was read
    from its last column without a word, the body lost. Its last column is read, as before."""
    where: dict[str, list[int]] = {}
    for i, column in enumerate(columns, 1):
        where.setdefault(column.strip().lower(), []).append(i)
    for name, places in where.items():
        field_name = next((f for f, names in ALIASES.items() if name in names), None)
        if len(places) > 1 and field_name is not None:
            numbers = ", ".join(map(str, places[:-1])) + f" and {places[-1]}"
            warn(f"{path}: the header names {_cut_name(name)} in {len(places)} columns ({numbers}): "
                 f"only the last is read as the {field_name}")


#: Excel's first line naming a CSV's delimiter, ``sep=;``, which Excel reads and exports write
_SEP_LINE = re.compile(r"\A\ufeff?sep=([^\r\n])(?:\r\n|\r|\n)")


def _header_again(fields: list[str], header: list[str]) -> bool:
    """Whether a CSV row is its file's header written again: exports joined by ``cat a.csv b.csv``
    (each with Excel's byte order mark, which only the file's first loses), whose second header
    was stored as an article, id "id", title "title", text "text"."""
    def names(cells: list[str]) -> list[str]:
        return [c.replace("\ufeff", "").strip() for c in cells]

    return len(header) > 1 and names(fields) == names(header)


def read_csv(
    path: Path, *, clean: bool = True, warn: Warn, limits: Limits = LIMITS, day_first: bool | None = None
) -> Iterator[Article]:
    """A CSV (or TSV) with a header row; it must have a text (or html) column. The delimiter is a
    comma, semicolon, tab or bar, whichever makes the header name one; UTF-16 and UTF-32 with a BOM are read."""
    if path.stat().st_size == 0:
        raise InputError(f"{path}: empty file")
    head = input_head(path, 65536)
    if looks_binary(head):
        raise InputError(f"{path}: binary file, not CSV")
    # Excel's "Unicode text" export is UTF-16 with a BOM; read as UTF-8 its header named no column
    wide = bom_charset(head)
    encoding = wide or "utf-8-sig"  # else UTF-8 or windows-1252, decided line by line
    # a first line 'sep=;' names the delimiter (the file was refused: its header read as 'sep=')
    named = _SEP_LINE.match(head.decode(encoding, errors="replace"))
    delimiter = named.group(1) if named else _delimiter(head.decode(encoding, errors="replace"))
    with open_input(path) as raw:
        text_stream = (
            io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="") if wide else _lines(raw, LineDecoder(str(path), warn))
        )
        quoting = _QuoteCount(text_stream)
        reader = csv.reader(quoting, delimiter=delimiter)
        if named:
            next(reader, None)  # the line numbers of the records go on counting it
        header = next(reader, [])
        columns = list(header)
        lowered = {c.strip().lower() for c in columns}
        if not lowered & _BODY_COLUMNS:
            opening = head.decode(encoding, errors="replace").lstrip()
            if _JSON_HEAD.match(opening):
                # its "columns" were the JSON cut at its commas, a record's whole text one of them
                raise InputError(
                    f"{path}: JSON, not CSV (it opens with {_cut_name(opening.split(chr(10), 1)[0])!r}): give it "
                    "a .json name, or .jsonl for one record a line"
                )
            raise InputError(
                f"{path}: CSV has no text column (expected one of {', '.join(_BODY_NAMES)}; found {_names(columns)})"
            )

        _say_repeated_columns(path, columns, warn)

        def rows() -> Iterator[tuple[int, Any, str]]:
            last: list[str] = []
            last_line = 0
            quotes_before_last = 0  # double quotes in the lines before the last record
            try:
                number, line = 0, reader.line_num + 1  # where the next record starts (a quoted field may span lines)
                quotes_before = quoting.quotes
                for fields in reader:
                    if fields:  # a blank line is no record
                        number += 1
                        last, last_line, quotes_before_last = fields, line, quotes_before
                        if _header_again(fields, header):
                            line, quotes_before = reader.line_num + 1, quoting.quotes
                            continue
                        # values beyond the header's columns are dropped, missing ones are None
                        row = dict(zip(header, fields + [None] * (len(header) - len(fields)), strict=False))
                        yield number, row, record_name(str(path), line, True)
                    line, quotes_before = reader.line_num + 1, quoting.quotes
            except csv.Error as e:
                warn(f"{path}:{reader.line_num}: malformed CSV ({e}), rest of file skipped")
                return
            if (quoting.quotes - quotes_before_last) % 2 == 0:
                if last and not quoting.ended and len(last) < len(header):
                    warn(f"{path}:{last_line}: the file ends in this record, with {len(last)} of {len(header)} "
                         f"columns and no line end: {_CUT_SHORT}")
                return
            if any("\n" in f for f in last):
                warn(
                    f"{path}:{last_line}: a quote opened in this record is never closed, so its text runs to the end of "
                    f"the file and takes in the {counted(sum(1 for f in last for ln in f.split(chr(10))[1:] if ln.strip()), 'line')} "
                    "after it, rows included"
                )
            else:
                warn(f"{path}:{last_line}: the file ends inside a quoted field of this record: {_CUT_SHORT}")

        def dates_column() -> Iterator[Any]:
            """A second pass over the file's records, for their dates only."""
            with open_input(path) as again:
                scan = csv.reader(io.TextIOWrapper(again, encoding=encoding, errors="replace", newline=""), delimiter=delimiter)
                if named:
                    next(scan, None)
                head = next(scan, [])
                try:
                    yield from _published_values((0, dict(zip(head, r, strict=False)), "") for r in scan
                                                 if not _header_again(r, head))
                except csv.Error:
                    return  # the first pass says so

        dates = DateOrder(str(path), day_first, dates_column)
        yield from _records_from_objects(rows(), path, clean, warn, limits, dates)
