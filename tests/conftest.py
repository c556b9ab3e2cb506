"""Test settings: hypothesis draws the same examples on every run, so a CI run is reproducible.

`HYPOTHESIS_PROFILE=explore .venv/bin/python -m pytest tests/test_change_model.py` draws new
random examples on each run instead: that is how to hunt for new failures, which then become
fixed examples (`@example`) or rule cases.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
