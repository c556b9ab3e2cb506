"""Rule files: the built-in ones shipped in the package, plus a user folder that adds or overrides.

Every `*.toml` file may declare `[[rule]]` tables; other files (TSV word lists, confusion sets)
are data that stages read through `RuleSet.data_paths`, built-in first, user files after. A word list that
the patterns of several rule files share (the news sources a dateline opens with) is written once, in
shared_words.toml, and a pattern names it as `{news_source}` (`RuleSet.expand`); a pattern piece they share (a
social-media handle) likewise, in shared_patterns.toml.

>>> rules = load_rules()
>>> rules["N101"].stage
'normalize'
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .errors import RuleError

STAGES = ("normalize", "layout", "rejoin", "duplicates", "spelling", "figures")
SHARED_WORDS_FILE = "shared_words.toml"
SHARED_PATTERNS_FILE = "shared_patterns.toml"
# where a pattern names a shared word list: {news_source} (a regex's {0,16} holds no letter, so it is none)
SHARED_WORDS_NAME = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True, slots=True)
class Example:
    """A test case carried by a rule: text in, and what the rule must (not) do with it."""

    input: str
    output: str | None = None  # the text after the rule's stage, when it is a fix
    fires: bool = False  # the rule must raise a finding here
    xfail: str | None = None  # a known failure, tested as strict xfail


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: a stable id, the stage that runs it, and what a reviewer is told."""

    id: str
    stage: str
    name: str
    message: str
    description: str = ""
    enabled: bool = True
    examples: tuple[Example, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)


def _parse_rule(table: dict[str, Any], source: str) -> Rule:
    try:
        examples = tuple(
            Example(
                input=ex["input"],
                output=ex.get("output"),
                fires=bool(ex.get("fires", "output" in ex)),
                xfail=ex.get("xfail"),
            )
            for ex in table.get("examples", [])
        )
        known = {"id", "stage", "name", "message", "description", "enabled", "examples"}
        rule = Rule(
            id=table["id"],
            stage=table["stage"],
            name=table.get("name", table["id"]),
            message=table["message"],
            description=table.get("description", ""),
            enabled=bool(table.get("enabled", True)),
            examples=examples,
            options={k: v for k, v in table.items() if k not in known},
        )
    except KeyError as missing:
        raise RuleError(f"{source}: a rule lacks the field {missing}") from None
    if rule.stage not in STAGES:
        raise RuleError(f"{source}: rule {rule.id} names an unknown stage {rule.stage!r}")
    return rule


