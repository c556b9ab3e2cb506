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
# ...and, where a piece of text is shown rather than a name, the characters that print as nothing: a BOM, the
# zero-width ones, a soft hyphen, the bidirectional marks (what N106 removes, shown as an empty pair of quotes)
_CONTROL_OR_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, invisible: bool = False) -> str:
    """TEXT with each control character (and, if INVISIBLE, each that prints as nothing) written as an escape
    (\\n, \\t, \\x1b, \\u2028, \\u200b).

    >>> printable("a\\tb\\x1b.txt"), printable("报纸/a.txt"), printable("\\u200b", invisible=True)
    ('a\\\\tb\\\\x1b.txt', '报纸/a.txt', '\\\\u200b')
    """
    pattern = _CONTROL_OR_INVISIBLE if invisible else _CONTROL
    if not pattern.search(text):
        return text
    return pattern.sub(lambda found: _NAMED.get(found[0]) or found[0].encode("unicode_escape").decode(), text)
