"""Lines whose breaks and ends stay, for R101: lists of fields (报名时间：… / 报名地点：…), part heads, programs.

A field opens on a short label and its colon (R101's `field_label`). A list of them is no cut sentence: each line
is whole, and so is the list.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.rejoin_weights import Weights
>>> label = Weights.from_rules(Context.default().rules).field_label
>>> page = "首末班时间：6:30—22:30\\n发车间隔：20分钟\\n\\n途经站点：科技园。"
>>> end = page.index("\\n\\n")
>>> in_field_lines(page, Gap(end, end + 2, "blank", Block(0, end), Block(end + 2, len(page))), label)
True
"""

from __future__ import annotations

import functools
import re
from itertools import pairwise

from ..patterns import CODE_LINE, SCORE_LINE, SENTENCE_END, STOPS
from .layout import BODY, Block, LayoutRules, classify
from .layout_classes import NEVER
from .layout_measures import labelled_fields
from .rejoin_gaps import Gap

FIELD_LENGTH = 40  # characters a field of a list holds at most (R101 field_label)
FIELD_CLASSES = frozenset({BODY, "short"})  # the layout classes a field of a list gets alone
SENTENCE_MARKS = frozenset(SENTENCE_END)  # no line of a list of fields set line by line holds one
FIELD_LIST_REACH = 12 * FIELD_LENGTH  # characters on either side of a break within which a list of fields ends
ITEMS_IN_A_ROW = 4  # cells parted by full-width spaces a line holds at least to be a list (a bus line's stops)
# one such cell: a name (a stop, a subject, a dish), a figure with its unit (89.5㎡, 总价198万元) or a rating (★★★),
# short and holding no sentence mark, comma or colon: a clause is no cell
LISTED_ITEM = re.compile(r"[^\s，。；！？：,;!?:]{1,12}")
# a choice question's options set on one line, each opening on its letter in turn (A．一只鸡　B．一名中学生　…)
CHOICE_LETTERS = "ABCDEF"
CHOICE_OPTION = re.compile(r"[A-F][．.、]\S")
# A bill's or a payslip's total set as a block of its own, its label and its amount parted by a full-width space
# (实发工资　5,112.80, 合计　1,079.00元): a table's last line, which no sentence runs on from
LABELLED_AMOUNT = re.compile(r"[\u4e00-\u9fff（）()]{2,12}\u3000[-+－]?[0-9][0-9,.]*[元%％]?")


def field_in_series(text: str, left: Block, end: int, label: re.Pattern[str] | None, rules: LayoutRules) -> bool:
    """Whether the block `text[left.start:end]` is a field of a list: short, opening on a `label` and its colon, as
    the line before it does, which stops without closing its sentence (今天：多云 / 明天：小雨; 报名时间：… /
    报名地点：…). A speaker's turn (记者：…？ / 韩立新：我们上) follows a turn that ends its sentence. `rules` are the
    layout rules that class the line before (`layout.layout_rules`).

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import layout_rules
    >>> from cleaner.stages.rejoin_weights import Weights
    >>> context = Context.default()
    >>> label, rules = Weights.from_rules(context.rules).field_label, layout_rules(context)
    >>> page = "天气预报\\n\\n今天：多云，气温8℃至15℃\\n\\n明天：小雨，气温6℃至11℃\\n\\n避免在站台长时间等候。"
    >>> left = Block(page.index("明天"), page.index("\\n\\n避免"))
    >>> field_in_series(page, left, left.end, label, rules)
    True
    >>> turns = "记者：有哪些新做法？\\n\\n韩立新：我们上\\n\\n线了惠企政策平台。"
    >>> field_in_series(turns, Block(turns.index("韩"), turns.index("\\n\\n线")), turns.index("\\n\\n线"), label, rules)
    False
    """
    # a block of fields set line by line (a play's cast: 小周——三十岁，… / 王阿姨——六十五岁，…) ends on its last
    field_start = text.rfind("\n", left.start, end) + 1 or left.start
    field = text[field_start:end]
    if label is None or len(field) > FIELD_LENGTH or not label.match(field):
        return False
    reach = max(0, field_start - 2 * FIELD_LENGTH)
    before_end = reach + len(text[reach:field_start].rstrip())
    before_start = text.rfind("\n", reach, before_end) + 1
    if before_start == 0 and reach > 0:
        return False  # a long line: running text, no field
    before = text[before_start:before_end]
    if not before or before[-1] in STOPS or label.match(before) is None:
        return False
    # a page's furniture (责任编辑：吴涛) opens on a label too, but is no field of the list
    return classify(before, rules)[0] in FIELD_CLASSES


