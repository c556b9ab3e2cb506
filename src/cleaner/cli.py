"""The `cleaner` command: a thin click layer over the library.

Library errors (`CleanerError`) become `click.ClickException` in one place, `CleanerGroup`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import CleanerError
from .rules import STAGES

# Commands that live in their own modules, imported only when run, so `cleaner --help` stays fast.
# One line per command: "name": "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "eval": "cleaner.evaluation.cli:evaluate",
}


class CleanerGroup(click.Group):
    """Loads commands lazily, and turns every library error into a one-line message and exit 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            import importlib

            module, attribute = LAZY_COMMANDS[name].split(":")
            command: click.Command = getattr(importlib.import_module(module), attribute)
            return command
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CleanerError as error:
            raise click.ClickException(str(error)) from None


def rules_option(function: Any) -> Any:
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="A folder of rule files that add to or override the built-in ones.",
    )(function)


def build_pipeline(rules_dir: Path | None, min_confidence: float, skip: tuple[str, ...], profile: str = "full") -> Any:
    from .pipeline import Options, Pipeline
    from .rules import load_rules

    options = Options(min_confidence=min_confidence, profile=profile, skip=frozenset(skip))
    return Pipeline(load_rules(rules_dir), options)


@click.group(cls=CleanerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Clean and correct OCR text of scanned Chinese newspapers."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for corrected texts and reports.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.8,
    show_default=True,
    help="Fixes below this are suggested, not applied.",
)
@click.option("--skip", multiple=True, type=click.Choice(STAGES), help="Switch a stage off (repeatable).")
@rules_option
def clean(
    inputs: tuple[Path, ...], outdir: Path | None, min_confidence: float, skip: tuple[str, ...], rules_dir: Path | None
) -> None:
    """Clean INPUTS (files, or folders searched for *.txt) into OUTDIR; `-` reads stdin, writes stdout."""
    pipeline = build_pipeline(rules_dir, min_confidence, skip)
    if inputs == (Path("-"),):
        from .model import Document

        text = sys.stdin.read()
        sys.stdout.write(pipeline.run(Document("-", "-", text)).text)
        return
    if outdir is None:
        raise click.UsageError("an output folder is needed: add -o OUTDIR")
    from .batch import clean_paths

    summary = clean_paths(inputs, outdir, pipeline)
    for line in summary.lines():
        click.echo(line)
    click.echo(f"  reports: {outdir / 'report.json'}, {outdir / 'report.csv'}")
    for path, error in summary.failures:
        click.echo(f"error: {path}: {error}", err=True)
    if summary.failures:
        sys.exit(1)


@main.command(name="rules")
@rules_option
def list_rules(rules_dir: Path | None) -> None:
    """List the rules: id, stage, and what each does."""
    from .rules import load_rules

    for rule in load_rules(rules_dir):
        state = "" if rule.enabled else "  (off)"
        click.echo(f"{rule.id}  {rule.stage:<11} {rule.name}: {rule.description or rule.message}{state}")
