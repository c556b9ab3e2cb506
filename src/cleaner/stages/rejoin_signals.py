"""Signals about a cut read from the text on either side of it: a quotation it splits, words the
right side echoes, and the language model's verdicts on the joined and the broken text.

>>> quotation_spans("他说：“我们要努力。", "大家一起干。”他说。"), echo("这是一片", "辽阔的土地。")
(True, 0.0)
"""

from __future__ import annotations

from typing import Any

from ..lm import tokens
from ..patterns import HAN_RUN

WINDOW = 8  # characters each side of the cut given to the language model and the lexicon


def quotation_spans(left: str, right: str) -> bool:
    """Whether a quotation opened in `left` is closed in `right` before any new one opens: a new
    paragraph inside a long quotation opens it anew, so the right block continues the left one.

    >>> quotation_spans("他说：“我们要努力。", "大家一起干。”他说。")
    True
    >>> quotation_spans("他说：“我们要努力。", "“大家一起干。”")
    False
    """
    if left.rfind("“") <= left.rfind("”"):
        return False
    closing, opening = right.find("”"), right.find("“")
    return closing != -1 and (opening == -1 or closing < opening)


def echo(left: str, right: str) -> float:
    """The share of the left block's Han character pairs that come back in the right block: a
    headline's words return in its article's lead; a paragraph's first words cut off mostly do not.

    >>> round(echo("河北将推广秸秆气技术", "不再焚烧玉米秸秆，推广秸秆气化技术。"), 2)
    0.56
    >>> echo("这是一片", "辽阔而翠绿的土地。")
    0.0
    """
    pairs = {run[i : i + 2] for run in HAN_RUN.findall(left) for i in range(len(run) - 1)}
    return sum(pair in right for pair in pairs) / len(pairs) if pairs else 0.0


def opening_gain(model: Any, start: str) -> float:
    """How much likelier (log10) the first characters of `start` are at a paragraph's start than
    without context: a paragraph's first words cut off read like an opening (这是、据、在…).

    >>> from cleaner.lm import load_language_model
    >>> opening_gain(load_language_model(), "这是一片") > opening_gain(load_language_model(), "的土地")
    True
    """
    start = tokens(start[: 2 * WINDOW])[: 2 * WINDOW - 1]  # its first characters: one token and one space each
    return float(model.model.score(start, bos=True, eos=False) - model.model.score(start, bos=False, eos=False))


def lm_evidence(model: Any, left: str, right: str) -> tuple[float, float]:
    """How much likelier the joined text is than the broken one, in two parts (log10):
    the left side going on rather than ending a paragraph (`-log P(</s> | left)`), and the right
    side's first characters following the left side rather than starting a paragraph.
    Their sum is log10 P(joined) - log10 P(broken).

    >>> from cleaner.lm import load_language_model
    >>> ending, starting = lm_evidence(load_language_model(), "新工艺和新", "技术引起了")
    >>> ending > 0 and starting > 0
    True
    """
    # the windows are tokenized once and scored by the kenlm model itself: this runs at every candidate gap
    kenlm_model, left, right = model.model, tokens(left), tokens(right)
    left_alone = kenlm_model.score(left, bos=False, eos=False)
    ending = left_alone - kenlm_model.score(left, bos=False, eos=True)
    joined = f"{left} {right}" if left and right else left or right
    starting = kenlm_model.score(joined, bos=False, eos=False) - left_alone
    starting -= kenlm_model.score(right, bos=True, eos=False)
    return float(ending), float(starting)
