"""Normalised place-name keys, so that spelling variants meet in one index entry.

News writes "Brześć", "Brzesc" and "BREST-LITOVSK"; the gazetteer stores each
place under the key this module computes, and every lookup computes the same
key from the query. Case, diacritics, apostrophes, hyphens and full stops are
folded away; scripts are kept (Cyrillic stays Cyrillic), because GeoNames
already lists the transliterations as alternate names.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition does not split into base + mark.
_FOLD = str.maketrans(
    {
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h",
        "ı": "i", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th",
        "ð": "d", "ß": "ss",
    }
)
_DROP = re.compile(r"[\u0027\u2018\u2019\u02bc\u02bb\u0060\u00b4\u02b9\u02ba\u200b-\u200f.]")
_SPACE = re.compile(r"[\s\-\u2010-\u2015_/,]+")

#: Words a name may abbreviate before another word ("St. Kitts", "Ft. Worth", "Mt. Vernon"): the key
#: spells them out, as GeoNames mostly does ("Saint Kitts").
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_ABBREVIATED_WORD = re.compile(r"(?<![^ ])(?:st|ste|ft|mt)(?= )", re.IGNORECASE)

#: The longest key worth storing or looking up; longer strings are not names.
MAX_KEY_LENGTH = 80


def name_key(name: str) -> str:
    """Return the lookup key of a place name ("" when nothing is left)."""
    return _fold(name, keep_case=False)


def surface_key(name: str) -> str:
    """The key with its case kept: "ACT" and "Act", "LA" and "La." differ; "L.A." and "LA" do not."""
    return _fold(name, keep_case=True)


def _fold(name: str, keep_case: bool) -> str:
    if len(name) > 4 * MAX_KEY_LENGTH:
        return ""
    text = name
    if not text.isascii():  # ASCII has nothing to fold or decompose
        text = unicodedata.normalize("NFKD", text.translate(_FOLD)).translate(_COMBINING_MARKS)
    text = _DROP.sub("", text if keep_case else text.casefold())
    text = _SPACE.sub(" ", text).strip()
    folded = text.casefold() if keep_case else text
    if "t " in folded or "te " in folded:  # the only way an abbreviation of _ABBREVIATIONS can end
        text = _ABBREVIATED_WORD.sub(lambda m: _ABBREVIATIONS[m.group(0).casefold()], text)
    return text if len(text) <= MAX_KEY_LENGTH else ""


class _CombiningMarks(dict):
    """A translation table deleting every combining mark: one C-level pass instead of a test per character,
    which made key folding half the time of the gazetteer index build (3 million names). Filled as code
    points are met, so a first fold at run time does not pay for a table of all 1.1 million."""

    def __missing__(self, point: int) -> int | None:
        self[point] = value = None if unicodedata.combining(chr(point)) else point
        return value


_COMBINING_MARKS = _CombiningMarks()
