"""The POLECAT-like and GDELT-like layouts, cell by cell, and through `dyad export`."""

import datetime as dt
import json
import re

import pytest
from click.testing import CliRunner
from dyad_fakes import border_article

from dyad.cli import main
from dyad.export.article_info import ArticleInfo
from dyad.export.contract import event_record
from dyad.export.gdelt import GDELT_COLUMNS, gdelt_row, goldstein_by_root
from dyad.export.polecat import POLECAT_FIELDS, polecat_record
from dyad.store import Store

BORDER = border_article()
ARTICLE = ArticleInfo(
    doc_id="doc-border",
    published=dt.date(2025, 1, 14),
    url="https://news.example/border",
    doc_path="reports/border.txt",
    source="Test Wire",
    ingested_at=dt.datetime(2025, 2, 1, 9, 30, 5),
)


@pytest.fixture(scope="module")
def records():
    # visit (dated, placed), accusation, attack (unresolved target), hypothetical talks (undated)
    return [event_record(event) for event in BORDER.events]


def gdelt(record, article=ARTICLE):
    return dict(zip(GDELT_COLUMNS, gdelt_row(record, article), strict=True))


def test_gdelt_row_has_the_61_columns_of_a_gdelt_2_event_file(records):
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:2] == ("GLOBALEVENTID", "SQLDATE")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert all(len(gdelt_row(record, ARTICLE)) == 61 for record in records)


def test_gdelt_dates_actors_and_event_codes(records):
    visit = gdelt(records[0])
    assert (visit["SQLDATE"], visit["MonthYear"], visit["Year"]) == ("20241229", "202412", "2024")
    assert visit["FractionDate"] == "2024.9945"  # day 364 of a leap year
    assert (visit["Actor1Code"], visit["Actor1CountryCode"], visit["Actor1Type1Code"]) == (
        "IRQSPY", "IRQ", "SPY",
    )  # fmt: skip
    assert (visit["Actor2Code"], visit["Actor2Name"]) == ("SYRGOV", "Ahmed al-Sharaa")
    assert (visit["EventCode"], visit["EventBaseCode"], visit["EventRootCode"]) == (
        "040", "040", "04",
    )  # fmt: skip
    assert (visit["QuadClass"], visit["GoldsteinScale"], visit["IsRootEvent"]) == ("1", "1.0", "1")
    assert (visit["DATEADDED"], visit["SOURCEURL"]) == ("20250201093005", ARTICLE.url)


def test_gdelt_action_place_and_what_stays_empty(records):
    visit = gdelt(records[0])
    assert (visit["ActionGeo_FullName"], visit["ActionGeo_CountryCode"]) == ("Damascus", "SYR")
    assert (visit["ActionGeo_Lat"], visit["ActionGeo_Long"]) == ("33.51", "36.29")
    never_filled = ["AvgTone", "Actor1EthnicCode", "Actor1Geo_Lat", "Actor2Geo_FullName"]
    assert [visit[name] for name in never_filled] == [""] * 4


def test_gdelt_unresolved_target_and_undated_event_leave_cells_empty(records):
    attack = gdelt(records[2])
    assert (attack["Actor2Code"], attack["Actor2Name"]) == ("", "")
    assert attack["EventRootCode"] == "19" and attack["GoldsteinScale"] == "-10.0"
    talks = gdelt(records[3], article=None)
    assert (talks["SQLDATE"], talks["FractionDate"], talks["DATEADDED"]) == ("", "", "")
    assert talks["SOURCEURL"] == "reports/border.txt"  # no article row: the input path


def test_a_tab_or_line_break_in_a_value_cannot_shift_the_columns(records):
    article = ArticleInfo("doc-border", url="https://news.example/a\tb\nc")
    row = "\t".join(gdelt_row(records[0], article))
    assert "\n" not in row and len(row.split("\t")) == 61
    assert gdelt(records[0], article)["SOURCEURL"] == "https://news.example/a b c"


def test_goldstein_table_covers_every_cameo_root():
    scores = goldstein_by_root()
    assert sorted(scores) == [f"{root:02d}" for root in range(1, 21)]
    assert scores["04"] == 1.0 and scores["15"] == -7.2


def test_polecat_record_keeps_polecat_columns_in_order_then_evidence(records):
    record = polecat_record(records[0], ARTICLE)
    assert list(record)[: len(POLECAT_FIELDS)] == list(POLECAT_FIELDS)
    assert {"sentence", "char_start", "char_end", "story_id"} <= set(record)


def test_polecat_actor_recipient_place_and_story(records):
    visit = polecat_record(records[0], ARTICLE)
    assert (visit["event_date"], visit["event_type"], visit["event_mode"]) == (
        "2024-12-29", "CONSULT", "visit",
    )  # fmt: skip
    assert (visit["actor_name"], visit["actor_name_raw"], visit["actor_sectors"]) == (
        "Iraqi intelligence", "Iraqi intelligence", ["SPY"],
    )  # fmt: skip
    assert (visit["recipient_name"], visit["recipient_country"]) == ("Ahmed al-Sharaa", "SYR")
    assert (visit["placename"], visit["latitude"], visit["country"]) == ("Damascus", 33.51, "SYR")
    assert (visit["source"], visit["publication_date"]) == ("Test Wire", "2025-01-14")
    assert visit["story_url"] == ARTICLE.url
    assert visit["sentence"] == BORDER.sentences[0].text


def test_polecat_unknowns_are_null_and_flags_kept(records):
    talks = polecat_record(records[3], None)
    assert talks["event_date"] is None and talks["publication_date"] is None
    assert talks["actor_cow"] is None and talks["wikipedia_actor_id"] is None
    assert talks["hypothetical"] is True
    assert talks["others"] == ["syr"]
    attack = polecat_record(records[2], ARTICLE)
    assert attack["recipient_name"] is None and attack["recipient_name_raw"] == "Iraqi soldiers"
    assert attack["recipient_sectors"] == []


@pytest.fixture
def stored(tmp_path):
    db = tmp_path / "store.duckdb"
    with Store(db) as store:
        store.write(BORDER)
    return db


@pytest.mark.parametrize("layout", ["polecat", "gdelt"])
def test_dyad_export_writes_the_layout_with_the_stored_article(stored, tmp_path, layout):
    out = tmp_path / f"events.{layout}"
    result = CliRunner().invoke(
        main, ["--db", str(stored), "export", "--format", layout, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    if layout == "polecat":
        first = json.loads(lines[0])
        assert (first["publication_date"], first["source"]) == ("2025-01-14", "Test Wire")
    else:
        first = dict(zip(GDELT_COLUMNS, lines[0].split("\t"), strict=True))
        assert re.fullmatch(r"20\d{12}", first["DATEADDED"])  # when it was stored, UTC
        assert first["SOURCEURL"] == "reports/border.txt"
