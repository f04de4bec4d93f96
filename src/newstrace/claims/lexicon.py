"""Word lists the claim rules rely on.

They live in one place so that tuning on a dev split is a matter of editing data, not code. Forms
are listed inflected because the pipeline runs without spaCy's lemmatizer (it costs time and the
rules only need a few hundred forms).
"""

from __future__ import annotations

import re

# --- attribution cues ------------------------------------------------------------------------

#: verbs that introduce speech or writing (all inflected forms listed; matched lower-cased)
_SPEECH_STEMS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "add": ("add", "adds", "added", "adding"),
    "state": ("state", "states", "stated", "stating"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "note": ("note", "notes", "noted", "noting"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "report": ("report", "reports", "reported", "reporting"),
    "announce": ("announce", "announces", "announced", "announcing"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "declare": ("declare", "declares", "declared", "declaring"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "argue": ("argue", "argues", "argued", "arguing"),
    "warn": ("warn", "warns", "warned", "warning"),
    "ask": ("ask", "asks", "asked", "asking"),
    "reply": ("reply", "replies", "replied", "replying"),
    "respond": ("respond", "responds", "responded", "responding"),
    "continue": ("continued",),
    "confirm": ("confirm", "confirms", "confirmed", "confirming"),
    "deny": ("deny", "denies", "denied", "denying"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "suggest": ("suggest", "suggests", "suggested", "suggesting"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged", "acknowledging"),
    "allege": ("allege", "alleges", "alleged", "alleging"),
    "predict": ("predict", "predicts", "predicted", "predicting"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "read": ("reads",),
    "recall": ("recall", "recalls", "recalled", "recalling"),
    "describe": ("describe", "describes", "described", "describing"),
    "call": ("called",),
    "urge": ("urge", "urges", "urged", "urging"),
    "accuse": ("accuse", "accuses", "accused", "accusing"),
    "condemn": ("condemn", "condemns", "condemned", "condemning"),
    "criticize": ("criticize", "criticizes", "criticized", "criticise", "criticises", "criticised"),
    "estimate": ("estimate", "estimates", "estimated"),
    "believe": ("believe", "believes", "believed"),
    "think": ("think", "thinks", "thought"),
    "promise": ("promise", "promises", "promised", "promising"),
    "vow": ("vow", "vows", "vowed", "vowing"),
    "boast": ("boast", "boasts", "boasted", "boasting"),
    "joke": ("joke", "jokes", "joked", "joking"),
    "quip": ("quip", "quips", "quipped"),
    "concede": ("concede", "concedes", "conceded", "conceding"),
    "contend": ("contend", "contends", "contended"),
    "maintain": ("maintains", "maintained"),
    "assert": ("assert", "asserts", "asserted"),
    "indicate": ("indicate", "indicates", "indicated"),
    "show": ("show", "shows", "showed", "shown"),
    "find": ("found", "finds"),
    "reveal": ("reveal", "reveals", "revealed"),
    "agree": ("agree", "agrees", "agreed"),
    "point": ("pointed",),
    "mention": ("mention", "mentions", "mentioned"),
    "emphasize": ("emphasize", "emphasizes", "emphasized", "emphasise", "emphasised", "stressed", "stresses"),
    "shout": ("shout", "shouts", "shouted", "yelled", "chanted", "exclaimed"),
    "demand": ("demand", "demands", "demanded"),
    "worry": ("worried", "fears", "feared"),
    "hope": ("hopes", "hoped"),
    "know": ("knows",),
    "learn": ("learned", "learnt"),
    "observe": ("observed", "observes"),
    "answer": ("answer", "answers", "answered"),
    "repeat": ("repeated", "reiterated"),
    "charge": ("charged",),
    "complain": ("complain", "complains", "complained"),
    "pledge": ("pledged", "pledges"),
    "post": ("posted",),
    "wonder": ("wondered", "wonders"),
    "echo": ("echoed",),
    "assure": ("assure", "assures", "assured"),
    "remark": ("remark", "remarks", "remarked"),
    "conclude": ("concludes", "concluded"),
    "quote": ("quoted",),
    "mock": ("mocks", "mocked"),
    "praise": ("praised", "praises", "praising"),
    # verbs of speech a reporter uses for variety (a relative's 'who lamented, "..."', 'testified that
    # "..."'): without them the quotation went to the speaker before, or to a subject inside the quote
    "retort": ("retort", "retorts", "retorted"),
    "counter": ("countered", "counters"),
    "testify": ("testify", "testifies", "testified", "testifying"),
    "lament": ("lament", "laments", "lamented", "lamenting"),
    "plead": ("pleaded", "pleads", "pled"),
    "caution": ("caution", "cautions", "cautioned", "cautioning"),
    "scoff": ("scoffed", "scoffs"),
    "proclaim": ("proclaim", "proclaims", "proclaimed", "proclaiming"),
    "mutter": ("muttered", "mutters"),
    "whisper": ("whispered", "whispers"),
    "scream": ("screamed", "screams"),
    "cry": ("cried",),
    "opine": ("opined", "opines"),
    "interject": ("interjected", "interjects"),
    "recount": ("recounted", "recounts"),
    "grumble": ("grumbled", "grumbles"),
    "gripe": ("griped", "gripes"),
    "protest": ("protested",),
    "object": ("objected",),
    "brag": ("bragged", "brags"),
    "gush": ("gushed", "gushes"),
    "inquire": ("inquired", "inquires", "enquired"),
    "affirm": ("affirmed", "affirms"),
    "clarify": ("clarified", "clarifies"),
    "elaborate": ("elaborated",),
    "speculate": ("speculated", "speculates"),
    "confess": ("confessed", "confesses"),
    "reassure": ("reassured", "reassures"),
    "taunt": ("taunted", "taunts"),
    "sneer": ("sneered",),
    "email": ("emailed", "e-mailed", "texted"),
}
CUE_FORMS: frozenset[str] = frozenset(f for forms in _SPEECH_STEMS.values() for f in forms)
#: cues that introduce a direct quote reliably even without a clause
STRONG_CUES: frozenset[str] = frozenset(
    f for stem in ("say", "tell", "add", "state", "explain", "note", "write", "ask", "reply", "continue",
                   "declare", "insist", "argue", "warn", "tweet", "read", "recall", "quip", "joke")
    for f in _SPEECH_STEMS[stem]
)
#: cues that are speech mostly beside a quotation: belief and perception verbs ("believes", "found",
#: "shows") and verbs of other senses ("continued", "called", "posted", "charged", "pleaded"). A sentence
#: is not parsed for one of them alone (``PARSE_CUES``): on FNC-1's train bodies they would add a tenth
#: to the parse, for attributions that are mostly acts ("her attackers continued", "was charged")
QUOTE_ONLY_CUES: frozenset[str] = frozenset(
    f for stem in ("believe", "think", "worry", "hope", "know", "find", "show", "indicate", "agree", "wonder",
                   "continue", "call", "post", "charge", "plead", "boast", "echo", "answer")
    for f in _SPEECH_STEMS[stem]
)
#: cues worth parsing a sentence for: every cue of the one list but ``QUOTE_ONLY_CUES`` (the quote mark
#: beside those gets their sentence parsed). A hand-kept list of its own fell behind the cues added
#: since ("learned", "complained", "testified" ...), whose attributions were lost unless the sentence
#: held something else worth parsing
PARSE_CUES: frozenset[str] = CUE_FORMS - QUOTE_ONLY_CUES
#: cues whose infinitive complement is what was said ("vowed to fight", "urged them to leave");
#: for any other cue an infinitive is no report ("continued to work", "was found to be")
INFINITIVE_CUES: frozenset[str] = frozenset(
    f for stem in ("promise", "vow", "pledge", "urge", "ask", "demand", "warn", "agree", "claim", "threaten")
    if stem in _SPEECH_STEMS
    for f in _SPEECH_STEMS[stem]
) | frozenset(("threaten", "threatens", "threatened", "threatening"))
def _inflect(bases: str) -> frozenset[str]:
    """Regular inflections of base verbs ("support" -> supports, supported, supporting)."""
    out: set[str] = set()
    for b in bases.split():
        out.add(b)
        if b.endswith("e"):
            out |= {b + "s", b + "d", b[:-1] + "ing"}
        elif b.endswith("y") and b[-2:-1] not in "aeiou":
            out |= {b[:-1] + "ies", b[:-1] + "ied", b + "ing"}
        elif b.endswith(("s", "sh", "ch", "x", "z")):
            out |= {b + "es", b + "ed", b + "ing"}
        else:
            out |= {b + "s", b + "ed", b + "ing"}
    return frozenset(out)


#: verbs whose direct object is the target of a stance or the content of one ("Sanders rejected the
#: deal", "Trump wants a wall"): in broad mode a plain object counts only after one of these, since
#: most verbs with an object are acts ("Clinton dominated the South")
STANCE_OBJECT_VERBS: frozenset[str] = _inflect("""
    support oppose defend reject criticize criticise attack blame praise endorse back want discuss call
    propose offer express issue order cite challenge congratulate submit recognize recognise dismiss
    denounce condemn slam hail bemoan voice view consider deem favor favour like love hate dislike prefer
    fear doubt question dispute accept embrace welcome applaud thank blast mock ridicule insult accuse
    fault laud champion promote push urge demand request seek pledge promise vow threaten warn predict
    expect anticipate believe hope wish plan intend describe characterize characterise label dub brand
    portray tout trumpet highlight emphasize emphasise stress note mention address tackle acknowledge
    admit concede deny refuse decline veto block approve advocate reference answer echo quote tweet
    announce declare claim assert argue insist allege suggest recommend advise caution remind assure
    confirm reveal disclose admire respect trust distrust resent regret lament decry deplore protest
    resist defy ignore reiterate repeat outline unveil detail explain pitch float raise floated
    contest disagree agree rule rebuke scold chide lambaste excoriate decry applaud commend salute
    signal indicate acknowledge estimate project forecast prioritize prioritise champion tout
""") | frozenset(re.findall(r"\S+", """
    saw see sees seen seeing knew know knows known knowing understood understand understands
    understanding thought think thinks thinking felt feel feels feeling sought foresaw foresee
"""))

#: nouns that stand for a document; "a statement released by X's office says" is X speaking
DOCUMENT_NOUNS = frozenset(
    ["statement", "statements", "report", "reports", "communique", "letter", "release", "declaration", "tweet", "post", "message", "announcement", "memo", "note", "website", "document", "study", "survey", "poll", "paper", "analysis", "transcript", "filing", "complaint", "indictment", "lawsuit", "information", "data", "figures", "account", "accounts", "footage", "video", "website", "findings", "estimate", "estimates", "tally"]
)

# --- speakers ---------------------------------------------------------------------------------

#: words that describe a role rather than name a person: kept as the speaker's descriptors
TITLE_WORDS = frozenset(
    ["envoy", "special", "secretary", "general", "secretary-general", "president", "vice", "minister", "ministry", "spokesman", "spokeswoman", "spokesperson", "director", "chief", "head", "leader", "chairman", "chairwoman", "chair", "ambassador", "senator", "sen.", "rep.", "representative", "governor", "gov.", "mayor", "professor", "prof.", "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "official", "officials", "adviser", "advisor", "commander", "gen.", "col.", "lt.", "maj.", "capt.", "sgt.", "adm.", "cpl.", "king", "queen", "prince", "prime", "deputy", "foreign", "defense", "defence", "interior", "analyst", "expert", "researcher", "editor", "correspondent", "reporter", "journalist", "founder", "ceo", "candidate", "nominee", "judge", "justice", "attorney", "lawyer", "coordinator", "commissioner", "lord", "sir", "former", "late", "acting", "assistant", "executive", "senior", "junior", "state", "federal", "democrat", "democratic", "republican", "gop", "rev.", "reverend", "pastor", "bishop", "pope", "sheikh", "emir", "colonel", "general", "lieutenant", "major", "captain", "sergeant", "admiral", "agent", "diplomat", "manager", "speaker", "whip", "majority", "minority", "mp", "sheriff", "inspector", "officer", "cto", "cfo", "coo", "pollster", "chancellor", "rabbi", "imam", "mufti", "mullah", "moderator", "anchor", "det.", "constable", "marshal", "recorder"]
)
#: what a person is to a story, which British and Australian copy writes capitalised before the name at a sentence's
#: opening ('Vet Faye Bethell, 29, put ...', 'Pal Shin Tan, 21, said'): a label, no first name nor a title
PERSON_LABELS = frozenset(
    ["vet", "pal", "friend", "mum", "dad", "mother", "father", "son", "daughter", "wife", "husband", "girlfriend", "boyfriend", "fiance", "fiancé", "fiancee", "fiancée", "partner", "bride", "groom", "widow", "widower", "gran", "grandmother", "grandfather", "grandad", "granny", "nan", "brother", "sister", "neighbour", "neighbor", "pensioner", "student", "schoolboy", "schoolgirl", "teenager", "teacher", "nurse", "doctor", "tourist", "witness", "victim", "survivor", "driver", "motorist", "cyclist", "farmer", "builder", "owner", "fan", "boss", "colleague", "classmate", "passenger", "shopper", "customer", "patient", "hero", "blogger", "mechanic", "landlord", "landlady", "fisherman", "photographer", "eyewitness", "actress", "actor", "singer", "rapper", "star", "model", "celebrity", "youtuber", "vlogger", "sophomore", "freshman"]
)
#: lowercase particles that belong inside personal names ("Staffan de Mistura")
NAME_PARTICLES = frozenset(["de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "al", "al-", "bin", "ibn", "abu", "el", "ben", "st.", "mc"])
#: head words of organisation names: such speakers are never "he" or "she"
ORG_WORDS = frozenset(
    ["ministry", "office", "mission", "agency", "council", "observatory", "group", "groups", "department", "committee", "international", "news", "nations", "union", "organization", "organisation", "organisations", "institute", "foundation", "army", "forces", "force", "party", "campaign", "administration", "government", "commission", "court", "university", "network", "channel", "times", "post", "journal", "press", "tv", "television", "radio", "service", "services", "bureau", "center", "centre", "association", "coalition", "alliance", "front", "movement", "command", "corps", "league", "company", "corporation", "inc.", "ltd.", "corp.", "bank", "house", "senate", "congress", "parliament", "assembly", "embassy", "consulate", "police"]
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
#: common English first names by sex, so that "she" does not resolve to "Bill Clinton" nor "he" to
#: "Hillary Clinton". Kept small on purpose: the most frequent given names of the US population
#: (the census's and social security's top lists) and the first names of the political figures
#: these stories are about; a name that is both ("Pat", "Chris", "Jordan") is in neither, and a
#: name in neither proves nothing (the text's honorifics may still tell, see speakers.py)
MALE_FIRST_NAMES = frozenset(["aaron", "adam", "alan", "albert", "alexander", "andrew", "anthony", "arthur", "barack", "ben", "benjamin", "bernie", "bill", "billy", "bob", "bobby", "brandon", "brian", "bruce", "carl", "charles", "charlie", "christopher", "craig", "dan", "daniel", "david", "dennis", "donald", "doug", "douglas", "edward", "eric", "frank", "fred", "gary", "george", "gerald", "gregory", "harold", "harry", "henry", "howard", "jack", "jacob", "james", "jason", "jeb", "jeff", "jeffrey", "jeremy", "jerry", "jim", "jimmy", "joe", "joel", "john", "johnny", "jonathan", "joseph", "joshua", "juan", "justin", "keith", "kenneth", "kevin", "larry", "lawrence", "marco", "mark", "martin", "matt", "matthew", "michael", "mike", "mitch", "mitt", "nathan", "nicholas", "patrick", "paul", "peter", "philip", "ralph", "randy", "raymond", "richard", "rick", "robert", "roger", "ronald", "roy", "rudy", "russell", "ryan", "samuel", "scott", "sean", "stephen", "steve", "steven", "ted", "terry", "thomas", "tim", "timothy", "todd", "tom", "tony", "walter", "wayne", "william"])
FEMALE_FIRST_NAMES = frozenset(["alice", "amanda", "amy", "andrea", "angela", "ann", "anna", "anne", "barbara", "betty", "beverly", "brenda", "carly", "carol", "carolyn", "catherine", "cheryl", "christina", "christine", "cynthia", "deborah", "debbie", "debra", "denise", "diana", "diane", "donna", "doris", "dorothy", "elizabeth", "emily", "evelyn", "frances", "gloria", "hannah", "heather", "helen", "hillary", "huma", "jacqueline", "jane", "janet", "janice", "jean", "jennifer", "jessica", "joan", "joyce", "judith", "judy", "julia", "julie", "karen", "katherine", "kathleen", "kathryn", "kathy", "kimberly", "laura", "lauren", "linda", "lisa", "loretta", "lori", "louise", "margaret", "maria", "marie", "marilyn", "martha", "mary", "megan", "megyn", "melania", "melissa", "michelle", "nancy", "nicole", "olivia", "pamela", "patricia", "phyllis", "rachel", "rebecca", "ruth", "sandra", "sara", "sarah", "sharon", "shirley", "stephanie", "susan", "teresa", "theresa", "virginia"])
GROUP_PRONOUNS = frozenset({"they", "we", "it"})

# --- numbers ----------------------------------------------------------------------------------

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
#: "dozen" scales a number as "hundred" does: "two dozen" is 24, "several dozen" 36 to 108
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}
SCALE_ABBREV = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}

#: what "the number of X" counts when it is a death toll ("the number of dead reached 48")
TOLL_OF = ("dead", "deaths", "victims", "fatalities")
#: verbs by which a toll is given a new number, a pronoun standing for the toll: "This was later updated to 82"
TOLL_REVISED = frozenset({"updated", "revised", "raised", "upgraded", "rose", "risen", "climbed", "increased",
                          "lowered", "corrected"})
#: a pronoun for a toll, then its verb of a new number, up to the number: "This was later updated to 82", "which
#: was revised to 82". One pattern for the sentences parsed (``segment``) and the tolls taken as superseded
#: (``evaluate.casualties_fakes``), so the second never waits on a phrasing the first does not parse
TOLL_REVISED_LEAD = (r"(?:this|it|which|that)\s+(?:(?:was|has|had|been|is|later|since|then|subsequently)\s+){0,3}(?:"
                     + "|".join(sorted(TOLL_REVISED)) + r")\s+(?:up\s+)?to\s+(?:at least |more than |over |some |about )?")

#: vague quantifiers: phrase -> (low, high); high None = open
VAGUE: dict[str, tuple[float, float | None]] = {
    "tens of thousands of": (20_000, 99_999),
    "hundreds of thousands of": (200_000, 999_999),
    # with no noun after: "the war which has killed hundreds of thousands" (not 200 to 999 "thousands")
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "thousands of": (2_000, 9_999),
    "hundreds of": (200, 999),
    "scores of": (40, 199),
    "tens of": (20, 99),
    "dozens of": (24, 144),
    "dozens": (24, 144),
    "scores": (40, 199),
    "a dozen": (12, 12),
    "half a dozen": (6, 6),
    "a handful of": (2, 6),
    "a handful": (2, 6),
    "a few": (2, 5),
    "several": (3, 9),
    "a couple of": (2, 3),
    "a score of": (20, 20),
}
#: "several hundred", "a few thousand": multiplier ranges for a following scale word
VAGUE_MULTIPLIERS: dict[str, tuple[float, float]] = {
    "several": (3, 9),
    "a few": (2, 5),
    "many": (2, 9),
    "some": (2, 9),
    "a couple of": (2, 3),
    "tens of": (20, 99),
}

#: approximators and bounds before a number: (low factor, high factor); None = open high
BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "at least": (1.0, None),
    "no fewer than": (1.0, None),
    "no less than": (1.0, None),
    "not less than": (1.0, None),
    "more than": (1.0, None),
    "over": (1.0, None),
    "upwards of": (1.0, None),
    "in excess of": (1.0, None),
    "just over": (1.0, 1.1),
    "well over": (1.0, None),
    "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0),
    "just under": (0.9, 1.0),
    "close to": (0.9, 1.0),
    "up to": (0.0, 1.0),
    "as many as": (0.0, 1.0),
    "at most": (0.0, 1.0),
    "no more than": (0.0, 1.0),
    "not more than": (0.0, 1.0),
    "fewer than": (0.0, 1.0),
    "less than": (0.0, 1.0),
    "under": (0.0, 1.0),
    "some": (0.9, 1.1),
    "around": (0.9, 1.1),
    "about": (0.9, 1.1),
    "approximately": (0.9, 1.1),
    "roughly": (0.9, 1.1),
    "an estimated": (0.9, 1.1),
    "estimated": (0.9, 1.1),
    "circa": (0.9, 1.1),
    "some estimated": (0.9, 1.1),
}

# --- what is counted and what happened to it --------------------------------------------------

#: count nouns that are people (plural forms; singular after "one")
PEOPLE_NOUNS = frozenset(
    ["people", "persons", "person", "civilians", "civilian", "children", "child", "kids", "women", "woman", "men", "man", "soldiers", "soldier", "troops", "personnel", "fighters", "fighter", "militants", "militant", "rebels", "rebel", "terrorists", "terrorist", "jihadists", "insurgents", "gunmen", "members", "residents", "refugees", "migrants", "victims", "casualties", "deaths", "dead", "wounded", "injured", "patients", "students", "workers", "officers", "policemen", "police", "guards", "pilots", "journalists", "doctors", "nurses", "staff", "detainees", "prisoners", "hostages", "protesters", "demonstrators", "syrians", "iraqis", "kurds", "infants", "babies", "girls", "boys", "family", "families", "individuals", "citizens", "inhabitants", "villagers", "worshippers", "passengers", "servicemen", "militiamen", "combatants", "recruits", "civilans", "peoples", "youths", "adults", "elderly", "teenagers", "toddlers", "minors", "aid", "workers", "volunteers", "fatalities", "injuries", "bodies", "corpses", "others"]
)
#: people a single one of whom may be counted without a numeral ("a child was killed", "killing a woman")
SINGLE_PEOPLE = frozenset(
    ["person", "civilian", "child", "kid", "woman", "man", "boy", "girl", "baby", "infant", "toddler", "teenager",
     "minor", "soldier", "fighter", "militant", "rebel", "policeman", "officer", "journalist", "doctor", "nurse",
     "worker", "student", "resident", "farmer", "shepherd", "teacher", "medic", "volunteer", "guard", "pilot"]
)
#: count nouns that are events or things
EVENT_NOUNS = frozenset(
    ["attacks", "attack", "strikes", "strike", "airstrikes", "air-strikes", "raids", "raid", "rockets", "rocket", "missiles", "missile", "shells", "shell", "bombs", "bomb", "barrel", "explosions", "explosion", "violations", "violation", "cases", "case", "incidents", "incident", "times", "sorties", "shots", "mortars", "mortar", "bombings", "bombing", "shellings", "clashes", "battles", "ceasefire-violations", "villages", "towns", "homes", "houses", "buildings", "schools", "hospitals", "vehicles", "tanks", "aircraft", "planes", "helicopters", "drones", "targets", "positions", "sites", "trucks", "convoys", "operations", "arrests", "executions", "assaults", "massacres"]
)
#: nouns after a number that make it not a count of people or events
NON_COUNT_UNITS = frozenset(
    ["percent", "per", "cent", "%", "pc", "years", "year-old", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes", "minute", "seconds", "second", "km", "kilometres", "kilometers", "miles", "mile", "metres", "meters", "feet", "foot", "inches", "kg", "kilograms", "tons", "tonnes", "pounds", "dollars", "euros", "usd", "$", "liters", "litres", "degrees", "am", "pm", "a.m.", "p.m.", "gmt", "bc", "ad", "square", "acres", "hectares", "mph", "billion-dollar", "million-dollar", "points", "votes", "seats"]
)
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

#: event category -> word prefixes that signal it (matched on lower-cased token starts)
EVENT_STEMS: dict[str, tuple[str, ...]] = {
    "killed": (
        "kill", "die", "died", "dying", "dead", "death", "murder", "slaughter", "massacre",
        "execut", "fatalit", "lost their lives", "perish", "slain", "claimed the lives",
        "claimed lives", "fallen victim", "fell victim", "martyr", "assassinat", "behead",
        "casualt", "toll", "bodies", "victims", "crucif",
    ),
    "wounded": ("wound", "injur", "hurt", "maim"),
    "suffocation": ("suffocat", "asphyxia", "chok"),
    "arrested": ("arrest", "detain", "detention", "captur", "abduct", "kidnap", "seiz"),
    "displaced": ("displac", "fled", "flee", "evacuat", "refugee"),
    "missing": ("missing",),
    "launched": ("launch", "fire", "fired", "firing", "shell", "drop"),
    "violations": ("violat", "breach"),
    "rescued": ("rescu", "freed", "releas"),
}
#: the order in which competing events win when both are near (death outranks a nearby "fired")
EVENT_PRIORITY = ("killed", "wounded", "suffocation", "arrested", "missing", "displaced", "violations",
                  "rescued", "launched")

#: nouns for who speaks in news copy ("sources said", "the spokesman said"): a speaker mention with
#: one of these as its head is a role, and the word is no surname even when the tagger takes it for one
SPEAKER_NOUNS = frozenset(
    ["source", "sources", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "envoy", "minister", "ministry", "agency", "office", "statement", "report", "witness", "witnesses", "resident", "residents", "activist", "activists", "monitor", "observatory", "group", "groups", "aide", "aides", "adviser", "advisers", "campaign", "analyst", "analysts", "expert", "experts", "people", "voters", "critics", "supporters", "president", "secretary", "leader", "leaders"]
)
