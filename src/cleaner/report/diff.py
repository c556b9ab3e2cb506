"""A unified diff of an original text and its corrected version, for `cleaner clean --diff`.

>>> print(unified_diff("a.txt", "第一行\\n好,的\\n", "第一行\\n好，的\\n"), end="")
--- a/a.txt
+++ b/a.txt
@@ -1,2 +1,2 @@
 第一行
-好,的
+好，的
"""

from __future__ import annotations

import difflib

NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(path: str, original: str, corrected: str, context: int = 3) -> str:
    """The diff as `diff -u` and `git apply` read it; empty when nothing changed.

    >>> unified_diff("a.txt", "x", "y").splitlines()[-4:]
    ['-x', '\\\\ No newline at end of file', '+y', '\\\\ No newline at end of file']
    """
    lines = difflib.unified_diff(_lines(original), _lines(corrected), f"a/{path}", f"b/{path}", n=context)
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:  # a last line without newline, marked the way patch tools expect
            out.append(line + "\n" + NO_NEWLINE)
    return "".join(out)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)
