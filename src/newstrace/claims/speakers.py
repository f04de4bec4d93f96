"""Who is speaking: name spans from the parse, and one normalised name per person or body.

A speaker is mentioned many ways in one article ("United Nations Special Envoy for Syria Staffan
de Mistura", "de Mistura", "he", "the special envoy"); comparison across outlets needs one name.
Mentions are read off the parse (the subject of a cue verb, the object of "according to"), split
into descriptor words (titles, roles) and a name, then normalised against the other names of the
same article: a short form takes the full name it ends with; pronouns and role nouns take the last
named speaker that fits.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from newstrace.abbreviations import is_abbreviation
from newstrace.claims.lexicon import (
    CUE_FORMS,
    DOCUMENT_NOUNS,
    FEMALE_FIRST_NAMES,
    GROUP_PRONOUNS,
    MALE_FIRST_NAMES,
    MONTHS,
    NAME_PARTICLES,
    ORG_WORDS,
    PEOPLE_NOUNS,
    PERSON_LABELS,
    PERSON_PRONOUNS,
    SPEAKER_NOUNS,
    TITLE_WORDS,
    WEEKDAYS,
)
from newstrace.claims.tags import doc_text, upos
from newstrace.corpus.gazetteer import region_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Token


#: people a plural pronoun may stand for ('critics', 'officials', 'activists', 'residents')
_PLURAL_PEOPLE = re.compile(r"\b(?:" + "|".join(sorted(
    {w for w in SPEAKER_NOUNS | PEOPLE_NOUNS if w.endswith(("s", "men", "people"))}
    - {"groups", "casualties", "deaths", "fatalities", "injuries", "bodies", "corpses", "others"}, key=len, reverse=True)) + r")\b")


#: 'the younger Mr. Trump': the son of a father of his name (the surname a group)
_YOUNGER = re.compile(r"(?:[Tt]he )?younger (?:Mr\.? |Mrs\.? |Ms\.? )?([A-Z][\w'-]+)$")
_JUNIOR = frozenset(("Jr.", "Jr", "II", "III"))

#: the end of a sentence, or of a paragraph, and the space after it
_SENTENCE_END = re.compile(r"[.!?…][”\"’']?\s+|\n\s*")


@dataclass
class Mention:
    """A speaker mention: ``start/end`` in article text, the surface name and what kind it is.

    ``kind`` is 'name' (a proper name), 'pronoun', 'nominal' (a role noun like "the envoy") or
    'other'. ``descriptors`` are role words seen with a name ("envoy", "special", "official").
    """

    start: int
    end: int
    text: str
    kind: str
    head: str
    descriptors: set[str] = field(default_factory=set)
    is_org: bool = False
    name: str | None = None  # filled by normalisation
    #: for a relative pronoun ('Murphy, who said'), the mention of its antecedent
    antecedent: Mention | None = None
    #: a one-word name the tagger reads as a plural ('Friends say Manafort ...', 'Democrats'): a
    #: group or a title, never whom a later 'he' or 'she' stands for
    plural: bool = False


#: double quote marks as tokens (single ones are also apostrophes: "Sanders’ email")
_QUOTE_TOKENS = frozenset("“”\"«»„″") | {"``", "''"}


def _is_name_token(t: Token) -> bool:
    if upos(t) == "PROPN" or (t.text[:1].isupper() and t.tag_ in ("NNP", "NNPS")):
        return t.text.lower().strip(".") not in ("the",)
    return will_named(t)


def will_named(t: Token) -> bool:
    """Whether ``t`` is the name "Will" the tagger took for the modal: 'contributor George Will
    reignited his feud' made "George" the speaker, '“...,” Will wrote' someone else. A modal is
    written "Will" only opening a sentence or in a headline in title case; elsewhere, after a
    name or right after a closing quote mark, it is a name."""
    if t.text != "Will" or t.tag_ != "MD" or t.i == t.sent.start:
        return False
    prev = t.doc[t.i - 1]
    if prev.is_punct and prev.text not in _QUOTE_TOKENS and prev.text not in ("’", "'"):
        return False  # ('... asked. Will he ...' opens a sentence the parser did not split)
    text = doc_text(t.doc)
    return not _in_title_case(text, t.idx) and (upos(prev) == "PROPN" or prev.text in _QUOTE_TOKENS)


def _clean_name(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].text in ("’s", "'s", "’", "'")):
        tokens = tokens[:-1]
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct):
        tokens = tokens[1:]
    return tokens


def _after_photo_credit(toks: list[Token]) -> list[Token]:
    """The tokens after a photo caption's credit ("REUTERS/Bassam Khabieh"), which a caption glued
    to the next sentence puts before its subject; the last token (the head) always stays."""
    cut = 0
    for k, t in enumerate(toks[:-1]):
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if len(t.text) > 1 and t.text.isupper() and nxt is not None and nxt.text == "/":
            cut = k + 1
    if not cut:
        return toks
    while cut < len(toks) - 1 and upos(toks[cut]) == "PROPN":  # the photographer
        cut += 1
    return toks[cut:]


#: a date written in digits ('24.08.2013', '6/10/2014')
_DIGIT_DATE = re.compile(r"\d{1,2}([./])\d{1,2}\1\d{2}(?:\d{2})?")


def _bare_number(t: Token, head: Token) -> bool:
    """Whether ``t``, opening a nominal speaker, is a number written in digits that counts no one
    of it: FA-KES's copy runs clauses and datelines together unpunctuated, and in 'Fri 07 Apr
    2017 at 0914 Homs governor says' the time 0914 opened the speaker, in '... that killed 13
    people MSF said' the count of the dead; a date ('24.08.2013 Syrian state media') never counts. A count of
    the head stays when the head is plural or a share ('3 officials said', '21 percent said', as PolNeAR's
    annotators mark them)."""
    if _DIGIT_DATE.fullmatch(t.text):
        return True  # a date counts no one: '24.08.2013 Syrian state media accused rebels ...'
    if not t.text[:1].isdigit() or not all(c.isdigit() or c in ":.," for c in t.text):
        return False
    counts_head = t.dep_ == "nummod" and t.head.i == head.i
    return not (counts_head and (head.tag_ in ("NNS", "NNPS") or head.lower_ in ("percent", "%", "pct")))


def name_chain(head: Token) -> list[Token]:
    """The contiguous run of name tokens around ``head`` ("Staffan de Mistura", "Amnesty International")."""
    doc = head.doc
    i = j = head.i
    while i - 1 >= head.sent.start and (
        _is_name_token(doc[i - 1])
        or (doc[i - 1].lower_ in NAME_PARTICLES and i - 2 >= 0 and _is_name_token(doc[i - 2]))
        or (doc[i - 1].lower_ in NAME_PARTICLES and upos(doc[i]) == "PROPN")
    ):
        i -= 1
    while i - 2 >= head.sent.start and _hyphen_joins(doc[i - 1]):
        i -= 2  # 'Holtz-Eakin', which the tokenizer cuts at its hyphen
        while i - 1 >= head.sent.start and _is_name_token(doc[i - 1]):
            i -= 1  # 'Washington Post-ABC News'
    end = head.sent.end
    while True:
        if j + 2 < end and _hyphen_joins(doc[j + 1]):
            j += 2
        elif title_stop(doc, j):
            # 'said Army Maj. Curtis Kellogg': the tokenizer cut the rank's full stop off and the
            # parser began a sentence after it, which made 'Army Maj' the speaker; the person is
            # the name after the stop
            j, end = j + 2, doc[j + 2].sent.end
        elif j + 1 == end and rank_cut(doc, end):
            # 'said Air Force 1st Lt. Tyler Livingston': the parser began a sentence at the rank itself,
            # after its grade, which made 'Air Force 1st' the speaker
            j, end = j + 3, doc[j + 3].sent.end
        elif j + 1 < end and _is_name_token(doc[j + 1]) and doc[j + 1].tag_ != "POS":
            j += 1
        else:
            break
    i = _body_before(doc[i]).i
    return _after_place(_after_channel(_clean_name([doc[k] for k in range(i, j + 1)]), head))


#: the places a name after 'of' may be ('the village of Tokhar')
_SETTLEMENTS = frozenset(("village", "town", "city", "district", "neighbourhood", "neighborhood", "suburb", "province"))


def _after_place(chain: list[Token]) -> list[Token]:
    """``chain`` without the known place (``gazetteer.region_of``) a preposition or 'and' put before it, where a
    text that lost its commas glued the place to the name after it ('... in Hama Aleppo and Deir al-Zor Moumtzis
    said', 'in Aleppo Ibrahim Abu Leith told'): the name after it, which the text also writes elsewhere, a word at
    least."""
    doc = chain[0].doc if chain else None
    if doc is None or len(chain) < 2 or chain[0].i == 0 or doc[chain[0].i - 1].tag_ not in ("IN", "CC"):
        return chain
    text = doc.text
    settlement = chain[0].i > 1 and doc[chain[0].i - 1].lower_ == "of" and doc[chain[0].i - 2].lower_ in _SETTLEMENTS
    for k in range(len(chain) - 1, 0, -1):
        rest = chain[k:]
        place = doc[chain[0].i : chain[k - 1].i + 1].text
        if not rest[0].text[:1].isupper():
            continue
        if settlement and k == 1 and len(rest) > 1 and rest[-1].lower_ in ORG_WORDS:
            # 'the nearby village of Tokhar Amnesty International said': a village no gazetteer holds, one word
            # after 'village of', glued to a body's name
            return rest
        if region_of(place) is None:
            continue
        last = rest[-1].text
        if len(re.findall(rf"(?<![\w-]){re.escape(last)}(?![\w-])", text)) > 1:
            return rest
    return chain


def _hyphen_joins(t: Token) -> bool:
    """Whether ``t`` is a hyphen written inside a name between two name tokens ('Holtz-Eakin',
    'Ban Ki-moon'); not after one letter, a party's ('(R-Calif.)')."""
    doc = t.doc
    return t.text == "-" and 0 < t.i < len(doc) - 1 and not doc[t.i - 1].whitespace_ and not t.whitespace_ \
        and _is_name_token(doc[t.i - 1]) and _is_name_token(doc[t.i + 1]) and len(doc[t.i - 1]) > 1


def title_stop(doc: Doc, j: int) -> bool:
    """Whether ``doc[j]`` is a title ("Maj", "Capt", "Lt") whose full stop, the next token, ends no
    sentence (``abbreviations.is_abbreviation``) and a name follows it on the line."""
    if j + 2 >= len(doc) or doc[j + 1].text != "." or doc[j].whitespace_ or "\n" in doc[j + 1].whitespace_:
        return False
    t, nxt = doc[j], doc[j + 2]
    if t.lower_ + "." not in TITLE_WORDS and t.lower_ not in TITLE_WORDS:
        return False
    return _abbreviated(t.text, doc_text(doc)[doc[j + 1].idx + 1:nxt.idx + 40]) and _is_name_token(nxt) \
        and nxt.text[:1].isupper()


def rank_cut(doc: Doc, end: int) -> bool:
    """Whether the parser began a sentence at ``doc[end]``, a rank whose full stop ends no sentence and a
    name follows (``title_stop``), after a word and a blank, no full stop: no sentence ends so ('said Air
    Force 1st Lt. Tyler Livingston' was cut after the rank's grade)."""
    return 0 < end < len(doc) and doc[end - 1].whitespace_ == " " and not doc[end - 1].is_punct \
        and title_stop(doc, end)


def _body_before(first: Token) -> Token:
    """Where a name that begins at ``first`` really begins when it is what a body is for: in FA-KES's
    copy without commas ('... were IS fighters the Syrian Observatory for Human Rights said') the
    parser takes 'Rights' for the cue's subject and hangs the body on the clause before, so the
    name began at 'Human'. A body's word ("Observatory", "Ministry") before a preposition of a
    name ("for", "of", "the" allowed after it) starts it; ``first`` otherwise."""
    doc = first.doc
    k = first.i - 1
    while k > first.sent.start and doc[k].lower_ == "the":
        k -= 1
    if k - 1 < first.sent.start or doc[k].lower_ not in NAME_PREPS or not _is_name_token(doc[k - 1]) \
            or doc[k - 1].lower_.strip(".") not in ORG_WORDS:
        return first
    start = k - 1
    while start - 1 >= first.sent.start and _is_name_token(doc[start - 1]):
        start -= 1
    return doc[start]


#: media nouns that name the channel a speaker spoke on, not the speaker, when a name follows them
_CHANNEL_WORDS = frozenset(("tv", "television", "radio", "agency", "channel"))


def _after_channel(chain: list[Token], head: Token) -> list[Token]:
    """The part of ``chain`` after a media noun before its head: FA-KES's copy drops commas, and
    'Speaking to Syrian state TV Barazi said' made 'TV Barazi' the speaker (the tagger tags "TV"
    as a name). Only "TV" or a noun written in lower case, which no name starts with ("Radio
    Free Europe", "Radio Television Serbia" stay), and only after a channel's name ("Press TV")
    or a word describing the medium ("state TV", "Syrian TV"): "TV Rain said" is the channel."""
    cut = 0
    for k, t in enumerate(chain[:-1]):
        if t.i >= head.i or t.lower_ not in _CHANNEL_WORDS or not (t.text == "TV" or t.text.islower()):
            continue
        before = t.doc[t.i - 1] if t.i > t.sent.start else None
        if k > 0 or (before is not None and before.tag_ in ("JJ", "NN", "NNS", "VBN")):
            cut = k + 1
    return chain[cut:]


#: prepositions a body's or an office's name goes on through: "Ministry of Foreign Affairs",
#: "Observatory for Human Rights", "Committee to Protect Journalists", "Council on Foreign
#: Relations", "Doctors Without Borders", "Coalition Against Terrorism"
NAME_PREPS = frozenset(("of", "for", "to", "on", "without", "against"))
#: capitalised words that are a date, not part of a name ("the ministry on Monday said")
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)


def _capitalised(t: Token) -> bool:
    """A word of a name written in title case ("Foreign", "Protect", "Al-Qaeda"); a tagger's view
    of it does not count: "Protect" in "Committee to Protect Journalists" is a verb."""
    word = t.text.replace("-", "").replace(".", "").replace("’", "").replace("'", "")
    return t.text[:1].isupper() and word.isalpha() and t.lower_ not in _DATE_WORDS


#: what a body's name may be followed by in FA-KES's and the wires' copy, describing the body
_DESCRIBED_BY = frozenset(("monitor", "watchdog", "group", "organisation", "organization", "agency", "network"))


def name_goes_on(first: Token, last: Token) -> Token:
    """The last token of a name that begins at ``first`` and goes on after ``last`` through a
    preposition and a run of capitalised words, nested ("Office for the Coordination of
    Humanitarian Affairs"), "the" allowed before the run; ``last`` when it does not go on.

    The small model runs without NER, so a name's end is read off its words: a body's name
    hangs its field or its owner on a preposition, and what follows is a name again when it is
    capitalised. The parse must agree that the preposition belongs to the name so far (or, for
    "to Protect", to the run itself) and that the run's last word hangs inside the name: 'the
    ministry on Monday said' (a date, and "on" hangs on the verb) is not a name.
    """
    doc, end = last.doc, last.sent.end
    j = last.i
    while j + 2 < end and doc[j + 1].lower_ in NAME_PREPS:
        prep = doc[j + 1]
        k = j + 2
        while k < end and doc[k].lower_ == "the":
            k += 1
        m = k
        while m < end and _capitalised(doc[m]) and doc[m].lower_ not in NAME_PREPS and doc[m].lower_ != "the":
            m += 1
        if m == k:
            break
        tail = doc[m - 1]
        if not (first.i <= prep.head.i <= j or k <= prep.head.i < m):
            break
        described = m <= tail.head.i <= m + 1 and doc[tail.head.i].lower_ in _DESCRIBED_BY \
            and all(doc[x].is_lower for x in range(m, tail.head.i + 1))
        if not (first.i <= tail.head.i < m or described):
            # (but 'the Syrian Observatory for Human Rights monitor said', '... monitoring group
            # said': the parse hangs the run on the words after the name that describe the body)
            break
        j = m - 1
    return doc[j]


def _body_in_full(head: Token, chain: list[Token]) -> list[Token]:
    """A body's name with whose it is and what it is for: "Russia's Permanent Mission to the
    United Nations", "Syrian Observatory for Human Rights", not "Permanent Mission" or "Syrian
    Observatory", names that say neither whose nor what the body is (the parse hangs the owner
    on the head as ``poss``; the rest of the name is read by ``name_goes_on``)."""
    doc = head.doc
    first, last = chain[0].i, chain[-1].i
    for child in head.children:
        if child.dep_ == "poss" and child.i == first - 2 and doc[first - 1].tag_ == "POS" \
                and _is_name_token(child):
            owner = name_chain(child)
            if owner and owner[-1].i == child.i:
                first = owner[0].i
    last = name_goes_on(doc[first], doc[last]).i
    return [doc[k] for k in range(first, last + 1)]


def _split_title(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """(descriptor tokens, name tokens) of a proper-noun chain.

    A body's name is whole: it ends with the body's word ("Syrian Observatory") or goes on
    after it through a preposition ("Syrian Observatory for Human Rights"), and the title words
    inside it ("Foreign" in "Ministry of Foreign Affairs") describe the body, not a person.
    """
    if not tokens:
        return [], []
    last = tokens[-1].lower_.strip(".")
    if last in ORG_WORDS or len(tokens) == 1 or _body_word(tokens) is not None:
        return [], tokens
    k = len(tokens)
    while k > 0 and tokens[k - 1].lower_.strip(".") not in TITLE_WORDS and tokens[k - 1].lower_ not in ("of", "for") \
            and not (tokens[k - 1].text == "." or (tokens[k - 1].text in ("’s", "'s") and len(tokens) - k >= 2)) \
            and not (tokens[k - 1].lower_ == "lady" and k > 1 and tokens[k - 2].lower_ == "first"):
        # a rank's full stop ('Army Maj. Curtis Kellogg') and an owner's possessive before a first
        # name and a surname ('The Washington Post’s David Ignatius', 'Lego UK’s Emma Owen', not
        # 'Women’s March') end what comes before the person's name, as the title 'First Lady' does
        k -= 1
    name = tokens[k:]
    titles = tokens[:k]
    if not name:
        return [], tokens
    return titles, name


def _body_word(tokens: list[Token]) -> Token | None:
    """The word of ``tokens`` that names a body ("Ministry", "Observatory") when the name goes on
    after it through a preposition ("Ministry of Foreign Affairs"), else None."""
    for t, nxt in pairwise(tokens):
        if t.lower_.strip(".") in ORG_WORDS and nxt.lower_ in NAME_PREPS:
            return t
    return None


def _descriptors(tokens: list[Token]) -> set[str]:
    return {t.lower_.strip(".") for t in tokens if t.lower_.strip(".") in TITLE_WORDS or upos(t) == "NOUN"}


#: the shape of a one-word surname: 'Sanders', and with an inner capital after a particle or an
#: apostrophe, 'D’Souza', 'O'Malley', 'McCain', 'DeSantis'
_NAME_SHAPE = re.compile(r"[A-Z][a-z]+|[A-Z][a-z]{0,2}[’']?[A-Z][a-z]+")


def _mistagged_name(head: Token) -> bool:
    """A surname the tagger took for a common noun ('Sanders/NNS said ...' opening a sentence) or, as
    a subject, for a verb ('Trump/VB at the time said'): one bare capitalised word, no word of the
    lexicon's, and never written in lower case in its text."""
    text, low = head.text, head.lower_
    # a verb's tag on a subject ('Trump/VB at the time said', 'Husted/VBN continued') is the same mistake
    verb_subject = upos(head) == "VERB" and head.dep_ in ("nsubj", "nsubjpass")
    if (upos(head) != "NOUN" and not verb_subject) or low.endswith("ing") or _NAME_SHAPE.fullmatch(text) is None:
        return False
    if any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in head.children):
        return False
    if low in PERSON_PRONOUNS or low in TITLE_WORDS or low in ORG_WORDS or low in DOCUMENT_NOUNS or low in PEOPLE_NOUNS \
            or low in SPEAKER_NOUNS:
        return False
    return re.search(rf"\b{re.escape(low)}\b", doc_text(head.doc)) is None


