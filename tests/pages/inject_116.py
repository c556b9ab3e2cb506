"""Write the marked sources of pages 116-120 and 126-170 from clean drafts, with defects at seeded random positions.

The pages were written clean (`clean/NNN_name.clean`: blocks on blank lines, no defect), then damaged here so
that no writer chose where a defect falls: a cut at a random character of a random running-text paragraph
(never right after a sentence's end, which no reader could tell from a paragraph break), one cut per page of a
kind drawn from the positions a writer avoids (inside a number, between a figure and its unit, right after an
opening quote, right before a closing quote or a punctuation mark), some cuts with a running head, a page
number or a caption between the halves, doubled spans of 2-4 Han characters drawn anywhere (across word
boundaries too), a repeated inner item of a 、-list or a run of quoted names, a ledger label given a second
count after its clause, a look-alike character on two pages only, and an ending cut at a random point. A
hard-wrapped page is wrapped after the defects go in and cut where a line ends, as a column break falls.

    python tests/pages/inject_116.py
    python tests/pages/make_gold.py tests/pages/11[6-9]_*.marked tests/pages/120_*.marked
    python tests/pages/make_gold.py tests/pages/12[6-9]_*.marked tests/pages/13[0-5]_*.marked
    python tests/pages/make_gold.py tests/pages/13[6-9]_*.marked tests/pages/140_*.marked
    python tests/pages/make_gold.py tests/pages/14[1-5]_*.marked
    python tests/pages/make_gold.py tests/pages/14[6-9]_*.marked tests/pages/150_*.marked
    python tests/pages/make_gold.py tests/pages/15[1-5]_*.marked
    python tests/pages/make_gold.py tests/pages/15[6-9]_*.marked tests/pages/160_*.marked
    python tests/pages/make_gold.py tests/pages/16[1-5]_*.marked
    python tests/pages/make_gold.py tests/pages/16[6-9]_*.marked tests/pages/170_*.marked
    python tests/pages/make_gold.py tests/pages/17[1-5]_*.marked

(168 and 173, clean controls with real breaks only, are marked by hand: a plan always cuts at least once.)

>>> wrap("甲乙丙丁戊", 2)
'甲乙\\n丙丁\\n戊'
>>> wrap("甲〔乙丙〕丁", 3)
'甲\\n〔乙丙〕\\n丁'
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
HAN = re.compile(r"[\u4e00-\u9fff]")
SENTENCE_END = "。！？"
CLOSING = "”’"
MARGIN = 7  # no two defects this near each other: each boundary's recorded sides read as printed
LOOKALIKES = {"未": "末", "末": "未", "已": "己", "己": "已", "日": "曰", "入": "人", "人": "入", "土": "士",
              "士": "土", "千": "干", "干": "千", "候": "侯", "大": "太", "析": "折"}  # fmt: skip
UNITS = "万元|亿元|公里|万亩|亩|个|家|人|名|件|处|所|项|场|次|户|份|本|宗|套|枚|起|篇|期|套"
COUNT = re.compile(
    rf"(?<=[，,；;：:。])(?P<label>[\u4e00-\u9fff]{{3,14}}?)(?P<n>\d+(?:\.\d+)?)(?P<unit>{UNITS})(?=[，,；;。])"
)
LABEL_PREFIX = re.compile(r"^(?:截至目前)?(?:全县|全区|全镇|该县|该区|我区)?(?:共|累计|已)?")
ENUM = re.compile(r"(?:[\u4e00-\u9fff]{2,8}、){2,}[\u4e00-\u9fff]{2,8}")
QUOTED = re.compile(r"“[\u4e00-\u9fff]{2,8}”")
QUOTED_RUN = re.compile(r"(?:“[\u4e00-\u9fff]{2,8}”){2,}")
NO_LINE_START = set("，。、；：？！”）…,;:")  # a column hangs these at the line's end rather than open a line
SPECIAL_CUTS = ("number", "figure_unit", "after_open_quote", "before_close_quote", "before_punct")
QUOTED_NAMES = re.compile(r"“[\u4e00-\u9fff]{2,12}”(?:、?“[\u4e00-\u9fff]{2,12}”)+")  # a list of quoted names
HANZI_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Plan:
    """What one page gets."""

    cuts: int
    debris: tuple[str, ...]  # blocks set between the halves of the first len(debris) cuts
    doubled: int = 0
    lists: int = 0
    figures: int = 0
    ending: bool = False
    lookalikes: int = 0
    wrap: int = 0  # hard-wrap running text at this width (0: no wrap)
    half_width: bool = False  # the page prints , ; : as the seed does
    cut_kinds: tuple[str, ...] = ()  # the special kinds of the first cuts (else one drawn from SPECIAL_CUTS)
    headline_doubled: int = 0  # doubled spans in the lines of a headline pair (a title and its —— subtitle)
    figure_style: str = ""  # the second count: as the first, "yi" a 万元 count in 亿元, "hanzi" in Chinese numerals


# A two-column spread read across: a column's last line goes on at the top of the next block, after the page's
# running head AND a picture caption (one debris entry, two blocks: make_gold moves them after the paragraph together)
SPREAD_132 = "青川日报 2022年6月17日 第2版\n\n区政务服务中心“综合受理”窗口，工作人员为企业办理开办手续。 李静 摄"

# The seed's own debris: the headline and byline of another article set between a cut sentence's halves
NEXT_ARTICLE_141 = "老字号里的新生意\n\n本报记者 孙海涛"
NEXT_ARTICLE_143 = "护河志愿者的一天\n\n本报通讯员 赵文静"

# A feature jumped to another page: the jump line at the first page's foot, the next page's running head, its jump line
JUMP_148 = "（下转第二版）\n\n青峰日报 2025年6月20日 第2版\n\n（上接第一版）"

# The seed's debris at full size: the next article's headline, its —— subhead and its byline between a cut's halves
# (the draft prints them nowhere else; its one 和新 puts the cut in the first article)
NEXT_ARTICLE_155 = "社区食堂飘出“家的味道”\n\n——西江市推进老年助餐服务全覆盖\n\n本报通讯员 何晓丽"

# An international page's briefs: the next brief's headline set between a cut sentence's halves
NEXT_BRIEF_156 = "俄白两国签署经济合作协议"

# A relief report's cut with the page's running head and a picture caption between the halves (one entry, two blocks)
SPREAD_159 = "江南日报 2024年7月12日 第2版\n\n7月9日，消防救援人员在青阳县城用冲锋舟转移被困群众。 林秋雨 摄"

# A front page's lead story jumped inside: the jump line at the page's foot, page 2's running head, its jump line
JUMP_165 = "（下转第二版）\n\n青州日报 2025年3月6日 第2版\n\n（上接第一版）"

# A readers' page cut across its page break: the next page's running head and its page number between the halves
NEXT_PAGE_172 = "东原日报 2025年12月5日 第7版\n\n— 7 —"

PLANS = {
    "116_saoheichue": Plan(
        4, ("城西时报 2019年6月14日 第3版", "城西区扫黑除恶宣传志愿者在柳湾村向群众发放宣传资料。 韩雪 摄"),
        doubled=2, lists=1, figures=1, ending=True, lookalikes=1, half_width=True,
    ),
    "117_zhutijiaoyu": Plan(4, ("— 2 —",)),
    "118_chanquangaige": Plan(
        4, ("安平日报 2019年12月20日 第2版",), doubled=3, lists=1, figures=1, half_width=True
    ),
    "119_jiatingnongchang": Plan(
        3, ("青林日报 2019年11月22日 第3版",), doubled=2, lists=1, ending=True, lookalikes=1, wrap=17
    ),
    "120_quanminjianshen": Plan(
        3, ("滨河体育公园里，市民在塑胶步道上健步走。 郭晓燕 摄",), doubled=2, lists=1, figures=1, ending=True
    ),
    "126_rongmeiti": Plan(
        4, ("石门融媒 2021年10月22日 第2版",), doubled=2, lists=1, figures=1, lookalikes=1,
        cut_kinds=("inside_quoted",), figure_style="yi",
    ),
    "127_gongre": Plan(
        4, ("北山日报 2022年11月18日 第5版", "— 5 —"), doubled=1, lists=1, figures=1, ending=True,
        headline_doubled=1, figure_style="hanzi",
    ),
    "128_kaifaqu": Plan(
        4, ("海滨开发区报 2023年11月24日 第2版",), doubled=2, lists=1, figures=1, ending=True, lookalikes=1, wrap=18
    ),
    "129_zizhizhou": Plan(4, ("木棉日报 2020年10月16日 第3版", "在勐罕镇，村医为群众义诊。 刀玉香 摄")),
    "130_quxianban": Plan(
        5, ("— 6 —", "江城日报 2024年5月17日 第6版"), doubled=3, lists=1, figures=1, half_width=True,
    ),
    "131_wanggezhili": Plan(3, (), doubled=2, lists=1, lookalikes=1, wrap=13),
    "132_kuabanyingshang": Plan(
        4, (SPREAD_132, "— 2 —"),
        doubled=2, lists=1, figures=1, ending=True, lookalikes=1,
    ),
    "133_xiangmuqingdan": Plan(3, ("— 3 —",), doubled=1, lists=1, figures=1, figure_style="hanzi"),
    "134_jianxun": Plan(3, ("南塘日报 2024年3月20日 第4版",), doubled=2, lists=1, ending=True, wrap=26),
    "135_dangjianyinling": Plan(
        3, ("丰源日报 2023年9月8日 第1版", "杨庄村村民在食用菌大棚里采摘香菇。 蒋春燕 摄"),
        cut_kinds=("before_close_quote",),
    ),
    "136_tongjigongbao": Plan(
        4, ("临江日报 2024年3月8日 第6版", "— 6 —"), doubled=2, lists=1, figures=1, cut_kinds=("number",),
    ),
    "137_wenjiaoban": Plan(
        4, ("闭幕式上，南州市实验小学学生表演课本剧《草房子》。 邓佳 摄",), doubled=2, lists=1, lookalikes=1,
    ),
    "138_nongyenongcun": Plan(
        4, ("青禾日报 2023年9月15日 第4版", "石塘村村民在合作社的晒谷场上翻晒新收的稻谷。 莫小兰 摄")
    ),
    "139_laixinhuifu": Plan(
        3, ("— 8 —",), doubled=2, lists=1, ending=True, lookalikes=1, wrap=17,
    ),
    "140_jiebanye": Plan(
        4, ("东岭日报 2022年6月17日 第2版",), doubled=2, lists=1, figures=1, ending=True,
    ),
    "141_chengshigengxin": Plan(
        4, ("", NEXT_ARTICLE_141, "东城日报 2023年4月7日 第3版"), doubled=2, lists=1, figures=1, ending=True,
        half_width=True, cut_kinds=("after_last_xin",),
    ),
    "142_zhaoshangyinzi": Plan(
        4, ("", "南岭日报 2021年6月4日 第2版"), doubled=3, lists=1, figures=1, ending=True, half_width=True,
        cut_kinds=("after_last_xin",),
    ),
    "143_hezhangzhi": Plan(
        4, ("清源日报 2022年7月22日 第3版", NEXT_ARTICLE_143), doubled=2, lists=1, figures=1, ending=True,
    ),
    "144_wenmingchuangjian": Plan(
        3, ("— 4 —",), doubled=2, lists=1, figures=1, ending=True, wrap=18,
    ),
    "145_fugongfuchan": Plan(
        4, ("", "北塘新材料产业园二期项目建设现场,塔吊林立。 宋佳琪 摄", "北塘日报 2023年3月3日 第1版"),
        doubled=2, lists=1, figures=1, ending=True, half_width=True, cut_kinds=("after_last_xin",),
    ),
    "146_shuzizhengfu": Plan(
        4, ("临川日报 2025年5月14日 第3版", "— 3 —"), doubled=2, lists=1, lookalikes=1,
    ),
    "147_jianxunlan": Plan(3, ("— 4 —",), wrap=15),
    "148_xiangcunyisheng": Plan(
        4, (JUMP_148,), doubled=2, lookalikes=1, cut_kinds=("before_close_quote",),
    ),
    "149_jingjiyunxing": Plan(
        4, ("— 6 —", "滨江日报 2025年2月14日 第6版"), doubled=2, lists=1, figures=1, lookalikes=1,
    ),
    "150_duzhelaixin": Plan(
        3, ("— 7 —",), doubled=2, lists=1, ending=True, lookalikes=1, cut_kinds=("after_open_quote",),
    ),
    "151_zuqiuliansai": Plan(
        4, ("江州日报 2023年11月13日 第7版", "青山队队长王磊（右）在比赛中带球突破。 张帆 摄"),
        doubled=2, lists=1, figures=1, lookalikes=2,
    ),
    "152_shupingshige": Plan(3, ("— 8 —",), doubled=2, lists=1, ending=True, lookalikes=1, wrap=16),
    "153_hezuoshe": Plan(
        4, ("青禾日报 2024年10月11日 第5版", "柳河村村民在合作社的烘干中心晾晒稻谷。 吴丽萍 摄"),
        doubled=2, lists=1, figures=1, lookalikes=2, half_width=True,
    ),
    "154_fatingjishi": Plan(3, ("东阳日报 2024年6月21日 第6版",)),
    "155_liangpianbaodao": Plan(
        4, (NEXT_ARTICLE_155,), doubled=2, lists=1, ending=True, lookalikes=1, cut_kinds=("after_last_xin",),
    ),
    "156_guojixinwen": Plan(4, (NEXT_BRIEF_156, "东海日报 1998年1月7日 第4版"), doubled=3, lists=1, lookalikes=2),
    "157_jianghua": Plan(3, ("— 2 —",), doubled=2, lists=1, lookalikes=2, wrap=15),
    "158_yibaowenda": Plan(3, ("— 6 —",)),
    "159_kanghaijiuzai": Plan(4, (SPREAD_159,), doubled=3, lists=1, figures=1, lookalikes=2),
    "160_huainiankexuejia": Plan(3, ("— 7 —",), doubled=2, ending=True, lookalikes=1),
    "161_fantizigangwen": Plan(
        3, ("港島日報 2024年3月15日 星期五 A6", "— A6 —"), doubled=2, lists=1, lookalikes=2,
    ),
    "162_lilunwenzhang": Plan(3, ("— 7 —",), doubled=2, lists=1, lookalikes=2),
    "163_kejizhoukan": Plan(3, ("东江日报 2025年4月18日 第9版",)),
    "164_zaixianfangtan": Plan(3, ("— 5 —",), doubled=2, lists=1, ending=True, lookalikes=1),
    "165_toubanyaowen": Plan(3, (JUMP_165,), doubled=2, lists=1, figures=1, lookalikes=1),
    "166_tingshenshilu": Plan(
        4, ("西川日报 2025年9月12日 第5版", "— 5 —"), doubled=2, lists=1, figures=1, lookalikes=2,
    ),
    "167_gushihangqing": Plan(
        4, ("— 6 —", "北江日报 2025年10月17日 第6版"), doubled=2, lists=1, figures=1, lookalikes=2,
    ),
    "169_zhengcejiedu": Plan(3, ("南原日报 2025年3月14日 第3版",), doubled=1, lists=2, lookalikes=2, wrap=14),
    "170_tiyuzongshu": Plan(
        4, ("— 11 —", "东江日报 2025年12月8日 第11版"), doubled=3, lists=1, ending=True, lookalikes=2,
    ),
    "171_difanglianghui": Plan(
        3, ("青原日报 2026年1月16日 第2版",), doubled=2, lists=1, figures=1, lookalikes=2, wrap=14,
    ),
    "172_shebaowenda": Plan(3, (NEXT_PAGE_172,), doubled=2, lists=1, lookalikes=1),
    "174_nongyeban": Plan(
        4, ("南坪镇种粮大户王建军驾驶收割机收割水稻。 何丽君 摄",), doubled=3, lists=1, figures=1, lookalikes=1,
    ),
    "175_cunyi": Plan(3, ("孙福田（右）在村卫生室为村民量血压。（资料图片）",), doubled=2, ending=True, lookalikes=1),
}  # fmt: skip


def running(block: str) -> bool:
    """A running-text paragraph: long, not a caption (… 摄)."""
    return len(block) >= 40 and not block.rstrip().endswith("摄") and block[-1] in SENTENCE_END + CLOSING + "…"


def after_sentence_end(text: str, at: int) -> bool:
    """Whether a cut at `at` would fall right after a sentence's end (。 or 。”)."""
    before = text[:at].rstrip(CLOSING)
    return at == 0 or (before and before[-1] in SENTENCE_END)


