"""Read a trigger's arguments from the parse: who acts, from where, into where, at which place.

A ``Reading`` is one trigger word read as one frame of the table: for each
role, the phrases that fill it. The subject is the actor (the agent of a
passive: "invaded by Turkish forces"); a clause without a subject of its own
takes its head's ("managed to cross", "launched ..., crossing into"); a noun
takes its possessor, its nationality and the subject of the light verb it
is the object of ("Russia launched an offensive into ..."). Prepositions
give their roles from the table, also when the parser hangs one from
another ("from A towards B and from C to D"); coordinated phrases ("into
Rwanda and Uganda", "the A, B and C crossings") are read one by one later,
by ``grounding``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bordermap.layers.event_frames import Frame
from bordermap.layers.syntax import BORDER_NOUNS, CROSSING_NOUNS

#: Verbs that hand their subject and their prepositions to the event noun they take as object.
LIGHT_VERBS = {"launch", "begin", "start", "carry", "conduct", "mount", "stage", "order", "continue", "resume",
               "step", "intensify", "escalate", "make", "take", "announce", "report", "confirm", "seek", "find"}
#: Verbs whose "in" phrase is the event they join: "engaged in drills near the border".
ENGAGING_VERBS = {"engage", "participate", "take", "join", "involve", "hold"}
#: Verbs whose object does what the clause under them says: "forced thousands to flee", "allowing troops to enter".
OBJECT_CONTROL = {"force", "allow", "order", "cause", "prompt", "send", "let", "help", "push", "drive", "lead",
                  "enable", "permit", "compel", "urge", "see", "watch"}
#: Nouns of time a clause may hang from: "after months amassing" is done by the sentence's subject.
TIME_NOUNS = {"month", "week", "day", "year", "hour", "decade", "time", "night", "morning"}
#: Heads that count people or things: the actor is what they count ("thousands of refugees").
QUANTITY_HEADS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "number", "group", "groups",
                  "members", "member", "some", "most", "many", "crowd", "crowds", "wave", "flow", "influx", "convoy",
                  "convoys", "handful", "majority", "rest", "all", "scores", "million", "millions", "total", "several",
                  "both", "half", "each", "none", "few"}
#: Prepositions that may hang from another preposition or its object and still belong to the trigger.
DIRECTIONAL = {"from", "to", "into", "towards", "toward", "onto", "via", "through", "across", "out"}
#: Nouns of a journey: after "from" ("came back from a trip to Paris") their own prepositions tell where that
#: journey went, not where the trigger's movement goes; after "on" ("fled on a journey into Turkey") they do.
JOURNEY_NOUNS = {"visit", "trip", "journey", "tour", "holiday", "vacation", "pilgrimage", "mission", "voyage"}
#: Adverbs of a movement a preposition may hang from: "sent them back to Morocco", "moved further into".
BACK_ADVERBS = {"back", "home", "away", "further", "farther", "deeper", "onward", "onwards"}
#: Dependents that are not part of the phrase they hang from.
OUTSIDE_THE_PHRASE = {"relcl", "acl", "advcl", "parataxis", "ccomp", "xcomp"}


@dataclass(frozen=True)
class Phrase:
    """The tokens of one argument (token indices of the sentence's doc), its head and how it was attached."""

    head: int
    tokens: tuple[int, ...]
    via: str  # the dependency or preposition that gave its role ("nsubj", "from", ...)


@dataclass
class Reading:
    """A trigger read as one frame: role -> phrases, in text order, and the (origin, target) pairs of its
    prepositions."""

    frame: Frame
    trigger: int
    roles: dict[str, list[Phrase]] = field(default_factory=dict)
    pairs: list[tuple[Phrase | None, Phrase | None]] = field(default_factory=list)

    def add(self, role: str, phrase: Phrase | None) -> None:
        if role and phrase is not None:
            self.roles.setdefault(role, []).append(phrase)


def phrase(doc, head, via: str) -> Phrase:
    """A head's phrase: its subtree without clauses and directional prepositions (those are arguments of their
    own). Coordinated words stay in it ("into Rwanda and Uganda", "Thai and Cambodian soldiers"):
    ``grounding`` reads coordinated places one by one."""
    outside = OUTSIDE_THE_PHRASE
    tokens = []
    stack = [head]
    while stack:
        token = stack.pop()
        tokens.append(token.i)
        for child in token.children:
            if child.dep_ in outside and child.i != head.i:
                continue
            if child.dep_ == "prep" and child.lower_ in DIRECTIONAL:
                continue
            stack.append(child)
    return Phrase(head.i, tuple(sorted(tokens)), via)


def object_of(preposition):
    """The object of a preposition ("into" -> "Ukraine"), through "out of" and "away from"."""
    for child in preposition.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
        if child.dep_ == "prep":  # "out of", "away from"
            return object_of(child)
    return None


def _preposition_name(preposition) -> str:
    """"out of", "away from" and "across from" read as one preposition."""
    if preposition.lower_ in ("out", "away") and any(c.dep_ == "prep" for c in preposition.children):
        inner = next(c for c in preposition.children if c.dep_ == "prep")
        return f"{preposition.lower_} {inner.lower_}"
    if _across_from(preposition):
        return "across from"
    return preposition.lower_


def _across_from(preposition) -> bool:
    """"across from Romania" says where a place lies (opposite it), not where anything came from."""
    return preposition.lower_ == "across" and any(c.dep_ == "prep" and c.lower_ == "from" for c in preposition.children)


def _prepositions(doc, heads) -> list:
    """The prepositions that belong to the trigger, in text order: its own (and its light verb's), those hung
    from them or from their objects when directional, and coordinated ones ("and from C to D")."""
    # the parser calls the "to" of "sent troops to Belarus" a dative, and hangs "sent them back to Morocco"'s
    # from "back": prepositions of the trigger all the same
    children = [c for h in heads for c in h.children]
    children += [c for a in children if a.dep_ in ("advmod", "prt") and a.lower_ in BACK_ADVERBS for c in a.children]
    found, stack, seen = [], [c for c in children if c.dep_ in ("prep", "agent")
                              or (c.dep_ == "dative" and c.pos_ == "ADP")], set()
    while stack:
        preposition = stack.pop()
        if preposition.i in seen:
            continue
        seen.add(preposition.i)
        found.append(preposition)
        obj = object_of(preposition)
        owned = obj is not None and not (preposition.lower_ == "from" and obj.lemma_.lower() in JOURNEY_NOUNS)
        for child in [*preposition.children, *(obj.children if owned else [])]:
            if child.head.i == preposition.i and child.lower_ == "from" and _across_from(preposition):
                continue  # the "from" of "across from" is no origin
            if (child.dep_ == "prep" and child.lower_ in DIRECTIONAL) or (child.dep_ == "conj" and child.pos_ == "ADP"):
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _is_event_noun(token) -> bool:
    from bordermap.layers.event_frames import frames

    return (token.lemma_.lower(), "NOUN") in frames()


def _own_subject(token):
    """The subject of a token's own clause: (subject, passive?), or None; of two, the nearer before it (a
    dateline the parser reads as a subject comes first)."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects.sort(key=lambda c: (c.i > token.i, -c.i if c.i < token.i else c.i))
    for child in subjects:
            if child.lower_ in ("which", "that", "who") and token.dep_ == "relcl":
                return token.head, child.dep_ == "nsubjpass"  # "the district, which was invaded by ..."
            return child, child.dep_ == "nsubjpass"
    return None


def _inherited_subject(token):
    """The subject a clause without one takes, or the next clause up to look at: (subject or None, next token)."""
    head = token.head
    if token.dep_ == "acl" and head.lemma_ in TIME_NOUNS:  # "after months amassing along the border"
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        return None, head
    if token.dep_ == "acl" and _is_event_noun(head):  # "Ankara carried out strikes targeting ...": who struck
        return None, head.head if head.dep_ in ("dobj", "nsubjpass") else None
    if token.dep_ == "acl":  # "a Georgian assault to retake the region": the assault's nationality acts
        modifier = next((c for c in head.children if c.dep_ in ("poss", "amod", "compound") and c.text[:1].isupper()),
                        None)
        return (modifier or head), None
    if token.dep_ in ("xcomp", "advcl", "ccomp") and head.lemma_ in OBJECT_CONTROL:
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects:  # "forced thousands to flee", "allowing the troops to enter"
            return objects[0], None
    if token.dep_ == "ccomp":  # "told Reuters the army closed ...": the parser hangs the subject on the object
        told = [a for c in head.children if c.dep_ == "dobj" for a in c.children if a.dep_ == "appos" and a.i < token.i]
        if told:
            return told[0], None
    if token.dep_ in ("xcomp", "advcl", "conj", "ccomp", "pcomp") or (token.dep_ == "prep" and head.pos_ == "VERB"):
        return None, head
    return None, None


def _subject(token):
    """The subject of a verb, or of the clause it depends on when it has none ("managed to cross", "launched
    ..., crossing into", "after being caught trying to enter"); (token, passive?). A subject taken from
    another clause acts: its clause's passive is not the trigger's."""
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "troops sent to the border": the noun is what was sent
        return token.head, True
    own = _own_subject(token)
    if own is not None:
        return own
    passive = any(c.dep_ == "auxpass" for c in token.children)  # "began to be blocked": what was blocked
    for _ in range(5):
        subject, token = _inherited_subject(token)
        if subject is not None:
            return subject, passive
        if token is None:
            return None, False
        own = _own_subject(token)
        if own is not None:
            return own[0], passive
    return None, False


def actor_phrase(doc, subject, via: str) -> Phrase:
    """The actor's phrase: what a quantity counts ("thousands of refugees" -> refugees), its coordinated parts
    kept ("Thai and Cambodian soldiers", "Belarus and Russia")."""
    if subject.lower_ in QUANTITY_HEADS or subject.like_num:
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = object_of(of) if of is not None else None
        if counted is not None:
            subject = counted
    return phrase(doc, subject, via)


#: Verbs of the harm a strike does, whose subject it is: their places are where it struck.
HARM_VERBS = {"kill", "wound", "injure", "destroy", "damage"}
#: What makes a strike noun an armed one when it does harm: a weapon before it ("a drone strike", "a missile
#: attack"), or a noun that is one ("shelling"); an animal's attack, a storm's strike and a team's attack are not.
WEAPON_WORDS = {"missile", "rocket", "drone", "air", "artillery", "mortar", "bomb", "military", "army", "naval",
                "cruise", "ballistic", "shell", "grenade", "gunship", "helicopter", "jet", "warplane", "tank"}
ARMED_NOUNS = {"airstrike", "shelling", "bombing", "bombardment", "barrage"}
#: Verbs of what was fired coming down: "shells that landed in Akcakale".
LANDING_VERBS = {"land", "fall", "explode", "hit", "strike", "crash", "impact", "detonate"}


def _armed(noun) -> bool:
    """Is a strike noun an armed strike: one by its word, or by a weapon that modifies it?"""
    return noun.lemma_ in ARMED_NOUNS or any(
        c.dep_ in ("compound", "amod") and c.lower_ in WEAPON_WORDS for c in noun.children)


def _light_verb(noun):
    """The verb that lends a noun trigger its subject and prepositions: "launched an offensive into",
    "engaged in joint drills near the border"."""
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_ in LIGHT_VERBS:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.lemma_ in ENGAGING_VERBS:
        return noun.head.head
    return None


def _noun_roles(doc, noun, frame: Frame, reading: Reading) -> list:
    """A noun trigger: its possessor and nationality act ("Russia's invasion", "the Israeli incursion"), its
    "of" phrase is the frame's ``of`` role, a light verb lends its subject and prepositions."""
    heads = [noun]
    for child in noun.children:
        if child.dep_ == "poss":
            reading.add("actor", phrase(doc, child, child.dep_))  # "Russia's invasion"
        elif child.dep_ in ("amod", "compound") and child.text[:1].isupper():
            reading.add("modifier", phrase(doc, child, child.dep_))  # "the Israeli incursion", "the Kursk incursion"
        if child.dep_ == "prep" and child.lower_ == "of" and object_of(child) is not None:
            reading.add(frame.of, phrase(doc, object_of(child), "of"))
    verb = _light_verb(noun)
    if verb is not None:
        heads.append(verb)
        subject, _ = _subject(verb)
        if subject is not None:
            reading.add("actor", actor_phrase(doc, subject, "subject of " + verb.lemma_))
    elif frame.event == "strike" and noun.dep_ == "nsubj" and noun.head.lemma_ in HARM_VERBS and _armed(noun):
        harm = noun.head  # "a drone strike killed three fighters near Qamishli": where it did harm, whether the
        heads += [harm, *(c for c in harm.children if c.dep_ == "dobj")]  # place hangs from the verb or the harmed
    return heads


#: Heads of phrases that name a crossing or a border: as the subject of "closed", "opened", it is the site.
SITE_NOUNS = {"border", "borders", "frontier", "boundary", "crossing", "crossings", "checkpoint", "checkpoints", "post",
              "posts", "point", "points", "gate", "gates", "bridge", "terminal", "passage", "road"}
#: Nouns of a place one arrives at: "arriving at the town of Burlington".
SETTLEMENT_NOUNS = {"town", "city", "village", "camp", "port", "enclave", "island", "capital", "province", "region"}
#: Words that make a phrasal verb when right after it, whatever the parser calls them: "closed in on", "pulled back".
PARTICLE_WORDS = {"in", "out", "back", "off", "up", "down", "away"}
#: Verbs whose adjective complement is the trigger: "the gate remains closed", "the crossing is open".
COPULAS = {"be", "remain", "stay", "keep", "become", "appear", "seem"}
#: Verbs whose object is what their complement describes: "Egypt kept the crossing closed", "left the gate open".
CAUSATIVE_COPULAS = {"keep", "leave"}


#: Prepositions of a crossing's other side ("the crossing into Gaza", "the border with Syria").
SIDE_PREPOSITIONS = {"into", "with", "between"}


def _held_object(verb):
    """The object of "keep" or "leave" whose complement the trigger is ("kept the crossing closed"), else None.
    The parser calls that complement an xcomp as often as an oprd ("keep its border closed"), and after a
    coordination in the object a conjunct of "keep" ("kept the crossing between Chad and Sudan closed"): one
    with no subject or object of its own and no "and" or comma before it (not "kept quiet and closed it").
    Before a phrase of time or place it may be an adverbial clause, then it must follow the object at once:
    only a crossing's or border's phrase of its other side ("into Gaza", "with Syria") may come between (not
    "to": "the gate to the stadium")."""
    if verb.head.lemma_ not in CAUSATIVE_COPULAS:
        return None
    if verb.dep_ == "conj":
        before = verb.doc[verb.i - 1]
        if before.dep_ in ("cc", "punct") or any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children):
            return None
    elif verb.dep_ == "advcl":  # "kept the crossing closed on Monday": the phrase after it makes it a clause
        if any(c.dep_ in ("mark", "nsubj", "nsubjpass", "dobj") for c in verb.children):
            return None  # "kept troops there while it closed the crossing"
        held = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if held is None:
            return None
        if held.right_edge.i + 1 == verb.i:
            return held
        # a crossing's own "into Gaza" the parser hung from "keep": "kept the crossing into Gaza sealed for a
        # day"; not "kept the road from the crossing to the town closed", nor lorries kept at a crossing
        between = {t.i for c in verb.head.children if c.dep_ == "prep" and c.lower_ in SIDE_PREPOSITIONS
                   and held.i < c.i < verb.i for t in c.subtree}
        whole = held.lower_ in CROSSING_NOUNS | BORDER_NOUNS and all(i in between for i in range(held.right_edge.i + 1, verb.i))
        return held if whole else None
    elif verb.dep_ not in ("acomp", "oprd", "xcomp"):
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)


