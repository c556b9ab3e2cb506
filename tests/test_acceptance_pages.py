"""Acceptance pages (tests/pages) through the real default pipeline, scored as seed_check scores the seed.

One test per page and check: joins made, real breaks kept, doubled words removed (and nothing
else deleted), each gold flag found and no other flag raised, spelling corrections exactly the
gold's, text equal to the gold text. A known failure is a strict xfail on that page and check only (KNOWN_FAILURES).
"""

from __future__ import annotations

from functools import cache

import pytest

from acceptance import PAGES, checks_of
from cleaner.model import Document, Result
from cleaner.pipeline import Pipeline

# (page, check) -> why it still fails; strict, so a fix must remove the entry
EDITORIAL_LOOKALIKES = (
    "深人 -> 深入 is only suggested (0.58; gain 1.75 log10, and 人 stands elsewhere on the page); 分折 -> 分析 and "
    "热士 -> 热土 are applied now"
)
MISSED_016 = (
    "年未 (年末 misread) is never proposed, though 年末 stands four times on the page "
    "(nor alone: 年未全市总人口352万人): the character model gives 末 no gain over 未 there (-0.06 log10; the 1998 "
    "text has 多年未见, 百年未遇), so it stays under min_gain, and 来 (年来) is weighed instead"
)
MISSED_RU = (
    "一九四〇年人党 (入党 misread) is weighed (a frequent word site: frequent_word, frequent_joins) but stays under "
    "min_suggest 0.3: the character model gives 入 a gain of 0.73 log10 only, 大 is likelier by 1.08 (margin), and 人 "
    "stands elsewhere on the page (elsewhere, -1.56 in the calibration: on a page nearly every common character does); "
    "后来人党 alone gains -0.10 (来人 is a common pair)"
)
MISSED_MODUAN = (
    "未端 (末端 misread) is never proposed: 末 brings a gain of 0.77 only, under min_gain 1.5 (末端 is rare in the "
    "model's 1998 text)"
)
MISSED_029 = (
    "全部这到 -> 达到 passes the gate (gain 3.8) and is weighed, but the calibrated confidence stays under "
    "min_suggest 0.3 (这 is among the commonest characters), so it is not even suggested"
)
BADAI = (
    "橡胶坝坝袋 (a rubber dam's bag) loses a 坝: 坝袋 is in neither jieba's dictionary nor the corpus, so "
    "the pair reads as the seed's 橡胶坝坝 typo with the same model gain (4.4; the model knows neither "
    "坝袋 nor 坝紧); even listed, 橡胶坝 is too rare (frequency 3) for two words meeting to outweigh that "
    "gain. The one general sign measured, the character after the pair beginning no word (袋|进行 against "
    "紧急), cost too much as a doubt: eval duplicates --split training recall 0.9464 -> 0.9118 for any "
    "content character, 0.9383 for nouns and measure words (纪|内, 赏|课), with no wrong fix fewer"
)
MISSED_YI = (
    "该镇己开展 (已开展 misread) is suggested at 0.79, just under 0.8 (S102's adverb_slot_shift; gain 2.27 log10, "
    "margin only 0.52 over 山); 侯选人 -> 候选人 is applied"
)
PAGE_NUMBER_AFTER_SENTENCE = (
    "a page number (— 3 —) stands between two sentences of one paragraph (…参加各类社团活动。| — 3 — |初二学生…): "
    "the left half ends its sentence, so nothing on the page says the paragraph goes on (a cut right after a "
    "sentence end: eval rejoin recall 0.016), and R104 moves blocks only out of a cut sentence, so the page number "
    "stays in place and the break is kept"
)
SPELLING_025 = (
    "人学 (入学 misread, and 入学 stands on the page) is weighed with margin 0.07 only (大学 fits as well: "
    "新生大学) and stays under min_suggest; 期未 is never weighed: the character model gives 期末 no gain over "
    "期未 (-0.01 log10; its 1998 text has 长期未, 逾期未完成), under min_gain"
)
SPELLING_033 = (
    "建设中士地 (土地 misread) is weighed at 0.07 only: 中士 is a word (in_word 2, negative in the calibration), "
    "so the correction makes no new word (lexical 0), and 一 (中一地) is close behind (margin 0.9)"
)
SPELLING_044 = (
    "9月人伍 -> 入伍 is suggested at 0.7975, just under 0.8 (gain 2.2 log10, margin 0.53 over 他; frequent_word and "
    "frequent_joins read, but 人 stands elsewhere on the page)"
)
SPELLING_045 = (
    "侯车大厅 -> 候车 is suggested at 0.36, under the 0.8 threshold (0.68 while a word swapped for another took page "
    "evidence from runs across words: jieba lists 侯车, and 站候车 is no word) (spelling: another helper's, left alone)"
)

SPELLING_049 = (
    "引进入才 (人才 misread) is never examined: 入 and 才 are jointly likely enough (log10 -4.83, above the gate and "
    "frequent_word_gate -5.0), and the written 入 makes a word with 进 (进入), so it is no frequent word site either "
    "(gain 2.05 for 人); 太幅 -> 大幅 is applied now"
)
SPELLING_050 = (
    "入选 misread as 人选 (a word of its own) is never proposed. (抠细 of 一点一点地抠细, correct, a verb and its "
    "complement, is only suggested as 区细 now, 0.74: S102's verb_complement_shift)"
)

