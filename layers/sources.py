"""The same event told by articles of different partitions of a corpus: one feature, every source quoted.

Within a partition, ``frames.build`` merges the events of its articles (``events.merge``). A corpus run
writes partitions apart, so the same closure told by two articles in two partitions would stay two
features. Here the event layers' rows of every partition are merged by the rule ``events`` uses across
articles, read from the columns: the same type, the same place (the site's name and border for a point,
both ends for a route), the same status, dates given by both that overlap ("2023-02" and "2023-02-16"),
a modality that agrees (asserted and claimed do) and actors with a word in common.

Memory does not grow with the corpus: rows go to hash buckets on disk by their place key (the key of a
merge never spans two buckets), and one bucket at a time is merged.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from pathlib import Path

#: Layers whose rows are events.
EVENT_LAYERS = ("crossings", "routes", "events")
#: Rows merged in memory at once: a bucket holds about this many.
ROWS_PER_BUCKET = 50_000
#: The columns that say where an event is, per layer (with its type and status: a row's place key).
PLACE_COLUMNS = {"crossings": ("name", "sides", "status"), "events": ("name", "sides", "status"),
                 "routes": ("origin", "target", "origin_country", "target_country")}
ASSERTED_OR_CLAIMED = {"asserted", "claimed"}


def merged_partitions(layer: str, paths: list[Path], workdir: Path) -> Iterator[object]:
    """The layer's rows of every partition file, the same event of several partitions merged into one row;
    frames in bucket order, each sorted by article and offset."""
    import geopandas
    import pyarrow.parquet as pq

    total = sum(pq.read_metadata(p).num_rows for p in paths)
    if total == 0:
        return
    buckets = max(1, math.ceil(total / ROWS_PER_BUCKET))
    if buckets == 1:
        frames = [f for f in (geopandas.read_parquet(p) for p in paths) if len(f)]
        yield merge_rows(layer, geopandas.pd.concat(frames, ignore_index=True))
        return
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=f".{layer}-buckets-", dir=workdir))
    try:
        for i, path in enumerate(paths):
            frame = geopandas.read_parquet(path)
            if not len(frame):
                continue
            bucket = [_bucket(key, buckets) for key in _place_keys(layer, frame)]
            for b, piece in frame.groupby(bucket, sort=True):
                piece.to_parquet(folder / f"{b:05d}-{i:06d}.parquet")
        for b in range(buckets):
            pieces = sorted(folder.glob(f"{b:05d}-*.parquet"))
            if pieces:
                yield merge_rows(layer, geopandas.pd.concat([geopandas.read_parquet(p) for p in pieces],
                                                            ignore_index=True))
                for piece in pieces:
                    piece.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def merge_rows(layer: str, frame):
    """One row per event of an event layer's frame (see the module's docstring)."""
    import geopandas

    if not len(frame):
        return frame
    merged: dict[tuple, list[dict]] = {}
    for key, row in zip(_place_keys(layer, frame), frame.to_dict("records"), strict=True):
        group = merged.setdefault(key, [])
        into = next((r for r in group if _same_event(r, row)), None)
        if into is None:
            group.append(row)
        else:
            _absorb(into, row)
    rows = sorted((r for group in merged.values() for r in group),
                  key=lambda r: (str(r["article_id"]), _plain(r["evidence_start"]) or 0))
    result = geopandas.GeoDataFrame(rows, columns=list(frame.columns), geometry="geometry", crs=frame.crs)
    return result.astype(frame.dtypes.to_dict())


def _place_keys(layer: str, frame) -> list[tuple]:
    columns = ["event_type", *PLACE_COLUMNS[layer]]
    return [tuple(_plain(v) for v in values) for values in zip(*(frame[c] for c in columns), strict=True)]


def _plain(value):
    """A cell as a key part: missing values (None, NaN, pandas.NA) are all None."""
    import pandas

    return None if value is None or (not isinstance(value, str) and pandas.isna(value)) else value


def _bucket(key: tuple, buckets: int) -> int:
    digest = hashlib.blake2b(repr(key).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % buckets


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _same_event(a: dict, b: dict) -> bool:
    """``events._same_event`` across articles, on rows: both dated and overlapping, modalities that agree,
    actors with a word in common."""
    da, db = _text(a["date"]), _text(b["date"])
    if not (da and db) or not (da.startswith(db) or db.startswith(da)):
        return False
    if a["modality"] != b["modality"] and not {a["modality"], b["modality"]} <= ASSERTED_OR_CLAIMED:
        return False
    actor_a, actor_b = _text(a["actor"]), _text(b["actor"])
    return not (actor_a and actor_b and not _content_words(actor_a) & _content_words(actor_b))


def _content_words(actor: str) -> set[str]:
    return {w.lower().strip("’'s") for w in actor.split() if len(w) > 2}


def _absorb(into: dict, row: dict) -> None:
    """``events._absorb`` on rows: every source kept and counted, the more precise date, asserted once
    asserted, more confident."""
    quoted = [*(_text(into["evidence"]) or "").split(" … "), *(_text(row["evidence"]) or "").split(" … ")]
    into["evidence"] = " … ".join(q for q in dict.fromkeys(quoted) if q)
    ids = list(dict.fromkeys([*str(into["article_ids"] or into["article_id"]).split(","),
                              *str(row["article_ids"] or row["article_id"]).split(",")]))
    into["article_ids"], into["n_sources"] = ",".join(ids), len(ids)
    if len(_text(row["date"]) or "") > len(_text(into["date"]) or ""):
        into["date"], into["time_precision"] = row["date"], row["time_precision"]
    if row["modality"] == "asserted":
        into["modality"] = "asserted"
    if not _text(into["claimed_by"]):
        into["claimed_by"] = row["claimed_by"]
    if not _text(into["actor"]) and _text(row["actor"]):
        into["actor"], into["actor_country"] = row["actor"], row["actor_country"]
    into["confidence"] = round(min(0.95, max(into["confidence"], row["confidence"]) + 0.05), 2)
