"""The ``Article``: one object that flows geo -> layers -> maps.

Like a spaCy ``Doc``, it carries the text and everything later stages found
in it, each fact with character offsets into ``text`` so that any point on
the map can quote its sentence. Stages add to it; none re-reads the raw text
to redo an earlier stage's work.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from bordermap.geo.gazetteer import Place


@dataclass
class Mention:
    """A place named in the text: a toponym, a metonym or a region phrase.

    ``kind`` says how it is named: "toponym" ("Minsk"), "metonym" ("the
    Kremlin" for Moscow) or "region_phrase" ("northwest Ukraine": a place plus
    a ``qualifier``). ``query`` is the name looked up in the gazetteer.
    """

    start: int
    end: int
    text: str
    kind: str = "toponym"
    query: str = ""
    qualifier: str | None = None
    found_by: str = ""
    place: Place | None = None
    confidence: float = 0.0
    reason: str = ""
    part: Place | None = None  # "northern Norway": the part of the place its qualifier names (geo.country_parts)

    def __post_init__(self) -> None:
        self.query = self.query or self.text

    @property
    def where(self) -> Place | None:
        """The place the mention puts on the map: the part its qualifier names, else the place itself."""
        return self.part or self.place


@dataclass
class Demonym:
    """A demonym or adjective ("Belarusian") and the country it implies."""

    start: int
    end: int
    text: str
    country_code: str | None
    place: Place | None = None


@dataclass
class Article:
    """A news article and what the pipeline found in it."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 publication date, "YYYY-MM-DD" or "YYYY-MM"
    url: str | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    demonyms: list[Demonym] = field(default_factory=list)
    events: list[Any] | None = None  # None until the events stage has read the article
    doc: Any = field(default=None, repr=False, compare=False)  # the spaCy Doc, not serialised
    source: str | None = field(default=None, compare=False)  # where it was read ("c.jsonl line 12"), for errors
    _sentence_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _quote_pieces: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict, init=False, repr=False,
                                                                        compare=False)

    def sentence_span(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence that holds character ``offset``."""
        if not self.sentences:
            return (0, len(self.text))
        if len(self._sentence_starts) != len(self.sentences):  # once per article, not per fact
            self._sentence_starts = [s for s, _ in self.sentences]
        i = max(bisect.bisect_right(self._sentence_starts, offset) - 1, 0)
        return self.sentences[i]

    def sentence_text(self, offset: int) -> str:
        start, end = self.sentence_span(offset)
        return self.text[start:end]

    def quote_span(self, start: int, end: int) -> tuple[int, int]:
        """What a fact at [start, end) quotes: its sentence, or, in a sentence over ``MAX_QUOTE_CHARS``, the
        piece of it that holds the fact. The pieces tile the sentence at word boundaries, so the facts of one
        piece share one quote and a text of a thousand places in one run-on sentence gives files that grow
        with the text, not with its square."""
        first, last = self.sentence_span(start)
        if last - first <= MAX_QUOTE_CHARS:
            return first, last
        if (first, last) not in self._quote_pieces:
            self._quote_pieces[(first, last)] = _pieces(self.text, first, last)
        pieces = self._quote_pieces[(first, last)]
        left, right = pieces[max(bisect.bisect_right(pieces, (start, last)) - 1, 0)]
        return left, max(right, min(end, last))  # a name across the cut stays whole

    def quote_text(self, start: int, end: int) -> str:
        first, last = self.quote_span(start, end)
        return self.text[first:last]

    @property
    def places(self) -> list[Mention]:
        """The mentions resolved to a gazetteer place."""
        return [m for m in self.mentions if m.place is not None]


def _pieces(text: str, first: int, last: int) -> list[tuple[int, int]]:
    """A long sentence [first, last) cut at spaces into pieces of at most ``MAX_QUOTE_CHARS`` (a word longer
    than that is cut where it must be)."""
    pieces, left = [], first
    while left < last:
        right = min(last, left + MAX_QUOTE_CHARS)
        if right < last and (space := text.rfind(" ", left + 1, right + 1)) != -1:
            right = space  # whole words
        pieces.append((left, right))
        left = right + (right < last and text[right] == " ")
    return pieces


#: A sentence up to this long is quoted whole (news sentences nearly always are); a longer one is quoted
#: by the piece of at most this many characters that holds the fact.
MAX_QUOTE_CHARS = 400


def _place_fields(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {"name": None, "lat": None, "lon": None, "country_code": None, "kind": None, "geonameid": None}
    return {"name": place.name, "lat": round(place.lat, 6), "lon": round(place.lon, 6),
            "country_code": place.country_code, "kind": place.kind, "geonameid": place.geonameid}


def article_record(article: Article) -> dict[str, Any]:
    """The JSON record of ``bordermap places``: toponyms and demonyms with offsets."""
    toponyms = [
        {"start": m.start, "end": m.end, "text": m.text, **_place_fields(m.place), "mention": m.kind,
         "qualifier": m.qualifier, "confidence": m.confidence, "reason": m.reason,
         "sentence": article.quote_text(m.start, m.end)}
        for m in article.mentions
    ]
    demonyms = [
        {"start": d.start, "end": d.end, "text": d.text, "country_code": d.country_code,
         "name": d.place.name if d.place else None,
         "lat": round(d.place.lat, 6) if d.place else None, "lon": round(d.place.lon, 6) if d.place else None}
        for d in article.demonyms
    ]
    return {"id": article.id, "title": article.title, "date": article.date, "url": article.url,
            "toponyms": toponyms, "demonyms": demonyms}
