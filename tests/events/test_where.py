"""The place of an event, resolved through the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dyad.events.where import find_location
from dyad.records import Location

PLACES = {
    "baghdad": Location("Baghdad", "IRQ", 33.34, 44.40),
    "damascus": Location("Damascus", "SYR", 33.51, 36.29),
    "ankara": Location("Ankara", "TUR", 39.92, 32.85),
    "syria": Location("Syria", "SYR"),
    "iraq": Location("Iraq", "IRQ"),
    "coastal syria": Location("coastal Syria", "SYR", 35.2, 35.95),
    "hasaka": Location("Hasakah", "SYR", 36.5, 40.75),
    "hasaka governorate": Location("Hasakah Governorate", "SYR", 36.6, 40.9),
    "gouran prison": Location("Ghwayran prison", "SYR", 36.47, 40.73),
    "us": Location("United States", "USA"),
    "iran": Location("Iran", "IRN"),
    "jordan": Location("Jordan", "JOR"),
    "lebanon": Location("Lebanon", "LBN"),
    "gaza strip": Location("Gaza Strip", "PSE", 31.42, 34.36),
    "khartoum": Location("Khartoum", "SDN", 15.55, 32.53),
}


@dataclass(frozen=True)
class FakeName:
    text: str


class FakePlaces:
    """The knowledge base's place lookup on a handful of places, and a few actor names."""

    names = (FakeName("Islamic Resistance in Iraq"), FakeName("the Islamic Resistance in Iraq"),
             FakeName("Iraq"))

    def find_place(self, name: str) -> Location | None:
        return PLACES.get(name.strip().lower())


def locate(nlp, text: str, trigger: str) -> str | None:
    doc = nlp(text)
    token = next(token for token in doc if token.text == trigger)
    location = find_location(doc[:], token, FakePlaces())
    return None if location is None else location.name


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("On Friday, Syria's interim Foreign Minister visited Baghdad.", "visited", "Baghdad"),
        ("During Shatri's visit to Damascus in late December, he met Sharaa.", "visit",
         "Damascus"),
        ("The ministers met in Ankara on Monday.", "met", "Ankara"),
        ("Baghdad opened an investigation into an assault on Syrian workers in Iraq.",
         "assault", "Iraq"),
        ("Hussein condemned the massacre of civilians in coastal Syria.", "massacre",
         "coastal Syria"),
        ("Operatives are held in the Gouran prison in Hasaka.", "held", "Ghwayran prison"),
        ("Prisoners were moved to the Syrian Hasaka Governorate.", "moved",
         "Hasakah Governorate"),
        ("In Baghdad, the two ministers met for talks.", "met", "Baghdad"),
    ],
    ids=["visit-object", "visit-to", "met-in", "nearest-in", "lowercase-in-name",
         "alias-and-nested-place", "adjective-before-place", "fronted-place"],
)
def test_location(nlp, text, trigger, expected):
    assert locate(nlp, text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Baghdad condemned the attack.", "condemned"),
        ("Iraqi forces detained 13 Syrians accused of violence in Syria.", "detained"),
        ("The ministers discussed border security.", "discussed"),
    ],
    ids=["place-as-actor", "place-of-another-verb", "no-place"],
)
def test_no_location(nlp, text, trigger):
    assert locate(nlp, text, trigger) is None


def test_country_from_the_shipped_knowledge_base(nlp, kb):
    doc = nlp("Turkish troops clashed with fighters in Syria.")
    token = next(token for token in doc if token.text == "clashed")
    location = find_location(doc[:], token, kb)
    assert location is not None and (location.name, location.country) == ("Syria", "SYR")


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Iranian artillery shelled hills near Sidekan on Monday.", "shelled", "Sidakan"),
        ("Two rockets landed near Harir overnight.", "landed", "Harir"),
        ("Clashes erupted near Dayr Hafir on Monday.", "erupted", "Deir Hafer"),
    ],
    ids=["town-variant", "air-base-town", "transliteration"],
)
def test_border_towns_of_the_shipped_gazetteer(nlp, kb, text, trigger, expected):
    doc = nlp(text)
    token = next(token for token in doc if token.text == trigger)
    location = find_location(doc[:], token, kb)
    assert location is not None and location.name == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Jordan condemned the killing of 40 farmers attributed to armed groups in coastal Syria.",
         "condemned", "coastal Syria"),
        ("The ministers ended their meeting in Baghdad with a statement in which they demanded "
         "a truce in the Gaza Strip, backed the Jordanian proposal and pledged funds.", "backed",
         "Baghdad"),
        ("Fighting raged in the center of the capital Khartoum.", "raged", "Khartoum"),
        ("Rockets were fired from Lebanon overnight.", "fired", "Lebanon"),
        ("During the envoy's trip to Damascus, in which he met the president, talks covered "
         "water.", "met", "Damascus"),
    ],
    ids=["place-under-descriptive-participle", "place-of-the-enclosing-clause",
         "lead-in-words-before-place", "origin-of-a-verb", "destination-of-enclosing-visit"],
)
def test_location_in_the_tree(nlp, text, trigger, expected):
    assert locate(nlp, text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Militants claimed dozens of attacks on US forces last year.", "attacks"),
        ("Ankara condemned meddling in Syria's domestic politics.", "condemned"),
        ("Fighting erupted in Iran-backed enclaves.", "Fighting"),
        ("Tehran denied a role in the Jordan bombing.", "denied"),
        ("Washington blamed the Islamic Resistance in Iraq for the raid.", "blamed"),
        ("Warplanes hit depots in Syria and Iraq.", "hit"),
        ("The government in Baghdad signed the accord.", "signed"),
        ("Washington increased pressure on Iraq.", "pressure"),
        ("Jordan issued a stern warning to Iran.", "warning"),
        ("The plan drew angry protests from Baghdad.", "protests"),
    ],
    ids=["country-as-adjective", "possessive", "hyphenated-adjective", "noun-modifier",
         "inside-an-actor-name", "list-of-places", "seat-of-the-subject", "on-marks-a-target",
         "to-without-movement", "from-after-a-noun"],
)
def test_place_words_that_are_not_the_location(nlp, text, trigger):
    assert locate(nlp, text, trigger) is None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Envoys demanded a ceasefire in Hasaka and backed the mediators' plan.", "backed", None),
        ("Delegates met in Ankara and signed the accord.", "signed", "Ankara"),
        ("In Ankara, delegates met and signed the accord.", "signed", "Ankara"),
    ],
    ids=["place-of-an-earlier-object", "shared-place-of-conjoined-verbs", "fronted-place"],
)
def test_conjoined_verbs_share_only_their_own_places(nlp, text, trigger, expected):
    assert locate(nlp, text, trigger) == expected
