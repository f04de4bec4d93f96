"""Properties that must hold for any input, checked with hypothesis on arbitrary and seed-derived data.

* readers: only ``NewstraceError`` escapes, whatever the bytes; every article has a non-empty body
  within the article limit, a clean body is a fixed point of ``normalize_body``, and reading the
  same file twice gives the same ids;
* cleaning: ``normalize_body`` is idempotent; ``clean_plain_text`` gives clean text;
* ids: derived from clean text and URL, so re-cleaning never changes them;
* extraction and alignment: every span satisfies ``0 <= start <= end <= len(text)`` and
  ``text[start:end]`` is the reported text; same input, same output.

Example counts are small by default so that CI stays fast; ``NEWSTRACE_HYPOTHESIS_EXAMPLES=2000``
runs a long local session (see RELIABILITY.md).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ftfy
import ftfy.badness
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.samples import good_files, html_page, seeds
from fuzz.targets import check_articles, check_span
from newstrace.clean.text import (
    _MISREAD,
    _MISREAD_REACH,
    _MISREAD_SIGNS,
    _looks_misread,
    clean_line,
    clean_plain_text,
    mend_misread,
    normalize_body,
)
from newstrace.errors import NewstraceError
from newstrace.ingest import READERS
from newstrace.ingest.base import ignore_warning
from newstrace.limits import Limits
from newstrace.model import Article, Span, stable_id

EXAMPLES = int(os.environ.get("NEWSTRACE_HYPOTHESIS_EXAMPLES", "0")) or None


def examples(ci: int) -> Callable[[Any], Any]:
    """``ci`` examples in CI, ``NEWSTRACE_HYPOTHESIS_EXAMPLES`` when set; no deadline (shared CPUs)."""
    return settings(
        max_examples=EXAMPLES or ci,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=EXAMPLES is None,  # CI is reproducible; long local runs explore
    )


RT, REWRITE = seeds()
SEED_WORDS = sorted({w for s in (RT, REWRITE) for p in s.paragraphs for w in p.split()})
#: pieces of page furniture and tricky characters that cleaning has to deal with
FURNITURE = [
    "Share",
    "Tweet",
    "Leave a comment",
    "READ MORE: Over 16,000 Syrians killed",
    "Home / Be The Change / Antiwar /",
    "Baran Hines November 2, 2016",
    "Facebook Twitter",
    "© RT",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\x1b[31m",
    "\x00",
    "\r\n",
    "\r",
    "\t",
    "\u0301",
    "e\u0301",
    "“",
    "”",
    "[attacks,]",
    "\u2028",
    "\x85",
]

words = st.sampled_from(SEED_WORDS)
furniture = st.sampled_from(FURNITURE)
any_char_text = st.text(st.characters(codec="utf-8"), max_size=60)
newsy_text = st.lists(
    st.one_of(words, words, words, furniture, any_char_text, st.just("\n"), st.just(" ")), max_size=80
).map(" ".join)


#: every example's file lives under one folder, removed when the test process exits (a folder per
#: example left thousands in /tmp after each run of the suite)
_SCRATCH = tempfile.TemporaryDirectory(prefix="nt-prop-")


def _tmpfile(name: str, data: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(dir=_SCRATCH.name))
    path = folder / name
    path.write_bytes(data)
    return path


def _read(path: Path, *, clean: bool = True, limits: Limits | None = None) -> list[Article]:
    """Call the reader for ``path`` directly: only ``NewstraceError`` may escape it."""
    name = path.name.lower()
    reader = READERS[".warc.gz"] if name.endswith(".warc.gz") else READERS[path.suffix.lower()]
    try:
        return list(reader(path, clean=clean, warn=ignore_warning, limits=limits or Limits()))
    except NewstraceError:
        return []


def _check_articles(arts: list[Article], clean: bool, limits: Limits | None = None) -> None:
    check_articles(arts, clean=clean, limits=limits or Limits())


# -- readers on arbitrary bytes --------------------------------------------------------------------

EXTENSIONS = [".txt", ".html", ".mhtml", ".jsonl", ".json", ".csv", ".warc", ".warc.gz"]


@pytest.mark.parametrize("ext", EXTENSIONS)
@examples(60)
@given(data=st.binary(max_size=3000))
def test_readers_survive_arbitrary_bytes(ext: str, data: bytes) -> None:
    path = _tmpfile("input" + ext, data)
    first = _read(path)
    _check_articles(first, clean=True)
    assert [a.id for a in _read(path)] == [a.id for a in first]  # ids are stable


@pytest.mark.parametrize("name", sorted(good_files()))
@examples(40)
@given(data=st.data())
def test_readers_survive_mutated_real_files(name: str, data: st.DataObject) -> None:
    """The seed files in every format, cut, spliced and with bytes overwritten."""
    raw = bytearray(good_files()[name])
    for _ in range(data.draw(st.integers(0, 6))):
        op = data.draw(st.sampled_from(["flip", "cut", "splice", "insert"]))
        if not raw:
            break
        i = data.draw(st.integers(0, len(raw) - 1))
        if op == "flip":
            raw[i] = data.draw(st.integers(0, 255))
        elif op == "cut":
            del raw[i : i + data.draw(st.integers(1, 400))]
        elif op == "splice":
            j = data.draw(st.integers(0, len(raw) - 1))
            raw[i:i] = raw[j : j + data.draw(st.integers(1, 200))]
        else:
            raw[i:i] = data.draw(st.binary(min_size=1, max_size=40))
    path = _tmpfile(name, bytes(raw))
    for clean in (True, False):
        arts = _read(path, clean=clean)
        _check_articles(arts, clean=clean)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | any_char_text | newsy_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_char_text, inner, max_size=3),
    max_leaves=8,
)
record_keys = st.sampled_from(["id", "url", "outlet", "published", "title", "author", "text", "html", "date", "body", "x"])
records = st.dictionaries(record_keys, json_values | newsy_text, max_size=7)


@examples(60)
@given(recs=st.lists(records | json_values, max_size=5))
def test_record_readers_on_arbitrary_records(recs: list[Any]) -> None:
    lines = "\n".join(json.dumps(r, ensure_ascii=False, allow_nan=True) for r in recs)
    for name, data in (("r.jsonl", lines), ("r.json", json.dumps(recs, allow_nan=True))):
        path = _tmpfile(name, data.encode("utf-8", "surrogatepass"))
        for clean in (True, False):
            arts = _read(path, clean=clean)
            _check_articles(arts, clean=clean)
            for a in arts:
                assert isinstance(a.meta, dict)


@examples(60)
@given(rows=st.lists(st.lists(newsy_text | any_char_text, min_size=1, max_size=4), max_size=5), header=st.data())
def test_csv_reader_on_arbitrary_rows(rows: list[list[str]], header: st.DataObject) -> None:
    import csv
    import io

    cols = header.draw(st.lists(st.sampled_from(["text", "title", "body", "date", "x", ""]), min_size=1, max_size=4))
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    w.writerows(rows)
    path = _tmpfile("r.csv", buf.getvalue().encode("utf-8", "surrogatepass"))
    _check_articles(_read(path), clean=True)


@examples(40)
@given(body=newsy_text, title=any_char_text)
def test_html_reader_on_seed_pages_with_hostile_text(body: str, title: str) -> None:
    seed = seeds()[0]
    page = html_page(seed).replace("<p>", f"<p>{body} ", 3).replace(seed.title, title or seed.title, 1)
    arts = _read(_tmpfile("p.html", page.encode("utf-8", "surrogatepass")))
    _check_articles(arts, clean=True)


@examples(60)
@given(text=newsy_text)
def test_no_clean_text_is_the_files_characters(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    arts = _read(_tmpfile("raw.txt", data), clean=False)
    for a in arts:
        assert a.text == data.decode("utf-8-sig", errors="replace")


# -- cleaning and ids ------------------------------------------------------------------------------


@examples(300)
@given(text=newsy_text | any_char_text)
def test_normalize_body_is_idempotent(text: str) -> None:
    once = normalize_body(text)
    assert normalize_body(once) == once
    assert "\r" not in once and "\n\n\n" not in once and once == once.strip()


@examples(200)
@given(text=newsy_text)
def test_clean_plain_text_gives_clean_text(text: str) -> None:
    c = clean_plain_text(text)
    assert normalize_body(c.text) == c.text
    assert c.title is None or "\n" not in c.title


@examples(150)
@given(text=newsy_text, url=st.none() | st.just(RT.url) | any_char_text)
def test_ids_are_stable_under_recleaning(text: str, url: str | None) -> None:
    clean = normalize_body(text)
    if not clean:
        return
    assert stable_id(normalize_body(clean), url) == stable_id(clean, url)
    a = Article.create(clean, url=url)
    assert a.id == Article.create(normalize_body(a.text), url=url).id
    assert Article.from_dict(json.loads(json.dumps(a.to_dict()))) == a


# -- spans from extraction and alignment -----------------------------------------------------------


_check_span = check_span


def _article_from(paragraphs: list[str]) -> Article | None:
    text = normalize_body("\n".join(paragraphs))
    return Article.create(text, title=paragraphs[0][:80] if paragraphs else None) if text else None


paragraph = st.one_of(st.sampled_from(list(RT.paragraphs) + list(REWRITE.paragraphs)), newsy_text)
quote_noise = st.lists(
    st.one_of(words, st.sampled_from(["“", "”", '"', "‘", "’", "'", "«", "»", "[", "]", ":", "said", "he said", "300", "dozens"])),
    max_size=40,
).map(" ".join)


@pytest.mark.slow
@examples(25)
@given(paras=st.lists(st.one_of(paragraph, quote_noise), min_size=1, max_size=4))
def test_extract_claims_spans_are_valid(paras: list[str]) -> None:
    from newstrace.claims import extract_claims

    a = _article_from(paras)
    if a is None:
        return
    claims = extract_claims(a)
    assert claims.article == a.id
    for q in claims.quotes:
        _check_span(a.text, q.start, q.end, q.text)
        _check_span(a.text, q.speaker_start, q.speaker_end, None)
    for n in claims.quantities:
        _check_span(a.text, n.start, n.end, n.text)
        assert n.low is None or n.high is None or n.low <= n.high
    again = extract_claims(a)
    assert [q.to_dict() for q in again.quotes] == [q.to_dict() for q in claims.quotes]
    assert [q.to_dict() for q in again.quantities] == [q.to_dict() for q in claims.quantities]


def _edit(text: str, data: st.DataObject) -> str:
    """The rewrite's way with a source: drop, reorder and reword a little."""
    parts = text.split("\n\n")
    if len(parts) > 1 and data.draw(st.booleans()):
        parts.pop(data.draw(st.integers(0, len(parts) - 1)))
    if data.draw(st.booleans()):
        parts.reverse()
    out = "\n\n".join(parts)
    for _ in range(data.draw(st.integers(0, 5))):
        if not out:
            break
        i = data.draw(st.integers(0, len(out) - 1))
        out = out[:i] + data.draw(st.sampled_from(["", " [attacks,]", "”", "the", "\u00e9", "hundreds of"])) + out[i + 1 :]
    return out


