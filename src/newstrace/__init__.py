"""newstrace: trace how a news story travels between outlets and what changed on the way."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newstrace")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+src"

__all__ = ["__version__"]
