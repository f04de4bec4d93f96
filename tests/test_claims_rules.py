"""Speaker, attribution and toll rules on real news text (PolNeAR train, FA-KES dev rows).

Each case is a kind of miss found on the tuning splits (never the held-out rows the benchmarks
report): inverted '“...,” says X', relative-pronoun speakers, attributions split off after the
quote, quoted phrases governed by a stance verb, stance adjectives in broad mode, and tolls whose
parts ("including three children", "were among 22 people killed") carry the event.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from conftest import fnc1_bodies, require_data, training_text
from newstrace.claims import extract_many
from newstrace.clean import clean_plain_text
from newstrace.evaluate.casualties_fakes import casualty_intervals, is_dev
from newstrace.evaluate.quotes_polnear import GoldAttribution, _Counts, read_ann
from newstrace.model import Article, ArticleClaims, Quote

POLNEAR = {
    "emanuel": "wash-post_2015-12-04_a-killing-and-video-test-emanuel",
    "bloomberg": "usa-today_2016-02-18_bleak-outlook-for-bloomberg-inde",
    "tweets": "west-journal_2016-03-10_bombshell-hillary-photo-from-dur",
    "brexit": "breitbart_2016-04-23_clinton-wades-in-urges-britain-t",
    "values": "usa-today_2016-01-15_republicans-pile-on-obama-clinto",
    "netanyahu": "nyt_2015-11-10_netanyahu-and-obama-a-tortured-r",
    "dnc": "huff-post_2015-12-20_why-the-democratic-party-s-move-",
    "curiel": "huff-post_2016-07-18_more-offensive-things-donald-tru",
    "asia": "huff-post_2016-06-04_u-s-flexes-muscles-as-asia-worri",
    "bolton": "breitbart_2016-05-05_bolton-and-gorka-slam-neocons-fo",
    "spree": "politico_2016-01-29_record-setting-spending-spree-re",
    "christie": "breitbart_2016-03-02_christie-s-shell-shocked-look-st",
    "exit_polls": "breitbart_2016-02-20_the-latest-hillary-clinton-tells",
    "obamacare": "huff-post_2015-12-08_the-biggest-blow-to-obamacare-ye",
    "twitter": "nyt_2016-02-08_twitter-takes-bigger-steps-to-th",
    "super_tuesday": "breitbart_2016-03-01_the-latest-sanders-wins-minnesot",
    "south": "breitbart_2016-03-15_the-latest-sanders-declares-revo",
    "unions": "wash-post_2016-03-30_as-clinton-sanders-answer-union-",
    "dallas": "usa-today_2016-07-18_convention-is-trump-s-chance-to-",
    "isil": "usa-today_2015-12-14_on-the-islamic-state-a-split-mos",
    "insiders": "politico_2016-02-04_insiders-trump-will-rebound-in-n",
    "khan": "nyt_2016-08-01_pressure-rises-on-trump-after-cr",
    "trump_university": "wash-post_2016-05-29_internal-trump-university-record",
    "sucker": "usa-today_2016-05-18_don-t-be-a-sucker-for-the-new-ol",
    "vermont": "wash-post_2016-01-28_senator-from-vermont-steps-off-c",
    "shows": "politico_2015-12-09_the-presidential-candidates-favo",
    "unity": "wash-post_2016-06-09_party-aims-to-heal-primary-wound",
    "firewall": "wash-post_2016-02-10_after-a-big-loss-clinton-looks-f",
    "latest_nyv": "breitbart_2016-04-14_the-latest-trump-delivers-defens",
}


@pytest.fixture(scope="module")
def polnear() -> dict[str, tuple[Article, ArticleClaims, ArticleClaims]]:
    folder = require_data("polnear", "train", "text")
    arts: list[Article] = []
    for key, name in POLNEAR.items():
        with open(folder / f"{name}.txt", encoding="utf-8", newline="") as fh:
            arts.append(Article(id=key, text=fh.read()))
    speech = list(extract_many(arts))
    broad = list(extract_many(arts, attributions="broad"))
    return {a.id: (a, s, b) for a, s, b in zip(arts, speech, broad, strict=True)}


def _find(claims: ArticleClaims, starts: str) -> Quote:
    hits = [q for q in claims.quotes if q.text.startswith(starts)]
    assert hits, f"no quote starting {starts!r}"
    return hits[0]


def _speaker_of(source: str, name: str, starts: str) -> str | None:
    """The speaker of the quotation starting ``starts`` in a training text (``training_text``'s ``source`` and
    ``name``); a source ending "-body" is read as `extract FILE.txt` reads it, its first line the title."""
    text = training_text(source.removesuffix("-body"), name)
    title = None
    if source.endswith("-body"):
        read = clean_plain_text(text)
        text, title = read.text, read.title
    (claims,) = extract_many([Article(id=name, text=text, title=title)])
    return _find(claims, starts).speaker


def _mention(article: Article, q: Quote) -> str:
    assert q.speaker_start is not None and q.speaker_end is not None
    return article.text[q.speaker_start:q.speaker_end]


def test_attribution_in_the_sentence_after_the_quote(polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]) -> None:
    # '"Hey, hey! Ho, ho! Rahm Emanuel's got to go!" some protesters chanted, three days after ...':
    # the parser ends the sentence at the closing mark; the long trailing sentence still speaks
    art, speech, _ = polnear["emanuel"]
    q = _find(speech, "Hey, hey!")
    assert _mention(art, q) == "some protesters" and q.cue == "chanted"


def test_inverted_cue_after_a_partial_quote(polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]) -> None:
    # 'Bloomberg's "looks like a vanity candidacy, ... without a cause," says Geoffrey Cowan': the
    # quotation parses as the subject and "a cause" stands before the cue; the speaker is after it
    art, speech, _ = polnear["bloomberg"]
    q = _find(speech, "looks like a vanity candidacy")
    assert q.speaker == "Geoffrey Cowan" and _mention(art, q) == "Geoffrey Cowan"


def test_relative_pronoun_speaker_resolves_to_its_antecedent(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]],
) -> None:
    # 'this tweet from Rikkie Wells who tweeted, “U see @edhenry ...”'
    art, speech, _ = polnear["tweets"]
    q = _find(speech, "U see @edhenry")
    assert _mention(art, q) == "who" and q.speaker == "Rikkie Wells"


def test_quoted_phrase_takes_the_subject_of_its_verb(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]],
) -> None:
    # 'Cruz, leading narrowly in Iowa polls ..., questioned Trump's "New York values"'
    art, speech, _ = polnear["values"]
    q = _find(speech, "New York values")
    assert _mention(art, q) == "Cruz" and q.cue == "questioned"


def test_broad_mode_reads_stance_adjectives(polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]) -> None:
    # 'Republican Presidential hopeful Sen. Ted Cruz was also critical of Obama’s stance' (his title dropped)
    _art, speech, broad = polnear["brexit"]
    hits = [q for q in broad.quotes if q.text == "Obama’s stance"]
    assert hits and hits[0].speaker == "Ted Cruz" and not hits[0].direct
    assert not [q for q in speech.quotes if q.text == "Obama’s stance"], "speech mode stays speech only"
    # verbs of doing are no attributions, even in broad mode
    assert not [q for q in broad.quotes if q.cue in ("won", "spent", "met", "became")]


def test_doubled_apostrophes_are_quote_marks(polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]) -> None:
    # the New York Times prints its quote marks as two apostrophes: "''He's got it, he can beat
    # Hillary,'' he told advisers afterward", "They ''actually had chemistry,''  said Benjamin J. Rhodes"
    art, speech, _ = polnear["netanyahu"]
    q = _find(speech, "He's got it, he can beat Hillary")
    assert q.direct and q.text == "He's got it, he can beat Hillary" and q.cue == "told"
    q = _find(speech, "actually had chemistry")
    assert q.direct and _mention(art, q) == "Benjamin J. Rhodes"
    # "I" inside the quotation is the speaker's, not the writer's
    assert not [q for q in speech.quotes if q.speaker == "I"]


def test_in_a_statement_the_subject_speaks(polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]) -> None:
    # 'In a statement early Saturday morning, the DNC said ...', 'In an interview with The Wall
    # Street Journal, Trump doubled down ...': the statement is where the subject spoke; a speech
    # verb reports its own clause, as PolNeAR marks it (source 'the DNC', cue 'said')
    art, speech, _ = polnear["dnc"]
    q = next(q for q in speech.quotes if q.text.startswith("the campaign staffers"))
    assert q.cue == "said" and _mention(art, q) == "DNC"
    assert not [q for q in speech.quotes if q.cue == "In" and q.text.startswith("the DNC said")]
    art, speech, _ = polnear["curiel"]
    q = next(q for q in speech.quotes if q.cue == "In" and q.text.startswith("Trump doubled down"))
    assert _mention(art, q) == "Trump"


def test_a_gerund_after_a_preposition_speaks_for_the_main_subject(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]],
) -> None:
    # 'A Chinese official responded by saying Japan should be careful “not to interfere ...”',
    # 'Bolton distanced himself from the NeverTrump movement by saying he would be willing ...'
    art, speech, _ = polnear["asia"]
    q = _find(speech, "Japan should be careful")
    assert _mention(art, q) == "A Chinese official"
    q = _find(speech, "not to interfere")
    assert q.direct and _mention(art, q) == "A Chinese official"
    art, speech, _ = polnear["bolton"]
    q = _find(speech, "he would be willing to bring his expertise")
    assert _mention(art, q) == "Bolton"


def test_broad_mode_reads_hedges_without_a_source(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]],
) -> None:
    # 'the pro-Clinton group is expected to report before the Sunday deadline that ...': one of
    # PolNeAR's attributions without a source
    _art, speech, broad = polnear["spree"]
    q = _find(broad, "the pro-Clinton group is expected to report")
    assert q.cue == "expected" and q.speaker is None and q.speaker_start is None
    assert not [q for q in speech.quotes if q.cue == "expected"], "speech mode stays speech only"
    # 'the special relationship between America and Britain appears to be alive and well' has no
    # source; a person who appears to do something is the source of it
    _art, _speech, broad = polnear["brexit"]
    q = _find(broad, "the special relationship between America and Britain appears")
    assert q.cue == "appears" and q.speaker is None
    art, _speech, broad = polnear["christie"]
    q = _find(broad, "Christie appears to be fully embracing")
    assert q.cue == "appears" and _mention(art, q) == "Christie"


def test_a_cue_whose_subject_the_parser_lost(polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]) -> None:
    # 'About 4 in 10 say they want ...' (no subject in the parse), 'multiple sources privy to
    # negotiations say it's ...' (the cue hung on "privy")
    art, speech, _ = polnear["exit_polls"]
    q = _find(speech, "they want the next president to have")
    assert _mention(art, q) == "About 4 in 10"
    art, speech, _ = polnear["obamacare"]
    q = _find(speech, "it’s the Democratic leaders")
    assert _mention(art, q) == "multiple sources"


def test_broad_mode_skips_struggles_and_home_states(polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]) -> None:
    # 'Sanders won his home state of Vermont', 'The Vermont senator has struggled to win the south':
    # a relation noun and a verb of effort state no stance
    _art, _speech, broad = polnear["super_tuesday"]
    assert not [q for q in broad.quotes if q.cue == "state"]
    _art, _speech, broad = polnear["south"]
    assert not [q for q in broad.quotes if q.cue == "struggled"]


def test_it_said_is_a_speaker(polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]) -> None:
    # 'It said it decided to intensify its push against extremist posts on its own' (Twitter): a
    # body speaking; the name stays unresolved rather than guessed
    art, speech, _ = polnear["twitter"]
    q = _find(speech, "it decided to intensify")
    assert q.cue == "said" and _mention(art, q) == "It"


def test_a_paragraph_s_subject_speaks_its_uncued_quotation(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]
) -> None:
    # 'Clinton touted her credentials as an original co-sponsor of the legislation. "We need to find ways
    # ..."' was Sanders's, who spoke paragraphs before; the paragraph opens with its speaker
    art, speech, _ = polnear["unions"]
    q = _find(speech, "We need to find ways to support workers")
    assert _mention(art, q) == "Clinton" and q.speaker == "Hillary Clinton"


def test_a_conjunct_with_its_own_pronoun_keeps_it(polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]) -> None:
    # 'Trump called the assault ... "an attack on our country," but he also noted the "senseless, tragic
    # deaths" of black men': the pronoun's clause is a statement of its own, as an adverbial or relative
    # clause's is; it took the name of the conjunct's head ('Trump'), which PolNeAR does not credit
    art, speech, _ = polnear["dallas"]
    q = _find(speech, "senseless, tragic deaths")
    assert _mention(art, q) == "he" and q.cue == "noted" and q.speaker == "Donald Trump"
    assert _mention(art, _find(speech, "an attack on our country")) == "Trump"


def test_a_conjunct_naming_its_own_subject_is_not_reported_by_its_head(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]
) -> None:
    # 'Cruz said he'd make sand "glow in the dark," for instance, and Trump vowed to "bomb the hell" out of
    # the Islamic State': the parse joins 'vowed' to 'said', and Trump's phrase went to Cruz
    art, speech, _ = polnear["isil"]
    q = _find(speech, "bomb the hell")
    assert _mention(art, q) == "Trump" and q.cue == "vowed"
    assert _mention(art, _find(speech, "glow in the dark")) == "Cruz"


def test_doubled_apostrophes_make_gold_quotes_direct() -> None:
    folder = require_data("polnear", "train")
    name = POLNEAR["netanyahu"]
    text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
    ann = sorted((folder / "attributions").glob(f"{name}_*.ann"))[0]
    golds = read_ann(ann, text)
    assert any(g.direct and "''" in text[g.content[0][0]:g.content[-1][1]] for g in golds)


def test_speaker_share_skips_gold_without_source() -> None:
    # PolNeAR's Attribution-no-source events have no Source span a speaker could overlap
    q = Quote(10, 30, "x" * 20, speaker="Clinton", speaker_start=0, speaker_end=7, direct=True)
    counts = _Counts()
    counts.add([q], [GoldAttribution(content=[(10, 30)], source=[], direct=True)])
    r = counts.result()
    assert r["precision"] == 1.0 and r["speaker_scored"] == 0 and r["speaker_any"] == 0.0
    counts.add([q], [GoldAttribution(content=[(10, 30)], source=[(0, 7)], direct=True)])
    r = counts.result()
    assert r["speaker_scored"] == 1 and r["speaker"] == 1.0 and r["speaker_any"] == 0.5


@pytest.fixture(scope="module")
def fakes_rows() -> dict[str, dict[str, str]]:
    path = require_data("fakes", "fakes_dev.csv")
    csv.field_size_limit(10_000_000)
    with open(Path(path), encoding="utf-8", errors="replace", newline="") as fh:
        return {r["unit_id"]: r for r in csv.DictReader(fh)}


def _fakes_row(fakes_rows: dict[str, dict[str, str]], unit_id: str) -> dict[str, str]:
    """FA-KES dev row ``unit_id``; the test is skipped where this copy of the data lacks it."""
    row = fakes_rows.get(unit_id)
    if row is None:
        pytest.skip(f"row {unit_id} not in this copy of FA-KES")
    return row


def _told(fakes_rows: dict[str, dict[str, str]], unit_id: str, cue: str, content: str, speaker: str) -> list[Quote]:
    """The reported quotes of FA-KES dev row ``unit_id`` that ``cue`` gives and whose content opens
    with ``content``: there is one at least, and each is told by a mention ending in ``speaker``."""
    row = _fakes_row(fakes_rows, unit_id)
    art = Article(id=unit_id, text=row["article_content"], title=row["article_title"])
    (claims,) = extract_many([art])
    found = [q for q in claims.quotes if q.cue == cue and q.text.startswith(content) and not q.direct]
    assert found, [(q.cue, q.text[:60], q.speaker) for q in claims.quotes]
    for q in found:
        assert q.speaker_start is not None and q.speaker_end is not None
        assert art.text[q.speaker_start:q.speaker_end].endswith(speaker)
    return found


@pytest.mark.parametrize(
    ("unit_id", "civilians", "children"),
    [
        # "Six civilians including a child were among at least 22 people killed" (title: "22 dead")
        ("1914947537", 6, 1),
        # "Three White Helmets workers and six children killed in Syria air"
        ("1923102973", 9, 6),
        # "... killing five women and a child" before "nearly 1200 Syrian civilians" last month
        ("1923102915", 6, 1),
        # "ISIL crucifies 9 men in Syrias Aleppo NGO ¶ ... executed and crucified nine men eight of them rebels":
        # the nine once took the body's 'executed' from the title running into it (test_men_crucified_are_killed)
        ("1923848291", 9, None),
    ],
)
def test_fakes_tolls(fakes_rows: dict[str, dict[str, str]], unit_id: str, civilians: int, children: int | None) -> None:
    row = _fakes_row(fakes_rows, unit_id)
    assert is_dev(unit_id), "tests use tuning rows only"
    art = Article(id=unit_id, text=f"{row['article_title'].strip()}\n{row['article_content']}")
    claims = next(extract_many([art]))
    est = casualty_intervals(claims.quantities, art.text)
    assert est["nb_civilians"].low <= civilians <= (est["nb_civilians"].high or civilians)
    assert est["nb_civilians"].point == civilians == int(row["nb_civilians"])
    if children is not None:
        assert est["nb_children"].point == children == int(row["nb_children"])


@pytest.mark.parametrize(
    ("body", "cue", "speaker", "content"),
    [
        # '... the Samsung Galaxy Note 4.' before it held a number, and only while the two were one sentence
        ("1519", "complained", "Customers", "that their new Android phones had a gap between the screen and the case"),
        ("63", "learned", "South Korean intelligence", "that a team of doctors from Europe recently went to North Korea"),
        ("1368", "cautioned", "Schreibersdorf", "that the policy will not fulfill its goal unless the NYPD relaxes"),
    ],
)
def test_every_speech_cue_gets_its_sentence_parsed(
    body: str, cue: str, speaker: str, content: str
) -> None:
    """A sentence is parsed for attributions only when it holds a cue worth parsing for (PARSE_CUES),
    a hand-kept list that fell behind the cues added since: 'complained', 'learned', 'cautioned' and
    60 more were cues in a sentence parsed for something else and nothing in one of their own. FNC-1
    train bodies."""
    text = fnc1_bodies()[body]
    (claims,) = extract_many([Article(id=body, text=text)])
    found = [q for q in claims.quotes if q.cue == cue]
    assert len(found) == 1, [(q.cue, q.text) for q in claims.quotes]
    (q,) = found
    assert q.text.startswith(content) and not q.direct
    assert q.speaker_start is not None and q.speaker_end is not None
    assert text[q.speaker_start:q.speaker_end].endswith(speaker)


@pytest.mark.parametrize(
    ("unit_id", "cue", "content", "speaker"),
    [
        # SANA (commas lost in FA-KES): "The death toll from the terrorist groups rocket attacks on Salah Eddin
        # neighborhood in Aleppo city rose to 8 civilians in addition to 12 injured a source at Aleppo Police
        # Command told SANA late on Tuesday"
        ("1926479136", "told", "The death toll from the terrorist groups rocket attacks", "a source"),
        # Sputnik: "Thursday attack on Aqareb es Safi village ... reached 51 people a source in Salamiyeh
        # National Hospital told Sputnik"
        ("1965495360", "told", "Thursday attack on Aqareb es Safi village", "a source"),
        # Reuters in Daily Sabah: "Air strikes killed 13 people ... civil defense official Ibrahim Abu al-Laith
        # told Reuters from Aleppo"
        ("1924058098", "told", "Air strikes killed 13 people", "Ibrahim Abu al-Laith"),
        # "Coalition war planes carried out 10 air strikes to try to repel the assault the Syrian Observatory
        # for Human Rights reported" (the page repeats its lead: twice)
        ("1926479296", "reported", "Coalition war planes carried out", "Syrian Observatory for Human Rights"),
        # the teller after the cue: "... near the town of Adra east of Damascus said the Syrian Observatory
        # for Human Rights a monitoring group opposed to ..."; what it says starts after the title the row runs
        # into it ('... east of Damascus Monitoring group Syrias state news agency did not give ...'), no longer
        # with the title, nor with the caption glued before the agency's header 'Reuters Wednesday 7 Aug 2013'
        # (``segment._HEADER``, session 46): it opens after the header
        ("1923848207", "said", "sixty-two rebel fighters were killed", "Syrian Observatory for Human Rights"),
    ],
)
def test_the_teller_closing_a_report_speaks_not_its_subject(
    fakes_rows: dict[str, dict[str, str]], unit_id: str, cue: str, content: str, speaker: str
) -> None:
    """A report closed by its teller, '[clause] a source at ... told SANA', was given to the clause's own
    subject ('rocket attacks', 'Air strikes', 'Coalition war planes'): the parser joined the cue to the
    clause's verb and hung the teller inside the clause, so the cue had no subject and took the one of
    the verb it was joined to. A reviewer found SANA's 'Terrorists fired rocket shells on ..., a source at
    ... told SANA' so given to 'Terrorists' and then read as a headline_unsupported finding. FA-KES dev
    rows (stories' hash)."""
    for q in _told(fakes_rows, unit_id, cue, content, speaker):
        assert speaker not in q.text  # the teller is not part of what it told


@pytest.mark.parametrize(
    ("unit_id", "cue", "content", "speaker", "not_content"),
    [
        # Reuters: "The government advance was backed by fighters from ... Hezbollah an ally of President Bashar
        # al-Assad sources close to the group told Reuters" (was "the group")
        ("1926479066", "told", "The government advance was backed", "sources", "close to the group"),
        # SANA: "... crimes against the citizens Mohammad Idelbi father of the family told SANA reporter" (was
        # "the family")
        ("1926479226", "told", "The situation in the eastern neighborhoods", "Mohammad Idelbi", "father of"),
        # "Charles Lister of the Brookings Doha Centre said Syrias rebels were facing ..." (was the Centre)
        ("1923848241", "said", "Syrias rebels were facing", "Charles Lister", "Brookings"),
    ],
)
def test_the_teller_is_the_head_of_its_phrase(
    fakes_rows: dict[str, dict[str, str]], unit_id: str, cue: str, content: str, speaker: str, not_content: str
) -> None:
    """The noun right before a cue that lost its subject is the teller only as the head of its phrase: the
    noun a preposition's object hangs on ('sources close to the group', 'Charles Lister of the Brookings
    Doha Centre') and the name a role set after it describes ('Mohammad Idelbi father of the family').
    FA-KES prints its texts without commas, so the parser hangs such tellers inside the reported clause.
    FA-KES dev rows (stories' hash)."""
    for q in _told(fakes_rows, unit_id, cue, content, speaker):
        assert not_content not in q.text  # the teller is not part of what it told


@pytest.mark.parametrize(
    ("unit_id", "cue", "content", "speaker"),
    [
        # AP: "Syrias state TV has raised the death toll from a car bombing in ... the countrys north saying 22
        # people died ..." (was "car bombing")
        ("1923848165", "saying", "22 people died", "Syrias state TV"),
        # "The monitoring group updated its earlier death toll of 15 for the strike on Urum al-Joz saying three
        # more people had died ..." (was "strike")
        ("1924058142", "saying", "three more people had died", "monitoring group"),
        # "Pope Francis in an Easter message also condemned the attack describing it as "ignoble" and asking
        # God to bring healing ..." (was "attack")
        ("1923848127", "asking", "to bring healing", "Francis"),
        # "Turkeys state-run news agency didnt say when the attack occurred and said at least two Syrian
        # opposition fighters were killed ..." (was "attack": 'said' parsed as joined to 'occurred')
        ("1924058064", "said", "at least two Syrian opposition fighters", "Turkeys state-run news agency"),
    ],
)
def test_an_event_is_no_speaker_of_a_participle_on_it_or_a_verb_joined_to_its_clause(
    fakes_rows: dict[str, dict[str, str]], unit_id: str, cue: str, content: str, speaker: str
) -> None:
    """The parser hangs a participle of saying after an object on that object ('condemned the attack
    describing it as ...'), and joins a verb of saying to the clause of an event before it ('didnt say when
    the attack occurred and said ...'); an event so read spoke (the 'attack', 'strike', 'car bombing' of
    FA-KES dev's compare findings). The subject of the verb whose object the event is, or on which its
    clause hangs, goes on speaking. FA-KES dev rows (stories' hash)."""
    _told(fakes_rows, unit_id, cue, content, speaker)


def test_an_indefinite_role_is_a_new_speaker(
    fakes_rows: dict[str, dict[str, str]], polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]
) -> None:
    """'an official', 'a Nevada Democrat', 'another supporter' introduce someone the text has not named:
    the resolver took them for the last named speaker with that role word ('Bebars Mishal an official with
    the white helmets' paragraphs before; 'an Iowa Democrat'). FA-KES dev row (stories' hash) and PolNeAR
    train."""
    row = fakes_rows.get("1926479371")
    if row is None:
        pytest.skip("row 1926479371 not in this copy of FA-KES")
    art = Article(id="1926479371", text=row["article_content"], title=row["article_title"])
    (claims,) = extract_many([art])
    # '... their intentions are no longer hidden an official from the Nour al-Din al-Zinki rebel group said'
    q = _find(claims, "The Russians are adopting a policy")
    assert _mention(art, q) == "an official" and q.speaker == "official"
    art, speech, _ = polnear["insiders"]
    q = _find(speech, "The gap [in New Hampshire] is too wide")
    assert _mention(art, q) == "a Nevada Democrat" and q.speaker == "Nevada Democrat"


