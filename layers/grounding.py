"""From an argument's words to places: the mentions and demonyms inside a phrase, one or several.

A phrase names one place ("into the Ukrainian region of Volyn" is Volyn: the
most specific of the places nested in it), several coordinated ones ("the
A, B and C border crossings", "into Rwanda and Uganda": each its own
filler), a part of one ("to the north of Kyiv"), a border ("the
Ukrainian-Belarusian border", "its border with Colombia", a river that forms one: its two sides), or
a word that points back ("the crossing", "the border": resolved by
``discourse``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from bordermap.geo.article import Article
from bordermap.geo.country_parts import canonical
from bordermap.layers.arguments import QUANTITY_HEADS, Phrase
from bordermap.layers.geometry import inland_town, off_the_border
from bordermap.layers.roles import Role
from bordermap.layers.syntax import BORDER_NOUNS, CROSSING_NOUNS, Parsed

#: Smaller is more specific: the filler of a phrase that nests places ("Lebanon's Masnaa crossing").
SPECIFICITY = {"crossing": 0, "landmark": 1, "facility": 1, "island": 1, "landform": 1, "water": 2, "town": 2,
               "city": 3, "district": 4, "region": 5, "area": 6, "country": 7}
#: Nouns after a demonym that make it a place: "Belarusian airspace", "the Ukrainian side".
TERRITORY_NOUNS = {"airspace", "territory", "soil", "side", "border", "frontier", "waters", "coast", "land", "lands",
                   "positions", "villages", "towns", "cities", "regions", "areas", "bases", "airfields", "islands",
                   "shore", "shores", "mainland"}
#: Nouns of the ground an attack is launched from.
LAUNCH_GROUNDS = {"airspace", "territory", "soil", "waters"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
              "north-west", "south-east", "south-west"}
_ONE_SIDE = re.compile(r"\b(?:side|sides)\b", re.IGNORECASE)


@dataclass
class Grounded:
    """What a phrase names: places (one, or several coordinated), the sides of a border it names, and
    whether it is a border or crossing word with no name of its own (to resolve from the discourse)."""

    places: list[Role] = field(default_factory=list)
    sides: tuple[str, ...] = ()
    border_word: str | None = None  # "border", "crossing", ... when the phrase's head is one
    one_side: bool = False  # "on the Polish side", "from their side"
    compass: str | None = None  # "its eastern border": the direction a border word is given (geo.country_parts)


class SentencePlaces:
    """The places and territorial demonyms of one parsed sentence, found by character offset."""

    def __init__(self, article: Article, parsed: Parsed, excluded: list[tuple[int, int]]):
        self.article, self.parsed = article, parsed
        start, end = parsed.start, parsed.start + len(parsed.doc.text)
        refs = [Role(m.text, m.where, m.start, m.end) for m in article.places if start <= m.start < end]
        self.demonyms = [Role(d.text, d.place, d.start, d.end) for d in article.demonyms
                         if d.place is not None and start <= d.start < end]
        refs = [r for r in refs if not any(a <= r.start < b for a, b in excluded)]
        self.refs = sorted(refs, key=lambda r: r.start)
        self._starts = [r.start for r in self.refs]
        # the token of each character start, to find the tokens a place covers
        doc = parsed.doc
        self._token_starts = [parsed.char(t) for t in doc]

    def token_at(self, char: int):
        i = max(bisect_left(self._token_starts, char + 1) - 1, 0)
        return self.parsed.doc[i]

    def in_tokens(self, tokens: tuple[int, ...]) -> list[Role]:
        """The places whose first character lies in one of the tokens."""
        doc = self.parsed.doc
        found = []
        wanted = set(tokens)
        for ref in self.refs:
            if self.token_at(ref.start).i in wanted:
                found.append(ref)
        for ref in self.demonyms:
            token = self.token_at(ref.start)
            if token.i in wanted and _territorial(doc, token):
                found.append(ref)
        return sorted(found, key=lambda r: r.start)

    def demonyms_in(self, tokens: tuple[int, ...]) -> list[Role]:
        wanted = set(tokens)
        return [d for d in self.demonyms if self.token_at(d.start).i in wanted]

    def countries_in(self, tokens: tuple[int, ...]) -> list[str]:
        """ISO codes of the countries a phrase names or implies (its demonyms), in text order."""
        wanted = set(tokens)
        codes = [(r.start, r.country) for r in self.refs if r.place.kind == "country" and self.token_at(r.start).i in wanted]
        codes += [(d.start, d.country) for d in self.demonyms if self.token_at(d.start).i in wanted]
        return list(dict.fromkeys(code for _, code in sorted(codes) if code))


    def launch_grounds(self) -> list[Role]:
        """Countries a sentence names as the ground an attack is launched from: "Belarusian airspace",
        "from Syrian territory", "Iranian soil"."""
        found = []
        for ref in self.demonyms:
            token = self.token_at(ref.start)
            if token.head.lower_ in LAUNCH_GROUNDS:
                found.append(ref)
        for ref in self.refs:
            token = self.token_at(ref.start)
            if ref.place.kind == "country" and token.dep_ == "poss" and token.head.lower_ in LAUNCH_GROUNDS:
                found.append(ref)  # "Syria's airspace"
        return found

    def named_crossing(self) -> Role | None:
        """A crossing the sentence names, as an event or not: a crossing of the gazetteer, or a town a crossing
        word names ("the border crossing ... in the small town of X", "the X border crossing point")."""
        for ref in self.refs:
            if ref.place.kind == "crossing":
                return ref
        for ref in self.refs:
            if ref.place.kind in ("town", "city") and _named_by_crossing_word(self.token_at(ref.start)) and \
                    not inland_town(ref.place):
                return ref
        return None


def _named_by_crossing_word(token) -> bool:
    """A town's name with a crossing word above it ("the crossing in Dyvin", "the town of Dyvin" under "crossing")
    or right after it ("Divin border crossing point")."""
    node = token
    for _ in range(5):
        if node.lower_ in CROSSING_NOUNS and node.i != token.i:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in ("border", "crossing", "checkpoint")


def _territorial(doc, token) -> bool:
    """A demonym that stands for its country's territory: "Belarusian airspace", "the Ukrainian-Belarusian
    border", "on the Polish side", or a nationality used as a noun for the country's side ("the Turkish")."""
    head = token.head
    return head.lower_ in TERRITORY_NOUNS or head.lower_ in BORDER_NOUNS or head.lower_ in CROSSING_NOUNS or \
        token.text.endswith("-") or "-" in doc[token.i].text


