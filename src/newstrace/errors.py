"""Errors a user can act on.

Library code raises these with a one-line message that names the input and the reason; the CLI
prints the message (no traceback) and exits with ``exit_code``. Anything else escaping to the CLI is
a bug and is reported as one.
"""

from __future__ import annotations


class NewstraceError(Exception):
    """Base for expected failures: bad input, bad database, limits exceeded."""

    exit_code = 1


class InputError(NewstraceError):
    """An input could not be read (missing, unsupported, empty, malformed)."""

    exit_code = 2


class StoreError(NewstraceError):
    """The database cannot be opened or written (not SQLite, read-only, corrupt)."""

    exit_code = 3


class LimitError(NewstraceError):
    """An input exceeds a configured limit (article size, articles per compare, upload size)."""

    exit_code = 4
