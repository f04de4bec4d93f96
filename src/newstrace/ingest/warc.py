"""Web archives: each HTML response (or resource) record of a ``.warc`` / ``.warc.gz`` file is one article."""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

from newstrace.errors import InputError, NewstraceError
from newstrace.ingest.base import Warn, decode, make_article
from newstrace.ingest.html import extract_html, http_charset, meta_charset, site_name
from newstrace.limits import LIMITS, Limits, human_bytes
from newstrace.model import Article, counted, page_id


def read_warc(
    path: Path,
    *,
    clean: bool = True,
    warn: Warn,
    limits: Limits = LIMITS,
    day_first: bool | None = None,
    captures: Captures | None = None,
) -> Iterator[Article]:
    """The HTML pages of an archive. ``day_first`` is taken for the readers' common signature: a
    page's date comes from its markup or the crawl, never as a slash date. ``captures`` are those
    of the run's archives (``scan_captures``), of this archive alone without them: an address's
    page is read from its latest capture only."""
    if path.stat().st_size == 0:
        raise InputError(f"{path}: empty file")
    if not _starts_like_warc(path):
        raise InputError(f"{path}: not a WARC file (it does not start with a WARC/1.x record header)")
    if captures is None:
        captures = scan_captures([path])
    read = [0]  # records read so far: the count ``_records`` keeps
    seen = _Revisits()
    try:
        with path.open("rb") as fh:
            yield from _records(fh, path, clean, warn, limits, read, skip=0, revisits=seen, captures=captures)
    except _WholeGzip:
        # ``gzip crawl.warc`` compresses the archive as one stream, not record by record: warcio
        # read its first record and stopped, and the rest was reported as 'not a WARC file'. Read
        # it again decompressed, past the records already read.
        seen = _Revisits()  # counted again from the start
        with gzip.open(path, "rb") as fh:
            yield from _records(fh, path, clean, warn, limits, [0], skip=read[0], revisits=seen, captures=captures)
    seen.report(path, warn)
    if (nothing := seen.no_pages(path)) is not None:
        raise nothing


class _Capture(NamedTuple):
    """The captures of one address in a run's archives, as ``scan_captures`` finds them."""

    archive: str  # the archive of the latest capture, the one read
    latest: int  # its number there (of the archive's response and resource records)
    latest_date: str  # its WARC-Date
    first_date: str  # the earliest capture's WARC-Date


#: an address's captures (``_Capture``), by ``WARC-Target-URI``
Captures = dict[str, _Capture]


def scan_captures(paths: Iterable[Path]) -> Captures:
    """The captures of each address the archives hold as a page (an HTML 2xx response or resource).
    A crawl that came back to a page holds it once per visit, and a crawl of each month holds it
    in each; every capture was an article, of its own text, so a page updated between visits was
    two articles and provenance had the outlet copy its own page. The latest capture (by
    ``WARC-Date``; on a tie the later record, of the later archive) is the page, and the earliest
    one's date stands in for a publication date the page does not give: the page was there by
    then. A first pass over the record headers (no payload is decoded); what a damaged archive
    holds past its damage is not here, nor read by the second pass."""
    found: Captures = {}
    for path in paths:
        for whole_gzip in (False, True):
            of_path: Captures = {}
            try:
                with gzip.open(path, "rb") if whole_gzip else path.open("rb") as fh:
                    _scan(fh, str(path), of_path)
            except _WholeGzip:
                continue  # read again as one gzip stream, as ``read_warc`` does
            except Exception:  # the damage ``_records`` names; what was met before it counts
                pass
            break
        for url, capture in of_path.items():
            before = found.get(url)
            found[url] = capture if before is None else _later(before, capture)
    return found


def _later(before: _Capture, now: _Capture) -> _Capture:
    """One address's captures, ``now`` met after ``before``."""
    latest = now if now.latest_date >= before.latest_date else before
    first = min(d for d in (before.first_date, now.first_date) if d) if before.first_date or now.first_date else ""
    return latest._replace(first_date=first)


def _scan(fh: IO[bytes] | gzip.GzipFile, archive: str, found: Captures) -> None:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    records = ArchiveIterator(fh)
    records.INC_RECORD = ""
    try:
        for rec in records:
            if rec.rec_type not in ("response", "resource"):
                continue
            number += 1
            url = rec.rec_headers.get_header("WARC-Target-URI")
            if not url or not _is_page(rec):
                continue
            when = rec.rec_headers.get_header("WARC-Date") or ""
            capture = _Capture(archive, number, when, when)
            before = found.get(url)
            found[url] = capture if before is None else _later(before, capture)
    except ArchiveLoadFailed as e:
        if "non-chunked gzip" in str(e) and number > 0:
            raise _WholeGzip from e
        raise


