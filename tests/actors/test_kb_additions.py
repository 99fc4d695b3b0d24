"""Knowledge-base entries added from the VOA dev misses: dated roles give the code of the day."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.parametrize("text, published, actor_id, code", [
    ("The Japanese prime minister flew to Manila.", dt.date(2021, 3, 1),
     "person.yoshihide-suga", "JPNGOV"),
    ("Yoshihide Suga opened the session.", dt.date(2023, 3, 1), "person.yoshihide-suga",
     "JPNLEG"),
    ("Michel Barnier named his ministers.", dt.date(2024, 10, 1), "person.michel-barnier",
     "FRAGOV"),
    ("Michel Barnier briefed the envoys.", dt.date(2019, 10, 1), "person.michel-barnier",
     "IGOEUREEC"),
    ("Sali Berisha led a march in Tirana.", dt.date(2024, 2, 1), "person.sali-berisha",
     "ALBOPP"),
    ("Officers of Immigration and Customs Enforcement made arrests.", dt.date(2025, 3, 1),
     "cop.us-ice", "USACOP"),
    ("Kata'ib Hizballah denied the charge.", dt.date(2027, 3, 1), "group.kataib-hezbollah",
     "IRQUAFKTH"),
    # the derived tables make the Peshmerga Iraq's army: one actor with the side it clashes with
    ("Kurdish Peshmerga forces clashed with the Iraqi army.", dt.date(2031, 6, 21),
     "mil.peshmerga", "IRQMILKRG"),
], ids=["title-in-office", "after-office", "prime-minister-2024", "eu-negotiator",
        "opposition-over-derived", "organization",
        "us-government-spelling", "peshmerga-not-the-army"])
def test_added_actor_code_on_the_day(mentions, text, published, actor_id, code):
    found = [m.actor for m in mentions(text, published) if m.actor is not None]
    assert (found[0].id, found[0].code) == (actor_id, code)
