"""The generators of recognition: each proposes spans that may be places, and ``decide`` says which are.

In the order the recognizer runs them: lexicon matches (demonyms, seats of
power), hashtags, lists of divisions ("Clay and Grant counties"), spaCy's
entities (with the places inside organisations' names), a scan of every
capitalised n-gram the gazetteer knows, dotted prefixes ("U.S.-led") and
names found as places once, again. A generator proposes alternatives in its
order of preference; ``Decider.first`` takes the first that ``Acceptance``
accepts and marks its tokens, so no later generator proposes them again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bordermap.geo import cues
from bordermap.geo.acceptance import (
    ABBREVIATED_PREFIX,
    GAZETTEER_SCAN,
    GIVEN,
    HASHTAG_PART,
    INSIDE_A_NAME,
    NAMED_ENTITY,
    PLACE_ENTITY,
    REPEATED_NAME,
    STRONG_PLACE,
    Acceptance,
    Candidate,
)
from bordermap.geo.article import Demonym, Mention
from bordermap.geo.known_names import KnownNames
from bordermap.geo.lexicon import (
    AREA_PREFIXES,
    CONNECTORS,
    CONTINENT_PARTS,
    DIRECTIONS,
    DIVISION_HEADS,
    HOLIDAY_HEADS,
    INSTITUTION_WORDS,
    JOINING_WORDS,
    LISTED_DIVISIONS,
    LOCAL_SERVICE_WORDS,
    NAMED_THINGS,
    PLACE_LABELS,
    STREET_HEADS,
    Metonym,
)

_ABBREVIATED_PREFIX = re.compile(r"((?:[A-Z]\.){2,3})-[a-z]+")
_ABBREVIATED_PAIR = re.compile(r"((?:[A-Z]\.){2,3})-([A-Z][a-z]+)")
#: The words of a hashtag written in camel case: "SouthSudan", "DCFerguson", "GazaUnderAttack".
_CAMEL_PART = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])")
_ENDS_NO_PLACE = HOLIDAY_HEADS | CONNECTORS
HYPHENS = ("-", "–", "/")
#: Capitalised, a name's last word that makes it a border post, never a person: "Idiroko Border", "Seme Border".
NAMED_POST_WORDS = cues.CROSSING_WORDS | {"border"}


class RecognitionState:
    """The doc being read, the mentions taken so far and which tokens they (or a non-place name) cover."""

    def __init__(self, doc, text: str):
        self.doc, self.text = doc, text
        self.words = [token.text for token in doc]  # read once: each doc[i] builds a Token object
        self.taken = [False] * len(doc)
        self.mentions: list[Mention] = []

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def block(self, start: int, end: int) -> None:
        """Mark tokens as read without a mention: a street's or a person's name."""
        self.taken[start:end] = [True] * (end - start)

    def take(self, candidate: Candidate) -> None:
        span = candidate.span
        if candidate.start is not None:  # a part of one token
            start, end = candidate.start, candidate.end
        else:
            start, end = span.start_char, span.end_char
        self.mentions.append(Mention(start, end, self.text[start:end], kind=candidate.kind, query=candidate.query,
                                     found_by=candidate.found_by))
        self.block(span.start, span.end)


class Decider:
    """The one acceptance step, as the generators call it."""

    def __init__(self, state: RecognitionState, acceptance: Acceptance):
        self.state, self.acceptance = state, acceptance

    def first(self, candidates: Iterable[Candidate]) -> Candidate | None:
        """Take the first accepted candidate of a run of alternatives (longest first, most specific first)."""
        for candidate in candidates:
            if self.acceptance(candidate, self.state.doc, self.state.mentions):
                self.state.take(candidate)
                return candidate
        return None

    def each(self, candidates: list[Candidate]) -> None:
        """Take each accepted candidate of parts that do not exclude each other (parts of one token)."""
        accepted = [c for c in candidates if self.acceptance(c, self.state.doc, self.state.mentions)]
        for candidate in accepted:
            self.state.take(candidate)

    def every(self, candidates: list[Candidate]) -> bool:
        """Take all the candidates, or none of them when one is not accepted."""
        if not all(self.acceptance(c, self.state.doc, self.state.mentions) for c in candidates):
            return False
        for candidate in candidates:
            self.state.take(candidate)
        return True


# -- lexicon matches -----------------------------------------------------------------------------
def demonyms(state: RecognitionState, known: KnownNames, table: dict[str, str]) -> list[Demonym]:
    """Demonyms and adjectives of the table ("Belarusian", "South Korean", the "Russian" of
    "pro-Russian"), unless they begin a place's name ("British Columbia", "Indian Ocean") or a
    continent's people ("North American")."""
    doc, words = state.doc, state.words
    pair_starts = {phrase.split()[0] for phrase in table if " " in phrase}
    found = []
    i = 0
    while i < len(words):
        if not words[i][:1].isupper() and "-" not in words[i]:  # "pro-Russian"
            i += 1
            continue
        token = doc[i]
        pair = doc[i : i + 2].text if i + 1 < len(doc) and token.text in pair_starts else ""
        if pair in table and not known.starts_place_name(doc, i, sizes=(3,)):  # "South Korean"
            found.append(Demonym(token.idx, token.idx + len(pair), pair, table[pair]))
            state.block(i, i + 2)
            i += 2
            continue
        starts = known.starts_place_name(doc, i, sizes=(5, 4, 3, 2)) if token.text in table else False
        if starts or (token.text in table and i > 0 and words[i - 1] in CONTINENT_PARTS):
            # "British Columbia", "the Afghan-Uzbek Friendship Bridge": a place, found later; "Latin American": a
            # continent's people
            i += 1
            continue
        offset = token.idx
        for part in token.text.split("-"):  # "pro-Russian", "Ukrainian-Belarusian" kept as one token
            if part in table:
                found.append(Demonym(offset, offset + len(part), part, table[part]))
                state.taken[i] = True
            offset += len(part) + 1
        i += 1
    return found


