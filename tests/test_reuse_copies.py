"""Wire copy: many outlets running one text word for word.

Every copy of an agency text was a candidate of every earlier copy, so the engines aligned the
same two texts once per pair of articles (1,225 alignments for 50 copies). ``PrepareCache.align``
(both engines' ``pair_record``) and ``find_reuse`` align each ordered pair of texts once and give
every pair of articles with those texts the same passages. The passages must be the ones aligning
the pair afresh gives: a text's alignment with itself is not always its whole text as one passage
(FNC-1 body 381 repeats its quoted film title: 18 passages), so nothing is assumed of it.

Copies of one text are one group for the candidate search (``reuse.candidates.copies_of_one_text``):
each later copy is paired with the text's first copy alone (n copies, n - 1 pairs), only first
copies hold keys, so a key's document frequency counts texts and the 51st copy of a text, and a
rewrite of it, are paired as the 2nd is (the keys held by more than ``MAX_DF`` articles were dropped:
the 51st and later copies had no pair at all).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import WireDb, count_calls, require_data, training_text
from newstrace.clean.text import normalize_body
from newstrace.engine.steps import order_key, pair_record
from newstrace.ingest import read_articles
from newstrace.model import Article, ArticlePair
from newstrace.reuse import align, align_pair, find_reuse
from newstrace.reuse.align import PrepareCache
from newstrace.spans import union_length


def _copies() -> list[Article]:
    """FA-KES dev, 18 July 2016: al-Manar's report of the coalition's strikes on Manbij (Press
    TV's text cut short) and al-Alam's (more of it), each run by three outlets over three days,
    and FNC-1 body 381 run by three more: copies of one text, copies of two texts that share most
    of one, and pairs of texts that share nothing."""
    arts = {a.id: a for a in read_articles([require_data("fakes", "fakes_dev.csv")])}
    manar, alalam = arts["1965511172"], arts["1962495661"]
    film = Article.create(normalize_body(training_text("fnc1", "381")), id="film", outlet="film.example")
    out: list[Article] = []
    for k, (base, day) in enumerate([(manar, 18), (alalam, 19), (manar, 20), (alalam, 20), (film, 19), (film, 21)]):
        for j in range(2):
            out.append(replace(base, id=f"copy{k}-{j}", outlet=f"site{k}-{j}.example", url=None,
                               published=date(2016, 7, day)))
    return out


def _fresh(a: Article, b: Article) -> ArticlePair | None:
    """The pair as aligning it alone gives it (what the engines stored before they kept alignments)."""
    x, y = (a, b) if order_key(a) <= order_key(b) else (b, a)
    shared = align_pair(x, y)
    return ArticlePair(x.id, y.id, shared) if shared else None


def test_a_text_aligned_with_itself_is_not_always_one_whole_passage() -> None:
    film = normalize_body(training_text("fnc1", "381"))
    shared = align_pair(Article.create(film, id="x"), Article.create(film, id="y"))
    assert len(shared) == 18
    assert (shared[0].a_start, shared[0].a_end, shared[1].b_start) == (1, 29, 291)  # the title, twice


def test_the_engines_give_every_pair_of_copies_the_passages_a_fresh_alignment_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    arts = _copies()
    aligned = count_calls(monkeypatch, align, "align_prepared")
    cache = PrepareCache(64)
    pairs = [(x, y) for i, x in enumerate(arts) for y in arts[i + 1 :]]
    recs = [pair_record(y, x, cache) for x, y in pairs]  # the local engine's order: (earlier, new)
    # each ordered pair of the three texts (the earlier article's first) once, each text with itself
    assert aligned.calls == len({(min(p, key=order_key).text, max(p, key=order_key).text) for p in pairs}) == 9
    monkeypatch.undo()
    for (x, y), rec in zip(pairs, recs, strict=True):
        assert (rec.pair if rec else None) == _fresh(x, y), (x.id, y.id)
    assert sum(rec is not None for rec in recs) == 66 - 4 * 8  # all but the film's copies with Manbij's
    # two pairs of copies of al-Manar's text hold equal passages, not the same ones: a change to one
    # pair's changes no other's
    by_ids = {(r.pair.a, r.pair.b): r.pair for r in recs if r is not None}
    one, two = by_ids[("copy0-0", "copy0-1")], by_ids[("copy0-0", "copy2-0")]
    assert one.shared == two.shared and one.shared[0] is not two.shared[0]
    one.shared[0].ops.append(["insert", 0, 0, 0, 0])
    assert two == _fresh(arts[0], arts[4])
    again = pair_record(arts[5], arts[0], cache)
    assert again is not None and again.pair == _fresh(arts[0], arts[5])


def test_find_reuse_gives_every_pair_of_copies_the_passages_a_fresh_alignment_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    arts = _copies()
    aligned = count_calls(monkeypatch, align, "align_prepared")
    result = find_reuse(arts)
    assert aligned.calls == 7  # each ordered pair of its three texts (in the input's order) once
    monkeypatch.undo()
    fresh = {}
    for i, x in enumerate(arts):
        for y in arts[i + 1 :]:
            shared = align_pair(x, y)
            if shared:
                fresh[(x.id, y.id)] = shared
    # up to ALL_PAIRS_MAX articles every pair, copies too: each article compared is reported on
    assert {(p.a, p.b): p.shared for p in result.pairs} == fresh
    assert len(result.pairs) == 66 - 4 * 8
    # above it, the corpus engines' rule: each text's later copies with its first copy (publication
    # order), the two Manbij texts' first copies with each other; the film shares nothing with them
    grouped = find_reuse(arts, all_pairs_max=0)
    assert {(p.a, p.b) for p in grouped.pairs} == {
        ("copy0-0", "copy0-1"), ("copy0-0", "copy2-0"), ("copy0-0", "copy2-1"), ("copy0-0", "copy1-0"),
        ("copy1-0", "copy1-1"), ("copy1-0", "copy3-0"), ("copy1-0", "copy3-1"),
        ("copy4-0", "copy4-1"), ("copy4-0", "copy5-0"), ("copy4-0", "copy5-1"),
    }
    assert all(p.shared == fresh[(p.a, p.b)] for p in grouped.pairs)


def test_the_local_engine_stores_for_copies_the_passages_a_fresh_alignment_gives(tmp_path: Path) -> None:
    from newstrace.corpus import analyze
    from newstrace.store import results as R
    from newstrace.store.sqlite import Store

    arts = _copies()
    with Store(tmp_path / "copies.db") as st:
        st.add_articles(arts, keep_ids=True)
        analyze(st, steps=["reuse", "stories"], workers=1)
        stored = R.pairs_among(st.conn, [a.id for a in arts])
    by_id = {a.id: a for a in arts}
    assert all(p == _fresh(by_id[p.a], by_id[p.b]) for p in stored)
    assert [(p.a, p.b) for p in stored] == [(p.a, p.b) for p in find_reuse(arts, all_pairs_max=0).pairs]


@pytest.mark.parametrize(("budget", "calls"), [(4000, 1), (3000, 6)])
def test_an_alignment_over_the_kept_characters_is_aligned_again_with_the_same_passages(
    monkeypatch: pytest.MonkeyPatch, budget: int, calls: int
) -> None:
    """The kept alignments hold at most ``ALIGNED_CHARS`` characters of passage text (a whole
    copy's passage holds its text twice): al-Alam's four copies (1,884 characters) are aligned
    once under 4,000, for each of their 6 pairs under 3,000, with the same passages."""
    arts = [a for a in _copies() if a.id.startswith(("copy1", "copy3"))]
    monkeypatch.setattr(align, "ALIGNED_CHARS", budget)
    aligned = count_calls(monkeypatch, align, "align_prepared")
    cache = PrepareCache(64)
    recs = [(x, y, pair_record(y, x, cache)) for i, x in enumerate(arts) for y in arts[i + 1 :]]
    assert aligned.calls == calls
    monkeypatch.undo()
    assert len(recs) == 6
    for x, y, rec in recs:
        assert rec is not None and rec.pair == _fresh(x, y)
        assert rec.pair.shared[0].a_end - rec.pair.shared[0].a_start > 1800


#: al-Manar's report, and al-Alam's, which shares most of it (FA-KES dev, 18 July 2016)
MANAR, ALALAM = "1965511172", "1962495661"


def _wire(copies: int = 60, step: timedelta = timedelta(minutes=1)) -> list[Article]:
    """al-Manar's report run word for word by ``copies`` outlets ``step`` apart (``wire00`` first),
    and al-Alam's rewrite of it after them: more copies than ``MAX_DF``, and a text that shares
    most of theirs. A minute apart, with no offset, the dates do not order them (one day)."""
    arts = {a.id: a for a in read_articles([require_data("fakes", "fakes_dev.csv")])}
    start = datetime(2016, 7, 18, 8, 0)
    out = [
        replace(arts[MANAR], id=f"wire{k:02d}", outlet=f"wire{k:02d}.example", url=None,
                published=start + k * step)
        for k in range(copies)
    ]
    out.append(replace(arts[ALALAM], id="rewrite", outlet="rewrite.example", url=None,
                       published=start + copies * step + timedelta(minutes=30)))
    return out


def _wire_pairs(copies: int = 60) -> set[tuple[str, str]]:
    """Each later copy with the first, and the rewrite with the first copy only."""
    return {("wire00", f"wire{k:02d}") for k in range(1, copies)} | {("wire00", "rewrite")}


def _credits(arts: list[Article], outlet: str) -> list[Article]:
    """``_wire``'s articles, al-Alam's rewrite crediting ``outlet`` by name ("... a monitoring group
    told wire07.")."""
    said = "a monitoring group says."
    assert said in arts[-1].text
    return [*arts[:-1], replace(arts[-1], text=arts[-1].text.replace(said, f"a monitoring group told {outlet}.", 1))]


def test_a_rewrite_crediting_a_later_copys_outlet_has_its_edge_from_that_copy(tmp_path: Path) -> None:
    """The rewrite is aligned with the first copy alone (``copies_of_one_text``), and its edge came
    from it (wire00 -> rewrite) though the rewrite says "told wire07": the attribution named no
    outlet of its pair. The edge now comes from the copy it credits, with the attribution; the
    pairs stored and the copies' own edges are as they were, in both engines' shared rules and in
    the outlet network."""
    from newstrace.corpus import analyze
    from newstrace.store import results as R
    from newstrace.store.sqlite import Store

    arts = _credits(_wire(60), "wire07")
    result = find_reuse(arts)
    assert {(p.a, p.b) for p in result.pairs} == _wire_pairs()  # the pairs are the same
    credited = _wire_pairs() - {("wire00", "rewrite")} | {("wire07", "rewrite")}
    assert {(e.source, e.derived) for e in result.provenance} == credited
    edge = next(e for e in result.provenance if e.derived == "rewrite")
    kinds = {ev["type"]: ev for ev in edge.evidence}
    assert kinds["attribution"]["text"] == "told wire07" and kinds["attribution"]["article"] == "rewrite"
    assert kinds["credited_copy"] == {"type": "credited_copy", "aligned_with": "wire00"}
    # the copies and the rewrite are of one day, given without an offset: the attribution orients it
    assert edge.directed and "direction_unknown" not in kinds
    # what it shares with wire07 is what it shares with wire00: the same text
    first = next(p for p in result.pairs if p.b == "rewrite")
    assert kinds["containment"]["shared_chars"] == min(
        union_length([(s.a_start, s.a_end) for s in first.shared]), union_length([(s.b_start, s.b_end) for s in first.shared])
    )
    # the local engine stores that edge, and the outlet network counts the pair from wire07
    with Store(tmp_path / "wire.db") as st:
        st.add_articles(arts, keep_ids=True)
        analyze(st, steps=["reuse", "stories"], workers=1)
        (story,) = R.stories_with(st.conn, ["wire00"])
        assert {(e.source, e.derived) for e in R.provenance_of(st.conn, story)} == credited
        _, net = R.CorpusResults(st.conn).network()
        to_rewrite = [(e["source"], e["count"], e["directed"]) for e in net if e["derived"] == "rewrite.example"]
        assert to_rewrite == [("wire07.example", 1, 1)]
    # a copy published after the rewrite cannot be the one it took: the first copy's edge stays
    late = [replace(a, published=arts[-1].published + timedelta(days=1)) if a.id == "wire07" else a for a in arts]
    assert ("wire00", "rewrite") in {(e.source, e.derived) for e in find_reuse(late).provenance}
    # nor does one naming the first copy's outlet change
    named = find_reuse(_credits(_wire(60), "wire00")).provenance
    assert {(e.source, e.derived) for e in named} == _wire_pairs()


def test_a_text_taken_from_copies_of_one_text_has_its_edge_from_the_first_copy_however_many_are_aligned() -> None:
    """Up to 40 articles every pair is aligned, copies too: al-Alam's rewrite of al-Manar's report,
    which three outlets ran word for word a day apart, had an edge from each of them, and the third
    copy one from the second, as though each had been a source of its own. A later copy's text is
    the first's: all pairs aligned, the edges are now those the grouped pairing above 40
    (``copies_of_one_text``) and the stored stories give, each from the first copy, and the pairs
    stay (``compare`` reports on each). Copies of one day, no offsets, are not ordered: the rewrite
    keeps an edge from each, either being the one it may have taken."""
    days = timedelta(days=1)
    result = find_reuse(_wire(3, days))  # 4 articles: every pair aligned
    assert len(result.pairs) == 6
    assert {(e.source, e.derived) for e in result.provenance} == _wire_pairs(3)
    # the rewrite given first, the copies last to first: the same edges
    again = find_reuse(list(reversed(_wire(3, days))))
    assert {(e.source, e.derived) for e in again.provenance} == _wire_pairs(3)
    # above 40 articles the same edges, the pairs grouped
    assert {(e.source, e.derived) for e in find_reuse(_wire(60, days)).provenance} == _wire_pairs(60)
    # a minute apart on one day: the dates cannot say which copy ran it first
    same_day = find_reuse(_wire(3)).provenance
    assert sorted(e.source for e in same_day if e.derived == "rewrite") == ["wire00", "wire01", "wire02"]


def test_the_jordan_times_running_one_text_twice_gives_the_later_run_one_edge_from_the_earlier() -> None:
    """FA-KES dev: the Jordan Times ran one text on 1 July 2016 and again on 6 July; al-Araby's
    report of 30 June and al-Ahram's of 21 June share text with it. Compared together, every pair
    aligned, each of those two had an edge to both runs, as though the Jordan Times had taken the
    text twice. The 6 July run is the 1 July one's (its edge from it); the others' edges go to the
    1 July run alone."""
    rows = {a.id: a for a in read_articles([require_data("fakes", "fakes_dev.csv")])}
    first, again, alaraby, ahram = "1924058058", "1924058042", "1923102946", "1923848261"
    assert rows[first].text == rows[again].text and rows[first].outlet == rows[again].outlet == "jordantimes"
    edges = {(e.source, e.derived) for e in find_reuse([rows[x] for x in (alaraby, again, ahram, first)]).provenance}
    assert {e for e in edges if e[1] == again} == {(first, again)}
    assert {(alaraby, first), (ahram, first)} <= edges


@pytest.mark.parametrize("copies", [20, 60])
def test_a_rewrite_crediting_two_copies_outlets_has_its_edge_from_the_earlier(copies: int) -> None:
    """A rewrite that names two outlets that ran one text ("told wire07", "according to wire12")
    took that text once: it had an edge from each, as though it had two sources. Its edge comes from
    the one published first (wire12 ran wire07's text five days later), with the attribution naming
    it, whether every pair is aligned (20 copies) or the copies are grouped (60)."""
    said = "a monitoring group says."
    arts = _wire(copies, timedelta(days=1))
    rewrite = replace(arts[-1], text=arts[-1].text.replace(said, "a monitoring group told wire07, according to wire12.", 1))
    edges = find_reuse([*arts[:-1], rewrite]).provenance
    assert [e.source for e in edges if e.derived == "rewrite"] == ["wire07"]
    (edge,) = (e for e in edges if e.derived == "rewrite")
    assert {ev["type"]: ev for ev in edge.evidence}["attribution"]["text"] == "told wire07"
    assert {(e.source, e.derived) for e in edges} == {("wire00", f"wire{k:02d}") for k in range(1, copies)} | {("wire07", "rewrite")}


def test_find_reuse_pairs_every_copy_beyond_max_df_with_the_first_and_the_rewrite_with_it() -> None:
    arts = _wire()
    result = find_reuse(arts)  # 61 articles: the candidates come from the keys
    assert {(p.a, p.b) for p in result.pairs} == _wire_pairs()  # 60 pairs, where 60 copies made 1,770
    rewrite = next(p for p in result.pairs if p.b == "rewrite")
    assert rewrite == _fresh(arts[0], arts[-1])
    # each later copy's edge comes from the first copy, dated; the rewrite's too
    assert {(e.source, e.derived) for e in result.provenance} == _wire_pairs()
    # in another input order, the same pairs (the first copy is first by publication)
    again = find_reuse(list(reversed(arts)))
    assert {tuple(sorted((p.a, p.b))) for p in again.pairs} == {tuple(sorted(p)) for p in _wire_pairs()}


def test_the_local_engine_pairs_copies_beyond_max_df_across_batches_and_runs(tmp_path: Path) -> None:
    from newstrace.corpus import analyze
    from newstrace.store import results as R
    from newstrace.store.sqlite import Store

    arts = _wire()
    with Store(tmp_path / "wire.db") as st:
        st.add_articles(arts[:25], keep_ids=True)
        analyze(st, steps=["reuse", "stories"], workers=1, batch_size=10)
        st.add_articles(arts[25:], keep_ids=True)
        analyze(st, steps=["reuse", "stories"], workers=1, batch_size=10)
        stored = R.pairs_among(st.conn, [a.id for a in arts])
        assert {(p.a, p.b) for p in stored} == _wire_pairs()
        # only the first copy holds the text's keys: a key's holders are texts
        holders = {r[0] for r in st.conn.execute("SELECT DISTINCT article FROM reuse_keys")}
        assert holders == {"wire00", "rewrite"}
        story = R.stories_with(st.conn, ["wire00"])
        assert len(story) == 1
        edges = R.provenance_of(st.conn, story.pop())
        assert {(e.source, e.derived) for e in edges} == _wire_pairs()
        # the first copy analysed again (its outlet renamed) forgot its pairs: it is paired again
        # with the copies analysed before, which hold no keys
        st.add_articles([replace(arts[0], outlet="wire-renamed.example")], keep_ids=True)
        report = analyze(st, steps=["reuse", "stories"], workers=1, batch_size=10)
        assert report.analysed == 1
        assert {(p.a, p.b) for p in R.pairs_among(st.conn, [a.id for a in arts])} == _wire_pairs()
        # a database analysed before gave every copy its keys; each article analysed again (as
        # after a new analysis version), batch by batch: a copy whose keys a later batch still
        # holds from that analysis is no first copy of its text
        with st.transaction():
            st.conn.execute("INSERT INTO reuse_keys (key, article) SELECT k.key, a.id FROM reuse_keys k, articles a "
                            "WHERE k.article='wire00' AND a.id LIKE 'wire%' AND a.id!='wire00'")
            st.conn.execute("UPDATE analysis SET version=0")
        report = analyze(st, steps=["reuse", "stories"], workers=1, batch_size=10)
        assert report.analysed == 61
        assert {(p.a, p.b) for p in R.pairs_among(st.conn, [a.id for a in arts])} == _wire_pairs()


def test_an_earlier_copy_analysed_later_is_the_first_copy_of_the_copies_after_it(tmp_path: Path) -> None:
    """An archive added after its text's copies were analysed: its first copy (``wire00``) holds the
    keys and is paired by them with the first copy analysed before (``wire10``) and the rewrite; the
    archive's later copies are paired with it, those analysed before keep their pairs."""
    from newstrace.corpus import analyze
    from newstrace.store import results as R
    from newstrace.store.sqlite import Store

    arts = _wire()
    with Store(tmp_path / "archive.db") as st:
        st.add_articles(arts[10:], keep_ids=True)
        analyze(st, steps=["reuse"], workers=1)
        st.add_articles(arts[:10], keep_ids=True)
        analyze(st, steps=["reuse"], workers=1)
        pairs = {(p.a, p.b) for p in R.pairs_among(st.conn, [a.id for a in arts])}
        holders = {r[0] for r in st.conn.execute("SELECT DISTINCT article FROM reuse_keys")}
    before = {("wire10", f"wire{k:02d}") for k in range(11, 60)} | {("wire10", "rewrite")}
    archive = {("wire00", f"wire{k:02d}") for k in range(1, 11)} | {("wire00", "rewrite")}
    assert pairs == before | archive
    assert holders == {"wire00", "wire10", "rewrite"}


def test_a_story_over_the_pairs_bound_is_said_once_a_run_with_the_pairs_it_holds_at_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """60 outlets' copies of al-Manar's report and al-Alam's rewrite analysed 10 at a time: the one
    story grows past a bound of 20 pairs in its third batch. Each batch that touched it rebuilt its
    provenance and said so again ("... hold 29 reuse pairs ...", 39, 49, 59: the warning five times
    for one story, where the Spark engine says it once); now once, with its 60 pairs, and counted."""
    from newstrace.corpus import analyze
    from newstrace.store import results as R
    from newstrace.store.sqlite import Store

    monkeypatch.setattr(R, "PROVENANCE_MAX_PAIRS", 20)
    with Store(tmp_path / "wire.db") as st:
        st.add_articles(_wire(60), keep_ids=True)
        report = analyze(st, steps=["reuse", "stories"], workers=1, batch_size=10)
        (story,) = R.stories_with(st.conn, ["wire00"])
        assert R.provenance_of(st.conn, story) == []
        assert report.warnings == [
            f"story {story}: its articles hold 60 reuse pairs, more than the 20 provenance is built for; "
            "it has no provenance edges"
        ]
        assert report.provenance_unbuilt == 1 and report.to_dict()["provenance_unbuilt"] == 1
        # a run that builds nothing says nothing of it
        again = analyze(st, steps=["reuse", "stories"], workers=1, batch_size=10)
        assert again.warnings == [] and again.to_dict()["provenance_unbuilt"] == 0


def test_story_and_outlets_json_say_a_story_has_no_provenance_for_its_pairs_over_the_bound(
    wire_db: WireDb, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``story --json`` of a story over the pairs bound had no key saying why it has no edges (the
    web page says it), and ``outlets --json`` counted its pairs undirected without a word."""
    from typer.testing import CliRunner

    from newstrace.cli.main import app

    story, cli = wire_db.story, wire_db.cli
    built = cli("story", story)
    assert built["provenance_skipped"] is None and len(built["report"]["provenance"]) == 30
    assert cli("outlets")["provenance_skipped"] == []
    wire_db.over_the_bound(monkeypatch, 29)  # built again over a bound of 29 pairs: no edges
    reason = "its articles hold 30 reuse pairs, more than the 29 provenance is built for"
    doc = cli("story", story)
    assert doc["report"]["provenance"] == []
    assert doc["provenance_skipped"] == {"reason": reason, "pairs": 30, "max_pairs": 29}
    net = cli("outlets")
    assert net["provenance_skipped"] == [{"story": story, "reason": reason, "pairs": 30, "max_pairs": 29}]
    assert sum(e["directed"] for e in net["edges"]) == 0
    text = CliRunner().invoke(app, ["story", story, "--db", str(wire_db.path)]).stdout
    assert f"note: no provenance edges: {reason}" in " ".join(text.split())


def test_a_story_of_more_than_200_copies_gets_its_edges_and_one_over_the_pairs_bound_says_it_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """250 outlets running al-Manar's report and al-Alam's rewrite: one story of 251 members, 250
    stored pairs. A cap of 200 members gave it no edge; the bound is on its stored pairs
    (``PROVENANCE_MAX_PAIRS``), which copies no longer square. Over the bound a story gets no
    edge and the run says which and why."""
    from newstrace.corpus import analyze
    from newstrace.store import results as R
    from newstrace.store.sqlite import Store

    arts = _wire(250)
    with Store(tmp_path / "wire.db") as st:
        st.add_articles(arts, keep_ids=True)
        report = analyze(st, steps=["reuse", "stories"], workers=1)
        assert report.warnings == []
        (story,) = R.stories_with(st.conn, ["wire00"])
        assert len(R.members(st.conn, story)) == 251
        edges = R.provenance_of(st.conn, story)
        assert {(e.source, e.derived) for e in edges} == _wire_pairs(250)
        # the same story over a bound of 249 pairs: built again (older rules' edges), none kept
        monkeypatch.setattr(R, "PROVENANCE_MAX_PAIRS", 249)
        st.conn.execute("UPDATE stories SET provenance_version=0 WHERE id=?", (story,))
        report = analyze(st, steps=["reuse", "stories"], workers=1)
        assert report.provenance_refreshed == 1
        assert R.provenance_of(st.conn, story) == []
        assert report.warnings == [
            f"story {story}: its articles hold 250 reuse pairs, more than the 249 provenance is built for; "
            "it has no provenance edges"
        ]
