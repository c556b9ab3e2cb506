"""The characters a pattern cannot match without: a cheap first test before a dear pattern.

A block class's or a running head's patterns are long alternations tried on every line of a page, and almost every
line fails them all. Each of their matches holds at least one character of a small set (a 版, a 报, a digit, a
space), read off the pattern's syntax: a line holding none of them cannot match, and one scan of a character class
says so. A pattern that needs no such small set (one alternative made only of broad classes) gets no test.

>>> needs = needed_characters(r"^(下转|上接)第\\d+版$|^\\S{2,10}(日报|晚报)$")
>>> needs.pattern
'[报版]'
>>> needs.search("这是一行正文，没有报头") is not None, needs.search("这是一行正文") is None
(True, True)
>>> needed_characters(r"^[\\u4e00-\\u9fff]{2,4}$") is None  # any Han character: no cheaper than the pattern
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# The parser and its opcodes: the only reading of a pattern's syntax the standard library has. They are private
# (Python 3.11-3.13 have them); where a later Python moves them, every pattern simply gets no pre-test.
try:
    import re._constants as sre
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - only on a Python that moved them
    sre = sre_parse = None  # type: ignore[assignment]

# A needed set is worth a test only while it stays this small (ranges counted character by character), or holds
# digits or spaces, which most lines of running text lack; a set any broader passes almost every line.
MOST_CHARACTERS = 64
CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s"} if sre else {}
# flags under which a literal stands for more than itself: a pattern using them gets no test
CASELESS = sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_LOCALE if sre else 0

# A needed set: the literal characters (code points), the ranges and the categories of one character class.
Needed = frozenset[tuple[Any, Any]]


def needed_characters(pattern: str) -> re.Pattern[str] | None:
    """A character class every match of `pattern` holds a character of, compiled, or None where none is small.

    >>> needed_characters("(?i)版").__class__.__name__, needed_characters("a?b*").__class__.__name__
    ('NoneType', 'NoneType')
    >>> needed_characters(r"(?:[（(]|第)\\s*\\d").pattern
    '[(第（]'
    >>> needed_characters(r"^[-—\\s]*\\d{1,3}[-—\\s]*$").pattern  # a page number: the digits
    '[\\\\d]'
    """
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    needed = _needed(parsed)
    if needed is None:
        return None
    return re.compile("[" + "".join(sorted(_class_item(op, av) for op, av in needed)) + "]")


def _parsed(pattern: str) -> list[tuple[Any, Any]] | None:
    """The parsed items of `pattern`, or None where they cannot be read character by character: no parser in this
    Python, a pattern that does not compile, or one that ignores case."""
    if sre_parse is None:
        return None
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    return None if parsed.state.flags & CASELESS else list(parsed.data)


def _needed(items: list[tuple[Any, Any]]) -> Needed | None:
    """The smallest needed set of any item of a sequence (each item's match is part of the sequence's); of sets as
    small, the last: a heading's pattern ends on what names it (第3版, 日报), after words any line may hold."""
    best: Needed | None = None
    for op, av in items:
        needed = _needed_by(op, av)
        if needed is not None and (best is None or _breadth(needed) <= _breadth(best)):
            best = needed
    return best


def _needed_by(op: Any, av: Any) -> Needed | None:
    """What one parsed item needs: a literal itself, a class its members, a group or a repeat of at least one
    what it holds, an alternation what all its branches need together; anything else nothing."""
    if op is sre.LITERAL:
        return frozenset({(sre.LITERAL, av)})
    if op is sre.IN:
        return (
            _small(frozenset(av))
            if all(item[0] in (sre.LITERAL, sre.RANGE) or _category(item) for item in av)
            else None
        )
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, inner = av
        return _needed(inner.data) if low >= 1 else None
    if op is sre.SUBPATTERN:
        _, add_flags, _, inner = av
        return None if add_flags & CASELESS else _needed(inner.data)
    if op is sre.ATOMIC_GROUP:
        return _needed(av.data)
    if op is sre.BRANCH:
        union: set[tuple[Any, Any]] = set()
        for branch in av[1]:
            needed = _needed(branch.data)
            if needed is None:
                return None
            union |= needed
        return _small(frozenset(union))
    return None


def _category(item: tuple[Any, Any]) -> bool:
    return item[0] is sre.CATEGORY and item[1] in CATEGORIES


def _breadth(needed: Needed) -> int:
    """How many characters a needed set holds (a category counts as the largest set allowed)."""
    return sum(
        av[1] - av[0] + 1 if op is sre.RANGE else MOST_CHARACTERS if op is sre.CATEGORY else 1 for op, av in needed
    )


