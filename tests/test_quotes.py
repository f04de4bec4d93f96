"""Quotes and attributions on damaged or unusual text: no crash, sensible degradation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newstrace.claims.extract as claims_extract
from newstrace.claims import extract_claims, extract_many
from newstrace.claims.marks import find_marked_quotes
from newstrace.cli.main import app
from newstrace.limits import Limits
from newstrace.model import Article


def _article(text: str, **kw: object) -> Article:
    return Article.create(text, **kw)  # type: ignore[arg-type]


def test_unbalanced_quote_mark_degrades(rt: Article) -> None:
    # drop the closing mark after "war crimes," so the paragraph has an odd number of marks
    cut = rt.text.index("war crimes,”") + len("war crimes,")
    text = rt.text[:cut] + rt.text[cut + 1:]
    claims = extract_claims(_article(text))
    crimes = [q for q in claims.quotes if q.direct and q.text.startswith("Those who argue")]
    assert crimes, "the unclosed quote is still reported, running to its paragraph's end"
    assert crimes[0].end <= text.index("\n", crimes[0].start)
    # later quotes are untouched by the damage
    suffered = [q for q in claims.quotes if q.text.startswith("The civilians of both sides")]
    assert suffered and suffered[0].speaker == "Staffan de Mistura"


def test_stray_marks_do_not_pair_across_paragraphs() -> None:
    text = "He said “this is unclosed\n\nSomething else entirely.” Then “a real quote here now,” she said."
    quotes = find_marked_quotes(text)
    assert all("\n" not in text[q.start:q.end] for q in quotes)
    assert any(text[q.start:q.end] == "a real quote here now" for q in quotes)


def test_nested_and_multi_paragraph_quotes() -> None:
    text = (
        "Kelli Ward is running for the Senate.\n\nDr. Ward stated:\n\n"
        '"The U.S. Department of Justice isn’t about “Equal Justice Under Law” anymore. It is about politics.\n\n'
        '"The Senate was supposed to be the guardian of the states, but John McCain has forgotten that."\n'
    )
    claims = extract_claims(_article(text))
    direct = [q for q in claims.quotes if q.direct]
    first = [q for q in direct if q.text.startswith("The U.S. Department")]
    assert first and "Equal Justice Under Law" in first[0].text  # the nested quote stays inside
    assert first[0].speaker == "Kelli Ward"
    second = [q for q in direct if q.text.startswith("The Senate was supposed")]
    assert second and second[0].speaker == "Kelli Ward"


def test_three_hundred_word_quote(rt: Article) -> None:
    words = " ".join(rt.text.replace("“", "").replace("”", "").split()[:300])
    text = f"Staffan de Mistura spoke on Sunday.\n\n“{words},” de Mistura said.\n"
    claims = extract_claims(_article(text))
    long = [q for q in claims.quotes if q.direct and len(q.text.split()) >= 290]
    assert long and long[0].speaker == "Staffan de Mistura" and long[0].cue == "said"


def test_quote_without_speaker_is_kept_without_one() -> None:
    text = "The meeting ended late.\n\n“Nobody here knows what will happen to the ceasefire next week.”\n"
    claims = extract_claims(_article(text))
    direct = [q for q in claims.quotes if q.direct]
    assert len(direct) == 1 and direct[0].speaker is None and direct[0].speaker_start is None


def test_scare_quotes_are_not_quotations(rt: Article) -> None:
    claims = extract_claims(rt)
    assert not any(q.text == "roadblocks" and q.speaker is None for q in claims.quotes)


def test_non_english_text_does_not_crash() -> None:
    text = (
        "Der UN-Sondergesandte sagte am Sonntag: „Die Angriffe auf Zivilisten müssen aufhören.“ "
        "Mindestens 20 Menschen wurden getötet.\n\n"
        "Специальный посланник ООН заявил: «Это может быть военным преступлением». Погибли 12 человек.\n"
    )
    claims = extract_claims(_article(text))
    texts = [q.text for q in claims.quotes if q.direct]
    assert "Die Angriffe auf Zivilisten müssen aufhören." in texts
    assert "Это может быть военным преступлением" in texts
    for q in claims.quotes:
        assert text[q.start:q.end] == q.text


def test_time_limit_degrades_with_a_warning(rt: Article, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claims_extract, "LIMITS", Limits(extract_seconds_per_article=0.0))
    warnings: list[str] = []
    claims = next(extract_many([rt], warn=warnings.append))
    assert warnings and rt.id in warnings[0]
    # quote-mark quotes are still reported where the parse was skipped
    assert any(q.text.startswith("You would not know") for q in claims.quotes)


def test_broad_attributions_add_stances(rewrite: Article) -> None:
    speech = extract_claims(rewrite)
    broad = next(extract_many([rewrite], attributions="broad"))
    assert len(broad.quotes) > len(speech.quotes)
    assert {(q.start, q.end) for q in speech.quotes if q.direct} <= {(q.start, q.end) for q in broad.quotes}
    cited = [q for q in broad.quotes if q.cue == "cited"]
    assert cited and cited[0].speaker == "Amnesty International" and cited[0].text.startswith("the United States")


def test_cli_extract_json(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["extract", "examples", "--json"])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert len(docs) == 2
    for d in docs:
        assert set(d) == {"id", "title", "outlet", "published", "url", "text", "quotes", "quantities"}
        for q in d["quotes"]:
            assert set(q) == {"start", "end", "text", "speaker", "speaker_start", "speaker_end", "cue", "direct"}
            assert d["text"][q["start"]:q["end"]] == q["text"]
        for n in d["quantities"]:
            assert set(n) == {"start", "end", "text", "low", "high", "subject", "event", "window", "window_hours",
                              "place", "source"}
            assert d["text"][n["start"]:n["end"]] == n["text"]
    rt = next(d for d in docs if d["outlet"] == "rt.com")
    assert any(q["speaker"] == "Staffan de Mistura" and q["text"].startswith("The civilians") for q in rt["quotes"])


def test_cli_extract_no_clean_offsets_refer_to_file(tmp_path: Path) -> None:
    raw = "Header line\r\n\r\n“It  was   terrible,” said  Samah Hadid, adding that 12 civilians were killed.\r\n"
    f = tmp_path / "a.txt"
    f.write_bytes(raw.encode("utf-8"))
    result = CliRunner().invoke(app, ["extract", str(f), "--json", "--no-clean"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)[0]
    text = f.read_bytes().decode("utf-8")
    assert doc["text"] == text
    q = next(q for q in doc["quotes"] if q["direct"])
    assert text[q["start"]:q["end"]] == "It  was   terrible" and q["speaker"] == "Samah Hadid"
    n = next(n for n in doc["quantities"])
    assert text[n["start"]:n["end"]] == "12 civilians" and n["event"] == "killed"


def test_cli_extract_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0


def test_dateline_is_not_the_speaker() -> None:
    text = (
        "WASHINGTON (AFP) – Democrat Hillary Clinton has taken a swipe at Donald Trump’s stance on Brexit, "
        "saying that “bombastic comments” do more harm than good during such times.\n"
    )
    claims = extract_claims(_article(text))
    quote = next(q for q in claims.quotes if q.direct)
    assert quote.speaker == "Hillary Clinton" and quote.cue == "saying"


def test_dateline_is_not_part_of_the_speaker() -> None:
    """A news-agency dateline is blanked for the parser; the speaker span must not start in it.

    Opening of FNC-1 body 944 (CNN), where the subject of "said" once came out as
    "         A company" spanning the dateline.
    """
    text = (
        "(CNN) -- A company whose video chat service apparently captured audio of Michael Brown's "
        "shooting said Thursday the recording was created at the time the Missouri teenager was "
        "killed this month."
    )
    claims = extract_claims(Article.create(text))
    spoken = [q for q in claims.quotes if q.speaker]
    assert spoken, "the company's statement is reported speech with a speaker"
    for q in spoken:
        assert q.speaker == q.speaker.strip()
        assert q.speaker_start is not None and q.speaker_end is not None
        span = text[q.speaker_start : q.speaker_end]
        assert span == span.strip() and "(CNN)" not in span


def test_non_speech_verbs_are_not_attributions(rewrite: Article) -> None:
    """The rewrite's own assertions are not put in anyone's mouth.

    "US-backed groups have continued to work directly with Al Nusra" is an assertion (an
    infinitive after a non-speech verb), and "almost 100 civilians were reported killed" is a
    passive report with no speaker; neither names a source.
    """
    claims = extract_claims(rewrite)
    indirect = [q for q in claims.quotes if not q.direct]
    assert not [q for q in indirect if q.cue in ("continued", "found")]
    assert not [q for q in indirect if q.cue == "reported" and q.speaker == "Most"]
    # real indirect speech in the same article stays: de Mistura "stated ... that he is appalled"
    assert any(q.speaker == "Staffan de Mistura" and q.cue == "stated" for q in indirect)


def test_credit_lines_and_photo_credits_are_not_speakers() -> None:
    """Reuters' closing credits and a photo caption glued to the next sentence (FA-KES 1926479352
    and 1926479389, as published).

    "Writing by Peter Graff" once made Peter Graff the source of the "Additional reporting by"
    line before it, and "REUTERS/Bassam Khabieh" became part of the speaker "officials".
    """
    text = (
        "A youth affected by what activists say is nerve gas is treated at a hospital in the Duma "
        "neighbourhood of Damascus August 21 2013. REUTERS/Bassam Khabieh Assads officials have said "
        "they would never use poison gas - if they had it - against Syrians. Additional reporting by "
        "Erika Solomon in Beirut and Anthony Deutsch in Amsterdam; Writing by Peter Graff Dominic Evans "
        "and Alastair Macdonald; Editing by Will Waterman and Peter Cooney Our Standards:The Thomson "
        "Reuters Trust Principles."
    )
    claims = extract_claims(_article(text))
    assert not [q for q in claims.quotes if (q.cue or "").lower() in ("writing", "reporting", "editing")]
    assert not [q for q in claims.quotes if "Graff" in (q.speaker or "") or "Standards" in (q.speaker or "")]
    gas = next(q for q in claims.quotes if q.text.startswith("they would never use poison gas"))
    assert gas.cue == "said" and gas.speaker_start is not None and gas.speaker_end is not None
    assert text[gas.speaker_start : gas.speaker_end] == gas.speaker == "officials"


def test_a_channel_before_a_name_is_not_part_of_the_speaker() -> None:
    """FA-KES 1914947532 (as published, its commas dropped): "Speaking to Syrian state TV Barazi
    said" made "TV Barazi" the speaker, a new person that the next quotations ("he added") went to
    too; the tagger tags "TV" as a name. A media noun before a name names the channel, after a word
    describing it or a channel's name ("Press TV"); a name that starts with one stays whole."""
    text = (
        "A U.S. missile strike on an airbase near the Syrian city of Homs on Friday caused deaths but is not "
        "believed to have resulted in \"big human casualties\" Homs Governor Talal Barazi said. Speaking to Syrian "
        "state TV Barazi said \"The Syrian leadership and Syrian policy will not change. \"This targeting was not "
        "the first and I dont believe it will be the last\" he added."
    )
    claims = extract_claims(_article(text))
    change = next(q for q in claims.quotes if q.text.startswith("The Syrian leadership"))
    assert change.speaker_start is not None and change.speaker_end is not None
    assert text[change.speaker_start : change.speaker_end] == "Barazi"
    assert {q.speaker for q in claims.quotes} == {"Talal Barazi"}
    zarif = "Speaking to Iran's Press TV Zarif said \"The deal is not open to renegotiation.\""
    assert _speaker_span(zarif, "The deal") == "Zarif"
    rferl = "U.S.-funded Radio Free Europe said \"Our journalists were detained in Minsk.\""
    assert _speaker_span(rferl, "Our journalists") == "Radio Free Europe"


