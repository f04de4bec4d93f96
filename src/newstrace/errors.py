"""Errors a user can act on.

Library code raises these with a one-line message that names the input and the reason; the CLI
prints the message (no traceback) and exits with ``exit_code``. Anything else escaping to the CLI is
a bug and is reported as one.
"""

from __future__ import annotations

import os
import reprlib
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from newstrace.model import Article, agreeing, counted

T = TypeVar("T")
#: where a step says what it could not do and carries on (a CLI prints it, a corpus run counts it)
Warn = Callable[[str], None]


def counted_warnings(examples: Sequence[str], total: int, noun: str = "warning", after: str = "") -> list[str]:
    """The warnings kept (``examples``), and a line that counts the ``total`` others (``noun``:
    their kind, ``after``: what follows it), so a report over millions of records stays short and
    still says how much it left out: "and 1 more warning", "and 12 more files with ...", where it
    said "and 1 more warning(s)"."""
    out = list(examples)
    if total > len(out):
        out.append(f"and {counted(total - len(out), 'more ' + noun)}{after}")
    return out


class KeptWarnings:
    """The first ``keep`` warnings of a run and a count of all of them, for a report made at its end.

    A run over millions of records can warn of each one (every date that cannot be read is named):
    a list of them all grew without bound (``newstrace ingest``'s ``--json`` document, the web
    upload's answer). Whoever needs every line gets it as it is said (the CLI prints each on stderr);
    the report keeps the first few and counts the rest.
    """

    def __init__(self, keep: int, after: str = "") -> None:
        self.keep = keep
        self.after = after
        self.first: list[str] = []
        self.total = 0

    def note(self, message: str) -> None:
        """One warning (a ``Warn``)."""
        self.total += 1
        if len(self.first) < self.keep:
            self.first.append(message)

    def lines(self) -> list[str]:
        """The warnings kept, and a line counting the others."""
        return counted_warnings(self.first, self.total, after=self.after)


def see_hint(listing: str, db: str) -> str:
    """Where a mistyped id or outlet is looked up: the command that lists them (``stories``,
    ``threads``, ``outlets``, ``list``) on that database (``db``: as the command line names it).
    The CLI's unknown article, story, thread or outlet and the web app's 404s say it in these words."""
    return f"see 'newstrace {listing} --db {db}'"


def busy_hint(running: str | None = None) -> str:
    """What to do about a database another process keeps locked past the wait (``DatabaseBusy``):
    try again, and who holds it when that is knowable (``running``: the command the analysis lock
    names, ``store.lock.holder``). The CLI (exit 3) and the web app (503) say it in these words."""
    if running:
        return f"the database is busy: {running} is running on it; try again when it finishes"
    return "the database is busy: another process holds a lock on it; try again in a moment"


class NewstraceError(Exception):
    """Base for expected failures: bad input, bad database, limits exceeded."""

    exit_code = 1
    #: articles an input gave before the damage that ended it (``ingest.read_inputs`` sets it):
    #: a JSON array or a gzip file cut short keeps them, and is read in part, not skipped
    kept = 0


def input_problem(e: NewstraceError) -> str:
    """How ``ingest``, ``compare`` and the other readers of inputs name one that failed: "skipped"
    when nothing of it was read, "read in part" with the count kept when articles before the
    damage were. "skipped: a.json: invalid JSON" was said of an array whose first 3 records were
    stored, and of a cut ``.txt.gz`` whose text before the cut was."""
    return f"read in part: {kept_note(e)}" if e.kept else f"skipped: {e}"


def kept_note(e: NewstraceError) -> str:
    """The error's line, with the articles its input gave before the damage when it gave any (the
    ``skipped`` lists of ``--json`` documents and of the web's upload)."""
    if not e.kept:
        return str(e)
    return f"{e}; the {counted(e.kept, 'article')} before it {agreeing(e.kept, 'is', 'are')} kept"


class InputError(NewstraceError):
    """An input could not be read (missing, unsupported, empty, malformed)."""

    exit_code = 2


class StoreError(NewstraceError):
    """The database cannot be opened or written (not SQLite, read-only, corrupt)."""

    exit_code = 3


class PathError(NewstraceError):
    """A file the command line names to write, or its database, where none can be: in a folder
    that does not exist, or (an output) one this user cannot write in. A mistake in the command
    line, exit 2, as a folder given where a file was wanted is (``--db /tmp``), whichever option
    names it: ``--db`` in a missing folder was exit 3, ``--html`` or ``--json FILE`` there exit 1."""

    exit_code = 2