def metonyms(state: RecognitionState, decide: Decider, table: dict[str, Metonym]) -> None:
    """Seats of power of the table: "the Kremlin" is Moscow, "the White House" Washington."""
    starts = {phrase.split()[0] for phrase in table}
    doc = state.doc
    for i, word in enumerate(state.words):
        if word not in starts:
            continue
        for size in (2, 1):
            phrase = doc[i : i + size]
            if len(phrase) == size and phrase.text in table and state.free(i, i + size):
                decide.first([Candidate(GIVEN, phrase, "metonym table", kind="metonym", query=table[phrase.text].name)])
                break


# -- hashtags ------------------------------------------------------------------------------------
def hashtags(state: RecognitionState, decide: Decider, known: KnownNames) -> None:
    """Places in hashtags, as news quotes them from social media: "#Ferguson", "#SouthSudan", the
    "Gaza" of "#GazaUnderAttack", and "#Gaza Strip" whole. Camel-case words are read apart; the
    mention keeps the hashtag's text and offsets, its query is the name in words ("South Sudan")."""
    doc, words = state.doc, state.words
    if "#" not in words:
        return
    for i, word in enumerate(words[:-1]):
        token = doc[i + 1]
        if word != "#" or doc[i].whitespace_ or state.taken[i + 1] or not token.text[:1].isupper():
            continue
        spans = (doc[i + 1 : i + 1 + size] for size in (3, 2) if i + size < len(doc))
        longer = next((span for span in spans if cues.name_shaped(span) and known.strength(span.text)), None)
        if longer is not None and state.free(longer.start, longer.end):
            decide.first([Candidate(GIVEN, longer, "hashtag")])  # "#Gaza Strip"
            continue
        _camel_case_places(decide, doc[i + 1 : i + 2], known.config.hashtag_name_parts)


