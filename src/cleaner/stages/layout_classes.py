"""The block classes of rules/layout.toml, compiled: what a block must look like to get each class.

Most classes judge a block by its own text (and the class of the block before it); a run class
(`min_run`, verse) judges a line by the lines around it too, and a pair class (`pairs`, a couplet) by
the line before or after it.

>>> layout = load_layout_rules()
>>> classes = [rule.kind for rule in layout]
>>> classes[:3], [(rule.id, rule.kind) for rule in layout.runs]
(['caption', 'jump', 'furniture'], [('L112', 'verse'), ('L113', 'verse')])
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # parsing alone names a bad pattern (`_any_of`)
import tomllib
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..errors import RuleError
from ..needed_characters import Screened
from ..patterns import HAN, PROSE_PUNCT
from ..rules import RuleSet, expand_all, load_rules

# A line with its surrounding spaces stripped: the unit blocks are made of.
LINE = re.compile(r"\S(?:[^\n]*\S)?")
NEVER = re.compile("(?!)")  # a pattern that matches nothing
# Lines a run holds at least, its label among them, between a label and the next (a script's turn of two lines)
SECTION_RUN = 3
# A run of lines of which this share or more belong to a run class (verse) is set line by line.
RUN_SHARE = 0.8
# A column holds a fixed width, and a line this close to it fills it.
FULL_LINE_SLACK = 1.5
# The sections of layout.toml that list patterns of a line's start: a paragraph's, a list item's after an
# item that ended on a semicolon, and a speaker's label opening a turn of an interview
LINE_STARTS = ("paragraph_start", "item_start", "speaker_turn")


@dataclass(frozen=True, slots=True)
class ClassRule:
    """One block class (L1xx) compiled: the class it gives and what a block must look like to get it."""

    id: str
    kind: str
    pattern: re.Pattern[str]  # its `patterns` as one alternation: a block must match one of them ...
    forbid: re.Pattern[str] | None  # ... and none of these
    max_length: int
    after: tuple[str, ...]
    min_blank_lines: int
    # a run class (verse) holds for a line only among at least `min_run` lines in a row it claims, of
    # which at least `run_share` also match `run_pattern`
    min_run: int = 0
    run_pattern: re.Pattern[str] | None = None
    run_share: float = 0.0
    # a label opening the run (第二段：, 副歌：) introduces it: claimed, but not one of the lines the share counts
    run_label: re.Pattern[str] | None = None
    # a pair class (a couplet) holds for two lines in a row of as many Han characters, the first matching
    # the first pattern of one of its pairs and the second the second
    pairs: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()
    # `pattern` with its quick tests (`Screened`): a block holding none of the characters every match holds is no
    # match, told by one scan instead of every alternative of the pattern; an anchored one is tried at the start alone
    screened: Screened | None = None

    def claims(self, text: str, previous: str | None, blank_lines: int, wide_rare: bool) -> bool:
        if len(text) > self.max_length:
            return False
        if self.after and previous not in self.after:
            return False
        if self.min_blank_lines and (blank_lines < self.min_blank_lines or not wide_rare):
            return False
        found = self.screened.finds(text) if self.screened else self.pattern.search(text) is not None
        return found and (self.forbid is None or self.forbid.search(text) is None)

    def holds_for(self, lines: list[str], least: int = 0) -> bool:
        """Whether a run class holds for a run of lines: `min_run` of them claimed, and at least
        RUN_SHARE of them (a poem may have its title in the run). A line read twice counts once:
        the duplicates stage deletes the copy, and the run must hold without it.

        >>> verse = load_layout_rules().runs[0]
        >>> verse.holds_for(["静夜思", "床前明月光，", "疑是地上霜。", "举头望明月，", "低头思故乡。"])
        True
        >>> verse.holds_for(["最严重的大河乡。", "震后第二餐饭，", "当地政府发三袋方便面。", "驻军帮助灾民清理废墟。"])
        False
        >>> verse.holds_for(["4月26日，", "风景秀丽的东湖之滨，", "风景秀丽的东湖之滨，", "4月26日，"])
        False

        A label opening the run (`run_label`) introduces the lines under it and is none of the lines the
        share counts:

        >>> verse.holds_for(["副歌：", "划呀划，划呀划，", "划到太阳落下山，落下山。", "又一遍，", "落下山。"])
        True

        A pair class holds for a run that is one pair:

        >>> couplet = load_layout_rules().runs[1]
        >>> couplet.holds_for(["春风送暖千家乐，", "瑞雪迎春万户欢。"]), couplet.holds_for(["春风，", "瑞雪迎春。"])
        (True, False)
        """
        lines = [line for index, line in enumerate(lines) if not index or line != lines[index - 1]]
        if self.pairs:
            return len(lines) == 2 and self.mirrors(*lines)
        needed = max(least or self.min_run, RUN_SHARE * len(lines))
        claimed: list[str] = []
        for number, line in enumerate(lines):
            if self.claims(line, None, 0, True):
                claimed.append(line)
            elif len(claimed) + len(lines) - number - 1 < needed:
                return False  # most runs tried are hard-wrapped columns: they fail in their first lines
        if len(claimed) < needed:
            return False
        if self.run_label is not None and claimed[0] == lines[0] and self.run_label.search(lines[0]):
            claimed = claimed[1:]
        marked = (
            sum(self.run_pattern.search(line) is not None for line in claimed) if self.run_pattern else len(claimed)
        )
        return marked >= self.run_share * len(claimed)

    def mirrors(self, first: str, second: str) -> bool:
        """Whether two lines make a pair of this pair class: as many Han characters each, the first shaped
        as the first line of one of its pairs and the second as that pair's second line.

        >>> couplet = load_layout_rules().runs[1]
        >>> couplet.mirrors("天增岁月人增寿，", "春满乾坤福满门！"), couplet.mirrors("春回大地千山秀", "日照神州万木荣")
        (True, True)
        >>> couplet.mirrors("新工艺和新技术引", "起了集团的兴趣。"), couplet.mirrors("万户欢。", "千家乐，")
        (False, False)
        """
        if not any(head.search(first) and tail.search(second) for head, tail in self.pairs):
            return False
        return len(HAN.findall(first)) == len(HAN.findall(second))


def layout_tables(rules: RuleSet | None = None) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """The `[[block_class]]` tables of every layout.toml in force, built-in first (a later table with the
    same id replaces the fields it names), and the patterns of its line-start sections by name
    (`paragraph_start`, `item_start`), all files' together.

    >>> classes, starts = layout_tables()
    >>> [t["id"] for t in classes][:2], len(starts["paragraph_start"]) > 3, len(starts["item_start"]) > 1
    (['L097', 'L098'], True, True)
    """
    rules = rules or load_rules()
    tables: dict[str, dict[str, Any]] = {}
    starts: dict[str, list[str]] = {section: [] for section in LINE_STARTS}
    for path in rules.data_paths("layout.toml"):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise RuleError(f"{path}: not a valid TOML rule file ({error})") from None
        # the shared word lists a pattern names (`{news_source}`) are written out as the rules' options are
        for table in expand_all(data.get("block_class", []), rules.expand):
            if "id" not in table:
                raise RuleError(f"{path}: a [[block_class]] table lacks its id")
            tables[table["id"]] = {**tables.get(table["id"], {}), **table}
        for section, patterns in starts.items():
            patterns.extend(rules.expand(pattern) for pattern in data.get(section, {}).get("patterns", []))
    return [tables[key] for key in sorted(tables)], starts


@dataclass(frozen=True, slots=True)
class LayoutRules:
    """The compiled block classes, and the pattern of a line that must start a paragraph."""

    classes: tuple[ClassRule, ...]
    opener: re.Pattern[str]
    # the longest block any class may claim after so many blank lines (the last entry: after more)
    longest_after: tuple[int, ...] = (0,)
    # the longest block whose class may depend on the block before (`after`); a longer one's never does
    context_reach: int = 0
    # a line of a class marked `standalone` (a running head) is a paragraph of its own, even in a wrapped column
    standalone: re.Pattern[str] = NEVER
    # classes of runs of lines (`min_run`: verse); a line of such a run is a paragraph of its own too
    runs: tuple[ClassRule, ...] = ()
    # an enumerator opening a list item (（2）, 第二，, 二是): after a line ending on a semicolon it starts a paragraph
    item_opener: re.Pattern[str] = NEVER
    # a speaker's label opening a block (韩立新：, 记者：), matched at any line's start of a page (re.M)
    speaker: re.Pattern[str] = NEVER
    # `standalone` with its quick tests (`Screened`): most lines hold none of the characters its matches need
    standalone_screen: Screened | None = None
    # classes already given, by (block text, class before, blank lines, wide gaps rare): a block is classified
    # again when the rejoin stage segments the runs around its joins, and when a wrap is read as two blocks
    classified: dict[tuple[str, str | None, int, bool], tuple[str, str | None]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __iter__(self) -> Any:
        return iter(self.classes)

    def is_standalone(self, line: str) -> bool:
        """Whether a line (sliced: the patterns anchor on its own start, ^) is of a `standalone` class, a running head.

        >>> layout = load_layout_rules()
        >>> layout.is_standalone("许昌日报 2019年12月20日 星期五 第3版"), layout.is_standalone("许昌市召开大会")
        (True, False)
        """
        if self.standalone is NEVER:
            return False
        screen = self.standalone_screen
        return screen.finds(line) if screen else self.standalone.search(line) is not None

    def run_class(self, text: str, start: int, end: int) -> ClassRule | None:
        """The run class (verse) that claims the line `text[start:end]` among the lines around it.

        >>> poem = "床前明月光，\\n疑是地上霜。\\n举头望明月，\\n低头思故乡。"
        >>> load_layout_rules().run_class(poem, 0, 6).id, load_layout_rules().run_class(poem[:20], 0, 6).id
        ('L112', 'L113')
        >>> load_layout_rules().run_class(poem[:12], 0, 6) is None  # a couplet's lines end alike
        True
        >>> column = "为草原。总面积达两亿公顷的稀\\n树草原占土地的二十一，\\n巴西在挖掘潜力的同时，\\n"
        >>> column += "十分重视开发和利用，\\n大力发展旅游业。"
        >>> load_layout_rules().run_class(column, 15, 26) is None
        True
        >>> turn = "侯千山：\\n四米宽，四米宽，\\n两辆车并排走，不挤也不慌。\\n于晴晴：\\n你说那路长？"
        >>> load_layout_rules().run_class(turn, 5, 13).id  # a turn of two lines between labels
        'L112'
        """
        line = text[start:end]
        for rule in self.runs:
            if not rule.claims(line, None, 0, True):
                continue
            lines, beside, closed = _lines_around(text, start, end, rule)
            longest = max(len(other) for other in lines)
            if any(len(other) >= longest - FULL_LINE_SLACK and cut_prose(other) for other in beside):
                continue  # a line of prose as long as the run's, cut right beside it: the run is a column
            if rule.pairs:  # the line and the one claimed before or after it (at most one each side)
                if any(rule.mirrors(first, second) for first, second in pairwise(lines)):
                    return rule
            elif rule.holds_for(lines) or (closed and rule.holds_for(lines, SECTION_RUN)):
                return rule
        return None

    def longest(self, blank_lines: int) -> int:
        """The longest block any class may claim after `blank_lines` blank lines: most paragraphs are longer."""
        return self.longest_after[min(blank_lines, len(self.longest_after) - 1)]


def cut_prose(line: str) -> bool:
    """Whether a full line reads as prose a typesetter cut: it has punctuation of its own and stops on a
    Han character. A poet ends a line where a clause ends, so lines that end on commas beside such a
    line are a column's, not verse; a poem's title (no punctuation) next to it is no such line.

    >>> cut_prose("他围绕代表团的任务和目标，分"), cut_prose("黄鹤楼送孟浩然之广陵"), cut_prose("故人西辞黄鹤楼，")
    (True, False, False)
    """
    return HAN.fullmatch(line[-1:] or "\0") is not None and PROSE_PUNCT.search(line) is not None


def _neighbour_line(text: str, position: int, step: int) -> tuple[int, int] | None:
    """The line before (`step` -1) or after (1) the line ending or starting at `position`, stripped,
    when at most one blank line parts them."""
    cursor, newlines = position, 0
    while cursor > 0 if step < 0 else cursor < len(text):
        character = text[cursor - 1] if step < 0 else text[cursor]
        if not character.isspace():
            break
        newlines += character == "\n"
        cursor += step
    if not 1 <= newlines <= 2 or not 0 < cursor < len(text):
        return None
    match = LINE.search(text, text.rfind("\n", 0, cursor) + 1) if step < 0 else LINE.match(text, cursor)
    return match.span() if match else None


def _lines_around(text: str, start: int, end: int, rule: ClassRule) -> tuple[list[str], list[str], bool]:
    """The line `text[start:end]` and the lines `rule` claims next to it, up to `min_run - 1` either
    side; a line read twice (the same as the one before it) is passed over, as `holds_for` counts it once.
    Also the lines that stopped the run, where one follows on the next line, no blank line between; and whether a
    run opened by a label (`run_label`) stops at the next label (a script's turn, 侯千山： / 四米宽，四米宽， / … /
    于晴晴：, or a drill's part, 伸展运动： / … / 扩胸运动：), which then holds with `SECTION_RUN` lines.

    At most twice `min_run - 1` lines are read on a side, every one of them read twice: a line read
    thousands of times would otherwise have each of its copies walk past all the others.

    >>> verse = load_layout_rules().runs[0]
    >>> _lines_around("静夜思\\n床前明月光，\\n床前明月光，\\n疑是地上霜。\\n举头望明月，", 0, 3, verse)[0]
    ['静夜思', '床前明月光，', '疑是地上霜。', '举头望明月，']

    A label (`run_label`) opens a run: the walk stops there, back at it and on before it.

    >>> _lines_around("好，\\n副歌：\\n划呀划，\\n落下山。\\n第二段：\\n江中游，", 7, 11, verse)[0]
    ['副歌：', '划呀划，', '落下山。']
    """
    before: list[str] = []
    after: list[str] = []
    beside: list[str] = []
    closed = False
    for step, found in ((-1, before), (1, after)):
        position, last = (start if step < 0 else end), text[start:end]
        for _ in range(2 * (rule.min_run - 1)):
            if len(found) >= rule.min_run - 1 or (line := _neighbour_line(text, position, step)) is None:
                break
            words = text[line[0] : line[1]]
            if not rule.claims(words, None, 0, True):
                gap = text[line[1] : position] if step < 0 else text[position : line[0]]
                if gap.count("\n") == 1:
                    beside.append(words)
                break
            label = rule.run_label is not None and rule.run_label.search(words) is not None
            if label and step > 0:
                closed = bool(before) and rule.run_label.search(before[-1]) is not None
                break  # a label opens the next run
            if words != last:
                found.append(words)
            if label:
                break  # the lines before a label are another run's
            position, last = (line[0] if step < 0 else line[1]), words
    return [*reversed(before), text[start:end], *after], beside, closed


def _any_of(patterns: list[str]) -> re.Pattern[str] | None:
    """One pattern that matches where any of `patterns` does; a bad one raises its own error, as compiled alone.

    >>> _any_of(["a)(b"])  # unbalanced alone, though valid inside the alternation's (?:…)
    Traceback (most recent call last):
    re.error: unbalanced parenthesis at position 1
    """
    if not patterns:
        return None
    try:
        # each is parsed alone (a stray `)(` is an error only there) and only the alternation is compiled: compiling
        # each alone as well, to name a bad one, took half as long again (a Han class costs 1-2 ms to compile)
        for pattern in patterns:
            sre_parse.parse(pattern)
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        for pattern in patterns:
            re.compile(pattern)  # the first bad one alone raises what compiling them one by one always raised
        raise


def _flat(pairs: list[list[str]]) -> list[str]:
    """The patterns of a pair class's pairs, first and second lines alike."""
    return [pattern for pair in pairs for pattern in pair]


def load_layout_rules(rules: RuleSet | None = None) -> LayoutRules:
    """The enabled block classes, compiled, in id order, and the paragraph and list item openers.

    >>> layout = load_layout_rules()
    >>> [r.kind for r in layout][:3], bool(layout.opener.match("（一）发电厂"))
    (['caption', 'jump', 'furniture'], True)
    >>> bool(layout.item_opener.match("二是完善制度")), bool(layout.item_opener.match("不是"))
    (True, False)
    """
    tables, starts = layout_tables(rules)
    compiled = []
    for table in tables:
        if not table.get("enabled", True):
            continue
        try:
            # a pair class claims a line shaped as either line of one of its pairs
            pattern = _any_of(table.get("patterns", [*_flat(table.get("pairs", []))] or [".*"])) or NEVER
            compiled.append(
                ClassRule(
                    id=table["id"],
                    kind=table["class"],
                    pattern=pattern,
                    forbid=_any_of(table.get("forbid", [])),
                    max_length=int(table.get("max_length", 10**9)),
                    after=tuple(table.get("after", [])),
                    min_blank_lines=int(table.get("min_blank_lines", 0)),
                    min_run=int(table.get("min_run", 0)),
                    run_pattern=_any_of(table.get("run_patterns", [])),
                    run_share=float(table.get("run_share", 0.0)),
                    run_label=_any_of(table.get("run_labels", [])),
                    pairs=tuple((re.compile(first), re.compile(second)) for first, second in table.get("pairs", [])),
                    screened=Screened.of(pattern),
                )
            )
        except (KeyError, ValueError, TypeError, re.error) as error:
            raise RuleError(f"layout.toml: block class {table['id']} is not valid ({error})") from None
    try:
        opener, item_opener, speaker = (_any_of(starts[section]) or NEVER for section in LINE_STARTS)
        speaker = re.compile(f"^[ \t\u3000]*(?:{speaker.pattern})", re.M)
    except re.error as error:
        raise RuleError(f"layout.toml: a [paragraph_start] or [item_start] pattern is not valid ({error})") from None
    most_blank_lines = max((c.min_blank_lines for c in compiled), default=0)
    standalone = (
        _any_of([p for t in tables if t.get("standalone") and t.get("enabled", True) for p in t.get("patterns", [])])
        or NEVER
    )
    return LayoutRules(
        tuple(c for c in compiled if not c.min_run),
        opener,
        tuple(
            max((c.max_length for c in compiled if c.min_blank_lines <= blank), default=0)
            for blank in range(most_blank_lines + 1)
        ),
        max((c.max_length for c in compiled if c.after), default=0),
        standalone,
        tuple(c for c in compiled if c.min_run),
        item_opener,
        speaker,
        Screened.of(standalone),
    )
