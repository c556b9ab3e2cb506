"""The HTML review pages: one side-by-side page per document (OUTDIR/report/NAME.html); report.html_index
makes the batch's index of them, OUTDIR/report.html.

Each document page shows the original on the left and the corrected text on the right; every
change is highlighted on both sides, linked (hover or click one, its twin lights up), colored by
stage, styled by status, explained in a side list, and filterable by stage, status and rule. Pages
are self-contained files (inline style and script) and all text is HTML-escaped. Both texts come in
blocks and the list in groups, which the browser lays out only near the screen: a whole book's page
(390,000 characters, 11,900 changes) loads in about a second and filters in half of one.

`report.review.write_review` builds them after a batch from report.json and the input files (the
corrected text is the report replayed on its input), one document at a time, so memory stays flat.

>>> from cleaner.model import Change, Status
>>> change = Change("normalize", "N102", "半角<标点>", 1, 2, ",", "，", Status.APPLIED, 1.0)
>>> page = document_page("a.txt", "好,的<em>", "好，的<em>", [change])
>>> "<em>" in page, "&lt;em&gt;" in page, page.count('data-c="c0"')
(False, True, 3)
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from html import escape
from itertools import pairwise
from typing import NamedTuple

from ..model import Change, Status
from ..rules import STAGES
from .formats import LineIndex, describe
from .html_assets import CSS, SCRIPT
from .replayed import target_spans

# the characters html.escape replaces
HTML_SPECIAL = re.compile("[&<>\"']")
# A review page is made and encoded this many stretches or list items at a time: a 20 MB input's page is
# 157 MB of HTML, and whole it was a string of four bytes a character beside the list of its pieces.
PIECES_AT_ONCE = 16_384
# A page's two texts are cut into blocks of about this many characters, at a line break outside any
# highlight: the browser lays out only the blocks on screen (`content-visibility`), so a filter or a
# click on a whole book's page re-lays out a few blocks, not 300,000 characters (11 s to load, 4 s a filter).
BLOCK_CHARACTERS = 3_000
BLOCK_START, BLOCK_BREAK, BLOCK_END = '<div class="blk">', '</div><div class="blk">', "</div>"
# The change list likewise, in numbered lists of this many items: 13,000 items in one list took 3 s
# to lay out at every filter; a group whose items are all filtered out is hidden whole.
LIST_GROUP = 256
# Pages from this many characters or changes are marked `long` and only then skip what is off screen: a
# newspaper page's few blocks are laid out at once, as before, and a click never waits for one to render.
LONG_CHARACTERS, LONG_CHANGES = 30_000, 1_000

STATUSES = [str(status) for status in Status]


def escaped(text: str) -> str:
    """`html.escape`, without its five passes over the many strings that hold nothing to escape.

    >>> escaped("半角<标点>"), escaped("半角标点")
    ('半角&lt;标点&gt;', '半角标点')
    """
    return escape(text) if HTML_SPECIAL.search(text) else text


def highlighted(text: str, spans: Sequence[tuple[int, int]], changes: Sequence[Change]) -> str:
    """Text as HTML with one highlight per stretch covered by changes; empty spans become markers.

    A stretch is styled after its most specific (narrowest) change and linked to all that cover it.

    >>> a = Change("normalize", "N101", "m", 0, 2, "ab", "x", Status.APPLIED, 1.0)
    >>> highlighted("ab\\nc", [(0, 3), (3, 3)], [a, a]).split("</span>")
    ['<span class="m st-normalize s-applied" data-c="c0">ab<span class="nl">', '\\n', \
'<span class="m st-normalize s-applied gap" data-c="c1">', 'c']
    """
    return "".join(_highlighted_pieces(text, spans, changes))


def _highlighted_pieces(
    text: str,
    spans: Sequence[tuple[int, int]],
    changes: Sequence[Change],
    opening: list[str] | None = None,
    blocks: bool = False,
) -> Iterator[str]:
    """`highlighted` in pieces of PIECES_AT_ONCE stretches: a long page's text is encoded as it is made.
    OPENING, each change's `_opening`, is made once for a page's two texts when given; with BLOCKS, the
    text is cut into `blk` blocks of about BLOCK_CHARACTERS (the caller opens the first, closes the last).
    """
    size = len(text)
    clamped = [(start if start < size else size, end if end < size else size) for start, end in spans]
    # most pages hold nothing HTML would misread: then their pieces need no escaping
    needs_escape = HTML_SPECIAL.search(text) is not None
    # what each change's highlight opens with: made once, not at every stretch it covers
    opening = opening if opening is not None else [_opening(change) for change in changes]
    alone = [f'{start}" data-c="c{number}">' for number, start in enumerate(opening)]  # covered by it alone
    pieces = _pieces_in_turn if _in_turn(clamped) else _pieces_by_cut
    yield from pieces(_Drawing(text, clamped, changes, opening, alone, needs_escape, blocks))


class _Drawing(NamedTuple):
    """What either way of drawing a highlighted text reads (`_highlighted_pieces` makes it)."""

    text: str
    spans: Sequence[tuple[int, int]]  # each change's, within the text
    changes: Sequence[Change]
    opening: list[str]  # what each change's highlight opens with
    alone: list[str]  # the whole tag of a stretch each change covers alone
    needs_escape: bool
    blocks: bool


def _pieces_by_cut(drawing: _Drawing) -> Iterator[str]:
    """`_highlighted_pieces` for any spans (within the text): a stretch between two cuts (where a span starts or
    ends) is styled after the narrowest change that covers it, and linked to all of them."""
    text, spans, changes, opening, alone, needs_escape, blocks = drawing
    starts, ends, points = defaultdict(list), defaultdict(list), defaultdict(list)
    for number, (start, end) in enumerate(spans):
        (points[start] if start == end else starts[start]).append(number)
        if start != end:
            ends[end].append(number)
    cuts = sorted({0, len(text), *starts, *ends, *points})
    widths = [change.end - change.start for change in changes]
    active: set[int] = set()
    out: list[str] = []
    unblocked = 0  # characters since the current block began
    for cut, following in pairwise(cuts):
        if cut in ends:
            active.difference_update(ends[cut])
        if cut in starts:
            active.update(starts[cut])
        if cut in points:
            out.extend([f'{opening[number]} gap" data-c="c{number}"></span>' for number in points[cut]])
        if not active:
            unblocked = _add_plain(text[cut:following], needs_escape, blocks, unblocked, out)
            continue
        piece = text[cut:following]
        if needs_escape:
            piece = escape(piece)
        unblocked += len(piece)
        if len(active) == 1:  # most stretches
            (only,) = active
            tag = alone[only]
        else:
            numbers = sorted(active)
            main = min(numbers, key=widths.__getitem__)
            tag = f'{opening[main]}" data-c="{" ".join([f"c{n}" for n in numbers])}">'
        # no title here: the script copies the list's text into it on hover, which halves the page
        out.append(
            f"{tag}{piece.replace(NEWLINE, MARKED_NEWLINE)}</span>" if NEWLINE in piece else f"{tag}{piece}</span>"
        )
        if len(out) >= PIECES_AT_ONCE:
            yield "".join(out)
            out.clear()
    # the last cut (the text's end) opens no stretch: only its markers
    out.extend([f'{opening[number]} gap" data-c="c{number}"></span>' for number in points.get(cuts[-1], ())])
    yield "".join(out)


NEWLINE, MARKED_NEWLINE = "\n", '<span class="nl"></span>\n'


def _in_turn(spans: Sequence[tuple[int, int]]) -> bool:
    """Whether each span begins where the one before ends or later: no two highlights overlap, and no marker
    falls inside a highlight (most pages: their changes come in order of place, each over text of its own).

    >>> _in_turn([(0, 2), (2, 2), (2, 3), (5, 5)]), _in_turn([(0, 2), (1, 1)]), _in_turn([(2, 2), (0, 1)])
    (True, False, False)
    """
    reached = 0
    for start, end in spans:
        if start < reached or end < start:
            return False
        reached = end
    return True


def _pieces_in_turn(drawing: _Drawing) -> Iterator[str]:
    """`_highlighted_pieces` for spans `_in_turn`: each stretch is covered by one change at most, so the text is
    read change by change, not cut by cut (the same pieces in the same order, with no set of active changes).
    """
    text, spans, _, opening, alone, needs_escape, blocks = drawing
    out: list[str] = []
    unblocked = 0  # characters since the current block began
    reached = 0
    for number, (start, end) in enumerate(spans):
        if start > reached:
            unblocked = _add_plain(text[reached:start], needs_escape, blocks, unblocked, out)
        reached = end
        if start == end:
            out.append(f'{opening[number]} gap" data-c="c{number}"></span>')
            continue
        piece = text[start:end]
        if needs_escape:
            piece = escape(piece)
        unblocked += len(piece)
        out.append(
            f"{alone[number]}{piece.replace(NEWLINE, MARKED_NEWLINE)}</span>"
            if NEWLINE in piece
            else f"{alone[number]}{piece}</span>"
        )
        if len(out) >= PIECES_AT_ONCE:
            yield "".join(out)
            out.clear()
    if reached < len(text):
        _add_plain(text[reached:], needs_escape, blocks, unblocked, out)
    yield "".join(out)


def _add_plain(piece: str, needs_escape: bool, blocks: bool, unblocked: int, out: list[str]) -> int:
    """Add a stretch no change covers to OUT, cut into blocks (BLOCKS) as `_highlighted_pieces` does; returns
    how many characters the current block holds after it."""
    if needs_escape:
        piece = escape(piece)
    if not blocks:
        out.append(piece)
        return unblocked
    if unblocked + len(piece) < BLOCK_CHARACTERS:  # no cut can fall in it: `_cut_into_blocks` adds it whole
        out.append(piece)
        return unblocked + len(piece)
    return _cut_into_blocks(piece, unblocked, out)


def _cut_into_blocks(piece: str, filled: int, out: list[str]) -> int:
    """Add PIECE to OUT, cut after the first line break past each BLOCK_CHARACTERS; FILLED characters
    of the current block come before it. Returns how many the block holds after it.

    >>> out = []
    >>> _cut_into_blocks("甲" * 2999 + "\\n" + "乙" * 3000 + "\\n丙", 0, out)
    1
    >>> [len(part) for part in out if part != BLOCK_BREAK]
    [3000, 3001, 1]
    """
    start = 0
    while (end := piece.find(NEWLINE, start + max(BLOCK_CHARACTERS - filled - 1, 0))) >= 0:
        out.extend((piece[start : end + 1], BLOCK_BREAK))
        start, filled = end + 1, 0
    out.append(piece[start:])
    return filled + len(piece) - start


@functools.lru_cache(maxsize=256)
def _class_opening(stage: str, status: str) -> str:
    return f'<span class="m st-{escape(stage)} s-{status}'


def _opening(change: Change) -> str:
    """The start of a highlight's tag, up to its class list (open for a `gap`)."""
    return _class_opening(change.stage, str(change.status))