def _camel_case_places(decide: Decider, hashtag, most_parts: int) -> None:
    """The names inside one camel-case hashtag, longest first at each word."""
    parts = list(_CAMEL_PART.finditer(hashtag[0].text))
    j = 0
    while j < len(parts):
        taken = decide.first(_hashtag_reading(hashtag, parts, j, size)
                             for size in range(min(most_parts, len(parts) - j), 0, -1))
        j += len(taken.query.split()) if taken else 1


def _hashtag_reading(hashtag, parts: list, j: int, size: int) -> Candidate:
    """Words j .. j + size of a camel-case hashtag as one name ("South Sudan" of "#SouthSudan")."""
    token = hashtag[0]
    first, last = parts[j].start(), parts[j + size - 1].end()
    whole = size == len(parts) and "".join(part.group() for part in parts) == token.text
    return Candidate(HASHTAG_PART, hashtag, "hashtag", query=" ".join(p.group() for p in parts[j : j + size]),
                     start=token.idx + first, end=token.idx + last, whole=whole)


# -- lists ---------------------------------------------------------------------------------------
def listed_divisions(state: RecognitionState, decide: Decider, gazetteer) -> None:
    """"Becker, Clay, Douglas and Grant counties": each name of the list is a county, looked up as one
    ("Clay County"), though alone it is a word or a surname."""
    for k, word in enumerate(state.words):
        head = LISTED_DIVISIONS.get(word)
        if head is None:
            continue
        members = _list_before(state.doc, k)
        if len(members) < 2:
            continue
        for span in members:
            query = f"{span.text} {head}"
            if state.free(span.start, span.end) and gazetteer.candidates(query):
                decide.first([Candidate(GIVEN, span, f"gazetteer (listed before '{word}')", query=query)])


def _list_before(doc, end: int) -> list:
    """The names of the list that ends just before token ``end``: up to three capitalised words each,
    joined by commas, "and" or "or"."""
    members = []
    while True:
        start = end
        while start > 0 and end - start < 3 and cues.capitalised(doc[start - 1]):
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


# -- spaCy's entities ------------------------------------------------------------------------------
def entities(state: RecognitionState, decide: Decider, known: KnownNames) -> None:
    """spaCy's entities, trimmed ("the", a possessive, a trailing "and"): a place label proposes the
    name (grown by "region", "crossing", ...), another label proposes it as a name that needs a cue;
    streets, and names spaCy joined ("Fargo and Moorhead"), propose their parts."""
    doc = state.doc
    found = [ent for ent in doc.ents if not (len(ent) == 1 and _ABBREVIATED_PAIR.fullmatch(ent.text))]  # "U.S.-Mexico":
    for ent in found:  # two names in one token, read by ``abbreviated_prefixes``
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ in ("the", "a") or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct
                               or doc[end - 1].text in JOINING_WORDS):  # "St. Kitts and"
            end -= 1
        if start >= end or not state.free(start, end):
            continue
        start, end = _whole_hyphenated_name(state, known, start, end)
        span = doc[start:end]
        if cues.names_something_else(doc, span, known.config.street_name_words, known.strength):
            continue
        if span[-1].lower_ in _ENDS_NO_PLACE and not known.strength(span.text):
            continue  # "St. Patrick's Day", "The City of [Paris]"
        if span[-1].lower_ in STREET_HEADS and not known.strength(span.text):
            _street(state, decide, known, span)
        elif ent.label_ in PLACE_LABELS:
            _place_entity(state, decide, known, ent.label_, start, end)
        elif ent.label_ in NAMED_THINGS:
            _named_entity(state, decide, known, ent.label_, start, end)
    # Tokens inside names of people, organisations and things are not scanned again; dates and numbers
    # are ("January, South Carolina" is one DATE entity).
    for ent in found:
        if ent.label_ in NAMED_THINGS and ent.label_ not in PLACE_LABELS:  # "Ludlow Town Hall" is scanned
            state.block(ent.start, ent.end)


