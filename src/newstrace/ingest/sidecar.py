"""``NAME.meta.json`` beside ``NAME.txt`` / ``NAME.html``: metadata the file itself lacks.

Plain text copied from a page often has no outlet, URL or date; a sidecar supplies or overrides
them without touching the text, so offsets into the text stay valid.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

from newstrace.errors import InputError, LimitError, Warn
from newstrace.ingest.base import LONE_SURROGATE_WARNING, replace_lone_surrogates
from newstrace.limits import LIMITS, Limits, human_bytes, raise_hint

SUFFIX = ".meta.json"
#: the article files whose readers read a sidecar (``text.read_txt``, ``html.page_article``)
DESCRIBED = (".txt", ".html", ".htm", ".mhtml", ".mht")


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + SUFFIX)


def described_files(side: Path) -> list[Path]:
    """The article files beside a sidecar that read it (``a.txt`` for ``a.meta.json``): a few
    look-ups, the same for any number of files in its folder."""
    base = side.name[: -len(SUFFIX)]
    return [f for f in (side.with_name(base + ext) for ext in DESCRIBED) if f.is_file()]


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SUFFIX)


def read_sidecar(path: Path, limits: Limits = LIMITS, warn: Warn | None = None) -> dict[str, Any]:
    """The sidecar's fields for ``path``, or ``{}`` when there is none.

    A sidecar that is a link to no file (its target moved, a folder, a pipe, a loop of links) is
    an ``InputError``, as one of broken JSON is: read as no sidecar, the article was stored
    without the outlet and date its user linked in, and nothing said so.

    A lone surrogate escape in it ('"outlet": "rt\\ud83d.com"') is replaced by U+FFFD and said
    (``warn``), as a record's is: kept, it stopped ``ingest`` with an internal error at SQLite."""
    side = sidecar_path(path)
    if side.is_symlink() and not side.is_file():
        target = os.readlink(side)
        try:
            side.stat()
            what = "a folder" if side.is_dir() else "no regular file"
        except OSError as e:
            what = "itself (a loop of links)" if e.errno == errno.ELOOP else "no file"
        raise InputError(f"{side}: metadata sidecar is a link to {what} ({target}), not read")
    if not side.is_file():
        return {}
    size = side.stat().st_size
    if size > limits.max_file_bytes:
        # metadata is a few fields: a sidecar this size is some other file under its name (a link
        # to a log, a dump), which json.loads would hold whole in memory, twice
        raise LimitError(
            f"{side}: metadata sidecar of {human_bytes(size)} is larger than the {human_bytes(limits.max_file_bytes)} "
            f"limit for one article file {raise_hint('max_file_bytes')}"
        )
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"{side}: unreadable metadata sidecar ({e})") from e
    if not isinstance(data, dict):
        raise InputError(f"{side}: metadata sidecar must be a JSON object")
    data, lone = replace_lone_surrogates(data)
    if lone and warn is not None:
        warn(f"{side}: {LONE_SURROGATE_WARNING}")
    return data
