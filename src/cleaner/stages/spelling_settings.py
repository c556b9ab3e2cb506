"""The knobs of the spelling stage (S102/S103), read from rules/spelling.toml.

>>> Settings().gate_surprise
-5.5
>>> from cleaner.pipeline import Context
>>> Settings.from_rules(Context.default()).calibration["as_soon_as"] < 0
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..pipeline import Context

# Evidence not fitted but set by hand in rules/spelling.toml (feature: its option): the log-odds added when
HAND_SET_SHIFTS = {
    "writing_only": "writing_only_shift",  # only a table of writing errors names the pair (勇/力)
    "frequent_pair": "frequent_pair_shift",  # a table of print OCR's most frequent confusions names it
    "verb_complement": "verb_complement_shift",  # the written character is half of a verb and its complement (拨入)
    "as_soon_as": "as_soon_as_shift",  # the written character is the X of 一X就 (天一旱就)
    "result_particle": "result_particle_shift",  # a one-character verb, its result and 了/得 as written (揭坏了)
    "numeral_measure": "numeral_measure_shift",  # the written character is a numeral counting a measure word (八对)
    "given_name": "given_name_shift",  # the written character is in a given name after a noun of person
    "drawn_rarer": "drawn_rarer_shift",  # only the drawn table names the pair, and the correction is rarer (追/谴)
    "unlike_writing": "unlike_glyph_shift",  # only a table of writing errors names it, and the glyphs are unlike
    "frequent_word": "frequent_word_shift",  # a frequent pair makes a common word where the written one makes none
    "adverb_slot": "adverb_slot_shift",  # an adverb before a verb, where the written character closes no word (己开展)
    "particle_slot": "particle_slot_shift",  # a particle after a verb, the written character standing alone (增加子)
}


@dataclass(frozen=True)
class Settings:
    """The knobs of S102/S103, read from rules/spelling.toml (a user rule file may override them)."""

    # a character is never examined when it and the next character are jointly at least this likely (log10)
    gate_surprise: float = -5.5
    min_gain: float = 1.5  # log10 gain a look-alike must bring for the chunk to go to pycorrector
    context: int = 4  # characters of context each side: the model's order minus one
    max_chunk: int = 24  # the longest piece of a clause handed to pycorrector at once
    # confidence = sigmoid(bias + sum of weight * feature), features from spelling_evidence.evidence
    calibration: Mapping[str, float] = field(default_factory=lambda: {"bias": -4.0, "gain": 1.0})
    idiom_bonus: float = 1.0  # an idiom match is evidence of its own, worth this much gain
    # another look-alike replaces pycorrector's choice when it makes the text likelier by more (log10)
    rerank_margin: float = 0.5
    # the likeliest look-alikes (by the character model) weighed in full; the most confident is taken
    weighed_look_alikes: int = 0
    # A correction this unlikely is not even suggested: reviewers drown in near-certain noise.
    min_suggest: float = 0.3
    # a correction only the drawn table names, into a character this much rarer (log10, alone) than the written one,
    # asks for more evidence (`drawn_rarer_shift`): OCR misreads common characters as rarer look-alikes
    drawn_rarer_log10: float = -0.3
    # a frequent pair's correction into a common word (jieba counts it this often), where the written character makes
    # none, passes the gate on a gain of `frequent_word_min_gain`: spelling_print_words.py
    frequent_word_min_frequency: int = 100
    frequent_word_min_gain: float = 1.5
    # a character the gate lets through (jointly likelier than `gate_surprise`) but less likely than this is examined
    # where a frequent pair makes a frequent word site there (spelling.band_sites: 自已, 两户入家); the gate's value
    # turns it off
    frequent_word_gate: float = -5.5

    @classmethod
    def from_rules(cls, context: Context) -> Settings:
        option = context.rules.option
        calibration = {str(k): float(v) for k, v in option("S102", "calibration", {}).items()}
        # added to the fitted bias: the fit saw 0.75% of characters wrong, a page is mostly right
        prior_shift = float(option("S102", "prior_shift", 0.0))
        if calibration:
            calibration["bias"] = calibration.get("bias", 0.0) + prior_shift
        calibration = calibration or dict(cls().calibration)
        for feature, option_name in HAND_SET_SHIFTS.items():
            calibration[feature] = float(option("S102", option_name, 0.0))
        return cls(
            gate_surprise=float(option("S102", "gate_surprise", cls.gate_surprise)),
            min_gain=float(option("S102", "min_gain", cls.min_gain)),
            context=int(option("S102", "context", cls.context)),
            max_chunk=int(option("S102", "max_chunk", cls.max_chunk)),
            calibration=calibration,
            idiom_bonus=float(option("S103", "idiom_bonus", cls.idiom_bonus)),
            rerank_margin=float(option("S102", "rerank_margin", cls.rerank_margin)),
            weighed_look_alikes=int(option("S102", "weighed_look_alikes", cls.weighed_look_alikes)),
            min_suggest=float(option("S102", "min_suggest", cls.min_suggest)),
            drawn_rarer_log10=float(option("S102", "drawn_rarer_log10", cls.drawn_rarer_log10)),
            frequent_word_min_frequency=int(
                option("S102", "frequent_word_min_frequency", cls.frequent_word_min_frequency)
            ),
            frequent_word_min_gain=float(option("S102", "frequent_word_min_gain", cls.frequent_word_min_gain)),
            frequent_word_gate=float(option("S102", "frequent_word_gate", cls.frequent_word_gate)),
        )