def special_positions(text: str, kind: str) -> list[int]:
    """The cut positions of one kind a writer would avoid."""
    inside_quoted = {  # between two characters of a quoted name in a list of them (“基础设施补|短板工程”)
        i for run in QUOTED_NAMES.finditer(text) for name in re.finditer("“[^”]*”", run.group())
        for i in range(run.start() + name.start() + 2, run.start() + name.end() - 1)
    }  # fmt: skip
    tests = {
        "inside_quoted": lambda i: i in inside_quoted,
        "number": lambda i: text[i - 1].isdigit() and (text[i].isdigit() or text[i] == "."),
        "figure_unit": lambda i: text[i - 1].isdigit() and bool(HAN.match(text[i])),
        "after_open_quote": lambda i: text[i - 1] in "“‘",
        "before_close_quote": lambda i: text[i] in CLOSING,
        "before_punct": lambda i: text[i] in "，。；、：,;:",
        "after_last_xin": lambda i: text[i - 2 : i] == "和新",  # the seed's cut: 新装备、新材料、新工艺和新|技术
    }
    return [i for i in range(1, len(text)) if tests[kind](i) and not after_sentence_end(text, i)]


class Damage:
    """The edits planned for one page: (block, start, end, kind, data), kept MARGIN apart."""

    def __init__(self, blocks: list[str], rng: random.Random) -> None:
        self.blocks = blocks
        self.rng = rng
        self.edits: list[tuple[int, int, int, str, str]] = []
        self.running = [i for i, b in enumerate(blocks) if running(b)]  # before an ending is cut

    def free(self, block: int, start: int, end: int) -> bool:
        return all(b != block or end + MARGIN <= s or e + MARGIN <= start for b, s, e, _, _ in self.edits)

    def add(self, block: int, start: int, end: int, kind: str, data: str = "") -> bool:
        if not self.free(block, start, end):
            return False
        self.edits.append((block, start, end, kind, data))
        return True

    def paragraphs(self) -> list[int]:
        return [i for i in self.running if i < len(self.blocks)]

    def render(self) -> list[str]:
        """The blocks with their edits written as make_gold marks."""
        out = list(self.blocks)
        for block, start, end, kind, data in sorted(self.edits, key=lambda e: (e[0], -e[1])):
            text = out[block]
            piece = mark(kind, text[start:end], data)
            out[block] = text[:start] + piece + text[end:]
        return out


