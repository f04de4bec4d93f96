"""Upload: pasted text, saved HTML or files in, the compare report out.

The bytes go through the same readers as ``newstrace ingest`` (``read_unique``), which means they
must sit in files: each upload gets its own temporary folder, and every file in it has a name this
module chooses (``upload-03.html``); the name the client sent is only used to pick the reader from
a fixed allow-list of extensions and as a label. Nothing from the request becomes a path.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import UploadFile
from starlette.concurrency import run_in_threadpool

from newstrace.errors import InputError, KeptWarnings, LimitError, NewstraceError, kept_note
from newstrace.ingest import SUFFIXES, read_unique
from newstrace.ingest.base import Stored, StoredOutlets, looks_binary, parse_date_value
from newstrace.ingest.sidecar import DESCRIBED
from newstrace.limits import Limits, human_bytes
from newstrace.model import Article, published_iso
from newstrace.web import schemas as s
from newstrace.web.render import MAX_OUTLET_CHARS, listed_as, page_order
from newstrace.web.repo import Repo

#: Name endings an upload may have: those ``newstrace ingest`` reads (``ingest.SUFFIXES``), web
#: archives and gzip too; the form took 8 of them, and a .tsv, .mhtml or .warc.gz that ``ingest``
#: reads was refused as "unsupported file type"
ALLOWED = SUFFIXES
#: the endings as the form and a refusal list them: ``.txt .html ... .tsv.gz``
ALLOWED_TEXT = " ".join(ALLOWED)
#: the form's ``accept``: the endings, and ``.gz`` for a file chooser that matches a name's last
#: ending alone
ALLOWED_ACCEPT = ",".join((*ALLOWED, ".gz"))
#: endings whose files are binary as they should be (gzip; a web archive's records may hold images)
BINARY_ALLOWED = (".gz", ".warc")
#: the name ending of a metadata sidecar (``ingest``'s ``NAME.meta.json``)
SIDECAR = ".meta.json"
#: an uploaded article's ``source``: its file's name, or "pasted text", after it
UPLOAD_SOURCE = "upload: "
#: Most files and articles one upload may hold (compare stays readable and quick).
MAX_FILES = 20
MAX_ARTICLES = 50
#: warnings an upload's answer lists; the rest are counted (a 5 MB CSV can warn of every one of
#: its tens of thousands of records, each date that cannot be read named, and a page of them says
#: no more than the first few and a count)
MAX_WARNINGS = 20


def upload_limits(limits: Limits) -> str:
    """What the form accepts, said before a user picks files rather than after a refusal."""
    return f"at most {human_bytes(limits.max_upload_bytes)} in all, {MAX_FILES} files and {MAX_ARTICLES} articles"


def form_context(limits: Limits) -> dict[str, Any]:
    """What upload.html says it takes (limits, file types), wherever the form is shown."""
    return {"limits": upload_limits(limits), "types": ALLOWED_TEXT, "accept": ALLOWED_ACCEPT}


def _ext(filename: str | None) -> str | None:
    name = (filename or "").lower().strip()
    return next((suffix for suffix in ALLOWED if name.endswith(suffix)), None)


@dataclass(frozen=True)
class Pasted:
    """What the form says of the pasted text, which has none of it in it: the outlet, the date
    (without it a pasted article was "no date", and the report linked it to the others "without a
    direction"), the title (else its first line) and the URL. Empty fields say nothing."""
    outlet: str = ""
    date: str = ""
    title: str = ""
    url: str = ""

    def fields(self) -> dict[str, str]:
        """The sidecar fields (``ingest``'s ``NAME.meta.json``) for the pasted text; ``InputError``
        names a date that cannot be read, or a URL that is no web address, and nothing is stored."""
        fields = {"outlet": _outlet(self.outlet), "title": self.title.strip()}
        if self.date.strip():
            published = parse_date_value(self.date.strip())
            if published is None:
                raise InputError(f"the pasted text's date '{self.date.strip()}' could not be read: write it as "
                                 "2016-10-30 (or 2016-10-30 14:05, or 30 October 2016), or leave it empty")
            fields["published"] = published_iso(published) or ""
        fields["url"] = _web_address(self.url, "the pasted text's URL") or ""
        return {k: v for k, v in fields.items() if v}


def _outlet(outlet: str) -> str:
    """The pasted text's outlet, or ``InputError`` saying what is wrong with it, as for its date:
    ``ingest`` made a line break or another control character in it a space and one of only
    spaces no outlet, so what was typed was stored as another name or none, and one longer than
    the outlet filters take (``MAX_OUTLET_CHARS``) was stored with no link that listed it."""
    name = outlet.strip()
    if outlet and not name:
        raise InputError("the pasted text's outlet is only spaces: write its name (rt.com), or leave it empty")
    bad = next((c for c in name if unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        raise InputError(f"the pasted text's outlet holds the control character U+{ord(bad):04X}: "
                         "write its name on one line")
    if len(name) > MAX_OUTLET_CHARS:
        raise InputError(f"the pasted text's outlet is {len(name):,} characters long: "
                         f"an outlet's name is at most {MAX_OUTLET_CHARS}")
    return name


def _web_address(url: str, what: str) -> str | None:
    clean = url.strip() or None
    if clean and not clean.lower().startswith(("http://", "https://")):
        raise InputError(f"{what} must start with http:// or https://")
    return clean


def _label(filename: str | None) -> str:
    """How an uploaded file is named on the page and in its messages: the name the browser gave,
    printable and cut at 120 characters, or its last part when that name is a path (a backslash,
    as old browsers sent ``C:\\Users\\...``, a leading ``/``, or a ``.``/``..`` part), so no
    client folder is named. A name that merely holds a slash is the name: ``Assad </b> speech.txt``
    was shown as ``b> speech.txt``."""
    name = filename or "file"
    parts = name.replace("\\", "/").split("/")
    if "\\" in name or any(part in ("", ".", "..") for part in parts[:-1]):
        name = parts[-1]
    return "".join(c for c in name if c.isprintable())[:120] or "file"


@dataclass
class Uploaded:
    articles: list[Article]
    report: dict[str, Any] | None
    warnings: list[str]
    saved: bool
    #: how many warnings the upload gave: ``warnings`` lists the first ``MAX_WARNINGS`` and a line counting the rest
    warnings_total: int

    def result(self) -> s.UploadResult:
        return s.UploadResult(
            articles=[s.ArticleBrief(**a.brief()) for a in self.articles],
            report=s.CompareReport(**self.report) if self.report is not None else None,
            warnings=self.warnings,
            warnings_total=self.warnings_total,
            saved=self.saved,
        )


async def handle_upload(
    repo: Repo, *, text: str, html: str, url: str, files: list[UploadFile], save: bool, pasted: Pasted | None = None
) -> Uploaded:
    """Read, check and compare one upload; ``NewstraceError`` names what was wrong with it."""
    limits = repo.limits
    about = (pasted or Pasted()).fields()
    if about and not text.strip():
        raise InputError("the outlet, date, title and URL for pasted text describe the pasted text: paste its text too")
    if len(files) > MAX_FILES:
        raise LimitError(f"{len(files)} files in one upload; at most {MAX_FILES}")
    payloads: list[tuple[str, str, bytes]] = []  # (label, extension, bytes)
    budget = limits.max_upload_bytes
    if text.strip():
        payloads.append(("pasted text", ".txt", text.encode("utf-8", "replace")))
    if html.strip():
        payloads.append(("pasted HTML", ".html", html.encode("utf-8", "replace")))
    for f in files:
        if not f.filename and not f.size:
            continue  # the empty file input of a form
        ext = _ext(f.filename)
        if ext is None:
            raise InputError(f"{_label(f.filename)}: unsupported file type (upload {ALLOWED_TEXT})")
        data = await f.read(budget + 1)
        if len(data) > budget:
            raise LimitError(f"{_label(f.filename)}: larger than the {human_bytes(limits.max_upload_bytes)} upload limit")
        if not data.strip():
            raise InputError(f"{_label(f.filename)}: empty file")
        if looks_binary(data) and not ext.endswith(BINARY_ALLOWED):
            raise InputError(f"{_label(f.filename)}: binary file, not text")
        payloads.append((_label(f.filename), ext, data))
    total = sum(len(p[2]) for p in payloads)
    if total > budget:
        raise LimitError(f"upload of {human_bytes(total)} is larger than the {human_bytes(budget)} limit")
    if not payloads:
        raise InputError("nothing to compare: paste text or HTML, or choose files")
    clean_url = _web_address(url, "the URL")
    # stored, they are keyed as ``ingest`` keys them against the database (an id another outlet's
    # article holds there is OUTLET:ID; "rt" is the "RT" it holds), so the report names them by the
    # ids and outlets they are stored under
    storing = save and not repo.readonly
    keyed_by, spelled_by = (repo.holder, repo.outlet_names) if storing else (None, None)
    articles, errors, said = await run_in_threadpool(_read, payloads, clean_url, keyed_by, spelled_by, about)
    warnings = errors + said.lines()  # what could not be read at all first
    total = len(errors) + said.total
    if not articles:
        raise InputError("no article text found in the upload" + (f" ({warnings[0]})" if warnings else ""))
    report = await asyncio.to_thread(repo.compare, articles)
    saved = False
    if save:
        counts = await run_in_threadpool(repo.save_articles, articles)
        saved = counts is not None
        if counts is None:
            warnings.append("not stored: the server was started read-only")
            total += 1
        else:  # an article the database holds under another id: its page is that id's
            by_source: dict[str, list[tuple[str, str]]] = {}
            for source, read_as, stored_as in counts.duplicates:
                by_source.setdefault(source or "upload", []).append((read_as, stored_as))
            warnings += [_stored_before(source, pairs) for source, pairs in by_source.items()]
            total += len(by_source)
            again: dict[str, list[tuple[str, str]]] = {}
            for source, read_as, stored_as in counts.read_again:
                again.setdefault(source or "upload", []).append((read_as, stored_as))
            warnings += [_read_before(source, pairs) for source, pairs in again.items()]
            total += len(again)
    # stored in the upload's order; shown, and answered, in the page's (its columns' and drawing's)
    articles = page_order(articles, report)
    return Uploaded(articles, listed_as(report, articles), warnings, saved, total)


def _read(
    payloads: list[tuple[str, str, bytes]], url: str | None, stored: Stored | None = None,
    stored_outlets: StoredOutlets | None = None, about: dict[str, str] | None = None,
) -> tuple[list[Article], list[str], KeptWarnings]:
    """Write each payload under a name chosen here, read them all, relabel their sources; gives
    the articles, the inputs that could not be read (one each at most) and the warnings. An upload
    of more than ``MAX_ARTICLES`` is refused (``LimitError``) as soon as the first article past it
    is read."""
    warnings = KeptWarnings(MAX_WARNINGS)
    errors: list[str] = []
    articles: list[Article] = []
    with tempfile.TemporaryDirectory(prefix="newstrace-upload-") as tmp:
        folder = Path(tmp)
        labels: dict[str, str] = {}
        paths: list[Path] = []
        # a sidecar sent with its file (``a.meta.json`` with ``a.txt``, as ``ingest a.*`` reads them)
        # is written beside the name chosen for that file, whose metadata it is: no record file
        owners: dict[str, int] = {}
        for i, (label, ext, _) in enumerate(payloads):
            stem, dot, _ = label.rpartition(".")
            if dot and ext in DESCRIBED:
                owners.setdefault(stem, i)
        for i, (label, ext, data) in enumerate(payloads):
            if label.lower().endswith(SIDECAR):
                owner = owners.pop(label[: -len(SIDECAR)], None)
                if owner is None:
                    errors.append(f"{label}: metadata for the article file of the same name (NAME.txt, NAME.html or NAME.mhtml), "
                                  "not an article, and the upload holds no such file")
                else:
                    (folder / f"upload-{owner:02d}{SIDECAR}").write_bytes(data)
                continue
            path = folder / f"upload-{i:02d}{ext}"
            path.write_bytes(data)
            labels[str(path)] = label
            paths.append(path)
            side = {"pasted HTML": {"url": url} if url else None, "pasted text": about}.get(label)
            if side:
                (folder / f"upload-{i:02d}{SIDECAR}").write_text(json.dumps(side), encoding="utf-8")

        def on_error(e: NewstraceError) -> None:
            errors.append(_relabel(kept_note(e), labels))

        def on_warning(message: str) -> None:
            warnings.note(_relabel(message, labels))

        # each article once, its first record, and a warning for the others; another outlet's id as
        # OUTLET:ID (as `ingest` and `compare`); refused at the article past the limit, not once the
        # rest of a 5 MB file is read and cleaned
        for a in read_unique(paths, warn=on_warning, on_error=on_error, stored=stored, stored_outlets=stored_outlets):
            if len(articles) == MAX_ARTICLES:
                raise LimitError(f"more than {MAX_ARTICLES} articles in one upload; at most {MAX_ARTICLES}")
            a.source = UPLOAD_SOURCE + labels.get(a.source or "", "file")
            articles.append(a)
    return articles, errors, warnings


def _stored_before(source: str, pairs: list[tuple[str, str]]) -> str:
    """What the page says of an upload's articles the database holds under another id, given as
    (id read, id stored). ``ingest``'s line behind the article's source read "upload: rt.html: 1
    article already stored under another id, not stored again: ...", a prefix twice and no
    sentence; this one names the file and says what became of it."""
    label = source.removeprefix(UPLOAD_SOURCE) or "the upload"
    read_as, stored_as = pairs[0]
    why = "the same text from the same outlet, or at the same address"
    if len(pairs) == 1:
        return (f"{label} is already stored, as article {stored_as} ({why}), so it was not stored again; "
                f"{read_as} in this report is that article")
    return (f"{len(pairs):,} articles of {label} are already stored under other ids ({why}), so they were not "
            f"stored again; {read_as} in this report, for one, is article {stored_as}")


def _read_before(source: str, pairs: list[tuple[str, str]]) -> str:
    """What the page says of an upload's articles stored before from the same input (the same
    paste or file: ``Store.same_input``), which this newstrace reads otherwise, so under another
    id: kept under the id stored, with the text read now, which the report's id is not."""
    label = source.removeprefix(UPLOAD_SOURCE) or "the upload"
    read_as, stored_as = pairs[0]
    if len(pairs) == 1:
        return (f"{label} was stored before, as article {stored_as}, and is kept under that id with its text as read "
                f"now; {read_as} in this report is that article")
    return (f"{len(pairs):,} articles of {label} were stored before under other ids, and are kept under them with "
            f"their text as read now; {read_as} in this report, for one, is article {stored_as}")


def _relabel(message: str, labels: dict[str, str]) -> str:
    """Messages name the client's label, never the temporary path."""
    for path, label in labels.items():
        message = message.replace(path, label)
    return message


