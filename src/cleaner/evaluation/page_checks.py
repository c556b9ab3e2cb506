"""Score one cleaned page against its gold annotations, as ../shared/tools/seed_check.py scores the seed.

Pages in the seed's format (the acceptance pages in tests/pages, the generated pages of `cleaner eval
pages`) carry gold annotations: boundaries (join or keep_break), duplicates, flags, and besides the
seed's fields the confused characters an editor corrects (`spelling`). Each check returns a Check: its
name, whether it passed and what it found, so that a failing test says which boundary, word or flag went
wrong; the item functions (missed_joins, lost_breaks, ...) list what a check counts, for tallies over many
pages. Texts are compared as seed_check compares them: NFKC, paragraph breaks as one symbol, other
whitespace removed.

>>> canonical("甲，乙\\n\\n 丙 丁")
'甲,乙¶丙丁'
>>> gold = {"boundaries": [{"type": "join", "left": "甲乙", "right": "丙丁"}]}
>>> joins_made(gold, "甲乙丙丁。")
Check(name='joins', ok=True, detail='1/1')
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Change, Status

BREAK = "¶"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")  # seed_check's Han characters


@dataclass(frozen=True)
class Page:
    """A page in the seed's format: its text, gold annotations (`NAME.gold.json`) and gold text (`NAME.gold.txt`).

    >>> page = Page("p", "甲乙\\n\\n丙丁。", {"boundaries": [], "duplicates": [], "flags": []}, "甲乙丙丁。")
    >>> [check for check, _ in checks_of(page)]
    ['breaks', 'duplicates', 'no-false-flags', 'spelling', 'text']
    """

    name: str
    text: str
    gold: dict
    gold_text: str

    @classmethod
    def read(cls, gold_path: Path) -> Page:
        stem = gold_path.name.removesuffix(".gold.json")
        folder = gold_path.parent
        return cls(
            stem,
            (folder / f"{stem}.txt").read_text(encoding="utf-8"),
            json.loads(gold_path.read_text(encoding="utf-8")),
            (folder / f"{stem}.gold.txt").read_text(encoding="utf-8"),
        )


@dataclass(frozen=True)
class Check:
    """One scored aspect of a cleaned page: passed or not, and what was found."""

    name: str
    ok: bool
    detail: str


def canonical(text: str) -> str:
    """NFKC, paragraph breaks as one symbol, all other whitespace removed (seed_check's canonical)."""
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n")
    text = re.sub(r"\n[ \t\u3000]*\n\s*", BREAK, text.strip())
    return re.sub(r"\s+", "", text)


def missed_joins(gold: dict, out: str) -> list[dict]:
    """The gold joins whose two halves do not meet in the output.

    >>> missed_joins({"boundaries": [{"type": "join", "left": "甲乙", "right": "丙丁"}]}, "甲乙\\n\\n丙丁。")
    [{'type': 'join', 'left': '甲乙', 'right': '丙丁'}]
    """
    out = canonical(out)
    joins = [b for b in gold["boundaries"] if b["type"] == "join"]
    return [b for b in joins if canonical(b["left"]) + canonical(b["right"]) not in out]


def joins_made(gold: dict, out: str) -> Check:
    """Every gold join: its two halves meet in the output."""
    joins = [b for b in gold["boundaries"] if b["type"] == "join"]
    missed = [f"{b['left']}|{b['right']}" for b in missed_joins(gold, out)]
    return Check(
        "joins", not missed, f"{len(joins) - len(missed)}/{len(joins)}" + (f" missed: {missed}" if missed else "")
    )


def lost_breaks(gold: dict, out: str) -> list[dict]:
    """The gold keep_breaks with no paragraph break left between their two sides (a false join, mostly).

    >>> lost_breaks({"boundaries": [{"type": "keep_break", "left": "了。", "right": "今年"}]}, "了。今年")
    [{'type': 'keep_break', 'left': '了。', 'right': '今年'}]
    """
    out = canonical(out)
    return [b for b in gold["boundaries"] if b["type"] == "keep_break" and kept_break(b) not in out]


def breaks_kept(gold: dict, out: str) -> Check:
    """Every gold keep_break: a paragraph break still stands between its two sides."""
    keeps = [b for b in gold["boundaries"] if b["type"] == "keep_break"]
    lost = [f"{b['left']}|{b['right']}" for b in lost_breaks(gold, out)]
    return Check("breaks", not lost, f"{len(keeps) - len(lost)}/{len(keeps)}" + (f" lost: {lost}" if lost else ""))


def kept_break(boundary: dict) -> str:
    """What a real break reads as in canonical output: its sides, and the captions a join moved between them.

    >>> kept_break({"left": "了。", "right": "今年", "moved_here": ["图为河。 某 摄"]})
    '了。¶图为河。某摄¶今年'
    """
    middle = "".join(canonical(caption) + BREAK for caption in boundary.get("moved_here", []))
    return canonical(boundary["left"]) + BREAK + middle + canonical(boundary["right"])


def still_doubled(gold: dict, out: str) -> list[dict]:
    """The gold doubled words the output does not read single (their context, once fixed, is not in it).

    >>> gold = {"duplicates": [{"start": 4, "end": 6, "before": "污染", "context": "环境污染污染防治"}]}
    >>> still_doubled(gold, "全区环境污染防治。"), len(still_doubled(gold, "全区环境污染污染防治。"))
    ([], 1)
    """
    canon = canonical(out)
    return [
        d for d in gold["duplicates"] if canonical(spelled(gold, d).replace(d["before"] * 2, d["before"])) not in canon
    ]


def wrong_deletions(gold: dict, changes: Sequence[Change]) -> list[Change]:
    """The applied changes of the duplicates stage outside every gold doubled word: text deleted wrongly."""
    spans = [(d["start"] - len(d["before"]), d["end"] + len(d["before"])) for d in gold["duplicates"]]
    return [
        c
        for c in changes
        if c.stage == "duplicates"
        and c.status is Status.APPLIED
        and not any(s <= c.start and c.end <= e for s, e in spans)
    ]


def duplicates_fixed(gold: dict, out: str, changes: Sequence[Change]) -> Check:
    """Every gold doubled word is single in the output, and no other doubled-text deletion was applied."""
    kept = [d["context"] for d in still_doubled(gold, out)]
    extra = [f"{c.rule} {c.before!r}@{c.start}" for c in wrong_deletions(gold, changes)]
    fixed = len(gold["duplicates"]) - len(kept)
    detail = (
        f"{fixed}/{len(gold['duplicates'])}"
        + (f" still doubled: {kept}" if kept else "")
        + (f" deleted wrongly: {extra}" if extra else "")
    )
    return Check("duplicates", not kept and not extra, detail)


def spelled(gold: dict, duplicate: dict) -> str:
    """A gold duplicate's context with the gold's spelling fixes inside it made, as the output reads once corrected.

    The context is located by its doubled word: the gold's `start` is that of the second copy.

    >>> gold = {"spelling": [{"start": 2, "end": 3, "before": "千", "after": "干"}]}
    >>> spelled(gold, {"start": 8, "end": 10, "before": "物资", "context": "、饼千等救灾物资物资，"})
    '、饼干等救灾物资物资，'
    """
    context, before = duplicate["context"], duplicate["before"]
    offset = duplicate["start"] - len(before) - context.find(before * 2)
    chars = list(context)
    for fix in gold.get("spelling", []):
        at = fix["start"] - offset
        if at >= 0 and at + len(fix["before"]) <= len(chars) and context[at : at + len(fix["before"])] == fix["before"]:
            chars[at : at + len(fix["before"])] = fix["after"]
    return "".join(chars)


def flag_hit(flag: dict, changes: Sequence[Change]) -> bool:
    """Whether a flagged change overlaps the gold flag's span (seed_check's test)."""
    return any(c.status is Status.FLAGGED and c.start < flag["end"] and flag["start"] < c.end for c in changes)


def flag_found(flag: dict, changes: Sequence[Change]) -> Check:
    """The gold flag overlaps a flagged change (seed_check's test)."""
    flagged = [c for c in changes if c.status is Status.FLAGGED]
    hit = flag_hit(flag, changes)
    rules = sorted({c.rule for c in flagged})
    return Check(
        f"flag {flag['type']}",
        hit,
        f"{flag['text']!r} {'found' if hit else 'missing'}; flagged rules on the page: {rules}",
    )


def no_false_flags(gold: dict, changes: Sequence[Change]) -> Check:
    """No flag falls outside the gold flags: consistent figures, real lists and whole endings stay unflagged.

    >>> no_false_flags({"flags": []}, [])
    Check(name='no false flags', ok=True, detail='none')
    """
    false = [f"{c.rule} {c.before[:20]!r}@{c.start}" for c in false_flags(gold, changes)]
    return Check("no false flags", not false, ", ".join(false) or "none")


def false_flags(gold: dict, changes: Sequence[Change]) -> list[Change]:
    """The flagged changes that overlap no gold flag."""
    return [
        c
        for c in changes
        if c.status is Status.FLAGGED and not any(c.start < f["end"] and f["start"] < c.end for f in gold["flags"])
    ]


def spelling_as_gold(gold: dict, changes: Sequence[Change]) -> Check:
    """The applied spelling corrections are exactly the gold's (none on a page without confusions)."""
    want = {fix for s in gold.get("spelling", []) for fix in characters_fixed(s["start"], s["before"], s["after"])}
    got = {
        fix
        for c in changes
        if c.stage == "spelling" and c.status is Status.APPLIED
        for fix in characters_fixed(c.start, c.before, c.after or "")
    }
    suggested = [
        (c.before, c.after, round(c.confidence, 2))
        for c in changes
        if c.stage == "spelling" and c.status is Status.SUGGESTED
    ]
    detail = f"{len(want & got)}/{len(want)} corrected; missing {sorted(want - got)}; wrong {sorted(got - want)}"
    detail += f"; suggested {suggested}"
    return Check("spelling", want == got, detail)


def characters_fixed(start: int, before: str, after: str) -> list[tuple[int, int, str]]:
    """A correction as the characters it changes, so that the gold's 收人 -> 收入 and the stage's 人 -> 入 agree.

    >>> characters_fixed(724, "收人", "收入")
    [(725, 726, '入')]
    """
    if len(before) != len(after):
        return [(start, start + len(before), after)]
    return [(start + i, start + i + 1, b) for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]


def han_damage(gold_text: str, out: str) -> int:
    """How many Han characters differ between the output and the gold text (seed_check's edit distance).

    >>> han_damage("新技术，引起兴趣。", "新技技术\\n\\n引起兴趣")
    1
    """
    from rapidfuzz.distance import Levenshtein

    def han(text: str) -> str:
        return "".join(HAN.findall(canonical(text)))

    return int(Levenshtein.distance(han(gold_text), han(out)))


def text_as_gold(gold_text: str, out: str) -> Check:
    """The output equals the gold text after canonicalisation; the detail shows where they part."""
    want, got = canonical(gold_text), canonical(out)
    if want == got:
        return Check("text", True, "equal")
    ops = difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes()
    diffs = [
        f"{tag} gold {want[max(0, i1 - 8) : i2 + 8]!r} out {got[max(0, j1 - 8) : j2 + 8]!r}"
        for tag, i1, i2, j1, j2 in ops
        if tag != "equal"
    ]
    return Check("text", False, f"{len(diffs)} differences: " + "; ".join(diffs[:6]))


def checks_of(page: Page) -> list[tuple[str, Callable[[str, Sequence[Change]], Check]]]:
    """The checks that apply to a page, by id: each takes the cleaned text and the report's changes."""
    gold = page.gold
    checks: list[tuple[str, Callable[[str, Sequence[Change]], Check]]] = []
    if any(b["type"] == "join" for b in gold["boundaries"]):
        checks.append(("joins", lambda out, _: joins_made(gold, out)))
    checks.append(("breaks", lambda out, _: breaks_kept(gold, out)))
    checks.append(("duplicates", lambda out, changes: duplicates_fixed(gold, out, changes)))
    for flag in gold["flags"]:
        checks.append((f"flag-{flag['type']}", lambda _, changes, flag=flag: flag_found(flag, changes)))
    checks.append(("no-false-flags", lambda _, changes: no_false_flags(gold, changes)))
    checks.append(("spelling", lambda _, changes: spelling_as_gold(gold, changes)))
    checks.append(("text", lambda out, _: text_as_gold(page.gold_text, out)))
    return checks