def test_a_number_counting_no_one_does_not_open_a_speaker() -> None:
    """FA-KES dev runs datelines and clauses into the next words unpunctuated: 'Fri 07 Apr 2017 at
    0914 Homs governor says' (1914947532) made '0914 Homs governor' the speaker, and 'airstrikes
    ... that killed 13 people MSF said on Monday' (1923102845) '13 people MSF'. A number in digits
    opening a speaker is dropped with the words it counts, unless it counts the speaker: a plural
    or a share ('3 officials said', '21 percent said'). The dateline is
    test_a_dateline_month_is_no_speaker's."""
    msf = ("A hospital funded by medical charity Medcins Sans Frontieres [MSF] in a rebel-held province of northern "
           "Syria was destroyed by airstrikes over the weekend that killed 13 people MSF said on Monday. Among the dead "
           "were four staff and five children.")
    hospital = extract_claims(_article(msf)).quotes[0]
    assert hospital.speaker_start is not None and hospital.speaker_end is not None
    assert msf[hospital.speaker_start : hospital.speaker_end] == "MSF"
    assert _speaker_span('3 officials said "The base was hit twice."', "The base") == "3 officials"
    assert _speaker_span('Asked about the race, 21 percent said "not too likely."', "not too") == "21 percent"


def test_a_conjoined_gerund_with_an_object_reports_nothing() -> None:
    """Reuters' verification caveat (FA-KES 1926479264, as published): "reporting restrictions"
    parsed as a verb joined to "verify" once made Reuters the source of the whole sentence. The
    Observatory's statement before it is still attributed."""
    text = (
        "The Syrian Observatory for Human Rights which has tracked violence on all sides of the "
        "three-year-old conflict said reliable sources reported beheadings were used to execute many of "
        "the al-Sheitaat tribe which is from Deir al-Zor province. Some were arrested judged and killed. "
        "Reuters cannot independently verify reports from Syria due to security conditions and reporting "
        "restrictions. Proclaiming a caliphate straddling parts of Iraq and Syria Islamic State has swept "
        "across northern Iraq in recent weeks."
    )
    claims = extract_claims(_article(text))
    assert not [q for q in claims.quotes if q.cue == "reporting" or "verify" in q.text]
    observatory = next(q for q in claims.quotes if q.cue == "said")
    assert observatory.text.startswith("reliable sources reported beheadings")
    assert "Observatory" in (observatory.speaker or "")


def _speaker_span(text: str, starts: str) -> str | None:
    """The speaker mention (text span) of the direct quote starting with ``starts``."""
    claims = extract_claims(_article(text))
    quote = next(q for q in claims.quotes if q.direct and q.text.startswith(starts))
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    return text[quote.speaker_start : quote.speaker_end]


def test_speaker_named_around_the_quotation() -> None:
    """Speakers that sit next to the quotation without a usual speech cue before it (kinds of miss
    found on PolNeAR train): a short sentence after a question ("Hannity pressed"), a colon lead
    with no speech verb, a quoted name the parser made a second subject, and "I" as the writer."""
    pressed = "“Would you raise taxes on the middle class?” Hannity pressed. “Even a little?”\n"
    assert _speaker_span(pressed, "Would you raise") == "Hannity"
    assert _speaker_span(pressed, "Even a little") == "Hannity"

    colon = (
        "The senator's speech went on for an hour.\n\nGovernor Tom Hale then listed his priorities for the "
        "new session:\n\n“First, we will fix the roads. Then we will fund the schools that were promised "
        "money years ago.”\n"
    )
    assert _speaker_span(colon, "First, we will fix") == "Tom Hale"

    split = (
        "“And while I am at it, I hold in the highest esteem Senator John McCain,” Trump said, “and I fully "
        "support and endorse his re-election.”\n"
    )
    assert _speaker_span(split, "and I fully support") == "Trump"

    memoir = "The judge looked up from his papers. “I am not shy about my views,” I said. He did not answer.\n"
    assert _speaker_span(memoir, "I am not shy") == "I"


def test_a_time_before_a_cue_is_no_speaker() -> None:
    """'shared the news ... last week, writing “...”': the speaker is the sentence's subject, not
    the time phrase next to the gerund."""
    text = "Band member Flea shared the news on social media last week, writing “Feels great to support someone I believe in.”\n"
    assert _speaker_span(text, "Feels great") != "last week"


def test_a_body_is_named_with_its_owner_and_what_it_is_to(rt: Article) -> None:
    """RT's "according to Russia's Permanent Mission to the United Nations" was cut to "Permanent
    Mission" (the owner hangs on the name as a possessive, the organisation on "to"), and "the
    Mission's statement" took that cut name; the rule is the parse's, not these words'."""
    full = "Russia's Permanent Mission to the United Nations"
    for text, name in ((rt.text, full), (rt.text.replace("Russia's", "Britain's"), full.replace("Russia", "Britain"))):
        quotes = extract_claims(Article(id="rt", text=text)).quotes
        (cued,) = [q for q in quotes if q.speaker_start is not None and text[q.speaker_start : q.speaker_end] == name]
        assert cued.speaker == name
        (statement,) = [q for q in quotes if q.text.startswith("From February to September")]
        assert statement.speaker == name


def test_the_clause_ending_in_a_colon_names_the_speaker() -> None:
    """A colon right before a quotation closes the clause that introduces it (PolNeAR train: a
    quarter of such quotes took another cue of the sentence): its subject speaks, speech verb or
    not; a reported lead is the reporter's; a digest's verbless 'headline - Name:' is the name's."""
    interjected = (
        "Clinton said there was \"no daylight\" between their plans. She said that experts had determined "
        "her proposals were effective and strong, to which O'Malley interjected: \"It's just not true.\" "
        "He said Clinton would not go far enough.\n"
    )
    assert _speaker_span(interjected, "It's just not true") == "O'Malley"

    reported = (
        "Mr. Slinker, whose latest start-up uses big data to help brands find suppliers, said Mr. Trump was a "
        "candidate very much in the spirit of Silicon Valley: ''He's a start-up kind of guy. He has a lot of "
        "ideas and pivots a lot.''\n"
    )
    assert _speaker_span(reported, "He's a start-up") == "Slinker"

    digest = (
        "RED STATES OUTNUMBER BLUE STATES FOR THE FIRST TIME - Jeffrey M. Jones: “Gallup’s analysis of political "
        "party affiliation at the state level shows a shift toward the Republican Party.” [Gallup]\n"
    )
    assert _speaker_span(digest, "Gallup’s analysis") == "Jeffrey M. Jones"

    # a tag right after the quotation beats the lead, a pronoun as much as a name
    tagged = "Emanuel said the bill had stalled. His final assessment: “It’s not quite optimistic,” he said.\n"
    assert _speaker_span(tagged, "It’s not quite optimistic") == "he"


def test_a_quotation_inside_a_sentence_is_its_subjects_before_the_last_speakers() -> None:
    """'He cited X as “...”', 'Weaver dismissed that as a sign of “...”': a quotation that a
    sentence's own verb governs is that subject's words, stance verb or not; the last speaker
    of the paragraph before speaks only quotations standing on their own (PolNeAR train: the
    last speaker was taken for 225 such quotations with their source in the same paragraph)."""
    text = (
        "“We are going to win this state and then we are going to win the nomination,” Clinton said on Tuesday.\n\n"
        "Sanders campaign manager Jeff Weaver dismissed that suggestion as a sign of an opposing campaign in "
        "\"total disarray and panic.\"\n\n"
        "\"They know they are losing,\" he added.\n"
    )
    assert _speaker_span(text, "total disarray") == "Jeff Weaver"
    assert _speaker_span(text, "They know they") == "he"


def test_speaker_tags_the_parser_misreads_after_a_quotation() -> None:
    """'“...?” reacted Trump.' (a verb that is no speech cue, inverted before a name) and a name with
    an apposition before its verb ('Miller, a retired worker ..., said') are read from the words
    when the parse misses the subject (PolNeAR train)."""
    reacted = (
        "“Obama said in his speech that Muslims are our sports heroes. What sport is he talking about, and who? "
        "Is Obama profiling?” reacted Trump.\n"
    )
    assert _speaker_span(reacted, "Obama said in his speech") == "Trump"
    apposition = (
        "“Hi, this is Carol from the Clinton campaign, how are you today?” Miller, a retired worker from a nuclear "
        "plant, said pleasantly into the phone. “We're talking with supporters like you who -.”\n"
    )
    assert _speaker_span(apposition, "Hi, this is Carol") == "Miller"


def test_the_governing_verb_climbs_past_subjects_that_cannot_speak() -> None:
    """'cautioning that the turmoil ... underscores a need for “...”': the turmoil is what she
    warns about; the first subject above the quotation that can speak (a name, a person's
    pronoun, a role) is its speaker (PolNeAR train)."""
    text = (
        "“We will get through this together,” Mr. Cameron said on Friday.\n\n"
        "She, too, is a pragmatic internationalist battling against nationalist anger, cautioning that the turmoil "
        "after the so-called Brexit vote underscores a need for ''calm, steady, experienced leadership in the White "
        "House.''\n"
    )
    assert _speaker_span(text, "calm, steady") == "She"


def test_a_sentence_reporting_its_own_clause_does_not_tag_the_quotation_before_it() -> None:
    """'“...” Reid said both Rubio and Cruz are ...': the sentence after a quotation is its tag only
    when it reports nothing of its own ('“...” The ministry said.'); otherwise the quotation goes
    on with its speaker before (PolNeAR train: a third of such tags were right)."""
    text = (
        "\"I think what Rubio has done on immigration is one of the worst machinations in politics that I've ever "
        "seen,\" the Senate minority leader said. \"It shows a lack of character in my opinion.\" Reid said both "
        "Rubio and Cruz are \"non-entities in the Senate.\"\n"
    )
    assert _speaker_span(text, "It shows a lack") == "the Senate minority leader"
    tag = "“We reject the report and everything in it, from the first word to the last.” The ministry said.\n"
    assert _speaker_span(tag, "We reject the report") == "The ministry"


def test_a_quotation_ending_a_clause_begun_before_it_is_not_the_next_clauses() -> None:
    """'X admitted that ... “...,” he claimed ...': the quotation ends the clause its own cue began;
    the cue after the comma starts another clause and does not speak it (PolNeAR train)."""
    text = (
        "Weiner admitted to the newspaper that he and the woman had “been friends for some time,” he claimed they "
        "had never met in person.\n"
    )
    assert _speaker_span(text, "been friends for") == "Weiner"


def test_a_speech_tag_set_into_a_clause_reports_the_whole_clause() -> None:
    """'CNN, Cruz said, called the announcement “highly significant.”': the parenthetical tag
    reports the clause it is set into, whose own verb ("called") is part of the report."""
    text = (
        "Cruz claimed he had been leading in the polls before the caucus. CNN, Cruz said, called the announcement "
        "“highly significant.”\n"
    )
    assert _speaker_span(text, "highly significant") == "Cruz"


def test_a_signature_line_after_a_quotation_names_its_speaker() -> None:
    """A fact check quotes first and signs after: '"..." ¶ - Bernie Sanders.' (PolNeAR train, the
    Washington Post's debate checks); a bulleted sentence after a quotation signs nothing."""
    text = (
        "Here are the claims we checked.\n\n"
        "\"[Americans are] worried about the future of their kids, and yet almost all new income and wealth is "
        "going to the top 1 percent.\"\n\n- Bernie Sanders.\n\nThe senator is relying on an outdated statistic.\n"
    )
    assert _speaker_span(text, "[Americans are] worried") == "Bernie Sanders"
    bullet = (
        "Here is what the poll found.\n\n\"We are not done yet, and we will keep fighting for every vote in "
        "every state.\"\n\n- Clinton leads among women by 20 points.\n"
    )
    assert _speaker_span(bullet, "We are not done yet") is None
    # a name with a lower-case particle signs whole ('de Mistura', 'al-Assad'); it signed nothing
    for name in ("Staffan de Mistura", "Bashar al-Assad", "Ursula von der Leyen"):
        signed = f"Here is the statement.\n\n\"We will not give up on the people of Aleppo.\"\n— {name}, in Geneva\n"
        assert _speaker_span(signed, "We will not give up") == name


def test_a_noun_phrase_tag_after_a_quotation_names_its_speaker() -> None:
    """'“...,” the editorial read.' and '"...," read the statement, which ...': the parser takes the
    verb for a noun (or misses the inversion); the words still tag the quotation (PolNeAR train)."""
    editorial = (
        "The newspaper criticized the candidate.\n\n“If she wants to be the next president, Hillary Clinton should "
        "act like one, and come to Louisiana,” the editorial read.\n"
    )
    assert _speaker_span(editorial, "If she wants") == "the editorial"
    statement = (
        "\"In writing her beautiful speech, Melania's team of writers took notes on her life's inspirations,\" read "
        "the statement, which was attributed to Miller.\n"
    )
    assert _speaker_span(statement, "In writing her") == "the statement"


