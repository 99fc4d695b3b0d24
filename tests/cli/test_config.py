import os
from pathlib import Path

import pytest

from dyad.config import ConfigError, Settings, load_settings, settings_markdown, settings_table


@pytest.fixture
def toml(tmp_path):
    path = tmp_path / "dyad.toml"
    path.write_text('db = "from-file.duckdb"\nmin_confidence = 0.3\nmax_bytes = 1000\n')
    return path


def test_defaults_without_file_env_or_flags(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(env={})
    assert settings == Settings()
    assert settings.db == Path("dyad.duckdb")
    assert (settings.min_confidence, settings.include_flagged) == (0.0, True)


def test_precedence_file_then_environment_then_flags(toml):
    env = {"DYAD_DB": "from-env.duckdb", "DYAD_MIN_CONFIDENCE": "0.5"}
    settings = load_settings(toml, env=env, overrides={"db": "from-flag.duckdb", "max_bytes": None})
    assert settings.db == Path("from-flag.duckdb")  # flag beats env and file
    assert settings.min_confidence == 0.5  # env beats file
    assert settings.max_bytes == 1000  # file beats default; flag not given


def test_dyad_toml_in_the_current_folder_is_read(toml, monkeypatch):
    monkeypatch.chdir(toml.parent)
    assert load_settings(env={}).db == Path("from-file.duckdb")


def test_actor_files_from_the_environment_split_on_pathsep():
    env = {"DYAD_ACTORS": os.pathsep.join(["a.tsv", "b.toml"])}
    assert load_settings(env=env).actor_files == (Path("a.tsv"), Path("b.toml"))


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DYAD_MIN_CONFIDENCE": "high"}, "$DYAD_MIN_CONFIDENCE: setting 'min_confidence'"),
        ({"DYAD_INCLUDE_FLAGGED": "maybe"}, "expected true or false"),
        ({"DYAD_MIN_CONFIDENCE": "2"}, "min_confidence must be in [0, 1]"),
    ],
    ids=["not-a-number", "not-a-bool", "out-of-range"],
)
def test_bad_values_name_their_source(env, message):
    with pytest.raises(ConfigError) as error:
        load_settings(env=env)
    assert message in str(error.value)


def test_missing_config_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", env={})


def test_bad_toml_names_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("db = \n")
    with pytest.raises(ConfigError, match=r"broken\.toml: not valid TOML"):
        load_settings(path, env={})


def test_every_setting_has_help_and_appears_in_the_docs_table():
    table = settings_table()
    assert [info.name for info in table] == list(Settings.__dataclass_fields__)
    markdown = settings_markdown()
    for info in table:
        assert info.help
        assert f"`{info.flag}`" in markdown and f"`{info.env}`" in markdown


def test_the_settings_doc_is_up_to_date():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "settings.md").read_text()
    table = doc.split("<!-- settings -->\n")[1].split("<!-- /settings -->")[0]
    assert table == settings_markdown(), "docs/settings.md is stale: run `make docs`"
