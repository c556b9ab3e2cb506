"""`cleaner eval figures`: flag recall and false flags of the figures stage.

The evaluation set holds statements in pairs, a consistent control and the same statement with one
number perturbed:

- real sentences of People's Daily articles (the held-out side, unless told otherwise) in which the
  stage's checks find a relation that holds: a part within its total, parts adding up, a rate that
  fits its counts, a valid date. One number of that relation is changed so it no longer holds
  (a part above its total, a rate off by several points, 4月31日);
- generated ledger-style sentences with varied items, units, scopes and Chinese numerals, whose
  ground truth is known by construction (the seed's repeated label, rates, shares, parts, sums, dates).

It reports flag recall on the perturbed statements, false flags per control statement, and the
flags raised on the unmodified articles, per 20 articles (every such flag is counted as false).
Selecting real sentences uses the stage's own extraction, so real-sentence recall measures the
checks given that the relation was recognized; the generated statements do not depend on it.

>>> pairs = generated_pairs(random.Random(1), 3)
>>> len(pairs), all(p.control != p.perturbed for p in pairs)
(3, True)
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import cn2an

from ..model import Document
from ..pipeline import FunctionStage, Pipeline
from ..rules import RuleSet, load_rules
from ..stages.dates import DATE, days_in
from ..stages.figures import amount, relations
from ..stages.quantities import ARABIC, Quantity, extract, parse_number, sentence_starts
from .corpus import DEFAULT_CORPUS, load_articles

NUMBER_AT = re.compile(ARABIC)
STAGES = (FunctionStage("normalize", "cleaner.stages.normalize"), FunctionStage("figures", "cleaner.stages.figures"))


@dataclass(frozen=True, slots=True)
class Pair:
    """A consistent statement and the same statement with one figure made inconsistent."""

    source: str  # "real" or "generated"
    kind: str  # the check it exercises: F101…F105
    control: str
    perturbed: str


# ---------------------------------------------------------------------------------------- real text


def _replace(text: str, start: int, new: str) -> str | None:
    """`text` with the Arabic number at `start` replaced by `new`, or None when none stands there."""
    match = NUMBER_AT.match(text, start)
    return None if match is None else text[:start] + new + text[match.end() :]


def _like(old: str, value: float) -> str:
    """`value` written with as many decimals as `old`."""
    places = len(old.split(".")[1]) if "." in old else 0
    return f"{value:.{places}f}"


def _number_at(text: str, start: int, figures: dict[int, Quantity]) -> tuple[str, float, float] | None:
    """The Arabic number written at `start`, its value, and the scale its unit adds (万 → 10000)."""
    match = NUMBER_AT.match(text, start)
    value = parse_number(match[0]) if match else None
    if match is None or value is None or not value:
        return None
    figure = figures.get(start)
    return match[0], value, figure.value / value if figure else 1.0


def perturb(sentence: str, kind: str, figures: tuple[int, ...], rng: random.Random) -> str | None:
    """The sentence with one figure of a holding relation changed so that the relation fails."""
    by_start = {q.start: q for q in extract(sentence)}
    read = [_number_at(sentence, start, by_start) for start in figures]
    if any(r is None for r in read):
        return None
    olds = [r[0] for r in read if r]
    values = [r[1] * r[2] for r in read if r]
    scales = [r[2] for r in read if r]
    if kind == "F103":  # (total, part): the part grows past its total
        total = values[0]
        new = total + max(scales[1], total * rng.uniform(0.05, 0.6))
        return _replace(sentence, figures[1], _like(olds[1], new / scales[1]))
    if kind == "F104":  # (total, parts…): one part grows until the parts exceed the total
        index = rng.randrange(1, len(values))
        excess = values[0] - sum(values[1:]) + max(scales[index], values[0] * rng.uniform(0.05, 0.3))
        return _replace(sentence, figures[index], _like(olds[index], (values[index] + excess) / scales[index]))
    if kind == "F102":  # (counts…, rate): the stated rate moves by several points
        rate = values[-1] + rng.uniform(3, 15) * (1 if values[-1] < 50 else -1)
        counts = [parse_number(m[0]) or 0.0 for m in NUMBER_AT.finditer(sentence)]
        # Ground truth: the new rate must fit no ratio of any two numbers of the sentence.
        if any(0 < a <= b and abs(100 * a / b - rate) < 1.5 for a in counts for b in counts):
            return None
        return _replace(sentence, figures[-1], _like(olds[-1], rate))
    if kind == "F105":  # a date: the day becomes one the month does not have
        match = DATE.match(sentence, figures[0])
        month = parse_number(match["month"]) if match and match["day"] else None
        if month is None or not 1 <= month <= 12 or not match or not match["day"].isdigit():
            return None
        day = rng.randint(days_in(int(month), None) + 1, 39)
        return sentence[: match.start("day")] + str(day) + sentence[match.end("day") :]
    return None


def real_pairs(texts: Iterable[str], rules: RuleSet, rng: random.Random, per_kind: int) -> list[Pair]:
    """Pairs from real sentences whose figures hold a relation, at most `per_kind` of each check."""
    found: dict[str, list[Pair]] = {}
    for text in texts:
        starts = sentence_starts(text)
        for relation in relations(text, rules):
            if not relation.holds or relation.rule not in ("F102", "F103", "F104", "F105"):
                continue
            index = max(i for i, s in enumerate(starts) if s <= relation.start)
            begin, end = starts[index], starts[index + 1] if index + 1 < len(starts) else len(text)
            if relation.end > end:
                continue
            sentence = text[begin:end].strip()
            offset = text.index(sentence, begin)
            figures = tuple(f - offset for f in relation.figures)
            perturbed = perturb(sentence, relation.rule, figures, rng)
            if perturbed and perturbed != sentence:
                found.setdefault(relation.rule, []).append(Pair("real", relation.rule, sentence, perturbed))
    pairs = []
    for kind in sorted(found):
        unique = list({p.control: p for p in found[kind]}.values())
        pairs += rng.sample(unique, min(per_kind, len(unique)))
    return pairs


# ---------------------------------------------------------------------------------- generated text

SCOPES = ["全县", "该区", "全市", "区信访局", "该镇", "市纪委", "县环保局", "开发区", "市教育局", "全乡"]
LEVELS = [("区级", "市级"), ("县级", "省级"), ("市级", "省级"), ("镇级", "县级")]
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
SPLITS = [  # two parts and their whole; the first three are complementary
    ("男职工", "女职工", "职工", "人"),
    ("城镇人口", "农村人口", "常住人口", "人"),
    ("刑事案件", "治安案件", "案件", "起"),
    ("国有企业", "非国有企业", "工业企业", "家"),
    ("一般项目", "重点项目", "建设项目", "个"),
]
EVENTS = ["座谈会", "表彰大会", "现场推进会", "专题培训班", "招聘会", "运动会"]


def numeral(value: int, rng: random.Random, chinese_share: float = 0.3) -> str:
    """A count in Arabic digits, or now and then in Chinese numerals (一百二十)."""
    return cn2an.an2cn(value) if value < 100000 and rng.random() < chinese_share else str(value)


def _rate(part: int, whole: int) -> str:
    return amount(round(100 * part / whole, 1))


def _bad_rate(part: int, whole: int, rng: random.Random) -> str:
    true = 100 * part / whole
    return amount(round(true + rng.choice([-1, 1]) * rng.uniform(3, 12) if 15 < true < 85 else true / 2, 1))


def ledger(rng: random.Random) -> tuple[str, str, str]:
    scope, (lower, upper), (item, unit, done, rate) = rng.choice(SCOPES), rng.choice(LEVELS), rng.choice(ITEMS)
    a, c = rng.randint(12, 90), rng.randint(95, 400)
    b, d = rng.randint(a // 2, a), rng.randint(c // 2, c)
    n = lambda v: numeral(v, rng)  # noqa: E731
    text = "{s}列入{l1}{i}{a}{u}，已{v}{b}{u}；列入{l2}{i}{c}{u}，已{v}{d}{u}，{r}达{p}%。"
    fields = {"s": scope, "i": item, "u": unit, "v": done, "r": rate, "a": n(a), "b": n(b), "c": n(c), "d": n(d)}
    control = text.format(l1=lower, l2=upper, p=_rate(d, c), **fields)
    return "F101", control, text.format(l1=lower, l2=lower, p=_rate(d, c), **fields)


def rate_statement(rng: random.Random) -> tuple[str, str, str]:
    scope, (item, unit, done, rate) = rng.choice(SCOPES), rng.choice(ITEMS)
    whole = rng.randint(20, 3000)
    part = rng.randint(whole // 4, whole)
    text = "{s}共受理{i}{w}{u}，已{v}{p}{u}，{r}为{x}%。"
    fields = {"s": scope, "i": item, "u": unit, "v": done, "r": rate, "w": numeral(whole, rng), "p": numeral(part, rng)}
    return "F102", text.format(x=_rate(part, whole), **fields), text.format(x=_bad_rate(part, whole, rng), **fields)


def share_statement(rng: random.Random) -> tuple[str, str, str]:
    scope, (first, _, whole_name, unit) = rng.choice(SCOPES), rng.choice(SPLITS)
    whole = rng.randint(40, 5000)
    part = rng.randint(whole // 5, whole * 4 // 5)
    text = "{s}共有{n}{w}{u}，其中{f}{p}{u}，占{x}%。"
    fields = {"s": scope, "n": whole_name, "u": unit, "f": first, "w": numeral(whole, rng), "p": numeral(part, rng)}
    return "F102", text.format(x=_rate(part, whole), **fields), text.format(x=_bad_rate(part, whole, rng), **fields)


def part_statement(rng: random.Random) -> tuple[str, str, str]:
    scope, (item, unit, done, _) = rng.choice(SCOPES), rng.choice(ITEMS)
    whole = rng.randint(10, 2000)
    good, bad = rng.randint(whole // 3, whole), whole + rng.randint(1, max(2, whole // 2))
    text = "{s}共排查{i}{w}{u}，已{v}{p}{u}。"
    fields = {"s": scope, "i": item, "u": unit, "v": done, "w": numeral(whole, rng)}
    return "F103", text.format(p=numeral(good, rng), **fields), text.format(p=numeral(bad, rng), **fields)


def sum_statement(rng: random.Random) -> tuple[str, str, str]:
    """Two parts and their total. Parts that need not cover the whole (刑事案件, 治安案件) may sum to less:
    only a sum above the total is an error there; complementary parts (男, 女) must match exactly."""
    split = rng.choice(SPLITS)
    scope, (first, second, whole_name, unit) = rng.choice(SCOPES), split
    a, b = rng.randint(10, 3000), rng.randint(10, 3000)
    partial_list_allowed = split[0][:1] not in "男城国"
    up = partial_list_allowed or rng.random() < 0.5
    wrong = a + (1 if up else -1) * rng.randint(1, max(2, a // 3))
    text = "{s}共有{n}{w}{u}，其中{f}{a}{u}，{g}{b}{u}。"
    fields = {"s": scope, "n": whole_name, "u": unit, "f": first, "g": second, "b": numeral(b, rng)}
    whole = numeral(a + b, rng)
    return (
        "F104",
        text.format(w=whole, a=numeral(a, rng), **fields),
        text.format(w=whole, a=numeral(wrong, rng), **fields),
    )


def date_statement(rng: random.Random) -> tuple[str, str, str]:
    scope, event, month = rng.choice(SCOPES), rng.choice(EVENTS), rng.randint(1, 12)
    last = days_in(month, None)
    if rng.random() < 0.5:
        day, bad = rng.randint(1, last), rng.randint(last + 1, 39)
        text = "{m}月{d}日，{s}召开{e}。"
        return "F105", text.format(m=month, d=day, s=scope, e=event), text.format(m=month, d=bad, s=scope, e=event)
    first, second = sorted(rng.sample(range(1, last + 1), 2))
    text = "{s}{e}于{m}月{a}日至{m}月{b}日举行。"
    fields = {"s": scope, "e": event, "m": month}
    return "F105", text.format(a=first, b=second, **fields), text.format(a=second, b=first, **fields)


GENERATORS: tuple[Callable[[random.Random], tuple[str, str, str]], ...] = (
    ledger, rate_statement, share_statement, part_statement, sum_statement, date_statement,
)  # fmt: skip


def generated_pairs(rng: random.Random, count: int) -> list[Pair]:
    """`count` generated pairs, the kinds taken in turn."""
    pairs = []
    for number in range(count):
        kind, control, perturbed = GENERATORS[number % len(GENERATORS)](rng)
        pairs.append(Pair("generated", kind, control, perturbed))
    return pairs


# ------------------------------------------------------------------------------------------ scoring


def flags(pipeline: Pipeline, text: str) -> list[str]:
    result = pipeline.run(Document("-", "-", text))
    return [f"{c.rule} {c.message}" for c in result.changes if c.stage == "figures"]


def score(pairs: list[Pair], articles: list[str], pipeline: Pipeline) -> tuple[dict, dict[str, list[str]]]:
    """The numbers, and examples of misses and false flags."""
    hits, controls_flagged, by_kind = 0, 0, Counter()
    kinds = Counter(f"{p.source}-{p.kind}" for p in pairs)
    examples: dict[str, list[str]] = {"missed": [], "false flags on controls": [], "flags on articles": []}
    for pair in pairs:
        if flags(pipeline, pair.perturbed):
            hits += 1
            by_kind[f"{pair.source}-{pair.kind}"] += 1
        else:
            examples["missed"].append(f"[{pair.kind}] {pair.perturbed}")
        wrong = flags(pipeline, pair.control)
        controls_flagged += len(wrong)
        examples["false flags on controls"] += [f"{w} || {pair.control}" for w in wrong]
    article_flags = 0
    for text in articles:
        found = flags(pipeline, text)
        article_flags += len(found)
        examples["flags on articles"] += found
    numbers = {
        "statements": 2 * len(pairs),
        "perturbed": len(pairs),
        "controls": len(pairs),
        "real_pairs": sum(p.source == "real" for p in pairs),
        "flag_recall": round(hits / max(1, len(pairs)), 4),
        "false_flags_per_control": round(controls_flagged / max(1, len(pairs)), 4),
        "recall_by_kind": {k: f"{by_kind[k]}/{n}" for k, n in sorted(kinds.items())},
        "articles": len(articles),
        "article_flags": article_flags,
        "false_flags_per_20_articles": round(20 * article_flags / max(1, len(articles)), 3),
    }
    return numbers, examples


@click.command(name="figures")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True)
@click.option("--split", type=click.Choice(["held-out", "training"]), default="held-out", show_default=True,
              help="held-out reports; training is for tuning")  # fmt: skip
@click.option("--limit", type=int, default=0, help="use at most this many articles (0: all of the split)")
@click.option("--generated", type=int, default=120, show_default=True, help="generated statement pairs")
@click.option("--per-kind", type=int, default=40, show_default=True, help="real pairs per check, at most")
@click.option("--seed", type=int, default=1, show_default=True, help="seeds the choice of sentences and numbers")
@click.option("--show", type=int, default=10, show_default=True, help="print this many misses and false flags")
@click.option("--json", "as_json", is_flag=True, help="print the numbers as JSON")
def figures(
    corpus: Path, split: str, limit: int, generated: int, per_kind: int, seed: int, show: int, as_json: bool
) -> None:
    """Flag recall and false flags of the figures stage on perturbed statements and unmodified articles."""
    rng = random.Random(seed)
    articles = sorted(load_articles(corpus, held_out=split == "held-out"), key=lambda a: a.id)
    if limit:
        articles = rng.sample(articles, min(limit, len(articles)))
    rules = load_rules()
    normalize = Pipeline(rules, stages=STAGES[:1])
    texts = [normalize.run(Document(a.id, a.id, a.text)).text for a in articles]
    pairs = real_pairs(texts, rules, rng, per_kind) + generated_pairs(rng, generated)
    numbers, examples = score(pairs, [a.text for a in articles], Pipeline(rules, stages=STAGES))
    if as_json:
        click.echo(json.dumps(numbers, ensure_ascii=False, indent=2))
        return
    click.echo(f"figures on {split} articles (seed {seed}):")
    for name, value in numbers.items():
        click.echo(f"  {name:<28} {value}")
    for title, lines in examples.items():
        if lines and show:
            click.echo(f"{title} ({len(lines)}):")
            for line in _first(lines, show):
                click.echo(f"    {line}")


def _first(lines: list[str], count: int) -> Iterator[str]:
    yield from lines[:count]
