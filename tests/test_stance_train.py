"""Stance training and the FNC-1 benchmark: metric arithmetic, a small training smoke run, eval CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from conftest import require_data
from newstrace.cli.main import main
from newstrace.errors import InputError
from newstrace.evaluate.stance_fnc import (
    FncData,
    body_bucket,
    fnc_score,
    load_fnc,
    metrics,
    split_by_body,
)
from newstrace.stance.model import MODEL_DIR, StanceModel
from newstrace.stance.train import check_out_folder, train_model


def test_fnc_score_weights() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    # exact related label: 1.0; related but wrong class: 0.25; unrelated right: 0.25; wrong: 0
    pred = ["agree", "discuss", "unrelated", "unrelated", "agree"]
    score, best = fnc_score(gold, pred)
    assert best == pytest.approx(3 * 1.0 + 2 * 0.25)
    assert score == pytest.approx(1.0 + 0.25 + 0.0 + 0.25 + 0.0)


def test_metrics_per_class_and_confusion() -> None:
    gold = ["agree", "agree", "disagree", "discuss", "unrelated"]
    pred = ["agree", "discuss", "disagree", "discuss", "unrelated"]
    m = metrics(gold, pred)
    assert m["per_class"]["agree"]["recall"] == 0.5 and m["per_class"]["agree"]["precision"] == 1.0
    assert m["per_class"]["discuss"]["precision"] == 0.5
    assert m["confusion"]["agree"]["discuss"] == 1
    assert m["per_class"]["disagree"]["f1"] == 1.0
    assert 0 < m["macro_f1"] < 1


def _sample(n_bodies: int) -> FncData:
    folder = require_data("fnc1")
    data = load_fnc(folder / "train_bodies.csv", folder / "train_stances.csv")
    keep_bodies = sorted(data.bodies)[:n_bodies]
    keep = set(keep_bodies)
    return data.subset([i for i, b in enumerate(data.body_ids) if b in keep])


@pytest.mark.data
def test_split_by_body_keeps_bodies_together() -> None:
    data = _sample(200)
    held = split_by_body(data, [0])
    rest = split_by_body(data, [1, 2, 3, 4])
    assert set(held).isdisjoint(rest) and len(held) + len(rest) == len(data)
    assert {data.body_ids[i] for i in held}.isdisjoint({data.body_ids[i] for i in rest})
    assert all(body_bucket(data.body_ids[i]) == 0 for i in held)
    assert 0.1 < len({data.body_ids[i] for i in held}) / len(data.bodies) < 0.3


@pytest.mark.data
def test_training_smoke_run_save_load_roundtrip(tmp_path: Path) -> None:
    """A tiny model trains, its exported trees reproduce scikit-learn, and it survives save/load."""
    data = _sample(60)
    params = {
        "learning_rate": 0.2,
        "max_iter": 15,
        "max_leaf_nodes": 15,
        "min_samples_leaf": 10,
        "l2_regularization": 1.0,
    }
    model = train_model(data, params=params)
    model.save(tmp_path)
    again = StanceModel.load(tmp_path)
    bodies = [data.bodies[b] for b in data.body_ids[:200]]
    labels, p = model.predict_texts(data.headlines[:200], bodies)
    labels2, p2 = again.predict_texts(data.headlines[:200], bodies)
    assert labels == labels2
    assert np.allclose(p, p2, atol=1e-5)
    # even a tiny model separates related from unrelated on the pairs it saw
    related = [s != "unrelated" for s in data.stances[:200]]
    pred_related = [s != "unrelated" for s in labels]
    assert sum(a == b for a, b in zip(related, pred_related, strict=True)) / 200 > 0.85


def _write_fnc(folder: Path, data: FncData) -> tuple[Path, Path]:
    bodies = folder / "bodies.csv"
    stances = folder / "stances.csv"
    with bodies.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Body ID", "articleBody"])
        for b in sorted(data.bodies):
            w.writerow([b, data.bodies[b]])
    with stances.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body ID", "Stance"])
        for h, b, s in zip(data.headlines, data.body_ids, data.stances, strict=True):
            w.writerow([h, b, s])
    return bodies, stances


@pytest.mark.data
def test_eval_cli_scores_the_shipped_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _sample(8)
    bodies, stances = _write_fnc(tmp_path, data)
    assert (
        main(["eval", "stance-fnc", "--bodies", str(bodies), "--stances", str(stances), "--json"])
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["pairs"] == len(data)
    assert 0 <= doc["fnc_score"] <= 100
    assert sum(sum(row.values()) for row in doc["confusion"].values()) == len(data)
    assert doc["pairs_per_second"] > 0
    speed = doc["speed"]
    assert speed["pairs"] == len(data) and speed["bodies"] == len(data.bodies)
    assert speed["shared_bodies"]["pairs_per_cpu_second"] == doc["pairs_per_second"]
    assert speed["new_body_per_pair"]["pairs_per_cpu_second"] > 0
    assert speed["new_body_per_pair"]["batches"] == max(data.body_ids.count(b) for b in data.bodies)
    assert main(["eval", "stance-fnc", "--bodies", str(bodies), "--stances", str(stances)]) == 0
    assert "FNC score" in capsys.readouterr().out


@pytest.mark.data
def test_eval_stance_fnc_json_has_every_key_with_and_without_heldout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``trained_on_these_rows`` was in the document of the shipped model's run alone: a
    ``--heldout`` run, which trains its own model on other bodies, left it out. It is null there."""
    bodies, stances = _write_fnc(tmp_path, _sample(60))
    docs = []
    for heldout in ([], ["--heldout"]):
        assert main(["eval", "stance-fnc", "--bodies", str(bodies), "--stances", str(stances), *heldout, "--json"]) == 0
        docs.append(json.loads(capsys.readouterr().out))
    assert list(docs[0]) == list(docs[1]), (list(docs[0]), list(docs[1]))
    assert docs[0]["trained_on_these_rows"] is False and docs[1]["trained_on_these_rows"] is None
    assert docs[0]["split"] is None and docs[1]["split"]["by"] == "Body ID hash bucket"


