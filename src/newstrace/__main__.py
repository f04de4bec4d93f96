"""The ``newstrace`` console script and ``python -m newstrace``: Ctrl-C is handled from the start.

The commands take about half a second to import (typer, rich, numpy, the command modules). A
Ctrl-C then, before ``cli.main.main`` catches it, printed a Python traceback. This module imports
next to nothing until ``run`` is inside its ``try``, so a Ctrl-C at any moment ends the same way:
``newstrace: interrupted`` on stderr and status 130.
"""

from __future__ import annotations

import os
import sys

# Only modules Python has loaded before any script (sys, os): every millisecond spent importing
# before ``run``'s ``try`` is a moment when Ctrl-C prints a traceback. ``typing`` alone would
# take several; the annotations are for the type checker.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn


def run() -> NoReturn:
    """Console-script entry: import the commands, run them on ``sys.argv``, exit with the status."""

    def start() -> int:
        from newstrace.cli.main import main

        return main()

    exit_with(start)


def exit_with(start: Callable[[], int]) -> NoReturn:
    """``sys.exit(start())``, with a Ctrl-C that ``start`` lets out (while importing, or outside
    the commands) reported in one line as status 130."""
    try:
        code = start()
    except KeyboardInterrupt:
        code = 130
        # one unbuffered write; a second Ctrl-C or a missing stderr does not change the status
        try:  # noqa: SIM105  (contextlib is not loaded yet)
            os.write(2, b"newstrace: interrupted\n")
        except (OSError, KeyboardInterrupt):
            pass
    sys.exit(code)


if __name__ == "__main__":
    run()