def _is_page(rec: Any) -> bool:
    """Whether a response or resource record holds a page: HTML, and a 2xx answer for a response."""
    http = rec.http_headers if rec.rec_type == "response" else None
    ctype = (http.get_header("Content-Type") if http else rec.rec_headers.get_header("Content-Type")) or ""
    status = http.get_statuscode() if http else "200"
    return "html" in ctype.lower() and not (status and not str(status).startswith("2"))


class _Revisits:
    """The ``revisit`` records of one archive, said in one warning at its end.

    A revisit is a crawler's note that a page was unchanged since an earlier capture: it holds no
    page, only the earlier capture's address and payload digest. Passed over without a word, the
    pages of a deduplicating crawl whose first captures are in another archive were missing from
    the database with nothing to say so. The digests and addresses of the pages read tell the
    revisits that repeat a page of this archive (nothing lost) from those that do not.
    """

    def __init__(self) -> None:
        self.targets: list[tuple[str | None, str | None]] = []  # (payload digest, URL) of each revisit
        self.digests: set[str] = set()
        self.urls: set[str] = set()
        self.pages = 0  # HTML pages met (``_is_page``), read or not
        self.others: dict[str, int] = {}  # what the archive holds besides: record types, content types
        self.nouns: set[str] = set()  # those of ``others`` counted as nouns ("1 request record", "2 request records")

    def page(self, digest: str | None, url: str | None) -> None:
        """A response or resource record of this archive."""
        if digest:
            self.digests.add(digest)
        if url:
            self.urls.add(url)

    def other(self, kind: str, n: int = 1, *, noun: bool = False) -> None:
        """A record that holds no page: its type, or its content type and any non-2xx status.
        ``noun``: the kind is a noun the count makes plural ("request record"), not a content type."""
        self.others[kind] = self.others.get(kind, 0) + n
        if noun:
            self.nouns.add(kind)

    def no_pages(self, path: Path) -> InputError | None:
        """What to say of an archive that holds no HTML page at all (a crawl of a site's images and
        scripts, a WARC of requests alone), or None: it was "no articles found" with no reason, and
        among other inputs it was passed over in silence. An archive whose only pages are revisits
        of captures elsewhere has the revisits' warning instead."""
        if self.pages or self.elsewhere():
            return None
        if self.targets:  # revisits of what it holds, none a page
            self.other("revisit record", len(self.targets), noun=True)
        held = sorted(self.others.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = ", ".join(counted(n, kind, grouped=True) if kind in self.nouns else f"{n:,} {kind}" for kind, n in held[:5]) + (", ..." if len(held) > 5 else "")
        return InputError(f"{path}: no HTML page in this web archive" + (f" (its records: {shown})" if shown else ""))

    def revisit(self, digest: str | None, url: str | None, ctype: str | None = None) -> None:
        """A revisit record; ``ctype`` the Content-Type of the HTTP header it carries, if any. One
        of an image, a script or a style sheet, which a crawl revisits on every page, is no page:
        passed over as its response is (its capture elsewhere was said to hold a page to read)."""
        kind = (ctype or "").split(";")[0].strip().lower()
        if kind and "html" not in kind:
            self.other(f"{kind} revisit", noun=True)
        else:
            self.targets.append((digest, url))

    def elsewhere(self) -> int:
        """The revisits (of pages, or of what they do not say) whose capture is not in this archive."""
        return sum(1 for digest, url in self.targets if not ((digest and digest in self.digests) or (url and url in self.urls)))

    def report(self, path: Path, warn: Warn) -> None:
        """One warning for revisits of pages captured in another archive, which are missing unless
        it is read too. Those of a page this archive holds are passed over without a word, as a
        page's other captures are: it said '...; each repeats a page of this archive', a warning
        of nothing lost, on which every ``ingest --strict`` of a deduplicating crawl exited 2."""
        elsewhere = self.elsewhere()
        if elsewhere:
            warn(f"{path}: {counted(len(self.targets), 'revisit record')} passed over (a crawler's note that a page was unchanged "
                 f"since an earlier capture, without the page); {elsewhere} of them refer to a capture not in this "
                 "archive: ingest the archive holding it to read those pages")


class _WholeGzip(Exception):
    """The archive is one gzip stream (warcio reads only gzip record by record)."""


def _records(
    fh: IO[bytes] | gzip.GzipFile,
    path: Path,
    clean: bool,
    warn: Warn,
    limits: Limits,
    read: list[int],
    skip: int,
    revisits: _Revisits,
    captures: Captures,
) -> Iterator[Article]:
    """The articles of an open archive, past its first ``skip`` response records; ``read[0]``
    counts the response records read, ``revisits`` hears of every page and revisit record; of an
    address's ``captures`` only the latest is read, its id the address's (``model.page_id``)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        records = ArchiveIterator(fh)
        # warcio writes its own multi-line warning to stderr on a bad Content-Length; silence it
        # and report one line per damaged record through ``warn`` instead
        records.INC_RECORD = ""
        damaged = 0
        for rec in records:
            if records.err_count > damaged:
                damaged = records.err_count
                if number >= skip:
                    warn(f"{path}: record after {number}: Content-Length does not match the data, archive may be damaged")
            # a page archived without its HTTP exchange (warcit, SingleFile's WARC export) is a
            # ``resource`` record whose own Content-Type says HTML: it was passed over, and an
            # archive of such pages gave 'no articles found' without a reason
            if rec.rec_type == "revisit":
                revisits.revisit(
                    rec.rec_headers.get_header("WARC-Payload-Digest"),
                    rec.rec_headers.get_header("WARC-Refers-To-Target-URI") or rec.rec_headers.get_header("WARC-Target-URI"),
                    rec.http_headers.get_header("Content-Type") if rec.http_headers else None,
                )
            if rec.rec_type not in ("response", "resource"):
                if rec.rec_type != "revisit":
                    revisits.other(f"{rec.rec_type} record", noun=True)
                continue
            revisits.page(rec.rec_headers.get_header("WARC-Payload-Digest"), rec.rec_headers.get_header("WARC-Target-URI"))
            number += 1
            read[0] = number
            http = rec.http_headers if rec.rec_type == "response" else None
            ctype = (http.get_header("Content-Type") if http else rec.rec_headers.get_header("Content-Type")) or ""
            page = _is_page(rec)
            if page:  # counted before the skip: an archive read again as one gzip stream counts from its start
                revisits.pages += 1
            else:
                status = http.get_statuscode() if http else None
                revisits.other((ctype.split(";")[0].strip().lower() or "untyped")
                               + (f" (HTTP {status})" if status and not str(status).startswith("2") else ""))
            if number <= skip or not page:
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI")
            where = f"{path}: record {number} ({url})"
            capture = captures.get(url) if url else None
            if capture is not None and (capture.archive, capture.latest) != (str(path), number):
                continue  # an earlier capture of a page read from a later one
            payload = rec.content_stream().read(limits.max_file_bytes + 1)
            if len(payload) > limits.max_file_bytes:
                warn(f"{where}: page larger than {human_bytes(limits.max_file_bytes)}, skipped")
                continue
            missing = getattr(rec.raw_stream, "limit", 0)
            if missing:
                # a cut archive ends inside a record: a partial page would pass for a short article
                warn(f"{where}: record truncated ({missing:,} of {counted(rec.length, 'byte', grouped=True)} missing), skipped")
                continue
            crawl_date = rec.rec_headers.get_header("WARC-Date")
            try:
                html = decode(payload, where, warn, [http_charset(ctype), *meta_charset(payload)])
                body, fields = extract_html(html, url, where)
                if not clean:
                    body = html
                first_crawl = capture.first_date if capture is not None and capture.first_date else crawl_date
                if not fields.get("published") and first_crawl:
                    fields["published"] = first_crawl[:10]
                if url:
                    fields["id"] = page_id(url)
                yield make_article(
                    body,
                    fields=fields,
                    extra=site_name(fields, {"crawl_date": crawl_date}),
                    source=str(path),
                    record=number,
                    where=where,
                    limits=limits,
                    warn=warn,
                )
            except NewstraceError as e:
                warn(f"{e}, skipped")
    except ArchiveLoadFailed as e:
        if "non-chunked gzip" in str(e) and number > 0:
            raise _WholeGzip from e
        raise InputError(f"{path}: not a WARC file") from e
    except Exception as e:  # warcio fails on damaged archives with many types (even AttributeError)
        # "after record 0" named no record when the first was the damaged one
        where = f"after record {number}" if number else "in its first record"
        raise InputError(f"{path}: damaged WARC {where} (cut short or malformed; warcio gave {type(e).__name__})") from e


def _starts_like_warc(path: Path) -> bool:
    """A WARC (plain or gzip-compressed) begins with ``WARC/``; anything else is not one."""
    import zlib

    with path.open("rb") as fh:
        head = fh.read(64)
        if head.startswith(b"\x1f\x8b"):
            fh.seek(0)
            try:
                with gzip.GzipFile(fileobj=fh) as gz:
                    head = gz.read(16)
            except (OSError, EOFError, zlib.error):
                return False
    return head.lstrip(b"\r\n").startswith(b"WARC/")
