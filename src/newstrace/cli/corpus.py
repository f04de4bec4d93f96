"""``newstrace analyze``, ``stories``, ``threads``, ``story``, ``outlets``, ``load-results`` and the
corpus benchmarks ``eval similarity-semeval`` and ``eval stories-fakes``."""

from __future__ import annotations

import contextlib
import json
import shlex
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Group
from rich.padding import Padding
from rich.text import Text

from newstrace.cli.app import (
    DEFAULT_DB,
    ONE_OR_MORE,
    ZERO_OR_MORE,
    BatchAlias,
    DbOption,
    JsonFlag,
    LimitOption,
    TopOption,
    app,
    check_ranges,
    cut_caption,
    date_order,
    emit_json,
    err,
    eval_app,
    given,
    given_batch_size,
    one_line,
    one_of,
    only_with,
    out,
    out_of_range,
    output_option,
    path_argument,
    path_option,
    progress,
    ranged,
    rows_shown,
    safe,
    sigterm_stops,
    stage_bars,
    waiting,
    waits_for_the_write_lock,
    write_output,
)
from newstrace.errors import InputError, Interrupted, NewstraceError, StoreError, see_hint
from newstrace.model import NO_DATE, Article, article_name, counted
from newstrace.store.results import (
    CorpusResults,
    behind_hint,
    filtered_outlet,
    labels_behind,
    labels_hint,
    not_analysed_hint,
    outlet_name,
    outlets_adding_up,
    stories_over_bound,
)
from newstrace.store.sqlite import Store, check_db_path
from newstrace.tables import ListingTable, Phrases, Words, held_by_stdout, listing_table

if TYPE_CHECKING:
    from newstrace.engine.local import AnalyzeReport