SPELLING_051 = (
    "己全部整改到位 -> 已 is suggested at 0.46 only, and 深人开展 (深入 misread, gain 4.97) is never proposed: it is "
    "protected as a term repeated on the page (人开展 twice, across a word's edge; 入开展 once, in 深入开展)"
)
SPELLING_055 = (
    "侯车亭 (候车亭 misread) is never proposed: jieba lists 侯车, so no word joins, and the character model's gain is "
    "0.94 log10 only (曰间照料中心 -> 日 is applied now)"
)
SPELLING_057 = (
    "就可以人职 (入职 misread) is never proposed: 入职 is no word of jieba's (nor of the 1998 model: 入 gains -0.35), "
    "so no frequent word site is read and no look-alike gains min_gain (spelling: another helper's, left alone)"
)
SPELLING_060 = (
    "千一行 (干一行 misread) is never proposed (己获得 -> 已获得 is applied now, 0.85: S102's adverb_slot_shift)"
)

SPELLING_066 = "己关停合并 (已 misread) is suggested at 0.68 only (S102's adverb_slot_shift; gain 2.2, 改 as close)"
SPELLING_068 = (
    "曰间照料中心 (日间 misread, as on page 055) and 幸福空问 (空间 misread) are never proposed on the page "
    "(spelling: another helper's, left alone)"
)
SPELLING_069 = (
    "我们绝下能 -> 绝不 is suggested at 0.32 on the page (0.70 alone; spelling: another helper's, left alone)"
)
SHORT_FIRST_LINE_070 = (
    "in the narrow columns the cut falls mid-line, so the right half's first line is short "
    "(层 / 每个项目, then 层签订… on the next line): layout reads it as a section label (L107), and R101 weighs "
    "right_section against the join; "
    "on a real page a column's first line is full, so the layout is this page's, and weakening the section signal "
    "would join real section labels"
)


def failing(page: str, why: str, *checks: str) -> dict[tuple[str, str], str]:
    """The known failures of `checks` on `page`, all for one cause."""
    return {(page, check): why for check in checks}


SPELLING_074 = (
    "软一点、谈一点 (淡 misread) is never weighed: no S102 change is proposed there (spelling: another helper's)"
)

SPELLING_076 = (
    "字体太、步骤少 (大 misread) is never proposed: the character model gives 大 a gain of 1.1 log10 only over 太 "
    "(字体 stands once in its training text, so 体太 and 体大 are both backed-off guesses), under min_gain 1.5 "
    "(spelling: another helper's, left alone)"
)

SPELLING_086 = "侯诊时间 (候诊 misread) is never proposed (spelling: another helper's, left alone)"
SPELLING_097 = (
    "一千二百余批次，己化解各类矛盾纠纷 (已化解 misread) is suggested at 0.72 only (S102's adverb_slot_shift; "
    "gain 2.05, 凶 and 山 close behind)"
)

SPELLING_126 = (
    "一年接着一年千 (干 misread, 干 a verb closing a four-character set phrase) is never proposed: no S102 finding "
    "in its sentence (spelling calibration: another helper's, left alone)"
)


BYLINE_BETWEEN_141 = (
    "another article's headline and byline (老字号里的新生意 / 本报记者 孙海涛) stand between 几位老人搬来 and "
    "小板凳,一边晒太阳…: R104 takes such a pair for blocks between the halves only where the right half's first words "
    "read on past byline_between_lm_start 1.5 (lm_start here -0.27: 小板凳 opens a paragraph about as well); below it "
    "the next article's lead cannot be told from a cut's rest (tuning fold: 117 of 170 leads join at 0.9 by the "
    "judge's confidence alone), so the break stays and the pair is not moved"
)

FIRST_WORDS_AFTER_SUBHEAD_145 = (
    "a paragraph's first words (用工是企业) stand alone under the subhead 稳岗扩岗 让企业用工“不发愁”, a running head "
    "between them and the rest (复工复产的关键。…): the layout reads the five characters as a section label, and the "
    "judge joins it at 0.20 only (left_section; lm_end 2.79, lm_start -0.13; no word across 企业|复工), nor across "
    "a bare break; a label under a subhead is a real shape, and no sign sets these words apart from one (tried, "
    "twenty-second session: L107 forbidden a copula between words, 用工是企业; the block is then a headline, L108, "
    "and the judge still neither joins nor suggests it across the bare break)"
)

