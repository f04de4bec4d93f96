"""Quotes and attributions: direct quotes from quote marks, speakers and indirect speech from the parse.

Direct quotes come from ``marks`` (robust to unbalanced marks, split quotes, multi-paragraph
quotes); the parse supplies cue verbs ("said", "told", "according to") and their subjects. A subject
and verb right after a quotation ('“...,” Trump barked') name its speaker whatever the verb, and a
cue whose clause holds the quotation beats a nearer one in another clause, and the clause a colon
right before the quotation closes beats both; an "according to" source in the sentence beats a
speaker that no speech verb gives ('According to Variety, Trump brought “SNL” ...'), while
'“...,” Sanders said, according to CNN' stays Sanders's. A quote with no cue in its own sentence
takes the subject of the verb that governs it ('He cited X as “...”'), unless it is a short phrase
whose subjects cannot speak (the "Arab Spring"), else the speaker of a line's 'Name:' lead, or of
the previous quote it continues. Indirect speech ("X said that ...", "according to X, ...") is read
from the cue's clausal complement, or the rest of the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newstrace.abbreviations import is_abbreviation
from newstrace.claims.lexicon import (
    CUE_FORMS,
    DOCUMENT_NOUNS,
    EVENT_NOUNS,
    INFINITIVE_CUES,
    NAME_PARTICLES,
    ORG_WORDS,
    PEOPLE_NOUNS,
    SPEAKER_NOUNS,
    STANCE_OBJECT_VERBS,
    STRONG_CUES,
    TITLE_WORDS,
)
from newstrace.claims.marks import MarkedQuote
from newstrace.claims.speakers import (
    NAME_PREPS,
    Mention,
    SpeakerResolver,
    body_after,
    function_word_name,
    mention_of,
    name_before_title,
    name_sex,
    rank_cut,
    title_stop,
    will_named,
)
from newstrace.claims.tags import doc_text, upos

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

#: quote marks as tokens
QUOTE_CHARS = frozenset("“”\"«»„″‘’'`") | {"``", "''"}
#: quotes this short are phrases inside a sentence, spoken by the subject of the verb governing them
SHORT_QUOTE_WORDS = 6
#: quotes this short with no cue are scare quotes ("moderate" groups), not quotations
MIN_UNCUED_WORDS = 4
#: cue verbs whose direct object is the reported content ("SANA reported 36 cases")
OBJECT_CUES = frozenset(
    ["report", "reports", "reported", "announce", "announces", "announced", "confirm", "confirms", "confirmed", "estimated", "estimates", "deny", "denies", "denied"]
)


@dataclass
class Sentence:
    """A parsed sentence and the character offset of its segment in the article text."""

    span: SpacySpan
    offset: int

    @property
    def start(self) -> int:
        return self.span.start_char + self.offset

    @property
    def end(self) -> int:
        return self.span.end_char + self.offset


@dataclass
class Attribution:
    """An attribution found in the parse, before speaker normalisation."""

    start: int  # content
    end: int
    cue: str
    cue_start: int
    mention: Mention | None
    direct: bool = False
    sentence: int = -1
    speaker: str | None = None
    extra: dict[str, int] = field(default_factory=dict)


def _tok_start(t: Token, off: int) -> int:
    return t.idx + off


def _tok_end(t: Token, off: int) -> int:
    return t.idx + len(t.text) + off


def _extent(t: Token, off: int) -> tuple[int, int]:
    """Where the phrase ``t`` heads begins and ends: its subtree's first start and last end."""
    sub = list(t.subtree)
    return min(_tok_start(x, off) for x in sub), max(_tok_end(x, off) for x in sub)


class QuoteSpans:
    """The quotations of one article as sorted spans, for fast "is this position quoted?" tests."""

    def __init__(self, quotes: Sequence[MarkedQuote]) -> None:
        spans = sorted((q.outer_start, q.outer_end) for q in quotes)
        self.starts = [a for a, _ in spans]
        # running maximum of ends, so a position inside an earlier, longer span is still found
        self.ends: list[int] = []
        for _, b in spans:
            self.ends.append(max(b, self.ends[-1]) if self.ends else b)


def _inside(pos: int, spans: QuoteSpans) -> bool:
    i = bisect_right(spans.starts, pos) - 1
    return i >= 0 and pos < spans.ends[i]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    strip = " \t\n,;:—–-"
    while s < e and text[s] in strip:
        s += 1
    while e > s and text[e - 1] in strip:
        e -= 1
    return s, e


#: nouns of time the parser takes for a subject ("Wednesday called ...", "last week writing ...")
#: an article left at the end of a clause cut before the noun it determines
_ARTICLE_END = re.compile(r"(?:\s+(?:the|a|an))?$", re.I)
_TIME_WORDS = frozenset(re.findall(r"\S+", """
    today yesterday tonight tomorrow morning afternoon evening night week weekend month year day
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
    january february april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
"""))


#: verbs of saying whose subject "it" is a body or a document that speaks
_IT_SPEAKS = STRONG_CUES | frozenset(("announced", "announces", "reported", "reports"))


#: adjectives of a speaker's manner that take a speech verb: 'X was quick to add "..."'
_EAGER = frozenset(("quick", "eager", "careful", "keen", "happy", "ready", "glad", "proud", "sorry", "quicker",
                    "reluctant", "hesitant", "loath", "anxious", "willing", "first", "fast"))


#: subjects that are not the speaker themselves (an expletive, a relative pronoun; "it" has its own rule)
_NOT_SUBJECTS = frozenset(("it", "there", "that", "which", "who"))

#: passive verbs whose subject is made or said to speak: 'X was prompted (pressed, reported) to say "..."'
_PROMPTED = frozenset(("prompted", "pressed", "asked", "forced", "compelled", "urged", "moved", "reported",
                       "said", "allowed", "expected", "invited", "encouraged", "pushed", "called"))


#: verbs whose object does what their infinitive says: 'a win that led her to declare "..."', 'That prompted
#: Rubio to make a joke and call Trump "very flexible"' (object control)
_OBJECT_CONTROL = frozenset(re.findall(r"\S+", """
    prompt prompts prompted prompting lead leads led leading force forces forced forcing urge urges urged urging
    push pushes pushed pushing press presses pressed pressing ask asks asked asking encourage encourages encouraged
    encouraging invite invites invited inviting challenge challenges challenged challenging compel compels
    compelled compelling inspire inspires inspired inspiring persuade persuades persuaded persuading convince
    convinces convinced convincing tell tells told telling beg begs begged begging implore implores implored
    imploring cause causes caused causing drive drives drove driven driving get gets got getting
"""))


#: verbs of sending a message to someone: 'X emailed supporters saying "..."' is X's
_SENT = frozenset(("emailed", "e-mailed", "sent", "texted", "mailed", "messaged", "wrote", "writes", "sends",
                   "emails", "texts"))


def _in_marks(tok: Token) -> bool:
    """Whether ``tok`` stands between an opening and a closing quote mark of its sentence (the
    nearest marks either side; a few words at most are looked at)."""
    sent = tok.sent
    left = next((t for t in reversed(tok.doc[max(sent.start, tok.i - 12):tok.i]) if t.tag_ in ("``", "''")), None)
    right = next((t for t in tok.doc[tok.i + 1:min(sent.end, tok.i + 12)] if t.tag_ in ("``", "''")), None)
    return left is not None and right is not None and left.tag_ == "``" and right.tag_ == "''"


#: the dependencies of a clause's own subject
_CLAUSE_SUBJECTS = frozenset(("nsubj", "nsubjpass", "expl", "csubj"))


def _a_person(tok: Token) -> bool:
    """Whether a subject names a person: a name, or a noun with a name in apposition ('Foley's mother, Diane
    Foley')."""
    return upos(tok) == "PROPN" or any(c.dep_ == "appos" and upos(c) == "PROPN" for c in tok.children)


def _subject(verb: Token, depth: int = 0, skip: tuple[int, int] | None = None) -> Token | None:
    """The speaker token of a cue verb; ``skip`` is a character range (the quote) it may not lie in."""
    after = [c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i and upos(c) in ("PROPN", "NOUN", "PRON")]
    children = list(verb.children)
    before = next((c for c in children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if after and before is not None:
        if not (upos(after[0]) == "NOUN" and _a_person(before) and any(
                c.dep_ == "ccomp" and c.i > after[0].i and not any(s.dep_ in _CLAUSE_SUBJECTS for s in c.children)
                for c in children)):
            # two subjects: '..., said Christine Link' is an inversion, the one before is part of the content
            return after[0]
        # not where a person named before says a clause that follows a noun after the cue and has no subject of its
        # own: 'Foley's mother, Diane Foley, said the journalist, quote, "gave his life ..."' is the mother's, the
        # journalist the subject of what she said ('Notification to the FBI, said Haas, “is taking place.”' is Haas's)
        children = [c for c in children if c not in after]
    if sum(1 for c in children if c.dep_ == "nsubj") > 1:
        # '“... Sen. John McCain,” Trump said': the parser made a quoted name a second subject;
        # the one next to the verb is the speaker, unless it is the one in quotation marks
        # ('Washington, star of television’s “Scandal,” thanked Obama for “...”')
        children.sort(key=lambda c: (_in_marks(c), abs(c.i - verb.i)))
    for c in children:
        # the subject of a passive cue ("100 civilians were reported killed") is not the speaker
        if c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl" \
                and upos(verb.head) in ("PROPN", "NOUN"):
            # 'Rikkie Wells who tweeted', 'the AP report, which notes': the relative pronoun speaks
            return c
        if c.dep_ == "nsubj" and c.lower_ not in _NOT_SUBJECTS:
            if c.lower_ in _TIME_WORDS and upos(c) != "PRON":
                continue
            if upos(c) == "ADP" and not function_word_name(c):
                continue  # 'Of Carson, Levine, who ..., said': the parser made the preposition a subject
            if verb.dep_ == "parataxis" and c.i < verb.i:
                tag = next((a for a in c.children if a.dep_ == "appos" and a.right_edge.i == verb.i - 1
                            and upos(a) in ("NOUN", "PROPN")), None)
                if tag is not None:
                    # 'Clinton, a top aide said, “is very confident”': a tag set into the clause
                    # right after its subject; the parser took the tag's subject for an apposition
                    return tag
            if skip is not None and skip[0] <= c.idx < skip[1]:
                # the quotation itself parsed as a subject: '“...,” says Geoffrey Cowan'
                continue
            return c
        if c.dep_ in ("nsubj",) and c.lower_ == "it":
            # 'It said in a statement', 'it added': a body or a document speaks (an expletive "it"
            # takes no active verb of saying)
            speaks = verb.lower_ in _IT_SPEAKS and not any(x.dep_ == "auxpass" for x in verb.children)
            return c if speaks else None
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
        if c.dep_ == "aux" and c.i == verb.i - 1 and will_named(c):
            return c  # '“...,” Will wrote': George Will, read as the modal
    # "..., telling Reuters", "responded by pointing ..., saying": the subject of the main verb
    if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and verb.head.i != verb.i and depth < 3:
        head = verb.head
        if verb.dep_ == "conj" and upos(verb) == "VERB" and upos(head) in ("NOUN", "PROPN") \
                and head.dep_ in ("dobj", "pobj") and head.i < verb.i:
            # 'He then adopted a fake Southern accent and joked, “...”': the parser joined the verb to
            # the object before it; it is the verb governing that object that the cue is joined to
            gov = head.head.head if head.dep_ == "pobj" else head.head
            if upos(gov) in ("VERB", "AUX") and gov.i < verb.i:
                head = gov
        if verb.dep_ == "conj" and _is_cue(verb) and head.dep_ in ("ccomp", "parataxis") and head.head.i < head.i \
                and _in_marks(head) and not _in_marks(verb):
            # 'she wrote: “Heard from Michael he is out of rehab” and added that ...', 'emailed supporters
            # saying: “The struggle continues” and vowing to compete': the parser joined the verb after the
            # closing mark to the quotation's; a verb of saying goes on from the verb that quotes it, not the
            # quoted subject
            head = head.head
        if verb.dep_ == "conj" and _is_cue(verb) and head.dep_ == "ccomp" and head.head.lower_ == verb.lower_ \
                and head.head.i < head.i and verb.tag_ != head.tag_:
            # 'former neighbors say DeJeus has an unmistakable voice and say that ...': the parser joined the second
            # 'say' to the clause the first one says; it goes on from that first 'say', whose subject speaks, when its
            # form is not the clause verb's ('has' and 'say'; 'Broaddrick said Hillary Clinton approached her “and
            # said, ‘...’”' is Clinton's)
            head = head.head
        if verb.dep_ == "conj" and _is_cue(verb) and head.dep_ in ("advcl", "ccomp") and head.head.i < head.i \
                and upos(head.head) in ("VERB", "AUX") and any(
                    c.dep_ == "nsubj" and c.lower_ in EVENT_NOUNS and upos(c) == "NOUN" for c in head.children):
            # 'Turkeys state-run news agency didnt say when the attack occurred and said ...': the parser joined the
            # cue to the clause of an event, which says nothing; it goes on from the verb that clause hangs on
            head = head.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and upos(head.head) in ("VERB", "AUX"):
            # 'responded by saying', 'After saying he was nervous, the man ended up ...': the
            # preposition hangs on the verb whose subject speaks
            head = head.head
        if _reported_participle(verb):
            # 'Trump told Newsmax that Mitt Romney “had a crazy policy ...,” adding, “...”': the
            # parser hung the participle on the reported clause's verb; the teller goes on speaking
            head = head.head
        if depth == 0 and verb.dep_ == "xcomp" and head.dep_ == "acomp" and head.lower_ in _EAGER \
                and head.head.i != head.i:
            # 'Trump was quick to add', 'she was careful to note': the adjective's verb has the subject
            # ('voters are likely to say', 'North Korea might be able to boost' are no one speaking)
            head = head.head
        if verb.dep_ == "xcomp" and head.lower_ in _OBJECT_CONTROL and (depth > 0 or _is_cue(verb)):
            # 'an unexpectedly strong win that led her to declare that ... “in sight”': the object
            # of a verb of prompting does what its infinitive says, not that verb's subject
            for c in head.children:
                if c.dep_ == "dobj" and c.i < verb.i and upos(c) in ("PROPN", "NOUN", "PRON") \
                        and c.lower_ not in _NOT_SUBJECTS:
                    return c
        if depth == 0 and verb.dep_ == "xcomp" and head.lower_ in _PROMPTED and _is_cue(verb):
            # 'Mr. Trump was prompted to say': the passive verb's subject says it ('they were meant
            # to show', 'not authorized to reveal' are no one speaking)
            for c in head.children:
                if c.dep_ == "nsubjpass" and upos(c) in ("PROPN", "NOUN", "PRON") \
                        and c.lower_ not in _NOT_SUBJECTS:
                    return c
        if depth == 0 and verb.dep_ in ("conj", "advcl", "pcomp") and _is_cue(verb) \
                and not any(c.dep_ == "nsubj" for c in head.children):
            # 'Silverman was joined on stage by Al Franken and joked, “...”', 'Silverman was booed
            # by Sanders supporters after telling them ...': a clause joined to a passive one shares
            # its subject, the one acted on, not the agent of "by" (whose own verb it is not)
            for c in head.children:
                if c.dep_ == "nsubjpass" and upos(c) in ("PROPN", "NOUN", "PRON") and c.lower_ not in _NOT_SUBJECTS:
                    return c
        return _subject(head, depth + 1, skip)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and upos(verb.head) in ("NOUN", "PROPN") \
            and verb.head.lower_ not in DOCUMENT_NOUNS and verb.head.i < verb.i:
        noun = verb.head
        sender = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "to" else noun.head
        if noun.dep_ in ("dobj", "dative", "pobj") and sender.lower_ in _SENT and depth < 3:
            # 'The Vermont senator emailed supporters saying: "..."': whoever sent it speaks, not
            # the addressees
            return _subject(sender, depth + 1, skip)
        if noun.lower_ in EVENT_NOUNS and upos(noun) == "NOUN":
            # 'Pope Francis ... condemned the attack describing it as "ignoble"': an event is the object the
            # participle's parse hung on, not its speaker; the verb whose object it is goes on speaking
            gov = noun.head.head if noun.dep_ == "pobj" else noun.head
            if noun.dep_ in ("dobj", "pobj") and upos(gov) == "VERB" and depth < 3:
                return _subject(gov, depth + 1, skip)
            return None
        # 'GOP primary voters saying they want a ban', 'protesters chanting': the noun speaks
        return noun
    participle = _root_participle(verb.head) if verb.dep_ == "acl" and (depth > 0 or _is_cue(verb)) else None
    if participle is not None and participle.i == verb.i:
        return verb.head
    return None


#: prepositions that tie a speaker to its body or place ('a source at', 'the Observatory for')
_TELLER_PREPS = frozenset(("at", "in", "for", "of", "from", "with"))
#: verbs that tell what was said, the ones a teller closes a report with ('..., a source told SANA',
#: '... reports say'); 'believed', 'responded', 'shows' close clauses of other kinds ('a young boy believed
#: to be ...', 'it was Nelson's condo police responded to')
_TELLING_CUES = frozenset(re.findall(r"\S+", """
    said say says told tell tells reported report reports added adds stated noted warned warn warns wrote
    claimed confirmed announced declared explained insisted quoted
"""))
#: cues whose subject may follow them ('..., said the Observatory')
_INVERTED_CUES = frozenset(("said", "says", "added", "adds", "reported", "reports"))


def _toll_before(subj: Token, cue: Token) -> bool:
    """Whether the subject the parser gave a cue is a count right after a verb that lost it as its object:
    '... killed 1102 people said the Observatory', '... wounded more than 60 people said', 'killed at least 36
    people including children opposition activists said' (FA-KES, commas lost)."""
    if subj.dep_ != "nsubj" or subj.i > cue.i or subj.tag_ != "NNS" or cue.lower_ not in _TELLING_CUES \
            or not any(c.dep_ == "nummod" and c.tag_ == "CD" for c in subj.children):
        return False
    j = subj.left_edge.i - 1
    if j < cue.sent.start:
        return False
    verb = cue.doc[j]
    return upos(verb) == "VERB" and verb.tag_ in ("VBD", "VBN", "VBZ", "VBP") \
        and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children)


def _teller_around(cue: Token, victims: Token) -> Token | None:
    """The teller of a toll the parser made a cue's subject (``_toll_before``): the noun phrase right after
    the cue ('said the Syrian Observatory for Human Rights') or the one ending right before it inside the
    count's phrase ('... including children opposition activists said')."""
    after = _teller_after(cue)
    if after is not None:
        return after
    t = cue.doc[cue.i - 1]
    if victims.i < t.i <= victims.right_edge.i and upos(t) in ("NOUN", "PROPN"):
        t = _phrase_speaker(t, victims.i)
        m = mention_of(t, 0)
        if m is not None and m.start > victims.idx and _can_speak(m):
            return t
    return None


def _teller_after(cue: Token) -> Token | None:
    """The noun phrase right after an inverted cue ('said the Syrian Observatory for Human Rights'), when it
    may speak and is not what was said of someone ('reported the White House as saying')."""
    doc = cue.doc
    if cue.i + 1 >= cue.sent.end or cue.lower_ not in _INVERTED_CUES:
        return None
    t = doc[cue.i + 1]
    while t.dep_ in ("det", "compound", "amod") and cue.i < t.head.i <= t.i + 4:
        t = t.head
    if t.lower_ in _TIME_WORDS or not (t.dep_ == "dobj" or (t.dep_ == "nsubj" and t.head.tag_ == "VBG")):
        return None  # 'said Saturday'; a word of what was said ('said US Secretary of State John Kerry will')
    m = mention_of(t, 0) if upos(t) in ("NOUN", "PROPN") else None
    if m is None or m.kind == "pronoun" or not _can_speak(m):
        return None
    nxt = t.right_edge.i + 1
    if nxt < cue.sent.end and doc[nxt].tag_ in ("MD", "VBD", "VBZ", "VBP"):
        return None  # 'said US Secretary of State John Kerry will meet ...': the subject of what was said
    if nxt + 1 < cue.sent.end and doc[nxt].lower_ == "as" and doc[nxt + 1].tag_ == "VBG":
        return None
    return t


def _toll_end(text: str, start: int, teller: Mention, cue: int) -> int:
    """Where the toll from ``start`` that a teller reports ends: at the cue, or where a teller before the
    cue begins ('... former residents and a war monitor said' ends before 'and a')."""
    end = teller.start if teller.start < cue else cue
    return start + len(_ARTICLE_END.sub("", re.sub(r"\s+(?:and|or)$", "", text[start:end].rstrip())))


def _teller_before(verb: Token) -> Token | None:
    """The subject the parser took from a finite cue that closes the clause it reports: in SANA's
    'Terrorists fired rocket shells on al-Midan neighborhood[,] a source at Aleppo Police Command told
    SANA' (FA-KES, commas lost) and 'Air strikes killed 13 people ... civil defense official Ibrahim
    Abu al-Laith told Reuters' the cue was joined to the reported clause's verb and its subject hung
    on a noun in that clause, so the clause's subject ('Terrorists', 'Air strikes') would speak.
    The noun phrase ending right before such a cue, after the verb it is joined to, is the teller,
    when it may speak (a name, a role, a source, a body of people): a verb joined to another one
    shares its subject only after 'and' or a comma ('fired ... and told'), never right after a noun.
    A teller set after the cue ('... said the Syrian Observatory'), which the parser made its object,
    speaks too."""
    head = verb.head
    if verb.dep_ not in ("conj", "advcl") or verb.tag_ not in ("VBD", "VBZ", "VBP") or head.i >= verb.i \
            or head.dep_ in ("relcl", "acl") or verb.lower_ not in _TELLING_CUES or not _is_cue(verb) \
            or any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children):
        return None
    j = verb.i - 1
    t = verb.doc[j]
    if j <= head.i or upos(t) not in ("NOUN", "PROPN") or t.lower_ in _TIME_WORDS or t.text in QUOTE_CHARS:
        return None  # 'fired ... and told', 'fired ..., telling': the subject is shared
    after = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if after is not None and verb.lower_ in _INVERTED_CUES:
        # '... near the town of Adra east of Damascus said the Syrian Observatory': the subject after
        # the cue, which the parser made its object ('Reuters reported the White House as saying' is
        # an object)
        m = mention_of(after, 0)
        nxt = verb.doc[after.right_edge.i + 1] if after.right_edge.i + 1 < verb.sent.end else None
        if m is None or m.kind == "pronoun" or not _can_speak(m) or (nxt is not None and nxt.lower_ == "as"):
            return None
        return after
    t = _phrase_speaker(t, head.i)
    if any(a.dep_ == "acl" for a in t.ancestors if a.i > head.i):
        return None  # 'Video posted to a YouTube channel associated with ISIS shows ...': a modifier's noun
    m = mention_of(t, 0)
    if m is None or not m.start <= t.idx < m.end or not _can_speak(m):
        return None  # the parser's phrase is not the one before the cue ('... four children Al Jazeera')
    return t


