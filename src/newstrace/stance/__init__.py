"""Stance of an article towards a claim: agree, disagree, discuss or unrelated.

``predict_stance(claim, article)`` and ``predict_many(pairs)`` use the model shipped in
``stance/model/`` (loaded once per process, no dataset needed), or a ``StanceModel`` given to them
(``load_model(folder)``); ``newstrace train stance FNC_DIR --out DIR`` trains one from FNC-1 into
``DIR``, which rebuilds the shipped one only when ``DIR`` is its folder.
"""

from newstrace.stance.model import LABELS, StanceModel, load_model, predict_many, predict_stance

__all__ = ["LABELS", "StanceModel", "load_model", "predict_many", "predict_stance"]
