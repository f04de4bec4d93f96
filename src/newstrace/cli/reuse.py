"""``newstrace reuse`` and the reuse benchmarks ``newstrace eval reuse-clough`` / ``reuse-plagdet``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli.app import (
    ONE_OR_MORE,
    ZERO_OR_MORE,
    Bounds,
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
    one_line,
    out,
    path_argument,
    ranged,
    read_command_inputs,
    safe,
    say_skipped,
    skipped_inputs,
)
from newstrace.evaluate import need_folder
from newstrace.model import arrow, article_labels, counted, shortened
from newstrace.reuse import find_reuse
from newstrace.reuse.align import MAX_GAP, MIN_CHARS, MIN_SCORE
from newstrace.reuse.candidates import MAX_DF
from newstrace.reuse.provenance import SUBSTANTIAL_CHARS
from newstrace.reuse.variants import variant_differences


def _short(text: str, n: int = 90) -> str:
    """A passage on one printable line, cut as a report's label is (``model.shortened``): a cut
    just after a space read "… in Aleppo United …"."""
    return shortened(one_line(text, words=True), n)


@app.command()
def reuse(
    ctx: typer.Context,
    inputs: InputsArg,
    min_chars: Annotated[
        int,
        ranged(ONE_OR_MORE, "--min-chars", help="Shortest shared passage reported (characters; shared quotations from 15)."),
    ] = MIN_CHARS,
    gap: Annotated[
        int, ranged(ZERO_OR_MORE, "--gap", help="Largest gap in words bridged inside one passage.")
    ] = MAX_GAP,
    min_score: Annotated[
        float,
        ranged(Bounds(0, 1), "--min-score", metavar="SCORE", help="Weakest passage kept (share of matched words)."),
    ] = MIN_SCORE,
    max_df: Annotated[
        int,
        ranged(Bounds(2), "--max-df", help="Candidate keys held by more texts than this are boilerplate."),
    ] = MAX_DF,
    min_shared: Annotated[
        int,
        ranged(ZERO_OR_MORE, "--min-shared", help="Shared characters a pair needs for a provenance edge."),
    ] = SUBSTANTIAL_CHARS,
    no_clean: NoCleanFlag = False,
    day_first: DayFirstFlag = False,
    month_first: MonthFirstFlag = False,
    as_json: JsonFlag = False,
) -> None:
    """Passages the articles share (offsets in both texts), quote variants and who copied whom."""
    check_ranges(ctx)
    articles, errors, passed_over = read_command_inputs(
        inputs, "reuse", clean=not no_clean, day_first=date_order(ctx, day_first, month_first)
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
        passed_over.say()
        emit_json({**result.to_dict(articles), "skipped": skipped_inputs(errors), "passed_over": passed_over.counts()})
        return
    # one printable line each: ids, outlets and titles are the inputs' own (printed without markup);
    # the id for the offsets, and compare's label, so an article without an outlet is still recognisable
    labels = article_labels(articles)
    names = {
        a.id: one_line(f"{a.id} ({labels[a.id]}, {a.published or 'undated'})")
        for a in articles
    }
    out.print(
        f"{counted(len(articles), 'article')}, {counted(result.candidates, 'candidate pair')}, "
        f"{len(result.pairs)} with shared passages"
    )
    for pair in result.pairs:
        out.print(f"\n[bold]{safe(names[pair.a])}[/bold]  <->  [bold]{safe(names[pair.b])}[/bold]")
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
            fp = f"  fingerprints: {one_line(', '.join(v.fingerprints))}" if v.fingerprints else ""
            who = f" ({one_line(v.speaker)})" if v.speaker else ""
            out.print(
                f"  “{_short(v.texts[0], 70)}”{who} in {len(set(v.articles))} articles{fp}",
                markup=False,
            )
            for t, a, sp in zip(v.texts, v.articles, v.spans, strict=True):
                if t != v.texts[0]:
                    out.print(f"     {one_line(a)}[{sp.start}:{sp.end}]: “{_short(t, 70)}”", markup=False)
            for d in variant_differences(v):
                out.print(f"     only in {one_line(d['article'])}: {one_line(d['words'])}", markup=False)
    if result.provenance:
        out.print("\n[bold]Provenance[/bold]")
        for e in result.provenance:
            out.print(
                # "—" without an arrowhead where no evidence says who took from whom, as compare draws it
                f"  {names.get(e.source, one_line(e.source))} {arrow(e.directed)} "
                f"{names.get(e.derived, one_line(e.derived))}  confidence {e.confidence:.2f}",
                markup=False,
            )
            for ev in e.evidence:
                detail = ", ".join(f"{k}={v}" for k, v in ev.items() if k not in ("type", "spans"))
                out.print(f"      {one_line(ev['type'])}: {one_line(detail)}" if detail else f"      {one_line(ev['type'])}", markup=False)
    say_skipped(errors, passed_over)


@eval_app.command("reuse-clough")
def reuse_clough(
    data: Annotated[Path, path_argument(metavar="DIR", help="The clough_stevenson folder.")] = Path(
        "../shared/data/clough_stevenson"
    ),
    as_json: JsonFlag = False,
) -> None:
    """Clough & Stevenson: reused vs not and cut/light/heavy/non; fitted on tasks a-c, tested on d-e."""
    from newstrace.evaluate.reuse_clough import CLASSES, evaluate

    need_folder(data)
    result = evaluate(data)
    if as_json:
        emit_json(result)
        return
    for part in ("test", "dev", "all"):
        m = result[part]
        title = {
            "test": "tasks d-e (held out)",
            "dev": "tasks a-c (fitted on)",
            "all": "all answers",
        }[part]
        out.print(
            f"{title:<24} n={m['n']:<3} binary acc {m['binary_accuracy']:.3f}  precision {m['precision']:.3f}  "
            f"recall {m['recall']:.3f}  4-class acc {m['accuracy_4class']:.3f}",
            markup=False,
        )
    out.print("\nconfusion (all answers; rows gold, columns predicted)", markup=False)
    out.print("        " + "".join(f"{c:>7}" for c in CLASSES), markup=False)
    for g in CLASSES:
        out.print(
            f"{g:<8}" + "".join(f"{result['all']['confusion'][g][p]:>7}" for p in CLASSES),
            markup=False,
        )


@eval_app.command("reuse-plagdet")
def reuse_plagdet(
    ctx: typer.Context,
    data: Annotated[
        Path, path_argument(metavar="DIR", help="The shared data folder (needs fakes/ and fnc1/).")
    ] = Path("../shared/data"),
    per_type: Annotated[
        int, ranged(ONE_OR_MORE, "--per-type", help="Document pairs per obfuscation.")
    ] = 60,
    min_chars: Annotated[
        int, ranged(ONE_OR_MORE, "--min-chars", help="Shortest shared passage reported (characters).")
    ] = MIN_CHARS,
    as_json: JsonFlag = False,
) -> None:
    """PAN-style text alignment on real news (FA-KES passages in FNC-1 bodies), scored by plagdet."""
    from newstrace.evaluate.plagdet import evaluate

    check_ranges(ctx)
    need_folder(data)
    result = evaluate(data, per_type=per_type, min_chars=min_chars)
    if as_json:
        emit_json(result)
        return

    def row(name: str, m: dict[str, float]) -> None:
        out.print(
            f"{name:<14} plagdet {m['plagdet']:.3f}  precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
            f"granularity {m['granularity']:.3f}  cases {m['cases']}",
            markup=False,
        )

    row("overall", result["overall"])
    row("test split", result["test"])
    row("dev split", result["dev"])
    for obf, m in result["by_obfuscation"].items():
        row(obf, m)
    out.print(
        f"detections on {result['pairs']} pairs; on pairs without reuse: {result['false_detections_on_negatives']}",
        markup=False,
    )
