"""Another commit of this repository, checked out beside it, so that a baseline is measured in the same run."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@contextmanager
def checked_out(rev: str, folder: Path) -> Iterator[Path]:
    """A detached git worktree of ``rev`` at ``folder``, removed afterwards, also when the run fails (a worktree
    left behind stays registered in the repository)."""
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(folder), rev], check=True,
                   capture_output=True)
    try:
        yield folder
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(folder)], check=False,
                       capture_output=True)