def mark(kind: str, span: str, data: str) -> str:
    """The make_gold mark of one edit of `span`.

    >>> mark("doubled", "污染", ""), mark("cut", "", "— 2 —"), mark("list", "乙", "、乙")
    ('〔污染〕', '⟪— 2 —⟫', '⟦L:乙、乙⟧')
    """
    if kind == "cut":
        return f"⟪{data}⟫" if data else "‖"
    if kind == "doubled":
        return f"〔{span}〕"
    if kind == "lookalike":
        return f"⦃{span}|{data}⦄"
    return f"⟦{dict(list='L', figure='F', ending='T')[kind]}:{span}{data}⟧"


class NoRoom(ValueError):
    """A defect the plan asks for finds no free site on the page."""


def place_cut(damage: Damage, rng: random.Random, kind: str | None, debris: str) -> None:
    """One cut in a paragraph without one: a random position, or one of `kind`; NoRoom where none is free."""
    sites = []
    for block in damage.paragraphs():
        if any(b == block and k == "cut" for b, _, _, k, _ in damage.edits):
            continue
        text = damage.blocks[block]
        positions = special_positions(text, kind) if kind else range(1, len(text))
        sites += [(block, i) for i in positions if not after_sentence_end(text, i)]
    for block, at in rng.sample(sites, len(sites)):
        if damage.add(block, at, at, "cut", debris):
            return
    raise NoRoom(f"no room for a cut of kind {kind}")