#: the word classes a surname that is also a function word is tagged with ('From', 'But', 'Over')
_FUNCTION_TAGS = frozenset(("ADP", "SCONJ", "CCONJ", "ADV", "DET", "PART"))


def function_word_name(head: Token) -> bool:
    """A surname that is also a function word, as the subject right before its speech verb inside a
    sentence: WaPo's '... as "the party of overwhelming government," From said.' is Al From's (the
    tagger reads "From" as the preposition, and the quotation went to 'Americans'). Capitalised
    after a comma or a word, such a word opens no sentence; opening one ('From agreed') it may be
    the preposition and stays."""
    if head.dep_ not in ("nsubj", "nsubjpass") or upos(head) not in _FUNCTION_TAGS \
            or _NAME_SHAPE.fullmatch(head.text) is None or head.i == head.sent.start:
        return False
    verb = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if verb is None or verb.i != head.head.i or verb.lower_ not in CUE_FORMS:
        return False
    before = doc_text(head.doc)[:head.idx].rstrip().rstrip("".join(_QUOTE_CHARS) + "'’").rstrip()
    return bool(before) and (before[-1] == "," or before[-1].isalnum())


def mention_of(head: Token, offset: int) -> Mention | None:
    """The speaker mention whose syntactic head is ``head`` (subject of a cue, object of "according to").

    A closing quote mark with no space after it (',”Clinton said') is one token with the name, so a
    mention with a word glued to its last double quote mark starts at that word.
    """
    m = _mention_of(head, offset)
    if m is None:
        return None
    cut = max(m.text.rfind(c) for c in _QUOTE_CHARS)
    if cut < 0:
        return m
    rest = m.text[cut + 1:]
    if not rest[:1].isalnum():
        return m  # '”—and': no word glued to the mark, the mention is not a name cut short
    m.start += cut + 1
    m.text = rest
    m.head = m.head[max(m.head.rfind(c) for c in _QUOTE_CHARS) + 1:] or m.head
    return m


#: the relations of a clause hung on a noun, whose words describe something else than the noun
_CLAUSES = frozenset(("relcl", "acl", "advcl", "ccomp"))

#: determiners and quantifiers that stand for a noun of people as a cue's subject ('another said')
_ELLIPTICAL = frozenset(("another", "most", "many", "some", "several", "few", "both", "those", "others", "each",
                         "either", "neither", "half"))

#: the one-character double quote marks, as they appear inside a token
_QUOTE_CHARS = frozenset(t for t in _QUOTE_TOKENS if len(t) == 1)


def _person_before(tok: Token) -> Token:
    """The person a 'who' after ``tok`` stands for, when the parser hung the relative clause on a
    word describing them: '“...,” said Scott Reed, the Chamber's chief political strategist, who
    added ...' (the apposition: the name it describes) and 'said one Democrat familiar with the
    discussion, who added ...' (the object of 'familiar with': no discussion adds anything). A
    plural apposition ('Robert and Rebekah Mercer, the father-and-daughter donors who') stays: the
    name it describes is one of two."""
    if tok.dep_ == "appos" and tok.tag_ in ("NN", "NNP") and _is_name_token(tok.head) and tok.head.i < tok.i:
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.dep_ == "amod" \
            and upos(tok.head.head.head) in ("NOUN", "PROPN") and tok.head.head.head.i < tok.i:
        return tok.head.head.head
    return tok


#: what a person or a body puts out that says something in their name ('released a video that said')
_ISSUED = DOCUMENT_NOUNS | {"ad", "ads", "advertisement", "commercial", "editorial", "piece", "column", "op-ed", "clause",
                           "book", "speech", "campaign", "email", "emails", "e-mail", "e-mails"}
#: the verbs of putting one out ('Glide released a lengthy statement', 'Al Qaeda posted a video'); not
#: of answering one ('refuted newspaper reports which suggested', 'corroborate a previous report that'); by
#: their forms, as the pipeline has no lemmas
_ISSUING = frozenset((
    "release", "released", "releases", "releasing", "run", "ran", "runs", "running", "post", "posted", "posts",
    "posting", "produce", "produced", "produces", "producing", "carry", "carried", "carries", "carrying",
    "publish", "published", "publishes", "publishing", "issue", "issued", "issues", "issuing", "air", "aired",
    "airs", "airing", "reprint", "reprinted", "reprints", "reprinting", "distribute", "distributed",
    "distributes", "distributing", "tweet", "tweeted", "tweets", "tweeting", "send", "sent", "sends", "sending",
    "write", "wrote", "written", "writes", "writing", "file", "filed", "files", "filing", "launch", "launched",
    "launches", "launching", "unveil", "unveiled", "unveils", "unveiling", "include", "included", "includes",
    "including", "circulate", "circulated", "circulates", "circulating", "broadcast", "broadcasts",
    "broadcasting", "deliver", "delivered", "delivers", "delivering", "give", "gave", "given", "gives",
    "giving", "put", "puts", "putting", "sign", "signed", "signs", "signing", "submit", "submitted", "submits",
    "submitting", "draft", "drafted", "drafts", "drafting", "pen", "penned", "pens", "penning", "record",
    "recorded", "records", "recording", "share", "shared", "shares", "sharing", "upload", "uploaded", "uploads",
    "uploading",
))


#: verbs of putting out that also say who passes a thing on or runs it: 'the statement carried by state
#: news agency SANA' is the army's, 'a website run by defectors' speaks for itself
_RELAYING = frozenset(("carried", "run", "ran"))


def _put_out_by(verb: Token, noun: Token, offset: int) -> Mention | None:
    """The mention after 'by' or 'from' under ``verb`` ('released by X', 'sent out by X', 'from X'), the
    one who put ``noun`` out; None when there is none."""
    for g in verb.subtree:
        if g.dep_ == "pobj" and g.head.lower_ in ("by", "from") and g.i != noun.i:
            inner = mention_of(g, offset)
            if inner is not None:
                return inner
    return None


def _issuer_of(noun: Token) -> Token | None:
    """The subject of the verb whose object ``noun`` is, when ``noun`` is a thing issued ('Trump released
    a marketing video that said', 'The Washington Post recently ran a piece that noted', 'her campaign
    is planning to reprint a withering Washington Post editorial that accuses'): PolNeAR credits the
    issuer, as this module credits 'a statement released by X' to X."""
    if noun.lower_ not in _ISSUED or noun.dep_ != "dobj" or noun.head.lower_ not in _ISSUING:
        return None
    verb = noun.head
    while verb.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in ("who", "which", "that", "it", "this", "there"):
        return None
    return subj


def _mention_of(head: Token, offset: int) -> Mention | None:
    low = head.lower_
    if low in ("which", "that") and head.dep_ == "nsubj" and head.head.dep_ == "relcl":
        issuer = _issuer_of(head.head.head)
        if issuer is not None:
            inner = mention_of(issuer, offset)
            if inner is not None:
                return inner
    if low in ("who", "which", "that") and head.dep_ == "nsubj" and head.head.dep_ == "relcl" \
            and head.head.head.i != head.head.i:
        # 'Rikkie Wells who tweeted': the mention is the relative pronoun, the speaker its antecedent
        ante = mention_of(_person_before(head.head.head) if low == "who" else head.head.head, offset)
        if ante is None or ante.kind == "pronoun":
            return None
        s = head.idx + offset
        return Mention(s, s + len(head.text), ante.text, ante.kind, ante.head, ante.descriptors, ante.is_org,
                       antecedent=ante, plural=ante.plural)
    if low in _ELLIPTICAL and head.dep_ in ("nsubj", "nsubjpass") and upos(head) in ("DET", "ADV", "ADJ", "PRON"):
        # 'Yet another said, “...”', 'most said they were “very worried”', 'those surveyed said': a
        # determiner standing for its noun (people named before) is a speaker, as "one" and
        # "others" are; the parse gives it no noun to read
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is not None:
            # 'many of them say', 'Some of the protesters chanted': a part of what "of" names, whose
            # noun says whether it may speak ('Some of Mrs. Clinton's proposals' may not)
            s0, e0 = head.idx, obj.idx + len(obj.text)
            return Mention(s0 + offset, e0 + offset, doc_text(head.doc)[s0:e0], "nominal", obj.lower_)
        end_tok = head
        nxt = head.doc[head.i + 1] if head.i + 1 < head.sent.end else None
        if nxt is not None and nxt.head.i == head.i and nxt.dep_ in ("acl", "amod") and nxt.tag_ == "VBN":
            end_tok = nxt  # 'those surveyed', 'those polled'
        s0, e0 = head.idx, end_tok.idx + len(end_tok.text)
        return Mention(s0 + offset, e0 + offset, doc_text(head.doc)[s0:e0], "nominal", low)
    if upos(head) == "PRON" or low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
        # "I" outside quotation marks is the writer (an op-ed, a memoir): a speaker with a mention
        # but no name to resolve to; "me" and "you" are objects or generic, never a cue's speaker
        if low in ("me", "you", "who", "that", "which", "this", "there", "what"):
            return None
        s = head.idx + offset
        return Mention(s, s + len(head.text), head.text, "pronoun", low)
    # "a statement released by X's office", "the Mission's statement", "the UN statement"
    if low in DOCUMENT_NOUNS or low in ("office", "spokesman", "spokeswoman", "spokesperson"):
        for child in head.children:
            if child.dep_ == "poss" and upos(child) in ("PROPN", "NOUN"):
                inner = mention_of(child, offset)
                if inner is not None:
                    inner.descriptors.add(low)
                    return inner
            if child.dep_ in ("acl", "prep") and child.lower_ in ("released", "issued", "published", "by", "from",
                                                                    "posted", "sent"):
                inner = _put_out_by(child, head, offset)
                if inner is not None:
                    return inner
        for child in reversed(list(head.children)):
            if child.dep_ == "appos" and low not in DOCUMENT_NOUNS and _is_name_token(child) \
                    and child.lower_.strip(".") not in TITLE_WORDS:
                # 'A Pentagon spokesman, Capt. Jeff Davis, said': the person named, not the body
                # (the parse makes a rank cut off by its full stop an apposition of its own)
                named = mention_of(child, offset)
                if named is not None:
                    named.descriptors.add(low)
                    return named
        # "the UN statement", "the Kremlin office": the name before the noun is the speaker, but
        # not when the noun heads a body's name that goes on ("UN Office for the Coordination of
        # Humanitarian Affairs"), which the name path below reads in full
        goes_on = _is_name_token(head) and name_goes_on(head, head).i > head.i
        for child in head.children:
            if child.dep_ in ("compound", "nmod") and _is_name_token(child) and not goes_on:
                chain = name_chain(child)
                if chain:
                    s, e = chain[0].idx + offset, chain[-1].idx + len(chain[-1].text) + offset
                    return Mention(s, e, doc_text(head.doc)[chain[0].idx:chain[-1].idx + len(chain[-1].text)], "name",
                                   chain[-1].lower_, {low}, is_org=True)
    if low in _ISSUED:
        # 'a fundraising email sent out by Sanders warned', 'an op-ed written by X says': what X put out
        # speaks for X, as 'a statement released by X' does (above) and 'X released a video that said'
        for child in head.children:
            if child.dep_ == "acl" and child.lower_ in _ISSUING and child.lower_ not in _RELAYING:
                inner = _put_out_by(child, head, offset)
                if inner is not None:
                    return inner
    if function_word_name(head):
        s = head.idx + offset
        return Mention(s, s + len(head.text), head.text, "name", low)
    if _mistagged_name(head):
        s = head.idx + offset
        # a plural only when its verb agrees ('Friends say'): 'Sanders/NNS said' is a surname
        plural = head.tag_ in ("NNS", "NNPS") and head.head.tag_ == "VBP"
        return Mention(s, s + len(head.text), head.text, "name", low, plural=plural)
    if _is_name_token(head):
        doc = head.doc
        chain = name_chain(head)
        # the parser often makes the title the head: "Special Envoy for Syria Staffan de Mistura"
        office = False
        person = name_before_title(chain, offset) if chain and chain[-1].i == head.i else None
        if person is not None:
            return person
        if chain and chain[-1].lower_.strip(".") in TITLE_WORDS:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("for", "of", "to"):
                    for g in child.children:
                        if g.dep_ == "pobj" and _is_name_token(g):
                            tail = name_chain(g)
                            real = [t for t in tail if t.lower_ not in NAME_PARTICLES]
                            if len(real) >= 3:
                                # "Envoy for Syria Staffan de Mistura", "Secretary of State John Kerry":
                                # the title's object is one word, the name follows it
                                tail = tail[1:]
                            if tail and tail[-1].lower_.strip(".") not in ORG_WORDS:
                                # no one's name after the title's object: the office is the
                                # speaker ("Governor of Texas", "High Commissioner for Refugees",
                                # "Ministry of Foreign Affairs": one word, or a plural no surname
                                # is); two singular words may end in a surname ("Secretary of
                                # State Kerry") and keep the split below
                                office = office or (
                                    child.i == chain[-1].i + 1 and len(real) < 3 and tail[-1].i == g.i
                                    and (len(real) == 1 or g.tag_ == "NNPS")
                                    and all(t.lower_ == "the" for t in doc[child.i + 1 : tail[0].i])
                                )
                                chain = [*chain, child, *tail]
            for child in head.children:
                if child.dep_ == "appos" and _is_name_token(child):
                    chain = name_chain(child)
                    office = False
        if not chain:
            return None
        if head.tag_ == "NNPS" and chain[-1].i == head.i and not office:
            body = _common_noun_body(chain, head, offset)  # "Americans for Prosperity": no one's name is plural
            if body is not None:
                return body
        if chain[-1].lower_.strip(".") in ORG_WORDS:
            chain = _body_in_full(head, chain)
        if office:
            # the office's name in full, nested ("Commissioner for the Coordination of ...")
            stop = name_goes_on(chain[0], chain[-1])
            chain = [doc[k] for k in range(chain[0].i, stop.i + 1)]
            titles, name = [t for t in chain if t.i <= head.i], chain
        else:
            titles, name = _split_title(chain)
        if not name:
            return None
        s, e = name[0].idx, name[-1].idx + len(name[-1].text)
        desc = _descriptors(titles)
        for child in head.children:
            if child.dep_ == "appos":
                # not the words of a clause in it: 'the Observatory a Britain-based group which reports on
                # Syria using a network of sources' is no source ('sources close to the group told')
                clause = {t.i for c in child.subtree if c.dep_ in _CLAUSES for t in c.subtree}
                desc |= {t.lower_ for t in child.subtree
                         if upos(t) in ("NOUN", "ADJ") and not t.is_punct and t.i not in clause}
        is_org = name[-1].lower_.strip(".") in ORG_WORDS or (len(name) == 1 and name[0].text.isupper()) \
            or _body_word(name) is not None
        return Mention(s + offset, e + offset, doc_text(doc)[s:e], "name", name[-1].lower_, desc, is_org,
                       plural=len(name) == 1 and name[0].tag_ in ("NNS", "NNPS"))
    if head.tag_ == "NN" and low in _PERSON_ROLES and head.head.tag_ != "VBP" \
            and not any(c.dep_ in ("det", "poss") for c in head.children):
        # 'Government spokeswoman and First Lady Rosario Murillo said': a role with no article that 'and' joins
        # to a person's name is one of her titles, not a second speaker (FNC-1 217's 'Government spokeswoman',
        # where 0 names Rosario Murillo)
        names = [c for c in head.children if c.dep_ == "conj" and c.i > head.i]
        if len(names) == 1 and names[0].tag_ == "NNP" and _is_name_token(names[0]):
            named = mention_of(names[0], offset)
            if named is not None and named.kind == "name" and not named.is_org and len(named.text.split()) > 1:
                # a person's name, no title the parser took for one ('terror expert and Director at the Asia
                # Pacific Foundation Sajjan M. Cohel said' stays the role's)
                named.descriptors.add(low)
                return named
    if upos(head) in ("NOUN", "PROPN", "ADJ", "NUM"):
        # a role right before a name: "the Syrian news agency SANA"
        nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        if nxt is not None and nxt.sent == head.sent and (_is_name_token(nxt) or (nxt.text.isupper() and len(nxt) > 1)):
            chain = [nxt]
            k = nxt.i
            while k + 1 < head.sent.end:
                if k + 2 < head.sent.end and _hyphen_joins(head.doc[k + 1]):
                    k += 2  # 'station Al-Manar': the name the tokenizer cut at its hyphen, whole
                    chain += [head.doc[k - 1], head.doc[k]]
                elif _is_name_token(head.doc[k + 1]):
                    k += 1
                    chain.append(head.doc[k])
                else:
                    break
            chain = _clean_name(chain)
            if chain:
                s, e = chain[0].idx, chain[-1].idx + len(chain[-1].text)
                return Mention(s + offset, e + offset, doc_text(head.doc)[s:e], "name", chain[-1].lower_,
                               {t.lower_ for t in head.subtree if t.i <= head.i and upos(t) in ("NOUN", "ADJ")} | {low},
                               is_org=low in ORG_WORDS or chain[-1].text.isupper() or chain[-1].lower_ in ORG_WORDS)
        # a name in apposition: "a senior official, John Smith"
        for child in head.children:
            if child.dep_ == "appos" and _is_name_token(child):
                m = mention_of(child, offset)
                if m is not None:
                    m.descriptors |= {low}
                    return m
        holder = _holder_after_body(head, offset)
        if holder is not None:
            return holder
        # a name compound after a role: "former US diplomat Jim Jatras" parses with the role as head rarely
        left = head.left_edge
        toks = [t for t in head.doc[left.i:head.i + 1] if t.sent == head.sent]
        # whitespace tokens too: a dateline blanked for the parser must not become part of a speaker
        toks = [t for t in toks if not (t.is_punct or t.is_space)]
        # the parser hangs quoted words on a subject after a quotation ('"..., guys," LeVell
        # assured'): the mention starts after the last quote mark
        marks = [k for k, t in enumerate(head.doc[left.i:head.i]) if t.text in _QUOTE_TOKENS]
        if marks:
            last = head.doc[left.i + marks[-1]].i
            toks = [t for t in toks if t.i > last]
        toks = _after_photo_credit(toks)
        while len(toks) > 1 and _bare_number(toks[0], head):
            # and the words it counts, when they are not the speaker: 'airstrikes ... that killed
            # 13 people MSF said' (the parse made 'people' a compound of the mis-tagged 'MSF')
            counted = toks[0].head
            toks = [t for t in toks[1:] if not (counted.i < head.i and t.i <= counted.i)] or toks[-1:]
        if not toks:
            return None
        named = _name_before_role(toks, head, offset)
        if named is not None:
            return named
        body = _common_noun_body(toks, head, offset)
        if body is not None:
            return body
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        words = {t.lower_ for t in toks if upos(t) in ("NOUN", "ADJ", "PROPN")}
        return Mention(s + offset, e + offset, doc_text(head.doc)[s:e], "nominal", low, words,
                       is_org=low in ORG_WORDS)
    return None


#: the prepositions after a role that name whose it is ('director of the Syrian Observatory', 'an official with
#: the White Helmets', 'senior official in the Aleppo opposition group')
_ROLE_OF = frozenset(("of", "with", "in", "at", "for"))


#: the endings of the words of a title before its role word ('Regional Humanitarian Coordinator', 'Political
#: Director', 'Executive Director'), which no surname of a listed first name's person ends the name with
_TITLE_MODIFIER = re.compile(r"[A-Z][a-z]+(?:al|ian|ary|ive|ic)")


def name_before_title(chain: list[Token], offset: int) -> Mention | None:
    """The person's name before a title in capitals that FA-KES's copy, without a comma, runs into it: 'said
    Kevin Kennedy Regional Humanitarian Coordinator for the Syria Crisis' (the parser made the title the
    subject and the name its compounds; the speaker was 'Syria Crisis', the office's object, read as the
    name after a title as in 'Secretary of State John Kerry'), read as ``name_words_before_title`` reads
    it. None when ``chain`` is no such name and title."""
    if not chain:
        return None
    after = chain[-1].doc[chain[-1].i + 1] if chain[-1].i + 1 < len(chain[-1].doc) else None
    k = name_words_before_title([t.text for t in chain], after.text if after is not None else None)
    if k is None:
        return None
    name, titles = chain[:k], chain[k:]
    s, e = name[0].idx, name[-1].idx + len(name[-1].text)
    return Mention(s + offset, e + offset, doc_text(name[0].doc)[s:e], "name", name[-1].lower_, _descriptors(titles))


