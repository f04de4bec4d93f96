"""The ``unseen`` split of the FA-KES and SemEval benchmarks (``evaluate/seen.py``).

A file of rows nothing was tuned on (the rest of FA-KES, SemEval's own test pairs) is scored
whole; our own files keep their hash split's held-out part; a file that mixes tuned rows with new
ones is scored on the new ones. The rows are real: written from ../shared/data, renumbered where a
test needs rows the hash would have put in the dev part, as another export numbers its rows.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT, require_data
from newstrace.cli.main import main
from newstrace.evaluate import casualties_fakes as C
from newstrace.evaluate import similarity_semeval as M
from newstrace.evaluate import stories_fakes as S
from newstrace.evaluate.seen import REGENERATE, SEEN_FILE, fingerprint, seen_rows


def _script():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import seen_rows as script

    return script


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


def _run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


@pytest.mark.data
def test_the_committed_fingerprints_are_what_the_script_computes_from_the_data_now() -> None:
    """A change of a split (``DEV_SHARE``, a hash, the event keys) that does not write the
    fingerprints again fails here: ``unseen`` would score tuned rows, or throw new ones away."""
    require_data("fakes", "fakes_dev.csv")
    require_data("semeval8", "pairs_train.csv")
    script = _script()
    stored = (ROOT / "src" / "newstrace" / "evaluate" / SEEN_FILE).read_text(encoding="utf-8")
    assert stored == script.render(script.compute(DATA)), f"{SEEN_FILE} is stale: run `{REGENERATE}`"
    # what the evals check at run time: the share each list was computed with is the code's
    for bench, share in (("stories-fakes", S.DEV_SHARE), ("casualties-fakes", C.DEV_SHARE),
                         ("similarity-semeval", M.DEV_SHARE)):
        assert seen_rows(bench, share)


def test_fingerprints_of_another_split_are_refused_naming_the_command() -> None:
    other = C.DEV_SHARE + 10
    with pytest.raises(RuntimeError, match=rf"DEV_SHARE {C.DEV_SHARE}, the code splits with {other}: .*benchmarks/seen_rows.py"):
        seen_rows("casualties-fakes", other)


def test_a_row_written_again_keeps_its_fingerprint() -> None:
    """Quoting and line ends change when a CSV is written again; the row does not."""
    title = "Homs governor says U.S. attack caused deaths"
    text = 'A U.S. missile strike on an airbase near the Syrian city of Homs on Friday caused deaths.\n'
    assert fingerprint("1914947532", title, text) == fingerprint("1914947532", f" {title} ", text.replace("\n", "\r\n  "))
    assert fingerprint("1914947532", title, text) != fingerprint("1914947533", title, text)
    assert fingerprint("1914947532", title, text) != fingerprint("1914947532", title, text + " Barazi said.")


def _renumbered(unit_id: str, dev: bool) -> str:
    """``unit_id`` with a suffix that the casualty split's hash puts in the dev part (or not)."""
    for n in range(1000):
        new = f"{unit_id}{n:03d}"
        if C.is_dev(new) == dev:
            return new
    raise AssertionError("no suffix found")


