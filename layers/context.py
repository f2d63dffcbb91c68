"""What a whole article is about: the border site it keeps returning to and its main border.

A sentence often leaves these implicit ("the Taliban closed the border
Sunday", "refugees trying to enter Turkey"); events fill them in from here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from bordermap.geo.article import Article
from bordermap.geo.natural_earth import neighbours
from bordermap.layers.geometry import distance_km, inland_town, shared_border
from bordermap.layers.roles import Role

#: How many of the most-named countries are tried as pairs for the article's main border.
TOP_COUNTRIES = 4
#: How close to the article's border a place must be to be the "local" place the article is about (km):
#: a border town, or a region whose centre is this near (its territory then reaches the border).
LOCAL_KM = {"region": 75.0, "district": 75.0, "town": 30.0, "city": 30.0, "crossing": 30.0, "landmark": 30.0, "island": 30.0,
            "landform": 30.0, "facility": 30.0}


@dataclass
class ArticleContext:
    """``site``: the crossing or landmark the article names most; ``border``: the two countries
    of the land border it is about, each with its first reference; ``local``: the place near that
    border the article names most ("eastern Tachira state", "Kurram Agency")."""

    site: Role | None = None
    border: dict[str, Role] = field(default_factory=dict)
    local: Role | None = None

    def border_site(self, pair: tuple[str, ...]) -> Role | None:
        """Where "the border" of a sentence that names no place of its own is: the article's crossing
        or landmark, else its local place; on the sentence's own border when it names one."""
        for role in (self.site, self.local):
            if role is not None and (len(pair) < 2 or role.country in pair):
                return role
        return None

    def other_side(self, code: str | None) -> Role | None:
        """The article's border country facing ``code``; None when ``code`` is not on that border."""
        if code not in self.border or len(self.border) != 2:
            return None
        return next(role for other, role in self.border.items() if other != code)


def article_context(article: Article) -> ArticleContext:
    border = _article_border(article)
    return ArticleContext(site=_article_site(article), border=border, local=_local_place(article, border))


#: A crossing word right after a town's name ("the Chaman border crossing"), or after the other side's name joined
#: to it ("the Kuchurgan-Pervomaisk checkpoint"), or before it ("the crossing in Dyvin").
_CROSSING_AFTER = re.compile(r"(?:\s?[-–/]\s?[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*)?)?"
                             r"(?i:\s*(?:border\s+)?(?:crossing|checkpoint|border\s+post|border\s+point|gate|bridge)\b)")
_CROSSING_BEFORE = re.compile(r"\b(?:crossing|checkpoint|border\s+post|border\s+point)(?:\s+point)?\s+(?:from\s+\w+\s+side\s+)?"
                              r"(?:in|at|near|of)\s+(?:the\s+(?:small\s+)?(?:border\s+)?(?:town|village|city)\s+of\s+)?$",
                              re.IGNORECASE)


def named_as_crossing(article: Article, mention) -> bool:
    """A town the text names as a crossing: "the Chaman border crossing", "the crossing in the small town of Dyvin"."""
    text = article.text
    return bool(_CROSSING_AFTER.match(text, mention.end) or _CROSSING_BEFORE.search(text[max(0, mention.start - 80) : mention.start]))


def _article_site(article: Article) -> Role | None:
    """The border site an article is about: its most-named crossing, else the town it names most as one, else
    its most-named landmark."""
    named = Counter(m.place.id for m in article.places if m.place.kind == "crossing") or Counter(
        m.place.id for m in article.places if m.place.kind in ("town", "city") and named_as_crossing(article, m)
        and not inland_town(m.place)) or Counter(
        m.place.id for m in article.places if m.place.kind == "landmark")
    if not named:
        return None
    top = named.most_common(1)[0][0]
    first = next(m for m in article.places if m.place.id == top)
    return Role(first.text, first.place, first.start, first.end)


def _article_border(article: Article) -> dict[str, Role]:
    """The two neighbouring countries the article names most (places and demonyms together).

    Only countries that share a land border qualify, so "Russia and Ukraine" in
    an article about Belarus and Ukraine does not win by mere frequency unless
    it is also the most named neighbouring pair.
    """
    first: dict[str, Role] = {}
    counts: Counter[str] = Counter()
    references = [(m.place, m.text, m.start, m.end) for m in article.places if m.place.kind == "country"]
    references += [(d.place, d.text, d.start, d.end) for d in article.demonyms if d.place is not None]
    for place, text, start, end in sorted(references, key=lambda r: r[2]):
        code = place.country_code
        if not code:
            continue
        counts[code] += 1
        first.setdefault(code, Role(text, place, start, end))
    top = [code for code, _ in counts.most_common(TOP_COUNTRIES)]
    pairs = [(a, b) for a, b in combinations(top, 2) if neighbours(a, b)]
    if not pairs:
        return {}
    a, b = max(pairs, key=lambda p: (min(counts[p[0]], counts[p[1]]), counts[p[0]] + counts[p[1]]))
    return {a: first[a], b: first[b]}


def _local_place(article: Article, border: dict[str, Role]) -> Role | None:
    """The most-named place below country level near the article's border (first named wins a tie)."""
    if len(border) != 2:
        return None
    line = shared_border(*border)
    counts: Counter[str] = Counter()
    first: dict[str, Role] = {}
    for m in article.places:
        place = m.place
        if place.kind not in LOCAL_KM or place.country_code not in border:
            continue
        if place.id not in first:
            if distance_km(place.lat, place.lon, line) > LOCAL_KM[place.kind]:
                continue
            first[place.id] = Role(m.text, place, m.start, m.end)
        counts[place.id] += 1
    if not counts:
        return None
    top = max(counts, key=lambda key: (counts[key], -first[key].start))
    return first[top]