def _verb_roles(doc, verb, frame: Frame, reading: Reading) -> None:
    held = _held_object(verb)
    subject, passive = _subject(verb.head if held is not None else verb)  # the keeper acts
    if held is not None:
        if frame.object:  # what is kept closed is the trigger's object
            reading.add(frame.object, phrase(doc, held, "dobj"))
    elif subject is None and verb.dep_ in ("acomp", "oprd") and verb.head.lemma_ in COPULAS:
        subject, passive = _subject(verb.head)
        passive = passive or frame.subject == "actor|site"
    if subject is not None:
        if passive:
            reading.add(frame.passive, phrase(doc, subject, "nsubjpass"))
        elif frame.subject == "actor|site" and subject.lemma_.lower() in SITE_NOUNS | {s.rstrip("s") for s in SITE_NOUNS}:
            reading.add("site", phrase(doc, subject, "nsubj"))  # "the crossing opened at dawn"
        else:
            reading.add("actor" if frame.subject.startswith("actor") else frame.subject, actor_phrase(doc, subject, "nsubj"))
    for child in verb.children:
        if child.dep_ in ("dobj", "attr") and frame.object:
            reading.add(frame.object, phrase(doc, child, "dobj"))


def read(doc, trigger, frame: Frame) -> Reading | None:
    """The trigger's arguments by the frame, or None when the frame's restrictions exclude it."""
    particles = {c.lower_ for c in trigger.children if c.dep_ == "prt"
                 or (c.dep_ == "advmod" and c.i == trigger.i + 1 and c.lower_ in PARTICLE_WORDS)}  # "closed in on Goma": the small model's "in" is often an advmod
    objects = {c.lemma_.lower() for c in trigger.children if c.dep_ in ("dobj", "attr")}
    if frame.needs.startswith("object:"):  # what a row asks for may be a passive's: "missiles were launched"
        objects |= {c.lemma_.lower() for c in trigger.children if c.dep_ == "nsubjpass"}
        if trigger.dep_ == "acl" and trigger.tag_ == "VBN":  # "a drone launched from ...": what was launched
            objects.add(trigger.head.lemma_.lower())
    subjects = {t.lemma_.lower() for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")
                for t in (c, *(a for a in c.children if a.dep_ == "appos"))}  # "Rabat – Calm has returned"
    if frame.event == "strike":  # "hit by floods": what struck is the passive's agent (not so "returned by order of")
        subjects |= {o.lemma_.lower() for c in trigger.children if c.dep_ == "agent"
                     for o in c.children if o.dep_ == "pobj"}
    if not frame.allows(particles, objects, subjects):
        return None
    reading = Reading(frame, trigger.i)
    heads = _noun_roles(doc, trigger, frame, reading) if frame.pos == "NOUN" else [trigger]
    if frame.pos == "VERB" and ((trigger.dep_ in ("acomp", "oprd") and trigger.head.lemma_ in COPULAS)
                                or _held_object(trigger) is not None):
        heads.append(trigger.head)  # "In Dajabón, the gate remains closed": the copula's prepositions
    if frame.pos == "VERB" and frame.event == "deployment":  # "stationed troops near its border": the parser
        heads += [c for c in trigger.children if c.dep_ == "dobj"]  # hangs where they are from the forces
    if frame.pos == "VERB":
        _verb_roles(doc, trigger, frame, reading)
    origins_targets = []
    for preposition in _prepositions(doc, heads):
        name = _preposition_name(preposition)
        role = "actor" if preposition.dep_ == "agent" or name == "by" and frame.pos == "NOUN" else \
            frame.prepositions.get(name, "")
        obj = object_of(preposition)
        if not role or obj is None:
            continue
        argument = phrase(doc, obj, name) if role != "actor" else actor_phrase(doc, obj, name)
        reading.add(role, argument)
        if role in ("origin", "target"):
            origins_targets.append((role, argument))
    if frame.event == "strike" and frame.pos == "VERB":
        _fired_things(doc, trigger, frame, reading)
    if frame.event == "closure":
        _flow_through(doc, reading)
    reading.pairs = _pairs(origins_targets)
    used = _used(trigger)
    if used is not None and frame.event in ("movement", "crossing"):
        reading.add("path", phrase(doc, used, "object of use"))  # "used the bridge to flee"
    if frame.needs_direction and not reading.pairs and "target" not in reading.roles and "origin" not in reading.roles \
            and not _arrives_somewhere(doc, reading) and not homeward(trigger):
        return None
    return reading


