"""Results remembered between runs, so a re-run skips unchanged files and a killed run resumes.

A document's result is stored under its content hash and the *run key*: a hash of everything else
that decides the result (cleaner version, rules and data files, model files, options, stages).
Change any of them and every file is cleaned afresh; change nothing and nothing is redone.

Results travel as one payload format, `encode_result`: workers send it back, the cache stores it
as is, and both fresh and remembered results are rebuilt by `decode_result`, so a resumed or
incremental run writes byte-identical outputs and reports.

>>> from cleaner.model import Document
>>> from cleaner.pipeline import Pipeline
>>> document = Document("a", "a.txt", "１２月", {"sha256": "x"})
>>> result = Pipeline().run(document)
>>> decode_result(document, encode_result(result)) == result
True
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from . import __version__
from .errors import OutputError
from .model import Change, Document, Result, Status
from .pipeline import Pipeline
from .report.tables import ROWS_AT_ONCE

CACHE_FOLDER = ".cleaner-cache"
STATUSES = {str(status): status for status in Status}  # a dict lookup: Status(value) is slow in bulk
SCHEMA = """
CREATE TABLE IF NOT EXISTS results (run TEXT NOT NULL, sha256 TEXT NOT NULL, payload BLOB NOT NULL,
                                    PRIMARY KEY (run, sha256)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, started REAL, finished REAL);
CREATE TABLE IF NOT EXISTS views (run TEXT NOT NULL, sha256 TEXT NOT NULL, view TEXT NOT NULL, payload BLOB NOT NULL,
                                  PRIMARY KEY (run, sha256, view)) WITHOUT ROWID;
