"""Counts of people and events with their meaning: value interval, subject, event, window, place, source.

Number expressions come from ``numbers`` (surface forms and intervals). Here each is accepted as a
count only when the parse shows what is counted (a plural noun, a people/event noun, or the object
of an event verb such as "killing 3"), which is what keeps years, dates, phone numbers,
percentages and money out. The event is read off the verbs governing the counted noun ("were
killed", "claimed the lives of", "cases of suffocation"), the window and place from the same
sentence, the source from the attribution the count sits in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from itertools import pairwise
from typing import TYPE_CHECKING

from newstrace.claims.lexicon import (
    DOCUMENT_NOUNS,
    EVENT_NOUNS,
    EVENT_PRIORITY,
    EVENT_STEMS,
    MONTHS,
    NON_COUNT_UNITS,
    PEOPLE_NOUNS,
    SCALES,
    SINGLE_PEOPLE,
    TOLL_OF,
    TOLL_REVISED,
    WEEKDAYS,
)
from newstrace.claims.numbers import NumberMatch, find_numbers
from newstrace.claims.quotes import Sentence
from newstrace.claims.segment import SINGLE_VICTIM
from newstrace.claims.tags import doc_text, upos
from newstrace.claims.windows import Window, find_windows
from newstrace.model import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Token

_MONTHS = frozenset(MONTHS) | frozenset(m + "." for m in MONTHS)
#: a month before a day's number: "April 5", "Apr. 5", "Sept. 3"; a full stop only after a month's short form, as
#: one after its full name ends a sentence: "... in Palmyra in April. Two Russian airmen were killed" (TRT, FA-KES
#: dev 1919191746) and "... launched in late August. Fourteen of the IS group fighters were killed" (Reuters in
#: Ahram, dev 1923848287) had no count
_DATE_BEFORE = re.compile(r"\b(?:(?:" + "|".join(MONTHS[:12]) + r")|(?:" + "|".join(MONTHS[12:]) + r")\.?)\s*"
                          r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s*)?$", re.I)
_DATE_AFTER = re.compile(r"^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:" + "|".join(MONTHS) + r")\b", re.I)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
_CONJ_GAP = re.compile(r"\s*,?\s*and\s+|\s*,\s*")
#: what follows a count of a part of the count before it: "three of whom", "one of them"
_OF_WHOM = re.compile(r"\s+of\s+(?:whom|them)\b", re.I)
#: the gap to a second object after the first's own words: "five of Al-Nusra and allied militants as well as"
_AS_WELL_AS = re.compile(r"[^.;:]{0,60}?\bas well as\s+", re.I)
#: what introduces the count of a part, at the end of the gap after a bare whole: "kills 15 including
#: 4 children", "30 were wounded, including 12 civilians"
_PART_GAP = re.compile(r"(?:^|(?<=[\s,;(]))(?:including|among them|of them|of whom)\s+$", re.I)
_DEATH_NOUNS = {"deaths", "death", "casualties", "fatalities", "dead", "bodies", "lives", "victims", "toll"}
#: nouns naming a killing, whose "of" phrase holds the victims: "the killing of two activists"
_EVENT_NOMINALS = frozenset({"killing", "killings", "execution", "executions", "massacre", "murder", "murders",
                             "beheading", "beheadings", "slaughter", "assassination", "assassinations"})
#: words before a counted noun that say it died
_DEAD = frozenset({"dead", "killed", "slain"})
#: words before a counted noun that say what else befell it, when no verb says ("three injured persons
#: were taken to hospital"); "killed at least 26 displaced people" were killed
_HURT = frozenset({"wounded", "injured", "displaced"})
#: words that are counts themselves, never the noun a number before them counts: "35 Dead Dozens Wounded"
_COUNT_WORDS = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "tens"})
#: words after a bare count that say what befell it: "4 killed", "a further 300,000 displaced" (that one was
#: read as killed, from the verb of the count before it)
_STATE_WORDS = frozenset({"dead", "killed", "injured", "wounded", "hurt", "missing", "arrested", "detained",
                          "displaced", "abducted", "kidnapped"})
_ADJ_TO_NOUN = {"civilian": "civilians", "military": "soldiers", "child": "children", "children": "children",
                "women": "women", "female": "women"}


def _event_of_word(word: str) -> str | None:
    w = word.lower()
    for ev in EVENT_PRIORITY:
        for stem in EVENT_STEMS[ev]:
            if " " not in stem and w.startswith(stem):
                if ev == "launched" and w.startswith("fire") and w not in ("fire", "fired", "firing", "fires"):
                    continue
                return ev
    return None


#: nouns of people something befell, that some of them survived: a victim who survived was wounded
_HARMED = frozenset({"victims", "casualties"})


def _survived(noun: Token) -> bool:
    """Whether the words on a counted noun say its people survived: "victims who survived" (a relative
    clause), "surviving victims"; such victims are wounded, not the dead the noun alone gives."""
    return any(
        c.lower_.startswith("surviv") and ((c.dep_ in ("relcl", "acl") and c.i > noun.i) or c.dep_ == "amod")
        for c in noun.children
    )


def _event_up(noun: Token) -> str | None:
    """The event of a counted noun from the words that govern or modify it."""
    # the noun itself: "deaths", "casualties"; "cases of suffocation"
    # "the hospital had recorded four deaths from gas poisoning and 55 injuries" (TRT, FA-KES dev
    # 1919191753): the injuries, a conjunct of the deaths, were read as killed
    own = _event_of_word(noun.text) if noun.lower_ in _DEATH_NOUNS \
        or noun.lower_ in ("wounded", "injured", "dead", "injuries") else None
    if own == "killed" and noun.lower_ in _HARMED and _survived(noun):
        # "three other shooting victims who survived", "two surviving casualties": harmed, not dead
        return "wounded"
    if own:
        return own
    for c in noun.children:
        if c.dep_ == "amod" and c.i < noun.i and c.lower_ in _DEAD:
            # "shot dead 14 people" (the parse hangs "dead" on the noun), "two dead soldiers"
            return "killed"
        if c.dep_ == "prep" and c.lower_ == "of" and not (noun.lower_ in PEOPLE_NOUNS and noun.lower_ not in _DEATH_NOUNS):
            # "cases of suffocation"; but "families of terrorism victims" are no victims themselves
            for g in c.children:
                ev = _event_of_word(g.text)
                if ev:
                    return ev
        if c.dep_ in ("acl", "relcl", "amod") and c.i > noun.i:
            if _deed_on(noun):
                continue  # "ISIS executed 18 civilians who had tried to flee": the verb's event, read below
            if c.dep_ == "relcl" and (_own_subject(c) or _does_to_another(c, counted=True)):
                continue  # "30 hostages, three of whom have been executed": the three's event
            ev = _event_of_word(c.text)
            if ev:
                return ev
            for g in c.children:
                if g.dep_ in ("xcomp", "oprd", "acomp", "conj"):
                    ev = _event_of_word(g.text)
                    if ev:
                        return ev
    if noun.dep_ == "conj":
        # a conjunct that says what befell it keeps that: "more than 30,000 combat and civilian deaths and more
        # than 1 million internally displaced persons" (PolNeAR) were not killed; "killed 26 displaced people",
        # the verb's own object, were
        for c in noun.children:
            if c.dep_ == "amod" and c.i < noun.i and c.lower_ in _HURT:
                return _event_of_word(c.text)
    h = noun
    # a count with a number of its own inside a part's "of" phrase is the whole: "15 of the 350 hostages"
    own_number = noun.like_num or any(c.dep_ == "nummod" for c in noun.children)
    in_part = False
    for _ in range(6):
        if h.head is h:
            break
        child, h = h, h.head
        in_part = in_part or (child.dep_ == "pobj" and h.lower_ == "of" and h.head.like_num)
        if child.dep_ == "pobj" and h.lower_ not in ("of", "by", "to", "among", "including") \
                and not (h.lower_ == "from" and child.lower_ in PEOPLE_NOUNS and any(c.lower_ == "to" for c in h.children)) \
                and not _along_with(h):
            # "killed ... in two main battlegrounds": a place or time, not the victims; but people
            # can be the object of "from" in a range ("killed from 500 to well over 1000 people")
            return None
        if h.lower_ == "lives" or (h.lower_ == "victim" and child.dep_ != "pobj"):
            for a in (h.head, *h.children):
                if a.lower_ in ("claimed", "claim", "claims", "took", "take", "cost", "costs", "lost", "fallen",
                                "fell", "killed"):
                    return "killed"
        if h.lower_ in ("victim",) and h.head.lower_ in ("fallen", "fell"):
            return "killed"
        if child.dep_ == "nsubj" and upos(h) == "VERB" and h.lower_ in PEOPLE_NOUNS and h.i > child.i \
                and _event_of_word(h.text) is None:
            # a noun of people the parse takes for a verb whose subject the count is: TRT (FA-KES dev
            # 1924058106) "Air strikes ... have killed at least 61 people mostly civilians a war monitor said",
            # its commas dropped, tags "civilians" VBZ; it renames the count, and the climb goes on past it
            continue
        if upos(h) in ("VERB", "AUX") or h.tag_ in ("VBN", "VBG"):
            ev = _event_of_word(h.text)
            if ev:
                return None if (child.dep_ == "nsubj" and _does_to_another(h)) or _unrealised(h) else ev
            if h.lower_ in ("fallen", "fell") and any(c.lower_ == "victim" for c in h.subtree):
                return "killed"
            for c in h.children:
                # the object's state may come before it: "security forces shot dead roughly 100 demonstrators"
                if c.dep_ in ("xcomp", "oprd", "acomp", "ccomp") and (c.i > child.i or child.dep_ == "dobj") \
                        and not _own_subject(c) \
                        and not (c.tag_ in ("VBG", "VB") and _does_to_another(c)):
                    ev = _event_of_word(c.text)
                    if ev:
                        return ev
            for c in h.children:
                if c.dep_ == "dobj" and c.lower_ in ("lives", "life") and h.lower_ in ("claimed", "took", "cost", "lost"):
                    return "killed"
            if child.dep_ == "dobj" and h.lower_ == "lost" and h.tag_ in ("VBD", "VBN") and _people_word(noun) \
                    and not _loses_by_leaving(h):
                # "Hifter's side lost 20 fighters", "We lost four of our members", "had lost two siblings"
                return "killed"
            if child.dep_ == "dobj" and noun.lower_ in ("lives", "life") and h.lower_ in _TAKING_LIVES:
                # "has claimed thousands of lives": the number, not "lives", is the verb's object
                return "killed"
            if child.dep_ in ("nsubj", "nsubjpass") and not (own_number and in_part):
                # a verb joined to the subject's verb is the subject's too: "17 of the missing youths were
                # rounded up and killed", "17 U.S. troops ... were burned or wounded"; not the whole's
                # that a part is the subject of ("15 of the 350 hostages ... have been shot, beheaded")
                for c in h.children:
                    if c.dep_ == "conj" and c.tag_ in ("VBN", "VBD") and not _own_subject(c) \
                            and not any(g.dep_ == "nsubj" for g in c.children) and not _does_to_another(c, counted=True):
                        ev = _event_of_word(c.text)
                        if ev:
                            return ev
            if child.dep_ == "nsubj" and h.lower_ in ("were", "was", "are", "is"):
                # "Six civilians were among at least 22 people killed": the group's event is theirs
                for c in h.children:
                    if c.dep_ == "prep" and c.lower_ == "among":
                        for g in c.children:
                            if g.dep_ == "pobj":
                                ev = _event_up(g)
                                if ev:
                                    return ev
            if child.dep_ in ("attr", "dobj") and h.lower_ in _LIST_VERBS:
                ev = _event_of_the_listed(h)
                if ev:
                    return ev
            if h.lower_ in ("including", "includes", "included", "among"):
                # "Five civilians including three children were killed": the part shares the whole's event
                continue
            # the verb is a cue or a light verb: stop climbing past a clause boundary
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr") or _misparsed_object(child, h):
                break
        if h.lower_ in _DEATH_NOUNS:
            return "killed"
        if child.lower_ == "of" and upos(h) == "NOUN" and h.lower_ in _EVENT_NOMINALS:
            # "the killing of two activists", "the execution of 12 soldiers": the event named as a noun
            return _event_of_word(h.text)
    return None


def _event_of_the_appositive(noun: Token) -> str | None:
    """What befell a counted noun, told by a participle on the appositive that renames it: SANA's headline
    (FA-KES dev 1926479313) "10 people mostly schoolchildren killed in terrorist rocket attacks on Aleppo"
    counted 10 people of no event, as the parse hangs "killed" on "schoolchildren", the appositive of
    "people". The appositive is the people themselves ("mostly schoolchildren"), and what befell them befell
    the count; it is read only when nothing else gave the count an event."""
    for c in noun.children:
        if c.dep_ == "appos" and c.i > noun.i and c.i - noun.i <= 3 and upos(c) in ("NOUN", "PROPN"):
            for g in c.children:
                if g.dep_ == "acl" and g.i > c.i and g.tag_ == "VBN" and not _own_subject(g):
                    ev = _event_of_word(g.text)
                    if ev:
                        return ev
    return None


def _along_with(prep: Token) -> bool:
    """Whether a preposition is the "with" of "along with" or "together with", whose object shares what
    befell the word the phrase hangs on: al-Alam (FA-KES dev 1962495644) "At least 29 fighters from the
    Western-armed Hazm movement were killed along with six Al-Nusra Front terrorists" read the six of no
    event, as the object of a preposition is taken for a place or a time. Only a phrase that hangs on the
    verb: one on a noun is that noun's company ("The gunman, along with three accomplices, killed 10
    people": the accomplices killed no one of theirs)."""
    if prep.lower_ != "with" or prep.i == 0 or prep.doc[prep.i - 1].lower_ not in ("along", "together"):
        return False
    head = prep.head if prep.head.i != prep.i - 1 else prep.head.head
    return upos(head) in ("VERB", "AUX") or head.tag_ in ("VBN", "VBD")


