"""What the words in and around a name say about it: the cues recognition weighs.

Each function reads one spaCy span in its doc and answers one question ("is
a locative word before it?", "is it someone's home?", "does it begin a
street's name?"). None consults the gazetteer; the word lists come from the
cue table (``geo.lexicon``, ``data/cues.csv``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bordermap.geo.lexicon import (
    CONNECTORS,
    COURT_KINDS,
    DIRECTIONS,
    DISEASE_HEADS,
    DIVISION_HEADS,
    FACILITY_HEADS,
    LOCAL_SERVICE_WORDS,
    LOCATIVE_CUES,
    NAME_ABBREVIATIONS,
    NOT_PLACES,
    OF_CUES,
    PERSON_TITLES,
    PLACE_LABELS,
    RESIDENT_WORDS,
    STREET_HEADS,
)

#: Words before a name that make it a place whatever spaCy's label: "who lives in Tega Cay", "the town of Adre".
_HOME_BEFORE = re.compile(r"\b(?:(?:lives?|living|lived|resides?|residing|born|raised|grew up) in|moved to"
                          r"|(?:native|resident|residents|town|city|village|hamlet) of)$")
#: Words after a name that say what kind of place it is: "Milton is located at", "Buxton had a population of",
#: "Acton is a village", "Adre, a town in eastern Chad" (", the village of" often names another place).
_KIND_AFTER = re.compile(r"(?:,?\s+(?:is|was|remains|became)\s+(?:also\s+)?(?:a|an|the)\s+(?:(?!of\b|in\b|for\b)[\w-]+\s+){0,3}?"
                         r"|,\s+(?:a|an)\s+(?:(?!of\b|in\b|for\b)[\w-]+\s+){0,2}?)"
                         r"(?:city|town|village|hamlet|township|community|suburb|settlement|municipality|borough"
                         r"|neighbou?rhood|county|province|port|capital)"
                         r"(?=[,.;:)]|\s+(?:of|in|on|near|at|and|or|with|that|which|where|located|situated|about|some"
                         r"|north|south|east|west|\d))"  # "a village in", not "a town councillor"
                         r"|\s+(?:is|was|are) (?:located|situated)\b|\s+(?:has|had) a population\b")
#: Kinds of place a name may stand in apposition to ("the new enclave, Melilla,"), and the gazetteer's kinds
#: that agree with each: a surname the gazetteer knows as a village is no province's name.
_SETTLEMENT, _DIVISION = frozenset({"city", "town"}), frozenset({"region", "district"})
APPOSITION_KINDS = {"city": frozenset({"city"}), "capital": frozenset({"city"}),
                    **dict.fromkeys(("town", "village", "hamlet", "settlement", "enclave", "exclave", "port",
                                     "municipality"), _SETTLEMENT),
                    **dict.fromkeys(("province", "district", "county", "region"), _DIVISION)}
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,3}")

#: Unions of the lexicon's word sets, built once: a union at each call costs more than the lookup.
NEVER_ALONE = NOT_PLACES | PERSON_TITLES
NAMES_ANOTHER_THING = DISEASE_HEADS | STREET_HEADS
INSIDE_A_NAME = CONNECTORS | DIVISION_HEADS


def capitalised(token) -> bool:
    """A capitalised word ("Minsk"), a dotted abbreviation ("U.S.", "D.C.") or a saint's, fort's or
    mount's ("St. Cloud"), not a common word. "US" in capitals is the country; "us" is the pronoun."""
    if _ABBREVIATION.fullmatch(token.text) or token.text in NAME_ABBREVIATIONS:
        return True
    return token.is_alpha and token.text[0].isupper() and token.text.casefold() not in NOT_PLACES


def compass_word(token) -> bool:
    """A capitalised direction ("North", "Western"): never a place alone, but it may begin one."""
    return token.text[:1].isupper() and token.lower_ in DIRECTIONS


def direction_of(doc, span) -> bool:
    """Compass words alone before "of": a direction from a place ("8 km South West of Tartu", "the
    North-East of Estonia"), not a place of that name."""
    return (span.end < len(doc) and doc[span.end].lower_ == "of" and compass_word(span[0])
            and all(t.lower_ in DIRECTIONS or t.text in ("-", "–") for t in span))


def name_shaped(span) -> bool:
    """Capitalised words, connectors and division heads, ending in a capital or a head ("Anderson County");
    "North Carolina", "South Sudan", "New South Wales": a compass word anywhere but last."""
    last = span[-1]
    if not (capitalised(last) or (len(span) > 1 and last.lower_ in DIVISION_HEADS)):
        return False
    return all(capitalised(t) or t.lower_ in CONNECTORS or t.lower_ in DIVISION_HEADS or compass_word(t)
               for t in span)


