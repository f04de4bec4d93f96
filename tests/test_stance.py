"""Stance: the shipped model on the seed articles, the evidence spans, the API and the CLI."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import numpy as np
import pytest

from conftest import require_data
from newstrace.cli.main import main
from newstrace.errors import NewstraceError
from newstrace.model import Article
from newstrace.stance import LABELS, load_model, predict_many, predict_stance
from newstrace.stance import text as tx
from newstrace.stance.features import FEATURE_NAMES
from newstrace.stance.model import MODEL_DIR

UN_CLAIM = "UN acknowledges US-backed rebels are murdering civilians in Aleppo"
OFF_TOPIC = "Apple unveils a foldable iPhone with a week-long battery at its California event"
ROOT = Path(__file__).resolve().parents[1]


def _check_spans(article: Article, result_evidence: list) -> None:
    for e in result_evidence:
        assert e.article == article.id
        assert article.text[e.start : e.end] == e.text
        assert e.text.strip() == e.text and e.text


def test_un_claim_on_rt_is_discussed_not_confirmed(rt: Article) -> None:
    """The RT body reports the envoy's words and puts "US control" in the mouth of Russia's UN
    mission: it does not confirm that the UN acknowledged anything about US-backed rebels."""
    r = predict_stance(UN_CLAIM, rt)
    assert r.label in ("discuss", "disagree")
    assert set(r.probabilities) == set(LABELS)
    assert abs(sum(r.probabilities.values()) - 1.0) < 1e-3
    assert r.probabilities["unrelated"] < 0.5
    assert 1 <= len(r.evidence) <= 3
    _check_spans(rt, r.evidence)
    # the deciding sentences are about the claim: Aleppo, civilians, the UN or the rebels
    for e in r.evidence:
        assert any(
            w in e.text.lower()
            for w in ("aleppo", "civilian", "un ", "united nations", "rebel", "opposition")
        )


def test_off_topic_claim_is_unrelated_without_evidence(rt: Article, rewrite: Article) -> None:
    for art in (rt, rewrite):
        r = predict_stance(OFF_TOPIC, art)
        assert r.label == "unrelated"
        assert r.probabilities["unrelated"] > 0.8
        assert r.evidence == []


def test_own_headline_is_related(rt: Article, rewrite: Article) -> None:
    """Each article's own headline is about its body: never unrelated."""
    for art in (rt, rewrite):
        assert art.title
        r = predict_stance(art.title, art)
        assert r.label != "unrelated"
        assert r.evidence
        _check_spans(art, r.evidence)


def test_predict_many_matches_single_calls_in_order(rt: Article, rewrite: Article) -> None:
    pairs = [(UN_CLAIM, rt), (OFF_TOPIC, rewrite), (UN_CLAIM, rewrite), (OFF_TOPIC, rt)]
    many = predict_many(pairs)
    assert [r.article for r in many] == [a.id for _, a in pairs]
    for (claim, art), r in zip(pairs, many, strict=True):
        single = predict_stance(claim, art)
        assert single.to_dict() == r.to_dict()


def test_model_loads_once_and_matches_its_feature_list() -> None:
    m = load_model()
    assert m is load_model()
    assert m.meta["features"] == FEATURE_NAMES
    assert m.trees.n_classes == len(LABELS)
    size = sum(p.stat().st_size for p in (ROOT / "src/newstrace/stance/model").iterdir())
    assert size < 8_000_000


def test_model_folder_missing_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(NewstraceError, match="cannot load the stance model"):
        load_model(tmp_path)


def test_sentences_are_offsets_of_the_text(rt: Article) -> None:
    spans = tx.sentences(rt.text)
    assert len(spans) > 15
    for s, e in spans:
        piece = rt.text[s:e]
        assert piece == piece.strip() and piece
    joined = "".join(rt.text[s:e] for s, e in spans)
    assert len(joined) > 0.95 * len("".join(rt.text.split()))
    first = rt.text[spans[0][0] : spans[0][1]]
    assert first.startswith("United Nations Special Envoy") and first.endswith("says.")


