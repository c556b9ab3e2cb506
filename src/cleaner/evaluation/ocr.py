"""`cleaner eval ocr`: the default pipeline on a real OCR engine's output, scored against the printed truth.

Articles of a split are set as newspaper columns, scanned badly and read by tesseract
(`cleaner.evaluation.ocr_scans`); the full pipeline cleans what tesseract read, and both texts are
compared with the truth by one character alignment (`cleaner.alignment`, the one `learn-confusions` learns
from).

Whitespace is compared as the truth lays it out. Spaces (and full-width spaces) are dropped on both
sides: the truth has none between Han characters, and the spaces tesseract puts inside Latin words
(`Bauh i n ia`) are not what a reader of Chinese text misses. Full-width letters and digits count as
their half-width forms, the cleaner's canonical form, and so do the marks a figure holds (the corpus's １．５％,
２／３ and ３－５ are the cleaner's 1.5%, 2/3 and 3-5: N115 writes a decimal point as .); the marks of prose keep
their width (， against , is what N102 and N116 mend between Chinese text). Any run of line
breaks (a blank line included) is one break, and the truth's comparison form is one paragraph a
line: its hard wraps are the cleaner's to join. So a wrap left in the OCR text is an error, a wrap
joined is a fix, and a paragraph break joined is damage.

Each applied change is placed on the alignment of the OCR text with the truth: it is *right* when the
span was wrong and now equals the truth, *wrong* (damage) when the span equalled the truth and no
longer does, and *neutral* otherwise (a form-only change such as a space removed, or a wrong span
changed into another wrong one).

>>> form, _ = comparison_form("巴西 Ｂａｕ h\\n\\n\\n植物")
>>> form
'巴西Bauh\\n植物'
>>> comparison_form("增长２．５％，达１／３")[0]
'增长2.5%，达1/3'
>>> truth_form("一二\\n三\\n\\n四")
'一二三\\n四'
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import click

from ..alignment import boundary_maps, distance, half_width, substitutions
from ..model import Change, Document, Status
from ..patterns import BASIC_HAN
from ..pipeline import Options, Pipeline
from ..rules import RuleSet, load_rules
from ..stages.spelling_candidates import shape_tables
from . import share
from .corpus import CORPUS_HELP, DEFAULT_CORPUS, PROFILE_HELP, SEED_HELP, load_articles
from .ocr_scans import DEGRADATIONS, TYPEFACES, OcrPair, scan_article, tesseract_command

DROPPED = " \t\r\u3000"
SHOWN_EXAMPLES = 30
SHOWN_MISSES = 30
CONTEXT = 6
TYPEFACES_FILE = "typefaces.tsv"  # in a --save-folders folder: the face each pair was read from
# the full-width marks a figure holds, compared as their half-width twins (the corpus sets 1．5％, the cleaner 1.5%)
FIGURE_MARKS_TO_HALF = str.maketrans("．％／－＋＝＜＞", ".%/-+=<>")


def compared(char: str) -> str:
    """A character as the score compares it: a full-width letter, digit or mark of a figure as its half-width twin.

    >>> compared("Ａ") + compared("．") + compared("％") + compared("，") + compared("。")
    'A.%，。'
    """
    return half_width(char).translate(FIGURE_MARKS_TO_HALF)


def comparison_form(text: str) -> tuple[str, list[int]]:
    """The text as it is compared (see the module's docstring), and for each boundary of the text its offset there.

    >>> comparison_form("甲 Ａ\\n\\n乙\\n")
    ('甲A\\n乙', [0, 1, 1, 2, 3, 3, 4, 4])
    """
    form: list[str] = []
    offsets: list[int] = []
    for char in text:
        offsets.append(len(form))
        if char in DROPPED or (char == "\n" and (not form or form[-1] == "\n")):
            continue
        form.append(compared(char))
    offsets.append(len(form))
    if form and form[-1] == "\n":
        form.pop()
        offsets = [min(offset, len(form)) for offset in offsets]
    return "".join(form), offsets


def piece_form(text: str) -> str:
    """A change's own text in comparison form, a lone line break kept.

    >>> piece_form("\\n"), piece_form(" ａ ")
    ('\\n', 'a')
    """
    return "".join(compared(char) for char in text if char not in DROPPED)


def truth_form(laid_out: str) -> str:
    """The truth's comparison form: one paragraph a line, its wraps joined.

    >>> truth_form("标题\\n\\n一二三\\n四五")
    '标题\\n一二三四五'
    """
    paragraphs = [block.replace("\n", "") for block in laid_out.split("\n\n")]
    return comparison_form("\n".join(paragraphs))[0]


def judge(change: Change, form: str, offsets: list[int], maps: tuple[list[int], list[int]], truth: str) -> str:
    """Whether an applied change made its span right, wrong (damage) or neither: 'right', 'wrong' or 'neutral'.

    >>> ocr, truth = "甲乙\\n丙", truth_form("甲乙\\n丙")
    >>> form, offsets = comparison_form(ocr)
    >>> join = Change("rejoin", "R102", "", 2, 3, "\\n", "", Status.APPLIED, 0.9)
    >>> judge(join, form, offsets, boundary_maps(form, truth), truth)
    'right'
    >>> judge(join, form, offsets, boundary_maps(form, "甲乙\\n丙"), "甲乙\\n丙")
    'wrong'
    """
    start, end = offsets[change.start], offsets[change.end]
    before, after = form[start:end], piece_form(change.after or "")
    if before == after:
        return "neutral"
    left, right = maps
    expected = truth[left[start] : right[end]]
    if before != expected and after == expected:
        return "right"
    if before == expected:
        return "wrong"
    return "neutral"


@dataclass
class OcrTally:
    """CER before and after cleaning, documents improved or not, applied changes judged by rule, misses."""

    documents: int = 0
    truth_chars: int = 0
    errors_before: int = 0
    errors_after: int = 0
    better: int = 0
    same: int = 0
    worse: int = 0
    judged: dict[str, Counter[str]] = field(default_factory=dict)
    joins: Counter[str] = field(default_factory=Counter)
    misses: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    per_document: list[tuple[str, float, float]] = field(default_factory=list)

    def add(self, pair: OcrPair, cleaned: str, changes: Sequence[Change]) -> None:
        """Count one scanned article: its edit distances to the truth before and after cleaning, and each applied
        change judged on the alignment of the OCR text with the truth.

        >>> tally = OcrTally()
        >>> tally.add(OcrPair("a", "甲乙\\n丙", "甲乙\\n丙", 28, 14), "甲乙丙", [])
        >>> tally.errors_before, tally.errors_after, tally.better
        (1, 0, 1)
        """
        truth = truth_form(pair.truth)
        form, offsets = comparison_form(pair.ocr)
        cleaned_form = comparison_form(cleaned)[0]
        before = distance(form, truth)
        after = distance(cleaned_form, truth)
        self.documents += 1
        self.truth_chars += len(truth)
        self.errors_before += before
        self.errors_after += after
        self.better += after < before
        self.same += after == before
        self.worse += after > before
        self.per_document.append((pair.article_id, share(before, len(truth)), share(after, len(truth))))
        maps = boundary_maps(form, truth)
        for change in changes:
            if change.status is not Status.APPLIED:
                continue
            verdict = judge(change, form, offsets, maps, truth)
            self.judged.setdefault(change.rule, Counter())[verdict] += 1
            if "\n" in change.before and "\n" not in (change.after or ""):
                self.joins[verdict] += 1
            if verdict == "wrong":
                left = pair.ocr[max(0, change.start - CONTEXT) : change.start]
                shown = f"{left}[{change.before}→{change.after or ''}]{pair.ocr[change.end : change.end + CONTEXT]}"
                self.examples.append(f"{change.rule} {pair.article_id}: " + shown.replace("\n", "⏎"))
        self.misses.update(left_wrong(cleaned_form, truth))

    def lines(self) -> list[str]:
        """The tally as `eval ocr` prints it: CER, documents, changes judged in all and rule by rule.

        >>> OcrTally(documents=1, truth_chars=200, errors_before=20, errors_after=10).lines()[1]
        'CER before 0.1000  after 0.0500  (20 → 10 edits)'
        """
        total = Counter[str]()
        for verdicts in self.judged.values():
            total.update(verdicts)
        rows = [
            f"documents {self.documents}, truth characters {self.truth_chars}",
            f"CER before {share(self.errors_before, self.truth_chars):.4f}  after "
            f"{share(self.errors_after, self.truth_chars):.4f}  ({self.errors_before} → {self.errors_after} edits)",
            f"documents better {self.better}, same {self.same}, worse {self.worse}",
            f"applied changes: right {total['right']}, wrong {total['wrong']}, neutral {total['neutral']}",
            f"line breaks joined: wraps (fixes) {self.joins['right']}, paragraph breaks (damage) "
            f"{self.joins['wrong']}, neutral {self.joins['neutral']}",
        ]
        for rule, verdicts in sorted(self.judged.items()):
            rows.append(
                f"  {rule:6} right {verdicts['right']:5}  wrong {verdicts['wrong']:4}  neutral {verdicts['neutral']:5}"
            )
        return rows


def left_wrong(text: str, truth: str) -> Counter[tuple[str, str]]:
    """The look-alikes left in TEXT: its one-for-one substitutions of Han characters of the basic block, any run
    and any neighbour, as (truth, read) pairs.

    >>> left_wrong("单雄芒羊", "单雄蕊羊")
    Counter({('蕊', '芒'): 1})
    """
    return Counter(
        (found.right, found.wrong)
        for found in substitutions(text, truth, max_run=None, isolated=False)
        if BASIC_HAN.match(found.wrong) and BASIC_HAN.match(found.right)
    )


def tabled_pairs(rules: RuleSet) -> set[frozenset[str]]:
    """Every pair of look-alikes the spelling stage reads in its shape tables (S102's `shape_files`), parsed as it
    parses them: a line `日<TAB>曰目` pairs 日 with each of the others, not 曰 with 目.

    >>> from cleaner.rules import load_rules
    >>> pairs = tabled_pairs(load_rules())
    >>> frozenset("千干") in pairs, frozenset("千目") in pairs
    (True, False)
    """
    return {
        frozenset((char, other)) for table in shape_tables(rules) for char, others in table.items() for other in others
    }


def choose_articles(
    corpus: Path, split: str, count: int, seed: int, max_chars: int
) -> list[tuple[str, tuple[str, ...]]]:
    """`count` articles of a split drawn by the seed, each its first paragraphs up to about `max_chars` characters."""
    articles = list(load_articles(corpus, held_out=split == "test"))
    random.Random(seed).shuffle(articles)
    chosen = []
    for article in articles:
        kept: list[str] = []
        for paragraph in article.paragraphs:
            if kept and sum(map(len, kept)) + len(paragraph) > max_chars:
                break
            kept.append(paragraph[:max_chars])
        if sum(map(len, kept)) >= 40:  # a line or two is no column
            chosen.append((article.id, tuple(kept)))
        if len(chosen) == count:
            break
    return chosen


def read_pairs(path: Path) -> list[OcrPair]:
    """Pairs saved by `--save-pairs` (one JSON object a line).

    >>> import tempfile
    >>> saved = Path(tempfile.mkdtemp()) / "pairs.jsonl"
    >>> _ = saved.write_text(json.dumps(asdict(OcrPair("a", "一", "一", 28, 14))) + "\\n", "utf-8")
    >>> read_pairs(saved)
    [OcrPair(article_id='a', ocr='一', truth='一', type_size=28, width=14, typeface='serif')]
    """
    with path.open(encoding="utf-8") as stream:
        return [OcrPair(**json.loads(line)) for line in stream if line.strip()]


def write_pair_folders(pairs: Sequence[OcrPair], folder: Path) -> tuple[Path, Path]:
    """Write the pairs as `learn-confusions` reads a hand-corrected sample: FOLDER/ocr/ID.txt as the engine read
    the article, FOLDER/truth/ID.txt as it was printed (its corrected text), and FOLDER/typefaces.tsv the face each
    was read from (ID, a tab, the face), beside the folders `learn-confusions` reads; return the two folders.

    >>> import tempfile
    >>> from cleaner.confusion_learning import pair_folders
    >>> read = OcrPair("a", "工作己经", "工作已经", 28, 14)
    >>> ocr_dir, truth_dir = write_pair_folders([read], Path(tempfile.mkdtemp()))
    >>> [(o.read_text("utf-8"), t.read_text("utf-8")) for o, t in pair_folders(ocr_dir, truth_dir)]
    [('工作己经', '工作已经')]
    >>> (ocr_dir.parent / TYPEFACES_FILE).read_text("utf-8")
    'a\\tserif\\n'
    """
    ocr_dir, truth_dir = folder / "ocr", folder / "truth"
    for side in (ocr_dir, truth_dir):
        side.mkdir(parents=True, exist_ok=True)
    for pair in pairs:
        (ocr_dir / f"{pair.article_id}.txt").write_text(pair.ocr, "utf-8")
        (truth_dir / f"{pair.article_id}.txt").write_text(pair.truth, "utf-8")
    faces = "".join(f"{pair.article_id}\t{pair.typeface}\n" for pair in pairs)
    (folder / TYPEFACES_FILE).write_text(faces, "utf-8")
    return ocr_dir, truth_dir


@click.command(name="ocr")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True, help=CORPUS_HELP)
@click.option("--split", type=click.Choice(["train", "test"]), default="test", show_default=True,
              help="test: held-out articles, to report; train: to find what the cleaner damages")  # fmt: skip
@click.option("--articles", type=int, default=50, show_default=True, help="Articles to set, scan and read.")
@click.option("--seed", type=int, default=1, show_default=True, help=SEED_HELP)
@click.option(
    "--degradation",
    type=click.Choice(sorted(DEGRADATIONS)),
    default="medium",
    show_default=True,
    help="How worn the scans are: scale, blur, noise and JPEG quality.",
)
@click.option("--typeface", type=click.Choice(list(TYPEFACES)), default="serif", show_default=True,
              help="the face the columns are set in: Song (body text), Hei (captions, briefs), bold Song")  # fmt: skip
@click.option("--max-chars", type=int, default=600, show_default=True, help="characters of each article set")
@click.option("--pairs", "pairs_file", type=click.Path(exists=True, path_type=Path), default=None,
              help="score OCR pairs saved before (--save-pairs) instead of scanning")  # fmt: skip
@click.option("--save-pairs", type=click.Path(path_type=Path), default=None, help="write the OCR pairs as JSON lines")
@click.option("--save-folders", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="write the OCR pairs as DIR/ocr and DIR/truth, for `cleaner learn-confusions`")  # fmt: skip
@click.option("--rules", "rules_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="a folder of rule files over the built-in ones (e.g. a learned confusion_learned.tsv)")  # fmt: skip
@click.option("--profile", type=click.Choice(["fast", "full"]), default="full", show_default=True, help=PROFILE_HELP)
@click.option("--examples", "show_examples", is_flag=True, help=f"print up to {SHOWN_EXAMPLES} damaging changes")
def ocr(
    corpus: Path,
    split: str,
    articles: int,
    seed: int,
    degradation: str,
    typeface: str,
    max_chars: int,
    pairs_file: Path | None,
    save_pairs: Path | None,
    save_folders: Path | None,
    rules_dir: Path | None,
    profile: str,
    show_examples: bool,
) -> None:
    """The pipeline on tesseract's reading of scanned columns: CER before and after, changes right and wrong."""
    if pairs_file is not None:
        pairs = read_pairs(pairs_file)
        described = str(pairs_file)
    else:
        command = tesseract_command()
        chosen = choose_articles(corpus, split, articles, seed, max_chars)
        with click.progressbar(chosen, label="scanning", file=None) as bar:
            pairs = [
                scan_article(i, paragraphs, DEGRADATIONS[degradation], seed, command, typeface) for i, paragraphs in bar
            ]
        # the Song face's line as it always read, so its runs compare with earlier ones
        face = "" if typeface == "serif" else f", {typeface} face"
        described = f"{split} articles, {degradation} scans{face}, seed {seed}"
    if save_pairs is not None:
        save_pairs.write_text("".join(json.dumps(asdict(p), ensure_ascii=False) + "\n" for p in pairs), "utf-8")
    if save_folders is not None:
        write_pair_folders(pairs, save_folders)
    pipeline = Pipeline(load_rules(rules_dir), options=Options(profile=profile))
    tally = OcrTally()
    for pair in pairs:
        result = pipeline.run(Document(pair.article_id, f"{pair.article_id}.txt", pair.ocr))
        tally.add(pair, result.text, result.changes)
    with_rules = "" if rules_dir is None else f", rules over the built-in ones from {rules_dir}"
    click.echo(f"ocr: {described}, tesseract chi_sim, {profile} profile{with_rules}")
    for line in tally.lines():
        click.echo(line)
    tabled = tabled_pairs(pipeline.rules)
    click.echo(f"look-alikes left after cleaning (truth→read; * in a shape table), top {SHOWN_MISSES}:")
    misses = [f"{a}→{b}{'*' if frozenset((a, b)) in tabled else ''} {n}" for (a, b), n in tally.misses.most_common()]
    click.echo("  " + ", ".join(misses[:SHOWN_MISSES]))
    if show_examples:
        for line in tally.examples[:SHOWN_EXAMPLES]:
            click.echo("  " + line)
