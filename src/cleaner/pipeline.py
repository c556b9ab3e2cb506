"""The staged pipeline: a plain list of stages, each finding, one applier fixing.

>>> result = clean_text("１２月,好。")
>>> result.text
'12月，好。'
>>> [c.rule for c in result.changes]
['N101', 'N102']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .edits import OffsetMap, apply_findings, touches
from .model import Change, Document, Finding, Result
from .resources import Resources
from .rules import STAGES, RuleSet, load_rules

DEFAULT_MIN_CONFIDENCE = 0.8
PROFILES = ("fast", "full")


@dataclass
class Context:
    """What a stage may read besides the text: rules, engines, options and earlier stages' notes.

    `annotations` carries what one stage leaves for the next (the layout stage's blocks), in the
    coordinates of the text the stage saw; `maps` turns such positions back into the original.
    """

    rules: RuleSet
    resources: Resources
    document: Document | None = None
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    profile: str = "full"
    annotations: dict[str, Any] = field(default_factory=dict)
    maps: list[OffsetMap] = field(default_factory=list)

    @classmethod
    def default(cls) -> Context:
        return cls(rules=load_rules(), resources=Resources())

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the current text back to the original input."""
        for offset_map in reversed(self.maps):
            start, end = offset_map.to_source_span(start, end)
        return start, end


class Stage(Protocol):
    """A stage has a name and turns text into findings; it never edits the text itself."""

    name: str

    def find(self, text: str, context: Context) -> list[Finding]: ...


@dataclass(frozen=True, slots=True)
class FunctionStage:
    """A stage made of a module's `find` function, imported when the stage first runs."""

    name: str
    module: str

    def find(self, text: str, context: Context) -> list[Finding]:
        find: Callable[[str, Context], list[Finding]] = importlib.import_module(self.module).find
        return find(text, context)


DEFAULT_STAGES: tuple[Stage, ...] = tuple(FunctionStage(name, f"cleaner.stages.{name}") for name in STAGES)


@dataclass(frozen=True)
class Options:
    """How a pipeline runs: threshold, profile and the stages switched off."""

    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    profile: str = "full"
    skip: frozenset[str] = frozenset()


class Pipeline:
    """Stages run in order over one document; rules and engines are loaded once and reused.

    >>> Pipeline().run(Document("d", "d.txt", "Ａ")).text
    'A'
    """

    def __init__(
        self,
        rules: RuleSet | None = None,
        options: Options | None = None,
        stages: Sequence[Stage] = DEFAULT_STAGES,
        resources: Resources | None = None,
    ) -> None:
        self.rules = rules or load_rules()
        self.options = options or Options()
        self.stages = [stage for stage in stages if stage.name not in self.options.skip]
        self.resources = resources or Resources()

    def run(self, document: Document) -> Result:
        context = Context(
            rules=self.rules,
            resources=self.resources,
            document=document,
            min_confidence=self.options.min_confidence,
            profile=self.options.profile,
        )
        text = document.text
        changes: list[Change] = []
        # Where earlier stages' edits sit in the current text. A later stage never rewrites them:
        # that keeps every applied change a disjoint span of the original, so the report replays.
        earlier_edits: list[tuple[int, int]] = []
        for stage in self.stages:
            findings = stage.find(text, context)
            blocked = {f for f in findings if f.is_fix and any(touches(f.start, f.end, s, e) for s, e in earlier_edits)}
            outcome = apply_findings(text, findings, self.options.min_confidence, blocked=blocked)
            for finding, status in outcome.outcomes:
                start, end = context.to_original(finding.start, finding.end)
                changes.append(
                    Change(
                        stage=stage.name,
                        rule=finding.rule,
                        message=finding.message,
                        start=start,
                        end=end,
                        before=document.text[start:end],
                        after=finding.replacement,
                        status=status,
                        confidence=round(finding.confidence, 4),
                    )
                )
            new_map = outcome.offset_map
            earlier_edits = [(new_map.to_target(s), new_map.to_target(e)) for s, e in earlier_edits]
            earlier_edits += [(edit.dst_start, edit.dst_end) for edit in new_map.edits]
            context.maps.append(outcome.offset_map)
            text = outcome.text
        changes.sort(key=lambda c: (c.start, c.end, STAGES.index(c.stage) if c.stage in STAGES else 99, c.rule))
        return Result(document, text, tuple(changes), dict(context.annotations))


def clean_text(text: str, rules: RuleSet | None = None, options: Options | None = None) -> Result:
    """Clean one string with the default pipeline.

    >>> clean_text("第一行\\r\\n第二行").text
    '第一行\\n第二行'
    """
    return Pipeline(rules, options).run(Document("-", "-", text))