class RuleSet:
    """The rules in force, the data folders they come from and the word lists their patterns share."""

    def __init__(self, rules: dict[str, Rule], folders: list[Traversable], words: dict[str, str] | None = None) -> None:
        self.rules = rules
        self.folders = folders
        self.words = shared_words(folders) if words is None else words

    def expand(self, pattern: str) -> str:
        """A rule file's pattern with each shared word list it names written out as its words' alternation.

        The name stands where the alternation does, so it is written inside a group of the pattern's own:
        `({news_source})` keeps a capturing group, `(?:{news_source})` none. Unknown names stay as they are.

        >>> load_rules().expand("^({news_source}).{0,16}(电|讯)"), load_rules().expand("{unit}个")
        ('^(本报|新华社|据新华社|中新社).{0,16}(电|讯)', '{unit}个')
        """
        if "{" not in pattern:
            return pattern
        return SHARED_WORDS_NAME.sub(lambda name: self.words.get(name[1], name[0]), pattern)

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self.rules.values(), key=lambda r: (STAGES.index(r.stage), r.id)))

    def enabled(self, rule_id: str) -> bool:
        """Whether a rule is known and switched on.

        >>> load_rules().enabled("N101"), load_rules().enabled("X999")
        (True, False)
        """
        rule = self.rules.get(rule_id)
        return rule is not None and rule.enabled

    def option(self, rule_id: str, name: str, default: Any) -> Any:
        """One option of a rule as its file sets it, or `default` (also for an unknown rule).

        >>> load_rules().option("L201", "confidence", None), load_rules().option("L201", "no_such_option", 1)
        (0.9, 1)
        """
        rule = self.rules.get(rule_id)
        return default if rule is None else rule.options.get(name, default)

    def pattern_option(self, rule_id: str, name: str) -> re.Pattern[str] | None:
        """A rule's option that holds a pattern, compiled; None where the rule leaves it out or empty (its check off).

        >>> rules = load_rules()
        >>> rules.pattern_option("R101", "bound_opening").match("的两百名员工"), rules.pattern_option("R101", "no")
        (<re.Match object; span=(0, 1), match='的'>, None)
        """
        pattern = self.option(rule_id, name, "")
        return re.compile(pattern) if pattern else None

    def one_per_page(self) -> frozenset[str]:
        """The rules whose findings are one fact about a whole page (`one_per_page = true` in their file), which
        `check` shows once per page and kind.

        >>> sorted(load_rules().one_per_page())
        ['N105', 'N106']
        """
        return frozenset(rule.id for rule in self.rules.values() if rule.options.get("one_per_page") is True)

    def for_stage(self, stage: str) -> list[Rule]:
        """The rules of one stage, in id order.

        >>> [rule.id for rule in load_rules().for_stage("layout")][-1]
        'L201'
        """
        return [rule for rule in self if rule.stage == stage]

    def without(self, rule_ids: Iterable[str]) -> RuleSet:
        """A copy with the named rules switched off.

        >>> load_rules().without(["N101"]).enabled("N101")
        False
        """
        rules = dict(self.rules)
        for rule_id in rule_ids:
            if rule_id not in rules:
                raise RuleError(f"unknown rule {rule_id!r}; `cleaner rules` lists them")
            rules[rule_id] = replace(rules[rule_id], enabled=False)
        return RuleSet(rules, self.folders, self.words)

    def with_option(self, rule_id: str, name: str, value: Any) -> RuleSet:
        """A copy where one rule has one option set otherwise.

        >>> load_rules().with_option("S102", "min_gain", 9.0).option("S102", "min_gain", None)
        9.0
        """
        rules = dict(self.rules)
        rules[rule_id] = replace(self[rule_id], options={**self[rule_id].options, name: value})
        return RuleSet(rules, self.folders, self.words)

    def data_paths(self, name: str) -> list[Traversable]:
        """Every file called `name`, built-in first; user files add to (or override) it."""
        return [folder / name for folder in self.folders if (folder / name).is_file()]

    def read_lines(self, name: str) -> list[str]:
        """The non-blank, non-comment lines of every file called `name`.

        >>> load_rules().read_lines("no-such-file.tsv")
        []
        """
        lines: list[str] = []
        for path in self.data_paths(name):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise RuleError(f"{path}: is not UTF-8; save it as UTF-8") from None
            for line in text.splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    lines.append(line.rstrip("\n"))
        return lines

    def fingerprint(self) -> str:
        """A hash of every rule and data file in force, for caches keyed on the rules."""
        digest = hashlib.sha256()
        for folder in self.folders:
            for path in sorted(_files(folder), key=lambda p: p.name):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
        digest.update(repr(sorted((r.id, r.enabled) for r in self.rules.values())).encode())
        return digest.hexdigest()[:16]


def _files(folder: Traversable) -> list[Traversable]:
    return [p for p in folder.iterdir() if p.is_file() and not p.name.startswith(("_", "."))]


def builtin_folder() -> Traversable:
    return resources.files("cleaner.rule_files")


def load_rules(user_folder: Path | None = None) -> RuleSet:
    """Load the built-in rules, then the user's folder over them (same id: the user's wins).

    >>> len(load_rules().for_stage("normalize")) >= 5
    True
    """
    folders: list[Traversable] = [builtin_folder()]
    if user_folder is not None:
        if not user_folder.is_dir():
            raise RuleError(f"{user_folder}: the rules folder does not exist")
        folders.append(user_folder)
    rules: dict[str, Rule] = {}
    for folder in folders:
        for path in sorted(_files(folder), key=lambda p: p.name):
            if not path.name.endswith(".toml"):
                continue
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
                raise RuleError(f"{path}: not a valid TOML rule file ({error})") from None
            for table in data.get("rule", []):
                base = rules.get(table.get("id", ""))
                if base is not None:
                    _check_option_kinds(table, base, str(path))
                if base is not None and "stage" not in table:
                    # a user entry with only some fields overrides just those fields
                    options = {**base.options, **{k: v for k, v in table.items() if k not in Rule.__slots__}}
                    fields = {k: v for k, v in table.items() if k in {"message", "description", "enabled"}}
                    rules[base.id] = replace(base, options=options, **fields)
                else:
                    rule = _parse_rule(table, str(path))
                    rules[rule.id] = rule
    words = shared_words(folders)
    # the options are written out once, here: a stage asks for them on every page
    expanded = RuleSet({}, folders, words).expand
    rules = {rule_id: replace(rule, options=expand_all(rule.options, expanded)) for rule_id, rule in rules.items()}
    return RuleSet(rules, folders, words)


