"""`cleaner eval debris`: sentences cut by a column break with a caption or a running head between the halves.

On a scanned page a picture's caption, a running head (人民日报 第3版), a page number, a date line
or an editor's credit often stands between the two halves of a sentence that a column break cut. The
held-out People's Daily pages (`--split train` to tune; paragraphs on blank lines) get such cuts: a
share of the running-text paragraphs is cut inside the sentence (inside a word, between words or
after a comma) and one or two layout blocks are set between the halves. As many blocks again are set at real paragraph
boundaries, where nothing may move.

Scored, from the pipeline's output (normalize, layout, rejoin):
- halves joined: the sentence is whole again and the blocks stand after its paragraph (R104);
- glued: a half joined to a layout block, the damage a cleaner must never do;
- false moves: an R104 applied at a real paragraph boundary.

>>> paragraphs = ("标题", "今年以来，魏都区一直坚持不懈优化营商环境。")
>>> page = debris_page(paragraphs, random.Random(2), ["会场"], cut_share=1.0)
>>> [case.kind for case in page.cases], page.text.count("\\n\\n") > 2
(['cut'], True)
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import click

from ..model import Change, Document, Status
from ..pipeline import Options, Pipeline
from ..rules import load_rules
from ..stages.layout import BODY, classify
from ..stages.layout_classes import LayoutRules, load_layout_rules
from ..stages.layout_measures import ends_sentence
from ..stages.rejoin_weights import Weights
from . import share
from .columns import wrapped_column
from .corpus import CORPUS_HELP, DEFAULT_CORPUS, SEED_HELP, newspaper_pages
from .rejoin import cut_positions, cuttable, select
from .rejoin_score import CUTS_INSIDE

PAPERS = ("人民日报", "许昌日报", "经济日报", "光明日报", "北京晚报")
SECTIONS = ("要闻", "经济", "国际", "社会", "文化", "体育", "综合")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "明华建国志伟丽娟军平海燕红霞涛勇杰静敏强"
WEEKDAYS = "一二三四五六日"
# what a case is, and whether the pipeline should join across its blocks (None: either, never glued)
KINDS: dict[str, bool | None] = {
    "cut": True,  # a sentence cut, layout blocks between its halves
    "boundary": False,  # layout blocks at a real paragraph boundary
    "headline cut": True,  # the next article's headline between the halves, its dateline after the right half
    "headline boundary": False,  # a headline between a finished paragraph and its dateline (as printed)
    "headline open": False,  # a paragraph cut short (its rest on another page), then a headline and its dateline
    "headline undated": None,  # the next article's headline between the halves, no dateline after: left cut or
    # joined, never glued
}


@dataclass(frozen=True, slots=True)
class Case:
    """Layout blocks set into a page: between the halves of a cut sentence, or at a real boundary."""

    kind: str  # one of KINDS
    left_end: int  # where the text before the blocks ends
    right_start: int  # where the text after them starts
    left: str  # the last characters before, and the first after
    right: str
    blocks: tuple[str, ...]


@dataclass
class DebrisPage:
    """A generated page and the layout blocks set into it."""

    text: str = ""
    cases: list[Case] = field(default_factory=list)


def name(rng: random.Random) -> str:
    """A made-up person's name of two or three characters, for credits and bylines.

    >>> len(name(random.Random(1))) in (2, 3)
    True
    """
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def is_running_text(paragraph: str, layout: LayoutRules) -> bool:
    """Whether a paragraph is running text a column break may cut, and not a caption, headline or table
    row of the corpus's own (which `cuttable` alone may let through).

    >>> is_running_text("今年以来，魏都区一直坚持不懈优化营商环境。", load_layout_rules())
    True
    """
    return cuttable(paragraph) and classify(paragraph, layout)[0] == BODY


def layout_blocks(paragraphs: list[str], rng: random.Random, captions: bool = True) -> list[str]:
    """One or two blocks a page sets among running text: a caption (with its credit), a running head or
    page number, a date line, an editor's credit. Without `captions`, only what a page break leaves
    between two columns of a hard-wrapped text: its foot and the next page's head.

    >>> blocks = layout_blocks(["魏都区举行对接会，企业代表参加。"], random.Random(3))
    >>> 1 <= len(blocks) <= 2
    True
    """
    roll = rng.random() if captions else 0.5 + rng.random() / 2
    if roll < 0.5:
        source = rng.choice(paragraphs)
        clause = source.split("，")[0].split("。")[0][:30] or "会议现场"
        caption = rng.choice([f"图为{clause}。", f"上图：{clause}。", f"{clause}。（新华社记者{name(rng)}摄）"])
        if caption.startswith(("图为", "上图")) and rng.random() < 0.5:
            return [caption, rng.choice([f"{name(rng)} 摄", f"本报记者 {name(rng)} 摄"])]
        return [caption]
    if roll < 0.75:
        paper, page = rng.choice(PAPERS), rng.randint(1, 16)
        letter = rng.choice("ABC")
        section = rng.choice(SECTIONS)
        heads = [f"{paper} 第{page}版", f"{paper} {letter}{page}", f"{letter}{page} {section}"]
        return [rng.choice([*heads, f"- {page} -", str(page)])]
    if roll < 0.9:
        day = rng.randint(1, 28)
        return [f"1998年1月{day}日 星期{WEEKDAYS[day % 7]}"]
    return [f"责任编辑：{name(rng)}"]


def debris_page(
    paragraphs: tuple[str, ...],
    rng: random.Random,
    pool: list[str],
    cut_share: float = 0.3,
    boundary_share: float = 0.1,
    can_cut: Callable[[str], bool] = cuttable,
    wrap_width: int = 0,
    headlines: dict[int, bool] | None = None,
    blank_lines: bool = False,
) -> DebrisPage:
    """A page of paragraphs, some cut with layout blocks between the halves, some real boundaries given
    layout blocks too. `pool` holds paragraphs to draw captions from; `can_cut` says which paragraphs
    are running text a column break may cut. Paragraphs stand on blank lines; with a `wrap_width`, they
    are hard-wrapped into a column of that width instead, one line per line, and cut where a line ends
    (a column ends there), with a page's foot or head set on lines of their own; with `blank_lines` too, the
    wrapped paragraphs and the blocks stand on blank lines (a right half of one or two lines is then a run too
    short to measure a column).

    `headlines` maps the index of each headline paragraph to whether a dateline opens the paragraph after it.
    On a page not hard-wrapped, the running-text paragraph before one is, at `cut_share`, cut with the headline
    set between its halves (or cut short, its rest dropped, before a dated headline: "headline open"); a
    finished paragraph before a dated headline is a "headline boundary" as printed.

    >>> paragraphs = ("今年以来，魏都区一直坚持不懈优化营商环境。", "魏都区召开优化营商环境推进大会")
    >>> paragraphs += ("本报讯 近日，魏都区召开大会。",)
    >>> page = debris_page(paragraphs, random.Random(5), [], cut_share=1.0, headlines={1: True})
    >>> left, headline, right, dateline = page.text.split("\\n\\n")
    >>> [case.kind for case in page.cases], headline, left + right == paragraphs[0]
    (['headline cut'], '魏都区召开优化营商环境推进大会', True)
    """
    page = DebrisPage()
    separator = "\n" if wrap_width and not blank_lines else "\n\n"
    headlines = {} if wrap_width or headlines is None else headlines
    skip_to = 0  # a headline already set between halves is not set again

    def add(piece: str) -> None:
        page.text += (separator if page.text else "") + piece

    def set_blocks(kind: str, right: str) -> None:
        left_end = len(page.text)
        blocks = layout_blocks(pool, rng, captions=not wrap_width)
        for block in blocks:
            add(block)
        left = page.text[max(0, left_end - 8) : left_end]
        page.cases.append(Case(kind, left_end, len(page.text) + len(separator), left, right[:8], tuple(blocks)))

    def set_headline(kind: str, headline: str, right: str) -> None:
        left_end = len(page.text)
        add(headline)
        page.cases.append(
            Case(kind, left_end, len(page.text) + 2, page.text[max(0, left_end - 8) : left_end], right[:8], (headline,))
        )

    for index, paragraph in enumerate(paragraphs):
        if index < skip_to:
            continue
        dated = headlines.get(index + 1)
        if dated is not None and index + 2 < len(paragraphs):
            headline, after = paragraphs[index + 1], paragraphs[index + 2]
            inside = cuts_inside_sentences(paragraph, 0) if can_cut(paragraph) and rng.random() < cut_share else []
            if inside:
                cut = rng.choice(inside)
                add(paragraph[:cut])
                if dated and rng.random() < 1 / 3:  # the rest is on another page
                    set_headline("headline open", headline, after)
                else:
                    set_headline("headline cut" if dated else "headline undated", headline, paragraph[cut:])
                    add(paragraph[cut:])
                skip_to = index + 2
                continue
            if dated and ends_sentence(paragraph):
                add(paragraph)
                set_headline("headline boundary", headline, after)
                skip_to = index + 2
                continue
        if page.text and ends_sentence(page.text) and rng.random() < boundary_share:
            set_blocks("boundary", paragraph)
        inside = cuts_inside_sentences(paragraph, wrap_width) if can_cut(paragraph) and rng.random() < cut_share else []
        if inside:
            cut = rng.choice(inside)
            add(wrapped_column(paragraph[:cut], wrap_width))
            set_blocks("cut", paragraph[cut:])
            add(wrapped_column(paragraph[cut:], wrap_width))
        else:
            add(wrapped_column(paragraph, wrap_width))
    return page


def cuts_inside_sentences(paragraph: str, wrap_width: int) -> list[int]:
    """Where a column break may cut a paragraph inside a sentence; in a wrapped column, only where a line ends."""
    positions = cut_positions(paragraph)
    inside = [position for kind in CUTS_INSIDE for position in positions[kind]]
    return [p for p in inside if p % wrap_width == 0] if wrap_width else inside


@dataclass
class DebrisScore:
    """What became of the cases: per kind, how many, how many joined across (cuts) or moved (boundaries), glued."""

    total: Counter[str] = field(default_factory=Counter)
    joined: Counter[str] = field(default_factory=Counter)
    suggested: Counter[str] = field(default_factory=Counter)
    glued: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, page: DebrisPage, output: str, changes: Sequence[Change]) -> None:
        """Score the cases of one page from the pipeline's output text and its rejoin changes."""
        output = canonical(output)
        for case in page.cases:
            self.total[case.kind] += 1
            moves = {c.status for c in changes if c.rule == "R104" and c.start == case.left_end}
            left, right = canonical(case.left), canonical(case.right)
            joined = Status.APPLIED in moves and (left + right) in output
            self.joined[case.kind] += joined
            self.suggested[case.kind] += Status.SUGGESTED in moves
            # a half glued to a block: the block runs on into the text beside it, no break between
            first, last = canonical(case.blocks[0]), canonical(case.blocks[-1])
            glued = (left + first[:4]) in output or (last[-4:] + right) in output
            self.glued[case.kind] += glued
            expected = KINDS[case.kind]
            if (expected is not None and joined != expected) or glued:
                verdict, blocks = "joined" if joined else "-", " | ".join(case.blocks)
                self.errors.append(f"{case.kind:<9} {verdict:<7} {case.left!r} | {blocks} | {case.right!r}")

    def lines(self) -> list[str]:
        """The report's table: one row per figure."""
        rows = [f"{'case':<34}{'cases':>7}{'share':>9}"]
        cuts, bounds = self.total["cut"], self.total["boundary"]
        rows.append(f"{'cuts joined across the blocks':<34}{cuts:>7}{share(self.joined['cut'], cuts):>9.4f}")
        rows.append(f"{'cuts only suggested':<34}{cuts:>7}{share(self.suggested['cut'], cuts):>9.4f}")
        rows.append(f"{'boundaries with blocks moved':<34}{bounds:>7}{share(self.joined['boundary'], bounds):>9.4f}")
        glued = self.glued["cut"] + self.glued["boundary"]
        rows.append(f"{'a half glued to a block':<34}{cuts + bounds:>7}{share(glued, cuts + bounds):>9.4f}")
        for kind in ("headline cut", "headline undated", "headline open", "headline boundary"):
            total = self.total[kind]
            rows.append(f"{kind + ': joined':<34}{total:>7}{share(self.joined[kind], total):>9.4f}")
            rows.append(f"{kind + ': glued':<34}{total:>7}{share(self.glued[kind], total):>9.4f}")
        return rows


