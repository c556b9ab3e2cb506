"""The applier takes findings in `applying_key` order, whether or not they came in span order already."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.edits import apply_findings, applying_key, in_applying_order
from cleaner.model import Finding

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
