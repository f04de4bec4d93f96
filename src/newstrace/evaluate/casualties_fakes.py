"""``newstrace eval casualties-fakes``: casualty counts against FA-KES's crowd-annotated numbers.

For each article (title + text) the extracted quantities are turned into one interval per field
(civilians, children, women and non-civilians killed) by ``casualty_intervals``; the score per
field is the share of articles whose gold number lies inside the interval, and the share where the
point estimate equals it. Rows are split by a hash of ``unit_id``: the ``dev`` part (about 30 %) is
the only one the rules were tuned on; ``heldout`` is the rest and is what is reported.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.claims.numbers import find_numbers
from newstrace.errors import InputError
from newstrace.model import Article, Quantity


def _words(s: str) -> list[str]:
    return s.split()


FIELDS = ("nb_civilians", "nb_children", "nb_women", "nb_noncivilians")

#: subjects counted in each field (FA-KES counts children and women among civilians)
CIVILIAN_SUBJECTS = frozenset(_words(
    "civilians civilian people persons person residents children child kids women woman men babies infants "
    "girls boys family families villagers worshippers passengers patients students workers doctors nurses "
    "journalists refugees migrants citizens inhabitants syrians iraqis individuals victims others aid workers "
    "volunteers teenagers minors elderly dead deaths casualties fatalities bodies")
)
CHILD_SUBJECTS = frozenset(_words("children child kids babies infants girls boys teenagers minors toddlers"))
WOMEN_SUBJECTS = frozenset(_words("women woman girls mothers"))
NONCIVILIAN_SUBJECTS = frozenset(_words(
    "soldiers soldier troops personnel fighters fighter militants militant rebels rebel terrorists terrorist "
    "jihadists insurgents gunmen members officers policemen police guards pilots servicemen militiamen "
    "combatants recruits commanders")
)
#: dev rows: hash bucket below this share (of 100)
DEV_SHARE = 30


def is_dev(unit_id: str) -> bool:
    """The tuning part: a stable 30 % of rows chosen by a hash of the row's ``unit_id``."""
    return int(hashlib.sha256(unit_id.encode()).hexdigest()[:8], 16) % 100 < DEV_SHARE


def _point(q: Quantity) -> float | None:
    nums = find_numbers(q.text)
    if nums and nums[0].point is not None:
        return nums[0].point
    if q.low is not None and q.high is not None:
        return (q.low + q.high) / 2
    return q.low


def _head(subject: str | None) -> str:
    return (subject or "").split()[-1] if subject else ""


def _field_of(q: Quantity) -> set[str]:
    head = _head(q.subject)
    fields: set[str] = set()
    if head in CIVILIAN_SUBJECTS or (q.subject or "").startswith("civilian"):
        fields.add("nb_civilians")
    if head in CHILD_SUBJECTS:
        fields.add("nb_children")
    if head in WOMEN_SUBJECTS:
        fields.add("nb_women")
    if head in NONCIVILIAN_SUBJECTS or (q.subject or "").startswith("military"):
        fields.add("nb_noncivilians")
    return fields


@dataclass
class Estimate:
    low: float
    high: float | None
    point: float


#: counts this large are the war's overall toll in a background sentence, not the event's
BACKGROUND_TOLL = 10_000
#: subjects that name the field outright ("15 civilians") and so outrank generic ones ("32 people")
EXPLICIT = {
    "nb_civilians": frozenset({"civilians", "civilian"}),
    "nb_children": CHILD_SUBJECTS,
    "nb_women": WOMEN_SUBJECTS,
    "nb_noncivilians": NONCIVILIAN_SUBJECTS,
}


def casualty_intervals(quantities: list[Quantity]) -> dict[str, Estimate]:
    """One estimate per FA-KES field from an article's quantities.

    The earliest killed count whose subject names the field outright wins ("15 civilians"), else
    the earliest that fits it ("32 people"); the lead states the event's toll, later background
    sentences the war's (those, above ``BACKGROUND_TOLL``, are skipped). An article with no
    matching count gets 0, the commonest gold value.
    """
    out: dict[str, Estimate] = {}
    for f in FIELDS:
        cands = [q for q in quantities if q.event == "killed" and f in _field_of(q)
                 and (q.low or 0) < BACKGROUND_TOLL]
        explicit = [q for q in cands if _head(q.subject) in EXPLICIT[f]]
        pick = explicit or cands
        if not pick:
            out[f] = Estimate(0.0, 0.0, 0.0)
            continue
        q = pick[0]
        point = _point(q) or 0.0
        out[f] = Estimate(q.low if q.low is not None else 0.0, q.high, point)
    return out


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    csv.field_size_limit(10_000_000)
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or "article_content" not in rows[0] or "unit_id" not in rows[0]:
        raise InputError(f"{path}: not a FA-KES CSV (needs unit_id, article_title, article_content)")
    return rows


def evaluate_fakes(path: Path, *, split: str = "heldout") -> dict[str, Any]:
    """Scores per field on the held-out rows, the dev rows or all (``split``), plus the overall figure."""
    from newstrace.claims import extract_many

    rows = read_rows(path)
    articles = [
        Article(id=r["unit_id"], text=f"{(r.get('article_title') or '').strip()}\n{r['article_content']}")
        for r in rows
    ]
    preds: dict[str, dict[str, Estimate]] = {}
    for a, claims in zip(articles, extract_many(articles), strict=True):
        preds[a.id] = casualty_intervals(claims.quantities)
    parts = {"heldout": [r for r in rows if not is_dev(r["unit_id"])], "dev": [r for r in rows if is_dev(r["unit_id"])],
             "all": rows}
    wanted = [split, "all"] if split != "all" else ["all"]
    result: dict[str, Any] = {"data": path.name, "splits": {}}
    for name in wanted:
        part = parts[name]
        fields: dict[str, dict[str, float]] = {}
        for f in FIELDS:
            inside = exact = 0
            for r in part:
                try:
                    gold = float(r[f])
                except (TypeError, ValueError):
                    continue
                e = preds[r["unit_id"]][f]
                if e.low <= gold and (e.high is None or gold <= e.high):
                    inside += 1
                if e.point == gold:
                    exact += 1
            n = len(part) or 1
            fields[f] = {"inside": round(inside / n, 4), "exact": round(exact / n, 4)}
        result["splits"][name] = {"articles": len(part), "fields": fields}
    return result