def test_a_quotation_continuing_one_in_its_paragraph_keeps_its_speaker() -> None:
    """'“...,” Kasich said after Trump said .... “...”': the second quotation of a paragraph goes on
    with the first one's speaker, not with a speech verb mentioned in between (PolNeAR train)."""
    text = (
        "“We are going to win this state and we are going to win it big,” Kasich said after Trump said he would "
        "skip the debate. “And then we will take that win all the way to the convention.”\n"
    )
    assert _speaker_span(text, "And then we will") == "Kasich"


def test_a_speaker_of_a_sentence_between_two_quotations_speaks_the_second() -> None:
    """'“...,” Putin said. Obama replied that .... “...”': someone named who speaks in a sentence of
    their own between two quotations of a paragraph is the one going on, not the first quotation's
    speaker (that holds only for speech the first quotation's own sentence reports, as Kasich's)."""
    text = (
        "“We will respond,” Putin said on Monday. Obama replied that the sanctions would stay in place. "
        "“They are justified and they will not be lifted.”\n\n"
        "The minister said the talks had failed. “There is nothing more to discuss,” he said. His deputy, "
        "however, said the door remained open. “We are ready to talk at any time.”\n"
    )
    assert _speaker_span(text, "They are justified") == "Obama"
    assert _speaker_span(text, "We are ready") == "His deputy"
    # a pronoun speaking between them is most likely the first speaker again: it does not take over
    it = (
        "\"Two Belgian jets were identified in the region at that time,\" the statement said. It added that the "
        "ground around the sites was stained with a green liquid. \"Our troops exposed to the gas experienced "
        "burning of the throat.\"\n"
    )
    assert _speaker_span(it, "Our troops") == "the statement"


def test_a_clause_of_time_before_a_colon_does_not_name_the_speaker() -> None:
    """'Protesters chanted slogans as police moved in: "..."': the clause that "as" opens sets the
    scene of the main clause's act; the main clause's subject speaks. A subordinate clause that
    reports speech itself ('as the heckler yelled:', 'As Professor Foner put it:') still does."""
    chanted = "Protesters chanted slogans as police moved in: \"Freedom!\"\n"
    assert _speaker_span(chanted, "Freedom") == "Protesters"
    while_ = (
        "The senator closed her speech while the crowd was still filing out of the hall: \"We will not stop "
        "until every child in this state has a school worth attending.\"\n"
    )
    assert _speaker_span(while_, "We will not stop") == "The senator"
    yelled = "Cruz went on with his speech as a heckler yelled: \"You are a liar and everybody here knows it!\"\n"
    assert _speaker_span(yelled, "You are a liar") == "a heckler"
    put = (
        "Immigrants have always found their way in. As Professor Foner put it: \"The United States does a better "
        "job at accepting immigrants as Americans in the making.\"\n"
    )
    assert _speaker_span(put, "The United States does") == "Foner"


def test_a_scare_quote_governed_by_a_thing_has_no_speaker() -> None:
    """'The pro-democracy protests of the "Arab Spring" spread to Syria': a term in quotation marks
    whose sentence's subject cannot speak (protests, a situation) is nobody's words, not that
    subject's; a subject that is people ('researchers', 'the audience', a name the tagger took for
    a common noun) still speaks the phrase its verb governs."""
    spring = "The pro-democracy protests of the \"Arab Spring\" spread to Syria in 2011, and the war began.\n"
    quotes = extract_claims(_article(spring)).quotes
    assert not [q for q in quotes if q.text == "Arab Spring" and q.speaker is not None]
    situation = "The situation at the border is \"entirely different\" from last year.\n"
    assert not [q for q in extract_claims(_article(situation)).quotes if q.speaker is not None]
    researchers = "Over 170 researchers spent months compiling \"billionaire dossiers\" for the index.\n"
    assert _speaker_span(researchers, "billionaire dossiers") == "Over 170 researchers"


def test_a_headline_label_before_a_colon_is_no_speaker() -> None:
    """'EXCLUSIVE: "..."', 'Q: "..."', 'WATCH:', 'BREAKING:', 'UPDATE:' label a headline or a
    transcript line; the label is not who speaks (it was taken for a name lead like 'Graham: "..."')."""
    for label in ("EXCLUSIVE", "Q", "WATCH", "BREAKING", "UPDATE"):
        text = f"The town hall ran late into the night.\n\n{label}: \"We will not leave this town whatever happens to us.\"\n"
        assert _speaker_span(text, "We will not leave") is None, label
    # a tag after the quotation still names its speaker
    tagged = "EXCLUSIVE: \"We will not leave,\" the mayor of the town told reporters on Monday.\n"
    assert _speaker_span(tagged, "We will not leave") == "the mayor"
    # and a name before the colon still speaks
    named = "The town hall ran late into the night.\n\nGraham: \"We will not leave this town whatever happens.\"\n"
    assert _speaker_span(named, "We will not leave") == "Graham"


def test_a_short_quote_goes_to_people_its_verb_is_about() -> None:
    """The short-quote rule asks ``_can_speak`` of the subject of the verb governing the phrase, so
    a crowd or people ('the crowd reprised its chant of "..."') speak it, as names and roles do,
    rather than the speaker of a cue in another clause (PolNeAR train)."""
    text = "When Trump mentioned Clinton's emails, the crowd reprised its chant of \"Lock her up!\" for a full minute.\n"
    assert _speaker_span(text, "Lock her up") == "the crowd"


def test_a_quotation_the_same_cue_reports_again_keeps_its_speaker() -> None:
    """'“...?” asked Mr. Manafort, referring to .... “The answer is he is not.”': the parser took
    the name for the cue's object, so the cue has no subject; the words after the first quotation
    named its speaker, and the second quotation, reported by the same cue, is that speaker's
    (PolNeAR train, the New York Times' doubled apostrophes)."""
    text = (
        "Mr. Manafort spoke to the committee members on Thursday.\n\n''Is Donald Trump running against the "
        "Republican National Committee?'' asked Mr. Manafort, referring to the candidate's unrelenting assault on "
        "what he calls the ''crooked'' nominating process. ''The answer is he is not.''\n"
    )
    assert _speaker_span(text, "The answer is he is not") == "Mr. Manafort"


def test_an_according_to_source_speaks_only_where_no_speech_verb_does() -> None:
    """'According to Variety, Trump brought “SNL” ...': no one says “SNL”, and the sentence gives
    its source. '“...,” Sanders said, according to CNN' is Sanders's quotation, whatever channel
    it came through: a trace of the quotation from outlet to outlet must keep its speaker."""
    cnn = (
        "“I ask you as a personal courtesy to me not to engage in any kind of protest on the floor,” Sanders said, "
        "according to CNN.\n"
    )
    assert _speaker_span(cnn, "I ask you") == "Sanders"
    variety = "According to Variety, Trump brought “SNL” its highest ratings since Jan. 7, 2012.\n"
    assert _speaker_span(variety, "SNL") == "Variety"


def test_a_gerund_cue_without_a_subject_is_the_sentences_subjects() -> None:
    """'Band member Flea shared the news ..., writing “...”': the parser made the gerund a subject
    inside the quotation, so the cue had no speaker; a gerund after the sentence's main verb reports
    for that verb's subject (PolNeAR train: 8 gained, 1 lost)."""
    text = "Band member Flea shared the news on social media last week, writing “Feels great to support someone I believe in.”\n"
    assert _speaker_span(text, "Feels great") == "Flea"


def test_a_gerund_cue_after_the_main_verb_is_not_the_nouns_before_it() -> None:
    """The main verb's subject speaks for a gerund with no subject of its own before the word right
    before the gerund does: '..., on Twitter, writing “...”' was Twitter's, '... after the war,
    writing “...”' the war's (the parser made 'writing' a subject inside the quotation)."""
    twitter = "Flea marked the anniversary with a photo of the war on Twitter, writing “Feels great to support someone I believe in.”\n"
    assert _speaker_span(twitter, "Feels great") == "Flea"
    war = "Flea marked the anniversary with the news of the war after the war, writing “Feels great to support someone I believe in.”\n"
    assert _speaker_span(war, "Feels great") == "Flea"


def test_as_someone_puts_it_is_a_speech_cue() -> None:
    """'as the columnist puts it, "..."' reports the quotation as much as 'said' does (PolNeAR
    train: 7 quotations went to another cue of the sentence, or to no one)."""
    text = (
        "Take the Federal Reserve. Trump says that even though he would probably replace Janet L. Yellen, he thinks "
        "she has done a \"serviceable job.\" That is because, as the columnist puts it, \"the best thing we have going "
        "for us\" is that she has kept interest rates so low.\n"
    )
    assert _speaker_span(text, "the best thing") == "the columnist"
    # a pronoun puts it as well, and resolves to the last named speaker as 'he said' does, one the
    # tagger took for a plural noun at the start of its sentence ('Sanders/NNS said') too
    text = "Sanders said the system was broken. As he puts it, “The economy is rigged for those at the top.”\n"
    claims = extract_claims(_article(text))
    quote = next(q for q in claims.quotes if q.direct)
    assert _speaker_span(text, "The economy") == "he" and quote.speaker == "Sanders" and quote.cue == "puts"


def test_broad_stances_take_the_same_speakers_as_quotations() -> None:
    """Broad mode's stance rules ask ``_can_speak`` of their subject, as the quotation rules do:
    people ('Local researchers were critical of ...') hold stances, not only names and role nouns."""
    text = "Local researchers were critical of the new curfew in the city.\n"
    (claims,) = extract_many([_article(text)], attributions="broad")
    assert [(q.text, q.speaker) for q in claims.quotes] == [("the new curfew in the city", "Local researchers")]


def test_a_colon_after_nothing_but_spaces_is_no_lead_and_no_crash() -> None:
    """A line of spaces before a colon ('\\n   : “...”') matched the 'Name:' lead with no name in
    it, and taking its last word raised IndexError: the article lost all its claims. Since the
    text-only lead is read for every quotation, even one whose speaker follows it lost them."""
    for text in ("The minister spoke on Tuesday.\n   : “We will rebuild every school in the city,” the statement read.",
                 "Officials met.\n\t\t: “We will rebuild every school in the city”",
                 "  :“We will rebuild every school in the city”"):
        quotes = extract_claims(_article(text)).quotes
        assert [q.text for q in quotes if q.direct] == ["We will rebuild every school in the city"], text


def test_a_dateline_month_is_no_speaker() -> None:
    """FA-KES's lead 'Fri 07 Apr 2017 at 0914 Homs governor says ...': the parser made "Apr" the
    subject of "says", and the indirect quotation went to "Apr"; a month or weekday, as a day or
    "yesterday" already was, says nothing, and the noun before the verb does."""
    text = ("Fri 07 Apr 2017 at 0914 Homs governor says U.S. attack caused deaths but doesnt see big human losses. "
            "A U.S. missile strike on an airbase near the Syrian city of Homs on Friday caused deaths, Homs "
            "Governor Talal Barazi said.\n")
    claims = extract_claims(_article(text))
    first = next(q for q in claims.quotes if q.text.startswith("U.S. attack caused deaths"))
    assert first.speaker_start is not None and first.speaker_end is not None
    # not "0914 Homs governor": the time counts no one (test_a_number_counting_no_one_does_not_open_a_speaker)
    assert text[first.speaker_start:first.speaker_end] == "Homs governor"


def test_a_closing_quote_mark_without_a_space_is_not_part_of_the_speaker() -> None:
    """PolNeAR train '... paranoia,”Clinton said.': the tokenizer keeps ',”Clinton' with the word
    before, and the speaker was 'paranoia,”Clinton'; the mention starts after the quote mark."""
    text = ("The debate turned to security.\n\n“There is a lot of fear and paranoia,”Clinton said. "
            "“Some of the comments have been divisive.”\n")
    assert _speaker_span(text, "There is a lot") == "Clinton"