def test_sentences_end_where_claims_extraction_ends_them() -> None:
    """stance.text kept an abbreviation list of its own: 'fr' made FNC-1 train body 181's "... via French
    website iGen.fr. As MacRumors points out ..." one sentence, and 'Sep.' or a state's 'Nev.' ended
    one. It reads claims' list (``newstrace.abbreviations``), as the claims splitter does."""
    from newstrace.abbreviations import is_abbreviation

    text = ("The report comes from sources at Apple via French website iGen.fr. As MacRumors points out, the site has "
            "been reliable in the past. RENO, Nev. (AP) — Police said on Sep. 12 that Rear Adm. John Kirby spoke.")
    assert [text[s:e] for s, e in tx.sentences(text)] == [
        "The report comes from sources at Apple via French website iGen.fr.",
        "As MacRumors points out, the site has been reliable in the past.",
        "RENO, Nev. (AP) — Police said on Sep. 12 that Rear Adm. John Kirby spoke.",
    ]
    assert all(is_abbreviation(w, " Smith") for w in ("Nev", "Sep", "Adm", "Cpl", "U.S", "J"))
    assert not is_abbreviation("fr", " As")


def test_a_state_abbreviation_that_is_a_word_ends_a_sentence_in_lower_case() -> None:
    """The one list (eb52a61) brought the states' 'Ill.', 'Miss.', 'Mass.', 'Wash.' to stance and compare,
    case aside: FNC-1 train body 63's "... admitted he is ill. South Korean intelligence also learned ..."
    became one sentence for all three splitters (claims' already), as did PolNeAR train's "... the second
    straight Democratic convention that Gore will miss. He wasn't in Charlotte". Such a word is an
    abbreviation only capitalized ("no" is one only before a number: "a no. 1 rated app")."""
    from newstrace.abbreviations import is_abbreviation
    from newstrace.claims.segment import split_sentences
    from newstrace.compare.text import sentences as compare_sentences

    text = ("State TV in a rare admission on Thursday showed footage of Kim limping and admitted he is ill. South "
            "Korean intelligence also learned that a team of doctors from Europe recently went to North Korea. "
            "CHICAGO, Ill. (AP) — Police said a no. 1 rated app was JACKSON, Miss. (AP) and it was the one Gore "
            "will miss. He was not there.")
    want = [
        "State TV in a rare admission on Thursday showed footage of Kim limping and admitted he is ill.",
        "South Korean intelligence also learned that a team of doctors from Europe recently went to North Korea.",
        "CHICAGO, Ill. (AP) — Police said a no. 1 rated app was JACKSON, Miss. (AP) and it was the one Gore "
        "will miss.",
        "He was not there.",
    ]
    assert [text[s:e] for s, e in tx.sentences(text)] == want
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == want
    assert [text[s.start:s.end] for s in compare_sentences(text)] == want
    assert not any(is_abbreviation(w, " South") for w in ("ill", "miss", "mass", "wash"))
    assert all(is_abbreviation(w, " (AP)") for w in ("Ill", "Miss", "Mass", "Wash", "MISS"))


def test_no_and_a_letter_end_a_sentence_unless_a_number_or_a_name_follows() -> None:
    """The shared list took "no" for an abbreviation whatever followed ('No. 10'), and any single
    letter for an initial, the 't' and 's' after an apostrophe too: FNC-1 train body 34's "The answer
    is no. That will have to be addressed ...", body 1623's "They didn't. Her father Bill ..." and
    PolNeAR train's "Is it the death knell? No. But it is harmful" were one sentence for claims,
    stance and compare alike. "no." is an abbreviation only before a number; initials ("J. Smith",
    "J.J. Abrams", "11 a.m. ET") only when no sentence's opening word follows ("World War I. The")."""
    from newstrace.abbreviations import is_abbreviation
    from newstrace.claims.segment import split_sentences
    from newstrace.compare.text import sentences as compare_sentences

    text = ("Is it ISIS members who come across the border? The answer is no. That will have to be addressed. "
            "Could they laugh for her signature shot? They didn\u2019t. Her father Bill, a furniture maker, "
            "left at 11 a.m. ET on Thursday, as J.J. Abrams and Cardinal Sean P. O\u2019Malley said at No. 10 "
            "Downing Street. Russians served in World War I. The post was updated.")
    want = [
        "Is it ISIS members who come across the border?",
        "The answer is no.",
        "That will have to be addressed.",
        "Could they laugh for her signature shot?",
        "They didn\u2019t.",
        "Her father Bill, a furniture maker, left at 11 a.m. ET on Thursday, as J.J. Abrams and Cardinal Sean P. "
        "O\u2019Malley said at No. 10 Downing Street.",
        "Russians served in World War I.",
        "The post was updated.",
    ]
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == want
    assert [text[s:e] for s, e in tx.sentences(text)] == want
    assert [text[s.start:s.end] for s in compare_sentences(text)] == want
    assert is_abbreviation("No", " 10 Downing") and is_abbreviation("no", " 1 rated")
    assert not is_abbreviation("no", " That") and not is_abbreviation("No", "\u201d But")
    assert is_abbreviation("P", " O\u2019Malley") and not is_abbreviation("I", " \u201cI looked")
    assert not is_abbreviation("t", " Her") and is_abbreviation("v", " Wade")


