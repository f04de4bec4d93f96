"""Entry point of the ``newstrace`` console script: registers the commands and maps errors to exits.

Expected failures (``NewstraceError``) print one line naming the input and the reason, never a
traceback; set ``NEWSTRACE_DEBUG=1`` to see the traceback of an unexpected error.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import Annotated

import click
import typer

from newstrace import __version__
from newstrace.cli.app import app, err, not_a_number, one_line, printable_stdout
from newstrace.errors import Interrupted, NewstraceError

# Command modules register themselves on ``app`` when imported.
from newstrace.cli import ingest as _ingest  # noqa: F401  isort: skip
from newstrace.cli import stance as _stance  # noqa: F401  isort: skip
from newstrace.cli import serve as _serve  # noqa: F401  isort: skip
from newstrace.cli import reuse as _reuse  # noqa: F401  isort: skip
from newstrace.cli import extract as _extract  # noqa: F401  isort: skip
from newstrace.cli import compare as _compare  # noqa: F401  isort: skip
from newstrace.cli import corpus as _corpus  # noqa: F401  isort: skip


def _version(value: bool) -> None:
    if value:
        print(f"newstrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Trace how a news story travels between outlets and what changed on the way."""
    from newstrace.limits import env_problems

    if problems := env_problems():  # a mistyped limit would otherwise be the default without a word
        raise NewstraceError("; ".join(problems) + " (unset it, or see 'Limits' in the README)")


def main(argv: list[str] | None = None) -> int:
    printable_stdout()
    try:
        # without standalone mode click *returns* the code of a ``typer.Exit`` instead of raising it
        result = app(args=argv, prog_name="newstrace", standalone_mode=False)
    except NewstraceError as e:
        err.print(f"newstrace: error: {one_line(e)}", markup=False, highlight=False, soft_wrap=True)
        return _exit(e.exit_code)
    except (click.exceptions.Exit, typer.Exit) as e:
        return _exit(e.exit_code)
    except (click.ClickException, typer.TyperException) as e:
        # usage errors (typer vendors its own click, so both families): message and usage, no traceback
        said = not_a_number(e)
        show = getattr(said, "show", None)
        if callable(show):  # click's usage and message, each line through stderr's console (wrapped on a terminal)
            shown = io.StringIO()
            show(file=shown)
            for line in shown.getvalue().splitlines():
                err.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            err.print(f"newstrace: error: {said}", markup=False, highlight=False, soft_wrap=True)
        return _exit(getattr(said, "exit_code", e.exit_code))
    except (click.exceptions.Abort, typer.Abort, KeyboardInterrupt) as e:
        return _interrupted(e)
    except BrokenPipeError:
        return _closed_output()
    except SystemExit as e:
        # click turns a closed stdout inside a command into its own exit 1, standalone or not
        if _from_closed_pipe(e):
            return _closed_output()
        raise
    except Exception as e:  # a bug: say so plainly, keep the traceback for debugging
        if os.environ.get("NEWSTRACE_DEBUG"):
            raise
        err.print(
            f"newstrace: internal error: {type(e).__name__}: {one_line(e)} (set NEWSTRACE_DEBUG=1 for the traceback)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        return _exit(70)
    if result == 130:  # typer's code for a Ctrl-C it caught itself (outside a command's code)
        return _interrupted(None)
    return result if isinstance(result, int) else 0


def _interrupted(e: BaseException | None) -> int:
    """Ctrl-C: one line, with what the command kept when it says (``errors.Interrupted``)."""
    cause = e if isinstance(e, KeyboardInterrupt) else getattr(e, "__cause__", None)
    detail = one_line(cause) if isinstance(cause, Interrupted) and str(cause) else ""
    said = cause.said if isinstance(cause, Interrupted) else "interrupted"
    err.print(f"newstrace: {said} ({detail})" if detail else f"newstrace: {said}", markup=False, highlight=False, soft_wrap=True)
    return cause.exit_code if isinstance(cause, Interrupted) else 130


def _exit(code: int | None) -> int:
    return int(code or 0)


def _from_closed_pipe(e: BaseException) -> bool:
    """Whether ``e`` was raised while handling an EPIPE (a write to a pipe with no reader)."""
    seen: BaseException | None = e.__context__
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno == errno.EPIPE:
            return True
        seen = seen.__context__
    return False


def _closed_output() -> int:
    """The reader of stdout went away (``newstrace show ID | head -1``): stop quietly, status 0.

    What the reader wanted it has read, as ``head`` wanted; saying more would mean writing to a
    closed pipe. Python flushes stdout once more at exit, which would fail again and turn the
    status into 120 with a message: stdout is pointed at the null device first, as the Python
    docs advise (https://docs.python.org/3/library/signal.html#note-on-sigpipe).
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):  # no file descriptor behind stdout (a test's buffer)
        pass
    return 0


def run() -> None:
    """Exit with the code ``main`` returns, a Ctrl-C outside it included (``python -m
    newstrace.cli.main``, and console scripts installed when they named this function; the
    ``newstrace`` script is now ``newstrace.__main__:run``, which also covers the imports)."""
    from newstrace.__main__ import exit_with

    exit_with(main)


if __name__ == "__main__":
    run()
