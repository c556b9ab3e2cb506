"""The spelling stage's gate: which characters are sent on to the engine, and in what pieces.

A character goes on only when the character model finds it and its right neighbour unlikely and a look-alike makes
the text clearly likelier (or, for print OCR's frequent pairs, makes a common word: spelling_print_words.py); this is
where the stage's speed comes from.

>>> list(chunks(0, 20, [2, 4, 15], margin=2, max_chunk=8))
[(0, 7, [2, 4]), (13, 18, [15])]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from .spelling_evidence import Scorer
from .spelling_print_words import band_sites, frequent_word_candidates
from .spelling_protect import RepeatedTerms
from .spelling_settings import Settings

ENGINE_CHARS = re.compile("[\u4e00-\u9fa5]")


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


def suspects(
    text: str, engines: Any, settings: Settings, mask: bytearray, scorer: Scorer, min_repeats: int
) -> dict[int, float]:
    """Positions the gate sends on, in text order, each with the best gain a look-alike brings there.

    They are unlikely characters (with their right neighbour) that a look-alike makes clearly likelier, or, for
    print OCR's frequent pairs, likelier by `frequent_word_min_gain` where the look-alike makes a common word and the
    written character none (spelling_print_words.py: 年人党); and such sites the gate lets through, down to
    `frequent_word_gate`, where jieba reads the written pair as one word (`band_sites`: 两户入家, not 项目为王).
    """
    found: dict[int, float] = {}
    # below both, a position's best gain makes no look-alike promising, nor any a frequent word's site
    least_gain = min(settings.min_gain, settings.frequent_word_min_gain)
    repeated = RepeatedTerms(text, min_repeats)
    # a character likelier than both gates is neither examined nor a frequent word's site: most are, and are skipped
    # in one pass over the scores
    surprises = scorer.surprises()
    limit = max(settings.gate_surprise, settings.frequent_word_gate)
    for position in [position for position, surprise in enumerate(surprises) if surprise < limit]:
        if mask[position]:
            continue
        surprise = surprises[position]
        if surprise >= settings.gate_surprise:
            if surprise < settings.frequent_word_gate:
                banded = band_sites(
                    text, position, engines, scorer, settings.frequent_word_min_frequency, settings.min_gain
                )
                if banded and not repeated.protects(position, banded):
                    found[position] = max(scorer.gains(position, text[position], banded))
            continue
        char = text[position]
        candidates = engines.look_alikes(char)  # in the order S102's rerank asks: its gains are found remembered
        if not candidates or not ENGINE_CHARS.match(char):
            continue
        scores = scorer.gains(position, char, candidates)
        best = max(scores)
        if best < least_gain:
            continue
        gains = dict(zip(candidates, scores, strict=True))
        promising = [c for c, gain in gains.items() if gain >= settings.min_gain]
        if not promising and best >= settings.frequent_word_min_gain:
            promising = frequent_sites(text, position, gains, engines, settings)
        if promising and not repeated.protects(position, promising):
            found[position] = best
    return found


def frequent_sites(text: str, position: int, gains: dict[str, float], engines: Any, settings: Settings) -> list[str]:
    """The look-alikes at `position` that gain `frequent_word_min_gain` or more and make a frequent word site."""
    small = [c for c, gain in gains.items() if gain >= settings.frequent_word_min_gain]
    return frequent_word_candidates(
        text, position, small, engines.frequent_shapes, engines.lexicon, settings.frequent_word_min_frequency
    )
