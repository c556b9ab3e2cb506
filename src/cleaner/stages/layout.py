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
from ..patterns import HAN
from ..pipeline import Context
from ..rules import RuleSet
from .layout_classes import LINE, ClassRule, LayoutRules, load_layout_rules
from .layout_measures import column_width, last_before, wide_gaps_are_rare
from .layout_paragraphs import column_paragraphs, wrapped_pair
from .layout_turns import TURN_SHAPED, later_turn

BODY = "body"
# Blocks set apart from the running text, belonging to none of its sentences: captions, page furniture
# (running heads, page numbers, editor's credits), date lines, source tags. A sentence may be cut with
# them between its halves, and a page may end on them after its last sentence.
SET_APART = frozenset({"caption", "picture", "credited", "furniture", "date", "source"})
# Where a block stops inside its sentence, beyond doubt: a comma (half-width before normalize has run)
CUT_AT = frozenset("，,、")
# ... or a Han character ending running text (…票价最低仅1元，满足了): a paragraph stops on a mark, not mid-word
RUNNING_TEXT = frozenset({BODY, "short"})
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

    def as_dict(self, original: tuple[int, int] | None = None) -> dict[str, Any]:
        """Its annotation row; `start` and `end` are `original`, its span mapped back to the input (the caller maps
        a page's blocks at once, `Context.to_original_spans`), or its own span where none is given.

        >>> Block(2, 5).as_dict()["start"], Block(2, 5).as_dict((3, 7))["end"]
        (2, 7)
        """
        start, end = original if original is not None else (self.start, self.end)
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
    measured = [column_paragraphs(text, lines, layout) for _, lines in runs]
    columns = [column for column, _, _ in measured if column]  # the page's column, measured on its longer runs
    page_column = column_width(columns) if columns else 0.0
    for (blank_lines, lines), (column, paragraphs, found) in zip(runs, measured, strict=True):
        if not column and len(lines) == 2 and wrapped_pair(text, lines, page_column, layout):
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
        last = last_before(text, start)
        cut_gap = last in CUT_AT or not set_off or (previous in RUNNING_TEXT and HAN.fullmatch(last) is not None)
        gap_lines = 1 if blank_lines > 1 and cut_gap else blank_lines
        sung = None if column else couplets.get(start)  # a line of verse ending bare (`column_paragraphs`)
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
    # the blocks' spans mapped back all at once, map by map, not each block through every map
    originals = context.to_original_spans([(block.start, block.end) for block in blocks])
    context.annotations["blocks"] = [block.as_dict(original) for block, original in zip(blocks, originals, strict=True)]
    findings = []
    if context.rules.enabled("L201"):
        from .layout_endings import truncated_ending  # (it reads this module's blocks)

        options = {
            name: re.compile(context.rules.option("L201", name, "(?!)"))
            for name in ("open_item", "sent_on", "signed_date", "salutation", "contact_end", "closing_line")
        }
        # the dateline alone is R101's datum: one pattern says where a news item's text runs on after it
        options["dateline_alone"] = re.compile(context.rules.option("R101", "dateline_alone", "(?!)"))
        # and so is the label a field opens on: a line of labelled fields ends a record, whole (幸运颜色：海蓝色)
        options["field_label"] = re.compile(context.rules.option("R101", "field_label", "(?!)"))
        flag = truncated_ending(text, blocks, context.rules.option("L201", "confidence", 0.9), **options)
        if flag is not None:
            findings.append(flag)
    return findings
