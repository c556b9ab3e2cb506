"""Reading inputs (encoding detection, binary refusal) and writing outputs atomically.

>>> decode("魏都区深入开展专项行动，优化营商环境。".encode("gb18030"), "a.txt")
('魏都区深入开展专项行动，优化营商环境。', 'gb18030')
"""

from __future__ import annotations

import fnmatch
import glob
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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
# Byte-order marks of the wide encodings, longest first (UTF-32 LE's begins with UTF-16 LE's); the
# codecs named here drop the mark.
UNICODE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
MIN_DETECTION_BYTES = 24


@dataclass(frozen=True, slots=True)
class InputFile:
    """An input path and where its output goes, relative to OUTDIR."""

    path: Path
    relative: Path


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-8, or else detect a Chinese legacy encoding; refuse binary data. UTF-16
    and UTF-32 are read when a byte-order mark says so (Windows' "Unicode" text files).

    >>> decode("臺灣報紙的掃描文字，需要清理與校對。".encode("big5"), "b.txt")[1]
    'big5'
    >>> decode("报纸".encode("utf-16"), "w.txt")
    ('报纸', 'utf-16')
    >>> decode(b"\\x00\\x01\\x02", "c.bin")
    Traceback (most recent call last):
    cleaner.errors.InputError: c.bin: is binary (it holds NUL bytes), not text; remove it or convert it to text
    """
    for bom, encoding in UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(
                    name,
                    f"starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()}; "
                    "convert it to UTF-8 and run again",
                ) from None
    if b"\x00" in data[:BINARY_SNIFF]:
        raise InputError(name, "is binary (it holds NUL bytes), not text; remove it or convert it to text")
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
    """The bytes of an input file, or an InputError that says what to do."""
    try:
        return path.read_bytes()
    except OSError as error:
        reason = f"cannot be read ({error.strerror or error}); check that it exists and is readable"
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


@dataclass
class LeftOut:
    """The files folder walks passed over as not text (*.txt): how many, and the first few, for a note.

    >>> left = LeftOut()
    >>> for name in ("a.md", "b.doc", "c.pdf", "d.jpg"):
    ...     left.add(Path(name))
    >>> left.note()
    'note: 4 files in the input folders are not *.txt and were left out: a.md, b.doc, c.pdf, …'
    """

    count: int = 0
    examples: list[str] = field(default_factory=list)
    SHOWN = 3

    def add(self, path: Path) -> None:
        self.count += 1
        if len(self.examples) < self.SHOWN:
            self.examples.append(shown_path(path))

    def note(self) -> str | None:
        if not self.count:
            return None
        listed = ", ".join(self.examples) + (", …" if self.count > len(self.examples) else "")
        files, are, were = ("file", "is", "was") if self.count == 1 else ("files", "are", "were")
        return f"note: {self.count} {files} in the input folders {are} not *.txt and {were} left out: {listed}"


def discover(
    inputs: Iterable[Path | str | InputFile],
    pattern: str = "*.txt",
    skip: Path | None = None,
    left_out: LeftOut | None = None,
) -> Iterator[InputFile]:
    """Every input file with its output path, found lazily and in a fixed order.

    A file stands for itself; a folder for its `*.txt` (in any case: scanners on Windows write
    PAGE.TXT), walked in sorted order one folder at a
    time, so a huge archive is never listed in memory at once; a glob pattern (`archive/19*/**/*.txt`)
    is expanded here, with output paths relative to the part of the pattern before the first wildcard.
    A missing input or a pattern that matches nothing yields an `InputFile` whose path does not
    exist, so the batch reports it as a failure and goes on. Walks pass over the folder SKIP: the
    output folder, when it lies inside an input folder, holds outputs, not inputs. The files a walk
    passes over (not `pattern`) are counted in LEFT_OUT, when given.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("b/2.txt", "a/1.txt", "a/x/3.TXT", "a/skip.md"):
    ...     (root / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (root / name).write_text("文", encoding="utf-8")
    >>> [f.relative.as_posix() for f in discover([root])]
    ['a/1.txt', 'a/x/3.TXT', 'b/2.txt']
    >>> [f.relative.as_posix() for f in discover([f"{root}/a/**/*.txt"])]
    ['1.txt']
    >>> [f.relative.as_posix() for f in discover([root], skip=root / "a" / "x")]
    ['a/1.txt', 'b/2.txt']
    """
    for given in inputs:
        if isinstance(given, InputFile):
            yield given
            continue
        root = Path(given)
        if root.is_dir():
            for path in _walk_sorted(root, _folder_key(skip)):
                if fnmatch.fnmatchcase(path.name.lower(), pattern.lower()):
                    yield InputFile(path, path.relative_to(root))
                elif left_out is not None and not any(part.startswith(".") for part in path.relative_to(root).parts):
                    left_out.add(path)  # hidden files and folders (.git, .cleaner-cache) are no one's pages
        elif root.exists() or not glob.has_magic(str(given)):
            yield InputFile(root, Path(root.name))
        else:
            yield from _expand_pattern(str(given), _folder_key(skip))


def once(files: Iterable[InputFile]) -> Iterator[InputFile]:
    """Each file once, however many inputs reach it (a folder and a file in it, a list naming it
    twice, a link to it): cleaned twice it would be reported twice and written twice. A path that
    does not exist passes, to be reported as a failure. The set of seen files grows by about 100
    bytes a file: 60 MB for an archive of 600,000 pages.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.txt").write_text("文", encoding="utf-8")
    >>> [f.relative.as_posix() for f in once(discover([root, root / "a.txt", root / "no.txt"]))]
    ['a.txt', 'no.txt']
    """
    seen: set[tuple[int, int]] = set()
    for item in files:
        try:
            status = item.path.stat()
        except OSError:
            yield item
            continue
        key = (status.st_dev, status.st_ino)
        if key not in seen:
            seen.add(key)
            yield item


def read_path_list(lines: Iterable[str]) -> Iterator[Path]:
    """The paths of a `--files-from` list: one a line, blank lines and `#` comments skipped.

    >>> [p.as_posix() for p in read_path_list(["\\ufeffa.txt\\n", "\\n", "# note\\n", "b/c.txt\\n"])]
    ['a.txt', 'b/c.txt']
    """
    for number, line in enumerate(lines):
        line = line.rstrip("\r\n")
        if not number:
            line = line.removeprefix("\ufeff")  # Notepad saves a list with a byte-order mark
        if line.strip() and not line.startswith("#"):
            yield Path(line)


def listed_files(paths: Iterable[Path], skip: Path | None = None) -> Iterator[InputFile]:
    """Inputs named in a list: a listed file keeps its path as written below OUTDIR (an absolute path
    loses its leading `/`), so same-named files in different folders do not collide; listed folders
    and patterns expand as on the command line.

    >>> [f.relative.as_posix() for f in listed_files([Path("/no/such/1998/a.txt")])]
    ['no/such/1998/a.txt']
    """
    for path in paths:
        if path.is_dir() or (not path.exists() and glob.has_magic(str(path))):
            yield from discover([path], skip=skip)
        else:
            yield InputFile(path, path.relative_to(path.anchor) if path.is_absolute() else path)


FolderKey = tuple[int, int]  # (device, inode): the same folder whatever path names it


def _folder_key(folder: Path | None) -> FolderKey | None:
    try:
        status = folder.stat() if folder is not None else None
    except OSError:
        return None
    return (status.st_dev, status.st_ino) if status is not None else None


def _walk_sorted(root: Path, skip: FolderKey | None = None) -> Iterator[Path]:
    """Files below ROOT, depth first, each folder's entries in name order; symlinked folders are not
    followed, nor the folder SKIP (the output folder: cleaning it would clean the outputs again)."""
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            folder = Path(entry.path)
            if skip is None or _folder_key(folder) != skip:
                yield from _walk_sorted(folder, skip)
        elif entry.is_file():
            yield Path(entry.path)


def _expand_pattern(pattern: str, skip: FolderKey | None = None) -> Iterator[InputFile]:
    """Expand a glob pattern lazily: walk from its fixed prefix, keep paths whose parts match."""
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    base = Path(*parts[:fixed]) if fixed else Path(".")
    wanted = parts[fixed:]
    found = False
    for path in _walk_sorted(base, skip):
        relative = path.relative_to(base)
        if _match_parts(relative.parts, wanted):
            found = True
            yield InputFile(path, relative)
    if not found:
        yield InputFile(Path(pattern), Path(Path(pattern).name))


def _match_parts(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether path parts match pattern parts, `**` standing for any number of folders.

    >>> _match_parts(("1998", "01", "a.txt"), ("19*", "**", "*.txt")), _match_parts(("a.txt",), ("**", "*.md"))
    (True, False)
    """
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_match_parts(parts[i:], pattern[1:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _match_parts(parts[1:], pattern[1:])


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


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file so that a reader (or a crash) never sees it half-written.

    The bytes go to `.NAME.part` beside it, renamed over it when complete; a run killed meanwhile
    leaves only such part files, which the next run sweeps away.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp = path.with_name(f".{path.name}.part")
    try:
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    except FileNotFoundError:  # its folder is new: made here, not checked before every file
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
