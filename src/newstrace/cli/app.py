"""The Typer application and the conventions every command follows.

Commands live in one module per feature (``cli/ingest.py``, ``cli/reuse.py`` ...) and register on
``app`` (or on the ``eval``/``train`` sub-apps) at import; ``cli/main.py`` imports them all. They stay
thin: parse options, call the library, print. ``--json`` output is exactly one JSON document on
stdout; human messages, warnings and progress go to stderr so that pipes stay clean.
"""

from __future__ import annotations

import contextlib
import errno
import inspect
import json
import os
import re
import signal
import sqlite3
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TypeVar

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text
from typer.core import TyperGroup

from newstrace.errors import (
    InputError,
    Interrupted,
    NewstraceError,
    PathError,
    Terminated,
    TerminatedRun,
    input_problem,
    kept_note,
    no_folder,
)
from newstrace.ingest import SUPPORTED, file_type
from newstrace.ingest.base import escaped_surrogates
from newstrace.limits import Limits, env_name
from newstrace.model import Article, counted
from newstrace.tables import held_by_stdout, one_line

if TYPE_CHECKING:
    from newstrace.store.sqlite import Store

#: the commands in the order a user meets them, under the panel ``newstrace --help`` lists each in:
#: a database is built and browsed (the main job), files are analysed without one, and the rest
#: serves, loads, trains and measures. Typer listed them in the order their modules were imported
#: (``stance`` and ``serve`` third and fourth, ``analyze`` after ``compare``).
COMMAND_PANELS: dict[str, tuple[str, ...]] = {
    "Build and browse a database": ("ingest", "list", "show", "analyze", "stories", "threads", "story", "outlets"),
    "Analyse files directly (nothing is stored)": ("compare", "reuse", "extract", "stance"),
    "Web app, Spark results, models and benchmarks": ("serve", "load-results", "train", "eval"),
}
_COMMAND_ORDER = [name for names in COMMAND_PANELS.values() for name in names]


class _Group(TyperGroup):
    """The root command group: its commands listed in ``COMMAND_PANELS``'s order and panels (one
    not named there, last, under Typer's "Commands"); Ctrl-C leaves a command as ``typer.Abort``
    caused by the ``KeyboardInterrupt``, which ``main`` reports. (Typer would turn it into a bare
    exit code 130, without the line saying what was kept: ``errors.Interrupted``.)"""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for panel, names in COMMAND_PANELS.items():
            for name in names:
                if name in self.commands:
                    self.commands[name].rich_help_panel = panel  # type: ignore[attr-defined]

    def list_commands(self, ctx: Any) -> list[str]:
        known = [name for name in _COMMAND_ORDER if name in self.commands]
        return known + [name for name in super().list_commands(ctx) if name not in _COMMAND_ORDER]

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as e:
            raise typer.Abort() from e


def _switches_without_a_type() -> None:
    """``--help`` lists a switch (``--json``, ``--no-clean``, ``--help``) as ``--json`` alone.

    Typer's rich help (0.2x) puts a type beside every option, ``<bool>`` for a switch too, which
    reads as if it took a value (``--json <bool>``); its plain help leaves it out for flags. The
    rich help asks ``TyperOption.display_type_rich`` for the type: a switch answers none. Where a
    Typer has no such method there is nothing to change.
    """
    from typer.core import TyperOption

    typed = getattr(TyperOption, "display_type_rich", None)
    if typed is None or getattr(typed, "newstrace_switch", False):
        return

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False) or getattr(self, "count", False):
            return None  # a switch takes no value
        return typed(self, ctx)

    display_type_rich.newstrace_switch = True  # type: ignore[attr-defined]
    setattr(TyperOption, "display_type_rich", display_type_rich)  # noqa: B010


def _arguments_typed_by_their_metavar() -> None:
    """The Arguments panel of ``--help`` lists an argument by its metavar alone (``INPUT...``,
    ``CSV``, ``ID``), as the usage line names it.

    Typer's rich help (0.2x) adds the type of the parameter's annotation, ``INPUT... <list[Path]>``,
    ``ID <str>``: Python's name for a type beside a metavar that already says what to give (an
    option's metavar takes the place of its type the same way). An argument without a metavar keeps
    its type. Where a Typer has no such method there is nothing to change.
    """
    from typer.core import TyperArgument

    typed = getattr(TyperArgument, "display_type_rich", None)
    if typed is None or getattr(typed, "newstrace_metavar", False):
        return

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if self.metavar is not None:
            return None  # the metavar in the name column says it
        return typed(self, ctx)

    display_type_rich.newstrace_metavar = True  # type: ignore[attr-defined]
    setattr(TyperArgument, "display_type_rich", display_type_rich)  # noqa: B010


def _arguments_named_in_usage_as_click_names_them() -> None:
    """Usage lines name an argument by its metavar, as the Arguments panel and a usage error do:
    ``ingest [OPTIONS] INPUT...``, ``show [OPTIONS] ID``, ``eval reuse-clough [OPTIONS] [DIR]``.

    Typer 0.29 writes a required argument in braces in the usage line alone (``show [OPTIONS]
    {ID}``, and ``{INPUT...}...`` for a metavar that says it takes several), which reads as a
    template placeholder left unfilled, in ``--help`` and above every usage error, while the panel
    and ``Missing argument 'ID'`` show the metavar as written. Here a metavar is shown as written,
    as click shows it, in brackets when the argument may be left out; an argument without one is
    named as click names it (``NAME``, ``[NAME]``, ``NAME...``). Where a Typer has no such method
    there is nothing to change.
    """
    from typer.core import TyperArgument

    named = getattr(TyperArgument, "_usage_display_name", None)
    if named is None or getattr(named, "newstrace_usage", False):
        return

    def _usage_display_name(self: Any) -> str:
        if self.metavar is not None:
            return str(self.metavar) if self.required else f"[{self.metavar}]"
        name = str(self.name).upper()
        if not self.required:
            name = f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    _usage_display_name.newstrace_usage = True  # type: ignore[attr-defined]
    setattr(TyperArgument, "_usage_display_name", _usage_display_name)  # noqa: B010


