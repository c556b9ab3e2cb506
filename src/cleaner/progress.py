"""Progress of a batch on stderr: a live bar on a terminal, a plain line now and then otherwise.

>>> import io
>>> stream = io.StringIO()
>>> progress = Progress(stream=stream, interval=0)
>>> progress.advance_counts(characters=1000, failed=False, cached=False)
>>> progress.close()
>>> stream.getvalue().startswith("cleaner: 1 file (0 cached, 0 failed), 1,000 characters")
True
"""

from __future__ import annotations

import sys
import time
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import Outcome

PLAIN_INTERVAL = 10.0


class Progress:
    """Counts files and characters as outcomes arrive and shows them: rich bar on a TTY, else lines."""

    def __init__(self, total: int | None = None, stream: IO[str] | None = None, interval: float | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.interval = PLAIN_INTERVAL if interval is None else interval
        self._lines = 0
        self._shown = 0  # files counted in the last line
        self.files = self.characters = self.failed = self.cached = 0
        self.started = self._last = time.perf_counter()
        self._bar: Any = None
        if _is_terminal(self.stream):
            self._bar, self._task = _rich_bar(self.stream, total)

    def advance(self, outcome: Outcome) -> None:
        """Count one outcome of `batch.process`."""
        self.advance_counts(outcome.input_characters, failed=outcome.failed, cached=outcome.cached)

    def advance_counts(self, characters: int, failed: bool, cached: bool) -> None:
        self.files += 1
        self.characters += characters
        self.failed += failed
        self.cached += cached
        if self._bar is not None:
            self._bar.update(self._task, advance=1, characters=self.characters)
            return
        now = time.perf_counter()
        if now - self._last >= self.interval:
            self._last = now
            self._line(now)

    def _line(self, now: float) -> None:
        seconds = max(now - self.started, 1e-9)
        of = f"/{self.total:,}" if self.total else ""
        noun = "file" if self.files == 1 and not self.total else "files"
        self.stream.write(
            f"cleaner: {self.files:,}{of} {noun} ({self.cached:,} cached, {self.failed:,} failed), "
            f"{self.characters:,} characters, {self.characters / seconds:,.0f} characters/s\n"
        )
        self.stream.flush()
        self._lines += 1
        self._shown = self.files

    def close(self) -> None:
        """Stop the bar, or end the plain lines with the totals (a run too short for any stays quiet; one whose
        last line holds them already does not print it twice).

        >>> import io
        >>> stream = io.StringIO()
        >>> progress = Progress(stream=stream, interval=0)
        >>> progress.advance_counts(characters=10, failed=False, cached=False)
        >>> progress.close()
        >>> len(stream.getvalue().splitlines())
        1
        """
        if self._bar is not None:
            self._bar.stop()
        elif self._lines and self.files != self._shown:
            self._line(time.perf_counter())

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _rich_bar(stream: IO[str], total: int | None) -> tuple[Any, Any]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as RichProgress
    from rich.text import Text

    class CharactersPerSecond(ProgressColumn):
        def render(self, task: Any) -> Text:
            elapsed = task.elapsed or 0
            rate = task.fields.get("characters", 0) / elapsed if elapsed else 0
            return Text(f"{rate:,.0f} chars/s")

    bar = RichProgress(
        TextColumn("cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        CharactersPerSecond(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=False,
    )
    task = bar.add_task("cleaning", total=total, characters=0)
    bar.start()
    return bar, task
