"""Ingest: turn files, folders and archives into ``Article`` objects with clean text.

``read_inputs`` is the one entry point the CLI, the web upload and the engines use. It expands
folders, picks the reader by extension, applies sidecar metadata and reports every input it could
not read, without stopping at the first.
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

from newstrace.errors import InputError, KeptWarnings, NewstraceError, a_path
from newstrace.ingest.base import (
    PAGE_OPENING,
    QualifiedIds,
    RepeatedIds,
    Stored,
    StoredOutlets,
    Warn,
    WarningGroups,
    cannot_read,
    damaged_gzip,
    ignore_warning,
    keyed_articles,
)
from newstrace.ingest.html import read_html, read_mhtml
from newstrace.ingest.records import note_lines_named, read_csv, read_json, read_jsonl
from newstrace.ingest.sidecar import described_files, is_sidecar, sidecar_path
from newstrace.ingest.text import read_txt
from newstrace.ingest.warc import Captures, read_warc, scan_captures
from newstrace.limits import LIMITS, Limits
from newstrace.model import Article


class Reader(Protocol):
    def __call__(
        self, path: Path, *, clean: bool = ..., warn: Warn, limits: Limits = ..., day_first: bool | None = ...
    ) -> Iterator[Article]: ...


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".mhtml": read_mhtml,
    ".mht": read_mhtml,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".tsv": read_csv,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}
#: Formats also read gzip-compressed (``corpus.jsonl.gz``), as datasets are shipped: the record
#: formats, and plain text (``a.txt.gz``, as a crawler or an archive of saved texts keeps them), which
#: was refused as unsupported beside them
GZIPPED = (".txt", ".jsonl", ".ndjson", ".json", ".csv", ".tsv")
SUPPORTED = ", ".join(READERS) + " (and " + ", ".join(ext + ".gz" for ext in GZIPPED) + ")"
#: every name ending ``reader_for`` reads (``.txt``, ``.warc.gz``, ``.tsv.gz`` ...), as the web
#: app's upload takes them: none is the end of another but ``.gz``'s, which comes alone with none
SUFFIXES: tuple[str, ...] = (*READERS, *(ext + ".gz" for ext in GZIPPED))


def _unsupported(path: Path) -> str:
    """Why a file given by name is not read: a saved page gzip-compressed (``gzip rt.html``) is
    said to need decompressing, as standard input's is, rather than be one more unknown type."""
    name = path.name.lower()
    if name.endswith(".gz") and reader_for(path.with_name(path.name[:-3])) in (read_html, read_mhtml):
        return (f"{path}: gzip-compressed page is not read: decompress it first "
                f"(gunzip -k {shlex.quote(str(path))}), then give the page")
    return f"{path}: unsupported file type (supported: {SUPPORTED})"


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return READERS[".warc.gz"]
    if name.endswith(".gz"):
        inner = Path(name[: -len(".gz")]).suffix
        return READERS[inner] if inner in GZIPPED else None
    return READERS.get(path.suffix.lower())


#: the files an operating system leaves in a folder a user opened, its own as a hidden file is
#: (macOS's ``.DS_Store`` is one): Windows' thumbnail caches and folder settings, in lower case
#: (its names are any case). They were counted as files of other types passed over, '1 .db, 1 .ini'.
OS_FILES = frozenset({"thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini"})


def left_out(name: str) -> bool:
    """Whether a folder's walk leaves the file or folder ``name`` out without a word: a hidden
    one (``.git``, ``.DS_Store``) or one the operating system keeps there (``OS_FILES``)."""
    return name.startswith(".") or name.lower() in OS_FILES


