import csv
import io
import json

import duckdb
import pytest
from dyad_fakes import SHARAA, border_article

from dyad.export.contract import event_record, flat_event_record, mention_record
from dyad.export.writers import PARQUET_SCHEMA, write_csv, write_jsonl, write_parquet
from dyad.records import Mention

CONTRACT_FIELDS = [
    "event_id", "doc_id", "doc_path", "doc_ref", "sentence_index", "sentence", "char_start",
    "char_end", "event_type", "mode", "context", "cameo_root", "quad_class", "intensity",
    "source", "target", "others", "date", "date_precision", "date_text", "location",
    "quantities", "negated", "hypothetical", "historical", "reported_by", "confidence",
]  # fmt: skip
ACTOR_SHAPE = ["text", "id", "code", "country", "sector", "name", "aliases"]


@pytest.fixture(scope="module")
def records():
    return [event_record(event) for event in border_article().events]


def test_event_record_has_every_contract_field_in_order(records):
    keys = list(records[0])
    assert [key for key in keys if key in CONTRACT_FIELDS] == CONTRACT_FIELDS


def test_resolved_participant_has_the_actor_shape(records):
    visit = records[0]
    assert visit["target"] == {
        "text": "al-Sharaa",
        "id": "person.ahmed-al-sharaa",
        "code": "SYRGOV",
        "country": "SYR",
        "sector": "GOV",
        "name": "Ahmed al-Sharaa",
        "aliases": ["al-Sharaa", "al-Shara", "Jolani"],
    }
    assert visit["date"] == "2024-12-29"
    assert visit["date_precision"] == "day"
    assert visit["location"] == {"name": "Damascus", "country": "SYR", "lat": 33.51, "lon": 36.29}
    assert visit["quantities"] == {"killed": None, "injured": None, "arrested": None}
    assert visit["context"] == ["security"]


def test_unresolved_participant_keeps_its_text_and_nulls_the_rest(records):
    attack = records[2]
    assert attack["target"] == dict.fromkeys(ACTOR_SHAPE) | {"text": "Iraqi soldiers"}
    assert attack["quantities"]["killed"] == 4


def test_missing_values_are_null(records):
    talks = records[3]
    assert (talks["date"], talks["date_precision"], talks["date_text"]) == (None, None, None)
    assert talks["location"] is None
    assert talks["others"][0]["code"] == "SYR"


def test_offsets_cut_the_sentence_from_the_article():
    result = border_article()
    for record in map(event_record, result.events):
        assert result.article.text[record["char_start"] : record["char_end"]] == record["sentence"]


def test_mention_record_shape():
    mention = Mention("d1", 5, "Sharia", 1504, 1510, SHARAA, 0.7)
    assert mention_record(mention, "seeds/a.txt") == {
        "doc_id": "d1",
        "doc_path": "seeds/a.txt",
        "sentence_index": 5,
        "text": "Sharia",
        "char_start": 1504,
        "char_end": 1510,
        "actor": {
            "id": "person.ahmed-al-sharaa",
            "code": "SYRGOV",
            "country": "SYR",
            "sector": "GOV",
            "name": "Ahmed al-Sharaa",
        },
        "confidence": 0.7,
        "role_title": None,
    }
    unresolved = Mention("d1", 0, "the tribes", 0, 10, None, 0.3)
    assert mention_record(unresolved, None)["actor"] is None


def test_jsonl_is_one_record_per_line(records):
    out = io.StringIO()
    assert write_jsonl(records, out) == 4
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == records


def test_csv_has_flat_participant_columns(records):
    out = io.StringIO()
    write_csv(records, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 4
    assert (rows[1]["source_id"], rows[1]["source_code"], rows[1]["target_id"]) == (
        "irq.gov",
        "IRQGOV",
        "syr.gov",
    )
    assert rows[0]["target_aliases"] == "al-Sharaa;al-Shara;Jolani"
    assert rows[2]["killed"] == "4"
    assert rows[3]["others"] == "syr"
    assert rows[0]["location_name"] == "Damascus"


def test_csv_of_no_events_is_a_header_only():
    out = io.StringIO()
    write_csv([], out)
    assert out.getvalue().splitlines() == [
        ",".join(flat_event_record(dict.fromkeys(PARQUET_SCHEMA)))
    ]


def test_parquet_schema_covers_the_record(records):
    assert list(PARQUET_SCHEMA) == list(records[0])


def test_parquet_is_readable_with_the_contract_shape(records, tmp_path):
    path = tmp_path / "events.parquet"
    assert write_parquet(records, path) == 4
    con = duckdb.connect()
    rows = con.execute(
        "SELECT event_id, source.id, target.name, quantities.killed, date, others "
        f"FROM read_parquet('{path}') ORDER BY event_id"
    ).fetchall()
    assert rows[0][:3] == ("doc-border:0", "irq.spy", "Ahmed al-Sharaa")
    assert rows[2][3] == 4
    assert str(rows[1][4]) == "2025-01-10"
    assert rows[3][5][0]["id"] == "syr"


def test_empty_parquet_still_has_the_columns(tmp_path):
    path = tmp_path / "none.parquet"
    write_parquet([], path)
    con = duckdb.connect()
    names = [
        row[0] for row in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    ]
    assert names == list(PARQUET_SCHEMA)


def test_a_failed_export_leaves_the_old_file_untouched(tmp_path):
    from dyad.export.output_file import written_atomically

    target = tmp_path / "events.jsonl"
    target.write_text("previous export\n")
    with pytest.raises(RuntimeError), written_atomically(target) as partial:
        partial.write_text("half of a new exp")
        raise RuntimeError("disk full")
    assert target.read_text() == "previous export\n"
    assert list(tmp_path.iterdir()) == [target]
