"""README.md, docs/ and DEVELOPING.md against the code they describe, where a drift would otherwise
pass unnoticed: the reference table's commands, options and defaults both ways (a command or option
added without a row, a default changed in the code and not in README), each row's link to its
command's section in docs/cli.md with the same synopsis, the help panels README lists, the
exit-code table, the limits table, the links between the docs, the output README quotes, and the
files and names the docs point a reader to. (That each command line the docs write parses is
test_cli_foundation's test_readme_command_lines_parse; that DEVELOPING.md's entry points import is
test_library's.)"""

from __future__ import annotations

import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "newstrace"
README = (ROOT / "README.md").read_text(encoding="utf-8")
DEVELOPING = (ROOT / "DEVELOPING.md").read_text(encoding="utf-8")
#: the full CLI reference, one section per command, that README's reference table links to
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
#: README's notes beside it and the docs it links to: README.md, DEVELOPING.md, RELIABILITY.md, docs/*.md
DOCS = ["README.md", *sorted(p.name for p in ROOT.glob("*.md") if p.name != "README.md"),
        *sorted(f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md"))]


def _root() -> Any:
    import typer

    from newstrace.cli.main import app  # registers every command module

    return typer.main.get_command(app)


def _commands(group: Any, path: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every command of the CLI by its words (``"eval stance-fnc"``), groups left out but the root,
    ``""``, whose options (``--version``) README's last row names."""
    found: dict[str, Any] = {} if path else {"": group}
    for name, sub in group.commands.items():
        words = (*path, name)
        found.update(_commands(sub, words) if hasattr(sub, "commands") else {" ".join(words): sub})
    return found


def _section(text: str, heading: str) -> str:
    """The lines under a Markdown heading, up to the next heading of its level or above."""
    level = heading.split()[0]
    lines = text.splitlines()
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines))
                if lines[i].startswith("#") and len(lines[i].split()[0]) <= len(level)), len(lines))
    return "\n".join(lines[start + 1 : end])


def reference_rows(text: str = README) -> list[tuple[str, str]]:
    """(command words, synopsis) of each row of README's CLI reference table: ``("eval stance-fnc",
    "newstrace eval stance-fnc --bodies CSV ...")``; the words are those the CLI has a command for."""
    root = _root()
    rows = []
    for line in _section(text, "## CLI reference").splitlines():
        synopsis = re.match(r"\| `(newstrace [^`]+)` \|", line)
        if not synopsis:
            continue
        words, command = [], root
        for word in synopsis.group(1).split()[1:]:
            if not hasattr(command, "commands") or word not in command.commands:
                break
            command = command.commands[word]
            words.append(word)
        rows.append((" ".join(words), synopsis.group(1).replace("\\|", "|")))
    return rows


def test_readme_opens_with_the_two_setup_commands() -> None:
    """A new user's first two commands are ``make demo`` and ``make test``, and the Makefile has both."""
    assert README.startswith("```sh\nmake demo\nmake test\n```\n")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    # and each target it declares has its rule: `make bench`, declared and never written, did
    # nothing and exited 0 ("Nothing to be done for 'bench'"), where an unknown target stops (exit 2)
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M).group(1).split()  # type: ignore[union-attr]
    assert "demo" in phony and [t for t in phony if not re.search(rf"^{re.escape(t)}:", makefile, re.M)] == []


def reference_problems(rows: list[tuple[str, str]], commands: dict[str, Any]) -> list[str]:
    """What README's reference table and the CLI disagree on: a row for no command, or naming an
    option its command lacks; a command with no row, or an option (not hidden) no row of its
    command names; a default written ``[--batch-size 500]`` that is not the code's default."""
    problems = []
    named: dict[str, set[str]] = {}
    for words, synopsis in rows:
        if words not in commands:
            problems.append(f"README row `{synopsis}`: the CLI has no command '{words}'")
            continue
        params = {o: p for p in commands[words].params for o in [*p.opts, *p.secondary_opts]}
        for option in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", synopsis.split(maxsplit=1 + len(words.split()))[-1]):
            named.setdefault(words, set()).add(option)
            if option not in params:
                problems.append(f"README row `{synopsis}`: '{words}' has no option {option}")
        # a value written out in the option's brackets is its default (a placeholder, ``DB``, is not)
        for option, value in re.findall(r"\[(--[\w-]+) ([^\s|\\]+?)\](?=\s|$)", synopsis):
            param = params.get(option)
            if param is None or re.fullmatch(r"[A-Z][A-Z0-9_]*", value):
                continue
            if str(param.default) != value:
                problems.append(f"README row `{synopsis}`: {option} defaults to {param.default!r}, not {value}")
    for words, command in commands.items():
        if words not in named and not any(w == words for w, _ in rows):
            problems.append(f"the CLI's '{words}' has no row in README's CLI reference")
            continue
        for p in command.params:
            if p.param_type_name == "option" and not p.hidden and not {*p.opts, *p.secondary_opts} & named.get(words, set()):
                problems.append(f"'{words}' {p.opts[0]} is in no README row of '{words}'")
    return problems


