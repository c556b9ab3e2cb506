"""The result cache: unchanged files are skipped, anything that could change a result invalidates it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.batch_outputs import clean_paths
from cleaner.cache import ResultCache, decode_result, encode_result, open_cache, run_key
from cleaner.cli import main
from cleaner.model import Document
from cleaner.pipeline import Options, Pipeline
from cleaner.rules import builtin_folder, load_rules
from folders import write_pages

PAGES = {
    "a.txt": "１９９８年１月１日，新年讲话发表。",
    "b.txt": "人民日报评论员文章：迈向新世纪。",
    "c.txt": "北京１月２日电 今天天气晴朗,全国人大代表抵达北京。",
}


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    return write_pages(tmp_path / "pages", PAGES)


def fast(**options: object) -> Pipeline:
    return Pipeline(options=Options(profile="fast", **options))  # type: ignore[arg-type]


def run_twice(pages: Path, out: Path, pipeline: Pipeline) -> tuple[int, int]:
    cache = open_cache(out / ".cleaner-cache", pipeline)
    first = clean_paths([pages], out, pipeline, cache=cache)
    second = clean_paths([pages], out, pipeline, cache=cache)
    return first.cached, second.cached


def test_a_rerun_takes_every_unchanged_file_from_the_cache(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report_before = None
    cache = open_cache(out / ".cleaner-cache", fast())
    first = clean_paths([pages], out, fast(), cache=cache)
    report_before = (out / "report.json").read_bytes()
    outputs_before = {p.name: p.read_bytes() for p in out.glob("*.txt")}
    second = clean_paths([pages], out, fast(), cache=cache)
    assert (first.cached, second.cached) == (0, 3)
    assert (out / "report.json").read_bytes() == report_before
    assert {p.name: p.read_bytes() for p in out.glob("*.txt")} == outputs_before


def test_only_the_changed_file_is_cleaned_again(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cache = open_cache(out / ".cleaner-cache", fast())
    clean_paths([pages], out, fast(), cache=cache)
    (pages / "b.txt").write_text("人民日报评论员文章：迈向２１世纪。", encoding="utf-8")
    second = clean_paths([pages], out, fast(), cache=cache)
    assert second.cached == 2
    assert (out / "b.txt").read_text(encoding="utf-8") == "人民日报评论员文章：迈向21世纪。"


def test_a_deleted_output_is_written_again_from_the_cache(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cache = open_cache(out / ".cleaner-cache", fast())
    clean_paths([pages], out, fast(), cache=cache)
    expected = (out / "a.txt").read_bytes()
    (out / "a.txt").unlink()
    clean_paths([pages], out, fast(), cache=cache)
    assert (out / "a.txt").read_bytes() == expected


@pytest.mark.parametrize(
    "other",
    [
        lambda: fast(min_confidence=0.5),
        lambda: Pipeline(options=Options(profile="full")),
        lambda: fast(skip=frozenset({"layout"})),
        lambda: Pipeline(load_rules().without(["N101"]), Options(profile="fast")),
    ],
    ids=["threshold", "profile", "skip", "rules"],
)
def test_the_run_key_changes_with_anything_that_decides_a_result(other) -> None:  # type: ignore[no-untyped-def]
    assert run_key(other()) != run_key(fast())


def test_a_user_rule_file_changes_the_run_key(tmp_path: Path) -> None:
    user = tmp_path / "rules"
    user.mkdir()
    shutil.copy(Path(str(builtin_folder() / "normalize.toml")), user / "normalize.toml")
    before = run_key(Pipeline(load_rules(user), Options(profile="fast")))
    text = (user / "normalize.toml").read_text(encoding="utf-8")
    (user / "normalize.toml").write_text(text + "\n# tuned\n", encoding="utf-8")
    assert run_key(Pipeline(load_rules(user), Options(profile="fast"))) != before


def test_results_are_kept_apart_by_run_key(pages: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    clean_paths([pages], tmp_path / "a", fast(), cache=open_cache(folder, fast()))
    other = fast(min_confidence=0.5)
    assert clean_paths([pages], tmp_path / "b", other, cache=open_cache(folder, other)).cached == 0


def test_payloads_round_trip_changes_and_annotations() -> None:
    document = Document("a", "a.txt", "１２月,好\r\n第二行", {"sha256": "x"})
    result = fast().run(document)
    assert result.changes  # something to carry
    assert decode_result(document, encode_result(result)) == result


def test_an_interrupted_run_is_noticed(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, "key")
    assert not cache.interrupted()
    cache.start_run(1.0)
    assert ResultCache(tmp_path, "key").interrupted()
    cache.finish_run(2.0)
    assert not ResultCache(tmp_path, "key").interrupted()


def test_the_cli_caches_in_the_output_folder_and_no_cache_turns_it_off(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["clean", str(pages), "-o", str(out), "--profile", "fast", "-j", "1"]
    assert CliRunner().invoke(main, args).stdout.startswith("3 documents cleaned, 0 failed\n")
    assert (out / ".cleaner-cache" / "results.sqlite").is_file()
    again = CliRunner().invoke(main, args)
    assert again.stdout.startswith("3 documents cleaned (3 from the cache), 0 failed\n")
    fresh = CliRunner().invoke(main, [*args, "--no-cache"])
    assert fresh.stdout.startswith("3 documents cleaned, 0 failed\n")


def test_a_rerun_trusts_the_rules_its_cache_has_seen_checked(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["clean", str(pages), "-o", str(tmp_path / "out"), "--profile", "fast", "-j", "1"]
    checked: list[Pipeline] = []
    monkeypatch.setattr(Pipeline, "check_rules", lambda pipeline: checked.append(pipeline))
    assert CliRunner().invoke(main, args).exit_code == 0
    assert CliRunner().invoke(main, args).exit_code == 0
    assert len(checked) == 1  # the second run's key (rules, code, options) has results: its rules passed


def test_rules_broken_after_a_cached_run_still_stop_the_next_one(pages: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    args = ["clean", str(pages), "-o", str(tmp_path / "out"), "--profile", "fast", "-j", "1", "--rules", str(rules)]
    assert CliRunner().invoke(main, args).exit_code == 0
    (rules / "figures.toml").write_text('[[rule]]\nid = "F103"\nper_unit = "每("\n', encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.output.startswith("Error: rule F103: the option per_unit is not a valid regular expression")


def test_a_damaged_cache_is_a_clear_error(pages: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "results.sqlite").write_bytes(b"not a database, not at all" * 100)
    result = CliRunner().invoke(main, ["clean", str(pages), "-o", str(tmp_path / "out"), "--cache", str(cache)])
    assert result.exit_code == 2  # refused before the first file, as check refuses it
    reason = "cannot open the result cache (file is not a database); "
    reason += "delete that folder to start afresh, or pass --no-cache"
    assert result.stderr == f"Error: {cache}: {reason}\n"


def test_a_cache_folder_that_cannot_be_made_says_where_to_put_it(pages: Path, tmp_path: Path) -> None:
    # it advised deleting the folder, which a read-only disk or a file in the way does not mend
    (tmp_path / "file").write_bytes(b"")
    cache = tmp_path / "file" / "cache"
    result = CliRunner().invoke(main, ["clean", str(pages), "-o", str(tmp_path / "out"), "--cache", str(cache)])
    assert result.exit_code == 2
    reason = "cannot make the result cache (Not a directory); pass --cache DIR in a folder that can be written, "
    assert result.stderr == f"Error: {cache}: {reason}or --no-cache\n"


def boom(*args: object) -> None:
    raise AssertionError("an unchanged file's result was decoded")


@pytest.mark.parametrize("format_name", ["lines", "github"])
def test_a_recheck_replays_unchanged_files_without_decoding_byte_identical(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_name: str
) -> None:
    import cleaner.batch

    args = ["check", str(pages), "--cache", str(tmp_path / "cache"), "--format", format_name]
    fresh = CliRunner().invoke(main, [*args, "--no-cache"])
    first = CliRunner().invoke(main, args)
    with monkeypatch.context() as patched:
        patched.setattr(cleaner.batch, "decode_result", boom)
        again = CliRunner().invoke(main, args)
    assert fresh.stdout.count("\n") >= 3
    assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)
    assert (again.exit_code, again.stdout, again.stderr) == (fresh.exit_code, fresh.stdout, fresh.stderr)

    (pages / "c.txt").write_text("北京１月３日电 今天下雪,代表们抵达北京。", encoding="utf-8")
    for gate in (["--fail-on", "any"], ["--fail-on", "flagged"]):
        changed = CliRunner().invoke(main, [*args, *gate])
        changed_fresh = CliRunner().invoke(main, [*args, *gate, "--no-cache"])
        assert "c.txt:1:" in changed_fresh.stdout or "file=" in changed_fresh.stdout
        assert (changed.exit_code, changed.stdout) == (changed_fresh.exit_code, changed_fresh.stdout)


def test_a_recheck_with_a_baseline_filters_as_a_fresh_run(pages: Path, tmp_path: Path) -> None:
    args = ["check", str(pages), "--cache", str(tmp_path / "cache")]
    baseline = tmp_path / "baseline.json"
    assert CliRunner().invoke(main, [*args, "--write-baseline", str(baseline)]).exit_code == 0
    (pages / "d.txt").write_text("今天天气晴朗,全国人大代表抵达北京。", encoding="utf-8")
    again = CliRunner().invoke(main, [*args, "--baseline", str(baseline)])
    fresh = CliRunner().invoke(main, [*args, "--baseline", str(baseline), "--no-cache"])
    assert (again.exit_code, again.stdout) == (fresh.exit_code, fresh.stdout)
    assert again.stdout and all(line.startswith(f"{pages.as_posix()}/d.txt") for line in again.stdout.splitlines())


def test_a_change_of_the_code_is_a_new_run_key(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.cache

    before = run_key(Pipeline())
    monkeypatch.setattr(cleaner.cache, "code_fingerprint", lambda: "another-release")
    assert run_key(Pipeline()) != before


@pytest.mark.parametrize(
    "part", ["unicode", "library"], ids=["Python's Unicode tables", "a library upgraded beside the package"]
)
def test_a_change_of_the_environment_is_a_new_run_key(monkeypatch: pytest.MonkeyPatch, part: str) -> None:
    import cleaner.cache

    before = run_key(Pipeline())
    if part == "unicode":
        monkeypatch.setattr(cleaner.cache.unicodedata, "unidata_version", "99.0.0")
    else:
        monkeypatch.setattr(cleaner.cache.metadata, "version", lambda name: "0.0.1")  # none is at 0.0.1
    assert run_key(Pipeline()) != before
