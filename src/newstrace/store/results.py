"""Reading and writing analysis results (migration 2): passages, claims, stories, threads, state.

Writers take an open connection and never commit: the analysis driver wraps one batch of articles
in one transaction (``Store.transaction``), so a killed run leaves every batch it finished and
nothing of the one it was in. Readers return the JSON shapes the CLI prints and the web app shows
(``CorpusResults`` implements the web app's ``Results`` protocol).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from newstrace.errors import SHOWN_MATCHES, ambiguous_id, see_hint
from newstrace.model import (
    STEPS,
    ArticleClaims,
    ArticlePair,
    ProvenanceEdge,
    Quantity,
    Quote,
    SharedPassage,
    agreeing,
    counted,
    has_direction,
    parse_published,
    published_order,
    stream_order_key,
)
from newstrace.store.sqlite import in_list, like_escape, search_words, word_in

if TYPE_CHECKING:
    from newstrace.corpus.stories import Cluster

#: bump when an analysis step changes so much that stored results should be recomputed
ANALYSIS_VERSION = 4  # 4: claims (speakers, broad attributions, toll events) changed
#: bump when the claims rules change what they extract: a run that takes claims extracts them
#: again for the articles an older version extracted, and redoes nothing else (a whole
#: re-analysis would realign every pair). 2: Reuters' "cannot independently verify ... reporting
#: restrictions" is no attribution; a count's place is read from the parse ("at A and E" keeps
#: its "A", a bare "The" is none, "an"/"another" go as "the" did). 3: direct quotes' speakers:
#: '“...,” X barked' and '“...?” X pressed.', colon leads without a speech verb, the cue whose
#: clause holds the quote, "I" as a speaker (PolNeAR train speaker agreement 0.866 -> 0.884). 4: ''
#: (doubled apostrophes) are quote marks; 'In a statement, X said' and 'responded by saying' speak
#: for the clause's subject; a cue's subject the parser lost; "It said" speaks; broad mode reads
#: hedges ("is expected to") and skips verbs of effort and relation nouns. 5: a bare whole before
#: its part ("kills 15 including 4 children") counts people, not the part's noun. 6: a body is named
#: with its owner and what it is to ("Russia's Permanent Mission to the United Nations"), and
#: "the Mission" takes that name. 7: a bare whole whose part is named later in its sentence ("30 were
#: wounded, including 12 civilians") counts people too, not only one right beside its part. 8: a part
#: counted before "of them"/"of whom" ("Twelve were killed, 7 of them civilians", "seven of whom were
#: children") is a count of its noun with its whole's event; it was not read at all. 9: a colon right
#: before a quotation names its speaker: the subject of the clause it closes, the reporter of a
#: reported one, the name of a verbless digest lead ("- Jeffrey M. Jones:"). 10: a quotation its
#: sentence's verb governs ('Weaver dismissed that as a sign of “...”') is that subject's before it
#: is the last speaker's. 11: speaker tags read from the words after a quotation: any verb inverted
#: before a name that ends the clause ('“...?” reacted Trump.'), a name with an apposition or party
#: label before its verb ('Miller, a retired worker ..., said'), a cue tagged as a noun ('Conway notes.').
#: 12: the verb governing a quotation is looked for past subjects that cannot speak ('cautioning that the
#: turmoil underscores “...”'). 13: a sentence after a quotation tags it only when its cue reports no
#: clause of its own ('“...” The ministry said.', not '“...” Reid said both ... are ...'). 14: a cue after
#: a quotation that ends a clause begun before it ('X admitted that ... “...,” he claimed') is another clause's.
#: 15: a speech tag set into a clause reports the whole clause ('CNN, Cruz said, called it “...”'). 16: a
#: signature line after a quotation ending its paragraph names its speaker ('"..." ¶ - Bernie Sanders.').
#: 17: a pronoun tag right after a quotation beats its colon lead ('His final assessment: “...,” he said').
#: 18: a noun phrase and speech verb right after a quotation tag it ('“...,” the editorial read.',
#: '“...,” read the statement'). 19: a quotation going on in the paragraph of the quotation before
#: it is that one's speaker's, whatever speech verb comes between. 20: but not past someone named
#: speaking in a sentence of their own between them ('“...,” Putin said. Obama replied that .... “...”').
#: 21: a signature's name may hold lower-case particles ('- Staffan de Mistura', '- Bashar al-Assad')
#: 22: a clause of time or cause before a colon lead ('Protesters chanted slogans as police moved in:') does
#: not name the speaker unless it reports speech.
#: 23: a short quoted phrase whose governing subjects cannot speak ('The pro-democracy protests of the "Arab
#: Spring" spread') has no speaker; people ('researchers', 'the audience') can speak as much as roles.
#: 24: a headline or transcript label before a colon ('EXCLUSIVE: "..."', 'Q: "..."') is no speaker.
#: 25: the short-quote rule asks _can_speak of its subject: people ('the crowd reprised its chant of "..."') speak.
#: 26: token identity by index: a document noun that is itself the object of its "by"/"from" recursed for ever.
#: 27: one colon rule (_colon_lead); the older one's own reading of a sentence ending in a colon is gone.
#: 28: a quotation whose cue has no subject takes the speaker that cue gave the quotation before ('"...?" asked
#: Mr. Manafort, referring to .... "..."').
#: 29: an "according to" source in a quotation's sentence is its speaker ('"...," Sanders said, according to CNN').
#: 30: a gerund cue after the main verb with no subject of its own reports for the main verb's subject ('Flea
#: shared the news ..., writing "..."').
#: 31: 'put it' is a speech cue ('as the columnist puts it, "..."').
#: 32: broad mode's stance rules take the speakers _can_speak takes (people: 'Local researchers were critical of').
#: 33: an "according to" source speaks only a quotation no speech verb gives ('"...," Sanders said, according to
#: CNN' is Sanders's again).
#: 34: a gerund cue after the main verb with no subject of its own takes that verb's subject before the noun
#: right before it ('Flea marked the anniversary with a photo of the war on Twitter, writing "..."' was Twitter's).
#: 35: a bare capitalised word the tagger took for a common noun, never written in lower case in its text
#: ('Sanders/NNS said ...'), is a name, so "he" after it resolves to it ('As he puts it, "..."' had no speaker).
#: 36: a month or weekday name ("Apr" of a dateline) is no speaker.
#: 37: a count heading a singular noun coordinated with a plural one takes the plural ("70 regime and rebel
#: fighters"), and "the killing of two activists" is parsed and is a killed count.
#: 38: a speaker glued to a closing quote mark (',”Clinton said') starts after the mark.
#: 39: the subject of 'X was quick (eager, careful, ...) to add' speaks the infinitive's quotation.
#: 40: the subject of 'X was prompted (pressed, reported, ...) to say' speaks the infinitive's quotation.
#: 41: a name before a parenthesis ('Sen. Elizabeth Warren (D-MA) said') speaks, not the word inside it.
#: 42: 'X emailed supporters saying "..."' is the sender's, not the addressees'.
#: 43: a media noun before a name is the channel, not part of the speaker ('Syrian state TV Barazi said').
#: 44: a number in digits that counts no one of it does not open a nominal speaker ('at 0914 Homs governor says').
#: 45: a death toll's number is a count of the dead ('the death toll rose to 48', 'a toll of 48'), and a part
#: after 'including' shares its whole's event ('the toll stands at 48, including 10 children').
#: 46: a first name that completes a surname stands on the surname's line (a headline's last word is none).
#: 47: a direct quotation's tag with the speaker in apposition is not reported a second time as reported speech.
#: 48: a spokesman named in apposition speaks by name ('A Pentagon spokesman, Capt. Jeff Davis, said').
#: 49: 'according to' a manner ('according to plan', 'according to their type') names no source.
#: 50: 'In a statement, X said Y' reports Y (the speech verb's clause), and a later 'the statement said' is X's.
#: 51: one picture or document ('One photograph shows'), a vague frequency ('several times') and the group a counted
#: noun comes from ('members of one family') are no counts.
#: 52: a vague word before a state is a count ('dozens wounded', 'Scores dead').
#: 53: a body's or an office's name goes on through its preposition ('Syrian Observatory for Human Rights', 'Governor of Texas').
#: 54: a capitalised plural opens a body's name ('Doctors Without Borders'), and one after the cue is read ('said the Committee to Protect Journalists').
#: 55: a count listed as a group named by what befell it takes that event ('Among the dead were 20 children',
#: 'those killed in two attacks include 14 children').
#: 56: a part of the group something befell is counted with its noun and that event ('five of the dead were
#: children').
#: 57: a part after "including"/"among them" that names no event has its whole's, wherever the parse hangs it
#: ('killed at least 58 people in a town in Idlib including 11 children').
#: 58: a count right before a passive event verb the parse gives no subject is its subject ('province of Daraa
#: 15 civilians were killed').
#: 59: a count of two groups together is of both ('eight women and children', '6 of them women or children').
#: 60: a range open above is one count ('killed from 500 to well over 1000 people': 500 or more).
#: 61: a toll among or on a group counts that group ('dozens of casualties among civilians').
#: 62: 'tens of' is a vague count ('tens of its own fighters': 20-99; a possessive is no noun), 'tens of
#: billions' a multiplier.
#: 63: a count after "as well as" with no event of its own is a second object of the first's verb.
#: 64: "N of the X" counts the people X names ('eight of the group's fighters', '15 of the 350 hostages').
#: 65: the pronoun of a free relative cue ('Cruz has railed against what he calls the "..."') is the subject of
#: the clause the relative sits in.
#: 66: a cue conjoined to a passive clause ('X was joined on stage by Y and joked, "..."') is the passive's subject's.
#: 67: the object of a verb of prompting says its speech infinitive ('a win that led her to declare "..."').
#: 68: a signature line inside an unclosed quotation's closing mark names its speaker ('"... tax cuts. ¶ Dean
#: Baker, Center for Economic and Policy Research."').
#: 69: a determiner or quantifier standing for people is a cue's speaker ('Yet another said', 'most said',
#: 'those surveyed said', 'many of them say').
#: 70: the name before a relative clause speaks a cue the parser left without a subject ('Levine, who has given
#: money to Marco Rubio, said, "..."'); a preposition the parser made a subject ('Of Carson, ...') is none.
#: 71: a cue the parser joined to the object before it ('adopted a fake accent and joked, "..."') takes the
#: subject of the verb governing that object.
#: 72: a quotation right after a sentence's end opens its sentence though the parser hung its opening mark on
#: that sentence ('... in Eritrea. ''Was I ...?'' he told me.'), so the tag after it is read.
#: 73: a quotation ending in one it quotes ('... what can we do to help?’”') ends with that one's last mark
#: ("?"), so a tag after it reports it.
#: 74: a pronoun cue in an adverbial clause of the outer cue ('"...," Ryan said, though he said, "..."') keeps
#: its quotation rather than giving it to the outer cue's name.
#: 75: a gerund cue heading a sentence of its own ('... “wasn’t good.” Adding, "..."') takes the subject of the
#: speech verb of the sentence before it in the paragraph.
#: 76: a speaker tag read from the words after a quotation keeps words split at a hyphen ('Blaze co-host Stu
#: Burguiere', 'the 43-year-old', 'Douglas Holtz-Eakin'); after a non-speech verb ('mused') a role's name speaks.
#: 77: a quotation with no cue two paragraphs after the last speaker's words, past a paragraph opening with
#: that speaker's name ('Howard continued his scathing remarks.'), is theirs, given that mention.
#: 78: a capitalised subject the tagger read as a verb, never written in lower case in its text ('Trump/VB at the
#: time said', 'Husted/VBN continued'), is a name.
#: 79: a speech tag set into a clause right after its subject ('Clinton, a top aide said, "..."') is the tag's
#: noun phrase's, which the parser made the subject's apposition.
#: 80: sentences with "recall", "joke" or "quip" are parsed ('Sami recalled how ... "..."' had no speaker).
#: 81: a death toll that rose from one number to another is the second ('rose from 20 to 30': 30, not 20 to 30).
#: 82: a body's name after a clause without its comma is whole ('... IS fighters the Syrian Observatory for Human
#: Rights said'), and the reported clause ends where the speaker begins.
#: 83: a body's name goes on when the parse hangs it on the words describing the body after it ('the Syrian
#: Observatory for Human Rights monitor said').
#: 84: 'the statement said' is the nominal speaker's who spoke in it ('the U.S. military said in a statement').
#: 85: the owner of a speech noun says what it holds ('Mr. Obama's suggestion that she was “likable enough”').
#: 86: a speech noun's owner after it ('the suggestion by X that ...') or around the marks ('Obama's "..." promise').
#: 87: a capitalised word opening a sentence or in a title-case headline is no first name ('Maybe Trump').
#: 88: a title-case headline names no one ('ESPN Fires Schilling Over ...').
#: 89: "dozen" scales a spelled-out number ('more than two dozen injured': 24 or more, not 2; 'several dozen': 36-108).
#: 90: a clause with a subject of its own gives its event to no count of the clause it hangs on ('officials
#: confirmed that ISIS murdered ...', 'took 30 hostages, three of whom have been executed').
#: 91: the subject of an active "killed" (executed, wounded ...) with an object did the deed and is no count of
#: the dead ('the two brothers reportedly killed an MIT police officer', 'attacks that have killed dozens').
#: 92: "no one" is no count of one ('no one was injured' was one injured).
#: 93: what befell a count where the parse puts it: 'shot dead 14 people', 'two dead soldiers', 'claimed thousands
#: of lives', 'three injured patients' (when no verb says otherwise).
#: 94: a bare count borrows the subject of its own sentence or the one just before, and never a count of things
#: ('attacked two villages ..., killing at least 8': people, not villages).
#: 95: 'a further 300,000 displaced' are displaced, not killed; 'families of terrorism victims' are no victims.
#: 96: a verb joined to the count's verb is its event ('were rounded up and killed', 'were burned or wounded').
#: 97: one victim without a numeral is a count of one ('a soldier has been wounded', 'killing a woman'); such
#: sentences are parsed.
#: 98: a death nearly suffered or only threatened is none ('nearly died', 'threatened to kill one of the soldiers').
#: 99: people a side 'lost' were killed ('Hifter's side lost 20 fighters', 'We lost four of our members').
#: 100: 'one of 26 people killed' is no count of one (the 26 are the count).
#: 101: counts of things or events are neither killed nor wounded ('800 Schools Destroyed', 'shot six times').
#: 102: a vague word with no noun that a casualty verb takes is a rough toll ('attacks ... that have killed dozens').
#: 103: a pronoun skips a person of the other sex; a surname alone is the full name the story names most.
#: 104: a full name is not cut at its middle initial ("J. Bennett").
#: 105: "Will" after a name or a closing quote mark is George Will, not the modal.
#: 106: a pronoun with no speaker of its sex before takes a person of its sex the text names.
#: 107: an honorific gives its sex to the word after it ("Ms. Lages’s Chicago plant").
#: 108: people a party, a company or a school "lost" left it; they were not killed.
#: 109: "300 out of 400 soldiers were killed" counts the 300 killed; the 400 are their whole, not killed.
#: 110: victims who survived ("three other shooting victims who survived") are wounded, not killed.
#: 111: "he" or "she" is not a one-word plural named before ("Friends say ...", "Democrats").
#: 112: a title inside a speaker mention is dropped ("asked Mr. Manafort" is Paul Manafort).
#: 113: a past tense the parser made a participle of its long subject is the verb ("O'Malley, who ..., interjected to say").
#: 114: "who" after a description of a person stands for that person ("Scott Reed, the Chamber's strategist, who added").
#: 115: the tag after a quotation set off by a colon or dash reports it ('...: "...," Roffman predicted').
#: 116: a one-word surname with an inner capital the tagger took for a noun is a name ('D’Souza replied').
#: 117: a bare speech tag after a quotation its clause began before reports it ('Nothing the president said "...," the Florida senator said').
#: 118: a role noun opening a sentence is no surname ('Sources told POLITICO').
#: 119: a sentence after a "?!"-ended quotation whose first clause is short is parsed as its tag ('"All the way!" Dawson shouted, ...').
#: 120: a clause a dash closes right before a quotation introduces it, as a colon does ('Trump finally wrapped up — "..."').
#: 121: of two subjects of a cue the one in quotation marks is no speaker ('Washington, star of “Scandal,” thanked').
#: 122: an inverted tag's subject may open with its owner ('..., exhorted Clinton's introducer, actress Jamie Lee Curtis').
#: 123: a subject-less tag between two quotations gives the second the first one's speaker ('"...," Mr. Daniloff, now 81 ..., said. "..."').
#: 124: the deed done to a counted object beats a clause hung on it ("executed 18 civilians who had tried to flee").
#: 125: a bare subject takes the event of its verb's infinitive ("1400 are estimated to have been killed").
#: 126: two single victims joined are each a count of one ("A child and a woman were killed").
#: 127: a hyphenated word's first piece is no counted noun ("one of rebel-held", "two co-workers").
#: 128: a bare count borrows no part's noun from the sentence before ("... including two children. At least 11 ...").
#: 129: a count of people borrows no noun of a body or place ("12 nations ... 1400 are estimated to have been killed").
#: 130: a whole with no verb takes its part's participle ("84 people including 17 children killed by ...").
#: 131: a part joined to a part after "including" shares its event ("including five children and three policemen").
#: 132: a count among the dead has their event ("There were also 20 women among the dead").
#: 133: a part's plural of people is its noun whatever its tag ("86 30 of them children").
#: 134: a tens word and a unit with a space between are one number ("Thirty one" is 31).
#: 135: an abbreviation in brackets does not part a number from its noun ("31 Islamic State (IS) group militants").
#: 136: a headline's "kills 12 wounds 50" has two tolls, the second verb no noun of the first.
#: 137: a group's initials between a number and its noun are no verb ("31 IS group militants").
#: 138: a toll given a new number through a pronoun ("This was later updated to 82") is a count of the dead.
#: 139: a scale in the plural after a number is that number ("three hundreds of them" is 300).
#: 140: a conjunct that says what befell it keeps that ("30,000 deaths and 1 million displaced persons").
#: 141: a bare toll takes no noun of those who did the deed ("a shooting by two radicals that killed 14").
#: 142: a distance ("a few blocks from", "150 yards away") is no count.
#: 143: one victim joined to the counts a killing verb takes is a count of one ("killed 17 militants and a child").
#: 144: a tag read right after a quotation is its own, not the speech verb above its clause.
#: 145: he or she is the person of its sex a sentence after the last speaker opens with.
#: 146: a colon's or a dash's lead is not read through the quoted verb the parser hung it on.
#: 147: a finite verb right before the comma that opens a quotation names its speaker.
#: 148: a speech tag right after a quoted phrase reports the clause it closes (not a channel's).
#: 149: the whole word before a name tells its sex ("spokeswoman Hua Chunying").
#: 150: a relative clause before a colon leaves the quotation to the clause it describes.
#: 151: a boy, a girl or friends may speak ("when a young boy shouted, ...").
#: 152: a noun the parse hangs on a verb as its conjunct, right after it, is that verb's object ("destroyed or damaged scores of pieces").
#: 153: a count word past another word is no counted noun ("35 Dead Dozens Wounded": 35 dead).
#: 154: the object of "along with"/"together with" on a verb shares its event ("were killed along with six ... terrorists").
#: 155: injuries joined to deaths are no deaths ("four deaths from gas poisoning and 55 injuries").
#: 156: "hundreds of thousands"/"tens of thousands" with no noun after is one number ("has killed hundreds of thousands").
#: 157: a participle on the appositive tells what befell the count ("10 people mostly schoolchildren killed").
#: 158: a count of people before a distance is counted ("killed 3 people steps from the White House").
#: 159: a clause hung on a verb inside the quotation before its comma names no speaker ("recalled that when X lost, \"...\"").
#: 160: 'Adm.' and 'Cpl.' end no sentence and are titles ("said ... Rear Adm. John Kirby" went to "Rear Adm.").
#: 161: more verbs of speech are cues ('who lamented, "..."', 'proclaimed', 'testified that "..."').
#: 162: a speech participle after a reported clause is the reporter's ("X told Y that Z \"...,\" adding, \"...\"").
#: 163: more nouns for something said give it to their owner ("their chants of \"...\"").
#: 164: a share of respondents quoted answers through the poll its sentence names.
#: 165: a pronoun speaking in a relative clause keeps its quotation ("... resolutions - which he added \"...\"").
#: 166: a phrase quoted in a reported clause is the reporter's ("She noted that Sanders ... called the president \"weak\"").
#: 167: the reporter of a clause speaks the quotation in it whatever its length ("prosecutors say that he told an agent, \"...\"").
#: 168: a news outlet reporting a clause passes its quotation on ("The Daily Mail reports that an eyewitness told ..., \"...\"").
#: 169: a vague number of a scale of a scale is one number ("many hundreds of thousands of people", "several hundred thousand").
#: 170: a sentence whose count "died" is parsed ("Four Americans died as a result of the attacks").
#: 171: a noun of people the parse takes for a verb renames the count ("killed at least 61 people mostly civilians").
#: 172: 'In a statement, X acknowledged ...' whose verb the parse gave no clause: the verb is the cue, what follows it the content, not 'In' and the whole sentence.
#: 173: a vague scale of a scale is one number before punctuation too ("killed several hundred thousand.").
#: 174: 'ill.', 'miss.', 'mass.', 'wash.', 'ore.' in lower case end a sentence ("admitted he is ill. South Korean ...").
#: 175: a number ends a sentence ("died on Jan. 4. His ..."); a list item's number does not ("10. The ruins ...").
#: 176: a sentence is parsed for every cue of the lexicon but those that are speech mostly beside a quotation ("Customers complained that ...", "X learned that ...", "cautioned that ...").
#: 177: "no." ends a sentence unless a number follows ("The answer is no. That ..."), a small letter too ("They didn't. Her ..."); initials with inner full stops do not ("J.J. Abrams", "11 a.m. ET").
#: 178: a he/she with no one named before it stands for the role that spoke last ('The envoy said: "..." ¶ "...," he added').
#: 179: straight apostrophes pair as quotation marks ("'They need a ceasefire,' said Jan Egeland"), not elisions ("the '90s", "Assad's").
#: 180: a double mark after a blank after a nested single's closing mark closes ("saying, 'Oh, yes,' \" Sanders told CNN"), not opens.
#: 181: a teller closing the report it tells ("[clause] a source at Aleppo Police Command told SANA", "... said the Observatory") speaks, not the reported clause's subject.
#: 182: a teller before a cue that lost its subject is the head of its phrase ("sources close to the group told", "Charles Lister of the Brookings Doha Centre said", "Mohammad Idelbi father of the family told"), not its last noun.
#: 183: "persons" and "individuals" counted are the slot "people" ("Nine persons killed" and "nine people killed" are one group).
#: 184: a quotation with no cue opening a sentence after a paragraph's first sentences is the speaker's the paragraph opens with ("Clinton touted her credentials .... “We need ...”"), when no one spoke in the paragraph before it.
#: 185: a conjunct with a pronoun subject of its own keeps it as the mention ("Trump called ..., but he also noted the “senseless, tragic deaths”" is "he"), as an adverbial or relative clause does.
#: 186: a phrase quoted in a conjunct with a named subject of its own is that subject's, not the conjunct head's speaker's ("Cruz said ..., and Trump vowed to “bomb the hell” out of ...").
#: 187: an indefinite role ("an official from the ... rebel group said", "a Nevada Democrat") is a new speaker, not the last named one with that role word.
#: 188: the nouns of a clause inside a name's apposition are no role words of the name ("the Observatory a Britain-based group which reports ... using a network of sources": later "sources" are not the Observatory).
#: 189: a surname the text gives a man and a woman ("Mr. Khan", "Ms. Khan") takes no fuller name of unknown sex unless one of the other sex is named ("Ghazala Khan" is neither's), and keeps its honorific.
#: 190: what a speaker puts out speaks for them ("Trump released a marketing video that said", "The Washington Post ran a piece that noted"): the issuer, not the relative pronoun's antecedent.
#: 191: a relative clause ending right before a subject-less cue speaks through its antecedent ("a White House official who spoke anonymously to discuss internal strategy said" is the official's).
#: 192: a sentence the parser read as a name with a past participle after a comma ("Ted Cruz, who ..., named “Criminal Minds,” ... as his top shows") has that verb, the name its subject, for the phrases it quotes.
#: 193: a bare surname whose pronouns give it one sex takes no fuller name of unknown sex when the text also gives that surname to the other sex ('Khan' beside 'Ms. Khan' is 'Mr. Khan', not 'Ghazala Khan').
#: 194: a free relative's pronoun climbs past the same pronoun to the name it stands for ('what she called').
#: 195: what someone sent out or filed speaks for them ('a fundraising email sent out by Sanders'); not what is 'carried' or 'run' by an outlet.
#: 196: 'Gov.' is a title, dropped from the name as 'Sen.' and 'Rep.' are ('Ohio Gov. John Kasich' is John Kasich).
#: 197: a speaker's name runs past a rank's full stop ('Army Maj. Curtis Kellogg', not 'Army Maj'), an owner's possessive ('The Washington Post’s David Ignatius' is David Ignatius) and a hyphen ('Holtz-Eakin', not 'Eakin').
#: 198: a surname alone takes a fuller name with a middle initial the text gives ('Mr. Hedge' is Oliver K. Hedge), for the claims stage and the cheap label (speakers.full_name) alike.
#: 199: a bare surname takes the fuller name written last before it in its paragraph, not the one named most ('Jeb Bush told an Iowa audience ... "...," Bush said' is Jeb Bush where the story names George W. Bush twice), for the claims stage and the cheap label alike.
#: 200: role words before a name are titles ('MP', 'Sheriff', 'Inspector', 'Officer', 'CTO', 'pollster', 'Chancellor', 'Rabbi', 'Moderator', 'Anchor', 'Marshal' ...: 'MP Charlie Angus' is Charlie Angus), and a title in full before titles alone is an office's name, kept whole ('the Prime Minister said' is no 'Minister'); for the claims stage and the cheap label alike.
#: 201: after a speech verb, a role in lower case before a name leaves the name ('said Democratic pollster Stan Greenberg' is Stan Greenberg, not the whole phrase), and a name may open with its particle ('said al-Bredi' was no name).
#: 202: a generation's suffix after a name is not one of its three words ('Sen. Robert P. Casey Jr.' is Robert P. Casey Jr., not 'P. Casey Jr.'), for the claims stage and the cheap label alike.
#: 203: a bare surname opening a sentence between the last speaker named and a 'he' or 'she' is the subject the pronoun stands for, where the text names one person of that sex with the surname and none of the other ('Sanders is also keeping his supporters riled up ... "...," he said' is Bernie Sanders, not the Barney Frank quoted before).
#: 204: a name the pronoun's verb tells is not the subject the pronoun stands for ('"...," he told Rubio' after 'Rubio co-sponsored a bill' is the voter's, not Marco Rubio's).
#: 205: a count right after a verb of a deed is its object whatever the parse says (FA-KES's comma-less 'killed at least 10 civilians said the Observatory' made the civilians the subject of 'said'; title-case 'Syrian Army Kills over 60 ISIL Terrorists' tags the verb a name), and 'dead' right after a counted noun is its event ('leaving at least 27 people dead a monitoring group said'), but not 'dead or injured'.
#: 206: a number after a month is a date only when it is in digits and the month has no full stop but a short form's ('in April. Two Russian airmen were killed', 'In May five civilians were killed' and 'announced Aug. 24, two other militia groups' had no count; 'Apr. 5' and 'April 5' are dates still).
#: 207: 'killing' tagged a noun right before a count is the verb ('... Aleppo killing at least 15 civilians a monitor said'); title-case headlines' 'Kill', 'Killing', 'Injuring' before a bare number are verbs ('Stronghold Kill 22 including Civilians', 'Killing 4 Injuring 7'); the 'of' of a vague number ('Dozens of civilians') is its own, whatever number a dateline before it hangs on it.
#: 208: the plural subject's 'kill', 'injure', 'wound' before a bare toll are headline verbs as 'kills' is, the toll maybe opening with its bound ('strikes kill over 80 in Aleppo', 'Attack on Damascus kill 5 injure 50'), but not a deed not done; 'killed' right after a counted noun is its event as 'dead' is ('leaving 62 soldiers killed and some 100 wounded').
#: 209: a sentence with a toll up to 100 characters before a number is parsed (60 left 'Death Toll From Daesh Militants Attack on Village in Syrian Hama Reaches 51' unparsed), and a toll's verb may be one the tagger takes for a noun but gives a subject ('Death Toll in Blast ... Rises to 70').
#: 210: 'more' between a bare toll and its state word keeps the toll ('8 More Killed in Syrian Army Offensive', 'and dozens more injured', 'left 200 more injured' had no count).
#: 211: the teller right after a toll in comma-less copy is not its counted noun ('kills 14 State media' is 14 people, 'killed 13 people MSF said' 13 people, not 14 'media' and 13 'msf').
#: 212: a role opening a sentence between the last speaker and a 'he' or 'she' is the subject the pronoun stands for, when a person named before has that role ('The Pope, speaking earlier this week, offered ... "...," he said' is Pope Francis, not the dog owner quoted before).
#: 213: a first name before a first name and a surname makes the second a middle name ('Kayla Jean Mueller' is no 'Jean Mueller' for a later 'she'; 'Ruth Bader Ginsburg', not 'Bader Ginsburg', for 'Ginsburg'), named as the text also names the person without it ('Kayla Mueller'), else in full; for the claims stage and the cheap label alike.
#: 214: after a speech verb, titles joined by 'and' are the one person's named after the second ('said former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell' is Ed Rendell, was 'former Pennsylvania Gov.'), and an adjective in lower case before a titled name leaves the name ('said former Wisconsin Gov. Jim Doyle' is Jim Doyle; not before an honorific: 'the younger Mr. Trump'); the cheap label reads no abbreviated title as a name's end.
#: 215: a fuller name the text gives as the kin of a surname's honorific ('Mr. Bush's father, George Bush') is not that surname's, and one it names to place another in a family ("George W. Bush's brother", 'whose oldest son, George W. Bush', 'his father John Foley') counts that much less as the name most named: NYT's 'Mr. Bush' in its story on Jeb Bush is John Ellis Bush, was George W. Bush.
#: 216: a verb of a deed right before a count is read in every form the deed verbs have ('executing', 'injuring', 'massacring', 'assassinating', 'slew' before a count were not: one list of those verbs, not two).
#: 217: a surname that is a function word, the subject right before its speech verb inside a sentence, speaks ('... as "the party of overwhelming government," From said.' is Al From's, was 'Americans': the tagger read "From" as the preposition).
#: 218: a first name the text says a person is known by and writes with the surname names them ('Mr. Bush, known as Jeb' in NYT's story on Jeb Bush's campaign: 'Jeb Bush', was 'John Ellis Bush'); not a name of several words, nor one the text never writes with the surname.
#: 219: a 'he' or 'she' tagging a quotation after a colon is the person whose name is the subject of the clause the colon ends ('C. Boyden Gray, who served ..., ticked through the code ...: ''Civility ...,'' he said' is Gray's, was Mr. Bush's).
#: 220: after a speech verb, a role and the name in apposition to it name the speaker ('” said Rubio’s deputy campaign manager, Rich Beeson, who oversaw ...' is Rich Beeson, was the role).
#: 221: a name after what opens a sentence, a conjunction ('But Jeb Bush, like his brother, ...') or a phrase of a preposition closed by a comma ('At a recent event in Coralville, Iowa, Mr. Bush pointedly rejected ...'), is the subject a later 'he' or 'she' stands for, as a name opening the sentence is (NYT's '''...,'' he said' after it was Gregory W. Slayton's, quoted before).
#: 222: a bare surname takes the fuller name with the particle it leaves out ('Hashimi said' is Hisham al-Hashimi, 'Badri added' Ali al-Badri: al-, el-, bin, ibn, abu, van, von, de, di, da, del, la, le) and the kunya before its first name ('Mr Raqqawi' is Abu Ibrahim al-Raqqawi), for the claims stage and the cheap label alike.
#: 223: a fuller name keeps its first initial ('Mr. Gray' is C. Boyden Gray, was 'Boyden Gray'), for the claims stage and the cheap label alike.
#: 224: 'Gen' without its full stop is a first name for the cheap label as for the claims stage ('Nakatani said' after 'Japanese Defence Minister Gen Nakatani' is Gen Nakatani, was 'Nakatani'), and a title after a rank ('Maj Gen Charles Horner' is Charles Horner).
#: 225: a speaker's name runs past a rank the parser began a sentence at after its grade ('said Air Force 1st Lt. Tyler Livingston' is Tyler Livingston, was 'Air Force 1st'; the cheap label's 'Air Force').
#: 226: a name of two words or more run into a role in lower case of a body named after it, FA-KES's apposition without its comma, is the speaker ('said Rami Abdel Rahman director of the Syrian Observatory' is Rami Abdel Rahman, was 'Rami Abdel Rahman director').
#: 227: after a speech verb, a role before a name with an apostrophe ('reporter Kady O'Malley', 'Rep. Beto O'Rourke') or a role the tagger reads as an adjective ('patient Collette Harvin', 'pal Damir Tulemaganbetov') leaves the name, as the cheap label reads it (the whole phrase was the speaker).
#: 228: a surname of two words keeps the first name the text gives it, for the claims stage and the cheap label alike: a name of three words is not cut to the two a shorter mention gives ('Taugan Tan Kadalim', was 'Tan Kadalim'; 'Norbert Leo Butz', 'Shelley Moore Capito'), its bare surname takes all three ('Kadalim says'), and a mention of the two alone takes the fuller name ('Wasserman Schultz said' is Debbie Wasserman Schultz).
#: 229: a 'he' or 'she' after a role of one person that spoke since the last person named, whose sex nothing tells, stands for the role, not that person ('In a statement, the humble officer said ... ¶ "...," he said' was the reporter Kady O'Malley's), unless the person is named again after the role or the role is theirs ('ministry spokesman Maj. Gen. Mohammed al-Askari ... the spokesman said').
#: 230: a word of an office's or a body's name before a surname of two words is no first name of it ("Minister for Special Duties Taminu Turaki" is Taminu Turaki, was 'Duties Taminu Turaki' at 228), and a known first name is one whatever stands before it ('with Debbie Wasserman Schultz').
#: 231: a listed first name and its surname run into a title in capitals, FA-KES's apposition without its comma, end at the surname ('said Kevin Kennedy Regional Humanitarian Coordinator for the Syria Crisis' is Kevin Kennedy, was 'Syria Crisis', the office's object read as a name after a title), after two title words or one an office's 'of' or 'for' follows ('Sarah Withrow King' keeps her surname).
#: 232: the person named in apposition to the body a role's 'of' names is the role's holder ('The director of the European Centre, Ina Kirsch, told the AP' is Ina Kirsch, was 'director', the parser hanging the name on 'Centre'; 'The head of Nasa's Meteoroid Environment Office, Bill Cooke,'), a role of one person, the body a proper name, the person two words or more.
#: 233: a name after a clause opening its sentence ('As firemen rushed to the scene ..., Mr Chien went to look for his girlfriend') is the subject a later 'he' or 'she' stands for, as one after a phrase of a preposition is (221), and the subject a pronoun took over the last speaker goes on to the next pronouns of its sex ('¶ He said ... ¶ He said: "..."' was the friend Shin Tan's, quoted before), unless a role spoke since or the text names that speaker again, not as a preposition's object ('Was Szlachta satisfied ...? "To a point," he said').
#: 234: reported speech whose clause is a quotation already listed is not given again, nor run across its closing mark ('The mayor said "we are fine" on Monday' was also said 'we are fine" on Monday'); a clause of its own after the quotation is ('... and that the city would reopen'), a quoted phrase in a clause ('said "every asset" will be directed ...') is kept as before.
#: 235: a verb joined after a closing quote mark to the quoted clause's verb goes on from the verb that quotes the clause, not from the quoted subject ('she wrote: “Heard from Michael he is out of rehab and back home” and added that she is frustrated ...' was David Roy Fitch's, by the 'he' in the quotation; 'The Vermont senator emailed supporters saying: “The struggle continues” and vowing to compete ...' was given to 'The struggle').
#: 236: reported speech the sentence's stop cut inside a quotation it runs into ends at the quotation's closing mark, as PolNeAR ends it ('Barkley said that CNN ... has done an “awful” job of covering the “election.”' ended at 'election', inside the marks), when only the stop stands between.
#: 237: a verb of saying whose subject is one thing that cannot speak and whose clause has no subject, inside what a person named in a tag after it reports from that subject on, is the parser's misreading of a participle, no attribution ('The ceasefire deal announced October 17 followed a month of negotiations ..., said Hassan Tukur, an aide to ...' is Tukur's report, was given to 'The ceasefire deal' and Tukur's dropped as given already).
#: 238: a definite role is a speaker named before whom the text gives it in a title (the capitalised words right before the full name) or in apposition, with every word of the role before it ('said Atlantic City Mayor Don Guardian ... the mayor said' is Don Guardian, was 'mayor'; 'Chris Christie, the brusque, take-a-back-seat-to-no-one governor of New Jersey ... the governor said' is Christie; 'said Hassan Tukur, an aide to Nigerian President Goodluck Jonathan ... the aide said' is Tukur; 'The Florida senator' is no Vermont Sen. Bernie Sanders), unless a sentence since opens with another person named in full ('Rubio sought to stoke ... the senator said'), and never a former holder ('Christine Todd Whitman, the former New Jersey governor' was Breitbart's 'the governor').
#: 239: a definite role of one person no speaker named before is the person the text names after it, in its paragraph or the next, with the role in apposition ('..., according to the aide. ¶ ..., said Hassan Tukur, an aide to Nigerian President Goodluck Jonathan' is Tukur, was 'aide'), every word before the role the person's.
#: 240: a 'he' or 'she' after a speaker of the other sex is the person the text names in full since, after a role of one person in lower case, in the pronoun's paragraph or the one before, whose sex nothing tells ('Christie said ..., he said ... ¶ To ... political science professor Brigid Harrison, Christie’s ... stare seemed to reflect sadness. ¶ “...,” she said' is Harrison, was Christie), and a full name the pronouns after it leave unsexed takes the sex those after its bare surname vote for, where the text gives the surname no other first name nor an honorific.
#: 241: a capitalised word before a middle name no list knows is the name's first when the text writes it nowhere but there, nor in lower case, and it is no label of what the person is (``PERSON_LABELS``), no plural, nor shaped as an adjective, and opening a sentence the name is followed by a comma ('Taylor Lianne Chandler, 41, wrote ...' opening its paragraph: 'Chandler said' is Taylor Lianne Chandler, was 'Lianne Chandler'; 'Mr Chien' Dim Xiong Chien, was 'Xiong Chien'; not 'Vet Faye Bethell', 'Australian Dylan Thomas'), and such a label opening a name of three words is none of it ('Pal Shin Tan, 21, said' is Shin Tan).
#: 242: a name mention of two words opened by an adjective opening its sentence, written nowhere else, is the surname the text gives a fuller name elsewhere ('Bewildered Yen told local TV' after 'girlfriend Cong Yen' is Cong Yen, was 'Bewildered Yen').
#: 243: a 'he' or 'she' no speaker of its sex comes before is the person of that sex the text names last, by a bare surname of the one such person it names in full too, an owner's ('... Illinois's Mark Kirk withdrew his early support. ¶ ... she drew Trump's ire - he called her "weak"' is Donald Trump, was Mark Kirk).
#: 244: rule 240's role before a name may be a title, capitalised or abbreviated ('state Representative Karlee Macer, a Democrat, ... she said' is Macer, was 'Jefferies'; 'Sen.', 'Senator'), not past a sentence since opened by another person named in full whose sex nothing tells, nor past a bare surname of a person of the pronoun's sex.
#: 245: a first name alone after 'his' and a man's family tie of one family name (brother, son, father) takes the family name of the man named last before it ('... Mr Vickers reportedly emerged, ... ¶ "...," his brother John said' is John Vickers, was 'John').
#: 246: rule 240's person named since may have the role in apposition after the name, and one without its article before a preposition is a role in apposition ('Emmanuel Nachshon, spokesman for the Israel Ministry of Foreign Affairs, distanced ... "She’s her own person," he said' is Nachshon, was Moshe Ya'alon).
#: 247: a name whose surname opens with its particle is read whole ('Greta Van Susteren', 'Ludwig van Beethoven', 'Charles de Gaulle'), and 'host' and 'presenter' are roles of one person ('Host Greta Van Susteren was caught flat-footed. ... she asked' is Van Susteren, was Janet Napolitano).
#: 248: a 'he' or 'she' after a speaker of the other sex, where a sentence since opens with someone's tie of the pronoun's sex the text leaves unnamed and names no one of that sex, has no named speaker ('Kadalim’s girlfriend, who spoke on the condition that we not use her name, also corroborates the account. ¶ "...," she tells Vocativ' was Josh Paler Lin, named before Kadalim).
#: 249: a role word right after a modal or an auxiliary is a verb, no role ('The committee will host Reince Priebus next week. ... "...," she said' is Nancy Pelosi, named before, was Priebus; 'The network will host the debate' is no sentence opened by 'the host').
#: 250: a 'he' or 'she' after a speaker whose sex nothing tells is the person a sentence since opens with, in full or by the bare surname, whose first name tells no sex but whose pronouns tell the pronoun's, a person the text quotes ('Rosenberg, formerly a resident of Tel Aviv, did post to Facebook ... ¶ "My Facebook account ...," she wrote' is Gill Rosenberg, was Moshe Ya'alon; 'Christie slipped in a back door to avoid them. He said ...' is Chris Christie, was Madeleine Albright).
#: 251: a definite role of one person no speaker named before has is the one person the text gives it in a title before the full name or in apposition, anywhere in the text, with every word before the role's, when the text names that person before the role and no sentence since opens with another person named in full ('TV gardener Alan Titchmarsh was surprised ... ¶ The presenter found ... and said' is Titchmarsh, titled 'TV presenter Alan Titchmarsh' later, was 'presenter'; 'the New Jersey governor said' is Chris Christie), and a 'he' or 'she' after the role may stand for that person, as for rule 239's holder.
#: 252: a name of one word the text gives no honorific nor first name has the sex the pronouns after it vote for, and rule 250's subject may be a person the text quotes by such a name alone, no word of a longer name (FNC-1 714 read as `extract` reads a text file, its first line the title: '"She’s her own person," he said' is Emmanuel Nachshon, was 'Rosenberg'; 'Rosenberg ... did post ... ¶ "...," she wrote' is Rosenberg, was Moshe Ya'alon; 'And Obama, ..., seems to agree. "...," he said' is Obama, was Ted Nordhaus).
#: 253: the people the article's title names, with the roles it gives them, are named before the text's first sentence for rule 251: a definite role of one person may be the one the title names, titled so in the title or the text (FNC-1 1258 read as `extract` reads a text file, its first line 'TV gardener Alan Titchmarsh was surprised ...' the title: 'The presenter found ... and said: 'I won't be eating any of that.'' and the 'He ... asked' after it are Alan Titchmarsh, were 'presenter'); the speaker's mention stays the text's.
#: 254: a bare surname of the text takes a fuller name the article's title gives it as one of the text's own in an earlier paragraph (rule 199's ranking, the title a paragraph before the text's first; `extract FILE.txt` of FNC-1 324: 'Homeland Security Secretary Jeh Johnson is pushing back ...' over '“...,” Johnson said' is Jeh Johnson, was 'Johnson'), and a person the text quotes by one name (rule 252) is named so.
#: 255: two subjects of a cue, a person named before it and a noun after it, with the clause said after that noun and no subject of its own, are the speaker and that clause's subject, no inversion (FNC-1 206 and 1336: 'Foley's mother, Diane Foley, said the journalist, quote, "gave his life ..."' is Diane Foley, was James Foley).
#: 256: a first name before a middle name may follow a label of what the person is ('YouTuber', 'vlogger' now labels too): FNC-1 1925's title 'YouTuber Josh Paler Lin ...' makes the text's 'Lin' Josh Paler Lin, was 'Paler Lin'.
#: 257: a 'he' or 'she' no speaker comes before is the person of its sex a sentence opens with in its paragraph or the one before, when that is the person of its sex the text names last and no one else is titled or named in full in the pronoun's sentence before it (PolNeAR train's 'George Zimmerman is selling the gun ... ¶ “I’m a free American,” he told Fox 35' is George Zimmerman, was no one).
#: 258: a 'he' or 'she' with no speaker and no one who may be of its sex named before it in the text is the one person of its sex the article's title names in full, when the title names no one else who may be (`extract FILE.txt` of FNC-1 2142: the title 'Gillian Rosenberg, the Canadian-Israeli woman ...' over the text's opening '“Guys, I’m totally safe and secure,” she wrote Monday.' is Gillian Rosenberg, was no one).
#: 259: 'the congressman' or 'the congresswoman' is the one person titled 'Rep.' (rule 251; FNC-1 1921's 'Rep. Jason Chaffetz ... The congressman said ...', was 'congressman'), and of several holders of a role the one the article's title gives it is the one when the text names the others after the role only (FNC-1 2217: the title's 'Police Commissioner Bill Bratton' over '..., the commissioner said', was 'commissioner'), and the title's holder is last named where the text last gives the surname before the role (FNC-1 324's 'the congressman said' is the title's 'Rep. Duncan Hunter', was 'congressman').
#: 260: an unlisted first name before a listed one and a surname makes the listed one a middle name, when the text writes the last two nowhere without it and the three name no body (FNC-1 1107 and 1881: 'The statement identified the woman as Kayla Jean Mueller ... ¶ "For as long as I live, ...," she said' is Kayla Jean Mueller, was 'Jean Mueller'; PolNeAR's 'Billie Jean King', 'Giovanni Maria Vian'; 'a Find James Foley website' leaves James Foley).
#: 261: a 'he' or 'she' quoted saying "My name is" and a name of two words or more is the person so named (FNC-1 1119: 'before Mr Somers appears ... ¶ He said: "My name is Luke Somers. ..."' and the two paragraphs after it are Luke Somers, were his father Michael Somers).
#: 262: a surname alone whose honorific or the pronoun after it in its sentence tells a sex is the one person of that surname the text names in full who may be of that sex, and of several, 'Mrs' is the one the text calls a mother or wife (FNC-1 1988: 'Somers, 33, says is certain his "life is in danger."' is Luke Somers, was his sister Lucy Somers; 587: 'her mother Anji Smith ... Delighted Mrs Smith said' is Anji Smith, was Jessica Smith).
#: 263: a quotation opened with ‘ may close with a ” that closes no double quotation, when a letter or digit no elision explains follows the ‘ and no digit precedes the ” (FNC-1 1125: '‘That is Daiane. She has a very childlike voice ... what she was up to.”' is a direct quotation, was the outlet's own; an inch mark, 'a 12” screen', closes nothing).
#: 264: 'claim' before lives taken ('claimed hundreds of lives', 'claiming the lives of at least 32 people') is a toll, no speech verb (FA-KES dev 1924058191, 1926479178: the sentence was a quotation of 'airstrikes', of 'Assad regimes air force').
#: 265: 'respond' with or by force ('regime forces responded with air raids', 'responded with military force', 'by bombing') is a military act, no speech verb (FA-KES dev 1923102959: the clause before it was a quotation of 'regime forces'; 1923102968, 1923102974 of 'Baath regime'); 'responded that ...', 'with a statement' stay speech.
#: 266: a count right after a verb that lost it as its object is no speaker of the toll ('killed 1102 people said the Observatory', 'wounded more than 60 people said the Observatory'): the teller after the cue, or the one ending right before it inside the count's phrase ('killed at least 36 people including children opposition activists said'), speaks, and the count is in what they said (FA-KES dev 1914947538, 1923848154, 1924058191, 1926479281, 1926479363: were quotations of '1102 people', 'at least 10 civilians', 'at least 36 people', 'at least 60 civilians', 'more than 60 people').
#: 267: a main-clause cue with no subject and its reported clause before it is spoken by the noun phrase right after it, its object (or the subject of a participle after it), when that may speak, is no time and has no verb of its own after it (FA-KES dev 1923848295: '... in the oil-rich eastern province of Deir Ezzor said the Syrian Observatory for Human Rights' was a quotation of 'Deir Ezzor'; 1924058050 'Taduf', 1926479363 'chlorine', 1962495694 'such surprise attacks').
#: 269: a count that is the object of 'crucify' was crucified, a deed that kills ('A jihadist group in Syria has publicly executed and crucified nine men' is nine killed, was nine with no event: FA-KES dev 1923848291).
#: 270: a title the text opens with, glued to its body by no full stop, is a sentence of its own, and a dateline opening a paragraph or sentence is part of none ('Friday 29 Jul 2016 10 civilians dead in air strike on Syria rebel town Monitor AFP At least 10 civilians were killed ..., a monitor said' claimed from 'Friday', now from 'At least'; 'SANAA, Dec 6 (Reuters) - U.S. journalist Luke Somers was killed ...' from 'U.S.'; `segment.DATELINE`, which also reads 'MOGADISHU, Sept 5 (Reuters) -', 'FERGUSON, St. Louis (CNN) —', 'TORONTO, Ontario —', 'MOSCOW (Sputnik)').
#: 274: a name takes the generation's suffix the text writes after it wherever it writes the name ('Mr. Biden' of 'Vice President Joseph R. Biden Jr.' is Joseph R. Biden Jr., was 'Joseph R. Biden' beside him in one article; PolNeAR Brent Bozell III, Harry Hurt III, C. Stewart Verdery Jr., FNC-1 1787 Duncan Hunter Jr.), of a father's and a son's suffix the one a speaker mention gives ('Bozell says' is Brent Bozell III, not his father Brent Bozell, Jr.), and a first name and a suffix alone are the one name in full the text gives them ('His son Donald Jr.' is Donald Trump Jr.).
#: 275: a surname after 'Miss' (the parse's mention 'Miss Somers') or an honorific and a surname no fuller name took ('Ms. Somers') is the one person of the surname the text names in full who may be a woman, and where the text gives the surname an honorific of either sex, of several the one whose sentence goes on with a pronoun of her sex (FNC-1 1119: 'In an online video Miss Somers described ...' is Lucy Somers, 'Lucy Somers told the Associated Press that she ...', was 'Miss Somers'; 1327 Jess Smith, 803 and 1541 Faye Bethell, were 'Miss Smith', 'Miss Bethell').
#: 276: a verb of saying the parser joined to the clause an earlier one of the same word says, in a form other than the clause verb's, goes on from that earlier one (FNC-1 1125: 'former neighbors say DeJeus has an unmistakable voice and say that ... ¶ ‘That is Daiane. ...”' is the neighbors', was Daiane DeJeus).
#: 277: a name after the role it follows is whole across the hyphen the tokenizer cuts it at ('The pro-regime website Al-Masdar News reported that ...' is Al-Masdar News, was 'Al'; FA-KES 'Hezbollahs official television station Al-Manar' was 'Al').
#: 278: a role with no article that 'and' joins to a person's name is one of her titles ('Government spokeswoman and First Lady Rosario Murillo said' is Rosario Murillo, was 'Government spokeswoman', FNC-1 217), and 'First Lady' before a name is a title, no first name.
#: 279: a name of one word after 'the' that an inverted cue's teller is (267) is an outlet, no person a later 'he' or 'she' stands for (FNC-1 34: 'Bary had lived in Maida Vale, ..., reported the Independent. ¶ ... ”It’s hard to progress ...,” he said in one of his tracks' and the two lyrics after it had the Independent, now no one).
#: 280: a known place (`gazetteer.region_of`) after a preposition or 'and', glued to the name after it by a text that lost its commas, is no part of the name the text also writes elsewhere, and a date in digits opens no speaker (FA-KES dev 1926479281: '... in Hama Aleppo and Deir al-Zor Moumtzis said' is Panos Moumtzis, was 'Deir al-Zor Moumtzis'; 'in Aleppo Ibrahim Abu Leith told', was 'Aleppo Ibrahim Abu Leith'; '24.08.2013 Syrian state media accused' is Syrian state media).
#: 281: an event (``lexicon.EVENT_NOUNS``) a participle of saying hangs on is no speaker; the subject of the verb whose object it is speaks (FA-KES dev 1923848127: 'Pope Francis ... condemned the attack describing it as "ignoble" and asking God ...' is Francis, was 'attack'; 1923848165 'raised the death toll from a car bombing ... saying' is Syrias state TV, was 'car bombing'; 1924058142 'monitoring group', was 'strike').
#: 282: a verb of saying joined to the clause of an event ('didnt say when the attack occurred and said ...') goes on from the verb that clause hangs on (FA-KES dev 1924058064: Turkeys state-run news agency, was 'attack').
#: 283: a dateline of capitals whose first word has two or three letters ('NEW YORK CITY — ', 'ST. LOUIS — ', 'DES MOINES - ', 'LOS ANGELES — ') is no part of the first claim, as ``segment.DATELINE`` left 'BEIRUT — ' out (FNC-1 1368: 'The New York Police Department will no longer arrest ...' claimed from 'NEW YORK CITY', now from 'The').
#: 284: 'they' is no body named before it when the text names a group of people (critics, officials, sources, members, workers) after the body in the pronoun's sentence or the one before; it stays no one (FNC-1 34: 'To White House critics, the unappetizing options are ... They argue that ...' was the Independent, named paragraphs before; 1895 'Iraqi officials wrote to the United Nations ... ¶ They warned ...' was the UN).
#: 285: 'the younger Mr. X' is the person of surname X the text names with a generation's suffix (PolNeAR NYT: 'His son Donald Jr. announced ... ¶ ''...,'' said the younger Mr. Trump' is Donald Trump Jr., was 'younger Mr. Trump').
#: 286: one word after 'village of' ('town', 'city', 'district' ...), glued to a body's name that ends in a body's word (``lexicon.ORG_WORDS``), is a place, no part of the name, where no gazetteer holds it (FA-KES dev 1924058079: '... homes in the nearby village of Tokhar Amnesty International said.' is Amnesty International, was 'Tokhar Amnesty International').
#: 287: a number its state word follows ('12 injured', not 'killed' or 'dead') keeps that state though it hangs on a toll's verb, and a toll a passive's subject ('the death toll was put at 8') gives its number's event (FA-KES dev 1926479136: '... rose to 8 civilians in addition to 12 injured' gave 12 killed, now 12 wounded; 1926479180 'over 200 injured' was over 200 killed; 1926479027 'was put at 8 civilians in addition to 12 injured': 8 civilians had no event, now killed; all three rows the casualty split holds out).
#: 288: an agency's header ('Reuters Wednesday 7 Aug 2013', `segment._HEADER`) in a text's first 400 characters, after words of no title the text repeats (a caption, a deck, a title `_title_parts` did not find), ends what comes before it and opens the report after it (FA-KES dev 1923848207: '... east of Damascus said the Syrian Observatory for Human Rights' claimed from the caption 'Syrias state news agency did not give a death toll for the ambsuh Reuters Wednesday 7 Aug 2013 sixty-two ...', now from 'sixty-two'; 1923848296, 1923848297, 1923848302, 1923848307, 1923848312 claimed from the title; 1923848300 'Car bomb ... kills 10 Governor AFP Sunday 25 May 2014 "Ten people were killed ..." said Talal al-Barazi' a claim beside the quotation; 1923848296's speaker was 'car bomb', now SANA, 1923848302's 'May 2014 Syrian activists', now Syrian activists).
#: 289: two years joined by 'and' ('the 2004 and 2008 conventions', PolNeAR train politico 2016-07-24; '2008 and 2012 cycles', 'campaigns') or two numbers after a model's or a standard's name ('MiG 21 and 23 warplanes', 'USB 2.0 and 3.0 ports', '6 and 6 Plus models', FNC-1 train 495, 2039, 989) are names, no range of a count (were 21 to 23 warplanes ...).
#: 290: a toll's 'of' is no group a count comes from ('Four members of one family'), though the parse hangs another number on the toll (FA-KES dev 1924058056: 'gave a toll of 44 dead and 140 injured' had no 44 killed, now has).
CLAIMS_VERSION = 290

#: bump when the provenance rules change the edges a story's stored pairs give (their direction,
#: confidence or evidence): a run rebuilds the provenance of the stories an older version built,
#: from their stored passages, and redoes nothing else (nothing aligned or placed again). Kept per
#: story (``stories.provenance_version``, migration 9; 0: a database of an earlier release, or
#: edges not built yet). What only the drawing or a note says of an edge is made when it is shown,
#: and needs no bump (205821e's "not by publication date"). 1: containment orients no edge (a copy
#: cut to fit is contained in its source as an original is in its expansion: d6e2cff). 2: a time of
#: day without its UTC offset orders an edge by its day only (e91cdc6). 3: an attribution against
#: the dates (the earlier article names the later one's outlet) lowers the confidence (9cf1620).
#: 4: an attribution speaks for the edge from the article of the outlet it names that its text
#: shares the most with, not from each of that outlet's articles (``provenance._cited``).
#: 5: a story is bounded by its stored pairs (``PROVENANCE_MAX_PAIRS``, 20,000), not its members:
#: one of more than 200 members, which got no edges, gets them (a story that had edges keeps them).
#: 6: the cheap speaker label names the ``external:<speaker>`` source of an edge between articles that
#: share only a quotation (``reuse.variants.speaker_near``): no owner before a role ('said Clinton’s top
#: foreign policy aide Jake Sullivan' is Jake Sullivan), no word opening a sentence ('Although Reynolds',
#: 'So'), a surname of two words in full ('Abdel Rahman' is Rami Abdel Rahman), an acronym a body ('UNICEF', not 'Syria UNICEF'). The label's earlier
#: changes (a0975a7 and the ``CLAIMS_VERSION`` bumps that changed ``speakers.full_name``) bumped no
#: version of the edges: this one rebuilds them too.
#: 7: a text that credits by name the outlet of one of several identical copies ("..., told wire07")
#: has its edge from that copy, not from the first copy its pair was aligned with
#: (``provenance._credited_copies``; evidence ``credited_copy``).
#: 8: the cheap speaker label names a bare surname with the particle or kunya it leaves out ('Hashimi' is Hisham
#: al-Hashimi, 'Mr Raqqawi' Abu Ibrahim al-Raqqawi) and its first initial ('C. Boyden Gray'), 'Gen' as a first
#: name ('Gen Nakatani', was 'Nakatani'), and reads a rank's grade ('said Air Force 1st Lt. Tyler Livingston' is
#: Tyler Livingston, was 'Air Force'), as the claims stage names them (``CLAIMS_VERSION`` 222 to 225).
#: 9: the cheap speaker label takes the name opening the paragraph after a quotation only where the quotation's
#: own paragraph gives it to no one else ('Rubio said. "..." ¶ Cruz said both ...' was Cruz's; now no label).
#: 10: the cheap speaker label names a listed first name and its surname run into a title in capitals as the claims
#: stage does (``CLAIMS_VERSION`` 231: 'said Kevin Kennedy Regional Humanitarian Coordinator for the Syria Crisis' is Kevin
#: Kennedy, was 'Regional Humanitarian Coordinator', the name's three last words).
#: 11: of identical copies of a text, an article that reuses it (or another copy) has its edge from the copies it can
#: have taken it from: a copy dated after another copy paired with it has no edge to it (up to 40 articles every pair is
#: aligned: a rewrite had one from each outlet that ran the text), and one crediting two copies' outlets ("told wire07",
#: "according to wire12") has its edge from the earlier of them, not from each (``provenance._credited_copies``).
#: 12: a byline's credit names its outlet as an attribution does ("according to AFP"): a header's agency and day ("...
#: Monitor AFP Monday 2 Feb 2015"), the agency after the day and the title opening the text ("Tuesday 4 Apr 2017 ...
#: Observatory Reuters A suspected ..."), a sign-off ("-AFP"); of FA-KES dev's 396 articles 52 have one no cue read
#: (49 of Ahram's, 3 of NNA's), none naming an outlet of an article it shares text with (its 34 edges unchanged).
#: Also of 12: the header's day without its weekday (SANA's "28 November 2016 SANA Seven ...", Manar's "03-08-2016 ...
#: in Aleppo SANA. At least ..."), the wires a text closes with (al-Arabiya's "(With AFP and Reuters) Last Update: ..."),
#: and of "(X)" only a dateline's or a sign-off's ("MOSCOW (Sputnik)", "SANAA, Dec 6 (Reuters) -"), not a photo's under
#: its caption ("... on September 10 2016. (AFP) Contrasting ..."): the dev rows' 13 "(AFP)"/"(AP)"/"(Reuters)", all
#: captions', are no longer read; 2 headers and 2 closings are. And of 12: a short name in capitals is matched in its
#: case, its cue's words in any ("According to SANA", Manar's "Source SANA", TRT's "Source AFP"), and "X news agency
#: reported" as "X reported" is ("SANA news agency reported", "the state-run Sana agency said"): 26 credits of the
#: dev rows and FNC-1 train bodies no cue read, all credits; on the 58 stories of FA-KES dev nothing changed.
PROVENANCE_VERSION = 12

#: bump when the rules a story's or thread's label is made by change what a stored one shows (how
#: ``features.label_terms`` writes a name or a word, or what ``stories.Cluster.label`` picks of
#: them): a run names again the stories and threads of a database an older version named, from
#: their members' texts, and redoes nothing else (nothing placed again: the memberships stay).
#: Kept for the whole database (``corpus_state``, ``LABELS_VERSION_KEY``; none: a database of an
#: earlier release, its labels of any rules), as one clustering names them all.
#: 1: a name keeps its particles ("de Mistura", "Jaish al-Islam", "Deir ez-Zor": d3fdbf0), and a
#: word is written in the case its sentences most write it ("al-Nusra", "Aleppo", was "al-nusra", "aleppo").
LABELS_VERSION = 1


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


# --- incremental bookkeeping ------------------------------------------------------------------


def steps_text(steps: Iterable[str]) -> str:
    """The ``analysis.steps`` value of a run of ``steps`` (sorted, comma-separated)."""
    return ",".join(sorted(set(steps)))


def _to_analyse(version: int, steps: Sequence[str]) -> tuple[str, tuple[Any, ...]]:
    """SQL condition (over ``articles a LEFT JOIN analysis an``) and its parameters: the article is
    new, changed since its analysis, analysed by an older version, or analysed without one of
    ``steps`` (``--no-claims`` then a plain run)."""
    missing = "".join(" OR instr(',' || an.steps || ',', ?) = 0" for _ in steps)
    cond = f"(an.article IS NULL OR an.content_hash != a.content_hash OR an.version < ?{missing})"
    return cond, (version, *(f",{s}," for s in steps))


def pending(
    conn: sqlite3.Connection, version: int = ANALYSIS_VERSION, steps: Sequence[str] = STEPS
) -> list[tuple[int, bool]]:
    """``(seq, was_analysed_before)`` of the articles a run of ``steps`` has to analyse (``_to_analyse``),
    in stream order. An article that lacks only its claims is not among them: the claims alone are
    extracted (``claims_behind``)."""
    cond, params = _to_analyse(version, [s for s in steps if s != "claims"])
    rows = conn.execute(
        "SELECT a.seq, an.article IS NOT NULL FROM articles a LEFT JOIN analysis an ON an.article = a.id "
        f"WHERE {cond} ORDER BY a.published_utc IS NULL, a.published_utc, a.id",
        params,
    )
    return [(int(r[0]), bool(r[1])) for r in rows]


def claims_behind(
    conn: sqlite3.Connection, steps: Sequence[str] = STEPS, claims_version: int = CLAIMS_VERSION
) -> list[int]:
    """``seq`` of the analysed articles whose claims older rules extracted, or that were analysed
    without claims (``--no-claims``), in stream order; not those a run of ``steps`` analyses anyway
    (``pending``), nor any when ``steps`` has no claims."""
    if "claims" not in steps:
        return []
    cond, params = _to_analyse(ANALYSIS_VERSION, [s for s in steps if s != "claims"])
    rows = conn.execute(
        "SELECT a.seq FROM articles a JOIN analysis an ON an.article = a.id "
        "WHERE (an.claims_version < ? OR instr(',' || an.steps || ',', ',claims,') = 0) "
        f"AND NOT {cond} ORDER BY a.published_utc IS NULL, a.published_utc, a.id",
        (claims_version, *params),
    )
    return [int(r[0]) for r in rows]


def mark_claims(conn: sqlite3.Connection, ids: Iterable[str], claims_version: int = CLAIMS_VERSION) -> None:
    """Record that ``ids`` have claims, those of ``claims_version``'s rules."""
    for i in ids:
        row = conn.execute("SELECT steps FROM analysis WHERE article=?", (i,)).fetchone()
        done = steps_text([*(row[0].split(",") if row and row[0] else []), "claims"])
        conn.execute("UPDATE analysis SET claims_version=?, steps=? WHERE article=?", (claims_version, done, i))


