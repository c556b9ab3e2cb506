"""Generated ledger-style statements for `cleaner eval figures`, in consistent/perturbed pairs.

Items, units, scopes, verbs and numeral styles (一百二十, 百分之三十, 七成) vary; every template
returns the check it exercises, a consistent control and the same statement with one figure wrong.
The ground truth is known by construction and does not depend on the stage's extraction. Controls
carry the figures news text legitimately repeats: another level, year or district for the same item.

>>> kind, control, perturbed = ledger(random.Random(2))
>>> kind, control != perturbed
('F101', True)
"""

from __future__ import annotations

import random
from collections.abc import Callable

import cn2an

from ..stages.dates import days_in
from ..stages.figures_rounding import amount

SCOPES = ["全县", "该区", "全市", "区信访局", "该镇", "市纪委", "县环保局", "开发区", "市教育局", "全乡", "省住建厅"]
# Two labels that name different ledgers of one item: levels, years, districts.
DISTINCT = [("区级", "市级"), ("县级", "省级"), ("市级", "省级"), ("镇级", "县级"), ("去年", "今年"),
            ("1997年", "1998年"), ("东城区", "西城区"), ("城区", "郊区")]  # fmt: skip
# item, unit, what is done to it, the rate's name
ITEMS = [
    ("台账问题", "个", "办结", "办结率"),
    ("群众来信", "件", "办结", "办结率"),
    ("整改任务", "项", "完成", "完成率"),
    ("安置房", "套", "交付", "交付率"),
    ("贫困户", "户", "脱贫", "脱贫率"),
    ("抽检产品", "批", "合格", "合格率"),
    ("招商项目", "个", "开工", "开工率"),
    ("危房", "间", "改造", "改造率"),
    ("适龄儿童", "名", "入学", "入学率"),
    ("问题线索", "条", "核查", "核查率"),
    ("重点企业", "家", "达标", "达标率"),
    ("行政村", "个", "通车", "通车率"),
]
RECEIVED = ["受理", "收到", "排查", "摸排", "登记", "梳理出"]
SPLITS = [  # two parts and their whole; the first three are complementary
    ("男职工", "女职工", "职工", "人"),
    ("城镇人口", "农村人口", "常住人口", "人"),
    ("国有企业", "非国有企业", "工业企业", "家"),
    ("刑事案件", "治安案件", "案件", "起"),
    ("一般项目", "重点项目", "建设项目", "个"),
    ("新建学校", "改建学校", "学校", "所"),
]
COMPLEMENTARY = 3
# a whole and one of its parts written in units a power of ten apart: names, units, how many small make one big
CONVERTED = [
    ("完成投资", "工业投资", "亿元", "万元", 10000),
    ("发放贷款", "扶贫贷款", "亿元", "万元", 10000),
    ("收购粮食", "小麦", "万吨", "万公斤", 1000),
    ("完成造林", "经济林", "万亩", "亩", 10000),
    ("新修公路", "柏油路", "公里", "米", 1000),
]
# a whole in one unit and two parts of one kind (their labels end alike) in a smaller unit it converts into:
# what is done, the two parts, the whole's unit, the parts' unit, how many of the parts' unit one of the whole's makes
CONVERTED_PARTS = [
    ("新修公路", "柏油路", "砂石路", "公里", "米", 1000),
    ("铺设管道", "输水管道", "排污管道", "公里", "米", 1000),
    ("加固堤防", "土堤", "石堤", "千米", "米", 1000),
    ("收购粮食", "夏粮", "秋粮", "万吨", "万公斤", 1000),
    ("收购棉花", "细绒棉", "长绒棉", "吨", "公斤", 1000),
    ("新建绿地", "公共绿地", "防护绿地", "平方公里", "万平方米", 100),
]
EVENTS = ["座谈会", "表彰大会", "现场推进会", "专题培训班", "招聘会", "运动会"]
OPENERS = ["", "", "今年以来，", "截至目前，", "据统计，", "记者从有关部门获悉，"]
Generated = tuple[str, str, str]


def numeral(value: int, rng: random.Random, chinese_share: float = 0.3) -> str:
    """A count in Arabic digits, or now and then in Chinese numerals.

    >>> numeral(120, random.Random(0), chinese_share=1.0)
    '一百二十'
    """
    return cn2an.an2cn(value) if value < 100000 and rng.random() < chinese_share else str(value)


def percent_text(value: float, rng: random.Random) -> str:
    """A percentage as 95.6% or, for whole numbers now and then, 百分之九十六."""
    if value == int(value) and rng.random() < 0.25:
        return "百分之" + cn2an.an2cn(int(value))
    return f"{amount(value)}%"


def true_rate(part: int, whole: int, places: int) -> float:
    return round(100 * part / whole, places)


def wrong_rate(part: int, whole: int, places: int, rng: random.Random) -> float:
    """A rate several points away from the true one."""
    true = 100 * part / whole
    shift = rng.uniform(3, 12)
    return round(true - shift if true > 50 else true + shift, places)


