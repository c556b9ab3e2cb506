"""Why a document's CER did not drop: each injected error's fate in the spelling stage, and each wrong fix.

`cleaner eval spelling` asks for a lower CER on every noisy document. For the documents where it is
not, every injected error is traced through the stage in its order (protection, look-alike tables,
the gate, the look-alike gain, page repetition, pycorrector's choice, confidence), so an editor sees
what the remaining documents are. The injected truth is read here only, never by the stage.

>>> _context("今天天气很好", 2, 1)
'今天[天]气很好'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Document, Status
from ..pipeline import Context, Pipeline

# each injected error's fate, in the order the stage decides it
CAUSES = {
    "protected": "inside a protected span (name list, number, quotation, user lexicon)",
    "no look-alike": "the right character is no look-alike of the wrong one in any table the stage reads",
    "not gated": "the model finds the wrong character and its neighbour likely enough: never examined",
    "small gain": "no look-alike makes the text clearly likelier (best gain below min_gain)",
    "repeated": "the wrong term occurs again on the page, more often than corrected: taken as the writer's word",
    "other look-alike": "pycorrector chose a different look-alike (applied, suggested or dropped)",
    "not confident": "the right correction was weighed but not confident enough to apply",
    "not returned": "pycorrector returned no correction there",
    "fixed": "fixed",
}


@dataclass
class Misses:
    """Causes of missed errors and the wrong fixes, over the documents whose CER did not drop."""

    documents: list[str] = field(default_factory=list)  # one line per such document
    causes: Counter[str] = field(default_factory=Counter)
    wrong_fixes: int = 0
    by_errors: Counter[int] = field(default_factory=Counter)  # such documents by how many errors they hold

    def tally(self, causes: dict[str, int]) -> None:
        self.causes.update(causes)
        self.by_errors[sum(causes.values())] += 1


def explain(pipeline: Pipeline, noisy: str, clean: str, name: str) -> tuple[str, dict[str, int], int]:
    """One document's line, the causes of its missed errors, and how many wrong fixes were applied."""
    from ..stages import spelling as stage
    from ..stages.spelling_evidence import Scorer
    from ..stages.spelling_protect import RepeatedTerms, protection_mask

    result = pipeline.run(Document(name, name, noisy))
    changes = [c for c in result.changes if c.stage == "spelling" and c.status is not Status.SKIPPED]
    context = Context(rules=pipeline.rules, resources=pipeline.resources)
    settings = stage.Settings.from_rules(context)
    engines: Any = pipeline.resources.get("spelling.engines", _not_loaded)
    protection: Any = pipeline.resources.get("spelling.protection", _not_loaded)
    mask = protection_mask(noisy, protection)
    scorer = Scorer(engines.lm.model, noisy, settings.context)
    surprises = scorer.surprises()
    repeated = RepeatedTerms(noisy, protection.min_repeats)
    at = {c.start: c for c in changes}
    notes = result.annotations.get("spelling", [])
    weighed = {(n["start"], n["after"]) for n in notes}
    weighed_at = {n["start"] for n in notes}
    causes: Counter[str] = Counter()
    parts = []
    for position, (wrong, right) in enumerate(zip(noisy, clean, strict=True)):
        if wrong == right:
            continue
        looks = sorted(engines.shapes.get(wrong, ()))
        change = at.get(position)
        if change is not None and change.status is Status.APPLIED and change.after == right:
            cause = "fixed"
        elif mask[position]:
            cause = "protected"
        elif right not in looks:
            cause = "no look-alike"
        elif surprises[position] >= settings.gate_surprise:
            cause = "not gated"
        elif max(gains := scorer.gains(position, wrong, looks)) < settings.min_gain:
            cause = "small gain"
        elif repeated.protects(position, [c for c, g in zip(looks, gains, strict=True) if g >= settings.min_gain]):
            cause = "repeated"
        elif (change is not None and change.after != right) or (
            position in weighed_at and (position, right) not in weighed
        ):
            cause = "other look-alike"
        elif (position, right) in weighed:
            cause = "not confident"
        else:
            cause = "not returned"
        causes[cause] += 1
        parts.append(f"{_context(noisy, position, 1)}→{right} {cause}")
    wrong_fixes = [c for c in changes if c.status is Status.APPLIED and clean[c.start : c.end] != c.after]
    parts += [
        f"WRONG FIX {_context(noisy, c.start, c.end - c.start)}→{c.after} ({c.confidence:.2f})" for c in wrong_fixes
    ]
    return f"{name}: " + "; ".join(parts), dict(causes), len(wrong_fixes)


def explain_all(pipeline: Pipeline, pairs: Sequence[tuple[str, str]], indices: Sequence[int]) -> Misses:
    misses = Misses()
    for index in indices:
        line, causes, wrong = explain(pipeline, *pairs[index], name=f"doc {index}")
        misses.documents.append(line)
        misses.tally(causes)
        misses.wrong_fixes += wrong
    return misses


def _context(text: str, position: int, length: int) -> str:
    left = text[max(0, position - 4) : position].replace("\n", " ")
    right = text[position + length : position + length + 4].replace("\n", " ")
    return f"{left}[{text[position : position + length]}]{right}"


def _not_loaded() -> Any:
    raise RuntimeError("the spelling engines are loaded by a pipeline run first")
