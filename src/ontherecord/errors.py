"""Every exception ontherecord raises on purpose, in one place.

Library code raises these; the CLI turns each into one clear line naming the file and the problem.
"""

from __future__ import annotations


class OnTheRecordError(Exception):
    """Base class: an error the user can act on, with a message fit to print as is."""


class ConfigError(OnTheRecordError):
    """Bad options or pipeline configuration (unknown stage name, invalid value)."""


class InputError(OnTheRecordError):
    """An input file cannot be read as an article.  ``path`` names the file."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class EmptyInputError(InputError):
    """The file holds no text."""


class BinaryInputError(InputError):
    """The file is binary, not text."""


class InputTooLargeError(InputError):
    """The file is larger than the configured limit."""


class DecodeError(InputError):
    """The file's text encoding could not be determined."""


class FormatError(InputError):
    """The file claims a format (HTML, WARC, feed, JSONL) but does not hold to it."""


class CorpusError(InputError):
    """A file of an annotated corpus (brat standoff, Citron JSON) is malformed."""


class ModelError(OnTheRecordError):
    """A model cannot be loaded (missing package, missing or corrupt model directory)."""


class StoreError(OnTheRecordError):
    """The store cannot be opened, migrated or written."""


class NotFoundError(OnTheRecordError):
    """A looked-up article, speaker or statement does not exist."""


class CorrectionError(OnTheRecordError):
    """A correction by hand cannot be made or undone (no such alias, already one speaker, undo out of order)."""


class AccountError(OnTheRecordError):
    """An account or token cannot be made or used (bad name or role, short password, unknown token)."""