#: what to give an argument that takes several values, by its metavar: the missing-argument error
#: says it (``_missing_arguments_say_what_to_give``) and the Arguments panel opens with it
ARGUMENT_TAKES = {"INPUT...": "files or folders"}


def _missing_arguments_say_what_to_give() -> None:
    """A missing argument that takes several values says what to give: ``Missing argument
    'INPUT...'. Give one or more files or folders.``

    Typer's error named it alone, ``Missing argument 'INPUT...'.``, an ellipsis in quotes that
    reads as a placeholder to be typed, after ``newstrace ingest`` with no input. Typer asks the
    argument's ``get_missing_message`` for a sentence to add (as it lists an option's choices); an
    argument that takes one value adds none, as before. Where a Typer has no such method there is
    nothing to change.
    """
    from typer.core import TyperArgument

    missing = getattr(TyperArgument, "get_missing_message", None)
    if missing is None or getattr(missing, "newstrace_give", False):
        return

    def get_missing_message(self: Any, ctx: Any) -> str | None:
        if self.nargs == 1:
            return missing(self, ctx)
        what = ARGUMENT_TAKES.get(str(self.metavar))
        return f"Give one or more {what}." if what else "Give one or more."

    get_missing_message.newstrace_give = True  # type: ignore[attr-defined]
    setattr(TyperArgument, "get_missing_message", get_missing_message)  # noqa: B010


def _help_paragraphs_rewrapped() -> None:
    """``--help`` rewraps each paragraph of a command's docstring to the terminal's width, as
    click's plain help does: a line break in the source is a space.

    Typer's rich help (0.29) does so for the first paragraph alone and keeps every line break of
    the others, which rich then wraps again around them: ``ingest --help`` read "... keeps every
    batch it reported and a" / "re-run adds only the rest." wherever the terminal was wider than
    the source's lines, and narrower ones cut a sentence twice. Paragraphs stay apart; one that
    starts with ``\\b`` keeps its lines, as click keeps them, and Markdown help, which rewraps
    itself, is left alone. Where a Typer has no such function there is nothing to change.
    """
    from typer import rich_utils

    joined = getattr(rich_utils, "_fix_linebreaks", None)
    if joined is None or getattr(joined, "newstrace_rewrap", False):
        return

    def _fix_linebreaks(paragraphs: list[str], markup_mode: Any) -> str:
        if markup_mode != "markdown":
            paragraphs = [p if p.startswith("\b") else " ".join(p.split("\n")) for p in paragraphs]
        return str(joined(paragraphs, markup_mode))

    _fix_linebreaks.newstrace_rewrap = True  # type: ignore[attr-defined]
    setattr(rich_utils, "_fix_linebreaks", _fix_linebreaks)  # noqa: B010


def _command_lists_rewrapped() -> None:
    """A group's Commands panel (``newstrace --help``, ``eval --help``) rewraps each command's first
    paragraph, as ``_help_paragraphs_rewrapped`` rewraps a command's own help.

    Typer's rich help (0.29) lists a command by its first paragraph with the source's line breaks
    kept (``_make_command_help`` joins them only for other markup modes), so ``compare`` read
    "... what each outlet says that the others don't, where they" / "disagree, and who took what
    from whom." on a terminal of any width. A paragraph that starts with ``\\b`` keeps its lines,
    and Markdown help, which rewraps itself, is left alone. Where a Typer has no such function
    there is nothing to change.
    """
    import inspect

    from typer import rich_utils

    listed = getattr(rich_utils, "_make_command_help", None)
    if listed is None or getattr(listed, "newstrace_rewrap", False):
        return

    def _make_command_help(*, help_text: str, markup_mode: Any) -> Any:
        if markup_mode != "markdown":
            first, *rest = inspect.cleandoc(help_text).split("\n\n")
            if not first.startswith("\b"):
                help_text = "\n\n".join([" ".join(first.split("\n")), *rest])
        return listed(help_text=help_text, markup_mode=markup_mode)

    _make_command_help.newstrace_rewrap = True  # type: ignore[attr-defined]
    setattr(rich_utils, "_make_command_help", _make_command_help)  # noqa: B010


def _option_names_are_no_values() -> None:
    """An option that takes a value, followed by another option of its command, is a usage error
    (exit 2) naming both: ``list --limit --db X`` says ``--limit needs a number, got the option
    --db``.

    click's parser takes the next word as the value whatever it is: ``ingest examples --db
    --json`` stored the seeds in a database file named ``--json`` and printed a table, ``list
    --db --limit 3`` opened a database ``--limit`` and refused the stray ``3``, and ``list --limit
    --db X`` said only that ``--db`` is no number. Every command's parser is made here, so every
    option that takes a value refuses so, none by a check of its own. A word that is no option of
    the command stays a value (``--top -1`` is refused by its range, a file named ``-`` is
    standard input), and a value written into the option's own word (``--claim=--json``) is the
    user's, whatever it reads. Where a Typer has no such parser there is nothing to change.
    """
    from typer.core import TyperCommand

    try:
        from typer._click.exceptions import BadOptionUsage
        from typer._click.parser import _OptionParser
    except ImportError:
        return
    made = getattr(TyperCommand, "make_parser", None)
    if made is None or getattr(made, "newstrace_values", False):
        return
    if not all(hasattr(_OptionParser, name) for name in ("_process_opts", "_get_value_from_state")):
        return

    class _Parser(_OptionParser):
        #: whether the option word being read carries its value (``--limit=5``, ``-n5``)
        _attached = False

        def _process_opts(self, arg: str, state: Any) -> None:
            self._attached = "=" in arg or (not arg.startswith("--") and len(arg) > 2)
            super()._process_opts(arg, state)

        def _get_value_from_state(self, option_name: str, option: Any, state: Any) -> Any:
            if option.nargs == 1 and not state.rargs:  # click: "Option '--limit' requires an argument."
                raise BadOptionUsage(option_name, _needs_a_value(self.ctx, option_name, option.obj, None), ctx=self.ctx)
            word = state.rargs[0] if state.rargs and option.nargs == 1 and not self._attached else None
            if isinstance(word, str) and word.startswith("-"):
                named = word.split("=", 1)[0] if word.startswith("--") else word
                if named in self._long_opt or named in self._short_opt:
                    raise BadOptionUsage(option_name, _needs_a_value(self.ctx, option_name, option.obj, named), ctx=self.ctx)
            return super()._get_value_from_state(option_name, option, state)

    def make_parser(self: Any, ctx: Any) -> Any:
        parser = _Parser(ctx)
        for param in self.get_params(ctx):
            param.add_to_parser(parser, ctx)
        return parser

    make_parser.newstrace_values = True  # type: ignore[attr-defined]
    setattr(TyperCommand, "make_parser", make_parser)  # noqa: B010


