"""cleaner: clean and correct OCR text of scanned Chinese newspapers.

The library API; the `cleaner` command is a thin layer over it. Heavy engines are imported
only when a stage needs them, so importing the package stays fast.

>>> from cleaner import clean_text
>>> clean_text("１２月").text
'12月'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "Change",
    "Document",
    "Finding",
    "Pipeline",
    "Result",
    "Status",
    "clean_paths",
    "clean_text",
    "load_rules",
    "replay",
    "undo",
]

if TYPE_CHECKING:
    from .batch_outputs import clean_paths
    from .edits import replay, undo
    from .model import Change, Document, Finding, Result, Status
    from .pipeline import Pipeline, clean_text
    from .rules import load_rules

_HOMES = {
    "clean_paths": "batch_outputs",
    "replay": "edits",
    "undo": "edits",
    "Change": "model",
    "Document": "model",
    "Finding": "model",
    "Result": "model",
    "Status": "model",
    "Pipeline": "pipeline",
    "clean_text": "pipeline",
    "load_rules": "rules",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(name)
