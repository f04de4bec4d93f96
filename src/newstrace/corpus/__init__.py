"""Corpus mode: stories and threads, the outlet network and incremental analysis.

``analyze(store)`` runs every analysis on what was ingested and not yet analysed (the local
engine, ``engine/local.py``); ``cluster_features`` groups an in-memory collection; stories,
threads and the outlet network are read through ``newstrace.store.results.CorpusResults``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newstrace.engine.local import AnalyzeReport
    from newstrace.store.sqlite import Store


def analyze(store: Store, **kwargs: Any) -> AnalyzeReport:
    """Incremental analysis of a database with the local engine (see ``engine.local.analyze``)."""
    from newstrace.engine.local import analyze as run

    return run(store, **kwargs)