def _whole_hyphenated_name(state: RecognitionState, known: KnownNames, start: int, end: int) -> tuple[int, int]:
    """The entity widened to the words written without spaces it is part of, when the gazetteer knows the
    whole: the model's entity is often the first part of a hyphenated town ("Newcastle" of Newcastle-under-Lyme,
    "Henley" of Henley-on-Thames), which is another place or none."""
    doc, words = state.doc, state.words
    whole_start = start
    while whole_start >= 2 and words[whole_start - 1] == "-" and not doc[whole_start - 2].whitespace_ and \
            not doc[whole_start - 1].whitespace_ and words[whole_start - 2][-1:].isalpha():
        whole_start -= 2
    whole_end = _hyphenated_word_end(doc, words, end - 1)
    if (whole_start, whole_end) == (start, end) or not state.free(whole_start, whole_end) or any(
            doc[i].lower_ in cues.NAME_PARTICLES for i in range(whole_start, whole_end)):
        return start, end  # "Salah-ad-Din" is a person's name
    return (whole_start, whole_end) if known.strength(doc[whole_start:whole_end].text) else (start, end)


def _street(state: RecognitionState, decide: Decider, known: KnownNames, span) -> None:
    """A street ("Walnut St.", "Lone Oak Road") holds no place but its owner's ("Harare's Third Street"); and
    "Otter Tail County Road 80" names its county, which the scan for names finds."""
    doc, start, end = state.doc, span.start, span.end
    owner = next((j for j in range(start + 1, end) if doc[j].text in ("'s", "’s")), None)
    if owner is not None and cues.name_shaped(doc[start:owner]) and known.strength(doc[start:owner].text):
        decide.first([Candidate(GIVEN, doc[start:owner], "gazetteer (a street's town)")])
    if not any(t.lower_ in DIVISION_HEADS for t in span):
        state.block(start, end)


def _place_entity(state: RecognitionState, decide: Decider, known: KnownNames, label: str, start: int, end: int) -> None:
    """GPE, LOC, FAC: the name, grown by a division head or a landmark's word the gazetteer knows; an unknown
    one that joins known names ("Norman to D.C.") proposes them apart."""
    doc = state.doc
    start, end = known.extend_division(doc, start, end)
    span = doc[start:end]
    strength = known.strength(span.text)
    if strength == 0 and label != "FAC":
        parts = _joined_parts(doc, known, start, end)
        if parts:
            for part in parts:
                decide.first([Candidate(GIVEN, part, "spaCy place, parts")])
            return
    decide.first([Candidate(PLACE_ENTITY, span, f"spaCy {label}" + (" + gazetteer" if strength else ""), label=label)])


def _joined_parts(doc, known: KnownNames, start: int, end: int) -> list:
    """The parts between joining words ("Norman to D.C.", "Fargo and Moorhead") that the gazetteer knows."""
    cuts = [j for j in range(start + 1, end - 1) if doc[j].text in JOINING_WORDS]
    if not cuts:
        return []
    return [part for part in _parts_between(doc, start, end, cuts)
            if len(part) and cues.name_shaped(part) and known.strength(part.text) > 0]


def _parts_between(doc, start: int, end: int, cuts: list[int]) -> list:
    """The spans of doc[start:end] between the tokens at ``cuts`` (the cut words left out)."""
    return [doc[a + 1 if a in cuts else a : b] for a, b in zip([start, *cuts], [*cuts, end], strict=True)]


