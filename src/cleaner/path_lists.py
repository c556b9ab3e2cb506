"""`--files-from` lists: their lines decoded, the paths they name with the list's name and line, and the inputs
those paths stand for.

>>> listed = NamedLines(["a.txt\\n", "# a comment\\n"], "list.txt")
>>> [(f.relative.as_posix(), f.listed_at) for f in listed_files(read_path_list(listed))]
[('a.txt', 'list.txt:1')]
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, NamedTuple

from .decoding import BINARY_SNIFF, UNICODE_BOMS, decode
from .errors import InputError
from .inputs import InputFile, discover
from .io import shown_path
from .printable import printable


class NamedLines(list[str]):
    """The lines of a list decoded whole, with the name of the file they came from (as a stream has one)."""

    def __init__(self, lines: list[str], name: str) -> None:
        super().__init__(lines)
        self.name = name


def path_list_lines(stream: IO[str]) -> Iterable[str]:
    """The lines of a `--files-from` list: STREAM itself (UTF-8, a name's other bytes kept as the
    file system has them), or, for a list saved as UTF-16 or UTF-32 (Windows' "Unicode" text), its
    text decoded whole (`NamedLines`, keeping the list's `name`); a list of binary data is an InputError naming it.

    >>> import io
    >>> saved = io.TextIOWrapper(io.BufferedReader(io.BytesIO("第一版.txt\\r\\n".encode("utf-16"))))
    >>> list(path_list_lines(saved))
    ['第一版.txt\\r\\n']
    """
    buffer = getattr(stream, "buffer", None)
    head = buffer.peek(BINARY_SNIFF)[:BINARY_SNIFF] if hasattr(buffer, "peek") else b""
    if b"\x00" not in head and not head.startswith(tuple(bom for bom, _ in UNICODE_BOMS)):
        return stream
    name = getattr(stream, "name", "--files-from")
    shown = "stdin" if name == "<stdin>" else shown_path(name)
    try:
        text = decode(buffer.read(), shown)[0]
    except InputError as error:  # an input's advice (remove it or convert it) does not fit the list of them
        what = error.reason.partition(";")[0]
        raise InputError(shown, f"{what}; a --files-from list is text, one path a line") from None
    return NamedLines(text.splitlines(keepends=True), name)


class Listed(NamedTuple):
    """A path a `--files-from` list names, and where: the list and the line (`list.txt:7`)."""

    path: Path
    listed_at: str


def read_path_list(lines: Iterable[str]) -> Iterator[Listed]:
    """The paths of a `--files-from` list, each with its list's name and line number: one a line, blank lines and
    `#` comments skipped; a path with spaces around it that names nothing is read without them (a list typed in
    an editor or pasted from a spreadsheet), while a file whose name has them is taken as written.
    A name that is no UTF-8 and names nothing is read as GB18030 (a list saved by a Chinese
    Windows' Notepad), when that names a file. LINES' `name` (a stream's, `NamedLines`') names the list; lines
    with none are stdin's.

    >>> listed = NamedLines(["\\ufeffa.txt\\n", "\\n", "# note\\n", "b/c.txt \\n"], "list.txt")
    >>> [(p.as_posix(), at) for p, at in read_path_list(listed)]
    [('a.txt', 'list.txt:1'), ('b/c.txt', 'list.txt:4')]
    """
    name = getattr(lines, "name", None)  # click's stdin wrapper may have none
    shown = "stdin" if name is None or name == "<stdin>" else printable(shown_path(name))
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if number == 1:
            line = line.removeprefix("\ufeff")  # Notepad saves a list with a byte-order mark
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        path = Path(line) if stripped == line or os.path.lexists(line) else Path(stripped)
        yield Listed(path if os.path.lexists(path) else _legacy_name(path), f"{shown}:{number}")


def _legacy_name(path: Path) -> Path:
    """PATH read as GB18030 where its bytes are no UTF-8 and that names a file, else PATH itself.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "第一版.txt").write_text("文", encoding="utf-8")
    >>> _legacy_name(folder / os.fsdecode("第一版.txt".encode("gbk"))).name
    '第一版.txt'
    """
    raw = str(path)
    if not any("\udc80" <= c <= "\udcff" for c in raw):
        return path
    try:
        legacy = Path(os.fsencode(raw).decode("gb18030"))
    except UnicodeDecodeError:
        return path
    return legacy if os.path.lexists(legacy) else path


def listed_files(paths: Iterable[Path | Listed], skip: Path | None = None) -> Iterator[InputFile]:
    """Inputs named in a list: a listed file keeps its path as written below OUTDIR (an absolute path
    loses its leading `/`), so same-named files in different folders do not collide; listed folders
    and patterns expand as on the command line. A listed file, and a listed pattern that matches nothing,
    carry their list's line (`Listed`); a folder's files are no line's.

    >>> [(f.relative.as_posix(), f.listed_at) for f in listed_files([Listed(Path("/no/such/a.txt"), "l.txt:2")])]
    [('no/such/a.txt', 'l.txt:2')]
    """
    for entry in paths:
        path, listed_at = (entry, "") if isinstance(entry, Path) else entry
        if path.is_dir() or (not path.exists() and glob.has_magic(str(path))):
            for found in discover([path], skip=skip):
                # a pattern that matched nothing stands for the line that listed it; a folder's files are no line's
                yield replace(found, listed_at=listed_at) if found.path == path else found
        else:
            yield InputFile(path, path.relative_to(path.anchor) if path.is_absolute() else path, listed_at)
