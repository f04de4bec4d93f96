"""``newstrace eval quotes-polnear``: quote and attribution spans against PolNeAR's annotations.

PolNeAR (political news attribution relations) marks each attribution's Content, Source and Cue
as character spans (BRAT standoff). A predicted content span matches a gold one when they overlap
by at least half of the shorter span; precision counts predicted spans that match some gold span,
recall gold spans matched by some prediction. "Direct" restricts gold to contents holding a quote
mark (a doubled apostrophe, the New York Times' mark, counts) and predictions to quotes newstrace
marks direct. The speaker score is the share of matched
predictions whose speaker span overlaps the gold Source span of a gold attribution they match;
predictions that only match source-less gold attributions ("Attribution-no-source": "were
designated as “Confidential”") have no Source span to overlap and are left out of that share
(``speaker_scored`` says how many were scored; ``speaker_any`` keeps the share over every match).
One annotator file per article is used (the first in sorted order), so results are reproducible.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrace.errors import InputError
from newstrace.evaluate import as_given, need_folder
from newstrace.model import Article, Quote

QUOTE_MARKS = "“”\"«»„″"

Spans = list[tuple[int, int]]


@dataclass
class GoldAttribution:
    content: Spans
    source: Spans = field(default_factory=list)
    cue: Spans = field(default_factory=list)
    direct: bool = False


def _spans(field_text: str) -> Spans:
    out: Spans = []
    for part in field_text.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path, text: str) -> list[GoldAttribution]:
    """Attributions of one BRAT .ann file (Attribution and Attribution-no-source events)."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, rest = parts[1].partition(" ")
            try:
                spans[parts[0]] = (kind, _spans(rest))
            except ValueError:
                continue
        elif parts[0].startswith("E"):
            events.append(parts[1].split())
    out: list[GoldAttribution] = []
    for args in events:
        if not args or not args[0].startswith("Attribution"):
            continue
        g = GoldAttribution(content=[])
        for arg in args[1:]:
            role, _, tid = arg.partition(":")
            role = role.rstrip("0123456789")
            if tid not in spans:
                continue
            s = spans[tid][1]
            if role == "Content":
                g.content += s
            elif role == "Source":
                g.source += s
            elif role == "Cue":
                g.cue += s
        if not g.content:
            continue
        g.direct = any(c in text[a:b] for a, b in g.content for c in QUOTE_MARKS) or any(
            "''" in text[a:b] for a, b in g.content)
        out.append(g)
    return out


def iter_split(folder: Path) -> Iterator[tuple[str, str, Path]]:
    """(name, text, annotation file) per article of a PolNeAR split folder, one annotator each."""
    need_folder(folder)
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(f"{folder}: not a PolNeAR split (needs text/ and attributions/)")
    anns: dict[str, list[Path]] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(p.stem[:-5], []).append(p)
    for t in sorted(text_dir.glob("*.txt")):
        files = anns.get(t.stem)
        if not files:
            continue
        with open(t, encoding="utf-8", newline="") as fh:
            text = fh.read()
        yield t.stem, text, files[0]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and inter >= 0.5 * shorter


def _matches(q: Quote, g: GoldAttribution) -> bool:
    return any(_overlap((q.start, q.end), c) for c in g.content)


def _speaker_ok(q: Quote, g: GoldAttribution) -> bool:
    if q.speaker_start is None or q.speaker_end is None:
        return False
    return any(min(q.speaker_end, b) > max(q.speaker_start, a) for a, b in g.source)


