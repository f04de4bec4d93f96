"""``newstrace serve``: the web app over a database, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import errno
import json
import os
import socket
from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli.app import DEFAULT_DB, Bounds, DbOption, app, check_ranges, err, ranged, warn
from newstrace.errors import NewstraceError

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def url_host(host: str) -> str:
    """The host as a URL writes it: an IPv6 address in brackets (``[::1]``)."""
    return f"[{host}]" if ":" in host else host


def check_listen(host: str, port: int) -> None:
    """Fail in one line, before saying 'serving', when the address cannot be listened on.

    uvicorn binds only after the 'serving ... on' line was printed; a port in use then gave that
    line, uvicorn's own 'ERROR: [Errno 98] ...' and exit 3, which says the database is unusable.
    The socket is bound as uvicorn binds it (``SO_REUSEADDR``) and closed again at once.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except (OSError, UnicodeError, TypeError) as e:  # a name IDNA cannot encode is a TypeError
        hint = {
            errno.EADDRINUSE: "; another server holds the port: give another --port",
            errno.EADDRNOTAVAIL: "; no interface of this machine has that address: give another --host",
        }.get(getattr(e, "errno", None) or 0, "")
        raise NewstraceError(f"{url_host(host)}:{port}: cannot listen there ({getattr(e, 'strerror', None) or e}){hint}") from e


@app.command()
def serve(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(metavar="HOST", help="Address to bind; anything but loopback exposes the database to the network.")] = "127.0.0.1",
    port: Annotated[int, ranged(Bounds(1, 65535), "--port", metavar="PORT", help="TCP port.")] = 8000,
    writable: Annotated[
        bool, typer.Option("--writable", help="Let Upload store uploaded articles (the database is read-only otherwise).")
    ] = False,
    workers: Annotated[
        int,
        ranged(
            Bounds(1, 16),
            "--workers",
            help="Worker processes. Each keeps its own page cache; pages only read the database, so several are safe.",
        ),
    ] = 1,
) -> None:
    """Browse stories, compare outlets and follow the provenance in a browser."""
    import uvicorn

    from newstrace.web import create_app

    check_ranges(ctx)

    hosts = ["127.0.0.1", "localhost", "::1", "[::1]"]
    if host not in LOOPBACK:
        warn(f"binding to {host}: anyone who can reach this address can read the database")
        hosts = ["*"]
    application = create_app(db, readonly=not writable, allowed_hosts=hosts)  # fails fast on a bad db
    check_listen(host, port)
    err.print(f"newstrace: serving {db} on http://{url_host(host)}:{port}/ (Ctrl+C to stop)", markup=False, highlight=False)
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
        return
    # uvicorn starts each worker by importing the app factory by name: the settings go with them
    # in the environment (the workers are this process's children)
    from newstrace.web.app import SERVE_ENV

    os.environ[SERVE_ENV] = json.dumps({"db": str(Path(db).resolve()), "readonly": not writable, "hosts": hosts})
    uvicorn.run("newstrace.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="warning", access_log=False)


__all__ = ["serve"]