def filters(changes: Sequence[Change]) -> str:
    """Check boxes for every stage, status and rule present, with counts."""
    groups = [
        ("stage", Counter(c.stage for c in changes), "st-"),
        ("status", Counter(str(c.status) for c in changes), ""),
        ("rule", Counter(c.rule for c in changes), ""),
    ]
    out = ['<div class="filters">']
    for name, counts, style in groups:
        boxes = []
        for value in sorted(counts, key=lambda v: (STAGES.index(v) if v in STAGES else 99, v)):
            key = f'<span class="key {style}{escape(value)}"></span>' if style else ""
            boxes.append(
                f'<label>{key}<input type="checkbox" name="{name}" value="{escape(value)}" checked> '
                f"{escape(value)} ({counts[value]})</label>"
            )
        out.append(f"<fieldset><legend>{name}</legend>{''.join(boxes)}</fieldset>")
    out.append('<span id="shown" class="shown"></span></div>')
    return "".join(out)


def change_list(changes: Sequence[Change], lines: LineIndex) -> str:
    return "".join(_change_list_pieces(changes, lines))


# Changes are of a few kinds (a join of "\\n", a digit made half width, each with one message), on every page: each
# kind's list text, from its description to the item's end, is described and escaped once a process, and an item's
# tag around its number once for each stage, rule and status. Emptied when one grows past CACHED_ITEMS.
_LIST_TAILS: dict[tuple[str, str, str | None, str, float], str] = {}
_LIST_HEADS: dict[tuple[str, str, str], tuple[str, str]] = {}
CACHED_ITEMS = 8_192


