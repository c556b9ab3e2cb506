"""SARIF 2.1.0 output of `check`, for code-scanning dashboards; results are streamed file by file.

Columns count Unicode code points (`columnKind`), as the Python offsets of the report do. Each
result carries a `partialFingerprints` entry from `baseline.fingerprint`, so a dashboard keeps
recognising it after edits elsewhere in the file, and a fix when the finding proposes one.

>>> import io, json
>>> from cleaner.model import Change, Status
>>> from cleaner.report.formats import locate
>>> out = io.StringIO()
>>> sarif = SarifFormat(out)
>>> change = Change("normalize", "N102", "半角标点改为全角", 1, 2, ",", "，", Status.APPLIED, 1.0)
>>> sarif.file("a.txt", locate("a.txt", "好,的", [change], lambda c: True))
>>> sarif.finish([])
>>> result = json.loads(out.getvalue())["runs"][0]["results"][0]
>>> result["ruleId"], result["level"], result["locations"][0]["physicalLocation"]["region"]["startColumn"]
('N102', 'error', 2)
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable
from pathlib import PurePath
from typing import IO, Any
from urllib.parse import quote

from .. import __version__
from .formats import Located, describe

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "cleanerContext/v1"
# where the notifications go in the run's tail, laid out before them: a run never names a rule so
NOTIFICATIONS_MARK = "cleaner: the notifications of the files that failed"


def uri(path: str) -> str:
    """A relative file path as a URI reference (spaces and non-ASCII characters percent-encoded).

    >>> uri("报纸/第 1 版.txt")
    '%E6%8A%A5%E7%BA%B8/%E7%AC%AC%201%20%E7%89%88.txt'
    """
    return quote(PurePath(path).as_posix(), safe="/:")


def region(found: Located) -> dict[str, Any]:
    change = found.change
    return {
        "startLine": found.line,
        "startColumn": found.column,
        "endLine": found.end_line,
        "endColumn": found.end_column,
        "charOffset": change.start,
        "charLength": change.end - change.start,
        "snippet": {"text": change.before},
    }


def result(found: Located) -> dict[str, Any]:
    """One SARIF result object for one finding."""
    change = found.change
    location = {"artifactLocation": {"uri": uri(found.path)}, "region": region(found)}
    entry: dict[str, Any] = {
        "ruleId": change.rule,
        "level": found.level,
        "message": {"text": f"{found.message} [{describe(change)}]"},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {FINGERPRINT_KEY: found.fingerprint},
        "properties": {"stage": change.stage, "status": str(change.status), "confidence": change.confidence},
    }
    if found.occurrences > 1:
        entry["properties"]["occurrences"] = found.occurrences
    elif change.after is not None:  # a fix of the first of a page-wide rule's findings alone would fix a part
        replacement = {"deletedRegion": region(found), "insertedContent": {"text": change.after}}
        entry["fixes"] = [
            {
                "description": {"text": describe(change)},
                "artifactChanges": [{"artifactLocation": location["artifactLocation"], "replacements": [replacement]}],
            }
        ]
    return entry


class SarifFormat:
    """Writes one SARIF log with one run; results are written as files are checked."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stdout
        self.first = True
        self.rules: dict[str, dict[str, Any]] = {}
        self.stream.write(f'{{"$schema": "{SCHEMA}", "version": "2.1.0", "runs": [{{"results": [\n')

    def file(self, path: str, findings: list[Located]) -> None:
        for found in findings:
            rule = found.change.rule
            self.rules.setdefault(
                rule,
                {
                    "id": rule,
                    "shortDescription": {"text": found.change.message},
                    "properties": {"stage": found.change.stage},
                },
            )
            if not self.first:
                self.stream.write(",\n")
            self.first = False
            self.stream.write(json.dumps(result(found), ensure_ascii=False))

    def finish(self, failures: Iterable[tuple[str, str]]) -> None:
        """Close the log: the rules seen, and a notification for each of FAILURES (an archive's may be hundreds of
        thousands, `SpilledRows` on disk), written one at a time as `json.dumps(…, indent=1)` would lay them out."""
        driver = {
            "name": "cleaner",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [self.rules[rule] for rule in sorted(self.rules)],
        }
        remaining = iter(failures)
        first = next(remaining, None)
        invocation = {"executionSuccessful": first is None, "toolExecutionNotifications": NOTIFICATIONS_MARK}
        tail = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "invocations": [invocation]}
        # the run object is open: close the results array, then add the other members of the run
        laid_out = json.dumps(tail, ensure_ascii=False, indent=1)[1:]
        before, _, after = laid_out.rpartition(json.dumps(NOTIFICATIONS_MARK))
        self.stream.write("\n], " + before)
        if first is None:
            self.stream.write("[]")
        else:
            key_line = before.rsplit("\n", 1)[-1]  # '   "toolExecutionNotifications": ', indented by its depth
            depth = len(key_line) - len(key_line.lstrip(" "))
            inner = "\n" + " " * (depth + 1)
            for index, (path, error) in enumerate(itertools.chain([first], remaining)):
                laid = json.dumps(notification(path, error), ensure_ascii=False, indent=1).replace("\n", inner)
                self.stream.write(("[" if index == 0 else ",") + inner + laid)
            self.stream.write("\n" + " " * depth + "]")
        self.stream.write(after + "]}\n")
        self.stream.flush()


def notification(path: str, error: str) -> dict[str, Any]:
    """The SARIF notification of a file that could not be checked.

    >>> notification("a.bin", "is binary")["locations"][0]["physicalLocation"]["artifactLocation"]
    {'uri': 'a.bin'}
    """
    return {
        "level": "error",
        "message": {"text": error},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(path)}}}],
    }
