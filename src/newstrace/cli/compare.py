"""``newstrace compare INPUT... [--json FILE] [--html FILE]``: the cross-outlet report."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli.app import (
    InputsArg,
    NoCleanFlag,
    app,
    err,
    one_line,
    out,
    read_command_inputs,
    write_output,
)


@app.command()
def compare(
    inputs: InputsArg,
    json_file: Annotated[
        Path | None,
        typer.Option("--json", help="Write the JSON document to FILE ('-' for stdout, then nothing else is printed there).", dir_okay=False),
    ] = None,
    html_file: Annotated[
        Path | None,
        typer.Option("--html", help="Write the self-contained HTML report to FILE.", dir_okay=False),
    ] = None,
    top: Annotated[int, typer.Option("--top", help="Findings printed in the terminal (0 = all).")] = 25,
    no_clean: NoCleanFlag = False,
) -> None:
    """Compare articles about one story: what each outlet says that the others don't, where they
    disagree, and who took what from whom."""
    to_stdout = json_file is not None and str(json_file) == "-"
    articles, _ = read_command_inputs(inputs, clean=not no_clean)
    # imported here: the compare stage pulls in spaCy, which every other command would pay for
    from newstrace.compare import compare_articles, render_html
    from newstrace.compare.terminal import print_comparison

    comparison = compare_articles(articles)
    if json_file is not None:
        doc = json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"
        if to_stdout:
            sys.stdout.write(doc)
            sys.stdout.flush()
        else:
            write_output(json_file, doc)
            err.print(f"wrote {one_line(json_file)}", markup=False, highlight=False)
    if html_file is not None:
        write_output(html_file, render_html(comparison))
        err.print(f"wrote {one_line(html_file)}", markup=False, highlight=False)
    if not to_stdout:
        print_comparison(comparison, out, top=top)