def test_eval_bad_csv_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected CSV columns"):
        load_fnc(bad, bad)
    assert main(["eval", "stance-fnc", "--bodies", str(bad), "--stances", str(bad)]) == 2


@pytest.mark.data
def test_training_is_reproducible(tmp_path: Path) -> None:
    """Same data and seed give byte-identical model files (vocabulary, SVD, trees)."""
    data = _sample(60)
    params = {"learning_rate": 0.2, "max_iter": 8, "max_leaf_nodes": 15, "min_samples_leaf": 10, "l2_regularization": 1.0}
    for name in ("a", "b"):
        train_model(data, params=params).save(tmp_path / name)
    for f in ("vocab.json", "vocab.npz", "trees.npz", "meta.json"):
        a = np.load(tmp_path / "a" / f) if f.endswith(".npz") else None
        if a is None:
            assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()
        else:
            with a, np.load(tmp_path / "b" / f) as b:
                assert sorted(a.files) == sorted(b.files)
                for k in a.files:
                    assert np.array_equal(a[k], b[k]), (f, k)


def _fnc_folder_without_disagree(folder: Path) -> Path:
    """An FNC-1 training folder training stops on at once ("no pairs labelled disagree"), so that
    a test of where the model goes cannot overwrite anything should the command train after all."""
    folder.mkdir()
    (folder / "train_bodies.csv").write_text('Body ID,articleBody\n1,"Police said the bridge was closed."\n', encoding="utf-8")
    (folder / "train_stances.csv").write_text(
        "Headline,Body ID,Stance\nBridge closed,1,agree\nBridge talk,1,discuss\nCat video,1,unrelated\n", encoding="utf-8"
    )
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_train_stance_needs_out_and_leaves_the_shipped_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'train stance FNC_DIR' wrote over the installed, shipped model without a word: the folder to
    write to is now a required --out (the shipped model is rebuilt by naming its folder)."""
    fnc = _fnc_folder_without_disagree(tmp_path / "fnc")
    shipped = _files(MODEL_DIR)
    assert main(["train", "stance", str(fnc)]) == 2
    assert "Missing option '--out'" in capsys.readouterr().err
    assert _files(MODEL_DIR) == shipped


def test_train_stance_refuses_a_folder_with_other_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--out naming a folder of other files (--out .) would mix the model into them: refused
    before any training; a new folder, an empty one or a model to replace is fine."""
    fnc = _fnc_folder_without_disagree(tmp_path / "fnc")
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["train", "stance", str(fnc), "--out", str(home)]) == 2
    assert f"{home}: holds other files than a stance model (notes.txt)" in capsys.readouterr().err
    assert _files(home) == {"notes.txt": b"mine"}
    check_out_folder(tmp_path / "new")
    (tmp_path / "empty").mkdir()
    check_out_folder(tmp_path / "empty")
    check_out_folder(MODEL_DIR)
    # as Spark's --out: hidden entries (a file manager's .DS_Store) are no one's data; they were refused
    (tmp_path / "empty" / ".DS_Store").write_bytes(b"")
    check_out_folder(tmp_path / "empty")
    with pytest.raises(InputError, match="not a folder"):
        check_out_folder(home / "notes.txt")


def test_an_out_folder_the_system_left_its_files_in_is_no_one_elses(tmp_path: Path) -> None:
    """A folder opened in Windows Explorer gets ``Thumbs.db`` and ``desktop.ini``, as one opened in
    the macOS Finder gets ``.DS_Store``: --out was refused as holding other files than a stance
    model (desktop.ini, Thumbs.db), though ingest's walk leaves them out as the system's. The
    output check leaves out what ingest leaves out (``ingest.left_out``); a user's file is still refused."""
    from newstrace.engine.spark import check_out_dir

    out = tmp_path / "model"
    out.mkdir()
    for clutter in ("Thumbs.db", "desktop.ini", ".DS_Store"):
        (out / clutter).write_bytes(b"\x00\x01clutter")
    check_out_folder(out)
    check_out_dir(out)  # Spark's --out, the same check in its words
    (out / "notes.ini").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match=r"holds other files than a stance model \(notes.ini\)"):
        check_out_folder(out)


def test_eval_scores_the_model_folder_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'eval stance-fnc --model DIR' scores a model 'train stance --out DIR' wrote; with --heldout,
    which trains its own, --model is a usage error."""
    import shutil

    model = tmp_path / "model"
    shutil.copytree(MODEL_DIR, model)
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    meta["class_bias"] = [0.0, 50.0, 0.0, 0.0]  # every pair: disagree
    (model / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    fnc = _fnc_folder_without_disagree(tmp_path / "fnc")
    files = ["--bodies", str(fnc / "train_bodies.csv"), "--stances", str(fnc / "train_stances.csv")]
    assert main(["eval", "stance-fnc", *files, "--model", str(model), "--json"]) == 0
    confusion = json.loads(capsys.readouterr().out)["confusion"]
    assert {g: row["disagree"] for g, row in confusion.items()} == {"agree": 1, "disagree": 0, "discuss": 1, "unrelated": 1}
    assert main(["eval", "stance-fnc", *files, "--model", str(model), "--heldout"]) == 2
    assert "--model: not with --heldout" in capsys.readouterr().err
