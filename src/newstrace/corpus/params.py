"""Calibrated parameters of the story similarity and of story and thread clustering.

``TEXT`` (content similarity) is fitted by ``newstrace eval similarity-semeval`` on the dev split of
the SemEval-2022 Task 8 English pairs (its ``dev_fit``); the held-out pairs are what that benchmark
reports. ``STORY`` and ``THREAD`` come from ``newstrace eval stories-fakes --calibrate``
(``evaluate/stories_fakes.py``): logistic weights fitted on (article, candidate story) pairs from a
simulated stream over the *dev* split of FA-KES events (hash of the event key) mixed with FNC-1
distractor bodies, then the join and merge thresholds swept for pairwise F1 on the same dev
split. The held-out split is what the benchmark reports. Thread parameters are fitted the same
way on coarser gold (same location, within a week).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from newstrace.corpus.similarity import FEATURES, SimilarityModel, TextModel

#: bump when what the per-article step reads off a text for clustering changes (gazetteer, kinds,
#: entities, statements) without a change of the weights below: stories built before keep
#: centroids of the old reading, and ``fingerprint`` tells ``analyze`` so
#: (``tests/test_features_version.py`` fails when the reading of real articles changes and this
#: number does not)
FEATURES_VERSION = 8

#: bump when the clusterer's search for the open stories an article is scored against changes
#: (``stories.StoryClusterer``'s index keys): the open stories of a database analysed before are
#: indexed by the older keys, so an article may miss a story the newer search would show it, and
#: ``fingerprint`` tells ``analyze`` so; bump too when what the clusterer is handed of a reuse pair
#: changes (``stories.reuse_strength``). 2: the (province, kind of violence) keys (``event_dims``);
#: 3: a whole copy (shared passages covering ``stories.COPY_COVER`` of the shorter text) is full
#: reuse evidence, quoted or not, so a repost days later joins its original's story (pairs stored
#: before keep their old strength: ``analyze --recluster`` reads them as stored); bump too when the
#: stream order changes (``model.published_order``), which decides each story's first article.
#: 4: a day alone sorts after the times of that day, not before them
CLUSTERER_VERSION = 4

#: story similarity from content: weights of TEXT_FEATURES (root body, lead and entity cosines,
#: entity and place coverage)
TEXT = TextModel(weights=(-0.5869, 1.2831, 1.1206, -0.9378, 0.0), bias=-0.045)

#: an article joins the story it best matches when the probability reaches ``join``. Two weights
#: are stated priors that FA-KES cannot fit (``evaluate/stories_fakes.PRIORS``): ``reuse`` (copied
#: text; 8 lets the rewrite of RT's report join it three days later, 6 did not once the event key
#: lowered the bias, and dev F1 is the same for both) and ``statement_conflict`` (a statement is a
#: story of its own: RT's report of the envoy's statement and SANA's rocket report of the next
#: day share the province, the kind and the day, and are two stories; issue 6 "done when").
#: A third since session 30: ``outlet_other_province`` at -4, a veto as the statement's (one
#: outlet's template reports of two provinces are two stories; fitted, its weight followed the
#: rest of the fit, -0.755, then -0.579 after the "al-Sham" reading, and the template chain came
#: back). The conflict runs one way (an event report after a statement), so reactions join the event
#: they follow as FA-KES files them.
#: The rest is the dev fit and sweep's best (dev pairwise F1 0.833 beside ``THREAD``: stories
#: merge within their thread, so the thread model moves it; 0.905 on the dev split of half the
#: events before session 26 moved a quarter more to dev, ``stories_fakes.DEV_SHARE``, and 0.789
#: there before the mine cues and the headline's and lead's provinces, ``FEATURES_VERSION`` 5;
#: the same 0.833 after ``FEATURES_VERSION`` 6's Syrian places, refitted; 0.855 with the same
#: weights and thresholds, a fixed point of the calibration still, since the clusterer also finds
#: the open stories of an article's province and kind, ``stories.event_dims``; 0.887, 141 of 170
#: pairs true against 136, refitted with ``outlet_other_province``, which weighs -0.755: one
#: outlet's template reports of two provinces, session 29; 0.885, 142 of 173, refitted after
#: ``FEATURES_VERSION`` 7's "al-Sham", with ``outlet_other_province`` a prior and the story's joins
#: swept down to 0.1, ``stories_fakes.STORY_JOINS``, session 30), which is what ``eval stories-fakes
#: --calibrate`` prints
#: (weights in FEATURES order: text, body, title, ents, ents_cover, lead_ent, lead, place, decay,
#: text_x_decay, within_day, reuse, region_conflict, kind_conflict, event_key, statement_conflict,
#: same_province, key_x_decay, outlet_other_province; zeros are features this level is not fitted
#: on)
STORY = SimilarityModel(
    weights=(
        0.197, 0.0, 0.861, 0.0, 0.0, 1.175, 0.0, 1.981, 0.895, 0.682, 4.987, 8.0, -3.207, -1.738, 3.198,
        -4.0, 0.0, -0.577, -4.0,
    ),
    bias=-9.679,
    tau=1.0,
    join=0.1,
    merge=0.5,
    window=10.0,
    text=TEXT,
)

#: a new story joins the thread it best matches at this coarser level (dev pairwise F1 0.780 on
#: three quarters of the events with ``stories.event_dims``, 0.791 beside the story model refitted
#: with ``outlet_other_province``, the thread model's own refit unchanged; 0.789 refitted after
#: ``FEATURES_VERSION`` 7 beside the story model of session 30; 0.765 before, 0.760 before
#: ``FEATURES_VERSION`` 6 and 0.737 before 5; the
#: history below is of the dev half before session 26);
#: ``same_province`` keeps a thread to the province most of its stories are about, where the
#: union of every province its stories name would let an Aleppo story into an Idlib thread.
#: ``span`` is a week, as the story's is a day: a developing situation is covered within a week
#: or so, the way the benchmark's gold threads are cut (one location within a week), and
#: ``within_day`` and ``event_key`` of this level read that week. A stated prior, like the story's
#: day; with the one-day edge the fitted weight of ``within_day`` was negative here, and the week
#: took thread F1 on the dev split from 0.741 to 0.799 (from 0.740 / 0.734 to 0.765 / 0.744 on the
#: unseen half of each dev cross-validation fold, ``benchmarks/stories_cv.py``; story F1 there
#: unchanged at 0.852 / 0.882); counting tied provinces (``similarity.same_province``) then
#: moved it to 0.761 and stories to 0.896, and reading Arabic names in their many spellings
#: (``gazetteer``, ``FEATURES_VERSION`` 2) to 0.806 and 0.900; ground combat read as a shooting
#: (``kinds``, ``FEATURES_VERSION`` 3) with the story's ``key_x_decay`` to 0.786 and 0.905 (unseen
#: CV halves in ``benchmarks/README.md``)
THREAD = SimilarityModel(
    weights=(
        3.119, 0.0, 1.637, 0.0, 0.0, -0.124, 0.0, 1.347, 1.361, 4.001, 5.64, 3.0, -3.317, 1.149, 1.24,
        0.0, 1.201, 0.0, 0.0,
    ),
    bias=-11.17,
    tau=5.0,
    join=0.5,
    merge=0.7,
    window=30.0,
    text=TEXT,
    span=7.0,
)

#: the story and thread models of runs with sentence embeddings (``analyze --semantic``, extra
#: ``semantic``): the same features plus ``SEMANTIC_FEATURES`` (embedding cosine and its product
#: with the time decay), fitted and swept by ``newstrace eval stories-fakes --calibrate --semantic``
#: on the same dev split as the models above, with the same priors, thread ``span`` and thread
#: decay (``stories_fakes.THREAD_TAUS``; dev F1 0.842 for stories, 0.774 for threads since the
#: clusterer also finds stories by their province and kind, ``stories.event_dims``, which moved
#: the join from 0.2 to 0.3; 0.881 and 0.775 refitted with ``outlet_other_province``, the story
#: decay then 1 day, was 2; 0.883 and 0.784 refitted in session 30, after ``FEATURES_VERSION`` 7,
#: with ``outlet_other_province`` a prior and the story joins down to 0.1: join 0.1, decay 2 days;
#: 0.818 and 0.737 before the keys; 0.818 and
#: 0.733 before ``FEATURES_VERSION`` 6, 0.827 and 0.745 before 5;
#: ``tests/test_semantic.py`` checks issue 6's "done when" with them)
STORY_SEMANTIC = replace(
    STORY,
    weights=(
        -0.405, 0.0, 0.245, 0.0, 0.0, 0.898, 0.0, 1.722, -0.257, 0.07, 4.793, 8.0, -3.41, -2.078, 2.867,
        -4.0, 0.0, -0.516, -4.0,
    ),
    bias=-9.722,
    tau=2.0,
    join=0.1,
    merge=0.5,
    semantic=(0.966, 2.808),
)
THREAD_SEMANTIC = replace(
    THREAD,
    weights=(
        2.52, 0.0, 0.812, 0.0, 0.0, -0.074, 0.0, 0.513, -0.535, 2.942, 5.865, 3.0, -3.467, 0.714, 0.503,
        0.0, 1.375, 0.0, 0.0,
    ),
    bias=-11.481,
    tau=5.0,
    join=0.5,
    merge=0.7,
    semantic=(1.802, 3.512),
)


def fingerprint(story: SimilarityModel, thread: SimilarityModel) -> str:
    """A short digest of the clustering models, of the features they read and of the search for
    the stories they score.

    A database records it with its stories (``store.results.MODELS_KEY``): stories built by
    another version joined their articles by other weights or features, and a later ``analyze``
    that adds to them says so and offers ``analyze --recluster``.
    """
    spec = repr((FEATURES_VERSION, CLUSTERER_VERSION, FEATURES, story, thread))
    return hashlib.sha1(spec.encode()).hexdigest()[:12]


def models(semantic: bool = False) -> tuple[SimilarityModel, SimilarityModel]:
    """(story, thread) models of a run with or without sentence embeddings."""
    return (STORY_SEMANTIC, THREAD_SEMANTIC) if semantic else (STORY, THREAD)
