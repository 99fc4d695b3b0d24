"""Loading the knowledge base and its phrase tables, from a cache of the built ones when it can.

Building them from the data files costs about half a second of CPU each time dyad starts;
unpickling the result of an earlier build costs a tenth of that. The cache file is named by a
hash of everything the result depends on: the paths and bytes of the data files read (the
shipped ones and the user's), the source of the modules that build and define it, and the
Python and spaCy versions; so a changed, added or removed file, or new code, builds afresh.

It lives in the user's cache folder (``$XDG_CACHE_HOME/dyad``, else ``~/.cache/dyad``) and is
never required: a missing, unreadable or corrupt file is built again, a folder that cannot be
written is left alone. A file is written under a temporary name and renamed into place, so
processes writing at once never expose a partial file; the last rename wins, with the same
content.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import spacy

from dyad import records
from dyad.actors import kb, phrases, recognize, tabari, tsv
from dyad.actors.kb import KnowledgeBase, SourceFile
from dyad.actors.recognize import Tables

# Bumped when the way the cache is written changes (the hashed sources cover the rest).
CACHE_FORMAT = 1
# The modules whose code builds the knowledge base and its tables, or defines what they hold.
SOURCE_MODULES = (kb, tabari, tsv, phrases, recognize, records)
PREFIX, SUFFIX, TEMPORARY = "actors-", ".pickle", ".tmp"
# A temporary file this old was left by a writer that died (writing takes a fraction of a second).
ABANDONED_SECONDS = 3600
# Cache files kept (the most recently used): one per set of data files in use.
MAX_FILES = 8


def load_knowledge_base(extra_paths: Sequence[Path] = ()) -> KnowledgeBase:
    """The shipped knowledge base plus `extra_paths` and the folders/files in $DYAD_ACTORS,
    its phrase tables ready (``recognize.tables_for``)."""
    return _load(kb.user_paths(extra_paths))


@functools.lru_cache(maxsize=8)
def _load(extra_paths: tuple[Path, ...]) -> KnowledgeBase:
    files = kb.source_files(extra_paths)
    folder = cache_folder()
    path = folder / f"{PREFIX}{cache_key(files)}{SUFFIX}" if folder else None
    loaded = _read(path) if path else None
    if loaded is None:
        knowledge_base = kb.build_knowledge_base(files)
        tables = recognize.build_tables(knowledge_base)
        if path:
            _write(path, (knowledge_base, tables))
    else:
        knowledge_base, tables = loaded
    recognize.keep_tables(knowledge_base, tables)
    return knowledge_base


def cache_folder() -> Path | None:
    """``$XDG_CACHE_HOME/dyad``, else ``~/.cache/dyad``; None where no home folder is known."""
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(base) / "dyad"
    try:
        return Path.home() / ".cache" / "dyad"
    except RuntimeError:  # no $HOME and no user entry
        return None


def cache_key(files: Sequence[SourceFile]) -> str:
    digest = hashlib.sha256(f"{CACHE_FORMAT} {sys.version} {spacy.__version__}".encode())
    for module in SOURCE_MODULES:
        digest.update(Path(str(module.__file__)).read_bytes())
    for file in files:
        digest.update(f"\0{file.kind}\0{file.rank}\0{file.path}\0".encode())
        digest.update(file.path.read_bytes())
    return digest.hexdigest()[:32]


def _read(path: Path) -> tuple[KnowledgeBase, Tables] | None:
    """The cached pair, or None when there is none that can be read."""
    try:
        with path.open("rb") as file, _without_gc():
            loaded = pickle.load(file)
    except Exception:  # a corrupt pickle raises anything: the pair is built again
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: kept the longest
    match loaded:
        case (KnowledgeBase() as knowledge_base, Tables() as tables):
            return knowledge_base, tables
    return None


def _write(path: Path, built: tuple[KnowledgeBase, Tables]) -> None:
    """Write `built` to `path` atomically, and drop the least recently used other files."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=PREFIX, suffix=TEMPORARY)
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as file, _without_gc():
            _Pickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump(built)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    _prune(path.parent)


def _prune(folder: Path) -> None:
    """Keep the MAX_FILES most recently used files; drop temporary files a killed writer left."""
    with contextlib.suppress(OSError):  # another process may be pruning too
        cached = sorted(folder.glob(f"{PREFIX}*{SUFFIX}"), key=lambda p: p.stat().st_mtime)
        left = [p for p in folder.glob(f"{PREFIX}*{TEMPORARY}")
                if time.time() - p.stat().st_mtime > ABANDONED_SECONDS]
        for old in (*cached[:-MAX_FILES], *left):
            old.unlink(missing_ok=True)


@contextlib.contextmanager
def _without_gc() -> Iterator[None]:
    """The collector off while a few hundred thousand objects are (un)pickled: with spaCy's
    objects in memory, its passes over them cost five times the unpickling itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Pickler(pickle.Pickler):
    """Slotted dataclasses as ``cls(*fields)``: unpickled several times faster than by their
    default ``__setstate__``, which looks up the class's fields for every instance."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if dataclasses.is_dataclass(cls) and hasattr(cls, "__slots__"):
            fields = dataclasses.fields(cls)
            if all(field.init for field in fields):
                return cls, tuple(getattr(obj, field.name) for field in fields)
        return NotImplemented
