"""One store per test session, ingested from the bundled example articles and the Iraq–Syria
articles of ``articles/`` (written for these tests), with the rule coder (fast, no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.cli.demo import examples_folder
from dyad.config import Settings
from dyad.ingest import FORMAT_BY_SUFFIX, expand_folders
from dyad.pipeline import Pipeline
from dyad.records import Skip
from dyad.serve.access import ServeConfig
from dyad.store import Store

ARTICLES = Path(__file__).parent / "articles"


def article_files() -> list[str]:
    folders = [str(examples_folder()), str(ARTICLES)]
    return [f for f in expand_folders(folders) if Path(f).suffix in FORMAT_BY_SUFFIX]


@pytest.fixture(scope="session")
def workbench_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("workbench") / "workbench.duckdb"
    settings = Settings(db=db, coder="rules")
    with Store(db) as store:
        for item in Pipeline(settings).run(article_files()):
            assert not isinstance(item, Skip), item
            store.write(item)
    return db


@pytest.fixture(scope="session")
def read_only_config(workbench_db: Path) -> ServeConfig:
    return ServeConfig(db=workbench_db)
