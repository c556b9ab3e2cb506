"""The HTML review report: every text escaped, both sides linked, filters and the batch index."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cleaner.cli import main
from cleaner.model import Change, Status
from cleaner.report.html import document_page, target_spans

HOSTILE = '<script>alert("x")</script>'
FAST = ["--no-cache", "--skip", "spelling"]  # the report's glue is under test here, not the language model


class Collector(HTMLParser):
    """Collects tags with their attributes and every script body."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


def test_hostile_text_renders_as_text() -> None:
    original = f"好,的{HOSTILE}\n"
    change = Change("spelling", "S<1>", f"消息{HOSTILE}", 0, 1, "好", f"{HOSTILE}", Status.SUGGESTED, 0.5)
    flag = Change("figures", "F101", '"quoted" & <b>', 3, 11, original[3:11], None, Status.FLAGGED, 0.9)
    page = document_page(f"{HOSTILE}.txt", original, original, [change, flag])
    parsed = parse(page)
    assert [tag for tag, _ in parsed.tags].count("script") == 1  # only the page's own script
    assert "alert" not in "".join(parsed.scripts)
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&quot;quoted&quot; &amp; &lt;b&gt;" in page  # the flag's message, in the list


def test_changes_are_linked_across_both_sides() -> None:
    original = "甲乙\n\n丙丁,戊"
    changes = [
        Change("rejoin", "R101", "接续", 2, 4, "\n\n", "", Status.APPLIED, 0.9),
        Change("normalize", "N102", "全角", 6, 7, ",", "，", Status.APPLIED, 1.0),
        Change("figures", "F101", "核对", 4, 8, "丙丁,戊", None, Status.FLAGGED, 0.9),
    ]
    corrected = "甲乙丙丁，戊"
    assert target_spans(changes) == [(2, 2), (4, 5), (2, 6)]
    parsed = parse(document_page("a.txt", original, corrected, changes))
    sides: dict[str, set[str]] = {"original": set(), "corrected": set()}
    side = None
    for tag, attrs in parsed.tags:
        if attrs.get("id") in sides:  # each side's text, in blocks
            side = attrs["id"]
        if tag == "span" and "m" in (attrs.get("class") or "").split() and side:
            sides[side].update((attrs["data-c"] or "").split())
    assert sides["original"] == sides["corrected"] == {"c0", "c1", "c2"}
    items = [attrs for tag, attrs in parsed.tags if tag == "li"]
    assert [(i["data-c"], i["data-stage"], i["data-status"], i["data-rule"]) for i in items] == [
        ("c0", "rejoin", "applied", "R101"),
        ("c1", "normalize", "applied", "N102"),
        ("c2", "figures", "flagged", "F101"),
    ]
    boxes = {(a["name"], a["value"]) for tag, a in parsed.tags if tag == "input"}
    assert boxes == {
        ("stage", "rejoin"),
        ("stage", "normalize"),
        ("stage", "figures"),
        ("status", "applied"),
        ("status", "flagged"),
        ("rule", "R101"),
        ("rule", "N102"),
        ("rule", "F101"),
    }
    # the removed line break is visible (a marker), the deletion on the right a gap marker
    assert '<span class="nl"></span>' in document_page("a.txt", original, corrected, changes)
    assert 'gap" data-c="c0"' in document_page("a.txt", original, corrected, changes)