def _files_under(folder: Path, on_error: Callable[[NewstraceError], None]) -> list[Path]:
    """The files under ``folder`` in sorted order, hidden files and folders and the system's files
    left out (``left_out``). A linked folder is followed (``rglob`` passed over a dataset linked
    into the input folder without a word), each real folder once, so a link back up does not
    loop. A folder the system will not list (no permission) goes to ``on_error`` as an unreadable
    file does: ``os.walk`` passed over it in silence, and a folder given that could not be listed
    was said to hold no supported files."""
    found: list[Path] = []
    seen: set[str] = set()

    def unlisted(e: OSError) -> None:
        on_error(cannot_read(Path(e.filename) if e.filename else folder, e))

    for root, dirs, files in os.walk(folder, followlinks=True, onerror=unlisted):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if not left_out(d) and not _page_resources(d, files)]
        found += [Path(root, f) for f in files if not left_out(f)]
    return sorted(p for p in found if p.is_file())


#: the pages a browser saves "complete" with a folder of their resources beside them
_SAVED_PAGES = (".html", ".htm")


def _page_resources(folder: str, files: list[str]) -> bool:
    """Whether ``folder`` holds the resources of a page saved "complete" by a browser: Chrome,
    Edge and Firefox save ``NAME.html`` with ``NAME_files`` beside it, its scripts, styles, images
    and frames. Its frames (``saved_resource.html``: ads, a recommended-stories box) were read as
    articles of their own, untitled or "Recommended", of no outlet, one carrying another outlet's
    text, which reuse then found copied."""
    if not folder.endswith("_files"):
        return False
    name = folder[: -len("_files")]
    return any(name + ext in files for ext in _SAVED_PAGES)


def _walked_from(path: Path, folders: set[Path]) -> bool:
    """Whether the walk of one of ``folders`` (resolved) reads ``path``: it lies below one, with
    no file or folder left out on the way (``left_out``: ``_files_under`` passes those over)."""
    real = path.resolve()
    for parent in real.parents:
        if parent in folders:
            return not any(left_out(part) for part in real.relative_to(parent).parts)
    return False


def _lone_sidecar(path: Path, folders: set[Path]) -> InputError | None:
    """What to say of a sidecar given without the article file it describes, or None when a
    folder given with it holds that file, which reads it (``ingest dir/ dir/a.meta.json``: it
    was called "given alone" and skipped, ``--strict`` failing, though its metadata was read)."""
    beside = described_files(path)
    if any(_walked_from(f, folders) for f in beside):
        return None
    if beside:
        return InputError(f"{path}: metadata for {beside[0]}, not an article: give that file, which reads it")
    return InputError(
        f"{path}: metadata for the article file of the same name (NAME.txt, NAME.html or NAME.mhtml), not an "
        "article, and no such file is beside it"
    )


def _placed(path: Path) -> Path:
    """Where a file sits, its folder resolved and its name as given: a sidecar is matched to its
    article by the place it has beside it, as ``read_sidecar`` finds it. Resolving the sidecar
    itself followed its link, and a link to itself raised ``RuntimeError`` ('Symlink loop'), an
    internal error for ``ingest a.txt b.meta.json`` beside a looping ``a.meta.json``."""
    return Path(os.path.realpath(path.parent)) / path.name


#: the input ``-``: standard input, one article (``read_inputs``)
STDIN = Path("-")
#: how standard input is named in messages and as its article's ``source``
STDIN_NAME = "<stdin>"


def stored_source(source: str | None) -> str | None:
    """An article's ``source`` as the store keeps it: the file it was read from by its absolute
    path (``os.path.abspath``: the folders as the user names them, links not followed, ``.`` and
    ``..`` folded), standard input as ``STDIN_NAME``. ``read_inputs`` gives it each article of a
    file named by a relative path (``Article.source_file``), which ``Store.add_articles`` stores,
    for ``ingest`` and a library caller alike. Stored as given, ``ingest ./rt.txt`` kept
    "rt.txt", which ``show``, ``list`` and the web app, run from another folder, named as if it
    were there (and ``show`` reads that file to name a record by its line); the store knows an
    input read again by its place too (``Store.same_input``, ``Store.earlier_reading``), which a
    path relative to where one run stood does not give."""
    return os.path.abspath(source) if source and source != STDIN_NAME else source