@app.command()
@waits_for_the_write_lock
def analyze(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    engine: Annotated[str, typer.Option(metavar="local|spark", help="local (the database) or spark (--input to --out).")] = "local",
    input_path: Annotated[
        Path | None, path_option("--input", metavar="PARQUET_OR_JSONL", help="Spark: Parquet file/folder or JSONL of articles.")
    ] = None,
    out_dir: Annotated[Path | None, path_option("--out", metavar="DIR", help="Spark: folder for the Parquet results.")] = None,
    master: Annotated[str, typer.Option(metavar="URL", help="Spark master URL.")] = "local[2]",
    batch_size: Annotated[
        int,
        ranged(ONE_OR_MORE, "--batch-size", help="Articles per batch: local, per commit; Spark, per alignment block. Stories and their labels do not depend on it."),
    ] = 500,
    batch_alias: BatchAlias = None,
    no_claims: Annotated[bool, typer.Option("--no-claims", help="Skip quote and quantity extraction.")] = False,
    no_reuse: Annotated[bool, typer.Option("--no-reuse", help="Skip candidate search and alignment.")] = False,
    workers: Annotated[
        int | None,
        ranged(ONE_OR_MORE, "--workers", help="Local: processes for the per-article steps and alignment (default: the cores)."),
    ] = None,
    semantic: Annotated[
        bool,
        typer.Option(
            "--semantic",
            help="Add sentence-embedding similarity to stories and threads (install extra 'semantic'); "
            "a database keeps the choice of its first analysis.",
        ),
    ] = False,
    recluster: Annotated[
        bool,
        typer.Option(
            "--recluster",
            help="Local: rebuild every story and thread with this version's models first (after an "
            "upgrade, or to switch --semantic); reuse pairs and claims are kept.",
        ),
    ] = False,
    day_first: Annotated[
        bool,
        typer.Option(
            "--day-first",
            help="Spark: read a date whose day and month could be either way (4/7/2017) day-first in a file of "
            "--input where no date decides it, as 'newstrace ingest' takes it.",
        ),
    ] = False,
    month_first: Annotated[
        bool,
        typer.Option(
            "--month-first",
            help="Spark: read such dates month-first without the warning, as 'newstrace ingest' takes it (not with "
            "--day-first).",
        ),
    ] = False,
    as_json: JsonFlag = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Local: after each committed batch print 'committed N of M' on stderr, as 'ingest -v' does: a "
            "run whose stderr is a log, not a terminal, says nothing else until it ends.",
        ),
    ] = False,
) -> None:
    """Run every analysis on articles not analysed yet: reuse, claims, stories and threads.

    Incremental: only new or changed articles are analysed; each batch is committed, so a killed
    run resumes where it stopped. Claims and provenance edges that an older version's rules made
    are made again alone (nothing realigned). With --engine spark the same steps run as Spark jobs over
    --input and write Parquet results to --out (load them with 'newstrace load-results').
    --recluster rebuilds the stories of a database from its analysed articles, batch by batch
    too: a killed rebuild is finished by the next 'analyze'.
    """
    from newstrace.engine.steps import STEPS

    dates = date_order(ctx, day_first, month_first)
    check_ranges(ctx)
    batch = given_batch_size(ctx, batch_size, batch_alias)
    steps = [s for s in STEPS if not (s == "claims" and no_claims) and not (s == "reuse" and no_reuse)]
    one_of(ctx, "--engine", engine, ("local", "spark"))
    # an option of the other engine would be ignored: the run would not be the one asked for
    if engine == "local":
        only_with(ctx, {"input_path": "--input", "out_dir": "--out", "master": "--master"}, "only with --engine spark")
        # the local engine reads no files: their dates were read when they were ingested
        only_with(
            ctx,
            {"day_first": "--day-first", "month_first": "--month-first"},
            "only with --engine spark (the local engine analyses articles already in the database, their dates "
            "read by 'newstrace ingest', which takes it)",
        )
    else:
        only_with(
            ctx,
            {"db": "--db", "workers": "--workers", "recluster": "--recluster", "verbose": "--verbose"},
            "only with --engine local (Spark reads --input and writes --out; 'newstrace load-results' "
            "loads them into a database)",
        )
    if engine == "spark":
        from newstrace.engine.spark import (
            MASTER_FORMS,
            NoArticles,
            check_out,
            run_spark,
            spark_master_ok,
            spark_report,
        )
        from newstrace.ingest.base import duplicates_lines

        out_of_range(ctx, [("--master", master, spark_master_ok(master), MASTER_FORMS)])
        if input_path is None or out_dir is None:
            raise InputError("analyze --engine spark needs --input PARQUET_OR_JSONL and --out DIR")
        # a bad --out before any input is read, as ingest's bad --db: a mistake in the command line,
        # said on stderr alone (a document is for a run that read its input)
        check_out(input_path, out_dir)

        copies: list[tuple[str | None, str, str]] = []
        started = time.perf_counter()
        try:
            # SIGTERM stops the run as Ctrl-C does (``run_spark``): one line saying what --out holds, exit 143
            with sigterm_stops(), progress(enabled=not as_json) as bar:
                report = run_spark(
                    input_path,
                    out_dir,
                    master=master,
                    steps=steps,
                    merge_every=batch,
                    block=batch,
                    semantic=semantic,
                    on_progress=stage_bars(bar),
                    day_first=dates,
                    on_copies=copies.extend,
                )
        except InputError as e:
            # an --input that gave no article: with --json its document too, every key, as
            # ingest --json prints one of such a run (it printed nothing on stdout); exit 2 all the same
            if as_json:  # the records Spark read and skipped, and what it said of them, when it read some
                skipped, said = (e.skipped_records, e.warnings) if isinstance(e, NoArticles) else (0, [])
                emit_json(spark_report(master, input_path, None, steps, semantic, time.perf_counter() - started,
                                       error=str(e), skipped_records=skipped, warnings=said))
            raise
        if as_json:
            emit_json(report)
        else:
            # a run's copies of one article under other ids, in ingest's words: a line per file, and the count
            for line in duplicates_lines(copies):
                err.print(line, markup=False, highlight=False, soft_wrap=True)
            err.print(_spark_said(out_dir, report), markup=False)
            for w in report.get("warnings", []):
                err.print(f"warning: {one_line(w)}", markup=False)
        return
    from newstrace.corpus import analyze as run

    # SIGTERM stops the run as Ctrl-C does: the batch in progress rolled back, the pool stopped,
    # what the committed batches analysed said (the engine's Interrupted), exit 143
    with sigterm_stops(), Store(db, create=False, on_wait=waiting) as store, progress(enabled=not as_json) as bar:
        task = bar.add_task("analysing", total=None)

        def on_batch(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
            if verbose and done:  # said after the commit, so what is reported is stored
                err.print(f"committed {done:,} of {total:,}", markup=False, highlight=False, soft_wrap=True)

        def on_article(done: int, total: int) -> None:  # the bar moves within a batch, as its articles are done
            bar.update(task, completed=done, total=total)

        rep = run(store, batch_size=batch, steps=steps, on_batch=on_batch, workers=workers, semantic=semantic,
                  recluster=recluster, on_article=on_article)
        empty = store.count_articles() == 0
    if as_json:
        emit_json({"db": str(db), **rep.to_dict()})
    if empty:  # "no article is new or changed since the last analyze" read as if one had been
        arg = shlex.quote(str(db))
        err.print(f"{db}: nothing to analyse: no articles yet; run 'newstrace ingest INPUT... --db {arg}' first", markup=False)
    elif not as_json:
        err.print(f"{db}: {_analysed_said(rep)}", markup=False)
        for w in rep.warnings:
            err.print(f"warning: {one_line(w)}", markup=False)


@app.command("load-results")
@waits_for_the_write_lock
@sigterm_stops()
def load_results_cmd(
    results: Annotated[Path, path_argument(metavar="DIR", help="Folder written by 'analyze --engine spark --out'.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
) -> None:
    """Load the Parquet results of a Spark run (articles included) into a database.

    The database must hold no other analysis (a new one, or one with articles ingested but not
    analysed yet, which the next 'newstrace analyze' adds); the same results load again unchanged.
    One that holds another outlet's article under an id the results give theirs (two outlets'
    repeated ids keyed in another order) is refused too, and so is one that spells an outlet of
    the results in another case ('RT' where they say 'rt'): load those into a new database.
    The folder is checked whole before anything is written: a table missing, or a table's file
    damaged or without a column the load reads, is named (exit 2) and the database left as it was.
    The articles and their results are stored in one transaction: a value found damaged while
    loading (exit 2), a stop or a crash leaves the database as it was. A new database is built
    beside it (.NAME.load-results) and moved to --db once committed: stopped, failed or killed, the
    load leaves nothing at --db (the next command given --db removes what a killed one left beside it).
    """
    from newstrace.engine.load import (
        building_path,
        check_results,
        load_results,
        new_database,
        remove_database,
    )
    from newstrace.store.lock import analysis_lock

    # a --db that cannot be one (not SQLite: 'FILE.jsonl: not a SQLite database', exit 3, as every
    # command says it) before the folder is read, as ingest's before its inputs, and before its lock file is made
    check_db_path(db)
    check_results(results)  # the whole folder, before a database is made or written
    done: list[dict[str, int]] = []  # the counts, once the results are committed (``on_loaded``)
    try:
        with analysis_lock(db, "load-results"):
            remove_database(building_path(db))  # a load into a new database killed before its end left it
            # this load makes the database: built beside it and moved in place once committed, so
            # that nothing is left at --db by a stop, an error or a crash (``new_database``)
            created = not db.exists()
            building = new_database(db, lambda: bool(done)) if created else contextlib.nullcontext(db)
            with building as path, Store(path, on_wait=waiting) as store:
                try:
                    counts = load_results(store, results, on_duplicates=None if as_json else _say_copies,
                                          on_loaded=done.append, locked=True)
                except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (``sigterm_stops``): "interrupted" alone said nothing kept
                    if done:
                        raise  # after the commit: said below
                    raise Interrupted(_load_stopped(results, db, created)) from None
                except Exception as e:
                    # an error (a value damaged, the disk full), the load rolled back: the error
                    # says what it left, as a stop does
                    if not isinstance(e, (InputError, StoreError)):
                        raise  # an internal error is said as it is
                    # a new database is built at a hidden name beside --db: the error of its
                    # store named that file ('.news.db.load-results: write failed ...'), which the
                    # user never gave and which is gone once the load has failed
                    said = str(e).replace(str(path), str(db)) if created else str(e)
                    failed = type(e)(f"{said}; {_load_failed(db, created)}")
                    failed.exit_code = e.exit_code
                    raise failed from e
                new, changed = CorpusResults(store.conn).behind_counts()
                relabel = labels_behind(store.conn)
        if as_json:
            emit_json({"db": str(db), **counts, "pending": new + changed, "labels_behind": relabel})
        else:
            err.print(f"{db}: {_loaded_said(counts)}", markup=False)
            if new or changed:  # the database's other articles: the load does not analyse them
                err.print(f"{db}: {behind_hint(new + changed, changed, shlex.quote(str(db)))}", markup=False)
            if relabel:  # results of a version before the labels' rules (``R.loaded_labels``)
                err.print(f"{db}: {labels_hint(shlex.quote(str(db)))}", markup=False)
    except KeyboardInterrupt as e:
        if not done or isinstance(e, Interrupted):
            raise
        # stopped after the commit (in it, the stop waited for it): the results are in, said so
        said = _loaded_said(done[0])
        raise Interrupted(f"the results are {said}" if said.startswith("loaded again") else
                          f"the results are loaded: {said}") from None


def _analysed_said(rep: AnalyzeReport) -> str:
    """The local engine's closing line, thousands with commas as the Spark run's and the load's
    (``_spark_said``): "76709 article(s) analysed" read as one run of digits beside their "76,709"."""
    placed = "".join((
        f"{counted(rep.reclustered, 'article', grouped=True)} placed in stories again, " if rep.reclustered else "",
        f"claims alone of {counted(rep.claims_refreshed, 'analysed article', grouped=True)} extracted, "
        if rep.claims_refreshed else "",
        f"provenance alone of {counted(rep.provenance_refreshed, 'story', 'stories', grouped=True)} built again, "
        if rep.provenance_refreshed else "",
        f"labels alone of {counted(rep.labels_refreshed, 'story or thread', 'stories and threads', grouped=True)} "
        "named again, " if rep.labels_refreshed else "",
    ))
    # a re-run with nothing to do says so, rather than "0 articles analysed in 0 batches"
    done = (
        f"{placed}{counted(rep.analysed, 'article', grouped=True)} analysed in "
        f"{counted(rep.batches, 'batch', 'batches', grouped=True)} ({rep.seconds:.1f} s)"
        if placed or rep.pending
        else "nothing to analyse: no article is new or changed since the last analyze"
    )
    return (f"{done}; {counted(rep.stories, 'story', 'stories', grouped=True)} in "
            f"{counted(rep.threads, 'thread', grouped=True)}")


def _spark_said(out_dir: Path, report: dict[str, Any]) -> str:
    """A Spark run's closing line, thousands with commas (``_loaded_said``)."""
    from newstrace.ingest.base import duplicates_counted

    return (f"{out_dir}: {counted(report['articles'], 'article', grouped=True)}"
            f"{duplicates_counted(report.get('duplicates', 0))}, {counted(report['pairs'], 'reuse pair', grouped=True)}, "
            f"{counted(report['stories'], 'story', 'stories', grouped=True)} in "
            f"{counted(report['threads'], 'thread', grouped=True)} ({report['seconds']:.1f} s)")


def _loaded_said(counts: dict[str, int]) -> str:
    """A load's counts in words, "1 article" for one ("1 articles, ... 1 stories" read as slips);
    ``--json`` keeps the table names. Results loaded before (their articles analysed here as they
    have them) say so: the same line alone read as a first load."""
    from newstrace.ingest.base import duplicates_counted

    n, again, updated = counts["articles"], counts.get("already_analysed", 0), counts.get("updated", 0)
    # the results' version put in place of another stored here: an ingest of a newer text since
    # the results were loaded was taken back without a word
    replaced = f" ({updated:,} of them stored here in another version, which the results' replaced)" if updated else ""
    said = ", ".join(
        counted(v, *_LOADED.get(k, (k, k)), grouped=True)  # 20 million keys at 100,000 articles
        + (replaced + duplicates_counted(counts.get("duplicates", 0)) if k == "articles" else "")
        for k, v in counts.items() if k not in ("duplicates", "already_analysed", "updated")
    )
    if again and again == n:
        return (f"loaded again (the results' {counted(n, 'article', grouped=True)} were analysed here already, as they "
                f"have them): {said}")
    if again:
        return f"{said} ({again:,} of the articles analysed here already, as the results have them)"
    return said


def _say_copies(copies: list[tuple[str | None, str, str]]) -> None:
    """A load's copies of articles stored under other ids, in ``ingest``'s words, a line per file:
    the one stored is named by the results' id now (``OLD is NEW``)."""
    from newstrace.ingest.base import duplicates_lines

    for line in duplicates_lines(copies):
        err.print(line, markup=False, highlight=False, soft_wrap=True)


def _load_failed(db: Path, created: bool) -> str:
    """What a load that failed with an error left, as ``_load_stopped`` says it of a stop: no
    database at ``db`` when the load was making it (``engine.load.new_database``), else nothing
    written to it (the load is one transaction, rolled back). It stored the articles batch by
    batch before the results, and said "2 articles of the results stored, not analysed", which
    only a second load finished."""
    if created:
        return f"no database was made at {one_line(db)}"
    return f"nothing was written to {one_line(db)}"


def _load_stopped(results: Path, db: Path, created: bool) -> str:
    """What a load stopped short left: nothing (one transaction, rolled back), and no database at
    ``db`` when the load was making it; and how to go on (the same results load again)."""
    again = f"run 'newstrace load-results {shlex.quote(str(results))} --db {shlex.quote(str(db))}' again to load them"
    if created:
        return f"the results are not loaded, and no database was made at {one_line(db)}; {again}"
    return f"the results are not loaded: nothing was written to {one_line(db)}; {again}"


#: what each count of ``load_results`` counts, singular and plural (``claims``: the articles they are of)
_LOADED = {
    "articles": ("article", "articles"),
    "claims": ("article's claims", "articles' claims"),
    "keys": ("reuse key", "reuse keys"),
    "pairs": ("reuse pair", "reuse pairs"),
    "stories": ("story", "stories"),
    "memberships": ("membership", "memberships"),
    "provenance": ("provenance edge", "provenance edges"),
}


def _results(db: Path) -> tuple[Store, CorpusResults]:
    store = Store(db, readonly=True)
    res = CorpusResults(store.conn)
    return store, res


def _not_analysed(db: Path, res: CorpusResults, behind: bool = True) -> str | None:
    """What to run first when no 'analyze' has grouped the database's articles yet, or has not
    grouped those ingested since, else None.

    An empty table (or ``[]``) alone reads as "no stories in this news"; the hint goes to stderr,
    so ``--json`` stays one document and the exit stays 0.
    """
    arg = shlex.quote(str(db))
    if res.available:  # articles ingested (or changed) since the last analyze
        if not behind:
            return None
        new, changed = res.behind_counts()
        if new or changed:
            return behind_hint(new + changed, changed, arg)
        return None
    return not_analysed_hint(arg, res.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None)


def _when(published: str | None) -> str:
    """A date as ``story`` writes it on an article's line: the day, and the time with its offset
    after a space (``2016-10-30 09:15+03:00``, as the tables show it on two lines). The ISO
    instant, 25 characters, pushed the ids after it out of line; the span line gives the days,
    as the threads table does, and fits 80 columns."""
    from newstrace.compare.terminal import day_and_time

    return day_and_time(published).replace("\n", " ")


def _named_thread(res: CorpusResults, given: str, db: Path) -> str | None:
    """What to run when the id ``story`` was given names a thread (the two lists stand side by
    side, and a thread's id was said to be no story's, as a mistyped one is)."""
    arg = shlex.quote(str(db))
    with contextlib.suppress(StoreError):  # a prefix of several threads: the story error stands
        if (tid := res.find_thread(given, arg)) is not None:
            return f"{tid} is a thread: 'newstrace stories --thread {tid} --db {arg}' lists its stories"
    return None


def _named_story(res: CorpusResults, given: str, db: Path) -> str | None:
    """What to run when the id ``stories --thread`` was given names a story."""
    arg = shlex.quote(str(db))
    with contextlib.suppress(StoreError):
        if (sid := res.find_story(given, arg)) is not None:
            return f"{sid} is a story: 'newstrace story {sid} --db {arg}' shows it"
    return None


def named_listing(store: Store, given: str, db: Path) -> str | None:
    """What to run when the id ``show`` was given names a story or a thread, not an article."""
    res = CorpusResults(store.conn)
    return _named_story(res, given, db) or _named_thread(res, given, db)


def _hint(db: Path, hint: str | None) -> None:
    if hint:
        err.print(one_line(f"{db}: {hint}"), markup=False, highlight=False, soft_wrap=True)


def _outlets_text(outlets: list[dict[str, Any]], size: int, n: int = 4) -> list[str]:
    """The biggest outlets of a story, then ``(no outlet) (k)`` for its articles naming none
    (``outlets_adding_up``'s last entry), so the counts add up to its size; an outlet named "?" is
    one of the first, ``? (k)`` (it was counted with them). One entry each, for ``Phrases``."""
    named = [o for o in outlets if o["outlet"]]
    parts = [f"{o['outlet']} ({o['articles']})" for o in named[:n]]
    if len(named) > n:
        parts[-1] += f" +{len(named) - n}"
    parts += [f"{outlet_name(None)} ({o['articles']})" for o in outlets_adding_up(named, size)[len(named):]]
    return parts


def _adding_up(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stories or threads as ``--json`` gives them: their ``outlets`` with ``null`` for the articles
    naming none (``outlets_adding_up``), so they add up to ``size`` as the tables' do."""
    return [{**r, "outlets": outlets_adding_up(r["outlets"], int(r["size"]))} for r in rows]


def _day(published: str | None) -> str:
    """The day of an ISO date as the tables show it, ``NO_DATE`` when unknown (it was "?", where
    the web app says "no date"): a date with a time of day (``2016-10-30T09:15:00+00:00``, as JSON
    exports write them) widened the "first seen" and span columns until the tables were cut at 80
    columns; ``--json`` keeps the instant."""
    return published[:10] if published else NO_DATE


def _span(start: str | None, end: str | None) -> list[str]:
    """A story's or thread's span as the tables show it: its first and last days, or ``NO_DATE``
    once when none of its articles gives a date ("span ? .. ?")."""
    return [_day(start), _day(end)] if start or end else [NO_DATE]


def _undated(row: dict[str, Any]) -> int:
    """The articles of a story or thread that its span leaves out, giving no date (its
    ``undated``), or 0 when none does or no article gives a date (the span says "no date" then)."""
    return int(row.get("undated") or 0) if row["start"] or row["end"] else 0


def _undated_said(row: dict[str, Any]) -> str:
    """What a story's or thread's span leaves out, "1 article with no date", or "" (``_undated``):
    the span of the dated articles read as the whole's in 'story' and 'threads'."""
    n = _undated(row)
    return f"{counted(n, 'article', grouped=True)} with {NO_DATE}" if n else ""


def _label_cell(row: dict[str, Any], most: int | None = None) -> Words:
    """A story's or thread's label as the 'stories' and 'threads' tables give it, with what its span
    or first seen day leaves out on a line of its own below, "(1 article with no date)", as 'story'
    says it after its span ("(1 article" / "with no date)" where the column is narrow): "(1 with no
    date)" under the days widened the span and first seen columns of every row by 6 columns, for
    the one row that said it."""
    n = _undated(row)
    return Words(row["label"] or "", note=[f"({counted(n, 'article', grouped=True)}", f"with {NO_DATE})"] if n else None, most=most)


def _fields(fields: list[str | tuple[str, str]], width: int) -> str:
    """Markup fields of a line, two spaces apart, the line broken between two of them where it is
    wider than ``width``: 'story' broke its head line within one at 80 columns, "span 2016-10-30 ..
    2016-11-02 (1 " / "article with no date)  size 3". A field given with a note, ``(field,
    note)``, has it after a space where the two fit the line, else on a line of its own under the
    field's value: below 55 columns the span broke within its note, "(1 article with no " / "date)",
    and at 40 "(1 article" / "with no date)"."""
    from rich.cells import cell_len

    def plain(markup: str) -> int:
        return cell_len(Text.from_markup(markup).plain)

    lines: list[str] = []
    closed = False  # a note's line: the next field, "size 3", is not read as the note's
    for field in fields:
        head, note = field if isinstance(field, tuple) else (field, "")
        whole = f"{head} {note}" if note else head
        if lines and not closed and plain(f"{lines[-1]}  {whole}") <= width:
            lines[-1] += f"  {whole}"
        elif plain(whole) <= width or not note:
            lines.append(whole)
        else:  # the note under the value, "     (1 article with no date)", where it fits so
            indent = len(Text.from_markup(head).plain.split(" ")[0]) + 1
            lines += [head, " " * indent + note if indent + plain(note) <= width else note]
        closed = bool(note) and lines[-1] != whole
    return "\n".join(lines)


T = TypeVar("T")

def _shown(items: list[T], limit: int | None, as_json: bool) -> list[T]:
    """The first ``rows_shown`` of ``items`` (already in the order shown, biggest or strongest first)."""
    n = rows_shown(limit, as_json)
    return items[:n] if n else items


@app.command()
def stories(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
    limit: LimitOption = None,
    thread: Annotated[str | None, typer.Option(metavar="ID", help="Only the stories of this thread (id or a unique prefix of it).")] = None,
    outlet: Annotated[str | None, typer.Option(metavar="NAME", help="Only stories with an article from this outlet (in any case: RT is the rt stored); '?' the articles naming none, '\\?' an outlet named '?'.")] = None,
) -> None:
    """The stories found by 'newstrace analyze', biggest first: id, thread, label, size, outlets, first seen."""
    check_ranges(ctx)
    store, res = _results(db)
    with store:
        hint = _not_analysed(db, res)
        tid = None if thread is None else res.find_thread(thread, shlex.quote(str(db)))
        # an empty list for a mistyped id or name would read as "none": say which filter is wrong
        if thread is not None and tid is None:
            first = _not_analysed(db, res, behind=False) or _named_story(res, thread, db)
            raise StoreError(f"{db}: no thread with id {thread!r} ({first or see_hint('threads', shlex.quote(str(db)))})")
        # '?' the articles naming none, '\?' an outlet named "?" (the web's filter values: filtered_outlet)
        wanted = None if outlet is None else filtered_outlet(outlet)
        if wanted and not res.known("articles", "outlet", wanted):
            # one outlet whatever its case, as ingest stores it: 'RT' names the 'rt' stored (its
            # earliest article's spelling, as ingest would take it, when an older version stored several)
            wanted = next((o for o in store.outlet_names() if o.casefold() == wanted.casefold()), wanted)
        total, rows = res.stories(thread=tid, outlet=None if outlet is None else [wanted], limit=rows_shown(limit, as_json))
        if not total and outlet is not None and not res.known("articles", "outlet", wanted):
            # named as meant, not as escaped: '\?' looked for the outlet "?", '?' for none
            looked = "that name no outlet" if wanted is None else f"from outlet {wanted!r}"
            raise StoreError(f"{db}: no articles {looked} ({see_hint('outlets', shlex.quote(str(db)))})")
    _hint(db, hint)
    if as_json:
        emit_json(_adding_up(rows))
        return
    # two-line cells keep the fixed columns narrow, so the label stays readable at 80 columns
    table = listing_table(f"{len(rows)} of {total} stories in {safe(db)}", cut_caption(len(rows), total, limit=limit))
    table.add_column("id / thread", no_wrap=True)
    table.add_column("first seen")
    table.add_column("size", no_wrap=True, justify="right")
    table.add_column("label", overflow="fold")
    table.add_column("outlets", overflow="fold")
    table.tuck(2, under=0)  # where the table cannot fit otherwise: "size 7" under the id and thread
    # in a narrow terminal, three lines a story: its label's first words and its biggest outlets
    # under them, where the whole label took a word a line, 5 to 8 lines a story at 58 to 64 columns
    table.brief = listing_table(str(table.title), table.caption if isinstance(table.caption, str) else None)
    table.brief.add_column("id / thread", no_wrap=True)
    table.brief.add_column("first seen")
    table.brief.add_column("label / outlets", overflow="fold", min_width=16)
    for r in rows:  # the first day is the dated articles', as the threads' span: the label says the others
        ids = f"{safe(r['id'])}\n{safe(r['thread'] or '')}"
        seen = [_day(r["start"]), outlet_name(r["first_seen_outlet"])]
        outlets = _outlets_text(r["outlets"], int(r["size"]))
        table.add_row(ids, Phrases(seen, lines=True), str(r["size"]), _label_cell(r), Phrases(outlets))
        # the brief's outlets all of them, cut to a line saying how many it leaves out: "+3 more"
        every = _outlets_text(r["outlets"], int(r["size"]), n=len(r["outlets"]))
        table.brief.add_row(f"{ids}\nsize {r['size']}", Phrases(seen, lines=True), Group(_label_cell(r, most=2), Phrases(every, most=1)))
    out.print(table)


@app.command()
def threads(ctx: typer.Context, db: DbOption = DEFAULT_DB, as_json: JsonFlag = False, limit: LimitOption = None) -> None:
    """Threads (developing situations), biggest first: id, label, time span, stories and articles."""
    check_ranges(ctx)
    store, res = _results(db)
    with store:
        _hint(db, _not_analysed(db, res))
        every = res.threads()
    rows = _shown(every, limit, as_json)
    if as_json:
        emit_json(_adding_up(rows))
        return
    table = listing_table(f"{len(rows)} of {len(every)} threads in {safe(db)}", cut_caption(len(rows), len(every), limit=limit))
    # two-line cells keep the fixed columns narrow, as in 'stories': a thread's stories above its
    # articles, in one column (two headed "stories" and "articles", and the label's minimum of 16,
    # made the threads of FA-KES dev records at 60 columns); the label is as narrow as its words
    table.add_column("id", no_wrap=True)
    table.add_column("span", no_wrap=True)
    table.add_column("stories\narticles", no_wrap=True, justify="right")
    table.add_column("label", overflow="fold")
    # in a narrow terminal, three lines a thread: its counts under its id, "4 stories" / "12
    # articles", give the label their column, and it is cut to three lines
    table.brief = listing_table(str(table.title), table.caption if isinstance(table.caption, str) else None)
    table.brief.add_column("id", no_wrap=True)
    table.brief.add_column("span", no_wrap=True)
    table.brief.add_column("label", overflow="fold", min_width=16)
    for r in rows:  # the span is the dated articles': the label says the others
        span = "\n".join(safe(day) for day in _span(r["start"], r["end"]))
        table.add_row(safe(r["id"]), span, f"{len(r['stories'])}\n{r['size']}", _label_cell(r))
        counts = f"{counted(len(r['stories']), 'story', 'stories')}\n{counted(int(r['size']), 'article', grouped=True)}"
        table.brief.add_row(f"{safe(r['id'])}\n{counts}", span, _label_cell(r, most=3))
    out.print(table)


@app.command()
def story(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(metavar="ID", help="Story id or a unique prefix of it.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
    html: Annotated[Path | None, output_option("--html", metavar="FILE", help="Write the compare report of the story to FILE ('-' for stdout).")] = None,
    top: TopOption = 25,
) -> None:
    """One story: its articles and the compare report across them (--json, --html FILE)."""
    from newstrace.corpus.report import story_order, story_report

    check_ranges(ctx)
    with Store(db, readonly=True) as store:
        res = CorpusResults(store.conn)
        sid = res.find_story(story_id, shlex.quote(str(db)))
        found = res.story(sid) if sid else None
        if found is None:
            hint = _not_analysed(db, res, behind=False) or _named_thread(res, story_id, db)
            raise StoreError(f"{db}: no story with id {story_id!r} ({hint or see_hint('stories', shlex.quote(str(db)))})")
        summary, member_ids = found
        # in the one order the web app's story page lists and draws them, so the report covers the
        # same first members as it: the stream's order covered other ones where a day was cut
        member_ids = story_order(store.conn, summary["id"], member_ids)
        doc, comparison = story_report(store, summary, member_ids)
    if html is not None:
        if comparison is None:
            raise NewstraceError(f"story {summary['id']}: no compare report ({doc.get('report_note')})")
        from newstrace.compare import render_html

        if as_json and str(html) == "-":
            raise InputError("--json and --html - both want stdout: send the report to a file")
        # its label isolated (``model.isolated_parts``): an Arabic one took the ": " into its own direction
        title = [(f"newstrace story {summary['id']}", False)] + ([(": ", False), (summary["label"], True)] if summary["label"] else [])
        note = doc.get("report_note")
        write_output(html, render_html(comparison, title=title, notes=[note[:1].upper() + note[1:]] if note else []), "html")
        if not as_json and str(html) != "-":
            # on the articles it covers: it said 300 of a story whose report took its first 200
            covered = len(comparison.articles)
            of = f"{covered} of " if covered < len(member_ids) else ""
            err.print(f"{html}: report on {of}{counted(len(member_ids), 'article')} written", markup=False)
    if as_json:
        emit_json({**doc, "story": _adding_up([doc["story"]])[0]})
        return
    if html is not None:
        return
    from newstrace.compare.terminal import hanging, note_line

    # its label's lines, as the report's below, end in no space ("Madaya, Kefraya, Rashidin: buses ")
    out.print(hanging("", Text(held_by_stdout(one_line(summary["label"] or summary["id"], words=True)), style="bold"), out))
    # the span of its dated articles: those giving no date said (it read as the whole story's)
    undated = _undated_said(doc["story"])
    out.print(_fields([
        f"[dim]story[/dim] {safe(summary['id'])}", f"[dim]thread[/dim] {safe(summary['thread'])}",
        (f"[dim]span[/dim] {safe(' .. '.join(_span(summary['start'], summary['end'])))}", f"({undated})" if undated else ""),
        f"[dim]size[/dim] {summary['size']}",
    ], out.width))
    # the articles by the names the report gives them ("reuters #2"), with the ids other commands take;
    # one the report left out (a story over its limit) by its outlet: its id stood in the name column too
    def name(a: dict[str, Any]) -> str:
        if comparison is None:
            return ""
        return comparison.labels.get(a["id"]) or article_name(Article.from_dict({**a, "text": ""}))

    # a table that narrows its columns and wraps each within its own: padded f-strings pushed the
    # date and id of a name longer than 15 characters ("“United Nations Finally … Civilians”", the
    # rewrite without an outlet) out of line, and a line past the terminal wrapped to column 0
    table = ListingTable(box=None, header_style="dim", padding=(0, 1))
    table.add_column("article", overflow="fold")
    table.add_column("published", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("title", overflow="fold")
    for a in doc["articles"]:
        table.add_row(safe(name(a)), safe(_when(a["published"])), safe(a["id"]), Words(a["title"] or ""))
    out.print(Padding(table, (0, 0, 0, 1)))
    if doc.get("report_note"):  # above the report too: of a story over its limit it said nothing
        out.print(note_line(str(doc["report_note"]), out))
    if doc.get("provenance_skipped"):  # as the web app's story page says why it has no arrows
        out.print(note_line(f"no provenance edges: {doc['provenance_skipped']['reason']}", out))
    if comparison is not None:  # the compare report as `newstrace compare` prints it
        from newstrace.cli.extract import print_lone_claims
        from newstrace.compare.terminal import print_comparison

        print_comparison(comparison, out, top=top, table=False)
        print_lone_claims(comparison)  # a story of one article: as 'compare' of one lists them


@app.command()
def outlets(ctx: typer.Context, db: DbOption = DEFAULT_DB, as_json: JsonFlag = False, limit: LimitOption = None) -> None:
    """The outlet network: whose text reappears where (directed by provenance), who is first.

    An edge's pairs are counted in all and within one story: outlets that share stock phrases
    reuse each other's text months apart, which says little about who copies whom as a story
    travels; the edges with most pairs in one story come first. --limit cuts both lists: the
    outlets in most stories and the strongest edges (60 outlets already have 3,540 edges on the
    100,000-article benchmark corpus).
    """
    check_ranges(ctx)
    store, res = _results(db)
    with store:
        _hint(db, _not_analysed(db, res))
        stats, edges = res.network()
        skipped = stories_over_bound(store.conn)
    shown, shown_edges = _shown(stats, limit, as_json), _shown(edges, limit, as_json)
    if as_json:
        emit_json({"outlets": shown, "edges": shown_edges, "provenance_skipped": skipped})
        return
    table = listing_table(f"{len(shown)} of {len(stats)} outlets in {safe(db)}", cut_caption(len(shown), len(stats), limit=limit))
    table.add_column("outlet")
    # numbers line up on their last digit; a heading of two words may take two lines in a narrow terminal
    for col in ("articles", "stories", "first in", "share first"):
        table.add_column(col, justify="right")
    # in a narrow terminal, two lines an outlet, its numbers two to a column, where it was records
    table.brief = listing_table(str(table.title), table.caption if isinstance(table.caption, str) else None)
    table.brief.add_column("outlet")
    table.brief.add_column("articles\nstories", justify="right", no_wrap=True)
    table.brief.add_column("first in\nshare", justify="right", no_wrap=True)
    for s in shown:
        share = f"{s['first_seen_share']:.0%}"
        table.add_row(Phrases([outlet_name(s["outlet"])]), str(s["articles"]), str(s["stories"]), str(s["first_seen"]), share)
        table.brief.add_row(Phrases([outlet_name(s["outlet"])]), f"{s['articles']}\n{s['stories']}", f"{s['first_seen']}\n{share}")
    out.print(table)
    if edges:
        et = listing_table(
            "reuse between outlets (source -> derived, pairs of articles)",
            cut_caption(len(shown_edges), len(edges), "strongest", limit=limit),
        )
        # source and derived in one column, on two lines where it is narrow: as two columns, with
        # the four numbers' headings, the edges of FA-KES dev were records at 60 and 70 columns
        et.add_column("source -> derived")
        for col in ("in one story", "pairs", "directed", "characters"):
            et.add_column(col, justify="right")
        # in a narrow terminal, two lines an edge: its source over its derived, numbers two to a column
        et.brief = listing_table(str(et.title), et.caption if isinstance(et.caption, str) else None)
        et.brief.add_column("source ->\nderived")
        et.brief.add_column("in one story\npairs", justify="right")
        et.brief.add_column("directed\ncharacters", justify="right")
        for e in shown_edges:
            edge = [outlet_name(e["source"]), outlet_name(e["derived"])]
            et.add_row(Phrases(edge, joint=" ->"), str(e["in_story"]), str(e["count"]), str(e["directed"]), str(e["chars"]))
            et.brief.add_row(Phrases([f"{edge[0]} ->", edge[1]], lines=True), f"{e['in_story']}\n{e['count']}", f"{e['directed']}\n{e['chars']}")
        out.print(et)
    if skipped:  # their pairs are counted above, none directed by an edge
        pairs = sum(int(k["pairs"]) for k in skipped)
        out.print(
            f"[yellow]note:[/yellow] {counted(len(skipped), 'story', 'stories')} ({pairs:,} pairs of articles) have no "
            f"provenance edges: each holds more than the {skipped[0]['max_pairs']:,} reuse pairs provenance is built for, "
            "so their pairs count as undirected"
        )


# --- benchmarks -------------------------------------------------------------------------------


@eval_app.command("similarity-semeval")
def similarity_semeval(
    ctx: typer.Context,
    path: Annotated[Path, path_argument(metavar="CSV", help="SemEval-2022 Task 8 pairs CSV (e.g. ../shared/data/semeval8/pairs_train.csv).")],
    lang: Annotated[str, typer.Option(metavar="LANG", help="Language of both texts of a pair.")] = "en",
    semantic: Annotated[bool, typer.Option("--semantic", help="Add sentence-embedding similarity (install extra 'semantic').")] = False,
    split: Annotated[
        str,
        typer.Option(
            metavar="unseen|test|all",
            help="Pairs scored: unseen (the pairs nothing was fitted on: all of a file of other pairs), test (or heldout) or all.",
        ),
    ] = "unseen",
    as_json: JsonFlag = False,
) -> None:
    """Pearson correlation of newstrace's story similarity with the 'Overall' score (held-out pairs)."""
    from newstrace.evaluate.similarity_semeval import SPLITS, evaluate

    one_of(ctx, "--split", split, SPLITS)
    result = evaluate(path, lang=lang, semantic=semantic, split=split)
    if as_json:
        emit_json(result)
        return
    out.print(f"split {result['split']}: {result['split_rule']}", markup=False)
    out.print(json.dumps(result, indent=2), markup=False)


@eval_app.command("stories-fakes")
def stories_fakes(
    ctx: typer.Context,
    fakes: Annotated[Path, path_argument(metavar="CSV", help="FA-KES CSV (e.g. ../shared/data/fakes/fakes_dev.csv).")],
    fnc: Annotated[Path | None, path_option(metavar="DIR", help="FNC-1 folder for distractor bodies.")] = None,
    split: Annotated[
        str | None,
        typer.Option(
            metavar="unseen|test|dev|all",
            help="Articles scored: unseen (the default: the articles the models were not calibrated on: all of a file "
            "of other rows), test (or heldout), dev or all; with --calibrate test or dev, none unless given.",
        ),
    ] = None,
    distractors: Annotated[int, ranged(ZERO_OR_MORE, "--distractors", help="FNC-1 bodies mixed in (one per claim; none without --fnc).")] = 600,
    calibrate: Annotated[bool, typer.Option("--calibrate", help="Fit the clustering parameters on the dev split and print them.")] = False,
    no_reuse: Annotated[bool, typer.Option("--no-reuse", help="Cluster without the reuse signal.")] = False,
    semantic: Annotated[
        bool, typer.Option("--semantic", help="Add sentence-embedding similarity to stories and threads (install extra 'semantic').")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Story clustering on FA-KES events with FNC-1 distractors: pairwise and BCubed P/R/F1."""
    from newstrace.evaluate import need_folder
    from newstrace.evaluate import stories_fakes as sf
    from newstrace.evaluate.seen import HELD_OUT_NAMES, held_out_as
    from newstrace.evaluate.stance_fnc import fnc_files

    if split is not None:
        # calibration fits on the hash split's dev part: what it reports is that split's parts
        one_of(ctx, "--split", split, (*HELD_OUT_NAMES, "dev") if calibrate else sf.SPLITS)
        split = held_out_as(split, "test")
    check_ranges(ctx)
    if fnc is None and distractors and given(ctx, "distractors"):
        ctx.fail(f"--distractors {distractors}: only with --fnc (the FNC-1 folder the distractor bodies come from)")
    if fnc is not None:
        need_folder(fnc, "--fnc", "the FNC-1 folder with train_bodies.csv")
        fnc_files(fnc)  # before the FA-KES file is read: a folder without them was an internal error (FileNotFoundError)
    corpus = sf.load_corpus(fakes, fnc, distractors, "test" if calibrate else split or "unseen")
    if not no_reuse:
        sf.add_reuse(corpus)
    feats = sf.corpus_features(corpus if calibrate else corpus.subset(corpus.scored), semantic)
    if calibrate:
        # the fit is judged on dev; held-out figures are shown only when asked for, so that
        # tuning with --calibrate does not look at the split the benchmark reports
        cal = sf.calibrate(corpus, feats=feats, semantic=semantic)
        result: dict[str, Any] = {
            "story_model": sf.model_dict(cal["story"]),
            "thread_model": sf.model_dict(cal["thread"]),
            "dev_story_pairwise_f1": cal["dev_story_pairwise_f1"],
            "dev_thread_pairwise_f1": cal["dev_thread_pairwise_f1"],
            # the figures of --split (test or dev) when it is given, null otherwise: every key in every run
            "dev": None,
            "test": None,
            "semantic": bool(semantic),
        }
        if split is not None:
            result[split] = sf.run(corpus.subset(split), feats, cal["story"], cal["thread"], spread=True)
    else:
        result = sf.evaluate_corpus(corpus, feats=feats, semantic=semantic)
    result = {**sf.inputs(fakes, fnc), **result}
    if as_json:
        emit_json(result)
        return
    if result.get("split_rule"):
        out.print(f"split {result['split']}: {result['split_rule']}", markup=False)
    out.print(json.dumps(result, indent=2), markup=False)