def place_drawn_cut(damage: Damage, rng: random.Random, kind: str, debris: str) -> str | None:
    """A cut of the special `kind` drawn for the page; where the page has no free site of it (a page without
    quotes has none before a closing one), one of the other special kinds in random order, else a cut anywhere.
    The kind placed (None: anywhere). The rng is asked for the others only after `kind` failed, so a page
    whose drawn kind fits is damaged as before.

    >>> page = ["一" * 30 + "，共有12个村参加了这次活动，" + "二" * 30 + "。"]
    >>> rng = random.Random(0)
    >>> kind = place_drawn_cut(Damage(page, rng), rng, "before_close_quote", "")
    >>> kind in ("number", "figure_unit", "before_punct")
    True
    """
    try:
        place_cut(damage, rng, kind, debris)
        return kind
    except NoRoom:
        pass
    others = [other for other in SPECIAL_CUTS if other != kind]
    for candidate in [*rng.sample(others, len(others)), None]:
        try:
            place_cut(damage, rng, candidate, debris)
            return candidate
        except NoRoom:
            continue
    raise NoRoom("no room for a cut of any kind")


def place_doubled(damage: Damage, rng: random.Random) -> None:
    """A random span of 2-4 Han characters, printed twice."""
    for _ in range(10_000):
        block = rng.choice(damage.paragraphs())
        text = damage.blocks[block]
        size = rng.randint(2, 4)
        if len(text) - size - MARGIN <= MARGIN:  # the rest of a paragraph an ending cut short: no room
            continue
        start = rng.randrange(MARGIN, len(text) - size - MARGIN)
        span = text[start : start + size]
        if all(HAN.match(c) for c in span) and damage.add(block, start, start + size, "doubled"):
            return
    raise ValueError("no room for a doubled span")


