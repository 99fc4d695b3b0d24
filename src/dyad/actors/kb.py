"""The actor knowledge base: countries, sectors, organizations, people with dated roles, places.

Everything is read from TSV files (``src/dyad/data/actors``, ``src/dyad/data/places``) plus any
files the user adds. A file's kind is recognised by its header line (see the README in
``src/dyad/data/actors``), so a user file may hold people, organizations, roles, aliases or
places without any code change. Files in the PETRARCH/TABARI dictionary format (``tabari.py``)
are read too.

Sources have ranks: the derived tables (``data/actors/derived``, imported from the Phoenix
dictionaries and CountryInfo) < dyad's hand-written tables < the user's files. A name written
the same way in two ranks belongs to the higher rank only, an id defined again in a higher rank
replaces the lower definition (and its roles), and a role from a higher rank is preferred when
naming an office holder. So user entries override bundled ones, and dyad's current hand
entries stay authoritative over the 2014 dictionaries.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from dyad.actors import tabari
from dyad.actors.tsv import DataFileError, Row, read_header, read_rows
from dyad.records import Actor, Location

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEFAULT_PATHS = (DATA_DIR / "actors", DATA_DIR / "places")
DERIVED_PATHS = (DATA_DIR / "actors" / "derived",)
DERIVED, HAND, USER = 0, 1, 2  # source ranks: a higher rank overrides a lower one
USER_PATHS_VARIABLE = "DYAD_ACTORS"  # os.pathsep-separated files or folders of extra TSV files

# How a name was written decides how much a match on it is trusted (see find_mentions).
CANONICAL, ALIAS, MT, SHORT, SHORT_MT = "canonical", "alias", "mt", "short", "short_mt"
COUNTRY, ADJECTIVE, DEMONYM, CAPITAL = "country", "adjective", "demonym", "capital"
MT_PREFIX = "mt:"
# Id prefix of a sector whose country is unknown ("sector.cop" for "police").
SECTOR_ONLY_PREFIX = "sector."

SCHEMAS: dict[tuple[str, ...], str] = {
    ("iso3", "name", "aliases", "adjectives", "demonyms", "capitals"): "countries",
    ("sector", "name", "nouns"): "sectors",
    ("office", "sector", "variants"): "offices",
    ("list", "words"): "words",
    ("id", "code", "name", "kind", "aliases", "short"): "organizations",
    ("id", "name", "code", "aliases", "short"): "people",
    ("person", "from", "to", "code", "office"): "roles",
    ("id", "aliases", "short"): "aliases",
    ("name", "variants", "country", "lat", "lon", "kind"): "places",
    ("agents", "sector"): "agents",
    ("iso3", "adjectives", "demonyms"): "country_words",
    ("ethnic", "country", "actor"): "ethnic_groups",
}
LOAD_ORDER = ("countries", "country_words", "sectors", "offices", "words", "agents",
              "organizations", "people", "roles", "aliases", "dictionaries", "ethnic_groups",
              "places")
ACTOR_KINDS = ("organization", "igo", "group", "party", "person")
DICTIONARY_SUFFIXES = (".txt", ".actors", ".agents", ".dict")


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sector:
    code: str
    name_template: str  # "Government of {country}"
    nouns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Office:
    key: str
    sector: str
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Role:
    start: dt.date
    end: dt.date | None  # inclusive; None while still in office
    code: str
    offices: tuple[str, ...]
    rank: int = HAND  # the source's rank: the higher one names an office holder

    def covers(self, when: dt.date) -> bool:
        return self.start <= when and (self.end is None or when <= self.end)


@dataclass(frozen=True, slots=True)
class Name:
    """One way of writing an actor's name, as found in the data."""

    text: str
    actor_id: str
    form: str  # CANONICAL, ALIAS, MT, SHORT, SHORT_MT, COUNTRY, ADJECTIVE, DEMONYM, CAPITAL
    rank: int = HAND


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A data file the knowledge base is built from: its kind (LOAD_ORDER) and rank."""

    kind: str
    rank: int
    path: Path


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity, so caches can key on it
class KnowledgeBase:
    actors: dict[str, Actor]
    countries: dict[str, Country]
    sectors: dict[str, Sector]
    offices: dict[str, Office]
    roles: dict[str, tuple[Role, ...]]
    names: tuple[Name, ...]
    words: dict[str, frozenset[str]]
    places: dict[str, Location]  # lower-cased name or variant -> place
    place_names: tuple[tuple[str, Location], ...]
    sector_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # role nouns after a country word ("Nigerian student" -> EDU): phrase -> (sector, rank)
    agents: dict[str, tuple[str, int]] = field(default_factory=dict)
    # "kurdish" -> ((country the story names, actor id), ...), tried in order
    ethnic_groups: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def words_of(self, kind: str) -> frozenset[str]:
        """The words.tsv words of ``kind`` ("person_cue", "anaphor_group"); none if unlisted."""
        return self.words.get(kind, frozenset())

    def get(self, actor_id: str) -> Actor | None:
        if actor_id in self.actors:
            return self.actors[actor_id]
        if actor_id.startswith(SECTOR_ONLY_PREFIX):
            sector = actor_id.removeprefix(SECTOR_ONLY_PREFIX).upper()
            return self.sector_only(sector) if sector in self.sectors else None
        iso, _, sector = actor_id.partition(".")
        if iso.upper() in self.countries and sector.upper() in self.sectors:
            return self.country_sector(iso.upper(), sector.upper())
        return None

    def actor_at(self, actor_id: str, when: dt.date | None) -> Actor:
        """The actor with the code of the role held at `when` (the current role when None)."""
        actor = self.get(actor_id)
        if actor is None:
            raise KeyError(actor_id)
        role = self.role_at(actor_id, when)
        if role is None or role.code == actor.code:
            return actor
        country, sector = self.split_code(role.code)
        return Actor(id=actor.id, code=role.code, name=actor.name, country=country,
                     sector=sector, kind=actor.kind, aliases=actor.aliases)

    def role_at(self, person_id: str, when: dt.date | None) -> Role | None:
        roles = self.roles.get(person_id, ())
        if when is None:
            current = [role for role in roles if role.end is None]
        else:
            current = [role for role in roles if role.covers(when)]
        return max(current, key=lambda role: role.start, default=None)

    def office_holder(self, iso3: str, office: str, when: dt.date | None) -> str | None:
        """The id of the person holding `office` of country `iso3` at `when`."""
        holders = [
            (role.rank, role.start, person_id)
            for person_id, roles in self.roles.items()
            for role in roles
            if office in role.offices and role.code.startswith(iso3)
            and (role.covers(when) if when else role.end is None)
        ]
        return max(holders)[2] if holders else None

    def country_sector(self, iso3: str, sector: str) -> Actor:
        country = self.countries[iso3]
        if sector not in self.sectors:
            raise KeyError(f"{iso3}.{sector}")
        actor_id = f"{iso3.lower()}.{sector.lower()}"
        nouns = self.sectors[sector].nouns
        generated = tuple(f"{adjective} {noun}" for adjective in country.adjectives[:1]
                          for noun in nouns[:1])
        capitals = country.capitals if sector == "GOV" else ()
        return Actor(
            id=actor_id, code=iso3 + sector,
            name=self.sectors[sector].name_template.format(country=country.name),
            country=iso3, sector=sector, kind="sector",
            aliases=_unique((*capitals, *generated, *self.sector_aliases.get(actor_id, ()))),
        )

    def sector_only(self, sector: str) -> Actor:
        """A sector with no known country ("police", "the rebels"): coded as the sector alone."""
        if sector not in self.sectors:
            raise KeyError(f"{SECTOR_ONLY_PREFIX}{sector.lower()}")
        name = self.sectors[sector].name_template.replace(" of {country}", "")
        return Actor(id=f"{SECTOR_ONLY_PREFIX}{sector.lower()}", code=sector, name=name,
                     sector=sector, kind="sector")

    def split_code(self, code: str) -> tuple[str | None, str | None]:
        """'SYRREBHTS' -> ('SYR', 'REB'); codes of transnational actors have no country."""
        if code[:3] in self.countries:
            return code[:3], (code[3:6] or None)
        return None, None

    def find_place(self, name: str) -> Location | None:
        return self.places.get(name.strip().lower())


def user_paths(extra_paths: Sequence[Path] = ()) -> tuple[Path, ...]:
    """`extra_paths` and the folders/files in $DYAD_ACTORS, resolved, each once."""
    from_env = [Path(p) for p in os.environ.get(USER_PATHS_VARIABLE, "").split(os.pathsep) if p]
    # The settings already hold $DYAD_ACTORS: a file named twice is read once.
    return tuple(dict.fromkeys(Path(p).resolve() for p in (*extra_paths, *from_env)))


def source_files(extra_paths: tuple[Path, ...]) -> list[SourceFile]:
    """The files the knowledge base of the shipped data plus `extra_paths` is built from, in
    the order they are read."""
    files: dict[str, list[SourceFile]] = {kind: [] for kind in LOAD_ORDER}
    ranked = ((DERIVED, DERIVED_PATHS), (HAND, DEFAULT_PATHS), (USER, extra_paths))
    for rank, paths in ranked:
        for path in _actor_files(paths):
            kind = _kind_of(path)
            files[kind].append(SourceFile(kind, rank, path))
    return [file for kind in LOAD_ORDER for file in files[kind]]


def build_knowledge_base(files: Iterable[SourceFile]) -> KnowledgeBase:
    builder = _Builder()
    handlers = {
        "countries": builder.add_country, "country_words": builder.add_country_words,
        "sectors": builder.add_sector,
        "offices": builder.add_office, "words": builder.add_words, "agents": builder.add_agents,
        "organizations": builder.add_organization, "people": builder.add_person,
        "roles": builder.add_role, "aliases": builder.add_aliases, "places": builder.add_place,
        "ethnic_groups": builder.add_ethnic_group,
    }
    for file in files:
        builder.rank = file.rank
        if file.kind == "dictionaries":
            builder.add_dictionary(tabari.load(file.path))
            continue
        for row in read_rows(file.path):
            handlers[file.kind](row)
    return builder.build()


def _kind_of(path: Path) -> str:
    """A TSV file's kind from its header; a file in the TABARI format is a dictionary."""
    if path.suffix != ".tsv" and tabari.looks_like_dictionary(path):
        return "dictionaries"
    header = read_header(path)
    kind = SCHEMAS.get(header)
    if kind is None:
        raise DataFileError(f"{path}:1: unknown header {'|'.join(header)!r}; expected one "
                            "of the headers listed in src/dyad/data/actors/README.md, or a "
                            "PETRARCH/TABARI dictionary")
    return kind


