"""Terminal rendering of a comparison: one summary table of the articles, then the findings.

Article data goes into ``rich`` as plain ``Text`` (never as markup), one printable line as the
CLI's listings write it (``tables.one_line``), so a hostile title cannot inject markup or drive the
terminal.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newstrace.model import (
    FINDING_TITLES,
    NO_DATE,
    arrow,
    counted,
    inner_quotes,
    label_basis,
    parse_published,
    shortened,
)
from newstrace.tables import ListingTable, Words, hanging, held_by_stdout, one_line

if TYPE_CHECKING:
    from newstrace.compare.core import Comparison

STYLES = {
    "headline_unsupported": "bold red",
    "event_drift": "bold red",
    "number_drift": "red",
    "attribution_changed": "yellow",
    "window_drift": "yellow",
    "quote_variant": "magenta",
    "unique_claim": "green",
}


def articles_table(c: Comparison) -> Table:
    """The articles, one a row. A terminal too narrow for every column narrows the widest first,
    none below its widest word, else lists each article as a record (``ListingTable``, the CLI's
    listings' table): rich narrowed every column alike, so at 60 columns the title read "‘appa" /
    "lled’" and "counts" "coun…", at 40 every header stood a letter a line, and at 80 an outlet
    read "theantimedia.o" / "rg" beside dates with a time."""
    table = ListingTable(title=counted(len(c.articles), "article"), title_justify="left")
    columns: tuple[tuple[str, dict[str, Any]], ...] = (
        ("#", {"justify": "right"}),
        ("outlet", {"overflow": "fold"}),
        ("date", {"no_wrap": True}),
        ("title", {"overflow": "fold", "ratio": 3}),
        ("words", {"justify": "right"}),
        ("quotes", {"justify": "right"}),
        ("counts", {"justify": "right"}),
    )
    for col, kw in columns:
        table.add_column(col, **kw)
    for n, a in enumerate(c.by_time(), 1):
        cl = c.claims[a.id]
        table.add_row(
            str(n),
            Text(one_line(c.label(a.id)) + (f" ({basis})" if (basis := label_basis(a)) else "")),
            day_and_time(a.published),
            Words(a.title or "(untitled)"),
            str(a.words),
            str(len(cl.quotes)),
            str(len(cl.quantities)),
        )
    return table


def day_and_time(value: date | datetime | str | None) -> str:
    """A publication date as the tables show it: the day, and under it the time of day with its
    offset as written (``09:15+03:00``). The whole ISO text, ``2016-10-30T09:15:00+03:00`` (25
    characters, never wrapped), left a title a word or a few letters a line at 80 columns; ``--json``
    and ``--html`` keep it. Stored text (``list``) is read back first; text that is no ISO date is
    shown as it is, none as ``NO_DATE`` (it was "?", where the web app says "no date")."""
    when = parse_published(value) if isinstance(value, str) else value
    if when is None:
        return value if isinstance(value, str) and value else NO_DATE
    if not isinstance(when, datetime):
        return when.isoformat()
    clock = when.strftime("%H:%M" if when.second == 0 and when.microsecond == 0 else "%H:%M:%S")
    offset = when.isoformat()[19:].lstrip(".0123456789")  # "+03:00", "" without one (fraction dropped)
    return f"{when.date().isoformat()}\n{clock}{offset}"


def note_line(note: str, console: Console) -> Text:
    """A note of the report ('compare', 'story'), its lines hanging under its first word."""
    return hanging(Text("note: ", style="yellow"), Text(held_by_stdout(one_line(note, words=True))), console)


def print_comparison(c: Comparison, console: Console, top: int = 25, table: bool = True) -> None:
    """The human report: articles (unless the caller lists them), notes, provenance edges and the
    findings by importance."""
    if table:
        console.print(articles_table(c))
    # each article's most important claims only it carries, the rest counted in a note; --top 0 all
    listed, left = (c.findings, []) if top <= 0 else c.listed()
    for note in [*c.notes, *c.unlisted_notes(left, "--top 0 or --json lists them all")]:
        console.print(note_line(note, console))
    if c.provenance:
        console.print(Text("\nprovenance", style="bold"))
        for e in c.provenance:
            src = c.label(e.source) if not e.source.startswith("external:") else f"{e.source[9:]} (external)"
            kinds = ", ".join(one_line(ev.get("type", "")) for ev in e.evidence if isinstance(ev, dict))
            way = f"  by way of {one_line(c.label(e.via))}" if e.via else ""
            console.print(hanging("  ", Text(held_by_stdout(f"{one_line(src)} {arrow(e.directed)} {one_line(c.label(e.derived))}  confidence {e.confidence:.2f}  ({kinds}){way}")), console))
    shown = listed if top <= 0 else listed[:top]
    console.print(Text(f"\nfindings ({len(listed)})", style="bold"))
    if not listed:
        console.print("  none")
    for n, f in enumerate(shown, 1):
        line = Text(f"[{FINDING_TITLES.get(f.type, f.type)}] ", style=STYLES.get(f.type, ""))
        line += Text(one_line(f.summary, words=True))
        console.print(hanging(f"{n:>3}. ", line, console))
        for ev in f.evidence[:4]:
            where = "headline" if ev.field == "title" else f"{ev.start}-{ev.end}"
            console.print(hanging(" " * 7, Text(held_by_stdout(f"{one_line(c.label(ev.article))} {where}: “{shortened(one_line(inner_quotes(ev.text), words=True), 100)}”"), style="dim"), console))
        if len(f.evidence) > 4:
            console.print(hanging(" " * 7, Text(held_by_stdout(f"… {counted(len(f.evidence) - 4, 'more evidence span')}"), style="dim"), console))
    if len(shown) < len(listed):
        # how to see them here too: the reader of the terminal report has --top at hand
        console.print(hanging("  ", Text(held_by_stdout(f"… {len(listed) - len(shown)} more (--top 0 shows all; all of them in --json and --html)"), style="dim"), console))
