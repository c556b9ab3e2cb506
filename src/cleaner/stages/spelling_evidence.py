"""The evidence behind a spelling correction: language-model scores around it, and a calibrated confidence.

A character is suspect when the model finds it, and the character after it, unlikely: an OCR error
disturbs its own probability and that of what follows, so their joint surprise (left context and
right context) separates errors from rare but right characters better than either alone. A
correction's confidence combines several pieces of evidence in one fitted logistic: the score gain
with both context windows, how much the gain beats the other look-alikes, whether the correction
makes a dictionary word (and whether the wrong character already sits in one), whether the
corrected word occurs elsewhere on the page (and whether the wrong character does), and how much
commoner the corrected character is (OCR turns common characters into rare look-alikes far more
often than a writer uses the rare one). (The
character's surprise itself, tried as evidence too, earned no weight once past the gate.)

>>> weights = {"bias": -6.0, "gain": 1.5}
>>> calibrated({"gain": 0.0}, weights) < 0.01 < 0.99 < calibrated({"gain": 8.0}, weights)
True
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..lm import LONE_SURROGATE
from ..patterns import HAN
from .spelling_page import PageWords

# the evidence `evidence` returns, in the order `cleaner eval spelling --fit` fits their weights
CALIBRATION_FEATURES = (
    "gain",
    "margin",
    "lexical",
    "in_word",
    "page",
    "elsewhere",
    "commoner",
    "words",
    "frequent_joins",
)
# Characters each side of a correction that jieba's word model reads with it (its words are short).
WORD_REACH = 6
SPACES = str.maketrans("", "", " \t\u3000")


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


def context_left(text: str, end: int, count: int) -> str:
    """The last `count` non-space characters of `end`'s line before it.

    Only a neighbourhood is read, widened while spaces eat it, so that a suspect on a very long
    line costs no more than one on a short one.

    >>> context_left("甲\\n乙 丙丁", 5, 3)
    '乙丙'
    """
    reach = 4 * count + 4
    while True:
        start = max(0, end - reach)
        piece = text[start:end]
        newline = piece.rfind("\n")
        whole_line = newline >= 0 or start == 0
        kept = piece[newline + 1 :].translate(SPACES)
        if len(kept) >= count or whole_line:
            return kept[-count:] if count else ""
        reach *= 2


def context_right(text: str, start: int, count: int) -> str:
    """The first `count` non-space characters of `start`'s line from it on.

    >>> context_right("甲 乙\\n丙", 0, 3)
    '甲乙'
    """
    reach = 4 * count + 4
    while True:
        end = min(len(text), start + reach)
        piece = text[start:end]
        newline = piece.find("\n")
        whole_line = newline >= 0 or end == len(text)
        kept = (piece if newline < 0 else piece[:newline]).translate(SPACES)
        if len(kept) >= count or whole_line:
            return kept[:count]
        reach *= 2


class Scorer:
    """Log10 scores of windows of the text under the character model, whitespace skipped."""

    def __init__(self, model: Any, text: str, context: int) -> None:
        self.model = model
        self.text = text
        self.context = context
        # per character: arrays of doubles, not lists of float objects (32 bytes a character each, not 8)
        self._logprobs: array[float] | None = None
        self._surprises: array[float] | None = None
        self._page: PageWords | None = None
        # a suspect's look-alikes are scored by the gate, the rerank and the evidence of each weighed candidate:
        # once per position is enough
        self._gains: dict[tuple[int, str, tuple[str, ...]], tuple[float, ...]] = {}
        # kenlm's own score, asked some four times a character by the gate, without the wrapper (`EncodableModel`)
        # that retries a text holding a lone surrogate, where the text holds none (the look-alikes never do)
        raw = getattr(model, "kenlm", None)
        self._kenlm_score = raw.score if raw is not None and LONE_SURROGATE.search(text) is None else None

    def page(self) -> PageWords:
        """The text's short words and character counts, indexed on the first question (most texts ask none)."""
        if self._page is None:
            self._page = PageWords(self.text)
        return self._page

    def window(self, position: int, length: int = 1) -> tuple[str, str]:
        """Up to `context` non-space characters left and right of `text[position:position+length]` (same line).

        >>> Scorer(None, "甲\\n乙 丙丁戊己", 2).window(4)
        ('乙', '丁戊')
        """
        return context_left(self.text, position, self.context), context_right(
            self.text, position + length, self.context
        )

    def gain(self, position: int, wrong: str, right: str) -> float:
        """How much likelier (log10) the text is with `right` in place of `wrong` at `position`."""
        return self.gains(position, wrong, [right])[0]

    def gains(self, position: int, wrong: str, candidates: Iterable[str]) -> tuple[float, ...]:
        """The gain of each candidate in place of `wrong` at `position`, its context read once."""
        key = (position, wrong, tuple(candidates))
        found = self._gains.get(key)
        if found is None:
            left, right = self.window(position, len(wrong))
            before, after = " ".join(left) + " ", " " + " ".join(right)
            score = self._kenlm_score or self.model.score
            # (bos, eos) given by position and a one-character candidate taken as its own tokens: the gate asks some
            # 200,000 of these per 60,000 characters, and keywords and a join cost a tenth of each question
            base = score(before + " ".join(wrong) + after, False, False)
            found = tuple(
                [score(before + (c if len(c) == 1 else " ".join(c)) + after, False, False) - base for c in key[2]]
            )
            self._gains[key] = found
        return found

    def score(self, chars: str) -> float:
        """The log10 probability of `chars` on their own, no context."""
        return float(self.model.score(" ".join(chars), bos=False, eos=False))

    def logprobs(self) -> array[float]:
        """The log10 probability of each character given the ones before it (0.0 for whitespace)."""
        if self._logprobs is None:
            scores = array("d", [0.0]) * len(self.text)
            for start, line in nonblank_lines(self.text):
                positions = [start + i for i, c in enumerate(line) if not c.isspace()]
                tokens = " ".join(self.text[p] for p in positions)
                for position, (logprob, _, _) in zip(
                    positions, self.model.full_scores(tokens, bos=False, eos=False), strict=True
                ):
                    scores[position] = logprob
            self._logprobs = scores
        return self._logprobs

    def surprises(self) -> array[float]:
        """Per character, the log10 probability of it and of the next character of its line.

        A wrong character is unlikely itself and makes its right neighbour unlikely too.
        """
        if self._surprises is None:
            logprobs = self.logprobs()
            text = self.text
            surprises = array("d", logprobs)
            following = 0.0  # the log10 probability of the next non-space character of the line
            for position in range(len(text) - 1, -1, -1):
                char = text[position]
                if char == "\n":
                    following = 0.0
                elif not char.isspace():
                    surprises[position] = logprobs[position] + following
                    following = logprobs[position]
            self._surprises = surprises
        return self._surprises


