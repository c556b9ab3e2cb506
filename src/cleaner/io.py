"""Reading inputs (decoded by `decoding.decode`, binary refused) and writing outputs atomically.

>>> shown_path("魏都/a.txt")
'魏都/a.txt'
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import shutil
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .decoding import decode
from .errors import InputError, OutputError
from .model import Document
from .special_files import special_file_error


def shown_path(path: Path | str) -> str:
    """A path as reports and messages show it: a file name that is not valid UTF-8 (read by Python
    with escapes it cannot write out) shows its odd bytes as \\xNN.

    >>> shown_path(Path(os.fsdecode(b"bad\\xffname.txt"))), shown_path("魏都/a.txt")
    ('bad\\\\xffname.txt', '魏都/a.txt')
    """
    text = path.as_posix() if isinstance(path, Path) else path
    if text.isascii() or not any("\udc80" <= c <= "\udcff" for c in text):
        return text
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def read_stdin() -> str:
    """The text on stdin, decoded as a file's bytes are: UTF-8, else GB18030 or Big5."""
    return decode(sys.stdin.buffer.read(), "stdin")[0]


def read_document(path: Path, relative: Path | None = None) -> Document:
    """Read one file into a Document, recording its encoding and content hash."""
    return document_of(read_input(path), path, relative)


def read_input(path: Path) -> bytes:
    """The bytes of an input file, or an InputError that says what to do. A named pipe, socket or
    device is refused before it is read (`special_files`).
    """
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as stream:  # a pipe with no writer opens at once
            if not stat.S_ISREG(mode := os.fstat(stream.fileno()).st_mode):
                if stat.S_ISDIR(mode):
                    raise IsADirectoryError
                raise special_file_error(shown_path(path), mode)
            return stream.read()
    except IsADirectoryError:  # a folder the walk could not list (its pages would go missing unseen)
        raise InputError(shown_path(path), "is a folder that cannot be listed; check that it is readable") from None
    except OSError as error:
        reason = f"cannot be read ({error.strerror or error}); check that it exists and is readable"
        if error.errno in (errno.ENOENT, errno.ELOOP) and path.is_symlink():  # "No such file" for a file that is there
            reason = f"is a symbolic link to {shown_path(os.readlink(path))}, which " + (
                "does not exist" if error.errno == errno.ENOENT else "leads back to itself (a loop)"
            )
            reason += "; point it at the page or remove it"
        raise InputError(shown_path(path), reason) from None


def content_hash(data: bytes) -> str:
    """The key of a file's content in the result cache."""
    return hashlib.sha256(data).hexdigest()


def document_of(data: bytes, path: Path, relative: Path | None = None, sha256: str | None = None) -> Document:
    """The Document of a file's bytes (decoded as `decode` does); SHA256, when known, saves hashing them again."""
    shown = shown_path(path)
    text, encoding = decode(data, shown)
    rel = shown_path(relative or Path(path.name))
    meta = {"encoding": encoding, "sha256": sha256 or content_hash(data), "relative": rel}
    return Document(id=rel, path=shown, text=text, meta=meta)


class OutputFolder:
    """Where each document's corrected text goes under OUTDIR, refusing any path that would leave it.

    Folders are resolved (symlinks, `..`) once per batch: an archive's pages share few folders, and
    resolving every output path anew cost more than writing it.

    >>> OutputFolder(Path("/out")).path_for(Path("a/b.txt")).as_posix()
    '/out/a/b.txt'
    >>> OutputFolder(Path("/out")).path_for(Path("../x.txt"))
    Traceback (most recent call last):
    cleaner.errors.InputError: ../x.txt: its output path would leave the output folder; rename it
    """

    REMEMBERED_FOLDERS = 4096  # then forgotten and resolved again: memory stays flat

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.root = outdir.resolve()
        self._resolved: dict[Path, Path] = {}

    def path_for(self, relative: Path, source: Path | None = None) -> Path:
        """The output path of an input at `relative`; never the input `source` itself (`-o` the input folder)."""
        folder = self.outdir / relative.parent
        resolved = self._resolved.get(folder)
        if resolved is None:
            if len(self._resolved) >= self.REMEMBERED_FOLDERS:
                self._resolved.clear()
            resolved = self._resolved[folder] = folder.resolve()
        target = resolved / relative.name
        if not target.is_relative_to(self.root):
            raise InputError(relative.as_posix(), "its output path would leave the output folder; rename it")
        if source is not None and target.exists() and os.path.samefile(target, source):
            reason = "is in the output folder, and its output would overwrite it; give -o a folder of its own"
            raise InputError(shown_path(source), reason)
        return target


