"""Claims on the seed articles: the issue's "done when" for quotes, speakers and quantities."""

from __future__ import annotations

import json

import pytest

from newstrace.claims import extract_claims, extract_many
from newstrace.model import Article, ArticleClaims, Quantity, Quote


@pytest.fixture(scope="session")
def claims(examples: dict[str, Article]) -> dict[str, ArticleClaims]:
    arts = [examples["rt"], examples["rewrite"]]
    out = list(extract_many(arts))
    return {"rt": out[0], "rewrite": out[1]}


def _quote(c: ArticleClaims, starts: str) -> Quote:
    hits = [q for q in c.quotes if q.direct and q.text.startswith(starts)]
    assert hits, f"no direct quote starting {starts!r}: {[q.text[:40] for q in c.quotes]}"
    return hits[0]


def _qty(c: ArticleClaims, text: str) -> Quantity:
    hits = [q for q in c.quantities if q.text.startswith(text)]
    assert hits, f"no quantity {text!r}: {[q.text for q in c.quantities]}"
    return hits[0]


def test_offsets_point_into_text(claims: dict[str, ArticleClaims], examples: dict[str, Article]) -> None:
    for key, c in claims.items():
        text = examples[key].text
        assert c.article == examples[key].id
        for q in c.quotes:
            assert text[q.start:q.end] == q.text
            if q.speaker_start is not None and q.speaker_end is not None:
                assert 0 <= q.speaker_start < q.speaker_end <= len(text)
        for n in c.quantities:
            assert text[n.start:n.end] == n.text


def test_de_mistura_quotes_in_rt(claims: dict[str, ArticleClaims], rt: Article) -> None:
    c = claims["rt"]
    appalled = _quote(c, "appalled and shocked")
    crimes = _quote(c, "Those who argue")
    suffered = _quote(c, "The civilians of both sides")  # introduced by "he said"
    for q in (appalled, crimes, suffered):
        assert q.speaker == "Staffan de Mistura"
    assert rt.text[suffered.speaker_start or 0:suffered.speaker_end or 0] == "he"
    assert suffered.cue == "said"
    # the sentence after "he said." continues his quote
    assert _quote(c, "They now need").speaker == "Staffan de Mistura"
    # "The special envoy also criticized the “use of heavy airpower ...”"
    assert _quote(c, "use of heavy airpower").speaker == "Staffan de Mistura"


def test_other_rt_speakers(claims: dict[str, ArticleClaims]) -> None:
    c = claims["rt"]
    assert _quote(c, "We have to understand").speaker == "Said Sadek"
    assert _quote(c, "They cannot pull out").speaker == "Said Sadek"  # continues after "Sadek explained."
    assert _quote(c, "You would not know").speaker == "Jim Jatras"
    assert _quote(c, "shells containing poison gases").speaker == "SANA"


def test_indirect_attributions(claims: dict[str, ArticleClaims]) -> None:
    c = claims["rt"]
    indirect = [q for q in c.quotes if not q.direct]
    assert any(q.cue == "according to" and q.text.startswith("Scores of civilians") for q in indirect)
    reported = [q for q in indirect if q.cue == "reported" and "36 cases of suffocation" in q.text]
    assert reported and reported[0].speaker is not None and "RT Arabic" in reported[0].speaker


def test_rt_quantities(claims: dict[str, ArticleClaims]) -> None:
    c = claims["rt"]
    scores = _qty(c, "scores of civilians")
    assert scores.event == "killed" and scores.low is not None and scores.low >= 20
    assert scores.window == "over the last 48 hours" and scores.window_hours == [48.0, 48.0]
    assert scores.place == "Aleppo"
    others = _qty(c, "hundreds of others")
    assert others.event == "wounded" and others.subject == "civilians"
    assert others.low is not None and others.low >= 100
    suff = _qty(c, "36 cases of suffocation")
    assert suff.low == suff.high == 36 and suff.event == "suffocation"
    mil, civ = _qty(c, "3,532 military personnel"), _qty(c, "12,800 civilians")
    assert (mil.low, civ.low) == (3532, 12800) and mil.high == 3532 and civ.high == 12800
    for q in (mil, civ):
        assert q.event == "killed" and q.window == "From February to September"
        assert q.window_hours is not None and q.window_hours[0] <= 7 * 730.5 <= q.window_hours[1]
    kids = _qty(c, "at least three children")
    assert kids.low == 3 and kids.high is None and kids.event == "killed" and kids.window_hours == [24.0, 24.0]
    twelve = [q for q in c.quantities if q.text.startswith("Twelve")]
    assert [q.event for q in twelve] == ["killed", "wounded"]
    assert _qty(c, "over 16,000 people").low == 16000


def test_rewrite_quantities(claims: dict[str, ArticleClaims]) -> None:
    c = claims["rewrite"]
    hundreds = _qty(c, "hundreds of civilians")
    assert hundreds.event == "killed" and hundreds.window == "during recent weeks"
    assert hundreds.window_hours is not None and hundreds.window_hours[0] >= 168
    almost = _qty(c, "almost 100 civilians")
    assert almost.high == 100 and almost.low is not None and almost.low < 100
    assert almost.event == "killed" and almost.window == "in 3 days" and almost.window_hours == [72.0, 72.0]
    three = [q for q in c.quantities if q.text == "3"]
    forty = _qty(c, "40 civilians")
    assert three and three[0].event == "killed" and three[0].low == 3 and three[0].subject == "civilians"
    assert forty.event == "wounded" and forty.low == 40
    troops = _qty(c, "more than 80 troops")
    assert troops.low is not None and troops.low >= 80 and troops.high is None and troops.event == "killed"


def test_no_dates_or_years_as_counts(claims: dict[str, ArticleClaims]) -> None:
    for c in claims.values():
        texts = [q.text for q in c.quantities]
        for bad in ("2016", "9", "17", "19", "30", "October 30", "September 9"):
            assert bad not in texts


def test_extract_claims_is_deterministic(rt: Article, claims: dict[str, ArticleClaims]) -> None:
    again = extract_claims(rt)
    assert json.dumps([q.to_dict() for q in again.quotes]) == json.dumps([q.to_dict() for q in claims["rt"].quotes])
    assert [q.to_dict() for q in again.quantities] == [q.to_dict() for q in claims["rt"].quantities]