def evidence(
    scorer: Scorer, position: int, wrong: str, right: str, alternatives: Iterable[str], lexicon: Any, bonus: float = 0.0
) -> dict[str, float]:
    """The features of replacing `wrong` by `right` at `position` that calibration weighs.

    gain: log10 score gain (both context windows), plus `bonus` (an idiom match's own evidence);
    margin: how far the gain beats the best other look-alike (or no change);
    lexical: change in dictionary-word cover; in_word: the length of the dictionary word the wrong characters are in;
    page: how many of the corrected two- and three-character words occur elsewhere on the page (0-2), only
    dictionary words counted when the written characters stand in one and the correction makes no longer one;
    elsewhere: the wrong characters occur elsewhere on the page too (a misreading is seldom repeated);
    commoner: how much commoner (log10, alone) the corrected characters are than the wrong ones;
    words: how much likelier (log10) jieba's word model finds the line around it corrected;
    joins: its likeliest segmentation leaves the wrong characters alone and joins the corrected ones into a word
    (weighed only for print OCR's frequent pairs, as S102's `frequent_joins`: alone it earned no weight).
    """
    text, page = scorer.text, scorer.page()
    gain = scorer.gain(position, wrong, right)
    others = [g for c, g in zip(alternatives, scorer.gains(position, wrong, alternatives), strict=True) if c != right]
    lexical = word_cover_change(text, position, wrong, right, lexicon)
    in_word = word_cover(text, position, position + len(wrong), lexicon)
    # a word swapped for another word (网格员 -> 网络员): the page counts only where it holds the corrected word as a
    # dictionary word, not a run of characters across words (和网络, from 企业和网络主播)
    words_only = lexicon if in_word > 0 and lexical <= 0 else None
    return {
        "gain": gain + bonus,
        "margin": gain - max([0.0, *others]),
        "lexical": float(lexical),
        "in_word": float(in_word),
        "page": float(on_page_words(page, position, wrong, right, words_only)),
        "elsewhere": float(page.repeats(wrong)),
        "commoner": scorer.score(right) - scorer.score(wrong),
        **word_evidence(text, position, wrong, right, lexicon),
    }


