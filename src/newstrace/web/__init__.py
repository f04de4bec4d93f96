"""The local web app: stories, outlet comparisons and provenance over one newstrace database.

``create_app(db)`` builds the FastAPI app (read-only unless asked otherwise); ``newstrace serve``
runs it on 127.0.0.1.
"""

from __future__ import annotations

from newstrace.web.app import create_app

__all__ = ["create_app"]