"""


def model_fingerprint() -> str:
    """A hash of the shipped model files (`cleaner/models/*`), or of nothing when there are none."""
    digest = hashlib.sha256()
    try:
        folder = resources.files("cleaner") / "models"
        files = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.name) if folder.is_dir() else []
    except (FileNotFoundError, NotADirectoryError):
        files = []
    for path in files:
        digest.update(path.name.encode())
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


def code_fingerprint() -> str:
    """A hash of the package's own Python files: a fix between releases changes results too.

    >>> len(code_fingerprint())
    16
    """
    digest = hashlib.sha256()
    package = resources.files("cleaner")
    for path in sorted(Path(str(package)).rglob("*.py")):
        digest.update(path.relative_to(str(package)).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# The libraries whose behaviour decides a result: a word segmentation, a model reader, a character
# table; pinned by the package, but an environment upgraded beside it would replay stale results.
RESULT_LIBRARIES = ("jieba", "kenlm", "pycorrector", "cn2an", "opencc", "rapidfuzz", "pyahocorasick")


def environment_fingerprint() -> str:
    """Python's Unicode tables (NFKC and character classes differ between Pythons) and the installed
    versions of RESULT_LIBRARIES.

    >>> environment_fingerprint().startswith(unicodedata.unidata_version)
    True
    """
    versions = []
    for name in RESULT_LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return ",".join([unicodedata.unidata_version, *versions])


def run_key(pipeline: Pipeline) -> str:
    """What besides the text decides a result: version, code, environment, rules, models, options and stages.

    >>> run_key(Pipeline()) == run_key(Pipeline()), len(run_key(Pipeline()))
    (True, 16)
    """
    options = pipeline.options
    parts = [
        __version__,
        code_fingerprint(),
        environment_fingerprint(),
        pipeline.rules.fingerprint(),
        model_fingerprint(),
        repr(options.min_confidence),
        options.profile,
        ",".join(sorted(options.skip)),
        ",".join(f"{stage.name}={getattr(stage, 'module', type(stage).__qualname__)}" for stage in pipeline.stages),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def encode_result(result: Result, rows_at_once: int = ROWS_AT_ONCE) -> bytes:
    """A result without its input: the output text (None when unchanged), changes and annotations.

    A change travels as a plain row of its fields: `dataclasses.asdict` per change would cost
    more than the smaller stages themselves. A long document's changes are encoded and compressed
    ROWS_AT_ONCE at a time: their rows, the JSON text and its bytes took 360 MB at once for 300,000.

    >>> from cleaner.pipeline import clean_text
    >>> result = clean_text("１２月,好。")
    >>> encode_result(result, rows_at_once=1) == encode_result(result)
    True
    """
    text = None if result.text == result.document.text else result.text
    if len(result.changes) <= rows_at_once:
        record = {"text": text, "changes": _rows(result.changes), "annotations": result.annotations}
        return zlib.compress(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode(), 1)
    compressor = zlib.compressobj(1)
    out = [compressor.compress(f'{{"text":{_json(text)},"changes":['.encode())]
    for start in range(0, len(result.changes), rows_at_once):
        rows = _json(_rows(result.changes[start : start + rows_at_once]))[1:-1]
        out.append(compressor.compress(f"{',' if start else ''}{rows}".encode()))
    out.append(compressor.compress(f'],"annotations":{_json(result.annotations)}}}'.encode()))
    out.append(compressor.flush())
    return b"".join(out)


def _rows(changes: Sequence[Change]) -> list[tuple[Any, ...]]:
    return [
        (c.stage, c.rule, c.message, c.start, c.end, c.before, c.after, str(c.status), c.confidence) for c in changes
    ]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def decode_result(document: Document, payload: bytes) -> Result:
    """Rebuild the result of DOCUMENT from its payload."""
    record: dict[str, Any] = json.loads(zlib.decompress(payload))
    text = document.text if record["text"] is None else record["text"]
    changes = tuple(
        Change(stage, rule, message, start, end, before, after, STATUSES[status], confidence)
        for stage, rule, message, start, end, before, after, status, confidence in record["changes"]
    )
    return Result(document, text, changes, record["annotations"])


class ResultCache:
    """An sqlite file of payloads keyed by (run key, content hash); only the main process writes it.

    Each batch of results is committed at once (write-ahead log), so a run killed at any moment
    leaves every committed result usable and nothing half-written.

    >>> import tempfile
    >>> cache = ResultCache(Path(tempfile.mkdtemp()), "run1")
    >>> cache.put_many([("abc", b"payload")]); cache.get("abc"), cache.get("def")
    (b'payload', None)
    >>> cache.put_views([("abc", "lines", b"shown")]); cache.get_view("abc", "lines"), cache.get_view("abc", "x")
    (b'shown', None)
    >>> cache.close()
    """

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a read-only disk or folder: a fresh cache would fail the same way
            reason = f"cannot make the result cache ({error.strerror or error}); pass --cache DIR in a folder "
            raise OutputError(f"{folder}: {reason}that can be written, or --no-cache") from None
        try:
            self._db = sqlite3.connect(folder / "results.sqlite", isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as error:
            reason = f"cannot open the result cache ({error}); delete that folder to start afresh, or pass --no-cache"
            raise OutputError(f"{folder}: {reason}") from None
        self._run: int | None = None

    def get(self, sha256: str) -> bytes | None:
        row = self._db.execute(
            "SELECT payload FROM results WHERE run = ? AND sha256 = ?", (self.key, sha256)
        ).fetchone()
        return None if row is None else bytes(row[0])

    def put_many(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """Store (content hash, payload) rows in one transaction."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR REPLACE INTO results (run, sha256, payload) VALUES (?, ?, ?)",
                ((self.key, sha256, payload) for sha256, payload in rows),
            )

    def vouches_for_rules(self) -> bool:
        """Whether a run with this key has stored a result: its rule data passed the check then.

        The key covers the rule files, the code and the options, so the same data needs no
        second check.
        """
        row = self._db.execute("SELECT 1 FROM results WHERE run = ? LIMIT 1", (self.key,)).fetchone()
        return row is not None

    def get_view(self, sha256: str, view: str) -> bytes | None:
        """What a command made of a result for one VIEW (its output format, gate and path), if stored.

        A view lets an unchanged file's report be replayed without decoding its result.
        """
        row = self._db.execute(
            "SELECT payload FROM views WHERE run = ? AND sha256 = ? AND view = ?", (self.key, sha256, view)
        ).fetchone()
        return None if row is None else bytes(row[0])

    def put_views(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        """Store (content hash, view, payload) rows in one transaction."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR REPLACE INTO views (run, sha256, view, payload) VALUES (?, ?, ?, ?)",
                ((self.key, sha256, view, payload) for sha256, view, payload in rows),
            )

    def interrupted(self) -> bool:
        """Whether the last run using this cache was killed before it finished."""
        row = self._db.execute("SELECT finished FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return row is not None and row[0] is None

    def start_run(self, now: float) -> None:
        self._run = self._db.execute("INSERT INTO runs (started) VALUES (?)", (now,)).lastrowid

    def finish_run(self, now: float) -> None:
        if self._run is not None:
            self._db.execute("UPDATE runs SET finished = ? WHERE id = ?", (now, self._run))

    def close(self) -> None:
        self._db.close()


def open_cache(folder: Path | None, pipeline: Pipeline) -> ResultCache | None:
    """The cache for PIPELINE in FOLDER, or None when caching is off (no folder)."""
    return None if folder is None else ResultCache(folder, run_key(pipeline))