def place_headline_doubled(damage: Damage, rng: random.Random) -> None:
    """A random span of 2-3 Han characters of a headline pair's title or subtitle, printed twice."""
    pairs = [i for i, b in enumerate(damage.blocks) if b.startswith("——")]
    lines = sorted({i for p in pairs for i in (p - 1, p) if i >= 0})
    for _ in range(10_000):
        block = rng.choice(lines)
        text = damage.blocks[block]
        size = rng.randint(2, 3)
        start = rng.randrange(0, len(text) - size + 1)
        span = text[start : start + size]
        if all(HAN.match(c) for c in span) and damage.add(block, start, start + size, "doubled"):
            return
    raise ValueError("no headline pair")


def hanzi(number: int) -> str:
    """A count under 10,000 in Chinese numerals, as a ledger writes it.

    >>> hanzi(36), hanzi(10), hanzi(105), hanzi(2300)
    ('三十六', '十', '一百零五', '二千三百')
    """
    digits = [int(d) for d in str(number)]
    places = ["", "十", "百", "千"][: len(digits)][::-1]
    out = ""
    for digit, place in zip(digits, places, strict=True):
        if digit:
            out += ("" if digit == 1 and place == "十" and not out else HANZI_DIGITS[digit]) + place
        elif out and not out.endswith("零"):
            out += "零"
    return out.rstrip("零")