def word_evidence(text: str, position: int, wrong: str, right: str, lexicon: Any) -> dict[str, float]:
    """What jieba's word model says of `right` in place of `wrong`: how much likelier it finds the line
    (`words`, log10), and whether its likeliest segmentation leaves the written characters standing alone
    while it joins the corrected ones into a word (`joins`: 深/人/开展 against 深入/开展, as OCR makes it).

    >>> from cleaner.lexicon import load_lexicon
    >>> found = word_evidence("只有深人田间地头", 3, "人", "入", load_lexicon())
    >>> found["words"] > 1, found["joins"]
    (True, 1.0)
    """
    end = position + len(wrong)
    # only WORD_REACH characters each side are read, so the line's ends are looked for no farther (a
    # column joined into one line of a million characters would be read to its ends at each correction)
    line_start = text.rfind("\n", max(0, position - WORD_REACH), position) + 1
    line_end = text.find("\n", position, end + WORD_REACH)
    left = text[max(line_start, position - WORD_REACH) : position]
    right_context = text[end : min(end + WORD_REACH, len(text) if line_end < 0 else line_end)]
    corrected, corrected_words = lexicon.segmented(left + right + right_context)
    written, written_words = lexicon.segmented(left + wrong + right_context)
    alone = all(len(word) == 1 or word not in lexicon for word in words_over(written_words, len(left), len(wrong)))
    joined = words_over(corrected_words, len(left), len(right))
    joins = alone and len(joined) == 1 and len(joined[0]) > len(right) and joined[0] in lexicon
    return {"words": corrected - written, "joins": float(joins)}


def words_over(words: Iterable[str], start: int, length: int) -> list[str]:
    """The words of a segmentation that hold characters of `start:start+length`.

    >>> words_over(["只有", "深入", "田间"], 3, 1)
    ['深入']
    """
    found, offset = [], 0
    for word in words:
        if offset < start + length and offset + len(word) > start:
            found.append(word)
        offset += len(word)
    return found


def calibrated(features: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The probability that a correction is right: a fitted logistic over its evidence.

    >>> round(calibrated({"gain": 4.0, "lexical": 2}, {"bias": -4.0, "gain": 1.0, "lexical": 0.5}), 2)
    0.73
    """
    z = weights.get("bias", 0.0) + sum(w * features.get(name, 0.0) for name, w in weights.items() if name != "bias")
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def on_page_words(page: PageWords, position: int, wrong: str, right: str, lexicon: Any = None) -> int:
    """How many of the corrected two- and three-character words occur elsewhere on `page` (0-2).

    With a `lexicon`, only corrected runs that are its words count.

    >>> on_page_words(PageWords("历史上没有先例。这是历使上首次"), 11, "使", "史")
    2
    >>> on_page_words(PageWords("历史上没有先例。这是历使上首次"), 11, "使", "史", {"历史"})
    1
    """
    return on_page(page, position, wrong, right, 2, lexicon) + on_page(page, position, wrong, right, 3, lexicon)


def on_page(page: PageWords, position: int, wrong: str, right: str, length: int, lexicon: Any = None) -> bool:
    """Whether a Han word of `length` characters holding the corrected characters occurs elsewhere on `page`.

    A page that spells a word right elsewhere is evidence for correcting it here.

    >>> on_page(PageWords("历史上没有先例。这是历使上首次"), 11, "使", "史", 3)
    True
    >>> on_page(PageWords("这是历使上首次"), 3, "使", "史", 2)
    False
    """
    text, end = page.text, position + len(wrong)
    for first in range(max(0, end - length), position + 1):
        last = first + length
        if last > len(text):
            break
        word = text[first:position] + right + text[end:last]
        is_word = lexicon is None or word in lexicon
        if len(word) == length and all(HAN.match(c) for c in word) and is_word and page.holds(word):
            return True
    return False


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
