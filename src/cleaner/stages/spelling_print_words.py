"""Word-frequency evidence for print OCR's frequent pairs, where the character model's gain is small.

Both characters of such a pair are common (人/入, 侯/候, 未/末, 士/土), so the 1998 character model often finds
little to choose between 年人党 and 年入党. jieba's dictionary knows more: 入党 is a word it counts 258 times, while
人 makes no word at all with 年 or 党. A correction into a pair of `frequent_shape_files` is a *frequent word site*
when the corrected character makes a two-character dictionary word with a neighbour that jieba counts at least
`min_frequency` times, and the written character makes no dictionary word (two or three characters) with its
neighbours: 中士地 is no such site (中士 is a word), nor 人学 (a word), nor 侯车 (jieba lists it, three times).
Such a site may pass the gate on a smaller gain (`frequent_word_min_gain`) and gets `frequent_word_shift` added to
its log-odds. A site the gate lets through (the band up to `frequent_word_gate`: 自已, 两户入家) is examined only where
the written character reads as one unknown word with the neighbour its correction joins (`read_together`): a written
character that jieba reads as a word of its own there (项目为王: 为/王, a slogan the 1998 model never saw) is left.

>>> words = {"入党": 258, "入伍": 269}
>>> frequent_word_site("一九四〇年人党", 5, "人", "入", words, 100)
True
>>> frequent_word_site("后来人党", 2, "人", "入", {"来人": 40, **words}, 100)
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..patterns import HAN


def frequency(lexicon: Any, word: str) -> int:
    """jieba's count of `word` (0 when it is no word of `lexicon`).

    >>> frequency({"入党": 258}, "入党"), frequency({"入党": 258}, "人党")
    (258, 0)
    """
    if word not in lexicon:
        return 0
    if isinstance(lexicon, Mapping):
        return int(lexicon[word])
    return int(lexicon.frequency(word))


def neighbour_words(text: str, position: int, char: str, lengths: Iterable[int] = (2,)) -> list[str]:
    """The runs of Han characters of the given lengths that hold `char` in place of `text[position]`.

    >>> neighbour_words("年人党。", 1, "入")
    ['年入', '入党']
    >>> neighbour_words("年人党。", 1, "入", (3,))
    ['年入党']
    """
    found = []
    for length in lengths:
        for first in range(max(0, position - length + 1), position + 1):
            last = first + length
            if last > len(text):
                break
            run = text[first:position] + char + text[position + 1 : last]
            if all(HAN.match(c) for c in run):
                found.append(run)
    return found


def frequent_word_site(text: str, position: int, wrong: str, right: str, lexicon: Any, min_frequency: int) -> bool:
    """Whether `right` in place of `wrong` makes a common two-character word, where `wrong` makes no word at all.

    >>> words = {"年末": 696, "未见": 0}
    >>> frequent_word_site("年未全市", 1, "未", "末", words, 100)
    True
    >>> frequent_word_site("中士地", 1, "士", "土", {"中士": 44, "土地": 11240}, 100)
    False
    """
    if len(wrong) != 1 or len(right) != 1:
        return False
    if any(word in lexicon for word in neighbour_words(text, position, wrong, (2, 3))):
        return False
    return any(frequency(lexicon, word) >= min_frequency for word in neighbour_words(text, position, right))


def read_together(text: str, position: int, right: str, lexicon: Any, min_frequency: int, reach: int = 4) -> bool:
    """Whether jieba reads `text[position]` as one word with the neighbour that `right` in its place makes a word with.

    jieba's likeliest route over the dictionary leaves an OCR misreading in single characters (认/办); its HMM, trained
    on segmented 1998 text, then reads such a run: a written character that makes a new word with its neighbour there
    (认办, 起米, 入家) stands in a word's place, while one it keeps apart is a word of its own (为/王 of 项目为王,
    办/了): the text reads as written. A route word holding both (自已: jieba lists it, misread_words.tsv does not)
    counts too.

    >>> from cleaner.lexicon import load_lexicon
    >>> words = load_lexicon()
    >>> read_together("吴敬琏认办，传统", 4, "为", words, 100), read_together("两户入家最终", 2, "人", words, 100)
    (True, True)
    >>> read_together("坚持项目为王，在招", 5, "主", words, 100), read_together("他认为，办了把", 4, "为", words, 100)
    (False, False)
    """
    partners = set()
    for first in (position - 1, position):
        if first >= 0 and first + 2 <= len(text):
            word = text[first:position] + right + text[position + 1 : first + 2]
            if HAN.match(word[0]) and HAN.match(word[1]) and frequency(lexicon, word) >= min_frequency:
                partners.add(first if first < position else position + 1)
    start = position
    while start > 0 and position - start < reach and HAN.match(text[start - 1]):
        start -= 1
    end = position + 1
    while end < len(text) and end - position <= reach and HAN.match(text[end]):
        end += 1
    at = start
    for piece in _read_with_hmm(text[start:end], lexicon):
        if at <= position < at + len(piece):
            return any(at <= partner < at + len(piece) for partner in partners)
        at += len(piece)
    return False


def _read_with_hmm(window: str, lexicon: Any) -> list[str]:
    """jieba's words of `window`: its likeliest route, each run of one-character words read again by jieba's HMM.

    >>> _read_with_hmm("洪银兴认办", __import__("cleaner.lexicon").lexicon.load_lexicon())
    ['洪银兴', '认办']
    """
    from jieba import finalseg

    words: list[str] = []
    run = ""
    for word in [*lexicon.segmented(window)[1], ""]:
        if len(word) == 1:
            run += word
            continue
        if run:
            words.extend(finalseg.cut(run) if len(run) > 1 else [run])
            run = ""
        if word:
            words.append(word)
    return words


def frequent_word_candidates(
    text: str,
    position: int,
    candidates: Iterable[str],
    frequent_shapes: Mapping[str, Iterable[str]],
    lexicon: Any,
    min_frequency: int,
) -> list[str]:
    """The `candidates` for `text[position]` that a frequent pair names and that make a frequent word site.

    >>> frequent_word_candidates("一九四〇年人党", 5, ["入", "大"], {"人": {"入", "八"}}, {"入党": 258}, 100)
    ['入']
    """
    wrong = text[position]
    paired = frequent_shapes.get(wrong, ())
    return [
        c for c in candidates if c in paired and frequent_word_site(text, position, wrong, c, lexicon, min_frequency)
    ]


def read_together_sites(
    text: str,
    position: int,
    candidates: Iterable[str],
    frequent_shapes: Mapping[str, Iterable[str]],
    lexicon: Any,
    min_frequency: int,
) -> list[str]:
    """The `candidates` a frequent pair names that make a frequent word site where jieba reads the written pair as one.

    For characters the gate lets through (`frequent_word_gate`): 两户入家, not 项目为王.

    >>> from cleaner.lexicon import load_lexicon
    >>> pairs, words = {"入": {"人"}, "王": {"主"}}, load_lexicon()
    >>> read_together_sites("两户入家最终", 2, ["人", "大"], pairs, words, 100)
    ['人']
    >>> read_together_sites("坚持项目为王，在", 5, ["主"], pairs, words, 100)
    []
    """
    sites = frequent_word_candidates(text, position, sorted(candidates), frequent_shapes, lexicon, min_frequency)
    return [c for c in sites if read_together(text, position, c, lexicon, min_frequency)]


def band_sites(text: str, position: int, engines: Any, scorer: Any, min_frequency: int, min_gain: float) -> list[str]:
    """The look-alikes that gain `min_gain` at a frequent word site the gate let through (`read_together_sites`).

    The dictionary first, the model (`scorer`, spelling_evidence.Scorer) only then: most characters of the band are
    no such site. `engines` holds S102's `shapes`, `frequent_shapes` and `lexicon` (spelling_engine.Engines).
    """
    char = text[position]
    shapes, pairs, lexicon = engines.shapes.get(char, ()), engines.frequent_shapes, engines.lexicon
    sites = read_together_sites(text, position, shapes, pairs, lexicon, min_frequency)
    gains = scorer.gains(position, char, sites) if sites else ()
    return [c for c, gain in zip(sites, gains, strict=True) if gain >= min_gain]