def name_words_before_title(words: list[str], after: str | None) -> int | None:
    """How many of ``words``, a name run into a title in capitals, are the person's name ('Kevin Kennedy
    Regional Humanitarian Coordinator' is 2), for the parse and for the cheap label alike; ``after`` is the
    word after them. Only a listed first name and its surname (one word or two), no title's, body's or
    date's word among them, then words ending in the title's word that are titles or of a title's shape
    ('Regional', 'Humanitarian', 'Executive'), two at least or one an office's 'of' or 'for' follows:
    'Atlantic City Mayor', 'Homeland Security Secretary' name no person, and 'Sarah Withrow King' ends in a
    surname. None when ``words`` are no such name and title."""
    if len(words) < 3 or words[-1].lower().strip(".") not in TITLE_WORDS or not words[-1][:1].isupper():
        return None
    k = len(words) - 1
    while k > 2 and (words[k - 1].lower().strip(".") in TITLE_WORDS or _TITLE_MODIFIER.fullmatch(words[k - 1])):
        k -= 1
    if len(words) - k < 2 and (after or "").lower() not in ("of", "for"):
        return None  # 'said Sarah Withrow King, ...': a title word alone may be a surname
    name = words[:k]
    if len(name) > 3 or _first_name_sex(name[0]) is None or any(
            not _NAME_SHAPE.fullmatch(w.replace("-", "")) or w.lower() in ORG_WORDS or w.lower() in TITLE_WORDS
            or w.lower() in _DATE_WORDS for w in name):
        return None
    return k


def _holder_after_body(head: Token, offset: int) -> Mention | None:
    """The person named after the body whose role ``head`` is: 'The director of the European Centre, Ina
    Kirsch, told the AP ...' (the parser hangs the name on the body, 'Centre', as its apposition, and the
    role spoke: 'director'; 'The head of Amnesty International, Salil Shetty, said'). Only a role of one person, a body with a proper name, and a person's name of
    two words or more between commas that is no body's name: a name after a role's common noun ('the
    leader of the group, Islamic State,') may be that body's, and one after a person's ('the son of the late
    dictator, Muammar Gaddafi,') is that person's."""
    if (head.lower_ not in _PERSON_ROLES and head.lower_ not in ("head", "chief")) or head.tag_ not in ("NN", "NNP"):
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _ROLE_OF or prep.i != head.i + 1:
            continue
        for body in prep.children:
            if body.dep_ != "pobj" or upos(body) != "PROPN":
                continue
            for appos in body.children:
                doc = appos.doc
                first, last = appos.left_edge, appos.right_edge
                if appos.dep_ != "appos" or not _is_name_token(appos) or doc[first.i - 1].text != "," \
                        or last.i + 1 >= len(doc) or doc[last.i + 1].text != ",":
                    continue
                named = mention_of(appos, offset)
                if named is None or named.kind != "name" or named.is_org or len(named.text.split()) < 2 \
                        or any(w.lower().strip(".") in ORG_WORDS for w in named.text.split()):
                    continue
                named.descriptors |= {head.lower_}
                return named
    return None


def _name_before_role(toks: list[Token], head: Token, offset: int) -> Mention | None:
    """The person's name before a role in lower case that FA-KES's copy, without commas, runs into it: 'said
    Rami Abdel Rahman director of the Syrian Observatory for Human Rights' (the parser made the role the
    subject and the name its compounds: 'Rami Abdel Rahman director' was the speaker). Only a name of two
    capitalised words or more, no body's or title's word among them, then the role of a body named after it
    ('director of', 'official with'): 'Pentagon spokesman' and 'Republican Party chairman' stay roles. None
    when ``toks`` are no such name and role."""
    low = head.lower_
    if (low not in TITLE_WORDS and low not in SPEAKER_NOUNS) or not any(
            c.dep_ == "prep" and c.lower_ in _ROLE_OF for c in head.children):
        return None
    k = 0
    while k < len(toks) and _is_name_token(toks[k]) and _NAME_SHAPE.fullmatch(toks[k].text.replace("-", "")):
        k += 1
    run, role = toks[:k], toks[k:]
    if len(run) < 2 or not role or not all(t.is_lower and t.is_alpha for t in role) \
            or any(t.lower_ in ORG_WORDS or t.lower_ in TITLE_WORDS or t.lower_ in _DATE_WORDS for t in run):
        return None
    s, e = run[0].idx, run[-1].idx + len(run[-1].text)
    return Mention(s + offset, e + offset, doc_text(head.doc)[s:e], "name", run[-1].lower_, {t.lower_ for t in role})


def _common_noun_body(toks: list[Token], head: Token, offset: int) -> Mention | None:
    """A body whose name opens with a capitalised plural and goes on through a preposition
    ("Doctors Without Borders", "said Americans for Prosperity"): the tagger reads "Doctors" as
    a plain plural, which made the speaker "Doctors", and no person's name is plural, so a
    proper plural ("Americans") heads a body's name too. A sentence's first word is
    capitalised anyway ("Residents of Aleppo said"), so there the preposition itself must be
    (the title case of a name); the mention is then a body's name, not a nominal."""
    if toks[-1].i != head.i or not _capitalised(head) or head.i + 1 >= head.sent.end:
        return None
    run = [head]
    for t in reversed(toks[:-1]):
        if not _capitalised(t) or t.lower_ in ("the", "a", "an"):
            break
        run.insert(0, t)
    prep = head.doc[head.i + 1]
    opens = all(t.is_punct or t.is_space or t.lower_ in ("the", "a", "an") for t in head.doc[head.sent.start:run[0].i])
    if opens and not prep.text[:1].isupper():
        return None
    m = body_after(run[0], head, offset)
    if m is not None:
        m.descriptors |= {t.lower_ for t in toks if t.i < run[0].i and upos(t) in ("NOUN", "ADJ")}
    return m


def body_after(first: Token, last: Token, offset: int) -> Mention | None:
    """The mention of a body's or an office's name that begins at ``first`` and goes on after
    ``last`` through a preposition ("Committee to Protect Journalists", "Governor of Texas"), for
    a speaker read off the words when the parse missed it; None when the name does not go on.

    ``last`` must be a body's word or a plural (no one's name is plural), or a title whose
    object names no one: one word or a plural ("Governor of Texas", "Commissioner for Refugees";
    "Mayor of London Sadiq Khan" is Khan).
    """
    low = last.lower_.strip(".")
    if not _capitalised(last):
        return None  # "a longtime adviser to Trump" is a role, not an office's name
    body = low in ORG_WORDS or last.tag_ in ("NNS", "NNPS")
    if not body and low not in TITLE_WORDS:
        return None
    end = name_goes_on(first, last)
    if end.i == last.i:
        return None
    doc = last.doc
    if not body:
        obj = [t for t in doc[last.i + 2 : end.i + 1] if t.lower_ != "the"]
        if len(obj) != 1 and end.tag_ != "NNPS":
            return None
    s, e = first.idx, end.idx + len(end.text)
    desc = set() if body else _descriptors([t for t in doc[first.i : last.i + 1]])  # "the governor"
    return Mention(s + offset, e + offset, doc_text(doc)[s:e], "name", end.lower_, desc, is_org=body)


_SPACES = re.compile(r"\s+")


def _tokens(name: str) -> list[str]:
    """The words of a name, without a closing possessive ("de Mistura’s office" is de Mistura's);
    an owner inside a body's name stays ("Russia's Permanent Mission to the United Nations")."""
    words = [w for w in _SPACES.split(name.strip()) if w]
    if words:
        words[-1] = words[-1].removesuffix("’s").removesuffix("'s")
    return [w for w in words if w]


def _through_prep(words: list[str]) -> bool:
    """Whether a name goes on through a preposition ("Governor of Texas", "Observatory for Human
    Rights"): an office's or a body's name, whose last words are not a person's name."""
    return any(w in NAME_PREPS for w in words[1:-1])


def _heads(full: list[str], n: int) -> list[list[str]]:
    """The forms a short mention of ``n`` words may end with: the name, and a body's name before
    what it is for ("the Mission" is "Russia's Permanent Mission to the United Nations", "the
    Observatory" the "Syrian Observatory for Human Rights"). What an office or a body is for is
    not a short form of it: "Texas" is not the "Governor of Texas", "the United Nations" not
    Russia's mission to it, so the whole name counts only for a mention reaching before the
    preposition ("Observatory for Human Rights")."""
    cut = next((k for k, w in enumerate(full) if k and w in NAME_PREPS), None)
    if cut is None:
        return [full]
    return [full, full[:cut]] if n > len(full) - cut else [full[:cut]]


#: words that open a sentence, capitalised there, and are no one's first name ('Despite Santilli's ...',
#: 'Though Sanders ...'): the cheap label's name does not begin with them either ('Although Reynolds says')
OPENING_WORDS = frozenset({
    "In", "On", "At", "As", "But", "And", "If", "When", "While", "After", "Before", "Since", "For",
    "With", "By", "From", "To", "Of", "That", "This",
    "Though", "Although", "Despite", "Then", "Maybe", "Perhaps", "Even", "Also", "Still", "Yet", "Now", "So",
    "Because", "Unlike", "Instead", "Meanwhile", "Among", "About", "Both", "Many", "Most", "Some", "Several",
    "Other", "Every", "Each", "Only", "Why", "How", "What", "Where", "Who", "Which", "Is", "Are", "Was", "Were",
    "Does", "Did", "Has", "Had", "Says", "Said", "Calls", "Called", "Told",
})
#: capitalised words no first name is: titles, words opening a sentence. Not 'Gen', which without its full stop
#: is a first name ('Japanese Defence Minister Gen Nakatani', whom 'Nakatani said' is), as ``_BARE_TITLES``
#: has it, but after a rank ('Maj Gen Charles Horner', ``_after_rank``)
_TITLE_CAPS = (frozenset(w.strip(".").capitalize() for w in TITLE_WORDS) | OPENING_WORDS | {
    "The", "A", "An", "Mrs", "Mr", "Ms", "Dr", "Sen", "Rep", "Gov", "St",
}) - {"Gen"}


