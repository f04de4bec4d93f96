"""Store: the SQLite database (``Store(path, readonly=)``), its migrations and the analysis lock."""

from newstrace.store.sqlite import Store

__all__ = ["Store"]
