"""An archive's own OCR confusions, learned from a hand-corrected sample of its pages.

Each OCR text is aligned with its corrected text (`cleaner.alignment`); the one-for-one Han substitutions
are counted, pair by pair (wrong as the OCR wrote it, right as the archivist corrected it). Whitespace is
left out before aligning (a line wrapped otherwise is layout, not a misreading), and full-width letters and
digits are compared as half-width. The table written is one
S102 reads as a look-alike table (`confusion_learned.tsv` in a rules folder): `wrong<TAB>right<TAB>count`,
a group of two characters to its parser, the count kept for the reader.

>>> learned = learn_texts([("工作己经开展。己有成效", "工作已经开展。已有成效")])
>>> [(pair.wrong, pair.right, pair.count, pair.examples[0]) for pair in learned.pairs()]
[('己', '已', 2, '工作[己]经开展。')]
>>> table_rows(learned, min_count=1)
['己\\t已\\t2']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .alignment import half_width, similarity, substitutions
from .errors import InputError, SampleError
from .io import decode

# texts less alike than this (one minus edit distance over length) are not the same page: a wrong partner
MIN_SIMILARITY = 0.6
EXAMPLE_CONTEXT = 4  # characters of the OCR text shown each side of a learned pair's example
MAX_EXAMPLES = 3  # examples kept per pair
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class LearnedPair:
    """A confusion the sample shows: OCR wrote `wrong` where the page has `right`, `count` times."""

    wrong: str
    right: str
    count: int
    examples: tuple[str, ...]  # the OCR text around the first few, the character in brackets


@dataclass
class Learned:
    """What a sample taught: substitutions counted by (wrong, right), a few examples each, and its size."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    documents: int = 0
    characters: int = 0  # of the OCR texts as compared, whitespace left out
    skipped: list[str] = field(default_factory=list)  # why each pair not learned from was left out

    def add(self, ocr: str, corrected: str) -> None:
        """Count the substitutions of one aligned pair of texts, both as compared (`as_compared`)."""
        self.documents += 1
        self.characters += len(ocr)
        for found in substitutions(ocr, corrected):
            key = (found.wrong, found.right)
            self.counts[key] += 1
            if len(self.examples[key]) < MAX_EXAMPLES:
                start, end = max(0, found.position - EXAMPLE_CONTEXT), found.position + EXAMPLE_CONTEXT + 1
                self.examples[key].append(
                    f"{ocr[start : found.position]}[{found.wrong}]{ocr[found.position + 1 : end]}"
                )

    def pairs(self, min_count: int = 1) -> list[LearnedPair]:
        """The pairs seen MIN_COUNT times or more, the most frequent first (ties in character order)."""
        ranked = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        return [
            LearnedPair(wrong, right, count, tuple(self.examples[(wrong, right)]))
            for (wrong, right), count in ranked
            if count >= min_count
        ]


def as_compared(text: str) -> str:
    """TEXT as the sample is compared: every space and line break left out, full-width letters and digits as
    half-width. Neither the layout nor the width of a figure is a misreading, and a page corrected in full-width
    digits (１９９８) is otherwise too unlike its OCR text (1998) to be taken for it.

    >>> as_compared("人民\\n日报 社论１９９８")
    '人民日报社论1998'
    """
    return "".join(half_width(char) for char in WHITESPACE.sub("", text))


def learn_texts(pairs: Iterable[tuple[str, str]], min_similarity: float = MIN_SIMILARITY) -> Learned:
    """Learn from (ocr, corrected) texts; a pair less alike than MIN_SIMILARITY is a SampleError.

    >>> learn_texts([("今天天气很好", "明日有雨")])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleaner.errors.SampleError: text 1: the OCR and corrected texts are too unlike to be the same page ...
    """
    learned = Learned()
    for number, (ocr, corrected) in enumerate(pairs, start=1):
        _add_checked(learned, f"text {number}", ocr, corrected, min_similarity)
    return learned


def _add_checked(learned: Learned, name: str, ocr: str, corrected: str, min_similarity: float) -> None:
    ocr, corrected = as_compared(ocr), as_compared(corrected)
    alike = similarity(ocr, corrected)
    if alike < min_similarity:
        raise SampleError(
            f"{name}: the OCR and corrected texts are too unlike to be the same page (similarity {alike:.2f}, "
            f"under {min_similarity}); check that the corrected text is this page's"
        )
    learned.add(ocr, corrected)


