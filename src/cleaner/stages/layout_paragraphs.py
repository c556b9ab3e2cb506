"""The lines of a run grouped into paragraphs: a hard-wrapped column's full lines go on from the line before, any
other run's lines (verse, a list set line by line, a couplet in the column) stand alone.

>>> from cleaner.stages.layout_classes import LINE, load_layout_rules
>>> text = "这是一段被硬换行的\\n报纸栏目文字，每一\\n行都一样宽。\\n标题"
>>> spans = [m.span() for m in LINE.finditer(text)]
>>> column, paragraphs, couplets = column_paragraphs(text, spans, load_layout_rules())
>>> column, [len(p) for p in paragraphs]
(9.0, [3, 1])
"""

from __future__ import annotations

import re

from ..patterns import CLOSERS
from .layout_classes import FULL_LINE_SLACK, ClassRule, LayoutRules, cut_prose
from .layout_couplets import column_couplets
from .layout_measures import WRAPPED_TAIL, column_width, display_width, ends_sentence, sung_lines

OPENER_REACH = 24  # characters of a line the paragraph-start patterns look at
# A list's items set a line each, each ending on a semicolon (型号ZH-1518A，…，数量21,405台； / 型号ZH-1518B，…；): this
# many lines in a row that end on one are items, though each fills the column. Two in a row are no sign (clauses of a
# running sentence in parallel are often as long as each other); three in a row a typesetter's column cuts almost never.
SEMICOLON_RUN = 3
# ... and two are, when a line ending a sentence closes them and the three are parallel: as wide as each other and
# holding as many commas (`parallel_items`: a rhyme of rules set a line each, the abacus's 一上一，一下五去四，
# 一去九进一；)
PARALLEL_RUN = 2
# An entry of a list set line by line under its label (东城街道：郝春生、罗小娟 / 西关街道：赵德胜、…; a play's cast,
# 张大爷——七十岁，退休钳工 / 小周——三十岁，…): two lines in a row that open on one are two entries, though each
# fills the column; a wrapped sentence's line seldom opens on a label, two in a row never
# A label may be set apart by a full-width space instead (第一幕　春雪（1978年，早春） / 第二幕　春潮…, 南川市　受灾
# 人口…): a column's line opens on one seldom, as it does on a label.
LABELLED_ENTRY = re.compile(r"[\u4e00-\u9fff]{2,6}(?:[：:]|——|\u3000(?=[\u4e00-\u9fff]))(?![“‘「])")
# An entry of a cast list or contents led to its name or page by dots (沈同春（茶馆掌柜）…………何　晏, 周大个（挑夫）
# ……牛　犇): two lines in a row so ending are two entries; a column's line may end on a sentence's ellipsis,
# two in a row hardly.
LEADER_ENTRY = re.compile(r"(?:…{2,}|\.{4,}|·{4,})[ \u3000]*[^…\s.·][^…\n]{0,8}$")
# the runs of dots one of which every such line holds: a run of lines holding none (most) is read for no entry
LEADERS = ("……", "....", "····")
# A scene's heading closing on its direction in brackets, set apart by a full-width space (第八格　（草地上，
# 风筝飞起）, a comic strip's panel; 第二场　（茶馆内）): the speakers' lines under it open entries of their own, as
# they do after a label
SCENE_HEAD = re.compile(r"[^\n]*\u3000[（(][^（）()\n]*[)）]$")
# A date alone on its line (2024年9月27日, 二〇二五年十一月十八日): a notice's signature under its issuer, never
# the end of a column's sentence, which closes on a mark
SIGNED_DATE = re.compile(
    r"[\d〇○零一二三四五六七八九]{2,4}年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
)
# A hard-wrapped column: lines at least and at most this wide (in full-width characters)
MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 8, 40
# lines this much wider than the column (in characters and in width) are none of its lines
WIDE = 1.25


