"""Words with their place in the sentence: the one tokenizer of the model-free corpus features.

Capitals prove a name only where a word would not be capitalised anyway, so each word carries
whether it opens a sentence (or stands in a title-case headline); the features' entities and the
gazetteer's place names both read that flag.
"""

from __future__ import annotations

import re

_SENT_END = re.compile(r"[.!?:;\"“”]\s*$")


def sentence_words(text: str, word: re.Pattern[str], all_start: bool = False) -> list[tuple[str, bool, str]]:
    """(word, opens a sentence, text between it and the previous word) of each match of ``word``;
    ``all_start`` marks every word as an opener (a headline, where title case capitalises all)."""
    out: list[tuple[str, bool, str]] = []
    last = 0
    for m in word.finditer(text):
        gap = text[last : m.start()]
        out.append((m.group(), all_start or not out or bool(_SENT_END.search(gap)) or "\n" in gap, gap))
        last = m.end()
    return out