def _named_entity(state: RecognitionState, decide: Decider, known: KnownNames, label: str, start: int, end: int) -> None:
    """PERSON, ORG, ...: the name as a place when accepted (grown as a place entity's); else the places
    inside it, unless it is a person's name with no division, town service or crossing word in it ("Victoria
    Nuland" holds no place; "Anderson County Sheriff Greg Taylor", "Millbrook Fire Chief Ann Ortiz" and
    "Idiroko Border" do)."""
    doc = state.doc
    places = _coordinated_places(doc, known, start, end)
    if places:
        for part in places:
            decide.first([Candidate(GIVEN, part, f"gazetteer (spaCy said {label}, parts)")])
        return
    grown_start, grown_end = known.extend_division(doc, start, end)
    span = doc[start:end]
    candidate = Candidate(NAMED_ENTITY, doc[grown_start:grown_end], f"gazetteer (spaCy said {label})", label=label,
                          looked_up=span)
    if decide.first([candidate]) is None and (label != "PERSON" or any(
            t.text[:1].isupper() and (t.lower_ in DIVISION_HEADS or t.lower_ in LOCAL_SERVICE_WORDS
                                      or t.lower_ in NAMED_POST_WORDS) for t in span)):
        inner_names(state, decide, known, start, end)


#: Words that coordinate places inside one entity of another kind ("Kharkiv and Odesa", an ORG); not "&", which
#: joins the names of firms ("Johnson & Johnson"), nor "to".
COORDINATING_WORDS = {"and", "or"}
#: How surely the gazetteer must know each coordinated part: a name taken as it stands (``Acceptance._bare_name``).
STRONG = 2


def _coordinated_places(doc, known: KnownNames, start: int, end: int) -> list:
    """The parts of an entity the gazetteer lacks that coordinates names it knows well, each distinct ("Kharkiv
    and Odesa", which the small model reads as one organisation); [] when one part is not such a name
    ("Paris and Pemberley", "Marks and Spencer") or the name is repeated."""
    cuts = [j for j in range(start + 1, end - 1) if doc[j].lower_ in COORDINATING_WORDS]
    if not cuts or known.strength(doc[start:end].text):
        return []
    parts = _parts_between(doc, start, end, cuts)
    if len({p.text for p in parts}) < len(parts):
        return []
    return parts if all(len(p) and cues.name_shaped(p) and known.strength(p.text) >= STRONG for p in parts) else []


def inner_names(state: RecognitionState, decide: Decider, known: KnownNames, start: int, end: int) -> None:
    """Places inside an organisation's or a facility's name: "Nebraska" in "University of Nebraska",
    "Malta" ending "HSBC Malta", "Minnesota" heading "Minnesota Department of Transportation", "Fargo"
    and "Moorhead" in "Fargo-Moorhead"."""
    if _after_of(state, decide, start, end, known.config.max_name_tokens) or _tail(state, decide, known, start, end):
        return
    doc = state.doc
    # "Metro Vancouver", "Greater Manchester Police": the city, unless the gazetteer knows the area ("Greater London")
    area = end - start > 1 and doc[start].lower_ in AREA_PREFIXES and not any(
        known.strength(doc[start:k].text) for k in range(start + 2, end + 1))
    start += area
    i = start
    while i < end:
        whole = i == start and (area or (end < len(doc) and doc[end].lower_ in INSTITUTION_WORDS)
                                or doc[end - 1].lower_ in DIVISION_HEADS)  # "Amur Oblast": not the Amur
        longest = min(known.config.max_name_tokens, end - i - 1 if i == start and not whole else end - i)
        found = decide.first(Candidate(INSIDE_A_NAME, doc[i : i + size], "gazetteer (inside a name)")
                             for size in range(longest, 0, -1))
        if found is None:
            if i == start or doc[i - 1].text not in HYPHENS:
                break  # only the name's head, or the parts of a hyphenated pair
            i += 1
            continue
        i = found.span.end
        if i < end and doc[i].text in HYPHENS:
            i += 1
        else:
            break


