"""Speed of the review formats on the seed page: the HTML page, SARIF and the fingerprints.

Run with `.venv/bin/python -m pytest benchmarks/bench_report.py --benchmark-enable`. The page is
cleaned once (fast profile); the benchmarks time only the formatting of its changes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cleaner.model import Document, Result
from cleaner.pipeline import Options, Pipeline
from cleaner.report.formats import locate
from cleaner.report.html import document_page
from cleaner.report.sarif import SarifFormat

SEED = Path(__file__).resolve().parent.parent / "corpus" / "sample" / "000_bd518e65fe7e672d.txt"


@pytest.fixture(scope="module")
def seed() -> Result:
    text = SEED.read_text(encoding="utf-8")
    return Pipeline(options=Options(profile="fast")).run(Document(SEED.name, str(SEED), text))


def test_html_page(benchmark, seed: Result) -> None:
    page = benchmark(document_page, SEED.name, seed.document.text, seed.text, seed.changes)
    assert page.count('<li class="st-') == len(seed.changes)


def test_sarif_and_fingerprints(benchmark, seed: Result) -> None:
    def render() -> str:
        out = io.StringIO()
        sarif = SarifFormat(out)
        sarif.file(SEED.name, locate(SEED.name, seed.document.text, seed.changes, lambda change: True))
        sarif.finish([])
        return out.getvalue()

    assert '"ruleId"' in benchmark(render)
