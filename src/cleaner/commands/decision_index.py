"""A reviewed run's decisions kept by document path on disk, so `cleaner apply` holds one page's rows at a time.

An archive's report.csv may hold hundreds of thousands of rows in any order (a spreadsheet sorts a page's rows
apart), so they are read once into a private sqlite database (`seen_keys.private_database`), with each document's
SHA-256, and looked up page by page. An input file finds its report path in one lookup: every path is indexed under
each of its tails (`path_tails`), so the one path ending in the input's relative path is found without a scan.

>>> index = DecisionIndex()
>>> change = Change("duplicates", "D101", "重复", 2, 4, "我们", "", Status.SUGGESTED, 0.5)
>>> index.add("pages/a.txt", Decision(change, True, "row 2")); index.add_document("pages/b.txt", "ab")
>>> index.key_for(Path("/abs/pages/a.txt"), Path("a.txt")), index.digest("pages/b.txt")
('pages/a.txt', 'ab')
>>> [d.where for d in index["pages/a.txt"]], index["pages/b.txt"], len(index)
(['row 2'], [], 2)
>>> index.close()
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Change, Status
from ..printable import printable
from ..seen_keys import private_database

# documents in the order they came (rowid), a row's span and after as JSON (a report.json may hold any value there)
SCHEMA = (
    "CREATE TABLE documents (n INTEGER PRIMARY KEY, path BLOB UNIQUE, sha256 TEXT)",
    "CREATE TABLE tails (tail BLOB, path BLOB, PRIMARY KEY (tail, path)) WITHOUT ROWID",
    "CREATE TABLE rows (n INTEGER PRIMARY KEY, path BLOB, span TEXT, after TEXT, decision TEXT)",
    "CREATE INDEX rows_by_path ON rows (path, n)",
    "CREATE TABLE proposed (path BLOB, span TEXT, after TEXT)",
    "CREATE INDEX proposed_by_span ON proposed (path, span)",
)


@dataclass(frozen=True, slots=True)
class Decision:
    """A change from a report, whether the reviewer accepts it, and where it was decided (for errors)."""

    change: Change
    accept: bool
    where: str


def path_tails(key: str) -> list[str]:
    """KEY and every part of it after a slash: the relative paths an input may have that KEY names.

    >>> path_tails("/abs/pages/a.txt")
    ['/abs/pages/a.txt', 'abs/pages/a.txt', 'pages/a.txt', 'a.txt']
    """
    tails = [key]
    at = key.find("/")
    while at != -1:
        tails.append(key[at + 1 :])
        at = key.find("/", at + 1)
    return tails


def exact_keys(path: Path) -> tuple[str, str, str]:
    """The keys a report may name an input file by: its path as given, with slashes, and escaped as report.csv
    alone escapes a newline in a name.

    >>> exact_keys(Path("pages/a\\nb.txt"))
    ('pages/a\\nb.txt', 'pages/a\\nb.txt', 'pages/a\\\\nb.txt')
    """
    return str(path), path.as_posix(), printable(path.as_posix())


def matching_key(recorded: Mapping[str, object], path: Path, relative: Path) -> str | None:
    """The report's path for an input file among RECORDED's keys: its path, else the one path that ends in its
    relative path (a scan: for the few keys of a run's failures; `DecisionIndex.key_for` looks up the decisions).

    >>> matching_key({"pages/a.txt": 1}, Path("/abs/pages/a.txt"), Path("a.txt"))
    'pages/a.txt'
    """
    for key in exact_keys(path):
        if key in recorded:
            return key
    tail = relative.as_posix()
    candidates = [key for key in recorded if key == tail or key.endswith("/" + tail)]
    return candidates[0] if len(candidates) == 1 else None


class DecisionIndex(Mapping[str, list[Decision]]):
    """The decisions per document path (every document of the run has an entry, those without changes too) and the
    SHA-256 of each input as the run read it, in a private database on disk that `close` removes."""

    def __init__(self) -> None:
        self._db = private_database(SCHEMA[0])
        for statement in SCHEMA[1:]:
            self._db.execute(statement)
        self._last_path: str | None = None  # a page's rows come together: its document is known after its first

    def close(self) -> None:
        self._db.close()

    def add_document(self, path: str, sha256: str | None = None) -> None:
        """Record a document of the run (with its digest when the report gives one), with or without rows."""
        insert = "INSERT OR IGNORE INTO documents (path, sha256) VALUES (?, ?)"
        added = self._db.execute(insert, (_stored(path), sha256))
        if added.rowcount:
            rows = ((_stored(tail), _stored(path)) for tail in path_tails(path))
            self._db.executemany("INSERT OR IGNORE INTO tails VALUES (?, ?)", rows)
        elif sha256 is not None:
            self._db.execute("UPDATE documents SET sha256 = ? WHERE path = ?", (sha256, _stored(path)))

    def add(self, path: str, decision: Decision) -> None:
        """Append DECISION to the rows of the document at PATH."""
        if path != self._last_path:
            self.add_document(path)
            self._last_path = path
        change = decision.change
        stored = [*change.as_dict().values(), decision.accept, decision.where]
        self._db.execute(
            "INSERT INTO rows (path, span, after, decision) VALUES (?, ?, ?, ?)",
            (_stored(path), _span(change.rule, change.start, change.end), json.dumps(change.after), json.dumps(stored)),
        )

    def rename(self, shown: str, name: str) -> None:
        """Give the rows recorded under SHOWN (a name report.csv escaped) to the document NAME."""
        self._db.execute("UPDATE rows SET path = ? WHERE path = ?", (_stored(name), _stored(shown)))
        for table in ("tails", "documents"):
            self._db.execute(f"DELETE FROM {table} WHERE path = ?", (_stored(shown),))
        self._last_path = None

    def propose(self, path: str, rule: object, start: object, end: object, after: object) -> None:
        """Record what the run proposed at a span (report.json), which a CSV row's `after` must be one of."""
        self._db.execute(
            "INSERT INTO proposed VALUES (?, ?, ?)", (_stored(path), _span(rule, start, end), json.dumps(after))
        )

    def first_replaced(self) -> tuple[Decision, object] | None:
        """The first row whose `after` is none of what the run proposed at its span, with the proposal to restore."""
        row = self._db.execute(
            "SELECT r.path, r.span, r.decision FROM rows r "
            "WHERE EXISTS (SELECT 1 FROM proposed p WHERE p.path = r.path AND p.span = r.span) "
            "AND NOT EXISTS (SELECT 1 FROM proposed p WHERE p.path = r.path AND p.span = r.span AND p.after = r.after) "
            "ORDER BY r.n LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        afters = self._db.execute("SELECT after FROM proposed WHERE path = ? AND span = ?", row[:2])
        # as the report wrote them (a report.json may hold a number or a list there): shown as Python sorts their texts
        return _decision(row[2]), sorted((json.loads(after) for (after,) in afters), key=str)[0]

    def savepoint(self) -> None:
        """Mark the database's state, to `rollback` to it (a report that fails half read adds nothing)."""
        self._db.execute("SAVEPOINT report")

    def rollback(self, keep: bool = False) -> None:
        """Undo what was added since `savepoint`, or KEEP it; either way the savepoint is released."""
        if not keep:
            self._db.execute("ROLLBACK TO report")
        self._db.execute("RELEASE report")
        self._last_path = None

    def key_for(self, path: Path, relative: Path) -> str | None:
        """The report's path for an input file: its path, else the one path that ends in its relative path."""
        for key in exact_keys(path):
            if key in self:
                return key
        found = self._db.execute(
            "SELECT path FROM tails WHERE tail = ? LIMIT 2", (_stored(relative.as_posix()),)
        ).fetchall()
        return _loaded(found[0][0]) if len(found) == 1 else None

    def digest(self, key: str) -> str | None:
        """The SHA-256 the run recorded for the document KEY, or None."""
        row = self._db.execute("SELECT sha256 FROM documents WHERE path = ?", (_stored(key),)).fetchone()
        return None if row is None else row[0]

    def digests(self) -> dict[str, str]:
        """Every recorded SHA-256 by path (for a few documents: an archive's are looked up one by one, `digest`)."""
        rows = self._db.execute("SELECT path, sha256 FROM documents WHERE sha256 IS NOT NULL ORDER BY n")
        return {_loaded(path): sha256 for path, sha256 in rows}

    def any_digest(self) -> bool:
        """Whether the run recorded the SHA-256 of any document."""
        return self._db.execute("SELECT 1 FROM documents WHERE sha256 IS NOT NULL LIMIT 1").fetchone() is not None

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        return self._db.execute("SELECT 1 FROM documents WHERE path = ?", (_stored(key),)).fetchone() is not None

    def __getitem__(self, key: str) -> list[Decision]:
        if key not in self:
            raise KeyError(key)
        rows = self._db.execute("SELECT decision FROM rows WHERE path = ? ORDER BY n", (_stored(key),))
        return [_decision(stored) for (stored,) in rows]

    def __iter__(self) -> Iterator[str]:
        return (_loaded(path) for (path,) in self._db.execute("SELECT path FROM documents ORDER BY n"))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])


def _span(rule: object, start: object, end: object) -> str:
    return json.dumps([rule, start, end])


def _decision(stored: str) -> Decision:
    *fields, accept, where = json.loads(stored)
    stage, rule, message, start, end, before, after, status, confidence = fields
    return Decision(Change(stage, rule, message, start, end, before, after, Status(status), confidence), accept, where)


def _stored(text: str) -> bytes:
    # UTF-8 with a file name's lone surrogates kept, as seen_keys stores its keys
    return text.encode("utf-8", "surrogatepass")


def _loaded(stored: Any) -> str:
    return bytes(stored).decode("utf-8", "surrogatepass")
