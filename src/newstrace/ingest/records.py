"""One article per record: ``.jsonl``, ``.json`` and ``.csv`` exports and datasets.

Records carry ``id, url, outlet, published, title, author, text`` (or ``html`` instead of ``text``);
common aliases such as FA-KES's ``article_content`` are understood, and unknown fields are kept as
metadata. A broken record is reported with its file and line and skipped; the others are read.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newstrace.clean.text import normalize_body
from newstrace.errors import InputError, LimitError, NewstraceError
from newstrace.ingest.base import (
    ALIASES,
    DateOrder,
    LineDecoder,
    Warn,
    check_article_size,
    decode,
    ignore_warning,
    looks_binary,
    make_article,
    map_fields,
    open_input,
)
from newstrace.ingest.html import extract_html
from newstrace.limits import LIMITS, Limits
from newstrace.model import Article

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


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
    known, extra = map_fields(record)
    text = known.pop("text", None)
    html = known.pop("html", None)
    if text is None and html is None:
        raise InputError(f"{where}: record has no text or html field")
    if text is None:
        html = _as_text(html, "html", where)
        if len(html) > limits.max_file_bytes:
            raise LimitError(
                f"{where}: html of {len(html):,} characters is longer than the {limits.max_file_bytes:,} limit "
                "for one page (set NEWSTRACE_MAX_FILE_BYTES to raise it)"
            )
        body, page = extract_html(html, known.get("url"), where)
        for k, v in page.items():
            known.setdefault(k, v)
        text = str(html) if not clean else body
    else:
        text = _as_text(text, "text", where)
        check_article_size(text, where, limits)  # before cleaning: a giant record costs nothing
        if clean:
            text = normalize_body(text)
    return make_article(
        text, fields=known, extra=extra, source=source, record=number, where=where, limits=limits, warn=warn, dates=dates
    )


def _as_text(value: Any, field: str, where: str) -> str:
    """A record's text or html as one string. A list of paragraphs (scrapers write
    ``"text": ["...", "..."]``) is joined by blank lines: its Python spelling, brackets and quotes,
    was stored as the article. An object is no text."""
    if isinstance(value, list | tuple):
        if any(isinstance(v, dict | list | tuple) for v in value):
            raise InputError(f"{where}: {field} is a list holding objects, not paragraphs of text")
        return "\n\n".join(str(v) for v in value if v is not None)
    if isinstance(value, dict):
        raise InputError(f"{where}: {field} is an object, not text")
    return str(value)


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


def read_jsonl(
    path: Path, *, clean: bool = True, warn: Warn, limits: Limits = LIMITS, day_first: bool | None = None
) -> Iterator[Article]:
    """Stream a JSON Lines file; memory stays at one line whatever the file size."""
    if path.stat().st_size == 0:
        raise InputError(f"{path}: empty file")
    with open_input(path) as fh:
        head = fh.read(8192)
    if looks_binary(head):
        raise InputError(f"{path}: binary file, not JSON Lines")
    first = next((ln.strip() for ln in head.split(b"\n") if ln.strip()), b"")
    if first.lstrip(b"\xef\xbb\xbf") in (b"[", b"{"):
        # a line of JSON Lines is a whole object: a lone bracket opens one pretty-printed document
        # (an array saved as .jsonl), which gave a warning per line and 'no articles found'
        yield from read_json(path, clean=clean, warn=warn, limits=limits, day_first=day_first)
        return

    def objects(warn: Warn) -> Iterator[tuple[int, Any, str]]:
        decode_line = LineDecoder(str(path), warn)  # one charset for the file, one warning if not UTF-8
        with open_input(path) as fh:
            for lineno, raw in enumerate(fh, start=1):
                if len(raw) > limits.max_article_chars * 4 + 1_000_000:
                    warn(f"{path}:{lineno}: line of {len(raw):,} bytes exceeds the article size limit, skipped")
                    decode_line.offset += len(raw)
                    continue
                line = decode_line(raw).strip()
                if not line:
                    continue
                try:
                    yield lineno, json.loads(line), f"{path}:{lineno}"
                except json.JSONDecodeError as e:
                    warn(f"{path}:{lineno}: invalid JSON ({e.msg} at column {e.colno}), skipped")
                except RecursionError:
                    warn(f"{path}:{lineno}: JSON nested too deeply, skipped")

    dates = DateOrder(str(path), day_first, lambda: _published_values(objects(ignore_warning)))
    yield from _records_from_objects(objects(warn), path, clean, warn, limits, dates)


def read_json(
    path: Path, *, clean: bool = True, warn: Warn, limits: Limits = LIMITS, day_first: bool | None = None
) -> Iterator[Article]:
    """A JSON array of records, ``{"articles": [...]}`` (or another list of records in an object
    without text, as APIs wrap them, up to ``WRAP_DEPTH`` levels down), or one record.

    An array (the form datasets ship in, gzipped or not) is streamed record by record
    (``_array_records``); an object is read whole, since its list of records may be anywhere in it.
    """
    if path.stat().st_size == 0:
        raise InputError(f"{path}: empty file")
    with open_input(path) as fh:
        head = fh.read(8192)
    if looks_binary(head):
        raise InputError(f"{path}: binary file, not JSON")
    if head.lstrip(b"\xef\xbb\xbf").lstrip().startswith(b"["):

        def streamed(warn: Warn) -> Iterator[tuple[int, Any, str]]:
            return ((n, item, f"{path}: record {n}") for n, item in enumerate(_array_records(path, warn), start=1))

        dates = DateOrder(str(path), day_first, lambda: _published_values(_until_broken(streamed(ignore_warning))))
        yield from _records_from_objects(streamed(warn), path, clean, warn, limits, dates)
        return
    with open_input(path) as fh:
        data = fh.read()
    if looks_binary(data):
        raise InputError(f"{path}: binary file, not JSON")
    try:
        doc = json.loads(decode(data, str(path), warn))
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: invalid JSON ({e.msg} at line {e.lineno} column {e.colno})") from e
    except RecursionError as e:
        raise InputError(f"{path}: JSON nested too deeply") from e
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        items = doc["articles"]
    elif isinstance(doc, list):
        items = doc
    elif isinstance(doc, dict):
        items = _wrapped_records(doc, path, warn) or [doc]
    else:
        raise InputError(f"{path}: JSON must be an object or an array of objects")
    def records() -> Iterator[tuple[int, Any, str]]:
        return ((n, item, f"{path}: record {n}") for n, item in enumerate(items, start=1))

    dates = DateOrder(str(path), day_first, lambda: _published_values(records()))
    yield from _records_from_objects(records(), path, clean, warn, limits, dates)


#: Bytes a streamed JSON array is read in; a record longer than this is read in doubling steps.
JSON_CHUNK = 1 << 16


def _text_pieces(fh: IO[bytes], decode_piece: LineDecoder) -> Iterator[str]:
    """The text of a binary stream in pieces of about ``JSON_CHUNK`` bytes, each cut after an ASCII
    byte (a character boundary in UTF-8 and windows-1252 alike) and decoded by ``decode_piece``, so
    the file's charset is decided as a JSON Lines file's is, in bounded memory even when the whole
    document is one line."""
    rest = b""
    while chunk := fh.read(JSON_CHUNK):
        data = rest + chunk
        cut = max(data.rfind(bytes([b])) for b in b"\n ,}]\"") + 1
        if cut <= 0:  # no ASCII punctuation in the chunk: carry it over
            rest = data
            continue
        rest = data[cut:]
        yield decode_piece(data[:cut])
    if rest:
        yield decode_piece(rest)


def _array_records(path: Path, warn: Warn) -> Iterator[Any]:
    """The elements of a file holding one JSON array, parsed one at a time: a ``.json.gz`` dataset
    was decompressed whole and parsed whole, holding the bytes, the text and every record in memory
    at once. Memory stays at about the largest record. A syntax error ends the file with
    ``InputError`` at its line and column, after the records before it (as a gzip file cut short
    keeps the records before the cut)."""
    decoder = json.JSONDecoder()
    with open_input(path) as fh:
        pieces = _text_pieces(fh, LineDecoder(str(path), warn))
        buf, pos, eof = "", 0, False
        lines_before, column_before = 0, 0  # of the text already dropped from ``buf``

        def more(wanted: int) -> None:
            nonlocal buf, eof
            got = 0
            while got < wanted and not eof:
                piece = next(pieces, None)
                if piece is None:
                    eof = True
                else:
                    buf += piece
                    got += len(piece)

        def fail(msg: str, at: int) -> InputError:
            line = lines_before + buf.count("\n", 0, at) + 1
            start = buf.rfind("\n", 0, at) + 1
            column = at - start + 1 + (column_before if start == 0 else 0)
            return InputError(f"{path}: invalid JSON ({msg} at line {line} column {column})")

        def skip_space() -> None:
            nonlocal pos
            while True:
                while pos < len(buf) and buf[pos] in " \t\r\n":
                    pos += 1
                if pos < len(buf) or eof:
                    return
                more(JSON_CHUNK)

        more(JSON_CHUNK)
        buf = buf.lstrip("\ufeff")
        skip_space()
        pos += 1  # the "[" ``read_json`` saw
        skip_space()
        if buf[pos : pos + 1] == "]":
            pos += 1
        else:
            while True:
                while True:  # one element; a record cut by the end of ``buf`` is read again with more
                    try:
                        item, end = decoder.raw_decode(buf, pos)
                        if end < len(buf) or eof:
                            break
                    except json.JSONDecodeError as e:
                        # an error well before the end of what is read is no cut record: reading
                        # on would take the rest of a broken file into memory
                        if eof or (e.pos < len(buf) - 16 and not e.msg.startswith("Unterminated string")):
                            raise fail(e.msg, e.pos) from e
                    except RecursionError as e:
                        raise InputError(f"{path}: JSON nested too deeply") from e
                    more(max(JSON_CHUNK, len(buf) - pos))
                pos = end
                yield item
                if pos > JSON_CHUNK:  # drop what is read, keeping the count of its lines
                    dropped = buf[:pos]
                    newlines = dropped.count("\n")
                    last = dropped.rfind("\n")
                    column_before = len(dropped) - last - 1 if newlines else column_before + len(dropped)
                    lines_before += newlines
                    buf, pos = buf[pos:], 0
                skip_space()
                if buf[pos : pos + 1] == ",":
                    pos += 1
                    skip_space()
                elif buf[pos : pos + 1] == "]":
                    pos += 1
                    break
                else:
                    raise fail("Expecting ',' delimiter" if pos < len(buf) else "Unterminated array", pos)
        skip_space()
        if pos < len(buf):
            raise fail("Extra data", pos)


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


def _wrapped_records(doc: dict[str, Any], path: Path, warn: Warn) -> list[Any] | None:
    """The records of an API response that wraps them (``{"data": [...]}``, ``{"status": "ok",
    "results": [...]}``, Solr's ``{"response": {"docs": [...]}}``); ``None`` when ``doc`` is one
    record. Read as one record, such a file gave 'no articles found'.

    An object with a text field of its own is a record. Otherwise the lists of objects under it, up
    to ``WRAP_DEPTH`` levels down through objects without text of their own, are candidates: the
    shallowest list whose objects have a text (or html) field is taken, the first in document order
    when there are several (the others are named in a warning, so the choice is never silent);
    without any, a lone list of objects right under the top is taken, as before (its records then
    say what they lack)."""
    if _is_record(doc):
        return None
    found: list[tuple[int, str, list[Any]]] = []  # (depth, dotted path, list) in document order

    def walk(obj: dict[str, Any], depth: int, prefix: str) -> None:
        for key, value in obj.items():
            name = f"{prefix}{key}"
            if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
                found.append((depth, name, value))
            elif isinstance(value, dict) and depth < WRAP_DEPTH and not _is_record(value):
                walk(value, depth + 1, name + ".")

    walk(doc, 1, "")
    articles = [f for f in found if _holds_articles(f[2])]
    if articles:
        depth = min(d for d, _, _ in articles)
        best = [f for f in articles if f[0] == depth]
        if len(best) > 1:
            others = ", ".join(name for _, name, _ in best[1:])
            warn(f"{path}: several lists of articles ({best[0][1]}, {others}); only {best[0][1]} is read")
        return best[0][2]
    top = [items for d, _, items in found if d == 1]
    return top[0] if len(top) == 1 else None


def _is_record(obj: dict[str, Any]) -> bool:
    """An object that names a text or html field (by any alias) is an article record."""
    return bool({str(k).strip().lower() for k in obj} & _BODY_COLUMNS)


def _holds_articles(items: list[Any], sample: int = 20) -> bool:
    """A list whose first records (any of ``sample``) have a text field: a list of articles, not of
    tags, facets or authors."""
    return any(isinstance(x, dict) and _is_record(x) for x in items[:sample])


def _lines(raw: IO[bytes], decode_line: LineDecoder) -> Iterator[str]:
    """The lines of a CSV as ``open(newline="")`` splits them (at \\n, \\r\\n or a lone \\r, which
    stays in the line), each decoded by ``decode_line``: Latin-1 maps every byte to one character,
    so splitting in it and encoding back gives each line's own bytes."""
    for line in io.TextIOWrapper(raw, encoding="latin-1", newline=""):
        yield decode_line(line.encode("latin-1"))


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

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            self.quotes += line.count('"')
            yield line


_BODY_COLUMNS = frozenset(ALIASES["text"] + ALIASES["html"])


def _delimiter(head: str) -> str:
    """The delimiter of a CSV: a comma, unless only a semicolon, tab or bar splits the header into
    columns that name a text column (European spreadsheets save with ';', tab-separated exports
    with tab: split on commas, their header was one column and the file was refused)."""
    for delimiter in (",", ";", "\t", "|"):
        try:
            first = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), [])
        except csv.Error:  # a malformed header: the reader proper says so
            continue
        if {c.strip().lower() for c in first} & _BODY_COLUMNS:
            return delimiter
    return ","