def test_clean_writes_the_batch_report_and_a_page_per_document(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("１２月,好\n", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(f"文本{HOSTILE}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(out), *FAST], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"  review: {out / 'report.html'}" in result.output.splitlines()
    index = (out / "report.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(report/[^"]+)"', index)
    assert len(links) == 2
    for link in links:
        assert (out / link).is_file()
    assert "<svg" in index and "normalize" in index
    page = (out / links[1]).read_text(encoding="utf-8") if "b.txt" in links[1] else (out / links[0]).read_text()
    assert HOSTILE not in page
    assert "../../../report.html" in page or "../../report.html" in page
    no_html = CliRunner().invoke(main, ["clean", str(folder), "-o", str(tmp_path / "plain"), "--no-html", *FAST])
    assert no_html.exit_code == 0
    assert not (tmp_path / "plain" / "report.html").exists()


def test_pages_made_during_the_batch_equal_those_replayed_from_report_json(tmp_path: Path) -> None:
    """Workers render the pages as they clean (two jobs here, the cache on a second run); the
    pages must be the very ones `write_review` rebuilds from report.json and the inputs."""
    from cleaner.evaluation.archive import write_archive
    from cleaner.report.review import write_review

    archive = tmp_path / "archive"
    write_archive(archive, files=300, seed=3)  # more than one chunk: the workers start
    out, replayed = tmp_path / "out", tmp_path / "replayed"
    arguments = ["clean", str(archive), "-o", str(out), "--profile", "fast", "--skip", "spelling", "-j", "2"]
    for _ in range(2):  # fresh, then every result from the cache
        result = CliRunner().invoke(main, arguments, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        made = {p.relative_to(out): p.read_bytes() for p in sorted((out / "report").rglob("*.html"))}
        shutil.rmtree(replayed, ignore_errors=True)
        shutil.copytree(out, replayed, ignore=shutil.ignore_patterns("report", "report.html"))
        write_review(replayed)
        rebuilt = {p.relative_to(replayed): p.read_bytes() for p in sorted((replayed / "report").rglob("*.html"))}
        assert len(made) == 300 and made == rebuilt
        assert (out / "report.html").read_bytes() == (replayed / "report.html").read_bytes()


def test_diff_prints_a_unified_diff_and_keeps_the_summary_off_stdout(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("１２月,好\n", encoding="utf-8")
    args = ["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--diff", *FAST]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0
    path = str(tmp_path / "a.txt")
    assert result.stdout == f"--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n-１２月,好\n+12月，好\n"
    assert "1 document cleaned, 0 failed" in result.stderr
    piped = CliRunner().invoke(main, ["clean", "-", "--diff", "--skip", "spelling"], input="１２月\n")
    assert piped.stdout == "--- a/-\n+++ b/-\n@@ -1 +1 @@\n-１２月\n+12月\n"


@given(st.data())
def test_right_side_spans_cover_the_right_text(data: st.DataObject) -> None:
    """Applied changes cover their replacement; untouched ones the same text as on the left."""
    from cleaner.edits import overlaps, replay

    text = data.draw(st.text(alphabet="甲乙,\n", max_size=30))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    applied = [
        Change("s", "A", "m", s, e, text[s:e], data.draw(st.text(alphabet="丙,", max_size=2)), Status.APPLIED, 1.0)
        for s, e in zip(cuts[::2], cuts[1::2], strict=False)
        if s < e
    ]
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    flag = Change("s", "F", "m", start, end, text[start:end], None, Status.FLAGGED, 1.0)
    changes = [*applied, flag]
    corrected = replay(text, changes)
    spans = target_spans(changes)
    for change, (s, e) in zip(changes, spans, strict=True):
        if change.status is Status.APPLIED:
            assert corrected[s:e] == change.after
    if not any(overlaps(start, end, a.start, a.end) for a in applied) and start < end:
        assert corrected[spans[-1][0] : spans[-1][1]] == flag.before


@given(st.data())
def test_spans_in_turn_render_as_they_do_cut_by_cut(data: st.DataObject) -> None:
    """Spans that never overlap (markers included) are read change by change: the same HTML as the general way."""
    from cleaner.report import html

    text = data.draw(st.text(alphabet="甲乙\n<&", max_size=40)) * data.draw(st.sampled_from([1, 150]))
    spans, reached = [], 0
    for width, gap in data.draw(st.lists(st.tuples(st.sampled_from([0, 0, 1, 2, 4000]), st.integers(0, 3)))):
        start = min(reached + gap, len(text))
        spans.append((start, min(start + width, len(text))))
        reached = spans[-1][1]
    assert html._in_turn(spans)
    changes = [Change("normalize", "N101", "m", s, e, text[s:e], "x", Status.APPLIED, 1.0) for s, e in spans]
    opening = [html._opening(change) for change in changes]
    alone = [f'{start}" data-c="c{number}">' for number, start in enumerate(opening)]
    needs_escape = html.HTML_SPECIAL.search(text) is not None
    for blocks in (False, True):
        made = [html._pieces_in_turn, html._pieces_by_cut]
        drawing = html._Drawing(text, spans, changes, opening, alone, needs_escape, blocks)
        turn, cut = ("".join(pieces(drawing)) for pieces in made)
        assert turn == cut