def test_a_clause_in_an_apposition_does_not_describe_the_name(fakes_rows: dict[str, dict[str, str]]) -> None:
    """A name's apposition lends it its nouns as role words, which later nominal speakers resolve by:
    those of a clause inside it describe something else. Reuters in FA-KES: 'said the Observatory a
    Britain-based group which reports on Syria using a network of sources on the ground' made every later
    'sources' the Observatory, 'sources close to the group told Reuters' too. FA-KES dev row (stories'
    hash)."""
    row = fakes_rows.get("1926479066")
    if row is None:
        pytest.skip("row 1926479066 not in this copy of FA-KES")
    art = Article(id="1926479066", text=row["article_content"], title=row["article_title"])
    (claims,) = extract_many([art])
    q = _find(claims, "The government advance was backed")
    assert _mention(art, q).endswith("sources")
    assert q.speaker is not None and "Observatory" not in q.speaker
    # the apposition's own noun still is the name's: 'a Britain-based group which reports' is the Observatory
    (which,) = [q for q in claims.quotes if _mention(art, q) == "which"]
    assert which.speaker == "Observatory"


def test_a_man_and_a_woman_of_one_surname_stay_apart(polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]) -> None:
    # 'the parents, Khizr and Ghazala Khan' ... 'Mr. Khan ... said ... and he accused Mr. Trump of running a
    # campaign "of hatred, of derision, of dividing us."' ... 'Ms. Khan wrote': every 'Mr. Khan' and his 'he'
    # were 'Ghazala Khan', the one full name of the surname the text gives first (Khizr is never 'Khizr Khan'),
    # whose sex no list of first names tells
    art, speech, _ = polnear["khan"]
    q = _find(speech, "of hatred, of derision, of dividing us")
    assert _mention(art, q) == "he" and q.speaker == "Mr. Khan"
    q = _find(speech, "All the world, all America, felt my pain")
    assert _mention(art, q) == "Khan" and q.speaker == "Ms. Khan"
    q = _find(speech, "Donald Trump has children whom he loves")
    assert _mention(art, q) == "She" and q.speaker == "Ms. Khan"


def test_the_cheap_speaker_label_names_as_the_claims_stage_does(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]],
) -> None:
    # reuse's label without a parse (speakers.full_name) had its own reading of a name: 'Khan' was the one full
    # name of the surname, 'Ghazala Khan', in the text giving 'Mr. Khan' 14 times and 'Ms. Khan' 6, and 'Mr Farage
    # told BBC Radio' stayed 'Mr Farage'; the claims stage names both as its resolver does, which full_name now is
    from newstrace.claims.speakers import full_name
    from newstrace.reuse.text import quote_spans
    from newstrace.reuse.variants import speaker_near

    art, speech, _ = polnear["khan"]
    assert full_name(art.text, "Khan") == "Mr. Khan"  # his by the text's honorifics and pronouns
    khans = [q for q in speech.quotes if q.speaker_start is not None and _mention(art, q) == "Khan"]
    assert len(khans) >= 10
    for q in khans:
        honorific = art.text[:q.speaker_start].split()[-1]
        assert full_name(art.text, f"{honorific} Khan") == q.speaker
    art, speech, _ = polnear["brexit"]
    (span,) = [s for s in quote_spans(art.text) if art.text[s.end:s.end + 20].startswith("” Mr Farage told")]
    (q,) = [q for q in speech.quotes if q.start < span.end and span.start < q.end]
    assert speaker_near(art.text, span) == q.speaker == "Nigel Farage"


