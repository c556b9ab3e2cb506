"""The character n-gram language model: loading, scoring, training and perplexity.

Tokens are single characters separated by spaces, the form pycorrector's Detector and Corrector
expect from `language_model_path`; whitespace carries no meaning in Chinese text and is dropped.

>>> model = load_language_model()
>>> model.score("新技术") > model.score("新技") + model.score("术")
True
>>> len(model.char_scores("优化 营商环境"))
6
"""

from __future__ import annotations

import importlib.resources
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ModelError

if TYPE_CHECKING:
    from .pipeline import Context

MODEL_PATH = Path(str(importlib.resources.files("cleaner") / "models" / "zh_char.klm"))
DEFAULT_PRUNE = (0, 0, 0, 1)  # drop 4- and 5-grams seen once: 6 MB not 14, 3% more perplexity (README)
MAX_ORDER = 6  # the largest order the kenlm Python package (and `make lm-tools`) is built for
BUILD_HINT = "build one with `cleaner train-lm CORPUS -o {path}` (see README: Train a language model)"


def tokens(text: str) -> str:
    """The model's view of `text`: its characters separated by spaces, whitespace dropped.

    >>> tokens("新 技\\n术")
    '新 技 术'
    """
    return " ".join("".join(text.split()))  # split() drops exactly what isspace() calls whitespace


# A lone surrogate: what Python reads an undecodable byte as with errors="surrogateescape".
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class EncodableModel:
    """A kenlm model that scores any string: kenlm encodes its input as UTF-8, which a lone surrogate
    cannot be, so such a character is scored as U+FFFD (a character the model never saw) instead.

    >>> model = load_language_model().model
    >>> model.score("新 \\udcff 术", bos=False, eos=False) == model.score("新 \\ufffd 术", bos=False, eos=False)
    True
    """

    def __init__(self, model: Any) -> None:
        self.kenlm = model  # kenlm.Model
        self.order = model.order
        self.path = model.path

    def score(self, sentence: str, bos: bool = True, eos: bool = True) -> float:
        try:
            return float(self.kenlm.score(sentence, bos=bos, eos=eos))
        except UnicodeEncodeError:  # tried first: the search for surrogates would cost every call
            return float(self.kenlm.score(LONE_SURROGATE.sub("\ufffd", sentence), bos=bos, eos=eos))

    def full_scores(self, sentence: str, bos: bool = True, eos: bool = True) -> Iterator[tuple[float, int, bool]]:
        # a generator: kenlm encodes the sentence only when the first score is read, too late to retry
        return self.kenlm.full_scores(LONE_SURROGATE.sub("\ufffd", sentence), bos=bos, eos=eos)

    def perplexity(self, sentence: str) -> float:
        return float(self.kenlm.perplexity(LONE_SURROGATE.sub("\ufffd", sentence)))


class CharLanguageModel:
    """A kenlm model over characters; scores are log10 probabilities."""

    def __init__(self, path: Path, model: Any) -> None:
        self.path = path
        self.model = model  # EncodableModel: a kenlm.Model

    @property
    def order(self) -> int:
        return int(self.model.order)

    def score(self, text: str, bos: bool = False, eos: bool = False) -> float:
        """The log10 probability of the characters of `text` (whitespace dropped)."""
        return float(self.model.score(tokens(text), bos=bos, eos=eos))

    def char_scores(self, text: str, bos: bool = False, eos: bool = False) -> list[float]:
        """The log10 probability of each character of `text`, in order (one more for `</s>` when `eos`)."""
        return [prob for prob, _ngram_length, _oov in self.model.full_scores(tokens(text), bos=bos, eos=eos)]

    def __repr__(self) -> str:
        return f"CharLanguageModel({str(self.path)!r}, order={self.order})"


def load_language_model(path: Path | None = None) -> CharLanguageModel:
    """Load a kenlm model (binary or ARPA); by default the one shipped with the package."""
    import kenlm

    path = Path(path or MODEL_PATH)
    if not path.is_file():
        raise ModelError(f"{path}: no such language model file; {BUILD_HINT.format(path=path)}")
    try:
        model = kenlm.Model(str(path))
    except (OSError, RuntimeError) as error:
        raise ModelError(f"{path}: not a kenlm model ({error}); {BUILD_HINT.format(path=path)}") from None
    return CharLanguageModel(path, EncodableModel(model))


def model_path(context: Context) -> Path:
    """The model a pipeline uses: a `zh_char.klm` in the user's rules folder (`--rules`), else the shipped one.

    >>> from cleaner.pipeline import Context
    >>> model_path(Context.default()) == MODEL_PATH
    True
    """
    found = context.rules.data_paths(MODEL_PATH.name)
    return Path(str(found[-1])) if found else MODEL_PATH


def language_model(context: Context) -> CharLanguageModel:
    """The model of `context` (see `model_path`), loaded once per process and shared through `context.resources`."""
    return context.resources.get("lm", lambda: load_language_model(model_path(context)))


# --- training ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """What `train_language_model` built and from how much text."""

    output: Path
    order: int
    documents: int
    held_out_skipped: int
    lines: int
    characters: int
    size_bytes: int

    def lines_of_text(self) -> list[str]:
        return [
            f"{self.output}: order {self.order}, {self.size_bytes / 1e6:.1f} MB",
            f"  trained on {self.documents} documents, {self.lines} lines, {self.characters} characters"
            + (f"; {self.held_out_skipped} held-out articles left out" if self.held_out_skipped else ""),
        ]