SPELLING_151 = (
    "弧线球越过入墙 (人墙 misread) is weighed but stays under min_suggest: the character model gives 人 0.78 log10, "
    "大 is likelier by 1.01 (大墙), and 人 stands elsewhere on the page (人墙 is jieba's 37 times only; the site is "
    "read through 过人) (spelling calibration: another helper's, left alone)"
)
SPELLING_153 = (
    "每天用工100多入 (100多人 misread) is never proposed on the page; its sentence alone gets 入 -> 人 suggested at "
    "0.65 (gain 4.4 log10), under the 0.8 threshold (spelling calibration: another helper's, left alone)"
)
SPELLING_155 = (
    "与以往太拆大建不同 (大拆大建 misread) is never proposed: no S102 finding, on the page nor in its sentence alone "
    "(spelling calibration: another helper's, left alone)"
)
HEADLINE_SUBHEAD_BYLINE_155 = (
    "the next article's headline, its —— subhead and its byline stand between 新业态、新场景和新 and 活力，人气旺了:"
    " R104 takes the three for blocks between the halves now (a subhead under the headline, rejoin_bylines.py), but "
    "only where the right half's first words read on past byline_between_lm_start 1.5, and 活力 opens a paragraph "
    "about as well (lm_start 0.20), as on page 141: the break stays and the blocks are not moved"
)
SPELLING_156 = (
    "世界粮食计划署执行千事 (执行干事 misread) is never weighed: the character model's gain for 干 is 1.49 log10, just "
    "under min_gain 1.5 (于 1.07, 十 0.65); 千旱 -> 干旱 applied (spelling calibration: another helper's, left alone)"
)
SPELLING_162 = (
    "《论语》's 弟子入则孝 misread 弟子人则孝 is never weighed: in the classical quotation the character model prefers "
    "人 (入 loses 1.0 log10 over the window 记载：“弟子|则孝，出则弟), far under min_gain 1.5; 自已 -> 自己 is applied "
    "(spelling calibration: another helper's, left alone)"
)
SPELLING_167 = (
    "北向资金全天净买人 (净买入 misread) is suggested at 0.38 only on the page (gain 1.6 log10; 0.75 in its sentence "
    "alone), under the 0.8 threshold; 交易曰 -> 日 is applied (spelling calibration: another helper's, left alone)"
)
SPELLING_169 = (
    "有关负责入 (负责人 misread, the same way at both places the page prints the word) is never proposed on the page: "
    "a term the page prints twice is protected, and 负责人 stands nowhere else; its sentence alone gets 入 -> 人 "
    "applied at 0.99 (gain 4.5) (spelling: another helper's, left alone)"
)
SPELLING_170 = (
    "12月3日至6曰 (6日 misread) is suggested at 0.72 on the page (gain 6.1 log10; 0.93 in its sentence alone), under "
    "the 0.8 threshold; 12月5曰 -> 日 is applied (spelling calibration: another helper's, left alone)"
)
RUNNING_HEAD_AFTER_SENTENCE_171 = (
    "a running head (青原日报 2026年1月16日 第2版) stands between two sentences of one hard-wrapped paragraph "
    "(…出门方便多了。| running head |她希望…): as on 025, the left half ends its sentence, so nothing on the page says "
    "the paragraph goes on (its last line fills the column, as one paragraph's last line in some fourteen does; "
    "eval rejoin --split train: wrap-after-sentence recall 0.03), and R104 moves blocks only out of a cut sentence, "
    "so the running head stays in place and the break is kept (the injector's wrap mode, unlike its other cuts, "
    "may cut at a line end after a sentence's end); on this very page a paragraph that does end, 他说，去年公司研发"
    "投入增长了 / 三成，今年还要再上一个台阶。, ends on a full line as well, so the full line is no sign either"
)

