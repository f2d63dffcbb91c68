"""`--geocoder nominatim`: geopy's Nominatim behind RateLimiter and a disk cache (mocked)."""

from __future__ import annotations

from geopy.location import Location

from bordermap.geo.online import OnlineGazetteer


class FakeNominatim:
    """Stands at the geopy boundary: answers like Nominatim, counts the calls."""

    def __init__(self):
        self.calls = []

    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        raw = {"place_id": 1, "name": "Minsk", "addresstype": "city", "osm_type": "relation", "osm_id": 59195,
               "address": {"country_code": "by"}}
        return [Location("Minsk, Belarus", (53.9024716, 27.5618225), raw)]


def test_nominatim_answers_are_rate_limited_cached_and_converted(tmp_path):
    fake = FakeNominatim()
    online = OnlineGazetteer(fake, tmp_path / "cache.sqlite", min_delay_seconds=0)
    first = online.candidates("Minsk")
    assert first[0].country_code == "BY" and first[0].kind == "city"
    assert "OpenStreetMap" in first[0].source
    again = OnlineGazetteer(FakeNominatim(), tmp_path / "cache.sqlite", min_delay_seconds=0)
    assert again.candidates("Minsk")[0].lat == first[0].lat
    assert len(fake.calls) == 1  # the second gazetteer read the disk cache
    assert online.geocode("Minsk").latitude == 53.9024716


def test_pipeline_resolves_with_the_online_geocoder(gazetteer, tmp_path):
    from bordermap.geo.article import Article
    from bordermap.geo.pipeline import GeoPipeline

    fake = FakeNominatim()
    pipeline = GeoPipeline(gazetteer, resolver=OnlineGazetteer(fake, tmp_path / "cache.sqlite", min_delay_seconds=0))
    article = pipeline(Article(id="t", text="Lukashenko spoke at a press conference in Minsk on Thursday."))
    (minsk,) = article.places
    assert minsk.text == "Minsk" and "OpenStreetMap" in minsk.place.source
    assert [query for query, _ in fake.calls] == ["Minsk"]  # recognition stayed offline: one request per name


def test_both_gazetteers_give_what_recognition_and_resolution_ask(gazetteer, tmp_path):
    from bordermap.geo.gazetteer import Gazetteer

    online = OnlineGazetteer(FakeNominatim(), tmp_path / "cache.sqlite", min_delay_seconds=0)
    assert isinstance(gazetteer, Gazetteer) and isinstance(online, Gazetteer)
