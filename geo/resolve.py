"""Resolve each mention to one gazetteer place, by context.

Evidence, strongest first:
1. an explicit qualifier next to the name: "Minsk, Belarus", "Brest in
   western Belarus", "Paris, Texas" (the qualifier is itself a mention);
2. the countries the article is about (its country names, demonyms and currency);
3. nearness to the article's other places;
4. the gazetteer prior (kind and population).
One sense per name per article: every mention of a name gets the same place.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from itertools import pairwise

from bordermap.geo.article import Article, Mention
from bordermap.geo.gazetteer import Place
from bordermap.geo.name_backoff import lookup
from bordermap.geo.names import name_key

MAX_CANDIDATES = 60
WIDE_KINDS = ("country", "area")  # too large to anchor nearness
DIVISIONS = ("region", "district")  # first-level (states, provinces) and second-level (counties)
QUALIFIER_BONUS = 4.0
COUNTRY_CONTEXT_BONUS = 2.5
#: For a place in a first-level region the article names, scaled by how often it names that region
#: against the most named one: Boone County beside "Illinois" three times and "Kentucky" once is in
#: Illinois. Scaling changed 2 mentions on LGL (accuracy unchanged), none on GeoWebNews or TR-News;
#: GeoVirus +0.1, WikToR +0.3 points.
REGION_CONTEXT_BONUS = 1.5
#: The country context is a share of at least this many clues, so that one small town's country ("Hampton
#: Park", Australia) does not outvote the prior of a city elsewhere (Charleston, S.C.).
CONTEXT_MIN = 2
NEARBY_BONUS = 1.0
NEARBY_KM = 500.0
#: Support from the article's other names: each other name with a candidate inside this one (or
#: containing it, or within SUPPORT_KM) adds up to SUPPORT_BONUS; its first SUPPORT_TOP candidates count.
SUPPORT_BONUS = 1.0
SUPPORT_TOP = 3
SUPPORT_KM = 150.0
SUPPORT_CAP = 3.0
#: A county and a town of its state this close vouch for each other fully (the town is in it); up to
#: SUPPORT_KM, half. Measured against one flat link within SUPPORT_KM: TR-News +0.8 points, LGL +0.1.
#: The full link is also looked for past the first SUPPORT_TOP candidates of both names ("Paris" and
#: "Henry County": Paris, Tenn. is its seat, though neither is the likeliest of its name): LGL +0.7.
IN_DISTRICT_KM = 50.0
#: A country whose name is also a first-level region of the country the rest of the article is in
#: (at least DOMINANT_SHARE of DOMINANT_MIN or more country clues) loses this much: "Georgia" beside
#: Alabama and Columbus is the state. Swept 0 / 3 / 6: 3 and 6 equal, +0.3 points on GeoVirus.
FOREIGN_COUNTRY_PENALTY = 3.0
DOMINANT_MIN = 3
#: A country whose name is also a first-level region, when that region holds another place the article
#: names and the country holds none, loses this much: "north Georgia ... metro Atlanta" is the state.
#: Swept 0 / 3 / 6: +0.3 points on LGL, +0.1 on GeoVirus, 3 and 6 equal.
HOLDING_REGION_PENALTY = 3.0
HOLDING_MIN = 1.0
DOMINANT_SHARE = 0.8
#: How many of an article's names (the most mentioned) give context to the others.
CONTEXT_NAMES = 60
#: A small town matched by one of its alternate names ("Jerusalem", an old name of Funkstown, Md.)
#: rarely is what the text means.
ALTERNATE_TOWN_PENALTY = 2.0
#: A city found by an alternate name loses this much to a city of 100,000 or more found by its own:
#: "Cancun" is Cancún, not Changchun (one of whose alternate names it is). Swept 0.5 / 1 / 2: 2 costs
#: GeoWebNews and TR-News; 1 fixes LGL's Cancun and Santa Ana.
ALTERNATE_CITY_PENALTY = 1.0
PRIMARY_MIN = 100_000
#: ... and this much more when it is also the smaller city and its own name does not begin with the name
#: read: "Kaliningrad" beside Moscow is the exclave's capital, not Korolev (Kaliningrad until 1996) near
#: Moscow; "Newcastle" may still be Newcastle upon Tyne. Swept 1 / 2 / 3: LGL +0.1 / +0.2 / +0.2, nothing lost.
SMALLER_ALTERNATE_PENALTY = 2.0
METONYM_KEY = "metonym:"
#: A name written as a town's, for its people or its services ("a Palestine man", "Lebanon Police",
#: "Gary Wilson, 54, of Palestine"), is a town's even where a country has the name: countries have
#: demonyms for that ("a Lebanese man"). Such a country loses this much and is no evidence of context.
#: Street addresses ("120 Walnut St., Lebanon"), school teams ("the Jordan boys", "the Jordan middle
#: school") and civic buildings ("the Palestine Civic Center") are such cues too: LGL +0.6 points.
LOCAL_COUNTRY_PENALTY = 6.0
_LOCAL_AFTER = re.compile(r"\s+(?:man|woman|men|women|residents?|natives?|couple|teens?|teenagers?|boys?|girls?|youth"
                          r"|homeowners?|police|mayor|city (?:council|hall|manager|schools)|civic center|chamber of commerce|public library"
                          r"|(?:high|middle|elementary) school|fire department)\b", re.IGNORECASE)
#: ... or after an age ("54, of") or a street address ("508 Cumberland St., Lebanon").
_LOCAL_BEFORE = re.compile(r"(?:\b\d{1,3},\s+(?:of\s+)?"
                           r"|\b\d+\s+(?:[NSEW]\.?\s+)?(?:[A-Z]\w*\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Blvd|Lane|Ln|Pike)\.?,\s+)$")
#: A town named like a first-level region of its own country ("Oregon", Wis.; "California", Pa.) is rarely
#: meant unless qualified: written alone, the name is the region. Swept 1 / 2 / 3: +0.3-0.4 on GeoVirus.
STATE_NAMED_TOWN_PENALTY = 2.0
#: Names listed together are places of one kind: "Michigan, Oregon, Washington and Ohio" are states.
LIST_BONUS = 1.5
LIST_MIN = 3
LIST_TIE = 0.5
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*\b(?:and|or)\b)\s*$")
_QUALIFIER_GAP = re.compile(r"^\s*(?:,|\bin\b|\bnear\b)\s*(?:(?:the\s+)?(?:north|south|east|west|central)\w*\s+)?$", re.IGNORECASE)


#: Kilometres per degree of latitude: two points at least this times their latitude difference apart.
KM_PER_DEGREE = math.pi * 6371.0088 / 180


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


#: Prices say which country an article is in ("US$", "C$", "A$", "£"; a bare "$" is most often the US
#: dollar): the first price counts as this many country clues. "The Mansfield council approved $2 million"
#: is in Texas or Ohio, not Nottinghamshire: LGL +0.5 points (1 and 2 equal), nothing else moves.
CURRENCY_CLUE = 1
_CURRENCY = re.compile(r"(?<![\w$])(US|C|CA|A|AU|NZ|HK|S)?\$\s?\d|£\s?\d|₹\s?\d")
_CURRENCY_COUNTRY = {None: "US", "US": "US", "C": "CA", "CA": "CA", "A": "AU", "AU": "AU", "NZ": "NZ", "HK": "HK", "S": "SG"}


def _currency_country(text: str) -> str | None:
    """The country of the article's first price, if any."""
    found = _CURRENCY.search(text)
    if not found:
        return None
    if found.group(0)[0] == "£":
        return "GB"
    if found.group(0)[0] == "₹":
        return "IN"
    return _CURRENCY_COUNTRY[found.group(1)]


