"""Clean: the body text every offset points into (boilerplate, bylines and dates out of pasted pages).

``clean_plain_text(raw)`` reads a page saved as text (title, author, date, body: what the ``.txt``
reader stores); ``normalize_body(text)`` is the normalisation every reader applies to a body, a
fixed point (cleaning clean text changes nothing).
"""

from newstrace.clean.text import CleanText, clean_plain_text, normalize_body

__all__ = ["CleanText", "clean_plain_text", "normalize_body"]