class DatabasePathError(PathError, StoreError):
    """A ``--db`` in a folder that does not exist: a ``PathError`` (exit 2) that whoever catches
    the store's errors (``StoreError``) still catches."""


def no_folder(path: object, folder: object, error: type[PathError] = PathError) -> PathError:
    """The error for a file the command line names to write (``--db`` to make, ``--html``,
    ``--json FILE``) in a folder that does not exist, in one form whichever option names it:
    ``out/r.html: cannot write (no folder out: create it, or give another file)``. The database's
    was "x.db: folder out does not exist", the same mistake in other words."""
    return error(f"{path}: cannot write (no folder {folder}: create it, or give another file)")


class AmbiguousId(StoreError):
    """An id prefix of several articles, stories or threads. The message names the first
    ``SHOWN_MATCHES`` of them with what tells them apart (a title, a label) and counts the rest,
    so the reader picks one there: it said "matches more than one story" and sent them to a
    listing of thousands. ``matches`` keeps them for a page to link (the web app's 404)."""

    def __init__(self, summary: str, matches: Sequence[tuple[str, str | None]], listed: str, more: int,
                 hint: str) -> None:
        super().__init__(f"{summary}: {listed} ({hint})")
        self.summary, self.matches, self.more, self.hint = summary, list(matches), more, hint


SHOWN_MATCHES = 5  # as the steps' warnings name their first 5 and count the rest


def ambiguous_id(subject: str, prefix: str, nouns: str, matches: Sequence[tuple[str, str | None]], total: int,
                 hint: str) -> AmbiguousId:
    """``subject`` (``story id prefix``) matching ``total`` ``nouns``, of which ``matches`` are the
    first (id, title or label), in the words the CLI and the web app both say it."""
    def named(mid: str, label: str | None) -> str:
        label = " ".join((label or "").split())
        if not label:
            return mid
        return f'{mid} "{label if len(label) <= 60 else label[:59] + "…"}"'

    shown = [named(i, label) for i, label in matches[:SHOWN_MATCHES]]
    more = total - len(shown)
    listed = ", ".join(shown) + (f" and {more} more" if more > 0 else "")
    return AmbiguousId(f"{subject} {prefix!r} matches {total} {nouns}", matches[:SHOWN_MATCHES], listed, max(more, 0), hint)


class DatabaseBusy(StoreError):
    """Another process held a lock on the database for longer than this one waits: a reader
    meets it where the writer keeps readers out (``PRAGMA locking_mode=EXCLUSIVE``, a database not
    in WAL mode while a write commits, WAL recovery). The message says so in ``busy_hint``'s words
    instead of SQLite's bare "database is locked" (which the CLI took for a bug)."""


class ArgumentError(InputError, TypeError):
    """An entry point given what it cannot take: a string or a path where it takes an ``Article``,
    a number where it takes a path or a text. Said at the call, naming the argument and what to
    give instead; passed on, the value failed deep inside ("'str' object has no attribute
    'source'"), which reads as a bug of newstrace. A ``TypeError`` too, as Python's own are."""


class UnknownArticle(InputError, KeyError):
    """An id that names no article of the result it is asked of (``Comparison.article``): where a
    bare StopIteration said nothing, and inside a generator became a RuntimeError. A ``KeyError``
    too, as a mapping's missing key is, said as its message (not a quoted repr)."""

    __str__ = Exception.__str__


def given_as(value: object) -> str:
    """What an ``ArgumentError`` says it was given: the type and a short repr (a whole article's)."""
    return f"given {type(value).__name__} {reprlib.repr(value)}"


#: what a caller with texts or files does to have articles
MAKE_ARTICLES = "newstrace.read_articles(paths) reads them, newstrace.Article.create(text) makes one of a string"


def an_instance(value: object, kind: type[T], where: str, how: str) -> T:
    """``value``, when it is a ``kind``; else ``ArgumentError`` naming ``where`` it was given, what
    it was, and ``how`` a caller makes a ``kind``."""
    if not isinstance(value, kind):
        name = kind.__name__
        raise ArgumentError(f"{where}: {given_as(value)}, not {'an' if name[0] in 'AEIOU' else 'a'} {name} ({how})")
    return value


def an_article(value: object, where: str) -> Article:
    """``value``, when it is an ``Article``; else ``ArgumentError`` naming ``where`` it was given."""
    return an_instance(value, Article, where, MAKE_ARTICLES)