@dataclass
class _Counts:
    predicted: int = 0
    predicted_ok: int = 0
    gold: int = 0
    gold_found: int = 0
    speaker_ok: int = 0
    speaker_scored: int = 0

    def add(self, preds: list[Quote], golds: list[GoldAttribution]) -> None:
        self.predicted += len(preds)
        self.gold += len(golds)
        for q in preds:
            hits = [g for g in golds if _matches(q, g)]
            if hits:
                self.predicted_ok += 1
                if any(g.source for g in hits):
                    self.speaker_scored += 1
                if any(_speaker_ok(q, g) for g in hits):
                    self.speaker_ok += 1
        self.gold_found += sum(1 for g in golds if any(_matches(q, g) for q in preds))

    def result(self) -> dict[str, Any]:
        p = self.predicted_ok / self.predicted if self.predicted else 0.0
        r = self.gold_found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        sp = self.speaker_ok / self.speaker_scored if self.speaker_scored else 0.0
        sp_any = self.speaker_ok / self.predicted_ok if self.predicted_ok else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "speaker": round(sp, 4),
                "speaker_scored": self.speaker_scored, "speaker_any": round(sp_any, 4),
                "gold": self.gold, "predicted": self.predicted}


def evaluate_polnear(
    folder: Path, *, limit: int | None = None, names: set[str] | None = None, broad: bool = True
) -> dict[str, Any]:
    """Scores on one PolNeAR split; ``names`` restricts to some articles (a tuning part of train)."""
    from newstrace.claims import extract_many

    items = [x for x in iter_split(folder) if names is None or x[0] in names]
    if limit:
        items = items[:limit]
    if not items:
        raise InputError(f"{folder}: no annotated articles found")
    articles = [Article(id=name, text=text) for name, text, _ in items]
    direct, every = _Counts(), _Counts()
    started = time.monotonic()
    per_article: list[dict[str, Any]] = []
    golds_of = {name: read_ann(ann, text) for name, text, ann in items}
    for (name, _text, ann), claims in zip(items, extract_many(articles), strict=True):
        golds = golds_of[name]
        direct.add([q for q in claims.quotes if q.direct], [g for g in golds if g.direct])
        every.add(claims.quotes, golds)
        per_article.append({"article": name, "annotator": ann.stem[-4:], "gold": len(golds),
                            "predicted": len(claims.quotes)})
    seconds = time.monotonic() - started
    wide = _Counts()
    if broad:
        for (name, _text, _ann), claims in zip(items, extract_many(articles, attributions="broad"), strict=True):
            wide.add(claims.quotes, golds_of[name])
    return {
        "data": as_given(folder),
        "articles": len(items),
        "direct": direct.result(),
        "all": every.result(),
        **({"all_broad": wide.result()} if broad else {}),
        "articles_per_second": round(len(items) / seconds, 2) if seconds else 0.0,
        "per_article": per_article,
    }


def measure_speed(path: Path, *, limit: int | None = 400) -> dict[str, Any]:
    """Articles per CPU-second of ``extract_many`` on FNC-1 bodies (CSV) or any readable input."""
    from newstrace.claims import extract_many
    from newstrace.claims.extract import DISABLE
    from newstrace.ingest import read_inputs
    from newstrace.nlp import get_nlp

    articles: list[Article] = []
    if path.suffix == ".csv" and path.name.endswith("bodies.csv"):
        csv.field_size_limit(10_000_000)
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                articles.append(Article.create(row["articleBody"], id=row["Body ID"]))
                if limit and len(articles) >= limit:
                    break
    else:
        for a in read_inputs([path]):
            articles.append(a)
            if limit and len(articles) >= limit:
                break
    if not articles:
        raise InputError(f"{path}: no articles")
    get_nlp(DISABLE)  # loading the model is not part of the per-article cost
    cpu0, wall0 = time.process_time(), time.monotonic()
    quotes = quantities = 0
    for c in extract_many(articles):
        quotes += len(c.quotes)
        quantities += len(c.quantities)
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    return {
        "data": as_given(path),
        "articles": len(articles),
        "seconds": round(cpu, 2),
        "wall_seconds": round(wall, 2),
        "articles_per_second_per_core": round(len(articles) / cpu, 1) if cpu else 0.0,
        "quotes": quotes,
        "quantities": quantities,
    }
