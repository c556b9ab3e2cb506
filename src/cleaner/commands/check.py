"""`cleaner check`: run the pipeline as a linter, write no text, and gate CI on what it finds.

Exit status: 0 when no finding matches `--fail-on`, 1 when one does, 2 on a usage or input error
(an unreadable input file, a bad baseline); the other files are still checked. On stderr, each
file with a finding that matches prints `PATH: N findings, M matching --fail-on GATE`, and the run
closes with that line for all files (`N files checked: ...`, or `N files: C checked, K unreadable: ...` when
some could not be read).
"""

from __future__ import annotations

import hashlib
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from ..cache import ResultCache
from ..cli import InputPath, batch_options, build_pipeline, open_batch, reads_stdin, rules_option, stage_options
from ..cli_failures import INTERRUPTION_LEAVES
from ..errors import CleanerError
from ..inputs import InputFile
from ..io import read_stdin, shown_path
from ..model import Change, Status
from ..printable import printable
from ..report.baseline import Baseline, BaselineError, check_baseline_writable, record, write_baseline
from ..report.formats import FORMATS, Format, LinesFormat, Located, locate, make_format, one_per_page
from ..report.summary import counted, failure_line, listed_error
from ..rules import STAGES, RuleSet
from ..seen_keys import SpilledRows

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class CheckError(click.ClickException):
    """An input or usage problem: exit status 2, like click's own usage errors."""

    exit_code = EXIT_ERROR


def parse_gate(value: str, rules: RuleSet) -> Callable[[Change], bool]:
    """Which findings fail the check: `any`, or a comma list of statuses, stages and rule ids.

    A finding fails when its status, its stage or its rule is in the list.

    >>> from cleaner.rules import load_rules
    >>> gate = parse_gate("flagged,N101", load_rules())
    >>> gate(Change("normalize", "N101", "m", 0, 1, "１", "1", Status.APPLIED, 1.0))
    True
    >>> gate(Change("normalize", "N102", "m", 0, 1, ",", "，", Status.APPLIED, 1.0))
    False
    """
    tokens = {token.strip() for token in value.split(",") if token.strip()}
    if not tokens:
        raise click.BadParameter("give at least one value, or `any`", param_hint="--fail-on")
    if "any" in tokens:
        return lambda change: True
    statuses = {str(status) for status in Status}
    rule_ids = {rule.id for rule in rules}
    unknown = sorted(tokens - statuses - set(STAGES) - rule_ids)
    if unknown:
        raise click.BadParameter(
            f"unknown value {', '.join(map(repr, unknown))}: give `any`, a status ({', '.join(sorted(statuses))}), "
            f"a stage ({', '.join(STAGES)}) or a rule id (`cleaner rules` lists them)",
            param_hint="--fail-on",
        )
    return lambda change: str(change.status) in tokens or change.stage in tokens or change.rule in tokens


