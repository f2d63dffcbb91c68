"""What the gazetteer knows of a name in the text: how surely it is a place, and how far it runs.

Recognition asks this for every capitalised n-gram, so ``strength`` is
cached; the rest reads the doc around a span as well as the gazetteer
(a title before "Ripley" makes a person, "Moscow" + "region" is one name).
"""

from __future__ import annotations

from functools import lru_cache

from bordermap.geo.config import RecognizerConfig
from bordermap.geo.cues import capitalised, has_cue, surnames
from bordermap.geo.gazetteer import Gazetteer
from bordermap.geo.gazetteer_index import CROSSING_HEADS, CURATED_REFS
from bordermap.geo.lexicon import DIVISION_HEADS, EXTENSION_HEADS, NAME_PARTICLES, PERSON_TITLES, SPEECH_VERBS


class KnownNames:
    """The gazetteer, as recognition consults it."""

    def __init__(self, gazetteer: Gazetteer, config: RecognizerConfig):
        self.gazetteer = gazetteer
        self.config = config
        # Every capitalised n-gram of every article is asked about: bounded, so that a long run stays small.
        self.strength = lru_cache(maxsize=config.strength_cache)(self._strength)

    def _strength(self, name: str) -> float:
        """How surely a name is a place: 3 country, 2 region/large city/curated, 1 town, 0 unknown."""
        found = self.gazetteer.candidates(name)
        if not found:
            return 0.0
        config, top = self.config, found[0]
        curated = top.ref.startswith(CURATED_REFS)
        if top.kind in ("country", "area"):
            value = 3.0
        elif curated:
            value = 2.0
        elif top.kind in ("region", "district"):
            value = 2.0 if top.score >= config.strong_region_score else 1.0
        elif top.population >= config.large_city:
            value = 2.0
        elif top.population >= config.known_town:
            value = 1.0
        else:
            value = 0.5
        if (top.name_weight < 0 and top.kind in ("city", "town") and top.population < config.well_known_exonym_population
                and not curated):
            value = max(value - 1.0, 0.5)  # "Hamas", "Ali": alternate names of Hamm and Ağrı; "Kharkov" stays
        return value

    def starts_place_name(self, doc, i: int, sizes: tuple[int, ...] = (3, 2)) -> bool:
        """Does the demonym at token i begin a longer name the gazetteer knows well ("British Columbia",
        "Central African Republic")?"""
        for size in sizes:
            span = doc[i : i + size]
            if len(span) == size and capitalised(span[-1]) and self.strength(span.text) >= 2:
                return True
        return False

    def extend_division(self, doc, start: int, end: int) -> tuple[int, int]:
        """'Moscow' + 'region' -> 'Moscow region', 'Rafah' + 'crossing' -> the crossing, 'Preah' + 'Vihear'
        -> 'Preah Vihear' -> 'Preah Vihear temple', 'Guinea' + '-Bissau', 'Rio Grande' + 'do Sul' (a region,
        not the river), 'Neuburg' + 'an der Donau': the longer span wins when the gazetteer knows it."""
        grown = True
        while grown:
            grown = False
            if end >= len(doc) or not self._may_extend(doc[end]):
                break  # most names: no Span built, no lookup
            for size in (3, 2, 1):
                following = doc[end : end + size]
                if len(following) != size:
                    continue
                *joining, last = following  # "do" + "Sul", "an der" + "Donau"
                particle = size > 1 and all(t.text in NAME_PARTICLES for t in joining) and capitalised(last)
                heads = size < 3 and all(t.lower_ in EXTENSION_HEADS for t in following)
                names = size < 3 and all(capitalised(t) and not t.ent_type_ for t in following)
                hyphenated = size == 2 and following[0].text in ("-", "–") and capitalised(following[1])
                if (heads or names or hyphenated or particle) and self.gazetteer.candidates(doc[start : end + size].text):
                    end, grown = end + size, True
                    break
        return start, end

    @staticmethod
    def _may_extend(token) -> bool:
        """Can a name grow by the words that start at ``token`` (see ``extend_division``)?"""
        return token.lower_ in EXTENSION_HEADS or token.text in ("-", "–") or token.text in NAME_PARTICLES or (
            capitalised(token) and not token.ent_type_)

    def full_place_name(self, span) -> bool:
        """A span that is exactly the main name of a place other than a settlement ("Kurram Agency",
        which spaCy may call a person); people are rarely named like regions or landmarks."""
        top = next(iter(self.gazetteer.candidates(span.text)), None)
        if top is not None and top.kind == "crossing" and span[-1].lower_ in CROSSING_HEADS:
            return True  # a crossing's news form: "Illela Border", "Seme Border post" (spaCy: a person, an ORG)
        return top is not None and top.name_weight == 0 and top.kind not in ("city", "town")

    def person_context(self, doc, span, strength: float) -> bool:
        """A title before the name ("coach Ripley", "Judge Madison") or, unless it names a country or a
        city (which speak for their governments: "Kyiv said"), a speech verb or an age after it ("Pierce
        said", "Pierce, 56,"): a person, not a place; so is a word the text uses as a surname elsewhere
        ("Bolton" after "John Bolton", "Chen" after "Lei Chen") when spaCy labels it a person there too and
        no "in" or "near" comes before it. A locative cue before the name outweighs the verb."""
        before = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        if before in PERSON_TITLES:
            return True
        if (strength < 3 and len(span) == 1 and span.text in surnames(doc) and before not in ("in", "near")
                and span[0].ent_type_ == "PERSON"):
            return True
        after = doc[span.end : span.end + 3]
        top = next(iter(self.gazetteer.candidates(span.text)), None)
        if not len(after) or (top is not None and top.kind in ("country", "city") and strength >= 2):
            return False
        if has_cue(doc, span):  # "officials in North Carolina said"
            return False
        return after[0].lower_ in SPEECH_VERBS or (len(after) == 3 and after[0].text == "," and after[1].like_num
                                                    and after[2].text == ",")

    def named_countries(self, doc, demonyms) -> frozenset[str]:
        """The countries an article names, as places (spaCy's GPE or LOC that the gazetteer knows as a
        country first) or by their people ("Haitians"): the frame for ``town_of_a_named_country``."""
        codes = {d.country_code for d in demonyms if d.country_code}
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC"):
                top = next(iter(self.gazetteer.candidates(ent.text.removeprefix("the "))), None)
                if top is not None and top.kind == "country" and top.country_code:
                    codes.add(top.country_code)
        return frozenset(codes)

    def town_of_a_named_country(self, span, countries: frozenset[str]) -> bool:
        """Is the gazetteer's first sense of the name a town, city or crossing, and one of its first few
        senses in a country the article names?"""
        found = self.gazetteer.candidates(span.text)[:5]
        return bool(found) and found[0].kind in ("city", "town", "crossing") and any(
            place.country_code in countries for place in found)

    def hashtag_place(self, doc, i: int, name: str, whole: bool) -> bool:
        """Is ``name``, read from the hashtag after token i, a place? A whole hashtag needs strength 1,
        and spaCy's person ("#Obama") strength 2 unless a locative word comes before ("in #Ferguson").
        Inside a longer one only capitalised words count ("SDGs" and "NC5" hold no "SD" or "NC"), and only
        as the own name of a country, a region or a large city: alternate names that are words ("Soul"
        for Seoul, "Part" for Perth) are common in hashtags. "#TurkeyDay" still gives Turkey."""
        strength = self.strength(name)
        if whole:
            person = doc[i + 1].ent_type_ == "PERSON" and not has_cue(doc, doc[i : i + 2])  # "in #Ferguson"
            return strength >= (2 if person else 1)
        return (strength >= 2 and name.replace(" ", "").isalpha() and not name.isupper()
                and any(place.name_weight == 0 and (place.kind in ("country", "region", "area")
                                                    or place.population >= self.config.large_city)
                        for place in self.gazetteer.candidates(name)))

    def division_span(self, span) -> bool:
        """A name ending in a capitalised division head the gazetteer knows: "Black Hawk County"."""
        return len(span) > 1 and self.strength(span.text) >= 1 and span[-1].text[:1].isupper() and \
            span[-1].lower_ in DIVISION_HEADS
