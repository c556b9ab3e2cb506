"""Bytes to text: UTF-8, a wide encoding its byte-order mark names (or UTF-16 without one), else a Chinese legacy
encoding detected; binary data refused.

>>> decode("魏都区深入开展专项行动，优化营商环境。".encode("gb18030"), "a.txt")
('魏都区深入开展专项行动，优化营商环境。', 'gb18030')
"""

from __future__ import annotations

from .encoding_damage import cut_short, unmangled, where_utf8_fails
from .errors import InputError
from .mixed_encodings import decode_mixed

# Encodings an archive of Chinese newspapers plausibly holds; anything else charset-normalizer
# proposes for such bytes is a guess we would rather refuse than silently mis-decode.
CHINESE_ENCODINGS = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
}
BINARY_SNIFF = 8192
# Byte-order marks of the wide encodings, longest first (UTF-32 LE's begins with UTF-16 LE's); the
# codecs named here drop the mark.
UNICODE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
MIN_DETECTION_BYTES = 24


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-8, or else detect a Chinese legacy encoding; refuse binary data. UTF-16
    and UTF-32 are read when a byte-order mark says so (Windows' "Unicode" text files), and UTF-16
    without one when its bytes decode to text (`_utf16_without_mark`). UTF-8 cut off inside its last
    character, or mis-read as cp1252 and saved again, is read as it was written (`encoding_damage`).

    >>> decode("臺灣報紙的掃描文字，需要清理與校對。".encode("big5"), "b.txt")[1]
    'big5'
    >>> decode("报纸".encode("utf-16"), "w.txt")
    ('报纸', 'utf-16')
    >>> decode(b"\\x00\\x01\\x02", "c.bin")
    Traceback (most recent call last):
    cleaner.errors.InputError: c.bin: is binary (it holds NUL bytes), not text; remove it or convert it to text
    >>> decode("第一版".encode() + bytes(4), "padded.txt")
    ('第一版\\x00\\x00\\x00\\x00', 'utf-8')
    """
    for bom, encoding in UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(
                    name,
                    f"starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()}; "
                    "convert it to UTF-8 and run again",
                ) from None
    if b"\x00" in data[:BINARY_SNIFF]:
        if (wide := _utf16_without_mark(data)) is not None:
            return wide
        binary = InputError(name, "is binary (it holds NUL bytes), not text; remove it or convert it to text")
        try:  # text with stray NULs (a file padded with them when a write was cut off): N106 deletes them
            text, encoding = _decode_narrow(data, name)
        except InputError:
            raise binary from None
        readable = text[: BINARY_SNIFF * 4].replace("\x00", "")
        if not readable.strip() or not _reads_as_text(readable[: BINARY_SNIFF // 2]):
            raise binary
        return text, encoding
    return _decode_narrow(data, name)


def _decode_narrow(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes of a one-byte-based encoding: UTF-8 (damaged too), else GB18030 or Big5.

    >>> _decode_narrow("第一版\\x00\\x00".encode("gb18030"), "a.txt")
    ('第一版\\x00\\x00', 'gb18030')
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return unmangled(text) or (text, "utf-8")
    if (cut := cut_short(data)) is not None:
        return cut
    if (mixed := decode_mixed(data, name, _candidate_encodings)) is not None:
        return mixed
    for encoding in _candidate_encodings(data):
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(
        name,
        f"cannot be decoded: not UTF-8 ({where_utf8_fails(data)}), nor GB18030 or Big5; convert it to UTF-8 "
        "(a file that mixes encodings, part by part) and run again",
    )


def _utf16_without_mark(data: bytes) -> tuple[str, str] | None:
    """Text in UTF-16 saved without a byte-order mark (some OCR exports, .NET's `Encoding.Unicode`
    streams), or None. Its line ends, spaces and digits put their NUL bytes on one side of each
    pair (一, U+4E00, puts one on the other); what it decodes to must read as text.

    >>> _utf16_without_mark("第一版\\r\\n本报讯 12月".encode("utf-16-le"))
    ('第一版\\r\\n本报讯 12月', 'utf-16-le')
    >>> _utf16_without_mark("第一版\\n".encode("utf-16-be"))[1], _utf16_without_mark(bytes(range(256)))
    ('utf-16-be', None)
    """
    if len(data) % 2:
        return None
    sample = data[:BINARY_SNIFF]
    likelier = (
        ("utf-16-le", "utf-16-be") if sample[1::2].count(0) >= sample[0::2].count(0) else ("utf-16-be", "utf-16-le")
    )
    for encoding in likelier:  # 一九九八 outweighs a few line ends; read the wrong way round, the text is no text
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text[: BINARY_SNIFF // 2]):
            return text, encoding
    return None


def _reads_as_text(text: str) -> bool:
    """Whether decoded characters read as a page: nine in ten Chinese, Latin, punctuation or
    symbols, and no control character but line ends and tabs.

    >>> _reads_as_text("第一版“新闻”①\\n"), _reads_as_text("\\ub065\\u4e00\\u0a00")
    (True, False)
    """
    if any(c < " " and c not in "\t\n\r\f" for c in text):
        return False
    readable = sum(c < "\u0100" or "\u2000" <= c < "\u2800" or "\u3000" <= c <= "\u9fff" or c >= "\uff00" for c in text)
    return readable >= 0.9 * len(text)


def _candidate_encodings(data: bytes) -> list[str]:
    """Chinese encodings to try: the detector's guesses first, then GB18030, the usual one.

    On a few bytes the detector guesses at random, so short inputs go straight to GB18030.
    """
    if len(data) < MIN_DETECTION_BYTES:
        return ["gb18030", "big5"]
    from charset_normalizer import from_bytes  # imported here: only legacy files need it

    guesses = [match.encoding for match in from_bytes(data[:65536])]
    ordered = [CHINESE_ENCODINGS[g] for g in guesses if g in CHINESE_ENCODINGS]
    return list(dict.fromkeys([*ordered, "gb18030", "big5"]))
