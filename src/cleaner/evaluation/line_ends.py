"""`cleaner eval line-ends`: lines that really end, set where a column wrap or a page break would be joined.

Three kinds of line end a reader keeps, each beside the cuts it looks like, which must still be joined:

- a subhead exactly as wide as its column (一、坚持改革开放 in a column of 8): a column's full line goes
  on, unless something says it ends. Every title-shaped paragraph of the split (8 to 20 characters,
  no sentence punctuation but an enumerator's) gets a page: its article hard-wrapped at the title's
  width. Beside it, the page's own wraps (`wrap`) must be joined.
- a list item ending on ； at the end of a full line, the next item on a new line ((一)加强领导；/
  (二)完善制度；): the items of the split's run-in lists (；before an enumerator: （二）, 二、, 2．, 第二,
  二是, ②) and its paragraphs ending on ；, each set on lines of its own in a column as wide as the
  item (`list-item`), and again with the enumerators taken off (`bare-item`: a run of lines each ending
  on ；). Beside them, a ； inside a sentence that a wrap happens to follow (`semicolon-wrap`).
- a slogan or subhead standing alone between paragraphs (突破创新超越自我): the split's all-Han title
  paragraphs of 4 to 12 characters, set between two paragraphs of another page after a sentence end
  (`slogan`). Beside them, a paragraph after a sentence end cut within its first 12 characters, as a
  page break leaves its first words alone (`first-words`, 这是一片 | 辽阔的土地).

A kept line end joined is a false join; a cut not joined a miss.

>>> page = column_page(["今年我国取得了巨大成就。", "一、坚持改革开放", "改革开放是强国之路。"], 1, 8, "subhead")
>>> page.text.split("\\n")
['今年我国取得了巨', '大成就。', '一、坚持改革开放', '改革开放是强国之', '路。']
>>> [gap.kind for gap in page.gaps]
['wrap', 'boundary', 'subhead', 'wrap']
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..model import Document, Status
from ..patterns import ALNUM, HAN_CLASS
from ..pipeline import Options, Pipeline
from ..stages.layout_measures import ends_sentence
from . import share
from .columns import column_lines
from .corpus import CORPUS_HELP, DEFAULT_CORPUS, SEED_HELP, SPLIT_HELP, Article, newspaper_pages
from .rejoin import GoldGap, Page, cut_positions, cuttable, select

# the enumerator of a list item: （二） 二、 2． 第二， 二是 ②
ENUMERATOR = (
    r"(?:[（(][一二三四五六七八九十\d０-９]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[\d０-９]{1,3}[．.、]"
    r"|第[一二三四五六七八九十]{1,3}(?=[，、是])[，、]?|[一二三四五六七八九十]是|[①-⑳])"
)
ITEM_SPLIT = re.compile(f"(?<=；)(?={ENUMERATOR})")
ENUMERATOR_START = re.compile(ENUMERATOR)
SENTENCE_MARKS = re.compile("[。，；！？,;!?：:]")
ALL_HAN = re.compile(f"[{HAN_CLASS}]{{4,12}}")
MIN_WIDTH, MAX_WIDTH = 8, 20
KEPT = ("subhead", "list-item", "bare-item", "slogan")  # line ends that must stay
JOINED = ("wrap", "semicolon-wrap", "first-words")  # cuts that must be joined


def column_page(paragraphs: list[str], scored: int, width: int, kind: str) -> Page:
    """Paragraphs hard-wrapped at `width`, one line per column line; the break after paragraph `scored` is `kind`."""
    page = Page()
    for number, paragraph in enumerate(paragraphs):
        for line_number, line in enumerate(column_lines(paragraph, width)):
            before = "boundary" if number == 0 or number - 1 != scored else kind
            wrap = "wrap-after-sentence" if ends_sentence(page.text) else "wrap"
            page.add(line, "\n", before if line_number == 0 else wrap)
    return page


def is_title(paragraph: str) -> bool:
    """Whether a paragraph is a title a column may hold on one line: 8 to 20 characters, no sentence
    punctuation after its enumerator, no digits or letters (they may be set half width).

    >>> is_title("一、坚持改革开放"), is_title("二、加强领导，完善制度"), is_title("坚持")
    (True, False, False)
    """
    bare = ENUMERATOR_START.sub("", paragraph, count=1)
    return MIN_WIDTH <= len(paragraph) <= MAX_WIDTH and not SENTENCE_MARKS.search(bare) and not ALNUM.search(paragraph)


def subhead_pages(articles: list[Article]) -> list[Page]:
    """Every title followed by a paragraph, in its article wrapped at the title's width."""
    pages = []
    for article in articles:
        paragraphs = list(article.paragraphs)
        for index, paragraph in enumerate(paragraphs[:-1]):
            if is_title(paragraph):
                pages.append(column_page(paragraphs, index, len(paragraph), "subhead"))
    return pages