def column_paragraphs(
    text: str, spans: list[tuple[int, int]], layout: LayoutRules
) -> tuple[float, list[list[tuple[int, int]]], dict[int, ClassRule]]:
    """Group lines joined by single newlines into paragraphs, and say how wide the column is: a
    hard-wrapped column's full lines continue a paragraph; in any other run (verse among them, even
    of equal lines) every line stands alone, as does a `standalone` line (a running head) anywhere.
    The lines of a couplet set in the column stand alone too: they come back by their starts, with the
    pair class that claims them; so do the lines of verse ending bare (`sung_lines`), with no column.

    >>> from cleaner.stages.layout_classes import LINE, NEVER, load_layout_rules
    >>> bare = LayoutRules((), NEVER)
    >>> text = "这是一段被硬换行的\\n报纸栏目文字，每一\\n行都一样宽。\\n标题"
    >>> column, paragraphs, couplets = column_paragraphs(text, [m.span() for m in LINE.finditer(text)], bare)
    >>> column, [len(p) for p in paragraphs], couplets
    (9.0, [3, 1], {})
    >>> text = "春联写道：\\n春风送暖千家乐，\\n瑞雪迎春万户欢。\\n村支书说，今年全\\n村收入增长两成。"
    >>> spans = [m.span() for m in LINE.finditer(text)]
    >>> column, paragraphs, couplets = column_paragraphs(text, spans, load_layout_rules())
    >>> [len(p) for p in paragraphs], [(start, rule.id) for start, rule in couplets.items()]
    ([1, 1, 1, 2], [(6, 'L113'), (15, 'L113')])
    >>> text = "这是一段被硬换行的\\n报纸栏目文字，每一\\n许昌日报 A3\\n行都一样宽。"
    >>> heads = LayoutRules((), NEVER, standalone=re.compile("日报"))
    >>> [len(p) for p in column_paragraphs(text, [m.span() for m in LINE.finditer(text)], heads)[1]]
    [2, 1, 1]
    >>> poem = "白日依山尽，\\n黄河入海流。\\n欲穷千里目，\\n更上一层楼。"
    >>> column_paragraphs(poem, [m.span() for m in LINE.finditer(poem)], load_layout_rules())[0]
    0.0
    >>> page = "只见家家户户贴上了新春联，其中一副写道：\\n" + poem + "\\n村支书说，今年全村收入增长了两成。"
    >>> page = "　　" + page.replace("\\n", "\\n　　")  # every line indented: no column of 8, as unindented
    >>> column_paragraphs(page, [m.span() for m in LINE.finditer(page)], load_layout_rules())[0]
    0.0
    >>> items = "会议要求：\\n（1）加强领导；\\n（2）完善制度；\\n（3）强化监督。"
    >>> items += "\\n（4）加强组织领导；\\n完善规章制度；\\n强化监督检查。"  # an item after one ended on ；
    >>> [len(p) for p in column_paragraphs(items, [m.span() for m in LINE.finditer(items)], load_layout_rules())[1]]
    [1, 1, 1, 1, 1, 1, 1]
    >>> song = "你走一步，我走一步\\n脚印连成一条路\\n你唱一句，我唱一句\\n歌声飞过大峡谷"
    >>> column, paragraphs, sung = column_paragraphs(song, [m.span() for m in LINE.finditer(song)], load_layout_rules())
    >>> column, [len(p) for p in paragraphs], sorted({rule.id for rule in sung.values()})
    (0.0, [1, 1, 1, 1], ['L112'])
    >>> table = "村名　登记选民　参加投票　当选主任　得票\\n土城子村　3216　3087　王士林　2841\\n"
    >>> table += "千户寨村　2985　2870　侯晴川　2563\\n马家庄村　3402　3251　马未东　3012"
    >>> column_paragraphs(table, [m.span() for m in LINE.finditer(table)], load_layout_rules())[0]  # rows: no column
    0.0
    >>> prose = "　　他围绕代表团的任务和目标，分\\n析了代表团取得优异成绩存在的困难，\\n"
    >>> prose += "并要求我国冰雪健儿，要解放思想、\\n顽强拼搏，把国家的利益摆在首位，\\n争取双丰收。"
    >>> [len(p) for p in column_paragraphs(prose, [m.span() for m in LINE.finditer(prose)], load_layout_rules())[1]]
    [5]
    """
    if len(spans) < 3:
        return lines_alone(spans)
    lines = [text[s:e] for s, e in spans]  # sliced once: the tests below read them
    standalone_lines = [layout.is_standalone(line) for line in lines]
    # A column holds a fixed width, but OCR may give its digits full or half width: a line is full
    # when it reaches the column in characters or in display width. A line's indentation takes room
    # in the column too; a running head set between its lines does not measure it. When every line
    # is indented (an OCR export that indents them all) the indentation says nothing, and measuring
    # it would widen short lines (a couplet, a poem of five characters a line) into a column.
    as_set = [text[text.rfind("\n", 0, s) + 1 : e] for s, e in spans]
    if all(len(line) > e - s for line, (s, e) in zip(as_set, spans, strict=True)):
        as_set = lines
    lengths = [len(line) for line in as_set]
    widths = [display_width(line) for line in as_set]
    measured = [i for i in range(len(spans) - 1) if not standalone_lines[i]]
    if len(measured) < 2:
        # a table's rows set apart under its head (村名　登记选民　… / 土城子村　3216　…) measure no column: one line
        # is no measure, and a head read as one made a notice's signature under the table a column's wrapped pair
        return lines_alone(spans)
    column, most = column_width([widths[i] for i in measured]), column_width([lengths[i] for i in measured])
    # a line wider than the column (a headline or lead set across columns above it) is none of its lines
    wide = [w > WIDE * column and n > WIDE * most for w, n in zip(widths, lengths, strict=True)]
    full = [
        not too_wide and (w >= column - FULL_LINE_SLACK or n >= most - FULL_LINE_SLACK)
        for w, n, too_wide in zip(widths, lengths, wide, strict=True)
    ]
    verse = next((rule for rule in layout.runs if not rule.pairs), None)
    if verse is not None and sung_lines(lines, full):
        return 0.0, [[span] for span in spans], {start: verse for start, _ in spans}  # each line verse, never joined
    if not MIN_COLUMN_WIDTH <= column <= MAX_COLUMN_WIDTH or sum(full[:-1]) < 0.6 * (len(spans) - 1 - sum(wide[:-1])):
        return lines_alone(spans)
    # one full line of prose cut by the typesetter (目标，分 / 析了) makes the lines around it a column, not verse
    cut_inside = any(full[i] and cut_prose(line) for i, line in enumerate(lines[:-1]))
    if not cut_inside and any(rule.holds_for(lines) for rule in layout.runs):
        return lines_alone(spans)
    # a line set apart (a running head, or a line wider than the column) neither goes on nor is gone on from
    apart = [False] + [standalone_lines[i - 1] or standalone_lines[i] or wide[i] for i in range(1, len(spans))]
    runs_on = lines_running_on(text, spans, layout, full, apart)
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