def _change_list_pieces(changes: Sequence[Change], lines: LineIndex) -> Iterator[str]:
    """`change_list` in pieces of PIECES_AT_ONCE items, in groups of LIST_GROUP."""
    items = ['<div id="list"><ol class="grp" start="1">']
    if len(_LIST_TAILS) > CACHED_ITEMS or len(_LIST_HEADS) > CACHED_ITEMS:
        _LIST_TAILS.clear()
        _LIST_HEADS.clear()
    tails, heads = _LIST_TAILS, _LIST_HEADS
    line_starts = lines.starts
    for number, change in enumerate(changes):
        if number and not number % LIST_GROUP:
            items.append(f'</ol><ol class="grp" start="{number + 1}">')
        line = bisect_right(line_starts, change.start)  # `lines.position`, without a call a change
        column = change.start - line_starts[line - 1] + 1
        if (
            tail := tails.get(kind := (change.status, change.before, change.after, change.message, change.confidence))
        ) is None:
            described, message = escaped(describe(change)), escaped(change.message)
            tail = tails[kind] = f" · {described} · {message} <small>({change.confidence:g})</small></li>"
        if (head := heads.get(key := (change.stage, change.rule, change.status))) is None:
            stage, rule = escaped(change.stage), escaped(change.rule)
            head = heads[key] = (
                f'<li class="st-{stage}" data-c="c',
                f'" data-stage="{stage}" data-status="{change.status}" data-rule="{rule}"><b>{rule}</b> ',
            )
        items.append(f"{head[0]}{number}{head[1]}{line}:{column}{tail}")
        if len(items) >= PIECES_AT_ONCE:
            yield "".join(items)
            items.clear()
    items.append("</ol></div>")
    yield "".join(items)


