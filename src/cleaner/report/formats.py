"""Findings placed in a file (line, column, fingerprint), and the line-oriented output formats of `check`.

Every format is a small class with `file(path, findings)` called once per checked file as the batch
streams, and `finish(failures)` at the end, so a huge batch is never held in memory.

>>> from cleaner.model import Change, Status
>>> change = Change("normalize", "N102", "半角标点改为全角", 5, 6, ",", "，", Status.APPLIED, 1.0)
>>> [finding] = locate("a.txt", "第一行\\n好,的", [change], lambda c: True)
>>> finding.line, finding.column, finding.end_line, finding.end_column
(2, 2, 2, 3)
>>> LinesFormat.line(finding)
'a.txt:2:2: N102 半角标点改为全角 [applied: "," → "，"]'
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from typing import IO, ClassVar, Protocol

from ..model import Change, Status
from ..printable import printable
from .baseline import fingerprint


@dataclass(frozen=True, slots=True)
class Located:
    """A change as `check` reports it: where it is (1-based line and column), its fingerprint, and
    whether it fails the gate (`--fail-on`)."""

    path: str
    change: Change
    line: int
    column: int
    end_line: int
    end_column: int
    fingerprint: str
    failing: bool
    occurrences: int = 1  # more: the first of a page-wide rule's findings, standing for them all (`one_per_page`)

    @property
    def message(self) -> str:
        """The change's message, and how many findings it stands for when it stands for more than itself."""
        if self.occurrences == 1:
            return self.change.message
        return f"{self.change.message}（全文共 {self.occurrences:,} 处，只标出此处）"

    @property
    def level(self) -> str:
        """SARIF level: a gating finding is an error, an open question a warning, a done fix a note."""
        if self.failing:
            return "error"
        return "warning" if self.change.status in (Status.FLAGGED, Status.SUGGESTED) else "note"