def list_items(articles: list[Article]) -> list[tuple[str, list[str]]]:
    """Lists of the split, as (the text before, items ending on ；but the last): run-in lists split
    before their enumerators, and runs of paragraphs ending on ；."""
    lists = []
    for article in articles:
        paragraphs = article.paragraphs
        for index, paragraph in enumerate(paragraphs):
            pieces = ITEM_SPLIT.split(paragraph)
            if len(pieces) > 2:
                lists.append((paragraphs[index - 1] if index else "", pieces))
            starts_run = not index or not paragraphs[index - 1].endswith("；")
            if paragraph.endswith("；") and index + 1 < len(paragraphs) and starts_run:
                end = index
                while end + 1 < len(paragraphs) and paragraphs[end].endswith("；"):
                    end += 1
                lists.append((paragraphs[index - 1] if index else "", list(paragraphs[index : end + 1])))
    return lists


def list_pages(articles: list[Article], rng: random.Random) -> list[Page]:
    """A page per item ending on ；: its list set item by item in a column as wide as the item (or a
    width that divides it), as printed and with the enumerators taken off."""
    pages = []
    for before, items in list_items(articles):
        bare = [ENUMERATOR_START.sub("", item, count=1) for item in items]
        for kind, shown in (("list-item", items), ("bare-item", bare)):
            if kind == "bare-item" and shown == items:
                continue
            for index, item in enumerate(shown[:-1]):
                widths = [w for w in range(MIN_WIDTH, MAX_WIDTH + 1) if len(item) % w == 0 and not ALNUM.search(item)]
                if widths:
                    paragraphs = [before, *shown] if before else shown
                    pages.append(column_page(paragraphs, index + bool(before), rng.choice(widths), kind))
    return pages


def semicolon_pages(articles: list[Article], rng: random.Random, limit: int) -> list[Page]:
    """Paragraphs holding a ； inside a sentence (no enumerator after it), wrapped so that a line ends on it."""
    found = []
    for article in articles:
        for paragraph in article.paragraphs:
            for match in re.finditer("；", paragraph[:-1]):
                if ENUMERATOR_START.match(paragraph, match.end()) or ALNUM.search(paragraph):
                    continue
                widths = [w for w in range(MIN_WIDTH, MAX_WIDTH + 1) if match.end() % w == 0]
                if widths:
                    found.append((paragraph, match.end(), rng.choice(widths)))
    pages = []
    for paragraph, position, width in rng.sample(found, min(limit, len(found))):
        page = column_page([paragraph], -1, width, "")
        at = position + position // width - 1  # the line break after the ；
        page.gaps = [GoldGap(g.start, g.end, "semicolon-wrap", False) if g.start == at else g for g in page.gaps]
        pages.append(page)
    return pages


