"""The spelling stage: OCR character errors, found by a language-model gate, corrected by pycorrector.

Precision comes first. A character is examined only when the project's character model finds it
and its right neighbour unlikely AND a look-alike character would make the text clearly likelier; protected spans
(names, numbers, short quotations, the user's lexicon, terms repeated on the page) are never
examined. Only those few short chunks reach pycorrector, which is where the speed comes from.
Each correction pycorrector returns (its `errors` list, never its rebuilt string) is mapped back
to offsets of the text, and gets a confidence calibrated from its evidence (spelling_evidence.py):
confident ones are applied, the rest suggested.

Rules: S101 user confusion pairs (ConfusionCorrector), S102 look-alike characters (Corrector),
S103 idioms with a look-alike character (ProperCorrector).

>>> [(f.rule, f.replacement) for f in find("这项工作己经完成。", Context.default())]  # a user pair, a look-alike
[('S101', '已经'), ('S102', '已')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import Finding
from ..pipeline import Context
from ..rules import RuleSet
from .spelling_candidates import differs_by_shape, parse_confusion_pairs, shape_files
from .spelling_evidence import Scorer, calibrated, evidence
from .spelling_gate import chunks, frequent_sites, suspects
from .spelling_names import in_given_name
from .spelling_phrases import as_soon_as, numeral_before_measure, result_before_particle, verb_complement
from .spelling_print_words import frequent_word_site
from .spelling_protect import protection_mask
from .spelling_settings import Settings

# What pycorrector treats as one short sentence (its split_text_into_sentences_by_symbol).
CLAUSE = re.compile("[\u4e00-\u9fa5a-zA-Z0-9+#&]+")
# the phrases as written (spelling_phrases, spelling_names) that ask a correction for more evidence: no dictionary
# lists them, so a written character making no word there says nothing (`frequent_word`)
WRITERS_PHRASES = ("verb_complement", "as_soon_as", "result_particle", "numeral_measure", "given_name")
# the confidence of a user pair where the model prefers the text as written: reported, never applied
USER_PAIR_AGAINST_MODEL = 0.5
MESSAGES = {
    "S101": "按用户混淆表纠正",
    "S102": "疑似形近字识别错误",
    "S103": "成语中疑似形近字识别错误",
}


def user_pairs(confusion: Any, text: str) -> list[tuple[str, str, int]]:
    """The `(wrong, right, start)` errors `ConfusionCorrector.correct` reports, from its own automaton.

    `correct` also rebuilds the whole text as a list of characters for a target string we never
    use (its offsets drift when lengths differ); on an archive that copy cost more than the search.
    """
    return [(wrong, right, end + 1 - len(wrong)) for end, (_, wrong, right) in confusion.automaton.iter(text)]


def confusion_findings(
    text: str, pairs: Iterable[tuple[str, str, int]], mask: bytearray, confidence: float, scorer: Scorer
) -> list[Finding]:
    """S101: the user's confusion pairs that pycorrector's ConfusionCorrector found (its errors only).

    A pair is plain text replacement, blind to word edges (己经→已经 inside 自己经营); where the
    character model finds the text likelier as written, the pair is only suggested.
    """
    findings = []
    for wrong, right, start in pairs:
        end = start + len(wrong)
        if text[start:end] != wrong or any(mask[start:end]):
            continue
        sure = confidence if scorer.gain(start, wrong, right) >= 0 else min(confidence, USER_PAIR_AGAINST_MODEL)
        findings.append(Finding("S101", start, end, f"{MESSAGES['S101']}：{wrong}→{right}", right, sure))
    return findings


def engine_findings(
    scorer: Scorer, engines: Any, settings: Settings, mask: bytearray, min_repeats: int, context: Context
) -> list[Finding]:
    """S102 and S103: gated chunks through pycorrector's Corrector and the idiom ProperCorrector."""
    text = scorer.text
    # the evidence behind each finding, for `cleaner eval spelling --fit` (current-text offsets)
    notes: list[dict[str, Any]] = context.annotations.setdefault("spelling", [])
    chosen = suspects(text, engines, settings, mask, scorer, min_repeats)
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
                # pycorrector's own perplexity margin stays at 0: the calibrated evidence decides, below
                # pycorrector corrects a chunk's suspects one after another, each in the text the earlier
                # ones left: the strongest goes first, so that a neighbour the error made unlikely
                # is judged beside the corrected character, not the reverse (我固目前: 固→国, not 我→牢)
                order = sorted(group, key=lambda p: -chosen[p])
                result = engines.corrector.correct(piece, threshold=0.0, suspects=[p - start for p in order])
                findings.extend(_mapped(result["errors"], start, scorer, settings, "S102", 0.0, engines, notes))
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
    if engines.idiom_shapes is not None and not engines.idiom_shapes.near_in(piece):
        return []  # no idiom its look-alikes make here: whatever `proper` corrects, S103 keeps none of it
    errors = engines.proper.correct(piece, min_word_length=4, max_word_length=4)["errors"]
    shaped = [
        (wrong, right, begin)
        for wrong, right, begin in errors
        if differs_by_shape(wrong, right, engines.shapes) and not any(mask[start + begin : start + begin + len(wrong)])
    ]
    return _mapped(shaped, start, scorer, settings, "S103", settings.idiom_bonus, engines, notes)


