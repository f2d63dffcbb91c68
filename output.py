"""Where bordermap writes: refuse what is not a file, write through a symlink, say which path failed.

Every output is written to a temporary file beside its target and renamed
over it, so a reader never sees half a file. Renaming over a device node or
a FIFO would replace it (as root, ``-o /dev/full`` replaced the device), and
renaming over a symlink would replace the link: so a symlink is followed to
the file it names, anything else that is not a regular file is refused, and
an ``OSError`` becomes one line naming the path.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from bordermap.errors import OutputError

#: Characters that reorder what a terminal, a browser tab or a map label shows (an article titled
#: "Report \u202efdp.exe" reads "Report exe.pdf"): Unicode's bidirectional marks, embeddings and isolates, as a
#: regular-expression class body.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"


def output_file(path: str | Path) -> Path:
    """The regular file to write for ``path``: the target of a symlink; a device, FIFO or folder is refused."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        kind = "a folder" if path.is_dir() else "not a regular file (a device, FIFO or socket)"
        raise OutputError(f"{path} is {kind}: name a file to write")
    if path.parent.exists() and not path.parent.is_dir():
        raise OutputError(f"cannot write {path}: {path.parent} is a file, not a folder")
    return path


def output_dir(path: str | Path, create: bool = True) -> Path:
    """The folder to write into, created if missing (unless ``create`` is false: a check before other files are
    written); an existing file there is refused."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path} is not a folder: name the folder the files go to")
    if not create:
        return path
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {path}: {exc.strerror or exc}") from None
    return path


def os_error(path: Path, exc: OSError) -> OutputError:
    """One line for a failed write: the path and what the system said (full disk, read-only, ...)."""
    return OutputError(f"cannot write {path}: {exc.strerror or exc}")


def write_atomically(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary_path)``, then rename the file over ``path``; nothing is left behind on failure."""
    target = output_file(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
    except OSError as exc:
        raise os_error(target, exc) from None
    temporary = Path(name)
    try:
        write(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as exc:
        raise os_error(target, exc) from None
    finally:
        if temporary.exists():
            temporary.unlink()
    return target
