"""What a ``batch`` output folder keeps between runs: a manifest of the corpus it was made from, and a lock.

A resumed run skips the partitions already written, which is right only if
they were cut from the same articles the same way and resolved with the same
places. The manifest records the inputs (each file's path, size and
modification time), the partition size and the gazetteer (its index's key,
the user's places); when one differs, the finished partitions belong to
another corpus and are removed, and the run starts over (one line says so). Standard input
cannot be recognised again, so a run reading it always starts over. A folder
with ``parts/part-*`` but no manifest, or a ``manifest.json`` that is not one of
ours (or is damaged), was not written by bordermap: nothing in it is removed or
replaced, and the run stops.

The lock is an ``flock`` on ``DIR/.lock``: the system drops it when its
process dies (even by ``kill -9``), so a killed run never leaves a stale lock,
and a second run on the same folder stops with the first one's pid.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bordermap.errors import InputError
from bordermap.geo.reading import article_files

MANIFEST = "manifest.json"
#: What a partition folder holds; a partition of another version is redone (2: places and claims also as
#: GeoJSON features, serialised by the worker; 3: a places row per place per quote, with n_mentions and
#: mention_spans; 4: the corpus's last partition cut in four, so the partitions of a corpus are others).
PARTITION_VERSION = 4
LOCK = ".lock"


def _files(name: str) -> list[Path]:
    path = Path(name)
    return article_files(path) if path.is_dir() else [path]


def manifest(inputs: Iterable[str], partition_size: int) -> dict:
    """The corpus as a run sees it: every input file with its size and modification time."""
    files = []
    for name in inputs:
        if name == "-":
            files.append({"path": "-"})
            continue
        for path in _files(name):
            try:
                info = path.stat()
                files.append({"path": str(path.resolve()), "size": info.st_size, "mtime_ns": info.st_mtime_ns})
            except OSError:
                files.append({"path": str(path.absolute()), "missing": True})
    return {"version": PARTITION_VERSION, "partition_size": partition_size, "inputs": files,
            "gazetteer": _gazetteer_stamp()}


def _gazetteer_stamp() -> dict:
    """What the places of a partition were resolved with: the index's key (its code and data) and the user's
    own places (user.sqlite's size and modification time), so that partitions made before a ``gazetteer add``
    are not merged with the ones after it."""
    from bordermap.geo.gazetteer_index import index_key
    from bordermap.geo.user_places import user_db_path

    try:
        info = user_db_path().stat()
        user = [info.st_size, info.st_mtime_ns]
    except OSError:
        user = None
    return {"index": index_key(), "user_places": user}


def start_or_resume(out: Path, current: dict, parts: Path) -> str | None:
    """Keep the finished partitions of the same corpus; remove those of another. Returns the line to show
    when the run starts over, or None."""
    path = out / MANIFEST
    previous = None
    if path.exists():
        try:
            previous = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = None
        if not _written_by_bordermap(previous):  # another tool's manifest.json, or one damaged: not ours to replace
            raise InputError(f"{path} was not written by bordermap batch (or is damaged); nothing in {out} is "
                             "changed (use another --out, or move that file away)")
    finished = sorted(p for p in parts.glob("part-*") if p.is_dir()) if parts.is_dir() else []
    if finished and previous is None:  # not a folder this tool wrote: not ours to remove
        raise InputError(f"{parts} holds {len(finished)} part-* folder(s) but {out} has no {MANIFEST}: "
                         "it is not a batch folder of bordermap; nothing is removed "
                         "(use another --out, or remove that parts folder)")
    same = previous == current and not any(f["path"] == "-" for f in current["inputs"])
    message = None
    if finished and not same:
        same_corpus = previous and previous.get("inputs") == current["inputs"]
        if any(f["path"] == "-" for f in current["inputs"]):
            why = "standard input is read anew at every run"
        elif previous and previous.get("version") != current["version"]:
            why = "the partitions were written by another version of bordermap"
        elif same_corpus and previous.get("partition_size") == current["partition_size"]:
            why = "the gazetteer changed (places added, or another version of its data)"
        elif same_corpus:
            why = "the partition size changed"
        else:
            why = "the inputs changed"
            _refuse_a_corpus_with_nothing(current, out, len(finished))
        message = f"{why} since the last run in {out}: its {len(finished)} finished partition(s) are redone"
        for part in finished:
            shutil.rmtree(part)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(current, indent=1), encoding="utf-8")
    os.replace(temporary, path)
    return message


def _written_by_bordermap(previous: object) -> bool:
    """A manifest of this module (``manifest``): a JSON object with its keys (a manifest is written by rename,
    so a killed run never leaves half of one)."""
    return isinstance(previous, dict) and {"version", "partition_size", "inputs"} <= previous.keys() and \
        isinstance(previous["inputs"], list)


def _refuse_a_corpus_with_nothing(current: dict, out: Path, finished: int) -> None:
    """A run whose inputs changed to a missing file or to no article files at all (a mistyped path, an empty
    folder) would have removed the finished partitions, hours of work, for a corpus that cannot be read."""
    missing = [f["path"] for f in current["inputs"] if f.get("missing")]
    if missing or not current["inputs"]:
        what = f"{missing[0]}: no such file" if missing else "the inputs hold no article file"
        raise InputError(f"{what}; the {finished} finished partition(s) in {out} are kept (name the inputs of "
                         "that run to resume it, or another --out)")


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the folder's lock for the run; another run holding it is an error naming its pid."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise InputError(f"another bordermap batch (pid {other}) is writing {out}; wait for it, or use "
                             "another --out") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)