def test_what_a_speaker_puts_out_speaks_for_them(polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]) -> None:
    # 'Trump released a marketing video that said, "We are going to have professors ..."' and 'The Washington
    # Post recently ran a piece that noted his "health care plan would benefit affluent households ..."' went
    # to the video and the piece; PolNeAR credits who released or ran them, as 'a statement released by X' is X's
    art, speech, _ = polnear["trump_university"]
    q = _find(speech, "We are going to have professors")
    assert _mention(art, q) == "Trump" and q.speaker == "Donald Trump"
    art, speech, _ = polnear["sucker"]
    q = _find(speech, "health care plan would benefit affluent households")
    assert _mention(art, q) == "Washington Post"


def test_a_relative_clause_before_a_subjectless_cue_speaks_through_its_antecedent(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]], fakes_rows: dict[str, dict[str, str]]
) -> None:
    """The parser leaves a cue without a subject and the word right before it ends a relative clause: 'a
    White House official who spoke anonymously to discuss internal strategy said Wednesday, "..."' was
    'internal strategy's; 'The UK based Syrian Observatory for Human Rights which tracks the violence across
    the country said' was 'UK's (FA-KES dev, stories' hash). The clause's antecedent speaks."""
    art, speech, _ = polnear["vermont"]
    q = _find(speech, "Certainly there are discussions between the White House")
    assert _mention(art, q) == "a White House official"
    row = fakes_rows.get("1915433683")
    if row is None:
        pytest.skip("row 1915433683 not in this copy of FA-KES")
    art = Article(id="1915433683", text=row["article_content"], title=row["article_title"])
    (claims,) = extract_many([art])
    q = _find(claims, "the explosion from the blast was heard")
    assert q.speaker == "Syrian Observatory for Human Rights"


def test_a_sentence_parsed_as_a_name_with_a_participle_has_that_verb(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]
) -> None:
    # 'Texas Sen. Ted Cruz, who has experienced a surge in Iowa, named “Criminal Minds,” “Game of Thrones,”
    # “Breaking Bad” and “Veep” as his top shows': the parse makes 'Cruz' the root and 'named' its clause, so
    # the titles went on with Trump, who spoke in the paragraph before
    art, speech, _ = polnear["shows"]
    for title in ("Criminal Minds", "Game of Thrones", "Breaking Bad", "Veep"):
        q = _find(speech, title)
        assert _mention(art, q) == "Texas Sen. Ted Cruz" and q.speaker == "Ted Cruz" and q.cue == "named"


def test_the_same_pronoun_above_a_free_relative_goes_on_to_its_name(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]
) -> None:
    # 'Clinton said Wednesday that she called Sanders after Tuesday night's primaries ... to congratulate him
    # on what she called "an extraordinary campaign."': the free relative's 'she' climbed to the 'she' of
    # 'called' above it and kept itself; the same pronoun again is the same person, Clinton, whom PolNeAR credits
    art, speech, _ = polnear["unity"]
    q = _find(speech, "an extraordinary campaign")
    assert _mention(art, q) == "Clinton" and q.speaker == "Hillary Clinton"


def test_what_is_put_out_by_someone_speaks_for_them(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]
) -> None:
    # 'a fundraising email sent out by Sanders on Tuesday night warned of the tough fight ahead: "..."' and
    # '"Although there was probable cause ...," according to a court document filed by state attorney Dave
    # Aronberg' were the email's and the document's; PolNeAR credits who sent or filed them, as 'a statement
    # released by X' was already X's
    art, speech, _ = polnear["firewall"]
    q = _find(speech, "There are 14 primaries and caucuses")
    assert _mention(art, q) == "Sanders" and q.speaker == "Bernie Sanders"
    art, speech, _ = polnear["latest_nyv"]
    q = _find(speech, "Although there was probable cause")
    assert _mention(art, q) == "Dave Aronberg"


def test_a_governor_is_named_without_the_abbreviated_title(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]
) -> None:
    # 'Ohio Gov. John Kasich has also broadly called for "boots on the ground."' and 'Former Arkansas Gov. Mike
    # Huckabee rounded out the list ..., citing “Bill Maher”' were 'Gov. John Kasich' and 'Gov. Mike Huckabee':
    # 'Gov.' was no title word, where 'Sen.' and 'Rep.' were and 'Governor' was
    _, speech, _ = polnear["isil"]
    assert _find(speech, "boots on the ground").speaker == "John Kasich"
    _, speech, _ = polnear["shows"]
    assert _find(speech, "Bill Maher").speaker == "Mike Huckabee"


@pytest.mark.parametrize(
    ("source", "name", "after", "speaker"),
    [
        # a rank's full stop, which the tokenizer cuts off and the parser begins a sentence after:
        # 'Army Maj', 'Capt', 'Army Col', 'Lt', 'Pentagon spokesman Navy Capt' were the speakers
        ("fnc1", "1233", "” said Army Maj. Curtis Kellogg", "Curtis Kellogg"),
        ("fnc1", "1233", "” said Capt. Ahmed Hussein.", "Ahmed Hussein"),
        ("fnc1", "226", "\" said Army Col. Steven Warren", "Steven Warren"),
        ("fnc1", "636", "” said Lt. Khairalla al-Jabbouri", "Khairalla al-Jabbouri"),
        ("polnear", "politico_2016-06-13_terrorism-experts-rebuke-trump-p", "\" said Pentagon spokesman Navy Capt.",
         "Jeff Davis"),
        # an owner's possessive before the person ('Washington Post’s David Ignatius' was the speaker)
        ("fnc1", "1634", "” wrote The Washington Post’s David Ignatius", "David Ignatius"),
        ("fnc1", "779", "” said Lego UK’s Emma Owen.", "Emma Owen"),
        # a surname the tokenizer cuts at its hyphen ('Eakin'; 'moon' of 'Ban Ki-moon issued a statement
        # condemning ISIS for “...”')
        ("polnear", "nyt_2015-11-09_jobs-report-gives-democrats-a-li", "'' Mr. Holtz-Eakin added", "Douglas Holtz-Eakin"),
        ("fnc1", "1589", "” Mr. Ban said “the perpet", "Ban Ki-moon"),
        # NYT names 'Donald J. Trump' with his middle initial, and 'Ivana Trump' was the only other
        # 'Firstname Trump' (CLAIMS_VERSION 198)
        ("polnear", "nyt_2015-12-31_trump-turns-attacks-on-another-c",
         "'' said Mr. Trump, who is regarded", "Donald J. Trump"),
        # role words that were no titles: 'MP Charlie Angus', 'Officer Joseph Beinlich',
        # 'Sheriff Joe Lombardo' were the speakers; an office named by titles alone stays whole ('the Prime
        # Minister said' was 'Minister'), and an honorific before a surname that is a title goes ('Mr. Prince')
        ("fnc1", "1442", "” NDP MP Charlie Angus told", "Charlie Angus"),
        ("polnear", "wash-post_2016-03-30_trump-sticking-by-his-campaign-m", '" said Officer Joseph Beinlich',
         "Joseph Beinlich"),
        ("polnear", "usa-today_2015-12-22_in-brief", '" Clark County Sheriff Joe Lombardo said', "Joe Lombardo"),
        ("fnc1", "2349", "' the Prime Minister said", "Prime Minister"),
        ("polnear", "nyt_2015-12-09_terrorists-mock-bids-to-block-th", "'' Mr. Prince said", "Matthew Prince"),
        # a role in lower case between the speech verb and the name: the whole phrase was the speaker
        # ('Democratic pollster Stan Greenberg'); and a name opening with its particle was none ('al-Bredi')
        ("polnear", "wash-post_2016-04-20_beyond-victory-clinton-faces-dee", '" said Democratic pollster Stan',
         "Stan Greenberg"),
        ("polnear", "politico_2016-02-23_obama-s-gitmo-plan-leaves-everyo", "” said ACLU executive Director",
         "Anthony Romero"),
        ("fnc1", "500", "” said al-Bredi.", "Ali al-Bredi"),
        # a generation's suffix counted as one of a name's three words ('P. Casey Jr.')
        ("polnear", "wash-post_2016-06-09_party-aims-to-heal-primary-wound", '" said Sen. Robert P. Casey Jr.',
         "Robert P. Casey Jr."),
        # a pronoun after a bare surname opening a sentence, the only man the text names so: 'Sanders is also
        # keeping his supporters riled up ... "...," he said' was Barney Frank, the speaker before (CLAIMS_VERSION
        # 201), and 'Ewi worries the girls would not be freed ... "...," he said' Rona Peligal
        ("polnear", "wash-post_2016-05-19_sanders-s-supporters-not-giving-", '," he said at Tuesday',
         "Bernie Sanders"),
        ("fnc1", "2463", '," he said.\n\nAnalysts warn', "Martin Ewi"),
        # ... but not the one the pronoun tells: 'Rubio co-sponsored a bill ... "...," he told Rubio' is the voter
        ("polnear", "wash-post_2015-12-20_marco-rubio-s-strategic-stances", '," he told Rubio', "Scott Szlachta"),
        # a role opening a sentence between the last speaker and the pronoun, a role of a person named before:
        # 'The Pope, speaking earlier this week, offered ... "...," he said' was Allina Liu, the dog owner quoted
        # before ('Pope Francis declared' opens the story)
        ("fnc1", "1651", '," he said during the weekly', "Francis"),
        # a middle name is no first name: 'Kayla Jean Mueller' made 'Jean Mueller', a listed woman's name, the one
        # a later 'she' stood for; 'Ruth Bader Ginsburg said' ... 'Ginsburg said' was 'Bader Ginsburg'
        ("fnc1", "754", "” she said. “It’s important", "Kayla Mueller"),
        ("polnear", "usa-today_2016-07-15_ginsburg-apologizes-for-trump-co", '," Ginsburg said in a statement. "Judges',
         "Ruth Bader Ginsburg"),
        # titles joined by 'and' before one name, and an adjective before a titled name: 'former Pennsylvania Gov.'
        # and 'former Wisconsin Gov. Jim Doyle' were the speakers ('the younger Mr. Trump' is no 'Mr. Trump', his father:
        # it is the son the text names with his suffix, 'His son Donald Jr.', rule 274's Donald Trump Jr.; was
        # 'younger Mr. Trump' before CLAIMS_VERSION 285)
        ("polnear", "politico_2016-07-08_clinton-unleashes-democratic-dre", "” said former Pennsylvania Gov. and",
         "Ed Rendell"),
        ("polnear", "politico_2016-07-08_clinton-unleashes-democratic-dre", "” said former Wisconsin Gov. Jim",
         "Jim Doyle"),
        ("polnear", "nyt_2016-07-21_amid-discord-trump-claims-nomina", "'' said the younger Mr. Trump",
         "Donald Trump Jr."),
        # a fuller name the text gives as the kin of the honorific's person, or to place another in the family, is
        # no name of it: NYT's 'Mr. Bush' (Jeb, 'young John Ellis Bush') was 'George W. Bush', named most, as
        # 'whose oldest son, George W. Bush' and 'George W. Bush's brother'; 'Mr. Bush's father, George Bush';
        # and 'Mr. Bush, known as Jeb' gives the name the text uses, not 'John Ellis Bush' (CLAIMS_VERSION 218)
        ("polnear", "nyt_2016-01-19_bush-s-presidential-campaign-per", "'' He struggles with a basic task",
         "Jeb Bush"),
        # a surname that is a function word, subject of the speech verb after a quotation: 'From said' (Al From) was
        # read as the preposition and the quotation went to 'Americans' (CLAIMS_VERSION 217)
        ("polnear", "wash-post_2016-07-27_bill-clinton-addresses-a-very-di", '," From said. "Our challenge',
         "Al From"),
        # a role after the speech verb and the name in apposition to it: 'Rubio’s deputy campaign manager' and
        # 'Huffington Post B.C. news editor' were the speakers (CLAIMS_VERSION 220)
        ("polnear", "politico_2016-02-17_bush-rubio-collide-in-scramble-f", "” said Rubio’s deputy campaign manager",
         "Rich Beeson"),
        ("fnc1", "1472", '" said Huffington Post B.C. news editor, Andree Lau', "Andree Lau"),
        # a 'he' tagging a quotation after a colon is the subject of the clause before it: 'C. Boyden Gray, who
        # served ..., ticked through the code of conduct ...: ''Civility ...,'' he said' was Mr. Bush's, the speaker
        # before (CLAIMS_VERSION 219); named with his first initial, which 'Mr. Gray' took no fuller name with
        # ('Boyden Gray': CLAIMS_VERSION 223)
        ("polnear", "nyt_2016-01-19_bush-s-presidential-campaign-per", "'' he said.\n\n''You would be generous",
         "C. Boyden Gray"),
        # a name after a phrase opening the sentence is the subject a later 'he' stands for: 'At a recent event in
        # Coralville, Iowa, Mr. Bush pointedly rejected ...' ¶ '''I got married ...,'' he said' was Gregory W.
        # Slayton's, quoted before (CLAIMS_VERSION 221)
        ("polnear", "nyt_2016-01-19_bush-s-presidential-campaign-per", "'' he said. ''I'm bilingual", "Jeb Bush"),
        # a bare surname takes the fuller name with the particle the surname leaves out: 'Hisham al-Hashimi, an
        # expert on terrorist groups, pointed ...' ... 'Yet, Hashimi said' and 'MP Ali al-Badri said' ... 'Badri
        # added' were 'Hashimi' and 'Badri' (CLAIMS_VERSION 222)
        ("fnc1", "956", "\n\nYet, Hashimi said it appeared", "Hisham al-Hashimi"),
        ("fnc1", "969", "\n\nBadri added that the", "Ali al-Badri"),
        # a rank after its grade, where the parser began a sentence: 'Air Force 1st' was the speaker (CLAIMS_VERSION
        # 225)
        ("polnear", "west-journal_2016-05-10_trump-s-support-twice-that-of-cl", "” said Air Force 1st Lt.",
         "Tyler Livingston"),
        # a role after the speech verb before a name with an apostrophe ('O'Malley', which ended no run of a name's
        # words), or a role the tagger reads as an adjective ('patient', 'pal'): the whole phrase was the speaker
        # (CLAIMS_VERSION 227)
        ("fnc1", "210", '" said Canadian Broadcasting Corporation reporter Kady', "Kady O'Malley"),
        ("polnear", "wash-post_2016-06-27_the-revolutionary-s-next-tactic-", '" said Rep. Beto O\'Rourke',
         "Beto O'Rourke"),
        ("fnc1", "909", '" said patient Collette Harvin', "Collette Harvin"),
        ("fnc1", "1760", "” said pal Damir Tulemaganbetov", "Damir Tulemaganbetov"),
    ],
)
def test_a_speaker_is_named_in_full_without_titles_ranks_roles_or_owners(
    source: str, name: str, after: str, speaker: str
) -> None:
    text = training_text(source, name)
    (claims,) = extract_many([Article(id=name, text=text)])
    at = text.index(after)
    hits = [q for q in claims.quotes if 0 <= at - q.end <= 2]
    assert hits and {q.speaker for q in hits} == {speaker}