# The confidences quoted are those measured when each entry was written; a later change of the spelling
# stage's calibration (the frequent-pair prior) moved some of them, not past the threshold.
SPELLING_176 = (
    "这型火箭己连续十五次 (已 misread) is suggested at 0.55 only, under the confidence that applies (as 021's "
    "该镇己开展, suggested at 0.79)"
)
TABLE_ROW_CUT_177 = (
    "a price table's row cut between its figure and its change (猪肉（精瘦肉） 每斤15.80元 | 环比上涨2.6%): each row "
    "of the table stands alone and ends bare, so the left half reads as one whole row and the right as another; "
    "nothing on the page tells a row cut in two from two rows"
)
LIST_ENDING_IN_DENG_178 = (
    "a list of honoured bodies under a numbered heading ends on 等 with no stop (…桃源镇中心小学等), and R101 joins it "
    "to the next paragraph (在乡村学校任教的…; 左段形似短标题或断句前半, +2.1): 等 at a line's end as often "
    "leaves a sentence cut (…等单位受到表彰), so it alone does not tell a list line from a cut sentence"
)
SPELLING_181 = (
    "截至6月未 (末 misread) is suggested at 0.51 only, under the confidence that applies (016's 年未 is never proposed)"
)
CAPTION_THEN_RUNNING_HEAD_182 = (
    "a caption stands in a cut sentence (…北山镇的主干 | caption | 道。…) whose paragraph a running head (— 4 —) cuts "
    "again further on: R101 joins 主干 to the caption as running text (+2.9; L111 lets a credited caption after a "
    "break be a cut caption's second half) instead of R104 moving it (+5.8 with the running head's line taken "
    "out), so the caption stays inside the paragraph"
)
DONOR_ROW_182 = (
    "the roll's last row (不愿留名的爱心人士 2000元) is joined to the note after it (以上捐赠已全部用于…): the "
    "character model reads 2000元以上 as one phrase (R101: 左段形似标题, +3.8), and a row ending bare on a figure "
    "looks like a cut"
)
SPELLING_184 = (
    "安检和侯车时间 (候 misread) is never proposed: no S102 change is suggested there, though 候/侯 is in the OCR table"
)
F_185 = (
    "农民工工资共计41.6万元 … 代为支付了拖欠的农民工工资共计46.1万元, in two sentences: repeated_across reads the "
    "later label as its whole clause (何某的家属代为支付了拖欠的农民工工资), so it meets no earlier label; the earlier "
    "label is cut by the count before it (二十三名), and the two differ by digits swapped across the decimal point "
    "(416, 461), which repeated_short does not read as a slip: read so (tried, figures23), it flags "
    "大桥全线长12.6公里。清江三桥全线长16.2公里, a rule example of two bridges"
)
SPELLING_185 = "醉驾人刑以来 (入刑 misread) is never proposed: no S102 change is suggested there"
F_186 = (
    "今年耕地地力保护补贴标准为每亩105元；全县耕地地力保护补贴标准为每亩150元: the labels open differently "
    "(今年 against 全县), which parts them as two items; with both opening alike the pair is flagged (F101)"
)
SPELLING_186 = (
    "迸一步 (进一步 misread) is never proposed: 迸/进 is in no shape table; 迸 -> 并 is suggested instead (0.79)"
)
UNREAD_UNITS = (
    "{what}: the figures stage extracts no figure there ({unit}), so the two values of one item are never "
    "compared; adding such a unit for one page's sake was not tried"
)
SPELLING_187 = "拭题 (试题 misread) is never proposed, though 拭/试 is in pycorrector's shape table"
SPELLING_188 = "锯介绍 (据介绍 misread, opening a paragraph) is never proposed, though 锯/据 is in the shape tables"
DEGREE_REPEAT = (
    "{what} is only suggested (0.79): the reduplication format degree-repeat (rules/reduplication.toml) reads it "
    "as a degree word said twice for emphasis (很远很远, 非常非常重要), whose deletion is capped at a suggestion{more}"
)
DUPLICATE_189 = DEGREE_REPEAT.format(
    what="很长时间很长时间",
    more="; 很长时间 runs on into a noun, but nothing tells 长时间 from an adjective (很高兴很高兴)",
)
SPELLING_189 = "自汀停药 (自行 misread) is never proposed: 汀/行 is in no shape table"
F_190 = (
    "处五万元以下的罚款；…处十万元以下的罚款: each figure's label is 处 alone (the clause opens at the comma; the "
    "condition stands in the clause before, the fine, 罚款, after the figure), too short to pair, and 以下 makes each "
    "figure a bound, which is never compared (罚款5万元；…罚款10万元 is not flagged either)"
)
SPELLING_190 = "木域 (水域 misread) is never proposed, though 木/水 is in the shape tables"
DUPLICATE_191 = DEGREE_REPEAT.format(
    what="图书打八折，非常非常实惠",
    more=(
        ": the form is that of the rule's protected 这是一个非常非常重要的问题, so this page's doubling "
        "cannot be told from it"
    ),
)
RUNS_ON_AFTER_COPY = (
    "{what}: the second copy runs on into the sentence ({rest}), so the two items are not alike; a first item "
    "ending in what the next opens on (农村集体经济组织、农村集体经济组织成员) is often correct, so it is left"
)
SPELLING_191 = "免费人场 (入场 misread) is never proposed (挺 -> 只 is suggested elsewhere, 0.36)"
L_193 = RUNS_ON_AFTER_COPY.format(what="应聘者请携带本人身份证、本人身份证到…面试", rest="到东湖市解放大道218号…")
SPELLING_193 = "出牛医学证明 (出生 misread) is never proposed, though 牛/生 is in the shape tables"
F_195 = UNREAD_UNITS.format(
    what="跑出了11秒08的成绩；…11秒80的成绩",
    unit="秒 inside the figure (11秒08) makes no figure, and 秒 is no unit of units.tsv",
)
SPELLING_196 = (
    "利用午体时间 (午休 misread; a caption stood between 利用 and 午体 on the page) is never proposed, though 休/体 is "
    "in the shape tables: 午 -> 人 (人体) is suggested instead, 0.33 (spelling: another helper's, left alone)"
)
F_198 = (
    "截至6月16日，全县已收购新麦6.4万吨，收购进度快于去年同期。截至6月16日，全县已收购新麦4.6万吨: repeated_next "
    "takes only a sentence that opens on the label, and this one opens on its date; 截至 and 6月 are periods between "
    "(period_between), and so is the comparison 快于去年同期 (compared_period reads 比/较/由/从 only); the same date "
    "opening both sentences was not read as one period (not tried)"
)
SPELLING_198 = (
    "卖了个好价钱 misread 买了个好价钱 is never proposed (买 is a word of its own there); 烘千机 (烘干机) gets "
    "千 -> 手 suggested (0.47: 烘手机 is a word too) instead of 干 (spelling: another helper's, left alone)"
)
SPELLING_199 = (
    "何建平视愿新人 (祝愿 misread) is never proposed, though 视/祝 is in the shape tables (spelling: another helper's)"
)
SPELLING_200 = (
    "叁与群众 (参与 misread) is never proposed: 叁/参 is in none of rules/confusion_*.tsv (spelling: another helper's)"
)
SPELLING_201 = (
    "演出还末开始 (还未 misread) is never proposed, though 末/未 is in the shape tables (016's 年未, the other way "
    "round, is never proposed either) (spelling: another helper's, left alone)"
)
L_204 = RUNS_ON_AFTER_COPY.format(what="让农村老年人在家门口、在家门口就能上学", rest="就能上学")
SPELLING_204 = (
    "老年人己达9.6万人 -> 已 is suggested at 0.73 only (S102's adverb_slot_shift, as 021's 该镇己开展), and "
    "计更多老年人 (让 misread) is never proposed: 计/让 is in none of rules/confusion_*.tsv (spelling: another "
    "helper's, left alone)"
)