def _after_of(state: RecognitionState, decide: Decider, start: int, end: int, most_tokens: int) -> bool:
    """"University of Cincinnati", "Spina Bifida Association of Western Pennsylvania": a strong place that
    ends an institution's name after its last "of" (a direction word stays outside); "University of
    Nebraska-Lincoln", "University of Wisconsin-Madison": a state and its campus town."""
    doc = state.doc
    of = next((j for j in range(end - 2, start, -1) if doc[j].lower_ == "of"), None)
    if of is None or doc[of - 1].lower_ not in INSTITUTION_WORDS:  # "Voice of America" names a broadcaster
        return False
    first = of + 1
    while first < end and (doc[first].lower_ == "the" or doc[first].lower_ in DIRECTIONS):
        first += 1
    span = doc[first:end]
    if not len(span) or len(span) > most_tokens:
        return False
    found_by = "gazetteer (inside a name)"
    if decide.first([Candidate(STRONG_PLACE, span, found_by, min_strength=2)]):
        return True
    dash = next((j for j in range(first + 1, end - 1) if doc[j].text in ("-", "–")), None)
    return dash is not None and decide.every([Candidate(STRONG_PLACE, doc[first:dash], found_by, min_strength=2),
                                              Candidate(STRONG_PLACE, doc[dash + 1 : end], found_by, min_strength=1)])


def _tail(state: RecognitionState, decide: Decider, known: KnownNames, start: int, end: int) -> bool:
    """"HSBC Malta", "CSA Singapore": a country that ends an organisation's name is where it works."""
    doc = state.doc
    for size in (2, 1):
        if end - size <= start:
            continue
        span = doc[end - size : end]
        if doc[end - size - 1].lower_ in ("of", "united"):  # "Bank of America" (see above), "United Russia"
            return False
        if span[0].lower_ not in CONNECTORS and decide.first(
                [Candidate(STRONG_PLACE, span, "gazetteer (ending a name)", min_strength=known.config.tail_strength)]):
            return True  # "EU-Canada": "Canada", not "-Canada"
    return False


# -- names the model missed ---------------------------------------------------------------------------
def gazetteer_scan(state: RecognitionState, decide: Decider, config) -> None:
    """Every capitalised n-gram the model did not read as a name, longest first at each word."""
    doc, words, taken = state.doc, state.words, state.taken
    i = 0
    while i < len(words):
        # every name begins with a capital ("Minsk", "U.S.", "North"): other words need no Token
        if taken[i] or not words[i][:1].isupper() or not (cues.capitalised(doc[i]) or cues.compass_word(doc[i])):
            i += 1
            continue
        word_end = _hyphenated_word_end(doc, words, i)
        if word_end > i + 1 and state.free(i, word_end) and decide.first(
                [Candidate(GAZETTEER_SCAN, doc[i:word_end], "gazetteer")]):  # "Port-au-Prince", not Port, France
            i = word_end
            continue
        # a name runs over capitalised words, connectors and division heads: no Span past them
        run = 1
        while run < config.max_name_tokens and i + run < len(words) and (
                words[i + run][:1].isupper() or words[i + run].lower() in cues.INSIDE_A_NAME):
            run += 1
        match = decide.first(Candidate(GAZETTEER_SCAN, doc[i : i + size], "gazetteer") for size in range(run, 0, -1)
                             if state.free(i, i + size) and cues.name_shaped(doc[i : i + size]))
        i = match.span.end if match else i + 1


def _hyphenated_word_end(doc, words: list[str], i: int) -> int:
    """The end of the word written without spaces that token ``i`` begins, when hyphens join it ("Port", "-",
    "au", "-", "Prince"); i + 1 for a word of one token."""
    end = i + 1
    while end + 1 < len(words) and words[end] == "-" and not doc[end - 1].whitespace_ and \
            not doc[end].whitespace_ and words[end + 1][:1].isalpha():
        end += 2
    return end