def articles_of(values: object, where: str) -> Iterator[Article]:
    """The ``Article`` objects of an iterable given to ``where``, as they come: one article, a text
    or a path given in its place is refused whole (a string's characters are no articles), as is
    any item that is no article (by its index)."""
    if isinstance(values, Article | str | bytes | os.PathLike) or not isinstance(values, Iterable):
        raise ArgumentError(f"{where}: {given_as(values)}, not a list of Articles ({MAKE_ARTICLES})")
    return (an_article(v, f"{where}: item {i}") for i, v in enumerate(values))


def articles_list(values: object, where: str) -> list[Article]:
    """``articles_of`` as a list, for an entry point that reads its articles more than once."""
    return list(articles_of(values, where))


def a_text(value: object, where: str) -> str:
    """``value``, when it is a string; else ``ArgumentError`` naming ``where`` it was given."""
    if not isinstance(value, str):
        raise ArgumentError(f"{where}: {given_as(value)}, not a str")
    return value


def a_path(value: object, where: str) -> str | os.PathLike[str]:
    """``value``, when it is a path (a string or ``os.PathLike``); else ``ArgumentError``."""
    if not isinstance(value, str | os.PathLike):
        raise ArgumentError(f"{where}: {given_as(value)}, not a path (a str or a pathlib.Path)")
    return value


class LimitError(NewstraceError):
    """An input exceeds a configured limit (article size, articles per compare, upload size)."""

    exit_code = 4


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) stopped a long command; the message says what was kept and how to go on.

    A ``KeyboardInterrupt``, so that whatever catches Ctrl-C catches it; the CLI prints
    ``newstrace: interrupted (MESSAGE)`` and exits 130.
    """

    exit_code = 130
    #: how the CLI's line opens
    said = "interrupted"


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill PID``, a service manager, a container stopping), raised where a command
    that handles it is (``ingest``, ``analyze``, ``load-results``: ``cli.app.sigterm_stops``), so
    that it stops as a Ctrl-C stops it."""


class TerminatedRun(Interrupted):
    """``Interrupted``, of a SIGTERM: ``newstrace: stopped by SIGTERM (MESSAGE)``, exit 143 (128 + 15,
    as a shell reports a process SIGTERM ended)."""

    exit_code = 143
    said = "stopped by SIGTERM"


def survive_bug(warn: Warn | None, item: str, what: str, loss: str, step: Callable[[], T], fallback: Callable[[], T]) -> T:
    """``step()``; for a caller that takes warnings, a bug in it costs ``item``, not the run.

    The analysis steps meet text no test has shown them. Over a corpus, one article or pair they
    fail on would stop the run for every one after it, and, the steps being deterministic, stop
    every resumed run at the same place. So a corpus run gets ``fallback()`` and a warning naming
    the item, the error and what the item lacks (``loss``). A caller without ``warn`` (one article,
    a comparison, a fuzzer) gets the exception, so a bug is not hidden where nobody reads warnings;
    errors a user can act on (``NewstraceError``) are raised either way.
    """
    if warn is None:
        return step()
    try:
        return step()
    except NewstraceError:
        raise
    except Exception as e:  # a bug in the step: say which item, keep going
        warn(f"{item}: {what} ({type(e).__name__}: {e}); {loss} (a newstrace bug: please report it with the text)")
        return fallback()


def _others_in(folder: Path, own: Collection[str]) -> str | None:
    """What an output ``folder`` holds besides the ``own`` entries its writer replaces (the first
    three named, then how many more), or None when it holds nothing else.

    A writer that replaces its entries in a folder of someone else's files would mix into them or,
    for an entry of the same name, delete it: such a folder is refused before any work
    (``check_output_folder``). What ingest's walk leaves out is passed over, by its rule
    (``ingest.left_out``): a hidden entry (a crashed run's temporary table, the Finder's
    ``.DS_Store``) and the system's files (Windows Explorer's ``Thumbs.db``, ``desktop.ini``),
    which were refused as someone else's files.
    """
    from newstrace.ingest import left_out  # here: ingest imports this module

    if not folder.is_dir():
        return None
    others = sorted(p.name for p in folder.iterdir() if p.name not in own and not left_out(p.name))
    if not others:
        return None
    return ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")


def check_output_folder(folder: Path, own: Collection[str], *, a_file: str, holds: Callable[[str], str]) -> None:
    """Refuse (``InputError``, before any work) an output ``folder`` that is a file (``a_file`` says
    why it must be a folder) or that holds entries besides ``own`` (``holds`` words what it holds):
    Spark's ``--out`` and ``train stance --out``, each in its own words."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: {a_file}")
    shown = _others_in(folder, own)
    if shown:
        raise InputError(f"{folder}: {holds(shown)}")