def _misparsed_object(noun: Token, verb: Token) -> bool:
    """Whether a noun the parse makes a conjunct of a verb is that verb's object: FNC-1 (train body 288)
    "killed hundreds of fighters and destroyed or damaged scores of pieces" hangs "scores" on "destroyed"
    as its conjunct, and the climb on to "killed" read the pieces as killed. The noun comes right after
    the verb, which has no object of its own (only the verb's "or"/"and", its joined verbs and commas
    between). A noun after the verb's own words is a conjunct of its clause, as the parse says, and the
    climb goes on: Reuters (FA-KES dev 1926479281) "Air strikes killed dozens ... where 8000 people remain
    trapped and at least 149 people mostly women and children" were killed."""
    if noun.dep_ != "conj" or noun.i < verb.i or upos(noun) not in ("NOUN", "PROPN", "NUM") \
            or any(c.dep_ == "dobj" for c in verb.children):
        return False
    between = range(verb.i + 1, noun.left_edge.i)
    return all(noun.doc[j].head.i == verb.i and noun.doc[j].dep_ in ("cc", "conj", "punct") for j in between)


def _deed_on(noun: Token) -> bool:
    """Whether the counted noun is the object of an active verb of a deed done to someone ("kill",
    "execute", "wound"), that happened. That verb says what befell the people, not a clause hung on the
    noun: "It has also been reported that the ISIS executed 18 civilians who had tried to flee Daesh
    captivity" (FA-KES) read as 18 civilians displaced ("flee" in the relative clause), and "A suicide
    bomber killed 30 people injured 90" (a comma-less copy) as 30 people wounded. Not a verb whose subject
    is a count itself or a victim with no article, nor a capitalised one: comma-less headlines parse "8
    persons killed 58 others injured", "Child killed two others injured" and "Child Killed 20 People
    Injured" as a verb with an object, the object being the second toll, whose own word says what
    befell it."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.i == noun.i or not verb.text[:1].islower() or not verb.lower_.startswith(_DEEDS) \
            or _event_of_word(verb.text) is None or _unrealised(verb):
        return False
    return not any(c.dep_ == "nsubj" and (c.like_num or any(g.dep_ == "nummod" for g in c.children)
                                          or (c.lower_ in SINGLE_PEOPLE and not any(g.dep_ == "det" for g in c.children)))
                   for c in verb.children)


#: words that stand in a relative clause for the noun it describes ("people who were killed")
_RELATIVES = frozenset({"who", "whom", "which", "that", "whose"})


def _own_subject(clause: Token) -> bool:
    """Whether a clause hung on a count's noun or verb has a subject of its own, so that its event is
    not the count's: "several Iraqi officials confirmed that ISIS murdered over 300 soldiers" (the
    officials were read as killed), "one user said 'I did not die'", "took 30 hostages, three of whom
    have been executed" (the 30 were read as executed). A relative word ("who", "that") is the noun
    itself, and so is no subject of its own."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ not in _RELATIVES for c in clause.children)


#: verbs whose infinitive is a deed not done: "threatened to kill one of the soldiers", "tried to kill"
_INTENT_VERBS = frozenset({"threaten", "threatens", "threatened", "threatening", "try", "tries", "tried", "trying",
                           "attempt", "attempts", "attempted", "attempting", "plan", "plans", "planned", "planning",
                           "vow", "vows", "vowed", "vowing", "want", "wants", "wanted", "wanting", "sought", "seek",
                           "seeks", "seeking", "intend", "intends", "intended", "intending"})


def _people_word(noun: Token) -> bool:
    """Whether a counted noun names people: a people noun, or a plural name of a people ("two brave
    Americans"); not "a handful of elites" one "may lose" in a party, nor seats or votes."""
    low = noun.lower_
    if low in ("lives", "life") or low in _DEATH_NOUNS:
        return False
    return low in PEOPLE_NOUNS or low in ("siblings", "brothers", "sisters", "sons", "daughters", "comrades") \
        or (noun.tag_ in ("NNS", "NNPS") and noun.text[:1].isupper() and low.endswith("ans"))


#: bodies whose people leave them rather than die: what a party, a company or a school "lost" is
#: members, workers or pupils gone elsewhere
_LEFT_BODIES = frozenset({"party", "parties", "company", "companies", "firm", "firms", "club", "clubs", "team",
                          "teams", "school", "schools", "university", "union", "church", "network", "campaign",
                          "league", "association"})


def _loses_by_leaving(verb: Token) -> bool:
    """Whether the subject of "lost" is a body whose people leave it: "The Labour party lost 20,000
    members last year", "The company lost 500 workers to its rival", "The school lost 40 students
    when the district was redrawn" (each read as killed); a side, a force or "we" that lost
    fighters lost them dead."""
    return any(c.dep_ == "nsubj" and c.lower_ in _LEFT_BODIES for c in verb.children)


