"""One run at a time in an output folder: two runs writing the same OUTDIR share its temporary
files (`.report.json.part`), and the second takes the first's for a killed run's and sweeps them away.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> with output_lock(folder):
...     try:
...         with output_lock(folder):
...             pass
...     except OutputError as error:
...         print(str(error).removeprefix(str(folder)))
: another cleaner run is writing into this output folder; wait for it to finish, or give -o a folder of its own
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError
from .printable import printable


@contextmanager
def output_lock(outdir: Path) -> Iterator[None]:
    """Hold OUTDIR (made if need be) for this run, or raise an OutputError saying another run holds it.

    The lock is the kernel's on the folder itself (flock): it leaves no file behind, and a run
    killed with `kill -9` releases it as it dies, so a resumed run is never locked out. The folders it
    made are removed again if the run leaves them empty (its rules failed before the first file).

    >>> import tempfile
    >>> new = Path(tempfile.mkdtemp()) / "new" / "out"
    >>> with output_lock(new):
    ...     new.is_dir()
    True
    >>> new.parent.exists()
    False
    """
    missing = [path for path in (outdir, *outdir.parents) if not path.exists()]
    outdir.mkdir(parents=True, exist_ok=True)
    handle = os.open(outdir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"{printable(str(outdir))}: another cleaner run is writing into this output folder; "
                "wait for it to finish, or give -o a folder of its own"
            ) from None
        except OSError:  # a file system that keeps no locks (some network mounts): run unguarded, as before
            pass
        yield
    finally:
        for path in missing:  # deepest first; one that holds anything stays, and so do those above it
            try:
                path.rmdir()
            except OSError:
                break
        os.close(handle)  # releases the lock
