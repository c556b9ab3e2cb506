"""Compiled patterns and character classes shared by the stages, built once at import.

>>> bool(HAN.fullmatch("魏")), bool(HAN.fullmatch("a"))
(True, False)
>>> "Ｂ２，１２．５％".translate(ALNUM_TO_HALF), "１２．５".translate(NUMBER_TO_HALF)
('B2，12．5％', '12.5')
>>> "９．３％（预计）".translate(FULL_TO_HALF_BUT_PROSE_MARKS), HALF_TO_FULL_PROSE_MARKS["("]
('9.3%（预计）', '（')
"""

from __future__ import annotations

import re

HAN_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
# a run of the basic block's Han characters only (U+4E00-U+9FFF): the words of a figure's label, as the figures
# stages have always read them
BASIC_HAN_RUN = re.compile("[\u4e00-\u9fff]+")
# one of the basic block's Han characters: the block GBK's and Big5's common characters lie in (encoding_damage)
BASIC_HAN = re.compile("[\u4e00-\u9fff]")

# Punctuation that closes a sentence, in both widths, and what may trail it (quotes, brackets; a play's stage
# direction sits in square brackets: ［幕启。老旧小区楼道口。］).
SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》】］"
OPENERS = "“‘「『（(《【［"
CJK_PUNCT = "，。、；：？！…—“”‘’「」『』（）《》【】［］·"
# A colon or semicolon closes a clause short of its sentence's end. A sentence or a clause stops at STOPS: a sentence's
# closing punctuation, what may trail it (quotes, brackets), a colon or a semicolon.
SEMI_ENDS = "：:；;"
STOPS = SENTENCE_END + CLOSERS + SEMI_ENDS

