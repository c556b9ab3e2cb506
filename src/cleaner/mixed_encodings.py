"""Files that mix encodings line by line (OCR batches concatenated: a GBK part appended to a UTF-8
page), read run of lines by run of lines, each in the encoding that reads it.

>>> data = "第一版　要闻\\n".encode() + "魏都区深入开展专项行动。\\n".encode("gbk")
>>> decode_mixed(data, "a.txt", lambda run: ["gb18030"])
('第一版\\u3000要闻\\n魏都区深入开展专项行动。\\n', 'mixed: utf-8 line 1, gb18030 line 2')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .encoding_damage import MANGLED_SHARE, common_share
from .errors import InputError

UTF8 = "utf-8"
LEGACY = "legacy"
# Runs judged each on its own (charset-normalizer takes milliseconds a run); the runs of a file that
# alternates more often are read as all its legacy lines together are judged, so no file stalls a batch.
JUDGED_RUNS = 32
SHOWN_LINES = 10  # undecodable lines named in the message, then how many in all
DESCRIBED_RUNS = 8  # then the encoding recorded in the report ends with how many runs there were in all


@dataclass
class _Run:
    """Consecutive lines read in one encoding (lines of ASCII alone go with the run before them)."""

    kind: str
    first_line: int
    lines: list[bytes] = field(default_factory=list)

    @property
    def last_line(self) -> int:
        return self.first_line + len(self.lines) - 1

    def where(self) -> str:
        """The run's lines as a reader finds them: 'line 4' or 'lines 4-9'."""
        if self.first_line == self.last_line:
            return f"line {self.first_line}"
        return f"lines {self.first_line}-{self.last_line}"


def decode_mixed(data: bytes, name: str, candidates: Callable[[bytes], list[str]]) -> tuple[str, str] | None:
    """Bytes whose lines are partly UTF-8 beyond ASCII and partly not, decoded run by run, with an
    encoding that says which lines were read in which; or None for bytes not so mixed. Each run that
    is no UTF-8 is read in the first of its CANDIDATES (its likeliest Chinese encodings) that reads
    it whole; a line none reads is refused with its number.

    A line that is valid UTF-8 and valid GB18030 (a short GBK line can be both) is read the way whose
    Han characters are commoner.

    >>> decode_mixed("第一版\\n".encode("gbk") * 2, "gbk.txt", lambda run: ["gb18030"]) is None
    True
    >>> decode_mixed("第一版\\n".encode() + b"\\xff\\xff\\n", "bad.txt", lambda run: ["gb18030"])
    Traceback (most recent call last):
    cleaner.errors.InputError: bad.txt: line 2 cannot be decoded: not UTF-8, nor Chinese read as GB18030 or Big5, \
as the file's other lines are; mend that line or convert it to UTF-8, and run again
    """
    runs: list[_Run] = []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        kind = _kind_of(line)
        if kind is None or (runs and runs[-1].kind == kind):
            if not runs:
                runs.append(_Run(kind or UTF8, number))
            runs[-1].lines.append(line)
        else:
            if runs and runs[-1].kind == UTF8 and not _beyond_ascii(runs[-1].lines):
                runs[-1].kind = kind  # lines of ASCII alone before the first run of another encoding
            else:
                runs.append(_Run(kind, number))
            runs[-1].lines.append(line)
    kinds = {run.kind for run in runs if _beyond_ascii(run.lines)}
    if kinds != {UTF8, LEGACY}:
        return None
    texts, described = [], []
    legacy = [run for run in runs if run.kind == LEGACY]
    together = candidates(b"".join(line for run in legacy for line in run.lines)) if len(legacy) > JUDGED_RUNS else None
    undecodable: list[int] = []  # every such line is named at once: mending them one run at a time took a run each
    for run in runs:
        encodings = [] if run.kind == UTF8 else together or candidates(b"".join(run.lines))
        try:
            text, encoding = _decode_run(run, encodings)
        except _Undecodable as error:
            undecodable += error.lines
            continue
        texts.append(text)
        described.append(f"{encoding} {run.where()}")
    if undecodable:
        raise InputError(name, _undecodable_reason(undecodable))
    if len(described) > DESCRIBED_RUNS:
        described[DESCRIBED_RUNS:] = [f"… ({len(runs):,} runs in all)"]
    return "".join(texts), "mixed: " + ", ".join(described)


def _kind_of(line: bytes) -> str | None:
    """UTF8 or LEGACY for a line beyond ASCII, None for one of ASCII alone.

    >>> _kind_of(b"2024\\n"), _kind_of("要闻".encode()), _kind_of("要闻".encode("gbk"))
    (None, 'utf-8', 'legacy')
    """
    if line.isascii():
        return None
    try:
        as_utf8 = line.decode("utf-8")
    except UnicodeDecodeError:
        return LEGACY
    try:
        as_gb18030 = line.decode("gb18030")
    except UnicodeDecodeError:
        return UTF8
    return LEGACY if common_share(as_gb18030) > common_share(as_utf8) else UTF8


def _beyond_ascii(lines: list[bytes]) -> bool:
    return not all(line.isascii() for line in lines)


class _Undecodable(Exception):
    """Lines of a run that no encoding reads as Chinese, by their numbers."""

    def __init__(self, lines: list[int]) -> None:
        super().__init__(lines)
        self.lines = lines


def _decode_run(run: _Run, encodings: list[str]) -> tuple[str, str]:
    """A run's text and the first of ENCODINGS that reads it as Chinese (its Han characters mostly
    common ones: a UTF-8 line with a byte lost reads as GB18030 too, into rare characters), or
    `_Undecodable` with every line none reads so."""
    data = b"".join(run.lines)
    if run.kind == UTF8:
        return data.decode("utf-8"), UTF8
    if (whole := _read_as_chinese(data, encodings)) is not None:
        return whole
    texts, used, unread = [], [], []  # no encoding reads the run whole: each line in the first that reads it
    for offset, line in enumerate(run.lines):
        if (read := _read_as_chinese(line, encodings)) is None:
            unread.append(run.first_line + offset)
            continue
        texts.append(read[0])
        used.append(read[1])
    if unread:
        raise _Undecodable(unread)
    return "".join(texts), "/".join(dict.fromkeys(used))


def _undecodable_reason(lines: list[int]) -> str:
    """Why a file is refused, naming its undecodable LINES (the first ten, then how many in all).

    >>> _undecodable_reason([7, 9])[:40]
    'lines 7, 9 cannot be decoded: not UTF-8,'
    >>> _undecodable_reason(list(range(1, 13)))[:60]
    'lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (12 in all) cannot be'
    """
    shown = ", ".join(str(number) for number in lines[:SHOWN_LINES])
    if len(lines) > SHOWN_LINES:
        shown += f", … ({len(lines):,} in all)"
    which, mend = (
        ("line", "that line or convert it") if len(lines) == 1 else ("lines", "those lines or convert the file")
    )
    return (
        f"{which} {shown} cannot be decoded: not UTF-8, nor Chinese read as GB18030 or Big5, as the file's other "
        f"lines are; mend {mend} to UTF-8, and run again"
    )


def _read_as_chinese(data: bytes, encodings: list[str]) -> tuple[str, str] | None:
    """DATA read in the first of ENCODINGS that reads it into common characters, with that encoding.

    >>> _read_as_chinese("要闻".encode("gbk"), ["gb18030"]), _read_as_chinese("中国人民".encode()[1:], ["gb18030"])
    (('要闻', 'gb18030'), None)
    """
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if common_share(text) >= MANGLED_SHARE:
            return text, encoding
    return None