def lines_running_on(
    text: str, spans: list[tuple[int, int]], layout: LayoutRules, full: list[bool], apart: list[bool]
) -> list[bool]:
    """Whether each line of a hard-wrapped column goes on from the line before: that line is `full` and ends no
    sentence, and this one opens none (indented, an opener, a labelled entry, a list's item) and is not set `apart`.

    >>> from cleaner.stages.layout_classes import LINE, NEVER, load_layout_rules
    >>> text = "这是一段被硬换行的\\n报纸栏目文字，每一\\n行都一样宽。\\n标题"
    >>> spans = [m.span() for m in LINE.finditer(text)]
    >>> lines_running_on(text, spans, LayoutRules((), NEVER), [True, True, False, False], [False] * 4)
    [False, True, True, False]
    >>> panel = "第八格　（草地上，风筝飞起）\\n风声：呼——呼——"  # a panel's heading, then a speaker's line
    >>> panel_spans = [m.span() for m in LINE.finditer(panel)]
    >>> lines_running_on(panel, panel_spans, LayoutRules((), NEVER), [True, False], [False] * 2)
    [False, False]
    >>> cast = "沈同春（茶馆掌柜）…………何　晏\\n林秀姑（沈同春之妻）……白　露"  # a cast list's entries, led by dots
    >>> cast_spans = [m.span() for m in LINE.finditer(cast)]
    >>> lines_running_on(cast, cast_spans, LayoutRules((), NEVER), [True, True], [False] * 2)
    [False, False]
    >>> from itertools import product  # an entry's line holds a run of LEADERS
    >>> lines = ["".join(t) for n in range(3, 7) for t in product("…·.a ", repeat=n)]
    >>> all(any(leader in line for leader in LEADERS) for line in lines if LEADER_ENTRY.search(line))
    True
    """
    opener = layout.opener
    lines = [text[start:end] for start, end in spans]
    line_ends = [line.rstrip(CLOSERS)[-1:] for line in lines]  # the last mark but closers
    listed = semicolon_runs([line_end in ("；", ";") for line_end in line_ends])
    listed = [a or b for a, b in zip(listed, parallel_items(lines), strict=True)]
    led = any(text.find(leader, spans[0][0], spans[-1][1]) >= 0 for leader in LEADERS)
    runs_on = [False]  # whether each line goes on from the line before
    paragraph_start = spans[0][0]
    item_ended = False  # whether the last paragraph so far ended on a semicolon: an item of a list
    for index in range(1, len(spans)):
        (before_start, before_end), (start, _) = spans[index - 1], spans[index]
        indented = start > 0 and text[start - 1] != "\n"
        opens = indented or opener.match(text[start : start + OPENER_REACH]) is not None
        line_end = line_ends[index - 1]
        on_semicolon = line_end in ("；", ";")
        if (
            not opens
            and LABELLED_ENTRY.match(text, start)
            and (LABELLED_ENTRY.match(text, before_start) or SCENE_HEAD.fullmatch(text, before_start, before_end))
        ):
            opens = True
        if not opens and led and LEADER_ENTRY.search(text, before_start, before_end):
            opens = LEADER_ENTRY.search(text, *spans[index]) is not None
        if on_semicolon and not opens:
            # a list's items on lines of their own: the next line opens like an item, or the item before
            # ended on a semicolon too (a line ending on one next to another that does is no sign: clauses
            # of a running sentence in parallel are often as long as each other)
            opens = (
                item_ended
                or listed[index - 1]
                or layout.item_opener.match(text[start : start + OPENER_REACH]) is not None
            )
        # the sentence end is read on the paragraph so far: a column's line may hold only the end of a tag
        # after it (布吉镇新貌。（本 / 报记者张雅心摄）)
        paragraph_tail = text[max(paragraph_start, before_end - WRAPPED_TAIL) : before_end]
        runs_on.append(full[index - 1] and not opens and not apart[index] and not ends_sentence(paragraph_tail))
        if not runs_on[-1]:
            # a paragraph ending on a colon introduces a list (决定任命： / 张立伟为…审判员； / 赵雅琴为…；) as
            # an item ending on a semicolon goes on with one
            paragraph_start, item_ended = start, on_semicolon or line_end in ("：", ":")
    return runs_on


