"""`cleaner eval pages`: the whole pipeline on seed-like pages with the seed's defects injected, scored as the seed.

Pages are composed from the articles of a split (`page_compose`: a few articles of one printed page, some
hard-wrapped, with cuts, doubled words, repeated list items, a ledger label given two counts and a truncated
ending at about the seed's rates), cleaned with the default pipeline, and scored with the acceptance pages'
checks (`page_checks`, as seed_check scores the seed): joins made, real breaks kept, doubled words single and
nothing else deleted, each gold flag found and no other raised, no spelling change (the pages have no
confusions), the text equal to the gold text, and the Han characters that differ from it.

>>> tally = PageTally()
>>> tally.add_check("joins", True)
>>> tally.passed["joins"], tally.pages["joins"]
(1, 1)
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import click

from ..model import Change, Document, Status
from ..pipeline import Context, Pipeline
from ..stages.layout_classes import load_layout_rules
from . import share
from .corpus import CORPUS_HELP, DEFAULT_CORPUS, SEED_HELP, SPLIT_HELP, Article, load_articles
from .debris import is_running_text
from .duplicates import Injector
from .page_checks import (
    Page,
    canonical,
    checks_of,
    false_flags,
    flag_hit,
    han_damage,
    lost_breaks,
    missed_joins,
    still_doubled,
    wrong_deletions,
)
from .page_compose import Defects, compose

CONTEXT = 12  # characters shown each side of a miss
PAGE_SIZES = (3000, 7000)  # a page's articles fill about this many characters, as the seed's 6,300


def page_sources(articles: Sequence[Article], rng: random.Random) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Runs of consecutive articles (by id: a printed page's, then the next page's), each about a seed page's
    length, named by their first article: (name, paragraphs).

    >>> articles = [Article(f"19980101-01-00{n}", ("标题", "正文" * 1000)) for n in range(5)]
    >>> [name for name, _ in page_sources(articles, random.Random(1))]
    ['19980101-01-000', '19980101-01-002']
    """
    run: list[Article] = []
    size, target = 0, rng.randint(*PAGE_SIZES)
    for article in sorted(articles, key=lambda a: a.id):
        if run and size >= target:
            yield run[0].id, tuple(p for a in run for p in a.paragraphs)
            run, size, target = [], 0, rng.randint(*PAGE_SIZES)
        run.append(article)
        size += sum(len(p) for p in article.paragraphs)
    if run:
        yield run[0].id, tuple(p for a in run for p in a.paragraphs)


@dataclass
class PageTally:
    """Over many pages: per check, the pages it applied to and passed; per item kind, found and total; misses."""

    pages: Counter[str] = field(default_factory=Counter)
    passed: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    false: Counter[str] = field(default_factory=Counter)  # false changes by rule
    characters: int = 0
    han_damage: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (kind, what, with its context)

    def add_check(self, name: str, ok: bool) -> None:
        self.pages[name] += 1
        self.passed[name] += ok

    def item(self, kind: str, found: bool, miss: str = "") -> None:
        self.total[kind] += 1
        self.found[kind] += found
        if not found:
            self.misses.append((kind, miss))

    def add(self, page: Page, out: str, changes: Sequence[Change]) -> None:
        """Score one cleaned page: every check of the acceptance pages, then its items one by one."""
        self.characters += len(page.text)
        for name, check in checks_of(page):
            self.add_check(name.removeprefix("flag-"), check(out, changes).ok)
        damage = han_damage(page.gold_text, out)
        self.add_check("Han damage 0", damage == 0)
        self.han_damage += damage
        gold, canon = page.gold, canonical(out)
        wrapped = "\n" in page.text.replace("\n\n", "")
        missed = {id(b) for b in missed_joins(gold, out)}
        for boundary in (b for b in gold["boundaries"] if b["type"] == "join"):
            kind = "join across blocks" if "across" in boundary else "join"
            kind += " (wrapped)" if wrapped else ""
            self.item(kind, id(boundary) not in missed, _around(page.text, boundary["start"], boundary["end"]))
        lost = {id(b) for b in lost_breaks(gold, out)}
        for boundary in (b for b in gold["boundaries"] if b["type"] == "keep_break"):
            kind = "break kept" + (" (moved blocks)" if "moved_here" in boundary else "")
            where = _around(page.text, boundary["start"], boundary["end"])
            self.item(kind, id(boundary) not in lost, where + f"  out: {_found_near(canon, boundary)}")
        kept = {id(d) for d in still_doubled(gold, out)}
        for duplicate in gold["duplicates"]:
            self.item("doubled word fixed", id(duplicate) not in kept, duplicate["context"])
        for flag in gold["flags"]:
            self.item(f"flag {flag['type']}", flag_hit(flag, changes), _around(page.text, flag["start"], flag["end"]))
        for change in wrong_deletions(gold, changes):
            self._false(f"deleted wrongly {change.rule}", page.text, change)
        for change in false_flags(gold, changes):
            self._false(f"false flag {change.rule}", page.text, change)
        for change in changes:
            if change.stage == "spelling" and change.status is Status.APPLIED:
                self._false(f"spelling applied {change.rule}", page.text, change)

    def _false(self, kind: str, text: str, change: Change) -> None:
        self.false[kind] += 1
        shown = f"{text[max(0, change.start - CONTEXT) : change.start]}[{change.before[:40]}→{change.after or ''}]"
        self.misses.append((kind, (shown + text[change.end : change.end + CONTEXT]).replace("\n", "⏎")))

    def lines(self) -> list[str]:
        """The report: pages passing each check, items found per kind, false changes per rule."""
        rows = [f"{'check':34}{'pages':>7}{'passed':>8}{'share':>8}"]
        for name, pages in self.pages.items():
            rows.append(f"{name:34}{pages:>7}{self.passed[name]:>8}{share(self.passed[name], pages):>8.3f}")
        rows.append(f"{'item':34}{'items':>7}{'found':>8}{'share':>8}")
        for kind in sorted(self.total):
            rows.append(
                f"{kind:34}{self.total[kind]:>7}{self.found[kind]:>8}{share(self.found[kind], self.total[kind]):>8.3f}"
            )
        joins = sum(n for k, n in self.total.items() if k.startswith("join"))
        joined = sum(n for k, n in self.found.items() if k.startswith("join"))
        breaks = sum(n for k, n in self.total.items() if k.startswith("break"))
        lost = breaks - sum(n for k, n in self.found.items() if k.startswith("break"))
        rows.append(f"{'all joins':34}{joins:>7}{joined:>8}{share(joined, joins):>8.3f}")
        rows.append(
            f"breaks lost (false joins, blocks not moved) per 100: {100 * share(lost, breaks):.2f} ({lost} of {breaks})"
        )
        rows.append(f"false changes: {sum(self.false.values())} " + str(dict(self.false.most_common())))
        rows.append(f"Han characters differing from the gold texts: {self.han_damage} in {self.characters} characters")
        return rows

    def shown_misses(self, count: int, rng: random.Random) -> list[str]:
        """A sample of `count` misses and false changes, grouped by kind, most frequent kind first."""
        kinds = Counter(kind for kind, _ in self.misses)
        sample = rng.sample(self.misses, min(count, len(self.misses)))
        sample.sort(key=lambda miss: (-kinds[miss[0]], miss[0]))
        return [f"{kind}: {what}" for kind, what in sample]