def input_name(path: Path | str) -> str:
    """How an input given on the command line is named in a message: ``-`` as ``<stdin>``, as
    every message of the read names it, so a closing 'no articles could be read' does not name
    '-' under a line that named ``<stdin>``."""
    return STDIN_NAME if str(path) == "-" else str(path)


def file_type(path: Path) -> str:
    """A file's type as a message counts it: its extension in lower case (``.pdf``; ``.html.gz``
    for a compressed one), or "without extension"."""
    name = path.name.lower()
    if name.endswith(".gz") and (inner := Path(name[: -len(".gz")]).suffix):
        return inner + ".gz"
    return Path(name).suffix or "without extension"


def iter_files(
    paths: Iterable[Path], on_error: Callable[[NewstraceError], None], *, stdin: bool = False,
    passed_over: Callable[[Path], None] | None = None,
) -> Iterator[Path]:
    """Every readable input file under ``paths`` in a stable (sorted) order; with ``stdin``, ``-``
    is yielded as ``STDIN`` where it stands (once: a second ``-`` has nothing left to read).
    ``passed_over`` hears of each file in a folder given that no reader reads (a PDF, an image):
    such files are no input given, and no error, but a run that passed over them in silence left
    a folder of PDFs beside its texts unremarked. A folder that holds no file read is said to hold
    no supported files, and its files of other types are passed over all the same (they went
    uncounted, ``ingest --json``'s ``passed_over`` ``{}`` for a folder of PDFs)."""
    paths = list(paths)
    stdin_given = False
    # each file once, however often it is given: by name and in its folder (``ingest data/*.jsonl
    # data``), twice by name, or through a link; read again, every record of it was "already read
    # in this run", a warning apiece (``--strict``: exit 2) for what is one input
    yielded: set[str] = set()

    def first_time(path: Path) -> bool:
        real = os.path.realpath(path)
        if real in yielded:
            return False
        yielded.add(real)
        return True
    described: set[Path] | None = None  # the sidecars of the paths given, built at the first sidecar
    folders: set[Path] | None = None  # the folders given, resolved, built at the first sidecar not described
    for path in paths:
        if is_sidecar(path) and (path.is_symlink() or (path.exists() and not path.is_dir())):
            # read with the file it describes (a shell's '*' gives both); given alone, it was passed
            # over without a word and the run said only "no articles could be read"
            # (one set for the run: a scan of every path per sidecar was quadratic, 50,000 '*.meta.json'
            # of a shell's '*' over 100,000 files made 5 billion lookups before the first article)
            # A sidecar that is a link, to nothing, a folder or itself too, is no missing input nor
            # a folder to walk: its article's reader reads it or says what is wrong with it.
            if described is None:
                described = {_placed(sidecar_path(other)) for other in paths if not is_sidecar(other)}
            if _placed(path) not in described:
                if folders is None:
                    folders = {other.resolve() for other in paths if other.is_dir()}
                if (alone := _lone_sidecar(path, folders)) is not None:
                    on_error(alone)
        elif stdin and str(path) == "-":
            if stdin_given:
                on_error(InputError(f"{STDIN_NAME}: '-' given again; standard input is read once"))
            else:
                stdin_given = True
                yield STDIN
        elif not path.exists():
            if str(path) == "-":  # read as a file of that name, which said "no such file or folder"
                on_error(InputError("-: standard input is not read: save the articles to a file and give its name"))
            else:
                on_error(InputError(f"{path}: no such file or folder"))
        elif path.is_dir():
            found = unlisted = False
            others: list[Path] = []  # files of no type read, said once the folder holds one read

            def said(e: NewstraceError) -> None:
                nonlocal unlisted
                unlisted = True
                on_error(e)

            for child in _files_under(path, said):
                if is_sidecar(child):
                    continue
                if reader_for(child) is not None:
                    found = True
                    if first_time(child):
                        yield child
                elif first_time(child):
                    others.append(child)
            if not found and not unlisted:
                on_error(InputError(f"{path}: folder holds no supported files ({SUPPORTED})"))
            if passed_over is not None:  # a folder of PDFs alone too: it was skipped, its PDFs left uncounted
                for other in others:
                    passed_over(other)
        elif reader_for(path) is None:
            on_error(InputError(_unsupported(path)))
        elif first_time(path):
            yield path


