"""Keys a batch has seen (files read, output paths claimed), and rows it lists (failures, a baseline's findings), in
memory up to a bound, then on disk.

A batch must know every file it has read, so it reads none twice, and every output path it has
written, so two inputs do not overwrite each other. Held in memory those sets grow by some 400 bytes
a file: 250 MB for an archive of 600,000 pages. `SeenKeys` keeps the first IN_MEMORY keys in a dict
and then moves them all to a private sqlite database, which sqlite keeps in a temporary file of its
own, deleted when it is closed; its page cache, not the archive, sets the memory it takes.

>>> seen = SeenKeys(in_memory=2)
>>> [seen.claim(key, f"claimed by {key}") for key in ("a", "b", "a", "c", "b", "d")]
[None, None, 'claimed by a', None, 'claimed by b', None]
>>> seen.on_disk, len(seen), seen.get("c"), seen.get("e")
(True, 4, 'claimed by c', None)
>>> seen.close()

`SpilledRows` keeps rows in the order they came (or sorted by a key given with each) the same way: a batch's
failures and `check --write-baseline`'s findings grow one row a file or a finding.

>>> rows = SpilledRows(in_memory=1)
>>> rows.append(("b.txt", "is binary"), key="2"); rows.append(("a.txt", "cannot be read"), key="1")
>>> rows.on_disk, len(rows), list(rows), list(rows.by_key())
(True, 2, [('b.txt', 'is binary'), ('a.txt', 'cannot be read')], [('a.txt', 'cannot be read'), ('b.txt', 'is binary')])
>>> rows.close()
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

# A re-check of an unchanged archive costs about 170 µs a file, and a lookup on disk about 10 µs: the
# first 16,384 keys stay in memory (a few MB), so a batch of that many files never pays for the disk.
IN_MEMORY = 16_384


class Spilling:
    """What grows with a batch, counted, in memory up to `in_memory` entries (IN_MEMORY unless told) and then in a
    private database on disk (`private_database`), which `close` removes."""

    def __init__(self, in_memory: int | None = None) -> None:
        self.in_memory = IN_MEMORY if in_memory is None else in_memory
        self._db: sqlite3.Connection | None = None
        self._count = 0

    @property
    def on_disk(self) -> bool:
        return self._db is not None

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class SeenKeys(Spilling):
    """A map from keys to the value that first claimed each, kept in memory up to IN_MEMORY keys."""

    def __init__(self, in_memory: int | None = None) -> None:
        super().__init__(in_memory)
        self._keys: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        """The value that claimed KEY, or None when it is free."""
        if self._db is None:
            return self._keys.get(key)
        row = self._db.execute("SELECT value FROM seen WHERE key = ?", (_stored(key),)).fetchone()
        return None if row is None else bytes(row[0]).decode("utf-8", "surrogatepass")

    def claim(self, key: str, value: str = "") -> str | None:
        """Claim KEY for VALUE: None when it was free (now it is VALUE's), else the value that claimed it first."""
        if (claimed := self.get(key)) is not None:
            return claimed
        if self._db is None:
            self._keys[key] = value
            if len(self._keys) > self.in_memory:
                self._move_to_disk()
        else:
            self._db.execute("INSERT INTO seen (key, value) VALUES (?, ?)", (_stored(key), _stored(value)))
        self._count += 1
        return None

    def _move_to_disk(self) -> None:
        self._db = private_database("CREATE TABLE seen (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
        rows = ((_stored(key), _stored(value)) for key, value in self._keys.items())
        self._db.executemany("INSERT INTO seen (key, value) VALUES (?, ?)", rows)
        self._keys = {}  # a new dict: clearing the old one would keep its table at full size


class SpilledRows(Spilling):
    """Rows (tuples of strings and numbers) in the order they came, kept in memory up to IN_MEMORY rows, then all
    moved to a private database on disk; `by_key` gives them sorted by the key each came with."""

    def __init__(self, in_memory: int | None = None) -> None:
        super().__init__(in_memory)
        self._rows: list[tuple[str, tuple[Any, ...]]] = []

    def append(self, row: tuple[Any, ...], key: str = "") -> None:
        """Add ROW at the end (and at KEY's place in `by_key`)."""
        self._count += 1
        if self._db is None:
            self._rows.append((key, row))
            if len(self._rows) > self.in_memory:
                self._db = private_database("CREATE TABLE rows (n INTEGER PRIMARY KEY, key BLOB, row TEXT)")
                _insert(self._db, self._rows)
                self._rows = []  # a new list: clearing the old one would keep its table at full size
        else:
            _insert(self._db, [(key, row)])

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return self._read("n")

    def first(self, count: int) -> list[tuple[Any, ...]]:
        """The first COUNT rows, what a summary shows of a long list."""
        return [row for row, _ in zip(self, range(count), strict=False)]

    def by_key(self) -> Iterator[tuple[Any, ...]]:
        """The rows sorted by their keys (as Python sorts strings: by code point), rows of one key as they came."""
        return self._read("key, n")

    def _read(self, order: str) -> Iterator[tuple[Any, ...]]:
        if self._db is None:
            rows = self._rows if order == "n" else sorted(self._rows, key=lambda keyed: keyed[0])
            return (row for _, row in rows)
        # UTF-8 sorts as code points do; a cursor of its own, so a reader may stop before the end
        cursor = self._db.execute(f"SELECT row FROM rows ORDER BY {order}")
        return (tuple(json.loads(row)) for (row,) in cursor)


def _insert(database: sqlite3.Connection, rows: list[tuple[str, tuple[Any, ...]]]) -> None:
    # JSON with only ASCII: a file name's lone surrogates come back as they went in
    rows_stored = ((_stored(key), json.dumps(row)) for key, row in rows)
    database.executemany("INSERT INTO rows (key, row) VALUES (?, ?)", rows_stored)


def private_database(schema: str) -> sqlite3.Connection:
    """A private sqlite database in a temporary file of its own, removed when the connection closes, with SCHEMA's
    table made and one transaction open that is never committed: there is nothing to keep, so no journal and no
    syncing either.

    >>> private_database("CREATE TABLE t (a)").execute("SELECT count(*) FROM t").fetchone()
    (0,)
    """
    database = sqlite3.connect("", isolation_level=None)  # "": the temporary file
    database.execute("PRAGMA journal_mode=OFF")
    database.execute("PRAGMA synchronous=OFF")
    database.execute(schema)
    database.execute("BEGIN")
    return database


def _stored(text: str) -> bytes:
    """TEXT as sqlite keeps it: UTF-8, with the lone surrogates of a file name that is no UTF-8 kept too.

    >>> _stored("a\\udcff.txt")
    b'a\\xed\\xb3\\xbf.txt'
    """
    return text.encode("utf-8", "surrogatepass")
