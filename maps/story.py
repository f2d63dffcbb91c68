"""What the map shows first: one marker per place, labels worth reading, a colour per actor, a view on the story.

The layers keep one row per place per quoted sentence and one per event (that
is what a GIS user filters); a reader wants one marker per place with every sentence that names
it, the names of the crossings and of the ends of the routes written on the
map, and the routes of one country in one colour. This module turns layers
into that, as plain data the page draws (``maps/assets/bordermap.js``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bordermap.layers.frames import Layers

#: Route colours per actor group, in order of how many events the group has: the Okabe-Ito palette, which
#: stays distinct for colour-blind readers (https://jfly.uni-koeln.de/color/). Actors of no known country,
#: and groups past the palette, are grey.
ACTOR_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
OTHER_ACTORS = "#7f7f7f"
#: Places of these kinds are the article's context, not its story: they never decide the first view.
AREA_KINDS = ("country", "region", "area", "water")
#: Labelled places of each article, by mention count (crossings and route ends are always labelled).
LABELLED_PLACES = 8
#: Places of each article, by mention count, that the first view shows with the events.
FRAMED_PLACES = 5
#: Labels on one map at most; the page hides those that collide at each zoom.
MAX_LABELS = 300
#: A label's rank: higher ranks are placed first when labels collide.
CROSSING_RANK, ROUTE_END_RANK, PLACE_RANK = 1000, 500, 100


@dataclass(frozen=True)
class ActorGroup:
    """The actors of one country: one colour on the map and one row in the legend."""

    code: str | None
    name: str
    colour: str
    events: int


#: Columns of a mention that the one marker of its place does not keep (its sentences are in ``quotes``).
_MENTION_COLUMNS = ("text", "start", "end", "n_mentions", "mention_spans", "evidence", "evidence_start", "evidence_end")


def distinct_places(places):
    """One row per place per article: how often it is named, as which words, and every sentence naming it
    (``quotes``: the sentence and the spans of the mentions in it). The other columns are those of the
    place's most confident mention."""
    import geopandas

    if places is None or len(places) == 0:
        return geopandas.GeoDataFrame({"mentions": []}, geometry=[], crs="EPSG:4326")
    frame = places.reset_index(drop=True)
    keys = [frame["article_id"], frame["name"], frame["kind"], frame.geometry.x.round(6), frame.geometry.y.round(6)]
    group = frame.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    quotes: list[dict[tuple, list[list[int]]]] = [{} for _ in range(group.max() + 1)]
    texts: list[dict[str, None]] = [{} for _ in range(len(quotes))]
    for g, text, sentence, at, spans in zip(group, frame["text"], frame["evidence"], frame["evidence_start"],
                                            frame["mention_spans"], strict=True):
        quoted = quotes[g].setdefault((sentence, int(at)), [])
        for span in spans.split():
            start, end = map(int, span.split("-"))
            quoted.append([start - int(at), end - int(at)])
        texts[g][str(text)] = None
    best = frame.assign(_group=group).sort_values(["_group", "confidence"], ascending=[True, False], kind="stable")
    best = best.drop_duplicates("_group").set_index("_group").sort_index()
    distinct = best.drop(columns=[c for c in _MENTION_COLUMNS if c in best.columns]).reset_index(drop=True)
    distinct["mentions"] = [sum(len(spans) for spans in q.values()) for q in quotes]
    distinct["texts"] = [", ".join(t) for t in texts]
    distinct["quotes"] = [[[sentence, spans] for (sentence, _), spans in q.items()] for q in quotes]
    return geopandas.GeoDataFrame(distinct, geometry="geometry", crs="EPSG:4326")


def actor_groups(layers: Layers, country_names: dict[str, str]) -> list[ActorGroup]:
    """The actor groups of the events, the busiest first, each with its colour from ``ACTOR_PALETTE``."""
    counts: Counter = Counter()
    for name in ("routes", "crossings", "events"):
        frame = getattr(layers, name)
        if len(frame) and "actor_country" in frame.columns:
            counts.update(None if not isinstance(code, str) else code for code in frame["actor_country"])
    ordered = sorted((code for code in counts if code), key=lambda code: (-counts[code], code))
    groups = [ActorGroup(code, country_names.get(code, code), ACTOR_PALETTE[i] if i < len(ACTOR_PALETTE)
                         else OTHER_ACTORS, counts[code]) for i, code in enumerate(ordered)]
    if counts[None]:
        groups.append(ActorGroup(None, "other actors", OTHER_ACTORS, counts[None]))
    return groups


def _top_places(places, limit: int, kinds_out: tuple[str, ...]):
    """The most named places of each article, leaving out the given kinds."""
    if len(places) == 0:
        return places
    shown = places[~places["kind"].isin(kinds_out)]
    ranked = shown.sort_values(["article_id", "mentions", "confidence"], ascending=[True, False, False])
    return ranked.groupby("article_id", sort=False).head(limit)


def labels(layers: Layers, places) -> list[dict]:
    """Names to write on the map: crossings, the ends of routes, each article's most named places; the same
    words once, at their best rank."""
    found: dict[str, dict] = {}

    def add(text, lat: float, lon: float, rank: float, style: str) -> None:
        if not isinstance(text, str) or not text.strip():
            return
        key = text.casefold()
        if key not in found or found[key]["rank"] < rank:
            found[key] = {"text": text, "lat": round(lat, 6), "lon": round(lon, 6), "rank": rank, "style": style}

    for row in layers.crossings.itertuples():
        add(row.name, row.geometry.y, row.geometry.x, CROSSING_RANK, "crossing")
    for row in layers.routes.itertuples():
        coords = list(row.geometry.coords)
        add(row.origin, coords[0][1], coords[0][0], ROUTE_END_RANK, "route")
        if not isinstance(row.target_direction, str) or not row.target_direction:
            add(row.target, coords[-1][1], coords[-1][0], ROUTE_END_RANK, "route")
    if len(places):
        for row in _top_places(places, LABELLED_PLACES, AREA_KINDS).itertuples():
            add(row.name, row.geometry.y, row.geometry.x, PLACE_RANK + row.mentions, "place")
        for row in places[places["kind"] == "country"].itertuples():
            add(row.name, row.geometry.y, row.geometry.x, row.mentions, "country")
    ranked = sorted(found.values(), key=lambda label: -label["rank"])
    return ranked[:MAX_LABELS]


def story_bounds(layers: Layers, places) -> list[list[float]] | None:
    """The first view: the events, and each article's most named towns and cities; never a country's point
    (Russia's lies in Siberia), unless the map has nothing else."""
    import numpy

    boxes = [frame.total_bounds for name, frame in layers.items() if name in ("crossings", "routes", "events") and len(frame)]
    top = _top_places(places, FRAMED_PLACES, AREA_KINDS)
    if len(top):
        boxes.append(top.total_bounds)
    if not boxes and len(places):
        boxes.append(places.total_bounds)
    if not boxes:
        return None
    stacked = numpy.array(boxes)
    west, south = stacked[:, 0].min(), stacked[:, 1].min()
    east, north = stacked[:, 2].max(), stacked[:, 3].max()
    return [[float(south), float(west)], [float(north), float(east)]]