def fields_on_a_line(text: str, gap: Gap, label: re.Pattern[str] | None) -> bool:
    """Whether `gap` ends a line of two fields or more set apart by spaces, each opening on a `label` and its colon
    (a record's particulars: 申请号：CN202310458217.6　申请人：清河耐火材料股份有限公司). Such a line is whole: no
    sentence runs on past it into the block after it (摘要：本发明公开了…).

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.rejoin_weights import Weights
    >>> label = Weights.from_rules(Context.default().rules).field_label
    >>> def ends_a_record(page: str) -> bool:
    ...     end = page.index("\\n\\n")
    ...     return fields_on_a_line(page, Gap(end, end + 2, "blank", Block(0, end), Block(end + 2, len(page))), label)
    >>> ends_a_record("申请号：CN202310458217.6\u3000申请人：清河区中医医院\\n\\n摘要：本实用新型公开了一种消毒盒。")
    True
    >>> ends_a_record("申请人：清河区中医医院的\\n\\n针灸科，摘要：本实用新型公开了一种消毒盒。")
    False
    """
    if label is None or gap.left.column:
        return False  # a hard-wrapped column's line ends where the column does
    line = text[text.rfind("\n", gap.left.start, gap.start) + 1 or gap.left.start : gap.start]
    return labelled_fields(line, label, 2 * FIELD_LENGTH)


def in_field_lines(text: str, gap: Gap, label: re.Pattern[str] | None) -> bool:
    """Whether `gap` ends a line of a list of fields set line by line: the lines of its paragraph are short, none
    holds a sentence's end, and two in a row open on a `label` and its colon (a bus line's particulars:
    首末班时间：6:00—21:30 / 发车间隔：20分钟 / 全程约18公里，票价3元). Each such line is whole, and so is the list.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.rejoin_weights import Weights
    >>> label = Weights.from_rules(Context.default().rules).field_label
    >>> def ends_fields(page: str) -> bool:
    ...     end = page.index("\\n\\n")
    ...     return in_field_lines(page, Gap(end, end + 2, "blank", Block(0, end), Block(end + 2, len(page))), label)
    >>> ends_fields("首末班时间：6:30—22:30\\n发车间隔：20分钟\\n全程约18公里，票价3元\\n\\n途经站点：科技园。")
    True
    >>> ends_fields("发车间隔：20分钟，全程约18公里\\n\\n设站6个。")
    False
    """
    if label is None or gap.left.column or gap.right.column:
        return False  # a hard-wrapped column's line ends where the column does, not where a field does
    # the whole paragraph is the list (a column's article wrapped after its fields is none), read within reach
    start, end = max(0, gap.start - FIELD_LIST_REACH), gap.end + FIELD_LIST_REACH
    before = text[start : gap.start].rsplit("\n\n", 1)
    after = ["", ""] if gap.kind == "blank" else text[gap.end : end].split("\n\n", 1)  # a blank line ends it
    if (len(before) == 1 and start > 0) or (len(after) == 1 and end < len(text)):
        return False  # a paragraph longer than any list of fields
    lines = before[-1].split("\n") + (after[0].split("\n") if after[0] else [])
    if len(lines) < 2 or any(len(line) > FIELD_LENGTH or not SENTENCE_MARKS.isdisjoint(line) for line in lines):
        return False
    return any(label.match(first) and label.match(second) for first, second in pairwise(lines))


