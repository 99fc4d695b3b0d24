"""Machine-translation repair: spaced hyphens in names and compounds, mojibake, quotes."""

from __future__ import annotations

import pytest

from dyad.clean.mt_repair import load_repairs, repair_translation
from dyad.clean.text import repair_characters, split_paragraphs


def repaired(text: str) -> str:
    return repair_translation(repair_characters(text), load_repairs())


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("Hamid Al -Shatri arrived", "Hamid Al-Shatri arrived"),
        ("the fall of al -Assad", "the fall of al-Assad"),
        ("on the Syrian -Iraqi border", "on the Syrian-Iraqi border"),
        ("Variation on re -relationships", "Variation on re-relationships"),
        ("In mid -January, Wilson", "In mid-January, Wilson"),
        ("envoy Hamid Al- Shatri", "envoy Hamid Al-Shatri"),
        ("Iraq , Syria and Jordan ; all", "Iraq, Syria and Jordan; all"),
        ("Iraqâ€™s concerns", "Iraq's concerns"),
        ("“security is shared”", '"security is shared"'),
    ],
    ids=[
        "al-name",
        "lower-al",
        "compound",
        "prefix",
        "mid-month",
        "space-after-hyphen",
        "space-before-punctuation",
        "mojibake",
        "curly-quotes",
    ],
)
def test_damage_is_repaired(damaged, expected):
    assert repaired(damaged) == expected


@pytest.mark.parametrize(
    "intact",
    [
        "It is expected – according to Iraqi sources – differences will escalate",
        "the score was a - b in the end",
        "temperatures of -5 degrees",
        "the 2024 - 2025 budget",
        "a well-known al-Sudani ally",
    ],
    ids=["en-dash-clause", "spaced-hyphen", "negative-number", "year-range", "already-fine"],
)
def test_real_dashes_and_hyphens_are_left_alone(intact):
    assert repaired(intact) == intact


def test_each_line_is_a_paragraph_and_whitespace_runs_collapse():
    text = "Title line\nFirst  paragraph\t here.\n\n\nSecond paragraph.\r\nThird."
    assert split_paragraphs(text) == [
        "Title line",
        "First paragraph here.",
        "Second paragraph.",
        "Third.",
    ]


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    text = (
        "Iraqi and Syrian officials met in Al-Qaim on Monday\n"
        "to discuss the reopening of the border crossing,\n"
        "officials said.\n\n"
        "The next round is due in Damascus."
    )
    assert split_paragraphs(text) == [
        "Iraqi and Syrian officials met in Al-Qaim on Monday to discuss the reopening of the "
        "border crossing, officials said.",
        "The next round is due in Damascus.",
    ]