def page(title_text: str, body: str) -> str:
    return f"{page_head(title_text)}{body}{PAGE_TAIL}"


def page_head(title_text: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{escape(title_text)}</title><style>{CSS}</style></head>\n<body>\n"
    )


PAGE_TAIL = "\n</body></html>\n"


def document_page(path: str, original: str, corrected: str, changes: Sequence[Change], home: str = "") -> str:
    """The side-by-side review page of one document."""
    return "".join(_document_parts(path, original, corrected, changes, home))


def _document_parts(path: str, original: str, corrected: str, changes: Sequence[Change], home: str) -> Iterator[str]:
    """`document_page` in pieces, each made when the one before is taken: its two texts and its list."""
    lines = LineIndex(original)
    counts = Counter(str(c.status) for c in changes)
    summary = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s]) or "no changes"
    back = f'<a href="{escape(home)}">← batch report</a> · ' if home else ""
    grid = "grid long" if len(original) >= LONG_CHARACTERS or len(changes) >= LONG_CHANGES else "grid"
    yield (
        f"{page_head(f'cleaner: {path}')}<h1>{escape(path)}</h1><p>{back}{len(changes)} changes: {summary}</p>"
        f'{filters(changes)}<div class="{grid}"><section><h2>Original</h2>'
        f'<div class="text" id="original">{BLOCK_START}'
    )
    opening = [_opening(change) for change in changes]
    yield from _highlighted_pieces(original, [(c.start, c.end) for c in changes], changes, opening, blocks=True)
    yield f'{BLOCK_END}</div></section><section><h2>Corrected</h2><div class="text" id="corrected">{BLOCK_START}'
    yield from _highlighted_pieces(corrected, target_spans(changes), changes, opening, blocks=True)
    yield f"{BLOCK_END}</div></section><aside><h2>Changes</h2>"
    yield from _change_list_pieces(changes, lines)
    yield f"</aside></div><script>{SCRIPT}</script>{PAGE_TAIL}"


def review_page(name: str, path: str, original: str, corrected: str, changes: Sequence[Change]) -> bytes:
    """A document's review page as written to OUTDIR/report/NAME, linked back to report.html.

    Each piece is encoded as soon as it is made: the page joined into one string first (four bytes
    a character once the text holds one character past U+FFFF) was copied three times on its way to
    bytes (a 20 MB input's page is 157 MB of HTML).
    """
    return b"".join([piece.encode("utf-8") for piece in review_page_pieces(name, path, original, corrected, changes)])


def review_page_pieces(name: str, path: str, original: str, corrected: str, changes: Sequence[Change]) -> Iterator[str]:
    """`review_page` in pieces, to be encoded and written out one by one."""
    home = "../" * name.count("/") + "../report.html"
    return _document_parts(path, original, corrected, changes, home)
