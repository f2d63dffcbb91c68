"""Articles -> GeoDataFrames: places, crossings, routes, events, borders, claims.

Every feature drawn from text carries the article id, the evidence sentence
with its offsets and a confidence; event features also carry type, actor and
date. All layers are EPSG:4326 and keep their column schema when empty, so
an article without places still yields valid (empty) layers and files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from itertools import combinations

from bordermap.geo.article import Article
from bordermap.geo.natural_earth import km_to_border, neighbours
from bordermap.layers import geometry as G
from bordermap.layers.context import LOCAL_KM, ArticleContext, article_context
from bordermap.layers.events import Event, extract_events_of, merge
from bordermap.layers.placement import event_point, route_ends

CRS = "EPSG:4326"

#: Column schema of each layer (geometry column apart), as documented in the README.
_EVENT_COLUMNS = {
    "modality": "str", "claimed_by": "str", "geo_precision": "Int64", "time_precision": "Int64", "n_sources": "Int64",
    "article_ids": "str",
}
SCHEMA: dict[str, dict[str, str]] = {
    "places": {
        "article_id": "str", "name": "str", "text": "str", "mention": "str", "kind": "str", "country_code": "str",
        "geonameid": "Int64", "confidence": "float", "reason": "str", "start": "Int64", "end": "Int64",
        "n_mentions": "Int64", "mention_spans": "str", "evidence": "str", "evidence_start": "Int64",
        "evidence_end": "Int64", "title": "str", "url": "str",
        "published": "str",
    },
    "crossings": {
        "article_id": "str", "event_type": "str", "name": "str", "status": "str", "actor": "str",
        "actor_country": "str", "date": "str", "sides": "str", "border_distance_km": "float", **_EVENT_COLUMNS, "confidence": "float", "evidence": "str",
        "evidence_start": "Int64", "evidence_end": "Int64", "title": "str", "url": "str", "published": "str",
    },
    "routes": {
        "article_id": "str", "event_type": "str", "actor": "str", "actor_country": "str", "date": "str",
        "origin": "str", "target": "str", "origin_country": "str", "target_country": "str", "target_direction": "str", "length_km": "float",
        **_EVENT_COLUMNS, "confidence": "float", "evidence": "str", "evidence_start": "Int64", "evidence_end": "Int64",
        "title": "str", "url": "str", "published": "str",
    },
    "events": {
        "article_id": "str", "event_type": "str", "name": "str", "status": "str", "actor": "str",
        "actor_country": "str", "date": "str", "sides": "str", **_EVENT_COLUMNS, "confidence": "float", "evidence": "str", "evidence_start": "Int64",
        "evidence_end": "Int64", "title": "str", "url": "str", "published": "str",
    },
    "borders": {
        "name": "str", "country_a": "str", "country_b": "str", "length_km": "float", "reference_km": "float",
        "reference_source": "str", "article_ids": "str",
    },
    "claims": {
        "article_id": "str", "name": "str", "stated_km": "float", "reference_km": "float", "computed_km": "float",
        "difference_pct": "float", "verdict": "str", "reference_source": "str", "evidence": "str",
        "evidence_start": "Int64", "evidence_end": "Int64",
    },
}
#: Stated lengths of a border: "1,000-kilometer (621-mile) Ukrainian-Belarusian border".
LENGTH_CLAIM = re.compile(
    r"(?P<value>\d{1,3}(?:,\d{3})*(?:\.\d+)?)[\s-]*(?P<unit>kilometers?|kilometres?|km|miles?|mi)\b[^.]{0,60}?\bborder",
    re.IGNORECASE)
#: Modalities the layers show unless asked for every event.
SHOWN_MODALITIES = ("asserted", "claimed")
#: A stated length within this share of the reference is "consistent".
CLAIM_TOLERANCE = 0.15
LAYER_NAMES = tuple(SCHEMA)


@dataclass
class Layers:
    """The GeoDataFrames of one or many articles."""

    places: object
    crossings: object
    routes: object
    events: object
    borders: object
    claims: object

    def items(self):
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def layer_frame(name: str, rows: list[dict], geometries: list):
    """A layer's GeoDataFrame with its documented columns and dtypes, even when empty."""
    import geopandas
    import pandas

    columns = SCHEMA[name]
    data = pandas.DataFrame(rows, columns=list(columns))
    for column, dtype in columns.items():
        if dtype == "str":  # pandas 3 infers its string dtype, whose missing value is NaN: keep None
            data[column] = pandas.Series([v if isinstance(v, str) else None for v in data[column]], dtype="object")
        else:
            data[column] = data[column].astype(dtype)
    return geopandas.GeoDataFrame(data, geometry=geopandas.GeoSeries(geometries, crs=wgs84()), crs=wgs84())


@lru_cache(maxsize=1)
def wgs84():
    """The layers' CRS as one pyproj object, built once: pyproj builds it from a GeoParquet file's PROJJSON in
    about 20 ms, which was a quarter of a corpus merge (180 partition files of 3,000 articles)."""
    from pyproj import CRS as ProjCRS

    return ProjCRS.from_user_input(CRS)


