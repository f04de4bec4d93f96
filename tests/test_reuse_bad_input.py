"""Bad input for the reuse engine: duplicates, self-pairs, empty texts, 1 MB, two scripts, boilerplate."""

from __future__ import annotations

import json
import random

from newstrace.model import Article
from newstrace.reuse import align_pair, candidate_keys, candidate_pairs, find_reuse
from newstrace.reuse.candidates import key_hashes, pairs_from_keys
from newstrace.reuse.text import tokenize

FOOTER = (
    "\n\nShare this article: Facebook Twitter Email Print WhatsApp\n\n"
    "Follow us on Facebook and Twitter. Subscribe to our newsletter. Leave a comment.\n\n"
    "Copyright 2016 All rights reserved."
)


def _paras(a: Article) -> list[str]:
    return [p for p in a.text.split("\n\n") if p.strip()]


def test_identical_articles_are_one_verbatim_passage(rt: Article) -> None:
    # (outlets other than RT: a mirror that keeps "told RT" does name RT as its source)
    first = Article(id="first", text=rt.text, outlet="one.example", published=rt.published)
    twin = Article(id="twin", text=rt.text, outlet="mirror.example", published=rt.published)
    result = find_reuse([first, twin])
    assert len(result.pairs) == 1
    whole = max(result.pairs[0].shared, key=lambda s: s.a_end - s.a_start)
    assert whole.kind == "verbatim" and whole.a_end - whole.a_start > 0.95 * len(rt.text)
    assert (whole.a_start, whole.a_end) == (whole.b_start, whole.b_end)
    # same day, same text: no evidence of direction, and the edge says so
    edge = result.provenance[0]
    assert edge.confidence <= 0.5
    assert any(e["type"] == "direction_unknown" for e in edge.evidence)


def test_mirror_keeping_told_rt_names_rt_as_source(rt: Article) -> None:
    twin = Article(id="twin", text=rt.text, outlet="mirror.example", published=rt.published)
    edge = find_reuse([twin, rt]).provenance[0]
    assert (edge.source, edge.derived) == (rt.id, "twin")
    att = next(e for e in edge.evidence if e["type"] == "attribution")
    assert att["text"] == "told RT" and twin.text[att["start"] : att["end"]] == "told RT"


def test_article_with_itself(rt: Article) -> None:
    assert align_pair(rt, rt) == []
    result = find_reuse([rt, rt, rt])
    assert result.pairs == [] and result.provenance == []
    assert candidate_pairs([rt, rt]) == []


def test_empty_and_one_word_texts(rt: Article) -> None:
    empty = Article(id="empty", text="")
    one = Article(id="one", text="Aleppo")
    punct = Article(id="punct", text="“ … ” — !!")
    for art in (empty, one, punct):
        assert align_pair(art, rt) == [] and align_pair(rt, art) == []
    assert candidate_keys(empty) == [] and candidate_keys(one) == []
    assert len(tokenize(one.text)) == 1 and len(tokenize(punct.text)) == 0
    result = find_reuse([empty, one, punct, rt])
    assert result.pairs == [] and result.provenance == []


def test_one_megabyte_article_finds_the_seed_quotes_at_their_offsets(
    rt: Article, rewrite: Article
) -> None:
    rng = random.Random(7)
    vocab = (rt.text + " " + rewrite.text).split()
    filler = []
    size = 0
    while size < 1_000_000:
        para = " ".join(rng.choice(vocab) for _ in range(80))
        filler.append(para)
        size += len(para) + 2
    half = len(filler) // 2
    head = "\n\n".join(filler[:half]) + "\n\n"
    big = Article(id="big", text=head + rewrite.text + "\n\n" + "\n\n".join(filler[half:]))
    assert len(big.text) > 1_000_000
    shared = align_pair(rt, big)
    quote = "indiscriminate [attacks,] including heavy weapons"
    hits = [s for s in shared if quote in s.b_text]
    assert hits and hits[0].b_start >= len(head)
    assert big.text[hits[0].b_start : hits[0].b_end] == hits[0].b_text
    assert candidate_pairs([rt, big]) == [(rt.id, big.id)]


def test_two_scripts(rt: Article) -> None:
    arabic = "قال المبعوث الخاص للأمم المتحدة إلى سوريا ستافان دي ميستورا إنه يشعر بالصدمة والذهول من العدد الكبير للصواريخ"
    chinese = "联合国叙利亚问题特使德米斯图拉表示对反对派武装不加区别地发射大量火箭弹感到震惊"
    src = Article(id="mixed-src", text=_paras(rt)[0] + "\n\n" + arabic + "\n\n" + chinese)
    copy = Article(id="mixed-copy", text="Other words first.\n\n" + arabic + " " + chinese)
    shared = align_pair(src, copy)
    texts = [s.a_text for s in shared]
    assert any(arabic in t for t in texts)
    assert any(chinese[:10] in t for t in texts)
    # CJK text without spaces is still cut into words, so it has keys
    assert len(tokenize(chinese)) == len(chinese)
    assert candidate_keys(Article(id="zh", text=chinese))


def test_boilerplate_only_is_not_reuse(rt: Article, rewrite: Article) -> None:
    a = Article(id="a", text=_paras(rt)[0] + FOOTER)
    b = Article(id="b", text=_paras(rewrite)[-1] + FOOTER)
    assert align_pair(a, b) == []
    result = find_reuse([a, b])
    assert result.pairs == [] and result.provenance == []


def test_common_boilerplate_keys_are_capped(rt: Article, rewrite: Article) -> None:
    # sixty short texts that share nothing but the footer: no candidate pairs (keys held by all)
    words = (rt.text + " " + rewrite.text).split()
    rng = random.Random(3)
    arts = [Article(id=f"x{i}", text=" ".join(rng.sample(words, 60)) + FOOTER) for i in range(60)]
    keys = [key_hashes(tokenize(a.text)) for a in arts]
    assert pairs_from_keys(keys, max_df=50, min_shared=2) == []
    result = find_reuse(arts)
    assert result.pairs == []


def test_common_external_quotation(rt: Article, rewrite: Article) -> None:
    quote = (
        "“The civilians of both sides of Aleppo have suffered enough due to futile but lethal attempts "
        "of subduing the city of Aleppo,” he said."
    )
    a = Article(
        id="a",
        text=_paras(rewrite)[-1] + "\n\n" + quote,
        outlet="one.example",
        published=rt.published,
    )
    b = Article(
        id="b", text=_paras(rt)[-1] + "\n\n" + quote, outlet="two.example", published=rt.published
    )
    result = find_reuse([a, b])
    assert result.pairs
    sources = {e.source for e in result.provenance}
    assert len(sources) == 1 and next(iter(sources)).startswith("external:")
    assert {e.derived for e in result.provenance} == {"a", "b"}


def test_json_is_deterministic(rt: Article, rewrite: Article) -> None:
    one = json.dumps(find_reuse([rewrite, rt]).to_dict([rewrite, rt]), sort_keys=True)
    two = json.dumps(find_reuse([rewrite, rt]).to_dict([rewrite, rt]), sort_keys=True)
    assert one == two
