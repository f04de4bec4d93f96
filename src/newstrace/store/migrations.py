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
    # 2: analysis results (corpus stage, ``store/results.py``). ``analysis`` marks what was analysed
    # at which content hash and analysis version (incremental runs); ``reuse_keys`` is the candidate
    # index; passages, quotes and quantities keep their character offsets; stories and threads keep
    # their clustering state (``state``) so that a later run resumes where the last batch committed.
    """
    CREATE TABLE analysis (
        article      TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        version      INTEGER NOT NULL,
        analysed_at  TEXT NOT NULL
    );
    CREATE TABLE reuse_keys (
        key     TEXT NOT NULL,
        article TEXT NOT NULL,
        PRIMARY KEY (key, article)
    ) WITHOUT ROWID;
    CREATE INDEX reuse_keys_article ON reuse_keys(article);
    CREATE TABLE passages (
        a       TEXT NOT NULL,
        b       TEXT NOT NULL,
        idx     INTEGER NOT NULL,
        a_start INTEGER NOT NULL,
        a_end   INTEGER NOT NULL,
        b_start INTEGER NOT NULL,
        b_end   INTEGER NOT NULL,
        kind    TEXT NOT NULL,
        score   REAL NOT NULL,
        a_text  TEXT NOT NULL,
        b_text  TEXT NOT NULL,
        ops     TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (a, b, idx)
    );
    CREATE INDEX passages_b ON passages(b);
    CREATE TABLE provenance (
        story      TEXT NOT NULL,
        source     TEXT NOT NULL,
        derived    TEXT NOT NULL,
        confidence REAL NOT NULL,
        evidence   TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (story, source, derived)
    );
    CREATE INDEX provenance_derived ON provenance(derived);
    CREATE TABLE quotes (
        article       TEXT NOT NULL,
        idx           INTEGER NOT NULL,
        start         INTEGER NOT NULL,
        end           INTEGER NOT NULL,
        text          TEXT NOT NULL,
        speaker       TEXT,
        speaker_start INTEGER,
        speaker_end   INTEGER,
        cue           TEXT,
        direct        INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (article, idx)
    );
    CREATE TABLE quantities (
        article      TEXT NOT NULL,
        idx          INTEGER NOT NULL,
        start        INTEGER NOT NULL,
        end          INTEGER NOT NULL,
        text         TEXT NOT NULL,
        low          REAL,
        high         REAL,
        subject      TEXT,
        event        TEXT,
        window       TEXT,
        window_hours TEXT,
        place        TEXT,
        source       TEXT,
        PRIMARY KEY (article, idx)
    );
    CREATE TABLE threads (
        id            TEXT PRIMARY KEY,
        label         TEXT,
        first_article TEXT NOT NULL,
        first_outlet  TEXT,
        start         TEXT,
        end           TEXT,
        size          INTEGER NOT NULL,
        outlets       TEXT NOT NULL DEFAULT '{}',
        state         BLOB,
        merged_into   TEXT
    );
    CREATE TABLE stories (
        id            TEXT PRIMARY KEY,
        thread        TEXT,
        label         TEXT,
        first_article TEXT NOT NULL,
        first_outlet  TEXT,
        start         TEXT,
        end           TEXT,
        size          INTEGER NOT NULL,
        outlets       TEXT NOT NULL DEFAULT '{}',
        state         BLOB,
        merged_into   TEXT
    );
    CREATE INDEX stories_thread ON stories(thread);
    CREATE INDEX stories_end ON stories(end);
    CREATE TABLE memberships (
        article TEXT PRIMARY KEY,
        story   TEXT NOT NULL,
        score   REAL NOT NULL
    );
    CREATE INDEX memberships_story ON memberships(story);
    CREATE TABLE corpus_state (
        key   TEXT PRIMARY KEY,
        value BLOB
    );
    """,
    # 3: one row per reuse pair with the evidence the clusterer weighs (shared characters, and the
    # part of them inside quotation marks in both articles), so a resumed run need not re-derive it.
    """
    CREATE TABLE reuse_pairs (
        a        TEXT NOT NULL,
        b        TEXT NOT NULL,
        chars    INTEGER NOT NULL,
        quoted   INTEGER NOT NULL,
        strength REAL NOT NULL,
        PRIMARY KEY (a, b)
    );
    CREATE INDEX reuse_pairs_b ON reuse_pairs(b);
    """,
    # 4: where a count's time window sits in the text (findings cite it by offsets)
    """
    ALTER TABLE quantities ADD COLUMN window_start INTEGER;
    ALTER TABLE quantities ADD COLUMN window_end INTEGER;
    """,
    # 5: whether an analysed article has its place in the stories (0 while ``analyze --recluster``
    # rebuilds them, so a killed rebuild resumes where its last batch committed)
    """
    ALTER TABLE analysis ADD COLUMN clustered INTEGER NOT NULL DEFAULT 1;
    """,
    # 6: the analysis steps an article went through: one analysed with ``--no-claims`` gets its
    # claims from a later run that takes them. Earlier rows are taken to have had every step (what
    # the database could not tell apart before, and what ``analyze`` did unless told otherwise).
    # And the version of the claims rules that extracted its claims (``results.CLAIMS_VERSION``):
    # when the rules change, the claims alone are extracted again.
    """
    ALTER TABLE analysis ADD COLUMN steps TEXT NOT NULL DEFAULT 'claims,reuse,stories';
    ALTER TABLE analysis ADD COLUMN claims_version INTEGER NOT NULL DEFAULT 1;
    """,
    # 7: the text publication order sorts by (``model.published_order``): ``published`` with a time
    # that names its offset taken to UTC; as stored, local times sorted by their wall clock across
    # time zones. Filled here as ``published_order`` computes it: SQLite's strftime takes the offset
    # to UTC, and the fraction of a second, which an offset does not change, is kept as written.
    """
    ALTER TABLE articles ADD COLUMN published_utc TEXT;
    UPDATE articles SET published_utc = CASE
        WHEN published GLOB '????-??-??T??:??:??*[+-][0-9][0-9]:[0-9][0-9]'
        THEN strftime('%Y-%m-%dT%H:%M:%S', published) || substr(published, 20, length(published) - 25)
        ELSE published END;
    CREATE INDEX articles_published_utc ON articles(published_utc);
    """,
    # 8: a day given without a time of day sorts at its end (``model.published_order``), after the
    # times of that day: as its midnight, a copy dated only that day was a story's first seen before
    # the report timed that morning.
    """
    UPDATE articles SET published_utc = published || 'T24:00:00'
        WHERE published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]';
    """,
    # 9: the version of the provenance rules that built a story's edges (``results.PROVENANCE_VERSION``):
    # when the rules change, the edges alone are built again from the stored pairs. 0 for the stories
    # of an earlier release (whose edges may be of any rules) and for a story whose edges are not built yet.
    """
    ALTER TABLE stories ADD COLUMN provenance_version INTEGER NOT NULL DEFAULT 0;
    """,
    # 10: a hash of each article's text (``store.sqlite.text_hash``, the SQL function ``text_hash``
    # of every ``Store`` connection), indexed, so that an article ingested again under another id
    # (a page saved again, named by its site name or given an id by a record) is found as the one
    # stored: the same text from the same outlet, or at the same address (``Store.add_articles``);
    # and the place each article was read from, so that an input read again by a newer newstrace,
    # which reads its text otherwise, updates the article it gave (``Store.earlier_reading``)
    """
    ALTER TABLE articles ADD COLUMN text_hash TEXT;
    UPDATE articles SET text_hash = text_hash(text);
    CREATE INDEX articles_text_hash ON articles(text_hash);
    CREATE INDEX articles_source ON articles(source, record);
    """,
    # 11: a hash of what placing an article in a story read of it besides its outlet (its text, title
    # and publication: ``store.sqlite.placement_hash``) when it was analysed, so that ``analyze`` tells
    # an article whose outlet, address or other metadata alone changed since (a page that took its
    # address from a later copy), whose story holds it rightly and has its reach refreshed, from one
    # whose text or date changed, which a fresh placement might put in another story. NULL for the
    # articles analysed before: which of the two they are is unknown.
    """
    ALTER TABLE analysis ADD COLUMN placement_hash TEXT;
    """,
    # 12: the outlet each article was analysed under (``''``: none), so that ``analyze`` tells an
    # outlet renamed for all of its placed articles, whose stories are right and have their reach
    # refreshed, from an article moved to another outlet or to a name other placed articles go by,
    # which a fresh placement might put in another story (``store.results.outlet_moved``). The
    # articles unchanged since their analysis were analysed under the outlet they have; NULL for
    # those changed since: unknown.
    """
    ALTER TABLE analysis ADD COLUMN outlet TEXT;
    UPDATE analysis SET outlet = (
        SELECT COALESCE(a.outlet, '') FROM articles a WHERE a.id = analysis.article AND a.content_hash = analysis.content_hash
    );
    """,
    # 13: a hash of the input each article was read from (``Article.input_hash``: a file's bytes, a
    # record's fields), indexed, so that the same input read again by a newer newstrace, which reads
    # its text otherwise (a cleaning rule, a charset), updates the article it gave under its id
    # (``Store.same_input``): its text, so its derived id, changed, and an article without a URL was
    # stored a second time, its outlet then copying itself. NULL for the articles stored before:
    # which input gave them is unknown until one gives the text stored again (``Store.add_articles``
    # fills it then); nothing is guessed from a text read otherwise.
    """
    ALTER TABLE articles ADD COLUMN input_hash TEXT;
    CREATE INDEX articles_input_hash ON articles(input_hash);
    """,
    # 14: what the searches look in, folded (``store.sqlite.search_fold``, the SQL function
    # ``search_fold`` of every ``Store`` connection: accents and apostrophes dropped, case folded):
    # the articles' titles and texts and the stories' labels, which the Articles and Stories
    # searches look for their folded words in (``store.sqlite.word_in``), so that 'Erdogan' finds
    # "Erdoğan", 'strasse' "Straße" and 'Sanaa' "Sana'a", and a search folds nothing as it reads.
    # Tables of their own, not columns: a column added to ``articles`` comes after the text, which
    # every read of it then steps through, and ``SELECT *`` of the articles would read the copy
    # too; one of ``stories`` would have each write of a label write the story's state again.
    # Filled here for the rows stored, and kept by triggers on every write of a title, text or
    # label, whichever path writes it (ingest, an update, a copy's fill-in, ``analyze``,
    # ``load-results``). A program other than newstrace that writes one of those columns must have
    # the function too ("no such function").
    """
    CREATE TABLE articles_folded (
        seq   INTEGER PRIMARY KEY,
        title TEXT,
        text  TEXT
    );
    INSERT INTO articles_folded (seq, title, text) SELECT seq, search_fold(title), search_fold(text) FROM articles;
    CREATE TRIGGER articles_fold_insert AFTER INSERT ON articles BEGIN
        INSERT OR REPLACE INTO articles_folded (seq, title, text)
            VALUES (NEW.seq, search_fold(NEW.title), search_fold(NEW.text));
    END;
    CREATE TRIGGER articles_fold_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT OR REPLACE INTO articles_folded (seq, title, text)
            VALUES (NEW.seq, search_fold(NEW.title), search_fold(NEW.text));
    END;
    CREATE TRIGGER articles_fold_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_folded WHERE seq = OLD.seq;
    END;
    CREATE TABLE stories_folded (
        id    TEXT PRIMARY KEY,
        label TEXT
    ) WITHOUT ROWID;
    INSERT INTO stories_folded (id, label) SELECT id, search_fold(label) FROM stories;
    CREATE TRIGGER stories_fold_insert AFTER INSERT ON stories BEGIN
        INSERT OR REPLACE INTO stories_folded (id, label) VALUES (NEW.id, search_fold(NEW.label));
    END;
    CREATE TRIGGER stories_fold_update AFTER UPDATE OF id, label ON stories BEGIN
        DELETE FROM stories_folded WHERE id = OLD.id;
        INSERT OR REPLACE INTO stories_folded (id, label) VALUES (NEW.id, search_fold(NEW.label));
    END;
    CREATE TRIGGER stories_fold_delete AFTER DELETE ON stories BEGIN
        DELETE FROM stories_folded WHERE id = OLD.id;
    END;
    """,
    # 15: the searches' folded copies (migration 14) folded again, now that ``search_fold`` takes
    # every hyphen and dash to a space, drops the soft hyphen and takes each run of white space to
    # one space, so that 'al-Nusra' finds "al Nusra" and "al–Nusra" in the rows stored before
    # as in those written after. The copies are made again from the rows as migration 14
    # made them; its triggers, which call ``search_fold``, keep them from then on.
    """
    DELETE FROM articles_folded;
    INSERT INTO articles_folded (seq, title, text) SELECT seq, search_fold(title), search_fold(text) FROM articles;
    DELETE FROM stories_folded;
    INSERT INTO stories_folded (id, label) SELECT id, search_fold(label) FROM stories;
    """,
    # 16: the searches' copies made again as ``store.sqlite.search_copy`` makes them (the SQL
    # function ``search_fold`` of every ``Store`` connection, which migration 14's triggers call):
    # the punctuation at the words' edges dropped, so that '"Aleppo Syria"' finds "Aleppo, Syria";
    # a space at either end, so that a whole word ('Dar'a') is found as " dara "; and the
    # compounds a hyphen joins, joined, each on a line after the text, so that 'ceasefire' finds
    # "cease-fire". As 15, nothing but the copies' values changes: a reader of a database at 14 or
    # 15 reads it as it is (``REFOLDS``).
    """
    DELETE FROM articles_folded;
    INSERT INTO articles_folded (seq, title, text) SELECT seq, search_fold(title), search_fold(text) FROM articles;
    DELETE FROM stories_folded;
    INSERT INTO stories_folded (id, label) SELECT id, search_fold(label) FROM stories;
    """,
    # 17: the searches' copies made again as ``store.sqlite.search_copy`` makes them now: each
    # compound a hyphen joins kept joined with the words about it ("the ceasefire agreement was"),
    # not alone, so that '"ceasefire agreement"' finds "cease-fire agreement". As 15 and 16, nothing
    # but the copies' values changes (``REFOLDS``); an upgrade that runs several of them makes the
    # copies once (``store.sqlite.Store._migrate``).
    """
    DELETE FROM articles_folded;
    INSERT INTO articles_folded (seq, title, text) SELECT seq, search_fold(title), search_fold(text) FROM articles;
    DELETE FROM stories_folded;
    INSERT INTO stories_folded (id, label) SELECT id, search_fold(label) FROM stories;
    """,
]

#: the migrations that only make the searches' copies again (their values, not the schema): a
#: database before them is read as it is by a command that only reads (the web app, ``stories``),
#: its searches then looking in copies folded by the older rules (``Store.search_copies_behind``),
#: and brought forward by the first command that writes it
REFOLDS = frozenset({15, 16, 17})
#: the migration that makes the searches' copies (and the triggers that keep them), by the rules of
#: the newstrace that runs it: the ``REFOLDS`` after it in the same upgrade have nothing to make again
COPIES_MADE = 14
#: the first migration whose copies have a space at either end, so that a whole word is found as
#: " word " (``store.sqlite.search_words``: a word with an apostrophe is a whole word from it on)
WHOLE_WORDS = 16
