"""What every reader shares: byte-level checks, decoding, metadata fields and the warning channel.

Readers are generators of ``Article``. A problem with the whole input raises ``InputError`` (one
line naming the input and the reason); a problem with one record inside a multi-record input is
reported through ``Warn`` and the reader carries on with the next record.
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import gzip
import hashlib
import io
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, Any, cast
from urllib.parse import urlsplit

from newstrace.clean.text import clean_line, one_line
from newstrace.errors import InputError, LimitError, Warn
from newstrace.limits import LIMITS, Limits, human_bytes, raise_hint
from newstrace.model import (
    Article,
    Holder,
    Published,
    agreeing,
    article_key,
    counted,
    given_id,
    page_id,
    parse_published,
    qualified_anew,
    stable_id,
)


def ignore_warning(_: str) -> None:
    """Default warning sink for library callers who do not care."""


#: the articles stored before a run, as ``ArticleKeys`` asks of them: the ``Holder`` of an id
#: (``this_run`` false), ``None`` when no stored article has it (``Store._holder``)
Stored = Callable[[str], Holder | None]
#: the outlets the articles stored before a run name, that of the earliest stored article first
#: (``Store.outlet_names``), read once, when a run's first outlet is met
StoredOutlets = Callable[[], Iterable[str]]


class OutletNames:
    """One spelling per outlet, case aside: "RT" in one file and "rt" in another were two outlets,
    each with its ids (an id 1 of both became ``rt:1``), its row in the network and its filter.

    An outlet is written as the database holds it (exactly, when it holds that spelling, so the
    articles stored under each of two spellings an older newstrace kept stay where they are; else
    the spelling of its earliest stored article), else as this run first wrote it. So a re-run
    of the same inputs gives the same rows, and no stored id or outlet changes."""

    def __init__(self, stored: StoredOutlets | None = None) -> None:
        self.stored = stored
        self._exact: set[str] | None = None  # the stored spellings, read at the first outlet
        self._first: dict[str, str] = {}  # casefolded -> the spelling kept (stored, else this run's first)
        self._spelled: dict[str, str] = {}  # as written -> as kept

    def spell(self, outlet: str) -> str:
        kept = self._spelled.get(outlet)
        if kept is not None:
            return kept
        if self._exact is None:
            self._exact = set()
            for name in self.stored() if self.stored is not None else ():
                self._exact.add(name)
                self._first.setdefault(name.casefold(), name)
        kept = outlet if outlet in self._exact else self._first.setdefault(outlet.casefold(), outlet)
        self._spelled[outlet] = kept
        return kept

    def of(self, article: Article, given: bool | None = None) -> Article:
        """``article`` from its outlet as spelled here; an id newstrace derived from the outlet's
        name (``given_id``; ``given`` if the caller knows) derived again from the spelling kept,
        so that it stays one newstrace derives (a re-read of the article finds it)."""
        if article.outlet is None:
            return article
        outlet = self.spell(article.outlet)
        if outlet == article.outlet:
            return article
        derived = not (given_id(article) if given is None else given)
        # an id derived from an address names no outlet (an archived page's, ``page_id``, is no hash of its text)
        article_id = stable_id(article.text, None, outlet) if derived and not article.url else article.id
        return dataclasses.replace(article, outlet=outlet, id=article_id)


class ArticleKeys:
    """The ids of one run's articles, by ``model.article_key``: each record's id, or ``OUTLET:ID``
    when another outlet's article (of this run, or ``stored``) holds its own; ``None`` for a later
    record of an article already read in this run, which is skipped (its first record is kept:
    ``keyed_articles``). Holds one id and outlet per article read.
    ``said`` hears of each id qualified anew (``model.qualified_anew``): not of one its outlet's
    article is ``stored`` under already, which a re-run of the same inputs finds there.
    ``outlets`` spells each article's outlet first, as its other articles are (``OutletNames``)."""

    def __init__(self, stored: Stored | None = None, said: QualifiedIds | None = None,
                 outlets: OutletNames | None = None) -> None:
        self.stored = stored
        self.said = said
        self.outlets = outlets
        self.held: dict[str, str | None] = {}  # id -> outlet of the article read under it
        self._outlets: dict[str, str] = {}  # one copy of each outlet's name

    def holder(self, key: str) -> Holder | None:
        if key in self.held:
            return Holder(self.held[key], True)
        return self.stored(key) if self.stored is not None else None

    def key(self, article: Article, *, given: bool | None = None) -> Article | None:
        """``article`` under its id in this run, or ``None`` for a repeat; ``given`` as
        ``article_key`` takes it."""
        if self.outlets is not None:
            article = self.outlets.of(article, given)
        key, held = article_key(article, self.holder, given=given)
        if held is not None and held.this_run:
            return None
        if self.said is not None and qualified_anew(article, key, held):
            self.said.add(key)
        outlet = article.outlet
        self.held[key] = None if outlet is None else self._outlets.setdefault(outlet, outlet)
        return article if key == article.id else dataclasses.replace(article, id=key)


class QualifiedIds:
    """One warning per file for its articles kept under ``OUTLET:ID`` (``ArticleKeys``): how many,
    and the first one. Said at ``flush``, which the reader calls as a file ends, after what it
    said of the file and before anything of the next (``read_inputs(on_file_end=)``); a caller
    that cannot say where a file ends has it said when the next file's first article comes."""

    def __init__(self, warn: Warn) -> None:
        self.warn = warn
        self.source: str | None = None
        self.count = 0
        self.example = ""

    def met(self, article: Article) -> None:
        """Any article read (kept or not): one of a new file says the last file's warning."""
        if article.source != self.source:
            self.flush()
            self.source = article.source

    def add(self, stored_as: str) -> None:
        self.count += 1
        self.example = self.example or stored_as

    def flush(self) -> None:
        if self.count:
            self.warn(qualified_ids_warning(self.source or "input", self.count, self.example))
        self.count, self.example = 0, ""


def qualified_ids_warning(where: str, count: int, example: str) -> str:
    """The warning for ``count`` articles of the file ``where`` kept under ``OUTLET:ID``, such as
    ``example``: one wording for ``ingest``, the web upload, the Spark engine and the commands that
    read their inputs and store nothing (``compare``, ``reuse``, ...), so it says "kept as", which
    is true of all of them, not "stored as"."""
    if count == 1:
        how = f"1 id also used by another outlet kept as {example}"
    else:
        how = f"{count:,} ids also used by another outlet kept as OUTLET:ID, such as {example}"
    return f"{where}: {how}; give each article its own id to avoid this"


def duplicates_note(pairs: Sequence[tuple[str, str]]) -> str:
    """What to say of one file's articles the database holds under another id (``Store.same_article``),
    given as (id read, id stored): not stored again, which is no warning (a re-run of the same
    inputs under other names does what the first did), but a user looking for the id read finds
    the one stored. One wording for ``ingest`` and the web upload."""
    read_as, stored_as = pairs[0]
    why = "the same text from the same outlet, or at the same address"
    if len(pairs) == 1:
        return f"1 article already stored under another id, not stored again: {read_as} is {stored_as} ({why})"
    return (f"{len(pairs):,} articles already stored under other ids, not stored again, such as {read_as}, "
            f"stored as {stored_as} ({why})")


def duplicates_lines(duplicates: Sequence[tuple[str | None, str, str]]) -> list[str]:
    """One line per file (``duplicates_note``) of a run's articles kept under another id, given
    as (file, id read, id kept) in the order read: what ``ingest`` and ``analyze --engine spark``
    say on stderr."""
    by_file: dict[str, list[tuple[str, str]]] = {}
    for source, read_as, stored_as in duplicates:
        by_file.setdefault(source or "input", []).append((read_as, stored_as))
    return [f"{source}: {duplicates_note(pairs)}" for source, pairs in by_file.items()]


def duplicates_counted(n: int) -> str:
    """A run's articles kept under another id as its closing line counts them (none: nothing)."""
    return f", {n:,} already stored under another id" if n else ""