def test_the_subject_of_an_eager_adjective_says_its_infinitive() -> None:
    """PolNeAR train 'Trump was quick to add that the negotiation does not include nixing the idea
    altogether. “Building it? Not negotiable.”': "to add" hangs on "quick", which has no subject,
    so the quotation had no speaker; the subject of "was" speaks (for a list of adjectives of
    manner: 'voters are likely to say' is no one speaking)."""
    text = ("The wall came up again.\n\nTrump was quick to add that the negotiation does not include nixing "
            "the idea altogether. “Building it? Not negotiable.”\n")
    assert _speaker_span(text, "Building it") == "Trump"


def test_the_subject_of_a_passive_prompt_says_its_infinitive() -> None:
    """PolNeAR train 'the debate was so subdued that Mr. Trump was prompted to say, "So far, I
    cannot believe how civil it's been up here."': "to say" hangs on the passive "prompted",
    whose subject is nsubjpass, so the quotation had no speaker; that subject speaks (for a list of
    verbs of prompting and reporting: 'they were meant to show' is no one speaking)."""
    text = ("The candidates kept their voices down.\n\nBut much of the debate was so subdued that Mr. Trump was "
            "prompted to say, “So far, I cannot believe how civil it's been up here.”\n")
    assert _speaker_span(text, "So far") == "Trump"


def test_a_party_and_state_parenthesis_is_not_the_speaker() -> None:
    """PolNeAR train 'Sen. Elizabeth Warren (D-MA) said ... a “proven failure”': the parser left
    "said" without a subject, and the name just before it was 'MA'; the name before the
    parenthesis speaks."""
    text = ("Warren spoke in Springfield.\n\nSaturday at the Massachusetts Democratic state’s party convention Sen. "
            "Elizabeth Warren (D-MA) said presumptive Republican presidential nominee Donald Trump was a “proven "
            "failure” in business.\n")
    assert _speaker_span(text, "proven failure") == "Sen. Elizabeth Warren"


def test_who_sends_a_message_to_people_saying_it_speaks() -> None:
    """PolNeAR train 'The Vermont senator emailed supporters saying: “The struggle continues”' and
    'his campaign sent out a text message to supporters saying: “...”': the gerund hangs on the
    addressees, and 'supporters saying' made them the speakers; the sender speaks."""
    text = ("Sanders did not concede.\n\nThe Vermont senator emailed supporters saying: “The struggle continues.”\n\n"
            "His campaign sent out a text message to supporters saying: “With your help, we won New Hampshire!”\n")
    assert _speaker_span(text, "The struggle") == "The Vermont senator"
    assert _speaker_span(text, "With your help") == "His campaign"


def test_a_headline_s_last_word_is_no_first_name_of_the_next_line_s_speaker() -> None:
    # the headline ends in a capitalised word and the body opens with the surname: "West Assad" is
    # no name; a first name on the speaker's own line still completes it
    body = "Syria's Assad Warns West\nAssad told AFP: \"We will win this war.\""
    assert [q.speaker for q in extract_claims(Article.create(body, id="b")).quotes] == ["Assad"]
    later = body + " Later President Bashar Assad spoke to reporters."
    assert extract_claims(Article.create(later, id="c")).quotes[0].speaker == "Bashar Assad"


@pytest.mark.parametrize(
    "sentence",
    [
        '"We are not leaving," one resident, Abu Mohammed, told Reuters by phone.',
        '"We are not leaving," a resident, Abu Mohammed, told Reuters.',
    ],
)
def test_a_quotation_s_tag_with_an_apposition_reports_it_once(sentence: str) -> None:
    quotes = extract_claims(Article.create("Residents stay in Aleppo\n" + sentence, id="t")).quotes
    assert [(q.text, q.speaker, q.direct) for q in quotes] == [("We are not leaving", "Abu Mohammed", True)]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("A Pentagon spokesman, Capt. Jeff Davis, said the strike targeted an airbase.", "Jeff Davis"),
        ('"We hit the target," a Pentagon spokesman, Jeff Davis, told reporters.', "Jeff Davis"),
        ("A Pentagon spokesman said the strike targeted an airbase.", "Pentagon"),
    ],
)
def test_a_spokesman_named_in_apposition_speaks_by_name(sentence: str, speaker: str) -> None:
    quotes = extract_claims(Article.create("Strike on Shayrat\n" + sentence, id="s")).quotes
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        # FA-KES's copy drops the commas: the manner of a sorting is no source
        ("The Observatory says it determines whose planes carry out raids according to their type location "
         "flight patterns and the munitions involved.", ["Observatory"]),
        ("Everything went according to plan.", []),
        ("According to state media, 12 people were killed.", ["state media"]),
    ],
)
def test_according_to_a_manner_names_no_source(sentence: str, speakers: list[str]) -> None:
    quotes = extract_claims(Article.create("Air strikes in Syria\n" + sentence, id="m")).quotes
    assert [q.speaker for q in quotes] == speakers


def test_a_statement_spoken_in_is_its_speaker_s() -> None:
    # the speech verb reports its own clause, and 'the statement' later is the same body's
    text = ("Manbij battle\nIn a statement, the Syrian Democratic Forces said they had taken the town. "
            "The rebels were continuing to battle Daesh on four fronts, the statement said.")
    quotes = extract_claims(Article.create(text, id="sdf")).quotes
    assert [(q.text, q.speaker) for q in quotes] == [
        ("they had taken the town", "Syrian Democratic Forces"),
        ("The rebels were continuing to battle Daesh on four fronts", "Syrian Democratic Forces"),
    ]


def test_in_a_statement_is_no_cue_of_a_sentence_whose_verb_speaks() -> None:
    """FNC-1 train body 1187: the parse hangs 'that a raid ...' on 'time', so 'acknowledged' reports
    no clause, and the 'In a statement' rule took the rest of the sentence, 'Thursday, Pentagon
    press secretary ... Kirby acknowledged ...', as the statement's content with 'In' as its cue.
    The sentence's verb speaks: it is the cue, and what follows it the content."""
    text = ("Somers rescue\nIn a statement Thursday, Pentagon press secretary Rear Adm. John Kirby acknowledged "
            "for the first time that a raid last month had sought to rescue Somers but that he turned out not to "
            "be at the site.\n\nWhite House spokeswoman Bernadette Meehan also said President Barack Obama had "
            "authorized a rescue operation to free Somers.")
    quotes = extract_claims(Article.create(text, id="1187")).quotes
    assert [(q.speaker, q.cue, q.text[:36]) for q in quotes] == [
        ("John Kirby", "acknowledged", "for the first time that a raid last "),
        ("Bernadette Meehan", "said", "President Barack Obama had authorize"),
    ]