def _seat_of_power(found: list[Place]) -> Place:
    """The city a metonym stands for: its most prominent city of that name (Moscow, Russia; Washington, D.C.)."""
    return next((p for p in found if p.kind == "city"), found[0])


def _qualifiers(article: Article) -> dict[int, Mention]:
    """Mention index -> the mention that qualifies it ("Minsk" -> "Belarus" in "Minsk, Belarus")."""
    found = {}
    mentions = article.mentions
    for i, (mention, nxt) in enumerate(pairwise(mentions)):
        if _QUALIFIER_GAP.match(article.text[mention.end : nxt.start]):
            found[i] = nxt
    return found


def _named_as_town(text: str, mention: Mention) -> bool:
    return bool(_LOCAL_AFTER.match(text, mention.end) or _LOCAL_BEFORE.search(text[max(0, mention.start - 60) : mention.start]))


def _kind_class(place: Place) -> str:
    """What a list of names is a list of: countries, regions or settlements."""
    return {"area": "country", "city": "settlement", "town": "settlement"}.get(place.kind, place.kind)


def _likely_classes(found: list[Place]) -> tuple[str, ...]:
    """The kinds a name most likely is: its top candidate's, and any other's with a prior as high
    ("Washington": the capital and the state). In candidate order, not a set's: a list's kind is the
    first of equally common ones, and a set's order changes from one process to the next."""
    return tuple(dict.fromkeys(_kind_class(p) for p in found if p.score >= found[0].score - LIST_TIE))


