"""The spelling stage: OCR character errors, found by a language-model gate, corrected by pycorrector.

Precision comes first. A character is examined only when the project's character model finds it
unlikely AND a look-alike character would make the text clearly likelier; protected spans
(names, numbers, short quotations, the user's lexicon, terms repeated on the page) are never
examined. Only those few short chunks reach pycorrector, which is where the speed comes from.
Each correction pycorrector returns (its `errors` list, never its rebuilt string) is mapped back
to offsets of the text, and gets a confidence calibrated from the model's score gain: confident
ones are applied, the rest suggested.

Rules: S101 user confusion pairs (ConfusionCorrector), S102 look-alike characters (Corrector),
S103 idioms with a look-alike character (ProperCorrector).

>>> calibrated(0.0, (1.5, -6.0)) < 0.01 < 0.99 < calibrated(8.0, (1.5, -6.0))
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Finding
from ..pipeline import Context
from .spelling_candidates import differs_by_shape
from .spelling_protect import RepeatedTerms, protection_mask

# What pycorrector treats as one short sentence (its split_text_into_sentences_by_symbol).
CLAUSE = re.compile("[\u4e00-\u9fa5a-zA-Z0-9+#&]+")
ENGINE_CHARS = re.compile("[\u4e00-\u9fa5]")
MESSAGES = {
    "S101": "按用户混淆表纠正",
    "S102": "疑似形近字识别错误",
    "S103": "成语中疑似形近字识别错误",
}


@dataclass(frozen=True)
class Settings:
    """The knobs of S102/S103, read from rules/spelling.toml (a user rule file may override them)."""

    gate_logprob: float = -3.5  # a character at least this likely in context is never examined
    min_gain: float = 1.5  # log10 gain a look-alike must bring for the chunk to go to pycorrector
    context: int = 4  # characters of context each side: the model's order minus one
    max_chunk: int = 24  # the longest piece of a clause handed to pycorrector at once
    calibration: tuple[float, ...] = (1.0, -4.0, 0.0)  # confidence = sigmoid(a * gain + b + c * lexical)
    idiom_bonus: float = 1.0  # an idiom match is evidence of its own, worth this much gain
    # A correction this unlikely is not even suggested: reviewers drown in near-certain noise.
    min_suggest: float = 0.3

    @classmethod
    def from_rules(cls, context: Context) -> Settings:
        option = context.rules.option
        calibration = tuple(float(x) for x in option("S102", "calibration", list(cls.calibration)))
        return cls(
            gate_logprob=float(option("S102", "gate_logprob", cls.gate_logprob)),
            min_gain=float(option("S102", "min_gain", cls.min_gain)),
            context=int(option("S102", "context", cls.context)),
            max_chunk=int(option("S102", "max_chunk", cls.max_chunk)),
            calibration=calibration,
            idiom_bonus=float(option("S103", "idiom_bonus", cls.idiom_bonus)),
            min_suggest=float(option("S102", "min_suggest", cls.min_suggest)),
        )


def calibrated(gain: float, calibration: Sequence[float], lexical: int = 0) -> float:
    """The probability that a correction is right, from its log10 score gain and its change in
    dictionary-word cover (a fitted logistic: `sigmoid(a * gain + b + c * lexical)`).

    >>> round(calibrated(4.0, (1.0, -4.0)), 2), round(calibrated(4.0, (1.0, -4.0, 0.5), lexical=2), 2)
    (0.5, 0.73)
    """
    a, b, *rest = calibration
    c = rest[0] if rest else 0.0
    return 1.0 / (1.0 + math.exp(-(a * gain + b + c * lexical)))


def chunks(
    start: int, end: int, suspects: Sequence[int], margin: int, max_chunk: int
) -> Iterator[tuple[int, int, list[int]]]:
    """Cut the clause `start:end` into pieces for the engine: each suspect with `margin` context.

    Suspects closer than the margin share a piece, up to `max_chunk` characters.

    >>> list(chunks(0, 100, [0, 3, 50, 99], margin=4, max_chunk=12))
    [(0, 8, [0, 3]), (46, 55, [50]), (95, 100, [99])]
    """
    index = 0
    while index < len(suspects):
        first = suspects[index]
        members = [first]
        index += 1
        while (
            index < len(suspects)
            and suspects[index] - members[-1] <= margin
            and suspects[index] + margin + 1 - max(start, first - margin) <= max_chunk
        ):
            members.append(suspects[index])
            index += 1
        yield max(start, first - margin), min(end, members[-1] + margin + 1), members


class Scorer:
    """Log10 scores of windows of the text under the character model, whitespace skipped."""

    def __init__(self, model: Any, text: str, context: int) -> None:
        self.model = model
        self.text = text
        self.context = context

    def window(self, position: int, length: int = 1) -> tuple[str, str]:
        """Up to `context` non-space characters left and right of `text[position:position+length]`."""
        line_start = self.text.rfind("\n", 0, position) + 1
        line_end = self.text.find("\n", position + length)
        line_end = len(self.text) if line_end < 0 else line_end
        left = self.text[line_start:position].replace(" ", "").replace("\t", "").replace("\u3000", "")
        right = self.text[position + length : line_end].replace(" ", "").replace("\t", "").replace("\u3000", "")
        return left[-self.context :], right[: self.context]

    def gain(self, position: int, wrong: str, right: str) -> float:
        """How much likelier (log10) the text is with `right` in place of `wrong` at `position`."""
        return self.gains(position, wrong, [right])[0]

    def gains(self, position: int, wrong: str, candidates: Iterable[str]) -> list[float]:
        """The gain of each candidate in place of `wrong` at `position`, its context read once."""
        left, right = self.window(position, len(wrong))
        left, right = " ".join(left), " ".join(right)
        score = self.model.score
        base = score(f"{left} {' '.join(wrong)} {right}", bos=False, eos=False)
        return [score(f"{left} {' '.join(c)} {right}", bos=False, eos=False) - base for c in candidates]

    def score(self, chars: str) -> float:
        return float(self.model.score(" ".join(chars), bos=False, eos=False))

    def logprobs(self) -> list[float]:
        """The log10 probability of each character given the ones before it (0.0 for whitespace)."""
        scores = [0.0] * len(self.text)
        for line in nonblank_lines(self.text):
            start, chars = line
            positions = [start + i for i, c in enumerate(chars) if not c.isspace()]
            tokens = " ".join(self.text[p] for p in positions)
            for position, (logprob, _, _) in zip(
                positions, self.model.full_scores(tokens, bos=False, eos=False), strict=True
            ):
                scores[position] = logprob
        return scores


def nonblank_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each non-blank line of `text` with the offset where it starts.

    >>> list(nonblank_lines("甲\\n\\n乙"))
    [(0, '甲'), (3, '乙')]
    """
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, line
        start += len(line) + 1


