"""Inputs at scale: compressed JSON Lines, Parquet tables of articles, WARC crawls, and
folders walked as a stream in path order."""

import gzip
import io
import json
import sys

import duckdb
import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyad.ingest import read_inputs
from dyad.records import RawDocument, Skip

RECORDS = [
    {"text": "Baghdad and Damascus agreed to reopen the border crossing.", "id": "r1"},
    {"text": "Ankara summoned the ambassador over the shelling.", "date": "2025-02-03"},
]


def jsonl_bytes(lines):
    return "".join(line + "\n" for line in lines).encode()


def read(path, max_bytes=100_000):
    return list(read_inputs([path], max_bytes=max_bytes))


@pytest.mark.parametrize(
    "suffix, compress",
    [(".jsonl.gz", gzip.compress), (".jsonl.zst", zstandard.ZstdCompressor().compress)],
    ids=["gzip", "zstd"],
)
def test_compressed_jsonl_reads_like_jsonl(tmp_path, suffix, compress):
    path = tmp_path / f"shard-0001{suffix}"
    lines = [json.dumps(RECORDS[0]), "{broken", json.dumps(RECORDS[1])]
    path.write_bytes(compress(jsonl_bytes(lines)))
    first, bad, second = read(path)
    assert (first.content, first.doc_ref) == (RECORDS[0]["text"], "r1")
    assert (bad.input, bad.reason) == (f"{path}:2", "bad_json")
    assert (second.date, second.doc_path) == ("2025-02-03", str(path))


def test_truncated_gzip_keeps_the_records_read_and_records_the_damage(tmp_path):
    lines = [json.dumps({"text": f"Report {n}: talks held in Erbil."}) for n in range(2000)]
    data = gzip.compress(jsonl_bytes(lines))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    documents = [item for item in items if isinstance(item, RawDocument)]
    assert 0 < len(documents) < 2000
    assert isinstance(items[-1], Skip) and items[-1].reason == "unreadable"
    assert "damaged gzip data" in items[-1].detail


def test_zst_without_zstandard_is_one_clear_skip(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "zstandard", None)  # import fails as if not installed
    path = tmp_path / "shard.jsonl.zst"
    path.write_bytes(b"not read")
    [skip] = read(path)
    assert skip.reason == "unsupported_format" and "dyad[scale]" in skip.detail


def test_a_compressed_text_file_is_one_article(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(b"Iraq and Syria held talks in Baghdad.\n"))
    [document] = read(path)
    assert document.content.startswith("Iraq and Syria") and document.format == "text"


def test_unknown_compressed_type_is_unsupported(tmp_path):
    path = tmp_path / "table.parquet.gz"
    path.write_bytes(gzip.compress(b"x"))
    [skip] = read(path)
    assert skip.reason == "unsupported_format" and "'.parquet.gz'" in skip.detail


def write_parquet(path, select):
    duckdb.connect().execute(f"COPY ({select}) TO '{path}' (FORMAT parquet)")


def test_parquet_rows_are_articles_and_a_bad_row_is_its_own_skip(tmp_path):
    path = tmp_path / "articles.parquet"
    write_parquet(
        path,
        "SELECT * FROM (VALUES "
        "('Kyiv and Warsaw signed a grain deal.', DATE '2024-05-06', 7, 'https://x.example/1'), "
        "(NULL, DATE '2024-05-07', 8, NULL)) AS t(text, date, id, url)",
    )
    document, skip = read(path)
    assert document.content == "Kyiv and Warsaw signed a grain deal."
    assert (document.date, document.doc_ref, document.url) == (
        "2024-05-06", "7", "https://x.example/1",
    )  # fmt: skip
    assert (skip.input, skip.reason) == (f"{path}:2", "missing_text")


def test_parquet_without_text_column_or_not_parquet_is_one_skip(tmp_path):
    no_text = tmp_path / "no_text.parquet"
    write_parquet(no_text, "SELECT 'x' AS body")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not a parquet file")
    [missing] = read(no_text)
    [unreadable] = read(broken)
    assert missing.reason == "missing_text" and "'text' column" in missing.detail
    assert unreadable.reason == "unreadable" and "cannot read as Parquet" in unreadable.detail


PAGE = (
    b"<html><head><title>Talks in Baghdad</title></head><body><article>"
    b"<p>Iraqi and Syrian ministers met in Baghdad on Sunday to discuss border security.</p>"
    b"</article></body></html>"
)


def write_warc(path, compress):
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)

        def response(uri, status, content_type, body):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-03-02T08:15:00Z"},
            ))  # fmt: skip

        writer.write_record(writer.create_warc_record(
            "https://news.example/a", "request", payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n"),
        ))  # fmt: skip
        response("https://news.example/a", "200 OK", "text/html; charset=utf-8", PAGE)
        response("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG")
        response("https://news.example/gone", "404 Not Found", "text/html", b"<p>gone</p>")


@pytest.mark.parametrize("suffix, compress", [(".warc", False), (".warc.gz", True)])
def test_warc_html_responses_are_articles_other_responses_are_skips(tmp_path, suffix, compress):
    path = tmp_path / f"crawl{suffix}"
    write_warc(path, compress)
    page, image, missing = read(path)
    assert page.format == "html" and b"border security" in page.content.encode()
    assert (page.url, page.doc_path, page.date) == (
        "https://news.example/a", "https://news.example/a", "2025-03-02T08:15:00Z",
    )  # fmt: skip
    assert (image.input, image.reason) == (f"{path}:3", "unsupported_format")
    assert "image/png" in image.detail and "logo.png" in image.detail
    assert missing.reason == "unsupported_format" and "HTTP status 404" in missing.detail


def test_not_a_warc_is_one_skip(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive\n")
    [skip] = read(path)
    assert skip.reason == "unreadable" and "cannot read as WARC" in skip.detail


def test_folders_are_read_in_path_order(tmp_path):
    for name in ["b.txt", "a.txt", "a/z.txt", "a/b/c.txt", "a-b.txt", "c/d.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Report {name}: talks held.")
    paths = [item.doc_path for item in read_inputs([tmp_path])]
    relative = [path.removeprefix(f"{tmp_path}/") for path in paths]
    assert relative == sorted(relative) == ["a-b.txt", "a.txt", "a/b/c.txt", "a/z.txt",
                                            "b.txt", "c/d.txt"]  # fmt: skip


def test_a_folder_is_listed_as_it_is_read_not_all_first(tmp_path):
    (tmp_path / "1").mkdir()
    (tmp_path / "1" / "a.txt").write_text("Talks in Baghdad on Monday.")
    (tmp_path / "2").mkdir()
    items = read_inputs([tmp_path])
    first = next(items)
    (tmp_path / "2" / "late.txt").write_text("Talks in Damascus on Tuesday.")  # after the start
    assert first.doc_path.endswith("1/a.txt")
    assert [item.doc_path for item in items] == [str(tmp_path / "2" / "late.txt")]
