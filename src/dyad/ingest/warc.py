"""WARC files from news crawls (``.warc``, ``.warc.gz``): each HTML response is an article.

An article's URL is the record's ``WARC-Target-URI`` and its date the ``WARC-Date`` (when the
page was fetched: for a news crawl, close to publication; the date is trusted over any date the
page gives, as for a JSON Lines ``date``). Requests, metadata and other non-response records
are not inputs and pass silently; a response that is not a successful HTML page (an image, a
redirect, a 404) is recorded as a skip, so the skip count accounts for every page of the crawl.
Records are named ``path:N`` (the N-th record of the file). Needs the optional ``warcio``
package (``pip install 'dyad[scale]'``), imported only when a WARC file is met.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyad.errors import TOO_LARGE, UNREADABLE, UNSUPPORTED, InputError
from dyad.ingest.decode import decode_bytes
from dyad.ingest.paths import unreadable_skip
from dyad.records import RawDocument, Skip

HTML_TYPES = ("text/html", "application/xhtml+xml")
HTTP_OK = "200"


def read_warc(path: Path, name: str, max_bytes: int) -> Iterator[RawDocument | Skip]:
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield Skip(name, UNSUPPORTED,
                   f"{name}: reading WARC needs the warcio package (pip install 'dyad[scale]')")
        return  # fmt: skip
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), 1):
                if record.format != "warc":  # warcio reads any text as old-style ARC lines
                    yield Skip(name, UNREADABLE, f"{name}: cannot read as WARC (no WARC header "
                               f"at record {number})")  # fmt: skip
                    return
                if record.rec_type == "response":
                    yield _response(record, f"{name}:{number}", max_bytes)
    except ArchiveLoadFailed as error:
        problem = str(error).strip().splitlines()[0] if str(error).strip() else "not a WARC file"
        yield Skip(name, UNREADABLE, f"{name}: cannot read as WARC ({problem})")
    except OSError as error:
        yield unreadable_skip(name, error)


def _response(record: Any, record_name: str, max_bytes: int) -> RawDocument | Skip:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{record_name} ({uri})" if uri else record_name
    http = record.http_headers
    status = http.get_statuscode() if http else None
    content_type = (http.get_header("Content-Type") if http else None) or ""
    media_type, _, parameters = content_type.partition(";")
    if status != HTTP_OK:
        return Skip(record_name, UNSUPPORTED, f"{where}: HTTP status {status}, not a page")
    if media_type.strip().lower() not in HTML_TYPES:
        shown = media_type.strip() or "no content type"
        return Skip(record_name, UNSUPPORTED, f"{where}: {shown}, not an HTML page")
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return Skip(record_name, TOO_LARGE, f"{where}: page is over the {max_bytes:,} byte limit")
    try:
        content = _decoded(data, _charset(parameters), where)
    except InputError as error:
        return error.skip(record_name)
    return RawDocument(
        content=content,
        format="html",
        doc_path=uri or record_name,
        url=uri,
        date=record.rec_headers.get_header("WARC-Date"),
    )


def _charset(parameters: str) -> str | None:
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _decoded(data: bytes, charset: str | None, where: str) -> str:
    """The page as text: in the charset its headers declare if that decodes, else by the
    rules of every input (``decode_bytes``)."""
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip():
                return text
    return decode_bytes(data, where)
