"""Reading input files: encodings are detected, binary/empty/huge/unreadable files are refused by name."""

from __future__ import annotations

import codecs
import gzip
import os
import zlib
from pathlib import Path

import pytest

from ontherecord.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
)
from ontherecord.read.decode import DEFAULT_MAX_BYTES, DecodedText, decode_bytes, read_text_file

UK = (
    "Президент України заявив, що переговори з партнерами тривають. "
    "Міністр закордонних справ підтвердив це журналістам у Києві."
)
RU = "Президент заявил, что переговоры с партнёрами продолжаются. Министр иностранных дел подтвердил это."
FR = "Le président a déclaré que la réunion était très importante pour l'économie française."
DE = "Der Präsident sagte, dass die Gespräche fortgesetzt würden. Größere Änderungen gibt es nicht."
CS = "Předseda vlády řekl, že jednání budou pokračovat příští týden v Praze."
EN = "The minister said on Tuesday that talks would continue. “We are close,” she added."

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize(
    "text, encoding",
    [
        (EN, "utf-8"),
        (UK, "utf-8"),
        (UK, "cp1251"),
        (RU, "cp1251"),
        (RU, "koi8-r"),
        (UK, "koi8-u"),
        (CS, "cp1250"),
        (CS, "iso8859-2"),
        (FR, "latin-1"),
        (FR, "cp1252"),
        (DE, "latin-1"),
        ("plain ascii text, nothing else to it", "ascii"),
    ],
)
def test_decode_decodes_text_in_any_common_encoding(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    decoded = read_text_file(path)
    assert isinstance(decoded, DecodedText)
    assert decoded.text == text
    assert decoded.path == str(path)
    assert codecs.lookup(decoded.encoding).name  # a real codec name


@pytest.mark.parametrize(
    "bom, codec",
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_decode_strips_the_byte_order_mark_from_the_text(bom: bytes, codec: str) -> None:
    decoded = decode_bytes(bom + UK.encode(codec), "bom.txt")
    assert decoded.text == UK, "the BOM is not part of the article text, so offsets start after it"


def test_decode_keeps_line_endings_and_whitespace_untouched() -> None:
    raw = "  Title\r\n\r\nFirst  paragraph.\tTab.\r\n"
    assert decode_bytes(raw.encode("utf-8"), "x").text == raw


@pytest.mark.parametrize("data, problem", [(b"", "is empty"), (b" \n\t\r\n  ", "only whitespace")])
def test_decode_empty_input_is_refused(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyInputError) as err:
        read_text_file(path)
    assert str(path) in str(err.value) and problem in str(err.value)


@pytest.mark.parametrize(
    "data, what",
    [
        (PNG, "PNG"),
        (gzip.compress(EN.encode() * 20), "gzip"),
        (b"PK\x03\x04" + os.urandom(200), "ZIP"),
        (b"%PDF-1.7\n" + os.urandom(200), "PDF"),
        (b"some text\x00\x00\x00 with NULs in it", "NUL"),
        (zlib.compress(bytes(range(256)) * 40), "binary"),
    ],
)
def test_decode_binary_input_is_refused(tmp_path: Path, data: bytes, what: str) -> None:
    path = tmp_path / "not-text.txt"
    path.write_bytes(data)
    with pytest.raises(BinaryInputError) as err:
        read_text_file(path)
    assert str(path) in str(err.value) and what in str(err.value)


def test_decode_random_bytes_are_refused_as_binary() -> None:
    data = bytes((i * 7919 + 13) % 256 for i in range(4096))
    with pytest.raises(BinaryInputError):
        decode_bytes(data, "noise.bin")


def test_decode_a_50mb_file_is_refused_with_both_sizes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    size = 50 * 1024 * 1024
    with path.open("wb") as fh:
        fh.truncate(size)  # sparse: the size check must not need the content
    with pytest.raises(InputTooLargeError) as err:
        read_text_file(path)
    message = str(err.value)
    assert str(path) in message
    assert f"{size:,}" in message and f"{DEFAULT_MAX_BYTES:,}" in message


def test_decode_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(EN, encoding="utf-8")
    assert read_text_file(path, max_bytes=len(EN.encode())).text == EN
    with pytest.raises(InputTooLargeError):
        read_text_file(path, max_bytes=10)


def test_decode_directory_and_missing_file_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_text_file(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_text_file(tmp_path / "absent.txt")


def test_decode_path_through_a_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text(EN, encoding="utf-8")
    with pytest.raises(InputError, match="cannot read") as err:
        read_text_file(tmp_path / "plain.txt" / "child.txt")
    assert "plain.txt/child.txt" in str(err.value)


def test_decode_unreadable_file_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(EN, encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:
        # root reads any file whatever its mode: make opening it fail as it does for everyone else
        real_open = Path.open

        def deny(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "open", deny)
    try:
        with pytest.raises(InputError, match="permission denied") as err:
            read_text_file(path)
        assert str(path) in str(err.value)
    finally:
        path.chmod(0o600)


def test_decode_decode_bytes_names_the_given_path_in_errors() -> None:
    with pytest.raises(EmptyInputError, match=r"^feed\.xml#3: "):
        decode_bytes(b"", "feed.xml#3")