SPELLING_206 = (
    "经济乎稳运行 -> 平稳 is suggested at 0.73, under 0.8 (乎/平 is in confusion_shape_rendered.tsv) (spelling: "
    "another helper's, left alone)"
)
ABAB_207 = (
    "出台扶持政策，鼓励鼓励茶农 keeps its doubled verb: a two-character verb said twice (ABAB, 研究研究) is the "
    "tentative form, a reduplication pattern that protects the pair, and nothing on the page says this register "
    "(a policy's wording) has no room for it"
)
RANGE_207 = (
    "鲜叶收购价每斤在80元至120元之间；…每斤在60元至120元之间: both figures are ranges (80元至120元), which are no "
    "exact counts and are never compared, and the labels differ (今年 before the first); the per-unit label opens on "
    "鲜叶收购价 either way"
)
DASH_FOR_ONE = (
    "{what} (一 read as a dash, —) is never proposed: —/一 is in none of rules/confusion_*.tsv, and a dash between "
    "two Han characters is also the range mark of a route or a period (火车站—人民路), so normalize leaves it"
)
SPELLING_207 = DASH_FOR_ONE.format(what="手指在枝头上下翻飞，—芽一叶") + "; 齐 -> 上 is suggested elsewhere (0.74)"
SPELLING_208 = (
    "车站服务合查询 (服务台 misread) is never proposed, though 合/台 is in confusion_shape_rendered.tsv (spelling: "
    "another helper's, left alone)"
)
SPELLING_209 = (
    "如力提效 (加力 misread; 如/加 in two shape tables) is never proposed, and 安照 (按照 misread) is suggested at 0.5 "
    "only (安/按 is in confusion_shape_sighan13_simp.tsv) (spelling: another helper's, left alone)"
)
SPELLING_210 = (
    "人社农户 (入社 misread; 人/入 in three shape tables) is never proposed (as 019's 人党 and 025's 人学: 人 stands "
    "everywhere on a page), and 让村民再家门口就业 (在 miswritten) is a sound-alike, in no shape table"
)
SPELLING_211 = (
    "坪定信用等级 (评定 misread; 坪/评 in two shape tables) is never proposed; 坪 -> 否 is suggested instead (0.39) "
    "(spelling: another helper's, left alone)"
)
F_212 = (
    "南湖风景区8天共接待游客86.2万人次；南湖风景区接待游客68.2万人次: the first label is cut at its own figure (8天), "
    "so the two labels are not compared as one item (the later one says less: no 8天共)"
)
L_212 = (
    "检查旅游企业和经营场所312家次、经营场所312家次: the count after the copy (312家次) is read as one summing the "
    "list up (LIST_COUNT), so the second item is 经营场所 alone, which the first (…经营场所312家次) does not end in"
)
SPELLING_212 = (
    "古全天客流量的六成 (占 misread; 古/占 in confusion_shape_rendered.tsv) is never proposed (spelling: another "
    "helper's, left alone)"
)
L_213 = (
    "建设路沿线小区、建设路沿线小\n区: the copy is cut by the column's hard wrap, which ends an enumeration's item "
    "(ENUMERATION stops at a line break), and a list of two whole clauses alike is read as one cried out (告急、告急)"
)
SPELLING_213 = (
    "甩水可能延迟 -> 用水 is suggested at 0.66, under 0.8 (甩/用 in three shape tables) (spelling: another helper's, "
    "left alone)"
)
CLAUSE_TWICE_214 = (
    "有的进了工厂，成为技术骨干；有的进了工厂，成为技术骨干: a clause of a parallel 有的… series given twice in a row "
    "is deleted as a doubled phrase (D301), where the gold marks it a repeated list item to flag; an editor might "
    "well delete it too (the page's gold is arguable here)"
)
SPELLING_215 = (
    DASH_FOR_ONE.format(what="最大的—个设在城南体育中心")
    + "; 猪肉摊前俳起了长队 -> 排 is suggested at 0.4 only (俳/排 in confusion_shape_sighan13_simp.tsv)"
)

