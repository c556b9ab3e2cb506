"""The applier takes findings in `applying_key` order, whether or not they came in span order already."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.edits import apply_findings, applying_key, in_applying_order, overlaps
from cleaner.model import Finding, Status

FINDINGS = st.lists(
    st.builds(
        Finding,
        rule=st.sampled_from(["X1", "X2"]),
        start=st.integers(0, 6),
        end=st.integers(0, 3),  # a width, made an end below
        message=st.just("m"),
        replacement=st.one_of(st.none(), st.sampled_from(["", "a", "乙"])),
        confidence=st.sampled_from([0.5, 0.9, 1.0]),
    ).map(lambda f: Finding(f.rule, f.start, min(f.start + f.end, 8), f.message, f.replacement, f.confidence)),
    max_size=8,
)


@given(FINDINGS)
def test_any_findings_are_taken_as_sorted(findings: list[Finding]) -> None:
    assert in_applying_order(findings) == sorted(findings, key=applying_key)


@given(FINDINGS)
def test_findings_in_span_order_are_taken_as_they_came(findings: list[Finding]) -> None:
    # one finding per span, in span order: what most stages return, and the applier's fast path
    by_span = list({(f.start, f.end): f for f in findings}.values())
    in_order = sorted(by_span, key=lambda f: (f.start, f.end))
    assert in_applying_order(in_order) == sorted(in_order, key=applying_key)
    assert in_applying_order(iter(in_order)) == in_order
    text = "甲乙丙丁戊己庚辛"
    fast = apply_findings(text, in_order, 0.8)
    general = apply_findings(text, sorted(in_order, key=applying_key), 0.8)
    assert fast.text == general.text and fast.outcomes == general.outcomes
    assert fast.offset_map.edits == general.offset_map.edits


def _applied_one_by_one(text: str, findings: list[Finding], min_confidence: float) -> tuple[str, list[Status]]:
    """The applier written plainly: every fix checked against every fix applied before it."""
    taken: list[Finding] = []
    statuses: list[Status] = []
    for finding in sorted(findings, key=applying_key):
        if finding.replacement is None:
            statuses.append(Status.FLAGGED)
        elif finding.confidence < min_confidence:
            statuses.append(Status.SUGGESTED)
        elif any(overlaps(finding.start, finding.end, t.start, t.end) for t in taken):
            statuses.append(Status.SKIPPED)
        elif text[finding.start : finding.end] != finding.replacement:
            taken.append(finding)
            statuses.append(Status.APPLIED)
    output, cursor = "", 0
    for fix in taken:
        output, cursor = output + text[cursor : fix.start] + (fix.replacement or ""), fix.end
    return output + text[cursor:], statuses


@given(FINDINGS)
def test_the_applier_skips_only_what_overlaps_an_applied_fix(findings: list[Finding]) -> None:
    # the applier checks only the last applied fix, and only when it reaches the next one
    text = "甲乙丙丁戊己庚辛"
    applied = apply_findings(text, findings, 0.8)
    assert (applied.text, [status for _, status in applied.outcomes]) == _applied_one_by_one(text, findings, 0.8)