def read_csv(
    path: Path, *, clean: bool = True, warn: Warn, limits: Limits = LIMITS, day_first: bool | None = None
) -> Iterator[Article]:
    """A CSV (or TSV) with a header row; it must have a text (or html) column. The delimiter is a
    comma, semicolon, tab or bar, whichever makes the header name one; UTF-16 with a BOM is read."""
    if path.stat().st_size == 0:
        raise InputError(f"{path}: empty file")
    with open_input(path) as fh:
        head = fh.read(65536)
    if looks_binary(head):
        raise InputError(f"{path}: binary file, not CSV")
    # Excel's "Unicode text" export is UTF-16 with a BOM; read as UTF-8 its header named no column
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    encoding = "utf-16" if utf16 else "utf-8-sig"  # else UTF-8 or windows-1252, decided line by line
    delimiter = _delimiter(head.decode(encoding, errors="replace"))
    with open_input(path) as raw:
        text_stream = (
            io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="") if utf16 else _lines(raw, LineDecoder(str(path), warn))
        )
        counted = _QuoteCount(text_stream)
        reader = csv.reader(counted, delimiter=delimiter)
        header = next(reader, [])
        columns = list(header)
        lowered = {c.strip().lower() for c in columns}
        if not lowered & _BODY_COLUMNS:
            shown = ", ".join(columns[:12]) or "none"
            raise InputError(f"{path}: CSV has no text column (expected one of text, html, body, content; found {shown})")

        def rows() -> Iterator[tuple[int, Any, str]]:
            last: list[str] = []
            last_line = 0
            quotes_before_last = 0  # double quotes in the lines before the last record
            try:
                number, line = 0, reader.line_num + 1  # where the next record starts (a quoted field may span lines)
                quotes_before = counted.quotes
                for fields in reader:
                    if fields:  # a blank line is no record
                        number += 1
                        last, last_line, quotes_before_last = fields, line, quotes_before
                        # values beyond the header's columns are dropped, missing ones are None
                        row = dict(zip(header, fields + [None] * (len(header) - len(fields)), strict=False))
                        yield number, row, f"{path}:{line}"
                    line, quotes_before = reader.line_num + 1, counted.quotes
            except csv.Error as e:
                warn(f"{path}:{reader.line_num}: malformed CSV ({e}), rest of file skipped")
                return
            if any("\n" in f for f in last) and (counted.quotes - quotes_before_last) % 2 == 1:
                warn(
                    f"{path}:{last_line}: a quote opened in this record is never closed, so its text runs to the end of "
                    f"the file and takes in the {sum(1 for f in last for ln in f.split(chr(10))[1:] if ln.strip())} line(s) "
                    "after it, rows included"
                )

        def dates_column() -> Iterator[Any]:
            """A second pass over the file's records, for their dates only."""
            with open_input(path) as again:
                scan = csv.reader(io.TextIOWrapper(again, encoding=encoding, errors="replace", newline=""), delimiter=delimiter)
                head = next(scan, [])
                try:
                    yield from _published_values((0, dict(zip(head, r, strict=False)), "") for r in scan)
                except csv.Error:
                    return  # the first pass says so

        dates = DateOrder(str(path), day_first, dates_column)
        yield from _records_from_objects(rows(), path, clean, warn, limits, dates)