def _unrealised(verb: Token) -> bool:
    """Whether a verb of an event tells of one that did not happen: "a Utah man nearly died",
    "the Nusra Front threatened to kill one of the soldiers it holds captive" (FNC-1; each read as
    a count of the dead)."""
    if any(c.dep_ == "advmod" and c.lower_ in ("nearly", "almost") for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in _INTENT_VERBS


#: verbs of a deed done to someone, whose active subject is the doer
_DEEDS = ("kill", "murder", "execut", "slaughter", "massacr", "assassinat", "behead", "crucif", "wound", "injur",
          "slay", "slew")
#: the forms of those verbs: "killed", "killing", "Kills", "executing", "injures" (not "killer", "injuries")
_DEED_FORM = re.compile(r"(?:" + "|".join(_DEEDS) + r")(?:e|es|ed|ing|s|d)?", re.I)
#: objects by which a subject does a deed to itself ("killed himself")
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "oneself"})


def _does_to_another(verb: Token, counted: bool = False) -> bool:
    """Whether an active verb of a deed done to someone ("kill", "execute", "wound") has an object
    other than its subject, so that its subject is who did the deed, not who suffered it: "the two
    brothers reportedly killed an MIT police officer", "Two men admitted killing and eating their
    victim", "two head shots that actually killed Brown", "at least six attacks ... that have killed
    several dozen people" (each read as a count of the dead). An object with a number of its own
    counts only where ``counted`` says so (a relative clause): FA-KES's comma-less headlines parse
    "Nine persons killed 12 injured" and "Seven people killed scores injured" as a subject that
    killed a count."""
    if not verb.lower_.startswith(_DEEDS) or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    # the object may be one the verb shares with a verb joined to it ("killing and eating their victim")
    verbs = [verb] if any(c.dep_ == "dobj" for c in verb.children) else \
        [verb, *(c for c in verb.children if c.dep_ == "conj" and c.tag_.startswith("VB")
                 and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children))]
    return any(
        c.dep_ == "dobj" and c.lower_ not in _REFLEXIVES
        and (counted or not find_numbers(doc_text(c.doc), c.left_edge.idx, c.right_edge.idx + len(c.right_edge)))
        for v in verbs for c in v.children
    )


#: verbs by which lives are lost ("claimed 67 lives", "has claimed thousands of lives"); not "saved", "threatened"
_TAKING_LIVES = frozenset({"claim", "claims", "claimed", "claiming", "take", "takes", "took", "taken", "taking",
                           "cost", "costs", "costing", "lost"})


#: verbs that say who a group was: "Among the dead were 20 children", "those killed include 14 children"
_LIST_VERBS = frozenset({"were", "was", "are", "is", "include", "includes", "included"})


