"""Speed and memory of ``find_reuse`` (candidate search + alignment + variants + provenance) at scale.

Each size runs in a fresh subprocess so that its peak memory (``ru_maxrss``) is its own. The corpus
comes from ``benchmarks/corpus_gen.py`` (real bodies, then bigram-model originals, with 10 % full
and 15 % partial copies); its generation is not timed. Besides speed, the planted copies give a
sanity check: the share of ``derived_from`` pairs found, and the share whose edge points the right
way.

    python benchmarks/bench_reuse.py --sizes 1000 10000 100000 [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def run_one(n: int, seed: int = 0) -> dict[str, Any]:
    from corpus_gen import generate_corpus

    from newstrace.model import Article
    from newstrace.reuse import find_reuse

    t0 = time.perf_counter()
    recs = generate_corpus(n, seed=seed)
    articles = [
        Article.from_dict({k: v for k, v in r.items() if k not in ("kind", "derived_from")})
        for r in recs
    ]
    gen_s = time.perf_counter() - t0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t1 = time.perf_counter()
    c1 = time.process_time()
    result = find_reuse(articles)
    wall = time.perf_counter() - t1
    cpu = time.process_time() - c1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    planted = {(r["derived_from"], r["id"]) for r in recs if r["derived_from"]}
    found = {frozenset((p.a, p.b)) for p in result.pairs}
    edges = {(e.source, e.derived) for e in result.provenance}
    hit = sum(1 for s, d in planted if frozenset((s, d)) in found)
    right = sum(1 for s, d in planted if (s, d) in edges)
    return {
        "articles": n,
        "chars": sum(len(a.text) for a in articles),
        "seconds": round(wall, 2),
        "articles_per_second": round(n / wall, 1),
        "cpu_seconds": round(cpu, 2),
        "articles_per_cpu_second": round(n / max(cpu, 1e-9), 1),
        "phases": {k: round(v, 2) for k, v in result.timings.items()},
        "candidate_pairs": result.candidates,
        "pairs_with_reuse": len(result.pairs),
        "edges": len(result.provenance),
        "planted_pairs": len(planted),
        "planted_found": round(hit / max(1, len(planted)), 4),
        "planted_direction_right": round(right / max(1, len(planted)), 4),
        "peak_rss_mb": round(peak, 1),
        "rss_before_mb": round(rss_before, 1),
        "generate_seconds": round(gen_s, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="find_reuse speed and memory at several corpus sizes")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    rows = []
    for n in args.sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(row)
        if not args.json:
            print(
                f"N={row['articles']:>7}  {row['seconds']:>8.1f} s  {row['articles_per_second']:>8.1f} art/s  "
                f"(cpu {row['cpu_seconds']:.1f} s, {row['articles_per_cpu_second']:.1f} art/cpu-s)  "
                f"peak {row['peak_rss_mb']:>7.0f} MB  candidates {row['candidate_pairs']}  "
                f"pairs {row['pairs_with_reuse']}  planted found {row['planted_found']:.3f}  "
                f"direction {row['planted_direction_right']:.3f}  phases {row['phases']}",
                flush=True,
            )
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