def abbreviated_prefixes(state: RecognitionState, decide: Decider) -> None:
    """A dotted abbreviation joined to a word, which spaCy keeps as one token: "the U.S.-led invasion",
    "U.S.-based", "U.K.-born". Its first part is the place when the gazetteer knows it well; joined to a
    name ("the U.S.-Mexico border", "U.K.-France talks"), each part is, on the same terms."""
    doc = state.doc
    for i, word in enumerate(state.words):
        found = (_ABBREVIATED_PREFIX.fullmatch(word) or _ABBREVIATED_PAIR.fullmatch(word)) if not state.taken[i] else None
        if found:
            start = doc[i].idx
            decide.each([Candidate(ABBREVIATED_PREFIX, doc[i : i + 1], "gazetteer (a prefix)", query=found.group(g),
                                   start=start + found.start(g), end=start + found.end(g))
                         for g in range(1, found.re.groups + 1)])


def repeated_names(state: RecognitionState, decide: Decider) -> None:
    """One sense per text: a name read as a place once is a place where it stands alone again ("Rebels
    left Douma. Douma is surrounded", where a sentence's first word needs more than a town's name), also
    where spaCy reads it as a person or inside an organisation's name (``_relabelled_tokens``).
    benchmarks/README.md gives the figures (sessions 14 and 21)."""
    names = {m.text for m in state.mentions if m.kind == "toponym" and m.text[:1].isupper()}
    if not names:
        return
    doc, words = state.doc, state.words
    longest = max(len(n.split()) for n in names)
    relabelled = _relabelled_tokens(state, names)
    i = 0
    while i < len(words):
        if (state.taken[i] and i not in relabelled) or not words[i][:1].isupper() or not any(
                name.startswith(words[i]) for name in names):
            i += 1
            continue
        match = next((doc[i : i + size] for size in range(min(longest + 2, len(doc) - i), 0, -1)
                      if doc[i : i + size].text in names and all(
                          not state.taken[j] or j in relabelled for j in range(i, i + size))), None)
        if match is None:
            i += 1
            continue
        decide.first([Candidate(REPEATED_NAME, match, "the same name as a place elsewhere in the text")])
        i = match.end


def _relabelled_tokens(state: RecognitionState, names: set[str]) -> set[int]:
    """The tokens of spaCy's people, organisations and other named things (an event: "the Melilla crisis")
    that no mention covers (a place already read inside one stays), where a place of the text may be read
    again. The small model reads one name differently from sentence to sentence ("climbed into Melilla" a
    place, "hurt on the wire surrounding Melilla" a person, "the Cooper Academy in Bicester" an
    organisation); one sense per text outweighs its label. Not in a multi-word name in capitals that is no place of the text ("Darnell K. Bell", which spaCy
    may read as an organisation; "Hurricane Sandy"), nor its last word alone, even where spaCy also reads
    it as a place once; not after an "of" that no institution word precedes ("Voice of America" names a
    broadcaster, as ``_after_of`` reads it). ``_repeated`` still rejects a name next to a capitalised word
    and a person's context."""
    doc, entities = state.doc, state.doc.ents
    things = [ent for ent in entities if ent.label_ in NAMED_THINGS and ent.label_ not in PLACE_LABELS]
    capitalised = [ent for ent in things if len(ent) > 1 and ent.text not in names
                   and all(t.text[:1].isupper() for t in ent)]  # "Ho Chi Minh City" read as a person is the city
    name_endings = {ent[-1].text for ent in capitalised}
    covered = {t.i for m in state.mentions for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ()}
    found: set[int] = set()
    for ent in things:
        if ent.text in name_endings:
            continue
        of = next((j for j in range(ent.start + 1, ent.end) if doc[j].lower_ == "of"
                   and doc[j - 1].lower_ not in INSTITUTION_WORDS), ent.end)
        found.update(range(ent.start, of))
    found -= covered
    for ent in capitalised:
        found.difference_update(range(ent.start, ent.end))
    return found
