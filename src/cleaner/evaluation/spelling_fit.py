"""Fitting the spelling stage's confidence: a logistic over its evidence, on the tuning fold.

The shipped model was trained on every training-side article and knows them by heart, so
corrections there look far surer than on unseen text. Calibration is fitted on a tenth of the
training side (the tuning fold) with a model trained without it (`--build-tuning-model`).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import click

from ..model import Document
from ..pipeline import Pipeline
from ..stages.spelling_evidence import CALIBRATION_FEATURES, calibrated
from .corpus import HELD_OUT_PERCENT
from .corpus import bucket as corpus_bucket


def fit_logistic(
    samples: Sequence[Mapping[str, float]], labels: Sequence[int], names: Sequence[str], iterations: int = 50
) -> dict[str, float]:
    """Maximum-likelihood weights of P(right | x) = sigmoid(bias + sum of w[name] * x[name]), by Newton's method.

    The result is the `calibration` table of S102 in rules/spelling.toml.

    >>> w = fit_logistic([{"gain": g} for g in range(8)], [0, 0, 0, 1, 0, 1, 1, 1], ["gain"])
    >>> w["gain"] > 0, 3 < -w["bias"] / w["gain"] < 4
    (True, True)
    """
    import numpy as np

    features = np.array([[1.0, *(sample.get(name, 0.0) for name in names)] for sample in samples])
    target = np.asarray(labels, dtype=float)
    weights = np.zeros(features.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-features @ weights))
        gradient = features.T @ (target - p)
        hessian = (features.T * (p * (1 - p))) @ features + 1e-6 * np.eye(features.shape[1])
        weights += np.linalg.solve(hessian, gradient)
    return dict(zip(["bias", *names], (round(float(w), 3) for w in weights), strict=True))


def calibration_samples(
    pipeline: Pipeline, pairs: Iterable[tuple[str, str]]
) -> tuple[list[dict[str, float]], list[int]]:
    """(evidence, right?) for every S102/S103 correction the stage weighed on noisy text, from its notes.

    Every weighed correction counts, also those below the current calibration's reporting floor.
    """
    samples, labels = [], []
    for noisy, clean in pairs:
        result = pipeline.run(Document("fit", "fit", noisy))
        for note in result.annotations.get("spelling", []):
            samples.append(note["features"])
            labels.append(int(clean[note["start"] : note["end"]] == note["after"]))
    return samples, labels


def in_tuning_fold(article_id: str) -> bool:
    """A tenth of all articles, all on the training side, kept out of the tuning model (see --fit).

    The shipped model was trained on every training-side article and knows them by heart, so
    corrections there look far surer than on unseen text; calibration is fitted on this fold
    with a model trained without it.

    >>> from cleaner.evaluation.corpus import is_held_out
    >>> any(in_tuning_fold(f"id-{n}") and is_held_out(f"id-{n}") for n in range(1000))
    False
    """
    bucket = corpus_bucket(article_id)
    return HELD_OUT_PERCENT <= bucket < HELD_OUT_PERCENT + 10


def build_tuning_model(corpus: Path, output: Path) -> None:
    """Train a model like the shipped one on the training side minus the tuning fold."""
    from ..lm import train_language_model

    with tempfile.TemporaryDirectory() as work:
        subset = Path(work, "train-minus-fold.jsonl")
        with corpus.open(encoding="utf-8") as source, subset.open("w", encoding="utf-8") as sink:
            for line in source:
                if line.strip() and not in_tuning_fold(str(json.loads(line)["id"])):
                    sink.write(line)
        for row in train_language_model(subset, output).lines_of_text():
            click.echo(row)


def fit_calibration(pipeline: Pipeline, pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Fit and print the S102 calibration on (noisy, clean) pairs, with precision and recall at thresholds."""
    samples, labels = calibration_samples(pipeline, pairs)
    weights = fit_logistic(samples, labels, CALIBRATION_FEATURES)
    errors = sum(len(text) - sum(x == y for x, y in zip(noisy, text, strict=True)) for noisy, text in pairs)
    click.echo(f"{len(samples)} corrections weighed, {sum(labels)} right, {errors} injected")
    click.echo("calibration = { " + ", ".join(f"{name} = {w}" for name, w in weights.items()) + " }")
    confidences = [calibrated(sample, weights) for sample in samples]
    for threshold in (0.5, 0.7, 0.8, 0.9, 0.95):
        kept = [label for confidence, label in zip(confidences, labels, strict=True) if confidence >= threshold]
        precision = sum(kept) / len(kept) if kept else 1.0
        recall = sum(kept) / errors
        click.echo(f"confidence >= {threshold}: {len(kept)} kept, precision {precision:.3f}, recall {recall:.3f}")
    return weights
