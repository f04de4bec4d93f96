"""``newstrace extract`` and the claims benchmarks ``eval quotes-polnear`` / ``eval casualties-fakes``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newstrace.cli.app import (
    LIMIT,
    ONE_OR_MORE,
    BatchAlias,
    DayFirstFlag,
    InputsArg,
    JsonFlag,
    MonthFirstFlag,
    NoCleanFlag,
    app,
    check_ranges,
    date_order,
    emit_json,
    eval_app,
    given_batch_size,
    one_of,
    out,
    path_argument,
    progress,
    ranged,
    read_command_inputs,
    safe,
    say_skipped,
    warn,
)
from newstrace.model import Article, ArticleClaims

if TYPE_CHECKING:
    from newstrace.compare.core import Comparison


def claims_document(article: Article, claims: ArticleClaims) -> dict[str, Any]:
    """The documented JSON object of one article's claims (offsets into ``text``)."""
    # ``brief``: the identifying fields every JSON output gives, its ``url`` included
    found = claims.to_dict()
    return {**article.brief(), "text": article.text, "quotes": found["quotes"], "quantities": found["quantities"]}


def _fmt_interval(low: float | None, high: float | None) -> str:
    def f(v: float | None) -> str:
        if v is None:
            return "?"
        return str(int(v)) if float(v).is_integer() else f"{v:g}"

    if low is not None and high is not None and low == high:
        return f(low)
    return f"{f(low)}–{'∞' if high is None else f(high)}"


@app.command()
def extract(
    ctx: typer.Context,
    inputs: InputsArg,
    no_clean: NoCleanFlag = False,
    day_first: DayFirstFlag = False,
    month_first: MonthFirstFlag = False,
    as_json: JsonFlag = False,
    batch_size: Annotated[int, ranged(ONE_OR_MORE, "--batch-size", help="Passages per spaCy batch.")] = 32,
    batch_alias: BatchAlias = None,
) -> None:
    """Extract quotes (with speakers) and counts (with meaning) from articles.

    With --json: a list of one object per article, in input order, as the listings (list, stories,
    threads) print theirs; compare, reuse and stance, which report on their inputs together, print
    one object. It has been a list since the first release and scripts index it (jq
    '.[0].quotes'), so it stays one; an input that could not be read is named on stderr alone, and
    so are the files of other types in a folder given (a PDF, an image), in one line counting them.
    """
    from newstrace.claims import extract_many

    check_ranges(ctx)
    batch_size = given_batch_size(ctx, batch_size, batch_alias)
    articles, errors, passed_over = read_command_inputs(
        inputs, "extract", clean=not no_clean, day_first=date_order(ctx, day_first, month_first)
    )
    docs = []
    with progress(enabled=not as_json) as bar:
        task = bar.add_task("extracting claims", total=len(articles))
        for a, c in zip(articles, extract_many(articles, batch_size=batch_size, warn=warn), strict=True):
            docs.append(claims_document(a, c))
            bar.advance(task)
    if as_json:
        passed_over.say()  # on stderr alone, as the inputs skipped: the document is a list
        emit_json(docs)
        return
    for d in docs:
        print_claims(d)
    say_skipped(errors, passed_over)


def print_lone_claims(comparison: Comparison) -> None:
    """After the terminal report of a comparison of one article (``compare``, ``story``), that
    article's quotes and counts, as the report's note says they are listed; nothing otherwise."""
    if len(comparison.articles) != 1:
        return
    (article,) = comparison.articles
    out.print()
    print_claims(claims_document(article, comparison.claims[article.id]))


#: the most of a quote the terminal's list of claims shows: its words are the evidence, so a quote is
#: shown whole, wrapped (it was cut at 90 characters mid-word, 23 of the 37 of examples/); one longer,
#: a speech quoted at length (Jim Jatras's 727 characters in RT's report; 5 of FA-KES dev's first 1,073
#: quotes run past 300), is cut after a word and says how much is left out (``shown_quote``)
QUOTE_CHARS = 400


def shown_quote(text: str) -> tuple[str, str]:
    """A quote for the terminal's list of claims: its text up to ``QUOTE_CHARS``, cut after a whole
    word, and what says the cut, "… (327 more characters: --json has the whole quote)" ("" when whole)."""
    text = " ".join(text.split())
    if len(text) <= QUOTE_CHARS:
        return text, ""
    cut = text.rfind(" ", 0, QUOTE_CHARS + 1)
    head = text[:cut if cut > 0 else QUOTE_CHARS].rstrip()
    rest = len(text[len(head):].lstrip())
    return head, f"… ({rest:,} more characters: --json has the whole quote)"