def _lists(article: Article) -> list[list[int]]:
    """Runs of at least LIST_MIN mentions joined by commas, "and" or "or": "Michigan, Oregon and Ohio"."""
    runs, run = [], [0]
    for i, (mention, nxt) in enumerate(pairwise(article.mentions), start=1):
        if _LIST_GAP.match(article.text[mention.end : nxt.start]):
            run.append(i)
        else:
            runs.append(run)
            run = [i]
    runs.append(run)
    return [r for r in runs if len(r) >= LIST_MIN]


def _list_kinds(article: Article, candidates: dict[str, list[Place]]) -> tuple[dict[str, str], dict[int, int]]:
    """Name key -> the kind of place the other members of its list mostly are ("Washington" listed with
    Oregon and Ohio is the state); and, for each mention listed with regions, its list's number: in
    "Washington, Pennsylvania and California" Pennsylvania is a third state, not Washington's state."""
    kinds: dict[str, str] = {}
    region_listed: dict[int, int] = {}
    for number, run in enumerate(_lists(article)):
        classes = [_likely_classes(candidates[article.mentions[i].query]) for i in run]
        for position, i in enumerate(run):
            others = Counter(c for j, member in enumerate(classes) if j != position for c in member)
            if others:
                kind, count = others.most_common(1)[0]
                if count * 2 > len(run) - 1:
                    kinds[name_key(article.mentions[i].query)] = kind
                    if kind in DIVISIONS:  # "Douglas, Grant and Pope counties": Grant is not Douglas's county
                        region_listed[i] = number
    return kinds, region_listed


def _same_list(article: Article, index: int, qualifier: Mention) -> bool:
    """Is the qualifier a member of the list the mention at ``index`` is in (a comma, not "in", between)?"""
    gap = article.text[article.mentions[index].end : qualifier.start]
    return bool(_LIST_GAP.match(gap))


def _contains(region: Place, place: Place) -> bool:
    if region.kind == "country":
        return place.country_code == region.country_code
    if region.kind == "region":
        return place.country_code == region.country_code and (
            place.admin1 == region.admin1 or km(place.lat, place.lon, region.lat, region.lon) < 300
        )
    if region.kind == "district":  # "Lebanon, Boone County": a county is small
        return place.country_code == region.country_code and km(place.lat, place.lon, region.lat, region.lon) < SUPPORT_KM
    return False


def _link(place: Place, other: Place) -> float:
    """How strongly two candidates of different names vouch for each other: one inside the other's
    first-level region (Gainesville and Georgia), or near each other (Alexandria and Arlington)."""
    if place.kind in WIDE_KINDS or other.kind in WIDE_KINDS or place.country_code != other.country_code:
        return 0.0
    distance = SUPPORT_KM if _far(place, other) else km(place.lat, place.lon, other.lat, other.lon)
    divisions = (place.kind in DIVISIONS, other.kind in DIVISIONS)
    if divisions[0] != divisions[1] and place.admin1 and place.admin1 == other.admin1:
        division = place if divisions[0] else other
        if division.kind == "region":  # a town in a state
            return 1.0
        if distance < SUPPORT_KM:  # a town in a county (its seat: Richmond, Madison County, Ky.), or by it
            return 1.0 if distance < IN_DISTRICT_KM else 0.5
    return max(0.0, 1 - distance / SUPPORT_KM) * 0.5