#: adjectives set after a noun of people that tie them to a body ('sources close to the group',
#: 'officials familiar with the talks', 'fighters loyal to the government')
_TIE_ADJECTIVES = frozenset(("close", "closer", "familiar", "loyal", "near", "linked", "allied", "affiliated",
                             "opposed", "connected", "related"))


def _phrase_speaker(t: Token, floor: int) -> Token:
    """The speaker noun of the phrase ending in ``t``, right before a cue that lost its subject (comma-less
    text, FA-KES): 'a source at Aleppo Police Command' and 'the Syrian Observatory for Human Rights'
    climb to the noun right before the preposition ('through their sixth winter in a war zone UN
    agencies said' does not: 'winter' cannot speak), 'sources close to the group' through the adjective
    set after its noun, and 'Mohammad Idelbi father of the family' on to the name the role describes.
    Only words after ``floor`` (the verb the cue is joined to) are taken."""
    while t.dep_ == "pobj" and t.head.dep_ == "prep":
        prep = t.head
        up_tok = prep.head
        if upos(up_tok) == "ADJ" and up_tok.lower_ in _TIE_ADJECTIVES and up_tok.i == prep.i - 1 \
                and up_tok.dep_ == "amod" and up_tok.head.i == up_tok.i - 1:
            up_tok = up_tok.head  # 'sources close to the group'
        elif prep.lower_ not in _TELLER_PREPS or up_tok.i != prep.i - 1:
            break
        if upos(up_tok) not in ("NOUN", "PROPN") or up_tok.i <= floor:
            break
        up, below = mention_of(up_tok, 0), mention_of(t, 0)
        if up is None or below is None:
            break
        if below.kind == "name" and not below.is_org and up.kind != "name" and up.head in TITLE_WORDS \
                and len(below.text.split()) >= 3:
            # 'UN special envoy for Syria Staffan de Mistura': the title's object is one word, and a
            # person's name follows it (``mention_of`` reads the title's object so)
            break
        if up.kind == "name" and prep.lower_ in ("in", "at"):
            break  # a place in a place ('several regions of Idlib in northwestern Syria said')
        # past a speaker noun only to a name or another speaker noun; past other words only to a role of
        # something that is no speaker describing a name ('father of the family'): a speaker noun heads its
        # phrase ('an ally of President Bashar al-Assad sources close to the group')
        if not (up.kind == "name" or _speakerish(up)) \
                and (_named_role(up_tok, floor) is None or below.kind == "name" or _speakerish(below)):
            break
        t = up_tok
    t = _named_role(t, floor) or t
    return _relative_antecedent(t, floor) or t


def _relative_antecedent(t: Token, floor: int) -> Token | None:
    """The speaker a relative clause ending in ``t`` (a word that cannot speak, right before a cue that
    lost its subject) describes: 'a White House official who spoke anonymously to discuss internal
    strategy said' is the official's. Only words after ``floor`` are taken."""
    if _can_speak(mention_of(t, 0)):
        return None
    h = t
    while h.head.i != h.i and h.i > floor and h.dep_ != "relcl":
        h = h.head
    ante = h.head
    if h.dep_ == "relcl" and floor < ante.i < t.i and upos(ante) in ("NOUN", "PROPN") \
            and _can_speak(mention_of(ante, 0)):
        return ante
    return None


def _named_role(t: Token, floor: int) -> Token | None:
    """The name a role set after it without a comma describes ('Mohammad Idelbi father of the family')."""
    if t.dep_ != "appos" or upos(t) != "NOUN" or t.tag_ != "NN" or t.head.i != t.left_edge.i - 1 \
            or t.head.i <= floor or upos(t.head) != "PROPN" or t.lower_ in ORG_WORDS:
        return None  # 'the area of Mayadeen the ministry said': a body is no one's role
    m = mention_of(t.head, 0)
    return t.head if m is not None and m.kind == "name" and not m.is_org else None


