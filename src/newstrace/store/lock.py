"""One writer of analysis results at a time per database: ``analysis_lock``.

``analyze`` (``--recluster`` too) and ``load-results`` read the clustering state, work for minutes
and write stories from it; two of them on one database place the same articles twice and leave
stories whose members the other run moved (a story of size 3 with no member). SQLite's own write
lock is held one transaction at a time, so it cannot stop this: the second run is refused at its
start instead, with the pid of the first.

The lock is ``flock(LOCK_EX | LOCK_NB)`` on a sidecar file ``DB.lock`` (beside the database; the
path resolved, so every spelling of the path meets one lock):

- the kernel releases it when the process ends, however it ends (SIGKILL, OOM), so a crashed run
  never leaves a stale lock behind; the file itself stays (empty when no one holds it): removing a
  lock file races with a process that has it open, and a stale *file* is harmless;
- not the database file itself: SQLite's locks are POSIX record locks, and closing any other
  descriptor of the database in this process would drop them;
- a forked pool worker inherits the descriptor, and with it the lock: it would keep a dead run's
  lock until it ends. Workers close the inherited descriptors first thing (``close_inherited``);
  closing one copy does not release the lock, which the parent keeps until it closes its own.
  Descriptors are opened ``O_CLOEXEC``, so an exec'd child never holds one.

``ingest`` takes no lock: it only adds articles, which SQLite (WAL) lets it do beside a running
``analyze``. Where ``fcntl`` does not exist (Windows) there is no lock.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from newstrace.errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

#: descriptors of the locks this process holds (``close_inherited`` closes them in a forked child)
_HELD: set[int] = set()


def lock_path(db: Path | str) -> Path:
    """The sidecar file whose lock stands for ``db``'s analysis: ``DB.lock`` beside it."""
    p = Path(db).resolve()
    return p.with_name(p.name + ".lock")


def _said(fd: int) -> str | None:
    """Who the holder says it is, from what it wrote in the lock file (``pid command started``):
    ``"load-results (pid 123, since 19:40:02 UTC, 8 min ago)"``. The start was not written before:
    an ``ingest`` that waited the best part of its 600 s for a ``load-results`` (517 s at 100,000
    articles) could not tell how long that had run, nor so whether to wait on."""
    try:
        text = os.pread(fd, 200, 0).decode("ascii", "replace").split()
    except OSError:
        return None
    if len(text) < 2 or not text[0].isdigit():
        return None
    pid, command = int(text[0]), text[1]
    if len(text) < 3 or not text[2].isdigit():  # written by an older newstrace
        return f"{command} (pid {pid})"
    return f"{command} (pid {pid}, {since(int(text[2]))})"


def since(started: float, now: float | None = None) -> str:
    """``"since 19:40:02 UTC, 8 min ago"`` of a run started at ``started`` (seconds since the epoch),
    in local time; the date too when it started on another day."""
    now = time.time() if now is None else now
    start, today = time.localtime(started), time.localtime(now)
    shown = time.strftime("%H:%M:%S %Z" if start[:3] == today[:3] else "%Y-%m-%d %H:%M:%S %Z", start)
    ago = max(0, round(now - started))
    if ago < 60:
        spent = f"{ago} s"
    elif ago < 3600:
        spent = f"{ago // 60} min"
    else:
        spent = f"{ago // 3600} h {ago % 3600 // 60} min"
    return f"since {shown}, {spent} ago"


def holder(db: Path | str) -> str | None:
    """Who holds ``db``'s analysis lock now (``"analyze (pid 123, since 19:40:02 UTC, 8 min ago)"``),
    else None: the likeliest writer to name when the database is busy (``errors.busy_hint``) or a
    write waits for its lock (``Store``). Only looks: the lock file is not created, and a shared
    lock that succeeds is dropped at once."""
    if fcntl is None:
        return None
    try:
        fd = os.open(lock_path(db), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:  # no lock file: no analysis ever ran here
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _said(fd) or "an analyze"
        except OSError:
            return None
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


@contextmanager
def analysis_lock(db: Path | str, command: str = "analyze") -> Iterator[None]:
    """Hold ``db``'s analysis lock while the block runs; refuse (``StoreError``, exit 3) at once
    when another process holds it, naming its command and pid."""
    if fcntl is None:
        yield
        return
    path = lock_path(db)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except PermissionError:  # another user's lock file: it can still be locked, not written
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError as e:
            raise StoreError(f"{db}: cannot open its lock file {path} ({e.strerror})") from e
    except OSError as e:
        raise StoreError(f"{db}: cannot create its lock file {path} ({e.strerror})") from e
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            who = f"another {_said(fd) or 'analyze'}"
            raise StoreError(
                f"{db}: {who} is running on it; wait for it to finish or stop it (one analysis at a time per database)"
            ) from None
        except OSError as e:  # a file system without flock: go on unprotected rather than not at all
            if e.errno not in (errno.ENOLCK, errno.EOPNOTSUPP):
                raise StoreError(f"{db}: cannot lock {path} ({e.strerror})") from e
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {command} {int(time.time())}\n".encode(), 0)
        except OSError:  # read-only lock file: the lock holds, only the pid goes unsaid
            pass
        _HELD.add(fd)
        try:
            yield
        finally:
            _HELD.discard(fd)
            with suppress(OSError):
                os.ftruncate(fd, 0)  # still locked: nobody reads a stale pid
    finally:
        os.close(fd)  # the last descriptor of the lock in this process: the lock is released


def close_inherited() -> None:
    """In a forked child: close the lock descriptors inherited from the parent, so that the child
    does not keep the parent's lock if the parent dies first (the parent's own stay locked)."""
    for fd in list(_HELD):
        with suppress(OSError):
            os.close(fd)
    _HELD.clear()
