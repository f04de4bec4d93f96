"""Plain ``.txt`` articles such as the seeds: a page's text copied with its header and widgets,
gzip-compressed too (``.txt.gz``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newstrace.clean.text import clean_plain_text
from newstrace.ingest.base import (
    ALIASES,
    PAGE_OPENING,
    DateOrder,
    Warn,
    check_article_size,
    make_article,
    read_gzipped_text_file,
    read_text_file,
)
from newstrace.ingest.sidecar import read_sidecar
from newstrace.limits import LIMITS, Limits
from newstrace.model import Article, published_iso


def read_txt(
    path: Path, *, clean: bool = True, warn: Warn, limits: Limits = LIMITS, day_first: bool | None = None
) -> Iterator[Article]:
    damage: BaseException | None = None
    gzipped = path.name.lower().endswith(".gz")
    if not gzipped and _is_page(path):
        # a page saved, fetched or renamed as .txt (``curl URL > a.txt``): its markup was stored as
        # the article's text, "<!DOCTYPE html>" its title. Read as the page it is (in the charset
        # its <meta> names), as standard input that opens so is
        from newstrace.ingest.html import read_html

        yield from read_html(path, clean=clean, warn=warn, limits=limits, day_first=day_first)
        return
    if gzipped:
        raw, read_from, damage = read_gzipped_text_file(path, warn, limits)
        if PAGE_OPENING.match(raw[:65536].encode("utf-8", "surrogatepass")):
            from newstrace.ingest.html import page_article

            yield page_article(
                path, raw, None, clean=clean, warn=warn, limits=limits, day_first=day_first, read_from=read_from
            )
            if damage is not None:
                raise damage
            return
    else:
        raw, read_from = read_text_file(path, warn, limits)
    # cleaning removes little from plain text: refuse an oversized body before spending time on it
    check_article_size(raw, str(path), limits)
    if _table_header(raw):
        warn(f"{path}: its first line is a table's header, tab-separated with a text column (Excel's \"Unicode Text\"), "
             "so the whole table is read as one article: name it .tsv to read an article a row")
    fields: dict[str, object] = {}
    if clean:
        c = clean_plain_text(raw)
        text = c.text
        fields = {"title": c.title, "author": c.author, "published": published_iso(c.published)}
    else:
        text = raw
        first = next((ln.strip() for ln in raw.splitlines() if ln.strip()), None)
        fields = {"title": first}
    side = read_sidecar(path, limits, warn)
    fields.update({k: v for k, v in side.items() if v not in (None, "")})
    known = {k: fields.get(k) for k in ("id", "url", "outlet", "published", "title", "author", "lang")}
    extra = {k: v for k, v in side.items() if k not in known}
    dates = DateOrder(str(path), day_first)  # a sidecar's "published": "4/7/2017"
    yield make_article(
        text, fields=known, extra=extra, source=str(path), record=None, where=str(path), limits=limits, warn=warn,
        dates=dates, read_from=read_from,
    )
    dates.report(warn)
    if damage is not None:
        raise damage  # the file is named as damaged (``read_inputs``), its text before the cut kept


def _is_page(path: Path) -> bool:
    """Whether a text file opens as a page does (``base.PAGE_OPENING``)."""
    with path.open("rb") as fh:
        return PAGE_OPENING.match(fh.read(65536)) is not None


_BODY_COLUMNS = frozenset(ALIASES["text"] + ALIASES["html"])


def _table_header(raw: str) -> bool:
    """Whether a text opens with a tab-separated table's header naming a text column, followed
    by a row of as many columns or more (a quoted text spans lines): Excel's "Unicode Text" export,
    saved as .txt, which a .tsv name reads a row an article."""
    lines = iter(ln for ln in raw[:65536].splitlines() if ln.strip())
    header, row = next(lines, ""), next(lines, "")
    cells = [c.strip().strip('"').lower() for c in header.split("\t")]
    return len(cells) > 1 and not _BODY_COLUMNS.isdisjoint(cells) and row.count("\t") >= len(cells) - 1
