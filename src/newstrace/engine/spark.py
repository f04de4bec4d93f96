"""The Spark engine: the local engine's steps as Spark jobs over Parquet or JSONL, results to Parquet.

Same functions, different executor. Records are turned into articles with the ingest reader's own
``record_to_article`` (so texts and offsets match what ``newstrace ingest`` stores); then

1. ``article_steps`` in ``mapPartitions``: clustering features, candidate keys, claims;
2. candidate pairs: ``(key, article)`` rows of each text's first copy grouped by key, paired with
   ``ranked_pairs`` (the local engine's incremental max-df rule stated per key group),
   de-duplicated, and each later copy of a text paired with its first copy;
3. ``pair_record`` (alignment) on the pairs, block by block: a block is the pairs whose later
   article falls in one stretch of the stream, with one copy of each article they name;
4. stories and threads: the features streamed to the driver in publication order
   (``toLocalIterator``) through the same ``StoryClusterer``; the rows of clusters it retires go
   to a spill file, so the driver holds what the local engine holds (bounded memory);
5. provenance per story with ``story_provenance`` on the executors.

Everything is written to ``--out`` as Parquet tables that ``newstrace load-results`` puts into a
database (``engine/load.py``), clustering state included, so a local run can continue from there.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING, Any

from newstrace.engine.tables import TABLES, arrow_schema, spark_schema
from newstrace.errors import InputError, Interrupted, NewstraceError, check_output_folder

if TYPE_CHECKING:
    from newstrace.corpus.features import ArticleFeatures
    from newstrace.model import Article

#: most prepared articles one block keeps (memory bound per task, as the local engine's cache)
_BLOCK_CACHE = 8192


#: the master URLs Spark takes (SparkSubmit's cluster managers, SparkContext's local forms); another
#: started the JVM, which died with a stack trace, and the run ended as an internal error
_MASTER = re.compile(
    r"local|local\[([1-9][0-9]*|\*)(\s*,\s*[0-9]+)?\]|local-cluster\[\s*[0-9]+\s*,\s*[0-9]+\s*,\s*[0-9]+\s*\]"
    r"|spark://.+|k8s://.+|yarn"
)
#: what ``--master`` takes, in its usage error
MASTER_FORMS = "local, local[N], local[*], local[N,F], local-cluster[N,C,M], spark://HOST:PORT, k8s://URL or yarn"


def spark_master_ok(master: str) -> bool:
    """Whether Spark takes ``master``, checked before the JVM starts."""
    return _MASTER.fullmatch(master) is not None


def get_session(master: str = "local[2]", app_name: str = "newstrace") -> Any:
    """A SparkSession whose Python workers run this interpreter (and so this newstrace)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise NewstraceError("the Spark engine needs the 'spark' extra: pip install 'newstrace[spark]'") from e
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise NewstraceError("the Spark engine needs Java 17+ (scripts/install-system-deps.sh installs it)")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    m = re.fullmatch(r"local\[(\d+)\]", master)
    parallel = m.group(1) if m else "8"
    # errors only from the JVM's first log line: setLogLevel below comes after Spark's start-up
    # warnings (its default profile's name, the loopback hostname, native-hadoop), ~7 lines a run
    log4j = Path(__file__).with_name("log4j2.properties").as_uri()
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", parallel)
        .config("spark.default.parallelism", parallel)
        .config("spark.python.worker.reuse", "true")
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log4j}")
    )
    try:
        with _jvm_leaves_sigterm_to_the_run():
            session = builder.getOrCreate()
    finally:
        jvm_said()  # what a JVM that could not start said, before the error that says so
    session.sparkContext.setLogLevel("ERROR")
    return session


#: the JVM's notice, as it starts, of the incubating module Spark's launcher adds to every JVM it
#: starts (``--add-modules=jdk.incubator.vector``, spark-launcher's ``JavaModuleOptions``); no JVM
#: option silences it (``ModuleBootstrap`` prints it on ``System.err``)
VECTOR_NOTICE = b"WARNING: Using incubator modules: jdk.incubator.vector"


class _JvmOutput:
    """The JVM's stderr and stdout (one pipe), relayed to the run's stderr line by line as they come,
    but for ``VECTOR_NOTICE``: that line opened every Spark run's stderr, above its bars and its
    closing line. What the JVM printed on stdout landed in the run's, inside its ``--json`` document.

    A thread relays what the JVM writes, whole lines (a last one without its newline as the JVM
    ends); ``said`` relays at once whatever the JVM has written so far, so that the run's next
    line (its closing line, its error, the stop's line) comes after the JVM's errors, as it did
    when the JVM wrote to the same stderr itself. Written to the stderr the JVM would have had (a
    copy of it taken as the JVM starts); if that is gone (a closed pipe), the JVM's lines are read
    and dropped, so that it never waits on a full pipe. What the JVM writes once the run's process
    has ended (PySpark's gateway ends at the end of its stdin) has no reader left: it was printed
    after the command's last line."""

    def __init__(self, pipe: IO[bytes]) -> None:
        self.fd = pipe.fileno()
        self.pipe = pipe  # kept open as long as this reads it
        os.set_blocking(self.fd, False)
        self.target: int | None = os.dup(2)
        self.part = b""
        self.ended = False
        self.lock = threading.Lock()
        threading.Thread(target=self._relay, name="newstrace-jvm-output", daemon=True).start()

    def _relay(self) -> None:
        import select

        while not self.ended:
            with contextlib.suppress(OSError, ValueError):
                select.select([self.fd], [], [])
            self.said()

    def said(self) -> None:
        """Relay what the JVM has written so far."""
        with self.lock:
            while not self.ended:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except BlockingIOError:
                    return
                except OSError:
                    chunk = b""
                if not chunk:  # the JVM and its workers have ended: its last line, and no more
                    self.ended = True
                    self._write(self.part)
                    self.part = b""
                    if self.target is not None:
                        os.close(self.target)
                        self.target = None
                    return
                *lines, self.part = (self.part + chunk).split(b"\n")
                self._write(b"".join(line + b"\n" for line in lines if line.rstrip(b"\r") != VECTOR_NOTICE))

    def _write(self, data: bytes) -> None:
        import select

        while data and self.target is not None:
            try:
                data = data[os.write(self.target, data):]
            except InterruptedError:
                continue
            except BlockingIOError:  # a stderr another process made non-blocking: wait till it takes more
                select.select([], [self.target], [])
                continue
            except OSError:  # the run's stderr is gone: the JVM's lines are read and dropped
                os.close(self.target)
                self.target = None


#: the stderr of the JVM this process started (``_jvm_leaves_sigterm_to_the_run``)
_JVM_OUTPUT: _JvmOutput | None = None


def jvm_said() -> None:
    """Relay at once what the JVM has written on its stderr and stdout so far (``_JvmOutput``), before the run
    says its next line."""
    if _JVM_OUTPUT is not None:
        _JVM_OUTPUT.said()


@contextlib.contextmanager
def _jvm_leaves_sigterm_to_the_run() -> Iterator[None]:
    """The JVM started in the block ignores SIGTERM, as PySpark has it ignore SIGINT (an ignored
    signal stays ignored through exec, and the JVM then installs no handler of its own). A SIGTERM
    to the run's process group (a service manager's stop) reached the JVM too, whose shutdown
    hooks stopped Spark under the running job and logged its errors ("ERROR Executor: Executor
    launch task ... failed, reason: Task ... rejected") before the run's handler could turn its log
    off: the stop's one line came second. The run stops its Spark itself (``_stop_jvm``), and
    PySpark's gateway ends at the end of its stdin, when the run's process does.

    Its stderr, and its stdout, are one pipe this process relays to its own stderr
    (``_JvmOutput``), all of it but its notice of the vector module (``VECTOR_NOTICE``): the run's
    stdout holds the run's own output alone (``--json``'s one document)."""
    if os.name != "posix":
        yield
        return
    from pyspark import java_gateway

    popen = java_gateway.Popen

    def launch(*args: Any, **kwargs: Any) -> Any:
        global _JVM_OUTPUT
        first = kwargs.get("preexec_fn")

        def preexec() -> None:
            if first is not None:
                first()
            signal.signal(signal.SIGTERM, signal.SIG_IGN)

        if "stderr" in kwargs:  # a caller that takes the JVM's stderr itself keeps it
            return popen(*args, **{**kwargs, "preexec_fn": preexec})
        # its stdout (unless the caller takes it) on the same pipe: what the JVM, its log or its
        # Python workers print there would have landed in the run's stdout, inside a --json document
        read, write = os.pipe()
        try:
            proc = popen(*args, **{"stdout": write, **kwargs, "preexec_fn": preexec, "stderr": write})
        except BaseException:
            os.close(read)
            raise
        finally:
            os.close(write)  # the JVM's alone: the pipe ends when it and its workers have
        _JVM_OUTPUT = _JvmOutput(os.fdopen(read, "rb"))
        return proc

    java_gateway.Popen = launch  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        java_gateway.Popen = popen  # type: ignore[misc]


# --- functions shipped to the executors (module level so they pickle by reference) -------------


#: one record read on an executor: ``(source, value, index, problem)``: the file it is in (for
#: Parquet, the whole input), the parsed value, its place in that file from 0, and why it is no
#: JSON (``None`` when it is); or ``(source, None, None, warning)``: what the reader says of the
#: file itself (read as windows-1252, a damaged gzip file)
Row = tuple[str, Any, int | None, str | None]


