"""Build N-article news corpora from the real texts in ../shared/data, for scale benchmarks.

Originals are the real article bodies (FNC-1 and FA-KES) first; past those, new originals are drawn
from a word-bigram model fitted on the same bodies, so they read like the news vocabulary (and share
stock phrases the way real news does) without copying long runs. Then a realistic share of the
corpus is reuse of an earlier article:

* ``copy`` (10 %): the whole text republished with light edits (words dropped, quotes restyled);
* ``partial`` (15 %): one to three paragraphs of an earlier article inside a new article;
* the rest are originals.

Every derived article is published on or after its source and names it in ``derived_from`` (kept
as metadata by the JSONL reader), so benchmarks can check recall and direction.

``--wire K`` (repeatable) adds wire copy: ``K`` records of one FA-KES dev-split text, word for word,
each under an outlet of its own and all on one day of the stream, as when 50 sites run one AFP
story (``wire_copies``; the first ``--wire`` takes the first FA-KES dev text of 300 characters
and more, the next the one after it).

Library use: ``generate_corpus(n, data=Path("../shared/data"), seed=0) -> list[dict]``.
CLI: ``python benchmarks/corpus_gen.py --n 10000 --out corpus.jsonl [--wire 50 --wire 200]``.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newstrace.clean.text import normalize_body

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
COPY_SHARE = 0.10
PARTIAL_SHARE = 0.15
OUTLETS = [f"outlet{i:02d}.example" for i in range(60)]
_SENT_END = re.compile(r"[.!?]$")


def real_texts(data: Path = DATA) -> list[tuple[str, str]]:
    """(title, body) of every usable FNC-1 body and FA-KES article, in file order."""
    csv.field_size_limit(1 << 30)
    out: list[tuple[str, str]] = []
    fnc = data / "fnc1" / "train_bodies.csv"
    fakes = data / "fakes" / "fakes_dev.csv"
    if not fnc.is_file() and not fakes.is_file():
        raise FileNotFoundError(f"{data}: needs fnc1/train_bodies.csv or fakes/fakes_dev.csv")
    if fnc.is_file():
        with fnc.open(newline="", encoding="utf-8", errors="replace") as f:
            for row in csv.DictReader(f):
                body = normalize_body(row.get("articleBody") or "")
                if len(body) >= 300:
                    out.append((body.split(". ")[0][:120], body))
    if fakes.is_file():
        with fakes.open(newline="", encoding="utf-8", errors="replace") as f:
            for row in csv.DictReader(f):
                body = normalize_body(row.get("article_content") or "")
                if len(body) >= 300:
                    out.append(((row.get("article_title") or "").strip()[:120], body))
    return out


class Bigram:
    """Word-bigram sampler: each word's successors as a list, so a uniform pick is frequency-weighted."""

    def __init__(self, texts: list[str]) -> None:
        nxt: dict[str, list[str]] = defaultdict(list)
        starts: list[str] = []
        for t in texts:
            for para in t.split("\n\n"):
                words = para.split()
                if len(words) < 2:
                    continue
                starts.append(words[0])
                for a, b in itertools.pairwise(words):
                    nxt[a].append(b)
        self.next = dict(nxt)
        self.starts = starts

    def paragraph(self, rng: random.Random, words: int) -> str:
        w = rng.choice(self.starts)
        out = [w]
        while True:
            succ = self.next.get(w)
            w = rng.choice(self.starts) if not succ else succ[rng.randrange(len(succ))]
            out.append(w)
            if len(out) >= words and _SENT_END.search(w):
                break
            if len(out) >= words * 2:
                out[-1] = out[-1].rstrip(",;:") + "."
                break
        return " ".join(out)


def _light_edit(rng: random.Random, text: str) -> str:
    """Drop an occasional word and restyle quote marks, as a republisher does."""
    out = []
    for para in text.split("\n\n"):
        words = [w for w in para.split(" ") if rng.random() > 0.02]
        out.append(" ".join(words).replace('"', "“", 1))
    return "\n\n".join(out)


