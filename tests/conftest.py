"""Test settings: hypothesis draws the same examples on every run, so a CI run is reproducible.

`HYPOTHESIS_PROFILE=explore .venv/bin/python -m pytest tests/test_change_model.py` draws new
random examples on each run instead: that is how to hunt for new failures, which then become
fixed examples (`@example`) or rule cases.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from cli_runs import clean_folder, clean_seed

settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample page cleaned, once per test module (`cleaner apply`'s tests decide on its report)."""
    return clean_seed(tmp_path_factory.mktemp("seed") / "out")


@pytest.fixture(scope="module")
def folder_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder of the sample page and a page the cleaner leaves as it is, cleaned: (folder, outputs)."""
    return clean_folder(tmp_path_factory.mktemp("pages") / "pages")
