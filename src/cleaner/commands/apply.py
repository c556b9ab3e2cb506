"""`cleaner apply`: rebuild the corrected text from a reviewed report, with exactly the accepted changes.

A reviewer edits the `accept` column of report.csv (yes/no; empty keeps the default: yes for
applied, no for the rest), or sets `"accept": true|false` on changes in report.json, then runs
`cleaner apply INPUT --decisions report.csv -o OUTDIR`. The output holds the accepted changes and
nothing else, and its new report replays on the input to that output.

>>> change = Change("duplicates", "D101", "重复", 2, 4, "我们", "", Status.SUGGESTED, 0.5)
>>> text, changes = decide("我们我们好", [Decision(change, True, "row 2")])
>>> text, str(changes[0].status)
('我们好', 'applied')
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import click

from ..cli import ExistingPath
from ..edits import overlaps, replay
from ..errors import InputError
from ..model import Change, Status
from ..printable import printable
from ..rules import STAGES
from ..seen_keys import SpilledRows
from .decision_index import matching_key
from .decisions import Decision, DecisionError, read_decisions, with_page_line_ends

LEFT_OUT = "left out; the page was written with the other decisions"
# a report's rows in the order the pipeline writes them, whatever order a spreadsheet sorted them into
STAGE_ORDER = {name: index for index, name in enumerate(STAGES)}

__all__ = ["Decision", "DecisionError", "apply", "apply_decisions", "decide", "moves", "read_decisions"]


def decide(
    original: str, decisions: Sequence[Decision], input_unchanged: bool = False, refused: list[str] | None = None
) -> tuple[str, tuple[Change, ...]]:
    """The text with exactly the accepted changes, and every change with its new status.

    Rejected fixes become `suggested` (a flag stays `flagged`); an accepted change that a later stage's
    accepted change spans is superseded by it (`skipped`, see `superseded`); other overlapping accepted
    changes are an error, since no order of applying them is right. A change whose `before` is not what the input
    holds there is an error too: the input changed since the run, or (`input_unchanged`: its digest
    matches the report's) the decisions file was edited there.

    With a REFUSED list, an error that concerns some rows only (an edited `before`, an accepted flag,
    overlapping or split choices) refuses those rows and keeps the rest: their messages go into the
    list, the rows' texts stay as the input has them (a row whose `before` no longer fits leaves the
    report), and every other decision is applied. Only an input changed since the run, whose every
    offset is in doubt, still fails whole.

    >>> a = Change("s", "R1", "m", 0, 2, "ab", "X", Status.APPLIED, 1.0)
    >>> b = Change("s", "R2", "m", 1, 3, "bc", "Y", Status.SUGGESTED, 0.5)
    >>> decide("abcd", [Decision(a, True, "row 2"), Decision(b, True, "row 3")])
    Traceback (most recent call last):
    cleaner.commands.decisions.DecisionError: row 2 and row 3: accepted changes R1 at 0:2 and R2 at 1:3 overlap; \