def _records_to_articles(
    rows: Iterable[Row], orders: Mapping[str, frozenset[str]], day_first: bool | None = None
) -> Iterator[tuple[str, Any]]:
    """``("article", article dict)`` per record, ``("skipped", warning)`` per record that is not an
    article, ``("undated", warning)`` per date that cannot be read, with the local readers' wording
    (``ingest/records.py``). A slash date either way (4/7/2017) is read in the order its file's
    dates decide (``orders``: ``_slash_orders`` of each whole file; a partition holds a part of
    one), else as ``day_first`` says, else month-first, as a local reader reads its file's; then
    ``("ambiguous", (source, count, record number, example))`` per file of the partition whose
    ambiguous dates nothing decided, which the driver sums into the local reader's one warning
    per file (``_ambiguous_warnings``)."""
    from newstrace.ingest.base import DateOrder
    from newstrace.ingest.records import record_to_article

    files: dict[str, DateOrder] = {}
    first_assumed: dict[str, int] = {}
    for source, record, index, problem in rows:
        if index is None:
            yield "said", problem
            continue
        number = index + 1
        where = f"{source}:{number}"
        if problem is not None:
            yield "skipped", f"{where}: {problem}, skipped"
        elif not isinstance(record, dict):
            yield "skipped", f"{where}: not a JSON object, skipped"
        else:
            dates = files.get(source)
            if dates is None:
                dates = files[source] = DateOrder(source, day_first)
                dates.seen = set(orders.get(source, ()))  # what a local reader's pass over the file finds
            said: list[str] = []
            try:
                art = record_to_article(
                    record, clean=True, source=source, number=number, where=where, warn=said.append, dates=dates
                )
            except NewstraceError as e:
                yield "skipped", f"{e}, skipped"
                continue
            finally:
                if dates.assumed and source not in first_assumed:
                    first_assumed[source] = number
            yield "article", art.to_dict()
            for w in said:
                yield "undated", w
    for source, dates in files.items():
        if dates.assumed and dates.chosen is None:
            yield "ambiguous", (source, dates.assumed, first_assumed[source], dates.example)


