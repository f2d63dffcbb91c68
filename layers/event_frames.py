"""The event frames: which word triggers which event, and which part of the sentence plays which role.

``data/event_frames.csv`` is the table, one row per trigger lemma and part of
speech: its event type (movement, crossing, closure, strike, deployment), the
status a closure sets, and the role of its subject, object, passive subject,
"of" phrase and each preposition. Rows named ``*`` hold the defaults of an
event type; a trigger's row overrides them. ``needs`` restricts a row:
``direction`` (a movement needs an origin or a target, "moved into" not
"moved on"), ``particle:back|out`` ("pulled back"), ``not-particle:in``
("closed in on the town" is no closure), ``object:fire`` ("opened
fire"), ``not-object:...`` ("fired officials" is no strike), ``subject:...``
("troops are in the city"), ``not-subject:...`` ("calm has returned"; for a
strike a passive's agent counts as its subject: "hit by floods", "struck by
an earthquake" are no strikes) and,
for a noun, ``governor:...``: the noun is its event only when one of those
words governs it ("opened fire", "under fire", "an exchange of fire"),
a word modifies it ("mortar fire") or one of its prepositions follows ("fire
on the village"); "destroyed by fire", "set fire to" are no strikes.
``scope`` ``border`` marks a verb of everyday travel ("moved to", "travelled
to", "returned to"): the movement it tells is a border event only where it
touches a border (``layers.events``), not "the pair moved to Springfield".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache

from bordermap.geo.data_files import data_file

ROLES = ("actor", "origin", "target", "site", "path", "side", "theme")
EVENT_TYPES = ("movement", "crossing", "closure", "strike", "deployment")


@dataclass(frozen=True)
class Frame:
    """One trigger lemma's event and the role each part of its sentence plays."""

    trigger: str
    pos: str  # VERB or NOUN
    event: str
    status: str | None
    subject: str  # "actor", or "actor|site": a subject that names a crossing or a border is the site
    object: str
    passive: str
    of: str
    prepositions: dict[str, str] = field(default_factory=dict)  # preposition -> role ("" = no role)
    needs: str = ""
    scope: str = ""  # "border": a movement of this trigger is kept only where it touches a border
    example: str = ""

    @property
    def needs_direction(self) -> bool:
        return self.needs == "direction"

    def allows(self, particles: set[str], object_lemmas: set[str], subject_lemmas: set[str] = frozenset()) -> bool:
        """The row's restriction on particles, objects and subjects: "pulled back", "opened fire", not "fired
        officials", "troops are in the city"."""
        kind, _, words = self.needs.partition(":")
        wanted = set(words.split("|")) if words else set()
        if kind == "particle":
            return bool(wanted & particles)
        if kind == "not-particle":
            return not wanted & particles
        if kind == "object":
            return bool(wanted & object_lemmas)
        if kind == "not-object":
            return not wanted & object_lemmas
        if kind == "subject":
            return bool(wanted & subject_lemmas)
        if kind == "not-subject":
            return not wanted & subject_lemmas
        return True

    def used_as_event(self, noun) -> bool:
        """A ``governor:`` row's restriction on its noun (a spaCy token); any other row allows it."""
        kind, _, words = self.needs.partition(":")
        if kind != "governor":
            return True
        head = noun.head
        governors = {head.lower_, head.lemma_.lower()}
        if head.dep_ == "prep":  # "under fire", "an exchange of fire"
            governors |= {head.head.lower_, head.head.lemma_.lower()}
        return bool(governors & set(words.split("|"))
                    or any(c.dep_ in ("compound", "amod", "nmod") for c in noun.children)
                    or any(c.dep_ == "prep" and self.prepositions.get(c.lower_) for c in noun.children))

    def cue_words(self) -> set[str]:
        """The words that make a sentence worth parsing for this frame: the trigger's forms, or for a verb as
        common as "be" the subjects it needs ("troops are in Goma")."""
        kind, _, words = self.needs.partition(":")
        if kind == "subject" and self.trigger == "be":
            return {form for word in words.split("|") for form in (word, word + "s")}
        return inflections(self.trigger)


def _prepositions(text: str) -> dict[str, str]:
    pairs = (item.split("=", 1) for item in text.split("|") if item)
    return {preposition: role for preposition, role in pairs}


@lru_cache(maxsize=1)
def _rows() -> list[dict[str, str]]:
    with data_file("event_frames.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _rows_by_default() -> dict[str, dict[str, str]]:
    """Event type -> its row of defaults (trigger ``*``)."""
    return {row["event"]: row for row in _rows() if row["trigger"] == "*"}


@lru_cache(maxsize=1)
def frames() -> dict[tuple[str, str], list[Frame]]:
    """(lemma, part of speech) -> its frames, defaults of the event type filled in."""
    rows = _rows()
    defaults = _rows_by_default()
    table: dict[tuple[str, str], list[Frame]] = {}
    for row in rows:
        if row["trigger"] == "*":
            continue
        base = defaults[row["event"]]
        table.setdefault((row["trigger"], row["pos"]), []).append(Frame(
            trigger=row["trigger"], pos=row["pos"], event=row["event"], status=row["status"] or None,
            subject=row["subject"] or base["subject"], object=row["object"] or base["object"],
            passive=row["passive"] or base["passive"], of=row["of"] or base["of"],
            prepositions=_prepositions(base["prepositions"]) | _prepositions(row["prepositions"]),
            needs=row["needs"], scope=row["scope"], example=row["example"]))
    return table


@lru_cache(maxsize=64)
def path_frame(word: str) -> Frame:
    """A verb the table lacks, read as a crossing by its path ("ran across the border", "were bused across
    the frontier"): the crossing defaults under the verb's own word. ``layers.events`` decides when."""
    base = _rows_by_default()["crossing"]
    return Frame(trigger=word, pos="VERB", event="crossing", status=None, subject=base["subject"],
                 object=base["object"], passive=base["passive"], of=base["of"],
                 prepositions=_prepositions(base["prepositions"]), needs="", scope="", example="")


@lru_cache(maxsize=1)
def trigger_words() -> frozenset[str]:
    """Every form of every trigger a sentence may hold ("closed", "closes", "closing", "shelled"): a sentence
    without one is not parsed."""
    return frozenset(form for rows in frames().values() for frame in rows for form in frame.cue_words())


#: Past forms English does not make by rule, for the triggers of the table.
IRREGULAR = {"strike": ("struck", "stricken"), "shut": ("shut",), "flee": ("fled",), "seize": ("seized",),
             "withdraw": ("withdrew", "withdrawn"), "send": ("sent",), "overrun": ("overran",), "retake": ("retook", "retaken"),
             "hit": ("hit",), "lead": ("led",), "take": ("took", "taken"), "buildup": ("build-up",)}


def inflections(lemma: str) -> set[str]:
    """The regular forms of an English verb or noun lemma, and the irregular ones the table needs."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", *IRREGULAR.get(lemma, ())}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "shelled", "shutting"
    return forms