def _event_of_the_listed(verb: Token) -> str | None:
    """The event of the group a count is listed in: the subject of "include" or of "were", or the
    object of "among" before it, when that group is named by what befell it ("Among the dead were 20
    children and nine women", "those killed in two attacks include 14 children and four women",
    "The victims included four women"). The count itself names no event and the parse gives it
    none, so it read as children and women of no event."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i:
            return _event_up(c)
        if c.dep_ == "prep" and c.lower_ == "among" and c.i < verb.i:
            for g in c.children:
                if g.dep_ == "pobj":
                    return _event_up(g)
    return None




def _deed_before(first: Token, noun: Token) -> str | None:
    """The event of a verb of a deed right before a count that the parse does not make its object: FA-KES's
    copy drops commas, so AFP's "air strikes ... killed at least 10 civilians said the Syrian Observatory"
    (FA-KES dev 1923848154) parses "civilians" as the subject of "said", and the count had no event; its
    title-case headlines ("Turkish Bombardment Kills 20 Civilians in Syria", "Syrian Army Kills over 60
    ISIL Terrorists") tag the verb a name, and AFP's "fired waves of rockets into government-held western Aleppo
    killing at least 15 civilians a monitor said" (dev 1923848281) tags "killing" a noun. A reader takes the count
    for the verb's object whatever the parse says; a verb with another object ("killed a guard 20 people were
    ...") or one not done ("tried to kill") is not the count's."""
    doc = first.doc
    if first.i == 0:
        return None
    verb = doc[first.i - 1]
    if not _DEED_FORM.fullmatch(verb.text) or _unrealised(verb) \
            or not (verb.tag_.startswith("VB") or verb.text[:1].isupper() or verb.lower_.endswith("ing")):
        return None
    if any(c.dep_ == "dobj" and c.i != noun.i for c in verb.children):
        return None
    return _event_of_word(verb.text)


#: words after a counted noun that say it died, when the parse hangs them elsewhere: "leaving at least 27
#: people dead a monitoring group said", "Leaves 20 Syrian Civilians Dead", "leaving 62 soldiers killed and some
#: 100 wounded" (al-Alam, FA-KES dev 1962495716)
_LEFT_DEAD = frozenset({"dead", "killed"})


def _dead_after(noun: Token) -> str | None:
    """The event of "dead" right after a counted noun whose parse gave it none ("leaving at least 27 people
    dead a monitoring group said": the parse makes the people the subject of "said"); not "dead or
    wounded", whose count is of both, nor "killed" with an object of its own."""
    doc = noun.doc
    j = noun.i + 1
    if j >= len(doc) or doc[j].lower_ not in _LEFT_DEAD or _does_to_another(doc[j], counted=True):
        return None  # "a man killed his wife": he did the deed
    if j + 1 < len(doc) and doc[j + 1].lower_ in ("or", "and") and j + 2 < len(doc) \
            and doc[j + 2].lower_ in _STATE_WORDS:
        return None
    return "killed"


_PASSIVE_AUX = frozenset({"were", "was", "have", "has", "had", "been", "being", "are", "is"})


def _passive_after(noun: Token) -> str | None:
    """The event of a passive verb right after a counted noun that the parse gives no subject: FA-KES's
    copy drops commas, so "In Jassem in the southern province of Daraa 15 civilians were killed" parses
    "Daraa 15 civilians" as the object of "of", and the verb "were killed" as subjectless. A reader
    takes the count for the subject whatever the parse says; a verb with a subject of its own is that
    subject's."""
    doc = noun.doc
    j = noun.i + 1
    while j < len(doc) and (doc[j].lower_ in _PASSIVE_AUX or (upos(doc[j]) == "ADV" and j > noun.i + 1)):
        j += 1
    if j == noun.i + 1 or j >= len(doc) or doc[j].tag_ != "VBN":
        return None
    verb = doc[j]
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return _event_of_word(verb.text)


def _window_for(windows: list[Window], s: int, e: int, sent: Sentence) -> Window | None:
    cands = [w for w in windows if sent.start <= w.start and w.end <= sent.end and not (w.start < e and s < w.end)]
    if not cands:
        return None
    after = [w for w in cands if w.start >= e]
    before = [w for w in cands if w.end <= s]
    # a window after the count in the same sentence is the usual order; else the nearest before
    if after:
        return min(after, key=lambda w: w.start - e)
    return max(before, key=lambda w: w.end)


def _place_for(sent: Sentence, count_end: int) -> str | None:
    best: tuple[int, str] | None = None
    for t in sent.span:
        if t.dep_ != "prep" or t.lower_ not in ("in", "near", "at", "across", "outside", "around"):
            continue
        objs = [c for c in t.children if c.dep_ == "pobj"]
        if not objs:
            continue
        o = objs[0]
        sub = [x for x in o.subtree]
        # the leading article goes, by its parse: "at A and E" names a place whose first word is "A"
        toks = [x for x in sub if not (x.i == sub[0].i and x.dep_ == "det")]
        # a bare "The" the parser calls a proper noun (a sentence cut off: "it said in The.") is no place
        if not any(
            upos(x) == "PROPN" and x.lower_ not in _MONTHS and x.lower_ not in WEEKDAYS and x.lower_ != "the"
            for x in toks
        ):
            continue
        if any(x.like_num for x in sub) or len(sub) > 8:
            continue
        txt = doc_text(sent.span.doc)[toks[0].idx: toks[-1].idx + len(toks[-1].text)]
        pos = t.idx + sent.offset
        dist = pos - count_end if pos >= count_end else (count_end - pos) * 3
        if best is None or dist < best[0]:
            best = (dist, txt)
    return best[1] if best else None


#: a model's or a standard's name right before its numbers: capitals or a capital after the first letter ("MiG",
#: "USB", "iPhone"); a word of one capital ("Kills 21 and 23") is no name
_MODEL_BEFORE = re.compile(r"\b(?:[A-Z]{2,}|[A-Za-z][a-z]*[A-Z][A-Za-z]*)\s+$")


def _is_non_count(text: str, n: NumberMatch, after_noun: str | None) -> bool:
    core = text[n.core_start:n.end]
    before = text[max(0, n.start - 12):n.start]
    after = text[n.end:n.end + 14]
    if re.search(r"[$£€¥#№]\s*$", before) or re.match(r"\s*(?:%|per ?cent|pc\b)", after, re.I):
        return True
    # a day is written in digits: "In May five civilians were killed" (comma-less) counts five
    if (_DATE_BEFORE.search(before) and core.strip()[:1].isdigit()) or _DATE_AFTER.match(after) \
            or _ORDINAL_AFTER.match(after):
        return True
    if re.match(r"\s*[:/]\d", after) or re.match(r"[-.]\d", after) or re.search(r"\d[-./]$", before):
        return True
    if re.search(r"\+\s*$", before) or (re.search(r"\(\d{2,4}\)\s*$", before)):
        return True
    if core.strip().lower() == "one" and re.search(r"\bno\s*-?\s*$", before, re.I):
        return True  # "No one was injured" says none was, and read as one injured
    digits = re.sub(r"\D", "", core)
    if re.fullmatch(r"\d{3}[-.\s]\d{4}", core.strip()) or (len(digits) >= 9 and "," not in core):
        return True
    year = r"(?:1[5-9]\d\d|20\d\d)"
    m = re.fullmatch(year + r"s?|" + year + r"\s+and\s+" + year, core.strip())
    if m and (after_noun is None or after_noun.lower() not in PEOPLE_NOUNS or not after_noun.lower().endswith("s")):
        return True  # "in 2014 five civilians", "the 2004 and 2008 conventions" (PolNeAR train, politico)
    if _MODEL_BEFORE.search(before) and re.fullmatch(r"[\d.]+\s+and\s+[\d.]+", core.strip()):
        return True  # "MiG 21 and 23 warplanes", "USB 2.0 and 3.0 ports" (FNC-1 train 495, 2039): names, no range
    if after_noun and after_noun.lower().rstrip(".") in NON_COUNT_UNITS:
        return True
    if _is_distance(text, n.end):
        return True  # "a few blocks from the debate venue": how far, not a count
    return bool(re.match(r"\s*-?\s*(?:year|month|week|day|hour|minute)s?[- ]old", after, re.I))


#: a distance in words that also count things: "a few blocks from the venue" (PolNeAR, read as a few "blocks"
#: killed by the verb before it), "two doors away"; "two blocks of flats" are counted. Group 1 is the one
#: word that may come between ("two city blocks", "a few hundred yards", "two dozen steps")
_DISTANCE_AFTER = re.compile(r"\s+(?:([\w-]+)\s+)?(?:blocks?|doors?|streets?|yards?|paces|steps)\s+(?:away|from)\b", re.I)


def _is_distance(text: str, end: int) -> bool:
    """Whether the words after a number (ending at ``end``) say how far, not what it counts. The word
    between may not be a noun of people or a plural: in "A gunman killed 3 people steps from the White
    House" or "shot dead 2 Palestinians yards from the border fence" the number counts that noun and the
    distance word tells where they were, so the count stands."""
    m = _DISTANCE_AFTER.match(text, end)
    if m is None:
        return False
    between = (m.group(1) or "").lower()
    return not between or (between not in PEOPLE_NOUNS and not between.endswith("s"))


def _distance_word(t: Token) -> bool:
    """Whether ``t`` is the word of a distance ("steps from", "yards away"): the parse makes "people" of
    "killed 3 people steps from the White House" a compound of "steps", which is where they were, not
    what was counted."""
    doc = t.doc
    return t.i + 1 < len(doc) and _DISTANCE_AFTER.fullmatch(" " + t.text + " " + doc[t.i + 1].text) is not None


def _noun_after(last: Token) -> Token | None:
    """The counted noun: the number's nominal head, or the noun after "of" for "scores of civilians"."""
    doc = last.doc
    if last.lower_ == "of":
        j = last.i + 1
        while j < len(doc) and j <= last.i + 4:
            # a possessive is no noun: "tens of its own fighters", "dozens of their supporters"
            if (upos(doc[j]) in ("NOUN", "PROPN", "PRON") and doc[j].tag_ != "PRP$") \
                    or doc[j].lower_ in ("others", "people"):
                # walk to the head of a compound: "military personnel"
                k = j
                while k + 1 < len(doc) and doc[k].dep_ in ("compound", "amod") and doc[k].head.i > k \
                        and doc[k].head.i <= k + 3:
                    k = doc[k].head.i
                return doc[k]
            j += 1
        return None
    h = last
    if last.dep_ in ("nummod", "quantmod", "amod", "compound", "npadvmod") and last.head.i > last.i:
        h = last.head
        while h.dep_ in ("quantmod", "nummod", "compound") and h.head.i > h.i and h.head.i - h.i <= 3 \
                and not _distance_word(h.head):
            h = h.head
        if upos(h) in ("NOUN", "PROPN") or h.lower_ in PEOPLE_NOUNS:
            # "36 cases of suffocation": the noun is "cases"
            return h
    # positional fallback: "Twelve more people", "40 civilians"
    j = last.i + 1
    while j < len(doc) and j <= last.i + 4:
        t = doc[j]
        if t.lower_ in ("more", "other", "additional", "further", "of") or upos(t) in ("ADJ",) or \
                t.dep_ in ("compound", "amod") or _acronym(t):
            j += 1
            continue
        if upos(t) in ("NOUN", "PROPN") and t.tag_ in ("NNS", "NNPS", "NN", "NNP"):
            return t
        break
    return None


def _acronym(t: Token) -> bool:
    """Whether a word is a group's initials before the counted noun, whatever its tag: the parse reads the
    initials "IS" as the verb "is", so Reuters' title in Ahram (FA-KES dev 1923848287) "Turkish military
    says 31 IS group militants killed" had no count, and "Turkish jets killed 31 IS militants" read 31
    people. Capitals of two to five letters before a word that is not in capitals (a headline in capitals,
    "5 KILLED IN ALEPPO", is no group's name)."""
    doc = t.doc
    return 2 <= len(t.text) <= 5 and t.text.isalpha() and t.text.isupper() and t.i + 1 < len(doc) \
        and not doc[t.i + 1].text.isupper() and doc[t.i + 1].is_alpha


#: nouns of people of no side, that a group they are among may name better
_GENERIC_PEOPLE = frozenset({"people", "persons", "individuals"})


def _among_the_affected(noun: Token) -> tuple[str, Token] | None:
    """The event of the group a counted noun is said to be among, and the group's noun, when nothing else
    gives one: AFP (FA-KES dev 1923848144) '"There were also 20 women among the dead ..." the Syrian
    Observatory ... said' had the 20 women of no event (the toll's women read 0, gold 20), while "20
    women were among the dead" and "Among the dead were 20 women" had one. A death or a wound only
    ("among the hostages" is none)."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "among" and c.i > noun.i:
            for g in c.children:
                if g.dep_ == "pobj":
                    ev = _event_up(g)
                    if ev in ("killed", "wounded"):
                        return ev, g
    return None


def _words_between(last: Token, noun: Token) -> int:
    """The words between a number and its noun, an abbreviation in brackets not counted: Reuters in Ahram
    (FA-KES dev 1923848287) "Thirty one Islamic State (IS) group militants have been killed" had no count
    (seven tokens between "one" and "militants", more than a count's noun is looked for across), while
    "Thirty one Islamic State group militants" would have had one."""
    doc = last.doc
    n = 0
    depth = 0
    for t in doc[last.i + 1:noun.i]:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            n += 1
    return n


#: who tells a toll, named after it in comma-less copy: "Rebel fire in Syrias Aleppo kills 14 State media"
_TELLERS = frozenset({"media", "monitor", "monitors", "observatory", "agency", "ngo", "tv", "television"})


def _teller_noun(noun: Token) -> bool:
    """Whether the parse's counted noun is who tells the toll, its comma dropped: AFP's headline in Ahram (FA-KES
    dev 1923848153) "Rebel fire in Syrias Aleppo kills 14 State media" counted 14 media killed, and al-Araby (dev
    1923102845) "airstrikes ... that killed 13 people MSF said on Monday" 13 "MSF". A teller's word at the end of
    its line or before a verb of saying, or initials with the counted people as their compound."""
    doc = noun.doc
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    at_end = nxt is None or nxt.is_space or nxt.lower_ in ("said", "says", "reported", "reports", "told")
    if noun.lower_ in _TELLERS:
        return at_end
    return noun.text.isupper() and 2 <= len(noun.text) <= 5 and at_end \
        and any(c.dep_ == "compound" and c.lower_ in PEOPLE_NOUNS for c in noun.children)


#: verbs of a headline's second toll, which comma-less copies have the parse read as a noun
_HEADLINE_VERBS = frozenset({"kills", "injures", "wounds", "kill", "injure", "wound"})
#: the same in a title-case headline, whose other forms no sentence puts before a bare number: al-Manar's "US Raids
#: on ISILs Syria Stronghold Kill 22 including Civilians" (FA-KES dev 1965511164), Sputnik's "Terrorists Shell
#: Syrias Aleppo Al-Baath Killing 4 Injuring 7" (dev 1965495353) had no count
_TITLE_HEADLINE_VERBS = _HEADLINE_VERBS | frozenset({"killing", "injuring", "wounding"})


def _headline_verb(tok: Token, before_number: bool = False) -> bool:
    """Whether a word is a verb of a toll right before its number, as comma-less headlines have it: Daily
    Sabah's "Suicide attack on wedding party in Syria kills 30 injures 90" (FA-KES dev 1924058195) was
    read as 30 "injures" killed and the 90 as nothing, AFP's "Mortar fire in Damascus kills 12 wounds 50"
    (dev 1923848308) as 12 wounds killed. "Suffered 12 wounds" has no number after the word. The plural
    subject's form too ("Terrorist Attack on Damascus kill 5 injure 50", al-Alam, dev 1962495648: no count);
    ``before_number`` when the number is known to follow, maybe after its bound ("strikes kill over 80 in
    Aleppo", TRT, dev 1924058098); a deed not done ("vowed to kill 100") is none."""
    doc = tok.doc
    return (tok.lower_ in _HEADLINE_VERBS or (tok.text[:1].isupper() and tok.lower_ in _TITLE_HEADLINE_VERBS)) \
        and (before_number or (tok.i + 1 < len(doc) and doc[tok.i + 1].like_num)) and not _unrealised(tok)


def _past_hyphen(noun: Token) -> Token | None:
    """The counted noun when the parse's is the first piece of a hyphenated word: the word's last piece
    if it is a noun ("two other co-workers", "five ex-detainees", read as counts of "co" and "ex"), or
    none when the word is no noun: Al-Araby's "At least 11 were killed when bombs hit one of rebel-held
    Idlib provinces busiest markets" counted one rebel, and the 11 borrowed "rebel" from it (11
    fighters). A relation's "-in-law" keeps its first piece ("two brothers-in-law")."""
    doc = noun.doc
    t = noun
    while t.whitespace_ == "" and t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 1].whitespace_ == "":
        if doc[t.i + 2].lower_ == "in":
            return noun
        t = doc[t.i + 2]
    if t.i == noun.i:
        return noun
    return t if upos(t) in ("NOUN", "PROPN") else None


#: what may stand between "of them"/"of whom" and the noun of a part: "seven of whom were children",
#: "one of them a child"
_PART_FILLERS = frozenset({"were", "was", "are", "is", "being", "a", "an"})


#: groups named by what befell them, that a part may be counted of: "five of the dead were children"
_AFFECTED = frozenset({"dead", "victims", "casualties", "fatalities", "killed", "wounded", "injured"})


def _of_the_affected(last: Token) -> Token | None:
    """The group in "N of the dead", "N of those killed", "N of the victims" after a count's last
    word: the count is a part of the people something befell, and says who they were after it
    ("five of the dead were children"), or not at all."""
    doc = last.doc
    j = last.i + 1
    if j + 2 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ in ("the", "those") \
            and doc[j + 2].lower_ in _AFFECTED:
        return doc[j + 2]
    return None


def _of_people(last: Token) -> Token | None:
    """The people noun of "N of the X" hung on the count's number: "eight of the group's fighters", "15
    of the 350 hostages". The number has no noun of its own, and a bare number takes the subject of a
    neighbour ("eight of the group's fighters as well as four civilians" read as eight civilians)."""
    doc = last.doc
    j = last.i + 1
    if j >= len(doc) or doc[j].lower_ != "of" or doc[j].head.i != last.i:
        return None
    for c in doc[j].children:
        if c.dep_ == "pobj" and c.lower_ in PEOPLE_NOUNS and c.lower_ not in _AFFECTED \
                and c.tag_ in ("NNS", "NNPS") and c.lower_ not in ("them", "whom"):
            return c
    return None


def _part_noun(first: Token, last: Token) -> Token | None:
    """The noun of a part counted after its number, of a whole counted before it: "Twelve were
    killed, 7 of them civilians", "seven of whom were children", "of whom seven were children",
    "one of them a child", or of the group something befell ("five of the dead were children"); or
    the people a number's own "of" phrase names ("eight of the group's fighters", ``_of_people``).
    The parse gives the number no noun (in "7 of them civilians" the number is the subject of
    "civilians"), and "Five of them died" has none: a verb ends the search."""
    doc = last.doc
    j = last.i + 1
    group = _of_the_affected(last)
    if j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ in ("them", "whom"):
        j += 2
    elif group is not None:
        j = group.i + 1
    elif (people := _of_people(last)) is not None:
        return people
    elif not (
        first.i >= 2 and doc[first.i - 2].lower_ == "of" and doc[first.i - 1].lower_ in ("them", "whom")
        and j < len(doc) and doc[j].lower_ in ("were", "was", "are", "is")
    ):
        return None
    while j < len(doc) and doc[j].lower_ in _PART_FILLERS:
        j += 1
    for k in range(j, min(j + 3, len(doc))):
        t = doc[k]
        # a plural of people whatever its tag: in AFP's comma-less "The death toll ... has risen to 86 30 of
        # them children a monitoring group said" (FA-KES dev 1923848144) the tagger reads "children" as a verb
        if (upos(t) in ("NOUN", "PROPN") and t.tag_ in ("NNS", "NNPS", "NN", "NNP")) \
                or (t.lower_ in PEOPLE_NOUNS and t.lower_.endswith(("s", "ren", "men"))):
            # walk to the head of a compound: "aid workers"
            while t.dep_ == "compound" and t.i < t.head.i <= t.i + 3:
                t = t.head
            return t
        if upos(t) != "ADJ" and t.dep_ not in ("amod", "compound"):
            break
    return None


def _whole_of(earlier: list[Quantity], previous: list[Quantity]) -> Quantity | None:
    """The count a part ("7 of them civilians") is a part of: the nearest before it in its
    sentence, else the last of the sentence before when the part opens its own ("At least 12 people
    were killed. Seven of them were children.")."""
    if earlier:
        return earlier[-1]
    return previous[-1] if previous else None


def _shared_noun(noun: Token) -> Token:
    """The plural noun a count shares with a coordinated modifier: in "70 regime and rebel fighters"
    the parse makes the singular "regime" the count's head and "fighters" its conjunct; both sides
    are fighters ("government and rebel troops", "army and police officers"). A conjunct with a
    number of its own is a second count ("one man and two women")."""
    if noun.tag_ not in ("NN", "NNP"):
        return noun
    for c in noun.children:
        if c.dep_ == "conj" and c.tag_ in ("NNS", "NNPS") and 0 < c.i - noun.i <= 4 \
                and not any(g.dep_ == "nummod" or g.like_num for g in c.children):
            return c
    return noun


def _joint_group(noun: Token) -> tuple[Token, Token] | None:
    """The conjunction and second group of a count of two groups together: "eight women and
    children", "6 of them women or children", "dozens of women and children" count women and
    children as one number, which is no count of women alone (the parse heads the number on
    "women", and read so it was 8 women and no child). A conjunct with a number, article or
    possessive of its own is a group of its own ("five women and six children", "10 children and
    their families")."""
    for c in noun.children:
        if c.dep_ != "conj" or not 0 < c.i - noun.i <= 3 or c.tag_ not in ("NNS", "NNPS") \
                or c.lower_ not in PEOPLE_NOUNS:
            continue
        if any(g.dep_ in ("nummod", "det", "poss") or g.like_num for g in c.children):
            return None
        cc = [t for t in noun.doc[noun.i + 1:c.i] if t.dep_ == "cc" and t.lower_ in ("and", "or")]
        if cc and all(t.dep_ in ("cc", "punct", "amod") for t in noun.doc[noun.i + 1:c.i]):
            return cc[0], c
    return None


#: words for people of no kind that name one slot ("Nine persons killed" and "nine people killed" count one
#: group: two slots made two bars of one group in compare's counts by slot)
_PEOPLE_SYNONYMS = frozenset({"persons", "individuals"})


def _subject_name(noun: Token) -> str:
    low = "people" if noun.lower_ in _PEOPLE_SYNONYMS else noun.lower_
    if low in _DEATH_NOUNS or low in ("cases", "incidents"):
        for c in noun.children:
            if c.dep_ in ("amod", "compound") and c.lower_ in _ADJ_TO_NOUN:
                return _ADJ_TO_NOUN[c.lower_]
            if c.dep_ == "prep" and c.lower_ in ("among", "on") and low in _DEATH_NOUNS:
                # "dozens of casualties among civilians", "tens of casualties on the militants": the
                # toll names its people after it
                for g in c.children:
                    if g.dep_ == "pobj" and g.lower_ in PEOPLE_NOUNS and g.lower_ not in _DEATH_NOUNS:
                        return _subject_name(g)
        return "people" if low != "cases" and low != "incidents" else low
    # keep a modifier that changes who is counted: "military personnel"
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i and upos(c) != "NUM"
            and c.lower_ in ("military", "civilian", "security", "government", "pro-government", "opposition",
                             "rebel", "army", "police", "foreign", "aid", "medical")]
    if mods:
        return " ".join([m.lower_ for m in mods] + [low])
    return low


#: what a toll's number may hang on between it and the toll or the verb the toll is subject of:
#: "rose to 48", "stands at 48", "a toll of 48", "has passed 400,000", "was 48"
_TOLL_PATH = frozenset({"pobj", "prep", "dobj", "attr", "quantmod", "nummod", "npadvmod", "advmod"})
#: what a toll counts other than the dead: "the injury toll", "the economic toll"
_NOT_DEATH_TOLL = frozenset({"injury", "injuries", "economic", "financial", "emotional", "psychological"})


def _is_toll(t: Token) -> bool:
    """A death toll: "toll" (war news writes "the toll" for the dead) or "the number of dead/deaths/victims"."""
    if t.lower_ in ("toll", "tolls"):
        return not any(c.lower_ in _NOT_DEATH_TOLL for c in t.children if c.i < t.i)
    if t.lower_ == "number":
        return any(
            c.dep_ == "prep" and c.lower_ == "of"
            and any(g.dep_ == "pobj" and g.lower_ in TOLL_OF for g in c.children)
            for c in t.children
        )
    return False


def _toll_of(last: Token) -> Token | None:
    """The death toll a number gives, when it has no counted noun of its own: "the death toll rose to
    48", "bringing the toll to 48", "the toll stands at 48", "a death toll of 48", "the number of
    dead reached 48". Reports of one attack disagree first in their tolls, so a toll is the count
    a reader compares; the number is found by its parse, climbing from it through prepositions and
    objects to the toll itself or to the first verb, whose subject or object must be the toll."""
    child = last
    for _ in range(4):
        h = child.head
        if h.i == child.i or child.dep_ not in _TOLL_PATH:
            return None
        if _is_toll(h):
            return h
        # a word with a subject is a verb the tagger missed: a title-case headline's "Death Toll in Blast ...
        # Rises to 70" (Sputnik, FA-KES dev 1965495376) tags "Rises" a plural noun
        if upos(h) in ("VERB", "AUX") or any(c.dep_ == "nsubj" for c in h.children):
            # a passive's subject too: "the death toll was put at 8 civilians" (SANA)
            return next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and _is_toll(c)), None)
        child = h
    return None


