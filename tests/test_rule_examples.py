"""Every example in every rule file is a test: fixes must give their output, negatives must not fire."""

from __future__ import annotations

import pytest

from cleaner.model import Document
from cleaner.pipeline import Options, Pipeline
from cleaner.rules import STAGES, Example, Rule, load_rules

RULES = load_rules()
PIPELINES: dict[str, Pipeline] = {}


def pipeline_through(stage: str) -> Pipeline:
    """The default pipeline cut after `stage`, built once per stage for the whole test run."""
    if stage not in PIPELINES:
        later = frozenset(STAGES[STAGES.index(stage) + 1 :])
        PIPELINES[stage] = Pipeline(RULES, Options(skip=later))
    return PIPELINES[stage]


def cases() -> list[pytest.param]:
    params = []
    for rule in RULES:
        for number, example in enumerate(rule.examples):
            marks = [pytest.mark.xfail(reason=example.xfail, strict=True)] if example.xfail else []
            params.append(pytest.param(rule, example, id=f"{rule.id}-{number}", marks=marks))
    return params


@pytest.mark.parametrize(("rule", "example"), cases())
def test_rule_example(rule: Rule, example: Example) -> None:
    result = pipeline_through(rule.stage).run(Document("example", "example.txt", example.input))
    fired = [change for change in result.changes if change.rule == rule.id]
    if example.output is not None:
        assert result.text == example.output
    if example.fires or example.output is not None:
        assert fired, f"{rule.id} should fire on {example.input!r}"
    else:
        assert not fired, f"{rule.id} must not fire on {example.input!r}: {fired}"


def test_every_rule_has_a_positive_and_a_negative_example() -> None:
    lacking = [
        rule.id
        for rule in RULES
        if not any(ex.fires or ex.output is not None for ex in rule.examples)
        or not any(not ex.fires and ex.output is None for ex in rule.examples)
    ]
    assert lacking == []
