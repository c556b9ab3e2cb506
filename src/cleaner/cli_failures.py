"""How the `cleaner` command stops when a run fails: a write with no room left, Ctrl-C, broken rules before the first
input; each says what to do and exits with its own status (`cli.CleanerGroup` raises them).

>>> Interrupted().exit_code, NothingProcessedError("rules.toml: not valid").exit_code
(130, 2)
"""

from __future__ import annotations

import contextlib
import errno
from typing import Any

import click

# a write that failed for lack of room or a broken disk: the run stops, with what to do
WRITE_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}
RERUN = "free some space or write elsewhere, then run the same command again (files already cleaned are remembered)"


def write_failure(error: OSError) -> str:
    """The message of a write that failed: what could not be written, why, and what to do.

    >>> write_failure(OSError(errno.ENOSPC, "No space left on device", "out/a.txt"))
    'cannot write out/a.txt (No space left on device); free some space or write elsewhere, then run the same \
command again (files already cleaned are remembered)'
    """
    where = f" {error.filename}" if error.filename else " the output"
    return f"cannot write{where} ({error.strerror or error}); {RERUN}"


class QuietFlush:
    """A stream whose flush fails silently: stdout after a failed write, flushed again at exit."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def flush(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class Interrupted(click.ClickException):
    """Ctrl-C: the run stops, with outputs written whole or not at all; the next run resumes (exit 130)."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__(
            "interrupted: each output is written whole or not at all, and no report was written; "
            "run the same command again to finish (clean and check skip the files already done)"
        )


class NothingProcessedError(click.ClickException):
    """Broken rule files, an output folder that cannot be written or a `--files-from` list that is no
    text: like a usage error, found before the first input, so nothing was processed (exit status 2)."""

    exit_code = 2