@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("Trump spoke first.\n\nCruz has railed against what he calls the “Washington cartel” and cast himself "
         "as a Washington outsider.\n", "Washington cartel", "Cruz"),
        ("Mr. Trump spoke last week.\n\nThe president denounced what he called the “deeply pessimistic” vision of "
         "America that emerged from the convention in Cleveland.\n", "deeply pessimistic", "The president"),
        ("Mrs. Clinton spoke first.\n\nSenator Chris Murphy said she must focus on how best to connect to a broader "
         "electorate that is in what he called a “revolutionary mood,” alluding to Mr. Sanders.\n",
         "revolutionary mood", "Chris Murphy"),
        # no free relative: 'which he called' keeps its pronoun
        ("Trump spoke first.\n\nDeSantis said he has supported legislation that would target regional accreditation "
         "bodies, which he called “a cartel for higher education.”\n", "a cartel", "he"),
    ],
)
def test_the_pronoun_of_a_free_relative_is_its_clauses_subject(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train 'Cruz has railed against what he calls the “Washington cartel”' and 'The
    president denounced what he called the “deeply pessimistic” vision': the cue's subject is the
    pronoun, which went to the last speaker named (often another person); the subject of the clause
    the free relative sits in speaks, passing over subjects that cannot speak or are someone else."""
    assert _speaker_span(text, starts) == speaker


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("The crowd began to chant.\n\nAs the crowd began to chant, Silverman was joined on stage again by Minnesota "
         "Sen. Al Franken and joked, “Bernie or Bust people, you’re being ridiculous,” drawing loud jeers.\n",
         "Bernie or Bust", "Silverman"),
        ("Republicans were in a panic.\n\nBy the end of the day, Mr. Trump was forced into a rare moment of damage "
         "control and said that his words had been ''misconstrued.''\n", "misconstrued", "Trump"),
    ],
)
def test_a_cue_joined_to_a_passive_clause_is_its_subjects(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train 'Silverman was joined on stage again by Minnesota Sen. Al Franken and joked,
    “...”': the conjoined cue has no subject of its own, and the passive verb it hangs on gave its
    agent ('by Al Franken') or nothing; the passive's subject, the one both clauses are about, speaks."""
    assert _speaker_span(text, starts) == speaker


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("The results came in late.\n\nHillary Clinton dealt a severe blow to Senator Bernie Sanders with an "
         "unexpectedly strong win that led her to declare that the Democratic nomination was ''in sight.''\n",
         "in sight", "her"),
        ("The debate turned ugly.\n\nAt one point, Cruz coached Trump to \"breathe, breathe, breathe.\" That prompted "
         "Rubio to make a joke about yoga and call Trump \"very flexible,\" a nod to the front-runner.\n",
         "very flexible", "Rubio"),
        # the infinitive is no speech: the quoted word is the subject's, not the object's
        ("The emails came up again.\n\nTrump urged Russia to dig up the \"missing\" emails of his rival.\n",
         "missing", "Trump"),
    ],
)
def test_the_object_of_a_verb_of_prompting_says_its_infinitive(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train 'a win that led her to declare that the Democratic nomination was ''in sight''' and
    'That prompted Rubio to make a joke about yoga and call Trump "very flexible"': the infinitive's
    subject is the object of the verb of prompting (object control), not that verb's subject ('that',
    the win) or the last speaker; only for a speech infinitive ('urged Russia to dig up' is no speech)."""
    assert _speaker_span(text, starts) == speaker


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("Economists were wary.\n\n\"I worry that we may see a resurgence of Democrats singing the virtues of balanced "
         "budgets.\nDean Baker, Center for Economic and Policy Research.\"\n\nBut the campaign went on.\n",
         "I worry that", "Dean Baker"),
        ("“It’s very interesting what happens with the Geneva Convention,” he said at one point.\n\n\"Everybody "
         "believes in the Geneva Convention until they start losing.\nDonald Trump.\"\n\nOr you can leave it there.\n",
         "Everybody believes", "Donald Trump"),
        # the quotation's own last line signs nothing
        ("The senator thanked the crowd.\n\n\"We are going to win this state and then we are going to win the "
         "country.\nThank you.\"\n\nThe crowd cheered.\n", "We are going to win", None),
    ],
)
def test_a_signature_line_inside_the_closing_mark_names_the_speaker(
        text: str, starts: str, speaker: str | None) -> None:
    """PolNeAR train '"I worry that ... tax cuts. ¶ Dean Baker, Center for Economic and Policy
    Research."' (a pull quote): the quotation runs to its line's end unclosed, and the line under it
    names the speaker before the closing mark; it had no speaker, or the last speaker's ('he')."""
    assert _speaker_span(text, starts) == speaker


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("Republican insiders were split.\n\n“There are more candidates competing in New Hampshire,” added one New "
         "Hampshire Republican. Yet another said, “Rubio is in a five-person battle with Bush, Christie, Kasich and "
         "Cruz” for second place.\n", "Rubio is in", "another"),
        ("Voters were asked about the economy.\n\nMore than nine of 10 Republicans in Tennessee and Georgia were "
         "worried about the economy; most said they were \"very worried.\" In Virginia, 85% of Democrats agreed.\n",
         "very worried", "most"),
        ("The poll asked about experience.\n\nWhile those surveyed said former Florida governor Jeb Bush has the "
         "\"best experience,\" Trump is the candidate Republican voters trust most.\n", "best experience",
         "those surveyed"),
    ],
)
def test_a_determiner_standing_for_people_is_a_speaker(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train 'Yet another said, “...”', 'most said they were "very worried."', 'those surveyed
    said ... "best experience"': the cue's subject is a determiner or quantifier standing for a noun
    of people, which no speaker rule read (it is neither a noun nor a pronoun), so the quotation had
    no speaker."""
    assert _speaker_span(text, starts) == speaker


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("Donors were unimpressed.\n\n“His lack of knowledge is disturbing to me,” Marc Levine said of Trump. Of "
         "Carson, Levine, who has given money to Marco Rubio, said, “He’s flat-out scary. But he’s totally vapid.”\n",
         "He’s flat-out scary", "Levine"),
        ("Silicon Valley is wary.\n\nMr. Slinker, whose latest start-up, Paradata, uses big data to help brands find "
         "suppliers, said Mr. Trump was a candidate very much in the spirit of Silicon Valley: ''He's a start-up kind "
         "of guy. He has a lot of ideas.''\n", "He's a start-up", "Slinker"),
    ],
)
def test_the_name_before_a_relative_clause_speaks_a_cue_without_subject(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train 'Of Carson, Levine, who has given money to Marco Rubio, said, “...”' and 'Mr.
    Slinker, whose latest start-up, Paradata, uses big data ..., said ...: ''...''': the parser hung
    the name on the relative clause (or made 'Of' the subject) and the cue had no speaker; the name
    before the comma opening the relative clause speaks."""
    assert _speaker_span(text, starts) == speaker


def test_a_cue_the_parser_joined_to_an_object_is_the_clauses_subjects() -> None:
    """PolNeAR train 'He then adopted a fake Southern accent and joked, “...”': the parser made
    "joked" a conjunct of the noun "accent", which has no subject, and the quotation had no
    speaker; the verb governing that object, whose conjunct the cue really is, gives it."""
    text = ("Beck went on.\n\n“I don’t know who we are.”\n\nHe then adopted a fake Southern accent and joked, “But "
            "I’mma just gonna make it easier for them to make fun of me.”\n")
    assert _speaker_span(text, "But I’mma") == "He"


def test_a_quotation_after_a_sentence_the_parser_ended_at_its_mark_opens_its_sentence() -> None:
    """PolNeAR train (The New York Times' '' marks) 'Days after Tsege's arrest and extradition, Nega
    volunteered to replace him in Eritrea. ''Was I going to remain an academic ...?'' he told me.':
    the parser ended the sentence before at the opening mark, so the quotation seemed not to open its
    sentence and the tag after it ('he told me') was never read; it had no speaker."""
    text = ("Nega was a professor in Washington.\n\nDays after Tsege's arrest and extradition, Nega volunteered to "
            "replace him in Eritrea. ''Was I going to remain an academic, sitting in an ivory tower criticizing "
            "things?'' he told me. ''Or was I going to do something as an engaged citizen?'' Nega put his house up "
            "for sale.\n")
    assert _speaker_span(text, "Was I going") == "he"


def test_a_quotation_ending_in_a_quotation_is_tagged_after_it() -> None:
    """PolNeAR train '“When this came about and [Clinton] read about it, her immediate response has
    been, ‘Let’s see what’s going on, and what can we do to help?’” Renteria told reporters ...': the
    character before the closing mark is the inner quotation's mark, not the question mark that
    lets a tag after a quotation report it, so the quotation had no speaker."""
    text = ("Clinton sent staff to Flint.\n\n“When this came about and [Clinton] read about it, her immediate response "
            "has been, ‘Let’s see what’s going on, and what can we do to help?’” Renteria told reporters during "
            "Tuesday’s conference call.\n")
    assert _speaker_span(text, "When this came") == "Renteria"


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("Ryan was asked about Trump.\n\n\"I'm just not ready to do that at this point. I'm not there right now,\" Ryan "
         "said last week on CNN, though he said, \"I hope to.\"\n", "I hope to", "he"),
        ("John, the 7th District chairman, spoke next.\n\nThough he said it resulted in a “handful of people who were "
         "sort of unknown to the local party” filing papers, John said none were added to the party’s slate.\n",
         "handful of people", "he"),
    ],
)
def test_a_pronoun_cue_in_an_adverbial_clause_keeps_its_quotation(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train '"...," Ryan said last week on CNN, though he said, "I hope to."' and 'Though he
    said it resulted in a “handful of people ...” filing papers, John said none were added': the
    quotation is the adverbial clause's ('though he said'), which the rule that a reported clause's
    pronoun gives way to the outer cue's name ('Kasich says he'd tell him “...”') took from it."""
    assert _speaker_span(text, starts) == speaker


def test_a_gerund_cue_heading_a_fragment_is_the_sentence_befores() -> None:
    """PolNeAR train 'Maher stated of the email scandal that the State Department IG’s report “wasn’t
    good.” Adding, “...”': the gerund is the root of a sentence of its own with no subject, and the
    quotation had no speaker; the speaker of the sentence it goes on (in its paragraph) says it."""
    text = ("Maher interviewed Sanders.\n\nLater in the show, Maher stated of the email scandal that the State "
            "Department IG’s report “wasn’t good.” Adding, “Now, like with all Clinton scandals, what they actually "
            "do is never that bad. It’s always how they handle it.”\n")
    assert _speaker_span(text, "Now, like with") == "Maher"


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("Thor said he would run.\n\n“Imagine Brad Thor going up against Trump and Clinton on the same stage,” mused "
         "Blaze co-host Stu Burguiere. “Not to mention, President Thor.”\n", "Imagine Brad Thor", "Stu Burguiere"),
        ("Serafinowicz posted the clip on Thursday.\n\n“What if Donald Trump had elocution lessons?” the 43-year-old "
         "asked in the video’s description.\n", "What if Donald", "the 43-year-old"),
        ("Economists disagreed.\n\n“The tax would be a drag on growth for years,” said Douglas Holtz-Eakin, a former "
         "director of the Congressional Budget Office.\n", "The tax would", "Douglas Holtz-Eakin"),
    ],
)
def test_a_word_split_at_its_hyphen_stays_in_a_speaker_tag(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train '“...,” mused Blaze co-host Stu Burguiere.' and '“...?” the 43-year-old asked':
    the tokenizer splits 'co-host' and '43-year-old' at their hyphens, and a tag read from the words
    after a quotation stopped at the hyphen as at punctuation, so these quotations had no speaker
    and 'Douglas Holtz-Eakin' was cut to 'Douglas Holtz'; a role before a name after a verb that is
    no speech cue ('mused') leaves the name as the speaker."""
    assert _speaker_span(text, starts) == speaker