#: Prepositions of where a fired thing came down: "rockets fired from the hills landed in the town".
LANDING_PREPOSITIONS = {"in", "on", "at", "near", "inside", "into", "onto"}


def _fired_things(doc, trigger, frame: Frame, reading: Reading) -> None:
    """A strike told through its subject or what was fired. The subject's "from", or that of a participle
    modifying it, says where from: "missiles launched from the north struck the city", "shells from the hills
    hit the town", "gunmen from across the river attacked" (the origin, when the trigger has none). A fired
    thing's own verb says where it came down: "a shell fired from the hills exploded in the village" (the
    target, when the trigger has none but the fired thing; "a rocket fired from the hills was intercepted
    over the city" names no target, no "over")."""
    if "origin" not in reading.roles:
        subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
        modifiers = [m for s in subjects for m in s.children if m.dep_ == "acl" and m.tag_ in ("VBN", "VBG")]
        for preposition in [p for head in subjects + modifiers for p in head.children if p.dep_ == "prep"]:
            obj = object_of(preposition)
            if _preposition_name(preposition) in ("from", "out of") and obj is not None:
                reading.add("origin", phrase(doc, obj, "from, of what was fired"))
    if not all(p.via in ("nsubjpass", "dobj") for p in reading.roles.get("target", [])):
        return  # the trigger says where it struck
    fired = trigger.head
    landing_verbs = [fired.head] if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and \
        fired.dep_ in ("nsubj", "nsubjpass") else []
    # "fired shells that landed in Bangladesh": the clause of what was fired
    landing_verbs += [c for o in trigger.children if o.dep_ == "dobj" for c in o.children
                      if c.dep_ == "relcl" and c.lemma_ in LANDING_VERBS]
    for verb in landing_verbs:
        for preposition in (c for c in verb.children if c.dep_ == "prep"):
            obj = object_of(preposition)
            if preposition.lower_ in LANDING_PREPOSITIONS and obj is not None:
                reading.add("target", phrase(doc, obj, preposition.lower_ + ", where what was fired came down"))


