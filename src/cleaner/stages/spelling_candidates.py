"""Where spelling candidates come from: visual confusion sets and user pairs, read from rule files.

OCR misreads a character as one that looks like it, so candidates are drawn from shape
similarity only (never pinyin). Two line formats are read, both tab-separated:

- a group, every field one character, all mutually confusable (pycorrector's `same_stroke.txt`);
- a key and a string of characters that look like it (the SIGHAN-2013 shape sets).

>>> shapes = parse_shape_lines(["己\\t已\\t巳", "未\\t末味"])
>>> sorted(shapes["己"]), sorted(shapes["末"])
(['已', '巳'], ['未'])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping

from ..errors import RuleError
from ..patterns import HAN, NUMERALS
from ..rules import RuleSet

NUMERAL_SET = frozenset(NUMERALS)
WORD_END = ""  # a word's last node in `ShapeNeighbours`' tree: no character is empty


def parse_shape_lines(lines: Iterable[str]) -> dict[str, frozenset[str]]:
    """Visually similar characters, made symmetric: if A looks like B, B looks like A.

    >>> sorted(parse_shape_lines(["日\\t曰目"])["曰"])
    ['日']
    """
    similar: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        fields = [field.strip() for field in line.split("\t") if field.strip()]
        if len(fields) == 2 and len(fields[0]) == 1 and len(fields[1]) > 1:
            pairs = [(fields[0], other) for other in fields[1]]
        else:
            group = [char for field in fields for char in field]
            pairs = [(a, b) for a in group for b in group]
        for a, b in pairs:
            if a != b and HAN.fullmatch(a) and HAN.fullmatch(b):
                similar[a].add(b)
                similar[b].add(a)
    return {char: frozenset(others) for char, others in similar.items()}


def parse_directed_pairs(lines: Iterable[str]) -> dict[str, frozenset[str]]:
    """`wrong<TAB>right[<TAB>count]` lines read one way only, from the character OCR wrote to the one it
    misread: a learned table (`cleaner learn-confusions`) saw 固 misread for 国, not 国 for 固.

    >>> parse_directed_pairs(["固\\t国\\t16", "# a comment"])
    {'固': frozenset({'国'})}
    """
    directed: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) >= 2 and HAN.fullmatch(fields[0]) and HAN.fullmatch(fields[1]) and fields[0] != fields[1]:
            directed[fields[0]].add(fields[1])
    return {char: frozenset(others) for char, others in directed.items()}


def shape_tables(rules: RuleSet) -> list[dict[str, frozenset[str]]]:
    """The look-alike tables S102 reads (its `shape_files`), each parsed; a file in no rules folder is an error.

    >>> from cleaner.rules import load_rules
    >>> pycorrector, sighan13, ocr, print_frequent, learned, drawn = shape_tables(load_rules())
    >>> sorted(ocr["千"]), "干" in drawn["千"]
    (['于', '干'], True)
    """
    return [parse_shape_lines(rules.read_lines(name)) for name in shape_files(rules)]  # comment lines dropped


def named_shape_files(rules: RuleSet, option: str) -> frozenset[str]:
    """The shape tables an S102 option names, for a prior on their pairs: `writing_shape_files`, of handwriting
    and typing errors, whose pairs often share only a part (勇/力, 献/奖) that no typeface confuses; and
    `frequent_shape_files`, of the confusions print OCR makes most often (人/入, 己/已, 未/末, 千/干); and
    `drawn_shape_files`, drawn by `cleaner build-shapes`, whose pairs no one has seen OCR confuse (追/谴, 违/迁).

    >>> from cleaner.rules import load_rules
    >>> sorted(named_shape_files(load_rules(), "writing_shape_files"))
    ['confusion_shape_sighan13_simp.tsv']
    """
    return frozenset(str(name) for name in rules.option("S102", option, []))


def shape_files(rules: RuleSet) -> list[str]:
    """The names of the look-alike tables S102 reads (its `shape_files`); a file in no rules folder is an error.

    Any line of a present file parses (a line that names no look-alikes adds none), so this is the whole
    check a run makes before its first file: reading the tables themselves takes a fifth of a second.

    >>> from cleaner.rules import load_rules
    >>> shape_files(load_rules())[-1]
    'confusion_shape_rendered.tsv'
    """
    names = [str(name) for name in rules.option("S102", "shape_files", ["confusion_shape_pycorrector.tsv"])]
    for name in names:
        if not rules.data_paths(name):
            raise RuleError(f"rule S102: the shape file {name} is in no rules folder; add it or fix shape_files")
    return names


def parse_confusion_pairs(lines: Iterable[str], source: str = "confusions.tsv") -> dict[str, str]:
    """User confusion pairs, `wrong<TAB>right` per line; the wrong side must be non-empty.

    >>> parse_confusion_pairs(["己经\\t已经", "# a comment"])
    {'己经': '已经'}
    >>> parse_confusion_pairs(["只有一列"])
    Traceback (most recent call last):
    ...
    cleaner.errors.RuleError: confusions.tsv: line '只有一列' needs two tab-separated fields, wrong and right
    """
    pairs: dict[str, str] = {}
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].strip():
            raise RuleError(f"{source}: line {line!r} needs two tab-separated fields, wrong and right")
        pairs[fields[0].strip()] = fields[1].strip()
    return pairs


def frequent_shapes(rules: RuleSet, among: Collection[str] | None = None) -> dict[str, frozenset[str]]:
    """Print OCR's frequent look-alikes (S102's `frequent_shape_files`), each table read both ways but a learned one
    (`directed_shape_files`) only the way OCR was seen to misread it: S102's prior and the traditional page's
    look-alikes written alike in both scripts (`cleaner.script.print_lookalike`) read this one table. Given AMONG
    (the tables S102 reads), a table both ways counts only if it is among them: a table left out of `shape_files`
    (as `cleaner eval spelling`'s "table unseen" rows leave one) must not come back as the prior's candidates.

    >>> from cleaner.rules import load_rules
    >>> "人" in frequent_shapes(load_rules())["入"], "入" in frequent_shapes(load_rules())["人"]
    (True, True)
    >>> len(frequent_shapes(load_rules(), among=[])) < len(frequent_shapes(load_rules()))
    True
    """
    frequent = named_shape_files(rules, "frequent_shape_files")
    directed = named_shape_files(rules, "directed_shape_files")
    both_ways = frequent - directed if among is None else (frequent - directed) & frozenset(among)
    return merge_shapes(
        *(parse_shape_lines(rules.read_lines(name)) for name in sorted(both_ways)),
        *(parse_directed_pairs(rules.read_lines(name)) for name in sorted(frequent & directed)),
    )


def merge_shapes(*tables: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """The union of several confusion tables.

    >>> sorted(merge_shapes({"日": frozenset("曰")}, {"日": frozenset("目")})["日"])
    ['曰', '目']
    """
    merged: dict[str, set[str]] = defaultdict(set)
    for table in tables:
        for char, others in table.items():
            merged[char].update(others)
    return {char: frozenset(others) for char, others in merged.items()}


def restrict(shapes: Mapping[str, frozenset[str]], allowed: frozenset[str]) -> dict[str, frozenset[str]]:
    """Keep only candidates in `allowed` (common characters): a correction yields a common character.

    >>> restrict({"巳": frozenset("己已")}, frozenset("已"))
    {'巳': frozenset({'已'})}
    """
    kept = {char: others & allowed for char, others in shapes.items()}
    return {char: others for char, others in kept.items() if others}


def without_numeral_swaps(shapes: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Drop numerals as candidates for numerals: the model cannot tell 一封信 from 三封信, and a page
    that speaks of 一摞 elsewhere is no evidence that 三摞 is wrong. A count is the writer's.

    >>> without_numeral_swaps({"三": frozenset("二王"), "千": frozenset("干")})
    {'三': frozenset({'王'}), '千': frozenset({'干'})}
    """
    kept = {char: others - NUMERAL_SET if char in NUMERAL_SET else others for char, others in shapes.items()}
    return {char: others for char, others in kept.items() if others}


def differs_by_shape(wrong: str, right: str, shapes: Mapping[str, frozenset[str]]) -> bool:
    """Whether two equal-length strings differ only in visually confusable characters.

    >>> shapes = {"末": frozenset("未"), "未": frozenset("末")}
    >>> differs_by_shape("末来", "未来", shapes), differs_by_shape("未来", "将来", shapes)
    (True, False)
    """
    if len(wrong) != len(right) or wrong == right:
        return False
    return all(a == b or b in shapes.get(a, ()) for a, b in zip(wrong, right, strict=True))


class ShapeNeighbours:
    """The words of a list that a run of characters could be misread from, by `differs_by_shape`: a run with none
    near it needs no idiom corrector's question (its 4-grams are most of S103's cost, its findings few).

    >>> idioms = ShapeNeighbours(["未雨绸缪", "一心一意"], {"末": frozenset("未"), "未": frozenset("末")})
    >>> idioms.near("末雨绸缪"), idioms.near("未雨绸缪"), idioms.near("末雨绸")
    (True, False, False)
    >>> idioms.near_in("今年末雨绸缪"), idioms.near_in("未雨绸缪了")  # a 4-gram of each, the written word itself no
    (True, False)
    >>> ShapeNeighbours(["未来", "末雨绸缪"], {"末": frozenset("未")}).near("末来")  # a word inside a longer one
    True
    """

    def __init__(self, words: Iterable[str], shapes: Mapping[str, frozenset[str]]) -> None:
        self.shapes = shapes
        self.lengths = frozenset(len(word) for word in words)
        self._trie: dict[str, dict] = {}  # type: ignore[type-arg]
        for word in words:
            node = self._trie
            for char in word:
                node = node.setdefault(char, {})
            node[WORD_END] = {}
        self._alike: dict[str, frozenset[str]] = {}
        self._first: dict[str, list[tuple[dict, bool]]] = {}  # type: ignore[type-arg]

    def near(self, run: str) -> bool:
        """Whether a word differs from `run` in look-alike characters only (in one at least)."""
        if not run:
            return False
        paths = self._first_steps(run[0])
        for char in run[1:]:
            alike = self._alike_of(char)
            paths = [
                (node[other], changed or other != char)
                for node, changed in paths
                for other in (alike.intersection(node) if len(node) <= len(alike) else [c for c in alike if c in node])
            ]
            if not paths:
                return False
        return any(changed and WORD_END in node for node, changed in paths)

    def _alike_of(self, char: str) -> frozenset[str]:
        alike = self._alike.get(char)
        if alike is None:
            alike = self._alike[char] = frozenset({char, *self.shapes.get(char, ())})
        return alike

    def _first_steps(self, char: str) -> list[tuple[dict, bool]]:  # type: ignore[type-arg]
        """The tree's nodes after a first character alike to `char`: the tree opens on thousands of them."""
        steps = self._first.get(char)
        if steps is None:
            trie = self._trie
            steps = [(trie[other], other != char) for other in self._alike_of(char) if other in trie]
            self._first[char] = steps
        return steps

    def near_in(self, text: str) -> bool:
        """Whether a run of `text` as long as a word is `near` one."""
        runs = (text[start : start + length] for length in self.lengths for start in range(len(text) - length + 1))
        return any(self.near(run) for run in runs)
