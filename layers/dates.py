"""Resolve the dates a sentence states against the article's publication date.

News dates events relative to the day it is published: "last February" in an
article of 2023-02-16 is 2022-02, "February 24" next to it is 2022-02-24 (the
latest February 24 not after publication), "on Wednesday" is the Wednesday
before. A date we cannot place stays ``None``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
#: Patterns, most specific first; each yields (kind, match).
PATTERNS = [
    ("day_month_year", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)),
    ("day_month_year", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)),
    ("month_year", re.compile(rf"\b{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)),
    ("day_month", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)", re.IGNORECASE)),
    ("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!,?\s*(?:19|20)\d\d)", re.IGNORECASE)),
    ("last_month", re.compile(rf"\blast\s+{_MONTH}\b", re.IGNORECASE)),
    ("in_month", re.compile(rf"\b(?:in|since|during|early|late|mid-?)\s+{_MONTH}\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?:on\s+|last\s+|this\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)),
    ("relative_day", re.compile(r"\b(?P<rel>yesterday|today|tonight|overnight|this morning|this evening)\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:in|since|during|of)\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)),
]

#: Characters between a trigger and a date that still dates it.
MAX_DISTANCE = 60


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        parts = [int(p) for p in published[:10].split("-")]
        return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 28)
    except (ValueError, IndexError):
        return None


def _latest(month: int, day: int | None, pub: date, strictly_before_month: bool = False) -> tuple[int, int]:
    """The year of the latest (month, day) not after the publication date."""
    year = pub.year
    if strictly_before_month:
        if month >= pub.month:
            year -= 1
    elif (month, day or 1) > (pub.month, pub.day):
        year -= 1
    if year < 1:  # before a publication date early in year 1: no such year
        raise ValueError("year 0")
    return year, month


def resolve_date(sentence: str, published: str | None, near: int | None = None) -> str | None:
    """The date the sentence states, as "YYYY-MM-DD", "YYYY-MM" or "YYYY".

    With ``near`` (the offset of the event's trigger in the sentence) the date
    expression closest to it wins: "met Thursday, ... following skirmishes
    Wednesday" dates the skirmishes Wednesday. Otherwise, and between
    expressions equally close, the most specific pattern wins. A date more than
    MAX_DISTANCE characters from the trigger belongs to another clause
    ("declaring its sovereignty in 1990, Belarus ... has played a key role in
    its invasion of Ukraine").
    """
    pub = _parse_published(published)
    best: tuple[int, int, str] | None = None
    reach = len(sentence) if near is None else MAX_DISTANCE
    for rank, (kind, pattern) in enumerate(PATTERNS):
        for match in pattern.finditer(sentence):
            value = _value(kind, match.groupdict(), pub, published)
            if value is None:
                continue
            distance = 0 if near is None else max(match.start() - near, near - match.end(), 0)
            if distance > reach and kind not in ("weekday", "relative_day"):
                continue  # wire copy puts the day of the action anywhere: "... failed ... Thursday"
            if best is None or (distance, rank) < best[:2]:
                best = (distance, rank, value)
            if near is None:
                break
    return best[2] if best else None


def _value(kind: str, groups: dict, pub: date | None, published: str | None) -> str | None:
    month = MONTHS.get((groups.get("month") or "").lower().rstrip("."))
    try:
        if kind == "day_month_year":
            return date(int(groups["year"]), month, int(groups["day"])).isoformat()
        if kind == "month_year":
            return f"{int(groups['year']):04d}-{month:02d}"
        if kind == "year":
            return groups["year"]
        if pub is None:
            return None
        if kind == "day_month":
            year, _ = _latest(month, int(groups["day"]), pub)
            return date(year, month, int(groups["day"])).isoformat()
        if kind == "last_month":
            year, _ = _latest(month, None, pub, strictly_before_month=True)
            return f"{year:04d}-{month:02d}"
        if kind == "in_month":
            year, _ = _latest(month, None, pub)
            return f"{year:04d}-{month:02d}"
        if kind == "weekday" and len(published or "") >= 10:
            back = (pub.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
            return (pub - timedelta(days=back)).isoformat()
        if kind == "relative_day" and len(published or "") >= 10:
            shift = 1 if groups["rel"].lower() == "yesterday" else 0
            return (pub - timedelta(days=shift)).isoformat()
    except (ValueError, TypeError, OverflowError):  # OverflowError: "yesterday" of 0001-01-01
        return None
    return None
