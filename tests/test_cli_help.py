"""The CLI's face before any work: `--help` of every user command, `--version`, `python -m cleaner`, start-up cost.

`cleaner --help` must not import torch, pycorrector or the other engines: a user asking for help waits for nothing.
"""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from cleaner import __version__
from cleaner.cli import main
from cleaner.evaluation.cli import TASKS, evaluate
from cli_runs import run


def test_version_and_rules_listing() -> None:
    assert run("--version").output == f"cleaner, version {__version__}\n"
    listing = run("rules").output.splitlines()
    assert any(line.startswith("N101  normalize") for line in listing)


HELP_PROBE = """
import sys
from cleaner.cli import main
from cleaner.evaluation.cli import TASKS, evaluate
sys.argv = ["cleaner", "--help"]
try:
    main()
except SystemExit:
    pass
print(sorted(m for m in ("torch", "pycorrector", "pandas", "kenlm", "jieba") if m in sys.modules))
"""


def test_help_is_fast_and_imports_no_engine() -> None:
    out = subprocess.run([sys.executable, "-c", HELP_PROBE], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"


USER_COMMANDS = (
    "clean",
    "check",
    "apply",
    "rules",
    "train-lm",
    "learn-confusions",
    "build-shapes",
    "build-misread-words",
)


def unexplained_options(command: click.Command | None) -> list[str]:
    """The options of COMMAND that say nothing of what they do in its --help."""
    assert command is not None
    return [param.opts[0] for param in command.params if isinstance(param, click.Option) and not param.help]


@pytest.mark.parametrize("name", USER_COMMANDS)
def test_every_option_of_a_user_command_says_what_it_does(name: str) -> None:
    # build-shapes listed --neighbours, --min-similarity and --max-similarity with a default and no word on them
    assert unexplained_options(main.get_command(click.Context(main), name)) == []


@pytest.mark.parametrize("task", sorted(TASKS))
def test_every_option_of_an_eval_task_says_what_it_does(task: str) -> None:
    # 31 options of eval's tasks had none: --corpus of each, --seed, --split, --profile, ocr's --degradation
    assert unexplained_options(evaluate.get_command(click.Context(evaluate), task)) == []


def test_learn_confusions_usage_names_its_two_folders() -> None:
    # it read `[OPTIONS] [FOLDERS]...`, while its help spoke of OCR_DIR and CORRECTED_DIR
    result = CliRunner().invoke(main, ["learn-confusions", "--help"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].endswith("learn-confusions [OPTIONS] [OCR_DIR CORRECTED_DIR]")


@pytest.mark.parametrize(
    ("name", "default_cache", "verb"),
    [("clean", "OUTDIR/.cleaner-cache", "Clean"), ("check", "./.cleaner-cache", "Check")],
)
def test_the_cache_options_help_speaks_of_its_own_command(name: str, default_cache: str, verb: str) -> None:
    # check's help gave clean's OUTDIR, which check has none of, and told it to "clean every file afresh"
    command = main.get_command(click.Context(main), name)
    assert command is not None
    helps = {param.name: param.help for param in command.params if isinstance(param, click.Option)}
    assert (
        helps["cache_dir"]
        == f"Folder of remembered results, so re-runs skip unchanged files.  [default: {default_cache}]"
    )
    assert helps["no_cache"] == f"{verb} every file afresh and remember nothing."


def test_clean_help_gives_the_exit_statuses_as_check_and_apply_do() -> None:
    result = CliRunner().invoke(main, ["clean", "--help"])
    assert result.exit_code == 0
    assert (
        "Exit status: 0 when every input was processed, 1 when some could not be read (each is listed, the others "
        "are still cleaned) or an output could not be written, 2 on a usage error, broken rule files or an output or "
        "cache folder refused before the first file, 130 on Ctrl-C and 143 on SIGTERM."
    ) in " ".join(result.output.split())


def test_python_dash_m_works() -> None:
    proc = subprocess.run([sys.executable, "-m", "cleaner", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stdout == f"cleaner, version {__version__}\n"