def _reported_participle(verb: Token) -> bool:
    """Whether ``verb`` is a speech participle set off by a comma after a clause reported by a cue
    before it ('X told Newsmax that Y “...,” adding, “...”'), which the parser hung on the reported
    clause's verb, so that its subject would be the reported clause's (Y) rather than the
    reporter's. The reported verb must be no cue itself: in 'Comey cannot say that “...,”
    Lewandowski added, saying ...' the participle is the tag's ('added'), rightly Lewandowski's."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or not _is_cue(verb) or head.dep_ != "ccomp" or _is_cue(head):
        return False
    outer = head.head
    if not _is_cue(outer) or outer.i > head.i or head.i > verb.i:
        return False
    before = verb.doc[max(0, verb.i - 2):verb.i]
    return any(t.text == "," for t in before)


def _own_statement_between(top: Token, tok: Token) -> bool:
    """Whether ``tok`` lies in a conjunct of ``top`` with a subject of its own: 'Cruz said he'd make sand
    "glow in the dark," and Trump vowed to "bomb the hell" out of ...' joins Trump's clause to Cruz's
    verb, and Trump's words are no part of what Cruz said (as ``_outermost_reporter`` reads such a
    conjunct). A conjunct inside the reported clause is reported with it ('He said Sanders has been
    "...," and Democrats would need to "depend on Bernie"'), and one whose subject is a pronoun most often
    goes on with the same speaker ('Joe Bateman ... says there's a "long road ahead" but he feels
    confident that Cruz will "blow away people's expectations"', PolNeAR's Bateman)."""
    h = tok
    while h.i != top.i and h.head.i != h.i:
        if h.dep_ == "conj" and h.head.i == top.i \
                and any(c.dep_ in ("nsubj", "nsubjpass") and upos(c) != "PRON" for c in h.children) \
                and not any(c.dep_ == "mark" and c.lower_ == "that" for c in h.children):
            return True
        h = h.head
    return False


def _outermost_reporter(tok: Token) -> Token | None:
    """The outermost speech verb with a subject that reports the clause of ``tok``: the parse is
    climbed through clausal complements ('She noted that Sanders ... has criticized ...'), open ones
    and conjuncts that share their subject ('... and called the president "weak"'), or that are a
    complement of their own ('says the administration should ... and that she expects Obama to
    announce an "intensification"'). A conjunct with a subject of its own is a statement of its own
    ('Puerto Rico has been warning that ..., and Ms. Acosta said the "extraordinary measures" ...')."""
    top = None
    h = tok
    for _ in range(8):
        if h.head.i == h.i or h.dep_ not in ("ccomp", "xcomp", "conj"):
            break
        if h.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children) \
                and not any(c.dep_ == "mark" and c.lower_ == "that" for c in h.children):
            break
        h = h.head
        if h.lower_ in _CHANNEL_VERBS:
            break  # 'The Daily Mail reports that one eyewitness ... told a local station, "..."'
        subj = _subject(h) if _is_cue(h) else None
        if subj is not None:
            if subj.lower_ in _MEDIA_HEADS:
                break  # 'Huffington Post reports', 'The Post said that ...': a channel passes words on
            top = h
    return top


#: head words of a news outlet, which passes on the words of those it reports ('The Post said that in an
#: interview ..., Rosenberg said she had decided ... "because they are our brothers"'), as 'according to'
#: and 'reported' do (_CHANNEL_VERBS)
_MEDIA_HEADS = frozenset(re.findall(r"\S+", """
    times post journal news mail herald tribune telegraph guardian mirror globe examiner chronicle gazette
    newspaper paper magazine outlet outlets network networks television tv radio channel station press
    bbc cnn nbc abc cbs msnbc reuters ap afp bloomberg politico breitbart huffpost
"""))


def _root_participle(noun: Token) -> Token | None:
    """The verb of a sentence the parser left without one: "O'Malley, who signed gun laws as
    governor, interjected to say: “...”" and '“...!” the presumptive GOP nominee, Donald Trump,
    tweeted Sunday' made the past tense after a long subject a participle modifying it (as in 'the
    words spoken'), and the noun the sentence's root. With the noun the root, such a participle
    (active: no auxiliary, no 'by' agent) is the sentence's verb and the noun its subject."""
    if noun.dep_ != "ROOT" or upos(noun) not in ("NOUN", "PROPN"):
        return None
    return next((c for c in noun.rights if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD")
                 and not any(x.dep_ in ("auxpass", "aux", "agent") for x in c.children)), None)


#: credit lines ("Additional reporting by ...; Writing by ...; Editing by ...") name the newsroom's
#: staff; the line after them is no statement of theirs
_CREDIT_CUES = frozenset(("reporting", "writing", "editing"))


#: forms of 'claim' whose object may be lives taken, not words said
_CLAIM_FORMS = frozenset(("claim", "claims", "claimed", "claiming"))
_LIVES = frozenset(("life", "lives"))
#: nouns counting the lives a toll claimed ('hundreds of lives')
_MANY = frozenset(("hundreds", "thousands", "dozens", "scores", "tens", "millions", "number", "lot", "lots"))


def _claims_lives(t: Token) -> bool:
    """'claimed hundreds of lives', 'claiming the lives of at least 32 people': a toll, not speech
    (FA-KES dev: the sentence was a claim of 'airstrikes', of 'Assad regimes air force'). Read from
    the words after the verb, as the parse made 'hundreds of lives' the subject of the clause after it."""
    if t.lower_ not in _CLAIM_FORMS:
        return False
    for w in t.doc[t.i + 1:t.i + 8]:
        if w.lower_ in _LIVES:
            return True
        if w.lower_ in ("that", "this", "these", "those") or not (upos(w) in ("DET", "NUM", "ADJ", "ADV") or w.lower_ in ("of", "than", "their", "its", "his", "her")
                or w.lower_ in _MANY):
            return False
    return False


#: what forces respond with or by, not words: 'regime forces responded with air raids', 'the Syrian army
#: responded to the militants offensive by bombing areas around the airport'
_FORCE = frozenset(re.findall(r"\S+", """
    force forces firepower fire gunfire strikes airstrikes air-strikes raids bombardment bombardments
    shelling artillery missiles missile rockets rocket mortars barrage offensive violence crackdown
    bombing bombings bombs bullets troops tanks weapons arms retaliation counterattack counter-attack
    counteroffensive counter-offensive attacks attack operation operations sanctions
    bombing shelling firing launching attacking striking shooting deploying sending killing targeting
    storming raiding pounding hitting
"""))
_RESPOND_FORMS = frozenset(("respond", "responds", "responded", "responding"))


def _responds_in_kind(t: Token) -> bool:
    """'regime forces responded with air raids to rebel rocket and artillery fire': a military act, not
    an answer (FA-KES dev: the clause before it was a claim of 'regime forces'); 'responded with a
    statement', 'responded by saying' stay speech."""
    if t.lower_ not in _RESPOND_FORMS:
        return False
    return any(p.dep_ == "prep" and p.lower_ in ("with", "by")
               and any(o.dep_ in ("pobj", "pcomp") and o.lower_ in _FORCE for o in p.children) for p in t.children)


def _is_cue(t: Token) -> bool:
    """A speech verb: one of the lexicon's, or the idiom 'put it' ('as he puts it, “...”')."""
    if t.lower_ in ("put", "puts") and any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.children):
        return True
    if t.lower_ not in CUE_FORMS:
        return False
    if t.lower_ in _CREDIT_CUES and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "by":
        return False
    if _claims_lives(t) or _responds_in_kind(t):
        return False
    return upos(t) in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")


def find_attributions(
    text: str, sents: list[Sentence], quotes: Sequence[MarkedQuote], *, broad: bool = False
) -> list[Attribution]:
    """Cue-based attributions in parsed sentences; content is the reported clause or the rest of the sentence.

    With ``broad``, any verb whose subject is a person or body and that takes a complement counts
    ("Trump proposed barring ...", "Clinton is calling for ..."): PolNeAR's notion of attribution,
    which covers stances and acts as well as speech.
    """
    out: list[Attribution] = []
    spans = QuoteSpans(quotes)
    for si, sent in enumerate(sents):
        off = sent.offset
        span = sent.span
        for t in span:
            low = t.lower_
            if not broad and low not in CUE_FORMS and low != "according" and low != "in":
                continue
            pos = _tok_start(t, off)
            if _inside(pos, spans):
                continue
            # according to X
            if t.lower_ == "according" and t.i + 1 < span.end and t.doc[t.i + 1].lower_ == "to":
                to = t.doc[t.i + 1]
                objs = [c for c in to.children if c.dep_ == "pobj"]
                if not objs:
                    continue
                src = objs[0]
                phrase_end = _extent(src, off)[1]
                m = mention_of(src, off)
                if m is not None and m.kind == "nominal" and m.head in _MANNER_NOUNS:
                    # 'according to their type, location and flight patterns', 'according to plan':
                    # a manner, not a source
                    continue
                s, e = sent.start, sent.end
                if pos - s > e - phrase_end:
                    cs, ce = _trim(text, s, pos)
                else:
                    cs, ce = _trim(text, phrase_end, e)
                if ce - cs > 8:
                    out.append(Attribution(cs, ce, "according to", pos, m, False, si))
                continue
            if low == "in" and t.dep_ == "prep" and t.head.dep_ == "ROOT":
                found = _in_source(text, t, sent, si)
                if found is not None:
                    out.append(found)
                continue
            found = None
            if _is_cue(t):
                found = _cue_attribution(text, t, sent, si)
            if found is None and broad:
                # stance verbs and nouns, and speech verbs with a plain object ("criticized the deal")
                found = _broad_attribution(text, t, off, si)
            if found is not None:
                out.append(found)
    return out


#: what a survey, an interview or a document says: 'In a Fox poll, Cruz had 38 percent'
_IN_SOURCES = frozenset(re.findall(r"\S+", """
    poll polls survey surveys interview interviews statement speech op-ed editorial column letter memo
    report book tweet post video ad advertisement filing study analysis
"""))


#: sources that measure rather than speak: in 'In a Fox poll, Cruz had 38 percent' Cruz is measured
_MEASURES = frozenset(("poll", "polls", "survey", "surveys", "study", "analysis"))


def _in_source(text: str, t: Token, sent: Sentence, si: int) -> Attribution | None:
    """'In a Fox poll, Cruz had 38 percent support': the poll is the source, the clause the content."""
    objs = [c for c in t.children if c.dep_ == "pobj" and c.lower_ in _IN_SOURCES]
    if not objs or t.i > sent.span.start + 1:
        return None
    spoken = _is_cue(t.head)
    if spoken and _cue_attribution(text, t.head, sent, si) is not None:
        # 'In a statement, the SDF said they had taken the town': the speech verb reports its own
        # clause, and the statement is what its subject spoke in (``_cue_attribution``)
        return None
    off = sent.offset
    phrase_end = _extent(t, off)[1]
    # A speech verb the parse gave no clause is still the cue, and what follows it the content:
    # FNC-1 train body 1187's 'In a statement Thursday, Pentagon press secretary Rear Adm. John
    # Kirby acknowledged for the first time that a raid ...' (its 'that' clause hung on 'time')
    # was a quotation of the whole sentence after 'In', its speaker's name included, 'In' its cue
    cue = t.head if spoken else t
    cs, ce = _trim(text, _tok_end(cue, off) if spoken else phrase_end, sent.end)
    if ce - cs <= 8:
        return None
    source = mention_of(objs[0], off)
    if objs[0].lower_ not in _MEASURES:
        # 'In a statement, the DNC said ...', 'In an interview, Trump doubled down ...': the statement
        # or interview is where the clause's subject spoke, and that subject is the source
        subj = _subject(t.head) if upos(t.head) in ("VERB", "AUX") else None
        m = mention_of(subj, off) if subj is not None and _tok_start(subj, off) >= phrase_end else None
        if _can_speak(m):
            source = m
    return Attribution(cs, ce, cue.text, _tok_start(cue, off), source, False, si)


def _cue_attribution(text: str, t: Token, sent: Sentence, si: int) -> Attribution | None:
    """The attribution a speech verb makes: its reported clause or object, or the rest of the sentence."""
    off, pos = sent.offset, _tok_start(t, sent.offset)
    if any(c.dep_ == "auxpass" for c in t.children) and not any(c.dep_ == "agent" for c in t.children):
        # "civilians were reported killed": a passive cue without "by X" names no speaker,
        # and its subject is what was reported, not who reported it
        return None
    subj = _teller_before(t) or _subject(t)
    if subj is None and t.dep_ == "dep":
        # 'Multiple sources privy to negotiations say ...': the cue hung on the subject's predicate
        subj = next((c for c in t.head.children if c.dep_ == "nsubj" and c.i < t.i), None)
    if subj is None and t.dep_ == "ROOT" and any(c.dep_ == "ccomp" and c.i < t.i for c in t.children):
        # '... in the province of Deir Ezzor said the Syrian Observatory': the parser made the teller after
        # the cue its object, and the word before the cue is the reported clause's
        subj = _teller_after(t)
        outlet = subj is not None and subj.i > 0 and subj.doc[subj.i - 1].lower_ == "the" \
            and subj.lower_.rstrip(".") not in TITLE_WORDS
    else:
        outlet = False
    if subj is None and t.dep_ == "ROOT":
        subj = _noun_before(t)
        if subj is not None:
            subj = _phrase_speaker(subj, t.sent.start - 1)
    # '... killed 1102 people said the Observatory': the count is the object the verb before it lost
    teller = _teller_around(t, subj) if subj is not None and _toll_before(subj, t) else None
    if teller is not None:
        subj = teller
    m = mention_of(subj, off) if subj is not None else None
    if m is not None and outlet and m.kind == "name" and " " not in m.text:
        # 'reported the Independent': one word after 'the' is an outlet, no person a later 'he' stands for
        m.is_org = True
    if m is not None and teller is not None:
        lead = [c for c in teller.lefts if c.dep_ == "compound"]
        if lead and lead[0].tag_ == "NNS" and m.start == lead[0].idx + off:
            # 'including children opposition activists said': the plural before the teller is counted
            cut = (lead[1] if len(lead) > 1 else teller).idx + off
            m.start, m.text = cut, text[cut:m.end]
    if m is not None:
        # 'In a statement, the SDF said ...': a later 'the statement said' is theirs
        m.descriptors |= {g.lower_ for c in t.children if c.dep_ == "prep" and c.lower_ == "in"
                          for g in c.children if g.dep_ == "pobj" and g.lower_ in DOCUMENT_NOUNS}
    comp = [
        c for c in t.children
        if (c.dep_ == "ccomp" or (c.dep_ == "xcomp" and t.lower_ in INFINITIVE_CUES))
        and upos(c) in ("VERB", "AUX")
    ]
    if not comp and t.lower_ in OBJECT_CUES:
        comp = [c for c in t.children if c.dep_ == "dobj"]
    if not comp and t.lower_ in OBJECT_CUES:
        comp = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children
                if g.dep_ == "pobj"]
    if comp:
        c = comp[0]
        cs, ce = _extent(c, off)
        # "that" before a clause belongs with the content, as annotators mark it
        for x in t.children:
            if x.dep_ == "mark" and x.i < c.i:
                cs = min(cs, _tok_start(x, off))
        if m is not None and cs < m.start < ce and (ce <= m.end or m.start >= _tok_end(c, off)):
            # '... were IS fighters the Syrian Observatory for Human Rights said': the parser hung
            # the speaker on the reported clause, which ends where the speaker begins
            before = text[cs:m.start].rstrip()
            ce = cs + len(before) - (4 if before.lower().endswith(" the") else 0)
        if teller is not None and m is not None:
            cs, ce = _trim(text, cs, _toll_end(text, cs, m, pos))
        cs, ce = _trim(text, cs, ce)
        return Attribution(cs, ce, t.text, pos, m, False, si) if ce > cs else None
    if t.dep_ == "conj" and t.tag_ == "VBG" and any(c.dep_ == "dobj" for c in t.children):
        # "due to security conditions and reporting restrictions": a gerund joined to another verb
        # with an object of its own acts on that object; it does not report the sentence around it
        return None
    if t.dep_ in ("parataxis", "advcl", "conj"):
        # "..., he said." — the content is the sentence minus the cue clause
        a, b = _extent(t, off)
        s, e = sent.start, sent.end
        if a - s > e - b:
            cs, ce = _trim(text, s, a)
            if m is not None and cs < m.start < ce and m.start >= _tok_end(t.head, off):
                # the teller closing the clause it reports (``_teller_before``) is not its content
                before = _ARTICLE_END.sub("", text[cs:m.start].rstrip())
                cs, ce = _trim(text, cs, cs + len(before))
            if teller is not None and m is not None:
                cs, ce = _trim(text, cs, _toll_end(text, cs, m, pos))
        else:
            cs, ce = _trim(text, b, e)
        if ce - cs > 8 and m is not None:
            return Attribution(cs, ce, t.text, pos, m, False, si)
    return None


_LIGHT_VERBS = frozenset(re.findall(r"\S+", """
    is are was were be been being am has have had having do does did get gets got take takes took taken
    make makes made go goes went gone come comes came own owns owned run runs ran running
"""))
#: verbs of doing, having, moving and competing: their object is no stance or statement ("Trump won
#: Iowa", "Clinton spent $2 million", "Sanders met the pope"), so broad mode does not attribute them
_ACTION_VERBS = frozenset(re.findall(r"\S+", """
    become becomes became becoming remain remains remained
    win wins won winning hold holds held holding spend spends spent spending enter enters entered entering
    earn earns earned earning lose loses lost losing send sends sent sending put puts putting
    pick picks picked picking raise raises raised raising bring brings brought bringing
    give gives gave given giving beat beats beating receive receives received receiving
    join joins joined joining lead leads led leading leave leaves left leaving start starts started starting
    visit visits visited visiting carry carries carried carrying turn turns turned turning
    pay pays paid paying end ends ended ending cut cuts cutting suffer suffers suffered suffering
    attend attends attended attending play plays played playing marry marries married marrying
    conduct conducts conducted conducting return returns returned returning meet meets met meeting
    arrive arrives arrived arriving fly flies flew flying serve serves served serving
    travel travels traveled travelled traveling travelling move moves moved moving
    stand stands stood standing reach reaches reached reaching team teamed hop hopped
    work works worked working score scores scored scoring clinch clinched clinching secure secured securing
    grab grabs grabbed grabbing widen widens widened widening trail trails trailed trailing
    sit sits sat sitting fall falls fell falling gather gathers gathered gathering collect collects collected
    shake shakes shook shaking wear wears wore wearing drive drives drove driving live lives lived living
    eat eats ate eating buy buys bought buying sell sells sold selling build builds built building
    suspend suspends suspended suspending close closes closed closing open opens opened opening
    sign signs signed signing hire hires hired hiring fire fires fired firing kill kills killed killing
    walk walks walked walking run runs ran running surge surges surged surging rise rises rose rising
    celebrate celebrates celebrated celebrating host hosts hosted hosting launch launches launched launching
    continue continues continuing need needs needed needing make makes making try tries trying keep keeps
    manage manages managed managing prepare prepares preparing set sets setting include includes included
    including happen happens happened break breaks breaking rely relies relied relying
    struggle struggles struggled struggling search searches searched searching
    represent represents represented representing contribute contributes contributed contributing
    face faces faced facing pose poses posed posing draw draws drew drawn drawing
    place places placed placing battle battles battled battling account accounts accounted accounting
    sweep sweeps swept sweeping convert converts converted converting vie vies vied vying
    capitalize capitalizes capitalized capitalizing stump stumps stumped stumping
"""))
#: nouns of relation, role or event: 'his campaign for president', 'her battle with cancer' state no stance
_NON_STANCE_NOUNS = frozenset(re.findall(r"\S+", """
    campaign campaigns chief battle battles relationship relationships history ties way ways meeting meetings
    interview interviews role roles time times team teams run career family wife husband son daughter life
    tenure term bid race home office staff supporters members side trip visit visits lack share
    state lead win wins victory victories chance chances director rivals contest contests differences
    appearance appearances
"""))
#: speech verbs whose prepositional object is the addressee or the occasion, unless it is a topic
_TALK_VERBS = frozenset(re.findall(r"\S+", "speak speaks spoke spoken speaking talk talks talked talking"))
_STANCE_PREPS = frozenset(("for", "on", "about", "against", "to", "of", "with", "over"))


def _stance_attribution(text: str, t: Token, content: Token, off: int, m: Mention | None, si: int) -> Attribution | None:
    """The stance ``t`` gives ``m`` of the phrase ``content`` heads (the broad rules': verbs, nouns
    and light verbs); None when the phrase trims to nothing."""
    cs, ce = _trim(text, *_extent(content, off))
    if ce <= cs:
        return None
    return Attribution(cs, ce, t.text, _tok_start(t, off), m, False, si)


def _nominal_attribution(text: str, t: Token, off: int, si: int) -> Attribution | None:
    """'Trump's call for a ban', 'his opposition to the TPP', 'Clinton's plan to raise taxes'.

    A noun whose owner is a person or body and that takes a complement states that owner's
    stance: PolNeAR annotates these as attributions with the possessor as source.
    """
    owner = next((c for c in t.children if c.dep_ == "poss"), None)
    if owner is None or t.lower_ in _NON_STANCE_NOUNS:
        return None
    m = mention_of(owner, off)
    if not _can_speak(m):
        return None
    comp = [g for c in t.children if c.dep_ == "prep" and c.i > t.i and c.lower_ in _STANCE_PREPS
            for g in c.children if g.dep_ in ("pobj", "pcomp")]
    if not comp:
        comp = [c for c in t.children if c.dep_ in ("acl", "ccomp") and c.i > t.i and upos(c) == "VERB"
                and any(x.dep_ in ("aux", "mark") for x in c.children)]
    if not comp:
        return None
    return _stance_attribution(text, t, comp[0], off, m, si)


def _light_attribution(text: str, t: Token, off: int, si: int) -> Attribution | None:
    """A copula or light verb carrying a stance: 'Cruz was critical of Obama', 'he had no doubts about it'.

    The stance is the adjective or noun after the verb; what it is about (its prepositional
    object) is the content.
    """
    if t.dep_ in ("aux", "auxpass", "amod", "compound"):
        return None
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    m = mention_of(subj, off)
    if not _can_speak(m):
        return None
    for c in t.children:
        if c.dep_ != "acomp" and not (c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
            continue
        comp = [g for p in c.children if p.dep_ == "prep" and p.lower_ in _STANCE_PREPS
                for g in p.children if g.dep_ in ("pobj", "pcomp")]
        found = _stance_attribution(text, t, comp[0], off, m, si) if comp else None
        if found is not None:
            return found
    return None


#: raising verbs that hedge what follows on no one's word: 'the deal seems to be dead', 'it appears
#: that ...'; and passives of saying and expecting ('Clinton is expected to win', 'is said to be')
_SEEM_VERBS = frozenset(re.findall(r"\S+", "seem seems seemed appear appears appeared"))
_HEARSAY_PASSIVES = frozenset(re.findall(r"\S+", "expected said believed thought rumored rumoured reported"))


def _evidential_attribution(text: str, t: Token, off: int, si: int) -> Attribution | None:
    """'Clinton is expected to win', 'the story seemed wasted on supporters': PolNeAR's attributions
    without a source. The content is the subject with the complement it is hedged into."""
    if t.lower_ in _HEARSAY_PASSIVES:
        if not any(c.dep_ == "auxpass" for c in t.children) or any(c.dep_ == "agent" for c in t.children):
            return None
        comps: tuple[str, ...] = ("xcomp",)
    else:
        comps = ("xcomp", "ccomp", "acomp")
    comp = next((c for c in t.children if c.dep_ in comps and c.i > t.i), None)
    if comp is None or (comp.dep_ != "acomp" and upos(comp) not in ("VERB", "AUX")):
        return None
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i), None)
    first = subj.left_edge if subj is not None and subj.lower_ not in ("it", "there") else comp.left_edge
    cs, ce = _trim(text, _tok_start(first, off), max(_tok_end(x, off) for x in comp.subtree))
    if ce - cs <= 8:
        return None
    m = None
    if t.lower_ in _SEEM_VERBS and subj is not None:
        # 'Obama himself seemed to recognize ...', 'he seems to feel ...': a person who seems to think
        # or do something is the source of that stance; 'the deal seems dead' has none
        m = mention_of(subj, off)
        if not _can_speak(m):
            m = None
    return Attribution(cs, ce, t.text, _tok_start(t, off), m, False, si, extra={"sourceless": int(m is None)})


