"""Look-alikes one stroke apart: characters whose stroke sequences differ by a single stroke.

A glyph drawn whole and compared zone by zone (`cleaner.glyphs`) misses pairs that print damage makes
alike although their shapes differ where it matters: a stroke lost or added (休/体, 视/祝), one stroke
for another (千/干), or one stroke in another place (甲/由, 玉/主: the stem above or below). pycorrector
ships the stroke sequence of some 12,000 characters (`data/stroke.txt`: h 横, s 竖, p 撇, n 点/捺,
z 折); two characters are one stroke apart when one sequence becomes the other by a stroke added,
removed, changed or moved. Five kinds of stroke make many unlike characters one stroke apart (上/曰, 冯/妄,
圭/耳), so a pair is kept only where the drawn glyphs are also somewhat alike (`cleaner build-shapes
--strokes`).

>>> one_stroke_apart("pshspn", "pshspnh")  # 休, 体
True
>>> one_stroke_apart("szhhs", "szhsh")  # 甲, 由: the stem moved
True
>>> one_stroke_apart("zpnn", "npzn")  # 办, 为: two strokes moved
False
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import combinations
from pathlib import Path

# Under this, glyphs one stroke apart share too little to be misread for each other (于/厅 0.40, 丁/土 0.39; 甲/由
# 0.47, 休/体 0.87): tried on the training side (docs/measurements.md, branch spell25).
STROKE_MIN_SIMILARITY = 0.45
# A stroke moved is looked for only among characters of the same strokes in another order; a multiset shared by
# more characters than this is one of the short, common ones, whose pairs the other edits already find.
MOVED_GROUP_LIMIT = 400


def pycorrector_strokes() -> Path:
    """pycorrector's table of stroke sequences (a character, a tab, its strokes), found without importing it.

    >>> pycorrector_strokes().name
    'stroke.txt'
    """
    spec = importlib.util.find_spec("pycorrector")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pycorrector is not installed: its data/stroke.txt is the stroke table")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "stroke.txt"


def read_strokes(lines: Iterable[str]) -> dict[str, str]:
    """Each character's stroke sequence, from `character<TAB>strokes` lines (comment lines skipped).

    >>> read_strokes(["# 笔划", "休\\tpshspn", "bad line"])
    {'休': 'pshspn'}
    """
    strokes: dict[str, str] = {}
    for line in lines:
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 2 or len(fields[0]) != 1 or not fields[1].strip():
            continue
        strokes[fields[0]] = fields[1].strip()
    return strokes


def one_stroke_apart(first: str, second: str) -> bool:
    """Whether two stroke sequences are the same or differ by one stroke added, changed or moved.

    >>> one_stroke_apart("phs", "hhs"), one_stroke_apart("pn", "pn"), one_stroke_apart("szh", "hhhh")
    (True, True, False)
    """
    if first == second:
        return True
    if abs(len(first) - len(second)) == 1:
        shorter, longer = sorted((first, second), key=len)
        return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
    if len(first) != len(second):
        return False
    differing = [i for i in range(len(first)) if first[i] != second[i]]
    if len(differing) == 1:
        return True
    # moved: the differing stretch is one stroke carried from one end of it to the other
    start, end = differing[0], differing[-1] + 1
    left, right = first[start:end], second[start:end]
    return left[1:] + left[0] == right or left[-1] + left[:-1] == right


def stroke_pairs(strokes: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """Every pair of characters one stroke apart, each pair once (found by the sequences' shared neighbours).

    >>> sorted(stroke_pairs({"千": "phs", "干": "hhs", "于": "hhsz", "水": "szpn"}))
    [('于', '干'), ('千', '干')]
    """
    by_key: dict[str, set[str]] = defaultdict(set)
    for char, sequence in strokes.items():
        by_key["=" + sequence].add(char)
        by_key["<" + "".join(sorted(sequence))].add(char)
        for i in range(len(sequence)):
            by_key["-" + sequence[:i] + sequence[i + 1 :]].add(char)  # a stroke removed, or changed on both sides
    for char, sequence in strokes.items():
        by_key["-" + sequence].add(char)  # the shorter of an added stroke
    seen: set[tuple[str, str]] = set()
    for key, chars in by_key.items():
        if key.startswith("<") and len(chars) > MOVED_GROUP_LIMIT:
            continue
        for first, second in combinations(sorted(chars), 2):
            if (first, second) not in seen and one_stroke_apart(strokes[first], strokes[second]):
                seen.add((first, second))
                yield first, second


def stroke_look_alikes(
    strokes: Mapping[str, str], vectors: Mapping[str, Iterable[float]], min_similarity: float
) -> dict[str, str]:
    """Each drawn character's look-alikes one stroke apart whose glyphs are at least `min_similarity` alike.

    >>> vectors = {"千": [1.0, 0.0], "干": [0.9, 0.44], "口": [0.0, 1.0], "山": [0.95, 0.3]}
    >>> stroke_look_alikes({"千": "phs", "干": "hhs", "口": "szh", "山": "szs"}, vectors, 0.45)
    {'千': '干', '干': '千'}
    """
    drawn = {char: list(vector) for char, vector in vectors.items() if char in strokes}
    table: dict[str, set[str]] = defaultdict(set)
    for first, second in stroke_pairs({char: strokes[char] for char in drawn}):
        if sum(a * b for a, b in zip(drawn[first], drawn[second], strict=True)) >= min_similarity:
            table[first].add(second)
            table[second].add(first)
    return {char: "".join(sorted(others)) for char, others in sorted(table.items())}