# Full-width forms (U+FF01-U+FF5E) to their half-width twins, 0xFEE0 below: the one width table, for str.translate.
# Each user folds a named part of it: what it leaves out stays full width on purpose.
FULL_TO_HALF: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# The half-width marks Chinese prose prints full width, which normalize turns so between Chinese text (N102: , ; : ! ?;
# N103: parentheses); a fold that keeps Chinese punctuation leaves their full-width twins alone.
PROSE_MARKS = ",;:!?()"
HALF_TO_FULL_PROSE_MARKS = {chr(half): chr(code) for code, half in FULL_TO_HALF.items() if chr(half) in PROSE_MARKS}
# letters and digits only (N101, and what an alignment compares: width is no misreading)
ALNUM_TO_HALF = {code: half for code, half in FULL_TO_HALF.items() if chr(half).isascii() and chr(half).isalnum()}
# digits and the decimal point: what a figure's value is read from (１２．５ is 12.5)
NUMBER_TO_HALF = {code: half for code, half in FULL_TO_HALF.items() if chr(half) in "0123456789."}
# everything but the prose marks: digits, letters and signs set half width, Chinese punctuation kept (９．３％（预计）)
FULL_TO_HALF_BUT_PROSE_MARKS = {code: half for code, half in FULL_TO_HALF.items() if chr(half) not in PROSE_MARKS}
FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
# A Latin letter or digit of either width
ALNUM = re.compile("[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")
# A web or mail address, or a run of its characters on either side of a break: it holds no space, so a
# line break inside one is joined with none (ww|w.example.cn), while one between English words needs one.
ADDRESS_CHARS = re.compile(r"[A-Za-z0-9.:/@_%?=&#~+-]+")
ADDRESS = re.compile(r"(?i)https?://|www\.|@\w|\w\.(?:com|cn|net|org|gov|edu|info)\b")
# A half-width mark before Chinese (or the end of a line); what stands on its left is checked
# by the rule, across line breaks, since a later stage may join them.
HALFWIDTH_PUNCT = re.compile(f"[,;:!?](?=[{HAN_CLASS}“‘（《(]|[ \\t]*$)", re.M)
# A half-width mark between Chinese and a number, in Chinese prose: 电话:010, 11:30,地点, 1.0%;深证.
# Between two digits it is part of the number (4,125.8, 8:30), and before Latin letters it may be English.
# (the mark first: a pattern opening on a look-behind is tried at every position of the text)
NUMBER_PUNCT = re.compile(f"[,;:](?:(?<=[{HAN_CLASS}].)(?=[0-9０-９])|(?<=[0-9０-９%％‰][,;])(?=[{HAN_CLASS}]))")
# Half-width parentheses count as their full-width twins: N103 turns them so in the same pass.
CHINESE_LEFT = re.compile(f"[{HAN_CLASS}{CJK_PUNCT})]")
HALFWIDTH_PARENS = re.compile(f"\\(([^()\\n]*[{HAN_CLASS}][^()\\n]*)\\)")
# (the space comes first and the look-behind after it: a pattern opening on a look-behind is tried at every
# position, one opening on a character class only where that class matches, about five times quicker)
HAN_SPACE_HAN = re.compile(f"[ \\t\\u3000](?<=[{HAN_CLASS}][ \\t\\u3000])[ \\t\\u3000]*(?=[{HAN_CLASS}])")
# A line of four or more pieces parted by single spaces: a letter-spaced line when the pieces are mostly
# single Chinese characters (a headline set 魏 都 区 召 开, or an OCR engine's spaced-out prose); table
# cells, parted by two spaces or more, never make one.
SPACED_LINE = re.compile(r"^[ \t\u3000]*(?P<run>[^\s]+(?:[ \u3000][^\s]+){3,})[ \t\u3000]*$", re.M)
SINGLE_SPACE = re.compile("[ \u3000]")
# A space before a Chinese character: a line without one is no letter-spaced line (the space first, as
# spaces are rare: the search skips to them)
SPACE_BEFORE_CJK = re.compile(f"[ \\u3000](?=[{HAN_CLASS}{CJK_PUNCT}])")
CJK_CHARACTER = re.compile(f"[{HAN_CLASS}{CJK_PUNCT}]")
# Marks an OCR engine or a converter puts where it could not read a character: □, 〓 (the geta mark), �.
# and the private-use code points old OCR engines and fonts put where a glyph had no Unicode character
UNREADABLE = re.compile("[□〓\ufffd\ue000-\uf8ff]+")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# Chinese numerals, the digits of numbers written out (一九九八年) and counts (三封信)
NUMERALS = "〇零一二三四五六七八九十百千万亿两"
# An item of a numbered list, by its number: 一、 （二） 3. ④
LIST_ITEM = re.compile(
    r"^([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[．.、]\D|[①-⑳])"
)
# A prose paragraph has sentence punctuation (or half-width marks that normalize turns into it).
PROSE_PUNCT_CHARS = "，。；！？"
PROSE_PUNCT = re.compile(f"[{PROSE_PUNCT_CHARS}]")
# the same marks, half-width ones too (before normalize has run): a line holding one is running text. A colon
# does not count, it splits many a headline (上海：查补税款三亿元), nor does the enumeration comma: a title opens on
# one (一、坚持改革开放) or lists names with it (总书记、国家主席江泽民)
PROSE_MARK = re.compile(f"[{PROSE_PUNCT_CHARS},;!?]")
BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")
# A run of any whitespace, line breaks too: what a text is compared without (a clause's words across its wraps)
WHITESPACE = re.compile(r"\s+")
# A single line break, not part of a blank line: where a hard-wrapped column goes on to its next line
SINGLE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")
CRLF = re.compile(r"\r\n?")
# Other characters that end a line: a form feed (a page break), a vertical tab (Word's manual line
# break), NEL and Unicode's line and paragraph separators
OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]+")
# C0/C1 controls other than tab and the line breaks, plus zero-width characters OCR engines leave behind.
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200d\u2060\ufeff]+")
# A line of a program a column prints (indented by four half-width spaces or a tab, opening on an ASCII character,
# any Han only inside its string literals: print(jieba.lcut("我爱北京天安门"))): no prose, its marks, brackets and
# breaks are the program's own
CODE_LINE = re.compile(
    f"^(?: {{4,}}|\\t+)[!-~](?:[^\\n\"'{HAN_CLASS}]|\"[^\"\\n]*\"|'[^'\\n]*')*$",
    re.MULTILINE,
)
# A line of a song in numbered notation (简谱: 5 5 3 | 2 1 2 | 3 5 3 2 | 1 — |): the digits 0-7 a note each, spaced,
# parted by bar lines; its spaces are the score's, and the line under it is the words sung to it
SCORE_LINE = re.compile(r"^(?=[^\n]*[|‖])(?=(?:[^\n]*[0-7]){3})[0-7 \t\u3000|‖—\-·.:]+$", re.MULTILINE)