def _instants(record: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """A Parquet row's timestamps that are instants (Spark's ``TimestampType``: a column written
    with its time zone, adjusted to UTC) as UTC times, as a JSON record's "2016-10-30T14:05:00Z" is
    read. PySpark gives them as the wall clock of the process's time zone, without a zone: the
    time was no instant any more (an edge's direction took its day alone), and it moved with the
    machine's zone (14:05Z read as 10:05 under TZ=America/New_York). A time written without a zone
    (``TimestampNTZType``) stays the wall clock it is."""
    from datetime import UTC, datetime

    for name in names:
        value = record.get(name)
        if isinstance(value, datetime) and value.tzinfo is None:
            record[name] = value.astimezone(UTC)  # the local wall clock PySpark made of the instant
    return record


def _slash_orders(rows: Iterable[Row]) -> Iterator[tuple[str, str]]:
    """``(file, order)`` of each slash date that can be read only one way (``"day"``, ``"month"``)."""
    from newstrace.ingest.base import map_fields, slash_order

    for source, record, _, problem in rows:
        if problem is None and isinstance(record, dict):
            order = slash_order(map_fields(record)[0].get("published"))
            if order in ("day", "month"):
                yield source, order


#: a stretch of a JSON lines file one task reads: ``(file, path, start, end, first line number,
#: decoder state)``: the lines whose first byte is in ``[start, end)`` (``end`` ``None``: to the end
#: of the file), the first of them numbered as in the file, the file's charset there
#: (``LineDecoder(offset=, charset=, multibyte=)``); the file named as its records name it, opened by
#: ``path``, its absolute path (``_records``)
Stretch = tuple[str, str, int, int | None, int, tuple[int, str, bool]]


def _stretch_lines(path: Path, start: int, end: int | None) -> Iterator[bytes]:
    """The lines (bytes, with their newline) of ``path`` that start in ``[start, end)``: a line is
    its first byte's stretch's, as Hadoop's line reader splits a file, so each line is read by one
    task. Split on ``\n`` only, as ``ingest`` iterates a file (a bare carriage return inside a record
    does not end it; Hadoop's reader ended lines there too)."""
    from newstrace.ingest.base import open_input

    with open_input(path) as fh:
        pos = _first_line(fh, start)
        while end is None or pos < end:
            raw = fh.readline()
            if not raw:
                return
            pos += len(raw)
            yield raw


def _first_line(fh: IO[bytes], start: int) -> int:
    """Where the first line that starts at ``start`` or later begins, ``fh`` left there: the rest of
    the line the stretch before ends with is passed over."""
    if not start:
        return 0
    fh.seek(start - 1)
    return start - 1 + len(fh.readline())


def _stretch_state(part: tuple[str, int, int, int]) -> tuple[int, int, tuple[str, bool]]:
    """The first pass over a stretch of a file read by several tasks: where its first line starts,
    how many lines it has, and the charset state a decoder starting there as plain UTF-8 leaves
    (combined in file order by ``LineDecoder.then``)."""
    from newstrace.ingest.base import LineDecoder, ignore_warning, open_input
    from newstrace.ingest.records import jsonl_values

    source, start, end, limit = part
    with open_input(Path(source)) as fh:
        first = _first_line(fh, start)
    decoder = LineDecoder(source, ignore_warning, offset=first)
    lines = 0

    def counted() -> Iterator[bytes]:
        nonlocal lines
        for raw in _stretch_lines(Path(source), start, end):
            lines += 1
            yield raw

    for _ in jsonl_values(counted(), decoder, limit):
        pass
    return first, lines, (decoder.charset, decoder.multibyte)


def _stretch_rows(stretches: Iterable[Stretch], limit: int) -> Iterator[Row]:
    """The records of each stretch, read as ``ingest`` reads its file (``jsonl_values`` with the
    file's ``LineDecoder``): numbered by their line in the file, decoded in the file's charset, and
    what the decoder says (windows-1252) or a damaged gzip file as a ``Row`` of the file."""
    import zlib

    from newstrace.ingest.base import LineDecoder, damaged_gzip
    from newstrace.ingest.records import jsonl_values

    for source, path, start, end, lineno, (offset, charset, multibyte) in stretches:
        said: list[str] = []
        decoder = LineDecoder(source, said.append, offset=offset, charset=charset, multibyte=multibyte)
        try:
            for number, value, problem in jsonl_values(
                _stretch_lines(Path(path), start, end), decoder, limit, lineno
            ):
                yield from ((source, None, None, w) for w in said)
                said.clear()
                yield source, value, number - 1, problem
        except (EOFError, zlib.error) as e:
            # a gzip file cut short: its records before the cut are kept, as ``ingest`` keeps them
            said.append(f"{damaged_gzip(Path(source), e)}, skipped")
        yield from ((source, None, None, w) for w in said)


def _article_records(
    dicts: Iterable[dict[str, Any]], steps: Sequence[str], semantic: bool = False
) -> Iterator[dict[str, Any]]:
    from newstrace.engine.steps import article_steps, order_key
    from newstrace.model import Article
    from newstrace.store.sqlite import text_hash

    arts = [Article.from_dict(d) for d in dicts]
    for a, rec in zip(arts, article_steps(arts, steps, semantic), strict=True):
        yield {
            "id": a.id,
            "order": list(order_key(a)),
            "features": None if rec.features is None else rec.features.to_dict(),
            "keys": rec.keys,
            "text_hash": text_hash(a.text),
            "warnings": rec.warnings,
            "claims": None
            if rec.claims is None
            else {
                "quotes": [q.to_dict() for q in rec.claims.quotes],
                "quantities": [q.to_dict() for q in rec.claims.quantities],
            },
        }


def _key_group(kv: tuple[str, Iterable[tuple[list[Any], str]]], max_df: int) -> Iterator[tuple[str, str]]:
    from newstrace.engine.steps import ranked_pairs

    holders = [((bool(o[0]), str(o[1]), str(o[2])), i) for o, i in kv[1]]
    yield from ranked_pairs(holders, max_df)


def _align_blocks(rows: Iterable[tuple[int, tuple[Iterable[tuple[str, str]], Iterable[dict[str, Any]]]]]) -> Iterator[dict[str, Any]]:
    """Align the candidate pairs of each block against the block's own copy of the articles they name.

    A block holds the pairs whose later article falls in one range of the stream, so its earlier
    partners are mostly the same recent articles, as in the local engine: each is prepared once
    per block instead of once per pair.
    """
    from newstrace.engine.steps import pair_record
    from newstrace.model import Article
    from newstrace.reuse.align import PrepareCache

    for _, (pairs_it, arts_it) in rows:
        arts = {d["id"]: Article.from_dict(d) for d in arts_it}
        cache = PrepareCache(min(len(arts), _BLOCK_CACHE))
        said: list[str] = []
        for a_id, b_id in sorted(pairs_it, key=lambda ab: (ab[1], ab[0])):
            rec = pair_record(arts[a_id], arts[b_id], cache, said.append)
            yield from ({"warning": line} for line in said)  # split from the pairs by the driver
            said.clear()
            if rec is not None:
                yield {
                    "a": rec.pair.a,
                    "b": rec.pair.b,
                    "chars": rec.chars,
                    "quoted": rec.quoted,
                    "shorter": rec.shorter,
                    "shared": json.dumps([s.to_dict() for s in rec.pair.shared], ensure_ascii=False),
                }


def _provenance(rows: Iterable[tuple[str, tuple[Iterable[dict[str, Any]], Iterable[dict[str, Any]]]]]) -> Iterator[dict[str, Any]]:
    from newstrace.engine.steps import story_provenance
    from newstrace.model import Article, ArticlePair, SharedPassage
    from newstrace.store.results import PROVENANCE_MAX_PAIRS, skipped_provenance

    for story, (arts_it, pairs_it) in rows:
        arts = [Article.from_dict(d) for d in arts_it]
        pairs = [
            ArticlePair(p["a"], p["b"], [SharedPassage(**s) for s in json.loads(p["shared"])])
            for p in sorted(pairs_it, key=lambda p: (p["a"], p["b"]))
        ]
        if len(arts) < 2 or not pairs:
            continue
        if len(pairs) > PROVENANCE_MAX_PAIRS:  # as the local engine: said, and no edges
            yield {"warning": skipped_provenance(story, len(pairs)), "unbuilt": story}
            continue
        said: list[str] = []
        edges = story_provenance(arts, pairs, warn=said.append, story=story)
        yield from ({"warning": line} for line in said)  # split from the edges by the driver
        for e in edges:
            yield {
                "story": story,
                "source": e.source,
                "derived": e.derived,
                "confidence": float(e.confidence),
                "evidence": json.dumps(e.evidence, ensure_ascii=False, default=str),
            }


# --- the driver -------------------------------------------------------------------------------


def _skipped(
    read: Any,
    repeats: Sequence[tuple[Article, bool]],
    orders: Mapping[str, frozenset[str]],
    files_said: Sequence[str] = (),
) -> tuple[int, list[str]]:
    """Records that gave no article, and the warnings for them: the local commands warn of each
    (``newstrace ingest``), a run over millions of records names the first few and counts the rest.

    First what was said of whole files (``files_said``, passed over on the driver: empty, binary;
    then the readers': read as windows-1252, a damaged gzip file), one line each, in file order.

    Two kinds: records that are not articles (invalid JSON, no text), the first few named and the
    rest counted, and later records of an article already read (``repeats``, as ``_keyed`` found
    them, with whether their input gave their id; the first record is kept), said as ``ingest`` says them: a line a file
    (``ingest.base.RepeatedIds``), for the first few files. The first five repeats were a line
    each, so a file repeating thousands of ids said five of them where ``ingest`` says how many
    and which. Dates that cannot be read
    are warned of after them, as ``ingest`` does, but the records are kept and not counted; then
    the files whose dates either way were read month-first (``_ambiguous_warnings``).
    """
    from newstrace.engine.steps import WARN_EXAMPLES
    from newstrace.errors import counted_warnings
    from newstrace.ingest.base import RepeatedIds
    from newstrace.model import counted

    kinds = read.map(lambda x: x[0]).countByValue()
    invalid, repeated = int(kinds.get("skipped", 0)), len(repeats)
    said = [*files_said]
    if kinds.get("said", 0):
        said += read.filter(lambda x: x[0] == "said").map(lambda x: x[1]).collect()  # a line a file at most
    warnings: list[str] = []
    if invalid:
        warnings += read.filter(lambda x: x[0] == "skipped").map(lambda x: x[1]).take(WARN_EXAMPLES)
        if invalid > len(warnings):
            warnings.append(f"and {counted(invalid - len(warnings), 'more record')} that are not articles skipped")
    by_file: list[str] = []
    summary = RepeatedIds(by_file.append)
    for a, given in repeats:  # in ingest's order, so a file's repeats come together
        summary.add(a, given)
    summary.flush()
    warnings += counted_warnings(by_file[:WARN_EXAMPLES], len(by_file), "file", " with records repeating an id")
    warnings = counted_warnings(sorted(said)[:WARN_EXAMPLES], len(said), "warning", " about whole files") + warnings
    undated = int(kinds.get("undated", 0))
    if undated:
        shown = read.filter(lambda x: x[0] == "undated").map(lambda x: x[1]).take(WARN_EXAMPLES)
        warnings += shown
        if undated > len(shown):
            warnings.append(f"and {counted(undated - len(shown), 'more date')} that cannot be read; those articles have no date")
    if kinds.get("ambiguous", 0):
        warnings += _ambiguous_warnings(read.filter(lambda x: x[0] == "ambiguous").map(lambda x: x[1]).collect(), orders)
    return invalid + repeated, warnings


def _key_row(d: Mapping[str, Any]) -> tuple[tuple[str, int, str], str | None, bool]:
    """What the driver keys a record by (``_keyed``): its place, its outlet and whether its input
    gave its id (``model.given_id``, which needs the text the driver is not sent)."""
    from newstrace.model import Article, given_id

    return _record_key(d), d.get("outlet"), given_id(Article.from_dict(dict(d)))


def _rekeyed(d: dict[str, Any], keyed: Mapping[tuple[str, int], str | None]) -> dict[str, Any] | None:
    """A record's article under the id the driver gave it (``None``: a repeat, skipped)."""
    place = (d.get("source") or "", d.get("record") or 0)
    if place not in keyed:
        return d
    key = keyed[place]
    return None if key is None else {**d, "id": key}


def _spelled(sc: Any, read_articles: Any) -> Any:
    """The run's records from their outlets spelled as ``ingest`` spells them in one run
    (``ingest.base.OutletNames``: as the first record read in ``_record_key``'s order wrote it,
    case aside), an id derived from the outlet derived again; the driver is sent each outlet's
    first place only."""
    from newstrace.ingest.base import OutletNames

    firsts = (
        read_articles.filter(lambda d: d.get("outlet")).map(lambda d: (d["outlet"], _record_key(d)))
        .reduceByKey(min).collect()
    )
    names = OutletNames()
    kept = list(dict.fromkeys(names.spell(outlet) for outlet, _ in sorted(firsts, key=lambda kv: kv[1])))
    if len(kept) == len(firsts):
        return read_articles  # every outlet is spelled one way
    spellings = sc.broadcast(kept)
    return read_articles.mapPartitions(lambda rows: _respelled(rows, spellings.value))


def _respelled(rows: Iterable[dict[str, Any]], kept: list[str]) -> Iterator[dict[str, Any]]:
    """Records from their outlets as ``kept`` (each outlet's spelling, ``_spelled``) spells them:
    one ``OutletNames`` a partition, which spells an outlet met before from its cache (a record
    each built one and looked its outlet up in the list, a scan of every outlet per record)."""
    from newstrace.ingest.base import OutletNames
    from newstrace.model import Article

    names = OutletNames(lambda: kept)
    for d in rows:
        outlet = d.get("outlet")
        if not outlet or names.spell(outlet) == outlet:
            yield d
            continue
        a = names.of(Article.from_dict(dict(d)))
        yield {**d, "outlet": a.outlet, "id": a.id}


def _keyed(sc: Any, read_articles: Any, keep: Any) -> tuple[Any, list[Any], list[str]]:
    """The run's articles under the ids ``ingest`` gives them, the records it skips as repeats (in
    its order) and its warnings for files whose ids were qualified: ``ingest.base.ArticleKeys``
    over the records in the order ``ingest`` reads them (``_record_key``), on the driver.

    Only records that may meet another are sent there: those whose id another record gives too,
    and then, round by round until none is new, those whose id is one a record was moved to
    (``OUTLET:ID``) or asked about on the way. Every other record keeps its id, as it does in
    ``ingest``: no record before or after it gives or is given that id.
    """
    import operator

    from newstrace.engine.steps import WARN_EXAMPLES
    from newstrace.errors import counted_warnings
    from newstrace.ingest.base import ArticleKeys, QualifiedIds
    from newstrace.model import Article

    rows: dict[tuple[str, int, str], tuple[str | None, bool]] = {}
    fetched: set[str] = set()
    wanted = set(
        read_articles.map(lambda d: (d["id"], 1)).reduceByKey(operator.add).filter(lambda kv: kv[1] > 1).keys().collect()
    )
    keyed: dict[tuple[str, int], str | None] = {}
    repeats: list[tuple[Article, bool]] = []
    said: list[str] = []
    while wanted:
        ids = sc.broadcast(wanted)
        for place, outlet, given in read_articles.filter(lambda d, ids=ids: d["id"] in ids.value).map(_key_row).collect():
            rows[place] = (outlet, given)
        ids.unpersist()
        fetched |= wanted
        asked: set[str] = set()

        def stored(key: str, asked: set[str] = asked) -> None:
            asked.add(key)  # held by no record sent so far: one not sent may hold it
            return None

        keyed, repeats, said = {}, [], []
        qualified = QualifiedIds(said.append)
        keys = ArticleKeys(stored, qualified)
        for (source, record, article_id), (outlet, given) in sorted(rows.items()):
            a = Article(id=article_id, text="", outlet=outlet, source=source, record=record)
            qualified.met(a)
            kept = keys.key(a, given=given)
            if kept is None:
                keyed[(source, record)] = None
                repeats.append((a, given))  # its text is not here: said as ingest says it (``repeated_id``)
            elif kept is not a:
                keyed[(source, record)] = kept.id
        qualified.flush()
        wanted = asked - fetched
    chosen = sc.broadcast(keyed)
    articles = read_articles.map(lambda d: _rekeyed(d, chosen.value)).filter(lambda d: d is not None).persist(keep)
    return articles, repeats, counted_warnings(said[:WARN_EXAMPLES], len(said), "file", " with ids also used by another outlet")


def _text_key(d: Mapping[str, Any]) -> str | None:
    """What an article's copies under other ids are grouped by: its text's hash, as the store
    looks them up (``store.sqlite.text_hash``)."""
    from newstrace.store.sqlite import text_hash

    return text_hash(d["text"])


def _copies_of_one_text(kv: tuple[str | None, Iterable[dict[str, Any]]]) -> Iterator[tuple[str, Any]]:
    """``("article", dict)`` for each article of one text that ``ingest`` stores
    (``model.one_copy_each`` over them in the order it reads them: the first of an article's
    copies, with what its later copies knew that it lacked), ``("copy", (file, id, id kept))``
    for each later copy, which it does not store (``Store.same_article``)."""
    from newstrace.model import Article, one_copy_each

    rows = sorted(kv[1], key=_record_key)
    read = [Article.from_dict(dict(d)) for d in rows]
    kept, copies = one_copy_each(read)
    as_read = {id(a): d for a, d in zip(read, rows, strict=True)}
    for a in kept:
        yield "article", as_read.get(id(a)) or a.to_dict()
    for copy in copies:
        yield "copy", copy


def _one_copy_each(sc: Any, articles: Any, keep: Any) -> tuple[Any, list[tuple[str | None, str, str]]]:
    """The run's articles as ``ingest`` stores them: an article read again under another id
    (the same text, from the same outlet or at the same address: ``model.same_article``) is the
    first read, which takes what the later copy knows that it lacks, its address above all
    (``model.fuller_copy``); and the later copies, as ``(file, id, id kept)``. The same page as a
    record with its address and one without was two articles, one copying the other in
    provenance. Only the articles whose text another shares are grouped (by its hash, the driver
    told which), so a corpus without such copies is not shuffled again."""
    import operator

    shared = set(
        articles.map(lambda d: (_text_key(d), 1)).reduceByKey(operator.add).filter(lambda kv: kv[1] > 1).keys().collect()
    )
    if not shared:
        return articles, []
    hashes = sc.broadcast(shared)
    grouped = (
        articles.filter(lambda d: _text_key(d) in hashes.value).map(lambda d: (_text_key(d), d))
        .groupByKey().flatMap(_copies_of_one_text).persist(keep)
    )
    copies = sorted(grouped.filter(lambda x: x[0] == "copy").map(lambda x: x[1]).collect(),
                    key=lambda c: (c[0] or "", c[1]))
    kept = (
        articles.filter(lambda d: _text_key(d) not in hashes.value)
        .union(grouped.filter(lambda x: x[0] == "article").map(lambda x: x[1]))
        .persist(keep)
    )
    kept.count()
    articles.unpersist()
    grouped.unpersist()
    hashes.unpersist()
    return kept, copies


def _record_key(d: Mapping[str, Any]) -> tuple[str, int, str]:
    """Where an article's record is in the input, in the order a local reader meets it (the files
    of a folder sorted by name, as ``ingest`` reads them; their records in file order), then its id."""
    return (d.get("source") or "", d.get("record") or 0, d["id"])


def _ambiguous_warnings(counts: Iterable[tuple[str, int, int, str | None]], orders: Mapping[str, frozenset[str]]) -> list[str]:
    """The local reader's one warning per file whose ambiguous dates nothing decided
    (``ingest.base.ambiguous_dates_warning``), from each partition's ``(file, count, first record,
    example)``: the counts summed, the example the file's first. The first few files, counted."""
    from newstrace.engine.steps import WARN_EXAMPLES
    from newstrace.errors import counted_warnings
    from newstrace.ingest.base import ambiguous_dates_warning

    files: dict[str, tuple[int, int, str | None]] = {}
    for source, n, first, example in counts:
        total, at, shown = files.get(source, (0, first, example))
        if first < at:
            at, shown = first, example
        files[source] = (total + n, at, shown)
    lines = [
        ambiguous_dates_warning(
            source, total, example, orders.get(source, ()), day_first=False, commands=("newstrace analyze --engine spark",)
        )
        for source, (total, _, example) in sorted(files.items())
    ]
    return counted_warnings(lines[:WARN_EXAMPLES], len(lines), "file", " whose dates either way were read month-first")


def _step_warnings(said: Any) -> list[str]:
    """What the steps could not do (an RDD of warnings), as the local engine reports it: the first
    few, counted."""
    from newstrace.engine.steps import WARN_EXAMPLES
    from newstrace.errors import counted_warnings

    total = int(said.count())
    return counted_warnings(said.take(WARN_EXAMPLES) if total else [], total, "warning", " from the analysis steps")


def _split_warnings(rows: Any) -> tuple[Any, Any]:
    """(the rows, their warnings) of a step that yields ``{"warning": ...}`` rows among its own."""
    return rows.filter(lambda r: "warning" not in r), rows.filter(lambda r: "warning" in r).map(lambda r: r["warning"])


def _is_parquet(path: Path) -> bool:
    """A ``.parquet`` file, a folder of them, or a Hive-partitioned folder of them
    (``outlet=reuters/part-0.parquet``: how Spark, pandas and most lakes write a dataset split by
    a column; Spark's partition discovery reads the folder name as that column)."""
    if path.suffix == ".parquet":
        return True
    if not path.is_dir():
        return False
    inside = [p for p in path.iterdir() if not p.name.startswith((".", "_"))]
    return any(p.suffix == ".parquet" and p.is_file() for p in inside) or any(
        p.is_dir() and "=" in p.name and _is_parquet(p) for p in inside
    )


#: what ``--input`` may be: Spark reads Parquet, or text as JSON lines (a ``.json`` file too: Spark's
#: own JSON output is one record per line)
INPUT_KINDS = (
    "Parquet (a .parquet file, a folder of them or a Hive-partitioned folder) or JSONL (one JSON article per line)"
)


def check_input(input_path: Path) -> None:
    """Refuse an ``--input`` of a kind ``ingest`` reads another way (CSV, text, HTML, WARC) before
    Spark starts: read as JSON lines, each line was skipped as invalid JSON, and the run failed
    with 'no articles found' after starting the JVM (a folder of ``.txt`` pages likewise); and a
    folder Spark cannot read as one input (one holding folders, a Spark run's results)."""
    from newstrace.ingest import left_out, reader_for
    from newstrace.ingest.base import bom_charset, open_input
    from newstrace.ingest.records import (
        opens_json_document,
        read_json,
        read_jsonl,
        record_file_head,
    )

    if not input_path.exists():
        raise InputError(f"{input_path}: no such file or folder")
    if _is_parquet(input_path):
        _check_parquet(input_path)
        return
    files = [input_path]
    if input_path.is_dir():
        # the engine reads the files of the folder itself (Spark's text reader stopped at a subfolder
        # with a Java IOException), where ``ingest`` would read a subfolder's files too: refused
        if all((input_path / t).is_dir() for t in ("state", "articles")):
            raise InputError(
                f"{input_path}: the results of a Spark run, not articles (load them with 'newstrace load-results')"
            )
        # ``ingest`` reads a '_' folder's files too (only hidden and the system's names are left out)
        folders = [p.name for p in sorted(input_path.iterdir()) if p.is_dir() and not left_out(p.name)]
        if folders:
            raise InputError(
                f"{input_path}: holds the folder '{folders[0]}'; the Spark engine reads the files of --input "
                f"({INPUT_KINDS}), not its subfolders"
            )
        if not any(p.is_file() and not left_out(p.name) and reader_for(p) is not None
                   for p in input_path.iterdir()):
            # said in the Spark engine's words: ingest's "holds no supported files (.txt, .html, ...)"
            # named the types this engine refuses
            raise InputError(f"{input_path}: folder holds no file the Spark engine reads ({INPUT_KINDS})")
        files = _input_files(input_path)
    for f in files:
        reader = reader_for(f)
        if reader is not None and reader not in (read_jsonl, read_json):
            kind = "".join(f.suffixes[-2:]) if f.name.lower().endswith(".gz") else f.suffix
            raise InputError(
                f"{f}: the Spark engine reads {INPUT_KINDS}, not {kind} files; "
                "'newstrace ingest' then a local 'newstrace analyze' read them"
            )
        if f == input_path:  # one file, empty or binary, is refused as ``ingest`` refuses it (a folder's are warned of)
            with contextlib.suppress(OSError, EOFError):  # a damaged gzip file: its reading says so
                record_file_head(f, "JSON" if reader is read_json else "JSON Lines")
        # Spark reads every file as JSON lines: a JSON document (a .json array, or one saved as
        # .jsonl and pretty-printed), which ``ingest`` reads whole, gave a warning per line and
        # no article, and in a folder of good files its records were lost among the warnings
        try:
            with open_input(f) as fh:
                head = fh.read(8192)
        except (OSError, EOFError):  # a damaged gzip file: Spark's reading says so
            continue
        if opens_json_document(head) or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            raise InputError(
                f"{f}: a JSON document, not JSON lines (one article per line), which the Spark engine reads; "
                "'newstrace ingest' then a local 'newstrace analyze' read it"
            )
        if wide := bom_charset(head):  # Spark splits a file's bytes at \n: UTF-16's lines are not its bytes'
            raise InputError(
                f"{f}: {wide.upper()} text (it opens with a byte order mark), which the Spark engine does not read "
                "(it reads UTF-8 JSON lines); 'newstrace ingest' then a local 'newstrace analyze' read it"
            )


def _check_parquet(input_path: Path) -> None:
    """Open the footer of each Parquet file Spark would read of ``input_path`` (names starting with
    '.' or '_' are Hadoop's hidden ones, in any folder): one that is no Parquet file or is cut short
    (a failed download) started the JVM and ended as an internal error, exit 70, its message a Java
    stack trace of a hundred lines; it is exit 2 naming the file, before Spark starts.

    A table whose columns name no text or html field (in no file, nor in a folder's name: Hive
    partitions) is refused too, as Spark's run refused it after reading every record, some 30 s
    later: 'no articles found', its first record named with the columns it has. So is a table
    without rows, which Spark refused the same way after starting (70 s on a loaded box), and a
    folder where some files name a text field and others none: Spark reads it as one table with
    one file's columns, so that either the others' rows were skipped one by one ("record's text is
    empty", each named by a line of the folder, not by its file) or the whole table was, said
    'no articles found' of a folder that holds them; the first file without one is named. And a
    folder whose files hold the text under different names (one 'text', one 'body'), where Spark
    likewise kept one file's name and skipped the others' rows as empty: each name said with a file
    that has it, and a folder whose files type one column differently (Spark kept
    one file's types and failed at the others' rows): the column and each type said with a file."""
    from newstrace.engine.load import parquet_footer
    from newstrace.ingest.base import map_fields
    from newstrace.ingest.records import no_text_field
    from newstrace.model import counted

    files = [input_path] if input_path.is_file() else [
        f for f in sorted(input_path.rglob("*.parquet"))
        if f.is_file() and not any(part.startswith((".", "_")) for part in f.relative_to(input_path).parts)
    ]
    footers = [parquet_footer(str(f)) for f in files]
    if not files:
        return  # none Spark would read here: its own error says so
    if not sum(m.num_rows for m in footers):
        if input_path.is_file():
            raise InputError(f"{input_path}: no articles found (the Parquet file holds no rows)")
        shown = ", ".join(str(f) for f in files[:3]) + (f" and {len(files) - 3:,} more" if len(files) > 3 else "")
        raise InputError(f"{input_path}: no articles found (its Parquet files hold no rows: {shown})")
    # the columns of each file with rows as Spark's rows have them: the file's own, then its
    # folders' partition columns (a file without rows has no articles to lose, whatever its columns)
    tables = [
        (f, [*m.schema.to_arrow_schema().names,
             *(part.split("=", 1)[0] for part in f.relative_to(input_path).parts[:-1] if "=" in part)])
        for f, m in zip(files, footers, strict=True) if m.num_rows
    ]
    lacking = [(f, why) for f, names in tables if (why := no_text_field(names))]
    if len(lacking) == len(tables):
        # Spark reads the table with one file's columns (the first, here) and names its first record
        raise InputError(f"{input_path}: no articles found ({input_path}:1: {lacking[0][1]}, skipped)")
    if lacking:
        f, why = lacking[0]
        other = next(f for f, names in tables if not no_text_field(names))
        more = f" ({counted(len(lacking), 'file', grouped=True)} of it lack one)" if len(lacking) > 1 else ""
        raise InputError(
            f"{f}: {why.removeprefix('record has ')}, where {other} has one{more}; Spark reads {input_path} as one "
            "table with one file's columns, and the articles of the files with the others would be lost; "
            "give --input the files with a text column"
        )
    # each file's article text as ``record_to_article`` takes it: its text column, else its html one
    # (``map_fields``' choice of alias), case aside as Spark matches columns. Spark read a folder of
    # a 'text' file and a 'body' file with one of them: the other's rows were skipped one by one
    # ("feed:1: record's text is empty", a line of the folder), and the run ended with exit 0
    takes: dict[str, list[Path]] = {}
    for f, names in tables:
        known = map_fields({name: name for name in names})[0]
        takes.setdefault(str(known.get("text") or known["html"]), []).append(f)
    if len({column.lower() for column in takes}) > 1:
        said = ", ".join(
            f"'{column}' in {found[0]}" + (f" and {counted(len(found) - 1, 'more file', grouped=True)}" if len(found) > 1 else "")
            for column, found in takes.items()
        )
        raise InputError(
            f"{input_path}: its files name the article text's column differently ({said}); Spark reads {input_path} "
            "as one table with one file's columns, and the articles of the files with another would be lost; "
            "give the column one name in every file, or give --input the files of one name"
        )
    # and each column as Spark types it, case aside: Spark takes a folder's types from one file and
    # stopped at another's rows of another type with exit 70 and a Java stack trace of a hundred
    # lines ("Data type mismatches when reading Parquet column [outlet]. Expected Spark type int,
    # actual Parquet type BINARY": pandas writes a column of None alone as null)
    typed: dict[str, dict[str, Path]] = {}
    named: dict[str, str] = {}
    for f, m in zip(files, footers, strict=True):
        if m.num_rows:
            for field in m.schema.to_arrow_schema():
                typed.setdefault(field.name.lower(), {}).setdefault(_spark_type(field.type), f)
                named.setdefault(field.name.lower(), field.name)
    mixed = next(((named[key], kinds) for key, kinds in typed.items() if len(kinds) > 1), None)
    if mixed is not None:
        name, kinds = mixed
        said = ", ".join(f"{kind} in {f}" for kind, f in kinds.items())
        raise InputError(
            f"{input_path}: its files hold the column '{name}' as different types ({said}); Spark reads "
            f"{input_path} as one table with one file's types, and stops with a Java error at the rows of "
            "another; give the column one type in every file"
        )


def _spark_type(arrow_type: Any) -> str:
    """An Arrow type as Spark reads it, for telling whether two files' columns are one type: a
    string and a large string are one (as are a list and a large list), bytes and a string too
    (the engine reads bytes as text: ``binaryAsString``), timestamps of any unit."""
    spark_type = re.sub(r"\bbinary\b", "string", str(arrow_type).replace("large_", ""))
    return re.sub(r"timestamp\[\w+", "timestamp[", spark_type)


def _input_files(input_path: Path) -> list[Path]:
    """The files of a JSON lines ``--input``: the file, or the files ``ingest`` reads of the folder,
    in its order (``ingest.iter_files``: sorted, hidden and the system's files (``ingest.left_out``)
    and files of no record format left out, ``_part.jsonl`` read). Hadoop's listing passed over
    names starting with '_' as well, and could not read a file so named at all."""
    from newstrace.ingest import iter_files

    if not input_path.is_dir():
        return [input_path]

    def refuse(e: NewstraceError) -> None:
        raise e

    return list(iter_files([input_path], refuse))


#: bytes of JSON lines one task reads at most (Hadoop's block on a local file system); a gzip file
#: is read whole by one task, since it cannot be entered midway
TASK_BYTES = 32 << 20
#: and at least, unless the input is smaller: a task costs more than reading a megabyte
MIN_TASK_BYTES = 1 << 20


def _records(spark: Any, input_path: Path) -> tuple[Any, list[str], dict[str, str]]:
    """The records (``Row``) of ``--input``, the warnings for the files passed over, and the files
    read: each as the records name it (by the path as given, which the run's lines say, as
    ``ingest``'s do) to its absolute path (``ingest.stored_source``), made here on the driver as
    the run starts. Spark opens the absolute path: an executor opened the path as given in its
    own folder, and the JVM a Parquet input in the folder the session started in, not the
    caller's after an ``os.chdir`` (a library caller's run looked for its input in the wrong
    folder). ``load-results`` stores each article's file by it (``_stored_sources``)."""
    source = str(input_path)
    if not _is_parquet(input_path):
        return _jsonl_records(spark.sparkContext, input_path)
    from pyspark.sql.types import TimestampType

    from newstrace.ingest import stored_source

    # partition values as written ("outlet=2016" is an outlet, not a number; a day stays the
    # text the readers parse as every other date)
    spark.conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
    # text stored as bytes without Parquet's UTF-8 mark (Hive's and Impala's older writers, Arrow's
    # binary): read as text, as Spark reads such files for Hive; it reached the reader as bytes,
    # whose repr became the article's text ('b"United Nations ... \xe2\x80\x9cappalled')
    spark.conf.set("spark.sql.parquet.binaryAsString", "true")
    opened = stored_source(source) or source
    # one table, whatever its part files: its dates are read in one order, as one file's
    table = spark.read.parquet(opened)
    instants = [f.name for f in table.schema.fields if isinstance(f.dataType, TimestampType)]
    records = (
        table.rdd.map(lambda r: _instants(r.asDict(recursive=True), instants)).zipWithIndex()
        .map(lambda x: (source, x[0], x[1], None))
    )
    return records, [], {source: opened}


def _jsonl_records(sc: Any, input_path: Path) -> tuple[Any, list[str], dict[str, str]]:
    """``_records`` of a JSON lines ``--input``: its records each named by its own file and line,
    the warnings for the files passed over (empty, binary), worded as ``ingest`` words them, and
    the files read.

    Each file is read as ``ingest`` reads it, by the same loop (``records.jsonl_values``): Spark's
    text reader had replaced a windows-1252 file's bytes with U+FFFD without a word, split lines
    at a bare carriage return, dropped a UTF-8 byte order mark before the reader's byte offsets
    counted it, and would not read a file whose name starts with '_'. A file longer than a task's
    share is read in stretches by several tasks: a first pass over those tells each stretch its
    first line's number and the charset the file is in there (``LineDecoder.then``).
    """
    import zlib

    from newstrace.ingest import reader_for, stored_source
    from newstrace.ingest.base import LineDecoder, cannot_read
    from newstrace.ingest.records import read_json, record_file_head, record_limit
    from newstrace.limits import LIMITS

    said: list[str] = []
    files: list[tuple[str, int, bool]] = []  # (file, bytes on disk, gzip)
    opened: dict[str, str] = {}  # file: its absolute path, which a task opens
    for f in _input_files(input_path):
        try:
            record_file_head(f, "JSON" if reader_for(f) is read_json else "JSON Lines")
        except InputError as e:
            said.append(f"{e}, skipped")
            continue
        except (EOFError, zlib.error):
            pass  # a damaged gzip file: its task says so, after the records before the damage
        except OSError as e:
            said.append(f"{cannot_read(f, e)}, skipped")
            continue
        files.append((str(f), f.stat().st_size, f.name.lower().endswith(".gz")))
        opened[str(f)] = stored_source(str(f)) or str(f)
    if not files:
        return sc.emptyRDD(), said, {}
    total = sum(size for _, size, _ in files)
    share = min(TASK_BYTES, max(MIN_TASK_BYTES, total // sc.defaultParallelism))
    limit = record_limit(LIMITS)
    parts: dict[str, list[tuple[int, int | None]]] = {}
    for source, size, gz in files:
        starts = [0] if gz else list(range(0, size, share))
        parts[source] = [(a, b) for a, b in zip(starts, [*starts[1:], None], strict=True)]
    many = [(opened[source], a, b, limit) for source, cuts in parts.items() if len(cuts) > 1 for a, b in cuts]
    states = iter(sc.parallelize(many, len(many)).map(_stretch_state).collect() if many else [])
    stretches: list[Stretch] = []
    for source, cuts in parts.items():
        lineno, state = 1, ("utf-8", False)
        for a, b in cuts:
            first, lines, after = next(states) if len(cuts) > 1 else (0, 0, state)
            stretches.append((source, opened[source], a, b, lineno, (first, *state)))
            lineno, state = lineno + lines, LineDecoder.then(state, after)
    # whole small files share a task up to a task's share of bytes; a stretch of a big one is one task
    sizes = {source: size for source, size, _ in files}
    tasks: list[list[Stretch]] = []
    held = share
    for st in stretches:
        small = len(parts[st[0]]) == 1
        if small and tasks and held + sizes[st[0]] <= share:
            tasks[-1].append(st)
            held += sizes[st[0]]
        else:
            tasks.append([st])
            held = sizes[st[0]] if small else share
    rows = sc.parallelize(tasks, len(tasks)).mapPartitions(lambda it: _stretch_rows((st for task in it for st in task), limit))
    return rows, said, opened


def check_out_dir(out_dir: Path) -> None:
    """Refuse an ``--out`` that holds anything but an earlier run's tables.

    Each table replaces the folder of its name, so ``--out ~/Documents`` would delete a
    ``~/Documents/articles`` folder; an earlier result is replaced table by table, as a re-run should.
    """
    check_output_folder(
        out_dir,
        TABLES,
        a_file="--out must be a folder (it is a file)",
        holds=lambda shown: (
            f"--out holds {shown}, not only the tables of an earlier run ({', '.join(TABLES)}); "
            "give an empty or new folder"
        ),
    )


def check_out(input_path: Path, out_dir: Path) -> None:
    """Refuse an ``--out`` that cannot take the run's results (``check_out_dir``), or one inside the
    ``--input`` folder, before any input is read, as ``ingest`` refuses a bad ``--db``: a mistake in
    the command line, which ``--json`` prints no document of (``cli.corpus.analyze``)."""
    check_out_dir(out_dir)
    if input_path.is_dir() and out_dir.resolve().is_relative_to(input_path.resolve()):
        # the run went, and the same command run again was refused: the input held a folder
        raise InputError(
            f"{out_dir}: --out is inside --input {input_path}, whose folders Spark does not read, so the "
            "same run could not be made again; give a folder outside it"
        )


class NoArticles(InputError):
    """An ``--input`` whose records Spark read gave no article: its records skipped and the
    warnings said of them, which the run's report (``--json``) lists, as of a run that read some."""

    def __init__(self, message: str, skipped_records: int, warnings: Sequence[str]) -> None:
        super().__init__(message)
        self.skipped_records, self.warnings = skipped_records, list(warnings)


def spark_report(
    master: str,
    input_path: Path,
    out_dir: Path | None,
    steps: Sequence[str],
    semantic: bool,
    seconds: float,
    *,
    error: str | None = None,
    articles: int = 0,
    pairs: int = 0,
    stories: int = 0,
    threads: int = 0,
    skipped_records: int = 0,
    duplicates: int = 0,
    warnings: Sequence[str] = (),
    provenance_unbuilt: int = 0,
) -> dict[str, Any]:
    """A Spark run's report (``--json``), every key in every run, 0, [] or false when there is
    nothing to say (``AnalyzeReport.to_dict``). ``error``: the line a run that read no article of
    ``--input`` ends with (``InputError``), ``out`` then ``None``, as ``ingest --json`` names no
    database a run that read nothing did not make and says its closing line."""
    return {
        "engine": "spark",
        "master": master,
        "input": str(input_path),
        "out": None if out_dir is None else str(out_dir),
        "error": error,
        "articles": int(articles),
        "pairs": int(pairs),
        "stories": int(stories),
        "threads": int(threads),
        "skipped_records": int(skipped_records),
        "steps": list(steps),
        "seconds": round(seconds, 3),
        "duplicates": int(duplicates),  # copies under another id, as ``ingest --json`` and ``load-results --json`` count them
        "warnings": list(warnings),
        "semantic": bool(semantic),
        # the stories left without edges for their pairs, counted as the local engine counts them
        # (``AnalyzeReport.provenance_unbuilt``)
        "provenance_unbuilt": int(provenance_unbuilt),
    }


def run_spark(
    input_path: Path,
    out_dir: Path,
    *,
    master: str = "local[2]",
    steps: Sequence[str] | None = None,
    merge_every: int = 500,
    max_df: int | None = None,
    block: int = 500,
    spark: Any = None,
    semantic: bool = False,
    on_progress: Callable[[str, int, int], None] | None = None,
    day_first: bool | None = None,
    on_copies: Callable[[list[tuple[str | None, str, str]]], None] | None = None,
) -> dict[str, Any]:
    """Analyse ``input_path`` with Spark and write the result tables under ``out_dir``.

    A date whose day and month could be either way (4/7/2017) is read in the order its file's other
    dates show; where none does, as ``day_first`` says, else month-first with one warning per file
    (``ingest``'s ``--day-first``/``--month-first`` and warning). A Parquet input is one table: its
    dates are read in one order whatever its part files.

    ``semantic`` adds sentence embeddings (extra ``semantic``, needed on the executors too) to the
    clustering features and uses ``params.models(True)``, like the local engine; the choice goes
    into the ``state`` table, so a database loaded from the result keeps it. ``on_progress(stage,
    done, total)`` is called as each stage ends and along the driver's clustering pass.
    ``on_copies`` hears of the run's copies of an article under another id, as ``(file, id,
    id kept)`` in the order ``ingest`` says them (``one_copy_each``), once they are known; the
    report counts them (``duplicates``).
    """
    from newstrace.engine.steps import STEPS

    check_out(input_path, out_dir)  # before any input is read, as ingest's --db
    check_input(input_path)
    if max_df is None:
        from newstrace.reuse.candidates import MAX_DF

        max_df = MAX_DF
    steps = [s for s in STEPS if s in (steps or STEPS)]
    t0 = time.perf_counter()
    from newstrace.store.sqlite import stops_held

    try:
        with _stops_cleanly(out_dir, owned=spark is None) as run:
            # a stop while the JVM starts waits for it (a few seconds): stopped then, it printed its
            # stack trace after the command had ended (the file py4j was to connect by was gone)
            with stops_held():
                spark = run.spark = spark or get_session(master)
            run.started(spark)
            return _analyse(spark, input_path, out_dir, master, steps, merge_every, max_df, block, semantic,
                            on_progress, day_first, on_copies, t0, run)
    finally:
        jvm_said()  # the JVM's errors before the run's closing line, its error or its stop's line


class _Run:
    """What a Spark run's stop has to know: its session, and whether it has begun to write ``--out``."""

    def __init__(self) -> None:
        self.spark: Any = None
        self.writing = False
        self.main = threading.current_thread() is threading.main_thread()
        self.term_before: Any = None

    def started(self, spark: Any) -> None:
        """Ctrl-C raises ``KeyboardInterrupt`` where the run is, as Python's own handler does:
        PySpark's (set as its context starts) called into the JVM from inside the handler, while
        the main thread waited on the same py4j connection, and printed a traceback per call
        ("RuntimeError: reentrant call inside <_io.BufferedReader name=3>"). Ctrl-C and SIGTERM
        (whose handler ``cli.app.sigterm_stops`` set) first turn the JVM's log off (``_silence``)."""
        self.spark = spark
        if self.main:
            self.term_before = signal.getsignal(signal.SIGTERM)
            signal.signal(signal.SIGINT, self._stop)
            if callable(self.term_before):
                signal.signal(signal.SIGTERM, self._stop)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self._silence()
        if signum == signal.SIGTERM:
            self.term_before(signum, frame)  # raises ``errors.Terminated``, said as SIGTERM's stop
            return
        raise KeyboardInterrupt

    def _silence(self) -> None:
        """The JVM's log off before the stop reaches it: the ``KeyboardInterrupt`` ends the main
        thread's py4j connection, whose Java thread is interrupted at once, and a job writing
        ``--out`` logged "ERROR FileFormatWriter: Aborting job" and a 70-line stack trace
        before ``_stop_jvm`` could turn the log off. Called from another thread, which has its own
        connection (PySpark pins one per thread): this one is in the middle of a call on its own."""
        spark = self.spark
        # and PySpark's accumulator server, whose thread printed the EOFError of the connection the
        # stopping JVM closed ("Exception occurred during processing of request", 24 lines)
        server = getattr(spark.sparkContext, "_accumulatorServer", None)
        if server is not None:
            server.handle_error = lambda request, client_address: None

        def off() -> None:
            with contextlib.suppress(Exception):
                spark.sparkContext.setLogLevel("OFF")

        quiet = threading.Thread(target=off, daemon=True)
        quiet.start()
        quiet.join(timeout=5)  # a JVM that does not answer is stopped all the same


@contextlib.contextmanager
def _stops_cleanly(out_dir: Path, owned: bool) -> Iterator[_Run]:
    """A Spark run that Ctrl-C or SIGTERM (``cli.app.sigterm_stops``) stops ends in one line, as the
    local engine's does: ``errors.Interrupted`` saying what ``--out`` holds (as it was, or no
    finished run once this one began to write it, which ``load-results`` refuses), with the
    session's jobs cancelled and the session stopped (when the run made it: ``owned``). It printed
    60 lines of py4j and Spark tracebacks around "newstrace: interrupted" (py4j logs a
    ``KeyboardInterrupt`` with ``logging.exception``, which sets up the root logger on stderr), then
    the JVM's errors of the workers it lost after the command had ended; and said nothing of ``--out``."""
    run = _Run()
    before = signal.getsignal(signal.SIGINT) if run.main else None
    root = logging.getLogger()
    # py4j's logging.exception of a stop comes here, not to the stderr handler logging would make
    # for it; what other libraries warn of is said as Python's last-resort handler says it; and the
    # records of py4j's own loggers, which its NullHandler keeps off stderr without this one, stay
    # off ("Exception occurred while shutting down connection", 22 lines, as a stop closed one)
    quiet = logging.StreamHandler()
    quiet.setLevel(logging.WARNING)
    quiet.addFilter(lambda record: not (record.name.startswith("py4j")
                                        or (record.name == "root" and "while sending command" in str(record.msg))))
    root.addHandler(quiet)
    try:
        yield run
    except Interrupted:
        raise
    except BaseException as e:
        if not _stopped(e):
            raise
        if owned:
            _stop_jvm(run.spark)
        if run.writing:
            said = (f"the Spark run stopped while writing its results: {out_dir} holds no finished run, which "
                    "'newstrace load-results' refuses; run the same analyze again")
        else:
            said = f"the Spark run stopped before writing its results: nothing was written to {out_dir}"
        raise Interrupted(said) from None
    finally:
        root.removeHandler(quiet)
        if run.main and before is not None:
            signal.signal(signal.SIGINT, before)
        if run.main and callable(run.term_before):
            signal.signal(signal.SIGTERM, run.term_before)


def _stopped(e: BaseException) -> bool:
    """Whether ``e`` is a Ctrl-C or SIGTERM (``KeyboardInterrupt``), or an error met while one
    unwound through PySpark (its local iterator's ``finally`` calls into the JVM, which answers
    nothing then: "Py4JNetworkError: Answer from Java side is empty" was an internal error, exit 70)."""
    seen: BaseException | None = e
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__context__
    return False


def _stop_jvm(spark: Any) -> None:
    """Stop a run's Spark: its jobs cancelled and its session stopped; a JVM stopped while its
    context was starting (no session yet) is ended, which then runs its shutdown hooks (its
    temporary folders removed). Left to notice the driver gone, it printed its errors of the lost
    workers, or of a context that could not finish starting, after the command's last line."""
    with contextlib.suppress(Exception, KeyboardInterrupt):
        if spark is not None:
            # the errors of tasks failing as they are cancelled ("TaskSchedulerImpl: Exception in
            # statusUpdate", a worker lost) are of the stop the user asked for
            spark.sparkContext.setLogLevel("OFF")
            spark.sparkContext.cancelAllJobs()
            spark.stop()
            return
        from pyspark import SparkContext

        proc = getattr(SparkContext._gateway, "proc", None)
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)


def _analyse(
    spark: Any,
    input_path: Path,
    out_dir: Path,
    master: str,
    steps: list[str],
    merge_every: int,
    max_df: int,
    block: int,
    semantic: bool,
    on_progress: Callable[[str, int, int], None] | None,
    day_first: bool | None,
    on_copies: Callable[[list[tuple[str | None, str, str]]], None] | None,
    t0: float,
    run: _Run,
) -> dict[str, Any]:
    """``run_spark``'s work, once its input and ``--out`` are checked and its session started."""
    from newstrace.corpus.features import ArticleFeatures
    from newstrace.reuse.candidates import MIN_KEYS

    sc = spark.sparkContext
    # the tables go to ``--out`` by its absolute path, made as the run starts: the JVM writes
    # its own in the folder the session started in, not the caller's after an ``os.chdir``, which
    # left them there and the driver's (memberships, state) here; its lines name it as given
    written = Path(os.path.abspath(out_dir))

    from pyspark import StorageLevel

    # MEMORY_AND_DISK, not cache()'s MEMORY_ONLY: a partition that does not fit in the heap is
    # spilled instead of dropped, and a dropped partition would be recomputed (every article's
    # features again, every pair aligned again) each time a later stage reads it
    keep = StorageLevel.MEMORY_AND_DISK
    records, files_said, read_from = _records(spark, input_path)
    # a local reader reads a file's 4/7/2017 in the order its dates that go one way show (25/12/2017)
    orders: dict[str, frozenset[str]] = {}
    for file, order in records.mapPartitions(_slash_orders).distinct().collect():
        orders[file] = orders.get(file, frozenset()) | {order}
    read = records.mapPartitions(lambda rows: _records_to_articles(rows, orders, day_first)).persist(keep)
    read_articles = read.filter(lambda x: x[0] == "article").map(lambda x: x[1])
    # each article once, under the id ``ingest`` gives it: a repeat's first record, another outlet's id as OUTLET:ID
    # one spelling per outlet, case aside, as ``ingest`` keeps it (``ingest.base.OutletNames``)
    read_articles = _spelled(sc, read_articles)
    articles, repeats, keyed_said = _keyed(sc, read_articles, keep)
    # each article once, as ``ingest`` stores it: a copy under another id is the first read's
    articles, copies = _one_copy_each(sc, articles, keep)
    if copies and on_copies is not None:
        on_copies(copies)
    n_articles = articles.count()
    n_skipped, warnings = _skipped(read, repeats, orders, files_said)
    warnings += keyed_said
    read.unpersist()
    if n_articles == 0:
        raise NoArticles(f"{input_path}: no articles found" + (f" ({warnings[0]})" if warnings else ""), n_skipped,
                         warnings)
    step_list = list(steps)
    report_progress = on_progress or (lambda stage, done, total: None)
    report_progress("articles", n_articles, n_articles)
    if semantic:
        from newstrace.corpus.semantic import get_embedder

        get_embedder()  # a missing extra fails on the driver, before the executors start
    recs = articles.mapPartitions(lambda it: _article_records(it, step_list, semantic)).persist(keep)
    report_progress("per-article steps", recs.count(), n_articles)
    warnings += _step_warnings(recs.flatMap(lambda r: r["warnings"]))

    # the stream order, sorted once: it cuts the alignment blocks and feeds the clusterer
    ordered = recs.map(lambda r: ((bool(r["order"][0]), r["order"][1], r["order"][2]), (r["id"], r["features"]))).sortByKey()
    pairs_rdd = sc.emptyRDD()
    n_pairs = 0
    key_recs = recs
    if "reuse" in steps:
        md, mk = int(max_df), MIN_KEYS
        # copies of one text are one group (``reuse.candidates.copies_of_one_text``): its first copy
        # in the stream holding keys alone holds them, each later copy is paired with it alone, as
        # the local engine pairs them (``store.results.reuse_partners``)
        firsts = (
            recs.filter(lambda r: r["keys"]).map(lambda r: (r["text_hash"], (tuple(r["order"]), r["id"])))
            .reduceByKey(min)
        )
        copy_pairs = sorted(
            recs.filter(lambda r: r["keys"]).map(lambda r: (r["text_hash"], r["id"])).join(firsts)
            .filter(lambda kv: kv[1][0] != kv[1][1][1]).map(lambda kv: (kv[1][1][1], kv[1][0])).collect()
        )
        later = sc.broadcast(frozenset(c for _, c in copy_pairs))
        key_recs = recs.filter(lambda r: r["id"] not in later.value)
        cand = (
            key_recs.flatMap(lambda r: [(k, (r["order"], r["id"])) for k in r["keys"]])
            .groupByKey()
            .flatMap(lambda kv: _key_group(kv, md))
            .map(lambda ab: (ab, 1))
            .reduceByKey(lambda x, y: x + y)
            .filter(lambda kv: kv[1] >= mk)  # pairs sharing MIN_KEYS keys, as in the local engine
            .keys()
            .union(sc.parallelize(copy_pairs, max(1, min(len(copy_pairs) // 1000, 64))))
        )
        # blocks of ``block`` consecutive articles (stream order); a pair goes to its later
        # article's block, and each block gets one copy of every article its pairs name: an
        # article is shipped and prepared about once per block that needs it, instead of twice
        # per candidate pair (a hundred at 100k articles) as a pair-by-pair join would
        blk = int(block)
        block_of = ordered.zipWithIndex().map(lambda x: (x[0][1][0], x[1] // blk))
        pair_blocks = cand.map(lambda ab: (ab[1], ab[0])).join(block_of).map(lambda x: (x[1][1], (x[1][0], x[0])))
        needed = (
            pair_blocks.flatMap(lambda x: [(x[1][0], x[0]), (x[1][1], x[0])])
            .distinct()
            .join(articles.map(lambda d: (d["id"], d)))
            .map(lambda x: (x[1][0], x[1][1]))
        )
        aligned = pair_blocks.cogroup(needed).mapPartitions(_align_blocks).persist(keep)
        # an action over all partitions at once: the driver's ``toLocalIterator`` below would
        # otherwise align one partition at a time, on one core
        aligned.count()
        pairs_rdd, said = _split_warnings(aligned)
        n_pairs = int(pairs_rdd.count())
        warnings += _step_warnings(said)
        report_progress("reuse pairs", n_pairs, n_pairs)

    # stories and threads: one sequential pass on the driver, in the stream order
    partners: dict[str, dict[str, float]] = {}
    if "reuse" in steps:
        from newstrace.corpus.stories import reuse_strength

        # streamed partition by partition (same order as collect): the driver never holds the list
        for p in pairs_rdd.map(lambda p: (p["a"], p["b"], p["quoted"], p["chars"], p["shorter"])).toLocalIterator():
            partners.setdefault(p[1], {})[p[0]] = reuse_strength(int(p[2]), int(p[3]), int(p[4]))
    memberships: dict[str, tuple[str, float]] = {}
    state_rows: list[dict[str, Any]] = []
    rows = ClusterRows(written / "stories")
    if "stories" in steps:
        feats = (ArticleFeatures.from_dict(fd) for _, (_, fd) in ordered.toLocalIterator())
        memberships, state_rows = stream_clusters(
            feats, partners, rows, semantic=semantic, merge_every=merge_every,
            on_progress=lambda n: report_progress("stories", n, n_articles),
        )
    # the state table, written last, marks a finished run: an earlier run's goes before this run
    # replaces the first of its tables, so a run that dies while writing them leaves no mix of two
    # runs' tables for load-results to take as one (it refuses a folder without state)
    run.writing = True
    shutil.rmtree(written / "state", ignore_errors=True)
    counts = rows.write()

    provenance_rdd = sc.emptyRDD()
    if "reuse" in steps and memberships:
        story_of = sc.broadcast({a: s for a, (s, _) in memberships.items()})
        same_story = pairs_rdd.filter(lambda p: story_of.value.get(p["a"]) == story_of.value.get(p["b"]))
        with_pairs = set(same_story.map(lambda p: story_of.value.get(p["a"])).distinct().collect())
        wanted = sc.broadcast(with_pairs)
        story_arts = articles.filter(lambda d: story_of.value.get(d["id"]) in wanted.value).map(
            lambda d: (story_of.value[d["id"]], d)
        )
        story_pairs = same_story.map(lambda p: (story_of.value[p["a"]], p))
        provenance_rdd = story_arts.cogroup(story_pairs).mapPartitions(_provenance).persist(keep)

    # the steps this run took and its claims rules: ``load-results`` records them per article, as
    # the local engine does; and its provenance rules, which it records per story
    from newstrace.store import results as R

    state_rows.append({"key": R.STEPS_KEY, "value": R.steps_text(steps).encode()})
    state_rows.append({"key": R.CLAIMS_VERSION_KEY, "value": str(R.CLAIMS_VERSION).encode()})
    state_rows.append({"key": R.PROVENANCE_VERSION_KEY, "value": str(R.PROVENANCE_VERSION).encode()})
    unbuilt = provenance_rdd.filter(lambda r: "unbuilt" in r)
    provenance_rdd, said = _split_warnings(provenance_rdd)
    _write(spark, written, _stored_sources(sc, articles, read_from), recs, key_recs, pairs_rdd, memberships,
           provenance_rdd, state_rows)
    warnings += _step_warnings(said)  # provenance ran once, for the write; its rows are kept
    return spark_report(
        master, input_path, out_dir, steps, semantic, time.perf_counter() - t0, articles=n_articles, pairs=n_pairs,
        stories=counts["stories"], threads=counts["threads"], skipped_records=n_skipped, duplicates=len(copies),
        warnings=warnings, provenance_unbuilt=unbuilt.count(),
    )


def _stored_sources(sc: Any, articles: Any, read_from: Mapping[str, str]) -> Any:
    """The run's articles each with its file as ``ingest`` stores it (``ingest.stored_source``: by
    its absolute path), which ``load-results`` stores: an ``--input`` given by a relative path was
    stored as given, relative to the folder the run was in, where ``ingest`` of the same file stores
    its absolute path. Made on the driver as the run started, from the files it read (``read_from``:
    each as the records name it to the absolute path Spark opened, ``_records``), since
    ``load-results`` may run in another folder, and an executor in its own; the run's lines name
    the input as given, as ``ingest``'s do."""
    moved = {f: s for f, s in read_from.items() if s != f}
    if not moved:
        return articles  # an input given by its absolute path
    places = sc.broadcast(moved)
    return articles.map(lambda d: {**d, "source": places.value[d["source"]]} if d.get("source") in places.value else d)


def _write(
    spark: Any,
    out_dir: Path,
    articles: Any,
    recs: Any,
    key_recs: Any,
    pairs_rdd: Any,
    memberships: dict[str, tuple[str, float]],
    provenance_rdd: Any,
    state_rows: list[dict[str, Any]],
) -> None:
    """Write the executors' tables with Spark and the driver's own (memberships, state) with pyarrow;
    the keys of ``key_recs`` (a text's later copies hold none, as in the local engine's index)."""
    out_dir.mkdir(parents=True, exist_ok=True)

    def save(name: str, rdd: Any, order: str | None = None) -> None:
        df = spark.createDataFrame(rdd, spark_schema(name))
        df = df.sort(order) if order else df
        df.write.mode("overwrite").parquet(str(out_dir / name))

    # sorted by id (part files in ascending ranges): ``load-results`` streams them into a database
    # in that order instead of holding every article to sort them
    save(
        "articles",
        articles.map(lambda d: {"id": d["id"], "json": json.dumps(d, ensure_ascii=False, default=str)}),
        order="id",
    )
    save("keys", key_recs.flatMap(lambda r: [{"key": k, "article": r["id"]} for k in r["keys"]]))
    save(
        "claims",
        recs.filter(lambda r: r["claims"] is not None).map(
            lambda r: {"article": r["id"], "json": json.dumps(r["claims"], ensure_ascii=False)}
        ),
    )
    save("pairs", pairs_rdd)
    save("provenance", provenance_rdd)
    _write_table(
        out_dir / "memberships",
        ({"article": a, "story": s, "score": float(sc)} for a, (s, sc) in sorted(memberships.items())),
        arrow_schema("memberships"),
    )
    _write_table(out_dir / "state", state_rows, arrow_schema("state"))


def _write_table(folder: Path, rows: Iterable[dict[str, Any]], schema: Any, batch: int = 10_000) -> None:
    """Stream ``rows`` into one Parquet file under ``folder``, replacing what was there.

    The driver writes its tables without a ``createDataFrame``, which would hold every row in
    Python and again pickled for the JVM. The file is written next to the folder and moved in
    at the end, so a crash never leaves a half table under the table's name.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = folder.with_name(f".{folder.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with pq.ParquetWriter(str(tmp / "part-00000.parquet"), schema) as w:
        chunk: list[dict[str, Any]] = []
        for r in rows:
            chunk.append(r)
            if len(chunk) == batch:
                w.write_batch(pa.RecordBatch.from_pylist(chunk, schema=schema))
                chunk = []
        if chunk:
            w.write_batch(pa.RecordBatch.from_pylist(chunk, schema=schema))
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)


def stream_clusters(
    features: Iterable[ArticleFeatures],
    partners: Mapping[str, Mapping[str, float]],
    rows: ClusterRows,
    *,
    semantic: bool = False,
    merge_every: int = 500,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, tuple[str, float]], list[dict[str, Any]]]:
    """Place ``features`` (stream order) in stories and threads; returns memberships and state rows.

    Rows are made each time ``merge_every`` articles are placed, as the local engine drains the
    clusterer after each batch; the labels they hold are the clusterer's names, given at points of
    the stream (``StoryClusterer._name_changed``), so both engines give the same labels whatever
    the batch (``tests/test_spark_parity.py``).
    """
    from newstrace.corpus import params
    from newstrace.corpus.stories import Changes, StoryClusterer
    from newstrace.store import results as R

    cl = StoryClusterer(*params.models(semantic))  # merges every MERGE_EVERY, whatever the batch
    memberships: dict[str, tuple[str, float]] = {}

    def absorb(part: Changes) -> None:
        for c in [*part.threads, *part.stories]:
            rows.put(R.cluster_row(c, part.label_of(c)), open_=c.id in (cl.stories if c.level == "story" else cl.threads))
        memberships.update(part.memberships)
        rows.merged_threads.update(part.merged_threads)

    n = 0
    for n, f in enumerate(features, 1):
        cl.add(f, partners.get(f.id))
        if n % merge_every == 0:
            absorb(cl.drain())
            if on_progress is not None:
                on_progress(n)
    cl.finish()
    absorb(cl.drain())
    state_rows = [
        {"key": "df", "value": cl.df.to_bytes()},
        {"key": "clusterer", "value": json.dumps(cl.progress_state()).encode()},
        {"key": R.MODELS_KEY, "value": params.fingerprint(cl.story_model, cl.thread_model).encode()},
        # the label rules that named them, recorded as the local engine does (``save_clusterer_state``)
        {"key": R.LABELS_VERSION_KEY, "value": str(R.LABELS_VERSION).encode()},
    ]
    if semantic:
        from newstrace.engine.local import SEMANTIC_MODEL

        state_rows.append({"key": R.SEMANTIC_KEY, "value": SEMANTIC_MODEL.encode()})
    return memberships, state_rows


class ClusterRows:
    """The ``stories`` table (stories and threads) of a run, written while the clusterer streams.

    Keeping every cluster object to the end made the driver hold all of them: 7.9 GB at 100,000
    articles, where the local engine, which writes each batch to SQLite, peaks at 1.0 GB. A
    retired cluster (out of its window, or merged away) never changes again, so its row goes to
    a spill file at once; only the rows of open clusters stay in memory, replaced each time the
    cluster changes. A story row names its thread of that moment; threads merged later are
    followed when the table is written.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.open: dict[str, dict[str, Any]] = {}
        self.merged_threads: dict[str, str] = {}
        folder.parent.mkdir(parents=True, exist_ok=True)
        # anonymous: gone with the process, even a killed one
        self._spill = tempfile.TemporaryFile(dir=folder.parent, prefix=".stories-", suffix=".spill")  # noqa: SIM115 (closed by write)

    def put(self, row: dict[str, Any], open_: bool) -> None:
        if open_:
            self.open[row["id"]] = row
        else:
            self.open.pop(row["id"], None)
            pickle.dump(row, self._spill, protocol=pickle.HIGHEST_PROTOCOL)

    def _all(self) -> Iterator[dict[str, Any]]:
        self._spill.seek(0)
        while True:
            try:
                yield pickle.load(self._spill)
            except EOFError:
                break
        yield from self.open.values()

    def write(self) -> dict[str, int]:
        """Write the table; returns the live stories and the threads they are in."""
        live = 0
        threads: set[str | None] = set()

        def resolved() -> Iterator[dict[str, Any]]:
            nonlocal live
            for r in self._all():
                while r["thread"] in self.merged_threads:
                    r["thread"] = self.merged_threads[r["thread"]]
                if r["level"] == "story" and not r["merged_into"]:
                    live += 1
                    threads.add(r["thread"])
                yield r

        _write_table(self.folder, resolved(), arrow_schema("stories"))
        self._spill.close()
        self.open = {}
        return {"stories": live, "threads": len(threads)}
