"""Reading a reviewer's decisions: report.csv (an `accept` column) or report.json (`accept` keys).

A spreadsheet may save report.csv with a byte-order mark or in GB18030, with its columns reordered,
emptied rows, CRLF inside cells, or a number where the run wrote 05: each is read back or refused
with the row named, before `cleaner apply` writes anything.

>>> change = Change("duplicates", "D101", "重复", 2, 4, "我们", "", Status.SUGGESTED, 0.5)
>>> accepted("是", change, "row 2"), accepted("否", change, "row 2"), accepted("", change, "row 2")
(True, False, False)
"""

from __future__ import annotations

import contextlib
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace
from io import StringIO
from pathlib import Path
from typing import Any

from ..decoding import decode
from ..errors import CleanerError, InputError
from ..model import Change, Status
from ..printable import printable
from ..report.replayed import CutShortReport, report_entries

YES = {"yes", "y", "true", "1", "x", "accept", "accepted", "是", "接受"}
NO = {"no", "n", "false", "0", "reject", "rejected", "否", "拒绝"}
# the report.csv columns a decision is rebuilt from; the others (message, confidence, accept) may go
CSV_NEEDED = ("path", "stage", "rule", "start", "end", "before", "after", "status")


class DecisionError(CleanerError):
    """Decisions that cannot be carried out: unreadable, contradictory, or not fitting the input."""


@dataclass(frozen=True, slots=True)
class Decision:
    """A change from a report, whether the reviewer accepts it, and where it was decided (for errors)."""

    change: Change
    accept: bool
    where: str


def accepted(value: object, change: Change, where: str) -> bool:
    """Read an accept cell: yes/no words, booleans, or empty for the default (yes only if applied).

    >>> c = Change("s", "R", "m", 0, 1, "a", "b", Status.SUGGESTED, 0.5)
    >>> accepted("Yes", c, "row 2"), accepted("", c, "row 2"), accepted(None, c, "row 2")
    (True, False, False)
    """
    if isinstance(value, bool):
        return value
    word = "" if value is None else str(value).strip().lower()
    if not word or word == "nan":
        return change.status is Status.APPLIED
    if word in YES:
        return True
    if word in NO:
        return False
    raise DecisionError(f"{where}: accept is {value!r}; write yes or no (是 or 否)")


@dataclass(frozen=True, slots=True)
class ReviewedRun:
    """What a reviewed report says of a run: the decisions per document path (every document of the
    run has an entry, those without changes too), and the SHA-256 of each input as the run read it."""

    decisions: dict[str, list[Decision]]
    digests: dict[str, str]
    # the inputs the run could not clean, with its reason (report.json's summary.failed)
    failed: dict[str, str] = field(default_factory=dict)


def read_decisions(path: Path) -> ReviewedRun:
    """The decisions of a report.csv (with an accept column) or a report.json (accept keys).

    report.json lists every document with its digest; report.csv has rows only for changes, so
    the report.json beside it, when there is one that reads, adds the documents without changes
    and the digests.

    >>> import tempfile
    >>> report = Path(tempfile.mkdtemp()) / "report.json"
    >>> _ = report.write_text('{"documents": [{"path": "a.txt", "sha256": "ab", "changes": []}]}', encoding="utf-8")
    >>> run = read_decisions(report)
    >>> dict(run.decisions), run.digests
    ({'a.txt': []}, {'a.txt': 'ab'})
    """
    try:
        if path.suffix.lower() == ".json":
            documents, summary = _run_report(path)
            return ReviewedRun(_json_decisions(path, documents), _digests(documents), _failed(summary))
        decisions = _csv_decisions(path)
    except OSError as error:
        raise DecisionError(f"{path}: cannot be read ({error.strerror or error})") from None
    except CutShortReport as error:
        raise DecisionError(f"{path}: is cut short ({error}); copy it again whole, or clean again") from None
    except (ValueError, KeyError, TypeError) as error:
        raise DecisionError(f"{path}: is not a cleaner report ({error}); give report.csv or report.json") from None
    beside = path.with_name("report.json")
    try:
        documents, summary = _run_report(beside)
    except CutShortReport as error:  # its SHA-256s would vouch for some inputs and not for others
        raise DecisionError(
            f"{beside}: is cut short ({error}); copy it again whole beside {path.name}, or remove it to decide "
            "by the CSV alone"
        ) from None
    except (OSError, ValueError, KeyError, TypeError):
        documents, summary = [], {}  # no report.json beside it, or none that reads: the CSV alone decides
    for document in documents:
        name = str(document["path"])
        if (shown := printable(name)) != name and shown in decisions:  # report.csv escapes a newline in a name
            decisions[name] = decisions.pop(shown)
        decisions.setdefault(name, [])
    _check_replacements(decisions, documents)
    return ReviewedRun(decisions, _digests(documents), _failed(summary))