DOUBLED_216 = (
    "赶赶得正是时候 -> 赶得 is only suggested (D102 at 0.79: deleting gains 3.9 in the language model, but 赶赶 is "
    "in the word list, read as a reduplication)"
)
SPELLING_216 = (
    "灌区东千渠 (干渠 misread; 千/干 in confusion_shape_ocr.tsv and confusion_shape_rendered.tsv) is not even "
    "suggested, though 干渠 stands twice on the page (spelling: another helper's, left alone)"
)
SPELLING_217 = (
    "土资都发不出来 (工资 misread) is never proposed: 土/工 is in none of rules/confusion_*.tsv; 明年年未投产 -> 末 "
    "is suggested at 0.79, just under 0.8 (spelling: another helper's, left alone)"
)
SPELLING_218 = (
    "蜂蜜、士鸡蛋 (土鸡蛋 misread; 士/土 in three shape tables) is not even suggested: an enumeration's item, 士 "
    "makes no word with its neighbours either way (spelling: another helper's, left alone)"
)
SPELLING_220 = "惠及衣户3.1万户 -> 农户 is suggested at 0.75, under 0.8 (spelling: another helper's, left alone)"
SPELLING_221 = DASH_FOR_ONE.format(what="其中规模最大的—座砖室墓")
SPELLING_222 = (
    "就近人园 (入园 misread; 人/入 in three shape tables) and 于6月未在…公布 (6月末 misread) are not even "
    "suggested (spelling: another helper's, left alone)"
)
SPELLING_223 = (
    "侧柏、剌槐、油松苗 (刺槐 misread; 剌/刺 in confusion_shape_sighan13_simp.tsv) is not even suggested "
    "(spelling: another helper's, left alone)"
)
F_224 = (
    "共受理消费者投诉8642件…；全年共受理投诉8462件: the restated label leaves out 消费者, so the two counts end "
    "in different labels (受理消费者投诉, 受理投诉) and are never paired, though their digits are the same swapped"
)
SPELLING_225 = (
    "6个土种 (工种 misread) is never proposed: 土/工 is in none of rules/confusion_*.tsv (spelling: another "
    "helper's, left alone)"
)

SPELLING_226 = (
    "人队志愿者 (入队 misread; 人/入 in three shape tables) is never proposed: the character model prefers 人 there "
    "(入 gains -0.70 log10) (spelling: another helper's, left alone)"
)
SPELLING_227 = (
    "持续到12月未 (12月末 misread) is never weighed: 末 gains 0.81 log10 only, under min_gain 1.5 (as 016's 年未) "
    "(spelling: another helper's, left alone)"
)
SPELLING_228 = (
    "“县领导包乡、乡千部包村、防疫员包户” (干部 misread, gain 4.22 log10) is never proposed: a quoted slogan with no "
    "sentence's mark is protected as written (spelling_protect.QUOTED); 提前由领疫苗 (申领 misread) gains -1.42 "
    "(spelling: another helper's, left alone)"
)
SPELLING_229 = (
    "一条重这31斤的胖头鱼 (重达 misread; 这/达 in confusion_shape_rendered.tsv) passes the gate (gain 1.69 log10, "
    "min_gain 1.5) but is not even suggested (as 029's 这到) (spelling: another helper's, left alone)"
)
SPELLING_230 = (
    "一直千到凌晨 (干 misread) is suggested at 0.73, under 0.8 (gain 4.51 log10) (spelling: another helper's, "
    "left alone)"
)
SPELLING_231 = (
    "称重，母一道工序 (每 misread, gain 2.58 log10) is not even suggested, and 散养士鸡 (土鸡 misread) gains 0.09 only "
    "(as 218's 士鸡蛋) (spelling: another helper's, left alone)"
)
SPELLING_232 = (
    "直是一举两得 (真是 misread; 直/真 in confusion_shape_sighan13_simp.tsv, gain 2.38 log10) is not even suggested "
    "(spelling: another helper's, left alone)"
)
SPELLING_233 = (
    "控制风险，井依法予以查处 (并 misread, gain 1.59 log10, just over min_gain) is not even suggested (spelling: "
    "another helper's, left alone)"
)
SPELLING_234 = (
    "截至2026年未 (年末 misread; 末 gains 3.82 log10) is never examined: 未 after 年 is not unlikely enough "
    "(log10 -5.28, above gate_surprise -5.5, and no frequent word site) (spelling: another helper's, left alone)"
)
DOUBLED_234 = (
    "“一网一网通办” (一网通办 with 一网 read twice) is kept: 一X一X is a legitimate reduplication (一家一家地上门, "
    "一株一株地找, on pages 227 and 235), and nothing but the set term 一网通办 after it tells this one apart"
)

