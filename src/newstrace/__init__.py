"""newstrace: trace how a news story travels between outlets and what changed on the way.

The library entry points are importable from here (README, *Library*)::

    import newstrace

    articles = newstrace.read_articles(["examples"])    # files and folders, as `newstrace ingest`
    report = newstrace.compare_articles(articles)       # as `newstrace compare`
    for finding in report.findings:
        for span in finding.evidence:                   # offsets into the article's clean text
            print(finding.type, span.article, span.start, span.end, span.text)

Every span is ``[start, end)`` into ``Article.text`` (``field='title'``: into ``Article.title``),
so ``text[start:end] == span.text``. The names are imported on first use, so ``import newstrace``
stays cheap (the CLI imports this package before any command runs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names for type checkers; at run time __getattr__ imports them
    from newstrace.claims import extract_claims as extract_claims
    from newstrace.claims import extract_many as extract_many
    from newstrace.compare import Comparison as Comparison
    from newstrace.compare import compare_articles as compare_articles
    from newstrace.compare import render_html as render_html
    from newstrace.compare.core import PairInfo as PairInfo
    from newstrace.compare.pairing import QuoteGroup as QuoteGroup
    from newstrace.compare.pairing import QuoteMention as QuoteMention
    from newstrace.engine.local import AnalyzeReport as AnalyzeReport
    from newstrace.engine.local import analyze as analyze
    from newstrace.errors import ArgumentError as ArgumentError
    from newstrace.errors import InputError as InputError
    from newstrace.errors import LimitError as LimitError
    from newstrace.errors import NewstraceError as NewstraceError
    from newstrace.errors import StoreError as StoreError
    from newstrace.ingest import read_articles as read_articles
    from newstrace.ingest import read_inputs as read_inputs
    from newstrace.model import Article as Article
    from newstrace.model import ArticleClaims as ArticleClaims
    from newstrace.model import ArticlePair as ArticlePair
    from newstrace.model import Finding as Finding
    from newstrace.model import ProvenanceEdge as ProvenanceEdge
    from newstrace.model import Quantity as Quantity
    from newstrace.model import Quote as Quote
    from newstrace.model import QuoteVariants as QuoteVariants
    from newstrace.model import SharedPassage as SharedPassage
    from newstrace.model import Span as Span
    from newstrace.model import StanceResult as StanceResult
    from newstrace.reuse import ReuseResult as ReuseResult
    from newstrace.reuse import align_pair as align_pair
    from newstrace.reuse import find_reuse as find_reuse
    from newstrace.stance import predict_stance as predict_stance
    from newstrace.store import Store as Store
    from newstrace.store.sqlite import IngestCounts as IngestCounts

#: public name -> the module that defines it (imported when the name is first used)
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(
        [
            "Article",
            "ArticleClaims",
            "ArticlePair",
            "Finding",
            "ProvenanceEdge",
            "Quantity",
            "Quote",
            "QuoteVariants",
            "SharedPassage",
            "Span",
            "StanceResult",
        ],
        "newstrace.model",
    ),
    **dict.fromkeys(["ArgumentError", "InputError", "LimitError", "NewstraceError", "StoreError"], "newstrace.errors"),
    **dict.fromkeys(["read_articles", "read_inputs"], "newstrace.ingest"),
    **dict.fromkeys(["extract_claims", "extract_many"], "newstrace.claims"),
    **dict.fromkeys(["ReuseResult", "align_pair", "find_reuse"], "newstrace.reuse"),
    **dict.fromkeys(["Comparison", "compare_articles", "render_html"], "newstrace.compare"),
    "PairInfo": "newstrace.compare.core",
    **dict.fromkeys(["QuoteGroup", "QuoteMention"], "newstrace.compare.pairing"),
    "predict_stance": "newstrace.stance",
    "Store": "newstrace.store",
    "IngestCounts": "newstrace.store.sqlite",
    **dict.fromkeys(["AnalyzeReport", "analyze"], "newstrace.engine.local"),
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    """``__version__`` and the entry points, each imported when first asked for.

    Not at import: ``importlib.metadata`` takes a tenth of a second, the steps import spaCy and
    numpy, and the console script (``newstrace.__main__``) imports this package before it can
    catch a Ctrl-C.
    """
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("newstrace")
        except PackageNotFoundError:  # running from a source tree that was not installed
            value = "0.0.0+src"
    else:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'newstrace' has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(module), name)
    globals()[name] = value  # the next lookup does not come here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