def items_on_a_line(text: str, gap: Gap) -> bool:
    """Whether `gap` ends a line of short cells set apart by full-width spaces, four or more and no sentence mark,
    comma or colon among them (a bus line's stops: 市民中心　新区图书馆　滨河路口　…　火车站; a day of a timetable:
    星期二　数学　语文; a listing's particulars: 1．锦华苑　3室2厅1卫　89.5㎡　总价198万元; a horoscope's ratings:
    综合★★★★　爱情★★★　事业★★　财运★★). Such a line is a list or a table's row, whole: no sentence runs on past
    it into the block after it (首末班时间：…, 2008年建成，…). A headline's halves are two, and OCR's stray space is a
    half-width one.

    >>> def ends_a_list(page: str) -> bool:
    ...     end = page.index("\\n\\n")
    ...     return items_on_a_line(page, Gap(end, end + 2, "blank", Block(0, end), Block(end + 2, len(page))))
    >>> ends_a_list("市民中心\u3000新区图书馆\u3000滨河路口\u3000科技园\u3000火车站\\n\\n首末班时间：火车站首班6:00。")
    True
    >>> ends_a_list("1．锦华苑\u30003室2厅1卫\u300089.5㎡\u3000总价198万元\\n\\n2008年建成，电梯房。")
    True
    >>> ends_a_list("强化制度保障\u3000拓展服务深度\\n\\n清河区推进数字乡村建设。")
    False
    >>> ends_a_list("会上，王明\u3000李华\u3000赵强\u3000孙丽等\\n\\n作了发言。")  # a clause is no cell
    False

    A table's row is whole too, whatever its cells hold (a clock's colon, a party's long name, a note with a comma),
    when the line above it in its block has as many cells (a log's head over its rows, two hearings of one morning):
    >>> log = "日期\u3000时间\u3000频率\u3000备注\\n12-03\u300013:02\u30007.050MHz\u3000北京，补发QSL卡"
    >>> ends_a_list(log + "\\n\\n日志里的时间。")
    True

    So is a block holding a total alone, its label and its amount (a payslip's 实发工资　5,112.80, corpus/modern_clean
    336), and a table's last row whose rows a column's width measured, all as wide (corpus/modern_clean 329):
    >>> ends_a_list("实发工资\u30005,112.80\\n\\n社保和公积金的缴费基数都是4,560元")
    True
    >>> rows = "12月5日\u30005号楼\u30009:00\u300016:00\\n12月6日\u30006号楼\u30009:00\u300016:00"
    >>> page, end = rows + "\\n\\n本小区没有4号楼。", len(rows)
    >>> last_row = Block(rows.index("\\n") + 1, end, column=34.0)
    >>> items_on_a_line(page, Gap(end, end + 2, "blank", last_row, Block(end + 2, len(page))))
    True
    >>> ends_a_list("会上，王明\u30002024\\n\\n作了发言。")  # a clause is no label
    False

    A choice question's options on one line, two or more, each opening on its letter in turn, are whole too, whatever
    they hold (an option may be a clause), and the next question opens on its own number (corpus/modern_clean 302):
    >>> ends_a_list("A．物体不受力就一定静止\u3000B．只有相互接触的物体之间才有力\\n\\n3．一辆汽车在平直公路上匀速行驶")
    True
    >>> ends_a_list("B．物体不受力就一定静止\u3000A．只有相互接触的物体之间才有力\\n\\n3．一辆汽车")
    False
    """
    line_start = text.rfind("\n", gap.left.start, gap.start) + 1 or gap.left.start
    items = text[line_start : gap.start].split("\u3000")
    if len(items) >= ITEMS_IN_A_ROW and line_start > 0 and text[line_start - 1] == "\n":
        # rows as wide as each other measure a column, but a column's lines never share four cells or more
        above = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
        if above.count("\u3000") == len(items) - 1 and "\u3000\u3000" not in above:
            return True
    if gap.left.column:
        return False  # a hard-wrapped column's line ends where the column does
    if line_start == gap.left.start and LABELLED_AMOUNT.fullmatch(text, line_start, gap.start):
        return True
    if len(items) >= 2 and all(
        CHOICE_OPTION.match(item) and item[0] == letter for letter, item in zip(CHOICE_LETTERS, items, strict=False)
    ):
        return True
    if len(items) >= ITEMS_IN_A_ROW and all(LISTED_ITEM.fullmatch(item) for item in items):
        return True
    if len(items) < ITEMS_IN_A_ROW or line_start == 0 or text[line_start - 1] != "\n":
        return False
    above = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]  # the line above, in its block or not
    return above.count("\u3000") == len(items) - 1 and "\u3000\u3000" not in above


