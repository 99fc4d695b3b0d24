"""Shared fixtures: the shipped language model and paths to the user's reference data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SHARED_DATA = SHARED / "data"


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """dyad's cache (the built knowledge base) in the test session's folder, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def nlp():
    """The trained pipeline shipped in the package: a missing model fails every test using it."""
    from dyad.nlp import load_language

    return load_language()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    return sorted(SEEDS.glob("*.txt"))
