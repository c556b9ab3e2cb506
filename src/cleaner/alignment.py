"""Character alignment of an OCR text with its corrected text, and the one-for-one substitutions it shows.

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

from .patterns import HAN

# the longest run of replaced characters still read as misreadings, one by one (末来 -> 未来 is a run of 1)
MAX_RUN = 2


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


def substitutions(ocr: str, corrected: str, max_run: int = MAX_RUN) -> list[Substitution]:
    """The one-for-one Han substitutions of the alignment: a replaced run of at most MAX_RUN characters,
    with kept text on both sides, each character Han on both sides (punctuation and digits are no glyph
    confusions of the script). Insertions and deletions are left out, and so are their neighbours.

    >>> [(s.wrong, s.right) for s in substitutions("人民日极社论", "人民日报社论")]
    [('极', '报')]
    >>> substitutions("他们一人走了", "他们两走了")  # 一人 -> 两: not one for one
    []
    >>> substitutions("第1版", "第一版")  # a digit is no Han glyph
    []
    """
    edits = align(ocr, corrected)
    found: list[Substitution] = []
    for index, edit in enumerate(edits):
        if edit.tag != "replace" or edit.end - edit.start > max_run:
            continue
        if not _kept_around(edits, index):
            continue
        for offset in range(edit.end - edit.start):
            wrong, right = ocr[edit.start + offset], corrected[edit.to_start + offset]
            if wrong != right and HAN.fullmatch(wrong) and HAN.fullmatch(right):
                found.append(Substitution(edit.start + offset, wrong, right))
    return found


def _kept_around(edits: Sequence[Edit], index: int) -> bool:
    """Whether the replace stretch at INDEX is one for one and has only kept text (or a text's edge) beside it."""
    edit = edits[index]
    if edit.end - edit.start != edit.to_end - edit.to_start:
        return False
    before = edits[index - 1].tag if index > 0 else "equal"
    after = edits[index + 1].tag if index + 1 < len(edits) else "equal"
    return before == "equal" and after == "equal"
