"""How the `cleaner` command stops when a run fails: a write with no room left, Ctrl-C, broken rules before the first
input; each says what to do and exits with its own status (`cli.CleanerGroup` raises them).

>>> Interrupted().exit_code, Interrupted(signal.SIGTERM).exit_code, NothingProcessedError("rules: bad").exit_code
(130, 143, 2)
"""

from __future__ import annotations

import contextlib
import errno
import signal
import threading
from collections.abc import Iterator
from typing import Any

import click

# a write that failed for lack of room or a broken disk: the run stops, with what to do
WRITE_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}
RERUN = "free some space or write elsewhere, then run the same command again"
# set in the context's meta by a command that remembers its results (clean, check without --no-cache), so that
# a message promises that a re-run skips the files already done only when it will
REMEMBERS_RESULTS = "cleaner.remembers_results"
# set in the context's meta by a command whose stop leaves something other than whole outputs and no report (check:
# the findings printed so far), the words the interruption's message says it with
INTERRUPTION_LEAVES = "cleaner.interruption_leaves"
OUTPUTS_WHOLE = "each output is written whole or not at all, and no report was written"


def write_failure(error: OSError, remembered: bool) -> str:
    """The message of a write that failed: what could not be written, why, and what to do.

    >>> write_failure(OSError(errno.ENOSPC, "No space left on device", "out/a.txt"), remembered=True)
    'cannot write out/a.txt (No space left on device); free some space or write elsewhere, then run the same \
command again (files already cleaned are remembered)'
    """
    where = f" {error.filename}" if error.filename else " the output"
    return f"cannot write{where} ({error.strerror or error}); {rerun(remembered)}"


def rerun(remembered: bool) -> str:
    """What to do after a failed write; the files already cleaned are promised only when REMEMBERED.

    >>> rerun(remembered=False)
    'free some space or write elsewhere, then run the same command again'
    """
    return f"{RERUN} (files already cleaned are remembered)" if remembered else RERUN


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
    """Ctrl-C or SIGTERM: the run stops, with outputs written whole or not at all (or what the command says its stop
    LEAVES); the next run resumes when the command REMEMBERED its results (exit 128 + the signal's number: 130, 143).

    >>> Interrupted(remembered=False, leaves="the findings printed so far are only some").message
    'interrupted: the findings printed so far are only some; run the same command again (it starts afresh)'
    """

    def __init__(
        self, signal_number: int = signal.SIGINT, remembered: bool = True, leaves: str = OUTPUTS_WHOLE
    ) -> None:
        self.exit_code = 128 + signal_number
        stopped = (
            "interrupted" if signal_number == signal.SIGINT else f"stopped by {signal.Signals(signal_number).name}"
        )
        again = "to finish (clean and check skip the files already done)" if remembered else "(it starts afresh)"
        super().__init__(f"{stopped}: {leaves}; run the same command again {again}")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C raises KeyboardInterrupt, so that the run stops the same way: workers
    ended, outputs whole, one message. Left to Python's default, SIGTERM ended this process alone, and
    its workers and their forkserver went on, holding memory and the caller's pipes, for minutes."""


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM (`timeout`, a cancelled CI job, `kill`) raises `Terminated`.

    >>> try:  # a KeyboardInterrupt escapes doctest's own catching
    ...     with sigterm_as_interrupt():
    ...         signal.raise_signal(signal.SIGTERM)
    ... except Terminated as stop:
    ...     stop
    Terminated('SIGTERM')
    >>> signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    True
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set a handler (a command run from a test's thread)
        return

    def stop(signal_number: int, frame: object) -> None:
        raise Terminated(signal.Signals(signal_number).name)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class NothingProcessedError(click.ClickException):
    """Broken rule files, an output folder that cannot be written or a `--files-from` list that is no
    text: like a usage error, found before the first input, so nothing was processed (exit status 2)."""

    exit_code = 2