def suspects(
    text: str, shapes: dict[str, frozenset[str]], settings: Settings, mask: bytearray, scorer: Scorer, min_repeats: int
) -> list[int]:
    """Positions the gate sends on: unlikely characters that a look-alike makes clearly likelier."""
    found: list[int] = []
    repeated = RepeatedTerms(text, min_repeats)
    for position, logprob in enumerate(scorer.logprobs()):
        if logprob >= settings.gate_logprob or mask[position]:
            continue
        char = text[position]
        candidates = shapes.get(char)
        if not candidates or not ENGINE_CHARS.match(char):
            continue
        best = max(scorer.gains(position, char, candidates))
        if best >= settings.min_gain and repeated.at(position) is None:
            found.append(position)
    return found


def confusion_findings(text: str, confusion: Any, mask: bytearray, confidence: float) -> list[Finding]:
    """S101: the user's confusion pairs, via pycorrector's ConfusionCorrector (its errors only)."""
    if confusion is None:
        return []
    findings = []
    for wrong, right, start in confusion.correct(text)["errors"]:
        end = start + len(wrong)
        if text[start:end] == wrong and not any(mask[start:end]):
            findings.append(Finding("S101", start, end, f"{MESSAGES['S101']}：{wrong}→{right}", right, confidence))
    return findings


def engine_findings(
    text: str, engines: Any, settings: Settings, mask: bytearray, min_repeats: int, context: Context
) -> list[Finding]:
    """S102 and S103: gated chunks through pycorrector's Corrector and the idiom ProperCorrector."""
    scorer = Scorer(engines.lm.model, text, settings.context)
    lexicon = engines.lexicon
    # the evidence behind each finding, for `cleaner eval spelling --fit` (current-text offsets)
    notes: list[dict[str, Any]] = context.annotations.setdefault("spelling", [])
    chosen = suspects(text, engines.shapes, settings, mask, scorer, min_repeats)
    findings: list[Finding] = []
    if not chosen:
        return findings
    clause_of = {m.start(): m.end() for m in CLAUSE.finditer(text)}
    clause_starts = sorted(clause_of)
    by_clause: dict[int, list[int]] = {}
    for position in chosen:
        start = clause_starts[_last_at_or_before(clause_starts, position)]
        by_clause.setdefault(start, []).append(position)
    for clause_start, members in by_clause.items():
        clause_end = clause_of[clause_start]
        for start, end, group in chunks(clause_start, clause_end, members, settings.context, settings.max_chunk):
            piece = text[start:end]
            if context.rules.enabled("S102"):
                # pycorrector's own perplexity margin stays at 0: the calibrated gain decides, below
                result = engines.corrector.correct(piece, threshold=0.0, suspects=[p - start for p in group])
                findings.extend(_mapped(result["errors"], start, text, scorer, settings, "S102", 0.0, lexicon, notes))
            if engines.proper is not None:
                findings.extend(_idiom_findings(piece, start, text, engines, scorer, settings, mask, notes))
    return findings


