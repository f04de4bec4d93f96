"""Plain ``.txt`` articles such as the seeds: a page's text copied with its header and widgets,
gzip-compressed too (``.txt.gz``)."""

from __future__ import annotations

import re
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
    path: Path, *, clean: bool = True, warn: Warn, limits: Limits = LIMITS, day_first: bool | None = None,
    unnamed: bool = False,
) -> Iterator[Article]:
    """One article of a text file. ``unnamed``: ``path`` is standard input's copy, which has no
    name to change: a table read as text is said to need saving as a file of its type."""
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
    table = _table_header(raw)
    if table is not None:
        kind, name = _TABLES[table]
        warn(f"{path}: its first line is a table's header, {kind}, so the whole table is read as one article: "
             f"{f'save it as a {name} file' if unnamed else f'name it {name}'} to read an article a row")
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


#: what a table's header is said as, by its delimiter, and the name that reads its rows
_TABLES = {
    "\t": ("tab-separated with a text column (Excel's \"Unicode Text\")", ".tsv"),
    ",": ("comma-separated with a text column", ".csv"),
    ";": ("semicolon-separated with a text column", ".csv"),
}
#: a column's name in a header of commas: a short name, no sentence ("Text, images and video: a guide")
_COLUMN_NAME = re.compile(r"[\w .-]{1,40}")


def _table_header(raw: str) -> str | None:
    """The delimiter of the table a text opens with: a header naming a text column, followed by a
    row of as many columns or more (a quoted text spans lines). Excel's "Unicode Text" export is
    tab-separated and saved as .txt; a CSV read as text (standard input is, a CSV by its name
    only) was one article of the whole table without a word. A header of commas or semicolons
    holds three names or more, each a short one, so that a title with commas is no header."""
    lines = iter(ln for ln in raw[:65536].splitlines() if ln.strip())
    header, row = next(lines, ""), next(lines, "")
    for delimiter in _TABLES:
        cells = [c.strip().strip('"') for c in header.split(delimiter)]
        if delimiter != "\t" and (len(cells) < 3 or not all(_COLUMN_NAME.fullmatch(c) for c in cells)):
            continue
        named = {c.lower() for c in cells}
        if len(cells) > 1 and not _BODY_COLUMNS.isdisjoint(named) and row.count(delimiter) >= len(cells) - 1:
            return delimiter
    return None
