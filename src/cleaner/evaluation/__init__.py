"""Evaluation: held-out articles, defect generators, and scores per stage (`cleaner eval`)."""

from __future__ import annotations

import json
from typing import Any

import click


def share(part: int, whole: int) -> float:
    """`part` of `whole`, NaN when there is no whole (a table row with no cases).

    >>> share(1, 4), share(0, 0) != share(0, 0)
    (0.25, True)
    """
    return part / whole if whole else float("nan")


def per_10k(count: int, characters: int) -> float:
    """`count` per 10,000 of `characters`, to three places; 0.0 when there are no characters.

    >>> per_10k(3, 178_555), per_10k(0, 0)
    (0.168, 0.0)
    """
    return round(10_000 * count / characters, 3) if characters else 0.0


def echo_numbers(title: str, numbers: dict[str, Any], as_json: bool = False) -> None:
    """Print an evaluation's numbers: aligned `name value` lines under a title, or JSON.

    >>> echo_numbers("rejoin (seed 1):", {"recall": 0.97})
    rejoin (seed 1):
      recall 0.97
    """
    if as_json:
        click.echo(json.dumps(numbers, ensure_ascii=False, indent=2))
        return
    click.echo(title)
    width = max((len(name) for name in numbers), default=0)
    for name, value in numbers.items():
        click.echo(f"  {name:<{width}} {value}")