def place_list(damage: Damage, rng: random.Random) -> None:
    """An inner item of a 、-list, or any name of a run of quoted names, given again after itself."""
    sites = []
    for block in damage.paragraphs():
        text = damage.blocks[block]
        for match in ENUM.finditer(text):
            bounds, at = [], match.start()
            for item in match.group().split("、"):
                bounds.append((at, at + len(item)))
                at += len(item) + 1
            sites += [(block, s, e, "、") for s, e in bounds[1:-1]]
        for match in QUOTED_RUN.finditer(text):
            sites += [(block, m.start(), m.end(), "") for m in QUOTED.finditer(text, match.start(), match.end())]
    for block, start, end, sep in rng.sample(sites, len(sites)):
        text = damage.blocks[block]
        if damage.add(block, start, end, "list", sep + text[start:end]):
            return
    raise ValueError("no list")


def place_figure(damage: Damage, rng: random.Random, comma: str, style: str = "") -> None:
    """A count's label given another count right after its clause, the seed's ledger shape.

    `style` writes the second count as a ledger of another hand would: "yi" a 万元 count in 亿元 to two places
    (2300万元 … 0.32亿元), "hanzi" a whole count in Chinese numerals (36个 … 六十三个).
    """
    sites = [(block, m) for block in damage.paragraphs() for m in COUNT.finditer(damage.blocks[block])]
    if style == "yi":
        sites = [(block, m) for block, m in sites if m.group("unit") == "万元"]
    elif style == "hanzi":
        sites = [(block, m) for block, m in sites if "." not in m.group("n") and int(m.group("n")) < 10_000]
    for block, match in rng.sample(sites, len(sites)):
        label = LABEL_PREFIX.sub("", match.group("label"))
        if len(label) < 2 or re.search("比|增加|增长|减少|提高|下降", label):  # a change, not a ledger count
            continue
        number = match.group("n")
        other = number
        while other == number:
            digits = list(number.replace(".", ""))
            rng.shuffle(digits)
            other = "".join(digits)
            if "." in number:
                cut = number.index(".")
                other = other[:cut] + "." + other[cut:]
            if other.startswith("0") or other == number:
                other = str(int(float(number) * rng.choice([0.6, 1.5, 2])) or 1)
        unit = match.group("unit")
        if style == "yi":
            other, unit = f"{round(float(other) / 10_000, 2):g}", "亿元"  # a ledger writes 亿元 to two places
        elif style == "hanzi":
            other = hanzi(int(other))
        if damage.add(block, match.start("label"), match.end(), "figure", f"{comma}{label}{other}{unit}"):
            return
    raise ValueError("no count")