def semicolon_runs(on_semicolons: list[bool]) -> list[bool]:
    """Which lines end a list's item: they end on a semicolon, among SEMICOLON_RUN or more lines in a row that do.

    >>> semicolon_runs([True, True, True, False]), semicolon_runs([False, True, True, False])
    ([True, True, True, False], [False, False, False, False])
    """
    listed = [False] * len(on_semicolons)
    run_start = 0
    for index, on_semicolon in enumerate([*on_semicolons, False]):
        if not on_semicolon:
            if index - run_start >= SEMICOLON_RUN:
                listed[run_start:index] = [True] * (index - run_start)
            run_start = index + 1
    return listed


def parallel_items(lines: list[str]) -> list[bool]:
    """Which lines end an item of a list of parallel lines: PARALLEL_RUN or more lines ending on a semicolon, then one
    ending a sentence, all as wide as each other and holding as many commas (a rhyme of rules, 一上一，一下五去四，
    一去九进一； / 二上二，…； / 三上三，…。). A column's lines are as wide, but few end on a semicolon twice and on a
    sentence's end at once with their commas matched.

    >>> rhyme = ["一上一，一下五去四，一去九进一；", "二上二，二下五去三，二去八进一；"]
    >>> parallel_items([*rhyme, "三上三，三下五去二，三去七进一。"])
    [True, True, False]
    >>> parallel_items(["抓好安全生产，落实防汛责任；", "做好民生保障，提高服务水平；", "确保各项工作取得实效。"])
    [False, False, False]
    """
    listed = [False] * len(lines)
    ends = [line.rstrip(CLOSERS)[-1:] for line in lines]
    run_start = 0
    for index, end in enumerate(ends):
        if end in ("；", ";"):
            continue
        run = lines[run_start : index + 1]
        if (
            index - run_start >= PARALLEL_RUN
            and end in ("。", "！", "？")
            and len({display_width(line) for line in run}) == 1
            and len({line.count("，") for line in run}) == 1
            and run[0].count("，") > 0
        ):
            listed[run_start:index] = [True] * (index - run_start)
        run_start = index + 1
    return listed