def _raise(e: NewstraceError) -> None:
    raise e


def ignore_error(_: NewstraceError) -> None:
    """For a walk of inputs already walked, whose errors were said."""


#: the inputs of a read: files and folders, or one of them
Inputs = Iterable[Path | str] | Path | str


def read_inputs(
    paths: Inputs,
    *,
    clean: bool = True,
    warn: Warn = ignore_warning,
    on_error: Callable[[NewstraceError], None] | None = None,
    limits: Limits = LIMITS,
    day_first: bool | None = None,
    on_file_end: Callable[[], None] | None = None,
    passed_over: Callable[[Path], None] | None = None,
) -> Iterator[Article]:
    """Yield the articles of every input; ``on_error`` receives inputs that could not be read,
    ``passed_over`` the files of other types in a folder given (``iter_files``).

    A file's warnings reach ``warn`` when it has been read, those alike said as one line with a
    count (``WarningGroups``); ``on_file_end`` is called then, before anything of the next file. ``day_first`` says how to read a slash date whose day and month could be either way (4/7/2017)
    in a file where no other date decides it: ``None`` reads it month-first and warns once per file.

    Without ``on_error`` the first unreadable input raises, which suits library callers that pass
    one known-good file. ``paths`` may be one path (``read_inputs("examples")``): a string is a
    path, not the sequence of its characters (each read as a missing file 'e', 'x', ...).

    Each article's ``source`` names its file as given (``examples/a.txt``), as messages name it;
    a file named by a relative path carries its absolute one too (``Article.source_file``), which
    ``Store.add_articles`` stores as ``ingest`` does, so the stored article is the same either way.
    """
    handler = on_error or _raise
    given = input_paths(paths, "read_inputs")
    captures: Captures | None = None  # of the run's archives, scanned at the first
    for path in iter_files(given, handler, stdin=True, passed_over=passed_over):
        if path is STDIN:
            said = WarningGroups(STDIN_NAME, warn)
            try:
                yield from _read_stdin(clean=clean, warn=said.add, on_error=handler, limits=limits, day_first=day_first)
            finally:
                said.flush()
                if on_file_end is not None:
                    on_file_end()
            continue
        reader = reader_for(path)
        assert reader is not None
        said = WarningGroups(str(path), warn)  # a file's alike warnings said as one line
        given_here = 0  # articles of this file given before any damage that ends it (``NewstraceError.kept``)
        try:
            if reader is read_warc:
                # a page is its latest capture in any of the run's archives (a crawl of each month
                # holds it in each): its earlier ones, in this archive or another, are not read
                if captures is None:
                    captures = scan_captures(p for p in iter_files(given, ignore_error) if reader_for(p) is read_warc)
                articles = read_warc(path, clean=clean, warn=said.add, limits=limits, day_first=day_first, captures=captures)
            else:
                articles = reader(path, clean=clean, warn=said.add, limits=limits, day_first=day_first)
            for article in articles:
                given_here += 1
                if article.source and (placed := stored_source(article.source)) and placed != article.source:
                    article.source_file = (article.source, placed)  # kept by the store, as ingest keeps it
                yield article
        except NewstraceError as e:
            handler(_kept(e, given_here))
        except (EOFError, zlib.error) as e:
            # a gzip input cut short or damaged (what was read before the damage is kept)
            handler(_kept(damaged_gzip(path, e), given_here))
        except (OSError, MemoryError) as e:
            handler(_kept(cannot_read(path, e), given_here))
        except Exception as e:
            # a reader bug on a hostile file must not end a batch of thousands; the fuzz and property
            # tests call the readers directly, so such bugs still fail there
            first = str(e).splitlines()[0][:200] if str(e) else ""
            handler(_kept(InputError(f"{path}: unreadable ({type(e).__name__}: {first}; please report this newstrace bug)"), given_here))
        finally:
            said.flush()
            if on_file_end is not None:
                on_file_end()