def shared_words(folders: Iterable[Traversable]) -> dict[str, str]:
    """The word lists of every shared_words.toml in `folders`, each as the alternation a pattern names it by, and the
    pattern pieces of every shared_patterns.toml as they stand (a later file's entry replaces an earlier one of the
    same name).

    >>> words = shared_words([builtin_folder()])
    >>> words["news_source"], words["handle"][:2]
    ('本报|新华社|据新华社|中新社', '@[')
    """
    words: dict[str, str] = {}
    for folder in folders:
        path = folder / SHARED_WORDS_FILE
        if path.is_file():
            words.update({name: "|".join(map(re.escape, listed)) for name, listed in word_lists_in(path).items()})
        path = folder / SHARED_PATTERNS_FILE
        if path.is_file():
            words.update(pattern_pieces_in(path))
    return words


def pattern_pieces_in(path: Traversable) -> dict[str, str]:
    """The pattern pieces of a TOML file that holds only them (shared_patterns.toml), each a valid regular expression.

    >>> pattern_pieces_in(builtin_folder() / SHARED_PATTERNS_FILE)["handle"].startswith("@")
    True
    """
    try:
        tables = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RuleError(f"{path}: not a valid TOML file ({error})") from None
    for name, piece in tables.items():
        if not isinstance(piece, str):
            raise RuleError(f"{path}: {name} must be a pattern (a string)")
        try:
            re.compile(piece)
        except re.error as error:
            raise RuleError(f"{path}: {name} is no valid pattern ({error})") from None
    return tables


def word_lists_in(path: Traversable) -> dict[str, list[str]]:
    """The lists of a TOML file that holds only lists of words (shared_words.toml, word_sets.toml), in their order.

    >>> word_lists_in(builtin_folder() / SHARED_WORDS_FILE)["news_source"][:2]
    ['本报', '新华社']
    """
    try:
        tables = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RuleError(f"{path}: not a valid TOML file ({error})") from None
    for name, listed in tables.items():
        if not (isinstance(listed, list) and listed and all(isinstance(word, str) for word in listed)):
            raise RuleError(f"{path}: {name} must be a list of words")
    return tables


def expand_all(value: Any, expand: Callable[[str], str]) -> Any:
    """An option with each shared word list its patterns name written out, in its lists and tables too.

    >>> expand_all({"a": ["x{n}", 1]}, lambda text: text.replace("{n}", "本报"))
    {'a': ['x本报', 1]}
    """
    if isinstance(value, str):
        return expand(value)
    if isinstance(value, list):
        return [expand_all(item, expand) for item in value]
    if isinstance(value, dict):
        return {key: expand_all(item, expand) for key, item in value.items()}
    return value


def _kind(value: object) -> str:
    """What sort of TOML value this is, in the words an error message uses.

    >>> _kind(2), _kind(0.5), _kind(True), _kind("high"), _kind([1])
    ('a number', 'a number', 'true or false', 'text', 'a list')
    """
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return {str: "text", list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _check_option_kinds(table: dict[str, Any], base: Rule, source: str) -> None:
    """A user's value for an option the built-in rule has must be of the same sort: a threshold
    given as text would fail only when a page first reaches it, file after file.

    >>> base = Rule("D101", "duplicates", "doubled-word", "m", options={"apply_margin": 2.0})
    >>> _check_option_kinds({"apply_margin": 3}, base, "mine.toml")
    >>> _check_option_kinds({"apply_margin": "high"}, base, "mine.toml")
    Traceback (most recent call last):
    cleaner.errors.RuleError: mine.toml: rule D101: apply_margin is 'high'; it takes a number
    """
    for key, value in table.items():
        if key in base.options and _kind(value) != _kind(base.options[key]):
            wanted = _kind(base.options[key])
            raise RuleError(f"{source}: rule {base.id}: {key} is {value!r}; it takes {wanted}")
