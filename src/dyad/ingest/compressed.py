"""Reading gzip- and zstd-compressed inputs as a stream of bytes (``corpus.jsonl.gz``).

The file is decompressed as it is read, never whole. Damaged compressed data (a truncated
download, a bad block) surfaces as an ``OSError`` naming the compression, so the reader records
the file as unreadable after the records it could read. zstd needs the optional ``zstandard``
package (``pip install 'dyad[scale]'``), imported only when a ``.zst`` file is met.
"""

from __future__ import annotations

import errno
import gzip
import io
import zlib
from pathlib import Path
from typing import Any

from dyad.errors import UNSUPPORTED, InputError

# Compression suffixes, and the name used in messages.
COMPRESSIONS = {".gz": "gzip", ".zst": "zstd"}
READ_BUFFER_BYTES = 1 << 16


def open_decompressed(path: Path) -> io.BufferedReader:
    """``path`` (ending in a suffix of :data:`COMPRESSIONS`) opened as decompressed bytes."""
    compression = COMPRESSIONS[path.suffix.lower()]
    if compression == "gzip":
        stream: Any = gzip.open(path, "rb")  # noqa: SIM115 (closed by the returned reader)
        damaged: tuple[type[BaseException], ...] = (EOFError, zlib.error)
    else:
        zstandard = _zstandard(path)
        stream = zstandard.ZstdDecompressor().stream_reader(path.open("rb"), closefd=True)
        damaged = (zstandard.ZstdError,)
    return io.BufferedReader(_Damage(stream, compression, damaged), READ_BUFFER_BYTES)


def _zstandard(path: Path) -> Any:
    try:
        import zstandard
    except ImportError:
        raise InputError(
            UNSUPPORTED,
            f"{path}: reading .zst needs the zstandard package (pip install 'dyad[scale]')",
        ) from None
    return zstandard


class _Damage(io.RawIOBase):
    """A decompressing stream whose errors on damaged data become ``OSError``s."""

    def __init__(self, stream: Any, compression: str, damaged: tuple[type[BaseException], ...]):
        self._stream = stream
        self._compression = compression
        self._damaged = damaged

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._stream.read1(len(buffer))  # read1: what one step gives, kept on damage
        except OSError as error:  # gzip.BadGzipFile: not gzip at all
            raise OSError(errno.EIO, f"damaged {self._compression} data ({error})") from error
        except self._damaged as error:
            raise OSError(errno.EIO, f"damaged {self._compression} data ({error})") from error
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()