def _mapped(
    errors: Sequence[tuple[str, str, int]],
    offset: int,
    scorer: Scorer,
    settings: Settings,
    rule: str,
    bonus: float,
    engines: Any,
    notes: list[dict[str, Any]],
) -> list[Finding]:
    """pycorrector's (wrong, right, position) errors as findings at offsets of the scorer's text.

    Each finding's evidence (spelling_evidence.evidence) is noted for calibration.
    """
    text = scorer.text
    findings = []
    for wrong, right, begin in errors:
        start = offset + begin
        end = start + len(wrong)
        if text[start:end] != wrong or wrong == right:
            continue  # pycorrector reported a position that does not hold what it names
        alternatives = engines.look_alikes(wrong) if len(wrong) == 1 else ()
        if rule == "S102" and alternatives:
            right = best_look_alike(scorer, start, wrong, right, alternatives, settings.rerank_margin)
            likely = likeliest(scorer, start, wrong, alternatives, settings.weighed_look_alikes, settings.min_gain)
            gains = dict(zip(alternatives, scorer.gains(start, wrong, alternatives), strict=True))
            candidates = {right, *likely, *frequent_sites(text, start, gains, engines, settings)}
        else:
            candidates = {right}
        weighed = {}
        for candidate in sorted(candidates):
            weighed[candidate] = weigh(scorer, start, wrong, candidate, alternatives, bonus, engines, settings)
        # the most confident; on a tie, the one chosen by the model's gain
        right = max(weighed, key=lambda candidate: (weighed[candidate][1], candidate == right))
        features, confidence = weighed[right]
        if features["gain"] - bonus <= 0:
            continue
        # a character doubling its neighbour into no word (疾疾: one glyph read twice, or 痼疾 read with its neighbour's
        # glyph) is the duplicates stage's to judge: corrected into a word with its own copy (疾疾 -> 疾病) it hides the
        # doubling; into a word with its other neighbour (历使使命 -> 历史使命) it is a misreading, and stays
        doubled = rule == "S102" and len(wrong) == 1 and wrong * 2 not in engines.lexicon
        after_copy = text[start - 1 : start] == wrong and wrong + right in engines.lexicon
        before_copy = text[end : end + 1] == wrong and right + wrong in engines.lexicon
        if doubled and (after_copy or before_copy):
            continue
        notes.append({"rule": rule, "start": start, "end": end, "after": right, "features": features})
        if confidence < settings.min_suggest:
            continue
        message = f"{MESSAGES[rule]}：{wrong}→{right}（语言模型增益 {features['gain'] - bonus:.1f}）"
        findings.append(Finding(rule, start, end, message, right, confidence))
    return findings