def keyed_articles(
    articles: Iterable[Article],
    on_repeat: Callable[[Article], None] | None = None,
    *,
    stored: Stored | None = None,
    warn: Warn | None = None,
    qualified: QualifiedIds | None = None,
    stored_outlets: StoredOutlets | None = None,
) -> Iterator[Article]:
    """Each article of one run once, under the id ``ArticleKeys`` gives it and from its outlet
    spelled as the run's other articles (``OutletNames``: as ``stored_outlets``, the database's,
    spell it, else as the run first did, case aside); ``on_repeat`` hears
    of each later record of an article already read, which is skipped, and ``warn`` of each file
    whose articles were kept under ``OUTLET:ID`` (``QualifiedIds``; or ``qualified``, whose
    ``flush`` the reader calls as each file ends). ``stored`` are the articles a database holds
    from earlier runs (``Store._holder``): an id another outlet's stored article holds is
    qualified too, and one of the same outlet's is that article (an update), under ``OUTLET:ID``
    as well: a re-run finds it there and warns of nothing (``model.qualified_anew``).

    What every command and library call that takes articles in keys them by: ``ingest``, the web
    upload, ``compare_articles`` and ``find_reuse`` of a list a caller read (``read_articles``
    does not key), so two outlets' id 1 are two articles wherever they meet. An article is one
    thing with one id: FA-KES dev repeats 8 of its ids (rows annotated twice, with other counts);
    stored as they come, each copy would update the article in turn, so a re-ingest of the file
    was never "unchanged" and every ``analyze`` after it redid those articles. Keeping the first
    is the choice a stream can make without reading ahead."""
    said = qualified or QualifiedIds(warn or ignore_warning)
    keys = ArticleKeys(stored, said, OutletNames(stored_outlets))
    for a in articles:
        said.met(a)
        kept = keys.key(a)
        if kept is None:
            if on_repeat is not None:
                on_repeat(a)
            continue
        yield kept
    said.flush()


def repeated_id(article: Article, by_line: bool | None = None, *, given: bool | None = None) -> str:
    """The warning for a record ``keyed_articles`` skipped, naming the record as its reader names it
    in its other messages: ``F:N`` by its line in a JSON Lines file (``records.names_lines``;
    ``by_line`` when the caller knows it), else ``F: record N``. It said ``F record N`` of every
    record, so a JSON Lines file's line 2 was 'sana.jsonl record 2' here and 'sana.jsonl:2' in
    the file's other warnings.

    An article whose input gives no id (``given``, else ``model.given_id``) is said as the same
    text: 'b.txt: id f2b3... was already read in this run; its first record is kept' named an id
    the user never gave and a record a text file does not have, of a file that was a copy of
    another."""
    from newstrace.ingest.records import names_lines, record_name

    lines = names_lines(article.source) if by_line is None else by_line
    where = record_name(article.source, article.record, lines)
    if given is None:
        given = given_id(article)
    if given:
        return f"{where}: id {article.id} was already read in this run; its first record is kept"
    return f"{where}: {_same_as_read(article)} (id {article.id}), skipped; the first one read is kept"


def _same_as_read(article: Article) -> str:
    """What a later copy of an article whose id is derived shares with the first (``model.stable_id``,
    ``model.page_id``): what that id is made of."""
    if article.url and article.id == page_id(article.url):
        return "the same address as a page already read in this run"
    how = " at the same address" if article.url else " from the same outlet" if article.outlet else ""
    return f"the same text{how} as an article already read in this run"


class RepeatedIds:
    """The records of a file that ``keyed_articles`` skipped as repeats of an article already read,
    said in one warning per file: how many, and the first ``EXAMPLES`` ids repeated with the
    records that repeat them (``EXAMPLES`` of each).

    Each was a warning line of its own (``repeated_id``): an export that gives every article
    twice printed thousands of lines, and whatever else was said of the file scrolled away among
    them. A file with one repeat says it as before. ``flush`` is called as a file ends, as
    ``QualifiedIds``'s is, and an article of another file flushes the last file's too."""

    EXAMPLES = 3

    def __init__(self, warn: Warn) -> None:
        self.warn = warn
        self.source: str | None = None
        self.by_line = False  # whether the file's records are named by line (``records.names_lines``)
        self.count = 0
        self.first: Article | None = None
        self.records: dict[str, list[int | None]] = {}  # the first ids repeated -> their first records
        self.kinds: set[bool] = set()  # whether the repeats' ids were given (``repeated_id``)

    def add(self, article: Article, given: bool | None = None) -> None:
        """A record skipped as a repeat (``keyed_articles``'s ``on_repeat``); ``given`` as
        ``repeated_id`` takes it."""
        from newstrace.ingest.records import names_lines

        if self.count and article.source != self.source:
            self.flush()
        if not self.count:
            self.source, self.by_line = article.source, names_lines(article.source)
        if given is None:
            given = given_id(article)
        self.kinds.add(given)
        self.count += 1
        self.first = self.first or article
        if article.id in self.records or len(self.records) < self.EXAMPLES:
            records = self.records.setdefault(article.id, [])
            if len(records) < self.EXAMPLES:
                records.append(article.record)

    def flush(self) -> None:
        if self.count == 1 and self.first is not None:
            self.warn(repeated_id(self.first, self.by_line, given=True in self.kinds))
        elif self.count:
            kind = "line" if self.by_line else "record"

            def records(numbers: list[int | None]) -> str:
                known = [str(n) for n in numbers if n is not None]
                return f" ({agreeing(len(known), kind, kind + 's')} {', '.join(known)})" if known else ""

            shown = ", ".join(f"id {key}{records(numbers)}" for key, numbers in self.records.items())
            left = self.count - sum(len(numbers) for numbers in self.records.values())
            if self.kinds == {True}:
                what, kept = "an id already read in this run", "its first record is kept"
            elif self.kinds == {False}:  # ids derived from their text (``repeated_id``)
                what, kept = "the text of an article already read in this run", "the first one read is kept"
            else:
                what = "an article already read in this run (its id, or its text where it gives none)"
                kept = "the first one read is kept"
            self.warn(f"{self.source or 'input'}: {self.count:,} records repeat {what}, each skipped ({kept}): {shown}"
                      + (f" and {counted(left, 'more record', grouped=True)}" if left else ""))
        self.count, self.first, self.records, self.kinds = 0, None, {}, set()


class WarningGroups:
    """One file's warnings, alike ones said as one line: a count and the first few places.

    A dataset that is not what the reader expects says the same thing of every record: the
    Webis-CPC JSON gave 1,000 lines of 'record N: record has no text or html field, skipped', which
    buried anything else said. Warnings that differ only in the record or line they name are
    grouped; a warning said once is passed on as it was. They are held until ``flush`` (the end of
    the file), so each group can say how many it stands for; past ``MAX_HELD`` kinds, a new kind
    is passed on at once, so memory stays bounded.
    """

    #: places a grouped line names before its ``...``
    EXAMPLES = 3
    #: kinds held at most: a file whose every record says something of its own (each date that
    #: cannot be read is named) held them all until its end, 615 MB for a million; the kinds met
    #: after these are passed on as they come
    MAX_HELD = 1000

    def __init__(self, path: str, warn: Warn) -> None:
        self.path = path
        self.warn = warn
        self.place = re.compile(re.escape(path) + r"(?::(\d+)|: (record \d+(?: \([^)]*\))?)): (.*)", re.S)
        self.groups: dict[str, tuple[str, list[str], list[int]]] = {}  # rest -> (first message, places, [count])

    def add(self, message: str) -> None:
        """A warning of this file (the ``Warn`` a reader is given)."""
        m = self.place.fullmatch(message)
        rest, where = (m.group(3), f"line {m.group(1)}" if m.group(1) else m.group(2)) if m else (message, "")
        if rest not in self.groups and len(self.groups) >= self.MAX_HELD:
            self.warn(message)
            return
        _, places, count = self.groups.setdefault(rest, (message, [], [0]))
        count[0] += 1
        if where and len(places) < self.EXAMPLES:
            places.append(where)

    def flush(self) -> None:
        """Say the warnings held, in the order each kind was first met."""
        for rest, (first, places, (count,)) in self.groups.items():
            if count == 1:
                self.warn(first)
            elif places:
                more = ", ..." if count > len(places) else ""
                self.warn(f"{self.path}: {rest} ({count:,} times: {', '.join(places)}{more})")
            else:
                self.warn(f"{first} ({count:,} times)")
        self.groups.clear()


