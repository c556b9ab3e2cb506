"""The `cleaner` command: a thin click layer over the library.

Library errors (`CleanerError`) become `click.ClickException` in one place, `CleanerGroup`.
"""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cli_failures import (
    INTERRUPTION_LEAVES,
    OUTPUTS_WHOLE,
    REMEMBERS_RESULTS,
    WRITE_FAILURES,
    Interrupted,
    NothingProcessedError,
    QuietFlush,
    Terminated,
    rerun,
    sigterm_as_interrupt,
    write_failure,
)
from .errors import CleanerError, OutputError, RuleError
from .pipeline import DEFAULT_MIN_CONFIDENCE
from .rules import STAGES

# Commands that live in their own modules, imported only when run, so `cleaner --help` stays fast.
# One line per command: "name": "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "eval": "cleaner.evaluation.cli:evaluate",
    "check": "cleaner.commands.check:check",
    "apply": "cleaner.commands.apply:apply",
    "train-lm": "cleaner.commands.train_lm:train_lm",
    "build-shapes": "cleaner.commands.build_shapes:build_shapes",
    "build-misread-words": "cleaner.commands.build_misread_words:build_misread_words",
    "learn-confusions": "cleaner.commands.learn_confusions:learn_confusions",
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
            with sigterm_as_interrupt():
                return super().invoke(ctx)
        except (RuleError, OutputError) as error:
            raise NothingProcessedError(str(error)) from None
        except CleanerError as error:
            raise click.ClickException(str(error)) from None
        except Terminated:
            raise Interrupted(signal.SIGTERM, *self._interruption(ctx)) from None
        except KeyboardInterrupt:
            raise Interrupted(signal.SIGINT, *self._interruption(ctx)) from None
        except OSError as error:
            if error.errno not in WRITE_FAILURES:
                raise
            # what is still buffered for stdout would fail again at exit, with a traceback
            sys.stdout = QuietFlush(sys.stdout)  # type: ignore[assignment]
            raise click.ClickException(write_failure(error, ctx.meta.get(REMEMBERS_RESULTS, False))) from None
        except sqlite3.OperationalError as error:  # the result cache's database, on a full disk
            message = f"the result cache cannot be written ({error}); {rerun(remembered=True)}"
            raise click.ClickException(message) from None

    @staticmethod
    def _interruption(ctx: click.Context) -> tuple[bool, str]:
        """Whether the stopped command remembered its results, and what its stop leaves (`Interrupted`)."""
        return ctx.meta.get(REMEMBERS_RESULTS, False), ctx.meta.get(INTERRUPTION_LEAVES, OUTPUTS_WHOLE)


def reads_stdin(inputs: tuple[Path, ...], files_from: Any, what: str) -> bool:
    """Whether a command's only input is `-`; `-` among other inputs is a usage error (it would be
    taken for a file named `-`).

    >>> reads_stdin((Path("-"),), None, "checks stdin"), reads_stdin((Path("a.txt"),), None, "checks stdin")
    (True, False)
    """
    if Path("-") in inputs and (len(inputs) > 1 or files_from is not None):
        raise click.UsageError(f"`-` {what} alone; give files and folders in another run")
    return inputs == (Path("-"),)


def rules_option(function: Any) -> Any:
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="A folder of rule files that add to or override the built-in ones.",
    )(function)


class ExistingPath(click.Path):
    """An existing file or folder. A path that is there but cannot be followed (a symbolic link in a
    loop) is named for what it is: click's own check reads every failure to look it up as "does not
    exist"."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value != "-":
            try:
                os.stat(value)
            except OSError as error:
                if error.errno == errno.ELOOP:
                    self.fail(f"Path {value!r} is a symbolic link in a loop ({error.strerror}).", param, ctx)
        return super().convert(value, param, ctx)


class InputPath(ExistingPath):
    """An input: an existing file or folder, or a glob pattern that cleaner expands itself."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import glob

        if isinstance(value, str) and glob.has_magic(value) and not Path(value).exists():
            return Path(value)
        return super().convert(value, param, ctx)