def _failed(summary: dict[str, Any]) -> dict[str, str]:
    """The inputs a run's report summary lists as failed, with their reasons; none when it lists none.

    >>> _failed({"failed": [{"path": "a.txt", "error": "a.txt: not UTF-8"}]}), _failed({})
    ({'a.txt': 'a.txt: not UTF-8'}, {})
    """
    try:
        return {str(failure["path"]): str(failure["error"]) for failure in summary.get("failed", [])}
    except (KeyError, TypeError):
        return {}


def _check_replacements(decisions: dict[str, list[Decision]], documents: list[dict[str, Any]]) -> None:
    """Refuse a CSV row whose `after` differs from what the run proposed at its span (report.json):
    a spreadsheet that opened the file read the cell as a number and saved it so (０５ made half width
    is 05, saved as 5; 1.50 as 1.5), and applied it would write that into the text.

    >>> c = Change("normalize", "N101", "m", 0, 2, "０５", "5", Status.APPLIED, 1.0)
    >>> documents = [{"path": "a.txt", "changes": [{**c.as_dict(), "after": "05"}]}]
    >>> _check_replacements({"a.txt": [Decision(c, True, "report.csv row 2")]}, documents)
    Traceback (most recent call last):
    cleaner.commands.decisions.DecisionError: report.csv row 2: N101 at 0:2 has after '5' but the run proposed '05'; \
restore it from the report (a spreadsheet reads 05 as 5 unless the column is imported as text)
    """
    proposed: dict[tuple[str, str, int, int], set[str | None]] = defaultdict(set)
    for document in documents:
        for row in document.get("changes") or ():
            with contextlib.suppress(KeyError, TypeError, AttributeError):
                proposed[str(document["path"]), row["rule"], row["start"], row["end"]].add(row.get("after"))
    for path, chosen in decisions.items():
        for decision in chosen:
            change = decision.change
            afters = proposed.get((path, change.rule, change.start, change.end))
            if afters and change.after not in afters:
                raise DecisionError(
                    f"{decision.where}: {change.rule} at {change.start}:{change.end} has after {change.after!r} "
                    f"but the run proposed {sorted(afters, key=str)[0]!r}; restore it from the report "
                    "(a spreadsheet reads 05 as 5 unless the column is imported as text)"
                )


