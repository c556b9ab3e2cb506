"""Reading a reviewer's decisions: report.csv (an `accept` column) or report.json (`accept` keys).

A spreadsheet may save report.csv with a byte-order mark or in GB18030, with its columns reordered,
emptied rows, CRLF inside cells, or a number where the run wrote 05: each is read back or refused
with the row named, before `cleaner apply` writes anything.

>>> change = Change("duplicates", "D101", "重复", 2, 4, "我们", "", Status.SUGGESTED, 0.5)
>>> accepted("是", change, "row 2"), accepted("否", change, "row 2"), accepted("", change, "row 2")
(True, False, False)
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from io import StringIO
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from ..decoding import decode
from ..errors import CleanerError, InputError
from ..model import Change, Status
from ..printable import printable
from ..report.replayed import CutShortReport, report_entries
from .decision_index import Decision, DecisionIndex

YES = {"yes", "y", "true", "1", "x", "accept", "accepted", "是", "接受"}
NO = {"no", "n", "false", "0", "reject", "rejected", "否", "拒绝"}
# the report.csv columns a decision is rebuilt from; the others (message, confidence, accept) may go
CSV_NEEDED = ("path", "stage", "rule", "start", "end", "before", "after", "status")
# a report.csv longer than this is read as it comes when it is UTF-8 (its first block is decoded as an input is,
# which costs some times its size in memory)
CSV_SAMPLE_BYTES = 256 << 10


class DecisionError(CleanerError):
    """Decisions that cannot be carried out: unreadable, contradictory, or not fitting the input."""


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
    run has an entry, those without changes too) and the SHA-256 of each input as the run read it, kept
    on disk (`DecisionIndex`) until `close`."""

    decisions: DecisionIndex
    # the inputs the run could not clean, with its reason (report.json's summary.failed)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def digests(self) -> dict[str, str]:
        """Every recorded SHA-256 by path, for a small run: apply looks an archive's up one at a time."""
        return self.decisions.digests()

    def close(self) -> None:
        self.decisions.close()


def read_decisions(path: Path) -> ReviewedRun:
    """The decisions of a report.csv (with an accept column) or a report.json (accept keys).

    report.json lists every document with its digest; report.csv has rows only for changes, so
    the report.json beside it, when there is one that reads, adds the documents without changes
    and the digests. Both are read once, a row at a time, into a `DecisionIndex` on disk.

    >>> import tempfile
    >>> report = Path(tempfile.mkdtemp()) / "report.json"
    >>> _ = report.write_text('{"documents": [{"path": "a.txt", "sha256": "ab", "changes": []}]}', encoding="utf-8")
    >>> run = read_decisions(report)
    >>> dict(run.decisions), run.digests
    ({'a.txt': []}, {'a.txt': 'ab'})
    >>> run.close()
    """
    index = DecisionIndex()
    try:
        return ReviewedRun(index, _read_into(index, path))
    except BaseException:
        index.close()
        raise


def _read_into(index: DecisionIndex, path: Path) -> dict[str, str]:
    """Read the decisions at PATH (and a report.json beside a CSV) into INDEX; the run's failed inputs."""
    try:
        if path.suffix.lower() == ".json":
            entries, summary = report_entries(path)
            _json_decisions(index, path, _documents(entries))
            return _failed(summary)
        _csv_decisions(index, path)
    except OSError as error:
        raise DecisionError(f"{path}: cannot be read ({error.strerror or error})") from None
    except CutShortReport as error:
        raise DecisionError(f"{path}: is cut short ({error}); copy it again whole, or clean again") from None
    except (ValueError, KeyError, TypeError) as error:
        raise DecisionError(f"{path}: is not a cleaner report ({error}); give report.csv or report.json") from None
    beside = path.with_name("report.json")
    index.savepoint()  # a report.json that does not read adds nothing: the CSV alone decides
    try:
        entries, summary = report_entries(beside)
        for document in _documents(entries):
            name = str(document["path"])
            if (shown := printable(name)) != name and shown in index:  # report.csv escapes a newline in a name
                index.rename(shown, name)
            index.add_document(name, _digest(document))
            for row in document.get("changes") or ():
                with contextlib.suppress(KeyError, TypeError, AttributeError):
                    index.propose(name, row["rule"], row["start"], row["end"], row.get("after"))
    except CutShortReport as error:  # its SHA-256s would vouch for some inputs and not for others
        raise DecisionError(
            f"{beside}: is cut short ({error}); copy it again whole beside {path.name}, or remove it to decide "
            "by the CSV alone"
        ) from None
    except (OSError, ValueError, KeyError, TypeError):
        index.rollback()  # no report.json beside it, or none that reads
        summary = {}
    else:
        index.rollback(keep=True)
    _check_replacements(index)
    return _failed(summary)