def batch_options(default_profile: str, default_cache: str, verb: str) -> Any:
    """The options `clean` and `check` share for large batches: profile, jobs, cluster, list, cache; each command's
    help gives its own default cache folder and its own VERB (check's help spoke of OUTDIR, which check has none of,
    and of cleaning)."""
    options = [
        click.option(
            "--profile",
            type=click.Choice(["fast", "full"]),
            default=default_profile,
            show_default=True,
            help="fast skips the language-model character correction.",
        ),
        click.option(
            "-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes.  [default: every core]"
        ),
        click.option(
            "--scheduler",
            metavar="ADDRESS",
            help="Run on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), not on local cores.",
        ),
        click.option(
            "--files-from",
            # a path's bytes that are no UTF-8 (a list written in GB18030) stay those bytes, as the file system has them
            type=click.File("r", encoding="utf-8", errors="surrogateescape"),
            metavar="FILE",
            help="Read more inputs from FILE, one path a line; - reads them from stdin.",
        ),
        click.option(
            "--cache",
            "cache_dir",
            type=click.Path(file_okay=False, path_type=Path),
            help=f"Folder of remembered results, so re-runs skip unchanged files.  [default: {default_cache}]",
        ),
        click.option("--no-cache", is_flag=True, help=f"{verb} every file afresh and remember nothing."),
    ]

    def decorate(function: Any) -> Any:
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


def open_batch(
    inputs: tuple[Path, ...],
    files_from: Any,
    cache_dir: Path | None,
    no_cache: bool,
    pipeline: Any,
    outdir: Path | None = None,
) -> tuple[Any, Any, Any, Any]:
    """The inputs, cache, progress display and left-out files (`inputs.LeftOut`) of a batch command,
    from its options; an OUTDIR inside an input folder is not searched for inputs.

    The pipeline's rules are checked here unless the cache vouches for them: compiling every
    stage's patterns took a fifth of re-checking an unchanged archive.
    """
    from .batch import batch_inputs
    from .cache import open_cache
    from .errors import InputError
    from .inputs import LeftOut
    from .path_lists import path_list_lines
    from .progress import Progress

    if not inputs and files_from is None:
        raise click.UsageError("no inputs: name files, folders or patterns, or pass --files-from FILE")
    try:
        list_lines = None if files_from is None else path_list_lines(files_from)
    except InputError as error:  # a list that is no text is a wrong argument, found before the first file
        raise NothingProcessedError(str(error)) from None
    total = None
    if files_from is None and sys.stderr.isatty():
        total = sum(1 for _ in batch_inputs(inputs, None, outdir))  # a cheap walk, for the bar's ETA
    folder = None if no_cache else cache_dir or Path(".cleaner-cache")
    # an existing cache is opened first, to ask it; a new one only once the rules passed (it makes folders)
    cache = open_cache(folder, pipeline) if folder is not None and folder.is_dir() else None
    if cache is None or not cache.vouches_for_rules():
        pipeline.check_rules()
    cache = cache or open_cache(folder, pipeline)
    click.get_current_context().meta[REMEMBERS_RESULTS] = cache is not None
    left_out = LeftOut()
    return batch_inputs(inputs, list_lines, outdir, left_out), cache, Progress(total), left_out


def stage_options(function: Any) -> Any:
    """--min-confidence and --skip, shared by every command that runs the pipeline."""
    function = click.option(
        "--skip", multiple=True, type=click.Choice(STAGES), help="Switch a stage off (repeatable)."
    )(function)
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        default=DEFAULT_MIN_CONFIDENCE,
        show_default=True,
        help="Fixes below this are suggested, not applied.",
    )(function)


def build_pipeline(
    rules_dir: Path | None, min_confidence: float, skip: tuple[str, ...], profile: str = "full", check: bool = True
) -> Any:
    """The pipeline of a command's options; with CHECK, its rule data checked at once (a batch leaves
    that to `open_batch`)."""
    from .pipeline import Options, Pipeline
    from .rules import load_rules

    options = Options(min_confidence=min_confidence, profile=profile, skip=frozenset(skip))
    pipeline = Pipeline(load_rules(rules_dir), options)
    if check:
        pipeline.check_rules()
    return pipeline


