"""``newstrace stance``, ``newstrace train stance`` and ``newstrace eval stance-fnc``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newstrace.cli.app import (
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
    err,
    eval_app,
    only_with,
    out,
    out_of_range,
    path_argument,
    path_option,
    ranged,
    read_command_inputs,
    safe,
    say_skipped,
    skipped_inputs,
    train_app,
    warn,
)
from newstrace.errors import InputError

if TYPE_CHECKING:
    from newstrace.stance import StanceModel

#: ``--model`` of ``stance`` and ``eval stance-fnc``: a folder ``train stance --out`` wrote
ModelOption = Annotated[
    Path | None,
    path_option(
        "--model",
        metavar="DIR",
        help="Stance model folder written by 'newstrace train stance --out DIR' (default: the shipped model).",
    ),
]


def _model(folder: Path | None) -> StanceModel | None:
    """The model in ``--model``'s folder, or None for the shipped one; a folder without one is a
    bad input (exit 2) naming how to make one."""
    from newstrace.stance import load_model
    from newstrace.stance.model import train_command

    if folder is None:
        return None
    if folder.exists() and not folder.is_dir():  # Typer's own check said "dir 'F' is a file" under the usage lines
        raise InputError(f"--model {folder}: a file, not a folder (a stance model is the folder 'newstrace train stance --out' writes)")
    if not (folder / "meta.json").is_file():
        raise InputError(f"--model {folder}: no stance model there (no meta.json); write one with '{train_command(folder)}'")
    return load_model(folder)


@app.command()
def stance(
    ctx: typer.Context,
    inputs: InputsArg,
    claim: Annotated[
        str,
        typer.Option(
            "--claim", metavar="TEXT", help="The claim (a headline or a sentence) to test each article against."
        ),
    ],
    model: ModelOption = None,
    no_clean: NoCleanFlag = False,
    day_first: DayFirstFlag = False,
    month_first: MonthFirstFlag = False,
    as_json: JsonFlag = False,
) -> None:
    """Does each article agree with, disagree with, discuss, or ignore the claim?

    Prints the label, the class probabilities and the body sentences that decided it (character
    offsets into the article's clean text).
    """
    from newstrace.stance import predict_many

    # a usage error, in out_of_range's words: it said "--claim: empty claim", without the usage
    # lines of every other wrong command line, of a claim of spaces too
    out_of_range(ctx, [("--claim", claim, bool(claim.strip()), "a headline or a sentence, not blank")])
    chosen = _model(model)
    articles, errors, passed_over = read_command_inputs(
        inputs, "stance", clean=not no_clean, day_first=date_order(ctx, day_first, month_first)
    )
    results = predict_many([(claim, a) for a in articles], model=chosen)
    if as_json:
        passed_over.say()
        emit_json(
            {
                "claim": claim,
                "articles": [a.brief() for a in articles],
                "results": [r.to_dict() for r in results],
                "skipped": skipped_inputs(errors),
                "passed_over": passed_over.counts(),
            }
        )
        return
    for a, r in zip(articles, results, strict=True):
        name = a.title or a.source or a.id
        probs = "  ".join(f"{k} {v:.2f}" for k, v in r.probabilities.items())
        out.print(f"[bold]{safe(name)}[/bold]  ({safe(a.id)})")
        out.print(f"  stance: [bold]{r.label}[/bold]   {probs}")
        if r.evidence:
            out.print("  evidence:")
            for e in r.evidence:
                out.print(f"    [{e.start}:{e.end}] {safe(' '.join(e.text.split()))}", soft_wrap=True)
        else:
            out.print("  evidence: none (no body sentence is about the claim)")
    say_skipped(errors, passed_over)


@train_app.command("stance")
def train_stance(
    ctx: typer.Context,
    fnc_dir: Annotated[
        Path, path_argument(metavar="FNC_DIR", help="FNC-1 folder with train_bodies.csv and train_stances.csv.")
    ],
    out_dir: Annotated[
        Path,
        path_option(
            "--out",
            metavar="DIR",
            help="Folder to write the model to: a new or empty one, or a stance model to replace. "
            "Use it with 'newstrace stance --model DIR'.",
            show_default=False,
        ),
    ],
    seed: Annotated[int, ranged(Bounds(0, 2**32 - 1), "--seed", help="Seed of the SVD and the trees.")] = 0,
    as_json: JsonFlag = False,
) -> None:
    """Train a stance model on all FNC-1 training pairs (reproducible; a few minutes on 2 cores).

    The model goes where --out says, never over the shipped one unless --out names its folder
    (src/newstrace/stance/model in a checkout, which is how the shipped model is rebuilt).
    """
    import shlex

    from newstrace.stance.train import train_from_folder

    check_ranges(ctx)  # numpy's and scikit-learn's seeds: -1 failed as an internal error once the data was read
    info = train_from_folder(
        fnc_dir, out_dir, seed=seed, log=None if as_json else (lambda m: err.print(m, markup=False))
    )
    if as_json:
        emit_json(info)
    else:
        out.print(
            f"stance model: {info['pairs']} pairs, {info['bodies']} bodies -> {info['out']} ({info['bytes'] / 1e6:.1f} MB); "
            f"use it with: newstrace stance --model {shlex.quote(info['out'])}",
            markup=False,
            soft_wrap=True,
        )


@eval_app.command("stance-fnc")
def eval_stance_fnc(
    ctx: typer.Context,
    bodies: Annotated[
        Path, path_option("--bodies", metavar="CSV", help="FNC-1 bodies CSV (Body ID, articleBody).")
    ],
    stances: Annotated[
        Path, path_option("--stances", metavar="CSV", help="FNC-1 stances CSV (Headline, Body ID, Stance).")
    ],
    heldout: Annotated[
        bool,
        typer.Option(
            "--heldout",
            help="Train a fresh model on the bodies outside the held-out hash bucket and score the held-out bodies only "
            "(use with the training files).",
        ),
    ] = False,
    model: ModelOption = None,
    as_json: JsonFlag = False,
) -> None:
    """FNC-1 score, per-class and macro F1, confusion matrix and speed of the stance model."""
    from newstrace.evaluate import need_csv
    from newstrace.evaluate.stance_fnc import LABELS, run

    if heldout:
        only_with(ctx, {"model": "--model"}, "not with --heldout, which trains its own model")
    need_csv(bodies, "--bodies")
    need_csv(stances, "--stances")
    result = run(bodies, stances, heldout=heldout, model=_model(model))
    if result.get("trained_on_these_rows"):
        warn(
            f"the {'model in --model' if model else 'shipped model'} was trained on these rows: the figures are not held-out "
            "(use --heldout)"
        )
    if as_json:
        emit_json(result)
        return
    _print_eval(result, LABELS)


def _print_eval(r: dict[str, Any], labels: tuple[str, ...]) -> None:
    split = r.get("split")
    if split:
        out.print(
            f"held-out: {split['heldout_pairs']} pairs, {split['heldout_bodies']} bodies (trained on {split['train_pairs']} pairs)"
        )
    out.print(
        f"FNC score: {r['fnc_score']:.2f} %   macro-F1: {r['macro_f1']:.4f}   accuracy: {r['accuracy']:.4f}"
    )
    out.print(f"speed: {r['pairs_per_second']} pairs/s")
    for c in labels:
        pc = r["per_class"][c]
        out.print(
            f"  {c:<10} P {pc['precision']:.3f}  R {pc['recall']:.3f}  F1 {pc['f1']:.3f}  n={pc['support']}"
        )
    out.print("confusion (rows gold, columns predicted): " + " ".join(f"{c:>9}" for c in labels))
    for g in labels:
        out.print(f"  {g:<10}" + " ".join(f"{r['confusion'][g][p]:>9}" for p in labels))