def test_no_ends_a_sentence_in_real_text() -> None:
    """FNC-1 train bodies 34 and 2261 ('Hunter: No. They caught them at the border.'), read as
    ``ingest`` reads them: one sentence more each for every splitter."""
    import csv as csv_module

    from newstrace.claims.segment import paragraphs, split_sentences
    from newstrace.compare.text import sentences as compare_sentences

    path = require_data("fnc1", "train_bodies.csv")
    csv_module.field_size_limit(10**7)
    with open(path, encoding="utf-8", newline="") as fh:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv_module.DictReader(fh) if r["Body ID"] in ("34", "2261")}
    for body, ending, next_one in (("34", "The answer is no.", "That will have to be addressed"),
                                   ("2261", "Hunter: No.", "They caught them at the border.")):
        text = bodies[body]
        claims = [text[s:e] for ps, pe in paragraphs(text) for s, e in split_sentences(text, ps, pe)]
        for found in (claims, [text[s:e] for s, e in tx.sentences(text)],
                      [text[s.start:s.end] for s in compare_sentences(text)]):
            i = next(i for i, x in enumerate(found) if x.endswith(ending))
            assert found[i + 1].startswith(next_one), (body, found[i:i + 2])


def test_a_number_ending_a_sentence_is_no_initial() -> None:
    """is_abbreviation took any one character for an initial, and claims' splitter passes the ``\\w``
    before a full stop, digits too: FNC-1 train body 344's "... at the unbelievable age of 9. When most
    kids ..." and body 1401's "... reportedly died on Jan. 4. His Cuban namesake ..." were one sentence
    for claims (stance and compare, reading letters, split them). A list item's number is still no
    sentence of its own ("10. The ruins of an ancient city ...")."""
    from newstrace.abbreviations import is_abbreviation
    from newstrace.claims.segment import split_sentences
    from newstrace.compare.text import sentences as compare_sentences

    text = ("Islam started with penny stocks at the unbelievable age of 9. When most kids are in the fourth grade, "
            "they\u2019re learning to play sports, and figuring out fractions. Fidel Castro Odinga, the son of "
            "prominent Kenyan politician and former prime minister Raila Odinga, reportedly died on Jan. 4. His "
            "Cuban namesake, however, still appears to be very much alive.")
    want = [
        "Islam started with penny stocks at the unbelievable age of 9.",
        "When most kids are in the fourth grade, they\u2019re learning to play sports, and figuring out fractions.",
        "Fidel Castro Odinga, the son of prominent Kenyan politician and former prime minister Raila Odinga, "
        "reportedly died on Jan. 4.",
        "His Cuban namesake, however, still appears to be very much alive.",
    ]
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == want
    assert [text[s:e] for s, e in tx.sentences(text)] == want
    assert [text[s.start:s.end] for s in compare_sentences(text)] == want
    item = "10. The ruins of an ancient city were not found. 9 more are listed."
    assert [item[s:e] for s, e in split_sentences(item, 0, len(item))] == [
        "10. The ruins of an ancient city were not found.", "9 more are listed."]
    assert is_abbreviation("J", " Smith") and not is_abbreviation("9", " When")


def test_stems_and_cues() -> None:
    assert tx.stem("denies") == tx.stem("denied") == tx.stem("deny")
    assert tx.stem("rebels") == tx.stem("rebel")
    assert tx.stem("didn't") == "not"
    assert tx.stem("hoaxes") in tx.DEBUNK
    assert tx.number_value("1,200") == "1200" and tx.number_value("two") == "2"
    assert tx.number_value("Aleppo") is None