@click.group(cls=CleanerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Clean and correct OCR text of scanned Chinese newspapers."""


@main.command()
@click.argument("inputs", nargs=-1, type=InputPath(exists=True, allow_dash=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for corrected texts and reports.",
)
@stage_options
@rules_option
@batch_options(default_profile="full", default_cache="OUTDIR/.cleaner-cache", verb="Clean")
@click.option("--diff", is_flag=True, help="Print a unified diff of each input and its output on stdout.")
@click.option("--html/--no-html", default=True, show_default=True, help="Write the review pages OUTDIR/report.html.")
def clean(
    inputs: tuple[Path, ...],
    outdir: Path | None,
    min_confidence: float,
    skip: tuple[str, ...],
    rules_dir: Path | None,
    profile: str,
    jobs: int | None,
    scheduler: str | None,
    files_from: Any,
    cache_dir: Path | None,
    no_cache: bool,
    diff: bool,
    html: bool,
) -> None:
    """Clean INPUTS (files, folders searched for *.txt, or quoted glob patterns such as
    'archive/19*/**/*.txt') into OUTDIR; `-` reads stdin, writes stdout.

    Files stream through every core (or a Dask cluster); results are remembered in
    OUTDIR/.cleaner-cache, so a re-run, or a run after a crash, skips the files already done.

    Exit status: 0 when every input was processed, 1 when some could not be read (each is listed, the
    others are still cleaned) or an output could not be written, 2 on a usage error, broken rule files
    or an output or cache folder refused before the first file, 130 on Ctrl-C and 143 on SIGTERM.
    """
    stdin = reads_stdin(inputs, files_from, "cleans stdin to stdout")
    if stdin and outdir is not None:
        raise click.UsageError("`-` writes the cleaned text to stdout; leave out -o, or redirect with >")
    if outdir is not None and not stdin:
        from .inputs import check_outputs_apart
        from .io import check_writable_folder

        check_writable_folder(outdir)
        check_outputs_apart(inputs, outdir)
    if not stdin and scheduler is None:
        from .executor import prestart_local_workers

        prestart_local_workers(jobs, reports=True)  # workers render report.csv with pandas
    pipeline = build_pipeline(rules_dir, min_confidence, skip, profile, check=stdin)
    if stdin:
        from .io import read_stdin
        from .model import Document

        text = read_stdin()
        result = pipeline.run(Document("-", "-", text))
        from .report.diff import unified_diff

        sys.stdout.write(unified_diff("-", text, result.text) if diff else result.text)
        return
    if outdir is None:
        raise click.UsageError("an output folder is needed: add -o OUTDIR")
    from .batch_outputs import clean_paths
    from .output_lock import output_lock

    cache_dir = cache_dir or outdir / ".cleaner-cache"
    # held until the command ends, taken before the result cache is opened: another run in OUTDIR is refused
    # before it touches a file, its cache included (a folder made for the lock goes again if the rules fail)
    click.get_current_context().with_resource(output_lock(outdir))
    batch, cache, progress, left_out = open_batch(inputs, files_from, cache_dir, no_cache, pipeline, outdir)
    with progress:
        try:
            summary = clean_paths(
                batch, outdir, pipeline, jobs=jobs, scheduler=scheduler, cache=cache, progress=progress, html=html
            )
        except OSError as error:
            if error.filename is None:  # a report's write names no file: the folder it goes to
                error.filename = str(outdir)
            raise
    for line in summary.lines():
        click.echo(line, err=diff)  # with --diff, stdout carries the diff alone
    click.echo(f"  reports: {outdir / 'report.json'}, {outdir / 'report.csv'}", err=diff)
    if diff:
        from .report.review import write_review

        write_review(outdir, html=False, diff=sys.stdout)
    if html:
        click.echo(f"  review: {outdir / 'report.html'}", err=diff)
    else:
        from .report.html_index import remove_review_pages

        remove_review_pages(outdir)
    if (note := left_out.note()) is not None:
        click.echo(note, err=True)
    if not summary.documents and not summary.failures:
        click.echo("note: the inputs hold no *.txt files; nothing was cleaned", err=True)
    for line in summary.failure_lines("error: ", str(outdir / "report.json")):
        click.echo(line, err=True)
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


def run() -> None:
    """The `cleaner` program: `main`, and an exit that does not wait for a process pool whose workers a Ctrl-C or
    SIGTERM ended mid-chunk (`executor.stop_workers`).

    Every output and the cache are closed by then, but the pool's own threads may be blocked for good on a pipe an
    ended worker held, and Python's exit would wait for them (seen under load: an interrupted run asleep for
    minutes). Tests call `main` through CliRunner, in their own process, which this exit would end.
    """
    from .collector import own_collector

    own_collector()  # this process only cleans: a library's caller, or a test through CliRunner, keeps its collector
    try:
        main()
    except SystemExit as stop:
        from .executor import workers_abandoned

        if not workers_abandoned():
            raise
        sys.stdout.flush()
        sys.stderr.flush()
        # the first step of multiprocessing's own exit: the pool's semaphores are released (else its resource
        # tracker warns of them as leaked); the later steps would join the blocked threads
        from multiprocessing import util

        util._run_finalizers(0)  # type: ignore[attr-defined]
        os._exit(stop.code if isinstance(stop.code, int) else 1)
