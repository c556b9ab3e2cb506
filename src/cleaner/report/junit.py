"""JUnit XML output of `check`, for CI systems that show test reports: one test suite per file.

Each finding is a test case, failed when it matches `--fail-on`; a file without findings is one
passing test case, so every checked file shows up.

>>> import io
>>> import xml.etree.ElementTree as ET
>>> from cleaner.model import Change, Status
>>> from cleaner.report.formats import locate
>>> out = io.StringIO()
>>> junit = JunitFormat(out)
>>> change = Change("duplicates", "D101", "重复的词语", 0, 2, "我们", "", Status.SUGGESTED, 0.5)
>>> junit.file("a.txt", locate("a.txt", "我们我们", [change], lambda c: c.status == "flagged"))
>>> junit.file("b.txt", [])
>>> junit.finish([("c.txt", "is binary")])
>>> root = ET.fromstring(out.getvalue())
>>> [(s.get("name"), s.get("tests"), s.get("failures"), s.get("errors")) for s in root]
[('a.txt', '1', '0', '0'), ('b.txt', '1', '0', '0'), ('c.txt', '1', '0', '1')]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import IO
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr

from ..printable import printable
from .formats import LinesFormat, Located

# XML 1.0 cannot hold these even as character references; OCR text sometimes does
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def legal(text: str) -> str:
    """Text with the characters XML cannot hold shown as escapes.

    >>> legal("a\\x0cb")
    'a\\\\x0cb'
    """
    return ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "\\ufffd", text)


def escape(text: str) -> str:
    return _escape(legal(text))


def quoteattr(text: str) -> str:
    return _quoteattr(legal(text))


class JunitFormat:
    """Writes `<testsuites>` with one `<testsuite>` per checked (or unreadable) file."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stdout
        self.stream.write('<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="cleaner check">\n')

    def _suite(self, path: str, cases: list[str], failures: int = 0, errors: int = 0) -> None:
        self.stream.write(
            f'<testsuite name={quoteattr(path)} tests="{len(cases)}" failures="{failures}" errors="{errors}">\n'
        )
        self.stream.writelines(cases)
        self.stream.write("</testsuite>\n")

    def file(self, path: str, findings: list[Located]) -> None:
        path = printable(path)  # a newline in a name: XML keeps it, and a CI's test list shows two lines
        if not findings:
            self._suite(path, [f'<testcase name="clean" classname={quoteattr(path)}/>\n'])
            return
        cases = []
        for found in findings:
            change = found.change
            name = quoteattr(f"{change.rule} line {found.line}, column {found.column}")
            line = LinesFormat.line(found)
            if found.failing:
                attributes = f"message={quoteattr(found.message)} type={quoteattr(change.rule)}"
                body = f"<failure {attributes}>{escape(line)}</failure>"
            else:
                body = f"<system-out>{escape(line)}</system-out>"
            cases.append(f"<testcase name={name} classname={quoteattr(path)}>{body}</testcase>\n")
        self._suite(path, cases, failures=sum(f.failing for f in findings))

    def finish(self, failures: Iterable[tuple[str, str]]) -> None:
        for name, error in failures:
            path = printable(name)
            case = f'<testcase name="read" classname={quoteattr(path)}><error message={quoteattr(error)}/></testcase>\n'
            self._suite(path, [case], errors=1)
        self.stream.write("</testsuites>\n")
        self.stream.flush()
