"""`cleaner eval flags`: the seed's three flags injected into clean modern pages, found or missed.

The other evaluations inject flags into 1998 People's Daily articles; this one injects them, seed-style,
into the clean gold texts of pages in the seed's format (tests/pages/*.gold.txt) and runs the default
pipeline (full profile) on each damaged page:

- F101-clause / F101-next: a count whose label alone names its item (the count closes its clause) is
  given again with another number, in the same sentence after a semicolon or comma (…36个，…；列入区级
  台账问题100个) or as the next sentence (…。列入区级台账问题100个。); F101-seed: a count and the count of
  its next clause given again together after a semicolon, as on the seed (…36个，已办结34个；…100个，已办结96个);
- list-…: an item of a list (、-separated, or quoted names in a row) is repeated after itself (insert)
  or over the item after it (replace), as the seed's “A”“A”“B” and “A”“A”“A”;
- ending-…: the page is cut inside its last running-text paragraph, as `eval endings` cuts.

An injection is found when a flagged change overlaps its span, as seed_check scores the seed. The
untouched pages are cleaned too: a flag there that no gold flag of the page names is a false flag.

>>> text = "全区共有网格112个，每个网格配备1名网格长。"
>>> made = inject_figure(text, figure_sites(text)[0], "next", random.Random(1))
>>> made[0].startswith(text) and made[0].endswith("。") and made[0] != text
True
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..model import Change, Document
from ..pipeline import Pipeline
from ..rules import load_rules
from ..stages.duplicates_enumerations import ENUMERATION
from ..stages.duplicates_lists import QUOTED_RUNS
from ..stages.figures import _patterns
from ..stages.figures_rates import is_exact_count
from ..stages.quantities import Quantity, extract, sentence_starts
from .endings import cut_ending

DEFAULT_PAGES = Path("tests/pages")
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
LEDGER_LABEL = re.compile(r"[\u4e00-\u9fff]{4,14}")  # Han words only: the label alone names the item
FOLLOWER_LABEL = re.compile(r"[\u4e00-\u9fff]{2,8}")  # 已办结: what the item's count goes on to tell
CLAUSE_CLOSE = re.compile(r"[，；。,;！？!?]")
CLAUSE_END = re.compile(r"[，；。！？,;!?\n]")
SENTENCE_END = re.compile(r"[。！？!?]")
LIST_ITEM_MARKS = re.compile(r"[,;:!?，；：“”]")
Span = tuple[int, int]


def other_number(written: str, rng: random.Random) -> str:
    """Another positive number written with as many decimals.

    >>> other_number("36", random.Random(1)) != "36"
    True
    """
    places = len(written.split(".")[1]) if "." in written else 0
    while True:
        factor = rng.choice([rng.uniform(0.3, 0.9), rng.uniform(1.1, 3.0)])
        new = f"{float(written) * factor:.{places}f}"
        if new != written and float(new) > 0:
            return new


def figure_sites(text: str) -> list[Quantity]:
    """The exact counts in Arabic digits whose label of Han words alone names the item: the count closes its clause
    and its label tells no change (由…, 从…).

    >>> [q.label for q in figure_sites("全区共有网格112个，覆盖3万户居民。")]
    ['全区共有网格']
    """
    patterns = _patterns(load_rules())
    sites = []
    for q in extract(text, patterns.units, sentence_starts(text)):
        if not is_exact_count(q) or q.cut or not LEDGER_LABEL.fullmatch(q.label) or re.search("由|从", q.label):
            continue
        if NUMBER.match(text, q.start) and CLAUSE_CLOSE.match(text, q.end):
            sites.append(q)
    return sites


def inject_figure(text: str, q: Quantity, where: str, rng: random.Random) -> tuple[str, Span] | None:
    """The text with q's label given another count after q's clause ("clause") or as the next sentence ("next"),
    and the span from q's label to the copy's end; None when no place fits."""
    written = text[q.start : q.end]
    number = NUMBER.match(written)
    if number is None:
        return None
    copy = q.label + other_number(number[0], rng) + written[number.end() :]
    if where == "clause":
        mark = CLAUSE_END.search(text, q.end)
        if mark is None:
            return None
        at = mark.start()
        half_width = "," in text and "，" not in text
        insert = rng.choice(";," if half_width else "；，") + copy
    else:
        mark = SENTENCE_END.search(text, q.end)
        if mark is None or "\n" in text[q.end : mark.start()]:
            return None
        at = mark.end()
        while at < len(text) and text[at] in "”’）":
            at += 1
        insert = copy + "。"
    return text[:at] + insert + text[at:], (q.label_start, at + len(insert))


def inject_ledger_pair(text: str, sites: list[Quantity], rng: random.Random) -> tuple[str, Span] | None:
    """The seed's very shape: a count and the one its next clause gives (列入区级台账问题36个，已办结34个) given again
    with other numbers after a semicolon (；列入区级台账问题100个，已办结96个); None when no count has such a follower.

    >>> text = "全区列入台账问题36个，已办结34个，办结率高。"
    >>> made = inject_ledger_pair(text, figure_sites(text), random.Random(1))
    >>> made[0].startswith("全区列入台账问题36个，已办结34个；全区列入台账问题"), made[1]
    (True, (0, 37))
    """
    follows = {
        q.label_start: q
        for q in extract(text, _patterns(load_rules()).units, sentence_starts(text))
        if is_exact_count(q) and FOLLOWER_LABEL.fullmatch(q.label) and NUMBER.match(text, q.start)
    }
    pairs = [(q, follows[q.end + 1]) for q in sites if text[q.end : q.end + 1] in "，," and q.end + 1 in follows]
    if not pairs:
        return None
    total, part = rng.choice(pairs)
    copies = []
    for q in (total, part):
        written = text[q.start : q.end]
        number = NUMBER.match(written)
        if number is None:
            return None
        copies.append(q.label + other_number(number[0], rng) + written[number.end() :])
    semicolon, comma = (";", ",") if text[total.end] == "," else ("；", "，")
    insert = semicolon + copies[0] + comma + copies[1]
    return text[: part.end] + insert + text[part.end :], (total.label_start, part.end + len(insert))


def list_sites(text: str) -> list[tuple[str, list[Span]]]:
    """Lists to repeat an item of: quoted names in a row, and 、-lists of three items or more whose inner items are
    2-12 characters without clause marks (a first and last item's edges are unknown)."""
    sites = []
    for run_pattern, item_pattern in QUOTED_RUNS.values():
        for run in run_pattern.finditer(text):
            spans = [(run.start() + m.start(), run.start() + m.end()) for m in item_pattern.finditer(run[0])]
            if len(spans) >= 2:
                sites.append(("quoted", spans))
    for match in ENUMERATION.finditer(text):
        if match[0].count("、") < 2:
            continue
        spans, position = [], match.start()
        for part in match[0].split("、"):
            spans.append((position, position + len(part)))
            position += len(part) + 1
        inner = spans[1:-1]
        if all(2 <= e - s <= 12 and not LIST_ITEM_MARKS.search(text, s, e) for s, e in inner):
            sites.append(("enum", spans))
    return sites


def inject_list(text: str, site: tuple[str, list[Span]], rng: random.Random) -> tuple[str, Span, str]:
    """The text with one item repeated after itself or over the next item, the span of the two, and how.

    >>> page, site = "甲、乙乙、丙丙、丁", ("enum", [(0, 1), (2, 4), (5, 7), (8, 9)])
    >>> inject_list(page, site, random.Random(2)), inject_list(page, site, random.Random(4))
    (('甲、乙乙、乙乙、丙丙、丁', (2, 7), 'enum-insert'), ('甲、乙乙、乙乙、丁', (2, 7), 'enum-replace'))
    """
    kind, spans = site
    first = 0 if kind == "quoted" else 1
    last = len(spans) - (1 if kind == "quoted" else 2)  # the last item an insert may copy
    index = rng.randrange(first, last + 1)
    start, end = spans[index]
    item = text[start:end]
    joiner = "" if kind == "quoted" else "、"
    can_replace = index + 1 < len(spans) - (0 if kind == "quoted" else 1)
    mode = rng.choice(["insert", "replace"]) if can_replace else "insert"
    if mode == "insert":
        return text[:end] + joiner + item + text[end:], (start, end + len(joiner) + len(item)), f"{kind}-{mode}"
    next_start, next_end = spans[index + 1]
    return text[:next_start] + item + text[next_end:], (start, next_start + len(item)), f"{kind}-{mode}"


def injections(text: str, rng: random.Random) -> list[tuple[str, str, Span]]:
    """One of each kind the page allows: (kind, damaged text, span a flag must overlap)."""
    cases = []
    sites = figure_sites(text)
    for where in ("clause", "next"):
        made = inject_figure(text, rng.choice(sites), where, rng) if sites else None
        if made:
            cases.append((f"F101-{where}", *made))
    lists = list_sites(text)
    if lists:
        damaged, span, how = inject_list(text, rng.choice(lists), rng)
        cases.append((f"list-{how}", damaged, span))
    paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip())
    cut = cut_ending(paragraphs, rng, furniture_share=0.0)
    if cut:
        cases.append((f"ending-{cut.kind}", cut.text, (cut.cut_end - 3, cut.cut_end)))
    made = inject_ledger_pair(text, sites, rng)  # drawn last: the kinds above draw as before it came
    if made:
        cases.append(("F101-seed", *made))
    return cases


