"""Heavy engines (language model, word lists, pycorrector), built lazily and once per process.

Stages ask for an engine by name with the function that builds it; tests can pass a
`Resources` of their own, with fakes preloaded, to exercise glue code.

>>> resources = Resources()
>>> resources.get("answer", lambda: 42), resources.get("answer", lambda: 0)
(42, 42)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class Resources:
    """A per-process cache of engines, keyed by name."""

    def __init__(self, preloaded: dict[str, Any] | None = None) -> None:
        self._engines: dict[str, Any] = dict(preloaded or {})
        self._lock = threading.RLock()  # reentrant: one engine may be built from another

    def get(self, name: str, build: Callable[[], T]) -> T:
        with self._lock:
            if name not in self._engines:
                self._engines[name] = build()
            return self._engines[name]