accept one
    >>> c = Change("s", "R3", "m", 3, 4, "d", "Z", Status.APPLIED, 1.0)
    >>> refused, rows = [], [Decision(a, True, "row 2"), Decision(b, True, "row 3"), Decision(c, True, "row 4")]
    >>> decide("abcd", rows, refused=refused)[0]
    'abcZ'
    >>> refused
    ['row 2 and row 3: accepted changes R1 at 0:2 and R2 at 1:3 overlap; accept one']
    """
    decisions = [with_page_line_ends(decision, original) for decision in decisions]
    dropped: set[int] = set()  # rows whose before no longer fits: out of the text and of the report
    rejected: set[int] = set()  # rows accepted against the rules: kept as the input has them

    def refuse(message: str, rows: set[int], *bad: Decision) -> None:
        if refused is None:
            raise DecisionError(message)
        refused.append(message)
        rows.update(id(decision) for decision in bad)

    for taken, put in moves(decisions):
        if taken.accept != put.accept:
            message = (
                f"{taken.where} and {put.where}: one move ({put.change.rule} takes the blocks at "
                f"{taken.change.start}:{taken.change.end} and puts them at {put.change.start}); "
                "accept both or neither, or the blocks would be lost or doubled"
            )
            refuse(message, rejected, taken, put)
    for decision in decisions:
        change = decision.change
        if original[change.start : change.end] != change.before or change.end > len(original):
            if not input_unchanged:  # every offset is in doubt: the whole document fails
                raise DecisionError(_misplaced(decision, original, "the input changed since the report"))
            refuse(
                _misplaced(decision, original, "its before column was edited; restore it from the report"),
                dropped,
                decision,
            )
        elif decision.accept and change.after is None:
            message = (
                f"{decision.where}: {change.rule} is a flag with no replacement; it cannot be accepted, "
                "set accept to no"
            )
            refuse(message, rejected, decision)
    accepted = [d for d in decisions if d.accept and id(d) not in dropped and id(d) not in rejected]
    covered = superseded(accepted)
    chosen = sorted((d for d in accepted if id(d) not in covered), key=lambda d: (d.change.start, d.change.end))
    for first, second in pairwise(chosen):
        a, b = first.change, second.change
        if overlaps(a.start, a.end, b.start, b.end) or b.start < a.end:
            message = (
                f"{first.where} and {second.where}: accepted changes {a.rule} at {a.start}:{a.end} and "
                f"{b.rule} at {b.start}:{b.end} overlap; accept one"
            )
            refuse(message, rejected, first, second)
    changes = []
    for decision in decisions:
        change = decision.change
        if id(decision) in dropped:
            continue
        if id(decision) in covered:
            status = Status.SKIPPED
        elif decision.accept and id(decision) not in rejected:
            status = Status.APPLIED
        elif change.after is None:
            status = Status.FLAGGED
        else:
            status = Status.SKIPPED if change.status is Status.SKIPPED else Status.SUGGESTED
        changes.append(replace(change, status=status))
    changes.sort(key=lambda c: (c.start, c.end, STAGE_ORDER.get(c.stage, len(STAGES)), c.rule))
    return replay(original, changes), tuple(changes)


def superseded(accepted: Sequence[Decision]) -> set[int]:
    """The accepted changes (their ids) that an accepted change of a later stage spans: it supersedes them.

    A later stage that touches an earlier edit widens over it, its row replacing the input there with
    what both make of it, as the pipeline does when it applies both (the earlier row is then `skipped`).
    A suggested join over a CRLF page's paragraph break (R101 of '\\r\\n\\r\\n') spans the two N105 rows
    that turned each CRLF into LF: accepting it used to be refused as an overlap, with the CRs kept.

    >>> crlf = [Change("normalize", "N105", "m", at, at + 2, "\\r\\n", "\\n", Status.APPLIED, 1.0) for at in (2, 4)]
    >>> join = Change("rejoin", "R101", "m", 2, 6, "\\r\\n\\r\\n", "", Status.SUGGESTED, 0.5)
    >>> rows = [Decision(change, True, f"row {n}") for n, change in enumerate([*crlf, join], start=2)]
    >>> sorted(d.where for d in rows if id(d) in superseded(rows))
    ['row 2', 'row 3']
    >>> decide("新工\\r\\n\\r\\n艺", rows)[0]
    '新工艺'
    """
    order = sorted(accepted, key=lambda d: (d.change.start, -d.change.end))
    covered: set[int] = set()
    widest: Change | None = None  # the accepted change reaching furthest so far
    for decision in order:
        change = decision.change
        if widest is not None and _spans(widest, change):
            covered.add(id(decision))
        elif widest is None or change.end > widest.end:
            widest = change
    return covered


def _spans(outer: Change, inner: Change) -> bool:
    """Whether OUTER, of a later stage, holds all of INNER (an insertion strictly inside it)."""
    if STAGE_ORDER.get(outer.stage, len(STAGES)) <= STAGE_ORDER.get(inner.stage, len(STAGES)):
        return False
    if inner.start == inner.end:
        return outer.start < inner.start < outer.end
    return outer.start <= inner.start and inner.end <= outer.end


def _misplaced(decision: Decision, original: str, cause: str) -> str:
    change = decision.change
    return (
        f"{decision.where}: {change.rule} at {change.start}:{change.end} expects {change.before!r} but the "
        f"input holds {original[change.start : change.end]!r}; {cause}"
    )


def moves(decisions: Sequence[Decision]) -> list[tuple[Decision, Decision]]:
    """Pairs of changes that move text together: the deletion taking blocks out, the insertion putting them back.

    R104 carries a caption or running head from between the halves of a cut sentence to after its
    paragraph as two changes, so that the right half between them stays free for changes of its own.

    >>> taken = Change("rejoin", "R104", "跨页断句", 2, 8, "\\n\\n图说\\n\\n", "", Status.APPLIED, 0.9)
    >>> put = Change("rejoin", "R104", "跨页断句", 10, 10, "", "\\n\\n图说", Status.APPLIED, 0.9)
    >>> [(a.where, b.where) for a, b in moves([Decision(taken, True, "row 2"), Decision(put, True, "row 3")])]
    [('row 2', 'row 3')]
    """
    taken = [d for d in decisions if d.change.before and d.change.after == ""]
    pairs = []
    for put in decisions:
        change = put.change
        if change.start != change.end or not change.after:
            continue
        blocks = change.after.rstrip("\n")
        for deletion in taken:
            other = deletion.change
            if (other.rule, other.message, other.confidence) == (change.rule, change.message, change.confidence) and (
                other.end <= change.start and blocks and other.before.startswith(blocks)
            ):
                pairs.append((deletion, put))
                break
    return pairs


def apply_decisions(
    inputs: Iterable[Path], decisions_path: Path, outdir: Path
) -> tuple[list[str], list[str], SpilledRows]:
    """Write each input's decided text and a new report into OUTDIR; returns (summary lines, warnings, errors).

    The errors, a row `(message,)` each, are refused rows and failed inputs: an archive's may be hundreds of
    thousands, so past a bound they wait on disk (`SpilledRows`) to be read once; the caller closes them.

    An input the decisions record no SHA-256 for (a report.csv without its report.json) is written
    with a warning: only each change's `before` vouches that it is the input of the run, and an
    input edited where no change lies (a paragraph added at its end) passes that.
    """
    from ..inputs import LeftOut, discover, once
    from ..io import OutputFolder, read_document, shown_path, write_atomic
    from ..model import Result
    from ..report.summary import Summary, counted, failure_line
    from ..report.tables import ReportWriter

    run = read_decisions(decisions_path)
    decisions = run.decisions
    any_digest = decisions.any_digest()
    summary = Summary()
    writer = ReportWriter(outdir)
    outputs = OutputFolder(outdir)
    unchecked = 0
    left_out = LeftOut()
    errors = SpilledRows()  # the refused rows as they come, then the failed inputs
    try:
        for item in once(discover(inputs, skip=outdir, left_out=left_out)):
            try:
                key = decisions.key_for(item.path, item.relative)
                if key is None:
                    reason = f"has no decisions in {decisions_path}; give the report of its run"
                    if not any_digest and decisions_path.suffix.lower() != ".json":
                        reason = (  # its run may have made no change in it: only report.json lists such a page
                            f"has no rows in {decisions_path}, which lists only the pages with changes, and no "
                            "readable report.json beside it lists this page; put the run's report.json beside it, "
                            "or give that as --decisions"
                        )
                    if (failed := matching_key(run.failed, item.path, item.relative)) is not None:
                        cause = run.failed[failed]  # it says what to do
                        reason = f"has no decisions: the run that wrote {decisions_path} failed on it ({cause})"
                    raise InputError(str(item.path), reason)
                document = read_document(item.path, item.relative)
                recorded = decisions.digest(key)
                if recorded is not None and recorded != document.meta["sha256"]:
                    reason = (
                        f"changed since the run that wrote {decisions_path}; clean it again and review the new report"
                    )
                    raise InputError(str(item.path), reason)
                refused: list[str] = []
                chosen = decisions[key]
                text, changes = decide(document.text, chosen, input_unchanged=recorded is not None, refused=refused)
                write_atomic(outputs.path_for(item.relative, item.path), text)
            except (InputError, DecisionError) as error:
                reason = error.reason if isinstance(error, InputError) else str(error).removeprefix(f"{item.path}: ")
                summary.add_failure(str(item.path), reason)
                continue
            # the page is written with every other decision; those rows are listed, and the run fails
            for message in refused:
                errors.append((f"{printable(shown_path(item.path))}: {message} ({LEFT_OUT})",))
            unchecked += recorded is None
            result = Result(document, text, changes)
            writer.add_result(result)
            summary.add(result)
        writer.close(summary.as_dict())
    except BaseException:
        writer.abort()
        errors.close()
        raise
    finally:
        run.close()
    lines = [line.replace("cleaned", "written") for line in summary.lines() if not line.startswith("  failed:")]
    warnings = []
    if unchecked:
        warnings.append(
            f"warning: {decisions_path}: no report.json beside it records the SHA-256 of "
            f"{counted(unchecked, 'input')} written, so only the before column checked that "
            f"{'it is' if unchecked == 1 else 'they are'} the run's; keep report.json next to report.csv"
        )
    if (note := left_out.note()) is not None:
        warnings.append(note)
    if not summary.documents and not summary.failures:  # as clean and check say it: the wrong folder, or scans
        warnings.append("note: the inputs hold no *.txt files; nothing was written")
    for failure in summary.failures:
        errors.append((failure_line(*failure),))
    return lines, warnings, errors


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=ExistingPath(exists=True, path_type=Path))
@click.option(
    "--decisions",
    "decisions_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The reviewed report.csv (accept column) or report.json (accept keys).",
)
@click.option(
    "-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Output folder."
)
def apply(inputs: tuple[Path, ...], decisions_path: Path, outdir: Path) -> None:
    """Write INPUTS with exactly the changes accepted in the decisions file, and a new report.

    Exit status: 0 when every input was written, 1 when the decisions file is refused, some inputs
    are (changed since the run; the others are written) or some rows (an edited before cell, an
    accepted flag, overlapping or split choices: each listed, left out, its page written with the
    other decisions), 2 on a usage error, an output folder that cannot be written or one that holds
    the inputs."""
    from ..inputs import check_outputs_apart
    from ..io import check_writable_folder
    from ..output_lock import output_lock
    from ..report.review import write_review

    check_writable_folder(outdir)
    check_outputs_apart(inputs, outdir)
    click.get_current_context().with_resource(output_lock(outdir))
    lines, warnings, errors = apply_decisions(inputs, decisions_path, outdir)
    for line in lines:
        click.echo(line)
    click.echo(f"  reports: {outdir / 'report.json'}, {outdir / 'report.csv'}")
    click.echo(f"  review: {write_review(outdir)}")
    for warning in warnings:
        click.echo(warning, err=True)
    for (error,) in errors:
        click.echo(f"error: {error}", err=True)
    failed = len(errors)
    errors.close()
    if failed:
        sys.exit(1)
