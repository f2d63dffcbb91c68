"""The same event told by articles of different partitions of a corpus: one feature, every source quoted.

Within a partition, ``frames.build`` merges the events of its articles (``events.merge``). A corpus run
writes partitions apart, so the same closure told by two articles in two partitions would stay two
features. Here the event layers' rows of every partition are merged by the rule ``events`` uses across
articles, read from the columns: the same type and place (a point's name and border; a route's two
countries, and its ends unless both name different places below country level), no opposite states
(opened and closed), dates given by both that overlap ("2023-02" and "2023-02-16"), modalities that
agree (asserted and claimed do) and actors with a word in common. What row-level merging cannot see: the
place ids behind the names (two places of one name and border are one), and the order of sentences
(the confidence adds 0.05 per source absorbed, whatever the partitioning).

Memory does not grow with the corpus: rows go to hash buckets on disk by their place key (a merge never
spans two buckets), and one bucket at a time is merged; a bucket holds about ROWS_PER_BUCKET rows, more
when one place is told by very many articles (all its rows share a bucket).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from bordermap.layers.events import actor_rank, content_words, modalities_agree, opposite_states

#: Layers whose rows are events.
EVENT_LAYERS = ("crossings", "routes", "events")
#: Rows merged in memory at once: a bucket holds about this many.
ROWS_PER_BUCKET = 50_000
#: The columns that say where an event is, per layer (with its type: a row's place key).
PLACE_COLUMNS = {"crossings": ("name", "sides"), "events": ("name", "sides"),
                 "routes": ("origin_country", "target_country")}
#: A merged event's status: the most specific one its sources give (as ``events`` keeps it).
STATUS_RANK = {"closed_one_side": 3, "closed": 2, "open": 1}


def merged_partitions(layer: str, paths: list[Path], workdir: Path) -> Iterator[object]:
    """The layer's rows of every partition file, the same event of several partitions merged into one row;
    frames in bucket order, each sorted by article and offset."""
    import pyarrow.parquet as pq

    from bordermap.layers.frames import read_layer

    total = sum(pq.read_metadata(p).num_rows for p in paths)
    if total == 0:
        return
    buckets = max(1, math.ceil(total / ROWS_PER_BUCKET))
    if buckets == 1:
        yield merge_rows(layer, read_layer(paths))
        return
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=f".{layer}-buckets-", dir=workdir))
    try:
        for i, path in enumerate(paths):
            frame = read_layer([path])
            if not len(frame):
                continue
            bucket = [_bucket(key, buckets) for key in _place_keys(layer, frame)]
            for b, piece in frame.groupby(bucket, sort=True):
                piece.to_parquet(folder / f"{b:05d}-{i:06d}.parquet")
        for b in range(buckets):
            pieces = sorted(folder.glob(f"{b:05d}-*.parquet"))
            if pieces:
                yield merge_rows(layer, read_layer(pieces))
                for piece in pieces:
                    piece.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def merge_rows(layer: str, frame):
    """One row per event of an event layer's frame (see the module's docstring)."""
    from bordermap.layers.frames import layer_frame

    if not len(frame):
        return frame
    merged: dict[tuple, list[dict]] = {}
    for key, row in zip(_place_keys(layer, frame), frame.to_dict("records"), strict=True):
        group = merged.setdefault(key, [])
        into = next((r for r in group if _same_event(layer, r, row)), None)
        if into is None:
            group.append(row)
        else:
            _absorb(into, row)
    rows = sorted((r for group in merged.values() for r in group),
                  key=lambda r: (str(r["article_id"]), _plain(r["evidence_start"]) or 0))
    return layer_frame(layer, [{k: _plain(v) for k, v in r.items() if k != "geometry"} for r in rows],
                       [r["geometry"] for r in rows])


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


def _same_event(layer: str, a: dict, b: dict) -> bool:
    """``events._same_event`` across articles, on rows (see the module's docstring)."""
    da, db = _text(a["date"]), _text(b["date"])
    if not (da and db) or not (da.startswith(db) or db.startswith(da)):
        return False
    if layer == "routes" and not _same_ends(a, b):
        return False
    if layer != "routes" and opposite_states(_text(a["status"]), _text(b["status"])):
        return False
    if not modalities_agree(a["modality"], b["modality"]):
        return False
    actor_a, actor_b = _text(a["actor"]), _text(b["actor"])
    return not (actor_a and actor_b and not content_words(actor_a) & content_words(actor_b))


def _same_ends(a: dict, b: dict) -> bool:
    """"Ukraine" and "Kyiv" can be one end; "Izium" and "Kupiansk" cannot."""
    for end in ("origin", "target"):
        x, y, country = a[end], b[end], a[f"{end}_country"]
        if x != y and x != _country_name(country) and y != _country_name(country):
            return False
    return True


@lru_cache(maxsize=512)
def _country_name(code: str | None) -> str | None:
    """The name a route's end has when it is its country (the gazetteer's country entry)."""

    country = _gazetteer().country(code) if code else None
    return country.name if country is not None else None


@lru_cache(maxsize=1)
def _gazetteer():
    from bordermap.geo.gazetteer import OfflineGazetteer

    return OfflineGazetteer()


def _source_ids(row: dict) -> list[str]:
    """The row's article ids as ``frames.joined_ids`` wrote them (encoded: a comma always separates two)."""
    from bordermap.layers.frames import joined_ids

    return (_text(row["article_ids"]) or joined_ids([row["article_id"]])).split(",")


def _absorb(into: dict, row: dict) -> None:
    """``events._absorb`` on rows: every source kept and counted, the more precise date, the best actor, a
    route's town end for its country end, the most specific status, asserted once asserted, 0.05 more
    confident per source absorbed."""
    quoted = [*(_text(into["evidence"]) or "").split(" … "), *(_text(row["evidence"]) or "").split(" … ")]
    into["evidence"] = " … ".join(q for q in dict.fromkeys(quoted) if q)
    ids = list(dict.fromkeys([*_source_ids(into), *_source_ids(row)]))
    absorbed = len(ids) - len(_source_ids(into))
    into["article_ids"], into["n_sources"] = ",".join(ids), len(ids)
    if len(_text(row["date"]) or "") > len(_text(into["date"]) or ""):
        into["date"], into["time_precision"] = row["date"], row["time_precision"]
    if actor_rank(_text(row["actor"])) > actor_rank(_text(into["actor"])):
        into["actor"], into["actor_country"] = row["actor"], row["actor_country"] or into["actor_country"]
    for end in ("origin", "target") if "origin" in into else ():  # "Ukraine" told once, "Kyiv" once: Kyiv
        if into[end] != row[end] and into[end] == _country_name(into[f"{end}_country"]):
            into[end], into["geometry"], into["length_km"] = row[end], row["geometry"], row["length_km"]
            into["target_direction"] = row["target_direction"]
    if "status" in into and STATUS_RANK.get(_text(row["status"]), 0) > STATUS_RANK.get(_text(into["status"]), 0):
        into["status"] = row["status"]
    if row["modality"] == "asserted":
        into["modality"] = "asserted"
    if not _text(into["claimed_by"]):
        into["claimed_by"] = row["claimed_by"]
    into["confidence"] = round(min(0.95, max(into["confidence"], row["confidence"]) + 0.05 * absorbed), 2)