KNOWN_FAILURES: dict[tuple[str, str], str] = {
    **failing("013_pinglun", EDITORIAL_LOOKALIKES, "spelling", "text"),
    **failing("016_tongjigongbao", MISSED_016, "spelling", "text"),
    **failing("019_zhuiji", MISSED_RU, "spelling", "text"),
    **failing("021_dangjian", MISSED_YI, "spelling", "text"),
    **failing("025_jiaoyu", PAGE_NUMBER_AFTER_SENTENCE, "joins", "breaks"),
    **failing("025_jiaoyu", SPELLING_025, "spelling"),
    **failing("025_jiaoyu", PAGE_NUMBER_AFTER_SENTENCE + "; " + SPELLING_025, "text"),
    **failing("027_yuanqu", MISSED_MODUAN, "spelling", "text"),
    **failing("029_huanbao", BADAI, "duplicates"),
    **failing("029_huanbao", MISSED_029, "spelling"),
    **failing("029_huanbao", MISSED_029 + "; " + BADAI, "text"),
    **failing("033_huiyi", SPELLING_033, "spelling", "text"),
    **failing("044_junying", SPELLING_044, "spelling", "text"),
    **failing("045_chunyun", SPELLING_045, "spelling", "text"),
    **failing("049_gaizhi", SPELLING_049, "spelling", "text"),
    **failing("050_saishi", SPELLING_050, "spelling", "text"),
    **failing("051_lianzheng", SPELLING_051, "spelling", "text"),
    **failing("055_shishi", SPELLING_055, "spelling", "text"),
    **failing("057_jiuye", SPELLING_057, "spelling", "text"),
    **failing("060_huojiang", SPELLING_060, "spelling", "text"),
    **failing("066_jianfu", SPELLING_066, "spelling", "text"),
    **failing("068_gengxin", SPELLING_068, "spelling", "text"),
    **failing("069_fangxun", SPELLING_069, "spelling"),
    **failing("069_fangxun", SPELLING_069, "text"),
    **failing("070_gengdi", SHORT_FIRST_LINE_070, "joins", "text"),
    **failing("074_yanglao", SPELLING_074, "spelling", "text"),
    **failing("076_yiwangtongban", SPELLING_076, "spelling", "text"),
    **failing("086_yigongti", SPELLING_086, "spelling", "text"),
    **failing("097_xinfang", SPELLING_097, "spelling", "text"),
    **failing("126_rongmeiti", SPELLING_126, "spelling", "text"),
    **failing("141_chengshigengxin", BYLINE_BETWEEN_141, "joins", "breaks", "text"),
    **failing("145_fugongfuchan", FIRST_WORDS_AFTER_SUBHEAD_145, "joins", "breaks", "text"),
    **failing("151_zuqiuliansai", SPELLING_151, "spelling", "text"),
    **failing("153_hezuoshe", SPELLING_153, "spelling", "text"),
    **failing("155_liangpianbaodao", HEADLINE_SUBHEAD_BYLINE_155, "joins", "breaks"),
    **failing("155_liangpianbaodao", SPELLING_155, "spelling"),
    **failing("155_liangpianbaodao", HEADLINE_SUBHEAD_BYLINE_155 + "; " + SPELLING_155, "text"),
    **failing("156_guojixinwen", SPELLING_156, "spelling", "text"),
    **failing("162_lilunwenzhang", SPELLING_162, "spelling", "text"),
    **failing("167_gushihangqing", SPELLING_167, "spelling", "text"),
    **failing("169_zhengcejiedu", SPELLING_169, "spelling", "text"),
    **failing("170_tiyuzongshu", SPELLING_170, "spelling", "text"),
    **failing("171_difanglianghui", RUNNING_HEAD_AFTER_SENTENCE_171, "joins", "breaks", "text"),
    **failing("176_huojianfashe", SPELLING_176, "spelling", "text"),
    **failing("177_nongchanpinjiage", TABLE_ROW_CUT_177, "joins", "text"),
    **failing("178_jiaoyubiaozhang", LIST_ENDING_IN_DENG_178, "breaks", "text"),
    **failing("181_xianyujingji", SPELLING_181, "spelling", "text"),
    **failing("182_juanzengmingdan", CAPTION_THEN_RUNNING_HEAD_182, "joins"),
    **failing("182_juanzengmingdan", CAPTION_THEN_RUNNING_HEAD_182 + "; " + DONOR_ROW_182, "breaks", "text"),
    **failing("184_tielukaitong", SPELLING_184, "spelling", "text"),
    **failing("185_fayuansudi", F_185, "flag-inconsistent_figures"),
    **failing("185_fayuansudi", SPELLING_185, "spelling", "text"),
    **failing("186_chungengshengchan", F_186, "flag-inconsistent_figures"),
    **failing("186_chungengshengchan", SPELLING_186, "spelling", "text"),
    **failing("187_zhongkaochengji", SPELLING_187, "spelling", "text"),
    **failing("188_kejiguan", SPELLING_188, "spelling", "text"),
    **failing("189_yizhen", DUPLICATE_189, "duplicates"),
    **failing("189_yizhen", SPELLING_189, "spelling"),
    **failing("189_yizhen", DUPLICATE_189 + "; " + SPELLING_189, "text"),
    **failing("190_jinyutonggao", F_190, "flag-inconsistent_figures"),
    **failing("190_jinyutonggao", SPELLING_190, "spelling", "text"),
    **failing("191_tushuzhan", DUPLICATE_191, "duplicates"),
    **failing("191_tushuzhan", SPELLING_191, "spelling"),
    **failing("191_tushuzhan", DUPLICATE_191 + "; " + SPELLING_191, "text"),
    **failing("193_fenleixinxi", L_193, "flag-repeated_list_item"),
    **failing("193_fenleixinxi", SPELLING_193, "spelling", "text"),
    **failing("195_yundonghui", F_195, "flag-inconsistent_figures"),
    **failing("196_wuchangxianxue", SPELLING_196, "spelling", "text"),
    **failing("198_xialiangshougou", F_198, "flag-inconsistent_figures"),
    **failing("198_xialiangshougou", SPELLING_198, "spelling", "text"),
    **failing("199_jitihunli", SPELLING_199, "spelling", "text"),
    **failing("200_fangzhenyanlian", SPELLING_200, "spelling", "text"),
    **failing("201_songxixiaxiang", SPELLING_201, "spelling", "text"),
    **failing("204_laoniandaxue", L_204, "flag-repeated_list_item"),
    **failing("204_laoniandaxue", SPELLING_204, "spelling", "text"),
    **failing("206_gangkoutuntu", SPELLING_206, "spelling", "text"),
    **failing("207_chunchacaizhai", ABAB_207, "duplicates"),
    **failing("207_chunchacaizhai", RANGE_207, "flag-inconsistent_figures"),
    **failing("207_chunchacaizhai", SPELLING_207, "spelling"),
    **failing("207_chunchacaizhai", ABAB_207 + "; " + SPELLING_207, "text"),
    **failing("208_liechetiaotu", SPELLING_208, "spelling", "text"),
    **failing("209_yusuanbaogao", SPELLING_209, "spelling", "text"),
    **failing("210_zhucunshuji", SPELLING_210, "spelling", "text"),
    **failing("211_nongxinshe", SPELLING_211, "spelling", "text"),
    **failing("212_guoqinglvyou", F_212, "flag-inconsistent_figures"),
    **failing("212_guoqinglvyou", L_212, "flag-repeated_list_item"),
    **failing("212_guoqinglvyou", SPELLING_212, "spelling", "text"),
    **failing("213_tingshuitongzhi", L_213, "flag-repeated_list_item"),
    **failing("213_tingshuitongzhi", SPELLING_213, "spelling", "text"),
    **failing("214_zhanyouhui", CLAUSE_TWICE_214, "duplicates", "flag-repeated_list_item", "text"),
    **failing("215_nianhuoshichang", SPELLING_215, "spelling", "text"),
    **failing("216_chunguanfangshui", DOUBLED_216, "duplicates"),
    **failing("216_chunguanfangshui", SPELLING_216, "spelling"),
    **failing("216_chunguanfangshui", DOUBLED_216 + "; " + SPELLING_216, "text"),
    **failing("217_mianfangchang", SPELLING_217, "spelling", "text"),
    **failing("218_kuaidijincun", SPELLING_218, "spelling", "text"),
    **failing("220_nongwanggaizao", SPELLING_220, "spelling", "text"),
    **failing("221_hanmuqun", SPELLING_221, "spelling", "text"),
    **failing("222_youeryuanzhaosheng", SPELLING_222, "spelling", "text"),
    **failing("223_yiwuzhishu", SPELLING_223, "spelling", "text"),
    **failing("224_xiaofeitousu", F_224, "flag-inconsistent_figures"),
    **failing("225_jinengdasai", SPELLING_225, "spelling", "text"),
    **failing("226_haishangsoujiu", SPELLING_226, "spelling", "text"),
    **failing("227_baokanshouding", SPELLING_227, "spelling", "text"),
    **failing("228_qinchufangyi", SPELLING_228, "spelling", "text"),
    **failing("229_dongbu", SPELLING_229, "spelling", "text"),
    **failing("230_chuxuesaoxue", SPELLING_230, "spelling", "text"),
    **failing("231_chunjianshougou", SPELLING_231, "spelling", "text"),
    **failing("232_dianyingxiaxiang", SPELLING_232, "spelling", "text"),
    **failing("233_shipinchoujian", SPELLING_233, "spelling", "text"),
    **failing("234_gongjijinbaogao", SPELLING_234, "spelling"),
    **failing("234_gongjijinbaogao", DOUBLED_234, "duplicates"),
    **failing("234_gongjijinbaogao", DOUBLED_234 + "; " + SPELLING_234, "text"),
}


