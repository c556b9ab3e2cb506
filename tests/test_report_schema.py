"""report.json against its documented schema (docs/report.schema.json): every field a run writes is
described there, and the offsets it documents as the original input's are."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cli_runs import SEED

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder of the seed page, the same page in GB18030, and a binary file, cleaned."""
    folder = tmp_path_factory.mktemp("schema") / "pages"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "gbk.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    (folder / "scan.txt").write_bytes(b"\x00\x01binary")
    out = folder.parent / "out"
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(out), "--no-cache", "--no-html", "-j", "1"])
    assert result.exit_code == 1, result.output  # the binary file fails, the others are cleaned
    return folder, out


def validate(report: Path) -> dict:
    document = json.loads(report.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)
    return document


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_report_json_of_clean_validates_and_its_offsets_are_the_inputs(run: tuple[Path, Path]) -> None:
    folder, out = run
    report = validate(out / "report.json")
    assert [d["encoding"] for d in report["documents"]] == ["gb18030", "utf-8"]
    assert [f["path"] for f in report["summary"]["failed"]] == [str(folder / "scan.txt")]
    original = SEED.read_text(encoding="utf-8")
    for document in report["documents"]:
        assert document["changes"] and document["blocks"]
        for change in document["changes"]:
            assert original[change["start"] : change["end"]] == change["before"]
        for block in document["blocks"]:
            assert 0 <= block["start"] <= block["end"] <= len(original)


def test_report_json_of_apply_validates(run: tuple[Path, Path], tmp_path: Path) -> None:
    folder, out = run
    args = ["apply", str(folder / "seed.txt"), "--decisions", str(out / "report.csv"), "-o", str(tmp_path / "final")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = validate(tmp_path / "final" / "report.json")
    assert report["summary"]["documents"] == 1


def test_a_field_the_schema_does_not_describe_is_refused(run: tuple[Path, Path]) -> None:
    _, out = run
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report["documents"][0]["changes"][0]["note"] = "undocumented"
    with pytest.raises(jsonschema.ValidationError, match="'note' was unexpected"):
        jsonschema.Draft202012Validator(SCHEMA).validate(report)
