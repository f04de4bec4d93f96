"""``NAME.meta.json`` beside ``NAME.txt`` / ``NAME.html``: metadata the file itself lacks.

Plain text copied from a page often has no outlet, URL or date; a sidecar supplies or overrides
them without touching the text, so offsets into the text stay valid.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newstrace.errors import InputError

SUFFIX = ".meta.json"
#: the article files whose readers read a sidecar (``text.read_txt``, ``html._page_article``)
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


def read_sidecar(path: Path) -> dict[str, Any]:
    """The sidecar's fields for ``path``, or ``{}`` when there is none."""
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"{side}: unreadable metadata sidecar ({e})") from e
    if not isinstance(data, dict):
        raise InputError(f"{side}: metadata sidecar must be a JSON object")
    return data
