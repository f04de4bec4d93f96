"""HTML pages: main text and metadata through trafilatura (the day through htmldate inside it, the
time of day from the page's markup: ``ingest.pagedate``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newstrace.clean.text import normalize_body
from newstrace.errors import InputError
from newstrace.ingest.base import (
    DateOrder,
    Warn,
    check_size,
    decode,
    input_hash,
    make_article,
    outlet_from_url,
    read_text_file,
)
from newstrace.ingest.pagedate import DATE_PARAMS, published_of
from newstrace.ingest.sidecar import read_sidecar
from newstrace.limits import LIMITS, Limits
from newstrace.model import Article

#: Fewer characters than this after extraction means the page had no article in it.
MIN_MAIN_TEXT = 40

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def meta_charset(data: bytes) -> list[str | None]:
    """The charset a page's ``<meta charset>`` or ``<meta http-equiv="Content-Type">`` declares
    (browsers look in the first 1024 bytes; saved pages put comments first, so 4 KB here)."""
    m = _META_CHARSET.search(data[:4096])
    return [m.group(1).decode("ascii")] if m else []


def http_charset(content_type: str | None) -> str | None:
    """``text/html; charset=ISO-8859-1`` -> ``ISO-8859-1``."""
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    return m.group(1) if m else None


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


def saved_from_url(html: str) -> str | None:
    """The address a browser noted when the page was saved (Chrome and Edge write
    ``<!-- saved from url=(0054)https://... -->`` before the markup)."""
    m = _SAVED_FROM.search(html[:2048])
    return m.group(1) if m else None


def extract_html(html: str, url: str | None, where: str) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of one page; ``InputError`` when the page has no main text. Without
    ``url`` the page's own saved-from note, canonical link or ``og:url`` gives it."""
    import trafilatura
    from trafilatura.utils import load_html

    url = url or saved_from_url(html)

    try:
        # parsed here, as trafilatura would, for pagedate to read the tree trafilatura is given
        # (it extracts from a copy: the markup stays whole)
        tree = load_html(html)
        if tree is None:
            raise InputError(f"{where}: HTML has no main text")
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=DATE_PARAMS,
        )
    except InputError:
        raise
    except Exception as e:  # trafilatura/lxml raise many types on hostile markup
        raise InputError(f"{where}: HTML could not be parsed ({type(e).__name__})") from e
    if doc is None:
        raise InputError(f"{where}: HTML has no main text")
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    title = d.get("title")
    raw_text = d.get("text") or ""
    lines = raw_text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        lines = lines[1:]  # trafilatura repeats the <h1> as the first body line
    text = normalize_body("\n".join(lines))
    if len(text) < MIN_MAIN_TEXT:
        raise InputError(f"{where}: HTML has no main text")
    url = url or d.get("url")
    site = d.get("sitename") or d.get("hostname")
    outlet = outlet_from_url(url) or site
    meta = {
        "title": title,
        "author": d.get("author"),
        "published": published_of(tree, d.get("date"), d.get("url")),
        "outlet": outlet,
        "url": url,
        "lang": d.get("language"),
        "site_name": site if site and outlet and site.casefold() != outlet.casefold() else None,
    }
    return text, meta


def site_name(fields: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``extra`` with the name a page gives its site (``og:site_name``, JSON-LD publisher), which
    ``extract_html`` put in ``fields``, kept as metadata where the input names no ``site_name`` of
    its own. The outlet is the page's address's host, as a text's sidecar or a record's URL names
    it: with the site name, one outlet's page and its text were two outlets ("RT International"
    and "rt.com"), each with its row in the network, and provenance had one copy the other."""
    site = fields.pop("site_name", None)
    return extra if site is None or "site_name" in extra else {**extra, "site_name": site}


def read_html(
    path: Path, *, clean: bool = True, warn: Warn, limits: Limits = LIMITS, day_first: bool | None = None
) -> Iterator[Article]:
    html, read_from = read_text_file(path, warn, limits, declared=meta_charset)
    yield page_article(path, html, None, clean=clean, warn=warn, limits=limits, day_first=day_first, read_from=read_from)


def read_mhtml(
    path: Path, *, clean: bool = True, warn: Warn, limits: Limits = LIMITS, day_first: bool | None = None
) -> Iterator[Article]:
    """A page saved by Chrome or Edge as "Webpage, Single File": a MIME archive whose first HTML
    part is the page, with its address in ``Content-Location``. (Refused as an unsupported type.)"""
    import email
    from email import policy

    check_size(path, limits)
    data = path.read_bytes()
    msg = email.message_from_bytes(data, policy=policy.compat32)
    part = next((p for p in msg.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise InputError(f"{path}: MHTML archive holds no HTML page")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise InputError(f"{path}: MHTML archive holds no HTML page")
    html = decode(payload, str(path), warn, [part.get_content_charset(), *meta_charset(payload)])
    url = part.get("Content-Location") or msg.get("Snapshot-Content-Location")
    yield page_article(
        path, html, str(url) if url else None, clean=clean, warn=warn, limits=limits, day_first=day_first,
        read_from=input_hash(data),
    )


def page_article(
    path: Path, html: str, url: str | None, *, clean: bool, warn: Warn, limits: Limits, day_first: bool | None,
    read_from: str | None = None,
) -> Article:
    """The article of one saved page: its sidecar's fields over the page's own (a sidecar may give
    a slash date, read in the order ``day_first`` says, month-first with a warning without it);
    ``read_from``, the ``input_hash`` of the file."""
    side = read_sidecar(path, limits, warn)
    text, fields = extract_html(html, side.get("url") or url, str(path))
    if not clean:
        # offsets must refer to the file's own characters: the body is the file as read
        text = html
    own = fields.get("published")  # the page's, which a sidecar's day leaves its time (``same_day_time``)
    fields.update({k: v for k, v in side.items() if v not in (None, "")})
    known = {k: fields.get(k) for k in ("id", "url", "outlet", "published", "title", "author", "lang")}
    extra = site_name(fields, {k: v for k, v in side.items() if k not in known})
    dates = DateOrder(str(path), day_first)
    article = make_article(
        text, fields=known, extra=extra, source=str(path), record=None, where=str(path), limits=limits, warn=warn,
        dates=dates, own_published=own, read_from=read_from,
    )
    dates.report(warn)
    return article
