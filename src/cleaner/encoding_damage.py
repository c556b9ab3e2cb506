"""Text whose encoding was damaged on its way into the archive: read when it can be read whole, or
else described precisely enough to be mended.

>>> cut_short("新华社北京电".encode()[:-1])
('新华社北京\\ufffd', 'utf-8, its last character cut off (read as U+FFFD)')
>>> "中国".encode().decode("cp1252")
'ä¸\xadå›½'
>>> unmangled("中国".encode().decode("cp1252"))
('中国', 'utf-8 mis-read as cp1252 and saved again')
>>> unmangled("新华社北京电".encode().decode("gb18030"))
('新华社北京电', 'utf-8 mis-read as GBK and saved again')
"""

from __future__ import annotations

import re
from functools import cache

from .patterns import BASIC_HAN, BASIC_HAN_RUN

CUT_SHORT = "utf-8, its last character cut off (read as U+FFFD)"
MANGLED = "utf-8 mis-read as cp1252 and saved again"
MANGLED_GBK = "utf-8 mis-read as GBK and saved again"
# Mis-read as GBK, UTF-8 Chinese becomes rare characters (鏂囦欢 for 文件): on the People's Daily
# articles the common share of Han characters (`common_share`) is 0.98 or more, of the same articles
# mangled 0.44 or less. Text is repaired only from below the first mark into above the second.
MANGLED_SHARE = 0.6
REPAIRED_SHARE = 0.9
# At most this share of the repaired characters lost with bytes the GBK reading dropped: a reading
# that replaced each byte it could not pair (Python's errors="replace") lost 3% to 17% of each article.
LOST_SHARE = 0.25
MIN_MANGLED_HAN = 4
SHARE_SAMPLE = 4096

# Each character a byte becomes when UTF-8 is read as Windows' cp1252 (Latin-1 where cp1252 names no
# character: 0x81, 0x8D, 0x8F, 0x90, 0x9D come through as the C1 controls of the same number).
_BYTE_OF = {ord(bytes([b]).decode("cp1252", "ignore") or chr(b)): b for b in range(256)}
# none in text that is all mangled: its characters stand for bytes (cp1252's few beyond Latin-1, such
# as – and €, are punctuation)
_WIDE = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_LOST_RUN = re.compile("\ufffd+")


@cache
def common_characters() -> frozenset[str]:
    """The common Han characters: GB2312's first level (3,755, simplified) and Big5's (5,401, traditional).

    >>> {"中", "國", "鏂", "崕"} & common_characters() == {"中", "國"}
    True
    """
    pairs = [(bytes([lead, trail]), "gb2312") for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)]
    pairs += [
        (bytes([lead, trail]), "big5")
        for lead in range(0xA4, 0xC7)
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF))
        if (lead, trail) <= (0xC6, 0x7E)
    ]
    return frozenset(pair.decode(encoding, "ignore") for pair, encoding in pairs) - {""}


def common_share(text: str) -> float:
    """The share of common characters among the Han characters of TEXT's start (1.0 without any).

    >>> common_share("新华社北京电"), round(common_share("鏂板崕绀惧寳浜"), 2), common_share("abc")
    (1.0, 0.29, 1.0)
    """
    sample = text[:SHARE_SAMPLE]
    # counted run by run: a list of every Han character, each tested alone, took three times as long
    han = sum(map(len, BASIC_HAN_RUN.findall(sample)))
    return sum(map(len, _common_run().findall(sample))) / han if han else 1.0


@cache
def _common_run() -> re.Pattern[str]:
    """A run of the common characters that `common_share` counts: those of the basic block, which BASIC_HAN reads.

    >>> _common_run().findall("中國鏂a华")
    ['中國', '华']
    """
    return re.compile(f"[{''.join(sorted(c for c in common_characters() if BASIC_HAN.fullmatch(c)))}]+")