def test_features_see_negation_near_claim_terms() -> None:
    m = load_model()
    f = m.featurizer
    claim = f.claim("Singer Katy Perry dead after car crash")
    denied = f.body(
        "Reports that Katy Perry died in a car crash are a hoax. Perry is not dead and was seen on stage on Friday."
    )
    confirmed = f.body(
        "Katy Perry died in a car crash on Friday, police confirmed. The singer was 30."
    )
    x_denied, _ = f.pair(claim, denied)
    x_confirmed, _ = f.pair(claim, confirmed)
    col = {n: i for i, n in enumerate(FEATURE_NAMES)}
    assert x_denied[col["neg_near"]] >= 1 and x_confirmed[col["neg_near"]] == 0
    assert x_denied[col["top_debunk"]] >= 1 and x_confirmed[col["top_debunk"]] == 0
    assert x_confirmed[col["top_confirm"]] >= 1
    assert np.isfinite(x_denied).all()


def test_cli_stance_json_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    rt_file = str(ROOT / "examples" / "001_b27ff7eeccda9d61.txt")
    docs = []
    for _ in range(2):
        assert main(["stance", "--claim", UN_CLAIM, rt_file, "--json"]) == 0
        docs.append(capsys.readouterr().out)
    assert docs[0] == docs[1]
    doc = json.loads(docs[0])
    assert doc["claim"] == UN_CLAIM
    (res,) = doc["results"]
    assert res["label"] in ("discuss", "disagree")
    assert res["evidence"] and all("start" in e and "end" in e for e in res["evidence"])
    assert doc["articles"][0]["id"] == res["article"]


def test_cli_stance_human_output_shows_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stance", "--claim", UN_CLAIM, str(ROOT / "examples")]) == 0
    text = capsys.readouterr().out
    assert "stance:" in text and "evidence:" in text
    assert text.count("stance:") == 2


def test_cli_stance_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stance", "--claim", UN_CLAIM, str(tmp_path / "missing.txt")]) != 0
    capsys.readouterr()
    # a blank claim is a usage error, said as an option out of range is, before any input is read
    for blank in ("", "  "):
        assert main(["stance", "--claim", blank, str(tmp_path / "missing.txt")]) == 2
        said = capsys.readouterr().err
        assert f"Error: --claim {shlex.quote(blank)}: expected a headline or a sentence, not blank" in said
        assert "Usage: newstrace stance" in said and "missing.txt" not in said


def _biased_copy_of_the_shipped_model(folder: Path, label: str) -> Path:
    """The shipped model's files in ``folder``, with a class offset that makes every answer ``label``."""
    import shutil

    shutil.copytree(MODEL_DIR, folder)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    meta["class_bias"] = [50.0 if lab == label else 0.0 for lab in LABELS]
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def test_cli_stance_uses_the_model_folder_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A model 'train stance --out DIR' wrote is used with 'stance --model DIR' (there was no way
    to point the command at one, so retraining had to overwrite the shipped model)."""
    model = _biased_copy_of_the_shipped_model(tmp_path / "model", "unrelated")
    rt_file = str(ROOT / "examples" / "001_b27ff7eeccda9d61.txt")
    assert main(["stance", "--claim", UN_CLAIM, rt_file, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"][0]["label"] == "discuss"
    assert main(["stance", "--claim", UN_CLAIM, rt_file, "--model", str(model), "--json"]) == 0
    (res,) = json.loads(capsys.readouterr().out)["results"]
    assert res["label"] == "unrelated" and res["probabilities"]["unrelated"] > 0.99
    # a folder without a model is a bad input naming how to make one, before any article is read
    assert main(["stance", "--claim", UN_CLAIM, "missing.txt", "--model", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"--model {tmp_path}: no stance model there" in err and "--out" in err and "missing.txt" not in err
    # the command it gives can be pasted as it is: the folder shell-quoted, as 'train stance' says it
    spaced = tmp_path / "my models"
    assert main(["stance", "--claim", UN_CLAIM, rt_file, "--model", str(spaced)]) == 2
    assert f"write one with 'newstrace train stance FNC_DIR --out '{spaced}''" in capsys.readouterr().err