def stale(conn: sqlite3.Connection, ids: Sequence[str], version: int = ANALYSIS_VERSION) -> set[str]:
    """Those of ``ids`` whose text changed since their analysis, or that an older version analysed."""
    cond, params = _to_analyse(version, ())  # no step: only text and version count here
    return _analysed_where(conn, ids, cond, params)


def claims_current(conn: sqlite3.Connection, ids: Sequence[str], claims_version: int = CLAIMS_VERSION) -> set[str]:
    """Those of ``ids`` whose stored claims are of their current text, by this version's analysis
    and claims rules: an article analysed again only for a step it lacked (``--no-reuse``, then a
    plain ``analyze``) keeps them rather than paying for the parse again."""
    changed, changed_args = _to_analyse(ANALYSIS_VERSION, ())  # what ``stale`` calls changed
    cond = f"NOT {changed} AND an.claims_version >= ? AND instr(',' || an.steps || ',', ',claims,') > 0"
    return _analysed_where(conn, ids, cond, (*changed_args, claims_version))


def changed_since_analysis(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    """Those of ``ids`` analysed whose text has changed since (an ingest after the ``analyze``):
    their stored passages and claims hold offsets into the old text."""
    return _analysed_where(conn, ids, "an.content_hash != a.content_hash", ())


def _analysed_where(conn: sqlite3.Connection, ids: Sequence[str], cond: str, args: Sequence[Any]) -> set[str]:
    """Those of ``ids`` whose analysis row (``an``, joined to its article ``a``) meets ``cond``."""
    within, arg = in_list(ids)
    return {
        r[0]
        for r in conn.execute(
            f"SELECT a.id FROM articles a JOIN analysis an ON an.article = a.id WHERE a.id {within} AND {cond}",
            (arg, *args),
        )
    }


def mark_analysed(
    conn: sqlite3.Connection,
    rows: Iterable[tuple[str, str]],
    steps: Sequence[str] = STEPS,
    version: int = ANALYSIS_VERSION,
    claims_version: int = CLAIMS_VERSION,
    placed: Mapping[str, str] | None = None,
    outlets: Mapping[str, str | None] | None = None,
) -> None:
    """Record ``(article, content_hash)`` as analysed at ``version`` by ``steps`` (claims, if among
    them, by the rules of ``claims_version``), with the ``store.sqlite.placement_hash`` of each that
    ``placed`` gives (``placement_changed``) and the outlet each was analysed under (``outlet_moved``):
    the one ``outlets`` gives (the one read with the text analysed), else the one stored now
    (``load-results``, which stores the articles it marks in the same transaction)."""
    now, done, placed, outlets = _now(), steps_text(steps), placed or {}, outlets or {}
    conn.executemany(
        "INSERT INTO analysis (article, content_hash, version, analysed_at, steps, claims_version, placement_hash, outlet) "
        "VALUES (?,?,?,?,?,?,?,COALESCE(?, (SELECT COALESCE(outlet, '') FROM articles WHERE id=?))) "
        "ON CONFLICT(article) DO UPDATE SET content_hash=excluded.content_hash, "
        "version=excluded.version, analysed_at=excluded.analysed_at, clustered=1, steps=excluded.steps, "
        "claims_version=excluded.claims_version, placement_hash=excluded.placement_hash, outlet=excluded.outlet",
        [(a, h, version, now, done, claims_version, placed.get(a), (outlets[a] or "") if a in outlets else None, a)
         for a, h in rows],
    )


def outlet_moved(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    """Those of ``ids`` changed since their analysis whose outlet changed otherwise than as a rename
    of all the analysed articles of their outlet, or is not known (``analysis.outlet``, migration 12).

    Placing an article reads its outlet in one feature alone, whether two reports share an outlet
    (``similarity.outlet_other_province``): an outlet whose placed articles all go by one other
    name now, that no other placed article went by ("manar", then "almanar.com.lb" for its 67
    articles of FA-KES dev; a page's site name "RT International", then its host "rt.com"),
    shares with the same articles as before, and every story is where a fresh placement would put
    it. Some of its articles renamed, or to a name other articles had, and they share with other
    articles than they did when they were placed: where they are may not be where a fresh
    placement would put them. No outlet (``''``) shares with none: an article given one is a
    rename where no other placed article goes by it."""
    within, arg = in_list(sorted(ids))
    rows = conn.execute(
        "SELECT an.article, an.outlet, COALESCE(a.outlet, '') FROM analysis an JOIN articles a ON a.id = an.article "
        f"WHERE a.id {within} AND an.content_hash != a.content_hash AND an.outlet IS NOT COALESCE(a.outlet, '')",
        (arg,),
    ).fetchall()
    by_was: dict[str | None, list[tuple[str, str]]] = {}
    for art, was, now in rows:
        by_was.setdefault(was, []).append((art, now))
    out: set[str] = set()
    for was, moves in by_was.items():
        names = {now for _, now in moves}
        if was is None or len(names) != 1 or not _renamed(conn, was, names.pop()):
            out.update(art for art, _ in moves)
    return out


def outlet_changed(conn: sqlite3.Connection, outlets: Mapping[str, str | None]) -> set[str]:
    """Those of ``outlets`` (article -> its outlet now) analysed under another outlet, or under one
    not known (``analysis.outlet`` NULL)."""
    within, arg = in_list(sorted(outlets))
    return {
        r[0]
        for r in conn.execute(f"SELECT article, outlet FROM analysis WHERE article {within}", (arg,))
        if r[1] is None or r[1] != (outlets[r[0]] or "")
    }


def _renamed(conn: sqlite3.Connection, was: str, now: str) -> bool:
    """Whether the analysed articles that went by ``was`` all go by ``now``, which no other
    analysed article went by (``outlet_moved``)."""
    placed = "FROM articles a JOIN analysis an ON an.article = a.id WHERE a.outlet = ?"  # a name: ``articles_outlet``
    if was and conn.execute(f"SELECT 1 {placed} LIMIT 1", (was,)).fetchone():
        return False  # some of them still go by it
    if not now:
        return True  # no outlet: shares with none
    if not was:  # one article given an outlet: another analysed article by it would share with it
        return int(conn.execute(f"SELECT COUNT(*) {placed}", (now,)).fetchone()[0]) == 1
    return conn.execute(f"SELECT 1 {placed} AND an.outlet IS NOT ? LIMIT 1", (now, was)).fetchone() is None


def placement_changed(conn: sqlite3.Connection, placed: Mapping[str, str], version: int = ANALYSIS_VERSION) -> set[str]:
    """Those of ``placed`` (article -> its ``store.sqlite.placement_hash`` now) whose story a fresh
    placement might change: analysed by an older version, or with what placing reads of them (text,
    title, publication) changed since, or not known to be the same (analysed before migration 11)."""
    within, arg = in_list(sorted(placed))
    return {
        r[0]
        for r in conn.execute(
            f"SELECT article, placement_hash, version FROM analysis WHERE article {within}", (arg,)
        )
        if r[2] < version or r[1] is None or r[1] != placed[r[0]]
    }


def unclustered(conn: sqlite3.Connection) -> list[int]:
    """``seq`` of analysed articles a rebuild of the stories has not placed yet, in stream order."""
    rows = conn.execute(
        "SELECT a.seq FROM articles a JOIN analysis an ON an.article = a.id WHERE an.clustered = 0 "
        "ORDER BY a.published_utc IS NULL, a.published_utc, a.id"
    )
    return [int(r[0]) for r in rows]


def mark_clustered(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    conn.executemany("UPDATE analysis SET clustered=1 WHERE article=?", [(i,) for i in ids])


def start_recluster(conn: sqlite3.Connection, state: dict[str, bytes | str]) -> None:
    """Forget every story, thread and provenance graph and the clustering state, and mark every
    analysed article as not placed; ``state`` is what the rebuild's ``corpus_state`` starts with
    (its models). Reuse pairs and claims stay: they do not depend on the stories."""
    for table in ("memberships", "provenance", "stories", "threads"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM corpus_state")
    for key, value in state.items():
        put_state(conn, key, value)
    conn.execute("UPDATE analysis SET clustered=0")


def clear_article_results(conn: sqlite3.Connection, ids: Sequence[str], keep_claims: Collection[str] = ()) -> None:
    """Forget per-article results of re-analysed articles (their story membership is kept, and
    the claims of ``keep_claims``, which ``claims_current`` found current)."""
    for i in ids:
        conn.execute("DELETE FROM reuse_keys WHERE article=?", (i,))
        conn.execute("DELETE FROM passages WHERE a=? OR b=?", (i, i))
        conn.execute("DELETE FROM reuse_pairs WHERE a=? OR b=?", (i, i))
        if i not in keep_claims:
            conn.execute("DELETE FROM quotes WHERE article=?", (i,))
            conn.execute("DELETE FROM quantities WHERE article=?", (i,))


def get_state(conn: sqlite3.Connection, key: str) -> bytes | None:
    row = conn.execute("SELECT value FROM corpus_state WHERE key=?", (key,)).fetchone()
    return None if row is None else bytes(row[0])


def put_state(conn: sqlite3.Connection, key: str, value: bytes | str) -> None:
    blob = value.encode() if isinstance(value, str) else value
    conn.execute(
        "INSERT INTO corpus_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
        (key, blob),
    )


#: ``corpus_state`` key naming the sentence-embedding model a database's stories were built with
#: (``analyze --semantic``); absent for default runs
SEMANTIC_KEY = "semantic"


#: ``corpus_state`` key holding ``params.fingerprint`` of the models the stories were built with
MODELS_KEY = "models"


#: keys of the Spark output's ``state`` table naming the steps its run took (``steps_text``) and
#: the version of its claims rules; ``load-results`` records them per article, not in ``corpus_state``
STEPS_KEY = "steps"
CLAIMS_VERSION_KEY = "claims_version"
#: and the version of its provenance rules, which ``load-results`` records per story
PROVENANCE_VERSION_KEY = "provenance_version"
#: ``corpus_state`` key of the version of the label rules that named the stories and threads
#: (``LABELS_VERSION``): written with the clustering state, and by a Spark run in its ``state`` table
LABELS_VERSION_KEY = "labels_version"


def labels_behind(conn: sqlite3.Connection, version: int = LABELS_VERSION) -> bool:
    """Whether older label rules than ``version``'s (``LABELS_VERSION``) named the stories of this
    database: it has stories, and records an older version, or none (an earlier release's)."""
    raw = get_state(conn, LABELS_VERSION_KEY)
    if raw is not None and int(raw.decode()) >= version:
        return False
    return conn.execute("SELECT 1 FROM stories LIMIT 1").fetchone() is not None


def mark_labels(conn: sqlite3.Connection, version: int = LABELS_VERSION) -> None:
    """Record that the rules of ``version`` named the stories and threads (and forget how far a
    run naming them again had gone: ``LABELS_DONE_KEY``)."""
    put_state(conn, LABELS_VERSION_KEY, str(version))
    conn.execute("DELETE FROM corpus_state WHERE key=?", (LABELS_DONE_KEY,))


#: ``corpus_state`` key of how far a run naming the labels again (``labels_behind``) has gone: the
#: last thread whose stories it named, in the order it takes them (``thread``, the stories without
#: one first), with the version it names them by; written with each committed batch, and gone once
#: they are all named (``mark_labels``), so that a killed run's next names only what is left
LABELS_DONE_KEY = "labels_done"


def labels_done(conn: sqlite3.Connection, version: int = LABELS_VERSION) -> tuple[bool, str | None]:
    """How far a run naming the labels again by ``version``'s rules went (``LABELS_DONE_KEY``):
    whether it named any thread's stories, and the last thread it named (``None``: those of no
    thread alone, which come first)."""
    raw = get_state(conn, LABELS_DONE_KEY)
    done = None if raw is None else json.loads(raw)
    if not isinstance(done, dict) or done.get("version") != version:
        return False, None
    return True, done.get("thread")


def mark_labels_done(conn: sqlite3.Connection, thread: str | None, version: int = LABELS_VERSION) -> None:
    """Record that the stories of ``thread`` and of every thread before it are named again by
    ``version``'s rules (``labels_done``)."""
    put_state(conn, LABELS_DONE_KEY, _json({"version": version, "thread": thread}))


def clustering_state(state: Mapping[str, bytes]) -> dict[str, bytes]:
    """A database's or a Spark run's clustering state (``corpus_state``) without the version of the
    label rules that named its clusters, nor how far naming them again went: what tells one
    analysis from another. A run of a version before ``LABELS_VERSION_KEY`` records none, and its
    results, loaded over this version's analysis of the same articles, were refused as another's."""
    return {k: v for k, v in state.items() if k not in (LABELS_VERSION_KEY, LABELS_DONE_KEY)}


def loaded_labels(conn: sqlite3.Connection, version: bytes | None) -> None:
    """Record the label rules that named the clusters of results just loaded, ``version`` (their
    ``LABELS_VERSION_KEY``; none: a run before it, of any rules), so that the next ``analyze``
    names them again where those are older (``labels_behind``, ``labels_hint``)."""
    conn.execute("DELETE FROM corpus_state WHERE key=?", (LABELS_DONE_KEY,))
    if version is None:
        conn.execute("DELETE FROM corpus_state WHERE key=?", (LABELS_VERSION_KEY,))
    else:
        put_state(conn, LABELS_VERSION_KEY, version)


def labels_hint(db: str) -> str:
    """What ``load-results`` says of results whose labels an older version's rules named
    (``labels_behind``; ``db``: the database as the command line names it)."""
    return (f"the results' stories and threads were named by an older version's label rules; "
            f"run 'newstrace analyze --db {db}' to name them again")


def labels_left(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """The live stories a run naming the labels again (``labels_behind``) has still to name, by
    thread (those of none first), after the threads a killed run named (``labels_done``)."""
    started, last = labels_done(conn)
    after = "" if not started else " AND thread IS NOT NULL" + ("" if last is None else " AND thread > ?")
    return conn.execute(f"SELECT * FROM stories WHERE merged_into IS NULL AND state IS NOT NULL{after} ORDER BY thread, id",
                        () if last is None else (last,)).fetchall()


def put_label(conn: sqlite3.Connection, c: Cluster, label: str) -> None:
    """Write the label of ``c`` and its state (its terms), nothing else of its row."""
    table = "stories" if c.level == "story" else "threads"
    conn.execute(f"UPDATE {table} SET label=?, state=? WHERE id=?", (label, c.to_state(), c.id))


def semantic_model(conn: sqlite3.Connection) -> str | None:
    """The embedding model the stories of this database were built with, ``None`` without one."""
    raw = get_state(conn, SEMANTIC_KEY)
    return None if raw is None else raw.decode()


def analysed_any(conn: sqlite3.Connection) -> bool:
    """Whether any article of this database was analysed already (stories may exist)."""
    return conn.execute("SELECT 1 FROM analysis LIMIT 1").fetchone() is not None


# --- reuse ------------------------------------------------------------------------------------


def key_partners(
    conn: sqlite3.Connection, article: str, keys: Sequence[str], max_df: int, min_keys: int = 1
) -> list[str]:
    """Articles already indexed that share ``min_keys`` keys with ``article``, then index its keys.

    A key already held by ``max_df`` articles is a stock phrase: it pairs nobody (the same rule the
    Spark engine applies by rank within each key group, so both engines pair the same articles).
    """
    shared: Counter[str] = Counter()
    # one statement per article, not per key: up to ``max_df`` holders of each key as a JSON array
    rows = conn.execute(
        "SELECT (SELECT json_group_array(article) FROM "
        "(SELECT article FROM reuse_keys WHERE key=j.value LIMIT ?)) FROM json_each(?) AS j",
        (max_df, json.dumps(list(keys))),
    )
    for (raw,) in rows:
        holders = json.loads(raw)
        if len(holders) < max_df:
            shared.update(set(holders) - {article})
    conn.executemany("INSERT OR IGNORE INTO reuse_keys (key, article) VALUES (?, ?)", [(k, article) for k in keys])
    return sorted(p for p, n in shared.items() if n >= min_keys)


def reuse_partners(
    conn: sqlite3.Connection,
    article: str,
    text: str | None,
    order: tuple[bool, str, str],
    keys: Sequence[str],
    max_df: int,
    min_keys: int = 1,
    batch: Collection[str] = (),
) -> list[str]:
    """The articles ``article`` (its text's hash ``text``, ``store.sqlite.text_hash``, and its place
    in the stream ``order``, ``model.stream_order_key``) is to be aligned with: the first copy of its
    text when that is earlier, else its ``key_partners``.

    A text's first copy alone holds its keys, so a key's holders are texts, not the outlets that ran
    one, and a later copy is paired with that copy only (``reuse.candidates.copies_of_one_text``
    says why; the Spark engine pairs the same). The first copy is the first in the stream of the
    text's articles holding keys (a database analysed before this rule gave every copy its keys).
    An article with no earlier copy holding keys holds them itself: one published before the
    copies analysed (an archive added later) is its text's first copy for the copies analysed after
    it, and is paired by its keys with the first copy analysed before (and the texts sharing them),
    whose copies keep their pairs with that one. When none of its copies holds keys (the first copy analysed again, which
    forgot its pairs), it is paired with those analysed that hold none, but for those of ``batch``
    (the run's batch), which are paired as their turn comes."""
    holders = []
    if keys and text is not None:
        holders = conn.execute(
            "SELECT a.id, a.published_utc FROM articles a WHERE a.text_hash=? AND a.id!=? "
            "AND EXISTS (SELECT 1 FROM reuse_keys k WHERE k.article=a.id) "
            "ORDER BY a.published_utc IS NULL, a.published_utc, a.id LIMIT 1",
            (text, article),
        ).fetchall()
        if holders and stream_order_key(holders[0][1], holders[0][0]) < order:
            return [str(holders[0][0])]
    partners = key_partners(conn, article, keys, max_df, min_keys)
    if keys and text is not None and not holders:
        copies = conn.execute(
            "SELECT a.id FROM articles a JOIN analysis an ON an.article=a.id WHERE a.text_hash=? AND a.id!=? "
            "AND instr(',' || an.steps || ',', ',reuse,') > 0 "
            "AND NOT EXISTS (SELECT 1 FROM reuse_keys k WHERE k.article=a.id)",
            (text, article),
        )
        partners = sorted(set(partners) | {str(r[0]) for r in copies if r[0] not in batch})
    return partners


def put_pair(conn: sqlite3.Connection, pair: ArticlePair, chars: int = 0, quoted: int = 0, shorter: int = 0) -> None:
    """Store a reuse pair, its passages and its strength (``shorter``: the shorter text's
    characters, which a whole copy's ``chars`` nearly reach; ``stories.reuse_strength``)."""
    from newstrace.corpus.stories import reuse_strength

    conn.execute(
        "INSERT OR REPLACE INTO reuse_pairs (a, b, chars, quoted, strength) VALUES (?,?,?,?,?)",
        (pair.a, pair.b, chars, quoted, reuse_strength(quoted, chars, shorter)),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO passages (a, b, idx, a_start, a_end, b_start, b_end, kind, score, a_text, b_text, ops) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (pair.a, pair.b, i, s.a_start, s.a_end, s.b_start, s.b_end, s.kind, s.score, s.a_text, s.b_text, _json(s.ops))
            for i, s in enumerate(pair.shared)
        ],
    )


def pairs_among(conn: sqlite3.Connection, ids: Sequence[str]) -> list[ArticlePair]:
    """Stored reuse pairs with both articles in ``ids`` (a story's members)."""
    wanted = set(ids)
    by_pair: dict[tuple[str, str], list[SharedPassage]] = defaultdict(list)
    within, arg = in_list(sorted(wanted))
    for r in conn.execute(f"SELECT * FROM passages WHERE a {within} ORDER BY a, b, idx", (arg,)):
        if r["b"] in wanted:
            by_pair[(r["a"], r["b"])].append(_passage(r))
    return [ArticlePair(a, b, shared) for (a, b), shared in sorted(by_pair.items())]


#: a story whose members hold more stored reuse pairs than this gets no provenance graph, and
#: the run says so (``skipped_provenance``; ``story --json`` and the web app's story, ``provenance_skipped``).
#: Building it is linear in the pairs (and their passages' quotations), not in the members: a
#: wire story run by 2,000 outlets stores its n - 1 copy pairs
#: (``reuse.candidates.copies_of_one_text``). A cap of 200 members was set when n copies stored
#: n(n-1)/2 pairs; it left every story of 201 members or more without edges. This bound is about
#: the most pairs 200 members can make (19,900: some 7 CPU s on a text of 5,000 characters and 20
#: quotations), so no story that had edges loses them
PROVENANCE_MAX_PAIRS = 20_000


def skipped_provenance(story: str, pairs: int) -> str:
    """What a run says of a story it builds no provenance for (both engines, in these words)."""
    return f"story {story}: {_over_bound(pairs)['reason']}; it has no provenance edges"


def provenance_skipped(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Any] | None:
    """``{reason, pairs, max_pairs}`` of a story of the members ``ids`` that has no provenance edges
    for holding more stored reuse pairs than ``PROVENANCE_MAX_PAIRS``, else ``None``
    (``newstrace story --json``'s ``provenance_skipped``)."""
    n = count_pairs_among(conn, ids)
    return _over_bound(n) if n > PROVENANCE_MAX_PAIRS else None


def _over_bound(pairs: int) -> dict[str, Any]:
    reason = f"its articles hold {pairs:,} reuse pairs, more than the {PROVENANCE_MAX_PAIRS:,} provenance is built for"
    return {"reason": reason, "pairs": pairs, "max_pairs": PROVENANCE_MAX_PAIRS}


def stories_over_bound(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """``{story, reason, pairs, max_pairs}`` of the live stories with no provenance edges for
    holding more stored reuse pairs than ``PROVENANCE_MAX_PAIRS`` (``newstrace outlets --json``'s
    ``provenance_skipped``: the network counts their pairs, none directed by an edge), by id."""
    rows = conn.execute(
        "SELECT ma.story, COUNT(*) FROM reuse_pairs p JOIN memberships ma ON ma.article=p.a "
        "JOIN memberships mb ON mb.article=p.b AND mb.story=ma.story GROUP BY ma.story HAVING COUNT(*) > ? ORDER BY ma.story",
        (PROVENANCE_MAX_PAIRS,),
    )
    return [{"story": r[0], **_over_bound(int(r[1]))} for r in rows]


def count_pairs_among(conn: sqlite3.Connection, ids: Sequence[str]) -> int:
    """How many stored reuse pairs have both articles in ``ids`` (``pairs_among``'s, uncounted
    passages and texts unread)."""
    within, arg = in_list(sorted(set(ids)))
    row = conn.execute(
        f"SELECT COUNT(*) FROM reuse_pairs WHERE a {within} AND b {within}", (arg, arg)
    ).fetchone()
    return int(row[0])


def partners_of(conn: sqlite3.Connection, article: str) -> dict[str, float]:
    """Articles sharing passages with ``article`` and the reuse strength of each pair."""
    rows = conn.execute(
        "SELECT b AS other, strength FROM reuse_pairs WHERE a=? UNION ALL "
        "SELECT a AS other, strength FROM reuse_pairs WHERE b=?",
        (article, article),
    )
    return {r[0]: float(r[1]) for r in rows}


def _passage(r: sqlite3.Row) -> SharedPassage:
    return SharedPassage(
        r["a_start"], r["a_end"], r["b_start"], r["b_end"], r["kind"], r["score"], r["a_text"], r["b_text"], json.loads(r["ops"])
    )


def all_pairs(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """``(a, b, passages)`` of every stored reuse pair, sorted (what the parity test compares)."""
    return [(r[0], r[1], int(r[2])) for r in conn.execute("SELECT a, b, COUNT(*) FROM passages GROUP BY a, b ORDER BY a, b")]


def put_provenance(
    conn: sqlite3.Connection, story: str, edges: Sequence[ProvenanceEdge], version: int = PROVENANCE_VERSION
) -> None:
    """Replace the edges of ``story`` by ``edges``, which the rules of ``version`` built."""
    conn.execute("DELETE FROM provenance WHERE story=?", (story,))
    conn.executemany(
        "INSERT OR REPLACE INTO provenance (story, source, derived, confidence, evidence) VALUES (?,?,?,?,?)",
        [(story, e.source, e.derived, e.confidence, _json(e.evidence)) for e in edges],
    )
    mark_provenance(conn, [story], version)


def mark_provenance(conn: sqlite3.Connection, stories: Iterable[str], version: int = PROVENANCE_VERSION) -> None:
    """Record that the edges of ``stories`` are those the rules of ``version`` build."""
    conn.executemany("UPDATE stories SET provenance_version=? WHERE id=?", [(version, s) for s in stories])


def provenance_behind(conn: sqlite3.Connection, version: int = PROVENANCE_VERSION) -> list[tuple[str, int]]:
    """``(story, size)`` of the live stories whose edges older provenance rules built, or none
    built yet (``PROVENANCE_VERSION``), by id."""
    rows = conn.execute(
        "SELECT id, size FROM stories WHERE merged_into IS NULL AND provenance_version < ? ORDER BY id", (version,)
    )
    return [(str(r[0]), int(r[1])) for r in rows]


def provenance_of(conn: sqlite3.Connection, story: str) -> list[ProvenanceEdge]:
    return [
        ProvenanceEdge(r["source"], r["derived"], r["confidence"], json.loads(r["evidence"]))
        for r in conn.execute("SELECT * FROM provenance WHERE story=? ORDER BY source, derived", (story,))
    ]


# --- claims -----------------------------------------------------------------------------------


def put_claims(conn: sqlite3.Connection, claims: ArticleClaims) -> None:
    conn.execute("DELETE FROM quotes WHERE article=?", (claims.article,))
    conn.execute("DELETE FROM quantities WHERE article=?", (claims.article,))
    conn.executemany(
        "INSERT INTO quotes (article, idx, start, end, text, speaker, speaker_start, speaker_end, cue, direct) "
        "VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (claims.article, i, q.start, q.end, q.text, q.speaker, q.speaker_start, q.speaker_end, q.cue, int(q.direct))
            for i, q in enumerate(claims.quotes)
        ],
    )
    conn.executemany(
        "INSERT INTO quantities (article, idx, start, end, text, low, high, subject, event, window, window_hours, "
        "place, source, window_start, window_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                claims.article, i, q.start, q.end, q.text, q.low, q.high, q.subject, q.event, q.window,
                None if q.window_hours is None else _json(q.window_hours), q.place, q.source,
                q.window_start, q.window_end,
            )
            for i, q in enumerate(claims.quantities)
        ],
    )


def claims_of(conn: sqlite3.Connection, article: str) -> ArticleClaims | None:
    """Stored claims of one article, or ``None`` when it has not been analysed."""
    if conn.execute("SELECT 1 FROM analysis WHERE article=?", (article,)).fetchone() is None:
        return None
    quotes = [
        Quote(r["start"], r["end"], r["text"], r["speaker"], r["speaker_start"], r["speaker_end"], r["cue"], bool(r["direct"]))
        for r in conn.execute("SELECT * FROM quotes WHERE article=? ORDER BY idx", (article,))
    ]
    quantities = [
        Quantity(
            r["start"], r["end"], r["text"], r["low"], r["high"], r["subject"], r["event"], r["window"],
            None if r["window_hours"] is None else json.loads(r["window_hours"]), r["place"], r["source"],
            r["window_start"], r["window_end"],
        )
        for r in conn.execute("SELECT * FROM quantities WHERE article=? ORDER BY idx", (article,))
    ]
    return ArticleClaims(article, quotes, quantities)


# --- stories and threads ----------------------------------------------------------------------


#: a story row's columns (a thread row has no ``thread``); ``id`` first, the rest updated on conflict
CLUSTER_COLUMNS = (
    "id", "thread", "label", "first_article", "first_outlet", "start", "end", "size", "outlets", "state", "merged_into"
)


def cluster_row(c: Cluster, label: str) -> dict[str, Any]:
    """A story or thread as its table row, the one shape both engines write.

    A merged cluster keeps no size and no state: its members and centroid live on in the cluster
    it was merged into, and a resumed run must not reopen it.
    """
    merged = bool(c.merged_into)
    return {
        "level": c.level,
        "id": c.id,
        "thread": c.thread,
        "label": label,
        "first_article": c.first_article,
        "first_outlet": c.first_outlet,
        "start": c.first_published,
        "end": c.last_published,
        "size": 0 if merged else c.size,
        "outlets": _json(dict(sorted(c.outlets.items()))),
        "state": None if merged else c.to_state(),
        "merged_into": c.merged_into,
    }


def put_cluster_row(conn: sqlite3.Connection, row: dict[str, Any]) -> None:
    """Insert or update a ``cluster_row`` (from this run, or from a Spark run's ``stories`` table)."""
    table = "stories" if row["level"] == "story" else "threads"
    cols = [c for c in CLUSTER_COLUMNS if table == "stories" or c != "thread"]
    updates = ", ".join(f"{c}=excluded.{c}" for c in cols if c not in ("id", "first_article", "first_outlet"))
    conn.execute(
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
        f"ON CONFLICT(id) DO UPDATE SET {updates}",
        [row[c] for c in cols],
    )


def put_cluster(conn: sqlite3.Connection, c: Cluster, label: str) -> None:
    """Insert or update a story or thread row with its resumable state."""
    put_cluster_row(conn, cluster_row(c, label))


def put_states(conn: sqlite3.Connection, clusters: list[Cluster]) -> None:
    """Write the state of clusters whose rows are otherwise unchanged (a state layout upgrade)."""
    for level, table in (("story", "stories"), ("thread", "threads")):
        conn.executemany(
            f"UPDATE {table} SET state=? WHERE id=?", [(c.to_state(), c.id) for c in clusters if c.level == level]
        )


def put_memberships(conn: sqlite3.Connection, memberships: dict[str, tuple[str, float]]) -> None:
    conn.executemany(
        "INSERT INTO memberships (article, story, score) VALUES (?,?,?) "
        "ON CONFLICT(article) DO UPDATE SET story=excluded.story, score=excluded.score",
        [(a, s, sc) for a, (s, sc) in sorted(memberships.items())],
    )


def open_clusters(conn: sqlite3.Connection, table: str, since: str | None) -> list[sqlite3.Row]:
    """Rows (with state) of live stories or threads whose newest article is at or after ``since``."""
    assert table in ("stories", "threads")
    if since is None:
        return list(conn.execute(f"SELECT * FROM {table} WHERE merged_into IS NULL AND state IS NOT NULL ORDER BY id"))
    return list(
        conn.execute(
            f"SELECT * FROM {table} WHERE merged_into IS NULL AND state IS NOT NULL AND (end IS NULL OR end >= ?) "
            "ORDER BY id",
            (since,),
        )
    )


def stories_with(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    """The stories articles ``ids`` are members of."""
    within, arg = in_list(ids)
    return {r[0] for r in conn.execute(f"SELECT DISTINCT story FROM memberships WHERE article {within}", (arg,))}


def members(conn: sqlite3.Connection, story: str) -> list[str]:
    """Article ids of a story in stream order."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT a.id FROM memberships m JOIN articles a ON a.id = m.article WHERE m.story=? "
            "ORDER BY a.published_utc IS NULL, a.published_utc, a.id",
            (story,),
        )
    ]


def undated(conn: sqlite3.Connection, story: str) -> int:
    """How many of a story's articles give no date (none that reads as one): its span, ``start``
    to ``end``, is the other articles'."""
    return undated_of(conn, [story]).get(story, 0)


def undated_of(conn: sqlite3.Connection, stories: Sequence[str]) -> dict[str, int]:
    """``undated`` of each of ``stories`` that has any such article, in one query: the listings
    (``stories``, ``threads``) showed the span of the dated articles as the whole story's."""
    within, arg = in_list(stories)
    return {r[0]: int(r[1]) for r in conn.execute(
        f"SELECT m.story, COUNT(*) FROM memberships m JOIN articles a ON a.id = m.article WHERE m.story {within} "
        "AND a.published_utc IS NULL GROUP BY m.story",
        (arg,),
    )}


#: how the tables of the CLI and the web pages name the articles that name no outlet (the CLI's
#: tables said "?", as they named an outlet literally named "?": the two read as one)
NO_OUTLET_NAME = "(no outlet)"
#: the outlet filter's value (``stories --outlet``, the web's ``?outlet=``) for the articles that
#: name no outlet (``outlet_filter``)
NO_OUTLET_FILTER = "?"
#: what an outlet filter value starts with when it names an outlet that would read otherwise:
#: ``\?`` is the outlet named "?", ``\\x`` the outlet named "\x"
OUTLET_ESCAPE = "\\"


def outlet_name(outlet: str | None) -> str:
    """An outlet as the tables and pages name it: ``NO_OUTLET_NAME`` for none (``None``, or an
    empty name); an outlet named "?" is "?"."""
    return outlet or NO_OUTLET_NAME


def outlet_filter(outlet: str | None) -> str:
    r"""The outlet filter's value (``stories --outlet``, ``/stories?outlet=``) for an outlet,
    ``None`` being the articles that name none: ``?``. An outlet literally named ``?`` (a CSV may
    say so) was the same value, and its articles were listed with those naming none under one
    "?": its value is ``\?``; a name that begins with ``\`` is escaped as well, so no name is read
    as another (``filtered_outlet`` reads them back)."""
    if not outlet:
        return NO_OUTLET_FILTER
    return OUTLET_ESCAPE + outlet if outlet == NO_OUTLET_FILTER or outlet.startswith(OUTLET_ESCAPE) else outlet


def filtered_outlet(value: str) -> str | None:
    """The outlet an outlet filter value names (``outlet_filter``'s inverse): ``None`` for the
    articles that name none."""
    if value == NO_OUTLET_FILTER:
        return None
    return value[len(OUTLET_ESCAPE):] if value.startswith(OUTLET_ESCAPE) else value


def outlets_adding_up(outlets: Sequence[Mapping[str, Any]], size: int) -> list[dict[str, Any]]:
    """A story's or a thread's ``outlets`` as the ``--json`` listings give them: the stored ones and,
    when some of its ``size`` articles name no outlet, ``{"outlet": null, "articles": k}`` last, so
    the counts add up to ``size``, as the tables' ``(no outlet) (k)`` does and as ``outlets --json``
    names them. An outlet literally named ``?`` is its own entry."""
    out = [dict(o) for o in outlets]
    rest = size - sum(int(o["articles"]) for o in outlets)
    return [*out, {"outlet": None, "articles": rest}] if rest > 0 else out


def outlet_is(outlet: str | None, column: str = "outlet") -> tuple[str, tuple[str, ...]]:
    """SQL condition (and its argument) for the articles of ``outlet``, ``None`` being those that
    name none (an empty name is none), as ``filtered_outlet`` reads a filter's ``?``; an outlet
    named ``?`` is that outlet alone (the CLI's filter ``?`` listed both)."""
    if outlet is None:
        return f"({column} IS NULL OR {column} = '')", ()
    return f"{column} = ?", (outlet,)


def _outlets(raw: str) -> list[dict[str, Any]]:
    counts: dict[str, int] = json.loads(raw or "{}")
    return [{"outlet": o, "articles": n} for o, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _reach(r: sqlite3.Row) -> dict[str, Any]:
    """What a story's or a thread's row says of its reach: its articles by outlet, the first one
    and its outlet, its first and last day (the keys of both listings' JSON, in their order)."""
    return {
        "outlets": _outlets(r["outlets"]),
        "first_seen_article": r["first_article"],
        "first_seen_outlet": r["first_outlet"],
        "start": r["start"],
        "end": r["end"],
    }


def story_summary(r: sqlite3.Row) -> dict[str, Any]:
    return {"id": r["id"], "thread": r["thread"], "label": r["label"], "size": r["size"], **_reach(r)}


#: the provenance edge between a reuse pair's two articles, either way round (the first of its
#: stories: one pair can be an edge of two stories, which give it the same direction)
_EDGE_OF_PAIR = (
    "FROM provenance pr WHERE (pr.source=p.a AND pr.derived=p.b) OR (pr.source=p.b AND pr.derived=p.a) "
    "ORDER BY pr.story LIMIT 1"
)

_STORY_ORDER = {
    "size": "size DESC, start IS NULL, published_order(start), id",
    "newest": "end IS NULL, published_order(end) DESC, size DESC, id",
}


def not_analysed_hint(db: str, has_articles: bool) -> str:
    """What to run before there are stories: ``analyze``, or ``ingest`` first when the database
    holds no article (``db``: the database as the command line names it)."""
    if not has_articles:
        return f"no articles yet; run 'newstrace ingest INPUT... --db {db}', then 'newstrace analyze --db {db}'"
    return f"no article analysed yet; run 'newstrace analyze --db {db}'"


def behind_hint(n: int, changed: int, db: str) -> str:
    """What ``stories``, ``threads``, ``outlets`` and the web's lists say about the ``n`` articles
    :meth:`CorpusResults.behind` counts, ``changed`` of them changed since they were analysed
    (``db``: the database as the command line names it).

    Those ingested since are in no story; a changed one stays in the story its earlier text was
    placed in (where ``analyze`` keeps it), and its story's report leaves out its reuse, which
    points into that text, until ``analyze`` aligns it again. "Are in no story yet", said of
    both, was untrue of the changed ones."""
    new = n - changed
    said = []
    if new:
        said.append(f"{counted(new, 'article')} ingested since the last analyze {agreeing(new, 'is', 'are')} in no story yet")
    if changed:
        said.append(f"{counted(changed, 'article')} changed since the last analyze "
                    + agreeing(changed, "stays in the story its earlier text was placed in, without its reuse",
                               "stay in the stories their earlier text was placed in, without their reuse"))
    return f"{'; '.join(said)}; run 'newstrace analyze --db {db}'"


class CorpusResults:
    """Read API over one database's stories, threads and outlet network (CLI and web app).

    ``conn`` (``Store.conn``) reads its rows as ``sqlite3.Row`` from then on: a ``Store``'s
    connection does already (its methods read rows by column name), so what they return is as it
    was (``tests/test_library.py``); another connection's rows become ``sqlite3.Row``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.conn.row_factory = sqlite3.Row

    @property
    def available(self) -> bool:
        return self.conn.execute("SELECT 1 FROM stories LIMIT 1").fetchone() is not None

    def behind(self) -> int:
        """Articles ingested, or changed, since the last ``analyze`` (``behind_counts``'s sum)."""
        return sum(self.behind_counts())

    def behind_counts(self) -> tuple[int, int]:
        """``(ingested, changed)`` since the last ``analyze``: articles never analysed, in no story,
        and articles whose text changed after it was analysed, in the story their earlier text was
        placed in (``behind_hint``)."""
        new, changed = self.conn.execute(
            "SELECT COALESCE(SUM(an.article IS NULL), 0), COALESCE(SUM(an.content_hash != a.content_hash), 0) "
            "FROM articles a LEFT JOIN analysis an ON an.article = a.id "
            "WHERE an.article IS NULL OR an.content_hash != a.content_hash"
        ).fetchone()
        return int(new), int(changed)

    def stories(
        self,
        *,
        q: str | None = None,
        outlet: str | Sequence[str | None] | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        thread: str | None = None,
        limit: int = 0,
        offset: int = 0,
        order: Literal["size", "newest"] = "size",
    ) -> tuple[int, list[dict[str, Any]]]:
        """``(total, page)`` of live stories, optionally filtered.

        ``outlet``: one outlet, or several that must each have an article in the story (the
        outlet network's link from one outlet to another lists the stories of both), each as
        ``outlet_is`` takes it: ``None`` (in a list) the articles naming none.

        ``order="size"`` lists the biggest first (what a corpus overview wants), ``"newest"`` the
        most recently active first (what a reader browsing the news wants). Every word of ``q``
        must appear, in any order, each in the story label or a member article's title, in any case and
        with or without accents (``word_in``).
        """
        where = ["merged_into IS NULL"]
        args: list[Any] = []
        for word in search_words(q, self.conn):
            (in_label, label_args), (in_title, title_args) = word_in("label", word), word_in("f.title", word)
            where.append(
                f"(id IN (SELECT id FROM stories_folded WHERE {in_label}) OR id IN (SELECT m.story FROM memberships m "
                f"JOIN articles a ON a.id=m.article JOIN articles_folded f ON f.seq=a.seq WHERE {in_title}))"
            )
            args.extend(label_args + title_args)
        for one in [o for o in ([outlet] if isinstance(outlet, str) else outlet or []) if o != ""]:
            # None too: the network's links to articles without one lead here
            cond, cond_args = outlet_is(one, "a.outlet")
            where.append(f"id IN (SELECT m.story FROM memberships m JOIN articles a ON a.id=m.article WHERE {cond})")
            args.extend(cond_args)
        if date_from:
            where.append("end >= ?")
            args.append(date_from)
        if date_to:
            where.append("start <= ?")
            args.append(date_to + "~")
        if thread:
            where.append("thread = ?")
            args.append(thread)
        sql_where = " AND ".join(where)
        total = int(self.conn.execute(f"SELECT COUNT(*) FROM stories WHERE {sql_where}", args).fetchone()[0])
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit else ""
        listed = [story_summary(r) for r in self.conn.execute(
            f"SELECT * FROM stories WHERE {sql_where} ORDER BY {_STORY_ORDER[order]}{page}", args
        )]
        # ``undated``: its articles that give no date, which its span leaves out (``story --json``'s)
        counts = undated_of(self.conn, [s["id"] for s in listed])
        return total, [{**s, "undated": counts.get(s["id"], 0)} for s in listed]

    def threads(self) -> list[dict[str, Any]]:
        stories_by_thread: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for r in self.conn.execute("SELECT id, thread, size FROM stories WHERE merged_into IS NULL"):
            stories_by_thread[r["thread"]].append((-int(r["size"]), r["id"]))
        out = []
        counts = undated_of(self.conn, [sid for sts in stories_by_thread.values() for _, sid in sts])
        for r in self.conn.execute("SELECT * FROM threads WHERE merged_into IS NULL"):
            sts = [sid for _, sid in sorted(stories_by_thread.get(r["id"], []))]
            if not sts:
                continue
            # ``undated``: its stories' articles that give no date, which its span leaves out
            out.append({"id": r["id"], "label": r["label"], "size": r["size"], "stories": sts, **_reach(r),
                        "undated": sum(counts.get(sid, 0) for sid in sts)})
        out.sort(key=lambda t: (-t["size"], *stream_order_key(published_order(parse_published(t["start"])), t["id"])))
        return out

    def story(self, story_id: str) -> tuple[dict[str, Any], list[str]] | None:
        """A story's summary and member ids; an id merged into another resolves to the survivor."""
        seen = set()
        row = self.conn.execute("SELECT * FROM stories WHERE id=?", (story_id,)).fetchone()
        while row is not None and row["merged_into"] and row["id"] not in seen:
            seen.add(row["id"])
            row = self.conn.execute("SELECT * FROM stories WHERE id=?", (row["merged_into"],)).fetchone()
        if row is None:
            return None
        return story_summary(row), members(self.conn, row["id"])

    def known(self, table: Literal["threads", "articles"], column: Literal["id", "outlet"], value: str | None) -> bool:
        """Whether any row of ``table`` has ``value`` in ``column`` (a filter's value exists; an
        outlet as ``outlet_is`` takes it)."""
        cond, args = outlet_is(value) if column == "outlet" else (f"{column} = ?", (value,))
        return self.conn.execute(f"SELECT 1 FROM {table} WHERE {cond} LIMIT 1", args).fetchone() is not None

    def find_story(self, id_or_prefix: str, db: str) -> str | None:
        """Exact story id, else a unique prefix of one; a prefix of several is an error naming them
        (``AmbiguousId``) and where to look (``see_hint`` on ``db``, as the caller names the database: the CLI's
        ``--db``, ``serve --db``; the CLI and the web app give the same words).
        The empty string is no prefix: it would name the only story of a one-story database."""
        return self._find("stories", id_or_prefix, db)

    def find_thread(self, id_or_prefix: str, db: str) -> str | None:
        """Exact thread id, else a unique prefix of a live one, as ``find_story`` does for stories."""
        return self._find("threads", id_or_prefix, db)

    def _find(self, table: Literal["stories", "threads"], id_or_prefix: str, db: str) -> str | None:
        if not id_or_prefix:
            return None
        if self.conn.execute(f"SELECT 1 FROM {table} WHERE id=?", (id_or_prefix,)).fetchone():
            return id_or_prefix
        live = f"FROM {table} WHERE id LIKE ? ESCAPE '\\' AND merged_into IS NULL"
        pattern = (like_escape(id_or_prefix) + "%",)
        rows = self.conn.execute(f"SELECT id, label {live} ORDER BY id LIMIT {SHOWN_MATCHES}", pattern).fetchall()
        if len(rows) > 1:
            total = self.conn.execute(f"SELECT COUNT(*) {live}", pattern).fetchone()[0]
            noun = table[:-3] + "y" if table == "stories" else table[:-1]
            raise ambiguous_id(f"{noun} id prefix", id_or_prefix, table, [(r[0], r[1]) for r in rows], total,
                               see_hint(table, db))
        return rows[0][0] if rows else None

    def stories_of(self, article_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT s.id, s.label, s.thread FROM memberships m JOIN stories s ON s.id=m.story WHERE m.article=?",
            (article_id,),
        )
        return [{"id": r["id"], "label": r["label"], "thread": r["thread"]} for r in rows]

    def _credited_copies(self) -> dict[tuple[str, str], tuple[str, str, str, str]]:
        """(the copy a pair aligned, the other article) -> (source, its outlet, evidence, that
        copy) of the edges given to another copy of its text, which the other article credits by
        name (``reuse.provenance._credited_copies``): their pair's edge. One pass over the edges,
        reading the evidence of those few only."""
        out: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        for r in self.conn.execute(
            "SELECT pr.source, pr.derived, pr.evidence, COALESCE(a.outlet, '') FROM provenance pr "
            "JOIN articles a ON a.id=pr.source WHERE instr(pr.evidence, '\"credited_copy\"') > 0 ORDER BY pr.story",
        ):
            for ev in json.loads(r[2]):
                if isinstance(ev, dict) and ev.get("type") == "credited_copy":
                    out.setdefault((str(ev["aligned_with"]), r[1]), (r[0], r[3], r[2], str(ev["aligned_with"])))
        return out

    def network(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Outlet statistics and directed reuse edges between outlets (``outlets`` command).

        Articles without an outlet are one entry whose ``outlet`` (or edge ``source`` /
        ``derived``) is None, as ``list`` and ``stories`` give it; tables name it ``NO_OUTLET_NAME``.
        An outlet literally named ``?`` is its own entry (the CLI counted it with them).

        An edge counts reuse pairs (``count``), those whose two articles are in one story
        (``in_story``), those whose direction rests on evidence (``directed``: a provenance edge
        that is not ``direction_unknown``; the others run from the earlier article to the later,
        which is a guess when the two are close in time), and the characters they share
        (``chars``, the shorter side of each passage).
        """
        none = ""  # the key of the articles without an outlet (an empty name is none)

        def named_apart(outlet: str) -> str | None:
            return None if outlet == none else outlet

        articles: Counter[str] = Counter()
        for r in self.conn.execute("SELECT outlet, COUNT(*) AS n FROM articles GROUP BY outlet"):
            articles[r["outlet"] or none] += int(r["n"])  # NULL and an empty name: one row
        # from the memberships, not the stories' outlet lists: those leave out articles without an
        # outlet, which then showed under "?" with their articles but none of their stories
        in_stories: Counter[str] = Counter()
        for r in self.conn.execute(
            "SELECT COALESCE(a.outlet, ?) AS o, COUNT(DISTINCT m.story) AS n "
            "FROM memberships m JOIN articles a ON a.id=m.article GROUP BY o",
            (none,),
        ):
            in_stories[r["o"]] = int(r["n"])
        first: Counter[str] = Counter()
        for r in self.conn.execute("SELECT first_outlet FROM stories WHERE merged_into IS NULL"):
            first[r["first_outlet"] or none] += 1
        # every reuse pair counts once, directed by its provenance edge when there is one and
        # otherwise from the earlier article (``a`` of a stored pair) to the later one. Pairs in
        # one story are counted apart: outlets that share stock phrases ("terrorist organizations
        # fired rocket shells") reuse each other's text months apart, which says little about who
        # copies whom as a story travels (al-Manar -> SANA: 75 pairs on FA-KES dev, none in a story)
        story_of = dict(self.conn.execute("SELECT article, story FROM memberships").fetchall())
        credited = self._credited_copies()
        edges: Counter[tuple[str, str]] = Counter()
        in_story: Counter[tuple[str, str]] = Counter()
        chars: Counter[tuple[str, str]] = Counter()
        directed: Counter[tuple[str, str]] = Counter()
        for r in self.conn.execute(
            "SELECT p.a, p.b, p.chars, COALESCE(sa.outlet, ?) AS oa, COALESCE(sb.outlet, ?) AS ob, "
            f"(SELECT pr.source {_EDGE_OF_PAIR}) AS src, (SELECT pr.evidence {_EDGE_OF_PAIR}) AS evidence "
            "FROM reuse_pairs p "
            "JOIN articles sa ON sa.id=p.a JOIN articles sb ON sb.id=p.b",
            (none, none),
        ):
            so, do = (r["ob"], r["oa"]) if r["src"] == r["b"] else (r["oa"], r["ob"])
            src, evidence = r["src"], r["evidence"]
            if src is None and (given := credited.get((r["a"], r["b"])) or credited.get((r["b"], r["a"]))):
                # its edge runs from a copy of one of the two, which the other credits by name
                src, so, evidence, aligned = given
                do = r["ob"] if aligned == r["a"] else r["oa"]
            if so != do:
                edges[(so, do)] += 1
                directed[(so, do)] += src is not None and has_direction(json.loads(evidence))
                in_story[(so, do)] += r["a"] in story_of and story_of[r["a"]] == story_of.get(r["b"])
                chars[(so, do)] += int(r["chars"])
        outlets: list[dict[str, Any]] = []
        for o in sorted(set(articles) | set(in_stories)):
            n = in_stories[o]
            outlets.append(
                {
                    "outlet": o,
                    "articles": articles[o],
                    "stories": n,
                    "first_seen": first[o],
                    "first_seen_share": round(first[o] / n, 4) if n else 0.0,
                }
            )
        outlets.sort(key=lambda d: (-int(d["stories"]), -int(d["articles"]), str(d["outlet"])))
        # strongest first: most pairs within one story, then most pairs
        edge_list = [
            {"source": named_apart(s), "derived": named_apart(d), "count": n, "in_story": in_story[(s, d)], "directed": directed[(s, d)],
             "chars": chars[(s, d)]}
            for (s, d), n in sorted(edges.items(), key=lambda kv: (-in_story[kv[0]], -kv[1], kv[0]))
        ]
        for stat in outlets:
            stat["outlet"] = named_apart(stat["outlet"])
        return outlets, edge_list