def _kept(e: NewstraceError, given: int) -> NewstraceError:
    """``e`` with the articles its input gave before it (``NewstraceError.kept``)."""
    e.kept = given
    return e


#: what makes standard input a page rather than plain text: how a saved or fetched page opens
_PAGE_OPENING = PAGE_OPENING
#: records rather than an article: an object opening with its first key (JSON Lines, or one
#: pretty-printed document), or an array opening with its first object (a text may open with
#: "[UPDATE]", never with '{"' or '[{')
_JSON_OPENING = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:(\{)\s*\"|\[\s*[{\]])")


#: how a gzip stream opens (RFC 1952), whatever its name would have been
_GZIP_MAGIC = b"\x1f\x8b"


def _stdin_kind(head: bytes) -> str:
    """The extension whose reader reads standard input, from its first bytes. Gzip (``gzip -c
    a.jsonl | newstrace ingest -``, said to be a 'binary file, not text' before) is named by what
    its first decompressed bytes open as: ``.jsonl.gz``, ``.json.gz`` or ``.warc.gz`` are read as
    such files are, and so is ``.txt.gz``; ``.html.gz`` has no reader (a file so named is not read
    either), which ``_read_stdin`` says. A head that does not decompress goes to the records
    reader, which names the damage."""
    if head.startswith(_GZIP_MAGIC):
        try:
            inner = zlib.decompressobj(wbits=31).decompress(head, 4096)
        except zlib.error:
            return ".jsonl.gz"
        return _stdin_kind(inner) + ".gz" if inner and not inner.startswith(_GZIP_MAGIC) else ".jsonl.gz"
    if head.startswith(b"WARC/1."):  # a web archive's first record header, as read_warc checks
        return ".warc"
    if _PAGE_OPENING.match(head):
        return ".html"
    json_opening = _JSON_OPENING.match(head)
    if json_opening:
        return ".jsonl" if json_opening.group(1) else ".json"  # .jsonl reads one pretty-printed object too
    return ".txt"


def _read_stdin(
    *, clean: bool, warn: Warn, on_error: Callable[[NewstraceError], None], limits: Limits, day_first: bool | None
) -> Iterator[Article]:
    """Standard input (``-``), read by the reader of the file it would be: a page's HTML (``curl
    URL | newstrace extract -``) as a ``.html`` file, JSON records (``jq -c ... | newstrace ingest
    -``) as a ``.jsonl`` or ``.json`` file, a web archive as a ``.warc`` file, gzip as the ``.gz``
    file it would be (``_stdin_kind``), anything else as one article's text, as a ``.txt``
    file. It is copied to a temporary file (as a web upload is), so the readers' own limits hold
    (one article file's bytes; a record's), and every message names it ``<stdin>``, as does each
    article's ``source``. CSV is read as text: give a CSV by its name."""
    import shutil
    import sys
    import tempfile

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # no standard input at all (closed, a service, pythonw)
        on_error(InputError(f"{STDIN_NAME}: no standard input to read"))
        return
    head = stream.read(4096)
    kind = _stdin_kind(head)
    if reader_for(Path("stdin" + kind)) is None:  # gzip of a page, read from no file either
        on_error(InputError(f"{STDIN_NAME}: gzip-compressed HTML is not read: decompress it first (gunzip -c FILE | newstrace ...)"))
        return
    with tempfile.TemporaryDirectory(prefix="newstrace-stdin-") as tmp:
        file = Path(tmp, "stdin" + kind)
        with file.open("wb") as fh:
            fh.write(head)
            shutil.copyfileobj(stream, fh, 1 << 20)

        def named(message: str) -> str:
            return message.replace(str(file), STDIN_NAME)

        reader = reader_for(file)
        assert reader is not None
        if reader is read_txt:  # no name to change: a table read as text is said to need saving as one
            reader = functools.partial(read_txt, unnamed=True)
        note_lines_named(STDIN_NAME, file)  # its records are named as the file's: '<stdin>:N' for JSON Lines
        try:
            for article in reader(file, clean=clean, warn=lambda m: warn(named(m)), limits=limits, day_first=day_first):
                article.source = STDIN_NAME
                yield article
        except NewstraceError as e:
            again = type(e)(named(str(e)))
            again.exit_code = e.exit_code
            on_error(again)
        except (EOFError, zlib.error) as e:
            on_error(InputError(named(str(damaged_gzip(file, e)))))
        except (OSError, MemoryError) as e:
            on_error(InputError(named(str(cannot_read(file, e)))))


