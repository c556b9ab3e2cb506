"""Stable fingerprints of findings, and baselines: the findings a project has already accepted.

A fingerprint is made of the rule and the text around the finding, never its offset, so it survives
edits elsewhere in the file. SARIF's `partialFingerprints` and the baseline use the same function.

>>> text = "第一段的文字比较长，有十几个字。\\n\\n好,的"
>>> a = fingerprint("N102", text, text.index(","), text.index(",") + 1)
>>> edited = "新加的一段。\\n\\n" + text
>>> b = fingerprint("N102", edited, edited.index(","), edited.index(",") + 1)
>>> a == b, len(a)
(True, 32)
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CleanerError
from ..patterns import WHITESPACE
from ..seen_keys import SpilledRows
from .json_stream import json_chunks

if TYPE_CHECKING:
    from .formats import Located

CONTEXT = 12  # characters either side: enough to tell two findings apart, few enough to ignore far edits
BASELINE_VERSION = 2  # 2: paths relative to the baseline's folder


class BaselineError(CleanerError):
    """A baseline file that cannot be read or written."""


def normalized(text: str) -> str:
    """Text with every run of whitespace made one space, so re-wrapping a line keeps fingerprints.

    >>> normalized("a \\n\\n b")
    'a b'
    """
    return WHITESPACE.sub(" ", text)


def fingerprint(rule: str, text: str, start: int, end: int) -> str:
    """A hex digest of the rule, the finding's text and CONTEXT characters either side."""
    left = normalized(text[max(0, start - CONTEXT) : start])
    right = normalized(text[end : end + CONTEXT])
    key = "\x1f".join([rule, left, normalized(text[start:end]) or "∅", right])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def baseline_path_of(path: str, folder: Path) -> str:
    """A checked file's path as a baseline in FOLDER records it: relative to that folder, so the
    same file matches however the check names it (pages, ./pages/, /abs/pages, or `cd pages; .`).

    >>> baseline_path_of("pages/a.txt", Path.cwd()), baseline_path_of(str(Path.cwd() / "pages" / "a.txt"), Path.cwd())
    ('pages/a.txt', 'pages/a.txt')
    >>> baseline_path_of("-", Path.cwd())
    '-'
    """
    if path == "-":
        return path
    resolved = Path(path).resolve()
    try:
        return Path(os.path.relpath(resolved, folder.resolve())).as_posix()
    except ValueError:  # on another drive (Windows): no relative path leads there
        return resolved.as_posix()


class Baseline:
    """A multiset of (path, fingerprint): each recorded finding hides one matching finding. Paths are
    relative to the baseline file's folder (`baseline_path_of`).

    >>> baseline = Baseline(Counter({("a.txt", "f1"): 1}))
    >>> baseline.hides("a.txt", "f1"), baseline.hides("a.txt", "f1")
    (True, False)
    """

    def __init__(
        self,
        recorded: Counter[tuple[str, str]] | None = None,
        folder: Path | None = None,
        version: int = BASELINE_VERSION,
    ) -> None:
        self.remaining = Counter(recorded or {})
        self.folder = folder or Path.cwd()
        # version 1 recorded paths as the check was given them
        self.recorded_as_given = version < 2
        self._keys: dict[str, str] = {}  # a file's findings come together: resolve its path once

    def hides(self, path: str, print_: str) -> bool:
        if path not in self._keys:
            self._keys[path] = path if self.recorded_as_given else baseline_path_of(path, self.folder)
        key = (self._keys[path], print_)
        if self.remaining[key] > 0:
            self.remaining[key] -= 1
            return True
        return False

    def filter(self, findings: Iterable[Located]) -> list[Located]:
        """The findings the baseline does not already hold."""
        if not self.remaining:
            return list(findings)
        return [f for f in findings if not self.hides(f.path, f.fingerprint)]

    @classmethod
    def read(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            rows = data["findings"]
            recorded = Counter((str(row["path"]), str(row["fingerprint"])) for row in rows)
        except OSError as error:
            raise BaselineError(f"{path}: cannot be read ({error.strerror or error})") from None
        except (ValueError, KeyError, TypeError) as error:
            raise BaselineError(
                f"{path}: is not a cleaner baseline ({error}); write one with `cleaner check --write-baseline {path}`"
            ) from None
        return cls(recorded, path.parent, int(data.get("version", 1)))


ROW_FIELDS = ("path", "rule", "fingerprint", "line", "message", "before")


def record(rows: SpilledRows, findings: Iterable[Located], path: Path) -> None:
    """Add the findings to ROWS, the baseline to be written at PATH, each as its row and under the key it is sorted
    by (path, line, rule, fingerprint: so it diffs well). ROWS go to disk past a bound, as an archive's findings are
    many.

    >>> from cleaner.model import Change, Status
    >>> from cleaner.report.formats import locate
    >>> rows = SpilledRows()
    >>> change = Change("normalize", "N102", "改为全角", 1, 2, ",", "，", Status.APPLIED, 1.0)
    >>> record(rows, locate("b.txt", "好,的", [change], bool), Path("baseline.json"))
    >>> [(path, rule, line, message, before) for path, rule, _, line, message, before in rows]
    [('b.txt', 'N102', 1, '改为全角', ',')]
    """
    for f in findings:
        row = (baseline_path_of(f.path, path.parent), f.change.rule, f.fingerprint, f.line, f.change.message)
        # NUL parts the key's fields: it sorts below every character a path, a rule or a fingerprint holds
        rows.append((*row, f.change.before), key=f"{row[0]}\0{row[3]:010d}\0{row[1]}\0{row[2]}")


def write_baseline(path: Path, rows: SpilledRows) -> int:
    """Write the recorded rows (`record`) as a baseline file, in their keys' order; returns how many.

    The file is written beside itself and renamed over it when whole: a run stopped or a disk filled meanwhile leaves
    the previous baseline as it was, not one cut short.
    """
    findings = (dict(zip(ROW_FIELDS, row, strict=True)) for row in rows.by_key())
    document = {"version": BASELINE_VERSION, "tool": "cleaner", "findings": findings}
    part = _part_of(path)
    try:
        with part.open("w", encoding="utf-8") as stream:
            stream.writelines(json_chunks(document, "findings"))
            stream.write("\n")
        os.replace(part, path)
    except OSError as error:
        part.unlink(missing_ok=True)
        raise _unwritable(path, error) from None
    return len(rows)


def check_baseline_writable(path: Path) -> None:
    """Refuse a --write-baseline PATH that cannot be written, before the check runs: found once every file was
    checked, it ended the run with a traceback and no baseline.

    >>> try:
    ...     check_baseline_writable(Path("/proc/no-such-folder/baseline.json"))
    ... except BaselineError as error:
    ...     print(error)
    /proc/no-such-folder/baseline.json: the baseline cannot be written (No such file or directory); \
give --write-baseline a path in a folder that exists and can be written
    """
    part = _part_of(path)
    try:
        part.open("w", encoding="utf-8").close()
        part.unlink()
    except OSError as error:
        raise _unwritable(path, error) from None


def _part_of(path: Path) -> Path:
    return path.with_name(f".{path.name}.part")


def _unwritable(path: Path, error: OSError) -> BaselineError:
    reason = f"the baseline cannot be written ({error.strerror or error})"
    return BaselineError(f"{path}: {reason}; give --write-baseline a path in a folder that exists and can be written")
