"""A JSON document written with one of its top-level lists streamed item by item: the text `json.dumps(document,
ensure_ascii=False, indent=1)` makes of the whole, without the list in memory (report.json's failures, a baseline's
findings: one item a file or a finding of an archive).

>>> document = {"a": 1, "items": iter([{"x": 1}, {"x": "好"}]), "b": []}
>>> text = "".join(json_chunks(document, "items"))
>>> text == json.dumps({"a": 1, "items": [{"x": 1}, {"x": "好"}], "b": []}, ensure_ascii=False, indent=1)
True
>>> "".join(json_chunks({"items": iter([])}, "items"))
'{\\n "items": []\\n}'
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from typing import Any

# report.json's first line: readers (the replay, an input walk's test for an earlier run's outputs) look for it
REPORT_OPENING = b'{"documents": ['


def json_chunks(document: dict[str, Any], key: str) -> Iterator[str]:
    """The pieces of DOCUMENT's indented JSON text, its list under KEY (any iterable) written one item at a time."""
    empty = f"{json.dumps(key)}: []"
    head, tail = json.dumps({**document, key: []}, ensure_ascii=False, indent=1).split(empty, 1)
    yield head
    opened = False
    for item in document[key]:
        yield ",\n" if opened else empty[:-1] + "\n"
        yield textwrap.indent(json.dumps(item, ensure_ascii=False, indent=1), "  ")
        opened = True
    yield "\n ]" if opened else empty
    yield tail