def ledger(rng: random.Random) -> Generated:
    """The seed's error: one item, two ledgers, one of them mislabelled."""
    scope, (one, other), (item, unit, done, rate) = rng.choice(SCOPES), rng.choice(DISTINCT), rng.choice(ITEMS)
    a, c = rng.randint(12, 90), rng.randint(95, 400)
    b, d = rng.randint(a // 2, a), rng.randint(c // 2, c)
    where = rng.choice(["列入{l}{i}", "{l}{i}"]) if one.endswith("级") else "{l}列入{i}"
    text = f"{rng.choice(OPENERS)}{{s}}{where.replace('{l}', '{l1}')}{{a}}{{u}}，已{{v}}{{b}}{{u}}；"
    text += f"{where.replace('{l}', '{l2}')}{{c}}{{u}}，已{{v}}{{d}}{{u}}，{{r}}达{{p}}。"
    n = {k: numeral(v, rng) for k, v in {"a": a, "b": b, "c": c, "d": d}.items()}
    fields = {"s": scope, "i": item, "u": unit, "v": done, "r": rate, "p": percent_text(true_rate(d, c, 0), rng), **n}
    return "F101", text.format(l1=one, l2=other, **fields), text.format(l1=one, l2=one, **fields)


def rate_statement(rng: random.Random) -> Generated:
    scope, (item, unit, done, rate) = rng.choice(SCOPES), rng.choice(ITEMS)
    whole = rng.randint(20, 3000)
    part = rng.randint(whole // 4, whole)
    places = rng.choice([0, 1, 1])
    text = rng.choice(OPENERS) + "{s}共{g}{i}{w}{u}，已{v}{p}{u}，{r}" + rng.choice(["为", "达", "达到"]) + "{x}。"
    fields = {"s": scope, "g": rng.choice(RECEIVED), "i": item, "u": unit, "v": done, "r": rate,
              "w": numeral(whole, rng), "p": numeral(part, rng)}  # fmt: skip
    good, bad = true_rate(part, whole, places), wrong_rate(part, whole, places, rng)
    return "F102", text.format(x=percent_text(good, rng), **fields), text.format(x=percent_text(bad, rng), **fields)


def rate_first_statement(rng: random.Random) -> Generated:
    """A rate stated before the counts it is computed from: 办结率达90%，共受理…120件，已办结108件."""
    scope, (item, unit, done, rate) = rng.choice(SCOPES), rng.choice(ITEMS)
    whole = rng.randint(20, 3000)
    part = rng.randint(whole // 4, whole)
    places = rng.choice([0, 1, 1])
    verb, done_as = rng.choice(["为", "达", "达到", ""]), rng.choice(["已{v}", "{v}", "其中已{v}"])
    text = rng.choice(OPENERS) + "{s}{r}" + verb + "{x}，共{g}{i}{w}{u}，" + done_as + "{p}{u}。"
    fields = {"s": scope, "g": rng.choice(RECEIVED), "i": item, "u": unit, "v": done, "r": rate,
              "w": numeral(whole, rng), "p": numeral(part, rng)}  # fmt: skip
    good, bad = true_rate(part, whole, places), wrong_rate(part, whole, places, rng)
    return "F102", text.format(x=percent_text(good, rng), **fields), text.format(x=percent_text(bad, rng), **fields)


def converted_share_statement(rng: random.Random) -> Generated:
    """A share of a whole and a part given in different units: 投资5亿元，其中工业投资12000万元，占24%."""
    scope, (whole_name, part_name, big, small, ratio) = rng.choice(SCOPES), rng.choice(CONVERTED)
    whole = rng.randint(2, 60)
    part = rng.randint(whole * ratio // 5, whole * ratio * 4 // 5)
    text = rng.choice(OPENERS) + "{s}共{n}{w}{b}，其中{f}{p}{m}，占" + rng.choice(["", "总数的"]) + "{x}。"
    fields = {"s": scope, "n": whole_name, "f": part_name, "b": big, "m": small, "w": whole, "p": part}
    places = rng.choice([0, 1])
    good, bad = true_rate(part, whole * ratio, places), wrong_rate(part, whole * ratio, places, rng)
    return "F102", text.format(x=percent_text(good, rng), **fields), text.format(x=percent_text(bad, rng), **fields)


def share_statement(rng: random.Random) -> Generated:
    scope, (first, _, whole_name, unit) = rng.choice(SCOPES), rng.choice(SPLITS)
    whole = rng.randint(40, 5000)
    part = rng.randint(whole // 5, whole * 4 // 5)
    text = rng.choice(OPENERS) + "{s}共有{n}{w}{u}，其中{f}{p}{u}，占" + rng.choice(["", "总数的"]) + "{x}。"
    fields = {"s": scope, "n": whole_name, "u": unit, "f": first, "w": numeral(whole, rng), "p": numeral(part, rng)}
    if rng.random() < 0.2:  # 七成: only tenths are written, so the wrong one is three tenths away
        tenths = round(10 * part / whole)
        good, bad = f"{cn2an.an2cn(tenths)}成", f"{cn2an.an2cn(tenths + 3 if tenths < 6 else tenths - 3)}成"
        return "F102", text.format(x=good, **fields), text.format(x=bad, **fields)
    places = rng.choice([0, 1])
    good, bad = true_rate(part, whole, places), wrong_rate(part, whole, places, rng)
    return "F102", text.format(x=percent_text(good, rng), **fields), text.format(x=percent_text(bad, rng), **fields)


def part_statement(rng: random.Random) -> Generated:
    scope, (item, unit, done, _) = rng.choice(SCOPES), rng.choice(ITEMS)
    whole = rng.randint(10, 2000)
    good, bad = rng.randint(whole // 3, whole), whole + rng.randint(1, max(2, whole // 2))
    template = rng.choice(["{s}共{g}{i}{w}{u}，已{v}{p}{u}。", "{s}有{i}{w}{u}，其中已{v}{p}{u}。"])
    fields = {"s": scope, "g": rng.choice(RECEIVED), "i": item, "u": unit, "v": done, "w": numeral(whole, rng)}
    text = rng.choice(OPENERS) + template
    return "F103", text.format(p=numeral(good, rng), **fields), text.format(p=numeral(bad, rng), **fields)


def sum_statement(rng: random.Random) -> Generated:
    """Two parts and their total. Parts that need not cover the whole (刑事案件, 治安案件) may sum to less:
    only a sum above the total is an error there; complementary parts (男, 女) must match exactly."""
    index = rng.randrange(len(SPLITS))
    scope, (first, second, whole_name, unit) = rng.choice(SCOPES), SPLITS[index]
    a, b = rng.randint(10, 3000), rng.randint(10, 3000)
    up = index >= COMPLEMENTARY or rng.random() < 0.5
    wrong = a + (1 if up else -1) * rng.randint(1, max(2, a // 3))
    text = rng.choice(OPENERS) + "{s}共有{n}{w}{u}，其中{f}{a}{u}，{g}{b}{u}。"
    fields = {"s": scope, "n": whole_name, "u": unit, "f": first, "g": second, "b": numeral(b, rng)}
    whole = numeral(a + b, rng)
    control = text.format(w=whole, a=numeral(a, rng), **fields)
    return "F104", control, text.format(w=whole, a=numeral(wrong, rng), **fields)


def converted_sum_statement(rng: random.Random) -> Generated:
    """Two parts in a smaller unit than their total, which they may not pass (24公里: 13550米 and 9800米).

    The total is written with a decimal now and then; the wrong sum passes it by 8-30%, far beyond the half
    of its last digit that a total in the larger unit may be rounded by.

    >>> kind, control, perturbed = converted_sum_statement(random.Random(3))
    >>> kind, control != perturbed
    ('F104-units', True)
    """
    scope, (done, first, second, big, small, ratio) = rng.choice(SCOPES), rng.choice(CONVERTED_PARTS)
    tenths = rng.randint(80, 3000) if rng.random() < 0.3 else 10 * rng.randint(8, 300)
    whole = tenths * ratio // 10  # in the parts' unit
    covered = rng.randint(whole * 3 // 5, whole)  # parts of one kind need not cover the whole
    a = rng.randint(covered // 4, covered * 3 // 4)
    b = covered - a
    # the first part grows until the sum passes the whole, itself staying within it (else F103 would see it)
    excess = rng.randint(whole * 8 // 100, max(whole * 8 // 100, min(whole * 30 // 100, b)))
    written = str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"
    text = rng.choice(OPENERS) + "{s}共{d}{w}{u}，其中{f}{a}{m}，{g}{b}{m}。"
    fields = {"s": scope, "d": done, "w": written, "u": big, "f": first, "g": second, "m": small, "b": b}
    return "F104-units", text.format(a=a, **fields), text.format(a=whole + excess - b, **fields)


def date_statement(rng: random.Random) -> Generated:
    scope, event, month = rng.choice(SCOPES), rng.choice(EVENTS), rng.randint(1, 12)
    last = days_in(month, None)
    write = (lambda v: cn2an.an2cn(v)) if rng.random() < 0.3 else str
    if rng.random() < 0.5:
        day = rng.randint(1, last)
        text = "{m}月{d}日，{s}召开{e}。"
        if last == 31:  # no day 32 in print: the month is the slip, 13月 or more
            wrong = text.format(m=write(rng.randint(13, 19)), d=write(day), s=scope, e=event)
        else:
            wrong = text.format(m=write(month), d=write(rng.randint(last + 1, 31)), s=scope, e=event)
        return "F105", text.format(m=write(month), d=write(day), s=scope, e=event), wrong
    first, second = sorted(rng.sample(range(1, last + 1), 2))
    text = "{s}{e}于{m}月{a}日至{m}月{b}日举行。"
    fields = {"s": scope, "e": event, "m": write(month)}
    return (
        "F105",
        text.format(a=write(first), b=write(second), **fields),
        text.format(a=write(second), b=write(first), **fields),
    )


GENERATORS: tuple[Callable[[random.Random], Generated], ...] = (
    ledger, rate_statement, share_statement, part_statement, sum_statement, date_statement,
    rate_first_statement, converted_share_statement, converted_sum_statement,
)  # fmt: skip
