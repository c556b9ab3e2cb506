"""`cleaner eval spelling`: precision, recall and CER of the spelling stage, beside pycorrector's Corrector.

Three measurements, all on text the stage was not tuned on:

- injected look-alike substitutions (about 0.75% of Han characters) in held-out People's Daily
  articles, once per shape confusion table; and again with S102 blind to the table the errors come
  from ("table unseen"), which measures confusions no table of the stage names;
- clean held-out articles: applied changes per 10,000 characters (every one is a false alarm);
- pycorrector's SIGHAN-2015 test set (`pycorrector/data/sighan2015_test.tsv`).

pycorrector's own `Corrector` (with the project's model) runs on a sample of the same data in the
same process, at about 400 characters per second.
The injected errors and SIGHAN's sentences come from `spelling_noise`; the scoring of each corrector is
`spelling_scores`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..lm import language_model, load_language_model
from ..model import Document
from ..pipeline import Context, FunctionStage, Options, Pipeline
from ..resources import Resources
from ..rules import load_rules
from ..stages.spelling_candidates import shape_files
from .corpus import CORPUS_HELP, DEFAULT_CORPUS, FIT_FOLDS, SEED_HELP, fit_fold, load_articles, newspaper_pages
from .spelling_fit import build_tuning_model, fit_calibration, in_tuning_fold
from .spelling_misses import CAUSES, explain_all
from .spelling_noise import FIT_TABLES, SHAPE_TABLES, load_shapes, noisy_articles, sighan_pairs
from .spelling_scores import ours, score_documents, theirs

FIT_INJECTIONS = 3  # --fit injects look-alikes into each tuning article this many times, with seeds in a row
NORMALIZE = (FunctionStage("normalize", "cleaner.stages.normalize"),)
SPELLING = (FunctionStage("spelling", "cleaner.stages.spelling"),)


def held_out_texts(
    corpus: Path,
    documents: int,
    held_out: bool,
    fold: bool = False,
    unit: str = "article",
    quarter: int | None = None,
) -> list[str]:
    """The first DOCUMENTS texts of a split, normalized: articles, or newspaper pages (the articles
    of one printed page, as a page file of an archive holds them). FOLD: the tuning fold only;
    QUARTER: that fit fold of the training side only."""
    normalizer = Pipeline(stages=NORMALIZE)
    chosen = (
        a
        for a in load_articles(corpus, held_out=held_out and quarter is None)
        if (not fold or in_tuning_fold(a.id)) and (quarter is None or fit_fold(a.id) == quarter)
    )
    if unit == "page":
        chosen = iter(newspaper_pages(list(chosen)))
    texts = []
    for article in chosen:
        texts.append(normalizer.run(Document(article.id, article.id, article.text)).text)
        if len(texts) >= documents:
            break
    return texts


def seed_changes(seed: Path) -> int:
    """Spelling changes the whole default pipeline applies to the seed page (it has no errors)."""
    result = Pipeline().run(Document("seed", str(seed), seed.read_text(encoding="utf-8")))
    return sum(1 for c in result.applied if c.stage == "spelling")


@click.command("spelling")
@click.option("--corpus", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_CORPUS, help=CORPUS_HELP)
@click.option("--articles", "--documents", "documents", default=200, show_default=True, help="Documents to use.")
@click.option(
    "--unit",
    type=click.Choice(["article", "page"]),
    default="article",
    show_default=True,
    help="What a document is: one article, or a newspaper page (all articles of one printed page).",
)
@click.option("--train", is_flag=True, help="Use the tuning fold of the training side (with --model), not held-out.")
@click.option(
    "--fold",
    "quarter",
    type=click.IntRange(0, FIT_FOLDS - 1),
    help="Use this quarter of the training side, not held-out (with --model trained without it, as for eval rejoin).",
)
@click.option("--rate", default=0.0075, show_default=True, help="Share of Han characters replaced by a look-alike.")
@click.option("--seed", "random_seed", default=1, show_default=True, help=SEED_HELP)
@click.option("--baseline-chars", default=4000, show_default=True, help="Characters given to pycorrector's Corrector.")
@click.option("--sighan-limit", default=0, help="Use only the first N SIGHAN-2015 sentences (0: all).")
@click.option(
    "--seed-page",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("../shared/seed/000_bd518e65fe7e672d.txt"),
    show_default=True,
    help="A page whose spelling changes are counted too (skipped when it is not there).",
)
@click.option("--explain", is_flag=True, help="List every document whose CER did not drop, error by error.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the figures here.")
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of rule files over the built-in ones (e.g. other S102 settings).",
)
@click.option(
    "--fit", is_flag=True, help="Fit the S102 calibration on the tuning fold (both shape tables, three injections)."
)
@click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Language model to use instead of the shipped one (--fit wants the tuning model).",
)
@click.option(
    "--build-tuning-model",
    "tuning_model",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Train the tuning model (training side minus the tuning fold) to this path, then stop.",
)
def spelling(
    corpus: Path,
    documents: int,
    unit: str,
    train: bool,
    quarter: int | None,
    rate: float,
    random_seed: int,
    baseline_chars: int,
    sighan_limit: int,
    seed_page: Path,
    json_path: Path | None,
    explain: bool,
    fit: bool,
    model_path: Path | None,
    tuning_model: Path | None,
    rules_dir: Path | None,
) -> None:
    """Precision, recall and CER of the spelling stage on injected look-alike errors and SIGHAN-2015."""
    if tuning_model is not None:
        build_tuning_model(corpus, tuning_model)
        return
    resources = Resources({"lm": load_language_model(model_path)} if model_path else None)
    pipeline = Pipeline(load_rules(rules_dir), Options(), stages=SPELLING, resources=resources)
    if fit:
        texts = held_out_texts(corpus, documents, held_out=False, fold=True, unit=unit)
        # both shared shape tables and three injections of each article: weights that suit no one table
        pairs = [
            pair
            for table in FIT_TABLES
            for seed in range(random_seed, random_seed + FIT_INJECTIONS)
            for pair in noisy_articles(texts, load_shapes(table), rate, seed)
        ]
        fit_calibration(pipeline, pairs)
        return
    model_path = model_path or language_model(Context.default()).path
    clean = held_out_texts(corpus, documents, held_out=not train, fold=train, unit=unit, quarter=quarter)
    split = f"training fold {quarter}" if quarter is not None else "tuning fold" if train else "held-out"
    report: dict[str, Any] = {"split": split, "unit": unit, "rate": rate, "scores": []}
    if seed_page.is_file():
        report["seed_page_spelling_applied"] = seed_changes(seed_page)
    ours_correct = ours(pipeline)
    ours_correct(clean[0])  # load the engines outside the timed runs
    report["scores"].append(score_documents("ours: clean articles", ((t, t) for t in clean), ours_correct).summary())
    baseline = theirs(str(model_path))
    for table in SHAPE_TABLES:
        pairs = noisy_articles(clean, load_shapes(table), rate, random_seed)
        score = score_documents(f"ours: {table} shapes", pairs, ours_correct)
        report["scores"].append(score.summary())
        misses = explain_all(pipeline, pairs, score.unimproved)
        summary = report["scores"][-1]
        report.setdefault("unimproved", {})[table] = {
            "equal": summary["documents_cer_equal"],
            "higher": summary["documents_cer_higher"],
            "causes": dict(misses.causes),
            "wrong_fixes": misses.wrong_fixes,
            "by_injected_errors": dict(sorted(misses.by_errors.items())),
            "documents": misses.documents,
        }
        unseen = without_table(pipeline, table)
        if unseen is not None:
            # the same errors, the table they come from hidden from the stage: look-alikes no list names
            unseen_score = score_documents(f"ours: {table} shapes, table unseen", pairs, ours(unseen))
            report["scores"].append(unseen_score.summary())
        sample = _sample(pairs, baseline_chars)
        report["scores"].append(score_documents(f"ours: {table} shapes, sample", sample, ours_correct).summary())
        report["scores"].append(score_documents(f"pycorrector: {table} shapes, sample", sample, baseline).summary())
    sighan = sighan_pairs()[: sighan_limit or None]
    report["scores"].append(score_documents("ours: SIGHAN-2015", sighan, ours_correct).summary())
    report["scores"].append(score_documents("pycorrector: SIGHAN-2015", sighan, baseline).summary())
    _print(report, explain)
    if json_path is not None:
        json_path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


def without_table(pipeline: Pipeline, table: str) -> Pipeline | None:
    """The spelling pipeline with S102 blind to one shape table (None if it does not read that table),
    sharing the pipeline's language model.

    >>> pipeline = Pipeline(stages=SPELLING)
    >>> "confusion_shape_ocr.tsv" in shape_files(without_table(pipeline, "ocr").rules)
    False
    """
    files = shape_files(pipeline.rules)
    if SHAPE_TABLES[table] not in files:
        return None
    rules = pipeline.rules.with_option("S102", "shape_files", [name for name in files if name != SHAPE_TABLES[table]])
    context = Context(rules=pipeline.rules, resources=pipeline.resources)
    resources = Resources({"lm": language_model(context)})
    return Pipeline(rules, pipeline.options, stages=pipeline.stages, resources=resources)


def _sample(pairs: Sequence[tuple[str, str]], characters: int) -> list[tuple[str, str]]:
    sample: list[tuple[str, str]] = []
    total = 0
    for pair in pairs:
        if total >= characters:
            break
        sample.append(pair)
        total += len(pair[0])
    return sample


def _print(report: dict[str, Any], explain: bool = False) -> None:
    click.echo(f"split: {report['split']}  documents: {report['unit']}s  injected rate: {report['rate']}")
    if "seed_page_spelling_applied" in report:
        click.echo(f"seed page: {report['seed_page_spelling_applied']} spelling changes applied")
    columns = [
        "documents",
        "characters",
        "errors",
        "applied",
        "suggested",
        "precision",
        "recall",
        "applied_per_10k",
        "cer_before",
        "cer_after",
        "documents_cer_lower",
        "documents_with_errors",
        "chars_per_second",
    ]
    click.echo("\t".join(["name", *columns]))
    for row in report["scores"]:
        click.echo("\t".join([row["name"], *(str(row[c]) for c in columns)]))
    for table, unimproved in report.get("unimproved", {}).items():
        documents = unimproved["documents"]
        click.echo(
            f"{table} shapes: {len(documents)} documents with errors whose CER did not drop "
            f"({unimproved['equal']} unchanged, {unimproved['higher']} higher)"
        )
        missed = sum(count for cause, count in unimproved["causes"].items() if cause != "fixed")
        click.echo(f"  their missed errors: {missed}; wrong fixes applied in them: {unimproved['wrong_fixes']}")
        counts = ", ".join(f"{n} with {k}" for k, n in unimproved["by_injected_errors"].items())
        click.echo(f"  of these documents, by injected errors: {counts}")
        for cause, count in sorted(unimproved["causes"].items(), key=lambda item: -item[1]):
            if cause != "fixed":
                click.echo(f"  {count:4d}  {cause}: {CAUSES[cause]}")
        if explain:
            for line in documents:
                click.echo(f"    {line}")
