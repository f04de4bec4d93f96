"""Hand-built claims and reuse records for the two seed articles, with real offsets.

They let the compare rules be tested on their own, independent of how the claims and reuse
stages happen to behave today; every offset is found in the ingested seed text, so a change to the
texts or to cleaning shows up as a failure here rather than as silently wrong fixtures.
"""

from __future__ import annotations

from newstrace.model import (
    Article,
    ArticleClaims,
    ArticlePair,
    ProvenanceEdge,
    Quantity,
    Quote,
    QuoteVariants,
    SharedPassage,
    Span,
)


def at(article: Article, text: str, nth: int = 0, after: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``text`` at or after ``after`` (fixtures only)."""
    i = after - 1
    for _ in range(nth + 1):
        i = article.text.index(text, i + 1)
    return i, i + len(text)


def quote(article: Article, text: str, speaker: str | None, speaker_text: str | None = None, direct: bool = True, nth: int = 0) -> Quote:
    s, e = at(article, text, nth)
    sp = at(article, speaker_text) if speaker_text else (None, None)
    return Quote(s, e, article.text[s:e], speaker, sp[0], sp[1], "said", direct)


def qty(
    article: Article,
    text: str,
    low: float | None,
    high: float | None,
    subject: str | None,
    event: str | None,
    window: str | None = None,
    hours: list[float] | None = None,
    place: str | None = None,
    source: str | None = None,
    nth: int = 0,
) -> Quantity:
    s, e = at(article, text, nth)
    ws = we = None
    if window:  # the window's occurrence after its count, else the first one (as the extractor picks)
        ws, we = at(article, window, after=s) if window in article.text[s:] else at(article, window)
    return Quantity(s, e, article.text[s:e], low, high, subject, event, window, hours, place, source, ws, we)


MISTURA = "Staffan de Mistura"


def rt_claims(rt: Article) -> ArticleClaims:
    return ArticleClaims(
        rt.id,
        quotes=[
            quote(rt, "appalled and shocked by the high number of rockets indiscriminately launched by armed opposition groups", MISTURA, MISTURA),
            quote(rt, "relentless and indiscriminate", "UN", "UN statement"),
            quote(rt, "Those who argue that this is meant to relieve the siege of eastern Aleppo should be reminded that nothing justifies the use of disproportionate, indiscriminate [attacks,] including heavy weapons on civilian areas and it could amount to war crimes,", MISTURA, "de Mistura said"),
            quote(rt, "use of heavy airpower on civilian areas.", MISTURA, "The special envoy"),
            quote(rt, "shells containing poison gases", "SANA", "SANA"),
            quote(rt, "on a number of attacks in Aleppo that targeted schools", "Russian Defense Ministry", "Russian Defense Ministry", direct=False),
            quote(rt, "These are groups supported by the US and other Western countries", "Jim Jatras", "Jatras"),
        ],
        quantities=[
            qty(rt, "scores of civilians", 20, 99, "civilians", "killed", "over the last 48 hours", [48, 48], "Aleppo", "de Mistura’s office"),
            qty(rt, "Scores of civilians", 20, 99, "civilians", "killed", None, None, "western districts of Aleppo", "UN statement"),
            qty(rt, "hundreds of others", 200, 999, "others", "wounded", None, None, "western districts of Aleppo", "UN statement"),
            qty(rt, "36 cases of suffocation", 36, 36, "cases", "suffocation", None, None, "Aleppo", "RT Arabic"),
            qty(rt, "at least three children", 3, None, "children", "killed", "in the period of 24 hours", [24, 24], "Aleppo", "Russian Defense Ministry"),
            qty(rt, "Twelve more people", 12, 12, "people", "died", None, None, "Al-Mashariq district", "Russian Defense Ministry"),
            qty(rt, "3,532 military personnel", 3532, 3532, "military personnel", "killed", "From February to September", [5000, 5900], None, "Russia's Permanent Mission"),
            qty(rt, "12,800 civilians", 12800, 12800, "civilians", "killed", "From February to September", [5000, 5900], None, "Russia's Permanent Mission"),
        ],
    )


def rewrite_claims(rw: Article) -> ArticleClaims:
    return ArticleClaims(
        rw.id,
        quotes=[
            quote(rw, "appalled and shocked by the high number of rockets indiscriminately launched by armed opposition groups", MISTURA, MISTURA),
            quote(rw, " relentless and indiscriminate", MISTURA, "de Mistura’s office"),
            quote(rw, "Those who argue that this is meant to relieve the siege of eastern Aleppo should be reminded that nothing justifies the use of disproportionate, indiscriminate [attacks,] including heavy weapons on civilian areas and it could amount to war crimes,", MISTURA, "de Mistura said"),
            quote(rw, " a shocking disregard for civilian lives ", "Amnesty International", "Amnesty International"),
            quote(rw, " The goal of breaking the siege on eastern Aleppo does not give armed opposition groups a license", "Samah Hadid", "Samah Hadid"),
        ],
        quantities=[
            qty(rw, "hundreds of civilians", 200, 999, "civilians", "killed", "during recent weeks", [168, 1344], "Aleppo"),
            qty(rw, "almost 100 civilians", 90, 100, "civilians", "killed", "in 3 days", [72, 72], "western Aleppo"),
            qty(rw, "killing 3", 3, 3, None, "killed", None, None, "western Aleppo"),
            qty(rw, "40 civilians", 40, 40, "civilians", "injured", None, None, "western Aleppo"),
            qty(rw, "over 300 times", 301, None, "violations", "violated", "in the first two weeks", [336, 336], None, "SANA"),
            qty(rw, "more than 300 civilian deaths", 301, None, "civilians", "deaths", "in recent weeks", [168, 1344], None, "Amnesty International"),
            qty(rw, "more than 80 troops", 81, None, "troops", "killed", None, None, "Deir Ezzor"),
            qty(rw, "over 100 others", 101, None, "others", "wounded", None, None, "Deir Ezzor"),
        ],
    )


class SeedReuse:
    """What the reuse stage is expected to give for the seeds: the shared quotation, the variant
    "[attacks,]" as a fingerprint and the edge RT -> rewrite."""

    def __init__(self, rt: Article, rw: Article) -> None:
        q = "“Those who argue that this is meant to relieve the siege"
        a0, _ = at(rt, q)
        b0, _ = at(rw, q)
        a1 = rt.text.index("de Mistura said.", a0) + len("de Mistura said.")
        b1 = rw.text.index("de Mistura said.", b0) + len("de Mistura said.")
        first = "United Nations Special Envoy for Syria Staffan de Mistura"
        fa0, fb0 = at(rt, first)[0], at(rw, first)[0]
        fa1, fb1 = at(rt, "opposition groups”")[1], at(rw, "opposition groups”")[1]
        self.pairs = [
            ArticlePair(
                rt.id,
                rw.id,
                [
                    SharedPassage(fa0, fa1, fb0, fb1, "near_verbatim", 0.9, rt.text[fa0:fa1], rw.text[fb0:fb1]),
                    SharedPassage(a0, a1, b0, b1, "verbatim", 1.0, rt.text[a0:a1], rw.text[b0:b1]),
                ],
            )
        ]
        ra, rb = at(rt, "[attacks,]"), at(rw, "[attacks,]")
        self.variants = [
            QuoteVariants(
                [rt.text[a0:a1]],
                [rt.id, rw.id],
                [Span.of(rt, a0, a1), Span.of(rw, b0, b1)],
                ["[attacks,]"],
                MISTURA,
            )
        ]
        self.provenance = [
            ProvenanceEdge(rt.id, rw.id, 0.9, [{"type": "fingerprint", "text": "[attacks,]", "spans": [list(ra), list(rb)]}])
        ]