@pytest.mark.slow
@examples(40)
@given(paras=st.lists(paragraph, min_size=1, max_size=5), data=st.data())
def test_align_pair_spans_are_valid_in_both_texts(paras: list[str], data: st.DataObject) -> None:
    from newstrace.reuse import align_pair

    a = _article_from(paras)
    if a is None:
        return
    b_text = normalize_body(_edit(a.text, data))
    if not b_text:
        return
    b = Article.create(b_text + ("" if data.draw(st.booleans()) else "\n\n" + RT.paragraphs[0]))
    shared = align_pair(a, b)
    for p in shared:
        _check_span(a.text, p.a_start, p.a_end, p.a_text)
        _check_span(b.text, p.b_start, p.b_end, p.b_text)
        assert 0.0 <= p.score <= 1.0 + 1e-9
        for op in p.ops:
            _, a0, a1, b0, b1 = op
            assert p.a_start <= a0 <= a1 <= p.a_end and p.b_start <= b0 <= b1 <= p.b_end, op
    assert [p.to_dict() for p in align_pair(a, b)] == [p.to_dict() for p in shared]
    Span.of(a, 0, len(a.text))  # the model's own check agrees on the whole text


#: the characters ftfy's test for a misreading is written with, besides spaces and a few letters
_FTFY_ALPHABET = sorted(
    {c for c in ftfy.badness.BADNESS_RE.pattern if not c.isascii()} | set(" \u00a0\u200baZz.,?!\n")
)


