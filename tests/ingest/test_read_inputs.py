"""read_inputs: files, folders and JSON Lines in; RawDocuments or Skips out, never an exception."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from dyad import errors
from dyad.ingest import read_inputs
from dyad.records import RawDocument, Skip

FIXTURES = Path(__file__).parents[1] / "fixtures" / "inputs"
BATCH = FIXTURES / "batch"


def by_input(results: list[RawDocument | Skip]) -> dict[str, RawDocument | Skip]:
    """Results keyed by file name (``name:line`` for JSONL records)."""
    keyed = {}
    for result in results:
        if isinstance(result, Skip):
            keyed[Path(result.input).name] = result
        else:
            key = Path(result.doc_path or "").name
            keyed[f"{key}#{result.doc_ref}" if result.doc_ref else key] = result
    return keyed


@pytest.fixture(scope="module")
def batch_results() -> dict[str, RawDocument | Skip]:
    return by_input(list(read_inputs([BATCH])))


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("02_empty.txt", errors.EMPTY),
        ("03_picture.txt", errors.BINARY),
        ("05_bad_encoding.txt", errors.NOT_UTF8),
        ("06_records.jsonl:2", errors.BAD_JSON),
        ("06_records.jsonl:3", errors.MISSING_TEXT),
        ("06_records.jsonl:4", errors.BAD_JSON),
        ("06_records.jsonl:7", errors.EMPTY),
        ("08_report.pdf", errors.UNSUPPORTED),
    ],
    ids=[
        "empty",
        "binary",
        "not-utf8",
        "broken-json",
        "no-text-field",
        "not-an-object",
        "blank-text",
        "pdf",
    ],
)
def test_bad_input_in_a_batch_is_skipped_with_its_reason(batch_results, name, reason):
    skip = batch_results[name]
    assert isinstance(skip, Skip)
    assert skip.reason == reason
    assert name.split(":")[0] in skip.detail  # the message names the file


def test_batch_goes_on_past_bad_inputs(batch_results):
    documents = [name for name, result in batch_results.items() if isinstance(result, RawDocument)]
    assert documents == [
        "01_trebil_crossing.txt",
        "04_windows_1252.txt",
        "06_records.jsonl#wire-0017",
        "06_records.jsonl#42",
        "07_truncated.html",
        "09_duplicate_of_01.text",
    ]


def test_folder_is_read_recursively_in_sorted_order():
    results = list(read_inputs([FIXTURES]))
    inputs = [r.input if isinstance(r, Skip) else r.doc_path for r in results]
    files = [str(Path(name).relative_to(FIXTURES)).split(":")[0] for name in inputs]
    assert files == sorted(files)
    assert "html/basra_port.html" in files
    assert results == list(read_inputs([FIXTURES]))


@pytest.mark.parametrize(
    ("name", "expected_format"),
    [
        ("01_trebil_crossing.txt", "text"),
        ("09_duplicate_of_01.text", "text"),
        ("07_truncated.html", "html"),
    ],
)
def test_format_follows_the_file_suffix(batch_results, name, expected_format):
    assert batch_results[name].format == expected_format


def test_file_without_suffix_is_text(tmp_path):
    path = tmp_path / "ARTICLE"
    path.write_text("Oman mediated talks between Iran and the United States.", encoding="utf-8")
    [document] = read_inputs([path])
    assert document.format == "text"


def test_jsonl_record_fields_become_document_metadata(batch_results):
    record = batch_results["06_records.jsonl#wire-0017"]
    assert record.title == "Lebanon and Syria sign border demarcation accord"
    assert record.url == "https://example.org/news/17"
    assert record.date == "2025-03-28"
    assert record.source == "reuters.com"
    assert record.doc_path == str(BATCH / "06_records.jsonl")
    assert record.content.startswith("Lebanese and Syrian defence ministers")


def test_jsonl_numeric_id_becomes_a_string_reference(batch_results):
    assert batch_results["06_records.jsonl#42"].doc_ref == "42"


def test_jsonl_field_of_wrong_type_skips_that_record(tmp_path):
    path = tmp_path / "records.ndjson"
    path.write_text('{"text": "Talks resumed in Doha.", "title": ["a", "list"]}\n', "utf-8")
    [skip] = read_inputs([path])
    assert skip.reason == errors.BAD_JSON
    assert "'title'" in skip.detail


def test_jsonl_without_records_is_skipped_as_empty(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    [skip] = read_inputs([path])
    assert (skip.reason, skip.input) == (errors.EMPTY, str(path))


def test_missing_path_is_skipped_and_the_next_one_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Egypt hosted a Gaza ceasefire meeting in Cairo.", encoding="utf-8")
    missing, document = read_inputs([tmp_path / "nowhere.txt", good])
    assert missing.reason == errors.NOT_FOUND
    assert "nowhere.txt" in missing.detail
    assert document.doc_path == str(good)


def test_file_over_the_size_limit_is_skipped(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Iraq " * 100, encoding="utf-8")
    [skip] = read_inputs([path], max_bytes=100)
    assert skip.reason == errors.TOO_LARGE
    assert "500" in skip.detail and "100" in skip.detail


def test_jsonl_size_limit_applies_per_record(tmp_path):
    path = tmp_path / "records.jsonl"
    small = '{"text": "Iraq and Iran signed a security pact."}'
    big = '{"text": "' + "Iraq " * 40 + '"}'
    path.write_text(f"{small}\n{big}\n", encoding="utf-8")
    document, skip = read_inputs([path], max_bytes=100)
    assert isinstance(document, RawDocument)
    assert (skip.input, skip.reason) == (f"{path}:2", errors.TOO_LARGE)


def test_hidden_files_in_folders_are_ignored(tmp_path):
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "story.txt").write_text("Syria reopened its embassy in Riyadh.", "utf-8")
    [document] = read_inputs([tmp_path])
    assert document.doc_path == str(tmp_path / "story.txt")


@pytest.mark.parametrize(
    ("data", "expected_format"),
    [
        (b"Turkey and Iraq agreed on water sharing.", "text"),
        (b"<html><body><p>Turkey and Iraq agreed.</p></body></html>", "html"),
    ],
    ids=["text", "html"],
)
def test_dash_reads_standard_input(monkeypatch, data, expected_format):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [document] = read_inputs(["-"])
    assert (document.format, document.doc_path) == (expected_format, "-")