def test_reference_table_and_cli_agree() -> None:
    """Every row names a command the CLI has and options it takes, with the defaults it has; every
    command has a row, and every option a user can see in its --help is named in one."""
    rows, commands = reference_rows(), _commands(_root())
    assert len(rows) >= 25 and "eval stance-fnc" in dict(rows)
    problems = reference_problems(rows, commands)
    assert not problems, "\n".join(problems)


def test_reference_check_fails_on_drift() -> None:
    """The check above fails on the drifts it is there for (a misspelt option, a changed default, a
    command without a row): it is no check that cannot fail."""
    rows, commands = reference_rows(), _commands(_root())
    misspelt = [(w, s.replace("[--batch-size 500]", "[--batchsize 500]")) if w == "ingest" else (w, s) for w, s in rows]
    assert any("'ingest' has no option --batchsize" in p for p in reference_problems(misspelt, commands))
    assert any("'ingest' --batch-size is in no README row" in p for p in reference_problems(misspelt, commands))
    stale = [(w, s.replace("[--top 25]", "[--top 20]")) for w, s in rows]
    assert any("--top defaults to 25, not 20" in p for p in reference_problems(stale, commands))
    dropped = [(w, s) for w, s in rows if w != "threads"]
    assert "the CLI's 'threads' has no row in README's CLI reference" in reference_problems(dropped, commands)


def slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: ``### analyze (Spark engine)`` is
    ``analyze-spark-engine``, ``### eval stance-fnc`` ``eval-stance-fnc``."""
    return re.sub(r"[^\w\- ]", "", heading.lstrip("#").strip().lower()).replace(" ", "-")


def headings(text: str) -> list[str]:
    """The headings of a Markdown text, those in its fenced code blocks left out."""
    found, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            found.append(line)
    return found


def command_sections(cli_doc: str) -> dict[str, str]:
    """The synopsis each command's section of docs/cli.md opens with, by the section's anchor:
    ``{"eval-stance-fnc": "newstrace eval stance-fnc --bodies CSV ..."}`` (``""`` when it opens
    with none)."""
    sections = {}
    for part in re.split(r"^### ", _section(cli_doc, "## Commands"), flags=re.M)[1:]:
        heading, _, body = part.partition("\n")
        synopsis = re.match(r"\s*`(newstrace [^`]+)`\n", body)
        sections[slug(heading)] = synopsis.group(1) if synopsis else ""
    return sections


def reference_link_problems(readme: str, cli_doc: str) -> list[str]:
    """What is wrong between README's reference table and docs/cli.md: a row (but ``--version``'s)
    without one link to a section of docs/cli.md, a link to no section, a section whose synopsis is
    not its row's (a ``\\|`` of the table is a ``|`` there), a command's section no row links to."""
    sections = command_sections(cli_doc)
    problems, linked = [], set()
    for line in _section(readme, "## CLI reference").splitlines():
        row = re.match(r"\| `(newstrace [^`]+)` \| (.*) \|$", line)
        if not row or row.group(1) == "newstrace --version":
            continue
        synopsis = row.group(1).replace("\\|", "|")
        links = re.findall(r"\]\(docs/cli\.md#([\w-]+)\)", row.group(2))
        if len(links) != 1:
            problems.append(f"README row `{synopsis}`: {len(links)} links to docs/cli.md, not 1")
            continue
        linked.add(links[0])
        if links[0] not in sections:
            problems.append(f"README row `{synopsis}`: docs/cli.md has no section #{links[0]}")
        elif sections[links[0]] != synopsis:
            problems.append(f"README row `{synopsis}`: docs/cli.md#{links[0]} opens with `{sections[links[0]]}`")
    problems += [f"docs/cli.md#{a}: no README row links to it" for a in sections if a not in linked]
    return problems


