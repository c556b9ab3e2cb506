"""Seed-like pages composed from People's Daily articles, with the seed's defects injected and their gold recorded.

A page is a few consecutive articles of one printed page (headline and paragraphs, each a block on blank
lines), some pages hard-wrapped as a narrow column (the paragraphs still on blank lines). Into it go the
defects of the seed page, at about its rates, each with its gold in the seed's gold.json format:

- cuts of a running-text paragraph inside a sentence (`eval rejoin`'s cut positions; in a wrapped column
  where a line ends), some with layout blocks between the halves (`eval debris`'s running heads, page numbers,
  captions, date lines): a `join` boundary (with `across`), the blocks moved after the paragraph in the gold
  text (`moved_here` on the next `keep_break`);
- doubled words of 2-4 characters (`eval duplicates`' Injector, which never doubles a word whose doubled form
  is a word, is attested in the training articles or is listed as legitimate reduplication): `duplicates`;
- a repeated list item and a ledger label given two counts (`eval flags`' injectors): `flags`;
- a truncated ending (`eval endings`' cut): a `truncated_ending` flag.

Every other blank-line gap is a `keep_break`. The gold text is the clean page with the cuts joined and the
doubled words single; flagged text stays as injected, as on the seed.

>>> page = compose(("标题", "今年以来，魏都区一直坚持不懈优化营商环境。"), random.Random(2), Defects(cut_share=1.0))
>>> [b["type"] for b in page.gold["boundaries"]], page.gold_text
(['keep_break', 'join'], '标题\\n\\n今年以来，魏都区一直坚持不懈优化营商环境。')
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..patterns import FULL_TO_HALF_BUT_PROSE_MARKS
from ..stages.layout_measures import ends_sentence
from .columns import wrapped_column
from .debris import cuts_inside_sentences, layout_blocks
from .endings import cut_ending
from .flag_pages import figure_sites, inject_figure, inject_ledger_pair, inject_list, list_sites
from .page_checks import Page
from .rejoin import cuttable

SIDE = 6  # characters of each side a boundary's gold records, as the seed's
MARGIN = SIDE + 1  # no doubled word this near a paragraph's edge or a cut: its sides must read as printed
Span = tuple[int, int]


@dataclass(frozen=True)
class Defects:
    """How much of each defect a page gets (the seed: 15 cuts in 71 gaps, 3 doubled words in 6,300 characters,
    two repeated list items, one ledger label with two counts, one truncated ending)."""

    cut_share: float = 0.3  # the mean running-text paragraph's chance of a cut (longer ones more)
    debris_share: float = 0.25  # of the cuts, those with layout blocks between the halves
    boundary_debris_share: float = 0.04  # real boundaries given layout blocks, left in place
    doubled_per_char: float = 1 / 2100
    lists: int = 2  # repeated list items at most
    figure_share: float = 0.7  # pages with a ledger label given two counts (when one fits)
    ending_share: float = 0.5  # pages cut inside their last running-text paragraph
    wrap_share: float = 0.3  # pages hard-wrapped into a column of 10-20 characters


@dataclass
class Paragraph:
    """A paragraph of the page as printed before cutting, with what was injected into it."""

    text: str
    running: bool
    doubled: list[tuple[int, str]] = field(default_factory=list)  # (start of the second copy, word)
    flags: list[tuple[str, Span]] = field(default_factory=list)  # (gold flag type, span)
    truncated: bool = False

    def clear(self, start: int, end: int) -> bool:
        """Whether [start, end) keeps MARGIN characters from every injection (a cut: start == end).

        >>> paragraph = Paragraph("甲" * 30, True, doubled=[(12, "乙丙")])
        >>> paragraph.clear(20, 20), paragraph.clear(21, 21)
        (False, True)
        """
        taken = [(s - len(w), s + len(w)) for s, w in self.doubled] + [span for _, span in self.flags]
        return all(end + MARGIN <= s or e + MARGIN <= start for s, e in taken)

    def insert(self, at: int, copy: str) -> None:
        """Insert text at `at`, moving the recorded injections after it."""
        self.text = self.text[:at] + copy + self.text[at:]
        self.doubled = [(s + len(copy) if s >= at else s, w) for s, w in self.doubled]
        self.flags = [
            (kind, (s + len(copy) if s >= at else s, e + len(copy) if e > at else e)) for kind, (s, e) in self.flags
        ]


def half_width(text: str) -> str:
    """Full-width digits, letters and signs as the seed prints them, half-width; Chinese punctuation kept.

    >>> half_width("１２月３１日，增长９．３％（预计）")
    '12月31日，增长9.3%（预计）'
    """
    return text.translate(FULL_TO_HALF_BUT_PROSE_MARKS)


def inject_flags(paragraphs: list[Paragraph], rng: random.Random, defects: Defects) -> None:
    """A ledger label given two counts (on a share of pages) and up to `defects.lists` repeated list items,
    each in a paragraph of its own (flag_pages' injectors)."""
    running = [p for p in paragraphs if p.running and not p.truncated]
    if rng.random() < defects.figure_share:
        sited = [(p, q) for p in running for q in figure_sites(p.text)]
        if sited:
            paragraph, site = rng.choice(sited)
            made = rng.choice(
                [
                    lambda: inject_figure(paragraph.text, site, "clause", rng),
                    lambda: inject_figure(paragraph.text, site, "next", rng),
                    lambda: inject_ledger_pair(paragraph.text, figure_sites(paragraph.text), rng),
                ]
            )()
            if made:
                paragraph.text = made[0]
                paragraph.flags.append(("inconsistent_figures", made[1]))
    listed = [(p, site) for p in paragraphs if not p.flags and not p.truncated for site in list_sites(p.text)]
    repeated = 0
    for paragraph, site in rng.sample(listed, len(listed)):
        if repeated >= defects.lists:
            break
        if paragraph.flags:
            continue  # a paragraph holds one injected flag: its sites were found before the first
        text, span, _ = inject_list(paragraph.text, site, rng)
        paragraph.text = text
        paragraph.flags.append(("repeated_list_item", span))
        repeated += 1


def inject_doubled(
    paragraphs: list[Paragraph], rng: random.Random, count: int, doubling_sites: Callable[[str], list[tuple[int, str]]]
) -> None:
    """Double `count` words of 2-4 characters, at most one in a paragraph and never near another injection;
    `doubling_sites` gives a text's (end of a word, word) that may be doubled (the duplicates Injector's)."""
    sites = [(p, end, word) for p in paragraphs for end, word in doubling_sites(p.text) if 2 <= len(word) <= 4]
    done: set[int] = set()
    for paragraph, end, word in rng.sample(sites, len(sites)):
        if len(done) >= count:
            break
        start, stop = end - len(word), end + len(word)
        inside = start >= MARGIN and stop <= len(paragraph.text) - MARGIN
        if id(paragraph) in done or not inside or not paragraph.clear(start, stop):
            continue
        paragraph.insert(end, word)
        paragraph.doubled.append((end, word))
        done.add(id(paragraph))


@dataclass
class PageBuilder:
    """The page text, its gold text and gold, built block by block."""

    wrap: int
    text: str = ""
    gold_text: str = ""
    boundaries: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # blocks a join moves after the current paragraph
    tail: str = ""  # the last characters of the block before, as the gold text reads it

    def layout_block(self, piece: str) -> None:
        """Add a layout block left where it stands at a real boundary (a caption, a running head)."""
        self.block(piece, wrap=False)
        self.gold_text += "\n\n" + piece
        self.tail = piece[-SIDE:]

    def block(self, piece: str, boundary: str | None = "keep_break", wrap: bool = True) -> int:
        """Add a block after a blank line (a gold boundary of that type, None: inside a join), hard-wrapped
        with the column unless it is a layout block (a running head stands across the columns); its start."""
        if self.text and boundary == "keep_break":
            gap = {"type": "keep_break", "start": len(self.text), "end": len(self.text) + 2}
            gap |= {"left": self.tail, "right": piece[:SIDE]}
            self.boundaries.append(gap | ({"moved_here": self.moved} if self.moved else {}))
            self.moved = []
        self.text += "\n\n" if self.text else ""
        start = len(self.text)
        self.text += wrapped_column(piece, self.wrap) if wrap else piece
        return start

    def at(self, start: int, offset: int) -> int:
        """The page offset of a piece's character `offset` (a wrapped piece holds a newline after every line)."""
        return start + offset + (offset // self.wrap if self.wrap else 0)

    def paragraph(self, paragraph: Paragraph, cut: int | None, blocks: Sequence[str]) -> None:
        """Add a paragraph, cut at `cut` (None: whole) with `blocks` between its halves, and its gold."""
        text = paragraph.text
        pieces = [(0, text)] if cut is None else [(0, text[:cut]), (cut, text[cut:])]
        starts = [self.block(pieces[0][1])]
        if cut is not None:
            left_end = len(self.text)
            for extra in blocks:
                self.block(extra, None, wrap=False)
            starts.append(self.block(pieces[1][1], None))
            join = {"type": "join", "start": left_end, "end": starts[1], "left": text[max(0, cut - SIDE) : cut]}
            join["right"] = text[cut : cut + SIDE]
            self.boundaries.append(join | ({"across": " ".join(blocks)} if blocks else {}))
            self.moved = list(blocks)

        def where(offset: int) -> int:
            index = 0 if cut is None or offset < cut else 1
            return self.at(starts[index], offset - pieces[index][0])

        for end, word in paragraph.doubled:
            context = text[end - len(word) - 5 : end + len(word) + 5]
            second = {"type": "duplicate_fix", "start": where(end), "end": where(end + len(word) - 1) + 1}
            self.duplicates.append(second | {"before": word, "after": "", "context": context})
        for kind, (start, end) in paragraph.flags:
            self.flags.append({"type": kind, "start": where(start), "end": where(end - 1) + 1, "text": text[start:end]})
        if paragraph.truncated:
            end = len(text)
            self.flags.append({"type": "truncated_ending", "start": where(end - 3), "end": where(end - 1) + 1})
            self.flags[-1]["text"] = text[-3:]
        single = text
        for end, word in sorted(paragraph.doubled, reverse=True):
            single = single[:end] + single[end + len(word) :]
        self.gold_text += ("\n\n" if self.gold_text else "") + single + "".join("\n\n" + b for b in blocks)
        self.tail = text[-SIDE:]


def compose(
    source: Sequence[str],
    rng: random.Random,
    defects: Defects = Defects(),
    name: str = "page",
    running: Callable[[str], bool] = cuttable,
    doubling_sites: Callable[[str], list[tuple[int, str]]] = lambda text: [],
    pool: Sequence[str] = (),
) -> Page:
    """A seed-like page of `source` paragraphs with defects injected, and its gold (see the module).

    `running` says which paragraphs are running text a column break may cut; `pool` holds paragraphs to
    draw captions from.
    """
    paragraphs = [half_width(p.strip()) for p in source if p.strip()]
    if rng.random() < defects.ending_share:
        cut_page = cut_ending(tuple(paragraphs), rng, furniture_share=0.0, can_cut=running)
        truncated = cut_page is not None
        paragraphs = cut_page.text.split("\n\n") if cut_page else paragraphs
    else:
        truncated = False
    page = [Paragraph(p, running(p)) for p in paragraphs]
    page[-1].truncated = truncated
    inject_flags(page, rng, defects)
    size = sum(len(p.text) for p in page)
    inject_doubled(page, rng, round(size * defects.doubled_per_char + rng.random() - 0.5), doubling_sites)
    wrap = rng.randint(10, 20) if rng.random() < defects.wrap_share else 0
    builder = PageBuilder(wrap)
    lengths = [len(p.text) for p in page if p.running]
    mean = sum(lengths) / len(lengths) if lengths else 1.0
    for paragraph in page:
        if builder.text and rng.random() < defects.boundary_debris_share and ends_sentence(builder.text):
            for extra in layout_blocks(list(pool) or [paragraph.text], rng, captions=not wrap):
                builder.layout_block(extra)
        cut, blocks = None, []
        if (
            paragraph.running
            and not paragraph.truncated
            and rng.random() < defects.cut_share * len(paragraph.text) / mean
        ):
            positions = [c for c in cuts_inside_sentences(paragraph.text, wrap) if paragraph.clear(c, c)]
            if positions:
                cut = rng.choice(positions)
                if rng.random() < defects.debris_share:
                    blocks = layout_blocks(list(pool) or [paragraph.text], rng, captions=not wrap)
        builder.paragraph(paragraph, cut, blocks)
    gold = {"source": f"{name}.txt", "boundaries": builder.boundaries, "duplicates": builder.duplicates}
    gold["flags"] = builder.flags
    return Page(name, builder.text, gold, builder.gold_text)