def cut_short(data: bytes) -> tuple[str, str] | None:
    """UTF-8 whose last character was cut off (a copy or a download that stopped early), or None.

    The lost character's remaining bytes cannot be read; they become U+FFFD, which normalize flags
    (N108) for a reader to restore from the scan. Text before them must hold UTF-8 beyond ASCII: a
    GBK character at the end of ASCII text can look like a cut UTF-8 one.

    >>> cut_short(b"abc\\xe4\\xb8"), cut_short("中".encode() * 2 + b"\\xff")
    (None, None)
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and not data[: error.start].isascii():
            return data[: error.start].decode("utf-8") + "\ufffd", CUT_SHORT
        return None
    return None


def unmangled(text: str) -> tuple[str, str] | None:
    """Text that is UTF-8 read as cp1252 (or Latin-1) and saved as UTF-8 again ('ä¸­å›½' for 中国),
    read back as it was written; or None for any other text.

    Only text that holds no Chinese, Japanese or Korean character nor full-width form (mangled
    Chinese is all Latin letters and symbols) is tried, and only a reading into Chinese that is
    valid UTF-8 in every byte is taken: Latin text (café) is no valid UTF-8 once turned back into bytes.

    >>> unmangled("新华社北京电。".encode().decode("latin-1"))[0]
    '新华社北京电。'
    >>> unmangled("café crème"), unmangled("新华社")
    (None, None)
    """
    if text.isascii():
        return None
    if _WIDE.search(text):
        return _unmangled_gbk(text)
    try:
        restored = text.translate(_BYTE_OF).encode("latin-1").decode("utf-8")
    except UnicodeError:  # a character no byte turns into, or bytes that are no UTF-8
        return None
    return (restored, MANGLED) if BASIC_HAN.search(restored) else None


def _unmangled_gbk(text: str) -> tuple[str, str] | None:
    """Text that is UTF-8 read as GBK (or GB18030) and saved as UTF-8 again (鏂囦欢 for 文件), read
    back as it was written; or None for any other text.

    Only text whose Han characters are mostly rare is tried, and the reading is taken only when it
    is mostly common characters: correct text, rare characters too, is left as it is. Bytes the
    GBK reading could not pair were lost (U+FFFD, or nothing at all): each run of characters they
    leave unreadable becomes one U+FFFD, which normalize flags (N108), and so may a few alone.

    >>> _unmangled_gbk("中华人民共和国成立了。".encode().decode("gbk", "replace"))[0]
    '\ufffd华人民共和国成立了\ufffd'
    >>> _unmangled_gbk("饕餮之徒，魑魅魍魉。"), _unmangled_gbk("鏂囦")
    (None, None)
    """
    # the share first: it reads the text's start only, and settles almost every page (correct text is common characters)
    if common_share(text) >= MANGLED_SHARE:
        return None
    han = BASIC_HAN.findall(text)
    if len(han) < MIN_MANGLED_HAN:
        return None
    # a byte no GBK reading paired (U+FFFD) becomes 0xFF, never UTF-8, so its neighbours' lost character shows;
    # encoded whole: a loop over the characters took twenty times as long (a second for a file of 700 kB)
    mended = text.replace("\ufffd", "\udcff").encode("gb18030", "surrogateescape")
    restored = _LOST_RUN.sub("\ufffd", mended.decode("utf-8", "replace"))
    lost = restored.count("\ufffd")
    if lost > LOST_SHARE * len(restored) or common_share(restored) < REPAIRED_SHARE:
        return None
    if len(BASIC_HAN.findall(restored)) < len(han) / 2:  # three bytes of a Han character are read as one and a half
        return None
    return restored, MANGLED_GBK


def where_utf8_fails(data: bytes) -> str:
    """Where bytes stop being UTF-8, as an editor shows it: the byte, its line and its column.

    >>> where_utf8_fails("第一行\\n第二".encode() + b"\\xff")
    'byte 0xFF at line 2, column 3'
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        line = data.count(b"\n", 0, error.start) + 1
        return f"byte 0x{data[error.start]:02X} at line {line}, column {column}"
    return "nowhere"
