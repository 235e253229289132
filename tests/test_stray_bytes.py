"""A UTF-8 page with a stray byte stays UTF-8: its other characters are kept, the bad byte becomes
U+FFFD, and one warning line says so (it used to be re-read as mac_iceland, every ’ turned ‚Äô)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.read import decode_bytes

PAGE = ("The mayor’s office said the ferry won’t stop. “We’re ready,” she said. "
        "Café owners on the quay weren’t told.\n") * 3


@pytest.mark.parametrize(
    ("data", "encoding", "replaced"),
    [
        (PAGE.encode("utf-8").replace(b"ferry", b"fer\xffry", 1), "utf-8", 1),  # one stray byte
        (PAGE.encode("utf-8")[:-1] + b"\xff\xfe\n", "utf-8", 2),  # two
        (PAGE.encode("utf-8"), "utf-8", 0),  # clean
        ("Café déjà vu, naïve façade: l’été.".encode("cp1252"), "cp1252", 0),  # legacy text is still detected
    ],
)
def test_stray_bytes_keep_utf8(data: bytes, encoding: str, replaced: int, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="ontherecord.read.decode"):
        decoded = decode_bytes(data, "page.txt")
    assert decoded.encoding == encoding
    assert decoded.text.count("\ufffd") == replaced
    assert "‚Äô" not in decoded.text
    if encoding == "utf-8":
        assert decoded.text.count("’") == PAGE.count("’")
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == (1 if replaced else 0)
    if replaced:
        assert "page.txt" in warnings[0].getMessage() and "UTF-8" in warnings[0].getMessage()


def test_extract_warns_once_and_keeps_the_quotes(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE.encode("utf-8").replace(b"ferry", b"fer\xffry", 1))
    result = CliRunner().invoke(main, ["extract", str(page), "--json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    (doc,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert doc["text"].count("’") == PAGE.count("’") and "\ufffd" in doc["text"]
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "page.txt" in lines[0] and "not valid UTF-8" in lines[0]
