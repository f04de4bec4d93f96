"""Claims: quotes with speakers, attributions, and quantities with their meaning (issue 4).

``extract_claims(article)`` and ``extract_many(articles)`` are the entry points; every record is
a span of character offsets into ``article.text``.
"""

from newstrace.claims.extract import extract_claims, extract_many

__all__ = ["extract_claims", "extract_many"]
