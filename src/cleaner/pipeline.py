"""The staged pipeline: a plain list of stages, each finding, one applier fixing.

>>> result = clean_text("１２月,好。")
>>> result.text
'12月，好。'
>>> [c.rule for c in result.changes]
['N101', 'N102']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from .earlier_edits import EarlierEdits, absorb_earlier_edits
from .edits import OffsetMap, apply_findings
from .model import Change, Document, Finding, Result, Status
from .patterns import HAN_RUN
from .resources import Resources
from .rules import STAGES, RuleSet, load_rules
from .script import SimplifiedView, print_lookalike
from .stages.spelling_candidates import frequent_shapes

DEFAULT_MIN_CONFIDENCE = 0.8
PROFILES = ("fast", "full")
# Stages whose evidence is the paragraph: run once more, as a last step, when a later stage joined lines.
SETTLE_AFTER_JOINS = frozenset({"normalize"})
# Stages that look once more after such a last step changed the text: a stray space it removes may
# bring two copies of a word together (环境 环境污染 → 环境环境污染), which a second cleaning would delete.
LOOK_AGAIN_AFTER_SETTLING = frozenset({"duplicates"})
# Stages whose word lists, patterns and model are written in simplified characters: on a page in
# traditional characters they read a simplified copy of the same length (cleaner.script), and their
# findings are written back for the page (`in_traditional`). Normalize fixes the forms of characters
# (width, punctuation, spaces), whatever the script: it reads the page itself.
READS_SIMPLIFIED = frozenset(STAGES) - {"normalize"}
# where a stage stands in the order of stages, for sorting a report's rows (an unknown stage goes last)
STAGE_ORDER = {name: index for index, name in enumerate(STAGES)}
TRADITIONAL_NOTE = "（繁体页面：按简体判断，改字仅作建议）"


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
    # set on a page in traditional characters: the simplified copy READS_SIMPLIFIED stages read
    view: SimplifiedView | None = None

    @classmethod
    def default(cls) -> Context:
        return cls(rules=load_rules(), resources=Resources())

    def read_script(self, text: str) -> None:
        """Note whether `text` is a page in traditional characters, which READS_SIMPLIFIED stages read simplified."""
        view = SimplifiedView.load()
        self.view = view if view.is_traditional(text) else None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the current text back to the original input."""
        for offset_map in reversed(self.maps):
            start, end = offset_map.to_source_span(start, end)
        return start, end

    def to_original_spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """`to_original` of each span, map by map: a stage's findings are mapped back at once.

        >>> from cleaner.edits import Edit
        >>> context = Context.default()
        >>> context.maps = [OffsetMap([Edit(0, 2, 0, 1)]), OffsetMap([Edit(3, 3, 3, 5)])]
        >>> context.to_original_spans([(0, 1), (4, 6)]) == [context.to_original(0, 1), context.to_original(4, 6)]
        True
        """
        for offset_map in reversed(self.maps):
            spans = offset_map.to_source_spans(spans)
        return spans


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

    def check_rules(self, rules: RuleSet) -> None:
        """Read and compile the stage's rule data (never an engine), raising RuleError when it is broken."""
        check: Callable[[RuleSet], None] | None = getattr(importlib.import_module(self.module), "check_rules", None)
        if check is not None:
            check(rules)


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
        self.reads_script = any(stage.name in READS_SIMPLIFIED for stage in self.stages)
        self.resources = resources or Resources()

    def check_rules(self) -> None:
        """Check the rule data of every stage that will run, so broken rule files fail before the first file.

        >>> Pipeline().check_rules()
        """
        for stage in self.stages:
            check = getattr(stage, "check_rules", None)
            if check is not None:
                check(self.rules)

    def run(self, document: Document) -> Result:
        context = Context(
            rules=self.rules,
            resources=self.resources,
            document=document,
            min_confidence=self.options.min_confidence,
            profile=self.options.profile,
        )
        if self.reads_script:
            context.read_script(document.text)
        state = _RunState(document.text)
        for stage in self.stages:
            self._run_stage(stage, context, state)
        settled = False
        for stage in self.stages:
            if stage.name in SETTLE_AFTER_JOINS and state.joined_after(stage.name):
                # Joins merge paragraphs, and normalize judges a stray space by its paragraph: look once
                # more, keeping only confident fixes, so that a second cleaning finds nothing left.
                settled |= self._run_stage(stage, context, state, fixes_only=True)
        if settled:
            for stage in self.stages:
                if stage.name in LOOK_AGAIN_AFTER_SETTLING:
                    self._run_stage(stage, context, state, fixes_only=True)
        state.changes.sort(key=lambda c: (c.start, c.end, STAGE_ORDER.get(c.stage, 99), c.rule))
        return Result(document, state.text, tuple(state.changes), dict(context.annotations))

    def _run_stage(self, stage: Stage, context: Context, state: _RunState, fixes_only: bool = False) -> bool:
        """Run one stage on the current text, record its changes and apply its confident fixes; whether
        it changed the text."""
        original = context.document.text if context.document else state.text
        text, changes, min_confidence = state.text, state.changes, self.options.min_confidence
        findings = page_findings(stage.find, text, context, stage.name in READS_SIMPLIFIED)
        if fixes_only:
            findings = [f for f in findings if f.applies_at(min_confidence)]
        absorbed: dict[Finding, list[int]] = {}
        if state.earlier:
            index = EarlierEdits(state.earlier)
            # most fixes have no earlier edit near them, and stay as they are
            findings = [
                absorb_earlier_edits(f, index, text, absorbed)
                if f.replacement is not None and index.any_near(f.start, f.end)
                else f
                for f in findings
            ]
        outcome = apply_findings(text, findings, min_confidence)
        new_rows: list[int] = []
        outcomes, name = outcome.outcomes, stage.name
        originals = context.to_original_spans([(finding.start, finding.end) for finding, _ in outcomes])
        for (finding, status), (start, end) in zip(outcomes, originals, strict=True):
            # (most stages absorb nothing: then no finding is hashed, which reads all its fields)
            rows = absorbed.get(finding, ()) if absorbed else ()
            for row in rows:
                # a deletion absorbed at the edge has no width here, but its text is covered too
                start, end = min(start, changes[row].start), max(end, changes[row].end)
            if status is Status.APPLIED:
                new_rows.append(len(changes))
                # The earlier edits this one covers live on inside it: their rows are superseded.
                for row in rows:
                    changes[row] = replace(changes[row], status=Status.SKIPPED)
            # (fields by position: keywords cost a sixth more, and this runs once per finding)
            changes.append(
                Change(
                    name,
                    finding.rule,
                    finding.message,
                    start,
                    end,
                    original[start:end],
                    finding.replacement,
                    status,
                    round(finding.confidence, 4),
                )
            )
        new_map = outcome.offset_map
        if not new_map:
            return False  # nothing applied: the text, its map back and the earlier edits' places stay as they are
        kept = state.earlier
        if absorbed:  # only a fix that absorbed earlier edits turns their applied rows into skipped ones
            kept = [(s, e, row) for s, e, row in kept if changes[row].status is Status.APPLIED]
        moved = new_map.to_targets([place for s, e, _ in kept for place in (s, e)])  # each start, then its end
        state.earlier = [
            (start, end, row) for start, end, (_, _, row) in zip(moved[::2], moved[1::2], kept, strict=True)
        ]
        state.earlier += [
            (edit.dst_start, edit.dst_end, row) for edit, row in zip(new_map.edits, new_rows, strict=True)
        ]
        # in order, their places rise, and the next stage's map moves them in one sweep (`to_targets`)
        state.earlier.sort()
        context.maps.append(new_map)
        state.text = outcome.text
        return True


