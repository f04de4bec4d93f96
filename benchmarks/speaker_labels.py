"""The reuse stage's cheap speaker label against the claims stage's speaker, on real quote spans.

``reuse`` labels a group of quote variants without a parse (``reuse.variants.speaker_near``: the
name next to a speech verb after the quote, named by ``claims.speakers.full_name``); ``compare``,
which has the claims, gives the claims stage's speaker instead. Both should name a person alike.
This reads every quote span (``reuse.text.quote_spans``) of PolNeAR train, the FNC-1 train bodies
and the FA-KES dev rows (``casualties_fakes.is_dev``), labels each, and counts, of the labelled
spans inside a claims quotation with a speaker, those whose label equals that speaker. It also
times the labels (quote spans found, labels made; CPU seconds of this process).

    python benchmarks/speaker_labels.py ../shared/data [--claims-cache FILE] [--dump FILE] [--json]

``--claims-cache`` keeps the claims' speakers in FILE (parsed once, about a minute and a half;
the label does not change them), so a second tree is measured without the parse; ``--dump`` writes
every label and claims speaker to diff two trees. PolNeAR dev and test are not read.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

from newstrace.model import Article


def load_articles(data: Path) -> list[Article]:
    """PolNeAR train, FNC-1 train bodies, FA-KES dev rows, as the claims stage reads them."""
    from newstrace.evaluate.casualties_fakes import is_dev, read_rows
    from newstrace.evaluate.quotes_polnear import iter_split

    arts = [Article(id=f"polnear/{name}", text=text) for name, text, _ in iter_split(data / "polnear" / "train")]
    csv.field_size_limit(10_000_000)
    with open(data / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as fh:
        arts += [Article(id=f"fnc1/{r['Body ID']}", text=r["articleBody"]) for r in csv.DictReader(fh)]
    arts += [Article(id=f"fakes/{r['unit_id']}", text=r["article_content"])
             for r in read_rows(data / "fakes" / "fakes_dev.csv") if is_dev(r["unit_id"])]
    return arts


def claims_speakers(arts: list[Article], cache: Path | None) -> dict[str, list[list[Any]]]:
    """Each article's claims quotations with a speaker: ``[start, end, speaker]``."""
    if cache is not None and cache.exists():
        with open(cache, encoding="utf-8") as fh:
            loaded: dict[str, list[list[Any]]] = json.load(fh)
        return loaded
    from newstrace.claims import extract_many

    out = {a.id: [[q.start, q.end, q.speaker] for q in c.quotes if q.speaker]
           for a, c in zip(arts, extract_many(arts), strict=True)}
    if cache is not None:
        with open(cache, "w", encoding="utf-8") as fh:
            json.dump(out, fh)
    return out


def measure(data: Path, cache: Path | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    from newstrace.reuse.text import quote_spans
    from newstrace.reuse.variants import speaker_near

    arts = load_articles(data)
    started = time.process_time()
    labels = [(a, q, speaker_near(a.text, q)) for a in arts for q in quote_spans(a.text)]
    cpu = time.process_time() - started
    speakers = claims_speakers(arts, cache)
    rows: list[dict[str, Any]] = []
    compared = agree = 0
    for a, q, label in labels:
        claimed = next((who for s, e, who in speakers[a.id] if s < q.end and q.start < e), None)
        if label is not None and claimed is not None:
            compared += 1
            agree += label == claimed
        if label is not None:
            rows.append({"article": a.id, "start": q.start, "end": q.end, "label": label, "claims": claimed,
                         "after": a.text[q.end:q.end + 80]})
    summary = {"articles": len(arts), "spans": len(labels), "labelled": sum(1 for *_, x in labels if x),
               "compared": compared, "agree": agree, "agreement": round(agree / compared, 4) if compared else 0.0,
               "label_cpu_seconds": round(cpu, 2)}
    return summary, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the shared data folder (../shared/data)")
    ap.add_argument("--claims-cache", type=Path, help="JSON file of the claims' speakers, written if absent")
    ap.add_argument("--dump", type=Path, help="write every label with its claims speaker here (JSON)")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args()
    summary, rows = measure(args.data, args.claims_cache)
    if args.dump is not None:
        with open(args.dump, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, ensure_ascii=False, indent=1)
    if args.json:
        json.dump(summary, sys.stdout, indent=2)
        print()
    else:
        print(f"{summary['spans']:,} quote spans of {summary['articles']:,} articles, {summary['labelled']:,} labelled "
              f"({summary['label_cpu_seconds']} CPU s); of {summary['compared']:,} inside a claims quotation with a "
              f"speaker, {summary['agree']:,} agree ({summary['agreement']})")


if __name__ == "__main__":
    main()