def headline_sites(
    paragraphs: Sequence[str], layout: LayoutRules, article_start: re.Pattern[str] | None
) -> dict[int, bool]:
    """The headlines of a page (after running text, before running text), each with whether a dateline
    opens the paragraph after it.

    >>> start = re.compile("本报讯")
    >>> paragraphs = ("正文在这里，结束了。", "魏都区召开优化营商环境推进大会", "本报讯 今天，天气晴。")
    >>> headline_sites(paragraphs, load_layout_rules(), start)
    {1: True}
    """
    sites: dict[int, bool] = {}
    for index in range(1, len(paragraphs) - 1):
        if classify(paragraphs[index], layout)[0] == "headline" and classify(paragraphs[index - 1], layout)[0] == BODY:
            opening = unicodedata.normalize("NFKC", paragraphs[index + 1])[:40]
            sites[index] = article_start is not None and article_start.match(opening) is not None
    return sites


def canonical(text: str) -> str:
    """Text as compared: NFKC, no spaces (normalize makes digits half-width and drops spaces between Han).

    >>> canonical("本报记者 何敏 摄１９")
    '本报记者何敏摄19'
    """
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")


@click.command(name="debris")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True, help=CORPUS_HELP)
@click.option(
    "--split",
    type=click.Choice(["held-out", "train"]),
    default="held-out",
    show_default=True,
    help="held-out to report; train to tune on",
)
@click.option("--limit", type=int, default=0, show_default=True, help="newspaper pages to use (0: all)")
@click.option("--seed", type=int, default=1, show_default=True, help=SEED_HELP)
@click.option("--wrap-share", type=float, default=0.3, show_default=True, help="share of pages hard-wrapped")
@click.option("--blank-lines", is_flag=True, help="hard-wrapped pages part their paragraphs by blank lines too")
@click.option("--skip", multiple=True, help="rule to switch off (R104: see what the page would get without it)")
@click.option("--errors", "show_errors", is_flag=True, help="print up to 40 wrong decisions")
def debris(
    corpus: Path,
    split: str,
    limit: int,
    seed: int,
    wrap_share: float,
    blank_lines: bool,
    skip: tuple[str, ...],
    show_errors: bool,
) -> None:
    """Score joins across captions, running heads and date lines set between the halves of cut sentences."""
    rules = load_rules().without(skip)
    rng = random.Random(seed)
    pages = newspaper_pages(select(corpus, split))
    if limit:
        pages = random.Random(seed).sample(pages, min(limit, len(pages)))
    layout = load_layout_rules(rules)

    running_text = partial(is_running_text, layout=layout)
    pool = [p for page in pages for p in page.paragraphs if running_text(p)]
    article_start = Weights.from_rules(rules).article_start
    pipeline = Pipeline(rules, Options(skip=frozenset({"duplicates", "spelling", "figures"})))
    score = DebrisScore()
    for number, article in enumerate(pages):
        width = rng.randint(10, 20) if rng.random() < wrap_share else 0
        headlines = headline_sites(article.paragraphs, layout, article_start)
        page = debris_page(
            article.paragraphs,
            rng,
            pool,
            can_cut=running_text,
            wrap_width=width,
            headlines=headlines,
            blank_lines=blank_lines,
        )
        result = pipeline.run(Document(f"page-{number}", f"page-{number}.txt", page.text))
        score.add(page, result.text, [c for c in result.changes if c.stage == "rejoin"])
    without = f", without {', '.join(skip)}" if skip else ""
    parted = " (paragraphs on blank lines)" if blank_lines else ""
    click.echo(
        f"debris: {len(pages)} {split} newspaper pages, seed {seed}, {wrap_share:.0%} hard-wrapped{parted}{without}"
    )
    for line in score.lines():
        click.echo(line)
    if show_errors:
        click.echo("wrong decisions (case, joined, left | blocks | right):")
        for line in score.errors[:40]:
            click.echo("  " + line)
