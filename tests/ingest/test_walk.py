"""Walking input paths: sorted, recursive, hidden entries skipped, symlink loops reported once."""

from __future__ import annotations

import os
from pathlib import Path

from rashomon.ingest.walk import InputFile, iter_files
from rashomon.model import Failure


def names(items: list[InputFile | Failure], root: Path) -> list[str]:
    return [os.path.relpath(item.name if isinstance(item, InputFile) else item.path, root) for item in items]


def test_folders_are_walked_sorted_and_recursively(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a/b/c.html", "c dir/ü é.txt", ".hidden.txt", ".git/config", "a/.x.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    items = list(iter_files([tmp_path]))
    assert names(items, tmp_path) == ["a/b/c.html", "a/z.txt", "b.txt", "c dir/ü é.txt"]
    assert all(isinstance(item, InputFile) for item in items)


def test_explicit_paths_keep_their_order_and_hidden_files_are_read(tmp_path: Path) -> None:
    (tmp_path / "z.txt").write_text("z")
    (tmp_path / ".h.txt").write_text("h")
    items = list(iter_files([tmp_path / "z.txt", str(tmp_path / ".h.txt")]))
    assert names(items, tmp_path) == ["z.txt", ".h.txt"]


def test_a_directory_loop_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("a")
    os.symlink("..", tmp_path / "d" / "up")
    items = list(iter_files([tmp_path]))
    assert names(items, tmp_path) == ["d/a.txt", "d/up"]
    failure = items[1]
    assert isinstance(failure, Failure)
    assert "symbolic link loop" in failure.reason


def test_a_file_symlink_loop_is_reported(tmp_path: Path) -> None:
    os.symlink("two", tmp_path / "one")
    os.symlink("one", tmp_path / "two")
    items = list(iter_files([tmp_path]))
    assert len(items) == 2
    assert all(isinstance(item, Failure) and "symbolic link loop" in item.reason for item in items)


def test_a_folder_linked_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("a")
    os.symlink("real", tmp_path / "second")
    items = list(iter_files([tmp_path]))
    assert names(items, tmp_path) == ["real/a.txt"]


def test_a_missing_path_is_a_failure(tmp_path: Path) -> None:
    (item,) = list(iter_files([tmp_path / "nope.txt"]))
    assert isinstance(item, Failure)
    assert item.reason.startswith("no such file or folder")