def test_a_name_run_into_its_role_without_a_comma_is_the_speaker(fakes_rows: dict[str, dict[str, str]]) -> None:
    # FA-KES dev's copy drops the comma of an apposition: '"Al-Nusra captured Base 46" said Rami Abdel Rahman
    # director of the Britain-based Observatory.' and '... said Rami Abdel Rahman director of the Syrian Observatory
    # for Human Rights.' had 'Rami Abdel Rahman director' for speaker (the parser made the role the subject and the
    # name its compounds), where the cheap label, and the copy with the comma, name Rami Abdel Rahman (CLAIMS_VERSION
    # 226)
    for unit_id in ("1962495644", "1923848184"):
        text = _fakes_row(fakes_rows, unit_id)["article_content"]
        (claims,) = extract_many([Article(id=unit_id, text=text)])
        at = text.index('" said Rami Abdel Rahman director of the')
        hits = [q for q in claims.quotes if 0 <= at - q.end <= 1]
        assert hits and {q.speaker for q in hits} == {"Rami Abdel Rahman"}


@pytest.mark.parametrize(
    ("source", "name", "after", "speaker"),
    [
        # a bare surname leaving out its particle: 'Hashimi said' after 'Hisham al-Hashimi, an expert on terrorist
        # groups, pointed Al-Monitor to “...”' was 'Hashimi' (CLAIMS_VERSION 222)
        ("fnc1", "956", '”\n\nHashimi said, "In early 2014', "Hisham al-Hashimi"),
        # and a kunya before the first name is the name's: 'said Mr Raqqawi' after 'Abu Ibrahim al-Raqqawi, an
        # anti-Isil activist in Raqqa ..., told The Telegraph' was 'Raqqawi' (CLAIMS_VERSION 222)
        ("fnc1", "146", '" said Mr Raqqawi, who uses', "Abu Ibrahim al-Raqqawi"),
        # 'Gen' without its full stop is Gen Nakatani's first name for both stages: the label read it as a
        # title and named 'Nakatani said' 'Nakatani', the claims stage 'Gen Nakatani' (CLAIMS_VERSION 224)
        ("polnear", "huff-post_2016-06-04_u-s-flexes-muscles-as-asia-worri", "” Nakatani said.", "Gen Nakatani"),
        # a rank's grade, an ordinal: the label stopped at it ('Air Force'), the claims stage's parse began a
        # sentence after it ('Air Force 1st') (CLAIMS_VERSION 225)
        ("polnear", "west-journal_2016-05-10_trump-s-support-twice-that-of-cl", "” said Air Force 1st Lt.",
         "Tyler Livingston"),
        # a surname of two words after a first name (CLAIMS_VERSION 228): the claims stage cut the name of three
        # words to the two it knew as a shorter mention ('Tan Kadalim', 'Mali Gubio'), and the label read one
        # first name before the surname ('Kadalim says' was 'Tan Kadalim' for both)
        ("fnc1", "572", "” says Taugan Tan Kadalim, who", "Taugan Tan Kadalim"),
        ("fnc1", "572", "” says Kadalim, adding", "Taugan Tan Kadalim"),
        ("fnc1", "1298", '" said spokesman Bulama Mali Gubio.', "Bulama Mali Gubio"),
        ("fnc1", "1298", '" Gubio said.', "Bulama Mali Gubio"),
        # a mention of the two words alone took no fuller name in the claims stage ('Wasserman Schultz'), which
        # the label gave it (its one mention reads the text's)
        ("polnear", "politico_2016-04-20_dnc-chair-dismisses-sanders-accu", "” Wasserman Schultz said.",
         "Debbie Wasserman Schultz"),
    ],
)
def test_the_cheap_label_names_particles_first_names_and_grades_as_the_claims_stage_does(
    source: str, name: str, after: str, speaker: str
) -> None:
    from newstrace.reuse.text import quote_spans
    from newstrace.reuse.variants import speaker_near

    text = training_text(source, name)
    (claims,) = extract_many([Article(id=name, text=text)])
    (span,) = [s for s in quote_spans(text) if text[s.end:s.end + len(after)] == after]
    (q,) = [q for q in claims.quotes if q.start < span.end and span.start < q.end]
    assert speaker_near(text, span) == q.speaker == speaker


def test_a_word_of_an_office_s_name_is_no_first_name_of_a_surname_of_two_words() -> None:
    # "Jonathan's Minister for Special Duties Taminu Turaki ... ¶ Turaki on several occasions maintained that
    # ...": a first version of CLAIMS_VERSION 228 named him 'Duties Taminu Turaki' ('Special' a title word)
    text = training_text("fnc1", "600")
    (claims,) = extract_many([Article(id="600", text=text)])
    assert _find(claims, "that he was negotiating with legitimate Boko Haram").speaker == "Taminu Turaki"


@pytest.mark.parametrize(
    ("name", "starts", "speaker"),
    [
        # 'In a statement, the humble officer said he was "very touched" ... ¶ "Yesterday, ...," he said': the
        # officer's (Kevin Vickers, whom no rule finds behind the role), not the reporter Kady O'Malley's quoted
        # before, whose first name tells no sex
        ("210", "Yesterday, during extraordinary circumstances", "humble officer"),
        # 'a resident told BBC Hausa. ¶ As they marched ..., he added': not the analyst Bilkisu Babangida
        ("840", "As they marched from Grata to Pina", "resident"),
        # but a person named again after the role ('Mashnuq offered no further information ..., although he
        # said') or a role of theirs ('ministry spokesman Maj. Gen. Mohammed al-Askari ... the spokesman said')
        # keeps the pronoun
        ("720", "although he said investigations showed", "Nouhad Mashnuq"),
        ("1473", "The army plans to release additional details", "Mohammed al-Askari"),
    ],
)
def test_a_pronoun_stands_for_the_role_that_spoke_after_a_name_of_no_known_sex(name: str, starts: str, speaker: str) -> None:
    text = training_text("fnc1", name)
    (claims,) = extract_many([Article(id=name, text=text)])
    assert _find(claims, starts).speaker == speaker


def test_a_bare_surname_is_the_full_name_that_introduced_it_in_its_paragraph(
    polnear: dict[str, tuple[Article, ArticleClaims, ArticleClaims]]
) -> None:
    # 'Last Monday, Jeb Bush told an Iowa audience ... "This is the place that Hillary Clinton ... Really?" Bush
    # said.' was 'George W. Bush', whom the story names twice to Jeb's once; 'Bill Clinton spoke with voters ...
    # a woman asked for a photo and Clinton said, “as long as ...”' was 'Hillary Clinton', named most in the
    # story: a bare surname took the fuller name named most, not the one written last before it (CLAIMS_VERSION 199)
    from newstrace.claims.speakers import full_name
    from newstrace.reuse.text import quote_spans
    from newstrace.reuse.variants import speaker_near

    with open(require_data("polnear", "train", "text", "usa-today_2015-12-07_gop-targets-clinton-s-foreign-po.txt"),
              encoding="utf-8", newline="") as fh:
        text = fh.read()
    (claims,) = extract_many([Article(id="iowa", text=text)])
    q = _find(claims, "This is the place that Hillary Clinton")
    assert text[q.speaker_start:q.speaker_end] == "Bush" and q.speaker == "Jeb Bush"
    assert _find(claims, "Libya today is completely chaotic").speaker == "Jeb Bush"
    # the cheap label reads the same name where the mention stands, the name named most without a place
    (span,) = [s for s in quote_spans(text) if text[s.end:s.end + 12].startswith('" Bush said')]
    assert speaker_near(text, span) == "Jeb Bush"
    assert full_name(text, "Bush") == "George W. Bush"
    _, speech, _ = polnear["super_tuesday"]
    assert _find(speech, "as long as we’re not violating any election").speaker == "Bill Clinton"


def test_a_name_run_into_a_title_in_capitals_ends_at_its_surname(fakes_rows: dict[str, dict[str, str]]) -> None:
    # FA-KES dev's '"It is completely unacceptable that facilities and people who are trying to save lives are being
    # bombed" said Kevin Kennedy Regional Humanitarian Coordinator for the Syria Crisis. "It must stop" he added.' had
    # 'Syria Crisis' for speaker, the title's object read as a name after a title ('Secretary of State John Kerry')
    # (CLAIMS_VERSION 231)
    text = _fakes_row(fakes_rows, "1919191768")["article_content"]
    (claims,) = extract_many([Article(id="1919191768", text=text)])
    q = _find(claims, "It is completely unacceptable that facilities")
    assert text[q.speaker_start:q.speaker_end] == "Kevin Kennedy" and q.speaker == "Kevin Kennedy"
    assert _find(claims, "It must stop").speaker == "Kevin Kennedy"
    # and the cheap label, which named its last three words 'Regional Humanitarian Coordinator' (PROVENANCE_VERSION 10)
    from newstrace.reuse.text import quote_spans
    from newstrace.reuse.variants import speaker_near

    (span,) = [s for s in quote_spans(text) if s.start < q.end and q.start < s.end]
    assert speaker_near(text, span) == "Kevin Kennedy"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the comma FA-KES drops, written: the words after the quotation are read, not the parse (was the whole
        # phrase, 'Kevin Kennedy Regional Humanitarian Coordinator for Syria')
        ('"The threat is real," said Kevin Kennedy Regional Humanitarian Coordinator for Syria.', "Kevin Kennedy"),
        ('"The threat is real" said Kevin Kennedy Regional Humanitarian Coordinator.', "Kevin Kennedy"),
        # a surname of two words stays whole ('Schultz' is of no title's shape)
        ('"The threat is real" said Debbie Wasserman Schultz National Chairwoman.', "Debbie Wasserman Schultz"),
        # words that open with no listed first name are no person's name ('Homeland Security', 'Atlantic City')
        ('"The threat is real" said Homeland Security Secretary.', "Homeland Security Secretary"),
        ('"We will rebuild," said Atlantic City Mayor.', "Atlantic City Mayor"),
        # nor is one title word alone, which may be a surname ('said Sarah Withrow King', FNC-1 255)
        ('"The threat is real" said Sarah Withrow King.', "Sarah Withrow King"),
    ],
)
def test_a_title_in_capitals_after_a_name_is_cut_off_only_after_a_first_name(text: str, speaker: str) -> None:
    (claims,) = extract_many([Article(id="t", text=text)])
    (q,) = claims.quotes
    assert q.speaker == speaker


def test_a_role_s_body_with_a_name_in_apposition_is_that_person() -> None:
    # 'The director of the European Centre, Ina Kirsch, told the AP her group never worked with Manafort ... She
    # said she had met with Manafort twice': the parser hangs the name on the body ('Centre'), and the speaker was
    # the role 'director' (CLAIMS_VERSION 232)
    text = training_text("polnear", "politico_2016-08-17_ap-trump-chair-routed-ukrainian-")
    (claims,) = extract_many([Article(id="kirsch", text=text)])
    q = _find(claims, "her group never worked with Manafort")
    assert text[q.speaker_start:q.speaker_end] == "Ina Kirsch" and q.speaker == "Ina Kirsch"
    assert _find(claims, "she had met with Manafort twice").speaker == "Ina Kirsch"
    # 'head' and 'chief', which a later pronoun does not take for a person ('the head of state'), name one here
    text = 'The head of Amnesty International, Salil Shetty, said the strikes were "unlawful".'
    (claims,) = extract_many([Article(id="t", text=text)])
    assert {q.speaker for q in claims.quotes} == {"Salil Shetty"}


def test_a_subject_after_an_opening_clause_is_the_one_the_pronouns_after_it_stand_for() -> None:
    # FNC-1 1876: 'As firemen rushed to the scene to put out the three-metre high flames engulfing the grass, Mr Chien
    # went to look for his forgetful girlfriend. ¶ He said he was "completely unaware" ... ¶ He said: "I was feeling a
    # bit surprised ..." ¶ "When I found her ..."' went to the friend Shin Tan, quoted before: a subject after an
    # opening clause was none (CLAIMS_VERSION 233), and the second 'He said' is two paragraphs after the name (the
    # subject the first pronoun took goes on to the next while no one else is named: CLAIMS_VERSION 234)
    text = training_text("fnc1", "1876")
    (claims,) = extract_many([Article(id="1876", text=text)])
    for starts in ("completely unaware", "I was feeling a bit surprised", "When I found her"):
        # 'Dim Xiong Chien, 22, took ...' names him in full (CLAIMS_VERSION 241: was 'Xiong Chien')
        assert _find(claims, starts).speaker == "Dim Xiong Chien", starts
    # the friend's own quotation, and Ms Yen's, stay theirs
    assert _find(claims, "She had no idea he was planning").speaker == "Shin Tan"
    assert _find(claims, "I found out later that he wanted").speaker == "Cong Yen"


def _reported_in_quotations(claims: ArticleClaims) -> list[str]:
    """Reported-speech claims whose content opens inside a quotation already listed and runs past it."""
    direct = [q for q in claims.quotes if q.direct]
    return [q.text for q in claims.quotes if not q.direct
            and any(d.start <= q.start < d.end < q.end for d in direct)]