#: Nouns of what passes a border: what stops or resumes there is the place it passes through.
FLOW_NOUNS = {"traffic", "trade", "transit", "passage", "flow", "flows", "movement", "movements"}
#: The prepositions of the way such a flow passes.
FLOW_PREPOSITIONS = {"through", "across", "via", "over"}


def _flow_through(doc, reading: Reading) -> None:
    """"Traffic through the Kapitan Andreevo checkpoint was suspended": what a closure stops is a flow, and the
    place it flows through (a directional phrase, so outside the flow's own phrase) is the site."""
    for flow in [*reading.roles.get("site", []), *reading.roles.get("actor", [])]:  # "trade ... resumed"
        head = doc[flow.head]
        if head.lemma_.lower() not in FLOW_NOUNS:
            continue
        for preposition in head.children:
            obj = object_of(preposition)
            if preposition.dep_ == "prep" and preposition.lower_ in FLOW_PREPOSITIONS and obj is not None:
                reading.add("site", phrase(doc, obj, preposition.lower_ + ", where the flow passes"))


def homeward(trigger) -> bool:
    """"deported them home", "sent back home", "sent 300 back": a movement to where the movers came from."""
    return any(c.lower_ in ("home", "back") and c.dep_ in ("advmod", "npadvmod", "dobj", "prt") for c in trigger.children)


