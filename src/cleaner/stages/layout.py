"""The layout stage: split a page into blocks, say what each block is, flag a truncated ending.

A block is the text between blank lines, or a paragraph of a hard-wrapped column (lines of equal
width joined by single newlines). Its class (body, headline, subhead, byline, author, section,
caption, picture, credited, source, date, furniture, jump, verse, table) comes from the L0xx/L1xx block classes of
rules/layout.toml; the blocks are left in
`context.annotations["blocks"]` for the rejoin stage and the report:

    {"class": "byline", "rule": "L101", "start": 41, "end": 58, "text_span": [41, 58], "lines": 1}

`start`/`end` are offsets into the ORIGINAL input (as in the report's changes); `text_span` is
the span in the text this stage saw. The stage edits nothing; its only finding is the L201 flag.

>>> [b.kind for b in segment("强化制度保障 拓展服务深度\\n\\n“市、区领导为我们企业发展‘站台’。”", load_layout_rules())]
['headline', 'body']
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..model import Finding
from ..patterns import CLOSERS
from ..pipeline import Context
from ..rules import RuleSet
from .layout_classes import (
    FULL_LINE_SLACK,
    LINE,
    NEVER,
    ClassRule,
    LayoutRules,
    cut_prose,
    load_layout_rules,
)
from .layout_couplets import column_couplets
from .layout_measures import (
    WRAPPED_TAIL,
    column_width,
    display_width,
    ends_sentence,
    last_before,
    sung_lines,
    wide_gaps_are_rare,
)
from .layout_turns import TURN_SHAPED, later_turn

BODY = "body"
# Blocks set apart from the running text, belonging to none of its sentences: captions, page furniture
# (running heads, page numbers, editor's credits), date lines, source tags. A sentence may be cut with
# them between its halves, and a page may end on them after its last sentence.
SET_APART = frozenset({"caption", "picture", "credited", "furniture", "date", "source"})
# Where a block stops inside its sentence, beyond doubt: a comma (half-width before normalize has run)
CUT_AT = frozenset("，,、")
OPENER_REACH = 24  # characters of a line the paragraph-start patterns look at
# An entry of a list set line by line under its label (东城街道：郝春生、罗小娟 / 西关街道：赵德胜、…; a play's cast,
# 张大爷——七十岁，退休钳工 / 小周——三十岁，…): two lines in a row that open on one are two entries, though each
# fills the column; a wrapped sentence's line seldom opens on a label, two in a row never
LABELLED_ENTRY = re.compile(r"[\u4e00-\u9fff]{2,6}(?:[：:]|——)(?![“‘「])")
# A hard-wrapped column: lines at least and at most this wide (in full-width characters)
MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 8, 40
# lines this much wider than the column (in characters and in width) are none of its lines
WIDE = 1.25
# how many block classes `classify` remembers: a page's blocks, judged again after its joins, and many pages more
CLASSIFIED_KEPT = 20_000


class Block(NamedTuple):
    """A block of the text: its span, class, the rule that decided it, and its line count.

    (A named tuple: every segmentation, of the page and of the windows the rejoin stage judges
    again, makes one per paragraph, and a frozen dataclass takes twice as long to build.)
    """

    start: int
    end: int
    kind: str = BODY
    rule: str | None = None
    lines: int = 1
    blank_lines: int = 0  # blank lines between this block and the one before
    column: float = 0.0  # the width of the hard-wrapped column the block sits in; 0 when not wrapped

    @property
    def length(self) -> int:
        """Its characters without the line breaks of a wrapped block: the length its class is judged by."""
        return self.end - self.start - self.lines + 1

    def as_dict(self, context: Context | None) -> dict[str, Any]:
        start, end = context.to_original(self.start, self.end) if context is not None else (self.start, self.end)
        return {
            "class": self.kind,
            "rule": self.rule,
            "start": start,
            "end": end,
            "text_span": [self.start, self.end],
            "lines": self.lines,
            "blank_lines": self.blank_lines,
            "column_width": self.column,
        }

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Block:
        """Rebuild a block from its annotation (the span in the text the layout stage saw)."""
        start, end = row["text_span"]
        return cls(start, end, row["class"], row["rule"], row["lines"], row["blank_lines"], row["column_width"])


def _paragraphs(
    text: str, spans: list[tuple[int, int]], layout: LayoutRules
) -> tuple[float, list[list[tuple[int, int]]], dict[int, ClassRule]]:
    """Group lines joined by single newlines into paragraphs, and say how wide the column is: a
    hard-wrapped column's full lines continue a paragraph; in any other run (verse among them, even
    of equal lines) every line stands alone, as does a `standalone` line (a running head) anywhere.
    The lines of a couplet set in the column stand alone too: they come back by their starts, with the
    pair class that claims them; so do the lines of verse ending bare (`sung_lines`), with no column.

    >>> bare = LayoutRules((), NEVER)
    >>> text = "这是一段被硬换行的\\n报纸栏目文字，每一\\n行都一样宽。\\n标题"
    >>> column, paragraphs, couplets = _paragraphs(text, [m.span() for m in LINE.finditer(text)], bare)
    >>> column, [len(p) for p in paragraphs], couplets
    (9.0, [3, 1], {})
    >>> text = "春联写道：\\n春风送暖千家乐，\\n瑞雪迎春万户欢。\\n村支书说，今年全\\n村收入增长两成。"
    >>> column, paragraphs, couplets = _paragraphs(text, [m.span() for m in LINE.finditer(text)], load_layout_rules())
    >>> [len(p) for p in paragraphs], [(start, rule.id) for start, rule in couplets.items()]
    ([1, 1, 1, 2], [(6, 'L113'), (15, 'L113')])
    >>> text = "这是一段被硬换行的\\n报纸栏目文字，每一\\n许昌日报 A3\\n行都一样宽。"
    >>> heads = LayoutRules((), NEVER, standalone=re.compile("日报"))
    >>> [len(p) for p in _paragraphs(text, [m.span() for m in LINE.finditer(text)], heads)[1]]
    [2, 1, 1]
    >>> poem = "白日依山尽，\\n黄河入海流。\\n欲穷千里目，\\n更上一层楼。"
    >>> _paragraphs(poem, [m.span() for m in LINE.finditer(poem)], load_layout_rules())[0]
    0.0
    >>> page = "只见家家户户贴上了新春联，其中一副写道：\\n" + poem + "\\n村支书说，今年全村收入增长了两成。"
    >>> page = "　　" + page.replace("\\n", "\\n　　")  # every line indented: no column of 8, as unindented
    >>> _paragraphs(page, [m.span() for m in LINE.finditer(page)], load_layout_rules())[0]
    0.0
    >>> items = "会议要求：\\n（1）加强领导；\\n（2）完善制度；\\n（3）强化监督。"
    >>> items += "\\n（4）加强组织领导；\\n完善规章制度；\\n强化监督检查。"  # an item after one ended on ；
    >>> [len(p) for p in _paragraphs(items, [m.span() for m in LINE.finditer(items)], load_layout_rules())[1]]
    [1, 1, 1, 1, 1, 1, 1]
    >>> song = "你走一步，我走一步\\n脚印连成一条路\\n你唱一句，我唱一句\\n歌声飞过大峡谷"
    >>> column, paragraphs, sung = _paragraphs(song, [m.span() for m in LINE.finditer(song)], load_layout_rules())
    >>> column, [len(p) for p in paragraphs], sorted({rule.id for rule in sung.values()})
    (0.0, [1, 1, 1, 1], ['L112'])
    >>> prose = "　　他围绕代表团的任务和目标，分\\n析了代表团取得优异成绩存在的困难，\\n"
    >>> prose += "并要求我国冰雪健儿，要解放思想、\\n顽强拼搏，把国家的利益摆在首位，\\n争取双丰收。"
    >>> [len(p) for p in _paragraphs(prose, [m.span() for m in LINE.finditer(prose)], load_layout_rules())[1]]
    [5]
    """
    if len(spans) < 3:
        return _alone(spans)
    standalone = layout.standalone
    # sliced: the patterns anchor on the line's own start (^), which `search(text, pos)` would not see
    standalone_lines = [standalone is not NEVER and standalone.search(text[s:e]) is not None for s, e in spans]
    # A column holds a fixed width, but OCR may give its digits full or half width: a line is full
    # when it reaches the column in characters or in display width. A line's indentation takes room
    # in the column too; a running head set between its lines does not measure it. When every line
    # is indented (an OCR export that indents them all) the indentation says nothing, and measuring
    # it would widen short lines (a couplet, a poem of five characters a line) into a column.
    as_set = [text[text.rfind("\n", 0, s) + 1 : e] for s, e in spans]
    if all(len(line) > e - s for line, (s, e) in zip(as_set, spans, strict=True)):
        as_set = [text[s:e] for s, e in spans]
    lengths = [len(line) for line in as_set]
    widths = [display_width(line) for line in as_set]
    measured = [i for i in range(len(spans) - 1) if not standalone_lines[i]] or [0]
    column, most = column_width([widths[i] for i in measured]), column_width([lengths[i] for i in measured])
    # a line wider than the column (a headline or lead set across columns above it) is none of its lines
    wide = [w > WIDE * column and n > WIDE * most for w, n in zip(widths, lengths, strict=True)]
    full = [
        not too_wide and (w >= column - FULL_LINE_SLACK or n >= most - FULL_LINE_SLACK)
        for w, n, too_wide in zip(widths, lengths, wide, strict=True)
    ]
    verse = next((rule for rule in layout.runs if not rule.pairs), None)
    if verse is not None and sung_lines([text[s:e] for s, e in spans], full):
        return 0.0, [[span] for span in spans], {start: verse for start, _ in spans}  # each line verse, never joined
    if not MIN_COLUMN_WIDTH <= column <= MAX_COLUMN_WIDTH or sum(full[:-1]) < 0.6 * (len(spans) - 1 - sum(wide[:-1])):
        return _alone(spans)
    # one full line of prose cut by the typesetter (目标，分 / 析了) makes the lines around it a column, not verse
    cut_inside = any(full[i] and cut_prose(text[s:e]) for i, (s, e) in enumerate(spans[:-1]))
    if not cut_inside and any(rule.holds_for([text[s:e] for s, e in spans]) for rule in layout.runs):
        return _alone(spans)
    # a line set apart (a running head, or a line wider than the column) neither goes on nor is gone on from
    apart = [False] + [standalone_lines[i - 1] or standalone_lines[i] or wide[i] for i in range(1, len(spans))]
    runs_on = _runs_on(text, spans, layout, full, apart)
    # a couplet set in the column is two lines of their own (L113)
    if couplets := column_couplets(text, spans, widths, full, runs_on, layout.runs):
        runs_on = [on and index not in couplets and index - 1 not in couplets for index, on in enumerate(runs_on)]
    paragraphs: list[list[tuple[int, int]]] = []
    for span, on in zip(spans, runs_on, strict=True):
        if on:
            paragraphs[-1].append(span)
        else:
            paragraphs.append([span])
    return column, paragraphs, {spans[index][0]: rule for index, rule in couplets.items()}


def _runs_on(
    text: str, spans: list[tuple[int, int]], layout: LayoutRules, full: list[bool], apart: list[bool]
) -> list[bool]:
    """Whether each line of a hard-wrapped column goes on from the line before: that line is `full` and ends no
    sentence, and this one opens none (indented, an opener, a labelled entry, a list's item) and is not set `apart`.

    >>> text = "这是一段被硬换行的\\n报纸栏目文字，每一\\n行都一样宽。\\n标题"
    >>> spans = [m.span() for m in LINE.finditer(text)]
    >>> _runs_on(text, spans, LayoutRules((), NEVER), [True, True, False, False], [False] * 4)
    [False, True, True, False]
    """
    opener = layout.opener
    runs_on = [False]  # whether each line goes on from the line before
    paragraph_start = spans[0][0]
    item_ended = False  # whether the last paragraph so far ended on a semicolon: an item of a list
    for index in range(1, len(spans)):
        (before_start, before_end), (start, _) = spans[index - 1], spans[index]
        indented = start > 0 and text[start - 1] != "\n"
        opens = indented or opener.match(text[start : start + OPENER_REACH]) is not None
        line_end = text[before_start:before_end].rstrip(CLOSERS)[-1:]
        on_semicolon = line_end in ("；", ";")
        if not opens and LABELLED_ENTRY.match(text, start) and LABELLED_ENTRY.match(text, before_start):
            opens = True
        if on_semicolon and not opens:
            # a list's items on lines of their own: the next line opens like an item, or the item before
            # ended on a semicolon too (a line ending on one next to another that does is no sign: clauses
            # of a running sentence in parallel are often as long as each other)
            opens = item_ended or layout.item_opener.match(text[start : start + OPENER_REACH]) is not None
        # the sentence end is read on the paragraph so far: a column's line may hold only the end of a tag
        # after it (布吉镇新貌。（本 / 报记者张雅心摄）)
        paragraph_tail = text[max(paragraph_start, before_end - WRAPPED_TAIL) : before_end]
        runs_on.append(full[index - 1] and not opens and not apart[index] and not ends_sentence(paragraph_tail))
        if not runs_on[-1]:
            # a paragraph ending on a colon introduces a list (决定任命： / 张立伟为…审判员； / 赵雅琴为…；) as
            # an item ending on a semicolon goes on with one
            paragraph_start, item_ended = start, on_semicolon or line_end in ("：", ":")
    return runs_on


def _wrapped_pair(text: str, spans: list[tuple[int, int]], column: float, layout: LayoutRules) -> bool:
    """Whether two lines set apart by blank lines are one paragraph of the page's hard-wrapped column: the first
    fills the column measured on the page's longer runs and ends no sentence, and the second opens none. Two
    lines alone measure no column, so without the page's the first would stand alone, a headline by its shape
    (a column's sentence cut by a break, its right half one full line and a short last one).

    >>> text = "一批群众急难愁盼问题得到有效\\n解决。"
    >>> _wrapped_pair(text, [(0, 14), (15, 18)], 14.0, load_layout_rules())
    True
    >>> _wrapped_pair(text, [(0, 14), (15, 18)], 20.0, load_layout_rules())
    False
    """
    (first_start, first_end), (second_start, _) = spans
    first = text[first_start:first_end]
    if not MIN_COLUMN_WIDTH <= column <= MAX_COLUMN_WIDTH or ends_sentence(first):
        return False
    if not column - FULL_LINE_SLACK <= display_width(first) <= column:
        return False
    standalone = layout.standalone is not NEVER and layout.standalone.search(first) is not None
    return not standalone and layout.opener.match(text[second_start : second_start + OPENER_REACH]) is None


def _alone(spans: list[tuple[int, int]]) -> tuple[float, list[list[tuple[int, int]]], dict[int, ClassRule]]:
    """What `_paragraphs` says of lines that are no column: each line a paragraph (built only then: a
    column's run is long, and most runs are one)."""
    return 0.0, [[span] for span in spans], {}


def classify(
    text: str, layout: LayoutRules, previous: str | None = None, blank_lines: int = 1, wide_rare: bool = True
) -> tuple[str, str | None]:
    """The class of one block's text and the id of the class rule that gave it.

    >>> classify("本报记者 许廷合 通讯员 杨磊", load_layout_rules())
    ('byline', 'L101')
    """
    key = (text, previous, blank_lines, wide_rare)
    known = layout.classified.get(key)
    if known is None:
        if len(layout.classified) >= CLASSIFIED_KEPT:  # an archive brings new blocks on every page
            layout.classified.clear()
        known = layout.classified[key] = _classify(text, layout, previous, blank_lines, wide_rare)
    return known


def _classify(
    text: str, layout: LayoutRules, previous: str | None, blank_lines: int, wide_rare: bool
) -> tuple[str, str | None]:
    """The class of one block's text, read from the class rules (`classify` remembers it)."""
    for candidate in layout.classes:
        if len(text) <= candidate.max_length and candidate.claims(text, previous, blank_lines, wide_rare):
            return candidate.kind, candidate.id
    return BODY, None


def segment(
    text: str, layout: LayoutRules, start: int = 0, end: int | None = None, wide_rare: bool | None = None
) -> list[Block]:
    """Split `text` into blocks and classify each one.

    `text[start:end]` alone is segmented when given; it must begin and end between runs (where a
    blank line parts two lines), and `wide_rare` must then be what `segment(text)` finds for the whole text.

    >>> [(b.kind, b.rule) for b in segment("魏都聚焦\\n\\n许廷合 摄\\n\\n（政文）", load_layout_rules())]
    [('section', 'L107'), ('caption', 'L102'), ('source', 'L103')]
    """
    runs: list[tuple[int, list[tuple[int, int]]]] = []  # (blank lines before, lines)
    previous_end = start or None
    for match in LINE.finditer(text, start, len(text) if end is None else end):
        start, end = match.span()
        newlines = 0 if previous_end is None else text.count("\n", previous_end, start)
        if newlines == 1 and runs:
            runs[-1][1].append((start, end))
        else:
            runs.append((max(newlines - 1, 0), [(start, end)]))
        previous_end = end
    raw: list[tuple[int, int, int, int, float, bool]] = []  # start, end, lines, blank lines before, column, run's last
    couplets: dict[int, ClassRule] = {}  # couplet lines set in a column, by their starts
    measured = [_paragraphs(text, lines, layout) for _, lines in runs]
    columns = [column for column, _, _ in measured if column]  # the page's column, measured on its longer runs
    page_column = column_width(columns) if columns else 0.0
    for (blank_lines, lines), (column, paragraphs, found) in zip(runs, measured, strict=True):
        if not column and len(lines) == 2 and _wrapped_pair(text, lines, page_column, layout):
            column, paragraphs = page_column, [lines]
        couplets.update(found)
        for number, paragraph in enumerate(paragraphs):
            first_blank = blank_lines if number == 0 else 0
            raw.append(
                (paragraph[0][0], paragraph[-1][1], len(paragraph), first_blank, column, paragraph is paragraphs[-1])
            )
    if wide_rare is None:
        wide_rare = wide_gaps_are_rare(blank for *_, blank, _, _ in raw)
    blocks: list[Block] = []
    previous: str | None = None
    for start, end, lines, blank_lines, column, set_off in raw:
        kind, rule = BODY, None
        # a wide gap after a block cut at a comma is the cut's (a page break's blank lines), not a caption's; so is
        # one before a block that a single newline goes on from: the first line of a column's text, not set off
        cut_gap = last_before(text, start) in CUT_AT or not set_off
        gap_lines = 1 if blank_lines > 1 and cut_gap else blank_lines
        sung = None if column else couplets.get(start)  # a line of verse ending bare (`_paragraphs`)
        if sung is not None:
            kind, rule = sung.kind, sung.id
        elif end - start <= layout.longest(gap_lines):  # most paragraphs are longer than any class allows
            block_text = text[start:end] if lines == 1 else text[start:end].replace("\n", "")
            kind, rule = classify(block_text, layout, previous, gap_lines, wide_rare)
            if kind in TURN_SHAPED and later_turn(text, start, block_text, layout.speaker):
                kind, rule = BODY, None
            if kind == BODY and lines == 1:  # a line of verse, or of a couplet set in a column
                run = couplets.get(start) if column else layout.run_class(text, start, end)
                kind, rule = (run.kind, run.id) if run else (kind, rule)
        blocks.append(Block(start, end, kind, rule, lines, blank_lines, column))
        previous = kind
    return blocks


def blocks_of(text: str, context: Context) -> list[Block]:
    """The blocks of `text`, classified with the context's rules (compiled once per process)."""
    return segment(text, layout_rules(context))


def layout_rules(context: Context) -> LayoutRules:
    """The context's layout rules, compiled once per process."""
    return context.resources.get(f"layout-rules:{id(context.rules)}", lambda: load_layout_rules(context.rules))


def check_rules(rules: RuleSet) -> None:
    """Compile the block classes, so a broken layout.toml stops a run before its first file."""
    load_layout_rules(rules)


def find(text: str, context: Context) -> list[Finding]:
    """Classify the blocks of `text` into the context's annotations; flag a truncated ending.

    >>> context = Context.default()
    >>> [f.rule for f in find("本报记者 许廷合\\n\\n多名干部得到提拔，有效激发了干事创业的良好氛", context)]
    ['L201']
    >>> [b["class"] for b in context.annotations["blocks"]]
    ['byline', 'short']
    """
    blocks = blocks_of(text, context)
    context.annotations["blocks"] = [block.as_dict(context) for block in blocks]
    findings = []
    if context.rules.enabled("L201"):
        from .layout_endings import truncated_ending  # (it reads this module's blocks)

        options = {
            name: re.compile(context.rules.option("L201", name, "(?!)"))
            for name in ("open_item", "sent_on", "signed_date", "salutation")
        }
        # the dateline alone is R101's datum: one pattern says where a news item's text runs on after it
        options["dateline_alone"] = re.compile(context.rules.option("R101", "dateline_alone", "(?!)"))
        flag = truncated_ending(text, blocks, context.rules.option("L201", "confidence", 0.9), **options)
        if flag is not None:
            findings.append(flag)
    return findings