@pytest.mark.parametrize(
    ("source", "name", "quoted", "after"),
    [
        # 'a tweet by user fryd_ said “it seems like we’ve taken a step backwards” in forty years but
        # Lego disagree' gave 'it seems like ... backwards” in forty years but Lego disagree' as said
        ("fnc1", "1292", "it seems like we’ve taken a step backwards", None),
        # 'Sanders says “the wind is at our backs” despite his loss to Hillary Clinton in the Nevada caucuses'
        ("polnear", "breitbart_2016-02-20_the-latest-hillary-clinton-tells",
         "the wind is at our backs", None),
        # 'Chandler wrote "Heard from Michael he is out of rehab and back home” and added that she is
        # frustrated ...': the 'that' clause is reported, by its own cue, and the quotation is not again
        ("fnc1", "1349", "Heard from Michael he is out of rehab and back home",
         "that she is frustrated with how her story is being reported"),
    ],
)
def test_reported_speech_does_not_repeat_its_quotation(source: str, name: str, quoted: str, after: str | None) -> None:
    """'The mayor said "we are fine" on Monday' was a quotation and, again, reported speech 'we are
    fine" on Monday', run across the closing mark: the cue's clause is the quotation, and what
    follows it is no claim unless it is a clause of its own."""
    text = training_text(source, name)
    (claims,) = extract_many([Article(id=name, text=text)])
    assert [q.text for q in claims.quotes if q.direct and q.text == quoted], [q.text for q in claims.quotes]
    assert _reported_in_quotations(claims) == []
    if after is not None:
        assert [q.text for q in claims.quotes if not q.direct and q.text.startswith(after)]


def test_fakes_reported_speech_does_not_repeat_its_quotation(fakes_rows: dict[str, dict[str, str]]) -> None:
    """FA-KES dev: 'the Syrian Observatory for Human Rights said "warplanes either Russia or Syrian
    carried out six strikes" in the village of Hass ...' was also said with the closing mark inside."""
    row = _fakes_row(fakes_rows, "1923102891")
    assert is_dev("1923102891"), "tests use tuning rows only"
    (claims,) = extract_many([Article(id="1923102891", text=row["article_content"])])
    assert any(q.direct and q.text.startswith("warplanes either Russia or Syrian") for q in claims.quotes)
    assert _reported_in_quotations(claims) == []


@pytest.mark.parametrize(
    ("source", "name", "starts", "speaker"),
    [
        # 'On Wednesday, she wrote: “Heard from Michael he is out of rehab and back home” and added that she is
        # frustrated ...': the parser joined 'added' to the quoted 'is', and its subject 'he' went to David Roy
        # Fitch, the name Chandler was born with
        ("fnc1", "1349", "that she is frustrated", "Chandler"),
        ("fnc1", "2454", "that she is frustrated", "Chandler"),
        # 'The Vermont senator emailed supporters saying: “The struggle continues” and vowing to compete ...'
        # was said by 'The struggle'
        ("polnear", "breitbart_2016-06-08_ready-to-back-clinton-obama-work", "to compete in the season",
         "Vermont senator"),
    ],
)
def test_a_verb_joined_after_a_quotation_is_not_said_by_its_subject(
        source: str, name: str, starts: str, speaker: str) -> None:
    text = training_text(source, name)
    (claims,) = extract_many([Article(id=name, text=text)])
    q = _find(claims, starts)
    assert q.speaker is not None and q.speaker.endswith(speaker), q.speaker
    assert not any(d.direct and d.start <= (q.speaker_start or -1) < d.end for d in claims.quotes)


def _cut_in_marks(claims: ArticleClaims, text: str) -> list[str]:
    """Reported speech that opens before a quotation and ends inside it, before its stop alone."""
    direct = [q for q in claims.quotes if q.direct]
    return [q.text for q in claims.quotes if not q.direct and any(
        q.start < d.start < q.end < d.end and not text[q.end:d.end].strip(" .?!,;:…") for d in direct)]


@pytest.mark.parametrize(
    ("name", "ends"),
    [
        # 'Barkley said that CNN ... has done an “awful” job of covering the “election.”' ended at 'election'
        ("breitbart_2015-12-11_charles-barkley-takes-on-donald-", "of covering the “election.”"),
        # '... and will “compete vigorously for the nomination.”'
        ("breitbart_2015-11-16_o-malley-campaign-to-shift-staff", "“compete vigorously for the nomination.”"),
        # 'he found Trump to be “very charming” and called his standing ... “unheard of.”'
        ("breitbart_2015-12-20_republican-donor-adelson-and-tru", "“unheard of.”"),
    ],
)
def test_reported_speech_ends_at_the_closing_mark_of_the_quotation_it_runs_into(name: str, ends: str) -> None:
    """The sentence's stop set inside the marks cut the reported content inside the quotation; PolNeAR
    ends it at the closing mark, as the quotation itself does."""
    text = training_text("polnear", name)
    (claims,) = extract_many([Article(id=name, text=text)])
    assert [q.text for q in claims.quotes if not q.direct and q.text.endswith(ends)], [q.text for q in claims.quotes]
    assert _cut_in_marks(claims, text) == []


def test_a_report_is_not_given_to_a_thing_that_cannot_speak_inside_it() -> None:
    # FNC-1 1681 (CNN): 'The ceasefire deal announced October 17 followed a month of negotiations with
    # representatives of the group, said Hassan Tukur, an aide to Nigerian President Goodluck Jonathan.': the parser
    # read 'announced' as the deal's verb, the deal was the speaker, and Tukur's report was dropped as given already
    text = training_text("fnc1", "1681")
    (claims,) = extract_many([Article(id="1681", text=text)])
    assert _find(claims, "The ceasefire deal announced October 17").speaker == "Hassan Tukur"
    assert not [q for q in claims.quotes if q.speaker == "ceasefire deal"]



def test_a_role_is_the_person_the_text_gives_it_in_a_title_or_apposition_not_a_former_holder() -> None:
    # '..., said Atlantic City Mayor Don Guardian in a telephone interview. ... And the mayor said it would be
    # difficult to measure ...': the mayor stayed a bare role, the title being no descriptor of the mention
    text = training_text("polnear", "politico_2016-07-06_atlantic-city-officials-welcome-")
    (claims,) = extract_many([Article(id="guardian", text=text)])
    assert _find(claims, "it would be difficult to measure").speaker == "Don Guardian"
    # FNC-1 1681: '..., said Hassan Tukur, an aide to Nigerian President Goodluck Jonathan. ¶ After the deal was
    # announced, the aide said final negotiations ... would be completed ...' (an aide, no president)
    text = training_text("fnc1", "1681")
    (claims,) = extract_many([Article(id="1681", text=text)])
    assert _find(claims, "final negotiations on the girls").speaker == "Hassan Tukur"
    # every word before the role is the person's ('The Florida senator' is Rubio, no 'Vermont Sen. Bernie Sanders'
    # quoted later), and a sentence opening with another person named in full moves the story on ('Rubio sought to
    # stoke positive energy ... the senator said' is no Bernie Sanders quoted before)
    text = training_text("polnear", "breitbart_2016-02-20_the-latest-hillary-clinton-tells")
    (claims,) = extract_many([Article(id="rubio", text=text)])
    assert {q.speaker for q in claims.quotes if q.speaker_start is not None
            and text[q.speaker_start:q.speaker_end] == "The Florida senator"} == {"Marco Rubio"}
    text = training_text("polnear", "wash-post_2016-02-09_barbs-and-pleas-before-n-h-vote")
    (claims,) = extract_many([Article(id="barbs", text=text)])
    assert _find(claims, "his campaign here was").speaker == "senator"
    # Breitbart: 'Was that really Chris Christie, the brusque, take-a-back-seat-to-no-one governor of New Jersey?
    # ... Christine Todd Whitman, the former New Jersey governor ..., told The Star-Ledger ... ¶ “...,” the governor
    # said' is Christie's, was Whitman's: a former holder is not the role, and a role in apposition is one
    text = training_text("polnear", "breitbart_2016-03-02_christie-s-shell-shocked-look-st")
    (claims,) = extract_many([Article(id="christie", text=text)])
    q = _find(claims, "I’ve known him personally for 14 years")
    assert text[q.speaker_start:q.speaker_end] == "the governor"
    assert q.speaker == "Chris Christie"
    assert _find(claims, "she would rather vote for Hillary Clinton").speaker == "Christine Todd Whitman"


def test_a_role_before_its_holder_is_named_is_the_person_the_next_paragraph_gives_it() -> None:
    # FNC-1 1681 (CNN): 'Nigerian officials met with Boko Haram in Chad twice ..., according to the aide. ¶ The
    # ceasefire deal announced October 17 followed ..., said Hassan Tukur, an aide to Nigerian President Goodluck
    # Jonathan.': the aide, no one named before, stayed a bare role; the next paragraph names him in apposition
    text = training_text("fnc1", "1681")
    (claims,) = extract_many([Article(id="1681", text=text)])
    assert _find(claims, "Nigerian officials met with Boko Haram in Chad twice").speaker == "Hassan Tukur"


def test_she_after_a_man_quoted_last_is_the_woman_named_since() -> None:
    # Breitbart: 'Christie said that was a natural part of having to run against him — no different, he said, ...
    # ¶ To Montclair State University political science professor Brigid Harrison, Christie’s seeming thousand-yard
    # stare seemed to reflect sadness. ¶ “It really looked like heartbreak ...,” she said.' was Christie's: the
    # pronouns after his surname make him a man, and the person named since, whose sex no list tells, is she
    text = training_text("polnear", "breitbart_2016-03-02_christie-s-shell-shocked-look-st")
    (claims,) = extract_many([Article(id="christie", text=text)])
    assert _find(claims, "It really looked like heartbreak").speaker == "Brigid Harrison"
    assert _find(claims, "I still think that in his heart of heart").speaker == "Brigid Harrison"
    assert _find(claims, "she would rather vote for Hillary Clinton").speaker == "Christine Todd Whitman"


@pytest.mark.parametrize(
    ("body", "starts", "speaker"),
    [
        # 'Taylor Lianne Chandler, 41, wrote a lengthy post ...' opens its paragraph: the first name, unlisted, was
        # read as a word opening the sentence, and 'Chandler said' was 'Lianne Chandler'
        ("1349", "I never lied to him", "Taylor Lianne Chandler"),
        ("2454", "I never lied to him", "Taylor Lianne Chandler"),
        ("568", "Michael is a brand", "Taylor Lianne Chandler"),
        # 'Dim Xiong Chien, 22, took three large boxes of fireworks ...': 'Mr Chien' was 'Xiong Chien'
        ("1876", "When I found her I said she had to come", "Dim Xiong Chien"),
        # 'Pal Shin Tan, 21, said: "..."': a word for what he is to the story, written capitalised before his name,
        # was read as his first name
        ("612", "He had prepared this big event in secret", "Shin Tan"),
    ],
)
def test_a_word_before_a_name_of_three_is_its_first_name_unless_a_label(body: str, starts: str, speaker: str) -> None:
    (claims,) = extract_many([Article(id=body, text=training_text("fnc1", body))])
    assert _find(claims, starts).speaker == speaker


def test_a_label_or_an_adjective_of_place_before_a_name_of_three_is_no_first_name() -> None:
    # 'Vet Faye Bethell, 29, put anaesthetising agent ...' (thrice), 'Australian Dylan Thomas, 21, was on vacation':
    # what the person is, written capitalised at a sentence's opening, no first name
    from newstrace.claims.speakers import full_name

    assert full_name(training_text("fnc1", "1707"), "Bethell") == "Faye Bethell"
    assert full_name(training_text("fnc1", "1638"), "Thomas") == "Dylan Thomas"


def test_an_adjective_opening_a_sentence_before_a_surname_is_no_first_name() -> None:
    # FNC-1 612: '... popped the question to girlfriend Cong Yen, 22. ... ¶ Bewildered Yen told local TV: "I found
    # out later that he wanted to ask me to marry him.' was 'Bewildered Yen', the adjective read as her first name
    text = training_text("fnc1", "612")
    (claims,) = extract_many([Article(id="612", text=text)])
    assert _find(claims, "I found out later that he wanted").speaker == "Cong Yen"
    # the reuse stage's cheap label reads the mention alike, without its place in the text
    from newstrace.claims.speakers import full_name

    assert full_name(text, "Bewildered Yen") == "Cong Yen"


def test_he_when_no_man_spoke_before_is_the_man_named_last_by_his_surname_too() -> None:
    # Washington Post: 'Ayotte has tangled with Trump once directly, ... For that she drew Trump's ire - he called
    # her "weak" and said she had "zero support" in New Hampshire.' gave his words to 'Illinois's Mark Kirk', named
    # in full two paragraphs before: no man had spoken, and only a full name with a listed first name was looked up
    text = training_text("polnear", "wash-post_2016-08-26_a-shaky-balancing-act-for-kelly-")
    (claims,) = extract_many([Article(id="ayotte", text=text)])
    for starts in ("weak", "zero support", "she had \"zero support\""):
        assert _find(claims, starts).speaker == "Donald Trump"


def test_she_after_a_man_quoted_last_is_the_woman_a_capitalised_title_names_since() -> None:
    # NYT (PolNeAR train): '... Mr. Rubel said. ... ¶ Back in Indiana, smaller bonuses for top executives are the
    # last thing state Representative Karlee Macer, a Democrat, wants to hear about these days. Her district
    # includes the Carrier plant, ..., she said.' was 'Jefferies' (Mr. Rubel's firm): the role before her name is a
    # title, capitalised, which rule 240's role in lower case ('professor Brigid Harrison') did not read
    text = training_text("polnear", "nyt_2016-03-21_factory-workers-feel-sting-of-gl")
    (claims,) = extract_many([Article(id="macer", text=text)])
    assert _find(claims, "Her district includes the Carrier plant").speaker == "Karlee Macer"
    assert _find(claims, "My family has all been factory workers").speaker == "Karlee Macer"


def test_a_title_before_a_name_is_no_she_past_a_sentence_opened_by_another_person() -> None:
    # Washington Post (PolNeAR train): 'The group also includes Pastor Darrell Scott, a Cleveland minister ... ¶
    # Dahlys Hamilton is listed as the chairman of Hispanic Patriots for Trump. Recently she announced ...': the
    # titled name is no 'she' once a sentence opens with another person whose sex nothing tells
    text = training_text("polnear", "wash-post_2016-04-17_donald-trump-is-not-a-racist-guy")
    (claims,) = extract_many([Article(id="scott", text=text)])
    assert _find(claims, "I'm getting off 'Lyin' Ted's' Cruz ship").speaker != "Darrell Scott"


