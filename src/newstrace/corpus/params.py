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

from dataclasses import replace

from newstrace.corpus.similarity import SimilarityModel, TextModel

#: story similarity from content: weights of TEXT_FEATURES (root body, lead and entity cosines,
#: entity and place coverage)
TEXT = TextModel(weights=(-0.5869, 1.2831, 1.1206, -0.9378, 0.0), bias=-0.045)

#: an article joins the story it best matches when the probability reaches ``join``; fitted without
#: ``within_day`` (STORY_FEATURES): with it the dev F1 is 0.78 instead of 0.67, but the model then
#: follows FA-KES's gold (same place, cause and day) so closely that RT's seed report joins SANA's
#: casualty report of the next day and its rewrite three days later does not (issue 6 "done when").
#: For the same reason the shipped setting is not the sweep's best: with the province and kind
#: conflicts the best dev F1 is 0.745 (tau 2, join 0.3, merge 0.7), which joins SANA's report of
#: 31 October to the seeds' story; this one (tau 1, join 0.3, merge 0.9, dev 0.718) is the best
#: that keeps them apart (``eval stories-fakes --calibrate`` prints the unconstrained fit)
#: (weights in FEATURES order: text, body, title, ents, ents_cover, lead_ent, lead, place, decay,
#: text_x_decay, within_day, reuse, region_conflict, kind_conflict; zeros are features this level
#: is not fitted on)
STORY = SimilarityModel(
    weights=(1.483, 0.0, 1.321, 0.0, 0.0, 1.627, 0.0, 2.332, 3.091, 3.224, 0.0, 6.0, -0.965, -3.776),
    bias=-6.866,
    tau=1.0,
    join=0.3,
    merge=0.9,
    window=10.0,
    text=TEXT,
)

#: a new story joins the thread it best matches at this coarser level
THREAD = SimilarityModel(
    weights=(1.663, 0.0, 0.277, 0.0, 0.0, 1.144, 0.0, 3.024, 6.12, 4.754, -1.798, 3.0, -1.515, -0.611),
    bias=-7.815,
    tau=5.0,
    join=0.3,
    merge=0.9,
    window=30.0,
    text=TEXT,
)

#: the story and thread models of runs with sentence embeddings (``analyze --semantic``, extra
#: ``semantic``): the same features plus ``SEMANTIC_FEATURES`` (embedding cosine and its product
#: with the time decay), fitted and swept by ``newstrace eval stories-fakes --calibrate --semantic``
#: on the same dev split as the models above
#: (dev F1 0.779 for stories, 0.712 for threads; the sweep's story merge threshold was 0.5, 0.9
#: scores the same on dev and keeps SANA's report of 31 October out of the seeds' story, which 0.5
#: does not: ``tests/test_semantic.py``)
STORY_SEMANTIC = replace(
    STORY,
    weights=(-0.19, 0.0, -0.183, 0.0, 0.0, 1.249, 0.0, 1.455, 1.709, 1.142, 0.0, 6.0, -0.781, -3.585),
    bias=-8.703,
    tau=2.0,
    join=0.3,
    merge=0.9,
    semantic=(3.164, 5.463),
)
THREAD_SEMANTIC = replace(
    THREAD,
    weights=(1.727, 0.0, -0.575, 0.0, 0.0, 0.958, 0.0, 2.558, 3.498, 2.782, -2.326, 3.0, -1.292, -0.532),
    bias=-7.841,
    tau=3.0,
    join=0.3,
    merge=0.9,
    semantic=(2.361, 4.994),
)


def models(semantic: bool = False) -> tuple[SimilarityModel, SimilarityModel]:
    """(story, thread) models of a run with or without sentence embeddings."""
    return (STORY_SEMANTIC, THREAD_SEMANTIC) if semantic else (STORY, THREAD)