def read_layer(paths: list):
    """The rows of one layer's files written by ``frame.to_parquet`` (corpus partitions), in order, as one
    frame: as ``geopandas.read_parquet`` reads a file but with the layers' CRS object instead of one parsed from
    the file's metadata, and converted to pandas once for all the files (each conversion costs 3 ms, which
    was a third of a merge; minutes, for a corpus of thousands of partitions)."""
    import geopandas
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely

    tables = [pq.read_table(path) for path in paths]
    table = tables[0] if len(tables) == 1 else pa.concat_tables(tables, promote_options="permissive")
    geometry = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    return geopandas.GeoDataFrame(table.drop(["geometry"]).to_pandas(), geometry=geometry, crs=wgs84())


def _article_fields(article: Article) -> dict:
    return {"article_id": article.id, "title": article.title, "url": article.url, "published": article.date}


def _evidence_fields(event: Event) -> dict:
    first = event.evidence[0]
    return {"evidence": event.evidence_text, "evidence_start": first.start, "evidence_end": first.end}


def _place_rows(article: Article, rows: list, geoms: list) -> None:
    """One row per place per quote: the same words for the same place in one quoted sentence are one fact,
    counted in ``n_mentions`` and located by ``mention_spans``; ``start`` and ``end`` are the first mention's,
    ``confidence`` and ``reason`` the most confident one's."""
    from shapely.geometry import Point

    facts: dict[tuple, list] = {}
    for m in article.places:
        where = m.where  # "northern Norway": the part of Norway its qualifier names
        quote = article.quote_span(m.start, m.end)
        key = (m.text, m.kind, where.name, where.kind, m.place.geonameid, where.lon, where.lat, quote)
        facts.setdefault(key, []).append(m)
    for (_, _, name, kind, _, lon, lat, (start, end)), mentions in facts.items():
        first, best = mentions[0], max(mentions, key=lambda m: m.confidence)
        rows.append({
            **_article_fields(article), "name": name, "text": first.text, "mention": first.kind, "kind": kind,
            "country_code": first.place.country_code, "geonameid": first.place.geonameid,
            "confidence": best.confidence, "reason": best.reason, "start": first.start, "end": first.end,
            "n_mentions": len(mentions), "mention_spans": " ".join(f"{m.start}-{m.end}" for m in mentions),
            "evidence": article.text[start:end], "evidence_start": start, "evidence_end": end,
        })
        geoms.append(Point(lon, lat))


def pair_name(codes) -> str | None:
    """A border pair written one way in every layer: sorted ISO codes joined by an ASCII hyphen ("BY-UA")."""
    codes = sorted(c for c in codes if c)
    return "-".join(codes) if len(codes) == 2 else None


def joined_ids(ids) -> str:
    """An ``article_ids`` cell: the distinct ids in order, separated by commas. A comma or a percent sign in an
    id is percent-encoded, so the cell splits back into its ids: an id "a,b" counted as two sources."""
    return ",".join(dict.fromkeys(str(i).replace("%", "%25").replace(",", "%2C") for i in ids))


def _event_fields(event: Event, articles: dict[str, Article]) -> dict:
    article = articles[event.article_id]
    return {**_article_fields(article), "event_type": event.type, "actor": event.actor,
            "actor_country": event.actor_country, "date": event.date,
            "modality": event.modality, "claimed_by": event.claimed_by, "geo_precision": event.geo_precision,
            "time_precision": event.time_precision, "n_sources": event.n_sources,
            "article_ids": joined_ids(event.article_ids or [event.article_id]),
            "confidence": event.confidence, **_evidence_fields(event)}


def _event_rows(events: list[Event], articles: dict[str, Article], layers: dict) -> None:
    """Routes for movements and strikes with both ends; crossing points for crossings and closures at a
    crossing; the rest as point events, where the text places them well enough (``placement``)."""
    from shapely.geometry import Point

    contexts: dict[str, ArticleContext] = {}  # article id -> its border and its own places on it
    for event in events:
        base = _event_fields(event, articles)
        routed = False
        if event.origin is not None and event.target is not None and event.type in ("movement", "crossing", "strike"):
            ends = route_ends(event.origin, event.target, _near(articles[event.article_id], event, contexts))
            if ends is not None:
                line = G.great_circle(*ends)
                layers["routes"][0].append({
                    **base, "origin": event.origin.place.name, "target": event.target.place.name,
                    "origin_country": event.origin.country, "target_country": event.target.country,
                    "target_direction": event.target.direction, "length_km": round(G.geodesic_km(line), 1),
                })
                layers["routes"][1].append(line)
                routed = True
        if event.site is not None and event.type in ("crossing", "closure"):
            site = event.site.place
            line = G.shared_border(*event.sides) if len(event.sides) == 2 else None
            layers["crossings"][0].append({
                **base, "name": site.name, "status": event.status, "sides": pair_name(event.sides),
                "border_distance_km": round(G.distance_km(site.lat, site.lon, line), 2) if line is not None else None})
            layers["crossings"][1].append(Point(site.lon, site.lat))
        elif not routed:
            point = event_point(event)
            place = event.site or event.target
            name = place.place.name if place is not None and place.place.kind not in ("country", "area") else (
                f"{pair_name(event.sides)} border" if pair_name(event.sides) else (place.place.name if place else None))
            layers["events"][0].append({**base, "name": name, "status": event.status, "sides": pair_name(event.sides)})
            layers["events"][1].append(Point(point[1], point[0]) if point is not None else None)


