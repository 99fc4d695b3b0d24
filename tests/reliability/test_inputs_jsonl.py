"""JSON Lines that used to stop a batch with a traceback, or be read whole, or coded as prose."""

from __future__ import annotations

import io
import json
import sys

import pytest

from dyad import errors
from dyad.ingest import read_inputs
from dyad.ingest.jsonl import SKIP_BLOCK_BYTES, read_records
from dyad.records import RawDocument, Skip

GOOD = json.dumps({"text": "Iraq and Syria reopened the Qaim border crossing.", "id": "ok"})


def read_file(tmp_path, *lines: str | bytes, max_bytes: int = 5_000_000):
    path = tmp_path / "records.jsonl"
    path.write_bytes(
        b"".join((line if isinstance(line, bytes) else line.encode()) + b"\n" for line in lines)
    )
    return path, list(read_inputs([path], max_bytes=max_bytes))


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        pytest.param('{"text": "Iraq met Syria.", "id": ' + "7" * 5_000 + "}", "number is too long",
                     id="5000-digit-id"),
        pytest.param("[" * 100_000 + "]" * 100_000, "nested too deeply", id="nested-100000"),
        pytest.param('{"text": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001, "nested too deeply",
                     id="nested-object-100000"),
    ],
)  # fmt: skip
def test_pathological_json_is_a_skip_and_the_batch_goes_on(tmp_path, line, problem):
    path, results = read_file(tmp_path, line, GOOD)
    skip, document = results
    assert isinstance(skip, Skip)
    assert (skip.input, skip.reason) == (f"{path}:1", errors.BAD_JSON)
    assert problem in skip.detail and f"{path}:1" in skip.detail
    assert isinstance(document, RawDocument) and document.doc_ref == "ok"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "Iraq', "Unterminated string starting at column 10"),
        ('{"text": "Iraq\tmet"}', "Invalid control character at column 15"),
    ],
    ids=["unterminated", "control-character"],
)
def test_json_error_message_says_at_once(tmp_path, line, message):
    _, [skip] = read_file(tmp_path, line)
    assert message in skip.detail
    assert "at at" not in skip.detail


def test_over_long_line_is_skipped_with_its_size_and_the_next_line_read(tmp_path):
    big = json.dumps({"text": "Iraq " * 600_000})
    path, (skip, document) = read_file(tmp_path, big, GOOD, max_bytes=10_000)
    assert (skip.input, skip.reason) == (f"{path}:1", errors.TOO_LARGE)
    assert f"{len(big) + 1:,} bytes" in skip.detail  # the size counts the line's newline
    assert document.doc_ref == "ok"


class ReadSizes(io.BufferedReader):
    """A stream that remembers the largest piece handed out by one read."""

    largest = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.largest = max(self.largest, len(line))
        return line


def test_over_long_line_is_streamed_not_read_whole():
    huge = b'{"text": "' + b"x" * (8 * SKIP_BLOCK_BYTES) + b'"}\n' + GOOD.encode() + b"\n"
    stream = ReadSizes(io.BytesIO(huge))
    skip, document = read_records(stream, "feed", "feed", max_bytes=1_000)
    assert skip.reason == errors.TOO_LARGE and document.doc_ref == "ok"
    assert stream.largest <= SKIP_BLOCK_BYTES


def test_line_exactly_at_the_limit_is_read(tmp_path):
    line = json.dumps({"text": "Iraq " * 30})
    _, [document] = read_file(tmp_path, line, max_bytes=len(line))
    assert isinstance(document, RawDocument)


def test_lone_surrogate_escapes_become_replacement_characters(tmp_path):
    line = r'{"text": "Iraq \ud800 met Syria \ud83d\ude00.", "title": "T \udfff", "id": "s"}'
    _, [document] = read_file(tmp_path, line)
    assert document.content == "Iraq \ufffd met Syria \U0001f600."
    assert document.title == "T \ufffd"
    document.content.encode("utf-8")  # would raise on a surrogate


@pytest.fixture
def stdin(monkeypatch):
    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    return feed


def test_json_lines_on_standard_input_are_records(stdin):
    stdin(f"\n  {GOOD}\nnot json\n{GOOD}\n".encode())
    first, skip, second = read_inputs(["-"])
    assert (first.doc_ref, first.doc_path, first.content) == ("ok", "-", json.loads(GOOD)["text"])
    assert (skip.input, skip.reason) == ("standard input:3", errors.BAD_JSON)
    assert second.doc_ref == "ok"


def test_prose_on_standard_input_is_one_document(stdin):
    stdin(b"  \nIraq {and} Syria met.\n")
    [document] = read_inputs(["-"])
    assert document.content == "  \nIraq {and} Syria met.\n"
    assert document.format == "text"


def test_over_long_record_on_standard_input_is_skipped(stdin):
    stdin(b'{"text": "' + b"a" * 5_000 + b'"}\n' + GOOD.encode())
    skip, document = read_inputs(["-"], max_bytes=1_000)
    assert (skip.input, skip.reason) == ("standard input:1", errors.TOO_LARGE)
    assert document.doc_ref == "ok"
