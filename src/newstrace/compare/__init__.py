"""Cross-outlet comparison: findings, provenance graph and the report a fact-checker reads.

Public API: :func:`compare_articles` -> :class:`Comparison` (``to_dict()`` is the JSON document of
``newstrace compare --json``, but for the ``skipped`` inputs the command adds) and :func:`render_html` (the self-contained, escaped HTML report the
CLI writes and the web app can serve).
"""

from __future__ import annotations

from newstrace.compare.core import Comparison, compare_articles
from newstrace.compare.html import render_html

__all__ = ["Comparison", "compare_articles", "render_html"]
