"""Word tables for recognition: cue words, demonyms, metonyms.

Tables, not code. The cue words are ``data/cues.csv``: one row per group of
words with the effect it has, an example and where it came from; each group
is a frozenset here under its upper-case name. The demonyms and metonyms come
from ``data/`` (plus the English demonyms of ``countryinfo``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from bordermap.geo.data_files import data_file


def cue_table() -> dict[str, dict[str, str]]:
    """group -> its row of ``data/cues.csv`` (words, effect, example, origin)."""
    with data_file("cues.csv").open(encoding="utf-8") as f:
        return {row["group"]: row for row in csv.DictReader(f)}


CUES = {group: frozenset(row["words"].split("|")) for group, row in cue_table().items()}

DIRECTIONS = CUES["directions"]
DIVISION_HEADS = CUES["division_heads"]
#: Lower-case words that may end a longer gazetteer name: "Moscow region", "Rafah crossing", "Preah Vihear temple".
EXTENSION_HEADS = DIVISION_HEADS | CUES["extension_heads"]
#: Lower-case words inside a longer gazetteer name: "Rio Grande do Sul", "Frankfurt am Main".
NAME_PARTICLES = CUES["name_particles"]
LOCATIVE_CUES = CUES["locative_cues"]
OF_CUES = CUES["of_cues"]
NOT_PLACES = CUES["not_places"]
HOLIDAY_HEADS = CUES["holiday_heads"]
INSTITUTION_WORDS = CUES["institution_words"]
RESIDENT_WORDS = CUES["resident_words"]
LOCAL_SERVICE_WORDS = CUES["local_service_words"]
COURT_KINDS = CUES["court_kinds"]
DISEASE_HEADS = CUES["disease_heads"]
STREET_HEADS = CUES["street_heads"]
FACILITY_HEADS = CUES["facility_heads"]
PERSON_TITLES = CUES["person_titles"]
SPEECH_VERBS = CUES["speech_verbs"]
#: Who or what moves in a journey that is a border event wherever it goes (troops, refugees): read by events.
MOVING_FORCES = CUES["moving_forces"]
CONTINENT_PARTS = CUES["continent_parts"]
NAME_ABBREVIATIONS = CUES["name_abbreviations"]
AREA_PREFIXES = CUES["area_prefixes"]
JOINING_WORDS = CUES["joining_words"]
CONNECTORS = CUES["connectors"]

#: Entity labels that name places, and those of names that are not places but may hold one
#: ("University of Nebraska").
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAMED_THINGS = ("PERSON", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC")
#: Plural division words after a list of names, and the word each name takes: "Clay and Grant counties".
LISTED_DIVISIONS = {"counties": "County", "parishes": "Parish"}


@dataclass(frozen=True)
class Metonym:
    phrase: str
    name: str
    country_code: str


#: Demonyms that are their own plural or an adjective only: "Sudanese", "British", "French", "Swiss", "Greenlandic".
_NO_PLURAL = re.compile(r"(?:s|sh|ch|ese|x|z|ic)$")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym or adjective (as written) -> ISO country code. Two-word ones ("Sri Lankan", "South
    African") are kept: the recogniser reads token pairs."""
    table: dict[str, str] = {}
    from countryinfo import CountryInfo

    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha2") if isinstance(info, dict) else None
        for word in str(info.get("demonym") or "").replace(",", "/").split("/"):
            word = word.strip()
            if code and word and len(word.split()) <= 2 and word[0].isupper() and not word.endswith("Island"):
                table.setdefault(word, code)
                if not _NO_PLURAL.search(word):  # "Haitians", "Equatorial Guineans"; not "Sudaneses"
                    table.setdefault(word + "s", code)
    with data_file("demonyms.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            table[row["demonym"]] = row["country_code"]
    return table


@lru_cache(maxsize=1)
def metonyms() -> dict[str, Metonym]:
    """Seat-of-power phrase (as written) -> the city it stands for."""
    with data_file("metonyms.csv").open(encoding="utf-8") as f:
        return {row["phrase"]: Metonym(row["phrase"], row["name"], row["country_code"]) for row in csv.DictReader(f)}