def _run_report(path: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The documents of a report.json, each a dict with its path, and its summary, read one line at a time as the
    review pages read them: the file's whole text, held at once beside its parse, would double what a large batch's
    report costs."""
    entries, summary = report_entries(path)
    documents = [d for d in entries if isinstance(d, dict) and "path" in d]
    return documents, summary  # the summary is filled in once the entries are read


def _digests(documents: list[dict[str, Any]]) -> dict[str, str]:
    """Each document's recorded SHA-256, by path.

    >>> _digests([{"path": "a.txt", "sha256": "ab"}, {"path": "b.txt"}])
    {'a.txt': 'ab'}
    """
    return {str(d["path"]): str(d["sha256"]) for d in documents if d.get("sha256")}


def _csv_decisions(path: Path) -> dict[str, list[Decision]]:
    # An editor's spreadsheet program may save it with a byte-order mark, or in GB18030 (Excel on a
    # Chinese Windows): read it as any input is read.
    try:
        text, _ = decode(path.read_bytes(), str(path))
    except InputError as error:  # binary: its advice (remove it, or convert it) is an input's, not a report's
        what = error.reason.partition(";")[0]
        raise DecisionError(f"{path}: is not a cleaner report ({what}); give report.csv or report.json") from None
    decisions: dict[str, list[Decision]] = defaultdict(list)
    # a cell holds what a change took out, which on a page of one long line can be millions of
    # characters: the csv module's default limit (131,072) refused reports the cleaner wrote
    csv.field_size_limit(sys.maxsize)
    with StringIO(text.removeprefix("\ufeff"), newline="") as stream:
        records = csv.reader(stream)
        header = [name.strip() for name in next(records, [])]
        if missing := [name for name in CSV_NEEDED if name not in header]:
            raise DecisionError(
                f"{path}: is not a cleaner report (no {', '.join(missing)} column); give report.csv or report.json"
            )
        # numbered as a spreadsheet numbers its rows: an empty line is a row there too
        for number, cells in enumerate(records, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # a row a spreadsheet emptied, saved as a blank line or as bare commas
            where = f"{path} row {number}"
            row: dict[str, Any] = dict(zip(header, cells, strict=False))
            if row.get("after") == "" and row.get("status") == "flagged":
                row["after"] = None  # CSV cannot tell an empty replacement from none; a flag has none
            try:
                change = Change.from_dict(_line_ends_restored(row))
            except (ValueError, KeyError) as error:
                raise DecisionError(f"{where}: is no report row ({error}); restore it from the report") from None
            decisions[row["path"]].append(Decision(change, accepted(row.get("accept"), change, where), where))
    return decisions


def _line_ends_restored(row: dict[str, Any]) -> dict[str, Any]:
    """A CSV row whose replacement an editor gave CRLF line ends (saving the whole file with Windows line ends),
    with LF back, as the report wrote it: a replacement never holds a CR (normalize removes them first). A
    `before` cell is matched with the page itself (`with_page_line_ends`), whichever way its line ends went.

    >>> _line_ends_restored({"before": "\\r\\n\\r\\n", "after": "\\r\\n"})
    {'before': '\\r\\n\\r\\n', 'after': '\\n'}
    """
    after = row.get("after")
    if isinstance(after, str) and "\r\n" in after:
        row["after"] = after.replace("\r\n", "\n")
    return row


def with_page_line_ends(decision: Decision, original: str) -> Decision:
    """DECISION with the page's own text as its `before` where its cell differs from ORIGINAL only in CRLF against LF.

    A tool that rewrote the file changed the cell's line ends, not the decision: an editor saving with Windows line
    ends adds a CR to each LF of a cell, and Python's csv read without newline='' (or Excel on some systems) takes
    the CR of a CRLF page's cell away. Both were refused as "its before column was edited".

    >>> change = Change("normalize", "N105", "m", 1, 3, "\\n", "\\n", Status.APPLIED, 1.0)
    >>> with_page_line_ends(Decision(change, True, "row 2"), "a\\r\\nb").change.before
    '\\r\\n'
    >>> with_page_line_ends(Decision(replace(change, before="x"), True, "row 2"), "a\\r\\nb").change.before
    'x'
    """
    change = decision.change
    page = original[change.start : change.end]
    if page == change.before or ("\r" not in page and "\r" not in change.before):
        return decision
    if page.replace("\r\n", "\n") != change.before.replace("\r\n", "\n"):
        return decision
    return replace(decision, change=replace(change, before=page))


def _json_decisions(path: Path, documents: list[dict[str, Any]]) -> dict[str, list[Decision]]:
    decisions: dict[str, list[Decision]] = defaultdict(list)
    for document in documents:
        decisions[str(document["path"])] = []
        for number, row in enumerate(document["changes"], start=1):
            where = f"{path} {document['path']} change {number}"
            change = Change.from_dict(row)
            decisions[document["path"]].append(Decision(change, accepted(row.get("accept"), change, where), where))
    return decisions