def _broad_attribution(text: str, t: Token, off: int, si: int) -> Attribution | None:
    if t.lower_ in _SEEM_VERBS or t.lower_ in _HEARSAY_PASSIVES:
        found = _evidential_attribution(text, t, off, si)
        if found is not None or t.lower_ in _SEEM_VERBS:
            return found
    if upos(t) == "NOUN":
        return _nominal_attribution(text, t, off, si)
    if t.lower_ in _LIGHT_VERBS:
        return _light_attribution(text, t, off, si) if upos(t) in ("VERB", "AUX") else None
    if t.lower_ in _ACTION_VERBS:
        return None
    if upos(t) != "VERB" or t.tag_ == "MD" or t.dep_ in ("amod", "compound", "aux", "auxpass"):
        return None
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    if subj is None and t.dep_ in ("conj", "xcomp", "advcl"):
        subj = _subject(t)
    if subj is None:
        return None
    m = mention_of(subj, off)
    if not _can_speak(m):
        return None
    comp = [c for c in t.children if c.dep_ in ("ccomp", "xcomp")]
    if not comp:
        comp = [c for c in t.children if c.dep_ == "acomp"
                or (c.dep_ in ("dobj", "attr") and t.lower_ in STANCE_OBJECT_VERBS)]
    if not comp:
        preps = ("about", "on", "of") if t.lower_ in _TALK_VERBS else _STANCE_PREPS
        comp = [g for c in t.children if c.dep_ == "prep" and c.i > t.i and c.lower_ in preps
                for g in c.children if g.dep_ in ("pobj", "pcomp")]
    if not comp:
        return None
    return _stance_attribution(text, t, comp[0], off, m, si)


def _opens_sentence(text: str, first: Sentence, q: MarkedQuote) -> bool:
    """Whether the quotation opens its sentence. The parser may end the sentence before at the
    opening mark ('... in Eritrea. '' ¶ Was I going to ...?'' he told me.'): a sentence that ends
    right before the mark is another's."""
    before = text[first.start:q.outer_start].rstrip()
    return not before or before[-1] in ".!?"


def _sentences_of(q: MarkedQuote, sents: list[Sentence]) -> list[int]:
    return [i for i, s in enumerate(sents) if s.start < q.outer_end and q.outer_start < s.end]


def _cues_in(sent: Sentence, quotes: QuoteSpans) -> list[Token]:
    cues = []
    for t in sent.span:
        pos = _tok_start(t, sent.offset)
        if _inside(pos, quotes):
            continue
        if _is_cue(t) or (t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to"):
            cues.append(t)
    return cues


def _governing_speaker(
    sent: Sentence, q: MarkedQuote, *, skip_light: bool = False, quotes: QuoteSpans | None = None,
    speakers_only: bool = False,
) -> tuple[Token, Token] | None:
    """(verb, subject) of the verb that governs a quote inside a sentence: "X criticized the “...”".

    ``skip_light`` climbs past copulas and light verbs ("the Brexit is “a great thing”" is what
    the subject of the verb above it thinks, not what "the Brexit" says). A subject inside one of
    ``quotes`` speaks nothing: in '"After that," she said, "I support ..."' the parser hangs the
    first part on the second part's verb, whose subject "I" is quoted, not a speaker.
    ``speakers_only`` climbs past subjects that cannot speak: in 'She cautioned that the turmoil
    underscores a need for “...”' the turmoil is what she talks about, and she speaks.
    """
    off = sent.offset
    exit_ = _quote_exit(sent, q)
    if exit_ is None:
        return None
    h = exit_[1]
    for _ in range(6):
        if upos(h) in ("VERB", "AUX") and not (skip_light and h.lower_ in _LIGHT_VERBS):
            subj = _subject(h)
            if subj is not None and not (q.outer_start <= _tok_start(subj, off) < q.outer_end):
                if quotes is not None and _inside(_tok_start(subj, off), quotes):
                    return None
                if not speakers_only or _can_speak(mention_of(subj, off)):
                    return h, subj
        if h.head.i == h.i:
            verb = _predicate_as_acl(h)
            if verb is not None and not (q.outer_start <= _tok_start(h, off) < q.outer_end):
                return verb, h
            break
        h = h.head
    return None


def _predicate_as_acl(root: Token) -> Token | None:
    """The verb of a sentence the parser read as a name with a participle hung on it: 'Texas Sen. Ted
    Cruz, who has experienced a surge in Iowa, named “Criminal Minds,” “Game of Thrones,” ... as his
    top shows' has the root 'Cruz' and 'named' as its clause (acl), so the titles had no speaker; the
    past tense set after a comma is the sentence's verb, the name its subject."""
    if root.dep_ != "ROOT" or upos(root) != "PROPN":
        return None
    for c in root.children:
        if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") and c.i > root.i and c.doc[c.i - 1].text == ",":
            return c
    return None


def _quote_exit(sent: Sentence, q: MarkedQuote) -> tuple[Token, Token] | None:
    """(token, head) where the parse leaves the quotation: the first token inside its marks whose
    head lies outside them. What governs the quotation, a verb with its subject or a speech noun
    with its owner, is found by climbing the parse from that head."""
    off = sent.offset
    for t in sent.span:
        if q.start <= _tok_start(t, off) < q.end and not (q.outer_start <= _tok_start(t.head, off) < q.outer_end):
            return t, t.head
    return None


_PARA_BREAK = re.compile(r"\n\s*")
_COLON_LEAD = re.compile(r"(?:^|\n)([^\n!?:“”\"]{2,80}?):\s*$")
_HEADLINE_LEAD = re.compile(r"([A-Z][^\n.!?:“”\"‘’]{1,60}?):\s")
#: labels a headline or a transcript puts before a colon ('EXCLUSIVE: “...”', 'Q: “...”'): no speakers
_LEAD_LABELS = frozenset((
    "exclusive", "watch", "breaking", "breaking news", "update", "updated", "developing", "just in", "live",
    "video", "photos", "listen", "read", "q", "a",
))


def _is_label(lead: str) -> bool:
    """Whether the words before a colon are a headline or transcript label, not who speaks."""
    return lead.strip().lower() in _LEAD_LABELS


@dataclass
class _Lead:
    """The speaker a colon before a quotation introduces, and the cue word that names it."""

    mention: Mention
    cue: str
    #: the verb (or a verbless lead's head) and sentence of a lead read off the parse right before
    #: the quotation; None for a line's or a headline's 'Name:' read off the text, which any other
    #: speaker of the quotation beats
    verb: Token | None = None
    sent: Sentence | None = None


def _last_char_before(text: str, pos: int) -> int:
    """The index of the last character before ``pos`` that is not blank (-1 when there is none): the
    mark a clause ends in before a quotation (':' of _colon_clause, ',' of _comma_clause)."""
    k = pos - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k


def _sentence_at(sents: list[Sentence], k: int) -> Sentence | None:
    """The parsed sentence holding the character at ``k``, None when no parsed sentence does."""
    return next((s for s in sents if s.start <= k < s.end), None)


def _colon_lead(text: str, q: MarkedQuote, sents: list[Sentence], quotes: QuoteSpans) -> _Lead | None:
    """The speaker of the clause a colon right before the quotation closes, else of a line's or a
    headline's lead ('Graham: Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance')."""
    found = _colon_clause(text, q, sents, quotes) or _comma_clause(text, q, sents, quotes)
    if found is not None:
        return _Lead(found[2], found[0].text, found[0], found[1])
    m = _COLON_LEAD.search(text, max(0, q.outer_start - 90), q.outer_start)
    if m is not None and any(not is_abbreviation(w, after) for w, after in re.findall(r"(\w+)[.!?](\s+[A-Z]\w*)", m.group(1))):
        m = None  # a sentence ends inside ("Rep. Trey Gowdy (R-S.C.):" does not): not a speaker lead
    if m is None:
        # a headline "Graham: Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance"
        line_start = text.rfind("\n", 0, q.outer_start) + 1
        line_end = text.find("\n", q.outer_end)
        line_end = len(text) if line_end < 0 else line_end
        if line_end - line_start < 200:
            m = _HEADLINE_LEAD.match(text, line_start, q.outer_start)
    if m and 0 < len(m.group(1).split()) <= 8 and not _is_label(m.group(1)):  # blank: no lead
        a, b = m.start(1), m.end(1)
        for s in sents:
            if s.start <= a and b <= s.end:
                toks = [t for t in s.span if a <= _tok_start(t, s.offset) < b]
                if toks:
                    head = max(toks, key=lambda t: (t.head.i < toks[0].i or t.head.i > toks[-1].i, t.i))
                    named = mention_of(head, s.offset)
                    if named is not None:
                        return _Lead(named, ":")
        while a < b and text[a].isspace():
            a += 1
        return _Lead(Mention(a, b, text[a:b], "name", text[a:b].split()[-1].lower()), ":")
    return None


def _colon_clause(
    text: str, q: MarkedQuote, sents: list[Sentence], quotes: QuoteSpans
) -> tuple[Token, Sentence, Mention] | None:
    """(verb, sentence, speaker) of the clause a colon (or a dash: 'When Trump finally wrapped up —
    “I will fight for you ...!”') right before the quotation closes.

    'Perez lobbies for a higher minimum wage: "No one who works ..."', 'to which O'Malley
    interjected: "It's just not true."', 'Respondents are obliged to disclose: "When did ..."':
    the clause that ends in the colon introduces the quotation, speech verb or not, and its
    subject speaks; a cue elsewhere in the sentence ('She said that ..., to which O'Malley
    interjected:') reports something else. The verb is the first one above the word before the
    colon, so in 'Cruz said as the heckler yelled: "You suck!"' the heckler speaks, but a clause
    of time or cause that reports no speech sets the scene only ('Protesters chanted slogans as
    police moved in: "Freedom!"' is the protesters'); when that
    clause is itself reported ('Mr. Slinker said Mr. Trump was a candidate ...: "He's a start-up
    kind of guy"'), the reporter speaks. A lead with no verb names its speaker outright: a
    digest's '... - Jeffrey M. Jones: "Gallup's analysis ..."', 'More from the report: "..."'.
    """
    k = _last_char_before(text, q.outer_start)
    if k < 0 or text[k] not in ":—–-" or (text[k] == "-" and text[k - 1:k] not in ("-", " ")):
        return None
    sent = _sentence_at(sents, k)
    if sent is None:
        return None
    off = sent.offset
    colon = next((t for t in sent.span if _tok_start(t, off) <= k < _tok_end(t, off)
                  and t.text in (":", "—", "–", "--", "-")), None)
    while colon is not None and colon.text == "-" and colon.i > sent.span.start \
            and colon.doc[colon.i - 1].text == "-":
        colon = colon.doc[colon.i - 1]  # '--' read as two hyphens
    if colon is None or colon.i == sent.span.start:
        return None
    last = colon.doc[colon.i - 1]
    if _inside(_tok_start(last, off), quotes):
        return None
    phrase = _lead_phrase(colon, sent.span.start)
    if phrase and _is_label(text[_tok_start(phrase[0], off):_tok_end(phrase[-1], off)]):
        return None
    if phrase and upos(last) in ("NOUN", "PROPN") and not any(upos(t) in ("VERB", "AUX") for t in phrase):
        m = mention_of(last, off)
        return (last, sent, m) if m is not None and m.kind != "pronoun" else None
    for h in (last, *last.ancestors):
        if _tok_start(h, off) >= q.outer_start:
            return None
        if upos(h) in ("VERB", "AUX"):
            if _subordinate(h) and not _is_cue(h):
                continue  # 'Protesters chanted slogans as police moved in:' — the main clause speaks
            if h.dep_ == "relcl" and not _is_cue(h):
                # 'Sanders responded with a phrase that could have come from Trump himself:' — the
                # clause the relative one describes a noun of speaks ('... in which Adelson said:' is his)
                continue
            h = _reporting_cue(h, q.outer_start - off) or h
            subj = _subject(h)
            if subj is None:
                continue  # 'O'Malley, who signed ..., interjected to say:' — the verb above speaks
            if _inside(_tok_start(subj, off), quotes):
                return None
            m = mention_of(subj, off)
            return (h, sent, m) if m is not None else None
    return None


#: conjunctions of a clause of time, whose subject may speak the quotation its verb opens ('when
#: a young boy shouted, "..."'); a clause of condition, cause or report ('if the U.S. pulls back,
#: "..."') is part of another's words
_SCENE_MARKS = frozenset(("as", "when", "while", "after", "before"))
#: what may stand between a verb and the comma that opens its quotation ('shot back, "..."')
_COMMA_LEAD_DEPS = frozenset(("prt", "advmod"))


def _comma_clause(
    text: str, q: MarkedQuote, sents: list[Sentence], quotes: QuoteSpans
) -> tuple[Token, Sentence, Mention] | None:
    """(verb, sentence, speaker) of a clause ending in a finite verb right before a comma that
    opens the quotation: 'Hillary shot back, "I suppose I could have chosen to bake cookies ..."',
    'Sanders shot back, "Secretary Clinton called them out. ..."', 'Mrs. Clinton drew cheers as she
    thanked her adopted home state and then boomed, "Today, ..."'. A verb with nothing after it
    but the quotation introduces it, speech verb of the lexicon or not, and its subject speaks;
    the cue elsewhere in the sentence ('After ... Jerry Brown criticized Bill Clinton during a
    debate') reports something else."""
    k = _last_char_before(text, q.outer_start)
    if k < 0 or text[k] != ",":
        return None
    sent = _sentence_at(sents, k)
    if sent is None:
        return None
    off = sent.offset
    comma = next((t for t in sent.span if _tok_start(t, off) == k and t.text == ","), None)
    if comma is None or comma.i == sent.span.start:
        return None
    last = comma.doc[comma.i - 1]
    verb = last.head if last.dep_ in _COMMA_LEAD_DEPS and last.head.i < last.i else last
    if upos(verb) != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP") or _inside(_tok_start(verb, off), quotes):
        return None
    if verb.lower_ in ("quote", "quotes", "quoted"):
        return None  # 'Trump said, and I quote, "We love the poorly educated."': the quoter is no speaker
    if any(verb.i < c.i < comma.i and c.dep_ not in _COMMA_LEAD_DEPS for c in verb.children):
        return None  # 'X told reporters, "..."': the verb goes on past its own word
    clause = verb.head if verb.dep_ == "conj" else verb
    if any(c.dep_ == "mark" and c.lower_ not in _SCENE_MARKS for c in clause.children):
        return None  # 'Ryan said it's unrealistic to think that if the U.S. pulls back, "..."'
    if clause.dep_ == "advcl" and _inside(_tok_start(clause.head, off), quotes):
        # 'Smith recalled that when the Democrats lost, "nobody in the room was ready for it."': the clause
        # sets the scene of the quoted words, which are Smith's; the parse reads 'when' as advmod, not mark
        return None
    subj = _subject(verb)
    if subj is None or _inside(_tok_start(subj, off), quotes):
        return None
    m = mention_of(subj, off)
    # a subject that cannot speak is a misparse ('De Blasio said the move was made by NYPD
    # commissioner Bill Bratton and said, "..."' joined the second 'said' to 'made'): the cues decide
    return (verb, sent, m) if m is not None and _can_speak(m) else None


#: conjunctions opening a clause of time, cause or contrast: such a clause sets the scene of its
#: main clause's act and does not introduce what follows the colon
_SUBORDINATORS = frozenset(re.findall(r"\S+", """
    as while when whenever after before because since until till although though whereas if once unless
"""))


def _subordinate(verb: Token) -> bool:
    """Whether ``verb`` heads an adverbial clause opened by a subordinating conjunction ('as police moved in')."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in verb.children)


#: what ends the lead phrase of a digest's '[headline] - Name: "..."' or '[...] More from X:'
_LEAD_STOPS = frozenset(("-", "—", "–", ".", "]", ")")) | QUOTE_CHARS


def _lead_phrase(colon: Token, first: int) -> list[Token]:
    """The words between the colon and the dash, full stop or quotation before it."""
    out: list[Token] = []
    doc = colon.doc
    for j in range(colon.i - 1, first - 1, -1):
        t = doc[j]
        # a dash between words ("libertarian-style") joins them; one with a space beside it parts
        spaced = bool(t.whitespace_) or (j > 0 and bool(doc[j - 1].whitespace_))
        if t.text in _LEAD_STOPS and (t.text not in "-—–" or spaced):
            break
        out.append(t)
    return out[::-1]


def _reporting_cue(verb: Token, before: int | None = None) -> Token | None:
    """The speech verb whose reported clause ``verb`` is part of ('X said Y was ...'). With
    ``before`` (the quotation's start in the parsed text) the climb stays before the quotation: in
    'Trump also embraced enhanced interrogation techniques -- "I think waterboarding is peanuts
    ..."' the parser hung the lead on the quoted "think", whose subject is no speaker."""
    x = verb
    while x.dep_ in ("ccomp", "conj") and x.head.i != x.i:
        x = x.head
        if before is not None and x.idx >= before:
            return None
        if _is_cue(x):
            return x
    return None


#: a lower-case particle inside a name ('Staffan de Mistura', 'Bashar al-Assad', 'von der Leyen') joins its words
_NAME_PARTICLE = r"(?:al|el|bin|ibn|ben|de|da|di|dos|du|del|della|der|den|van|von|la|le|ter|zu)"
#: a signature line: '- Bernie Sanders.', '-President Obama, tweeting after ...', '— Michelle Marks, Philadelphia.'
_SIGNATURE = re.compile(
    r"[^\S\n]*\n\s*[-–—][^\S\n]*([A-Z][\w.'’-]*(?:[^\S\n]+(?:" + _NAME_PARTICLE + r"(?:[^\S\n]+|[-'’])){0,2}"
    r"[A-Z][\w.'’-]*){0,4})(?=[,\n]|\.?$|\.\n)"
)


def _signature(text: str, q: MarkedQuote) -> Mention | None:
    """The speaker signed on the line after a quotation that ends its paragraph: a fact check's
    '"[Americans are] worried about the future of their kids ..." ¶ - Bernie Sanders.'. The name
    ends its line or runs into a comma ('-Michelle Marks, Philadelphia.'); a bulleted sentence
    ('- Clinton leads in ...') signs nothing."""
    m = _SIGNATURE.match(text, q.outer_end)
    if m is None:
        return None
    a, b = m.start(1), m.end(1)
    while b > a and text[b - 1] == ".":
        b -= 1
    name = text[a:b]
    return Mention(a, b, name, "name", name.split()[-1].lower())


#: the last line of a quoted block, inside its closing mark, signing it: '"I worry that ... tax cuts.
#: ¶ Dean Baker, Center for Economic and Policy Research."' (a pull quote, a quoted tweet)
_INNER_SIGNATURE = re.compile(r"[^\S\n]*\n[^\S\n]*([A-Z][^\n\"“”]{0,120}?)\.?[\"”][^\S\n]*(?=\n|$)")
#: lower-case words a signature's name part may hold ('Republican National Committee member')
_SIGNATURE_LOWER = frozenset(("of", "for", "and", "the", "at", "on", "member", "co-host", "host", "spokesman",
                              "spokeswoman", "director", "president", "chairman", "chair", "founder"))


def _inner_signature(text: str, q: MarkedQuote) -> Mention | None:
    """The signer on the line after an unclosed quotation, whose closing mark ends that line: the
    quotation ran to its line's end, and the line under it, before the mark, names who said it
    ('Donald Trump.', 'Josh Bivens, Economic Policy Institute.'). The name part (before a comma)
    is two to six words, capitalised but for particles and one role word, so that a closing line of
    the quotation itself ('Thank you."', 'We will win."') signs nothing."""
    if q.close_at is not None:
        return None
    m = _INNER_SIGNATURE.match(text, q.end)
    if m is None:
        return None
    a = m.start(1)
    line = m.group(1)
    name = line.split(",", 1)[0].rstrip(". ")
    words = name.split()
    if not 2 <= len(words) <= 6 or not all(w[:1].isupper() for w in words[:2]):
        return None
    lower = [w for w in words if not w[:1].isupper()]
    if any(w not in _SIGNATURE_LOWER and not re.fullmatch(_NAME_PARTICLE, w) for w in lower) \
            or sum(1 for w in lower if w in _SIGNATURE_LOWER and w not in ("of", "for", "and", "the", "at", "on")) > 1:
        return None
    b = a + len(name)
    return Mention(a, b, name, "name", words[-1].lower())


def _governs(cue: Token, sent: Sentence, q: MarkedQuote) -> bool:
    """Whether the quotation lies in the cue's clause: a quoted word depends on the cue, or the
    cue is inside the quotation's clause ('“...,” he said': the quoted verb heads the sentence)."""
    off = sent.offset
    return any(
        q.start <= _tok_start(t, off) < q.end and (t.i == cue.i or cue in t.ancestors or t in cue.ancestors)
        for t in sent.span
    )


def _tags_clause(cue: Token, verb: Token) -> bool:
    """Whether ``cue`` is a speech tag set into the clause of ``verb`` ('CNN, Cruz said, called
    the announcement “highly significant”', 'X will play the “woman card,” Fiorina said'): a
    parenthetical tag reports the whole clause it hangs on, whatever that clause's own verb."""
    return cue.dep_ == "parataxis" and (cue.head.i == verb.i or any(a.i == cue.head.i for a in verb.ancestors))


def _outer_cue(cue: Token) -> Token | None:
    h = cue
    for _ in range(4):
        if h.head.i == h.i:
            return None
        h = h.head
        if _is_cue(h) and h.i != cue.i:
            return h
    return None


#: titles that say a woman or a man is named, against a pronoun of the other sex
_FEMALE_TITLES = frozenset(("mrs.", "ms.", "miss", "mrs", "ms"))
_MALE_TITLES = frozenset(("mr.", "mr"))


def _free_relative_antecedent(cue: Token, pron: Mention, sent: Sentence) -> Mention | None:
    """The subject a cue's pronoun stands for when the cue opens a free relative: 'Cruz has railed
    against what he calls the “Washington cartel”', 'The president denounced what he called the
    “deeply pessimistic” vision'. The relative ('what he calls X') names the thing the clause it
    sits in is about, so its pronoun is that clause's subject, not whoever was named last (an
    earlier sentence's speaker), and the whole is that subject's characterisation.

    The clauses around the relative are climbed outwards; a subject that cannot speak ('a broader
    electorate that is in what he called ...'), a title of another person ('Mrs. Clinton' for 'he')
    and a pronoun are passed over: the same pronoun again is the same person, whom the subject
    above it names ('Clinton said ... that she called Sanders ... to congratulate him on what she
    called "an extraordinary campaign"')."""
    if pron.head not in ("he", "she", "they"):
        return None
    if not any(c.lower_ == "what" and c.dep_ in ("dobj", "oprd", "attr", "nsubjpass") and c.i < cue.i
               for c in cue.children):
        return None
    return _antecedent_above(cue, pron, sent)


def _antecedent_above(tok: Token, pron: Mention, sent: Sentence) -> Mention | None:
    """The subject of a clause around ``tok`` that the pronoun ``pron`` inside it stands for
    ('Cruz has railed against what he calls ...', 'Sanders pushed his promise of “...”'): the
    clauses are climbed outwards; a subject that cannot speak, a title of another person ('Mrs.
    Clinton' for 'he') and a pronoun are passed over (the same pronoun again is the same person,
    whom a name above it names: '... that she called Sanders ... to congratulate him on what she
    called' is the Clinton of 'Clinton said'). None when no subject above fits."""
    if pron.head not in ("he", "she", "they"):
        return None
    h = tok
    for _ in range(8):
        if h.head.i == h.i:
            return None
        h = h.head
        if upos(h) not in ("VERB", "AUX"):
            continue
        subj = _subject(h)
        if subj is None:
            continue
        m = mention_of(subj, sent.offset)
        if m is None or not _can_speak(m):
            continue
        if m.kind == "pronoun":
            continue
        first = m.text.split()[0].lower() if m.text else ""
        titled = subj.doc[subj.left_edge.i].lower_
        if pron.head == "he" and (first in _FEMALE_TITLES or titled in _FEMALE_TITLES):
            continue
        if pron.head == "she" and (first in _MALE_TITLES or titled in _MALE_TITLES):
            continue
        plural = m.is_org or (m.head.endswith("s") and not m.head.endswith("ss"))
        if (pron.head == "they" and not plural) or (pron.head != "they" and plural and m.kind != "name"):
            continue
        return m
    return None


#: nouns for something said, whose owner said it: 'Romney's “47 percent” comment', 'her claim that
#: she “never sent or received classified information”', 'his warning that Britain would go to the
#: “back of the queue”'
_SPEECH_NOUNS = frozenset(re.findall(r"\S+", """
    comment comments remark remarks claim claims words warning warnings suggestion suggestions answer
    answers argument arguments assertion assertions accusation accusations charge charges description
    characterization promise promises pledge pledges vow vows rejection response reply retort quip quips
    joke jokes slogan slogans tweet tweets criticism criticisms insistence contention conclusion
    prediction predictions admission denial boast complaint complaints question questions observation
    declaration plea demand demands threat threats insult insults apology explanation assessment
    dismissal speech speeches rhetoric mantra refrain catchphrase phrase nickname nicknames label
    attack attacks message messages language statement statements testimony
    call calls chant chants cry cries plea pleas appeal appeals allegation allegations assurance assurances
    pronouncement pronouncements proclamation utterance utterances retort rebuttal quote quotes motto oath
    jab jabs barb barbs dig digs swipe swipes jibe jibes taunt taunts zinger zingers rebuke rebukes broadside
    tirade rant rants diatribe outburst lament praise condemnation denunciation pitch
"""))
#: possessive pronouns as the pronoun the resolver reads ('his' is 'he')
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
_BE_FORMS = frozenset(("is", "was", "are", "were", "'s", "’s", "be", "been"))


def _owned_speech(noun: Token, off: int, spans: QuoteSpans) -> Mention | None:
    """The owner of a speech noun ('Mr. Comey's suggestion', 'her remark') when it can speak."""
    if upos(noun) not in ("NOUN", "PROPN") or noun.lower_ not in _SPEECH_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        # 'the suggestion by a potential president that someone “ought to look into” the judge'
        owner = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > noun.i
                      for g in c.children if g.dep_ == "pobj"), None)
    if owner is None or _inside(_tok_start(owner, off), spans):
        return None
    low = owner.lower_
    if low in _POSSESSIVE_PRONOUNS:
        s = _tok_start(owner, off)
        return Mention(s, s + len(owner.text), owner.text, "pronoun", _POSSESSIVE_PRONOUNS[low])
    m = mention_of(owner, off)
    return m if m is not None and m.kind != "pronoun" and _can_speak(m) else None


