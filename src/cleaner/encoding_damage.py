"""Text whose encoding was damaged on its way into the archive: read when it can be read whole, or
else described precisely enough to be mended.

>>> cut_short("新华社北京电".encode()[:-1])
('新华社北京\\ufffd', 'utf-8, its last character cut off (read as U+FFFD)')
>>> "中国".encode().decode("cp1252")
'ä¸\xadå›½'
>>> unmangled("中国".encode().decode("cp1252"))
('中国', 'utf-8 mis-read as cp1252 and saved again')
"""

from __future__ import annotations

import re

CUT_SHORT = "utf-8, its last character cut off (read as U+FFFD)"
MANGLED = "utf-8 mis-read as cp1252 and saved again"

# Each character a byte becomes when UTF-8 is read as Windows' cp1252 (Latin-1 where cp1252 names no
# character: 0x81, 0x8D, 0x8F, 0x90, 0x9D come through as the C1 controls of the same number).
_BYTE_OF = {ord(bytes([b]).decode("cp1252", "ignore") or chr(b)): b for b in range(256)}
# none in text that is all mangled: its characters stand for bytes (cp1252's few beyond Latin-1, such
# as – and €, are punctuation)
_WIDE = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_HAN = re.compile("[\u4e00-\u9fff]")


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
    if text.isascii() or _WIDE.search(text):
        return None
    try:
        restored = text.translate(_BYTE_OF).encode("latin-1").decode("utf-8")
    except UnicodeError:  # a character no byte turns into, or bytes that are no UTF-8
        return None
    return (restored, MANGLED) if _HAN.search(restored) else None


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
