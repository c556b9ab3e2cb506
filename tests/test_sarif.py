"""SARIF output of `cleaner check`: valid against the committed SARIF 2.1.0 schema, stable fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cli_runs import SEED

# The SARIF 2.1.0 schema (its rtm.5 revision, the one SARIF tools validate against), as shipped in
# Microsoft's MIT-licensed jest-sarif package.
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
NORMALIZE_ONLY = [a for stage in ("layout", "rejoin", "duplicates", "spelling", "figures") for a in ("--skip", stage)]


def sarif(*args: str) -> dict:
    result = CliRunner().invoke(main, ["check", "--format", "sarif", *args], catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), result.stderr
    return json.loads(result.stdout)


def validate(log: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)


def test_seed_page_log_is_valid_sarif() -> None:
    log = sarif(str(SEED))
    validate(log)
    run = log["runs"][0]
    assert run["results"], "the seed page has findings"
    assert {r["ruleId"] for r in run["results"]} == {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    text = SEED.read_text(encoding="utf-8")
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        start, length = region["charOffset"], region["charLength"]
        assert text[start : start + length] == region["snippet"]["text"]
        assert len(result["partialFingerprints"]["cleanerContext/v1"]) == 32


def test_empty_and_failed_runs_are_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.txt").write_text("魏都区优化营商环境。", encoding="utf-8")
    (tmp_path / "scan 1.txt").write_bytes(b"\x00")
    log = sarif("clean.txt", "scan 1.txt")
    validate(log)
    run = log["runs"][0]
    assert run["results"] == []
    assert run["invocations"][0]["executionSuccessful"] is False
    notification = run["invocations"][0]["toolExecutionNotifications"][0]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "scan%201.txt"


def test_fingerprints_survive_unrelated_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    body = "第一段的文字比较长，有十几个字。\n\n好,的，后面还有一些别的文字。\n"
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    before = sarif("a.txt", *NORMALIZE_ONLY)["runs"][0]["results"]
    edited = "前面新加了一整段无关的文字内容。\n\n" + body + "\n末尾也加了一段。\n"
    (tmp_path / "a.txt").write_text(edited, encoding="utf-8")
    after = sarif("a.txt", *NORMALIZE_ONLY)["runs"][0]["results"]
    assert len(before) == len(after) == 1
    old, new = before[0], after[0]
    assert old["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert new["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert old["partialFingerprints"] == new["partialFingerprints"]
    # an edit right next to the finding is not unrelated: the fingerprint changes
    (tmp_path / "a.txt").write_text(body.replace("好,的", "很好,的"), encoding="utf-8")
    near = sarif("a.txt", *NORMALIZE_ONLY)["runs"][0]["results"][0]
    assert near["partialFingerprints"] != old["partialFingerprints"]


def test_a_crlf_page_is_one_result_counting_its_line_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "crlf.txt").write_bytes("第一段的文字比较长。\r\n\r\n第二段，好的。\r\n".encode())
    log = sarif("crlf.txt", "--no-cache", *NORMALIZE_ONLY)
    validate(log)
    [run] = log["runs"]
    [result] = run["results"]
    assert result["message"]["text"] == '换行符统一为 \\n（全文共 3 处，只标出此处） [applied: "\\r\\n" → "\\n"]'
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert result["properties"]["occurrences"] == 3
    assert "fixes" not in result  # a fix of the first line end alone would leave the page half converted
    assert run["tool"]["driver"]["rules"][0]["shortDescription"] == {"text": "换行符统一为 \\n"}