def print_claims(d: dict[str, Any]) -> None:
    """One article's quotes and counts for a reader (``extract``, and ``compare`` of one article,
    whose note promises them). Each quote's and count's lines hang under the first word after its
    kind, "quote", "said" or "count", as the compare report's notes do under "note:" (``hanging``):
    at 40 columns they wrapped to column 0. A quote is whole but for one past ``QUOTE_CHARS``
    (``shown_quote``)."""
    from rich.text import Text

    from newstrace.compare.terminal import hanging

    def line(lead: str, markup: str) -> None:
        out.print(hanging(lead, Text.from_markup(markup), out))

    line("", f"[bold]{safe(d['title'] or d['id'])}[/bold] [dim]{safe(d['outlet'] or '')} {safe(d['published'] or '')}[/dim]")
    for q in d["quotes"]:
        kind = "quote" if q["direct"] else "said "
        quote, left_out = shown_quote(q["text"])
        line(f"  {kind} ", f"[cyan]{safe(q['speaker'] or '?')}[/cyan] ({safe(q['cue'] or '-')}): {safe(quote)}"
                           + (f" [dim]{left_out}[/dim]" if left_out else ""))
    for n in d["quantities"]:
        extra = ", ".join(
            f"{k} {safe(str(n[k]))}" for k in ("event", "window", "place", "source") if n.get(k)
        )
        line("  count ", f"[green]{_fmt_interval(n['low'], n['high'])}[/green] {safe(n['subject'] or '?')}"
                   f" «{safe(n['text'])}» {extra}")
    out.print()


@eval_app.command("quotes-polnear")
def quotes_polnear(
    ctx: typer.Context,
    path: Annotated[Path, path_argument(metavar="DIR", help="A PolNeAR split folder (with text/ and attributions/).")],
    as_json: JsonFlag = False,
    limit: Annotated[int, ranged(LIMIT, "--limit", help="Use at most this many articles.")] = 0,
) -> None:
    """Quote and attribution extraction on PolNeAR: span P/R/F1 and speaker agreement."""
    from newstrace.evaluate.quotes_polnear import evaluate_polnear

    check_ranges(ctx)  # --limit -1 was read as "all but the last"
    result = evaluate_polnear(path, limit=limit or None)
    if as_json:
        emit_json(result)
        return
    for name in ("direct", "all"):
        r = result[name]
        out.print(f"{name:>7}: P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  "
                  f"speaker {r['speaker']:.3f}  (gold {r['gold']}, predicted {r['predicted']})")
    out.print(f"articles {result['articles']}, {result['articles_per_second']:.1f} articles/s")


@eval_app.command("casualties-fakes")
def casualties_fakes(
    ctx: typer.Context,
    path: Annotated[Path, path_argument(metavar="CSV", help="FA-KES CSV (fakes_dev.csv).")],
    as_json: JsonFlag = False,
    split: Annotated[
        str,
        typer.Option(
            metavar="unseen|heldout|dev|all",
            help="Rows scored: unseen (the rows the rules were not tuned on: all of a file of other rows), "
            "heldout (or test), dev or all.",
        ),
    ] = "unseen",
) -> None:
    """Casualty counts on FA-KES: share of articles whose gold count lies in the extracted interval."""
    from newstrace.evaluate.casualties_fakes import SPLITS, evaluate_fakes

    one_of(ctx, "--split", split, SPLITS)
    result = evaluate_fakes(path, split=split)
    if as_json:
        emit_json(result)
        return
    out.print(f"split {result['split']}: {result['split_rule']}", markup=False)
    for part, r in result["splits"].items():
        out.print(f"[bold]{part}[/bold] ({r['articles']} articles)")
        for field, v in r["fields"].items():
            out.print(f"  {field:>16}: inside {v['inside']:.3f}  exact {v['exact']:.3f}")


@eval_app.command("extract-speed")
def extract_speed(
    ctx: typer.Context,
    path: Annotated[Path, path_argument(metavar="INPUT", help="FNC-1 train_bodies.csv (or any article file/folder).")],
    as_json: JsonFlag = False,
    limit: Annotated[int, ranged(LIMIT, "--limit", help="Use at most this many articles.")] = 400,
) -> None:
    """Articles per second per core for 'newstrace extract' (one process, spaCy's batched nlp.pipe)."""
    from newstrace.evaluate.quotes_polnear import measure_speed

    check_ranges(ctx)  # --limit -1 timed a single article as if asked for
    result = measure_speed(path, limit=limit or None)
    if as_json:
        emit_json(result)
        return
    out.print(f"{result['articles']} articles in {result['seconds']:.1f}s CPU: "
              f"{result['articles_per_second_per_core']:.1f} articles/s/core")
