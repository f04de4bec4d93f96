"""Coarse parts of speech from fine-grained tags, so the pipeline can run without the attribute ruler.

spaCy's small English model sets ``Token.pos_`` through its attribute ruler, which costs about a
quarter of the parse time; the tagger's ``tag_`` (Penn Treebank) carries the same information for
the distinctions the claim rules make.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MAP = {
    "NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "PRP": "PRON", "PRP$": "PRON",
    "WP": "PRON", "WP$": "PRON", "EX": "PRON", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "CD": "NUM",
    "DT": "DET", "PDT": "DET", "WDT": "DET", "IN": "ADP", "RB": "ADV", "RBR": "ADV", "RBS": "ADV",
    "WRB": "ADV", "MD": "AUX", "CC": "CCONJ", "RP": "ADP", "POS": "PART", "TO": "PART", "UH": "INTJ",
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
}
_AUX_DEPS = frozenset({"aux", "auxpass"})


def upos(t: Token) -> str:
    """Universal POS of a token: ``pos_`` when the attribute ruler ran, else mapped from ``tag_``."""
    pos = t.pos_
    if pos:
        return pos
    tag = t.tag_
    coarse = _MAP.get(tag)
    if coarse is None:
        return "PUNCT" if t.is_punct else "X"
    if coarse == "VERB" and t.dep_ in _AUX_DEPS:
        return "AUX"
    return coarse


#: where ``doc_text`` keeps a parse's text
_TEXT_KEY = "newstrace.text"


def doc_text(doc: Doc) -> str:
    """The parse's text, joined once: ``Doc.text`` joins every token's text on each call, and the
    speaker rules read it for every mention they make (some 6 % of extraction time, and longer
    the longer the passage)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text