def weigh(
    scorer: Scorer,
    position: int,
    wrong: str,
    right: str,
    alternatives: Sequence[str],
    bonus: float,
    engines: Any,
    settings: Settings,
) -> tuple[dict[str, float], float]:
    """The evidence of replacing `wrong` by `right` at `position`, and the confidence calibrated from it.

    >>> from cleaner.lexicon import load_lexicon
    >>> from cleaner.lm import load_language_model
    >>> from types import SimpleNamespace
    >>> from cleaner.stages.spelling_adverb_slot import AdverbSlots
    >>> engines = SimpleNamespace(
    ...     lexicon=load_lexicon(), print_shapes={"侯": {"候"}}, frequent_shapes={}, handmade_shapes={"侯": {"候"}},
    ...     verbs=frozenset(), complements="", unlike_shapes={}, as_soon_as_markers=frozenset(), results="",
    ...     result_particles="", numerals="", measures="",
    ...     person_heads=frozenset(), surnames=frozenset(), adverb_slots=AdverbSlots(),
    ... )
    >>> settings = Settings(calibration={"bias": -4.0, "gain": 1.0, "words": 1.0})
    >>> scorer = Scorer(load_language_model(), "选手们在起点等侯发令枪响", 4)
    >>> [round(weigh(scorer, 7, "侯", c, ["候", "天"], 0.0, engines, settings)[1], 2) for c in ("候", "天")]
    [0.6, 0.4]
    """
    features = evidence(scorer, position, wrong, right, alternatives, engines.lexicon, bonus)
    features["writing_only"] = float(not differs_by_shape(wrong, right, engines.print_shapes))
    features["frequent_pair"] = float(differs_by_shape(wrong, right, engines.frequent_shapes))
    # such a pair as OCR makes it: the written character stands alone in jieba's segmentation and the corrected one
    # joins a word (深/人/开展 -> 深入/开展). Fitted: the character model's gain is small there (both characters common)
    features["frequent_joins"] = features["frequent_pair"] * features["joins"]
    # a pair only the drawn table names, corrected into a rarer character: OCR misreads a common character as a rarer
    # look-alike far more often than the reverse, and a modern word the model never saw (追责, 拆违) looks like the
    # reverse, its correction (谴责, 拆迁) a word of the model's
    drawn_only = not differs_by_shape(wrong, right, engines.handmade_shapes)
    features["drawn_rarer"] = float(drawn_only and features["commoner"] < settings.drawn_rarer_log10)
    # a pair only a table of writing errors names, whose glyphs share next to nothing (切/分, 污/水): no print OCR
    # confusion, and a modern word made an old one (切配 -> 分配, 雨污 -> 雨水)
    unlike = differs_by_shape(wrong, right, engines.unlike_shapes)
    features["unlike_writing"] = float(bool(features["writing_only"]) and unlike)
    phrase = len(wrong) == 1 and verb_complement(
        scorer.text, position, engines.verbs, engines.complements, engines.lexicon
    )
    features["verb_complement"] = float(phrase)
    # 一X就 ("as soon as X": 天一旱就) is the writer's construction; its X made a word with 一 (一早) is no misreading
    one_then = len(wrong) == 1 and as_soon_as(scorer.text, position, engines.as_soon_as_markers, engines.lexicon)
    features["as_soon_as"] = float(one_then)
    # a one-character verb, its result and 了/得 (揭坏了: tore it) is a verb phrase as written, whatever jieba tags it
    result = len(wrong) == 1 and result_before_particle(
        scorer.text, position, engines.results, engines.result_particles, engines.lexicon
    )
    features["result_particle"] = float(result)
    # a numeral before a measure word counts it (八对新人), unless the measure word opens a word (八对此: 人对此) or the
    # correction closes one (领导八对: 领导人对)
    count = len(wrong) == 1 and numeral_before_measure(
        scorer.text, position, right, engines.numerals, engines.measures, engines.lexicon
    )
    features["numeral_measure"] = float(count)
    # a given name after a noun of person and a surname (研究员李增慧在), with no speech verb after it to protect it
    name = len(wrong) == 1 and in_given_name(scorer.text, position, engines.person_heads, engines.surnames)
    features["given_name"] = float(name)
    # such a pair where the correction makes a word jieba counts often and the written character makes none (年人党):
    # word frequency, which the 1998 character model lacks there (both characters common). Not where the written
    # text is a phrase the writer means that no dictionary lists (八对新人, 拨入, 一旱就): no word made is no sign there
    writers_phrase = any(features[f] for f in WRITERS_PHRASES)
    site = (
        bool(features["frequent_pair"])
        and not writers_phrase
        and frequent_word_site(
            scorer.text, position, wrong, right, engines.lexicon, settings.frequent_word_min_frequency
        )
    )
    features["frequent_word"] = float(site)
    # 已 ("already") opens a verb phrase, 己 ("self") closes words: 该镇己开展 is 已 misread (spelling_adverb_slot.py)
    features["adverb_slot"] = float(engines.adverb_slots.reads(scorer.text, position, wrong, right))
    # 了 closes a verb (增加了), 子 standing alone after one closes nothing: 增加子货币 is 了 misread
    features["particle_slot"] = float(engines.adverb_slots.reads_particle(scorer.text, position, wrong, right))
    return features, calibrated(features, settings.calibration)


