"""L201: a page whose last paragraph stops inside a sentence, its next page missing.

The last block of body text is read as the paragraph it is; blocks set apart after it (a page number,
an editor's credit, a caption) do not end the text, and notes in brackets or after a dash after the
last sentence end it as a sentence would.

>>> from cleaner.stages.layout import segment
>>> from cleaner.stages.layout_classes import load_layout_rules
>>> page = "两国友好合作关系不断发展。（新华社记者黄文摄）（传真照片）\\n\\n- 3 -"
>>> truncated_ending(page, segment(page, load_layout_rules())) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Finding
from ..patterns import CLOSERS, HAN_CLASS, HAN_RUN, LIST_ITEM, SEMI_ENDS, SENTENCE_END, SINGLE_BREAK
from .layout import BODY, SET_APART, Block
from .layout_classes import NEVER
from .layout_measures import ends_sentence, labelled_fields

# Notes that end a page's last article without a sentence's punctuation of their own: a picture's note
# after its title (同一母亲的孩子（图片）, …（附图片１张）), tags in brackets after the last sentence
# (。（新华社记者黄文摄）（传真照片）), an editor's note signed after a dash (。———编者), an aside in brackets
# on its own (（作者为中央党校学员、辽宁省沈阳市副市长）)
CLOSING_NOTE_END = re.compile(
    r"[（(]附?(?:数码)?(?:传真)?(?:图片|照片)(?:\s*[\d０-９一二三四五六七八九十]+\s*张)?[)）]$"
    f"|[{SENTENCE_END}][{CLOSERS}]*(?:[（(][^（）()\\n]{{1,20}}[)）]){{2,}}$"
    f"|[{SENTENCE_END}][{CLOSERS}]*[—－]{{2,}}[{HAN_CLASS}]{{1,8}}$"
    r"|^[（(][^（）()\n]+[)）]$"
)
# Classes in a headline's shape that the first words of a cut paragraph fall into
TITLE_LIKE = frozenset({"headline", "section"})
# Classes a source's name alone (新华社) falls into: after a headline, an item's dateline cut before its text
SOURCE_LIKE = frozenset({"author", "byline"})
# A block that is a list's mark alone (●, 五、, 3.): an item cut right after its mark
MARK_ONLY = re.compile(
    r"[●○■□▲△◆◇★☆※•·]|[一二三四五六七八九十]{1,3}、|\d{1,3}[．.、]|[（(][一二三四五六七八九十\d]{1,3}[)）]"
)
# What sets a headline's parts apart (强化制度保障 拓展服务深度, 济南：多管齐下): a block without any after an item's
# byline reads as the item's running text
HEADLINE_PARTS = re.compile(r"[\s：:—－·｜|]")
# What no sentence stops on: a block of body text ending on one goes on in the next block
OPENERS = "“‘「『（(《〈【［"
LIST_ITEM_LENGTH = 30  # the longest list item L201 lets end without punctuation
# A row of a schedule, a log or a chronology: a date, a day or a clock time, then a full-width space and the entry
# (12月12日　闭幕式、颁奖典礼; 11:20　登顶). Two such lines in a row ending a block are a table, each row whole.
DATED_ROWS_REACH = 120  # characters before the last block read for the row above it
DATED_ROW = re.compile(r"[ \t\u3000]*(?:\d{1,2}月\d{1,2}日(?:至\d{1,2}日)?|\d{4}年|\d{1,2}[:：]\d{2})\u3000\S")
# A count's digits run straight on from a word or a title (投资90, 《金融时报》1): a number cut from its unit or its
# rest, where a table's row parts its cells by spaces and a picture title closes its bracket
NUMBER_CUT = re.compile(f"[{HAN_CLASS}》]+[0-9０-９]+$")


def truncated_ending(
    text: str,
    blocks: list[Block],
    confidence: float = 0.9,
    open_item: re.Pattern[str] = NEVER,
    sent_on: re.Pattern[str] = NEVER,
    dateline_alone: re.Pattern[str] = NEVER,
    signed_date: re.Pattern[str] = NEVER,
    salutation: re.Pattern[str] = NEVER,
    contact_end: re.Pattern[str] = NEVER,
    field_label: re.Pattern[str] = NEVER,
    closing_line: re.Pattern[str] = NEVER,
) -> Finding | None:
    """L201: the last block is body text that stops inside a sentence; flag its last characters.
    Blocks set apart after it (a page number, an editor's credit, a caption) do not end the text;
    a jump line does, by sending it on to another page, on its own line or set at the paragraph's end
    (`sent_on`: …育秧面积（下转第四版）). A short numbered item may end without
    punctuation, unless it is in `open_item`'s shape (五、对: a word that leaves its phrase open). A news
    item's dateline standing alone after its headline (`dateline_alone`: 本报讯（记者 周宁）) is cut before
    the item's text, which print runs on after it. A bare date after a name (`signed_date`: 付林 / 1998年1月) signs
    the article. A letter's salutation (`salutation`: 编辑同志：) opens the text it addresses: a page ending on one,
    or on a block in a headline's shape after one, is cut. A page may end on where to write (`contact_end`: 电子邮箱：
    duzhe@qhrb.cn), an address no sentence goes on past, or on a line that closes a text (`closing_line`: the body
    signing it, 阳光幼儿园保健室; an abstract's keywords, 关键词：混凝土；高温), or on a line of two fields or more,
    each opening on a `field_label` and its colon (幸运数字：12　幸运颜色：海蓝色: `layout_measures.labelled_fields`),
    a record's particulars. The patterns are L201's options of the same names in rules/layout.toml, `dateline_alone` and
    `field_label` R101's in rules/rejoin.toml; each matches nothing when not given.

    >>> from cleaner.stages.layout import segment
    >>> from cleaner.stages.layout_classes import load_layout_rules
    >>> page = "多名青年干部得到了提拔重用，有效激发了干事创业的良好氛\\n\\n- 3 -"
    >>> finding = truncated_ending(page, segment(page, load_layout_rules()))
    >>> page[finding.start:finding.end], finding.replacement
    ('良好氛', None)
    >>> page = "来信请寄：清河日报社读者来信版，电子邮箱：duzhe@qhrb.cn"
    >>> truncated_ending(page, segment(page, load_layout_rules()), contact_end=re.compile(r"邮箱：\\S+@\\S+$"))
    >>> page = "心软的你本周别轻易借钱给人。\\n幸运数字：12\u3000幸运颜色：海蓝色"
    >>> truncated_ending(page, segment(page, load_layout_rules()), field_label=re.compile("^[\\u4e00-\\u9fff]{1,6}："))
    """
    index = len(blocks) - 1
    while index >= 0 and blocks[index].kind in SET_APART:
        index -= 1
    if index < 0:
        return None
    last = blocks[index]
    tail = text[last.start : last.end]
    if last.kind not in (BODY, "short") and not _cut_as_title(
        text, last, blocks[:index], blocks[index + 1 :], dateline_alone, signed_date, salutation
    ):
        return None
    # a hard-wrapped block is read as the paragraph it is: its lines may cut a note after its last sentence
    flat = SINGLE_BREAK.sub("", tail) if last.lines > 1 else tail
    whole_item = _list_item(flat) and not open_item.search(flat)
    if not salutation.fullmatch(flat.strip()) and (
        ends_sentence(flat)
        or flat[-1:] in SEMI_ENDS
        or whole_item
        or CLOSING_NOTE_END.search(flat)
        or sent_on.search(flat)
        or contact_end.search(flat)
        or closing_line.search(flat)
        or _dated_rows(text[max(0, last.start - DATED_ROWS_REACH) : last.end])
        or labelled_fields(tail.rsplit("\n", 1)[-1].strip(), field_label)
    ):
        return None
    # The cut word is among the last Han characters; three of them name it without the clause.
    han_tail = HAN_RUN.search(tail[-3:] + "\0")
    start = last.end - (3 - han_tail.start()) if han_tail and han_tail.end() == 3 else last.end - 1
    fragment = text[start : last.end]
    message = f"文本在句中截断：末段以“{fragment}”结束，缺少句末标点，后文可能缺页，请核对原件"
    return Finding("L201", start, last.end, message, None, confidence)


def _cut_as_title(
    text: str,
    last: Block,
    before: list[Block],
    after: Sequence[Block] = (),
    dateline_alone: re.Pattern[str] = NEVER,
    signed_date: re.Pattern[str] = NEVER,
    salutation: re.Pattern[str] = NEVER,
) -> bool:
    """Whether a last block taken for a headline is the first words of a paragraph the page cut.

    No headline ends an article's page: where body text came before, a block in a headline's shape
    that stops on a Han character (…两国友好合作关系的愿) is the start of a paragraph cut short, and so is
    a list's mark alone (●). A caption, or the headline of the item the cut paragraph opens (…现场会 / 本),
    may stand between it and the body, but not a label that introduces it (图片：). A source alone after
    a headline (新华社) is that item's dateline, cut before its text, and so is a whole dateline
    (`dateline_alone`, R101's option of that name in rules/rejoin.toml). Picture titles, signatures in brackets
    and table rows end on a bracket or a digit. A name with a bare date after it (清江市人民政府 /
    一九九八年一月十二日) is the signature of a notice, a letter or an appeal: a date that closes a page as
    its running foot names the weekday or the paper; so is a date of year and month alone after a name (付林 /
    1998年1月: `signed_date`, L201's option), which L104 does not read as a date line. A letter's salutation
    (`salutation`, L201's option: 编辑同志：) is no label: the letter's text follows it. Nor is an item's byline after
    its headline (护河志愿者的一天 / 本报通讯员 赵文静) the end of anything: a block after it without a headline's
    parts (`HEADLINE_PARTS`) is the item's text, cut.

    >>> from cleaner.stages.layout import segment
    >>> from cleaner.stages.layout_classes import load_layout_rules
    >>> page = "今年以来，经济运行平稳。\\n\\n双方表达了进一步发展两国友好合作关系的愿"
    >>> blocks = segment(page, load_layout_rules())
    >>> blocks[-1].kind, _cut_as_title(page, blocks[-1], blocks[:-1])
    ('headline', True)
    >>> page = "会议强调，要做好防火工作。\\n\\n我县召开春季农业生产现场会\\n\\n本"
    >>> blocks = segment(page, load_layout_rules())
    >>> _cut_as_title(page, blocks[-1], blocks[:-1])
    True
    >>> page = "今年以来，经济运行平稳。下一步，全区将加大“\\n\\n打伞破网”“打财断血”"
    >>> blocks = segment(page, load_layout_rules())
    >>> blocks[-1].kind, _cut_as_title(page, blocks[-1], blocks[:-1])
    ('headline', True)
    >>> page = "本通告自发布之日起施行。\\n\\n清江市人民政府\\n\\n一九九八年一月十二日"
    >>> blocks = segment(page, load_layout_rules())
    >>> _cut_as_title(page, blocks[1], blocks[:1], blocks[2:])
    False
    >>> page = "以上意见，我盼望能引起社会的关注。\\n\\n付林\\n\\n1998年1月"
    >>> signed = re.compile("[0-9]{4}年[0-9]{1,2}月")
    >>> blocks = segment(page, load_layout_rules())
    >>> _cut_as_title(page, blocks[-1], blocks[:-1]), _cut_as_title(page, blocks[-1], blocks[:-1], signed_date=signed)
    (True, False)
    >>> page = "河道水质明显好转。\\n\\n护河志愿者的一天\\n\\n本报通讯员 赵文静\\n\\n清源区还把河长制"
    >>> blocks = segment(page, load_layout_rules())
    >>> [block.kind for block in blocks], _cut_as_title(page, blocks[-1], blocks[:-1])
    (['body', 'section', 'byline', 'section'], True)
    """
    if not before:
        return False
    introduced = text[before[-1].start : before[-1].end].strip()
    if text[: before[-1].end].rstrip()[-1:] in "：:" and not salutation.fullmatch(introduced):
        return False  # what a label introduces (图片： / a chart's title) is no paragraph
    tail = text[last.start : last.end].strip()
    earlier = [block for block in before if block.kind not in SET_APART]
    opening_byline = len(earlier) > 1 and earlier[-1] is before[-1] and earlier[-2].kind in TITLE_LIKE
    if opening_byline and earlier[-1].kind == "byline" and not HEADLINE_PARTS.search(tail):
        earlier.pop()  # the item's byline: its text follows, the headline before it is popped below
    source_cut = last.kind in SOURCE_LIKE and earlier[-1:] and earlier[-1].kind == "headline"
    if last.kind not in TITLE_LIKE and not source_cut:
        return False
    if earlier and earlier[-1].kind in TITLE_LIKE:
        signer = earlier.pop()  # the headline of the item whose first words the page cut, or a signer's name
        if signed_date.fullmatch(text[last.start : last.end].strip()) and signer is before[-1]:
            return False  # a name, then a bare date right after it: the article's signature
    if not earlier or earlier[-1].kind != BODY or (after and after[0].kind == "date"):
        return False
    if source_cut and dateline_alone.fullmatch(tail):
        return True
    if text[: earlier[-1].end].rstrip()[-1:] in OPENERS:
        return True  # the text before stops on an opening quote or bracket: the block is its sentence's rest
    return HAN_RUN.match(tail[-1:]) is not None or MARK_ONLY.fullmatch(tail) is not None or _number_cut(tail)


def _number_cut(block: str) -> bool:
    """Whether a block in a headline's shape stops on the digits of a count run straight on from its words, as a
    cut leaves them (…日前投资90, 据英国《金融时报》1): no headline ends an article's page, and the blocks that do end
    on a digit there hold spaces between their cells (a table's row: 合计 1234).

    >>> _number_cut("江西彭泽县日前投资90"), _number_cut("据英国《金融时报》1"), _number_cut("合计 1234")
    (True, True, False)
    """
    return NUMBER_CUT.search(block) is not None and not any(character.isspace() for character in block)


def _list_item(block: str) -> bool:
    """Whether a block is one short item of a numbered list, which often ends without punctuation;
    a long one, or one holding a sentence, may well be cut.

    >>> long_item = "1.今年全省粮食总产量达到四千九百亿公斤，再创历史最高水平，为实现目标"
    >>> _list_item("三、切实减轻农民负担"), _list_item(long_item)
    (True, False)
    """
    short = len(block) <= LIST_ITEM_LENGTH and not any(mark in block for mark in SENTENCE_END)
    return short and LIST_ITEM.match(block) is not None


def _dated_rows(text: str) -> bool:
    """Whether text ends on two lines that are rows of a schedule or a log, each opening on a date or a clock time and
    a full-width space: a table whose last row is whole, however it ends.

    >>> _dated_rows("附：活动日程\\n12月10日\u3000数字文化集市\\n12月12日\u3000闭幕式、颁奖典礼")
    True
    >>> _dated_rows("12月12日\u3000闭幕式、颁奖典礼"), _dated_rows("会议定于12月10日召开\\n12月12日闭幕，颁奖典")
    (False, False)
    >>> _dated_rows("1936年\u3000迁入新址。\\n1937年\u3000抗日战争全面爆发，学校")
    False
    """
    lines = [line for line in text.rstrip().split("\n") if line.strip()]
    # a row holding a clause's comma is an entry's sentence (1937年　抗日战争全面爆发，学校…), which a cut may stop
    return len(lines) >= 2 and all(DATED_ROW.match(line) for line in lines[-2:]) and "，" not in lines[-1]