def flagged(pipeline: Pipeline, name: str, text: str) -> list[Change]:
    return [c for c in pipeline.run(Document(name, f"{name}.txt", text)).changes if c.status == "flagged"]


def squeezed(text: str) -> str:
    """Text compared without whitespace, half-width separators as full-width."""
    return re.sub(r"\s+", "", text.replace(",", "，").replace(";", "；"))


@dataclass
class FlagTally:
    """Injections tried and found by kind, false flags on untouched pages, and what was missed."""

    tried: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    pages: int = 0
    false_flags: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        rows = [f"{kind:24}{self.found[kind]:6}/{self.tried[kind]:<6}" for kind in sorted(self.tried)]
        rows.append(f"{'all':24}{sum(self.found.values()):6}/{sum(self.tried.values()):<6}")
        rows.append(f"false flags on {self.pages} untouched pages: {len(self.false_flags)}")
        return rows


def probe(pages: list[Path], seeds: list[int], pipeline: Pipeline) -> FlagTally:
    """Inject each kind into each gold text once per seed; count what the pipeline flags."""
    tally = FlagTally()
    for path in pages:
        name = path.name.removesuffix(".gold.txt")
        text = path.read_text(encoding="utf-8")
        gold_file = path.with_name(f"{name}.gold.json")
        gold = json.loads(gold_file.read_text(encoding="utf-8")) if gold_file.exists() else {}
        expected = [squeezed(flag["text"]) for flag in gold.get("flags", [])]
        tally.pages += 1
        for change in flagged(pipeline, name, text):
            before = squeezed(change.before)
            if not any(before in known or known in before for known in expected):
                tally.false_flags.append(f"{name} {change.rule}: {change.before[:60]!r}")
        for seed in seeds:
            rng = random.Random(f"{seed}-{name}")
            for kind, damaged, (start, end) in injections(text, rng):
                tally.tried[kind] += 1
                if any(c.start < end and start < c.end for c in flagged(pipeline, name, damaged)):
                    tally.found[kind] += 1
                else:
                    tally.missed.append(f"{kind} {name} seed {seed}: {damaged[max(0, start - 10) : end + 10]!r}")
    return tally


@click.command(name="flags")
@click.option(
    "--pages",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_PAGES,
    show_default=True,
    help="A folder of clean pages (*.gold.txt) to inject the flags' defects into.",
)
@click.option("--seeds", default="1,2,3", show_default=True, help="comma-separated seeds; each injects once per page")
@click.option("--show", type=int, default=20, show_default=True, help="print this many misses and false flags")
def flags(folder: Path, seeds: str, show: int) -> None:
    """Recall of the seed's flags (F101, repeated list items, a truncated ending) injected into clean gold pages."""
    pages = sorted(folder.glob("*.gold.txt"))
    if not pages:
        raise click.UsageError(f"no *.gold.txt in {folder}")
    tally = probe(pages, [int(seed) for seed in seeds.split(",")], Pipeline())
    click.echo(f"flags injected into {len(pages)} clean pages of {folder}, seeds {seeds}")
    click.echo("\n".join(tally.lines()))
    for line in (tally.false_flags + tally.missed)[:show]:
        click.echo(f"  {line}")