def pair_folders(ocr_dir: Path, corrected_dir: Path) -> list[tuple[Path, Path]]:
    """(OCR file, corrected file) by relative path, for every file of CORRECTED_DIR (hidden ones left out).

    OCR pages nobody corrected are left alone; a corrected page whose OCR file is missing is a SampleError.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("ocr/a.txt", "ocr/b.txt", "fixed/a.txt"):
    ...     (root / name).parent.mkdir(exist_ok=True); _ = (root / name).write_text("文", encoding="utf-8")
    >>> [(o.name, c.name) for o, c in pair_folders(root / "ocr", root / "fixed")]
    [('a.txt', 'a.txt')]
    """
    corrected_files = sorted(
        path
        for path in corrected_dir.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(corrected_dir).parts)
    )
    if not corrected_files:
        raise SampleError(f"{corrected_dir}: holds no corrected page; give the folder of hand-corrected texts")
    pairs = []
    for corrected in corrected_files:
        ocr = ocr_dir / corrected.relative_to(corrected_dir)
        if not ocr.is_file():
            raise SampleError(
                f"{corrected}: has no OCR partner {ocr}; give the OCR folder the corrected pages came from, "
                "with the same relative paths"
            )
        pairs.append((ocr, corrected))
    return pairs


def read_pair_list(path: Path) -> list[tuple[Path, Path]]:
    """(OCR file, corrected file) from a list file: `ocr<TAB>corrected` a line, relative to the list's folder.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "pairs.tsv").write_text("# sample\\nocr/1.txt\\tfixed/1.txt\\n", encoding="utf-8")
    >>> read_pair_list(root / "pairs.tsv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleaner.errors.SampleError: .../pairs.tsv: line 2: .../ocr/1.txt does not exist; fix the path or drop the line
    >>> for name in ("ocr/1.txt", "fixed/1.txt"):
    ...     (root / name).parent.mkdir(); _ = (root / name).write_text("文", encoding="utf-8")
    >>> [(str(o.relative_to(root)), str(c.relative_to(root))) for o, c in read_pair_list(root / "pairs.tsv")]
    [('ocr/1.txt', 'fixed/1.txt')]
    """
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [part.strip() for part in line.split("\t")]
        if len(fields) != 2 or not all(fields):
            raise SampleError(f"{path}: line {number} needs two tab-separated paths, the OCR file and the corrected")
        ocr, corrected = (path.parent / field for field in fields)
        for partner in (ocr, corrected):
            if not partner.is_file():
                raise SampleError(f"{path}: line {number}: {partner} does not exist; fix the path or drop the line")
        pairs.append((ocr, corrected))
    return pairs


def learn_files(pairs: Iterable[tuple[Path, Path]], min_similarity: float = MIN_SIMILARITY) -> Learned:
    """Learn from (OCR file, corrected file) pairs, each read as the cleaner reads a page (UTF-8, GB18030, Big5).

    A pair that cannot be read, is saved in two encodings (a corrected page saved otherwise was often retyped or
    converted, and a wrong guess of one side's encoding aligns nothing with nothing) or is too unlike to be one
    page is left out with its reason in `skipped`: one bad pair never stops the others being learned from.
    """
    learned = Learned()
    for ocr_path, corrected_path in pairs:
        try:
            _learn_file_pair(learned, ocr_path, corrected_path, min_similarity)
        except SampleError as error:
            learned.skipped.append(str(error))
    return learned


def _learn_file_pair(learned: Learned, ocr_path: Path, corrected_path: Path, min_similarity: float) -> None:
    ocr, ocr_encoding = _read(ocr_path)
    corrected, corrected_encoding = _read(corrected_path)
    if ocr_encoding != corrected_encoding:
        raise SampleError(
            f"{ocr_path} is {ocr_encoding.upper()} but {corrected_path} is {corrected_encoding.upper()}; "
            "save both in one encoding (UTF-8) and run again"
        )
    _add_checked(learned, f"{ocr_path} and {corrected_path}", ocr, corrected, min_similarity)


def _read(path: Path) -> tuple[str, str]:
    try:
        return decode(path.read_bytes(), str(path))
    except InputError as error:
        raise SampleError(str(error)) from None


def table_rows(learned: Learned, min_count: int) -> list[str]:
    """The rows of the learned table: `wrong<TAB>right<TAB>count`, the most frequent first."""
    return [f"{pair.wrong}\t{pair.right}\t{pair.count}" for pair in learned.pairs(min_count)]