class Views:
    """The printed lines of each checked file, kept in the result cache to replay on an unchanged file.

    A view is keyed by the file's content hash (and the cache's run key) and by the format, the gate
    and the path: whatever else changes the lines. Only the line formats with no baseline qualify.
    """

    BATCH = 256

    def __init__(self, cache: ResultCache, output: LinesFormat, format_name: str, fail_on: str) -> None:
        self.cache, self.output = cache, output
        # v2: the file's size in characters ahead of the compressed lines; v3: a page-wide rule's findings folded;
        # v4: N106's folded too, and a control or invisible character in a quoted text escaped
        self.key = f"v4\x1f{format_name}\x1f{fail_on}\x1f"
        self.pending: list[tuple[str, str, bytes]] = []

    @staticmethod
    def apply(cache: ResultCache | None, output: Format, baseline: Path | None, new_baseline: Path | None) -> bool:
        return cache is not None and isinstance(output, LinesFormat) and baseline is None and new_baseline is None

    def name(self, path: str) -> str:
        # a name that is no valid UTF-8 keeps its odd bytes as surrogates: hash them as the bytes they were
        return hashlib.sha256((self.key + path).encode("utf-8", "surrogateescape")).hexdigest()[:32]

    def find(self, item: InputFile, sha256: str) -> tuple[bytes, int] | None:
        """The stored view of a file, and the file's size in characters."""
        payload = self.cache.get_view(sha256, self.name(item.path.as_posix()))
        if payload is None:
            return None
        characters, _, compressed = payload.partition(b"\n")
        return compressed, int(characters)

    def replay(self, compressed: bytes) -> tuple[int, int]:
        """Print a stored view; returns how many findings it shows and how many of them fail."""
        counts, _, lines = zlib.decompress(compressed).partition(b"\n")
        self.output.write_encoded(lines)
        shown, failing = counts.split()
        return int(shown), int(failing)

    def show(self, sha256: str, path: str, found: list[Located], characters: int) -> None:
        """Print one file's findings and remember them as its view."""
        lines = "".join(self.output.line(f) + "\n" for f in found)
        self.output.stream.write(lines)
        record = f"{len(found)} {sum(f.failing for f in found)}\n{lines}".encode()
        self.pending.append((sha256, self.name(path), b"%d\n" % characters + zlib.compress(record, 1)))
        if len(self.pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        self.cache.put_views(self.pending)
        self.pending = []


@click.command()
@click.argument("inputs", nargs=-1, type=InputPath(exists=True, allow_dash=True, path_type=Path))
@click.option(
    "--fail-on",
    default="any",
    show_default=True,
    help="Findings that fail the check: `any`, or a comma list of statuses, stages and rule ids.",
)
@click.option(
    "--format", "format_name", type=click.Choice(FORMATS), default="lines", show_default=True, help="Output format."
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Ignore the findings recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    "new_baseline",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Record every current finding in this file (and exit 0 unless an input fails).",
)
@stage_options
@rules_option
@batch_options(default_profile="fast", default_cache="./.cleaner-cache", verb="Check")
def check(
    inputs: tuple[Path, ...],
    fail_on: str,
    format_name: str,
    baseline_path: Path | None,
    new_baseline: Path | None,
    min_confidence: float,
    skip: tuple[str, ...],
    rules_dir: Path | None,
    profile: str,
    jobs: int | None,
    scheduler: str | None,
    files_from: Any,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Check INPUTS (files, folders searched for *.txt, or quoted glob patterns; `-` reads stdin) and
    report findings without writing any text.

    Exit status: 0 when no finding matches --fail-on, 1 when one does, 2 on a usage error or an
    unreadable input. Each file with a matching finding gets a summary line on stderr.

    A page's line ends changed (N105: a page saved with CRLF) or its invisible characters removed (N106: a
    zero-width space between words) are one finding per page and kind, at the first one changed, its message
    saying how many there are (one annotation, not one a line);
    --write-baseline still records each, so that a baseline hides them one by one."""
    from ..batch import process

    stdin = reads_stdin(inputs, files_from, "checks stdin")
    click.get_current_context().meta[INTERRUPTION_LEAVES] = stopped_check_leaves(format_name, new_baseline)
    try:
        pipeline = build_pipeline(rules_dir, min_confidence, skip, profile, check=stdin)
        baseline = Baseline.read(baseline_path) if baseline_path else Baseline()
        if new_baseline:
            check_baseline_writable(new_baseline)
        if not stdin:
            batch, cache, progress, left_out = open_batch(inputs, files_from, cache_dir, no_cache, pipeline)
    except CleanerError as error:
        raise CheckError(str(error)) from None
    gate = parse_gate(fail_on, pipeline.rules)
    page_wide = pipeline.rules.one_per_page()
    output = make_format(format_name)
    if stdin:
        _check_stdin(pipeline, baseline, gate, output, fail_on)
    # A line format's report of an unchanged file is replayed from the cache, without decoding its result.
    views = (
        Views(cache, output, format_name, fail_on) if Views.apply(cache, output, baseline_path, new_baseline) else None
    )
    # a file's failure and, for --write-baseline, every finding: on disk past a bound, as an archive's are many
    failures, recorded = SpilledRows(), SpilledRows()
    files = shown = failing = 0
    outcomes = process(
        batch, pipeline, jobs=jobs, scheduler=scheduler, cache=cache, progress=progress, view=views and views.find
    )
    for outcome in outcomes:
        path = shown_path(outcome.item.path)
        if outcome.view is not None:
            files += 1
            file_shown, file_failing = views.replay(outcome.view)  # type: ignore[union-attr]
            shown, failing = shown + file_shown, failing + file_failing
            _tally(path, file_shown, file_failing, fail_on)
            continue
        if outcome.result is None:
            failures.append((path, outcome.error or "cannot be checked", outcome.item.listed_at))
            continue
        files += 1
        found = locate(path, outcome.result.document.text, outcome.result.changes, gate)
        if new_baseline:
            record(recorded, found, new_baseline)
        found = one_per_page(baseline.filter(found), page_wide)
        if views is not None:
            document = outcome.result.document
            views.show(document.meta["sha256"], path, found, len(document.text))
        else:
            output.file(path, found)
        file_failing = sum(f.failing for f in found)
        shown, failing = shown + len(found), failing + file_failing
        _tally(path, len(found), file_failing, fail_on)
    if views is not None:
        views.flush()
    progress.close()
    output.finish((path, listed_error(error, listed_at)) for path, error, listed_at in failures)
    if (note := left_out.note()) is not None:
        click.echo(note, err=True)
    baseline_written = (new_baseline, recorded) if new_baseline else None
    _close(failures, baseline_written, (files, shown, failing), fail_on, bool(inputs))


def stopped_check_leaves(format_name: str, new_baseline: Path | None) -> str:
    """What a check stopped by Ctrl-C leaves, for its message: it said "no report was written" while a SARIF or JUnit
    document was left half printed, which a CI step then failed to parse.

    >>> stopped_check_leaves("sarif", Path("baseline.json"))
    'the findings printed so far are only some of them, in a sarif document left unclosed, and no baseline was written'
    >>> stopped_check_leaves("lines", None)
    'the findings printed so far are only some of them'
    """
    leaves = "the findings printed so far are only some of them"
    if format_name in ("sarif", "junit"):
        leaves += f", in a {format_name} document left unclosed"
    return leaves + (", and no baseline was written" if new_baseline else "")


def _close(
    failures: SpilledRows | list[tuple[str, str, str]],
    baseline: tuple[Path, SpilledRows] | None,
    counts: tuple[int, int, int],
    fail_on: str,
    named_inputs: bool,
) -> NoReturn:
    """End a check of files: name the unreadable ones, write the new BASELINE (its path and findings) if asked,
    print the closing line of COUNTS (files checked, findings shown, findings failing) and exit with the status.

    >>> from click.testing import CliRunner
    >>> CliRunner().invoke(click.command()(lambda: _close([], None, (2, 3, 1), "any", True))).stderr
    '2 files checked: 3 findings, 1 matching --fail-on any\\n'
    """
    files, shown, failing = counts
    for failure in failures:
        click.echo(f"error: {failure_line(*failure)}", err=True)
    if baseline:
        try:
            written = write_baseline(*baseline)
        except BaselineError as error:  # the disk filled, or the folder went, since the check began
            raise CheckError(str(error)) from None
        click.echo(f"wrote {counted(written, 'finding')} to the baseline {baseline[0]}", err=True)
    click.echo(
        f"{files_counted(files, len(failures))}: {counted(shown, 'finding')}, {failing:,} matching --fail-on {fail_on}",
        err=True,
    )
    if not files and not failures and named_inputs:  # an empty --files-from list (no changed files) is no news
        # a folder of scans in another format, or the wrong folder: a gate that passes on nothing says so
        click.echo("note: the inputs hold no *.txt files; nothing was checked", err=True)
    if failures:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_CLEAN if baseline or not failing else EXIT_FINDINGS)


def files_counted(checked: int, unreadable: int) -> str:
    """The closing line's count of files: all of them first, so that `1 checked, 1 unreadable` of two inputs
    cannot read as one file that was both.

    >>> files_counted(2, 0), files_counted(1, 1), files_counted(0, 0)
    ('2 files checked', '2 files: 1 checked, 1 unreadable', '0 files checked')
    """
    if not unreadable:
        return f"{counted(checked, 'file')} checked"
    return f"{counted(checked + unreadable, 'file')}: {checked:,} checked, {unreadable:,} unreadable"


def _tally(path: str, shown: int, failing: int, fail_on: str) -> None:
    """A file's summary line on stderr, when it fails the check: which files a CI log must look at,
    one line each, in the form of the closing line."""
    if failing:
        shown_line = f"{printable(path)}: {counted(shown, 'finding')}, {failing:,} matching --fail-on {fail_on}"
        click.echo(shown_line, err=True)


def _check_stdin(
    pipeline: Any, baseline: Baseline, gate: Callable[[Change], bool], output: Format, fail_on: str
) -> None:
    """Check the text on stdin, reported under the path `-`, and exit as a file check would."""
    from ..model import Document

    try:
        text = read_stdin()
    except CleanerError as error:
        raise CheckError(str(error)) from None
    result = pipeline.run(Document("-", "-", text))
    found = locate("-", result.document.text, result.changes, gate)
    found = one_per_page(baseline.filter(found), pipeline.rules.one_per_page())
    output.file("-", found)
    output.finish([])
    failing = sum(f.failing for f in found)
    click.echo(f"stdin checked: {counted(len(found), 'finding')}, {failing:,} matching --fail-on {fail_on}", err=True)
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)
