"""``newstrace reuse`` and the reuse benchmarks ``newstrace eval reuse-clough`` / ``reuse-plagdet``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli.app import (
    InputsArg,
    JsonFlag,
    NoCleanFlag,
    app,
    emit_json,
    err,
    eval_app,
    out,
    warn,
)
from newstrace.errors import InputError, NewstraceError
from newstrace.ingest import read_inputs
from newstrace.reuse import find_reuse
from newstrace.reuse.align import MAX_GAP, MIN_CHARS, MIN_SCORE
from newstrace.reuse.candidates import MAX_DF
from newstrace.reuse.provenance import SUBSTANTIAL_CHARS


def _short(text: str, n: int = 90) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1] + "…"


@app.command()
def reuse(
    inputs: InputsArg,
    min_chars: Annotated[
        int,
        typer.Option(
            "--min-chars",
            help="Shortest shared passage reported (characters; shared quotations from 15).",
        ),
    ] = MIN_CHARS,
    gap: Annotated[
        int, typer.Option("--gap", help="Largest gap in words bridged inside one passage.")
    ] = MAX_GAP,
    min_score: Annotated[
        float, typer.Option("--min-score", help="Weakest passage kept (share of matched words).")
    ] = MIN_SCORE,
    max_df: Annotated[
        int,
        typer.Option(
            "--max-df", help="Candidate keys held by more articles than this are boilerplate."
        ),
    ] = MAX_DF,
    min_shared: Annotated[
        int,
        typer.Option("--min-shared", help="Shared characters a pair needs for a provenance edge."),
    ] = SUBSTANTIAL_CHARS,
    no_clean: NoCleanFlag = False,
    as_json: JsonFlag = False,
) -> None:
    """Passages the articles share (offsets in both texts), quote variants and who copied whom."""
    errors: list[NewstraceError] = []

    def on_error(e: NewstraceError) -> None:
        errors.append(e)
        if not as_json:
            err.print(f"newstrace: skipped: {e}", markup=False, highlight=False, soft_wrap=True)

    articles = list(
        read_inputs(
            inputs,
            clean=not no_clean,
            warn=(lambda m: None) if as_json else warn,
            on_error=on_error,
        )
    )
    if not articles:
        raise InputError(f"{', '.join(map(str, inputs))}: no articles could be read")
    if min_chars < 1 or gap < 0 or not 0 <= min_score <= 1 or max_df < 2:
        raise typer.BadParameter(
            "need --min-chars >= 1, --gap >= 0, 0 <= --min-score <= 1, --max-df >= 2"
        )
    result = find_reuse(
        articles,
        min_chars=min_chars,
        gap=gap,
        min_score=min_score,
        max_df=max_df,
        min_shared_chars=min_shared,
    )
    if as_json:
        emit_json(result.to_dict(articles))
        return
    names = {
        a.id: f"{a.id} ({a.outlet or 'unknown outlet'}, {a.published or 'undated'})"
        for a in articles
    }
    out.print(
        f"{len(articles)} articles, {result.candidates} candidate pairs, {len(result.pairs)} with shared passages"
    )
    for pair in result.pairs:
        out.print(f"\n[bold]{names[pair.a]}[/bold]  <->  [bold]{names[pair.b]}[/bold]")
        for s in pair.shared:
            out.print(
                f"  {s.kind:<13} {s.score:.2f}  a[{s.a_start}:{s.a_end}] b[{s.b_start}:{s.b_end}]  "
                f"“{_short(s.a_text)}”",
                markup=False,
            )
            if s.kind != "verbatim":
                out.print(f"  {'':<13}       b: “{_short(s.b_text)}”", markup=False)
    if result.variants:
        out.print("\n[bold]Quote variants[/bold]")
        for v in result.variants:
            fp = f"  fingerprints: {', '.join(v.fingerprints)}" if v.fingerprints else ""
            who = f" ({v.speaker})" if v.speaker else ""
            out.print(
                f"  “{_short(v.texts[0], 70)}”{who} in {len(set(v.articles))} articles{fp}",
                markup=False,
            )
            for t, a, sp in zip(v.texts, v.articles, v.spans, strict=True):
                if t != v.texts[0]:
                    out.print(f"     {a}[{sp.start}:{sp.end}]: “{_short(t, 70)}”", markup=False)
    if result.provenance:
        out.print("\n[bold]Provenance[/bold]")
        for e in result.provenance:
            out.print(
                f"  {names.get(e.source, e.source)} -> {names.get(e.derived, e.derived)}  confidence {e.confidence:.2f}",
                markup=False,
            )
            for ev in e.evidence:
                detail = ", ".join(f"{k}={v}" for k, v in ev.items() if k not in ("type", "spans"))
                out.print(f"      {ev['type']}: {detail}", markup=False)
    if errors:
        err.print(f"{len(errors)} input(s) skipped", markup=False)


_ = (Path, eval_app)
