"""Shorter names for a name the gazetteer lacks: "Henderson County Jail" is found as Henderson County.

News names places inside longer names (an office, a court, a team) and with
a direction before them ("North Texas"). When the whole name is unknown, the
words after it that name an institution or a division are dropped, then a
direction before it, and the first shorter name the gazetteer knows is used;
the resolution says so in its reason ("found as 'Texas'").
"""

from __future__ import annotations

import re

from bordermap.geo.gazetteer import Place
from bordermap.geo.lexicon import CUES, DIRECTIONS, DIVISION_HEADS, INSTITUTION_WORDS

#: Words after a name that the gazetteer lacks which may be dropped to find it: "Henderson County Jail",
#: "Guangxi province", "Birmingham City". Counties, rivers and lakes are not dropped: "Sacramento River"
#: is not Sacramento and an unknown "X County" is not the town X (data/cues.csv: backoff_tails, backoff_kept).
DROPPABLE_TAIL = (INSTITUTION_WORDS | DIVISION_HEADS | CUES["backoff_tails"]) - CUES["backoff_kept"]
#: Words before a name that may be dropped the same way: "North Texas", "South West England", "Greater Boston".
DROPPABLE_HEAD = DIRECTIONS | CUES["backoff_heads"]
#: Words left at the end of an institution's name cut short ("Muscogee County Clerk of [Superior Court]").
_LINKING = {"of", "the", "for", "and"}
DIVISIBLE_POPULATION = 100_000
_OF_HEAD = re.compile(r"^(?:city|town|county|province|state|municipality|district|republic) of\s+", re.IGNORECASE)


def backoff_names(name: str) -> list[str]:
    """Shorter names to try, in order, when the gazetteer has none called ``name``: without the words
    after it that name an institution or a division, then without a direction before it."""
    words = _OF_HEAD.sub("", name).split()
    tried = [" ".join(words)] if len(words) < len(name.split()) else []
    if len(words) > 2 and words[-1].casefold() in _LINKING and words[-2].casefold() in DROPPABLE_TAIL:
        words = words[:-1]  # "Muscogee County Clerk of [Superior Court]"
    while len(words) > 1 and words[-1].casefold().removesuffix("'s").removesuffix("’s") in DROPPABLE_TAIL:
        words = words[:-1]
        tried.append(" ".join(words))
    while len(words) > 1 and words[0].casefold() in DROPPABLE_HEAD:
        words = words[1:]
        tried.append(" ".join(words))
    return [t for t in tried if len(t) >= 2 and t.split()[-1].casefold() not in DROPPABLE_TAIL | DROPPABLE_HEAD]


def _divisible(place: Place) -> bool:
    """Can a direction word name a part of this place ("North Texas", "South Philadelphia")? Countries,
    regions and large cities, not continents, seas or villages ("West Wing" is not Wing, Bucks.)."""
    return place.kind in ("country", "region", "district") or (
        place.kind == "city" and place.population >= DIVISIBLE_POPULATION
    )


def lookup(gazetteer, name: str, limit: int) -> tuple[list[Place], str]:
    """The candidates for a name and the name they were found under (itself or a shorter form)."""
    found = gazetteer.candidates(name)
    if found:
        return found[:limit], name
    first_word = next(iter(_OF_HEAD.sub("", name).split()), "")
    for shorter in backoff_names(name):
        found = gazetteer.candidates(shorter)
        direction_dropped = first_word.casefold() in DROPPABLE_HEAD and not shorter.startswith(first_word)
        if direction_dropped and found and not _divisible(found[0]):
            continue  # "North Texas" is in Texas; "North Africa" is far from Africa's middle
        if found:
            return _divisions_first(found, name, shorter)[:limit], shorter
    return [], name


def _divisions_first(found: list[Place], name: str, shorter: str) -> list[Place]:
    """A division head dropped from the name says which of the namesakes is meant: "Sokoto State" is the state,
    not its capital, "Kursk Oblast" the oblast; with no division of that name, the candidates stand."""
    dropped = {w.casefold() for w in name.split()} - {w.casefold() for w in shorter.split()}
    if not dropped & DIVISION_HEADS:
        return found
    divisions = [p for p in found if p.kind in ("region", "district")]
    return divisions or found
