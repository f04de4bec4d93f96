"""Calibrated parameters of story and thread clustering.

Produced by ``newstrace eval stories-fakes --calibrate`` (``evaluate/stories_fakes.py``): logistic
weights fitted on (article, candidate story) pairs from a simulated stream over the *dev* split of
FA-KES events (hash of the event key) mixed with FNC-1 distractor bodies, then the join and merge
thresholds swept for pairwise F1 on the same dev split. The held-out split is what the benchmark
reports. Thread parameters are fitted the same way on coarser gold (same location, within a week).
"""

from __future__ import annotations

from newstrace.corpus.similarity import SimilarityModel

#: an article joins the story it best matches when the probability reaches ``join``
STORY = SimilarityModel(
    weights=(1.406, 2.927, 0.08, 0.763, 2.566, 4.393, 3.853, 6.0),
    bias=-8.367,
    tau=2.0,
    join=0.2,
    merge=0.7,
    window=10.0,
)

#: a new story joins the thread it best matches at this coarser level
THREAD = SimilarityModel(
    weights=(-0.163, 2.828, 2.137, 0.758, 2.435, 4.457, 4.803, 3.0),
    bias=-7.743,
    tau=5.0,
    join=0.15,
    merge=0.3,
    window=30.0,
)