def _needs_a_value(ctx: Any, flag: str, param: Any, other: str | None) -> str:
    """What ``_option_names_are_no_values`` says: the option, what it takes (a number for one
    declared with ``ranged``, else its metavar) and the option found in its place, or that the
    command line ends after it (``other`` None: click said "Option '--limit' requires an
    argument.", without the usage lines every other usage error shows)."""
    try:
        number = ctx is not None and param.name in declared_bounds(ctx.command)
    except Exception:  # a command whose callback has no annotations to read
        number = False
    what = "a number" if number else f"a value ({param.metavar})" if getattr(param, "metavar", None) else "a value"
    if other is None:
        return f"{flag} needs {what}, got nothing after it"
    if number:
        return f"{flag} needs a number, got the option {other}"
    return f"{flag} needs {what}, got the option {other} (to give that word as its value, write {flag}={other})"


_switches_without_a_type()
_option_names_are_no_values()
_arguments_typed_by_their_metavar()
_arguments_named_in_usage_as_click_names_them()
_missing_arguments_say_what_to_give()
_help_paragraphs_rewrapped()
_command_lists_rewrapped()

app = typer.Typer(
    cls=_Group,
    name="newstrace",
    help="Trace how a news story travels between outlets and what changed on the way.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Benchmarks on the shared datasets; print figures (--json for a document).", no_args_is_help=True)