def _says_content(child: Token, noun: Token) -> bool:
    """Whether ``child``, hanging on a speech noun, is what the noun says: its words before it
    ('the “47 percent” comment'), a clause after it ('her claim that she “never sent ...”', 'his
    pledge to be “neutral”') or its 'of' ('his rejection of “a politics of cynicism”'). A
    characterisation is not ('Trump's “divisive” comments', 'denounced his remarks as “hurtful”')."""
    if child.i < noun.i:
        return child.dep_ in ("compound", "nmod") and upos(child) in ("NOUN", "PROPN", "NUM")
    if child.dep_ in ("acl", "ccomp"):
        return any(c.dep_ in ("mark", "aux") and c.lower_ in ("that", "to") for c in child.children)
    return child.dep_ == "prep" and child.lower_ == "of"


def _framed_by_owner(sent: Sentence, q: MarkedQuote, spans: QuoteSpans) -> tuple[Token, Mention] | None:
    """(noun, owner) for a quotation set between an owner and a speech noun: 'the persistent pull
    of Obama's "if you like your plan, you can keep it" promise', where the parser, reading the
    quoted clause as a clause of the sentence, hangs the noun inside it. Quoted words that only
    describe ('Trump's “divisive” comments') are not what the noun says."""
    off = sent.offset
    before = [t for t in sent.span if _tok_end(t, off) <= q.outer_start and not t.is_quote]
    after = [t for t in sent.span if _tok_start(t, off) >= q.outer_end and not t.is_quote]
    inner = [t for t in sent.span if q.start <= _tok_start(t, off) < q.end and not t.is_punct]
    if not before or not after or not inner or all(upos(t) in ("ADJ", "ADV", "CCONJ") for t in inner):
        return None
    noun, mark = after[0], before[-1]
    if noun.lower_ not in _SPEECH_NOUNS or not noun.tag_.startswith("NN"):
        return None
    if mark.tag_ == "POS" and mark.i - 1 >= sent.span.start:
        m = mention_of(mark.doc[mark.i - 1], off)
        return (noun, m) if m is not None and m.kind != "pronoun" and _can_speak(m) else None
    if mark.lower_ in _POSSESSIVE_PRONOUNS:
        s = _tok_start(mark, off)
        m = Mention(s, s + len(mark.text), mark.text, "pronoun", _POSSESSIVE_PRONOUNS[mark.lower_])
        return noun, _antecedent_above(noun, m, sent) or m
    return None


def _speech_noun_owner(sent: Sentence, q: MarkedQuote, spans: QuoteSpans) -> tuple[Token, Mention] | None:
    """(noun, owner) when the quotation is part of what a speech noun with an owner who can
    speak says: 'Mitt Romney's “47 percent” comment', 'Podliska's most explosive claim is that the
    committee is a “witch hunt”'. The words are the owner's, whatever verb the sentence hangs the
    noun on ('Hillary Clinton ... won here in 2008 partly because of Mr. Obama's patronizing
    suggestion ... that she was “likable enough”' gave Clinton her own rival's words); PolNeAR's
    annotators credit the owner too.

    The parse is climbed from the quotation to the noun, or to a form of 'be' whose subject is
    the noun ('X's claim is that ...'); a speech verb with a subject of its own on the way reports
    the words instead ('his claim that Obama said “...”')."""
    off = sent.offset
    framed = _framed_by_owner(sent, q, spans)
    if framed is not None:
        return framed
    exit_ = _quote_exit(sent, q)
    if exit_ is None:
        return None
    prev, h = exit_
    for _ in range(6):
        m = _owned_speech(h, off, spans)
        if m is not None:
            if not _says_content(prev, h):
                return None
            if m.kind == "pronoun":
                # 'Sanders pushed his promise of “free college”': the owner is the clause's subject
                m = _antecedent_above(h, m, sent) or m
            return h, m
        if upos(h) in ("VERB", "AUX"):
            subj = _subject(h)
            if h.lower_ in _BE_FORMS and subj is not None and prev.dep_ == "ccomp":
                m = _owned_speech(subj, off, spans)
                if m is not None:
                    return subj, m
            if _is_cue(h) and subj is not None:
                return None
        if h.head.i == h.i:
            return None
        prev = h
        h = h.head
    return None


def _cue_mention(cue: Token, sent: Sentence, q: MarkedQuote | None = None) -> tuple[Mention | None, str]:
    if cue.lower_ == "according":
        objs = [c for c in cue.doc[cue.i + 1].children if c.dep_ == "pobj"]
        return (mention_of(objs[0], sent.offset) if objs else None), "according to"
    inside = (q.outer_start - sent.offset, q.outer_end - sent.offset) if q is not None else None
    subj = _subject(cue, skip=inside)
    if subj is not None and q is not None and q.outer_start <= _tok_start(subj, sent.offset) < q.outer_end:
        # the quotation itself parsed as the subject: '"The people who ...," Tester told USA TODAY'
        subj = None
    if subj is None and cue.dep_ == "acl" and cue.head.lower_ in DOCUMENT_NOUNS and cue.head.head.i != cue.head.i:
        # "His office put out a statement saying ...": who issued the statement
        subj = _subject(cue.head.head)
    if subj is None and q is not None:
        subj = _subject_between(cue, sent, q)
    root = cue.sent.root
    if subj is None and cue.tag_ == "VBG" and root.i < cue.i and upos(root) == "VERB":
        # 'Band member Flea shared the news ..., writing “...”': the parser made the gerund a
        # subject inside the quotation; the sentence's subject writes, not the noun the gerund
        # follows ('Flea marked the anniversary with the news of the war, writing “...”' is no war's)
        subj = _subject(root)
    if subj is None and cue.tag_ == "VBG" and cue.dep_ == "ROOT" and cue.sent.start > 0:
        subj = _fragment_subject(cue)
    if subj is None:
        subj = _subject_before(cue)
    return (mention_of(subj, sent.offset) if subj is not None else None), cue.text


def _fragment_subject(cue: Token) -> Token | None:
    """'Maher stated of the email scandal that the report “wasn’t good.” Adding, “...”': a gerund
    cue heading a sentence of its own goes on the sentence before it in the paragraph, whose
    subject speaks."""
    doc = cue.doc
    prev = doc[cue.sent.start - 1].sent
    if "\n" in doc_text(doc)[prev.end_char:cue.sent.start_char]:
        return None
    root = prev.root
    if not _is_cue(root):
        return None
    return _subject(root)