def _actor_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix == ".tsv" or (
                p.suffix in DICTIONARY_SUFFIXES and tabari.looks_like_dictionary(p))))
        elif path.is_file():
            found.append(path)
        elif path not in DERIVED_PATHS:
            raise DataFileError(f"{path}:1: no such actor file or folder")
    return found


def name_key(text: str) -> str:
    """How two ranks' names are compared: "al-Assad", "Al Assad" and "AL_ASSAD" are one."""
    return " ".join(re.sub(r"[-_'’.]", " ", text.lower()).split())


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


class _Builder:
    """Accumulates validated rows; `build` freezes them into a KnowledgeBase."""

    def __init__(self) -> None:
        self.rank = HAND  # the rank of the file being read
        self.actors: dict[str, Actor] = {}
        self.defined_at: dict[str, tuple[int, str]] = {}  # id -> (rank, file:line)
        self.countries: dict[str, Country] = {}
        self.sectors: dict[str, Sector] = {}
        self.offices: dict[str, Office] = {}
        self.roles: dict[str, list[Role]] = {}
        self.names: list[Name] = []
        self.words: dict[str, set[str]] = {}
        self.places: dict[str, Location] = {}
        self.place_names: list[tuple[str, Location]] = []
        self.sector_aliases: dict[str, list[str]] = {}
        self.agents: dict[str, tuple[str, int]] = {}
        self.ethnic_groups: dict[str, list[tuple[str, str]]] = {}

    def build(self) -> KnowledgeBase:
        for country in self.countries.values():  # a country is a place too: "fighting in Syria"
            location = Location(name=country.name, country=country.iso3)
            for text in (country.name, *country.aliases):
                if text.lower() not in self.places:
                    self.places[text.lower()] = location
                    self.place_names.append((text, location))
        top_rank: dict[str, int] = {}
        for name in self.names:
            key = name_key(name.text)
            top_rank[key] = max(top_rank.get(key, name.rank), name.rank)
        live = self.live_ids()
        names = tuple(n for n in self.names
                      if n.rank == top_rank[name_key(n.text)] and n.actor_id in live)
        return KnowledgeBase(
            actors=self.actors, countries=self.countries, sectors=self.sectors,
            offices=self.offices, roles={k: tuple(v) for k, v in self.roles.items()},
            names=names, words={k: frozenset(v) for k, v in self.words.items()},
            places=self.places, place_names=tuple(self.place_names),
            sector_aliases={k: tuple(v) for k, v in self.sector_aliases.items()},
            agents=self.agents,
            ethnic_groups={k: tuple(v) for k, v in self.ethnic_groups.items()},
        )

    def live_ids(self) -> set[str]:
        """Ids names may point to: actors, and the sectors of countries (which exist unlisted)."""
        sectors = {f"{iso.lower()}.{code.lower()}" for iso in self.countries
                   for code in self.sectors}
        return set(self.actors) | sectors

    def _claim(self, location: str, actor_id: str) -> bool:
        """True when `actor_id` is (re)defined here: a higher rank replaces a lower one (and
        its roles and names); a lower rank leaves the higher one alone."""
        if actor_id in self.defined_at:
            rank, first = self.defined_at[actor_id]
            if rank == self.rank:
                raise DataFileError(f"{location}: duplicate id '{actor_id}' (first defined at "
                                    f"{first})")
            if rank > self.rank:
                return False
            self.roles.pop(actor_id, None)
            self.names = [n for n in self.names if n.actor_id != actor_id]
        self.defined_at[actor_id] = (self.rank, location)
        return True

    def _code(self, row: Row, column: str = "code") -> str:
        code = row.required(column)
        if not (code.isalpha() and code.isupper() and len(code) >= 3):
            raise row.error(f"code '{code}' is not CAMEO-style (3+ upper-case letters)")
        return code

    def add_country(self, row: Row) -> None:
        iso3 = row.required("iso3")
        if not (len(iso3) == 3 and iso3.isalpha() and iso3.isupper()):
            raise row.error(f"'{iso3}' is not an ISO 3166 alpha-3 code")
        if not self._claim(f"{row.path}:{row.line}", iso3.lower()):
            return
        country = Country(iso3, row.required("name"), tuple(row.items("aliases")),
                          tuple(row.items("adjectives")), tuple(row.items("demonyms")),
                          tuple(row.items("capitals")))
        self.countries[iso3] = country
        self.actors[iso3.lower()] = Actor(id=iso3.lower(), code=iso3, name=country.name,
                                          country=iso3, kind="country", aliases=country.aliases)
        iso = iso3.lower()
        self.names.append(Name(country.name, iso, COUNTRY, self.rank))
        self.names.extend(Name(alias, iso, ALIAS, self.rank) for alias in country.aliases)
        self.names.extend(Name(adj, iso, ADJECTIVE, self.rank) for adj in country.adjectives)
        self.names.extend(Name(dem, f"{iso}.cvl", DEMONYM, self.rank) for dem in country.demonyms)
        self.names.extend(Name(cap, f"{iso}.gov", CAPITAL, self.rank) for cap in country.capitals)

    def add_country_words(self, row: Row) -> None:
        """More adjectives and demonyms of a country ("Spanish", "Spaniards")."""
        iso3 = row.required("iso3")
        if iso3 not in self.countries:
            raise row.error(f"unknown country code '{iso3}'")
        iso = iso3.lower()
        self.names.extend(Name(adj, iso, ADJECTIVE, self.rank) for adj in row.items("adjectives"))
        self.names.extend(Name(dem, f"{iso}.cvl", DEMONYM, self.rank)
                          for dem in row.items("demonyms"))

    def add_ethnic_group(self, row: Row) -> None:
        country, actor_id = row.required("country"), row.required("actor")
        if country not in self.countries:
            raise row.error(f"unknown country code '{country}'")
        if actor_id not in self.live_ids():
            raise row.error(f"unknown actor id '{actor_id}'")
        self.ethnic_groups.setdefault(row.required("ethnic").lower(), []).append(
            (country, actor_id))

    def add_sector(self, row: Row) -> None:
        code = self._code(row, "sector")
        template = row.required("name")
        if "{country}" not in template:
            raise row.error("column 'name' must contain {country}")
        self.sectors[code] = Sector(code, template, tuple(n.lower() for n in row.items("nouns")))

    def add_office(self, row: Row) -> None:
        sector = row.required("sector")
        if sector not in self.sectors:
            raise row.error(f"unknown sector '{sector}' (see sectors.tsv)")
        key = row.required("office")
        self.offices[key] = Office(key, sector, tuple(v.lower() for v in row.items("variants")))

    def add_words(self, row: Row) -> None:
        self.words.setdefault(row.required("list"), set()).update(
            word.lower() for word in row.items("words"))

    def add_agents(self, row: Row) -> None:
        sector = row.required("sector")
        if sector not in self.sectors:
            raise row.error(f"unknown sector '{sector}' (see sectors.tsv)")
        for phrase in row.items("agents"):
            self._add_agent(phrase, sector)

    def _add_agent(self, phrase: str, sector: str) -> None:
        known = self.agents.get(phrase.lower())
        if known is None or known[1] <= self.rank:
            self.agents[phrase.lower()] = (sector, self.rank)

    def add_organization(self, row: Row) -> None:
        kind = row.required("kind")
        if kind not in ACTOR_KINDS:
            raise row.error(f"kind '{kind}' is not one of {', '.join(ACTOR_KINDS)}")
        self._add_named(row, kind)

    def add_person(self, row: Row) -> None:
        self._add_named(row, "person")

    def _add_named(self, row: Row, kind: str) -> None:
        actor_id, name, code = row.required("id"), row.required("name"), self._code(row)
        if actor_id != actor_id.lower() or " " in actor_id:
            raise row.error(f"id '{actor_id}' must be lower case without spaces")
        self._define(f"{row.path}:{row.line}", Actor(id=actor_id, code=code, name=name,
                                                     kind=kind),
                     row.items("aliases"), row.items("short"))

    def _define(self, location: str, actor: Actor, aliases: list[str],
                short: list[str]) -> None:
        if not self._claim(location, actor.id):
            return
        country, sector = self._split(actor.code)
        self.actors[actor.id] = replace(
            actor, country=country, sector=sector,
            aliases=_unique(a.removeprefix(MT_PREFIX) for a in (*aliases, *short)))
        self.names.append(Name(actor.name, actor.id, CANONICAL, self.rank))
        self._add_names(actor.id, aliases, short)

    def _add_names(self, actor_id: str, aliases: list[str], short: list[str]) -> None:
        for alias in aliases:
            is_mt = alias.startswith(MT_PREFIX)
            self.names.append(Name(alias.removeprefix(MT_PREFIX), actor_id,
                                   MT if is_mt else ALIAS, self.rank))
        for alias in short:
            is_mt = alias.startswith(MT_PREFIX)
            self.names.append(Name(alias.removeprefix(MT_PREFIX), actor_id,
                                   SHORT_MT if is_mt else SHORT, self.rank))

    def _split(self, code: str) -> tuple[str | None, str | None]:
        if code[:3] in self.countries:
            return code[:3], (code[3:6] or None)
        return None, None

    def add_role(self, row: Row) -> None:
        person = row.required("person")  # or a group that changed role ("the Taliban")
        if self.actors.get(person) is None or self.actors[person].kind not in ACTOR_KINDS:
            raise row.error(f"unknown person '{person}' (not in a people or organizations "
                            "file)")
        if self.defined_at[person][0] > self.rank:
            return  # the person was redefined by a higher rank, with its own roles
        start, end = row.date("from"), row.date("to")
        if start is None:
            raise row.error("column 'from' is empty")
        if end is not None and end < start:
            raise row.error(f"role ends ({end}) before it starts ({start})")
        offices = tuple(row.items("office"))
        for office in offices:
            if office not in self.offices:
                raise row.error(f"unknown office '{office}' (see offices.tsv)")
        self.roles.setdefault(person, []).append(
            Role(start, end, self._code(row), offices, self.rank))

    def add_aliases(self, row: Row) -> None:
        actor_id = row.required("id")
        iso, _, sector = actor_id.partition(".")
        is_sector = iso.upper() in self.countries and sector.upper() in self.sectors
        if actor_id not in self.actors and not is_sector:
            raise row.error(f"unknown actor id '{actor_id}'")
        aliases, short = row.items("aliases"), row.items("short")
        if is_sector:
            self.sector_aliases.setdefault(actor_id, []).extend(
                a.removeprefix(MT_PREFIX) for a in (*aliases, *short))
        self._add_names(actor_id, aliases, short)

    def add_dictionary(self, dictionary: tabari.Dictionary) -> None:
        """A TABARI dictionary: agents become role nouns; an entry coded with a bare country
        ("KABUL_ [AFG]") or, undated, with a country sector ("ASSAD_FORCES_ [SYRMIL]") adds
        names to it; any other entry is an actor, a person when its codes are dated."""
        for agent in dictionary.agents:
            sector = next((part for part in tabari.code_parts(agent.code)
                           if part in self.sectors), None)
            for phrase in agent.phrases if sector else ():
                self._add_agent(phrase, sector)
        for entry in dictionary.actors:
            self._add_dictionary_actor(f"{dictionary.path}:{entry.line}", entry)

    def _add_dictionary_actor(self, location: str, entry: tabari.DictionaryActor) -> None:
        record = tabari.to_record(entry, self.countries)
        if record.kind in ("country", "sector"):
            self.names.extend(Name(n, record.actor_id, ALIAS, self.rank)
                              for n in (record.name, *record.aliases))
            if record.kind == "sector":
                self.sector_aliases.setdefault(record.actor_id, []).extend(
                    (record.name, *record.aliases))
            return
        self._define(location, Actor(id=record.actor_id, code=record.code, name=record.name,
                                     kind=record.kind),
                     list(record.aliases), list(record.short))
        if self.defined_at[record.actor_id][1] == location:
            self.roles[record.actor_id] = [
                Role(c.start or dt.date.min, c.end, c.code, (), self.rank) for c in record.roles]

    def add_place(self, row: Row) -> None:
        country = row["country"] or None
        if country is not None and country not in self.countries:
            raise row.error(f"unknown country code '{country}'")
        name = row.required("name")
        location = Location(name=name, country=country,
                            lat=row.number("lat", -90, 90), lon=row.number("lon", -180, 180))
        for text in (name, *row.items("variants")):
            self.places.setdefault(text.lower(), location)
            self.place_names.append((text, location))