def _coordination_root(token):
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def syntactic_head(places: SentencePlaces, ref: Role):
    """The token that heads a (multi-word) place name: the one whose head lies outside the name."""
    token = places.token_at(ref.start)
    end = ref.end
    while token.head.i != token.i and places.parsed.char(token.head) < end and places.parsed.char(token.head) >= ref.start \
            and token.head.i != token.i:
        token = token.head
    return token


def ground(places: SentencePlaces, phrase: Phrase) -> Grounded:
    """What one phrase names (see the module's docstring)."""
    doc = places.parsed.doc
    head = _counted(doc[phrase.head])
    found = places.in_tokens(phrase.tokens)
    found = [r for r in found if not _water_off_its_border(r, found)]
    grounded = Grounded(one_side=any(doc[i].lower_ in ("side", "sides") for i in phrase.tokens))
    if head.lower_ in BORDER_NOUNS or head.lower_ in CROSSING_NOUNS:
        grounded.border_word = head.lemma_.lower()
        grounded.sides = tuple(places.countries_in(phrase.tokens)[:2])
        grounded.compass = next((canonical(c.lower_) for i in phrase.tokens if doc[i].lower_ in BORDER_NOUNS
                                 for c in doc[i].children if c.dep_ == "amod" and canonical(c.lower_)), None)
        # the countries of "the Congo-Rwandan border" are its sides, not the place it names
        found = [r for r in found if r.place.kind != "country"]
    elif (water := border_water(places, found)) is not None:
        grounded.border_word, grounded.sides = "border", water.place.sides  # "crossed the Prut into Romania"
    direction = _relative_direction(doc, head)
    if direction is not None:
        found = [Role(r.text, r.place, r.start, r.end, direction=direction) for r in found]
    grounded.places = _fillers(places, found)
    return grounded