def _noun_before(cue: Token) -> Token | None:
    """'About 4 in 10 say they want ...': the parser lost the subject of a main-clause cue; the noun
    or number right before it is part of it."""
    j = cue.i - 1
    if j < cue.sent.start:
        return None
    t = cue.doc[j]
    if t.text in QUOTE_CHARS or t.lower_ in _TIME_WORDS or t.is_punct:
        return None
    if upos(t) in ("NOUN", "PROPN", "NUM") or (upos(t) == "PRON" and t.lower_ not in ("it", "that", "which", "what")):
        return t
    return None


def _name_before_relative(cue: Token, j: int) -> Token | None:
    """'Levine, who has given money to Marco Rubio, said', 'Mr. Slinker, whose latest start-up,
    Paradata, uses big data ..., said': the parser hung the name on the relative clause's verb and
    left the cue without a subject; the name before the comma that opens the relative clause
    (past an adverb set off by commas: 'Sanders, meanwhile, who sits ...') is the speaker. ``j`` is
    the word before the comma that closes the clause."""
    doc, start = cue.doc, cue.sent.start
    k = j
    while k > start and j - k < 30:
        t = doc[k]
        if t.text in QUOTE_CHARS or t.text in (";", ":"):
            return None
        if t.lower_ in ("who", "whose") and doc[k - 1].text == ",":
            n = k - 2
            while n - 1 > start and upos(doc[n]) == "ADV" and doc[n - 1].text == ",":
                n -= 2  # ', meanwhile,'
            if n < start:
                return None
            name = doc[n]
            if upos(name) == "PROPN" or (name.text[:1].isupper() and upos(name) == "NOUN" and n > start
                                         and doc[n - 1].text[:1].isupper()) or _mistagged_subject(name):
                return name
            return None
        k -= 1
    return None


def _mistagged_subject(t: Token) -> bool:
    """A capitalised word opening its sentence that the tagger took for a common noun ('Sanders/NNS')."""
    return t.i == t.sent.start and t.text[:1].isupper() and upos(t) == "NOUN" and t.text[1:].islower()


def _subject_before(cue: Token) -> Token | None:
    """'her senior policy adviser, Jake Sullivan, said': the name just before a subject-less cue."""
    j = cue.i - 1
    while j >= cue.sent.start and (cue.doc[j].is_punct or upos(cue.doc[j]) == "ADV"):
        if cue.doc[j].text in QUOTE_CHARS:
            return None  # '“... without a cause,” says X': the word before the mark is quoted, not a speaker
        if cue.doc[j].text == ")":
            # 'Sen. Elizabeth Warren (D-MA) said': the name is before the parenthesis, not 'MA'
            k = j - 1
            while k >= cue.sent.start and cue.doc[k].text not in "()":
                k -= 1
            if k >= cue.sent.start and cue.doc[k].text == "(":
                j = k
        j -= 1
    if j >= cue.sent.start and cue.doc[j].lower_ in _TIME_WORDS:
        return None  # 'shared the news last week, writing', 'who Beck on Wednesday called': a time, no speaker
    if j < cue.sent.start:
        return None
    if j + 1 < cue.i and cue.doc[j + 1].text == ",":
        named = _name_before_relative(cue, j)
        if named is not None:
            return named
    t = cue.doc[j]
    if upos(t) in ("PROPN", "PRON") or (upos(t) == "NOUN" and t.tag_ == "NN"):
        return _relative_antecedent(t, cue.sent.start - 1) or t
    return None


#: what a quotation ends with when the words right after its closing mark attribute it ("“...,” X
#: barked"); a quoted phrase running on into its sentence ("“Leave” supporters") ends otherwise
_UTTERANCE_ENDS = frozenset(",?!—–-…")


#: what ends the words before a quotation that stands as a sentence of its own: a colon, or a dash
#: (' - ' in copy without the long dash) closing a clause or opening an aside
_QUOTE_OPENERS = (":", "—", "–", " -")


def _hangs_before(sent: Sentence, q: MarkedQuote) -> bool:
    """Whether a quoted word depends on a word before the quotation: the quotation then goes on a
    clause begun before it ('Weiner admitted that he and the woman had “been friends ...,”')."""
    off = sent.offset
    return any(q.start <= _tok_start(t, off) < q.end and _tok_start(t.head, off) < q.outer_start for t in sent.span)


def _speaker_after(text: str, sent: Sentence, q: MarkedQuote) -> tuple[Token, Mention] | None:
    """(verb, speaker mention) of the clause opening right after a quotation: '“...,” Trump
    barked', '“...,” Bozell points out', '“...?” reacted Trump'.

    Any verb counts, not only the speech verbs of the lexicon: a subject and verb placed right
    after a quotation that ends in a comma, question or exclamation mark report it, whatever the
    verb ("shot back", "pressed", "went on"). This construction names the speaker more reliably
    than a cue elsewhere in the sentence ('“...,” Trump said, after Becky Quick said ...').
    """
    if q.close_at is None:
        return None
    k = q.close_at - 1
    while k > q.open_at and (text[k].isspace() or text[k] in "’'\""):
        # a quotation ending in one it quotes ('... what can we do to help?’”') ends with that one's end
        k -= 1
    after = q.outer_end
    if text[after:after + 1] == ",":
        after += 1
    elif text[k] not in _UTTERANCE_ENDS:
        return None
    off = sent.offset
    # the quotation depends on a word before it ('Although he says he "loves China," he ...'): the
    # comma closes that clause, and the clause after it is not the attribution, unless it is a bare
    # speech tag ('Nothing the president said "will assuage people's fears," the Florida senator
    # said.'). After a colon or a dash the quotation is a sentence of its own, whatever the parser
    # hangs it on: '... he didn't think the casino would last long: "..., it won't make it," Roffman
    # predicted.', '... as many researchers believe — “why ...?” asked Dunn'
    opened = text[max(0, q.outer_start - 8):q.outer_start].rstrip().endswith(_QUOTE_OPENERS)
    hangs = _hangs_before(sent, q) and not opened
    nxt = next((t for t in sent.span if _tok_start(t, off) >= after), None)
    if nxt is None or _tok_start(nxt, off) - after > 2 or text[after:_tok_start(nxt, off)].strip():
        return None
    found: tuple[Token, Token] | None = None
    if upos(nxt) == "VERB":
        # the inversion '“...,” reacted Trump': a subject right after the verb, or a short phrase
        # opening with its owner ('exhorted Clinton's introducer, actress Jamie Lee Curtis'); a
        # longer one ('said Representative Peter T. King of New York') is read off the surface
        subj = next((c for c in nxt.children if c.dep_ == "nsubj" and c.i > nxt.i), None)
        owned = subj is not None and subj.left_edge.dep_ == "poss" and subj.left_edge.i - nxt.i <= 2 \
            and subj.i - nxt.i <= 4
        found = (nxt, subj) if subj is not None and (subj.i - nxt.i <= 2 or owned) else None
    else:
        for s in (nxt, *nxt.ancestors):
            # the phrase must start at the quotation's end (the parser may hang quoted words on it)
            if any(x.i < nxt.i and _tok_start(x, off) >= q.outer_end for x in s.subtree):
                break
            participle = _root_participle(s)
            if s.dep_ == "nsubj" or participle is not None:
                v = s.head if participle is None else participle
                edge = max([s.i] + [c.right_edge.i for c in s.children if c.i < v.i])
                if upos(v) == "VERB" and v.i > edge and v.i - edge <= 3 \
                        and not q.outer_start <= _tok_start(v, off) < q.outer_end:
                    found = (v, s)
                break
    if hangs and (found is None or not _bare_tag(found[0])):
        return None
    if found is not None:
        m = mention_of(found[1], off)
        if m is not None and opened and m.kind == "pronoun":
            m = _lead_subject(text, sent, q, m) or m
        return (found[0], m) if m is not None else None
    return _surface_speaker_after(nxt, off)


def _lead_subject(text: str, sent: Sentence, q: MarkedQuote, pron: Mention) -> Mention | None:
    """The person a 'he' or 'she' tagging a quotation stands for when the quotation follows a colon
    after a clause of the same sentence whose subject is a person's name: NYT's 'C. Boyden Gray, who
    served as White House counsel under Mr. Bush's father, George Bush, ticked through the code of
    conduct ...: ''Civility and good manners were kind of assumed,'' he said.' is Gray's (it went to
    Mr. Bush, the speaker before). The mention stays the pronoun's, named as its antecedent is, as
    a relative pronoun's is; None when no such subject, or one of the other sex."""
    if pron.head not in ("he", "she") or not text[:q.outer_start].rstrip().endswith(":"):
        return None
    off = sent.offset
    subj = next((t for t in sent.span if t.dep_ == "nsubj" and _tok_end(t.head, off) <= q.outer_start
                 and upos(t.head) in ("VERB", "AUX") and t.head.dep_ in ("ROOT", "ccomp", "conj")), None)
    named = mention_of(subj, off) if subj is not None and upos(subj) == "PROPN" else None
    if named is None or named.kind != "name" or named.is_org or named.plural or named.end > q.outer_start:
        return None
    sex = "m" if pron.head == "he" else "f"
    said = {x for x in (name_sex(w) for w in named.text.split()[:2]) if x}
    if said - {sex}:
        return None
    return Mention(pron.start, pron.end, named.text, "name", named.head, named.descriptors, antecedent=named)


#: verbs by which an outlet passes on what someone else said
_CHANNEL_VERBS = frozenset(("reported", "reports", "report", "reporting"))
#: what hangs on a speech verb that reports something of its own after it
_OWN_REPORT_DEPS = frozenset(("ccomp", "xcomp", "dobj", "dative", "advcl", "conj", "parataxis"))


def _bare_tag(verb: Token) -> bool:
    """Whether a speech verb reports nothing of its own ('..., the Florida senator said.'): no
    clause, object or quotation hangs on it, so the words before it are what it reports. A channel
    ('He said at a conference that he was “very comfortable ...,” The Post reported') passes on
    the words of the clause before it, whose speaker keeps them (as with 'according to')."""
    if not _is_cue(verb) or verb.lower_ in _CHANNEL_VERBS:
        return False
    return not any(c.dep_ in _OWN_REPORT_DEPS for c in verb.children if c.i > verb.i)


def _title_dot(t: Token) -> bool:
    """The full stop of a title before a name ('Lt. Khairalla al-Jabbouri'), which ends no name."""
    return t.text == "." and t.i > 0 and title_stop(t.doc, t.i - 1)


def _name_run(toks: list[Token]) -> list[Token]:
    """The leading run of capitalised words ("Skelly", "Bruce LeVell") of ``toks``."""
    run: list[Token] = []
    for k, t in enumerate(toks):
        if _title_dot(t) or (t.lower_ in NAME_PARTICLES and toks[k + 1:k + 2]
                             and toks[k + 1].text[:1].isupper()):
            run.append(t)  # 'Lt. Khairalla al-Jabbouri', 'Staffan de Mistura', 'said al-Sheikh'
            continue
        if not (t.text[:1].isupper() and t.text.replace(".", "").replace("-", "").replace("’", "").replace("'", "").isalpha()):
            break
        run.append(t)
    return run


def _surface_speaker_after(nxt: Token, off: int) -> tuple[Token, Mention] | None:
    """'“...,” Trump barked and ...' and '“...,” said Skelly, explaining' when the parser missed
    the subject (a name tagged as an adverb, a verb tagged as a participle or a plural noun:
    'Conway notes.'): read the words. Any verb may invert before a name that ends the clause
    ('“...?” reacted Trump.'), and a name may carry an apposition or a party label before its verb
    ('Miller, a retired worker from a nuclear plant, said', 'Rep. Jim McDermott (D-Wash.) said')."""
    doc, end = nxt.doc, nxt.sent.end
    while end + 1 < len(doc) and ((doc[end - 1].text == "." and title_stop(doc, end - 2)) or rank_cut(doc, end)):
        # the parser began a sentence after a rank's full stop ('Navy Capt. Jeff Davis') or at the rank ('Air
        # Force 1st Lt. Tyler Livingston')
        end = doc[end].sent.end
    # eight words; a word the tokenizer split at a hyphen ('Secretary-Treasurer') counts once
    split = sum(1 for k in range(nxt.i, min(end, nxt.i + 14)) if _in_word_hyphen(doc[k]))
    words = [doc[k] for k in range(nxt.i, min(end, nxt.i + 8 + 2 * split))]
    cue = _tag_verb(nxt) and nxt.tag_.startswith("VB")
    if cue or nxt.tag_ in ("VBD", "VBZ"):
        # '“...,” said Skelly' / 'added another New Hampshire Republican' / 'reacted Trump.'
        phrase: list[Token] = []
        k = 0
        while k + 1 < len(words):
            k += 1
            t = words[k]
            if t.is_space:
                continue  # 'said  Samah Hadid': a run of blanks is a token of its own
            if _in_word_hyphen(t):
                continue  # 'co-host': one word the tokenizer split
            if _title_dot(t):
                phrase.append(t)  # 'said Lt. Khairalla al-Jabbouri': the rank's full stop ends no name
                continue
            if cue and phrase and t.lower_ in NAME_PREPS:
                # '“...,” said the Committee to Protect Journalists': a body's name going on
                # through its preposition (the parser made "Committee" the subject of "Protect"),
                # ending the clause
                run = _name_run(phrase[next((k for k, x in enumerate(phrase) if x.lower_ not in _TAG_DETERMINERS),
                                            len(phrase)):])
                person = name_before_title(run, off) if run and run[-1].i == phrase[-1].i else None
                if person is not None:
                    # '“...,” said Kevin Kennedy Regional Humanitarian Coordinator for Syria': the person before
                    # the office's title, not the office
                    return nxt, person
                body = body_after(run[0], run[-1], off) if run and run[-1].i == phrase[-1].i else None
                if body is not None and not doc_text(doc)[body.end - off:].lstrip()[:1].isalnum():
                    return nxt, body
            if cue and t.lower_ == "and" and phrase and _capital_title(phrase[-1]) and t.i + 1 < end \
                    and doc[t.i + 1].text[:1].isupper():
                # 'said former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell':
                # two titles of the one person named after the second ('Pennsylvania Gov.' was the speaker):
                # the phrase begins again after 'and', with as many words to read
                phrase = []
                words = [doc[x] for x in range(nxt.i, min(end, t.i + 8 + 2 * split))]
                continue
            if t.is_punct or upos(t) in ("VERB", "AUX", "ADP", "CCONJ") or t.lower_ in ("who", "which"):
                break
            phrase.append(t)
        if not phrase or sum(1 for t in phrase if not _in_word_hyphen(t.doc[t.i - 1]) and not _title_dot(t)) > 6:
            return None
        owner = max((k for k, t in enumerate(phrase) if t.text in ("’s", "'s")), default=None)
        if owner is not None and len(phrase) - owner > 2 and _name_run(phrase[owner + 1:]) == phrase[owner + 1:]:
            phrase = phrase[owner + 1:]  # 'wrote The Washington Post’s David Ignatius': the person after the owner
        kind = "name" if _name_run(phrase) == phrase else "nominal"
        person = name_before_title(phrase, off) if kind == "name" and cue else None
        if person is not None:
            return nxt, person  # '“...,” said Kevin Kennedy Regional Humanitarian Coordinator.'
        if kind == "nominal":
            # '“...,” mused Blaze co-host Stu Burguiere.': a role before a name; the name speaks (and
            # 'said Pentagon spokesman Navy Capt. Jeff Davis' is Jeff Davis, 'said Democratic pollster
            # Stan Greenberg' Stan Greenberg: after a cue, a role noun in lower case before the name)
            tail = _name_run(phrase[::-1])[::-1]
            # (or an adjective before a name, the tagger's reading of a role too: 'said former Wisconsin Gov. Jim
            # Doyle' is Jim Doyle, 'said patient Collette Harvin' Collette Harvin, 'said pal Damir Tulemaganbetov'
            # Damir Tulemaganbetov; not before an honorific, 'the younger Mr. Trump')
            role = len(tail) < len(phrase) and phrase[-len(tail) - 1].is_lower \
                and (upos(phrase[-len(tail) - 1]) == "NOUN"
                     or (upos(phrase[-len(tail) - 1]) == "ADJ"
                         and not any(x.lower_.rstrip(".") in _HONORIFIC_WORDS for x in tail)))
            if len(tail) >= 2 and len(tail) < len(phrase) and (not cue or role or any(_title_dot(t) for t in phrase)):
                phrase, kind = tail, "name"
        if kind == "nominal" and (not cue or upos(phrase[-1]) not in ("NOUN", "PROPN")):
            return None
        if kind == "nominal" and any(c.dep_ == "appos" and c.i > phrase[-1].i and doc[phrase[-1].i + 1].text == ","
                                     for c in phrase[-1].children):
            # '” said Rubio’s deputy campaign manager, Rich Beeson, who oversaw ...': the role's
            # apposition names the speaker (``mention_of`` reads it off the role's noun)
            named = mention_of(phrase[-1], off)
            if named is not None and named.kind == "name":
                return nxt, named
        if not cue:
            # 'reacted Trump.': the name ends the clause; '“...,” prompted Trump to ...' has an object
            after = phrase[-1].i + 1
            if after < end and not doc[after].is_punct:
                return None
        verb = nxt
    elif nxt.lower_ in _TAG_DETERMINERS:
        # '“...,” the editorial read.', '“...,” a voice-over in the ad states.': a noun phrase and a
        # speech verb (the parser may take either for the other) ending the clause
        k = next((j for j in range(1, len(words)) if _tag_verb(words[j])), 0)
        phrase = words[:k]
        if not 2 <= k <= 6 or any((t.is_punct and not _in_word_hyphen(t)) or upos(t) in ("VERB", "AUX")
                                  for t in phrase[1:]):
            return None
        after = words[k].i + 1
        if after < end and not (doc[after].is_punct or upos(doc[after]) == "ADP"):
            return None
        verb, kind = words[k], "nominal"
    else:
        phrase = _name_run(words)
        if not phrase or len(phrase) > 4 or phrase[0].lower_ in ("the", "a", "an", "but", "and", "in", "on", "at"):
            return None
        k = _after_apposition(phrase[-1])
        if k >= end:
            return None
        verb = doc[k]
        said = verb.tag_ in ("VBD", "VBZ", "VBN") or (verb.lower_ in CUE_FORMS and verb.lower_ not in ("report", "statement"))
        if not said or verb.dep_ in ("amod", "compound", "aux"):
            return None
        kind = "name"
    a, b = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
    descriptors = {t.lower_ for t in phrase[:-1] if upos(t) in ("NOUN", "ADJ")}
    return verb, Mention(a + off, b + off, doc_text(doc)[a:b], kind, phrase[-1].lower_, descriptors)


