"""Scoring a corrector on (noisy, clean) pairs of equal length: what it applied and got right, precision, recall
and the character error rate before and after; the spelling stage and pycorrector's Corrector as correctors.

>>> fix = lambda text: [(1, "夭", "天", Status.APPLIED)]
>>> score = score_documents("example", [("今夭天气很好", "今天天气很好")], fix)
>>> score.precision, score.recall, score.summary()["cer_after"]
(1.0, 1.0, 0.0)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Document, Status
from ..pipeline import Pipeline
from ..stages.spelling_evidence import nonblank_lines
from . import per_10k


@dataclass
class Score:
    """Counts over a set of documents, and the figures the issue asks for."""

    name: str
    documents: int = 0
    characters: int = 0
    errors: int = 0
    applied: int = 0
    correct: int = 0  # applied corrections that restore the right character
    suggested: int = 0
    cer_before: list[float] = field(default_factory=list)
    cer_after: list[float] = field(default_factory=list)
    seconds: float = 0.0
    unimproved: list[int] = field(default_factory=list)  # documents with errors whose CER did not drop

    @property
    def precision(self) -> float:
        return self.correct / self.applied if self.applied else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.errors if self.errors else 0.0

    def summary(self) -> dict[str, Any]:
        pairs = [(b, a) for b, a in zip(self.cer_before, self.cer_after, strict=True) if b > 0]
        return {
            "name": self.name,
            "documents": self.documents,
            "characters": self.characters,
            "errors": self.errors,
            "applied": self.applied,
            "suggested": self.suggested,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "applied_per_10k": per_10k(self.applied, self.characters),
            "false_per_10k": per_10k(self.applied - self.correct, self.characters),
            "cer_before": round(sum(b for b, _ in pairs) / len(pairs), 5) if pairs else 0.0,
            "cer_after": round(sum(a for _, a in pairs) / len(pairs), 5) if pairs else 0.0,
            "documents_with_errors": len(pairs),
            "documents_cer_lower": sum(a < b for b, a in pairs),
            "documents_cer_equal": sum(a == b for b, a in pairs),
            "documents_cer_higher": sum(a > b for b, a in pairs),
            "chars_per_second": round(self.characters / self.seconds) if self.seconds else None,
        }


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate: edit distance over the reference length.

    >>> cer("今夭", "今天")
    0.5
    """
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(hypothesis, reference) / max(1, len(reference))


Corrections = list[tuple[int, str, str, Status]]  # position, before, after, status
Correct = Callable[[str], Corrections]


def score_documents(name: str, pairs: Iterable[tuple[str, str]], correct: Correct) -> Score:
    """Run `correct` over (noisy, clean) pairs of equal length and count what it got right."""
    score = Score(name)
    for noisy, clean in pairs:
        started = time.perf_counter()
        corrections = correct(noisy)
        score.seconds += time.perf_counter() - started
        wrong_at = {i: c for i, (n, c) in enumerate(zip(noisy, clean, strict=True)) if n != c}
        score.documents += 1
        score.characters += len(noisy)
        score.errors += len(wrong_at)
        output = list(noisy)
        for position, before, after, status in corrections:
            if status is Status.SUGGESTED:
                score.suggested += 1
            if status is not Status.APPLIED:
                continue
            score.applied += 1
            if len(before) == len(after):
                score.correct += sum(wrong_at.get(position + k) == a for k, a in enumerate(after))
            output[position : position + len(before)] = [after, *[""] * (len(before) - 1)]
        before, after = cer(noisy, clean), cer("".join(output), clean)
        if before > 0 and after >= before:
            score.unimproved.append(score.documents - 1)
        score.cer_before.append(before)
        score.cer_after.append(after)
    return score


def ours(pipeline: Pipeline) -> Correct:
    """The spelling stage: its applied and suggested changes."""

    def correct(text: str) -> Corrections:
        result = pipeline.run(Document("eval", "eval", text))
        return [
            (c.start, c.before, c.after or "", c.status)
            for c in result.changes
            if c.stage == "spelling" and c.status in (Status.APPLIED, Status.SUGGESTED)
        ]

    return correct


def theirs(model_path: str) -> Correct:
    """pycorrector's own kenlm `Corrector` with the project's model: every correction it makes is applied."""
    from pycorrector import Corrector

    corrector = Corrector(language_model_path=model_path)

    def correct(text: str) -> Corrections:
        errors: Corrections = []
        for offset, line in nonblank_lines(text):
            for wrong, right, begin in corrector.correct(line)["errors"]:
                if line[begin : begin + len(wrong)] == wrong:
                    errors.append((offset + begin, wrong, right, Status.APPLIED))
        return errors

    return correct
