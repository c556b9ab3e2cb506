"""Finding the input files of a batch: folders walked in order, glob patterns, each file once (lists of paths:
path_lists.py).

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / "a.txt").write_text("文", encoding="utf-8")
>>> [f.relative.as_posix() for f in once(discover([root, root / "a.txt"]))]
['a.txt']
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError
from .io import shown_path
from .printable import printable
from .report.json_stream import REPORT_OPENING
from .seen_keys import SeenKeys


@dataclass(frozen=True, slots=True)
class InputFile:
    """An input path and where its output goes, relative to OUTDIR; for a path a `--files-from` list names, the
    list's line (`list.txt:7`), so that its failure leads to the line to fix."""

    path: Path
    relative: Path
    listed_at: str = ""


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
    earlier_outputs: list[str] = field(default_factory=list)
    SHOWN = 3

    def add(self, path: Path) -> None:
        self.count += 1
        if len(self.examples) < self.SHOWN:
            self.examples.append(printable(shown_path(path)))

    def add_earlier_outputs(self, folder: Path) -> None:
        """Count FOLDER, an earlier run's output folder found inside an input folder (`earlier_outputs`)."""
        self.earlier_outputs.append(printable(shown_path(folder)))

    def note(self) -> str | None:
        """The closing note on what was left out, one line a kind; None when nothing was.

        >>> left = LeftOut()
        >>> left.add_earlier_outputs(Path("archive/cleaned"))
        >>> print(left.note())
        note: archive/cleaned holds an earlier cleaner run's outputs and was left out; name it as an input to clean it
        """
        lines = []
        if self.count:
            listed = ", ".join(self.examples) + (", …" if self.count > len(self.examples) else "")
            files, are, were = ("file", "is", "was") if self.count == 1 else ("files", "are", "were")
            where = f"in the input folders {are} not *.txt and {were} left out"
            lines.append(f"note: {self.count} {files} {where}: {listed}")
        if self.earlier_outputs:
            folders = ", ".join(self.earlier_outputs)
            holds, was, it = ("holds", "was", "it") if len(self.earlier_outputs) == 1 else ("hold", "were", "them")
            lines.append(
                f"note: {folders} {holds} an earlier cleaner run's outputs and {was} left out; "
                f"name {it} as an input to clean {it}"
            )
        return "\n".join(lines) or None


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
            earlier = left_out.add_earlier_outputs if left_out is not None else None
            for path, unlisted in _walk_sorted(root, _path_key(skip), earlier):
                if unlisted or fnmatch.fnmatchcase(path.name.lower(), pattern.lower()):
                    yield InputFile(path, path.relative_to(root))
                elif left_out is not None and not any(part.startswith(".") for part in path.relative_to(root).parts):
                    left_out.add(path)  # hidden files and folders (.git, .cleaner-cache) are no one's pages
        elif root.exists() or not glob.has_magic(str(given)):
            yield InputFile(root, Path(root.name))
        else:
            yield from _expand_pattern(str(given), _path_key(skip))


def check_outputs_apart(inputs: Iterable[Path | str], outdir: Path) -> None:
    """Refuse, before the first input, an OUTDIR that is an input folder or an input file's own folder.

    Each output would overwrite its input, so every file was refused on its own after being cleaned,
    and report.json, report.csv and report.html were written among the inputs. A glob pattern counts
    as the folder before its first wildcard; an OUTDIR inside an input folder is fine (its walk
    passes over it).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.txt").write_text("文", encoding="utf-8")
    >>> check_outputs_apart([root / "a.txt"], root / "cleaned")
    >>> try:
    ...     check_outputs_apart([root / "a.txt"], root)
    ... except OutputError as error:
    ...     print(str(error).replace(root.as_posix(), "IN"))
    IN: the output folder is where the input IN/a.txt lies, and each cleaned text would overwrite \
its input; give -o a folder of its own, such as IN/cleaned
    """
    if not outdir.is_dir():
        return  # a folder still to be made holds no inputs
    for given in inputs:
        given = Path(given)
        if given.is_dir():
            folder, where = given, "is the input folder"
        elif given.exists() or not glob.has_magic(str(given)):
            folder, where = given.parent, f"is where the input {shown_path(given)} lies"
        else:
            folder, _ = _pattern_base(str(given))
            where = f"is the folder the pattern {shown_path(given)} is read from"
        try:
            same = folder.is_dir() and os.path.samefile(folder, outdir)
        except OSError:
            continue  # an input that cannot be reached fails with its reason when its turn comes
        if same:
            raise OutputError(
                f"{shown_path(outdir)}: the output folder {where}, and each cleaned text would overwrite its input; "
                f"give -o a folder of its own, such as {shown_path(outdir / 'cleaned')}"
            )