def read_unique(
    paths: Inputs,
    *,
    clean: bool = True,
    warn: Warn = ignore_warning,
    on_error: Callable[[NewstraceError], None] | None = None,
    day_first: bool | None = None,
    stored: Stored | None = None,
    stored_outlets: StoredOutlets | None = None,
    repeats: RepeatedIds | None = None,
    passed_over: Callable[[Path], None] | None = None,
) -> Iterator[Article]:
    """``read_inputs`` with each article once, under its id in this run (``base.keyed_articles``):
    a later record of an article already read is skipped, its first kept, and each file's are
    said in one warning (``RepeatedIds``: ``repeats``, else one that tells ``warn``); an id
    another outlet's article holds, read earlier or ``stored`` in the database the articles go
    to, becomes ``OUTLET:ID``, with one warning per file, said right after the file's own; an
    outlet is spelled as ``stored_outlets`` spell it, else as the run first did, case aside. What
    the commands that read inputs take in."""
    qualified = QualifiedIds(warn)
    repeated = repeats or RepeatedIds(warn)

    def file_end() -> None:
        qualified.flush()
        repeated.flush()

    read = read_inputs(
        paths, clean=clean, warn=warn, on_error=on_error, day_first=day_first, on_file_end=file_end, passed_over=passed_over
    )
    yield from keyed_articles(read, repeated.add, stored=stored, qualified=qualified, stored_outlets=stored_outlets)
    repeated.flush()


def read_articles(paths: Inputs, *, clean: bool = True) -> list[Article]:
    """All articles of ``paths``, raising on the first unreadable input, and when the inputs give
    no article at all, as every command does ("no articles could be read"), with the reasons the
    read gave (``read_inputs`` says them to its ``warn``). A JSON array of no objects gave ``[]``,
    which read as a file read in full that held nothing."""
    given = input_paths(paths, "read_articles")
    said = KeptWarnings(3)  # a read of millions of records may warn of each
    articles = list(read_inputs(given, clean=clean, warn=said.note))
    if given and not articles:
        why = f" ({'; '.join(said.lines())})" if said.total else ""
        raise InputError(f"{', '.join(map(input_name, given))}: no articles could be read{why}")
    return articles


def input_paths(paths: Inputs, where: str) -> list[Path]:
    """The paths of ``read_inputs``' ``paths``: one path (a string is a path, not the sequence of
    its characters, each read as a missing file 'e', 'x', ...) or an iterable of them; anything
    else is refused, naming ``where`` it was given (``ArgumentError``), where ``42`` failed as
    "'int' object is not iterable"."""
    if isinstance(paths, str | os.PathLike):
        return [Path(paths)]
    if not isinstance(paths, Iterable):
        a_path(paths, f"{where}: paths")
    return [Path(a_path(p, f"{where}: paths item {i}")) for i, p in enumerate(paths)]


__all__ = ["READERS", "read_articles", "read_inputs", "read_unique", "reader_for"]
