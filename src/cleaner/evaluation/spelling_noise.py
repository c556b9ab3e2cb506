"""The noisy text `cleaner eval spelling` corrects: injected OCR look-alike errors (about 0.75% of the Han
characters of clean text replaced by a visually similar character, drawn from a shape confusion table of
the rule files), and the SIGHAN-2015 test sentences that ship inside pycorrector.

>>> noisy, injected = inject("今天天气很好", {"天": frozenset("夭")}, rate=0.2, rng=random.Random(1))
>>> [(i.position, i.right, i.wrong) for i in injected], noisy
([(1, '天', '夭')], '今夭天气很好')
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from ..patterns import HAN
from ..rules import load_rules

SIGHAN_FILE = "data/sighan2015_test.tsv"  # inside the pycorrector package
SHAPE_TABLES = {
    "pycorrector": "confusion_shape_pycorrector.tsv",
    "sighan13": "confusion_shape_sighan13_simp.tsv",
    "ocr": "confusion_shape_ocr.tsv",
}
# The S102 calibration was fitted on the two shared tables; the project's OCR table came later.
FIT_TABLES = ("pycorrector", "sighan13")


@dataclass(frozen=True, slots=True)
class Injection:
    """One injected error: `right` at `position` of the clean text was replaced by `wrong`."""

    position: int
    right: str
    wrong: str


def inject(
    text: str, shapes: Mapping[str, frozenset[str]], rate: float, rng: random.Random
) -> tuple[str, list[Injection]]:
    """Replace about `rate` of the Han characters by a look-alike; positions keep their meaning."""
    han = sum(1 for c in text if HAN.match(c))
    eligible = [i for i, c in enumerate(text) if c in shapes]
    count = min(len(eligible), max(1, round(rate * han))) if eligible else 0
    chars = list(text)
    injected = []
    for position in sorted(rng.sample(eligible, count)):
        wrong = rng.choice(sorted(shapes[text[position]]))
        chars[position] = wrong
        injected.append(Injection(position, text[position], wrong))
    return "".join(chars), injected


def noisy_articles(
    texts: Sequence[str], shapes: Mapping[str, frozenset[str]], rate: float, seed: int
) -> list[tuple[str, str]]:
    """(noisy, clean) for each text, look-alikes injected as `inject` does, from one RNG seeded with SEED."""
    rng = random.Random(seed)
    return [(inject(text, shapes, rate, rng)[0], text) for text in texts]


def load_shapes(table: str) -> dict[str, frozenset[str]]:
    """A shape table from the rule files, limited to common characters on both sides."""
    from pycorrector.corrector import Corrector, common_char_path

    from ..stages.spelling_candidates import parse_shape_lines, restrict

    common = frozenset(Corrector.load_set_file(common_char_path))
    shapes = restrict(parse_shape_lines(load_rules().read_lines(SHAPE_TABLES[table])), common)
    return {char: others for char, others in shapes.items() if char in common}


def sighan_pairs() -> list[tuple[str, str]]:
    """SIGHAN-2015 test sentences as (source, target), the few of unequal length left out."""
    import importlib.util

    spec = importlib.util.find_spec("pycorrector")
    if spec is None or spec.origin is None:
        raise click.ClickException("pycorrector is not installed; it ships the SIGHAN-2015 test set")
    path = Path(spec.origin).parent / SIGHAN_FILE
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(src, tgt) for src, tgt in rows if len(src) == len(tgt)]