def _small(needed: Needed) -> Needed | None:
    return (
        needed
        if sum(av[1] - av[0] + 1 for op, av in needed if op is sre.RANGE) + len(needed) <= MOST_CHARACTERS
        else None
    )


def _class_item(op: Any, av: Any) -> str:
    """One member of a needed set as it is written inside a character class."""
    if op is sre.CATEGORY:
        return CATEGORIES[av]
    if op is sre.RANGE:
        return f"{_escaped(av[0])}-{_escaped(av[1])}"
    return _escaped(av)


def _escaped(code: int) -> str:
    character = chr(code)
    return "\\" + character if character in "\\]^-[" else character if character.isprintable() else f"\\U{code:08x}"


def readable_characters(pattern: str) -> frozenset[str] | None:
    """Every character a match of `pattern` may hold, read off its syntax; None where a broad item (`.`, `\\w`, a
    negated class) or syntax not read here lets it hold almost any. Lookarounds count as read (a superset is safe).

    >>> sorted(readable_characters(r"(?P<n>[0-2]+)(?:至|到)?(?=[个名])(个|名|人次)"))
    ['0', '1', '2', '个', '人', '到', '名', '次', '至']
    >>> readable_characters(r"\\d+."), readable_characters("[^，]+")
    (None, None)
    """
    parsed = _parsed(pattern)
    codes: set[int] = set()
    return frozenset(map(chr, codes)) if parsed is not None and _read(parsed, codes) else None


def _read(items: list[tuple[Any, Any]], codes: set[int]) -> bool:
    """Add to `codes` what the parsed `items` may read; False at an item that may read almost anything."""
    for op, av in items:
        if op is sre.LITERAL:
            codes.add(av)
        elif op is sre.IN:
            for member, value in av:
                if member is sre.LITERAL:
                    codes.add(value)
                elif member is sre.RANGE:
                    codes.update(range(value[0], value[1] + 1))
                else:  # a negation or a category
                    return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if not _read(av[2].data, codes):
                return False
        elif op is sre.SUBPATTERN:
            if av[1] & CASELESS or not _read(av[3].data, codes):
                return False
        elif op is sre.ATOMIC_GROUP:
            if not _read(av.data, codes):
                return False
        elif op is sre.BRANCH:
            if not all(_read(branch.data, codes) for branch in av[1]):
                return False
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if not _read(av[1].data, codes):
                return False
        elif op not in (sre.AT, sre.GROUPREF):  # an anchor reads nothing, a back reference what its group read
            return False
    return True


def anchored(pattern: str) -> bool:
    """Whether every match of `pattern` begins where the searched text does: each of its alternatives opens on ^ or
    \\A, outside multi-line mode. Its `match` then finds what `search` finds, without trying every later position
    (a long alternation of such patterns is tried at each character of a line, and fails at each ^).

    >>> anchored(r"^版$|(?:^第\\d+版)|(?:(?:^A|\\AB)c)"), anchored(r"^a|b"), anchored("(?m)^a"), anchored("(?m:^a)")
    (True, False, False, False)
    >>> anchored("(^a)+"), anchored("a^"), anchored("(?i)^a"), anchored("(")
    (False, False, True, False)
    """
    if sre_parse is None:
        return False
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return False
    return not parsed.state.flags & re.MULTILINE and _opens_at_start(list(parsed.data))


@dataclass(frozen=True, slots=True)
class Screened:
    """A compiled pattern with the quick tests that turn most texts away before it is tried: the characters every
    match holds one of (`needed_characters`), and whether every match opens at the text's start (`anchored`).

    >>> head = Screened.of(re.compile("^第[0-9]+版|日报"))
    >>> head.finds("人民日报"), head.finds("第3版"), head.finds("今天"), head.at_start
    (True, True, False, False)
    """

    pattern: re.Pattern[str]
    needs: re.Pattern[str] | None
    at_start: bool

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Screened:
        return cls(pattern, needed_characters(pattern.pattern), anchored(pattern.pattern))

    def finds(self, text: str) -> bool:
        """Whether the pattern matches somewhere in `text` (at its start alone, where it is anchored)."""
        if self.needs is not None and self.needs.search(text) is None:
            return False
        return (self.pattern.match(text) if self.at_start else self.pattern.search(text)) is not None


def _opens_at_start(items: list[tuple[Any, Any]]) -> bool:
    """Whether parsed `items` open on an anchor at the text's start, in every alternative."""
    if not items:
        return False
    op, av = items[0]
    if op is sre.AT:
        return av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)
    if op is sre.SUBPATTERN:
        return not av[1] & re.MULTILINE and _opens_at_start(list(av[3].data))
    if op is sre.BRANCH:
        return all(_opens_at_start(list(branch.data)) for branch in av[1])
    return False
