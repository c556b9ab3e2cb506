"""People's Daily articles: loading, and the fixed split between training and held-out text.

The split is by a hash of the article id, so it never changes with file order and every tool of
the project (language-model training, every evaluation) agrees on which articles are held out.

>>> is_held_out("19980101-01-001") in (True, False)
True
>>> 150 < sum(is_held_out(f"id-{n}") for n in range(1000)) < 250
True
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

HELD_OUT_PERCENT = 20
DEFAULT_CORPUS = Path(os.environ.get("CLEANER_CORPUS", "../shared/corpus/peoples_daily_1998_01_01-24.jsonl"))
# the help of the options every `cleaner eval` task shares
CORPUS_HELP = "People's Daily articles, one JSON object a line (CLEANER_CORPUS sets the default)."
SPLIT_HELP = "held-out to report; train to tune on."
SEED_HELP = "Seeds the choice of articles and the defects injected into them."
PROFILE_HELP = "The pipeline to score: fast (the LM only at candidate sites) or full."


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its id and its paragraphs in layout order."""

    id: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        """The article as a page: paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


def bucket(article_id: str) -> int:
    """The article's hash bucket, 0..99: below HELD_OUT_PERCENT it is held out.

    Evaluations that keep a tuning part of the training side carve it from the next buckets.

    >>> 0 <= bucket("19980101-01-001") < 100
    True
    """
    return int(hashlib.sha256(article_id.encode()).hexdigest()[:8], 16) % 100


def is_held_out(article_id: str) -> bool:
    """Whether an article belongs to the held-out set (about 20%), never used for training."""
    return bucket(article_id) < HELD_OUT_PERCENT


def load_articles(path: Path = DEFAULT_CORPUS, held_out: bool | None = None) -> Iterator[Article]:
    """Read articles from a JSON-lines file; `held_out` selects one side of the split, None both.

    Text is returned as stored (full-width digits included); callers normalize as they need.
    """
    if not path.is_file():
        raise InputError(str(path), "no such corpus file; pass the People's Daily JSON-lines file with --corpus")
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                article = Article(str(row["id"]), tuple(p for p in row["paragraphs"] if p.strip()))
            except (json.JSONDecodeError, KeyError, TypeError):
                raise InputError(f"{path}:{number}", 'is not an article line ({"id", "paragraphs"})') from None
            if held_out is None or is_held_out(article.id) == held_out:
                yield article


def newspaper_pages(articles: list[Article]) -> list[Article]:
    """The articles of one printed page (same date and page number) as one text, in layout order:
    a page's later headlines follow the end of the article before, as on a real page.

    >>> first, second = Article("19980101-01-001", ("标题", "正文。")), Article("19980101-01-002", ("标题二",))
    >>> pages = newspaper_pages([first, second])
    >>> [(p.id, len(p.paragraphs)) for p in pages]
    [('19980101-01', 3)]
    """
    pages: dict[str, list[str]] = {}
    for article in articles:
        pages.setdefault(article.id[:11], []).extend(article.paragraphs)
    return [Article(page_id, tuple(paragraphs)) for page_id, paragraphs in pages.items()]


FIT_FOLDS = 4  # the training side in quarters: each one's features are taken with a model trained on the rest


def fit_fold(article_id: str) -> int:
    """The quarter of the training side an article falls in, for fitting and checking what weighs the model.

    Weights that weigh the language model's evidence are fitted on text the model has not seen:
    fold k scored with a model trained on the other folds (`cleaner eval rejoin --fold K
    --export-lm-corpus F`, then `cleaner train-lm F`). Fold 0 is the fit fold the rejoin weights were
    first fitted on; `cleaner eval spelling --fold K` scores the spelling stage on fold K.

    >>> counts = [0] * FIT_FOLDS
    >>> for n in range(400):
    ...     counts[fit_fold(f"id-{n}")] += 1
    >>> all(70 < count < 130 for count in counts)
    True
    """
    quarter_bucket = int(hashlib.sha256(f"rejoin-fit:{article_id}".encode()).hexdigest()[:8], 16) % 100
    return quarter_bucket * FIT_FOLDS // 100


def gold_pages(folder: Path) -> list[Article]:
    """The gold texts of a folder (`*.gold.txt`), each a page of paragraphs parted by blank lines.

    >>> pages = gold_pages(Path(__file__).parents[3] / "tests" / "pages")
    >>> len(pages) > 50, pages[0].id.endswith(".gold"), all(pages[0].paragraphs)
    (True, True, True)
    """
    pages = []
    for path in sorted(folder.glob("*.gold.txt")):
        paragraphs = tuple(p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip())
        pages.append(Article(path.stem, paragraphs))
    return pages
