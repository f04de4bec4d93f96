"""Configurable limits that keep one bad input from stalling or exhausting a batch.

Defaults suit news articles; each can be raised with an environment variable
(``NEWSTRACE_MAX_ARTICLE_CHARS`` and so on) or a CLI option where the command offers one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


def _env_value(name: str, default: int | float) -> tuple[int | float, str | None]:
    """The variable's value, or the default and what is wrong with the variable (a number of 0 or more is needed)."""
    raw = os.environ.get(name)
    if raw is None:
        return default, None
    try:
        value: int | float = float(raw) if isinstance(default, float) else int(raw)
    except ValueError:
        return default, f"{name}={raw!r}: not a{' ' if isinstance(default, float) else 'n integer '}number"
    if value != value:  # nan: no limit compares to it, so a wait of nan never ended
        return default, f"{name}={raw!r}: not a number"
    if value < 0:
        return default, f"{name}={raw!r}: must not be negative"
    return value, None


def human_bytes(n: float) -> str:
    """A size as a limit message should show it: "0.0 MB is larger than the 0 MB limit" said nothing."""
    for unit, size in (("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    # imported here: the CLI reads its limits at start-up, before it needs the data model
    from newstrace.model import counted

    return counted(int(n), "byte")


@dataclass(frozen=True)
class Limits:
    #: largest single article body (characters after decoding); bigger ones are refused.
    max_article_chars: int = 2_000_000
    #: largest single input file for one-article formats (txt, html), in bytes.
    max_file_bytes: int = 20_000_000
    #: most articles ``compare`` accepts in one run.
    max_compare_articles: int = 200
    #: largest upload the web app accepts, in bytes.
    max_upload_bytes: int = 5_000_000
    #: seconds of extraction per article before it is skipped with a warning.
    extract_seconds_per_article: float = 20.0
    #: seconds a command that writes waits for another process's write lock on the database (an
    #: ``analyze`` batch, ``load-results``) before it gives up, exit 3 (``Store.transaction``).
    lock_wait_seconds: float = 600.0

    @classmethod
    def from_env(cls) -> Limits:
        """The limits the environment sets; a variable that is no number of 0 or more keeps the default
        (``env_problems`` names it, and the CLI refuses to run with it)."""
        return cls(**{f.name: _env_value(_env_name(f.name), f.default)[0] for f in fields(cls)})  # type: ignore[arg-type]


def _env_name(field_name: str) -> str:
    return "NEWSTRACE_" + field_name.upper()


def env_name(field_name: str) -> str:
    """The variable that sets a limit, for a message that names it in words of its own (the lock
    wait's): ``env_name("lock_wait_seconds")`` is "NEWSTRACE_LOCK_WAIT_SECONDS", not typed by hand
    where a misspelt name would send the user to a variable nothing reads. A name that is no field
    of ``Limits`` is a bug."""
    if field_name not in {f.name for f in fields(Limits)}:
        raise ValueError(f"no limit {field_name!r}")
    return _env_name(field_name)


def raise_hint(field_name: str) -> str:
    """How a limit's message says to raise it: ``raise_hint("max_file_bytes")`` is "(set
    NEWSTRACE_MAX_FILE_BYTES to raise it)"; a name that is no field of ``Limits`` is a bug."""
    return f"(set {env_name(field_name)} to raise it)"


def env_problems() -> list[str]:
    """What is wrong with the limit variables set in the environment (empty when nothing is)."""
    out = []
    for f in fields(Limits):
        _, problem = _env_value(_env_name(f.name), f.default)  # type: ignore[arg-type]
        if problem:
            out.append(problem)
    return out


LIMITS = Limits.from_env()