def once(files: Iterable[InputFile]) -> Iterator[InputFile]:
    """Each file once, however many inputs reach it (a folder and a file in it, a list naming it
    twice, a link to it): cleaned twice it would be reported twice and written twice. A path that
    does not exist passes, to be reported as a failure. The files seen are kept in a `SeenKeys`: in
    memory for a folder or two, on disk for an archive, so memory stays flat however many files.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.txt").write_text("文", encoding="utf-8")
    >>> [f.relative.as_posix() for f in once(discover([root, root / "a.txt", root / "no.txt"]))]
    ['a.txt', 'no.txt']
    """
    seen = SeenKeys()
    try:
        for item in files:
            key = _path_key(item.path)  # None: no file there, and its failure to report
            if key is None or seen.claim(key if isinstance(key, str) else f"{key[0]}:{key[1]}") is None:
                yield item
    finally:
        seen.close()


PathKey = tuple[int, int] | str  # the same file or folder whatever path names it


def _path_key(path: Path | None) -> PathKey | None:
    """(device, inode) of a file or folder, or None when there is none to read. Some network and FAT
    mounts give every file inode 0: there only the resolved path tells them apart."""
    if path is None:
        return None
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino) if status.st_ino else str(path.resolve())


def _walk_sorted(
    root: Path, skip: PathKey | None = None, earlier: Callable[[Path], None] | None = None
) -> Iterator[tuple[Path, bool]]:
    """Files below ROOT, depth first, each folder's entries in name order, each with whether it is a
    folder that could not be listed; symlinked folders are not followed, nor the folder SKIP (the
    output folder: cleaning it would clean the outputs again), nor, when EARLIER is given, an earlier
    run's output folder (`earlier_outputs`), which is handed to it. A link to nothing is listed too, and so
    is a folder that cannot be listed: reading each fails with a reason instead of its pages going missing."""
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError:
        if root.is_dir():  # there, but not to be read; a folder that is not there has no pages to lose
            yield root, True
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            folder = Path(entry.path)
            if skip is not None and _path_key(folder) == skip:
                continue  # this run's output folder, asked first: a re-run noted it as an earlier run's, to clean
            if earlier is not None and earlier_outputs(folder):
                earlier(folder)
            else:
                yield from _walk_sorted(folder, skip, earlier)
        elif _names_a_file(entry):
            yield Path(entry.path), False


def earlier_outputs(folder: Path) -> bool:
    """Whether FOLDER is a cleaner run's output folder: a report.json of cleaner's beside its report.csv.

    An earlier run with another -o left it inside the archive; walked as input, its cleaned texts would be
    cleaned and written again beside the pages they came from.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "report.csv").write_text("path,stage", encoding="utf-8")
    >>> earlier_outputs(folder)
    False
    >>> _ = (folder / "report.json").write_text('{"documents": [\\n]}', encoding="utf-8")
    >>> earlier_outputs(folder)
    True
    """
    try:
        with open(folder / "report.json", "rb") as report:
            opening = report.read(len(REPORT_OPENING))
    except OSError:  # no report.json: the common case, one failed open a folder
        return False
    return opening == REPORT_OPENING and (folder / "report.csv").is_file()


def _names_a_file(entry: os.DirEntry[str]) -> bool:
    """Whether a folder entry (not itself a folder) is to be read: anything but a link to a folder.
    A link that reaches no file (to nothing, or round in a loop) and a named pipe, socket or device
    are listed, so that reading each fails with its reason instead of going missing unseen.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "a.txt").symlink_to(root / "b.txt"); (root / "b.txt").symlink_to(root / "a.txt")
    >>> [_names_a_file(entry) for entry in os.scandir(root)]
    [True, True]
    """
    try:
        return not (entry.is_symlink() and os.path.isdir(entry.path))  # linked folders are not followed
    except OSError:  # a link in a loop raises instead of answering
        return True


def _pattern_base(pattern: str) -> tuple[Path, tuple[str, ...]]:
    """The folder a glob pattern is read from (its parts before the first wildcard), and the parts after it.

    >>> _pattern_base("archive/19*/*.txt"), _pattern_base("*.txt")
    ((PosixPath('archive'), ('19*', '*.txt')), (PosixPath('.'), ('*.txt',)))
    """
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    return (Path(*parts[:fixed]) if fixed else Path(".")), parts[fixed:]


def _expand_pattern(pattern: str, skip: PathKey | None = None) -> Iterator[InputFile]:
    """Expand a glob pattern lazily: walk from its fixed prefix, keep paths whose parts match."""
    base, wanted = _pattern_base(pattern)
    found = False
    for path, unlisted in _walk_sorted(base, skip):
        relative = path.relative_to(base)
        if unlisted or _match_parts(relative.parts, wanted):
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