#: honorifics, which an adjective before them tells one person of a family by ('the younger Mr. Trump')
_HONORIFIC_WORDS = frozenset(("mr", "mrs", "ms", "miss", "dr"))


def _capital_title(t: Token) -> bool:
    """A title written with its capital ('Gov.', 'Chairman', 'Sen.'), which a person's name follows."""
    return t.text[:1].isupper() and (t.lower_ in TITLE_WORDS or t.lower_ + "." in TITLE_WORDS)


def _in_word_hyphen(t: Token) -> bool:
    """A hyphen inside a word the tokenizer split ('co-host', 'the 43-year-old')."""
    return t.text in ("-", "–") and t.i > 0 and not t.doc[t.i - 1].whitespace_ and not t.whitespace_


#: words that open the noun phrase of a speech tag after a quotation ('“...,” the editorial read')
_TAG_DETERMINERS = frozenset(("the", "a", "an", "one", "another", "his", "her", "its", "their", "this"))


def _tag_verb(t: Token) -> bool:
    """A speech verb of a tag after a quotation; past "read" ('“...,” read the statement') is no cue
    elsewhere, where it is as often a present or an infinitive."""
    return t.lower_ in CUE_FORMS or t.lower_ == "read"


def _after_apposition(name_end: Token) -> int:
    """The token index after a name and the apposition or party label that may follow it
    (', a retired worker from a nuclear plant,', ' (D-Wash.)'); right after the name if none."""
    doc, k = name_end.doc, name_end.i + 1
    if k >= name_end.sent.end or doc[k].text not in (",", "("):
        return k
    close = "," if doc[k].text == "," else ")"
    for j in range(k + 1, min(name_end.sent.end, k + 20)):
        if doc[j].text == close:
            return j + 1
        if doc[j].text in QUOTE_CHARS:
            break
    return k


def _subject_between(cue: Token, sent: Sentence, q: MarkedQuote) -> Token | None:
    """The speaker of '“...,” the Mission's statement, published on ..., reads.' when the parse lost it."""
    off = sent.offset
    between = [t for t in sent.span if q.outer_end <= _tok_start(t, off) and t.i < cue.i]
    if not between or len(between) > 25:
        return None
    lo, hi = between[0].i, between[-1].i
    for t in between:
        if upos(t) in ("NOUN", "PROPN", "PRON") and not (lo <= t.head.i <= hi):
            return t
    return None


#: what 'according to' a manner or a measure means, not a source ('according to plan', 'sorted according
#: to their type, location, flight patterns')
_MANNER_NOUNS = frozenset(re.findall(r"\S+", """
    plan plans type types kind kinds pattern patterns size sizes age ages need needs design
    designs instructions procedure procedures protocol protocols rule rules guidelines standards custom
    customs tradition traditions script order priority priorities merit merits
"""))


def _speakerish(m: Mention) -> bool:
    return m.head in SPEAKER_NOUNS or m.head in TITLE_WORDS or m.head in DOCUMENT_NOUNS


#: nouns for people who do something ('researchers', 'GOPers', 'opponents', 'staffer', 'activist')
_AGENT_ENDING = re.compile(r"(?:[^m]er|or|ist|ian|ant|[^m]ent)s?$")
#: things with such an ending
_AGENT_LOOKALIKES = frozenset(re.findall(r"\S+", """
    number numbers order orders power powers border borders water matter matters center centre centers
    chapter quarter corner manner barrier barriers cancer danger dangers answer answers computer computers
    error errors factor factors floor door doors sector sectors color colour honor terror labor labour
    event events incident incidents accident accidents content intent extent percent cent
"""))
#: nouns of a body of people and of a number of them ('the audience', 'Hundreds chanting')
_GROUP_NOUNS = frozenset(re.findall(r"\S+", """
    audience audiences crowd crowds board boards panel jury public team family hundreds thousands dozens
    millions many most some few majority lady ladies gentleman gentlemen guy guys folks boy boys girl girls
    friend friends
"""))


def _animate(m: Mention) -> bool:
    """Whether a nominal mention's head is a person or a body of people ('the audience', 'researchers')."""
    h = m.head
    if h in PEOPLE_NOUNS or h in ORG_WORDS or h in _GROUP_NOUNS:
        return True
    if m.text.split()[-1][:1].isupper():
        return True  # a name the tagger took for a common noun ('Silverman interjected, “...”')
    return len(h) > 4 and h not in _AGENT_LOOKALIKES and _AGENT_ENDING.search(h) is not None


def _can_speak(m: Mention | None) -> bool:
    """A name, a personal pronoun, a role noun or a person or body of people: a mention that may be
    a quotation's speaker ('The pro-democracy protests of the "Arab Spring" spread' name none)."""
    if m is None:
        return False
    return m.kind == "name" or (m.kind == "pronoun" and m.head not in ("it", "its")) or _speakerish(m) or _animate(m)


def _about_speaker(text: str, pos: int, end: int, m: Mention | None) -> Mention | None:
    """The speaker's name opening the one paragraph between their words (from ``pos``) and a
    quotation with no cue (at ``end``): '“...,” Viguerie notes. ¶ Viguerie is upbeat about Cruz’s
    chances ... ¶ “Not only can Ted Cruz win ...”' goes on quoting Viguerie, named again as the
    paragraph's subject. A paragraph with quotation marks is someone's words, no such aside."""
    if m is None or m.kind != "name" or not m.text.split():
        return None
    breaks = list(_PARA_BREAK.finditer(text, pos, end))
    if len(breaks) != 2:
        return None
    a, b = breaks[0].end(), breaks[1].start()
    between = text[a:b]
    if any(c in between for c in "“”\"«»"):
        return None
    last = m.text.split()[-1]
    found = re.match(rf"(?:[A-Z][\w.’'-]*\s+){{0,3}}?({re.escape(last)})\b(?!['’])", between)
    if found is None:
        return None
    s0, e0 = a + found.start(), a + found.end(1)
    return Mention(s0, e0, text[s0:e0], "name", last.lower())


def _paragraph_subject(text: str, pos: int, events: list[tuple[int, Mention | None, str | None]]) -> Mention | None:
    """The speaker named as the subject opening the paragraph whose next sentence is a quotation with no
    cue ('Clinton touted her credentials as an original co-sponsor of the legislation. “We need to find
    ways ...”'): the paragraph is about them and the quotation is theirs, not the last speaker's of a
    paragraph before. Only a name the text gives a speaker (``events``, the speech before the quotation)
    and a paragraph in which no one spoke and no quotation mark stands before it."""
    para = text.rfind("\n", 0, pos) + 1
    between = text[para:pos]
    if not between.strip() or any(c in between for c in "“”\"«»") or not between.rstrip().endswith((".", "!", "?")) \
            or any(e[0] >= para for e in events):
        return None
    speakers = [e[1] for e in events]
    found = _LEAD_NAME.match(between)
    if found is None:
        return None
    name = found.group("name").split()
    for m in speakers:
        # every word of the paragraph's name is one of the speaker's ('Clinton' of 'Hillary Clinton'; not
        # 'What Beijing')
        if m is not None and m.kind == "name" and m.text.split() and m.text.split()[-1] == name[-1] \
                and all(w in m.text.split() for w in name):
            s0, e0 = para + found.start("name"), para + found.end("name")
            return Mention(s0, e0, text[s0:e0], "name", name[-1].lower())
    return None


#: a name opening a paragraph as its subject (after an 'And', 'But' ... and a title): one to three
#: capitalised words, then a word in small letters (not an owner's 'Clinton's')
_LEAD_NAME = re.compile(r"\s*(?:(?:And|But|So|Yet|Still|Now|Then|Meanwhile),?\s+)?(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+)?"
                        r"(?P<name>(?:[A-Z][\w-]*[a-z]\s+){0,2}[A-Z][\w-]*[a-z])\s+[a-z]")


def _speech_events(sents: list[Sentence], spans: QuoteSpans) -> list[tuple[int, Mention | None, str]]:
    """Named or pronoun subjects of speech verbs outside quotes, with or without a reported clause.

    'Howard continued his scathing remarks.' introduces the quotation of the next paragraph as
    much as 'Howard said:' does, though it reports nothing itself.
    """
    out: list[tuple[int, Mention | None, str]] = []
    for sent in sents:
        for t in sent.span:
            if not _is_cue(t) or _inside(_tok_start(t, sent.offset), spans):
                continue
            subj = _subject(t)
            m = mention_of(subj, sent.offset) if subj is not None else None
            if m is not None and m.kind in ("name", "pronoun") and not _inside(m.start, spans):
                out.append((_tok_start(t, sent.offset), m, t.text))
    return out


@dataclass
class QuoteRecord:
    start: int
    end: int
    mention: Mention | None
    cue: str | None
    direct: bool
    order: int  # position for speaker resolution (where the speaker is mentioned or the quote)
    #: a hedge on no one's word ('X is expected to ...'): it takes no speaker from a nested attribution
    sourceless: bool = False


