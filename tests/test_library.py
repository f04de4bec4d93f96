"""The library as a Python user meets it: ``import newstrace``, the README's *Library* example, the
entry points DEVELOPING.md lists, and spans that index the text they point into."""

from __future__ import annotations

import contextlib
import csv
import importlib
import inspect
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, fnc1_bodies, require_data
from newstrace.model import Article, Span


def _source(article: Article, span: Span) -> str:
    text = article.title if span.field == "title" else article.text
    assert text is not None
    return text


def test_import_newstrace_gives_the_entry_points_with_hints_and_docstrings() -> None:
    """Every name ``newstrace`` exports resolves (to the object of its own module), says what it is
    for, and a function's parameters and result are typed. It used to export ``__version__`` alone."""
    import newstrace

    for name in ("read_articles", "compare_articles", "extract_claims", "align_pair", "Article", "Span", "Store"):
        assert name in newstrace.__all__, name
    for name in newstrace.__all__:
        obj = getattr(newstrace, name)
        if name == "__version__":
            continue
        assert inspect.getdoc(obj), f"newstrace.{name} has no docstring"
        if inspect.isfunction(obj):
            sig = inspect.signature(obj)
            assert sig.return_annotation is not inspect.Signature.empty, f"newstrace.{name}: no return type"
            for p in sig.parameters.values():
                assert p.annotation is not inspect.Parameter.empty, f"newstrace.{name}({p.name}): no type"
    assert newstrace.compare_articles is importlib.import_module("newstrace.compare").compare_articles
    # the local engine itself, its options named and typed (corpus.analyze forwards **kwargs: Any)
    assert {"batch_size", "workers", "steps"} <= set(inspect.signature(newstrace.analyze).parameters)
    # type checkers see every name too (mypy reads the TYPE_CHECKING imports, not __getattr__)
    source = inspect.getsource(newstrace)
    for name in newstrace.__all__[1:]:
        assert f"import {name} as {name}\n" in source, name
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        newstrace.nothing_here  # noqa: B018


def test_import_newstrace_stays_cheap() -> None:
    """The names load on first use: the CLI imports the package before every command."""
    code = "import sys, newstrace; print(sorted(m for m in ('spacy', 'newstrace.compare', 'newstrace.ingest') if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in [str(ROOT / "src"), os.environ.get("PYTHONPATH")] if p)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "[]"


