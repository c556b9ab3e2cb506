"""report.csv records rendered per chunk and split per document, as workers do it; report.json's change
texts, the bytes json writes."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.model import Change, Status
from cleaner.report.tables import CSV_COLUMNS, CSV_HEADER, change_json, render_csv

# field text with what CSV quoting must survive: quotes, commas, line breaks, Han characters
FIELD = st.text(alphabet=st.sampled_from(list('ab,"\n\r 文。“”')), max_size=6)
ROW = st.tuples(
    st.just("p.txt"),
    st.sampled_from(["rejoin", "normalize"]),
    st.just("R102"),
    st.integers(0, 99),
    st.integers(0, 99),
    FIELD,
    FIELD,
    st.sampled_from(["applied", "suggested"]),
    st.sampled_from(["yes", "no"]),
    st.floats(0, 1, allow_nan=False),
    FIELD,
)


@settings(deadline=None)  # the first example imports pandas
@given(st.lists(st.lists(ROW, max_size=4), max_size=5))
def test_each_document_gets_exactly_its_own_records(rows_by_document: list[list[tuple]]) -> None:
    rendered = render_csv(rows_by_document)
    assert len(rendered) == len(rows_by_document)
    for document_rows, text in zip(rows_by_document, rendered, strict=True):
        parsed = list(csv.reader(io.StringIO(text, newline="")))
        assert parsed == [[_as_csv(value) for value in row] for row in document_rows]


def test_the_header_names_the_columns() -> None:
    assert next(csv.reader(io.StringIO(CSV_HEADER))) == CSV_COLUMNS


def _as_csv(value: object) -> str:
    return str(value)


def test_a_lone_carriage_return_stays_inside_its_record(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cleaner.batch_outputs import clean_paths

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "mac.txt").write_bytes("第一行。\r第二行。".encode())
    clean_paths([tmp_path / "in"], tmp_path / "out")
    with (tmp_path / "out" / "report.csv").open(encoding="utf-8-sig", newline="") as stream:
        records = list(csv.DictReader(stream))
    assert [(r["rule"], r["before"], r["after"]) for r in records] == [("N105", "\r", "\n")]


# what a report row may hold at worst: line breaks, quotes, controls, a lone surrogate; None; odd numbers
ODD_TEXT = st.text(alphabet=st.sampled_from(list('a,"\n\r\t\\ 文\x00\x1f\u2028\udcff')), max_size=6)
ODD_NUMBER = st.one_of(st.floats(), st.sampled_from([0.0, -0.0, 1.0, 0.95, 1e-7]))


@given(st.builds(Change, *[ODD_TEXT] * 3, st.integers(0, 10**12), st.integers(0, 99), ODD_TEXT,
                 st.one_of(st.none(), ODD_TEXT), st.sampled_from(list(Status)), ODD_NUMBER))  # fmt: skip
def test_a_change_is_written_as_json_writes_its_fields(change: Change) -> None:
    assert change_json(change) == json.dumps(change.as_dict(), ensure_ascii=False)
    assert change_json(change) == change_json(change)  # the second time from the kind's text made once
