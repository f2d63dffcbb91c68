"""Word tables for recognition: demonyms, metonyms, directions, cue words.

Tables, not code: the demonyms and metonyms come from ``data/`` (plus the
English demonyms of ``countryinfo``), the word lists are here in one place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from bordermap.geo.gazetteer_index import data_file

DIRECTIONS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "north-east", "north-west", "south-east", "south-west",
    "central", "upstate", "downstate",
}
#: Lower-case heads that may follow a name inside a region's name ("Kursk region").
DIVISION_HEADS = {
    "region", "oblast", "province", "state", "governorate", "district", "county", "voblasts",
    "krai", "territory", "prefecture", "raion", "rayon",
}
#: Words before a name that say a place follows ("in Dyvin", "near Dyvin").
LOCATIVE_CUES = {
    "in", "near", "at", "from", "to", "into", "outside", "towards", "toward", "across", "via",
    "through", "around", "between", "border", "crossing", "town", "village", "city",
    "province", "region", "capital", "entered", "reached", "captured", "seized", "shelled", "struck",
}
#: Nouns that make "of" a locative cue: "the town of Dyvin", "north of Kyiv", "outskirts of Goma".
OF_CUES = {
    "town", "village", "city", "province", "region", "state", "district", "county", "capital", "outskirts",
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "center", "centre",
    "port", "island", "republic", "kingdom", "suburbs", "area", "border", "borders", "heart", "streets",
    "mayor", "governor", "residents", "suburb",
}
#: Capitalised words that are never places on their own in news text.
NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "spring", "summer", "autumn", "winter", "day", "est", "edt", "cst", "cdt", "pst",
    "pdt", "gmt", "utc", "president", "minister", "prime", "general", "mr", "mrs", "ms", "dr",
    "god", "allah", "christmas", "easter", "ramadan", "reuters", "cnn", "bbc", "afp", "ap", "voa",
    "source", "link", "read", "more", "news", "said", "says", "the", "a", "an", "this", "that",
    "today", "tomorrow", "yesterday", "we", "i", "he", "she", "they", "it", "but", "and", "or",
    "according", "officials", "police", "army", "forces", "troops", "government", "ministry",
    "of", "in", "on", "at", "by", "for", "with", "as", "if", "so", "no", "yes", "all", "also",
    "ok", "hi", "us", "man", "story", "photo", "video", "image", "click", "here",
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
    # armed and political groups whose names are also places somewhere (Hamas: an alias of Hamm)
    "hamas", "hezbollah", "taliban", "fatah", "isis", "nato",
    # the planet (Earth, Texas is rarely meant); a city's transit or its area, not Metro, Indonesia
    "earth", "metro",
    # a common noun that is a foreign name of a country (Iceland's "Island")
    "island",
    # legislatures ("concerns in Congress" is not Congress, Ariz.)
    "congress", "parliament", "senate",
}
#: Last words of a holiday's name: "St. Patrick's Day" is no place.
HOLIDAY_HEADS = {"day", "eve", "week"}
#: Words after a place name inside an organisation's name: "Fargo Police", "Douglas County Hospital".
INSTITUTION_WORDS = {
    "police", "department", "county", "city", "state", "national", "hospital", "university", "college",
    "school", "schools", "fire", "court", "council", "airport", "museum", "library", "public", "sheriff",
    "government", "ministry", "army", "guard", "border", "province", "regional", "municipal", "district",
    "chamber", "board", "commission", "authority", "port", "station", "times", "herald", "post", "daily",
    "commonwealth", "parish", "metropolitan", "federal", "republic", "region", "community", "health",
    "transportation", "foundation", "association", "highway", "patrol", "firefighters", "volunteer",
    "sheriff's", "sheriff’s", "heritage", "historical", "society", "center", "centre", "office", "zoo",
    "legislature", "assembly", "senate", "house", "economic", "development", "water", "utilities",
    "tribune", "journal", "gazette", "news", "medical", "consortium", "arts", "bank",
    "coroner", "coroner's", "coroner’s", "detention", "superior", "jail", "clerk", "opp",
}

#: Words after a town's name that make it someone's home: "a 60-year-old Alton man", "a Buford home".
RESIDENT_WORDS = {"man", "woman", "men", "women", "resident", "residents", "native", "natives", "home", "homes",
                  "couple", "teen", "teenager", "boy", "girl", "youth", "homeowner", "homeowners",
                  "police", "firefighters"}

#: A town's own services after its name: "Grovetown police", "Chiefland Police Chief", "Cookville Fire Chief",
#: "Brant OPP" and "Nelson RCMP" (Canada's police detachments are named for their towns).
LOCAL_SERVICE_WORDS = {"police", "fire", "firefighter", "firefighters", "mayor", "sheriff", "sheriff's", "sheriff’s",
                       "opp", "rcmp"}
#: Words before "Court" in the name of a court that sits in a town: "Litchfield Superior Court", "Wood Green
#: Crown Court", "Bromley Magistrates' Court".
COURT_KINDS = {"superior", "crown", "magistrates", "magistrates'", "magistrates’", "magistrate's", "municipal",
               "district", "county", "circuit", "provincial", "sheriff", "justice", "city", "town", "family"}

#: Words after a place name that make it a disease's name: "West Nile virus", "Lassa fever", "Spanish flu".
DISEASE_HEADS = {"virus", "viruses", "fever", "disease", "flu", "encephalitis"}

#: Words after a name that make it part of a street's name: "King Street" is not King County.
STREET_HEADS = {"street", "avenue", "road", "boulevard", "lane", "drive", "highway", "parkway", "st.", "ave.", "rd.",
                "blvd.", "blvd"}
#: Last words of a building's or a site's name: "Hall" in "City Hall" is not Hall County.
FACILITY_HEADS = {"hall", "center", "centre", "court", "square", "park", "church", "college", "school", "hospital",
                  "stadium", "arena", "library", "museum", "bridge", "tower", "lot", "home"}

#: Entity labels that name places, and those that never do without strong evidence.
PLACE_LABELS = {"GPE", "LOC", "FAC"}


#: Entity labels of names that are not places but may hold one ("University of Nebraska").
NAMED_THINGS = ("PERSON", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC")
#: Words before a demonym that make it a continent's: "North American", "Latin American", "Central African"
#: (country demonyms of two words, "South Korean", "South African", are read as pairs first).
CONTINENT_PARTS = {"North", "South", "East", "West", "Central", "Latin", "Northern", "Southern", "Eastern",
                   "Western", "Sub-Saharan"}
#: Words abbreviated inside place names, and "US" (in capitals the country; "us" is the pronoun).
NAME_ABBREVIATIONS = {"US", "St.", "Ste.", "Ft.", "Mt."}
#: Words before a city's name that make an area of it: "Metro Vancouver" is about Vancouver.
AREA_PREFIXES = {"metro", "greater", "downtown"}
#: Plural division words after a list of names, and the word each name takes: "Clay and Grant counties".
LISTED_DIVISIONS = {"counties": "County", "parishes": "Parish"}
#: Lower-case words that may end a longer gazetteer name: "Moscow region", "Rafah crossing", "Preah Vihear temple".
EXTENSION_HEADS = DIVISION_HEADS | {"crossing", "border", "checkpoint", "bridge", "pass", "gate", "temple", "pagoda",
                                    "monastery", "airport", "dam", "island", "strait", "valley", "river", "lake"}
#: Lower-case words that join two names into one entity ("Norman to D.C.", "Fargo and Moorhead").
JOINING_WORDS = {"and", "to", "or", "&"}
#: Lower-case words inside a place's name: "Stratford-upon-Avon", "Rio de Janeiro", "Bosnia and Herzegovina".
CONNECTORS = {"of", "de", "del", "da", "do", "al", "el", "la", "le", "upon", "on", "sur", "am", "an", "der", "-", "and"}


@dataclass(frozen=True)
class Metonym:
    phrase: str
    name: str
    country_code: str


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym or adjective (as written) -> ISO country code. Two-word ones ("Sri Lankan", "South
    African") are kept: the recogniser reads token pairs."""
    table: dict[str, str] = {}
    try:
        from countryinfo import CountryInfo

        for info in CountryInfo.all().values():
            code = (info.get("ISO") or {}).get("alpha2") if isinstance(info, dict) else None
            for word in str(info.get("demonym") or "").replace(",", "/").split("/"):
                word = word.strip()
                if code and word and len(word.split()) <= 2 and word[0].isupper() and not word.endswith("Island"):
                    table.setdefault(word, code)
    except ImportError:  # countryinfo is a dependency; the curated table still works without it
        pass
    with data_file("demonyms.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            table[row["demonym"]] = row["country_code"]
    return table


@lru_cache(maxsize=1)
def metonyms() -> dict[str, Metonym]:
    """Seat-of-power phrase (as written) -> the city it stands for."""
    with data_file("metonyms.csv").open(encoding="utf-8") as f:
        return {row["phrase"]: Metonym(row["phrase"], row["name"], row["country_code"]) for row in csv.DictReader(f)}

#: Words before a name that make it a person: "coach Ripley", "Sen. Pierce", "Judge Madison".
PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "coach", "judge", "sheriff", "mayor", "gov", "governor", "sen", "senator",
    "rep", "representative", "commissioner", "deputy", "officer", "sgt", "sergeant", "lt", "lieutenant", "capt",
    "captain", "col", "colonel", "gen", "cpl", "corporal", "chief", "detective", "trooper", "inspector", "pastor",
    "rev", "reverend", "father", "prof", "professor", "councilman", "councilwoman", "superintendent",
    "principal", "dean", "chairman", "chairwoman", "spokesman", "spokeswoman", "attorney", "president",
    "minister", "secretary", "ambassador", "king", "queen", "prince", "princess", "pope",
}
#: Verbs after a minor place's name that make it a speaker: "Pierce said she wants ...".
SPEECH_VERBS = {"said", "says", "told", "added", "wrote", "asked", "explained", "noted", "recalled", "argued"}