def likeliest(
    scorer: Scorer, position: int, wrong: str, alternatives: Sequence[str], count: int, min_gain: float = 0.0
) -> list[str]:
    """The `count` look-alikes that make the text likeliest in place of `wrong`, those that gain more than `min_gain`.

    The character model alone ranks 等天 above 等候; `weigh` then prefers 候 on the word evidence.

    >>> from cleaner.lm import load_language_model
    >>> scorer = Scorer(load_language_model(), "选手们在起点等侯发令枪响", 4)
    >>> likeliest(scorer, 7, "侯", ["候", "天", "健", "喉"], 2)
    ['天', '候']
    """
    gains = scorer.gains(position, wrong, alternatives)
    ranked = sorted(zip(gains, alternatives, strict=True), key=lambda pair: (-pair[0], pair[1]))
    return [candidate for gain, candidate in ranked[:count] if gain > min_gain]


def best_look_alike(
    scorer: Scorer, position: int, wrong: str, chosen: str, alternatives: Sequence[str], margin: float
) -> str:
    """pycorrector's choice for `wrong`, unless another look-alike makes the text likelier by more than MARGIN (log10).

    pycorrector weighs its candidates over a whole chunk, the corrections before them included;
    the one that fits its own few characters of context best is more often the right one.
    """
    gains = dict(zip(alternatives, scorer.gains(position, wrong, alternatives), strict=True))
    best = max(alternatives, key=lambda c: gains[c])
    return best if gains[best] > gains.get(chosen, scorer.gain(position, wrong, chosen)) + margin else chosen


def _last_at_or_before(values: Sequence[int], target: int) -> int:
    from bisect import bisect_right

    return bisect_right(values, target) - 1


def check_rules(rules: RuleSet) -> None:
    """Read the confusion pairs and find the look-alike tables (without loading any engine), so a broken or
    missing file stops a run before its first file."""
    parse_confusion_pairs(rules.read_lines("confusions.tsv"))
    shape_files(rules)


def find(text: str, context: Context) -> list[Finding]:
    """Find OCR character errors in `text`; under the "fast" profile only the user's confusion pairs."""
    rules = context.rules
    wanted = [rule for rule in ("S101", "S102", "S103") if rules.enabled(rule)]
    if context.profile == "fast":
        wanted = [rule for rule in wanted if rule == "S101"]
    if not wanted or not text.strip():
        return []
    from ..lm import language_model
    from . import spelling_lists as lists

    pairs: list[tuple[str, str, int]] = []
    if "S101" in wanted:
        confusion = context.resources.get("spelling.confusion", lambda: lists.build_confusion(context))
        pairs = user_pairs(confusion, text) if confusion is not None else []
    use_engines = "S102" in wanted or "S103" in wanted
    if not pairs and not use_engines:
        return []  # the common case of the fast profile: no user pair here, so no protection mask either
    protection = context.resources.get("spelling.protection", lambda: lists.build_protection(context))
    mask = protection_mask(text, protection)
    settings = Settings.from_rules(context)
    lm = language_model(context)  # loaded outside the engines' build: the resource cache is not re-entrant
    scorer = Scorer(lm.model, text, settings.context)  # scores only the sites asked about
    findings: list[Finding] = []
    if pairs:
        confidence = float(rules.option("S101", "confidence", 0.95))
        findings.extend(confusion_findings(text, pairs, mask, confidence, scorer))
    if use_engines:
        from ..lexicon import lexicon
        from . import spelling_engine as build

        words = lexicon(context)
        engines = context.resources.get("spelling.engines", lambda: build.build_engines(context, lm, words))
        findings.extend(engine_findings(scorer, engines, settings, mask, protection.min_repeats, context))
    return findings
