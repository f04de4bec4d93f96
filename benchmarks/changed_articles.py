"""What an incremental ``analyze`` leaves of the stories of articles changed since their analysis,
against what ``analyze --recluster`` then builds (benchmarks/README.md, "Changed articles").

FA-KES dev and the seeds are ingested and analysed (reuse, stories: ``--no-claims``); one change
is stored as an update of the articles it names, ``analyze`` runs, and a copy is reclustered. For
each live story and thread the recluster builds of the same articles, the fields the rows and
saved states give are compared one by one.

    PYTHONPATH=src .venv/bin/python benchmarks/changed_articles.py ../shared/data/fakes/fakes_dev.csv WORK
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from newstrace.cli.main import main
from newstrace.corpus import analyze
from newstrace.corpus.stories import Cluster
from newstrace.model import Article
from newstrace.store.sqlite import Store

STEPS = ("reuse", "stories")
FIELDS = ("first_article", "first_outlet", "outlets", "start", "end", "size", "times", "label")


def _multi(st: Store) -> list[str]:
    sql = "SELECT m.article FROM memberships m JOIN stories s ON s.id = m.story WHERE s.size > 1 ORDER BY m.article"
    return [r[0] for r in st.conn.execute(sql)]


def _changes(st: Store, arts: dict[str, Article]) -> dict[str, list[Article]]:
    manar = sorted((a for a in arts.values() if a.outlet == "manar"), key=lambda a: a.id)
    multi = _multi(st)
    return {
        "rename": [replace(a, outlet="almanar.com.lb") for a in manar],
        "move": [replace(a, outlet="sana") for a in manar[:5]],
        "later": [replace(arts[i], published=arts[i].published + timedelta(days=1))  # type: ignore[operator]
                  for i in multi[::7] if arts[i].published][:20],
        "earlier": [replace(arts[i], published=arts[i].published - timedelta(days=2))  # type: ignore[operator]
                    for i in multi[::5] if arts[i].published][:20],
    }


def snapshot(db: Path) -> dict[tuple[str, frozenset[str]], tuple[Any, ...]]:
    """Each live story and thread by its level and articles: first article and outlet, outlets, days,
    size, centroid time statistics, label (what an incremental run and `--recluster` are compared on)."""
    with sqlite3.connect(db) as c:
        c.row_factory = sqlite3.Row
        members: dict[str, set[str]] = {}
        for r in c.execute("SELECT article, story FROM memberships"):
            members.setdefault(r[1], set()).add(r[0])
        of_thread: dict[str, set[str]] = {}
        for r in c.execute("SELECT id, thread FROM stories WHERE merged_into IS NULL"):
            of_thread.setdefault(r[1], set()).update(members[r[0]])
        out = {}
        for table, level, arts in (("stories", "story", members), ("threads", "thread", of_thread)):
            for r in c.execute(f"SELECT * FROM {table} WHERE merged_into IS NULL"):
                ce = Cluster.from_state(dict(r), level, bytes(r["state"])).centroid  # type: ignore[arg-type]
                out[(level, frozenset(arts[r["id"]]))] = (
                    r["first_article"], r["first_outlet"], r["outlets"], r["start"], r["end"], r["size"],
                    (ce.t_n, ce.t_min, ce.t_max, round(ce.t_sum, 6)), r["label"],
                )
    return out


def run(fakes: Path, work: Path, name: str, say: Callable[[str], None] = print) -> None:
    db = work / f"{name}.db"
    for p in work.glob(f"{name}*.db*"):
        p.unlink()
    with contextlib.redirect_stderr(io.StringIO()):
        main(["ingest", str(Path(__file__).parent.parent / "examples"), str(fakes), "--db", str(db)])
    with Store(db) as st:
        analyze(st, steps=STEPS, workers=1)
        arts = {a.id: a for a in (st.get_article(r[0]) for r in st.conn.execute("SELECT id FROM articles")) if a}
        new = _changes(st, arts)[name]
        st.add_articles(new, keep_ids=True)
        rep = analyze(st, steps=STEPS, workers=1)
        again = analyze(st, steps=STEPS, workers=1).analysed
    said = "; ".join(w.split(": ", 1)[1].split(" (")[0] for w in rep.warnings) or "nothing"
    say(f"{name}: {len(new)} changed, {rep.analysed} analysed again, said: {said}; a second run analyses {again}")
    inc = snapshot(db)
    shutil.copy(db, work / f"{name}-recluster.db")
    with Store(work / f"{name}-recluster.db") as st:
        analyze(st, steps=STEPS, workers=1, recluster=True)
    re = snapshot(work / f"{name}-recluster.db")
    for level in ("story", "thread"):
        keys = [k for k in inc if k[0] == level]
        same = [k for k in keys if k in re]
        differ = {f: sum(1 for k in same if inc[k][i] != re[k][i]) for i, f in enumerate(FIELDS)}
        equal = sum(1 for k in same if inc[k][:-1] == re[k][:-1])
        named = sum(1 for k in keys if "Al-Manar" in inc[k][-1])
        say(f"  {level}: {len(keys)} live, {len(same)} of the same articles as the recluster's, {equal} of them "
            f"equal but for the label; differ: {differ}; labels naming Al-Manar {named}")


def cli() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("fakes", type=Path)
    ap.add_argument("work", type=Path)
    ap.add_argument("--only", choices=("rename", "move", "later", "earlier"))
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    for name in [args.only] if args.only else ["rename", "move", "later", "earlier"]:
        run(args.fakes, args.work, name)


if __name__ == "__main__":
    cli()