def _deep_by_state(found: list[Place]) -> dict[tuple[bool, str | None, str], list[Place]]:
    """A name's candidates past its first SUPPORT_TOP that can be one side of a town-in-county link, by
    (is a county, country, first-level region)."""
    grouped = defaultdict(list)
    for place in found[SUPPORT_TOP:]:
        if place.admin1 and place.kind not in WIDE_KINDS and place.kind != "region":
            grouped[(place.kind == "district", place.country_code, place.admin1)].append(place)
    return grouped


def _in_district(place: Place, others: list[Place]) -> float:
    """1 when one of ``others`` (counties of the town's state, or towns of the county's) is within
    IN_DISTRICT_KM: the town is in the county or is its seat, however deep either is in its candidates."""
    for other in others:
        if abs(place.lat - other.lat) * KM_PER_DEGREE < IN_DISTRICT_KM and \
                km(place.lat, place.lon, other.lat, other.lon) < IN_DISTRICT_KM:
            return 1.0
    return 0.0


def _support(found_by_key: dict[str, list[Place]], salient: list[str],
             chosen: dict[str, Place] | None = None) -> dict[tuple[str, int], float]:
    """(name key, candidate index) -> how much the article's other salient names support that candidate:
    each other name by its first SUPPORT_TOP candidates and, once there is one, its ``chosen`` place
    (Lebanon, Ind., chosen for its people and police, backs Indiana's Boone County)."""
    chosen = chosen or {}
    support = {}
    deep = {key: _deep_by_state(found_by_key[key]) for key in salient}
    # Only candidates of one country can link (``_link``): each name's top ones, by country.
    top_by_country = {}
    for other in salient:
        grouped = defaultdict(list)
        for q in found_by_key[other][:SUPPORT_TOP] + ([chosen[other]] if other in chosen else []):
            if q.kind not in WIDE_KINDS:
                grouped[q.country_code].append(q)
        top_by_country[other] = grouped
    # ... so a candidate asks only the names with a candidate in its own country, in the salient order.
    in_country = defaultdict(list)
    for other in salient:
        for code in set(top_by_country[other]) | {code for _, code, _ in deep[other]}:
            in_country[code].append(other)
    for key, found in found_by_key.items():
        for i, place in enumerate(found):
            if place.kind in WIDE_KINDS:
                continue
            total = 0.0
            wanted = (place.kind != "district", place.country_code, place.admin1)
            for other in in_country.get(place.country_code, ()):
                if other == key:
                    continue
                link = 0.0
                for q in top_by_country[other].get(place.country_code, ()):
                    link = max(link, _far_link(place, q) if _far(place, q) else _link(place, q))
                if link < 1.0 and place.kind != "region" and wanted in deep[other]:
                    link = max(link, _in_district(place, deep[other][wanted]))
                total += link
            if total:
                support[(key, i)] = min(total, SUPPORT_CAP)
    return support


def _far(place: Place, other: Place) -> bool:
    """Farther apart than SUPPORT_KM by latitude alone: most pairs, told apart without a distance."""
    return abs(place.lat - other.lat) * KM_PER_DEGREE >= SUPPORT_KM


def _far_link(place: Place, other: Place) -> float:
    """``_link`` of two candidates of one country that are ``_far``: only a town in a state links."""
    if not place.admin1 or place.admin1 != other.admin1:
        return 0.0
    if place.kind in DIVISIONS:
        return 1.0 if place.kind == "region" and other.kind not in DIVISIONS else 0.0
    return 1.0 if other.kind == "region" else 0.0


