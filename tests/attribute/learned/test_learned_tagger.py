"""The tagger: windows over long texts, and loading a model directory (every fault names its file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ontherecord.attribute.learned.decoding import LABELS
from ontherecord.attribute.learned.tagger import AttributionModel, resolve_model_dir, windows
from ontherecord.errors import ModelError


WINDOW_TABLE = [
    # n, size, stride, expected (start, end) windows
    (0, 4, 2, [(0, 0)]),
    (3, 4, 2, [(0, 3)]),
    (4, 4, 2, [(0, 4)]),
    (5, 4, 2, [(0, 4), (1, 5)]),
    (8, 4, 2, [(0, 4), (2, 6), (4, 8)]),
    (9, 4, 4, [(0, 4), (4, 8), (5, 9)]),
    (10, 5, 5, [(0, 5), (5, 10)]),
]


@pytest.mark.parametrize(("n", "size", "stride", "expected"), WINDOW_TABLE)
def test_learned_windows_cover_every_piece(n: int, size: int, stride: int, expected: list) -> None:
    got = windows(n, size, stride)
    assert [(w.start, w.end) for w in got] == expected
    covered = set()
    for w in got:
        assert w.end - w.start <= size
        covered.update(range(w.start, w.end))
    assert covered == set(range(n))


@pytest.mark.parametrize(("size", "stride"), [(0, 1), (4, 0), (4, 5)])
def test_learned_windows_reject_bad_settings(size: int, stride: int) -> None:
    with pytest.raises(ValueError):
        windows(10, size, stride)


def test_learned_model_missing_directory_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such model directory"):
        resolve_model_dir(tmp_path / "absent")


def test_learned_model_corrupt_weights_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"layers": 1, "labels": list(LABELS)}))
    (tmp_path / "weights.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ModelError, match="weights.safetensors"):
        AttributionModel(tmp_path)


def test_learned_model_unreadable_config_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(ModelError, match="config.json"):
        AttributionModel(tmp_path)


def test_learned_model_wrong_labels_are_refused(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"layers": 1, "labels": ["O", "B-x"]}))
    with pytest.raises(ModelError, match="labels"):
        AttributionModel(tmp_path)


def test_learned_model_other_base_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"layers": 1, "labels": list(LABELS), "base": "other_encoder"}))
    with pytest.raises(ModelError, match="other_encoder"):
        AttributionModel(tmp_path)
