"""Reading inputs (encoding detection, binary refusal) and writing outputs atomically.

>>> decode("魏都区深入开展专项行动，优化营商环境。".encode("gb18030"), "a.txt")
('魏都区深入开展专项行动，优化营商环境。', 'gb18030')
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .model import Document

# Encodings an archive of Chinese newspapers plausibly holds; anything else charset-normalizer
# proposes for such bytes is a guess we would rather refuse than silently mis-decode.
CHINESE_ENCODINGS = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
}
BINARY_SNIFF = 8192
MIN_DETECTION_BYTES = 24


@dataclass(frozen=True, slots=True)
class InputFile:
    """An input path and where its output goes, relative to OUTDIR."""

    path: Path
    relative: Path


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-8, or else detect a Chinese legacy encoding; refuse binary data.

    >>> decode("臺灣報紙的掃描文字，需要清理與校對。".encode("big5"), "b.txt")[1]
    'big5'
    >>> decode(b"\\x00\\x01\\x02", "c.bin")
    Traceback (most recent call last):
    cleaner.errors.InputError: c.bin: is binary (it holds NUL bytes), not text; remove it or convert it to text
    """
    if b"\x00" in data[:BINARY_SNIFF]:
        raise InputError(
            name, "is binary (it holds NUL bytes), not text; remove it or convert it to text"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in _candidate_encodings(data):
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(name, "cannot be decoded as UTF-8, GB18030 or Big5; convert it to UTF-8 and run again")


def _candidate_encodings(data: bytes) -> list[str]:
    """Chinese encodings to try: the detector's guesses first, then GB18030, the usual one.

    On a few bytes the detector guesses at random, so short inputs go straight to GB18030.
    """
    if len(data) < MIN_DETECTION_BYTES:
        return ["gb18030", "big5"]
    from charset_normalizer import from_bytes  # imported here: only legacy files need it

    guesses = [match.encoding for match in from_bytes(data[:65536])]
    ordered = [CHINESE_ENCODINGS[g] for g in guesses if g in CHINESE_ENCODINGS]
    return list(dict.fromkeys([*ordered, "gb18030", "big5"]))


def read_document(path: Path, relative: Path | None = None) -> Document:
    """Read one file into a Document, recording its encoding and content hash."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = f"cannot be read ({error.strerror or error}); check that it exists and is readable"
        raise InputError(str(path), reason) from None
    text, encoding = decode(data, str(path))
    rel = relative or Path(path.name)
    return Document(
        id=rel.as_posix(),
        path=str(path),
        text=text,
        meta={"encoding": encoding, "sha256": hashlib.sha256(data).hexdigest(), "relative": rel.as_posix()},
    )


def discover(inputs: Iterable[Path], pattern: str = "*.txt") -> Iterator[InputFile]:
    """Every input file with its output path: a file stands for itself, a folder for its `*.txt`.

    Files are found lazily, so a huge archive is never listed in memory at once.
    """
    for root in inputs:
        if root.is_dir():
            for path in sorted(root.rglob(pattern)):
                if path.is_file():
                    yield InputFile(path, path.relative_to(root))
        else:
            yield InputFile(root, Path(root.name))


def output_path(outdir: Path, relative: Path) -> Path:
    """Where a document's corrected text goes, refusing any path that would leave OUTDIR.

    >>> output_path(Path("/out"), Path("a/b.txt")).as_posix()
    '/out/a/b.txt'
    >>> output_path(Path("/out"), Path("../x.txt"))
    Traceback (most recent call last):
    cleaner.errors.InputError: ../x.txt: its output path would leave the output folder; rename it
    """
    target = (outdir / relative).resolve()
    if not target.is_relative_to(outdir.resolve()):
        raise InputError(relative.as_posix(), "its output path would leave the output folder; rename it")
    return target


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file so that a reader (or a crash) never sees it half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