def test_his_brother_named_by_first_name_takes_the_family_name_of_whom_his_stands_for() -> None:
    # FNC-1 210 (AFP): '... Mr Vickers reportedly emerged, ... and shot the assailant three times. ¶ It was the first
    # time he had ever shot anyone, a family member told local media. ¶ "He always put his nation and his community
    # first and foremost," his brother John said.' was 'John', a name no one else in any story shares
    text = training_text("fnc1", "210")
    (claims,) = extract_many([Article(id="210", text=text)])
    assert _find(claims, "He always put his nation").speaker == "John Vickers"
    assert _find(claims, "We're just tremendously relieved").speaker == "John Vickers"


def test_he_after_a_woman_quoted_last_is_the_man_a_role_in_apposition_names_since() -> None:
    # FNC-1 714: 'In a phone interview with the Journal, Emmanuel Nachshon, spokesman for the Israel Ministry of Foreign
    # Affairs, distanced the government from Rosenberg. "She’s her own person," he said.' was Moshe Ya'alon's, named
    # paragraphs before: the role follows the name, without its article
    (claims,) = extract_many([Article(id="714", text=training_text("fnc1", "714"))])
    assert _find(claims, "She’s her own person").speaker == "Emmanuel Nachshon"
    assert _find(claims, "As an individual, she’s free").speaker == "Emmanuel Nachshon"


def test_she_after_a_man_quoted_last_is_the_host_named_since_with_a_surname_particle() -> None:
    # FNC-1 391: '... ¶ Host Greta Van Susteren was caught flat-footed. 'Are you talking about ours?' she asked.' was
    # Janet Napolitano's, named paragraphs before: 'host' is a person's role, and the name is read whole, 'Van' and all
    (claims,) = extract_many([Article(id="391", text=training_text("fnc1", "391"))])
    assert _find(claims, "Are you talking about ours?").speaker == "Greta Van Susteren"


def test_she_after_a_man_quoted_last_is_not_a_man_named_before_when_his_unnamed_girlfriend_opens_a_sentence() -> None:
    # FNC-1 572: '“...,” says Kadalim ... Kadalim’s girlfriend, who spoke on the condition that we not use her name,
    # also corroborates the account. ¶ “He told me that he had just run into some famous YouTube star ...,” she tells
    # Vocativ.' was Josh Paler Lin's, a man named before Kadalim: she is no one the text names
    (claims,) = extract_many([Article(id="572", text=training_text("fnc1", "572"))])
    assert _find(claims, "He told me that he had just run into").speaker is None
    assert _find(claims, "Bro, he drove Thomas").speaker == "Taugan Tan Kadalim"


def test_a_role_word_after_a_modal_is_a_verb_not_a_role_before_a_name() -> None:
    # 'host' is a person's role ('Host Greta Van Susteren', CLAIMS_VERSION 247), but after a modal it is a verb: the
    # guest it hosts has no role, and a 'she' after a man quoted last is not the guest ('The committee will host
    # Reince Priebus next week.' was Priebus's), nor does 'The network will host the debate' open a sentence with
    # 'the host' (the Fox News host quoted before). Neither FNC-1 nor PolNeAR train has a role word after a modal right
    # before a name: the excerpt is written on their lines
    text = ('House Minority Leader Nancy Pelosi criticized the plan on Tuesday. "It is a disgrace," Pelosi said.\n\n'
            'Donald Trump answered her at a rally in Ohio. "She knows nothing about jobs," Trump said.\n\n'
            'The committee will host Reince Priebus next week. "We will not be bullied," she said.\n\n'
            'Fox News host Sean Hannity pressed him on Monday. "Are you running?" Hannity asked.\n\n'
            'Jeb Bush said he would decide soon. "I am thinking about it," Bush said.\n\n'
            'Hillary Clinton answered later. "I have not decided," Clinton said.\n\n'
            'The network will host the debate in Ohio. "It will be a fair fight," he said.')
    (claims,) = extract_many([Article(id="host", text=text)])
    assert _find(claims, "We will not be bullied").speaker == "Nancy Pelosi"
    assert _find(claims, "It will be a fair fight").speaker == "Jeb Bush"
    # after a preposition it stays a role: 'to' is no modal (FNC-1 2175: 'on radio station WVFN to host David DeMarco')
    (claims,) = extract_many([Article(id="host2", text=text.replace("The committee will host",
                                                                    "The committee spoke to host"))])
    assert _find(claims, "We will not be bullied").speaker == "Reince Priebus"


@pytest.mark.parametrize(
    ("source", "name", "starts", "speaker"),
    [
        # FNC-1 714: "Minister of Defense Moshe Ya'alon, too, told Channel 2 that he had no information on Rosenberg's
        # whereabouts. ¶ Rosenberg, formerly a resident of Tel Aviv, did post to Facebook on Nov. 20 that she would be
        # taking a short leave from social media. ¶ "My Facebook account ...," she wrote.' was Ya'alon's, quoted last
        # and of no sex the text tells: 'Gill' is on no list, but the pronouns after 'Rosenberg' say she
        ("fnc1", "714", "My Facebook account and friend requests", "Gill Rosenberg"),
        ("fnc1", "714", "Please do not message as this is not me", "Gill Rosenberg"),
        # PolNeAR train (Breitbart, AP): 'Holding signs calling Christie “New Jersey’s Biggest Loser,” ... ¶ Christie
        # slipped in a back door to avoid them. He said he loved hearing from some of his “favorite Democrats” ...' was
        # Madeleine Albright's, quoted paragraphs before
        ("polnear", "breitbart_2016-02-08_the-latest-nh-towns-cast-first-v", "he loved hearing from some of his",
         "Chris Christie"),
        # PolNeAR train (Washington Post): '... demanded that Roffman make "a major public apology" or that Janney fire
        # him. Roffman signed a letter of apology that he said was drafted by the firm.' was Donald Trump's
        ("polnear", "wash-post_2016-07-15_thin-skinned-trump-quells-critic", "that he said was drafted by the firm",
         "Marvin Roffman"),
    ],
)
def test_a_pronoun_after_a_speaker_of_no_known_sex_is_the_subject_whose_pronouns_tell_its_sex(
        source: str, name: str, starts: str, speaker: str) -> None:
    assert _speaker_of(source, name, starts) == speaker


@pytest.mark.parametrize(
    ("source", "name", "starts", "speaker"),
    [
        # FNC-1 1258: 'TV gardener Alan Titchmarsh was surprised to find psychedelic mushrooms ... ¶ The presenter found
        # the red and white spotted toadstool ... and said: 'I won't be eating any of that.' ¶ He was touring ... and
        # asked him whether the fungus is edible.' was 'presenter': the text calls him 'TV presenter Alan Titchmarsh'
        # three paragraphs later, and the 'He' after the role is the person it names
        ("fnc1", "1258", "I won't be eating any of that", "Alan Titchmarsh"),
        ("fnc1", "1258", "whether the fungus is edible", "Alan Titchmarsh"),
        # PolNeAR train (Washington Post): 'New Jersey Gov. Chris Christie accused Cruz of opposing ... "He went for the
        # easy political vote ...," the New Jersey governor said.' was 'New Jersey governor'
        ("polnear", "wash-post_2015-12-24_ted-cruz-constitutional-conserva", "He went for the easy political vote",
         "Chris Christie"),
        # PolNeAR train (Breitbart, AP): 'Marco Rubio spoke over boos ... Rubio offered the crowd an emotional
        # evaluation ... ¶ The Florida senator sought to calm his supporters, ... saying the person would “not get beat
        # up” ... ¶ He said that he would offer “a prayer” ...' was 'Florida senator', then Donald Trump's
        ("polnear", "breitbart_2016-03-15_the-latest-kasich-scores-all-del", "the person would “not get beat up”",
         "Marco Rubio"),
        ("polnear", "breitbart_2016-03-15_the-latest-kasich-scores-all-del", "that he would offer “a prayer”",
         "Marco Rubio"),
        # not past a sentence opened by another person named since: '... Rubio sought to stoke positive energy ...
        # the senator said his campaign here was "closing really strong."' is no Sen. Bernie Sanders, the one person
        # the text titles so; the 'He' after it stays Rubio's
        ("polnear", "wash-post_2016-02-09_barbs-and-pleas-before-n-h-vote", "that supporters had descended", "Marco Rubio"),
    ],
)
def test_a_definite_role_is_the_one_person_the_text_gives_it_as_a_title_named_before_it(
        source: str, name: str, starts: str, speaker: str) -> None:
    assert _speaker_of(source, name, starts) == speaker


@pytest.mark.parametrize(
    ("source", "name", "starts", "speaker"),
    [
        # FNC-1 714 as `extract FILE.txt` reads it, its first line the title: the text names her 'Rosenberg' alone.
        # '... Rosenberg, formerly a resident of Tel Aviv, did post to Facebook ... ¶ "My Facebook account ...," she
        # wrote' was Moshe Ya'alon's, and 'Emmanuel Nachshon, spokesman for ..., distanced the government from
        # Rosenberg. "She’s her own person," he said' was Rosenberg's: the pronouns after 'Rosenberg' say she (named as
        # the title names her, '... soldier Gill Rosenberg, 31, revealed ...')
        ("fnc1-body", "714", "My Facebook account and friend requests", "Gill Rosenberg"),
        ("fnc1-body", "714", "She’s her own person", "Emmanuel Nachshon"),
        # PolNeAR train (Washington Post), which names him 'President Obama' and 'Obama': 'Nordhaus said: "..." ¶ And
        # Obama, for all the progress he helped wrangle from world leaders, seems to agree. "We don't yet know exactly
        # what's going to work best," he said.' was Ted Nordhaus's
        ("polnear", "wash-post_2015-12-13_agreement-is-a-big-win-for-obama", "We don't yet know exactly", "Obama"),
        # FNC-1 2058: 'Conal, understandably frustrated, decided to bypass the customer service department ... During
        # the call, he claims, he suggested ...' was Comcast's
        ("fnc1", "2058", "he suggested that a private-sector oversight group", "Conal"),
    ],
)
def test_a_pronoun_goes_to_the_subject_the_text_names_by_one_name_whose_pronouns_tell_its_sex(
        source: str, name: str, starts: str, speaker: str) -> None:
    assert _speaker_of(source, name, starts) == speaker


@pytest.mark.parametrize(
    "starts", ["I won't be eating any of that", "whether the fungus is edible"],
)
def test_a_definite_role_is_the_one_person_the_title_names_before_the_text(starts: str) -> None:
    # FNC-1 1258 as `extract FILE.txt` reads it: its first line, 'TV gardener Alan Titchmarsh was surprised to find
    # psychedelic mushrooms ...', is the title, and the text opens 'The presenter found the red and white spotted
    # toadstool ... and said: 'I won't be eating any of that.' ¶ He was touring ... and asked him whether the fungus
    # is edible.', naming him only three paragraphs later ('TV presenter Alan Titchmarsh'): both were 'presenter'.
    # The title names him before the text's first sentence, as the text did when read whole
    assert _speaker_of("fnc1-body", "1258", starts) == "Alan Titchmarsh"


def test_a_bare_surname_is_the_full_name_the_title_gives_it() -> None:
    # FNC-1 324 as `extract FILE.txt` reads it: its first line, 'Homeland Security Secretary Jeh Johnson is pushing back
    # against a claim made by Rep. Duncan Hunter ...', is the title, and the text calls him 'Johnson' alone ('“We have
    # no credible, specific intelligence to that effect,” Johnson said ...'): its quotations were 'Johnson''s while
    # '..., the secretary told host Wolf Blitzer' was Jeh Johnson's, one person as two speakers. The title's full name
    # fills the bare surname out as a full name of an earlier paragraph does; the mention stays the text's
    read = clean_plain_text(training_text("fnc1", "324"))
    article = Article(id="324", text=read.text, title=read.title)
    (claims,) = extract_many([article])
    for starts in ("We have no credible, specific intelligence", "responsibility", "Let’s not unduly create fear"):
        assert _find(claims, starts).speaker == "Jeh Johnson"
    said = _find(claims, "We have no credible, specific intelligence")
    assert _mention(article, said) == "Johnson"
    assert {q.speaker for q in claims.quotes if q.speaker and "Johnson" in q.speaker} == {"Jeh Johnson"}


@pytest.mark.parametrize(
    "starts", ["I feel I owe you an apology", "And I honestly truly understand"],
)
def test_a_label_before_a_first_name_and_a_middle_name_leaves_the_first_name_the_persons(starts: str) -> None:
    # FNC-1 1925 as `extract FILE.txt` reads it: its first line, 'YouTuber Josh Paler Lin – better-known for his
    # hilarious pranks – was feeling the holiday spirit ...', is the title, and the text calls him 'Lin' alone ('"I
    # feel I owe you an apology," Lin told Thomas ...'): 'Lin' took the title's 'Paler Lin', 'Josh' being no listed
    # first name and the word before it, 'YouTuber', what he is (a label, as 'Vet' of 'Vet Faye Bethell'), no title
    assert _speaker_of("fnc1-body", "1925", starts) == "Josh Paler Lin"


@pytest.mark.parametrize(("source", "name"), [("fnc1", "206"), ("fnc1", "1336"), ("fnc1-body", "206"), ("fnc1-body", "1336")])
def test_a_subject_after_the_cue_of_the_clause_said_is_no_speaker(source: str, name: str) -> None:
    # FNC-1 206 and 1336, read whole and as `extract FILE.txt` reads them: 'In the statement, Foley's mother, Diane
    # Foley, said the journalist, quote, "gave his life trying to expose the world ..."': the parser makes 'the
    # journalist' a second subject of 'said', which was read as an inversion ('..., said Christine Link') and gave the
    # quotation to James Foley; the clause said ('gave') follows it with no subject of its own, so it is that clause's
    assert _speaker_of(source, name, "gave his life trying to expose") == "Diane Foley"


