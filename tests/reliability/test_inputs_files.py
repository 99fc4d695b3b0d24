"""Files and folders that used to stop a batch, vanish without a trace, or break the output:
unreadable files and folders, file names that are not UTF-8, UTF-16 without a byte-order mark,
publication dates in year 1 or 9999."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
import spacy

from dyad import errors
from dyad.events.when import find_dates
from dyad.export.contract import event_record
from dyad.export.writers import json_line
from dyad.ingest import expand_folders, read_inputs
from dyad.ingest.paths import display_name
from dyad.pipeline import Pipeline
from dyad.records import RawDocument, Skip

STORY = (
    "Iraqi Prime Minister Mohammed Shia al-Sudani met Syrian President Ahmed al-Sharaa in Baghdad."
)


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def refuse(monkeypatch, module, name: str, refused: Path) -> None:
    """Make ``module.name`` (``open``-like: path first) raise PermissionError for ``refused``."""
    original = getattr(module, name)

    def guarded(path, *args, **kwargs):
        if Path(path) == refused:
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(module, name, guarded)


@pytest.mark.parametrize("suffix", [".jsonl", ".txt"])
def test_unreadable_file_is_a_skip_and_the_batch_goes_on(tmp_path, monkeypatch, suffix):
    refused = tmp_path / f"a_locked{suffix}"
    refused.write_text(json.dumps({"text": STORY}), encoding="utf-8")
    (tmp_path / "b_open.txt").write_text(STORY, encoding="utf-8")
    refuse(monkeypatch, Path, "open", refused)
    skip, document = read_inputs([tmp_path])
    assert (skip.input, skip.reason) == (str(refused), errors.UNREADABLE)
    assert skip.detail == f"{refused}: file cannot be read (permission denied)"
    assert document.doc_path == str(tmp_path / "b_open.txt")


def test_unreadable_folder_is_a_skip(tmp_path, monkeypatch):
    locked = tmp_path / "b_locked"
    locked.mkdir()
    (locked / "hidden_story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "c.txt").write_text(STORY, encoding="utf-8")
    refuse(monkeypatch, os, "scandir", locked)
    first, skip, last = read_inputs([tmp_path])
    assert [first.doc_path, last.doc_path] == [str(tmp_path / "a.txt"), str(tmp_path / "c.txt")]
    assert (skip.input, skip.reason) == (str(locked), errors.UNREADABLE)
    assert "folder cannot be read (permission denied)" in skip.detail


def test_folders_expanded_for_ingest_keep_an_unreadable_folder(tmp_path, monkeypatch):
    """``dyad ingest`` lists folders first (to count the files): an unlisted folder stays in
    the list, and reading it records the skip."""
    locked = tmp_path / "b_locked"
    locked.mkdir()
    for name in ("a.txt", "c.txt", ".hidden.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    refuse(monkeypatch, os, "scandir", locked)
    expanded = list(expand_folders([str(tmp_path), "-"]))
    assert expanded == [str(tmp_path / "a.txt"), str(locked), str(tmp_path / "c.txt"), "-"]
    [skip] = read_inputs([expanded[1]])
    assert (skip.input, skip.reason) == (str(locked), errors.UNREADABLE)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file whatever its mode")
def test_unreadable_file_by_mode(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(STORY, encoding="utf-8")
    path.chmod(0)
    [skip] = read_inputs([path])
    assert skip.reason == errors.UNREADABLE


def test_missing_file_is_still_not_found(tmp_path):
    [skip] = read_inputs([tmp_path / "gone.jsonl"])
    assert skip.reason == errors.NOT_FOUND


BAD_NAME = b"caf\xe9 \xff.txt"  # Latin-1 bytes: not UTF-8


@pytest.fixture
def badly_named(tmp_path) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), BAD_NAME)))
    path.write_text(STORY, encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF")
    return path


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (os.fsdecode(b"/news/caf\xe9.txt"), "/news/caf\\xe9.txt"),
        ("/news/café.txt", "/news/café.txt"),
        ("/news/two\nlines\x1b[2J.txt", "/news/two\\x0alines\\x1b[2J.txt"),
    ],
    ids=["latin1-bytes", "utf8", "control-characters"],
)
def test_display_name_escapes_what_cannot_be_shown(name, shown):
    assert display_name(name) == shown


def test_file_name_with_a_newline_gives_a_one_line_skip(tmp_path):
    path = tmp_path / "empty\nstory.txt"
    path.write_bytes(b"")
    [skip] = read_inputs([path])
    assert skip.reason == errors.EMPTY
    assert "\n" not in skip.detail and "empty\\x0astory.txt" in skip.detail


def test_file_name_not_utf8_is_read_and_named_safely(tmp_path, badly_named):
    document, skip = read_inputs([tmp_path])
    assert document.doc_path == f"{tmp_path}/caf\\xe9 \\xff.txt"
    assert document.content == STORY
    assert skip.reason == errors.UNSUPPORTED
    for text in (document.doc_path, skip.input, skip.detail):
        text.encode("utf-8")  # would raise on the surrogates os.fsdecode leaves


def test_file_name_not_utf8_gives_valid_utf8_records(pipeline, badly_named):
    [result] = [item for item in pipeline.run([badly_named]) if not isinstance(item, Skip)]
    assert result.events
    for event in result.events:
        line = json_line(event_record(event)).encode("utf-8")
        assert json.loads(line)["doc_path"] == display_name(badly_named)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_text(tmp_path, encoding):
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode(encoding))
    [document] = read_inputs([path])
    assert isinstance(document, RawDocument)
    assert document.content == STORY


def test_binary_with_nul_bytes_is_still_binary(tmp_path):
    path = tmp_path / "picture.txt"
    path.write_bytes(bytes(range(256)) * 8)
    [skip] = read_inputs([path])
    assert skip.reason == errors.BINARY


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1799-12-31", "2200-01-01"])
def test_publication_date_out_of_range_is_unknown(pipeline, date):
    text = (
        "Iraq condemned Syria on Friday. Tomorrow Turkey will meet Iran. Iraq hit Syria 3 days ago."
    )
    result = pipeline.process(RawDocument(content=text, format="text", date=date))
    assert result.article.published is None
    assert result.events
    assert all(event.date is None for event in result.events)


def test_date_line_out_of_range_is_no_date_line(pipeline):
    text = "Published: December 31, 9999\n\nIraq condemned Syria on Friday."
    result = pipeline.process(RawDocument(content=text, format="text"))
    assert result.article.published is None
    assert result.events


def test_date_phrases_near_the_calendar_ends_give_no_date():
    nlp = spacy.blank("en")
    sentence = nlp("They met tomorrow, on Friday, on 9999-12-31 and three days ago.")[:]
    assert find_dates(sentence, dt.date(9999, 12, 31)) == []
    assert find_dates(sentence, dt.date(1, 1, 1)) == []


def test_plausible_dates_still_resolve():
    nlp = spacy.blank("en")
    sentence = nlp("They met on Friday.")[:]
    [found] = find_dates(sentence, dt.date(2025, 3, 5))
    assert found.resolved.date == dt.date(2025, 2, 28)


def test_html_with_a_control_character_is_read(tmp_path):
    """Found by fuzzing: lxml refused text holding \\x1f when dropping a script element."""
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body><p>\x1fIraq met Syria.<script>x()</script> Talks went on.</p>"
                     b"</body></html>")  # fmt: skip
    [document] = read_inputs([path])
    [result] = Pipeline().run([path])
    assert not isinstance(result, Skip), result
    assert "Iraq met Syria." in result.article.text
    assert document.format == "html"


def test_named_pipe_is_skipped_not_read(tmp_path):
    pipe = tmp_path / "feed.txt"
    os.mkfifo(pipe)
    [skip] = read_inputs([pipe])  # reading it would block until a writer came
    assert skip.reason == errors.UNSUPPORTED
    assert skip.detail == f"{pipe}: not a regular file or folder"
