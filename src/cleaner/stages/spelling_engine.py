"""The pycorrector engines of the spelling stage, built once per process with the project's own model.

Importing this module imports pycorrector's kenlm correctors (never its torch engines), so only
the spelling stage imports it, and only when its look-alike rules run (the full profile); the user
pairs of S101 need less (spelling_lists.py). Never construct a pycorrector `Corrector` without
`language_model_path`: its default downloads a 2.8 GB model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ModelError
from ..lexicon import jieba_word_tags
from ..pipeline import Context
from ..rules import RuleSet
from .spelling_adverb_slot import AdverbSlots
from .spelling_candidates import (
    ShapeNeighbours,
    frequent_shapes,
    merge_shapes,
    named_shape_files,
    parse_shape_lines,
    restrict,
    shape_files,
    shape_tables,
    without_numeral_swaps,
)
from .spelling_lists import import_pycorrector_parts, quiet_pycorrector
from .spelling_misread import MISREAD_WORDS, WithoutMisreadings
from .spelling_names import common_surnames, name_positions
from .spelling_phrases import complement_characters, single_character_verbs
from .spelling_protect import read_word_column

# its kenlm, confusion and proper-name correctors, without the package `__init__` (torch, transformers)
import_pycorrector_parts("confusion_corrector", "corrector", "proper_corrector")
quiet_pycorrector()

from pycorrector.corrector import Corrector, common_char_path  # noqa: E402
from pycorrector.detector import ErrorType  # noqa: E402
from pycorrector.proper_corrector import ProperCorrector  # noqa: E402


class OcrCorrector(Corrector):
    """pycorrector's kenlm `Corrector` made fit for OCR.

    Candidates are look-alike characters only (pycorrector also proposes same-pinyin characters
    and words, which are typing errors, not OCR errors), and detection is left to the caller:
    `correct(chunk, suspects=...)` examines just the positions the language-model gate chose.
    Its `correct`, candidate generation and language-model choice are pycorrector's own.
    """

    def __init__(self, model: Any, language_model_path: str, shapes: Mapping[str, frozenset[str]]) -> None:
        if not Path(language_model_path).is_file():
            # pycorrector would download its default model instead: never let it
            raise ModelError(f"{language_model_path}: no language model; build it with the project's model command")
        super().__init__(language_model_path=language_model_path, custom_confusion_path_or_dict={})
        self.model = model
        self.shapes = shapes

    def _initialize_detector(self) -> None:
        # The model is already loaded (shared with the other stages). pycorrector's word list and
        # jieba dictionary (ten seconds to load) serve word-level detection and pinyin words,
        # neither of which OCR correction uses; the proper-name pass runs in its own corrector.
        self.lm = self.model
        self.word_freq = {}
        self.custom_confusion = {}
        self.initialized_detector = True

    def _initialize_corrector(self) -> None:
        self.cn_char_set = self.load_set_file(self.common_char_path)
        self.same_pinyin = {}
        self.same_stroke = dict(self.shapes)
        self.initialized_corrector = True

    def get_lm_correct_item(self, cur_item: str, candidates: list[str], *args: Any, **kwargs: Any) -> str:
        # candidates arrive in set order, which changes with the hash seed; on a tie in score the
        # first wins, so sort them: the same input gives the same output in every process
        return str(super().get_lm_correct_item(cur_item, sorted(candidates), *args, **kwargs))

    def ppl_score(self, words: list[str]) -> float:
        # pycorrector's perplexity scores a chunk as a whole sentence, with <s> and </s>; our chunks
        # are cut from inside clauses, and a sentence end that is not there can outweigh the evidence
        # (汉语约人才 kept over 汉语的人才). Candidates have one length, so the negated log10 score
        # of the fragment orders them as perplexity would.
        return -float(self.lm.score(" ".join(words), bos=False, eos=False))

    def _confusion_word_set(self, word: str) -> set[str]:
        return set()  # pycorrector's same-pinyin word candidates: a typist's errors, not a scanner's

    def _detect(self, sentence: str, start_idx: int = 0, suspects: Sequence[int] = (), **kwargs: Any) -> Any:
        self.check_detector_initialized()
        # in the caller's order: pycorrector corrects them one after another
        errors = [
            [sentence[i - start_idx], i, i + 1, ErrorType.char]
            for i in suspects
            if start_idx <= i < start_idx + len(sentence)
        ]
        return errors, []


@dataclass
class Engines:
    """What S102 and S103 load once: the model, the look-alike candidates and the correctors."""

    lm: Any  # cleaner.lm.CharLanguageModel
    lexicon: Any  # cleaner.lexicon.Lexicon, without the misread words (spelling_misread.py)
    shapes: dict[str, frozenset[str]]
    print_shapes: dict[str, frozenset[str]]  # the look-alikes of print alone (not `writing_shape_files`)
    frequent_shapes: dict[str, frozenset[str]]  # the look-alikes print OCR confuses most (`frequent_shape_files`)
    handmade_shapes: dict[str, frozenset[str]]  # the look-alikes of the hand-made tables (not `drawn_shape_files`)
    corrector: OcrCorrector
    proper: ProperCorrector | None
    # a one-character verb and its complement as written (拨入, 抠细) ask more of a correction: spelling_phrases.py
    verbs: frozenset[str] = frozenset()
    complements: frozenset[str] = frozenset()
    # pairs whose drawn glyphs share next to nothing (切/分): of a table of writing errors, they ask more still
    unlike_shapes: dict[str, frozenset[str]] = field(default_factory=dict)
    # the characters after 一X that make it 一…就 as written (天一旱就): spelling_phrases.as_soon_as
    as_soon_as_markers: frozenset[str] = frozenset()
    # a given name after a noun of person and a surname (研究员李增慧在): spelling_names.in_given_name
    person_heads: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    # a one-character verb, its result and 了/得 as written (揭坏了): spelling_phrases.result_before_particle
    results: frozenset[str] = frozenset()
    result_particles: frozenset[str] = frozenset()
    # a numeral counting a measure word (八对): spelling_phrases.numeral_before_measure
    numerals: frozenset[str] = frozenset()
    measures: frozenset[str] = frozenset()
    # an adverb before a verb misread as a character that only closes words (已开展 as 己开展): spelling_adverb_slot
    adverb_slots: AdverbSlots = field(default_factory=AdverbSlots)
    # the idioms `proper` corrects to, by look-alikes: a chunk with no run near one asks `proper` nothing (S103)
    idiom_shapes: ShapeNeighbours | None = None
    _sorted_shapes: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def look_alikes(self, char: str) -> tuple[str, ...]:
        """A character's look-alikes in sorted order, as the gate and S102's rerank both ask the model for them (so
        the rerank finds the gate's gains remembered); sorted once a process.

        >>> engines = Engines(None, None, {"末": frozenset("未味")}, {}, {}, {}, None, None)  # type: ignore[arg-type]
        >>> engines.look_alikes("末"), engines.look_alikes("天")
        (('味', '未'), ())
        """
        found = self._sorted_shapes.get(char)
        if found is None:
            found = self._sorted_shapes[char] = tuple(sorted(self.shapes.get(char, ())))
        return found


def build_engines(context: Context, lm: Any, lexicon: Any) -> Engines:
    """Load the shape sets (restricted to common characters) and the correctors over model `lm`."""
    rules = context.rules
    common = frozenset(Corrector.load_set_file(common_char_path))
    tables = dict(zip(shape_files(rules), shape_tables(rules), strict=True))
    shapes = without_numeral_swaps(restrict(merge_shapes(*tables.values()), common))

    def merged(option: str, named: bool) -> dict[str, frozenset[str]]:
        """The tables an S102 option names (`named`) or all the others, merged over the common characters."""
        chosen = named_shape_files(rules, option)
        return restrict(merge_shapes(*(table for name, table in tables.items() if (name in chosen) == named)), common)

    print_shapes = merged("writing_shape_files", named=False)
    # a learned table's pairs are candidates both ways, but OCR was seen to misread them one way: the prior too
    frequent = restrict(frequent_shapes(rules, among=tables), common)
    handmade_shapes = merged("drawn_shape_files", named=False)
    # jieba's entries that are OCR misreadings (时侯, 收人) are no evidence that the text is right
    lexicon = WithoutMisreadings(lexicon, frozenset(read_word_column(rules.read_lines(MISREAD_WORDS))))
    corrector = OcrCorrector(lm.model, str(lm.path), shapes)
    corrector.check_corrector_initialized()
    corrector.check_detector_initialized()
    proper = None
    if rules.enabled("S103"):
        proper = idiom_corrector(rules.read_lines("idioms_xinhua.txt") + rules.read_lines("idioms_thuocl.tsv"))
    complements = complement_characters(rules.option("S102", "verb_complements", []))
    verbs = single_character_verbs(jieba_word_tags()) if complements else frozenset()
    unlike = [str(name) for name in rules.option("S102", "unlike_glyph_files", [])]
    unlike_shapes = merge_shapes(*(parse_shape_lines(rules.read_lines(name)) for name in unlike))
    return Engines(
        lm,
        lexicon,
        shapes,
        print_shapes,
        frequent,
        handmade_shapes,
        corrector,
        proper,
        verbs,
        complements,
        unlike_shapes,
        frozenset(str(rules.option("S102", "as_soon_as_markers", ""))),
        frozenset(str(name_positions(rules).get("person_heads", ""))),
        frozenset(common_surnames(rules)),
        frozenset(str(rules.option("S102", "particle_results", ""))),
        frozenset(str(rules.option("S102", "result_particles", ""))),
        frozenset(str(rules.option("S102", "counting_numerals", ""))),
        frozenset(str(rules.option("S102", "counted_measures", ""))),
        adverb_slots(rules, lexicon),
        None if proper is None else ShapeNeighbours(proper.proper_names_by_length[4], shapes),
    )


def adverb_slots(rules: RuleSet, lexicon: Any) -> AdverbSlots:
    """The adverbs S102 reads in their slot before a verb, and their misreadings (`adverb_misreads`: 已 as 己); the
    particles it reads in their slot after a verb (`particle_misreads`: 了 as 子)."""
    misreads = {
        str(adverb): frozenset(str(chars)) for adverb, chars in rules.option("S102", "adverb_misreads", {}).items()
    }
    tags = frozenset(str(tag) for tag in rules.option("S102", "adverb_slot_tags", []))
    particles = {
        str(particle): frozenset(str(chars))
        for particle, chars in rules.option("S102", "particle_misreads", {}).items()
    }
    particle_tags = frozenset(str(tag) for tag in rules.option("S102", "particle_slot_tags", []))
    return AdverbSlots(
        misreads, tags, frozenset(common_surnames(rules)), jieba_word_tags(), lexicon, particles, particle_tags
    )


class IdiomCorrector(ProperCorrector):
    """pycorrector's ProperCorrector, with candidates in a fixed order (ties go the same way every run)."""

    def get_candidate_names(self, word: str) -> list[str]:
        return sorted(super().get_candidate_names(word))


def idiom_corrector(lines: list[str]) -> ProperCorrector:
    """pycorrector's ProperCorrector over four-character idioms.

    Its constructor reads one plain word list; ours come as two files of two formats, so the
    words are added here and indexed the way its constructor indexes them.
    """
    corrector = IdiomCorrector(proper_name_path="")
    for name in {word for word in read_word_column(lines) if len(word) == 4}:
        corrector.proper_names.add(name)
        corrector.proper_names_by_length[len(name)].add(name)
        for idx, char in enumerate(name):
            corrector.char_pos_index[len(name)][(idx, char)].add(name)
            corrector.pinyin_pos_index[len(name)][(idx, corrector.get_pinyin(char)[0])].add(name)
            stroke = corrector.get_stroke(char)
            if stroke:
                corrector.stroke_pos_index[len(name)][(idx, stroke)].add(name)
    return corrector
