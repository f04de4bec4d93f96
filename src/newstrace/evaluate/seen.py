"""Which rows of a benchmark file the shipped models and rules were fitted or tuned on.

Three benchmarks split the rows of the file they are given by a hash (``stories-fakes`` by event,
``casualties-fakes`` by ``unit_id``, ``similarity-semeval`` by ``pair_id``) and report only the
held-out part, because the other part of *our* files was tuned on. A file of other rows (the rest
of FA-KES, SemEval's own test pairs) holds nothing that was tuned on, so throwing a quarter to a
half of it away only makes the figure noisier. Their default split ``unseen`` tells the two apart
by fingerprints of the rows that were tuned on (``seen_rows.json`` beside this module: hashes
only, no text), written by ``benchmarks/seen_rows.py`` from ../shared/data and the split functions
of the day:

* no row of the file was tuned on: every row is scored (split ``all``);
* otherwise every row that was not tuned on is scored. On our own files that is exactly the
  hash split's held-out part (the rows tuned on are its dev part), and the split is named as
  before (``test`` or ``heldout``); a file that mixes tuned rows with new ones is scored on its
  new rows only (split ``unseen``), and ``split_rule`` says how many were left out.

A fingerprint is the first 16 hex digits of the SHA-1 of a row's id and texts, each with its
white space collapsed and case folded, so a CSV written again from the same rows (other quoting,
other column order, line ends) still matches, while an article FA-KES repeats under another
``unit_id`` is another row, as the hash split counts it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from newstrace.errors import InputError

#: the package data file with the fingerprints, one list per benchmark
SEEN_FILE = "seen_rows.json"
#: how the fingerprints are written again after a change of a split (run from the repository)
REGENERATE = "python benchmarks/seen_rows.py"


def fingerprint(*parts: str) -> str:
    """16 hex digits naming a row by its id and texts (white space collapsed, case folded)."""
    norm = "\x1f".join(" ".join((p or "").split()).casefold() for p in parts)
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


@cache
def _stored() -> dict[str, Any]:
    text = resources.files("newstrace.evaluate").joinpath(SEEN_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def seen_rows(bench: str, dev_share: float) -> frozenset[str]:
    """The fingerprints of the rows ``bench`` was tuned on, refused when they were computed with
    another ``DEV_SHARE`` than the code's: a split that moved without its fingerprints being
    written again would score tuned rows as unseen (or throw new ones away) without a word."""
    entry = _stored()[bench]
    if entry["dev_share"] != dev_share:
        raise RuntimeError(
            f"{SEEN_FILE}: the rows {bench} was tuned on were fingerprinted with DEV_SHARE "
            f"{entry['dev_share']}, the code splits with {dev_share}: write them again with `{REGENERATE}`"
        )
    return frozenset(entry["rows"])


@dataclass(frozen=True)
class Choice:
    """The rows ``unseen`` scores: ``scored[i]`` for row i, the split's name and why."""

    scored: list[bool]
    split: str
    rule: str


def choose_unseen(fingerprints: Sequence[str], held_out: Sequence[bool], seen: frozenset[str],
                  heldout_name: str, unit: str = "rows", anyway: str = "--split dev or --split all",
                  source: str = "") -> Choice:
    """Score every row not tuned on; name the split by what that turns out to be.

    ``held_out[i]`` is whether the hash split holds row i out. No tuned row: ``all``. Tuned rows
    that are exactly the hash split's dev part (our own files): ``heldout_name``, today's figure.
    Anything else (tuned rows mixed with new ones): ``unseen``, the new rows only. A file of
    tuned rows only is an input error rather than a score of nothing.
    """
    scored = [fp not in seen for fp in fingerprints]
    tuned = scored.count(False)
    if not tuned:
        return Choice(scored, "all", f"unseen: no {unit[:-1]} of this file was tuned on, so all {len(scored)} are scored")
    if not any(scored):
        raise InputError(
            f"{source + ': ' if source else ''}every {unit[:-1]} of this file ({tuned}) was tuned on: nothing unseen to score "
            f"({anyway} scores them anyway)"
        )
    if scored == list(held_out):
        return Choice(scored, heldout_name,
                      f"unseen: the {tuned} {unit} of this file that were tuned on are the hash split's dev part; "
                      f"its held-out part ({scored.count(True)}) is scored")
    return Choice(scored, "unseen",
                  f"unseen: {tuned} {unit} of this file were tuned on and are left out; the other "
                  f"{scored.count(True)} are scored (not the hash split's held-out part, which holds "
                  f"{sum(held_out)})")


#: the two names of a hash split's held-out part: the stories and SemEval benchmarks call it
#: ``test``, the casualties one ``heldout``, and each takes either
HELD_OUT_NAMES = ("test", "heldout")


def held_out_as(split: str, name: str) -> str:
    """``split`` with the held-out part called ``name`` (one of ``HELD_OUT_NAMES``), as the benchmark
    calling it names that part; any other split as it is."""
    return name if split in HELD_OUT_NAMES else split


def asked_rule(split: str, what: str) -> str:
    """``split_rule`` of a split given with ``--split``."""
    if split == "all":
        return f"asked for: all {what}, tuned on or not"
    return f"asked for: the hash split's {split} part of the {what}"
