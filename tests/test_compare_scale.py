"""compare at scale: quotation grouping tests distinct wordings, not every pair of mentions.

``group_quotes`` must give exactly what testing every pair of mentions gives (``every_pair_links``,
the definition its wording step is checked against), and the number of wording tests must grow
about linearly with the number of near-identical articles of a story.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pytest

from conftest import count_calls, require_data
from newstrace.compare import compare_articles, pairing
from newstrace.compare import core as compare_core
from newstrace.compare.pairing import QuoteGroup, QuoteMention, View, group_quotes, same_quotation
from newstrace.compare.text import sentences
from newstrace.model import Article, ArticleClaims, Quote, QuoteVariants, Span
from test_compare_records import SeedReuse, rewrite_claims, rt_claims


def every_pair_links(mentions: Sequence[QuoteMention], union: Callable[[int, int], None], find: Callable[[int], int]) -> None:
    """The definition ``pairing._wording_links`` must meet: every two mentions of different
    quotations (not one article's quote at one offset) that share a word of four or more letters
    and are :func:`same_quotation` are one, tested pair by pair in mention order."""
    long_words = [{t for t in pairing.words(m.quote.text) if len(t) > 3} for m in mentions]
    for i, m in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            n = mentions[j]
            if (n.article, n.quote.start) == (m.article, m.quote.start) or not long_words[i] & long_words[j]:
                continue
            if find(i) != find(j) and same_quotation(m.quote.text, n.quote.text):
                union(i, j)


def reference_group_quotes(views: Sequence[View], variants: Iterable[QuoteVariants] = ()) -> list[QuoteGroup]:
    """``group_quotes`` with its wording step testing every pair of mentions (its variant step and
    grouping are the function's own: only the wording step is under test)."""
    fast = pairing._wording_links
    pairing._wording_links = every_pair_links
    try:
        return group_quotes(views, variants)
    finally:
        pairing._wording_links = fast


def signature(groups: list[QuoteGroup]) -> list[Any]:
    return [([(m.article, m.quote.start, m.quote.end, m.quote.text) for m in g.mentions], g.fingerprints) for g in groups]


def views_of(arts: Sequence[Article], claims: dict[str, ArticleClaims]) -> list[View]:
    return [View(a, claims.get(a.id, ArticleClaims(a.id)), sentences(a.text)) for a in arts]


def edited_copies(base: Sequence[tuple[Article, ArticleClaims]], n: int, seed: int = 0) -> tuple[list[Article], dict[str, ArticleClaims]]:
    """``n`` articles repeating the seeds, each quotation's wording edited now and then (a word
    dropped, replaced or doubled: new wordings of the same quotation), offsets kept."""
    rng = random.Random(seed)
    arts: list[Article] = []
    claims: dict[str, ArticleClaims] = {}
    for k in range(n):
        art, cl = base[k % len(base)]
        a = dataclasses.replace(art, id=f"copy-{k:04d}")
        quotes = []
        for q in cl.quotes:
            ws = q.text.split()
            if len(ws) > 4 and rng.random() < 0.5:
                p = rng.randrange(len(ws))
                ws[p : p + 1] = rng.choice([[], [f"word{k}"], [ws[p], ws[p]]])
            quotes.append(dataclasses.replace(q, text=" ".join(ws)))
        arts.append(a)
        claims[a.id] = dataclasses.replace(cl, article=a.id, quotes=quotes)
    return arts, claims


def test_random_wordings_group_as_every_pair_tested() -> None:
    """Made-up quotations from a small vocabulary (many near misses, repeated wordings, one
    article's quotation given twice at one offset, two-word quotations): the same groups."""
    rng = random.Random(7)
    vocab = ["said", "civilian", "areas", "the", "war", "crimes", "siege", "of", "aleppo", "attack", "no", "it"]
    text = "x" * 400
    for trial in range(40):
        arts, claims = [], {}
        pool = [[rng.choice(vocab) for _ in range(rng.choice([1, 2, 3, 4, 6, 9]))] for _ in range(6)]
        for k in range(rng.randint(2, 9)):
            a = Article(id=f"t{trial}-{k}", title="t", text=text)
            quotes = []
            for n in range(rng.randint(0, 5)):
                ws = list(rng.choice(pool))
                if ws and rng.random() < 0.4:
                    ws[rng.randrange(len(ws))] = rng.choice(vocab)
                start = rng.choice([10 * n, 0])  # now and then two quotations at one offset
                quotes.append(Quote(start, start + 5, " ".join(ws), direct=rng.random() < 0.9))
            arts.append(a)
            claims[a.id] = ArticleClaims(a.id, quotes=quotes)
        views = views_of(arts, claims)
        var = QuoteVariants(["x"], [arts[0].id, arts[-1].id], [Span(arts[0].id, 0, 3, "x"), Span(arts[-1].id, 200, 210, "x")], ["fp"])
        assert signature(group_quotes(views, [var])) == signature(reference_group_quotes(views, [var])), trial


def test_fakes_and_seeds_compare_as_every_pair_tested(rt: Article, rewrite: Article, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed pair, 40 FA-KES articles about Aleppo and edited copies of the seeds: quotation
    groups and the whole ``compare_articles`` JSON are those of the reference."""
    path = require_data("fakes", "fakes_dev.csv")
    from newstrace.claims import extract_many
    from newstrace.evaluate.stories_fakes import load_fakes
    from newstrace.reuse import find_reuse

    fakes, _, _ = load_fakes(path)
    aleppo = [a for a in fakes if a.meta.get("location") == "aleppo"][:40]
    assert len(aleppo) == 40
    real = [rt, rewrite, *aleppo]
    claims = {c.article: c for c in extract_many(real)}
    copies, copy_claims = edited_copies([(rt, claims[rt.id]), (rewrite, claims[rewrite.id])], 10)
    arts = real + copies
    claims.update(copy_claims)
    assert sum(len(c.quotes) for c in claims.values()) > 100
    reuse = find_reuse(arts, claims=claims)
    views = views_of(arts, claims)
    assert signature(group_quotes(views, reuse.variants)) == signature(reference_group_quotes(views, reuse.variants))

    fast = compare_articles(arts, claims=claims, reuse=reuse).to_dict()
    monkeypatch.setattr(compare_core, "group_quotes", reference_group_quotes)
    slow = compare_articles(arts, claims=claims, reuse=reuse).to_dict()
    assert fast == slow
    assert len(fast["quotes"]) > 20
    assert any(f["type"] == "attribution_changed" for f in fast["findings"])


def test_seed_records_compare_as_every_pair_tested(rt: Article, rewrite: Article, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed pair with its hand-made claims and reuse (no data, no model needed)."""
    claims = {rt.id: rt_claims(rt), rewrite.id: rewrite_claims(rewrite)}
    fast = compare_articles([rt, rewrite], claims=claims, reuse=SeedReuse(rt, rewrite)).to_dict()
    monkeypatch.setattr(compare_core, "group_quotes", reference_group_quotes)
    assert fast == compare_articles([rt, rewrite], claims=claims, reuse=SeedReuse(rt, rewrite)).to_dict()


def test_wording_tests_grow_about_linearly(rt: Article, rewrite: Article, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many near-identical articles: the wording tests (``same_quotation``'s work) grow with the
    number of distinct wordings, about linearly, not with the square of the mentions."""
    tests = count_calls(monkeypatch, pairing, "_same_tokens")
    base = [(rt, rt_claims(rt)), (rewrite, rewrite_claims(rewrite))]
    counts = {}
    for n in (25, 100, 200):
        arts, claims = edited_copies(base, n)
        tests.calls = 0
        groups = group_quotes(views_of(arts, claims))
        counts[n] = tests.calls
        assert sum(len(g.mentions) for g in groups) == sum(len([q for q in c.quotes if q.direct]) for c in claims.values())
    # Quadratic would be x16 and x64: testing every pair of mentions took 2,541, 41,005 and
    # 161,248 tests; these take 46, 177 and 311.
    assert counts[100] <= 6 * counts[25], counts
    assert counts[200] <= 12 * counts[25], counts
    assert counts[200] < 1_000, counts
