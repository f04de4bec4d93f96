"""The benchmarks behind ``newstrace eval``: each scores one stage on a shared dataset."""

from __future__ import annotations

from pathlib import Path

from newstrace.errors import InputError


def as_given(path: Path | str) -> str:
    """How a benchmark's ``--json`` names an input (``data``, and ``fnc``, ``bodies``, ``stances``):
    by the path as given, so that a document says which data it was measured on. The file's or
    folder's name alone did not: ``eval quotes-polnear`` wrote "train" of every PolNeAR split so
    named, and two files of one name in two folders could not be told apart."""
    return str(path)


def need_csv(path: Path, option: str = "") -> None:
    """A bad input (exit 2) unless ``path`` is a file: a benchmark's CSV given as a folder (the
    dataset's folder rather than its file) said "no such file" of a folder that is there.
    ``option`` names the option the path was given to, as ``need_folder`` does (``eval stance-fnc
    --bodies x.csv`` said "x.csv: no such file")."""
    said = f"{option} {path}" if option else str(path)
    if path.is_dir():
        raise InputError(f"{said}: a folder, not a CSV file: give the CSV inside it")
    if not path.is_file():
        raise InputError(f"{said}: no such file")


def need_folder(path: Path, option: str = "", wanted: str = "") -> None:
    """A bad input (exit 2) unless ``path`` is a folder: a path that is not there was "not a PolNeAR
    split" (``eval quotes-polnear``) or "not a folder" (``eval reuse-clough``, ``reuse-plagdet``)
    rather than what it is, a typo's "no such folder", and a file given to ``--fnc`` "no such
    folder". ``option`` names the option the path was given to, ``wanted`` (in brackets) the
    folder it should be."""
    said = f"{option} {path}" if option else str(path)
    tail = f" ({wanted})" if wanted else ""
    if path.is_file():
        raise InputError(f"{said}: a file, not a folder{tail}")
    if not path.is_dir():
        raise InputError(f"{said}: no such folder{tail}")
