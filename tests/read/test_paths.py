"""One expander for every command: files, folders (recursive, sorted, hidden skipped) and globs."""

from __future__ import annotations

from pathlib import Path

from ontherecord.errors import InputError
from ontherecord.read import expand_paths


def test_paths_folders_globs_and_misses(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "config").write_text("x")
    (tmp_path / "a" / "sub").mkdir()
    (tmp_path / "a" / "sub" / "two.html").write_text("x")
    (tmp_path / "three.jsonl").write_text("x")
    (tmp_path / "empty").mkdir()
    got = [str(e) for e in expand_paths([tmp_path / "a", str(tmp_path / "*.jsonl"), tmp_path / "empty",
                                         str(tmp_path / "*.warc"), tmp_path / "absent.txt"])]
    assert got == [
        str(tmp_path / "a" / "one.txt"),
        str(tmp_path / "a" / "sub" / "two.html"),
        str(tmp_path / "three.jsonl"),
        f"{tmp_path / 'empty'}: is a folder with no files in it",
        f"{tmp_path / '*.warc'}: no file matches this pattern",
        str(tmp_path / "absent.txt"),
    ]


def test_paths_broken_link_in_a_folder_is_kept_for_its_reader(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert list(expand_paths([tmp_path])) == [tmp_path / "gone.txt"]


def test_paths_expanding_twice_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    once = list(expand_paths([tmp_path, tmp_path / "none-*.txt"]))
    again = list(expand_paths(once))
    assert [str(e) for e in again] == [str(e) for e in once]
    assert isinstance(again[-1], InputError) and again[-1] is once[-1]