def write_commented_table(path: Path, header: Iterable[str], rows: Iterable[str]) -> None:
    """Write a generated rules table: its HEADER as `# ` comment lines, then one line a row.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "t.tsv"
    >>> write_commented_table(target, ["drawn"], ["千\\t干"])
    >>> target.read_text(encoding="utf-8")
    '# drawn\\n千\\t干\\n'
    """
    lines = [*(f"# {line}" for line in header), *rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check_writable_folder(folder: Path) -> None:
    """Whether files can be written in FOLDER, made (and removed again) if need be, or else an
    OutputError that says what to do: asked before the first input, so a read-only -o fails with
    its reason, not with a traceback once every page was cleaned.

    >>> import tempfile
    >>> new = Path(tempfile.mkdtemp()) / "new" / "out"
    >>> check_writable_folder(new); new.parent.exists()
    False
    >>> try:
    ...     check_writable_folder(Path("/proc/out"))
    ... except OutputError as error:
    ...     print(error)
    /proc/out: the output folder cannot be written (No such file or directory); choose another with -o
    """
    missing = [path for path in (folder, *folder.parents) if not path.exists()]
    probe = folder / f".cleaner-probe-{secrets.token_hex(4)}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        reason = f"the output folder cannot be written ({error.strerror or error}); choose another with -o"
        raise OutputError(f"{shown_path(folder)}: {reason}") from None
    finally:
        for path in missing:  # deepest first: the run makes them when it writes, not before its rules passed
            with contextlib.suppress(OSError):
                path.rmdir()


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file so that a reader (or a crash) never sees it half-written.

    The bytes go to `.NAME.part` beside it, renamed over it when complete; a run killed meanwhile
    leaves only such part files, which the next run sweeps away.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp = path.with_name(f".{path.name}.part")
    # the open inside the try too: Ctrl-C lands right after the call that made the part file as often as
    # during the write, and the part must go with it
    try:
        try:
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        except FileNotFoundError:  # its folder is new: made here, not checked before every file
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temp, path)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename is None:  # a failed write names no file: say which
            error.filename = shown_path(path)
        raise


SPILL_PREFIX = ".spill-"  # and the suffix .part: what a killed run leaves is swept with the other part files


@dataclass(frozen=True, slots=True)
class Spilled:
    """A part of a digest written to a file, that the main process moves into place or copies out.

    >>> import io, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     part, stream = Spilled.write(Path(folder), "text", ["好".encode()]), io.BytesIO()
    ...     part.copy_to(stream)
    ...     stream.getvalue().decode(), os.path.exists(part.path)
    ('好', False)
    """

    path: str
    size: int

    @classmethod
    def write(cls, folder: Path, kind: str, pieces: Iterable[bytes]) -> Spilled:
        path = str(folder / f"{SPILL_PREFIX}{secrets.token_hex(8)}.{kind}.part")
        # not tempfile.mkstemp: its files are private (0600), and a moved part is an output like any other
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        size = 0
        try:
            with os.fdopen(handle, "wb") as stream:
                for piece in pieces:
                    stream.write(piece)
                    size += len(piece)
        except BaseException:
            os.unlink(path)
            raise
        return cls(path, size)

    def copy_to(self, stream: IO[bytes]) -> None:
        """Append the part to STREAM, then remove its file."""
        with open(self.path, "rb") as source:
            shutil.copyfileobj(source, stream, 1 << 20)
        os.unlink(self.path)

    def move_to(self, target: Path) -> None:
        """Put the part at TARGET (replacing what is there) in one step, as `io.write_atomic` does."""
        try:
            os.replace(self.path, target)
        except FileNotFoundError:  # its folder is new
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.path, target)

    def same_as(self, target: Path) -> bool:
        """Whether TARGET already holds these bytes."""
        try:
            if target.stat().st_size != self.size:
                return False
            with open(self.path, "rb") as mine, open(target, "rb") as theirs:
                while block := mine.read(1 << 20):
                    if block != theirs.read(len(block)):
                        return False
            return True
        except OSError:
            return False

    def discard(self) -> None:
        Path(self.path).unlink(missing_ok=True)
