"""The features of one candidate place of one name, in context: what the scorer weighs.

Each feature is a value (1.0 for a yes, or a share) and the reason the
resolution gives for it. They are computed in one place, so that a learned
ranker can take the same features that the hand-set weights use today.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bordermap.geo.config import ResolverConfig
from bordermap.geo.evidence import ArticleEvidence, kind_class
from bordermap.geo.gazetteer import Place
from bordermap.geo.names import name_key
from bordermap.geo.support import KM_PER_DEGREE, WIDE_KINDS, contains, km

#: The features, in the order they are computed (and their reasons listed).
FEATURES = ("alternate_town", "alternate_city", "smaller_alternate", "local_country", "state_named_town", "support",
            "same_kind_as_list", "qualified", "foreign_country", "holding_region", "country_context",
            "region_context", "nearness", "on_the_border", "far_from_the_article")


@dataclass
class NameContext:
    """What holds for every candidate of one name: the article's other places and clues, without its own."""

    key: str
    near: list[Place]  # the other names' anchors, below country level
    own: Counter  # the name's own country clues
    regions: Counter  # first-level region -> how often the article's other names name it
    others_total: int
    state_named: set[str] = field(default_factory=set)  # countries with a first-level region of this name
    dominant: str | None = None  # the country the rest of the article is in, when one clearly is
    holding: list[Place] = field(default_factory=list)  # regions of this name that hold another place named
    primary_city: int = 0  # population of the largest city with this as its own name
    sure: list[Place] = field(default_factory=list)  # the other names' unambiguous places, below country level

    @property
    def most_named(self) -> int:
        return max(self.regions.values(), default=0)


def name_context(key: str, found: list[Place], anchors: dict[str, Place], evidence: ArticleEvidence,
                 backing: dict[tuple[str, int], float], config: ResolverConfig,
                 sure: dict[str, Place] | None = None) -> NameContext:
    own = evidence.contributions.get(key, Counter())
    regions = Counter()
    for other, admin1 in evidence.region_of.items():
        if other != key:
            regions[admin1] += evidence.times_named[other]
    others_total = evidence.total_context - sum(own.values())
    dominant = None
    if others_total >= config.dominant_min:
        cc, n = max(((cc, n - own.get(cc, 0)) for cc, n in evidence.context.items()), key=lambda x: x[1])
        if n >= config.dominant_share * others_total:
            dominant = cc
    return NameContext(
        key=key, near=[a for other, a in anchors.items() if other != key and a.kind not in WIDE_KINDS], own=own,
        sure=[a for other, a in (sure or {}).items() if other != key and a.kind not in WIDE_KINDS],
        regions=regions, others_total=others_total,
        state_named={p.country_code for p in found if p.kind == "region" and p.name_weight == 0},
        dominant=dominant,
        holding=[p for i, p in enumerate(found) if p.kind == "region" and p.name_weight == 0
                 and backing.get((key, i), 0) >= config.holding_min],
        primary_city=max((p.population for p in found if p.name_weight == 0 and p.kind == "city"
                          and p.population >= config.primary_min), default=0),
    )


Feature = tuple[str, float, "str | None"]


def _name_match(place: Place, name: NameContext) -> list[Feature]:
    """A candidate found by an alternate name, against the name's other readings."""
    if place.name_weight < 0 and place.kind == "town":
        return [("alternate_town", 1.0, None)]
    if place.name_weight < 0 and place.kind == "city" and name.primary_city:
        smaller = place.population < name.primary_city and not name_key(place.name).startswith(name.key)
        return [("alternate_city", 1.0, None)] + ([("smaller_alternate", 1.0, None)] if smaller else [])
    return []


def _country_reading(place: Place, name: NameContext, supported: bool, found: list[Place]) -> list[Feature]:
    """A country named like a region of the country the rest of the article is in, or like a region that
    holds another place the article names."""
    if place.kind != "country":
        return []
    if name.dominant and name.dominant != place.country_code and any(
            p.country_code == name.dominant and p.kind == "region" for p in found):
        return [("foreign_country", 1.0, f"the rest of the article is in {name.dominant}")]
    if name.holding and not supported:
        holder = name.holding[0]
        return [("holding_region", 1.0,
                 f"a region of that name holds another place named ({holder.name}, {holder.country_code})")]
    return []


def _countries(place: Place) -> tuple[str | None, ...]:
    """The countries a place belongs to: both sides of a crossing, a border river or a border landmark, else
    its own country."""
    return place.sides or (place.country_code,)


