"""The knowledge base: coverage, dated roles, user files and validation messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pycountry
import pytest

from dyad.actors import DataFileError, find_mentions, load_knowledge_base
from dyad.records import Article


def test_every_iso_country_is_an_actor(kb):
    missing = [c.alpha_3 for c in pycountry.countries if kb.get(c.alpha_3.lower()) is None]
    assert missing == []


@pytest.mark.parametrize("iso3, sector, code", [
    ("IRQ", "GOV", "IRQGOV"), ("SYR", "MIL", "SYRMIL"), ("TUR", "SPY", "TURSPY"),
    ("IRQ", "UAF", "IRQUAF"),
])
def test_country_sector_actors(kb, iso3, sector, code):
    actor = kb.country_sector(iso3, sector)
    assert (actor.id, actor.code, actor.country, actor.sector) == (
        f"{iso3.lower()}.{sector.lower()}", code, iso3, sector)
    assert kb.get(actor.id) == actor


def test_capital_is_an_alias_of_the_government(kb):
    assert "Baghdad" in kb.country_sector("IRQ", "GOV").aliases


@pytest.mark.parametrize("when, code", [
    (dt.date(2015, 1, 1), "SYRREBNUS"), (dt.date(2020, 1, 1), "SYRREBHTS"),
    (dt.date(2024, 12, 20), "SYRGOV"), (dt.date(2025, 2, 1), "SYRGOV"), (None, "SYRGOV"),
], ids=["nusra", "hts", "de-facto-leader", "president", "undated"])
def test_person_code_is_the_role_at_the_date(kb, when, code):
    actor = kb.actor_at("person.ahmed-al-sharaa", when)
    assert actor.id == "person.ahmed-al-sharaa" and actor.code == code


@pytest.mark.parametrize("when, code", [
    (dt.date(2019, 6, 1), "AFGREB"), (dt.date(2024, 6, 1), "AFGGOV"),
], ids=["insurgency", "in-power"])
def test_a_group_that_took_power_has_the_role_of_the_date(mentions, when, code):
    found = mentions("The Taliban closed the schools.", published=when)
    assert [(m.actor.id, m.actor.code) for m in found] == [("group.taliban", code)]


def test_unknown_actor(kb):
    assert kb.get("person.nobody") is None
    with pytest.raises(KeyError):
        kb.actor_at("person.nobody", None)


@pytest.mark.parametrize("name, place", [
    ("Houl camp", "al-Hol camp"), ("al-Hol", "al-Hol camp"), ("Ghweiran prison", "Ghwayran prison"),
    ("Hasakah", "Hasakah"), ("Deir al-Zor", "Deir ez-Zor"), ("Damascus", "Damascus"),
    ("Syria", "Syria"), ("Rosh HaNikra", "Naqoura"), ("Ras Naqoura", "Naqoura"),
    ("Nabatiyeh", "Nabatieh"),
])
def test_find_place_knows_variants(kb, name, place):
    found = kb.find_place(name)
    assert found is not None and found.name == place


def test_capitals_have_coordinates(kb):
    damascus = kb.find_place("Damascus")
    assert damascus.country == "SYR"
    assert 33 < damascus.lat < 34 and 36 < damascus.lon < 37


PEOPLE = ("id\tname\tcode\taliases\tshort\n"
          "person.lina-qasim\tLina Qasim\tJORLEG\tLina al-Qasim\tQasim\n")
ROLES = ("person\tfrom\tto\tcode\toffice\n"
         "person.lina-qasim\t2024-01-01\t\tJORGOV\tforeign-minister\n")


def test_user_file_adds_actors_without_code(tmp_path: Path, blank_nlp):
    (tmp_path / "people.tsv").write_text(PEOPLE + "", encoding="utf-8")
    (tmp_path / "roles.tsv").write_text(ROLES, encoding="utf-8")
    kb = load_knowledge_base([tmp_path])
    text = "Lina al-Qasim arrived. Qasim met the press."
    found = find_mentions(blank_nlp(text), Article("d", text, published=dt.date(2025, 1, 2)), kb)
    assert [(m.text, m.actor.id, m.actor.code) for m in found] == [
        ("Lina al-Qasim", "person.lina-qasim", "JORGOV"),
        ("Qasim", "person.lina-qasim", "JORGOV")]


def test_user_files_come_from_the_environment(tmp_path: Path, monkeypatch):
    (tmp_path / "mine.tsv").write_text(PEOPLE, encoding="utf-8")
    monkeypatch.setenv("DYAD_ACTORS", str(tmp_path / "mine.tsv"))
    assert load_knowledge_base().get("person.lina-qasim") is not None


@pytest.mark.parametrize("content, line, problem", [
    ("id\tname\tcode\taliases\tshort\nperson.x\tX\tsyrgov\t\t\n", 2, "not CAMEO-style"),
    ("# comment\nid\tname\tcode\taliases\tshort\n\nperson.x\t\tSYRGOV\t\t\n", 4,
     "column 'name' is empty"),
    ("person\tfrom\tto\tcode\toffice\nperson.nobody\t2020-01-01\t\tSYRGOV\t\n", 2,
     "unknown person"),
    ("person\tfrom\tto\tcode\toffice\nperson.bashar-al-assad\t2020-13-01\t\tSYRGOV\t\n", 2,
     "not a YYYY-MM-DD date"),
    ("id\tname\tcode\taliases\tshort\nperson.x\tX\tSYRGOV\t\t\nperson.x\tY\tSYRGOV\t\t\n",
     3, "duplicate id"),
    ("id\tname\tcode\taliases\tshort\nperson.x\tX\tSYRGOV\t\t\textra\n", 2, "tab-separated"),
    ("name\tvariants\tcountry\tlat\tlon\tkind\nSomewhere\t\tSYR\t95\t10\tcity\n", 2,
     "outside"),
    ("who\twhat\n", 1, "unknown header"),
], ids=["bad-code", "empty-name", "unknown-person", "bad-date", "duplicate", "extra-cell",
        "bad-latitude", "unknown-header"])
def test_malformed_file_names_file_and_line(tmp_path: Path, content, line, problem):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_knowledge_base([path])
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert problem in str(error.value)


def test_missing_user_path_is_an_error(tmp_path: Path):
    with pytest.raises(DataFileError, match="no such actor file"):
        load_knowledge_base([tmp_path / "absent.tsv"])
