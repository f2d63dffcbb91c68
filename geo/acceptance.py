"""The one decision of recognition: is a proposed span a place?

Every generator (``geo.candidates``) proposes ``Candidate``s; ``Acceptance``
says yes or no to each, by the rules of the kind of evidence it came with:
a spaCy place label, a spaCy label of another kind of name, a bare gazetteer
match, a name inside an organisation's. The rules weigh how surely the
gazetteer knows the name (``KnownNames.strength``) against the cues around
it (``geo.cues``); they are the features a learned classifier would take.
"""

from __future__ import annotations

from dataclasses import dataclass

from bordermap.geo import cues
from bordermap.geo.config import RecognizerConfig
from bordermap.geo.known_names import KnownNames
from bordermap.geo.lexicon import (
    DISEASE_HEADS,
    DIVISION_HEADS,
    INSTITUTION_WORDS,
    LOCAL_SERVICE_WORDS,
    NOT_PLACES,
)

#: Candidate sources, one per kind of evidence a proposal comes with.
PLACE_ENTITY = "spaCy place entity"  # GPE, LOC, FAC
NAMED_ENTITY = "spaCy entity of another kind"  # PERSON, ORG, ...: a place only with a cue
GAZETTEER_SCAN = "gazetteer scan"  # a capitalised n-gram spaCy did not read as a name
REPEATED_NAME = "a name found as a place elsewhere"
INSIDE_A_NAME = "inside a name"  # a place at the head of an organisation's name
STRONG_PLACE = "a place the gazetteer knows well"  # after "of" in an institution's name, or ending one
HASHTAG_PART = "a word of a hashtag"
ABBREVIATED_PREFIX = "a dotted prefix"  # "U.S." of "U.S.-led"
#: How many of a name's senses (most likely first) a rule reads when it asks what kind of place the name is.
SENSES_READ = 3
#: The doc's user_data key of the countries the article names (``KnownNames.named_countries``).
NAMED_COUNTRIES = "bordermap_countries"
#: Words before a name that place what follows: "crossed at", "fled into", "pushed towards" (not "to" or "from":
#: "spoke to Clinton", "a call from Obama" name people).
LOCATIVE_WORDS = frozenset({"in", "near", "at", "into", "towards", "toward", "across", "outside", "inside"})
#: Sources whose proposals are places by construction (a metonym of the table, a listed county the
#: gazetteer knows, a part of a joined entity, a known town owning a street).
GIVEN = "given"


@dataclass(frozen=True)
class Candidate:
    """A span proposed as a place, with what the proposer knows of it."""

    source: str
    span: object  # a spaCy Span: the tokens to take
    found_by: str  # how the mention will say it was found
    label: str = ""  # spaCy's entity label, for entities
    query: str = ""  # the name to look up, when not the span's text
    kind: str = "toponym"
    start: int | None = None  # character offsets, for a part of a token (a hashtag's camel-case word)
    end: int | None = None
    looked_up: object = None  # the span whose strength decides, when not ``span`` (an entity before it grew)
    whole: bool = False  # a hashtag read whole
    min_strength: float = 0.0  # for STRONG_PLACE: how surely the gazetteer must know it


