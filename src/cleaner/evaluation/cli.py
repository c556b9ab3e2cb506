"""`cleaner eval TASK`: score a stage on held-out articles with injected defects.

Each task lives in its own module of `cleaner.evaluation` and is imported only when run.
"""

from __future__ import annotations

import importlib

import click

# One line per task: "name": "module:attribute" (a click command).
TASKS: dict[str, str] = {
    "spelling": "cleaner.evaluation.spelling:spelling",
    "confusion-sample": "cleaner.evaluation.confusion_sample:confusion_sample",
    "rejoin": "cleaner.evaluation.rejoin:rejoin",
    "debris": "cleaner.evaluation.debris:debris",
    "line-ends": "cleaner.evaluation.line_ends:line_ends",
    "endings": "cleaner.evaluation.endings:endings",
    "clean": "cleaner.evaluation.clean_pages:clean_pages",
    "figures": "cleaner.evaluation.figures:figures",
    "duplicates": "cleaner.evaluation.duplicates:duplicates",
    "flags": "cleaner.evaluation.flag_pages:flags",
    "pages": "cleaner.evaluation.pages:pages",
    "ocr": "cleaner.evaluation.ocr:ocr",
    "lm": "cleaner.commands.train_lm:evaluate_lm",
}


class TaskGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(TASKS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in TASKS:
            return None
        module, attribute = TASKS[name].split(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command


@click.group(cls=TaskGroup, name="eval")
def evaluate() -> None:
    """Measure precision and recall of a stage on held-out text with injected defects."""
