"""``compare_articles`` on many articles of one story: wall seconds, and a profile on request.

    .venv/bin/python benchmarks/bench_compare.py --n 12 --n 48 [--kind seeds|fakes] [--profile N]

``seeds``: copies of the two seed articles in examples/ with small, deterministic edits per copy
(a word changed in a quotation, a count changed, a sentence dropped), as a big story of rewrites
looks. ``big``: the RT seed's text with one sentence of its own per article, as
``tests/test_web_fixtures.big_story_db`` stores a big story. ``fakes``: the first N FA-KES articles about Aleppo from ../shared/data/fakes/fakes_dev.csv.
Claims and reuse are computed once, outside the timing, and given to ``compare_articles`` (as
``newstrace story`` does with the stored ones), so the figure is the comparison alone.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import pstats
import random
import re
import sys
import time
from pathlib import Path

from newstrace.model import Article

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "fakes_dev.csv"


def _edit(text: str, rng: random.Random) -> str:
    """A rewrite's small edits: one quoted word changed, one number changed, one sentence dropped."""
    quotes = [m for m in re.finditer(r"[“\"]([^“”\"]{20,300})[”\"]", text)]
    if quotes:
        m = rng.choice(quotes)
        ws = list(re.finditer(r"[A-Za-z]{5,}", m.group(1)))
        if ws:
            w = rng.choice(ws)
            s = m.start(1) + w.start()
            text = text[:s] + w.group(0)[::-1].lower() + text[s + len(w.group(0)) :]
    nums = list(re.finditer(r"\b\d{2,4}\b", text))
    if nums:
        n = rng.choice(nums)
        text = text[: n.start()] + str(int(n.group(0)) + rng.randint(1, 9)) + text[n.end() :]
    sents = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    if len(sents) > 4:
        del sents[rng.randrange(1, len(sents))]
    return " ".join(sents)


def seed_copies(n: int, seed: int = 0) -> list[Article]:
    from newstrace.ingest import read_articles

    seeds = read_articles([ROOT / "examples"])
    rng = random.Random(seed)
    out: list[Article] = []
    for k in range(n):
        base = seeds[k % len(seeds)]
        text = base.text if k < len(seeds) else _edit(base.text, rng)
        out.append(dataclasses.replace(base, id=f"copy-{k:04d}", outlet=f"outlet{k % 12}.example", text=text))
    return out


def big_story(n: int) -> list[Article]:
    """As tests/test_web_fixtures.big_story_db: the RT seed's text and one sentence of its own each."""
    from datetime import date, timedelta

    from newstrace.ingest import read_articles

    (rt,) = [a for a in read_articles([ROOT / "examples"]) if a.outlet == "rt.com"]
    return [
        Article(id=f"big-{k:05d}", title=f"Aleppo report {k}", outlet=f"outlet{k % 12}.example",
                published=date(2016, 1, 1) + timedelta(days=k % 120),
                text=rt.text + f"\n\nOfficials said {k} more people were wounded.")
        for k in range(n)
    ]


def fakes_articles(n: int, location: str = "aleppo") -> list[Article]:
    from newstrace.evaluate.stories_fakes import load_fakes

    arts, _, _ = load_fakes(FAKES)
    return [a for a in arts if str(a.meta.get("location")) == location][:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, action="append", required=True)
    ap.add_argument("--kind", choices=("seeds", "fakes", "big"), default="seeds")
    ap.add_argument("--profile", type=int, default=0, help="print the N top functions by cumulative time")
    ap.add_argument("--dump", type=Path, help="write each comparison's JSON to DUMP/<kind>-<n>.json (to diff two trees)")
    args = ap.parse_args()
    from newstrace.claims import extract_many
    from newstrace.compare import compare_articles
    from newstrace.limits import Limits
    from newstrace.reuse import find_reuse

    for n in args.n:
        arts = seed_copies(n) if args.kind == "seeds" else fakes_articles(n) if args.kind == "fakes" else big_story(n)
        claims = {c.article: c for c in extract_many(arts)}
        reuse = find_reuse(arts, claims=claims)
        limits = Limits(max_compare_articles=max(n, 200))
        prof = cProfile.Profile() if args.profile else None
        t0, c0 = time.perf_counter(), time.process_time()
        if prof:
            prof.enable()
        res = compare_articles(arts, claims=claims, reuse=reuse, limits=limits)
        if prof:
            prof.disable()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"{args.kind} n={len(arts)}: {wall:.2f} s wall, {cpu:.2f} s CPU; {len(res.quote_groups)} quote groups, "
              f"{len(res.findings)} findings", flush=True)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            (args.dump / f"{args.kind}-{n}.json").write_text(json.dumps(res.to_dict(), sort_keys=True, indent=1), encoding="utf-8")
        if prof:
            pstats.Stats(prof, stream=sys.stdout).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