class Acceptance:
    """Decides every candidate; ``mentions`` are those taken so far (a list grows from them)."""

    def __init__(self, known: KnownNames, config: RecognizerConfig):
        self.known, self.config = known, config
        self.rules = {PLACE_ENTITY: self._place_entity, NAMED_ENTITY: self._named_entity, GAZETTEER_SCAN: self._scanned,
                      REPEATED_NAME: self._repeated, INSIDE_A_NAME: self._inside, HASHTAG_PART: self._hashtag_part,
                      STRONG_PLACE: self._strong, ABBREVIATED_PREFIX: self._prefix,
                      GIVEN: lambda candidate, doc, mentions: True}

    def __call__(self, candidate: Candidate, doc, mentions: list) -> bool:
        if candidate.source != GIVEN and cues.direction_of(doc, candidate.span):
            return False
        return self.rules[candidate.source](candidate, doc, mentions)

    def _place_entity(self, candidate: Candidate, doc, mentions: list) -> bool:
        """spaCy says GPE, LOC or FAC. Kept unless the gazetteer does not know the name and the words say
        it is something else: an unknown building, one unknown word with no cue ("Modi", "Dropbox"), a
        disease, a code or a rank ("West Nile Virus", "H5N1", "87th"), a person ("coach Ripley")."""
        span = candidate.span
        strength = self.known.strength(span.text)
        if strength == 0 and (candidate.label == "FAC" or cues.not_a_name(span)
                              or (len(span) == 1 and not cues.has_cue(doc, span))
                              or span[-1].lower_ in DISEASE_HEADS or any(cues.letters_and_digits(t.text) for t in span)):
            return False
        return not (strength < 3 and self.known.person_context(doc, span, strength))

    def _named_entity(self, candidate: Candidate, doc, mentions: list) -> bool:
        """spaCy says PERSON, ORG, ...: a place when the gazetteer knows it well, or knows it and a cue says
        place (see ``_cued`` and ``_home``), and no person's context outweighs it."""
        span, label = candidate.looked_up, candidate.label
        strength = self.known.strength(span.text)
        grown = (candidate.span.start, candidate.span.end) != (span.start, span.end)
        if grown and (label != "PERSON" or self._grown_into_a_region(candidate.span)):  # "Preah Vihear" + "temple"
            strength = max(strength, 2)
        town_shaped = strength > 0 and cues.hyphen_joined_name(span)  # "Southend-on-Sea", read as a person
        if town_shaped:
            strength = max(strength, 2)
        after_in = self._after_in(doc, span, label, strength) or self._in_a_named_country(doc, span, label, strength)
        person = (label == "PERSON" and len(span) > 1 and strength < 3 and not after_in and not town_shaped
                  and not self.known.full_place_name(span) and not cues.crossing_cue(doc, span))  # "the al-Qaim crossing"
        cued = after_in or self._cued(doc, span, label, strength)
        home = self._home(doc, span, strength, mentions)
        return home or not ((strength < 2 and not cued) or person or self.known.person_context(doc, span, strength))

    def _grown_into_a_region(self, grown) -> bool:
        """Is a person's name grown by a division head the name of a first-level region ("the Kherson region",
        "Idlib province")? spaCy's small model reads many such towns as people; counties, which are named after
        people, do not count: "the Smith district" finds Smith County, and a surname stays a surname. Only the
        name's first senses are read, as ``_in_apposition`` reads them."""
        return any(place.kind == "region" for place in self.known.gazetteer.candidates(grown.text)[:SENSES_READ])

    @staticmethod
    def _after_in(doc, span, label: str, strength: float) -> bool:
        """"disobedience in Eureka", "a campaign stop in Ciudad Juarez": spaCy's person after "in" or "near"
        is a place the gazetteer knows (a large one, for a longer name), unless it owns something ("in
        Flores' honor"). After "from" only a longer name of a large place is ("walked from Ciudad Juarez"):
        one word after "from" is as often a sender ("a statement from Clinton"). After other locative words
        ("towards Kherson") the article must name its country (``_in_a_named_country``)."""
        if label != "PERSON" or span.start == 0 or cues.owns_something(doc, span):
            return False
        before = doc[span.start - 1].lower_
        if before == "from":
            return len(span) > 1 and strength >= 2
        return before in ("in", "near") and strength >= (1 if len(span) == 1 else 2)

    def _in_a_named_country(self, doc, span, label: str, strength: float) -> bool:
        """"Haitians crossing at Dajabon", "families fled into Rwanda towards Gisenyi": spaCy's person or
        organisation after a locative word is a place when the gazetteer knows it as a town or crossing of
        a country the article names (as a place or by its people), unless it owns something. spaCy's small
        model reads many towns of other languages as people; the article's own countries tell them apart
        from a surname that is also a town somewhere."""
        return (label in ("PERSON", "ORG") and strength >= 1 and span.start > 0
                and doc[span.start - 1].lower_ in LOCATIVE_WORDS
                and not cues.owns_something(doc, span)
                and self.known.town_of_a_named_country(span, doc.user_data.get(NAMED_COUNTRIES, frozenset())))

    @staticmethod
    def _cued(doc, span, label: str, strength: float) -> bool:
        """A cue that makes a known name a place whatever spaCy's label."""
        if label != "PERSON" and strength >= 1 and not cues.not_a_name(span) and (
                cues.has_cue(doc, span) or cues.resident_cue(doc, span)):  # "from Bicester", "Alton man"
            return True
        # a town spaCy reads as an organisation after "in" or "near" ("the labs in Pirbright"), and one it reads
        # as anything before its own service or court ("Lewisburg Mayor John Manchester")
        if len(span) == 1 and strength >= 0.5 and not cues.not_a_name(span) and (
                (label == "ORG" and cues.has_cue(doc, span) and not cues.owns_something(doc, span))
                or cues.service_cue(doc, span) or cues.court_cue(doc, span)):
            return True
        if strength > 0 and (cues.dateline(doc, span) or cues.crossing_cue(doc, span)):  # "CLINTON —", "the Medyka crossing"
            return True
        # a division the gazetteer knows, acting as its government: "charged by Black Hawk County" (an ORG)
        return (label != "PERSON" and len(span) > 1 and strength >= 1 and span[-1].text[:1].isupper()
                and span[-1].lower_ in DIVISION_HEADS)

    def _home(self, doc, span, strength: float, mentions: list) -> bool:
        """"who lives in Tega Cay", "the town of Adre", "Acton is a village": spaCy reads persons; and a
        known name spaCy gives a person or an organisation, listed after a place: "in Richmond and
        Twickenham town centres", "Suba, Migori, Homa Bay"; but "in Israel, Clinton spoke" is no list."""
        if strength > 0 and (cues.home_cue(doc, span) or cues.kind_cue(doc, span) or self._in_apposition(doc, span)):
            return True
        listed = len(span) <= 2 and (strength >= 1 or (strength >= 0.5 and self._same_country_as_before(span, mentions))) \
            and self.listed_after_a_place(doc, span, mentions)
        return listed and (doc[span.start - 1].text != "," or cues.list_goes_on(doc, span))

    def _scanned(self, candidate: Candidate, doc, mentions: list) -> bool:
        """A capitalised n-gram spaCy did not read as a name: a place when the gazetteer knows it and the
        words agree (``_bare_name``), or when it is listed after a place."""
        span = candidate.span
        strength = self.known.strength(span.text)
        return bool(strength) and (self._bare_name(doc, span, strength) or self.listed_after_a_place(doc, span, mentions))

    def _bare_name(self, doc, span, strength: float) -> bool:
        """Strong places are taken as they stand ("Minsk", "Anderson County"), a datelined name too; weaker
        ones need a cue: a locative word, someone's home, the town's own services, court or kind."""
        first = span[0]
        if cues.names_something_else(doc, span, self.config.street_name_words, self.known.strength):
            return False
        if strength < 3 and self.known.person_context(doc, span, strength):
            return False
        if len(span) == 1 and (first.is_stop or len(first.text) < 3) and first.text != "US":  # "US dollars"
            return False
        if cues.dateline(doc, span):
            return True
        if first.is_sent_start and len(span) == 1 and strength < 2 and not (
                cues.service_cue(doc, span) or cues.kind_cue(doc, span)):
            return False  # but "Grovetown police then questioned her"
        if strength >= 2 or (len(span) > 1 and span[-1].lower_ in DIVISION_HEADS):  # "Anderson County"
            return True
        if cues.hyphen_joined_name(span):  # "Bourton-on-the-Water": a town's shape, which no other name has
            return True
        return ((strength >= 0.5 and cues.has_cue(doc, span)) or (strength >= 1 and cues.resident_cue(doc, span))
                or (strength >= 0.5 and (cues.service_cue(doc, span) or cues.court_cue(doc, span)
                                         or cues.kind_cue(doc, span) or cues.crossing_cue(doc, span)
                                         or self._in_apposition(doc, span))))

    def _in_apposition(self, doc, span) -> bool:
        """A name in apposition to a kind of place that agrees with one of the gazetteer's first three senses
        of it: "the province, Oruzgan," is a division, "a small exclave, Vorukh," a town; "the province, Ali,
        said" is no division (every Ali is a town), so it is a person."""
        word = cues.apposition_kind(doc, span)
        senses = self.known.gazetteer.candidates(span.text)[:SENSES_READ] if word else []
        return any(place.kind in cues.APPOSITION_KINDS[word] for place in senses)

    def _repeated(self, candidate: Candidate, doc, mentions: list) -> bool:
        """One sense per text: a name read as a place once is a place again, unless a capitalised word stands
        next to it (not one that opens a sentence), it is a surname of the text, before "said", or a name the
        gazetteer barely knows."""
        span = candidate.span
        return (not cues.in_longer_name(doc, span) and span.text not in cues.surnames(doc)
                and self.known.strength(span.text) >= 1
                and not cues.names_something_else(doc, span, self.config.street_name_words, self.known.strength)
                and not self.known.person_context(doc, span, 1.0))

    def _inside(self, candidate: Candidate, doc, mentions: list) -> bool:
        """A place at the head of an organisation's name, when the gazetteer knows it as a strong place, as a
        town followed by an institution word ("Butler County Community Foundation", "Torrington
        firefighters"), or as any place followed by a town's own service ("Chiefland Police") or by a
        crossing word ("Idiroko Border", a post spaCy reads as an organisation)."""
        span = candidate.span
        if not cues.name_shaped(span):
            return False
        following = doc[span.end].lower_ if span.end < len(doc) else ""
        strength = self.known.strength(span.text)
        return strength >= 2 or (strength >= 1 and following in INSTITUTION_WORDS) or (
            strength >= 0.5 and (following in LOCAL_SERVICE_WORDS or cues.court_cue(doc, span) or cues.crossing_cue(doc, span)))

    def _strong(self, candidate: Candidate, doc, mentions: list) -> bool:
        """A name-shaped span the gazetteer knows at least as surely as the candidate asks."""
        return cues.name_shaped(candidate.span) and self.known.strength(candidate.span.text) >= candidate.min_strength

    def _prefix(self, candidate: Candidate, doc, mentions: list) -> bool:
        """The "U.S." of "U.S.-led", when the gazetteer knows it well."""
        return self.known.strength(candidate.query) >= 2

    def _hashtag_part(self, candidate: Candidate, doc, mentions: list) -> bool:
        """A camel-case word (or run of them) of a hashtag: see ``KnownNames.hashtag_place``."""
        name = candidate.query
        return name.casefold() not in NOT_PLACES and self.known.hashtag_place(
            doc, candidate.span.start - 1, name, whole=candidate.whole)

    def _same_country_as_before(self, span, mentions: list) -> bool:
        """A small town listed after a place of its own country: "the crossings at Narva, Valga and Võru"."""
        if not mentions:
            return False
        before = next(iter(self.known.gazetteer.candidates(mentions[-1].query)), None)
        return before is not None and any(p.country_code == before.country_code
                                          for p in self.known.gazetteer.candidates(span.text)[:5])

    def listed_after_a_place(self, doc, span, mentions: list) -> bool:
        """A name the gazetteer knows right after a place and "and", "or" or a comma: "Oakport and
        Moorhead" (a name of people or things stays out: "Smith and Moorhead" has no place before it);
        or the end of a route from a place: "from Cabell County to Bluefield"."""
        if span.start < 2 or doc[span.start - 1].lower_ not in ("and", "or", ",", "to"):
            return False
        before = doc[span.start - 2]
        end = before.idx + len(before.text)
        place = next((m for m in mentions[-self.config.list_lookback :] if m.end == end and m.kind == "toponym"), None)
        if place is None or doc[span.start - 1].lower_ != "to":
            return place is not None
        opening = doc.char_span(place.start, place.end, alignment_mode="expand")
        return opening is not None and opening.start > 0 and doc[opening.start - 1].lower_ == "from"
