"""Typed errors of the library; the CLI turns them into messages in one place.

>>> str(InputError("a.bin", "is binary, not text"))
'a.bin: is binary, not text'
"""

from __future__ import annotations

from .printable import printable


class CleanerError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(CleanerError):
    """An input file that cannot be read as text."""

    def __init__(self, path: str, reason: str) -> None:
        # a newline in a file's name would break the message in two
        super().__init__(f"{printable(path)}: {reason}")
        self.path = path
        self.reason = reason


class RuleError(CleanerError):
    """A rule file that is missing, malformed or names an unknown rule."""


class OutputError(CleanerError):
    """An output folder that cannot be made or written: nothing was processed."""


class ModelError(CleanerError):
    """A language model that is missing or cannot be built."""


class SampleError(CleanerError):
    """A hand-corrected sample whose OCR and corrected texts cannot be paired or aligned."""