def _documents(entries: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """The document entries of a report.json, each a dict with its path."""
    return (d for d in entries if isinstance(d, dict) and "path" in d)


def _digest(document: dict[str, Any]) -> str | None:
    """A document's recorded SHA-256, or None.

    >>> _digest({"path": "a.txt", "sha256": "ab"}), _digest({"path": "b.txt"})
    ('ab', None)
    """
    return str(document["sha256"]) if document.get("sha256") else None


def _failed(summary: dict[str, Any]) -> dict[str, str]:
    """The inputs a run's report summary lists as failed, with their reasons; none when it lists none.

    >>> _failed({"failed": [{"path": "a.txt", "error": "a.txt: not UTF-8"}]}), _failed({})
    ({'a.txt': 'a.txt: not UTF-8'}, {})
    """
    try:
        return {str(failure["path"]): str(failure["error"]) for failure in summary.get("failed", [])}
    except (KeyError, TypeError):
        return {}


def _check_replacements(index: DecisionIndex) -> None:
    """Refuse a CSV row whose `after` differs from what the run proposed at its span (report.json):
    a spreadsheet that opened the file read the cell as a number and saved it so (０５ made half width
    is 05, saved as 5; 1.50 as 1.5), and applied it would write that into the text.

    >>> c = Change("normalize", "N101", "m", 0, 2, "０５", "5", Status.APPLIED, 1.0)
    >>> index = DecisionIndex(); index.add("a.txt", Decision(c, True, "report.csv row 2"))
    >>> index.propose("a.txt", "N101", 0, 2, "05")
    >>> _check_replacements(index)
    Traceback (most recent call last):
    cleaner.commands.decisions.DecisionError: report.csv row 2: N101 at 0:2 has after '5' but the run proposed '05'; \
restore it from the report (a spreadsheet reads 05 as 5 unless the column is imported as text)
    """
    if (replaced := index.first_replaced()) is None:
        return
    decision, proposed = replaced
    change = decision.change
    raise DecisionError(
        f"{decision.where}: {change.rule} at {change.start}:{change.end} has after {change.after!r} "
        f"but the run proposed {proposed!r}; restore it from the report "
        "(a spreadsheet reads 05 as 5 unless the column is imported as text)"
    )


def _csv_decisions(index: DecisionIndex, path: Path) -> None:
    # a cell holds what a change took out, which on a page of one long line can be millions of
    # characters: the csv module's default limit (131,072) refused reports the cleaner wrote
    csv.field_size_limit(sys.maxsize)
    with _csv_text(path) as stream:
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
            index.add(row["path"], Decision(change, accepted(row.get("accept"), change, where), where))


def _csv_text(path: Path) -> TextIO:
    """The text of a report.csv, as a stream: read as it comes when it is UTF-8 (with a byte-order mark or none),
    else whole, as any input is read: an editor's spreadsheet program may save it in GB18030 (Excel on a Chinese
    Windows).

    Whether the file is UTF-8 is read off its bytes a block at a time; its first block is decoded as an input is, so
    what `decode` refuses (binary) or reads otherwise (UTF-8 mis-read as GBK and saved again) is found there.
    """
    with path.open("rb") as raw:
        sample = raw.read(CSV_SAMPLE_BYTES)
        streamed = len(sample) == CSV_SAMPLE_BYTES and _all_utf8(sample, raw)
    if streamed:
        try:
            streamed = decode(sample[: sample.rfind(b"\n") + 1], str(path))[1] == "utf-8"
        except InputError:
            streamed = False  # decoded whole below, to be refused as before
    if streamed:
        return path.open(encoding="utf-8-sig", newline="")
    try:
        text, _ = decode(path.read_bytes(), str(path))
    except InputError as error:  # binary: its advice (remove it, or convert it) is an input's, not a report's
        what = error.reason.partition(";")[0]
        raise DecisionError(f"{path}: is not a cleaner report ({what}); give report.csv or report.json") from None
    return StringIO(text.removeprefix("\ufeff"), newline="")


def _all_utf8(first: bytes, rest: BinaryIO) -> bool:
    """Whether FIRST and what is left of REST are UTF-8, read a block at a time."""
    reader = codecs.getincrementaldecoder("utf-8")()
    try:
        reader.decode(first)
        while block := rest.read(CSV_SAMPLE_BYTES):
            reader.decode(block)
        reader.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


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


def _json_decisions(index: DecisionIndex, path: Path, documents: Iterable[dict[str, Any]]) -> None:
    for document in documents:
        name = str(document["path"])
        index.add_document(name, _digest(document))
        for number, row in enumerate(document["changes"], start=1):
            where = f"{path} {document['path']} change {number}"
            change = Change.from_dict(row)
            index.add(name, Decision(change, accepted(row.get("accept"), change, where), where))