def test_a_quotation_after_a_paragraph_about_the_last_speaker_is_theirs() -> None:
    """PolNeAR train '“...,” Howard said recently. “...” ¶ Howard continued his scathing remarks. ¶
    “Eight years ago she was the presumed Democratic nominee ...”': the quotation has no cue, and the
    last speaker's words were two paragraph breaks back, past the reach of a continuing quotation,
    so it had no speaker; a paragraph between that opens with the speaker's name keeps them
    speaking (as its subject, the mention the quotation is given)."""
    text = ("Howard had no praise for Clinton.\n\n“When they look at her I believe what they’re going to see is a "
            "photograph of a bitter old grandma,” Howard said recently.\n\nHoward continued his scathing remarks.\n\n"
            "“Eight years ago she was the presumed Democratic nominee, and the country was not ready for her.”\n")
    claims = extract_claims(_article(text))
    quote = next(q for q in claims.quotes if q.direct and q.text.startswith("Eight years ago"))
    assert quote.speaker == "Howard"
    assert quote.speaker_start == text.index("Howard continued")


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("The supporter was charged.\n\nThe supporter was later charged with assault. Trump at the time said he’d "
         "asked his “people” to “look into” paying the fees.\n", "people", "Trump"),
        ("The ruling came late.\n\nHusted continued by saying, “We will appeal this decision because it will "
         "undermine the outcome of an election.”\n", "We will appeal", "Husted"),
    ],
)
def test_a_name_tagged_as_a_verb_is_a_subject_speaker(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train 'Trump at the time said he’d asked his “people” to “look into” paying the fees'
    and 'Husted continued by saying, “...”': the tagger read the name as a verb ('Trump/VB',
    'Husted/VBN'), so the subject was no mention and the quotation went to 'he' or had no speaker;
    a capitalised subject with a verb's tag, never written in lower case in its text, is a name."""
    assert _speaker_span(text, starts) == speaker


def test_a_speech_tag_right_after_a_subject_is_not_its_apposition() -> None:
    """PolNeAR train 'Clinton, a top aide said, “is very confident, very confident in the contrast”':
    the parser made 'a top aide' an apposition of 'Clinton' and 'Clinton' the subject of the tag
    'said' set into her clause; the noun phrase right before the tag is its speaker."""
    text = ("The debate is weeks away.\n\nClinton, a top aide said, “is very confident, very confident in the "
            "contrast” between her and Trump.\n")
    assert _speaker_span(text, "is very confident") == "a top aide"


def test_a_sentence_with_a_strong_cue_only_is_parsed() -> None:
    """PolNeAR train 'Sami recalled how on his first trip from the airport, all he saw was a dark
    highway lined with trees. "And I was like, 'God, please, I want to see a city.'"': "recalled"
    (like "joked", "quipped") is a speech verb that introduces a quotation, but no sentence was
    parsed for it alone, so the quotation after it had no speaker and the recollection was lost."""
    text = ("Sami came to Clarkston from Iraq in 2011.\n\nSami recalled how on his first trip from the airport, all "
            "he saw was a dark highway lined with trees. \"And I was like, 'God, please, I want to see a city.'\"\n")
    assert _speaker_span(text, "And I was like") == "Sami"


def test_the_statement_a_nominal_speaker_spoke_in_is_theirs() -> None:
    # 'the U.S. military' is no name, so 'the statement said' found no one who spoke in it
    text = ("Manbij offensive\nGovernment forces pushed into the town over the weekend, the U.S. military said in a "
            "statement on Tuesday. Civilians fled the fighting, the statement said.")
    quotes = extract_claims(Article.create(text, id="usm")).quotes
    assert [q.speaker for q in quotes] == ["U.S. military", "U.S. military"]


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("Hillary Clinton, her candidacy on the line, won here in 2008 partly because of Mr. Obama's patronizing "
         "suggestion at a similarly timed debate that she was ''likable enough.''\n", "likable", "Obama"),
        ("Unemployment had spiked because the poor had suddenly decided in unison to be very lazy. Mitt Romney's "
         "“47 percent” comment was nearly as dismissive as Williamson's vitriol.\n", "47 percent", "Mitt Romney"),
        ("But Podliska's most explosive claim is that the House Select Committee on Benghazi is a “witch hunt” "
         "launched to “get” Hillary Clinton.\n", "witch hunt", "Podliska"),
        ("Hillary Clinton said on Friday she had made mistakes. The comments came in the form of a convoluted answer "
         "to a question about inconsistencies between her claim that she \"never sent or received classified "
         "information\" on her private email server and Comey's testimony.\n", "never sent", "her"),
        # the parser hung the noun inside the quoted clause; the words around the marks say whose it is
        ("Many of them negotiated generous plans. It's the persistent pull of Obama's \"if you like your plan, you "
         "can keep it\" promise.\n", "if you like", "Obama"),
        # the owner after the noun
        ("Legal scholars objected to the racial remarks and to the suggestion by a potential president that someone "
         "\"ought to look into\" the judge.\n", "ought to", "a potential president"),
        # a characterisation of someone's words is the characteriser's
        ("Speaker Paul D. Ryan called Mr. Trump's remarks “the textbook definition of a racist comment.”\n",
         "the textbook", "Paul D. Ryan"),
        ("Fox News hosted Trump in February. Hillary Clinton says Trump's “divisive” comments are dangerous.\n",
         "divisive", "Hillary Clinton"),
    ],
)
def test_the_owner_of_a_speech_noun_says_its_words(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train: 'Mr. Obama's patronizing suggestion ... that she was “likable enough”' was
    Hillary Clinton's (the subject of 'won'), 'Podliska's most explosive claim is that the committee
    is a “witch hunt”' the committee's (the subject of 'is'), and 'Mitt Romney's “47 percent”
    comment' no one's quotation at all: the owner of a comment, claim or suggestion says what it
    holds; what a speaker calls someone's remarks stays the speaker's."""
    assert _speaker_span(text, starts) == speaker


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("O'Malley, who signed sweeping gun laws as governor, interjected to say: \"They've both been inconsistent "
         "when it comes to this issue. I'm the one candidate on this stage that actually brought people together.\"\n",
         "They've both", "O'Malley"),
        ("\"Is President Obama going to finally mention the words radical Islamic terrorism? If he doesn't he should "
         "immediately resign in disgrace!\" the presumptive GOP presidential nominee, Donald Trump, tweeted Sunday "
         "after a lone-wolf attack on an Orlando nightclub.\n", "Is President", "Donald Trump"),
    ],
)
def test_a_past_tense_read_as_its_long_subjects_participle_is_the_verb(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train: the parser made 'interjected' and 'tweeted' participles modifying the long
    subject before them ('the words spoken'), the subject the sentence's root, so neither quotation
    had a speaker; with a noun the root, such an active participle is the sentence's verb."""
    got = _speaker_span(text, starts)
    assert got is not None and speaker in got


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("\"We think early money sets the terms of the debate, and we're gearing up,\" said Scott Reed, the Chamber's "
         "chief political strategist, who added that his organization plans to zero in on local issues \"like folks "
         "are running for sheriff.\"\n", "like folks", "Scott Reed"),
        ("\"It wasn't a convincing argument,\" said one Democrat familiar with the discussion, who added that the White "
         "House seemed \"rattled\" and \"frustrated\" by the rising opposition to its policy within the party ranks.\n",
         "rattled", "Democrat"),
    ],
)
def test_who_after_a_description_of_a_person_is_that_person(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train: the parser hung 'who added' on the apposition describing Scott Reed and on
    'the discussion' a Democrat was familiar with, so the relative pronoun stood for 'the Chamber's
    chief political strategist' or 'the discussion', no speaker the quotation preferred over the
    outer 'said'; 'who' now stands for the person described, and the clause's own cue reports it."""
    claims = extract_claims(_article(text))
    quote = next(q for q in claims.quotes if q.direct and q.text.startswith(starts))
    assert quote.speaker_start is not None and text[quote.speaker_start:quote.speaker_end] == "who"
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("Marvin Roffman drew Trump's ire after he told the Wall Street Journal that despite the excitement "
         "surrounding the opening of the Taj, he didn't think Trump's latest casino would last long: \"Once the cold "
         "winds blow from October to February, it won't make it,\" Roffman predicted. \"The market just isn't "
         "there.\"\n", "Once the cold", "Roffman"),
        ("If Russia is behind the widespread digital assault on Democratic institutions — as many researchers "
         "believe, and Democrats are alleging, but Moscow strongly denies — “why wouldn’t you want to raise the "
         "potential [for tampering]?” asked Dunn, now a partner at communications firm SKDKnickerbocker.\n",
         "why wouldn", "Dunn"),
        ("Mrs. Clinton and her surrogates are responding, painting Mr. Trump as a sympathizer of white supremacists - "
         "''If Trump wins, they could be running the country,'' one Clinton ad declared - or denouncing him as a "
         "''psychopath.''\n", "If Trump wins", "one Clinton ad"),
    ],
)
def test_the_tag_after_a_quotation_set_off_by_a_colon_or_dash_reports_it(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train: the parser hung each quotation on the clause before its colon or dash, which
    read as a clause going on through the quotation, so the tag right after it ('Roffman
    predicted', 'asked Dunn', 'one Clinton ad declared') was passed over for the cue before it
    ('he didn't think', 'many researchers believe', 'Mrs. Clinton ... responding')."""
    assert _speaker_span(text, starts) == speaker


def test_a_surname_with_an_inner_capital_the_tagger_took_for_a_noun_is_a_name() -> None:
    """PolNeAR train: the tagger read 'D’Souza' as a common noun, and a surname so tagged counted as
    a name only in the shape 'Sanders', so 'D’Souza replied' had a speaker that cannot speak and
    the quotation went to 'Glenn Beck asked' in the clause before; 'O’Donnell said' named no one's
    full name ('Brett O’Donnell')."""
    text = ("After BlazeTV’s Glenn Beck asked the conservative who he thought would win the presidency, D’Souza replied, "
            "“If I had to bet now, I regret to say, I would bet on Hillary.”\n")
    assert _speaker_span(text, "If I had to bet") == "D’Souza"


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("Sen. Marco Rubio, R-Fla., appearing on Fox News right after the speech, said Obama failed to address public "
         "concerns about the threats from the Islamic State. Nothing the president said \"will assuage people's "
         "fears,\" the Florida senator said.\n", "will assuage", "the Florida senator"),
        ("\"America can't ever be neutral when it comes to Israel security or survival,\" Clinton told the AIPAC "
         "meeting in Washington. Candidates who think \"America no longer has vital national interests at stake in "
         "this region are dangerously wrong,\" she said.\n", "America no longer", "she"),
    ],
)
def test_a_bare_tag_after_a_quotation_its_clause_began_before_reports_it(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train: a quotation that goes on a clause begun before it ('Nothing the president
    said “...”', 'Candidates who think “...”') had the tag after it passed over (so that 'Although
    he says he “loves China,” he [does ...]' is not read as a tag), and went to the clause's own
    subject; a speech verb with nothing of its own after it ('the Florida senator said.') reports it."""
    assert _speaker_span(text, starts) == speaker


def test_an_outlet_reporting_a_clause_is_no_bare_tag() -> None:
    """PolNeAR train: 'Clinton ... pledged to “...,” the Orlando Sentinel reported': the outlet
    passes the words on; the speaker of the clause keeps them, as with 'according to'."""
    text = ("Earlier in the day, Clinton held a roundtable meeting with Orlando community leaders and pledged to “promote "
            "the kinds of changes that will prevent this from happening to other people, other families and other "
            "communities,\" the Orlando Sentinel reported.\n")
    assert _speaker_span(text, "promote the kinds") == "Clinton"


def test_a_role_noun_opening_a_sentence_is_no_surname() -> None:
    """PolNeAR train: 'Sources told POLITICO' (capitalised, never written in lower case in the
    story) passed as a surname the tagger had mistaken, so Feinstein's 'she said' after it named
    'Sources'; a word of the speaker nouns ('sources', 'officials', 'aides') is a role, not a name."""
    text = ("Senate Intelligence Ranking Democrat Dianne Feinstein (D-Calif.) last week said Clinton was not the "
            "originator of any \"top secret\" email chains. Sources told POLITICO, however, that she did chime in and "
            "the conversation flowed both ways, a point Feinstein also acknowledged to Bloomberg.\n\n"
            "Asked Tuesday about Sullivan, Feinstein said \"I don't know anything about Jake Sullivan and the emails,\" "
            "she said. \"I've never heard it before... I've seen the emails but I don't register on Jake Sullivan.\"\n")
    quotes = [q for q in extract_claims(_article(text)).quotes if q.direct and q.text.startswith(("I don't", "I've"))]
    assert len(quotes) == 2 and all(q.speaker == "Dianne Feinstein" for q in quotes)


def test_a_long_sentence_whose_first_clause_tags_a_quotation_is_parsed() -> None:
    """PolNeAR train: '"All the way!" Dawson shouted, shorthand for taking the pro-Sanders fight ...'
    is split after the exclamation mark, and the sentence after it, with no quote mark or cue of
    the parse list and longer than a short tag, was never parsed, so the quotation took the 'it'
    of the sign before ('“I am still Sanders,” it read.'); a sentence whose first clause is short
    is read as the tag it may be."""
    text = ("LOS ANGELES — Actress Rosario Dawson took the stage at a Bernie Sanders rally here in late June, a “Talk "
            "Bernie to Me” tote bag at her side, as hundreds of boisterous supporters cheered and waved signs. Dawson "
            "smiled and triumphantly lifted a sign of her own.\n\n“I am still Sanders,” it read.\n\n\"All the way!\" "
            "Dawson shouted, shorthand for taking the pro-Sanders fight all the way to the Democratic convention.\n")
    assert _speaker_span(text, "All the way") == "Dawson"


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        ("When Trump finally wrapped up — “I will fight for you, and I will win for you!” — the balloons cascaded down "
         "on the crowd.\n", "I will fight", "Trump"),
        ("Mr. Comey couched his concern on Tuesday by repeating the intelligence community's favorite phrase - ''we "
         "assess'' - four times, but ultimately reached no hard and fast conclusion.\n", "we assess", "Comey"),
    ],
)
def test_a_clause_a_dash_closes_before_a_quotation_introduces_it(text: str, starts: str, speaker: str) -> None:
    """PolNeAR train: a dash before a quotation introduces it as a colon does ('Trump finally
    wrapped up — “...”', 'repeating the ... favorite phrase - ''we assess'' -'); only a colon was
    read, so the first had no speaker and the second was dropped as nobody's."""
    assert _speaker_span(text, starts) == speaker


def test_of_two_subjects_the_one_in_quotation_marks_is_no_speaker() -> None:
    """PolNeAR train: in 'Washington, star of television’s “Scandal,” thanked Obama for “...”' the
    parser made the quoted show a second subject of 'thanked', and of two subjects the one next to
    the verb was taken ('“... Sen. John McCain,” Trump said' wants that), so the quotation had none
    (it went to 'She' of the paragraph before); the subject outside quotation marks is preferred."""
    text = ("Schumer was in the White House East Room for Obama’s announcement Tuesday. She became a voice for gun "
            "control after three people were fatally shot last summer at a Louisiana screening of her blockbuster "
            "film, “Trainwreck.”\n\nWashington, star of television’s “Scandal,” thanked Obama for “taking these steps "
            "to make us ALL safer.”\n")
    assert _speaker_span(text, "taking these steps") == "Washington"


def test_an_inverted_tag_whose_subject_opens_with_its_owner_names_the_speaker() -> None:
    """PolNeAR train: in '“...,” exhorted Clinton's introducer, actress Jamie Lee Curtis.' the
    subject of the inverted tag ('introducer') stands three words after the verb, past the two an
    inversion allowed, so the quotation went to 'she vowed' of the sentence before; a subject
    phrase opening with its owner ('Clinton's') right after the verb is read too."""
    text = ("A Clinton presidency, she vowed, would bring better-paying jobs, renovated schools, and repaired bridges and "
            "highways. Then there was the most obvious change of all: \"It's about time that we had a woman running "
            "this country,\" exhorted Clinton's introducer, actress Jamie Lee Curtis.\n")
    got = _speaker_span(text, "It's about time")
    assert got is not None and "Jamie Lee Curtis" in got


def test_a_tag_between_two_quotations_whose_subject_the_parse_lost_gives_the_first_ones_speaker() -> None:
    """PolNeAR train: in '“...,” Mr. Daniloff, now 81 and retired in Cambridge, Mass., said by
    telephone this week. “...”' the first quotation's speaker was read off the words after it (verb
    'retired'), and the parse gave 'said' no subject, so the second quotation, whose cue 'said' is,
    had no speaker; a subject-less tag between the two takes the speaker the first was given there."""
    text = ("''If Reagan had gone with Kemp, I would have been sitting in Siberia for a long time,'' Mr. Daniloff, now 81 "
            "and retired in Cambridge, Mass., said by telephone this week. ''I've got to tell you about being arrested "
            "and imprisoned - every minute is like a day, every hour is like a year.''\n")
    assert _speaker_span(text, "I've got to tell") == "Daniloff"


def test_a_tag_right_after_a_quotation_is_its_own_not_the_speech_verb_above_it() -> None:
    """PolNeAR train (Washington Post): in 'Clinton suggested that ... was unserious - "Again, we need
    to get into the details," she said - and charged ...' the parser hung 'she said' under the quoted
    verb, itself under 'suggested', and the rule that gives a pronoun's quotation to the speech verb
    reporting its clause gave it to 'Clinton'; a tag read right after the quotation is its own."""
    text = ("Clinton suggested that Sanders's latest plan was unserious - \"Again, we need to get into the details,\" "
            "she said - and charged that in pursuing his goal of a single-payer system, Sanders would jeopardize "
            "Obama's landmark Affordable Care Act.\n")
    assert _speaker_span(text, "Again, we need") == "she"


def test_a_lead_before_a_dash_is_not_read_through_the_quoted_verb_it_hangs_on() -> None:
    """PolNeAR train (USA Today): in 'Trump also embraced enhanced interrogation techniques -- "I think
    waterboarding is peanuts ..."' the parser hung the lead's verb on the quoted 'think', so the
    reporting verb above the lead was the quotation's own and its subject 'I' no speaker; the
    quotation went to the 'Trump said' of the paragraph before. The climb stops at the quotation."""
    text = ("\"Everyone else is coming out with polls saying I'm leading,\" Trump said on ABC's This Week. \"We have "
            "incompetent people.\"\n\nTrump also embraced enhanced interrogation techniques -- \"I think waterboarding "
            "is peanuts compared to what they'd do to us.\"\n")
    claims = extract_claims(_article(text))
    quote = next(q for q in claims.quotes if q.direct and q.text.startswith("I think waterboarding"))
    assert quote.speaker_start == text.index("Trump also")


def test_a_verb_right_before_a_comma_that_opens_a_quotation_names_its_speaker() -> None:
    """PolNeAR train: in Breitbart's 'After former California Gov. Jerry Brown criticized Bill Clinton
    during a debate, Hillary shot back, "..."' the cue 'criticized' named Brown; in NYT's 'Mrs. Clinton
    drew cheers as she thanked her adopted home state and then boomed, ''Today, ...''' no cue of the
    lexicon named anyone. A finite verb with nothing after it but the comma and the quotation
    introduces it; not one in a clause of condition or report ('... to think that if the U.S. pulls
    back, "..."'), nor one whose subject cannot speak ('said the move was made by NYPD commissioner
    Bill Bratton and said, "..."', where the parser joined the second 'said' to 'made'), nor the
    quoter's 'and I quote, "..."'."""
    text = ("After former California Gov. Jerry Brown criticized Bill Clinton during a debate, Hillary shot back, "
            "\u201cI suppose I could have chosen to bake cookies and have teas, but I chose to fulfill my "
            "profession.\u201d\n")
    assert _speaker_span(text, "I suppose") == "Hillary"
    boomed = ("Smiling broadly throughout her victory speech, Mrs. Clinton drew cheers as she thanked her adopted "
              "home state and then boomed, ''Today, you proved once again, there's no place like home.''\n")
    assert _speaker_span(boomed, "Today, you proved") == "she"
    conditional = ("Ryan said it\u2019s unrealistic to think that if the U.S. pulls back, \u201cour oceans are going "
                   "to save us.\u201d\n")
    assert _speaker_span(conditional, "our oceans") == "Ryan"
    thing = ("De Blasio said the move was made by NYPD commissioner Bill Bratton and said, \u201cWho are you going "
             "to trust on security and keeping people safe?\u201d\n")
    assert _speaker_span(thing, "Who are you") == "De Blasio"
    quoter = "No wonder Trump said, and I quote, \"We love the poorly educated.\" He is treating his supporters badly.\n"
    assert _speaker_span(quoter, "We love") == "Trump"


def test_a_speech_tag_right_after_a_quoted_phrase_reports_the_clause_it_closes() -> None:
    """PolNeAR train (Politico): in 'The former secretary of state will play the "woman card," Fiorina
    said, adding ...' the rule that gives a short quoted phrase to the subject of the verb governing
    it ('Cruz questioned Trump's "New York values"') took the tag's Fiorina away for 'The former
    secretary'; the tag after the phrase reports the whole clause. A channel's tag ('..., the Times
    reported', USA Today) leaves the phrase to whom the clause is about, as 'according to' does."""
    text = ("\"But you're not going to beat Hillary Clinton by attacking Bill Clinton,\" she said.\n\nThe former "
            "secretary of state will play the \"woman card,\" Fiorina said, adding that the way to go after it \"is "
            "to attack her track record.\"\n")
    assert _speaker_span(text, "woman card") == "Fiorina"
    channel = ("When asked about how his proposed ban would affect Khan, 45, Trump said: \"There will always be "
               "exceptions,\" the Times reported.\n")
    assert _speaker_span(channel, "There will always") == "Trump"


def test_a_relative_clause_before_a_colon_leaves_the_quotation_to_the_clause_it_describes() -> None:
    """PolNeAR train (HuffPost): 'Sanders responded with a phrase that could have come from Trump
    himself: "Do not moan to me about Hillary Clinton's problems."' went to 'that' (the phrase): the
    verb above the word before the colon was the relative clause's; the main clause's subject
    speaks. A speech verb of the relative clause reports the quotation itself (Washington Post)."""
    text = ("Sanders responded with a phrase that could have come from Trump himself: \u201cDo not moan to me about "
            "Hillary Clinton\u2019s problems.\u201d\n")
    assert _speaker_span(text, "Do not moan") == "Sanders"
    said = ("She said she had obtained video of Adelson at a fundraiser in Las Vegas on Feb. 27, in which Adelson "
            "said: \"Trump is a businessman. I am a businessman. Why not?\"\n")
    assert _speaker_span(said, "Trump is a businessman") == "Adelson"


def test_a_boy_or_friends_may_speak_the_quotation_their_verb_opens() -> None:
    """PolNeAR train (NYT): 'River Avenue Skate Park in the Bronx was reverberating with ..., when a
    young boy shouted, "Brujas coming, yo!"' and 'Freddy circled it as his friends jeered, "Do
    svidaniya!"' kept the park's and Freddy's cues: _can_speak knew no boy and no friends, so the
    verb before the comma named no one who may speak."""
    text = ("Early one evening in June, River Avenue Skate Park in the Bronx was reverberating with its usual medley "
            "of screeching from the elevated No. 4 train and scattered applause from Yankee Stadium, when a young boy "
            "shouted, ''Brujas coming, yo!''\n")
    assert _speaker_span(text, "Brujas coming") == "a young boy"
    friends = ("Once, when they spotted a Soviet trawler in international waters off the coast of Montauk, Freddy "
               "circled it as his friends jeered, ''Do svidaniya!'' - Russian for ''goodbye.''\n")
    assert _speaker_span(friends, "Do svidaniya") == "his friends"


def test_a_clause_of_the_quotation_itself_before_its_comma_names_no_speaker() -> None:
    """Constructed, as no sentence of PolNeAR train or FNC-1 train bodies has it: the ones of this shape
    ('argues that as Beijing's ... ties ... deepen, "its political influence ..."', PolNeAR train,
    Washington Post) already go to the reporting subject, as 'as' is the parse's mark. In 'Smith recalled
    that when the Democrats lost, "nobody in the room was ready for it."' the parse tags 'when' advmod,
    not mark, so the clause of time passed for a scene-setting one and 'the Democrats' spoke; a clause
    hung on a verb inside the quotation is part of the quoted sentence, and the reporting verb speaks."""
    text = "Smith recalled that when the Democrats lost, \"nobody in the room was ready for it.\"\n"
    assert _speaker_span(text, "nobody in the room") == "Smith"
    real = ("But Tom Miller, at a consulting firm called Gavekal Dragonomics, argues that as Beijing's investment and "
            "financial ties with Central Asia deepen, \"its political influence will inevitably strengthen,\" too.\n")
    assert _speaker_span(real, "its political influence") == "Tom Miller"


def test_verbs_of_speech_the_cue_list_lacked_report_their_quotation() -> None:
    """PolNeAR train (Washington Post, NYT): 'proclaimed', 'lamented' and 'testified' were no cues, so
    'Donald Trump, who proclaimed in July - falsely - that Christians fleeing Syria "cannot come into
    this country"' went to Jeb Bush, quoted in the paragraph before, 'Charlie Sykes, who lamented in an
    interview ..., "We have spent 20 years ..."' to the 'he' of the paragraph before, and 'Michael
    Sexton, subsequently testified ... that "none of the professors ..." were handpicked by Trump' to
    Trump, the agent of the passive inside the quoted clause."""
    text = ("In a particularly pernicious twist, Jeb Bush and Ted Cruz both floated the notion Sunday of admitting "
            "Christian refugees from Syria but not Muslims.\n\nThe religious test for refugees originated, as nasty "
            "things often do, in the mouth of Donald Trump, who proclaimed in July - falsely - that Christians "
            "fleeing Syria \"cannot come into this country\" but Muslim refugees from Syria \"can come in so "
            "easily.\"\n")
    assert _speaker_span(text, "cannot come into") == "who"
    sykes = ("Those who spend an inordinate amount of time ''listening to certain cable shows,'' he said, wind up in "
             "a debate that's ''divorced from reality.''\n\nThen there was the conservative radio host Charlie "
             "Sykes, who lamented in an interview with the Business Insider politics editor Oliver Darcy, ''We have "
             "spent 20 years demonizing the liberal mainstream media.''\n")
    assert _speaker_span(sykes, "We have spent") == "who"
    sexton = ("One of the university's top executives, Michael Sexton, subsequently testified in one of the class "
              "action suits that \"none of the professors at the live events\" were handpicked by Trump.\n")
    assert _speaker_span(sexton, "none of the professors") in (
        "One of the university's top executives, Michael Sexton", "Michael Sexton")


def test_a_speech_participle_after_a_reported_clause_is_the_reporters() -> None:
    """PolNeAR train (Breitbart, NYT): in 'Trump told Newsmax that Mitt Romney "had a crazy policy of
    self-deportation which was maniacal," adding, "He lost all of the Latino vote ..."' the parser hung
    'adding' on the reported 'had', so the second quotation went to Romney, whose policy the first is
    about; the participle goes on the teller's speech ('She said she was thinking, ''...,'' adding,
    ''...''' gave the inner 'she'). A participle after a tag ('Comey cannot say that "...,"
    Lewandowski added, saying ...', Politico) stays the tag's."""
    text = ("To wit, Trump told Newsmax that Mitt Romney \u201chad a crazy policy of self-deportation which was "
            "maniacal,\u201d adding, \u201cHe lost all of the Latino vote \u2026 he lost everybody who is inspired to "
            "come into this country.\u201d\n")
    assert _speaker_span(text, "He lost all") == "Trump"
    tag = ("Comey cannot say that \u201cfrom his perspective,\u201d Lewandowski added, saying it should be \u201cup to "
           "the prosecutor to move forward or not.\u201d\n")
    assert _speaker_span(tag, "up to the prosecutor") == "Lewandowski"


def test_chants_and_other_speech_nouns_are_their_owners_words() -> None:
    """PolNeAR train (Breitbart, AP copy): 'But their chants of "Ted! Ted! Ted! Ted" were cut short ...'
    had no speaker: 'chants' was not among the nouns for something said whose owner says it (as in
    'Romney's "47 percent" comment'), nor were 'calls', 'cries', 'pleas', 'jabs', 'barbs', 'taunts'."""
    text = ("Cruz supporters roared when Texas was called for Ted Cruz moments after statewide polls closed.\n\n"
            "But their chants of \u201cTed! Ted! Ted! Ted\u201d were cut short when news feeds shifted a few seconds "
            "later to Marco Rubio\u2019s speech.\n")
    assert _speaker_span(text, "Ted! Ted!") == "their"


def test_a_share_of_respondents_quoted_answers_through_the_poll_the_sentence_names() -> None:
    """PolNeAR train (Washington Post, USA Today): in 'In a September Washington Post-ABC News poll,
    75 percent of Republicans said "most people in politics" can't be trusted' the quotation went to
    '75 percent', which PolNeAR's annotators credit to the poll, as a poll's finding; so in the four
    sentences of train that name their poll ('In a ... poll', 'according to an Associated Press-GfK
    poll', 'The poll has bad news for Bush - 25 percent ... say'). A share with no poll in its
    sentence keeps the quotation (Washington Post's '21 percent said "not too likely"')."""
    text = ("In this election, Trump and the other outsiders may be helped by the electorate's lack of faith in "
            "politicians. In a September Washington Post-ABC News poll, 75 percent of Republicans said \"most people "
            "in politics\" can't be trusted.\n")
    span = _speaker_span(text, "most people")
    # the poll's name, within its phrase: a bare "a" or "poll" would pass a substring test alone
    assert span is not None and "Washington Post-ABC News" in span
    assert span in "a September Washington Post-ABC News poll"
    share = ("This sentiment was reflected in another question that asked Democrats how likely Clinton was to defeat "
             "Trump in the general election, to which 21 percent said \u201cnot too likely\u201d and 14 percent said "
             "\u201cnot at all likely.\u201d\n")
    assert _speaker_span(share, "not too likely") == "21 percent"


def test_a_pronoun_speaking_in_a_relative_clause_keeps_its_quotation() -> None:
    """PolNeAR train (Politico): in 'Yukiya Amano, director general of the International Atomic Energy
    Agency, said in a statement Wednesday that, if its claims are true, North Korea is violating U.N.
    Security Council resolutions — which he added "is deeply regrettable."' the rule that gives a
    reported clause's pronoun to the outer cue's name ('Kasich says he'd tell him "..."') climbed out
    of the relative clause to 'said'; the relative clause's 'he added' reports it, as an adverbial
    clause's 'though he said' does."""
    text = ("Yukiya Amano, director general of the International Atomic Energy Agency, said in a statement Wednesday "
            "that, if its claims are true, North Korea is violating U.N. Security Council resolutions \u2014 which he "
            "added \u201cis deeply regrettable.\u201d\n")
    assert _speaker_span(text, "is deeply regrettable") == "he"


def test_a_phrase_quoted_in_a_reported_clause_is_the_reporters() -> None:
    """PolNeAR train (Washington Post, Politico): 'She noted that Sanders in the past has criticized the
    president for accepting contributions from Wall Street and called the president "weak" and
    "disappointing."' gave both phrases to Sanders, the subject of the reported 'called', and 'Hillary
    Clinton says the Obama administration should be taking additional measures ... and that she expects
    President Barack Obama to announce an "intensification"' gave Clinton's word to Obama; PolNeAR's
    annotators give such phrases to the one who reports the clause, in nine sentences of train against
    one. A conjunct with a subject of its own is a statement of its own (NYT: '... Puerto Rico has been
    warning that it is running out of cash, and Ms. Acosta said the ''extraordinary measures'' ...')."""
    text = ("Clinton used the exchange on financial regulations to drive a wedge between Sanders and Obama. She noted "
            "that Sanders in the past has criticized the president for accepting contributions from Wall Street and "
            "called the president \"weak\" and \"disappointing.\"\n")
    assert _speaker_span(text, "weak") == "She"
    that = ("Hillary Clinton says the Obama administration should be taking additional measures against the Islamic "
            "State and that she expects President Barack Obama to announce an \u201cintensification\u201d in the U.S. "
            "campaign.\n")
    assert _speaker_span(that, "intensification") == "Hillary Clinton"
    own = ("It is not clear how long her particular brand of magic can continue. Puerto Rico has been warning that it "
           "is running out of cash, and Ms. Acosta said the ''extraordinary measures'' she had been using to produce "
           "cash so far were unsustainable.\n")
    assert _speaker_span(own, "extraordinary measures") in ("Acosta", "Ms. Acosta")


def test_a_quotation_of_any_length_in_a_reported_clause_is_the_reporters() -> None:
    """PolNeAR train (Washington Post): the reporter rule above held for phrases of six words or fewer;
    'Rubio pushed back on those claims Thursday, saying that the bill had the correct security components
    but was waylaid by voter mistrust - and arguing that he and Cruz shared "almost all the same views on
    immigration."' (seven words) went to 'voter mistrust', and 'Republicans were quick to chime in, with
    Donald Trump tweeting that it was a "disaster" for Clinton and asking, "How can someone with such bad
    judgement be our next president?"' to 'Republicans'."""
    text = ("Rubio pushed back on those claims Thursday, saying that the bill had the correct security components but "
            "was waylaid by voter mistrust - and arguing that he and Cruz shared \"almost all the same views on "
            "immigration.\"\n")
    assert _speaker_span(text, "almost all the same") == "Rubio"
    asking = ("Republicans were quick to chime in, with Donald Trump tweeting that it was a \"disaster\" for Clinton "
              "and asking, \"How can someone with such bad judgement be our next president?\"\n")
    assert _speaker_span(asking, "How can someone") == "Donald Trump"


def test_a_news_outlet_reporting_a_clause_passes_its_quotation_on() -> None:
    """FNC-1 train bodies 1656 and 2072: after the rule that a clause's reporter speaks the quotation in
    it, 'The Daily Mail reports that one eyewitness, Ludmila Hristoforova, told a local television
    station, "The creature was big ..."' went to the Daily Mail and 'Huffington Post reports that
    Wintour even hopes that "another Kim Kardashian comes along this year."' to Huffington Post. A
    channel passes on the words of those it reports, as '..., the Times reported' and 'according to CNN'
    do here: the climb stops at 'reports' and at an outlet's verb ('The Post said that ...')."""
    text = ("The Daily Mail reports that one eyewitness, Ludmila Hristoforova, told a local television station, \"The "
            "creature was big, looking like a bear, but not a bear. From the door we've seen something big and "
            "shaggy.\"\n")
    assert _speaker_span(text, "The creature was big") == "Ludmila Hristoforova"
    wintour = ("Huffington Post reports that Wintour even hopes that \u201canother Kim Kardashian comes along this "
               "year.\u201d\n")
    assert _speaker_span(wintour, "another Kim Kardashian") == "Wintour"
    post = ("The Post said that in an interview with Israel Radio in early November, Rosenberg said she had decided to "
            "join the fighters for humanitarian and ideological reasons and \u201cbecause they are our brothers\u201d "
            "who are fighting the Islamic State.\n")
    assert _speaker_span(post, "because they are") == "Rosenberg"


def test_a_pronoun_with_no_one_named_before_it_is_the_role_that_spoke() -> None:
    # FNC-1 train body 1223: the palace's spokesman is never named; "he said" was no one's
    text = (
        "A spokesman for Buckingham Palace confirmed the find. \"There are several hundred fungi species in the "
        "palace garden, including a small number of naturally occurring fly agaric mushrooms,\" he said. The fungi "
        "are beneficial to trees and help them take in nutrients, he added.\n"
    )
    quotes = extract_claims(_article(text)).quotes
    fungi = [q for q in quotes if q.direct and q.text.startswith("There are several hundred")]
    assert fungi and fungi[0].speaker is not None and fungi[0].speaker.startswith("spokesman")
def test_straight_single_quotes_are_quotations() -> None:
    # FNC-1 train bodies 77, 110 and 1388 (Daily Mail copy) quote in straight apostrophes; an
    # apostrophe inside a word ("Monday's", "O'Keeffe", "Williams'", "X'mas", "can't") opens none
    text = (
        "A witness to Monday's airstrike in Somalia described ground-shaking explosions caused by the missile. "
        "Somali government and African Union forces heading to a town in the district heard what sounded like an "
        "'earthquake' as the al-Shabab bases were hit, the governor of Somalia's Lower Shabelle region, Abdiqadir "
        "Mohamed Nor, told The Associated Press.\n\n"
        "'There was an airstrike near Sablale. We saw something,' Nor said.\n\n"
        "'Mass arrests just started, everyone is being detained,' said Mohamed Ali, who lives in Sablale district. "
        "'They even searched nearby jungles and stopped the nomads transporting milk and grass to the towns for "
        "questioning.'\n\n"
        "Another man on the downed aircraft, Mike O'Keeffe, said he had long been bothered by Williams' false claims.\n\n"
        "'Over the years it faded,' he said, 'and then to see it last week it was - I can't believe he is still "
        "telling this false narrative.'\n\n"
        "He captioned one of the images: 'I think Thomas had a good X'mas meal!'\n"
    )
    marked = [text[q.start:q.end] for q in find_marked_quotes(text)]
    assert marked == [
        "earthquake",
        "There was an airstrike near Sablale. We saw something",
        "Mass arrests just started, everyone is being detained",
        "They even searched nearby jungles and stopped the nomads transporting milk and grass to the towns for "
        "questioning.",
        "Over the years it faded",
        "and then to see it last week it was - I can't believe he is still telling this false narrative.",
        "I think Thomas had a good X'mas meal!",
    ]
    direct = {q.text: q.speaker for q in extract_claims(_article(text)).quotes if q.direct}
    assert (direct["There was an airstrike near Sablale. We saw something"] or "").endswith("Nor")
    assert direct["Mass arrests just started, everyone is being detained"] == "Mohamed Ali"
    assert direct["Over the years it faded"] == "Mike O'Keeffe"


def test_apostrophes_open_no_quotation() -> None:
    text = ("Rock 'n' roll came back in the '90s, and 'em bands' fans didn't mind Assad's speech, "
            "the ministers' plan or the pilots' 'war story' at all.")
    assert [text[q.start:q.end] for q in find_marked_quotes(text)] == ["war story"]


def test_double_mark_after_a_nested_single_closes() -> None:
    # PolNeAR train (wash-post_2016-06-27, wash-post_2016-03-04, nyt_2016-02-01) and FNC-1 train body
    # 398 set a blank between a nested single's closing mark and the double that closes with it; read
    # as an opening mark, it took the quotation away and paired the paragraph's next marks backwards
    text = (
        "\"It's not just Bernie Sanders saying, 'Oh, yes, just vote for Hillary Clinton,' \" Sanders told CNN on "
        "Sunday. \"It is Hillary Clinton standing up and saying, 'You know what? These are the things we need to "
        "do.' And if she does the right thing, I am absolutely confident that the vast majority of my supporters "
        "will vote for her.\"\n\n"
        "Somewhere in there, he tossed in a \"lyin' \" Ted Cruz.\n\n"
        "\"To be fair, there could be other explanations for that pause,\" said attorney Van Jones, co-host of "
        "CNN's \"Crossfire.\" \"Maybe the officer will say, 'Well, I fired and he kept advancing, so I fired "
        "again.' \"\n\n"
        "''I hate the term 'Manhattan poor,' '' she said, but added that after taxes, ''They weren't living "
        "large.''\n\n"
        "Earnest said Canada is one of the United States' \"closest friends and allies,\" and administration "
        "officials agreed.\n"
    )
    marked = [text[q.start:q.end] for q in find_marked_quotes(text)]
    assert marked == [
        "It's not just Bernie Sanders saying, 'Oh, yes, just vote for Hillary Clinton,'",
        "It is Hillary Clinton standing up and saying, 'You know what? These are the things we need to do.' And "
        "if she does the right thing, I am absolutely confident that the vast majority of my supporters will vote "
        "for her.",
        "lyin'",
        "To be fair, there could be other explanations for that pause",
        "Crossfire.",
        "Maybe the officer will say, 'Well, I fired and he kept advancing, so I fired again.'",
        "I hate the term 'Manhattan poor,'",
        "They weren't living large.",
        "closest friends and allies",
    ]
    direct = {q.text: q.speaker for q in extract_claims(_article(text)).quotes if q.direct}
    assert direct["It's not just Bernie Sanders saying, 'Oh, yes, just vote for Hillary Clinton,'"] == "Bernie Sanders"
    assert direct["Maybe the officer will say, 'Well, I fired and he kept advancing, so I fired again.'"] == "Van Jones"


def test_single_opening_mark_closed_by_a_double_one_is_a_quotation() -> None:
    # FNC-1 train bodies 1125 and 2343 open a quotation with ‘ and close it with ”: the sentences
    # were read as the outlet's own, and compare said it stated them as fact
    text = (
        "Aside from the physical similarities, former neighbors say DeJeus has an unmistakable voice and say "
        "that many people on the street knew what she was up to.\n\n"
        "‘That is Daiane. She has a very childlike voice and I would recognize it anywhere. Most people in the "
        "street eventually knew what she was up to.”\n\n"
        "Insiders say Bale would likely shoot “Jobs” in the spring and follow it up with ‘The Deep Blue "
        "Goodbye.”\n\n"
        "Father O’Neal describes the divine entity as “mother-like ‘Being of Light.'”\n\n"
        "It was like the ‘90s all over again.”\n\nHer ‘smart 12” screen was big.\n"
    )
    marked = [text[q.start:q.end] for q in find_marked_quotes(text)]
    assert marked == [
        "That is Daiane. She has a very childlike voice and I would recognize it anywhere. Most people in the "
        "street eventually knew what she was up to.",
        "Jobs",
        "The Deep Blue Goodbye.",
        "mother-like ‘Being of Light.'",
    ]
    direct = [q.text for q in extract_claims(_article(text)).quotes if q.direct]
    assert "That is Daiane. She has a very childlike voice and I would recognize it anywhere. Most people in the " \
        "street eventually knew what she was up to." in direct
