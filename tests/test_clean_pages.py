"""`cleaner eval clean`: the whole pipeline on clean pages, where every applied fix is a false one.

The modern control set (corpus/modern_clean: 2020s prose the 1998 model never saw, written for the project) is checked
page by page: no change, no flag, but on a hard-wrapped page (`*.wrapped.txt`) the joins of its wraps, every one of
which is made unless the line ends a sentence. Each part (1-20, 21-40, 41-60, 61-80, 81-100, 101-112,
113-132, 133-152, 153-172, 173-192, 193-207, 208-222, 223-237, 238-252, 253-267, 268-282, 283-297,
298-312, 313-327, 328-342) was written and its false changes fixed in one session, so it guards those fixes; it is
no held-out measure. Pages 81-100: doubled names and
sounds, dialogue, a play script, legal articles and notices, contents, timetables, price and results tables, mixed
scripts, headline stacks and figures given twice; pages 101-112 classified ads, a weather and tide table, a TV schedule,
lottery and exam results, couplets and classical verse, nursery rhymes, transliterated names, a medicine column, an
English column, corrections and a stock table; pages 113-132 registers and look-alikes the rules meet rarely: a
judgment, patent abstracts, a leaflet, recipes, a live match report, weather, TV listings, an obituary, an almanac,
puzzle answers, classical Chinese, dialect, social-media posts, reviews, names and signs that look misprinted, numbers
of every kind, footnotes and corrections; pages 133-152 kinds of writing and of repetition the others lack: science,
minority regions, dynasties, listed companies, spaceflight, exams, health, a children's story, letters, slogans, a
speech's anaphora, echoed dialogue, a series' headings, URLs and versions, 一一, 亳/毫 and 汨/汩, verse lines ending
on commas; pages 153-172 an exam paper, game commentary, crosstalk, tongue twisters, a genealogy, chants, an annual
report, ads, a leaflet, a contract, subtitles, a dictionary, lottery results, a timetable change, prices, repeated
case headings, figures by year and look-alikes in their words (末班车/未来, 侯/候, 拔/拨, 冶/治, 券/卷, 戍/戌/戊);
pages 173-192 a weather and tide table, a timetable, recipes, a travel diary, a lyric sheet, a vote record, a
hospital's departments, a bus line both ways, a league table, a glossary, calligraphy captions, an auction catalogue,
small ads, a quiz, a 七律 with notes, a personnel notice, a flood bulletin, a chronology, a letter in traditional
characters and corrections; pages 193-207 a programming column, formulas, chemical equations, a song in numbered
notation, prescriptions, a rate table, an almanac box, a press release, a manual, a safety data sheet, a child's
composition, riddles, folding steps, a donors' list and a climbing log. 208-222 a Cantonese column, a Peking-opera
libretto, a martial-arts serial, a comic strip, an interview with its stammers, a hotline call, a chat log, live match
text, an election table, a menu, a hymn sheet, classical poems with notes, a museum guide, a recruitment notice and an
honours list. 223-237 a housing list, a horoscope, a crossword, listed companies' announcements, an admission table, a
vet's column, a sky calendar, a fishing report, a fashion column, a train-ticket Q&A, an insurance table with worked
examples, a land-reform report, marathon results, a drama's synopses and cast, court cases by number; 238-252 a temple
history, a travel piece with Tibetan and Uyghur names, a militia notice, a disaster tally with revisions, an obituary
with its mourners, a kindergarten menu, a medicine column, a xiangqi record, a go commentary, a dialect glossary, a
lost-and-found column, a theatre programme, a product recall, couplets and paper abstracts; 253-267 wedding and
anniversary notices, an encyclopedia entry with cross-references, a question-time transcript, a discharge summary, a
1952 literacy primer, a tax-form guide by box, new books with call numbers, an archive's catalogue of letters, a
league's fixtures, a seed catalogue, a chess-problem column, a fare table with footnotes, a parents' letter with its
receipt slip, solar-term proverbs and an idiom chain; 268-282, written in the same session from the same list of kinds
in another worktree (so several kinds twice, in other words): a fixture list with venues, an idiom dictionary with
sources, a poetry prize list, a mountain-rescue log, a course catalogue, wedding and anniversary notices, a
chess-problem column, an encyclopedia entry with cross-references, a question time, an archive's letters catalogue,
new books by call number, an exam answer key, a seed catalogue, a discharge summary and a 1952 primer; 283-297 a
knitting pattern, a court's hearing schedule, a village meeting's minutes with votes, a blood-donation honour roll,
xiehouyu, a clapper-talk script, a flight timetable, tiered electricity bills worked out, a family code with notes and
translation, a stamp catalogue, questionnaire results, a ham-radio log, broadcast calisthenics, a sacrificial address
and a sports meet's order book; 298-312 a pupils' dictation with look-alikes, a bus driver's log, birth notices, a
chess club's rating ladder, a physics exercise with units and formulas, a song chart, a hotline's FAQ, a tax table
with worked examples, a lab report with reference ranges, a pest bulletin, a tour itinerary, a parcel's tracking log
with rows given twice, a driving-test bank, rhymed village rules and a register of old trees; 313-327 a bridge column
with its hands, a sudoku and cube page, a chord sheet, a fuel-price notice, a plate-number rota, a specialists' rota, a
training plan, the 三字经 with notes, a subsidy list, a call for essays, a farmer's ledger, a lecture series, a
fitness-test report, a wedding host's script and a metro line's first and last trains; 328-342 the multiplication table
and abacus rhymes, a property office's notices, a car-repair bill, pigeon-race results, a mahjong column with hands
written out, old telegrams, palindromes and acrostics, a rhyming-pairs primer, a payslip worked out, a bird count, a
phone bill's itemised calls, a vaccination schedule, an attendance sheet with its marks, radio song dedications and
boatmen's work chants."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.evaluation.clean_pages import WRAPPED_MARK, CleanTally, ends_a_sentence, hard_wraps, is_expected_join
from cleaner.model import Change, Document, Status
from cleaner.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "peoples_daily_1998_01_01-24.jsonl"
MODERN = Path(__file__).resolve().parents[1] / "corpus" / "modern_clean"
# A false change of the control set no fix in general form removes without losing recall, with its cause
KNOWN_FALSE_CHANGES = {
    "17_yingshanghuanjing.txt": (
        "S102 拨入 -> 投入 (0.96): 资金投入 is far commoner to the model and to jieba than 资金拨入; the "
        "verb-complement shift (拨 v + 入) lowers it; a shift large enough would cost recall on injected look-alikes"
    ),
    "177_gequ_geci.txt": (
        "S102 稻 -> 程 (0.87) in a lyric's line 爷爷在河边种过稻，: 过程 is among the model's commonest words and 过稻 "
        "one it never met; 稻/程 is a pair of SIGHAN-13's writing table whose glyphs share 禾, so unlike_writing does "
        "not hold, and no feature reads a one-character verb's aspect particle (种过) before its object; a "
        "verb-过-object shift in spelling.py was not tried (the spelling stage is another session's work this round)"
    ),
    "209_jingju_changci.txt": (
        "S102 抠 -> 区 in an opera troupe's 条条唱腔都要对着老唱片一句一句地抠 (a verb ending its sentence "
        "after 地): 地区 is among the model's commonest words and 地抠 one it never met; 抠/区 share the 区 "
        "part, a look-alike an OCR table rightly holds (扌 lost), so protecting 抠 would cost the real misreads; "
        "no feature reads an adverbial 地 before a one-character verb closing its sentence"
    ),
    "144_duihua_chaguan.txt": (
        "D201 flag on a work song's line sung twice, “嘿哟，嘿哟，一二三，起！”“嘿哟，嘿哟，一二三，起！”: "
        "a quoted remark right after itself is the shape of a line read twice, which the training side "
        "injects (“不用谢。”“不用谢。”); letting all repeated remarks pass cost D201 list_flag_recall "
        "1.0 -> 0.9935"
    ),
    "242_fugao_aiqi.txt": (
        "R101 joins an obituary's mourners' list, closing on its signers' line 率曾孙、曾孙女等泣告, to the next block "
        "敬挽名单（以送达先后为序）： (0.84, the model +2.6): a block ending bare, then one line ending on a colon, is "
        "the shape of a sentence a page cut before its last clause (现将有关事项 / 通知如下：); no feature reads a "
        "list of kin (哀　子　沈建国…) above the bare line as a signature's rows (not tried this session)"
    ),
    "243_youeryuan_shipu.txt": (
        "S102 由 -> 田 (0.80) in 本园食谱由园保健医和营养师共同制定: 田园 is among the model's commonest words and "
        "由园 one it never met, and 由/田 a look-alike every OCR table rightly holds; no feature reads the frame "
        "由…共同制定 (由 the agent's preposition, its verb later in the clause) before the noun 园保健医"
    ),
    "254_baike_citiao.wrapped.txt": (
        "a wrap left unjoined in an encyclopedia's sub-entry, 文化　清河两岸流传着许多民间故事 / 和歌谣，…: its first "
        "line holds no mark and its head is set apart by a full-width space, a headline's shape (spaced, -3.0); "
        "exempting a head of two to four characters before a full-width space would take a two-halved headline "
        "(坚持改革　扩大开放) for running text"
    ),
    "255_zhuanti_xunwen.txt": (
        "S102 士 -> 王 (0.97) in 区人大常委会副主任士建民: 士 is a rare surname and a look-alike of the commonest, 王, "
        "in a name's place after a post, the very misread the rule is for; the page prints the name once, and "
        "protecting rare surnames after posts would keep 王 misread as 士 (spelling's calibration, not retuned)"
    ),
    "260_shuxin_mulu.wrapped.txt": (
        "wraps left unjoined in an archive's catalogue (001　侯千秋致侯千里　一九六 / 二年九月三日　钢笔，…, 6 of its "
        "63): a record's first line of fields parted by full-width spaces and no mark reads as a heading (spaced), "
        "and the next line opening on a field's tail and a full-width space (二年九月三日　) as an entry's head "
        "([paragraph_start]); before N104 kept full-width spaces it deleted 28 of them on this page and the wraps "
        "were joined. And a line ending on a full-width space (（农历正月初二）　 / 钢笔，…) is left unjoined"
    ),
    "292_youpiao_mulu.txt": (
        "D202 flag on a stamp set's face values, 2014-1　甲午年（马）　…　2枚　面值1.20元、1.20元: a list of two items "
        "the same is the shape of an item read twice, which the training side injects; the row's count (2枚) names one "
        "value a stamp, but no feature reads a count before a list of per-item values (not tried this session)"
    ),
    "297_yundonghui.txt": (
        "F101 flags on a sports meet's timetable (8:40　初中男子100米　预赛 … 14:40　初中男子800米): its rows end "
        "bare, so the schedule is one sentence, and two rows whose clock minutes and event open alike (40　初中男子) "
        "read as one item given 100米 and 800米; a clock time opening a line as a sentence break "
        "(quantities.SENTENCE_BREAK) raised the page's F101 flags from 2 to 5, as the checks across sentences then "
        "compared the rows; the distance in an event's name (男子100米) is read as a count"
    ),
    "309_kuaidi_wuliu.txt": (
        "R101 joins three rows of a parcel's tracking log (2025-11-07 22:41　【乌鲁木齐市】… "
        "下一站喀什转运中心 / 2025-11-08 09:12　…, 0.97; …电话：181＊＊＊＊6620 / "
        "2025-11-14 17:18　…, 0.99) and its last row to the paragraph after it (…本人签收 / "
        "记录里有两行…, 0.97): the rows end bare, the model supports each join (+2.0; 6620|2025 reads as a "
        "number cut, +2.6), and items_on_a_line wants four cells where a log's row has two. A [paragraph_start] "
        "pattern for a time-stamped row (date, clock time, a full-width space) lowered the joins (0.97 -> 0.81, "
        "0.99 -> 0.93) without stopping them (tried this session, not kept)"
    ),
    "310_jiakao_tiku.wrapped.txt": (
        "six wraps left unjoined inside a driving-test bank's lines of options, hard-wrapped at 16 "
        "(A．30公里/小时　B．40公里/小 / 时　C．50公里/小时…): a line of cells parted by full-width "
        "spaces reads as a table's row, whose line break is kept; no feature reads a choice question's options "
        "(A．… B．… C．…) cut by a column (not tried this session)"
    ),
    "262_zhongzi_mulu.txt": (
        "S102 禾 -> 米 (0.91) in a seed variety's name 千禾99: 千米 (kilometre) is far commoner to the model than the "
        "coined name, and 禾/米 a look-alike; no feature reads a unit word followed at once by a figure (千米99) as "
        "no unit (spelling's calibration, not retuned)"
    ),
    "318_zhuanjia_paiban.txt": (
        "D101 deletes a 上午 of 一周五个上午，上午上午都有号 (0.98): a two-character time word doubled to mean "
        "'every' is no established form (天天, 年年 are one character), so the page's own wording is doubtful and "
        "the deletion arguably right; the page keeps what was written before the first run"
    ),
    "319_jianshen_jihua.wrapped.txt": (
        "a wrap left unjoined (not even suggested) in a training plan hard-wrapped at 14, "
        "第一阶段（第1～4周）练动作： / 深蹲3组，每组12次；…: the line opens its block (the line before ends a "
        "sentence) and ends on a colon, "
        "the shape of a paragraph that introduces a list on its own lines (现将有关事项通知如下： / 一、…), "
        "whose break must stay; colon_clause reads a clause only where the line goes on past its colon (not "
        "tried this session; first seen when the page was re-wrapped from 15 to 14 characters a line)"
    ),
    "335_shenglv_duiyun.txt": (
        "S102 暑 -> 理 (0.82) in a rhyming primer's line 人间清暑殿，天上广寒宫。: 清理 is among the model's common "
        "words and 清暑殿 (a palace's name) one it never met; no feature reads a line's parallel half (清暑殿 against "
        "广寒宫, a name against a name) as a check on a correction (spelling's calibration, not retuned)"
    ),
    "342_chuanjiang_haozi.wrapped.txt": (
        "S102 怕 -> 们 (0.86) in 退休后，他怕号子失传，凭着记忆整理出…: 他们 is among the model's commonest words, "
        "and 他怕 before a clause (fearing that…) scores low against it; 怕 is among 们's look-alikes in "
        "rules/confusion_shape_rendered.tsv (spelling's calibration, not retuned)"
    ),
    "323_jiating_zhangben.txt": (
        "S102 土 -> 上 (0.84) in a ledger's cell 随礼（马土根家娶媳妇）: 马上 is among the model's commonest words "
        "and the name 马土根 is printed once, in no position names.toml reads (after a person noun or before a "
        "speech verb); 土/上 a look-alike every OCR table rightly holds (spelling's calibration, not retuned)"
    ),
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def modern_pages() -> list[object]:
    return [
        pytest.param(
            path,
            id=path.stem,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_FALSE_CHANGES[path.name])]
            if path.name in KNOWN_FALSE_CHANGES
            else [],
        )
        for path in sorted(MODERN.glob("*.txt"))
    ]


@pytest.mark.parametrize("path", modern_pages())
def test_a_modern_clean_page_gets_no_change_and_no_flag(pipeline: Pipeline, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    changes = pipeline.run(Document(path.stem, path.name, text)).changes
    wraps = hard_wraps(text) if WRAPPED_MARK in path.name else set()
    false = [
        f"{c.rule} {c.status.value} {text[max(0, c.start - 6) : c.end + 6]}: {c.before!r} -> {c.after!r}"
        for c in changes
        if c.status in (Status.APPLIED, Status.FLAGGED) and not is_expected_join(wraps, c)
    ]
    assert false == []
    joined = {c.start for c in changes if is_expected_join(wraps, c)}
    missed = [text[offset - 8 : offset + 8] for offset in sorted(wraps - joined) if not ends_a_sentence(text, offset)]
    assert missed == []


def test_the_modern_control_set_holds_hard_wrapped_pages() -> None:
    wrapped = sorted(MODERN.glob(f"*{WRAPPED_MARK}.txt"))
    assert len(wrapped) >= 4
    assert all(len(hard_wraps(path.read_text(encoding="utf-8"))) > 40 for path in wrapped)


def test_the_tally_counts_a_hard_wrapped_pages_joins_apart() -> None:
    text = "标题\n\n清河区推进数字乡村建\n设取得新进展。\n"
    wrap = text.index("\n设")
    join = Change("rejoin", "R102", "硬换行", wrap, wrap + 1, "\n", "", Status.APPLIED, 0.9)
    wrapped, flat = CleanTally(), CleanTally()
    wrapped.add("page.wrapped", text, [join])
    flat.add("page", text, [join])
    assert (wrapped.joined_wraps, wrapped.wraps, sum(wrapped.applied.values())) == (1, 1, 0)
    assert (flat.joined_wraps, flat.applied["R102"]) == (0, 1)


def test_the_modern_control_set_is_a_set_of_pages() -> None:
    pages = sorted(MODERN.glob("*.txt"))
    assert len(pages) >= 12
    assert sum(len(page.read_text(encoding="utf-8")) for page in pages) > 20_000


def test_the_tally_counts_fixes_by_rule_and_normalization_apart() -> None:
    text = "全市环境污染污染防治工作取得新进展１２项。"
    tally = CleanTally()
    tally.add("page", text, Pipeline().run(Document("page", "page.txt", text)).changes)
    assert tally.applied == {"D101": 1}
    assert tally.normalized == 1  # the full-width digits, one run: forms, not words
    assert tally.examples == ["D101 page: 全市环境污染[污染→]防治工作取得新进"]


def test_the_tally_shows_a_flag_among_its_examples_so_its_page_is_found_at_once() -> None:
    text = "会谈在友好的气氛中进行。\n\n双方表达了进一步发展两国友好合作关系的愿"
    tally = CleanTally()
    tally.add("page", text, Pipeline().run(Document("page", "page.txt", text)).changes)
    assert tally.flagged == {"L201": 1}
    assert tally.examples == ["L201 page: 展两国友好合作关[系的愿] (flag)"]


@pytest.mark.skipif(not CORPUS.is_file(), reason="the People's Daily corpus is not beside the project")
def test_eval_clean_reports_false_fixes_per_10k_characters() -> None:
    result = CliRunner().invoke(main, ["eval", "clean", "--corpus", str(CORPUS), "--split", "train", "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert "clean: 3 train newspaper pages, whole and correct, full profile" in result.output
    assert "applied (not normalize)" in result.output and "per 10k" in result.output


def test_eval_clean_names_a_missing_corpus(tmp_path: Path) -> None:
    missing = tmp_path / "none.jsonl"
    result = CliRunner().invoke(main, ["eval", "clean", "--corpus", str(missing)])
    assert result.exit_code == 1
    assert str(missing) in result.output


def test_eval_clean_reads_a_folder_of_plain_text_pages(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("全市环境污染污染防治工作取得新进展。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("今年以来，魏都区坚持不懈优化营商环境。", encoding="utf-8")
    (tmp_path / "notes.md").write_text("不是一页。", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "clean", "--folder", str(tmp_path), "--examples"])
    assert result.exit_code == 0, result.output
    assert f"clean: 2 pages of {tmp_path}, whole and correct, full profile" in result.output
    assert "by rule: D101 1" in result.output
    assert "D101 a.txt: 全市环境污染[污染→]防治工作取得新进" in result.output


def test_eval_clean_names_a_folder_without_pages(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "clean", "--folder", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path}: is not a folder of clean pages (*.txt)" in result.output