def attribute(
    text: str, sents: list[Sentence], quotes: Sequence[MarkedQuote], *, broad: bool = False
) -> list[QuoteRecord]:
    """Direct quotes with their speaker mention, then indirect attributions not already covered."""
    attrs = find_attributions(text, sents, quotes, broad=broad)
    spans = QuoteSpans(quotes)
    events = [(a.cue_start, a.mention, a.cue) for a in attrs if a.mention is not None and a.cue.lower() in CUE_FORMS
              and not _inside(a.mention.start, spans)]
    records: list[QuoteRecord] = []
    speech_events: list[tuple[int, Mention | None, str]] | None = None  # computed when first needed
    #: the speaker each cue (by position) was found to report, for quotations that cue reports again
    cue_speakers: dict[int, Mention] = {}
    for q in quotes:
        idx = _sentences_of(q, sents)
        best: tuple[float, Token, Sentence] | None = None
        mention: Mention | None = None
        cue_text: str | None = None
        for i in idx:
            for cue in _cues_in(sents[i], spans):
                cpos = _tok_start(cue, sents[i].offset)
                dist = min(abs(cpos - q.outer_start), abs(cpos - q.outer_end))
                m, ctext = _cue_mention(cue, sents[i], q)
                if m is not None and _inside(m.start, spans):
                    # a subject inside another quotation ('"... if I didn't," he said') is quoted, not speaking
                    m = None
                # prefer a named or pronoun speaker over a passive cue or an inanimate subject
                if m is None:
                    dist += 1000 if cue.lower_ in STRONG_CUES else 5000
                elif m.kind == "nominal" and not _speakerish(m):
                    dist += 400
                if cue.lower_ not in STRONG_CUES and cue.lower_ != "according":
                    dist += 80
                if sents[i].start <= q.outer_start and q.outer_end <= sents[i].end and not _governs(cue, sents[i], q):
                    # a cue whose clause holds the quotation beats one in another clause ('Carter said
                    # the approach remained “...”, but he also warned China')
                    dist += 150
                elif cpos >= q.outer_end and _hangs_before(sents[i], q):
                    # 'Weiner admitted that they had “been friends,” he claimed they ...': the
                    # quotation ends a clause begun before it; a cue after it starts another
                    dist += 150
                if best is None or dist < best[0]:
                    best = (dist, cue, sents[i])
                    mention, cue_text = m, ctext
        # the parser may end the sentence at the closing mark ('“...?” Hannity pressed.'): when the
        # quotation opens its sentence, the sentence starting right after it is read too
        opens = bool(idx) and _opens_sentence(text, sents[idx[0]], q)
        nxt_sent = [j for j in range(idx[-1] + 1, min(len(sents), idx[-1] + 3))
                    if 0 <= sents[j].start - q.outer_end <= 2 and "\n" not in text[q.outer_end:sents[j].start]
                    ] if opens else []
        if best is not None and best[1].lower_ != "according":
            # 'CNN, Cruz said, called the announcement “highly significant”': the tag set into
            # the clause reports it, not the clause's own verb
            tag = next((c for c in _cues_in(best[2], spans) if c.i != best[1].i and _tags_clause(c, best[1])), None)
            if tag is not None:
                tm, ttext = _cue_mention(tag, best[2], q)
                if _can_speak(tm):
                    mention, cue_text, best = tm, ttext, (best[0], tag, best[2])
        # a colon lead read off the parse beats the cues of the sentence; one read off the text only
        # ('Graham: “...”') names the speaker when nothing else does (below)
        found_lead = _colon_lead(text, q, sents, spans)
        lead = found_lead if found_lead is not None and found_lead.verb is not None else None
        if lead is not None and lead.verb is not None and lead.sent is not None:
            mention, cue_text, best = lead.mention, lead.cue, (0.0, lead.verb, lead.sent)
        tagged_after = False
        for i in idx + nxt_sent:
            post = _speaker_after(text, sents[i], q)
            if post is not None:
                mention, cue_text, best = post[1], post[0].text, (0.0, post[0], sents[i])
                lead, tagged_after = None, True
                break
        if lead is None and not tagged_after and best is not None and mention is not None \
                and mention.kind == "pronoun":
            # "Kasich says he'd tell him “no more nonsense”", "But he told ABC that he agrees Trump is
            # a “total opportunist”": the outer speech verb's subject reports the whole clause
            outer = _outer_cue(best[1])
            if outer is not None:
                m2, c2 = _cue_mention(outer, best[2], q)
                reported = all(t.dep_ in ("ccomp", "xcomp") for t in [best[1], *best[1].ancestors]
                               if t.i != outer.i and outer in t.ancestors)
                # a clause of its own keeps its pronoun: adverbial ('Ryan said ..., though he said, “...”')
                # or relative ('Amano said ... that North Korea is violating ... resolutions — which he
                # added “is deeply regrettable”')
                adverbial = (best[1].dep_ == "advcl" and best[1].head.i == outer.i) or best[1].dep_ == "relcl" \
                    or (best[1].dep_ == "conj" and any(c.dep_ == "nsubj" for c in best[1].children))
                # or a conjunct with a subject of its own ('Trump called the assault "an attack on our
                # country," but he also noted the "senseless, tragic deaths"')
                if m2 is not None and m2.start != mention.start and not _inside(m2.start, spans) and (
                        (m2.kind == "name" and not adverbial) or (reported and (m2.kind == "pronoun" or _speakerish(m2))
                                              and m2.head not in ("it", "i"))):
                    mention, cue_text = m2, c2
                    if reported:
                        best = (best[0], outer, best[2])
        words = len(text[q.start:q.end].split())
        # a speech tag right after the quoted phrase reports the clause it closes ('The former
        # secretary of state will play the "woman card," Fiorina said'); a channel's ('..., the
        # Times reported') passes on the words of whom the clause is about, as 'according to' does
        said_after = tagged_after and best is not None and _is_cue(best[1]) and best[1].lower_ not in _CHANNEL_VERBS
        if words <= SHORT_QUOTE_WORDS and lead is None and not said_after:
            # a phrase quoted inside a sentence belongs to whoever the verb governing it is about:
            # 'Cruz questioned Trump's “New York values”', 'he rails against its “Great Wall”'
            for i in idx:
                gov = _governing_speaker(sents[i], q, skip_light=True, quotes=spans)
                if gov is None:
                    continue
                gm = mention_of(gov[1], sents[i].offset)
                governed = best is not None and best[1].sent == gov[0].sent and (
                    (best[1] in gov[0].ancestors and not _own_statement_between(best[1], gov[0]))
                    or _tags_clause(best[1], gov[0]))
                if _can_speak(gm) and not governed \
                        and (best is None or gov[0].i != best[1].i):
                    mention, cue_text, best = gm, gov[0].text, (0.0, gov[0], sents[i])
                break
        if lead is None and not said_after and best is not None and mention is not None:
            # 'She noted that Sanders in the past has criticized the president ... and called the
            # president "weak"', 'prosecutors say that he told one FBI agent, "I'd say, ..."': words
            # quoted in a clause someone before it reports are given to that reporter, as PolNeAR's
            # annotators give them, not to the reported clause's subject
            top = _outermost_reporter(best[1])
            if top is not None:
                m3, c3 = _cue_mention(top, best[2], q)
                if m3 is not None and _can_speak(m3) and not _inside(m3.start, spans) and m3.start < q.start:
                    mention, cue_text, best = m3, c3, (best[0], top, best[2])
        if lead is None and best is not None and mention is not None and mention.kind == "pronoun":
            # 'Cruz has railed against what he calls the “Washington cartel”': the pronoun of a
            # free relative stands for the subject of the clause the relative is part of
            ante = _free_relative_antecedent(best[1], mention, best[2])
            if ante is not None and not _inside(ante.start, spans):
                mention = ante
        according = next(((c, sents[i]) for i in idx for c in _cues_in(sents[i], spans)
                          if c.lower_ == "according"), None)
        if according is not None and (mention is None or best is None or not _is_cue(best[1])):
            # 'According to Variety, Trump brought “SNL” its highest ratings': no one says the
            # quotation, and the sentence gives its source. A speech verb's speaker keeps it:
            # '“...,” Sanders said, according to CNN' is Sanders's quotation, CNN the channel it came
            # through, which a trace of the quotation between outlets must not take for the speaker
            # (PolNeAR's annotators credit CNN: train speaker 0.9239 with them, 0.9197 without)
            am, atext = _cue_mention(according[0], according[1], q)
            if am is not None and not _inside(am.start, spans):
                mention, cue_text, best = am, atext, (0.0, according[0], according[1])
        if mention is not None and best is not None and _share_of_people(mention):
            # 'In a September Washington Post-ABC News poll, 75 percent of Republicans said "most
            # people in politics" can't be trusted': a share of those asked answers through the poll
            # the sentence names, whose finding the quotation is
            poll = _poll_in(best[2], spans)
            if poll is not None:
                mention = poll
        for i in idx:
            owned = _speech_noun_owner(sents[i], q, spans)
            if owned is not None:
                mention, cue_text, best = owned[1], owned[0].text, (0.0, owned[0], sents[i])
                break
        if best is not None and mention is None:
            # '“...,” Mr. Daniloff, now 81 and retired in Cambridge, Mass., said by telephone. “...”':
            # the parse missed the subject the words after the first quotation gave that cue
            cpos = _tok_start(best[1], best[2].offset)
            mention = cue_speakers.get(cpos)
            prev = records[-1] if records else None
            if mention is None and prev is not None and prev.direct and prev.mention is not None \
                    and prev.end <= prev.mention.start < cpos < q.outer_start and "\n" not in text[prev.end:q.outer_start]:
                # the tag between the two quotations named its subject for the first ('“...,” Mr.
                # Daniloff, now 81 and retired in Cambridge, Mass., said by telephone', where the
                # speaker was read off the words after the first quotation, verb 'retired')
                mention = prev.mention
        if best is not None and mention is None and best[1].lower_ not in STRONG_CUES:
            best, cue_text = None, None
        inner_signed = _inner_signature(text, q)
        if inner_signed is not None:
            # '"... tax cuts. ¶ Dean Baker, Center for Economic and Policy Research."': the quoted
            # block signs itself, whatever speaker the sentence before it or its paragraph gave
            mention, cue_text, best = inner_signed, "-", None
        if mention is None:
            # 'Sidney Blumenthal: ‘No Idea’ If I Would Have Told ...': a colon lead beats a subject-less cue
            m3, c3 = (found_lead.mention, found_lead.cue) if found_lead is not None else (_signature(text, q), "-")
            if m3 is not None:
                mention, cue_text, best = m3, c3, None
        if mention is None and best is None:
            # a partial quote inside reported speech: 'Amnesty said the attacks show “a disregard”'
            inner = [a for a in attrs if a.start <= q.start and q.end <= a.end and a.mention is not None]
            if inner:
                a = min(inner, key=lambda a: a.end - a.start)
                mention, cue_text = a.mention, a.cue
        if mention is None and best is None:
            # the attribution split off as its own sentence: '“...” The ministry said.'; a cue that
            # reports a clause of its own ('“...” Reid said both Rubio and Cruz are ...') opens a
            # new statement instead
            after = [s for s in sents if -2 <= s.start - q.outer_end < 4 and "\n" not in text[q.outer_end:s.start]]
            if after:
                for cue in _cues_in(after[0], spans):
                    subj = _subject(cue)
                    reports = any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in cue.children)
                    if subj is not None and cue.i - after[0].span.start < 8 and not reports:
                        mention, cue_text = mention_of(subj, after[0].offset), cue.text
                        break
        if mention is None and best is None:
            # a short phrase ('the "Arab Spring"') whose verb has no subject that can speak is a term
            # or a scare quote: nobody's words, rather than those of 'The pro-democracy protests'
            for i in idx:
                gov = _governing_speaker(sents[i], q, quotes=spans, speakers_only=True) \
                    or (None if words <= SHORT_QUOTE_WORDS else _governing_speaker(sents[i], q, quotes=spans))
                if gov is not None and words >= 2:
                    mention, cue_text = mention_of(gov[1], sents[i].offset), gov[0].text
                    break
        if mention is None and best is None:
            # a quote continuing the words of the last speaker, in this or the previous paragraph
            if speech_events is None:
                speech_events = _speech_events(sents, spans)
            last: list[tuple[int, Mention | None, str | None]] = [e for e in events + speech_events if e[0] < q.outer_start] + [
                (r.start, r.mention, r.cue) for r in records[-1:] if r.mention is not None]
            prev = records[-1] if records and records[-1].mention is not None and records[-1].direct else None
            if prev is not None and prev.end < q.outer_start and "\n" not in text[prev.end:q.outer_start]:
                # '“...,” Kasich said after Trump said .... “...”': a quotation going on in the
                # paragraph of the one before is that one's speaker's, whatever speech its sentence
                # (with its tag: '“...” a witness said.' may be a sentence of its own) goes on to
                # report; someone named speaking in a sentence of their own between them ('“...,”
                # Putin said. Obama replied that .... “...”') speaks it, as the last speaker does,
                # while a pronoun there ('It added that ...') is most likely the same speaker again
                anchor = max(prev.end, prev.order)  # its tag's mention, which may follow it
                ends = next((s.end for s in sents if s.start <= anchor < s.end), anchor)
                if not any(ends <= e[0] < q.outer_start and e[1] is not None and e[1].kind != "pronoun" for e in last):
                    last = [(prev.start, prev.mention, prev.cue)]
            lead_name = _paragraph_subject(text, q.outer_start, last)
            if lead_name is not None:
                mention, cue_text = lead_name, "-"
            elif last:
                pos, m0, c0 = max(last, key=lambda e: e[0])
                gap = text[pos:q.outer_start]
                again = _about_speaker(text, pos, q.outer_start, m0) if len(gap) < 1200 else None
                if again is not None:
                    mention, cue_text = again, c0
                elif len(_PARA_BREAK.findall(gap)) <= 1 and len(gap) < 1200:
                    # a quotation continuing '“...,” said Murphy, who thinks ...' is Murphy's: the
                    # relative pronoun named the speaker of its own clause only
                    mention, cue_text = (m0.antecedent if m0 is not None and m0.antecedent else m0), c0
        words = len(text[q.start:q.end].split())
        if mention is None and cue_text is None and words < MIN_UNCUED_WORDS:
            continue
        if mention is None and best is None and words < MIN_UNCUED_WORDS:
            continue
        if best is not None and mention is not None:
            cue_speakers.setdefault(_tok_start(best[1], best[2].offset), mention)
        rec = QuoteRecord(q.start, q.end, mention, cue_text, True, mention.start if mention else q.start)
        records.append(rec)
    # indirect attributions whose content is not mostly a direct quote already listed
    quote_starts = [q.start for q in quotes]
    for a in attrs:
        if _reported_by_another(a, attrs, sents):
            continue
        past = _past_quotation(text, a, records, quotes, sents)
        start = a.start if past is None else past
        covered = 0
        for r in records:
            covered += max(0, min(a.end, r.end) - max(start, r.start))
        if past == a.end or covered >= 0.6 * (a.end - start) or _tag_of_direct(a, records):
            # the direct quote is the content; borrow the speaker when the quote has none
            for r in records:
                if r.start < a.end and a.start < r.end and r.mention is None and a.mention is not None \
                        and not r.sourceless:
                    r.mention, r.cue = a.mention, a.cue
            continue
        end = _through_closing_mark(text, start, a.end, quotes, quote_starts)
        records.append(QuoteRecord(start, end, a.mention, a.cue, False, a.mention.start if a.mention else start,
                                   sourceless=a.mention is None and a.extra.get("sourceless", 0) == 1))
    return records


def _reported_by_another(a: Attribution, attrs: list[Attribution], sents: list[Sentence]) -> bool:
    """Whether ``a`` is a verb of saying whose subject, one thing, cannot speak, whose clause has no subject of its own,
    inside what a person named in a tag after it reports from that subject on: 'The ceasefire deal announced
    October 17 followed a month of negotiations ..., said Hassan Tukur, an aide to ...' gave what followed
    to 'The ceasefire deal' (the parser read the participle as the verb; 'followed' has no subject), and
    Tukur's report, mostly the same words, was dropped as already given. A clause with its subject is a
    report of its own ('The Nigerian military says it has reached a cease-fire ..., the BBC reports')."""
    m = a.mention
    if m is None or m.kind != "nominal" or m.head.endswith("s") or a.cue.lower() not in CUE_FORMS or _can_speak(m) \
            or _share_of_people(m) or not 0 <= a.sentence < len(sents):
        return False  # nor people the parser left unknown ('About 40 rabbis have said ..., according to an organizer')
    if not any(b is not a and b.mention is not None and b.mention.kind == "name" and b.start <= m.start
               and a.cue_start < b.end <= b.cue_start for b in attrs):
        return False
    sent = sents[a.sentence]
    cue = next((t for t in sent.span if _tok_start(t, sent.offset) == a.cue_start), None)
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None) if cue is not None else None
    return clause is not None and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark") for c in clause.children)


#: what may stand between reported content cut at its sentence's end and the closing mark of the
#: quotation it ends in: the sentence's stop, set inside the marks
_STOP_IN_MARKS = re.compile(r"[\s.?!,;:…]*")


def _through_closing_mark(text: str, start: int, end: int, quotes: Sequence[MarkedQuote], starts: list[int]) -> int:
    """Where reported content ends that the sentence's stop cut inside a quotation it runs into ('Barkley
    said that CNN ... has done an “awful” job of covering the “election.”' ended at 'election', inside the
    marks): at the closing mark, when only the stop stands before it. ``starts`` are the quotations'
    starts, in order."""
    i = bisect_right(starts, end) - 1
    while i >= 0 and quotes[i].start >= end:
        i -= 1
    if i < 0:
        return end
    q = quotes[i]
    if start < q.outer_start and q.start < end < q.end and q.close_at is not None \
            and _STOP_IN_MARKS.fullmatch(text, end, q.end):
        return q.outer_end
    return end


#: heads of a share of people ('75 percent of Republicans', 'The vast majority of Americans')
_SHARE_HEADS = frozenset(("percent", "%", "majority", "plurality", "minority", "half", "third", "thirds", "quarter"))
#: nouns for a poll, which answers for the share of its respondents a sentence quotes
_POLL_NOUNS = frozenset(("poll", "polls", "survey", "surveys"))


def _share_of_people(m: Mention) -> bool:
    """Whether a mention is a share of people: a number or percentage, or a majority or half."""
    return m.kind == "nominal" and (m.head[:1].isdigit() or m.head in _SHARE_HEADS)


def _poll_in(sent: Sentence, spans: QuoteSpans) -> Mention | None:
    """The poll a sentence names as a noun of its own ('In a national CNN/ORC poll released Monday',
    'according to an Associated Press-GfK poll'), not as a modifier ('poll numbers')."""
    for t in sent.span:
        if t.lower_ in _POLL_NOUNS and upos(t) == "NOUN" and t.dep_ != "compound" \
                and not _inside(_tok_start(t, sent.offset), spans):
            m = mention_of(t, sent.offset)
            if m is not None:
                return m
    return None


#: words joining what follows a quotation to it: 'said "..." and that ...' reports the 'that' clause
_JOINERS = re.compile(r"(?:(?:and|but|or)\b[\s,]*)+", re.I)


def _past_quotation(text: str, a: Attribution, records: list[QuoteRecord], quotes: Sequence[MarkedQuote],
                    sents: list[Sentence]) -> int | None:
    """Where reported speech whose clause is a quotation already listed really begins.

    'The mayor said "we are fine" on Monday' gave its cue's clause, from the quoted words to the
    sentence's end, as reported speech: the quotation again, run across its closing mark. When the
    parse heads the content inside the quotation, the quotation is the clause reported, and what
    follows its closing mark is reported content only when it is a clause joined to it ('The mayor
    said "we are fine" and that the city would reopen' reports 'that the city would reopen');
    otherwise the quotation is all the content (the returned start is the content's end). None when
    the content does not open with a listed quotation or the quotation is only a part of the clause
    ('Omeri said "every asset" will be directed towards ...', the subject of 'directed').
    """
    q = next((q for q in quotes if q.outer_start <= a.start < q.end and q.outer_end < a.end and any(
        r.direct and r.start == q.start and r.end == q.end for r in records)), None)
    sent = sents[a.sentence] if 0 <= a.sentence < len(sents) else None
    if q is None or sent is None:
        return None
    off = sent.offset
    toks = [t for t in sent.span if a.start <= _tok_start(t, off) < a.end]
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    inside = [t for t in toks if q.start <= _tok_start(t, off) < q.end]
    if not heads or any(t not in inside for t in heads) or not any(t.dep_ in ("nsubj", "nsubjpass", "expl")
                                                                     for t in inside):
        # a quoted phrase, not a quoted clause with its subject: 'Cruz asked them to "prayerfully
        # consider" the future of their campaigns'
        return None
    j = _JOINERS.match(text, _trim(text, q.outer_end, a.end)[0])
    start = _trim(text, j.end() if j else q.outer_end, a.end)[0]
    first = next((t for t in toks if _tok_start(t, off) >= start), None)
    if first is not None and _tok_start(first, off) == start and first.dep_ == "mark" \
            and first.lower_ in ("that", "whether") and first.head.i in ids:
        return start
    # 'on Monday', 'the Vatican's deputy spokesman ... said on Saturday', 'and added that ...' (a
    # cue of its own, which reports that clause)
    return a.end


def _tag_of_direct(a: Attribution, records: list[QuoteRecord]) -> bool:
    """Whether ``a`` is a direct quotation's own tag read as reported speech: its content opens with
    the quotation and runs on to its cue, so what follows the quotation is the speaker in
    apposition ('"We are not leaving," one resident, Abu Mohammed, told Reuters' had also
    reported 'We are not leaving," one resident, Abu Mohammed' as said, with no speaker)."""
    return a.cue_start >= a.end and any(
        r.direct and a.start <= r.start <= a.start + 2 and r.end < a.end for r in records
    )


#: a quotation opening with the speaker's own full name, two words or more ('My name is Luke Somers.')
_MY_NAME = re.compile(r"[^\S\n]*(?:My|my)[^\S\n]+name[^\S\n]+is[^\S\n]+((?:[A-Z][a-z’'-]+[^\S\n]+)+[A-Z][a-z’'-]+)(?![\w’'-])")


def resolve_speakers(
    records: list[QuoteRecord], text: str = "", title: str = ""
) -> list[tuple[QuoteRecord, str | None]]:
    """Normalise every record's speaker, walking mentions in text order; the people the article's ``title`` names
    are named before the text's first sentence (``SpeakerResolver``)."""
    mentions = [r.mention for r in records if r.mention is not None]
    uniq: dict[int, Mention] = {}
    for m in mentions:
        uniq.setdefault(m.start, m)
    resolver = SpeakerResolver(sorted(uniq.values(), key=lambda m: m.start), text,
                               [(r.start, r.end) for r in records if r.direct], title)
    names: dict[int, str | None] = {}
    for m in sorted(uniq.values(), key=lambda m: m.start):
        names[m.start] = resolver.resolve(m)
        if m.kind == "pronoun":
            # 'He said: "My name is Luke Somers. ..."' is Luke Somers, whoever was named before it
            said = next((hit.group(1) for r in records if r.direct and r.mention is m
                         for hit in [_MY_NAME.match(text, r.start)] if hit), None)
            names[m.start] = said or names[m.start]
    return [(r, names.get(r.mention.start) if r.mention else None) for r in records]
