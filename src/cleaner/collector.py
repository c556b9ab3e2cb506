"""The garbage collector set for cleaning, in a process that only cleans: a local worker, or the `cleaner` program's.

A library's caller keeps its own settings: `run_chunk` settles the collector only where `own_collector` was called
(the program's entry point and a local worker's start), never in a process that merely imports cleaner.

>>> before, owned = gc.get_threshold(), _OWNED.is_set()
>>> _OWNED.clear(); settle_if_owned(); gc.get_threshold() == before  # a library's caller: left alone
True
>>> own_collector(); settle_if_owned(); gc.get_threshold()[0] == YOUNG_COLLECTION
True
>>> gc.unfreeze(); gc.set_threshold(*before); _SETTLED.clear(); _OWNED.set() if owned else _OWNED.clear()
"""

from __future__ import annotations

import gc
import threading

# A chunk's cleaning makes this many container objects between two young collections of the garbage collector
# (Python's default, 700, ran one every few findings; `settle_collector`).
YOUNG_COLLECTION = 10_000
_OWNED = threading.Event()
_SETTLED = threading.Event()


def own_collector() -> None:
    """Say that this process only cleans, so its first cleaned chunk may settle the collector (`settle_if_owned`)."""
    _OWNED.set()


def settle_if_owned() -> None:
    """`settle_collector`, once, in a process that `own_collector` says only cleans; elsewhere nothing."""
    if _OWNED.is_set() and not _SETTLED.is_set():
        settle_collector()


def settle_collector() -> None:
    """Set the garbage collector for cleaning, once a process has cleaned its first chunk: what is alive then (the
    rules, the engines, the word lists) is frozen out of its full collections, which read every object alive, and
    young collections come every YOUNG_COLLECTION new objects. Over the 1M archive in one process the collector took
    0.31 CPU-s of 9.6 with Python's defaults, 0.10 so (twenty-sixth session); the outputs are the same.
    """
    _SETTLED.set()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])