@pytest.mark.data
def test_casualties_score_every_row_of_a_file_nothing_was_tuned_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Held-out rows of our file, renumbered as another export would number them: the hash split
    threw the ones it put in dev away (4 of 8 rows scored); none was tuned on, all 8 are scored."""
    header, rows = _read(require_data("fakes", "fakes_dev.csv"))
    uid = header.index("unit_id")
    held = [r for r in rows if not C.is_dev(r[uid])][:8]
    new = [[*r[:uid], _renumbered(r[uid], i % 2 == 0), *r[uid + 1:]] for i, r in enumerate(held)]
    path = _write(tmp_path / "other.csv", header, new)
    r = _run_json(capsys, "eval", "casualties-fakes", str(path))
    assert r["split"] == "all" and list(r["splits"]) == ["all"]
    assert r["splits"]["all"]["articles"] == 8
    assert r["split_rule"] == "unseen: no row of this file was tuned on, so all 8 are scored"
    # asked for, the hash split is as it was, and only the part asked for is shown: a dev run
    # that gave all rows' figures beside dev's gave away the held-out part's
    held_r = _run_json(capsys, "eval", "casualties-fakes", str(path), "--split", "heldout")
    assert list(held_r["splits"]) == ["heldout"] and held_r["splits"]["heldout"]["articles"] == 4
    dev_r = _run_json(capsys, "eval", "casualties-fakes", str(path), "--split", "dev")
    assert list(dev_r["splits"]) == ["dev"] and dev_r["splits"]["dev"]["articles"] == 4
    assert main(["eval", "casualties-fakes", str(path), "--split", "dev"]) == 0
    shown = capsys.readouterr().out
    assert "dev (4 articles)" in shown and "heldout" not in shown and "all (" not in shown
    assert _run_json(capsys, "eval", "casualties-fakes", str(path), "--split", "test")["split"] == "heldout"
    # the text output says it in one line
    assert main(["eval", "casualties-fakes", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"split all: {r['split_rule']}"


@pytest.mark.data
def test_casualties_on_our_rows_keep_the_hash_split_and_leave_tuned_rows_out_of_a_mixed_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header, rows = _read(require_data("fakes", "fakes_dev.csv"))
    uid = header.index("unit_id")
    dev = [r for r in rows if C.is_dev(r[uid])][:3]
    held = [r for r in rows if not C.is_dev(r[uid])][:3]
    ours = _write(tmp_path / "ours.csv", header, [*dev, *held])
    r = _run_json(capsys, "eval", "casualties-fakes", str(ours))
    assert r["split"] == "heldout" and r["splits"]["heldout"]["articles"] == 3
    assert "3 rows of this file that were tuned on are the hash split's dev part" in r["split_rule"]
    # two new rows the hash puts in dev beside the tuned ones: scored, the tuned ones are not
    new = [[*x[:uid], _renumbered(x[uid], True), *x[uid + 1:]] for x in held[:2]]
    mixed = _write(tmp_path / "mixed.csv", header, [*dev, *held, *new])
    r = _run_json(capsys, "eval", "casualties-fakes", str(mixed))
    assert r["split"] == "unseen" and r["splits"]["unseen"]["articles"] == 5
    assert r["split_rule"].startswith("unseen: 3 rows of this file were tuned on and are left out; the other 5")
    # a file of tuned rows only has nothing unseen: an input error, not a score of nothing
    tuned = _write(tmp_path / "tuned.csv", header, dev)
    assert main(["eval", "casualties-fakes", str(tuned)]) == 2
    # named as the evals' other input errors name their file ('...: not a FA-KES CSV')
    assert capsys.readouterr().err.startswith(f"newstrace: error: {tuned}: every row of this file (3) was tuned on")


@pytest.mark.data
def test_casualties_default_on_our_file_is_the_held_out_part() -> None:
    """On ../shared/data's FA-KES file ``unseen`` is the hash split's held-out part, row for row."""
    path = require_data("fakes", "fakes_dev.csv")
    rows = C.read_rows(path)
    seen = seen_rows("casualties-fakes", C.DEV_SHARE)
    assert [C.row_fingerprint(r) not in seen for r in rows] == [not C.is_dev(r["unit_id"]) for r in rows]


@pytest.mark.data
def test_stories_score_every_article_of_a_file_nothing_was_calibrated_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Articles of held-out events of our file, renumbered: the hash split scored only the events
    it put in test; none was calibrated on, so every article is scored, with the FNC-1
    distractors the hash holds out dated like them (``--split all``: every distractor)."""
    fakes, fnc = require_data("fakes", "fakes_dev.csv"), require_data("fnc1")
    header, rows = _read(fakes)
    corpus = S.load_corpus(fakes, None, 0)
    test_ids = {a.id for a in corpus.articles if corpus.split[a.id] == "test"}
    uid, loc = header.index("unit_id"), header.index("location")
    held = [r for r in rows if r[uid] in test_ids and r[loc] in ("aleppo", "idlib")][:12]
    path = _write(tmp_path / "other.csv", header, held)
    for suffix in range(20):  # an event's key names its first article's id: renumbering moves it
        renumbered = _write(tmp_path / "renumbered.csv", header, [[*r[:uid], f"{r[uid]}{suffix}", *r[uid + 1:]] for r in held])
        hashed = S.load_corpus(renumbered, None, 0, "test")
        n_test = sum(1 for a in hashed.articles if hashed.split[a.id] == "test")
        if 0 < n_test < 12:
            break
    unseen = S.load_corpus(renumbered, fnc, 600, "unseen")
    assert unseen.scored == "all" and unseen.split_rule == "unseen: no article of this file was tuned on, so all 12 are scored"
    fakes_scored = [a for a in unseen.subset("all").articles if a.outlet != "fnc1"]
    assert len(fakes_scored) == 12 and n_test < 12, "the renumbering must move some events to dev"
    distractors = [a for a in unseen.subset("all").articles if a.outlet == "fnc1"]
    assert distractors and all(S.split_of(a.id) == "test" for a in distractors)
    assert {a.published for a in distractors} <= {a.published for a in fakes_scored}
    every = S.load_corpus(renumbered, fnc, 600, "all")
    assert len([a for a in every.subset("all").articles if a.outlet == "fnc1"]) > len(distractors)
    # the CLI says which split and why
    r = _run_json(capsys, "eval", "stories-fakes", str(renumbered), "--distractors", "0", "--no-reuse")
    assert (r["split"], r["fakes_articles"], r["split_rule"]) == ("all", 12, unseen.split_rule)
    assert main(["eval", "stories-fakes", str(renumbered), "--distractors", "0", "--no-reuse"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"split all: {unseen.split_rule}"
    # the rows as our file numbers them are held out there, and scored whole too
    assert S.load_corpus(path, None, 0, "unseen").scored == "all"


@pytest.mark.data
def test_stories_on_our_file_are_the_test_split_with_its_distractors() -> None:
    """On our file ``unseen`` is the corpus ``test`` was: same articles, labels and distractor dates."""
    fakes, fnc = require_data("fakes", "fakes_dev.csv"), require_data("fnc1")
    unseen, test = S.load_corpus(fakes, fnc, 600, "unseen"), S.load_corpus(fakes, fnc, 600, "test")
    dev = sum(1 for a in test.articles if test.split[a.id] == "dev" and a.outlet != "fnc1")
    assert unseen.scored == "test" and f"{dev} articles of this file that were tuned on" in unseen.split_rule
    assert [(a.id, a.published) for a in unseen.articles] == [(a.id, a.published) for a in test.articles]
    assert unseen.split == test.split


@pytest.mark.data
def test_stories_leave_calibrated_articles_out_of_a_mixed_file(tmp_path: Path) -> None:
    """Our dev rows but the first of each event (whose id named it: the events' keys, and their
    hash, change) beside the held-out rows renumbered (new to the fingerprints): the hash would
    score some calibrated articles and drop some new ones; the new ones are scored, no other."""
    fakes = require_data("fakes", "fakes_dev.csv")
    header, rows = _read(fakes)
    corpus = S.load_corpus(fakes, None, 0)
    uid = header.index("unit_id")
    events: dict[str, list[str]] = {}
    for a in corpus.articles:
        if corpus.split[a.id] == "dev":
            events.setdefault(corpus.story[a.id], []).append(a.id)
    dev_ids = {i for ids in events.values() if len(ids) > 1 for i in ids if i != min(ids)}
    new = [[*r[:uid], r[uid] + "1", *r[uid + 1:]] for r in rows if corpus.split.get(r[uid]) == "test"]
    path = _write(tmp_path / "mixed.csv", header, [r for r in rows if r[uid] in dev_ids] + new)
    mixed = S.load_corpus(path, None, 0, "unseen")
    scored = {a.id for a in mixed.subset(mixed.scored).articles}
    assert scored == {a.id for a in mixed.articles} - dev_ids
    hashed = S.load_corpus(path, None, 0, "test")
    assert {a.id for a in hashed.subset("test").articles} & dev_ids, "the hash would score calibrated articles"
    assert mixed.scored == "unseen" and mixed.split_rule.startswith(f"unseen: {len(dev_ids)} articles of this file were tuned on and are left out")


def _swapped(rows: list[list[str]], header: list[str]) -> list[list[str]]:
    """Each pair written the other way round (``id2_id1``, text2, text1): a pair no fit has seen."""
    pid, t1, t2 = header.index("pair_id"), header.index("text1"), header.index("text2")
    out = []
    for r in rows:
        s = list(r)
        a, _, b = r[pid].partition("_")
        s[pid], s[t1], s[t2] = f"{b}_{a}", r[t2], r[t1]
        out.append(s)
    return out


@pytest.mark.data
def test_semeval_scores_every_pair_of_a_file_nothing_was_fitted_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Held-out English pairs written the other way round: the hash put some in dev and scored the
    rest; none was fitted on, so all are scored, and no figure needing a dev fit is given."""
    header, rows = _read(require_data("semeval8", "pairs_train.csv"))
    pid, l1, l2 = header.index("pair_id"), header.index("lang1"), header.index("lang2")
    en = [r for r in rows if r[l1] == r[l2] == "en" and M.split_of(r[pid]) == "test"][:30]
    new = _swapped(en, header)
    path = _write(tmp_path / "other.csv", header, new)
    hashed = sum(M.split_of(r[pid]) == "test" for r in new)
    assert 0 < hashed < 30
    r = _run_json(capsys, "eval", "similarity-semeval", str(path))
    assert (r["split"], r["pairs"], r["test_pairs"], r["dev_pairs"]) == ("all", 30, 30, 0)
    assert r["split_rule"] == "unseen: no pair of this file was tuned on, so all 30 are scored"
    assert r["pearson_story_similarity_test"] is not None
    assert r["dev_fit"] is None and r["pearson_dev_fit_test"] is None and r["pearson_story_similarity_dev"] is None
    t = _run_json(capsys, "eval", "similarity-semeval", str(path), "--split", "heldout")
    assert (t["split"], t["test_pairs"], t["dev_pairs"]) == ("test", hashed, 30 - hashed) and t["dev_fit"]
    # our own pairs: the hash split's held-out part, as before
    ours = _write(tmp_path / "ours.csv", header, [r for r in rows if r[l1] == r[l2] == "en"][:40])
    o = _run_json(capsys, "eval", "similarity-semeval", str(ours))
    assert o["split"] == "test" and o["pairs"] == o["dev_pairs"] + o["test_pairs"] and o["dev_fit"]


def test_seen_rows_ships_with_the_package() -> None:
    """The fingerprints are package data: an installed wheel's evals find them."""
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"evaluate/{SEEN_FILE}" in conf["tool"]["setuptools"]["package-data"]["newstrace"]


@pytest.mark.data
def test_semeval_on_fitted_pairs_only_names_a_split_it_takes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file of dev pairs only has nothing unseen; the error told the user to use
    '--split dev or --split all', and 'eval similarity-semeval --split dev' is a usage error (its
    splits are unseen, test and all): the advice names only what the command takes, and works."""
    header, rows = _read(require_data("semeval8", "pairs_train.csv"))
    pid, l1, l2 = header.index("pair_id"), header.index("lang1"), header.index("lang2")
    dev = _write(tmp_path / "dev.csv", header, [r for r in rows if r[l1] == r[l2] == "en" and M.split_of(r[pid]) == "dev"][:4])
    assert main(["eval", "similarity-semeval", str(dev)]) == 2
    err = capsys.readouterr().err
    assert f"{dev}: every pair of this file (4) was tuned on" in err and "--split dev" not in err
    advice = err.split("(", 2)[-1].split(" scores them")[0]
    assert advice == "--split all"
    r = _run_json(capsys, "eval", "similarity-semeval", str(dev), *advice.split())
    assert (r["split"], r["test_pairs"]) == ("all", 4)