def _arrives_somewhere(doc, reading: Reading) -> bool:
    """An arrival at a named place or a settlement has a direction ("arriving at the town of Burlington");
    "arrived on Monday" and "arrived at the meeting in Warsaw" have none."""
    return reading.frame.trigger == "arrive" and any(
        doc[p.head].pos_ == "PROPN" or doc[p.head].lower_ in SETTLEMENT_NOUNS for p in reading.roles.get("site", []))


def _used(trigger):
    """What "used X to flee", "using the crossing to smuggle" uses: the trigger's path."""
    head = trigger.head
    if trigger.dep_ in ("xcomp", "advcl") and head.lemma_ == "use":
        return next((c for c in head.children if c.dep_ == "dobj"), None)
    return None


def _pairs(items: list[tuple[str, Phrase]]) -> list[tuple[Phrase | None, Phrase | None]]:
    """(origin, target) pairs of the prepositions in text order: "from A to B, from C towards D" is two
    routes; with one origin, every target is a route from it ("fled from A into B and C")."""
    origins = [p for role, p in items if role == "origin"]
    targets = [p for role, p in items if role == "target"]
    if len(origins) <= 1:
        origin = origins[0] if origins else None
        return [(origin, t) for t in targets] or ([(origin, None)] if origin else [])
    pairs, current = [], None
    for role, p in items:
        if role == "origin":
            if current is not None:
                pairs.append((current, None))
            current = p
        else:
            pairs.append((current, p))
            current = None
    if current is not None:
        pairs.append((current, None))
    return pairs
