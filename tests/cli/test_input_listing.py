"""`dyad ingest` lists folders as a stream: a folder is listed when the walk reaches it, in
path order, so a corpus of millions of files is never held as one list of names."""

from __future__ import annotations

import os
from itertools import islice
from pathlib import Path

from dyad.cli.common import input_files


def make_tree(root: Path, folders: int, files: int) -> list[str]:
    """``folders`` nested folders of ``files`` files each (plus hidden entries to leave out);
    the paths of the visible files."""
    made = []
    for number in range(folders):
        folder = root / f"f{number:02d}" / "deep" if number % 2 else root / f"f{number:02d}"
        folder.mkdir(parents=True)
        (folder / ".hidden.txt").write_text("not read", encoding="utf-8")
        for item in range(files):
            path = folder / f"r{item:03d}.txt"
            path.write_text(f"report {number} {item}", encoding="utf-8")
            made.append(str(path))
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("not read", encoding="utf-8")
    return made


def test_generated_tree_is_listed_in_path_order(tmp_path):
    made = make_tree(tmp_path, folders=6, files=40)
    # A file whose name sorts between a folder's name and its contents ("f00.txt" < "f00/").
    (tmp_path / "f00.txt").write_text("a report", encoding="utf-8")
    listed = list(input_files([str(tmp_path)]))
    assert listed == sorted([*made, str(tmp_path / "f00.txt")])
    assert len(listed) == 241


def test_folders_are_listed_when_the_walk_reaches_them(tmp_path):
    make_tree(tmp_path, folders=3, files=5)
    files = input_files([str(tmp_path), "-"])
    first = list(islice(files, 2))
    assert first == [str(tmp_path / "f00" / "r000.txt"), str(tmp_path / "f00" / "r001.txt")]
    # Written after the walk started: the folder being read was listed already, the last one
    # is listed only when reached, so only its new file is met.
    (tmp_path / "f00" / "r999.txt").write_text("late report", encoding="utf-8")
    (tmp_path / "f02" / "r999.txt").write_text("late report", encoding="utf-8")
    rest = list(files)
    assert str(tmp_path / "f00" / "r999.txt") not in rest
    assert rest[-2:] == [str(tmp_path / "f02" / "r999.txt"), "-"]
    assert len(first) + len(rest) == 3 * 5 + 2


def test_an_unlisted_folder_stays_in_the_stream(tmp_path, monkeypatch):
    make_tree(tmp_path, folders=3, files=2)
    locked = tmp_path / "f01"
    scandir = os.scandir

    def refusing(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    listed = list(input_files([str(tmp_path)]))
    assert listed[2] == str(locked)  # reading it records the skip (tests/reliability)
    assert len(listed) == 2 + 1 + 2