def _idiom_findings(
    piece: str,
    start: int,
    text: str,
    engines: Any,
    scorer: Scorer,
    settings: Settings,
    mask: bytearray,
    notes: list[dict[str, Any]],
) -> list[Finding]:
    errors = engines.proper.correct(piece, min_word_length=4, max_word_length=4)["errors"]
    shaped = [
        (wrong, right, begin)
        for wrong, right, begin in errors
        if differs_by_shape(wrong, right, engines.shapes) and not any(mask[start + begin : start + begin + len(wrong)])
    ]
    return _mapped(shaped, start, text, scorer, settings, "S103", settings.idiom_bonus, engines.lexicon, notes)


def _mapped(
    errors: Sequence[tuple[str, str, int]],
    offset: int,
    text: str,
    scorer: Scorer,
    settings: Settings,
    rule: str,
    bonus: float,
    lexicon: Any,
    notes: list[dict[str, Any]],
) -> list[Finding]:
    """pycorrector's (wrong, right, position) errors as findings at offsets of `text`.

    Each finding's evidence (score gain, change in word cover) is noted for calibration.
    """
    findings = []
    for wrong, right, begin in errors:
        start = offset + begin
        end = start + len(wrong)
        if text[start:end] != wrong or wrong == right:
            continue  # pycorrector reported a position that does not hold what it names
        gain = scorer.gain(start, wrong, right)
        if gain <= 0:
            continue
        lexical = word_cover_change(text, start, wrong, right, lexicon)
        confidence = calibrated(gain + bonus, settings.calibration, lexical)
        notes.append({"rule": rule, "start": start, "end": end, "gain": gain + bonus, "lexical": lexical})
        if confidence < settings.min_suggest:
            continue
        message = f"{MESSAGES[rule]}：{wrong}→{right}（语言模型增益 {gain:.1f}）"
        findings.append(Finding(rule, start, end, message, right, confidence))
    return findings


def word_cover(text: str, start: int, end: int, lexicon: Any, longest: int = 4) -> int:
    """The length of the longest word of `lexicon` that covers all of `text[start:end]` (0: none).

    >>> word_cover("新技术引起", 2, 3, {"技术", "引起"})
    2
    """
    best = 0
    for length in range(max(2, end - start), longest + 1):
        for first in range(max(0, end - length), start + 1):
            if first + length <= len(text) and text[first : first + length] in lexicon:
                best = length
    return best


def word_cover_change(text: str, start: int, wrong: str, right: str, lexicon: Any) -> int:
    """How much longer a dictionary word covers the corrected characters than the wrong ones.

    >>> word_cover_change("战咯任务", 1, "咯", "略", {"战略", "任务"})
    2
    """
    lo, hi = max(0, start - 3), min(len(text), start + len(wrong) + 3)
    before = text[lo:hi]
    after = before[: start - lo] + right + before[start - lo + len(wrong) :]
    span = (start - lo, start - lo + len(right))
    return word_cover(after, *span, lexicon) - word_cover(before, start - lo, start - lo + len(wrong), lexicon)


def _last_at_or_before(values: Sequence[int], target: int) -> int:
    from bisect import bisect_right

    return bisect_right(values, target) - 1


def find(text: str, context: Context) -> list[Finding]:
    """Find OCR character errors in `text`; under the "fast" profile only the user's confusion pairs."""
    rules = context.rules
    wanted = [rule for rule in ("S101", "S102", "S103") if rules.enabled(rule)]
    if context.profile == "fast":
        wanted = [rule for rule in wanted if rule == "S101"]
    if not wanted or not text.strip():
        return []
    from . import spelling_engine as build

    protection = context.resources.get("spelling.protection", lambda: build.build_protection(context))
    mask = protection_mask(text, protection)
    findings = []
    if "S101" in wanted:
        confusion = context.resources.get("spelling.confusion", lambda: build.build_confusion(context))
        findings.extend(confusion_findings(text, confusion, mask, float(rules.option("S101", "confidence", 0.95))))
    if "S102" in wanted or "S103" in wanted:
        from ..lexicon import lexicon
        from ..lm import language_model

        # loaded outside the build below: the resource cache is not re-entrant
        lm, words = language_model(context), lexicon(context)
        engines = context.resources.get("spelling.engines", lambda: build.build_engines(context, lm, words))
        settings = Settings.from_rules(context)
        findings.extend(engine_findings(text, engines, settings, mask, protection.min_repeats, context))
    return findings