train_app = typer.Typer(help="Train the models newstrace ships, into a folder you name.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

class _Console(Console):
    """A rich console that leaves a closed pipe (``newstrace list | head``) to ``cli/main.py``.

    rich's own handling exits with status 1 on the spot; every other write (``emit_json``,
    ``print``) raises ``BrokenPipeError``, which ``main`` turns into one quiet exit for all.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True  # nothing more from this console: its reader is gone
        raise BrokenPipeError(errno.EPIPE, "the reader of the output has gone")

    def render_str(self, text: str, **kwargs: Any) -> Text:
        """A string printed, as a table cell is (``tables.one_line``), with what stdout cannot hold
        written as its escape before it is wrapped: the stream's escape came after, and a line of
        curly quotes ran past the terminal's width by five columns a quote."""
        return super().render_str(held_by_stdout(text), **kwargs)


#: the label a message on stderr starts with, its other lines hanging under the word after it on a
#: terminal (``_Stderr``): "newstrace: " (an error, a stop, a skip), "warning: ", or the file or
#: database it is of, "feed.csv: ", "F:300: " (where that takes no more than a third of the width)
_LABEL = re.compile(r"(?:newstrace|warning): |\S+: (?=\S)")


class _Stderr(_Console):
    """The console of warnings, progress and errors: each message one line however long, as a log or
    ``grep`` wants it (rich wraps at the terminal's width, 80 columns when stderr is a file or pipe,
    which split ``analyze``'s summary before its story count); on a terminal, a message wider than it
    wraps at its words, its lines hanging under the word after its label (``tables.hanging``), "newstrace:
    error: /data/feeds/2016/ahram.csv:" / "           no such file or folder", where the terminal broke
    it mid-word at its edge and went on at column 0; "DB: 1 added, 0 updated, 0" / "    already present"
    under its count. A word wider than the room, a long path, is kept whole, not cut in two."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        if (len(objects) == 1 and isinstance(said := objects[0], str) and "\n" not in said and self.is_terminal
                and cell_len(said) > self.width):
            from newstrace.tables import hanging

            text = self.render_str(said, markup=kwargs.get("markup"), highlight=False)
            label = _LABEL.match(text.plain)
            if label and label.group() not in ("newstrace: ", "warning: ") and cell_len(label.group()) > self.width // 3:
                label = None
            lead, body = text.divide([label.end()]) if label else (Text(), text)
            objects = (hanging(lead, body, self, fold=False),)
            kwargs["soft_wrap"] = True  # wrapped here: rich must not wrap it again
        super().print(*objects, **kwargs)


#: human output (tables, reports)
out = _Console(highlight=False, soft_wrap=False)
#: warnings, progress and errors (``_Stderr``)
err = _Stderr(stderr=True, highlight=False, soft_wrap=True)

DEFAULT_DB = Path("newstrace.db")


def _readable(ctx: typer.Context, param: Any, value: Path | None) -> Path | None:
    """A path parameter's read check (``path_argument``, ``path_option``): a file or folder that
    exists and cannot be read is a bad input (exit 2), one line naming it (with its option) and the
    reason, in the words ``ingest`` skips an unreadable input with.

    Typer checks read permission itself unless told not to, with a usage error of its own words
    ("Invalid value for '--fnc': path 'x' is not readable." under the usage lines), while a missing
    path was said by each command in one line with the project's exit code. A missing path is left
    to the command, which says what it expected there. Only regular files and folders are opened
    (a FIFO would wait for its writer), and a folder is listed, as its readers list it."""
    import os
    import stat

    from newstrace.ingest.base import cannot_read

    if value is None or str(value) == "-":
        return value
    label = f"{param.opts[0]} {value}" if getattr(param, "param_type_name", "") == "option" else str(value)
    try:
        mode = os.stat(value).st_mode
        if stat.S_ISDIR(mode):
            with os.scandir(value):
                pass
        elif stat.S_ISREG(mode):
            os.close(os.open(value, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
    except FileNotFoundError:
        return value  # the command says what it expected there
    except OSError as e:
        raise cannot_read(label, e) from e
    return value


def path_argument(**kwargs: Any) -> Any:
    """``typer.Argument`` for a file or folder a command reads: ``_readable``'s check in place of Typer's."""
    return typer.Argument(readable=False, callback=_readable, parser=_path(kwargs.get("metavar", "PATH"), "give a file or folder"), **kwargs)


def _path(name: str, wanted: str) -> Callable[[str], Path]:
    """A path parameter's parser: its text as a ``Path``, an empty text refused as a bad command
    line (exit 2) naming the parameter. ``Path("")`` is ``Path(".")``: ``--db ""`` (an unset shell
    variable, ``--db "$DB"``) was named "--db .: a folder", and ``ingest ""`` read the current
    folder, as if the user had named it."""

    def parse(text: str) -> Path:
        if isinstance(text, Path):  # a default given as a Path
            return text
        if text == "":
            raise InputError(f"{name} '': an empty path; {wanted}")
        return Path(text)

    return parse


def path_option(*names: str, **kwargs: Any) -> Any:
    """``typer.Option`` for a file or folder a command reads: ``_readable``'s check in place of Typer's.
    An option naming a file the command writes takes ``readable=False`` alone (the writer says what
    stops it)."""
    flag = next((n for n in names if n.startswith("--")), "PATH")
    return typer.Option(*names, readable=False, callback=_readable, parser=_path(flag, "give a file or folder"), **kwargs)


def _not_a_folder(what: str) -> Callable[[typer.Context, Any, Path | None], Path | None]:
    """A file parameter's folder check (``--db``, ``compare --json/--html FILE``): a folder where
    ``what`` was wanted is a bad command line (exit 2), one line naming the option.

    Typer's ``dir_okay=False`` said it as a usage error of its own words under the usage lines
    ("Invalid value for '--db' (env var: 'NEWSTRACE_DB'): file 'x' is a directory."), where every
    other refused path is one line with the project's exit code."""

    def check(ctx: typer.Context, param: Any, value: Path | None) -> Path | None:
        if value is not None and str(value) != "-" and value.is_dir():
            raise InputError(f"{param.opts[0]} {value}: a folder, not {what}")
        return value

    return check


def output_option(*names: str, **kwargs: Any) -> Any:
    """``typer.Option`` for a file a command writes (``FILE`` or ``-`` for stdout): no read check
    (the writer says what stops it), and a folder refused before any work (``_not_a_folder``)."""
    flag = next((n for n in names if n.startswith("--")), "FILE")
    return typer.Option(
        *names, readable=False, callback=_not_a_folder("a file (give a file's name, or '-' for stdout)"),
        parser=_path(flag, "give a file's name, or '-' for stdout"), **kwargs
    )


DbOption = Annotated[
    Path,
    # a database the user cannot read is the store's to say (exit 3, as one it cannot write):
    # Typer's check made it a usage error
    typer.Option("--db", metavar="DB", help="SQLite database file.", envvar="NEWSTRACE_DB", readable=False,
                 callback=_not_a_folder("a database file (give the SQLite file, or a new file's name)"),
                 parser=_path("--db", "give the SQLite database file, or a new file's name")),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout and nothing else.")]
NoCleanFlag = Annotated[
    bool,
    typer.Option("--no-clean", help="Keep text exactly as read, so offsets refer to the file's own characters."),
]
#: what ``-`` is read as (``ingest._read_stdin``), in INPUT's help, which said "as one article
#: (text, or a page's HTML)" after standard input had come to be read as records and web archives
#: too (docs/input-formats.md, *Standard input*): ``jq -c '.[]' export.json | newstrace ingest -`` stores one article a record
STDIN_READ = ("the file it would be: JSON records (one article each) or a web archive, gzipped or not, as such files are, "
              "else one article (text, gzipped or not, or a page's HTML)")
InputsArg = Annotated[
    list[Path],
    typer.Argument(metavar="INPUT...", help=f"{ARGUMENT_TAKES['INPUT...'].capitalize()}: {SUPPORTED}; '-' reads standard input as {STDIN_READ}.",
                 # not Typer's check of read permission, a usage error that read nothing: an input the
                 # user cannot read is skipped with the reason, as a missing one is (ingest.read_inputs)
                 show_default=False, readable=False,
                 parser=_path("INPUT", "name a file or folder, or '-' for standard input")),
]


def json_text(obj: Any) -> str:
    """One JSON document as text, UTF-8 whatever it holds: a lone surrogate (a file name that is
    not UTF-8, named in ``skipped`` or a warning) is written out as ``escaped_surrogates`` writes
    it, the string ``caf\\xe9.txt``, where it was a raw byte (or, on a strict stdout, an internal error)."""
    return escaped_surrogates(json.dumps(obj, ensure_ascii=False, indent=2, default=str), in_json=True)


def emit_json(obj: Any) -> None:
    """Write one JSON document to stdout; stable key order so re-runs are byte-identical."""
    write_document(json_text(obj) + "\n")


def _utf(encoding: str | None) -> bool:
    """Whether a stream in ``encoding`` can hold every character: a UTF."""
    return (encoding or "").lower().replace("-", "").replace("_", "").startswith("utf")


def write_document(text: str) -> None:
    """A document (JSON, an HTML report) on stdout, in UTF-8 whatever stdout's encoding.

    A JSON document is UTF-8 (RFC 8259), and the HTML report says ``charset=utf-8``; on a stdout
    in another encoding (``PYTHONIOENCODING=latin-1``, a Latin-1 locale, a redirected stdout on
    Windows, cp1252) the first curly quote of an article stopped the command as an internal error,
    UnicodeEncodeError, exit 70. Its bytes go to the stream beneath (a test's text buffer, which
    has none, takes the text)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or _utf(getattr(sys.stdout, "encoding", None)):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()  # anything printed before goes first
    buffer.write(text.encode("utf-8", "backslashreplace"))
    buffer.flush()


def printable_stdout() -> None:
    """Let the tables and reports printed on a stdout that is no UTF (``write_document``) write
    a character it cannot hold as its escape, ``\\u2018``, rather than stop as an internal error
    (stderr does so already: Python opens it with ``backslashreplace``)."""
    if not _utf(getattr(sys.stdout, "encoding", None)) and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")


def given(ctx: typer.Context, name: str) -> bool:
    """Whether the option whose parameter is ``name`` was given on the command line.

    Not its value: a default may be typed out, and an environment variable (``NEWSTRACE_DB``) is
    ambient, not a choice made for this command.
    """
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "COMMANDLINE"


def only_with(ctx: typer.Context, options: dict[str, str], reason: str) -> None:
    """A usage error (exit 2) naming each option given that means nothing here.

    ``options`` maps parameter names to the options' spelling; ``reason`` says what they need,
    e.g. "only with --engine spark". Silently ignoring them would run something else than asked.
    """
    wrong = [flag for name, flag in options.items() if given(ctx, name)]
    if wrong:
        ctx.fail(f"{', '.join(wrong)}: {reason}")


DayFirstFlag = Annotated[
    bool,
    typer.Option(
        "--day-first",
        help="Read a slash date whose day and month could be either way (4/7/2017) day-first, as 4 July, in a "
        "file where no date decides it (a date such as 25/12/2017 or 12/25/2017 sets the order for its whole "
        "file). Without it or --month-first, such dates are read month-first and a warning per file counts them.",
    ),
]
MonthFirstFlag = Annotated[
    bool,
    typer.Option(
        "--month-first",
        help="Read such dates month-first, as April 7, without the warning (not with --day-first).",
    ),
]


def date_order(ctx: typer.Context, day_first: bool, month_first: bool) -> bool | None:
    """The order ``--day-first`` or ``--month-first`` chose for a date whose day and month could be
    either way (``day_first=`` of ``read_inputs``), or None for neither (``ingest``, ``analyze
    --engine spark``).

    Both is a usage error (exit 2), said before any input is read: as one click flag pair
    (``--day-first/--month-first``) the last one given won without a word, so a command line that
    contradicts itself read every such date one way.
    """
    if day_first and month_first:
        ctx.fail("--day-first and --month-first contradict each other: give one of them")
    return True if day_first else False if month_first else None


def out_of_range(ctx: typer.Context, checks: list[tuple[str, float | str, bool, str]]) -> None:
    """A usage error (exit 2) naming every option out of range with the value given.

    ``checks``: ``(flag, value, in_range, expected)``, e.g. ``("--claim", claim, bool(claim.strip()),
    "a headline or a sentence, not blank")``; a numeric option is checked through it by
    ``check_ranges``, from the ``Bounds`` it is declared with, not by a call of its own. All of them at once, before any input is read: fixing one and meeting the next on
    the following run (or a missing input instead) wastes a turn. A word is written as a shell
    would take it back (``shlex.quote``): an empty ``--split ''`` said "--split : expected ...",
    naming nothing, and ``--split 'a b'`` read as the flag's value ``a`` and a stray ``b``.
    """
    import shlex

    wrong = [f"{flag} {shlex.quote(value) if isinstance(value, str) else value}: expected {expected}"
             for flag, value, ok, expected in checks if not ok]
    if wrong:
        ctx.fail("; ".join(wrong))


@dataclass(frozen=True)
class Bounds:
    """The values a numeric option takes, said once for ``--help`` and for the check.

    ``ranged`` writes them into the option's help (``[range: 0 (all) or more]``) and
    ``check_ranges`` refuses a value outside them in ``out_of_range``'s words (``--top -1: expected
    0 (all) or more``), so what ``--help`` promises and what a command refuses cannot drift apart.
    ``zero`` says what 0 stands for where it is allowed and means more than none (``all``).
    """

    low: float
    high: float | None = None
    zero: str | None = None

    def holds(self, value: float) -> bool:
        return value >= self.low and (self.high is None or value <= self.high)

    @property
    def expected(self) -> str:
        def number(v: float) -> str:
            return str(int(v)) if float(v).is_integer() else f"{v:g}"

        low = number(self.low) + (f" ({self.zero})" if self.zero and self.low == 0 else "")
        return f"{low} or more" if self.high is None else f"{low} to {number(self.high)}"


def ranged(bounds: Bounds, *names: str, help: str, metavar: str = "N", **kwargs: Any) -> Any:
    """``typer.Option`` for a number within ``bounds``: its help ends with the range, as ``[default:
    ...]`` follows it (``--help`` lost the ranges when the options stopped declaring Typer's
    ``min=``, whose words were not ``out_of_range``'s), and ``check_ranges`` finds the bounds on it.
    Every numeric option is declared so; none declares ``min=``/``max=``."""
    from rich.markup import escape

    info = typer.Option(*names, metavar=metavar, help=f"{help} {escape(f'[range: {bounds.expected}]')}", **kwargs)
    info.newstrace_bounds = bounds
    return info


def declared_bounds(command: Any) -> dict[str, Bounds]:
    """The ``Bounds`` of each parameter of a command declared with ``ranged``, by parameter name,
    read off the annotations of the function Typer wraps (the click parameter keeps no trace of
    them)."""
    import inspect
    import typing

    function = inspect.unwrap(command.callback)
    found: dict[str, Bounds] = {}
    for name, hint in typing.get_type_hints(function, include_extras=True).items():
        for meta in getattr(hint, "__metadata__", ()):
            bounds = getattr(meta, "newstrace_bounds", None)
            if isinstance(bounds, Bounds):
                found[name] = bounds
    return found


def check_ranges(ctx: typer.Context) -> None:
    """A usage error (exit 2) naming every option of the command out of the range ``ranged``
    declared it with, in ``out_of_range``'s words, all at once and before any input is read or
    the database opened. An option left out (``None``: ``analyze --workers``, the cores) is not
    checked."""
    bounds = declared_bounds(ctx.command)
    out_of_range(
        ctx,
        [
            (param.opts[0], value, bounds[param.name].holds(value), bounds[param.name].expected)
            for param in ctx.command.params
            if param.name in bounds and (value := ctx.params.get(param.name)) is not None
        ],
    )


#: pydantic's kinds of error for a value that is no number, which Typer's conversion raises
_NOT_A_NUMBER = {"int_parsing": "a whole number", "int_from_float": "a whole number", "float_parsing": "a number"}


def not_a_number(e: BaseException) -> BaseException:
    """The usage error for a numeric option given a word (``--limit x``), in ``out_of_range``'s
    words: the option, the value and what it takes, its range included (``--limit x: expected a
    whole number, 0 (all) or more``). Typer's conversion said "Invalid value for '--limit': Input
    should be a valid integer, unable to parse string as an integer", without the value, in
    pydantic's words, and what ``--help`` says of the range nowhere. ``e`` itself when it is
    another error."""
    from pydantic import ValidationError

    ctx, param, cause = getattr(e, "ctx", None), getattr(e, "param", None), e.__cause__
    if ctx is None or param is None or not isinstance(cause, ValidationError) or not param.opts:
        return e
    problems = cause.errors()
    kind = next((_NOT_A_NUMBER[p["type"]] for p in problems if p["type"] in _NOT_A_NUMBER), None)
    if kind is None:
        return e
    bounds = declared_bounds(ctx.command).get(param.name)
    value = problems[0].get("input")
    try:
        out_of_range(ctx, [(param.opts[0], str(value), False, f"{kind}, {bounds.expected}" if bounds else kind)])
    except Exception as refused:  # ctx.fail's usage error, of Typer's click
        return refused
    return e


#: a count of at least one (``--batch-size``, ``--batch``, ``--min-chars`` ...)
ONE_OR_MORE = Bounds(1)
#: a count that may be none (``--gap``, ``--distractors`` ...)
ZERO_OR_MORE = Bounds(0)
#: ``--limit`` of the listings and of the benchmarks that read a number of articles
LIMIT = Bounds(0, zero="all")

#: ``--batch``, the hidden other spelling of ``--batch-size`` on every command that has one: ``analyze``
#: said ``--batch`` where ``ingest`` and ``extract`` said ``--batch-size``, and each refused the
#: other's spelling; ``--batch-size`` is the one ``--help`` and the README name (``batch_size``)
BatchAlias = Annotated[
    int | None, ranged(ONE_OR_MORE, "--batch", hidden=True, help="The same as --batch-size.")
]


def given_batch_size(ctx: typer.Context, size: int, alias: int | None) -> int:
    """The batch size ``--batch-size`` (``size``) or its other spelling ``--batch`` (``alias``)
    gives; both given with two values is a usage error (exit 2), which of them counts being
    anything but plain."""
    if alias is None:
        return size
    source = ctx.get_parameter_source("batch_size")
    if source is not None and source.name == "COMMANDLINE" and size != alias:
        ctx.fail(f"--batch-size {size} and --batch {alias}: --batch is another spelling of --batch-size; give one")
    return alias


#: findings a compare report prints in the terminal (``compare``, ``story``)
TopOption = Annotated[int, ranged(LIMIT, "--top", help="Findings printed in the terminal.")]


#: rows a terminal table shows unless ``--limit`` says otherwise: a corpus of 100,000 articles
#: has 80,000 stories, and rich took two minutes to draw them all (``--json`` gives every row)
TABLE_ROWS = 50

LimitOption = Annotated[
    int | None,
    ranged(LIMIT, "--limit", help=f"Show at most this many (default: all with --json, {TABLE_ROWS} in the table)."),
]


def rows_shown(limit: int | None, as_json: bool) -> int:
    """How many rows a listing shows (0 = all): ``--limit`` when given, else all for JSON, a
    screenful for a table."""
    if limit is not None:
        return limit  # 0 or more: ``check_ranges`` said so
    return 0 if as_json else TABLE_ROWS


def cut_caption(shown: int, total: int, which: str = "biggest", *, limit: int | None = None) -> str | None:
    """A listing table's caption when it shows fewer rows than there are, saying how to see them all.

    ``--json`` gives every row only when no ``--limit`` cut the list (``rows_shown``); after
    ``--limit 5`` it gives the same five, so the caption names ``--limit 0`` alone then."""
    if shown >= total:
        return None
    return f"the {shown} {which} of {total}; --limit 0 shows all" + (", --json gives every row" if limit is None else "")


def one_of(ctx: typer.Context, flag: str, value: str, choices: tuple[str, ...]) -> None:
    """A usage error (exit 2) for a value of ``flag`` that is none of ``choices``, said as
    ``out_of_range`` says a number out of range: "--split X: expected test or dev".

    The options that take one of a few words (``--engine local|spark``, ``--split``) each said it
    its own way, "--split: expected heldout, dev or all, got 'X'" or "--split X: expected dev or
    test", and as an input error, without the usage lines every other usage error has."""
    expected = " or ".join([", ".join(choices[:-1]), choices[-1]] if len(choices) > 1 else choices)
    out_of_range(ctx, [(flag, value, value in choices, expected)])


def safe(text: object) -> str:
    """User data (a title, an author, an outlet, an id, a file name) for a rich markup string.

    One printable line (``one_line``) with its square brackets escaped: rich would drop a title's
    ``[update]`` as an unknown tag and raise on a ``[/]`` with nothing to close. Every table cell
    and markup line that carries article data or input names goes through here.
    """
    from rich.markup import escape

    return escape(one_line(text))


def warn(message: str) -> None:
    err.print(f"[yellow]warning:[/yellow] {safe(message)}", markup=True, highlight=False, soft_wrap=True)


def waiting(message: str) -> None:
    """What a command that writes says on stderr when another process keeps the database's write
    lock (``Store(on_wait=)``): that it waits, for whom and how long at most, where it waited
    30 s without a word and then gave up."""
    err.print(f"newstrace: {one_line(message)}", markup=False, highlight=False, soft_wrap=True)


#: the last paragraph of the help of each command that writes (``waits_for_the_write_lock``): the
#: variable and its default, where ``ingest --help`` said "600 s" whatever the variable set, and
#: ``analyze`` and ``load-results`` said nothing of the wait
LOCK_WAIT_HELP = (
    "While another process holds the database's write lock (another command committing a batch, or another "
    f"program), the command waits, says so on stderr, and gives up after {env_name('lock_wait_seconds')} seconds "
    f"(default {Limits.lock_wait_seconds:g}; inf waits as long as it takes), exit 3."
)

_Command = TypeVar("_Command", bound=Callable[..., Any])


def waits_for_the_write_lock(command: _Command) -> _Command:
    """A command that writes to the database (``Store(on_wait=waiting)``): its help ends with
    ``LOCK_WAIT_HELP``. Put below ``@app.command()``, which reads the help once this has added it."""
    command.__doc__ = f"{inspect.cleandoc(command.__doc__ or '')}\n\n{LOCK_WAIT_HELP}"
    return command


def progress(enabled: bool = True) -> Progress:
    """A rich progress bar on stderr; silent when not a terminal or when disabled. Its bars are
    named by the tasks the caller adds (``bar.add_task("extracting claims", ...)``, ``stage_bars``)."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not enabled or not err.is_terminal,
    )


def stage_bars(bar: Progress) -> Callable[[str, int, int], None]:
    """An ``on_progress(stage, done, total)`` for a library call of several long phases
    (``analyze --engine spark``, ``compare``): one bar on ``bar`` per stage, named by it."""
    tasks: dict[str, TaskID] = {}

    def on_progress(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return on_progress


#: what a report newstrace wrote starts with (``--json``: the compare document; ``--html``: the
#: report page, whose head names its generator)
REPORT_MARKS = {"json": ('{\n  "articles"', '{"articles"'), "html": ('<meta name="generator" content="newstrace">',)}


def _ours(path: Path, kind: str) -> bool:
    """Whether an existing file is empty or a report of ``kind`` newstrace wrote before."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096).decode("utf-8", "replace")
    except OSError:
        return True  # writing says what is wrong with it
    return not head.strip() or any(m in head for m in REPORT_MARKS[kind])


def refuse_foreign(path: Path, kind: str) -> None:
    """Exit 2 for an existing file that is not a ``kind`` report newstrace wrote (see
    ``write_output``). A command with two outputs asks before any work, so that a refusal of the
    second leaves no first one written, and exit 2 still means nothing was done.

    A file in a folder that does not exist, or one this user cannot write in, is a ``PathError``
    (exit 2, as ``--db`` in a missing folder is; it was exit 1), said before the work: ``compare --html /no/such/dir/r.html`` spent its whole comparison (a minute
    for 200 articles) and only then said "cannot write (No such file or directory)"."""
    if str(path) == "-":
        return
    if path.is_file() and not _ours(path, kind):
        raise InputError(
            f"{path}: exists and is not a newstrace {kind} report, so it is not overwritten "
            f"(give another file, or '-' for stdout)"
        )
    import os

    folder = path.parent
    if not folder.is_dir():
        raise no_folder(path, folder)
    if not os.access(folder, os.W_OK | os.X_OK) and not (path.is_file() and os.access(path, os.W_OK)):
        raise PathError(f"{path}: cannot write (no permission to write in {folder}: give another file)")


def write_output(path: Path, text: str, kind: str | None = None) -> None:
    """A report or JSON file the user asked for; ``-`` is stdout. A path that cannot be one (no
    such folder, none you may write in) is exit 2 (``refuse_foreign``); a write that fails all the
    same (the disk full) is exit 1, not a bad input.

    With ``kind`` ("json", "html"), an existing file that is not such a report is not overwritten
    (exit 2): ``compare --json a.txt b.txt`` reads as ``--json`` taking ``a.txt``, which would
    replace an article with the report of the other one.
    """
    if str(path) == "-":
        write_document(text)
        return
    if kind is not None:
        refuse_foreign(path, kind)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise NewstraceError(f"{path}: cannot write ({e.strerror or type(e).__name__})") from e


def skipped_inputs(errors: list[NewstraceError]) -> list[str]:
    """The ``skipped`` list of a ``--json`` document (``compare``, ``reuse``, ``stance``): each
    input that could not be read, one printable line naming it and the reason, as stderr said it."""
    return [one_line(kept_note(e)) for e in errors]


def say_skipped(errors: list[NewstraceError], passed_over: PassedOver) -> None:
    """After a command's report for a reader, the line of the files of other types its folders
    held (``PassedOver``), and one stderr line counting the inputs it could not read (``N
    inputs skipped``, as ``ingest`` and ``reuse`` close): each was named on stderr as it was
    met, above a report that may run to hundreds of lines (``compare``, ``extract``, ``stance``
    said nothing more of them, so a user who read the report's end missed them)."""
    passed_over.say()
    skipped = sum(1 for e in errors if not e.kept)
    said = [f"{counted(skipped, 'input')} skipped"] if skipped else []
    said += [f"{len(errors) - skipped} read in part"] if len(errors) > skipped else []
    if said:
        err.print(f"{', '.join(said)}, named above", markup=False, highlight=False)


@dataclass
class PassedOver:
    """The files of types no reader reads (a PDF, an image) in the folders a command was given,
    counted by type: ``read_inputs``'s ``passed_over``. Such files are no input given and no
    warning (``ingest --strict`` exits 0), but a run that passed them over in silence left a
    folder of PDF reports beside its texts unremarked: every command that reads inputs says them
    in one line for the run (``say``) and lists them in its ``--json`` (``counts``)."""

    #: the command, as the line names it ("of types compare does not read")
    command: str
    types: Counter[str] = field(default_factory=Counter)

    def __call__(self, path: Path) -> None:
        self.types[file_type(path)] += 1

    def counts(self) -> dict[str, int]:
        """``--json``'s ``passed_over``, ``{".pdf": 2}``, by type."""
        return dict(sorted(self.types.items()))

    def said(self) -> str:
        """The one line of the run, most frequent type first."""
        n = sum(self.types.values())
        counts = ", ".join(f"{k:,} {t}" for t, k in sorted(self.types.items(), key=lambda tk: (-tk[1], tk[0])))
        return f"passed over: {counted(n, 'file', grouped=True)} of {'types' if n > 1 else 'a type'} {self.command} does not read in the folders given ({counts})"

    def say(self) -> None:
        """The line on stderr, if the folders held any such file (with ``--json`` too)."""
        if self.types:
            err.print(self.said(), markup=False, highlight=False, soft_wrap=True)


class CommandInputs(NamedTuple):
    """What ``read_command_inputs`` read: the articles, the inputs it could not read (each named on
    stderr as it was met) and the files of other types it passed over (said by the command)."""

    articles: list[Article]
    errors: list[NewstraceError]
    passed_over: PassedOver


def read_command_inputs(
    inputs: list[Path], command: str, *, clean: bool = True, day_first: bool | None = None
) -> CommandInputs:
    """Articles for commands that analyse their inputs directly (``reuse``, ``extract``, ...).

    Unreadable inputs are named on stderr and skipped, warnings said there too, with or without
    ``--json`` (stdout holds the one document; the skipped inputs also come back in the returned
    list). When no article at all could be read, this raises one error with the exit code of the
    worst skipped input, after the line of the files passed over. ``day_first`` is
    ``date_order``'s, as ``ingest`` takes it: a file of 4/7/2017 dates compares as it would be
    stored. ``command`` names the command in the line of the files of other types passed over.
    """
    from newstrace.ingest import read_unique

    errors: list[NewstraceError] = []
    passed = PassedOver(command)

    def on_error(e: NewstraceError) -> None:
        errors.append(e)
        err.print(f"newstrace: {one_line(input_problem(e))}", markup=False, highlight=False, soft_wrap=True)

    articles = list(read_unique(inputs, clean=clean, warn=warn, on_error=on_error, day_first=day_first, passed_over=passed))
    if not articles:
        passed.say()
        raise none_read(inputs, errors)
    return CommandInputs(articles, errors, passed)


def none_read(inputs: Sequence[Path], errors: Sequence[NewstraceError]) -> InputError:
    """The closing line of a command none of whose ``inputs`` gave an article, under the lines
    that named each one skipped (``errors``), with the exit code of the worst of them: `compare`,
    `extract`, `reuse`, `stance` and `ingest` say it alike."""
    from newstrace.ingest import input_name

    failure = InputError(f"{', '.join(map(input_name, inputs))}: no articles could be read")
    if errors:
        failure.exit_code = max(e.exit_code for e in errors)
    return failure


@contextlib.contextmanager
def sigterm_stops() -> Iterator[None]:
    """SIGTERM (``kill PID``, a service manager, a container stopping) stops what runs inside as
    Ctrl-C stops it: ``errors.Terminated``, a ``KeyboardInterrupt``, is raised where the run is, so
    the batch in progress is rolled back and the command says what its committed batches kept
    (its ``Interrupted``), which leaves here as ``TerminatedRun``: "newstrace: stopped by SIGTERM
    (...)", exit 143. At its default the process ended without a word (``ingest``, ``analyze``,
    ``load-results``), and a new database was left empty.

    The handler before is put back as the block ends, whatever ends it; a second SIGTERM ends the
    process at once, as the default did. A process the run forks (``analyze``'s pool workers)
    inherits the handler and ignores SIGTERM there, as its workers ignore SIGINT: the run stops
    its pool (a service manager signals every process of the service, and a worker stopped in a
    queue operation would hang the pool or show its traceback). Nothing is changed in a thread
    other than the main one (a library caller's), where Python sets no handler. Usable as a
    decorator of a command too.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()
    got = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal got
        if os.getpid() != owner:  # a worker the run forked: the run stops it
            return
        got = True
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise Terminated

    before = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except TerminatedRun:
        raise
    except Interrupted as e:  # what the command kept, said of the SIGTERM that stopped it
        if not got:
            raise
        raise TerminatedRun(str(e)) from None
    except KeyboardInterrupt:  # a command that says nothing of what it kept
        if not got:
            raise
        raise TerminatedRun() from None
    finally:
        if os.getpid() == owner:
            # None: a handler set outside Python, which cannot be put back; the default is what it ran as
            signal.signal(signal.SIGTERM, signal.SIG_DFL if before is None else before)


def _nothing_committed(db: Path) -> bool:
    """Whether the SQLite file at ``db`` holds nothing committed (no table: its first page written,
    the schema rolled back), as a stop while ``Store`` makes a new database leaves it."""
    from newstrace.store.sqlite import readonly_uri

    conn = sqlite3.connect(readonly_uri(db), uri=True)
    try:
        return not conn.execute("SELECT EXISTS (SELECT 1 FROM sqlite_master)").fetchone()[0]
    finally:
        conn.close()


def discard_empty(db: Path, store: Store | None) -> bool:
    """Remove the database a command made (``ingest``; ``load-results`` builds one beside its path:
    ``engine.load.new_database``) and a Ctrl-C or SIGTERM
    left with no article in it, as the run found things: no file; whether it did. Left there, the
    empty file passed for a database ('list' said '0 of 0 articles', 'analyze' analysed nothing)
    where before the command each said there was none. A file that holds an article (another
    process's ingest into the same new path) stays."""
    try:
        if store is not None:
            if store.conn.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0]:
                return False
            store.close()
        elif db.exists() and db.stat().st_size > 0 and not _nothing_committed(db):
            return False  # the Ctrl-C came while it was being made, after another process's commit
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            path.unlink(missing_ok=True)
    except (OSError, sqlite3.Error):
        return False
    return True