@dataclass
class CorpusCount:
    """How much of a corpus `corpus_paragraphs` has read, and how many articles it left out."""

    documents: int = 0
    held_out: int = 0
    lines: int = 0
    characters: int = 0


def corpus_paragraphs(
    paths: Sequence[Path], held_out: bool | None = False, count: CorpusCount | None = None
) -> Iterator[str]:
    """Normalized paragraphs of a corpus: People's Daily JSON lines (`*.jsonl`), or `.txt` files and folders.

    Text goes through the pipeline's normalize stage, so the model sees what the later stages see.
    `held_out` picks a side of the fixed split of articles (`cleaner.evaluation.corpus.is_held_out`):
    False the training side, True the held-out side, None both. Plain text files have no held-out
    side: each is one document of the training side, each non-blank line a paragraph.
    """
    from .evaluation.corpus import is_held_out, load_articles
    from .inputs import discover
    from .io import read_document
    from .model import Document
    from .pipeline import Options, Pipeline
    from .rules import STAGES

    count = count if count is not None else CorpusCount()
    normalizer = Pipeline(options=Options(min_confidence=0.0, skip=frozenset(STAGES) - {"normalize"}))

    def documents() -> Iterator[str]:
        for path in paths:
            if path.is_file() and path.suffix in (".jsonl", ".json"):
                for article in load_articles(path, held_out=None):
                    if held_out is not None and is_held_out(article.id) != held_out:
                        count.held_out += 1
                        continue
                    yield "\n".join(article.paragraphs)
            elif held_out is not True:
                for found in discover([path]):
                    yield read_document(found.path, found.relative).text

    for text in documents():
        count.documents += 1
        normalized = normalizer.run(Document("corpus", "corpus", text)).text
        for line in normalized.split("\n"):
            if line.strip():
                yield line


def find_tool(name: str) -> str:
    """The path of one of kenlm's programs: beside this Python (where `make lm-tools` puts it), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise ModelError(f"{name}: kenlm's program is not installed; run `make lm-tools` to build it")
    return found


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = " ".join(result.stderr.strip().splitlines()[-3:])
        raise ModelError(f"{what} failed (exit {result.returncode}): {tail}")


def train_language_model(
    corpus: Path | Sequence[Path],
    output: Path,
    order: int = 5,
    prune: Sequence[int] = DEFAULT_PRUNE,
    include_held_out: bool = False,
    memory: str = "1G",
    quantize_bits: int = 8,
) -> TrainingReport:
    """Train a character model with kenlm's lmplz and write it as a quantized binary trie to `output`.

    The corpus is normalized as the pipeline does it, written one paragraph a line as
    space-separated characters, and counted with modified Kneser-Ney smoothing; n-grams of orders
    with a prune threshold above 0 are dropped when seen no more than that often.
    """
    paths = [corpus] if isinstance(corpus, Path) else list(corpus)
    if not 2 <= order <= MAX_ORDER:
        raise ModelError(f"order {order}: choose an order from 2 to {MAX_ORDER} (kenlm's Python package loads no more)")
    lmplz, build_binary = find_tool("lmplz"), find_tool("build_binary")
    count = CorpusCount()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    # the work folder sits in the system's temporary folder, never among the inputs being read
    with tempfile.TemporaryDirectory(prefix="cleaner-lm-") as work:
        text_path, arpa_path = Path(work, "corpus.txt"), Path(work, "model.arpa")
        with text_path.open("w", encoding="utf-8") as stream:
            for line in corpus_paragraphs(paths, None if include_held_out else False, count):
                line_tokens = tokens(line)
                stream.write(line_tokens + "\n")
                count.lines += 1
                count.characters += (len(line_tokens) + 1) // 2
        if count.characters == 0:
            names = ", ".join(str(path) for path in paths)
            raise ModelError(f"{names}: no text to train on (expected *.jsonl articles or *.txt files)")
        prune_args = ["--prune", *(str(p) for p in list(prune)[:order])] if any(prune) else []
        lmplz_args = ["-o", str(order), "-S", memory, "-T", work, "--discount_fallback", *prune_args]
        _run([lmplz, *lmplz_args, "--text", str(text_path), "--arpa", str(arpa_path)], "lmplz")
        partial = output.with_name(output.name + ".partial")
        bits = str(quantize_bits)
        binary_args = ["-q", bits, "-b", bits, "-T", work, "trie"]
        try:
            _run([build_binary, *binary_args, str(arpa_path), str(partial)], "build_binary")
            os.replace(partial, output)
        finally:
            partial.unlink(missing_ok=True)
    return TrainingReport(
        output, order, count.documents, count.held_out, count.lines, count.characters, output.stat().st_size
    )


# --- evaluation -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Perplexity:
    """Per-character perplexity of a model on some text (`</s>` counted as a token, as kenlm does)."""

    perplexity: float
    tokens: int
    unknown: int

    @property
    def unknown_rate(self) -> float:
        return self.unknown / self.tokens if self.tokens else 0.0


def perplexity(model: CharLanguageModel, lines: Iterable[str]) -> Perplexity:
    """The per-character perplexity of `model` over `lines`, each scored as a sentence (`<s>`…`</s>`).

    >>> result = perplexity(load_language_model(), ["新年讲话。"])
    >>> result.tokens, 1 < result.perplexity < 1000
    (6, True)
    """
    total, n_tokens, unknown = 0.0, 0, 0
    for line in lines:
        for prob, _length, oov in model.model.full_scores(tokens(line), bos=True, eos=True):
            total += prob
            n_tokens += 1
            unknown += oov
    return Perplexity(10 ** (-total / n_tokens) if n_tokens else math.nan, n_tokens, unknown)
