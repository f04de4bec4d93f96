"""Configurable limits that keep one bad input from stalling or exhausting a batch.

Defaults suit news articles; each can be raised with an environment variable
(``NEWSTRACE_MAX_ARTICLE_CHARS`` and so on) or a CLI option where the command offers one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        return default


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

    @classmethod
    def from_env(cls) -> Limits:
        values: dict[str, int | float] = {}
        for f in fields(cls):
            default = f.default
            env = "NEWSTRACE_" + f.name.upper()
            if isinstance(default, float):
                raw = os.environ.get(env)
                try:
                    values[f.name] = float(raw) if raw is not None else default
                except ValueError:
                    values[f.name] = default
            else:
                values[f.name] = _env_int(env, int(default))  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]


LIMITS = Limits.from_env()
