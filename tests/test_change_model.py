"""Properties of the change model: replay, undo, untouched text, offsets through several stages."""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.edits import apply_findings, replay, undo
from cleaner.model import Finding, Status
from cleaner.pipeline import Context, Options, Pipeline, clean_text
from cleaner.resources import Resources
from cleaner.rules import load_rules

# Characters that make the normalize rules fire, mixed with ordinary Chinese and ASCII.
NOISY_ALPHABET = list("魏都区环境污染防治，。、“”") + list("１２Ａｚ,;:()  \t\r\n\ufeff\x00\u200b") + list("ab12 ")
noisy_text = st.text(alphabet=NOISY_ALPHABET, max_size=80)


@dataclass(frozen=True)
class RandomEditStage:
    """A stage that proposes random replacements, deletions and insertions: stress for the offset maps."""

    name: str
    seed: int

    def find(self, text: str, context: Context) -> list[Finding]:
        rng = random.Random(self.seed)
        findings = []
        for _ in range(rng.randint(0, 6)):
            start = rng.randint(0, len(text))
            end = min(len(text), start + rng.randint(0, 4))
            replacement = rng.choice(["", "X", "YY", None])
            findings.append(Finding("T101", start, end, "random", replacement, rng.choice([0.5, 0.9, 1.0])))
        return findings


def run_random_pipeline(text: str, seeds: list[int]) -> tuple[str, tuple]:
    stages = [RandomEditStage(f"stage{i}", seed) for i, seed in enumerate(seeds)]
    pipeline = Pipeline(load_rules(), Options(min_confidence=0.8), stages=stages, resources=Resources())
    from cleaner.model import Document

    result = pipeline.run(Document("t", "t", text))
    return result.text, result.changes


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="abcdef\n", max_size=40), seeds=st.lists(st.integers(0, 10**6), min_size=1, max_size=4))
def test_replaying_applied_changes_reproduces_the_output(text: str, seeds: list[int]) -> None:
    output, changes = run_random_pipeline(text, seeds)
    assert replay(text, changes) == output


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="abcdef\n", max_size=40), seeds=st.lists(st.integers(0, 10**6), min_size=1, max_size=4))
def test_undoing_applied_changes_reproduces_the_input(text: str, seeds: list[int]) -> None:
    output, changes = run_random_pipeline(text, seeds)
    assert undo(output, changes) == text


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="abcdef\n", max_size=40), seeds=st.lists(st.integers(0, 10**6), min_size=1, max_size=4))
def test_every_change_names_the_original_text_it_covers(text: str, seeds: list[int]) -> None:
    _, changes = run_random_pipeline(text, seeds)
    for change in changes:
        assert 0 <= change.start <= change.end <= len(text)
        assert change.before == text[change.start : change.end]
    applied = sorted((c for c in changes if c.status is Status.APPLIED), key=lambda c: (c.start, c.end))
    for left, right in pairwise(applied):
        assert left.end <= right.start, "applied changes must be disjoint spans of the original"


@settings(max_examples=200, deadline=None)
@given(text=noisy_text)
def test_text_outside_the_reported_spans_never_changes(text: str) -> None:
    result = clean_text(text, options=Options(skip=frozenset({"spelling"})))
    applied = sorted(result.applied, key=lambda c: c.start)
    # Walk input and output together: between two applied changes the text is copied verbatim.
    out_cursor = 0
    in_cursor = 0
    for change in applied:
        gap = change.start - in_cursor
        assert result.text[out_cursor : out_cursor + gap] == text[in_cursor : change.start]
        out_cursor += gap + len(change.after or "")
        in_cursor = change.end
    assert result.text[out_cursor:] == text[in_cursor:]


@settings(max_examples=200, deadline=None)
@given(text=noisy_text)
def test_normalizing_is_idempotent_and_replayable(text: str) -> None:
    options = Options(skip=frozenset({"spelling"}))
    first = clean_text(text, options=options)
    assert replay(text, first.changes) == first.text
    assert undo(first.text, first.changes) == text
    second = clean_text(first.text, options=options)
    assert second.text == first.text
    assert second.applied == ()


def test_a_later_stage_never_rewrites_an_earlier_edit() -> None:
    """Stage 2 proposes to replace text that stage 1 already changed: it is skipped, not stacked."""

    @dataclass(frozen=True)
    class Fixed:
        name: str
        finding: Finding

        def find(self, text: str, context: Context) -> list[Finding]:
            return [self.finding]

    stages = [Fixed("one", Finding("A1", 1, 2, "m", "XY")), Fixed("two", Finding("B1", 1, 3, "m", "Z"))]
    pipeline = Pipeline(load_rules(), Options(), stages=stages, resources=Resources())
    from cleaner.model import Document

    result = pipeline.run(Document("d", "d", "abcd"))
    assert result.text == "aXYcd"
    assert [(c.rule, str(c.status)) for c in result.changes] == [("A1", "applied"), ("B1", "skipped")]


def test_overlapping_fixes_keep_the_first_and_skip_the_rest() -> None:
    findings = [Finding("A", 0, 3, "m", ""), Finding("B", 2, 4, "m", "x"), Finding("C", 4, 5, "m", "y")]
    outcome = apply_findings("abcdef", findings, min_confidence=0.5)
    assert outcome.text == "dyf"
    assert [str(status) for _, status in outcome.outcomes] == ["applied", "skipped", "applied"]
