"""Every tuning value of recognition and resolution, with the reason it has that value.

Settings are frozen dataclasses, as spaCy keeps a component's settings in one
validated config: ``RecognizerConfig()`` and ``ResolverConfig()`` are the
defaults, ``dataclasses.replace(ResolverConfig(), nearby_km=300)`` a variant
to measure. Each field's ``why`` (``explain(config)``) says where its value
came from; "swept" means the values named were tried on the dev corpora and
the one kept was best there, so it is fitted to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


def setting(value, why: str):
    """A config field with its default and the reason for it."""
    return field(default=value, metadata={"why": why})


def explain(config) -> list[tuple[str, object, str]]:
    """(name, value, why) of every setting of a config."""
    return [(f.name, getattr(config, f.name), f.metadata.get("why", "")) for f in fields(config)]


@dataclass(frozen=True)
class RecognizerConfig:
    """How names are found: how far to look, and how surely the gazetteer must know a name."""

    max_name_tokens: int = setting(5, "longest place name read as one ('Democratic Republic of the Congo')")
    name_reach: int = setting(
        2, "entities are read only this many tokens around a capital letter: of 12,694 entities spaCy finds in "
           "five corpora, 12,688 stay the same, and token vectors cost a quarter less; a reach of 1 loses 65")
    tail_strength: float = setting(3.0, "only a country ends an organisation's name as its place ('HSBC Malta')")
    list_lookback: int = setting(3, "how many of the latest mentions a listed name looks back at for the place before it")
    street_name_words: int = setting(3, "capitalised words a street name may hold between a place and its head "
                                        "('Lone Oak Road')")
    strength_cache: int = setting(65_536, "every capitalised n-gram is looked up: a bounded cache keeps a long run small")
    well_known_exonym_population: int = setting(
        500_000, "cities this large are known abroad by their alternate names ('Kharkov'); smaller towns' alternate "
                 "names ('Hamas' for Hamm) need a place label or a cue")
    hashtag_name_parts: int = setting(3, "most camel-case words of a hashtag that make one name ('#NewYorkCity')")
    large_city: int = setting(100_000, "a city this large is well known by its own name (strength 2)")
    known_town: int = setting(15_000, "a town this large is known well enough to be found with little context "
                                      "(strength 1; smaller ones 0.5)")
    strong_region_score: float = setting(4.0, "a division whose prior reaches this (about 1,000,000 people) is "
                                              "strength 2, like a large city")


@dataclass(frozen=True)
class ResolverConfig:
    """How a name's candidates are ranked: the weight of each kind of evidence."""

    max_candidates: int = setting(60, "candidates read per name: the 60 most likely by prior")
    qualifier_bonus: float = setting(4.0, "an explicit qualifier ('Minsk, Belarus', 'Paris, Texas') outweighs "
                                          "any prior but a country's")
    country_context_bonus: float = setting(2.5, "the countries the article is about (named, demonyms, currency), "
                                                "as a share of its country clues")
    context_min: int = setting(2, "the country share has at least this many clues, so one small town's country "
                                  "('Hampton Park', Australia) does not outvote the prior of a city elsewhere")
    region_context_bonus: float = setting(
        1.5, "a first-level region the article names, scaled by how often against the most named one: "
             "Boone County beside 'Illinois' three times and 'Kentucky' once is in Illinois")
    nearby_bonus: float = setting(1.0, "nearness to the article's unambiguous places")
    nearby_km: float = setting(500.0, "beyond this a place is not near another")
    support_bonus: float = setting(1.0, "each other name with a candidate inside or near this one adds up to this")
    support_top: int = setting(3, "the first candidates of each other name that may support")
    support_km: float = setting(150.0, "two candidates this close support each other (linearly less with distance)")
    support_cap: float = setting(3.0, "the most support a candidate can get")
    in_district_km: float = setting(
        50.0, "a county and a town of its state this close vouch for each other fully (the town is in it), half "
              "up to support_km; against one flat link: TR-News +0.8 points, LGL +0.1")
    foreign_country_penalty: float = setting(
        3.0, "a country named like a first-level region of the country the rest of the article is in ('Georgia' "
             "beside Alabama); swept 0 / 3 / 6 on the dev corpora: 3 and 6 equal, +0.3 points on GeoVirus")
    dominant_min: int = setting(3, "clues needed before one country dominates an article")
    dominant_share: float = setting(0.8, "the share of clues that makes a country dominant")
    holding_region_penalty: float = setting(
        3.0, "a country named like a region that holds another place the article names ('north Georgia ... metro "
             "Atlanta'); swept 0 / 3 / 6: +0.3 points on LGL, +0.1 on GeoVirus, 3 and 6 equal")
    holding_min: float = setting(1.0, "the support that makes a region 'hold' another place")
    context_names: int = setting(60, "the most-named names that give context to the others: a book stays linear")
    alternate_town_penalty: float = setting(2.0, "a small town matched by an alternate name ('Jerusalem', an old name "
                                                 "of Funkstown, Md.) rarely is what the text means")
    alternate_city_penalty: float = setting(
        1.0, "a city found by an alternate name against a city of primary_min or more found by its own ('Cancun' is "
             "Cancún, not Changchun); swept 0.5 / 1 / 2: 2 costs GeoWebNews and TR-News")
    primary_min: int = setting(100_000, "the size of city whose own name beats another's alternate name")
    smaller_alternate_penalty: float = setting(
        2.0, "and more when that city is smaller and its own name does not begin with the name read ('Kaliningrad' "
             "is the exclave's capital, not Korolev); swept 1 / 2 / 3: LGL +0.1 / +0.2 / +0.2")
    local_country_penalty: float = setting(
        6.0, "a name written as a town's ('a Palestine man', 'Lebanon Police', an address) is a town's even where a "
             "country has the name: countries have demonyms for that; LGL +0.6 points")
    state_named_town_penalty: float = setting(
        2.0, "a town named like a region of its own country ('Oregon', Wis.) is rarely meant unless qualified; "
             "swept 1 / 2 / 3: +0.3-0.4 on GeoVirus")
    list_bonus: float = setting(1.5, "names listed together are places of one kind ('Michigan, Oregon and Ohio')")
    list_min: int = setting(3, "names in a run that make a list")
    list_tie: float = setting(0.5, "candidates this close to a name's best prior also say what kind it may be")
    border_bonus: float = setting(
        2.0, "a place of an article about the border between two countries prefers the candidate on that border: a "
             "crossing between them, or a town of one of them near their shared line ('Horgoš' beside Hungary and "
             "Serbia is not the namesake in China); not swept")
    border_km: float = setting(50.0, "how near the shared line a town must be to count as on the border (linearly less)")
    border_min_clues: int = setting(2, "clues each of the two countries needs before the article is about their border")
    far_penalty: float = setting(
        3.0, "a candidate more than far_km from every other place the article names needs strong evidence (a "
             "qualifier still wins): a namesake on another continent; not swept")
    far_km: float = setting(3000.0, "how far from every other place of the article a candidate is far")
    far_known_population: int = setting(
        500_000, "a city this large is known the world over: far from the article's other places it is still Rome, "
                 "London or Paris (without this, 6 mentions of GeoWebNews and TR-News went to namesakes in the US)")
    currency_clue: int = setting(1, "the first price says which country an article is in ('$2 million' is the US): "
                                    "LGL +0.5 points (1 and 2 equal)")
