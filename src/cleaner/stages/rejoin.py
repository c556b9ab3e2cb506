"""The rejoin stage: arrives with its own issue; until then it finds nothing.

>>> find("文本", None)
[]
"""

from __future__ import annotations

from typing import Any

from ..model import Finding


def find(text: str, context: Any) -> list[Finding]:
    return []
