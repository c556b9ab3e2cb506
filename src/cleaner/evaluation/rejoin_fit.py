"""Fitting the rejoin weights: the judge's features at the gold gaps of generated pages, and a
weighted logistic regression over them (`cleaner eval rejoin --split fit-fold --fit`).

>>> weights = fit_weights([{"bias": 1.0}] * 40, [1] * 30 + [0] * 10, negative_weight=1.0)
>>> round(weights["bias"], 1)  # log(30 / 10), a little shrunk by the L2 penalty
1.0
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Document
from ..pipeline import DEFAULT_MIN_CONFIDENCE, Context, FunctionStage, Pipeline
from ..resources import Resources
from ..stages.layout import blocks_of
from ..stages.rejoin import gaps
from ..stages.rejoin_judge import Judge
from ..stages.rejoin_weights import Weights, logistic, with_interactions
from .rejoin import Page
from .rejoin_score import CUTS_INSIDE, INSIDE_SENTENCE

FIT_VARIANTS = 3  # cut variants of every fit-fold page: more gaps to fit


@dataclass
class FeatureCollector:
    """A pipeline stage after normalize that records the judge's features at every candidate block
    gap, keyed by its span in the original text: the features are fitted on the text the rejoin
    stage sees (half-width digits and all), as the language model was trained on it."""

    name: str = "rejoin-features"
    found: dict[tuple[int, int], dict[str, float]] = field(default_factory=dict)

    def find(self, text: str, context: Context) -> list:
        judge = Judge.for_context(context)
        for gap in gaps(text, blocks_of(text, context)):
            evidence = judge.evidence(text, gap) if gap.kind != "wrap" else None
            if evidence is not None:
                self.found[context.to_original(gap.start, gap.end)] = evidence[0]
        return []


@dataclass
class FoldRows:
    """One fold's fitting data: features and labels at its candidate gaps, and how many cuts inside
    a sentence and real boundaries its pages hold in all (a gap without evidence is never joined)."""

    rows: list[dict[str, float]]
    labels: list[int]
    cuts: int
    boundaries: int

    @classmethod
    def of(cls, pages: list[Page], resources: Resources) -> FoldRows:
        rows, labels = training_rows(pages, resources)
        kinds = [gap.kind for page in pages for gap in page.gaps]
        return cls(rows, labels, sum(kind in CUTS_INSIDE for kind in kinds), kinds.count("boundary"))


def cross_validate(folds: list[FoldRows], negative_weight: float) -> tuple[float, float]:
    """Leave one fold out: fit on the others, judge its gaps; recall of its cuts inside a sentence
    and false joins per 100 real boundaries, over all folds.

    >>> rows = [{"bias": 1.0, "comma": 1.0}] * 20 + [{"bias": 1.0}] * 20  # a comma: a cut
    >>> fold = FoldRows(rows, [1] * 20 + [0] * 20, cuts=25, boundaries=100)
    >>> cross_validate([fold, fold], negative_weight=1.0)
    (0.8, 0.0)
    """
    joined_cuts = false_joins = cuts = boundaries = 0
    for left_out, fold in enumerate(folds):
        others = [f for number, f in enumerate(folds) if number != left_out]
        rows = [with_interactions(row) for f in others for row in f.rows]
        weights = Weights(
            evidence=fit_weights(rows, [y for f in others for y in f.labels], negative_weight=negative_weight)
        )
        for row, label in zip(fold.rows, fold.labels, strict=True):
            if logistic(weights.log_odds(row)) >= DEFAULT_MIN_CONFIDENCE:  # applied, as the pipeline would
                joined_cuts += label == 1
                false_joins += label == 0
        cuts, boundaries = cuts + fold.cuts, boundaries + fold.boundaries
    return joined_cuts / cuts, 100 * false_joins / boundaries


def training_rows(pages: list[Page], resources: Resources) -> tuple[list[dict[str, float]], list[int]]:
    """The rejoin judge's features at every candidate gap between blocks, and the gold label (1: join)."""
    collector = FeatureCollector()
    pipeline = Pipeline(stages=(FunctionStage("normalize", "cleaner.stages.normalize"), collector), resources=resources)
    rows, labels = [], []
    for number, page in enumerate(pages):
        collector.found = {}
        pipeline.run(Document(f"page-{number}", f"page-{number}.txt", page.text))
        for gap in page.gaps:
            features = collector.found.get((gap.start, gap.end))
            if features is not None and "after-sentence" not in gap.kind:
                rows.append(features)
                labels.append(int(gap.kind in INSIDE_SENTENCE))
    return rows, labels


def fit_weights(
    rows: list[dict[str, float]], labels: list[int], l2: float = 1.0, negative_weight: float = 4.0
) -> dict[str, float]:
    """Logistic regression by Newton's method: the log-odds weight of each feature.

    False joins cost `negative_weight` times a missed join, so the fitted odds lean to keeping a break.

    >>> rows = [{"bias": 1.0, "comma": 1.0}] * 20 + [{"bias": 1.0}] * 20
    >>> weights = fit_weights(rows, [1] * 20 + [1] * 5 + [0] * 15, negative_weight=1.0)
    >>> weights["comma"] > 2 > weights["bias"]
    True
    """
    import numpy as np

    names = sorted({name for row in rows for name in row})
    x = np.array([[row.get(name, 0.0) for name in names] for row in rows])
    y = np.array(labels, dtype=float)
    sample = np.where(y == 1, 1.0, negative_weight)
    w = np.zeros(len(names))
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (sample * (p - y)) + l2 * w
        hessian = (x.T * (sample * p * (1 - p))) @ x + l2 * np.eye(len(names))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return {name: round(float(value), 2) for name, value in zip(names, w, strict=True)}