def generate_corpus(n: int, data: Path = DATA, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` article records (``id, title, outlet, published, url, text, kind, derived_from``)."""
    rng = random.Random(seed)
    pool = real_texts(data)
    rng.shuffle(pool)
    model: Bigram | None = None
    lengths = [len(b.split()) for _, b in pool]
    base = date(2016, 1, 1)
    records: list[dict[str, Any]] = []
    n_real = 0
    for i in range(n):
        day = base + timedelta(days=i * 365 // max(1, n))
        r = rng.random()
        kind = "original"
        if i >= 20 and r < COPY_SHARE:
            kind = "copy"
        elif i >= 20 and r < COPY_SHARE + PARTIAL_SHARE:
            kind = "partial"
        rec: dict[str, Any] = {
            "id": f"a{i:06d}",
            "outlet": OUTLETS[rng.randrange(len(OUTLETS))],
            "published": day.isoformat(),
            "url": f"https://example.org/a{i:06d}",
            "kind": kind,
            "derived_from": None,
        }
        if kind == "copy":
            src = records[rng.randrange(max(0, i - 2000), i)]
            rec["title"] = "Republished: " + src["title"]
            rec["text"] = _light_edit(rng, src["text"])
            rec["derived_from"] = src["id"]
            rec["published"] = max(src["published"], rec["published"])
        else:
            if n_real < len(pool):
                title, body = pool[n_real]
                n_real += 1
            else:
                if model is None:
                    model = Bigram([b for _, b in pool])
                words = max(80, min(1200, rng.choice(lengths)))
                paras = []
                left = words
                while left > 0:
                    k = min(left, rng.randint(40, 110))
                    paras.append(model.paragraph(rng, k))
                    left -= k
                body = "\n\n".join(paras)
                title = body.split(". ")[0][:100]
            if kind == "partial":
                src = records[rng.randrange(max(0, i - 2000), i)]
                sparas = src["text"].split("\n\n")
                k = rng.randint(1, min(3, len(sparas)))
                start = rng.randrange(0, len(sparas) - k + 1)
                taken = sparas[start : start + k]
                own = body.split("\n\n")
                at = rng.randrange(0, len(own) + 1)
                body = "\n\n".join(own[:at] + taken + own[at:])
                rec["derived_from"] = src["id"]
                rec["published"] = max(src["published"], rec["published"])
            rec["title"] = title
            rec["text"] = body
        records.append(rec)
    return records


def wire_copies(counts: list[int], data: Path = DATA, day: date = date(2016, 7, 1)) -> list[dict[str, Any]]:
    """``counts[t]`` identical copies of the ``t``-th FA-KES article of the dev split (its text
    as ``ingest`` reads it, 300 characters and more), copy ``j`` under outlet
    ``wire{t}-{j:03d}.example`` (distinct outlets: ``ingest`` keeps each), published ``day``
    (within the generated stream's year), ids ``w{t}-{j:03d}``."""
    from newstrace.evaluate.stories_fakes import load_fakes, split_of

    articles, story, _ = load_fakes(data / "fakes" / "fakes_dev.csv")
    texts = [(a.title or "", a.text) for a in articles if split_of(story[a.id]) == "dev" and len(a.text) >= 300]
    out: list[dict[str, Any]] = []
    for t, (k, (title, body)) in enumerate(zip(counts, texts, strict=False)):
        for j in range(k):
            out.append({
                "id": f"w{t}-{j:03d}",
                "outlet": f"wire{t}-{j:03d}.example",
                "published": day.isoformat(),
                "url": f"https://wire{t}-{j:03d}.example/story",
                "kind": "wire",
                "derived_from": None,
                "title": title,
                "text": body,
            })
    return out


def write_corpus(
    n: int, out: Path, data: Path = DATA, seed: int = 0, wire: list[int] | None = None
) -> list[dict[str, Any]]:
    """Generate ``n`` records (and ``wire_copies(wire)``) and write them as JSONL to ``out``
    (what every benchmark ingests)."""
    recs = generate_corpus(n, data, seed) + (wire_copies(wire, data) if wire else [])
    write_records(recs, out)
    return recs


def write_records(recs: list[dict[str, Any]], out: Path) -> None:
    with out.open("w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")


def ingest_corpus(path: Path, db: Path) -> None:
    """Store the JSONL corpus in ``db`` the way users do: ``newstrace ingest`` (batched commits)."""
    import contextlib
    import io

    from newstrace.cli.main import main as newstrace

    with contextlib.redirect_stdout(io.StringIO()):  # its --json summary is not the benchmark's output
        code = newstrace(["ingest", str(path), "--db", str(db), "--json"])
    if code != 0:
        raise SystemExit(f"newstrace ingest {path} failed with exit code {code}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--n", type=int, required=True, help="number of articles")
    ap.add_argument("--out", type=Path, required=True, help="JSONL file to write")
    ap.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--wire", type=int, action="append", metavar="K", help="add K identical copies of one FA-KES dev text (repeatable: one text each)")
    args = ap.parse_args(argv)
    recs = write_corpus(args.n, args.out, args.data, args.seed, args.wire)
    kinds: dict[str, int] = defaultdict(int)
    for r in recs:
        kinds[r["kind"]] += 1
    print(f"wrote {len(recs)} articles to {args.out}: {dict(kinds)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
