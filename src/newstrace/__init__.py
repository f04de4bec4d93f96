"""newstrace: trace how a news story travels between outlets and what changed on the way."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata when first asked for.

    Not at import: ``importlib.metadata`` takes a tenth of a second, and the console script
    (``newstrace.__main__``) imports this package before it can catch a Ctrl-C.
    """
    if name != "__version__":
        raise AttributeError(f"module 'newstrace' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("newstrace")
    except PackageNotFoundError:  # running from a source tree that was not installed
        found = "0.0.0+src"
    globals()["__version__"] = found
    return found
