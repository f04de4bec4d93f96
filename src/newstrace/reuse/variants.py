"""Quote variants: one quotation as carried by several articles, and the rare shared wordings.

Quotations linked by an aligned passage (or by the quote matcher in ``align``) are grouped with a
union-find. Inside a group, a wording two articles share but the quoted person did not say is a
*fingerprint* of copying: an editorial insertion in brackets ("[attacks,]"), an ellipsis cut, or,
when three or more articles carry the quote, a wording only some of them have. Two outlets that
each transcribed the speaker would not both invent it, so a shared fingerprint says one took the
quote from the other (or both from one intermediary), not from the speaker.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher

from newstrace.abbreviations import is_abbreviation
from newstrace.claims.lexicon import CUE_FORMS, TITLE_WORDS
from newstrace.claims.speakers import OPENING_WORDS, full_name
from newstrace.disjoint import DisjointSets
from newstrace.model import ArticleClaims, ArticlePair, QuoteVariants, Span
from newstrace.reuse.align import Prepared
from newstrace.reuse.text import TOKEN_RE, QuoteSpan, norm_word
from newstrace.spans import overlap

_BRACKET = re.compile(r"\[[^\[\]\n]{1,60}\]")
_ELLIPSIS = re.compile(r"\S*\s?(?:…|\.\.\.)\s?\S*")
# a particle is a whole word ("di", not the start of "director"); a capitalised pronoun opening
# the next sentence ('." It added') names nobody. A word may end in a full stop ('Mr. Khan said',
# 'said Sen. Tom Udall', 'said Robert P. Casey Jr.'), which ``_name`` keeps only where it is no
# sentence's end; a name's words are as many as it has ('said Senate Minority Whip Dick Durbin'),
# on one line. The window after a quotation opens past its closing mark, one character: NYT's
# doubled apostrophe ("fear-mongering,'' Mr. Khan said") leaves the second, which closes (no word
# follows it: "'' ''Donald Trump said he has made ...'' Ms. Khan said" opens the next quotation)
_PARTICLE = r"(?:(?:de|al|el|van|von|bin|da|di)(?:-[A-Z][\w’'-]*)?(?![\w’'-]))"  # 'Khairalla al-Jabbouri'
_WORD = r"[A-Z][\w’'-]*(?:\.[A-Za-z][\w’'-]*)*\.?"
# a rank's grade, an ordinal before it ('said Air Force 1st Lt. Tyler Livingston' was 'Air Force')
_GRADE = r"\d+(?:st|nd|rd|th)(?=[^\S\n]+(?:Lt|Lieutenant|Sgt|Sergeant|Class)\b)"
_NAME = (
    rf"(?!(?:He|She|It|They|We|I)\b)(?:{_PARTICLE}[^\S\n]+)?{_WORD}"
    rf"(?:[^\S\n]+(?:{_PARTICLE}|{_WORD}|{_GRADE}))*"
)
# "said Observatory director Rami Abdel Rahman": the person after a body's role word. As the claims
# stage reads it (``claims.quotes``, a lower-case noun right before a run of two or more capitalised
# words: 'said Republican party boss Reince Priebus' is Reince Priebus, not 'Republican'), without
# the parse's part of speech: a lower-case word no preposition, article, conjunction or verb ends the
# phrase at ('said Trump on Fox News Sunday' is Trump)
_ROLE = "|".join(sorted((re.escape(w) for w in TITLE_WORDS), key=len, reverse=True))
_CLOSED = (r"(?:in|at|on|to|for|of|with|from|by|about|during|after|before|as|into|over|under|and|or|but|"
           r"who|which|that|when|while|than|if|the|a|an|his|her|their|its|this|last|next|is|was|has|had|"
           r"will|would|said|says|told|added|wrote|stated|one|another|some|many|several|both|each|every|other)"
           r"(?![\w’'-])")
_LOWER_ROLE = (rf"(?:(?!{_CLOSED})[a-z][\w’'-]*[^\S\n]+){{0,3}}(?!{_CLOSED})[a-z][\w’'-]*,?[^\S\n]+"
               rf"(?=(?:{_WORD})[^\S\n]+[A-Z])")
_SPEAKER_AFTER = re.compile(
    r"^(?:'+(?![\w']))?[\s,.;:]*(?:(?:he|she|they|it)\s+(?:said|says|added|stated|told)|"
    rf"(?:said|says|added|stated|wrote|told\s+\w+)\s+(?:(?:{_NAME}[^\S\n]+)?{_LOWER_ROLE}({_NAME})"
    rf"(?![\w’'-]|[^\S\n]+(?:[A-Z]|(?!{_CLOSED})[a-z]))|(?:{_NAME}\s+(?:{_ROLE})\s+)?({_NAME}))|"
    rf"({_NAME})\s+(?:said|says|added|stated|wrote|told))"
)
#: the name after 'and' that a title before it shares ('Gov. and Democratic National Committee Chairman Ed Rendell')
_TITLED_AFTER_AND = re.compile(rf"[^\S\n]+and[^\S\n]+({_NAME})")
_NAME_WORD = re.compile(r"\S+")
#: the words of a name up to its last possessive and the space after it ("Forbes' Gordon Kelly" too)
_POSSESSIVE = re.compile(r".*(?:[’']s|s[’'])\s+(?=[A-Z])", re.S)
#: a name's words that are none of it: words opening a sentence ('Although Reynolds says', '"... So
#: says a booming voice'), an adjective of place ('Texas-based Matt Mackowiak') and what stands before
#: an honorific ('Bewildered Ms Yen told'), each with the space after it
_NOT_NAME = re.compile(
    rf"(?:(?:{'|'.join(sorted(OPENING_WORDS | {'Another', 'Others'}))}|[A-Z][\w’']*-(?:based|born))[^\S\n]+"
    r"|(?:[A-Z][\w’'-]*[^\S\n]+)+(?=(?:Mr|Mrs|Ms|Miss|Dr)\.?[^\S\n]+[A-Z]))*")
#: a name's owner, whose role the words after it say ('said Rubio’s deputy campaign manager'): no speaker
_OWNER = re.compile(r"[’']s?$")
#: a he or she beside a word, for a cue of theirs ('she said', 'said he'), or opening the paragraph ('He added: “')
_PRONOUN_BESIDE = re.compile(r"(?<![\w’'-])(?:(?:[Hh]e|[Ss]he)[^\S\n]+([a-z]+)|([a-z]+)[^\S\n]+(?:he|she)(?![\w’'-]))")


def _told_before(text: str, q: QuoteSpan, name: str) -> bool:
    """Whether the paragraph after the one a quotation closes, opening with ``name`` and a speech verb,
    goes on with the quotation's speaker: the quotation opens its paragraph with no one named before it,
    its paragraph names ``name`` (its last word) before it, or gives it to a he or she after a paragraph
    that names ``name``. Else someone else is quoted ('Rubio said. "Now you want to trump Trump ..." ¶
    Cruz said both he and Rubio promised ...' is Rubio's): the next paragraph's subject is another's news."""
    start = text.rfind("\n", 0, q.start) + 1
    before = text[start:q.start]
    if not before.strip(" \t\"'“”‘’\xa0"):
        return True
    # (after a particle's hyphen too: 'Hisham al-Hashimi ... pointed Al-Monitor to “...” ¶ Hashimi said')
    said = re.compile(rf"(?<![\w’']){re.escape(name.split()[-1])}(?![\w’'-])")
    if said.search(before):
        return True
    if before.startswith(("He ", "She ")) or any((m.group(1) or m.group(2)) in CUE_FORMS
                                                 for m in _PRONOUN_BESIDE.finditer(before)):
        end = len(text[:start].rstrip())
        return said.search(text, text.rfind("\n", 0, end) + 1, start) is not None
    return False


def _name(window: str, start: int, end: int, whole: bool) -> str | None:
    """The name of ``window[start:end]`` up to the first full stop that ends a sentence (the shared
    test, ``abbreviations.is_abbreviation``: 'said Mr. Fletcher.  The Canadian Press' is 'Mr.
    Fletcher'), and after the last possessive ('The Washington Post’s David Ignatius' is David
    Ignatius); with ``whole``, a name a speech verb follows, none when a sentence ends inside it."""
    for m in _NAME_WORD.finditer(window, start, end):
        word = m.group()
        if word.endswith(".") and not is_abbreviation(word[:-1], window[m.end():]):
            if whole and m.end() < end:
                return None
            end = m.end() - 1
            break
    name = window[start:end]
    owner = _POSSESSIVE.match(name)
    return name[owner.end():] if owner else name


def _words(text: str) -> list[str]:
    return [norm_word(m.group()) for m in TOKEN_RE.finditer(text)]


def speaker_near(text: str, q: QuoteSpan) -> str | None:
    """The name in "..., X said" / "said X" right after a quote; a cheap label, not attribution
    (the claims stage's parse would cost ``reuse`` the spaCy model), but named in full as claims
    names it: "de Mistura said" is "Staffan de Mistura" where the text gives the first name."""
    window = text[q.end + 1 : q.end + 80]
    m = _SPEAKER_AFTER.match(window)
    if m is None or m.lastindex is None:
        return None
    start, end = m.start(m.lastindex), m.end(m.lastindex)
    name = _name(window, start, end, whole=m.lastindex == 3)
    if name and name.split()[-1].lower() in TITLE_WORDS and name.endswith("."):
        # an abbreviated title ends no one's name: 'said former Pennsylvania Gov. and Democratic National
        # Committee Chairman Ed Rendell' is the name after the second title, read past the window
        at = q.end + 1 + end
        more = _TITLED_AFTER_AND.match(text, at, at + 120)
        if more is None:
            return None
        start, name = more.start(1) - q.end - 1, _name(text, more.start(1), more.end(1), whole=False)
    if not name:
        return None
    if name in OPENING_WORDS or name in ("Another", "Others"):
        # 'So says a booming voice', but not '... government," From said' (Al From) inside its sentence
        before = text[q.end - 1] + window[:start]
        return None if "\n" in before or before.rstrip("’'\"” ")[-1:] in (".", "!", "?") else \
            full_name(text, name, q.end + 1 + start)
    if _OWNER.search(name):
        return None  # 'said Plant’s publicist to the Guardian': the owner is not who spoke
    lead = _NOT_NAME.match(name)
    if lead and lead.end():
        start, name = start + lead.end(), name[lead.end():]
    if "\n" in window[:start] and not _told_before(text, q, name):
        return None  # a name opening the next paragraph is no tag of a quotation someone else was given
    return full_name(text, name, q.end + 1 + start)


def _nearest(
    wi: tuple[str, ...], distinct: list[tuple[str, ...]], counts: list[Counter[str]]
) -> SequenceMatcher[str] | None:
    """difflib's matcher of ``wi`` and the other wording of highest ``ratio()``, the first of equals.

    The words a wording lacks are read off difflib's opcodes, not an LCS alignment (rapidfuzz's
    ``Indel.opcodes``): difflib keeps a run like "month ago the al zinki group was alleged of using
    chlorine gas" whole, where a longest common subsequence breaks it at a "the" and an "of"
    matched elsewhere (1,194 of the 9,964 wording pairs of a 3,000-article corpus read otherwise).
    Trying every wording was most of the cost, so the words two wordings have in common (with
    repeats; ``counts[k]`` is ``Counter(distinct[k])``) bound the ratio from above, as difflib's
    ``quick_ratio`` does: wordings are tried from the highest bound down until none can beat the
    best ratio found. The choice is the one trying all of them makes.
    """
    bounds: list[tuple[float, int]] = []
    ci = Counter(wi)
    for k, wj in enumerate(distinct):
        if wj != wi:
            total = len(wi) + len(wj)
            common = sum((ci & counts[k]).values())
            bounds.append((-(2.0 * common / total if total else 1.0), k))
    bounds.sort()
    best: SequenceMatcher[str] | None = None
    best_ratio, best_k = -1.0, -1
    for neg_bound, k in bounds:
        if -neg_bound < best_ratio:
            break
        sm = SequenceMatcher(None, wi, distinct[k], autojunk=False)
        r = sm.ratio()
        if r > best_ratio or (r == best_ratio and k < best_k):
            best, best_ratio, best_k = sm, r, k
    return best


def _differences(texts: list[str]) -> list[tuple[int, str]]:
    """Words of each variant that its nearest other wording lacks: ``(member, words)``.

    Compared per distinct wording (a quote carried by 50 articles has a handful of wordings), so
    the cost does not grow with the square of the members.
    """
    words = [tuple(_words(t)) for t in texts]
    distinct = sorted(set(words))
    diffs: dict[tuple[str, ...], list[str]] = {}
    counts = [Counter(w) for w in distinct]
    for wi in distinct:
        best = _nearest(wi, distinct, counts)
        diffs[wi] = []
        if best is None:
            continue
        for tag, i1, i2, _, _ in best.get_opcodes():
            if tag in ("replace", "delete") and i2 > i1:
                diffs[wi].append(" ".join(wi[i1:i2]))
    return [(i, d) for i, w in enumerate(words) for d in diffs[w]]


def variant_differences(v: QuoteVariants) -> list[dict[str, str]]:
    """The words each article's wording has that the nearest other wording lacks (JSON-ready)."""
    return [{"article": v.articles[i], "words": words} for i, words in _differences(v.texts)]


