"""``newstrace ingest``, ``list`` and ``show``: get articles into the store and look at them."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli.app import (
    DEFAULT_DB,
    ONE_OR_MORE,
    BatchAlias,
    DayFirstFlag,
    DbOption,
    InputsArg,
    JsonFlag,
    LimitOption,
    MonthFirstFlag,
    NoCleanFlag,
    PassedOver,
    app,
    check_ranges,
    cut_caption,
    date_order,
    discard_empty,
    emit_json,
    err,
    given_batch_size,
    none_read,
    one_line,
    out,
    progress,
    ranged,
    rows_shown,
    safe,
    sigterm_stops,
    waiting,
    waits_for_the_write_lock,
    warn,
)
from newstrace.errors import (
    AmbiguousId,
    InputError,
    Interrupted,
    KeptWarnings,
    NewstraceError,
    StoreError,
    input_problem,
    kept_note,
)
from newstrace.ingest import input_name, read_unique
from newstrace.ingest.base import (
    RepeatedIds,
    duplicates_counted,
    duplicates_lines,
    qualified_ids_warning,
)
from newstrace.ingest.records import source_name
from newstrace.model import Article, Holder, counted, published_iso
from newstrace.store.lock import lock_path
from newstrace.store.results import outlet_name
from newstrace.store.sqlite import IngestCounts, Store, check_db_path
from newstrace.tables import Phrases, Words, listing_table

BATCH = 500
#: warnings the ``--json`` document lists; the rest are counted (every one is printed on stderr as it
#: is met, and a million-record input with a warning each must not be held to the end)
JSON_WARNINGS = 100


@app.command()
@waits_for_the_write_lock
@sigterm_stops()
def ingest(
    ctx: typer.Context,
    inputs: InputsArg,
    db: DbOption = DEFAULT_DB,
    no_clean: NoCleanFlag = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 2 if any input or record was skipped or anything else was warned of, such as a date that cannot be read or an id kept as OUTLET:ID (what could be read is stored all the same; a re-run that finds an article stored under its OUTLET:ID already warns of nothing).")] = False,
    as_json: JsonFlag = False,
    batch_size: Annotated[
        int, ranged(ONE_OR_MORE, "--batch-size", help="Articles per transaction (each batch is committed as a whole).")
    ] = BATCH,
    batch_alias: BatchAlias = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="After each committed batch print 'committed N' on stderr: the first N articles read are stored.",
        ),
    ] = False,
    day_first: DayFirstFlag = False,
    month_first: MonthFirstFlag = False,
) -> None:
    """Read articles from files and folders into the database; re-ingesting adds nothing.

    Articles are committed in batches, so an interrupted ingest keeps every batch it reported and a
    re-run adds only the rest.

    A publication date keeps the UTC offset its input writes. A time written without one is
    ordered as UTC (in listings, stories and provenance); of a page that writes its time both
    ways, the one with the offset is kept.
    """
    dates = date_order(ctx, day_first, month_first)
    check_ranges(ctx)
    batch_size = given_batch_size(ctx, batch_size, batch_alias)
    errors: list[NewstraceError] = []
    warnings = KeptWarnings(JSON_WARNINGS, ", said on stderr")

    # said on stderr with --json too (stdout holds the one document, which lists the first of them)
    def on_warning(message: str) -> None:
        warnings.note(message)
        warn(message)

    # a file's repeated ids: one line, which names the first few and counts the rest (thousands of
    # lines, one a record, buried the rest), a warning as any other line is: the document lists and
    # counts the lines said, a grouped one once ('text is empty (2 times)' was 1, 198 repeats 198)
    repeats = RepeatedIds(on_warning)

    def on_error(e: NewstraceError) -> None:
        errors.append(e)
        err.print(f"newstrace: {one_line(input_problem(e))}", markup=False, highlight=False, soft_wrap=True)

    # files of types no reader reads in the folders given (PDFs, images): no input given and no
    # warning (--strict exits 0), but said once, counted by type, where they went unremarked
    passed_over = PassedOver("ingest")

    total = IngestCounts()
    # a bad --db fails before any input is read; a new database is created only once there is
    # something to put in it, so bad input never leaves an empty database behind
    store: Store | None = Store(db, on_wait=waiting) if db.exists() else None
    created = store is None  # this run makes the file: a Ctrl-C before its first commit takes it away
    if store is None:
        check_db_path(db)
    read = 0
    own = _database_files(db)  # once the path is known good (a loop of links is said by check_db_path)

    def pass_over(path: Path) -> None:
        if Path(os.path.realpath(path)) not in own:  # the database this run writes to, in a folder it reads
            passed_over(path)

    def stored(article_id: str) -> Holder | None:
        """What the database holds under an id: a given id another outlet's article holds there
        is stored as ``OUTLET:ID``, in either order of the runs, and re-runs find it there."""
        return store._holder(article_id) if store is not None else None

    def stored_outlets() -> list[str]:
        """The outlets the database names: "rt" in a new file is stored as the "RT" it holds."""
        return store.outlet_names() if store is not None else []

    try:
        articles = read_unique(
            inputs, clean=not no_clean, warn=on_warning, on_error=on_error, day_first=dates, stored=stored,
            stored_outlets=stored_outlets, repeats=repeats, passed_over=pass_over,
        )
        with progress(enabled=not as_json) as bar:
            task = bar.add_task("ingesting", total=None)
            batch: list[Article] = []
            # each file is stored by its absolute path (``Article.source_file``), the run's lines
            # naming it as given, the store's among them (``IngestCounts``)
            for article in articles:
                batch.append(article)
                if len(batch) >= batch_size:
                    store = store or Store(db, on_wait=waiting)
                    read = _add(store, batch, total, read, verbose, on_warning)
                    bar.update(task, advance=len(batch))
                    batch = []
            if batch:
                store = store or Store(db, on_wait=waiting)
                read = _add(store, batch, total, read, verbose, on_warning)
                bar.update(task, advance=len(batch))
    except KeyboardInterrupt:  # the batch in progress is rolled back; the ones committed stay
        # "newstrace: interrupted" alone left the user to guess whether anything was stored
        kept = _committed(total, db) if total.total else f"no batch was committed to {one_line(db)}"
        if created and not total.total and discard_empty(db, store):
            store = None
            kept = f"no batch was committed, and {one_line(db)}, which this ingest made, is removed"
        # a SIGTERM's too, said as one (``sigterm_stops``)
        raise Interrupted(f"{kept}; run the same ingest again to add the rest") from None
    except StoreError as e:
        # a write that failed after batches were committed (the disk full, the lock held past the
        # wait): the error alone left the user to guess whether anything was stored, as Ctrl-C did
        if not total.total:
            raise
        said = type(e)(f"{e}; {_committed(total, db)}; run the same ingest again to add the rest")
        said.exit_code = e.exit_code
        raise said from e
    finally:
        if store is not None:
            store.close()

    nothing_done = total.total == 0
    # the closing error of a run that read no article (exit 2), said before the document is written
    failure: InputError | None = None
    if nothing_done:
        # the 'skipped' lines above, then the closing line compare and extract end with (it ended
        # on them, and a reader of the last line could not tell it from a run that stored part)
        failure = none_read(inputs, errors) if errors else InputError("no articles found in " + ", ".join(map(input_name, inputs)))
    passed_over.say()
    if as_json:
        emit_json(
            {
                # no database is named where none was made: it named the --db of a run that read
                # nothing and made no file, as a run that stored nothing new in one does
                "db": None if created and nothing_done else str(db),
                "error": None if failure is None else str(failure),
                "added": total.added,
                "updated": total.updated,
                "unchanged": total.unchanged,
                "duplicates": len(total.duplicates),
                "skipped": [kept_note(e) for e in errors],
                "warnings": warnings.lines(),
                "warnings_total": warnings.total,
                "passed_over": passed_over.counts(),
            }
        )
    elif not nothing_done:  # else the 'skipped' lines or the error below say why nothing was done
        err.print(
            f"{one_line(db)}: {_counts_said(total)}"
            + (f", {counted(skipped, 'input')} skipped" if (skipped := sum(1 for e in errors if not e.kept)) else "")
            + (f", {len(errors) - skipped} read in part" if len(errors) > skipped else "")
            + (f", {counted(warnings.total, 'warning', grouped=True)} above" if warnings.total else ""),
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    if failure is not None:
        raise failure
    if strict and (errors or warnings.total):
        raise typer.Exit(InputError.exit_code)


def _database_files(db: Path) -> frozenset[Path]:
    """The database and the files SQLite and newstrace keep beside it (``-wal``, ``-shm``,
    ``-journal``, ``analyze``'s lock). ``newstrace ingest .`` puts the default database in the
    folder it reads, and every later run said it passed over '1 .db, 1 .db-shm, 1 .db-wal' there,
    as if they were a user's files of another type."""
    base = db.resolve()
    return frozenset({base, lock_path(base), *(base.with_name(base.name + end) for end in ("-wal", "-shm", "-journal"))})


def _committed(total: IngestCounts, db: Path) -> str:
    """What the batches committed so far stored, as a run stopped short says it."""
    return f"{_counts_said(total)} in the batches committed to {one_line(db)}"


def _counts_said(total: IngestCounts) -> str:
    """One wording, thousands grouped as every closing line groups them, for a run that ended and one stopped short."""
    return (f"{total.added:,} added, {total.updated:,} updated, {total.unchanged:,} already present"
            + duplicates_counted(len(total.duplicates)))


def _add(
    store: Store, batch: list[Article], total: IngestCounts, read: int, verbose: bool, warn: Callable[[str], None]
) -> int:
    """Commit one batch; with ``verbose`` say so only after the commit, so what is reported is stored."""
    def count(c: IngestCounts) -> None:  # as the batch is committed, before a stop then is raised
        total.added += c.added
        total.updated += c.updated
        total.unchanged += c.unchanged
        total.duplicates += c.duplicates

    c = store.add_articles(batch, committed=count)
    for line in duplicates_lines(c.duplicates):  # one line per file, naming the first
        err.print(line, markup=False, highlight=False, soft_wrap=True)
    for art_id, before, now in c.outlet_replaced:
        warn(
            f"{art_id}: the article stored from {before} is now the one from {now} (newstrace derives this id "
            f"from {now}'s text and URL, so it is taken for the same article)"
        )
    by_file: dict[str, list[str]] = {}
    for source, _, key in c.qualified:  # another process stored an article under the id meanwhile
        by_file.setdefault(source or "input", []).append(key)
    for source, keys in by_file.items():
        warn(qualified_ids_warning(source, len(keys), keys[0]))
    read += len(batch)
    if verbose:
        err.print(f"committed {read}", markup=False, highlight=False, soft_wrap=True)
    return read


@app.command("list")
def list_articles(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
    limit: LimitOption = None,
) -> None:
    """List the articles in the database, earliest first: id, date, outlet, title, author, words."""
    check_ranges(ctx)
    n = rows_shown(limit, as_json)
    with Store(db, readonly=True) as store:
        total = store.count_articles()
        rows = []
        for i, a in enumerate(store.iter_articles(order="published")):
            if n and i >= n:
                break
            rows.append(a.listing())
    if as_json:
        emit_json(rows)
        return
    # two-line cells, as in 'stories': six columns side by side left a title 10 characters at 80
    # columns (a headline over 8 lines, 519 articles over 4,000); stacked, it has 30 or more. A
    # screenful unless asked, as the other listings: 100,000 articles took minutes to draw
    table = listing_table(f"{len(rows)} of {counted(total, 'article')} in {safe(db)}", cut_caption(len(rows), total, "earliest", limit=limit))
    table.add_column("id / published", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=3, min_width=16)
    table.add_column("outlet / author", overflow="fold", ratio=1, max_width=24)
    table.add_column("words", justify="right", no_wrap=True)
    from newstrace.compare.terminal import day_and_time

    for r in rows:
        table.add_row(
            # a timed date's time on a third line: the whole instant made the column 25 wide
            "\n".join(safe(part) for part in [str(r["id"]), *day_and_time(str(r["published"] or "")).split("\n")]),
            Words(r["title"] or "(untitled)"),
            # each whole where it fits: "(no outlet)" was "(no" / "outlet)" at 60 columns
            Phrases([outlet_name(r["outlet"]), *([r["author"]] if r["author"] else [])], lines=True),
            str(r["words"]),
        )
    out.print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or a unique prefix of it.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
) -> None:
    """Show one article: metadata and clean text."""
    with Store(db, readonly=True) as store:
        try:
            a = store.find_article(article_id)
        except AmbiguousId:
            raise
        except StoreError:
            # a story's or thread's id copied from the listings: the command that shows it, as
            # 'story' given a thread's id and 'stories --thread' a story's name theirs
            from newstrace.cli.corpus import named_listing

            hint = named_listing(store, article_id, db)
            if hint is None:
                raise
            raise StoreError(f"{db}: no article with id {article_id!r} ({hint})") from None
    if as_json:
        emit_json(a.to_dict())
        return
    out.print(f"[bold]{safe(a.title or '(untitled)')}[/bold]", soft_wrap=True)
    facts = [
        ("id", a.id),
        ("outlet", a.outlet),
        ("published", _published_said(a)),
        ("author", a.author),
        ("url", a.url),
        # named as every message names the record ('sana.jsonl:2', 'fakes_dev.csv: record 300'); it was
        # 'F #N'; standard input in words
        ("source", source_name(a.source, a.record)),
        ("length", f"{a.words} words, {len(a.text)} characters"),
    ]
    for k, v in facts:
        if v:
            out.print(f"[dim]{k:>9}[/dim]  {safe(str(v))}", soft_wrap=True)
    out.print()
    # the body keeps its line breaks; any other control character (an ESC in --no-clean text) is shown
    out.print(a.text.translate(_BODY_CONTROLS), markup=False, highlight=False, soft_wrap=True)


def _published_said(a: Article) -> str | None:
    """The publication date as written, and for a time written without a UTC offset how it is
    ordered: as UTC (``model.published_order``), which ``show`` left to the README, so a Moscow
    report's naive 16:40 read as the wall clock it is sorted three hours late, unremarked."""
    iso = published_iso(a.published)
    if isinstance(a.published, datetime) and a.published.utcoffset() is None:
        return f"{iso} (no UTC offset written: ordered as UTC)"
    return iso


#: control characters except tab and newline, shown as ``\\xNN`` when a body is printed
_BODY_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)] if c not in (9, 10)}


__all__ = ["ingest", "list_articles", "show"]