#: a count that is a death toll, by its words ("an initial death toll of 47", "the number of dead")
_TOLL_WORDS = re.compile(r"\b(?:toll|number of (?:the )?(?:" + "|".join(TOLL_OF) + r"))\b", re.I)


def _plural_scale(last: Token) -> bool:
    """Whether a number ends in a scale word in the plural ("three hundreds", "two thousands")."""
    return last.lower_.endswith("s") and last.lower_[:-1] in SCALES and last.i > 0 and last.doc[last.i - 1].like_num


def _revised_toll(last: Token, previous: list[Quantity]) -> bool:
    """Whether a bare number is the new number of a toll told just before, which a pronoun stands for:
    al-Araby (FA-KES dev 1923102948) "The Syrian Observatory ... reported the airstrikes on Saturday with an
    initial death toll of 47. This was later updated to 82 on Sunday including 58 civilians" had no count of
    the 82 (nor of the 58, the part of it), as "This" is no toll. "This", "it" or "that" stands for a toll
    counted in the sentence before, "which" for the toll's number it hangs on ("a toll of 47, which was
    later raised to 82"); the verb is one of giving a toll a new number ("updated", "revised", "rose")."""
    h = last.head
    if last.dep_ != "pobj" or h.lower_ != "to" or h.head.i == h.i or h.head.lower_ not in TOLL_REVISED:
        return False
    verb = h.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1:
        return False
    word = subjects[0].lower_
    if word in ("which", "that") and verb.dep_ == "relcl":
        head = verb.head  # the toll, its number ("a toll of 47, which"), or its noun ("a toll of 47 civilians, which")
        return _is_toll(head) or (head.like_num and _toll_of(head) is not None) \
            or (head.dep_ == "pobj" and head.head.lower_ == "of" and _is_toll(head.head.head))
    return word in ("this", "it", "that") and any(q.event == "killed" and _TOLL_WORDS.search(q.text) for q in previous)