def test_reference_rows_link_to_their_sections_in_docs() -> None:
    """Each row of README's table says what its command does in a line and links to the command's
    section in docs/cli.md, which opens with the row's synopsis (so the table's check above holds
    for both); every section has its row."""
    assert len(command_sections(CLI_DOC)) >= 24 and "eval-stance-fnc" in command_sections(CLI_DOC)
    assert reference_link_problems(README, CLI_DOC) == []
    stale = CLI_DOC.replace("[--top 25]", "[--top 20]", 1)
    assert any("docs/cli.md#compare opens with" in p for p in reference_link_problems(README, stale))
    unlinked = README.replace("(docs/cli.md#threads)", "(docs/cli.md#thread)")
    assert reference_link_problems(unlinked, CLI_DOC) == [
        "README row `newstrace threads [--db DB] [--json] [--limit N]`: docs/cli.md has no section #thread",
        "docs/cli.md#threads: no README row links to it"]


def link_problems(doc: str, text: str) -> list[str]:
    """The links of a doc (``[docs/cli.md](docs/cli.md)``, ``[*Limits*](../README.md#limits)``,
    ``(#exit-codes)``) to a file of the repository that is not there, or to a heading its file does
    not have; a link to a web address is not checked."""
    problems = []
    for target, anchor in re.findall(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path = (ROOT / doc).parent / target if target else ROOT / doc
        if not path.exists():
            problems.append(f"{doc}: ({target}#{anchor}): no such file")
        elif anchor and anchor not in {slug(h) for h in headings(path.read_text(encoding="utf-8"))}:
            problems.append(f"{doc}: ({target}#{anchor}): {path.resolve().relative_to(ROOT)} has no such heading")
    return problems


@pytest.mark.parametrize("doc", DOCS)
def test_links_between_the_docs_resolve(doc: str) -> None:
    """A section moved from README to docs/ (the CLI reference, the input formats, the web app) is
    linked where it was: each link to a file of the repository finds it, with the heading it names."""
    assert not link_problems(doc, (ROOT / doc).read_text(encoding="utf-8"))
    assert link_problems("docs/cli.md", "[*Limits*](../README.md#limit), [x](cli.md#ingest) [y](gone.md)") == [
        "docs/cli.md: (../README.md#limit): README.md has no such heading",
        "docs/cli.md: (gone.md#): no such file"]


def test_readme_demo_excerpt_is_what_compare_prints() -> None:
    """README's *What you get* quotes what `make demo` prints: each line it quotes is a line of
    ``compare examples`` (on a pipe, 80 columns), so a change to the findings shows in README."""
    quoted = [line.rstrip() for block in re.findall(r"```text\n(.*?)```", _section(README, "## What you get"), re.S)
              for line in block.splitlines() if line.strip()]
    env = {**os.environ, "COLUMNS": "80",
           "PYTHONPATH": os.pathsep.join(p for p in [str(ROOT / "src"), os.environ.get("PYTHONPATH")] if p)}
    printed = subprocess.run([sys.executable, "-m", "newstrace", "compare", "examples"], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True).stdout
    lines = {line.rstrip() for line in printed.splitlines()}
    assert len(quoted) >= 8
    assert [line for line in quoted if line not in lines] == [], printed


def test_help_panels_are_those_readme_lists() -> None:
    """README: "`newstrace --help` lists them in the order the job meets them, in three panels:
    *Build and browse a database* (`ingest`, ...)": the panels, their commands and their order."""
    import click

    root = _root()
    said = re.findall(r"\*([^*]+)\* \(((?:`[\w-]+`(?:, )?)+)\)", _section(README, "## CLI reference").split("\n\n")[0])
    assert len(said) == 3, said
    readme = [(panel, re.findall(r"`([\w-]+)`", names)) for panel, names in said]
    ctx = click.Context(root)
    listed = root.list_commands(ctx)
    assert [name for _, names in readme for name in names] == listed
    for panel, names in readme:
        assert {root.commands[n].rich_help_panel for n in names} == {panel}, (panel, names)


def test_exit_code_table_is_the_codes_the_cli_exits_with() -> None:
    """README's exit codes are the ``exit_code`` of the errors (``errors.py``), a usage error's 2,
    success's 0 and an internal error's 70 (``cli/main.py``), no more and no fewer."""
    import click

    from newstrace import errors
    from newstrace.cli import main

    table = {int(code) for code in re.findall(r"^\| (\d+) \|", _section(README, "### Exit codes"), re.M)}
    raised = {cls.exit_code for _, cls in inspect.getmembers(errors, inspect.isclass)
              if issubclass(cls, (errors.NewstraceError, KeyboardInterrupt)) and hasattr(cls, "exit_code")}
    assert "_exit(70)" in inspect.getsource(main.main)
    assert table == raised | {0, click.UsageError.exit_code, 70}, (table, raised)


def _limit_value(written: str) -> float:
    number, _, unit = written.partition(" ")
    scale = {"MB": 1_000_000, "kB": 1_000}.get(unit.strip(), 1)
    return float(number.replace(",", "")) * scale


def test_limits_table_is_the_limits() -> None:
    """Each limit of ``limits.Limits`` has a row in README's *Limits* with its variable and default."""
    from dataclasses import fields

    from newstrace.limits import Limits, env_name

    rows = {}
    for line in _section(README, "## Limits").splitlines():
        if m := re.search(r" \| ([^|]+) \| `(NEWSTRACE_\w+)` \|$", line):
            rows[m.group(2)] = _limit_value(m.group(1))
    defaults = {env_name(f.name): float(f.default) for f in fields(Limits)}  # type: ignore[arg-type]
    assert rows == defaults


def _doc_paths(text: str) -> list[str]:
    """The repository paths a doc writes in code spans: ``src/...``, ``tests/...``,
    ``benchmarks/...``, ``scripts/...``, ``examples/...``, or a module in a folder of the package,
    ``corpus/params.py`` (each with ``::NAME`` when it names one)."""
    spans = re.findall(r"`([^`\s]+)`", text)
    return [s for s in spans if re.fullmatch(
        r"(?:(?:src|tests|benchmarks|scripts|examples)/[\w./-]*|[a-z_]+/[\w/]*\w\.py)(?:::\w+.*)?", s)]


def _resolve(path: str) -> Path | None:
    for base in (ROOT, PACKAGE):
        if (base / path).exists():
            return base / path
    return None


def path_problems(text: str) -> list[str]:
    problems = []
    for span in _doc_paths(text):
        path, _, name = span.partition("::")
        found = _resolve(path)
        if found is None:
            problems.append(f"`{span}`: no such file")
        elif name:
            name = re.split(r"[(\s]", name)[0]
            source = found.read_text(encoding="utf-8")
            if not re.search(rf"^\s*(?:def|class)\s+{name}\b|^\s*{name}\s*[:=]", source, re.M):
                problems.append(f"`{span}`: {path} defines no {name}")
    return problems


@pytest.mark.parametrize("doc", [*DOCS, "benchmarks/README.md"])
def test_paths_the_docs_name_exist(doc: str) -> None:
    """Every file a doc points to (``corpus/params.py``, ``tests/conftest.py::require_data``) is there,
    with the name it gives; DEVELOPING.md's layout table names each folder and module that exists.
    RELIABILITY.md's proofs and benchmarks/README.md's sources are checked too: RELIABILITY.md named
    ``tests/test_ingest.py::test_repeated_ids_are_one_line_on_stderr_and_each_in_the_json``, a test
    renamed since."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert len(_doc_paths(text)) >= {"README.md": 5, "DEVELOPING.md": 5, "docs/cli.md": 4, "RELIABILITY.md": 100,
                                     "benchmarks/README.md": 50}.get(doc, 0)
    problems = path_problems(text)
    assert not problems, "\n".join(problems)
    assert path_problems("`corpus/param.py`, `store/results.py::CLAIMS_VERSIONS`") == [
        "`corpus/param.py`: no such file", "`store/results.py::CLAIMS_VERSIONS`: store/results.py defines no CLAIMS_VERSIONS"]


def test_names_reliability_md_gives_its_proofs_are_tests() -> None:
    """RELIABILITY.md names most of its proofs by the test's name alone (``test_damaged_warc_...``,
    the table's *proved by* column): each is a test some file of tests/ defines, so a renamed test
    does not leave a promise proved by nothing (``test_bad_input_...[huge-text]``, a case of a
    parametrized test written with its prefix, stands for that prefix)."""
    defined = {m for path in (ROOT / "tests").rglob("*.py")
               for m in re.findall(r"^\s*def (test_\w+)", path.read_text(encoding="utf-8"), re.M)}
    named = set(re.findall(r"`(test_\w+?)(?:\.\.\.\[[\w-]+\])?`", (ROOT / "RELIABILITY.md").read_text(encoding="utf-8")))
    assert len(named) >= 80
    missing = {n for n in named if n not in defined and not (n.endswith("_") and any(d.startswith(n) for d in defined))}
    assert not missing, sorted(missing)


def test_developing_layout_table_names_what_exists() -> None:
    """The first column of DEVELOPING.md's layout table (``store/``, ``corpus/gazetteer.py``), and the
    modules its stage column names in passing (``pagedate.py`` of ``ingest/``, or of the package:
    ``__main__.py``)."""
    rows = [line.split(" | ") for line in _section(DEVELOPING, "## Layout: one folder per pipeline stage").splitlines()
            if line.startswith("| `")]
    assert len(rows) >= 20
    for cells in rows:
        paths = re.findall(r"`([^`]+)`", cells[0])
        assert paths, cells
        for path in paths:
            assert _resolve(path), f"DEVELOPING.md's layout names {path}, which does not exist"
        for module in re.findall(r"`(\w+\.py)`", cells[1]):
            folders = [PACKAGE / p for p in paths if p.endswith("/")] + [PACKAGE]  # ``__main__.py`` of cli/'s row
            assert any((folder / module).exists() for folder in folders), (
                f"DEVELOPING.md's layout names {module} under {paths}, which has no such file")


def call_problems(entry: str, modules: list[str], positional_names: bool = True) -> list[str]:
    """What is wrong with an entry point a doc writes as a call, ``read_inputs(paths, clean=, warn=)``,
    ``store/lock.py::analysis_lock(db)`` or ``local.analyze(store, ...)`` (a dotted name is a module
    of the stage and its function): no such name in ``modules``, or an argument the callable does not
    take, or takes in another order (``...`` stands for the rest); with ``positional_names`` false
    (an example's call, ``render_html(report)``), only the keywords are names. A ``**kwargs`` that passes them on
    (``newstrace.analyze``) is read as the function it calls, named in its docstring."""
    import importlib
    import inspect

    where, _, call = entry.rpartition("::")
    name, _, args = call.partition("(")
    if where:
        modules = ["newstrace." + where.removesuffix(".py").replace("/", ".")]
    module, _, attr = name.rpartition(".")
    found = [getattr(importlib.import_module(f"{m}.{module}" if module else m), attr, None) for m in modules]
    target = next((f for f in found if f is not None), None)
    if target is None:
        return [f"`{entry}`: no {name} in {' or '.join(modules)}"]
    parameters = inspect.signature(target).parameters
    if any(p.kind is p.VAR_KEYWORD for p in parameters.values()) and (
        passed := re.search(r"``([\w.]+)``", target.__doc__ or "")):
        module, _, attr = passed.group(1).rpartition(".")
        parameters = inspect.signature(getattr(importlib.import_module(f"newstrace.{module}"), attr)).parameters
    written = [a.strip().partition("=")[0] for a in args.rstrip(")").split(",") if a.strip() not in ("", "...")
               and (positional_names or "=" in a)]
    names = [n for n in parameters if n != "self"]
    if any(w not in names for w in written) or [n for n in names if n in written] != written:
        return [f"`{entry}`: {name} takes ({', '.join(names)})"]
    return []


def _layout_calls() -> list[tuple[str, list[str]]]:
    """(entry point written as a call, the modules of its row) of DEVELOPING.md's layout table."""
    out = []
    for line in _section(DEVELOPING, "## Layout: one folder per pipeline stage").splitlines():
        cells = line.split(" | ")
        if not line.startswith("| `") or len(cells) != 3:
            continue
        modules = ["newstrace." + p.removeprefix("src/newstrace/").removesuffix(".py").strip("/").replace("/", ".")
                   for p in re.findall(r"`([\w/.]+)`", cells[0])]
        out += [(entry, modules) for entry in re.findall(r"`([^`]+\))`", cells[2])]
    return out


def test_entry_points_take_the_arguments_the_docs_write() -> None:
    """The calls DEVELOPING.md's layout table and README's *Library* write name the arguments in the
    order the functions take them (DEVELOPING.md wrote ``sentence_words(text, pattern)`` for
    ``sentence_words(text, word, all_start=False)``)."""
    problems = [p for entry, modules in _layout_calls() for p in call_problems(entry, modules)]
    library = [e for e in re.findall(r"`(\w+\([^`]*\))`", _section(README, "## Library")) if not e.startswith("help(")]
    assert len(_layout_calls()) >= 30 and len(library) >= 6
    problems += [p for entry in library for p in call_problems(entry, ["newstrace"], positional_names=False)]
    assert not problems, "\n".join(problems)
    assert call_problems("sentence_words(text, pattern)", ["newstrace.corpus.words"]) == [
        "`sentence_words(text, pattern)`: sentence_words takes (text, word, all_start)"]
    assert call_problems("analyze(store, batch=)", ["newstrace"], positional_names=False) == [
        "`analyze(store, batch=)`: analyze takes (store, batch_size, steps, max_df, story, thread, on_batch, workers, semantic, recluster, on_article)"]


def test_options_readme_says_commands_share() -> None:
    """README: "Commands that read a database take `--db DB`, its SQLite file (default
    `newstrace.db`, or `$NEWSTRACE_DB`)", and "The commands that work in batches (`ingest`,
    `extract`, `analyze`) all call the option `--batch-size`"."""
    text = " ".join(_section(README, "## CLI reference").split())
    default, variable = re.search(r"take `--db DB`, its SQLite file \(default `([^`]+)`, or `\$(\w+)`\)", text).groups()  # type: ignore[union-attr]
    batched = re.findall(r"`([\w-]+)`", re.search(r"The commands that work in batches \(([^)]+)\) all call the option `--batch-size`", text).group(1))  # type: ignore[union-attr]
    commands = _commands(_root())
    db = {w: p for w, c in commands.items() for p in c.params if "--db" in p.opts}
    assert len(db) >= 9 and all((str(p.default), p.envvar, p.metavar) == (default, variable, "DB") for p in db.values()), db
    assert sorted(batched) == sorted(w for w, c in commands.items() if any("--batch-size" in p.opts for p in c.params))


def test_layouts_name_every_folder_and_module() -> None:
    """README's *Layout*: "`src/newstrace/` has one folder per pipeline stage: `ingest/` ... and
    `cli/`" and "DEVELOPING.md's layout table names each folder and top-level module": a stage or
    module added without its row fails here."""
    folders = {p.name + "/" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.name for p in PACKAGE.glob("*.py")} - {"__init__.py", "__main__.py"}  # the table says both in prose
    readme = set(re.findall(r"`(\w+/)`", _section(README, "## Layout")))
    assert readme == folders, (sorted(readme), sorted(folders))
    table = {path for line in _section(DEVELOPING, "## Layout: one folder per pipeline stage").splitlines()
             if line.startswith("| `") for path in re.findall(r"`([^`]+)`", line.split(" | ")[0])}
    named = {p.removeprefix("src/newstrace/") for p in table}
    assert folders <= named and modules <= named, (sorted(folders - named), sorted(modules - named))


def key_listings(text: str) -> list[tuple[str, list[Any]]]:
    """The JSON shapes a doc writes in braces, each with its text: ``{db, error, added}``, or nested,
    ``{pairs: [{a, b, shared: [{a_start, ...}]}], skipped}`` (a key's objects in ``[{...}]``, or
    ``{...}`` for one), parsed as ``[(name, nested listing or None)]``; a brace holding a value,
    ``{type: "indirect", via}``, or a ``{".pdf": 2}``, is an example rather than a shape, and left out."""
    def parse(s: str, pos: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        pos += 1
        while True:
            name = re.compile(r"\s*([a-z_]\w*)\s*").match(s, pos)
            if not name:
                raise ValueError(s[pos:pos + 20])
            pos, sub = name.end(), None
            if s.startswith(":", pos):
                nested = re.compile(r":\s*(\[?)\s*").match(s, pos)
                assert nested
                pos = nested.end()
                if not s.startswith("{", pos):
                    raise ValueError(s[pos:pos + 20])
                sub, pos = parse(s, pos)
                if nested.group(1):
                    close = re.compile(r"\s*\]\s*").match(s, pos)
                    if not close:
                        raise ValueError(s[pos:pos + 20])
                    pos = close.end()
            items.append((name.group(1), sub))
            if s.startswith(",", pos):
                pos += 1
            elif s.startswith("}", pos):
                return items, pos + 1
            else:
                raise ValueError(s[pos:pos + 20])

    found = []
    for start in (m.start() for m in re.finditer(r"(?<![{\w])\{[a-z_]\w*\s*[,:}]", text)):
        try:
            items, end = parse(text, start)
        except ValueError:
            continue
        found.append((" ".join(text[start:end].split()), items))
    return found


def _objects(doc: Any) -> Any:
    if isinstance(doc, dict):
        yield doc
        doc = list(doc.values())
    if isinstance(doc, list):
        for value in doc:
            yield from _objects(value)


def _fits(items: list[Any], obj: dict[str, Any]) -> bool:
    if list(obj) != [name for name, _ in items]:
        return False
    for name, sub in items:
        values = obj[name] if isinstance(obj[name], list) else [obj[name]]
        if sub is not None and not all(isinstance(v, dict) and _fits(sub, v) for v in values if v is not None):
            return False
    return True


def key_listing_problems(text: str, printed: dict[str, Any]) -> list[str]:
    """What a doc's JSON shapes (``key_listings``) and the documents the commands printed
    (``printed``, by command line) disagree on: a shape no object printed has, its keys in its order
    (a key added, renamed or moved, and the doc not told); a command's document, or its list's
    objects, that no shape of the doc writes."""
    listings = key_listings(text)
    objects = [obj for doc in printed.values() for obj in _objects(doc)]
    problems = [f"{written}: no --json document has an object of these keys, in this order"
                for written, items in listings if not any(_fits(items, obj) for obj in objects)]
    for command, doc in printed.items():
        top = doc[0] if isinstance(doc, list) and doc else doc
        if isinstance(top, dict) and not any(_fits(items, top) for _, items in listings):
            problems.append(f"{command}: its --json {'objects' if top is not doc else 'document'} "
                            f"{{{', '.join(top)}}} are written in no doc")
    return problems


def test_json_keys_the_docs_list_are_those_the_commands_print(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """README's *Output formats* and docs/cli.md write each command's ``--json`` as its keys,
    ``{db, error, added, ...}``, ``{articles: [{id, title, ...}], ...}``: each shape is that of an
    object the commands print on the seeds (keys and their order, and the keys of its nested objects
    where the doc writes them), and each command's document is written there, so a key added to one
    and not to the other fails here (Spark's report as a run whose ``--input`` gave no article
    prints it; a story with no provenance for its pairs, its ``provenance_skipped``, with the bound
    set to 0)."""
    import contextlib
    import io
    import json

    from newstrace.cli.main import main
    from newstrace.store import results

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSTRACE_DB", raising=False)

    def printed(*args: str, code: int = 0) -> Any:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert main(list(args)) == code, args
        return json.loads(out.getvalue())

    examples, db = str(ROOT / "examples"), str(tmp_path / "seeds.db")
    # a rewrite that words one quotation otherwise, so that a variant has its differences
    edited = tmp_path / "edited"
    shutil.copytree(ROOT / "examples", edited)
    rewrite = next(edited.glob("000_*.txt"))
    rewrite.write_text(rewrite.read_text(encoding="utf-8").replace("nothing justifies", "nothing can justify"),
                       encoding="utf-8")
    docs: dict[str, Any] = {"ingest": printed("ingest", examples, "--db", db, "--json")}
    docs["list"] = printed("list", "--db", db, "--json")
    docs["show"] = printed("show", docs["list"][0]["id"], "--db", db, "--json")
    docs["analyze"] = printed("analyze", "--db", db, "--workers", "1", "--json")
    for listing in ("stories", "threads", "outlets"):
        docs[listing] = printed(listing, "--db", db, "--json")
    docs["story"] = printed("story", docs["stories"][0]["id"], "--db", db, "--json")
    docs["compare"] = printed("compare", examples, "--json", "-")
    docs["reuse"] = printed("reuse", str(edited), "--json")
    docs["extract"] = printed("extract", examples, "--json")
    docs["eval extract-speed"] = printed("eval", "extract-speed", examples, "--limit", "1", "--json")
    docs["stance"] = printed("stance", "--claim", "Rebels fired rockets on civilians in Aleppo", examples, "--json")
    docs["analyze --engine spark"] = printed("analyze", "--engine", "spark", "--input", "missing.jsonl",
                                             "--out", "out", "--json", code=2)
    monkeypatch.setattr(results, "PROVENANCE_MAX_PAIRS", 0)  # the seeds' one pair is over it
    bound = str(tmp_path / "bound.db")
    printed("ingest", examples, "--db", bound, "--json")
    printed("analyze", "--db", bound, "--workers", "1", "--json")
    docs["story (no provenance)"] = printed("story", docs["stories"][0]["id"], "--db", bound, "--json")
    docs["outlets (no provenance)"] = printed("outlets", "--db", bound, "--json")
    assert any(v["differences"] for v in docs["reuse"]["variants"])
    assert docs["story (no provenance)"]["provenance_skipped"] and docs["outlets (no provenance)"]["provenance_skipped"]

    text = _section(README, "## Output formats") + "\n" + _section(CLI_DOC, "## Commands")
    assert len(key_listings(text)) >= 25
    assert key_listing_problems(text, docs) == []
    # it fails on the drifts it is there for: a key the doc leaves out, one the command does not print
    dropped = text.replace("warnings_total, passed_over}", "warnings_total}")
    assert "{db, error, added, updated, unchanged, duplicates, skipped, warnings, warnings_total}: no --json document " \
           "has an object of these keys, in this order" in key_listing_problems(dropped, docs)
    renamed = {**docs, "list": [{**{k: v for k, v in a.items() if k != "chars"}, "length": a["chars"]} for a in docs["list"]]}
    assert "list: its --json objects {id, title, outlet, published, url, author, words, source, length} are written " \
           "in no doc" in key_listing_problems(text, renamed)


def test_environment_variables_the_docs_name_are_read() -> None:
    """Every ``NEWSTRACE_...`` variable a doc names is one the package, a test or a benchmark reads
    (a limit's is ``limits.env_name`` of its field, which README's *Limits* checks above), and every
    one a test reads to turn it into a long local run, or the package reads, is named in a doc
    (RELIABILITY.md: "the environment variables below turn the same tests into long local runs";
    it left out ``NEWSTRACE_KILL_RECLUSTER_TRIALS``, ``NEWSTRACE_FUZZ_TIMEOUT`` and
    ``NEWSTRACE_CTRL_C_SEED``). ``NEWSTRACE_SERVE_CONFIG`` is how ``serve --workers`` hands its
    settings to its workers, no user's to set."""
    from dataclasses import fields

    from newstrace.limits import Limits, env_name

    variable = r"NEWSTRACE_[A-Z_]*[A-Z]"
    named = {v for doc in [*DOCS, "benchmarks/README.md"]
             for v in re.findall(variable, (ROOT / doc).read_text(encoding="utf-8"))}
    code = [p for folder in ("src", "tests", "benchmarks") for p in (ROOT / folder).rglob("*.py")]
    read = {v for p in code for v in re.findall(rf"[\"']({variable})[\"']", p.read_text(encoding="utf-8"))}
    read |= {env_name(f.name) for f in fields(Limits)}
    assert len(named) >= 15
    assert sorted(named - read) == [], "named in a doc, read by nothing"
    assert sorted(read - named - {"NEWSTRACE_SERVE_CONFIG"}) == [], "read, and named in no doc"
