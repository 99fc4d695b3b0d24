"""The cache of the built knowledge base: same result as a build, rebuilt when anything it was
built from changes, never required."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dyad.actors import cache, find_mentions, kb, load_knowledge_base, recognize
from dyad.records import Article

PEOPLE = ("id\tname\tcode\taliases\tshort\n"
          "person.tarek-haddad\tTarek Haddad\tLBNGOV\tTarek al-Haddad\tHaddad\n")
TEXT = "Tarek al-Haddad met Syrian officials in Damascus. Haddad spoke to the army."


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and no knowledge base loaded yet in this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache._load.cache_clear()
    yield tmp_path / "cache" / "dyad"
    cache._load.cache_clear()


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "mine" / "people.tsv"
    path.parent.mkdir()
    path.write_text(PEOPLE, encoding="utf-8")
    return path


def fresh_load(*paths: Path) -> kb.KnowledgeBase:
    """Loaded as a new process would: nothing remembered in memory."""
    cache._load.cache_clear()
    return load_knowledge_base(paths)


def cached_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("actors-*.pickle"))


def mentions(blank_nlp, knowledge_base: kb.KnowledgeBase) -> list[tuple[str, str, str]]:
    article = Article("d", TEXT, published=dt.date(2025, 1, 2))
    return [(m.text, m.actor.id, m.actor.code) if m.actor else (m.text, "", "")
            for m in find_mentions(blank_nlp(TEXT), article, knowledge_base)]


def forbid_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("built although the cache holds it")

    monkeypatch.setattr(kb, "build_knowledge_base", fail)
    monkeypatch.setattr(recognize, "build_tables", fail)


def test_a_cached_load_equals_the_build(cache_home, user_file, blank_nlp, monkeypatch):
    built = fresh_load(user_file)
    assert len(cached_files(cache_home)) == 1
    forbid_building(monkeypatch)
    loaded = fresh_load(user_file)
    assert loaded is not built
    for field in ("actors", "countries", "sectors", "offices", "roles", "names", "words",
                  "places", "place_names", "sector_aliases", "agents", "ethnic_groups"):
        assert getattr(loaded, field) == getattr(built, field), field
    assert mentions(blank_nlp, loaded) == mentions(blank_nlp, built)
    assert ("Tarek al-Haddad", "person.tarek-haddad", "LBNGOV") in mentions(blank_nlp, loaded)


def test_a_changed_user_file_is_built_again(cache_home, user_file, blank_nlp):
    fresh_load(user_file)
    user_file.write_text(PEOPLE.replace("LBNGOV", "LBNMIL"), encoding="utf-8")
    assert fresh_load(user_file).get("person.tarek-haddad").code == "LBNMIL"
    assert len(cached_files(cache_home)) == 2


def test_a_file_added_to_a_user_folder_is_built_again(cache_home, user_file):
    fresh_load(user_file.parent)
    (user_file.parent / "more.tsv").write_text(
        PEOPLE.replace("tarek-haddad\tTarek Haddad\tLBNGOV\tTarek al-Haddad\tHaddad",
                       "rana-aziz\tRana Aziz\tLBNLEG\t\t"), encoding="utf-8")
    assert fresh_load(user_file.parent).get("person.rana-aziz") is not None


def test_the_key_covers_paths_contents_and_code(user_file, monkeypatch):
    files = kb.source_files((user_file,))
    key = cache.cache_key(files)
    assert cache.cache_key(files) == key
    assert cache.cache_key(files[:-1]) != key
    user_file.write_text(PEOPLE + "\n", encoding="utf-8")
    changed = cache.cache_key(files)
    assert changed != key
    monkeypatch.setattr(cache, "SOURCE_MODULES", cache.SOURCE_MODULES[1:])  # as new code would
    assert cache.cache_key(files) != changed


@pytest.mark.parametrize("content", [b"not a pickle", b"\x80\x05K\x01.", None])
def test_a_corrupt_cache_file_is_built_again(cache_home, user_file, content):
    fresh_load(user_file)
    (path,) = cached_files(cache_home)
    if content is None:  # cut short, as by a full disk
        content = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(content)
    assert fresh_load(user_file).get("person.tarek-haddad") is not None
    assert cache._read(path) is not None  # written again, whole


def test_a_cache_folder_that_cannot_be_written_is_left_alone(tmp_path, monkeypatch, user_file):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert fresh_load(user_file).get("person.tarek-haddad") is not None
    cache._load.cache_clear()


def test_without_a_home_folder_nothing_is_cached(monkeypatch, user_file):
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(Path, "home", no_home)
    assert cache.cache_folder() is None
    assert fresh_load(user_file).get("person.tarek-haddad") is not None
    cache._load.cache_clear()


def test_the_least_recently_used_cache_files_are_dropped(cache_home, user_file, monkeypatch):
    monkeypatch.setattr(cache, "MAX_FILES", 2)
    keys = []
    for sector in ("GOV", "MIL", "GOV", "COP"):  # GOV used again before COP is added
        user_file.write_text(PEOPLE.replace("LBNGOV", "LBN" + sector), encoding="utf-8")
        keys.append(cache.cache_key(kb.source_files((user_file,))))
        fresh_load(user_file)
    assert [p.name for p in cached_files(cache_home)] == sorted(
        f"actors-{key}.pickle" for key in (keys[0], keys[3]))


def test_temporary_files_of_dead_writers_are_dropped(cache_home, user_file):
    cache_home.mkdir(parents=True)
    abandoned, live = cache_home / "actors-abandoned.tmp", cache_home / "actors-live.tmp"
    for path in (abandoned, live):
        path.write_bytes(b"half a pickle")
    an_hour_ago = time.time() - cache.ABANDONED_SECONDS - 1
    os.utime(abandoned, (an_hour_ago, an_hour_ago))
    fresh_load(user_file)
    assert not abandoned.exists() and live.exists()


def _write_pair(path: str) -> None:
    knowledge_base = load_knowledge_base()
    for _ in range(2):
        cache._write(Path(path), (knowledge_base, recognize.tables_for(knowledge_base)))


def test_concurrent_writers_leave_one_whole_file(cache_home):
    path = cache_home / "actors-shared.pickle"
    fresh_load()
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_write_pair, args=(str(path),)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [worker.exitcode for worker in workers] == [0] * 3
    loaded = cache._read(path)
    assert loaded is not None and loaded[0].get("person.bashar-al-assad") is not None
    assert not list(cache_home.glob("*.tmp"))
