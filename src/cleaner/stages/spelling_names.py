"""Where news names a person, from the rules' name lists (names.toml, surnames.txt, shared_words.toml's bylines):
the spelling stage protects a name the model has not met, which reads to it like a misprint (林振东 -> 李振东).

>>> from cleaner.rules import load_rules
>>> byline_names(load_rules()).search("（记者 许廷合）")[1]
'许廷合'
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Container, Iterable
from typing import Any

from ..patterns import HAN, HAN_CLASS
from ..rules import RuleSet

# A person's name in the positions news gives it (rules/names.toml, read with the user's rules: `name_patterns`):
# a run of two or three characters starting on a common surname (rules/surnames.txt) before what a speaker does,
# after a noun of person or post (小伙子柏文杰说, 审计人员葛晓东说) or a clause's start (，何春燕笑着说); and three
# names or more listed with 、 (胡兆霖、赵国书、黄川学在现场; 文仕学、周采和王凤翰等). Two items are often two words
# (大公司、大集团): they stay open.


def name_patterns(rules: RuleSet) -> tuple[re.Pattern[str], ...]:
    """Where a run is a person's name, from the rules' names.toml (a user's file overrides its keys) and
    surnames.txt (a user's file adds surnames): a name before a speech verb, and a list of three names or more.

    >>> from cleaner.rules import load_rules
    >>> speaker, listed = name_patterns(load_rules())
    >>> speaker.search("审计人员葛晓东说")[1], listed.search("有文仕学、周采和王凤翰等")[0]
    ('葛晓东', '文仕学、周采和王凤翰')
    """
    positions = name_positions(rules)
    surnames = common_surnames(rules)
    name_run = f"[{re.escape(surnames)}][{HAN_CLASS}]{{1,2}}"
    speech = "(?<![{}])(?:{})(?!{})".format(
        positions["not_speech_after"],
        "|".join(sorted(positions["speech_verbs"], key=len, reverse=True)),
        "|".join(positions["not_speech"]),
    )
    speaker = re.compile(rf"(?:(?<=[{positions['person_heads']}，。；：！？”、\n])|^)({name_run})(?={speech})", re.M)
    listed = re.compile(
        rf"{name_run}、{name_run}(?:(?:、{name_run})+(?:[和与及]{name_run})?|[和与及]{name_run})"
        rf"(?=[、，。；：！？（等在\s]|同志|$|{speech})",
        re.M,
    )
    return speaker, listed


def handles(rules: RuleSet) -> re.Pattern[str]:
    """A social-media user's handle (@张曰华：, @清河宠物医院), shared_patterns.toml's `handle`: a name, whatever
    characters it holds.

    >>> from cleaner.rules import load_rules
    >>> handles(load_rules()).search("网友@张曰华：好！")[0]
    '@张曰华'
    """
    return re.compile(rules.expand("{handle}"))


def byline_names(rules: RuleSet) -> re.Pattern[str]:
    """Where a byline names its person: the run of two or three characters after a byline word (shared_words.toml's
    `byline_word`: 记者 许廷合), letter-spaced or not (记者 马 骁), a person's name whatever the model thinks of it.
    Its group 1 is the name.

    >>> from cleaner.rules import load_rules
    >>> byline_names(load_rules()).search("（记者 许廷合）")[1], byline_names(load_rules()).search("本报记者 马 骁")[1]
    ('许廷合', '马 骁')
    """
    return re.compile(
        rules.expand(f"(?:{{byline_word}})[ \\t\\u3000]*([{HAN_CLASS}](?:[ \\t\\u3000]?[{HAN_CLASS}]){{1,2}})")
    )


def name_positions(rules: RuleSet) -> dict[str, Any]:
    """The rules' names.toml (a user's file overrides its keys): where news names a person.

    >>> from cleaner.rules import load_rules
    >>> "员" in name_positions(load_rules())["person_heads"]
    True
    """
    positions: dict[str, Any] = {}
    for path in rules.data_paths("names.toml"):
        positions.update(tomllib.loads(path.read_text(encoding="utf-8")))
    return positions


def common_surnames(rules: RuleSet) -> str:
    """The common surnames of surnames.txt (a user's file adds surnames), each once.

    >>> from cleaner.rules import load_rules
    >>> "李" in common_surnames(load_rules())
    True
    """
    return "".join(dict.fromkeys("".join(line.strip() for line in rules.read_lines("surnames.txt"))))


def credit_words(rules: RuleSet) -> tuple[str, ...]:
    """The words a credit aside opens with (names.toml's `credit_words`), longest first.

    >>> from cleaner.rules import load_rules
    >>> credit_words(load_rules())[0]
    '新华社记者'
    """
    return tuple(sorted(name_positions(rules).get("credit_words", ()), key=len, reverse=True))


def misread_credit(aside: str, credits: Iterable[str]) -> int | None:
    """Where the opening of a credit aside is one character off a credit word (斧华社记者, 新华社说者), if it is.

    The aside is protected for the name it credits; its opening words are no name, and the model knows them well.
    An opening that is a credit word as written, or two characters off each, is left as it is.

    >>> credits = ("新华社记者", "新华社")
    >>> misread_credit("斧华社记者姚大伟摄", credits), misread_credit("新华社说者姚大伟", credits)
    (0, 3)
    >>> misread_credit("新华社记者姚大伟", credits), misread_credit("李新华摄", credits)
    (None, None)
    """
    for word in credits:
        opening = aside[: len(word)]
        if len(opening) < len(word):
            continue
        differing = [i for i, (written, credit) in enumerate(zip(opening, word, strict=True)) if written != credit]
        if not differing:
            return None
        if len(differing) == 1 and HAN.match(opening[differing[0]]):
            return differing[0]
    return None


def in_given_name(text: str, position: int, person_heads: Container[str], surnames: Container[str]) -> bool:
    """Whether `text[position]` is the second or third character of a run that starts on a common surname right
    after the last character of a noun of person or post (研究员李增慧在, 主持人陶涛合作, 队长程仕福): a given name.

    >>> heads, surnames = "员人长", "李陶程"
    >>> [in_given_name("研究员李增慧在", p, heads, surnames) for p in (3, 4, 5, 6)]
    [False, True, True, False]
    >>> in_given_name("研究李增慧在", 4, heads, surnames)  # no noun of person before 李
    False
    """
    for offset in (1, 2):
        first = position - offset
        if (
            first >= 1
            and text[first] in surnames
            and text[first - 1] in person_heads
            and all(HAN.match(char) for char in text[first : position + 1])
        ):
            return True
    return False