def _claimed_speaker(claims: Mapping[str, ArticleClaims], article: str, q: QuoteSpan) -> str | None:
    """The speaker the claims stage gives the quotation at ``q``, when it was run."""
    c = claims.get(article)
    if c is None:
        return None
    return next((x.speaker for x in c.quotes if x.speaker and overlap(x.start, x.end, q.start, q.end)), None)


def group_variants(
    prepared: Sequence[Prepared],
    index: dict[str, int],
    pairs: Sequence[ArticlePair],
    claims: Mapping[str, ArticleClaims] | None = None,
) -> list[QuoteVariants]:
    """Group the quotations linked by shared passages and mark the fingerprints of each group.

    With ``claims`` (by article id; ``compare`` has them), a group's speaker is the one the claims
    stage names; without, the cheap label after the quote, so ``reuse`` needs no parse."""
    uf: DisjointSets[tuple[int, int]] = DisjointSets()
    for pair in pairs:
        ia, ib = index[pair.a], index[pair.b]
        qa_list, qb_list = prepared[ia].quotes, prepared[ib].quotes
        if not qa_list or not qb_list:
            continue
        for p in pair.shared:
            for xa, qa in enumerate(qa_list):
                oa = overlap(qa.start, qa.end, p.a_start, p.a_end)
                if oa is None:
                    continue
                for xb, qb in enumerate(qb_list):
                    ob = overlap(qb.start, qb.end, p.b_start, p.b_end)
                    if ob is None:
                        continue
                    # the two overlaps must be the same stretch of the passage
                    ra = (oa[0] - p.a_start, oa[1] - p.a_start)
                    rb = (ob[0] - p.b_start, ob[1] - p.b_start)
                    # edits inside the passage shift positions by at most its length difference
                    slack = abs((p.a_end - p.a_start) - (p.b_end - p.b_start))
                    common = min(ra[1], rb[1] + slack) - max(ra[0], rb[0] - slack)
                    shorter = min(ra[1] - ra[0], rb[1] - rb[0])
                    if shorter < 12 or common < 0.5 * shorter:
                        continue
                    uf.union((ia, xa), (ib, xb))
    result: list[QuoteVariants] = []
    for members in uf.groups():
        members.sort()
        if len({m[0] for m in members}) < 2:
            continue
        spans: list[Span] = []
        texts: list[str] = []
        arts: list[str] = []
        speaker: str | None = None
        for ai, qi in members:
            pr = prepared[ai]
            q = pr.quotes[qi]
            spans.append(Span(pr.id, q.start, q.end, pr.text[q.start : q.end]))
            texts.append(pr.text[q.start : q.end])
            arts.append(pr.id)
            if claims is not None:
                speaker = speaker or _claimed_speaker(claims, pr.id, q)
        if speaker is None:
            for ai, qi in members:
                speaker = speaker or speaker_near(prepared[ai].text, prepared[ai].quotes[qi])
        result.append(
            QuoteVariants(
                texts, arts, spans, fingerprints=_fingerprints(texts, arts), speaker=speaker
            )
        )
    result.sort(key=lambda v: (index[v.articles[0]], v.spans[0].start))
    return result


def _fingerprints(texts: list[str], arts: list[str]) -> list[str]:
    """Wordings shared by at least two articles that mark a copy rather than the speaker's words."""
    n_articles = len(set(arts))
    found: dict[str, set[str]] = defaultdict(set)
    for t, a in zip(texts, arts, strict=True):
        for m in _BRACKET.finditer(t):
            found[m.group()].add(a)
        for m in _ELLIPSIS.finditer(t):
            found[m.group().strip()].add(a)
    if n_articles >= 3:
        holders: dict[str, set[str]] = defaultdict(set)
        for member, words in _differences(texts):
            holders[words].add(arts[member])
        for words, who in holders.items():
            if 2 <= len(who) < n_articles:
                found[words] |= who
    marks = [k for k, who in found.items() if len(who) >= 2]
    # a word difference that is the inside of a shared bracket ("attacks" of "[attacks,]") is one mark
    return sorted(k for k in marks if not any(k != m and m.startswith("[") and k in m.lower() for m in marks))
