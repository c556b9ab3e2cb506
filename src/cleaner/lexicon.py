"""The word list: jieba's dictionary plus the user's words (rules/words.tsv), with frequencies.

Loaded from jieba's `dict.txt` directly, once per process; jieba's tokenizer (0.6 s and 58 MiB to build) is
built only when `word_log10` or `segmented` is first asked, by the spelling stage's full profile. `word_across`
(rejoin, every profile) runs jieba's route over the lexicon's frequencies, without that tokenizer.

>>> words = load_lexicon()
>>> "技术" in words, "术引" in words
(True, False)
>>> words.words_across("新技术引起", 2)
['技术']
"""

from __future__ import annotations

import importlib.util
import logging
import math
import threading
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import RuleError

if TYPE_CHECKING:
    from .pipeline import Context
    from .rules import RuleSet

USER_WORDS = "words.tsv"


def jieba_dictionary_path() -> Path:
    """Where jieba keeps `dict.txt`, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuleError("jieba is not installed; its dictionary is the lexicon (`pip install jieba`)")
    return Path(next(iter(spec.submodule_search_locations)), "dict.txt")


# jieba's part of speech of each word of a dictionary file, kept by the first reading of the file
# (`read_jieba_dictionary`): the lexicon reads it first on every page, and the tags come with that reading
_WORD_TAGS: dict[Path, dict[str, str]] = {}


@cache
def jieba_word_tags() -> Mapping[str, str]:
    """jieba's part of speech of each word of its dictionary, loaded on first use (not at import).

    The dictionary's third column, as jieba's POS tokenizer reads it (a word on two lines keeps its last tag),
    taken from the lexicon's own reading of the file: importing `jieba.posseg` for it read the file a second
    time and loaded the tagger's HMM tables, which nothing here uses.

    >>> jieba_word_tags()["洗净"]
    'v'
    """
    path = jieba_dictionary_path()
    if path not in _WORD_TAGS:
        read_jieba_dictionary(path)
    if path not in _WORD_TAGS:  # a line not "word freq tag": jieba's own reading of it
        import jieba.posseg

        return jieba.posseg.dt.word_tag_tab
    return _WORD_TAGS[path]


def word_tag(word: str | None) -> str:
    """jieba's part of speech of a dictionary word, "x" when it has none.

    >>> word_tag("洗净"), word_tag("洗净洗净"), word_tag(None)
    ('v', 'x', 'x')
    """
    return str(jieba_word_tags().get(word, "x")) if word else "x"


def read_jieba_dictionary(path: Path) -> tuple[dict[str, int], int]:
    """Word frequencies of a jieba dictionary file ("word frequency tag" per line), and their total over its lines.

    The total is jieba's own: a word on two lines counts twice, as its tokenizer counts it (its dict.txt lists
    one word twice). The file's tags are kept for `jieba_word_tags`, once per file.

    >>> frequencies, total = read_jieba_dictionary(jieba_dictionary_path())
    >>> total > sum(frequencies.values())
    True
    """
    text = path.read_text(encoding="utf-8")
    fields = text.split()
    if len(fields) == 3 * text.count("\n"):  # every line "word freq tag": the fast path, about 0.3 s
        words = fields[0::3]
        if path not in _WORD_TAGS:
            _WORD_TAGS[path] = dict(zip(words, fields[2::3], strict=True))
        counts = list(map(int, fields[1::3]))
        return dict(zip(words, counts, strict=True)), sum(counts)
    frequencies, total = {}, 0
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            frequencies[parts[0]] = int(parts[1])
            total += int(parts[1])
    return frequencies, total


def parse_user_words(lines: Iterable[str]) -> dict[str, int]:
    """Words of `words.tsv` lines: word, a tab and an optional frequency (1 by default).

    >>> parse_user_words(["营商环境\\t50", "放管服"])
    {'营商环境': 50, '放管服': 1}
    """
    words: dict[str, int] = {}
    for line in lines:
        word, _, frequency = line.strip().partition("\t")
        try:
            count = int(frequency) if frequency.strip() else 1
        except ValueError:
            reason = "write a word, a tab and a whole-number frequency"
            raise RuleError(f"{USER_WORDS}: {line.strip()!r}: {reason}") from None
        words[word.strip()] = max(count, words.get(word.strip(), 0))
    return words


class Lexicon:
    """Words and their frequencies; `in` and `frequency` ask about one word, `words_across` about a cut,
    `word_log10` about a stretch of text."""

    def __init__(
        self, frequencies: dict[str, int], user_words: dict[str, int] | None = None, total: int | None = None
    ) -> None:
        self.frequencies = frequencies
        self.user_words = user_words or {}
        # jieba's word model divides each frequency by this total (its dictionary's lines and the user's words)
        self.total = sum(frequencies.values()) if total is None else total
        self._tokenizer: Any = None
        self._router: Any = None
        self._lock = threading.Lock()

    def __contains__(self, word: object) -> bool:
        return word in self.frequencies

    def __len__(self) -> int:
        return len(self.frequencies)

    def frequency(self, word: str) -> int:
        """How often jieba's corpus (or the user's list) has `word`; 0 for an unknown word.

        >>> load_lexicon().frequency("术引")
        0
        """
        return self.frequencies.get(word, 0)

    def words_across(self, text: str, cut: int, max_len: int = 4) -> list[str]:
        """Words of 2 to `max_len` characters in `text` that start before `cut` and end after it.

        Ordered by where they start, then by length.

        >>> load_lexicon().words_across("限期办理", 1)
        ['限期']
        >>> load_lexicon().words_across("行动第一", 2)
        []
        """
        found = []
        for start in range(max(0, cut - max_len + 1), cut):
            for end in range(cut + 1, min(len(text), start + max_len) + 1):
                if end - start >= 2 and text[start:end] in self.frequencies:
                    found.append(text[start:end])
        return found

    def word_log10(self, text: str) -> float:
        """The log10 probability of `text` under jieba's word model: its likeliest segmentation into
        dictionary words (and the user's), each word as likely as its frequency.

        jieba's dictionary was counted on far more text than our character model saw, so it knows
        words the model has rarely met. Its tokenizer is built on first use (about 0.7 s).

        >>> words = load_lexicon()
        >>> words.word_log10("新技术") > words.word_log10("新枝术")
        True
        >>> words.word_log10("")
        0.0
        """
        return self.segmented(text)[0]

    def segmented(self, text: str) -> tuple[float, list[str]]:
        """`word_log10` of `text` and the words of that likeliest segmentation.

        >>> load_lexicon().segmented("只有深入田间地头")[1]
        ['只有', '深入', '田间', '地头']
        """
        return _likeliest_route(self._tokenizer or self._build_tokenizer(), text)

    def word_across(self, text: str, cut: int) -> str | None:
        """The word of `text`'s likeliest segmentation (the one `word_log10` scores) that runs across `cut`, if any.

        >>> words = load_lexicon()
        >>> words.word_across("在临河区东岗镇", 3), words.word_across("白沙村曾是远近", 3)
        ('临河区', None)
        """
        start = 0
        for word in self.likeliest_words(text):
            if start >= cut:
                break
            if cut < start + len(word):
                return word
            start += len(word)
        return None

    def likeliest_words(self, text: str) -> list[str]:
        """The words of `segmented(text)`, found by jieba's route over the lexicon's own frequencies.

        jieba's tokenizer (its prefix dictionary: 0.6 s and 58 MiB per process) is not built: its
        `get_DAG` and `calc` run over `_EveryFragment`, which looks every substring up, so this is
        for short texts (rejoin asks about 8 characters, a few hundred times per million).

        >>> load_lexicon().likeliest_words("只有深入田间地头")
        ['只有', '深入', '田间', '地头']
        >>> load_lexicon().likeliest_words("")
        []
        """
        if self._router is None:
            import jieba

            router = jieba.Tokenizer()
            router.FREQ, router.initialized = _EveryFragment(self.frequencies), True
            router.total = max(self.total, 1)  # an empty lexicon: jieba takes its log
            self._router = router
        return _likeliest_route(self._router, text)[1]

    def _build_tokenizer(self) -> Any:
        import jieba

        with self._lock:
            if self._tokenizer is None:
                jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines are not ours to print
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                for word, count in self.user_words.items():
                    tokenizer.add_word(word, max(count, tokenizer.FREQ.get(word) or 0))
                self._tokenizer = tokenizer
        return self._tokenizer


class _EveryFragment:
    """Word frequencies seen as jieba's prefix dictionary: every fragment is a prefix, a non-word counts 0.

    >>> fragments = _EveryFragment({"技术": 3})
    >>> "术引" in fragments, fragments["术引"], fragments.get("术引"), fragments["技术"]
    (True, 0, None, 3)
    """

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        self.get = frequencies.get

    def __contains__(self, fragment: str) -> bool:
        return True

    def __getitem__(self, fragment: str) -> int:
        return self.get(fragment, 0)


def _likeliest_route(tokenizer: Any, text: str) -> tuple[float, list[str]]:
    """The log10 likelihood of jieba's likeliest route through `text` and its words."""
    if not text:
        return 0.0, []
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(text, tokenizer.get_DAG(text), route)
    words, start = [], 0
    while start < len(text):
        end = route[start][1] + 1
        words.append(text[start:end])
        start = end
    return float(route[0][0]) / math.log(10), words


def load_lexicon(rules: RuleSet | None = None) -> Lexicon:
    """jieba's dictionary with the words of every `words.tsv` of `rules` added (the larger frequency wins)."""
    from .rules import load_rules

    rules = rules or load_rules()
    frequencies, total = read_jieba_dictionary(jieba_dictionary_path())
    user_words = parse_user_words(rules.read_lines(USER_WORDS))
    for word, count in user_words.items():
        frequencies[word] = max(count, frequencies.get(word, 0))
        total += frequencies[word]  # as jieba's `add_word` counts it (`_build_tokenizer`)
    return Lexicon(frequencies, user_words, total)


def lexicon(context: Context) -> Lexicon:
    """The lexicon of `context`'s rules, built once per process and shared through `context.resources`."""
    return context.resources.get("lexicon", lambda: load_lexicon(context.rules))