class LineIndex:
    """Turns str offsets into 1-based (line, column), columns counted in characters.

    >>> LineIndex("ab\\ncd").position(3)
    (2, 1)
    """

    def __init__(self, text: str) -> None:
        self.starts = [0]
        newline = text.find("\n")
        while newline != -1:  # a step per line, not per character
            self.starts.append(newline + 1)
            newline = text.find("\n", newline + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def locate(path: str, text: str, changes: Iterable[Change], gate: Callable[[Change], bool]) -> list[Located]:
    """Place each change of one document: positions from its ORIGINAL offsets, plus fingerprint."""
    index = LineIndex(text)
    found = []
    for change in changes:
        line, column = index.position(change.start)
        end_line, end_column = index.position(change.end)
        found.append(
            Located(
                path=path,
                change=change,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                fingerprint=fingerprint(change.rule, text, change.start, change.end),
                failing=gate(change),
            )
        )
    return found


def one_per_page(found: list[Located], page_wide: Collection[str]) -> list[Located]:
    """One page's findings with those of a page-wide rule (PAGE_WIDE: `RuleSet.one_per_page`, the rules whose
    findings are one fact about a page, such as its CRLF line ends) folded into the first of each kind (the same text
    replaced by the same, at one level: a line end a join superseded, `skipped`, is still the page's line end, and on
    the same side of the gate is the same fact), its message saying how many it stands for. A kind is shown at its
    first applied finding, so that its status says what became of the page's line ends.

    >>> crlf = [Change("normalize", "N105", "换行", at, at + 2, "\\r\\n", "\\n", Status.APPLIED, 1.0) for at in (1, 4)]
    >>> found = locate("a.txt", "甲\\r\\n乙\\r\\n", crlf, bool)
    >>> [(f.line, f.occurrences, f.message) for f in one_per_page(found, {"N105"})]
    [(1, 2, '换行（全文共 2 处，只标出此处）')]
    >>> len(one_per_page(found, set()))
    2
    """
    kinds: dict[tuple[str, str, str | None, str], list[Located]] = {}
    for f in found:
        if f.change.rule in page_wide:
            kinds.setdefault((f.change.rule, f.change.before, f.change.after, f.level), []).append(f)
    if not kinds:
        return found
    # each kind shown at its first applied finding (the page's line ends were changed), else at its first
    shown = {
        id(next((f for f in kind if f.change.status is Status.APPLIED), kind[0])): len(kind) for kind in kinds.values()
    }
    return [
        replace(f, occurrences=shown[id(f)]) if id(f) in shown and shown[id(f)] > 1 else f
        for f in found
        if f.change.rule not in page_wide or id(f) in shown
    ]


def describe(change: Change) -> str:
    """What happened, briefly: the status, and the text before and after when there is a fix.

    >>> describe(Change("s", "R", "m", 0, 2, "\\n\\n", "", Status.SUGGESTED, 0.5))
    'suggested: "\\\\n\\\\n" → ""'
    """
    if change.after is None:
        return f"{change.status}: {quote(change.before)}"
    return f"{change.status}: {quote(change.before)} → {quote(change.after)}"


def quote(text: str) -> str:
    """Quote a short piece of text on one line, each control or invisible character written as an escape.

    A form feed or a vertical tab (N105) printed raw broke a CI log's line or a terminal's page, and a BOM or a
    zero-width space (N106) printed raw showed an empty pair of quotes.

    >>> print(quote("第一版\\f第二版"), quote("\\ufeff"), quote("a\\\\n"))
    "第一版\\x0c第二版" "\\ufeff" "a\\\\n"
    """
    shown = text if len(text) <= 40 else text[:37] + "..."
    return '"' + printable(shown.replace("\\", "\\\\"), invisible=True) + '"'


class Format(Protocol):
    """An output format of `check`: fed file by file, closed once."""

    def file(self, path: str, findings: list[Located]) -> None: ...

    def finish(self, failures: Iterable[tuple[str, str]]) -> None: ...


class LinesFormat:
    """`path:line:col: RULE message [status: before → after]`, one line per finding (like a compiler)."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stdout

    @staticmethod
    def line(found: Located) -> str:
        change = found.change
        where = f"{printable(found.path)}:{found.line}:{found.column}"
        return f"{where}: {change.rule} {found.message} [{describe(change)}]"

    def file(self, path: str, findings: list[Located]) -> None:
        for found in findings:
            self.stream.write(self.line(found) + "\n")

    def write_encoded(self, lines: bytes) -> None:
        """Write lines already encoded as UTF-8: straight to the byte stream beneath when it takes UTF-8.

        >>> import io
        >>> text_only = io.StringIO()
        >>> LinesFormat(text_only).write_encoded("a.txt:1:1: N101 全角\\n".encode())
        >>> text_only.getvalue()
        'a.txt:1:1: N101 全角\\n'
        >>> raw = io.BytesIO()
        >>> wrapped = io.TextIOWrapper(raw, encoding="utf-8")
        >>> output = LinesFormat(wrapped)
        >>> output.stream.write("first\\n"); output.write_encoded("second\\n".encode()); raw.getvalue()
        6
        b'first\\nsecond\\n'
        """
        buffer = getattr(self.stream, "buffer", None)
        if buffer is not None and (getattr(self.stream, "encoding", "") or "").lower().replace("-", "") == "utf8":
            self.stream.flush()  # what went to the text layer comes first
            buffer.write(lines)
        else:
            self.stream.write(lines.decode("utf-8"))

    def finish(self, failures: Iterable[tuple[str, str]]) -> None:
        self.stream.flush()


def escape_data(text: str) -> str:
    """Escape a GitHub workflow command's message.

    >>> escape_data("50%\\nmore")
    '50%25%0Amore'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a GitHub workflow command's property value (file names may hold `:` and `,`).

    >>> escape_property("a,b:c.txt")
    'a%2Cb%3Ac.txt'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormat(LinesFormat):
    """GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

    LEVELS: ClassVar[dict[str, str]] = {"error": "error", "warning": "warning", "note": "notice"}

    @staticmethod
    def line(found: Located) -> str:
        change = found.change
        properties = ",".join(
            [
                f"file={escape_property(found.path)}",
                f"line={found.line}",
                f"col={found.column}",
                f"endLine={found.end_line}",
                f"endColumn={found.end_column}",
                f"title={escape_property(f'{change.rule} ({change.stage})')}",
            ]
        )
        message = escape_data(f"{found.message} [{describe(change)}]")
        return f"::{GithubFormat.LEVELS[found.level]} {properties}::{message}"

    def finish(self, failures: Iterable[tuple[str, str]]) -> None:
        for path, error in failures:
            self.stream.write(f"::error file={escape_property(path)}::{escape_data(error)}\n")
        self.stream.flush()


def make_format(name: str, stream: IO[str] | None = None) -> Format:
    """The output format called NAME (one of FORMATS)."""
    if name == "sarif":
        from .sarif import SarifFormat

        return SarifFormat(stream)
    if name == "junit":
        from .junit import JunitFormat

        return JunitFormat(stream)
    return GithubFormat(stream) if name == "github" else LinesFormat(stream)


FORMATS = ("lines", "github", "sarif", "junit")