def _geography(place: Place, name: NameContext, evidence: ArticleEvidence, config: ResolverConfig) -> list[Feature]:
    """The article's countries, its first-level regions and its other places, near the candidate."""
    features: list[Feature] = []
    about, code = max((evidence.context.get(c, 0) - name.own.get(c, 0), c) for c in _countries(place))
    if place.kind not in WIDE_KINDS and about > 0:
        features.append(("country_context", about / max(name.others_total, config.context_min), f"article about {code}"))
    if place.admin1 in name.regions:
        features.append(("region_context", name.regions[place.admin1] / name.most_named,
                         f"in a region the article names ({place.admin1})"))
    if name.near and place.kind not in WIDE_KINDS:
        closest = min((km(place.lat, place.lon, a.lat, a.lon) for a in name.near
                       if abs(place.lat - a.lat) * KM_PER_DEGREE < config.nearby_km), default=config.nearby_km)
        if closest < config.nearby_km:
            features.append(("nearness", 1 - closest / config.nearby_km, f"{closest:.0f} km from another place named"))
    return features


def candidate_features(index: int, place: Place, found: list[Place], name: NameContext, evidence: ArticleEvidence,
                       backing: dict[tuple[str, int], float], config: ResolverConfig) -> list[Feature]:
    """The features that fire for the candidate ``found[index]`` of a name, in FEATURES order."""
    key = name.key
    features = _name_match(place, name)
    if place.kind == "country" and key in evidence.town_named:
        features.append(("local_country", 1.0, "named as a town's (its people, its police)"))
    if place.kind == "town" and place.country_code in name.state_named and key not in evidence.qualified:
        features.append(("state_named_town", 1.0, f"a town named like a region of {place.country_code}"))
    supported = backing.get((key, index))
    if supported:
        features.append(("support", supported, f"supported by the article's other names ({supported:.1f})"))
    if evidence.list_kind.get(key) == kind_class(place):
        features.append(("same_kind_as_list", 1.0, f"listed with other places of its kind ({place.kind})"))
    qualifier = evidence.qualified.get(key)
    if qualifier is not None and contains(qualifier, place, config):
        features.append(("qualified", 1.0, f"qualified by {qualifier.name}"))
    features += _country_reading(place, name, bool(supported), found)
    return features + _geography(place, name, evidence, config) + _border(place, name, evidence, config)


def _border(place: Place, name: NameContext, evidence: ArticleEvidence, config: ResolverConfig) -> list[Feature]:
    """An article about the border between two countries: a crossing, border river or border landmark between
    them, or a place (a river or lake included) of one of them near their shared line, is what it means; a
    candidate far from every other place it names needs more."""
    features: list[Feature] = []
    if len(evidence.border) == 2 and place.kind not in WIDE_KINDS:
        if set(place.sides) == set(evidence.border):
            features.append(("on_the_border", 1.0, f"a {place.kind} of the article's border ({'-'.join(evidence.border)})"))
        elif set(_countries(place)) & set(evidence.border) and \
                place.kind in ("town", "city", "landmark", "landform", "crossing", "water"):
            from bordermap.geo.natural_earth import km_to_border

            distance = km_to_border(place.lat, place.lon, *evidence.border, config.border_km)
            near = 1 - distance / config.border_km if distance is not None else 0.0
            if near > 0:
                features.append(("on_the_border", near, f"near the article's border ({'-'.join(evidence.border)})"))
    if _far_from_the_article(place, name, evidence, config):
        features.append(("far_from_the_article", 1.0, f"over {config.far_km:.0f} km from every other place named"))
    return features


def _far_from_the_article(place: Place, name: NameContext, evidence: ArticleEvidence, config: ResolverConfig) -> bool:
    """Outside every country the article is about (it gives at least context_min clues of them, its own name's
    apart), over far_km from each of its unambiguous places (it names one at least: with none, "far from every
    one" would hold of every candidate and say nothing), and not a city known the world over."""
    about = {code for code, n in evidence.context.items() if n - name.own.get(code, 0) > 0}
    if not name.sure or place.kind in WIDE_KINDS or set(_countries(place)) & about \
            or name.others_total < config.context_min or place.population >= config.far_known_population:
        return False
    return all(km(place.lat, place.lon, a.lat, a.lon) > config.far_km for a in name.sure)