#: verbs by which a toll goes past its number: "the toll has passed 400,000" is more than 400,000
_PAST_VERBS = frozenset({"passed", "passes", "exceeded", "exceeds", "topped", "tops", "surpassed", "surpasses",
                         "crossed", "crosses"})


def _passed(last: Token) -> bool:
    """Whether a toll's number is one the toll went past ("has passed 400,000": an open upper bound)."""
    return last.dep_ == "dobj" and last.head.lower_ in _PAST_VERBS


#: a toll's change from one number to another: "rose from 20 to 30", "was revised from 30 to 25"
_CHANGED_FROM = re.compile(
    r"\b(?:ris(?:e|es|en|ing)|rose|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|increas(?:e|es|ed|ing)|gr(?:ew|own|ows?|owing)"
    r"|soar(?:s|ed|ing)?|mount(?:s|ed|ing)?|(?:went|gone) up|rais(?:e|es|ed|ing)|revis(?:e|es|ed|ing)"
    r"|fell|fall(?:s|en|ing)?|drop(?:s|ped|ping)?|decreas(?:e|es|ed|ing))\b[^.;]*\bfrom\s+$",
    re.I,
)
_RANGE_TO = re.compile(r"\s+to\s+", re.I)


def _changed_to(text: str, toll: Token, off: int, n: NumberMatch) -> tuple[float | None, float | None] | None:
    """The bounds of the number a toll changed to, when its words say it changed "from" ``n``'s first
    number "to" another: "the death toll rose from 20 to 30" is a toll of 30, not of 20 to 30 (the
    number reads "20 to 30" as a range), "from 20 to more than 30" one of more than 30."""
    if not _CHANGED_FROM.search(text, toll.idx + off, n.start):
        return None
    to = _RANGE_TO.search(n.text)
    after = find_numbers(n.text[to.end():]) if to is not None else []
    return (after[0].low, after[0].high) if after else None


def _toll_start(toll: Token, off: int) -> int:
    """Where the words naming a toll begin: "death toll", "civilian death toll", "number of dead"
    (a determiner or an owner such as "Syria's" is not part of it)."""
    first = toll
    for c in toll.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < first.i:
            first = c.left_edge if c.left_edge.dep_ in ("compound", "amod", "nmod") else c
    return first.idx + off


#: what shows an event rather than being one
_PICTURES = frozenset(("photograph", "photo", "picture", "image", "video", "clip", "footage", "recording"))


def _describes_another(noun: Token, n: NumberMatch, last: Token) -> bool:
    """Whether a count is no claim of its own: one picture or document that shows or says something
    ("One photograph shows ...", "one video", "one report": a count is a claim about people or
    events, and this one made compare list the sentence as a claim only its article carries), or
    the group a counted noun comes from ("Four members of one family died": the family did not die),
    or one of a count right after its number (``last``, "one of 26 people")."""
    if n.low == n.high == 1 and (noun.lower_ in _PICTURES or noun.lower_ in DOCUMENT_NOUNS):
        return True
    if n.vague and noun.lower_ == "times":
        return True  # "attempted several times": how often, not a count ("violated it 300 times" is one)
    if n.low == n.high == 1 and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.i == last.i + 1 \
            and any(c.dep_ == "nummod" for c in noun.children):
        # "Hochsprung was one of 26 people killed": one named person among a count told beside it,
        # which read as a toll of one
        return True
    up = noun.head
    # not the number's own "of" ("three hundreds of civilians": the hundreds are the number)
    # nor the "of" of a vague number ("Dozens of civilians"), whose "Dozens" a dateline's day before it may hang
    # on as its number: al-Araby (FA-KES dev 1923102956) "Date of publication 12 June 2016 Dozens of civilians have
    # been killed" had no count
    # nor a toll's "of", whose other number the parse may hang on the toll: "a toll of 44 dead and 140 injured"
    # (FA-KES dev 1924058056) counts the dead
    return noun.dep_ == "pobj" and up.lower_ == "of" and up.head.i != up.i and up.head.i < noun.i \
        and up.head.i != last.i and up.i != last.i and not _is_toll(up.head) \
        and any(c.dep_ == "nummod" or c.like_num for c in up.head.children)


def _governing_event_verb(tok: Token) -> Token | None:
    """For a bare number ("killing 3"), the event verb it is the object or subject of; for a subject,
    also the verb its verb's infinitive complement says befell it: Reuters (FA-KES dev 1926479274) "the
    attack in which more than 1400 are estimated to have been killed" had no count, while "20 people
    are believed to have been killed" had one (a noun's event is read so); not a deed not done ("three
    are trying to kill") nor one done to another ("two are believed to have killed a guard")."""
    h = tok.head
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "conj", "appos", "pobj", "attr") and h.i != tok.i:
        if h.lower_ == "to" and h.head.i != h.i:
            h = h.head.head if h.head.lower_ in ("rose", "risen", "climbed", "reached") else h.head
        if _event_of_word(h.text):
            return h
        if tok.dep_ in ("nsubj", "nsubjpass"):
            for c in h.children:
                if c.dep_ == "xcomp" and c.i > h.i and _event_of_word(c.text) and not _own_subject(c) \
                        and not _unrealised(c) and not _does_to_another(c):
                    return c
    return None


