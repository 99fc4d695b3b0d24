"""Shared by the analysis tests: the hand-built records of tests/store/dyad_fakes.py and the
Iraq-Syria article of analyze_fakes.py in a database."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from analyze_fakes import CODED, SENTENCES
from dyad_fakes import article

from dyad.store import Store


@pytest.fixture(scope="session")
def iraq_syria_db(tmp_path_factory) -> Path:
    """A database holding the Iraq-Syria article (written once; tests read it)."""
    path = tmp_path_factory.mktemp("brief") / "b.duckdb"
    with Store(path) as opened:
        opened.write(article("rel", SENTENCES, CODED, published="2025-01-25"))
    return path


@pytest.fixture(scope="session")
def iraq_syria_store(iraq_syria_db):
    with Store(iraq_syria_db, read_only=True) as opened:
        yield opened
