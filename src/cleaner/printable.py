"""File names as a person or a CI log reads them: a control character (a newline in a name) escaped,
so that one path stays on one line in messages, summaries, report.csv and the check formats.

report.json keeps each name as it is (JSON escapes control characters itself, and reads them back).

>>> printable("第1版\\n续.txt")
'第1版\\\\n续.txt'
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the line and paragraph separators some viewers break lines at
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """TEXT with each control character written as an escape (\\n, \\t, \\x1b, \\u2028).

    >>> printable("a\\tb\\x1b.txt"), printable("报纸/a.txt")
    ('a\\\\tb\\\\x1b.txt', '报纸/a.txt')
    """
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda found: _NAMED.get(found[0]) or found[0].encode("unicode_escape").decode(), text)