LABELLED_HEAD_LENGTH = 24  # characters a labelled head (北湖：鲫鱼个头大，口轻) holds at most
PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")  # lines parted by single breaks, between blank lines


@functools.lru_cache(maxsize=8)
def labelled_heads(text: str, label: re.Pattern[str], lead: re.Pattern[str] = NEVER) -> tuple[tuple[int, ...], int]:
    """Where each block of `text` that is one short line opening on a `label` and closing no sentence starts, and
    how many other blocks open on a label: a page's subheads that name their part before a colon (北湖：鲫鱼个头
    大，口轻 / 南山水库：鲢鳙上大货), and its labelled paragraphs (以暗为明：一些伪作，…。); read once per page,
    not once per gap. A block opening on a paragraph's `lead` (the layout's paragraph openers: 附记：目前，…) is that
    paragraph's first words, which a break may cut, no subhead.

    >>> label = re.compile("^[\u4e00-\u9fff]{1,6}[：:]")
    >>> labelled_heads("北湖：鲫鱼个头大\\n\\n北湖水深两米。\\n\\n南山水库：鲢鳙上大货\\n\\n地址：清河路。", label)
    ((0, 19), 1)
    """
    heads, paragraphs = [], 0
    for block in PARAGRAPH.finditer(text):
        line = block[0].strip()
        if not label.match(line) or lead.match(line):
            continue
        if "\n" not in block[0] and len(line) <= LABELLED_HEAD_LENGTH and SENTENCE_MARKS.isdisjoint(line):
            heads.append(block.start())
        else:
            paragraphs += 1
    return tuple(heads), paragraphs


def labelled_head_in_series(
    text: str, start: int, label: re.Pattern[str] | None, lead: re.Pattern[str] = NEVER
) -> bool:
    """Whether the block at `start` is one of two or more labelled subheads of the page (`labelled_heads`: 北湖：…,
    清河老河道：翘嘴难寻，鳜鱼意外, 南山水库：…), each heading its own text, however well it fills a column's line: a
    paragraph a page break cut is seldom one of a series of blocks so shaped. Where the page's labelled blocks are
    paragraphs as often as heads (以暗为明：…。 / 以近求远：…。 / 以仿为真：将学生临摹的作品当做老师 | 的无款作品), a
    short one is such a paragraph, cut.

    >>> label = re.compile("^[\u4e00-\u9fff]{1,6}[：:]")
    >>> page = "北湖：鲫鱼个头大\\n\\n北湖水深两米。\\n\\n老河道：翘嘴难寻，鳜鱼意外\\n\\n老河道是路亚钓友的地盘。"
    >>> labelled_head_in_series(page, page.index("老河道："), label), labelled_head_in_series(page[18:], 0, label)
    (True, False)
    >>> cut = "附记：目前，他既做老师又当学生，奔波\\n\\n于两个课堂。\\n\\n地址：清河路十八号\\n\\n欢迎来访。"
    >>> labelled_head_in_series(cut, 0, label), labelled_head_in_series(cut, 0, label, re.compile("附记"))
    (True, False)
    >>> cut = "以暗为明：伪作面世。\\n\\n以近求远：仿品珍贵。\\n\\n以小求古：取其价值。\\n\\n以仿为真：将学生的作品"
    >>> cut += "当做老师\\n\\n的作品。\\n\\n承德：科技良种作年礼"
    >>> labelled_head_in_series(cut, cut.index("以仿"), label)
    False
    """
    if label is None:
        return False
    heads, paragraphs = labelled_heads(text, label, lead)
    return start in heads and len(heads) >= 2 and len(heads) > paragraphs


