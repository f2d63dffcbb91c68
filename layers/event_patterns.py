"""The tables that event extraction reads: triggers, role cues, actors, statuses.

Kept as data so that a new kind of sentence is a new row, not a new branch.
All patterns are matched case-insensitively on one sentence.
"""

from __future__ import annotations

import re

#: Event type -> trigger pattern. A sentence may carry several events.
TRIGGERS: dict[str, re.Pattern] = {
    "movement": re.compile(
        r"\b(?:cross(?:ed|es|ing)?\s+(?:the\s+border\s+)?into|invad(?:ed|es|ing)|invasion|incursions?|"
        r"enter(?:ed|s|ing)?|push(?:ed|ing)?\s+(?:deeper\s+)?into|mov(?:ed|es|ing)\s+(?:further\s+)?into|"
        r"advanc(?:ed|es|ing)\s+(?:on|into|toward|to)|raids?|withdr[ae]w(?:ing|al|n)?|pull(?:ed|ing)?\s+(?:out|back)|"
        r"pullout|fled|flee(?:ing)?|poured\s+into|launched\s+from|marched|offensive|cross-border|moving\s+(?:forward|further|deeper)|"
        r"seized|captured|took\s+control|assault\s+to|mov(?:ed|es|ing)|redeploy(?:ed|ing|s)?|transferr(?:ed|ing))\b",
        re.IGNORECASE),
    "strike": re.compile(
        r"\b(?:strikes?|struck|target(?:ed|ing)|shell(?:ed|ing|s)?|bomb(?:ed|ing|ings|ers)?|missiles?|rockets?|air\s?raids?|"
        r"artillery|drones?|fired|fire\s+on|gunfire|gunmen|attack(?:ed|s|ing)?|clash(?:ed|es)?|fighting|skirmish(?:es)?|"
        r"exchange\s+of\s+fire|exchanged\s+(?:\w+\s+){0,4}fire)\b", re.IGNORECASE),
    "closure": re.compile(
        r"\b(?:clos(?:ed|es|ing|ure)|shut(?:\s+down)?|seal(?:ed|ing)|reopen(?:ed|s|ing)?|re-opened|opened(?!\s+fire)|"
        r"suspend(?:ed|s)?|still\s+functioning|(?:was|is|are|were|remain(?:s|ed)?)\s+open)\b", re.IGNORECASE),
    "deployment": re.compile(
        r"\b(?:deploy(?:ed|s|ing|ment)?|mass(?:ed|ing)|amass(?:ed|ing)?|station(?:ed|ing)|"
        r"build-?up|drills?|exercises|reinforc(?:ed|ements?)|sent\s+(?:more\s+)?troops|entrenched|dug\s+in|"
        r"(?:troops|forces|soldiers)\s+(?:are|were|remain(?:ed)?|have\s+been)\s+(?:still\s+)?(?:in|inside|at|near))\b",
        re.IGNORECASE),
}

#: Strike triggers with no direction: the fighting happens at the sentence's site, wherever it is named
#: ("met ... near Preah Vihear temple ... following brief skirmishes Wednesday").
NON_DIRECTIONAL = re.compile(r"^(?:clash(?:ed|es)?|fighting|skirmish(?:es)?|gunfire|exchange)", re.IGNORECASE)

#: Words just before a trigger that make it a threat or a condition, not an event. "Will remain
#: closed", "would stay entrenched" state what already holds, so they are not hypothetical.
HYPOTHETICAL = re.compile(
    r"\b(?:unless|if|(?:would|will)(?!\s+(?:still\s+)?(?:remain|stay|continue|keep))|could|might|won[’']t|"
    r"not\s+going\s+to|threat(?:en(?:s|ed)?)?\s+to|"
    r"fears?|feared|plans?\s+to|ready\s+to|no\s+way)\b", re.IGNORECASE)

#: A closure or crossing sentence must be about a border or a crossing point.
BORDER_WORDS = re.compile(r"\b(?:border|crossings?|checkpoints?|frontier|boundary|bridge|gate)\b", re.IGNORECASE)

#: Present or present perfect near a trigger: the event holds on the day of publication.
PRESENT = re.compile(r"\b(?:is|are|has|have|now|currently|continues?|remains?)\b", re.IGNORECASE)

#: Words that point back to a place named before: "clashes took place in the same region Sunday".
ANAPHORA = re.compile(r"\b(?:the\s+same\s+(?:region|area|place|spot|town|village|district)|the\s+area)\b", re.IGNORECASE)

#: A closure of every crossing is a closure of the border, not of one place.
WHOLE_BORDER = re.compile(r"\b(?:all|every|entire|whole)\s+(?:the\s+|its\s+)?(?:border|crossing|checkpoint|frontier)", re.IGNORECASE)

