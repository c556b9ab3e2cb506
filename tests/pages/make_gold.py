"""Build an acceptance page, its gold annotations and its gold text from one marked source.

A marked source (`NAME.marked`) is the damaged page as the scanner would give it, with the
editor's decisions written inline, so that offsets are computed, never counted by hand:

- `‖` a page or column break inside a sentence: a blank line on the page, nothing in the gold text;
- `⟪CAPTION⟫` a picture caption (or other block) set between the halves of a cut sentence: on the
  page it stands between blank lines; in the gold text the halves are joined and it follows the
  paragraph;
- `〔X〕` a doubled word: `XX` on the page, `X` in the gold text (`〔X‖〕`: a page or column break between the
  copies; the gold text reads X once, joined);
- `⦃RIGHT|WRONG⦄` a visually confused character: WRONG on the page, RIGHT in the gold text;
- `⟦L:…⟧`, `⟦F:…⟧`, `⟦T:…⟧` spans a reviewer must be shown: a repeated list item, inconsistent
  figures, a truncated ending (the text itself is kept);
- `⁅RIGHT|WRONG⁆` noise the normalize stage mends (a half-width comma between Chinese, a stray space,
  a full-width digit): WRONG on the page, RIGHT in the gold text, and no annotation, since the scoring
  compares texts after NFKC and without whitespace;
- `⟨LINE⟩` page furniture (a page number, a running head) left on a line of its own inside a block:
  on the page the line between single newlines, in the gold text after the paragraph, like a caption.

Every other blank-line gap between two non-empty blocks is a real break (keep_break). A single
newline inside a block is a hard wrap of a narrow column: the page keeps it, the gold text does not.

    python tests/pages/make_gold.py tests/pages/*.marked   # writes NAME.txt, NAME.gold.json, NAME.gold.txt

>>> page, gold, text = build("甲乙,‖丙〔丁〕。\\n\\n戊⦃已|己⦄。")
>>> page
'甲乙,\\n\\n丙丁丁。\\n\\n戊己。'
>>> [b["type"] for b in gold["boundaries"]], gold["duplicates"][0]["start"], text
(['join', 'keep_break'], 7, '甲乙,丙丁。\\n\\n戊已。\\n')
>>> build("甲乙\\n丙。")[2]
'甲乙丙。\\n'
>>> page, gold, text = build("甲⁅，|,⁆乙⟨— 3 —⟩丙‖\\n丁。\\n\\n戊。")
>>> page, text
('甲,乙\\n— 3 —\\n丙\\n\\n\\n丁。\\n\\n戊。', '甲，乙丙丁。\\n\\n— 3 —\\n\\n戊。\\n')
>>> [(b["type"], b["right"]) for b in gold["boundaries"]]
[('join', '丁。'), ('keep_break', '戊。')]
>>> page, gold, text = build("环境〔污染‖〕防治。")
>>> page, text, gold["boundaries"][0]["right"], gold["duplicates"][0]["context"]
('环境污染\\n\\n污染防治。', '环境污染防治。\\n', '防治。', '环境污染污染防治。')
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

FLAG_TYPES = {"L": "repeated_list_item", "F": "inconsistent_figures", "T": "truncated_ending"}
CONTEXT = 6  # characters each side of a boundary, as the seed's gold gives them
NOTE = (
    "offsets are Python str indices into the source file as read with UTF-8; boundaries list every blank-line "
    "gap between two non-empty blocks: join = a page/column break inside a sentence (a join whose gap holds a "
    "block names it in `across`; the gold text moves it after the paragraph), keep_break = a real paragraph, "
    "headline, byline or caption boundary; spelling lists the confused characters an editor corrects"
)
TOKEN = re.compile(
    r"‖|⟪(?P<cap>[^⟫]*)⟫|⟨(?P<line>[^⟩]*)⟩|〔(?P<dup>[^〕]*)〕|⦃(?P<right>[^|⦄]*)\|(?P<wrong>[^⦄]*)⦄"
    r"|⁅(?P<mended>[^|⁆]*)\|(?P<noise>[^⁆]*)⁆|⟦(?P<kind>[LFT]):|⟧"
)
GAP = re.compile(r"\n[ \t\u3000]*\n\s*")
HARD_WRAP = re.compile(r"(?<=[^\n])\n(?=[^\n])")  # a single newline inside a block: a narrow column's wrap


def build(marked: str) -> tuple[str, dict, str]:
    """The page, its gold annotations and its gold text, from a marked source (see the module)."""
    page: list[str] = []
    gold_text: list[str] = []
    pending_captions: list[str] = []
    joins: list[dict] = []
    duplicates: list[dict] = []
    spelling: list[dict] = []
    flags: list[dict] = []
    firsts: list[int] = []  # where each doubled word's first copy starts (a break may stand between the copies)
    furniture: list[tuple[int, str]] = []  # lines of furniture inside a block: where they stand on the page
    open_flag: tuple[str, int] | None = None
    at = 0

    def page_len() -> int:
        return sum(map(len, page))

    def emit(piece: str) -> None:
        """Copy plain source text; the gold text gets pending captions after the paragraph ends."""
        page.append(piece)
        for part in re.split(r"(\n\n+)", piece):
            if part.startswith("\n\n") and pending_captions:
                gold_text.extend("\n\n" + caption for caption in pending_captions)
                pending_captions.clear()
            gold_text.append(part)

    for match in TOKEN.finditer(marked):
        emit(marked[at : match.start()])
        at = match.end()
        token = match.group(0)
        if token == "‖":
            joins.append({"start": page_len(), "end": page_len() + 2})
            page.append("\n\n")
        elif match.group("cap") is not None:
            start = page_len()
            page.append("\n\n" + match.group("cap") + "\n\n")
            joins.append({"start": start, "end": page_len(), "across": match.group("cap")})
            pending_captions.append(match.group("cap"))
        elif match.group("line") is not None:
            furniture.append((page_len(), match.group("line")))
            page.append("\n" + match.group("line") + "\n")
            pending_captions.append(match.group("line"))
        elif match.group("mended") is not None:
            page.append(match.group("noise"))
            gold_text.append(match.group("mended"))
        elif match.group("dup") is not None:
            word, cut, _ = match.group("dup").partition("‖")  # 〔X‖〕: a break between the copies
            first = page_len()
            page.append(word)
            if cut:
                joins.append({"start": page_len(), "end": page_len() + 2})
                page.append("\n\n")
            start = page_len()
            page.append(word)
            gold_text.append(word)
            duplicates.append(
                {"type": "duplicate_fix", "start": start, "end": start + len(word), "before": word, "after": ""}
            )
            firsts.append(first)
        elif match.group("right") is not None:
            start = page_len()
            page.append(match.group("wrong"))
            gold_text.append(match.group("right"))
            spelling.append(
                {
                    "type": "spelling_fix",
                    "start": start,
                    "end": page_len(),
                    "before": match.group("wrong"),
                    "after": match.group("right"),
                }
            )
        elif match.group("kind"):
            open_flag = (FLAG_TYPES[match.group("kind")], page_len())
        else:  # ⟧ closes the open flag
            assert open_flag, "⟧ without ⟦"
            kind, start = open_flag
            flags.append({"type": kind, "start": start, "end": page_len()})
            open_flag = None
    emit(marked[at:])
    if pending_captions:
        gold_text.extend("\n\n" + caption for caption in pending_captions)
    text = "".join(page)
    for item, first in zip(duplicates, firsts, strict=True):  # the doubled word with what stands beside it
        before = text[max(0, first - CONTEXT) : first].rpartition("\n")[2]
        item["context"] = before + item["before"] * 2 + text[item["end"] : item["end"] + CONTEXT].partition("\n")[0]
    # a boundary's sides stop short of an edited word, so that they read the same in the gold text
    edited = [(first, d["end"]) for d, first in zip(duplicates, firsts, strict=True)] + [
        (s["start"], s["end"]) for s in spelling
    ]
    for item in flags:
        item["text"] = text[item["start"] : item["end"]]
    join_at = {join["start"]: join for join in joins}
    boundaries = []
    stripped_start = len(text) - len(text.lstrip())
    moved: list[str] = []  # captions that a join moved after its paragraph, until the paragraph ends
    for gap in GAP.finditer(text, stripped_start):
        if gap.end() >= len(text.rstrip()):
            break
        while furniture and furniture[0][0] < gap.start():  # a line of furniture moves after its paragraph too
            moved.append(furniture.pop(0)[1])
        if any(j["start"] < gap.start() and gap.end() <= j["end"] for j in joins):
            continue  # a gap beside a caption set inside a join: the join covers it
        join = join_at.get(gap.start())
        if join:
            end = join["end"] if "across" in join else gap.end()  # a cut may leave more than one blank line
            entry = {"type": "join", "start": gap.start(), "end": end}
        else:
            end = gap.end()
            entry = {"type": "keep_break", "start": gap.start(), "end": end}
        left_from = max([gap.start() - CONTEXT, 0] + [e for s, e in edited if e <= gap.start()])
        # a doubled word whose copies the break separates: the right side starts after the second copy
        right_from = max([end] + [e for s, e in edited if s < gap.start() and e > end])
        right_to = min([right_from + CONTEXT] + [s for s, e in edited if s >= right_from])
        entry["left"] = text[left_from : gap.start()].rpartition("\n")[2]
        entry["right"] = text[right_from:right_to].partition("\n")[0]
        if join and "across" in join:
            entry["across"] = join["across"]
            moved.append(join["across"])
        elif not join and moved:
            entry["moved_here"] = moved  # the gold text reads: left, the moved captions, right
            moved = []
        boundaries.append(entry)
    assert len([b for b in boundaries if b["type"] == "join"]) == len(joins), "a join mark sits outside a gap"
    gold_plain = re.sub(r"\n{3,}", "\n\n", "".join(gold_text).strip()) + "\n"
    gold_plain = HARD_WRAP.sub("", gold_plain)  # an editor unwraps a column's lines; blank lines stay
    gold = {
        "source": "",
        "note": NOTE,
        "boundaries": boundaries,
        "duplicates": duplicates,
        "spelling": spelling,
        "flags": flags,
    }
    return text, gold, gold_plain


def main(paths: list[str]) -> None:
    """Write NAME.txt, NAME.gold.json and NAME.gold.txt beside each NAME.marked."""
    for name in paths:
        marked = Path(name)
        page, gold, gold_text = build(marked.read_text(encoding="utf-8"))
        stem = marked.with_suffix("")
        gold["source"] = stem.name + ".txt"
        stem.with_suffix(".txt").write_text(page, encoding="utf-8")
        stem.with_suffix(".gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        stem.with_suffix(".gold.txt").write_text(gold_text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
