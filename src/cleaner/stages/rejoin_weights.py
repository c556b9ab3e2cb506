"""How the rejoin stage weighs its evidence: a logistic model whose fitted weights live in rules/rejoin.toml.

Each piece of evidence at a gap (rejoin_evidence.py) adds its weight to a log-odds score; graded
evidence may also weigh differently with the other evidence present ("a*b" weights); the
confidence of a join is the logistic of the score.

>>> round(logistic(0.0), 2), round(logistic(2.0), 2)
(0.5, 0.88)
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from ..rules import RuleSet
from .units import Units


def logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


# The log-odds weight of each piece of evidence at a block gap; rules/rejoin.toml (R101 `weights`)
# overrides them. Shape features are per side: left_headline, right_short, ...
DEFAULT_WEIGHTS: dict[str, float] = {
    "bias": 2.0,
    "comma": 2.5,
    "right_punct": 3.0,
    "bracket": 1.5,
    "word": 1.0,
    "lm_end": 0.8,
    "lm_start": 0.8,
    "opener": -5.0,
    "spaced": -3.0,
    "quote": 2.0,
    "number": 2.0,
    **{f"{side}_{kind}": -4.0 for side in ("left", "right") for kind in ("headline", "section", "author", "byline")},
    "left_short": -1.5,
    "right_short": -1.5,
}


# Evidence measured on a scale (the rest are 0/1 indicators). Its weight may differ with the other
# evidence at the gap: a weight named "a*b" multiplies the product of features a and b, so that,
# say, the language model counts for more after a heading-shaped block than between two paragraphs.
GRADED = ("lm_end", "lm_start", "word", "heading_echo", "heading_left_opens", "heading_length")
GRADED_COPIES = ("body_lm_", "heading_lm_")


def with_interactions(features: dict[str, float]) -> dict[str, float]:
    """FEATURES plus the product of each graded feature with each other feature present ("a*b").

    >>> with_interactions({"bias": 1.0, "left_headline": 1.0, "lm_end": 2.0})
    {'bias': 1.0, 'left_headline': 1.0, 'lm_end': 2.0, 'left_headline*lm_end': 2.0, 'lm_end*lm_end': 4.0}
    """
    products = {}
    for graded in GRADED:
        value = features.get(graded)
        if value is None:
            continue
        for name, other in features.items():
            if name == "bias" or name.startswith(GRADED_COPIES) or (name in GRADED and name > graded):
                continue  # each pair once; the copies of the model's evidence per gap class have their own slopes
            products[f"{name}*{graded}" if name < graded else f"{graded}*{name}"] = value * other
    return {**features, **products}


_Plan = tuple[tuple[tuple[str, float], ...], tuple[tuple[str, tuple[tuple[str, float], ...]], ...]]


@dataclass
class Weights:
    """The weights of the evidence and the limits of the judge (options of R101/R102)."""

    evidence: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    lm_cap: float = 4.0
    wrap_bias: float = 4.0
    min_confidence: float = 0.5
    never: tuple[str, ...] = ("caption", "source", "date", "subhead")
    never_continued: tuple[str, ...] = ()
    never_continuing: tuple[str, ...] = ()
    quote_log_odds: float = 2.0
    wrap_shift: float = 2.0
    # the start of a block whose spaces do not count as `spaced` (a dateline's bracket of reporters' names)
    spaced_exempt: re.Pattern[str] | None = None
    # whether a short block (L110) that ends the text is taken as running text
    last_short_is_body: bool = False
    # how a new article opens (a dateline): a headline before one may be moved past a cut's right half (R104)
    article_start: re.Pattern[str] | None = None
    # log10 gain past which a heading after an unfinished short block reads as the first words of the paragraph
    # after it (`heading_opens_right`), its join not capped; None: always capped
    heading_opens_right: float | None = None
    # a number and its unit (the figures stage's rules/units.tsv): a line ending on a figure's number whose unit
    # opens the next line (清单153|项，已整改) goes on, headline-shaped or not (R102)
    figure: re.Pattern[str] | None = None
    # a line whose colon closes a clause, not a headline's label (萧折风越斗越是心惊：这女子刀法): a wrap after it is
    # prose's, headline-shaped or not (R102 `colon_clause`)
    colon_clause: re.Pattern[str] | None = None
    # a news item's dateline ending on its reporter's 报道： (本报北京1月15日讯记者贾西平报道：): the item's text
    # goes on past the line's end, so its wrap is judged as prose (R102 `reported_dateline`)
    reported_dateline: re.Pattern[str] | None = None
    # a news item's dateline standing alone (本报讯（记者 周宁）): running text after a break there is its text,
    # joined with `dateline_log_odds`
    dateline_alone: re.Pattern[str] | None = None
    dateline_log_odds: float = 2.5
    # a year's digits, matched on a block of digits alone and the start of the next (19 | 97年): joined with
    # `split_year_log_odds`
    split_year: re.Pattern[str] | None = None
    # a month's or a day's number alone before the rest of its date (9 | 月以来): joined as a split year is
    split_month_day: re.Pattern[str] | None = None
    split_year_log_odds: float = 2.5
    # a particle that opens no sentence (的 of 的两百多名员工), opening running text after running text left
    # unfinished: one sentence cut before its particle, joined with `bound_opening_log_odds`
    bound_opening: re.Pattern[str] | None = None
    bound_opening_log_odds: float = 3.0
    # a sentence's opening after a column's short last line ending on a comma or no mark (rejoin_paragraph_ends): a
    # paragraph whose stop OCR misread, so the join is only suggested, its confidence capped at `short_line_cap`
    short_line_opening: re.Pattern[str] | None = None
    short_line_cap: float = 0.7
    # the model's gain of 。 over ， at the gap that marks such a paragraph's end too: after a short line or before a
    # sentence's opening `stop_gain`, after a full line before anything `full_line_stop_gain` (rejoin_paragraph_ends)
    stop_gain: float = 0.5
    full_line_stop_gain: float = 1.5
    # a later turn of an interview's speaker left unfinished before running text that opens on no label
    # (rejoin_turns): the rest of the turn, joined with `turn_cut_log_odds`
    turn_cut_log_odds: float = 2.5
    # a full line of a hard-wrapped column ending a sentence, before the column's next line on a page that parts its
    # paragraphs by blank lines (rejoin_columns.full_line_runs_on): a wrap, joined with this; None: never
    full_line_runs_on_log_odds: float | None = None
    # a postposition closing its clause at once (中，): a right block opening so is weighed as opening on punctuation
    postposition_opens: re.Pattern[str] | None = None
    # a speech verb closing its clause at once (介绍，): no paragraph opens on it, so a right block opening so is
    # weighed as opening on punctuation (the speaker stands at the left block's end: 市游泳队教练 | 介绍，)
    speech_opens: re.Pattern[str] | None = None
    # what opens the rest of a clause after an ellipsis (，, 等, 的): a right block opening so after running text that
    # stops on …… is weighed as opening on punctuation (rejoin_tokens.ellipsis_runs_on)
    ellipsis_runs_on: re.Pattern[str] | None = None
    # matched on running text's last character and the next block's first (》《): titles listed without a mark between
    # run on across the break, weighed as a right block opening on punctuation
    titles_run_on: re.Pattern[str] | None = None
    # a reporter's frame left open (记者从区供热) and the verb of learning that closes it (办了解到，): weighed so too
    reporting_frame: re.Pattern[str] | None = None
    reporting_verb: re.Pattern[str] | None = None
    # the units of `figure` that measure a span of time (3个月): a count of them may open a paragraph
    figure_spans: frozenset[str] = frozenset()
    # the words no headline stops on (a preposition, an auxiliary): a heading-shaped block ending on one is a
    # paragraph's first words cut off, as when a word runs across the break (rejoin_signals.first_words_cut)
    open_endings: frozenset[str] = frozenset()
    # a right block opening on one character and a place's unit that are no word (岛镇，): the rest of a cut name
    place_tail_opens: re.Pattern[str] | None = None
    # a block ending on a labelled contact number (电话：13981712345): an item of an ad or a notice, whole
    contact_end: re.Pattern[str] | None = None
    # a block opening on a short label and its colon (今天：, 报名地点：): a field, when the line before is one too
    field_label: re.Pattern[str] | None = None
    # a block opening on a user's handle and a colon (@清河小馒头：): a post of a thread, whole when the next is one too
    post_handle: re.Pattern[str] | None = None

    # the weighed terms for each set of evidence names seen (few: a gap's evidence takes few shapes)
    _plans: dict[tuple[str, ...], _Plan] = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def product_weights(self) -> dict[str, dict[str, float]]:
        """The "a*b" weights by the graded feature that owns the pair (as `with_interactions` pairs
        them: the later name of two graded ones), then by its partner."""
        by_graded: dict[str, dict[str, float]] = {}
        for name, weight in self.evidence.items():
            if "*" in name:
                first, second = name.split("*")
                owner, partner = (second, first) if second in GRADED else (first, second)
                by_graded.setdefault(owner, {})[partner] = weight
        return by_graded

    def log_odds(self, features: dict[str, float]) -> float:
        """The weighed sum of the evidence, products included; the same sum as weighing
        `with_interactions(features)`, without building it (this runs at every candidate gap)."""
        names = tuple(features)
        plan = self._plans.get(names)
        if plan is None:
            plan = self._plans[names] = self._plan(names)
        linear, products = plan
        z = 0.0
        for name, weight in linear:  # plain loops: twice as fast as sum() over generators on such short runs
            z += weight * features[name]
        for owner, partners in products:
            slope = 0.0
            for partner, weight in partners:
                slope += weight * features[partner]
            z += features[owner] * slope
        return z

    def _plan(self, names: tuple[str, ...]) -> _Plan:
        """The nonzero weights that apply to evidence with these names: alone, and in products."""
        present = set(names)
        linear = tuple((name, self.evidence[name]) for name in names if self.evidence.get(name))
        products = tuple(
            (owner, tuple((partner, weight) for partner, weight in partners.items() if partner in present))
            for owner, partners in self.product_weights.items()
            if owner in present
        )
        return linear, tuple((owner, partners) for owner, partners in products if partners)

    @classmethod
    def from_rules(cls, rules: RuleSet) -> Weights:
        return cls(
            evidence={**DEFAULT_WEIGHTS, **rules.option("R101", "weights", {})},
            lm_cap=float(rules.option("R101", "lm_cap", 4.0)),
            wrap_bias=float(rules.option("R102", "wrap_bias", 4.0)),
            min_confidence=float(rules.option("R101", "min_confidence", 0.5)),
            never=tuple(rules.option("R101", "never", ("caption", "source", "date", "subhead"))),
            never_continued=tuple(rules.option("R101", "never_continued", ())),
            never_continuing=tuple(rules.option("R101", "never_continuing", ())),
            quote_log_odds=float(rules.option("R103", "log_odds", 2.0)),
            wrap_shift=float(rules.option("R102", "wrap_shift", 2.0)),
            spaced_exempt=rules.pattern_option("R101", "spaced_exempt"),
            last_short_is_body=bool(rules.option("R101", "last_short_is_body", False)),
            article_start=re.compile("|".join(starts))
            if (starts := rules.option("R104", "article_start", ()))
            else None,
            heading_opens_right=None
            if (least := rules.option("R101", "heading_opens_right", None)) is None
            else float(least),
            dateline_alone=rules.pattern_option("R101", "dateline_alone"),
            dateline_log_odds=float(rules.option("R101", "dateline_log_odds", 2.5)),
            split_year=rules.pattern_option("R101", "split_year"),
            split_month_day=rules.pattern_option("R101", "split_month_day"),
            split_year_log_odds=float(rules.option("R101", "split_year_log_odds", 2.5)),
            bound_opening=rules.pattern_option("R101", "bound_opening"),
            bound_opening_log_odds=float(rules.option("R101", "bound_opening_log_odds", 3.0)),
            short_line_opening=rules.pattern_option("R101", "short_line_opening"),
            short_line_cap=float(rules.option("R101", "short_line_cap", 0.7)),
            stop_gain=float(rules.option("R101", "stop_gain", 0.5)),
            full_line_stop_gain=float(rules.option("R101", "full_line_stop_gain", 1.5)),
            turn_cut_log_odds=float(rules.option("R101", "turn_cut_log_odds", 2.5)),
            full_line_runs_on_log_odds=None
            if (odds := rules.option("R101", "full_line_runs_on_log_odds", None)) is None
            else float(odds),
            postposition_opens=rules.pattern_option("R101", "postposition_opens"),
            speech_opens=rules.pattern_option("R101", "speech_opens"),
            ellipsis_runs_on=rules.pattern_option("R101", "ellipsis_runs_on"),
            titles_run_on=rules.pattern_option("R101", "titles_run_on"),
            reporting_frame=rules.pattern_option("R101", "reporting_frame"),
            reporting_verb=rules.pattern_option("R101", "reporting_verb"),
            figure=(units := Units.from_rules(rules)).pattern,
            colon_clause=rules.pattern_option("R102", "colon_clause"),
            reported_dateline=rules.pattern_option("R102", "reported_dateline"),
            figure_spans=frozenset(unit for unit, kind in units.kinds.items() if kind == "span"),
            open_endings=frozenset(rules.option("R101", "open_endings", ())),
            place_tail_opens=rules.pattern_option("R101", "place_tail_opens"),
            contact_end=rules.pattern_option("R101", "contact_end"),
            field_label=rules.pattern_option("R101", "field_label"),
            post_handle=rules.pattern_option("R101", "post_handle"),
        )


def reporting_frame_closed(weights: Weights, left: str, right: str) -> bool:
    """Whether the left block's end leaves a reporter's frame open (记者从区供热) and the right block's first clause
    closes it with the verb of learning it needs (办了解到，): R101's `reporting_frame` and `reporting_verb`.

    >>> import re
    >>> frame, verb = re.compile("记者从[^，]{1,12}$"), re.compile("^.{0,4}了解到，")
    >>> weights = Weights(reporting_frame=frame, reporting_verb=verb)
    >>> closed = reporting_frame_closed
    >>> closed(weights, "记者从区供热", "办了解到，下一步"), closed(weights, "供热办", "办了解到，")
    (True, False)
    """
    frame, verb = weights.reporting_frame, weights.reporting_verb
    return frame is not None and verb is not None and bool(frame.search(left)) and bool(verb.match(right))
