"""Test archives on disk: pages written into a folder, and a folder read back as bytes to compare runs.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     root = write_pages(Path(folder) / "archive", {"1998/01.txt": "好", ".hidden": "x"})
...     sorted(file_bytes(root)), sorted(file_bytes(root, keep=lambda parts: parts[0] != ".hidden"))
(['.hidden', '1998/01.txt'], ['1998/01.txt'])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path


def write_pages(root: Path, pages: Mapping[str, str]) -> Path:
    """Write each page (relative path -> text) under ROOT as UTF-8; ROOT itself."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def file_bytes(folder: Path, keep: Callable[[tuple[str, ...]], bool] = lambda parts: True) -> dict[str, bytes]:
    """Every file below FOLDER whose relative path parts KEEP accepts, by relative path, as bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and keep(path.relative_to(folder).parts)
    }