def _around(text: str, start: int, end: int) -> str:
    """A span of the page with CONTEXT characters each side, the span in brackets, on one line."""
    shown = f"{text[max(0, start - CONTEXT) : start]}[{text[start:end]}]{text[end : end + CONTEXT]}"
    return shown.replace("\n", "⏎")


def _found_near(canon: str, boundary: dict) -> str:
    """What the canonical output holds where a lost break's left side stands."""
    left = canonical(boundary["left"])
    at = canon.find(left)
    return canon[at : at + len(left) + CONTEXT] if at >= 0 else "(left side not found)"


def seed_like_pages(corpus: Path, held_out: bool, count: int, seed: int, defects: Defects | None = None) -> list[Page]:
    """`count` pages (0: all) composed from the articles of a split and damaged, deterministically for a seed."""
    context = Context.default()
    training = list(load_articles(corpus, held_out=False))
    articles = list(load_articles(corpus, held_out=True)) if held_out else training
    rng = random.Random(seed)
    sources = list(page_sources(articles, rng))
    if count:
        sources = sorted(rng.sample(sources, min(count, len(sources))))
    layout = load_layout_rules(context.rules)
    running = partial(is_running_text, layout=layout)
    pool = [p for _, paragraphs in sources for p in paragraphs if running(p)]
    injector = Injector(context, "\n".join(article.text for article in training), rng)

    def doubling_sites(text: str) -> list[tuple[int, str]]:
        return [(site.position, site.copy) for site in injector.doubling_sites(text)["word"]]

    return [
        compose(paragraphs, random.Random(f"{seed}-{name}"), defects or Defects(), name, running, doubling_sites, pool)
        for name, paragraphs in sources
    ]


def score(pages: Sequence[Page], pipeline: Pipeline) -> PageTally:
    """Clean every page with the pipeline and score it."""
    tally = PageTally()
    for page in pages:
        result = pipeline.run(Document(page.name, f"{page.name}.txt", page.text))
        tally.add(page, result.text, result.changes)
    return tally


@click.command(name="pages")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True, help=CORPUS_HELP)
@click.option(
    "--split", type=click.Choice(["held-out", "train"]), default="held-out", show_default=True, help=SPLIT_HELP
)
@click.option("--pages", "count", type=click.IntRange(0), default=100, show_default=True, help="pages (0: all)")
@click.option("--seed", type=int, default=1, show_default=True, help=SEED_HELP)
@click.option("--show-misses", type=click.IntRange(0), default=0, help="print a sample of this many misses")
@click.option("--write", type=click.Path(path_type=Path, file_okay=False), help="write the pages and gold here")
def pages(corpus: Path, split: str, count: int, seed: int, show_misses: int, write: Path | None) -> None:
    """Score the whole pipeline on seed-like pages with injected defects, as seed_check scores the seed."""
    made = seed_like_pages(corpus, split == "held-out", count, seed)
    if write is not None:
        write_pages(made, write)
    tally = score(made, Pipeline())
    click.echo(f"pages: {len(made)} seed-like pages of {split} articles, seed {seed}, {tally.characters} characters")
    for line in tally.lines():
        click.echo(line)
    if show_misses:
        click.echo("misses and false changes (a sample):")
        for line in tally.shown_misses(show_misses, random.Random(seed)):
            click.echo("  " + line)


def write_pages(made: Sequence[Page], folder: Path) -> None:
    """Each page as the seed is stored: NAME.txt, NAME.gold.json and NAME.gold.txt."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    for page in made:
        (folder / f"{page.name}.txt").write_text(page.text, encoding="utf-8")
        (folder / f"{page.name}.gold.json").write_text(json.dumps(page.gold, ensure_ascii=False, indent=1), "utf-8")
        (folder / f"{page.name}.gold.txt").write_text(page.gold_text, encoding="utf-8")
