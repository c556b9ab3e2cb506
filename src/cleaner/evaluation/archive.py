"""A synthetic archive for throughput runs: pages of held-out People's Daily articles with OCR-like defects.

Pages are written as `YYYY/MM/DD/PP-NNNNNN.txt` under a folder, until a number of characters (or
of files) is reached. Every page is different (its articles, defects and a serial line vary), so a
content-keyed cache cannot short-cut a first run. Defects: hard-wrapped lines, visually confused
characters, doubled words, half-width commas and stray spaces between Chinese characters.

>>> from cleaner.evaluation.corpus import Article
>>> pages = list(pages_of([Article("a", ("新年讲话发表了。", "人民日报评论员文章。"))], files=2))
>>> len(pages), pages[0][0].count("/")
(2, 3)
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from .corpus import DEFAULT_CORPUS, Article, load_articles

CONFUSIONS = Path(DEFAULT_CORPUS).parent / "confusion_shape_sighan13_simp.tsv"
ARTICLES_PER_PAGE = (1, 6)
WRAP_WIDTH = (24, 40)


def load_confusions(path: Path = CONFUSIONS) -> dict[str, list[str]]:
    """Visually similar characters: a line is a character, a tab, and the characters it is mistaken for."""
    if not path.is_file():
        return {}
    table: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, similar = line.partition("\t")
        others = [c for c in similar if c not in "\t " and c != key]
        if len(key) == 1 and others:
            table.setdefault(key, []).extend(others)
    return table


def damage(paragraph: str, rng: random.Random, confusions: dict[str, list[str]]) -> str:
    """One paragraph with a few OCR-like defects, chosen by RNG.

    >>> damage("今天天气很好，我们出去散步。", random.Random(1), {"天": ["夭"]}) != ""
    True
    """
    chars = list(paragraph)
    for _ in range(max(1, len(chars) // 200)):
        if not chars:
            break
        i = rng.randrange(len(chars))
        roll = rng.random()
        if roll < 0.4 and chars[i] in confusions:
            chars[i] = rng.choice(confusions[chars[i]])
        elif roll < 0.6 and i + 2 <= len(chars):
            chars.insert(i + 2, "".join(chars[i : i + 2]))
        elif roll < 0.8 and chars[i] == "，":
            chars[i] = ","
        else:
            chars.insert(i, " ")
    text = "".join(chars)
    width = rng.randint(*WRAP_WIDTH)
    return "\n".join(text[k : k + width] for k in range(0, len(text), width))


def pages_of(
    articles: Sequence[Article], characters: int | None = None, files: int | None = None, seed: int = 1998
) -> Iterator[tuple[str, str]]:
    """(relative path, text) of damaged pages, until CHARACTERS or FILES is reached."""
    confusions = load_confusions()
    rng = random.Random(seed)
    written = count = 0
    while (characters is None or written < characters) and (files is None or count < files):
        picked = rng.sample(list(articles), min(len(articles), rng.randint(*ARTICLES_PER_PAGE)))
        paragraphs = [damage(p, rng, confusions) for article in picked for p in article.paragraphs]
        day, page = divmod(count, 16)
        text = f"第{count + 1}号\n\n" + "\n\n".join(paragraphs) + "\n"
        path = f"1998/{1 + day // 28 % 12:02d}/{1 + day % 28:02d}/{page + 1:02d}-{count:06d}.txt"
        yield path, text
        written += len(text)
        count += 1


def write_archive(
    folder: Path, characters: int | None = None, files: int | None = None, seed: int = 1998
) -> tuple[int, int]:
    """Write a synthetic archive of held-out articles into FOLDER; returns (files, characters)."""
    articles = list(load_articles(held_out=True))
    count = written = 0
    for relative, text in pages_of(articles, characters, files, seed):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        count += 1
        written += len(text)
    return count, written


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--characters", type=int, help="Stop after this many characters.")
@click.option("--files", type=int, help="Stop after this many files.")
@click.option("--seed", type=int, default=1998, show_default=True)
def main(folder: Path, characters: int | None, files: int | None, seed: int) -> None:
    """Write a synthetic archive of damaged held-out pages into FOLDER."""
    if characters is None and files is None:
        raise click.UsageError("say how large: --characters N or --files N")
    count, written = write_archive(folder, characters, files, seed)
    click.echo(f"{count:,} files, {written:,} characters in {folder}")


if __name__ == "__main__":
    main()
