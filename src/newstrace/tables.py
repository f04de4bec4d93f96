"""Tables and lines the CLI prints on a terminal, kept whole in a narrow one.

Here rather than in ``cli/`` because ``compare/terminal.py`` (the comparison's terminal report)
lays out its articles table with the same ``ListingTable`` as the CLI's listings, and the library
must not import the CLI. Text from articles and inputs reaches a cell as one printable line
(``one_line``): a name may carry newlines or terminal escapes.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Column, Table
from rich.text import Text

from newstrace.ingest.base import escaped_surrogates

#: what ``one_line`` writes out: the control characters, newlines included, as ``\\xNN``, and
#: as ``\\uNNNN`` Unicode's line and paragraph separators and its bidirectional embeddings,
#: overrides and isolates (U+202A..U+202E, U+2066..U+2069), which turn the text after them around
#: in a terminal that lays out right-to-left text. Zero-width joiners and marks (U+200B..U+200F)
#: are left: they are part of writing (an emoji sequence, Persian words, an Arabic title's
#: direction marks).
_CONTROLS = {
    **{c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]},
    **{c: f"\\u{c:04x}" for c in [0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]},
}


def hanging(lead: str | Text, text: Text, console: Console, *, fold: bool = True) -> Text:
    """``text`` after ``lead`` (a finding's number, an indent, "note: "), its wrapped lines under
    its first word rather than at column 0: at 40 columns 'story' and 'compare' read "  1. [Number
    drift] The count of people" / "killed differs: ...", the evidence under it too, and a note
    "note: rt.com: 10 more claims only it" / "carries ..."; no line ends in the space it broke at.
    ``fold=False``: a word wider than the room is kept whole on a line of its own (a path in a
    message on stderr), not cut in two."""
    from rich._wrap import divide_line

    lead = Text(lead) if isinstance(lead, str) else lead
    room = max(console.width - lead.cell_len, 10)
    lines = text.wrap(console, room) if fold else text.divide(divide_line(str(text), room, fold=False))
    out = Text()
    for i, line in enumerate(lines):
        line.rstrip()
        out += Text("\n" if i else "") + (Text(" " * lead.cell_len) if i else lead) + line
    return out


def one_line(message: object, *, words: bool = False) -> str:
    """A message or a table cell as one printable line: a file name or record may carry newlines
    or terminal escapes.

    Messages name inputs, and inputs come from anywhere; printed raw, an ESC sequence in a file
    name would drive the terminal and a newline would split the promised one-line message. Each
    such character is written out (``\\x1b``, ``\\u202e``: ``_CONTROLS``), so a name reads as it
    is and can be found; a lone surrogate (a file name's byte that is not UTF-8) likewise.
    ``words``: the value is text to read (a title, a passage quoted from an article, a note), whose
    line breaks and tabs are its layout: each run of white space is one space first, as a reader
    takes it, not ``\\x0a``. The one way the CLI and compare's terminal report make text printable:
    compare replaced these characters by spaces, so an ESC sequence read " [2J" there.
    """
    text = escaped_surrogates(str(message))
    if words:
        text = " ".join(text.split())
    return held_by_stdout(text.translate(_CONTROLS))


def held_by_stdout(text: str) -> str:
    """``text`` with what stdout's encoding cannot hold written as its escape (``\\u2018`` on a
    Latin-1 stdout), as the stream would write it (``cli.app.printable_stdout``), but before a
    table is laid out: the stream's escape came after, and each pushed its row's borders out by
    the columns its character had been counted as."""
    encoding = getattr(sys.stdout, "encoding", None)
    if not encoding or text.isascii():
        return text
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return text
    if name.startswith("utf"):
        return text
    return text.encode(name, "backslashreplace").decode(name)



def cut(rows: list[str], width: int, most: int | None, units: str = " ", counted: bool = False) -> list[str]:
    """``rows`` of a cell ``width`` wide, at most ``most`` of them (``None``: all): the last kept ends
    with " …" where some are left out, its last words (split at ``units``: a list's phrases, "alalam
    (1),") dropped where the two do not fit, "Madaya, Kefraya, Rashidin: …", so a word or phrase is
    whole or gone; one alone that leaves no room for the mark is kept whole where it fits, "ahram
    (4),", else cut before its count or within it. ``counted``: the mark says how many are left
    out, "ahram (4), alalam (1), +3 more" ("+3" where that does not fit, and a phrase alone without
    its count where even that does not, "asharqalawsat +1"): a list's outlets, where " …" hid how
    many a story has. A brief listing (``ListingTable.brief``) gives a label or
    outlets so."""
    from rich.cells import cell_len

    if most is None or (len(rows) <= most and all(cell_len(r) <= width for r in rows)):
        return rows
    kept = rows[:most]
    words = re.split(units, kept[-1])
    total, before = (sum(len(re.split(units, r)) for r in some) for some in (rows, kept[:-1]))

    def mark(shown: int, short: bool = False) -> str:
        left = total - before - shown
        return "…" if not counted else "" if left <= 0 else f"+{left}" if short else f"+{left} more"

    while len(words) > 1 and cell_len(" ".join(words)) + 1 + cell_len(mark(len(words))) > width:
        words.pop()
    last = Text(" ".join(words))
    short = mark(len(words), short=True)
    said = next((m for m in (mark(len(words)), short) if last.cell_len + 1 + cell_len(m) <= width), None)
    name = _BEFORE_BRACKET.split(last.plain)[0]
    if said is not None:
        last.append(f" {said}" if said else "")
    elif counted and short and cell_len(name) + 1 + cell_len(short) <= width:  # "asharqalawsat +1"
        last = Text(f"{name} {short}")
    elif last.cell_len > width:  # one too wide for the line: cut before its count, or within it
        last = Text(name + " …")
        last.truncate(max(width, 1), overflow="ellipsis")
    kept[-1] = last.plain
    return kept


#: where a phrase may wrap when its column cannot hold it whole: before a bracket, its count's
_BEFORE_BRACKET = re.compile(r" (?=\()")


class Phrases:
    """A table cell of phrases (a story's outlets "rt.com (1)", "(no outlet) (1)") that wraps
    between them, never within one that fits its column: rich wrapped at any space, "rt.com (1),
    (no" / "outlet) (1)" at 80 columns, and 'list' "(no" / "outlet)" at 60. Joined by ``", "`` (or by
    ``joint`` and a space: an edge's "alaraby ->" / "ahram"), or one a line (``lines``: a date and
    an outlet). One wider than its column (a long outlet name) is wrapped as rich wraps it, and the
    column is narrowed as any wrapped one is (a cell that did not wrap widened the table past the
    terminal, which cut off the columns after it)."""

    def __init__(self, phrases: list[str], *, lines: bool = False, joint: str = ",", most: int | None = None) -> None:
        # ``most``: lines at most, the last saying how many phrases are left out, "+3 more" (``cut``)
        self.pieces = [one_line(p) + (joint if i < len(phrases) - 1 and not lines else "") for i, p in enumerate(phrases)]
        self.lines = lines
        self.most = most

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.cells import cell_len

        widths = [cell_len(p) for p in self.pieces]
        widest = max(widths, default=0) if self.lines else cell_len(" ".join(self.pieces))
        # cut to its lines, it keeps whole only the parts of its first phrase
        least = self.least_width() if self.most else max(widths, default=0)
        return Measurement(least, widest).clamp(max_width=options.max_width)

    def least_width(self) -> int:
        """Its widest phrase, each broken before a count in brackets: one wider than its column
        wraps there, "asharqalawsat" / "(1),", when a listing cannot keep its phrases whole
        (``ListingTable._narrowest``), and "(no outlet)" stays one."""
        from rich.cells import cell_len

        return max((cell_len(part) for p in self.pieces for part in _BEFORE_BRACKET.split(p)), default=0)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        from rich.cells import cell_len

        rows: list[str] = []
        for p in self.pieces:
            if rows and not self.lines and cell_len(rows[-1]) + 1 + cell_len(p) <= options.max_width:
                rows[-1] += f" {p}"
            else:
                rows.append(p)
        yield Text("\n".join(cut(rows, options.max_width, self.most, units=r"(?<=,) ", counted=True)), overflow="fold")


#: where a word may break when it is wider than its column: after a hyphen between letters or digits
_HYPHEN = re.compile(r"(?<=\w-)(?=\w)")


class Words:
    """A table cell of text to read (a story's or thread's label, a title) that wraps at its spaces
    and keeps each word whole where it fits its column, as rich does; a word wider than its column
    breaks after one of its hyphens, "Al-Qaeda-" / "affiliated,", and only a part still wider is
    folded, as rich folds it. The column is measured at its widest part, not its widest word: one
    story's "Al-Qaeda-affiliated," in the 517 articles of FA-KES dev made the table too wide for 80
    columns, and 'stories --limit 0' wrote all 361 stories as records.

    ``note``: phrases said below the text, on a line of their own, dim: a story's or thread's "(1
    article" "with no date)", which under the days of a span widened that column for every row
    (``cli.corpus``). It wraps between its phrases, and within one only where it is wider than the
    column, so the column is measured as for words."""

    def __init__(self, text: str, *, note: list[str] | None = None, most: int | None = None) -> None:
        self.words = [w for w in one_line(text).split(" ") if w]
        self.note = [one_line(p, words=True) for p in note or [] if p.strip()]
        self.most = most  # lines at most, the note's included: the text's last ends "…" where cut

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.cells import cell_len

        parts = [cell_len(p) for w in (*self.words, *" ".join(self.note).split()) for p in _HYPHEN.split(w)]
        widest = max(cell_len(" ".join(self.words)), cell_len(" ".join(self.note)))
        return Measurement(max(parts, default=0), widest).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        from rich.cells import cell_len

        width = options.max_width
        noted: list[str] = []
        if self.note:  # a phrase wider than the column wraps at its spaces
            phrases = [w for p in self.note for w in (p.split(" ") if cell_len(p) > width else [p])]
            noted = self._rows(phrases, width)
        # cut, the text keeps a line at least and the note what is left
        most = None if self.most is None else max(1, self.most - len(noted))
        text = Text("\n".join(cut(self._rows(self.words, width), width, most)), overflow="fold")
        if noted:
            text.append("\n" if self.words else "")
            text.append("\n".join(noted), style="dim")
        yield text

    @staticmethod
    def _rows(words: list[str], width: int) -> list[str]:
        """``words`` one line after another, as many a line as fit ``width``."""
        from rich.cells import cell_len

        rows: list[str] = []
        for word in words:
            if rows and cell_len(rows[-1]) + 1 + cell_len(word) <= width:
                rows[-1] += f" {word}"
            elif cell_len(word) <= width:
                rows.append(word)
            else:  # its parts, the first after the line's words where it fits, as many a line as fit
                for i, part in enumerate(_HYPHEN.split(word)):
                    space = "" if i else " "
                    if rows and cell_len(rows[-1]) + len(space) + cell_len(part) <= width:
                        rows[-1] += space + part
                    else:
                        rows.append(part)
        return rows


#: a listing's rows, one in this many of which may have a word folded to keep it a table
FOLDED_ROWS = 20

#: a listing is written brief (``ListingTable.brief``) where its whole text takes this many times
#: the brief one's lines or more, its labels a word or two a line: at a quarter more, the threads
#: of FA-KES dev's dev split at 60 columns took 194 lines where the brief took 157
BRIEF = 1.1


def _lines(segments: list[Any]) -> int:
    """The lines of a table laid out (its segments, rich's renderables)."""
    return sum(s.text.count("\n") for s in segments if isinstance(s, Segment))


def _text(segments: list[Any]) -> str:
    """The text of a table laid out (its segments), to tell whether two layouts read the same."""
    return "".join(s.text for s in segments if isinstance(s, Segment))


class ListingTable(Table):
    """A listing's table that never cuts a word it cannot wrap: a narrow terminal's.

    Below about 70 columns rich narrowed every wrapping column alike, past the widest word or
    phrase each must keep whole, then widened them back and cut the table at the terminal's edge:
    at 60 columns 'stories' read a first seen "2016-11-0" / "2" and lost its outlets past "ahram",
    'threads' cut its ids to "t47f230126…", its label gone, and 'list' lost its word counts. Its
    columns are narrowed from the widest down, none below what it must keep whole
    (``_fitted_widths``); when even that is wider than the terminal, the words of the one row in
    ``FOLDED_ROWS`` whose words are widest in a column fold there (``_narrowest``: a listing of fewer
    rows folds none), and when that is still too wide, each row is written as a record, one
    "header value" line each (``_records``), as a phone's web page stacks them. A long listing
    was records for one row's word: 'list --limit 0' on FA-KES dev at 60 columns wrote 517
    articles in 3,627 lines for the outlet "asharqalawsat" of 6 of them.

    A column ``tuck``-ed under another ("size 7" under a story's id and thread) gives the table a
    second layout where it does not fit as it is: the shorter of the two is written (the columns
    as they are on a tie), and where neither fits, records. Where the label wraps to three lines
    anyway, the line is free, and the column it leaves gives the others room: 'stories' on FA-KES
    dev took 445 lines at 58 columns as records and takes 302, 180 at 80 columns and 162, and at
    88 and more keeps its size column, its rows two or three lines.

    A ``brief`` table, the same rows with their text cut to a few lines (``cut``), is written in
    its place where the whole is taller than the terminal and takes a tenth more lines
    (``BRIEF``): at 58 to 64 columns the labels of 'stories' took a word a line, 5 to 8 lines a
    story, where the brief gives three, the label's first words over the biggest outlets. A brief
    that cuts nothing (it reads as its layout uncut, ``_uncut``) is the whole text laid out
    otherwise, and is written wherever it is shorter: at 63 and 64 columns 'threads' on FA-KES dev
    took 172 and 167 lines, its labels beside the counts' column a word or two a line, where the
    brief's three lines a thread, the counts under the id, cut no label: 157."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tucked: dict[int, int] = {}
        #: the same rows in fewer lines, their text cut (``Words``' and ``Phrases``' ``most``): written
        #: where this table (or its records) is taller than the terminal and takes ``BRIEF`` times
        #: its lines or more
        self.brief: ListingTable | None = None

    def tuck(self, column: int, under: int) -> None:
        """Let the column at index ``column`` go under the one at ``under``, as its header and its
        value ("size 7") on a line below that one's, where that makes the table shorter; both
        columns' cells are markup strings."""
        self.tucked[column] = under

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        laid = self._table(console, options)
        if laid is None:  # records, rendered to be counted
            laid = [s for part in self._records(console, options) for s in ([part] if isinstance(part, Segment) else console.render(part, options))]
        # brief where the whole does not fit the screen (the seeds' story is all there)
        short = None if _lines(laid) <= (options.height or console.height) else self.brief
        brief = None if short is None else short._table(console, options)
        # a brief that cut nothing is the whole text, in fewer lines
        if short is not None and brief is not None and _lines(brief) < _lines(laid) \
                and _text(brief) == _text(short._uncut()._table(console, options) or []):
            yield from brief
            return
        yield from brief if brief is not None and _lines(laid) >= BRIEF * _lines(brief) else laid

    def _table(self, console: Console, options: ConsoleOptions) -> list[Any] | None:
        """The table laid out in the terminal, as rich lays it out where it fits so, else the shorter
        of its columns narrowed and its ``tucked`` ones under others (the columns as they were on a
        tie), or None where neither fits."""
        widths = self._fitted_widths(console, options)
        if widths == []:  # it fits as rich lays it out
            return list(super().__rich_console__(console, options))
        laid = [] if widths is None else [list(self._laid_out(console, options, widths))]
        narrow = self._tucked()
        if narrow is not None and (tucked := narrow._fitted_widths(console, options)) is not None:
            laid.append(list(narrow._laid_out(console, options, tucked)))
        return min(laid, key=_lines) if laid else None

    def _laid_out(self, console: Console, options: ConsoleOptions, widths: list[int]) -> RenderResult:
        """The table as rich renders it, each column this wide with its padding (``[]``: as rich
        lays it out)."""
        if not widths:
            yield from super().__rich_console__(console, options)
            return
        kept = [c.width for c in self.columns]
        try:
            for column, fitted in zip(self.columns, widths, strict=True):
                column.width = fitted - self._get_padding_width(column._index)
            yield from super().__rich_console__(console, options)
        finally:
            for column, width in zip(self.columns, kept, strict=True):
                column.width = width

    def _fitted_widths(self, console: Console, options: ConsoleOptions) -> list[int] | None:
        """Each column's width with padding: ``[]`` when the table fits as it is, ``None`` when
        not even each column's narrowest fits (its widest word, or a no-wrap column's whole cell;
        else, its few rows' widest words folding, ``_narrowest``), else the widest columns
        narrowed to one width, none below its narrowest. A word is folded only where the table
        cannot keep every word whole."""
        room = options.max_width - self._extra_width
        measured = [self._measure_column(console, options, c) for c in self.columns]
        most = [m.maximum for m in measured]
        least = [m.maximum if c.no_wrap else m.minimum for m, c in zip(measured, self.columns, strict=True)]
        if sum(most) <= room:
            return []
        if sum(least) > room:  # a few rows' words fold, where the others' fit so
            least = [lo if c.no_wrap else self._narrowest(console, options, c, m) for lo, m, c in zip(least, measured, self.columns, strict=True)]
        if sum(least) > room:
            return None

        def at(level: int) -> list[int]:
            return [max(lo, min(hi, level)) for lo, hi in zip(least, most, strict=True)]

        level = max(most)
        while sum(at(level)) > room:
            level -= 1
        widths = at(level)
        for i in range(len(widths)):  # the columns still narrowed take what is left, one each
            if sum(widths) < room and widths[i] < most[i]:
                widths[i] += 1
        return widths

    def _narrowest(self, console: Console, options: ConsoleOptions, column: Column, measured: Measurement) -> int:
        """A wrapping column's narrowest width with padding: its header's widest word, and the widest
        word of its cells but those of the ``1 / FOLDED_ROWS`` rows whose words are widest, which
        fold (``Words``, rich's ``overflow="fold"``); a cell of phrases counts here by their parts
        before a count (``Phrases.least_width``): at 70 columns the stories of FA-KES dev were
        records for their outlets' "jordantimes (1),". A listing of fewer rows keeps every word whole:
        one long word of 361 stories' labels made all of them records (``Words``)."""
        padding = self._get_padding_width(column._index)
        cells = [Measurement.get(console, options, cell.renderable).minimum for cell in self._get_cells(console, column._index, column)]
        header, body = (cells[0], cells[1:]) if self.show_header else (0, cells)
        # a cell of phrases wraps at any of its spaces here
        body = [padding + raw.least_width() if isinstance(raw, Phrases) else least for least, raw in zip(body, column.cells, strict=False)]
        body = sorted(body[: self.row_count], reverse=True)
        kept = body[len(body) // FOLDED_ROWS] if body else 0
        return min(measured.minimum, max(header, kept, padding + (column.min_width or 0)))

    def _tucked(self) -> ListingTable | None:
        """The table with each ``tucked`` column a line of the cells of the column it goes under,
        or None when it has none."""
        import copy
        import dataclasses

        cells = {i: c._cells for i, c in enumerate(self.columns) if i in self.tucked or i in self.tucked.values()}
        if not self.tucked or not all(isinstance(cell, str) for column in cells.values() for cell in column):
            return None  # a line under a cell of markup text; a renderable has none
        columns = [dataclasses.replace(c, _cells=list(c._cells)) for c in self.columns]
        for i, under in self.tucked.items():
            header = " ".join(str(self.columns[i].header).split())
            columns[under]._cells = [f"{above}\n{header} {below}" for above, below in zip(columns[under]._cells, cells[i], strict=True)]
        narrow = copy.copy(self)
        narrow.tucked = {}
        narrow.columns = [c for i, c in enumerate(columns) if i not in self.tucked]
        for i, column in enumerate(narrow.columns):
            column._index = i
        return narrow

    def _uncut(self) -> ListingTable:
        """The table with no cell cut to its lines (each ``Words``' and ``Phrases``' ``most`` None,
        in a ``Group`` too): a brief's layout of the whole text."""
        import copy
        import dataclasses

        from rich.console import Group

        def whole(cell: Any) -> Any:
            if isinstance(cell, Words | Phrases) and cell.most is not None:
                cell = copy.copy(cell)
                cell.most = None
            elif isinstance(cell, Group):
                cell = Group(*map(whole, cell.renderables), fit=cell.fit)
            return cell

        uncut = copy.copy(self)
        uncut.brief = None
        uncut.columns = [dataclasses.replace(c, _cells=[whole(cell) for cell in c._cells]) for c in self.columns]
        return uncut

    def _records(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The rows as records: the title, then per row each column's header and its cell beside
        it (a header naming its cell's lines, "id / thread", a line each: "id" read as the header
        of both), a rule between rows, then the caption."""
        from rich.rule import Rule

        if self.title:
            yield console.render_str(str(self.title), style="table.title", justify="center")
        for i in range(self.row_count):
            record = Table.grid(padding=(0, 1))
            record.add_column(style="bold", no_wrap=True)
            record.add_column(overflow="fold")
            for column in self.columns:
                cell = list(column.cells)[i]
                # "id / thread" over a cell of an id and a thread: a line each, "id" and "thread"
                named = str(column.header).split(" / ") if isinstance(column.header, str) else []
                if isinstance(cell, str) and len(named) > 1 and len(named) == len(lines := cell.split("\n")):
                    for header, line in zip(named, lines, strict=True):
                        record.add_row(header, line)
                else:
                    record.add_row(column.header, cell)
            if i:  # rich's rule without a title draws "─" on a stdout that cannot hold it too, escaped there
                yield Rule(style="dim", characters="-" if options.ascii_only else "─")
            yield record
        if self.caption:
            yield console.render_str(str(self.caption), style="table.caption", justify="center")


def listing_table(title: str, caption: str | None) -> ListingTable:
    """A listing's table, at least as wide as its title and caption (as the terminal allows): rich
    wraps both to the table's width, so the outlets' narrow tables read "... --json gives every" /
    "row", and "1 of 2 outlets in /tmp/.../se" / "eds.db". One that does not fit the terminal is
    narrowed or written as records (``ListingTable``)."""
    return ListingTable(title=title, caption=caption, min_width=max(len(title), len(caption or "")) + 2)