def place_lookalike(damage: Damage, rng: random.Random) -> None:
    """One character of the print pairs misread as its look-alike."""
    sites = [(b, i) for b in damage.paragraphs() for i, c in enumerate(damage.blocks[b]) if c in LOOKALIKES]
    for block, at in rng.sample(sites, len(sites)):
        if damage.add(block, at, at + 1, "lookalike", LOOKALIKES[damage.blocks[block][at]]):
            return


def place_ending(damage: Damage, rng: random.Random) -> None:
    """The last running paragraph cut at a random point (not after a sentence's end); the page ends there."""
    block = damage.paragraphs()[-1]
    text = damage.blocks[block]
    positions = [
        i for i in range(MARGIN, len(text) - 1) if not after_sentence_end(text, i) and text[i - 1] not in "，、；,;"
    ]
    at = rng.choice(positions)
    start = max(max(text.rfind(p, 0, at) for p in "，。；、：,;:“”") + 1, at - 4)
    if start >= at:  # cut right after a quotation mark: the flag spans the last characters all the same
        start = at - 4
    damage.blocks[block] = text[:at]
    del damage.blocks[block + 1 :]
    assert damage.add(block, start, at, "ending")


def wrap(block: str, width: int) -> str:
    """The block hard-wrapped at `width` printed characters; marks count as what they print, and never break."""
    tokens = re.findall(r"〔[^〕]*〕|⦃[^⦄]*⦄|⟦[LFT]:|⟧|.", block)
    lines, line, size = [], "", 0
    for token in tokens:
        shown = 0 if token.startswith("⟦") or token == "⟧" else len(token)
        if token.startswith("〔"):
            shown = 2 * (len(token) - 2)
        elif token.startswith("⦃"):
            shown = len(token[1:-1].partition("|")[2])
        if size + shown > width and size and token not in NO_LINE_START:
            lines.append(line)
            line, size = "", 0
        line += token
        size += shown
    return "\n".join([*lines, line] if line else lines)