def _near(article: Article, event: Event, contexts: dict[str, ArticleContext]) -> tuple[float, float] | None:
    """Where on their border a route between two countries crosses: at the event's own site when it lies by
    that border (within LOCAL_KM of its line; not Wagah for a Pakistan-Afghanistan route), else, for the
    article's own border, at the article's crossing or its place by that border ("Spain has sent 2,700 back"
    to Morocco, in a report from Ceuta, crosses at Ceuta, not at Melilla); None otherwise (the line's
    middle)."""
    pair = {event.origin.country, event.target.country}
    site = event.site.place if event.site is not None else None
    if site is not None and len(pair) == 2 and None not in pair and \
            km_to_border(site.lat, site.lon, *sorted(pair), LOCAL_KM["crossing"]) is not None:
        return site.lat, site.lon
    if article.id not in contexts:
        contexts[article.id] = article_context(article)
    context = contexts[article.id]
    role = context.border_site(tuple(context.border)) if set(context.border) == pair else None
    return (role.place.lat, role.place.lon) if role is not None else None


def _countries_named(article: Article) -> list[str]:
    codes = [m.place.country_code for m in article.places if m.place.kind == "country"]
    codes += [d.country_code for d in article.demonyms if d.country_code]
    return list(dict.fromkeys(c for c in codes if c))


def _claim_rows(article: Article, rows: list, geoms: list) -> None:
    for start, end in article.sentences:
        sentence = article.text[start:end]
        for match in LENGTH_CLAIM.finditer(sentence):
            lo, hi = start + match.start(), start + match.end()
            codes = list(dict.fromkeys(
                [d.country_code for d in article.demonyms if lo <= d.start < hi and d.country_code]
                + [m.place.country_code for m in article.places if lo <= m.start < hi and m.place.kind == "country"]))
            if len(codes) != 2:
                continue
            value = float(match["value"].replace(",", ""))
            stated = value * 1.609344 if match["unit"].lower().startswith("mi") else value
            reference, source = G.reference_length(*codes)
            line = G.shared_border(*codes)
            computed = round(G.geodesic_km(line), 1) if line is not None else None
            basis = reference or computed
            difference = round(100 * (stated - basis) / basis, 1) if basis else None
            verdict = None if difference is None else ("consistent" if abs(difference) <= 100 * CLAIM_TOLERANCE else "differs")
            rows.append({"article_id": article.id, "name": f"{pair_name(codes)} border", "stated_km": round(stated, 1),
                         "reference_km": reference, "computed_km": computed, "difference_pct": difference,
                         "verdict": verdict, "reference_source": source, "evidence": sentence,
                         "evidence_start": start, "evidence_end": end})
            geoms.append(line)


def build(articles: Iterable[Article], *, merge_sources: bool = True, include_hypothetical: bool = False) -> Layers:
    """All layers of the articles (events are extracted here when not yet done).

    With ``merge_sources`` the same event told by several articles (same type and place, overlapping
    dates) is one feature that quotes each and counts them (``n_sources``). Hypothetical and denied
    events are left out unless ``include_hypothetical``. Each article needs its own id (ValueError)."""
    collected = {name: ([], []) for name in LAYER_NAMES}
    border_articles: dict[tuple[str, str], list[str]] = {}
    by_id: dict[str, Article] = {}
    events: list[Event] = []
    articles = list(articles)
    extract_events_of([a for a in articles if a.events is None])
    for article in articles:
        if by_id.setdefault(article.id, article) is not article:  # its events would get the other's title, url, date
            raise ValueError(f"two articles have the id {article.id!r}: give each article its own id "
                             "(reading.read_inputs makes the ids of the files it reads unique)")
        events += [e for e in article.events if include_hypothetical or e.modality in SHOWN_MODALITIES]
        _place_rows(article, *collected["places"])
        _claim_rows(article, *collected["claims"])
        for a, b in combinations(sorted(_countries_named(article)), 2):
            border_articles.setdefault((a, b), []).append(article.id)
    if merge_sources:  # merged copies: the articles keep their own events
        events = merge([replace(e, evidence=list(e.evidence), article_ids=list(e.article_ids)) for e in events],
                       across_articles=True)
    _event_rows(events, by_id, collected)
    for (a, b), ids in sorted(border_articles.items()):
        line = G.shared_border(a, b) if neighbours(a, b) else None
        if line is None:
            continue
        reference, source = G.reference_length(a, b)
        collected["borders"][0].append({"name": f"{a}-{b}", "country_a": a, "country_b": b,
                                        "length_km": round(G.geodesic_km(line), 1), "reference_km": reference,
                                        "reference_source": source, "article_ids": joined_ids(ids)})
        collected["borders"][1].append(line)
    return Layers(**{name: layer_frame(name, rows, geoms) for name, (rows, geoms) in collected.items()})