def slogan_pages(articles: list[Article], rng: random.Random) -> list[Page]:
    """A page per article: a title of another page set between two of its paragraphs after a sentence
    end, and a paragraph after a sentence end cut within its first 12 characters."""
    slogans = [p for a in articles for p in a.paragraphs if ALL_HAN.fullmatch(p)]
    pages = []
    for article in articles:
        paragraphs = article.paragraphs
        ends = [i for i in range(1, len(paragraphs)) if ends_sentence(paragraphs[i - 1]) and cuttable(paragraphs[i])]
        if not ends or not slogans:
            continue
        page = Page()
        at_slogan, at_cut = rng.choice(ends), rng.choice(ends)
        for index, paragraph in enumerate(paragraphs):
            if index == at_slogan:
                page.add(rng.choice(slogans), "\n\n", "boundary")
                page.add(paragraph, "\n\n", "slogan")
                continue
            positions = cut_positions(paragraph) if index == at_cut else {}
            early = [p for kind in ("mid-word", "between-words") for p in positions.get(kind, []) if 2 <= p <= 12]
            if early:
                cut = rng.choice(early)
                page.add(paragraph[:cut], "\n\n", "boundary")
                page.add(paragraph[cut:], "\n\n", "first-words")
            else:
                page.add(paragraph, "\n\n", "boundary")
        pages.append(page)
    return pages


@dataclass
class Tally:
    """Per gap kind: how many, how many joined (applied), and the wrong decisions."""

    total: Counter[str] = field(default_factory=Counter)
    joined: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def score(self, page: Page, pipeline: Pipeline, name: str) -> None:
        result = pipeline.run(Document(name, f"{name}.txt", page.text))
        applied = {(c.start, c.end) for c in result.changes if c.stage == "rejoin" and c.status is Status.APPLIED}
        for gap in page.gaps:
            if gap.kind not in (*KEPT, *JOINED):
                continue
            joined = (gap.start, gap.end) in applied
            self.total[gap.kind] += 1
            self.joined[gap.kind] += joined
            if joined == (gap.kind in KEPT):
                left, right = page.text[max(0, gap.start - 12) : gap.start], page.text[gap.end : gap.end + 8]
                self.errors.append(f"{gap.kind:<15} {'joined' if joined else '-':<7} {left!r} | {right!r}")


@click.command(name="line-ends")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True, help=CORPUS_HELP)
@click.option(
    "--split", type=click.Choice(["held-out", "train"]), default="held-out", show_default=True, help=SPLIT_HELP
)
@click.option("--seed", type=int, default=1, show_default=True, help=SEED_HELP)
@click.option("--semicolons", type=int, default=400, show_default=True, help="`semicolon-wrap` pages to draw")
@click.option("--errors", "show_errors", is_flag=True, help="print up to 40 wrong decisions of each kind")
def line_ends(corpus: Path, split: str, seed: int, semicolons: int, show_errors: bool) -> None:
    """Score line ends that must stay (subheads as wide as the column, list items on ；, slogans) beside cuts."""
    rng = random.Random(seed)
    articles = select(corpus, split)
    pipeline = Pipeline(options=Options(skip=frozenset({"duplicates", "spelling", "figures"})))
    tally = Tally()
    groups = {
        "subheads": subhead_pages(articles),
        "lists": list_pages(articles, rng),
        "semicolons": semicolon_pages(articles, rng, semicolons),
        "slogans": slogan_pages(newspaper_pages(articles), rng),
    }
    for group, pages in groups.items():
        for number, page in enumerate(pages):
            tally.score(page, pipeline, f"{group}-{number}")
    click.echo(
        f"line-ends: {split} articles, seed {seed}; " + ", ".join(f"{len(p)} {g} pages" for g, p in groups.items())
    )
    click.echo(f"{'gap kind':<26}{'gaps':>7}{'joined':>9}")
    for kind in (*KEPT, *JOINED):
        click.echo(
            f"{kind + (' (kept)' if kind in KEPT else ' (cut)'):<26}{tally.total[kind]:>7}"
            f"{share(tally.joined[kind], tally.total[kind]):>9.4f}"
        )
    if show_errors:
        shown: Counter[str] = Counter()
        for line in tally.errors:
            kind = line.split()[0]
            if shown[kind] < 40:
                shown[kind] += 1
                click.echo("  " + line)
