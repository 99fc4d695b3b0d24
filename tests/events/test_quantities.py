"""Counts of people killed, injured and arrested."""

from __future__ import annotations

import pytest

from dyad.events.quantities import find_quantities
from dyad.records import Quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iraq condemned the massacre of at least 1,383 civilians in coastal Syria.",
         Quantities(killed=1383)),
        ("Iraqi security forces detained at least 13 Syrians accused of violence.",
         Quantities(arrested=13)),
        ("Two soldiers were killed and 15 others wounded in the attack.",
         Quantities(killed=2, injured=15)),
        ("Police arrested five suspects in Mosul.", Quantities(arrested=5)),
        ("The death toll rose to 1,500 on Sunday.", Quantities(killed=1500)),
        ("A car bomb killed 7 people and injured 20 in Hasaka.",
         Quantities(killed=7, injured=20)),
        ("Security forces rounded up 40 protesters.", Quantities(arrested=40)),
        ("The strikes claimed the lives of 12 civilians.", Quantities(killed=12)),
        ("Some 3,000 people were displaced and 9 people died.", Quantities(killed=9)),
        ("The blast left 1.5 million people without power.", Quantities()),
    ],
    ids=["massacre-of-at-least", "detained-at-least", "killed-and-wounded", "number-word",
         "death-toll", "killed-injured-verbs", "rounded-up", "lives-of", "died-not-displaced",
         "no-casualty-word"],
)
def test_counts(nlp, text, expected):
    assert find_quantities(nlp(text)[:]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The strike killed dozens of people.",
        "Hundreds were detained after the protest.",
        "The 13-year civil conflict killed many.",
        "Iraq and Syria share more than 600 km of border.",
    ],
    ids=["dozens", "hundreds", "year-count-is-not-victims", "distance"],
)
def test_no_number(nlp, text):
    assert find_quantities(nlp(text)[:]) == Quantities()