def hyphen_joined_name(span) -> bool:
    """Words joined by hyphens with no space, a lower-case word among them: "Southend-on-Sea",
    "Henley-on-Thames", "Chalons-en-Champagne". The shape of a town's name; people are not named so."""
    joined = all(not t.whitespace_ for t in span[:-1])
    return joined and any(t.text == "-" for t in span) and any(
        t.is_lower and t.is_alpha and t.lower_ not in NAME_PARTICLES for t in span[1:-1])


#: Small words of people's names joined by hyphens ("Salah-ad-Din", "Nur-ul-Haq"), not of towns'.
NAME_PARTICLES = {"al", "el", "ad", "ud", "ed", "ul", "ur", "un", "as", "ash", "az", "ibn", "bin", "bint", "abu"}


def not_a_name(span) -> bool:
    return all(t.is_lower or t.is_punct or t.like_num for t in span) or span.text.casefold() in NOT_PLACES


def has_cue(doc, span) -> bool:
    """A locative word just before the name: "in X", "near X", "the town of X"."""
    cue = doc[span.start - 1].lower_ if span.start > 0 else ""
    if cue == "of":
        return span.start > 1 and doc[span.start - 2].lower_ in OF_CUES
    if cue == "-":  # a lawmaker's party and home town: "Rep. Joseph Wagner, D-Chicopee"
        return span.start > 1 and doc[span.start - 2].text in ("D", "R", "I")
    return cue in LOCATIVE_CUES


def surnames(doc) -> set[str]:
    """Last words of the text's multi-word person names, unless the text also calls them places: later
    alone they still name that person."""
    if "bordermap_surnames" not in doc.user_data:
        entities = doc.ents  # each read of doc.ents builds its spans again
        found = {ent[-1].text for ent in entities if ent.label_ == "PERSON" and len(ent) > 1}
        places = {ent.text for ent in entities if ent.label_ in PLACE_LABELS}
        doc.user_data["bordermap_surnames"] = found - places  # "Hamilton" the city, named for George Hamilton
    return doc.user_data["bordermap_surnames"]


def names_something_else(doc, span, street_name_words: int, strength: Callable[[str], float]) -> bool:
    """An entity in lower case ("the swan") or a word never a place alone ("Western"; "US" is the
    country), a place name that names a disease ("West Nile virus") or begins a street's ("King
    Street"), or an era after a year ("500 BC" is not British Columbia)."""
    if not any(t.text[:1].isupper() for t in span):
        return True
    if len(span) == 1 and span.text != "US" and span.text.casefold() in NEVER_ALONE:
        return True  # "Western"; "Commissioner" (an alternate name of McIntyre, Ga.)
    if span.text.replace(".", "") in ("BC", "AD", "BCE", "CE") and span.start > 0 and doc[span.start - 1].like_num:
        return True
    if span.end < len(doc) and doc[span.end].lower_ in NAMES_ANOTHER_THING and not _route_between(doc, span, strength):
        return True
    return inside_a_street_or_building(doc, span, street_name_words)


def _route_between(doc, span, strength: Callable[[str], float]) -> bool:
    """The second of two names joined by a hyphen before a road's word in lower case: "the Beirut-Damascus
    highway", "the Moscow-Minsk road" run between two places (the first is followed by the hyphen, not by
    the road's word); "King Street", "Damascus Road" name a street, and "the Winston-Salem road" leads to
    one town whose name the gazetteer knows whole (``strength``)."""
    head = doc[span.end]
    if not (head.lower_ in STREET_HEADS and head.text.islower() and span.start >= 2
            and doc[span.start - 1].text in ("-", "–") and doc[span.start - 2].text[:1].isupper()):
        return False
    return not strength(doc[span.start - 2 : span.end].text)


def inside_a_street_or_building(doc, span, street_name_words: int) -> bool:
    """A word of a longer name of a street ("Lone" of "Lone Oak Road") or the last word of a building's
    ("Hall" of "City Hall", "Centre" of "Arndale Centre")."""
    if len(span) == 1 and span.start > 0 and span[0].lower_ in FACILITY_HEADS and doc[span.start - 1].text[:1].isupper():
        return True
    for end in range(span.end, min(len(doc), span.end + street_name_words + 1)):
        if doc[end].lower_ in STREET_HEADS:
            return end > span.end
        if not (doc[end].text[:1].isupper() and doc[end].is_alpha) or doc[end].lower_ in DIVISION_HEADS:
            return False  # "Douglas County Road 4" names the county
    return False


def list_goes_on(doc, span) -> bool:
    """A comma, "and" or "or" after the name, or the sentence's end: the name is a member of a list."""
    return span.end >= len(doc) or doc[span.end].lower_ in (",", ".", ";", "and", "or")


