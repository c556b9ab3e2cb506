"""The normalize stage: width, punctuation, stray spaces, line endings and control characters.

Each rule is a small function from text to findings; `find` runs the enabled ones. The punctuation rules
N102 and N103 live in normalize_punctuation.py, which N104 asks too; the rules of stray spaces, N104 and N107, in
normalize_spaces.py.

>>> [f.replacement for f in fullwidth_alphanumerics("１２月")]
['12']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial

from ..edits import apply_findings
from ..model import Finding
from ..patterns import (
    ALNUM_TO_HALF,
    CODE_LINE,
    CONTROL,
    CRLF,
    FULLWIDTH_ALNUM,
    HAN_CLASS,
    OTHER_LINE_BREAKS,
    PRIVATE_USE,
    PROSE_PUNCT,
    SCORE_LINE,
    UNREADABLE,
)
from ..pipeline import Context
from .layout import layout_rules
from .normalize_misread_marks import (
    MODEL_READING_RULES,
    doubled_title_close,
    model_reading_rules,
    spaced_halfwidth_marks,
)
from .normalize_ocr_figures import decimal_point_read_as_comma
from .normalize_ocr_habits import OCR_HABIT_RULES, ocr_habit_rules
from .normalize_paragraph_stops import stop_read_as_hyphen
from .normalize_punctuation import halfwidth_parentheses, halfwidth_punctuation, misread_parentheses
from .normalize_question_marks import question_mark_read_as_seven
from .normalize_spaces import letter_spaced, space_between_han

# A commentary sets a hollow square before its author's name, alone on a line (□ 庞 然, □本报评论员 李 明): a
# typographic mark, not a character OCR could not read. A space or the author's post (N108's `author_post`) must
# follow it.
AUTHOR_NAME = r"(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff][ \t\u3000]{1,2}[\u4e00-\u9fff])[ \t\u3000]*$"
# A form's checkboxes: a hollow square after its option before a space and the next option or the line's end, or
# after a space or the line's start before its option (是否离开本区：是□　否□, □同意　□不同意); two or more on a line,
# and no other square there, are boxes to tick, not characters OCR could not read, which fall inside words and
# figures (增长□.5%, 新年□话, 完成□ 亿元).
CHECKBOX = re.compile(
    f"(?<=[{HAN_CLASS}])□(?=[ \\t\\u3000]+[{HAN_CLASS}]|[ \\t\\u3000]*$)|(?:^|(?<=[ \\t\\u3000]))□(?=[{HAN_CLASS}])",
    re.MULTILINE,
)
CHECKBOXES_ON_A_LINE = 2
BOX_LINE = re.compile(r"[^\n]*□[^\n]*")
# A vertical bar left inside prose by a column rule the scan caught: one bar between two Han characters.
STRAY_BAR = re.compile(f"(?<=[{HAN_CLASS}])[|｜](?=[{HAN_CLASS}])")
BARS = "|｜"
# Any character the cleanup rules (N105's CRLF and OTHER_LINE_BREAKS, N106's CONTROL) read: a page holding none, most,
# is spared their three scans by one (a class searched alone scans faster than one repeated, `[…]+`)
CLEANUP_CHARACTER = re.compile(
    "[\r\x0b\x0c\x85\u2028\u2029\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200d\u2060\ufeff]"
)


def fullwidth_alphanumerics(text: str) -> Iterator[Finding]:
    """N101: full-width letters and digits become half-width.

    >>> [(f.start, f.end, f.replacement) for f in fullwidth_alphanumerics("１９９８年")]
    [(0, 4, '1998')]
    """
    for match in FULLWIDTH_ALNUM.finditer(text):
        yield Finding("N101", match.start(), match.end(), "全角字母或数字改为半角", match[0].translate(ALNUM_TO_HALF))


def author_mark(author_post: str) -> re.Pattern[str]:
    """The hollow square a commentary sets before its author's name alone on a line, after a space or the author's
    post (`author_post`, N108's: 本报评论员).

    >>> mark = author_mark("(?:评论员)[ ]*")
    >>> [m.start() for m in mark.finditer("□ 庞 然\\n□评论员 李 明\\n□体健康")]
    [0, 6]
    """
    return re.compile(
        rf"^[ \t\u3000]*□(?=(?:[ \t\u3000]+(?:{author_post})?|[ \t\u3000]*{author_post}){AUTHOR_NAME})", re.MULTILINE
    )


def _checkboxes(text: str) -> set[int]:
    """Where a form's checkboxes stand (`CHECKBOX`): lines whose every hollow square is one, two or more of them.

    >>> sorted(_checkboxes("是否离开本区：是□　否□\\n增长□.5%，□ 庞 然"))
    [8, 11]
    """
    boxes: set[int] = set()
    for line in BOX_LINE.finditer(text):
        found = [match.start() for match in CHECKBOX.finditer(text, line.start(), line.end())]
        if len(found) >= CHECKBOXES_ON_A_LINE and len(found) == line[0].count("□"):
            boxes.update(found)
    return boxes


def unreadable_characters(text: str, author_post: str = "(?!)") -> Iterator[Finding]:
    """N108: flag the marks an OCR engine leaves for a character it could not read (□, 〓, �, or a private-use
    code point, which shows as nothing or as a box in any font but the engine's), but not the hollow square before
    an author's name (`author_mark`) nor a form's checkboxes (`_checkboxes`).

    >>> [(f.start, f.end, f.replacement) for f in unreadable_characters("财政收入完成〓〓亿元")]
    [(6, 8, None)]
    >>> page = "抓落实\\n\\n□ 庞 然\\n\\n□本报评论员 李 明\\n\\n□体健康"
    >>> [f.start for f in unreadable_characters(page, "本报评论员[ ]*")]
    [24]
    """
    if "□" not in text and "〓" not in text and "\ufffd" not in text and not PRIVATE_USE.search(text):
        return  # substring tests are far quicker than the pattern
    author_marks = {match.start() for match in author_mark(author_post).finditer(text)} if "□" in text else set()
    boxes = _checkboxes(text) if "□" in text else set()
    for match in UNREADABLE.finditer(text):
        if match.group() == "□" and (match.start() in author_marks or match.start() in boxes):
            continue
        message = f"无法识别的字符“{match.group()}”（{len(match.group())} 个）：请对照原件补全"
        yield Finding("N108", match.start(), match.end(), message, None, 1.0)


def stray_bar(text: str) -> Iterator[Finding]:
    """N109: a lone vertical bar between two Han characters of a prose line, left by a column rule, is removed.

    Only on a line holding sentence punctuation (prose, not a table's row or a heading) and no other bar:
    a table or a list that parts its cells with bars has two on a row or more.

    >>> [(f.start, f.end) for f in stray_bar("准，协商才有|针对性，成果才能")]
    [(6, 7)]
    >>> list(stray_bar("地区|产值|增长，其中"))
    []
    """
    if "|" not in text and "｜" not in text:  # a substring test is far quicker
        return
    for match in STRAY_BAR.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if sum(line.count(bar) for bar in BARS) == 1 and PROSE_PUNCT.search(line):
            yield Finding("N109", match.start(), match.end(), "删除正文汉字之间残留的栏线“|”", "", 0.9)


def line_endings(text: str) -> Iterator[Finding]:
    """N105: CRLF and lone CR become LF, and so does a form feed, vertical tab or Unicode line
    separator between two lines; beside a line break it is dropped. Deleted outright, as control
    characters, they glued the last line of a page to the first of the next.

    >>> [(f.start, f.end, f.replacement) for f in line_endings("a\\r\\nb\\fc\\n\\fd")]
    [(1, 3, '\\n'), (4, 5, '\\n'), (7, 8, '')]
    """
    findings = [Finding("N105", m.start(), m.end(), "换行符统一为 \\n", "\n") for m in CRLF.finditer(text)]
    for match in OTHER_LINE_BREAKS.finditer(text):
        start, end = match.span()
        between_lines = start > 0 and end < len(text) and text[start - 1] not in "\r\n" and text[end] not in "\r\n"
        findings.append(Finding("N105", start, end, "换行符统一为 \\n", "\n" if between_lines else ""))
    yield from sorted(findings, key=lambda finding: finding.start)


def control_characters(text: str) -> Iterator[Finding]:
    """N106: a BOM, zero-width and control characters are removed.

    >>> [(f.start, f.end) for f in control_characters("\\ufeff标题")]
    [(0, 1)]
    >>> cleanup = (CRLF, OTHER_LINE_BREAKS, CONTROL)  # what CLEANUP_CHARACTER stands for, character by character
    >>> read = [chr(c) for c in range(0x10000) if any(p.search(chr(c)) for p in cleanup)]
    >>> read == [chr(c) for c in range(0x10000) if CLEANUP_CHARACTER.match(chr(c))]
    True
    """
    for match in CONTROL.finditer(text):
        yield Finding("N106", match.start(), match.end(), "删除控制字符、字节顺序标记或零宽字符", "")


# Rules that repair the text other rules look at: they run first, on a view without
# CR or control characters, so a second cleaning finds nothing left to do.
CLEANUP_RULES: dict[str, Callable[[str], Iterator[Finding]]] = {
    "N105": line_endings,
    "N106": control_characters,
}
TEXT_RULES: dict[str, Callable[[str], Iterator[Finding]]] = {
    "N101": fullwidth_alphanumerics,
    "N102": halfwidth_punctuation,
    "N103": halfwidth_parentheses,
    "N107": letter_spaced,
    "N108": unreadable_characters,
    "N109": stray_bar,
    "N110": misread_parentheses,
    **OCR_HABIT_RULES,
    "N115": decimal_point_read_as_comma,
    "N116": spaced_halfwidth_marks,
    "N117": doubled_title_close,
    **MODEL_READING_RULES,
    "N120": question_mark_read_as_seven,
    "N121": stop_read_as_hyphen,
}


def find(text: str, context: Context) -> list[Finding]:
    """Run every enabled normalize rule over `text`.

    >>> from cleaner.pipeline import Context
    >>> [f.rule for f in find("１月,好", Context.default())]
    ['N101', 'N102']
    >>> [(f.rule, f.start) for f in find("日\\x00,风", Context.default())]
    [('N106', 1), ('N102', 2)]
    """
    enabled = context.rules.enabled
    cleanup = (
        [finding for rule_id, rule in CLEANUP_RULES.items() if enabled(rule_id) for finding in rule(text)]
        if CLEANUP_CHARACTER.search(text)
        else []
    )
    view = apply_findings(text, cleanup, min_confidence=0.0) if cleanup else None
    view_text = view.text if view else text
    option = context.rules.option
    # the rules that read word lists of rules/normalize.toml, given them
    worded: dict[str, Callable[[str], Iterator[Finding]]] = {
        "N102": partial(halfwidth_punctuation, time_format=re.compile(option("N102", "time_format", "(?!)"))),
        "N107": partial(
            letter_spaced,
            byline=re.compile(option("N107", "byline", "(?!)")),
            grid_row=re.compile(option("N107", "grid_row", "(?!)")),
        ),
        "N108": partial(unreadable_characters, author_post=option("N108", "author_post", "(?!)")),
        "N110": partial(
            misread_parentheses,
            credit=re.compile(option("N110", "credit", "(?!)")),
            title_after=re.compile(option("N110", "title_after", "(?!)")),
        ),
        **ocr_habit_rules(context),
        **model_reading_rules(context),
        "N120": partial(question_mark_read_as_seven, question_word=option("N120", "question_word", "(?!)")),
    }
    findings = [
        finding
        for rule_id, rule in TEXT_RULES.items()
        if enabled(rule_id)
        for finding in worded.get(rule_id, rule)(view_text)
    ]
    if enabled("N104"):
        # a letter-spaced line (N107) loses all its spaces in one change: N104 has nothing left there
        spaced = [(f.start, f.end) for f in findings if f.rule == "N107"]
        findings.extend(
            f
            for f in space_between_han(
                view_text,
                context.rules.option("N104", "confidence", 0.9),
                layout_rules(context).standalone,
                re.compile(context.rules.option("N104", "dateline", "(?!)")),
                re.compile(context.rules.option("N104", "entry_code", "(?!)")),
            )
            if not any(start <= f.start and f.end <= end for start, end in spaced)
        )
    if view:
        findings = [
            replace(f, start=s, end=e) for f in findings for s, e in [view.offset_map.to_source_span(f.start, f.end)]
        ]
    if not may_hold_program_or_score(text):
        return cleanup + findings
    return cleanup + [f for f in findings if not in_program_or_score_line(text, f.start, f.end)]


def may_hold_program_or_score(text: str) -> bool:
    """Whether `text` holds what `in_program_or_score_line` needs: a line opening on four spaces or a tab
    (`patterns.CODE_LINE`) or a bar line (`patterns.SCORE_LINE`); a page holding neither keeps all its findings, unread
    line by line.

    >>> may_hold_program_or_score("他说，好。\\n  是的。"), may_hold_program_or_score("代码：\\n    print(1)")
    (False, True)
    >>> may_hold_program_or_score("5 5 3 | 2 1 2 |"), may_hold_program_or_score("\\tx = 1")
    (True, True)
    """
    return any(cue in text for cue in ("|", "‖", "\t", "\n    ")) or text.startswith("    ")


def in_program_or_score_line(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` lies inside a line of a program a column prints (`patterns.CODE_LINE`), whose
    colons, brackets and spaces are the program's, or inside a song's line in numbered notation
    (`patterns.SCORE_LINE`) or the words under one, spaced to its notes: not prose to set as prose.

    >>> page = '输出为：\\n\\n    print(jieba.lcut("我爱北京"))'
    >>> in_program_or_score_line(page, page.index("("), page.index("(") + 1), in_program_or_score_line(page, 3, 4)
    (True, False)
    >>> song = "5 5 3 | 2 1 2 |\\n小小竹排 江中游，\\n\\n两岸 青山"
    >>> space = song.index(" 江")
    >>> [in_program_or_score_line(song, at, at + 1) for at in (1, space, song.index(" 青"))]
    [True, True, False]
    """
    if "\n" in text[start:end]:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text.startswith(("    ", "\t"), line_start) and CODE_LINE.fullmatch(text, line_start, line_end):
        return True
    if SCORE_LINE.fullmatch(text, line_start, line_end):
        return True
    above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    return line_start > 0 and SCORE_LINE.fullmatch(text, above, line_start - 1) is not None
