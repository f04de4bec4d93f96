"""Stance of an article towards a claim: agree, disagree, discuss or unrelated.

``predict_stance(claim, article)`` and ``predict_many(pairs)`` use the model shipped in
``stance/model/`` (loaded once per process, no dataset needed); ``newstrace train stance``
rebuilds it from FNC-1.
"""

from newstrace.stance.model import LABELS, StanceModel, load_model, predict_many, predict_stance

__all__ = ["LABELS", "StanceModel", "load_model", "predict_many", "predict_stance"]