def kind_cue(doc, span) -> bool:
    """Words after the name that say it is a place: "Milton is located at", "Adre, a town in"; not for
    the end of a longer name ("Rollins Mountain is located")."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.text in ("'s", "’s") or (
            before.is_alpha and before.text[:1].isupper() and not span[0].is_sent_start)):
        return False  # "Newman's Green is a hamlet"
    text = doc.user_data.get("bordermap_text") or doc.text  # doc.text joins every token again at each read
    return bool(_KIND_AFTER.match(text, span.end_char))


def apposition_kind(doc, span) -> str | None:
    """The kind of place a name stands in apposition to: a kind word in lower case, a comma, the name, then a
    comma or the sentence's end ("a small exclave, Vorukh, on", "the city, Belo Horizonte, at"); None
    otherwise ("Mexico City, Garcia," is a capitalised name's word)."""
    if span.start < 2 or doc[span.start - 1].text != "," or not (span.end >= len(doc) or doc[span.end].text in (
            ",", ".", ";", ")")):
        return None
    word = doc[span.start - 2]
    return word.text if word.is_lower and word.text in APPOSITION_KINDS else None


def service_cue(doc, span) -> bool:
    """A town's own service after the name: "Grovetown police", "Chiefland Police Chief", "Tega Cay
    Volunteer Fire Department"."""
    after = span.end + (span.end < len(doc) and doc[span.end].lower_ == "volunteer")
    return after < len(doc) and doc[after].lower_ in LOCAL_SERVICE_WORDS


def letters_and_digits(word: str) -> bool:
    """A code or an ordinal ("H5N1", "I-70", "87th"), which names no place the gazetteer lacks."""
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def owns_something(doc, span) -> bool:
    """A possessive after the name: "at McDonald's", "in Flores' honor", "at Kelly's attempts"."""
    return span.end < len(doc) and doc[span.end].text in ("'s", "’s", "'", "’")


def court_cue(doc, span) -> bool:
    """A court named for the town it sits in: "Litchfield Superior Court", "Wood Green Crown Court"."""
    return (span.end + 1 < len(doc) and doc[span.end].lower_ in COURT_KINDS
            and doc[span.end + 1].lower_ == "court")


def resident_cue(doc, span) -> bool:
    """A word after the name that makes it someone's home: "a 60-year-old Alton man", "a Buford home"."""
    return span.end < len(doc) and doc[span.end].lower_ in RESIDENT_WORDS


def home_cue(doc, span) -> bool:
    """Words before a name that make it a place whatever the model says: "lives in", "moved to", "a
    native of", "the town of" ("the Chad town of Adre": spaCy reads a person)."""
    before = " ".join(t.lower_ for t in doc[max(0, span.start - 3) : span.start])
    return bool(_HOME_BEFORE.search(before))


def dateline(doc, span) -> bool:
    """A wire dateline: a name in capitals opening a paragraph or a sentence, then a dash or a comma ("IMMOKALEE -",
    "MANSFIELD —", "PARIS, Texas")."""
    opens = span[0].is_sent_start or "\n" in doc[span.start - 1].text_with_ws or doc[span.start - 1].is_space
    after = doc[span.end].text if span.end < len(doc) else ""
    return opens and span.text.isupper() and len(span.text) > 2 and after in ("-", "–", "—", "--", ",", "(")


#: Words after a name that make it a crossing point: "the Medyka crossing", "Seme Border post", "the Allenby bridge".
CROSSING_WORDS = {"crossing", "checkpoint", "bridge", "gate"}
CROSSING_AFTER_BORDER = {"crossing", "post", "point", "checkpoint", "gate", "station"}


def crossing_cue(doc, span) -> bool:
    """A crossing word right after the name: "the Medyka crossing", "Illela Border post", "the X border point",
    or "Border" as part of the name, as West African news names its posts ("Nigeria reopened Idiroko Border";
    lower case, "the Mexico border" is a border, not a post)."""
    if span.end >= len(doc):
        return False
    word = doc[span.end].lower_
    if word in CROSSING_WORDS:
        return True
    if doc[span.end].text == "Border" and not _title_case(doc, span):
        return True
    return word == "border" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in CROSSING_AFTER_BORDER


def _title_case(doc, span) -> bool:
    """Is the sentence around a name in title case (a headline: "Troops Mass At Mexico Border")?"""
    return title_case(span.sent if doc.has_annotation("SENT_START") else doc)


def title_case(sentence) -> bool:
    """Is a sentence (tokens) in title case? None of its words of four letters or more is in lower case: a
    sentence always has one (a verb, a common noun), however many names it lists ("Nigeria reopened Jibia
    Border, Idiroko Border and Seme Border")."""
    return not any(t.is_alpha and len(t) > 3 and t.is_lower for t in sentence)


def in_longer_name(doc, span) -> bool:
    """A capitalised word right before (not opening a sentence) or after: "Troy" in "Troy Aikman"."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return bool((before is not None and before.is_alpha and before.text[:1].isupper() and not before.is_sent_start)
                or (after is not None and after.is_alpha and after.text[:1].isupper()))