_FTFY_TEXT = st.text(alphabet=st.sampled_from(_FTFY_ALPHABET), max_size=12)


@examples(ci=300)
@given(
    st.from_regex(ftfy.badness.BADNESS_RE)
    | _FTFY_TEXT
    | st.tuples(_FTFY_TEXT, st.from_regex(ftfy.badness.BADNESS_RE, fullmatch=True), _FTFY_TEXT, _FTFY_TEXT).map("".join)
    | st.text(alphabet=st.sampled_from(_FTFY_ALPHABET), max_size=60)
)
def test_mending_skips_ftfy_only_where_ftfy_finds_nothing(text: str) -> None:
    """``mend_misread`` returns a text without ftfy's signs of a misreading (``_MISREAD_SIGNS``)
    without asking ftfy: every text ftfy's test (``is_bad``) flags has one; ftfy's test read around
    the signs alone (``_looks_misread``) is ftfy's, a match at a text's start or end, or between
    signs far apart, too; and the answer is ftfy's."""
    if ftfy.badness.is_bad(text):
        assert _MISREAD_SIGNS is not None and _MISREAD_SIGNS.search(text), ascii(text)
    assert _MISREAD_REACH is not None and _looks_misread(text) == ftfy.badness.is_bad(text), ascii(text)
    assert mend_misread(text) == ftfy.fix_encoding(text, _MISREAD)


@examples(300)
@given(text=newsy_text | any_char_text | st.lists(st.sampled_from(_FTFY_ALPHABET + FURNITURE), max_size=30).map("".join))
def test_a_titles_cleaning_is_the_bodys_on_one_line_and_idempotent(text: str) -> None:
    """``clean_line`` keeps and drops the characters ``normalize_body`` does, each run of spaces,
    line ends and control characters one space, and cleans its own output to itself."""
    once = clean_line(text)
    assert clean_line(once) == once
    assert once == once.strip() and not any(c.isspace() and c != " " for c in once) and "  " not in once
    assert not any(c in once for c in "\u200b\ufeff\u2060") and not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in once)
