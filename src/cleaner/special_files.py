"""Inputs that are no regular file (a named pipe, a socket, a device) refused before they are read:
reading a pipe waits for a writer, and reading /dev/zero never ends, so one would stall a batch.

>>> str(special_file_error("in/pipe.txt", stat.S_IFIFO))
'in/pipe.txt: is a named pipe (FIFO), not a file; give the file it stands for, or move it out of the input folder'
"""

from __future__ import annotations

import stat

from .errors import InputError


def special_file_error(shown: str, mode: int) -> InputError:
    """The error of an input at SHOWN whose st_mode is MODE and that is no regular file nor folder."""
    if stat.S_ISFIFO(mode):
        kind = "a named pipe (FIFO)"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    else:
        kind = "no regular file"
    return InputError(shown, f"is {kind}, not a file; give the file it stands for, or move it out of the input folder")