@cache
def cleaned(name: str) -> Result:
    """The page as the default pipeline (full profile, every stage) cleans it, once per session."""
    page = PAGES[name]
    return default_pipeline().run(Document(name, f"{name}.txt", page.text))


@cache
def default_pipeline() -> Pipeline:
    """One pipeline for every page, built on first use: engines load once."""
    return Pipeline()


def cases() -> list:
    params = []
    for name, page in PAGES.items():
        for check_id, check in checks_of(page):
            why = KNOWN_FAILURES.get((name, check_id))
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            params.append(pytest.param(name, check, id=f"{name}-{check_id}", marks=marks))
    return params


def test_there_are_acceptance_pages_with_every_defect() -> None:
    golds = [page.gold for page in PAGES.values()]
    assert len(golds) >= 40
    flag_types = {flag["type"] for gold in golds for flag in gold["flags"]}
    assert flag_types == {"repeated_list_item", "inconsistent_figures", "truncated_ending"}
    assert any(not gold["duplicates"] and not gold["flags"] and not gold.get("spelling") for gold in golds)  # a control


@pytest.mark.parametrize(("name", "check"), cases())
def test_page(name: str, check) -> None:
    result = cleaned(name)
    outcome = check(result.text, result.changes)
    assert outcome.ok, f"{name}: {outcome.name}: {outcome.detail}"