def _counted(head):
    """What a number or a share counts: "two of its six checkpoints", "most of the crossings" -> the noun."""
    if head.like_num or head.lower_ in QUANTITY_HEADS:
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if counted is not None:
            return counted
    return head


def border_water(places: SentencePlaces, found: list[Role]) -> Role | None:
    """A river or lake of the phrase that forms a border, when the sentence places nothing outside its two
    countries: "crossed the Bug from Belarus into Poland" is on the Belarus-Poland border, not on the
    Poland-Ukraine stretch."""
    water = next((r for r in found if r.place.kind == "water" and len(r.place.sides) == 2), None)
    named = {r.country for r in places.refs if r.country} | {d.country for d in places.demonyms if d.country}
    return water if water is not None and named <= set(water.place.sides) else None


def _water_off_its_border(ref: Role, found: list[Role]) -> bool:
    """Is a border river or lake of a phrase placed by a town of the same phrase far from its border? "a bridge
    over the Danube in Vienna" is on no border (the Danube's Germany-Austria stretch is 200 km away), though
    "crossed the Bug ... and were taken to Warsaw" is."""
    sides = ref.place.sides
    return (ref.place.kind == "water" and len(sides) == 2
            and any(off_the_border(other.place, *sides) for other in found if other is not ref))


def _relative_direction(doc, head) -> str | None:
    """"to the north of Kyiv", "north of Kyiv": the direction the phrase gives."""
    if head.lower_ in DIRECTIONS and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return head.lower_.replace("-", "")
    return None


def _fillers(places: SentencePlaces, found: list[Role]) -> list[Role]:
    """Coordinated places fill the role one by one; nested ones by the most specific."""
    if len(found) <= 1:
        return found
    groups: dict[int, list[Role]] = {}
    for ref in found:
        groups.setdefault(_coordination_root(syntactic_head(places, ref)).i, []).append(ref)
    listed = max(groups.values(), key=len)
    # crossings never lie inside one another: two or more are a list, also where the parse broke it ("Jibia
    # Border in Katsina State, Idiroko Border in Ogun State, ..." hangs the second from "State")
    posts = [r for r in found if r.place.kind == "crossing" or named_post(places, r)]
    several_posts = len({r.place.id for r in posts}) >= 2
    if several_posts and (len(posts) > len(listed) or any(r not in posts for r in listed)):
        return posts  # "... Maigatari Border in Jigawa State and Seme Border": the parse joined a state and a post
    if len(listed) >= 2 and min(map(specificity, listed)) <= min(map(specificity, found)):
        return listed  # a list of the phrase's most specific places, not "Torkham, a crossing between A and B"
    if several_posts:
        return posts
    return [min(found, key=lambda r: (specificity(r), -r.start))]


def named_post(places: SentencePlaces, ref: Role) -> bool:
    """A border town named as its post: "Idiroko Border", "the Chaman crossing"."""
    if ref.place.kind not in ("town", "city"):
        return False
    last = places.token_at(ref.end - 1)
    after = last.nbor() if last.i + 1 < len(last.doc) else None
    return after is not None and (after.lower_ in CROSSING_NOUNS or after.lower_ in BORDER_NOUNS) and not inland_town(ref.place)


def specificity(ref: Role) -> int:
    """How specific a role's place is (``SPECIFICITY``: smaller is more specific; an unlisted kind counts as a
    region)."""
    return SPECIFICITY.get(ref.place.kind, 5)


def one_side(sentence: str) -> bool:
    return bool(_ONE_SIDE.search(sentence))