def damaged(name: str, plan: Plan, seed: int = 1) -> str:
    """The marked source of one page (seed 1: the acceptance page; others: variants to probe the cleaner with)."""
    clean = (HERE / "clean" / f"{name}.clean").read_text(encoding="utf-8")
    try:
        return damaged_text(clean, plan, random.Random(f"{name}-{seed}"))
    except NoRoom as exc:
        # a kind the plan asks for (cut_kinds) may have its only site taken by a defect placed before it
        raise NoRoom(f"{name}, seed {seed}: the plan cannot be met ({exc}): {plan}") from exc


def damaged_text(clean: str, plan: Plan, rng: random.Random) -> str:
    """The marked source of a clean page (blocks on blank lines) damaged as `plan` says."""
    blocks = clean.strip().split("\n\n")
    damage = Damage(blocks, rng)
    if plan.ending:
        place_ending(damage, rng)
    for _ in range(plan.figures):
        place_figure(damage, rng, "；" if not plan.half_width else ";", plan.figure_style)
    for _ in range(plan.lists):
        place_list(damage, rng)
    for _ in range(plan.lookalikes):
        place_lookalike(damage, rng)
    for _ in range(plan.doubled):
        place_doubled(damage, rng)
    for _ in range(plan.headline_doubled):
        place_headline_doubled(damage, rng)
    if not plan.wrap:
        kinds = list(plan.cut_kinds) or [rng.choice(SPECIAL_CUTS)]
        kinds += [None] * (plan.cuts - len(kinds))
        for i, kind in enumerate(kinds):
            debris = plan.debris[i] if i < len(plan.debris) else ""
            if i == 0 and kind is not None and not plan.cut_kinds:
                place_drawn_cut(damage, rng, kind, debris)  # drawn, not asked for: another kind may stand in
            else:
                place_cut(damage, rng, kind, debris)
        return "\n\n".join(damage.render()) + "\n"
    blocks = [wrap(b, plan.wrap) if i in damage.running else b for i, b in enumerate(damage.render())]
    ends = [(i, m.start()) for i, b in enumerate(blocks) if i in damage.running for m in re.finditer("\n", b)]
    ends = [(i, at) for i, at in ends if blocks[i][:at].count("⟦") == blocks[i][:at].count("⟧")]
    for n, (i, at) in enumerate(sorted(rng.sample(ends, plan.cuts), reverse=True)):
        mark = f"⟪{plan.debris[n]}⟫" if n < len(plan.debris) else "‖"
        blocks[i] = blocks[i][:at] + mark + blocks[i][at + 1 :]
    return "\n\n".join(blocks) + "\n"


def main() -> None:
    for name, plan in PLANS.items():
        (HERE / f"{name}.marked").write_text(damaged(name, plan), encoding="utf-8")


if __name__ == "__main__":
    main()