def find_quantities(
    text: str,
    sents: list[Sentence],
    attributions: Sequence[tuple[int, int, str | None]] = (),
    published: date | datetime | None = None,
) -> list[Quantity]:
    """Every count in the parsed sentences, with its interval and meaning."""
    out: list[Quantity] = []
    parts: set[int] = set()  # ids of the counts of a part after its number ("7 of them civilians")
    ones: set[int] = set()  # ids of the counts of one person without a numeral ("a child")
    previous: list[Quantity] = []  # the counts of the sentence just before, for a part that opens its own
    last_end = 0
    for sent in sents:
        if text[last_end:sent.start].strip():
            previous = []  # a sentence that was not parsed, or a new segment, came between
        last_end = sent.end
        nums = find_numbers(text, sent.start, sent.end)
        singles = _singles(text, sent, nums)
        if not nums and not singles:
            previous = []
            continue
        windows = find_windows(text, sent.start, sent.end, published)
        nums = [n for n in nums if not any(w.start <= n.start < w.end for w in windows)]
        nums = sorted(nums + singles, key=lambda n: n.start)
        doc = sent.span.doc
        off = sent.offset
        sent_quant: list[tuple[Quantity, Token | None]] = []
        by_start: dict[int, Quantity] = {}  # each number's count, by where the number starts
        for n in nums:
            span = doc.char_span(n.start - off, n.end - off, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            last = span[-1]
            noun = _noun_after(last)
            if noun is not None and (noun.i <= last.i or _words_between(last, noun) > 5):
                noun = None
            if noun is not None and noun.lower_ in _COUNT_WORDS and noun.i > last.i + 1:
                # a headline's "35 Dead Dozens Wounded" (al-Alam, FA-KES dev 1962495644) read 35 dozens wounded:
                # a count word past another word is a count of its own, and "35 Dead" a toll in headline style
                noun = None
            if noun is not None:
                noun = _shared_noun(noun)
            part = noun is None and (noun := _part_noun(span[0], last)) is not None
            if noun is not None:
                noun = _past_hyphen(noun)
            if noun is not None and _teller_noun(noun):
                # "killed 13 people MSF said", "kills 14 State media": the teller, not the counted noun, which is the
                # people before it, or none after a headline's verb (the bare toll then takes that verb's event)
                people = next((c for c in noun.children if c.dep_ == "compound" and c.i > last.i
                               and c.lower_ in PEOPLE_NOUNS), None)
                if people is not None or (span[0].i > 0 and _headline_verb(doc[span[0].i - 1], True)):
                    noun = people
            headline_verb = noun is not None and _headline_verb(noun)
            if headline_verb:
                noun = None  # "kills 12 wounds 50": "wounds" is the second toll's verb, not the 12's noun
            # "... wounds 50": a bare toll after a headline's verb has that verb's event
            # (the number may open with its bound: "strikes kill over 80 in Aleppo")
            verb_before = doc[span[0].i - 1] if span[0].i > 0 and _headline_verb(doc[span[0].i - 1], True) else None
            if _is_non_count(text, n, noun.text if noun is not None else doc[last.i + 1].text
                             if last.i + 1 < len(doc) else None):
                continue
            start, end = n.start, n.end
            toll: Token | None = None
            subject: str | None = None
            event: str | None = None
            if noun is not None:
                low = noun.lower_
                plural = noun.tag_ in ("NNS", "NNPS") or low in PEOPLE_NOUNS or low in EVENT_NOUNS
                if low in NON_COUNT_UNITS or noun.lower_ in _MONTHS or (not plural and n.high != 1 and low != "dozen") or (upos(noun) == "PROPN" and low not in PEOPLE_NOUNS and noun.tag_ != "NNPS"):
                    noun = None
            part = part and noun is not None
            if noun is not None:
                end = _tok_end_safe(noun, off)
                if noun.lower_ in ("cases", "incidents", "counts", "instances"):
                    # "36 cases of suffocation": the event is part of what is counted
                    for c in noun.children:
                        if c.dep_ == "prep" and c.lower_ == "of":
                            end = max([end] + [_tok_end_safe(x, off) for x in c.subtree])
                subject = _subject_name(noun)
                joint = _joint_group(noun)
                if joint is not None:
                    cc, other = joint
                    subject = f"{subject} {cc.lower_} {other.lower_}"
                    end = max(end, _tok_end_safe(other, off))
                # a part shares the event of its whole: "Twelve were killed, 7 of them civilians"
                # "five of the dead were children": the part is of the group's event, else its whole's
                group = _of_the_affected(last) if part else None
                event = _event_of_word(group.text) if group is not None else None
                # "eight of the group's fighters": a part of a group, not of a count before it
                of_people = part and group is None and _of_people(last) is not None
                whole = _whole_of([x for x, _ in sent_quant], previous) \
                    if part and event is None and not of_people else None
                if whole is not None:
                    event = whole.event
                if event is None:
                    event = _event_up(noun)
                if event is None:
                    event = _event_up(last) if last.i != noun.i else None
                if event is None and _toll_of(last) is not None:
                    # "the death toll climbed to at least 48 people"
                    event = "killed"
                if event is None:
                    event = _passive_after(noun)
                if event is None:
                    event = _event_of_the_appositive(noun)
                if event is None and (among := _among_the_affected(noun)) is not None:
                    event, group_noun = among
                    if noun.lower_ in _GENERIC_PEOPLE and group_noun.lower_ in PEOPLE_NOUNS \
                            and group_noun.lower_ not in _GENERIC_PEOPLE and group_noun.lower_ not in _DEATH_NOUNS:
                        # "nine people from the North Caucasus among the terrorists killed" were terrorists
                        subject = _subject_name(group_noun)
                if event is None:
                    event = next((_event_of_word(c.text) for c in noun.children
                                  if c.dep_ == "amod" and c.i < noun.i and c.lower_ in _HURT), None)
                if event is None:
                    event = _deed_before(span[0], noun) or _dead_after(noun)
            else:
                nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
                if nxt is not None and nxt.lower_ in ("more", "further", "additional") and nxt.i + 1 < len(doc) \
                        and doc[nxt.i + 1].lower_ in _STATE_WORDS:
                    # "8 More Killed in Syrian Army Offensive" (al-Alam, FA-KES dev 1962495658), "Eight more killed"
                    nxt = doc[nxt.i + 1]
                verb = _governing_event_verb(last)
                taken = last  # the word a verb takes: the number's last, or a vague phrase's first
                if verb is None and n.vague and span[0].i != last.i and upos(last) == "NOUN":
                    # "the war which has killed hundreds of thousands": the phrase's first word is the object
                    verb = _governing_event_verb(span[0])
                    taken = span[0]
                if verb is None and headline_verb and last.dep_ == "nummod" and last.head.head.i < last.i \
                        and _event_of_word(last.head.head.text):
                    verb = last.head.head  # "kills 12 wounds 50": the verb that takes the misread noun
                if verb is None and verb_before is not None:
                    verb = verb_before  # "kills 12 wounds 50": the headline verb before the 50
                # a number its state word follows keeps that state, whatever toll it hangs on: SANA's "the
                # death toll rose to 8 civilians in addition to 12 injured" gave 12 the toll's dead
                toll = None if nxt is not None and nxt.lower_ in _STATE_WORDS \
                    and _event_of_word(nxt.text) != "killed" else _toll_of(last)
                if toll is not None:
                    # "the death toll rose to 48": the count runs from the toll's words to the number
                    event = "killed"
                    subject = "people" if toll.lower_ == "number" else _subject_name(toll)
                    if toll.i < span[0].i and span[0].i - toll.i <= 8:
                        start = _toll_start(toll, off)
                elif nxt is not None and nxt.lower_ in _STATE_WORDS:
                    # headline style: "Two dead, twenty injured", "4 killed in Aleppo", "7 dead and
                    # dozens wounded"
                    event = _event_of_word(nxt.text)
                    subject = "people"
                    end = _tok_end_safe(nxt, off)
                elif _plural_scale(last) and (ev := _event_up(last)) is not None:
                    # "led to the death of three hundreds of them": the number's last word is a noun, and
                    # what befell it is read off the parse as a noun's is
                    event = ev
                elif _revised_toll(last, previous):
                    # "an initial death toll of 47. This was later updated to 82": the toll's new number
                    event = "killed"
                    subject = "people"
                elif verb is None:
                    continue
                else:
                    event = _event_of_word(verb.text)
                    # "attacks ... that have killed dozens": a rough toll of people, which a vague word
                    # with no noun of its own otherwise is not ("tried several times")
                    subject = "people" if n.vague and event in ("killed", "wounded") and verb.i < taken.i \
                        and taken.dep_ == "dobj" else None
            if event in ("killed", "wounded") and noun is not None and noun.lower_ in EVENT_NOUNS:
                # things and events are neither killed nor wounded: "800 Schools Destroyed" (a headline
                # after "Over 9,000 Killed"), "shot six times", "He must have died 20 times"
                event = None
            if n.vague and noun is None and toll is None and subject is None:
                continue
            if noun is not None and _describes_another(noun, n, last):
                continue
            # "the death toll rose from 20 to 30 (people)"
            its_toll = toll if toll is not None else _toll_of(last) if noun is not None else None
            changed = _changed_to(text, its_toll, off, n) if its_toll is not None else None
            n_low, n_high = changed if changed is not None else (n.low, n.high)
            q = Quantity(
                start=start, end=end, text=text[start:end], low=n_low,
                high=None if toll is not None and _passed(last) else n_high, subject=subject, event=event,
            )
            w = _window_for(windows, n.start, end, sent)
            if w is not None:
                q.window, q.window_hours = w.text, w.hours
                q.window_start, q.window_end = w.start, w.end
            if n in singles and (q.event not in ("killed", "wounded") or noun is None):
                continue  # "a man" is a count of one only as a victim
            if n in singles:
                ones.add(id(q))
            q.place = _place_for(sent, end)
            sent_quant.append((q, noun))
            by_start[n.start] = q
            if part:
                parts.add(id(q))
        sent_quant = _out_of(text, nums, by_start, sent_quant)
        # bare counts and "others" borrow the subject of a neighbour in the same sentence
        for i, (q, _noun) in enumerate(sent_quant):
            if q.subject is None or q.subject == "others":
                # what befalls people borrows no count of things: "attacked two villages and a town ...,
                # killing at least 8" were 8 people
                of_people = q.event is not None and q.event != "launched" and q.event != "violations"
                # nor from one person without a numeral ("killing a woman and wounding 25")
                # nor, when it is of the dead or hurt, from those who did the deed ("Two gunmen opened fire on
                # the crowd, killing 14": 14 people, not 14 gunmen)
                hurt = q.event in ("killed", "wounded")
                later = [x for x, n in sent_quant[i + 1:] if x.subject not in (None, "others")
                         and not (of_people and _of_things(x)) and id(x) not in ones
                         and not (hurt and x.event is None and _doer(n))]
                earlier = [x for x, n in sent_quant[:i] if x.subject not in (None, "others")
                           and not (of_people and _of_things(x)) and id(x) not in ones
                           and not (hurt and x.event is None and _doer(n))]
                if q.subject is None and later and (id(later[0]) in parts or _PART_GAP.search(text[q.end:later[0].start])):
                    # "kills 15 including 4 children", "30 were wounded, including 12 civilians",
                    # "Twelve were killed, 7 of them civilians": the part's noun does not say who
                    # the whole are
                    q.subject = "people"
                elif q.subject is None and later:
                    q.subject = later[0].subject
                elif earlier:
                    # "others" contrasts with the first group named ("civilians ... hundreds of others")
                    q.subject = earlier[0].subject if q.subject == "others" else earlier[-1].subject
                elif (before := _last_whole(previous, text)) is not None \
                        and before.subject not in (None, "others") \
                        and not (of_people and _of_things(before)) and id(before) not in ones:
                    # the sentence just before, not any count of the article ("a bomb exploded aboard a
                    # bus ... killing a woman and wounding 25" were not the children of a paragraph before)
                    q.subject = before.subject
                elif q.subject is None:
                    q.subject = "people"
        # "Three White Helmets workers and six children killed": conjuncts share the event; a part is
        # no conjunct ("took 30 hostages, three of whom have been executed")
        for first, second in pairwise([x for x, _noun in sent_quant]):
            if first.event is None and second.event is not None and _CONJ_GAP.fullmatch(text, first.end, second.start) \
                    and not _OF_WHOM.match(text, second.end):
                first.event = second.event
            elif second.event is None and first.event is not None \
                    and _AS_WELL_AS.fullmatch(text, first.end, second.start) \
                    and not any(_event_of_word(w) for w in text[first.end:second.start].split()):
                # "killed five of Al-Nusra and allied militants as well as six militants": the second
                # object of the verb, which the parse leaves hanging on the first
                second.event = first.event
        # "killed at least 58 people in a rebel-held town in Idlib Syria including 11 children", "the toll
        # stands at 48, including 10 children": a part the parse hangs on a place or a toll names no
        # event of its own; it has its whole's
        listed: Quantity | None = None  # the last part of a list after "including", while the list goes on
        for whole, q in pairwise([x for x, _noun in sent_quant]):
            if q.event is None and whole.event is not None and _PART_GAP.search(text, whole.end, q.start) \
                    and (whole.low is None or q.low is None or q.low <= whole.low):
                q.event = whole.event
            elif q.event is None and listed is whole and _CONJ_GAP.fullmatch(text, whole.end, q.start):
                # "bringing the toll to 61 people including five children and three policemen": the parse
                # hangs the second part on the first, whose event came from the whole
                q.event = whole.event
            listed = q if _PART_GAP.search(text, whole.end, q.start) \
                or (listed is whole and _CONJ_GAP.fullmatch(text, whole.end, q.start)) else None
        # "84 people including 17 children killed by Assad regime": the participle the parse hangs on the
        # part tells what befell the whole, which has no verb of its own
        for (whole, w_noun), (q, p_noun) in pairwise(sent_quant):
            if whole.event is None and q.event in ("killed", "wounded") and w_noun is not None and p_noun is not None \
                    and w_noun.dep_ not in ("dobj", "pobj", "attr", "appos") and _PART_GAP.search(text, whole.end, q.start) \
                    and (whole.low is None or q.low is None or q.low <= whole.low) \
                    and any(c.dep_ == "acl" and c.i > p_noun.i and c.tag_ == "VBN" and _event_of_word(c.text) == q.event
                            for c in p_noun.children):
                whole.event = q.event
        for q, _ in sent_quant:
            q.source = _source_for(q, attributions, sent, text)
            out.append(q)
        previous = [q for q, _ in sent_quant]
    return out


#: verbs whose subject does nothing to anyone, by their forms (the pipeline has no lemmas): "40 passengers
#: were on the bus", "they had 40 guards"
_STATIVE = frozenset({"be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "have", "has", "had",
                      "having", "remain", "remains", "remained", "stay", "stays", "stayed", "live", "lives", "lived",
                      "include", "includes", "included", "number", "numbered", "numbers"})


def _doer(noun: Token | None) -> bool:
    """Whether a counted noun is who did something, as the subject of an active verb or the agent after
    "by": PolNeAR (Breitbart) "a shooting by two Muslim radicals in California that killed 14" had the 14
    read as radicals, and "Two gunmen opened fire on the crowd, killing 14" as gunmen. A bare toll does not
    take the noun of those who did the deed."""
    if noun is None:
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "by":
        return True
    return noun.dep_ == "nsubj" and upos(noun.head) == "VERB" and noun.head.lower_ not in _STATIVE


def _last_whole(previous: list[Quantity], text: str) -> Quantity | None:
    """The last count of the sentence before that is no part of a count before it: al-Araby (FA-KES dev
    1923102968) "Almost a dozen civilians including two children were killed ... At least 11 were killed
    when bombs hit ..." tells of 11 civilians, not of 11 children, the part the sentence ends on. A part
    is one after "including", "among them", "of them" or "of whom", or one counted before "of them"
    ("7 of them civilians"); a part of a group named in words is not ("He is one of the British
    jihadists ... The two others were called 'George' and 'Ringo'": other jihadists)."""
    for i in range(len(previous) - 1, -1, -1):
        x = previous[i]
        if _OF_WHOM.search(x.text) or (i and _PART_GAP.search(text, previous[i - 1].end, x.start)):
            continue
        return x
    return None


#: the gap between a part and its whole: "300 out of 400 soldiers"
_OUT_OF = re.compile(r"\s+out\s+of\s+", re.I)


def _out_of(text: str, nums: list[NumberMatch], by_start: dict[int, Quantity],
            sent_quant: list[tuple[Quantity, Token | None]]) -> list[tuple[Quantity, Token | None]]:
    """"300 out of 400 soldiers were killed", "the death of 300 out of 400 soldiers": what befell the
    phrase befell the part, not the whole the parse hangs the verb on, so 400 soldiers were read as
    killed and the 300 as a bare number (or nothing). The part becomes the count of the whole's people
    with its event ("300 out of 400 soldiers", killed); the whole keeps its people and loses the event."""
    for n, m in pairwise(nums):
        whole = by_start.get(m.start)
        if whole is None or not _OUT_OF.fullmatch(text, n.end, m.start) or whole.subject is None:
            continue
        old = by_start.get(n.start)
        q = Quantity(start=n.start, end=whole.end, text=text[n.start:whole.end], low=n.low, high=n.high,
                     subject=whole.subject,
                     event=whole.event if whole.event is not None else old.event if old is not None else None)
        q.window, q.window_hours = whole.window, whole.window_hours
        q.window_start, q.window_end = whole.window_start, whole.window_end
        q.place = whole.place
        noun = next(t for x, t in sent_quant if x is whole)
        sent_quant = [(x, t) for x, t in sent_quant if x is not old]
        at = next(i for i, (x, _) in enumerate(sent_quant) if x is whole)
        sent_quant.insert(at, (q, noun))
        by_start[n.start] = q
        whole.event = None
    return sent_quant


def _singles(text: str, sent: Sentence, nums: list[NumberMatch]) -> list[NumberMatch]:
    """Single victims without a numeral, as counts of one: "a child was killed", "A woman died",
    "killing a man", which read as no count (FNC-1's "a military expert was killed and two others
    wounded" counted the two and not the one). Only where ``SINGLE_VICTIM`` finds the words, on the
    article "a"/"an" of a singular noun of ``SINGLE_PEOPLE`` (adjectives between: "a young woman"), not
    inside a number ("a dozen") nor a possessive ("a child's body"); the caller keeps it only when
    the parse gives it a death or a wound."""
    spans = [(m.start(), m.end()) for m in SINGLE_VICTIM.finditer(text, sent.start, sent.end)]
    if not spans:
        return []
    out: list[NumberMatch] = []
    off = sent.offset
    for t in sent.span:
        pos = t.idx + off
        if t.lower_ not in ("a", "an") or t.dep_ != "det" or not any(a <= pos < b for a, b in spans):
            continue
        h = t.head
        if h.lower_ not in SINGLE_PEOPLE or h.tag_ != "NN" or not 0 < h.i - t.i <= 3 \
                or any(c.dep_ == "case" for c in h.children) \
                or any(x.dep_ not in ("amod", "advmod", "compound") for x in t.doc[t.i + 1:h.i]):
            continue
        if any(n.start <= pos < n.end for n in nums):
            continue
        out.append(NumberMatch(pos, pos + len(t.text), t.text, 1, 1, 1, False, pos))
    return out


#: bodies and places counted as wholes, whose count no count of people takes its noun from: Reuters in
#: FA-KES dev 1926479274, "a G20 statement - already signed by 12 nations including Saudi Arabia ... the
#: attack in which more than 1400 are estimated to have been killed", read 1400 nations killed
_COLLECTIVES = frozenset({"nations", "countries", "states", "governments", "organisations", "organizations",
                          "agencies", "companies", "firms", "groups", "factions", "parties", "provinces",
                          "cities", "districts", "regions", "neighbourhoods", "neighborhoods", "areas"})


def _of_things(q: Quantity) -> bool:
    """Whether a count is of things, events or bodies ("two villages", "six attacks", "12 nations"),
    which no count of people takes its subject from."""
    return q.subject is not None and (q.subject.split()[-1] in EVENT_NOUNS or q.subject.split()[-1] in _COLLECTIVES)


def _tok_end_safe(t: Token, off: int) -> int:
    return t.idx + len(t.text) + off


def _source_for(q: Quantity, attributions: Sequence[tuple[int, int, str | None]], sent: Sentence,
                text: str) -> str | None:
    best: tuple[int, str] | None = None
    for s, e, speaker in attributions:
        if speaker and s <= q.start and q.end <= e and (best is None or e - s < best[0]):
            best = (e - s, speaker)
    if best is not None:
        return best[1]
    m = re.search(r"\baccording to\s+([^,.;]+)", text[sent.start:sent.end], re.I)
    if m:
        return m.group(1).strip()
    return None