def test_the_readme_library_example_runs_and_prints_what_it_says() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Library", 1)[1].split("\n## ", 1)[0]
    out = io.StringIO()
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(out):
            exec(compile(_examples()["readme_example.py"], "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    lines = out.getvalue().splitlines()
    said = re.search(r"prints `([^`]+)`", section)
    assert said and lines[0] == said.group(1), (lines, said)
    assert [ln.split()[0] for ln in lines[1:]] == ["event_drift", "number_drift"]


def _examples() -> dict[str, str]:
    """The code a user copies: README *Library*'s example and the one in ``newstrace``'s docstring."""
    import newstrace

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Library", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    doc = re.search(r"::\n\n((?:    .*\n|\n)+)", newstrace.__doc__ or "")
    assert code and doc, "README's Library section or newstrace's docstring has no example"
    return {"readme_example.py": code.group(1), "init_example.py": inspect.cleandoc(doc.group(1)) + "\n"}


def test_the_examples_a_user_copies_type_check_strictly(tmp_path: Path) -> None:
    """A user's script made of README's example passes ``mypy --strict`` on the package's hints
    (``py.typed``). It did not: ``article.title if span.field == "title" else article.text`` is
    ``str | None``, and mypy said 'Value of type "str | None" is not indexable' of the slice."""
    pytest.importorskip("mypy")
    assert (ROOT / "src" / "newstrace" / "py.typed").is_file()
    for name, code in _examples().items():
        (tmp_path / name).write_text(code, encoding="utf-8")
    # the package as an installed one is checked: its own modules silently, the user's script strictly
    env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental",
                          "--cache-dir", os.devnull, *sorted(_examples())],
                         cwd=tmp_path, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stdout + run.stderr


def _developing_entry_points() -> list[tuple[str, str]]:
    """(module, name) of each entry point DEVELOPING.md's layout table lists with a code path."""
    text = (ROOT / "DEVELOPING.md").read_text(encoding="utf-8")
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        paths = re.findall(r"`([\w/.]+)`", cells[0])
        modules = ["newstrace." + p.removeprefix("src/newstrace/").removesuffix(".py").strip("/").replace("/", ".") for p in paths]
        for entry in re.findall(r"`([^`]+)`", cells[2]):
            where, _, name = entry.rpartition("::")
            name = re.split(r"[(\s]", name, maxsplit=1)[0]
            if where:  # `store/migrations.py::MIGRATIONS`
                out.append(("newstrace." + where.removesuffix(".py").replace("/", "."), name))
            else:
                out.append(("|".join(modules), name))
    return out


def test_developing_md_entry_points_exist() -> None:
    """The layout table names each stage's public entry points; a reader imports them from the
    stage's package (``from newstrace.clean import normalize_body`` failed: the package exported
    nothing, nor did ``newstrace.store`` its ``Store``)."""
    entries = _developing_entry_points()
    assert ("newstrace.clean", "normalize_body") in entries and len(entries) > 25
    for modules, name in entries:
        # a dotted name is a module of the stage and its entry point (engine's ``local.analyze``)
        module, _, attr = name.rpartition(".")
        found = [m for m in modules.split("|")
                 if hasattr(importlib.import_module(f"{m}.{module}" if module else m), attr)]
        assert found, f"DEVELOPING.md lists {name} under {modules}, which has no such name"


def test_every_span_the_library_returns_indexes_the_text_it_names() -> None:
    """``text[start:end]`` is the reported text for every span of the seeds' comparison (findings,
    quotes, quantities, shared passages; headline spans index the title), as README promises."""
    import newstrace

    articles = newstrace.read_articles([EXAMPLES])
    by_id = {a.id: a for a in articles}
    report = newstrace.compare_articles(articles)
    spans = [s for f in report.findings for s in f.evidence]
    assert any(s.field == "title" for s in spans) and len(spans) > 20
    for s in spans:
        assert _source(by_id[s.article], s)[s.start : s.end] == s.text, s
    for a in articles:
        claims = newstrace.extract_claims(a)
        assert claims.quotes and claims.quantities
        for q in [*claims.quotes, *claims.quantities]:
            assert a.text[q.start : q.end] == q.text, q
    a, b = articles
    shared = newstrace.align_pair(a, b)
    assert shared
    for p in shared:
        assert (a.text[p.a_start : p.a_end], b.text[p.b_start : p.b_end]) == (p.a_text, p.b_text)


def _check_span(bad: list[str], what: str, article: Article, field: str, start: int, end: int, text: str) -> None:
    source = (article.title if field == "title" else article.text) or ""
    if not (0 <= start <= end <= len(source) and source[start:end] == text):
        bad.append(f"{what} of {article.id} [{start}, {end}) {field}: {text!r} is not {source[start:end]!r}")


def test_every_span_indexes_its_text_over_hundreds_of_real_articles() -> None:
    """README's promise, ``text[start:end] == span.text`` (a headline span against the title), for
    every quote, speaker mention, count, count's window, finding, shared passage, quotation
    variant and stance sentence the library gives over FA-KES dev's dev-split rows (396 articles:
    compared story by story as the dataset groups them, reuse across all) and FNC-1 bodies that
    share a headline (compared, and their stance towards it)."""
    import newstrace
    from newstrace.evaluate.stories_fakes import load_fakes, split_of

    articles, story, _ = load_fakes(require_data("fakes", "fakes_dev.csv"))
    dev = [a for a in articles if split_of(story[a.id]) == "dev"]  # the test split is held out
    bodies = fnc1_bodies()
    with open(require_data("fnc1", "train_stances.csv"), encoding="utf-8", newline="") as fh:
        related: dict[str, list[str]] = {}
        for row in csv.DictReader(fh):
            if row["Stance"] != "unrelated":
                related.setdefault(row["Headline"], []).append(row["Body ID"])
    headlines = sorted(related)[:30]
    bad: list[str] = []
    checked = 0

    for a, c in zip(dev, newstrace.extract_many(dev), strict=True):
        for q in c.quotes:
            _check_span(bad, "quote", a, "text", q.start, q.end, q.text)
            if (q.speaker_start is None) != (q.speaker_end is None):
                bad.append(f"speaker of {a.id}: one end only, {q}")
            elif q.speaker_start is not None and q.speaker_end is not None:
                mention = a.text[q.speaker_start : q.speaker_end]
                if not (0 <= q.speaker_start < q.speaker_end <= len(a.text)) or not any(ch.isalpha() for ch in mention):
                    bad.append(f"speaker of {a.id} [{q.speaker_start}, {q.speaker_end}): {mention!r}")
        for n in c.quantities:
            _check_span(bad, "count", a, "text", n.start, n.end, n.text)
            if n.window_start is not None or n.window_end is not None:
                _check_span(bad, "window", a, "text", n.window_start or 0, n.window_end or 0, n.window or "")
        checked += len(c.quotes) + len(c.quantities)

    groups: dict[str, list[Article]] = {}
    for a in dev:
        groups.setdefault(story[a.id], []).append(a)
    sets = [g for _, g in sorted(groups.items()) if len(g) > 1]
    sets += [[newstrace.Article.create(bodies[b], id=f"fnc{b}", outlet=f"fnc{b}", title=h) for b in sorted(set(related[h]))[:4]]
             for h in headlines]
    for arts in sets:
        report = newstrace.compare_articles(arts)
        for f in report.findings:
            for sp in f.evidence:
                _check_span(bad, f.type, report.article(sp.article), sp.field, sp.start, sp.end, sp.text)
            checked += len(f.evidence)

    found = newstrace.find_reuse(dev)
    by_id = {a.id: a for a in found.articles}
    for pair in found.pairs:
        for p in pair.shared:
            _check_span(bad, "shared passage", by_id[pair.a], "text", p.a_start, p.a_end, p.a_text)
            _check_span(bad, "shared passage", by_id[pair.b], "text", p.b_start, p.b_end, p.b_text)
        checked += 2 * len(pair.shared)
    for v in found.variants:
        for sp in v.spans:
            _check_span(bad, "quotation variant", by_id[sp.article], sp.field, sp.start, sp.end, sp.text)
        checked += len(v.spans)

    for h in headlines[:10]:
        body = newstrace.Article.create(bodies[related[h][0]], id=f"fnc{related[h][0]}")
        for sp in newstrace.predict_stance(h, body).evidence:
            _check_span(bad, "stance sentence", body, sp.field, sp.start, sp.end, sp.text)
            checked += 1

    assert len(dev) > 300 and checked > 5000, (len(dev), checked)
    assert not bad, f"{len(bad)} of {checked} spans do not index their text: {bad[:5]}"


def test_an_entry_point_given_a_text_or_a_path_for_an_article_says_so_at_the_call(tmp_path: Path) -> None:
    """A user's slip, the seed's text or its file given where an ``Article`` goes, failed deep
    inside as a bare error that reads as newstrace's bug ("'str' object has no attribute
    'source'", "'int' object is not iterable", "'str' object has no attribute 'readonly'", and
    ``render_html([article])`` "'list' object has no attribute 'by_time'"). Each
    entry point now refuses it at the call with ``ArgumentError``, an ``InputError`` (so a
    ``NewstraceError``) and a ``TypeError``, naming the argument, what it was given and what to
    give; nothing is stored of a list with a text in it."""
    import newstrace
    from newstrace.errors import ArgumentError

    rt = next(a for a in newstrace.read_articles(EXAMPLES) if a.outlet == "rt.com")
    seed = str(EXAMPLES / "001_b27ff7eeccda9d61.txt")
    with newstrace.Store(tmp_path / "corpus.db") as store:
        calls: dict[str, tuple[Callable[[], object], str]] = {
            "compare_articles": (lambda: newstrace.compare_articles([rt.text, rt]), "compare_articles: articles: item 0: given str"),
            "compare_articles of a folder": (lambda: newstrace.compare_articles(seed), "compare_articles: articles: given str"),
            "find_reuse": (lambda: newstrace.find_reuse([rt, seed]), "find_reuse: articles: item 1: given str"),
            "extract_claims": (lambda: newstrace.extract_claims(rt.text), "extract_claims: article: given str"),
            "extract_many": (lambda: list(newstrace.extract_many([rt, None])), "extract_many: articles: item 1: given NoneType"),
            "align_pair": (lambda: newstrace.align_pair(rt, rt.text), "align_pair: b: given str"),
            "predict_stance": (lambda: newstrace.predict_stance(rt, rt), "predict_stance: claim: given Article"),
            "read_articles": (lambda: newstrace.read_articles([seed, 42]), "read_articles: paths item 1: given int 42, not a path"),
            "Store": (lambda: newstrace.Store(3), "Store: path: given int 3, not a path"),
            "Store.add_articles": (lambda: store.add_articles([rt, rt.text]), "Store.add_articles: articles: item 1: given str"),
            "analyze": (lambda: newstrace.analyze(str(tmp_path / "corpus.db")), "analyze: given str"),
            "Article.create": (lambda: newstrace.Article.create(rt), "Article.create: text: given Article"),
            "render_html": (lambda: newstrace.render_html([rt]), "render_html: comparison: given list [Article("),
        }
        for name, (call, said) in calls.items():
            with pytest.raises(ArgumentError) as raised:
                call()
            assert str(raised.value).startswith(said), (name, str(raised.value))
            assert isinstance(raised.value, newstrace.InputError) and isinstance(raised.value, TypeError), name
        assert store.count_articles() == 0  # the list with a text in it stored nothing


def test_every_result_is_the_json_its_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """Each result's ``to_dict`` is plain JSON (``json.dumps`` as it is, no ``default=``), and an
    article's claims give what ``extract --json`` prints of them. ``ArticleClaims`` had no
    ``to_dict``: a user wanting ``extract``'s JSON imported the CLI's ``claims_document`` or
    rebuilt it, where ``dataclasses.asdict`` gives counts' window offsets the command leaves out."""
    import newstrace
    from newstrace.cli.main import main

    articles = newstrace.read_articles(EXAMPLES)
    assert main(["extract", str(EXAMPLES), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    for a, doc in zip(articles, printed, strict=True):
        claims = newstrace.extract_claims(a).to_dict()
        assert claims == {"article": a.id, "quotes": doc["quotes"], "quantities": doc["quantities"]}
        assert claims["quantities"] and "window_start" not in claims["quantities"][0]
    for command, result in (("compare", newstrace.compare_articles(articles)), ("reuse", newstrace.find_reuse(articles))):
        assert main([command, str(EXAMPLES), "--json", *(["-"] if command == "compare" else [])]) == 0
        printed = json.loads(capsys.readouterr().out)  # README: but for its skipped and passed_over
        assert {k: v for k, v in printed.items() if k not in ("skipped", "passed_over")} == result.to_dict(), command
    for result in (newstrace.compare_articles(articles), newstrace.find_reuse(articles), articles[0],
                   newstrace.extract_claims(articles[0]), newstrace.predict_stance("Aleppo was bombed", articles[0])):
        json.dumps(result.to_dict(), allow_nan=False)


def test_a_comparison_asked_for_an_article_it_does_not_hold_says_which_it_holds() -> None:
    """``report.article(id)``, README's way from a span to its text, raised a bare StopIteration
    for an id the comparison does not hold (an id's prefix, the file name, the other spelling of
    ``SANA:1``), which inside a generator turns into "RuntimeError: generator raised
    StopIteration". It is ``UnknownArticle`` now, an ``InputError`` and a ``KeyError``, naming
    the id and the ids it holds."""
    import newstrace
    from newstrace.errors import UnknownArticle

    report = newstrace.compare_articles(newstrace.read_articles(EXAMPLES))
    ids = sorted(a.id for a in report.articles)
    assert [report.article(i).id for i in ids] == ids
    with pytest.raises(UnknownArticle) as raised:
        report.article(ids[0][:6])
    assert str(raised.value) == f"no article {ids[0][:6]!r} in this comparison; its articles are {', '.join(ids)}"
    assert isinstance(raised.value, newstrace.InputError) and isinstance(raised.value, KeyError)


def test_a_blank_claim_is_refused_by_predict_stance_as_by_the_stance_command() -> None:
    """``newstrace stance --claim '  '`` is refused ("expected a headline or a sentence, not
    blank"); ``predict_stance("", article)`` answered "unrelated" with probability 1.0, a
    certainty about nothing. It raises ``InputError`` in the command's words now."""
    import newstrace

    rt = next(a for a in newstrace.read_articles(EXAMPLES) if a.outlet == "rt.com")
    for blank in ("", "  \n"):
        with pytest.raises(newstrace.InputError, match=r"^predict_stance: claim .*: expected a headline or a sentence, not blank$"):
            newstrace.predict_stance(blank, rt)
    assert newstrace.predict_stance("Staffan de Mistura calls for an investigation of the attacks on Aleppo", rt).label != "unrelated"


def test_what_the_entry_points_return_is_of_types_newstrace_exports(tmp_path: Path) -> None:
    """A user annotating a result, or naming it in ``isinstance``, finds its type in ``newstrace``:
    ``analyze``'s report, a comparison's pairs and ``Store.add_articles``' counts were of types
    only their modules gave (``newstrace.engine.local.AnalyzeReport``, ...)."""
    import newstrace

    articles = newstrace.read_articles(EXAMPLES)
    report = newstrace.compare_articles(articles)
    with newstrace.Store(tmp_path / "corpus.db") as store:
        results = [report, *report.pairs, *report.findings, store.add_articles(articles),
                   newstrace.analyze(store, workers=1), newstrace.find_reuse(articles), *newstrace.find_reuse(articles).pairs,
                   newstrace.extract_claims(articles[0]), newstrace.predict_stance("Aleppo was bombed", articles[0])]
    for result in results:
        name = type(result).__name__
        assert name in newstrace.__all__ and getattr(newstrace, name) is type(result), name


def test_a_comparison_s_quotations_are_of_types_newstrace_exports_and_name_no_internal_one() -> None:
    """``compare_articles(...).quote_groups`` was a list of ``compare.pairing.QuoteGroup``, which
    ``newstrace`` did not export: a user could not annotate it, and each mention held the compare's
    working ``View`` of its article (sentences, claims, matrix rows). Every type a result's fields,
    properties and methods give is exported, down to the mentions, and a mention gives its article
    and its ``span``; a group's ``to_dict`` is its entry of ``compare --json``'s ``quotes``."""
    import dataclasses
    import typing

    import newstrace

    report = newstrace.compare_articles(newstrace.read_articles(EXAMPLES))
    assert report.quote_groups
    seen: set[type] = set()

    def walk(t: object, where: str) -> None:
        for arg in typing.get_args(t):
            walk(arg, where)
        if not inspect.isclass(t) or not t.__module__.startswith("newstrace") or t in seen:
            return
        seen.add(t)
        assert getattr(newstrace, t.__name__, None) is t, f"{where} gives {t.__module__}.{t.__name__}, which newstrace does not export"
        hints = dict(typing.get_type_hints(t)) if dataclasses.is_dataclass(t) else {}  # its fields
        for name, member in inspect.getmembers(t):
            fn = member.fget if isinstance(member, property) else member
            if not name.startswith("_") and inspect.isfunction(fn):
                hints[f"{name}()"] = typing.get_type_hints(fn).get("return")
        for name, hint in hints.items():
            if not name.startswith("_"):
                walk(hint, f"{t.__name__}.{name}")

    walk(type(report), "compare_articles()")
    assert {newstrace.QuoteGroup, newstrace.QuoteMention} <= seen
    by_id = {a.id: a for a in report.articles}
    for group, listed in zip(report.quote_groups, report.to_dict()["quotes"], strict=True):
        assert isinstance(group, newstrace.QuoteGroup) and group.to_dict() == listed
        for m in group.mentions:
            assert isinstance(m, newstrace.QuoteMention) and m.quoted_in is by_id[m.article]
            assert m.span.text == m.quoted_in.text[m.quote.start:m.quote.end] == m.quote.text


def test_a_store_s_public_methods_take_and_give_only_types_newstrace_exports() -> None:
    """A user can name every type ``Store``'s public methods take and give: ``Store.holder()``
    gave ``model.Holder``, which ``newstrace`` does not export, the form ``ingest`` keys a run's
    ids by (its ``this_run`` always False from a store). README's ``Store`` is ``add_articles``,
    ``iter_articles``, ``find_article``: the ingest helper is private, ``Store._holder``."""
    import typing

    import newstrace

    def named(t: object) -> list[type]:
        inner = [n for arg in typing.get_args(t) for n in named(arg)]
        return [*inner, t] if inspect.isclass(t) and t.__module__.startswith("newstrace") else inner

    checked = 0
    for name, member in inspect.getmembers(newstrace.Store):
        fn = member.fget if isinstance(member, property) else member
        if name.startswith("_") or not inspect.isfunction(fn):
            continue
        checked += 1
        for t in (t for hint in typing.get_type_hints(fn).values() for t in named(hint)):
            assert getattr(newstrace, t.__name__, None) is t, f"Store.{name} names {t.__module__}.{t.__name__}, which newstrace does not export"
    assert checked >= 10  # add_articles, iter_articles, find_article, get_article, ...


def test_reading_a_store_s_results_leaves_what_its_methods_return_as_it_was(tmp_path: Path) -> None:
    """README's ``CorpusResults(store.conn)`` sets the connection's ``row_factory``, which every
    ``Store`` method reads its rows through: a Store's connection has ``sqlite3.Row`` already, so
    what the methods return after it is what they returned before (were it another factory, the
    articles' rows would change under them)."""
    import sqlite3

    import newstrace
    from newstrace.store.results import CorpusResults

    def asked(store: newstrace.Store) -> list[object]:
        articles = list(store.iter_articles())
        first = articles[0].id
        return [articles, store.find_article(first[:6]), store.get_article(first), list(store.iter_articles_by_ids([first])),
                store._holder(first), store.outlet_names(), store.count_articles(), store.schema_version,
                store.same_article(articles[1])]

    with newstrace.Store(tmp_path / "corpus.db") as store:
        store.add_articles(newstrace.read_articles(EXAMPLES))
        newstrace.analyze(store, workers=1)
        before = asked(store)
        factory = store.conn.row_factory
        results = CorpusResults(store.conn)
        assert results.stories()[0] == 1  # the seeds are one story
        assert store.conn.row_factory is factory is sqlite3.Row
        assert asked(store) == before


def test_a_store_opened_read_only_says_how_to_open_it_for_writing(tmp_path: Path) -> None:
    """``Store(path, readonly=True)`` refuses ``add_articles`` and ``analyze``; it said "x.db:
    opened read-only", not by what (the caller's ``readonly=True``) nor what opens it to write."""
    import newstrace

    articles = newstrace.read_articles(EXAMPLES)
    with newstrace.Store(tmp_path / "corpus.db") as store:
        store.add_articles(articles[:1])
    with newstrace.Store(tmp_path / "corpus.db", readonly=True) as store:
        for call, run in (("Store.add_articles", lambda: store.add_articles(articles)),
                          ("analyze", lambda: newstrace.analyze(store))):
            with pytest.raises(newstrace.StoreError) as raised:
                run()
            assert str(raised.value) == (f"{call}: {tmp_path / 'corpus.db'}: opened read-only (Store(path, readonly=True)); "
                                         "open it with newstrace.Store(path) to write")
        assert store.count_articles() == 1


def test_read_articles_takes_one_path_as_well_as_several() -> None:
    """``newstrace.read_articles("examples")`` iterated the string: it raised 'e: no such file or
    folder', and a ``Path`` raised TypeError ('PosixPath' object is not iterable)."""
    import newstrace

    want = [a.id for a in newstrace.read_articles([EXAMPLES])]
    assert len(want) == 2
    assert [a.id for a in newstrace.read_articles(str(EXAMPLES))] == want
    assert [a.id for a in newstrace.read_articles(EXAMPLES)] == want
    assert [a.id for a in newstrace.read_inputs(EXAMPLES / "001_b27ff7eeccda9d61.txt")] == [want[1]]


def test_read_articles_of_inputs_that_give_no_article_says_why_as_the_commands_do(tmp_path: Path) -> None:
    """``newstrace extract records.json`` of a JSON array whose records are no objects says each
    record skipped and ends "no articles could be read" (exit 2); ``read_articles`` of it
    returned ``[]``, the reasons dropped, as if the file were read and held nothing. It raises
    ``InputError`` in the command's words, with the reasons; inputs that give an article, and
    no inputs at all, read as before."""
    import newstrace

    rt = next(a for a in newstrace.read_articles(EXAMPLES) if a.outlet == "rt.com")
    records = tmp_path / "records.json"
    records.write_text(json.dumps([rt.text[:80], 2016, None]), encoding="utf-8")
    with pytest.raises(newstrace.InputError) as raised:
        newstrace.read_articles(records)
    assert str(raised.value) == (f"{records}: no articles could be read "
                                 f"({records}: not a JSON object, skipped (3 times: record 1, record 2, record 3))")
    (tmp_path / "rt.json").write_text(json.dumps([{"text": rt.text}, 7]), encoding="utf-8")
    assert [a.text for a in newstrace.read_articles([records, tmp_path / "rt.json"])] == [rt.text]
    assert newstrace.read_articles([]) == []


def test_compare_and_reuse_of_a_read_list_keep_two_outlets_articles_under_one_id(tmp_path: Path) -> None:
    """``read_articles`` of RT's and SANA's exports, each numbering from 1, gives two articles
    with id 1 (it reads, it does not key). ``compare_articles`` and ``find_reuse`` of that list
    kept one by id alone: SANA's copy of RT's report was dropped, and with it the reuse between
    them. They now key the list as ``ingest`` does: SANA's is SANA:1, compare says so in a note,
    and a later record of RT's 1 is RT's article, used once."""
    import newstrace
    from newstrace.reuse import find_reuse

    rt = next(a for a in newstrace.read_articles([EXAMPLES]) if a.outlet == "rt.com")
    rows = {"rt": [{"id": "1", "outlet": "RT", "text": rt.text}, {"id": "1", "outlet": "RT", "text": "A repeat."}],
            "sana": [{"id": "1", "outlet": "SANA", "text": rt.text[: len(rt.text) // 2] + " SANA's own ending."}]}
    for name, records in rows.items():
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    articles = newstrace.read_articles([tmp_path / "rt.jsonl", tmp_path / "sana.jsonl"])
    assert [a.id for a in articles] == ["1", "1", "1"]

    found = find_reuse(articles)
    assert [(p.a, p.b) for p in found.pairs] == [("1", "SANA:1")]
    assert [(a.id, a.outlet) for a in found.articles] == [("1", "RT"), ("SANA:1", "SANA")]
    assert [a["id"] for a in found.to_dict()["articles"]] == ["1", "SANA:1"]
    report = newstrace.compare_articles(articles)
    assert sorted(a.id for a in report.articles) == ["1", "SANA:1"]
    assert f"{tmp_path / 'sana.jsonl'}: 1 id also used by another outlet kept as SANA:1; give each article its own id to avoid this" in report.notes
    assert "article 1 was given more than once; it is compared once." in report.notes
    pair = report.pair("1", "SANA:1")
    assert pair is not None and pair.reuse is not None and pair.same_story
