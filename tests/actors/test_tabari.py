"""The PETRARCH/TABARI dictionary reader and loading user dictionaries into the knowledge base."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dyad.actors import DataFileError, load_knowledge_base
from dyad.actors.tabari import DatedCode, load, parse_code, read_dictionary, readable_name

# Entries written for this test (not copied from any dictionary).
ACTORS = """\
# A dictionary of our own
ZORAN_VELIKOV_  # CountryInfo.txt
+PRESIDENT_VELIKOV_
+VELIKOV_
\t[SRBELI 800101-991231]
\t[SRBGOV >000101]
\t[SRBELI]
NORTHERN_WATCH_BRIGADES_ [MLIREB]  # a group
+NWB_
TIMBUKTU_ROAD_COUNCIL_\t[IGOAFR 100101-101231][IGOWAF >110101]
OLD_GUARD_UNION [USRLAB <900823]
"""
AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
SCHOOLTEACHER [~EDU]
FERRY!PERSON! [~BUS]
MILITIA_COMMANDER {MILITIA_COMMANDERS, MILITIA_CHIEFS} [~UAF]
RIOT_POLICE {} [~COP]
"""


def write(tmp_path: Path, text: str, name: str = "mine.actors.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_synonyms_and_dated_codes(tmp_path: Path):
    dictionary = load(write(tmp_path, ACTORS))
    velikov, brigades, council, union = dictionary.actors
    assert velikov.names == ("ZORAN_VELIKOV_", "PRESIDENT_VELIKOV_", "VELIKOV_")
    assert velikov.note == "CountryInfo.txt"
    assert velikov.codes == (
        DatedCode("SRBELI", dt.date(1980, 1, 1), dt.date(1999, 12, 31)),
        DatedCode("SRBGOV", dt.date(2000, 1, 1), None),
        DatedCode("SRBELI"),
    )
    assert brigades.names == ("NORTHERN_WATCH_BRIGADES_", "NWB_")
    assert [c.code for c in council.codes] == ["IGOAFR", "IGOWAF"]
    assert union.codes == (DatedCode("USRLAB", None, dt.date(1990, 8, 22)),)


@pytest.mark.parametrize("bracket, expected", [
    ("SYRGOV", DatedCode("SYRGOV")),
    ("SYRGOV >000717", DatedCode("SYRGOV", dt.date(2000, 7, 17))),
    ("SYRGOV > 20130918", DatedCode("SYRGOV", dt.date(2013, 9, 18))),
    ("IRQ <20030320", DatedCode("IRQ", None, dt.date(2003, 3, 19))),
    ("AFGELI 320101-331108", DatedCode("AFGELI", dt.date(1932, 1, 1), dt.date(1933, 11, 8))),
    ("~COP", DatedCode("COP")),
], ids=["plain", "after", "after-8-digits", "before", "range-1900s", "agent"])
def test_code_brackets(bracket, expected):
    assert parse_code(bracket) == expected


@pytest.mark.parametrize("raw, name", [
    ("BASHAR_AL-ASSAD_", "Bashar al-Assad"), ("AL_QAEDA_", "Al Qaeda"),
    ("NATO_", "NATO"), ("U.N._", "U.N."), ("THE_UNITED_NATIONS_", "The United Nations"),
])
def test_readable_names(raw, name):
    assert readable_name(raw) == name


def test_agents_with_substitutions_and_plurals(tmp_path: Path):
    agents = {a.phrases[0]: a for a in load(write(tmp_path, AGENTS)).agents}
    assert agents["schoolteacher"].phrases == ("schoolteacher", "schoolteachers")
    assert agents["schoolteacher"].code == "EDU"
    assert agents["ferryman"].phrases == ("ferryman", "ferrymen", "ferrywoman", "ferrywomen")
    assert agents["militia commander"].phrases == (
        "militia commander", "militia commanders", "militia chiefs")
    assert agents["riot police"].phrases == ("riot police",)


@pytest.mark.parametrize("text, line, problem", [
    ("+ORPHAN_SYNONYM_\n", 1, "before any entry"),
    ("NOBODY_\n+NOBODY_ELSE_\nSOMEBODY_ [SRB]\n", 1, "has no [CODE]"),
    ("X_ [SRBGOV 991301-000101]\n", 1, "not a YYMMDD"),
    ("X_ [SRBGOV 050101-040101]\n", 1, "ends"),
    ("X_ [srbgov]\n", 1, "not a code"),
    ("POLICE [~COP}\n", 1, "malformed agent code"),
], ids=["orphan-synonym", "no-code", "bad-date", "reversed-range", "lower-case", "bad-bracket"])
def test_problems_name_file_and_line(tmp_path: Path, text, line, problem):
    path = write(tmp_path, text)
    assert any(p.startswith(f"{path}:{line}: ") and problem in p
               for p in read_dictionary(path).problems)
    with pytest.raises(DataFileError, match=re.escape(problem)):
        load(path)


def test_latin1_dictionary_is_read(tmp_path: Path):
    path = tmp_path / "old.txt"
    path.write_bytes("JOS\xc9_DA_SILVA_ [BRAGOV]\n".encode("latin-1"))
    assert readable_name(load(path).actors[0].names[0]) == "José da Silva"


def test_user_dictionary_loads_people_groups_and_agents(tmp_path: Path):
    kb = load_knowledge_base([write(tmp_path, ACTORS), write(tmp_path, AGENTS, "agents.txt")])
    assert kb.actor_at("person.zoran-velikov", dt.date(2010, 1, 1)).code == "SRBGOV"
    assert kb.actor_at("person.zoran-velikov", dt.date(1990, 1, 1)).code == "SRBELI"
    group = kb.get("group.northern-watch-brigades")
    assert (group.code, group.country, group.sector) == ("MLIREB", "MLI", "REB")
    assert kb.agents["schoolteachers"][0] == "EDU"


def test_user_dictionary_from_environment(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("DYAD_ACTORS", str(write(tmp_path, ACTORS)))
    assert load_knowledge_base().get("group.northern-watch-brigades") is not None


def test_a_file_given_as_flag_and_in_the_environment_is_read_once(tmp_path: Path, monkeypatch):
    path = write(tmp_path, ACTORS)
    monkeypatch.setenv("DYAD_ACTORS", str(path))
    assert load_knowledge_base([path]).get("group.northern-watch-brigades") is not None
