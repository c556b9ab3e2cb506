"""Look-alikes found by drawing glyphs: the real font and Pillow, the command, and the table S102 reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner.cli import main
from cleaner.glyphs import glyph_vectors, installed_cjk_font, look_alikes
from cleaner.model import Document, Status
from cleaner.pipeline import Pipeline
from cleaner.rules import load_rules
from cleaner.stages.spelling_candidates import parse_shape_lines, shape_files

# Pairs OCR of print confuses: the glyphs differ by a stroke's length, a dot or a stroke's end.
PRINT_LOOK_ALIKES = [("千", "干"), ("未", "末"), ("己", "已"), ("土", "士"), ("天", "夭")]


@pytest.fixture(scope="module")
def drawn() -> dict[str, str]:
    chars = "".join(dict.fromkeys("".join(a + b for a, b in PRINT_LOOK_ALIKES) + "水火山石田中国人民经济发展"))
    return look_alikes(glyph_vectors(chars, installed_cjk_font()), neighbours=2, min_similarity=0.7)


@pytest.mark.parametrize(("char", "look_alike"), PRINT_LOOK_ALIKES)
def test_a_glyph_a_stroke_apart_is_among_the_nearest(drawn: dict[str, str], char: str, look_alike: str) -> None:
    assert look_alike in drawn.get(char, "")


# Print OCR confuses these too, yet their pixels differ: 自 is taller than 白, 曰 wider than 日, 佳 has a
# stroke more than 住. Cropped to their ink, their stroke directions zone by zone nearly coincide.
STROKE_LOOK_ALIKES = [("白", "自"), ("佳", "住"), ("日", "曰")]


@pytest.mark.parametrize(("char", "look_alike"), STROKE_LOOK_ALIKES)
def test_glyphs_whose_pixels_differ_but_strokes_coincide_are_found(char: str, look_alike: str) -> None:
    vectors = glyph_vectors(char + look_alike + "水火山石田中国人民经济发展", installed_cjk_font())
    assert look_alikes(vectors, neighbours=1, min_similarity=0.7)[char] == look_alike


def test_glyphs_unlike_each_other_are_not_look_alikes(drawn: dict[str, str]) -> None:
    assert "水" not in drawn.get("国", "") and "发" not in drawn.get("田", "")


def test_a_character_the_font_lacks_is_left_out() -> None:
    assert "\U0003134a" not in glyph_vectors("千\U0003134a", installed_cjk_font())


def build_shapes_from(tmp_path: Path, page: str, table_name: str, *options: str) -> tuple[Result, Path]:
    """Run `cleaner build-shapes` over a corpus of one `page` into rules/`table_name`: its result and the table."""
    corpus = tmp_path / "pages"
    corpus.mkdir()
    (corpus / "a.txt").write_text(page, encoding="utf-8")
    table = tmp_path / "rules" / table_name
    table.parent.mkdir()
    arguments = ["build-shapes", str(corpus), "-o", str(table), "--font", str(installed_cjk_font()), *options]
    return CliRunner().invoke(main, arguments), table


def test_build_shapes_writes_a_table_s102_can_read(tmp_path: Path) -> None:
    page = "千千干干未未末末土士天夭\n"
    result, table = build_shapes_from(tmp_path, page, "confusion_shape_rendered.tsv", "--neighbours", "1")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{table}: ") and "from 8 drawn" in result.output
    lines = [line for line in table.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert "千\t干" in lines and "未\t末" in lines
    assert "confusion_shape_rendered.tsv" in shape_files(load_rules(table.parent))


def test_build_shapes_unlike_writes_the_pairs_of_a_table_whose_glyphs_share_nothing(tmp_path: Path) -> None:
    writing = tmp_path / "writing.tsv"
    writing.write_text("# a table of writing errors\n切\t分砌\n己\t已\n", encoding="utf-8")
    unlike = tmp_path / "unlike.tsv"
    result = CliRunner().invoke(
        main, ["build-shapes", "--unlike", str(writing), "-o", str(unlike), "--font", str(installed_cjk_font())]
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in unlike.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines == ["分\t切", "切\t分"]


def test_the_shipped_unlike_pairs_are_writing_errors_print_never_makes() -> None:
    rules = load_rules()
    unlike = parse_shape_lines(rules.read_lines(rules.option("S102", "unlike_glyph_files", [])[0]))
    assert "分" in unlike["切"] and "水" in unlike["污"]
    assert all(b not in unlike.get(a, ()) for a, b in [("日", "曰"), ("人", "入"), ("大", "太"), ("己", "已")])


def test_build_shapes_names_a_missing_font(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build-shapes", "-o", str(tmp_path / "t.tsv"), "--font", "/no/such.ttc"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: /no/such.ttc: no such font file; install fonts-noto-cjk (`make shapes`) or give --font\n"
    )


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "only Latin text\n",
            "Error: the corpus holds no Han character (seen --min-count 1 times); give text in Chinese\n",
        ),
        ("\U0003134a\n", "Error: {font}: draws none of the corpus's 1 Han characters; give a CJK font with --font\n"),
    ],
)
def test_build_shapes_names_a_corpus_or_font_it_cannot_use(tmp_path: Path, page: str, message: str) -> None:
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    font = installed_cjk_font()
    result = CliRunner().invoke(
        main, ["build-shapes", str(tmp_path), "-o", str(tmp_path / "t.tsv"), "--font", str(font)]
    )
    assert (result.exit_code, result.output) == (1, message.format(font=font))
    assert not (tmp_path / "t.tsv").exists()


def test_the_shipped_table_is_among_the_tables_s102_reads() -> None:
    assert shape_files(load_rules())[-1] == "confusion_shape_rendered.tsv"


@pytest.mark.parametrize(
    ("page", "wrong", "right"),
    [
        # 近/进 and 向/问 share no part a hand-made table lists; in print they are a stroke or two apart
        ("这些工厂在技术改造中取得了新的近步。", "近", "进"),
        ("他向记者介绍了有关情况，并回答了记者提出的向题。", "向", "问"),
    ],
)
def test_an_ocr_look_alike_only_the_drawn_table_names_is_corrected(page: str, wrong: str, right: str) -> None:
    rules = load_rules()
    blind = rules.with_option("S102", "shape_files", shape_files(rules)[:-1])
    fixes = [
        (c.before, c.after)
        for c in Pipeline(rules).run(Document("d", "d.txt", page)).changes
        if c.stage == "spelling" and c.status is Status.APPLIED
    ]
    assert fixes == [(wrong, right)]
    assert not [c for c in Pipeline(blind).run(Document("d", "d.txt", page)).changes if c.stage == "spelling"]


def test_build_shapes_strokes_writes_the_look_alikes_one_stroke_apart(tmp_path: Path) -> None:
    # 甲/由 (the stem moved) and 玉/主 (the dot moved) were no drawn table's pairs: no typeface drew them near
    result, table = build_shapes_from(tmp_path, "甲由玉主休体于厅水\n", "confusion_shape_strokes.tsv", "--strokes")
    assert result.exit_code == 0, result.output
    assert "one stroke apart, of 9 drawn" in result.output
    lines = table.read_text(encoding="utf-8").splitlines()
    shapes = parse_shape_lines(line for line in lines if not line.startswith("#"))
    assert "由" in shapes["甲"] and "主" in shapes["玉"] and "体" in shapes["休"]
    assert "厅" not in shapes.get("于", ()) and "水" not in shapes  # one stroke apart, but unlike glyphs