def wrapped_pair(text: str, spans: list[tuple[int, int]], column: float, layout: LayoutRules) -> bool:
    """Whether two lines set apart by blank lines are one paragraph of the page's hard-wrapped column: the first
    fills the column measured on the page's longer runs and ends no sentence, and the second opens none and is no
    wider than the column (a numbered head over a paragraph set on one line, 一、本次股份质押基本情况 / 清河投资集团
    于…, is no column's pair, however well the head fills the page's column). Two lines alone measure no column, so
    without the page's the first would stand alone, a headline by its shape (a column's sentence cut by a break,
    its right half one full line and a short last one).

    >>> from cleaner.stages.layout_classes import LINE, load_layout_rules
    >>> text = "一批群众急难愁盼问题得到有效\\n解决。"
    >>> wrapped_pair(text, [(0, 14), (15, 18)], 14.0, load_layout_rules())
    True
    >>> wrapped_pair(text, [(0, 14), (15, 18)], 20.0, load_layout_rules())
    False
    >>> signed = "清河区城南街道办事处\\n2024年9月27日"  # a notice's issuer and the date it signed, as wide as a column
    >>> wrapped_pair(signed, [(0, 10), (11, 21)], 10.5, load_layout_rules())
    False
    >>> head = "一批群众急难愁盼问题得到有效\\n解决，" + "办成了一批民生实事，" * 4  # three columns wide
    >>> wrapped_pair(head, [(0, 14), (15, len(head))], 14.0, load_layout_rules())
    False
    """
    (first_start, first_end), (second_start, second_end) = spans
    first = text[first_start:first_end]
    if not MIN_COLUMN_WIDTH <= column <= MAX_COLUMN_WIDTH or ends_sentence(first):
        return False
    if not column - FULL_LINE_SLACK <= display_width(first) <= column:
        return False
    if display_width(text[second_start:second_end]) > WIDE * column:
        return False  # a column's last line is no wider than the column
    return (
        not layout.is_standalone(first)
        and layout.opener.match(text[second_start : second_start + OPENER_REACH]) is None
        and not SIGNED_DATE.fullmatch(text, second_start, second_end)
    )


def lines_alone(spans: list[tuple[int, int]]) -> tuple[float, list[list[tuple[int, int]]], dict[int, ClassRule]]:
    """What `column_paragraphs` says of lines that are no column: each line a paragraph (built only then: a
    column's run is long, and most runs are one)."""
    return 0.0, [[span] for span in spans], {}