#: Article fields a record or sidecar may set; anything else is kept in ``meta``.
FIELDS = ("id", "url", "outlet", "published", "title", "author", "text", "html", "lang")
#: Column names other datasets use for the same fields (FA-KES, FNC-1, common exports).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "unit_id", "body id", "uuid"),
    "url": ("url", "link", "uri"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher", "domain"),
    "published": (
        "published", "date", "publish_date", "published_at", "pubdate", "datetime",
        # NewsAPI's publishedAt, schema.org's datePublished and the spellings exports use
        "publishedat", "datepublished", "date_published", "publication_date", "published_date", "pub_date",
    ),
    "title": ("title", "headline", "article_title"),
    "author": ("author", "authors", "byline"),
    "text": ("text", "body", "content", "article_content", "articlebody", "maintext"),
    "html": ("html", "raw_html"),
    "lang": ("lang", "language"),
}

_ALL_ALIASES = frozenset(a for names in ALIASES.values() for a in names)


def map_fields(record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a record into known article fields (by name or alias) and extra metadata."""
    lowered = {str(k).strip().lower(): k for k in record}
    known: dict[str, Any] = {}
    used: set[Any] = set()
    for name, aliases in ALIASES.items():
        # a field the record names is taken as given, even empty, and not filled from an alias: a
        # record newstrace wrote (``show --json``, ``Article.to_dict``) has ``"outlet": null`` and
        # ``"source"``, the file it was read from, which is no outlet
        if name in lowered:
            aliases = (name,)
        for alias in aliases:
            key = lowered.get(alias)
            if key is not None and key not in used and record[key] not in (None, ""):
                known[name] = record[key]
                used.add(key)
                break
    # a known field left empty ("author": null) is not metadata; only unknown fields are kept
    extra = {
        str(k): v
        for k, v in record.items()
        if k not in used and not (v in (None, "") and str(k).strip().lower() in _ALL_ALIASES)
    }
    return known, extra


def open_input(path: Path) -> IO[bytes]:
    """The bytes of a record file, a ``.gz`` one decompressed as it is read."""
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def read_upto(fh: IO[bytes], size: int) -> bytes:
    """Up to ``size`` bytes of a record file's stream (``open_input``), fewer only at its end.

    ``read(size)`` of a gzip file cut short raised at the cut and gave none of the bytes before
    it, so a reader taking its file in pieces lost the piece holding the cut (a whole ``.json.gz``
    under 64 KB, the first 50 rows of FA-KES dev cut at 20 KB: none of their 23 whole records).
    Here the bytes before the cut are returned, and the next read meets the cut and raises, so the
    records before it are kept and the file is named as damaged (``damaged_gzip``)."""
    stream = cast(io.BufferedIOBase, fh)  # a GzipFile or a buffered file: read1 gives what is there
    out = bytearray()
    while len(out) < size:
        try:
            chunk = stream.read1(size - len(out))
        except (EOFError, zlib.error):
            if out:
                break  # said at the next read
            raise
        if not chunk:
            break
        out += chunk
    return bytes(out)


def input_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a record file (decompressed), or all a gzip file cut short
    gives before its cut when that is fewer (``read_upto``): a cut ``.csv.gz`` of less than 64 KB
    (the bytes its delimiter is chosen from) lost every record before the cut, which the file's
    own read keeps and names as damaged."""
    with open_input(path) as fh:
        try:
            return read_upto(fh, size)
        except (EOFError, zlib.error):
            return b""  # cut before its first byte: the read of the file names it


def check_size(path: Path, limits: Limits = LIMITS) -> int:
    """Refuse a one-article file that is larger than the limit before reading any of it."""
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: empty file")
    if size > limits.max_file_bytes:
        raise LimitError(
            f"{path}: file of {human_bytes(size)} is larger than the {human_bytes(limits.max_file_bytes)} limit "
            f"for one article {raise_hint('max_file_bytes')}"
        )
    return size


def damaged_gzip(path: Path, e: BaseException) -> InputError:
    """A gzip file cut short or damaged (``EOFError``, ``zlib.error``), as both engines name it; the
    records read before the damage are kept."""
    return InputError(f"{path}: damaged gzip file ({type(e).__name__}: {e})")


def cannot_read(path: Path | str, e: BaseException) -> InputError:
    """A file the system would not give (no permission, not a gzip file after all), as both
    engines name it."""
    return InputError(f"{path}: cannot read ({type(e).__name__}: {e})")


#: the byte order marks a text file may open with, and the codec that reads it (and drops the
#: mark); UTF-32's first: its little-endian mark opens with UTF-16's, and a UTF-32 file read as
#: UTF-16 was a NUL after every letter ("U\x00N\x00 \x00S...")
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_charset(head: bytes) -> str | None:
    """The codec of a text opening with a UTF-16 or UTF-32 byte order mark (``BOMS``), else ``None``
    (UTF-8's mark is ``utf-8-sig``'s business: the readers decide UTF-8 and windows-1252 alike)."""
    return next((codec for bom, codec in BOMS if head.startswith(bom)), None)


#: how a saved or fetched page opens (a BOM, comments such as a browser's "saved from url" note,
#: then the doctype or one of the first tags): what makes standard input, or a ``.txt`` file, a page
PAGE_OPENING = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean this is not text.

    A stray NUL or two in text otherwise clean (one in a thousand bytes at most, and no other
    control character past one in a hundred), as a database export or a scraper leaves in a
    field, is text: the whole file, FA-KES's 525 rows for one NUL in one, was refused as
    binary. Compressed or binary data has a control byte in ten; UTF-16 without a BOM has NUL in
    every other byte."""
    head = data[:8192]
    if not head:
        return False
    if bom_charset(head):
        return False  # UTF-16 or UTF-32 with a BOM: half its bytes or more are NUL, and ``decode`` reads it
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12, 27))
    if nul := head.count(b"\x00"):
        return nul * 1000 > len(head) or (controls - nul) * 100 > len(head)
    return controls / len(head) > 0.1


def decode(data: bytes, name: str, warn: Warn, declared: Iterable[str | None] = ()) -> str:
    """Decode text: BOMs honoured, UTF-8 expected, invalid bytes replaced with a warning.

    ``declared`` are the charsets the input names for itself (an HTTP ``Content-Type``, an HTML
    ``<meta charset>``), in order of authority. Bytes that are valid UTF-8 are read as UTF-8 whatever
    is declared (pages that say ``iso-8859-1`` and are UTF-8 are common, the reverse cannot happen by
    chance); otherwise the first declared charset Python knows decodes them: a page saved from a
    browser in windows-1252 or Latin-1 kept its accents as U+FFFD before.
    """
    if charset := bom_charset(data):
        return data.decode(charset, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        bad = e.start
    for charset in declared:
        codec = _codec(charset)
        if codec is not None:
            return data.decode(codec, errors="replace")
    text = windows_1252(data)
    if text is not None and _reads_as_latin(text):
        warn(f"{name}: not UTF-8 (byte {bad}); read as windows-1252")
        return text
    guessed = _guessed_charset(data)
    if guessed is not None:
        codec, said = guessed
        warn(f"{name}: not UTF-8 (byte {bad}); read as {said}")
        return data.decode(codec, errors="replace")
    if text is not None:
        warn(f"{name}: not UTF-8 (byte {bad}); read as windows-1252")
        return text
    warn(f"{name}: invalid UTF-8 at byte {bad}; undecodable bytes replaced with U+FFFD")
    return data.decode("utf-8-sig", errors="replace")


def _reads_as_latin(text: str) -> bool:
    """Whether ``text`` (bytes read as windows-1252) reads as a language written in it: most of
    its letters are ASCII, a few accented. Russian in windows-1251 or KOI8-R, or Arabic in
    windows-1256, read so is letters outside ASCII from end to end ("Ïðåçèäåíò Ðîññèè")."""
    letters = other = 0
    for c in text:
        if c.isalpha():
            letters += 1
            other += not c.isascii()
    return other * 4 <= letters


#: the names the warning gives the charsets ``_guessed_charset`` may find, where Python's differ
_CHARSET_NAMES = {"cp1250": "windows-1250", "cp1251": "windows-1251", "cp1253": "windows-1253", "cp1254": "windows-1254",
                  "cp1255": "windows-1255", "cp1256": "windows-1256", "cp1257": "windows-1257", "koi8_r": "KOI8-R",
                  "koi8_u": "KOI8-U", "gb18030": "GB18030", "big5": "Big5", "shift_jis": "Shift_JIS", "cp932": "Shift_JIS",
                  "euc_jp": "EUC-JP", "euc_kr": "EUC-KR", "cp949": "EUC-KR", "iso8859_6": "ISO-8859-6",
                  "mac_cyrillic": "Mac Cyrillic"}


def _guessed_charset(data: bytes) -> tuple[str, str] | None:
    """The charset a text that is not UTF-8 and does not read as windows-1252 is in, by
    ``charset_normalizer`` (trafilatura's own dependency), with its name for the warning; None
    when the bytes are UTF-8 with damage (most of their non-ASCII bytes make UTF-8 characters) or
    nothing fits. A text file of Russian or Arabic news in its local charset was stored as
    windows-1252 letters ("Ïðåçèäåíò"), and one in GBK as U+FFFD, each under a warning."""
    high = sum(1 for b in data if b >= 0x80)
    if not high or data.decode("utf-8", errors="replace").count("\ufffd") * 3 < high:
        return None  # UTF-8 damaged here and there: its replacement characters stand for a few bytes
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return best.encoding, _CHARSET_NAMES.get(best.encoding, best.encoding)


class LineDecoder:
    """A record file decoded line by line, in one charset decided for the whole file.

    Deciding from the first 64 KB (as the CSV reader did) left a big export whose only accented
    byte came later read as UTF-8, its é silently U+FFFD; decoding each JSON line on its own gave a
    warning per line. Here the file is UTF-8 until a line is not: if no multi-byte UTF-8 character
    came before it and the line reads as windows-1252 (``windows_1252``) as a Latin-script text
    does (``_reads_as_latin``), the file is that charset from there on (its lines before were
    ASCII, which both read alike); one that does not (Russian records in windows-1251) is in the
    charset the line's bytes fit (``_guessed_charset``), as a one-article file is (``decode``);
    otherwise it is UTF-8 with damage, its invalid bytes replaced. Either way one warning names
    the first such byte's offset.

    A reader that starts inside the file (a Spark task's stretch of it) passes the state the file
    is in there: ``offset`` of its first line, ``charset`` and ``multibyte`` as a decoder that read
    the lines before left them (``then``).
    """

    def __init__(self, name: str, warn: Warn, *, offset: int = 0, charset: str = "utf-8", multibyte: bool = False) -> None:
        self.name = name
        self.warn = warn
        self.offset = offset  # bytes before the next line
        self.charset = charset  # "cp1252" (or another codec) or "damaged" once a line is not UTF-8
        self.multibyte = multibyte  # a multi-byte UTF-8 character was read

    @staticmethod
    def then(before: tuple[str, bool], stretch: tuple[str, bool]) -> tuple[str, bool]:
        """The ``(charset, multibyte)`` a file is in after a stretch of its lines, from the state it
        was in ``before`` them and the state a decoder starting as UTF-8 without a multi-byte
        character left after reading them (``stretch``): one pass per stretch, in any order, then
        this in file order, gives every stretch the state a reader of the whole file has there."""
        charset, multibyte = before
        if charset != "utf-8":
            return before  # decided at an earlier line
        if not multibyte:
            return stretch  # the stretch's decoder started where the file was
        # after a multi-byte character, the first line that is not UTF-8 makes the file damaged UTF-8
        return ("utf-8" if stretch[0] == "utf-8" else "damaged"), True

    def __call__(self, line: bytes) -> str:
        at = self.offset
        self.offset += len(line)
        if at == 0 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if self.charset not in ("utf-8", "damaged"):
            return line.decode(self.charset, errors="replace")
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as e:
            if self.charset == "utf-8":  # the file's first invalid byte decides
                latin = windows_1252(line) if not self.multibyte else None
                if latin is not None and _reads_as_latin(latin):
                    self.charset = "cp1252"
                    self.warn(f"{self.name}: not UTF-8 (byte {at + e.start}); read as windows-1252")
                    return latin
                guessed = _guessed_charset(line) if not self.multibyte else None
                if guessed is not None:
                    self.charset, said = guessed
                    self.warn(f"{self.name}: not UTF-8 (byte {at + e.start}); read as {said}")
                    return line.decode(self.charset, errors="replace")
                if latin is not None:
                    self.charset = "cp1252"
                    self.warn(f"{self.name}: not UTF-8 (byte {at + e.start}); read as windows-1252")
                    return latin
                self.charset = "damaged"
                self.warn(f"{self.name}: invalid UTF-8 at byte {at + e.start}; undecodable bytes replaced with U+FFFD")
            return line.decode("utf-8", errors="replace")
        self.multibyte = self.multibyte or not text.isascii()
        return text


def windows_1252(data: bytes) -> str | None:
    """``data`` read as windows-1252 when it is that rather than damaged UTF-8: it holds no UTF-8
    byte sequence at all and every byte is a windows-1252 character. Files written on Windows
    (Latin-1 is part of it) are; their ``\x97`` is a dash, which became U+FFFD."""
    if _UTF8_SEQUENCE.search(data):
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


#: A well-formed multi-byte UTF-8 character: one in a file that is not all UTF-8 says the file is
#: UTF-8 with damage, not another charset.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _codec(charset: str | None) -> str | None:
    """Python's codec for a declared charset; ``None`` for UTF-8 (already tried), UTF-16 without a
    BOM (browsers ignore it too) and names Python does not know. Latin-1 and ASCII are read as
    windows-1252, as browsers read them (the WHATWG Encoding standard): such pages use its curly
    quotes and dashes."""
    import codecs

    if not charset:
        return None
    try:
        name = codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return None
    if name.startswith(("utf-8", "utf-16", "utf-32")):
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name


def input_hash(data: bytes) -> str:
    """The hash of an input an article is read from (``Article.input_hash``): 16 hex digits of the
    SHA-256 of its bytes, as ids are (``model.stable_id``). Of a one-article file, its bytes as
    stored (a ``.txt.gz``'s decompressed); of a record, its fields as read (``record_hash``)."""
    return hashlib.sha256(data).hexdigest()[:16]


def record_hash(record: dict[str, Any]) -> str | None:
    """A record's ``input_hash``: its fields and values as its file gives them (a CSV row's
    columns, a JSON object's members), written in one order, so the same record in an export
    written again, anywhere in it, has the same hash, and another record, or the same one
    edited, another. None for a record nested too deep to write out again: it is read, and not
    known when read again (as before hashes)."""
    try:
        written = json.dumps(record, sort_keys=True, default=str)
    except (RecursionError, ValueError, TypeError):
        return None
    return input_hash(written.encode("ascii"))


def read_text_file(
    path: Path, warn: Warn, limits: Limits = LIMITS, declared: Callable[[bytes], Iterable[str | None]] | None = None
) -> tuple[str, str]:
    """Read one small text-like file with every byte-level check applied; ``declared`` gives the
    charsets the file names for itself (``decode``). Gives the text and its bytes' ``input_hash``."""
    check_size(path, limits)
    data = path.read_bytes()
    return _text_of(data, path, warn, declared(data) if declared is not None else ()), input_hash(data)


def _text_of(data: bytes, path: Path, warn: Warn, charsets: Iterable[str | None]) -> str:
    """A one-article file's bytes as text, plain or decompressed: binary refused, then decoded."""
    if looks_binary(data):
        raise InputError(f"{path}: binary file, not text")
    return decode(data, str(path), warn, charsets)


def read_gzipped_text_file(path: Path, warn: Warn, limits: Limits = LIMITS) -> tuple[str, str, BaseException | None]:
    """A gzip-compressed one-article text file (``.txt.gz``) as ``read_text_file`` reads the plain
    one (its text, and the ``input_hash`` of the bytes decompressed: compressed again, the file is
    the same input), with the damage its gzip stream met, or None.

    The one-article limit holds for the text decompressed (a small gzip may unpack to gigabytes):
    reading stops past it. A file cut short gives its whole lines before the cut (the cut line may
    end inside a word, or inside a character) and the damage (``EOFError``, ``zlib.error``), which
    the reader raises once the article is given, so the file is named as damaged while its text
    is kept, as a cut ``.jsonl.gz`` keeps its records; cut before its first whole line, the damage
    is raised at once."""
    check_size(path, limits)  # an empty file; a large one is checked below, decompressed
    damage: BaseException | None = None
    with open_input(path) as fh:
        data = read_upto(fh, limits.max_file_bytes + 1)  # raises when cut before its first byte
        if len(data) > limits.max_file_bytes:
            raise LimitError(
                f"{path}: decompresses to more than the {human_bytes(limits.max_file_bytes)} limit for one article "
                f"{raise_hint('max_file_bytes')}"
            )
        try:
            fh.read(1)  # at the end, or at the cut ``read_upto`` stopped before
        except (EOFError, zlib.error) as e:
            damage = e
    if damage is not None:
        data = data[: data.rfind(b"\n") + 1]
        if not data.strip():
            raise damage
    if not data:
        raise InputError(f"{path}: empty file")
    return _text_of(data, path, warn, ()), input_hash(data), damage


def check_article_size(text: str, where: str, limits: Limits = LIMITS) -> None:
    if len(text) > limits.max_article_chars:
        raise LimitError(
            f"{where}: article of {counted(len(text), 'character', grouped=True)} is longer than the {limits.max_article_chars:,} "
            f"limit {raise_hint('max_article_chars')}"
        )


#: a Wayback Machine capture's address: ``https://web.archive.org/web/20161030164000/https://www.rt.com/...``
#: (the timestamp may carry a flag, ``20161030164000id_``; the archived address its scheme or not)
_WAYBACK = re.compile(r"https?://web\.archive\.org/web/\d{1,14}(?:[a-z]{2}_)?/+(.+)", re.I)


def outlet_from_url(url: str | None) -> str | None:
    """``https://www.rt.com/news/...`` -> ``rt.com``. A Wayback Machine capture's address names the
    archived page's outlet, not ``web.archive.org``: a page saved from there is named by its host
    since its site name no longer names it (``extract_html``), and its ``og:site_name`` was RT's."""
    if not url:
        return None
    archived = _WAYBACK.match(url)
    if archived:
        inner = archived.group(1)
        url = inner if "://" in inner else f"http://{inner}"
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = re.sub(r"^(?:www\d?|m|amp)\.", "", host.lower())
    return host or None


#: Zone abbreviations US and European outlets print after a time ("10:30 PM EST"); dateutil knows
#: only UTC/GMT and the machine's own zone, dropped the rest (the time kept as if local) and wrote a
#: Python ``UnknownTimezoneWarning`` to stderr for each record. Ambiguous ones (IST, CST in China)
#: are left out: their time stays without a zone, as before.
_ZONES = {
    name: hours * 3600
    for name, hours in {
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "AKST": -9, "AKDT": -8, "HST": -10, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2,
        "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
    }.items()
}
#: Unix time in seconds (9-10 digits, from 1973) or milliseconds (12-13 digits), as APIs and
#: scrapers export it; read as a count of days since 1900 by dateutil, it gave no date. Either may
#: have decimals, as pandas writes an integer column with a missing value ("1477858800000.0").
_EPOCH = re.compile(r"(\d{9,10})(?:\.\d+)?|(\d{12,13})(?:\.\d+)?")
#: A 24-hour time written without its colon, as wire copy writes it ("at 1900 GMT", "1930 GMT, 14
#: March 2017"): dateutil read the four digits as a year, so "14 March at 1900 GMT" was published in
#: 1900 (and "at 2000 GMT" in 2000). It is a time after "at", or before a zone or "hrs" unless it
#: stands where a date's year does and may be that year (``_may_be_the_year``).
_HHMM = re.compile(r"(?<![\w:./-])([01]\d|2[0-3])([0-5]\d)(?![\d:])")
_AT_BEFORE = re.compile(r"\b[Aa]t\s+$")
_CLOCK_AFTER = re.compile(r"\s*(?:GMT|UTC|" + "|".join(_ZONES) + r"|[Hh]rs|HRS|[Hh]ours|local time)\b")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: the languages whose month names make a year slot (``_year_slot``): those of the news this
#: project reads (SemEval-2022's, FA-KES's and PolNeAR's English) and of Western Europe's press.
#: Not every language dateparser knows: among its 205 locales' months are "sat" (Hausa), "sun",
#: "est", "can" and "dan", which would make "Sat 14 2030 GMT" a date in 2030
_MONTH_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "tr", "ar")


@functools.cache
def _year_slot() -> re.Pattern[str]:
    """Where a date's year stands: after a month and day or a day and month ("14 March", "13 août",
    "13. März", "13 de agosto de"), before the four digits. A month is a name dateparser reads in
    ``_MONTH_LANGUAGES`` (three letters or more): any word was one, so "Tuesday 14 2030 GMT"
    (20:30 on a Tuesday 14th) was a day in 2030 and "Sat 14 2016 UTC" 14 September 2016. Built
    on first use: importing dateparser and its data for these languages costs some 40 ms."""
    import importlib

    keys = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
    names: set[str] = set()
    for language in _MONTH_LANGUAGES:
        info = importlib.import_module(f"dateparser.data.date_translation_data.{language}").info
        names.update(name.lower().rstrip(".") for key in keys for name in info.get(key, ()))
    words = sorted((n for n in names if len(n) >= 3), key=lambda n: (-len(n), n))
    month = r"(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in words) + r")\.?"
    return re.compile(
        r"(?:(?<!\w)" + month + r"\s+\d{1,2}(?:st|nd|rd|th)?|\b\d{1,2}(?:st|nd|rd|th|\.)?\s+(?:(?:of|de)\s+)?"
        + month + r")(?:\s+de)?,?\s+$",
        re.I,
    )
#: four digits that may be the year of a date in news with a zone: none was published before 2000
#: with one, so "14 March 1900 GMT" is 19:00 on a day without a year, while "14 March 2017 GMT"
#: (20:17 as a time) keeps its year; past 2100 no year is read at all
_NEWS_YEARS = range(2000, 2101)
#: a year written elsewhere in the value (2017 in "2017-03-14", "14/03/2017"), not itself a clock
_YEAR = re.compile(r"(?<![\d:])(?:19|20)\d\d(?![\d:])")


def _is_clock(text: str, m: re.Match[str]) -> bool:
    """Whether the four digits ``m`` of ``text`` read as a time: after "at", or before a zone or
    "hrs" unless they may be the value's year (``_may_be_the_year``)."""
    before = text[max(0, m.start() - 40):m.start()]
    if _AT_BEFORE.search(before):
        return True
    return _CLOCK_AFTER.match(text, m.end()) is not None and not _may_be_the_year(text, m, before)


def _may_be_the_year(text: str, m: re.Match[str], before: str) -> bool:
    """Whether four digits before a zone are the year of the date they follow: they stand where its
    year does ("14 March 2017 GMT"), as a year news may have, and the value writes no other year
    ("14 March 2000 GMT, 2017" is 20:00 then). Digits that are neither give a date without
    a year (no date, warned of) rather than a year that is likely a time."""
    if not _year_slot().search(before) or int(m.group(0)) not in _NEWS_YEARS:
        return False
    return not any(
        y.start() != m.start()
        and not _CLOCK_AFTER.match(text, y.end())
        and not _AT_BEFORE.search(text[max(0, y.start() - 40):y.start()])
        for y in _YEAR.finditer(text)
    )


#: An offset written after UTC or GMT, as news writes it: "August 13 2016 2037 UTC+3" (a TASS
#: dateline in FA-KES, Moscow time), "GMT-5", "UTC+03:00", "UTC +3", "UTC + 3". dateutil reads
#: "UTC+3" the POSIX way, as the zone three hours behind UTC ("my time +3 is UTC"), so such a time
#: was stored 6 hours late and sorted after reports it came before; in news it is three hours ahead,
#: +03:00 (as dateparser reads it too). With a space after the sign, a day and month after the
#: digits make them a day (``_DATE_AFTER``): in "12:00 GMT - 3 March" the dash parts a time from a date.
_UTC_OFFSET = re.compile(r"(?<![A-Za-z])(?:UTC|GMT)\s?([+\-\u2212])(\s?)(\d{1,2})(?::?([0-5]\d))?(?![\d:])")
_DATE_AFTER = re.compile(r"\s*(?:[/.\-]\d|" + _MONTH + ")", re.I)
#: the widest offset of any zone (Kiribati's +14:00): "UTC+15" or "+25:00" is no zone's offset
_WIDEST_OFFSET = timedelta(hours=14)
#: an offset as ``_offsets`` writes one (or as the value did: "August 13 2016 +03:00", or without
#: its colon, "-0500", as RFC 2822 dates write it, or its minutes, "-05"), apart from the word or
#: time before it
_ISO_OFFSET = re.compile(r"(?<![\w:])[+\-\u2212](?:\d\d:\d\d|(?:0\d|1[0-4])(?:[0-5]\d)?)(?![\d:])")
#: any offset written so, whatever its hours: one wider than any zone's makes no date (``_offsets``)
_SIGNED_OFFSET = re.compile(r"(?<![\w:])[+\-\u2212](\d\d):?([0-5]\d)?(?![\d:])")


#: A zone, or UTC/GMT with an offset, that opens the value, before the date and time it gives the
#: zone of ("UTC 13 août 2016", "GMT 13 August 2016 20:37", "UTC+3 13 août 2016 20:37"): neither
#: dateutil nor dateparser reads a zone there, so such a value was no date, where "13 août 2016
#: UTC" was the day. ``_zone_last`` writes it after them, where both read it.
_LEADING_ZONE = re.compile(
    r"(?:UTC|GMT)(?:\s?[+\-\u2212]\d{1,2}(?::?[0-5]\d)?(?![\d:]))?(?![\w+\-\u2212])|(?:" + "|".join(_ZONES) + r")\b"
)


def _zone_last(text: str) -> str:
    """``text`` with the zone that opens it (``_LEADING_ZONE``) written at its end instead: a zone
    says how to read the value's clock, wherever it is written, and only there is it read."""
    m = _LEADING_ZONE.match(text)
    if m is None:
        return text
    rest = text[m.end():].lstrip(" ,")
    if rest == text[m.end():] or not rest:  # "UTC13 ...", or the zone alone: nothing to move it after
        return text
    return f"{rest} {m.group(0)}"


def _offsets(text: str) -> str | None:
    """``text`` with its UTC/GMT offsets written as ISO ones, which dateutil reads as written:
    "UTC+3" and "UTC + 3" are "+03:00", "GMT-5" "-05:00"; ``None`` when one is wider than any
    zone's ("UTC+15", "-1500", "+15:00"), which dateutil read the POSIX way, or as a time of day
    beside no other, and dateparser as a time of day."""
    wide = False

    def offset(m: re.Match[str]) -> str:
        nonlocal wide
        if m.group(2) and _DATE_AFTER.match(text, m.end()):
            return m.group(0)
        hours, minutes = int(m.group(3)), int(m.group(4) or 0)
        wide = wide or _beyond_zones(timedelta(hours=hours, minutes=minutes))
        sign = "+" if m.group(1) == "+" else "-"
        return f"{sign}{hours:02d}:{minutes:02d}"

    text = _UTC_OFFSET.sub(offset, _dash_clock(text))
    # and one written without UTC/GMT: dateutil reads it only after a time, so beside a day alone
    # "-1500" was 15:00 and "+15:00" the day, where "UTC+15" and "20:37 +15:00" are refused
    wide = wide or any(
        _beyond_zones(timedelta(hours=int(m.group(1)), minutes=int(m.group(2) or 0))) for m in _SIGNED_OFFSET.finditer(text)
    )
    return None if wide else text


#: a hyphen before a time of day no offset can be, its hours past any zone's ("-20:37"): a dash
#: written without its space after, as "13 August 2016 - 20:37" writes it with one
_DASH_CLOCK = re.compile(r"(?<![\w:])-(1[5-9]|2[0-3]):([0-5]\d)(?![\d:])")


def _dash_clock(text: str) -> str:
    """``text`` with the dash before its only time of day made a space: "13 August 2016 -20:37"
    was refused as an offset 20 hours wide, where "13 August 2016 - 20:37" is 20:37. A minus sign
    (U+2212), a time without its colon ("-2037", as RFC 2822 writes offsets) or hours an offset may
    have ("-14:30") stay offsets, and so does one after another time ("20:37 -20:37", no date)."""
    m = _DASH_CLOCK.search(text)
    if m is None or len(_DASH_CLOCK.findall(text)) > 1:
        return text
    others = _ISO_OFFSET.sub("", text[:m.start()] + text[m.end():])
    if re.search(r"\d:\d", others):
        return text
    return f"{text[:m.start()]} {text[m.start() + 1:]}"


def _beyond_zones(offset: timedelta | None) -> bool:
    """Whether ``offset`` is wider than any zone's, so that a date written with it is refused like
    any date that cannot be read: "August 13 2016 20:37 +15:00" was stored with that offset (and
    "UTC+15" as 15 hours behind UTC), an instant no clock showed, up to a day off in every order."""
    return offset is not None and abs(offset) > _WIDEST_OFFSET


def _offset_of(published: Published) -> timedelta | None:
    """``published``'s offset from UTC; one of a day or more (dateutil reads "+99" as 99 hours,
    which Python refuses to give) is taken as a day, wider than any zone's."""
    if not isinstance(published, datetime):
        return None
    try:
        return published.utcoffset()
    except ValueError:
        return timedelta(days=1)


#: a 12-hour time written with a dot, as British outlets write it ("12.37pm"): dateutil read
#: "10.37pm" to "12.37pm" as the hour alone (12:00, and "12.37am" midnight, a day), and gave "8.37pm"
#: up to dateparser, which reads it
_DOT_CLOCK = re.compile(r"(?<![\w.:/-])(1[0-2]|0?[1-9])\.([0-5]\d)(?=\s?[AaPp]\.?[Mm]\b)")


def _colon_times(text: str) -> str:
    """``text`` with its colonless 24-hour times written with a colon ("14 March at 19:00 GMT"),
    and its 12-hour times written with a dot too ("12:37pm")."""
    text = _HHMM.sub(lambda m: f"{m.group(1)}:{m.group(2)}" if _is_clock(text, m) else m.group(0), text)
    return _DOT_CLOCK.sub(r"\1:\2", text)


def parse_date_value(value: Any, *, day_first: bool = False) -> Published:
    """ISO first; then Unix time; then free-form text ("Nov 2, 2016", "4/7/2017", "Mar 14, 2023
    10:30 PM EST") through dateutil. ``day_first`` reads a slash date whose parts could be either
    way (4/7/2017) as 4 July rather than April 7; which one a file means is ``DateOrder``'s call.

    A zone or offset beside no time of day is a date: a zone says how to read a clock, and there
    is none to read, as "August 13 2016 UTC" and "August 13 2016 EST" were dates. An offset was
    not: dateutil reads one only after a time, so "August 13 2016 UTC+03:00" went to dateparser
    and came back midnight +03:00 (while "UTC+3", its colon not in the value, was the date), and
    "August 13 2016 GMT-5" was 05:00, the offset read as the time."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    parsed = parse_published(value)
    if parsed is not None:
        return None if _beyond_zones(_offset_of(parsed)) else parsed
    text = str(value).strip()
    epoch = _EPOCH.fullmatch(text)
    if epoch is not None:
        seconds = float(text) if epoch.group(1) else float(text) / 1000
        return datetime.fromtimestamp(seconds, tz=UTC)
    if not re.search(r"\d", text):
        return None
    text = _colon_times(_zone_last(text))
    written = text
    offsets = _offsets(text)
    if offsets is None:
        return None
    bare = _ISO_OFFSET.sub("", offsets)
    clock = re.search(r"\d:\d", bare) is not None  # an offset's colon is no time of day
    # beside no time written with a colon, the value without its offsets: a day stays a day, and a
    # time written otherwise ("8pm") is read again with them below
    dt = _free_form(offsets if clock else bare, written, day_first)
    if dt is not None and not clock and bare != offsets and (dt.hour, dt.minute, dt.second) != (0, 0, 0):
        # a time of day after all ("8pm", "noon", "20h37"): read again with its offsets, whichever
        # reader reads it ("noon +03:00" and "20.37 GMT+3" reach dateparser, and lost their offset)
        dt = _free_form(offsets, written, day_first)
    if dt is None:
        return None
    if dt.year < 1900 or dt.year > 2100 or _beyond_zones(_offset_of(dt)):
        return None
    if dt.hour == dt.minute == dt.second == 0 and not clock:
        return date(dt.year, dt.month, dt.day)
    return dt


def _free_form(text: str, written: str, day_first: bool) -> datetime | None:
    """``text`` read by dateutil, else (another language) by dateparser; ``None`` when neither
    reads it, or when it has no year (``written``, the value as given, does not say 1900)."""
    import warnings

    from dateutil import parser as dateparser

    default = datetime(1900, 1, 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
            dt = dateparser.parse(text, default=default, tzinfos=_ZONES, dayfirst=day_first)
    except (ValueError, OverflowError, TypeError):
        return _other_language(text) if _may_be_dated(text) else None
    if dt.year == default.year and "1900" not in written:
        # no year in the text, and the default's stood in: "14 March", "10:30 PM EST" and a
        # bare "12" were stored as published in 1900, first in every stream and story
        return None
    return dt


#: A date written day and month first, in either order, with slashes, dots or dashes (one of them
#: throughout): ``4/7/2017``, ``04/07/17``, and the ``04.07.2017`` European exports write day-first
#: and ``04-07-2017``, which dateutil read month-first as silently as a slash date.
_SLASH_DATE = re.compile(r"\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?!\d)")


def slash_order(value: Any) -> str | None:
    """How a value that opens with a slash (or dot or dash) date must be read: ``"day"`` (day
    first: 25/12/2017, 25.12.2017), ``"month"`` (12/25/2017), ``"either"`` (both parts 12 or less:
    4/7/2017, 04.07.2017); ``None`` for anything else."""
    if not isinstance(value, str):
        return None
    m = _SLASH_DATE.match(value)
    if m is None:
        return None
    first, second = int(m.group(1)), int(m.group(3))
    if first > 12 and second <= 12:
        return "day"
    if second > 12 and first <= 12:
        return "month"
    return "either" if first <= 12 and second <= 12 else None


class DateOrder:
    """How one file's slash dates are read: day or month first, decided once for the whole file.

    ``4/7/2017`` is April 7 in the US and 4 July in Europe, and dateutil read it month-first
    without a word. A file is written in one convention, so a date in it whose parts cannot be
    either way (25/12/2017, 12/25/2017) decides all of its ambiguous ones; ``scan`` gives every
    date value of the file (a second pass, made only when the file has an ambiguous date and the
    dates read before it did not already go both ways). When no date decides (or dates go both ways), the
    user's ``day_first`` is used, else month-first, and ``report`` says so once, with the count.
    """

    def __init__(self, where: str, day_first: bool | None = None, scan: Callable[[], Iterable[Any]] | None = None) -> None:
        self.where = where
        self.chosen = day_first  # the user's choice for files no date decides
        self.scan = scan
        self.seen: set[str] = set()  # the unambiguous orders met so far
        self.day_first: bool | None = None  # the order of this file's ambiguous dates, once known
        self.decided = False  # by a date of the file
        self.assumed = 0  # ambiguous dates read in an order nothing decided
        self.example: str | None = None

    def parse(self, value: Any) -> Published:
        """``parse_date_value`` in this file's order."""
        order = slash_order(value)
        if order in ("day", "month"):
            self.seen.add(order)
        if order != "either":
            return parse_date_value(value)
        if self.day_first is None:
            self._decide()
        if not self.decided:
            self.assumed += 1
            self.example = self.example or " ".join(str(value).split())[:40]
        return parse_date_value(value, day_first=bool(self.day_first))

    def _decide(self) -> None:
        # one order seen so far decides nothing yet: a later date of the file may go the other way
        # (13/02/2017 first, 02/13/2017 later), and then none decides, whatever the order of the rows
        if len(self.seen) < 2 and self.scan is not None:
            try:
                for value in self.scan():
                    order = slash_order(value)
                    if order in ("day", "month"):
                        self.seen.add(order)
                        if len(self.seen) == 2:
                            break
            except (EOFError, zlib.error):
                # a gzip file cut short: the dates before the cut decide, and the first pass names
                # the damage when it reaches it, keeping the records before it (this pass met the
                # cut first and lost them all: FA-KES's first date, 4/7/17, asks for it)
                pass
        self.decided = len(self.seen) == 1  # else none decides, or they disagree
        self.day_first = "day" in self.seen if self.decided else bool(self.chosen)

    def report(self, warn: Warn) -> None:
        """One warning for the file's ambiguous dates read in an order nothing decided (none when
        the user chose the order)."""
        if not self.assumed or self.chosen is not None:
            return
        warn(ambiguous_dates_warning(self.where, self.assumed, self.example, self.seen, bool(self.day_first)))


#: the commands that read files and so take ``--day-first``/``--month-first``
READING_COMMANDS = ("newstrace ingest", "compare", "reuse", "extract", "stance")


def ambiguous_dates_warning(
    where: str, assumed: int, example: str | None, seen: Iterable[str], day_first: bool,
    commands: Sequence[str] = READING_COMMANDS,
) -> str:
    """The warning for ``assumed`` ambiguous dates of the file ``where`` read in an order nothing
    decided; ``seen`` are the unambiguous orders its dates showed, ``commands`` those that take
    ``--day-first``/``--month-first`` (every command that reads files: it said 'newstrace
    ingest' to a user of ``compare``, which took neither). One wording for every reader: the
    Spark engine counts a file's dates over its partitions and says it the way ``DateOrder.report`` does."""
    why = "its dates go both ways" if len(set(seen)) == 2 else "no date in it has a part over 12 to decide"
    order = "day-first" if day_first else "month-first"
    named = [f"'{c}'" for c in commands]
    listed = f"{', '.join(named[:-1])} and {named[-1]}" if len(named) > 1 else named[0]
    who = f"{listed} {agreeing(len(named), 'takes', 'take')}"
    return (
        f"{where}: {counted(assumed, 'date')} such as {example!r} read {order}: their day and month could be "
        f"either way and {why}; {who} --day-first or --month-first to choose"
    )


#: a run of digits (any script's: dateparser reads Arabic-Indic ones too)
_DIGITS = re.compile(r"\d+")


def _may_be_dated(text: str) -> bool:
    """Whether ``_other_language`` could find a day, month and year in ``text``: a day and a year
    are two runs of digits at least, the month being a word ("14 mars 2023") or a third run
    ("2023年3月14日"); dateparser finds no day in a word ("le premier mars 2023"), nor a date in
    one run ("20230314 Uhr"). dateparser costs 10-20 ms on text that is no date (it tries each of
    its 205 locales in turn): 40,000 such values ("Posted by admin 3", "Updated 2 hours ago") took
    8.5 minutes, and this test turns most of them away in microseconds. On the dates of FA-KES,
    PolNeAR and of SemEval-2022's news in 10 languages, every date dateparser reads has two runs
    (``tests/test_ingest_realworld.py::test_dates_read_before_the_precheck_read_the_same``)."""
    return len(_DIGITS.findall(text, 0, 200)) >= 2


@functools.lru_cache(maxsize=4096)
def _other_language(text: str) -> datetime | None:
    """A date written in another language ("14 mars 2023", "14. März 2023 um 10:30 Uhr",
    "2023年3月14日"), which dateutil cannot read, through dateparser (htmldate's own dependency).
    Only absolute dates with day, month and year: a relative one ("vor 2 Tagen") would depend on
    the day it is read. Cached: a dataset repeats its days, and dateparser's language detection
    costs milliseconds a call."""
    import dateparser

    try:
        return dateparser.parse(
            text[:200], settings={"PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]}
        )
    except Exception:  # dateparser raises many types on odd text; an unreadable date is warned of
        return None


def make_article(
    text: str,
    *,
    fields: dict[str, Any],
    extra: dict[str, Any] | None = None,
    source: str | None,
    record: int | None,
    where: str,
    limits: Limits = LIMITS,
    warn: Warn | None = None,
    dates: DateOrder | None = None,
    own_published: Any = None,
    read_from: str | None = None,
) -> Any:
    """Assemble an ``Article`` from a body that is already clean (or deliberately raw).

    Field values come from the input (record, HTML metadata, sidecar); the outlet falls back to the
    URL's host, the id to a hash of text and URL. ``warn`` hears of a date that cannot be read
    (every local reader passes it, and the Spark engine reports the same warnings); ``dates`` reads
    the date in its file's day/month order (without it, an ambiguous slash date is month-first).
    ``own_published`` is the date the page or text itself gives, which a given ``published`` (a
    sidecar's, a record's) overrides, but for its time of day (``same_day_time``). ``read_from``
    is the ``input_hash`` of the input it was read from.
    """
    from newstrace.model import Article

    check_article_size(text, where, limits)
    if not text.strip():
        raise InputError(f"{where}: no article text")
    url = _str_or_none(fields.get("url"))
    lang = _str_or_none(fields.get("lang"))
    given_id = fields.get("id")
    if isinstance(given_id, bool | list | tuple | dict):
        # a list's first item ([1, 2] was id "1"), true's Python spelling ("True") or an object's name
        # made an id the record does not give; refused as a record without text is
        raise InputError(f"{where}: id {_as_written(given_id)[:80]} is not a text or a number")
    published = (dates.parse if dates is not None else parse_date_value)(fields.get("published"))
    if published is None and fields.get("published") not in (None, "") and warn is not None:
        warn(f"{where}: date {_as_written(fields['published'])[:80]} cannot be read; the article has no date")
    if own_published not in (None, "") and own_published != fields.get("published"):
        published = same_day_time(published, parse_date_value(own_published))
    return Article.create(
        text,
        id=_str_or_none(given_id),
        url=url,
        outlet=_str_or_none(fields.get("outlet")) or outlet_from_url(url),
        published=published,
        title=_str_or_none(fields.get("title"), words=True),
        author=_author(fields.get("author")),
        lang=lang,
        source=escaped_surrogates(source) if source else source,  # a file name that is not UTF-8
        record=record,
        meta=dict(extra or {}),
        input_hash=read_from,
    )


def same_day_time(given: Published, own: Published) -> Published:
    """The publication date of an article whose input gives ``given`` (a sidecar's or a record's
    ``published``) over the ``own`` its page or text gives: ``given``, but for a day alone on the
    day ``own`` names with its time (on its own clock, as written), which keeps that time. A
    sidecar's "2016-10-30" beside a page stamped 16:40+03:00 that day erased the time, and two
    reports of one day went in id order, in streams and in provenance; a sidecar that names
    another day, or a time, still says when the article appeared."""
    if isinstance(given, date) and not isinstance(given, datetime) and isinstance(own, datetime) and own.date() == given:
        return own
    return given


#: a UTF-16 surrogate alone: JSON's "\\ud83d" escape gives one (half of an emoji, cut in two by
#: whatever truncated the text), and no UTF-8 writer takes it
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: what a record's lone surrogates become: the replacement character, one for one, so offsets hold
LONE_SURROGATE_WARNING = "lone surrogate escape (half a character, such as an emoji cut in two) replaced by U+FFFD"


def replace_lone_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` (a record: dicts, lists, strings) with each lone surrogate replaced by U+FFFD,
    and how many there were. A record of ``"text": "... \\udcff ..."`` stopped ``extract``,
    ``compare`` and ``ingest`` with an internal error (UnicodeEncodeError) where the text was
    written out or stored; the character is replaced as an invalid byte is in a file."""
    if isinstance(value, str):
        return _LONE_SURROGATE.subn("\ufffd", value) if _LONE_SURROGATE.search(value) else (value, 0)
    if isinstance(value, dict):
        total = 0
        out: dict[Any, Any] = {}
        for k, v in value.items():
            (k2, n1), (v2, n2) = replace_lone_surrogates(k), replace_lone_surrogates(v)
            out[k2] = v2
            total += n1 + n2
        return (out, total) if total else (value, 0)
    if isinstance(value, list):
        pairs = [replace_lone_surrogates(v) for v in value]
        total = sum(n for _, n in pairs)
        return ([v for v, _ in pairs], total) if total else (value, 0)
    return value, 0


def _escaped(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c - 0xDC00:02x}" if 0xDC80 <= c <= 0xDCFF else f"\\u{c:04x}"


def _escaped_in_json(m: re.Match[str]) -> str:
    return "\\" + _escaped(m)  # inside a JSON string, its backslash is escaped


def escaped_surrogates(text: str, *, in_json: bool = False) -> str:
    """``text`` with each lone surrogate written out: a byte of a file name that is not UTF-8
    (which Python keeps as U+DC80..U+DCFF) as ``\\xe9``, any other as ``\\udNNN``.

    File names come from the file system, and a name saved in Latin-1 (``caf\\xe9.txt``) is no
    UTF-8 text: as an article's ``source`` it stopped ``ingest`` with an internal error
    (UnicodeEncodeError at SQLite), and in a ``--json`` document it was a raw byte, no UTF-8 JSON
    document at all. Written out, the name stays recognisable and every writer takes it.
    ``in_json``: ``text`` is a JSON document, whose strings hold the surrogates: the backslash is
    escaped, so that the string reads ``caf\\xe9.txt``."""
    if not _LONE_SURROGATE.search(text):
        return text
    return _LONE_SURROGATE.sub(_escaped_in_json if in_json else _escaped, text)


def _as_written(value: Any) -> str:
    """A field's value for a warning, on one line: a text quoted, anything else as JSON writes it
    (``true``, ``[1, 2]``), not as Python does (``True``)."""
    if isinstance(value, str):
        return repr(" ".join(value.split()))
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except ValueError:  # a circular structure, which no JSON file gives
        return repr(value)


def _str_or_none(value: Any, *, words: bool = False) -> str | None:
    """One line of text from a field; a list (scrapers give ``["rt.com"]``) gives its first
    text, an object its ``name`` (NewsAPI's ``"source": {"id": ..., "name": "BBC News"}``,
    schema.org's ``"author": {"@type": "Person", "name": ...}``) or none: their Python spelling
    ("['rt.com']") named no outlet, title or URL. Control characters (ESC, BEL, NUL ...), never
    part of one, are spaces (``clean.text.one_line``). ``words``: a title or an author, cleaned as
    the body is (``clean.text.clean_line``: misread bytes read as written, "Syria\x92s" was
    "Syria s"; a scraped title's zero-width space out, which stayed in it, invisible, a word of it
    no word); an id, URL or outlet keeps the key it was stored under."""
    if isinstance(value, list | tuple):
        value = next((v for v in map(_named, value) if isinstance(v, str | int | float) and str(v).strip()), None)
    value = _named(value)
    if value is None or isinstance(value, dict):
        return None
    s = clean_line(str(value)) if words else one_line(str(value))
    return s or None


def _named(value: Any) -> Any:
    """An object's ``name`` when it has one as text; anything else as it is."""
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]
    return value


def _author(value: Any) -> str | None:
    """Authors as one line; a list of names or of objects with names (schema.org) joined by
    commas: a list of objects was stored as their Python spelling."""
    if isinstance(value, list | tuple):
        return _str_or_none(", ".join(n for n in (_str_or_none(v, words=True) for v in value) if n))
    return _str_or_none(value, words=True)
