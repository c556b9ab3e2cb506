"""`cleaner eval duplicates`: the duplicates stage on People's Daily articles with injected doubling.

Into each article (normalized first, as the stage sees it) the evaluation injects doubled words (a
word of 1-4 characters typed twice: 污染污染), doubled characters (one character of a word typed
twice: 橡胶坝坝), a repeated item in an enumeration (大气、水、水、土壤 or “甲”“甲”“乙”) and a
stretch of 12-30 characters read twice, as a scanned line is. It reports the recall and precision
of the applied fixes, the flag recall on enumerations, how many repeated stretches are fixed or at
least reported, and, on the same articles without injection, the characters changed per 10,000
and the false flags.

An injection whose doubled form is itself a word, occurs in the training articles (污染污染 would
not be made if it did; for a doubled character, with the neighbour on either side: 一座座, 去年年,
中国国), or is listed as always legitimate in rules/reduplication.toml (研究研究) is not made: such
text is correct as it stands elsewhere and no cleaner can tell the difference without meaning.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..edits import apply_findings
from ..model import Document, Finding, Status
from ..patterns import HAN_CLASS, NUMERALS
from ..pipeline import Context, Options, Pipeline, page_findings
from ..resources import Resources
from ..rules import STAGES
from ..stages.duplicates_reduplication import ReduplicationPatterns
from . import echo_numbers, per_10k
from .corpus import CORPUS_HELP, DEFAULT_CORPUS, HELD_OUT_PERCENT, load_articles
from .corpus import bucket as corpus_bucket

HAN_WORD = re.compile(f"^[{HAN_CLASS}]+$")
NUMERAL_WORD = re.compile(f"^[{NUMERALS}]+$")
# An enumeration as the injector sees it: Han-only items joined by 、 (so its items are unambiguous).
SIMPLE_LIST = re.compile(f"[{HAN_CLASS}]{{1,12}}(?:、[{HAN_CLASS}]{{1,12}})+")
QUOTED_RUN = re.compile(r"(?:“[^“”\n]{1,20}”){2,}")
TUNING_PERCENT = 15
MIN_GAP = 12  # characters kept between two injections, so one never hides another


@dataclass(frozen=True, slots=True)
class Injection:
    """Text inserted at `position` of the injected text: a copy of what precedes it."""

    kind: str  # "word", "char", "list" or "line"
    position: int
    copy: str


@dataclass
class Tally:
    """Counts over the articles of one run."""

    articles: int = 0
    characters: int = 0
    injected: dict[str, int] = field(default_factory=lambda: {"word": 0, "char": 0, "list": 0, "line": 0})
    fixed: dict[str, int] = field(default_factory=lambda: {"word": 0, "char": 0, "line": 0})
    suggested: dict[str, int] = field(default_factory=lambda: {"word": 0, "char": 0, "line": 0})
    line_found: int = 0
    list_flagged: int = 0
    applied_fixes: int = 0
    correct_fixes: int = 0
    clean_changed_characters: int = 0
    clean_changes: list[str] = field(default_factory=list)
    clean_list_flags: list[str] = field(default_factory=list)
    clean_line_flags: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, float | int]:
        doubled = self.injected["word"] + self.injected["char"]
        return {
            "articles": self.articles,
            "characters": self.characters,
            "injected_doubled": doubled,
            "recall": round((self.fixed["word"] + self.fixed["char"]) / max(1, doubled), 4),
            "recall_word": round(self.fixed["word"] / max(1, self.injected["word"]), 4),
            "recall_char": round(self.fixed["char"] / max(1, self.injected["char"]), 4),
            "suggested_only": self.suggested["word"] + self.suggested["char"],
            "precision": round(self.correct_fixes / max(1, self.applied_fixes), 4),
            "clean_changed_per_10k": per_10k(self.clean_changed_characters, self.characters),
            "injected_lists": self.injected["list"],
            "list_flag_recall": round(self.list_flagged / max(1, self.injected["list"]), 4),
            "false_list_flags_per_50": round(50 * len(self.clean_list_flags) / max(1, self.articles), 3),
            "injected_lines": self.injected["line"],
            "line_fix_recall": round(self.fixed["line"] / max(1, self.injected["line"]), 4),
            "line_found_recall": round(self.line_found / max(1, self.injected["line"]), 4),
            "clean_line_flags": self.clean_line_flags,
        }


def in_tuning_part(article_id: str) -> bool:
    """Whether a training article belongs to the part kept for tuning (15% of all articles).

    The hash buckets are those of `corpus.is_held_out`: buckets below 20 are held out, 20-34 are
    for tuning, so a language model trained on buckets 35-99 has not seen the tuning articles.
    """
    bucket = corpus_bucket(article_id)
    return HELD_OUT_PERCENT <= bucket < HELD_OUT_PERCENT + TUNING_PERCENT


def normalizer() -> Callable[[str], str]:
    """The text as the duplicates stage sees it: after the normalize stage."""
    pipeline = Pipeline(options=Options(skip=frozenset(s for s in STAGES if s != "normalize")))
    return lambda text: pipeline.run(Document("-", "-", text)).text


class Injector:
    """Chooses injections with jieba's words, never making a doubled form that is legitimate text."""

    def __init__(self, context: Context, reference_text: str, rng: random.Random) -> None:
        import jieba

        from ..lexicon import lexicon

        self.lexicon = lexicon(context)
        # every doubled form of 1-4 characters that occurs in the reference text
        self.reference = {
            match[1] * 2
            for length in range(1, 5)
            for match in re.finditer(f"(?=([{HAN_CLASS}]{{{length}}})\\1)", reference_text)
        }
        # every doubled character with its neighbour on either side there (一座座, 去年年, 中国国)
        self.doubled_trigrams = {
            text
            for match in re.finditer(f"(?=([{HAN_CLASS}])\\1)", reference_text)
            for start in (match.start() - 1, match.start())
            for text in (reference_text[start : start + 3],)
        }
        self.rng = rng
        patterns = ReduplicationPatterns.from_rules(context.rules).patterns
        self.listed = {unit for p in patterns if p.at_most is None and p.yields_above is None for unit in p.units}
        self.cut: Callable[[str], list[str]] = lambda text: list(jieba.cut(text, HMM=False))

    def legitimate(self, doubled: str) -> bool:
        return doubled in self.lexicon or doubled in self.reference or doubled[: len(doubled) // 2] in self.listed

    def doubling_sites(self, text: str) -> dict[str, list[Injection]]:
        sites: dict[str, list[Injection]] = {"word": [], "char": []}
        position = 0
        for word in self.cut(text):
            end = position + len(word)
            if HAN_WORD.match(word) and not NUMERAL_WORD.match(word):
                if len(word) <= 4 and not self.legitimate(word + word):
                    sites["word"].append(Injection("word", end, word))
                if len(word) >= 2:
                    offset = self.rng.randrange(len(word))
                    char = word[offset]
                    at = position + offset
                    before, after = text[at - 1 : at] + char + char, char + char + text[at + 1 : at + 2]
                    attested = before in self.doubled_trigrams or after in self.doubled_trigrams
                    if char + char not in self.lexicon and not attested and not NUMERAL_WORD.match(char):
                        sites["char"].append(Injection("char", at + 1, char))
            position = end
        return sites

    def list_sites(self, text: str) -> list[Injection]:
        sites = []
        for match in SIMPLE_LIST.finditer(text):
            items = match[0].split("、")
            if len(set(items)) < len(items):
                continue  # already repeats (告急、告急): not a clean list to inject into
            # the first item's left edge is unknown: it is repeated only when it is one word of 2+ characters
            first_words = self.cut(items[0])
            starts_clause = match.start() > 0 and text[match.start() - 1] in "，。；：\n"
            whole = len(first_words) == 1 and len(items[0]) > 1 and starts_clause
            choices = [Injection("list", match.start() + len(items[0]), "、" + items[0])] if whole else []
            position = match.start() + len(items[0]) + 1
            for item in items[1:-1]:
                choices.append(Injection("list", position + len(item), "、" + item))
                position += len(item) + 1
            if choices:
                sites.append(self.rng.choice(choices))
        for match in QUOTED_RUN.finditer(text):
            names = re.findall(r"“[^“”]+”", match[0])
            if len(set(names)) == len(names):
                index = self.rng.randrange(len(names))
                end = match.start() + sum(len(name) for name in names[: index + 1])
                sites.append(Injection("list", end, names[index]))
        return sites

    def line_site(self, text: str) -> list[Injection]:
        """A stretch of 12-30 characters of one paragraph, as a scanned line is, to be read twice."""
        paragraphs = [m for m in re.finditer(r"[^\n]{40,}", text)]
        if not paragraphs:
            return []
        paragraph = self.rng.choice(paragraphs)
        length = self.rng.randint(12, 30)
        start = paragraph.start() + self.rng.randrange(len(paragraph[0]) - length)
        return [Injection("line", start + length, text[start : start + length])]

    def inject(self, text: str) -> tuple[str, list[Injection]]:
        """The text with up to two doubled words, two doubled characters, one repeated list item and one
        stretch of a line read twice."""
        sites = self.doubling_sites(text)
        wanted = [*self.rng.sample(sites["word"], min(2, len(sites["word"])))]
        wanted += self.rng.sample(sites["char"], min(2, len(sites["char"])))
        lists = self.list_sites(text)
        wanted += self.rng.sample(lists, min(1, len(lists)))
        wanted += self.line_site(text)
        chosen: list[Injection] = []
        for site in sorted(wanted, key=lambda s: s.position):
            # what is copied lies before the insertion point: keep other injections off it
            if all(site.position - len(site.copy) - other.position > MIN_GAP for other in chosen):
                chosen.append(site)
        pieces, shifted, previous = [], [], 0
        for site in chosen:
            pieces += [text[previous : site.position], site.copy]
            shifted.append(Injection(site.kind, site.position + sum(len(s.copy) for s in shifted), site.copy))
            previous = site.position
        pieces.append(text[previous:])
        return "".join(pieces), shifted


def removes_copy(text: str, finding: Finding, site: Injection) -> bool:
    """Whether deleting the finding's span leaves the text as deleting the injected copy would."""
    start, end = site.position, site.position + len(site.copy)
    if finding.end - finding.start != end - start or finding.replacement != "":
        return False
    low, high = min(start, finding.start) - 1, max(end, finding.end) + 1
    low = max(low, 0)
    return text[low : finding.start] + text[finding.end : high] == text[low:start] + text[end:high]


def evaluate_articles(texts: list[str], injector: Injector, context: Context, find: Callable) -> Tally:
    tally = Tally()
    for text in texts:
        tally.articles += 1
        tally.characters += len(text)
        clean = apply_findings(text, find(text, context), context.min_confidence)
        for finding, status in clean.outcomes:
            if status is Status.APPLIED:
                tally.clean_changed_characters += max(finding.end - finding.start, len(finding.replacement or ""))
                tally.clean_changes.append(f"{finding.rule} {text[max(0, finding.start - 8) : finding.end + 8]!r}")
            elif finding.rule.startswith("D2"):
                tally.clean_list_flags.append(text[finding.start : finding.end])
            elif finding.rule.startswith("D3"):
                tally.clean_line_flags += 1
        injected, sites = injector.inject(text)
        outcome = apply_findings(injected, find(injected, context), context.min_confidence)
        applied = [f for f, status in outcome.outcomes if status is Status.APPLIED]
        suggested = [f for f, status in outcome.outcomes if status is Status.SUGGESTED]
        flags = [f for f, status in outcome.outcomes if status is Status.FLAGGED and f.rule.startswith("D2")]
        line_flags = [f for f, status in outcome.outcomes if status is Status.FLAGGED and f.rule.startswith("D3")]
        for site in sites:
            tally.injected[site.kind] += 1
            window = injected[max(0, site.position - 10) : site.position + len(site.copy) + 10]
            if site.kind == "list":
                end = site.position + len(site.copy)
                hit = any(f.start < end and site.position < f.end for f in flags)
                tally.list_flagged += hit
                if not hit:
                    tally.missed.append(f"list {window!r}")
            elif any(removes_copy(injected, f, site) for f in applied):
                tally.fixed[site.kind] += 1
                tally.line_found += site.kind == "line"
            else:
                was_suggested = any(removes_copy(injected, f, site) for f in suggested)
                tally.suggested[site.kind] += was_suggested
                if site.kind == "line":
                    end = site.position + len(site.copy)
                    flagged = any(f.start < end and site.position - len(site.copy) < f.end for f in line_flags)
                    tally.line_found += was_suggested or flagged
                tally.missed.append(f"{site.kind} {window!r}")
        doubling = [s for s in sites if s.kind != "list"]
        for finding in applied:
            tally.applied_fixes += 1
            if any(removes_copy(injected, finding, site) for site in doubling):
                tally.correct_fixes += 1
            else:
                tally.wrong.append(f"{finding.rule} {injected[max(0, finding.start - 8) : finding.end + 8]!r}")
    return tally


@click.command(name="duplicates")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True, help=CORPUS_HELP)
@click.option(
    "--split",
    type=click.Choice(["held-out", "tuning", "training"]),
    default="held-out",
    show_default=True,
    help="held-out reports; tuning is the part of the training side to tune on (with a --model trained without "
    "it); training is all of that side",
)
@click.option(
    "--model",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="a kenlm model to use instead of the shipped one, e.g. one trained without the tuning articles",
)
@click.option("--limit", type=int, default=0, help="use at most this many articles (0: all of the split)")
@click.option("--seed", type=int, default=1, show_default=True, help="seeds the choice of articles and injections")
@click.option("--show", type=int, default=10, show_default=True, help="print this many misses and wrong changes")
@click.option("--json", "as_json", is_flag=True, help="print the numbers as JSON")
@click.option(
    "--write-tuning-corpus",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="write the training articles outside the tuning part to this JSON-lines file, for `cleaner train-lm`",
)
def duplicates(
    corpus: Path,
    split: str,
    limit: int,
    seed: int,
    show: int,
    as_json: bool,
    model: Path | None,
    write_tuning_corpus: Path | None,
) -> None:
    """Recall and precision of the duplicates stage on articles with injected doubled words and list items.

    To tune without the shipped model's knowledge of the tuning articles:
    `cleaner eval duplicates --write-tuning-corpus rest.jsonl`, `cleaner train-lm rest.jsonl -o tune.klm`,
    then `cleaner eval duplicates --split tuning --model tune.klm`.
    """
    from ..lm import load_language_model
    from ..stages.duplicates import find

    if write_tuning_corpus is not None:
        rest = [a for a in load_articles(corpus, held_out=False) if not in_tuning_part(a.id)]
        with write_tuning_corpus.open("w", encoding="utf-8") as stream:
            for article in rest:
                stream.write(json.dumps({"id": article.id, "paragraphs": list(article.paragraphs)}, ensure_ascii=False))
                stream.write("\n")
        click.echo(f"{write_tuning_corpus}: {len(rest)} training articles outside the tuning part")
        return

    rng = random.Random(seed)
    articles = sorted(load_articles(corpus, held_out=split == "held-out"), key=lambda a: a.id)
    if split == "tuning":
        articles = [article for article in articles if in_tuning_part(article.id)]
    if limit:
        articles = rng.sample(articles, min(limit, len(articles)))
    reference = "\n".join(article.text for article in load_articles(corpus, held_out=False))
    normalize = normalizer()
    context = Context.default()
    if model is not None:
        context.resources = Resources({"lm": load_language_model(model)})
    injector = Injector(context, normalize(reference), rng)

    def find_as_page(text: str, context: Context) -> list[Finding]:
        context.read_script(text)  # a corpus in traditional characters is read as the pipeline reads it
        return page_findings(find, text, context, reads_simplified=True)

    tally = evaluate_articles([normalize(article.text) for article in articles], injector, context, find_as_page)
    numbers = tally.summary()
    echo_numbers(f"duplicates on {split} articles (seed {seed}):", numbers, as_json)
    if as_json:
        return
    for title, examples in (
        ("missed", tally.missed),
        ("wrong fixes", tally.wrong),
        ("changes on clean text", tally.clean_changes),
        ("list flags on clean text", tally.clean_list_flags),
    ):
        if examples and show:
            click.echo(f"{title} ({len(examples)}):")
            for example in examples[:show]:
                click.echo(f"    {example}")
