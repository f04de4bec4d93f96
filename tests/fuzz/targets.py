"""Fuzz targets: bytes in, and either a clean result or a ``NewstraceError``; anything else is a bug.

Each target checks the same invariants as the property tests (``check_articles``, ``check_span``),
so a fuzzer finding is a real break of a promise in RELIABILITY.md, not just an exception. The
atheris entry point is ``fuzz.py``; ``run.py`` runs every target for a bounded number of inputs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from newstrace.clean.text import normalize_body
from newstrace.errors import NewstraceError
from newstrace.ingest import READERS
from newstrace.ingest.base import ignore_warning
from newstrace.limits import Limits
from newstrace.model import Article

#: small limits so the fuzzer explores the limit paths too, and one input never takes seconds
FUZZ_LIMITS = Limits(max_article_chars=200_000, max_file_bytes=2_000_000)

#: removed when the process exits (its finaliser), so fuzz and property runs leave nothing in /tmp
_SCRATCH_DIR = tempfile.TemporaryDirectory(prefix="nt-fuzz-")
_SCRATCH = Path(_SCRATCH_DIR.name)


def check_span(text: str, start: int | None, end: int | None, reported: str | None) -> None:
    """``0 <= start <= end <= len(text)`` and ``text[start:end] == reported`` (unset spans pass)."""
    if start is None and end is None:
        return
    assert start is not None and end is not None, (start, end)
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    if reported is not None:
        assert text[start:end] == reported, (text[start:end], reported)


def check_articles(arts: list[Article], *, clean: bool, limits: Limits) -> None:
    """What every reader promises about the articles it yields."""
    for a in arts:
        assert a.text.strip(), "an article without text"
        assert len(a.text) <= limits.max_article_chars
        assert a.id
        if clean:
            assert normalize_body(a.text) == a.text, "clean text is not a fixed point of cleaning"
        for value in (a.title, a.author, a.outlet, a.url, a.lang):
            assert value is None or (value == value.strip() and value and "\n" not in value and "\x1b" not in value)


def read_bytes_as(ext: str, data: bytes, *, clean: bool = True, limits: Limits = FUZZ_LIMITS) -> list[Article]:
    """Write ``data`` to a scratch file with extension ``ext`` and read it with that reader."""
    path = _SCRATCH / f"input{ext}"
    path.write_bytes(data)
    reader = READERS[ext]
    try:
        arts = list(reader(path, clean=clean, warn=ignore_warning, limits=limits))
    except NewstraceError:
        return []
    check_articles(arts, clean=clean, limits=limits)
    return arts


def _reader_target(ext: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        # the first byte picks clean or --no-clean, so both paths are fuzzed from one corpus
        clean = not data[:1] or data[0] % 4 != 0
        read_bytes_as(ext, data, clean=clean)

    return target


def claims_target(data: bytes) -> None:
    """Quote and quantity extraction on any text: spans valid, output deterministic."""
    from newstrace.claims import extract_claims

    text = normalize_body(data.decode("utf-8", errors="replace"))
    if not text:
        return
    a = Article.create(text[:20_000])
    claims = extract_claims(a)
    for q in claims.quotes:
        check_span(a.text, q.start, q.end, q.text)
        check_span(a.text, q.speaker_start, q.speaker_end, None)
    for n in claims.quantities:
        check_span(a.text, n.start, n.end, n.text)
        assert n.low is None or n.high is None or n.low <= n.high, (n.low, n.high)


def align_target(data: bytes) -> None:
    """Alignment of a text against an edited copy of itself: spans valid in both."""
    from newstrace.reuse import align_pair

    text = normalize_body(data.decode("utf-8", errors="replace"))[:20_000]
    if not text:
        return
    half = len(text) // 2
    a = Article.create(text)
    b = Article.create(normalize_body(text[half:] + "\n\n" + text[:half].replace("the", "a")) or "x")
    for p in align_pair(a, b):
        check_span(a.text, p.a_start, p.a_end, p.a_text)
        check_span(b.text, p.b_start, p.b_end, p.b_text)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "html": _reader_target(".html"),
    "jsonl": _reader_target(".jsonl"),
    "json": _reader_target(".json"),
    "csv": _reader_target(".csv"),
    "warc": _reader_target(".warc.gz"),
    "txt": _reader_target(".txt"),
    "claims": claims_target,
    "align": align_target,
}

#: which sample files seed which target's corpus (by file name ending)
SEED_SUFFIXES: dict[str, tuple[str, ...]] = {
    "html": (".html",),
    "jsonl": (".jsonl",),
    "json": (".json",),
    "csv": (".csv",),
    "warc": (".warc.gz", ".warc"),
    "txt": (".txt",),
    "claims": (".txt",),
    "align": (".txt",),
}


def seed_corpus(target: str) -> dict[str, bytes]:
    """Real and malformed seed inputs for ``target``, generated from the seed articles."""
    from fuzz.samples import good_files, malformed_files, seeds

    files = {**good_files(), **malformed_files()}
    out = {name: data for name, data in files.items() if name.endswith(SEED_SUFFIXES[target])}
    if target in ("claims", "align"):
        for s in seeds():
            for i, p in enumerate(s.paragraphs):
                out[f"{s.id}-p{i}.txt"] = p.encode("utf-8")
    return out


def env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default