# A numbered part's head on a line of its own, its title after a full-width space (第六部分　操作处置与储存)
PART_HEAD = re.compile(
    r"[ \t\u3000]*第([一二三四五六七八九十]{1,3}|\d{1,2})(部分|章|节)\u3000[\u4e00-\u9fff、]{1,16}[ \t\u3000]*"
)
PART_HEAD_LINE = re.compile(f"^{PART_HEAD.pattern}$", re.MULTILINE)


def part_head_in_series(text: str, gap: Gap) -> bool:
    """Whether `gap` ends a numbered part's head line (第六部分　操作处置与储存) and the page heads the part numbered
    before or after it alike (第五部分　…, 第七部分　…): a data sheet's or a book's parts, each head over its own text,
    however a word may seem to run on across the break (储存 / 储存于阴凉…).

    >>> page = "第五部分　泄漏应急处理\\n隔离泄漏区。\\n\\n第六部分　操作处置与储存\\n储存于阴凉处。"
    >>> end = page.index("\\n储存")
    >>> head, rest = Block(page.index("第六"), len(page)), Block(end + 1, len(page))
    >>> part_head_in_series(page, Gap(end, end + 1, "line", head, rest))
    True
    >>> alone = page[page.index("第六") :]
    >>> part_head_in_series(alone, Gap(12, 13, "line", Block(0, len(alone)), Block(13, len(alone))))
    False
    """
    line = text[text.rfind("\n", 0, gap.start) + 1 : gap.start]
    head = PART_HEAD.fullmatch(line)
    if head is None:
        return False
    import cn2an  # here, not at the top: loading it takes a tenth of a second that `cleaner --help` need not pay

    number = int(cn2an.cn2an(head.group(1), "smart"))
    return any(
        other.group(2) == head.group(2) and abs(int(cn2an.cn2an(other.group(1), "smart")) - number) == 1
        for other in PART_HEAD_LINE.finditer(text)
    )


def program_or_score_line_at(text: str, gap: Gap) -> bool:
    """Whether the line before `gap` or the line after it is a line of a program (`patterns.CODE_LINE`) or of a song
    in numbered notation (`patterns.SCORE_LINE`): a column's code and its output, a score and the words under its
    notes, set line by line, are no sentence cut by the break.

    >>> page = "    print(word, n)\\n\\n运行后，屏幕上会输出：\\n\\n    the 3"
    >>> end = page.index("\\n")
    >>> program_or_score_line_at(page, Gap(end, end + 2, "blank", Block(0, end), Block(end + 2, len(page))))
    True
    >>> song = "5 5 3 | 2 1 2 |\\n小小竹排 江中游，"
    >>> program_or_score_line_at(song, Gap(15, 16, "line", Block(0, len(song)), Block(16, len(song))))
    True
    >>> page = "运行后，屏幕\\n\\n上会输出："
    >>> program_or_score_line_at(page, Gap(6, 8, "blank", Block(0, 6), Block(8, len(page))))
    False
    """
    line_start = text.rfind("\n", 0, gap.start) + 1
    # the gap may hold the next line's indentation: that line is read from its start
    right_start = text.rfind("\n", 0, gap.end) + 1
    line_end = text.find("\n", gap.end)
    line_end = len(text) if line_end < 0 else line_end
    return any(
        pattern.fullmatch(text, line_start, gap.start) or pattern.fullmatch(text, right_start, line_end)
        for pattern in (CODE_LINE, SCORE_LINE)
    )