def resolve(article: Article, gazetteer) -> None:
    """Set ``place``, ``confidence`` and ``reason`` on every mention of the article, and each demonym's
    country (also in an article that names no place: "Polish officials said")."""
    for demonym in article.demonyms:
        demonym.place = gazetteer.country(demonym.country_code) if demonym.country_code else None
    if not article.mentions:
        return
    looked_up = {m.query: lookup(gazetteer, m.query, MAX_CANDIDATES) for m in article.mentions}
    candidates = {query: found for query, (found, _) in looked_up.items()}

    # Countries the article talks about: named countries and demonyms. A name is not evidence for its own
    # reading, so each name's contribution is left out when that name is resolved ("Georgia" beside Gainesville).
    context = Counter(d.country_code for d in article.demonyms if d.country_code)
    contributions: dict[str, Counter] = defaultdict(Counter)
    town_named = {name_key(m.query) for m in article.mentions if _named_as_town(article.text, m)}
    for mention in article.mentions:
        found = candidates[mention.query]
        if found and found[0].kind in WIDE_KINDS and name_key(mention.query) in town_named:
            continue
        if found and found[0].kind in WIDE_KINDS:
            contributions[name_key(mention.query)][found[0].country_code] += 2
        elif found and len({p.country_code for p in found[:3]}) == 1:
            contributions[name_key(mention.query)][found[0].country_code] += 1
    for counts in contributions.values():
        context.update(counts)
    currency = _currency_country(article.text)
    if currency:
        context[currency] += CURRENCY_CLUE

    # Divisions the article names ("Texas", "Va.", "Titus County"): places in their first-level region are
    # preferred, the more the more often the article names it (Indiana six times beside Kentucky once), but
    # not by the name itself ("Quebec" the province does not make "Quebec" the city). Only
    # names whose divisions all lie in one first-level region count: "Kentucky" does, "Montgomery County"
    # (thirty of them, in as many states) does not.
    region_of = {name_key(m.query): candidates[m.query][0].admin1 for m in article.mentions
                 if candidates[m.query] and candidates[m.query][0].kind in DIVISIONS and candidates[m.query][0].admin1
                 and len({p.admin1 for p in candidates[m.query] if p.kind in DIVISIONS}) == 1}
    times_named = Counter(name_key(m.query) for m in article.mentions)
    total_context = sum(context.values())

    list_kind, region_listed = _list_kinds(article, candidates)
    qualifiers = _qualifiers(article)
    qualified: dict[str, Place] = {}
    for index, qualifier in qualifiers.items():
        if index in region_listed and _same_list(article, index, qualifier):
            continue
        top = next(iter(candidates[qualifier.query]), None)
        if top is not None and top.kind in ("country", *DIVISIONS):
            qualified[name_key(article.mentions[index].query)] = top

    # A metonym stands for one well-known city whatever the context ("the White House" is Washington, D.C.,
    # even in an article about Washington, N.C.), so it is its own group, resolved by the prior alone.
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in article.mentions:
        by_name[(METONYM_KEY if mention.kind == "metonym" else "") + name_key(mention.query)].append(mention)

    def rank(key: str, found: list[Place], anchors: dict[str, Place]) -> list[tuple[float, Place, list[str]]]:
        near = [a for other, a in anchors.items() if other != key and a.kind not in WIDE_KINDS]
        own = contributions.get(key, Counter())
        regions = Counter()  # first-level region -> how often the article's other names name it
        for other, admin1 in region_of.items():
            if other != key:
                regions[admin1] += times_named[other]
        most_named = max(regions.values(), default=0)
        others_total = total_context - sum(own.values())
        state_named = {p.country_code for p in found if p.kind == "region" and p.name_weight == 0}
        dominant = None
        if others_total >= DOMINANT_MIN:
            cc, n = max(((cc, n - own.get(cc, 0)) for cc, n in context.items()), key=lambda x: x[1])
            if n >= DOMINANT_SHARE * others_total:
                dominant = cc
        holding = [p for i, p in enumerate(found) if p.kind == "region" and p.name_weight == 0
                   and support.get((key, i), 0) >= HOLDING_MIN]
        primary_city = max((p.population for p in found if p.name_weight == 0 and p.kind == "city"
                            and p.population >= PRIMARY_MIN), default=0)
        scored = []
        for index, place in enumerate(found):
            score, reasons = place.score, [f"prior {place.score:.1f}"]
            if place.name_weight < 0 and place.kind == "town":
                score -= ALTERNATE_TOWN_PENALTY
            elif place.name_weight < 0 and place.kind == "city" and primary_city:
                score -= ALTERNATE_CITY_PENALTY
                if place.population < primary_city and not name_key(place.name).startswith(key):
                    score -= SMALLER_ALTERNATE_PENALTY
            if place.kind == "country" and key in town_named:
                score -= LOCAL_COUNTRY_PENALTY
                reasons.append("named as a town's (its people, its police)")
            if place.kind == "town" and place.country_code in state_named and key not in qualified:
                score -= STATE_NAMED_TOWN_PENALTY
                reasons.append(f"a town named like a region of {place.country_code}")
            backing = support.get((key, index))
            if backing:
                score += SUPPORT_BONUS * backing
                reasons.append(f"supported by the article's other names ({backing:.1f})")
            if list_kind.get(key) == _kind_class(place):
                score += LIST_BONUS
                reasons.append(f"listed with other places of its kind ({place.kind})")
            qualifier = qualified.get(key)
            if qualifier is not None and _contains(qualifier, place):
                score += QUALIFIER_BONUS
                reasons.append(f"qualified by {qualifier.name}")
            if (place.kind == "country" and dominant and dominant != place.country_code
                    and any(p.country_code == dominant and p.kind == "region" for p in found)):
                score -= FOREIGN_COUNTRY_PENALTY
                reasons.append(f"the rest of the article is in {dominant}")
            elif place.kind == "country" and holding and not support.get((key, index)):
                score -= HOLDING_REGION_PENALTY
                reasons.append(f"a region of that name holds another place named ({holding[0].name}, {holding[0].country_code})")
            about = context.get(place.country_code, 0) - own.get(place.country_code, 0)
            if place.kind not in WIDE_KINDS and about > 0:
                score += COUNTRY_CONTEXT_BONUS * about / max(others_total, CONTEXT_MIN)
                reasons.append(f"article about {place.country_code}")
            if place.admin1 in regions:
                score += REGION_CONTEXT_BONUS * regions[place.admin1] / most_named
                reasons.append(f"in a region the article names ({place.admin1})")
            if near and place.kind not in WIDE_KINDS:
                closest = min((km(place.lat, place.lon, a.lat, a.lon) for a in near
                               if abs(place.lat - a.lat) * KM_PER_DEGREE < NEARBY_KM), default=NEARBY_KM)
                if closest < NEARBY_KM:
                    score += NEARBY_BONUS * (1 - closest / NEARBY_KM)
                    reasons.append(f"{closest:.0f} km from another place named")
            scored.append((score, place, reasons))
        return sorted(scored, key=lambda s: -s[0])

    # Two passes: the unambiguous places anchor the first; every first-pass choice anchors the second,
    # so places named together pull each other together (Alexandria, Va. beside Arlington).
    found_by_key = {key: candidates[group[0].query] for key, group in by_name.items()}
    # Context comes from the CONTEXT_NAMES most-named names, so that a book-length text stays linear.
    salient = sorted(by_name, key=lambda k: -len(by_name[k]))[:CONTEXT_NAMES]
    support = _support(found_by_key, salient)
    anchors = {key: found_by_key[key][0] for key in salient
               if found_by_key[key] and (len(found_by_key[key]) == 1 or found_by_key[key][0].kind in WIDE_KINDS)}
    first = {key: _seat_of_power(found_by_key[key]) if key.startswith(METONYM_KEY) else rank(key, found_by_key[key], anchors)[0][1]
             for key in salient if found_by_key[key]}
    support = _support(found_by_key, salient, chosen=first)
    for key, group in by_name.items():
        found = found_by_key[key]
        if not found:
            for mention in group:
                mention.place, mention.confidence, mention.reason = None, 0.0, "not in the gazetteer"
            continue
        if key.startswith(METONYM_KEY):
            best = _seat_of_power(found)
            for mention in group:
                mention.place, mention.confidence, mention.reason = best, 1.0, f"seat of power in {best.name}"
            continue
        scored = rank(key, found, first)
        best_score, best, reasons = scored[0]
        margin = best_score - scored[1][0] if len(scored) > 1 else 5.0
        confidence = round(1 / (1 + math.exp(-margin)), 3)
        found_as = looked_up[group[0].query][1]
        if found_as != group[0].query:
            reasons = [f"found as '{found_as}'", *reasons]
        for mention in group:
            mention.place, mention.confidence, mention.reason = best, confidence, "; ".join(reasons)
