"""Character alignment of an OCR text with its corrected text, and what it shows: the one-for-one
substitutions, the edit distance, where each boundary of the one text falls in the other.

Both users of an alignment go through here: `cleaner learn-confusions` (what an archive's OCR misreads)
and `cleaner eval ocr` (CER, changes judged right or wrong, look-alikes left).

The alignment is rapidfuzz's Levenshtein opcodes (minimal edits, computed bit-parallel: a newspaper page
of 10,000 characters aligns in milliseconds). A misread character is a replaced character whose
neighbours are kept: a replacement beside an insertion or a deletion (两 read as 一人, a line lost) or in
a longer run than `MAX_RUN` is a rewritten passage, not a misreading, and says nothing of which glyph
the engine took for which.

>>> [(s.position, s.wrong, s.right) for s in substitutions("工作己经开展，大家都很高兴", "工作已经开展，大家都很高兴")]
[(2, '己', '已')]
>>> round(similarity("工作己经开展", "工作已经开展"), 3)
0.833
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .patterns import ALNUM_TO_HALF, HAN

# the longest run of replaced characters still read as misreadings, one by one (末来 -> 未来 is a run of 1)
MAX_RUN = 2


def half_width(char: str) -> str:
    """A full-width letter or digit as its half-width form; any other character as it is. Width is no misreading:
    both users of an alignment compare texts so (a corrected page in full-width digits, OCR's in half-width).

    >>> half_width("Ａ") + half_width("９") + half_width("（")
    'A9（'
    """
    return char.translate(ALNUM_TO_HALF)


@dataclass(frozen=True, slots=True)
class Edit:
    """One stretch of the alignment: `tag` (equal, replace, insert, delete) says what OCR[start:end] is to
    CORRECTED[to_start:to_end]."""

    tag: str
    start: int
    end: int
    to_start: int
    to_end: int


@dataclass(frozen=True, slots=True)
class Substitution:
    """One character the OCR wrote (`wrong`, at `position` of the OCR text) where the corrected text has `right`."""

    position: int
    wrong: str
    right: str


def align(ocr: str, corrected: str) -> list[Edit]:
    """The stretches of a minimal character alignment of OCR with CORRECTED, in order.

    >>> [(e.tag, e.start, e.end) for e in align("末来好", "未来很好")]
    [('replace', 0, 1), ('equal', 1, 2), ('insert', 2, 2), ('equal', 2, 3)]
    """
    return [Edit(*opcode) for opcode in Levenshtein.opcodes(ocr, corrected)]


def similarity(ocr: str, corrected: str) -> float:
    """How alike two texts are, 0 to 1: one minus the edit distance over the longer length.

    >>> similarity("报纸", "报纸"), similarity("报纸", "电视")
    (1.0, 0.0)
    """
    return float(Levenshtein.normalized_similarity(ocr, corrected))


def distance(ocr: str, corrected: str) -> int:
    """The edit distance of the two texts: characters inserted, deleted or replaced by the alignment.

    >>> distance("末来好", "未来很好")
    2
    """
    return int(Levenshtein.distance(ocr, corrected))


def boundary_maps(source: str, target: str) -> tuple[list[int], list[int]]:
    """For each boundary of SOURCE, its offset in TARGET before and after what TARGET inserts there.

    A span SOURCE[start:end] corresponds to TARGET[left[start]:right[end]], what the alignment inserts at
    its edges included.

    >>> boundary_maps("甲丙", "甲乙丙")
    ([0, 1, 3], [0, 2, 3])
    >>> boundary_maps("甲乙丙", "甲丙")  # 乙 deleted: both its boundaries fall on 甲's end
    ([0, 1, 1, 2], [0, 1, 1, 2])
    """
    left: list[int | None] = [None] * (len(source) + 1)
    right = [0] * (len(source) + 1)
    for edit in align(source, target):
        for boundary in range(edit.start, edit.end + 1):
            if edit.tag == "insert":
                first, last = edit.to_start, edit.to_end
            elif boundary == edit.end:
                first = last = edit.to_end
            else:
                first = last = edit.to_start + min(boundary - edit.start, edit.to_end - edit.to_start)
            if left[boundary] is None:
                left[boundary] = first
            right[boundary] = last
    return [0 if offset is None else offset for offset in left], right


def substitutions(ocr: str, corrected: str, max_run: int | None = MAX_RUN, isolated: bool = True) -> list[Substitution]:
    """The one-for-one Han substitutions of the alignment: a replaced run of at most MAX_RUN characters,
    with kept text on both sides, each character Han on both sides (punctuation and digits are no glyph
    confusions of the script). Insertions and deletions are left out, and so are their neighbours.

    Learning confusions wants only these clean misreadings. Counting what is left wrong in a text
    (`eval ocr`'s look-alikes) takes every one-for-one replaced run: MAX_RUN None (any length) and
    ISOLATED False (an insertion or deletion beside it allowed).

    >>> [(s.wrong, s.right) for s in substitutions("人民日极社论", "人民日报社论")]
    [('极', '报')]
    >>> substitutions("他们一人走了", "他们两走了")  # 一人 -> 两: not one for one
    []
    >>> [(s.wrong, s.right) for s in substitutions("他们一人走了", "他们两走了", isolated=False)]  # 人 deleted
    [('一', '两')]
    >>> substitutions("第1版", "第一版")  # a digit is no Han glyph
    []
    """
    edits = align(ocr, corrected)
    found: list[Substitution] = []
    for index, edit in enumerate(edits):
        if edit.tag != "replace" or (max_run is not None and edit.end - edit.start > max_run):
            continue
        if edit.end - edit.start != edit.to_end - edit.to_start or (isolated and not _kept_around(edits, index)):
            continue
        for offset in range(edit.end - edit.start):
            wrong, right = ocr[edit.start + offset], corrected[edit.to_start + offset]
            if wrong != right and HAN.fullmatch(wrong) and HAN.fullmatch(right):
                found.append(Substitution(edit.start + offset, wrong, right))
    return found


def _kept_around(edits: Sequence[Edit], index: int) -> bool:
    """Whether the replace stretch at INDEX has only kept text (or a text's edge) beside it."""
    before = edits[index - 1].tag if index > 0 else "equal"
    after = edits[index + 1].tag if index + 1 < len(edits) else "equal"
    return before == "equal" and after == "equal"
