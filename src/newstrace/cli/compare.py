"""``newstrace compare INPUT... [--json FILE|-] [--html FILE|-]``: the cross-outlet report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli.app import (
    DayFirstFlag,
    InputsArg,
    MonthFirstFlag,
    NoCleanFlag,
    TopOption,
    app,
    check_ranges,
    date_order,
    err,
    json_text,
    one_line,
    out,
    output_option,
    progress,
    read_command_inputs,
    refuse_foreign,
    say_skipped,
    skipped_inputs,
    stage_bars,
    warn,
    write_output,
)
from newstrace.errors import InputError


@app.command()
def compare(
    ctx: typer.Context,
    inputs: InputsArg,
    json_file: Annotated[
        Path | None,
        output_option("--json", metavar="FILE", help="Write the JSON document to FILE ('-' for stdout, then nothing else is printed there)."),
    ] = None,
    html_file: Annotated[
        Path | None,
        output_option("--html", metavar="FILE", help="Write the self-contained HTML report to FILE ('-' for stdout)."),
    ] = None,
    top: TopOption = 25,
    no_clean: NoCleanFlag = False,
    day_first: DayFirstFlag = False,
    month_first: MonthFirstFlag = False,
) -> None:
    """Compare articles about one story: what each outlet says that the others don't, where they
    disagree, and who took what from whom.

    An existing FILE that is not a report newstrace wrote is not overwritten: "--json a.txt b.txt"
    would otherwise replace the article a.txt with the report on b.txt alone.
    """
    check_ranges(ctx)
    to_stdout = [name for name, f in (("--json", json_file), ("--html", html_file)) if f is not None and str(f) == "-"]
    if len(to_stdout) > 1:
        raise InputError("--json - and --html - both want stdout: send one of them to a file")
    for path, kind in ((json_file, "json"), (html_file, "html")):
        if path is not None:
            refuse_foreign(path, kind)
    articles, errors, passed_over = read_command_inputs(
        inputs, "compare", clean=not no_clean, day_first=date_order(ctx, day_first, month_first)
    )
    if len(articles) == 1 and to_stdout:
        # the terminal report's note says it otherwise; with the report on stdout, only this line does
        warn(f"one article read ({articles[0].id}): nothing to compare it with; its claims are listed")
    # imported here: the compare stage pulls in spaCy, which every other command would pay for
    from newstrace.compare import compare_articles, render_html
    from newstrace.compare.core import TooManyArticles

    try:
        with progress() as bar:
            comparison = compare_articles(articles, on_progress=stage_bars(bar))
    except TooManyArticles as e:
        raise e.command_line() from None  # the command's words: its variable, 'newstrace ingest'
    if json_file is not None:
        # the report's document, and the inputs that could not be read, as 'reuse --json' lists them
        doc = {**comparison.to_dict(), "skipped": skipped_inputs(errors), "passed_over": passed_over.counts()}
        write_output(json_file, json_text(doc) + "\n", "json")
        if str(json_file) != "-":
            err.print(f"wrote {one_line(json_file)}", markup=False, highlight=False)
    if html_file is not None:
        write_output(html_file, render_html(comparison), "html")
        if str(html_file) != "-":
            err.print(f"wrote {one_line(html_file)}", markup=False, highlight=False)
    if not to_stdout:
        from newstrace.cli.extract import print_lone_claims
        from newstrace.compare.terminal import print_comparison

        print_comparison(comparison, out, top=top)
        print_lone_claims(comparison)  # the note of one article's report says they are listed
        say_skipped(errors, passed_over)
    else:  # the report on stdout: the inputs skipped were named on stderr as they were met
        passed_over.say()