def page_findings(
    find: Callable[[str, Context], list[Finding]], text: str, context: Context, reads_simplified: bool
) -> list[Finding]:
    """A stage's findings on `text`, through the simplified copy of a traditional page if the stage reads one.

    >>> context = Context.default()
    >>> context.read_script("代表團團長表示，會見時在座的還有對外經濟貿易部部長等。")
    >>> page_findings(lambda text, _: [Finding("X", 0, 1, text[:5])], "代表團團長", context, True)[0].message
    '代表团团长'
    """
    if context.view is None or not reads_simplified:
        return find(text, context)
    view = context.view
    frequent = context.resources.get("pipeline.frequent_shapes", lambda: frequent_shapes(context.rules))
    found = find(view.simplified(text), context)
    return [in_traditional(f, text, view, context.min_confidence, frequent) for f in found]


def in_traditional(
    finding: Finding,
    text: str,
    view: SimplifiedView,
    min_confidence: float,
    frequent: Mapping[str, frozenset[str]] | None = None,
) -> Finding:
    """A finding made on the simplified copy of a traditional page, for the page `text` itself.

    A deletion or a flag holds as it is. A replacement that only moves text of its own span, or of the span it was
    moved from (a caption carried after the paragraph), is written as the page writes those characters. Any other
    replacement is written in traditional characters and only suggested: several traditional characters
    may share its simplified form (复: 復, 複). A print look-alike of the character it replaces (`frequent`: print
    OCR's frequent pairs, 太家 -> 大家) written alike in both scripts (no traditional character simplifies to 大)
    needs no guess, and holds as found; a variant of the traditional script the simplified model takes for an
    error (彷彿 -> 仿, 揹 -> 背) is no such pair, and stays a suggestion.

    >>> view = SimplifiedView.load()
    >>> fix = in_traditional(Finding("S102", 0, 1, "形近字", "复", 0.95), "覆", view, 0.8)
    >>> fix.replacement, fix.confidence < 0.8
    ('復', True)
    >>> in_traditional(Finding("R104", 0, 5, "跨页", "後來圖説", 0.9), "圖説\\n後來", view, 0.8).replacement
    '後來圖説'
    >>> moved = Finding("R104", 8, 8, "跨页", "\\n\\n图说", 0.9, moved_from=(2, 6))  # after the paragraph
    >>> in_traditional(moved, "後來\\n\\n圖說\\n\\n後來", view, 0.8).replacement
    '\\n\\n圖說'
    >>> fix = in_traditional(Finding("S102", 0, 1, "形近字", "大", 0.95), "太", view, 0.8, {"太": frozenset("大")})
    >>> fix.replacement, fix.confidence
    ('大', 0.95)
    >>> in_traditional(Finding("S102", 0, 1, "形近字", "仿", 0.95), "彷", view, 0.8, {"太": frozenset("大")}).confidence
    0.79
    """
    if not finding.replacement or not HAN_RUN.search(finding.replacement):
        return finding
    written = text[finding.start : finding.end] if finding.moved_from is None else text[slice(*finding.moved_from)]
    forms: dict[str, set[str]] = {}
    for simple, char in zip(view.simplified(written), written, strict=True):
        forms.setdefault(simple, set()).add(char)
    if all(len(forms.get(char, ())) == 1 for char in finding.replacement if HAN_RUN.match(char)) or print_lookalike(
        written, finding.replacement, view, frequent or {}
    ):
        return replace(finding, replacement="".join(min(forms.get(char, {char})) for char in finding.replacement))
    return replace(
        finding,
        replacement=view.traditional(finding.replacement),
        confidence=min(finding.confidence, min_confidence - 0.01),
        message=finding.message + TRADITIONAL_NOTE,
    )


@dataclass
class _RunState:
    """One document's run so far: its current text, the report rows, and where applied edits sit now."""

    text: str
    changes: list[Change] = field(default_factory=list)
    # earlier stages' applied edits: where each sits in the current text, and its report row
    earlier: list[tuple[int, int, int]] = field(default_factory=list)

    def joined_after(self, stage: str) -> bool:
        """Whether a stage other than `stage` applied a fix that removed a line break (a lone CR, an
        old Mac line end, is one too: the join deletes it before normalize has made it a newline).

        >>> state = _RunState("(王)", [Change("rejoin", "R101", "m", 2, 3, "\\r", "", Status.APPLIED, 0.8)])
        >>> state.joined_after("normalize")
        True
        """
        return any(
            c.stage != stage
            and c.status is Status.APPLIED
            and ("\n" in c.before or "\r" in c.before)
            and not ("\n" in (c.after or "") or "\r" in (c.after or ""))
            for c in self.changes
        )


def clean_text(text: str, rules: RuleSet | None = None, options: Options | None = None) -> Result:
    """Clean one string with the default pipeline.

    >>> clean_text("第一行\\r\\n第二行").text
    '第一行\\n第二行'
    """
    return Pipeline(rules, options).run(Document("-", "-", text))
