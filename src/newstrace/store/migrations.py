"""Versioned schema: migration N brings a database from ``user_version`` N-1 to N.

Append a new migration for every schema change and never edit a released one: databases in the
field are at any version and are brought forward on open, each step in its own transaction.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, keyed by their id; ``seq`` is ingestion order, which incremental analysis follows.
    """
    CREATE TABLE articles (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        id           TEXT NOT NULL UNIQUE,
        url          TEXT,
        outlet       TEXT,
        published    TEXT,
        title        TEXT,
        author       TEXT,
        text         TEXT NOT NULL,
        lang         TEXT,
        source       TEXT,
        record       INTEGER,
        meta         TEXT NOT NULL DEFAULT '{}',
        content_hash TEXT NOT NULL,
        revision     INTEGER NOT NULL DEFAULT 1,
        ingested_at  TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);
    """,
]