@pytest.mark.parametrize(
    ("source", "name", "starts", "speaker"),
    [
        # no speaker named before the pronoun, the text names its subject in the sentence that opens the paragraph:
        # PolNeAR train (HuffPost): 'George Zimmerman is selling the gun he used to kill Trayvon Martin, ... ¶ “I’m a
        # free American,” he told Fox 35 in Orlando.' was no one's
        ("polnear-body", "huff-post_2016-05-12_george-zimmerman-auctioning-off-", "I’m a free American",
         "George Zimmerman"),
        # FNC-1 1472: 'Vickers, a 29-year veteran of the RCMP was praised ... He told CBC Wednesday afternoon that he is
        # safe and alright.' was no one's
        ("fnc1-body", "1472", "that he is safe and alright", "Kevin Vickers"),
        # not past another person the pronoun's sentence titles before it: FNC-1 2478's 'Mr Titchmarsh asks Professor
        # Crawley if the fungi is edible, to which he replies: “That depends what you mean. ...”' is no Titchmarsh's
        ("fnc1-body", "2478", "That depends what you mean", None),
        # nor past a sentence opened by someone else's surname: FNC-1 1658's '... another journalist, Steven Joel
        # Soltoff, who worked for Time .... Soltoff was reported missing .... ¶ Foley was an independent journalist in
        # the Middle East. In 2011, he was one of four journalists kidnapped ..., of which he said ..., “You don’t want
        # to be defined as that guy ...”' is no Soltoff's
        ("fnc1-body", "1658", "You don’t want to be defined", None),
    ],
)
def test_a_pronoun_no_speaker_comes_before_is_the_subject_the_text_names_last(
        source: str, name: str, starts: str, speaker: str | None) -> None:
    assert _speaker_of(source, name, starts) == speaker


@pytest.mark.parametrize(
    ("name", "starts", "speaker"),
    [
        # FNC-1 2142 as `extract FILE.txt` reads it: its first line, 'Gillian Rosenberg, the Canadian-Israeli woman
        # fighting ISIS with Kurdish forces in Syria, has updated her Facebook page ...', is the title, and the text
        # opens '“Guys, I’m totally safe and secure,” she wrote Monday.', naming no one before: was no one's
        ("2142", "Guys, I’m totally safe and secure", "Gillian Rosenberg"),
        # FNC-1 1171: the title 'When Oliver Ilic's girlfriend broke up with him ...' over the text's first sentence
        # 'He told doctors that his girlfriend had complained about ...'
        ("1171", "that his girlfriend had complained", "Oliver Ilic"),
        # not when the title names someone else who may be of the pronoun's sex: FNC-1 34's 'Abdel-Majed Abdel Bary,
        # who went by the rap name L. Jinny ..., is a suspect in the beheading of journalist James Foley this week.'
        # over '... he tweeted a photo of himself holding up a severed head .... ”Chillin’ with my homie or what’s left
        # of him,” he tweeted.' is no Foley's
        ("34", "Chillin’ with my homie", None),
    ],
)
def test_a_pronoun_before_anyone_the_text_names_is_the_one_person_of_its_sex_the_title_names(
        name: str, starts: str, speaker: str | None) -> None:
    assert _speaker_of("fnc1-body", name, starts) == speaker


@pytest.mark.parametrize(
    ("name", "starts", "speaker"),
    [
        # FNC-1 1921: '... whistleblowers who contacted Rep. Jason Chaffetz, (R-Utah), .... ¶ Chaffetz said he plans to
        # ask Pierson .... The congressman said two people inside the agency told him ...' was 'congressman'
        ("1921", "two people inside the agency told him", "Jason Chaffetz"),
        # FNC-1 2217 as `extract FILE.txt` reads it: the title names 'Police Commissioner Bill Bratton', the text
        # 'Commissioner Bratton' before the role and 'Chief Thomas Purtell' after it: '... Anyone caught smoking in
        # public will still be subject to arrest ..., the commissioner said.' was 'commissioner'
        ("2217", "Anyone caught smoking in public", "Bill Bratton"),
        # FNC-1 324 as the CLI reads it: the title's 'Rep. Duncan Hunter', the text's bare 'Hunter' ('Blitzer asked ...
        # about comments made ... by Hunter, a member of the House Armed Services Committee. “[A]t least 10 ISIS
        # fighters ...,” the congressman said'; 'Rep. Jason Chaffetz' paragraphs on) was 'congressman'
        ("324", "[A]t least 10 ISIS fighters", "Duncan Hunter"),
    ],
)
def test_the_congressman_is_the_one_person_titled_rep_and_a_title_s_holder_goes_before_the_text_s_later_ones(
        name: str, starts: str, speaker: str) -> None:
    assert _speaker_of("fnc1-body", name, starts) == speaker


@pytest.mark.parametrize(
    ("source", "name", "starts", "speaker"),
    [
        # 'The statement identified the woman as Kayla Jean Mueller ... ¶ "For as long as I live, ...," she said':
        # 'Kayla' is on no list of first names and 'Jean' is, so 'Jean Mueller' was read as the name
        ("fnc1-body", "1107", "For as long as I live", "Kayla Jean Mueller"),
        ("fnc1-body", "1881", "It's important to stop and realize", "Kayla Jean Mueller"),
        ("fnc1", "1107", "For as long as I live", "Kayla Jean Mueller"),
        # '‘Billie Jean King, you are the Queen,’ ... ¶ King says Ali “talked the talk ...”' was 'King'
        ("polnear-body", "breitbart_2016-06-05_the-latest-mourners-say-ali-s-de", "talked the talk", "Billie Jean King"),
        # 'Giovanni Maria Vian, the editor in chief of ... L'Osservatore Romano, said ...' was 'Maria Vian'
        ("polnear-body", "nyt_2016-02-20_for-pope-it-s-bigger-than-trump-", "both religious and political", "Giovanni Maria Vian"),
        ("polnear-body", "nyt_2016-02-20_for-pope-it-s-bigger-than-trump-", "Francis' walls are", "Giovanni Maria Vian"),
        # a body's name is no person's: 'a support group, Free James Foley,' and 'a Find James Foley website' leave
        # the journalist 'James Foley'
        ("fnc1-body", "1948", "It was not his first detention", "James Foley"),
        ("fnc1", "2450", "You got this, dude!", "James Foley"),
    ],
)
def test_an_unlisted_first_name_before_a_listed_one_makes_it_a_middle_name(
    source: str, name: str, starts: str, speaker: str
) -> None:
    assert _speaker_of(source, name, starts) == speaker


@pytest.mark.parametrize(
    ("source", "name", "starts", "speaker"),
    [
        # 'before Mr Somers appears ... ¶ He said: "My name is Luke Somers. ..."' was his father, 'Michael Somers',
        # and so were the two paragraphs of the quotation after it
        ("fnc1", "1119", "My name is Luke Somers", "Luke Somers"),
        ("fnc1", "1119", "So as I sit here now", "Luke Somers"),
        ("fnc1-body", "1119", "It's now been well over a year", "Luke Somers"),
    ],
)
def test_a_quotation_saying_my_name_is_is_that_persons(source: str, name: str, starts: str, speaker: str) -> None:
    assert _speaker_of(source, name, starts) == speaker


@pytest.mark.parametrize(
    ("source", "name", "starts", "speaker"),
    [
        # 'Somers, 33, says is certain his "life is in danger."' was his sister 'Lucy Somers', the Somers named most
        ("fnc1", "1988", "life is in danger", "Luke Somers"),
        ("fnc1-body", "1988", "life is in danger", "Luke Somers"),
        # 'her mother Anji Smith, 44, ... ¶ Delighted Mrs Smith said: "It was just ..."' was 'Jessica Smith', a
        # namesake the text mentions
        ("fnc1", "587", "It was just something a bit different", "Anji Smith"),
        ("fnc1-body", "587", "It was really weird seeing her", "Anji Smith"),
    ],
)
def test_a_surname_alone_of_a_told_sex_is_the_one_person_of_it(source: str, name: str, starts: str, speaker: str) -> None:
    assert _speaker_of(source, name, starts) == speaker


def test_men_crucified_are_killed(fakes_rows: dict[str, dict[str, str]]) -> None:
    """FA-KES dev 1923848291 (AFP): 'A jihadist group in Syria has publicly executed and crucified nine men
    eight of them rebels ...': the men are the object of 'crucified', the verb of the two the parser gives
    them, and crucifying was no deed that kills; the count had no event (the nine were found only while the
    title, 'ISIL crucifies 9 men ...', ran into this sentence and lent it 'executed')."""
    row = _fakes_row(fakes_rows, "1923848291")
    assert is_dev("1923848291"), "tests use tuning rows only"
    art = Article(id="1923848291", text=row["article_content"], title=row["article_title"])
    claims = next(extract_many([art]))
    nine = [q for q in claims.quantities if q.text == "nine men"]
    assert nine and all(q.event == "killed" for q in nine), [(q.text, q.event) for q in claims.quantities]


def _fakes_dev_articles() -> dict[str, Article]:
    """FA-KES dev's articles of the dev split (as ``test_tables._dev_rows`` splits them), read as ``ingest``
    reads the CSV: the title apart, the text as the row gives it, which often repeats the title."""
    from newstrace.evaluate.stories_fakes import load_fakes, split_of

    articles, story, _ = load_fakes(require_data("fakes", "fakes_dev.csv"))
    return {a.id: a for a in articles if split_of(story[a.id]) == "dev"}


#: FA-KES dev rows whose text opens with the title glued to the body by no full stop, a dateline between
#: them or none: the first claim of the body and where it starts
_GLUED_TITLES = [
    # 'Friday 29 Jul 2016 10 civilians dead in air strike on Syria rebel town Monitor AFP At least 10 civilians
    # were killed ...' was one claim from 'Friday'
    ("1923848160", "At least 10 civilians were killed"),
    ("1923848199", "At least 132 Islamic State militants"),  # '... fighters Monitor Reuters Wednesday 25 Feb 2015 At'
    ("1923848258", "Russian strikes in Syria"),  # '... in Syria Moscow AFP Saturday 7 Oct 2017 Russian'
    ("1923848129", "At least 43 people were killed"),  # '... evacuees hits 43 Monitor At least 43 people ...'
    ("1923848268", "seventeen civilians including"),  # '... Monitor AFP Monday 6 Jun 2016 seventeen civilians'
]


@pytest.mark.parametrize(("unit", "body"), _GLUED_TITLES)
def test_a_claim_starts_in_the_body_not_in_the_title_it_repeats(unit: str, body: str) -> None:
    """Each claim is its sentence's alone: the title and the dateline after it are no part of the
    body's first claim, read as ``ingest`` reads the row or as ``eval casualties-fakes`` does (the
    title a line of its own before the text that repeats it)."""
    a = _fakes_dev_articles().get(unit)
    assert a is not None and a.title, f"{unit} is a dev row with a title"
    for text in (a.text, f"{a.title}\n{a.text}"):
        claims = next(extract_many([Article(id=unit, text=text, title=a.title if text == a.text else None)]))
        title_end = text.find(a.title, text.find("\n") + 1) + len(a.title)
        crossing = [q.text for q in claims.quotes if q.start < title_end < q.end]
        assert not crossing, crossing
        assert [q for q in claims.quotes if not q.direct and q.text.startswith(body)], \
            [q.text[:60] for q in claims.quotes]


#: real openings with a dateline (FNC-1 train bodies, PolNeAR train texts) and the report's first words after it
_DATELINES = [
    ("fnc1", "2247", "SANAA, Dec 6 (Reuters) - ", "U.S. journalist Luke Somers"),
    ("fnc1", "226", "WASHINGTON (AP) — ", "U.S. airstrikes earlier this week"),
    ("fnc1", "9", "(CNN) -- ", "A meteorite crashed down"),
    ("fnc1", "1506", "BAGHDAD, Iraq – ", "The Islamic State (ISIS) incinerated"),
    ("polnear", "breitbart_2016-07-25_dnc-issues-deep-and-sincere-apol", "PHILADELPHIA, July 25 (UPI) — ",
     "The Democratic National Committee released"),
    ("polnear", "breitbart_2016-06-28_sanders-brexit-s-message-could-d", "New York (AFP) – ",
     "The same popular frustration"),
    # a city of several words whose first has fewer than four capitals (session 46)
    ("fnc1", "1368", "NEW YORK CITY — ", "The New York Police Department will no longer"),
]


@pytest.mark.parametrize(("source", "name", "dateline", "body"), _DATELINES)
def test_a_dateline_is_no_part_of_the_first_claim(source: str, name: str, dateline: str, body: str) -> None:
    """'SANAA, Dec 6 (Reuters) - U.S. journalist Luke Somers was killed ..., a senior official ... told
    Reuters.' was a claim from 'SANAA': a finding must point at the words that support it, and the
    dateline only says where and from whom the report came."""
    text = training_text(source, name)
    at = text.index(dateline)
    claims = next(extract_many([Article(id=name, text=text)]))
    covering = [q.text[:60] for q in claims.quotes + claims.quantities if q.start < at + len(dateline) and q.end > at]
    assert not covering, covering
    assert [q for q in claims.quotes if q.start == at + len(dateline) and q.text.startswith(body)], \
        [q.text[:60] for q in claims.quotes][:5]
@pytest.mark.parametrize(
    ("unit_id", "sentence"),
    [
        # "The airstrikes have claimed hundreds of lives wounded many others and demolished entire buildings."
        ("1924058191", "The airstrikes have claimed hundreds of lives"),
        # "The Assad regimes air force also carried out a massacre against civilians in the town of Douma in
        # eastern Ghouta on Monday claiming the lives of at least 32 people including women and children."
        ("1926479178", "The Assad regimes air force also carried out a massacre"),
    ],
)
def test_a_toll_that_claimed_lives_is_no_claim_of_a_speaker(
    fakes_rows: dict[str, dict[str, str]], unit_id: str, sentence: str
) -> None:
    """'claimed hundreds of lives', 'claiming the lives of at least 32 people' is a toll, not speech: the
    sentence was a quotation of 'airstrikes' and of 'Assad regimes air force', and compare reported it
    as one outlet's claim attributed to them (FA-KES dev)."""
    assert is_dev(unit_id), "tests use tuning rows only"
    row = _fakes_row(fakes_rows, unit_id)
    art = Article(id=unit_id, text=row["article_content"], title=row["article_title"])
    (claims,) = extract_many([art])
    at = art.text.index(sentence)
    told = [q for q in claims.quotes if q.start <= at + len(sentence) and q.end > at]
    assert not [(q.cue, q.speaker, q.text) for q in told if q.cue.lower().startswith("claim")]