#: Status of a crossing, most specific first.
STATUSES: list[tuple[str, re.Pattern]] = [
    ("closed_one_side", re.compile(r"(?:still\s+functioning|remains?\s+open|is\s+open).{0,120}\bclos|"
                                   r"\bclos.{0,120}(?:still\s+functioning|remains?\s+open)|from\s+(?:their|its|one)\s+side", re.IGNORECASE)),
    ("open", re.compile(r"\b(?:reopen(?:ed|s|ing)?|re-opened|opened)\b", re.IGNORECASE)),
    ("closed", re.compile(r"\b(?:clos(?:ed|es|ing|ure)|shut|seal(?:ed|ing)|suspend(?:ed|s)?)\b", re.IGNORECASE)),
]

#: Words before a place that give its role in a movement or strike.
FROM_CUES = re.compile(r"\b(?:from|out\s+of|launched\s+from|via|using|used|fleeing|fled|escaping)\s+"
                       r"(?:the\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)
TO_CUES = re.compile(r"\b(?:into|to|toward|towards|on|in|within|against|invasion\s+of|reached|entered|enter|invaded|"
                     r"seized|captured|took|retake|bombed|shelled|struck|hit|targeted|attack(?:ed|ing|s)?|"
                     r"shelling|bombing|pound(?:ed|ing))\s+"
                     r"(?:the\s+)?(?:[\w’'-]+\s+){0,4}$", re.IGNORECASE)
AT_CUES = re.compile(r"\b(?:in|at|near|on|of|along|outside|around)\s+(?:the\s+)?(?:\w+\s+){0,4}$", re.IGNORECASE)

#: Who acts: a group noun with up to four modifiers before it (trimmed by ACTOR_STOP).
ACTOR = re.compile(
    r"((?:[\w’'“”\-]+\s+){0,4}(?:troops|forces|soldiers|army|military|militants|militiamen|militia|rebels|"
    r"guerrillas|fighters|bombers|jets|warplanes|planes|aircraft|drones|tanks|border\s+guards|police|refugees|"
    r"migrants|insurgents|commandos|units|navy|marines|officials|authorities|reporters|journalists|civilians|"
    r"residents|villagers|smugglers|protesters|nationals|Hezbollah|Hamas|Taliban|M23|PKK))",
    re.IGNORECASE)
#: A modifier run of an actor stops at these words ("Witnesses in Somalia say Ethiopian troops").
ACTOR_STOP = {"the", "a", "an", "to", "say", "says", "said", "of", "in", "on", "at", "by", "with", "that", "from",
              "for", "as", "is", "are", "was", "were", "has", "have", "had", "halt", "told", "press", "its", "their",
              "his", "her", "when", "while", "after", "before", "against", "between", "some", "what", "it", "also",
              "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
              "thousands", "several", "many", "joined"}

#: A place that acts: "Ukraine targeted ...", "Ankara has carried out air strikes", "South Sudan seized".
SUBJECT_ACTS = re.compile(
    r"^\s*(?:(?:has|have|had|also|is|are|was|were|then|now|reportedly|allegedly)\s+)*"
    r"(?:targeted|bombed|shelled|struck|attacked|fired|carried\s+out|carrying\s+out|launched|seized|captured|"
    r"invaded|sent|deployed|said\s+it\s+was\s+(?:commencing|beginning|starting))\b", re.IGNORECASE)
#: Movements that enter a country: with no stated origin they come from the other side of the article's border.
ENTRY = re.compile(r"^(?:enter|cross(?!-)|poured|invad|invasion|incursion)|into$", re.IGNORECASE)
#: Movements of forces from where they are to somewhere else: "moving ... troops it has in Iraq to South Ossetia".
TRANSFER = re.compile(r"^(?:mov|redeploy|transferr)\w*$", re.IGNORECASE)
#: Movements away from a place: with no stated target they end in the actor's own country.
WITHDRAWAL = re.compile(r"\b(?:withdr[ae]w\w*|pull(?:ed|ing)?\s+(?:out|back)|pullout|retreat\w*)\b", re.IGNORECASE)

#: "to the north of Kyiv", "north of Kyiv": a direction relative to a place.
RELATIVE_DIRECTION = re.compile(
    r"\b(?:to\s+the\s+)?(north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of\s+$", re.IGNORECASE)
#: Stated lengths of a border: "1,000-kilometer (621-mile) Ukrainian-Belarusian border".
LENGTH_CLAIM = re.compile(
    r"(?P<value>\d{1,3}(?:,\d{3})*(?:\.\d+)?)[\s-]*(?P<unit>kilometers?|kilometres?|km|miles?|mi)\b[^.]{0,60}?\bborder", re.IGNORECASE)
