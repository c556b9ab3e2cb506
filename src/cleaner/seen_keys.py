"""Keys a batch has seen (files read, output paths claimed), in memory up to a bound, then on disk.

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
"""

from __future__ import annotations

import sqlite3

# A re-check of an unchanged archive costs about 170 µs a file, and a lookup on disk about 10 µs: the
# first 16,384 keys stay in memory (a few MB), so a batch of that many files never pays for the disk.
IN_MEMORY = 16_384


class SeenKeys:
    """A map from keys to the value that first claimed each, kept in memory up to IN_MEMORY keys."""

    def __init__(self, in_memory: int | None = None) -> None:
        self.in_memory = IN_MEMORY if in_memory is None else in_memory
        self._keys: dict[str, str] = {}
        self._db: sqlite3.Connection | None = None
        self._count = 0

    @property
    def on_disk(self) -> bool:
        return self._db is not None

    def __len__(self) -> int:
        return self._count

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
        # "": a private database in a temporary file, removed when the connection closes; nothing to
        # keep, so no journal and no syncing, and one transaction that is never committed
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE seen (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
        self._db.execute("BEGIN")
        rows = ((_stored(key), _stored(value)) for key, value in self._keys.items())
        self._db.executemany("INSERT INTO seen (key, value) VALUES (?, ?)", rows)
        self._keys = {}  # a new dict: clearing the old one would keep its table at full size

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _stored(text: str) -> bytes:
    """TEXT as sqlite keeps it: UTF-8, with the lone surrogates of a file name that is no UTF-8 kept too.

    >>> _stored("a\\udcff.txt")
    b'a\\xed\\xb3\\xbf.txt'
    """
    return text.encode("utf-8", "surrogatepass")