@pytest.mark.parametrize(
    ("unit_id", "sentence"),
    [
        # "... more than 200 civilians have been killed in Aleppo after regime forces responded with air raids
        # to rebel rocket and artillery fire"
        ("1923102959", "regime forces responded with air raids"),
        # "... when the Baath regime in power since 1963 and led by President Bashar al-Assad responded with
        # military force to peaceful protests demanding democratic change"
        ("1923102968", "responded with military force"),
        ("1923102974", "responded with military force"),
    ],
)
def test_forces_that_responded_with_air_raids_said_nothing(
    fakes_rows: dict[str, dict[str, str]], unit_id: str, sentence: str
) -> None:
    """'responded with air raids', 'with military force' is a military act, not an answer: the clause
    before it was a quotation of 'regime forces', 'Baath regime' (FA-KES dev). 'responded that ...',
    'responded with a statement', 'responded by saying' stay speech."""
    assert is_dev(unit_id), "tests use tuning rows only"
    row = _fakes_row(fakes_rows, unit_id)
    art = Article(id=unit_id, text=row["article_content"], title=row["article_title"])
    (claims,) = extract_many([art])
    at = art.text.index(sentence)
    told = [q for q in claims.quotes if q.cue.lower().startswith("respond") and abs(q.start - at) < 400]
    assert not [(q.cue, q.speaker, q.text) for q in told]

@pytest.mark.parametrize(
    ("source", "name", "starts", "speaker"),
    [
        # 'Vice President Joseph R. Biden Jr., who ...' and then "''...,'' Mr. Biden told reporters" was 'Joseph R.
        # Biden' beside 'Joseph R. Biden Jr.': one person by two names in one article
        ("polnear", "nyt_2016-05-19_u-s-to-increase-overtime-eligibi", "The middle class is getting clobbered",
         "Joseph R. Biden Jr."),
        ("polnear", "nyt_2015-12-14_visa-screening-missed-attacker-s", "Compared to where we were 15 years ago",
         "C. Stewart Verdery Jr."),
        # a pronoun after 'Mr. Hurt is eager to ...' ('Harry Hurt III had hoped ...')
        ("polnear", "nyt_2016-07-05_a-rush-for-books-on-trump", "Time's a wasting", "Harry Hurt III"),
        # of a son's and a father's suffix, the one a speaker is named by in full ('Brent Bozell III, founder of ...'
        # over 'his father, Brent Bozell, Jr.')
        ("polnear", "breitbart_2016-01-19_long-time-leaders-of-conservativ", "It is the Republican party",
         "Brent Bozell III"),
        ("polnear", "breitbart_2016-06-05_the-latest-mourners-say-ali-s-de", "there is no great man", "Charles Elliott III"),
        # 'His son Donald Jr. announced ...' was 'Donald Jr.' beside 'Donald Trump Jr.'
        ("polnear", "nyt_2016-07-21_amid-discord-trump-claims-nomina", "that New York's delegates had delivered",
         "Donald Trump Jr."),
    ],
)
def test_a_name_takes_the_generations_suffix_the_text_writes_after_it(
    source: str, name: str, starts: str, speaker: str
) -> None:
    assert _speaker_of(source, name, starts) == speaker


@pytest.mark.parametrize(
    ("source", "name", "starts", "speaker"),
    [
        # 'In an online video Miss Somers described her older brother ... She added: "Please let him live."' was 'Miss
        # Somers': 'Miss' was no honorific, and of Lucy and Luke Somers (no first name of a list) the text tells her
        # sex by 'Lucy Somers told the Associated Press that she was informed ...'
        ("fnc1", "1119", "always believes the best", "Lucy Somers"),
        ("fnc1", "1119", "Please let him live", "Lucy Somers"),
        ("fnc1-body", "1119", "Please let him live", "Lucy Somers"),
        # 'Mrs' still the mother of two women of the surname ('Delighted Mrs Smith said'), not the one a 'she' follows
        ("fnc1", "649", "It was just something a bit different", "Anji Smith"),
    ],
)
def test_miss_and_a_surname_is_the_woman_of_the_surname(source: str, name: str, starts: str, speaker: str) -> None:
    assert _speaker_of(source, name, starts) == speaker


@pytest.mark.parametrize(
    ("source", "name", "starts", "speaker"),
    [
        # 'former neighbors say DeJeus has an unmistakable voice and say that many people on the street knew ... ¶
        # ‘That is Daiane. ...”' was DeJeus's, the parser joining the second 'say' to the clause the first says
        ("fnc1", "1125", "That is Daiane", "former neighbors"),
        ("fnc1-body", "1125", "That is Daiane", "former neighbors"),
        # a 'said' in the clause's form is the clause's subject's: 'Broaddrick said Hillary Clinton approached her “and
        # said, ‘It’s so nice to meet you’ ...”'
        ("polnear", "west-journal_2016-01-18_woman-steps-forward-with-bombshe", "It’s so nice to meet you",
         "Hillary Clinton"),
    ],
)
def test_a_second_say_joined_to_what_the_first_says_is_the_first_ones(
    source: str, name: str, starts: str, speaker: str
) -> None:
    assert _speaker_of(source, name, starts) == speaker


def _dev_both(unit_id: str) -> bool:
    """Whether FA-KES dev row ``unit_id`` is a tuning row under the story split and the casualty split alike."""
    from newstrace.evaluate.stories_fakes import load_fakes, split_of

    _articles, story, _ = load_fakes(Path(require_data("fakes", "fakes_dev.csv")))
    return unit_id in story and split_of(story[unit_id]) == "dev" and is_dev(unit_id)


def test_a_name_after_its_role_is_whole_across_its_hyphen(fakes_rows: dict[str, dict[str, str]]) -> None:
    # 'The pro-regime website Al-Masdar News reported that the Syrian army withdrew ...' was said by 'Al': the
    # name after the role stopped at the hyphen the tokenizer cut it at, as 'Hezbollahs official television
    # station Al-Manar' was 'Al' where another article of the story has 'al-Manar' (CLAIMS_VERSION 277)
    assert _dev_both("1923848261"), "tests use tuning rows only"
    (q,) = _told(fakes_rows, "1923848261", "reported", "that the Syrian army withdrew", "Al-Masdar News")
    assert q.speaker == "Al-Masdar News"


def test_a_role_joined_to_a_name_by_and_is_her_title() -> None:
    # FNC-1 217: 'Government spokeswoman and First Lady Rosario Murillo said the crater was created by a "relatively
    # small meteorite" that "appears to have come off an asteroid ..."' was said by 'Government spokeswoman' (the
    # parser made the name the role's conjunct), where body 0 of the same headline, 'Government spokeswoman Rosario
    # Murillo said', names her; 'First Lady' is a title, no first name (CLAIMS_VERSION 278)
    text = fnc1_bodies()["217"]
    (claims,) = extract_many([Article(id="217", text=text)])
    at = text.index("Government spokeswoman and First Lady")
    hits = [q for q in claims.quotes if at < q.start < at + 200]
    assert len(hits) == 2 and {q.speaker for q in hits} == {"Rosario Murillo"}, [(q.speaker, q.text) for q in hits]
    # a title the parser took for a name is no one's: 'terror expert and Director at the Asia Pacific Foundation
    # Sajjan M. Cohel said, “...”' stays the role's, not 'Director' (FNC-1 1192)
    text = fnc1_bodies()["1192"]
    (claims,) = extract_many([Article(id="1192", text=text)])
    at = text.index("terror expert and Director")
    assert {q.speaker for q in claims.quotes if at < q.start < at + 200} == {"terror expert"}


@pytest.mark.parametrize(
    ("unit_id", "sentence", "speaker"),
    [
        # "Meanwhile rebel fire on regime-held areas killed 1102 people said the Observatory adding that ..."
        ("1914947538", "Meanwhile rebel fire on regime-held areas", "Syrian Observatory for Human Rights"),
        # "... near a hospital in northwestern Syria killed at least 10 civilians said the Syrian Observatory
        # for Human Rights."
        ("1923848154", "A barrage of air strikes on Saturday", "Syrian Observatory for Human Rights"),
        # "... also wounded more than 60 people said the Observatory a British-based war-monitoring group."
        ("1926479363", "The air strikes on the town of Khan Sheikhoun", "Syrian Observatory for Human Rights"),
        # "Airstrikes on ... Aleppo Monday killed at least 36 people including children opposition activists said"
        ("1924058191", "Published October 17 2016 Airstrikes", "opposition activists"),
        # "Military jets believed to be Russian killed at least 60 civilians trying to flee ... to cross the
        # Euphrates River opposition activists former residents and a war monitor said late on Wednesday."
        ("1926479281", "Military jets believed to be Russian", "war monitor"),
    ],
)
def test_the_people_a_strike_killed_do_not_report_the_toll(
    fakes_rows: dict[str, dict[str, str]], unit_id: str, sentence: str, speaker: str
) -> None:
    """'... killed 1102 people said the Observatory' (FA-KES, commas lost): the count is what the verb before
    it did, not the subject of 'said'; the teller is the one after the cue ('said the Observatory') or the
    one ending right before it ('... opposition activists said'). It was a quotation of '1102 people'."""
    assert is_dev(unit_id), "tests use tuning rows only"
    row = _fakes_row(fakes_rows, unit_id)
    art = Article(id=unit_id, text=row["article_content"], title=row["article_title"])
    (claims,) = extract_many([art])
    at = art.text.index(sentence)
    end = art.text.index(".", at)
    told = [q for q in claims.quotes if at <= q.start < end and q.cue == "said"]
    assert [q.speaker for q in told] == [speaker], [(q.speaker, q.text) for q in told]
    # the toll is what the teller reports
    assert re.search(r"(?:killed|wounded) (?:at least |more than )?\d+ (?:people|civilians)", told[0].text), told[0].text

def test_the_place_before_an_inverted_said_is_no_teller(fakes_rows: dict[str, dict[str, str]]) -> None:
    """'... kidnapped them in the oil-rich eastern province of Deir Ezzor said the Syrian Observatory for Human
    Rights.' (FA-KES dev, commas lost): the parser gave 'said' no subject and made the Observatory its object,
    so the place before the cue spoke ('Deir Ezzor'); the teller after an inverted cue speaks."""
    unit_id = "1923848295"
    assert is_dev(unit_id), "tests use tuning rows only"
    row = _fakes_row(fakes_rows, unit_id)
    art = Article(id=unit_id, text=row["article_content"], title=row["article_title"])
    (claims,) = extract_many([art])
    at = art.text.index("The bullet-riddled bodies of the three")
    told = [q for q in claims.quotes if q.start == at]
    assert [(q.speaker, q.cue) for q in told] == [("Syrian Observatory for Human Rights", "said")]
    assert told[0].text.endswith("kidnapped them in the oil-rich eastern province of Deir Ezzor")


def test_the_outlet_an_inverted_cue_names_is_no_he() -> None:
    """'Bary had lived in Maida Vale, ..., reported the Independent. ¶ ... Bary talks about violence and drug use.
    ”It’s hard to progress ...,” he said in one of his tracks.' (FNC-1 train 34): the Independent reports the
    first, but the song lyrics after it are no newspaper's; 'the Independent' after the cue is an outlet, no
    person a later 'he' stands for."""
    text = fnc1_bodies()["34"]
    (claims,) = extract_many([Article(id="34", text=text)])
    by_start = {text[q.start:q.start + 30]: q.speaker for q in claims.quotes}
    assert by_start["Bary had lived in Maida Vale, "] == "Independent"
    lyrics = [speaker for head, speaker in by_start.items()
              if head.startswith(("It’s hard to progress", "I’m trying to change", "I can’t differentiate"))]
    assert len(lyrics) == 3 and "Independent" not in lyrics, lyrics


def test_a_place_glued_to_a_name_is_no_part_of_it(fakes_rows: dict[str, dict[str, str]]) -> None:
    # '... civilian casualties were also reported in rural areas around the Syrian capital and in Hama Aleppo and
    # Deir al-Zor Moumtzis said again without saying who was responsible.' (FA-KES dev, commas lost): the place
    # the text glued to the name was part of it, 'Deir al-Zor Moumtzis', where the text names Panos Moumtzis
    # (CLAIMS_VERSION 280)
    assert _dev_both("1926479281"), "tests use tuning rows only"
    (q,) = _told(fakes_rows, "1926479281", "said", "Explosions in Damascus killed 20 people", "Moumtzis")
    assert q.speaker == "Panos Moumtzis"
    assert q.speaker_start is not None and q.speaker_end is not None
    assert _fakes_row(fakes_rows, "1926479281")["article_content"][q.speaker_start:q.speaker_end] == "Moumtzis"


def test_a_village_no_gazetteer_holds_glued_to_a_body_is_no_part_of_it(fakes_rows: dict[str, dict[str, str]]) -> None:
    # 'They sought refuge in a clump of "clay and adobe" homes in the nearby village of Tokhar Amnesty International
    # said.' (FA-KES dev, commas lost): Tokhar, a village below the gazetteer's 15,000, was part of the teller's name
    # (CLAIMS_VERSION 286); what was said ends at the village now
    assert _dev_both("1924058079"), "tests use tuning rows only"
    (q,) = _told(fakes_rows, "1924058079", "said", "They sought refuge", "Amnesty International")
    assert q.speaker == "Amnesty International" and q.text.endswith("village of Tokhar")


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        # 'To White House critics, the unappetizing options are the result of Obama’s own foreign policy missteps. They
        # argue that he gave extremists an opening ...' (was the Independent, named paragraphs before)
        ("34", "that he gave extremists an opening"),
        # 'However, Iraqi officials wrote to the United Nations this summer claiming that ... ¶ They warned that they had
        # watched equipment there being looted on CCTV.' (was the UN)
        ("1895", "that they had watched equipment"),
    ],
)
def test_they_after_a_group_of_people_named_since_a_body_is_not_that_body(name: str, starts: str) -> None:
    """'They' took the last body named however far back, read as 'it': where the text names a group of people
    (critics, officials, sources, members) in the pronoun's sentence or the one before, after the body, 'they'
    is no longer the body (FNC-1 train bodies, read as `extract FILE.txt` reads them)."""
    assert _speaker_of("fnc1-body", name, starts) is None