#: what may end the text before a sentence's first word: a full stop, a quote mark, a dash
_SENTENCE_ENDS = frozenset(".!?:;\"“”‘’'(—–-*•")


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` opens a line or a sentence (after a full stop or a mark)."""
    before = text[max(0, pos - 40):pos].rstrip(" \t")
    return not before or before.endswith("\n") or before[-1] in _SENTENCE_ENDS


def _in_title_case(text: str, pos: int) -> bool:
    """Whether the line at ``pos`` is a headline in title case ('Here’s What We Know So Far About
    EgyptAir Flight MS804', 'As Its Rivals Pair Up, Will Twitter Be Next?'): every word of it is
    capitalised, a first name or not."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text[start:end if end >= 0 else len(text)]) if len(w) > 3]
    return len(words) >= 4 and sum(1 for w in words if w[:1].isupper()) >= 0.8 * len(words)


def _written_lower(text: str, word: str) -> bool:
    """Whether ``word`` stands in ``text`` in lower case as a word of its own ('maybe', 'then')."""
    return re.search(rf"(?<![\w’'-]){re.escape(word.lower())}(?![\w’'-])", text) is not None


def _name_forms(
    text: str, surname: list[str], memo: dict[tuple[str, int | str], bool] | None = None
) -> list[tuple[int, list[str]]]:
    """Every "Firstname [initial] [particle] Surname" of ``text`` (skipping titles such as "Dr.") with where it
    stands: a story may name two people of one surname ("Bill Clinton" early in a story on
    Hillary Clinton), and which one a surname alone is depends on all of them.

    The words of a name stand on one line: a headline's last word and a paragraph's first are no
    name ("Syria's Assad Warns West" over "Assad told AFP ..." had made "West Assad" the speaker).
    A word opening a sentence is capitalised whatever it is: there it is a first name only when
    the text never writes it in lower case ("Maybe Trump is right" made "Maybe Trump" the
    speaker, "Is Sanders ...?" "Is Sanders", "Some Democrats said" "Some Democrats"). In a
    headline in title case every word is, and the verbs of a headline are rarely written so in
    its story ("ESPN Fires Schilling Over ..." made "Fires Schilling" the speaker, "Here’s What We
    Know So Far About EgyptAir Flight MS804" "About EgyptAir"): such a headline names no one.

    ``memo`` keeps what a line's case and a word's lower-case use were found to be across calls
    for one text: each is a pass over the line or the text, and a text on one line (or a story
    naming one first name often) made every match a pass over all of it."""
    out: list[tuple[int, list[str]]] = []
    memo = {} if memo is None else memo
    if not text:
        return out
    # each place the text writes the surname, and what stands before it there (``_FORM_BEFORE``): one pattern of
    # the surname alone to compile for each call, the rest compiled once (a particle's words made the pattern of
    # a whole name a third of the cheap label's time to compile)
    particled = _PARTICLED.match(surname[0]) is not None
    pattern = re.compile(r"(?<![\w’'])" + r"[^\S\n]+".join(re.escape(t) for t in surname) + r"\b")
    for hit in pattern.finditer(text):
        m = _FORM_BEFORE.search(text, max(0, hit.start() - 60), hit.start())
        if m is None or (particled and m.group("particle")):
            continue
        first = m.group("first")
        if first in _TITLE_CAPS or first.lower() in TITLE_WORDS or _after_rank(text, m.start("first")):
            continue
        line = ("line", text.rfind("\n", 0, m.start()))
        if line not in memo:
            memo[line] = _in_title_case(text, m.start())
        if memo[line]:
            continue
        at = m.start("first")
        if _opens_sentence(text, at):
            word = ("lower", first)
            if word not in memo:
                memo[word] = _written_lower(text, first)
            if memo[word]:
                continue
        words = text[at:hit.end()].split()  # the first name, a middle initial, a particle, the surname
        if m.group("initial") and _title_or_none(_WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())):
            # the first initial, where no capitalised word but a title stands before it ('World War I. Boyden
            # Gray' ends a sentence at the initial)
            out.append((m.start(), [m.group("initial"), *words]))
            continue
        given = _given_before(text, at, surname[-1])
        if given is not None:
            # 'Kayla Jean Mueller' is no 'Jean Mueller'
            out.append((given.start(1), _with_given(text, given, words)))
            continue
        given = _GIVEN.search(text, max(0, at - 30), at) if len(words) == 2 and _two_word_surname(words) else None
        if given is not None and _first_of_surname(text, given.start(1), [given.group(1), *words]):
            # the first name of a surname of two words, as the resolver reads a mention of the three
            # ('Kadalim' is Taugan Tan Kadalim, not 'Tan Kadalim'; ``_first_of_three``)
            out.append((given.start(1), [given.group(1), *words]))
            continue
        out.append((at, words))
    return out


#: what stands before a surname in a fuller name of it, up to the surname: the first name, a middle initial
#: ('Oliver K. Hedge', whom a later 'Mr. Hedge' is), a first initial before ('C. Boyden Gray', whom a later
#: 'Mr. Gray' is), and a particle a bare surname leaves out ('Hisham al-Hashimi' of 'Hashimi said', 'Ali
#: al-Badri' of 'Badri added', 'Staffan de Mistura' of 'Mistura'): Arabic ones written with a hyphen ('al-',
#: 'el-') or apart ('bin', 'ibn', 'abu'), Dutch, German, French, Italian and Spanish ones apart ('van der',
#: 'von', 'de', 'di', 'del', 'da', 'la', 'le'): ``lexicon.NAME_PARTICLES``, which the story labels read too
#: (the ones written apart: not 'al-', 'st.', nor 'mc', which is written joined, 'McCain')
_APART = "|".join(sorted(p for p in NAME_PARTICLES if p.isalpha() and p != "mc"))
_FORM_BEFORE = re.compile(
    r"(?:(?<![\w’'.-])(?P<initial>[A-Z]\.)[^\S\n]+)?\b(?P<first>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)[^\S\n]+"
    rf"(?:[A-Z]\.[^\S\n]+)?(?P<particle>(?:[Aa]l|[Ee]l)-|(?:(?:{_APART})[^\S\n]+){{1,2}})?\Z")
#: a surname that opens with its particle ('al-Hashimi', 'de Mistura', 'van Gogh')
_PARTICLED = re.compile(rf"(?:[Aa]l|[Ee]l)-|(?:{_APART})$")
#: a rank written without its full stop, as British copy writes it, before 'Gen' ('Maj Gen Charles Horner')
_RANK_BEFORE = re.compile(r"(?<![\w’'-])(?:Maj|Lt|Brig|Col)\.?[^\S\n]+$")


def _after_rank(text: str, at: int) -> bool:
    """Whether the word at ``at`` is 'Gen' after a rank ('Maj Gen', 'Lt. Gen'): a general's title then, where
    'Gen' alone before a surname is a first name ('Japanese Defence Minister Gen Nakatani')."""
    return text.startswith("Gen", at) and _RANK_BEFORE.search(text, max(0, at - 10), at) is not None


def _surname_key(word: str) -> str:
    """A surname's word as a bare surname names it: lower case, without a particle written with a hyphen
    ('al-Hashimi' is 'hashimi', as 'Hashimi said' names him)."""
    low = word.lower()
    return low[3:] if low.startswith(("al-", "el-")) and len(low) > 3 else low


def _with_given(text: str, given: re.Match[str], name: list[str]) -> list[str]:
    """A name with the first name ``given`` before its middle name: as the text also names it without
    the middle name ('Kayla Mueller', 'Hillary Clinton'), else in full ('Kayla Jean Mueller')."""
    short = f"{given.group(1)} {name[-1]}"
    if re.search(rf"(?<![\w’'-]){re.escape(short)}(?![\w-])", text):
        return [given.group(1), name[-1]]
    return [given.group(1), *name]


#: a capitalised word right before another on its line ('Kayla' of 'Kayla Jean Mueller')
_GIVEN = re.compile(r"(?<![\w’'.-])([A-Z][a-z]+)[^\S\n]+$")


def _is_given(text: str, word: str, surname: str, middle: str | None = None, at: int = -1) -> bool:
    """Whether ``word`` before a name is its first name: capitalised, no title and no word opening a
    sentence, and a known first name or one the text gives the surname too ('Kayla Mueller'); or, before
    the ``middle`` name no list knows, one the text writes nowhere but before it, nor in lower case, that is
    no label nor an adjective's shape (``_label``) nor, where it stands (``at``), a word of an office's or a
    body's name ('Minister for Special Duties Taminu Turaki'): 'Taylor Lianne Chandler, 41, wrote ...'
    opening its paragraph is Taylor's name, 'Vet Faye Bethell, 29,', 'Australian Dylan Thomas, 21,' are not
    Vet's and Australian's."""
    if not _GIVEN_WORD.fullmatch(word) or word in _TITLE_CAPS or _is_title(word) or word.lower() in ORG_WORDS:
        return False
    if _first_name_sex(word) is not None or word in _KUNYA:
        return True
    if re.search(rf"(?<![\w’'-]){word}[^\S\n]+{re.escape(surname)}(?![\w-])", text) is not None:
        return True
    return middle is not None and at >= 0 and _GIVEN_WORD.fullmatch(middle) is not None \
        and not _label(word) and not _written_lower(text, word) \
        and _times(text, [word]) == _times(text, [word, middle]) \
        and (_first_name_sex(middle) is None or _middle_of_a_person(text, at, word, middle, surname)) \
        and _title_label_or_none(_WORD_BEFORE.search(text, max(0, at - 40), at)) \
        and _IN_A_BODY.search(text, max(0, at - 60), at) is None \
        and (not _opens_sentence(text, at) or _COMMA_AFTER_NAME.match(text, at) is not None)


#: a body's word after a name ('a Find James Foley website') or before it in apposition ('a support group, Free James
#: Foley,'): the capitalised words are the body's name, no person's
_BODY_WORDS = "|".join(re.escape(w) for w in sorted(ORG_WORDS))
_BODY_AFTER = re.compile(rf"[^\S\n]+(?:{_BODY_WORDS}|website|site|page|fund)(?![\w-])")
_BODY_BEFORE = re.compile(rf"(?<![\w-])(?:{_BODY_WORDS}),?[^\S\n]+$")


def _middle_of_a_person(text: str, at: int, word: str, middle: str, surname: str) -> bool:
    """Whether a listed first name ``middle`` after the unlisted ``word`` at ``at`` is that person's middle name
    ('Kayla Jean Mueller', 'Billie Jean King', 'Giovanni Maria Vian'): the text writes the middle name before the
    surname nowhere without the word before it, and the three words name no body ('Free James Foley, a support
    group', 'a Find James Foley website', where 'James Foley' is the person)."""
    if _times(text, [middle, surname]) != _times(text, [word, middle, surname]):
        return False
    name = re.compile(rf"{re.escape(word)}[^\S\n]+{re.escape(middle)}[^\S\n]+{re.escape(surname)}").match(text, at)
    return name is not None and _BODY_AFTER.match(text, name.end()) is None \
        and _BODY_BEFORE.search(text, max(0, at - 40), at) is None


#: a word shaped as an adjective of a place, a people or a kind ('Australian', 'Chinese', 'British', 'Bewildered',
#: 'Hopeless'), no first name before a name
_ADJECTIVE_SHAPE = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|ed|less|ful|ous|al|ary|ive|ic)")


#: a name of three words and the comma of an apposition or an age after it ('Taylor Lianne Chandler, 41,'): where the
#: first word opens a sentence, the name is the subject, no verb's object ('Imagine Brad Thor running ...')
_COMMA_AFTER_NAME = re.compile(r"(?:[A-Z][\w’'-]*[^\S\n]+){2}[A-Z][\w’'-]*,")


def _adjective_before(text: str, start: int, toks: list[str], memo: dict[tuple[str, int | str], bool]) -> bool:
    """Whether a name mention of two words at ``start`` is an adjective opening its sentence and a surname the
    text gives a fuller name elsewhere ('Bewildered Yen told local TV' after 'girlfriend Cong Yen'): the
    adjective's shape, no listed first name, that the text writes nowhere else. ``start`` is -1 for the cheap
    label's mention (``full_name``): the one place the text writes the two words, if any."""
    if start < 0:
        start = text.find(" ".join(toks))
    if start < 0 or len(toks) != 2 or _ADJECTIVE_SHAPE.fullmatch(toks[0]) is None or _first_name_sex(toks[0]) is not None \
            or not _opens_sentence(text, start) or _times(text, toks[:1]) != 1:
        return False
    return any(form[0] != toks[0] for _at, form in _name_forms(text, toks[1:], memo) if len(form) > 1)


def _label(word: str) -> bool:
    """Whether a capitalised word before a name says what the person is ('Vet', 'Pal', ``PERSON_LABELS``) or is
    shaped as an adjective ('Australian'), not whom."""
    return word.lower() in PERSON_LABELS or word.endswith("ies") or _ADJECTIVE_SHAPE.fullmatch(word) is not None


#: the words of an Arabic name's kunya before a first name ('Abu Ibrahim al-Raqqawi', 'Abu Bakr al-Baghdadi'), its
#: first words as a first name is ('Raqqawi said' is Abu Ibrahim al-Raqqawi, as a parse of the full name has it)
_KUNYA = frozenset(("Abu", "Umm"))


#: a first name's shape
_GIVEN_WORD = re.compile(r"[A-Z][a-z]+")
#: a surname's word: a capital, then letters in lower case ('García')
_SURNAME_WORD = re.compile(r"[A-Z][^\W\dA-Z_]+")


def _two_word_surname(toks: list[str]) -> bool:
    """Whether a name of two words may be a surname of two ('Abdel Rahman said', 'Vargas Llosa said',
    'Mr Abou Zeid said'), which takes a fuller name the text gives ('Rami Abdel Rahman') as a surname
    of one word does: not when its first word is a known first name ('Bernie Sanders' is no shorter
    'Democrat Bernie Sanders')."""
    return len(toks) == 2 and _first_name_sex(toks[0]) is None and all(_SURNAME_WORD.fullmatch(t) for t in toks)


def _two_word_forms(text: str, toks: list[str]) -> list[tuple[int, list[str]]]:
    """The fuller names the text gives a surname of two words (``_two_word_surname``), each where it stands:
    the two written only together (``_one_unit``), a first name before them (``_given_to``): 'Rami Abdel
    Rahman', 'Debbie Wasserman Schultz'. None for any other name."""
    if not (_two_word_surname(toks) and _word_before_in(text, toks) and _one_unit(text, toks)):
        return []
    return [form for form in _name_forms(text, toks) if _first_of_surname(text, *form)]


def _times(text: str, words: list[str]) -> int:
    """How often ``text`` writes ``words`` in a row on one line, as words of their own."""
    return len(re.findall(r"(?<![\w’'-])" + r"[^\S\n]+".join(re.escape(w) for w in words) + r"(?![\w’'-])", text))


def _word_before_in(text: str, toks: list[str]) -> bool:
    """Whether the text writes a word right before the name ``toks`` (its words a space apart) on its line:
    a quick look, with no pattern to compile, before ``_name_forms`` tries every capitalised word of the
    text for each label of two words."""
    name = f"{toks[0]} {toks[1]}"
    at = text.find(name)
    while at >= 0:
        if text[max(0, at - 2):at].rstrip(" \t\xa0")[-1:].isalpha():
            return True
        at = text.find(name, at + 1)
    return False


def _one_unit(text: str, toks: list[str]) -> bool:
    """Whether the text writes the two words of a name only together, as a surname's are ('Abdel Rahman',
    never 'Rahman' alone), not as a first name and a surname are ('Clint Howard' ... 'Howard said')."""
    pair = _times(text, toks)
    return all(_times(text, [t]) == pair for t in toks)


def _given_to(text: str, start: int, full: list[str]) -> bool:
    """Whether the word at ``start`` before a surname of two words is its first name: a known one, or a
    word of the first-name shape that is no title, stands nowhere else in the text, nor in lower case,
    and neither opens a sentence nor goes on a run of capitalised words but titles ('Rami' of 'said Rami
    Abdel Rahman'; not 'Syria' or 'Observatory', which stand alone too, 'Eyewitness Ludmila Hristoforova',
    'Egypt Kuwait Saudi Arabia', 'Human Rights White Helmets')."""
    first = full[0]
    if _first_name_sex(first) is not None:
        return True
    return bool(_GIVEN_WORD.fullmatch(first)) and not _is_title(first) and first.lower() not in ORG_WORDS \
        and _times(text, [first]) == _times(text, full) and not _written_lower(text, first) \
        and not _opens_sentence(text, start) and _title_or_none(_WORD_BEFORE.search(text, max(0, start - 40), start))


def _first_of_three(text: str, m: Mention, toks: list[str], cand: list[str]) -> bool:
    """Whether the first of a name's three words is the first name of a surname of two, the two a shorter
    mention of it leaves ('says Taugan Tan Kadalim' ... 'Kadalim said', 'said spokesman Bulama Mali Gubio'
    ... 'Gubio'): the two no known first name and a surname (``_two_word_surname``), the first a first name
    as ``_given_to`` reads one (not 'Syria' of 'Syria Staffan de Mistura', which stands alone too)."""
    if len(toks) != 3 or len(cand) != 2 or not _two_word_surname(cand):
        return False
    at = text.find(toks[0], m.start, m.end)
    return at >= 0 and _first_of_surname(text, at, toks)


#: a word before a name that is a body's ('Voice of America Danladi Ahmadu', 'Raqqa is Being Slaughtered Silently')
#: ('Minister for Special Duties Taminu Turaki': the capitalised words after such a word are a body's or an office's)
_IN_A_BODY = re.compile(
    r"(?<![\w’'-])(?:of|for|is|are|was|were|the|and|to|in|at|on|by|from|with)[^\S\n]+(?:[A-Z][\w’'-]*[^\S\n]+){0,3}$")
#: a role written in capitals before a name, which no list of titles has ('Assemblywoman Claudia Tenney', 'Father
#: Ciro Benedettini'): the first name of no surname of two words
_ROLE_CAPS = re.compile(r"\w+(?:man|woman)|Father|Brother|Sister|Mother|Cardinal|Archbishop")


def _first_of_surname(text: str, start: int, full: list[str]) -> bool:
    """Whether the word at ``start`` is the first name of the surname of two words after it (``full``, three
    words): a known one ('with Debbie Wasserman Schultz'), or one as ``_given_to`` reads one before a surname
    of two that is no role in capitals nor a word of a body's name."""
    if _first_name_sex(full[0]) is not None:
        return True
    return _given_to(text, start, full) and not _ROLE_CAPS.fullmatch(full[0]) \
        and _IN_A_BODY.search(text, max(0, start - 60), start) is None


def _title_or_none(word: re.Match[str] | None) -> bool:
    """Whether a capitalised word before a name is none or a title ('NEA President Lily Eskelsen García')."""
    return word is None or _is_title(word.group(1))


def _title_label_or_none(word: re.Match[str] | None) -> bool:
    """Whether a capitalised word before a name is none, a title or a label of what the person is ('YouTuber Josh
    Paler Lin', ``PERSON_LABELS``), which a first name may follow."""
    return _title_or_none(word) or (word is not None and word.group(1).lower() in PERSON_LABELS)


def _given_before(text: str, start: int, surname: str) -> re.Match[str] | None:
    """The first name before a middle name at ``start`` ('Kayla' of 'Kayla Jean Mueller', 'Steven' of
    'Steven Joel Sotloff'), whose person the name is, not the middle name's ('Jean Mueller'): a
    capitalised word right before it on its line, no title and no word opening a sentence ('The',
    'President'), that is a known first name or one the text gives the surname too ('Kayla
    Mueller'). None when there is none."""
    given = _GIVEN.search(text, max(0, start - 30), start)
    middle = _GIVEN_WORD.match(text, start)
    if given is None or not _is_given(text, given.group(1), surname, middle and middle.group(0), given.start(1)):
        return None
    return given


#: words before or in a name that say a person's sex ("Mrs. Clinton", "the spokeswoman")
_MALE_WORDS = frozenset(("mr", "mr.", "spokesman", "chairman", "congressman", "businessman", "king", "prince",
                         "sir", "lord"))
_FEMALE_WORDS = frozenset(("mrs", "mrs.", "ms", "ms.", "miss", "spokeswoman", "chairwoman", "congresswoman",
                           "businesswoman", "queen", "princess", "lady"))
#: the sex a personal pronoun speaks of (possessives arrive as "he" and "she")
_PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
#: an honorific and the capitalised words of the name after it, on one line ("Mrs. Clinton’s")
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?[^\S\n]+((?:[A-Z][\w’'-]*\.?[^\S\n]+)*[A-Z][\w’'-]*)")


#: the words of a family tie ('Mr. Bush's father, George Bush', "George W. Bush's brother")
_KIN = (r"(?:(?:grand|great-grand|step)?(?:father|mother|son|daughter|parent)|brother|sister|wife|husband|"
        r"uncle|aunt|nephew|niece|cousin|widow|widower|(?:father|mother|son|daughter|brother|sister)-in-law)"
        r"(?![\w-])")

#: a family tie after a name ("George W. Bush's brother") and before it ('whose oldest son, George W. Bush')
_KIN_AFTER = re.compile(rf"[’']s[^\S\n]+(?:[a-z]+[^\S\n]+)?{_KIN}")
_KIN_BEFORE = re.compile(rf"(?<![\w-]){_KIN},?[^\S\n]+$")

#: a name and the first name it is known by ('Mr. Bush, known as Jeb', 'Abdul-Rahman Kassig, also known as
#: Peter'), one word ending the phrase: not a name of several ('Henry Jackson, better known as Big Bank Hank')
_KNOWN_AS = re.compile(
    r"(?<![\w’'-])(?:(Mr|Mrs|Ms|Miss)\.?[^\S\n]+)?((?:[A-Z][\w’'-]*\.?[^\S\n]+){0,3}[A-Z][\w’'-]*),[^\S\n]+"
    r"(?:(?:also|better|widely|popularly)[^\S\n]+)?known[^\S\n]+as[^\S\n]+[“\"‘']*([A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
    r"[”\"’']*(?![\w’'-])(?![^\S\n]+[A-Z])")

#: the conjunctions that open a sentence before its subject ('But Jeb Bush, like his brother, ...')
_OPENING_CONJUNCTIONS = frozenset(("But", "And", "Yet", "Still"))
#: the prepositions that open a sentence with a phrase before its subject ('At a recent event in
#: Coralville, Iowa, Mr. Bush pointedly rejected ...')
_OPENING_PREPOSITIONS = frozenset(("At", "In", "On", "After", "Before", "During", "Since", "Following", "Throughout",
                                   "Until", "Over", "Under", "With", "Without", "Within", "Like", "Unlike", "Despite"))
#: a preposition and the honorific or first names before a name it governs ('to Mr Qureshi', 'with Bernie')
_AFTER_PREPOSITION = re.compile(r"\b(?:to|with|for|from|by|of|at|about|against)[^\S\n]+(?:(?:Mr|Mrs|Ms|Dr)\.?[^\S\n]+)?"
                                r"(?:[A-Z][\w’'-]*[^\S\n]+){0,2}$")
#: the conjunctions that open a sentence with a clause before its subject ('As firemen rushed to the scene
#: ..., Mr Chien went to look for his forgetful girlfriend')
_OPENING_CLAUSES = frozenset(("As", "When", "While", "Whilst", "Although", "Though", "Because", "If", "Once",
                              "Whereas", "Unless"))
#: a sentence's end before the next sentence's first word
_SENTENCE_GAP = re.compile(r"[.!?][”\"’']*\s+")


def _after_opener(text: str, at: int) -> bool:
    """Whether the name at ``at`` is a sentence's subject after what opens the sentence: a conjunction
    ('But Jeb Bush, like his brother, ...'), a phrase of a preposition closed by a comma, with no
    quotation in it ('At a recent event in Coralville, Iowa, Mr. Bush pointedly rejected the notion
    ...'), NYT's way of opening a paragraph on the person its next 'he said' is, or a clause closed by
    a comma, its conjunction opening the sentence ('As firemen rushed to the scene to put out the
    three-metre high flames engulfing the grass, Mr Chien went to look for his forgetful girlfriend. ¶
    He said ...'), up to 25 words (a clause has a subject and a verb of its own)."""
    line = text.rfind("\n", 0, at) + 1
    # (not at a title's or an honorific's full stop: 'On the topic of another tough guy, Mr. Putin, Mr. Trump was
    # pressed' opens with 'On', and 'Mr. Trump' is its subject)
    start = max([line, *(m.end() for m in _SENTENCE_GAP.finditer(text, line, at)
                         if not _abbreviated(text[line:m.start() + 1].split()[-1], text[m.end():m.end() + 40]))])
    lead = text[start:at]
    words = lead.split()
    if len(words) == 1:
        return words[0] in _OPENING_CONJUNCTIONS
    if not words or not lead.rstrip().endswith(",") or any(ch in lead for ch in "“”\"‘’'"):
        return False
    return (len(words) <= 14 and words[0] in _OPENING_PREPOSITIONS) or (len(words) <= 25 and words[0] in _OPENING_CLAUSES)


#: the words of ``_KNOWN_AS`` that few texts hold
_KNOWN = re.compile(r"known[^\S\n]+as[^\S\n]")

#: a middle initial ("J." of "William J. Bennett")
_INITIAL = re.compile(r"[A-Z]\.$")
#: a sentence's end: a full stop, question or exclamation mark before a blank and a capital
_SENTENCE_END = re.compile(r"[.!?][\"”’']*\s+[\"“‘']*[A-Z]")
#: a capitalised word and the capitalised word after it, a title and a name or a name's two words ('Professor Crawley')
_TITLED_WORD = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]*\.?)[^\S\n]+([A-Z][\w’'-]*)")
#: a paragraph break ('\n' with any blank lines after it)
_PARAGRAPHS = re.compile(r"\n\s*")
#: a pronoun's verb and whom it tells: 'he told Rubio', 'she asked Mr. Trump'
_TOLD = re.compile(r"\w+[^\S\n]+(?:told|tells|asked|asks)[^\S\n]+(?:(?:Mr|Mrs|Ms|Sen|Gov|Rep)\.[^\S\n]+)?([A-Z][\w’'-]*)")


def _abbreviated(word: str, after: str) -> bool:
    """Whether a word before a full stop is an abbreviation ("Sen.", "Gov.", "U.S.", "J.") the
    full stop belongs to, not a sentence's end; ``after``: the text after the full stop."""
    return is_abbreviation(word.rstrip(".").lstrip("(\"“‘'"), after)  # its case kept: "Ill." is one, "ill." no


#: the capitalised words going on after a name's first ones ('Mr. Donald Trump's' after 'Donald')
_NAME_TAIL = re.compile(r"(?:[^\S\n]*[A-Z][\w’'-]*)*")
#: title words as they are written without their full stop ("Rep McCaul", "Sen Warren")
_BARE_TITLES = frozenset(w.rstrip(".") for w in TITLE_WORDS) - {"gen"}  # "Gen Nakatani" is his name


def _is_title(word: str, plural: bool = True) -> bool:
    """Whether ``word`` is a title or an honorific, one or, with ``plural``, many ('Senator',
    'Mr.', 'Rep', 'Senators', 'Professors'), which no fuller form of a name begins with."""
    low = word.lower()
    return low in TITLE_WORDS or low.rstrip(".") in _BARE_TITLES or (plural and low.removesuffix("s") in _BARE_TITLES)


#: a first name and a surname on one line ("Hillary Clinton", "Betsy Ebeling"), not inside a longer
#: name ("the Dodd-Frank Act", "Billy Casper Golf"); a surname opened by its particle is read whole ("Greta Van
#: Susteren", "Ludwig van Beethoven", "Charles de Gaulle", "Hisham al-Hashimi"), not as a first name and a
#: surname ("Van Susteren"): a particle written apart in lower case (``_APART``) or capitalised (``_CAPITAL_APART``)
_CAPITAL_APART = "Van|Von|De|Du|Da|Di|Del|Della|Le|La|Der|Den"
_FULL_NAME = re.compile(rf"(?<![\w’'-])([A-Z][a-z]+)[^\S\n]+((?:(?:[Aa]l|[Ee]l)-|(?:(?:{_APART}|{_CAPITAL_APART})[^\S\n]+)"
                        r"{1,2})?[A-Z][\w’'-]*[a-z])\b(?![^\S\n]+[A-Z])")


def _bare(word: str) -> str:
    """A surname without the possessive or the full stop it was written with."""
    return word.rstrip(".").removesuffix("’s").removesuffix("'s")


def _given_name(words: list[str]) -> str:
    """A name's first name: its first word past a first initial ('Boyden' of 'C. Boyden Gray')."""
    return next((w for w in words if not _INITIAL.match(w)), words[0])


def _first_name_sex(word: str) -> str | None:
    low = word.lower()
    return "m" if low in MALE_FIRST_NAMES else "f" if low in FEMALE_FIRST_NAMES else None


def name_sex(word: str) -> str | None:
    """The sex a word of a name tells: a listed first name or an honorific ('Mr.', 'Ms.'), else None."""
    return _first_name_sex(word) or _word_sex(word)


def _word_sex(word: str) -> str | None:
    low = word.lower()
    if low in _MALE_WORDS:
        return "m"
    if low in _FEMALE_WORDS:
        return "f"
    return None


def _honorific_sex(m: re.Match[str]) -> str:
    """The sex an ``_HONORIFIC`` match tells: "m" for Mr., "f" for Mrs., Ms. and Miss."""
    return "m" if m.group(1) == "Mr" else "f"


def _honorific_sexes(text: str) -> dict[str, dict[str, int]]:
    """For each surname the text writes after Mr., Mrs., Ms. or Miss, how often it gives it each
    sex: PolNeAR's New York Times copy names everyone so ("Mr. Ebeling", "Ms. Lages"); a surname
    given both ("Mr. Clinton" and "Mrs. Clinton") tells no one's sex by itself."""
    out: dict[str, dict[str, int]] = {}
    for m in _HONORIFIC.finditer(text):
        surname = _bare(m.group(2).split()[0])  # "Mrs. Clinton's Iraq war vote" is Clinton
        sexes = out.setdefault(surname, {})
        sex = _honorific_sex(m)
        sexes[sex] = sexes.get(sex, 0) + 1
    return out


def full_name(text: str, name: str, at: int | None = None) -> str:
    """The name the claims stage gives a speaker mention ``name`` of ``text``, read without a parse:
    the reuse stage's cheap speaker label and the claims stage's parsed one must name a person
    alike ("de Mistura" is "Staffan de Mistura" where the text gives the first name; "Khan" is no
    "Ghazala Khan" where the text gives the surname to a man and a woman and its pronouns make him
    the one it speaks of). A ``SpeakerResolver`` over the one mention names it: one reading of a
    name for both stages, not two copies of it. ``at``: where the mention stands, for the fuller
    name written last before it ('Jeb Bush told ... Bush said'); without it, the one named most."""
    if not _tokens(name):
        return name
    after = re.match(r"[^\S\n]*(\w+)", text[at + len(name):]) if at is not None else None
    k = name_words_before_title(_tokens(name), after.group(1) if after else None)
    if k is not None:
        # 'said Kevin Kennedy Regional Humanitarian Coordinator for the Syria Crisis' (the three last words
        # were the label) is Kevin Kennedy, as the parse reads it
        name = " ".join(_tokens(name)[:k])
    # an acronym is a body's name, no surname a first name goes before ('UNICEF said' was 'Syria UNICEF'
    # of '... its local partners in Syria UNICEF have said'), as the parse makes it for the claims stage
    acronym = len(_tokens(name)) == 1 and len(name) > 1 and name.isupper()
    mention = Mention(-1, -1, name, "name", _tokens(name)[-1], is_org=acronym)
    resolver = SpeakerResolver([mention], text)
    resolver._at = at
    return resolver.canonical(mention)


#: the honorifics a surname follows ('Mr King', 'Dr Framenau'), written with their full stop or without
_HONORIFICS = frozenset(("mr", "mrs", "ms", "miss", "dr", "sir"))


def _untitled(toks: list[str]) -> list[str]:
    """A name's words without the titles a mention took in ('recalled Mr. Rhodes', 'said Sen.
    Bernie Sanders (I-Vt.)', where the parse gave no title apart), dropped as the parse's titles
    are ('Mr. Rhodes said' is Rhodes), so that the speaker is named as elsewhere and its fuller
    name is found. Only a title before a capitalised word ('Ambassador to France' is an office),
    and no plural ('United States Elections Project' is no title and 'Elections Project'); nor
    a title in full before titles alone, an office's name ('the State Department Inspector General
    issued' is no 'General', 'the Prime Minister said' no 'Minister'), where an honorific or a
    title's abbreviation goes ('Mr. King' is King, 'Sen. King' too)."""
    ranked = False
    while len(toks) > 1 and toks[1][:1].isupper() and (_is_title(toks[0], plural=False) or (ranked and toks[0] == "Gen")) \
            and (toks[0].endswith(".") or toks[0].lower() in _HONORIFICS or not all(_is_title(t, False) for t in toks[1:])):
        # ('Gen' after a rank is the general's title: 'Maj Gen Charles Horner' is Charles Horner)
        ranked = toks[0].rstrip(".") in ("Maj", "Lt", "Brig", "Col")
        toks = toks[1:]
    return toks


#: roles of one person on air that the title lists lack, as 'anchor' and 'moderator' are on them ('Host Greta Van
#: Susteren was caught flat-footed. ... she asked'): the speakers' own, not the descriptors quotations keep
_MEDIA_ROLES = frozenset(("host", "presenter"))

#: role nouns of one person, whom a later 'he' or 'she' may stand for when no name does
_PERSON_ROLES = _MEDIA_ROLES | frozenset(
    w for w in TITLE_WORDS | SPEAKER_NOUNS if w not in ORG_WORDS and not w.endswith(("s", "."))
    and w not in DOCUMENT_NOUNS and w not in ("special", "general", "vice", "prime", "deputy", "foreign", "defense",
    "defence", "interior", "former", "late", "acting", "assistant", "executive", "senior", "junior", "state", "federal",
    "democrat", "democratic", "republican", "gop", "majority", "minority", "people", "report", "statement", "monitor",
    "mr", "mrs", "ms", "dr", "sir", "lord", "chief", "head"))


#: the capitalised words of a title right before a name, two at most ('Atlantic City Mayor', 'Vermont Sen.')
_CAPITALISED_BEFORE = re.compile(r"(?:[A-Z][\w’'-]*\.?[^\S\n]+){1,2}\Z")
#: what opens a role in apposition after a name (', the', ', a', ', an', or a role of a body without its article:
#: ', spokesman for') and its next word and what follows it
_APPOSITION = re.compile(r",[^\S\n]+(?:(?:the|a|an)[^\S\n]+|(?=[a-z]+[^\S\n]+(?:for|of|at|to)[^\S\n]))")
_APPOSED_WORD = re.compile(r"([\w’'-]+)([^\S\n]*[,.;:!?)\n]|[^\S\n]+(?:of|to|for|in|at|with|and|or|from|on|who|whose|which|that)\b)?"
                           r"[^\S\n]*")


def _apposed_role(text: str, at: int) -> str | None:
    """The role of one person in apposition after a name ending at ``at``, five words at most: the first such
    role word a preposition, a conjunction or a mark follows ('Chris Christie, the brusque,
    take-a-back-seat-to-no-one governor of New Jersey' is a governor; 'Hassan Tukur, an aide to Nigerian
    President Goodluck Jonathan' an aide, no president), or one without its article before a preposition
    ('Emmanuel Nachshon, spokesman for the Israel Ministry of Foreign Affairs'). None when there is none."""
    opened = _APPOSITION.match(text, at)
    if opened is None:
        return None
    pos = opened.end()
    for _ in range(5):
        word = _APPOSED_WORD.match(text, pos)
        if word is None or not word.group(1):
            return None
        low = word.group(1).lower()
        if word.group(2) is not None and low in _PERSON_ROLES:
            return low
        if word.group(2) is not None and word.group(2).strip() not in ("", ","):
            return None  # 'Dick Cheney, a Wyoming Republican who ...': past what the role is of
        pos = word.end()
    return None


#: roles of one person and the title a name is given for them ('the congressman' is 'Rep. Duncan Hunter')
_TITLED_AS = {"congressman": "representative", "congresswoman": "representative"}

#: abbreviated titles and the role each is ('Vermont Sen. Bernie Sanders' is 'the senator')
_ABBREVIATED_ROLES = {"sen": "senator", "gov": "governor", "rep": "representative", "prof": "professor",
                      "gen": "general", "adm": "admiral", "col": "colonel", "capt": "captain", "sgt": "sergeant",
                      "lt": "lieutenant", "rev": "reverend", "maj": "major"}

#: a sentence's subject that is a definite role of one person, up to two words before it ('The Pope,',
#: 'The president said', 'The Vermont senator has'): not an owner ('The president's plan')
_ROLE_SUBJECT = re.compile(
    r"\b([Tt]he)(?:[^\S\n]+[\w’'-]+){0,2}?[^\S\n]+("
    + "|".join(sorted((w for w in _PERSON_ROLES if w not in ("major", "chair", "justice", "source", "speaker")),
                      key=len, reverse=True))
    + r")(?![\w’'-])(?![’']s)", re.I)

#: a person's name of two to four capitalised words before a comma, a role in apposition after it ('said Hassan
#: Tukur, an aide to ...')
_NAME_BEFORE_APPOSITION = re.compile(r"(?<![\w’'.-])[A-Z][a-z]+(?:[^\S\n]+[A-Z][\w’'-]*){1,3}(?=,)")

#: a role right before a name, in lower case ('political science professor Brigid Harrison') or a title ('state
#: Representative Karlee Macer', 'Sen. Kelly Ayotte'): ``_role_word``
_ROLE_BEFORE = re.compile(r"(?<![\w’'.-])([a-z]+|[A-Z][a-z]+\.?)[^\S\n]+\Z")
#: a modal or an auxiliary right before a word, a negation or an adverb at most between them: the word is a verb
#: ('The committee will host Reince Priebus', 'won't judge', 'did not chair'), no role before a name (``_ROLE_BEFORE``)
#: or a role a sentence opens with (``_ROLE_SUBJECT``); the role words' inflected forms ('hosts', 'hosted', 'hosting')
#: are on no list of roles. Not 'to', a preposition as often ('on radio station WVFN to host David DeMarco',
#: 'according to host ...')
_MODAL_BEFORE = re.compile(r"(?<![\w’'-])(?:will|would|shall|should|can|could|may|might|must|do|does|did"
                           r"|(?:won|can|couldn|wouldn|shouldn|didn|doesn|don|mustn)[’']t|[a-z]+[’'](?:ll|d))"
                           r"(?:[^\S\n]+(?:not|also|never|then|again|soon|likely|probably|now))?[^\S\n]+\Z")


def _role_word(word: str) -> str:
    """The role a word before a name gives, in lower case: a title's whole word ('Senator', 'professor') or the
    one an abbreviated title stands for ('Sen.' is a senator); '' for a capitalised word cut short that is no
    abbreviated title, nor a title's word written with a full stop."""
    low = word.lower().rstrip(".")
    if word[:1].isupper() and word.endswith(".") != (low in _ABBREVIATED_ROLES):
        return ""
    return _ABBREVIATED_ROLES.get(low, low)


#: 'his' and a man's family tie that passes his family name on, right before a first name ('his brother John',
#: 'his younger son Michael')
_HIS_KIN = re.compile(r"(?<![\w’'-])([Hh]is)[^\S\n]+(?:[a-z]+[^\S\n]+)?(?:brother|son|father|grandson|grandfather)"
                      r",?[^\S\n]+\Z")

#: the determiners of a role the text introduces ('an official', 'another source'), who is no one named before
_INDEFINITE = frozenset(("a", "an", "another"))

#: a tie of a person of one sex, by the sex ('his girlfriend', "Kadalim's wife", 'her husband')
_TIES_BY_SEX = {
    "f": ("girlfriend", "wife", "mother", "daughter", "sister", "widow", "fiancee", "fiancée", "aunt", "niece",
          "grandmother", "granddaughter", "stepmother", "stepdaughter"),
    "m": ("boyfriend", "husband", "father", "son", "brother", "widower", "fiance", "fiancé", "uncle", "nephew",
          "grandfather", "grandson", "stepfather", "stepson"),
}
#: a sentence's subject that is someone's unnamed tie: an owner, an adjective at most and the tie, no name after it
#: ('Kadalim’s girlfriend, who spoke on the condition that we not use her name, also corroborates')
_TIE_SUBJECT = {sex: re.compile(rf"(?<![\w’'-])(?:[A-Z][\w’'-]*[’']s|His|Her|Their)[^\S\n]+(?:[a-z]+[^\S\n]+)?"
                                rf"(?:{'|'.join(ties)})(?![\w’'-])(?![^\S\n]*,?[^\S\n]*[A-Z])")
                for sex, ties in _TIES_BY_SEX.items()}

#: a fuller name of a short one: how it ranks (times named, given by a speaker mention, a known first
#: name), where it stands, its words
_Fuller = tuple[tuple[int, bool, bool], int, list[str]]
#: a capitalised word right before a name on its line ('Rafael' of 'Rafael Edward Cruz', 'Gov.')
_WORD_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]*\.?)[^\S\n]+$")

#: two capitalised words in a row, a person's name as likely as not
_TWO_NAMES = re.compile(r"\b[A-Z][a-z]+[^\S\n]+[A-Z][a-z]+")


#: an honorific and a surname alone, as a speaker is named when no fuller name fits ('Miss Somers', 'Ms. Somers')
_HONORED_SURNAME = re.compile(r"(?:Mr|Mrs|Ms|Miss)\.?[^\S\n]+[A-Z][\w’'-]*")

#: what follows a name to tell a generation ('Robert P. Casey Jr.', 'Lloyd J. Austin III')
_SUFFIXES = frozenset(("Jr", "Sr", "II", "III", "IV"))
#: a generation's suffix right after a name, with the comma some write before it ('Joseph R. Biden Jr.', 'Harry Hurt
#: III', 'Martin Luther King, Jr.')
_SUFFIX_AFTER = re.compile(r",?[^\S\n]+((?:Jr|Sr)\.?|II|III|IV)(?![\w’'-])")


class SpeakerResolver:
    """Normalises mentions in article order: names to full names, pronouns and roles to names. The people the
    article's ``title`` names, and the roles it gives them, are named before the text's first sentence: a role
    may stand for one of them (``_title_holder``), under the name, its mention staying the text's."""

    def __init__(self, mentions: list[Mention], text: str = "", quoted: list[tuple[int, int]] | None = None,
                 title: str = "") -> None:
        names = [m for m in mentions if m.kind == "name"]
        self._title = title
        #: the direct quotations' spans: a name inside one is spoken of, not a subject of the story
        self._quoted = sorted(quoted or [])
        #: what ``_name_forms`` found of the text's lines and words, for every call on it
        self._memo: dict[tuple[str, int | str], bool] = {}
        self._full: list[tuple[int, list[str]]] = []
        #: the full names speaker mentions give (not only the text around them)
        self._spoken: set[tuple[str, ...]] = set()
        self._text = text
        #: the words of name mentions an adjective opened (``_adjective_before``), by where they start
        self._trimmed: dict[int, list[str]] = {}
        keys = {tuple(_tokens(m.text)) for m in names}
        for m in names:
            toks = _tokens(m.text)
            # an office's or a body's name is whole ("UN High Commissioner for Refugees"): it ends
            # in the name of what it is for, not a person's
            whole = m.is_org or _through_prep(toks)
            if not whole and len(toks) > 2 and toks[0].lower() in PERSON_LABELS:
                toks = toks[1:]  # 'Pal Shin Tan, 21, said' is Shin Tan, the pal
            elif not whole and _adjective_before(text, m.start, toks, self._memo):
                toks = toks[1:]  # 'Bewildered Yen told local TV' is girlfriend Cong Yen
                self._trimmed[m.start] = toks
            # trim "Syria Staffan de Mistura" to "Staffan de Mistura" when "de Mistura" is known
            best = toks
            for k in keys:
                n = len(k)
                if 0 < n < len(toks) - 1 and tuple(toks[-n:]) == k and not whole:
                    cand = toks[-n - 1:]
                    # nor at a particle or an initial ("William J. Bennett" is no "J. Bennett")
                    while len(toks) > len(cand) and (cand[0].lower() in NAME_PARTICLES or _INITIAL.match(cand[0])
                                                     or _is_given(text, toks[-len(cand) - 1], toks[-1], cand[0],
                                                                  text.find(" ".join(toks[-len(cand) - 1:]),
                                                                            max(m.start, 0)))
                                                     or _first_of_three(text, m, toks, cand)):
                        # nor at a middle name ('Mary Kay Henry' is no 'Kay Henry'), nor at a surname of
                        # two words ('Taugan Tan Kadalim' is no 'Tan Kadalim')
                        cand = toks[-len(cand) - 1:]
                    if len(cand) < len(best):
                        best = cand
            if not whole:
                # three words at most, and a generation's suffix after them ('Sen. Robert P. Casey
                # Jr.' is no 'P. Casey Jr.')
                suffix = int(len(best) > 1 and best[-1].rstrip(".,") in _SUFFIXES)
                real = [t for t in best[:len(best) - suffix] if t.lower() not in NAME_PARTICLES]
                if len(real) > 3:
                    best = best[-3 - suffix:]
            self._full.append((m.start, best))
            self._spoken.add(tuple(best))
        # a surname alone: every "Firstname Surname" the text gives, where it stands (the nearest
        # before a mention names it)
        seen: set[tuple[str, ...]] = set()
        memo = self._memo
        for m in names:
            toks = _tokens(m.text) if m.is_org else _untitled(self._trimmed.get(m.start, _tokens(m.text)))
            real = [t for t in toks if t.lower() not in NAME_PARTICLES]
            if m.is_org or len(real) != 1 or tuple(toks) in seen:
                continue
            seen.add(tuple(toks))
            self._full.extend(_name_forms(text, toks, memo))
        for pair in dict.fromkeys(tuple(_untitled(_tokens(m.text))) for m in names if not m.is_org):
            # a surname of two words takes the fuller name the text gives ('Wasserman Schultz said' is Debbie
            # Wasserman Schultz; 'Abdel Rahman said' Rami Abdel Rahman), as a surname of one word does
            self._full.extend(_two_word_forms(text, list(pair)))
        # the title's fuller names of the text's bare surnames (``_name_forms`` of the title read as a paragraph
        # before the text's first, whose words the text may give a person; a title's first word no label): they
        # stand before offset 0, and ``_fullest`` ranks them with the text's ('Homeland Security Secretary Jeh
        # Johnson is pushing back ...' over '..., Johnson said' is Jeh Johnson)
        titled, titled_memo = f"{title}\n{text}", dict[tuple[str, int | str], bool]()
        for surname in seen if title else ():
            for at, words in _name_forms(titled, list(surname), titled_memo):
                if at < len(title) and self._may_be_person(_given_name(words), words[-1]) \
                        and not (_opens_sentence(titled, at) and words[0].lower() in PERSON_LABELS) \
                        and not any(len(full) > len(words) and full[-len(words):] == words for _a, full in self._full):
                    # ('Widower Stan Beaton' is no 'Widower Stan'; a title opening 'Ahmed Abdi Godane is ...', where
                    # the first word of three is no first name, no 'Abdi Godane' where the text names Ahmed Abdi Godane)
                    self._full.append((at - len(title) - 1, words))
        self._honorifics = _honorific_sexes(text)
        #: ``_suffixed``'s answers, by name
        self._suffixes: dict[tuple[str, ...], list[str]] = {}
        self._counts: dict[str, int] = {}
        self._votes: dict[tuple[str, bool], dict[str, int]] = {}
        #: _fullest's answers: each is a pass over every name form of the text, and a long story
        #: asks the same few for each of its mentions
        self._fullest_memo: dict[tuple[tuple[str, ...], str | None, bool], list[_Fuller]] = {}
        #: where the one mention of ``full_name`` stands in the text, which its Mention does not say
        self._at: int | None = None
        self._sexed: dict[str, list[tuple[int, int, str, bool]]] = {}
        #: ``_people_named``'s answer
        self._people: list[tuple[re.Match[str], Mention]] | None = None
        #: ``_people_named``'s answer for the article's title
        self._title_people: list[tuple[re.Match[str], Mention]] | None = None
        #: ``_voted_names``' answers, by sex
        self._voted: dict[str, list[tuple[int, int, str, bool]]] = {}
        #: every ``_FULL_NAME`` of the text, read once (``_full_name_hits``), and where each starts
        self._name_hits: list[re.Match[str]] | None = None
        self._name_starts: list[int] = []
        #: _titles_of's answers, by name
        self._titles: dict[str, set[str]] = {}
        #: the titles and roles in apposition the text gives each full name (``_titled``), by name
        self._role_titles: dict[str, set[str]] = {}
        #: _sex's answers, by mention (the mentions stay in _named) and the name it resolved to
        self._sexes: dict[tuple[int, str | None], str | None] = {}
        self._named: list[Mention] = []
        #: the names the text gives people by 'known as' (_known_as): the sex of an honorific before
        #: the surname or None, the name's words, the name it is known by
        self._aliases: list[tuple[str | None, tuple[str, ...], str]] | None = None
        #: nominal speakers with the document they spoke in, and what they resolved to
        self._issuers: list[tuple[Mention, str]] = []
        #: nominal speakers who are one person ('the envoy', 'a spokeswoman'), for a pronoun when
        #: the text names no one before it
        self._roles: list[tuple[Mention, str]] = []
        #: the subject a he or she took over the last speaker named (``_subject_between``, ``_role_between``):
        #: that speaker, the pronoun's sex, the name and where the pronoun ends
        self._carried: tuple[Mention, str, str, int] | None = None

    def canonical(self, m: Mention) -> str:
        toks = _tokens(m.text)
        for start, full in self._full:
            if start == m.start:
                toks = full
                break
        if not m.is_org:
            toks = _untitled(toks)  # its sex is still read from the mention's words
        # a short form takes the longer name it ends with that introduced it in its paragraph, else
        # the one the story names most, not the first: a story on Hillary Clinton may name Bill
        # Clinton first
        told = self._mention_sex(m)
        voted = None if told or len(toks) != 1 else self._surname_sex(toks[-1])
        # a sex the pronouns after the bare surname vote for must be a name's own ('Grayson said
        # ... he' is Alan Grayson, not Lolita or Dena Grayson); else none may contradict the
        # mention's honorific; nor is a fuller name of unknown sex taken for the voted sex when the
        # text gives the surname to the other sex too ('Khan', his by the votes, is 'Mr. Khan' where
        # 'Ms. Khan' is Ghazala Khan)
        at = m.start if m.start >= 0 else self._at
        best = (voted and (self._fullest(toks, voted, exact=True, before=at) or self._fullest(toks, voted, before=at))) \
            or (None if voted and not self._other_named(toks, voted) else self._fullest(toks, told, before=at))
        known = self._known_as(toks, told) if told or len(toks) > 1 else None
        if known is None and best:
            known = self._known_as(best, told or voted)
        if known is not None:
            return known
        return " ".join(self._suffixed(best)) if best else self._surname(toks, told or voted)

    def _suffixed(self, words: list[str]) -> list[str]:
        """A fuller name with the generation's suffix the text writes after it wherever it writes the name ('Mr.
        Biden' is 'Joseph R. Biden Jr.' where 'Vice President Joseph R. Biden Jr., who ...' names him, one speaker, no
        'Joseph R. Biden' beside 'Joseph R. Biden Jr.'); as it stands where the text writes it without one too
        ('Donald Trump' and 'Donald Trump Jr.' are two people); of several suffixes, the one a speaker mention gives.
        A first name and a suffix alone are the one name in full the text gives them ('His son Donald Jr.' is Donald
        Trump Jr.)."""
        key = tuple(words)
        if key not in self._suffixes:
            after = None
            if len(words) == 2 and words[1].rstrip(".,") in _SUFFIXES and _GIVEN_WORD.fullmatch(words[0]):
                # a first name and the suffix ('His son Donald Jr. announced') is the one name in full the text writes
                # with them ('Donald Trump Jr.')
                fuller = {tuple(hit.group(0).replace(",", " ").split()) for hit in re.finditer(
                    rf"(?<![\w’'.-]){re.escape(words[0])}(?:[^\S\n]+(?:[A-Z]\.|[A-Z][\w’'-]*[a-z])){{1,2}},?[^\S\n]+"
                    rf"{re.escape(words[1])}(?![\w’'-])", self._text)}
                if len(fuller) == 1:
                    self._suffixes[key] = list(fuller.pop())
                    return self._suffixes[key]
            if len(words) > 1 and words[-1].rstrip(".,") not in _SUFFIXES:
                name = re.compile(r"(?<![\w’'.-])" + r"[^\S\n]+".join(re.escape(w) for w in words) + r"(?![\w-])")
                suffixes = {m.group(1) if m else None for m in
                            (_SUFFIX_AFTER.match(self._text, hit.end()) for hit in name.finditer(self._text))}
                spoken = [x for x in suffixes if x and (*words, x) in self._spoken]
                if len(suffixes) == 1 or (None not in suffixes and len(spoken) == 1):
                    # of a father's and a son's, the one a speaker is named by in full ('“Yes, I support Ted Cruz,”
                    # Brent Bozell III, founder of ...' over 'his father, Brent Bozell, Jr.': 'Bozell says' is his)
                    after = spoken[0] if spoken else next(iter(suffixes))
            self._suffixes[key] = [*words, after] if after else words
        return self._suffixes[key]

    def _honorific_person(self, surname: str, sex: str) -> str:
        """The name of whom an honorific and ``surname`` stand for ('Mr. Bush' is 'Jeb Bush')."""
        known = self._known_as([surname], sex)
        if known is not None:
            return known
        full = self._fullest([surname], sex)
        return " ".join(full) if full else self._surname([surname], sex)

    def _known_as(self, toks: list[str], sex: str | None) -> str | None:
        """The name the text uses for the person ``toks`` name (a surname with an honorific of ``sex``,
        or a fuller name) where it gives them another one ('Mr. Bush, known as Jeb', 'Abdul-Rahman
        Kassig, also known as Peter') and writes that one with the surname ('Jeb Bush'): NYT's story
        on Jeb Bush's campaign introduces him as 'young John Ellis Bush', and his quotations were
        that name's, which no other outlet uses. None when the text gives no such name."""
        if self._aliases is None:
            self._aliases = []
            # (a pass over the text for each name the cheap label resolves: only where it says 'known as')
            for hit in _KNOWN_AS.finditer(self._text) if _KNOWN.search(self._text) else ():
                words = _untitled(_tokens(hit.group(2)))
                surname = _bare(words[-1])
                alias = f"{hit.group(3)} {surname}"
                if re.search(rf"(?<![\w’'-]){re.escape(alias)}(?![\w-])", self._text) is None:
                    continue  # 'Daiane DeJeus, also known as Sandy' is named so nowhere
                if hit.group(1):
                    self._aliases.append(("m" if hit.group(1) == "Mr" else "f", (surname,), alias))
                elif len(words) > 1:
                    self._aliases.append((None, tuple(words), alias))
        for told, named, alias in self._aliases:
            if told is None:
                if len(toks) > 1 and tuple(toks) == named[-len(toks):]:
                    return alias
            elif toks == [named[0]] and sex == told:
                return alias
            elif len(toks) > 1 and toks == self._fullest(list(named), told):
                return alias  # the fuller name the honorific's surname takes ('John Ellis Bush')
        return None

    def _surname(self, toks: list[str], sex: str | None) -> str:
        """The name of a surname no fuller name fits: with its honorific when the text gives the
        surname to a man and to a woman ("Mr. Khan" and "Ms. Khan", Khizr and Ghazala Khan), who
        must not be one speaker."""
        if sex and len(toks) == 1 and len(self._honorifics.get(toks[0], {})) > 1:
            return f"{'Mr.' if sex == 'm' else 'Ms.'} {toks[0]}"
        return " ".join(toks)

    def _fullest(
        self, toks: list[str], sex: str | None, exact: bool = False, before: int | None = None
    ) -> list[str] | None:
        """The longer name ending with ``toks`` whose sex is not other than ``sex`` (is ``sex`` when
        ``exact``): with ``before``, the one written last before that offset in its paragraph (the
        name that introduced the surname, ``_introduces``: 'Jeb Bush told an Iowa audience ... Bush
        said' is Jeb Bush in a story naming George W. Bush more often); else, or when none does, the one
        the text names most, on a tie one a speaker mention gave, then one with a known first name
        (not 'Given Sanders' of 'Given Sanders's record, ...'), then the first (a story names its
        subject first: "Sen. Chris Murphy" before his aide "Anne Marie Murphy"). The article's title's full
        names are among them, in a paragraph before the text's first. None when there is none."""
        key = (tuple(toks), sex, exact)
        if key not in self._fullest_memo:
            self._fullest_memo[key] = self._fuller_names(toks, sex, exact)
        names = self._fullest_memo[key]
        if before is not None:
            near = max((n for n in names if n[1] < before and self._introduces(n, before)), key=lambda n: n[1],
                       default=None)
            if near is not None:
                return near[2]
        return max(names, key=lambda n: (n[0], -n[1]))[2] if names else None

    def _introduces(self, name: _Fuller, before: int) -> bool:
        """Whether a fuller name introduces the short one at ``before``: in its paragraph, a known
        first name or one a speaker mention gave, and the whole name, not its last words after a
        first name ('Rafael Edward Cruz' is no 'Edward Cruz')."""
        (_, spoken, known), start, _ = name
        if not (spoken or known) or start < 0 or "\n" in self._text[start:before]:  # (the title's: no paragraph's)
            return False
        word = _WORD_BEFORE.search(self._text, max(0, start - 40), start)
        return word is None or _is_title(word.group(1))

    def _fuller_names(self, toks: list[str], sex: str | None, exact: bool) -> list[_Fuller]:
        """The longer names ending with ``toks`` that ``sex`` allows, each with how it ranks (times
        named, given by a speaker mention, a known first name) and where it stands."""
        out: list[_Fuller] = []
        for start, full in self._full:
            ends_with = any(
                [_surname_key(t) for t in form[-len(toks):]] == [_surname_key(t) for t in toks]
                for form in _heads(full, len(toks))
            )
            if len(full) <= len(toks) or not ends_with or _is_title(full[0]):
                continue  # 'Mr. Manafort' is no fuller name than 'Manafort'
            name_sex = self._name_sex(full)
            if sex and (name_sex != sex if exact else name_sex not in (None, sex)):
                continue  # 'Mrs. Clinton' is not 'Bill Clinton'
            if sex and name_sex is None and not self._other_named(toks, sex):
                continue  # 'Mr. Khan' is not 'Ghazala Khan' when the text also has a 'Ms. Khan'
            if sex and self._kin_of_short(toks, full, sex):
                continue  # 'Mr. Bush's father, George Bush' is not Mr. Bush
            known = _first_name_sex(_given_name(full)) is not None
            named = self._times_named(full) - self._kin_uses(full)
            out.append(((named, tuple(full) in self._spoken, known), start, full))
        return out

    def _kin_of_short(self, toks: list[str], full: list[str], sex: str) -> bool:
        """Whether the text gives ``full`` as the kin of the short form ``toks`` with an honorific of
        ``sex`` ("Mr. Bush's father, George Bush"), who is then someone else. Only after an honorific,
        which NYT's copy keeps for one person: a bare 'Clinton’s husband, Bill Clinton' in a story
        on both leaves a later 'Clinton said' free to be him."""
        short = r"[^\S\n]+".join(re.escape(t) for t in toks)
        honorific = "Mr" if sex == "m" else "(?:Mrs|Ms|Miss)"
        return re.search(rf"(?<![\w’'-]){honorific}\.?[^\S\n]+{short}[’']s[^\S\n]+(?:[a-z]+[^\S\n]+)?{_KIN},?"
                         rf"[^\S\n]+{re.escape(' '.join(full))}(?![\w-])", self._text) is not None

    def _kin_uses(self, full: list[str]) -> int:
        """How often the text names ``full`` to place another in a family: as whose kin someone is
        ("George W. Bush's brother") or as someone's kin ("whose oldest son, George W. Bush"). NYT's
        story on Jeb Bush names his father and brother in full so, and 'Mr. Bush' is Jeb, not the
        brother it named most."""
        key = " ".join(full)
        n = 0
        at = self._text.find(key)
        while at >= 0:  # the name's places, each read around (a pattern led by the kin words read every place)
            whole = not self._text[at - 1:at].isalnum() and not self._text[at + len(key):at + len(key) + 1].isalnum()
            n += whole and (_KIN_AFTER.match(self._text, at + len(key)) is not None
                            or _KIN_BEFORE.search(self._text, max(0, at - 40), at) is not None)
            at = self._text.find(key, at + len(key))
        return n

    def _other_named(self, toks: list[str], sex: str) -> bool:
        """Whether a fuller name of unknown sex may be the ``sex`` one of ``toks``: yes unless the
        text gives the surname an honorific of the other sex too and no fuller name of that sex
        ("Khizr and Ghazala Khan" ... "Mr. Khan" ... "Ms. Khan": either may be Ghazala, whose sex
        no list tells; "Donald Trump" ... "Ms. Trump" leaves Melania Trump hers)."""
        other = "f" if sex == "m" else "m"
        if not self._honorifics.get(toks[-1], {}).get(other):
            return True
        return any(self._name_sex(full) == other for _start, full in self._full
                   if len(full) > len(toks) and [t.lower() for t in full[-len(toks):]] == [t.lower() for t in toks])

    def _named_between(self, start: int, end: int, sex: str) -> str | None:
        """The last person of ``sex`` the text names between ``start`` and ``end`` in a way that
        tells the sex: a first name of the list ("Hillary Clinton") or an honorific ("Mrs.
        Clinton", full name taken as for a surname alone). None when there is none.

        The text is searched once for each sex (``_sexed_names``): a search of the span, which
        runs from the text's start for each 'she' after men alone, made a long story's
        pronouns quadratic (and a lookup per "Ms. Jones" of it cubic)."""
        for _at, ends, name, honorific in self._sexed_from_end(start, end, sex):
            if ends <= end:
                if not honorific:
                    return name
                return self._honorific_person(name, sex)
        return None

    def _last_named(self, end: int, sex: str) -> str | None:
        """The person of ``sex`` the text names last before ``end``, for a pronoun no speaker of its sex comes
        before (``_last_named_between`` from the text's start)."""
        return self._last_named_between(0, end, sex)

    def _last_named_between(self, start: int, end: int, sex: str) -> str | None:
        """The person of ``sex`` the text names last between ``start`` and ``end``: by a name that tells the sex
        (``_named_between``) or by the bare surname of the one person of that sex the text names in full so
        (``_surnames_between``), an owner's too ('... Illinois's Mark Kirk withdrew his early support. ¶ ... she
        drew Trump's ire - he called her "weak"' is Donald Trump, not Kirk). None when there is none."""
        named = next((n for n in self._sexed_from_end(start, end, sex) if n[1] <= end), None)
        bare = max((n for n in self._surnames_between(start, end, sex) if n[1] <= end), default=None)
        if bare is not None and (named is None or bare[0] > named[0]):
            return bare[2]
        return self._named_between(start, end, sex)

    def _full_name_hits(self) -> list[re.Match[str]]:
        """Every ``_FULL_NAME`` of the text in order, searched for once, for either sex and every pronoun."""
        if self._name_hits is None:
            self._name_hits = list(_FULL_NAME.finditer(self._text))
            self._name_starts = [hit.start() for hit in self._name_hits]
        return self._name_hits

    def _unsexed_named_between(self, start: int, end: int, sex: str) -> str | None:
        """The last person the text names in full between the last speaker ``start`` ends, of the other sex
        than a pronoun's ``sex``, and the pronoun at ``end``, whose sex nothing tells, in the pronoun's
        paragraph or the one before, outside quotations, after a role of one person in lower case or a title
        (``_role_word``: 'state Representative Karlee Macer', 'Sen.') or with one in apposition (``_apposed_role``:
        'Emmanuel Nachshon, spokesman for the Israel Ministry ...'): the one person there the pronoun may be
        ('Christie said ... he said ... ¶ To Montclair State University political science professor Brigid
        Harrison, Christie’s ... stare seemed to reflect sadness. ¶ “...,” she said' is Harrison's). No body's
        name ('State University'), nor a word the text writes in lower case ('New Jersey'), nor one a person of
        ``sex`` named after it follows, in a way that tells the sex or by a bare surname ('Hillary Clinton',
        'Trump'), nor one past a sentence opened by another person named in full whose sex nothing tells
        ('Pastor Darrell Scott, ... ¶ Dahlys Hamilton is listed as the chairman .... Recently she announced')."""
        other = "m" if sex == "f" else "f"
        hits = self._full_name_hits()
        for k in range(bisect.bisect_left(self._name_starts, end) - 1, bisect.bisect_left(self._name_starts, start) - 1, -1):
            hit = hits[k]
            if hit.end() > end:
                continue
            words = [hit.group(1), hit.group(2)]
            if len(_PARAGRAPHS.findall(self._text, hit.start(), end)) > 1:
                return None
            if self._in_quotation(hit.start()) or words[0] in _TITLE_CAPS or _written_lower(self._text, words[0]) \
                    or any(w.lower() in ORG_WORDS or _is_title(w) for w in words):
                continue
            role = _ROLE_BEFORE.search(self._text, max(0, hit.start() - 40), hit.start())
            titled = (role is not None and _role_word(role.group(1)) in _PERSON_ROLES
                      and not _MODAL_BEFORE.search(self._text, max(0, role.start() - 40), role.start())) \
                or _apposed_role(self._text, hit.end()) is not None
            if not titled and not _opens_sentence(self._text, hit.start()):
                continue
            name = self.canonical(Mention(hit.start(), hit.end(), hit.group(0), "name", words[-1]))
            told = self._name_sex(_tokens(name))
            if told == other:
                continue
            if not titled:
                return None  # a sentence about someone else since ('Pastor Darrell Scott, a Cleveland minister ... ¶
                # Dahlys Hamilton is listed as the chairman .... Recently she announced')
            if told is None and self._last_named_between(hit.end(), end, sex) is None:
                return name
            return None
        return None

    def _tie_subject_between(self, start: int, end: int, sex: str) -> bool:
        """Whether a sentence between the last speaker ``start`` ends, of the other sex than a pronoun's ``sex``, and
        the pronoun at ``end``, in its paragraph or the one before and outside quotations, opens with someone's tie
        of ``sex`` the text does not name (``_TIE_SUBJECT``), and no person of ``sex`` is named since: the pronoun
        is that person, whom no name stands for ('"...," says Kadalim ... Kadalim’s girlfriend, who spoke on the
        condition that we not use her name, also corroborates the account. ¶ “...,” she tells Vocativ' is not
        Josh Paler Lin's, named before Kadalim)."""
        for hit in _TIE_SUBJECT[sex].finditer(self._text, start, end):
            if len(_PARAGRAPHS.findall(self._text, hit.start(), end)) <= 1 and _opens_sentence(self._text, hit.start()) \
                    and not self._in_quotation(hit.start()):
                return self._last_named_between(start, end, sex) is None
        return False

    def _subject_between(self, start: int, end: int, sex: str) -> str | None:
        """The last person of ``sex`` named (as ``_named_between`` reads names) opening a sentence
        or a line between ``start`` and ``end``, not as an owner ("Mr. Trump's remarks"): the
        subject the sentences after it go on about. None when there is none. A bare surname counts
        too where the text names one person of ``sex`` with it and none of the other ('Sanders is
        also keeping his supporters riled up ... "...," he said' is Bernie Sanders's, not the speaker's
        before), read as that person's full name. Not the one the pronoun's verb tells ('"...," he told
        Rubio' after 'Rubio co-sponsored a bill' is the voter's)."""
        hits = sorted([*self._sexed_from_end(start, end, sex), *self._surnames_between(start, end, sex),
                       *(n for n in self._voted_names(sex) if start <= n[0] < end)], reverse=True)
        told = _TOLD.match(self._text, end, end + 60)
        for at, ends, name, honorific in hits:
            if told and told.group(1) == _bare(name.split()[-1]):
                continue
            before = self._text[max(0, at - 40):at].rstrip(" \t")
            if before and not before.endswith("\n") and (
                    before[-1] not in ".!?" or _abbreviated(before.split()[-1], self._text[at:at + 40])) \
                    and not _after_opener(self._text, at):
                continue  # 'introduced Vermont Sen. Bernie Sanders' ...': a title's full stop
            if len(_PARAGRAPHS.findall(self._text, at, end)) > 1:
                continue  # more than a paragraph away: a story's sentences move on
            if self._in_quotation(at):
                continue  # '“... Hillary Clinton represents a continuation ...,” she said'
            if self._text[max(0, end - 20):end].rstrip().endswith(",") and not _SENTENCE_END.search(self._text, ends, end):
                continue  # 'Mr. Trump ... fits that bill for many people, he added.': what he said
            # the name's last word ('Mr. Donald Trump's' goes on after the honorific's first)
            tail = _NAME_TAIL.match(self._text, ends)
            last = self._text[at:tail.end() if tail else ends]
            if last.endswith(("’s", "'s", "’", "'")) or ends > end:
                continue
            if not honorific:
                return name
            return self._honorific_person(name, sex)
        return None

    def _voted_names(self, sex: str) -> list[tuple[int, int, str, bool]]:
        """Every mention, in full or by the bare surname, of a person the text names in full by a first name
        that tells no sex ('Gill Rosenberg') but whose pronouns tell ``sex`` (``_name_sex``: those after the
        full name, else after the bare surname of the one person it names by it: 'Rosenberg posted photos of
        herself'), as ``_sexed_names`` gives a mention; for ``_subject_between``, which reads whom a sentence
        opens with ('Rosenberg, formerly a resident of Tel Aviv, did post to Facebook ... ¶ "...," she wrote'
        is Gill Rosenberg's, not Moshe Ya'alon's quoted before, whose sex nothing tells), and of a person the text
        quotes by one name it gives no other word with ('Rosenberg' where the headline alone gave 'Gill'). A surname
        a person of the other sex or another first name has too counts in full only."""
        if sex not in self._voted:
            other = "m" if sex == "f" else "f"
            full: list[tuple[int, int, str, bool]] = []
            owners: dict[str, set[str]] = {}
            for hit, mention in self._people_named():
                name = mention.name or ""
                if _first_name_sex(hit.group(1)) is not None or tuple(_tokens(name)) not in self._spoken \
                        or self._name_sex(_tokens(name)) != sex:
                    continue
                full.append((hit.start(), hit.end(), name, False))
                owners.setdefault(_tokens(name)[-1], set()).add(name)
            taken = {_bare(n.split()[-1]) for s in (sex, other) for _a, _e, n, h in self._sexed_names(s) if not h}
            longer = {w for t in [*self._spoken, *(f for a, f in self._full if a >= 0)] if len(t) > 1 for w in t}
            for (alone,) in (t for t in self._spoken if len(t) == 1):
                # a person the text quotes by one name it gives no other with ('Rosenberg posted photos ... and
                # wrote'), whose pronouns tell the sex; not a word of a longer name ('Donald' of Donald J. Trump)
                if alone[:1].isupper() and alone not in owners and alone not in taken and alone not in longer \
                        and self._name_sex([alone]) == sex:
                    # (by the full name the title gives it, if any: 'Gill Rosenberg', as the name's mentions are)
                    owners[alone] = {" ".join(self._fullest([alone], sex) or [alone])}
            for surname, names in owners.items():
                if len(names) != 1 or surname in taken or not self._one_of_surname(_tokens(next(iter(names)))):
                    continue
                for hit in re.finditer(rf"(?<![\w’'-]){re.escape(surname)}(?![\w-])", self._text):
                    full.append((hit.start(), hit.end(), next(iter(names)), False))
            self._voted[sex] = sorted(set(full))
        return self._voted[sex]

    def _role_spoke_last(self, after: int, end: int, sex: str | None, person: Mention | None = None) -> str | None:
        """The role of one person that spoke last before ``end`` and after ``after`` (``_roles``), of a sex
        not other than ``sex``, for a pronoun at ``end``: not past a name that is no speaker ('... Junko
        Ishido, the mother of ..., spoke to reporters. "...," she said'), nor, after the ``person`` named
        before it, more than a paragraph away or a role of theirs ('ministry spokesman Maj. Gen. Mohammed
        al-Askari ... the spokesman said'). None when there is none."""
        for role, said in reversed(self._roles):
            if role.start <= after:
                return None
            if role.start < end and _word_sex(role.head) in (None, sex):
                if person is not None and (role.head in self._titles_of(person) | person.descriptors or re.search(
                        rf"(?<![\w-]){re.escape(role.head)}[^\S\n]+(?:[A-Z][\w’'.-]*[^\S\n]+){{0,4}}"
                        rf"{re.escape(_tokens(person.name or person.text)[-1])}", self._text)):
                    return None
                if person is not None and self._named_again(person, role.end, end):
                    return None  # named again after the role ('Mashnuq offered no further information ..., although he said')
                stop = _SENTENCE_END.search(self._text, role.end, end)
                if stop is not None and _TWO_NAMES.search(self._text, stop.end() - 1, end):
                    return None
                if after >= 0 and len(_PARAGRAPHS.findall(self._text, role.end, end)) > 1:
                    return None
                return said
        return None

    def _role_between(self, start: int, end: int, sex: str) -> tuple[int, str] | None:
        """The last sentence between ``start`` and ``end`` opened by a definite role of one person
        ('The Pope, speaking earlier this week, offered', 'The president said', 'The Vermont
        senator has'), read as ``_subject_between`` reads a name opening one, with where it stands
        and whom it names: the last person named before it that the role describes (a title or a
        role word of theirs: 'Pope Francis' is 'the Pope'). None when no such sentence, no one named
        has the role, or the person is of the other sex."""
        told = _TOLD.match(self._text, end, end + 60)
        if told or (self._text[max(0, end - 20):end].rstrip().endswith(",")):
            return None  # 'he told Rubio', '..., he added': as for a name
        for hit in sorted(_ROLE_SUBJECT.finditer(self._text, start, end), key=lambda h: -h.start()):
            at, word = hit.start(), hit.group(2).lower()
            if hit.group(1) == "the" and at > 0 and not self._text[max(0, at - 40):at].rstrip(" \t").endswith("\n"):
                continue  # 'the' opens no sentence in lower case
            if not _opens_sentence(self._text, at) or self._in_quotation(at) or hit.end() > end \
                    or _MODAL_BEFORE.search(self._text, at, hit.start(2)):
                continue  # 'The network will host ...': a verb
            if len(_PARAGRAPHS.findall(self._text, at, end)) > 1:
                return None  # more than a paragraph away
            if _word_sex(word) not in (None, sex):
                continue
            words = {word, *(short for short, full in _ABBREVIATED_ROLES.items() if full == word)}
            # its capitalised words are the person's too: 'The Florida senator' is not Lindsey Graham
            modifiers = [w for w in self._text[hit.end(1):hit.start(2)].split() if w[:1].isupper()]
            for prev in reversed(self._named):
                said = self._titles_of(prev)
                if prev.start < at and not prev.is_org and (words & prev.descriptors or word in said) \
                        and all(w.lower() in said | prev.descriptors for w in modifiers):
                    return (at, prev.name) if prev.name and self._sex(prev) in (None, sex) else None
            return None  # a role no one named has ('The senator' of 'Vermont Sen. Bernie Sanders'): as before
        return None

    def _titles_of(self, m: Mention) -> set[str]:
        """The words of a named mention and the two before each place the text names its person in
        full, lower case, an abbreviated title as its role ('GOP Sen. John McCain' is a senator,
        whose speaker mention is 'McCain')."""
        key = m.name or m.text
        if key not in self._titles:
            words = m.text.split()
            if " " in key:
                for hit in re.finditer(rf"(?<![\w’'-]){re.escape(key)}(?![\w-])", self._text):
                    words += self._text[max(0, hit.start() - 40):hit.start()].split()[-2:]
            self._titles[key] = {_ABBREVIATED_ROLES.get(w, w) for w in (x.lower().strip(".") for x in words)}
        return self._titles[key] | {_ABBREVIATED_ROLES.get(w, w) for w in (x.lower().strip(".") for x in m.text.split())}

    def _titled(self, role: Mention, person: Mention) -> bool:
        """Whether the text gives ``person`` the ``role`` in a title (the capitalised words before the full
        name) or in apposition, with every word before the role's ('said Atlantic City Mayor Don Guardian ...
        the mayor said' is Guardian's; 'Vermont Sen. Bernie Sanders' is 'the Vermont senator', no 'Florida
        senator'; 'A federal judge granted Judicial Watch’s request' gives it no title)."""
        key = person.name or person.text
        if key not in self._role_titles:
            found: set[str] = set()
            for hit in re.finditer(rf"(?<![\w’'-]){re.escape(key)}(?![\w-])", self._text) if " " in key else ():
                before = _CAPITALISED_BEFORE.search(self._text, max(0, hit.start() - 40), hit.start())
                if before is not None:
                    found |= {_ABBREVIATED_ROLES.get(w, w) for w in (x.lower().strip(".") for x in before.group(0).split())}
                role_after = _apposed_role(self._text, hit.end())
                if role_after is not None:
                    found.add(role_after)
            self._role_titles[key] = found
        titles = {_ABBREVIATED_ROLES.get(w, w) for w in (x.lower().strip(".") for x in person.text.split())}
        titles |= person.descriptors | self._role_titles[key]
        words = [w.lower() for w in role.text.split()]
        modifiers = [w for w in words[:-1] if w not in ("the", "a", "an")]
        return role.head in titles and all(w in titles for w in modifiers)

    def _other_subject_between(self, person: Mention, end: int) -> bool:
        """Whether a sentence after ``person``'s mention and before ``end`` opens with another person the text
        names in full (a speaker's name, or one with a listed first name), by that name or its surname: the
        story has moved on to them, and a role after it
        may be theirs ('Rubio sought to stoke positive energy ... the senator said' is no Bernie Sanders
        quoted before; 'In his state, Christie said ... The governor claimed' no Jeb Bush)."""
        own = _tokens(person.name or person.text)[-1:]
        named = {tuple(t) for _at, t in self._full} | {tuple(n.split()) for sex in ("m", "f")
                                                       for _a, _e, n, honorific in self._sexed_names(sex) if not honorific}
        for toks in {t for t in named if t and list(t[-1:]) != own}:
            for form in {" ".join(toks), toks[-1]}:
                for hit in re.finditer(rf"(?<![\w’'-]){re.escape(form)}(?![\w-])", self._text[person.end:end]):
                    at = person.end + hit.start()
                    before = self._text[max(0, at - 12):at].rsplit("\n", 1)[-1].split()[-1:]
                    if before and _is_title(before[0].lstrip("“\"‘'(")):
                        continue  # '“Mr. Trump,”': a title's full stop opens no sentence
                    if _opens_sentence(self._text, at) or _after_opener(self._text, at):
                        return True
        return False

    def _surnames_between(self, start: int, end: int, sex: str) -> list[tuple[int, int, str, bool]]:
        """The bare surnames between ``start`` and ``end`` of people the text names in full
        (``_sexed_names``) with ``sex`` and of no other sex, as ``_sexed_names`` gives a mention, but
        with the full name it stands for."""
        other = {_bare(n.split()[-1]) for _a, _e, n, h in self._sexed_names("f" if sex == "m" else "m") if not h}
        owners: dict[str, set[str]] = {}
        for _a, _e, n, h in self._sexed_names(sex):
            if not h:
                owners.setdefault(n.split()[-1], set()).add(n)
        out = []
        for surname, names in owners.items():
            if len(names) != 1 or surname in other:
                continue
            for hit in re.compile(rf"(?<![\w’'-]){re.escape(surname)}(?![\w-])").finditer(self._text, start, end):
                out.append((hit.start(), hit.end(), next(iter(names)), False))
        return out

    def _in_quotation(self, pos: int) -> bool:
        """Whether ``pos`` lies inside one of the direct quotations."""
        k = bisect.bisect_right(self._quoted, (pos, float("inf"))) - 1
        return k >= 0 and self._quoted[k][0] <= pos < self._quoted[k][1]

    def _sexed_from_end(self, start: int, end: int, sex: str) -> Iterator[tuple[int, int, str, bool]]:
        """The mentions of ``_sexed_names`` starting at or after ``start`` and before ``end``, the last
        first (found by bisection, not by reading the list from its start)."""
        hits = self._sexed_names(sex)
        k = bisect.bisect_left(hits, (end,)) - 1
        while k >= 0 and hits[k][0] >= start:
            yield hits[k]
            k -= 1

    def _sexed_names(self, sex: str) -> list[tuple[int, int, str, bool]]:
        """Every mention of a person of ``sex`` the text names in a way that tells it, in text
        order: where it starts, where the words it takes end, the name (the surname after an
        honorific) and whether an honorific tells it."""
        if sex not in self._sexed:
            hits: list[tuple[int, int, str, bool]] = []
            for hit in self._full_name_hits():
                given = _given_before(self._text, hit.start(), _bare(hit.group(2)))
                if given is not None and _first_name_sex(hit.group(1)):
                    # 'Kayla Jean Mueller' is no 'Jean Mueller': her first name tells her sex, else her
                    # middle name does
                    if (_first_name_sex(given.group(1)) or _first_name_sex(hit.group(1))) == sex:
                        name = _with_given(self._text, given, [hit.group(1), _bare(hit.group(2))])
                        hits.append((given.start(1), hit.end(), " ".join(name), False))
                elif _first_name_sex(hit.group(1)) == sex:
                    hits.append((hit.start(), hit.end(), f"{hit.group(1)} {_bare(hit.group(2))}", False))
            for hit in _HONORIFIC.finditer(self._text):
                if _honorific_sex(hit) == sex:
                    first = hit.group(2).split()[0]
                    hits.append((hit.start(), hit.start(2) + len(first), _bare(first), True))
            self._sexed[sex] = sorted(hits)
        return self._sexed[sex]

    def _surname_sex(self, surname: str) -> str | None:
        """The sex of whom a bare surname stands for by the pronoun that follows it in its
        sentence ('Clinton shared a bit of her anxiety', 'Clinton said as he introduced his
        wife') or its honorific ("Mrs. Clinton"): in a story on Hillary Clinton that names Bill
        Clinton more often, "Clinton" is still she. Only a clear majority (twice the other, two
        at least) counts."""
        votes = self._pronoun_votes(surname, bare=True)
        return next((x for x, y in (("m", "f"), ("f", "m")) if votes[x] >= 2 and votes[x] >= 2 * votes[y]), None)

    def _pronoun_votes(self, name: str, bare: bool) -> dict[str, int]:
        """How often the first "he"/"his"/"himself" or "she"/"herself" after ``name`` in its
        sentence, before any other capitalised word ('Clinton attacked Trump, saying he ...' is
        Trump's), is of each sex; "her" and "him" are as often someone else ('Anthony
        describes her as ...'). A ``bare`` surname counts only where no first name or
        honorific stands before it."""
        key = (name, bare)
        if key in self._votes:
            return self._votes[key]
        votes = {"m": 0, "f": 0}
        for hit in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])", self._text):
            before = self._text[max(0, hit.start() - 12):hit.start()].split()
            told = _word_sex(before[-1]) if before else None
            if bare and told:
                votes[told] += 1  # "Mrs. Clinton" is the bare surname of NYT's copy, and says she
                continue
            if bare and before and before[-1][:1].isupper() and not _opens_sentence(self._text, hit.start()):
                continue  # a first name before it: the bare form is not this one
            rest = re.split(r"[.!?\n]|\b[A-Z]", self._text[hit.end():hit.end() + 200], maxsplit=1)[0]
            pron = re.search(r"\b(he|his|himself|she|herself)\b", rest)
            if pron:
                votes["m" if pron.group(1) in ("he", "his", "himself") else "f"] += 1
        self._votes[key] = votes
        return votes

    def _times_named(self, full: list[str]) -> int:
        """How often the text names the person ``full`` names: in full, or by the honorific of
        its sex and its surname ("Mrs. Clinton" is Hillary Clinton's, not Bill Clinton's)."""
        key = " ".join(full)
        if key not in self._counts:
            n = len(re.findall(rf"(?<![\w’'-]){re.escape(key)}(?![\w-])", self._text))
            sex = self._name_sex(full)
            if sex and full:
                n += self._honorifics.get(full[-1], {}).get(sex, 0)
            self._counts[key] = n
        return self._counts[key]

    def _name_sex(self, name: list[str]) -> str | None:
        """The sex a name's words tell: its first name, else an honorific in it, else the one the
        text's honorifics give its surname ("Mr. Ebeling"), else the pronouns after it; None when nothing tells."""
        words = [w for w in name if w.lower().strip(".") not in TITLE_WORDS]
        if words:
            first = _given_name(words).lower()
            if first in MALE_FIRST_NAMES:
                return "m"
            if first in FEMALE_FIRST_NAMES:
                return "f"
        said = {x for x in map(_word_sex, name) if x}
        if len(said) == 1:
            return said.pop()
        if len(words) == 1:  # "Mr. Trump" tells nothing of "Maryanne Trump"
            given = self._honorifics.get(words[-1].removesuffix("’s").removesuffix("'s"), {})
            if len(given) == 1:
                return next(iter(given))
            if not given:
                # a surname the text gives no first name ('Rosenberg' of a text whose headline alone gave 'Gill'):
                # the pronouns after it ('Rosenberg posted photos of herself')
                return self._surname_sex(_bare(words[-1]))
        elif words:
            # 'Ghazala Khan ... she', 'Humayun Khan ... his': the pronouns after the full name
            votes = self._pronoun_votes(" ".join(name), bare=False)
            voted = next((x for x, y in (("m", "f"), ("f", "m")) if votes[x] and not votes[y]), None)
            if voted is None and not votes["m"] and not votes["f"] and self._one_of_surname(words):
                # 'Chris Christie ... Christie said ..., he said': the pronouns after the bare surname of the one
                # person the text names by it
                return self._surname_sex(_bare(words[-1]))
            return voted
        return None

    def _surname_of_sex(self, m: Mention, name: str) -> str:
        """A surname alone ('Somers', 'Mrs Smith') whose own words or the pronoun after it in its sentence tell a
        sex is the one person of that surname the text names in full who may be of that sex ('Somers, 33, says is certain his
        "life is in danger."' is Luke Somers, not his sister Lucy Somers); of several women, 'Mrs' is the one the
        text calls a mother or wife ('her mother Anji Smith ... Delighted Mrs Smith said' is Anji Smith, not
        her daughter Jessica Smith); 'Miss Somers', or 'Ms. Somers' where no fuller name fitted, is the one woman of the
        surname the text names in full, of several where it gives the surname a man's honorific too the one whose
        sentence goes on with her pronoun ('Lucy Somers told the Associated Press that she ...'). Else ``name``
        unchanged."""
        words = _tokens(m.text)
        honorific = self._text[max(0, m.start - 12):m.start].split()[-1:]
        if len(words) == 2 and words[0] == "Miss":
            honorific, words = words[:1], words[1:]  # the parse's mention 'Miss Somers' (no title on the lists)
        if len(words) != 1 or not words[0][:1].isupper():
            return name
        surname = _bare(words[0])
        sex = _word_sex(honorific[0]) if honorific else None
        if sex is None:
            sex = self._pronoun_sex_after(m.end)
        if not sex:
            return name
        forms = [(at, form) for at, form in _name_forms(self._text, [surname], self._memo)
                 if len(form) > 1 and form[0] != "Miss"]  # 'Miss Somers' is no first name's
        people = {" ".join(form) for _at, form in forms if self._name_sex(form) in (sex, None)}  # 'Luke' is on no list
        if len(people) > 1 and sex == "f" and honorific and honorific[0].lower().strip(".") == "mrs":
            people = {p for p in people if re.search(rf"\b(?:mother|wife)[^\S\n]+{re.escape(p)}(?![\w-])",
                                                     self._text)}
        elif self._name_sex(_tokens(name)) in (sex, None) and not _HONORED_SURNAME.fullmatch(name):
            # only a name of the other sex is replaced ('Mr. Gray' stays 'Boyden Gray', 'The Post' a paper), and an
            # honorific and the surname no fuller name took ('Ms. Somers', of a text giving 'Mr Somers' too)
            return name
        elif len(people) > 1 and len(self._honorifics.get(surname, {})) > 1:
            # of several, where the text gives the surname an honorific of either sex, those the text names in full
            # whose sentence goes on with a pronoun of the sex ('Lucy Somers told the Associated Press that she was
            # informed ...' is the sister 'Miss Somers' is, beside 'Mr Somers'); not of several women
            sexed = {" ".join(form) for at, form in forms if " ".join(form) in people
                     and self._pronoun_sex_after(at + len(" ".join(form)), capitals=False) == sex}
            if len(sexed) == 1:
                people = sexed
        return people.pop() if len(people) == 1 and name not in people else name

    def _pronoun_sex_after(self, end: int, capitals: bool = True) -> str | None:
        """The sex of the first pronoun after ``end`` in its sentence, before the next capitalised word unless
        ``capitals`` is false."""
        rest = re.split(r"[.!?\n]|\b[A-Z]" if capitals else r"[.!?\n]", self._text[end:end + 200], maxsplit=1)[0]
        pron = re.search(r"\b(he|his|himself|she|herself)\b", rest)
        return pron and ("m" if pron.group(1) in ("he", "his", "himself") else "f")

    def _one_of_surname(self, words: list[str]) -> bool:
        """Whether the text gives the surname of the name ``words`` no other first name, nor an honorific."""
        first, surname = _given_name(words), _bare(words[-1])
        if surname in self._honorifics:
            return False
        return all(_given_name(form) == first for _at, form in _name_forms(self._text, [surname], self._memo)
                   if len(form) > 1)

    def _sentence_before(self, pos: int) -> int:
        """Where the sentence before the one at ``pos`` starts (its paragraph's start at most)."""
        at = pos
        for _ in range(2):
            ends = [m.end() for m in _SENTENCE_END.finditer(self._text, max(0, at - 2000), at)]
            at = ends[-1] if ends else 0
            if at and self._text[at - 1] == "\n":
                break
        return at

    def _mention_sex(self, m: Mention) -> str | None:
        """The sex a mention's own words say ("Mrs. Clinton", "spokeswoman Jen Psaki"); its
        descriptors may be another's ("Grayson's spokeswoman")."""
        # the whole word right before the name ('Mrs. Clinton said', 'spokeswoman Hua Chunying said':
        # the mention is the name alone); a window of six characters read only 'woman' of the second
        before = self._text[max(0, m.start - 24):m.start].split() if m.start > 0 else []  # full_name's: none
        said = {x for x in map(_word_sex, [*before[-1:], *_tokens(m.text)]) if x}
        return said.pop() if len(said) == 1 else None

    def _sex(self, m: Mention) -> str | None:
        """The sex of a resolved named mention: what its name tells, else its own words. Kept, for
        each pronoun of a sex walks back over every speaker named before it."""
        key = (id(m), m.name)
        if key not in self._sexes:
            self._sexes[key] = self._name_sex(_tokens(m.name or m.text)) or self._mention_sex(m)
        return self._sexes[key]

    def resolve(self, m: Mention | None) -> str | None:
        """The normalised speaker name for a mention, in article order (call in order), a name with the
        generation's suffix the text gives it (``_suffixed``), however the mention came to it."""
        name = self._resolve(m)
        return " ".join(self._suffixed(name.split(" "))) if name else name

    def _resolve(self, m: Mention | None) -> str | None:
        if m is None:
            return None
        son = _YOUNGER.match(m.text) if m.kind in ("name", "nominal") else None
        junior = son and next((prev.name for prev in reversed(self._named) if prev.name and not prev.is_org
                               and (full := self._suffixed(prev.name.split()))[-2:-1] == [son[1]]
                               and full[-1] in _JUNIOR), None)
        if junior:
            # 'His son Donald Jr. announced ... ¶ "...," said the younger Mr. Trump' is Donald Trump Jr.
            m.name = junior
            self._named.append(m)
            return junior
        if m.kind == "name":
            m.name = self.canonical(m)
            m.name = self._kin_family_name(m, m.name)
            m.name = self._surname_of_sex(m, m.name)
            self._named.append(m)
            return m.name
        if m.kind == "pronoun":
            want_person = m.head in PERSON_PRONOUNS
            sex = _PRONOUN_SEX.get(m.head)
            skipped: Mention | None = None
            for prev in reversed(self._named):
                if sex and prev.plural and " " not in (prev.name or ""):
                    # 'Friends say Manafort ... he said' is not one of the friends; a plural the
                    # text names in full is a surname ('Bernie Sanders')
                    continue
                if want_person and not prev.is_org:
                    if sex and self._sex(prev) not in (None, sex):
                        unsexed = None if skipped else self._unsexed_named_between(prev.end, m.start, sex)
                        if unsexed is not None:
                            return unsexed
                        if skipped is None and self._tie_subject_between(prev.end, m.start, sex):
                            return None  # his unnamed girlfriend, whom a sentence since opens with, is no one named
                        skipped = skipped or prev
                        continue  # 'she' is not the 'Bill Clinton' named last
                    if skipped is not None and sex:
                        # the text may name her after the last speaker who can be she, and before
                        # the one who cannot ('Bill Clinton said ... Hillary Clinton ... she said')
                        named = self._named_between(prev.end, m.start, sex)
                        if named:
                            return named
                    if sex:
                        # a sentence the text opens with a person of the sex after the last
                        # speaker is about that person ('... Zeldin, gave the technique a whirl:
                        # "...". ¶ Mr. Trump tried to provide an answer .... In his statement, he
                        # said'): the pronoun is the subject's, not the speaker's before; so is
                        # one opened by a role ('The Pope, speaking earlier this week, offered
                        # ... "...," he said' is Pope Francis's, not the designer's quoted before)
                        by_role = self._role_between(prev.end, m.start, sex)
                        if by_role is not None:
                            return self._carry(prev, sex, m, self._subject_between(by_role[0], m.start, sex) or by_role[1])
                        subject = self._subject_between(prev.end, m.start, sex)
                        if subject is not None and subject != prev.name:
                            return self._carry(prev, sex, m, subject)
                        carried = self._carried
                        if subject is None and carried is not None and carried[0] is prev and carried[1] == sex \
                                and not self._named_again(prev, carried[3], m.start, objects=False):
                            # the subject a pronoun took is the next one's of its sex while no one else is named
                            # ('As firemen rushed ..., Mr Chien went to look for his forgetful girlfriend. ¶ He
                            # said he was "completely unaware" ... ¶ He said: "..."' is Mr Chien's, not the friend
                            # Shin Tan's quoted before), unless a role spoke since or the text names the last
                            # speaker again ('Was Szlachta satisfied with Rubio's response? "To a point," he said')
                            return self._role_spoke_last(carried[3], m.start, sex) or carried[2]
                        # a role that spoke after the last person named, whose sex nothing tells, and is
                        # none of theirs, the paragraph before at most ('In a statement, the humble officer
                        # said he was "very touched" ... ¶ "...," he said' is the officer's, not the
                        # reporter Kady O'Malley's quoted before)
                        role = None if subject or self._sex(prev) else self._role_spoke_last(prev.end, m.start, sex, prev)
                        if role is not None:
                            return role
                    return prev.name
                if not want_person and m.head == "they" and prev.is_org:
                    if not prev.plural and _PLURAL_PEOPLE.search(self._text, max(prev.end, self._sentence_before(m.start)),
                                                                 m.start):
                        # 'To White House critics, the unappetizing options are ... ¶ They argue that ...': a
                        # group of people the text names since the body is whom 'they' may stand for, not the body
                        return None
                    return prev.name
            if skipped is not None and sex:
                named = self._last_named(m.start, sex)
                if named:
                    return named
            if want_person:
                # no person named before: 'The envoy said: "..." ¶ "...," he added' is the envoy's
                role = self._role_spoke_last(-1, m.start, sex)
                if role is None and sex and m.text.lower() in ("he", "she") \
                        and not any(not prev.is_org for prev in self._named):
                    return self._first_subject(m, sex) or self._title_person(m, sex)
                return role
            return None
        if m.kind == "nominal":
            # 'an official from the ... rebel group said' is someone the text has not named: an
            # indefinite role is a new speaker, not the 'Bebars Mishal an official with ...' before it;
            # a relative pronoun's may be a name's apposition ('the Observatory a Britain-based group
            # which reports ...')
            new = m.antecedent is None and m.text.split(" ", 1)[0].lower() in _INDEFINITE
            former = "former" in m.text.lower().split()
            for prev in [] if new else reversed(self._named):
                if "former" in prev.descriptors and not former and not prev.is_org:
                    # 'the governor said' is not 'Christine Todd Whitman, the former New Jersey governor'
                    continue
                if m.head in prev.descriptors or m.head in (prev.name or "").lower().split() or (
                        m.head in _PERSON_ROLES and not prev.is_org and self._titled(m, prev)
                        and not self._other_subject_between(prev, m.start)):
                    m.descriptors |= prev.descriptors
                    return prev.name
            holder = None if new or m.antecedent is not None else self._holder_named_after(m) or self._title_holder(m)
            if holder is not None:
                m.name = holder
                self._named.append(m)  # the person a later 'he' or 'she' may stand for, as a name is
                return holder
            if m.head in DOCUMENT_NOUNS and not new:  # 'a separate report' is another report
                # 'the U.S. military said in a statement ... the statement said': the document is
                # the one its issuer spoke in, whoever named it ("the U.S. military" is no name)
                for prev, said in reversed(self._issuers):
                    if m.head in prev.descriptors:
                        return said
            text = m.text
            for art in ("the ", "a ", "an ", "The ", "A ", "An "):
                if text.startswith(art):
                    text = text[len(art):]
                    break
            self._note_issuer(m, text)
            if m.head in _PERSON_ROLES and not m.is_org and not m.plural:
                self._roles.append((m, text))
            return text
        return m.text

    def _first_subject(self, m: Mention, sex: str) -> str | None:
        """The person a 'he' or 'she' ``m`` no speaker comes before stands for: the one a sentence opens with, in its
        paragraph or the one before (``_subject_between``), when that is the person of the pronoun's sex the text
        names last (``_last_named_between``: 'Hillary Clinton wants to see D.C. become a state. ... She promised to
        "be a vocal champion for D.C. statehood"'), by a name of more than a word or a first name that tells the sex
        ('Lana, who only uses her first name, ... She boasts'). None when there is none, or someone else of that sex
        is named since, or someone the pronoun's sentence titles or names in full before it whose sex nothing tells
        ('Mr Titchmarsh asks Professor Crawley if the fungi is edible, to which he replies: "..."')."""
        subject = self._subject_between(0, m.start, sex)
        if subject is None or (" " not in subject and _first_name_sex(subject) != sex):
            return None  # ('Comcast allegedly pulled strings to get one of their customers fired from his job')
        last = self._last_named_between(0, m.start, sex)
        if last not in (None, subject):
            return None
        opened = max((hit.end() - 1 for hit in _SENTENCE_END.finditer(self._text, max(0, m.start - 400), m.start)),
                     default=max(0, m.start - 400))
        opened = max(opened, self._text.rfind("\n", 0, m.start) + 1)
        for hit in _TITLED_WORD.finditer(self._text, opened, m.start):
            if (_is_title(hit.group(1)) or _FULL_NAME.match(self._text, hit.start())) \
                    and _bare(hit.group(2)) not in _tokens(subject) and not self._in_quotation(hit.start()):
                return None
        return None if self._other_subject_since(subject, m.start, "m" if sex == "f" else "f") else subject

    def _other_subject_since(self, name: str, end: int, other: str) -> bool:
        """Whether a sentence before ``end``, after the text last names ``name`` (its surname), opens with the surname
        of someone else the text or the article's title names in full, outside quotations, not of the ``other`` sex ('Steven Joel Soltoff
        ... ¶ Foley was an independent journalist in the Middle East. In 2011, he was one of four journalists
        kidnapped ...' is no Soltoff's 'he')."""
        last = [hit.start() for hit in re.finditer(rf"(?<![\w’'-]){re.escape(_tokens(name)[-1])}(?![\w-])",
                                                   self._text[:end])]
        since = last[-1] if last else 0
        for _hit, person in [*self._people_named(True), *self._people_named()]:  # (the title's too: 'James Foley')
            words = _tokens(person.name or "")
            if not words or words[-1] == _tokens(name)[-1] or self._name_sex(words) == other:
                continue
            for hit in re.finditer(rf"(?<![\w’'-]){re.escape(words[-1])}(?![\w-])", self._text[:end]):
                if hit.start() > since and _opens_sentence(self._text, hit.start()) and not self._in_quotation(hit.start()):
                    return True
        return False

    def _title_person(self, m: Mention, sex: str) -> str | None:
        """The one person of ``sex`` the article's title names in full (``_people_named``), and no one else who may be
        of that sex, for a 'he' or 'she' ``m`` no speaker comes before, when the text names no one else before it
        who may be of that sex (FNC-1 2142, its title 'Gillian Rosenberg, the Canadian-Israeli woman fighting ISIS
        ..., has updated her Facebook page ...' over the text's '“Guys, I’m totally safe and secure,” she wrote
        Monday.'). None when the title names no one so or someone else who may be, or the text does."""
        other = "m" if sex == "f" else "f"
        names = {mention.name or "": self._name_sex(_tokens(mention.name or "")) for _h, mention in self._people_named(True)}
        if [told for told in names.values() if told != other] != [sex]:
            return None  # ('Abdel-Majed Abdel Bary ... is a suspect in the beheading of journalist James Foley': no Foley)
        name = next(n for n, told in names.items() if told == sex)
        for hit, mention in self._people_named():
            if hit.start() >= m.start:
                break
            if mention.name != name and self._name_sex(_tokens(mention.name or "")) != other:
                return None
        return name if self._last_named_between(0, m.start, sex) in (None, name) else None

    def _kin_family_name(self, m: Mention, name: str) -> str:
        """``name``, a first name alone after 'his' and a man's family tie of one family name (brother, son,
        father), with the family name of the man named last before it (``_last_named``), whom the 'his' stands for
        ('... Mr Vickers reportedly emerged, ... ¶ "...," his brother John said' is John Vickers, though Tom Mulcair
        spoke last); ``name`` when it is more than a word or no such tie stands before it, or no man is named."""
        if " " in name or m.is_org or m.plural:
            return name
        tie = _HIS_KIN.search(self._text, max(0, m.start - 40), m.start)
        if tie is None:
            return name
        owner = self._last_named(tie.start(), "m")
        words = [w for w in _tokens(owner or "") if w.rstrip(".,") not in _SUFFIXES]
        if len(words) < 2 or not words[-1][:1].isupper() or words[-1] == name:
            return name
        return f"{name} {words[-1]}"

    def _holder_named_after(self, role: Mention) -> str | None:
        """The person a definite role of one person no speaker named before holds, whom the text names after
        it, in its paragraph or the next, with the role in apposition and every word before the role's
        ('..., according to the aide. ¶ ..., said Hassan Tukur, an aide to Nigerian President Goodluck
        Jonathan' is Tukur: a paragraph the story cut had named him first). None when no such name, or when
        the first name given the role lacks a word before the role's ('the senior aide' is no 'X, an aide')."""
        if role.head not in _PERSON_ROLES or role.is_org or role.plural \
                or role.text.split(" ", 1)[0].lower() != "the":
            return None
        breaks = list(_PARAGRAPHS.finditer(self._text, role.end))
        end = breaks[1].start() if len(breaks) > 1 else len(self._text)
        modifiers = [w.lower() for w in role.text.split()[1:-1]]
        for hit in _NAME_BEFORE_APPOSITION.finditer(self._text, role.end, end):
            first = hit.group(0).split()[0]
            if _apposed_role(self._text, hit.end()) != role.head or (
                    _first_name_sex(first) is None and _written_lower(self._text, first)):
                continue  # 'In Washington, the aide said' names no one
            apposed = self._text[hit.end():hit.end() + 60].lower().split()
            if not all(w in apposed for w in modifiers):
                return None
            name = hit.group(0)
            return self.canonical(Mention(hit.start(), hit.end(), name, "name", _tokens(name)[-1]))
        return None

    def _title_holder(self, role: Mention) -> str | None:
        """The one person the text gives a definite role of one person ``role`` no speaker named before has, in a
        title right before the full name or in apposition after it, with every word before the role's, anywhere
        in the text or in the article's title, when the text names that person before the role or the title
        names them ('TV gardener Alan Titchmarsh was surprised ... ¶ The presenter found ... and said: ...' is
        Titchmarsh, whom the text calls 'TV presenter Alan Titchmarsh' paragraphs later, the first line the
        title or not). None when no one or more than one person has the role so, or the text names its holder
        after the role only (``_holder_named_after`` reads a name in apposition there)."""
        titled = {role.head, _TITLED_AS.get(role.head)}  # ('the congressman' is the one 'Rep. Duncan Hunter')
        if not (role.head in _PERSON_ROLES or role.head in _TITLED_AS) or role.is_org or role.plural \
                or role.text.split(" ", 1)[0].lower() != "the":
            return None
        modifiers = [w.lower() for w in role.text.split()[1:-1]]
        holders: set[str] = set()
        last: dict[str, Mention] = {}
        # the title's people first, named before the text's first sentence (at 0, no span: the text's own after)
        people = [(self._title, hit, Mention(0, 0, hit.group(0), "name", mention.head, name=mention.name))
                  for hit, mention in self._people_named(True)]
        people += [(self._text, hit, mention) for hit, mention in self._people_named()]
        for source, hit, mention in people:
            name = mention.name or ""
            if source is self._title or hit.end() <= role.start:
                last[name] = mention
            before = _ROLE_BEFORE.search(source, max(0, hit.start() - 40), hit.start())
            if before is not None and _role_word(before.group(1)) in titled \
                    and not _MODAL_BEFORE.search(source, max(0, before.start() - 40), before.start()):
                said = [_role_word(w) for w in source[max(0, before.start() - 40):hit.start()].split()[-4:]]
            elif _apposed_role(source, hit.end()) == role.head:
                said = source[hit.end():hit.end() + 60].lower().split()
            else:
                continue
            if all(w in said for w in modifiers):
                holders.add(name)
        if len(holders) > 1:
            # the one the article's title titles so, when the text names the others after the role only ('Rep. Duncan
            # Hunter' in the title over the text's 'the congressman said', 'Rep. Jason Chaffetz' named paragraphs on)
            ahead = {n for n in holders if n in last}
            if len(ahead) == 1 and ahead <= {m.name for _h, m in self._people_named(True)}:
                holders = ahead
        if len(holders) != 1:
            return None
        name = holders.pop()
        if name in last and last[name].end == 0:
            # the title's holder, last named where the text last gives the surname before the role ('Hunter, a member
            # of the House Armed Services Committee'), if it does: a sentence before that opens with someone else
            # does not move the story off them
            surname = _tokens(name)[-1]
            ends = [hit.end() for hit in re.finditer(rf"(?<![\w’'-]){re.escape(surname)}(?![\w-])", self._text[:role.start])]
            if ends:
                last[name] = Mention(ends[-1] - len(surname), ends[-1], surname, "name", surname, name=name)
        if name not in last or self._other_subject_between(last[name], role.start):
            return None  # '... Rubio sought to stoke positive energy ... the senator said' is no Bernie Sanders
        return name

    def _people_named(self, title: bool = False) -> list[tuple[re.Match[str], Mention]]:
        """Every full name of the text (of the article's title with ``title``) outside quotations that may be a
        person's (no body's name, no title, no word the text writes in lower case), with its mention named in
        full (``canonical``; a title's mention stands nowhere in the text), found once."""
        if title:
            if self._title_people is None:
                self._title_people = []
                for hit in _FULL_NAME.finditer(self._title):
                    if self._may_be_person(hit.group(1), hit.group(2)):
                        mention = Mention(-1, -1, hit.group(0), "name", _bare(hit.group(2)))
                        mention.name = self.canonical(mention)
                        self._title_people.append((hit, mention))
            return self._title_people
        if self._people is None:
            self._people = []
            for hit in self._full_name_hits():
                if self._in_quotation(hit.start()) or not self._may_be_person(hit.group(1), hit.group(2)):
                    continue
                mention = Mention(hit.start(), hit.end(), hit.group(0), "name", _bare(hit.group(2)))
                mention.name = self.canonical(mention)
                self._people.append((hit, mention))
        return self._people

    def _may_be_person(self, first: str, surname: str) -> bool:
        """Whether a full name (a ``_FULL_NAME``'s first name and surname) may be a person's: no title, no body's
        name, no word the text writes in lower case."""
        words = [first, _bare(surname)]
        return not (words[0] in _TITLE_CAPS or _written_lower(self._text, words[0])
                    or any(w.lower() in ORG_WORDS or _is_title(w) for w in words))

    def _named_again(self, person: Mention, start: int, end: int, objects: bool = True) -> bool:
        """Whether a capitalised word of ``person``'s name stands between ``start`` and ``end``; without
        ``objects``, not as the object of a preposition ('In an email to Mr Qureshi he said')."""
        for w in _tokens(person.name or person.text):
            if not w[:1].isupper():
                continue
            for hit in re.finditer(rf"(?<![\w’'-]){re.escape(w)}(?![\w’'-])", self._text[start:end]):
                if objects or not _AFTER_PREPOSITION.search(self._text, max(0, start + hit.start() - 30), start + hit.start()):
                    return True
        return False

    def _carry(self, prev: Mention, sex: str, m: Mention, name: str) -> str:
        """``name``, the subject a pronoun ``m`` of ``sex`` took over the last speaker named ``prev``, kept
        for the pronouns of that sex after it (``_carried``)."""
        self._carried = (prev, sex, name, m.end)
        return name

    def _note_issuer(self, m: Mention, said: str) -> None:
        """Keep a nominal speaker who spoke in a document ('the U.S. military said in a statement')."""
        if m.head not in DOCUMENT_NOUNS and m.descriptors & DOCUMENT_NOUNS:
            self._issuers.append((m, said))
