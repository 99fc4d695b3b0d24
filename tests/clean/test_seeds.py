"""The user's two seed articles clean the way an analyst would clean them by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyad.clean import clean_document
from dyad.ingest import read_inputs
from dyad.records import Article

SEEDS = Path(__file__).parents[2] / ".." / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")

RESIDUE = ["Tagstotranslate", "(T)", "Related Post", "Post Comment", "Original Source", " -"]


def clean_seed(prefix: str) -> Article:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    [raw] = read_inputs([path])
    return clean_document(raw)


@pytest.fixture(scope="module")
def seed_000() -> Article:
    return clean_seed("000")


@pytest.fixture(scope="module")
def seed_002() -> Article:
    return clean_seed("002")


def test_seed_000_metadata(seed_000):
    assert seed_000.published == dt.date(2025, 2, 22)
    assert seed_000.published_text == "Sat. Feb 22nd, 2025"
    assert seed_000.title == "What is the future of relations between Iraq and Syria?"


def test_seed_000_text_starts_with_title_not_date_line(seed_000):
    first, second = seed_000.text.split("\n\n")[:2]
    assert first == "What is the future of relations between Iraq and Syria?"
    assert second.startswith("Iraq found itself in front of a new reality in Syria")
    assert "Feb 22nd" not in seed_000.text


def test_seed_002_has_no_date_and_names_its_outlet(seed_002):
    assert seed_002.published is None
    assert seed_002.source == "The New Arab"
    assert seed_002.url == "www.newarab.com"
    assert seed_002.title == (
        "Security Cooperation Between Syria and Iraq: Asaad al-Shaibani's Visit"
    )


@pytest.mark.parametrize("residue", RESIDUE)
@pytest.mark.parametrize("seed", ["seed_000", "seed_002"])
def test_no_page_residue_left(request, seed, residue):
    assert residue not in request.getfixturevalue(seed).text


@pytest.mark.parametrize(
    "repaired",
    [
        "Bashar al-Assad",
        "Hamid Al-Shatri",
        "Al-Shatri's visit",
        "Ahmed Al-Shara,",
        "Ahmed Al-Sharaa",
        "Syrian-Iraqi border",
        "Variation on re-relationships",
        "In mid-January",
        "Nuri al-Maliki",
        "Iraq's concerns",
    ],
)
def test_seed_000_translation_damage_repaired(seed_000, repaired):
    assert repaired in seed_000.text


def test_seed_000_keeps_real_dashes_and_captions(seed_000):
    assert "It is expected – according to Iraqi sources – differences" in seed_000.text
    assert "to fight the Islamic State (Reuters)" in seed_000.text


def test_seed_paragraphs_are_separated_by_blank_lines(seed_000, seed_002):
    # One paragraph per non-empty line, less the residue lines: 27 - 3 (date, tags, related)
    # and 11 - 2 (source line, comment form).
    assert len(seed_000.text.split("\n\n")) == 24
    assert len(seed_002.text.split("\n\n")) == 9
    for article in (seed_000, seed_002):
        assert "\n\n\n" not in article.text
        assert all(paragraph.strip() == paragraph for paragraph in article.text.split("\n\n"))


def test_seed_002_ends_with_its_last_real_paragraph(seed_002):
    assert seed_002.text.endswith("ensure the protection of civilians.")
