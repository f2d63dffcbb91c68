"""Coarse parts of speech and lemmas for the parsed sentences, without spaCy's attribute ruler and lemmatizer.

Those two cost as much as the parser itself on the sentences events read
(1.5 s and 1.0 s against 2.7 s for 2,021 sentences of general news, one
core). Events only ask whether a word is one of a few hundred lemmas (a
trigger of the frame table, a light verb, a speech verb, ...), so the
coarse part of speech comes from the tagger's fine one (Penn tags, as the
attribute ruler maps them) and the lemma is the first form of the word,
regular or irregular, that events know; any other word is its lower case.
"""

from __future__ import annotations

from functools import lru_cache

#: Penn Treebank tag -> Universal part of speech, as en_core_web_sm's attribute ruler maps them.
TAG_POS = {"NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
           "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
           "AFX": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "IN": "ADP", "RP": "ADP",
           "DT": "DET", "PDT": "DET", "WDT": "DET", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "WP$": "PRON",
           "EX": "PRON", "CD": "NUM", "CC": "CCONJ", "TO": "PART", "POS": "PART", "UH": "INTJ", "SYM": "SYM",
           "FW": "X", "XX": "X", "ADD": "X", "NFP": "PUNCT", "HYPH": "PUNCT", ",": "PUNCT", ".": "PUNCT",
           ":": "PUNCT", "``": "PUNCT", "''": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "$": "SYM", "_SP": "SPACE"}
AUXILIARIES = {"be", "have", "do"}
#: Irregular forms of the verbs and nouns events know.
IRREGULAR = {
    "say": ("said",), "tell": ("told",), "take": ("took", "taken"), "go": ("went", "gone"), "make": ("made",),
    "be": ("is", "are", "was", "were", "been", "being", "am", "'s", "'re", "’s", "’re", "'m"),
    "have": ("has", "had", "'ve", "’ve"), "do": ("did", "does", "done"), "hold": ("held",), "find": ("found",),
    "begin": ("began", "begun"), "send": ("sent",), "keep": ("kept",), "lead": ("led",), "seek": ("sought",),
    "write": ("wrote", "written"), "show": ("shown",), "strike": ("struck", "stricken"), "shut": ("shut",),
    "flee": ("fled",), "withdraw": ("withdrew", "withdrawn"), "overrun": ("overran",), "hit": ("hit",),
    "retake": ("retook", "retaken"), "drive": ("drove", "driven"), "become": ("became",), "put": ("put",),
    "let": ("let",), "fight": ("fought",), "fall": ("fell", "fallen"), "bring": ("brought",), "leave": ("left",), "come": ("came",),
    "run": ("ran",), "set": ("set",), "see": ("saw", "seen"), "think": ("thought",), "buildup": ("build-up",),
    "stand": ("stood",), "lose": ("lost",), "win": ("won",), "forbid": ("forbade", "forbidden"),
}
_FORM_LEMMA = {form: lemma for lemma, forms in IRREGULAR.items() for form in forms}


@lru_cache(maxsize=1)
def known_lemmas() -> frozenset[str]:
    """Every lemma events compare a word with."""
    from bordermap.layers import arguments, grounding, modality
    from bordermap.layers.event_frames import frames

    words = {lemma for lemma, _ in frames()}
    for table in (arguments.LIGHT_VERBS, arguments.ENGAGING_VERBS, arguments.OBJECT_CONTROL, arguments.TIME_NOUNS,
                  arguments.JOURNEY_NOUNS, arguments.HARM_VERBS, arguments.FLOW_NOUNS, arguments.LANDING_VERBS,
                  arguments.SITE_NOUNS, arguments.COPULAS, modality.STATE_VERBS, modality.UNREAL_HEADS,
                  modality.DENIALS, modality.CLAIM_VERBS, grounding.BORDER_NOUNS, grounding.CROSSING_NOUNS,
                  {"use", "assault", "invasion", "offensive", "war", "attack", "incursion", "operation", "fighting"}):
        words |= set(table) | {w[:-1] for w in table if w.endswith("s")}
    for frame_rows in frames().values():
        for frame in frame_rows:
            kind, _, cue = frame.needs.partition(":")
            if kind in ("object", "not-object", "subject", "not-subject"):
                words |= set(cue.split("|"))
    return frozenset(words | set(IRREGULAR))


@lru_cache(maxsize=1)
def trigger_nouns() -> frozenset[str]:
    """The nouns of the frame table ("attack", "strike", "closure"): a plural noun is read as one of them."""
    from bordermap.layers.event_frames import frames

    return frozenset(lemma for lemma, pos in frames() if pos == "NOUN")


def lemma(word: str, tag: str) -> str:
    """The lemma events know a word by: "closed" -> "close", "crossings" -> "crossing", "fled" -> "flee";
    a word events do not know is its lower case."""
    lower = word.lower()
    if lower in _FORM_LEMMA:
        return _FORM_LEMMA[lower]
    if tag == "NNS":  # "attacks" is a cue word of its own (of "launched attacks"), but as a noun it is "attack"
        singular = _singular(lower)
        if singular in trigger_nouns():
            return singular
    known = known_lemmas()
    verb = tag.startswith("VB")  # "crossing" tagged a verb is "cross", tagged a noun it is "crossing"
    for candidate in (_stems(lower) + [lower]) if verb else ([lower] + _stems(lower)):
        if candidate in known:
            return candidate
    return lower


def _singular(word: str) -> str | None:
    """The noun a regular plural is of: "attacks" -> "attack", "clashes" -> "clash", "incursions" -> "incursion"
    ("refugees" is "refugee", not "refuge")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else None


def _stems(word: str) -> list[str]:
    """The lemmas a regular form may come from, most likely first."""
    found = []
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")),
                                 ("es", ("", "e")), ("s", ("",)), ("d", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            found += [stem + r for r in replacements]
            if suffix in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2]:
                found.append(stem[:-1])  # "shelled" -> "shell" (kept), "shutting" -> "shut"
    return found


def annotate(doc) -> None:
    """Set ``pos_`` and ``lemma_`` of a parsed doc from its fine tags (see the module's docstring)."""
    for token in doc:
        pos = TAG_POS.get(token.tag_, "X")
        token.lemma_ = lemma(token.text, token.tag_)
        if pos == "VERB" and (token.lemma_ == "be" or (token.lemma_ in AUXILIARIES and token.dep_ in ("aux", "auxpass"))):
            pos = "AUX"
        token.pos_ = pos
